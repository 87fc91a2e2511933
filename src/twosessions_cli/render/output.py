"""Where output goes: the console, finished documents on stdout or in a file, JSON, messages.

Rich is imported only when a console is made, so ``--json`` and ``--version`` never load it.
"""

from __future__ import annotations

import enum
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from twosessions_cli.errors import TwoSessionsError
from twosessions_cli.text import PROG, one_line

if TYPE_CHECKING:
    from rich.console import Console


class OutputFormat(enum.StrEnum):
    """The values of --format; --json is short for --format json."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


# In JSON these stay escaped, so the document is the same data and still inert on a terminal.
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_text(payload: Any) -> str:
    """One JSON document, indented, non-ASCII kept and the characters that could drive a
    terminal escaped, ending in a newline."""
    import msgspec

    text = msgspec.json.format(msgspec.json.encode(payload), indent=2).decode("utf-8")
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def emit_json(payload: Any) -> None:
    """Print one JSON document: UTF-8 whatever the locale, so it is the same bytes everywhere."""
    write_output(None, json_text(payload).encode("utf-8"))


def write_output(path: Path | None, data: bytes) -> None:
    """Write a finished document to ``path``, or to standard output when ``path`` is None."""
    if path is None:
        out = sys.stdout
        out.flush()
        out.buffer.write(data)
        out.buffer.flush()
        return
    # Every failure to write the file is exit 1, like any other failure to deliver an answer:
    # a folder that is missing, read-only or full is not a mistake in the command line.
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise TwoSessionsError(
            f"cannot write {str(path)!r}: {exc.strerror or exc}; give a file path in a folder "
            "you can write to, or '-' for standard output"
        ) from None


def note(message: str) -> None:
    """A one-line message for the person at the terminal, on stderr so it never mixes with data."""
    print(f"{PROG}: {one_line(message)}", file=sys.stderr)


class _TrimmedLines:
    """Standard output without the spaces Rich pads each line with: for pipes and files,
    where trailing spaces are noise in a diff or a pasted table."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self._partial = ""

    def write(self, data: str) -> int:
        lines = (self._partial + data).split("\n")
        self._partial = lines.pop()
        if lines:
            self._stream.write("".join(line.rstrip(" ") + "\n" for line in lines))
        return len(data)

    def flush(self) -> None:
        if self._partial:
            self._stream.write(self._partial.rstrip(" "))
            self._partial = ""
        self._stream.flush()

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        fileno: int = self._stream.fileno()
        return fileno

    @property
    def encoding(self) -> str:
        encoding: str = getattr(self._stream, "encoding", None) or "utf-8"
        return encoding


_color: str | None = None
_bom = False


def use_bom(wanted: bool) -> None:
    """--bom: CSV starts with a UTF-8 byte-order mark, which spreadsheet programs look for."""
    global _bom
    _bom = wanted


def bom_wanted() -> bool:
    return _bom


def use_color(choice: str | None) -> None:
    """--color for the consoles made from now on: 'always', 'never', or None/'auto'."""
    global _color
    _color = choice


def hyperlinks() -> bool:
    """Whether a web address may be a hyperlink (OSC 8): not when NO_COLOR is set, unless
    --color always. A console that draws no styles (a pipe, --color never) drops them anyway."""
    return _color == "always" or not os.environ.get("NO_COLOR")


def console() -> Console:
    """A console that follows the terminal: width, colour (NO_COLOR, TERM=dumb, pipes), and
    --color, which overrides them."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # Rich would exit 1 here; let the CLI end quietly with 0, as it does for JSON.
            raise BrokenPipeError

    forced: dict[str, Any] = {}
    if _color == "always":
        forced = {"force_terminal": True, "no_color": False}
    elif _color == "never":
        forced = {"no_color": True, "color_system": None}
    out = _Console(highlight=False, emoji=False, markup=False, soft_wrap=False, **forced)
    if not out.is_terminal:
        out.file = _TrimmedLines(sys.stdout)  # type: ignore[assignment]
    return out
