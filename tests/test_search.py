"""Search in Chinese: traditional forms, and Chinese terms that find English-only figures and
agenda items through the topic they name (issue 20)."""

from __future__ import annotations

from collections.abc import Callable

from conftest import Run

from twosessions_cli import search
from twosessions_cli.store import Facts

CLI = Callable[..., Run]


def test_tian_finds_the_proposal_figures_and_agenda_items(facts: Facts) -> None:
    hits = search.search(facts, "提案")
    figures = {h.id for h in hits if h.kind == "figures"}
    proposal_figures = {
        f.id for f in facts.figures if f.series and f.series.startswith("cppcc-proposals")
    }
    assert proposal_figures
    assert proposal_figures <= figures
    assert "2025-proposals-handled" in figures
    assert {h.id for h in hits if h.kind == "agenda"} >= {"2026-cppcc-agenda"}
    through = [h for h in hits if h.kind in ("figures", "agenda")]
    assert all(h.via == "proposals" for h in through)
    # The topic itself is found by its own Chinese name, not through anything.
    assert [h.via for h in hits if h.kind == "topics"] == [None]


def test_zhengxie_finds_the_committees_figures_through_its_body(facts: Facts) -> None:
    hits = search.search(facts, "政协")
    figures = {h.id for h in hits if h.kind == "figures"}
    assert {f.id for f in facts.figures if f.body == "cppcc"} <= figures
    assert not {f.id for f in facts.figures if f.body == "congress"} & figures


def test_an_english_word_finds_only_its_own_text(facts: Facts) -> None:
    assert all(h.via is None for h in search.search(facts, "proposals"))


def test_traditional_forms_find_the_simplified_text(facts: Facts) -> None:
    assert {h.id for h in search.search(facts, "兩會")} == {
        h.id for h in search.search(facts, "两会")
    }
    assert {h.id for h in search.search(facts, "政協")} == {
        h.id for h in search.search(facts, "政协")
    }


def test_explain_takes_traditional_names(cli: CLI) -> None:
    for traditional, simplified in [
        ("兩會", "两会"),
        ("政協", "政协"),
        ("重慶市政協", "重庆市政协"),
    ]:
        result = cli("explain", traditional, "--json")
        assert result.exit_code == 0, result.stderr
        assert result.json() == cli("explain", simplified, "--json").json()


def test_a_hit_through_a_topic_says_so(cli: CLI) -> None:
    result = cli("search", "提案", "--limit", "0", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert "figure 2025-proposals-handled (as proposals)" in result.stdout
    data = cli("search", "提案", "--json").json()
    by_id = {h["id"]: h for h in data["hits"]}
    assert by_id["2025-proposals-handled"]["via"] == "proposals"
    assert by_id["proposals"]["via"] is None


def test_a_role_word_that_matches_no_text_points_to_who(cli: CLI) -> None:
    # 总理 (premier) is in no record's text; who reads it as a role, and the message says so,
    # with the simplified form for a traditional one.
    for typed in ("总理", "總理"):
        result = cli("search", typed, "--level", "all")
        assert result.exit_code == 1
        assert result.stderr == (
            f"twosessions: error: nothing matches '{typed}'; 'twosessions who 总理' finds the "
            "people by that role\n"
        )
    assert cli("who", "总理", "--level", "all").exit_code == 0
    other = cli("search", "zzzz")
    assert other.stderr.endswith("try a broader word, or 'twosessions explain' for topics\n")
