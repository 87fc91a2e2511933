"""The ``timeline`` strip: who sits when, days across (or down, on a narrow terminal)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from twosessions_cli.records import Session, citations
from twosessions_cli.render.cells import can_encode, new_table, text
from twosessions_cli.render.listing import print_with_notes
from twosessions_cli.render.notes import Footnotes, date_notes, marks_text, origin_note
from twosessions_cli.render.output import console
from twosessions_cli.render.wording import overlap_label, session_name, timeline_title
from twosessions_cli.store import Facts
from twosessions_cli.text import WEEKDAYS, day_month, inert

if TYPE_CHECKING:
    from rich.table import Table

    from twosessions_cli.schedule import Sitting, Span, Timeline

_ROW_COLOURS = ("cyan", "magenta", "yellow", "green", "blue", "red")


def show_timeline(facts: Facts, line: Timeline) -> None:
    """A strip of the sessions' weeks on a terminal; one line per day when piped."""
    out = console()
    if not out.is_terminal:
        _plain_timeline(line, facts)
        return
    from rich.measure import Measurement

    unicode = can_encode(out, "█◆")
    glyphs = ("██", "◆") if unicode else ("##", "*")
    notes = Footnotes()
    marks = {
        span.session.id: _date_marks(notes, span.session)
        + notes.mark(
            origin_note(facts, "sessions", span.session.id),
            _one_day_note(span),
        )
        for span in line.spans
    }
    strip = _timeline_strip(line, facts, marks, glyphs)
    # Measure as if the terminal were unlimited: a measurement within its width is clamped to it.
    needed = Measurement.get(out, out.options.update_width(10_000), strip).maximum
    fits = needed <= out.width
    table = strip if fits else _timeline_columns(line, facts, marks, glyphs)
    most = max(len(d.sittings) for d in line.days)
    legend = f"{glyphs[0]} sitting"
    if most > 1:
        legend += f"   {glyphs[1]} {overlap_label(most).lower()}"
    for session in line.undated:
        notes.after.append(
            f"Not drawn: the {session_name(facts, session)}, whose dates are not reported."
        )
    refs = (r for span in line.spans for r in citations(span.session))
    print_with_notes(facts, table, [legend, *notes.lines()], refs)


def _one_day_note(span: Span) -> str | None:
    """The note of a session drawn on its one known day."""
    if span.days is not None:
        return None
    if span.closes is None:
        return "Only its opening day is drawn: its closing is not reported."
    return "Only its closing day is drawn: its opening is not reported."


def _missing_end(span: Span) -> str:
    """'(closing not reported)' for a session known only by its opening, and the converse."""
    return "(closing not reported)" if span.closes is None else "(opening not reported)"


def _date_marks(notes: Footnotes, session: Session) -> str:
    """The footnotes of a session's dates (scheduled, inferred), as marks for its row label."""
    found: list[int] = []
    for name, dated in (("opens", session.opens), ("closes", session.closes)):
        if dated is not None:
            about = f"{session.id}.{name}"
            found += [n for n in notes.numbers(*date_notes(dated, about)) if n not in found]
    return marks_text(found)


def _timeline_strip(
    line: Timeline, facts: Facts, marks: dict[str, str], glyphs: tuple[str, str]
) -> Table:
    """Days across, one row per session: the picture a wall calendar gives."""
    table = new_table(timeline_title(line))
    # Two characters a day and one space between days, so that two weeks fit in 80 columns.
    # The title names the months; a day number that drops back to 1 shows a new month.
    table.padding = (0, 0)
    table.add_column("")
    for day in line.days:
        date = day.date
        weekend = date.weekday() >= 5
        table.add_column(
            f"{WEEKDAYS[date.weekday()][:2]}\n{date.day}",
            justify="right",
            width=2,
            header_style="dim" if weekend else "bold cyan",
        )
    table.add_column("Days", justify="right")
    for n, span in enumerate(line.spans):
        colour = _ROW_COLOURS[n % len(_ROW_COLOURS)]
        cells = [
            text(glyphs[0], colour) if any(s.span is span for s in day.sittings) else text("")
            for day in line.days
        ]
        label = text(session_name(facts, span.session) + marks[span.session.id], colour)
        table.add_row(label, *cells, text("—" if span.days is None else span.days))
    most = max(len(d.sittings) for d in line.days)
    if most > 1:
        table.add_row(
            text(overlap_label(most), "bold"),
            *(text(glyphs[1], "bold") if len(d.sittings) > 1 else text("") for d in line.days),
            text(sum(len(d.sittings) > 1 for d in line.days)),
        )
    return table


def _timeline_columns(
    line: Timeline, facts: Facts, marks: dict[str, str], glyphs: tuple[str, str]
) -> Table:
    """Days down, one column per session: for terminals too narrow for the strip."""
    table = new_table(timeline_title(line))
    table.add_column("Day", no_wrap=True)
    for n, span in enumerate(line.spans):
        # The header wraps (its marks on a line of their own if need be) rather than being cut.
        name = session_name(facts, span.session)
        table.add_column(
            f"{name}\n{marks[span.session.id]}".rstrip(),
            style=_ROW_COLOURS[n % len(_ROW_COLOURS)],
            overflow="fold",
            min_width=max(len(word) for word in name.split()),
        )
    for day in line.days:
        date = day.date
        cells = []
        for span in line.spans:
            sitting = next((s for s in day.sittings if s.span is span), None)
            cells.append(text(_day_of(sitting, glyphs[0]) if sitting else ""))
        mark = f" {glyphs[1]}" if len(day.sittings) > 1 else ""
        style = "dim" if date.weekday() >= 5 and not day.sittings else ""
        label = f"{WEEKDAYS[date.weekday()][:3]} {day_month(date)}"
        table.add_row(text(label + mark, style), *cells)
    return table


def _day_of(sitting: Sitting, glyph: str) -> str:
    """'██ 3/5', or '██ opens' / '██ closes' for a session known by that day alone."""
    if sitting.span.days is None:
        return f"{glyph} {'opens' if sitting.span.closes is None else 'closes'}"
    return f"{glyph} {sitting.day}/{sitting.span.days}"


def _sitting_text(sittings: Sequence[Sitting], facts: Facts) -> str:
    said = []
    for s in sittings:
        name = session_name(facts, s.session)
        if s.span.days is None:
            verb = "opens" if s.span.closes is None else "closes"
            said.append(f"{name} {verb} {_missing_end(s.span)}")
        else:
            said.append(f"{name} day {s.day}/{s.span.days}")
    return "; ".join(said)


#: A day on which no session is reported, said in words: a bare '-' reads as missing output.
NO_SITTING = "no sitting reported"


def _plain_timeline(line: Timeline, facts: Facts) -> None:
    """One line per day for pipes: 'DATE WEEKDAY  who sits (day K/N)', grep- and diff-friendly."""
    out = sys.stdout
    for day in line.days:
        who = _sitting_text(day.sittings, facts) or NO_SITTING
        if len(day.sittings) > 1:
            who += f" ({overlap_label(len(day.sittings)).lower()})"
        weekday = WEEKDAYS[day.date.weekday()][:3]
        out.write(inert(f"{day.date.isoformat()} {weekday}  {who}") + "\n")
