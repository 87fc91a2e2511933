"""Figures as series (``trend``): gaps shown, one measure one series, counts in the list, one
year not drawn as a trend, one 'Sources:' line (issue 20)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from conftest import Run

from twosessions_cli import series
from twosessions_cli.store import Facts

CLI = Callable[..., Run]
TERMINAL = {"TTY_COMPATIBLE": "1", "TERM": "xterm", "COLUMNS": "100"}
ESCAPES = re.compile(r"\x1b\[[0-9;]*m")


def test_missing_years_are_the_gaps_between_the_first_and_last(facts: Facts) -> None:
    (target,) = series.trends_matching(facts, "gdp-growth-target")
    assert target.years[0] == 2013
    assert 2020 in target.missing_years
    assert set(target.years).isdisjoint(target.missing_years)
    assert len(target.years) + len(target.missing_years) == target.years[-1] - 2013 + 1


def test_year_runs_close_up() -> None:
    assert series.year_runs([2014, 2015, 2020, 2025]) == [(2014, 2015), (2020, 2020), (2025, 2025)]
    assert series.year_runs([]) == []


@pytest.mark.parametrize("env", [{}, TERMINAL], ids=["piped", "terminal"])
def test_a_missing_year_is_a_gap_row(cli: CLI, env: dict[str, str]) -> None:
    # Issue 20: 2019 was drawn next to 2021 with no sign that 2020 is missing.
    result = cli("trend", "gdp-growth-target", env=env)
    assert result.exit_code == 0, result.stderr
    lines = ESCAPES.sub("", result.stdout).splitlines()
    at_2019 = next(n for n, line in enumerate(lines) if line.strip().startswith("2019"))
    assert re.fullmatch(r"\s*2020\s+\(?not in the data\)?\s*", lines[at_2019 + 1])
    assert lines[at_2019 + 2].strip().startswith("2021")
    data = cli("trend", "gdp-growth-target", "--json").json()
    assert 2020 in data["series"][0]["missing_years"]


def test_one_measure_is_one_series_whatever_its_wording(cli: CLI) -> None:
    # Issue 20: 'Regional GDP' (2024) and 'Chongqing GDP' (2025) were one measure unlinked.
    data = cli("trend", "gdp", "--json").json()
    (gdp,) = [s for s in data["series"] if s["id"] == "gdp"]
    assert [(p["year"], p["label"], p["value"]) for p in gdp["points"]] == [
        (2024, "Regional GDP", 32193.15),
        (2025, "Chongqing GDP", 33757.93),
    ]
    assert gdp["unit"] == "hundred million yuan"
    shown = cli("trend", "gdp", env={"COLUMNS": "200"}).stdout
    assert "gdp: the sources call it 'Regional GDP' (2024), 'Chongqing GDP' (2025)." in shown


def test_the_list_says_how_many_years_each_series_has(cli: CLI) -> None:
    names = cli("trend", "--json").json()["figures"]
    shown = cli("trend", env={"COLUMNS": "200"}).stdout
    assert " Years " in shown.splitlines()[2]
    for one in names:
        years = one["years"]
        row = next(line for line in shown.splitlines() if line.startswith(f" {one['id']} "))
        assert re.search(rf"\s{len(years)}\s+{years[0]}-{years[-1]}\s*$", row), row


@pytest.mark.parametrize("env", [{}, TERMINAL], ids=["piped", "terminal"])
def test_a_single_year_series_is_not_drawn_as_a_trend(cli: CLI, env: dict[str, str]) -> None:
    result = cli("trend", "attendance", env=env)
    assert result.exit_code == 0, result.stderr
    shown = ESCAPES.sub("", result.stdout)
    assert "One year only, 2019: 851 (cri-20190131 ¶11); not a trend." in shown
    assert "One year only, 2019: 804 (cri-20190131 ¶11); not a trend." in shown
    assert not re.search(r"^\s*2019\s", shown, flags=re.M), "no one-row table or bar for 2019"


@pytest.mark.parametrize("args", [["trend", "attendance"], ["trend", "gdp", "--level", "all"]])
def test_never_two_sources_lines(cli: CLI, args: list[str]) -> None:
    result = cli(*args, env=TERMINAL)
    assert result.exit_code == 0, result.stderr
    shown = ESCAPES.sub("", result.stdout)
    assert len(re.findall(r"^Sources:", shown, flags=re.M)) == 1


def test_levels_stay_apart(cli: CLI) -> None:
    data = cli("trend", "gdp-growth", "--level", "all", "--json").json()
    bodies = {s["body"] for s in data["series"] if s["id"] == "gdp-growth"}
    assert "government" in bodies
    assert len([s for s in data["series"] if s["id"] == "gdp-growth"]) >= 2


def test_csv_and_markdown_show_a_missing_year_as_a_row_too(cli: CLI) -> None:
    # The table and the chart showed 2020 as a gap; CSV and Markdown skipped it silently.
    import csv
    import io

    rows = list(
        csv.DictReader(io.StringIO(cli("trend", "gdp-growth-target", "--format", "csv").stdout))
    )
    by_year = {int(r["Year"]): r for r in rows}
    assert (by_year[2020]["State"], by_year[2020]["Value"], by_year[2020]["Figure id"]) == (
        "not in the data",
        "",
        "",
    )
    assert by_year[2021]["State"] == "in the data"
    assert [int(r["Year"]) for r in rows] == sorted(by_year)
    markdown = cli("trend", "gdp-growth-target", "--format", "markdown").stdout
    assert "| gdp-growth-target | 2020 | not in the data |" in markdown
