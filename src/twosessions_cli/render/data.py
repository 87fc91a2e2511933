"""Every JSON payload the commands print: plain data, ISO dates, numbers as numbers.

Each record keeps its ``source`` list and gains ``origin`` (bundled, or the overlay file it came from).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import msgspec

from twosessions_cli.errors import Problem
from twosessions_cli.records import (
    AgendaEntry,
    Body,
    Facts,
    Figure,
    Person,
    Session,
    SourceRef,
    Topic,
    grounded_parts,
)
from twosessions_cli.render.calendar import next_headline, nothing_ahead, standing_text
from twosessions_cli.text import WEEKDAYS

if TYPE_CHECKING:
    from twosessions_cli.ical import CalendarEvent
    from twosessions_cli.lookups import Hit, SourceUse
    from twosessions_cli.schedule import Standing, Timeline


def record_data(facts: Facts, kind: str, record: Any, /, **extra: Any) -> dict[str, Any]:
    """A record as plain JSON data, with where it was loaded from and any derived fields.

    Every statement (and date) gains its citable ``id``, and every citation the ``address``
    of its source, so that a script can follow any sentence to the page that says it.
    """
    data: dict[str, Any] = msgspec.to_builtins(record)
    for sid, path, _ in grounded_parts(record):
        _at(data, path)["id"] = sid
    _add_addresses(data, {s.id: s.address for s in facts.sources})
    data.update(extra)
    data["origin"] = facts.origin_of(kind, record.id)
    return data


_STEP = re.compile(r"([A-Za-z_]+)|\[(\d+)\]")


def _at(data: Any, path: str) -> dict[str, Any]:
    """The part of a record's JSON data at a path such as ``explanation[1][0]``."""
    here = data
    for name, index in _STEP.findall(path):
        here = here[name] if name else here[int(index)]
    found: dict[str, Any] = here
    return found


def _add_addresses(data: Any, addresses: dict[str, str | None]) -> None:
    if isinstance(data, dict):
        if set(data) == {"source", "paragraph"} and isinstance(data["source"], str):
            data["address"] = addresses.get(data["source"])
            return
        for value in data.values():
            _add_addresses(value, addresses)
    elif isinstance(data, list):
        for value in data:
            _add_addresses(value, addresses)


def citation_data(facts: Facts, refs: Sequence[SourceRef]) -> list[dict[str, Any]]:
    addresses = {s.id: s.address for s in facts.sources}
    return [
        {"source": r.source, "paragraph": r.paragraph, "address": addresses.get(r.source)}
        for r in refs
    ]


def session_data(facts: Facts, session: Session, bodies: dict[str, Body]) -> dict[str, Any]:
    body = bodies.get(session.body)
    return record_data(
        facts, "sessions", session, days=session.days, body_name=body.name if body else None
    )


def hits_data(facts: Facts, query: str, hits: Sequence[Hit]) -> dict[str, Any]:
    """Search results as JSON data: every hit, however many the table would show."""
    return {
        "query": query,
        "total": len(hits),
        "hits": [
            {
                "kind": h.kind,
                "id": h.id,
                "label": h.label,
                "field": h.field,
                "text": h.text,
                "cite_id": h.cite_id,
                "source": citation_data(facts, h.source),
            }
            for h in hits
        ],
    }


def validation_data(
    problems: Sequence[Problem], counts: dict[str, int], checked: Sequence[str]
) -> dict[str, Any]:
    """The outcome of ``validate`` as JSON data."""
    return {
        "ok": not problems,
        "paths": list(checked),
        "records": counts,
        "problems": [{"file": p.file, "path": p.path, "message": p.message} for p in problems],
    }


def next_data(
    facts: Facts, standings: Sequence[Standing], bodies: dict[str, Body], today: dt.date
) -> dict[str, Any]:
    return {
        "today": today.isoformat(),
        "headline": next_headline(standings, bodies),
        "all_ended": nothing_ahead(standings),
        "sessions": [
            {
                **session_data(facts, s.session, bodies),
                "status": {
                    "state": s.state,
                    "opens_in_days": s.opens_in,
                    "day": s.day,
                    "of_days": s.span.days if s.day is not None else None,
                    "ended_days_ago": s.ended_ago,
                    "text": standing_text(s),
                },
            }
            for s in standings
        ],
    }


def timeline_data(facts: Facts, line: Timeline, bodies: dict[str, Body]) -> dict[str, Any]:
    return {
        "year": line.year,
        "from": line.days[0].date.isoformat(),
        "to": line.days[-1].date.isoformat(),
        "sessions": [session_data(facts, s.session, bodies) for s in line.spans],
        "undated": [s.id for s in line.undated],
        "days": [
            {
                "date": day.date.isoformat(),
                "weekday": WEEKDAYS[day.date.weekday()][:3],
                "sitting": [
                    {
                        "session": s.session.id,
                        "body": s.session.body,
                        "day": s.day,
                        "of_days": s.span.days,
                    }
                    for s in day.sittings
                ],
                "overlap": len(day.sittings) > 1,
            }
            for day in line.days
        ],
    }


def glossary_data(facts: Facts, topics: Sequence[Topic]) -> dict[str, Any]:
    return {
        "terms": [
            {
                "id": t.id,
                "english": t.title,
                "chinese": t.chinese,
                "pinyin": t.pinyin,
                "meaning": t.summary.text,
                "source": citation_data(facts, t.summary.source),
                "origin": facts.origin_of("topics", t.id),
            }
            for t in topics
        ]
    }


def dates_data(
    facts: Facts, sessions: Sequence[Session], bodies: dict[str, Body], *, all_years: bool
) -> dict[str, Any]:
    return {
        "year": None if all_years else sessions[0].year,
        "sessions": [session_data(facts, s, bodies) for s in sessions],
    }


def topics_data(facts: Facts, topics: Sequence[Topic]) -> dict[str, Any]:
    return {"topics": [record_data(facts, "topics", t) for t in topics]}


def topic_data(facts: Facts, topic: Topic) -> dict[str, Any]:
    return {"topic": record_data(facts, "topics", topic)}


def figures_data(
    facts: Facts, year: int, figures: Sequence[Figure], bodies: dict[str, Body]
) -> dict[str, Any]:
    return {
        "year": year,
        "figures": [
            record_data(facts, "figures", f, body_name=bodies[f.body].name) for f in figures
        ],
    }


def agenda_data(facts: Facts, entries: Sequence[AgendaEntry]) -> dict[str, Any]:
    return {
        "year": entries[0].year,
        "agenda": [record_data(facts, "agenda", e) for e in entries],
    }


def people_data(facts: Facts, people: Sequence[Person]) -> dict[str, Any]:
    return {"people": [record_data(facts, "people", p) for p in people]}


def sources_data(facts: Facts, uses: Sequence[SourceUse]) -> dict[str, Any]:
    return {
        "sources": [record_data(facts, "sources", u.source, facts=u.facts) for u in uses],
    }


def ics_data(file: str | None, events: Sequence[CalendarEvent]) -> dict[str, Any]:
    """The calendar's events as JSON data, with the dates a calendar program will show."""
    return {
        "file": file,
        "events": [
            {
                "uid": e.uid,
                "summary": e.summary,
                "start": e.start.isoformat(),
                "end_exclusive": e.end.isoformat(),
                "last_day": (e.end - dt.timedelta(days=1)).isoformat(),
                "location": e.location,
                "description": e.description,
            }
            for e in events
        ],
    }
