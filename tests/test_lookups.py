"""Lookups: plain functions over the facts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twosessions_cli import lookups, people, search
from twosessions_cli.errors import NotFound, UsageProblem
from twosessions_cli.store import Facts


@pytest.mark.parametrize(
    ("name", "topic_id"),
    [
        ("cppcc", "cppcc"),
        ("CPPCC", "cppcc"),
        ("政协", "cppcc"),
        ("人大", "peoples-congress"),
        ("People’s Congress", "peoples-congress"),
        ("peoples-congress", "peoples-congress"),
        ("两会", "two-sessions"),
        ("The Two Sessions", "two-sessions"),
        ("政府工作报告", "government-work-report"),
        ("work report", "government-work-report"),
        ("NPC", "npc"),
        ("national-cppcc", "national-cppcc"),
        ("全国政协", "national-cppcc"),
        ("CPPCC National Committee", "national-cppcc"),
        ("whole process democracy", "whole-process-democracy"),
        ("  Three   Connections ", "three-connections"),
    ],
)
def test_find_topic_by_any_name(facts: Facts, name: str, topic_id: str) -> None:
    assert lookups.find_topic(facts, name).id == topic_id


def test_unknown_topic_suggests_close_names(facts: Facts) -> None:
    with pytest.raises(NotFound, match=r"no topic called 'cpcc'; did you mean 'cppcc'\?"):
        lookups.find_topic(facts, "cpcc")


def test_unknown_topic_without_neighbours_points_at_the_list(facts: Facts) -> None:
    with pytest.raises(NotFound, match="run 'twosessions explain' to list the topics"):
        lookups.find_topic(facts, "qqqqqqqq")


def test_sessions_default_to_latest_year(facts: Facts) -> None:
    assert [s.id for s in lookups.sessions_in_year(facts, None)] == ["2026-cppcc", "2026-congress"]


def test_sessions_of_missing_year_name_the_years_that_exist(facts: Facts) -> None:
    with pytest.raises(
        NotFound,
        match="no sessions recorded for 2017; years with sessions: 2008, 2009, 2011, 2013, 2018, ",
    ):
        lookups.sessions_in_year(facts, 2017)


def test_figures_of_missing_year(facts: Facts) -> None:
    with pytest.raises(NotFound, match="years with figures: 2008, 2010, 2012, "):
        lookups.figures_of_year(facts, 2011)


def test_people_filter_is_case_insensitive_substring(facts: Facts) -> None:
    assert [p.id for p in people.people_matching(facts, "ZHANG X")] == [
        "zhang-xiaofei",
        "zhang-xuan",
    ]
    # Latest first: Tang Liangzhi (2021) was listed above Hu Henghua (2026) (issue 20).
    assert [p.id for p in people.people_matching(facts, "mayor")] == [
        "hu-henghua",
        "tang-liangzhi",
        "huang-qifan",
        "wang-hongju",
    ]
    assert [p.id for p in people.people_matching(facts, "胡衡华")] == ["hu-henghua"]


def test_search_reports_where_it_matched(facts: Facts) -> None:
    hits = search.search(facts, "Yunyang")
    assert ("people", "zhang-xiaofei", "statements", "zhang-xiaofei.s3") in {
        (h.kind, h.id, h.field, h.cite_id) for h in hits
    }


@pytest.mark.parametrize(
    ("text", "paragraph"),
    [("1,385", 6), ("1385", 6), ("parking", 3), ("yunyang", 5)],
)
def test_search_cites_the_paragraph_that_holds_the_words(
    facts: Facts, text: str, paragraph: int
) -> None:
    # Each person's own first citation (paragraph 2) must not stand in for the matched words.
    for hit in search.search(facts, text):
        if hit.kind == "people":
            assert [(r.source, r.paragraph) for r in hit.source] == [("icq-20260125", paragraph)]


def test_search_empty_is_a_usage_problem(facts: Facts) -> None:
    with pytest.raises(UsageProblem):
        search.search(facts, "  ")


def test_source_usage_counts_records(facts: Facts) -> None:
    counts = {u.source.id: u.facts for u in lookups.source_usage(facts)}
    assert counts["icq-20260125"] > counts["icq-20200115"] > 0


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    once = lookups.normalize(text)
    assert lookups.normalize(once) == once


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40))
def test_find_topic_finds_or_raises_not_found(facts: Facts, text: str) -> None:
    try:
        topic = lookups.find_topic(facts, text)
    except NotFound as exc:
        assert exc.message.startswith("no topic called")
    else:
        assert topic in facts.topics


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["cppcc", "peoples-congress", "two-sessions", "npc"]), st.data())
def test_every_alias_in_any_case_finds_its_topic(
    facts: Facts, topic_id: str, data: st.DataObject
) -> None:
    topic = next(t for t in facts.topics if t.id == topic_id)
    alias = data.draw(st.sampled_from(topic.aliases))
    assert lookups.find_topic(facts, alias.upper()).id == topic_id


# --------------------------------------------------------------------------------------------
# glossary and completion
# --------------------------------------------------------------------------------------------


def test_glossary_has_every_topic_in_alphabetical_order(facts: Facts) -> None:
    terms = lookups.glossary(facts)
    assert sorted(t.id for t in terms) == sorted(t.id for t in facts.topics)
    assert [t.id for t in terms][:3] == ["five-year-plan", "cppcc", "peoples-congress"]
    # 'The Two Sessions' files under T for Two, not under T for The.
    ids = [t.id for t in terms]
    assert (
        ids.index("standing-committee") < ids.index("two-sessions") < ids.index("practice-stations")
    )


def test_glossary_needs_topics() -> None:
    with pytest.raises(NotFound, match="no topics"):
        lookups.glossary(Facts())


def test_topic_completions(facts: Facts) -> None:
    names = [name for name, _ in lookups.topic_completions(facts, "cp")]
    assert names == ["cppcc"]  # "cppcc committee" works typed in quotes, but is not offered
    assert [n for n, _ in lookups.topic_completions(facts, "人")][:2] == ["人大", "人民代表大会"]
    every = [n for n, _ in lookups.topic_completions(facts, "")]
    assert every == [t.id for t in facts.topics]  # nothing typed: one id per topic
    assert lookups.topic_completions(facts, "zzz") == []
    assert dict(lookups.topic_completions(facts, "npc"))["npc"].startswith(
        "The National People's Congress"
    )


def test_year_completions() -> None:
    assert lookups.year_completions([2020, 2026, 2026], "") == ["2026", "2020"]
    assert lookups.year_completions([2020, 2026], "202") == ["2026", "2020"]
    assert lookups.year_completions([2020, 2026], "2026") == ["2026"]
    assert lookups.year_completions([2020, 2026], "19") == []
