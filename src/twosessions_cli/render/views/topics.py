"""Topics: one explained as a reference-work page (``explain``), the list, and the glossary."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from twosessions_cli.records import Topic
from twosessions_cli.render import sheets
from twosessions_cli.render.cells import labelled, marked, new_table, said, spans, text
from twosessions_cli.render.citations import CitationMarks
from twosessions_cli.render.formats import Report
from twosessions_cli.render.listing import Column, Listing
from twosessions_cli.render.output import console
from twosessions_cli.render.wording import GLOSSARY_TITLE, TOPICS_TITLE
from twosessions_cli.store import Facts

if TYPE_CHECKING:
    from rich.console import RenderableType


def show_topic(facts: Facts, topic: Topic, related: Sequence[Topic]) -> None:
    from rich.console import Group
    from rich.panel import Panel

    marks = CitationMarks()
    # The title goes inside the panel, where it wraps on a narrow terminal instead of being cut.
    parts: list[RenderableType] = [text(topic.title, "bold")]
    if topic.chinese:
        names = topic.chinese + (f" · {topic.pinyin}" if topic.pinyin else "")
        mark = marks.mark(topic.names_basis) if topic.names_basis else ""
        parts.append(spans((names, ""), (mark, "dim")))
    parts.append(text(""))
    parts += [marked(marks.mark, [topic.summary], "bold"), text("")]
    for paragraph in topic.explanation:
        parts += [marked(marks.mark, paragraph), text("")]
    if topic.aliases:
        parts.append(labelled("Also called", ", ".join(topic.aliases)))
    if related:
        parts.append(labelled("Related", ", ".join(t.id for t in related)))
    panel = Panel(Group(*parts), expand=False)
    out = console()
    out.print(panel)
    for line in marks.legend(facts):
        out.print(said(line, "dim"), crop=False)


def topics_report(facts: Facts, topics: Sequence[Topic]) -> Report:
    listing = Listing(
        TOPICS_TITLE,
        [
            Column("Topic", whole=True, style="bold"),
            Column("Chinese", whole=True),
            Column("What it is"),
        ],
    )
    for topic in topics:
        listing.add(text(topic.id), text(topic.chinese or ""), text(topic.summary.text))
    return Report(facts, listing, sheet=sheets.topics_sheet(facts, topics))


GLOSSARY_TABLE_MIN_WIDTH = 80


def show_glossary(topics: Sequence[Topic]) -> None:
    """A four-column table, or one block per term on terminals too narrow for the table."""
    out = console()
    if out.width < GLOSSARY_TABLE_MIN_WIDTH:
        from rich.padding import Padding

        out.print(text(GLOSSARY_TITLE, "bold"))
        for topic in topics:
            chinese = f" · {topic.chinese}" if topic.chinese else ""
            pinyin = f" ({topic.pinyin})" if topic.pinyin else ""
            out.print()
            out.print(spans((topic.title, "bold"), (chinese, ""), (pinyin, "italic")))
            out.print(Padding(text(topic.summary.text), (0, 0, 0, 2)))
        return
    table = new_table(GLOSSARY_TITLE)
    # The meaning is the longest text: cap the name columns so that it keeps room to breathe.
    table.add_column("English", max_width=26)
    table.add_column("Chinese", no_wrap=True)
    table.add_column("Pinyin", max_width=20)
    table.add_column("Meaning")
    for topic in topics:
        table.add_row(
            text(topic.title, "bold"),
            text(topic.chinese or ""),
            text(topic.pinyin or "", "italic"),
            text(topic.summary.text),
        )
    out.print(table)


def glossary_report(facts: Facts, topics: Sequence[Topic]) -> Report:
    """The glossary as a listing, for CSV and Markdown."""
    listing = Listing(
        "Glossary",
        [
            Column("Id", whole=True),
            Column("English"),
            Column("Chinese"),
            Column("Pinyin"),
            Column("Meaning"),
        ],
    )
    for topic in topics:
        listing.add(
            text(topic.id),
            text(topic.title),
            text(topic.chinese or ""),
            text(topic.pinyin or ""),
            text(topic.summary.text),
        )
    return Report(facts, listing, sheet=sheets.topics_sheet(facts, topics))
