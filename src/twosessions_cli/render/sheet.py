"""A typed table for CSV: one row per record under declared columns, each cell a number (never
'1,385'), an ISO date, text, or None (an empty cell: unknown, with a status column saying why),
and each row's citations spelled out at the end, one group of columns per source (id, publisher,
title, date, address, paragraphs). The sheets of the views are declared in ``sheets``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import msgspec

from twosessions_cli.records import Dated, Grounds, Kind, SourceRef, paragraphs_by_source
from twosessions_cli.store import Facts
from twosessions_cli.text import csv_cell

Cell = int | float | str | None

#: The columns that spell out one cited source; a row citing two sources has two groups.
SOURCE_FIELDS = ("id", "publisher", "title", "published", "address", "paragraphs")


class Sheet(msgspec.Struct):
    """Typed rows under declared columns, and the citations of each row."""

    columns: list[str]
    rows: list[dict[str, Cell]] = msgspec.field(default_factory=list)
    refs: list[list[SourceRef]] = msgspec.field(default_factory=list)

    def add(self, row: Mapping[str, Cell], refs: Iterable[SourceRef] = ()) -> None:
        unknown = [name for name in row if name not in self.columns]
        if unknown:
            raise ValueError(f"columns not declared: {unknown}")
        self.rows.append(dict(row))
        self.refs.append(list(refs))

    def table(self, facts: Facts) -> list[list[str]]:
        """The header and the rows as CSV cells, with each row's sources spelled out."""
        cited = [paragraphs_by_source(refs) for refs in self.refs]
        groups = max((len(c) for c in cited), default=0)
        header = [*self.columns]
        for n in range(1, groups + 1):
            header += [f"Source {n} {field}" for field in SOURCE_FIELDS]
        lines = [header]
        for row, sources in zip(self.rows, cited, strict=True):
            cells = [csv_cell(row.get(name)) for name in self.columns]
            for source_id, paragraphs in sources.items():
                cells += [csv_cell(v) for v in _source_cells(facts, source_id, paragraphs)]
            cells += [""] * (len(header) - len(cells))
            lines.append(cells)
        return lines


def _source_cells(facts: Facts, source_id: str, paragraphs: list[int]) -> list[Cell]:
    source = facts.source_by_id.get(source_id)
    numbers = "; ".join(map(str, paragraphs))
    if source is None:
        return [source_id, None, None, None, None, numbers]
    published = iso_date(source.published)
    return [source.id, source.publisher, source.title, published, source.address, numbers]


def iso_date(value: str | None) -> str | None:
    """A full ISO date as given, or None (a month alone is not a date a table can type)."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def reason_cell(grounds: Grounds | None) -> str | None:
    """The reason of an inferred part, or the basis of one that is general knowledge."""
    if grounds is None or grounds.basis == "source":
        return None
    if grounds.basis == "general":
        return "General knowledge, not from the sources."
    return f"Inferred: {grounds.reason}"


def said_cell(grounds: Grounds | None) -> str | None:
    """A statement's text, its basis said when it is not a source's."""
    if grounds is None:
        return None
    said = getattr(grounds, "text", None)
    why = reason_cell(grounds)
    if said and why:
        return f"{said} ({why})"
    return said or why


def date_cells(name: str, dated: Dated | None) -> dict[str, Cell]:
    """A date, its status (held, scheduled, not reported) and its note (why it was inferred)."""
    if dated is None:
        return {name: None, f"{name} status": "not reported", f"{name} note": None}
    return {
        name: dated.date.isoformat(),
        f"{name} status": dated.status,
        f"{name} note": reason_cell(dated),
    }


def origin_cell(facts: Facts, kind: Kind, record_id: str) -> str:
    """'bundled', or the overlay file the record came from."""
    return facts.origin_of(kind, record_id)
