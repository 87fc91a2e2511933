"""--format csv and --format markdown: every listing command, parsed back as a reader would."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run
from hypothesis import given
from hypothesis import strategies as st

from twosessions_cli.render.output import json_text
from twosessions_cli.store import Facts

CLI = Callable[..., Run]
GUIDE = "https://www.ichongqing.info/2020/01/15/a-foreigners-guide-to-the-chongqing-two-sessions/"

LISTINGS: list[list[str]] = [
    ["dates"],
    ["dates", "--all"],
    ["next", "--today", "2026-01-29"],
    ["stats", "2025"],
    ["agenda", "2025"],
    ["stats", "2018", "--reported"],
    ["who"],
    ["who", "zhang"],
    ["search", "congress"],
    ["sources"],
    ["sources", "--coverage"],
    ["trend"],
    ["trend", "proposals"],
    ["targets"],
    ["targets", "--level", "all"],
    ["glossary"],
    ["explain"],
]


@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_csv_is_one_header_and_one_row_per_record(cli: CLI, args: list[str]) -> None:
    result = cli(*args, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    header, records = rows[0], rows[1:]
    assert "Notes" not in header  # each note sits beside the value it qualifies
    assert len(set(header)) == len(header)
    assert records
    assert all(len(row) == len(header) for row in records)
    json_count = _records_in_json(cli, args)
    if json_count is not None:
        assert len(records) == json_count


def _records_in_json(cli: CLI, args: list[str]) -> int | None:
    data = cli(*args, "--json").json()
    keys = ("sessions", "figures", "agenda", "hits", "sources", "coverage", "terms", "topics")
    for key in (*keys, "people"):
        if key in data:
            return len(data[key])
    if "figures" in data or "series" in data:
        return None
    return None


@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_markdown_is_a_table_with_the_same_columns_on_every_row(cli: CLI, args: list[str]) -> None:
    result = cli(*args, "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    table = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    header, rule, *rows = table
    columns = header.count(" | ") + 1
    assert set(rule.replace("|", "").split()) <= {"---", "---:"}
    assert rows
    for row in rows:
        # An escaped '\|' inside a cell is not a column boundary.
        assert row.replace("\\|", "").count(" | ") + 1 == columns, row


def test_csv_has_typed_values_and_sources_in_their_own_columns(cli: CLI) -> None:
    rows = list(csv.DictReader(io.StringIO(cli("stats", "2025", "--format", "csv").stdout)))
    proposals = next(r for r in rows if r["What"] == "CPPCC proposals handled")
    assert proposals["Year"] == "2025"
    assert (proposals["Value"], proposals["Unit"], proposals["Qualifier"]) == (
        "1385",
        "proposals",
        "",
    )
    assert proposals["Note"] == "All were completed on schedule, Zhang Xiaofei said."
    assert proposals["Source 1 publisher"] == "iChongqing"
    assert proposals["Source 1 published"] == "2026-01-25"
    assert proposals["Source 1 address"].startswith("https://www.ichongqing.info/2026/01/25/")
    assert proposals["Source 1 paragraphs"] == "6"
    later = list(csv.DictReader(io.StringIO(cli("stats", "2026", "--format", "csv").stdout)))
    target = next(r for r in later if r["What"] == "GDP growth target")
    assert (target["Qualifier"], target["Value"]) == ("over", "5")
    growth = list(csv.DictReader(io.StringIO(cli("stats", "2024", "--format", "csv").stdout)))
    percent = next(r for r in growth if r["Unit"] == "%")
    float(percent["Value"])  # "5.7", not "5.7%"


def test_dates_csv_says_each_note_beside_its_value(cli: CLI) -> None:
    rows = list(csv.DictReader(io.StringIO(cli("dates", "--all", "--format", "csv").stdout)))
    unknown = next(r for r in rows if r["Session id"] == "2008-congress")
    assert (unknown["Opens"], unknown["Opens status"]) == ("", "not reported")
    assert unknown["Days"] == ""
    congress = next(r for r in rows if r["Session id"] == "2026-congress")
    assert (congress["Opens"], congress["Opens status"]) == ("2026-01-28", "held")
    assert (congress["Closes"], congress["Closes status"]) == ("2026-02-01", "scheduled")
    assert congress["Closes note"].startswith("Inferred: The report prints the day and month only")
    assert congress["Days note"].startswith("The formal sitting period")
    assert not [r for r in rows if any(" | " in v or v == "—" for v in r.values())]


def test_json_and_format_json_are_the_same(cli: CLI) -> None:
    assert cli("dates", "--format", "json").stdout == cli("dates", "--json").stdout


# cite answers --format csv with its own styles (tests/test_cite.py), and takes --format markdown.
@pytest.mark.parametrize("args", [["explain", "cppcc"], ["timeline"]])
def test_csv_on_a_command_that_lists_no_records_is_a_usage_error(cli: CLI, args: list[str]) -> None:
    result = cli(*args, "--format", "csv")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--format csv is for commands that list records" in result.stderr


def test_json_and_another_format_together_is_a_usage_error(cli: CLI) -> None:
    result = cli("dates", "--json", "--format", "markdown")
    assert result.exit_code == 2
    assert result.stderr == (
        "twosessions: error: --json and --format markdown ask for different outputs; give one\n"
    )


def test_csv_lines_end_in_crlf_as_rfc_4180_asks() -> None:
    # click's test runner turns CRLF into LF when it decodes: read the real script's bytes.
    import subprocess
    import sys
    from pathlib import Path

    from test_installed import clean_env  # the user's own TWOSESSIONS_DATA must not leak in

    script = Path(sys.executable).with_name("twosessions")
    out = subprocess.run(
        [str(script), "stats", "2025", "--format", "csv"],
        capture_output=True,
        check=True,
        env=clean_env(),
    ).stdout
    assert out.startswith(b"Year,Year note,Figure id,What,Qualifier,Value,Upper,Unit,Note,Body,")
    assert out.count(b"\r\n") == len(out.decode("utf-8").splitlines())


def test_a_sheet_spells_out_each_source_in_a_group_of_columns(facts: Facts) -> None:
    from twosessions_cli.records import SourceRef
    from twosessions_cli.render.sheet import Sheet

    sheet = Sheet(["What", "Value"])
    sheet.add(
        {"What": "one source", "Value": -2.5}, [SourceRef(source="icq-20260125", paragraph=6)]
    )
    sheet.add(
        {"What": "=two sources", "Value": None},
        [SourceRef(source="icq-20200115", paragraph=p) for p in (4, 3)]
        + [SourceRef(source="icq-20260125", paragraph=1)],
    )
    header, first, second = sheet.table(facts)
    assert header[:8] == [
        "What",
        "Value",
        "Source 1 id",
        "Source 1 publisher",
        "Source 1 title",
        "Source 1 published",
        "Source 1 address",
        "Source 1 paragraphs",
    ]
    assert len(header) == 2 + 2 * 6
    assert first[:4] == ["one source", "-2.5", "icq-20260125", "iChongqing"]
    assert first[8:] == [""] * 6
    assert second[:3] == ["'=two sources", "", "icq-20200115"]
    assert second[5:8] == ["2020-01-15", GUIDE, "3; 4"]


def test_a_sheet_refuses_a_column_it_did_not_declare() -> None:
    from twosessions_cli.render.sheet import Sheet

    with pytest.raises(ValueError, match="not declared"):
        Sheet(["What"]).add({"Wat": 1})


#: Commands that list no records, so --format csv and markdown are refused (exit 2).
NOT_LISTINGS = {"timeline", "ics", "cite", "schema", "validate", "example-overlay", "export"}


def test_every_command_is_either_a_listing_here_or_not_a_listing() -> None:
    from twosessions_cli.app import command_names

    listed = {args[0] for args in LISTINGS}
    assert listed.isdisjoint(NOT_LISTINGS)
    assert listed | NOT_LISTINGS == set(command_names())


# --------------------------------------------------------------------------------------------
# Markdown, read back by a real Markdown parser (markdown-it-py, which Rich depends on)
# --------------------------------------------------------------------------------------------


def _tables(markdown: str) -> list[list[list[str]]]:
    """Each table in the document as rows of cells (the header row first), as parsed."""
    from markdown_it import MarkdownIt

    tables: list[list[list[str]]] = []
    in_cell = False
    for token in MarkdownIt("commonmark").enable("table").parse(markdown):
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            tables[-1].append([])
        elif token.type in ("th_open", "td_open"):
            in_cell = True
        elif token.type in ("th_close", "td_close"):
            in_cell = False
        elif token.type == "inline" and in_cell:
            tables[-1][-1].append(token.content)
    return tables


@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_markdown_parses_into_one_table_of_the_listing_s_rows(cli: CLI, args: list[str]) -> None:
    result = cli(*args, "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    tables = _tables(result.stdout)
    assert len(tables) == 1
    header, *rows = tables[0]
    assert rows
    assert all(len(row) == len(header) for row in rows)
    csv_rows = list(csv.reader(io.StringIO(cli(*args, "--format", "csv").stdout)))
    assert len(rows) == len(csv_rows) - 1


def test_markdown_addresses_are_whole_links(cli: CLI) -> None:
    from markdown_it import MarkdownIt

    out = cli("sources", "--format", "markdown").stdout
    header, *rows = _tables(out)[0]
    assert header[-1] == "Address"
    assert f"<{GUIDE}>" in [row[-1] for row in rows]
    tokens = MarkdownIt("commonmark").enable("table").parse(out)
    links = [
        child.attrs["href"]
        for token in tokens
        if token.type == "inline"
        for child in token.children or []
        if child.type == "link_open"
    ]
    assert GUIDE in links


def test_who_has_csv_and_markdown(cli: CLI) -> None:
    rows = list(csv.DictReader(io.StringIO(cli("who", "zhang", "--format", "csv").stdout)))
    zhang = next(r for r in rows if r["Person id"] == "zhang-xiaofei")
    assert (zhang["Name"], zhang["Year"], zhang["Body"]) == (
        "Zhang Xiaofei",
        "2026",
        "CPPCC committee",
    )
    assert zhang["Said"].count("\n") == 3  # four statements, a line each
    header, *people = _tables(cli("who", "zhang", "--format", "markdown").stdout)[0]
    assert header[:2] == ["Name", "Chinese"]
    assert [p[0] for p in people] == [r["Name"] for r in rows]


def test_markdown_never_reads_data_as_markup(cli: CLI, tmp_path: Path) -> None:
    from markdown_it import MarkdownIt

    topic = {
        "id": "evil",
        "title": "Evil",
        "chinese": "*em* [x](http://evil) <b>|</b> `code`",
        "summary": {"text": "# not a heading | _under_ ~~gone~~ &amp;", "basis": "general"},
        "explanation": [[{"text": "x", "basis": "general"}]],
    }
    (tmp_path / "topics.json").write_text(json.dumps([topic]), encoding="utf-8")
    out = cli("explain", "--data", str(tmp_path), "--format", "markdown").stdout
    header, *rows = _tables(out)[0]
    evil = next(row for row in rows if row[0] == "evil")
    table = [line for line in out.splitlines() if line.startswith("| ")]
    alone = "\n".join([*table[:2], next(line for line in table if line.startswith("| evil"))])
    tokens = MarkdownIt("commonmark").enable("table").enable("strikethrough").parse(alone)
    kinds = {c.type for t in tokens if t.type == "inline" for c in t.children or []}
    assert kinds == {"text"}
    rendered = MarkdownIt("commonmark").enable("table").render(out)
    assert "*em* [x](http://evil) &lt;b&gt;|&lt;/b&gt; `code`" in rendered
    assert "# not a heading | _under_ ~~gone~~ &amp;amp;" in rendered
    assert len(evil) == len(header)


#: CSV and Markdown pinned byte for byte, so that a change to their columns shows as a readable
#: diff (regenerate with UPDATE_GOLDEN=1, as tests/test_golden.py, and read the diff).
FORMAT_GOLDEN = {
    "stats-2025.csv": ["stats", "2025", "--format", "csv"],
    "dates-2026.csv": ["dates", "2026", "--format", "csv"],
    "who-zhang.md": ["who", "zhang", "--format", "markdown"],
    "agenda-2026.md": ["agenda", "2026", "--format", "markdown"],
}


@pytest.mark.parametrize("name", sorted(FORMAT_GOLDEN))
def test_format_matches_its_golden_file(cli: CLI, name: str) -> None:
    import os

    result = cli(*FORMAT_GOLDEN[name])
    assert result.exit_code == 0, result.stderr
    golden = Path(__file__).parent / "golden" / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8", newline="")
    assert result.stdout == golden.read_text(encoding="utf-8")


def test_markdown_escapes_the_data_but_not_its_own_footnote_marks(facts: Facts) -> None:
    from twosessions_cli.render.formats import Report
    from twosessions_cli.render.listing import Column, Listing
    from twosessions_cli.render.notes import Footnotes
    from twosessions_cli.render.output import OutputFormat

    listing = Listing("T", [Column("Value")])
    notes = Footnotes()
    listing.add(notes.marked("[x]*1*", "a note with *stars*"))
    out = Report(facts, listing, notes).written(OutputFormat.markdown)
    assert "| \\[x\\]\\*1\\*[1] |" in out
    assert "\n[1] a note with \\*stars\\*" in out
    assert _tables(out)[0][1] == ["\\[x\\]\\*1\\*[1]"]


# ---- the JSON writer ---------------------------------------------------------------------------

_JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**53), max_value=2**53)
    # Figures are written as people write them: no exponent (stdlib and msgspec spell 1e16
    # differently, which would be a spelling, not a value, difference).
    | st.floats(min_value=-1e15, max_value=1e15, allow_nan=False).filter(lambda f: abs(f) > 1e-4)
    | st.text()
)
_JSON_VALUES = st.recursive(
    _JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@given(_JSON_VALUES)
def test_json_text_is_the_standard_library_s_layout_with_terminal_controls_escaped(
    payload: object,
) -> None:
    # msgspec writes it (a tenth of the cost of json's indenting encoder, which is pure Python),
    # byte for byte as json.dumps(indent=2) would, so scripts and golden files see no change.
    text = json_text(payload)
    expected = json.dumps(payload, ensure_ascii=False, indent=2)
    assert text == _ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", expected) + "\n"
    assert json.loads(text) == payload
    assert not re.search(
        r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]", text
    )


_ESCAPED = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
