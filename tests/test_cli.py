"""Every command in-process: exit codes, stdout, stderr and JSON shapes."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import Run

from twosessions_cli import __version__

CLI = Callable[..., Run]
NEWS = "000_87442f2a515ba6af.txt"


def test_version(cli: CLI) -> None:
    result = cli("--version")
    assert (result.exit_code, result.stdout) == (0, f"twosessions {__version__}\n")


def test_no_arguments_prints_help_with_examples(cli: CLI) -> None:
    result = cli()
    assert result.exit_code == 0
    assert "twosessions explain cppcc" in result.stdout
    assert "Exit codes" in result.stdout


@pytest.mark.parametrize(
    "command", ["dates", "explain", "stats", "agenda", "who", "search", "sources"]
)
def test_every_command_has_help_with_an_example(cli: CLI, command: str) -> None:
    for flag in ("--help", "-h"):
        result = cli(command, flag)
        assert result.exit_code == 0
        assert f"twosessions {command}" in result.stdout.split("Examples:")[1]


def test_dates_default_is_latest_year(cli: CLI) -> None:
    result = cli("dates")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].strip() == "Chongqing Two Sessions, 2026"
    cppcc = next(line for line in lines if line.startswith(" CPPCC") or line.startswith("CPPCC"))
    assert "2026-01-27" in cppcc
    assert "2026-01-31" in cppcc
    assert "Year inferred" in result.stdout


def test_dates_json_shape(cli: CLI) -> None:
    data = cli("dates", "--json").json()
    assert data["year"] == 2026
    assert [(s["body"], s["opens"], s["closes"], s["days"]) for s in data["sessions"]] == [
        ("cppcc", "2026-01-27", "2026-01-31", 5),
        ("congress", "2026-01-28", "2026-02-01", 5),
    ]
    first = data["sessions"][0]
    assert first["source"][0] == {"file": NEWS, "paragraph": 1}
    assert first["inferred"]["what"] == "year"
    assert first["origin"] == "bundled"
    assert first["body_name"] == "Chongqing Municipal Committee of the CPPCC"


def test_dates_all_lists_every_year(cli: CLI) -> None:
    data = cli("dates", "--all", "--json").json()
    assert data["year"] is None
    assert [s["year"] for s in data["sessions"]] == [2020, 2026, 2026]


def test_dates_year_and_all_together_is_a_usage_error(cli: CLI) -> None:
    result = cli("dates", "2026", "--all")
    assert result.exit_code == 2
    assert result.stderr == "twosessions: error: give a YEAR or --all, not both\n"


def test_dates_of_a_year_without_data(cli: CLI) -> None:
    result = cli("dates", "2024")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "twosessions: error: no sessions recorded for 2024; years with sessions: 2020, 2026\n"
    )


@pytest.mark.parametrize("year", ["twenty", "20266", "26", "２０２６"])
def test_malformed_year_is_a_usage_error(cli: CLI, year: str) -> None:
    result = cli("dates", year)
    assert result.exit_code == 2
    assert result.stderr.startswith("twosessions: error: invalid year")
    assert "expected four digits" in result.stderr
    assert result.stderr.count("\n") == 1


def test_unknown_option_is_one_line_usage_error(cli: CLI) -> None:
    result = cli("dates", "--jsn")
    assert result.exit_code == 2
    assert result.stderr.startswith("twosessions: error: No such option: --jsn")
    assert "Try 'twosessions dates --help'." in result.stderr
    assert result.stderr.count("\n") == 1


def test_unknown_command(cli: CLI) -> None:
    result = cli("datez")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "datez" in result.stderr


def test_explain_panel_has_chinese_name_and_sources(cli: CLI) -> None:
    result = cli("explain", "政协")
    assert result.exit_code == 0
    assert "Chongqing Municipal Committee of the CPPCC · 重庆市政协" in result.stdout
    assert "Sources: 002 ¶11; 000 ¶1,2,3,5,6" in result.stdout


def test_explain_lists_topics(cli: CLI) -> None:
    data = cli("explain", "--json").json()
    assert "cppcc" in [t["id"] for t in data["topics"]]


def test_explain_json(cli: CLI) -> None:
    topic = cli("explain", "人大", "--json").json()["topic"]
    assert topic["id"] == "peoples-congress"
    assert topic["chinese"] == "重庆市人民代表大会"
    assert "npc" in topic["related"]


def test_explain_unknown_topic_suggests(cli: CLI) -> None:
    result = cli("explain", "cpcc")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "twosessions: error: no topic called 'cpcc'; did you mean 'cppcc'?\n"


def test_stats_2025_table(cli: CLI) -> None:
    result = cli("stats", "2025")
    assert result.exit_code == 0
    proposals = next(line for line in result.stdout.splitlines() if "Proposals handled" in line)
    assert "1,385" in proposals
    assert "CPPCC committee" in proposals
    assert "A lower bound" in result.stdout


def test_stats_json_keeps_body_and_qualifier(cli: CLI) -> None:
    data = cli("stats", "2025", "--json").json()
    figures = {f["id"]: f for f in data["figures"]}
    assert figures["2025-proposals-handled"]["value"] == 1385
    assert figures["2025-proposals-handled"]["body"] == "cppcc"
    assert figures["2025-foreign-delegates"]["qualifier"] == "over"
    assert figures["2025-deputies-homes"]["body_name"] == "Chongqing Municipal People's Congress"


def test_stats_year_without_figures_names_years_with_some(cli: CLI) -> None:
    result = cli("stats", "2026")
    assert result.exit_code == 1
    assert (
        result.stderr
        == "twosessions: error: no figures recorded for 2026; years with figures: 2025\n"
    )


def test_stats_requires_a_year(cli: CLI) -> None:
    result = cli("stats")
    assert result.exit_code == 2
    assert "YEAR" in result.stderr


def test_agenda_counts(cli: CLI) -> None:
    data = cli("agenda", "--json").json()
    assert data["year"] == 2026
    assert [(a["body"], a["count"]) for a in data["agenda"]] == [("cppcc", 8), ("congress", 10)]
    assert "8 major items" in cli("agenda").stdout


def test_agenda_2020_has_no_count(cli: CLI) -> None:
    data = cli("agenda", "2020", "--json").json()
    assert [a["count"] for a in data["agenda"]] == [None]


def test_who_filters(cli: CLI) -> None:
    data = cli("who", "bin", "--json").json()
    assert [p["name"] for p in data["people"]] == ["Zhang Bin"]
    result = cli("who", "nobody")
    assert result.exit_code == 1
    assert "people in the data: Zhang Xiaofei, Zhang Bin, Tang Liangzhi" in result.stderr


def test_search_says_where(cli: CLI) -> None:
    data = cli("search", "yunyang", "--json").json()
    assert {(h["kind"], h["id"], h["field"]) for h in data["hits"]} == {
        ("topics", "rural-revitalisation", "summary"),
        ("people", "zhang-xiaofei", "statement"),
    }
    assert data["query"] == "yunyang"
    chinese = cli("search", "提案", "--json").json()
    assert [h["id"] for h in chinese["hits"]] == ["proposals"]


def test_search_without_hits(cli: CLI) -> None:
    result = cli("search", "zzzz")
    assert result.exit_code == 1
    assert result.stderr.startswith("twosessions: error: nothing matches 'zzzz'")


def test_sources_counts_facts(cli: CLI) -> None:
    data = cli("sources", "--json").json()
    assert [s["id"] for s in data["sources"]] == [NEWS, "002_daf29c6fabd4bbfb.txt"]
    assert all(isinstance(s["facts"], int) and s["facts"] > 0 for s in data["sources"])
    assert "Date inferred" in cli("sources").stdout


@pytest.mark.parametrize(
    "args",
    [
        ("dates",),
        ("dates", "--all"),
        ("explain",),
        ("explain", "cppcc"),
        ("stats", "2025"),
        ("agenda",),
        ("who",),
        ("search", "congress"),
        ("sources",),
    ],
)
def test_json_output_is_one_document_identical_whatever_the_terminal(
    cli: CLI, args: tuple[str, ...]
) -> None:
    plain = cli(*args, "--json")
    assert plain.exit_code == 0
    assert plain.stderr == ""
    plain.json()
    for env in ({"COLUMNS": "20"}, {"COLUMNS": "250", "FORCE_COLOR": "1"}, {"TERM": "dumb"}):
        assert cli(*args, "--json", env=env).stdout == plain.stdout


@pytest.mark.parametrize("columns", [40, 80, 200])
def test_tables_fit_the_terminal_width(cli: CLI, columns: int) -> None:
    for args in (("dates", "--all"), ("stats", "2025"), ("explain", "cppcc"), ("who",)):
        result = cli(*args, env={"COLUMNS": str(columns)})
        assert result.exit_code == 0
        assert max(len(line) for line in result.stdout.splitlines()) <= columns


def test_no_escape_codes_when_not_a_terminal(cli: CLI) -> None:
    result = cli("dates", env={"NO_COLOR": ""})
    assert "\x1b" not in result.stdout


def test_search_limit_applies_to_the_table_only(cli: CLI) -> None:
    table = cli("search", "the", "--limit", "2")
    assert table.exit_code == 0
    assert "(first 2; --limit 0 shows all)" in table.stdout
    data = cli("search", "the", "--limit", "2", "--json").json()
    assert data["total"] == len(data["hits"]) > 2
    assert cli("search", "the", "--limit", "-1").exit_code == 2
