"""The typed model of the facts: record types, the kinds of data file, and their JSON Schema.

The JSON Schema users see is generated from these types, so the two cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

import msgspec

from twosessions_cli.text import ordinal

NonEmpty = Annotated[str, msgspec.Meta(min_length=1)]
Id = Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=120)]
Year = Annotated[int, msgspec.Meta(ge=1949, le=2200)]
Count = Annotated[int, msgspec.Meta(ge=0)]


class _Record(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """Base of every record: strict about unknown fields so that typos in a data file are caught."""


class SourceRef(_Record, frozen=True, kw_only=True):
    """Where a fact comes from: a source document and a paragraph (non-blank lines counted from 1)."""

    file: NonEmpty
    paragraph: Annotated[int, msgspec.Meta(ge=1)]


Provenance = Annotated[list[SourceRef], msgspec.Meta(min_length=1)]


def paragraphs_by_file(refs: Iterable[SourceRef]) -> dict[str, list[int]]:
    """Each cited file (in order of first citation) with its paragraphs, sorted, once each."""
    by_file: dict[str, set[int]] = {}
    for ref in refs:
        by_file.setdefault(ref.file, set()).add(ref.paragraph)
    return {file: sorted(paragraphs) for file, paragraphs in by_file.items()}


class Inference(_Record, frozen=True, kw_only=True):
    """Marks a value the source implies but does not print, and says why it was inferred."""

    what: NonEmpty
    reason: NonEmpty

    def __str__(self) -> str:
        return f"{self.what.capitalize()} inferred: {self.reason}"


class Source(_Record, frozen=True, kw_only=True):
    """A source document that facts are taken from."""

    id: NonEmpty
    title: NonEmpty
    kind: NonEmpty
    publisher: str | None = None
    date: NonEmpty
    paragraphs: Annotated[int, msgspec.Meta(ge=1)]
    inferred: Inference | None = None
    summary: NonEmpty
    source: Provenance


class Body(_Record, frozen=True, kw_only=True):
    """An institution that facts can belong to (the CPPCC committee, the People's Congress, ...)."""

    id: Id
    name: NonEmpty
    short: NonEmpty
    chinese: str | None = None
    level: Literal["municipal", "national"]
    topic: Id | None = None
    source: Provenance


class Session(_Record, frozen=True, kw_only=True):
    """One body's yearly session (or, where a source gives only joint dates, the Two Sessions)."""

    id: Id
    year: Year
    body: Id
    session: Annotated[int, msgspec.Meta(ge=1)] | None = None
    term: Annotated[int, msgspec.Meta(ge=1)] | None = None
    opens: dt.date
    closes: dt.date
    stated_days: Annotated[float, msgspec.Meta(gt=0)] | None = None
    venue: str | None = None
    announced: dt.date | None = None
    inferred: Inference | None = None
    note: str | None = None
    source: Provenance

    @property
    def days(self) -> int:
        """Calendar days from opening to closing, both included."""
        return (self.closes - self.opens).days + 1

    def label(self, *, long: bool = False) -> str | None:
        """'4th of 6th term' (long: '4th session of the 6th term'); None when not numbered."""
        if self.session and self.term:
            if long:
                return f"{ordinal(self.session)} session of the {ordinal(self.term)} term"
            return f"{ordinal(self.session)} of {ordinal(self.term)} term"
        if self.session:
            return f"{ordinal(self.session)} session"
        return None


class AgendaEntry(_Record, frozen=True, kw_only=True):
    """How many agenda items a body's session has, and the items a source names."""

    id: Id
    year: Year
    body: Id
    session_id: Id | None = None
    count: Count | None = None
    qualifier: str | None = None
    items: list[NonEmpty] = []
    source: Provenance


class Statement(_Record, frozen=True, kw_only=True):
    """Something a person said or did, in our words, with its source."""

    text: NonEmpty
    source: Provenance


class Person(_Record, frozen=True, kw_only=True):
    """A named person, their role and body, and what the sources report of them."""

    id: Id
    name: NonEmpty
    role: NonEmpty
    body: Id
    year: Year
    statements: list[Statement] = []
    source: Provenance


class Figure(_Record, frozen=True, kw_only=True):
    """A yearly number, tied to the body the source ties it to, with its qualifier kept."""

    id: Id
    year: Year
    label: NonEmpty
    value: int | float
    unit: NonEmpty
    qualifier: str | None = None
    body: Id
    reported_by: Id | None = None
    note: str | None = None
    inferred: Inference | None = None
    source: Provenance


class Topic(_Record, frozen=True, kw_only=True):
    """A plain-language explanation of a body or term, findable by any of its names."""

    id: Id
    title: NonEmpty
    chinese: str | None = None
    pinyin: str | None = None
    aliases: list[NonEmpty] = []
    summary: NonEmpty
    explanation: Annotated[list[NonEmpty], msgspec.Meta(min_length=1)]
    related: list[Id] = []
    source: Provenance

    def names(self) -> Iterator[str]:
        """Every name the topic answers to: its id, title, Chinese name and aliases."""
        yield self.id
        yield self.title
        if self.chinese:
            yield self.chinese
        yield from self.aliases


#: Each kind of record, by the name of the file that holds it (``<kind>.json``).
KINDS: dict[str, type[_Record]] = {
    "sources": Source,
    "bodies": Body,
    "sessions": Session,
    "agenda": AgendaEntry,
    "people": Person,
    "figures": Figure,
    "topics": Topic,
}


@dataclass(frozen=True)
class Location:
    """Which file a record was read from, and its index there (for error messages)."""

    file: str
    index: int
    overlay: bool

    def path(self, field_name: str | None = None) -> str:
        return f"$[{self.index}]" + (f".{field_name}" if field_name else "")


@dataclass
class Facts:
    """Every record, by kind, after overlays are applied; ``origin`` says which file each came from."""

    sources: list[Source] = field(default_factory=list)
    bodies: list[Body] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    agenda: list[AgendaEntry] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    located: dict[tuple[str, str], Location] = field(default_factory=dict)

    def records(self, kind: str) -> list[Any]:
        records: list[Any] = getattr(self, kind)
        return records

    def origin_of(self, kind: str, record_id: str) -> str:
        """``"bundled"``, or the path of the overlay file that supplied this record."""
        where = self.located.get((kind, record_id))
        return where.file if where is not None and where.overlay else "bundled"


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a data folder, generated from the record types above."""
    kinds = list(KINDS.items())
    schemas, components = msgspec.json.schema_components(
        [list[record_type] for _, record_type in kinds],  # type: ignore[valid-type]
        ref_template="#/$defs/{name}",
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "twosessions data folder",
        "description": (
            "Each property is one file of a data folder (bundled, --data DIR or TWOSESSIONS_DATA): "
            "a JSON array of records. Rules the schema cannot express (dates in order, unique ids, "
            "references that resolve) are checked by 'twosessions validate'."
        ),
        "type": "object",
        "properties": {
            f"{kind}.json": schema for (kind, _), schema in zip(kinds, schemas, strict=True)
        },
        "additionalProperties": False,
        "$defs": dict(sorted(components.items())),
    }
