"""Each record as a row of its table in the export: typed values (numbers as numbers, ISO
dates, None for unknown), every grounded statement, and every citation of a paragraph."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from twosessions_cli.dataset import OWNER, Row, Table, Value
from twosessions_cli.records import (
    KINDS,
    AgendaEntry,
    Body,
    Dated,
    Figure,
    Inference,
    Person,
    Record,
    Session,
    Source,
    Topic,
    Venue,
    grounded_parts,
)
from twosessions_cli.store import Facts


def _inferred(inferred: Inference | None) -> Row:
    if inferred is None:
        return {"inferred": None, "inferred_reason": None}
    return {"inferred": inferred.what, "inferred_reason": inferred.reason}


def _said(part: Any) -> str | None:
    return None if part is None else str(part.text)


def _place(column: str, venue: Venue | None) -> Row:
    if venue is None:
        return dict.fromkeys((column, f"{column}_chinese", f"{column}_detail"))
    return {
        column: venue.name,
        f"{column}_chinese": venue.chinese,
        f"{column}_detail": venue.detail,
    }


def _day(part: Dated | None) -> tuple[str | None, str]:
    return (None, "not reported") if part is None else (part.date.isoformat(), part.status)


def _source_row(facts: Facts, s: Source) -> Row:
    return {
        "id": s.id,
        "publisher": s.publisher,
        "title": s.title,
        "published": s.published,
        "address": s.address,
        "language": s.language,
        "reliability": s.reliability,
        "reprint_of": s.reprint_of,
        "kind": s.kind,
        "paragraphs": s.paragraphs,
        "summary": _said(s.summary),
    }


def _topic_row(facts: Facts, t: Topic) -> Row:
    return {
        "id": t.id,
        "title": t.title,
        "chinese": t.chinese,
        "pinyin": t.pinyin,
        "summary": t.summary.text,
        "aliases": "; ".join(t.aliases) or None,
        "related": "; ".join(t.related) or None,
    }


def _body_row(facts: Facts, b: Body) -> Row:
    return {
        "id": b.id,
        "name": b.name,
        "short": b.short,
        "chinese": b.chinese,
        "level": b.level,
        "topic": b.topic,
    }


def _of_body(facts: Facts, record: Session | Person | AgendaEntry | Figure) -> Row:
    return {"body": record.body, "level": facts.level_of(record.body), "year": record.year}


def _session_row(facts: Facts, s: Session) -> Row:
    opens, opens_status = _day(s.opens)
    closes, closes_status = _day(s.closes)
    return {
        "id": s.id,
        **_of_body(facts, s),
        "term": s.term,
        "session": s.session,
        "chinese": _said(s.chinese),
        "opens": opens,
        "opens_status": opens_status,
        "closes": closes,
        "closes_status": closes_status,
        "days": s.days,
        "length": _said(s.length),
        **_place("venue", s.venue),
        **_place("closing_venue", s.closing_venue),
        "note": _said(s.note),
    }


def _person_row(facts: Facts, p: Person) -> Row:
    return {
        "id": p.id,
        "name": p.name,
        "chinese": p.chinese,
        "role": p.role,
        **_of_body(facts, p),
        **_inferred(p.inferred),
    }


def _agenda_row(facts: Facts, a: AgendaEntry) -> Row:
    return {
        "id": a.id,
        **_of_body(facts, a),
        "session_id": a.session_id,
        "count": a.count,
        "qualifier": a.qualifier,
        **_inferred(a.inferred),
    }


def _figure_row(facts: Facts, f: Figure) -> Row:
    return {
        "id": f.id,
        **_of_body(facts, f),
        "label": f.label,
        "series": f.series,
        "value": f.value,
        "upper": f.upper,
        "unit": f.unit,
        "qualifier": f.qualifier,
        "session_id": f.session_id,
        "reported_by": f.reported_by,
        "note": _said(f.note),
        **_inferred(f.inferred),
    }


#: How a record of each kind becomes a row of its table (``origin`` is added to every one).
_ROW_OF: dict[str, Callable[[Facts, Any], Row]] = {
    "sources": _source_row,
    "topics": _topic_row,
    "bodies": _body_row,
    "sessions": _session_row,
    "people": _person_row,
    "agenda": _agenda_row,
    "figures": _figure_row,
}


def _owner(record: Record) -> Row:
    """The owner columns of a statement or citation: the record's id in its kind's column."""
    row: Row = {"kind": record.KIND}
    row.update(dict.fromkeys(OWNER.values()))
    row[OWNER[record.KIND]] = record.id
    return row


def _statement_rows(record: Record) -> Iterator[Row]:
    for sid, path, part in grounded_parts(record):
        day = part if isinstance(part, Dated) else None
        yield {
            "id": sid,
            **_owner(record),
            "field": path,
            "text": getattr(part, "text", None),
            "date": None if day is None else day.date.isoformat(),
            "status": None if day is None else day.status,
            "basis": part.basis,
            "reason": part.reason,
        }


def _citation_rows(record: Record) -> Iterator[Row]:
    owner = _owner(record)
    for ref in getattr(record, "source", None) or []:
        yield {**owner, "statement": None, "source": ref.source, "paragraph": ref.paragraph}
    for sid, _, part in grounded_parts(record):
        for ref in part.source:
            yield {**owner, "statement": sid, "source": ref.source, "paragraph": ref.paragraph}


def table_rows(facts: Facts, table: Table) -> Iterator[Row]:
    """Every row of one table, in the data's order: each row a dict keyed by column name."""
    if table.name in KINDS:
        row_of = _ROW_OF[table.name]
        for record in facts.records(table.name):
            yield {**row_of(facts, record), "origin": facts.origin_of(table.name, record.id)}
        return
    every = (record for kind in KINDS for record in facts.records(kind))
    if table.name == "statements":
        for record in every:
            yield from _statement_rows(record)
    elif table.name == "citations":
        for record in every:
            yield from _citation_rows(record)
    else:  # pragma: no cover - TABLES and this function are written together
        raise ValueError(f"no rows for table {table.name!r}")


def row_values(table: Table, row: Row) -> tuple[Value, ...]:
    """A row's values in the table's column order."""
    return tuple(row[c.name] for c in table.columns)
