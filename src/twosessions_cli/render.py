"""Turns lookup results into JSON, or into Rich tables and panels for people.

Rich is imported inside the functions that draw, so ``--json`` and ``--version`` never load it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from twosessions_cli.errors import TwoSessionsError, UsageProblem
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
    from twosessions_cli.schedule import Sitting, Standing, Timeline

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
    write_output(None, text.encode("utf-8") + b"\n")


def write_output(path: Path | None, data: bytes) -> None:
    """Write a finished document to ``path``, or to standard output when ``path`` is None."""
    if path is None:
        out = sys.stdout
        out.flush()
        out.buffer.write(data)
        out.buffer.flush()
        return
    try:
        path.write_bytes(data)
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError, PermissionError) as exc:
        raise UsageProblem(
            f"cannot write {str(path)!r}: {exc.strerror or exc}; give a file path in a folder "
            "you can write to, or '-' for standard output"
        ) from None
    except OSError as exc:
        raise TwoSessionsError(f"cannot write {str(path)!r}: {exc.strerror or exc}") from None


def completion_help(summary: str, width: int = 60) -> str:
    """A short, single-line description for a shell's completion menu.

    Typer passes it through Rich (markup and wrapping at the terminal width), so it is kept
    short, on one line, and free of square brackets.
    """
    head = re.split(r"[:;]", summary, maxsplit=1)[0].strip() or summary
    head = " ".join(inert(head).split()).replace("[", "(").replace("]", ")")
    if len(head) <= width:
        return head
    cut = head[: width - 1].rsplit(" ", 1)[0] or head[: width - 1]
    return cut.rstrip(",.;: ") + "…"


def note(message: str) -> None:
    """A one-line message for the person at the terminal, on stderr so it never mixes with data."""
    print(f"twosessions: {one_line(message)}", file=sys.stderr)


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


def spans(*parts: tuple[str, str]) -> Text:
    """A Text of (text, style) pieces, each styled on its own.

    ``Text(value, style=...)`` styles the whole line, pieces appended later included.
    """
    from rich.text import Text

    line = Text()
    for value, style in parts:
        line.append(inert(value), style=style or None)
    return line


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def short_file(file: str) -> str:
    """Source file names are long hashes; the part before the first underscore is enough in a table."""
    stem = file.split("_", 1)[0]
    return stem if stem and stem != file else file


def paragraphs_by_file(refs: Iterable[SourceRef]) -> dict[str, list[int]]:
    """Each cited file (in order of first citation) with its paragraphs, sorted, once each."""
    by_file: dict[str, set[int]] = {}
    for ref in refs:
        by_file.setdefault(ref.file, set()).add(ref.paragraph)
    return {file: sorted(paragraphs) for file, paragraphs in by_file.items()}


def refs_text(refs: Sequence[SourceRef]) -> str:
    """'000 ¶1,2; 002 ¶4' for a list of references."""
    return "; ".join(
        f"{short_file(f)} ¶{','.join(str(p) for p in ps)}"
        for f, ps in paragraphs_by_file(refs).items()
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


def _sessions_table(
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
    table = _table(title)
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
        note_mark = _footnote(notes, _origin_note(facts, "sessions", session.id))
        note_mark += _footnote(notes, session.note)
        note_mark += _footnote(notes, f"Venue: {session.venue}." if session.venue else None)
        mark = _footnote(notes, _inferred_note(session.inferred))
        row = [text(session.year)] if many_years else []
        row.append(text(_body_name(bodies, session.body) + note_mark))
        if status is None:
            row.append(text(session_label(session)))
        row += [text(session.opens.isoformat() + mark), text(session.closes.isoformat())]
        row.append(text(session.days) if status is None else text(status.get(session.id, "")))
        row.append(text(refs_text(session.source)))
        table.add_row(*row)
    return table, notes


def show_sessions(
    facts: Facts, sessions: Sequence[Session], bodies: dict[str, Body], title: str
) -> None:
    table, notes = _sessions_table(facts, sessions, bodies, title)
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
    return spans((f"{label}: ", "bold"), (value, ""))


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
        role = f" · {person.role} · {_body_name(bodies, person.body)} ({person.year})"
        out.print(spans((person.name, "bold"), (role, "")))
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
        where = spans(
            (f"{hit.kind.rstrip('s')} ", "dim"), (hit.id, "bold"), (f" ({hit.field})", "dim")
        )
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


# --------------------------------------------------------------------------------------------
# next, timeline, glossary
# --------------------------------------------------------------------------------------------

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
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
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def standing_text(standing: Standing) -> str:
    """'opens in 7 days', 'day 3 of 5' or 'ended 28 days ago'."""
    if standing.state == "upcoming":
        return "opens tomorrow" if standing.opens_in == 1 else f"opens in {standing.opens_in} days"
    if standing.state == "sitting":
        return f"day {standing.day} of {standing.session.days}"
    return "ended yesterday" if standing.ended_ago == 1 else f"ended {standing.ended_ago} days ago"


def next_headline(standings: Sequence[Standing], bodies: dict[str, Body]) -> str:
    """One sentence that answers 'what is next?'."""
    sitting = [s for s in standings if s.state == "sitting"]
    if sitting:
        who = ", ".join(
            f"the {_body_name(bodies, s.session.body)} ({standing_text(s)})" for s in sitting
        )
        return f"Sitting today: {who}."
    upcoming = [s for s in standings if s.state == "upcoming"]
    if upcoming:
        first = upcoming[0]
        return (
            f"Next: the {_body_name(bodies, first.session.body)} {standing_text(first)}, "
            f"on {long_date(first.session.opens)}."
        )
    last = max(standings, key=lambda s: (s.session.closes, s.session.body))
    return (
        f"Nothing ahead in the data: the {_body_name(bodies, last.session.body)} "
        f"{standing_text(last)}, on {long_date(last.session.closes)}."
    )


def _nothing_ahead(standings: Sequence[Standing]) -> bool:
    return all(s.state == "ended" for s in standings)


NOTHING_AHEAD_HINT = (
    "No later session is in the data. When the next dates are announced, "
    "add them with --data DIR (see 'twosessions validate --help')."
)


def next_data(
    facts: Facts, standings: Sequence[Standing], bodies: dict[str, Body], today: dt.date
) -> dict[str, Any]:
    return {
        "today": today.isoformat(),
        "headline": next_headline(standings, bodies),
        "all_ended": _nothing_ahead(standings),
        "sessions": [
            {
                **session_data(facts, s.session, bodies),
                "status": {
                    "state": s.state,
                    "opens_in_days": s.opens_in,
                    "day": s.day,
                    "of_days": s.session.days if s.day is not None else None,
                    "ended_days_ago": s.ended_ago,
                    "text": standing_text(s),
                },
            }
            for s in standings
        ],
    }


def show_next(
    facts: Facts, standings: Sequence[Standing], bodies: dict[str, Body], today: dt.date
) -> None:
    out = console()
    out.print(text(next_headline(standings, bodies), "bold"))
    out.print()
    sessions = [s.session for s in standings]
    status = {s.session.id: standing_text(s) for s in standings}
    title = f"As of {long_date(today)}"
    table, notes = _sessions_table(facts, sessions, bodies, title, status)
    if _nothing_ahead(standings):
        notes.append(NOTHING_AHEAD_HINT)
    _print_with_notes(table, notes, (r for s in sessions for r in s.source))


def timeline_data(facts: Facts, line: Timeline, bodies: dict[str, Body]) -> dict[str, Any]:
    return {
        "year": line.year,
        "from": line.days[0].date.isoformat(),
        "to": line.days[-1].date.isoformat(),
        "sessions": [session_data(facts, s, bodies) for s in line.sessions],
        "days": [
            {
                "date": day.date.isoformat(),
                "weekday": _WEEKDAYS[day.date.weekday()][:3],
                "sitting": [
                    {
                        "session": s.session.id,
                        "body": s.session.body,
                        "day": s.day,
                        "of_days": s.session.days,
                    }
                    for s in day.sittings
                ],
                "overlap": len(day.sittings) > 1,
            }
            for day in line.days
        ],
    }


_ROW_COLOURS = ("cyan", "magenta", "yellow", "green", "blue", "red")


def _overlap_label(count: int) -> str:
    return "Both sitting" if count == 2 else "Sitting together"


def _sitting_text(sittings: Sequence[Sitting], bodies: dict[str, Body]) -> str:
    return "; ".join(
        f"{_body_name(bodies, s.session.body)} day {s.day}/{s.session.days}" for s in sittings
    )


def show_timeline(facts: Facts, line: Timeline, bodies: dict[str, Body]) -> None:
    """A strip of the sessions' weeks on a terminal; one line per day when piped."""
    out = console()
    if not out.is_terminal:
        _plain_timeline(line, bodies)
        return
    from rich.measure import Measurement

    unicode = _can_encode(out, "█◆")
    glyphs = ("██", "◆") if unicode else ("##", "*")
    notes: list[str] = []
    marks = {
        s.id: _footnote(notes, _inferred_note(s.inferred))
        + _footnote(notes, _origin_note(facts, "sessions", s.id))
        for s in line.sessions
    }
    strip = _timeline_strip(line, bodies, marks, glyphs)
    # Measure as if the terminal were unlimited: a measurement within its width is clamped to it.
    needed = Measurement.get(out, out.options.update_width(10_000), strip).maximum
    fits = needed <= out.width
    table = strip if fits else _timeline_columns(line, bodies, marks, glyphs)
    most = max(len(d.sittings) for d in line.days)
    legend = f"{glyphs[0]} sitting"
    if most > 1:
        legend += f"   {glyphs[1]} {_overlap_label(most).lower()}"
    _print_with_notes(table, [legend, *notes], (r for s in line.sessions for r in s.source))


def _can_encode(out: Console, sample: str) -> bool:
    try:
        sample.encode(out.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _timeline_title(line: Timeline) -> str:
    """'Who sits when, 26 Jan to 1 Feb 2026': short enough for the narrowest strip."""
    first, last = line.days[0].date, line.days[-1].date

    start = _day_month(first) + (f" {first.year}" if first.year != last.year else "")
    return f"Who sits when, {start} to {_day_month(last)} {last.year}"


def _day_month(date: dt.date) -> str:
    """'26 Jan'."""
    return f"{date.day} {_MONTHS[date.month - 1][:3]}"


def _timeline_strip(
    line: Timeline, bodies: dict[str, Body], marks: dict[str, str], glyphs: tuple[str, str]
) -> Table:
    """Days across, one row per session: the picture a wall calendar gives."""
    table = _table(_timeline_title(line))
    # Two characters a day and one space between days, so that two weeks fit in 80 columns.
    # The title names the months; a day number that drops back to 1 shows a new month.
    table.padding = (0, 0)
    table.add_column("")
    for day in line.days:
        date = day.date
        weekend = date.weekday() >= 5
        table.add_column(
            f"{_WEEKDAYS[date.weekday()][:2]}\n{date.day}",
            justify="right",
            width=2,
            header_style="dim" if weekend else "bold cyan",
        )
    table.add_column("Days", justify="right")
    for n, session in enumerate(line.sessions):
        colour = _ROW_COLOURS[n % len(_ROW_COLOURS)]
        cells = [
            text(glyphs[0], colour) if any(s.session is session for s in day.sittings) else text("")
            for day in line.days
        ]
        label = text(_body_name(bodies, session.body) + marks[session.id], colour)
        table.add_row(label, *cells, text(session.days))
    most = max(len(d.sittings) for d in line.days)
    if most > 1:
        table.add_row(
            text(_overlap_label(most), "bold"),
            *(text(glyphs[1], "bold") if len(d.sittings) > 1 else text("") for d in line.days),
            text(sum(len(d.sittings) > 1 for d in line.days)),
        )
    return table


def _timeline_columns(
    line: Timeline, bodies: dict[str, Body], marks: dict[str, str], glyphs: tuple[str, str]
) -> Table:
    """Days down, one column per session: for terminals too narrow for the strip."""
    table = _table(_timeline_title(line))
    table.add_column("Day", no_wrap=True)
    for n, session in enumerate(line.sessions):
        table.add_column(
            _body_name(bodies, session.body) + marks[session.id],
            style=_ROW_COLOURS[n % len(_ROW_COLOURS)],
        )
    for day in line.days:
        date = day.date
        cells = []
        for session in line.sessions:
            sitting = next((s for s in day.sittings if s.session is session), None)
            cells.append(text(f"{glyphs[0]} {sitting.day}/{session.days}" if sitting else ""))
        mark = f" {glyphs[1]}" if len(day.sittings) > 1 else ""
        style = "dim" if date.weekday() >= 5 and not day.sittings else ""
        label = f"{_WEEKDAYS[date.weekday()][:3]} {_day_month(date)}"
        table.add_row(text(label + mark, style), *cells)
    return table


def _plain_timeline(line: Timeline, bodies: dict[str, Body]) -> None:
    """One line per day for pipes: 'DATE WEEKDAY  who sits (day K/N)', grep- and diff-friendly."""
    out = sys.stdout
    for day in line.days:
        who = _sitting_text(day.sittings, bodies) or "-"
        if len(day.sittings) > 1:
            who += f" ({_overlap_label(len(day.sittings)).lower()})"
        weekday = _WEEKDAYS[day.date.weekday()][:3]
        out.write(inert(f"{day.date.isoformat()} {weekday}  {who}") + "\n")


def glossary_data(facts: Facts, topics: Sequence[Topic]) -> dict[str, Any]:
    import msgspec

    return {
        "terms": [
            {
                "id": t.id,
                "english": t.title,
                "chinese": t.chinese,
                "pinyin": t.pinyin,
                "meaning": t.summary,
                "source": msgspec.to_builtins(t.source),
                "origin": facts.origin_of("topics", t.id),
            }
            for t in topics
        ]
    }


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
    table = _table(title)
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
