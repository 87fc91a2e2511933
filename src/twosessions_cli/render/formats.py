"""A listing with its footnotes and citations, and the text formats it is written in.

A new text format is one function here, one entry in ``WRITERS`` and one ``OutputFormat`` member.
"""

from __future__ import annotations

import msgspec

from twosessions_cli.records import SourceRef
from twosessions_cli.render.cells import text
from twosessions_cli.render.citations import csv_cell, sources_legend
from twosessions_cli.render.listing import Listing, print_with_notes
from twosessions_cli.render.notes import Footnotes
from twosessions_cli.render.output import OutputFormat, console
from twosessions_cli.store import Facts


class Report(msgspec.Struct):
    """A listing with its footnotes and citations: shown as a table (or stacked blocks) on a
    terminal, or written as CSV or Markdown for pasting into other work."""

    facts: Facts
    listing: Listing
    notes: Footnotes = msgspec.field(default_factory=Footnotes)
    refs: list[SourceRef] = msgspec.field(default_factory=list)
    lead: str | None = None

    def show(self) -> None:
        if self.lead:
            out = console()
            out.print(text(self.lead, "bold"))
            out.print()
        print_with_notes(self.facts, self.listing, self.notes.lines(), self.refs)

    def written(self, fmt: OutputFormat) -> str:
        return WRITERS[fmt](self)


def csv_text(report: Report) -> str:
    """RFC 4180 CSV: one header row, one row per record, footnotes in a Notes column and
    sources spelled out as 'publisher date ¶paragraphs'."""
    import csv
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    columns = report.listing.columns
    writer.writerow([*(c.header for c in columns), "Notes"])
    for row in report.listing.rows:
        cells: list[str] = []
        numbers: list[int] = []
        for column, bare, notes in zip(columns, row.bare, row.notes, strict=True):
            numbers += [n for n in notes if n not in numbers]
            if column.cites and row.refs:
                cells.append(csv_cell(report.facts, row.refs))
            else:
                cells.append(bare if column.cites else " ".join(bare.split()))
        said = " | ".join(report.notes.text_of(n) for n in numbers)
        writer.writerow([*cells, said])
    return buffer.getvalue()


def markdown_text(report: Report) -> str:
    """A GitHub table, with the footnotes and sources below it."""

    def cell(value: str) -> str:
        return value.replace("|", "\\|").replace("\n", "<br>")

    listing = report.listing
    lines = []
    if report.lead:
        lines += [report.lead, ""]
    lines += [f"**{cell(listing.title)}**", ""]
    lines.append("| " + " | ".join(cell(c.header) for c in listing.columns) + " |")
    lines.append(
        "| " + " | ".join("---:" if c.justify == "right" else "---" for c in listing.columns) + " |"
    )
    for row in listing.rows:
        lines.append("| " + " | ".join(cell(c.plain) for c in row.cells) + " |")
    lines.append("")
    lines += [f"{line}  " for line in report.notes.lines()]
    legend = sources_legend(report.facts, report.refs)
    if legend:
        lines.append(legend)
    return "\n".join(lines).rstrip() + "\n"


WRITERS = {OutputFormat.csv: csv_text, OutputFormat.markdown: markdown_text}
