"""One note per idea: how views number their notes, say shared ones once, and keep reasons short."""

from __future__ import annotations

import re
from collections.abc import Callable

from conftest import Run

CLI = Callable[..., Run]
MARK = re.compile(r"\[(\d+)\]")


def note_lines(out: str) -> dict[int, str]:
    """The numbered notes of a view: {number: text}, each number said once."""
    found: dict[int, str] = {}
    for line in out.splitlines():
        match = re.match(r"\[(\d+)\] ", line)
        if match:
            number = int(match.group(1))
            assert number not in found, f"note [{number}] said twice"
            found[number] = line[match.end() :]
    return found


def test_one_idea_gets_one_number_and_names_what_it_is_about() -> None:
    from twosessions_cli.render.notes import Footnotes, Note

    notes = Footnotes()
    first = notes.marked(
        "2026-01-27", Note("Date inferred: the reason: twosessions cite", "a.opens")
    )
    second = notes.marked(
        "2026-01-28", Note("Date inferred: the reason: twosessions cite", "b.opens")
    )
    other = notes.marked("5", "Days are calendar days.")
    assert (first.notes, second.notes, other.notes) == ((1,), (1,), (2,))
    assert notes.lines() == [
        "[1] Date inferred: the reason: twosessions cite a.opens or b.opens.",
        "[2] Days are calendar days.",
    ]


def test_a_note_said_once_carries_no_number() -> None:
    from twosessions_cli.render.notes import Footnotes

    notes = Footnotes()
    notes.once("Every row's year is inferred.")
    notes.once("Every row's year is inferred.")
    assert str(notes.marked("8", "Scheduled.")) == "8[1]"
    assert notes.lines() == ["Every row's year is inferred.", "[1] Scheduled."]


def test_a_value_never_carries_one_note_twice() -> None:
    from twosessions_cli.render.notes import Footnotes

    notes = Footnotes()
    assert str(notes.marked("x", "A.", "A.", "B.")) == "x[1][2]"
    assert str(notes.marked("y", "B.", "A.")) == "y[1][2]"  # in number order


def test_dates_all_says_shared_notes_once_and_fits_a_screen(cli: CLI) -> None:
    out = cli("dates", "--all").stdout
    lines = out.splitlines()
    # Before: 209 lines, and the same year note hung on 21 cells; now one line a session
    # (more for more sources), the session numbers left for a wider terminal.
    assert len(lines) <= 60, len(lines)
    assert "Not shown at this width: Session (a wider terminal or --json shows it)." in out
    wide = cli("dates", "--all", env={"COLUMNS": "120"}).stdout
    assert "1st of 5th term" in wide
    assert "Not shown at this width" not in wide
    assert "Year inferred: the page prints the day and month only" not in out
    assert out.count(" of these dates are inferred") == 1
    notes = note_lines(out)
    assert len(set(notes.values())) == len(notes)  # two numbers never say one note
    scheduled = [n for n, said in notes.items() if said.startswith("Scheduled:")]
    assert len(scheduled) == 1
    # Every date, status and source is still shown.
    data = cli("dates", "--all", "--json").json()
    for session in data["sessions"]:
        for part in ("opens", "closes"):
            dated = session.get(part)
            if dated:
                assert dated["date"] in out
        for ref in session.get("source", []):
            assert ref["source"] in out
    assert out.count(f"[{scheduled[0]}]") == 1 + sum(
        (s.get(p) or {}).get("status") == "scheduled"
        for s in data["sessions"]
        for p in ("opens", "closes")
    )


def test_one_year_keeps_its_reasons_one_command_away(cli: CLI) -> None:
    out = cli("dates", "2026").stdout
    # The page's long account of the 2026 opening is in cite and in JSON, not under the table.
    assert "The official e-paper issue dated 28 January 2026" not in out
    assert "twosessions cite --why 2026-cppcc.opens" in out
    reason = cli("dates", "2026", "--json").json()["sessions"][0]["opens"]["reason"]
    assert reason.startswith("The official e-paper issue dated 28 January 2026")
    # Before: 8 lines of footnotes for one date; now one note per idea, each about a line.
    notes = note_lines(out)
    assert len([n for n in notes.values() if n.startswith("Date inferred")]) == 1


def test_the_days_note_is_on_the_days_value_and_says_so(cli: CLI) -> None:
    out = cli("dates", "2026", env={"COLUMNS": "300"}).stdout  # each note on one line
    row = next(line for line in out.splitlines() if line.startswith(" CPPCC"))
    days = re.search(r"\s5\[(\d+)\]\s", row)
    assert days, row
    said = note_lines(out)[int(days.group(1))]
    assert said.startswith("Days are calendar days, both ends counted. ")
    assert "four and a half days" in said


def test_agenda_marks_the_year_not_the_count(cli: CLI) -> None:
    out = cli("agenda", "2026").stdout
    assert "8 major items" in out
    assert "items[" not in out  # before: "8 major items[1]", a mark about the year
    assert "Every row's year is inferred: " in out
    assert not note_lines(out)


def test_a_venue_is_a_field_shown_for_one_year_not_a_footnote(cli: CLI) -> None:
    out = cli("dates", "2024", env={"COLUMNS": "140"}).stdout
    assert "Opened at:" not in out  # before: footnotes
    assert "Closed at:" not in out
    assert "Venue" in out.splitlines()[2]
    assert "closing: People's Hall (市人民大厦)" in out
    congress = cli("dates", "2024", "--json").json()["sessions"][1]
    assert congress["venue"]["name"] == "Chongqing Great Hall of the People"
    assert congress["venue"]["chinese"] == "重庆市人民大礼堂"
    assert congress["venue"]["id"] == "2024-congress.venue"
    assert congress["closing_venue"]["source"][0]["source"] == "cqrb-20240124"
    countdown = cli("next", "--today", "2024-01-19").stdout
    assert "Chongqing Great Hall of the People (重庆市人民大礼堂)" in countdown


def test_the_command_a_note_points_to_gives_the_reason(cli: CLI) -> None:
    # A view's note says where an inference's reason is; that command must really print it
    # (cite prints reasons only with --why).
    shown = cli("dates", "2026").stdout
    hint = re.search(r"the reason: twosessions (cite --why [\w.-]+)", " ".join(shown.split()))
    assert hint is not None
    args = hint.group(1).split()
    reason = cli(*args).stdout
    assert "Inferred: The official e-paper issue dated 28 January 2026" in reason


# ---- a value every row shares -------------------------------------------------------------------


def _listing(*rows: tuple[str, str, str], text_column: bool = False) -> object:
    from rich.text import Text

    from twosessions_cli.render.listing import Column, Listing

    last = Column("Note") if text_column else Column("Closes", whole=True)
    listing = Listing("Sessions", [Column("Body", name=True), Column("Term", name=True), last])
    for body, term, value in rows:
        listing.add(Text(body), Text(term), Text(value))
    return listing


def _shown(listing: object, width: int) -> str:
    import io

    from rich.console import Console

    from twosessions_cli.render.listing import Listing

    assert isinstance(listing, Listing)
    out = io.StringIO()
    Console(file=out, width=width, color_system=None).print(listing.renderable(width))
    return out.getvalue()


ROWS = (
    ("People's Congress", "4th of 6th term", "2026-02-01"),
    ("CPPCC", "4th of 6th term", "2026-01-31"),
)


def test_a_value_every_row_shares_is_said_once_only_when_the_table_needs_the_room() -> None:
    wide = _shown(_listing(*ROWS), 50)
    assert wide.splitlines()[2].split() == ["Body", "Term", "Closes"]
    assert "every row" not in wide
    narrow = _shown(_listing(*ROWS), 35).splitlines()
    assert narrow[:2] == ["Sessions", "Term (every row): 4th of 6th term"]
    assert narrow[3].split() == ["Body", "Closes"]
    assert narrow[5].split() == ["People's", "Congress", "2026-02-01"]


def test_values_that_differ_or_running_text_that_would_wrap_are_stacked() -> None:
    differ = (ROWS[0], ("CPPCC", "3rd of 6th term", "2025-01-31"))
    stacked = _shown(_listing(*differ), 35)
    assert "every row" not in stacked
    assert re.findall(r"Term:\s+(\S+) of", stacked) == ["4th", "3rd"]
    prose = (
        (*ROWS[0][:2], "an explanation that would wrap in a narrow column"),
        (*ROWS[1][:2], "another explanation, as long, that would wrap too"),
    )
    shown = _shown(_listing(*prose, text_column=True), 40)
    assert "every row" not in shown
    assert len(re.findall(r"Term:\s+4th of 6th term", shown)) == 2
