"""The facts of the two founding documents, checked through the loaded records: one assertion
per fact, each test naming the source and paragraph it comes from."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from conftest import Run

from twosessions_cli.records import SourceRef, citations
from twosessions_cli.store import Facts

NEWS = "icq-20260125"  # iChongqing report of the 23 January 2026 press conference
GUIDE = "icq-20200115"  # iChongqing visitor's guide, 15 January 2020
CLI = Callable[..., Run]


def by_id(records: list[Any], record_id: str) -> Any:
    return next(r for r in records if r.id == record_id)


def test_cqrb_20260128_cppcc_2026_session_opened_27_january(facts: Facts) -> None:
    # The news report announced 27 January (paragraph 1); Chongqing Daily's next-morning
    # edition reports the opening as held, so the date is no longer only scheduled.
    opens = by_id(facts.sessions, "2026-cppcc").opens
    assert (opens.date, opens.status, opens.basis) == (dt.date(2026, 1, 27), "held", "inferred")
    assert SourceRef(source="cqrb-20260128", paragraph=13) in opens.source


def test_news_p2_cppcc_2026_session_announced_to_close_31_january(facts: Facts) -> None:
    closes = by_id(facts.sessions, "2026-cppcc").closes
    assert (closes.date, closes.status) == (dt.date(2026, 1, 31), "scheduled")


def test_news_p2_cppcc_2026_session_announced_as_four_and_a_half_days(facts: Facts) -> None:
    session = by_id(facts.sessions, "2026-cppcc")
    assert "four and a half days" in session.length.text
    assert session.days == 5  # calendar days, 27 to 31 January


def test_news_p1_both_2026_sessions_are_the_fourth_of_the_sixth_term(facts: Facts) -> None:
    for session_id in ("2026-cppcc", "2026-congress"):
        session = by_id(facts.sessions, session_id)
        assert (session.session, session.term) == (4, 6)


def test_news_p1_congress_2026_announced_for_28_january_to_1_february(facts: Facts) -> None:
    session = by_id(facts.sessions, "2026-congress")
    assert (session.opens.date, session.closes.date, session.days) == (
        dt.date(2026, 1, 28),
        dt.date(2026, 2, 1),
        5,
    )


def test_news_2026_year_is_an_inference_with_its_reason(facts: Facts) -> None:
    closes = by_id(facts.sessions, "2026-cppcc").closes
    assert closes.basis == "inferred"
    assert "25 January 2026" in closes.reason


def test_guide_p4_p7_2020_sessions_joint_10_to_15_january_at_the_great_hall(facts: Facts) -> None:
    session = by_id(facts.sessions, "2020-two-sessions")
    assert session.body == "two-sessions"
    assert (session.opens.date, session.closes.date, session.days) == (
        dt.date(2020, 1, 10),
        dt.date(2020, 1, 15),
        6,
    )
    assert session.venue.name == "Chongqing Great Hall of the People"
    assert session.venue.detail.startswith("in Yuzhong District, where the guide's photo shows")
    assert SourceRef(source=GUIDE, paragraph=7) in session.opens.source


def test_news_p2_cppcc_agenda_has_eight_major_items(facts: Facts) -> None:
    entry = by_id(facts.agenda, "2026-cppcc-agenda")
    assert (entry.body, entry.count, entry.qualifier, entry.source) == (
        "cppcc",
        8,
        "major items",
        [SourceRef(source=NEWS, paragraph=2)],
    )


def test_news_p7_congress_agenda_has_ten_main_items_with_work_report_and_plan(
    facts: Facts,
) -> None:
    entry = by_id(facts.agenda, "2026-congress-agenda")
    assert (entry.body, entry.count) == ("congress", 10)
    assert any("Work Report" in item.text for item in entry.items)
    assert any("15th Five-Year Plan" in item.text for item in entry.items)


def test_news_p6_proposals_handled_belong_to_the_cppcc_in_2025(facts: Facts) -> None:
    figure = by_id(facts.figures, "2025-proposals-handled")
    assert (figure.value, figure.body, figure.year, figure.reported_by) == (
        1385,
        "cppcc",
        2025,
        "zhang-xiaofei",
    )
    assert figure.source == [SourceRef(source=NEWS, paragraph=6)]
    assert "completed on schedule" in figure.note.text


def test_news_p9_practice_stations_and_deputies_homes_belong_to_the_congress(
    facts: Facts,
) -> None:
    stations = by_id(facts.figures, "2025-practice-stations")
    homes = by_id(facts.figures, "2025-deputies-homes")
    assert (stations.value, stations.body) == (16, "congress")
    assert (homes.value, homes.body) == (1028, "congress")


def test_news_p10_figures_with_no_year_are_left_out(all_facts: Facts) -> None:
    # ¶10 (24 countries invited, over 50 foreign delegates) prints no year and may count more
    # than 2025: nothing is dated from it.
    assert [
        f.id for f in all_facts.figures if SourceRef(source=NEWS, paragraph=10) in f.source
    ] == []


INFERABLE = {"year", "session", "value", "body", "measure", "date"}


def test_an_inference_names_what_it_infers(all_facts: Facts) -> None:
    # 'figure' named the record, not the part inferred; the reasons speak of a year, a session...
    named = {
        (r.id, r.inferred.what)
        for kind in ("figures", "agenda", "people")
        for r in all_facts.records(kind)
        if r.inferred is not None and not set(r.inferred.what.split(" and ")) <= INFERABLE
    }
    assert named == set()


def test_news_p2_p8_guide_p15_people_and_roles(facts: Facts) -> None:
    people = {p.id: (p.name, p.body) for p in facts.people}
    assert people["zhang-xiaofei"] == ("Zhang Xiaofei", "cppcc")
    assert people["zhang-bin"] == ("Zhang Bin", "congress")
    assert people["tang-liangzhi"] == ("Tang Liangzhi", "government")


def test_the_municipal_congress_is_kept_apart_from_the_npc(all_facts: Facts) -> None:
    bodies = {b.id: b for b in all_facts.bodies}
    assert bodies["congress"].level == "municipal"
    assert bodies["cppcc"].level == "municipal"
    for national in ("national", "npc", "national-cppcc", "state-council", "nbs"):
        assert bodies[national].level == "national"
    # Every name and short name tells the two levels apart.
    names = [n for b in bodies.values() for n in (b.name, b.short)]
    assert len(names) == len(set(names))
    assert bodies["npc"].short != bodies["congress"].short
    assert {"peoples-congress", "npc", "national-cppcc"} <= {t.id for t in all_facts.topics}
    # The two committees' topics share no name: "cppcc" alone is always Chongqing's.
    topics = {t.id: t for t in all_facts.topics}
    assert not set(topics["cppcc"].aliases) & set(topics["national-cppcc"].aliases)


def test_the_default_level_is_chongqing_alone(facts: Facts, all_facts: Facts) -> None:
    assert {s.body for s in facts.sessions} == {"cppcc", "congress", "two-sessions"}
    assert {"npc", "national-cppcc"} <= {s.body for s in all_facts.sessions}
    assert not [f for f in facts.figures if f.body in ("state-council", "nbs")]


def test_no_fact_cites_the_guides_page_furniture(facts: Facts) -> None:
    # Paragraphs 16-28 of the guide are graphics links, slogans, the cookie notice and licences.
    for kind in ("bodies", "sessions", "agenda", "people", "figures", "topics"):
        for record in facts.records(kind):
            for ref in citations(record):
                assert not (ref.source == GUIDE and ref.paragraph >= 16), (kind, record.id)


def test_both_founding_documents_are_recorded_with_their_addresses(facts: Facts) -> None:
    sources = {s.id: s for s in facts.sources}
    assert sources[NEWS].address == (
        "https://www.ichongqing.info/2026/01/25/chongqing-two-sessions-to-open-on-jan-27-"
        "spotlighting-modern-city-governance-and-people-centered-development/amp"
    )
    assert sources[GUIDE].address == (
        "https://www.ichongqing.info/2020/01/15/a-foreigners-guide-to-the-chongqing-two-sessions/"
    )
    assert (sources[NEWS].published, sources[GUIDE].published) == ("2026-01-25", "2020-01-15")
    assert sources[NEWS].title is None  # the page's text prints no title: none is invented
    assert sources[GUIDE].title == "A Foreigners Guide to the Chongqing Two Sessions"


def test_levels_filter_overlay_facts_as_they_filter_bundled_ones() -> None:
    # With an overlay every kind is decoded at once, so --level filters lists already loaded.
    from twosessions_cli.facts import at_level, load_facts
    from twosessions_cli.overlay import example_overlay_dir

    national = at_level(load_facts([example_overlay_dir()]), "national")
    assert {b.level for b in national.bodies} == {"national"}
    assert {s.body for s in national.sessions} == {"npc", "national-cppcc"}
    chongqing = at_level(load_facts([example_overlay_dir()]), "chongqing")
    assert 2099 in {s.year for s in chongqing.sessions}
    assert not [s for s in chongqing.sessions if s.body in ("npc", "national-cppcc")]


def test_venues_one_english_name_and_one_chinese_name_per_place(all_facts: Facts) -> None:
    # Before, the Great Hall was a sentence spelled several ways (人民大礼堂, 市人民大禮堂, ...).
    chinese: dict[str, set[str]] = {}
    for session in all_facts.sessions:
        for venue in (session.venue, session.closing_venue):
            if venue is not None:
                chinese.setdefault(venue.name, set()).update(
                    [venue.chinese] if venue.chinese else []
                )
    assert chinese == {
        "Chongqing Great Hall of the People": {"重庆市人民大礼堂"},
        "People's Hall": {"市人民大厦"},
    }


# ---- people: one entry each, with every role; facts about the page stay with the page ---------

#: Words that describe a page rather than a person: they belong in the source's note.
PAGE_ASIDE = re.compile(
    r"Chinese (name|script|characters)|English page|the page (gives|prints)", re.IGNORECASE
)


def test_each_person_has_one_entry(all_facts: Facts) -> None:
    names = Counter((p.name, p.chinese) for p in all_facts.people)
    assert [name for name, n in names.items() if n > 1] == []


def test_wang_jiong_is_one_entry_with_both_roles_and_years(all_facts: Facts) -> None:
    wang = by_id(all_facts.people, "wang-jiong")
    assert [(r.body, r.year) for r in wang.every_role()] == [("congress", 2024), ("cppcc", 2019)]
    assert wang.aliases == ["wang-jiong-congress", "wang-jiong-cppcc"]
    # cri-20190131 ¶8 lists him among the session's executive chairmen; ¶4,13: he presided, spoke.
    assert SourceRef(source="cri-20190131", paragraph=8) in wang.roles[0].source
    assert {r.source for st in wang.statements for r in st.source} == {
        "cri-20190131",
        "cqrb-20240124",
        "cqrb-20240124a",
    }


def test_who_finds_a_merged_person_by_a_former_id_and_by_an_earlier_role(cli: CLI) -> None:
    for query in ("wang-jiong-cppcc", "wang-jiong-congress", "executive chairman of the cppcc"):
        people = cli("who", query, "--json").json()["people"]
        assert [p["id"] for p in people] == ["wang-jiong"], query
    shown = cli("who", "wang jiong").stdout
    assert "also · An executive chairman of the CPPCC committee's 2019 session" in shown


def test_no_statement_about_a_person_is_an_aside_about_the_page(all_facts: Facts) -> None:
    asides = [
        (p.id, st.text)
        for p in all_facts.people
        for st in p.statements
        if PAGE_ASIDE.search(st.text)
    ]
    assert asides == []


def test_the_asides_moved_to_the_notes_of_their_pages(all_facts: Facts, cli: CLI) -> None:
    notes = {s.id: s.note for s in all_facts.sources if s.note}
    assert notes == {
        "chinaorg-20210121": "Names Tang Liangzhi in English only, without Chinese characters.",
        "icq-20240120": "Names Li Jing in English only, without Chinese characters.",
        "icq-undated": "Names Cheng Lihua in English only, without Chinese characters.",
    }
    assert "Names Cheng Lihua in English only" in cli("sources").stdout
    assert "Chinese characters" not in cli("who", "cheng lihua").stdout


# ---- reprints: a page that credits another outlet says so ------------------------------------

#: Each page, and the outlet it credits (the page's byline or 来源 line, paragraph given).
REPRINTS = {
    "cri-20190131": "Chongqing Daily",  # ¶3 重庆日报2019-01-31
    "people-20210126": "Chongqing Daily's site, 重庆日报网",  # ¶3 来源:重庆日报网
    "people-20220118": "Chongqing Daily's site, 重庆日报网",  # ¶5 来源:重庆日报网
    "chinaorg-20230110": "Chongqing Release, 重庆发布",  # 来源 重庆发布
    "chinaorg-20210121": "Xinhua",  # an 'Off the Wire' item
}


def test_every_reprint_is_labelled_with_its_original(all_facts: Facts, cli: CLI) -> None:
    labels = {s.id: (s.reliability, s.reprint_of) for s in all_facts.sources if s.id in REPRINTS}
    assert labels == {sid: ("reprint", original) for sid, original in REPRINTS.items()}
    shown = cli("sources", env={"COLUMNS": "200"}).stdout
    assert "reprint of Chongqing Release, 重庆发布" in shown
    cited = cli("cite", "2021-deputies-motions-submitted").stdout
    assert "People's Daily Online (reprint of Chongqing Daily's site, 重庆日报网)" in cited
