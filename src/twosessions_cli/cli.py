"""The command line: parses arguments, asks one lookup, hands the answer to one renderer."""

from __future__ import annotations

import errno
import functools
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any, NoReturn, ParamSpec, Protocol, TypeVar, cast

import typer
from typer.core import TyperGroup
from typer.models import CommandInfo

from twosessions_cli import __version__, lookups, render
from twosessions_cli.errors import DataError, TwoSessionsError, UsageProblem
from twosessions_cli.facts import KINDS, Facts, load_facts, user_data_dirs

PROG = "twosessions"

EPILOG = (
    "Exit codes: 0 success; 1 not found (unknown topic, a year with no data) or bad data; "
    "2 usage error (bad option, malformed year). Every command takes --json for scripts."
)


def _click_error_type() -> type[Exception]:
    """The ClickException class of the click that typer runs on (typer >= 0.26 vendors its own)."""
    for cls in typer.BadParameter.__mro__:
        if cls.__name__ == "ClickException":
            return cls
    raise RuntimeError("typer.BadParameter does not derive from ClickException")  # pragma: no cover


_CLICK_ERROR = _click_error_type()


class _ClickError(Protocol):
    """What this module uses of a click usage error (click's own or typer's vendored copy)."""

    exit_code: int
    ctx: typer.Context | None

    def format_message(self) -> str: ...


def fail(message: str, code: int) -> NoReturn:
    """Print one line on stderr and exit: the only way this program reports an error."""
    print(f"{PROG}: error: {render.one_line(message)}", file=sys.stderr)
    raise SystemExit(code)


def _quiet_broken_pipe() -> NoReturn:
    # The reader went away (`| head`): point stdout at /dev/null so that the final flush
    # at exit cannot fail again, and leave without a word.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise SystemExit(0)


class _Group(TyperGroup):
    """Typer's group with one-line usage errors and quiet broken pipes, in-process and installed."""

    def _help_path(self, error: _ClickError, args: Sequence[str] | None) -> str:
        """The command whose --help would have helped: from the error, else from the arguments."""
        if error.ctx is not None:
            return error.ctx.command_path
        words = list(sys.argv[1:] if args is None else args)
        return f"{PROG} {words[0]}" if words and words[0] in self.commands else PROG

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            result = super().main(
                args=args,
                prog_name=prog_name or PROG,
                complete_var=complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
        except _CLICK_ERROR as exc:
            if not standalone_mode:
                raise
            error = cast(_ClickError, exc)
            hint = f" Try '{self._help_path(error, args)} --help'."
            message = error.format_message().rstrip()
            fail(
                f"{message}{'' if message.endswith(('.', '?', '!')) else '.'}{hint}",
                error.exit_code,
            )
        except BrokenPipeError:
            _quiet_broken_pipe()
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                _quiet_broken_pipe()
            raise
        if not standalone_mode:
            return result
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            _quiet_broken_pipe()
        raise SystemExit(result if isinstance(result, int) else 0)


app = typer.Typer(
    name=PROG,
    cls=_Group,
    epilog=EPILOG,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=True,
    no_args_is_help=False,
)

P = ParamSpec("P")
R = TypeVar("R")


def reports_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn the project's errors into a one-line message and the right exit code."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except TwoSessionsError as exc:
            fail(exc.message, exc.exit_code)
        except BrokenPipeError:
            _quiet_broken_pipe()

    return wrapper


# Options every command shares, written once.
JsonOpt = Annotated[
    bool, typer.Option("--json", help="Print one JSON document instead of a table.")
]
DataOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--data",
        metavar="DIR",
        help="Add a folder of your own facts on top of the bundled ones (repeatable). "
        "TWOSESSIONS_DATA does the same (a path list).",
    ),
]
NoUserDataOpt = Annotated[
    bool,
    typer.Option("--no-user-data", help="Ignore --data and TWOSESSIONS_DATA: bundled facts only."),
]


def _completion_facts(ctx: typer.Context) -> Facts | None:
    """The facts as the command being completed would see them; None if they cannot load."""
    params = ctx.params
    try:
        return _facts(params.get("data"), bool(params.get("no_user_data")))
    except TwoSessionsError:
        return None


def _years_of(kind: str) -> Callable[[typer.Context, str], list[str]]:
    """A completer offering the years that records of ``kind`` have."""

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        facts = _completion_facts(ctx)
        if facts is None:
            return []
        return lookups.year_completions((r.year for r in facts.records(kind)), incomplete)

    return complete


_complete_session_year = _years_of("sessions")
_complete_figure_year = _years_of("figures")
_complete_agenda_year = _years_of("agenda")


def _complete_topic(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    facts = _completion_facts(ctx)
    if facts is None:
        return []
    found = lookups.topic_completions(facts, incomplete)
    return [(name, render.completion_help(summary)) for name, summary in found]


YearArg = Annotated[
    str | None,
    typer.Argument(
        metavar="[YEAR]",
        help="A year such as 2026 (default: the latest).",
        show_default=False,
        autocompletion=_complete_session_year,
    ),
]


def _facts(data: list[Path] | None, no_user_data: bool) -> Facts:
    if no_user_data:
        return load_facts()
    return load_facts([*user_data_dirs(), *(data or [])])


def _year(text: str | None) -> int | None:
    return None if text is None else lookups.parse_year(text)


def _version(value: bool) -> None:
    if value:
        print(f"{PROG} {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Offline reference for the Chongqing Two Sessions (两会): the CPPCC committee (政协)
    and the Municipal People's Congress (人大). Every fact names its source.

    \b
    Examples:
      twosessions dates              when the latest sessions meet
      twosessions explain cppcc      what the CPPCC committee is (政协 works too)
      twosessions stats 2025         the year's figures, with qualifiers and sources
      twosessions dates --json       the same facts for scripts
    """
    if ctx.invoked_subcommand is None:
        print(ctx.get_help())
        raise typer.Exit()


@app.command()
@reports_errors
def dates(
    year: YearArg = None,
    all_years: Annotated[bool, typer.Option("--all", "-a", help="List every year.")] = False,
    json: JsonOpt = False,
    data: DataOpt = None,
    no_user_data: NoUserDataOpt = False,
) -> None:
    """When each session opens and closes, and how many days it runs.

    \b
    Examples:
      twosessions dates
      twosessions dates 2020
      twosessions dates --all --json
    """
    facts = _facts(data, no_user_data)
    if all_years and year is not None:
        raise UsageProblem("give a YEAR or --all, not both")
    wanted = None if all_years else _year(year)
    sessions = lookups.all_sessions(facts) if all_years else lookups.sessions_in_year(facts, wanted)
    bodies = lookups.body_by_id(facts)
    if json:
        render.emit_json(
            {
                "year": None if all_years else sessions[0].year,
                "sessions": [render.session_data(facts, s, bodies) for s in sessions],
            }
        )
        return
    title = (
        "Chongqing Two Sessions, all years"
        if all_years
        else f"Chongqing Two Sessions, {sessions[0].year}"
    )
    render.show_sessions(facts, sessions, bodies, title)


@app.command(name="next")
@reports_errors
def next_session(
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            metavar="YYYY-MM-DD",
            help="Count from this day instead of the local date (for scripts and what-ifs).",
            show_default=False,
        ),
    ] = None,
    json: JsonOpt = False,
    data: DataOpt = None,
    no_user_data: NoUserDataOpt = False,
) -> None:
    """Days until the next sessions open, or which day of them it is.

    When every session in the data is over, says how long ago the last one ended.

    \b
    Examples:
      twosessions next
      twosessions next --today 2026-01-20     opens in 7 days
      twosessions next --today 2026-01-29     day 3 of 5
      twosessions next --json
    """
    import datetime as dt

    from twosessions_cli import schedule

    day = dt.date.today() if today is None else schedule.parse_date(today)
    facts = _facts(data, no_user_data)
    standings = schedule.next_sessions(facts, day)
    bodies = lookups.body_by_id(facts)
    if json:
        render.emit_json(render.next_data(facts, standings, bodies, day))
        return
    render.show_next(facts, standings, bodies, day)


@app.command()
@reports_errors
def timeline(
    year: YearArg = None,
    json: JsonOpt = False,
    data: DataOpt = None,
    no_user_data: NoUserDataOpt = False,
) -> None:
    """A calendar strip of the sessions' weeks: who sits which day.

    Days when both bodies sit are marked, so the overlap shows at a glance.

    On a terminal the days run across; when piped, one plain line per day.

    \b
    Examples:
      twosessions timeline
      twosessions timeline 2020
      twosessions timeline | grep both
    """
    from twosessions_cli import schedule

    facts = _facts(data, no_user_data)
    line = schedule.timeline(facts, _year(year))
    bodies = lookups.body_by_id(facts)
    if json:
        render.emit_json(render.timeline_data(facts, line, bodies))
        return
    render.show_timeline(facts, line, bodies)


@app.command()
@reports_errors
def ics(
    year: Annotated[
        str | None,
        typer.Argument(
            metavar="[YEAR]",
            help="Only this year's sessions (default: every session in the data).",
            show_default=False,
            autocompletion=_complete_session_year,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the calendar to FILE instead of standard output ('-' is standard output).",
            show_default=False,
        ),
    ] = None,
    json: JsonOpt = False,
    data: DataOpt = None,
    no_user_data: NoUserDataOpt = False,
) -> None:
    """Export the sessions as an iCalendar (.ics) file.

    One all-day event per session, with its source in the description.

    Each event has a stable UID, so importing a newer export updates the events instead of
    adding copies. Set SOURCE_DATE_EPOCH for a byte-for-byte repeatable file. With --json,
    print the events as JSON (the file, if -o is given, is still written as iCalendar).

    \b
    Examples:
      twosessions ics -o two-sessions.ics
      twosessions ics 2026 > 2026.ics
      twosessions ics --json
    """
    from twosessions_cli import ical

    facts = _facts(data, no_user_data)
    wanted = _year(year)
    sessions = (
        lookups.all_sessions(facts) if year is None else lookups.sessions_in_year(facts, wanted)
    )
    events = ical.session_events(facts, sessions, lookups.body_by_id(facts))
    to_file = output is not None and str(output) != "-"
    if to_file or not json:
        calendar = ical.calendar_bytes(events, ical.export_stamp())
        render.write_output(output if to_file else None, calendar)
    if json:
        render.emit_json(
            {"file": str(output) if to_file else None, "events": ical.events_data(events)}
        )
    elif to_file:
        render.note(f"wrote {len(events)} event(s) to {output}")


@app.command()
@reports_errors
def explain(
    topic: Annotated[
        str | None,
        typer.Argument(
            metavar="[TOPIC]",
            help="A topic id, English name or Chinese name (e.g. cppcc, 人大).",
            show_default=False,
            autocompletion=_complete_topic,
        ),
    ] = None,
    json: JsonOpt = False,
    data: DataOpt = None,
    no_user_data: NoUserDataOpt = False,
) -> None:
    """Explain a body or term in plain language (no TOPIC: list them).

    \b
    Examples:
      twosessions explain
      twosessions explain cppcc
      twosessions explain 两会
      twosessions explain "work report" --json
    """
    facts = _facts(data, no_user_data)
    if topic is None:
        if json:
            render.emit_json(
                {"topics": [render.record_data(facts, "topics", t) for t in facts.topics]}
            )
        else:
            render.show_topic_list(facts.topics)
        return
    found = lookups.find_topic(facts, topic)
    related = lookups.related_topics(facts, found)
    if json:
        render.emit_json({"topic": render.record_data(facts, "topics", found)})
        return
    render.show_topic(found, related)


@app.command()
@reports_errors
def glossary(
    json: JsonOpt = False,
    data: DataOpt = None,
    no_user_data: NoUserDataOpt = False,
) -> None:
    """Every term in English and Chinese, with pinyin and meaning.

    \b
    Examples:
      twosessions glossary
      twosessions glossary --json
    """
    facts = _facts(data, no_user_data)
    terms = lookups.glossary(facts)
    if json:
        render.emit_json(render.glossary_data(facts, terms))
        return
    render.show_glossary(terms)


@app.command()
@reports_errors
def stats(
    year: Annotated[
        str,
        typer.Argument(
            metavar="YEAR", help="A year such as 2025.", autocompletion=_complete_figure_year
        ),
    ],
    json: JsonOpt = False,
    data: DataOpt = None,
    no_user_data: NoUserDataOpt = False,
) -> None:
    """A year's figures, with qualifier, body and source.

    Each figure keeps its qualifier ('over 50' stays a lower bound) and the body it belongs to.

    \b
    Examples:
      twosessions stats 2025
      twosessions stats 2025 --json
    """
    facts = _facts(data, no_user_data)
    wanted = lookups.parse_year(year)
    figures = lookups.figures_of_year(facts, wanted)
    bodies = lookups.body_by_id(facts)
    if json:
        render.emit_json(
            {
                "year": wanted,
                "figures": [
                    render.record_data(facts, "figures", f, body_name=bodies[f.body].name)
                    for f in figures
                ],
            }
        )
        return
    render.show_figures(
        facts, figures, bodies, lookups.person_by_id(facts), f"Figures for {wanted}"
    )


@app.command()
@reports_errors
def agenda(
    year: Annotated[
        str | None,
        typer.Argument(
            metavar="[YEAR]",
            help="A year such as 2026 (default: the latest).",
            show_default=False,
            autocompletion=_complete_agenda_year,
        ),
    ] = None,
    json: JsonOpt = False,
    data: DataOpt = None,
    no_user_data: NoUserDataOpt = False,
) -> None:
    """Agenda item counts per session, and the items the sources name.

    \b
    Examples:
      twosessions agenda
      twosessions agenda 2026 --json
    """
    facts = _facts(data, no_user_data)
    entries = lookups.agenda_of_year(facts, _year(year))
    if json:
        render.emit_json(
            {
                "year": entries[0].year,
                "agenda": [render.record_data(facts, "agenda", e) for e in entries],
            }
        )
        return
    sessions = {s.id: s for s in facts.sessions}
    render.show_agenda(entries, sessions, lookups.body_by_id(facts), f"Agenda, {entries[0].year}")


@app.command()
@reports_errors
def who(
    name: Annotated[
        str | None,
        typer.Argument(help="Part of a name or role (case-insensitive).", show_default=False),
    ] = None,
    json: JsonOpt = False,
    data: DataOpt = None,
    no_user_data: NoUserDataOpt = False,
) -> None:
    """Who is who: named people, their roles and what they reported.

    \b
    Examples:
      twosessions who
      twosessions who zhang
      twosessions who mayor --json
    """
    facts = _facts(data, no_user_data)
    people = lookups.people_matching(facts, name)
    if json:
        render.emit_json({"people": [render.record_data(facts, "people", p) for p in people]})
        return
    render.show_people(people, lookups.body_by_id(facts))


@app.command()
@reports_errors
def search(
    text: Annotated[str, typer.Argument(help="Words to look for, in English or Chinese.")],
    limit: Annotated[
        int,
        typer.Option(
            "--limit", "-n", min=0, help="Show at most this many matches in the table (0: all)."
        ),
    ] = 50,
    json: JsonOpt = False,
    data: DataOpt = None,
    no_user_data: NoUserDataOpt = False,
) -> None:
    """Find TEXT in topics, people, figures, agenda and sessions.

    Each match says which record and field it is in, and its source.

    \b
    Examples:
      twosessions search congress
      twosessions search 提案
      twosessions search "five-year" --json
    """
    facts = _facts(data, no_user_data)
    hits = lookups.search(facts, text)
    if json:
        render.emit_json(render.hits_data(text, hits))
        return
    render.show_hits(text, hits[:limit] if limit else hits, total=len(hits))


@app.command()
@reports_errors
def sources(
    json: JsonOpt = False,
    data: DataOpt = None,
    no_user_data: NoUserDataOpt = False,
) -> None:
    """The source documents, their dates and how many facts use each.

    \b
    Examples:
      twosessions sources
      twosessions sources --json
    """
    facts = _facts(data, no_user_data)
    uses = lookups.source_usage(facts)
    if json:
        render.emit_json(
            {
                "sources": [
                    render.record_data(facts, "sources", u.source, facts=u.facts) for u in uses
                ]
            }
        )
        return
    render.show_sources(uses)


@app.command()
@reports_errors
def schema() -> None:
    """Print the JSON Schema of the data files.

    It is generated from the code's record types, so it cannot drift from what is checked.

    \b
    Examples:
      twosessions schema > twosessions.schema.json
    """
    from twosessions_cli.facts import json_schema

    render.emit_json(json_schema())


@app.command()
@reports_errors
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATH]...",
            help="Data folders or <kind>.json files (default: the bundled data).",
            show_default=False,
        ),
    ] = None,
    json: JsonOpt = False,
) -> None:
    """Check data files against the schema and rules; list problems.

    Each problem is printed as FILE: JSON-PATH: what is wrong (expected ...).
    Files are checked on top of the bundled data, so they may refer to bundled records.
    Exit 0 when all is well, 1 when any problem is found.

    \b
    Examples:
      twosessions validate data/
      twosessions validate ~/my-facts/sessions.json
      twosessions validate ~/my-facts --json
    """
    from twosessions_cli.facts import collect

    targets = list(paths or [])
    facts, problems = collect(targets)
    counts = {kind: len(facts.records(kind)) for kind in KINDS}
    checked = [str(p) for p in targets]
    if json:
        render.emit_json(render.validation_data(problems, counts, checked or ["bundled"]))
    else:
        render.show_validation(problems, counts, checked or ["bundled data"])
    if problems:
        where = ", ".join(checked) or "the bundled data"
        raise DataError(f"{len(problems)} problem(s) found in {where}", problems)


def _command_name(info: CommandInfo) -> str:
    callback_name = info.callback.__name__ if info.callback else ""
    return info.name or callback_name.lower().replace("_", "-")


def main(argv: Sequence[str]) -> None:
    """Run the CLI as the installed script does.

    Typer builds a click command for every registered command at each start, about 0.6 ms
    apiece here. When the first argument names a command, only that one is built; help for
    the whole program, unknown commands and shell completion still see them all.
    """
    first = argv[0] if argv else ""
    completing = f"_{PROG.upper()}_COMPLETE" in os.environ
    if first and not first.startswith("-") and not completing:
        chosen = [c for c in app.registered_commands if _command_name(c) == first]
        if chosen:
            app.registered_commands[:] = chosen
    app()
