"""How something is known: citations of a source's paragraphs, and the grounds of a statement
or a date (its basis, its paragraphs, and why, when it was inferred).

Also the small pieces records are built from (ids, years, a venue, a role) and the citations of
a whole record; the record types themselves are in ``records``."""

# No ``from __future__ import annotations`` in this module: msgspec reads these annotations to
# build its decoders, and annotations kept as strings would be compiled one by one on every run.

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import Annotated, Any, Literal, Protocol

import msgspec

NonEmpty = Annotated[str, msgspec.Meta(min_length=1)]


class Strict(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """Strict about unknown fields, so that typos in a data file are caught."""


class SourceRef(Strict, frozen=True, kw_only=True):
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


class Inference(Strict, frozen=True, kw_only=True):
    """Marks a value the source implies but does not print, and says why it was inferred."""

    what: NonEmpty
    reason: NonEmpty

    def __str__(self) -> str:
        return f"{self.what.capitalize()} inferred: {self.reason}"


class Grounds(Strict, frozen=True, kw_only=True):
    """How something is known: its basis, the paragraphs that say it, and (inferred) why."""

    basis: Basis
    source: list[SourceRef] = []
    reason: str | None = None


class Sitting(Strict, frozen=True, kw_only=True):
    """A day on which a statement's source reports a session sitting (a report delivered at
    it, a meeting held): the session's own record must agree (``rules``)."""

    session: NonEmpty
    date: dt.date


class Statement(Grounds, frozen=True, kw_only=True):
    """One sentence shown to a reader, in our words, with exactly one basis; ``sitting`` when
    it reports a session sitting on a given day."""

    text: NonEmpty
    sitting: Sitting | None = None


class Dated(Grounds, frozen=True, kw_only=True):
    """A date and how it is known; ``scheduled`` until a report of the event confirms it."""

    date: dt.date
    status: Literal["held", "scheduled"]


# The pieces records are made of, beyond statements and dates: ids, years, a venue, a role.

Id = Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=120)]
Year = Annotated[int, msgspec.Meta(ge=1949, le=2200)]
Count = Annotated[int, msgspec.Meta(ge=0)]


class Venue(Grounds, frozen=True, kw_only=True):
    """Where a session sat: one English name per place, the same in every record, and its
    Chinese name where a cited page gives one; ``detail`` keeps what the page adds (a room)."""

    name: NonEmpty
    chinese: str | None = None
    detail: str | None = None

    @property
    def place(self) -> str:
        """'Chongqing Great Hall of the People (重庆市人民大礼堂)': what a calendar's location says."""
        return f"{self.name} ({self.chinese})" if self.chinese else self.name

    @property
    def text(self) -> str:
        """The place, then any detail the page adds."""
        return f"{self.place}, {self.detail}" if self.detail else self.place


class Role(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """An office or part a person held, in the body and year a source gives it."""

    role: NonEmpty
    body: Id
    year: Year
    inferred: Inference | None = None
    source: Provenance


class Cited(Protocol):
    """Any record: it lists its grounded parts (``records`` fills this in for each kind)."""

    def parts(self) -> Iterator[tuple[str, str, Grounds]]: ...


def grounded_parts(record: Cited) -> Iterator[tuple[str, str, Grounds]]:
    """Every statement, date or other grounded part of a record: (citable id, JSON path, part)."""
    return record.parts()


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


def citations(record: Cited) -> list[SourceRef]:
    """Every citation in a record: its own ``source`` list and those of its parts."""
    refs: list[SourceRef] = list(getattr(record, "source", None) or [])
    for _, _, part in grounded_parts(record):
        refs.extend(part.source)
    return refs
