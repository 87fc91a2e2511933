"""The README and the pictures keep up with the commands."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from conftest import Run

from twosessions_cli.cli import app

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
GROUP = typer.main.get_group(app)
COMMANDS = sorted(GROUP.commands)


def test_the_command_list_is_real() -> None:
    assert {"dates", "next", "timeline", "ics", "glossary", "explain"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme_table(command: str) -> None:
    assert re.search(rf"^\| `twosessions {command}\b", README, flags=re.MULTILINE), command


@pytest.mark.parametrize("command", COMMANDS)
def test_every_summary_fits_the_command_list(command: str) -> None:
    # `twosessions --help` on an 80-column terminal cuts a summary with '...' past the room
    # click leaves beside the longest command name: its formatter is 78 wide (80 less a margin
    # of 2), and Group.format_commands keeps 6 more for the indents.
    room = 78 - 6 - max(len(name) for name in GROUP.commands)
    doc = GROUP.commands[command].help
    assert doc, command
    assert len(doc.splitlines()[0]) <= room


def test_readme_pictures_exist() -> None:
    pictures = re.findall(r"\]\((docs/pictures/[\w-]+\.svg)\)", README)
    assert pictures == [
        "docs/pictures/dates-all.svg",
        "docs/pictures/trend.svg",
        "docs/pictures/targets.svg",
        "docs/pictures/timeline.svg",
        "docs/pictures/explain-cppcc.svg",
        "docs/pictures/next.svg",
    ]
    for picture in pictures:
        assert (REPO / picture).read_text(encoding="utf-8").startswith("<svg")


def test_the_picture_script_draws_real_output(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(REPO / "docs" / "make_pictures.py"), str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    timeline = (tmp_path / "timeline.svg").read_text(encoding="utf-8")
    # Rich writes each run of text with non-breaking spaces; the words are there as drawn.
    words = timeline.replace("&#160;", " ")
    assert "Both sitting" in words
    assert "People&#x27;s Congress" in words or "People's Congress" in words
    assert "twosessions timeline" in words  # the window title
    assert "CPPCC" in (tmp_path / "explain-cppcc.svg").read_text(encoding="utf-8")
    trend = (tmp_path / "trend.svg").read_text(encoding="utf-8").replace("&#160;", " ")
    assert "about 6%" in trend
    assert "over 5%" in trend


def test_the_readme_trend_example_is_what_the_command_prints(cli: Callable[..., Run]) -> None:
    block = README.split("$ twosessions trend proposals-filed\n", 1)[1].split("\n\n[1]", 1)[0]
    printed = cli("trend", "proposals-filed", env={"COLUMNS": "100"}).stdout
    assert printed.startswith(block + "\n")
