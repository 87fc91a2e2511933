"""Sentences that JSON and the views share: headlines, standings, titles, names and values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from twosessions_cli.records import Body, Dated, Figure, Grounds, Session
from twosessions_cli.store import Facts
from twosessions_cli.text import MONTHS, PROG, day_month, long_date, plural, two_sessions_title

if TYPE_CHECKING:
    from twosessions_cli.schedule import Standing, Timeline, Window


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


#: How an example record is named wherever it is shown: it is not a fact.
EXAMPLE_MARK = " (example data)"


def session_name(facts: Facts, session: Session) -> str:
    """A session's body name, marked when the session is example data."""
    name = body_name(facts.body_by_id, session.body)
    return name + EXAMPLE_MARK if facts.is_example(session) else name


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


def dates_title(
    year: int | None, sessions: Sequence[Session] = (), bodies: Mapping[str, Body] | None = None
) -> str:
    """The title of ``dates``: one year, or all of them (``None``), naming the levels listed:
    'Chongqing Two Sessions, 2026', or 'Two Sessions, 2026: Chongqing and national'."""
    when = "all years" if year is None else str(year)
    found = {b.level for b in (bodies or {}).values() if any(s.body == b.id for s in sessions)}
    return two_sessions_title(found, when)


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
    """'opens in 7 days', 'day 3 of 5', 'opened today (closing not reported)', 'ended 28 days
    ago'."""
    state = standing.state
    if state == "upcoming":
        return "opens tomorrow" if standing.opens_in == 1 else f"opens in {standing.opens_in} days"
    if state == "sitting":
        if standing.span.days is not None:
            return f"day {standing.day} of {standing.span.days}"
        if standing.span.opens is not None:
            return "opened today (closing not reported)"
        return "closes today (opening not reported)"
    if state == "opened":
        ago = "yesterday" if standing.opened_ago == 1 else f"{standing.opened_ago} days ago"
        return f"opened {ago} (closing not reported)"
    if state == "closing":
        when = "tomorrow" if standing.closes_in == 1 else f"in {standing.closes_in} days"
        return f"closes {when} (opening not reported)"
    return "ended yesterday" if standing.ended_ago == 1 else f"ended {standing.ended_ago} days ago"


def next_headline(standings: Sequence[Standing], facts: Facts) -> str:
    """One sentence that answers 'what is next?'."""

    # Worded so that the verb never has to agree with a body's name: "the Two Sessions
    # (joint)" is plural where "the CPPCC committee" is singular.
    def who(group: Sequence[Standing]) -> str:
        return "; ".join(f"the {session_name(facts, s.session)}, {standing_text(s)}" for s in group)

    sitting = [s for s in standings if s.state == "sitting"]
    if sitting:
        return f"Sitting today: {who(sitting)}."
    upcoming = [s for s in standings if s.state == "upcoming"]
    if upcoming:
        first = upcoming[0]
        days = "tomorrow" if first.opens_in == 1 else f"in {first.opens_in} days"
        same_day = [s for s in upcoming if s.opens_in == first.opens_in]
        names = " and ".join(f"the {session_name(facts, s.session)}" for s in same_day)
        return (
            f"Next: {names}, opening {days}, "
            f"on {long_date(first.span.first)}."  # upcoming: the first day is the opening
        )
    under_way = [s for s in standings if s.pending]
    if under_way:
        return f"Known in part: {who(under_way)}."
    return NOT_ANNOUNCED


def nothing_ahead(standings: Sequence[Standing]) -> bool:
    """Whether every session of the countdown is over (or, its closing unknown, long opened)."""
    return not any(s.pending for s in standings)


def also_ahead(standings: Sequence[Standing], facts: Facts) -> str:
    """'The national sessions are ahead in the data: ...': said between Chongqing's sessions."""
    said = next_headline(standings, facts).removeprefix("Next: ")
    return (
        f"Also in the data, at the national level: {said.rstrip('.')}; "
        "'twosessions next --level all' counts down to it."
    )


NOT_ANNOUNCED = "Next: no later dates are in the data (not announced yet, or not added yet)."


def last_closed(standings: Sequence[Standing], facts: Facts) -> str | None:
    """'Last: the People's Congress closed on Sunday 1 February 2026, 305 days ago.'"""
    ended = [s for s in standings if s.state == "ended" and s.span.closes is not None]
    if not ended:
        return None
    last = max(ended, key=lambda s: (s.span.closes or s.span.first, s.session.body))
    closed = last.span.closes or last.span.first
    ago = "yesterday" if last.ended_ago == 1 else f"{last.ended_ago} days ago"
    name = session_name(facts, last.session)
    return f"Last: the {name} closed on {long_date(closed)}, {ago}."


def _span_of_days(earliest: dt.date, latest: dt.date, joiner: str = "to") -> str:
    """'9 to 28 January', '3 March to 22 May', '5 March'."""
    first, last = MONTHS[earliest.month - 1], MONTHS[latest.month - 1]
    if earliest == latest:
        return f"{earliest.day} {first}"
    if earliest.month == latest.month:
        return f"{earliest.day} {joiner} {latest.day} {last}"
    return f"{earliest.day} {first} {joiner} {latest.day} {last}"


def years_text(years: Sequence[int]) -> str:
    """'2021-2026' for a full run, else 'in 9 years from 2011 to 2026'."""
    first, last = min(years), max(years)
    if first == last:
        return f"in {first}"
    if len(set(years)) == last - first + 1:
        return f"in {first}-{last}"
    return f"in {len(set(years))} years from {first} to {last}"


def window_days(window: Window) -> str:
    """'18 to 27 January': the days of the year on which a body's sessions have opened."""
    return _span_of_days(window.earliest, window.latest)


def windows_sentence(windows: Sequence[Window], bodies: Mapping[str, Body]) -> str | None:
    """When the sessions have opened in the recorded years, the bodies of a level together
    (municipal and national apart: one January, the other March)."""
    by_level: dict[str, list[Window]] = {}
    for window in windows:
        body = bodies.get(window.body)
        by_level.setdefault(body.level if body else "", []).append(window)
    said = []
    for level, group in by_level.items():
        earliest = min(w.earliest for w in group)
        latest = max(w.latest for w in group)
        years = sorted({y for w in group for y in w.years})
        which = f"the {level} sessions" if len(by_level) > 1 and level else "the sessions"
        said.append(
            f"{which} opened between {_span_of_days(earliest, latest, 'and')} "
            f"({years_text(years).removeprefix('in ')})"
        )
    if not said:
        return None
    return f"In the recorded years {'; '.join(said)}: {COMPUTED}."


COMPUTED = "computed from the dates in the data, not announced dates"
WINDOWS_TITLE = "When each body's sessions have opened (computed from the data)"
ADD_DATES = (
    "When the dates are announced, add them with their source: 'twosessions example-overlay "
    "FOLDER' writes a worked example to copy, then 'twosessions next --data FOLDER' counts "
    "from them."
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
