"""Arguments as typed on the command line, parsed at its edge: a bad YEAR or DATE is a usage
error (exit 2) before any command runs, so the modules below never raise one for them."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

import typer

from twosessions_cli.completion import years_of
from twosessions_cli.errors import UsageProblem
from twosessions_cli.text import quoted


def parse_year(text: str) -> int:
    """A year as typed by a user: four digits, nothing else (exit 2 otherwise)."""
    stripped = text.strip()
    if not (stripped.isascii() and stripped.isdigit() and len(stripped) == 4):
        raise UsageProblem(f"invalid year {quoted(text)}: expected four digits, such as 2026")
    return int(stripped)


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATE_HINT = "expected YYYY-MM-DD, such as 2026-01-20"


def parse_date(text: str) -> dt.date:
    """A date as typed by a user: YYYY-MM-DD, a real calendar day (exit 2 otherwise)."""
    stripped = text.strip()
    if not _ISO_DATE.fullmatch(stripped):
        raise UsageProblem(f"invalid date {quoted(text)}: {_DATE_HINT}")
    try:
        return dt.date.fromisoformat(stripped)
    except ValueError as exc:
        raise UsageProblem(f"invalid date {quoted(text)}: {exc}; {_DATE_HINT}") from None


def year_argument(help_text: str, kind: str, *, optional: bool = True) -> typer.models.ArgumentInfo:
    """A YEAR argument: parsed by ``parse_year``, completed with the years ``kind`` has."""
    info: typer.models.ArgumentInfo = typer.Argument(
        metavar="[YEAR]" if optional else "YEAR",
        help=help_text,
        show_default=False,
        parser=parse_year,
        autocompletion=years_of(kind),
    )
    return info


LATEST = "A year such as 2026 (default: the latest)."

#: The optional YEAR of most commands (default: the latest year with sessions).
YearArg = Annotated[int | None, year_argument(LATEST, "sessions")]
