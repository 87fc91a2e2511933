"""Sessions in rows: ``dates``, the countdown of ``next``, and what the data covers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from twosessions_cli.records import Session, citations
from twosessions_cli.render.cells import text
from twosessions_cli.render.formats import Report
from twosessions_cli.render.listing import Column, Listing, refs_cell, source_column
from twosessions_cli.render.notes import (
    BRIEF_YEAR,
    Footnotes,
    Marked,
    date_cell,
    grounded_note,
    origin_note,
    unless_sourced,
)
from twosessions_cli.render.wording import (
    NOTHING_AHEAD_HINT,
    as_of_title,
    body_name,
    known,
    next_headline,
    nothing_ahead,
    standing_text,
)
from twosessions_cli.store import Facts

if TYPE_CHECKING:
    from rich.text import Text

    from twosessions_cli.lookups import Coverage
    from twosessions_cli.schedule import Standing


def sessions_table(
    facts: Facts,
    sessions: Sequence[Session],
    title: str,
    status: Mapping[str, str] | None = None,
    *,
    brief_reasons: bool = False,
) -> tuple[Listing, Footnotes]:
    """The sessions listing and its footnotes.

    With ``status`` (text keyed by session id) it is the countdown's table: a Status column
    takes the place of the Session and Days columns. With ``brief_reasons`` (many years at
    once) an inferred year gets one short shared footnote instead of each page's reason.
    """
    many_years = len({s.year for s in sessions}) > 1
    columns = [Column("Year", whole=True, justify="right")] if many_years else []
    columns.append(Column("Body", name=True))
    if status is None:
        columns.append(Column("Session", name=True))
    columns += [Column("Opens", whole=True), Column("Closes", whole=True)]
    if status is None:
        columns.append(Column("Days", whole=True, justify="right"))
    else:
        columns.append(Column("Status", whole=True, style="bold"))
    columns.append(source_column())
    listing = Listing(title, columns, heading=(0, 1) if many_years else (0,))
    notes = Footnotes()
    year = BRIEF_YEAR if brief_reasons else None
    bodies = facts.body_by_id
    for session in sessions:
        body = notes.marked(
            body_name(bodies, session.body),
            origin_note(facts, "sessions", session.id),
            grounded_note(session.note),
            f"Opened at: {session.venue.text}." if session.venue else None,
            f"Closed at: {session.closing_venue.text}." if session.closing_venue else None,
        )
        row: list[Text | Marked] = [text(session.year)] if many_years else []
        row.append(body)
        if status is None:
            label = session.label() or "—"
            row.append(notes.marked(label, grounded_note(unless_sourced(session.numbered))))
        row += [date_cell(notes, session.opens, year), date_cell(notes, session.closes, year)]
        if status is None:
            days = "—" if session.days is None else str(session.days)
            row.append(notes.marked(days, grounded_note(session.length)))
        else:
            row.append(text(status.get(session.id, "")))
        row.append(refs_cell(citations(session)))
        listing.add(*row, refs=citations(session))
    return listing, notes


def sessions_report(facts: Facts, sessions: Sequence[Session], title: str) -> Report:
    many = len({s.year for s in sessions}) > 1
    table, notes = sessions_table(facts, sessions, title, brief_reasons=many)
    return Report(facts, table, notes, [r for s in sessions for r in citations(s)])


def next_report(facts: Facts, standings: Sequence[Standing], today: dt.date) -> Report:
    sessions = [s.session for s in standings]
    status = {s.session.id: standing_text(s) for s in standings}
    table, notes = sessions_table(facts, sessions, as_of_title(today), status)
    if nothing_ahead(standings):
        notes.after.append(NOTHING_AHEAD_HINT)
    refs = [r for s in sessions for r in citations(s)]
    lead = next_headline(standings, facts.body_by_id)
    return Report(facts, table, notes, refs, lead=lead)


COVERAGE_NOTES = (
    "source: a page says it; inferred: follows from the pages (reason in the data); "
    "scheduled: announced, no report of the event; —: not reported.",
    "Reports: statements of who reported or presided, from pages of that year.",
)


def coverage_report(facts: Facts, rows: Sequence[Coverage]) -> Report:
    listing = Listing(
        "What the data covers (year x body)",
        [
            Column("Year", whole=True),
            Column("Body", name=True),
            Column("Number", name=True),
            Column("Opens", whole=True),
            Column("Closes", whole=True),
            Column("Reports", whole=True, justify="right"),
            Column("Figures", whole=True, justify="right"),
        ],
        heading=(0, 1),
    )
    for row in rows:
        session = row.session
        listing.add(
            text(row.year),
            text(body_name(facts.body_by_id, row.body)),
            text(known(session.numbered if session else None) or "—"),
            text(known(session.opens if session else None) or "—"),
            text(known(session.closes if session else None) or "—"),
            text(row.reports or "—"),
            text(row.figures or "—"),
        )
    notes = Footnotes()
    notes.after += COVERAGE_NOTES
    return Report(facts, listing, notes)
