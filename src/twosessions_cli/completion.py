"""Shell completion: the years, topics and figure names the data offers, as each command sees it.

Completion reads the same facts the command would (the shared options given so far, overlays and
--level included), and offers nothing rather than fail when they cannot be loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import typer

from twosessions_cli.app import Options
from twosessions_cli.errors import TwoSessionsError
from twosessions_cli.lookups import topic_completions, year_completions
from twosessions_cli.series import trend_names
from twosessions_cli.store import Facts
from twosessions_cli.text import completion_help


def _completion_facts(ctx: typer.Context) -> Facts | None:
    """The facts as the command being completed would see them; None if they cannot load."""
    chain: list[typer.Context] = []
    here: Any = ctx
    while here is not None:
        chain.append(here)
        here = here.parent
    given = Options()
    for context in reversed(chain):  # the group's options first, then the command's
        given = given | Options.from_params(context.params)
    try:
        return given.facts()
    except TwoSessionsError:
        return None


def years_of(kind: str) -> Callable[[typer.Context, str], list[str]]:
    """A completer offering the years that records of ``kind`` have."""

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        facts = _completion_facts(ctx)
        if facts is None:
            return []
        years: Iterable[int] = (r.year for r in facts.records(kind))
        return year_completions(years, incomplete)

    return complete


def complete_topic(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    facts = _completion_facts(ctx)
    if facts is None:
        return []
    return [
        (name, completion_help(summary)) for name, summary in topic_completions(facts, incomplete)
    ]


def complete_series(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    facts = _completion_facts(ctx)
    if facts is None:
        return []
    # One entry per id: Chongqing's and China's series of one measure share it (--level all).
    offered = {s.id: s.label for s in reversed(trend_names(facts)) if s.id.startswith(incomplete)}
    return [(sid, completion_help(offered[sid])) for sid in sorted(offered)]
