"""Sentences that JSON and the views share: headlines, standings, titles, names and values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from twosessions_cli.records import Body, Dated, Figure, Grounds, Session
from twosessions_cli.text import PROG, day_month, long_date, plural

if TYPE_CHECKING:
    from twosessions_cli.schedule import Standing, Timeline


#: What the year beside a person means, said once under ``who`` and in its JSON.
YEAR_OF_ROLE = (
    "A person's year is that of the sessions at which the sources show them in the role "
    "(the latest such year in the data)."
)


def sessions_year(year: int) -> str:
    """'2026 sessions': the year beside a person's role."""
    return f"{year} sessions"


def body_name(bodies: Mapping[str, Body], body_id: str) -> str:
    """A body's short name ('CPPCC committee'), or its id when the data does not know it."""
    body = bodies.get(body_id)
    return body.short if body else body_id


def venue_text(session: Session) -> str | None:
    """Where the session sat: one place, or 'opening: ...' and 'closing: ...' on two lines
    when the sources name two (or only one of the sittings); None when no page says."""
    opens, closes = session.venue, session.closing_venue
    if opens is not None and closes is not None and opens.text == closes.text:
        return opens.text
    said = [f"{when}: {v.text}" for when, v in (("opening", opens), ("closing", closes)) if v]
    return "\n".join(said) or None


#: Units written with the number itself ('6%'), not in a column or phrase of their own.
SIGN_UNITS = ("%",)


def unit_text(unit: str) -> str:
    """The unit as shown apart from the value: nothing for a sign that goes with the number."""
    return "" if unit in SIGN_UNITS else unit


def value_text(figure: Figure) -> str:
    """The value as it should be read: 'over 50', 'about 6%', '1,385', '6.5-7%', 'no target'."""
    if figure.value is None:
        return figure.qualifier or "none set"
    number = figure.amount() + ("" if unit_text(figure.unit) else figure.unit)
    return f"{figure.qualifier} {number}" if figure.qualifier else number


# --------------------------------------------------------------------------------------------
# Titles
# --------------------------------------------------------------------------------------------


def dates_title(year: int | None) -> str:
    """The title of ``dates``: one year, or all of them (``None``)."""
    return f"Chongqing Two Sessions, {'all years' if year is None else year}"


def figures_title(year: int, *, reported: bool) -> str:
    return f"Figures reported at the {year} sessions" if reported else f"Figures for {year}"


def agenda_title(year: int) -> str:
    return f"Agenda, {year}"


def as_of_title(today: dt.date) -> str:
    return f"As of {long_date(today)}"


def timeline_title(line: Timeline) -> str:
    """'Who sits when, 26 Jan to 1 Feb 2026': short enough for the narrowest strip."""
    first, last = line.days[0].date, line.days[-1].date
    start = day_month(first) + (f" {first.year}" if first.year != last.year else "")
    return f"Who sits when, {start} to {day_month(last)} {last.year}"


TOPICS_TITLE = f"Topics: {PROG} explain TOPIC (any name or alias works)"
TREND_NAMES_TITLE = f"Figures with two or more years: {PROG} trend FIGURE"
GLOSSARY_TITLE = "Glossary (twosessions explain NAME for more; English or Chinese names work)"


# --------------------------------------------------------------------------------------------
# Where the sessions stand (next)
# --------------------------------------------------------------------------------------------


def standing_text(standing: Standing) -> str:
    """'opens in 7 days', 'day 3 of 5' or 'ended 28 days ago'."""
    if standing.state == "upcoming":
        return "opens tomorrow" if standing.opens_in == 1 else f"opens in {standing.opens_in} days"
    if standing.state == "sitting":
        return f"day {standing.day} of {standing.span.days}"
    return "ended yesterday" if standing.ended_ago == 1 else f"ended {standing.ended_ago} days ago"


def next_headline(standings: Sequence[Standing], bodies: Mapping[str, Body]) -> str:
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


def overlap_label(count: int) -> str:
    return "Both sitting" if count == 2 else "Sitting together"


# --------------------------------------------------------------------------------------------
# The calendar (ics)
# --------------------------------------------------------------------------------------------

LEFT_OUT_REASON = "no opening or closing date in the data"


def calendar_written(
    events: int, file: str | None, *, replacing: bool, left_out: int, year: int | None
) -> str:
    """'wrote 15 events to x.ics; left out 8 sessions ...': what ``ics`` tells on stderr.

    With ``file`` None (the calendar went to standard output) only the sessions left out are
    told, or nothing at all (an empty string).
    """
    said = []
    if file is not None:
        replaced = ", replacing the file that was there" if replacing else ""
        said.append(f"wrote {plural(events, 'event')} to {file}{replaced}")
    if left_out:
        where = f"{PROG} dates {year}" if year is not None else f"{PROG} dates --all"
        said.append(
            f"left out {plural(left_out, 'session')} with {LEFT_OUT_REASON} (see '{where}')"
        )
    return "; ".join(said)


#: Each kind of record (named as its file is) in the singular, for '1 source', '1 body'.
_ONE_OF_KIND = {
    "sources": "source",
    "bodies": "body",
    "sessions": "session",
    "agenda": "agenda entry",
    "people": "person",
    "figures": "figure",
    "topics": "topic",
}
_MANY_OF_KIND = {"agenda": "agenda entries"}


def count_text(counts: Mapping[str, int]) -> str:
    """'12 sources, 1 body, ...': how many records of each kind."""
    return ", ".join(
        plural(n, _ONE_OF_KIND.get(kind, kind), _MANY_OF_KIND.get(kind, kind))
        for kind, n in counts.items()
    )


def known(part: Grounds | None) -> str | None:
    """How a part of a session is known: its basis, or 'scheduled'; None when not reported."""
    if part is None:
        return None
    return "scheduled" if isinstance(part, Dated) and part.status == "scheduled" else part.basis
