"""Each fact from the sources, checked through the loaded records: one assertion per fact."""

from __future__ import annotations

import datetime as dt

from twosessions_cli.records import Facts, SourceRef

NEWS = "000_87442f2a515ba6af.txt"
GUIDE = "002_daf29c6fabd4bbfb.txt"


def by_id(records: list, record_id: str):  # type: ignore[no-untyped-def]
    return next(r for r in records if r.id == record_id)


def test_2026_cppcc_session_opens_27_january(facts: Facts) -> None:
    assert by_id(facts.sessions, "2026-cppcc").opens == dt.date(2026, 1, 27)


def test_2026_cppcc_session_closes_31_january(facts: Facts) -> None:
    assert by_id(facts.sessions, "2026-cppcc").closes == dt.date(2026, 1, 31)


def test_2026_cppcc_session_stated_as_four_and_a_half_days(facts: Facts) -> None:
    session = by_id(facts.sessions, "2026-cppcc")
    assert (session.stated_days, session.days) == (4.5, 5)


def test_2026_sessions_are_fourth_of_sixth_term(facts: Facts) -> None:
    for session_id in ("2026-cppcc", "2026-congress"):
        session = by_id(facts.sessions, session_id)
        assert (session.session, session.term) == (4, 6)


def test_2026_congress_runs_28_january_to_1_february(facts: Facts) -> None:
    session = by_id(facts.sessions, "2026-congress")
    assert (session.opens, session.closes, session.days) == (
        dt.date(2026, 1, 28),
        dt.date(2026, 2, 1),
        5,
    )


def test_2026_year_is_marked_inferred(facts: Facts) -> None:
    for session_id in ("2026-cppcc", "2026-congress"):
        inferred = by_id(facts.sessions, session_id).inferred
        assert inferred is not None
        assert inferred.what == "year"


def test_2026_sessions_announced_at_23_january_press_conference(facts: Facts) -> None:
    assert by_id(facts.sessions, "2026-cppcc").announced == dt.date(2026, 1, 23)


def test_2020_sessions_are_joint_10_to_15_january_at_great_hall(facts: Facts) -> None:
    session = by_id(facts.sessions, "2020-two-sessions")
    assert session.body == "two-sessions"
    assert (session.opens, session.closes, session.days) == (
        dt.date(2020, 1, 10),
        dt.date(2020, 1, 15),
        6,
    )
    assert session.venue == "Chongqing Great Hall of the People, Yuzhong District"
    assert SourceRef(file=GUIDE, paragraph=7) in session.source


def test_cppcc_agenda_has_eight_major_items(facts: Facts) -> None:
    entry = by_id(facts.agenda, "2026-cppcc-agenda")
    assert (entry.body, entry.count, entry.source) == (
        "cppcc",
        8,
        [SourceRef(file=NEWS, paragraph=2)],
    )


def test_congress_agenda_has_ten_main_items_with_work_report_and_plan(facts: Facts) -> None:
    entry = by_id(facts.agenda, "2026-congress-agenda")
    assert (entry.body, entry.count) == ("congress", 10)
    assert any("Work Report" in item for item in entry.items)
    assert any("15th Five-Year Plan" in item for item in entry.items)


def test_proposals_handled_belong_to_cppcc_with_qualifier(facts: Facts) -> None:
    figure = by_id(facts.figures, "2025-proposals-handled")
    assert (figure.value, figure.body, figure.qualifier, figure.reported_by) == (
        1385,
        "cppcc",
        "all completed on schedule",
        "zhang-xiaofei",
    )
    assert figure.source == [SourceRef(file=NEWS, paragraph=6)]


def test_practice_stations_and_deputies_homes_belong_to_congress(facts: Facts) -> None:
    stations = by_id(facts.figures, "2025-practice-stations")
    homes = by_id(facts.figures, "2025-deputies-homes")
    assert (stations.value, stations.body) == (16, "congress")
    assert (homes.value, homes.body) == (1028, "congress")


def test_countries_invited_is_24_with_inferred_year(facts: Facts) -> None:
    figure = by_id(facts.figures, "2025-countries-invited")
    assert figure.value == 24
    assert figure.inferred is not None


def test_foreign_delegates_is_a_lower_bound(facts: Facts) -> None:
    figure = by_id(facts.figures, "2025-foreign-delegates")
    assert (figure.value, figure.qualifier) == (50, "over")


def test_people_and_roles(facts: Facts) -> None:
    assert {(p.name, p.body) for p in facts.people} == {
        ("Zhang Xiaofei", "cppcc"),
        ("Zhang Bin", "congress"),
        ("Tang Liangzhi", "government"),
    }
    assert by_id(facts.people, "tang-liangzhi").role == "Mayor of Chongqing"


def test_municipal_congress_is_kept_apart_from_the_npc(facts: Facts) -> None:
    bodies = {b.id: b for b in facts.bodies}
    assert bodies["congress"].level == "municipal"
    assert bodies["national"].level == "national"
    topics = {t.id for t in facts.topics}
    assert {"peoples-congress", "npc"} <= topics


def test_no_fact_cites_page_boilerplate(facts: Facts) -> None:
    # Paragraphs 16-28 of the guide are graphics links, slogans, the cookie notice and licences.
    for kind in ("bodies", "sessions", "agenda", "people", "figures", "topics"):
        for record in facts.records(kind):
            for ref in record.source:
                assert not (ref.file == GUIDE and ref.paragraph >= 16), (kind, record.id)


def test_every_record_cites_a_known_source(facts: Facts) -> None:
    known = {s.id: s.paragraphs for s in facts.sources}
    assert known == {NEWS: 10, GUIDE: 28}
    for kind in ("bodies", "sessions", "agenda", "people", "figures", "topics"):
        for record in facts.records(kind):
            assert record.source, (kind, record.id)
            for ref in record.source:
                assert 1 <= ref.paragraph <= known[ref.file]
