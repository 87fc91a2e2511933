"""Safe Rich primitives made from data: text never parsed as markup, control characters gone.

Rich is imported inside the functions, as everywhere in ``render``, so JSON never loads it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from twosessions_cli.records import Grounds, Statement
from twosessions_cli.render.output import hyperlinks
from twosessions_cli.text import inert

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table
    from rich.text import Text


def text(value: object, style: str = "") -> Text:
    """Data as a Rich Text: never parsed as markup, control characters removed."""
    from rich.text import Text

    return Text(inert(str(value)), style=style)


#: A web address in running text: up to the next space (sentence punctuation is trimmed after).
_ADDRESS = re.compile(r"https?://\S+")
_WEB = re.compile(r"https?://[^\s\x00-\x1f\x7f]+")
_TRAILING = ".,;:!?'\"]"


def _trimmed(found: str) -> str:
    """An address found in text, without the punctuation of the sentence around it."""
    while found and (
        found[-1] in _TRAILING or (found[-1] == ")" and found.count("(") < found.count(")"))
    ):
        found = found[:-1]
    return found


def address(url: str, style: str = "", indent: int = 0) -> Text:
    """A web address whole, for a line of its own: never wrapped by us (the terminal wraps it
    if it must, so it copies whole; print it with ``crop=False``), and a hyperlink (OSC 8) on a
    terminal that shows styles. Only http and https addresses become links."""
    from rich.style import Style
    from rich.text import Text

    url = inert(url)
    line = Text(" " * indent, style=style, no_wrap=True, overflow="ignore")
    linked = _WEB.fullmatch(url) is not None and hyperlinks()
    line.append(url, style=Style(link=url) if linked else None)
    return line


def said(value: str, style: str = "") -> RenderableType:
    """A line of running text (a note, a legend) wrapped to the terminal, with each web address
    in it on a line of its own, whole (``address``; print it with ``crop=False``)."""
    from rich.console import Group

    value = inert(value)
    parts: list[RenderableType] = []
    start = 0
    for found in _ADDRESS.finditer(value):
        url = _trimmed(found.group())
        if not url.partition("://")[2]:
            continue
        before = value[start : found.start()].strip()
        if before:
            parts.append(text(before, style))
        parts.append(address(url, style))
        start = found.start() + len(url)
    rest = value[start:].strip()
    if rest or not parts:
        parts.append(text(rest if parts else value, style))
    return parts[0] if len(parts) == 1 else Group(*parts)


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
