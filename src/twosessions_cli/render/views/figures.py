"""Figures: a year's (``stats``), one measure across the years (``trend``), and the trend list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from twosessions_cli.records import Figure, SourceRef, citations
from twosessions_cli.render import sheets
from twosessions_cli.render.cells import can_encode, said, spans, text
from twosessions_cli.render.citations import refs_text, sources_legend
from twosessions_cli.render.formats import Report
from twosessions_cli.render.listing import Column, Listing, refs_cell, source_column
from twosessions_cli.render.notes import Footnotes, grounded_note, inference_note, origin_note
from twosessions_cli.render.output import console
from twosessions_cli.render.wording import TREND_NAMES_TITLE, body_name, unit_text, value_text
from twosessions_cli.store import Facts

if TYPE_CHECKING:
    from twosessions_cli.series import Series


def _figure_note(figure: Figure) -> str | None:
    """The figure's note; an inference already footnoted for the figure is not said twice."""
    note = figure.note
    if note is None:
        return None
    if (
        figure.inferred is not None
        and note.basis == "inferred"
        and note.reason == figure.inferred.reason
    ):
        return note.text
    return grounded_note(note)


def figures_report(
    facts: Facts, figures: Sequence[Figure], title: str, *, with_year: bool = False
) -> Report:
    """The figures of one listing; ``with_year`` adds the year each counts, for a listing
    that mixes years (the figures a year's sessions reported)."""
    year_column = [Column("Year", whole=True)] if with_year else []
    table = Listing(
        title,
        [
            Column("What"),
            *year_column,
            Column("Value", whole=True, justify="right"),
            Column("Unit"),
            Column("Body", name=True),
            source_column(),
        ],
    )
    notes = Footnotes()
    for figure in figures:
        reporter = facts.person_by_id.get(figure.reported_by or "")
        what = notes.marked(
            figure.label,
            origin_note(facts, "figures", figure.id),
            inference_note(figure.inferred),
            _figure_note(figure),
            f"Reported by {reporter.name}, {reporter.role}." if reporter else None,
        )
        table.add(
            what,
            *([text(figure.year)] if with_year else []),
            text(value_text(figure)),
            text(unit_text(figure.unit)),
            text(body_name(facts.body_by_id, figure.body)),
            refs_cell(citations(figure)),
            refs=citations(figure),
        )
    refs = [r for f in figures for r in citations(f)]
    return Report(facts, table, notes, refs, sheet=sheets.figures_sheet(facts, figures))


def trend_names_report(facts: Facts, series: Sequence[Series]) -> Report:
    listing = Listing(
        TREND_NAMES_TITLE,
        [
            Column("Figure", whole=True, style="bold"),
            Column("What"),
            Column("Body", name=True),
            Column("Years", whole=True, justify="right"),
            Column("From-to", whole=True),
        ],
    )
    for one in series:
        # How many years the series has, and the span they fall in: 9 years in 2013-2026
        # leave 5 out, which the chart shows as gaps.
        years = one.years
        body = body_name(facts.body_by_id, one.body)
        listing.add(
            text(one.id),
            text(one.label),
            text(body),
            text(len(years)),
            text(f"{years[0]}-{years[-1]}"),
        )
    return Report(facts, listing, sheet=sheets.trend_names_sheet(facts, series))


BAR_WIDTH_MAX = 40
#: What a year between two others that has no figure shows, in place of a value.
NOT_IN_DATA = "not in the data"


def _with_gaps(rows: list[tuple[Figure, str]]) -> list[tuple[str, Figure | None, str]]:
    """(year, figure, value) rows in year order, with a row for each run of missing years
    ('2014-2015', None, 'not in the data'), so that no gap passes for a steady line."""
    found: list[tuple[str, Figure | None, str]] = []
    last: int | None = None
    for figure, value in rows:
        if last is not None and figure.year > last + 1:
            first, final = last + 1, figure.year - 1
            span = str(first) if first == final else f"{first}-{final}"
            found.append((span, None, NOT_IN_DATA))
        found.append((str(figure.year), figure, value))
        last = figure.year
    return found


def _series_title(facts: Facts, one: Series) -> str:
    unit = f" ({unit_text(one.unit)})" if unit_text(one.unit) else ""
    return f"{one.label}{unit} · {body_name(facts.body_by_id, one.body)} · {one.id}"


def _wordings(one: Series) -> str | None:
    """'gdp: the sources call it 'Regional GDP' (2024), 'Chongqing GDP' (2025).'"""
    labels = one.labels()
    if not labels:
        return None
    said = ", ".join(f"'{label}' ({', '.join(map(str, years))})" for label, years in labels.items())
    return f"{one.id}: the sources call it {said}."


def show_trend(facts: Facts, series: Sequence[Series]) -> None:
    """Each series as a bar chart on a terminal; as a plain table when piped.

    Series are drawn one after the other, never on one axis: their meanings differ. A missing
    year shows as a gap row; a series with one year is said in a line, not drawn as a trend.
    """
    from rich.cells import cell_len

    out = console()
    glyph = "█" if can_encode(out, "█") else "#"
    notes = Footnotes()
    refs: list[SourceRef] = []
    for n, one in enumerate(series):
        if n:
            out.print()
        title = _series_title(facts, one)
        notes.once(_wordings(one))
        rows = []
        for figure in one.figures:
            marks = notes.mark(
                inference_note(figure.inferred), origin_note(facts, "figures", figure.id)
            )
            rows.append((figure, value_text(figure) + marks))
            refs.extend(citations(figure))
        cited = refs_text(r for f in one.figures for r in citations(f))
        if len(one.years) == 1:
            out.print(text(title, "bold"))
            values = "; ".join(value for _, value in rows)
            out.print(
                said(f"One year only, {one.years[0]}: {values} ({cited}); not a trend.", ""),
                crop=False,
            )
            continue
        if not out.is_terminal:
            listing = Listing(
                title,
                [
                    Column("Year", whole=True),
                    Column("Value", whole=True, justify="right"),
                    source_column(),
                ],
            )
            for year, shown, value in _with_gaps(rows):
                where = refs_cell(citations(shown)) if shown else text("")
                listing.add(text(year), text(value), where)
            out.print(listing.renderable(out.width))
            continue
        out.print(text(title, "bold"))
        largest = max(abs(f.upper or f.value or 0) for f in one.figures) or 1
        value_width = max(cell_len(v) for _, v in rows)
        room = max(8, min(BAR_WIDTH_MAX, out.width - value_width - 12))
        year_width = max(len(year) for year, _, _ in _with_gaps(rows))
        for year, point, value in _with_gaps(rows):
            if point is None:
                out.print(spans((f"{year:<{year_width}}  ", ""), (f"({value})", "dim")))
                continue
            # A range is drawn to its upper end; a year with no figure set gets no bar.
            size = abs(point.upper or point.value or 0)
            bar = glyph * (max(1, round(size / largest * room)) if size else 0)
            line = spans(
                (f"{year:<{year_width}}  ", ""),
                (f"{bar:<{room}}", "cyan"),
                (f"  {value:>{value_width}}", "bold"),
            )
            out.print(line)
        out.print(said(f"Cited: {cited}", "dim"), crop=False)
    for note in notes.lines():
        out.print(said(note, "dim"), crop=False)
    legend = sources_legend(facts, refs)
    if legend:
        out.print(said(legend, "dim"), crop=False)


def trend_report(facts: Facts, series: Sequence[Series]) -> Report:
    """Every point of the series in one listing, for CSV and Markdown (each row says its series)."""
    listing = Listing(
        "Figures across the years",
        [
            Column("Figure", whole=True),
            Column("Year", whole=True),
            Column("Value", whole=True, justify="right"),
            Column("Unit"),
            Column("Body", name=True),
            source_column(style=""),
        ],
    )
    notes = Footnotes()
    refs: list[SourceRef] = []
    for one in series:
        missing = one.missing_years
        for year in sorted({*one.years, *missing}):
            if year in missing:
                # A gap in the series is a row of its own, as in the table and the chart.
                gap = text("not in the data")
                listing.add(text(one.id), text(year), gap, text(""), text(""), text(""))
                continue
            for figure in (f for f in one.figures if f.year == year):
                listing.add(
                    text(one.id),
                    text(figure.year),
                    notes.marked(value_text(figure), inference_note(figure.inferred)),
                    text(unit_text(figure.unit)),
                    text(body_name(facts.body_by_id, figure.body)),
                    refs_cell(citations(figure)),
                    refs=citations(figure),
                )
                refs += citations(figure)
    return Report(facts, listing, notes, refs, sheet=sheets.trend_sheet(facts, series))
