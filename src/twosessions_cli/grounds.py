"""How something is known: citations of a source's paragraphs, and the grounds of a statement
or a date (its basis, its paragraphs, and why, when it was inferred)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Annotated, Any, Literal

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
