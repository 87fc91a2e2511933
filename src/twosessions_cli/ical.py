"""Sessions as calendar events, and the iCalendar file they make (written with ``icalendar``).

The events are plain data first, so ``ics --json`` shows exactly what the file holds without
loading the iCalendar library; ``icalendar`` is imported only when a file is written. Their JSON
form is built in ``render.payloads``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping, Sequence
from typing import Literal

import msgspec

from twosessions_cli import __version__
from twosessions_cli.records import Body, Dated, Session, SourceRef, citations
from twosessions_cli.store import Facts
from twosessions_cli.text import english_date, inert, two_sessions_title

#: The right-hand side of every UID. A session's UID is ``<session id>@twosessions``, so
#: importing a fresh export updates the events already in a calendar instead of adding copies.
UID_DOMAIN = "twosessions"
PRODID = f"-//twosessions//twosessions {__version__}//EN"


Status = Literal["CONFIRMED", "TENTATIVE"]


class CalendarEvent(msgspec.Struct, frozen=True):
    """One all-day event. ``end`` is exclusive, as iCalendar wants: the day after closing.

    A session with one known date is an event on that day alone, its summary saying which
    end is not reported. ``status`` is TENTATIVE while the session is only announced.
    """

    uid: str
    summary: str
    start: dt.date
    end: dt.date
    status: Status
    location: str | None
    url: str | None
    description: str


class SessionCalendar(msgspec.Struct, frozen=True):
    """The events of a calendar, and the sessions left out of it because no date is known.
    ``name`` is what a calendar program lists it as: it says which levels it holds."""

    name: str
    events: list[CalendarEvent]
    undated: list[Session]


#: How the description cites the sources of a session's dates (``render.citations.brief_refs``):
#: passed in, so that one module, above this one, turns sources into citations.
Cite = Callable[[Facts, Sequence[SourceRef]], str]


def venue_name(session: Session) -> str | None:
    """Where the session opened, as a place: its name, and its Chinese name when known."""
    return None if session.venue is None else session.venue.place


#: How each end of a session is said: held, announced, announced for a session that was held
#: all the same, or not in the data.
_WORDS = {
    "opens": ("opened", "due to open", "opening announced for", "opening not reported"),
    "closes": ("closed", "due to close", "closing announced for", "closing not reported"),
}


def _verb(dated: Dated, end: str) -> str:
    return _WORDS[end][0 if dated.status == "held" else 1]


def _date_text(dated: Dated | None, end: str, *, held: bool) -> str:
    """'opened 27 January 2026', 'due to open 28 January 2026', 'closing announced for 31
    January 2026' (in a session that was ``held``) or 'closing not reported'."""
    if dated is None:
        return _WORDS[end][3]
    verb = _WORDS[end][2] if held and dated.status != "held" else _verb(dated, end)
    return f"{verb} {english_date(dated.date.isoformat())}"


def _event(
    facts: Facts, session: Session, bodies: Mapping[str, Body], cite: Cite, day: dt.date
) -> CalendarEvent:
    """The event of a session with at least one known date, ``day``."""
    opens, closes = session.opens, session.closes
    start = opens.date if opens else day
    last = closes.date if closes else day
    held = any(d is not None and d.status == "held" for d in (opens, closes))
    body = bodies.get(session.body)
    name = body.short if body else session.body
    if facts.is_example(session):  # a calendar must not hold example data as a real event
        name += " (example data)"
    label = session.label()
    summary = f"{name}: {label}" if label else name
    if opens is None and closes is not None:
        summary += f" ({_verb(closes, 'closes')}; {_WORDS['opens'][3]})"
    elif opens is not None and closes is None:
        summary += f" ({_verb(opens, 'opens')}; {_WORDS['closes'][3]})"
    days = f", {(last - start).days + 1} days" if opens and closes else ""
    status_line = (
        f"{'Held' if held else 'Announced only'}{days}: "
        f"{_date_text(opens, 'opens', held=held)}; {_date_text(closes, 'closes', held=held)}."
    )
    refs = [r for d in (opens, closes) if d is not None for r in d.source] or citations(session)
    first = facts.source_by_id.get(refs[0].source) if refs else None
    venue = venue_name(session)
    return CalendarEvent(
        uid=f"{session.id}@{UID_DOMAIN}",
        summary=inert(summary),
        start=start,
        end=last + dt.timedelta(days=1),
        status="CONFIRMED" if held else "TENTATIVE",
        location=inert(venue) if venue else None,
        url=first.address if first and first.address else None,
        description=inert(f"{status_line}\nSource: {cite(facts, refs)}."),
    )


def session_calendar(
    facts: Facts, sessions: Sequence[Session], bodies: Mapping[str, Body], cite: Cite
) -> SessionCalendar:
    """One event per session with a known date, in the order given; the others cannot be
    placed on a calendar and are listed apart."""
    events, undated = [], []
    levels = {facts.level_of(s.body) for s in sessions}
    for session in sessions:
        known = session.opens or session.closes
        if known is None:
            undated.append(session)
        else:
            events.append(_event(facts, session, bodies, cite, known.date))
    return SessionCalendar(two_sessions_title(levels), events, undated)


def export_stamp(environ: Mapping[str, str] = os.environ) -> dt.datetime:
    """DTSTAMP for every event: now, or SOURCE_DATE_EPOCH for byte-for-byte repeatable files."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isascii() and epoch.isdigit():
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        except (OverflowError, OSError, ValueError):
            pass
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def calendar_bytes(session_calendar: SessionCalendar, stamp: dt.datetime) -> bytes:
    """An RFC 5545 calendar: CRLF lines, folded at 75 octets, text escaped by ``icalendar``."""
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", session_calendar.name)
    for event in session_calendar.events:
        vevent = icalendar.Event()
        vevent.add("uid", event.uid)
        vevent.add("dtstamp", stamp)
        vevent.add("dtstart", event.start)
        vevent.add("dtend", event.end)
        vevent.add("summary", event.summary)
        vevent.add("status", event.status)
        if event.location:
            vevent.add("location", event.location)
        if event.url:
            vevent.add("url", event.url)
        vevent.add("description", event.description)
        # All-day sessions should not mark the whole day as busy in the reader's calendar.
        vevent.add("transp", "TRANSPARENT")
        calendar.add_component(vevent)
    data: bytes = calendar.to_ical()
    return data
