"""``cite``'s outputs: sentences to paste (plain or Markdown), a BibTeX file, CSL-JSON, and the
JSON record. Several facts make one bibliography: one key per fact and page, never two alike.

``urldate`` (BibTeX) and ``accessed`` (CSL-JSON) are the day the citation was made (today, or
SOURCE_DATE_EPOCH): the data does not record when each page was read, and twosessions never
goes online, so the person citing confirms the address on that day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from msgspec.structs import replace

from twosessions_cli.records import Source, citations, paragraphs_by_source
from twosessions_cli.render.citations import cited
from twosessions_cli.render.output import json_text
from twosessions_cli.render.sentences import Claim, claim_of, paragraphs_text
from twosessions_cli.store import Facts
from twosessions_cli.text import inert

if TYPE_CHECKING:
    from twosessions_cli.lookups import Citable

#: The styles of ``cite --style``.
STYLES = ("plain", "markdown", "bibtex", "csl-json")

#: biblatex's language names for the data's language codes.
LANGIDS = {"en": "english", "zh": "chinese", "it": "italian"}


def _pages(claim: Claim) -> list[tuple[str, list[int]]]:
    if claim.page is not None:
        return [(claim.page, [])]
    return list(paragraphs_by_source(claim.refs).items())


def _page_words(facts: Facts, source_id: str, paragraphs: Sequence[int]) -> list[str]:
    """'iChongqing', "'Title'", '25 January 2026', 'paragraphs 1-2': a page as a reader cites it."""
    source = facts.source_by_id.get(source_id)
    if source is None:
        return [source_id] + ([paragraphs_text(paragraphs)] if paragraphs else [])
    words = [_publisher(source)]
    if source.title:
        words.append(f"'{source.title}'")
    words.append(source.published_text)
    if paragraphs:
        words.append(paragraphs_text(paragraphs))
    return words


def _publisher(source: Source) -> str:
    if source.reliability == "reprint" and source.reprint_of:
        return f"{source.publisher} (reprint of {source.reprint_of})"
    return source.publisher


def _wrapped(claim: Claim, pages: list[str]) -> str:
    """The sentence with its citation in brackets, as an article would print it."""
    if not pages:
        if claim.basis == "general":
            return f"{claim.text} (general knowledge, not from the sources)."
        if claim.basis == "inferred":
            return f"{claim.text} (inferred; no page says it outright)."
        return f"{claim.text}."
    lead = "inferred from " if claim.basis == "inferred" else ""
    return f"{claim.text} ({lead}{'; '.join(pages)})."


def sentence(facts: Facts, claim: Claim) -> str:
    """The plain sentence: 'The 2026 session of ... opened on 27 January 2026 (iChongqing, ...).'"""
    pages = []
    for sid, paragraphs in _pages(claim):
        words = _page_words(facts, sid, paragraphs)
        source = facts.source_by_id.get(sid)
        if source is not None and source.address:
            words.append(source.address)
        pages.append(", ".join(words))
    return _wrapped(claim, pages)


def _why(claim: Claim) -> list[str]:
    return [
        f"{what} is inferred: {why}" if what else f"Inferred: {why}" for what, why in claim.reasons
    ]


def plain_text(facts: Facts, claims: Sequence[Claim], *, why: bool = False) -> str:
    """One sentence a line; with ``why``, the reason of each inference indented below it."""
    lines = []
    for claim in claims:
        lines.append(sentence(facts, claim))
        if why:
            lines += [f"  {reason}" for reason in _why(claim)]
    return "\n".join(lines) + "\n"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")
_MARKDOWN_LEAD = re.compile(r"^(\d+)([.)])|^([-+=])")


def _markdown(text: str) -> str:
    """Data text that Markdown shows as written: no emphasis, links or list markers from it."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _MARKDOWN_LEAD.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def _link_target(address: str) -> str:
    return "".join(f"%{ord(ch):02X}" if ch in " ()<>" else ch for ch in address)


def markdown_text(facts: Facts, claims: Sequence[Claim], *, why: bool = False) -> str:
    """A Markdown list, one fact an item, each page a link; reasons as items below it."""
    lines = []
    for claim in claims:
        pages = []
        for sid, paragraphs in _pages(claim):
            words = _page_words(facts, sid, paragraphs)
            source = facts.source_by_id.get(sid)
            named = _markdown(", ".join(words[:-1] if paragraphs else words))
            if source is not None and source.address:
                named = f"[{named}]({_link_target(source.address)})"
            pages.append(f"{named}, {_markdown(words[-1])}" if paragraphs else named)
        lines.append("- " + _wrapped(replace(claim, text=_markdown(claim.text)), pages))
        if why:
            lines += [f"  - {_markdown(reason)}" for reason in _why(claim)]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# BibTeX and CSL-JSON: one entry per fact and page
# --------------------------------------------------------------------------------------------


def _keyed(claims: Sequence[Claim]) -> list[tuple[str, Claim, str, list[int]]]:
    """(key, claim, source id, paragraphs) for each page of each claim, keys unique: a page
    cited for two facts is two entries, each with its own paragraphs and sentence."""
    keyed = []
    taken: set[str] = set()
    for claim in claims:
        for sid, paragraphs in _pages(claim):
            base = re.sub(r"[^A-Za-z0-9._:-]", "", f"{sid}:{claim.id}") or "source"
            key, n = base, 1
            while key in taken:
                n += 1
                key = f"{base}-{n}"
            taken.add(key)
            keyed.append((key, claim, sid, paragraphs))
    return keyed


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
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _bib_url(address: str) -> str:
    """An address as biblatex reads a url (verbatim): braces and spaces percent-encoded, so
    that a brace in an address cannot end the field."""
    return "".join(f"%{ord(ch):02X}" if ch in "{} \\" or ch.isspace() else ch for ch in address)


def _bib(text: str) -> str:
    return " ".join(text.split()).translate(_BIBTEX_SPECIAL)


def _page_note(source: Source | None, paragraphs: Sequence[int]) -> str:
    note = paragraphs_text(paragraphs).capitalize() if paragraphs else "The page as a whole"
    if source is not None and source.reliability == "reprint" and source.reprint_of:
        note += f"; reprint of {source.reprint_of}"
    return note


def _cited_for(facts: Facts, claim: Claim) -> str:
    said = sentence(facts, replace(claim, refs=[], basis="source", page=None))
    return f"Inferred: {said}" if claim.basis == "inferred" else said


def bibtex_text(facts: Facts, claims: Sequence[Claim], cited_on: dt.date) -> str:
    """One ``@online`` entry per fact and page; a fact with no page is a comment line."""
    entries = []
    for key, claim, sid, paragraphs in _keyed(claims):
        source = facts.source_by_id.get(sid)
        title = source.title if source and source.title else "Untitled page"
        fields = [
            ("author", f"{{{_bib(source.publisher if source else sid)}}}"),
            # Doubled braces keep the title as written: no style changes its case.
            ("title", f"{{{_bib(title)}}}"),
            (
                "date",
                source.published if source and _ISO_DATE.match(source.published or "") else "",
            ),
            ("url", _bib_url(source.address) if source and source.address else ""),
            ("urldate", cited_on.isoformat()),
            ("langid", LANGIDS.get(source.language, source.language) if source else ""),
            ("note", _bib(_page_note(source, paragraphs))),
            ("annotation", _bib(_cited_for(facts, claim))),
        ]
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
        entries.append(f"@online{{{key},\n{body}\n}}")
    for claim in claims:
        if not _pages(claim):
            entries.append(f"% No page to cite: {' '.join(sentence(facts, claim).split())}")
    return "\n\n".join(entries) + "\n"


def _date_parts(iso: str) -> list[int]:
    return [int(part) for part in iso.split("-")]


def csl_items(facts: Facts, claims: Sequence[Claim], cited_on: dt.date) -> list[dict[str, Any]]:
    """CSL-JSON (as Zotero and pandoc read it): one ``webpage`` item per fact and page."""
    items = []
    for key, claim, sid, paragraphs in _keyed(claims):
        source = facts.source_by_id.get(sid)
        item: dict[str, Any] = {
            "id": key,
            "type": "webpage",
            "title": source.title if source and source.title else "Untitled page",
            "author": [{"literal": source.publisher if source else sid}],
        }
        if source and source.published and _ISO_DATE.match(source.published):
            item["issued"] = {"date-parts": [_date_parts(source.published)]}
        if source and source.address:
            item["URL"] = source.address
        item["accessed"] = {"date-parts": [_date_parts(cited_on.isoformat())]}
        if source:
            item["language"] = source.language
        item["note"] = _page_note(source, paragraphs)
        item["annote"] = _cited_for(facts, claim)
        items.append(item)
    return items


# --------------------------------------------------------------------------------------------
# JSON: everything, reasons and every source of the record included
# --------------------------------------------------------------------------------------------


def citation_record(facts: Facts, found: Citable) -> dict[str, Any]:
    """``cite --json``: the sentence, what is cited, its basis and reasons, each source."""
    by_id = facts.source_by_id
    part = found.part
    claim = claim_of(facts, found)
    refs = list(part.source) if part is not None else citations(found.record)
    return {
        "id": found.part_id or found.record.id,
        "kind": found.kind,
        "sentence": sentence(facts, claim),
        "what": claim.text,
        "basis": part.basis if part is not None else "source",
        "reason": part.reason if part is not None else None,
        "inferred": [{"what": what or None, "reason": why} for what, why in claim.reasons],
        "sources": [
            {
                "source": sid,
                "paragraphs": paragraphs,
                "address": by_id[sid].address if sid in by_id else None,
                "citation": cited(by_id[sid], paragraphs) if sid in by_id else sid,
            }
            for sid, paragraphs in paragraphs_by_source(refs).items()
        ],
    }


def cite_text(
    facts: Facts, found: Sequence[Citable], style: str, *, why: bool, cited_on: dt.date
) -> str:
    """The citations of several facts in one style: one document, one bibliography."""
    claims = [claim_of(facts, one) for one in found]
    if style == "bibtex":
        return inert(bibtex_text(facts, claims, cited_on))
    if style == "csl-json":
        return json_text(csl_items(facts, claims, cited_on))
    if style == "markdown":
        return inert(markdown_text(facts, claims, why=why))
    return inert(plain_text(facts, claims, why=why))
