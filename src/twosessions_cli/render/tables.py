"""The table and panel views people read: sessions, topics, figures, agenda, people, sources.

Also the pieces every view shares: data turned into inert Rich text, numbered footnotes, and the
"Sources:" legend under a table.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from twosessions_cli.errors import Problem
from twosessions_cli.records import (
    AgendaEntry,
    Body,
    Facts,
    Figure,
    Inference,
    Person,
    Session,
    SourceRef,
    Topic,
    paragraphs_by_file,
)
from twosessions_cli.render import console
from twosessions_cli.text import PROG, inert, one_line

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table
    from rich.text import Text

    from twosessions_cli.lookups import Hit, SourceUse


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


def short_file(file: str) -> str:
    """Source file names are long hashes; the part before the first underscore is enough in a table."""
    stem = file.split("_", 1)[0]
    return stem if stem and stem != file else file


def refs_text(refs: Sequence[SourceRef]) -> str:
    """'000 ¶1,2; 002 ¶4' for a list of references."""
    return "; ".join(
        f"{short_file(f)} ¶{','.join(str(p) for p in ps)}"
        for f, ps in paragraphs_by_file(refs).items()
    )


def sources_legend(refs: Iterable[SourceRef]) -> str:
    files = sorted({r.file for r in refs})
    names = ", ".join(f"{short_file(f)} = {f}" for f in files if short_file(f) != f)
    return f"Sources: {names}. Details: {PROG} sources" if names else ""


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


def print_with_notes(
    renderable: RenderableType, notes: Sequence[str], refs: Iterable[SourceRef]
) -> None:
    out = console()
    out.print(renderable)
    for note in notes:
        out.print(text(note, "dim"))
    legend = sources_legend(refs)
    if legend:
        out.print(text(legend, "dim"))


def footnote(notes: list[str], note: str | None) -> str:
    """Add a numbered footnote (if there is one) and return the mark to put in the cell."""
    if not note:
        return ""
    for number, existing in enumerate(notes, 1):
        if existing.split("] ", 1)[1] == note:
            return f" [{number}]"
    notes.append(f"[{len(notes) + 1}] {note}")
    return f" [{len(notes)}]"


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
) -> tuple[Table, list[str]]:
    """The sessions table and its footnotes.

    With ``status`` (text keyed by session id) it is the countdown's table: a Status column
    takes the place of the Session and Days columns, so that it fits an ordinary terminal.
    """
    many_years = len({s.year for s in sessions}) > 1
    table = new_table(title)
    if many_years:
        table.add_column("Year", justify="right")
    table.add_column("Body")
    if status is None:
        table.add_column("Session")
    table.add_column("Opens", no_wrap=True)
    table.add_column("Closes", no_wrap=True)
    if status is None:
        table.add_column("Days", justify="right")
    else:
        table.add_column("Status", style="bold", no_wrap=True)
    table.add_column("Source", style="dim")
    notes: list[str] = []
    for session in sessions:
        note_mark = footnote(notes, origin_note(facts, "sessions", session.id))
        note_mark += footnote(notes, session.note)
        note_mark += footnote(notes, f"Venue: {session.venue}." if session.venue else None)
        mark = footnote(notes, inference_note(session.inferred))
        row = [text(session.year)] if many_years else []
        row.append(text(body_name(bodies, session.body) + note_mark))
        if status is None:
            row.append(text(session.label() or "—"))
        row += [text(session.opens.isoformat() + mark), text(session.closes.isoformat())]
        row.append(text(session.days) if status is None else text(status.get(session.id, "")))
        row.append(text(refs_text(session.source)))
        table.add_row(*row)
    return table, notes


def show_sessions(
    facts: Facts, sessions: Sequence[Session], bodies: dict[str, Body], title: str
) -> None:
    table, notes = sessions_table(facts, sessions, bodies, title)
    print_with_notes(table, notes, (r for s in sessions for r in s.source))


def show_topic(topic: Topic, related: Sequence[Topic]) -> None:
    from rich.console import Group
    from rich.panel import Panel

    title = topic.title
    if topic.chinese:
        title += f" · {topic.chinese}"
        if topic.pinyin:
            title += f" ({topic.pinyin})"
    parts: list[RenderableType] = [text(topic.summary, "bold"), text("")]
    for paragraph in topic.explanation:
        parts += [text(paragraph), text("")]
    if topic.aliases:
        parts.append(_labelled("Also called", ", ".join(topic.aliases)))
    if related:
        parts.append(_labelled("Related", ", ".join(t.id for t in related)))
    parts.append(_labelled("Sources", refs_text(topic.source)))
    panel = Panel(Group(*parts), title=text(title, "bold"), title_align="left", expand=False)
    print_with_notes(panel, [], topic.source)


def _labelled(label: str, value: str) -> Text:
    return spans((f"{label}: ", "bold"), (value, ""))


def show_topic_list(topics: Sequence[Topic]) -> None:
    table = new_table("Topics: twosessions explain TOPIC (any name or alias works)")
    table.add_column("Topic", no_wrap=True)
    table.add_column("Chinese", no_wrap=True)
    table.add_column("What it is")
    for topic in topics:
        table.add_row(text(topic.id, "bold"), text(topic.chinese or ""), text(topic.summary))
    console().print(table)


def show_figures(
    facts: Facts,
    figures: Sequence[Figure],
    bodies: dict[str, Body],
    people: dict[str, Person],
    title: str,
) -> None:
    table = new_table(title)
    table.add_column("What")
    table.add_column("Value", justify="right", no_wrap=True)
    table.add_column("Qualifier")
    table.add_column("Body")
    table.add_column("Source", style="dim")
    notes: list[str] = []
    for figure in figures:
        reporter = people.get(figure.reported_by or "")
        marks = (
            footnote(notes, origin_note(facts, "figures", figure.id))
            + footnote(notes, inference_note(figure.inferred))
            + footnote(notes, figure.note)
            + footnote(
                notes, f"Reported by {reporter.name}, {reporter.role}." if reporter else None
            )
        )
        body = body_name(bodies, figure.body)
        table.add_row(
            text(figure.label + marks),
            text(f"{figure.value:,}"),
            text(figure.qualifier or ""),
            text(body),
            text(refs_text(figure.source)),
        )
    print_with_notes(table, notes, (r for f in figures for r in f.source))


def show_agenda(
    entries: Sequence[AgendaEntry],
    sessions: dict[str, Session],
    bodies: dict[str, Body],
    title: str,
) -> None:
    table = new_table(title)
    table.add_column("Body")
    table.add_column("Session")
    table.add_column("Items", justify="right")
    table.add_column("Named in the sources")
    table.add_column("Source", style="dim")
    for entry in entries:
        session = sessions.get(entry.session_id or "")
        count = "not given" if entry.count is None else str(entry.count)
        if entry.count is not None and entry.qualifier:
            count += f" {entry.qualifier}"
        table.add_row(
            text(body_name(bodies, entry.body)),
            text((session.label() if session else None) or "—"),
            text(count),
            text("\n".join(f"• {item}" for item in entry.items)),
            text(refs_text(entry.source)),
        )
    print_with_notes(table, [], (r for e in entries for r in e.source))


def show_people(people: Sequence[Person], bodies: dict[str, Body]) -> None:
    from rich.padding import Padding

    out = console()
    for n, person in enumerate(people):
        if n:
            out.print()
        role = f" · {person.role} · {body_name(bodies, person.body)} ({person.year})"
        out.print(spans((person.name, "bold"), (role, "")))
        for statement in person.statements:
            line = text(f"• {statement.text} ")
            line.append(inert(f"[{refs_text(statement.source)}]"), style="dim")
            out.print(Padding(line, (0, 0, 0, 2)))
    legend = sources_legend(r for p in people for s in p.statements for r in s.source)
    if legend:
        out.print()
        out.print(text(legend, "dim"))


def show_hits(query: str, hits: Sequence[Hit], total: int) -> None:
    shown = "" if total == len(hits) else f" (first {len(hits)}; --limit 0 shows all)"
    table = new_table(f"{total} record(s) match {query!r}{shown}")
    table.add_column("Found in")
    table.add_column("Text")
    table.add_column("Source", style="dim")
    for hit in hits:
        where = spans(
            (f"{hit.kind.rstrip('s')} ", "dim"), (hit.id, "bold"), (f" ({hit.field})", "dim")
        )
        table.add_row(where, text(snippet(hit.text, query)), text(refs_text(hit.source)))
    print_with_notes(table, [], (r for h in hits for r in h.source))


def snippet(value: str, query: str, width: int = 90) -> str:
    """A window of ``value`` around the first match of ``query``."""
    if len(value) <= width:
        return value
    at = max(value.casefold().find(query.casefold()), 0)
    start = max(0, at - width // 3)
    end = min(len(value), start + width)
    return ("…" if start else "") + value[start:end].strip() + ("…" if end < len(value) else "")


def show_sources(uses: Sequence[SourceUse]) -> None:
    table = new_table("Source documents")
    table.add_column("File")
    table.add_column("What it is")
    table.add_column("Date", no_wrap=True)
    table.add_column("Facts", justify="right")
    notes: list[str] = []
    for use in uses:
        source = use.source
        date = source.date + footnote(notes, inference_note(source.inferred))
        what = f"{source.title} ({source.kind}"
        what += f", {source.publisher})" if source.publisher else ")"
        table.add_row(
            text(source.id, "bold"), text(f"{what}\n{source.summary}"), text(date), text(use.facts)
        )
    print_with_notes(table, notes, ())


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
            out.print(Padding(text(topic.summary), (0, 0, 0, 2)))
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
            text(topic.summary),
        )
    out.print(table)
