"""The Typer application: the group, the options every command shares, errors.

Commands are declared in ``commands/``; everything they have in common is here, written once:
- the shared options (declared in ``options``) are added to the group and to every command by
  ``_SharedOptions``, so they work before the command (``twosessions --json dates``) as well as
  after it; a command reads them with ``options(ctx)``.
- Project errors become one line on stderr with their exit code, and a reader that closes the
  pipe early (``| head``) ends the program quietly, in ``_Group.invoke`` and nowhere else.
"""

from __future__ import annotations

import copy
import errno
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, Protocol, cast

import typer
from typer.core import TyperCommand, TyperGroup
from typer.models import CommandInfo

from twosessions_cli.errors import ExitCode, TwoSessionsError
from twosessions_cli.options import ColorChoice as ColorChoice
from twosessions_cli.options import LevelChoice as LevelChoice
from twosessions_cli.options import Options as Options
from twosessions_cli.options import options as options
from twosessions_cli.options import shared_parameters, take_shared
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


class _SharedOptions:
    """Adds the shared options to a click command, and hands them over before it runs."""

    params: list[Any]

    def _add_shared(self) -> None:
        self.params.extend(shared_parameters())


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
        take_shared(ctx)
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
#: The value of ``--show-completion`` / ``--install-completion`` given alone: the shell in use.
AUTO_SHELL = "auto"
#: The variable a shell's completion script sets when it asks this program for words.
COMPLETE_VAR = f"_{PROG.upper()}_COMPLETE"


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
        take_shared(ctx)
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
    if first and not first.startswith("-") and COMPLETE_VAR not in os.environ:
        chosen = [c for c in app.registered_commands if command_name(c) == first]
        if chosen:
            lean = copy.copy(app)
            lean.registered_commands = chosen
    typer.main.get_command(lean).main(args=args, prog_name=PROG)
