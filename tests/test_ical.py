"""The iCalendar export: every event read back with the icalendar parser, field by field."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import icalendar
import pytest

from twosessions_cli import __version__, ical, lookups
from twosessions_cli.facts import at_level, load_facts
from twosessions_cli.render.citations import cited_refs
from twosessions_cli.render.payloads import ics_data
from twosessions_cli.store import Facts

STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
NEWS = "icq-20260125"
GUIDE = "002_daf29c6fabd4bbfb.txt"


def export(facts: Facts, year: int | None = None) -> bytes:
    sessions = (
        lookups.all_sessions(facts) if year is None else lookups.sessions_in_year(facts, year)
    )
    events = ical.session_events(facts, sessions, facts.body_by_id, cited_refs)
    return ical.calendar_bytes(events, STAMP)


def parsed_events(data: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(data)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_every_session_is_one_all_day_event_with_an_exclusive_end(facts: Facts) -> None:
    events = parsed_events(export(facts))
    expected = {
        "2020-two-sessions@twosessions": (dt.date(2020, 1, 10), dt.date(2020, 1, 16)),
        "2026-cppcc@twosessions": (dt.date(2026, 1, 27), dt.date(2026, 2, 1)),
        "2026-congress@twosessions": (dt.date(2026, 1, 28), dt.date(2026, 2, 2)),
    }
    found = {uid: (e.decoded("DTSTART"), e.decoded("DTEND")) for uid, e in events.items()}
    assert {uid: found[uid] for uid in expected} == expected
    # One event for every session whose two dates are known, and no other.
    assert set(found) == {f"{s.id}@twosessions" for s in facts.sessions if s.dated}
    for event in events.values():
        # All-day: DATE values, not DATE-TIME, so no time zone can shift the day.
        assert type(event.decoded("DTSTART")) is dt.date
        assert type(event.decoded("DTEND")) is dt.date
        assert event.decoded("DTSTAMP") == STAMP
        assert str(event["TRANSP"]) == "TRANSPARENT"


def test_summary_location_and_description(facts: Facts) -> None:
    events = parsed_events(export(facts))
    cppcc = events["2026-cppcc@twosessions"]
    assert str(cppcc["SUMMARY"]) == (
        "Chongqing Municipal Committee of the CPPCC: 4th session of the 6th term"
    )
    assert "LOCATION" not in cppcc  # the 2026 report names no venue
    description = str(cppcc["DESCRIPTION"])
    assert description.splitlines()[0] == (
        "Sits from 2026-01-27 to 2026-01-31, 5 calendar days (as scheduled)."
    )
    assert "Inferred: The report prints the day and month only" in description
    assert (
        "Source: iChongqing, untitled page, 25 January 2026, https://www.ichongqing.info/2026/01/25/"
        in description
    )
    assert "https://epaper.cqrb.cn/cqrb/2026-01/28/002/" in description
    joint = events["2020-two-sessions@twosessions"]
    assert str(joint["SUMMARY"]) == "Chongqing Two Sessions (both bodies)"
    assert str(joint["LOCATION"]).startswith("Chongqing Great Hall of the People, Yuzhong District")
    assert "a-foreigners-guide-to-the-chongqing-two-sessions/, paragraphs 4, 7." in str(
        joint["DESCRIPTION"]
    )


def test_calendar_header(facts: Facts) -> None:
    calendar = icalendar.Calendar.from_ical(export(facts))
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == f"-//twosessions//twosessions {__version__}//EN"
    assert str(calendar["X-WR-CALNAME"]) == "Chongqing Two Sessions"


def test_the_file_follows_rfc_5545_line_rules(facts: Facts) -> None:
    data = export(facts)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert data.endswith(b"END:VCALENDAR\r\n")
    lines = data.split(b"\r\n")
    assert b"\n" not in b"".join(lines)  # every line break is CRLF
    assert max(len(line) for line in lines) <= 75  # folded at 75 octets


def test_uids_are_stable_and_the_bytes_repeat(facts: Facts) -> None:
    first, second = export(facts), export(at_level(load_facts(), "chongqing"))
    assert first == second
    assert set(parsed_events(first)) == {f"{s.id}@twosessions" for s in facts.sessions if s.dated}


def test_a_year_exports_only_its_sessions(facts: Facts) -> None:
    assert set(parsed_events(export(facts, 2026))) == {
        "2026-cppcc@twosessions",
        "2026-congress@twosessions",
    }


def test_awkward_text_survives_the_round_trip(tmp_path: Path) -> None:
    # Commas, semicolons, backslashes, line breaks and Chinese need escaping or folding;
    # an escape character must not reach anyone's calendar.
    venue = "Hall A, floor 2; east wing \\ 重庆市人民大礼堂\x1b[31m"
    cite = [{"source": NEWS, "paragraph": 1}]
    session = {
        "id": "2027-cppcc",
        "year": 2027,
        "body": "cppcc",
        "opens": {"date": "2027-01-20", "status": "held", "basis": "source", "source": cite},
        "closes": {"date": "2027-01-24", "status": "held", "basis": "source", "source": cite},
        "venue": {"text": venue, "basis": "source", "source": cite},
        "note": {
            "text": "First line.\nSecond line, with a comma; and a semicolon.",
            "basis": "general",
        },
    }
    (tmp_path / "sessions.json").write_text(json.dumps([session]), encoding="utf-8")
    event = parsed_events(export(load_facts([tmp_path]), 2027))["2027-cppcc@twosessions"]
    assert str(event["LOCATION"]) == "Hall A, floor 2; east wing \\ 重庆市人民大礼堂[31m"
    assert "First line.\nSecond line, with a comma; and a semicolon." in str(event["DESCRIPTION"])


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"SOURCE_DATE_EPOCH": "1767225600"}, STAMP),
        ({"SOURCE_DATE_EPOCH": " 0 "}, dt.datetime(1970, 1, 1, tzinfo=dt.UTC)),
    ],
)
def test_source_date_epoch_fixes_the_stamp(environ: dict[str, str], expected: dt.datetime) -> None:
    assert ical.export_stamp(environ) == expected


@pytest.mark.parametrize("value", ["", "soon", "-5", "99999999999999999999"])
def test_without_a_usable_epoch_the_stamp_is_now(value: str) -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    stamp = ical.export_stamp({"SOURCE_DATE_EPOCH": value})
    assert before <= stamp <= dt.datetime.now(dt.UTC)
    assert stamp.tzinfo is not None


def test_events_data_names_both_ends(facts: Facts) -> None:
    events = ical.session_events(facts, lookups.sessions_in_year(facts, 2026), {}, cited_refs)
    data = ics_data(None, events)["events"]
    assert data[0]["start"] == "2026-01-27"
    assert data[0]["end_exclusive"] == "2026-02-01"
    assert data[0]["last_day"] == "2026-01-31"
    # Without body names the summary falls back to the body id rather than failing.
    assert data[0]["summary"] == "cppcc: 4th session of the 6th term"
