"""The iCalendar export: every event read back by three independent calendar libraries
(icalendar, vobject and ical), field by field."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import icalendar
import pytest
from conftest import Run

from twosessions_cli import __version__, ical, lookups
from twosessions_cli.facts import at_level, load_facts
from twosessions_cli.render.citations import brief_refs
from twosessions_cli.render.payloads import ics_data
from twosessions_cli.store import Facts

CLI = Callable[..., Run]

STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
NEWS = "icq-20260125"
NEWS_ADDRESS = (
    "https://www.ichongqing.info/2026/01/25/chongqing-two-sessions-to-open-on-jan-27-"
    "spotlighting-modern-city-governance-and-people-centered-development/amp"
)
GUIDE_ADDRESS = (
    "https://www.ichongqing.info/2020/01/15/a-foreigners-guide-to-the-chongqing-two-sessions/"
)


def calendar_of(facts: Facts, year: int | None = None) -> ical.SessionCalendar:
    sessions = (
        lookups.all_sessions(facts) if year is None else lookups.sessions_in_year(facts, year)
    )
    return ical.session_calendar(facts, sessions, facts.body_by_id, brief_refs)


def export(facts: Facts, year: int | None = None) -> bytes:
    return ical.calendar_bytes(calendar_of(facts, year), STAMP)


def parsed_events(data: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(data)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_every_session_with_a_date_is_one_all_day_event_with_an_exclusive_end(
    facts: Facts,
) -> None:
    events = parsed_events(export(facts))
    expected = {
        "2020-two-sessions@twosessions": (dt.date(2020, 1, 10), dt.date(2020, 1, 16)),
        "2026-cppcc@twosessions": (dt.date(2026, 1, 27), dt.date(2026, 2, 1)),
        "2026-congress@twosessions": (dt.date(2026, 1, 28), dt.date(2026, 2, 2)),
        # Only the opening is known: an event on that day alone.
        "2022-congress@twosessions": (dt.date(2022, 1, 17), dt.date(2022, 1, 18)),
        "2024-cppcc@twosessions": (dt.date(2024, 1, 20), dt.date(2024, 1, 21)),
    }
    found = {uid: (e.decoded("DTSTART"), e.decoded("DTEND")) for uid, e in events.items()}
    assert {uid: found[uid] for uid in expected} == expected
    # One event for every session with a known date, and no other.
    assert set(found) == {
        f"{s.id}@twosessions" for s in facts.sessions if s.opens is not None or s.closes is not None
    }
    for event in events.values():
        # All-day: DATE values, not DATE-TIME, so no time zone can shift the day.
        assert type(event.decoded("DTSTART")) is dt.date
        assert type(event.decoded("DTEND")) is dt.date
        assert event.decoded("DTSTAMP") == STAMP
        assert str(event["TRANSP"]) == "TRANSPARENT"


def test_sessions_with_no_date_are_left_out_and_listed(facts: Facts) -> None:
    calendar = calendar_of(facts)
    assert [s.id for s in calendar.undated] == [
        "2008-congress",
        "2009-congress",
        "2018-congress",
        "2018-cppcc",
        "2019-congress",
        "2022-cppcc",
        "2023-cppcc",
    ]
    # Nothing is lost: every session is either an event or left out.
    assert len(calendar.events) + len(calendar.undated) == len(facts.sessions)
    assert [s.id for s in calendar_of(facts, 2023).undated] == ["2023-cppcc"]


def test_summary_status_location_url_and_description(facts: Facts) -> None:
    events = parsed_events(export(facts))
    cppcc = events["2026-cppcc@twosessions"]
    # The names the other views give: the body's short name and the session's number.
    assert str(cppcc["SUMMARY"]) == "CPPCC committee: 4th of 6th term"
    assert str(cppcc["STATUS"]) == "CONFIRMED"  # the opening was reported as held
    assert "LOCATION" not in cppcc  # the 2026 report names no venue
    assert str(cppcc["URL"]) == "https://epaper.cqrb.cn/cqrb/2026-01/28/002/content_rb_355940.htm"
    assert str(cppcc["DESCRIPTION"]).splitlines() == [
        "Held, 5 days: opened 27 January 2026; closing announced for 31 January 2026.",
        "Source: Chongqing Daily, 28 January 2026, paragraphs 2, 7, 13, 21; "
        "iChongqing, 25 January 2026, paragraphs 1, 2.",
    ]
    congress = events["2026-congress@twosessions"]
    assert str(congress["SUMMARY"]) == "People's Congress: 4th of 6th term"
    # Its opening is held: the government's text of its work report dates it to that day.
    assert str(congress["STATUS"]) == "CONFIRMED"
    assert str(congress["URL"]) == NEWS_ADDRESS
    assert str(congress["DESCRIPTION"]).splitlines() == [
        "Held, 5 days: opened 28 January 2026; closing announced for 1 February 2026.",
        "Source: iChongqing, 25 January 2026, paragraph 1; Chongqing Municipal People's "
        "Government, 3 February 2026, paragraph 7.",
    ]
    joint = events["2020-two-sessions@twosessions"]
    assert str(joint["SUMMARY"]) == "Two Sessions (joint)"  # as dates, next and timeline say
    # The venue's name alone, not the remark about the guide's photo.
    assert str(joint["LOCATION"]) == "Chongqing Great Hall of the People"
    assert str(joint["URL"]) == GUIDE_ADDRESS
    assert str(joint["DESCRIPTION"]).splitlines()[1] == (
        "Source: iChongqing, 15 January 2020, paragraphs 4, 7."
    )
    # The place's Chinese name, where a page gives it, goes beside its English name.
    held_2024 = events["2024-congress@twosessions"]
    assert str(held_2024["LOCATION"]) == "Chongqing Great Hall of the People (重庆市人民大礼堂)"


def test_a_session_with_one_known_date_says_which_end_is_missing(facts: Facts) -> None:
    events = parsed_events(export(facts))
    opened = events["2024-cppcc@twosessions"]
    assert str(opened["SUMMARY"]) == (
        "CPPCC committee: 2nd of 6th term (opened; closing not reported)"
    )
    assert str(opened["STATUS"]) == "CONFIRMED"
    assert str(opened["DESCRIPTION"]).splitlines()[0] == (
        "Held: opened 20 January 2024; closing not reported."
    )


def test_an_announced_closing_alone_is_a_tentative_event_on_that_day(tmp_path: Path) -> None:
    cite = [{"source": NEWS, "paragraph": 1}]
    session = {
        "id": "2027-cppcc",
        "year": 2027,
        "body": "cppcc",
        "closes": {"date": "2027-01-24", "status": "scheduled", "basis": "source", "source": cite},
    }
    (tmp_path / "sessions.json").write_text(json.dumps([session]), encoding="utf-8")
    event = parsed_events(export(load_facts([tmp_path]), 2027))["2027-cppcc@twosessions"]
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (
        dt.date(2027, 1, 24),
        dt.date(2027, 1, 25),
    )
    assert str(event["SUMMARY"]) == "CPPCC committee (due to close; opening not reported)"
    assert str(event["STATUS"]) == "TENTATIVE"
    assert str(event["DESCRIPTION"]).splitlines()[0] == (
        "Announced only: opening not reported; due to close 24 January 2027."
    )


def _vobject_events(data: bytes) -> dict[str, dict[str, object]]:
    vobject = pytest.importorskip("vobject", reason="vobject is in the test extras")
    calendar = vobject.readOne(data.decode("utf-8"))
    return {
        event.uid.value: {
            "start": event.dtstart.value,
            "end": event.dtend.value,
            "summary": event.summary.value,
            "status": event.status.value,
            "location": event.location.value if hasattr(event, "location") else None,
            "url": event.url.value if hasattr(event, "url") else None,
            "description": event.description.value,
        }
        for event in calendar.vevent_list
    }


def _ical_events(data: bytes) -> dict[str, dict[str, object]]:
    calendar_stream = pytest.importorskip(
        "ical.calendar_stream", reason="ical is in the test extras"
    )
    calendar = calendar_stream.IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    return {
        event.uid: {
            "start": event.dtstart,
            "end": event.dtend,
            "summary": event.summary,
            "status": str(event.status.value),
            "location": event.location,
            "url": event.url,
            "description": event.description,
        }
        for event in calendar.events
    }


@pytest.mark.parametrize("read", [_vobject_events, _ical_events], ids=["vobject", "ical"])
def test_other_calendar_libraries_read_the_same_events(facts: Facts, read: object) -> None:
    """What a calendar program would show, read by two more parsers than ``icalendar``."""
    calendar = calendar_of(facts)
    expected = {
        e.uid: {
            "start": e.start,
            "end": e.end,
            "summary": e.summary,
            "status": e.status,
            "location": e.location,
            "url": e.url,
            "description": e.description,
        }
        for e in calendar.events
    }
    assert callable(read)
    found = read(ical.calendar_bytes(calendar, STAMP))
    assert found == expected
    assert found["2026-congress@twosessions"]["status"] == "CONFIRMED"
    # The venue's name only, as the sessions' venue field gives it.
    assert (
        found["2020-two-sessions@twosessions"]["location"] == "Chongqing Great Hall of the People"
    )


def test_calendar_header(facts: Facts) -> None:
    calendar = icalendar.Calendar.from_ical(export(facts))
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == f"-//twosessions//twosessions {__version__}//EN"
    assert str(calendar["X-WR-CALNAME"]) == "Chongqing Two Sessions"


@pytest.mark.parametrize(
    ("level", "name", "first"),
    [
        ("chongqing", "Chongqing Two Sessions", "2026-cppcc@twosessions"),
        ("national", "Two Sessions: national", "2026-national-cppcc@twosessions"),
        ("all", "Two Sessions: Chongqing and national", "2026-cppcc@twosessions"),
    ],
)
def test_the_calendar_s_name_says_which_levels_it_holds(
    cli: CLI, tmp_path: Path, level: str, name: str, first: str
) -> None:
    out = tmp_path / "sessions.ics"
    result = cli("ics", "2026", "--level", level, "-o", str(out), "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["calendar"] == name
    assert data["events"][0]["uid"] == first
    assert str(icalendar.Calendar.from_ical(out.read_bytes())["X-WR-CALNAME"]) == name


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
    assert set(parsed_events(first)) == {f"{e.uid}" for e in calendar_of(facts).events}


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
        "venue": {"name": venue, "basis": "source", "source": cite},
    }
    (tmp_path / "sessions.json").write_text(json.dumps([session]), encoding="utf-8")
    event = parsed_events(export(load_facts([tmp_path]), 2027))["2027-cppcc@twosessions"]
    assert str(event["LOCATION"]) == "Hall A, floor 2; east wing \\ 重庆市人民大礼堂[31m"
    assert str(event["DESCRIPTION"]) == (
        "Held, 5 days: opened 20 January 2027; closed 24 January 2027.\n"
        "Source: iChongqing, 25 January 2026, paragraph 1."
    )


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
    calendar = ical.session_calendar(facts, lookups.sessions_in_year(facts, 2026), {}, brief_refs)
    data = ics_data(None, calendar)
    first = data["events"][0]
    assert first["start"] == "2026-01-27"
    assert first["end_exclusive"] == "2026-02-01"
    assert first["last_day"] == "2026-01-31"
    assert (first["status"], data["events"][1]["status"]) == ("CONFIRMED", "CONFIRMED")
    assert data["events"][1]["url"] == NEWS_ADDRESS
    # Without body names the summary falls back to the body id rather than failing.
    assert first["summary"] == "cppcc: 4th of 6th term"
    assert data["left_out"] == []


def test_events_data_lists_the_sessions_left_out(facts: Facts) -> None:
    data = ics_data("x.ics", calendar_of(facts, 2023))
    assert [e["uid"] for e in data["events"]] == ["2023-congress@twosessions"]
    assert data["left_out"] == [
        {
            "id": "2023-cppcc",
            "year": 2023,
            "body": "cppcc",
            "reason": "no opening or closing date in the data",
        }
    ]
