"""Numbered footnotes, and the notes a value can carry: scheduled, inferred, from your data.

A ``Footnotes`` object numbers each distinct note once; a cell keeps the numbers of its notes
beside its text (``Marked``), so that CSV can move them into a Notes column without reading
marks back out of the text.
"""

from __future__ import annotations

import msgspec

from twosessions_cli.records import Dated, Grounds, Inference, Kind
from twosessions_cli.store import Facts


class Marked(msgspec.Struct, frozen=True):
    """A value and the numbers of its footnotes: '2026-01-27[2]' on a screen."""

    value: str
    notes: tuple[int, ...] = ()

    def __str__(self) -> str:
        return self.value + marks_text(self.notes)


def marks_text(numbers: tuple[int, ...] | list[int]) -> str:
    """'[1][3]'. The mark is attached to the text it marks, with no space between, as reference
    works do: a space would let a narrow column wrap the mark onto a line of its own."""
    return "".join(f"[{n}]" for n in numbers)


class Footnotes:
    """The numbered notes of one view, each said once, and plain lines said after them."""

    def __init__(self) -> None:
        self.entries: list[str] = []
        self.after: list[str] = []

    def number(self, note: str | None) -> int | None:
        """The number of a note, added if it is new; None for no note."""
        if not note:
            return None
        if note not in self.entries:
            self.entries.append(note)
        return self.entries.index(note) + 1

    def numbers(self, *notes: str | None) -> tuple[int, ...]:
        found = (self.number(note) for note in notes)
        return tuple(n for n in found if n is not None)

    def mark(self, *notes: str | None) -> str:
        """The marks to put after a value for these notes ('' when there are none)."""
        return marks_text(self.numbers(*notes))

    def marked(self, value: str, *notes: str | None) -> Marked:
        return Marked(value, self.numbers(*notes))

    def text_of(self, number: int) -> str:
        return self.entries[number - 1]

    def lines(self) -> list[str]:
        """'[1] note' for each numbered note, then the plain lines."""
        return [f"[{n}] {note}" for n, note in enumerate(self.entries, 1)] + self.after


def inference_note(inferred: Inference | None) -> str | None:
    """The footnote for an inferred value: 'Year inferred: <reason>'."""
    return None if inferred is None else str(inferred)


def grounded_note(part: Grounds | None) -> str | None:
    """A statement as a footnote, its basis said when it is not a source's."""
    if part is None:
        return None
    said = getattr(part, "text", "")
    if part.basis == "inferred":
        return f"{said} (Inferred: {part.reason})" if said else f"Inferred: {part.reason}"
    if part.basis == "general":
        return f"{said} (General knowledge, not from the sources.)"
    return said or None


def unless_sourced(grounds: Grounds | None) -> Grounds | None:
    """Grounds worth a footnote: those that are not simply a source's."""
    return grounds if grounds is not None and grounds.basis != "source" else None


SCHEDULED = "Scheduled: announced in advance; no report of the event in the data confirms it."
NOT_REPORTED = "not reported"
BRIEF_YEAR = (
    "Year inferred: the page prints the day and month only, and the year follows from its "
    "date; 'twosessions dates YEAR' gives each reason."
)


def date_notes(dated: Dated, inferred_note: str | None = None) -> list[str | None]:
    """The footnotes of a date: scheduled, or its year inferred."""
    notes: list[str | None] = [SCHEDULED if dated.status == "scheduled" else None]
    if dated.basis == "inferred":
        notes.append(inferred_note or f"Year inferred: {dated.reason}")
    return notes


def date_cell(notes: Footnotes, dated: Dated | None, inferred_note: str | None = None) -> Marked:
    """'2026-01-27[2]', with footnotes for a scheduled or inferred date; or 'not reported'."""
    if dated is None:
        return Marked(NOT_REPORTED)
    return notes.marked(dated.date.isoformat(), *date_notes(dated, inferred_note))


def origin_note(facts: Facts, kind: Kind, record_id: str) -> str | None:
    origin = facts.origin_of(kind, record_id)
    return None if origin == "bundled" else f"From your data: {origin}"
