"""--format csv and --format markdown: every listing command, parsed back as a reader would."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pytest
from conftest import Run

from twosessions_cli.store import Facts

CLI = Callable[..., Run]

LISTINGS: list[list[str]] = [
    ["dates"],
    ["dates", "--all"],
    ["next", "--today", "2026-01-29"],
    ["stats", "2025"],
    ["agenda", "2025"],
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
    assert header[-1] == "Notes"
    assert records
    assert all(len(row) == len(header) for row in records)
    json_count = _records_in_json(cli, args)
    if json_count is not None:
        assert len(records) == json_count


def _records_in_json(cli: CLI, args: list[str]) -> int | None:
    data = cli(*args, "--json").json()
    for key in ("sessions", "figures", "agenda", "hits", "sources", "coverage", "terms", "topics"):
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


def test_csv_spells_sources_out_and_keeps_footnotes(cli: CLI) -> None:
    rows = list(csv.DictReader(io.StringIO(cli("stats", "2025", "--format", "csv").stdout)))
    proposals = next(r for r in rows if r["What"] == "CPPCC proposals handled")
    assert proposals["Value"] == "1,385"
    assert proposals["Source"] == "iChongqing 2026-01-25 ¶6"
    assert "All were completed on schedule" in proposals["Notes"]
    delegates = next(r for r in rows if r["What"].startswith("Foreign delegates"))
    assert delegates["Value"] == "over 50"


def test_json_and_format_json_are_the_same(cli: CLI) -> None:
    assert cli("dates", "--format", "json").stdout == cli("dates", "--json").stdout


# cite answers --format csv with its own styles (tests/test_cite.py), and takes --format markdown.
@pytest.mark.parametrize("args", [["explain", "cppcc"], ["who"], ["timeline"]])
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
    assert out.startswith(b"What,Value,Unit,Body,Source,Notes\r\n")
    assert out.count(b"\r\n") == len(out.decode("utf-8").splitlines())


def test_csv_spells_out_the_citing_column_whatever_its_header(facts: Facts) -> None:
    # The column is found by its flag, not its header: a renamed column still cites in full,
    # and a column merely called "Source" that cites nothing is left as printed.
    from rich.text import Text

    from twosessions_cli.records import SourceRef
    from twosessions_cli.render.formats import Report
    from twosessions_cli.render.listing import Column, Listing
    from twosessions_cli.render.output import OutputFormat

    listing = Listing("Test", [Column("Source"), Column("Cited", whole=True, cites=True)])
    listing.add(
        Text("a word"),
        Text("icq-20260125 ¶6"),
        refs=[SourceRef(source="icq-20260125", paragraph=6)],
    )
    rows = list(csv.reader(io.StringIO(Report(facts, listing).written(OutputFormat.csv))))
    assert rows == [["Source", "Cited", "Notes"], ["a word", "iChongqing 2026-01-25 ¶6", ""]]


#: Commands that list no records, so --format csv and markdown are refused (exit 2).
NOT_LISTINGS = {"timeline", "ics", "who", "cite", "schema", "validate", "example-overlay", "export"}


def test_every_command_is_either_a_listing_here_or_not_a_listing() -> None:
    from twosessions_cli.app import command_names

    listed = {args[0] for args in LISTINGS}
    assert listed.isdisjoint(NOT_LISTINGS)
    assert listed | NOT_LISTINGS == set(command_names())
