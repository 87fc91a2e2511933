"""When things happen relative to a given day: the countdown of ``next`` and the ``timeline``.

Kept apart from ``lookups`` so that the other commands do not pay, at every start, for the
record types defined here; only ``next`` and ``timeline`` import this module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

import msgspec

from twosessions_cli.errors import NotFound
from twosessions_cli.lookups import all_sessions, sessions_in_year
from twosessions_cli.records import Session
from twosessions_cli.store import Facts

# --------------------------------------------------------------------------------------------
# Countdown: where a given day stands relative to the sessions
# --------------------------------------------------------------------------------------------

State = Literal["upcoming", "sitting", "opened", "closing", "ended"]


class Span(msgspec.Struct, frozen=True):
    """A session with at least one known date: it can be counted from and drawn on its known
    days. A date no source gives is None: "opened 20 January; closing not reported"."""

    session: Session
    opens: dt.date | None
    closes: dt.date | None
    first: dt.date  # the first known day: the opening, or else the closing

    @property
    def days(self) -> int | None:
        """Calendar days from opening to closing, both included; None if either is unknown."""
        if self.opens is None or self.closes is None:
            return None
        return (self.closes - self.opens).days + 1

    @property
    def known_days(self) -> list[dt.date]:
        """The days the sources place the session on: all of them, or the one known day."""
        if self.opens is not None and self.closes is not None:
            return [
                self.opens + dt.timedelta(days=n)
                for n in range((self.closes - self.opens).days + 1)
            ]
        return [self.first]


def spans(sessions: Iterable[Session]) -> list[Span]:
    """The sessions with at least one date known, by their first known day (ties: as given)."""
    found = []
    for session in sessions:
        opens = session.opens.date if session.opens else None
        closes = session.closes.date if session.closes else None
        first = opens or closes
        if first is not None:
            found.append(Span(session, opens, closes, first))
    return sorted(found, key=lambda span: span.first)


class Standing(msgspec.Struct, frozen=True):
    """Where ``today`` falls for one session: before it, during it, or after it.

    With one date unknown: ``opened`` (it opened ``opened_ago`` days ago; its closing is not
    reported) or ``closing`` (it closes in ``closes_in`` days; its opening is not reported).
    ``pending`` says whether the session may still be ahead or sitting: a session whose
    closing is not reported counts as pending for as long as the longest recorded session.
    """

    span: Span
    state: State
    opens_in: int | None = None  # upcoming: days until the opening day
    day: int | None = None  # sitting: today is day ``day`` (of ``span.days`` when known)
    ended_ago: int | None = None  # ended: days since the closing day
    opened_ago: int | None = None  # opened: days since the opening day
    closes_in: int | None = None  # closing: days until the closing day
    pending: bool = True

    @property
    def session(self) -> Session:
        return self.span.session


def standing_on(span: Span, today: dt.date, longest: int = 1) -> Standing:
    opens, closes = span.opens, span.closes
    if opens is not None and today < opens:
        return Standing(span, "upcoming", opens_in=(opens - today).days)
    if closes is not None and today > closes:
        return Standing(span, "ended", ended_ago=(today - closes).days, pending=False)
    if opens is not None and closes is not None:
        return Standing(span, "sitting", day=(today - opens).days + 1)
    if opens is not None:  # closing not reported
        if today == opens:
            return Standing(span, "sitting", day=1)
        ago = (today - opens).days
        return Standing(span, "opened", opened_ago=ago, pending=ago < longest)
    # Opening not reported: the one known day is the closing.
    if today == span.first:
        return Standing(span, "sitting")
    return Standing(span, "closing", closes_in=(span.first - today).days)


NO_DATES = "no session in the data has a date; add them with --data DIR"


def longest_session(facts: Facts) -> int:
    """The most calendar days any session in the data ran (1 when none has both dates)."""
    return max((s.days for s in facts.sessions if s.days is not None), default=1)


def next_sessions(facts: Facts, today: dt.date) -> list[Standing]:
    """What 'what is next?' means on ``today``: every session with a known date, of the year
    of the first session still ahead or sitting, or of the latest year when none is, in
    opening order."""
    ordered = spans(all_sessions(facts))
    if not ordered:
        raise NotFound(NO_DATES)
    longest = longest_session(facts)
    standings = [standing_on(s, today, longest) for s in ordered]
    pending = [s for s in standings if s.pending]
    year = pending[0].session.year if pending else max(s.session.year for s in standings)
    return [s for s in standings if s.session.year == year]


def still_ahead(facts: Facts, today: dt.date) -> list[Standing]:
    """The sessions still ahead or sitting on ``today`` (none when the data has no dates)."""
    if not any(s.opens or s.closes for s in facts.sessions):
        return []
    return [s for s in next_sessions(facts, today) if s.pending]


class Window(msgspec.Struct, frozen=True):
    """When a body's sessions have opened, computed from the recorded openings: the earliest
    and the latest day of the year, and the years that have an opening date."""

    body: str
    earliest: dt.date
    latest: dt.date
    years: list[int]


def opening_windows(facts: Facts) -> list[Window]:
    """Per body, the span of days within the year on which its sessions have opened, as
    recorded (compared by month and day, so ``earliest`` and ``latest`` carry a stand-in year)."""
    by_body: dict[str, list[dt.date]] = {}
    for session in all_sessions(facts):
        if session.opens is not None:
            by_body.setdefault(session.body, []).append(session.opens.date)
    windows = []
    for body, dates in by_body.items():
        days = sorted(dt.date(2000, d.month, d.day) for d in dates)
        windows.append(Window(body, days[0], days[-1], sorted({d.year for d in dates})))
    return sorted(windows, key=lambda w: (w.earliest, w.body))


# --------------------------------------------------------------------------------------------
# Timeline: the sessions' weeks, day by day
# --------------------------------------------------------------------------------------------


class Sitting(msgspec.Struct, frozen=True):
    """A session sitting on a given day: day ``day`` of ``span.days``; ``day`` is None when
    the opening is not reported (only the closing day is known)."""

    span: Span
    day: int | None

    @property
    def session(self) -> Session:
        return self.span.session


class TimelineDay(msgspec.Struct, frozen=True):
    date: dt.date
    sittings: tuple[Sitting, ...]


class Timeline(msgspec.Struct, frozen=True):
    """The whole weeks (Monday to Sunday) around a year's sessions, with who sits on each day.

    A session with one known date is drawn on that day only. ``undated`` are the year's
    sessions for which no source gives any date: they cannot be drawn.
    """

    year: int
    spans: list[Span]
    days: list[TimelineDay]
    undated: list[Session]


def timeline(facts: Facts, year: int | None) -> Timeline:
    sessions = sessions_in_year(facts, year)
    drawn = spans(sessions)
    if not drawn:
        raise NotFound(
            f"no dates reported for the {sessions[0].year} sessions; "
            "'twosessions dates --all' shows which years have them"
        )
    first = min(s.known_days[0] for s in drawn)
    last = max(s.known_days[-1] for s in drawn)
    start = first - dt.timedelta(days=first.weekday())
    end = last + dt.timedelta(days=6 - last.weekday())
    days = []
    for offset in range((end - start).days + 1):
        date = start + dt.timedelta(days=offset)
        sittings = tuple(
            Sitting(s, None if s.opens is None else (date - s.opens).days + 1)
            for s in drawn
            if date in s.known_days
        )
        days.append(TimelineDay(date, sittings))
    undated = [s for s in sessions if s.opens is None and s.closes is None]
    return Timeline(sessions[0].year, drawn, days, undated)
