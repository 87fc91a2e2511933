"""twosessions cite: a ready citation of a figure, a session or a statement, in three styles."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import Run

CLI = Callable[..., Run]
NEWS_ADDRESS = (
    "https://www.ichongqing.info/2026/01/25/chongqing-two-sessions-to-open-on-jan-27-"
    "spotlighting-modern-city-governance-and-people-centered-development/amp"
)


def test_a_figure_in_plain_text(cli: CLI) -> None:
    result = cli("cite", "2025-proposals-handled")
    assert result.exit_code == 0
    assert result.stdout == (
        "CPPCC proposals handled, 2025: 1,385 proposals\n"
        f"Source: iChongqing, untitled page, 25 January 2026, {NEWS_ADDRESS}, paragraph 6.\n"
        "(twosessions 2025-proposals-handled)\n"
    )


def test_a_statement_in_markdown(cli: CLI) -> None:
    result = cli("cite", "cppcc.p4.s1", "--style", "markdown")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("> Zhang reported that 1,385 proposals were dealt with")
    assert lines[2] == (
        f"— [iChongqing, untitled page]({NEWS_ADDRESS}), 25 January 2026, paragraph 6."
    )


def test_a_session_in_bibtex(cli: CLI) -> None:
    result = cli("cite", "2026-congress", "--style", "bibtex")
    assert result.exit_code == 0
    entries = result.stdout.split("\n\n")
    first = entries[0]
    assert first.startswith("@online{icq-20260125,\n")
    assert "  author = {{iChongqing}},\n" in first
    assert "  title = {Untitled page},\n" in first
    assert "  date = {2026-01-25},\n" in first
    assert f"  url = {{{NEWS_ADDRESS}}},\n" in first
    assert "  langid = {english},\n" in first
    assert "cited for 2026-congress (twosessions)" in first
    assert result.stdout.count("@online{") == len(entries) >= 2  # one entry per cited page
    assert result.stdout.count("{") == result.stdout.count("}")  # braces balance


def test_an_inferred_date_gives_its_reason(cli: CLI) -> None:
    out = cli("cite", "2026-cppcc.closes").stdout
    assert out.startswith("2026-cppcc.closes: 2026-01-31 (scheduled)\n")
    assert "\nInferred: The report prints the day and month only" in out


def test_general_knowledge_has_nothing_to_cite(cli: CLI) -> None:
    out = cli("cite", "cppcc.p2.s5").stdout
    assert "General knowledge, not from the sources: there is no page to cite." in out
    bibtex = cli("cite", "cppcc.p2.s5", "--style", "bibtex").stdout
    assert bibtex.startswith("% cppcc.p2.s5: General knowledge")


def test_cite_json_carries_the_address(cli: CLI) -> None:
    data = cli("cite", "2025-proposals-handled", "--json").json()
    assert data == {
        "id": "2025-proposals-handled",
        "kind": "figures",
        "what": "CPPCC proposals handled, 2025: 1,385 proposals",
        "basis": "source",
        "reason": None,
        "sources": [
            {
                "source": "icq-20260125",
                "paragraphs": [6],
                "address": NEWS_ADDRESS,
                "citation": (
                    f"iChongqing, untitled page, 25 January 2026, {NEWS_ADDRESS}, paragraph 6"
                ),
            }
        ],
    }


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["nope"], 1, "no record or statement called 'nope'"),
        (["cppcc.p99.s1"], 1, "no record or statement called 'cppcc.p99.s1'"),
        (["cppcc", "--style", "apa"], 2, "'apa' is not one of"),
    ],
)
def test_cite_errors(cli: CLI, args: list[str], code: int, message: str) -> None:
    result = cli("cite", *args)
    assert result.exit_code == code
    assert result.stdout == ""
    assert message in result.stderr
