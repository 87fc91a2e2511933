"""Safe Rich primitives made from data: text never parsed as markup, control characters gone.

Rich is imported inside the functions, as everywhere in ``render``, so JSON never loads it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from twosessions_cli.records import Grounds, Statement
from twosessions_cli.text import inert

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text


def text(value: object, style: str = "") -> Text:
    """Data as a Rich Text: never parsed as markup, control characters removed."""
    from rich.text import Text

    return Text(inert(str(value)), style=style)


def spans(*parts: tuple[str, str]) -> Text:
    """A Text of (text, style) pieces, each styled on its own.

    ``Text(value, style=...)`` styles the whole line, pieces appended later included.
    """
    from rich.text import Text

    line = Text()
    for value, style in parts:
        line.append(inert(value), style=style or None)
    return line


def labelled(label: str, value: str) -> Text:
    """'Label: value', the label in bold."""
    return spans((f"{label}: ", "bold"), (value, ""))


def marked(
    mark: Callable[[Grounds], str], statements: Sequence[Statement], style: str = ""
) -> Text:
    """Statements run together as a paragraph, each followed by its mark (kept on its line)."""
    from rich.text import Text

    line = Text()
    for n, statement in enumerate(statements):
        if n:
            line.append(" ")
        body = inert(statement.text)
        # The mark follows the last word with no space, so it never wraps onto its own line.
        head, _, last = body.rpartition(" ")
        line.append(f"{head} " if head else "", style=style or None)
        line.append(last, style=style or None)
        line.append(mark(statement), style="dim")
    return line


def new_table(title: str | None = None) -> Table:
    from rich import box
    from rich.table import Table

    return Table(
        title=inert(title) if title else None,
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        title_justify="left",
        title_style="bold",
        header_style="bold cyan",
        expand=False,
    )


def can_encode(out: Console, sample: str) -> bool:
    """Whether the console's encoding can print ``sample`` (not under LC_ALL=C, say)."""
    try:
        sample.encode(out.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True
