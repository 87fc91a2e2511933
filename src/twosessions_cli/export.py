"""Writing an export folder: one CSV per table, a SQLite database (foreign keys, typed columns,
views joining each fact to its sources) and a README saying what each holds and where it came from.

``csv`` and ``sqlite3`` are imported only here, and this module only by the ``export`` command.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from twosessions_cli import __version__
from twosessions_cli.dataset import (
    TABLE_BY_NAME,
    TABLES,
    VIEW_COLUMNS,
    VIEWED_KINDS,
    Table,
    Value,
    view_name,
    view_sql,
)
from twosessions_cli.dataset_rows import row_values, table_rows
from twosessions_cli.errors import DataError, TwoSessionsError, UsageProblem
from twosessions_cli.store import Facts
from twosessions_cli.text import csv_cell

if TYPE_CHECKING:
    import sqlite3

DATABASE = "twosessions.sqlite"
README = "README.md"

#: What each --level takes in, as the README says it.
LEVEL_MEANING = {
    "all": "every level: Chongqing's municipal bodies and the national ones",
    "chongqing": "Chongqing's municipal bodies only (sources and topics whole)",
    "national": "the national bodies only (sources and topics whole)",
}


class Written(msgspec.Struct, frozen=True):
    """One file of the export: its path, and the table and row count it holds (if one)."""

    path: str
    table: str | None = None
    rows: int | None = None


class Export(msgspec.Struct, frozen=True):
    """What an export wrote: its files, the database's tables and views with their row counts."""

    folder: str
    level: str
    version: str
    overlays: list[str]
    bom: bool
    files: list[Written]
    database: str
    tables: dict[str, int]
    views: dict[str, int]


def export_folder(
    facts: Facts,
    folder: Path,
    *,
    level: str,
    overlays: Sequence[Path],
    force: bool,
    bom: bool = False,
) -> Export:
    """Write the whole record into ``folder``; refuse a non-empty folder unless ``force``.

    ``bom``: each CSV file starts with a UTF-8 byte-order mark, for spreadsheet programs.
    """
    _check_folder(folder, force=force)
    rows = {t.name: [row_values(t, r) for r in table_rows(facts, t)] for t in TABLES}
    _check_statement_ids(rows["statements"])
    shown = [str(p) for p in overlays]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # The database first: it checks that every reference resolves, before any CSV is written.
        views = _write_database(folder / DATABASE, rows, level=level, overlays=shown)
        files = [_write_csv(folder, table, rows[table.name], bom=bom) for table in TABLES]
        readme = folder / README
        text = readme_text(rows, views, level=level, overlays=shown, bom=bom)
        readme.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise TwoSessionsError(
            f"cannot write into {str(folder)!r}: {exc.strerror or exc}; give a folder you can "
            "write to"
        ) from None
    database = str(folder / DATABASE)
    return Export(
        folder=str(folder),
        level=level,
        version=__version__,
        overlays=shown,
        bom=bom,
        files=[*files, Written(database), Written(str(readme))],
        database=database,
        tables={name: len(table_rows) for name, table_rows in rows.items()},
        views=views,
    )


def _check_folder(folder: Path, *, force: bool) -> None:
    try:
        if folder.exists() and not folder.is_dir():
            raise UsageProblem(
                f"{str(folder)!r} is a file, not a folder; give a new or empty folder to export into"
            )
        if folder.is_dir() and not force and any(folder.iterdir()):
            raise UsageProblem(
                f"{str(folder)!r} is not empty; give a new or empty folder, or add --force to "
                "replace the export's files in it"
            )
    except OSError as exc:
        raise TwoSessionsError(
            f"cannot use {str(folder)!r}: {exc.strerror or exc}; give a folder you can write to"
        ) from None


def _check_statement_ids(statements: list[tuple[Value, ...]]) -> None:
    """Each statement id once (the table's key), checked before anything is written."""
    columns = [c.name for c in TABLE_BY_NAME["statements"].columns]
    at_id, at_kind = columns.index("id"), columns.index("kind")
    first: dict[Value, Value] = {}
    for row in statements:
        if row[at_id] in first:
            raise DataError(
                f"a record of {first[row[at_id]]} and one of {row[at_kind]} both give the "
                f"statement id {row[at_id]!r}, which the export keeps once; give one of the two "
                "records another id"
            )
        first[row[at_id]] = row[at_kind]


def _write_csv(folder: Path, table: Table, rows: list[tuple[Value, ...]], *, bom: bool) -> Written:
    import csv
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    writer.writerows([csv_cell(v) for v in row] for row in rows)
    path = folder / f"{table.name}.csv"
    path.write_bytes(("\ufeff" if bom else "").encode("utf-8") + buffer.getvalue().encode("utf-8"))
    return Written(str(path), table.name, len(rows))


def table_sql(table: Table) -> str:
    """The CREATE TABLE statement of one table: typed columns, its key, its foreign keys."""
    columns = []
    for c in table.columns:
        column = f'"{c.name}" {c.type}'
        if c.key:
            column += " PRIMARY KEY NOT NULL"
        elif c.required:
            column += " NOT NULL"
        if c.refers:
            column += f' REFERENCES "{c.refers}"("id")'
        columns.append(column)
    return f'CREATE TABLE "{table.name}" (\n  ' + ",\n  ".join(columns) + "\n)"


def _write_database(
    path: Path, rows: dict[str, list[tuple[Value, ...]]], *, level: str, overlays: list[str]
) -> dict[str, int]:
    """Write the database beside its final name, then move it there: never half a database."""
    import sqlite3

    partial = path.with_name(f".{path.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        db = sqlite3.connect(partial, isolation_level=None)
        try:
            views = _fill(db, rows, level=level, overlays=overlays)
        finally:
            db.close()
        os.replace(partial, path)
    except sqlite3.IntegrityError as exc:
        partial.unlink(missing_ok=True)
        raise DataError(f"the records do not hold together as a database: {exc}") from None
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise OSError(str(exc)) from None
    return views


def _fill(
    db: sqlite3.Connection,
    rows: dict[str, list[tuple[Value, ...]]],
    *,
    level: str,
    overlays: list[str],
) -> dict[str, int]:
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("BEGIN")
    for table in TABLES:
        db.execute(table_sql(table))
        marks = ", ".join("?" * len(table.columns))
        db.executemany(f'INSERT INTO "{table.name}" VALUES ({marks})', rows[table.name])  # noqa: S608
    db.execute('CREATE TABLE "about" ("key" TEXT PRIMARY KEY NOT NULL, "value" TEXT)')
    about = {
        "written_by": f"twosessions {__version__}",
        "level": level,
        "overlays": "; ".join(overlays) or None,
    }
    db.executemany('INSERT INTO "about" VALUES (?, ?)', about.items())
    for kind in VIEWED_KINDS:
        db.execute(f'CREATE VIEW "{view_name(kind)}" AS {view_sql(kind)}')
    db.execute("COMMIT")
    broken = db.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise sqlite3.IntegrityError(f"{len(broken)} broken reference(s), first {broken[0]}")
    return {
        view_name(kind): db.execute(f'SELECT count(*) FROM "{view_name(kind)}"').fetchone()[0]  # noqa: S608
        for kind in VIEWED_KINDS
    }


SOURCING = (
    "Every fact here points to the paragraphs of the source pages that state it (a page's "
    "paragraphs are its non-blank lines, counted from 1), through the citations table. Each "
    "statement rests on exactly one basis: `source` when the cited paragraphs say it, hedges "
    "and all (a qualifier such as `about` or `over` is kept, never dropped); `inferred` when it "
    "follows from the pages, with the reasoning written out in `reason`; or `general` for "
    "general knowledge that the pages do not state, which cites nothing. No date or number is "
    "guessed: a date that no page gives is left empty with the status `not reported`, and an "
    "announced date stays `scheduled` until a report of the event confirms it. Each figure "
    "belongs to one body and counts one year. Chongqing's municipal People's Congress "
    "(`congress`) and the National People's Congress (`npc`) are different bodies and are "
    "never merged. The sentences are written in our own words, not copied from the pages."
)


def readme_text(
    rows: dict[str, list[tuple[Value, ...]]],
    views: dict[str, int],
    *,
    level: str,
    overlays: list[str],
    bom: bool = False,
) -> str:
    """The folder's README: where the data came from, the sourcing rules, each table and view."""
    origin = (
        "the bundled data with these overlay folders or files, applied in order: "
        + ", ".join(f"`{o}`" for o in overlays)
        if overlays
        else "the bundled data only (no overlays)"
    )
    lines = [
        "# twosessions export",
        "",
        f"Written by twosessions {__version__} from {origin}. Level: `{level}`, "
        f"{LEVEL_MEANING[level]}. Rerun `twosessions export FOLDER` to write it again.",
        "",
        "## Files",
        "",
        f"- `{DATABASE}`: a SQLite database with every table below (typed columns, primary "
        "and foreign keys), an `about` table (version, level, overlays) and the views below. "
        f"Open it with `sqlite3 {DATABASE}`, `datasette {DATABASE}` or `sqlite-utils`.",
        "- `<table>.csv`: one file per table, with the same columns and values: RFC 4180, "
        + (
            "UTF-8 with a byte-order mark (--bom, for spreadsheet programs)"
            if bom
            else "UTF-8 (no byte-order mark; --bom adds one for spreadsheet programs)"
        )
        + ", CRLF line ends, a header row; numbers written as numbers, "
        "dates as ISO `YYYY-MM-DD`, an unknown value as an empty cell. A text cell that starts "
        "with `=`, `+`, `-` or `@` gets a leading `'` so that a spreadsheet shows it as text "
        "instead of running it as a formula; the database keeps such text as written.",
        f"- `{README}`: this file.",
        "",
        "## How the facts are sourced",
        "",
        SOURCING,
        "",
        "## Tables",
    ]
    for table in TABLES:
        lines += ["", f"### {table.name} ({len(rows[table.name])} rows)", "", table.doc, ""]
        lines += ["| Column | Type | Meaning |", "| --- | --- | --- |"]
        for c in table.columns:
            kind = c.type + (", key" if c.key else "") + (", required" if c.required else "")
            if c.refers:
                kind += f", refers to `{c.refers}.id`"
            lines.append(f"| `{c.name}` | {kind} | {c.doc} |")
    lines += [
        "",
        "## Views",
        "",
        "Each view lists a kind's records once per paragraph they cite, with that source's "
        "page: the kind's own columns, then these.",
        "",
        "| Column | Meaning |",
        "| --- | --- |",
        *(f"| `{name}` | {doc} |" for name, doc in VIEW_COLUMNS),
        "",
        *(f"- `{name}` ({count} rows)" for name, count in views.items()),
        "",
        "Every figure with its source's address and paragraph, in one query:",
        "",
        "```sql",
        "SELECT id, year, label, value, unit, source, paragraph, address",
        "FROM figures_with_sources WHERE cites = 'record';",
        "```",
    ]
    return "\n".join(lines) + "\n"
