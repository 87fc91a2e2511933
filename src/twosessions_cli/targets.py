"""Targets against outcomes: each year's target, the outcome reported afterwards, and a verdict.

The verdict follows one written rule per kind of target, chosen by the target's qualifier, so a
reader can see why a year counts as met or missed. A target and its outcome are figures of
paired series: ``gdp-growth-target`` and ``gdp-growth``. The outcome is the figure as the data
holds it (for the nation, the figure as first announced; later revisions are not mixed in).
"""

from __future__ import annotations

from typing import Literal

import msgspec

from twosessions_cli.errors import NotFound
from twosessions_cli.records import Figure
from twosessions_cli.series import level_rank
from twosessions_cli.store import Facts
from twosessions_cli.text import quoted

TARGET_SUFFIX = "-target"

Verdict = Literal["met", "missed", "not comparable"]

#: The rules, by the kind of target; each says when a target counts as met.
RULES: dict[str, str] = {
    "point": "a target with no qualifier is met when the outcome reaches it",
    "about": "'about' or 'around' X is met when the outcome is X or more; below X it is "
    "missed, however close (the gap says by how much)",
    "above": "'above', 'over' or 'more than' X is met only when the outcome is higher than X",
    "range": "a range X-Y is met when the outcome reaches its lower end X",
    "no target": "no target was set, so there is nothing to meet",
    "no outcome": "no outcome for this year is in the data (yet)",
    "units": "the target and the outcome are in different units",
}
_ABOUT = frozenset({"about", "around", "approximately"})
_ABOVE = frozenset({"above", "over", "more than"})


class TargetYear(msgspec.Struct, frozen=True):
    """One year of one level: the target, the outcome, the gap and which rule decided."""

    year: int
    level: str
    target: Figure
    outcome: Figure | None
    gap: float | None
    verdict: Verdict
    rule: str


def rule_of(target: Figure, outcome: Figure | None) -> str:
    """Which rule of ``RULES`` applies to this target and outcome."""
    if target.value is None:
        return "no target"
    if outcome is None or outcome.value is None:
        return "no outcome"
    if outcome.unit != target.unit:
        return "units"
    if target.upper is not None:
        return "range"
    qualifier = (target.qualifier or "").lower()
    if qualifier in _ABOUT:
        return "about"
    if qualifier in _ABOVE:
        return "above"
    return "point"


def judge(target: Figure, outcome: Figure | None) -> tuple[Verdict, float | None, str]:
    """The verdict, the gap in the unit's points (outcome minus target), and the rule used."""
    rule = rule_of(target, outcome)
    aim = target.value
    got = None if outcome is None else outcome.value
    if rule in ("no target", "no outcome", "units") or aim is None or got is None:
        return "not comparable", None, rule
    gap = round(got - aim, 2)
    met = got > aim if rule == "above" else got >= aim
    return ("met" if met else "missed"), gap, rule


def target_series(facts: Facts) -> list[str]:
    """The measures with a target series: 'gdp-growth' for 'gdp-growth-target'."""
    found = {f.series for f in facts.figures if f.series}
    return sorted(s.removesuffix(TARGET_SUFFIX) for s in found if s.endswith(TARGET_SUFFIX))


def measure_named(facts: Facts, word: str) -> str:
    """The measure a word names ('gdp-growth', 'growth', 'gdp-growth-target'), or NotFound."""
    measures = target_series(facts)
    wanted = word.strip().lower().removesuffix(TARGET_SUFFIX)
    if wanted in measures:
        return wanted
    fitting = [m for m in measures if wanted and wanted in m]
    if len(fitting) == 1:
        return fitting[0]
    raise NotFound(
        f"no targets for {quoted(word)}; figures with targets: {', '.join(measures) or 'none'}"
    )


def targets_against_outcomes(facts: Facts, measure: str) -> list[TargetYear]:
    """Each target of ``measure`` with its year's outcome, per level, oldest year first.

    A target is paired with the outcome of the same level and year: never a municipal target
    with a national outcome.
    """
    outcomes = {(facts.level_of(f.body), f.year): f for f in facts.figures if f.series == measure}
    rows = []
    for target in facts.figures:
        if target.series != measure + TARGET_SUFFIX:
            continue
        level = facts.level_of(target.body) or ""
        outcome = outcomes.get((level, target.year))
        verdict, gap, rule = judge(target, outcome)
        rows.append(TargetYear(target.year, level, target, outcome, gap, verdict, rule))
    return sorted(rows, key=lambda r: (r.year, level_rank(facts, r.target.body)))
