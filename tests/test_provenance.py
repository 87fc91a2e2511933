"""Every number and date in a statement that claims a source is printed in the cited paragraphs.

This reads the source texts themselves where they are at hand (the project workspace's
``../shared/sources``, which CI has): a number moved to the wrong paragraph fails here. Web pages
whose text is not kept beside the project are skipped, and the test says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from twosessions_cli.records import Grounds, SourceRef, Statement, grounded_parts
from twosessions_cli.store import Facts
from twosessions_cli.text import MONTHS as ENGLISH_MONTHS

SHARED = Path(__file__).resolve().parents[2] / "shared" / "sources"
# 'jan', 'january', 'sept', ... -> month number; 'may' is both.
MONTHS = {name.lower()[:n]: number for number, name in enumerate(ENGLISH_MONTHS, 1) for n in (3, 9)}
MONTHS["sept"] = 9
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? {_MONTH}", re.IGNORECASE)
_MONTH_DAY = re.compile(rf"\b{_MONTH} (\d{{1,2}})(?:st|nd|rd|th)?\b", re.IGNORECASE)
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
# "the 2020 guide", "the 2026 report": a year naming the document, not a fact from it.
_DOCUMENT_YEAR = re.compile(r"\b(?:19|20)\d\d (?:visitor's )?(?:guide|report)\b")


def day_months(text: str) -> set[tuple[int, int]]:
    """(month, day) pairs in English text: '27 January', 'Jan. 27', 'January 10th'."""
    found = {(MONTHS[m.group(2).lower()], int(m.group(1))) for m in _DAY_MONTH.finditer(text)}
    found |= {(MONTHS[m.group(1).lower()], int(m.group(2))) for m in _MONTH_DAY.finditer(text)}
    return found


def numbers(text: str) -> set[str]:
    """Numbers in a text, thousands separators dropped ('1,385' and '1385' are the same)."""
    text = _DOCUMENT_YEAR.sub("", text)
    for dates in (_DAY_MONTH, _MONTH_DAY):
        text = dates.sub(" ", text)
    return {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text)}


def paragraphs(file: Path, wanted: list[int]) -> str:
    lines = [line for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
    return "\n".join(lines[n - 1] for n in wanted)


def problems(statement: str, cited: str) -> list[str]:
    """What a sourced statement says that its cited paragraphs do not print."""
    missing = [f"number {n}" for n in sorted(numbers(statement) - numbers(cited))]
    missing += [
        f"date {day}/{month}" for month, day in sorted(day_months(statement) - day_months(cited))
    ]
    return missing


def local_copies(facts: Facts) -> dict[str, Path]:
    return {s.id: SHARED / s.copy for s in facts.sources if s.copy and (SHARED / s.copy).is_file()}


def sourced_texts(facts: Facts) -> Iterator[tuple[str, str, list[SourceRef]]]:
    """(citable id, text, citations) of every source-based statement, date and figure."""
    for kind in ("sessions", "agenda", "people", "figures", "topics", "sources", "bodies"):
        for record in facts.records(kind):
            for sid, _, part in grounded_parts(record):
                if part.basis == "source" and isinstance(part, Statement):
                    yield sid, part.text, list(part.source)
                elif part.basis in ("source", "inferred") and hasattr(part, "date"):
                    date = part.date  # type: ignore[attr-defined]
                    month = ENGLISH_MONTHS[date.month - 1]
                    yield sid, f"{date.day} {month}", list(part.source)
            value = getattr(record, "value", None)
            if value is not None and record.inferred is None:
                yield record.id, f"{value:,}", list(record.source)


def test_every_sourced_number_and_date_is_in_its_cited_paragraphs(facts: Facts) -> None:
    copies = local_copies(facts)
    if not copies:
        pytest.skip(f"the source texts are not at hand ({SHARED} is missing)")
    checked, wrong = 0, []
    for sid, text, refs in sourced_texts(facts):
        by_source: dict[str, list[int]] = {}
        for ref in refs:
            by_source.setdefault(ref.source, []).append(ref.paragraph)
        if not by_source or not set(by_source) <= set(copies):
            continue  # a web page whose text is not kept here: checked by the audit, not here
        cited = "\n".join(paragraphs(copies[s], ps) for s, ps in by_source.items())
        checked += 1
        wrong += [f"{sid}: {p} not in {by_source}" for p in problems(text, cited)]
    assert checked >= 40  # the two founding documents carry dozens of sourced statements
    assert wrong == []


@pytest.mark.parametrize(
    ("statement", "paragraph", "expected"),
    [
        ("He said the committee handled 1,385 proposals in 2025.", 6, []),
        ("He said the committee handled 1385 proposals in 2025.", 6, []),
        # The same number moved to a paragraph that does not print it: caught.
        (
            "He said the committee handled 1,385 proposals in 2025.",
            5,
            ["number 1385", "number 2025"],
        ),
        ("The session was to open on 27 January.", 1, []),
        ("The session was to open on 29 January.", 1, ["date 29/1"]),
        ("The 2020 guide names no figure.", 3, []),
    ],
)
def test_the_check_catches_a_number_or_date_in_the_wrong_paragraph(
    facts: Facts, statement: str, paragraph: int, expected: list[str]
) -> None:
    copies = local_copies(facts)
    if "icq-20260125" not in copies:
        pytest.skip(f"the source texts are not at hand ({SHARED} is missing)")
    assert problems(statement, paragraphs(copies["icq-20260125"], [paragraph])) == expected


def test_grounds_without_text_are_not_statements() -> None:
    # Only statements carry words to check; bare grounds (a session's number) have none.
    assert not isinstance(Grounds(basis="general"), Statement)
