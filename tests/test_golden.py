"""Golden files: every view, pinned byte for byte at 40, 80 and 120 columns without colour.

A change to how a view looks shows up here as a readable diff. After an intended change,
regenerate with ``UPDATE_GOLDEN=1 pytest tests/test_golden.py`` and read the diff before committing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run

GOLDEN = Path(__file__).parent / "golden"
# Rich draws the terminal layout (not the piped one) when TTY_COMPATIBLE=1. Its bold and dim
# are stripped below, so the file holds exactly the characters a person sees. (TERM=dumb would
# drop them too, but Rich then ignores COLUMNS and draws 80 columns.)
TERMINAL = {"TTY_COMPATIBLE": "1", "TERM": "xterm"}
ESCAPES = re.compile(r"\x1b\[[0-9;]*m")
WIDTHS = (40, 80, 120)

VIEWS: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    "dates": (("dates",), {}),
    "dates-all": (("dates", "--all"), {}),
    "next": (("next", "--today", "2026-01-29"), {}),
    "timeline": (("timeline",), TERMINAL),
    "explain": (("explain",), {}),
    "explain-cppcc": (("explain", "cppcc"), {}),
    "glossary": (("glossary",), {}),
    "stats-2025": (("stats", "2025"), {}),
    "agenda-2026": (("agenda", "2026"), {}),
    "who-zhang": (("who", "zhang"), {}),
    "who-mayor": (("who", "mayor"), {}),
    "search-parking": (("search", "parking"), {}),
    "sources": (("sources",), {}),
    "coverage": (("sources", "--coverage"), {}),
    "trend": (("trend",), {}),
    "trend-growth-target": (("trend", "growth-target"), TERMINAL),
    "trend-attendance": (("trend", "attendance"), {}),
    "targets": (("targets",), {}),
    "cite": (("cite", "2025-proposals-handled"), {}),
}
# The 100-column files pinned before the restructuring of issue 11, kept for their history.
LEGACY = {"dates": 100, "stats-2025": 100, "explain-cppcc": 100, "timeline": 100}

CASES = [(name, width) for name in sorted(VIEWS) for width in WIDTHS] + sorted(LEGACY.items())


@pytest.mark.parametrize(("name", "width"), CASES, ids=[f"{n}-{w}" for n, w in CASES])
def test_view_matches_its_golden_file(cli: Callable[..., Run], name: str, width: int) -> None:
    args, env = VIEWS[name]
    result = cli(*args, env={"COLUMNS": str(width), **env})
    assert result.exit_code == 0, result.stderr
    shown = ESCAPES.sub("", result.stdout)
    golden = GOLDEN / (f"{name}.txt" if LEGACY.get(name) == width else f"{name}-{width}.txt")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(shown, encoding="utf-8")
    assert shown == golden.read_text(encoding="utf-8")


def test_every_golden_file_belongs_to_a_view() -> None:
    expected = {f"{n}-{w}.txt" for n in VIEWS for w in WIDTHS} | {f"{n}.txt" for n in LEGACY}
    assert {p.name for p in GOLDEN.glob("*.txt")} == expected


#: Commands with no golden view, and why: a new command must be pinned here or say why not.
NO_VIEW = {
    "ics": "writes an iCalendar file; tests/test_ical.py pins its content",
    "schema": "prints JSON only; tests/test_validate.py pins it",
    "validate": "prints one plain line per problem, pinned in tests/test_validate.py",
    "example-overlay": "writes files, and says so on stderr",
    "export": "writes files (CSV, SQLite, README), pinned in tests/test_export.py",
}


def test_every_command_has_a_golden_view_or_a_reason() -> None:
    from twosessions_cli.app import command_names

    pinned = {args[0] for args, _ in VIEWS.values()}
    assert pinned.isdisjoint(NO_VIEW)
    assert pinned | set(NO_VIEW) == set(command_names())
