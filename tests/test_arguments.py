"""Arguments parsed at the command line's edge: YEAR and DATE, a usage problem (exit 2) otherwise."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twosessions_cli import arguments
from twosessions_cli.errors import UsageProblem


@pytest.mark.parametrize("text", ["2026", " 2020 "])
def test_parse_year_accepts_four_digits(text: str) -> None:
    assert arguments.parse_year(text) == int(text)


@pytest.mark.parametrize("text", ["", "26", "20x6", "-2026", "２０２６", "20266", "2026.0"])
def test_parse_year_rejects_other_text(text: str) -> None:
    with pytest.raises(UsageProblem, match="expected four digits"):
        arguments.parse_year(text)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_parse_year_either_parses_or_says_why(text: str) -> None:
    try:
        year = arguments.parse_year(text)
    except UsageProblem as exc:
        assert "expected four digits" in exc.message
    else:
        assert 0 <= year <= 9999


def test_parse_date_accepts_iso_days() -> None:
    assert arguments.parse_date("2026-01-20") == dt.date(2026, 1, 20)
    assert arguments.parse_date(" 2024-02-29 ") == dt.date(2024, 2, 29)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("2026-13-01", "month must be in 1..12"),
        ("2025-02-29", "day is out of range for month"),
        ("20260120", "expected YYYY-MM-DD"),
        ("2026-1-20", "expected YYYY-MM-DD"),
        ("tomorrow", "expected YYYY-MM-DD"),
        ("２０２６-０１-２０", "expected YYYY-MM-DD"),  # full-width digits
        ("", "expected YYYY-MM-DD"),
    ],
)
def test_parse_date_refuses_anything_else(text: str, why: str) -> None:
    with pytest.raises(UsageProblem, match=re.escape(why)):
        arguments.parse_date(text)


@given(st.dates())
def test_parse_date_round_trips_every_day(day: dt.date) -> None:
    assert arguments.parse_date(day.isoformat()) == day


@given(st.text(max_size=30))
def test_parse_date_gives_a_date_or_a_usage_problem(text: str) -> None:
    try:
        assert isinstance(arguments.parse_date(text), dt.date)
    except UsageProblem as exc:
        assert exc.message.startswith("invalid date")
