"""Every JSON payload the commands print: plain data, ISO dates, numbers as numbers.

Each record keeps its ``source`` list and gains ``origin`` (bundled, or the overlay file it came from).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
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
    Source,
    SourceRef,
    Topic,
    citations,
    grounded_parts,
    json_schema,
    paragraphs_by_source,
    value_at,
)
from twosessions_cli.render.calendar import next_headline, nothing_ahead, standing_text
from twosessions_cli.text import PROG, WEEKDAYS

if TYPE_CHECKING:
    from twosessions_cli.ical import CalendarEvent
    from twosessions_cli.lookups import Citable, Coverage, Hit, Series, SourceUse
    from twosessions_cli.schedule import Standing, Timeline


def record_data(facts: Facts, kind: str, record: Any, /, **extra: Any) -> dict[str, Any]:
    """A record as plain JSON data, with where it was loaded from and any derived fields.

    Every statement (and date) gains its citable ``id``, and every citation the ``address``
    of its source, so that a script can follow any sentence to the page that says it.
    """
    data: dict[str, Any] = msgspec.to_builtins(record)
    for sid, path, _ in grounded_parts(record):
        part: dict[str, Any] = value_at(data, path)
        part["id"] = sid
    _add_addresses(data, {s.id: s.address for s in facts.sources})
    data.update(extra)
    data["origin"] = facts.origin_of(kind, record.id)
    return data


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
    facts: Facts,
    year: int,
    figures: Sequence[Figure],
    bodies: dict[str, Body],
    *,
    reported: bool = False,
) -> dict[str, Any]:
    return {
        "year": year,
        # Which year 'year' is: the one the figures count, or the one whose sessions reported them.
        "selected_by": "reported" if reported else "counted",
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


def trend_data(facts: Facts, series: Sequence[Series]) -> dict[str, Any]:
    return {
        "series": [
            {
                "id": one.id,
                "label": one.label,
                "unit": one.unit,
                "body": one.body,
                "points": [
                    {
                        "year": f.year,
                        "value": f.value,
                        "qualifier": f.qualifier,
                        "figure": f.id,
                        "inferred": msgspec.to_builtins(f.inferred),
                        "source": citation_data(facts, f.source),
                    }
                    for f in one.figures
                ],
            }
            for one in series
        ]
    }


def trend_names_data(series: Sequence[Series]) -> dict[str, Any]:
    return {
        "figures": [
            {
                "id": one.id,
                "label": one.label,
                "unit": one.unit,
                "body": one.body,
                "years": sorted({f.year for f in one.figures}),
            }
            for one in series
        ]
    }


def coverage_data(rows: Sequence[Coverage]) -> dict[str, Any]:
    def known(part: Any) -> str | None:
        if part is None:
            return None
        return "scheduled" if getattr(part, "status", None) == "scheduled" else str(part.basis)

    return {
        "coverage": [
            {
                "year": r.year,
                "body": r.body,
                "session": r.session.id if r.session else None,
                "number": known(r.session.numbered) if r.session else None,
                "opens": known(r.session.opens) if r.session else None,
                "closes": known(r.session.closes) if r.session else None,
                "reports": r.reports,
                "figures": r.figures,
            }
            for r in rows
        ]
    }


def _cited_refs(found: Citable) -> list[SourceRef]:
    if found.part is not None:
        return list(found.part.source)
    return citations(found.record)


def _what(found: Citable) -> str:
    """What is being cited, in one line: the statement itself, or the record described."""
    if found.part is not None:
        text = getattr(found.part, "text", None)
        if text:
            return str(text)
        date = getattr(found.part, "date", None)
        if date is not None:
            return f"{found.part_id}: {date.isoformat()} ({getattr(found.part, 'status', '')})"
        return f"{found.part_id} ({found.part.basis})"
    record = found.record
    if isinstance(record, Figure):
        value = f"{record.qualifier} {record.value:,}" if record.qualifier else f"{record.value:,}"
        return f"{record.label}, {record.year}: {value} {record.unit}"
    if isinstance(record, Session):
        label = record.label(long=True)
        return f"The {record.year} session of {record.body}" + (f", {label}" if label else "")
    for name in ("title", "name", "label"):
        found_text = getattr(record, name, None)
        if found_text:
            return str(found_text)
    return str(record.id)


def citation_record(facts: Facts, found: Citable) -> dict[str, Any]:
    """``cite --json``: what is cited, its basis, and each source with its paragraphs."""
    by_id = {s.id: s for s in facts.sources}
    part = found.part
    return {
        "id": found.part_id or found.record.id,
        "kind": found.kind,
        "what": _what(found),
        "basis": part.basis if part is not None else "source",
        "reason": part.reason if part is not None else None,
        "sources": [
            {
                "source": sid,
                "paragraphs": paragraphs,
                "address": by_id[sid].address if sid in by_id else None,
                "citation": by_id[sid].cited(paragraphs) if sid in by_id else sid,
            }
            for sid, paragraphs in paragraphs_by_source(_cited_refs(found)).items()
        ],
    }


def citation_text(facts: Facts, found: Citable, style: str) -> str:
    """A citation to paste: plain text, Markdown or BibTeX."""
    record = citation_record(facts, found)
    by_id = {s.id: s for s in facts.sources}
    lines: list[str] = []
    if style == "bibtex":
        for cited in record["sources"]:
            source = by_id.get(cited["source"])
            if source is not None:
                lines.append(_bibtex(source, cited["paragraphs"], record["id"]))
        if not lines:
            lines.append(f"% {record['id']}: {_no_source(record)}")
        return "\n\n".join(lines) + "\n"
    quote = record["what"]
    if style == "markdown":
        lines.append(f"> {quote}")
        lines.append("")
        for cited in record["sources"]:
            source = by_id.get(cited["source"])
            if source is None:
                continue
            name = f"'{source.title}'" if source.title else "untitled page"
            link = (
                f"[{source.publisher}, {name}]({source.address})"
                if source.address
                else (f"{source.publisher}, {name}")
            )
            label = "paragraph" if len(cited["paragraphs"]) == 1 else "paragraphs"
            numbers = ", ".join(str(p) for p in cited["paragraphs"])
            lines.append(f"— {link}, {source.published_text}, {label} {numbers}.")
    else:
        lines.append(quote)
        lines += [f"Source: {cited['citation']}." for cited in record["sources"]]
    if record["basis"] == "inferred":
        lines.append(f"Inferred: {record['reason']}")
    if not record["sources"]:
        lines.append(_no_source(record))
    lines.append(f"({PROG} {record['id']})")
    return "\n".join(lines) + "\n"


def _no_source(record: dict[str, Any]) -> str:
    if record["basis"] == "general":
        return "General knowledge, not from the sources: there is no page to cite."
    return "No page is cited for this."


_BIBTEX_SPECIAL = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "%": r"\%",
        "&": r"\&",
        "#": r"\#",
        "_": r"\_",
        "$": r"\$",
        "^": r"\^{}",
        "~": r"\~{}",
    }
)


def _bibtex(source: Source, paragraphs: Sequence[int], cited_id: str) -> str:
    def value(text: str) -> str:
        return text.translate(_BIBTEX_SPECIAL)

    key = re.sub(r"[^A-Za-z0-9-]", "", source.id) or "source"
    label = "paragraph" if len(paragraphs) == 1 else "paragraphs"
    fields = [
        ("author", f"{{{value(source.publisher)}}}"),
        ("title", value(source.title) if source.title else "Untitled page"),
        ("date", source.published or ""),
        ("url", source.address or ""),
        ("langid", {"en": "english", "zh": "chinese"}.get(source.language, source.language)),
        (
            "note",
            f"{label.capitalize()} {', '.join(map(str, paragraphs))}; "
            f"cited for {value(cited_id)} ({PROG})",
        ),
    ]
    body = ",\n".join(f"  {name} = {{{text}}}" for name, text in fields if text)
    return f"@online{{{key},\n{body}\n}}"


def example_overlay_data(folder: Path, written: Sequence[Path]) -> dict[str, Any]:
    return {"folder": str(folder), "files": [str(p) for p in written]}


def schema_data() -> dict[str, Any]:
    """The JSON Schema of a data folder (generated from the record types)."""
    return json_schema()
