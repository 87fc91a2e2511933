"""The commands about the data files themselves: ``schema``, ``validate``, ``example-overlay``."""

# No ``from __future__ import annotations`` here: Typer reads these parameters' annotations
# when it builds a command, and each annotation kept as a string would cost a compile.

from pathlib import Path
from typing import Annotated

import typer

from twosessions_cli.app import command, options
from twosessions_cli.errors import DataError, UsageProblem
from twosessions_cli.facts import collect
from twosessions_cli.render import payloads, present, views
from twosessions_cli.render.output import OutputFormat, note, use_bom
from twosessions_cli.text import plural


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
    Every statement needs exactly one basis: 'source' cites the paragraphs that say it,
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
    # Count what the user's files hold, not the bundled records beneath them.
    counts = facts.counts(overlays_only=bool(targets))
    checked = [str(p) for p in targets]

    present(
        opts.format,
        lambda: payloads.validation_data(problems, counts, checked or ["bundled"]),
        lambda: views.validation.show_validation(problems, counts, checked or ["bundled data"]),
    )
    if problems:
        where = ", ".join(checked) or "the bundled data"
        raise DataError(f"{plural(len(problems), 'problem')} found in {where}", problems)


@command(name="example-overlay")
def example_overlay(
    ctx: typer.Context,
    folder: Annotated[
        Path,
        typer.Argument(metavar="FOLDER", help="Where to write the files (made if missing)."),
    ],
) -> None:
    """Write a worked example of your own facts into FOLDER.

    The example (made-up 2099 dates from a newsroom's notes, shown as example data in every
    view) shows the files an overlay holds; validate it, use it with --data, then replace
    its facts with yours and give your source its real reliability.

    \b
    Examples:
      twosessions example-overlay my-facts
      twosessions validate my-facts
      twosessions dates 2099 --data my-facts
    """
    from twosessions_cli.overlay import copy_example_overlay

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


@command()
def export(
    ctx: typer.Context,
    folder: Annotated[
        Path,
        typer.Argument(metavar="FOLDER", help="Where to write the files (made if missing)."),
    ],
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Write into a folder that is not empty, replacing the export's files."
        ),
    ] = False,
) -> None:
    """Export the whole record: CSV files and a SQLite database.

    One CSV per table (sources, topics, bodies, sessions, people, agenda, figures, statements,
    citations) and twosessions.sqlite, holding the same tables with foreign keys and views that
    join each fact to its source's address and paragraph (figures_with_sources, ...). A
    README.md in FOLDER says what each table and column is, and where the data came from.
    The export takes every level (--level all) unless --level says otherwise, and your
    overlays (--data, TWOSESSIONS_DATA) unless --no-user-data. FOLDER must be new or empty,
    unless --force. --bom starts each CSV file with a byte-order mark, for spreadsheets.

    \b
    Examples:
      twosessions export two-sessions-data
      sqlite3 two-sessions-data/twosessions.sqlite 'SELECT * FROM figures_with_sources'
      twosessions export out --level chongqing --force --json
    """
    from twosessions_cli.export import export_folder

    opts = options(ctx)
    fmt = opts.format
    if fmt not in (OutputFormat.json, OutputFormat.table):
        raise UsageProblem(
            "export writes its CSV files into FOLDER whatever --format says; leave --format "
            "out, or use --json to describe what was written"
        )
    level = opts.level or "all"
    written = export_folder(
        opts.facts(default_level="all"),
        folder,
        level=level,
        overlays=opts.overlays(),
        force=force,
        bom=opts.bom,
    )
    use_bom(False)  # the mark went into the CSV files; what is printed now is JSON or a note

    def tell() -> None:
        note(
            f"wrote {len(written.tables)} tables ({sum(written.tables.values())} rows) to "
            f"{written.folder}: a CSV file each, {written.database} and its README.md"
        )
        note(f"open it with sqlite3 or datasette; {written.folder}/README.md says what it holds")

    present(fmt, lambda: payloads.export_data(written), tell)
