"""``agenda``: how many items each session has, and the items the sources name."""

from __future__ import annotations

from collections.abc import Sequence

from twosessions_cli.records import AgendaEntry, citations
from twosessions_cli.render import sheets
from twosessions_cli.render.cells import text
from twosessions_cli.render.formats import Report
from twosessions_cli.render.listing import Column, Listing, refs_cell, source_column
from twosessions_cli.render.notes import Footnotes, common_note, inference_note
from twosessions_cli.render.wording import body_name
from twosessions_cli.store import Facts


def agenda_report(facts: Facts, entries: Sequence[AgendaEntry], title: str) -> Report:
    table = Listing(
        title,
        [
            Column("Body", name=True),
            Column("Session", name=True),
            Column("Items", whole=True, justify="right"),
            Column("Named in the sources"),
            source_column(),
        ],
    )
    notes = Footnotes()
    # What is inferred of an entry is its year (the title's), not its count: a note every row
    # shares is said once; otherwise its mark goes on the row's label, never on the count.
    inferred = [inference_note(entry.inferred) for entry in entries]
    shared = common_note(inferred)
    first = entries[0].inferred
    if shared and first is not None:
        every = "Every row's" if len(entries) > 1 else "The"
        notes.once(f"{every} {first.what} is inferred: {first.reason}")
    for entry, note in zip(entries, inferred, strict=True):
        session = facts.session_by_id.get(entry.session_id or "")
        count = "not given" if entry.count is None else str(entry.count)
        if entry.count is not None and entry.qualifier:
            count += f" {entry.qualifier}"
        table.add(
            notes.marked(body_name(facts.body_by_id, entry.body), None if shared else note),
            text((session.label() if session else None) or "—"),
            text(count),
            text("\n".join(f"• {item.text}" for item in entry.items)),
            refs_cell(citations(entry)),
            refs=citations(entry),
        )
    refs = [r for e in entries for r in citations(e)]
    return Report(facts, table, notes, refs, sheet=sheets.agenda_sheet(facts, entries))
