"""Every way of citing a source in a view: 'id ¶n' cells, the legend under a view,
reference-work marks and the JSON citation (``cite``'s own outputs are in ``bibliography``).

Sources are looked up in ``Facts.source_by_id``, built once per run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from twosessions_cli.records import Grounds, Inference, Source, SourceRef, paragraphs_by_source
from twosessions_cli.store import Facts
from twosessions_cli.text import PROG, number_ranges


def cited(source: Source, paragraphs: Sequence[int] = ()) -> str:
    """A plain citation: publisher, title, date, address and paragraphs, in one line."""
    parts = [source.publisher]
    if source.reliability == "reprint" and source.reprint_of:
        parts[0] += f" (reprint of {source.reprint_of})"
    parts.append(f"'{source.title}'" if source.title else "untitled page")
    parts.append(source.published_text)
    if source.address:
        parts.append(source.address)
    if paragraphs:
        label = "paragraph" if len(paragraphs) == 1 else "paragraphs"
        parts.append(f"{label} {number_ranges(list(paragraphs)).replace(',', ', ')}")
    return ", ".join(parts)


def brief_refs(facts: Facts, refs: Sequence[SourceRef]) -> str:
    """Each source of ``refs`` as publisher, date and paragraphs, '; ' between them: a calendar
    event's 'Source:' line (the page's address goes in the event's URL)."""
    parts = []
    for source_id, paragraphs in paragraphs_by_source(refs).items():
        source = facts.source_by_id.get(source_id)
        publisher = source.publisher if source else source_id
        if source and source.reliability == "reprint" and source.reprint_of:
            publisher += f" (reprint of {source.reprint_of})"
        date = f", {source.published_text}" if source else ""
        label = "paragraph" if len(paragraphs) == 1 else "paragraphs"
        numbers = number_ranges(paragraphs).replace(",", ", ")
        parts.append(f"{publisher}{date}, {label} {numbers}")
    return "; ".join(parts)


def refs_text(refs: Iterable[SourceRef], separator: str = "; ") -> str:
    """'icq-20260125 ¶1,2; icq-20200115 ¶4' for a list of citations.

    In a table column each source goes on a line of its own (``separator="\\n"``), so that
    a source id and its paragraphs are never split.
    """
    return separator.join(
        f"{source} ¶{number_ranges(ps)}" for source, ps in paragraphs_by_source(refs).items()
    )


#: Past this many sources, the legend under a view gives the id pattern instead of every name.
LEGEND_MAX = 6


def sources_legend(facts: Facts, refs: Iterable[SourceRef]) -> str:
    """'Sources: icq-20260125 = iChongqing, 25 January 2026. Details: ...' for cited sources."""
    by_id = facts.source_by_id
    cited_ids = list(dict.fromkeys(r.source for r in refs))
    if not cited_ids:
        return ""
    if len(cited_ids) > LEGEND_MAX:
        first = by_id.get(cited_ids[0])
        example = (
            f"{cited_ids[0]} is {first.publisher}, {first.published_text}"
            if first
            else cited_ids[0]
        )
        return (
            f"Sources: {len(cited_ids)} pages; an id names the outlet and the date ({example}). "
            f"Details: {PROG} sources"
        )
    names = "; ".join(
        f"{sid} = {by_id[sid].publisher}, {by_id[sid].published_text}" if sid in by_id else sid
        for sid in cited_ids
    )
    return f"Sources: {names}. Details: {PROG} sources"


class CitationMarks:
    """Citation marks for a reference-work page: [1 ¶3] for paragraph 3 of source 1, [i1] for
    an inference, [g] for general knowledge, each source and reason explained once below."""

    GENERAL = "[g]"

    def __init__(self) -> None:
        self.sources: dict[str, int] = {}
        self.inferred: list[str] = []
        self.general = False

    def mark(self, part: Grounds) -> str:
        if part.basis == "general":
            self.general = True
            return self.GENERAL
        marks = [
            f"[{self.sources.setdefault(source, len(self.sources) + 1)}¶{','.join(map(str, ps))}]"
            for source, ps in paragraphs_by_source(part.source).items()
        ]
        if part.basis == "inferred":
            marks.insert(0, self._inferred(f"Inferred: {part.reason or ''}"))
        return "".join(marks)

    def inference(self, inferred: Inference) -> str:
        """The mark of an inference about a whole record ('Year inferred: ...'), numbered with
        the statements' inferences so that no two notes of a view share a mark."""
        return self._inferred(str(inferred))

    def _inferred(self, said: str) -> str:
        if said not in self.inferred:
            self.inferred.append(said)
        return f"[i{self.inferred.index(said) + 1}]"

    def legend(self, facts: Facts) -> list[str]:
        by_id = facts.source_by_id
        lines = [
            f"[{n}] {sid}: {cited(by_id[sid]) if sid in by_id else sid}"
            for sid, n in self.sources.items()
        ]
        lines += [f"[i{n}] {said}" for n, said in enumerate(self.inferred, 1)]
        if self.general:
            lines.append(f"{self.GENERAL} General knowledge, not from the sources.")
        return lines


# --------------------------------------------------------------------------------------------
# JSON: citations with addresses
# --------------------------------------------------------------------------------------------


def citation_data(facts: Facts, refs: Sequence[SourceRef]) -> list[dict[str, Any]]:
    by_id = facts.source_by_id
    return [
        {
            "source": r.source,
            "paragraph": r.paragraph,
            "address": by_id[r.source].address if r.source in by_id else None,
        }
        for r in refs
    ]


def add_addresses(facts: Facts, data: Any) -> None:
    """Give every citation in JSON data the ``address`` of its source."""
    if isinstance(data, dict):
        if set(data) == {"source", "paragraph"} and isinstance(data["source"], str):
            source = facts.source_by_id.get(data["source"])
            data["address"] = source.address if source else None
            return
        for value in data.values():
            add_addresses(facts, value)
    elif isinstance(data, list):
        for value in data:
            add_addresses(facts, value)
