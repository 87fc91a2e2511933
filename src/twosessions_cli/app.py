"""The Typer application: the group, the options every command shares, errors.

Commands are declared in ``commands/``; everything they have in common is here, written once:
- ``--json``, ``--format``, ``--color``, ``--data DIR``, ``--no-user-data`` and ``--level`` are added to the group and to every command
  by ``_SharedOptions``, so they work before the command (``twosessions --json dates``) as
  well as after it; a command reads them with ``options(ctx)``.
- Project errors become one line on stderr with their exit code, and a reader that closes the
  pipe early (``| head``) ends the program quietly, in ``_Group.invoke`` and nowhere else.
"""

from __future__ import annotations

import copy
import enum
import errno
import os
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any, NoReturn, Protocol, cast

import msgspec
import typer
from typer.core import TyperCommand, TyperGroup
from typer.models import CommandInfo

from twosessions_cli.errors import ExitCode, TwoSessionsError, UsageProblem
from twosessions_cli.facts import at_level, load_facts, user_data_dirs
from twosessions_cli.render.output import OutputFormat, use_bom, use_color
from twosessions_cli.store import Facts
from twosessions_cli.text import ECHO_MAX, PROG, cut, one_line, plural, quoted

EPILOG = (
    "Exit codes: 0 success; 1 not found (unknown topic, a year with no data) or bad data; "
    "2 usage error (bad option, malformed year). Every command takes --json for scripts."
)


# --------------------------------------------------------------------------------------------
# Leaving: errors, closed pipes, full disks
# --------------------------------------------------------------------------------------------


def fail(message: str, code: int) -> NoReturn:
    """Print one line on stderr and exit: the only way this program reports an error."""
    print(f"{PROG}: error: {_cut_long_words(one_line(message), WORD_MAX)}", file=sys.stderr)
    raise SystemExit(code)


def _abandon_stdout() -> None:
    # Point stdout at /dev/null so that the final flush at exit cannot fail a second time.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _output_failed(exc: OSError) -> NoReturn:
    """stdout could not be written: quiet when the reader left (``| head``), one line otherwise."""
    _abandon_stdout()
    if isinstance(exc, BrokenPipeError) or exc.errno == errno.EPIPE:
        raise SystemExit(ExitCode.OK)
    fail(f"cannot write the output: {exc.strerror or exc}", ExitCode.NOT_FOUND)


#: A word this long in a message is what someone typed or pasted, not a path worth keeping.
WORD_MAX = 240


def _cut_long_words(message: str, longer_than: int = ECHO_MAX + 20) -> str:
    """Messages that repeat what was typed ('No such command ...', a --data folder) cut a
    5,000-character word, as this program's own messages cut what they quote."""
    long_word = re.compile(r"\S{" + str(longer_than + 1) + ",}")

    def shorten(match: re.Match[str]) -> str:
        word = match.group(0)
        core = word.rstrip("'\").,;:")
        return cut(core) + word[len(core) :]

    return long_word.sub(shorten, message)


# --------------------------------------------------------------------------------------------
# Options every command shares
# --------------------------------------------------------------------------------------------

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

_SHARED_NAMES = ("json", "output_format", "bom", "color", "data", "no_user_data", "level")
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


def _shared_parameters() -> list[Any]:
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
    def from_params(cls, params: Mapping[str, Any]) -> Options:
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

    def __or__(self, later: Options) -> Options:
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


def _take_shared(ctx: typer.Context) -> None:
    """Move the shared options out of the parameters a callback receives, into ``options``."""
    given = Options.from_params(ctx.params)
    for name in _SHARED_NAMES:
        ctx.params.pop(name, None)
    merged = ctx.meta.get(_SHARED_KEY, Options()) | given
    ctx.meta[_SHARED_KEY] = merged
    use_color(merged.color)
    use_bom(merged.bom)


def options(ctx: typer.Context) -> Options:
    """The shared options in force for the running command."""
    found: Options = ctx.meta.get(_SHARED_KEY, Options())
    return found


class _SharedOptions:
    """Adds the shared options to a click command, and hands them over before it runs."""

    params: list[Any]

    def _add_shared(self) -> None:
        self.params.extend(_shared_parameters())


def bare_metavar(param: Any) -> str:
    """An argument's name as help shows it: upper case, no brackets (``YEAR``, ``PATH``)."""
    given = param.metavar or param.name or ""
    return given.strip("[]{}<>.").upper()


def usage_metavar(param: Any) -> str:
    """An argument as the usage line shows it: ``YEAR`` if required, ``[YEAR]`` if not,
    ``[PATH]...`` for several. Written here, not left to click or typer, whose styles
    (``{YEAR}``, ``[name]``) differ between releases."""
    name = bare_metavar(param)
    shown = name if param.required else f"[{name}]"
    return shown + ("..." if param.nargs != 1 else "")


def _is_argument(param: Any) -> bool:
    return getattr(param, "param_type_name", "") == "argument"


class _Command(TyperCommand, _SharedOptions):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._add_shared()
        for param in self.params:
            if _is_argument(param):
                param.metavar = bare_metavar(param)

    def collect_usage_pieces(self, ctx: typer.Context) -> list[str]:  # type: ignore[override]
        pieces = [self.options_metavar] if self.options_metavar else []
        return pieces + [usage_metavar(p) for p in self.get_params(ctx) if _is_argument(p)]

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        if not ctx.resilient_parsing:
            self._refuse_empty_arguments(ctx, args)
        allowed = ctx.allow_extra_args
        ctx.allow_extra_args = True  # the extra arguments are reported below, counted right
        try:
            rest: list[str] = super().parse_args(ctx, args)
        finally:
            ctx.allow_extra_args = allowed
        if rest and not allowed and not ctx.resilient_parsing:
            shown = ", ".join(quoted(a) for a in rest[:3]) + (", …" if len(rest) > 3 else "")
            raise _usage_error(f"{plural(len(rest), 'unexpected extra argument')}: {shown}", ctx)
        return rest

    def _refuse_empty_arguments(self, ctx: typer.Context, args: list[str]) -> None:
        """An empty argument ('who ""') is a usage error, never 'everything' or 'nothing'."""
        parser = self.make_parser(ctx)
        try:
            given, _, _ = parser.parse_args(args=list(args))
        except _CLICK_ERROR:
            return  # the real parse below reports it
        for param in self.params:
            if not _is_argument(param):
                continue
            raw = given.get(param.name or "")
            values = raw if isinstance(raw, list | tuple) else [raw]
            if any(isinstance(v, str) and not v.strip() for v in values):
                leave_out = "" if param.required else ", or leave it out"
                raise _usage_error(f"{bare_metavar(param)} is empty; give one{leave_out}", ctx)

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        _take_shared(ctx)
        return super().invoke(ctx)


class _ClickError(Protocol):
    """What this module uses of a click usage error (click's own or typer's vendored copy)."""

    exit_code: int
    ctx: typer.Context | None

    def format_message(self) -> str: ...


def _click_error_type() -> type[Exception]:
    """The ClickException class of the click that typer runs on (typer >= 0.26 vendors its own)."""
    for cls in typer.BadParameter.__mro__:
        if cls.__name__ == "ClickException":
            return cls
    raise RuntimeError("typer.BadParameter does not derive from ClickException")  # pragma: no cover


_CLICK_ERROR = _click_error_type()


def _usage_error(message: str, ctx: typer.Context) -> Exception:
    """A usage error (exit 2) of the click that typer runs on, with the command's context."""
    usage_error = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")
    error: Exception = usage_error(message, ctx=ctx)
    return error


#: Group options whose value may be left out, which the click that typer vendors cannot say:
#: option -> the value meant when none follows (``shells``: ``--show-completion [SHELL]``).
OPTIONAL_VALUES: dict[str, str] = {}


class _Group(TyperGroup, _SharedOptions):
    """Typer's group with the shared options, one-line errors and quiet broken pipes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._add_shared()

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        given, n = list(args), 0
        while n < len(given) and given[n] not in self.commands and given[n] != "--":
            # Before the command: an optional-value option with no value gets the implied one.
            following = given[n + 1] if n + 1 < len(given) else "-"
            if given[n] in OPTIONAL_VALUES and (
                following.startswith("-") or following in self.commands
            ):
                given.insert(n + 1, OPTIONAL_VALUES[given[n]])
            n += 1
        return super().parse_args(ctx, given)

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        _take_shared(ctx)
        try:
            return super().invoke(ctx)
        except TwoSessionsError as exc:
            fail(exc.message, exc.exit_code)
        except OSError as exc:
            _output_failed(exc)

    def _help_path(self, error: _ClickError, args: Sequence[str] | None) -> str:
        """The command whose --help would have helped: from the error, else from the arguments."""
        if error.ctx is not None:
            return error.ctx.command_path
        words = list(sys.argv[1:] if args is None else args)
        return f"{PROG} {words[0]}" if words and words[0] in self.commands else PROG

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            result = super().main(
                args=args,
                prog_name=prog_name or PROG,
                complete_var=complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
        except _CLICK_ERROR as exc:
            if not standalone_mode:
                raise
            error = cast(_ClickError, exc)
            hint = f" Try '{self._help_path(error, args)} --help'."
            message = _cut_long_words(error.format_message().rstrip())
            fail(
                f"{message}{'' if message.endswith(('.', '?', '!')) else '.'}{hint}",
                error.exit_code,
            )
        except OSError as exc:  # while click printed help or a completion script
            _output_failed(exc)
        if not standalone_mode:
            return result
        try:
            sys.stdout.flush()
        except OSError as exc:
            _output_failed(exc)
        raise SystemExit(result if isinstance(result, int) else ExitCode.OK)


app = typer.Typer(
    name=PROG,
    cls=_Group,
    epilog=EPILOG,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,  # completion has its own options and scripts: see shells.py
    no_args_is_help=False,
)


def command(name: str | None = None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a command of the app, with the shared options added."""
    return app.command(name=name, cls=_Command)


def command_name(info: CommandInfo) -> str:
    """The name a registered command is typed as."""
    callback_name = info.callback.__name__ if info.callback else ""
    return info.name or callback_name.lower().replace("_", "-")


def command_names() -> list[str]:
    """Every command of the app, in the order they were declared."""
    return [command_name(info) for info in app.registered_commands]


def run(argv: Sequence[str]) -> None:
    """Run the app on ``argv`` as the installed script does, leaving ``app`` as it was.

    Typer builds a click command for every registered command at each start, about 0.6 ms
    apiece here. When the first argument names a command, only that one is built; help for
    the whole program, unknown commands and shell completion still see them all.
    """
    args = list(argv)
    first = args[0] if args else ""
    lean = app
    if first and not first.startswith("-") and f"_{PROG.upper()}_COMPLETE" not in os.environ:
        chosen = [c for c in app.registered_commands if command_name(c) == first]
        if chosen:
            lean = copy.copy(app)
            lean.registered_commands = chosen
    typer.main.get_command(lean).main(args=args, prog_name=PROG)
