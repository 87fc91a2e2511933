"""``sources``: the pages the facts come from, what each is, and how many records use it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from twosessions_cli.render import sheets
from twosessions_cli.render.cells import address, text
from twosessions_cli.render.formats import Report
from twosessions_cli.render.listing import Column, Listing
from twosessions_cli.render.notes import Footnotes, grounded_note, unless_sourced
from twosessions_cli.store import Facts

if TYPE_CHECKING:
    from twosessions_cli.lookups import SourceUse

PARAGRAPH_RULE = (
    "Paragraphs are the page's non-blank lines, counted from 1; cite a fact as SOURCE ¶N."
)


def sources_report(facts: Facts, uses: Sequence[SourceUse]) -> Report:
    table = Listing(
        "Sources",
        [
            Column("Id", whole=True, style="bold"),
            Column("Page"),
            Column("Published", name=True),
            Column("Facts", whole=True, justify="right"),
            Column("Address", whole=True, link=True),
        ],
    )
    notes = Footnotes()
    for use in uses:
        source = use.source
        date = notes.marked(
            source.published_text, grounded_note(unless_sourced(source.published_grounds))
        )
        title = f"'{source.title}'" if source.title else "(no title in the page's text)"
        standing = (
            f"reprint of {source.reprint_of}"
            if source.reliability == "reprint" and source.reprint_of
            else source.reliability
        )
        lines = [
            f"{source.publisher}: {title}",
            f"{source.kind}; {source.language}; {standing}",
        ]
        if source.summary:
            lines.append(source.summary.text)
        if source.note:
            lines.append(source.note)
        table.add(
            text(source.id),
            text("\n".join(lines)),
            date,
            text(use.facts),
            address(source.address or ""),
        )
    notes.after.append(PARAGRAPH_RULE)
    return Report(facts, table, notes, sheet=sheets.sources_sheet(facts, uses))
