"""The commands about when: ``dates``, ``next``, ``timeline`` and ``ics``."""

# No ``from __future__ import annotations`` here: Typer reads these parameters' annotations
# when it builds a command, and each annotation kept as a string would cost a compile.

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from twosessions_cli import lookups
from twosessions_cli.app import command, options
from twosessions_cli.arguments import YearArg, parse_date, year_argument
from twosessions_cli.errors import NotFound, UsageProblem
from twosessions_cli.render import payloads, present, views, wording
from twosessions_cli.render.citations import brief_refs
from twosessions_cli.render.output import OutputFormat, note, write_output


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
    sessions = lookups.all_sessions(facts) if all_years else lookups.sessions_in_year(facts, year)
    year_shown = None if all_years else sessions[0].year
    title = wording.dates_title(year_shown, sessions, facts.body_by_id)

    present(
        opts.format,
        lambda: payloads.dates_data(facts, sessions, all_years=all_years),
        listing=lambda: views.sessions.sessions_report(facts, sessions, title),
    )


@command(name="next")
def next_session(
    ctx: typer.Context,
    today: Annotated[
        dt.date | None,
        typer.Option(
            "--today",
            metavar="YYYY-MM-DD",
            parser=parse_date,
            help="Count from this day instead of the local date (for scripts and what-ifs).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Days until the next sessions, or which day of them it is.

    A session known by one date still counts ("opened today (closing not reported)").
    When no later date is in the data, says so, gives the days on which the sessions have
    opened in the recorded years (computed, not announced) and how to add announced dates.

    \b
    Examples:
      twosessions next
      twosessions next --today 2026-01-20     opens in 7 days
      twosessions next --today 2026-01-29     day 3 of 5
      twosessions next --json
    """
    from twosessions_cli import schedule  # only next and timeline count days: spare the rest

    day = dt.date.today() if today is None else today
    opts = options(ctx)
    facts = opts.facts()
    standings = schedule.next_sessions(facts, day)
    ended = wording.nothing_ahead(standings)
    windows = schedule.opening_windows(facts) if ended else []
    # Between Chongqing's sessions (by default), the national ones in March may be ahead.
    national = opts.facts("national") if ended and opts.level is None else None
    ahead = [] if national is None else schedule.still_ahead(national, day)
    also = wording.also_ahead(ahead, national) if national and ahead else None

    present(
        opts.format,
        lambda: payloads.next_data(facts, standings, day, windows, also),
        listing=lambda: views.sessions.next_report(facts, standings, day, windows, also),
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
    line = schedule.timeline(facts, year)

    present(
        opts.format,
        lambda: payloads.timeline_data(facts, line),
        lambda: views.timeline.show_timeline(facts, line),
    )


@command()
def ics(
    ctx: typer.Context,
    year: Annotated[
        int | None,
        year_argument(
            "Only this year's sessions (default: every session in the data).", "sessions"
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

    One all-day event per session, with its status and source in the description and the
    source's address as the event's link. Announced-only sessions are tentative; a session
    with one known date is an event on that day; sessions with no date are left out, and
    counted on standard error.

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
    sessions = (
        lookups.all_sessions(facts) if year is None else lookups.sessions_in_year(facts, year)
    )
    calendar = ical.session_calendar(facts, sessions, facts.body_by_id, brief_refs)
    if not calendar.events:
        raise NotFound(
            f"no dates reported for the {sessions[0].year} sessions; "
            "'twosessions dates --all' shows which years have them"
        )
    to_file = output if output is not None and str(output) != "-" else None
    replacing = to_file is not None and to_file.exists()

    def write_calendar(*, tell: bool = True) -> None:
        write_output(to_file, ical.calendar_bytes(calendar, ical.export_stamp()))
        told = wording.calendar_written(
            len(calendar.events),
            None if to_file is None else str(to_file),
            replacing=replacing,
            left_out=len(calendar.undated),
            year=year,
        )
        if tell and told:
            note(told)

    if to_file is not None and opts.format is OutputFormat.json:
        write_calendar(tell=False)  # the file is iCalendar whatever --format; stdout the JSON
    present(
        opts.format,
        lambda: payloads.ics_data(str(to_file) if to_file else None, calendar),
        write_calendar,
    )
