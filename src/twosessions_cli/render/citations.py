"""Every way of citing a source: 'id ¶n' cells, the legend under a view, reference-work marks,
the CSV cell, the JSON citation, and the plain, Markdown and BibTeX citations of ``cite``.

Sources are looked up in ``Facts.source_by_id``, built once per run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from twosessions_cli.records import Grounds, Source, SourceRef, citations, paragraphs_by_source
from twosessions_cli.store import Facts
from twosessions_cli.text import PROG, number_ranges

if TYPE_CHECKING:
    from twosessions_cli.lookups import Citable


def cited(source: Source, paragraphs: Sequence[int] = ()) -> str:
    """A plain citation: publisher, title, date, address and paragraphs, in one line."""
    parts = [source.publisher]
    if source.reliability == "reprint" and source.reprint_of:
        parts[0] += f" (reprinting {source.reprint_of})"
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
            publisher += f" (reprinting {source.reprint_of})"
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


def csv_cell(facts: Facts, refs: Sequence[SourceRef]) -> str:
    """Sources spelled out for a spreadsheet: 'iChongqing 2026-01-25 ¶6'."""
    parts = []
    for sid, paragraphs in paragraphs_by_source(refs).items():
        source = facts.source_by_id.get(sid)
        who = f"{source.publisher} {source.published or 'undated'}" if source else sid
        parts.append(f"{who} ¶{number_ranges(paragraphs)}")
    return "; ".join(parts)


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
            reason = part.reason or ""
            if reason not in self.inferred:
                self.inferred.append(reason)
            marks.insert(0, f"[i{self.inferred.index(reason) + 1}]")
        return "".join(marks)

    def legend(self, facts: Facts) -> list[str]:
        by_id = facts.source_by_id
        lines = [
            f"[{n}] {sid}: {cited(by_id[sid]) if sid in by_id else sid}"
            for sid, n in self.sources.items()
        ]
        lines += [f"[i{n}] Inferred: {reason}" for n, reason in enumerate(self.inferred, 1)]
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


# --------------------------------------------------------------------------------------------
# cite: one record or statement, as JSON, plain text, Markdown or BibTeX
# --------------------------------------------------------------------------------------------


def _cited_refs(found: Citable) -> list[SourceRef]:
    if found.part is not None:
        return list(found.part.source)
    return citations(found.record)


def _what(found: Citable) -> str:
    """What is being cited, in one line: the statement itself, or the record described."""
    part = found.part
    if part is None:
        return found.record.described()
    said = getattr(part, "text", None)
    if said:
        return str(said)
    date = getattr(part, "date", None)
    if date is not None:
        return f"{found.part_id}: {date.isoformat()} ({getattr(part, 'status', '')})"
    return f"{found.part_id} ({part.basis})"


def citation_record(facts: Facts, found: Citable) -> dict[str, Any]:
    """``cite --json``: what is cited, its basis, and each source with its paragraphs."""
    by_id = facts.source_by_id
    part = found.part
    return {
        "id": found.part_id or found.record.id,
        "kind": found.kind,
        "what": _what(found),
        "basis": part.basis if part is not None else "source",
        "reason": part.reason if part is not None else None,
        "sources": [
            {
                "source": sid,
                "paragraphs": paragraphs,
                "address": by_id[sid].address if sid in by_id else None,
                "citation": cited(by_id[sid], paragraphs) if sid in by_id else sid,
            }
            for sid, paragraphs in paragraphs_by_source(_cited_refs(found)).items()
        ],
    }


def citation_text(facts: Facts, found: Citable, style: str) -> str:
    """A citation to paste: plain text, Markdown or BibTeX."""
    record = citation_record(facts, found)
    by_id = facts.source_by_id
    lines: list[str] = []
    if style == "bibtex":
        for one in record["sources"]:
            source = by_id.get(one["source"])
            if source is not None:
                lines.append(_bibtex(source, one["paragraphs"], record["id"]))
        if not lines:
            lines.append(f"% {record['id']}: {_no_source(record)}")
        return "\n\n".join(lines) + "\n"
    quote = record["what"]
    if style == "markdown":
        lines.append(f"> {quote}")
        lines.append("")
        for one in record["sources"]:
            source = by_id.get(one["source"])
            if source is None:
                continue
            name = f"'{source.title}'" if source.title else "untitled page"
            link = (
                f"[{source.publisher}, {name}]({source.address})"
                if source.address
                else (f"{source.publisher}, {name}")
            )
            label = "paragraph" if len(one["paragraphs"]) == 1 else "paragraphs"
            numbers = ", ".join(str(p) for p in one["paragraphs"])
            lines.append(f"— {link}, {source.published_text}, {label} {numbers}.")
    else:
        lines.append(quote)
        lines += [f"Source: {one['citation']}." for one in record["sources"]]
    if record["basis"] == "inferred":
        lines.append(f"Inferred: {record['reason']}")
    if not record["sources"]:
        lines.append(_no_source(record))
    lines.append(f"({PROG} {record['id']})")
    return "\n".join(lines) + "\n"


def _no_source(record: dict[str, Any]) -> str:
    if record["basis"] == "general":
        return "General knowledge, not from the sources: there is no page to cite."
    return "No page is cited for this."


_BIBTEX_SPECIAL = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "%": r"\%",
        "&": r"\&",
        "#": r"\#",
        "_": r"\_",
        "$": r"\$",
        "^": r"\^{}",
        "~": r"\~{}",
    }
)


def _bibtex(source: Source, paragraphs: Sequence[int], cited_id: str) -> str:
    def value(text: str) -> str:
        return text.translate(_BIBTEX_SPECIAL)

    key = re.sub(r"[^A-Za-z0-9-]", "", source.id) or "source"
    label = "paragraph" if len(paragraphs) == 1 else "paragraphs"
    fields = [
        ("author", f"{{{value(source.publisher)}}}"),
        ("title", value(source.title) if source.title else "Untitled page"),
        ("date", source.published or ""),
        ("url", source.address or ""),
        ("langid", {"en": "english", "zh": "chinese"}.get(source.language, source.language)),
        (
            "note",
            f"{label.capitalize()} {', '.join(map(str, paragraphs))}; "
            f"cited for {value(cited_id)} ({PROG})",
        ),
    ]
    body = ",\n".join(f"  {name} = {{{text}}}" for name, text in fields if text)
    return f"@online{{{key},\n{body}\n}}"
