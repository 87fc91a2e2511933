"""When things happen relative to a given day: the countdown of ``next`` and the ``timeline``.

Kept apart from ``lookups`` so that the other commands do not pay, at every start, for the
record types defined here; only ``next`` and ``timeline`` import this module.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from twosessions_cli.errors import UsageProblem
from twosessions_cli.lookups import all_sessions, sessions_in_year
from twosessions_cli.records import Facts, Session

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATE_HINT = "expected YYYY-MM-DD, such as 2026-01-20"


def parse_date(text: str) -> dt.date:
    """A date as typed by a user: YYYY-MM-DD, a real calendar day (exit 2 otherwise)."""
    stripped = text.strip()
    if not _ISO_DATE.fullmatch(stripped):
        raise UsageProblem(f"invalid date {text!r}: {_DATE_HINT}")
    try:
        return dt.date.fromisoformat(stripped)
    except ValueError as exc:
        raise UsageProblem(f"invalid date {text!r}: {exc}; {_DATE_HINT}") from None


# --------------------------------------------------------------------------------------------
# Countdown: where a given day stands relative to the sessions
# --------------------------------------------------------------------------------------------

State = Literal["upcoming", "sitting", "ended"]


@dataclass(frozen=True)
class Standing:
    """Where ``today`` falls for one session: before it, during it, or after it."""

    session: Session
    state: State
    opens_in: int | None = None  # upcoming: days until the opening day
    day: int | None = None  # sitting: today is day ``day`` of ``session.days``
    ended_ago: int | None = None  # ended: days since the closing day


def standing_on(session: Session, today: dt.date) -> Standing:
    if today < session.opens:
        return Standing(session, "upcoming", opens_in=(session.opens - today).days)
    if today <= session.closes:
        return Standing(session, "sitting", day=(today - session.opens).days + 1)
    return Standing(session, "ended", ended_ago=(today - session.closes).days)


def next_sessions(facts: Facts, today: dt.date) -> list[Standing]:
    """What 'what is next?' means on ``today``: every session of the year of the first session
    that has not closed yet, or of the latest year when all have closed, in opening order."""
    ordered = all_sessions(facts)
    pending = [s for s in ordered if s.closes >= today]
    year = pending[0].year if pending else ordered[-1].year
    return [standing_on(s, today) for s in ordered if s.year == year]


# --------------------------------------------------------------------------------------------
# Timeline: the sessions' weeks, day by day
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sitting:
    """A session sitting on a given day: it is day ``day`` of ``session.days``."""

    session: Session
    day: int


@dataclass(frozen=True)
class TimelineDay:
    date: dt.date
    sittings: tuple[Sitting, ...]


@dataclass(frozen=True)
class Timeline:
    """The whole weeks (Monday to Sunday) around a year's sessions, with who sits on each day."""

    year: int
    sessions: list[Session]
    days: list[TimelineDay]


def timeline(facts: Facts, year: int | None) -> Timeline:
    sessions = sessions_in_year(facts, year)
    first = min(s.opens for s in sessions)
    last = max(s.closes for s in sessions)
    start = first - dt.timedelta(days=first.weekday())
    end = last + dt.timedelta(days=6 - last.weekday())
    days = []
    for offset in range((end - start).days + 1):
        date = start + dt.timedelta(days=offset)
        sittings = tuple(
            Sitting(s, (date - s.opens).days + 1) for s in sessions if s.opens <= date <= s.closes
        )
        days.append(TimelineDay(date, sittings))
    return Timeline(sessions[0].year, sessions, days)
