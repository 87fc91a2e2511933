"""The commands: each parses its own arguments, asks one lookup and ends in ``present``.

What every command shares (options, errors, completion, the group) lives in ``app``.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from twosessions_cli import __version__, lookups
from twosessions_cli.app import (
    app,
    command,
    complete_series,
    complete_topic,
    options,
    run,
    years_of,
)
from twosessions_cli.errors import DataError, NotFound, UsageProblem
from twosessions_cli.facts import collect
from twosessions_cli.records import KINDS
from twosessions_cli.render import payloads, present, wording
from twosessions_cli.render.citations import citation_record, citation_text, cited_refs
from twosessions_cli.render.output import OutputFormat, note, write_output
from twosessions_cli.render.views import (
    agenda as agenda_view,
)
from twosessions_cli.render.views import (
    figures as figures_view,
)
from twosessions_cli.render.views import (
    people as people_view,
)
from twosessions_cli.render.views import (
    search as search_view,
)
from twosessions_cli.render.views import (
    sessions as sessions_view,
)
from twosessions_cli.render.views import (
    sources as sources_view,
)
from twosessions_cli.render.views import (
    timeline as timeline_view,
)
from twosessions_cli.render.views import (
    topics as topics_view,
)
from twosessions_cli.render.views import (
    validation as validation_view,
)
from twosessions_cli.text import PROG

_complete_session_year = years_of("sessions")


class CiteStyle(enum.StrEnum):
    plain = "plain"
    markdown = "markdown"
    bibtex = "bibtex"


YearArg = Annotated[
    str | None,
    typer.Argument(
        metavar="[YEAR]",
        help="A year such as 2026 (default: the latest).",
        show_default=False,
        autocompletion=_complete_session_year,
    ),
]


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


@command()
def dates(
    ctx: typer.Context,
    year: YearArg = None,
    all_years: Annotated[bool, typer.Option("--all", "-a", help="List every year.")] = False,
) -> None:
    """When each session opens and closes, and how long it runs.

    \b
    Examples:
      twosessions dates
      twosessions dates 2020
      twosessions dates --all --json
    """
    if all_years and year is not None:
        raise UsageProblem("give a YEAR or --all, not both")
    opts = options(ctx)
    facts = opts.facts()
    sessions = (
        lookups.all_sessions(facts) if all_years else lookups.sessions_in_year(facts, _year(year))
    )
    title = wording.dates_title(None if all_years else sessions[0].year)
    present(
        opts.format,
        lambda: payloads.dates_data(facts, sessions, all_years=all_years),
        listing=lambda: sessions_view.sessions_report(facts, sessions, title),
    )


@command(name="next")
def next_session(
    ctx: typer.Context,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            metavar="YYYY-MM-DD",
            help="Count from this day instead of the local date (for scripts and what-ifs).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Days until the next sessions, or which day of them it is.

    When every session in the data is over, says how long ago the last one ended.

    \b
    Examples:
      twosessions next
      twosessions next --today 2026-01-20     opens in 7 days
      twosessions next --today 2026-01-29     day 3 of 5
      twosessions next --json
    """
    from twosessions_cli import schedule  # only next and timeline count days: spare the rest

    day = dt.date.today() if today is None else schedule.parse_date(today)
    opts = options(ctx)
    facts = opts.facts()
    standings = schedule.next_sessions(facts, day)
    present(
        opts.format,
        lambda: payloads.next_data(facts, standings, day),
        listing=lambda: sessions_view.next_report(facts, standings, day),
    )


@command()
def timeline(ctx: typer.Context, year: YearArg = None) -> None:
    """A calendar strip of the sessions' weeks: who sits when.

    Days when both bodies sit are marked, so the overlap shows at a glance.

    On a terminal the days run across; when piped, one plain line per day.

    \b
    Examples:
      twosessions timeline
      twosessions timeline 2020
      twosessions timeline | grep both
    """
    from twosessions_cli import schedule

    opts = options(ctx)
    facts = opts.facts()
    line = schedule.timeline(facts, _year(year))
    present(
        opts.format,
        lambda: payloads.timeline_data(facts, line),
        lambda: timeline_view.show_timeline(facts, line),
    )


@command()
def ics(
    ctx: typer.Context,
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

    opts = options(ctx)
    facts = opts.facts()
    wanted = _year(year)
    sessions = (
        lookups.all_sessions(facts) if wanted is None else lookups.sessions_in_year(facts, wanted)
    )
    events = ical.session_events(facts, sessions, facts.body_by_id, cited_refs)
    if not events:
        raise NotFound(
            f"no dates reported for the {sessions[0].year} sessions; "
            "'twosessions dates --all' shows which years have them"
        )
    to_file = output if output is not None and str(output) != "-" else None

    replacing = to_file is not None and to_file.exists()

    def write_calendar() -> None:
        write_output(to_file, ical.calendar_bytes(events, ical.export_stamp()))
        if to_file is not None:
            replaced = ", replacing the file that was there" if replacing else ""
            note(f"wrote {len(events)} event(s) to {to_file}{replaced}")

    if to_file is not None and opts.format == "json":
        write_output(to_file, ical.calendar_bytes(events, ical.export_stamp()))
    present(
        opts.format,
        lambda: payloads.ics_data(str(to_file) if to_file else None, events),
        write_calendar,
    )


@command()
def explain(
    ctx: typer.Context,
    topic: Annotated[
        str | None,
        typer.Argument(
            metavar="[TOPIC]",
            help="A topic id, English name or Chinese name (e.g. cppcc, 人大).",
            show_default=False,
            autocompletion=complete_topic,
        ),
    ] = None,
) -> None:
    """A body or term in plain language (no TOPIC: the list).

    \b
    Examples:
      twosessions explain
      twosessions explain cppcc
      twosessions explain 两会
      twosessions explain "work report" --json
    """
    opts = options(ctx)
    facts = opts.facts()
    if topic is None:
        present(
            opts.format,
            lambda: payloads.topics_data(facts, facts.topics),
            listing=lambda: topics_view.topics_report(facts, facts.topics),
        )
        return
    found = lookups.find_topic(facts, topic)
    related = lookups.related_topics(facts, found)
    present(
        opts.format,
        lambda: payloads.topic_data(facts, found),
        lambda: topics_view.show_topic(facts, found, related),
    )


@command()
def glossary(ctx: typer.Context) -> None:
    """Every term: English, Chinese, pinyin and meaning.

    \b
    Examples:
      twosessions glossary
      twosessions glossary --json
    """
    opts = options(ctx)
    facts = opts.facts()
    terms = lookups.glossary(facts)
    present(
        opts.format,
        lambda: payloads.glossary_data(facts, terms),
        lambda: topics_view.show_glossary(terms),
        lambda: topics_view.glossary_report(facts, terms),
    )


@command()
def stats(
    ctx: typer.Context,
    year: Annotated[
        str,
        typer.Argument(
            metavar="YEAR", help="A year such as 2025.", autocompletion=years_of("figures")
        ),
    ],
    reported: Annotated[
        bool,
        typer.Option(
            "--reported",
            "-r",
            help="The figures reported at YEAR's sessions instead (most count the year before).",
        ),
    ] = False,
) -> None:
    """A year's figures, with qualifier, body and source.

    YEAR is the year a figure counts: proposals reported in January 2025 count 2024. With
    --reported, the figures reported at YEAR's sessions instead. Each figure keeps its qualifier
    ('over 50' stays a lower bound) and the body it belongs to.

    \b
    Examples:
      twosessions stats 2025
      twosessions stats 2018 --reported
      twosessions stats 2025 --json
    """
    opts = options(ctx)
    facts = opts.facts()
    wanted = lookups.parse_year(year)
    if reported:
        figures = lookups.figures_reported_in(facts, wanted)
    else:
        figures = lookups.figures_of_year(facts, wanted)
    title = wording.figures_title(wanted, reported=reported)
    present(
        opts.format,
        lambda: payloads.figures_data(facts, wanted, figures, reported=reported),
        listing=lambda: figures_view.figures_report(facts, figures, title, with_year=reported),
    )


@command()
def agenda(
    ctx: typer.Context,
    year: Annotated[
        str | None,
        typer.Argument(
            metavar="[YEAR]",
            help="A year such as 2026 (default: the latest).",
            show_default=False,
            autocompletion=years_of("agenda"),
        ),
    ] = None,
) -> None:
    """Agenda items per session, and those the sources name.

    \b
    Examples:
      twosessions agenda
      twosessions agenda 2026 --json
    """
    opts = options(ctx)
    facts = opts.facts()
    entries = lookups.agenda_of_year(facts, _year(year))
    title = wording.agenda_title(entries[0].year)
    present(
        opts.format,
        lambda: payloads.agenda_data(facts, entries),
        listing=lambda: agenda_view.agenda_report(facts, entries, title),
    )


@command()
def who(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(help="Part of a name or role (case-insensitive).", show_default=False),
    ] = None,
) -> None:
    """Who is who: people, their roles and what they reported.

    \b
    Examples:
      twosessions who
      twosessions who zhang
      twosessions who mayor --json
    """
    opts = options(ctx)
    facts = opts.facts()
    people = lookups.people_matching(facts, name)
    present(
        opts.format,
        lambda: payloads.people_data(facts, people),
        lambda: people_view.show_people(facts, people),
    )


@command()
def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Words to look for, in English or Chinese.")],
    limit: Annotated[
        int,
        typer.Option(
            "--limit", "-n", min=0, help="Show at most this many matches in the table (0: all)."
        ),
    ] = 50,
) -> None:
    """Find TEXT in topics, people, figures, agenda, sessions.

    Each match says which record and field it is in, and its source.

    \b
    Examples:
      twosessions search congress
      twosessions search 提案
      twosessions search "five-year" --json
    """
    opts = options(ctx)
    facts = opts.facts()
    hits = lookups.search(facts, text)
    present(
        opts.format,
        lambda: payloads.hits_data(facts, text, hits),
        listing=lambda: search_view.hits_report(
            facts, text, hits[:limit] if limit else hits, total=len(hits)
        ),
    )


@command()
def trend(
    ctx: typer.Context,
    figure: Annotated[
        str | None,
        typer.Argument(
            metavar="[FIGURE]",
            help="A figure id or a word of it (proposals, growth-target, attendance). "
            "No FIGURE: list the figures that have two or more years.",
            show_default=False,
            autocompletion=complete_series,
        ),
    ] = None,
) -> None:
    """One figure across the years: a bar chart or a table.

    A word that fits several figures (proposals: submitted, filed, handled) draws each on its
    own: figures that mean different things are never drawn as one series.

    \b
    Examples:
      twosessions trend
      twosessions trend growth-target
      twosessions trend proposals
      twosessions trend gdp-growth --json
    """
    opts = options(ctx)
    facts = opts.facts()
    if figure is None:
        names = lookups.trend_names(facts)
        present(
            opts.format,
            lambda: payloads.trend_names_data(names),
            listing=lambda: figures_view.trend_names_report(facts, names),
        )
        return
    series = lookups.trends_matching(facts, figure)
    present(
        opts.format,
        lambda: payloads.trend_data(facts, series),
        lambda: figures_view.show_trend(facts, series),
        lambda: figures_view.trend_report(facts, series),
    )


@command()
def sources(
    ctx: typer.Context,
    show_coverage: Annotated[
        bool,
        typer.Option(
            "--coverage",
            help="Instead of the sources, what the data knows per year and body: session "
            "number, dates, reports, figures.",
        ),
    ] = False,
) -> None:
    """The pages the facts come from, and what the data covers.

    Each source with its publisher, title, date, address, reliability and how many records
    use it; with --coverage, what is known per year and body.

    \b
    Examples:
      twosessions sources
      twosessions sources --coverage
      twosessions sources --json
    """
    opts = options(ctx)
    facts = opts.facts()
    if show_coverage:
        rows = lookups.coverage(facts)
        present(
            opts.format,
            lambda: payloads.coverage_data(rows),
            listing=lambda: sessions_view.coverage_report(facts, rows),
        )
        return
    uses = lookups.source_usage(facts)
    present(
        opts.format,
        lambda: payloads.sources_data(facts, uses),
        listing=lambda: sources_view.sources_report(facts, uses),
    )


@command()
def cite(
    ctx: typer.Context,
    record_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="A record id (2025-proposals-handled, 2026-cppcc) or a statement id "
            "(cppcc.p2.s1, zhang-xiaofei.s3), as --json and search show them.",
        ),
    ],
    style: Annotated[
        CiteStyle,
        typer.Option("--style", "-s", help="plain, markdown or bibtex.", case_sensitive=False),
    ] = CiteStyle.plain,
) -> None:
    """A ready citation of a fact: page, address, paragraph.

    \b
    Examples:
      twosessions cite 2025-proposals-handled
      twosessions cite 2026-cppcc.opens --style markdown
      twosessions cite cppcc.p4.s1 --style bibtex
    """
    opts = options(ctx)
    facts = opts.facts()
    found = lookups.find_citable(facts, record_id)
    present(
        opts.format,
        lambda: citation_record(facts, found),
        lambda: write_output(None, citation_text(facts, found, style.value).encode()),
    )


@command()
def schema(ctx: typer.Context) -> None:
    """Print the JSON Schema of the data files.

    It is generated from the code's record types, so it cannot drift from what is checked.
    The schema is JSON whatever the options.

    \b
    Examples:
      twosessions schema > twosessions.schema.json
    """
    options(ctx)  # --json and --format json are welcome; the schema is JSON whatever they say
    present(OutputFormat.json, payloads.schema_data)


@command()
def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATH]...",
            help="Data folders or <kind>.json files (default: the bundled data). "
            "Folders given with --data are checked too.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check data files against the schema and rules.

    Each problem is printed as FILE: JSON-PATH: what is wrong (expected ...).
    Every statement needs exactly one basis: 'source' cites the paragraph(s) that say it,
    'inferred' gives its reason, 'general' (general knowledge) cites nothing.
    Files are checked on top of the bundled data, so they may refer to bundled records; a file
    given alone is read with the files beside it. Exit 0 when all is well, 1 when any problem
    is found. To start a folder of your own, 'twosessions example-overlay FOLDER' writes a
    worked example.

    \b
    Examples:
      twosessions validate data/
      twosessions validate ~/my-facts/sessions.json
      twosessions validate ~/my-facts --json
    """
    opts = options(ctx)
    targets = [*(paths or []), *opts.data]
    facts, problems = collect(targets)
    if targets:  # count what the user's files hold, not the bundled records beneath them
        counts = {kind: 0 for kind in KINDS}
        for (kind, _), location in facts.located.items():
            counts[kind] += location.overlay
    else:
        counts = {kind: len(facts.records(kind)) for kind in KINDS}
    checked = [str(p) for p in targets]
    present(
        opts.format,
        lambda: payloads.validation_data(problems, counts, checked or ["bundled"]),
        lambda: validation_view.show_validation(problems, counts, checked or ["bundled data"]),
    )
    if problems:
        where = ", ".join(checked) or "the bundled data"
        raise DataError(f"{len(problems)} problem(s) found in {where}", problems)


@command(name="example-overlay")
def example_overlay(
    ctx: typer.Context,
    folder: Annotated[
        Path,
        typer.Argument(metavar="FOLDER", help="Where to write the files (made if missing)."),
    ],
) -> None:
    """Write a worked example of your own facts into FOLDER.

    The example (made-up 2027 dates, from a newsroom's notes) shows the files an overlay
    holds; validate it, use it with --data, then replace its facts with yours.

    \b
    Examples:
      twosessions example-overlay my-facts
      twosessions validate my-facts
      twosessions dates 2027 --data my-facts
    """
    from twosessions_cli.facts import copy_example_overlay

    opts = options(ctx)
    written = copy_example_overlay(folder)

    def tell() -> None:
        for path in written:
            note(f"wrote {path}")
        note(f"next: twosessions validate {folder}")

    present(
        opts.format,
        lambda: payloads.example_overlay_data(folder, written),
        tell,
    )


def main(argv: Sequence[str]) -> None:
    """Run the CLI on ``argv`` (without the program name), as the installed script does."""
    run(argv)
