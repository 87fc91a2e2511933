"""The typed model of the facts: record types, the kinds of data file, and their JSON Schema.

The parts every record shares (citations, grounds, statements, dates) are in ``grounds``.

The JSON Schema users see is generated from these types, so the two cannot drift apart.
"""

# No ``from __future__ import annotations`` in this module: msgspec reads these annotations to
# build its decoders, and annotations kept as strings would be compiled one by one on every run.

from collections.abc import Iterator
from typing import Annotated, ClassVar, Literal

import msgspec

from twosessions_cli.grounds import BASES as BASES
from twosessions_cli.grounds import SESSION_PARTS as SESSION_PARTS
from twosessions_cli.grounds import Basis as Basis
from twosessions_cli.grounds import Count as Count
from twosessions_cli.grounds import Dated as Dated
from twosessions_cli.grounds import Grounds as Grounds
from twosessions_cli.grounds import Id as Id
from twosessions_cli.grounds import Inference as Inference
from twosessions_cli.grounds import NonEmpty as NonEmpty
from twosessions_cli.grounds import Provenance as Provenance
from twosessions_cli.grounds import Role as Role
from twosessions_cli.grounds import Sitting as Sitting
from twosessions_cli.grounds import SourceRef as SourceRef
from twosessions_cli.grounds import Statement as Statement
from twosessions_cli.grounds import Venue as Venue
from twosessions_cli.grounds import Year as Year
from twosessions_cli.grounds import citations as citations
from twosessions_cli.grounds import grounded_parts as grounded_parts
from twosessions_cli.grounds import paragraphs_by_source as paragraphs_by_source
from twosessions_cli.grounds import value_at as value_at
from twosessions_cli.text import english_date, ordinal

#: Where a body sits: Chongqing's own bodies, or the national ones that meet in Beijing in March.
Level = Literal["municipal", "national"]
#: The levels in the order views list them: Chongqing first, the nation beside it.
LEVEL_ORDER: tuple[Level, ...] = ("municipal", "national")

#: The kinds of record, each named after the file that holds it (``<kind>.json``).
Kind = Literal["sources", "bodies", "sessions", "agenda", "people", "figures", "topics"]


class _Record(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """Base of every record: strict about unknown fields so that typos in a data file are caught.

    A kind of record declares what the shared code needs to know of it: ``KIND`` (its file),
    ``REFERS`` (fields naming other records, checked by the rules), ``parts()`` (the statements
    and dates it cites), ``searched()`` (what search reads), ``caption()`` and ``described()``.
    A record renamed after its id was published lists the old id in ``aliases``
    (``former_ids()``), so that what readers wrote down still finds it.
    """

    #: Fields that name another record: (field, kind of the record it names).
    REFERS: ClassVar[tuple[tuple[str, Kind], ...]] = ()

    def parts(self) -> Iterator[tuple[str, str, Grounds]]:
        """Every grounded part: (citable id, JSON path, part). Ids are the record's id and a
        path: ``cppcc.summary``, ``cppcc.p2.s1``, ``2026-cppcc.opens``, ``2026-cppcc-agenda.item1``."""
        return iter(())

    def searched(self) -> Iterator[tuple[str, str, str, list[SourceRef]]]:
        """(field, text, citable id, citation) of each part that search looks into, in order."""
        return _grounded_texts(self)

    def caption(self) -> str:
        """How a search hit names the record."""
        return str(getattr(self, "id", ""))

    def former_ids(self) -> list[str]:
        """Ids the record was published under before a rename: they still find it."""
        return list(getattr(self, "aliases", ()))


def _grounded_texts(record: _Record) -> Iterator[tuple[str, str, str, list[SourceRef]]]:
    for sid, path, part in record.parts():
        text = getattr(part, "text", None)
        if text:
            yield path.split("[", 1)[0], text, sid, list(part.source)


class Source(_Record, frozen=True, kw_only=True):
    """A web page (or document) that facts are taken from, as a reader can find it."""

    KIND: ClassVar[Kind] = "sources"

    def parts(self) -> Iterator[tuple[str, str, Grounds]]:
        if self.published_grounds is not None:
            yield f"{self.id}.published", "published_grounds", self.published_grounds
        if self.summary is not None:
            yield f"{self.id}.summary", "summary", self.summary

    id: Id
    title: str | None = None
    address: str | None = None
    publisher: NonEmpty
    published: str | None = None
    published_grounds: Grounds | None = None
    language: NonEmpty
    reliability: Literal["official", "established", "reprint", "example"]
    reprint_of: str | None = None
    kind: NonEmpty
    copy: str | None = None
    paragraphs: Annotated[int, msgspec.Meta(ge=1)]
    #: What a reader of the page should know of the page itself ("names X in English only").
    note: str | None = None
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
    REFERS = (("topic", "topics"),)

    id: Id
    name: NonEmpty
    short: NonEmpty
    chinese: str | None = None
    level: Level
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

    def parts(self) -> Iterator[tuple[str, str, Grounds]]:
        for name in SESSION_PARTS:
            part = getattr(self, name)
            if part is not None:
                yield f"{self.id}.{name}", name, part

    def caption(self) -> str:
        return f"{self.year} {self.body}"

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
    venue: Venue | None = None
    closing_venue: Venue | None = None
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
    REFERS = (("session_id", "sessions"),)

    def parts(self) -> Iterator[tuple[str, str, Grounds]]:
        for n, item in enumerate(self.items, 1):
            yield f"{self.id}.item{n}", f"items[{n - 1}]", item

    def caption(self) -> str:
        return f"{self.year} {self.body}"

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
    """A named person, once: their latest role and body (``role``, ``body``, ``year``), any
    other roles the sources give (``roles``), and what the sources report of them."""

    KIND: ClassVar[Kind] = "people"

    def parts(self) -> Iterator[tuple[str, str, Grounds]]:
        for n, statement in enumerate(self.statements, 1):
            yield f"{self.id}.s{n}", f"statements[{n - 1}]", statement

    def searched(self) -> Iterator[tuple[str, str, str, list[SourceRef]]]:
        own = list(self.source)
        yield "name", self.name, self.id, own
        if self.chinese:
            yield "chinese", self.chinese, self.id, own
        yield "role", self.role, self.id, own
        for other in self.roles:
            yield "roles", other.role, self.id, list(other.source)
        yield from _grounded_texts(self)

    def caption(self) -> str:
        return self.name

    id: Id
    aliases: list[Id] = []
    name: NonEmpty
    chinese: str | None = None
    role: NonEmpty
    body: Id
    year: Year
    inferred: Inference | None = None
    roles: list[Role] = []
    statements: list[Statement] = []
    source: Provenance

    def described(self) -> str:
        return self.name

    def every_role(self) -> list[Role]:
        """Every role, the latest first (the record's own, then ``roles`` newest first)."""
        own = Role(
            role=self.role,
            body=self.body,
            year=self.year,
            inferred=self.inferred,
            source=self.source,
        )
        return [own, *sorted(self.roles, key=lambda r: -r.year)]


class Figure(_Record, frozen=True, kw_only=True):
    """A number, tied to the body the source ties it to and to the year it counts.

    ``series`` groups the same measure across years for ``trend``; figures that mean different
    things (proposals received, proposals filed) never share a series. A range ("6.5-7%") is
    ``value`` to ``upper``. A year for which the source says no figure was set (China's 2020
    growth target) has ``value`` None and the qualifier "no target", never a guessed number.
    """

    KIND: ClassVar[Kind] = "figures"
    REFERS = (("session_id", "sessions"), ("reported_by", "people"))

    def parts(self) -> Iterator[tuple[str, str, Grounds]]:
        if self.note is not None:
            yield f"{self.id}.note", "note", self.note

    def searched(self) -> Iterator[tuple[str, str, str, list[SourceRef]]]:
        own = list(self.source)
        yield "label", self.label, self.id, own
        yield "value", self.amount(), self.id, own
        yield "unit", self.unit, self.id, own
        yield from _grounded_texts(self)

    def caption(self) -> str:
        return f"{self.year}: {self.label}"

    id: Id
    aliases: list[Id] = []
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

    def parts(self) -> Iterator[tuple[str, str, Grounds]]:
        if self.names_basis is not None:
            yield f"{self.id}.names", "names_basis", self.names_basis
        yield f"{self.id}.summary", "summary", self.summary
        for p, paragraph in enumerate(self.explanation, 1):
            for n, statement in enumerate(paragraph, 1):
                yield f"{self.id}.p{p}.s{n}", f"explanation[{p - 1}][{n - 1}]", statement

    def searched(self) -> Iterator[tuple[str, str, str, list[SourceRef]]]:
        # Statements before names, so that a word in both is cited to the paragraph saying it.
        yield "title", self.title, self.id, []
        yield from _grounded_texts(self)
        if self.chinese:
            yield "chinese", self.chinese, self.id, []
        yield from (("alias", a, self.id, []) for a in self.aliases)

    def caption(self) -> str:
        return self.title

    def former_ids(self) -> list[str]:
        return []  # a topic's aliases are other names for it, which 'explain' takes

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
