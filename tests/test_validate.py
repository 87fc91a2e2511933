"""The schema, `validate`, overlays and bad input: every rule with a failing example and its message."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import Run

from twosessions_cli import lookups, records
from twosessions_cli.errors import DataError
from twosessions_cli.facts import collect, load_facts
from twosessions_cli.schema import canonical_schema, json_schema

CLI = Callable[..., Run]
REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "docs" / "example-overlay"
NEWS = "icq-20260125"
GUIDE = "icq-20200115"
CITE = [{"source": NEWS, "paragraph": 1}]


def dated(day: str, status: str = "scheduled") -> dict[str, Any]:
    return {"date": day, "status": status, "basis": "source", "source": CITE}


def session(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": "2027-cppcc",
        "year": 2027,
        "body": "cppcc",
        "opens": dated("2027-01-20"),
        "closes": dated("2027-01-24"),
    }
    record.update(changes)
    return record


def figure(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": "f",
        "year": 2025,
        "label": "x",
        "value": 1,
        "unit": "u",
        "body": "cppcc",
        "source": [{"source": NEWS, "paragraph": 6}],
    }
    record.update(changes)
    return record


def write(folder: Path, kind: str, payload: Any) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{kind}.json"
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return path


def problems_of(folder: Path) -> list[str]:
    return [str(p) for p in collect([folder])[1]]


# ---- rules, each with a failing example and the exact message --------------------------------


def test_valid_overlay_has_no_problems(tmp_path: Path) -> None:
    write(tmp_path, "sessions", [session()])
    assert problems_of(tmp_path) == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"closes": dated("2027-01-19")},
            "$[0].closes.date: closes 2027-01-19 before it opens 2027-01-20 "
            "(expected a closing date on or after the opening date)",
        ),
        (
            {"body": "senate"},
            "$[0].body: unknown body 'senate' (expected one of congress, cppcc, government, "
            "national, national-cppcc, nbs, npc, state-council, two-sessions)",
        ),
        (
            {"year": 2028},
            "$[0].year: year 2028 but the session opens in 2027 (expected the year of the opening date)",
        ),
        (
            {
                "venue": {
                    "name": "x",
                    "basis": "source",
                    "source": [{"source": "nope", "paragraph": 1}],
                }
            },
            "$[0].venue.source[0].source: unknown source 'nope' (expected the id of a record "
            "in sources.json; 'twosessions sources' lists them)",
        ),
        (
            {
                "venue": {
                    "name": "x",
                    "basis": "source",
                    "source": [{"source": NEWS, "paragraph": 11}],
                }
            },
            f"$[0].venue.source[0].paragraph: paragraph 11 is past the end of {NEWS} (expected 1 to 10)",
        ),
        ({"year": "2027"}, "$[0].year: Expected `int`, got `str`"),
        (
            {"colour": "red"},
            "$[0]: Object contains unknown field `colour` (expected one of: id, year, body, "
            "term, session, numbered, chinese, opens, closes, length, venue, closing_venue, note)",
        ),
    ],
)
def test_session_rules(tmp_path: Path, changes: dict[str, Any], message: str) -> None:
    path = write(tmp_path, "sessions", [session(**changes)])
    assert problems_of(tmp_path) == [f"{path}: {message}"]


def test_missing_field(tmp_path: Path) -> None:
    record = session()
    del record["body"]
    path = write(tmp_path, "sessions", [record])
    assert problems_of(tmp_path) == [f"{path}: $[0]: Object missing required field `body`"]


RULE = (
    "every statement has exactly one basis: 'source' cites the paragraphs that say it, "
    "'inferred' gives its reason, 'general' (general knowledge) cites nothing"
)


@pytest.mark.parametrize(
    ("note", "message"),
    [
        ({"text": "No basis at all."}, "$[0].note: Object missing required field `basis`"),
        (
            {"text": "Said by nobody.", "basis": "source"},
            f"$[0].note.basis: basis 'source' but no paragraph is cited; {RULE}",
        ),
        (
            {"text": "Because.", "basis": "inferred"},
            f"$[0].note.basis: basis 'inferred' but no reason is given; {RULE}",
        ),
        (
            {"text": "Common ground.", "basis": "general", "source": CITE},
            f"$[0].note.basis: basis 'general' but paragraphs are cited; {RULE}",
        ),
        (
            {"text": "Hearsay.", "basis": "rumour"},
            "$[0].note.basis: Invalid enum value 'rumour' (expected one of: source, inferred, "
            f"general; {RULE})",
        ),
    ],
)
def test_every_statement_needs_exactly_one_basis(
    tmp_path: Path, note: dict[str, Any], message: str
) -> None:
    path = write(tmp_path, "sessions", [session(note=note)])
    (problem,) = problems_of(tmp_path)
    assert problem.startswith(f"{path}: ")
    assert problem.removeprefix(f"{path}: ").split(" - at")[0] == message.split(" - at")[0]


def test_a_date_cannot_be_general_knowledge(tmp_path: Path) -> None:
    opens = {"date": "2027-01-20", "status": "held", "basis": "general"}
    path = write(tmp_path, "sessions", [session(opens=opens)])
    assert problems_of(tmp_path) == [
        f"{path}: $[0].opens.basis: a date cannot be general knowledge "
        "(expected basis 'source' or 'inferred')"
    ]


def test_a_second_session_of_one_body_in_one_year_is_a_conflict(tmp_path: Path) -> None:
    path = write(tmp_path, "sessions", [session(), session(id="2027-cppcc-again")])
    (problem,) = problems_of(tmp_path)
    assert problem.startswith(
        f"{path}: $[1].id: a second session of 'cppcc' in 2027 (the first is '2027-cppcc')"
    )


def test_a_reprint_must_name_its_original(tmp_path: Path) -> None:
    source = {
        "id": "mirror",
        "publisher": "Some Mirror",
        "language": "zh",
        "reliability": "reprint",
        "kind": "news report",
        "paragraphs": 3,
    }
    path = write(tmp_path, "sources", [source])
    assert problems_of(tmp_path) == [
        f"{path}: $[0].reprint_of: a reprint names no original "
        "(expected reprint_of: the outlet it copies)"
    ]


def test_duplicate_ids_in_one_file(tmp_path: Path) -> None:
    path = write(tmp_path, "sessions", [session(), session()])
    assert problems_of(tmp_path) == [
        f"{path}: $[1].id: duplicate id '2027-cppcc' (ids must be unique)"
    ]


def test_unresolved_topic_reference_and_taken_alias(tmp_path: Path) -> None:
    topic = {
        "id": "my-topic",
        "title": "Mine",
        "aliases": ["政协"],
        "summary": {"text": "s", "basis": "general"},
        "explanation": [[{"text": "e", "basis": "general"}]],
        "related": ["nowhere"],
    }
    path = write(tmp_path, "topics", [topic])
    assert problems_of(tmp_path) == [
        f"{path}: $[0].aliases: name '政协' already belongs to topic 'cppcc' "
        "(expected names unique across topics)",
        f"{path}: $[0].related[0]: unknown topic 'nowhere' (expected the id of a topic)",
    ]


def test_unknown_reporter_and_session_references(tmp_path: Path) -> None:
    reported = figure(reported_by="ghost")
    agenda = {
        "id": "a",
        "year": 2027,
        "body": "cppcc",
        "session_id": "nope",
        "source": reported["source"],
    }
    figures = write(tmp_path, "figures", [reported])
    agenda_path = write(tmp_path, "agenda", [agenda])
    assert sorted(problems_of(tmp_path)) == sorted(
        [
            f"{agenda_path}: $[0].session_id: unknown session 'nope' (expected the id of a session)",
            f"{figures}: $[0].reported_by: unknown person 'ghost' (expected the id of a person)",
        ]
    )


def reporter(sitting: dict[str, str]) -> dict[str, Any]:
    """A person whose one statement reports a session sitting on a day."""
    return {
        "id": "reporter",
        "name": "A Reporter",
        "role": "Mayor",
        "body": "government",
        "year": 2027,
        "statements": [
            {"text": "Gave the report.", "basis": "source", "source": CITE, "sitting": sitting}
        ],
        "source": CITE,
    }


def test_a_date_a_report_says_the_session_sat_is_not_scheduled(tmp_path: Path) -> None:
    sessions = write(tmp_path, "sessions", [session()])
    write(tmp_path, "people", [reporter({"session": "2027-cppcc", "date": "2027-01-20"})])
    assert problems_of(tmp_path) == [
        f"{sessions}: $[0].opens.status: opens 2027-01-20 is 'scheduled', but reporter.s1 "
        "reports the session sitting that day (expected status 'held', citing that report)"
    ]
    write(tmp_path, "sessions", [session(opens=dated("2027-01-20", "held"))])
    assert problems_of(tmp_path) == []


@pytest.mark.parametrize(
    ("sitting", "message"),
    [
        (
            {"session": "2027-cppcc", "date": "2027-01-19"},
            "$[0].statements[0].sitting.date: 2027-cppcc sat on 2027-01-19, before it opens "
            "2027-01-20 (expected a day from its opening to its closing)",
        ),
        (
            {"session": "2027-cppcc", "date": "2027-01-25"},
            "$[0].statements[0].sitting.date: 2027-cppcc sat on 2027-01-25, after it closes "
            "2027-01-24 (expected a day from its opening to its closing)",
        ),
        (
            {"session": "2027-senate", "date": "2027-01-22"},
            "$[0].statements[0].sitting.session: unknown session '2027-senate' "
            "(expected the id of a session)",
        ),
    ],
)
def test_a_report_of_a_sitting_agrees_with_the_session(
    tmp_path: Path, sitting: dict[str, str], message: str
) -> None:
    write(tmp_path, "sessions", [session()])
    people = write(tmp_path, "people", [reporter(sitting)])
    assert problems_of(tmp_path) == [f"{people}: {message}"]


def test_the_2026_congress_opening_is_held_as_the_work_report_dates_it(all_facts: Any) -> None:
    # cqgov-20260203 ¶7 dates the work report to 28 January 2026 at the fourth session of the
    # sixth Congress, the day announced for its opening (icq-20260125 ¶1): it sat, so 'held'.
    congress = next(s for s in all_facts.sessions if s.id == "2026-congress")
    assert congress.opens is not None
    assert (congress.opens.date.isoformat(), congress.opens.status) == ("2026-01-28", "held")
    hu = next(p for p in all_facts.people if p.id == "hu-henghua")
    reports = [st for st in hu.statements if st.sitting and st.sitting.session == "2026-congress"]
    assert [st.sitting.date.isoformat() for st in reports if st.sitting] == ["2026-01-28"]
    assert {r.source for r in congress.opens.source} >= {r.source for r in reports[0].source}


def test_a_former_id_finds_one_record_only(tmp_path: Path) -> None:
    # 'a' claims a bundled record's id, then 'b' claims the former id that 'a' has.
    claims = [
        figure(id="a", aliases=["2025-proposals-handled", "old-a"]),
        figure(id="b", aliases=["old-a"]),
    ]
    path = write(tmp_path, "figures", claims)
    assert problems_of(tmp_path) == [
        f"{path}: $[0].aliases[0]: alias '2025-proposals-handled' already names "
        "'2025-proposals-handled' (expected a former id of this record that no other record uses)",
        f"{path}: $[1].aliases[0]: alias 'old-a' already names 'a' (expected a former id of "
        "this record that no other record uses)",
    ]


def test_a_reference_by_a_former_id_is_accepted(tmp_path: Path) -> None:
    by_old_ids = figure(session_id="2026-cppcc", reported_by="wang-jiong-congress")
    write(tmp_path, "figures", [by_old_ids])
    assert problems_of(tmp_path) == []


def test_a_persons_other_role_names_a_known_body_and_cites_real_paragraphs(
    tmp_path: Path,
) -> None:
    person = reporter({"session": "2026-cppcc", "date": "2026-01-28"})
    person["roles"] = [
        {
            "role": "Senator",
            "body": "senate",
            "year": 2019,
            "source": [{"source": NEWS, "paragraph": 99}],
        }
    ]
    people = write(tmp_path, "people", [person])
    assert problems_of(tmp_path) == [
        f"{people}: $[0].roles[0].body: unknown body 'senate' (expected one of congress, cppcc, "
        "government, national, national-cppcc, nbs, npc, state-council, two-sessions)",
        f"{people}: $[0].roles[0].source[0].paragraph: paragraph 99 is past the end of {NEWS} "
        "(expected 1 to 10)",
    ]


# ---- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty (expected a JSON array of records)"),
        (b"   \n", "file is empty (expected a JSON array of records)"),
        (
            b'[{"id": "x",\n  }]',
            "invalid JSON: JSON is malformed: trailing comma in object at line 2, column 3",
        ),
        (b"[\xff\xfe]", "not UTF-8 text (bad byte at line 1, column 2)"),
        # A bad byte inside a string, and one after a record that breaks the schema: the
        # encoding is said first, wherever decoding stopped.
        (b'[{"id": "x\xe4\xb8"}]', "not UTF-8 text (bad byte at line 1, column 11)"),
        (b'[{"id": 1},\n {"id": "\xff"}]', "not UTF-8 text (bad byte at line 2, column 10)"),
        (b"{}", "Expected `array`, got `object`"),
        # Deep nesting is refused at the first level that is not a record: bounded time and memory.
        (b"[" * 100_000 + b"]" * 100_000, "Expected `object`, got `array`"),
    ],
)
def test_bad_files(tmp_path: Path, content: bytes, message: str) -> None:
    (tmp_path / "sessions.json").write_bytes(content)
    (problem,) = collect([tmp_path])[1]
    assert problem.message.startswith(message) or message in problem.message
    assert problem.file == str(tmp_path / "sessions.json")


def test_oversized_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "sessions.json"
    with path.open("wb") as handle:  # a sparse 50 MB file
        handle.truncate(50 * 1024 * 1024)
    (problem,) = collect([tmp_path])[1]
    assert problem.message == "file is 52428800 bytes (expected at most 5242880 bytes)"


def test_directory_where_a_file_is_expected(tmp_path: Path) -> None:
    (tmp_path / "sessions.json").mkdir()
    (problem,) = collect([tmp_path])[1]
    assert problem.message == "is a directory (expected a JSON file)"


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "sessions", [session()])

    original = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self.parent == tmp_path:
            raise PermissionError(13, "Permission denied")
        return original(self)

    # Tests run as root in CI, where chmod 000 does not stop a read: simulate the refusal.
    monkeypatch.setattr(Path, "read_bytes", denied)
    (problem,) = collect([tmp_path])[1]
    assert problem.message == "cannot be read: permission denied"


def test_missing_folder_and_folder_without_data(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "nope") == [f"{tmp_path / 'nope'}: $: no such file or folder"]
    assert problems_of(tmp_path)[0].startswith(
        f"{tmp_path}: $: holds no data files (expected any of"
    )


def test_unknown_file_name(tmp_path: Path) -> None:
    path = tmp_path / "meetings.json"
    path.write_text("[]")
    assert problems_of(path)[0].startswith(f"{path}: $: unknown data file name (expected one of")


# ---- overlays ----------------------------------------------------------------------------------


def test_overlay_adds_and_replaces_by_id(tmp_path: Path) -> None:
    write(
        tmp_path,
        "sessions",
        [
            session(),
            session(
                id="2026-cppcc", year=2026, opens=dated("2026-01-26"), closes=dated("2026-01-31")
            ),
        ],
    )
    loaded = load_facts([tmp_path])
    by_id = {s.id: s for s in loaded.sessions}
    bundled = load_facts()
    assert by_id["2027-cppcc"].opens.date.isoformat() == "2027-01-20"
    assert by_id["2026-cppcc"].opens.date.isoformat() == "2026-01-26"  # replaced
    assert len(loaded.sessions) == len(bundled.sessions) + 1
    assert loaded.origin_of("sessions", "2026-cppcc") == str(tmp_path / "sessions.json")
    assert loaded.origin_of("sessions", "2026-congress") == "bundled"


def test_later_overlay_wins(tmp_path: Path) -> None:
    def venue(name: str) -> dict[str, Any]:
        return {"name": name, "basis": "source", "source": CITE}

    write(tmp_path / "a", "sessions", [session(venue=venue("A"))])
    write(tmp_path / "b", "sessions", [session(venue=venue("B"))])
    loaded = load_facts([tmp_path / "a", tmp_path / "b"])
    found = next(s.venue for s in loaded.sessions if s.id == "2027-cppcc")
    assert found is not None
    assert found.name == "B"


def test_broken_overlay_changes_nothing_and_names_the_way_out(tmp_path: Path, cli: CLI) -> None:
    write(tmp_path, "sessions", [session(closes=dated("2027-01-01"))])
    with pytest.raises(DataError, match="use --no-user-data"):
        load_facts([tmp_path])
    result = cli("dates", "--data", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"twosessions: error: bad data: {tmp_path / 'sessions.json'}: $[0].closes.date:"
    )
    assert result.stderr.count("\n") == 1
    env = {"TWOSESSIONS_DATA": str(tmp_path)}
    assert cli("dates", env=env).exit_code == 1
    assert cli("dates", "--no-user-data", env=env).exit_code == 0


def test_example_overlay_shows_its_year_marked_as_example(cli: CLI) -> None:
    result = cli("dates", "2099", "--data", str(EXAMPLE), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert "2099-01-20" in result.stdout
    assert "CPPCC committee (example data)" in result.stdout
    assert f"From your data: {EXAMPLE / 'sessions.json'}" in result.stdout
    data = cli("dates", "2099", "--json", env={"TWOSESSIONS_DATA": str(EXAMPLE)}).json()
    assert {s["origin"] for s in data["sessions"]} == {str(EXAMPLE / "sessions.json")}
    assert [s["example"] for s in data["sessions"]] == [True, True]
    assert data["sessions"][0]["opens"]["source"] == [
        {"source": "example-newsroom", "paragraph": 1, "address": None}
    ]
    sources = cli("sources", "--json", "--data", str(EXAMPLE)).json()["sources"]
    assert sources[-1]["origin"] == str(EXAMPLE / "sources.json")
    assert (sources[-1]["reliability"], sources[-1]["example"]) == ("example", True)
    assert sources[-1]["facts"] == 2
    # The bundled records are facts, and say nothing of examples.
    bundled = cli("dates", "2026", "--json", "--data", str(EXAMPLE)).json()["sessions"]
    assert ["example" in s for s in bundled] == [False, False]


# ---- the validate and schema commands ----------------------------------------------------------


def test_validate_bundled_and_example(cli: CLI) -> None:
    result = cli("validate", str(REPO / "data"))
    assert result.exit_code == 0
    assert result.stdout.startswith(f"ok: {REPO / 'data'}: ")
    assert cli("validate", str(EXAMPLE)).exit_code == 0


def test_validate_reports_every_problem(tmp_path: Path, cli: CLI) -> None:
    path = write(
        tmp_path,
        "sessions",
        [session(closes=dated("2027-01-01")), session(id="b", body="senate")],
    )
    result = cli("validate", str(tmp_path))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{path}: $[0].closes.date: closes 2027-01-01 before it opens")
    assert lines[1].startswith(f"{path}: $[1].body: unknown body 'senate'")
    assert len(lines) == 2
    assert result.stderr == f"twosessions: error: 2 problems found in {tmp_path}\n"
    data = cli("validate", str(tmp_path), "--json").json()
    assert data["ok"] is False
    assert [p["path"] for p in data["problems"]] == ["$[0].closes.date", "$[1].body"]


def test_validate_reports_type_and_rule_problems_together(tmp_path: Path, cli: CLI) -> None:
    # An impossible date makes record 0 undecodable; record 1 decodes but names an unknown body.
    # Both are reported in one run, not the date alone.
    path = write(
        tmp_path, "sessions", [session(opens=dated("2027-02-30")), session(id="b", body="senate")]
    )
    result = cli("validate", str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}: $[0].opens.date: invalid date '2027-02-30': that day does not exist "
        "(expected YYYY-MM-DD)",
        f"{path}: $[1].body: unknown body 'senate' (expected one of congress, cppcc, government, "
        "national, national-cppcc, nbs, npc, state-council, two-sessions)",
    ]


def test_a_reference_to_a_record_that_did_not_decode_is_not_a_second_problem(
    tmp_path: Path,
) -> None:
    # The figure's session is in the file, only broken: one problem, not an 'unknown session' too.
    sessions = write(tmp_path, "sessions", [session(opens=dated("2027-02-30"))])
    write(tmp_path, "figures", [figure(year=2026, session_id="2027-cppcc", source=CITE)])
    assert problems_of(tmp_path) == [
        f"{sessions}: $[0].opens.date: invalid date '2027-02-30': that day does not exist "
        "(expected YYYY-MM-DD)"
    ]
    (tmp_path / "sessions.json").write_text("[not json", encoding="utf-8")
    assert len(problems_of(tmp_path)) == 1


def test_schema_matches_the_checked_in_copy(cli: CLI) -> None:
    result = cli("schema")
    assert result.exit_code == 0
    checked_in = (REPO / "schema" / "twosessions.schema.json").read_text(encoding="utf-8")
    # Byte for byte, whichever msgspec is installed: CI runs this at both ends of the range.
    assert result.stdout == checked_in
    stored = json.loads(checked_in)
    assert stored == json_schema()
    assert set(stored["properties"]) == {f"{kind}.json" for kind in records.KINDS}


def test_canonical_schema_evens_out_what_msgspec_releases_vary() -> None:
    # msgspec 0.23 strips a docstring's indentation, 0.18-0.21 put null first in anyOf.
    older = {
        "description": "First line.\n\n    More, indented.",
        "anyOf": [{"type": "null"}, {"$ref": "#/$defs/B"}, {"$ref": "#/$defs/A"}],
        "properties": {"x": {"anyOf": [{"type": "null"}, {"type": "integer"}]}},
    }
    newer = {
        "description": "First line.\n\nMore, indented.",
        "anyOf": [{"$ref": "#/$defs/A"}, {"$ref": "#/$defs/B"}, {"type": "null"}],
        "properties": {"x": {"anyOf": [{"type": "integer"}, {"type": "null"}]}},
    }
    assert canonical_schema(older) == canonical_schema(newer) == newer


# ---- text from data is inert ---------------------------------------------------------------


def test_markup_and_escape_codes_in_data_print_literally(tmp_path: Path, cli: CLI) -> None:
    topic = {
        "id": "evil",
        "title": "[bold red]Loud[/bold red] \x1b[2J title",
        "summary": {"text": "s \x1b]0;pwned\x07 \u202e", "basis": "general"},
        "explanation": [[{"text": "[link=http://x]click[/link]", "basis": "general"}]],
    }
    write(tmp_path, "topics", [topic])
    result = cli(
        "explain", "evil", "--data", str(tmp_path), env={"FORCE_COLOR": "1", "NO_COLOR": ""}
    )
    assert result.exit_code == 0
    assert "[bold red]Loud[/bold red]" in result.stdout
    assert "[link=http://x]click[/link]" in result.stdout
    assert "\x1b[2J" not in result.stdout
    assert "\x1b]0;" not in result.stdout
    assert "\u202e" not in result.stdout
    raw = cli("explain", "evil", "--json", "--data", str(tmp_path)).stdout
    assert "\x1b" not in raw
    assert json.loads(raw)["topic"]["title"].startswith("[bold red]Loud[/bold red] \x1b[2J")


def test_hint_names_user_data_even_for_a_bare_file_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A user's ./sessions.json must not be mistaken for the bundled file of the same name.
    write(tmp_path, "sessions", [session(closes=dated("2027-01-01"))])
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataError, match=r"use --no-user-data$"):
        load_facts([Path("sessions.json")])


def test_hint_for_damaged_bundled_data(tmp_path: Path) -> None:
    bundled = tmp_path / "bundled"
    for kind in records.KINDS:
        write(
            bundled, kind, json.loads((REPO / "data" / f"{kind}.json").read_text(encoding="utf-8"))
        )
    (bundled / "sessions.json").write_text("[", encoding="utf-8")
    with pytest.raises(
        DataError, match=r"the bundled data is damaged; reinstall twosessions$"
    ) as caught:
        lookups.all_sessions(load_facts(bundled=bundled))  # decoded when first asked for
    assert caught.value.message.startswith(
        f"bad data: {bundled / 'sessions.json'}: $: invalid JSON"
    )


def test_a_path_with_a_line_break_still_gives_one_line_per_problem(cli: CLI) -> None:
    # Found by the fuzzer: a newline in a path split the error over two lines.
    result = cli("validate", "bad\nname")
    assert result.exit_code == 1
    assert result.stdout == "bad\\nname: $: no such file or folder\n"
    assert result.stderr == "twosessions: error: 1 problem found in bad\\nname\n"


def test_example_overlay_reaches_next_and_the_calendar_marked_as_example(cli: CLI) -> None:
    # docs/adding-facts.md promises that next and ics see an overlay's sessions. Its year is
    # made up (2099), and every view names its sessions as example data, so that
    # 'next' never announces an example opening as if it were real.
    data = cli("next", "--today", "2026-12-03", "--data", str(EXAMPLE), "--json").json()
    assert data["headline"] == (
        "Next: the CPPCC committee (example data), opening in 26346 days, "
        "on Tuesday 20 January 2099."
    )
    shown = cli("next", "--today", "2026-12-03", "--data", str(EXAMPLE), env={"COLUMNS": "200"})
    assert shown.stdout.count("(example data)") == 3  # the headline and each session's row
    line = cli("timeline", "2099", "--data", str(EXAMPLE)).stdout
    assert "CPPCC committee (example data) day 1/5" in line
    events = cli("ics", "2099", "--data", str(EXAMPLE), "--json").json()["events"]
    assert [e["uid"] for e in events] == ["2099-cppcc@twosessions", "2099-congress@twosessions"]
    assert [e["summary"] for e in events] == [
        "CPPCC committee (example data): 5th of 6th term",
        "People's Congress (example data): 5th of 6th term",
    ]


# ---- validation that never surprises (issue 14) --------------------------------------------


def test_a_misnamed_file_beside_good_ones_is_reported_with_a_suggestion(tmp_path: Path) -> None:
    write(tmp_path, "sources", [])
    (tmp_path / "session.json").write_text(json.dumps([session()]), encoding="utf-8")
    problems = problems_of(tmp_path)
    assert problems == [
        f"{tmp_path / 'session.json'}: $: unknown data file name; did you mean sessions.json? "
        "(expected any of sources.json, bodies.json, sessions.json, agenda.json, people.json, "
        "figures.json, topics.json)"
    ]


def test_every_broken_record_in_a_file_is_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "sessions",
        [session(year="2027"), session(id="2028-cppcc", year=2028, body=7), session(id="ok")],
    )
    assert problems_of(tmp_path) == [
        f"{path}: $[0].year: Expected `int`, got `str`",
        f"{path}: $[1].body: Expected `str`, got `int`",
    ]


def test_a_file_given_alone_is_read_with_its_neighbours(tmp_path: Path, cli: CLI) -> None:
    sources = [
        {
            "id": "my-notes",
            "publisher": "Me",
            "language": "en",
            "reliability": "established",
            "kind": "notes",
            "paragraphs": 2,
        }
    ]
    write(tmp_path, "sources", sources)
    cite = [{"source": "my-notes", "paragraph": 1}]
    opens = {"date": "2027-01-20", "status": "scheduled", "basis": "source", "source": cite}
    path = write(tmp_path, "sessions", [session(opens=opens, closes=None)])
    result = cli("validate", str(path))
    assert result.exit_code == 0, result.stdout
    assert result.stdout.startswith(f"ok: {path}: 2 records valid (1 source, 0 bodies, 1 session")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("20/01/2027", "invalid date '20/01/2027' (expected YYYY-MM-DD, such as 2027-01-20)"),
        ("2027-1-20", "invalid date '2027-1-20' (expected YYYY-MM-DD, such as 2027-01-20)"),
        ("2027-02-30", "invalid date '2027-02-30': that day does not exist (expected YYYY-MM-DD)"),
    ],
)
def test_a_bad_date_is_echoed_with_what_would_work(
    tmp_path: Path, value: str, message: str
) -> None:
    path = write(tmp_path, "sessions", [session(opens=dict(dated("2027-01-20"), date=value))])
    assert problems_of(tmp_path) == [f"{path}: $[0].opens.date: {message}"]


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "sessions.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps([session()]).encode())
    assert problems_of(tmp_path) == []


def test_validate_counts_the_records_of_the_files_it_was_given(cli: CLI) -> None:
    result = cli("validate", str(EXAMPLE))
    assert result.stdout == (
        f"ok: {EXAMPLE}: 3 records valid (1 source, 0 bodies, 2 sessions, 0 agenda entries, "
        "0 people, 0 figures, 0 topics)\n"
    )


def test_ics_says_when_it_replaces_a_file(cli: CLI, tmp_path: Path) -> None:
    target = tmp_path / "cal.ics"
    target.write_text("old", encoding="utf-8")
    result = cli("ics", "2026", "-o", str(target))
    assert result.stderr == (
        f"twosessions: wrote 2 events to {target}, replacing the file that was there\n"
    )
