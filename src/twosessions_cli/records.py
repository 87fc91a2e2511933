"""The typed model of the facts: record types, the kinds of data file, and their JSON Schema.

The JSON Schema users see is generated from these types, so the two cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from typing import Annotated, Any, ClassVar, Literal

import msgspec

from twosessions_cli.text import english_date, ordinal

NonEmpty = Annotated[str, msgspec.Meta(min_length=1)]
Id = Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=120)]
Year = Annotated[int, msgspec.Meta(ge=1949, le=2200)]
Count = Annotated[int, msgspec.Meta(ge=0)]

#: The kinds of record, each named after the file that holds it (``<kind>.json``).
Kind = Literal["sources", "bodies", "sessions", "agenda", "people", "figures", "topics"]


class _Record(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """Base of every record: strict about unknown fields so that typos in a data file are caught."""


class SourceRef(_Record, frozen=True, kw_only=True):
    """A citation: a source (by id) and a paragraph of it (non-blank lines counted from 1)."""

    source: NonEmpty
    paragraph: Annotated[int, msgspec.Meta(ge=1)]


Provenance = Annotated[list[SourceRef], msgspec.Meta(min_length=1)]

#: How a statement is known. ``source``: the cited paragraphs say it, hedges included;
#: ``inferred``: it follows from the sources, for the reason given; ``general``: general
#: knowledge that the sources do not state.
Basis = Literal["source", "inferred", "general"]
BASES: tuple[Basis, ...] = ("source", "inferred", "general")


_PATH_STEP = re.compile(r"([A-Za-z_]\w*)|\[(\d+)\]")


def value_at(data: Any, path: str) -> Any:
    """The part of JSON data at a path, as problems and ids name them ('$[0].opens.date',
    'explanation[1][0]'); None when the data has no such part."""
    here = data
    for name, index in _PATH_STEP.findall(path.removeprefix("$")):
        try:
            here = here[name] if name else here[int(index)]
        except (KeyError, IndexError, TypeError):
            return None
    return here


def paragraphs_by_source(refs: Iterable[SourceRef]) -> dict[str, list[int]]:
    """Each cited source (in order of first citation) with its paragraphs, sorted, once each."""
    by_source: dict[str, set[int]] = {}
    for ref in refs:
        by_source.setdefault(ref.source, set()).add(ref.paragraph)
    return {source: sorted(paragraphs) for source, paragraphs in by_source.items()}


class Inference(_Record, frozen=True, kw_only=True):
    """Marks a value the source implies but does not print, and says why it was inferred."""

    what: NonEmpty
    reason: NonEmpty

    def __str__(self) -> str:
        return f"{self.what.capitalize()} inferred: {self.reason}"


class Grounds(_Record, frozen=True, kw_only=True):
    """How something is known: its basis, the paragraphs that say it, and (inferred) why."""

    basis: Basis
    source: list[SourceRef] = []
    reason: str | None = None


class Statement(Grounds, frozen=True, kw_only=True):
    """One sentence shown to a reader, in our words, with exactly one basis."""

    text: NonEmpty


class Dated(Grounds, frozen=True, kw_only=True):
    """A date and how it is known; ``scheduled`` until a report of the event confirms it."""

    date: dt.date
    status: Literal["held", "scheduled"]


class Source(_Record, frozen=True, kw_only=True):
    """A web page (or document) that facts are taken from, as a reader can find it."""

    KIND: ClassVar[Kind] = "sources"

    id: Id
    title: str | None = None
    address: str | None = None
    publisher: NonEmpty
    published: str | None = None
    published_grounds: Grounds | None = None
    language: NonEmpty
    reliability: Literal["official", "established", "reprint"]
    reprint_of: str | None = None
    kind: NonEmpty
    copy: str | None = None
    paragraphs: Annotated[int, msgspec.Meta(ge=1)]
    summary: Statement | None = None

    @property
    def published_text(self) -> str:
        """'25 January 2026', 'January 2020', or 'date unknown'."""
        return english_date(self.published) if self.published else "date unknown"

    def described(self) -> str:
        """What the record is, in one line (what ``cite`` quotes for the record as a whole)."""
        return self.title or self.id


class Body(_Record, frozen=True, kw_only=True):
    """An institution that facts can belong to (the CPPCC committee, the People's Congress, ...)."""

    KIND: ClassVar[Kind] = "bodies"

    id: Id
    name: NonEmpty
    short: NonEmpty
    chinese: str | None = None
    level: Literal["municipal", "national"]
    topic: Id | None = None
    source: Provenance

    def described(self) -> str:
        """What the record is, in one line (what ``cite`` quotes for the record as a whole)."""
        return self.name


class Session(_Record, frozen=True, kw_only=True):
    """One body's yearly session (or, where a source gives only joint dates, the Two Sessions).

    Each part carries its own grounds; a date no source gives is None ("not reported").
    """

    KIND: ClassVar[Kind] = "sessions"

    id: Id
    year: Year
    body: Id
    term: Annotated[int, msgspec.Meta(ge=1)] | None = None
    session: Annotated[int, msgspec.Meta(ge=1)] | None = None
    numbered: Grounds | None = None
    chinese: Statement | None = None
    opens: Dated | None = None
    closes: Dated | None = None
    length: Statement | None = None
    venue: Statement | None = None
    closing_venue: Statement | None = None
    note: Statement | None = None

    @property
    def days(self) -> int | None:
        """Calendar days from opening to closing, both included; None if a date is unknown."""
        if self.opens is None or self.closes is None:
            return None
        return (self.closes.date - self.opens.date).days + 1

    @property
    def dated(self) -> bool:
        """Whether both dates are known, so the session can be counted and drawn."""
        return self.opens is not None and self.closes is not None

    def label(self, *, long: bool = False) -> str | None:
        """'4th of 6th term' (long: '4th session of the 6th term'); None when not numbered."""
        if self.session and self.term:
            if long:
                return f"{ordinal(self.session)} session of the {ordinal(self.term)} term"
            return f"{ordinal(self.session)} of {ordinal(self.term)} term"
        if self.session:
            return f"{ordinal(self.session)} session"
        return None

    def described(self) -> str:
        label = self.label(long=True)
        return f"The {self.year} session of {self.body}" + (f", {label}" if label else "")


class AgendaEntry(_Record, frozen=True, kw_only=True):
    """How many agenda items a body's session has, and the items a source names."""

    KIND: ClassVar[Kind] = "agenda"

    id: Id
    year: Year
    body: Id
    session_id: Id | None = None
    count: Count | None = None
    qualifier: str | None = None
    items: list[Statement] = []
    inferred: Inference | None = None
    source: Provenance

    def described(self) -> str:
        return self.id


class Person(_Record, frozen=True, kw_only=True):
    """A named person, their role and body, and what the sources report of them."""

    KIND: ClassVar[Kind] = "people"

    id: Id
    name: NonEmpty
    chinese: str | None = None
    role: NonEmpty
    body: Id
    year: Year
    inferred: Inference | None = None
    statements: list[Statement] = []
    source: Provenance

    def described(self) -> str:
        return self.name


class Figure(_Record, frozen=True, kw_only=True):
    """A number, tied to the body the source ties it to and to the year it counts.

    ``series`` groups the same measure across years for ``trend``; figures that mean different
    things (proposals received, proposals filed) never share a series. A range ("6.5-7%") is
    ``value`` to ``upper``. A year for which the source says no figure was set (China's 2020
    growth target) has ``value`` None and the qualifier "no target", never a guessed number.
    """

    KIND: ClassVar[Kind] = "figures"

    id: Id
    year: Year
    label: NonEmpty
    series: Id | None = None
    value: int | float | None
    upper: int | float | None = None
    unit: NonEmpty
    qualifier: str | None = None
    body: Id
    session_id: Id | None = None
    reported_by: Id | None = None
    note: Statement | None = None
    inferred: Inference | None = None
    source: Provenance

    def amount(self) -> str:
        """The number as written: '1,385', a range '6.5-7', or '' when none was set."""
        if self.value is None:
            return ""
        return f"{self.value:,}" + ("" if self.upper is None else f"-{self.upper:,}")

    def described(self) -> str:
        if self.value is None:
            return f"{self.label}, {self.year}: {self.qualifier or 'none set'}"
        value = f"{self.qualifier} {self.amount()}" if self.qualifier else self.amount()
        return f"{self.label}, {self.year}: {value} {self.unit}"


class Topic(_Record, frozen=True, kw_only=True):
    """A plain-language explanation of a body or term, findable by any of its names.

    The explanation is a list of paragraphs, each a list of statements.
    """

    KIND: ClassVar[Kind] = "topics"

    id: Id
    title: NonEmpty
    chinese: str | None = None
    pinyin: str | None = None
    names_basis: Grounds | None = None
    aliases: list[NonEmpty] = []
    summary: Statement
    explanation: Annotated[
        list[Annotated[list[Statement], msgspec.Meta(min_length=1)]], msgspec.Meta(min_length=1)
    ]
    related: list[Id] = []

    def names(self) -> Iterator[str]:
        """Every name the topic answers to: its id, title, Chinese name and aliases."""
        yield self.id
        yield self.title
        if self.chinese:
            yield self.chinese
        yield from self.aliases

    def described(self) -> str:
        return self.title


#: Any record a data file holds.
Record = Source | Body | Session | AgendaEntry | Person | Figure | Topic

#: Each kind of record, by the name of the file that holds it (``<kind>.json``).
KINDS: dict[str, type[Record]] = {
    "sources": Source,
    "bodies": Body,
    "sessions": Session,
    "agenda": AgendaEntry,
    "people": Person,
    "figures": Figure,
    "topics": Topic,
}


def grounded_parts(record: Any) -> Iterator[tuple[str, str, Grounds]]:
    """Every statement, date or other grounded part of a record: (citable id, JSON path, part).

    Ids are the record's id and a path: ``cppcc.summary``, ``cppcc.p2.s1`` (paragraph 2,
    statement 1), ``zhang-xiaofei.s3``, ``2026-cppcc.opens``, ``2026-cppcc-agenda.item1``.
    """
    rid = record.id
    if isinstance(record, Topic):
        if record.names_basis is not None:
            yield f"{rid}.names", "names_basis", record.names_basis
        yield f"{rid}.summary", "summary", record.summary
        for p, paragraph in enumerate(record.explanation, 1):
            for n, statement in enumerate(paragraph, 1):
                yield f"{rid}.p{p}.s{n}", f"explanation[{p - 1}][{n - 1}]", statement
    elif isinstance(record, Person):
        for n, statement in enumerate(record.statements, 1):
            yield f"{rid}.s{n}", f"statements[{n - 1}]", statement
    elif isinstance(record, Session):
        for name in SESSION_PARTS:
            part = getattr(record, name)
            if part is not None:
                yield f"{rid}.{name}", name, part
    elif isinstance(record, AgendaEntry):
        for n, item in enumerate(record.items, 1):
            yield f"{rid}.item{n}", f"items[{n - 1}]", item
    elif isinstance(record, Figure):
        if record.note is not None:
            yield f"{rid}.note", "note", record.note
    elif isinstance(record, Source):
        if record.published_grounds is not None:
            yield f"{rid}.published", "published_grounds", record.published_grounds
        if record.summary is not None:
            yield f"{rid}.summary", "summary", record.summary


#: The grounded parts of a session, in the order a reader meets them.
SESSION_PARTS = (
    "numbered",
    "chinese",
    "opens",
    "closes",
    "length",
    "venue",
    "closing_venue",
    "note",
)


def citations(record: Any) -> list[SourceRef]:
    """Every citation in a record: its own ``source`` list and those of its parts."""
    refs: list[SourceRef] = list(getattr(record, "source", None) or [])
    for _, _, part in grounded_parts(record):
        refs.extend(part.source)
    return refs


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
    #: Kinds not decoded yet, with the function that decodes them. Bundled data that no overlay
    #: touches is decoded when a command first asks for it: 'dates' never pays for the topics.
    pending: dict[str, Callable[[], list[Any]]]

    def __init__(self) -> None:
        for kind in KINDS:
            setattr(self, kind, [])
        self.located = {}
        self.pending = {}

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

    @cached_property
    def session_by_id(self) -> dict[str, Session]:
        return {s.id: s for s in self.sessions}

    @cached_property
    def person_by_id(self) -> dict[str, Person]:
        return {p.id: p for p in self.people}

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


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a data folder, generated from the record types above."""
    kinds = list(KINDS.items())
    schemas, components = msgspec.json.schema_components(
        [list[record_type] for _, record_type in kinds],  # type: ignore[valid-type]
        ref_template="#/$defs/{name}",
    )
    schema: dict[str, Any] = canonical_schema(
        {
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
    )
    return schema


_NULL_SCHEMA = {"type": "null"}


def canonical_schema(node: Any) -> Any:
    """The same schema whichever msgspec generated it.

    msgspec releases differ where the difference means nothing: 0.23 strips a docstring's
    indentation and earlier releases keep it, and releases before 0.22 list ``null`` first in an
    ``anyOf``. Descriptions are cleaned as ``inspect.cleandoc`` does, and each ``anyOf`` is put in
    one order (the alternatives by their JSON text, ``null`` last), so ``twosessions schema``
    prints the same bytes under every msgspec the project accepts.
    """
    if isinstance(node, list):
        return [canonical_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "description" and isinstance(value, str):
            out[key] = inspect.cleandoc(value)
        elif key == "anyOf" and isinstance(value, list):
            out[key] = sorted(
                (canonical_schema(item) for item in value),
                key=lambda item: (item == _NULL_SCHEMA, json_text(item)),
            )
        else:
            out[key] = canonical_schema(value)
    return out


def json_text(value: Any) -> str:
    """A canonical JSON text of ``value``, for ordering (keys sorted, no spaces)."""
    return msgspec.json.encode(value, order="sorted").decode()
