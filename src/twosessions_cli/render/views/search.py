"""``search``: where a word was found, a window of text around it, and its citation."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from twosessions_cli.render import sheets
from twosessions_cli.render.cells import spans, text
from twosessions_cli.render.formats import Report
from twosessions_cli.render.listing import Column, Listing, refs_cell, source_column
from twosessions_cli.store import Facts
from twosessions_cli.text import plural, quoted

if TYPE_CHECKING:
    from rich.text import Text

    from twosessions_cli.search import Hit


def hits_report(facts: Facts, query: str, every: Sequence[Hit], limit: int = 0) -> Report:
    """The first ``limit`` hits (0: all) as a table or Markdown; CSV, like JSON, has them all."""
    hits = every[:limit] if limit else every
    total = len(every)
    shown = "" if total == len(hits) else f" (first {len(hits)}; --limit 0 shows all)"
    table = Listing(
        f"{plural(total, 'record')} {'matches' if total == 1 else 'match'} {quoted(query)}{shown}",
        [Column("Found in", whole=True), Column("Text"), source_column()],
    )
    for hit in hits:
        # A record found through the topic a Chinese term names says so: its text is English.
        through = (f" (as {hit.via})", "dim") if hit.via else ("", "")
        where = spans((f"{hit.kind.rstrip('s')} ", "dim"), (hit.cite_id, "bold"), through)
        shown = hit.term or query
        table.add(
            where,
            highlighted(snippet(hit.text, shown), shown),
            refs_cell(hit.source),
            refs=hit.source,
        )
    refs = [r for h in hits for r in h.source]
    return Report(facts, table, refs=refs, sheet=sheets.hits_sheet(every))


def snippet(value: str, query: str, width: int = 90) -> str:
    """A window of ``value`` around the first match of ``query``, cut between words."""
    if len(value) <= width:
        return value
    at = max(value.casefold().find(query.casefold()), 0)
    start = max(0, at - width // 3)
    if start:
        # Start at the beginning of a word: after the last space before the window.
        space = value.rfind(" ", 0, start + 1)
        start = space + 1 if space >= 0 and at - space < width else start
    end = min(len(value), start + width)
    if end < len(value):
        space = value.rfind(" ", max(at + len(query), start), end)
        end = space if space > start else end
    return ("…" if start else "") + value[start:end].strip() + ("…" if end < len(value) else "")


def highlighted(value: str, query: str) -> Text:
    """Text with each case-insensitive occurrence of the query in bold, for a terminal."""
    found = text(value)
    folded, key = value.casefold(), query.strip().casefold()
    if key and len(folded) == len(value):  # casefold kept the positions
        start = folded.find(key)
        while start >= 0:
            found.stylize("bold yellow", start, start + len(key))
            start = folded.find(key, start + len(key))
    return found
