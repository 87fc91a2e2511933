"""Figures as series across the years: what ``trend`` draws and ``targets`` pairs.

A series is the figures that share a ``series`` id, one per level: Chongqing's growth target and
China's are one measure of two economies, and are never drawn or compared as one line.
"""

from __future__ import annotations

import msgspec

from twosessions_cli.errors import NotFound
from twosessions_cli.records import LEVEL_ORDER, Figure
from twosessions_cli.store import Facts
from twosessions_cli.text import normalize, quoted


class Series(msgspec.Struct, frozen=True):
    """One measure across the years: figures that share a ``series`` id, in year order."""

    id: str
    label: str
    unit: str
    body: str
    figures: list[Figure]


def level_rank(facts: Facts, body_id: str) -> int:
    """Where a body's level comes in a listing: Chongqing's first, then the nation's."""
    level = facts.level_of(body_id)
    return LEVEL_ORDER.index(level) if level in LEVEL_ORDER else len(LEVEL_ORDER)


def all_series(facts: Facts) -> list[Series]:
    """Every series in the data, by id; one per level when Chongqing and the nation share an id
    (their growth targets are one measure of two economies, never one line)."""
    grouped: dict[tuple[str, int], list[Figure]] = {}
    for figure in facts.figures:
        if figure.series:
            grouped.setdefault((figure.series, level_rank(facts, figure.body)), []).append(figure)
    found = []
    for (sid, _), figures in sorted(grouped.items()):
        figures.sort(key=lambda f: f.year)
        last = figures[-1]
        found.append(Series(sid, last.label, last.unit, last.body, figures))
    return found


def trend_names(facts: Facts) -> list[Series]:
    """The series with figures for at least two years: what ``trend`` can draw."""
    return [s for s in all_series(facts) if len({f.year for f in s.figures}) >= 2]


def trends_matching(facts: Facts, name: str) -> list[Series]:
    """The series a name refers to: its id, or every series whose id or label holds the words.

    Series that mean different things (proposals submitted, filed, handled) stay separate.
    """
    every = all_series(facts)
    key = normalize(name)
    exact = [s for s in every if s.id == name.strip() or normalize(s.id) == key]
    if exact:
        return exact
    found = [s for s in every if key and (key in normalize(s.id) or key in normalize(s.label))]
    if found:
        return found
    names = ", ".join(s.id for s in trend_names(facts)) or "none"
    raise NotFound(f"no figure called {quoted(name)}; figures with two or more years: {names}")
