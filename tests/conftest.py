"""Shared fixtures: the bundled facts, and an in-process runner with a fixed, colourless terminal."""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from typer.testing import CliRunner

from twosessions_cli.cli import app
from twosessions_cli.facts import at_level, load_facts
from twosessions_cli.store import Facts

# The machine's own settings must not reach the in-process runs: a CI that exports FORCE_COLOR or
# LINES, or a shell with TZ set, would otherwise change what the tests see. None unsets a variable.
STABLE_ENV: dict[str, str | None] = {
    "COLUMNS": "100",
    "NO_COLOR": "1",
    "TWOSESSIONS_DATA": "",
    "TERM": "xterm",
    "FORCE_COLOR": None,
    "CLICOLOR_FORCE": None,
    "LINES": None,
}


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


@pytest.fixture(scope="session")
def facts() -> Facts:
    """The bundled facts as commands see them by default: Chongqing's (--level chongqing)."""
    return at_level(load_facts(), "chongqing")


@pytest.fixture(scope="session")
def all_facts() -> Facts:
    """Every bundled record, Chongqing's and the national sessions' (--level all)."""
    return load_facts()


def _runner() -> CliRunner:
    # click < 8.2 mixes stderr into stdout unless told not to; 8.2 removed the switch.
    if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    return CliRunner()


@pytest.fixture
def cli() -> Callable[..., Run]:
    """Run the app in-process: cli("dates", "--json") -> Run."""
    runner = _runner()

    def run(*args: str, env: dict[str, str | None] | None = None) -> Run:
        result = runner.invoke(app, list(args), env={**STABLE_ENV, **(env or {})})
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Run(result.exit_code, result.stdout, result.stderr)

    return run
