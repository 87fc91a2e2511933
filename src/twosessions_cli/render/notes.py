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


class Note(msgspec.Struct, frozen=True):
    """A note about one item among several: the items of one note share its number, and the
    note names them all ('... twosessions cite 2026-cppcc.opens or 2026-congress.opens.')."""

    text: str
    about: str


def _either(items: list[str]) -> str:
    """'a', 'a or b', 'a, b or c'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


class Footnotes:
    """The notes of one view, one per idea: a numbered note for the values it qualifies (each
    idea gets one number, however many values it marks), notes said once for the whole view,
    and plain lines said after them."""

    def __init__(self) -> None:
        self.entries: list[str] = []
        self.about: dict[str, list[str]] = {}
        self.general: list[str] = []
        self.after: list[str] = []

    def number(self, note: str | Note | None) -> int | None:
        """The number of a note, added if it is new; None for no note."""
        if not note:
            return None
        said = note.text if isinstance(note, Note) else note
        if said not in self.entries:
            self.entries.append(said)
        if isinstance(note, Note):
            items = self.about.setdefault(said, [])
            if note.about not in items:
                items.append(note.about)
        return self.entries.index(said) + 1

    def numbers(self, *notes: str | Note | None) -> tuple[int, ...]:
        found = (self.number(note) for note in notes)
        # Each note once, in number order: '[1][2]', never '[2][1]' or '[1][1]'.
        return tuple(sorted({n for n in found if n is not None}))

    def mark(self, *notes: str | Note | None) -> str:
        """The marks to put after a value for these notes ('' when there are none)."""
        return marks_text(self.numbers(*notes))

    def marked(self, value: str, *notes: str | Note | None) -> Marked:
        return Marked(value, self.numbers(*notes))

    def once(self, note: str | None) -> None:
        """A note that holds for the whole view: said once, with no mark on any value."""
        if note and note not in self.general:
            self.general.append(note)

    def text_of(self, number: int) -> str:
        said = self.entries[number - 1]
        items = self.about.get(said)
        return f"{said} {_either(items)}." if items else said

    def lines(self) -> list[str]:
        """The notes said once, then '[1] note' for each numbered note, then the plain lines."""
        numbered = [f"[{n}] {self.text_of(n)}" for n in range(1, len(self.entries) + 1)]
        return self.general + numbered + self.after


def common_note(notes: list[str | None]) -> str | None:
    """The note every row of a view carries, if there is one: said once, not on each row."""
    return notes[0] if notes and notes[0] and all(n == notes[0] for n in notes) else None


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
#: An inferred date's note in a view: what is inferred and why in brief; the page's own words
#: and the full reason are one command away (``cite ID``) and in the JSON.
INFERRED_DATE = (
    "Date inferred: its page does not print it in full (most often the year is missing); "
    "the reason: twosessions cite --why"
)
INFERRED_NUMBER = "Session number inferred: no page prints it; the reason: twosessions cite --why"


def inferred_dates_note(count: int) -> str:
    """Said once under a listing of many years, instead of a mark on each inferred date."""
    dates = "1 of these dates is" if count == 1 else f"{count} of these dates are"
    return (
        f"{dates} inferred: no page prints them in full (most often the year is missing). "
        "'twosessions dates YEAR' marks each; 'twosessions cite --why ID' (ID such as "
        "2024-congress.opens) gives its reason."
    )


def inferred_numbers_note(about: list[str]) -> str:
    """Said once under a listing of many years: which session numbers are inferred."""
    return f"Session numbers inferred (no page prints them); the reason: twosessions cite --why {_either(about)}."


def date_notes(dated: Dated, about: str | None = None) -> list[str | Note | None]:
    """The notes of a date: scheduled, or inferred (one note for every inferred date of the
    view, naming the dates' ids, when ``about`` names this one)."""
    notes: list[str | Note | None] = [SCHEDULED if dated.status == "scheduled" else None]
    if dated.basis == "inferred":
        notes.append(Note(INFERRED_DATE, about) if about else f"Date inferred: {dated.reason}")
    return notes


def date_cell(
    notes: Footnotes, dated: Dated | None, about: str | None = None, *, inferred: bool = True
) -> Marked:
    """'2026-01-27[2]', marked when scheduled or inferred; or 'not reported'. With ``inferred``
    False an inferred date is not marked (the view says so once for all of them)."""
    if dated is None:
        return Marked(NOT_REPORTED)
    found = date_notes(dated, about)
    return notes.marked(dated.date.isoformat(), *(found if inferred else found[:1]))


def brief_note(part: Grounds | None, about: str) -> str | None:
    """A statement as a note in one line: its text, and for an inferred one where the reason
    is (``twosessions cite ID``); the reason itself stays in the JSON and in ``cite``."""
    if part is None:
        return None
    said = getattr(part, "text", "")
    if part.basis == "inferred":
        where = f"the reason: twosessions cite --why {about}."
        return f"{said} (Inferred; {where})" if said else f"Inferred; {where}"
    return grounded_note(part)


def origin_note(facts: Facts, kind: Kind, record_id: str) -> str | None:
    origin = facts.origin_of(kind, record_id)
    return None if origin == "bundled" else f"From your data: {origin}"
