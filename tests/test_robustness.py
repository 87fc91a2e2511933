"""The CLI never crashes, never garbles a terminal, never reaches the network, never writes."""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import twosessions_cli
from twosessions_cli.store import Facts

CLI = Callable[..., Run]
SRC = Path(twosessions_cli.__file__).parent
SCRIPT = Path(sys.executable).with_name("twosessions")

EVERY_COMMAND: list[list[str]] = [
    ["dates"],
    ["dates", "--all"],
    ["dates", "2020"],
    ["explain"],
    ["explain", "cppcc"],
    ["stats", "2025"],
    ["agenda"],
    ["who"],
    ["search", "congress"],
    ["sources"],
    ["validate"],
    ["schema"],
    ["next", "--today", "2026-01-29"],
    ["timeline"],
    ["timeline", "2020"],
    ["glossary"],
    ["ics"],
    ["trend"],
    ["trend", "proposals"],
    ["targets"],
    ["targets", "--level", "national"],
    ["cite", "2025-proposals-handled"],
    ["sources", "--coverage"],
]


def test_every_command_of_the_app_is_exercised_here() -> None:
    from twosessions_cli.app import command_names

    # example-overlay and export write files, so they are exercised in test_cli and
    # test_export, not at every width.
    writers = {"example-overlay", "export"}
    assert {args[0] for args in EVERY_COMMAND} | writers == set(command_names())


nasty_text = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")),
    st.sampled_from(
        [
            "",
            " ",
            "-",
            "--",
            "0",
            "-2026",
            "99999999999999999999",
            "两会",
            "👍🏽",
            "مرحبا",
            "e\u0301",
            "\t\n",
        ]
    ),
    st.text(min_size=1000, max_size=3000, alphabet="ab-"),
)


def check_outcome(result: Run, as_json: bool) -> None:
    assert result.exit_code in (0, 1, 2), result
    assert "Traceback" not in result.stderr
    if result.exit_code:
        assert result.stderr.startswith("twosessions: error: ")
        assert result.stderr.count("\n") == 1
    elif as_json:
        json.loads(result.stdout)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    command=st.sampled_from(
        ["dates", "explain", "stats", "agenda", "who", "search", "validate", "timeline", "ics"]
    ),
    arg=nasty_text,
    as_json=st.booleans(),
)
def test_fuzzed_arguments_never_crash(cli: CLI, command: str, arg: str, as_json: bool) -> None:
    args = [command, "--", arg] if not as_json else [command, "--json", "--", arg]
    check_outcome(cli(*args), as_json)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(today=st.one_of(nasty_text, st.dates().map(dt.date.isoformat)), as_json=st.booleans())
def test_fuzzed_today_never_crashes(cli: CLI, today: str, as_json: bool) -> None:
    result = cli("next", "--today", today, *(["--json"] if as_json else []))
    check_outcome(result, as_json)
    assert result.exit_code in (0, 2)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(year=st.integers(min_value=-(10**30), max_value=10**30))
def test_any_number_as_a_year(cli: CLI, facts: Facts, year: int) -> None:
    # Read from the data: a hard-coded list failed whenever a drawn year (2008) had sessions.
    years_with_data = {
        "dates": {s.year for s in facts.sessions},
        "stats": {f.year for f in facts.figures},
        "agenda": {a.year for a in facts.agenda},
    }
    for command, years in years_with_data.items():
        result = cli(command, "--", str(year))
        check_outcome(result, False)
        four_digits = 1000 <= year <= 9999
        expected = 2 if not four_digits else 0 if year in years else 1
        assert result.exit_code == expected, (command, year, result.stderr)


@pytest.mark.parametrize("columns", [20, 33, 40, 60, 80, 120, 250])
@pytest.mark.parametrize("args", EVERY_COMMAND, ids=" ".join)
def test_terminal_widths(cli: CLI, args: list[str], columns: int) -> None:
    # timeline draws only on a terminal (piped, it prints one unwrapped line per day).
    terminal = {"FORCE_COLOR": "1"} if args[0] == "timeline" else {}
    result = cli(*args, env={"COLUMNS": str(columns), **terminal})
    assert result.exit_code == 0, result.stderr
    # schema, validate, ics and cite print documents (JSON, problem lines, a calendar, a
    # citation) whose lines must not be broken; the rest are views that follow the width.
    if args[0] in ("schema", "validate", "ics", "cite"):
        return
    shown = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout).splitlines()
    # A web address is printed whole on a line of its own, for the terminal to wrap: the one
    # kind of line allowed to be wider than the terminal.
    shown = [line for line in shown if not re.fullmatch(r"https?://\S+", line.strip())]
    assert max(display_width(line) for line in shown) <= columns
    if columns >= 40 and args[0] != "search":  # search's snippets end in '…' by design
        assert not [line for line in shown if "…" in line], "a cell was cut"
    if not terminal:
        assert not [line for line in shown if line.endswith(" ")], "trailing spaces when piped"


def display_width(line: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


@pytest.mark.parametrize(
    "env",
    [{"NO_COLOR": "1"}, {"TERM": "dumb", "NO_COLOR": ""}, {"FORCE_COLOR": "1", "NO_COLOR": ""}],
    ids=["no-color", "dumb", "force-color"],
)
def test_colour_switches(cli: CLI, env: dict[str, str]) -> None:
    result = cli("dates", env=env)
    assert result.exit_code == 0
    assert ("\x1b[" in result.stdout) == ("FORCE_COLOR" in env)


def test_no_network(cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("twosessions tried to open a socket")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    for args in EVERY_COMMAND:
        assert cli(*args).exit_code == 0, args
        assert cli(*args, "--json").exit_code == 0 if args[0] != "schema" else True


FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__"}
FORBIDDEN_MODULES = {"pickle", "marshal", "shelve", "subprocess", "socket", "urllib", "http"}


@pytest.mark.parametrize("path", sorted(SRC.glob("*.py")), ids=lambda p: p.name)
def test_no_code_from_data_and_no_shell(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in FORBIDDEN_CALLS, f"{path.name}:{node.lineno}"
        if isinstance(node, ast.Attribute):
            assert node.attr not in {"system", "popen"}, f"{path.name}:{node.lineno}"
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
            )
            for name in names:
                assert name.split(".")[0] not in FORBIDDEN_MODULES, f"{path.name}:{node.lineno}"


def snapshot(*folders: Path) -> dict[str, float]:
    return {str(p): p.stat().st_mtime for folder in folders for p in [folder, *folder.rglob("*")]}


def test_read_only_install_and_home_write_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    cwd = tmp_path / "cwd"
    home.mkdir()
    cwd.mkdir()
    before = snapshot(home, cwd, SRC)
    for folder in (home, cwd):
        folder.chmod(0o555)
    try:
        for args in EVERY_COMMAND:
            result = subprocess.run(
                [str(SCRIPT), *args],
                capture_output=True,
                text=True,
                cwd=cwd,
                env={"HOME": str(home), "PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"},
                check=False,
            )
            assert result.returncode == 0, (args, result.stderr)
    finally:
        for folder in (home, cwd):
            folder.chmod(0o755)
    assert snapshot(home, cwd, SRC) == before
