"""The views of time: the countdown headline of ``next`` and the ``timeline`` strip."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from twosessions_cli.records import Body, Facts, Session, citations
from twosessions_cli.render import console
from twosessions_cli.render.tables import (
    Report,
    body_name,
    can_encode,
    date_marks,
    footnote,
    new_table,
    origin_note,
    print_with_notes,
    sessions_table,
    text,
)
from twosessions_cli.text import WEEKDAYS, day_month, inert, long_date

if TYPE_CHECKING:
    from rich.table import Table

    from twosessions_cli.schedule import Sitting, Standing, Timeline


def standing_text(standing: Standing) -> str:
    """'opens in 7 days', 'day 3 of 5' or 'ended 28 days ago'."""
    if standing.state == "upcoming":
        return "opens tomorrow" if standing.opens_in == 1 else f"opens in {standing.opens_in} days"
    if standing.state == "sitting":
        return f"day {standing.day} of {standing.span.days}"
    return "ended yesterday" if standing.ended_ago == 1 else f"ended {standing.ended_ago} days ago"


def next_headline(standings: Sequence[Standing], bodies: dict[str, Body]) -> str:
    """One sentence that answers 'what is next?'."""
    # Worded so that the verb never has to agree with a body's name: "the Two Sessions
    # (joint)" is plural where "the CPPCC committee" is singular.
    sitting = [s for s in standings if s.state == "sitting"]
    if sitting:
        who = "; ".join(
            f"the {body_name(bodies, s.session.body)}, {standing_text(s)}" for s in sitting
        )
        return f"Sitting today: {who}."
    upcoming = [s for s in standings if s.state == "upcoming"]
    if upcoming:
        first = upcoming[0]
        days = "tomorrow" if first.opens_in == 1 else f"in {first.opens_in} days"
        return (
            f"Next: the {body_name(bodies, first.session.body)}, opening {days}, "
            f"on {long_date(first.span.opens)}."
        )
    last = max(standings, key=lambda s: (s.span.closes, s.session.body))
    ago = "yesterday" if last.ended_ago == 1 else f"{last.ended_ago} days ago"
    return (
        f"Nothing ahead in the data: the {body_name(bodies, last.session.body)} closed {ago}, "
        f"on {long_date(last.span.closes)}."
    )


def nothing_ahead(standings: Sequence[Standing]) -> bool:
    return all(s.state == "ended" for s in standings)


NOTHING_AHEAD_HINT = (
    "No later session is in the data. When the next dates are announced, "
    "add them with --data DIR (see 'twosessions validate --help')."
)


def next_report(
    facts: Facts, standings: Sequence[Standing], bodies: dict[str, Body], today: dt.date
) -> Report:
    sessions = [s.session for s in standings]
    status = {s.session.id: standing_text(s) for s in standings}
    title = f"As of {long_date(today)}"
    table, notes = sessions_table(facts, sessions, bodies, title, status)
    if nothing_ahead(standings):
        notes.append(NOTHING_AHEAD_HINT)
    refs = [r for s in sessions for r in citations(s)]
    return Report(facts, table, notes, refs, lead=next_headline(standings, bodies))


_ROW_COLOURS = ("cyan", "magenta", "yellow", "green", "blue", "red")


def overlap_label(count: int) -> str:
    return "Both sitting" if count == 2 else "Sitting together"


def _sitting_text(sittings: Sequence[Sitting], bodies: dict[str, Body]) -> str:
    return "; ".join(
        f"{body_name(bodies, s.session.body)} day {s.day}/{s.span.days}" for s in sittings
    )


def show_timeline(facts: Facts, line: Timeline, bodies: dict[str, Body]) -> None:
    """A strip of the sessions' weeks on a terminal; one line per day when piped."""
    out = console()
    if not out.is_terminal:
        _plain_timeline(line, bodies)
        return
    from rich.measure import Measurement

    unicode = can_encode(out, "█◆")
    glyphs = ("██", "◆") if unicode else ("##", "*")
    notes: list[str] = []
    marks = {
        span.session.id: _date_marks(notes, span.session)
        + footnote(notes, origin_note(facts, "sessions", span.session.id))
        for span in line.spans
    }
    strip = _timeline_strip(line, bodies, marks, glyphs)
    # Measure as if the terminal were unlimited: a measurement within its width is clamped to it.
    needed = Measurement.get(out, out.options.update_width(10_000), strip).maximum
    fits = needed <= out.width
    table = strip if fits else _timeline_columns(line, bodies, marks, glyphs)
    most = max(len(d.sittings) for d in line.days)
    legend = f"{glyphs[0]} sitting"
    if most > 1:
        legend += f"   {glyphs[1]} {overlap_label(most).lower()}"
    for session in line.undated:
        notes.append(
            f"Not drawn: the {body_name(bodies, session.body)}, whose dates are not reported."
        )
    refs = (r for span in line.spans for r in citations(span.session))
    print_with_notes(facts, table, [legend, *notes], refs)


def _date_marks(notes: list[str], session: Session) -> str:
    """The footnotes of a session's dates (scheduled, inferred), as marks for its row label."""
    found: list[str] = []
    for dated in (session.opens, session.closes):
        if dated is not None:
            found += [m for m in date_marks(notes, dated) if m not in found]
    return "".join(found)


def _timeline_title(line: Timeline) -> str:
    """'Who sits when, 26 Jan to 1 Feb 2026': short enough for the narrowest strip."""
    first, last = line.days[0].date, line.days[-1].date

    start = day_month(first) + (f" {first.year}" if first.year != last.year else "")
    return f"Who sits when, {start} to {day_month(last)} {last.year}"


def _timeline_strip(
    line: Timeline, bodies: dict[str, Body], marks: dict[str, str], glyphs: tuple[str, str]
) -> Table:
    """Days across, one row per session: the picture a wall calendar gives."""
    table = new_table(_timeline_title(line))
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
        label = text(body_name(bodies, span.session.body) + marks[span.session.id], colour)
        table.add_row(label, *cells, text(span.days))
    most = max(len(d.sittings) for d in line.days)
    if most > 1:
        table.add_row(
            text(overlap_label(most), "bold"),
            *(text(glyphs[1], "bold") if len(d.sittings) > 1 else text("") for d in line.days),
            text(sum(len(d.sittings) > 1 for d in line.days)),
        )
    return table


def _timeline_columns(
    line: Timeline, bodies: dict[str, Body], marks: dict[str, str], glyphs: tuple[str, str]
) -> Table:
    """Days down, one column per session: for terminals too narrow for the strip."""
    table = new_table(_timeline_title(line))
    table.add_column("Day", no_wrap=True)
    for n, span in enumerate(line.spans):
        # The header wraps (its marks on a line of their own if need be) rather than being cut.
        name = body_name(bodies, span.session.body)
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
            cells.append(text(f"{glyphs[0]} {sitting.day}/{span.days}" if sitting else ""))
        mark = f" {glyphs[1]}" if len(day.sittings) > 1 else ""
        style = "dim" if date.weekday() >= 5 and not day.sittings else ""
        label = f"{WEEKDAYS[date.weekday()][:3]} {day_month(date)}"
        table.add_row(text(label + mark, style), *cells)
    return table


def _plain_timeline(line: Timeline, bodies: dict[str, Body]) -> None:
    """One line per day for pipes: 'DATE WEEKDAY  who sits (day K/N)', grep- and diff-friendly."""
    out = sys.stdout
    for day in line.days:
        who = _sitting_text(day.sittings, bodies) or "-"
        if len(day.sittings) > 1:
            who += f" ({overlap_label(len(day.sittings)).lower()})"
        weekday = WEEKDAYS[day.date.weekday()][:3]
        out.write(inert(f"{day.date.isoformat()} {weekday}  {who}") + "\n")
