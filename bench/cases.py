"""What the start-up benchmark times: the commands, the floors, the targets, and the cases."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CACHE = HERE / ".cache"
REFERENCE_VENV = CACHE / "reference-venv"
REFERENCE_APP = HERE / "reference_app.py"
BIN = Path(sys.executable).parent
TWOSESSIONS = str(BIN / "twosessions")

COMMANDS: dict[str, list[str]] = {
    "--version": ["--version"],
    "dates": ["dates"],
    "dates --json": ["dates", "--json"],
    "explain cppcc": ["explain", "cppcc"],
    "stats 2025": ["stats", "2025"],
    "stats 2025 --json": ["stats", "2025", "--json"],
    "search congress": ["search", "congress"],
    "validate": ["validate"],
    "next --today 2026-01-20": ["next", "--today", "2026-01-20"],
    "next --json": ["next", "--json"],
    "timeline": ["timeline"],
    "glossary": ["glossary"],
    "glossary --json": ["glossary", "--json"],
    "ics --json": ["ics", "--json"],
    "ics -o FILE": ["ics", "-o", "/dev/null"],
    "targets": ["targets"],
}
VERSION_PATH = "--version"
JSON_PATHS = {name for name, args in COMMANDS.items() if "--json" in args}
TABLE_PATHS = {"dates", "explain cppcc", "stats 2025", "search congress", "timeline", "glossary"}

TTY, PIPE = "tty", "pipe"
TTY_COLUMNS, TTY_LINES = 100, 40

BARE_FLOOR = "python -c pass"
TYPER_FLOOR = "floor: import typer"
RICH_FLOOR = "floor: import typer, rich.console, rich.table"
FLOORS = {
    BARE_FLOOR: "pass",
    TYPER_FLOOR: "import typer",
    RICH_FLOOR: "import typer, rich.console, rich.table",
}
REFERENCE = "reference: typer+rich table"

# name: (which ratio it bounds, the bound, which commands and modes it applies to)
TARGETS: dict[str, tuple[str, float, Callable[[str, str], bool]]] = {
    "≤2x python": ("x_floor", 2.0, lambda name, mode: name == VERSION_PATH),
    "≤1.2x typer": ("x_typer", 1.2, lambda name, mode: name in JSON_PATHS),
    "≤1.15x typer+rich": (
        "x_typer_rich",
        1.15,
        lambda name, mode: name in TABLE_PATHS and mode == TTY,
    ),
    "≤0.6x reference": (
        "x_reference",
        0.6,
        lambda name, mode: name in TABLE_PATHS and mode == TTY,
    ),
}


@dataclass(frozen=True)
class Case:
    """One command line and where its stdout goes: a pseudo-terminal (TTY) or /dev/null (PIPE)."""

    argv: tuple[str, ...]
    mode: str = PIPE


def label(name: str, mode: str) -> str:
    return f"{name} [{mode}]"


def succeeds(argv: list[str]) -> bool:
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return done.returncode == 0


def modes_of(name: str) -> tuple[str, ...]:
    return (TTY, PIPE) if name in TABLE_PATHS else (PIPE,)


def startup_cases(
    reference: str | None, baseline: str | None
) -> tuple[dict[str, Case], dict[str, tuple[str, str]]]:
    """Every case of the start-up rounds, and for each twosessions one its (command, mode)."""
    cases: dict[str, Case] = {}
    for floor, code in FLOORS.items():
        for mode in (TTY, PIPE):
            cases[label(floor, mode)] = Case((sys.executable, "-c", code), mode)
    if reference is not None:
        for mode in (TTY, PIPE):
            cases[label(REFERENCE, mode)] = Case((reference, str(REFERENCE_APP)), mode)
    commands: dict[str, tuple[str, str]] = {}
    for name, args in COMMANDS.items():
        in_baseline = baseline is not None and succeeds([baseline, *args])  # older: may lack it
        for mode in modes_of(name):
            cases[label(f"twosessions {name}", mode)] = Case((TWOSESSIONS, *args), mode)
            commands[label(f"twosessions {name}", mode)] = (name, mode)
            if in_baseline and baseline is not None:
                cases[label(f"baseline {name}", mode)] = Case((baseline, *args), mode)
    return cases, commands
