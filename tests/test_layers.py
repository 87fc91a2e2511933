"""The package's imports point one way: down the layers drawn in the README's Development section.

Every import of a package module counts, at module level or inside a function, and under
TYPE_CHECKING too: an import hidden in a function to dodge a cycle fails here like any other.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import twosessions_cli

SRC = Path(twosessions_cli.__file__).parent
README = Path(__file__).resolve().parents[1] / "README.md"

#: Lowest first. A module may import only modules on an earlier line (or the package's
#: ``__init__``, which holds nothing but the version).
LAYERS: list[tuple[str, ...]] = [
    ("errors", "text"),
    ("grounds",),
    ("records",),
    ("schema",),
    ("store",),
    ("rules",),
    ("facts", "overlay"),
    ("lookups", "people"),
    ("search",),
    ("series",),
    ("targets",),
    ("schedule",),
    ("ical",),
    ("dataset",),
    ("dataset_rows",),
    ("export",),
    ("render.output",),
    ("render",),
    ("render.cells",),
    ("render.notes",),
    ("render.citations",),
    ("render.wording",),
    ("render.sentences",),
    ("render.bibliography",),
    ("render.payloads",),
    ("render.sheet",),
    ("render.sheets",),
    ("render.listing",),
    ("render.formats",),
    (
        "render.views.agenda",
        "render.views.figures",
        "render.views.people",
        "render.views.search",
        "render.views.sessions",
        "render.views.sources",
        "render.views.targets",
        "render.views.timeline",
        "render.views.topics",
        "render.views.validation",
    ),
    ("render.views",),
    ("options",),
    ("app",),
    ("completion", "shells"),
    ("arguments",),
    ("commands.calendar", "commands.data_folder", "commands.records", "commands.topics"),
    ("commands",),
    ("cli",),
    ("__main__",),
]
RANK = {module: n for n, line in enumerate(LAYERS) for module in line}


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    name = ".".join(parts)
    return name.removesuffix(".__init__")


def imported_modules(path: Path) -> set[str]:
    """Package modules that ``path`` imports, wherever the import statement is."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "twosessions_cli":
                found.update(alias.name for alias in node.names)
            elif node.module.startswith("twosessions_cli."):
                base = node.module.removeprefix("twosessions_cli.")
                found.add(base)
                # "from twosessions_cli.render import tables" imports render.tables
                found.update(f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in RANK)
        elif isinstance(node, ast.Import):
            found.update(
                a.name.removeprefix("twosessions_cli.")
                for a in node.names
                if a.name.startswith("twosessions_cli.")
            )
    return found - {"__version__"}


MODULES = sorted(
    (module_name(p), p) for p in SRC.rglob("*.py") if module_name(p) not in ("", "__init__")
)


def test_every_module_has_a_layer() -> None:
    assert sorted(name for name, _ in MODULES) == sorted(RANK)


@pytest.mark.parametrize(("name", "path"), MODULES, ids=[n for n, _ in MODULES])
def test_imports_only_point_down(name: str, path: Path) -> None:
    upward = sorted(m for m in imported_modules(path) if RANK.get(m, -1) >= RANK[name])
    assert upward == [], f"{name} imports {upward}, which are not below it"


def test_each_module_imports_on_its_own_in_layer_order() -> None:
    # A fresh interpreter per module: a cycle shows up as an ImportError here.
    for line in LAYERS:
        for name in line:
            module = "twosessions_cli" if name == "" else f"twosessions_cli.{name}"
            result = subprocess.run(
                [sys.executable, "-c", f"import {module}"],
                capture_output=True,
                text=True,
                check=False,
            )
            assert result.returncode == 0, f"{module}: {result.stderr}"


def test_the_readme_draws_these_layers() -> None:
    readme = README.read_text(encoding="utf-8")
    picture = readme.split("```text\n", 1)[1].split("```", 1)[0]
    drawn = [tuple(part.strip().split(", ")) for part in picture.split("->")]
    assert drawn == LAYERS
