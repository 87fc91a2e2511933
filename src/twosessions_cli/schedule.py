"""When things happen relative to a given day: the countdown of ``next`` and the ``timeline``.

Kept apart from ``lookups`` so that the other commands do not pay, at every start, for the
record types defined here; only ``next`` and ``timeline`` import this module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from twosessions_cli.errors import NotFound
from twosessions_cli.lookups import all_sessions, sessions_in_year
from twosessions_cli.records import Session
from twosessions_cli.store import Facts

# --------------------------------------------------------------------------------------------
# Countdown: where a given day stands relative to the sessions
# --------------------------------------------------------------------------------------------

State = Literal["upcoming", "sitting", "ended"]


@dataclass(frozen=True)
class Span:
    """A session whose opening and closing dates are both known: it can be counted and drawn."""

    session: Session
    opens: dt.date
    closes: dt.date

    @property
    def days(self) -> int:
        """Calendar days from opening to closing, both included."""
        return (self.closes - self.opens).days + 1


def spans(sessions: Iterable[Session]) -> list[Span]:
    """The sessions with both dates known, in the order given."""
    return [
        Span(s, s.opens.date, s.closes.date)
        for s in sessions
        if s.opens is not None and s.closes is not None
    ]


@dataclass(frozen=True)
class Standing:
    """Where ``today`` falls for one session: before it, during it, or after it."""

    span: Span
    state: State
    opens_in: int | None = None  # upcoming: days until the opening day
    day: int | None = None  # sitting: today is day ``day`` of ``span.days``
    ended_ago: int | None = None  # ended: days since the closing day

    @property
    def session(self) -> Session:
        return self.span.session


def standing_on(span: Span, today: dt.date) -> Standing:
    if today < span.opens:
        return Standing(span, "upcoming", opens_in=(span.opens - today).days)
    if today <= span.closes:
        return Standing(span, "sitting", day=(today - span.opens).days + 1)
    return Standing(span, "ended", ended_ago=(today - span.closes).days)


NO_DATES = "no session in the data has both dates; add them with --data DIR"


def next_sessions(facts: Facts, today: dt.date) -> list[Standing]:
    """What 'what is next?' means on ``today``: every dated session of the year of the first
    session that has not closed yet, or of the latest year when all have closed, in opening
    order."""
    ordered = spans(all_sessions(facts))
    if not ordered:
        raise NotFound(NO_DATES)
    pending = [s for s in ordered if s.closes >= today]
    year = pending[0].session.year if pending else ordered[-1].session.year
    return [standing_on(s, today) for s in ordered if s.session.year == year]


# --------------------------------------------------------------------------------------------
# Timeline: the sessions' weeks, day by day
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sitting:
    """A session sitting on a given day: it is day ``day`` of ``span.days``."""

    span: Span
    day: int

    @property
    def session(self) -> Session:
        return self.span.session


@dataclass(frozen=True)
class TimelineDay:
    date: dt.date
    sittings: tuple[Sitting, ...]


@dataclass(frozen=True)
class Timeline:
    """The whole weeks (Monday to Sunday) around a year's sessions, with who sits on each day.

    ``undated`` are the year's sessions whose dates no source gives: they cannot be drawn.
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
    first = min(s.opens for s in drawn)
    last = max(s.closes for s in drawn)
    start = first - dt.timedelta(days=first.weekday())
    end = last + dt.timedelta(days=6 - last.weekday())
    days = []
    for offset in range((end - start).days + 1):
        date = start + dt.timedelta(days=offset)
        sittings = tuple(
            Sitting(s, (date - s.opens).days + 1) for s in drawn if s.opens <= date <= s.closes
        )
        days.append(TimelineDay(date, sittings))
    undated = [s for s in sessions if not s.dated]
    return Timeline(sessions[0].year, drawn, days, undated)
