"""The multi-year record, fact by fact: each row is one fact and the page paragraphs it rests on.

Read a row as a sentence: "the 2019 CPPCC session closed on 30 January 2019 (held), as CRI's
31 January 2019 page says in paragraphs 3, 6 and 7". The pages are listed by 'twosessions
sources'; a second reader checked every fact against its page before it was added.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from twosessions_cli.records import SourceRef, paragraphs_by_source
from twosessions_cli.store import Facts


def cited(refs: list[SourceRef]) -> str:
    return "; ".join(
        f"{source} ¶{','.join(map(str, ps))}" for source, ps in paragraphs_by_source(refs).items()
    )


def by_id(records: list[Any], record_id: str) -> Any:
    return next(r for r in records if r.id == record_id)


# (session, which date, date, status, cited pages and paragraphs)
DATES = [
    ("2019-cppcc", "opens", "2019-01-26", "scheduled", "chinaorg-20190121 ¶1"),
    ("2019-cppcc", "closes", "2019-01-30", "held", "cri-20190131 ¶3,6,7"),
    ("2020-congress", "opens", "2020-01-11", "held", "chinaorg-20200111 ¶3,5"),
    ("2020-cppcc", "opens", "2020-01-10", "held", "icq-20200110 ¶4,6"),
    ("2021-congress", "opens", "2021-01-21", "held", "chinaorg-20210121 ¶2,4,5"),
    ("2021-congress", "closes", "2021-01-25", "held", "people-20210126 ¶3,4"),
    ("2021-cppcc", "opens", "2021-01-20", "scheduled", "chinadaily-20210116 ¶1"),
    ("2021-cppcc", "closes", "2021-01-24", "held", "cqcb-20210124 ¶1"),
    ("2022-congress", "opens", "2022-01-17", "held", "cqrb-20220118 ¶1"),
    ("2023-congress", "opens", "2023-01-13", "held", "icq-20230114 ¶2,3,4"),
    ("2023-congress", "closes", "2023-01-17", "scheduled", "chinaorg-20230110 ¶2,6"),
    ("2024-congress", "opens", "2024-01-21", "held", "cqrb-20240122 ¶2,7"),
    ("2024-congress", "closes", "2024-01-24", "held", "cqrb-20240124 ¶17,21"),
    ("2024-cppcc", "opens", "2024-01-20", "held", "icq-20240120 ¶2,4"),
    ("2025-congress", "opens", "2025-01-19", "held", "cq12371-20250120 ¶4,5"),
    ("2025-congress", "closes", "2025-01-22", "scheduled", "cqcb-20250116 ¶2,15"),
    ("2025-cppcc", "opens", "2025-01-18", "held", "icq-undated ¶1,2"),
    ("2025-cppcc", "closes", "2025-01-21", "held", "gmw-20250122 ¶7,10"),
    ("2026-congress", "opens", "2026-01-28", "held", "icq-20260125 ¶1; cqgov-20260203 ¶7"),
    ("2026-congress", "closes", "2026-02-01", "scheduled", "icq-20260125 ¶1"),
    ("2026-cppcc", "opens", "2026-01-27", "held", "cqrb-20260128 ¶2,7,13,21; icq-20260125 ¶1"),
    ("2026-cppcc", "closes", "2026-01-31", "scheduled", "icq-20260125 ¶2"),
]


@pytest.mark.parametrize(("session", "end", "date", "status", "source"), DATES)
def test_session_date(
    facts: Facts, session: str, end: str, date: str, status: str, source: str
) -> None:
    dated = getattr(by_id(facts.sessions, session), end)
    assert (dated.date, dated.status, cited(dated.source)) == (
        dt.date.fromisoformat(date),
        status,
        source,
    )


# (series, year counted, value, qualifier, body, cited pages and paragraphs)
FIGURES = [
    ("cppcc-proposal-satisfaction", 2023, 97.46, None, "cppcc", "icq-20240120 ¶5"),
    ("cppcc-proposal-satisfaction", 2024, 98.16, None, "cppcc", "icq-undated ¶4"),
    ("cppcc-proposals-at-session", 2017, 1350, None, "cppcc", "cqzx-20180208 ¶6,14"),
    ("cppcc-proposals-at-session", 2019, 1660, None, "cppcc", "icq-20200110 ¶8"),
    ("cppcc-proposals-filed", 2019, 1224, None, "cppcc", "icq-20200110 ¶8,9"),
    ("cppcc-proposals-filed", 2023, 1315, None, "cppcc", "icq-20240120 ¶1,5"),
    ("cppcc-proposals-filed", 2024, 1364, None, "cppcc", "icq-undated ¶4"),
    ("cppcc-proposals-handled", 2023, 1315, "all", "cppcc", "icq-20240120 ¶1,5"),
    ("cppcc-proposals-handled", 2024, 1364, "all", "cppcc", "icq-undated ¶4"),
    ("cppcc-proposals-handled", 2025, 1385, None, "cppcc", "icq-20260125 ¶6"),
    ("cppcc-proposals-submitted", 2019, 1674, None, "cppcc", "icq-20200110 ¶8"),
    ("cppcc-proposals-submitted", 2023, 1480, None, "cppcc", "icq-20240120 ¶5"),
    ("cppcc-proposals-submitted", 2024, 1551, None, "cppcc", "icq-undated ¶4"),
    ("gdp-growth", 2017, 9.3, None, "government", "ecns-20180126 ¶2,3"),
    ("gdp-growth", 2019, 6.3, None, "government", "chinaorg-20200111 ¶8,9,10"),
    ("gdp-growth", 2020, 3.9, None, "government", "chinaorg-20210121 ¶4"),
    ("gdp-growth", 2021, 8.3, None, "government", "people-20220118 ¶4,7,10; ansa-20220117 ¶2"),
    (
        "gdp-growth",
        2024,
        5.7,
        None,
        "government",
        "cq12371-20250120 ¶6; cqrb-20250311 ¶11,12,15,16",
    ),
    ("gdp-growth", 2025, 5.3, None, "government", "cqgov-20260203 ¶7,12; icq-undateda ¶1"),
    ("gdp-growth-target", 2018, 8.5, None, "government", "ecns-20180126 ¶1"),
    ("gdp-growth-target", 2019, 6, None, "government", "chinadaily-20190628 ¶10,12"),
    ("gdp-growth-target", 2021, 6, "above", "government", "chinaorg-20210121 ¶6"),
    ("gdp-growth-target", 2022, 5.5, "about", "government", "ansa-20220117 ¶5"),
    ("gdp-growth-target", 2023, 6, "more than", "government", "icq-20230114 ¶2,7"),
    ("gdp-growth-target", 2024, 6, "about", "government", "xinhua-20240121 ¶27,28,36"),
    ("gdp-growth-target", 2026, 5, "over", "government", "icq-undateda ¶1; cqgov-20260203 ¶7"),
]


@pytest.mark.parametrize(("series", "year", "value", "qualifier", "body", "source"), FIGURES)
def test_figure(
    facts: Facts,
    series: str,
    year: int,
    value: float,
    qualifier: str | None,
    body: str,
    source: str,
) -> None:
    (figure,) = [f for f in facts.figures if f.series == series and f.year == year]
    assert (figure.value, figure.qualifier, figure.body, cited(figure.source)) == (
        value,
        qualifier,
        body,
        source,
    )


@pytest.mark.parametrize(
    ("year", "source"),
    [
        (2020, "cqgov-20200119"),
        (2021, "chinaorg-20210121"),
        (2023, "icq-20230114"),
        (2024, "cqrb-20240122a"),
        (2025, "cq12371-20250120"),
        (2026, "cqgov-20260203"),
    ],
)
def test_the_mayor_who_gave_the_government_work_report(
    facts: Facts, year: int, source: str
) -> None:
    mayor = "tang-liangzhi" if year < 2022 else "hu-henghua"
    person = by_id(facts.people, mayor)
    assert person.role == "Mayor of Chongqing"
    assert any(
        "work report" in statement.text and source in {r.source for r in statement.source}
        for statement in person.statements
    )


def test_every_session_of_both_bodies_is_numbered_from_2018_to_2026(facts: Facts) -> None:
    numbered = {
        (s.year, s.body): (s.term, s.session) for s in facts.sessions if s.body != "two-sessions"
    }
    for year in range(2018, 2027):
        expected = (5, year - 2017) if year <= 2022 else (6, year - 2022)
        assert numbered[(year, "cppcc")] == expected
        assert numbered[(year, "congress")] == expected


def test_the_2019_proposal_count_records_the_pages_other_figure(facts: Facts) -> None:
    # icq-20200110 gives 1,679 in its opening paragraph and 1,674 with its own breakdown.
    figure = by_id(facts.figures, "2019-cppcc-proposals-submitted")
    assert figure.value == 1674
    assert "1,679" in figure.note.text


def test_the_2018_session_reported_the_2017_sessions_proposals(facts: Facts) -> None:
    # cqzx-20180208 ¶14: 1,350 handed in at the fourth committee's fifth session, 897 filed,
    # 754 assigned after merging; ¶6 dates the report to the fifth committee's first session.
    counts = {
        f.id: (f.value, f.session_id, f.year)
        for f in facts.figures
        if f.id.startswith("2017-cppcc-")
    }
    assert counts == {
        "2017-cppcc-proposals-at-session": (1350, "2018-cppcc", 2017),
        "2017-cppcc-session-proposals-filed": (897, "2018-cppcc", 2017),
        "2017-cppcc-session-proposals-assigned": (754, "2018-cppcc", 2017),
    }


def test_cppcc_proposal_figures_cover_five_counted_years(facts: Facts) -> None:
    years = {
        f.year
        for f in facts.figures
        if f.body == "cppcc" and f.unit == "proposals" and "proposal" in f.label.lower()
    }
    assert years == {2017, 2019, 2023, 2024, 2025}
