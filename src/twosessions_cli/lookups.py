"""Questions asked of the facts, as plain functions: no printing, no Typer, no Rich."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import msgspec

from twosessions_cli.errors import NotFound
from twosessions_cli.records import (
    KINDS,
    AgendaEntry,
    Figure,
    Grounds,
    Person,
    Record,
    Session,
    Source,
    Topic,
    citations,
    grounded_parts,
)
from twosessions_cli.store import Facts
from twosessions_cli.text import normalize, quoted


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
    raise NotFound(f"no topic called {quoted(query)}; {hint}")


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


def held_none(facts: Facts, what: str, otherwise: str = "") -> NotFound:
    """'the data holds no WHAT': at --level national, says the level and what would work."""
    if facts.level == "national":
        return NotFound(f"the data holds no {what} for the national sessions; try --level all")
    return NotFound(f"the data holds no {what}" + (f"; {otherwise}" if otherwise else ""))


def _no_sessions(facts: Facts) -> NotFound:
    return held_none(facts, "sessions", "add some with --data DIR")


def latest_year(facts: Facts) -> int:
    years = years_with_sessions(facts)
    if not years:
        raise _no_sessions(facts)
    return years[-1]


def _years_text(years: Iterable[int]) -> str:
    return ", ".join(str(y) for y in sorted(set(years))) or "none"


def sessions_in_year(facts: Facts, year: int | None) -> list[Session]:
    """The sessions of a year in opening order (``None``: the latest year with sessions)."""
    if not facts.sessions:
        raise _no_sessions(facts)
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
        raise _no_sessions(facts)
    return sorted(facts.sessions, key=_session_order)


def _session_order(session: Session) -> tuple[dt.date, str]:
    # Undated sessions (a year known, no date reported) sort last in their year.
    opens = session.opens.date if session.opens else dt.date(session.year, 12, 31)
    return (opens, session.body)


def latest_figures_year(facts: Facts, *, reported: bool = False) -> int:
    """The latest year any figure counts (``reported``: the latest sessions that reported one)."""
    if reported:
        session_year = {s.id: s.year for s in facts.sessions}
        years = [session_year[f.session_id] for f in facts.figures if f.session_id in session_year]
    else:
        years = [f.year for f in facts.figures]
    if not years:
        raise held_none(facts, "figures" + (" tied to a session" if reported else ""))
    return max(years)


def figures_of_year(facts: Facts, year: int) -> list[Figure]:
    found = [f for f in facts.figures if f.year == year]
    if not found:
        raise NotFound(
            f"no figures recorded for {year}; years with figures: "
            f"{_years_text(f.year for f in facts.figures)}"
        )
    return found


def figures_reported_in(facts: Facts, year: int) -> list[Figure]:
    """Figures reported at a year's sessions: those of January 2025 mostly count 2024."""
    session_year = {s.id: s.year for s in facts.sessions}
    reported = [f for f in facts.figures if f.session_id in session_year]
    found = [f for f in reported if session_year[f.session_id or ""] == year]
    if not found:
        raise NotFound(
            f"no figures recorded as reported at the {year} sessions; years with some: "
            f"{_years_text(session_year[f.session_id or ''] for f in reported)}"
        )
    return sorted(found, key=lambda f: (f.year, f.session_id or ""))


def agenda_of_year(facts: Facts, year: int | None) -> list[AgendaEntry]:
    """Agenda entries of a year (``None``: the latest year with any)."""
    years = sorted({a.year for a in facts.agenda})
    if not years:
        raise held_none(facts, "agenda entries")
    wanted = years[-1] if year is None else year
    found = [a for a in facts.agenda if a.year == wanted]
    if not found:
        raise NotFound(
            f"no agenda recorded for {wanted}; years with an agenda: {_years_text(years)}"
        )
    return found


class SourceUse(msgspec.Struct, frozen=True):
    """A source document and how many records draw on it."""

    source: Source
    facts: int


def source_usage(facts: Facts) -> list[SourceUse]:
    """Each source that records (of every other kind) cite, with how many do.

    A source no record cites at the chosen --level (a page on the national sessions, when
    listing Chongqing's) is left out.
    """
    counts = {s.id: 0 for s in facts.sources}
    for kind in KINDS:
        if kind == Source.KIND:
            continue
        for record in facts.records(kind):
            for source_id in {ref.source for ref in citations(record)}:
                if source_id in counts:
                    counts[source_id] += 1
    return [SourceUse(s, counts[s.id]) for s in facts.sources if counts[s.id]]


class Citable(msgspec.Struct, frozen=True):
    """What ``cite`` found for an id: a record, and the part of it the id names (if any)."""

    kind: str
    record: Record
    part: Grounds | None
    part_id: str | None
    #: The id asked for, when it was a former id of the record (renamed since).
    former_id: str | None = None


def find_citable(facts: Facts, wanted: str) -> Citable:
    """The record or statement an id names (``2025-proposals-handled``, ``cppcc.p2.s1``).

    A former id (``aliases``) finds the record it now belongs to, saying so in ``former_id``.
    """
    key = wanted.strip()
    found = _citable(facts, key)
    if found is None and (now := facts.current_id(key)) != key:
        found = _citable(facts, now)
        if found is not None:
            return msgspec.structs.replace(found, former_id=key)
    if found is None:
        raise NotFound(
            f"no record or statement called {quoted(wanted)}; ids are shown by --json and by "
            "'twosessions search', for example 2025-proposals-handled or cppcc.summary"
        )
    return found


def _citable(facts: Facts, key: str) -> Citable | None:
    for kind in KINDS:
        for record in facts.records(kind):
            if record.id == key:
                return Citable(kind, record, None, None)
    for kind in KINDS:
        for record in facts.records(kind):
            if not key.startswith(f"{record.id}."):
                continue
            for sid, _, part in grounded_parts(record):
                if sid == key:
                    return Citable(kind, record, part, sid)
    return None


# --------------------------------------------------------------------------------------------
# Glossary and completion
# --------------------------------------------------------------------------------------------


def glossary(facts: Facts) -> list[Topic]:
    """Every topic, in alphabetical order of its English name ('The' does not count)."""
    if not facts.topics:
        raise held_none(facts, "topics")
    return sorted(facts.topics, key=lambda t: (normalize(t.title), t.id))


def _safe_to_insert(name: str) -> bool:
    """A name a shell can insert as one word: no spaces, quotes or other shell syntax."""
    return bool(name) and not any(ch.isspace() or ch in "'\"`$\\;&|<>()*?[]{}!#~" for ch in name)


def topic_completions(facts: Facts, incomplete: str) -> list[tuple[str, str]]:
    """What a shell offers after 'explain': (name, summary) pairs.

    With nothing typed, the topic ids alone (one per topic). Once something is typed, the ids
    and the other one-word names (English or Chinese) that start with it. Names with spaces or
    quotes are left out: inserted unquoted they would split or leave a quote open; typed in
    quotes they still work.
    """
    typed = incomplete.casefold()
    found: dict[str, tuple[str, str]] = {}  # folded name -> (name, summary)
    for topic in facts.topics:
        if topic.id.casefold().startswith(typed):
            found.setdefault(topic.id.casefold(), (topic.id, topic.summary.text))
    if typed:
        for topic in facts.topics:
            for name in topic.names():
                if _safe_to_insert(name) and name.casefold().startswith(typed):
                    found.setdefault(name.casefold(), (name, topic.summary.text))
    return list(found.values())


def citable_completions(facts: Facts, incomplete: str) -> list[tuple[str, str]]:
    """What a shell offers after 'cite': (id, what it names) pairs that start with the text.

    Record ids first; the ids of a record's parts (``2026-cppcc.opens``) once a '.' is typed,
    so that the list stays one line per record until the reader picks one.
    """
    key = incomplete.strip()
    found: list[tuple[str, str]] = []
    for kind in KINDS:
        for record in facts.records(kind):
            if record.id.startswith(key):
                found.append((record.id, record.caption()))
            if "." in key and key.startswith(f"{record.id}."):
                for sid, name, part in grounded_parts(record):
                    if sid.startswith(key):
                        text = getattr(part, "text", None) or getattr(part, "date", None)
                        found.append((sid, str(text or name)))
    return found


def year_completions(years: Iterable[int], incomplete: str) -> list[str]:
    """Years (newest first) that start with what has been typed."""
    return [str(y) for y in sorted(set(years), reverse=True) if str(y).startswith(incomplete)]


# --------------------------------------------------------------------------------------------
# What the data covers
# --------------------------------------------------------------------------------------------


def _body_in(person: Person, year: int) -> str:
    """The body a person spoke for in a year: that of their role of that year, else their latest."""
    return next((r.body for r in person.every_role() if r.year == year), person.body)


class Coverage(msgspec.Struct, frozen=True):
    """What the data knows of one body's session in one year."""

    year: int
    body: str
    session: Session | None
    figures: int
    reports: int


def coverage(facts: Facts) -> list[Coverage]:
    """Year by body, for every year with a session of the CPPCC committee or the Congress."""
    by_key = {(s.year, s.body): s for s in facts.sessions}
    numbered = {s.body for s in facts.sessions if s.term is not None}
    bodies = [b.id for b in facts.bodies if b.id in numbered]
    years = sorted({s.year for s in facts.sessions})
    published = {s.id: (s.published or "")[:4] for s in facts.sources}
    rows = []
    for year in years:
        for body in bodies:
            session = by_key.get((year, body))
            figures = sum(
                1 for f in facts.figures if session is not None and f.session_id == session.id
            )
            speakers = {body, "government"} if body == "congress" else {body}
            reports = sum(
                1
                for p in facts.people
                if _body_in(p, year) in speakers
                for st in p.statements
                if any(published.get(r.source) == str(year) for r in st.source)
            )
            rows.append(Coverage(year, body, session, figures, reports))
    return rows
