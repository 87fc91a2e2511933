"""Every JSON payload the commands print: plain data, ISO dates, numbers as numbers.

Each record keeps its ``source`` list and gains ``origin`` (bundled, or the overlay file it came
from). Sentences shared with the views come from ``wording``; no terminal view is imported here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from twosessions_cli.errors import Problem
from twosessions_cli.records import (
    AgendaEntry,
    Figure,
    Person,
    Record,
    Session,
    Topic,
    grounded_parts,
    value_at,
)
from twosessions_cli.render.citations import add_addresses, citation_data
from twosessions_cli.render.wording import (
    ADD_DATES,
    LEFT_OUT_REASON,
    YEAR_OF_ROLE,
    known,
    last_closed,
    next_headline,
    nothing_ahead,
    standing_text,
    window_days,
    windows_sentence,
)
from twosessions_cli.store import Facts
from twosessions_cli.text import WEEKDAYS

if TYPE_CHECKING:
    from twosessions_cli.export import Export
    from twosessions_cli.ical import SessionCalendar
    from twosessions_cli.lookups import Coverage, SourceUse
    from twosessions_cli.schedule import Standing, Timeline, Window
    from twosessions_cli.search import Hit
    from twosessions_cli.series import Series
    from twosessions_cli.targets import TargetYear


def record_data(facts: Facts, record: Record, /, **extra: Any) -> dict[str, Any]:
    """A record as plain JSON data, with where it was loaded from and any derived fields.

    Every statement (and date) gains its citable ``id``, and every citation the ``address``
    of its source, so that a script can follow any sentence to the page that says it.
    """
    data: dict[str, Any] = msgspec.to_builtins(record)
    for sid, path, _ in grounded_parts(record):
        part: dict[str, Any] = value_at(data, path)
        part["id"] = sid
    add_addresses(facts, data)
    data.update(extra)
    data["origin"] = facts.origin_of(record.KIND, record.id)
    if facts.is_example(record):
        data["example"] = True
    return data


def session_data(facts: Facts, session: Session) -> dict[str, Any]:
    body = facts.body_by_id.get(session.body)
    return record_data(facts, session, days=session.days, body_name=body.name if body else None)


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
                "via": h.via,
                "source": citation_data(facts, h.source),
            }
            for h in hits
        ],
    }


def validation_data(
    problems: Sequence[Problem], counts: Mapping[str, int], checked: Sequence[str]
) -> dict[str, Any]:
    """The outcome of ``validate`` as JSON data."""
    return {
        "ok": not problems,
        "paths": list(checked),
        "records": dict(counts),
        "problems": [{"file": p.file, "path": p.path, "message": p.message} for p in problems],
    }


def next_data(
    facts: Facts,
    standings: Sequence[Standing],
    today: dt.date,
    windows: Sequence[Window] = (),
    also: str | None = None,
) -> dict[str, Any]:
    """The countdown; between sessions (``all_ended``), also when each body's sessions have
    opened in the recorded years, computed from the data, and how to add announced dates."""
    ended = nothing_ahead(standings)
    return {
        "today": today.isoformat(),
        "headline": next_headline(standings, facts),
        "all_ended": ended,
        "next_dates_in_data": not ended,
        "last": last_closed(standings, facts) if ended else None,
        "opening_windows": [
            {
                "body": w.body,
                "earliest": {"month": w.earliest.month, "day": w.earliest.day},
                "latest": {"month": w.latest.month, "day": w.latest.day},
                "text": window_days(w),
                "years": w.years,
                "basis": "computed",
            }
            for w in windows
        ],
        "opening_window": windows_sentence(windows, facts.body_by_id),
        "how_to_add_dates": ADD_DATES if ended else None,
        "also_ahead": also,
        "sessions": [
            {
                **session_data(facts, s.session),
                "status": {
                    "state": s.state,
                    "opens_in_days": s.opens_in,
                    "day": s.day,
                    "of_days": s.span.days if s.day is not None else None,
                    "ended_days_ago": s.ended_ago,
                    "opened_days_ago": s.opened_ago,
                    "closes_in_days": s.closes_in,
                    "text": standing_text(s),
                },
            }
            for s in standings
        ],
    }


def timeline_data(facts: Facts, line: Timeline) -> dict[str, Any]:
    return {
        "year": line.year,
        "from": line.days[0].date.isoformat(),
        "to": line.days[-1].date.isoformat(),
        "sessions": [session_data(facts, s.session) for s in line.spans],
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


def dates_data(facts: Facts, sessions: Sequence[Session], *, all_years: bool) -> dict[str, Any]:
    return {
        "year": None if all_years else sessions[0].year,
        "sessions": [session_data(facts, s) for s in sessions],
    }


def topics_data(facts: Facts, topics: Sequence[Topic]) -> dict[str, Any]:
    return {"topics": [record_data(facts, t) for t in topics]}


def topic_data(facts: Facts, topic: Topic) -> dict[str, Any]:
    return {"topic": record_data(facts, topic)}


def figures_data(
    facts: Facts, year: int, figures: Sequence[Figure], *, reported: bool = False
) -> dict[str, Any]:
    return {
        "year": year,
        # Which year 'year' is: the one the figures count, or the one whose sessions reported them.
        "selected_by": "reported" if reported else "counted",
        "figures": [
            record_data(facts, f, body_name=facts.body_by_id[f.body].name) for f in figures
        ],
    }


def agenda_data(facts: Facts, entries: Sequence[AgendaEntry]) -> dict[str, Any]:
    return {"year": entries[0].year, "agenda": [record_data(facts, e) for e in entries]}


def people_data(facts: Facts, people: Sequence[Person]) -> dict[str, Any]:
    """The people, latest first; each office several of them held, with its latest holder."""
    from twosessions_cli.people import offices  # only 'who' lists offices

    return {
        "year_means": YEAR_OF_ROLE,
        "people": [record_data(facts, p) for p in people],
        "offices": [
            {
                "role": office.role,
                "body": office.body,
                "latest": office.holders[0].id,
                "holders": [{"id": p.id, "name": p.name, "year": p.year} for p in office.holders],
            }
            for office in offices(list(people))
        ],
    }


def sources_data(facts: Facts, uses: Sequence[SourceUse]) -> dict[str, Any]:
    return {"sources": [record_data(facts, u.source, facts=u.facts) for u in uses]}


def ics_data(file: str | None, calendar: SessionCalendar) -> dict[str, Any]:
    """The calendar's events as JSON data, with the dates a calendar program will show, and
    the sessions left out for want of any date."""
    return {
        "file": file,
        "calendar": calendar.name,
        "events": [
            {
                "uid": e.uid,
                "summary": e.summary,
                "start": e.start.isoformat(),
                "end_exclusive": e.end.isoformat(),
                "last_day": (e.end - dt.timedelta(days=1)).isoformat(),
                "status": e.status,
                "location": e.location,
                "url": e.url,
                "description": e.description,
            }
            for e in calendar.events
        ],
        "left_out": [
            {"id": s.id, "year": s.year, "body": s.body, "reason": LEFT_OUT_REASON}
            for s in calendar.undated
        ],
    }


def _series_data(one: Series) -> dict[str, Any]:
    return {
        "id": one.id,
        "label": one.label,
        "unit": one.unit,
        "body": one.body,
        "years": one.years,
        "missing_years": one.missing_years,
    }


def trend_data(facts: Facts, series: Sequence[Series]) -> dict[str, Any]:
    return {
        "series": [
            {
                **_series_data(one),
                "points": [
                    {
                        "year": f.year,
                        "label": f.label,
                        "value": f.value,
                        "upper": f.upper,
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
    return {"figures": [_series_data(one) for one in series]}


def coverage_data(rows: Sequence[Coverage]) -> dict[str, Any]:
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


def example_overlay_data(folder: Path, written: Sequence[Path]) -> dict[str, Any]:
    return {"folder": str(folder), "files": [str(p) for p in written]}


def export_data(written: Export) -> dict[str, Any]:
    """``export``: the folder, what went into it, and the database's tables and views."""
    data: dict[str, Any] = msgspec.to_builtins(written)
    return data


def schema_data() -> dict[str, Any]:
    """The JSON Schema of a data folder (generated from the record types)."""
    from twosessions_cli.schema import json_schema  # only the schema command needs it

    return json_schema()


def targets_data(facts: Facts, measure: str, rows: Sequence[TargetYear]) -> dict[str, Any]:
    """``targets``: per year and level, the target, the outcome, the gap and the rule used."""
    from twosessions_cli.targets import RULES

    return {
        "measure": measure,
        "rules": RULES,
        "years": [
            {
                "year": r.year,
                "level": r.level,
                "target": record_data(facts, r.target),
                "outcome": None if r.outcome is None else record_data(facts, r.outcome),
                "gap": r.gap,
                "verdict": r.verdict,
                "rule": r.rule,
            }
            for r in rows
        ],
    }
