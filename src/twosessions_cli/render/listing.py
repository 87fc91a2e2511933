"""Records in rows: the columns, the width solver, and a table or stacked blocks to fit."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal

import msgspec

from twosessions_cli.records import SourceRef
from twosessions_cli.render.cells import address, new_table, said, text
from twosessions_cli.render.citations import refs_text, sources_legend
from twosessions_cli.render.notes import Marked
from twosessions_cli.render.output import console
from twosessions_cli.store import Facts

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table
    from rich.text import Text


class Column(msgspec.Struct, frozen=True):
    """A column of a listing. ``whole`` columns (ids, dates, numbers, names) are never cut or
    wrapped; the others wrap, and need at least ``TEXT_MIN`` characters to stay readable."""

    header: str
    whole: bool = False
    justify: Literal["left", "right"] = "left"
    style: str = ""
    name: bool = False  # a name: may wrap between words, needs less room than running text
    cites: bool = False  # shows the row's citations: CSV spells them out in full
    link: bool = False  # web addresses: kept whole (stacked, on a line of their own), linked
    #: Left out of a table too narrow for every name to fit whole, when that lets the rest fit
    #: on one line a row (the stacked blocks, CSV, Markdown and JSON keep it; a line says so).
    spare: bool = False


def source_column(style: str = "dim") -> Column:
    """The column that cites each row's pages and paragraphs (``icq-20260125 ¶6``)."""
    return Column("Source", whole=True, style=style, cites=True)


def refs_cell(refs: Iterable[SourceRef]) -> Text:
    """The cell of a source column: each source on a line of its own."""
    return text(refs_text(refs, "\n"))


#: Columns between two cells of a listing: one of padding and the box's blank divider. A line
#: also has a blank edge at each end.
_GAPS = 2
TEXT_MIN = 16
TEXT_LONG_MIN = 28
NAME_MIN = 12


class Row(msgspec.Struct):
    """A row's cells as shown, each cell's text without its marks and footnote numbers, and its
    citations: what formats other than the table need (CSV)."""

    cells: list[Text]
    bare: list[str]
    notes: list[tuple[int, ...]]
    refs: list[SourceRef]


class Listing(msgspec.Struct):
    """Records as a table when the terminal is wide enough for every column to fit whole, or
    stacked, one block of 'label: value' lines per record, when it is not.

    ``heading`` names the columns that open each stacked block (say, year and body).
    """

    title: str
    columns: list[Column]
    heading: tuple[int, ...] = (0,)
    rows: list[Row] = msgspec.field(default_factory=list)

    def add(self, *cells: Text | Marked, refs: Iterable[SourceRef] = ()) -> None:
        """A row: Rich text, or values with footnote marks (``Marked``)."""
        shown = [text(c) if isinstance(c, Marked) else c for c in cells]
        bare = [c.value if isinstance(c, Marked) else c.plain for c in cells]
        notes = [c.notes if isinstance(c, Marked) else () for c in cells]
        self.rows.append(Row(shown, bare, notes, list(refs)))

    def _widths(self) -> list[tuple[int, int]]:
        """(full width, least width) of each column: the least keeps ids, dates, numbers and
        words whole (a web address may fold); names may wrap between words."""
        from rich.cells import cell_len  # Rich's own measure, so the widths agree with its sums

        found = []
        for n, column in enumerate(self.columns):
            cells = [column.header, *(row.cells[n].plain for row in self.rows)]
            lines = [line for cell in cells for line in cell.split("\n")]
            full = max(cell_len(line) for line in lines)
            words = [w for line in lines for w in line.split() if not w.startswith("http")]
            word = max((cell_len(w) for w in words), default=0)
            if column.whole or column.link:
                least = full
            elif column.name:
                least = max(min(full, NAME_MIN), word)
            else:
                # Running text needs room to read: a long cell squeezed to a few words a
                # line makes a tall, thin column that is better stacked.
                least = max(
                    min(full, TEXT_LONG_MIN if full > 2 * TEXT_LONG_MIN else TEXT_MIN), word
                )
            found.append((full, least))
        return found

    def needed_width(self, *, whole_names: bool = False, whole_text: bool = False) -> int:
        """The width of the narrowest table that shows every column: ``whole_names`` with the
        names unwrapped, ``whole_text`` with running text unwrapped."""
        widths = [
            full if (whole_names and column.name) or (whole_text and not column.name) else least
            for column, (full, least) in zip(self.columns, self._widths(), strict=True)
        ]
        return sum(widths) + _GAPS * (len(widths) - 1) + 2

    def without_spare(self) -> Listing:
        """The listing without its spare columns."""
        return self._without([n for n, column in enumerate(self.columns) if column.spare])

    def shared_columns(self) -> list[int]:
        """Columns in which every row (two or more) shows the same unmarked value: a table too
        narrow for them can say each once, above it, and keep its rows on a line each."""
        if len(self.rows) < 2:
            return []
        return [
            n
            for n, column in enumerate(self.columns)
            if not column.link
            and self.rows[0].bare[n]
            and all(r.bare[n] == self.rows[0].bare[n] and not r.notes[n] for r in self.rows)
        ]

    def _without(self, dropped: list[int]) -> Listing:
        keep = [n for n in range(len(self.columns)) if n not in dropped]
        rows = [
            Row(
                [r.cells[n] for n in keep],
                [r.bare[n] for n in keep],
                [r.notes[n] for n in keep],
                r.refs,
            )
            for r in self.rows
        ]
        heading = tuple(keep.index(n) for n in self.heading if n in keep)
        return Listing(self.title, [self.columns[n] for n in keep], heading or (0,), rows)

    def renderable(self, width: int) -> RenderableType:
        from rich.console import Group

        spare = [c.header for c in self.columns if c.spare]
        if spare and self.needed_width(whole_names=True) > width:
            trimmed = self.without_spare()
            if trimmed.needed_width(whole_names=True) <= width:
                left_out = " and ".join(spare)
                said = f"Not shown at this width: {left_out} (a wider terminal or --json shows it)."
                return Group(trimmed.renderable(width), text(said, "dim"))
        if self.needed_width() <= width:
            # The title is a line of its own, so that it wraps at the terminal's width rather
            # than at the table's.
            return Group(text(self.title, "bold"), self._table(width))
        # Values every row shares are said once above the table, when that lets the rows keep
        # a line each: not when running text would then wrap, which reads better stacked.
        shared = self.shared_columns()
        if shared and len(shared) < len(self.columns):
            trimmed = self._without(shared)
            if trimmed.needed_width(whole_text=True) <= width:
                said = "; ".join(
                    f"{self.columns[n].header} (every row): {self.rows[0].bare[n]}" for n in shared
                )
                return Group(text(self.title, "bold"), text(said), trimmed._table(width))
        return self._stacked()

    def column_widths(self, width: int) -> list[int]:
        """Each column's width in a table ``width`` wide: every column gets its least width
        (names whole when they all fit so), then the room left goes to the columns that can
        use it, in proportion to what they lack. Set explicitly, so that Rich never has to
        squeeze a column that must stay whole."""
        sizes = self._widths()
        names_whole = self.needed_width(whole_names=True) <= width
        widths = [
            full if column.whole or column.link or (column.name and names_whole) else least
            for column, (full, least) in zip(self.columns, sizes, strict=True)
        ]
        room = width - (sum(widths) + _GAPS * (len(widths) - 1) + 2)
        wants = [full - given for (full, _), given in zip(sizes, widths, strict=True)]
        total = sum(wants)
        if room > 0 and total > 0:
            extra = [min(want, room * want // total) for want in wants]
            widths = [w + e for w, e in zip(widths, extra, strict=True)]
        return widths

    def _table(self, width: int) -> Table:
        table = new_table()
        table.padding = (0, 1, 0, 0)  # one space after each cell, then the box's blank divider
        widths = self.column_widths(width)
        for column, (full, _), given in zip(self.columns, self._widths(), widths, strict=True):
            table.add_column(
                column.header,
                justify=column.justify,
                no_wrap=given >= full,
                width=given,
                overflow="fold",
                style=column.style or None,
            )
        for row in self.rows:
            table.add_row(*row.cells)
        return table

    def _stacked(self) -> RenderableType:
        from rich.console import Group
        from rich.table import Table

        parts: list[RenderableType] = [text(self.title, "bold")]
        label_width = max(len(c.header) for c in self.columns) + 1
        for row in self.rows:
            cells = row.cells
            head = " · ".join(cells[n].plain for n in self.heading if cells[n].plain)
            parts += [text(""), text(head, "bold")]
            # An address goes whole on a line of its own under the heading, where the terminal
            # can wrap it; in the grid's value column it would be cut into pieces.
            parts += [
                address(cells[n].plain, indent=2)
                for n, column in enumerate(self.columns)
                if column.link and cells[n].plain
            ]
            grid = Table.grid(padding=(0, 1), pad_edge=False)
            grid.add_column(no_wrap=True, width=label_width + 2)
            grid.add_column(overflow="fold")
            for n, column in enumerate(self.columns):
                if n in self.heading or column.link or not cells[n].plain:
                    continue
                cell = cells[n].copy()
                if column.style:
                    cell.stylize(column.style)
                grid.add_row(text(f"  {column.header}:", "dim"), cell)
            parts.append(grid)
        return Group(*parts)


def print_with_notes(
    facts: Facts,
    renderable: RenderableType | Listing,
    notes: Sequence[str],
    refs: Iterable[SourceRef],
) -> None:
    """A view, its footnotes and the legend of the sources it cites, in dim text below it."""
    out = console()
    if isinstance(renderable, Listing):
        # A listing is laid out to the width, but for the web addresses it keeps whole on
        # lines of their own: those are left for the terminal to wrap, not cut.
        out.print(renderable.renderable(out.width), crop=False)
    else:
        out.print(renderable)
    for line in notes:
        out.print(said(line, "dim"), crop=False)
    legend = sources_legend(facts, refs)
    if legend:
        out.print(said(legend, "dim"), crop=False)
