"""Pure text: folding names for matching, making data safe to print, ordinals and English dates.

Nothing here knows about records, Typer or Rich.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Collection

PROG = "twosessions"


def two_sessions_title(levels: Collection[str | None], when: str | None = None) -> str:
    """What a listing or a calendar of sessions is called, naming the levels it holds:
    'Chongqing Two Sessions, 2026', or with the national sessions among ``levels``, 'Two
    Sessions, 2026: national' or 'Two Sessions, 2026: Chongqing and national'."""
    at = f", {when}" if when else ""
    if "national" not in levels:
        return f"Chongqing Two Sessions{at}"
    both = any(level != "national" for level in levels)
    return f"Two Sessions{at}: {'Chongqing and national' if both else 'national'}"


_APOSTROPHES = re.compile(r"['’‘`´]")
_SEPARATORS = re.compile(r"[\s\-_/.,:;\"“”()]+")


# Traditional characters and their simplified forms, for the characters the bundled data's
# Chinese names use (topics and their aliases, bodies, people, figure labels) and the role words
# that find people (市长, 主席, 主任, 总理 ...): 兩會 finds 两会, 政協 finds 政协.
# A table rather than a conversion library (OpenCC and its kin): no dependency to install, no
# dictionary to load at start-up, and only the characters our data uses. It was drawn from
# OpenCC's s2t conversion of those characters; tests/test_text.py checks that every simplified
# form in it is used somewhere in data/. A character added to the data's Chinese names needs
# its pair here (or none, when it is written the same in both scripts).
_TRADITIONAL = "與兩麗鄉會興馮劃劉剛務華協吳員團國實屆慶張強彥總報棟綱統規計議踐軒過錚長龍"
_SIMPLIFIED = "与两丽乡会兴冯划刘刚务华协吴员团国实届庆张强彦总报栋纲统规计议践轩过铮长龙"
TRADITIONAL_TO_SIMPLIFIED = str.maketrans(_TRADITIONAL, _SIMPLIFIED)


def normalize(name: str) -> str:
    """Fold a name for matching: case, width, apostrophes, hyphens and spacing do not matter,
    nor traditional or simplified characters (兩會 is 两会)."""
    text = (
        name
        if name.isascii()
        else unicodedata.normalize("NFKC", name).translate(TRADITIONAL_TO_SIMPLIFIED)
    )
    text = text.casefold()
    text = _APOSTROPHES.sub("", text)
    text = _SEPARATORS.sub(" ", text).strip()
    return text.removeprefix("the ")


# C0/C1 control characters (but tab and newline) and the bidirectional overrides that can
# reorder what a terminal shows: text from data files must never drive the terminal.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def inert(text: str) -> str:
    """Text safe to print: control and bidi-override characters removed."""
    return _UNSAFE.sub("", text)


_LINE_BREAKS = str.maketrans({"\n": "\\n", "\r": "\\r", "\t": "\\t"})


def one_line(text: str) -> str:
    """Inert text that stays on one line: line breaks and tabs shown as \\n, \\r, \\t."""
    return inert(text.translate(_LINE_BREAKS))


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 record', '2 records', '0 records'; ``plural_form`` for irregular words ('1 body',
    '3 bodies'). Never 'record(s)'."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"


#: How much of a user's argument an error message repeats: enough to recognise it.
ECHO_MAX = 40


def cut(text: str, limit: int = ECHO_MAX) -> str:
    """``text`` cut to ``limit`` characters, ending in '…' when it was longer (one line, inert)."""
    flat = one_line(text)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def quoted(text: str, limit: int = ECHO_MAX) -> str:
    """A user's argument quoted in a message as Python's repr would, cut to ``limit``."""
    return repr(cut(text, limit))


def ordinal(n: int) -> str:
    """'1st', '2nd', '11th', '23rd'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(day: dt.date) -> str:
    """'Tuesday 27 January 2026', the same whatever the locale."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def english_date(iso: str) -> str:
    """'2026-01-25' -> '25 January 2026'; '2020-01' -> 'January 2020'; anything else as given."""
    parts = iso.split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) == 3:
            day = dt.date(*numbers)
            return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
        if len(numbers) == 2 and 1 <= numbers[1] <= 12:
            return f"{MONTHS[numbers[1] - 1]} {numbers[0]}"
    except ValueError:
        pass
    return iso


def day_month(day: dt.date) -> str:
    """'26 Jan', the same whatever the locale."""
    return f"{day.day} {MONTHS[day.month - 1][:3]}"


def number_ranges(numbers: list[int]) -> str:
    """'2,3,6' stays; runs of three or more close up: [4, 5, 6, 7, 9] -> '4-7,9'."""
    parts: list[str] = []
    run: list[int] = []
    for n in [*sorted(set(numbers)), None]:
        if run and (n is None or n != run[-1] + 1):
            parts.append(f"{run[0]}-{run[-1]}" if len(run) >= 3 else ",".join(map(str, run)))
            run = []
        if n is not None:
            run.append(n)
    return ",".join(parts)


def completion_help(summary: str, width: int = 60, *, whole: bool = False) -> str:
    """A short, single-line description for a shell's completion menu: the summary up to its
    first colon or semicolon (all of it when ``whole``), without control characters or line
    breaks, cut at a word before ``width``. Apostrophes and brackets stay as written: the
    completion scripts hand descriptions to the shell unquoted and unrendered."""
    head = summary if whole else re.split(r"[:;]", summary, maxsplit=1)[0].strip() or summary
    head = " ".join(inert(head).split())
    if len(head) <= width:
        return head
    cut = head[: width - 1].rsplit(" ", 1)[0] or head[: width - 1]
    return cut.rstrip(",.;: ") + "…"


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV Injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """Text a spreadsheet shows as text: a cell that would start a formula gets a leading "'".

    Only text is ever passed here; numbers are written as numbers and stay numbers.
    """
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def csv_cell(value: int | float | str | None) -> str:
    """A CSV cell: a number as a number ('1385', '-0.5'), empty for unknown, and text made
    safe from spreadsheet formulas (``spreadsheet_safe``)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return spreadsheet_safe(inert(value))
    return repr(value)
