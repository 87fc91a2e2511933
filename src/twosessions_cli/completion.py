"""Shell completion: what each argument offers (years, topics, trend's series, cite's ids).

Completion reads the same facts the command would (the shared options given so far, overlays and
--level included), and offers nothing rather than fail when they cannot be loaded. The shells'
scripts, and how answers reach them, are in ``shells``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import typer

from twosessions_cli.errors import TwoSessionsError
from twosessions_cli.lookups import citable_completions, topic_completions, year_completions
from twosessions_cli.options import Options
from twosessions_cli.store import Facts
from twosessions_cli.text import completion_help

# --------------------------------------------------------------------------------------------
# What each argument offers
# --------------------------------------------------------------------------------------------


def _completion_facts(ctx: typer.Context, default_level: str = "chongqing") -> Facts | None:
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
        return given.facts(default_level)
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


def _described(pairs: Iterable[tuple[str, str]], *, whole: bool = False) -> list[tuple[str, str]]:
    return [(name, completion_help(text, whole=whole)) for name, text in pairs]


def complete_topic(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    facts = _completion_facts(ctx)
    return [] if facts is None else _described(topic_completions(facts, incomplete))


def complete_series(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Series ids by prefix, or the words of their names ('pro' offers 'proposals')."""
    from twosessions_cli.series import series_completions  # not loaded by every start

    facts = _completion_facts(ctx)
    return [] if facts is None else _described(series_completions(facts, incomplete), whole=True)


def complete_citable(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Record ids by prefix; after a '.', the ids of the record's statements and dates."""
    facts = _completion_facts(ctx, default_level="all")  # as cite finds ids at either level
    return [] if facts is None else _described(citable_completions(facts, incomplete), whole=True)
