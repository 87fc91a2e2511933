"""The project's errors: each carries the one-line message a user sees and the exit code.

This module imports nothing of the package: every other module may raise these. Small record
types here and elsewhere are msgspec Structs rather than dataclasses: they cost a tenth as much
to define, and every command pays for defining them at start-up.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence

import msgspec


class ExitCode(enum.IntEnum):
    """What the program's exit status means, as documented in the README and in ``--help``."""

    OK = 0
    NOT_FOUND = 1  # the data has no answer, the data is bad, or the output could not be written
    USAGE = 2  # the command line cannot be understood


class Problem(msgspec.Struct, frozen=True):
    """One thing wrong with a data file, located by file and JSON path."""

    file: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.path}: {self.message}"


class TwoSessionsError(Exception):
    """An error the CLI reports as one line on stderr, then exits with ``exit_code``."""

    exit_code: ExitCode = ExitCode.NOT_FOUND

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(TwoSessionsError):
    """The question was well-formed but the data has no answer (exit 1)."""

    exit_code: ExitCode = ExitCode.NOT_FOUND


class UsageProblem(TwoSessionsError):
    """The arguments cannot be understood (exit 2)."""

    exit_code: ExitCode = ExitCode.USAGE


class DataError(TwoSessionsError):
    """A data file is missing, malformed or breaks a rule (exit 1)."""

    exit_code: ExitCode = ExitCode.NOT_FOUND

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)

    @classmethod
    def from_problems(cls, problems: Sequence[Problem], hint: str = "") -> DataError:
        first = problems[0]
        others = len(problems) - 1
        # text.plural lives on this module's own layer, which it may not import from.
        more = f" (and {others} more problem{'' if others == 1 else 's'})" if others else ""
        return cls(f"bad data: {first}{more}{'; ' + hint if hint else ''}", problems)
