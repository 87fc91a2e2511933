"""The commands that list or cite records: figures, agenda, people, search, sources, cite."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from twosessions_cli import lookups
from twosessions_cli import series as series_lookup
from twosessions_cli.app import command, options
from twosessions_cli.arguments import LATEST, year_argument
from twosessions_cli.completion import complete_series
from twosessions_cli.render import payloads, present, views, wording
from twosessions_cli.render.citations import citation_record, citation_text
from twosessions_cli.render.output import write_output


class CiteStyle(enum.StrEnum):
    plain = "plain"
    markdown = "markdown"
    bibtex = "bibtex"


@command()
def stats(
    ctx: typer.Context,
    year: Annotated[int, year_argument("A year such as 2025.", "figures", optional=False)],
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
    if reported:
        figures = lookups.figures_reported_in(facts, year)
    else:
        figures = lookups.figures_of_year(facts, year)
    title = wording.figures_title(year, reported=reported)

    present(
        opts.format,
        lambda: payloads.figures_data(facts, year, figures, reported=reported),
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
    opts = options(ctx)
    facts = opts.facts()
    people = lookups.people_matching(facts, name)

    present(
        opts.format,
        lambda: payloads.people_data(facts, people),
        lambda: views.people.show_people(facts, people),
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
        listing=lambda: views.search.hits_report(
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
