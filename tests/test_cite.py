"""twosessions cite: sentences to paste, Markdown, BibTeX and CSL-JSON, for one fact or several.

The BibTeX is read back by a real BibTeX parser (bibtexparser) and the CSL-JSON is rendered by a
real CSL processor (citeproc-py), as a reference manager would import them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from conftest import Run

CLI = Callable[..., Run]
NEWS_ADDRESS = (
    "https://www.ichongqing.info/2026/01/25/chongqing-two-sessions-to-open-on-jan-27-"
    "spotlighting-modern-city-governance-and-people-centered-development/amp"
)
PAPER_ADDRESS = "https://epaper.cqrb.cn/cqrb/2026-01/28/002/content_rb_355940.htm"
#: 2026-02-10 00:00 UTC: the day a repeatable citation says it was made.
EPOCH = {"SOURCE_DATE_EPOCH": "1770681600"}


def test_a_session_is_one_sentence_naming_each_page(cli: CLI) -> None:
    result = cli("cite", "2026-cppcc")
    assert result.exit_code == 0
    assert result.stdout == (
        "The 2026 session of the Chongqing Municipal Committee of the CPPCC opened on "
        "27 January 2026 and was scheduled to close on 31 January; both dates are inferred "
        "from the pages cited (Chongqing Daily, '以盛会聚共识 以实干开新局', 28 January 2026, "
        f"paragraphs 2, 7, 13, 21, {PAPER_ADDRESS}; iChongqing, 25 January 2026, "
        f"paragraphs 1-2, {NEWS_ADDRESS}).\n"
    )


def test_announced_dates_are_worded_as_scheduled(cli: CLI) -> None:
    # The opening is held (the work report is dated that day); the closing only announced.
    out = cli("cite", "2026-congress").stdout
    assert out.startswith(
        "The 2026 session of the Chongqing Municipal People's Congress opened on 28 January 2026 "
        "and was scheduled to close on 1 February; both dates are inferred from the pages cited "
        "(iChongqing, 25 January 2026, paragraph 1, "
    )


def test_a_session_part_is_a_sentence_and_its_reason_only_with_why(cli: CLI) -> None:
    plain = cli("cite", "2026-cppcc.opens").stdout
    assert plain.splitlines() == [
        "The 2026 session of the Chongqing Municipal Committee of the CPPCC opened on "
        "27 January 2026 (inferred from Chongqing Daily, '以盛会聚共识 以实干开新局', "
        f"28 January 2026, paragraphs 2, 7, 13, 21, {PAPER_ADDRESS}; iChongqing, "
        f"25 January 2026, paragraph 1, {NEWS_ADDRESS})."
    ]
    why = cli("cite", "2026-cppcc.opens", "--why").stdout.splitlines()
    assert why[0] == plain.rstrip("\n")
    assert len(why) == 2
    assert why[1].startswith("  Inferred: The official e-paper issue dated 28 January 2026")


def test_why_names_each_inferred_date(cli: CLI) -> None:
    lines = cli("cite", "2026-cppcc", "--why").stdout.splitlines()
    assert [line.split(":", 1)[0] for line in lines[1:]] == [
        "  The opening date is inferred",
        "  The closing date is inferred",
    ]


@pytest.mark.parametrize(
    ("record_id", "start"),
    [
        ("2025-gdp-growth", "GDP growth for 2025 stood at 5.3% (Chongqing Municipal People's"),
        (
            "2025-proposals-handled",
            "CPPCC proposals handled for 2025 stood at 1,385 proposals (iChongqing, "
            "25 January 2026, paragraph 6, ",
        ),
        (
            "2026-gdp-growth-target",
            "GDP growth target for 2026 stood at over 5%; the session is inferred from the "
            "pages cited (iChongqing, date unknown, paragraph 1,",
        ),
        (
            "2026-cppcc-agenda",
            "The 2026 session of the Chongqing Municipal Committee of the CPPCC had 8 major "
            "items on its agenda; the year is inferred from the pages cited (",
        ),
        (
            "tang-liangzhi",
            "Tang Liangzhi (唐良智) was Mayor of Chongqing at the 2021 sessions (iChongqing, ",
        ),
        (
            "cheng-lihua",
            "Cheng Lihua (程丽华) reported for the CPPCC committee's Standing Committee at the "
            "2025 sessions (",
        ),
        (
            "2026-cppcc.numbered",
            "The 2026 session of the Chongqing Municipal Committee of the CPPCC was the 4th "
            "session of the 6th term (iChongqing, 25 January 2026, paragraph 1, ",
        ),
        ("cppcc.p2.s5", "CPPCC members are not elected by voters;"),
        (
            "2026-cppcc.length",
            "The 2026 session of the Chongqing Municipal Committee of the CPPCC: its length was "
            "given in advance as four and a half days (iChongqing, 25 January 2026, paragraph 2, ",
        ),
        (
            "2019-cppcc.chinese",
            "The 2019 session of the Chongqing Municipal Committee of the CPPCC is called "
            "政协重庆市第五届委员会第二次会议 in Chinese (China.org.cn, 21 January 2019, ",
        ),
        (
            "2020-two-sessions.venue",
            "The 2020 session of the Chongqing Two Sessions (both bodies) sat at Chongqing Great "
            "Hall of the People",
        ),
    ],
)
def test_each_kind_of_fact_is_a_sentence(cli: CLI, record_id: str, start: str) -> None:
    out = cli("cite", record_id).stdout
    assert out.startswith(start)
    assert out.endswith(").\n")
    assert record_id not in out  # no internal id in the text
    assert "twosessions" not in out


def test_a_person_cites_the_page_that_shows_the_year(cli: CLI) -> None:
    # The record's own citation is a January 2020 guide; the 2021 sessions' page is cited too.
    out = cli("cite", "tang-liangzhi").stdout
    assert "'A Foreigners Guide to the Chongqing Two Sessions', 15 January 2020" in out
    assert "21 January 2021" in out


def test_numbers_are_written_as_the_tables_write_them(cli: CLI) -> None:
    out = cli("cite", "2025-gdp-growth").stdout
    assert "5.3%" in out
    assert "5.3 %" not in out


def test_general_knowledge_says_so_and_has_no_bibtex_entry(cli: CLI) -> None:
    out = cli("cite", "cppcc.p2.s5").stdout
    assert out.endswith("(general knowledge, not from the sources).\n")
    bibtex = cli("cite", "cppcc.p2.s5", "--style", "bibtex").stdout
    assert bibtex.startswith("% No page to cite: CPPCC members are not elected by voters;")
    assert "@" not in bibtex


def test_an_inference_with_no_page_says_so(cli: CLI) -> None:
    lines = cli("cite", "2022-cppcc", "--why").stdout.splitlines()
    assert lines[0] == (
        "The 2022 session of the Chongqing Municipal Committee of the CPPCC was the 5th session "
        "of the 5th term (inferred; no page says it outright)."
    )
    assert lines[1].startswith("  Inferred: The committee's January 2018 session was")


def test_several_ids_give_one_sentence_a_line(cli: CLI) -> None:
    out = cli("cite", "2025-gdp-growth", "2026-cppcc", "2025-gdp-growth").stdout
    lines = out.splitlines()
    assert len(lines) == 2  # an id given twice is cited once
    assert lines[0].startswith("GDP growth for 2025")
    assert lines[1].startswith("The 2026 session of the Chongqing Municipal Committee")


# --------------------------------------------------------------------------------------------
# Markdown, read by a Markdown parser
# --------------------------------------------------------------------------------------------


def _markdown_tokens(text: str) -> list[Any]:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").parse(text)


def test_markdown_is_a_list_one_fact_an_item_with_links(cli: CLI) -> None:
    out = cli("cite", "2026-cppcc", "2025-proposals-handled", "--style", "markdown").stdout
    tokens = _markdown_tokens(out)
    items = [t for t in tokens if t.type == "list_item_open"]
    assert len(items) == 2
    links = [
        child.attrs["href"]
        for t in tokens
        if t.type == "inline"
        for child in t.children or []
        if child.type == "link_open"
    ]
    assert links == [PAPER_ADDRESS, NEWS_ADDRESS, NEWS_ADDRESS]
    texts = [t.content for t in tokens if t.type == "inline"]
    assert texts[1] == (
        f"CPPCC proposals handled for 2025 stood at 1,385 proposals ([iChongqing, "
        f"25 January 2026]({NEWS_ADDRESS}), paragraph 6)."
    )


def test_markdown_reasons_are_items_below_their_fact(cli: CLI) -> None:
    out = cli("cite", "2026-cppcc", "--style", "markdown", "--why").stdout
    tokens = _markdown_tokens(out)
    nested = [t for t in tokens if t.type == "list_item_open" and t.level > 1]
    assert len(nested) == 2


def test_markdown_text_from_data_stays_text() -> None:
    from twosessions_cli.render.bibliography import _markdown

    tokens = _markdown_tokens("- " + _markdown("1. *not* [a](link) `code` <b> #tag | x_y_z"))
    inline = next(t for t in tokens if t.type == "inline")
    assert [c.type for c in inline.children or []] == ["text"]
    assert inline.children[0].content == "1. *not* [a](link) `code` <b> #tag | x_y_z"
    assert [t.type for t in tokens].count("list_item_open") == 1


def test_format_markdown_is_the_markdown_style(cli: CLI) -> None:
    by_format = cli("cite", "2026-cppcc", "--format", "markdown")
    assert by_format.exit_code == 0
    assert by_format.stdout == cli("cite", "2026-cppcc", "--style", "markdown").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--format", "csv"],
            "cite writes no csv: use --style plain, markdown, bibtex or csl-json, or --json",
        ),
        (
            ["--format", "markdown", "--style", "bibtex"],
            "--format markdown and --style bibtex ask for different outputs; give one",
        ),
        (["--json", "--style", "csl-json"], "--format json and --style csl-json ask for"),
    ],
)
def test_formats_cite_cannot_write_say_what_would_work(
    cli: CLI, args: list[str], message: str
) -> None:
    result = cli("cite", "2026-cppcc", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert "use --format json here" not in result.stderr


# --------------------------------------------------------------------------------------------
# BibTeX, read back by bibtexparser
# --------------------------------------------------------------------------------------------


def _bibtex(text: str) -> Any:
    import bibtexparser

    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []  # a clashing key would be a DuplicateBlockKeyBlock
    return library


def test_two_facts_from_one_page_get_two_keys(cli: CLI) -> None:
    two = ("2025-proposals-handled", "2026-congress.closes")
    result = cli("cite", *two, "--style", "bibtex", env=EPOCH)
    assert result.exit_code == 0
    entries = _bibtex(result.stdout).entries
    keys = [e.key for e in entries]
    assert keys == ["icq-20260125:2025-proposals-handled", "icq-20260125:2026-congress.closes"]
    for entry in entries:
        fields = {f.key: f.value for f in entry.fields}
        assert entry.entry_type == "online"
        assert fields["url"] == NEWS_ADDRESS
        assert fields["urldate"] == "2026-02-10"
        assert fields["date"] == "2026-01-25"
        assert fields["langid"] == "english"
        assert fields["author"] == "{iChongqing}"
        assert fields["title"] == "{Untitled page}"
    notes = [{f.key: f.value for f in e.fields}["note"] for e in entries]
    assert notes == ["Paragraph 6", "Paragraph 1"]


def test_bibtex_keeps_the_chinese_title_in_braces(cli: CLI) -> None:
    out = cli("cite", "2026-cppcc", "--style", "bibtex", env=EPOCH).stdout
    entries = _bibtex(out).entries
    paper = next(e for e in entries if e.key == "cqrb-20260128:2026-cppcc")
    fields = {f.key: f.value for f in paper.fields}
    assert fields["title"] == "{以盛会聚共识 以实干开新局}"
    assert fields["langid"] == "chinese"
    assert fields["url"] == PAPER_ADDRESS
    assert fields["note"] == "Paragraphs 2, 7, 13, 21"
    assert fields["annotation"].startswith("The 2026 session of the Chongqing Municipal")
    assert len({e.key for e in entries}) == len(entries) == 2


def test_bibtex_escapes_what_latex_would_run(cli: CLI) -> None:
    from twosessions_cli.render.bibliography import _bib

    assert _bib("50% & #1 {x} a_b $5 ~ ^ \\") == (
        r"50\% \& \#1 \{x\} a\_b \$5 \~{} \^{} \textbackslash{}"
    )


@pytest.mark.installed
def test_installed_bibtex_is_utf8_under_the_c_locale(tmp_path: Any) -> None:
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = Path(sys.executable).with_name("twosessions")
    env = {k: v for k, v in os.environ.items() if k != "TWOSESSIONS_DATA"}
    env.update({"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "", **EPOCH})
    result = subprocess.run(
        [str(script), "cite", "2026-cppcc", "2026-congress", "--style", "bibtex"],
        capture_output=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("utf-8")  # UTF-8 bytes whatever the locale
    assert "title = {{以盛会聚共识 以实干开新局}}" in text
    keys = [e.key for e in _bibtex(text).entries]
    assert keys == [
        "cqrb-20260128:2026-cppcc",
        "icq-20260125:2026-cppcc",
        "icq-20260125:2026-congress",
        "cqgov-20260203:2026-congress",  # the work report's date: the opening held
    ]


def test_bibtex_addresses_cannot_end_their_field() -> None:
    from twosessions_cli.render.bibliography import _bib_url

    assert _bib_url("https://a.example/x{1} y?q=50%") == "https://a.example/x%7B1%7D%20y?q=50%"


# --------------------------------------------------------------------------------------------
# CSL-JSON, rendered by citeproc-py
# --------------------------------------------------------------------------------------------

#: A minimal CSL 1.0 style of our own: author, title, date, address, access date.
STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Test</title><id>test</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout>
      <names variable="author"><name/></names>
      <text variable="title" prefix=", "/>
      <date variable="issued" prefix=", ">
        <date-part name="year"/>
        <date-part name="month" form="numeric-leading-zeros" prefix="-"/>
        <date-part name="day" form="numeric-leading-zeros" prefix="-"/>
      </date>
      <text variable="URL" prefix=", "/>
      <date variable="accessed" prefix=", accessed ">
        <date-part name="year"/>
        <date-part name="month" form="numeric-leading-zeros" prefix="-"/>
        <date-part name="day" form="numeric-leading-zeros" prefix="-"/>
      </date>
      <text variable="note" prefix=", "/>
    </layout>
  </bibliography>
</style>
"""


def _rendered(items: list[dict[str, Any]], tmp_path: Any) -> list[str]:
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    style_file = tmp_path / "test.csl"
    style_file.write_text(STYLE, encoding="utf-8")
    bibliography = CitationStylesBibliography(
        CitationStylesStyle(str(style_file), validate=False), CiteProcJSON(items), formatter.plain
    )
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    return [str(entry) for entry in bibliography.bibliography()]


def test_csl_json_two_facts_from_one_page_import_without_clash(cli: CLI, tmp_path: Any) -> None:
    result = cli("cite", "2025-proposals-handled", "2026-cppcc", "--style", "csl-json", env=EPOCH)
    assert result.exit_code == 0
    items = json.loads(result.stdout)
    ids = [item["id"] for item in items]
    assert ids == [
        "icq-20260125:2025-proposals-handled",
        "cqrb-20260128:2026-cppcc",
        "icq-20260125:2026-cppcc",
    ]
    assert items[1] == {
        "id": "cqrb-20260128:2026-cppcc",
        "type": "webpage",
        "title": "以盛会聚共识 以实干开新局",
        "author": [{"literal": "Chongqing Daily"}],
        "issued": {"date-parts": [[2026, 1, 28]]},
        "URL": PAPER_ADDRESS,
        "accessed": {"date-parts": [[2026, 2, 10]]},
        "language": "zh",
        "note": "Paragraphs 2, 7, 13, 21",
        "annote": items[2]["annote"],
    }
    rendered = _rendered(items, tmp_path)
    assert len(rendered) == 3
    assert (
        f"Chongqing Daily, 以盛会聚共识 以实干开新局, 2026-01-28, {PAPER_ADDRESS}, "
        "accessed 2026-02-10, Paragraphs 2, 7, 13, 21" in rendered
    )
    assert sum(f"iChongqing, Untitled page, 2026-01-25, {NEWS_ADDRESS}" in r for r in rendered) == 2


# --------------------------------------------------------------------------------------------
# JSON: complete, reasons and every source of the record
# --------------------------------------------------------------------------------------------


def test_cite_json_carries_sentence_sources_and_reasons(cli: CLI) -> None:
    data = cli("cite", "2026-cppcc.closes", "--json").json()
    assert data["id"] == "2026-cppcc.closes"
    assert data["sentence"].startswith(
        "The 2026 session of the Chongqing Municipal Committee of the CPPCC was scheduled to "
        "close on 31 January 2026 (inferred from iChongqing, 25 January 2026, paragraph 2, "
    )
    assert data["basis"] == "inferred"
    assert data["reason"].startswith("The report prints the day and month only")
    assert data["inferred"] == [{"what": None, "reason": data["reason"]}]
    assert data["sources"] == [
        {
            "source": "icq-20260125",
            "paragraphs": [2],
            "address": NEWS_ADDRESS,
            "citation": (
                f"iChongqing, untitled page, 25 January 2026, {NEWS_ADDRESS}, paragraph 2"
            ),
        }
    ]


def test_cite_json_of_a_record_keeps_all_its_sources(cli: CLI) -> None:
    data = cli("cite", "2026-cppcc", "--json").json()
    assert [s["source"] for s in data["sources"]] == ["icq-20260125", "cqrb-20260128"]
    assert [i["what"] for i in data["inferred"]] == ["The opening date", "The closing date"]


def test_cite_json_of_several_ids_is_a_list(cli: CLI) -> None:
    data = cli("cite", "2025-gdp-growth", "2026-cppcc", "--json").json()
    assert [d["id"] for d in data] == ["2025-gdp-growth", "2026-cppcc"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["nope"], 1, "no record or statement called 'nope'"),
        (["2026-cppcc", "nope"], 1, "no record or statement called 'nope'"),
        (["cppcc.p99.s1"], 1, "no record or statement called 'cppcc.p99.s1'"),
        (["cppcc", "--style", "apa"], 2, "'apa' is not one of"),
        ([], 2, "Missing argument 'ID'"),
    ],
)
def test_cite_errors(cli: CLI, args: list[str], code: int, message: str) -> None:
    result = cli("cite", *args)
    assert result.exit_code == code
    assert result.stdout == ""
    assert message in result.stderr


def test_an_id_finds_its_record_at_either_level(cli: CLI) -> None:
    # An id names one record: cite needs no --level for the national sessions' ids.
    national = cli("cite", "2020-npc", "2026-cppcc")
    assert national.exit_code == 0, national.stderr
    first, second = national.stdout.splitlines()
    assert first.startswith("The 2020 session of the National People's Congress opened on 22 May")
    assert second.startswith("The 2026 session of the Chongqing Municipal Committee of the CPPCC")
    # --level still narrows what it finds, when given.
    narrowed = cli("cite", "2020-npc", "--level", "chongqing")
    assert narrowed.exit_code == 1
    assert narrowed.stderr.startswith(
        "twosessions: error: no record or statement called '2020-npc'"
    )
