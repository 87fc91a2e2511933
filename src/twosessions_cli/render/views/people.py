"""``who``: each person with their role, and what they said or did, marked like ``explain``;
above them, for an office several people held (mayor, premier), who held it when."""

from __future__ import annotations

from collections.abc import Sequence

from twosessions_cli.people import offices
from twosessions_cli.records import Person, citations
from twosessions_cli.render import sheets
from twosessions_cli.render.cells import marked, said, spans, text
from twosessions_cli.render.citations import CitationMarks
from twosessions_cli.render.formats import Report
from twosessions_cli.render.listing import Column, Listing, refs_cell, source_column
from twosessions_cli.render.notes import Footnotes, inference_note
from twosessions_cli.render.output import console
from twosessions_cli.render.wording import YEAR_OF_ROLE, body_name, sessions_year
from twosessions_cli.store import Facts


def show_people(facts: Facts, people: Sequence[Person]) -> None:
    from rich.table import Table

    out = console()
    marks = CitationMarks()
    for office in offices(list(people)):
        body = body_name(facts.body_by_id, office.body)
        out.print(spans((f"{office.role} · {body}", "bold"), (", latest first:", "")))
        table = Table.grid(padding=(0, 2), pad_edge=False)
        table.add_column(no_wrap=True)
        table.add_column()
        for n, holder in enumerate(office.holders):
            name = holder.name + (f" {holder.chinese}" if holder.chinese else "")
            latest = " (the latest in the data)" if n == 0 else ""
            table.add_row(text(f"  {sessions_year(holder.year)}"), text(name + latest))
        out.print(table)
        out.print()
    for n, person in enumerate(people):
        if n:
            out.print()
        name = person.name + (f" {person.chinese}" if person.chinese else "")
        mark = marks.inference(person.inferred) if person.inferred else ""
        body = body_name(facts.body_by_id, person.body)
        role = f" · {person.role} · {body} · {sessions_year(person.year)}{mark}"
        out.print(spans((name, "bold"), (role, "")))
        for other in person.every_role()[1:]:
            mark = marks.inference(other.inferred) if other.inferred else ""
            also = f"{other.role} · {body_name(facts.body_by_id, other.body)}"
            out.print(text(f"  also · {also} · {sessions_year(other.year)}{mark}"))
        # A bullet column, so that a statement's second line starts under its first word.
        grid = Table.grid(padding=(0, 1), pad_edge=False)
        grid.add_column(width=3, justify="right")
        grid.add_column()
        for statement in person.statements:
            grid.add_row(text("•"), marked(marks.mark, [statement]))
        out.print(grid)
    legend = [YEAR_OF_ROLE, *marks.legend(facts)]
    out.print()
    for line in legend:
        out.print(said(line, "dim"), crop=False)


def people_report(facts: Facts, people: Sequence[Person]) -> Report:
    """The people as a listing, for CSV and Markdown: one row per person, what they said in
    one cell, a line each."""
    listing = Listing(
        "People named in the sources",
        [
            Column("Name", name=True),
            Column("Chinese", whole=True),
            Column("Role"),
            Column("Body", name=True),
            Column("Sessions", whole=True),
            Column("What they said or did"),
            source_column(),
        ],
    )
    notes = Footnotes()
    notes.once(YEAR_OF_ROLE)
    for person in people:
        listing.add(
            text(person.name),
            text(person.chinese or ""),
            text(person.role),
            text(body_name(facts.body_by_id, person.body)),
            notes.marked(str(person.year), inference_note(person.inferred)),
            text("\n".join(f"• {s.text}" for s in person.statements)),
            refs_cell(citations(person)),
            refs=citations(person),
        )
    refs = [r for p in people for r in citations(p)]
    return Report(facts, listing, notes, refs, sheet=sheets.people_sheet(facts, people))
