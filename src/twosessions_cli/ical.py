"""Sessions as calendar events, and the iCalendar file they make (written with ``icalendar``).

The events are plain data first, so ``ics --json`` shows exactly what the file holds without
loading the iCalendar library; ``icalendar`` is imported only when a file is written. Their JSON
form is built in ``render.payloads``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from twosessions_cli import __version__
from twosessions_cli.records import Body, Session, SourceRef, Statement, citations, grounded_parts
from twosessions_cli.schedule import Span, spans
from twosessions_cli.store import Facts
from twosessions_cli.text import PROG, inert

#: The right-hand side of every UID. A session's UID is ``<session id>@twosessions``, so
#: importing a fresh export updates the events already in a calendar instead of adding copies.
UID_DOMAIN = "twosessions"
CALENDAR_NAME = "Chongqing Two Sessions"
PRODID = f"-//twosessions//twosessions {__version__}//EN"


@dataclass(frozen=True)
class CalendarEvent:
    """One all-day event. ``end`` is exclusive, as iCalendar wants: the day after closing."""

    uid: str
    summary: str
    start: dt.date
    end: dt.date
    location: str | None
    description: str


def _summary(session: Session, body: Body | None) -> str:
    name = body.name if body else session.body
    label = session.label(long=True)
    return f"{name}: {label}" if label else name


#: How the description cites a session's sources (``render.citations.cited_refs``): passed in,
#: so that one module, above this one, turns sources into citations.
Cite = Callable[[Facts, Sequence[SourceRef]], str]


def _description(facts: Facts, span: Span, cite: Cite) -> str:
    session = span.session
    opens, closes = session.opens, session.closes
    status = "scheduled" if any(d and d.status == "scheduled" for d in (opens, closes)) else ""
    lines = [
        f"Sits from {span.opens.isoformat()} to {span.closes.isoformat()}, "
        f"{span.days} calendar days{' (as scheduled)' if status else ''}."
    ]
    reasons: list[str] = []
    for _, name, part in grounded_parts(session):
        if name in ("opens", "closes", "numbered"):
            if part.reason and part.reason not in reasons:
                reasons.append(part.reason)
        elif isinstance(part, Statement):
            lines.append(part.text if part.text.endswith(".") else f"{part.text}.")
    lines += [f"Inferred: {reason}" for reason in reasons]
    lines.append(f"Source: {cite(facts, citations(session))}.")
    lines.append(f"Exported by {PROG} {__version__}; details: {PROG} dates {session.year}")
    return "\n".join(lines)


def session_events(
    facts: Facts, sessions: Sequence[Session], bodies: Mapping[str, Body], cite: Cite
) -> list[CalendarEvent]:
    """One event per session whose dates are both known; the others cannot be placed."""
    return [
        CalendarEvent(
            uid=f"{span.session.id}@{UID_DOMAIN}",
            summary=inert(_summary(span.session, bodies.get(span.session.body))),
            start=span.opens,
            end=span.closes + dt.timedelta(days=1),
            location=inert(span.session.venue.text) if span.session.venue else None,
            description=inert(_description(facts, span, cite)),
        )
        for span in spans(sessions)
    ]


def export_stamp(environ: Mapping[str, str] = os.environ) -> dt.datetime:
    """DTSTAMP for every event: now, or SOURCE_DATE_EPOCH for byte-for-byte repeatable files."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isascii() and epoch.isdigit():
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        except (OverflowError, OSError, ValueError):
            pass
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def calendar_bytes(events: Sequence[CalendarEvent], stamp: dt.datetime) -> bytes:
    """An RFC 5545 calendar: CRLF lines, folded at 75 octets, text escaped by ``icalendar``."""
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    for event in events:
        vevent = icalendar.Event()
        vevent.add("uid", event.uid)
        vevent.add("dtstamp", stamp)
        vevent.add("dtstart", event.start)
        vevent.add("dtend", event.end)
        vevent.add("summary", event.summary)
        if event.location:
            vevent.add("location", event.location)
        vevent.add("description", event.description)
        # All-day sessions should not mark the whole day as busy in the reader's calendar.
        vevent.add("transp", "TRANSPARENT")
        calendar.add_component(vevent)
    data: bytes = calendar.to_ical()
    return data
