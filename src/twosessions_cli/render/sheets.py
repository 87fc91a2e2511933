"""Each listing's CSV columns, declared from the records' typed values (never read back from
what a table shows): a note sits in the column next to the value it qualifies, an unknown date
is an empty cell beside a status column, and a row that belongs to a year says which.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from twosessions_cli.records import AgendaEntry, Figure, Person, Session, Topic, citations
from twosessions_cli.render.sheet import (
    Cell,
    Sheet,
    date_cells,
    iso_date,
    origin_cell,
    reason_cell,
    said_cell,
)
from twosessions_cli.render.wording import body_name, known, session_name, standing_text
from twosessions_cli.store import Facts

if TYPE_CHECKING:
    from twosessions_cli.lookups import Coverage, SourceUse
    from twosessions_cli.schedule import Standing
    from twosessions_cli.search import Hit
    from twosessions_cli.series import Series
    from twosessions_cli.targets import TargetYear

# --------------------------------------------------------------------------------------------
# Sessions: dates, next, and what the data covers
# --------------------------------------------------------------------------------------------

SESSION_COLUMNS = [
    "Year",
    "Session id",
    "Body",
    "Term",
    "Session",
    "Session note",
    *(f"{d}{s}" for d in ("Opens", "Closes") for s in ("", " status", " note")),
    "Days",
    "Days note",
    "Opened at",
    "Closed at",
    "Note",
    "Origin",
]
STANDING_COLUMNS = ["Today", "State", "Standing", "Opens in days", "Day", "Ended days ago"]


def _session_row(facts: Facts, session: Session) -> dict[str, Cell]:
    return {
        "Year": session.year,
        "Session id": session.id,
        "Body": session_name(facts, session),
        "Term": session.term,
        "Session": session.session,
        "Session note": reason_cell(session.numbered),
        **date_cells("Opens", session.opens),
        **date_cells("Closes", session.closes),
        "Days": session.days,
        "Days note": said_cell(session.length),
        "Opened at": said_cell(session.venue),
        "Closed at": said_cell(session.closing_venue),
        "Note": said_cell(session.note),
        "Origin": origin_cell(facts, "sessions", session.id),
    }


def sessions_sheet(facts: Facts, sessions: Sequence[Session]) -> Sheet:
    sheet = Sheet(SESSION_COLUMNS)
    for session in sessions:
        sheet.add(_session_row(facts, session), citations(session))
    return sheet


def next_sheet(facts: Facts, standings: Sequence[Standing], today: dt.date) -> Sheet:
    sheet = Sheet([*STANDING_COLUMNS, *SESSION_COLUMNS])
    for s in standings:
        standing: dict[str, Cell] = {
            "Today": today.isoformat(),
            "State": s.state,
            "Standing": standing_text(s),
            "Opens in days": s.opens_in,
            "Day": s.day,
            "Ended days ago": s.ended_ago,
        }
        sheet.add({**standing, **_session_row(facts, s.session)}, citations(s.session))
    return sheet


def coverage_sheet(facts: Facts, rows: Sequence[Coverage]) -> Sheet:
    known_columns = ["Number known", "Opens known", "Closes known"]
    sheet = Sheet(["Year", "Body", "Session id", *known_columns, "Reports", "Figures"])
    for row in rows:
        session = row.session
        sheet.add(
            {
                "Year": row.year,
                "Body": body_name(facts.body_by_id, row.body),
                "Session id": session.id if session else None,
                # How each part is known (source, inferred, scheduled), or 'not reported'.
                "Number known": (known(session.numbered) if session else None) or "not reported",
                "Opens known": (known(session.opens) if session else None) or "not reported",
                "Closes known": (known(session.closes) if session else None) or "not reported",
                "Reports": row.reports,
                "Figures": row.figures,
            }
        )
    return sheet


# --------------------------------------------------------------------------------------------
# Figures: stats, trend, targets
# --------------------------------------------------------------------------------------------

FIGURE_COLUMNS = [
    "Year",
    "Year note",
    "Figure id",
    "What",
    "Qualifier",
    "Value",
    "Upper",
    "Unit",
    "Note",
    "Body",
    "Reported by",
    "Origin",
]


def _figure_row(facts: Facts, figure: Figure) -> dict[str, Cell]:
    reporter = facts.person_by_id.get(figure.reported_by or "")
    return {
        "Year": figure.year,
        "Year note": str(figure.inferred) if figure.inferred else None,
        "Figure id": figure.id,
        "What": figure.label,
        "Qualifier": figure.qualifier,
        "Value": figure.value,
        "Upper": figure.upper,
        "Unit": figure.unit,
        "Note": said_cell(figure.note),
        "Body": body_name(facts.body_by_id, figure.body),
        "Reported by": f"{reporter.name}, {reporter.role}" if reporter else None,
        "Origin": origin_cell(facts, "figures", figure.id),
    }


def figures_sheet(facts: Facts, figures: Sequence[Figure]) -> Sheet:
    sheet = Sheet(FIGURE_COLUMNS)
    for figure in figures:
        sheet.add(_figure_row(facts, figure), citations(figure))
    return sheet


def trend_sheet(facts: Facts, series: Sequence[Series]) -> Sheet:
    """Each point of each series in year order, and a row for each year between its first and
    last that the data lacks: State 'not in the data', so a gap is never silently skipped."""
    sheet = Sheet(["Series", "State", *FIGURE_COLUMNS])
    for one in series:
        missing = one.missing_years
        for year in sorted({*one.years, *missing}):
            if year in missing:
                sheet.add({"Series": one.id, "State": "not in the data", "Year": year})
                continue
            for figure in (f for f in one.figures if f.year == year):
                row = {"Series": one.id, "State": "in the data", **_figure_row(facts, figure)}
                sheet.add(row, citations(figure))
    return sheet


def trend_names_sheet(facts: Facts, series: Sequence[Series]) -> Sheet:
    sheet = Sheet(["Series", "What", "Unit", "Body", "First year", "Last year", "Years"])
    for one in series:
        years = sorted({f.year for f in one.figures})
        sheet.add(
            {
                "Series": one.id,
                "What": one.label,
                "Unit": one.unit,
                "Body": body_name(facts.body_by_id, one.body),
                "First year": years[0],
                "Last year": years[-1],
                "Years": len(years),
            }
        )
    return sheet


def _side(name: str, figure: Figure | None) -> dict[str, Cell]:
    if figure is None:
        return {f"{name} id": None}
    return {
        f"{name} id": figure.id,
        f"{name} qualifier": figure.qualifier,
        name: figure.value,
        f"{name} upper": figure.upper,
        f"{name} note": str(figure.inferred) if figure.inferred else None,
    }


def targets_sheet(facts: Facts, rows: Sequence[TargetYear]) -> Sheet:
    sides = [
        f"{n}{s}"
        for n in ("Target", "Outcome")
        for s in (" id", " qualifier", "", " upper", " note")
    ]
    sheet = Sheet(["Year", "Level", *sides, "Unit", "Gap", "Gap unit", "Verdict", "Rule"])
    for row in rows:
        unit = row.target.unit
        cited = [*citations(row.target), *(citations(row.outcome) if row.outcome else [])]
        sheet.add(
            {
                "Year": row.year,
                "Level": row.level,
                **_side("Target", row.target),
                **_side("Outcome", row.outcome),
                "Unit": unit,
                "Gap": row.gap,
                "Gap unit": None
                if row.gap is None
                else ("percentage points" if unit == "%" else unit),
                "Verdict": row.verdict,
                "Rule": row.rule,
            },
            cited,
        )
    return sheet


# --------------------------------------------------------------------------------------------
# Agenda, people, search, sources, topics
# --------------------------------------------------------------------------------------------


def agenda_sheet(facts: Facts, entries: Sequence[AgendaEntry]) -> Sheet:
    columns = ["Year", "Body", "Session id", "Items", "Qualifier", "Items note", "Named items"]
    sheet = Sheet([*columns, "Origin"])
    for entry in entries:
        sheet.add(
            {
                "Year": entry.year,
                "Body": body_name(facts.body_by_id, entry.body),
                "Session id": entry.session_id,
                "Items": entry.count,
                "Qualifier": entry.qualifier,
                "Items note": str(entry.inferred) if entry.inferred else None,
                "Named items": "\n".join(item.text for item in entry.items) or None,
                "Origin": origin_cell(facts, "agenda", entry.id),
            },
            citations(entry),
        )
    return sheet


def people_sheet(facts: Facts, people: Sequence[Person]) -> Sheet:
    columns = ["Year", "Year note", "Person id", "Name", "Chinese", "Role", "Body", "Said"]
    sheet = Sheet([*columns, "Origin"])
    for person in people:
        sheet.add(
            {
                "Year": person.year,
                "Year note": str(person.inferred) if person.inferred else None,
                "Person id": person.id,
                "Name": person.name,
                "Chinese": person.chinese,
                "Role": person.role,
                "Body": body_name(facts.body_by_id, person.body),
                "Said": "\n".join(said_cell(s) or "" for s in person.statements) or None,
                "Origin": origin_cell(facts, "people", person.id),
            },
            citations(person),
        )
    return sheet


def hits_sheet(hits: Sequence[Hit]) -> Sheet:
    sheet = Sheet(["Kind", "Record id", "Record", "Field", "Cite id", "Text", "Found via"])
    for hit in hits:
        row: dict[str, Cell] = {
            "Kind": hit.kind,
            "Record id": hit.id,
            "Record": hit.label,
            "Field": hit.field,
            "Cite id": hit.cite_id,
            "Text": hit.text,
            # A Chinese term that found an English record through a topic says which.
            "Found via": hit.via,
        }
        sheet.add(row, hit.source)
    return sheet


def sources_sheet(facts: Facts, uses: Sequence[SourceUse]) -> Sheet:
    columns = ["Source id", "Publisher", "Title", "Kind", "Language", "Reliability"]
    columns += ["Reprint of", "Published", "Published note", "Address", "Paragraphs on the page"]
    sheet = Sheet([*columns, "Summary", "Facts", "Origin"])
    for use in uses:
        source = use.source
        published = iso_date(source.published)
        note = reason_cell(source.published_grounds)
        if source.published and published is None:
            note = f"Given as {source.published}" + (f"; {note}" if note else "")
        sheet.add(
            {
                "Source id": source.id,
                "Publisher": source.publisher,
                "Title": source.title,
                "Kind": source.kind,
                "Language": source.language,
                "Reliability": source.reliability,
                "Reprint of": source.reprint_of,
                "Published": published,
                "Published note": note,
                "Address": source.address,
                "Paragraphs on the page": source.paragraphs,
                "Summary": said_cell(source.summary),
                "Facts": use.facts,
                "Origin": origin_cell(facts, "sources", source.id),
            }
        )
    return sheet


def topics_sheet(facts: Facts, topics: Sequence[Topic]) -> Sheet:
    sheet = Sheet(["Topic id", "English", "Chinese", "Pinyin", "Meaning", "Aliases", "Origin"])
    for topic in topics:
        sheet.add(
            {
                "Topic id": topic.id,
                "English": topic.title,
                "Chinese": topic.chinese,
                "Pinyin": topic.pinyin,
                "Meaning": said_cell(topic.summary),
                "Aliases": "; ".join(topic.aliases) or None,
                "Origin": origin_cell(facts, "topics", topic.id),
            },
            topic.summary.source,
        )
    return sheet
