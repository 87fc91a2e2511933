"""The table and panel views people read: sessions, topics, figures, agenda, people, sources.

Also the pieces every view shares: data turned into inert Rich text, numbered footnotes, and the
"Sources:" legend under a table.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Literal

import msgspec

from twosessions_cli.errors import Problem
from twosessions_cli.records import (
    AgendaEntry,
    Body,
    Dated,
    Facts,
    Figure,
    Grounds,
    Inference,
    Person,
    Session,
    Source,
    SourceRef,
    Statement,
    Topic,
    citations,
    paragraphs_by_source,
)
from twosessions_cli.render import console
from twosessions_cli.text import PROG, cell_len, inert, number_ranges, one_line

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table
    from rich.text import Text

    from twosessions_cli.lookups import Coverage, Hit, Series, SourceUse


def inference_note(inferred: Inference | None) -> str | None:
    """The footnote for an inferred value: 'Year inferred: <reason>'."""
    return None if inferred is None else str(inferred)


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


def refs_text(refs: Iterable[SourceRef], separator: str = "; ") -> str:
    """'icq-20260125 ¶1,2; icq-20200115 ¶4' for a list of citations.

    In a table column each source goes on a line of its own (``separator="\\n"``), so that
    a source id and its paragraphs are never split.
    """
    return separator.join(
        f"{source} ¶{number_ranges(ps)}" for source, ps in paragraphs_by_source(refs).items()
    )


def refs_cell(refs: Iterable[SourceRef]) -> Text:
    return text(refs_text(refs, "\n"))


def sources_legend(facts: Facts, refs: Iterable[SourceRef]) -> str:
    """'Sources: icq-20260125 = iChongqing, 25 January 2026. Details: ...' for cited sources."""
    by_id = {s.id: s for s in facts.sources}
    cited = list(dict.fromkeys(r.source for r in refs))
    if not cited:
        return ""
    if len(cited) > LEGEND_MAX:
        first = by_id.get(cited[0])
        example = f"{cited[0]} is {first.publisher}, {first.published_text}" if first else cited[0]
        return (
            f"Sources: {len(cited)} pages; an id names the outlet and the date ({example}). "
            f"Details: {PROG} sources"
        )
    names = "; ".join(
        f"{sid} = {by_id[sid].publisher}, {by_id[sid].published_text}" if sid in by_id else sid
        for sid in cited
    )
    return f"Sources: {names}. Details: {PROG} sources"


#: Past this many sources, the legend under a view gives the id pattern instead of every name.
LEGEND_MAX = 6


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


class Column(msgspec.Struct, frozen=True):
    """A column of a listing. ``whole`` columns (ids, dates, numbers, names) are never cut or
    wrapped; the others wrap, and need at least ``TEXT_MIN`` characters to stay readable."""

    header: str
    whole: bool = False
    justify: Literal["left", "right"] = "left"
    style: str = ""
    name: bool = False  # a name: may wrap between words, needs less room than running text
    cites: bool = False  # shows the row's citations: CSV spells them out in full


def source_column(style: str = "dim") -> Column:
    """The column that cites each row's pages and paragraphs (``icq-20260125 ¶6``)."""
    return Column("Source", whole=True, style=style, cites=True)


#: Columns between two cells of a listing: one of padding and the box's blank divider. A line
#: also has a blank edge at each end.
_GAPS = 2
TEXT_MIN = 16
TEXT_LONG_MIN = 28
NAME_MIN = 12


class Listing(msgspec.Struct):
    """Records as a table when the terminal is wide enough for every column to fit whole, or
    stacked, one block of 'label: value' lines per record, when it is not.

    ``heading`` names the columns that open each stacked block (say, year and body).
    """

    title: str
    columns: list[Column]
    rows: list[list[Text]] = msgspec.field(default_factory=list)
    heading: tuple[int, ...] = (0,)
    #: Each row's citations, for formats that spell sources out (CSV).
    row_refs: list[list[SourceRef]] = msgspec.field(default_factory=list)

    def add(self, *cells: Text, refs: Iterable[SourceRef] = ()) -> None:
        self.rows.append(list(cells))
        self.row_refs.append(list(refs))

    def _widths(self) -> list[tuple[int, int]]:
        """(full width, least width) of each column: the least keeps ids, dates, numbers and
        words whole (a web address may fold); names may wrap between words."""
        found = []
        for n, column in enumerate(self.columns):
            cells = [column.header, *(row[n].plain for row in self.rows)]
            lines = [line for cell in cells for line in cell.split("\n")]
            full = max(cell_len(line) for line in lines)
            words = [w for line in lines for w in line.split() if not w.startswith("http")]
            word = max((cell_len(w) for w in words), default=0)
            if column.whole:
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

    def needed_width(self, *, whole_names: bool = False) -> int:
        widths = [
            full if whole_names and column.name else least
            for column, (full, least) in zip(self.columns, self._widths(), strict=True)
        ]
        return sum(widths) + _GAPS * (len(widths) - 1) + 2

    def renderable(self, width: int) -> RenderableType:
        if self.needed_width() <= width:
            from rich.console import Group

            # The title is a line of its own, so that it wraps at the terminal's width rather
            # than at the table's.
            return Group(text(self.title, "bold"), self._table(width))
        return self._stacked()

    def column_widths(self, width: int) -> list[int]:
        """Each column's width in a table ``width`` wide: every column gets its least width
        (names whole when they all fit so), then the room left goes to the columns that can
        use it, in proportion to what they lack. Set explicitly, so that Rich never has to
        squeeze a column that must stay whole."""
        sizes = self._widths()
        names_whole = self.needed_width(whole_names=True) <= width
        widths = [
            full if column.whole or (column.name and names_whole) else least
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
            table.add_row(*row)
        return table

    def _stacked(self) -> RenderableType:
        from rich.console import Group
        from rich.table import Table

        parts: list[RenderableType] = [text(self.title, "bold")]
        label_width = max(len(c.header) for c in self.columns) + 1
        for row in self.rows:
            head = " · ".join(row[n].plain for n in self.heading if row[n].plain)
            parts += [text(""), text(head, "bold")]
            grid = Table.grid(padding=(0, 1), pad_edge=False)
            grid.add_column(no_wrap=True, width=label_width + 2)
            grid.add_column(overflow="fold")
            for n, column in enumerate(self.columns):
                if n in self.heading or not row[n].plain:
                    continue
                cell = row[n].copy()
                if column.style:
                    cell.stylize(column.style)
                grid.add_row(text(f"  {column.header}:", "dim"), cell)
            parts.append(grid)
        return Group(*parts)


_MARK = re.compile(r"\[(\d+)\]")


class Report(msgspec.Struct):
    """A listing with its footnotes and citations: shown as a table (or stacked blocks) on a
    terminal, or written as CSV or Markdown for pasting into other work."""

    facts: Facts
    listing: Listing
    notes: list[str]
    refs: list[SourceRef]
    lead: str | None = None

    def show(self) -> None:
        if self.lead:
            out = console()
            out.print(text(self.lead, "bold"))
            out.print()
        print_with_notes(self.facts, self.listing, self.notes, self.refs)

    def _note_texts(self) -> dict[str, str]:
        found = {}
        for note in self.notes:
            mark, _, body = note.partition("] ")
            if mark.startswith("[") and body:
                found[mark[1:]] = body
        return found

    def _source_text(self, refs: Sequence[SourceRef]) -> str:
        by_id = {s.id: s for s in self.facts.sources}
        parts = []
        for sid, paragraphs in paragraphs_by_source(refs).items():
            source = by_id.get(sid)
            who = f"{source.publisher} {source.published or 'undated'}" if source else sid
            parts.append(f"{who} ¶{number_ranges(paragraphs)}")
        return "; ".join(parts)

    def csv(self) -> str:
        """RFC 4180 CSV: one header row, one row per record, footnotes in a Notes column and
        sources spelled out as 'publisher date ¶paragraphs'."""
        import csv
        import io

        notes = self._note_texts()
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        columns = self.listing.columns
        writer.writerow([*(c.header for c in columns), "Notes"])
        for row, refs in zip(self.listing.rows, self.listing.row_refs, strict=True):
            cells, marks = [], []
            for column, cell in zip(columns, row, strict=True):
                plain = cell.plain
                marks += [m for m in _MARK.findall(plain) if m not in marks]
                plain = _MARK.sub("", plain)
                if column.cites and refs:
                    plain = self._source_text(refs)
                cells.append(plain if column.cites else " ".join(plain.split()))
            writer.writerow([*cells, " | ".join(notes[m] for m in marks if m in notes)])
        return buffer.getvalue()

    def markdown(self) -> str:
        """A GitHub table, with the footnotes and sources below it."""

        def cell(value: str) -> str:
            return value.replace("|", "\\|").replace("\n", "<br>")

        headers = [c.header for c in self.listing.columns]
        lines = []
        if self.lead:
            lines += [self.lead, ""]
        lines += [f"**{cell(self.listing.title)}**", ""]
        lines.append("| " + " | ".join(cell(h) for h in headers) + " |")
        lines.append(
            "| "
            + " | ".join("---:" if c.justify == "right" else "---" for c in self.listing.columns)
            + " |"
        )
        for row in self.listing.rows:
            lines.append("| " + " | ".join(cell(c.plain) for c in row) + " |")
        lines.append("")
        lines += [f"{note}  " for note in self.notes]
        legend = sources_legend(self.facts, self.refs)
        if legend:
            lines.append(legend)
        return "\n".join(lines).rstrip() + "\n"


def print_with_notes(
    facts: Facts,
    renderable: RenderableType | Listing,
    notes: Sequence[str],
    refs: Iterable[SourceRef],
) -> None:
    out = console()
    if isinstance(renderable, Listing):
        renderable = renderable.renderable(out.width)
    out.print(renderable)
    for note in notes:
        out.print(text(note, "dim"))
    legend = sources_legend(facts, refs)
    if legend:
        out.print(text(legend, "dim"))


def footnote(notes: list[str], note: str | None) -> str:
    """Add a numbered footnote (if there is one) and return the mark to put in the cell.

    The mark is attached to the text it marks, with no space between, as reference works do:
    a space would let a narrow column wrap the mark onto a line of its own.
    """
    if not note:
        return ""
    for number, existing in enumerate(notes, 1):
        if existing.split("] ", 1)[1] == note:
            return f"[{number}]"
    notes.append(f"[{len(notes) + 1}] {note}")
    return f"[{len(notes)}]"


def grounded_note(part: Grounds | None) -> str | None:
    """A statement as a footnote, its basis said when it is not a source's."""
    if part is None:
        return None
    said = getattr(part, "text", "")
    if part.basis == "inferred":
        return f"{said} (Inferred: {part.reason})" if said else f"Inferred: {part.reason}"
    if part.basis == "general":
        return f"{said} (General knowledge, not from the sources.)"
    return said or None


SCHEDULED = "Scheduled: announced in advance; no report of the event in the data confirms it."
NOT_REPORTED = "not reported"


def date_marks(notes: list[str], dated: Dated, inferred_note: str | None = None) -> list[str]:
    """The footnote marks of a date: scheduled, or its year inferred."""
    marks = [footnote(notes, SCHEDULED if dated.status == "scheduled" else None)]
    if dated.basis == "inferred":
        marks.append(footnote(notes, inferred_note or f"Year inferred: {dated.reason}"))
    return [mark for mark in marks if mark]


def date_cell(notes: list[str], dated: Dated | None, inferred_note: str | None = None) -> str:
    """'2026-01-27[2]', with footnotes for a scheduled or inferred date; or 'not reported'."""
    if dated is None:
        return NOT_REPORTED
    return dated.date.isoformat() + "".join(date_marks(notes, dated, inferred_note))


def body_name(bodies: dict[str, Body], body_id: str) -> str:
    body = bodies.get(body_id)
    return body.short if body else body_id


def origin_note(facts: Facts, kind: str, record_id: str) -> str | None:
    origin = facts.origin_of(kind, record_id)
    return None if origin == "bundled" else f"From your data: {origin}"


def sessions_table(
    facts: Facts,
    sessions: Sequence[Session],
    bodies: dict[str, Body],
    title: str,
    status: Mapping[str, str] | None = None,
    *,
    brief_reasons: bool = False,
) -> tuple[Listing, list[str]]:
    """The sessions listing and its footnotes.

    With ``status`` (text keyed by session id) it is the countdown's table: a Status column
    takes the place of the Session and Days columns. With ``brief_reasons`` (many years at
    once) an inferred year gets one short shared footnote instead of each page's reason.
    """
    many_years = len({s.year for s in sessions}) > 1
    columns = [Column("Year", whole=True, justify="right")] if many_years else []
    columns.append(Column("Body", name=True))
    if status is None:
        columns.append(Column("Session", name=True))
    columns += [Column("Opens", whole=True), Column("Closes", whole=True)]
    if status is None:
        columns.append(Column("Days", whole=True, justify="right"))
    else:
        columns.append(Column("Status", whole=True, style="bold"))
    columns.append(source_column())
    listing = Listing(title, columns, heading=(0, 1) if many_years else (0,))
    notes: list[str] = []
    year = BRIEF_YEAR if brief_reasons else None
    for session in sessions:
        note_mark = footnote(notes, origin_note(facts, "sessions", session.id))
        note_mark += footnote(notes, grounded_note(session.note))
        if session.venue:
            note_mark += footnote(notes, f"Opened at: {session.venue.text}.")
        if session.closing_venue:
            note_mark += footnote(notes, f"Closed at: {session.closing_venue.text}.")
        row = [text(session.year)] if many_years else []
        row.append(text(body_name(bodies, session.body) + note_mark))
        if status is None:
            label = session.label() or "—"
            row.append(text(label + footnote(notes, grounded_note(_numbering(session)))))
        row += [
            text(date_cell(notes, session.opens, year)),
            text(date_cell(notes, session.closes, year)),
        ]
        if status is None:
            days = "—" if session.days is None else str(session.days)
            row.append(text(days + footnote(notes, grounded_note(session.length))))
        else:
            row.append(text(status.get(session.id, "")))
        row.append(refs_cell(citations(session)))
        listing.add(*row, refs=citations(session))
    return listing, notes


BRIEF_YEAR = (
    "Year inferred: the page prints the day and month only, and the year follows from its "
    "date; 'twosessions dates YEAR' gives each reason."
)


def _numbering(session: Session) -> Grounds | None:
    """The grounds of a session's number, shown only when they are not a source's."""
    numbered = session.numbered
    return numbered if numbered is not None and numbered.basis != "source" else None


def sessions_report(
    facts: Facts, sessions: Sequence[Session], bodies: dict[str, Body], title: str
) -> Report:
    many = len({s.year for s in sessions}) > 1
    table, notes = sessions_table(facts, sessions, bodies, title, brief_reasons=many)
    return Report(facts, table, notes, [r for s in sessions for r in citations(s)])


class _Marks:
    """Citation marks for a reference-work page: [1 ¶3] for paragraph 3 of source 1, [i1] for
    an inference, [g] for general knowledge, each source and reason explained once below."""

    GENERAL = "[g]"

    def __init__(self) -> None:
        self.sources: dict[str, int] = {}
        self.inferred: list[str] = []
        self.general = False

    def mark(self, part: Grounds) -> str:
        if part.basis == "general":
            self.general = True
            return self.GENERAL
        marks = [
            f"[{self.sources.setdefault(source, len(self.sources) + 1)}¶{','.join(map(str, ps))}]"
            for source, ps in paragraphs_by_source(part.source).items()
        ]
        if part.basis == "inferred":
            reason = part.reason or ""
            if reason not in self.inferred:
                self.inferred.append(reason)
            marks.insert(0, f"[i{self.inferred.index(reason) + 1}]")
        return "".join(marks)

    def legend(self, facts: Facts) -> list[str]:
        by_id = {s.id: s for s in facts.sources}
        lines = [
            f"[{n}] {sid}: {by_id[sid].cited() if sid in by_id else sid}"
            for sid, n in self.sources.items()
        ]
        lines += [f"[i{n}] Inferred: {reason}" for n, reason in enumerate(self.inferred, 1)]
        if self.general:
            lines.append(f"{self.GENERAL} General knowledge, not from the sources.")
        return lines


def _marked(marks: _Marks, statements: Sequence[Statement], style: str = "") -> Text:
    """Statements run together as a paragraph, each followed by its mark (kept on its line)."""
    from rich.text import Text

    line = Text()
    for n, statement in enumerate(statements):
        if n:
            line.append(" ")
        body = inert(statement.text)
        # A no-break space ties the mark to the last word, so it never wraps onto its own line.
        head, _, last = body.rpartition(" ")
        line.append(f"{head} " if head else "", style=style or None)
        line.append(last, style=style or None)
        line.append(marks.mark(statement), style="dim")
    return line


def show_topic(facts: Facts, topic: Topic, related: Sequence[Topic]) -> None:
    from rich.console import Group
    from rich.panel import Panel

    marks = _Marks()
    # The title goes inside the panel, where it wraps on a narrow terminal instead of being cut.
    parts: list[RenderableType] = [text(topic.title, "bold")]
    if topic.chinese:
        names = topic.chinese + (f" · {topic.pinyin}" if topic.pinyin else "")
        mark = marks.mark(topic.names_basis) if topic.names_basis else ""
        parts.append(spans((names, ""), (mark, "dim")))
    parts.append(text(""))
    parts += [_marked(marks, [topic.summary], "bold"), text("")]
    for paragraph in topic.explanation:
        parts += [_marked(marks, paragraph), text("")]
    if topic.aliases:
        parts.append(_labelled("Also called", ", ".join(topic.aliases)))
    if related:
        parts.append(_labelled("Related", ", ".join(t.id for t in related)))
    panel = Panel(Group(*parts), expand=False)
    out = console()
    out.print(panel)
    for line in marks.legend(facts):
        out.print(text(line, "dim"))


def _labelled(label: str, value: str) -> Text:
    return spans((f"{label}: ", "bold"), (value, ""))


def topics_report(facts: Facts, topics: Sequence[Topic]) -> Report:
    listing = Listing(
        f"Topics: {PROG} explain TOPIC (any name or alias works)",
        [
            Column("Topic", whole=True, style="bold"),
            Column("Chinese", whole=True),
            Column("What it is"),
        ],
    )
    for topic in topics:
        listing.add(text(topic.id), text(topic.chinese or ""), text(topic.summary.text))
    return Report(facts, listing, [], [])


def _figure_note(figure: Figure) -> str | None:
    """The figure's note; an inference already footnoted for the figure is not said twice."""
    note = figure.note
    if note is None:
        return None
    if (
        figure.inferred is not None
        and note.basis == "inferred"
        and note.reason == figure.inferred.reason
    ):
        return note.text
    return grounded_note(note)


#: Units written with the number itself ('6%'), not in a column or phrase of their own.
SIGN_UNITS = ("%",)


def unit_text(unit: str) -> str:
    """The unit as shown apart from the value: nothing for a sign that goes with the number."""
    return "" if unit in SIGN_UNITS else unit


def value_text(figure: Figure) -> str:
    """The value as it should be read: 'over 50', 'about 6%', '1,385'."""
    number = f"{figure.value:,}" + ("" if unit_text(figure.unit) else figure.unit)
    return f"{figure.qualifier} {number}" if figure.qualifier else number


def figures_report(
    facts: Facts,
    figures: Sequence[Figure],
    bodies: dict[str, Body],
    people: dict[str, Person],
    title: str,
    *,
    with_year: bool = False,
) -> Report:
    """The figures of one listing; ``with_year`` adds the year each counts, for a listing
    that mixes years (the figures a year's sessions reported)."""
    year_column = [Column("Year", whole=True)] if with_year else []
    table = Listing(
        title,
        [
            Column("What"),
            *year_column,
            Column("Value", whole=True, justify="right"),
            Column("Unit"),
            Column("Body", name=True),
            source_column(),
        ],
    )
    notes: list[str] = []
    for figure in figures:
        reporter = people.get(figure.reported_by or "")
        marks = (
            footnote(notes, origin_note(facts, "figures", figure.id))
            + footnote(notes, inference_note(figure.inferred))
            + footnote(notes, _figure_note(figure))
            + footnote(
                notes, f"Reported by {reporter.name}, {reporter.role}." if reporter else None
            )
        )
        table.add(
            text(figure.label + marks),
            *([text(figure.year)] if with_year else []),
            text(value_text(figure)),
            text(unit_text(figure.unit)),
            text(body_name(bodies, figure.body)),
            refs_cell(citations(figure)),
            refs=citations(figure),
        )
    return Report(facts, table, notes, [r for f in figures for r in citations(f)])


def agenda_report(
    facts: Facts,
    entries: Sequence[AgendaEntry],
    sessions: dict[str, Session],
    bodies: dict[str, Body],
    title: str,
) -> Report:
    table = Listing(
        title,
        [
            Column("Body", name=True),
            Column("Session", name=True),
            Column("Items", whole=True, justify="right"),
            Column("Named in the sources"),
            source_column(),
        ],
    )
    notes: list[str] = []
    for entry in entries:
        session = sessions.get(entry.session_id or "")
        count = "not given" if entry.count is None else str(entry.count)
        if entry.count is not None and entry.qualifier:
            count += f" {entry.qualifier}"
        count += footnote(notes, inference_note(entry.inferred))
        table.add(
            text(body_name(bodies, entry.body)),
            text((session.label() if session else None) or "—"),
            text(count),
            text("\n".join(f"• {item.text}" for item in entry.items)),
            refs_cell(citations(entry)),
            refs=citations(entry),
        )
    return Report(facts, table, notes, [r for e in entries for r in citations(e)])


def show_people(facts: Facts, people: Sequence[Person], bodies: dict[str, Body]) -> None:
    """Each person with their role, and what they said or did, marked like ``explain``."""
    from rich.table import Table

    out = console()
    notes: list[str] = []
    marks = _Marks()
    for n, person in enumerate(people):
        if n:
            out.print()
        name = person.name + (f" {person.chinese}" if person.chinese else "")
        year = f"{person.year}{footnote(notes, inference_note(person.inferred))}"
        role = f" · {person.role} · {body_name(bodies, person.body)} ({year})"
        out.print(spans((name, "bold"), (role, "")))
        # A bullet column, so that a statement's second line starts under its first word.
        grid = Table.grid(padding=(0, 1), pad_edge=False)
        grid.add_column(width=3, justify="right")
        grid.add_column()
        for statement in person.statements:
            grid.add_row(text("•"), _marked(marks, [statement]))
        out.print(grid)
    legend = [*notes, *marks.legend(facts)]
    if legend:
        out.print()
    for line in legend:
        out.print(text(line, "dim"))


def hits_report(facts: Facts, query: str, hits: Sequence[Hit], total: int) -> Report:
    shown = "" if total == len(hits) else f" (first {len(hits)}; --limit 0 shows all)"
    table = Listing(
        f"{total} record(s) match {query!r}{shown}",
        [Column("Found in", whole=True), Column("Text"), source_column()],
    )
    for hit in hits:
        where = spans((f"{hit.kind.rstrip('s')} ", "dim"), (hit.cite_id, "bold"))
        table.add(
            where,
            highlighted(snippet(hit.text, query), query),
            refs_cell(hit.source),
            refs=hit.source,
        )
    return Report(facts, table, [], [r for h in hits for r in h.source])


def snippet(value: str, query: str, width: int = 90) -> str:
    """A window of ``value`` around the first match of ``query``, cut between words."""
    if len(value) <= width:
        return value
    at = max(value.casefold().find(query.casefold()), 0)
    start = max(0, at - width // 3)
    if start:
        # Start at the beginning of a word: after the last space before the window.
        space = value.rfind(" ", 0, start + 1)
        start = space + 1 if space >= 0 and at - space < width else start
    end = min(len(value), start + width)
    if end < len(value):
        space = value.rfind(" ", max(at + len(query), start), end)
        end = space if space > start else end
    return ("…" if start else "") + value[start:end].strip() + ("…" if end < len(value) else "")


def highlighted(value: str, query: str) -> Text:
    """Text with each case-insensitive occurrence of the query in bold, for a terminal."""
    found = text(value)
    folded, key = value.casefold(), query.strip().casefold()
    if key and len(folded) == len(value):  # casefold kept the positions
        start = folded.find(key)
        while start >= 0:
            found.stylize("bold yellow", start, start + len(key))
            start = folded.find(key, start + len(key))
    return found


PARAGRAPH_RULE = (
    "Paragraphs are the page's non-blank lines, counted from 1; cite a fact as SOURCE ¶N."
)


def sources_report(facts: Facts, uses: Sequence[SourceUse]) -> Report:
    table = Listing(
        "Sources",
        [
            Column("Id", whole=True, style="bold"),
            Column("Page"),
            Column("Published", name=True),
            Column("Facts", whole=True, justify="right"),
        ],
    )
    notes: list[str] = []
    for use in uses:
        source = use.source
        date = source.published_text + footnote(notes, grounded_note(_dating(source)))
        title = f"'{source.title}'" if source.title else "(no title in the page's text)"
        standing = source.reliability + (
            f", reprinting {source.reprint_of}" if source.reprint_of else ""
        )
        lines = [
            f"{source.publisher}: {title}",
            f"{source.kind}; {source.language}; {standing}",
        ]
        if source.address:
            lines.append(source.address)
        if source.summary:
            lines.append(source.summary.text)
        table.add(text(source.id), text("\n".join(lines)), text(date), text(use.facts))
    return Report(facts, table, [*notes, PARAGRAPH_RULE], [])


def _dating(source: Source) -> Grounds | None:
    grounds = source.published_grounds
    return grounds if grounds is not None and grounds.basis != "source" else None


def show_validation(
    problems: Sequence[Problem], counts: dict[str, int], checked: Sequence[str]
) -> None:
    """Problems one per line (plain, for grep and editors); a one-line summary when all is well."""
    out = sys.stdout
    for problem in problems:
        out.write(one_line(str(problem)) + "\n")
    if not problems:
        total = sum(counts.values())
        where = ", ".join(checked)
        out.write(f"ok: {one_line(where)}: {total} records valid ({_count_text(counts)})\n")


def _count_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {kind}" for kind, n in counts.items())


GLOSSARY_TABLE_MIN_WIDTH = 80


def show_glossary(topics: Sequence[Topic]) -> None:
    """A four-column table, or one block per term on terminals too narrow for the table."""
    out = console()
    title = "Glossary (twosessions explain NAME for more; English or Chinese names work)"
    if out.width < GLOSSARY_TABLE_MIN_WIDTH:
        from rich.padding import Padding

        out.print(text(title, "bold"))
        for topic in topics:
            chinese = f" · {topic.chinese}" if topic.chinese else ""
            pinyin = f" ({topic.pinyin})" if topic.pinyin else ""
            out.print()
            out.print(spans((topic.title, "bold"), (chinese, ""), (pinyin, "italic")))
            out.print(Padding(text(topic.summary.text), (0, 0, 0, 2)))
        return
    table = new_table(title)
    # The meaning is the longest text: cap the name columns so that it keeps room to breathe.
    table.add_column("English", max_width=26)
    table.add_column("Chinese", no_wrap=True)
    table.add_column("Pinyin", max_width=20)
    table.add_column("Meaning")
    for topic in topics:
        table.add_row(
            text(topic.title, "bold"),
            text(topic.chinese or ""),
            text(topic.pinyin or "", "italic"),
            text(topic.summary.text),
        )
    out.print(table)


def trend_names_report(facts: Facts, series: Sequence[Series], bodies: dict[str, Body]) -> Report:
    listing = Listing(
        f"Figures with two or more years: {PROG} trend FIGURE",
        [
            Column("Figure", whole=True, style="bold"),
            Column("What"),
            Column("Body", name=True),
            Column("Years", whole=True),
        ],
    )
    for one in series:
        years = sorted({f.year for f in one.figures})
        span = f"{years[0]}-{years[-1]} ({len(years)})"
        listing.add(text(one.id), text(one.label), text(body_name(bodies, one.body)), text(span))
    return Report(facts, listing, [], [])


BAR_WIDTH_MAX = 40


def show_trend(facts: Facts, series: Sequence[Series], bodies: dict[str, Body]) -> None:
    """Each series as a bar chart on a terminal; as a plain table when piped.

    Series are drawn one after the other, never on one axis: their meanings differ.
    """
    out = console()
    glyph = "█" if can_encode(out, "█") else "#"
    notes: list[str] = []
    refs: list[SourceRef] = []
    for n, one in enumerate(series):
        if n:
            out.print()
        unit = f" ({unit_text(one.unit)})" if unit_text(one.unit) else ""
        title = f"{one.label}{unit} · {body_name(bodies, one.body)} · {one.id}"
        rows = []
        for figure in one.figures:
            marks = footnote(notes, inference_note(figure.inferred)) + footnote(
                notes, origin_note(facts, "figures", figure.id)
            )
            rows.append((figure, value_text(figure) + marks))
            refs.extend(citations(figure))
        if not out.is_terminal:
            listing = Listing(
                title,
                [
                    Column("Year", whole=True),
                    Column("Value", whole=True, justify="right"),
                    source_column(),
                ],
            )
            for figure, value in rows:
                listing.add(text(figure.year), text(value), refs_cell(citations(figure)))
            out.print(listing.renderable(out.width))
            continue
        out.print(text(title, "bold"))
        largest = max(abs(f.value) for f in one.figures) or 1
        value_width = max(cell_len(v) for _, v in rows)
        room = max(8, min(BAR_WIDTH_MAX, out.width - value_width - 12))
        for figure, value in rows:
            bar = glyph * max(1, round(abs(figure.value) / largest * room))
            line = spans(
                (f"{figure.year}  ", ""),
                (f"{bar:<{room}}", "cyan"),
                (f"  {value:>{value_width}}", "bold"),
            )
            out.print(line)
        out.print(
            text(f"Sources: {refs_text(r for f in one.figures for r in citations(f))}", "dim")
        )
    for note in notes:
        out.print(text(note, "dim"))
    legend = sources_legend(facts, refs)
    if legend:
        out.print(text(legend, "dim"))


def can_encode(out: Console, sample: str) -> bool:
    """Whether the console's encoding can print ``sample`` (not under LC_ALL=C, say)."""
    try:
        sample.encode(out.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def coverage_report(facts: Facts, rows: Sequence[Coverage], bodies: dict[str, Body]) -> Report:
    listing = Listing(
        "What the data covers (year x body)",
        [
            Column("Year", whole=True),
            Column("Body", name=True),
            Column("Number", name=True),
            Column("Opens", whole=True),
            Column("Closes", whole=True),
            Column("Reports", whole=True, justify="right"),
            Column("Figures", whole=True, justify="right"),
        ],
        heading=(0, 1),
    )
    for row in rows:
        session = row.session
        listing.add(
            text(row.year),
            text(body_name(bodies, row.body)),
            text(_known(session.numbered if session else None)),
            text(_date_known(session.opens if session else None)),
            text(_date_known(session.closes if session else None)),
            text(row.reports or "—"),
            text(row.figures or "—"),
        )
    notes = [
        "source: a page says it; inferred: follows from the pages (reason in the data); "
        "scheduled: announced, no report of the event; —: not reported.",
        "Reports: statements of who reported or presided, from pages of that year.",
    ]
    return Report(facts, listing, notes, [])


def _known(grounds: Grounds | None) -> str:
    return "—" if grounds is None else grounds.basis


def _date_known(dated: Dated | None) -> str:
    if dated is None:
        return "—"
    return dated.status if dated.status == "scheduled" else dated.basis


def trend_report(facts: Facts, series: Sequence[Series], bodies: dict[str, Body]) -> Report:
    """Every point of the series in one listing, for CSV and Markdown (each row says its series)."""
    listing = Listing(
        "Figures across the years",
        [
            Column("Figure", whole=True),
            Column("Year", whole=True),
            Column("Value", whole=True, justify="right"),
            Column("Unit"),
            Column("Body", name=True),
            source_column(style=""),
        ],
    )
    notes: list[str] = []
    refs: list[SourceRef] = []
    for one in series:
        for figure in one.figures:
            mark = footnote(notes, inference_note(figure.inferred))
            listing.add(
                text(one.id),
                text(figure.year),
                text(value_text(figure) + mark),
                text(unit_text(figure.unit)),
                text(body_name(bodies, figure.body)),
                refs_cell(citations(figure)),
                refs=citations(figure),
            )
            refs += citations(figure)
    return Report(facts, listing, notes, refs)


def glossary_report(facts: Facts, topics: Sequence[Topic]) -> Report:
    """The glossary as a listing, for CSV and Markdown."""
    listing = Listing(
        "Glossary",
        [
            Column("Id", whole=True),
            Column("English"),
            Column("Chinese"),
            Column("Pinyin"),
            Column("Meaning"),
        ],
    )
    for topic in topics:
        listing.add(
            text(topic.id),
            text(topic.title),
            text(topic.chinese or ""),
            text(topic.pinyin or ""),
            text(topic.summary.text),
        )
    return Report(facts, listing, [], [])
