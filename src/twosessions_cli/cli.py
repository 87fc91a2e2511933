"""The command line's declarations: the group (its help and --version), and ``main``.

The commands themselves live in ``commands/``, one module per group; importing it registers them.
What every command shares (options, errors, completion) lives in ``app``.
"""

# No ``from __future__ import annotations`` here: Typer reads these parameters' annotations
# when it builds a command, and each annotation kept as a string would cost a compile.

import os
from collections.abc import Sequence
from typing import Annotated

import typer

from twosessions_cli import __version__, commands
from twosessions_cli.app import AUTO_SHELL, COMPLETE_VAR, OPTIONAL_VALUES, app, run
from twosessions_cli.text import PROG

__all__ = ["app", "commands", "main"]


def _version(value: bool) -> None:
    if value:
        print(f"{PROG} {__version__}")
        raise typer.Exit()


# The shells' scripts and answers load only when completion is asked for: not at every start.
def _show_completion(ctx: typer.Context, value: str | None) -> None:
    if value is not None:
        from twosessions_cli import shells

        shells.show_completion(ctx, value)


def _install_completion(ctx: typer.Context, value: str | None) -> None:
    if value is not None:
        from twosessions_cli import shells

        shells.install_completion_option(ctx, value)


OPTIONAL_VALUES.update({"--install-completion": AUTO_SHELL, "--show-completion": AUTO_SHELL})


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    install_completion: Annotated[
        str | None,
        typer.Option(
            "--install-completion",
            metavar="[SHELL]",
            callback=_install_completion,
            is_eager=True,
            expose_value=False,
            show_default=False,
            help="Install completion for SHELL (bash, zsh or fish; default: the shell in use).",
        ),
    ] = None,
    show_completion: Annotated[
        str | None,
        typer.Option(
            "--show-completion",
            metavar="[SHELL]",
            callback=_show_completion,
            is_eager=True,
            expose_value=False,
            show_default=False,
            help="Print the completion script for SHELL (bash, zsh or fish; default: the shell "
            "in use), to copy it or install it by hand.",
        ),
    ] = None,
) -> None:
    """Offline reference for the Chongqing Two Sessions (两会): the CPPCC committee (政协)
    and the Municipal People's Congress (人大). Every fact names its source.

    \b
    Examples:
      twosessions dates              when the latest sessions meet
      twosessions explain cppcc      what the CPPCC committee is (政协 works too)
      twosessions stats 2025         the year's figures, with qualifiers and sources
      twosessions dates --json       the same facts for scripts
    """
    if ctx.invoked_subcommand is None:
        print(ctx.get_help())
        raise typer.Exit()


def main(argv: Sequence[str]) -> None:
    """Run the CLI on ``argv`` (without the program name), as the installed script does."""
    if COMPLETE_VAR in os.environ:  # a shell asks for words: its answer formats are in shells
        from twosessions_cli import shells  # noqa: F401

    run(argv)
