"""Everything a person or a script sees, and ``present``, the one dispatch every command ends in.

The modules beside this one are split by concern: ``output`` (the console, files, JSON),
``wording`` (sentences JSON and views share), ``payloads`` (every JSON document), ``citations``
(every way of citing a source), ``notes`` (numbered footnotes), ``cells`` and ``listing`` (Rich
primitives and the table-or-stacked listing), ``formats`` (CSV and Markdown), and ``views/``,
one module per kind of view. Rich is imported only inside the functions that draw.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from twosessions_cli.errors import UsageProblem
from twosessions_cli.render.output import OutputFormat, bom_wanted, emit_json, write_output


class Listed(Protocol):
    """A listing of records that can be shown, or written in a text format (CSV, Markdown)."""

    def show(self) -> None: ...

    def written(self, fmt: OutputFormat) -> str: ...


def refuse_bom(output: str) -> None:
    """--bom given for an output that is not CSV: a usage error, never silently ignored."""
    if bom_wanted():
        raise UsageProblem(
            f"--bom is for --format csv (a byte-order mark for spreadsheet programs), not {output}"
        )


def present(
    fmt: OutputFormat,
    data: Callable[[], Any],
    view: Callable[[], None] | None = None,
    listing: Callable[[], Listed] | None = None,
) -> None:
    """How every command ends: JSON for scripts, CSV or Markdown to paste, or the view.

    Each output is given as a callable so that only the one asked for is built. ``listing``
    (records in rows) serves the text formats, and the table when there is no other ``view``.
    """
    if fmt is not OutputFormat.csv:
        refuse_bom(f"--format {fmt}")
    if fmt is OutputFormat.json:
        emit_json(data())
    elif fmt is not OutputFormat.table:
        if listing is None:
            raise UsageProblem(
                f"--format {fmt} is for commands that list records (dates, next, stats, agenda, "
                "who, search, sources, trend, targets, glossary, explain with no topic); use "
                "--format json here"
            )
        mark = "\ufeff" if bom_wanted() else ""
        write_output(None, (mark + listing().written(fmt)).encode("utf-8"))
    elif view is not None:
        view()
    elif listing is not None:
        listing().show()
