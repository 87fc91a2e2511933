"""Record ids: whole words, short enough to type, and stable (a published id keeps working).

An id is what a reader types into `cite`; one cut mid-word ('...-trillion-yua') reads as a typo.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import Run

from twosessions_cli.records import KINDS
from twosessions_cli.store import Facts

CLI = Callable[..., Run]

DATA = Path(__file__).resolve().parents[1] / "data"
#: Long enough for "2019-cppcc-proposals-assigned-after-merging"; the ids once cut were 45.
LONGEST_ID = 44
#: Words ids use that the data's text spells another way ('attendance': 'attended').
ID_WORDS = {"attendance", "peoples", "numbering"}
#: A source's id is its outlet and publication day: 'cqrb-20240122', 'cqrb-20240122a', 'chinaun-2008'.
SOURCE_ID = re.compile(
    r"^[a-z0-9]+(-[a-z]+)?-(\d{8}[a-z]?|\d{4}(-\d+|cppcc)?|undated[a-z]?(-\d{4})?)$"
)
_WORD = re.compile(r"[a-z0-9]+")
#: Fields whose values are ids or addresses, not words of the text.
_NOT_TEXT = {"id", "aliases", "address", "source", "series", "session_id", "reported_by", "related"}


def data() -> dict[str, list[dict[str, Any]]]:
    return {kind: json.loads((DATA / f"{kind}.json").read_text("utf-8")) for kind in KINDS}


def words(value: Any) -> Iterator[str]:
    """The lower-case words and numbers of every text in a record (ids and addresses left out)."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key not in _NOT_TEXT:
                yield from words(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from words(inner)
    elif isinstance(value, str):
        yield from _WORD.findall(value.lower())


def cut_words(record_id: str, record: dict[str, Any], vocabulary: set[str]) -> list[str]:
    """The parts of an id that are no word of the data's text, or a number the record lacks."""
    own = set(words(record))
    bad = []
    for part in record_id.split("-"):
        if part.isdigit():
            if len(part) != 4 and part not in own:  # a year, or a number the record prints
                bad.append(part)
        elif part not in vocabulary and part not in ID_WORDS:
            bad.append(part)
    return bad


def test_the_check_finds_an_id_cut_mid_word() -> None:
    record = {"label": "Chongqing GDP", "unit": "trillion yuan", "note": "within the 960 cases"}
    vocabulary = set(words(record))
    assert cut_words("2025-chongqing-gdp-trillion-yua", record, vocabulary) == ["yua"]
    assert cut_words("2019-cases-within-the-96", record, vocabulary) == ["96"]
    assert cut_words("2024-gdp-", record, vocabulary) == [""]
    assert cut_words("2025-chongqing-gdp", record, vocabulary) == []


def test_every_id_is_whole_words_and_short() -> None:
    files = data()
    vocabulary = {w for records in files.values() for r in records for w in words(r)}
    cut: dict[str, list[str]] = {}
    long: list[str] = []
    for kind, records in files.items():
        for record in records:
            record_id = record["id"]
            if len(record_id) > LONGEST_ID:
                long.append(record_id)
            if kind == "sources":
                if not SOURCE_ID.match(record_id):
                    cut[record_id] = ["not outlet-date"]
            elif found := cut_words(record_id, record, vocabulary):
                cut[record_id] = found
    assert cut == {}
    assert long == []


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_ids_use_lower_case_words_and_single_hyphens(kind: str) -> None:
    ids = [r["id"] for r in data()[kind]]
    assert [i for i in ids if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i)] == []


#: Ids published before they were renamed, and the id each record has now.
RENAMED = {
    "2018-gdp-growth-previous-year-statistics-bure": "2018-gdp-growth-statistics-bureau",
    "2019-cppcc-proposals-submitted-at-the-plenary": "2019-cppcc-proposals-at-session",
    "2019-cppcc-proposals-submitted-through-regula": "2019-cppcc-proposals-regular-channels",
    "2019-cppcc-proposals-handled-after-the-case-p": "2019-cppcc-proposals-assigned-after-merging",
    "2019-cppcc-members-proposals-within-the-960-c": "2019-cppcc-members-proposals-assigned",
    "2019-cppcc-collective-proposals-within-the-96": "2019-cppcc-collective-proposals-assigned",
    "2021-deputies-motions-submitted-during-the-se": "2021-deputies-motions-submitted",
    "2021-deputies-suggestions-submitted-during-th": "2021-deputies-suggestions-submitted",
    "2024-deputies-present-second-plenary-meeting-": "2024-deputies-present-second-plenary",
    "2025-chongqing-gdp-trillion-yua": "2025-regional-gdp",
}


def test_every_renamed_id_is_a_former_id_of_its_record(all_facts: Facts) -> None:
    assert {old: new for old, (_, new) in all_facts.renamed.items() if old in RENAMED} == RENAMED


@pytest.mark.parametrize(("old", "new"), sorted(RENAMED.items()))
def test_cite_by_a_former_id_answers_and_names_the_new_id(cli: CLI, old: str, new: str) -> None:
    by_old, by_new = cli("cite", old), cli("cite", new)
    assert by_old.exit_code == 0
    assert by_old.stdout == by_new.stdout
    assert by_old.stderr == f"twosessions: id {old!r} is now {new!r} (the old id still works)\n"
    assert by_new.stderr == ""


def test_a_statement_of_a_renamed_record_is_found_by_its_former_id(cli: CLI) -> None:
    old = "2019-cppcc-proposals-handled-after-the-case-p.note"
    result = cli("cite", old, "--json")
    assert result.json()["id"] == "2019-cppcc-proposals-assigned-after-merging.note"
    assert "is now '2019-cppcc-proposals-assigned-after-merging.note'" in result.stderr


def test_the_2019_merged_proposals_say_what_the_committee_did(all_facts: Facts) -> None:
    # 并案后交办: filed proposals on one matter are merged, then assigned to the bodies that
    # handle them. The page's English ('handled after the case') is read as that step.
    figure = next(
        f
        for f in all_facts.figures
        if f.id == RENAMED["2019-cppcc-proposals-handled-after-the-case-p"]
    )
    assert (figure.value, figure.unit) == (960, "proposals")
    assert figure.label == "CPPCC filed proposals assigned for handling after merging"
    assert figure.note is not None
    assert figure.note.basis == "inferred"
    assert "并案后交办" in (figure.note.reason or "")
    assert "handled after the case" not in figure.label + figure.note.text
    assert figure.inferred is not None
    assert figure.inferred.what == "year"
