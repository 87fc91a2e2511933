"""Schedule: dates typed by a user, the countdown of `next`, and the timeline's days."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from twosessions_cli import schedule
from twosessions_cli.errors import NotFound
from twosessions_cli.facts import load_facts
from twosessions_cli.store import Facts

# For hypothesis tests, which cannot take function-scoped fixtures.
FACTS = load_facts()


# --------------------------------------------------------------------------------------------
# next: before, during and after the sessions
# --------------------------------------------------------------------------------------------


def summary(standings: list[schedule.Standing]) -> list[tuple[str, str, int | None]]:
    def count(s: schedule.Standing) -> int | None:
        return {
            "upcoming": s.opens_in,
            "sitting": s.day,
            "opened": s.opened_ago,
            "closing": s.closes_in,
            "ended": s.ended_ago,
        }[s.state]

    return [(s.session.id, s.state, count(s)) for s in standings]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2026-01-20", [("2026-cppcc", "upcoming", 7), ("2026-congress", "upcoming", 8)]),
        ("2026-01-27", [("2026-cppcc", "sitting", 1), ("2026-congress", "upcoming", 1)]),
        ("2026-01-29", [("2026-cppcc", "sitting", 3), ("2026-congress", "sitting", 2)]),
        ("2026-02-01", [("2026-cppcc", "ended", 1), ("2026-congress", "sitting", 5)]),
        ("2026-03-01", [("2026-cppcc", "ended", 29), ("2026-congress", "ended", 28)]),
        # A session with one known date is still a session: 2020's committee and Congress
        # are known by their openings alone.
        (
            "2019-12-01",
            [
                ("2020-cppcc", "upcoming", 40),
                ("2020-two-sessions", "upcoming", 40),
                ("2020-congress", "upcoming", 41),
            ],
        ),
        (
            "2020-01-15",
            [
                ("2020-cppcc", "opened", 5),
                ("2020-two-sessions", "sitting", 6),
                ("2020-congress", "opened", 4),
            ],
        ),
        # Before: 'opens in 361 days' (2023), although the Congress opened that day.
        ("2022-01-17", [("2022-congress", "sitting", 1)]),
        ("2022-01-19", [("2022-congress", "opened", 2)]),
        # Before: the committee, opening that day with its closing not reported, was left out.
        ("2024-01-20", [("2024-cppcc", "sitting", 1), ("2024-congress", "upcoming", 1)]),
        ("2020-06-01", [("2021-cppcc", "upcoming", 233), ("2021-congress", "upcoming", 234)]),
    ],
)
def test_next_sessions(
    facts: Facts, today: str, expected: list[tuple[str, str, int | None]]
) -> None:
    assert summary(schedule.next_sessions(facts, dt.date.fromisoformat(today))) == expected


def test_opening_windows_are_computed_from_the_recorded_openings(facts: Facts) -> None:
    windows = schedule.opening_windows(facts)
    found = [
        (w.body, (w.earliest.month, w.earliest.day), (w.latest.month, w.latest.day))
        for w in windows
    ]
    # The Congress opened on 9 January 2011 and 28 January 2026; the committee on 10 January
    # 2020 and 27 January 2026; the joint guide gives 10 January 2020.
    assert found == [
        ("congress", (1, 9), (1, 28)),
        ("cppcc", (1, 10), (1, 27)),
        ("two-sessions", (1, 10), (1, 10)),
    ]
    years = {w.body: w.years for w in windows}
    assert {2011, 2020, 2021, 2022, 2023, 2024, 2025, 2026} <= set(years["congress"])
    assert years["cppcc"] == [2019, 2020, 2021, 2024, 2025, 2026]


def test_next_needs_sessions() -> None:
    with pytest.raises(NotFound, match="the data holds no sessions"):
        schedule.next_sessions(Facts(), dt.date(2026, 1, 1))


@given(st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2027, 12, 31)))
def test_a_standing_is_exactly_one_consistent_state(day: dt.date) -> None:
    facts = FACTS
    for standing in schedule.next_sessions(facts, day):
        session = standing.span
        if standing.state == "upcoming":
            assert standing.opens_in is not None
            assert session.opens - dt.timedelta(days=standing.opens_in) == day
        elif standing.state == "sitting" and session.days is None:
            assert day == session.first  # the one known day
        elif standing.state == "sitting":
            assert standing.day is not None
            assert session.opens is not None
            assert 1 <= standing.day <= session.days
            assert session.opens + dt.timedelta(days=standing.day - 1) == day
        elif standing.state == "opened":
            assert session.closes is None
            assert standing.opened_ago is not None
            assert session.first + dt.timedelta(days=standing.opened_ago) == day
        elif standing.state == "closing":
            assert session.opens is None
            assert standing.closes_in is not None
            assert session.first - dt.timedelta(days=standing.closes_in) == day
        else:
            assert session.closes is not None
            assert standing.ended_ago is not None
            assert session.closes + dt.timedelta(days=standing.ended_ago) == day
            assert standing.ended_ago >= 1


# --------------------------------------------------------------------------------------------
# timeline
# --------------------------------------------------------------------------------------------


def test_timeline_2026_is_one_week_with_four_shared_days(facts: Facts) -> None:
    line = schedule.timeline(facts, None)
    assert line.year == 2026
    assert (line.days[0].date, line.days[-1].date) == (dt.date(2026, 1, 26), dt.date(2026, 2, 1))
    shared = [d.date.day for d in line.days if len(d.sittings) > 1]
    assert shared == [28, 29, 30, 31]
    assert [(s.session.id, s.day) for s in line.days[6].sittings] == [("2026-congress", 5)]
    assert line.days[0].sittings == ()


def test_timeline_2020_spans_two_whole_weeks(facts: Facts) -> None:
    line = schedule.timeline(facts, 2020)
    assert len(line.days) == 14
    assert line.days[0].date.weekday() == 0
    assert line.days[-1].date.weekday() == 6
    assert [d.date.day for d in line.days if d.sittings] == [10, 11, 12, 13, 14, 15]


def test_timeline_2024_draws_the_committee_on_its_known_opening_day(facts: Facts) -> None:
    # Before: "not drawn ... whose dates are not reported", although its opening is known.
    line = schedule.timeline(facts, 2024)
    assert [s.session.id for s in line.spans] == ["2024-cppcc", "2024-congress"]
    assert line.undated == []
    drawn = [(d.date.day, s.session.id, s.day) for d in line.days for s in d.sittings]
    assert drawn[0] == (20, "2024-cppcc", 1)
    assert [day for day, sid, _ in drawn if sid == "2024-cppcc"] == [20]


def test_timeline_of_a_year_without_sessions(facts: Facts) -> None:
    with pytest.raises(NotFound, match="no sessions recorded for 2017"):
        schedule.timeline(facts, 2017)


def test_timeline_of_a_year_without_dates(facts: Facts) -> None:
    with pytest.raises(NotFound, match="no dates reported for the 2018 sessions"):
        schedule.timeline(facts, 2018)


@pytest.mark.parametrize("year", [2020, 2026])
def test_timeline_counts_every_session_day_once(facts: Facts, year: int) -> None:
    line = schedule.timeline(facts, year)
    for span in line.spans:
        days = [s.day for d in line.days for s in d.sittings if s.span is span]
        if span.days is None:  # one known date: drawn on that day alone
            assert days == ([1] if span.opens else [None])
        else:
            assert days == list(range(1, span.days + 1))
