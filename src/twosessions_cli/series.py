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
    """One measure across the years: figures that share a ``series`` id, in year order.

    ``label`` is the latest figure's; a source may word the measure differently in another
    year ('Regional GDP', then 'Chongqing GDP'), and each figure keeps its own label.
    """

    id: str
    label: str
    unit: str
    body: str
    figures: list[Figure]

    @property
    def years(self) -> list[int]:
        """The years the data has a figure for."""
        return sorted({f.year for f in self.figures})

    @property
    def missing_years(self) -> list[int]:
        """The years between the first and the last that the data has no figure for."""
        have = self.years
        return [y for y in range(have[0], have[-1] + 1) if y not in have] if have else []

    def labels(self) -> dict[str, list[int]]:
        """Each wording of the measure and the years the sources use it, when there are two or
        more; empty when every year says it alike."""
        found: dict[str, list[int]] = {}
        for figure in self.figures:
            years = found.setdefault(figure.label, [])
            if figure.year not in years:
                years.append(figure.year)
        return found if len(found) > 1 else {}


def year_runs(years: list[int]) -> list[tuple[int, int]]:
    """[2014, 2015, 2017] -> [(2014, 2015), (2017, 2017)]: runs of consecutive years."""
    runs: list[tuple[int, int]] = []
    for year in sorted(years):
        if runs and runs[-1][1] == year - 1:
            runs[-1] = (runs[-1][0], year)
        else:
            runs.append((year, year))
    return runs


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


#: Words shorter than this ('to', 'of') are not offered as names of series.
_SHORTEST_WORD = 3


def series_completions(facts: Facts, incomplete: str) -> list[tuple[str, str]]:
    """What a shell offers after 'trend': (name, what it draws) pairs.

    The ids that start with what was typed; when none does, the words of the series' ids and
    labels that start with it ('pro' offers 'proposal' and 'proposals'), each a name that
    ``trends_matching`` takes. One entry per id: Chongqing's and China's series of one measure
    share it.
    """
    typed = normalize(incomplete)
    drawn = trend_names(facts)
    labels = {s.id: s.label for s in reversed(drawn)}
    ids = [(sid, labels[sid]) for sid in sorted(labels) if sid.startswith(incomplete)]
    if ids or not typed:
        return ids
    words = sorted(
        {
            word
            for sid, label in labels.items()
            for word in normalize(f"{sid} {label}").split()
            if len(word) >= _SHORTEST_WORD and word.startswith(typed)
        }
    )
    offered = []
    for word in words:
        # What 'trend WORD' draws: every series whose id or label holds the word.
        drawn_by = [
            label
            for sid, label in sorted(labels.items())
            if word in normalize(sid) or word in normalize(label)
        ]
        more = f" and {len(drawn_by) - 1} more" if len(drawn_by) > 1 else ""
        offered.append((word, f"{drawn_by[0]}{more}"))
    return offered
