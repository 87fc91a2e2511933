"""People: Chinese role words find them, an office says who held it when and who is latest,
and ``who`` never gives two different notes one mark (issue 20)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from conftest import Run

from twosessions_cli import people
from twosessions_cli.errors import NotFound
from twosessions_cli.store import Facts

CLI = Callable[..., Run]
MAYORS = ["hu-henghua", "tang-liangzhi", "huang-qifan", "wang-hongju"]


def ids(found: list[people.Person]) -> list[str]:
    return [p.id for p in found]


@pytest.mark.parametrize("word", ["市长", "市長", "mayor", "Mayor"])
def test_the_mayors_by_any_name_latest_first(facts: Facts, word: str) -> None:
    assert ids(people.people_matching(facts, word)) == MAYORS


def test_zhuren_finds_directors_and_the_congress_standing_committee_chair(facts: Facts) -> None:
    found = ids(people.people_matching(facts, "主任"))
    assert "zhang-xiaofei" in found  # Director of the Research Office (研究室主任)
    assert "zhang-bin" in found  # Deputy Director of the Standing Committee (副主任)
    assert any(p.startswith("wang-jiong") for p in found)  # its chair (人大常委会主任)
    assert not any(p in found for p in MAYORS)


def test_zhuxi_finds_chairs_but_not_the_congress_standing_committee_chair(facts: Facts) -> None:
    found = people.people_matching(facts, "主席")
    assert {"zhou-yong", "li-jing", "zhang-xuan"} <= set(ids(found))
    zhuxi = re.compile(people.ROLE_WORDS["主席"])
    congress_chair = "Chair of the Standing Committee of the Chongqing Municipal People's Congress"
    assert not zhuxi.search(people.normalize(congress_chair))  # that chair is a 主任
    assert re.search(people.ROLE_WORDS["主任"], people.normalize(congress_chair))


def test_zongli_finds_the_premiers(all_facts: Facts) -> None:
    assert ids(people.people_matching(all_facts, "总理")) == [
        "li-qiang",
        "li-keqiang",
        "wen-jiabao",
    ]
    assert ids(people.people_matching(all_facts, "總理")) == [
        "li-qiang",
        "li-keqiang",
        "wen-jiabao",
    ]


def test_a_chinese_word_that_is_no_role_still_finds_nobody(facts: Facts) -> None:
    with pytest.raises(NotFound, match="nobody matching '市委'"):
        people.people_matching(facts, "市委")


def test_an_office_names_its_holders_latest_first(facts: Facts) -> None:
    found = people.offices(people.people_matching(facts, "mayor"))
    assert [(o.role, ids(o.holders)) for o in found] == [("Mayor of Chongqing", MAYORS)]


def test_members_elected_together_are_not_an_office(facts: Facts) -> None:
    assert people.offices(people.people_matching(facts, "elected in 2019")) == []


def test_who_mayor_says_who_held_the_office_when_and_who_is_latest(cli: CLI) -> None:
    result = cli("who", "mayor")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(
        "Mayor of Chongqing · Municipal government, latest first:\n"
        "  2026 sessions  Hu Henghua 胡衡华 (the latest in the data)\n"
        "  2021 sessions  Tang Liangzhi 唐良智\n"
        "  2016 sessions  Huang Qifan\n"
        "  2009 sessions  Wang Hongju\n"
    )
    # The year beside a role says what it is, and the view says it once.
    assert "Hu Henghua 胡衡华 · Mayor of Chongqing · Municipal government · 2026 sessions\n" in (
        result.stdout
    )
    assert "A person's year is that of the sessions at which the sources show them" in (
        result.stdout.replace("\n", " ")
    )


def test_who_mayor_json_names_the_latest_holder(cli: CLI) -> None:
    data = cli("who", "市长", "--json").json()
    assert [p["id"] for p in data["people"]] == MAYORS
    assert data["offices"] == [
        {
            "role": "Mayor of Chongqing",
            "body": "government",
            "latest": "hu-henghua",
            "holders": [
                {"id": "hu-henghua", "name": "Hu Henghua", "year": 2026},
                {"id": "tang-liangzhi", "name": "Tang Liangzhi", "year": 2021},
                {"id": "huang-qifan", "name": "Huang Qifan", "year": 2016},
                {"id": "wang-hongju", "name": "Wang Hongju", "year": 2009},
            ],
        }
    ]
    assert data["year_means"].startswith("A person's year is that of the sessions")


@pytest.mark.parametrize("args", [["who"], ["who", "zhang"], ["who", "--level", "all"]])
def test_no_two_notes_share_a_mark(cli: CLI, args: list[str]) -> None:
    # Issue 20: 'who' printed '[1] Year inferred: ...' and '[1] icq-20260125: ...'.
    result = cli(*args, env={"COLUMNS": "2000"})
    assert result.exit_code == 0, result.stderr
    marks = re.findall(r"^(\[[a-z]?\d+\]|\[g\]) ", result.stdout, flags=re.M)
    assert marks, "the view has a legend"
    assert len(marks) == len(set(marks)), marks
    # Every mark used in the text is explained once below it.
    used = set(re.findall(r"\[(i\d+|\d+)(?:¶[\d,-]+)?\]", result.stdout))
    assert used == {m.strip("[]") for m in marks}


def test_a_role_word_finds_a_persons_other_roles_too(facts: Facts) -> None:
    # Wang Jiong chairs the Congress's Standing Committee (主任) and was an executive chairman
    # (执行主席) of the CPPCC committee's 2019 session: 主席 finds him by that other role.
    assert "wang-jiong" in ids(people.people_matching(facts, "主席"))
    assert "wang-jiong" in ids(people.people_matching(facts, "主任"))


def test_who_premier_at_the_default_level_points_to_the_national_records(cli: CLI) -> None:
    # The premier is a national figure: Chongqing's records (the default) have none, and
    # 'nobody matching' alone would send the reader away.
    result = cli("who", "premier")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "twosessions: error: nobody matching 'premier' in Chongqing's sessions; 3 people at the "
        "national level match: twosessions who 'premier' --level all\n"
    )
    assert cli("who", "premier", "--level", "all").exit_code == 0
    # A level the reader chose is answered as asked, and a name nobody has gets the plain miss.
    chosen = cli("who", "premier", "--level", "chongqing").stderr
    assert chosen.startswith("twosessions: error: nobody matching 'premier'; ")
    assert "national level" not in cli("who", "qqqq").stderr
