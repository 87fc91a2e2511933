"""`twosessions export FOLDER`: the whole record as CSV files and a SQLite database that answers
"every figure with its source's address and paragraph" in one query."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import Run

from twosessions_cli import __version__
from twosessions_cli.dataset import TABLES, VIEWED_KINDS, view_name
from twosessions_cli.store import Facts

CLI = Callable[..., Run]

ICQ = (
    "https://www.ichongqing.info/2026/01/25/chongqing-two-sessions-to-open-on-jan-27-spotlighting-"
    "modern-city-governance-and-people-centered-development/amp"
)
TABLE_NAMES = [
    "sources",
    "topics",
    "bodies",
    "sessions",
    "people",
    "agenda",
    "figures",
    "statements",
    "citations",
]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One export of the bundled data at the default level, shared by the read-only tests."""
    from typer.testing import CliRunner

    from twosessions_cli.cli import app

    folder = tmp_path_factory.mktemp("export") / "out"
    result = CliRunner().invoke(app, ["export", str(folder)], env={"TWOSESSIONS_DATA": ""})
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture
def db(exported: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(f"file:{exported / 'twosessions.sqlite'}?mode=ro", uri=True)
    yield connection
    connection.close()


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))


def test_the_folder_holds_a_csv_per_table_the_database_and_a_readme(exported: Path) -> None:
    assert sorted(p.name for p in exported.iterdir()) == sorted(
        [*(f"{t}.csv" for t in TABLE_NAMES), "twosessions.sqlite", "README.md"]
    )
    assert [t.name for t in TABLES] == TABLE_NAMES


def test_every_kind_has_a_table_and_each_row_fills_exactly_its_columns(all_facts: Facts) -> None:
    from twosessions_cli.dataset import OWNER
    from twosessions_cli.dataset_rows import table_rows
    from twosessions_cli.records import KINDS

    assert set(KINDS) <= set(TABLE_NAMES)
    assert set(OWNER) == set(KINDS)
    for table in TABLES:
        names = [c.name for c in table.columns]
        assert len(set(names)) == len(names), table.name
        for row in table_rows(all_facts, table):
            assert sorted(row) == sorted(names), (table.name, row)


def test_one_query_gives_every_figure_with_its_sources_address_and_paragraph(
    db: sqlite3.Connection,
) -> None:
    rows = db.execute(
        "SELECT id, year, label, value, unit, cites, statement, source, paragraph, address "
        "FROM figures_with_sources WHERE id = '2025-proposals-handled'"
    ).fetchall()
    # The number itself, and the note beside it, both from paragraph 6 of the iChongqing report.
    assert rows == [
        (
            "2025-proposals-handled",
            2025,
            "CPPCC proposals handled",
            1385,
            "proposals",
            "record",
            None,
            "icq-20260125",
            6,
            ICQ,
        ),
        (
            "2025-proposals-handled",
            2025,
            "CPPCC proposals handled",
            1385,
            "proposals",
            "note",
            "2025-proposals-handled.note",
            "icq-20260125",
            6,
            ICQ,
        ),
    ]
    every = db.execute(
        "SELECT DISTINCT id FROM figures_with_sources WHERE cites = 'record'"
    ).fetchall()
    assert len(every) == db.execute("SELECT count(*) FROM figures").fetchone()[0]


def test_a_sessions_dates_join_to_their_own_paragraphs(db: sqlite3.Connection) -> None:
    rows = db.execute(
        "SELECT cites, basis, source, paragraph, publisher, published FROM sessions_with_sources "
        "WHERE id = '2026-cppcc' AND cites IN ('opens', 'closes')"
    ).fetchall()
    assert rows == [
        ("opens", "inferred", "cqrb-20260128", 2, "Chongqing Daily", "2026-01-28"),
        ("opens", "inferred", "cqrb-20260128", 7, "Chongqing Daily", "2026-01-28"),
        ("opens", "inferred", "cqrb-20260128", 13, "Chongqing Daily", "2026-01-28"),
        ("opens", "inferred", "cqrb-20260128", 21, "Chongqing Daily", "2026-01-28"),
        ("opens", "inferred", "icq-20260125", 1, "iChongqing", "2026-01-25"),
        ("closes", "inferred", "icq-20260125", 2, "iChongqing", "2026-01-25"),
    ]


def test_foreign_keys_are_declared_and_every_reference_resolves(db: sqlite3.Connection) -> None:
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    figure_keys = {
        (row[3], row[2]) for row in db.execute("PRAGMA foreign_key_list(figures)").fetchall()
    }
    assert figure_keys == {
        ("body", "bodies"),
        ("session_id", "sessions"),
        ("reported_by", "people"),
    }
    citation_keys = {
        (row[3], row[2]) for row in db.execute("PRAGMA foreign_key_list(citations)").fetchall()
    }
    assert ("source", "sources") in citation_keys
    assert ("statement", "statements") in citation_keys
    assert ("figure", "figures") in citation_keys


def test_columns_are_typed_and_hold_values_of_their_type(db: sqlite3.Connection) -> None:
    declared = {row[1]: row[2] for row in db.execute("PRAGMA table_info(figures)")}
    assert declared["year"] == "INTEGER"
    assert declared["value"] == "REAL"
    assert declared["label"] == "TEXT"
    for table in TABLES:
        for column in table.columns:
            stored = {
                row[0]
                for row in db.execute(
                    f'SELECT DISTINCT typeof("{column.name}") FROM "{table.name}"'  # noqa: S608
                )
            }
            assert stored <= {column.type.lower(), "null"}, (table.name, column.name, stored)


def test_an_unknown_date_is_empty_with_a_status(db: sqlite3.Connection, exported: Path) -> None:
    row = db.execute(
        "SELECT opens, opens_status, closes, closes_status, days FROM sessions "
        "WHERE id = '2018-cppcc'"
    ).fetchone()
    assert row == (None, "not reported", None, "not reported", None)
    sessions = read_csv(exported / "sessions.csv")
    header = sessions[0]
    line = next(r for r in sessions if r[0] == "2018-cppcc")
    assert [line[header.index(c)] for c in ("opens", "opens_status", "days")] == [
        "",
        "not reported",
        "",
    ]
    known = next(r for r in sessions if r[0] == "2026-cppcc")
    assert [known[header.index(c)] for c in ("opens", "closes", "days")] == [
        "2026-01-27",
        "2026-01-31",
        "5",
    ]


def test_each_csv_has_the_tables_columns_and_the_same_typed_values(
    db: sqlite3.Connection, exported: Path
) -> None:
    for table in TABLES:
        lines = read_csv(exported / f"{table.name}.csv")
        assert (exported / f"{table.name}.csv").read_bytes().count(b"\r\n") >= len(lines)
        assert lines[0] == [c.name for c in table.columns]
        stored = db.execute(f'SELECT * FROM "{table.name}" ORDER BY rowid').fetchall()  # noqa: S608
        assert len(lines) - 1 == len(stored), table.name
        for line, row in zip(lines[1:], stored, strict=True):
            for column, cell, value in zip(table.columns, line, row, strict=True):
                if value is None:
                    assert cell == "", (table.name, column.name)
                elif column.type == "TEXT":
                    formula = value.startswith(("=", "+", "-", "@"))
                    assert cell == ("'" + value if formula else value), (table.name, column.name)
                else:
                    assert float(cell) == value, (table.name, column.name)


def test_the_figures_csv_writes_numbers_as_numbers(exported: Path) -> None:
    lines = read_csv(exported / "figures.csv")
    header = lines[0]
    by_id = {line[0]: dict(zip(header, line, strict=True)) for line in lines[1:]}
    assert by_id["2025-proposals-handled"]["value"] == "1385"
    assert by_id["2019-national-gdp-growth-target"]["value"] == "6"
    assert by_id["2019-national-gdp-growth-target"]["upper"] == "6.5"
    none_set = by_id["2020-national-gdp-growth-target"]
    assert (none_set["value"], none_set["qualifier"]) == ("", "no target")


def test_views_join_every_kind_to_its_sources(db: sqlite3.Connection) -> None:
    views = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'view'")]
    assert views == [view_name(k) for k in VIEWED_KINDS]
    for kind in VIEWED_KINDS:
        # Each view has one row per citation its kind makes, none lost in the joins.
        cited = db.execute(f'SELECT count(*) FROM "{view_name(kind)}"').fetchone()[0]  # noqa: S608
        made = db.execute("SELECT count(*) FROM citations WHERE kind = ?", (kind,)).fetchone()[0]
        assert cited == made > 0, kind


def test_the_readme_says_what_each_table_and_column_is(exported: Path) -> None:
    readme = (exported / "README.md").read_text(encoding="utf-8")
    assert f"Written by twosessions {__version__} from the bundled data only" in readme
    assert "Level: `all`" in readme
    for table in TABLES:
        assert f"### {table.name} (" in readme
        for column in table.columns:
            assert f"| `{column.name}` |" in readme, (table.name, column.name)
    for kind in VIEWED_KINDS:
        assert f"`{view_name(kind)}`" in readme
    assert "## How the facts are sourced" in readme
    assert "`inferred`" in readme
    assert "`general`" in readme


def test_the_default_is_every_level_and_level_narrows_it(cli: CLI, tmp_path: Path) -> None:
    everything = cli("export", str(tmp_path / "all"), "--json").json()
    assert everything["level"] == "all"
    assert everything["tables"]["bodies"] == 9
    municipal = cli("export", str(tmp_path / "cq"), "--level", "chongqing", "--json").json()
    assert municipal["level"] == "chongqing"
    assert municipal["tables"]["bodies"] == 4
    assert municipal["tables"]["figures"] < everything["tables"]["figures"]
    for name in ("cq", "all"):
        db = sqlite3.connect(tmp_path / name / "twosessions.sqlite")
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        db.close()
    national = cli("export", str(tmp_path / "nat"), "--level", "national", "--json").json()
    db = sqlite3.connect(tmp_path / "nat" / "twosessions.sqlite")
    assert db.execute("SELECT DISTINCT level FROM figures").fetchall() == [("national",)]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    db.close()
    assert national["tables"]["bodies"] == 5


def test_json_describes_what_was_written(cli: CLI, tmp_path: Path, all_facts: Facts) -> None:
    folder = tmp_path / "out"
    result = cli("export", str(folder), "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    data = result.json()
    assert data["folder"] == str(folder)
    assert data["version"] == __version__
    assert data["overlays"] == []
    assert data["database"] == str(folder / "twosessions.sqlite")
    assert list(data["tables"]) == TABLE_NAMES
    assert data["tables"]["figures"] == len(all_facts.figures)
    assert data["tables"]["sources"] == len(all_facts.sources)
    assert list(data["views"]) == [view_name(k) for k in VIEWED_KINDS]
    assert [f["path"] for f in data["files"]] == [
        *(str(folder / f"{t}.csv") for t in TABLE_NAMES),
        str(folder / "twosessions.sqlite"),
        str(folder / "README.md"),
    ]
    db = sqlite3.connect(folder / "twosessions.sqlite")
    for name, count in [*data["tables"].items(), *data["views"].items()]:
        assert db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] == count  # noqa: S608
    db.close()
    csv_files = [f for f in data["files"] if f["table"]]
    assert all(f["rows"] == data["tables"][f["table"]] for f in csv_files)


def test_without_json_it_says_what_it_wrote_on_stderr(cli: CLI, tmp_path: Path) -> None:
    result = cli("export", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.startswith("twosessions: wrote 9 tables (")
    assert str(tmp_path / "out" / "README.md") in result.stderr


def test_a_non_empty_folder_is_refused_unless_forced(cli: CLI, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    refused = cli("export", str(folder))
    assert refused.exit_code == 2
    assert refused.stdout == ""
    assert refused.stderr == (
        f"twosessions: error: {str(folder)!r} is not empty; give a new or empty folder, or add "
        "--force to replace the export's files in it\n"
    )
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    forced = cli("export", str(folder), "--force")
    assert forced.exit_code == 0, forced.stderr
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "keep me"
    again = cli("export", str(folder), "--force", "--json")  # over its own files: replaced
    assert again.exit_code == 0
    db = sqlite3.connect(folder / "twosessions.sqlite")
    assert db.execute("SELECT count(*) FROM bodies").fetchone()[0] == 9
    db.close()


def test_a_file_is_refused_as_the_folder(cli: CLI, tmp_path: Path) -> None:
    file = tmp_path / "taken.txt"
    file.write_text("x", encoding="utf-8")
    result = cli("export", str(file))
    assert result.exit_code == 2
    assert result.stderr == (
        f"twosessions: error: {str(file)!r} is a file, not a folder; give a new or empty "
        "folder to export into\n"
    )


def test_an_unwritable_folder_is_one_line_and_exit_1(cli: CLI, tmp_path: Path) -> None:
    under_a_file = tmp_path / "taken.txt" / "out"
    (tmp_path / "taken.txt").write_text("x", encoding="utf-8")
    result = cli("export", str(under_a_file))
    assert result.exit_code == 1
    assert result.stderr == (
        f"twosessions: error: cannot write into {str(under_a_file)!r}: Not a directory; give "
        "a folder you can write to\n"
    )


def test_csv_cannot_carry_a_formula_but_the_database_keeps_the_text(
    cli: CLI, tmp_path: Path
) -> None:
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    formula = '=HYPERLINK("http://example.invalid","x")'
    source = {
        "id": "formula-page",
        "title": "-2 and more",
        "address": None,
        "publisher": formula,
        "published": "2027-01-15",
        "language": "en",
        "reliability": "established",
        "kind": "own notes",
        "paragraphs": 1,
    }
    (overlay / "sources.json").write_text(json.dumps([source]), encoding="utf-8")
    folder = tmp_path / "out"
    result = cli("export", str(folder), "--data", str(overlay), "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["overlays"] == [str(overlay)]
    lines = read_csv(folder / "sources.csv")
    header = lines[0]
    row = dict(zip(header, next(r for r in lines if r[0] == "formula-page"), strict=True))
    assert row["publisher"] == "'" + formula
    assert row["title"] == "'-2 and more"
    assert row["paragraphs"] == "1"
    assert row["origin"] == str(overlay / "sources.json")
    db = sqlite3.connect(folder / "twosessions.sqlite")
    assert db.execute("SELECT publisher FROM sources WHERE id = 'formula-page'").fetchone() == (
        formula,
    )
    assert db.execute("SELECT value FROM about WHERE key = 'overlays'").fetchone() == (
        str(overlay),
    )
    db.close()
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert f"with these overlay folders or files, applied in order: `{overlay}`" in readme


def test_no_user_data_leaves_the_overlays_out(cli: CLI, tmp_path: Path) -> None:
    overlay = Path(__file__).resolve().parents[1] / "docs" / "example-overlay"
    result = cli("export", str(tmp_path / "out"), "--json", env={"TWOSESSIONS_DATA": str(overlay)})
    assert result.json()["overlays"] == [str(overlay)]
    assert result.json()["tables"]["sessions"] == 62
    bare = cli(
        "export",
        str(tmp_path / "bare"),
        "--json",
        "--no-user-data",
        env={"TWOSESSIONS_DATA": str(overlay)},
    )
    assert bare.json()["overlays"] == []
    assert bare.json()["tables"]["sessions"] == 60


def test_text_formats_are_refused_with_what_would_work(cli: CLI, tmp_path: Path) -> None:
    result = cli("export", str(tmp_path / "out"), "--format", "csv")
    assert result.exit_code == 2
    assert result.stderr == (
        "twosessions: error: export writes its CSV files into FOLDER whatever --format says; "
        "leave --format out, or use --json to describe what was written\n"
    )
    assert not (tmp_path / "out").exists()


def test_venues_keep_their_name_chinese_name_and_detail_apart(db: sqlite3.Connection) -> None:
    row = db.execute(
        "SELECT closing_venue, closing_venue_chinese, closing_venue_detail FROM sessions "
        "WHERE id = '2025-cppcc'"
    ).fetchone()
    assert row == ("People's Hall", "市人民大厦", "in its auditorium (礼堂)")


def test_sqlite_utils_reads_the_tables_keys_types_and_views(exported: Path) -> None:
    sqlite_utils = pytest.importorskip("sqlite_utils", reason="sqlite-utils is in the test extras")
    db = sqlite_utils.Database(exported / "twosessions.sqlite")
    assert db.table_names() == [*TABLE_NAMES, "about"]
    assert db.view_names() == [view_name(k) for k in VIEWED_KINDS]
    figures = db["figures"]
    assert figures.pks == ["id"]
    assert {(k.column, k.other_table, k.other_column) for k in figures.foreign_keys} == {
        ("body", "bodies", "id"),
        ("session_id", "sessions", "id"),
        ("reported_by", "people", "id"),
    }
    types = figures.columns_dict
    assert (types["year"], types["value"], types["label"]) == (int, float, str)
    rows = list(
        db["figures_with_sources"].rows_where(
            "id = ? AND cites = 'record'", ["2025-proposals-handled"]
        )
    )
    assert [(r["value"], r["source"], r["paragraph"], r["address"]) for r in rows] == [
        (1385, "icq-20260125", 6, ICQ)
    ]


def test_datasette_serves_the_view_and_follows_the_foreign_keys(exported: Path) -> None:
    datasette_app = pytest.importorskip("datasette.app", reason="datasette is in the test extras")
    import asyncio

    async def ask(*paths: str) -> list[object]:
        ds = datasette_app.Datasette([str(exported / "twosessions.sqlite")])
        answers = []
        for path in paths:
            response = await ds.client.get(path)
            assert response.status_code == 200, path
            answers.append(response.json())
        return answers

    view, tables = asyncio.run(
        ask(
            "/twosessions/figures_with_sources.json?id=2025-proposals-handled&cites=record"
            "&_shape=array",
            "/twosessions.json",
        )
    )
    assert isinstance(view, list)
    assert [(r["value"], r["source"], r["paragraph"], r["address"]) for r in view] == [
        (1385, "icq-20260125", 6, ICQ)
    ]
    assert isinstance(tables, dict)
    outgoing = {
        t["name"]: {(k["column"], k["other_table"]) for k in t["foreign_keys"]["outgoing"]}
        for t in tables["tables"]
    }
    assert outgoing["figures"] == {
        ("body", "bodies"),
        ("session_id", "sessions"),
        ("reported_by", "people"),
    }
    assert sorted(v["name"] for v in tables["views"]) == sorted(view_name(k) for k in VIEWED_KINDS)


def test_bom_starts_each_csv_with_a_byte_order_mark(cli: CLI, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    result = cli("export", str(folder), "--bom", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["bom"] is True
    for table in TABLE_NAMES:
        raw = (folder / f"{table}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf" + b"id," if table != "citations" else b"\xef\xbb\xbf")
        assert raw.count(b"\xef\xbb\xbf") == 1
    lines = list(csv.reader(io.StringIO((folder / "bodies.csv").read_text("utf-8-sig"))))
    assert lines[0][0] == "id"
    assert "UTF-8 with a byte-order mark" in (folder / "README.md").read_text(encoding="utf-8")
    assert not (folder / "twosessions.sqlite").read_bytes().startswith(b"\xef\xbb\xbf")
    plain = cli("export", str(tmp_path / "plain"), "--json").json()
    assert plain["bom"] is False


def test_two_records_giving_one_statement_id_are_refused_before_anything_is_written(
    cli: CLI, tmp_path: Path
) -> None:
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    topic = {
        "id": "icq-20260125",  # the id of a bundled source, whose summary is icq-20260125.summary
        "title": "Clash",
        "summary": {"text": "A made-up topic.", "basis": "general"},
        "explanation": [[{"text": "Made up.", "basis": "general"}]],
    }
    (overlay / "topics.json").write_text(json.dumps([topic]), encoding="utf-8")
    folder = tmp_path / "out"
    result = cli("export", str(folder), "--data", str(overlay))
    assert result.exit_code == 1
    assert result.stderr == (
        "twosessions: error: a record of sources and one of topics both give the statement id "
        "'icq-20260125.summary', which the export keeps once; give one of the two records "
        "another id\n"
    )
    assert not folder.exists()
