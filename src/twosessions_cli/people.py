"""People: who a name, a role or a Chinese role word finds, and who held an office when."""

from __future__ import annotations

import re

import msgspec

from twosessions_cli.errors import NotFound
from twosessions_cli.records import Person
from twosessions_cli.store import Facts
from twosessions_cli.text import normalize, plural, quoted

#: Chinese role words, as patterns over a role in English (folded by ``normalize``). This is
#: vocabulary, not facts: the roles are the data's, and these only let 市长 find "Mayor of
#: Chongqing". A word finds the roles that contain it in Chinese, as a Chinese reader expects:
#: 主任 finds a 副主任 (deputy director) too. The People's Congress's Standing Committee is
#: led by a 主任 (its English "chair"), the CPPCC committee by a 主席.
_CONGRESS_STANDING_CHAIR = r"\bchair of the standing committee\b.*\bpeoples congress\b"
ROLE_WORDS: dict[str, str] = {
    "市长": r"\bmayor\b",
    "总理": r"\bpremier\b",
    "主席": r"\bchair(man|person)?\b(?!.*\bstanding committee\b.*\bpeoples congress\b)",
    "副主席": r"\bvice chair(man|person)?\b",
    "主任": rf"\bdirector\b|{_CONGRESS_STANDING_CHAIR}",
    "副主任": r"\bdeputy director\b",
    "主席团": r"\bpresidium\b",
    "常委": r"\bmember of\b.*\bstanding committee\b",
    "委员": r"\bmember\b",
    "主持": r"\bpresided\b",
    "国务院": r"\bstate council\b",
    "研究室": r"\bresearch office\b",
}


def _role_pattern(key: str) -> re.Pattern[str] | None:
    """The pattern of a Chinese role word ('市长', or 市長 folded to it), if ``key`` is one."""
    found = ROLE_WORDS.get(key)
    return re.compile(found) if found else None


def by_latest(people: list[Person]) -> list[Person]:
    """People latest first (by the year of the sessions at which the data shows them)."""
    return sorted(people, key=lambda p: -p.year)


def people_matching(facts: Facts, name: str | None) -> list[Person]:
    """People whose name, role or id contains ``name`` (case-insensitive), or whose role a
    Chinese role word names (市长: the mayors); all with no name. Latest first."""
    if name is None:
        return by_latest(list(facts.people))
    key = normalize(name)
    # Words are matched from their start ('hu' finds Hu Henghua, not Xue Zhu); Chinese, which
    # has no spaces between words, anywhere.
    starts = re.compile(r"(?<![a-z0-9])" + re.escape(key)) if key.isascii() else None
    role_word = _role_pattern(key)

    def said(value: str) -> bool:
        folded = normalize(value)
        return bool(starts.search(folded)) if starts else key in folded

    found = [
        p
        for p in facts.people
        if any(said(v) for v in (p.name, p.id, *p.former_ids(), p.role, p.chinese or ""))
        or any(said(r.role) for r in p.roles)
        or any(said(st.text) for st in p.statements)
        or (
            role_word is not None
            and any(role_word.search(normalize(r.role)) for r in p.every_role())
        )
    ]
    if not found:
        raise NotFound(
            f"nobody matching {quoted(name)}; 'twosessions who' lists the "
            f"{plural(len(facts.people), 'person', 'people')} in the data"
        )
    return by_latest(found)


def missed_at_default_level(everywhere: Facts, name: str, missing: NotFound) -> NotFound:
    """A name that Chongqing's records miss but the national ones hold (``who premier``):
    the error says so and gives the command that finds them, rather than "nobody"."""
    try:
        found = people_matching(everywhere, name)
    except NotFound:
        return missing
    people = plural(len(found), "person", "people")
    return NotFound(
        f"nobody matching {quoted(name)} in Chongqing's sessions; {people} at the national "
        f"level match: twosessions who {quoted(name)} --level all"
    )


class Office(msgspec.Struct, frozen=True):
    """A role that several people held one after another, latest first.

    Each holder's year is the year of the sessions at which the sources show them in the role
    (the latest such year the data records), so the first holder is the latest in the data,
    not necessarily the one in office today.
    """

    role: str
    body: str
    holders: list[Person]


def offices(people: list[Person]) -> list[Office]:
    """The roles among ``people`` held by two or more of them in different years: a succession
    (mayors, premiers). Members elected together in one year are not one office."""
    grouped: dict[tuple[str, str], list[Person]] = {}
    for person in people:
        grouped.setdefault((normalize(person.role), person.body), []).append(person)
    found = []
    for holders in grouped.values():
        years = [p.year for p in holders]
        if len(holders) >= 2 and len(set(years)) == len(years):
            latest = by_latest(holders)
            found.append(Office(latest[0].role, latest[0].body, latest))
    return found
