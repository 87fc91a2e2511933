"""Questions asked of the facts, as plain functions: no printing, no Typer, no Rich."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from twosessions_cli.errors import NotFound, UsageProblem
from twosessions_cli.records import (
    KINDS,
    AgendaEntry,
    Body,
    Facts,
    Figure,
    Person,
    Session,
    Source,
    SourceRef,
    Topic,
)
from twosessions_cli.text import normalize


def topic_index(topics: Iterable[Topic]) -> dict[str, Topic]:
    """Normalised name -> topic (the first topic to claim a name keeps it)."""
    index: dict[str, Topic] = {}
    for topic in topics:
        for name in topic.names():
            index.setdefault(normalize(name), topic)
    return index


def find_topic(facts: Facts, query: str) -> Topic:
    """The topic a name or alias refers to; ``NotFound`` with suggestions otherwise."""
    key = normalize(query)
    for topic in facts.topics:  # the common case, an id, without building the whole index
        if topic.id == key or topic.id == query:
            return topic
    index = topic_index(facts.topics)
    if key in index:
        return index[key]
    suggestions = suggest(key, index)
    hint = (
        f"did you mean {' or '.join(repr(s) for s in suggestions)}?"
        if suggestions
        else "run 'twosessions explain' to list the topics"
    )
    raise NotFound(f"no topic called {query!r}; {hint}")


def suggest(key: str, index: dict[str, Topic], limit: int = 3) -> list[str]:
    """Topic ids whose names are close to ``key`` (typos, partial words)."""
    import difflib

    if not key:
        return []
    names = list(index)
    close = difflib.get_close_matches(key, names, n=8, cutoff=0.6)
    close += [name for name in names if len(key) >= 3 and key in name]
    ids: list[str] = []
    for name in close:
        topic_id = index[name].id
        if topic_id not in ids:
            ids.append(topic_id)
    return ids[:limit]


def related_topics(facts: Facts, topic: Topic) -> list[Topic]:
    by_id = {t.id: t for t in facts.topics}
    return [by_id[r] for r in topic.related if r in by_id]


def years_with_sessions(facts: Facts) -> list[int]:
    return sorted({s.year for s in facts.sessions})


NO_SESSIONS = "the data holds no sessions; add some with --data DIR"


def latest_year(facts: Facts) -> int:
    years = years_with_sessions(facts)
    if not years:
        raise NotFound(NO_SESSIONS)
    return years[-1]


def _years_text(years: Iterable[int]) -> str:
    return ", ".join(str(y) for y in sorted(set(years))) or "none"


def sessions_in_year(facts: Facts, year: int | None) -> list[Session]:
    """The sessions of a year in opening order (``None``: the latest year with sessions)."""
    if not facts.sessions:
        raise NotFound(NO_SESSIONS)
    wanted = latest_year(facts) if year is None else year
    found = sorted((s for s in facts.sessions if s.year == wanted), key=_session_order)
    if not found:
        raise NotFound(
            f"no sessions recorded for {wanted}; years with sessions: "
            f"{_years_text(s.year for s in facts.sessions)}"
        )
    return found


def all_sessions(facts: Facts) -> list[Session]:
    if not facts.sessions:
        raise NotFound(NO_SESSIONS)
    return sorted(facts.sessions, key=_session_order)


def _session_order(session: Session) -> tuple[dt.date, str]:
    return (session.opens, session.body)


def figures_of_year(facts: Facts, year: int) -> list[Figure]:
    found = [f for f in facts.figures if f.year == year]
    if not found:
        raise NotFound(
            f"no figures recorded for {year}; years with figures: "
            f"{_years_text(f.year for f in facts.figures)}"
        )
    return found


def agenda_of_year(facts: Facts, year: int | None) -> list[AgendaEntry]:
    """Agenda entries of a year (``None``: the latest year with any)."""
    years = sorted({a.year for a in facts.agenda})
    if not years:
        raise NotFound("the data holds no agenda entries")
    wanted = years[-1] if year is None else year
    found = [a for a in facts.agenda if a.year == wanted]
    if not found:
        raise NotFound(
            f"no agenda recorded for {wanted}; years with an agenda: {_years_text(years)}"
        )
    return found


def people_matching(facts: Facts, name: str | None) -> list[Person]:
    """People whose name, role or id contains ``name`` (case-insensitive); all with no name."""
    if name is None:
        return list(facts.people)
    key = normalize(name)
    found = [
        p
        for p in facts.people
        if key in normalize(p.name) or key in normalize(p.id) or key in normalize(p.role)
    ]
    if not found:
        known = ", ".join(p.name for p in facts.people) or "none"
        raise NotFound(f"nobody matching {name!r}; people in the data: {known}")
    return found


def body_by_id(facts: Facts) -> dict[str, Body]:
    return {b.id: b for b in facts.bodies}


def person_by_id(facts: Facts) -> dict[str, Person]:
    return {p.id: p for p in facts.people}


@dataclass(frozen=True)
class SourceUse:
    """A source document and how many records draw on it."""

    source: Source
    facts: int


def source_usage(facts: Facts) -> list[SourceUse]:
    """Each source with the number of records (of every kind) that cite it."""
    counts = {s.id: 0 for s in facts.sources}
    for kind in KINDS:
        if kind == "sources":
            continue
        for record in facts.records(kind):
            for file in {ref.file for ref in record.source}:
                if file in counts:
                    counts[file] += 1
    return [SourceUse(s, counts[s.id]) for s in facts.sources]


@dataclass(frozen=True)
class Hit:
    """One place where a search matched: the kind of record, its id, a label and the matched text."""

    kind: str
    id: str
    label: str
    field: str
    text: str
    source: list[SourceRef]


def _searchable(record: Any) -> Iterator[tuple[str, str]]:
    """(field, text) pairs of a record that search looks into."""
    if isinstance(record, Topic):
        yield from (("title", record.title), ("summary", record.summary))
        if record.chinese:
            yield "chinese", record.chinese
        yield from (("alias", a) for a in record.aliases)
        yield from (("explanation", p) for p in record.explanation)
    elif isinstance(record, Person):
        yield from (("name", record.name), ("role", record.role))
        yield from (("statement", s.text) for s in record.statements)
    elif isinstance(record, Figure):
        yield "label", record.label
        yield "unit", record.unit
        if record.note:
            yield "note", record.note
    elif isinstance(record, AgendaEntry):
        yield from (("item", i) for i in record.items)
    elif isinstance(record, Session):
        if record.venue:
            yield "venue", record.venue
        if record.note:
            yield "note", record.note


def _label(record: Any) -> str:
    if isinstance(record, Topic):
        return record.title
    if isinstance(record, Person):
        return record.name
    if isinstance(record, Figure):
        return f"{record.year}: {record.label}"
    if isinstance(record, AgendaEntry | Session):
        return f"{record.year} {record.body}"
    return str(record.id)


SEARCH_KINDS = ("topics", "people", "figures", "agenda", "sessions")


def search(facts: Facts, text: str) -> list[Hit]:
    """Records whose text contains ``text`` (case- and punctuation-insensitive), one hit per record."""
    key = normalize(text.replace("\0", ""))
    if not key:
        raise UsageProblem("search text is empty; give a word such as 'congress' or '政协'")
    hits: list[Hit] = []
    for kind in SEARCH_KINDS:
        for record in facts.records(kind):
            fields = list(_searchable(record))
            # One normalisation per record: fields joined by NUL, which neither the query nor
            # normalize() can produce, so a match never spans two fields.
            if key not in normalize("\0".join(value for _, value in fields)):
                continue
            field_name, value = next(((f, v) for f, v in fields if key in normalize(v)), fields[0])
            hits.append(Hit(kind, record.id, _label(record), field_name, value, record.source))
    if not hits:
        raise NotFound(
            f"nothing matches {text!r}; try a broader word, or 'twosessions explain' for topics"
        )
    return hits


def parse_year(text: str) -> int:
    """A year as typed by a user: four digits, nothing else (exit 2 otherwise)."""
    stripped = text.strip()
    if not (stripped.isascii() and stripped.isdigit() and len(stripped) == 4):
        raise UsageProblem(f"invalid year {text!r}: expected four digits, such as 2026")
    return int(stripped)


# --------------------------------------------------------------------------------------------
# Glossary and completion
# --------------------------------------------------------------------------------------------


def glossary(facts: Facts) -> list[Topic]:
    """Every topic, in alphabetical order of its English name ('The' does not count)."""
    if not facts.topics:
        raise NotFound("the data holds no topics")
    return sorted(facts.topics, key=lambda t: (normalize(t.title), t.id))


def topic_completions(facts: Facts, incomplete: str) -> list[tuple[str, str]]:
    """Topic ids, then other names, that start with what has been typed: (name, summary)."""
    typed = incomplete.casefold()
    found: dict[str, str] = {}
    for topic in facts.topics:
        if topic.id.casefold().startswith(typed):
            found.setdefault(topic.id, topic.summary)
    for topic in facts.topics:
        for name in topic.names():
            if name.casefold().startswith(typed):
                found.setdefault(name, topic.summary)
    return list(found.items())


def year_completions(years: Iterable[int], incomplete: str) -> list[str]:
    """Years (newest first) that start with what has been typed."""
    return [str(y) for y in sorted(set(years), reverse=True) if str(y).startswith(incomplete)]
