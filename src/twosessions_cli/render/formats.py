"""A listing with its footnotes and citations, and the text formats it is written in.

A new text format is one function here, one entry in ``WRITERS`` and one ``OutputFormat`` member.
"""

from __future__ import annotations

import re

import msgspec

from twosessions_cli.records import SourceRef
from twosessions_cli.render.cells import text
from twosessions_cli.render.citations import sources_legend
from twosessions_cli.render.listing import Column, Listing, print_with_notes
from twosessions_cli.render.notes import Footnotes, marks_text
from twosessions_cli.render.output import OutputFormat, console
from twosessions_cli.render.sheet import Sheet
from twosessions_cli.store import Facts
from twosessions_cli.text import inert


class Report(msgspec.Struct):
    """A listing with its footnotes and citations: shown as a table (or stacked blocks) on a
    terminal, or written as CSV or Markdown for pasting into other work."""

    facts: Facts
    listing: Listing
    notes: Footnotes = msgspec.field(default_factory=Footnotes)
    refs: list[SourceRef] = msgspec.field(default_factory=list)
    lead: str | None = None
    #: The records as a typed table, for CSV (``render.sheets``).
    sheet: Sheet | None = None

    def show(self) -> None:
        if self.lead:
            out = console()
            out.print(text(self.lead, "bold"))
            out.print()
        print_with_notes(self.facts, self.listing, self.notes.lines(), self.refs)

    def written(self, fmt: OutputFormat) -> str:
        return WRITERS[fmt](self)


def csv_text(report: Report) -> str:
    """RFC 4180 CSV of the report's typed sheet: one header row, one row per record, numbers as
    numbers, ISO dates, notes beside the values they qualify, sources in columns of their own."""
    import csv
    import io

    if report.sheet is None:  # pragma: no cover - every listing declares its sheet (tested)
        raise TypeError(f"{report.listing.title!r} has no CSV columns")
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(report.sheet.table(report.facts))
    return buffer.getvalue()


#: What Markdown would read as markup in a table cell: escaped, so data is only ever text.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
#: What would start a block (a heading, a list, a quote) at the start of a line of its own.
_BLOCK_START = re.compile(r"^(\d*)([#=+-]|(?<=\d)[.)])")


def markdown_cell(value: str) -> str:
    """Text for a GitHub table cell: markup characters escaped, line breaks as <br>."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", inert(value))
    return "<br>".join(line.strip() for line in escaped.split("\n"))


def markdown_line(value: str) -> str:
    """A line of its own under the table (a note, the legend): inline markup escaped, and a
    leading character that would start a heading, a list or a quote escaped too."""
    return _BLOCK_START.sub(r"\1\\\2", markdown_cell(value))


#: A numbered note's own mark, '[2] ', written as it is: no Markdown reads it as markup, as
#: the document defines no link reference (data cannot start a line to define one).
_NOTE_NUMBER = re.compile(r"\[\d+\] ")


def _note_line(line: str) -> str:
    number = _NOTE_NUMBER.match(line)
    if number is None:
        return markdown_line(line)
    return number.group() + markdown_cell(line[number.end() :])


def markdown_text(report: Report) -> str:
    """A GitHub table, with the footnotes and sources below it; addresses are autolinks, and
    the footnote marks ('[1]') are left as they are while the data's own text is escaped."""
    listing = report.listing

    def cell(column: Column, value: str, notes: tuple[int, ...]) -> str:
        if column.link and value and _AUTOLINK.fullmatch(value):
            return f"<{value}>"
        return markdown_cell(value) + marks_text(notes)

    lines = []
    if report.lead:
        lines += [markdown_line(report.lead), ""]
    lines += [f"**{markdown_cell(listing.title)}**", ""]
    lines.append("| " + " | ".join(markdown_cell(c.header) for c in listing.columns) + " |")
    lines.append(
        "| " + " | ".join("---:" if c.justify == "right" else "---" for c in listing.columns) + " |"
    )
    for row in listing.rows:
        cells = (
            cell(column, bare, notes)
            for column, bare, notes in zip(listing.columns, row.bare, row.notes, strict=True)
        )
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines += [f"{_note_line(line)}  " for line in report.notes.lines()]
    legend = sources_legend(report.facts, report.refs)
    if legend:
        lines.append(markdown_line(legend))
    return "\n".join(lines).rstrip() + "\n"


#: An address Markdown can take as an autolink (<...>): no spaces, no angle brackets.
_AUTOLINK = re.compile(r"https?://[^\s<>\x00-\x1f]+")

WRITERS = {OutputFormat.csv: csv_text, OutputFormat.markdown: markdown_text}
