"""``who``: each person with their role, and what they said or did, marked like ``explain``."""

from __future__ import annotations

from collections.abc import Sequence

from twosessions_cli.records import Person
from twosessions_cli.render.cells import marked, said, spans, text
from twosessions_cli.render.citations import CitationMarks
from twosessions_cli.render.notes import Footnotes, inference_note
from twosessions_cli.render.output import console
from twosessions_cli.render.wording import body_name
from twosessions_cli.store import Facts


def show_people(facts: Facts, people: Sequence[Person]) -> None:
    from rich.table import Table

    out = console()
    notes = Footnotes()
    marks = CitationMarks()
    for n, person in enumerate(people):
        if n:
            out.print()
        name = person.name + (f" {person.chinese}" if person.chinese else "")
        year = f"{person.year}{notes.mark(inference_note(person.inferred))}"
        role = f" · {person.role} · {body_name(facts.body_by_id, person.body)} ({year})"
        out.print(spans((name, "bold"), (role, "")))
        # A bullet column, so that a statement's second line starts under its first word.
        grid = Table.grid(padding=(0, 1), pad_edge=False)
        grid.add_column(width=3, justify="right")
        grid.add_column()
        for statement in person.statements:
            grid.add_row(text("•"), marked(marks.mark, [statement]))
        out.print(grid)
    legend = [*notes.lines(), *marks.legend(facts)]
    if legend:
        out.print()
    for line in legend:
        out.print(said(line, "dim"), crop=False)
