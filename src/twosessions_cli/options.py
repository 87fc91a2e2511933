"""The options every command shares, declared once: ``--json``, ``--format``, ``--bom``,
``--color``, ``--data DIR``, ``--no-user-data`` and ``--level``.

``app`` adds them to the group and to every command, so they work before the command
(``twosessions --json dates``) as well as after it; a command reads them with ``options(ctx)``.
"""

# No ``from __future__ import annotations`` here: Typer reads these parameters' annotations
# when it builds a command, and each annotation kept as a string would cost a compile.

import enum
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import msgspec
import typer

from twosessions_cli.errors import UsageProblem
from twosessions_cli.facts import at_level, load_facts, user_data_dirs
from twosessions_cli.render.output import OutputFormat, use_bom, use_color
from twosessions_cli.store import Facts

JsonOpt = Annotated[
    bool, typer.Option("--json", help="Print one JSON document for scripts (UTF-8, ISO dates).")
]
DataOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--data",
        metavar="DIR",
        help="Add a folder of your own facts on top of the bundled ones (repeatable). "
        "TWOSESSIONS_DATA does the same (a path list).",
    ),
]


FormatOpt = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        metavar="FORMAT",
        help="table (the default), json, csv or markdown (csv and markdown for listings).",
        case_sensitive=False,
        show_default=False,
    ),
]


BomOpt = Annotated[
    bool,
    typer.Option(
        "--bom",
        help="Start --format csv with a UTF-8 byte-order mark, so that spreadsheet programs "
        "(Excel) read the Chinese right.",
    ),
]


class ColorChoice(enum.StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


ColorOpt = Annotated[
    ColorChoice | None,
    typer.Option(
        "--color",
        metavar="WHEN",
        help="auto (the default: colour on a terminal, unless NO_COLOR is set), always (as "
        "FORCE_COLOR=1 does) or never.",
        case_sensitive=False,
        show_default=False,
    ),
]


class LevelChoice(enum.StrEnum):
    chongqing = "chongqing"
    national = "national"
    all = "all"


LevelOpt = Annotated[
    LevelChoice | None,
    typer.Option(
        "--level",
        metavar="LEVEL",
        help="chongqing (the default: the municipal sessions), national (the NPC and the CPPCC "
        "National Committee in March) or all (both, side by side).",
        case_sensitive=False,
        show_default=False,
    ),
]
NoUserDataOpt = Annotated[
    bool,
    typer.Option("--no-user-data", help="Ignore --data and TWOSESSIONS_DATA: bundled facts only."),
]

SHARED_NAMES = ("json", "output_format", "bom", "color", "data", "no_user_data", "level")
_SHARED_KEY = "twosessions.options"


def _shared_template(
    json: JsonOpt = False,
    output_format: FormatOpt = None,
    bom: BomOpt = False,
    color: ColorOpt = None,
    data: DataOpt = None,
    no_user_data: NoUserDataOpt = False,
    level: LevelOpt = None,
) -> None:
    """Never called: Typer reads the shared options' click parameters from this signature."""


_shared_params: list[Any] = []


def shared_parameters() -> list[Any]:
    """The click parameters of the shared options, built once by Typer from the template."""
    if not _shared_params:
        template = typer.Typer(add_completion=False)
        template.command()(_shared_template)
        _shared_params.extend(typer.main.get_command(template).params)
    return _shared_params


class Options(msgspec.Struct, frozen=True):
    """The shared options as given, before the command and after it taken together."""

    json: bool = False
    output_format: str | None = None
    bom: bool = False
    color: str | None = None
    data: tuple[Path, ...] = ()
    no_user_data: bool = False
    level: str | None = None

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> "Options":
        data = params.get("data") or ()
        chosen = params.get("output_format")
        color = params.get("color")
        level = params.get("level")
        return cls(
            json=bool(params.get("json")),
            output_format=None if chosen is None else str(getattr(chosen, "value", chosen)),
            bom=bool(params.get("bom")),
            color=None if color is None else str(getattr(color, "value", color)),
            data=tuple(Path(p) for p in ([data] if isinstance(data, str | Path) else data)),
            no_user_data=bool(params.get("no_user_data")),
            level=None if level is None else str(getattr(level, "value", level)),
        )

    def __or__(self, later: "Options") -> "Options":
        return Options(
            self.json or later.json,
            later.output_format or self.output_format,
            self.bom or later.bom,
            later.color or self.color,
            self.data + later.data,
            self.no_user_data or later.no_user_data,
            later.level or self.level,
        )

    @property
    def format(self) -> OutputFormat:
        """The output asked for: --json is short for --format json; the default is a table."""
        if self.json and self.output_format not in (None, "json"):
            raise UsageProblem(
                f"--json and --format {self.output_format} ask for different outputs; give one"
            )
        return OutputFormat("json" if self.json else self.output_format or "table")

    def overlays(self) -> list[Path]:
        """The user's overlays in the order they apply: TWOSESSIONS_DATA first, then --data."""
        return [] if self.no_user_data else [*user_data_dirs(), *self.data]

    def facts(self, default_level: str = "chongqing") -> Facts:
        """The bundled facts with the user's overlays, at --level (or ``default_level``)."""
        return at_level(load_facts(self.overlays()), self.level or default_level)


def take_shared(ctx: typer.Context) -> None:
    """Move the shared options out of the parameters a callback receives, into ``options``."""
    given = Options.from_params(ctx.params)
    for name in SHARED_NAMES:
        ctx.params.pop(name, None)
    merged = ctx.meta.get(_SHARED_KEY, Options()) | given
    ctx.meta[_SHARED_KEY] = merged
    use_color(merged.color)
    use_bom(merged.bom)


def options(ctx: typer.Context) -> Options:
    """The shared options in force for the running command."""
    found: Options = ctx.meta.get(_SHARED_KEY, Options())
    return found
