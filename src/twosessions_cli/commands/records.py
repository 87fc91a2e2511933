"""The commands that list or cite records: figures, agenda, people, search, sources, cite."""

# No ``from __future__ import annotations`` here: Typer reads these parameters' annotations
# when it builds a command, and each annotation kept as a string would cost a compile.

import enum
from typing import Annotated

import typer

from twosessions_cli import lookups
from twosessions_cli.app import command, options
from twosessions_cli.arguments import LATEST, year_argument
from twosessions_cli.completion import complete_citable, complete_series
from twosessions_cli.errors import NotFound, UsageProblem
from twosessions_cli.render import payloads, present, refuse_bom, views, wording
from twosessions_cli.render.output import OutputFormat, emit_json, note, write_output


class CiteStyle(enum.StrEnum):
    plain = "plain"
    markdown = "markdown"
    bibtex = "bibtex"
    csl_json = "csl-json"


@command()
def stats(
    ctx: typer.Context,
    year: Annotated[
        int | None,
        year_argument("A year such as 2025 (default: the latest year in the data).", "figures"),
    ] = None,
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
    --reported, the figures reported at YEAR's sessions instead. With no YEAR, the latest. Each figure keeps its qualifier
    ('over 50' stays a lower bound) and the body it belongs to.

    \b
    Examples:
      twosessions stats
      twosessions stats 2025
      twosessions stats 2018 --reported
      twosessions stats 2025 --json
    """
    opts = options(ctx)
    facts = opts.facts()
    wanted = lookups.latest_figures_year(facts, reported=reported) if year is None else year
    if reported:
        figures = lookups.figures_reported_in(facts, wanted)
    else:
        figures = lookups.figures_of_year(facts, wanted)
    title = wording.figures_title(wanted, reported=reported)

    present(
        opts.format,
        lambda: payloads.figures_data(facts, wanted, figures, reported=reported),
        listing=lambda: views.figures.figures_report(facts, figures, title, with_year=reported),
    )


@command()
def agenda(
    ctx: typer.Context,
    year: Annotated[int | None, year_argument(LATEST, "agenda")] = None,
) -> None:
    """Agenda items per session, and those the sources name.

    \b
    Examples:
      twosessions agenda
      twosessions agenda 2026 --json
    """
    opts = options(ctx)
    facts = opts.facts()
    entries = lookups.agenda_of_year(facts, year)
    title = wording.agenda_title(entries[0].year)

    present(
        opts.format,
        lambda: payloads.agenda_data(facts, entries),
        listing=lambda: views.agenda.agenda_report(facts, entries, title),
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
    from twosessions_cli import people as people_lookup  # only who reads the people this way

    opts = options(ctx)
    facts = opts.facts()
    try:
        people = people_lookup.people_matching(facts, name)
    except NotFound as missing:
        if opts.level is not None or name is None:
            raise
        raise people_lookup.missed_at_default_level(opts.facts("all"), name, missing) from None

    present(
        opts.format,
        lambda: payloads.people_data(facts, people),
        lambda: views.people.show_people(facts, people),
        lambda: views.people.people_report(facts, people),
    )


@command()
def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Words to look for, in English or Chinese.")],
    limit: Annotated[
        int,
        typer.Option(
            "--limit",
            "-n",
            min=0,
            metavar="N",
            help="Show at most N matches in the table or Markdown (default: 50; 0: all); "
            "JSON and CSV hold every match.",
            show_default=False,
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
    # Only search reads every record's text; other commands do not pay for its import.
    from twosessions_cli import search as search_lookup

    opts = options(ctx)
    facts = opts.facts()
    hits = search_lookup.search(facts, text)

    present(
        opts.format,
        lambda: payloads.hits_data(facts, text, hits),
        listing=lambda: views.search.hits_report(facts, text, hits, limit),
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
    from twosessions_cli import series as series_lookup  # only trend draws series

    opts = options(ctx)
    facts = opts.facts()
    if figure is None:
        names = series_lookup.trend_names(facts)

        present(
            opts.format,
            lambda: payloads.trend_names_data(names),
            listing=lambda: views.figures.trend_names_report(facts, names),
        )
        return
    series = series_lookup.trends_matching(facts, figure)

    present(
        opts.format,
        lambda: payloads.trend_data(facts, series),
        lambda: views.figures.show_trend(facts, series),
        lambda: views.figures.trend_report(facts, series),
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
            listing=lambda: views.sessions.coverage_report(facts, rows),
        )
        return
    uses = lookups.source_usage(facts)

    present(
        opts.format,
        lambda: payloads.sources_data(facts, uses),
        listing=lambda: views.sources.sources_report(facts, uses),
    )


@command()
def targets(
    ctx: typer.Context,
    figure: Annotated[
        str,
        typer.Argument(
            metavar="[FIGURE]",
            help="The measure whose targets to check (gdp-growth, the default).",
            show_default=False,
        ),
    ] = "gdp-growth",
) -> None:
    """Each year's target against its outcome: met or missed.

    A written rule decides each year and respects the target's qualifier ('about 6%', 'above
    6%', a range, no target); the rules used are listed below the table. --level national
    gives China's targets, --level all both side by side.

    \b
    Examples:
      twosessions targets
      twosessions targets --level all
      twosessions targets gdp-growth --level national --json
    """
    from twosessions_cli import targets as targets_lookup

    opts = options(ctx)
    facts = opts.facts()
    measure = targets_lookup.measure_named(facts, figure)
    rows = targets_lookup.targets_against_outcomes(facts, measure)
    present(
        opts.format,
        lambda: payloads.targets_data(facts, measure, rows),
        listing=lambda: views.targets.targets_report(facts, measure, rows),
    )


@command()
def cite(
    ctx: typer.Context,
    record_ids: Annotated[
        list[str],
        typer.Argument(
            metavar="ID...",
            autocompletion=complete_citable,
            help="Record ids (2025-proposals-handled, 2026-cppcc) or statement ids "
            "(2026-cppcc.opens, cppcc.p2.s1), as --json and search show them. Several ids "
            "make one bibliography.",
            show_default=False,
        ),
    ],
    style: Annotated[
        CiteStyle | None,
        typer.Option(
            "--style",
            "-s",
            metavar="STYLE",
            help="plain (the default), markdown, bibtex or csl-json.",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    why: Annotated[
        bool,
        typer.Option("--why", help="Below each sentence, the reason of what was inferred."),
    ] = False,
) -> None:
    """Sentences to paste, or BibTeX or CSL-JSON, for facts.

    One sentence a fact, each page named with its date, paragraphs and address; a date that
    was only announced, or inferred, is worded so. BibTeX and CSL-JSON give one entry per
    fact and page, with unique keys; their access date (urldate, accessed) is the day you
    run cite, since the data does not record when each page was read: open the address to
    confirm it. --format markdown is --style markdown; --json gives each fact's sentence,
    sources and reasons (a list for several ids). An id finds its record at either level
    (2026-npc needs no --level).

    \b
    Examples:
      twosessions cite 2026-cppcc
      twosessions cite 2026-cppcc.opens --why
      twosessions cite 2025-proposals-handled 2026-congress --style bibtex > two-sessions.bib
      twosessions cite 2026-cppcc 2026-congress --style csl-json
    """
    # ical's clock (today, or SOURCE_DATE_EPOCH) dates the citation; it loads the schedule
    # module, which only the commands that count days should pay for at start-up. The
    # citation styles are cite's alone, so they load here too.
    from twosessions_cli.ical import export_stamp
    from twosessions_cli.render.bibliography import citation_record, cite_text

    opts = options(ctx)
    chosen = _cite_style(opts.format, style)
    refuse_bom("cite, which writes no CSV")
    facts = opts.facts(default_level="all")  # an id names one record, whatever its level
    found = [lookups.find_citable(facts, one) for one in dict.fromkeys(record_ids)]
    for one in found:
        if one.former_id is not None:
            now = one.part_id or one.record.id
            note(f"id {one.former_id!r} is now {now!r} (the old id still works)")
    if chosen is None:
        if len(found) == 1:
            emit_json(citation_record(facts, found[0]))
        else:
            emit_json([citation_record(facts, one) for one in found])
        return
    text = cite_text(facts, found, chosen.value, why=why, cited_on=export_stamp().date())
    write_output(None, text.encode("utf-8"))


def _cite_style(fmt: OutputFormat, style: CiteStyle | None) -> CiteStyle | None:
    """The style cite writes, or None for its JSON record; --format markdown is a style."""
    if fmt is OutputFormat.table:
        return style or CiteStyle.plain
    if fmt is OutputFormat.markdown and style in (None, CiteStyle.markdown):
        return CiteStyle.markdown
    if fmt is OutputFormat.json and style is None:
        return None
    if style is not None:
        raise UsageProblem(
            f"--format {fmt} and --style {style} ask for different outputs; give one"
        )
    raise UsageProblem(
        f"cite writes no {fmt}: use --style plain, markdown, bibtex or csl-json, or --json"
    )
