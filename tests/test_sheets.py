"""CSV from every listing loads into a typed table without hand-editing: numbers parse as
numbers, dates as ISO dates (empty only where a status says the date is unknown), text that a
spreadsheet would run as a formula is neutralised, and --bom marks the file for spreadsheets."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run
from test_formats import LISTINGS

CLI = Callable[..., Run]
EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "example-overlay"

#: Every column a listing's CSV may have, by type: a new column must be typed here.
INTEGERS = {
    "Year", "Term", "Session", "Days", "Items", "Facts", "Reports", "Figures", "First year",
    "Last year", "Years", "Paragraphs on the page", "Opens in days", "Day", "Ended days ago",
}  # fmt: skip
NUMBERS = {"Value", "Upper", "Target", "Target upper", "Outcome", "Outcome upper", "Gap"}
DATES = {"Opens", "Closes", "Published", "Today"}
SOURCE_DATE = re.compile(r"Source \d+ published")
SOURCE_TEXT = re.compile(r"Source \d+ (id|publisher|title|address|paragraphs)")
TEXT = {
    "Session id", "Body", "Session note", "Opens status", "Opens note", "Closes status",
    "Closes note", "Days note", "Opened at", "Closed at", "Note", "Origin", "State", "Standing",
    "Number known", "Opens known", "Closes known", "Year note", "Figure id", "What", "Qualifier",
    "Unit", "Reported by", "Series", "Level", "Target id", "Target qualifier", "Target note",
    "Outcome id", "Outcome qualifier", "Outcome note", "Gap unit", "Verdict", "Rule",
    "Items note", "Named items", "Person id", "Name", "Chinese", "Role", "Said", "Kind",
    "Record id", "Record", "Field", "Cite id", "Text", "Found via", "Source id", "Publisher", "Title",
    "Language", "Reliability", "Reprint of", "Published note", "Address", "Summary",
    "Topic id", "English", "Pinyin", "Meaning", "Aliases",
}  # fmt: skip


def _rows(cli: CLI, *args: str) -> list[dict[str, str]]:
    result = cli(*args, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout, newline="")))


@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_every_listing_loads_as_a_typed_table(cli: CLI, args: list[str]) -> None:
    rows = _rows(cli, *args)
    assert rows
    for name in rows[0]:
        typed = INTEGERS | NUMBERS | DATES | TEXT
        assert name in typed or SOURCE_DATE.fullmatch(name) or SOURCE_TEXT.fullmatch(name), name
    for row in rows:
        for name, value in row.items():
            if not value:
                continue
            if name in INTEGERS:
                int(value)
            elif name in NUMBERS:
                float(value)
            elif name in DATES or SOURCE_DATE.fullmatch(name):
                dt.date.fromisoformat(value)
        for name in DATES & set(row):
            status = row.get(f"{name} status")
            if status is not None:
                # An empty date is an unknown one, and its status says so.
                assert (row[name] == "") == (status == "not reported"), row
        # Unit and qualifier are columns of their own, never folded into the number.
        assert not [v for n, v in row.items() if n in NUMBERS and not re.fullmatch(r"-?[\d.]*", v)]


@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_a_row_that_belongs_to_a_year_says_which(cli: CLI, args: list[str]) -> None:
    data = cli(*args, "--json").json()
    records = next((v for v in data.values() if isinstance(v, list)), [])
    has_year = records and all(isinstance(r, dict) and "year" in r for r in records)
    if has_year and args[0] not in ("search",):
        assert "Year" in _rows(cli, *args)[0]


def test_numbers_stay_numbers_even_negative_ones(cli: CLI) -> None:
    rows = _rows(cli, "targets")
    gaps = [float(r["Gap"]) for r in rows if r["Gap"]]
    assert min(gaps) < 0  # a missed target: '-2.5', not "'-2.5" nor '-2.5 pts'
    missed = next(r for r in rows if r["Year"] == "2018")
    assert (missed["Gap"], missed["Gap unit"], missed["Verdict"]) == (
        "-2.5",
        "percentage points",
        "missed",
    )


def _overlay(tmp_path: Path, publisher: str) -> Path:
    sources = json.loads((EXAMPLE / "sources.json").read_text(encoding="utf-8"))
    sources[0]["publisher"] = publisher
    sources[0]["title"] = "-1+1"
    (tmp_path / "sources.json").write_text(json.dumps(sources), encoding="utf-8")
    (tmp_path / "sessions.json").write_bytes((EXAMPLE / "sessions.json").read_bytes())
    return tmp_path


def test_a_formula_in_user_data_reaches_the_csv_as_text(cli: CLI, tmp_path: Path) -> None:
    formula = '=HYPERLINK("http://x","y")'
    folder = str(_overlay(tmp_path, formula))
    sources = _rows(cli, "sources", "--data", folder)
    mine = next(r for r in sources if r["Source id"] == "example-newsroom")
    assert mine["Publisher"] == "'" + formula
    assert mine["Title"] == "'-1+1"
    dates = _rows(cli, "dates", "2099", "--data", folder)
    assert {r["Source 1 publisher"] for r in dates} == {"'" + formula}
    assert {r["Term"] for r in dates} == {"6"}  # numbers are left alone


def test_bom_marks_the_csv_for_spreadsheets(cli: CLI) -> None:
    plain = cli("stats", "2025", "--format", "csv").stdout
    for args in (
        ["stats", "2025", "--format", "csv", "--bom"],
        ["--bom", "stats", "2025", "--format", "csv"],
    ):
        marked = cli(*args)
        assert marked.exit_code == 0, marked.stderr
        assert marked.stdout == "\ufeff" + plain
    assert not plain.startswith("\ufeff")


@pytest.mark.parametrize("fmt", [[], ["--json"], ["--format", "markdown"]])
def test_bom_without_csv_is_a_usage_error(cli: CLI, fmt: list[str]) -> None:
    result = cli("stats", "2025", *fmt, "--bom")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("twosessions: error: --bom is for --format csv")


@pytest.mark.parametrize("style", [[], ["--style", "bibtex"], ["--json"]])
def test_cite_refuses_bom_as_it_writes_no_csv(cli: CLI, style: list[str]) -> None:
    # cite writes its own outputs, not a listing: --bom was once accepted and ignored there.
    result = cli("cite", "2026-cppcc", *style, "--bom")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "twosessions: error: --bom is for --format csv (a byte-order mark for spreadsheet "
        "programs), not cite, which writes no CSV\n"
    )
