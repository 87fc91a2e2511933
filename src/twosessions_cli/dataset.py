"""The whole record as tables (what ``twosessions export`` writes): each kind's columns, the
grounded statements, the citations tying each fact to a source's paragraph, and the views.

The tables are declared once (``TABLES``, with a sentence for each column), so the CSV files,
the SQLite schema and the README in the export folder are all written from the same list; the
rows are built in ``dataset_rows``. Values are typed: numbers, ISO dates, None for unknown.
"""

from __future__ import annotations

from typing import Literal

import msgspec

Value = int | float | str | None
Row = dict[str, Value]
SqlType = Literal["INTEGER", "REAL", "TEXT"]


class Column(msgspec.Struct, frozen=True):
    """One column: its name, SQLite type, what it holds, and the table its values name."""

    name: str
    type: SqlType
    doc: str
    key: bool = False
    required: bool = False
    refers: str | None = None


class Table(msgspec.Struct, frozen=True):
    """One table (and one CSV file): its name, what a row is, and its columns."""

    name: str
    doc: str
    columns: tuple[Column, ...]


def _id(what: str) -> Column:
    return Column("id", "TEXT", f"The {what}'s id, as the commands and `cite` take it.", key=True)


def _text(name: str, doc: str, *, required: bool = False) -> Column:
    return Column(name, "TEXT", doc, required=required)


def _int(name: str, doc: str, *, required: bool = False) -> Column:
    return Column(name, "INTEGER", doc, required=required)


def _ref(name: str, table: str, doc: str, *, required: bool = False) -> Column:
    return Column(name, "TEXT", doc, required=required, refers=table)


ORIGIN = _text(
    "origin",
    "`bundled`, or the path of the overlay file (--data) the record came from.",
    required=True,
)
YEAR = _int("year", "The year the record belongs to.", required=True)
BODY = _ref("body", "bodies", "The body the record belongs to.", required=True)
LEVEL = _text("level", "The body's level: `municipal` (Chongqing) or `national`.", required=True)
INFERRED = (
    _text(
        "inferred", "What the source implies but does not print (such as `year`); empty if nothing."
    ),
    _text("inferred_reason", "Why it was inferred."),
)

#: Which column of `statements` and `citations` names the record, for each kind.
OWNER: dict[str, str] = {
    "sources": "described_source",
    "bodies": "body",
    "sessions": "session",
    "agenda": "agenda",
    "people": "person",
    "figures": "figure",
    "topics": "topic",
}
_OWNER_COLUMNS = tuple(
    _ref(
        column,
        kind,
        "The source page whose own description (date, summary) this is."
        if kind == "sources"
        else f"The record of `{kind}` this belongs to (empty for a record of another kind).",
    )
    for kind, column in OWNER.items()
)
_KIND = Column(
    "kind", "TEXT", "The kind of record it belongs to (`figures`, `sessions`, ...).", required=True
)
_DATE_STATUS = "`held`, `scheduled` (announced, not yet confirmed by a report) or `not reported`."


TABLES: tuple[Table, ...] = (
    Table(
        "sources",
        "One row per source page (or document) that facts are taken from.",
        (
            _id("source"),
            _text("publisher", "Who published it.", required=True),
            _text("title", "Its own title, as printed (empty for an untitled page)."),
            _text(
                "published", "Publication date: ISO `YYYY-MM-DD`, or `YYYY-MM`; empty if unknown."
            ),
            _text("address", "The web address, whole."),
            _text("language", "Language code of the page (`en`, `zh`).", required=True),
            _text("reliability", "`official`, `established` or `reprint`.", required=True),
            _text("reprint_of", "For a reprint, the outlet it copies."),
            _text(
                "kind",
                "What sort of document it is (news report, work report, ...).",
                required=True,
            ),
            _int("paragraphs", "How many paragraphs (non-blank lines) it has.", required=True),
            _text("summary", "What the page is, in one sentence."),
            ORIGIN,
        ),
    ),
    Table(
        "topics",
        "One row per topic that `explain` covers (a body or a term); its sentences are in statements.",
        (
            _id("topic"),
            _text("title", "The topic's English name.", required=True),
            _text("chinese", "Its Chinese name."),
            _text("pinyin", "The Chinese name in pinyin."),
            _text("summary", "One-line meaning.", required=True),
            _text("aliases", "Other names it answers to, separated by `; `."),
            _text("related", "Ids of related topics, separated by `; `."),
            ORIGIN,
        ),
    ),
    Table(
        "bodies",
        "One row per body (institution) that facts belong to.",
        (
            _id("body"),
            _text("name", "Full English name.", required=True),
            _text("short", "Short name used in tables.", required=True),
            _text("chinese", "Chinese name."),
            Column("level", "TEXT", "`municipal` (Chongqing) or `national`.", required=True),
            _ref("topic", "topics", "The topic that explains it."),
            ORIGIN,
        ),
    ),
    Table(
        "sessions",
        "One row per yearly session of a body; each date has a status, and an unknown one is empty.",
        (
            _id("session"),
            YEAR,
            BODY,
            LEVEL,
            _int("term", "Which term (of office) the session belongs to."),
            _int("session", "Which session of that term it is."),
            _text("chinese", "The session's name in Chinese."),
            _text("opens", "Opening day, ISO `YYYY-MM-DD`; empty when not reported."),
            _text("opens_status", f"The opening day's status: {_DATE_STATUS}", required=True),
            _text("closes", "Closing day, ISO `YYYY-MM-DD`; empty when not reported."),
            _text("closes_status", f"The closing day's status: {_DATE_STATUS}", required=True),
            _int("days", "Calendar days from opening to closing, both counted; empty if unknown."),
            _text("length", "What the sources say of its length."),
            _text("venue", "Where it met (or opened): the place's English name."),
            _text("venue_chinese", "The place's Chinese name, where the cited page gives one."),
            _text("venue_detail", "What the page adds about the place (a room, a district)."),
            _text("closing_venue", "Where it closed, when a source names another place."),
            _text("closing_venue_chinese", "That place's Chinese name."),
            _text("closing_venue_detail", "What the page adds about it."),
            _text("note", "A note on the session."),
            ORIGIN,
        ),
    ),
    Table(
        "people",
        "One row per person the sources name; what they reported is in statements.",
        (
            _id("person"),
            _text("name", "Name in English.", required=True),
            _text("chinese", "Name in Chinese."),
            _text("role", "Role, as the source gives it.", required=True),
            BODY,
            LEVEL,
            YEAR,
            *INFERRED,
            ORIGIN,
        ),
    ),
    Table(
        "agenda",
        "One row per session agenda: how many items; the items a source names are in statements.",
        (
            _id("agenda entry"),
            YEAR,
            BODY,
            LEVEL,
            _ref("session_id", "sessions", "The session whose agenda it is."),
            _int("count", "How many items; empty when the source gives no number."),
            _text("qualifier", "What the count counts, or how it is hedged (`major items`)."),
            *INFERRED,
            ORIGIN,
        ),
    ),
    Table(
        "figures",
        "One row per figure: a number tied to one body and the one year it counts.",
        (
            _id("figure"),
            YEAR,
            BODY,
            LEVEL,
            _text("label", "What the number measures.", required=True),
            _text("series", "The same measure across years (what `trend` draws)."),
            Column("value", "REAL", "The number; empty when the source says none was set."),
            Column("upper", "REAL", "For a range (6.5-7%), its upper end; `value` is the lower."),
            _text("unit", "The unit (`%`, `proposals`, `yuan`).", required=True),
            _text("qualifier", "A hedge kept from the source (`about`, `over`, `no target`)."),
            _ref("session_id", "sessions", "The session that reported it."),
            _ref("reported_by", "people", "The person who reported it."),
            _text("note", "A note on the figure."),
            *INFERRED,
            ORIGIN,
        ),
    ),
    Table(
        "statements",
        "One row per grounded part of a record: a sentence, a date, a numbering. Each has "
        "exactly one basis; its cited paragraphs are in citations.",
        (
            Column(
                "id",
                "TEXT",
                "The statement's id, as `cite` takes it (`2026-cppcc.opens`).",
                key=True,
            ),
            _KIND,
            *_OWNER_COLUMNS,
            _text(
                "field",
                "Which part of the record it is (`opens`, `note`, `items[0]`).",
                required=True,
            ),
            _text("text", "The sentence, in our own words (empty for a date or a numbering)."),
            _text("date", "For a date, the day, ISO `YYYY-MM-DD`."),
            _text("status", "For a date, `held` or `scheduled`."),
            _text(
                "basis",
                "`source` (the cited paragraphs say it), `inferred` (see reason) or `general` "
                "(general knowledge, not from the sources).",
                required=True,
            ),
            _text("reason", "For an inferred statement, why it follows from the sources."),
        ),
    ),
    Table(
        "citations",
        "One row per cited paragraph: which record (and which of its statements) cites which "
        "source, and where in it.",
        (
            _KIND,
            *_OWNER_COLUMNS,
            _ref(
                "statement",
                "statements",
                "The statement the paragraph supports; empty when it supports the record as a "
                "whole (a figure's number, a person's role).",
            ),
            _ref("source", "sources", "The source cited.", required=True),
            _int(
                "paragraph", "The paragraph of it (non-blank lines counted from 1).", required=True
            ),
        ),
    ),
)

TABLE_BY_NAME = {t.name: t for t in TABLES}


#: Kinds with a view joining each of their records to its sources' pages and paragraphs.
VIEWED_KINDS = ("bodies", "sessions", "agenda", "people", "figures", "topics")


def view_name(kind: str) -> str:
    return f"{kind}_with_sources"


#: The columns every ``<kind>_with_sources`` view adds to the kind's own.
VIEW_COLUMNS: tuple[tuple[str, str], ...] = (
    (
        "cites",
        "What the paragraph supports: `record` (the record as a whole) or a statement's field.",
    ),
    ("statement", "The statement's id (empty for the record as a whole)."),
    ("basis", "The statement's basis (`source`, `inferred`); empty for the record as a whole."),
    ("source", "The source's id."),
    ("paragraph", "The paragraph cited."),
    ("publisher", "The source's publisher."),
    ("source_title", "The source's own title."),
    ("published", "The source's publication date (ISO)."),
    ("address", "The source's web address."),
)


def view_sql(kind: str) -> str:
    """The SELECT of ``<kind>_with_sources``: each record once per cited paragraph."""
    # Every name here is one of this module's own constants, never text from the data.
    added = (
        "coalesce(st.field, 'record') AS cites, c.statement, st.basis, c.source, c.paragraph, "
        "s.publisher, s.title AS source_title, s.published, s.address"
    )
    joins = (
        f"JOIN citations AS c ON c.{OWNER[kind]} = r.id JOIN sources AS s ON s.id = c.source "
        "LEFT JOIN statements AS st ON st.id = c.statement"
    )
    return f"SELECT r.*, {added} FROM {kind} AS r {joins} ORDER BY c.rowid"  # noqa: S608
