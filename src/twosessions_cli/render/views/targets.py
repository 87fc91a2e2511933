"""``targets``: each year's target beside the outcome reported afterwards, and the verdict."""

from __future__ import annotations

from collections.abc import Sequence

from twosessions_cli.records import Figure, citations
from twosessions_cli.render import sheets
from twosessions_cli.render.cells import text
from twosessions_cli.render.formats import Report
from twosessions_cli.render.listing import Column, Listing, refs_cell, source_column
from twosessions_cli.render.notes import Footnotes, Marked, inference_note
from twosessions_cli.render.wording import value_text
from twosessions_cli.store import Facts
from twosessions_cli.targets import RULES, TargetYear

#: How a level is named in a listing that may hold both.
LEVEL_NAMES = {"municipal": "Chongqing", "national": "China"}


def _one_unit(rows: Sequence[TargetYear]) -> str | None:
    """The unit every target shares, if they share one: then it is said once, below."""
    units = {r.target.unit for r in rows}
    return units.pop() if len(units) == 1 else None


def _gap_text(gap: float | None, unit: str, said_once: bool) -> str:
    if gap is None:
        return "—"
    suffix = "" if said_once else (" pts" if unit == "%" else f" {unit}")
    return f"0{suffix}" if gap == 0 else f"{gap:+g}{suffix}"


def _verdict_text(row: TargetYear) -> str:
    """'missed (about)': the verdict and the rule that decided it, explained once below.
    'not comparable' needs no rule name: the Target or Outcome cell already says why."""
    return row.verdict if row.verdict == "not comparable" else f"{row.verdict} ({row.rule})"


def _value(notes: Footnotes, figure: Figure | None) -> Marked:
    if figure is None:
        return Marked("not in the data")
    return notes.marked(value_text(figure), inference_note(figure.inferred))


def targets_report(facts: Facts, measure: str, rows: Sequence[TargetYear]) -> Report:
    levels = {r.level for r in rows}
    unit = _one_unit(rows)
    level_column = [Column("Level", whole=True)] if len(levels) > 1 else []
    listing = Listing(
        f"Targets against outcomes: {measure}",
        [
            Column("Year", whole=True),
            *level_column,
            Column("Target", whole=True, justify="right"),
            Column("Outcome", whole=True, justify="right"),
            Column("Gap", whole=True, justify="right"),
            Column("Verdict", whole=True),
            source_column(),
        ],
    )
    notes = Footnotes()
    refs = []
    for row in rows:
        cited = [*citations(row.target), *(citations(row.outcome) if row.outcome else [])]
        refs.extend(cited)
        listing.add(
            text(row.year),
            *([text(LEVEL_NAMES.get(row.level, row.level))] if level_column else []),
            _value(notes, row.target),
            _value(notes, row.outcome),
            text(_gap_text(row.gap, row.target.unit, unit is not None)),
            text(_verdict_text(row)),
            refs_cell(cited),
            refs=cited,
        )
    if unit is not None:
        points = "percentage points" if unit == "%" else unit
        notes.after.append(f"Gap: the outcome minus the target, in {points}.")
    # Each rule that decided a year is said once, below the listing, not on every row.
    for rule in sorted({r.rule for r in rows}, key=list(RULES).index):
        notes.after.append(f"Rule '{rule}': {RULES[rule]}.")
    return Report(facts, listing, notes, refs, sheet=sheets.targets_sheet(facts, rows))
