"""Golden files: the rendered views, pinned byte for byte at 100 columns without colour.

A change to how a view looks shows up here as a readable diff. After an intended change,
regenerate with ``UPDATE_GOLDEN=1 pytest tests/test_golden.py`` and read the diff before committing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run

GOLDEN = Path(__file__).parent / "golden"
# Rich draws the terminal layout (not the piped one) when TTY_COMPATIBLE=1; TERM=dumb keeps it
# free of escape codes, so the file holds exactly the characters a person sees.
TERMINAL = {"TTY_COMPATIBLE": "1", "TERM": "dumb"}

VIEWS: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    "dates": (("dates",), {}),
    "stats-2025": (("stats", "2025"), {}),
    "explain-cppcc": (("explain", "cppcc"), {}),
    "timeline": (("timeline",), TERMINAL),
}


@pytest.mark.parametrize("name", sorted(VIEWS))
def test_view_matches_its_golden_file(cli: Callable[..., Run], name: str) -> None:
    args, env = VIEWS[name]
    result = cli(*args, env={"COLUMNS": "100", **env})
    assert result.exit_code == 0, result.stderr
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")
