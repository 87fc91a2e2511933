"""Targets against outcomes: the written rules, and the answers they give on the bundled data."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import Run

from twosessions_cli.records import Figure, SourceRef
from twosessions_cli.store import Facts
from twosessions_cli.targets import RULES, judge, measure_named, targets_against_outcomes

CLI = Callable[..., Run]

CITE = [SourceRef(source="icq-20260125", paragraph=1)]


def figure(value: float | None, qualifier: str | None = None, upper: float | None = None) -> Figure:
    return Figure(
        id="x",
        year=2024,
        label="GDP growth target",
        value=value,
        upper=upper,
        unit="%",
        qualifier=qualifier,
        body="government",
        source=CITE,
    )


@pytest.mark.parametrize(
    ("target", "outcome", "expected"),
    [
        # 'about 6%' against 6.1%: met; against 5.7%: missed, by 0.3 points.
        (figure(6, "about"), figure(6.1), ("met", 0.1, "about")),
        (figure(6, "about"), figure(5.7), ("missed", -0.3, "about")),
        (figure(5, "around"), figure(5.0), ("met", 0.0, "about")),
        # 'above 6%' is a strict bound: exactly 6.0% does not meet it.
        (figure(6, "above"), figure(6.0), ("missed", 0.0, "above")),
        (figure(6, "more than"), figure(6.1), ("met", 0.1, "above")),
        # A range is met from its lower end up.
        (figure(6, upper=6.5), figure(6.1), ("met", 0.1, "range")),
        (figure(6.5, upper=7), figure(6.4), ("missed", -0.1, "range")),
        (figure(8.5), figure(6.0), ("missed", -2.5, "point")),
        (figure(None, "no target"), figure(2.3), ("not comparable", None, "no target")),
        (figure(5, "over"), None, ("not comparable", None, "no outcome")),
    ],
)
def test_each_kind_of_target_has_its_rule(
    target: Figure, outcome: Figure | None, expected: tuple[str, float | None, str]
) -> None:
    assert judge(target, outcome) == expected
    assert expected[2] in RULES


def test_a_measure_is_found_by_its_name_or_a_word_of_it(all_facts: Facts) -> None:
    assert measure_named(all_facts, "gdp-growth") == "gdp-growth"
    assert measure_named(all_facts, "gdp-growth-target") == "gdp-growth"
    assert measure_named(all_facts, "gdp") == "gdp-growth"


def test_enough_years_to_compare_at_both_levels(all_facts: Facts) -> None:
    rows = targets_against_outcomes(all_facts, "gdp-growth")
    judged = [r for r in rows if r.verdict != "not comparable"]
    assert len({r.year for r in judged if r.level == "national"}) >= 10
    assert len({r.year for r in judged if r.level == "municipal"}) >= 6
    # Never a municipal target against a national outcome, or the reverse.
    for row in judged:
        assert row.outcome is not None
        assert all_facts.level_of(row.target.body) == all_facts.level_of(row.outcome.body)
        assert all_facts.level_of(row.target.body) == row.level


def test_chongqing_2024_missed_its_about_6_percent(cli: CLI) -> None:
    data = cli("targets", "--json").json()
    assert data["measure"] == "gdp-growth"
    by_year = {y["year"]: y for y in data["years"]}
    assert {y["level"] for y in data["years"]} == {"municipal"}
    year = by_year[2024]
    assert (year["target"]["qualifier"], year["target"]["value"]) == ("about", 6)
    assert year["outcome"]["value"] == 5.7
    assert (year["gap"], year["verdict"], year["rule"]) == (-0.3, "missed", "about")
    assert year["target"]["source"][0]["address"].startswith("http")


def test_level_all_puts_both_levels_year_by_year(cli: CLI) -> None:
    data = cli("targets", "--level", "all", "--json").json()
    levels_2013 = [y["level"] for y in data["years"] if y["year"] == 2013]
    assert levels_2013 == ["municipal", "national"]
    table = cli("targets", "--level", "all", env={"COLUMNS": "140"}).stdout
    assert " Level " in table
    assert "Rule 'range': a range X-Y is met when the outcome reaches its lower end X." in table


def test_targets_of_an_unknown_measure_say_which_exist(cli: CLI) -> None:
    result = cli("targets", "parking")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith("twosessions: error: no targets for 'parking'; figures with")
    assert "gdp-growth" in result.stderr


def test_targets_as_csv_has_a_row_per_year(cli: CLI) -> None:
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(cli("targets", "--format", "csv").stdout)))
    row = next(r for r in rows if r["Year"] == "2018")
    typed = [row[c] for c in ("Target", "Outcome", "Unit", "Gap", "Gap unit", "Verdict", "Rule")]
    assert typed == ["8.5", "6.0", "%", "-2.5", "percentage points", "missed", "point"]
    assert len(rows) == len({r["Year"] for r in rows})


@pytest.mark.parametrize("level", ["chongqing", "all"])
def test_targets_fit_a_100_column_terminal_as_one_table(cli: CLI, level: str) -> None:
    # Stacked blocks of eight lines a year buried the comparison at 100 columns.
    shown = cli("targets", "--level", level, env={"COLUMNS": "100"}).stdout
    assert " Year " in shown
    assert "  Verdict:" not in shown
    assert "2024  Chongqing" in shown or level == "chongqing"
    assert "missed (about)" in shown
    assert "Gap: the outcome minus the target, in percentage points." in shown
