"""Rules that the typed schema alone cannot express: bases, citations, dates, references.

The basis rule: every statement (and every date or other grounded part of a record) has exactly
one basis. ``source``: the cited paragraphs say it, so it cites at least one paragraph;
``inferred``: it follows from the sources, so it gives its ``reason``; ``general``: general
knowledge the sources do not state, so it cites nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from twosessions_cli.errors import Problem
from twosessions_cli.records import (
    KINDS,
    Dated,
    Grounds,
    Session,
    Sitting,
    Source,
    SourceRef,
    grounded_parts,
)
from twosessions_cli.store import Facts
from twosessions_cli.text import normalize

BASIS_RULE = (
    "every statement has exactly one basis: 'source' cites the paragraphs that say it, "
    "'inferred' gives its reason, 'general' (general knowledge) cites nothing"
)


def check(facts: Facts) -> list[Problem]:
    """Every rule broken by the merged facts, located in the file each record came from."""
    return sorted(_check(facts), key=reading_order)


def reading_order(problem: Problem) -> tuple[str, int, str]:
    """Sort key: by file, then record index, then field."""
    # "$[12].closes" sorts after "$[2].body": by file, then record index, then field.
    index = problem.path.removeprefix("$[").split("]", 1)[0]
    return (problem.file, int(index) if index.isdigit() else -1, problem.path)


def _problem(facts: Facts, kind: str, record_id: str, field: str, message: str) -> Problem:
    where = facts.located.get((kind, record_id))
    if where is None:
        return Problem(f"{kind}.json", f"$[id={record_id}].{field}", message)
    return Problem(where.file, where.path(field), message)


def _check(facts: Facts) -> Iterator[Problem]:
    sources = {s.id: s for s in facts.sources}
    sessions = {s.id: s for s in facts.sessions}
    bodies = {b.id for b in facts.bodies}
    # A reference may still use a record's former id: it finds the record as lookups do.
    ids = {
        kind: {i for r in facts.records(kind) for i in (r.id, *r.former_ids())} for kind in KINDS
    }

    # One pass over every record and its grounded parts. The checks append what they find, and
    # a sound record costs a dictionary lookup or two per citation: 'validate' runs all of this.
    found: list[Problem] = []
    for kind in KINDS:
        refers = KINDS[kind].REFERS
        for record in facts.records(kind):
            _check_parts(facts, kind, record, sources, sessions, found)
            _check_bodies(facts, kind, record, bodies, sources, found)
            for field, target in refers:
                value = getattr(record, field)
                if (
                    value is not None
                    and value not in ids[target]
                    and _unknown(facts, target, value)
                ):
                    found.append(
                        _problem(
                            facts,
                            kind,
                            record.id,
                            field,
                            f"unknown {_SINGULAR[target]} {value!r} "
                            f"(expected the id of a {_SINGULAR[target]})",
                        )
                    )
    yield from found

    for source in facts.sources:
        if source.reliability == "reprint" and not source.reprint_of:
            yield _problem(
                facts,
                "sources",
                source.id,
                "reprint_of",
                "a reprint names no original (expected reprint_of: the outlet it copies)",
            )
    for session in facts.sessions:
        yield from _check_session(facts, session)
    yield from _check_one_session_per_body_and_year(facts)
    yield from _check_former_ids(facts)
    yield from _check_topics(facts, ids["topics"])


def _check_bodies(
    facts: Facts,
    kind: str,
    record: Any,
    bodies: set[str],
    sources: dict[str, Source],
    found: list[Problem],
) -> None:
    """The body a record belongs to, and those of a person's other roles (which cite
    paragraphs as the record does)."""
    body = getattr(record, "body", None)
    if body is not None and body not in bodies and _unknown(facts, "bodies", body):
        found.append(_unknown_body(facts, kind, record.id, "", body, bodies))
    for n, role in enumerate(getattr(record, "roles", ())):
        where = f"roles[{n}]."
        if role.body not in bodies and _unknown(facts, "bodies", role.body):
            found.append(_unknown_body(facts, kind, record.id, where, role.body, bodies))
        _check_refs(facts, kind, record.id, where, role.source, sources, found)


def _unknown_body(
    facts: Facts, kind: str, record_id: str, where: str, body: str, bodies: set[str]
) -> Problem:
    return _problem(
        facts,
        kind,
        record_id,
        f"{where}body",
        f"unknown body {body!r} (expected one of {', '.join(sorted(bodies))})",
    )


def _unknown(facts: Facts, kind: str, record_id: str) -> bool:
    """Whether an id names no record even among those that did not decode (already reported)."""
    if kind not in facts.broken:
        return True
    broken = facts.broken[kind]
    return broken is not None and record_id not in broken


_SINGULAR = {
    "sessions": "session",
    "people": "person",
    "topics": "topic",
}


def _check_refs(
    facts: Facts,
    kind: str,
    record_id: str,
    where: str,
    refs: Sequence[SourceRef],
    sources: dict[str, Source],
    found: list[Problem],
) -> None:
    for n, ref in enumerate(refs):
        source = sources.get(ref.source)
        if source is not None and ref.paragraph <= source.paragraphs:
            continue
        if source is None:
            if not _unknown(facts, "sources", ref.source):
                continue
            found.append(
                _problem(
                    facts,
                    kind,
                    record_id,
                    f"{where}source[{n}].source",
                    f"unknown source {ref.source!r} (expected the id of a record in "
                    "sources.json; 'twosessions sources' lists them)",
                )
            )
        else:
            found.append(
                _problem(
                    facts,
                    kind,
                    record_id,
                    f"{where}source[{n}].paragraph",
                    f"paragraph {ref.paragraph} is past the end of {ref.source} "
                    f"(expected 1 to {source.paragraphs})",
                )
            )


def _check_parts(
    facts: Facts,
    kind: str,
    record: Any,
    sources: dict[str, Source],
    sessions: dict[str, Session],
    found: list[Problem],
) -> None:
    """A record's own citations, then each grounded part's: its citations, its basis, and the
    session it reports sitting (if any)."""
    _check_refs(facts, kind, record.id, "", getattr(record, "source", []), sources, found)
    for sid, path, part in grounded_parts(record):
        _check_refs(facts, kind, record.id, f"{path}.", part.source, sources, found)
        message = _basis_problem(part)
        if message:
            found.append(_problem(facts, kind, record.id, f"{path}.basis", message))
        sitting = getattr(part, "sitting", None)
        if sitting is not None:
            found.extend(
                _check_sitting_of(
                    facts, sessions, sitting, (kind, record.id, f"{path}.sitting"), sid
                )
            )


def _basis_problem(part: Grounds) -> str | None:
    if part.basis == "source":
        return None if part.source else f"basis 'source' but no paragraph is cited; {BASIS_RULE}"
    if part.basis == "inferred" and not (part.reason and part.reason.strip()):
        return f"basis 'inferred' but no reason is given; {BASIS_RULE}"
    if part.basis == "general" and part.source:
        return f"basis 'general' but paragraphs are cited; {BASIS_RULE}"
    if part.basis == "general" and isinstance(part, Dated):
        return "a date cannot be general knowledge (expected basis 'source' or 'inferred')"
    return None


def _check_session(facts: Facts, session: Session) -> Iterator[Problem]:
    opens, closes = session.opens, session.closes
    if opens is not None and closes is not None and closes.date < opens.date:
        yield _problem(
            facts,
            "sessions",
            session.id,
            "closes.date",
            f"closes {closes.date.isoformat()} before it opens {opens.date.isoformat()} "
            "(expected a closing date on or after the opening date)",
        )
    if opens is not None and opens.date.year != session.year:
        yield _problem(
            facts,
            "sessions",
            session.id,
            "year",
            f"year {session.year} but the session opens in {opens.date.year} "
            "(expected the year of the opening date)",
        )


def _check_one_session_per_body_and_year(facts: Facts) -> Iterator[Problem]:
    """A body holds one yearly session: a second record is a conflict to resolve, not to keep."""
    seen: dict[tuple[str, int], str] = {}
    for session in facts.sessions:
        first = seen.setdefault((session.body, session.year), session.id)
        if first != session.id:
            yield _problem(
                facts,
                "sessions",
                session.id,
                "id",
                f"a second session of {session.body!r} in {session.year} (the first is "
                f"{first!r}); expected one record per body and year: give it the same id to "
                "replace it, or record the disagreement in its note",
            )


def _check_sitting_of(
    facts: Facts,
    sessions: dict[str, Session],
    sitting: Sitting,
    at: tuple[str, str, str],
    sid: str,
) -> Iterator[Problem]:
    """A session's dates agree with a report of it sitting: the day the report says it sat is
    within its dates, and an opening or closing on that day is 'held', not 'scheduled'."""
    kind, record_id, where = at
    session = sessions.get(sitting.session)
    if session is not None:
        yield from _check_sitting(facts, session, sitting.date, at, sid)
    elif _unknown(facts, "sessions", sitting.session):
        yield _problem(
            facts,
            kind,
            record_id,
            f"{where}.session",
            f"unknown session {sitting.session!r} (expected the id of a session)",
        )


def _check_sitting(
    facts: Facts, session: Session, day: dt.date, at: tuple[str, str, str], sid: str
) -> Iterator[Problem]:
    kind, record_id, where = at
    opens, closes = session.opens, session.closes
    if opens is not None and day < opens.date:
        yield _problem(
            facts,
            kind,
            record_id,
            f"{where}.date",
            f"{session.id} sat on {day.isoformat()}, before it opens {opens.date.isoformat()} "
            "(expected a day from its opening to its closing)",
        )
    if closes is not None and day > closes.date:
        yield _problem(
            facts,
            kind,
            record_id,
            f"{where}.date",
            f"{session.id} sat on {day.isoformat()}, after it closes {closes.date.isoformat()} "
            "(expected a day from its opening to its closing)",
        )
    for name, dated in (("opens", opens), ("closes", closes)):
        if dated is not None and dated.date == day and dated.status == "scheduled":
            yield _problem(
                facts,
                "sessions",
                session.id,
                f"{name}.status",
                f"{name} {day.isoformat()} is 'scheduled', but {sid} reports the session "
                "sitting that day (expected status 'held', citing that report)",
            )


def _check_former_ids(facts: Facts) -> Iterator[Problem]:
    """A former id finds one record only: no record has it as its id, no other as a former id."""
    owners = {r.id: r.id for kind in KINDS for r in facts.records(kind)}
    for kind in KINDS:
        for record in facts.records(kind):
            for n, old in enumerate(record.former_ids()):
                owner = owners.setdefault(old, record.id)
                if owner != record.id or old == record.id:
                    yield _problem(
                        facts,
                        kind,
                        record.id,
                        f"aliases[{n}]",
                        f"alias {old!r} already names {owner!r} (expected a former id of this "
                        "record that no other record uses)",
                    )


def _check_topics(facts: Facts, topics: set[str]) -> Iterator[Problem]:
    claimed: dict[str, str] = {}
    for topic in facts.topics:
        for n, related in enumerate(topic.related):
            if related not in topics:
                yield _problem(
                    facts,
                    "topics",
                    topic.id,
                    f"related[{n}]",
                    f"unknown topic {related!r} (expected the id of a topic)",
                )
        for name in dict.fromkeys(normalize(n) for n in topic.names()):
            owner = claimed.setdefault(name, topic.id)
            if owner != topic.id:
                yield _problem(
                    facts,
                    "topics",
                    topic.id,
                    "aliases",
                    f"name {name!r} already belongs to topic {owner!r} (expected names unique across topics)",
                )
