"""Pure text rules that the command tests would only catch indirectly."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from twosessions_cli import text


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        # Apostrophes stay ASCII: the scripts pass descriptions on unquoted (tests/test_installed.py
        # checks that zsh and fish show them).
        (
            "Chongqing's legislature: its deputies take up law proposals",
            "Chongqing's legislature",
        ),
        ("Short; and more", "Short"),
        ("A [bold]tag[/bold] and\nbreak", "A [bold]tag[/bold] and break"),
        (
            "China's national congress, which meets with the national CPPCC each March",
            "China's national congress, which meets with the national…",
        ),
        (": starts with a colon", ": starts with a colon"),
    ],
)
def test_completion_help_is_short_and_plain(summary: str, expected: str) -> None:
    assert text.completion_help(summary) == expected


def test_completion_help_keeps_a_whole_caption() -> None:
    assert text.completion_help("2025: CPPCC proposals handled", whole=True) == (
        "2025: CPPCC proposals handled"
    )


@given(st.text())
def test_completion_help_never_breaks_a_menu(summary: str) -> None:
    help_text = text.completion_help(summary)
    assert len(help_text) <= 60
    assert "\n" not in help_text
    assert "\x1b" not in help_text


def test_one_line_escapes_breaks_and_drops_controls() -> None:
    assert text.one_line("a\nb\tc\rd\x1b[31m") == "a\\nb\\tc\\rd[31m"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 1, 27), "Tuesday 27 January 2026"),
        (dt.date(2026, 2, 1), "Sunday 1 February 2026"),
        (dt.date(2020, 12, 31), "Thursday 31 December 2020"),
    ],
)
def test_long_date_is_english_whatever_the_locale(day: dt.date, expected: str) -> None:
    assert text.long_date(day) == expected


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("over 50", "over 50"),
        ("", ""),
        ("iChongqing", "iChongqing"),
    ],
)
def test_spreadsheet_safe_neutralises_formula_starts(value: str, written: str) -> None:
    assert text.spreadsheet_safe(value) == written


@pytest.mark.parametrize(
    ("count", "words", "expected"),
    [
        (15, ("session",), "15 sessions"),
        (0, ("record",), "0 records"),
        (1, ("record",), "1 record"),
        (2, ("record",), "2 records"),
        (1, ("body", "bodies"), "1 body"),
        (3, ("body", "bodies"), "3 bodies"),
        (1, ("person", "people"), "1 person"),
    ],
)
def test_plural_agrees_with_its_number(count: int, words: tuple[str, ...], expected: str) -> None:
    assert text.plural(count, *words) == expected


def test_quoted_cuts_an_overlong_argument() -> None:
    assert text.quoted("mayor") == "'mayor'"
    long = text.quoted("9" * 5000)
    assert long == "'" + "9" * (text.ECHO_MAX - 1) + "…'"
    # Line breaks and control characters never reach the terminal from an echoed argument.
    assert text.quoted("a\nb\x1b[31m") == "'a\\\\nb[31m'"


def test_traditional_and_simplified_fold_alike() -> None:
    assert text.normalize("兩會") == text.normalize("两会") == "两会"
    assert text.normalize("重慶市政協") == "重庆市政协"
    assert text.normalize("市長") == "市长"
    assert text.normalize("總理") == "总理"


def test_every_character_of_the_table_is_one_the_data_uses() -> None:
    from pathlib import Path

    from twosessions_cli.people import ROLE_WORDS

    data = Path(__file__).resolve().parents[1] / "data"
    # The data's text, and the Chinese role words that find people (总理 finds the premiers).
    used = "".join(p.read_text(encoding="utf-8") for p in sorted(data.glob("*.json")))
    used += "".join(ROLE_WORDS)
    assert len(text._TRADITIONAL) == len(text._SIMPLIFIED) == len(set(text._TRADITIONAL))
    for traditional, simple in zip(text._TRADITIONAL, text._SIMPLIFIED, strict=True):
        assert traditional != simple
        assert traditional.translate(text.TRADITIONAL_TO_SIMPLIFIED) == simple
        assert simple in used, f"{traditional} -> {simple}: {simple} is not used in data/"
