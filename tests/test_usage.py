"""Every command's arguments, walked from the Click command tree: one metavar style in help, an
empty argument is a usage error, an overlong one is cut in messages, and counts agree with words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from conftest import Run

from twosessions_cli.app import app, command_names

CLI = Callable[..., Run]

#: One style: an upper-case word (YEAR, TEXT, NAME, PATH, YYYY-MM-DD), in brackets when it may
#: be left out, followed by '...' when several may be given.
METAVAR = re.compile(r"\[?[A-Z][A-Z0-9-]*\]?(\.\.\.)?")


def _commands() -> Iterator[tuple[str, Any]]:
    group = typer.main.get_command(app)
    ctx = group.make_context("twosessions", ["--help"], resilient_parsing=True)
    for name in command_names():
        yield name, group.get_command(ctx, name)  # type: ignore[attr-defined]


COMMANDS = dict(_commands())
ARGUMENTS = [
    (name, param)
    for name, command in COMMANDS.items()
    for param in command.params
    if param.param_type_name == "argument"
]


def _help(cli: CLI, name: str) -> str:
    result = cli(name, "--help")
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_metavar_has_one_style(cli: CLI, name: str) -> None:
    # Issue 20: help showed {YEAR}, {text}, [name] and <int range> side by side.
    text = _help(cli, name)
    usage = text.splitlines()[0]
    assert usage.startswith(f"Usage: twosessions {name} [OPTIONS]")
    for piece in usage.split()[3:]:
        assert METAVAR.fullmatch(piece), (name, piece)
    command = COMMANDS[name]
    ctx = command.make_context(name, [], resilient_parsing=True)
    for param in command.params:
        record = param.get_help_record(ctx)
        if record is None:
            continue
        if param.param_type_name == "argument":
            assert METAVAR.fullmatch(record[0]), (name, record[0])
            assert record[0] == record[0].strip("[]."), "the Arguments section names it bare"
            continue
        # '-s, --style STYLE': whatever follows the option names is the metavar.
        for word in record[0].replace(",", " ").split():
            if not word.startswith("-"):
                assert METAVAR.fullmatch(word), (name, word)
    assert not re.search(r"[{}<>]|\[[a-z]", usage)


def test_the_usage_line_brackets_what_may_be_left_out(cli: CLI) -> None:
    assert _help(cli, "stats").splitlines()[0] == "Usage: twosessions stats [OPTIONS] [YEAR]"
    assert _help(cli, "search").splitlines()[0] == "Usage: twosessions search [OPTIONS] TEXT"
    assert _help(cli, "who").splitlines()[0] == "Usage: twosessions who [OPTIONS] [NAME]"
    assert (
        _help(cli, "validate").splitlines()[0] == "Usage: twosessions validate [OPTIONS] [PATH]..."
    )
    assert "  --limit N " in _help(cli, "search").replace("-n, --limit", "  --limit")


@pytest.mark.parametrize(("name", "param"), ARGUMENTS, ids=[f"{n}-{p.name}" for n, p in ARGUMENTS])
@pytest.mark.parametrize("empty", ["", "  "])
def test_an_empty_argument_is_a_usage_error_everywhere(
    cli: CLI, name: str, param: Any, empty: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 20: 'who ""' listed everyone, 'explain ""' exited 1, 'search ""' 2, and
    # 'example-overlay ""' wrote into the current folder.
    monkeypatch.chdir(tmp_path)
    result = cli(name, empty)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    metavar = param.metavar
    assert result.stderr.startswith(f"twosessions: error: {metavar} is empty; give one")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        ["dates", "9" * 5000],
        ["stats", "9" * 5000],
        ["who", "x" * 10_000],
        ["explain", "x" * 10_000],
        ["search", "x" * 10_000],
        ["cite", "x" * 10_000],
        ["trend", "x" * 10_000],
        ["targets", "x" * 10_000],
        ["next", "--today", "9" * 5000],
        ["dates", "2020", "x" * 10_000],
        ["dates", "--level", "x" * 10_000],
        ["x" * 10_000],
        ["dates", "--data", "x" * 5000],
        ["validate", "x" * 5000],
    ],
    ids=lambda a: " ".join(w[:8] for w in a),
)
def test_an_overlong_argument_is_cut_in_messages(cli: CLI, args: list[str]) -> None:
    # Issue 20: a 5,000-digit year was echoed back whole.
    result = cli(*args)
    assert result.exit_code in (1, 2)
    assert result.stderr.count("\n") == 1
    assert not re.search(r"[x9]{41,}", result.stderr), result.stderr[:300]
    assert "…" in result.stderr


def test_extra_arguments_are_counted_in_words_that_agree(cli: CLI) -> None:
    one = cli("dates", "2020", "x")
    assert one.exit_code == 2
    assert one.stderr.startswith("twosessions: error: 1 unexpected extra argument: 'x'.")
    two = cli("dates", "2020", "x", "y")
    assert two.stderr.startswith("twosessions: error: 2 unexpected extra arguments: 'x', 'y'.")


@pytest.mark.parametrize(
    "args", [["search", "1385"], ["search", "congress"], ["validate"], ["who", "zzzz"]]
)
def test_no_word_ends_in_s_in_brackets(cli: CLI, args: list[str]) -> None:
    result = cli(*args)
    assert "(s)" not in result.stdout + result.stderr


def test_a_count_of_one_is_singular(cli: CLI) -> None:
    result = cli("search", "safe drinking")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("1 record matches 'safe drinking'\n")
