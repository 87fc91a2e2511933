"""Turns lookup results into JSON, or into Rich tables and panels for people.

Rich is imported inside the functions that draw, so ``--json`` and ``--version`` never load it.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from twosessions_cli.facts import (
    AgendaEntry,
    Body,
    Facts,
    Figure,
    Inference,
    Person,
    Problem,
    Session,
    SourceRef,
    Topic,
)

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table
    from rich.text import Text

    from twosessions_cli.lookups import Hit, SourceUse

# C0/C1 control characters (but tab and newline) and the bidirectional overrides that can
# reorder what a terminal shows: text from data files must never drive the terminal.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# In JSON these stay escaped, so the document is the same data and still inert on a terminal.
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def inert(text: str) -> str:
    """Text safe to print: control and bidi-override characters removed."""
    return _UNSAFE.sub("", text)


_LINE_BREAKS = str.maketrans({"\n": "\\n", "\r": "\\r", "\t": "\\t"})


def one_line(text: str) -> str:
    """Inert text that stays on one line: line breaks and tabs shown as \\n, \\r, \\t."""
    return inert(text.translate(_LINE_BREAKS))


# --------------------------------------------------------------------------------------------
# JSON
# --------------------------------------------------------------------------------------------


def record_data(facts: Facts, kind: str, record: Any, /, **extra: Any) -> dict[str, Any]:
    """A record as plain JSON data, with where it was loaded from and any derived fields."""
    import msgspec

    data: dict[str, Any] = msgspec.to_builtins(record)
    data.update(extra)
    data["origin"] = facts.origin_of(kind, record.id)
    return data


def session_data(facts: Facts, session: Session, bodies: dict[str, Body]) -> dict[str, Any]:
    body = bodies.get(session.body)
    return record_data(
        facts, "sessions", session, days=session.days, body_name=body.name if body else None
    )


def hits_data(query: str, hits: Sequence[Hit]) -> dict[str, Any]:
    """Search results as JSON data: every hit, however many the table would show."""
    import msgspec

    return {
        "query": query,
        "total": len(hits),
        "hits": [
            {
                "kind": h.kind,
                "id": h.id,
                "label": h.label,
                "field": h.field,
                "text": h.text,
                "source": msgspec.to_builtins(h.source),
            }
            for h in hits
        ],
    }


def validation_data(
    problems: Sequence[Problem], counts: dict[str, int], checked: Sequence[str]
) -> dict[str, Any]:
    """The outcome of ``validate`` as JSON data."""
    return {
        "ok": not problems,
        "paths": list(checked),
        "records": counts,
        "problems": [{"file": p.file, "path": p.path, "message": p.message} for p in problems],
    }


def emit_json(payload: Any) -> None:
    """Print one JSON document: UTF-8 whatever the locale, so it is the same bytes everywhere."""
    text = json.dumps(payload, ensure_ascii=False, indent=2)
    text = _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    out = sys.stdout
    out.flush()
    out.buffer.write(text.encode("utf-8") + b"\n")
    out.buffer.flush()


# --------------------------------------------------------------------------------------------
# Shared pieces for people
# --------------------------------------------------------------------------------------------


def console() -> Console:
    """A console that follows the terminal: width, colour (NO_COLOR, TERM=dumb, pipes)."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # Rich would exit 1 here; let the CLI end quietly with 0, as it does for JSON.
            raise BrokenPipeError

    return _Console(highlight=False, emoji=False, markup=False, soft_wrap=False)


def text(value: object, style: str = "") -> Text:
    """Data as a Rich Text: never parsed as markup, control characters removed."""
    from rich.text import Text

    return Text(inert(str(value)), style=style)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def short_file(file: str) -> str:
    """Source file names are long hashes; the part before the first underscore is enough in a table."""
    stem = file.split("_", 1)[0]
    return stem if stem and stem != file else file


def refs_text(refs: Sequence[SourceRef]) -> str:
    """'000 ¶1,2; 002 ¶4' for a list of references."""
    by_file: dict[str, list[int]] = {}
    for ref in refs:
        by_file.setdefault(ref.file, []).append(ref.paragraph)
    return "; ".join(
        f"{short_file(f)} ¶{','.join(str(p) for p in sorted(set(ps)))}" for f, ps in by_file.items()
    )


def _legend(refs: Iterable[SourceRef]) -> str:
    files = sorted({r.file for r in refs})
    names = ", ".join(f"{short_file(f)} = {f}" for f in files if short_file(f) != f)
    return f"Sources: {names}. Details: twosessions sources" if names else ""


def _table(title: str | None = None) -> Table:
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


def _print_with_notes(
    renderable: RenderableType, notes: Sequence[str], refs: Iterable[SourceRef]
) -> None:
    out = console()
    out.print(renderable)
    for note in notes:
        out.print(text(note, "dim"))
    legend = _legend(refs)
    if legend:
        out.print(text(legend, "dim"))


def _inferred_note(inferred: Inference | None) -> str | None:
    if inferred is None:
        return None
    return f"{inferred.what.capitalize()} inferred: {inferred.reason}"


def _footnote(notes: list[str], note: str | None) -> str:
    """Add a numbered footnote (if there is one) and return the mark to put in the cell."""
    if not note:
        return ""
    for number, existing in enumerate(notes, 1):
        if existing.split("] ", 1)[1] == note:
            return f" [{number}]"
    notes.append(f"[{len(notes) + 1}] {note}")
    return f" [{len(notes)}]"


def _body_name(bodies: dict[str, Body], body_id: str) -> str:
    body = bodies.get(body_id)
    return body.short if body else body_id


# --------------------------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------------------------


def session_label(session: Session) -> str:
    if session.session and session.term:
        return f"{ordinal(session.session)} of {ordinal(session.term)} term"
    if session.session:
        return f"{ordinal(session.session)} session"
    return "—"


def _origin_note(facts: Facts, kind: str, record_id: str) -> str | None:
    origin = facts.origin_of(kind, record_id)
    return None if origin == "bundled" else f"From your data: {origin}"


def show_sessions(
    facts: Facts, sessions: Sequence[Session], bodies: dict[str, Body], title: str
) -> None:
    many_years = len({s.year for s in sessions}) > 1
    table = _table(title)
    if many_years:
        table.add_column("Year", justify="right")
    table.add_column("Body")
    table.add_column("Session")
    table.add_column("Opens", no_wrap=True)
    table.add_column("Closes", no_wrap=True)
    table.add_column("Days", justify="right")
    table.add_column("Source", style="dim")
    notes: list[str] = []
    for session in sessions:
        note_mark = _footnote(notes, _origin_note(facts, "sessions", session.id))
        note_mark += _footnote(notes, session.note)
        note_mark += _footnote(notes, f"Venue: {session.venue}." if session.venue else None)
        mark = _footnote(notes, _inferred_note(session.inferred))
        row = [
            text(_body_name(bodies, session.body) + note_mark),
            text(session_label(session)),
            text(session.opens.isoformat() + mark),
            text(session.closes.isoformat()),
            text(session.days),
        ]
        if many_years:
            row.insert(0, text(session.year))
        row.append(text(refs_text(session.source)))
        table.add_row(*row)
    _print_with_notes(table, notes, (r for s in sessions for r in s.source))


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
    _print_with_notes(panel, [], topic.source)


def _labelled(label: str, value: str) -> Text:
    from rich.text import Text

    line = Text(f"{label}: ", style="bold")
    line.append(inert(value))
    return line


def show_topic_list(topics: Sequence[Topic]) -> None:
    table = _table("Topics: twosessions explain TOPIC (any name or alias works)")
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
    table = _table(title)
    table.add_column("What")
    table.add_column("Value", justify="right", no_wrap=True)
    table.add_column("Qualifier")
    table.add_column("Body")
    table.add_column("Source", style="dim")
    notes: list[str] = []
    for figure in figures:
        reporter = people.get(figure.reported_by or "")
        marks = (
            _footnote(notes, _origin_note(facts, "figures", figure.id))
            + _footnote(notes, _inferred_note(figure.inferred))
            + _footnote(notes, figure.note)
            + _footnote(
                notes, f"Reported by {reporter.name}, {reporter.role}." if reporter else None
            )
        )
        body = _body_name(bodies, figure.body)
        table.add_row(
            text(figure.label + marks),
            text(f"{figure.value:,}"),
            text(figure.qualifier or ""),
            text(body),
            text(refs_text(figure.source)),
        )
    _print_with_notes(table, notes, (r for f in figures for r in f.source))


def show_agenda(
    entries: Sequence[AgendaEntry],
    sessions: dict[str, Session],
    bodies: dict[str, Body],
    title: str,
) -> None:
    table = _table(title)
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
            text(_body_name(bodies, entry.body)),
            text(session_label(session) if session else "—"),
            text(count),
            text("\n".join(f"• {item}" for item in entry.items)),
            text(refs_text(entry.source)),
        )
    _print_with_notes(table, [], (r for e in entries for r in e.source))


def show_people(people: Sequence[Person], bodies: dict[str, Body]) -> None:
    from rich.padding import Padding

    out = console()
    for n, person in enumerate(people):
        if n:
            out.print()
        head = text(person.name, "bold")
        head.append(inert(f" · {person.role} · {_body_name(bodies, person.body)} ({person.year})"))
        out.print(head)
        for statement in person.statements:
            line = text(f"• {statement.text} ")
            line.append(inert(f"[{refs_text(statement.source)}]"), style="dim")
            out.print(Padding(line, (0, 0, 0, 2)))
    legend = _legend(r for p in people for s in p.statements for r in s.source)
    if legend:
        out.print()
        out.print(text(legend, "dim"))


def show_hits(query: str, hits: Sequence[Hit], total: int) -> None:
    shown = "" if total == len(hits) else f" (first {len(hits)}; --limit 0 shows all)"
    table = _table(f"{total} record(s) match {query!r}{shown}")
    table.add_column("Found in")
    table.add_column("Text")
    table.add_column("Source", style="dim")
    for hit in hits:
        where = text(f"{hit.kind.rstrip('s')} ", "dim")
        where.append(inert(hit.id), style="bold")
        where.append(inert(f" ({hit.field})"), style="dim")
        table.add_row(where, text(snippet(hit.text, query)), text(refs_text(hit.source)))
    _print_with_notes(table, [], (r for h in hits for r in h.source))


def snippet(value: str, query: str, width: int = 90) -> str:
    """A window of ``value`` around the first match of ``query``."""
    if len(value) <= width:
        return value
    at = max(value.casefold().find(query.casefold()), 0)
    start = max(0, at - width // 3)
    end = min(len(value), start + width)
    return ("…" if start else "") + value[start:end].strip() + ("…" if end < len(value) else "")


def show_sources(uses: Sequence[SourceUse]) -> None:
    table = _table("Source documents")
    table.add_column("File")
    table.add_column("What it is")
    table.add_column("Date", no_wrap=True)
    table.add_column("Facts", justify="right")
    notes: list[str] = []
    for use in uses:
        source = use.source
        date = source.date + _footnote(notes, _inferred_note(source.inferred))
        what = f"{source.title} ({source.kind}"
        what += f", {source.publisher})" if source.publisher else ")"
        table.add_row(
            text(source.id, "bold"), text(f"{what}\n{source.summary}"), text(date), text(use.facts)
        )
    _print_with_notes(table, notes, ())


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
