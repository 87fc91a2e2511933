"""Rules that the typed schema alone cannot express: dates in order, references that resolve."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from twosessions_cli.errors import Problem
from twosessions_cli.records import KINDS, Facts, Session
from twosessions_cli.text import normalize


def check(facts: Facts) -> list[Problem]:
    """Every rule broken by the merged facts, located in the file each record came from."""
    return sorted(_check(facts), key=_reading_order)


def _reading_order(problem: Problem) -> tuple[str, int, str]:
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
    bodies = {b.id for b in facts.bodies}
    topics = {t.id for t in facts.topics}
    people = {p.id for p in facts.people}
    sessions = {s.id for s in facts.sessions}

    for kind in KINDS:
        for record in facts.records(kind):
            yield from _check_provenance(facts, kind, record, sources)
            body = getattr(record, "body", None)
            if body is not None and body not in bodies:
                yield _problem(
                    facts,
                    kind,
                    record.id,
                    "body",
                    f"unknown body {body!r} (expected one of {', '.join(sorted(bodies))})",
                )

    for session in facts.sessions:
        yield from _check_session(facts, session)
    for entry in facts.agenda:
        if entry.session_id is not None and entry.session_id not in sessions:
            yield _problem(
                facts,
                "agenda",
                entry.id,
                "session_id",
                f"unknown session {entry.session_id!r} (expected the id of a session)",
            )
    for figure in facts.figures:
        if figure.reported_by is not None and figure.reported_by not in people:
            yield _problem(
                facts,
                "figures",
                figure.id,
                "reported_by",
                f"unknown person {figure.reported_by!r} (expected the id of a person)",
            )
    for body_record in facts.bodies:
        if body_record.topic is not None and body_record.topic not in topics:
            yield _problem(
                facts,
                "bodies",
                body_record.id,
                "topic",
                f"unknown topic {body_record.topic!r} (expected the id of a topic)",
            )
    yield from _check_topics(facts, topics)


def _check_provenance(
    facts: Facts, kind: str, record: Any, sources: dict[str, Any]
) -> Iterator[Problem]:
    for n, ref in enumerate(record.source):
        source = sources.get(ref.file)
        if source is None:
            known = ", ".join(sorted(sources)) or "none"
            yield _problem(
                facts,
                kind,
                record.id,
                f"source[{n}].file",
                f"unknown source {ref.file!r} (expected one of: {known})",
            )
        elif ref.paragraph > source.paragraphs:
            yield _problem(
                facts,
                kind,
                record.id,
                f"source[{n}].paragraph",
                f"paragraph {ref.paragraph} is past the end of {ref.file} "
                f"(expected 1 to {source.paragraphs})",
            )


def _check_session(facts: Facts, session: Session) -> Iterator[Problem]:
    if session.closes < session.opens:
        yield _problem(
            facts,
            "sessions",
            session.id,
            "closes",
            f"closes {session.closes.isoformat()} before it opens {session.opens.isoformat()} "
            "(expected a closing date on or after the opening date)",
        )
    if session.opens.year != session.year:
        yield _problem(
            facts,
            "sessions",
            session.id,
            "year",
            f"year {session.year} but the session opens in {session.opens.year} "
            "(expected the year of the opening date)",
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
