"""The national layer and Chongqing before 2018, fact by fact: each row one fact and its page.

Read a row as a sentence: "the 2014 National People's Congress opened on 5 March 2014 (held), as
China.org.cn's page of 17 March 2014 says in paragraph 4". Every row was read against its page by
a second reader before it was added (docs/research-log.md); 'twosessions sources --level all'
lists the pages.
"""

from __future__ import annotations

import pytest
from test_facts_by_year import cited

from twosessions_cli.store import Facts

# (session, which date, date, status, cited pages and paragraphs)
DATES = [
    ("2011-congress", "opens", "2011-01-09", "held", "chinataiwan-20110110 ¶2,3"),
    ("2013-congress", "opens", "2013-01-26", "held", "chinadaily-20130126 ¶3,4,6"),
    ("2008-national-cppcc", "opens", "2008-03-03", "held", "cctv-20080303 ¶7,8"),
    ("2008-national-cppcc", "closes", "2008-03-14", "held", "embassy-bw-20080314 ¶4"),
    ("2009-national-cppcc", "opens", "2009-03-03", "scheduled", "chinaorg-20090303 ¶4,9"),
    ("2009-national-cppcc", "closes", "2009-03-12", "held", "chinaorg-20090312 ¶1"),
    ("2010-national-cppcc", "opens", "2010-03-03", "held", "cctv-20100303 ¶6"),
    ("2011-national-cppcc", "opens", "2011-03-03", "scheduled", "chinaorg-20110301 ¶1"),
    ("2012-national-cppcc", "opens", "2012-03-03", "held", "people-20120313 ¶5,12"),
    ("2012-national-cppcc", "closes", "2012-03-13", "scheduled", "people-20120313 ¶7,9"),
    ("2013-national-cppcc", "opens", "2013-03-03", "held", "people-20130304 ¶6"),
    ("2013-national-cppcc", "closes", "2013-03-12", "held", "people-20130312 ¶6,9"),
    ("2015-national-cppcc", "opens", "2015-03-03", "held", "reuters-20150303 ¶2"),
    ("2016-national-cppcc", "opens", "2016-03-03", "held", "ecns-20160304 ¶1"),
    ("2016-national-cppcc", "closes", "2016-03-14", "held", "cri-20160314 ¶2"),
    ("2017-national-cppcc", "closes", "2017-03-13", "held", "cri-20170313 ¶8,9"),
    ("2018-national-cppcc", "opens", "2018-03-03", "held", "xinhua-20180303 ¶1,2"),
    ("2019-national-cppcc", "opens", "2019-03-03", "held", "cri-20190303 ¶7,9"),
    ("2019-national-cppcc", "closes", "2019-03-13", "scheduled", "gt-20190313 ¶1,2,4"),
    ("2020-national-cppcc", "opens", "2020-05-21", "held", "scio-20200521 ¶3,6"),
    ("2020-national-cppcc", "closes", "2020-05-27", "held", "chinaorg-20200527 ¶1"),
    ("2021-national-cppcc", "opens", "2021-03-04", "held", "people-20210305 ¶1,2"),
    ("2021-national-cppcc", "closes", "2021-03-10", "held", "pdnews-20210310 ¶4,6"),
    ("2022-national-cppcc", "opens", "2022-03-04", "held", "people-20220304 ¶3,4"),
    ("2022-national-cppcc", "closes", "2022-03-10", "scheduled", "chinadaily-20220303 ¶1,4"),
    ("2023-national-cppcc", "opens", "2023-03-04", "held", "people-20230304 ¶3,4,5"),
    ("2023-national-cppcc", "closes", "2023-03-11", "held", "people-20230311 ¶3,4"),
    ("2024-national-cppcc", "opens", "2024-03-04", "held", "people-20240304 ¶3,4"),
    ("2024-national-cppcc", "closes", "2024-03-10", "held", "people-20240310 ¶4,5"),
    ("2025-national-cppcc", "opens", "2025-03-04", "held", "scio-20250304 ¶3"),
    ("2025-national-cppcc", "closes", "2025-03-10", "held", "people-20250310 ¶3,4"),
    ("2026-national-cppcc", "opens", "2026-03-04", "held", "people-20260304 ¶3,4"),
    ("2026-national-cppcc", "closes", "2026-03-11", "held", "people-20260311 ¶2,3"),
    ("2008-npc", "opens", "2008-03-05", "held", "chinaun-2008 ¶4,8"),
    ("2008-npc", "closes", "2008-03-18", "held", "chinaun-2008 ¶4"),
    ("2009-npc", "opens", "2009-03-05", "held", "xinhua-20090305 ¶3"),
    ("2009-npc", "closes", "2009-03-13", "held", "chinaorg-20090313 ¶1,3"),
    ("2010-npc", "opens", "2010-03-05", "held", "cctv-20100305 ¶6"),
    ("2010-npc", "closes", "2010-03-14", "held", "chinadaily-20100314 ¶2,4"),
    ("2011-npc", "closes", "2011-03-14", "held", "chinadaily-20110314 ¶3,5"),
    ("2012-npc", "opens", "2012-03-05", "held", "people-20120305 ¶2,3"),
    ("2012-npc", "closes", "2012-03-14", "held", "people-20120315 ¶2,3"),
    ("2013-npc", "opens", "2013-03-05", "held", "reuters-20130314 ¶1"),
    ("2013-npc", "closes", "2013-03-17", "scheduled", "npc-20130317 ¶3,4"),
    ("2014-npc", "opens", "2014-03-05", "held", "chinaorg-20140317 ¶4"),
    ("2014-npc", "closes", "2014-03-13", "held", "ecns-20140313 ¶1"),
    ("2015-npc", "opens", "2015-03-05", "held", "chinacourt-20150305 ¶6,8"),
    ("2015-npc", "closes", "2015-03-15", "held", "chinaorg-20150315 ¶2"),
    ("2016-npc", "opens", "2016-03-05", "held", "globaltimes-20160305 ¶3,6"),
    ("2016-npc", "closes", "2016-03-16", "held", "globaltimes-20160316 ¶2,3"),
    ("2017-npc", "opens", "2017-03-05", "scheduled", "cri-20170304 ¶2"),
    ("2017-npc", "closes", "2017-03-15", "scheduled", "cri-20170304 ¶2,4"),
    ("2018-npc", "opens", "2018-03-05", "held", "reuters-20180305 ¶3"),
    ("2019-npc", "opens", "2019-03-05", "held", "chinaorg-20190305 ¶1"),
    ("2019-npc", "closes", "2019-03-15", "scheduled", "cgtn-20190305 ¶2,3"),
    ("2020-npc", "opens", "2020-05-22", "held", "scio-20200522 ¶2"),
    ("2020-npc", "closes", "2020-05-28", "held", "globaltimes-20200528 ¶2,4"),
    ("2021-npc", "opens", "2021-03-05", "held", "people-20210305a ¶4"),
    ("2021-npc", "closes", "2021-03-11", "held", "xianning-20210312 ¶10,13"),
    ("2022-npc", "opens", "2022-03-05", "held", "xinhua-20220305 ¶6"),
    ("2022-npc", "closes", "2022-03-11", "held", "chinadaily-undated-2022 ¶3"),
    ("2023-npc", "opens", "2023-03-05", "held", "xinhua-20230306 ¶1"),
    ("2023-npc", "closes", "2023-03-13", "held", "xinhua-20230313 ¶1,2"),
    ("2024-npc", "opens", "2024-03-05", "held", "qstheory-20240305 ¶2"),
    ("2024-npc", "closes", "2024-03-11", "held", "people-20240311 ¶4"),
    ("2025-npc", "opens", "2025-03-05", "held", "people-20250305 ¶2"),
    ("2025-npc", "closes", "2025-03-11", "held", "people-20250311 ¶5"),
    ("2026-npc", "opens", "2026-03-05", "held", "people-20260306 ¶2"),
    ("2026-npc", "closes", "2026-03-12", "held", "ecns-20260312 ¶2"),
]


@pytest.mark.parametrize(("session", "end", "date", "status", "source"), DATES)
def test_session_date(
    all_facts: Facts, session: str, end: str, date: str, status: str, source: str
) -> None:
    dated = getattr(all_facts.session_by_id[session], end)
    assert (str(dated.date), dated.status, cited(dated.source)) == (date, status, source)


# (figure, value, upper end of a range, qualifier, body, cited pages and paragraphs)
FIGURES = [
    ("2008-national-cpi-target", 4.8, None, "around", "state-council", "npc-20080319 ¶5"),
    ("2009-national-cpi-target", 4, None, "around", "state-council", "chinagate-20090305 ¶12"),
    ("2010-national-cpi-target", 3, None, "around", "state-council", "npc-20100305 ¶9"),
    ("2011-national-cpi-target", 4, None, "around", "state-council", "chinaorg-20110305 ¶8"),
    ("2012-national-cpi-target", 4, None, "around", "state-council", "chinadaily-20120305 ¶11"),
    ("2013-national-cpi-target", 3.5, None, "around", "state-council", "chinadaily-20130305 ¶11"),
    ("2014-national-cpi-target", 3.5, None, "around", "state-council", "people-2014-8573996 ¶4"),
    ("2015-national-cpi-target", 3, None, "around", "state-council", "chinadaily-20150305 ¶4,6"),
    ("2017-national-cpi-target", 3, None, "around", "state-council", "cgtn-undated-2017 ¶6"),
    ("2018-national-cpi-target", 3, None, "around", "state-council", "gov-20180305 ¶9,11"),
    ("2019-national-cpi-target", 3, None, "around", "state-council", "cgtn-20190305 ¶20"),
    ("2021-national-cpi-target", 3, None, "around", "state-council", "people-20210305b ¶8"),
    ("2022-national-cpi-target", 3, None, "around", "state-council", "cgtn-20220305 ¶4"),
    ("2023-national-cpi-target", 3, None, "around", "state-council", "people-20230305 ¶9"),
    ("2024-national-cpi-target", 3, None, "around", "state-council", "gov-20240305 ¶8"),
    ("2025-national-cpi-target", 2, None, "around", "state-council", "people-20250313 ¶10,14"),
    ("2026-national-cpi-target", 2, None, "around", "state-council", "people-20260306 ¶6"),
    ("2008-gdp-growth", 14.3, None, None, "government", "cqgov-20090217 ¶12"),
    ("2010-gdp-growth", 17.1, None, None, "government", "cqtjj-2011 ¶2,4,5,6,7,8,9,10"),
    ("2012-gdp-growth", 13.6, None, None, "government", "chinadaily-20130123 ¶4"),
    ("2013-gdp-growth", 12.3, None, None, "government", "ecns-20140124 ¶5,6"),
    ("2014-gdp-growth", 10.9, None, None, "government", "chinadaily-20160126 ¶4"),
    ("2015-gdp-growth", 11, None, None, "government", "chinadaily-20160126 ¶4"),
    ("2016-gdp-growth", 10.7, None, None, "government", "globaltimes-20170121 ¶3,4"),
    ("2017-gdp-growth", 9.3, None, None, "government", "ecns-20180126 ¶2,3"),
    ("2008-national-gdp-growth", 9, None, None, "nbs", "chinadaily-20091225 ¶1"),
    ("2009-national-gdp-growth", 8.7, None, None, "nbs", "chinadaily-20110111 ¶6,16"),
    ("2010-national-gdp-growth", 10.3, None, None, "nbs", "chinaorg-20110120 ¶2,3,4"),
    ("2011-national-gdp-growth", 9.2, None, None, "nbs", "people-20120117 ¶4"),
    ("2012-national-gdp-growth", 7.8, None, None, "nbs", "chinadaily-20130118 ¶2,5"),
    ("2014-national-gdp-growth", 7.4, None, None, "nbs", "cgtn-20150120 ¶4,5"),
    ("2015-national-gdp-growth", 6.9, None, None, "nbs", "chinaorg-20160119 ¶5,15"),
    ("2016-national-gdp-growth", 6.7, None, None, "nbs", "chinaorg-20170120 ¶5,15"),
    ("2017-national-gdp-growth", 6.9, None, None, "nbs", "cgtn-20180118 ¶3,4,7"),
    ("2018-national-gdp-growth", 6.6, None, None, "nbs", "gov-20190122 ¶1"),
    ("2019-national-gdp-growth", 6.1, None, None, "nbs", "gov-20200117 ¶1"),
    ("2020-national-gdp-growth", 2.3, None, None, "nbs", "people-20210121 ¶1"),
    ("2021-national-gdp-growth", 8.1, None, None, "nbs", "scio-20220117 ¶1,2,3"),
    ("2022-national-gdp-growth", 3, None, None, "nbs", "people-20231231 ¶2,3"),
    ("2023-national-gdp-growth", 5.2, None, None, "nbs", "people-20240117 ¶3"),
    ("2024-national-gdp-growth", 5.0, None, None, "nbs", "pdnews-20250121 ¶4"),
    ("2025-national-gdp-growth", 5, None, None, "nbs", "people-20260119 ¶4,5"),
    ("2013-national-gdp-growth", 7.7, None, None, "state-council", "embassy-20140306 ¶4,5,6,7"),
    ("2013-gdp-growth-target", 12, None, None, "government", "chinadaily-20130123 ¶5"),
    ("2016-gdp-growth-target", 10, None, None, "government", "chinadaily-20160126 ¶3"),
    ("2017-gdp-growth-target", 10, None, "around", "government", "fortune-20170115 ¶24"),
    ("2008-national-gdp-growth-target", 8, None, "about", "state-council", "npc-20080319 ¶5"),
    (
        "2009-national-gdp-growth-target",
        8,
        None,
        "about",
        "state-council",
        "chinagate-20090305 ¶6,7",
    ),
    ("2010-national-gdp-growth-target", 8, None, "about", "state-council", "npc-20100305 ¶6"),
    ("2011-national-gdp-growth-target", 8, None, "around", "state-council", "chinaorg-20110305 ¶7"),
    (
        "2012-national-gdp-growth-target",
        7.5,
        None,
        None,
        "state-council",
        "chinadaily-20120305 ¶10",
    ),
    (
        "2013-national-gdp-growth-target",
        7.5,
        None,
        "about",
        "state-council",
        "chinadaily-20130305 ¶10",
    ),
    (
        "2014-national-gdp-growth-target",
        7.5,
        None,
        "about",
        "state-council",
        "people-2014-8573996 ¶4",
    ),
    ("2015-national-gdp-growth-target", 7, None, "around", "state-council", "cgtn-20150305 ¶4"),
    ("2016-national-gdp-growth-target", 6.5, 7, None, "state-council", "chinadaily-20160311 ¶11"),
    (
        "2017-national-gdp-growth-target",
        6.5,
        None,
        "around",
        "state-council",
        "cgtn-undated-2017 ¶4",
    ),
    ("2018-national-gdp-growth-target", 6.5, None, "around", "state-council", "gov-20180305 ¶9,10"),
    ("2019-national-gdp-growth-target", 6, 6.5, None, "state-council", "cgtn-20190305 ¶19"),
    (
        "2020-national-gdp-growth-target",
        None,
        None,
        "no target",
        "state-council",
        "cgtn-20200522 ¶18",
    ),
    ("2021-national-gdp-growth-target", 6, None, "above", "state-council", "people-20210305b ¶6"),
    ("2022-national-gdp-growth-target", 5.5, None, "around", "state-council", "cgtn-20220305 ¶3"),
    ("2023-national-gdp-growth-target", 5, None, "around", "state-council", "people-20230305 ¶8"),
    ("2024-national-gdp-growth-target", 5, None, "around", "state-council", "gov-20240305 ¶8"),
    (
        "2025-national-gdp-growth-target",
        5,
        None,
        "around",
        "state-council",
        "people-20250313 ¶10,11",
    ),
    ("2026-national-gdp-growth-target", 4.5, 5, None, "state-council", "people-20260306 ¶4"),
    ("2008-national-urban-jobs-target", 10, None, None, "state-council", "npc-20080319 ¶5"),
    (
        "2009-national-urban-jobs-target",
        9,
        None,
        "more than",
        "state-council",
        "chinagate-20090305 ¶9",
    ),
    ("2010-national-urban-jobs-target", 9, None, "more than", "state-council", "npc-20100305 ¶7"),
    (
        "2011-national-urban-jobs-target",
        9,
        None,
        "more than",
        "state-council",
        "chinaorg-20110305 ¶9",
    ),
    (
        "2012-national-urban-jobs-target",
        9,
        None,
        "more than",
        "state-council",
        "chinadaily-20120305 ¶12",
    ),
    (
        "2013-national-urban-jobs-target",
        9,
        None,
        "more than",
        "state-council",
        "chinadaily-20130305 ¶13",
    ),
    ("2014-national-urban-jobs-target", 10, None, None, "state-council", "people-2014-8573996 ¶4"),
    (
        "2015-national-urban-jobs-target",
        10,
        None,
        "more than",
        "state-council",
        "chinadaily-20150305 ¶4,7",
    ),
    ("2016-national-urban-jobs-target", 10, None, "more than", "state-council", "ecns-20160319 ¶9"),
    (
        "2017-national-urban-jobs-target",
        11,
        None,
        "more than",
        "state-council",
        "chinaorg-20170305 ¶6",
    ),
    (
        "2018-national-urban-jobs-target",
        11,
        None,
        "more than",
        "state-council",
        "gov-20180305 ¶9,12",
    ),
    (
        "2019-national-urban-jobs-target",
        11,
        None,
        "more than",
        "state-council",
        "cgtn-20190305 ¶20",
    ),
    (
        "2021-national-urban-jobs-target",
        11,
        None,
        "more than",
        "state-council",
        "people-20210305b ¶7",
    ),
    ("2022-national-urban-jobs-target", 11, None, "more than", "state-council", "cgtn-20220305 ¶4"),
    ("2023-national-urban-jobs-target", 12, None, "around", "state-council", "people-20230305 ¶11"),
    ("2024-national-urban-jobs-target", 12, None, "more than", "state-council", "gov-20240305 ¶8"),
    (
        "2025-national-urban-jobs-target",
        12,
        None,
        "more than",
        "state-council",
        "people-20250313 ¶10,13",
    ),
    (
        "2026-national-urban-jobs-target",
        12,
        None,
        "more than",
        "state-council",
        "people-20260306 ¶5",
    ),
]


@pytest.mark.parametrize(("figure", "value", "upper", "qualifier", "body", "source"), FIGURES)
def test_figure(
    all_facts: Facts,
    figure: str,
    value: float | None,
    upper: float | None,
    qualifier: str | None,
    body: str,
    source: str,
) -> None:
    found = next(f for f in all_facts.figures if f.id == figure)
    assert (found.value, found.upper, found.qualifier, found.body, cited(found.source)) == (
        value,
        upper,
        qualifier,
        body,
        source,
    )


def test_the_thresholds_of_issue_22(all_facts: Facts) -> None:
    npc = [s for s in all_facts.sessions if s.body == "npc"]
    assert len({s.year for s in npc if s.opens}) >= 15
    cppcc = [s for s in all_facts.sessions if s.body == "national-cppcc"]
    assert len({s.year for s in cppcc if s.opens}) >= 10
    targets = [f for f in all_facts.figures if f.series == "gdp-growth-target"]
    assert len({f.year for f in targets if f.body == "state-council"}) >= 15
    # Chongqing before 2018: the Congress's opening or the work report's presenter in at least
    # four years, and the growth target in at least three.
    early = [s for s in all_facts.sessions if s.body == "congress" and s.year < 2018]
    presented = {
        year
        for p in all_facts.people
        if p.body == "government"
        for st in p.statements
        for year in range(2008, 2018)
        if str(year) in st.text and "work report" in st.text
    }
    assert len({s.year for s in early if s.opens} | presented) >= 4
    assert len({f.year for f in targets if f.body == "government" and f.year < 2018}) >= 3
