"""The benchmark's list of commands keeps up with the app: a new command is timed, or says why not."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"

#: Commands the start-up benchmark leaves out: each runs the same start-up path as a timed one.
NOT_TIMED = {
    "agenda": "the path of stats (one year's records in a listing)",
    "who": "the path of explain (a view of its own, no listing)",
    "trend": "the path of stats",
    "sources": "the path of dates (every source in a listing)",
    "cite": "the path of explain --json (one record, no Rich)",
    "schema": "prints a generated document; nothing is looked up",
    "example-overlay": "copies files",
    "export": "writes a folder of files; its cost is the writing, not start-up",
}


def test_every_command_is_timed_or_says_why_not() -> None:
    from twosessions_cli.app import command_names

    sys.path.insert(0, str(BENCH))
    try:
        from cases import COMMANDS
    finally:
        sys.path.remove(str(BENCH))
    timed = {args[0] for args in COMMANDS.values() if not args[0].startswith("-")}
    assert timed.isdisjoint(NOT_TIMED)
    assert timed | set(NOT_TIMED) == set(command_names())
