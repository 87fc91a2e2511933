"""The facts in memory: every record by kind, where each came from, and by-id indexes built once.

Kinds that no overlay touches are decoded only when a command first asks for them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Any

import msgspec

from twosessions_cli.records import (
    KINDS,
    AgendaEntry,
    Body,
    Figure,
    Person,
    Session,
    Source,
    Topic,
    citations,
)


class Location(msgspec.Struct, frozen=True):
    """Which file a record was read from, and its index there (for error messages)."""

    file: str
    index: int
    overlay: bool

    def path(self, field_name: str | None = None) -> str:
        return f"$[{self.index}]" + (f".{field_name}" if field_name else "")


class Facts:
    """Every record, by kind, after overlays are applied; ``origin`` says which file each came from."""

    sources: list[Source]
    bodies: list[Body]
    sessions: list[Session]
    agenda: list[AgendaEntry]
    people: list[Person]
    figures: list[Figure]
    topics: list[Topic]
    located: dict[tuple[str, str], Location]
    #: Ids of records that were in a file but did not decode, by kind (None: any id, as a whole
    #: file could not be read). The rules do not call a reference to one of them unknown.
    broken: dict[str, set[str] | None]
    #: Kinds not decoded yet, with the function that decodes them. Bundled data that no overlay
    #: touches is decoded when a command first asks for it: 'dates' never pays for the topics.
    pending: dict[str, Callable[[], list[Any]]]
    #: The --level these records were kept for ('chongqing', 'national'), or 'all'.
    level: str

    def __init__(self) -> None:
        for kind in KINDS:
            setattr(self, kind, [])
        self.located = {}
        self.broken = {}
        self.pending = {}
        self.level = "all"

    def __getattribute__(self, name: str) -> Any:
        if name in KINDS:
            pending = object.__getattribute__(self, "pending")
            if name in pending:
                object.__setattr__(self, name, pending.pop(name)())
        return object.__getattribute__(self, name)

    @cached_property
    def source_by_id(self) -> dict[str, Source]:
        """Every source by id, built once (after loading: the records never change after)."""
        return {s.id: s for s in self.sources}

    @cached_property
    def body_by_id(self) -> dict[str, Body]:
        return {b.id: b for b in self.bodies}

    def mark_broken(self, kind: str, ids: set[str] | None) -> None:
        """Note records of ``kind`` that did not decode (None: a whole file of them)."""
        known = self.broken.get(kind, set())
        self.broken[kind] = None if ids is None or known is None else known | ids

    def level_of(self, body_id: str) -> str | None:
        """The level of a body ('municipal' or 'national'); None for a body the data lacks."""
        body = self.body_by_id.get(body_id)
        return None if body is None else body.level

    @cached_property
    def session_by_id(self) -> dict[str, Session]:
        return {s.id: s for s in self.sessions}

    @cached_property
    def person_by_id(self) -> dict[str, Person]:
        """Every person by id and by any former id, so that an old reference still finds them."""
        return {i: p for p in self.people for i in (*p.former_ids(), p.id)}

    @cached_property
    def example_ids(self) -> frozenset[tuple[str, str]]:
        """(kind, id) of every example record: an example source (reliability 'example'), and
        every record that cites one. Views and JSON mark them, so they never pass for facts."""
        examples = {s.id for s in self.sources if s.reliability == "example"}
        if not examples:
            return frozenset()
        return frozenset(
            (kind, record.id)
            for kind in KINDS
            for record in self.records(kind)
            if (record.id in examples and kind == "sources")
            or any(ref.source in examples for ref in citations(record))
        )

    def is_example(self, record: Any) -> bool:
        return (record.KIND, record.id) in self.example_ids

    @cached_property
    def renamed(self) -> dict[str, tuple[str, str]]:
        """Each former id of a record: (its kind, its id now)."""
        return {
            old: (kind, record.id)
            for kind in KINDS
            for record in self.records(kind)
            for old in record.former_ids()
        }

    def current_id(self, wanted: str) -> str:
        """The id a record has now: ``wanted`` itself, or the record's new id if it was renamed.
        A statement's id follows its record: ``OLD.note`` is ``NEW.note``."""
        for old, (_, new) in self.renamed.items():
            if wanted == old or wanted.startswith(f"{old}."):
                return new + wanted.removeprefix(old)
        return wanted

    def counts(self, *, overlays_only: bool = False) -> dict[str, int]:
        """How many records of each kind; ``overlays_only``: only those the user's files hold."""
        if not overlays_only:
            return {kind: len(self.records(kind)) for kind in KINDS}
        counts = dict.fromkeys(KINDS, 0)
        for (kind, _), location in self.located.items():
            counts[kind] += location.overlay
        return counts

    def records(self, kind: str) -> list[Any]:
        records: list[Any] = getattr(self, kind)
        return records

    def origin_of(self, kind: str, record_id: str) -> str:
        """``"bundled"``, or the path of the overlay file that supplied this record."""
        where = self.located.get((kind, record_id))
        return where.file if where is not None and where.overlay else "bundled"
