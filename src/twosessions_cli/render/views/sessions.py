"""Sessions in rows: ``dates``, the countdown of ``next``, and what the data covers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from twosessions_cli.records import Session, citations
from twosessions_cli.render import sheets
from twosessions_cli.render.cells import text
from twosessions_cli.render.formats import Report
from twosessions_cli.render.listing import Column, Listing, refs_cell, source_column
from twosessions_cli.render.notes import (
    INFERRED_NUMBER,
    NOT_REPORTED,
    Footnotes,
    Marked,
    Note,
    brief_note,
    date_cell,
    inferred_dates_note,
    inferred_numbers_note,
    origin_note,
    unless_sourced,
)
from twosessions_cli.render.wording import (
    ADD_DATES,
    NOT_ANNOUNCED,
    WINDOWS_TITLE,
    as_of_title,
    body_name,
    known,
    last_closed,
    next_headline,
    nothing_ahead,
    session_name,
    standing_text,
    venue_text,
    window_days,
    windows_sentence,
    years_text,
)
from twosessions_cli.store import Facts

if TYPE_CHECKING:
    from rich.text import Text

    from twosessions_cli.lookups import Coverage
    from twosessions_cli.schedule import Standing, Window


DAYS_COUNTED = "Days are calendar days, both ends counted."
DAYS_ONCE = (
    "Days are calendar days, both ends counted; the lengths announced in advance are noted "
    "in 'twosessions dates YEAR'."
)


def _length_note(session: Session) -> str | None:
    """The note on the Days value: what Days counts, and the length the page announced."""
    if session.length is None:
        return None
    return f"{DAYS_COUNTED} {brief_note(session.length, f'{session.id}.length')}"


def sessions_table(
    facts: Facts,
    sessions: Sequence[Session],
    title: str,
    status: Mapping[str, str] | None = None,
) -> tuple[Listing, Footnotes]:
    """The sessions listing and its footnotes.

    With ``status`` (text keyed by session id) it is the countdown's table: a Status column
    takes the place of the Session and Days columns. Over many years a note shared by many
    rows (an inferred date, the announced lengths) is said once under the listing instead of
    being marked on each cell; one year's listing marks each value with its own note.
    """
    many_years = len({s.year for s in sessions}) > 1
    # Venues are shown for one year (and the countdown), where there is room to say them.
    venues = not many_years and any(venue_text(s) for s in sessions)
    columns = [Column("Year", whole=True, justify="right")] if many_years else []
    columns.append(Column("Body", name=True))
    if status is None:
        columns.append(Column("Session", name=True, spare=many_years))
    columns += [Column("Opens", whole=True), Column("Closes", whole=True)]
    if status is None:
        columns.append(Column("Days", whole=True, justify="right"))
    else:
        columns.append(Column("Status", whole=True, style="bold"))
    if venues:
        columns.append(Column("Venue"))
    columns.append(source_column())
    listing = Listing(title, columns, heading=(0, 1) if many_years else (0,))
    notes = Footnotes()
    inferred_dates = 0
    inferred_numbers: list[str] = []
    for session in sessions:
        body = notes.marked(
            session_name(facts, session),
            origin_note(facts, "sessions", session.id),
            brief_note(session.note, f"{session.id}.note"),
        )
        row: list[Text | Marked] = [text(session.year)] if many_years else []
        row.append(body)
        if status is None:
            label = session.label() or "—"
            number = unless_sourced(session.numbered)
            about = f"{session.id}.numbered"
            if many_years and number is not None and number.basis == "inferred":
                # The column may be left out at this width: said under the listing instead.
                inferred_numbers.append(about)
                row.append(text(label))
            else:
                inferred = number is not None and number.basis == "inferred"
                note = Note(INFERRED_NUMBER, about) if inferred else brief_note(number, about)
                row.append(notes.marked(label, note))
        for name, dated in (("opens", session.opens), ("closes", session.closes)):
            row.append(date_cell(notes, dated, f"{session.id}.{name}", inferred=not many_years))
            inferred_dates += dated is not None and dated.basis == "inferred"
        if status is None:
            days = "—" if session.days is None else str(session.days)
            row.append(notes.marked(days, None if many_years else _length_note(session)))
        else:
            row.append(text(status.get(session.id, "")))
        if venues:
            row.append(text(venue_text(session) or NOT_REPORTED))
        row.append(refs_cell(citations(session)))
        listing.add(*row, refs=citations(session))
    if many_years:
        if inferred_dates:
            notes.once(inferred_dates_note(inferred_dates))
        if inferred_numbers:
            notes.once(inferred_numbers_note(inferred_numbers))
        if status is None and any(s.length for s in sessions):
            notes.once(DAYS_ONCE)
    return listing, notes


def sessions_report(facts: Facts, sessions: Sequence[Session], title: str) -> Report:
    table, notes = sessions_table(facts, sessions, title)
    refs = [r for s in sessions for r in citations(s)]
    return Report(facts, table, notes, refs, sheet=sheets.sessions_sheet(facts, sessions))


def next_report(
    facts: Facts,
    standings: Sequence[Standing],
    today: dt.date,
    windows: Sequence[Window] = (),
    also: str | None = None,
) -> Report:
    """The countdown; between sessions, when each body's sessions have opened instead."""
    if nothing_ahead(standings):
        return _between_sessions(facts, standings, today, windows, also)
    sessions = [s.session for s in standings]
    status = {s.session.id: standing_text(s) for s in standings}
    table, notes = sessions_table(facts, sessions, as_of_title(today), status)
    refs = [r for s in sessions for r in citations(s)]
    sheet = sheets.next_sheet(facts, standings, today)
    return Report(facts, table, notes, refs, lead=next_headline(standings, facts), sheet=sheet)


def _between_sessions(
    facts: Facts,
    standings: Sequence[Standing],
    today: dt.date,
    windows: Sequence[Window],
    also: str | None,
) -> Report:
    """No date ahead in the data: when the sessions have opened before, computed from the
    recorded openings (never a date for next year), and how to add the announced dates."""
    listing = Listing(
        WINDOWS_TITLE,
        [
            Column("Body", name=True),
            Column("Opened between", whole=True),
            Column("Years with an opening date", name=True),
        ],
    )
    for window in windows:
        listing.add(
            text(body_name(facts.body_by_id, window.body)),
            text(window_days(window)),
            text(years_text(window.years).removeprefix("in ")),
        )
    notes = Footnotes()
    notes.once(windows_sentence(windows, facts.body_by_id))
    last = last_closed(standings, facts)
    notes.after += [line for line in (last, also, ADD_DATES) if line]
    # CSV keeps the sessions and their standing, as before; the window is in JSON too.
    sheet = sheets.next_sheet(facts, standings, today)
    return Report(facts, listing, notes, lead=NOT_ANNOUNCED, sheet=sheet)


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
    return Report(facts, listing, notes, sheet=sheets.coverage_sheet(facts, rows))
