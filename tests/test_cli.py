"""Every command in-process: exit codes, stdout, stderr and JSON shapes."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run

from twosessions_cli import __version__
from twosessions_cli.app import command_names

CLI = Callable[..., Run]
NEWS = "icq-20260125"
NEWS_ADDRESS = (
    "https://www.ichongqing.info/2026/01/25/chongqing-two-sessions-to-open-on-jan-27-"
    "spotlighting-modern-city-governance-and-people-centered-development/amp"
)
GUIDE_ADDRESS = (
    "https://www.ichongqing.info/2020/01/15/a-foreigners-guide-to-the-chongqing-two-sessions/"
)


def test_version(cli: CLI) -> None:
    result = cli("--version")
    assert (result.exit_code, result.stdout) == (0, f"twosessions {__version__}\n")


def test_no_arguments_prints_help_with_examples(cli: CLI) -> None:
    result = cli()
    assert result.exit_code == 0
    assert "twosessions explain cppcc" in result.stdout
    assert "Exit codes" in result.stdout


@pytest.mark.parametrize("command", command_names())
def test_every_command_has_help_with_an_example(cli: CLI, command: str) -> None:
    for flag in ("--help", "-h"):
        result = cli(command, flag)
        assert result.exit_code == 0
        assert f"twosessions {command}" in result.stdout.split("Examples:")[1]


def test_dates_default_is_latest_year(cli: CLI) -> None:
    result = cli("dates")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].strip() == "Chongqing Two Sessions, 2026"
    cppcc = next(line for line in lines if line.startswith(" CPPCC") or line.startswith("CPPCC"))
    assert "2026-01-27" in cppcc
    assert "2026-01-31" in cppcc
    assert "Date inferred" in result.stdout
    assert "twosessions cite --why 2026-cppcc.opens" in result.stdout


def test_dates_json_shape(cli: CLI) -> None:
    data = cli("dates", "--json").json()
    assert data["year"] == 2026
    assert [
        (s["body"], s["opens"]["date"], s["closes"]["date"], s["days"]) for s in data["sessions"]
    ] == [
        ("cppcc", "2026-01-27", "2026-01-31", 5),
        ("congress", "2026-01-28", "2026-02-01", 5),
    ]
    first = data["sessions"][0]
    assert first["opens"]["status"] == "held"  # Chongqing Daily, 28 January 2026
    assert first["opens"]["id"] == "2026-cppcc.opens"
    assert first["opens"]["source"][0]["source"] == "cqrb-20260128"
    assert first["opens"]["source"][0]["address"].startswith("https://epaper.cqrb.cn/")
    assert first["opens"]["basis"] == "inferred"
    assert first["origin"] == "bundled"
    assert first["body_name"] == "Chongqing Municipal Committee of the CPPCC"


def test_dates_all_lists_every_year(cli: CLI) -> None:
    data = cli("dates", "--all", "--json").json()
    assert data["year"] is None
    years = [s["year"] for s in data["sessions"]]
    assert years == sorted(years)
    # Chongqing before 2018 where pages allow (issue 22), then every year since.
    assert set(years) == {2008, 2009, 2011, 2013, *range(2018, 2027)}
    # Both bodies every year from 2018 to 2026, plus the 2020 guide's joint record, plus the
    # Congress's sessions of 2008, 2009, 2011 and 2013.
    assert len(years) == 2 * 9 + 1 + 4


def test_dates_year_and_all_together_is_a_usage_error(cli: CLI) -> None:
    result = cli("dates", "2026", "--all")
    assert result.exit_code == 2
    assert result.stderr == "twosessions: error: give a YEAR or --all, not both\n"


def test_dates_of_a_year_without_data(cli: CLI) -> None:
    result = cli("dates", "2017")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "twosessions: error: no sessions recorded for 2017; years with sessions: "
        "2008, 2009, 2011, 2013, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026\n"
    )


@pytest.mark.parametrize("year", ["twenty", "20266", "26", "２０２６"])
def test_malformed_year_is_a_usage_error(cli: CLI, year: str) -> None:
    result = cli("dates", year)
    assert result.exit_code == 2
    assert result.stderr.startswith("twosessions: error: invalid year")
    assert "expected four digits" in result.stderr
    assert result.stderr.count("\n") == 1


def test_unknown_option_is_one_line_usage_error(cli: CLI) -> None:
    result = cli("dates", "--jsn")
    assert result.exit_code == 2
    # click words it "No such option: --jsn"; newer copies, "No such option '--jsn'. Did you mean".
    assert re.match(
        r"twosessions: error: No such option(: --jsn|: '--jsn'| '--jsn')", result.stderr
    )
    assert "Try 'twosessions dates --help'." in result.stderr
    assert result.stderr.count("\n") == 1


def test_unknown_command(cli: CLI) -> None:
    result = cli("datez")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "datez" in result.stderr


def test_explain_panel_has_chinese_name_and_sources(cli: CLI) -> None:
    result = cli("explain", "政协")
    assert result.exit_code == 0
    lines = [line.strip("│ ") for line in result.stdout.splitlines()]
    assert lines[1] == "Chongqing Municipal Committee of the CPPCC"
    assert lines[2] == "重庆市政协 · Chóngqìng shì zhèngxié[g]"
    assert "[1¶11]" in result.stdout  # a statement from paragraph 11 of the first source
    assert "[1] icq-20200115: iChongqing, 'A Foreigners Guide" in result.stdout
    assert "[g] General knowledge, not from the sources." in result.stdout


def test_explain_lists_topics(cli: CLI) -> None:
    data = cli("explain", "--json").json()
    assert "cppcc" in [t["id"] for t in data["topics"]]


def test_explain_json(cli: CLI) -> None:
    topic = cli("explain", "人大", "--json").json()["topic"]
    assert topic["id"] == "peoples-congress"
    assert topic["chinese"] == "重庆市人民代表大会"
    assert "npc" in topic["related"]


def test_explain_unknown_topic_suggests(cli: CLI) -> None:
    result = cli("explain", "cpcc")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "twosessions: error: no topic called 'cpcc'; did you mean 'cppcc'?\n"


def test_stats_2025_table(cli: CLI) -> None:
    result = cli("stats", "2025", env={"COLUMNS": "160"})
    assert result.exit_code == 0
    proposals = next(line for line in result.stdout.splitlines() if "proposals handled" in line)
    assert "1,385" in proposals
    assert "CPPCC committee" in proposals
    target = cli("stats", "2026", env={"COLUMNS": "160"}).stdout
    line = next(line for line in target.splitlines() if "GDP growth target" in line)
    assert "over 5%" in line  # the qualifier reads with its value


def test_stats_json_keeps_body_and_qualifier(cli: CLI) -> None:
    data = cli("stats", "2025", "--json").json()
    figures = {f["id"]: f for f in data["figures"]}
    assert figures["2025-proposals-handled"]["value"] == 1385
    assert figures["2025-proposals-handled"]["body"] == "cppcc"
    target = cli("stats", "2026", "--json").json()["figures"]
    assert {f["id"]: f["qualifier"] for f in target}["2026-gdp-growth-target"] == "over"
    assert figures["2025-deputies-homes"]["body_name"] == "Chongqing Municipal People's Congress"


def test_stats_year_without_figures_names_years_with_some(cli: CLI) -> None:
    result = cli("stats", "2011")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "twosessions: error: no figures recorded for 2011; years with figures: 2008, 2010, 2012"
    )


def test_stats_reported_lists_what_a_years_sessions_reported(cli: CLI) -> None:
    # The 2018 sessions reported the 2017 session's proposals (cqzx-20180208 ¶14), 2017's
    # growth and the 2018 target (ecns-20180126 ¶1-2); plain 'stats 2018' counts 2018 only.
    data = cli("stats", "2018", "--reported", "--json").json()
    assert data["selected_by"] == "reported"
    assert [(f["id"], f["year"]) for f in data["figures"]] == [
        ("2017-gdp-growth", 2017),
        ("2017-cppcc-proposals-at-session", 2017),
        ("2017-cppcc-session-proposals-filed", 2017),
        ("2017-cppcc-session-proposals-assigned", 2017),
        ("2018-gdp-growth-target", 2018),
    ]
    assert cli("stats", "2018", "--json").json()["selected_by"] == "counted"


def test_stats_reported_shows_the_year_each_figure_counts(cli: CLI) -> None:
    result = cli("stats", "2020", "-r", env={"COLUMNS": "120"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Figures reported at the 2020 sessions"
    assert lines[2].split()[:3] == ["What", "Year", "Value"]
    growth = next(line for line in lines if line.lstrip().startswith("GDP growth["))
    assert growth.split()[2:4] == ["2019", "6.3%"]


def test_stats_reported_for_a_year_without_sessions_says_which_have_some(cli: CLI) -> None:
    result = cli("stats", "2016", "--reported")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "twosessions: error: no figures recorded as reported at the 2016 sessions; "
        "years with some: 2013, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026\n"
    )


def test_stats_alone_gives_the_latest_year_like_the_other_commands(cli: CLI) -> None:
    # Issue 20: 'stats' needed a YEAR, unlike dates, agenda and timeline.
    alone = cli("stats", "--json")
    assert alone.exit_code == 0, alone.stderr
    assert alone.json() == cli("stats", "2026", "--json").json()
    reported = cli("stats", "--reported", "--json")
    assert reported.exit_code == 0, reported.stderr
    assert reported.json() == cli("stats", "2026", "--reported", "--json").json()
    assert cli("stats").stdout.startswith("Figures for 2026\n")


def test_agenda_counts(cli: CLI) -> None:
    data = cli("agenda", "--json").json()
    assert data["year"] == 2026
    assert [(a["body"], a["count"]) for a in data["agenda"]] == [("cppcc", 8), ("congress", 10)]
    assert "8 major items" in cli("agenda").stdout


def test_agenda_2020_has_no_count(cli: CLI) -> None:
    data = cli("agenda", "2020", "--json").json()
    assert [a["count"] for a in data["agenda"]] == [None]


def test_who_filters(cli: CLI) -> None:
    data = cli("who", "zhang bin", "--json").json()
    assert [p["name"] for p in data["people"]] == ["Zhang Bin"]
    result = cli("who", "nobody")
    assert result.exit_code == 1
    assert result.stderr == (
        "twosessions: error: nobody matching 'nobody'; 'twosessions who' lists the 24 people "
        "in the data\n"
    )


def test_search_says_where(cli: CLI) -> None:
    data = cli("search", "yunyang", "--json").json()
    assert {(h["kind"], h["cite_id"], h["field"]) for h in data["hits"]} == {
        ("topics", "rural-revitalisation.p1.s2", "explanation"),
        ("people", "zhang-xiaofei.s3", "statements"),
    }
    assert {h["source"][0]["paragraph"] for h in data["hits"]} == {5}
    assert data["query"] == "yunyang"
    chinese = cli("search", "提案", "--json").json()
    # The topic by its own Chinese name first; then the English-only records it stands for.
    assert chinese["hits"][0]["id"] == "proposals"
    assert {h["via"] for h in chinese["hits"][1:]} == {"proposals"}


def test_search_without_hits(cli: CLI) -> None:
    result = cli("search", "zzzz")
    assert result.exit_code == 1
    assert result.stderr.startswith("twosessions: error: nothing matches 'zzzz'")


def test_sources_counts_facts(cli: CLI) -> None:
    data = cli("sources", "--json").json()
    assert [s["id"] for s in data["sources"]][:2] == [NEWS, "icq-20200115"]
    assert all(isinstance(s["facts"], int) and s["facts"] > 0 for s in data["sources"])
    assert data["sources"][0]["address"] == NEWS_ADDRESS
    table = cli("sources", env={"COLUMNS": "200"}).stdout
    assert "(no title in the page's text)" in table
    assert "Inferred: The text prints no date; the page's address carries 2026/01/25." in table


@pytest.mark.parametrize(
    "args",
    [
        ("dates",),
        ("dates", "--all"),
        ("explain",),
        ("explain", "cppcc"),
        ("stats", "2025"),
        ("agenda",),
        ("who",),
        ("search", "congress"),
        ("sources",),
        ("next", "--today", "2026-01-29"),
        ("timeline",),
        ("glossary",),
        ("ics",),
    ],
)
def test_json_output_is_one_document_identical_whatever_the_terminal(
    cli: CLI, args: tuple[str, ...]
) -> None:
    plain = cli(*args, "--json")
    assert plain.exit_code == 0
    assert plain.stderr == ""
    plain.json()
    for env in ({"COLUMNS": "20"}, {"COLUMNS": "250", "FORCE_COLOR": "1"}, {"TERM": "dumb"}):
        assert cli(*args, "--json", env=env).stdout == plain.stdout


@pytest.mark.parametrize("columns", [40, 80, 200])
def test_tables_fit_the_terminal_width(cli: CLI, columns: int) -> None:
    for args in (("dates", "--all"), ("stats", "2025"), ("explain", "cppcc"), ("who",)):
        result = cli(*args, env={"COLUMNS": str(columns)})
        assert result.exit_code == 0
        # A web address is kept whole on a line of its own, for the terminal to wrap.
        lines = [line for line in result.stdout.splitlines() if "://" not in line]
        assert max(len(line) for line in lines) <= columns


def test_no_escape_codes_when_not_a_terminal(cli: CLI) -> None:
    result = cli("dates", env={"NO_COLOR": ""})
    assert "\x1b" not in result.stdout


def test_search_limit_applies_to_the_table_only(cli: CLI) -> None:
    table = cli("search", "the", "--limit", "2")
    assert table.exit_code == 0
    assert "(first 2; --limit 0 shows all)" in table.stdout
    data = cli("search", "the", "--limit", "2", "--json").json()
    assert data["total"] == len(data["hits"]) > 2
    assert cli("search", "the", "--limit", "-1").exit_code == 2
    # A CSV is data, as JSON is: every hit, whatever the table's limit.
    import csv
    import io

    out = cli("search", "the", "--limit", "2", "--format", "csv").stdout
    assert len(list(csv.DictReader(io.StringIO(out)))) == data["total"]


# --------------------------------------------------------------------------------------------
# next
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "headline", "statuses"),
    [
        (
            "2026-01-20",
            "Next: the CPPCC committee, opening in 7 days, on Tuesday 27 January 2026.",
            ["opens in 7 days", "opens in 8 days"],
        ),
        (
            "2026-01-29",
            "Sitting today: the CPPCC committee, day 3 of 5; the People's Congress, day 2 of 5.",
            ["day 3 of 5", "day 2 of 5"],
        ),
        (
            "2026-01-26",
            "Next: the CPPCC committee, opening tomorrow, on Tuesday 27 January 2026.",
            ["opens tomorrow", "opens in 2 days"],
        ),
    ],
)
def test_next_gives_the_three_kinds_of_answer(
    cli: CLI, today: str, headline: str, statuses: list[str]
) -> None:
    result = cli("next", "--today", today, env={"COLUMNS": "150"})
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == headline
    rows = [line for line in lines if line.lstrip().startswith(("CPPCC", "People's"))]
    assert [next(s for s in statuses if s in row) for row in rows] == statuses
    assert "no later dates are in the data" not in result.stdout
    data = cli("next", "--today", today, "--json").json()
    assert data["headline"] == headline
    assert [s["status"]["text"] for s in data["sessions"]] == statuses
    assert data["all_ended"] is False
    assert data["opening_windows"] == []


def test_next_between_sessions_gives_the_window_and_how_to_add_dates(cli: CLI) -> None:
    # Before: "the Congress closed 305 days ago", the whole 2026 table, and 'validate --help'.
    result = cli("next", "--today", "2026-12-03", env={"COLUMNS": "300"})  # notes unwrapped
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    lines = out.splitlines()
    assert lines[0] == (
        "Next: no later dates are in the data (not announced yet, or not added yet)."
    )
    assert "When each body's sessions have opened (computed from the data)" in out
    assert any(re.search(r"People's Congress\s+9 to 28 January\s", line) for line in lines)
    assert any(re.search(r"CPPCC committee\s+10 to 27 January\s", line) for line in lines)
    assert "the sessions opened between 9 and 28 January" in out
    assert "computed from the dates in the data, not announced dates" in out
    assert "'twosessions example-overlay FOLDER'" in out
    assert "'twosessions next --data FOLDER'" in out
    assert "validate --help" not in out
    assert "2026-01-27" not in out  # no longer the whole 2026 table
    assert "2027" not in out  # nothing invents next year's dates
    assert "Last: the People's Congress closed on Sunday 1 February 2026, 305 days ago." in out
    data = cli("next", "--today", "2026-12-03", "--json").json()
    assert data["all_ended"] is True
    assert data["next_dates_in_data"] is False
    congress = next(w for w in data["opening_windows"] if w["body"] == "congress")
    assert congress["earliest"] == {"month": 1, "day": 9}
    assert congress["latest"] == {"month": 1, "day": 28}
    assert congress["text"] == "9 to 28 January"
    assert congress["basis"] == "computed"
    assert "example-overlay" in data["how_to_add_dates"]
    assert [s["id"] for s in data["sessions"]] == ["2026-cppcc", "2026-congress"]  # kept whole


def test_next_between_chongqing_sessions_mentions_the_national_ones_ahead(cli: CLI) -> None:
    out = cli("next", "--today", "2026-02-10", env={"COLUMNS": "300"}).stdout
    assert out.splitlines()[0].startswith("Next: no later dates are in the data")
    said = (
        "Also in the data, at the national level: the CPPCC National Committee, opening in 22 "
        "days, on Wednesday 4 March 2026; 'twosessions next --level all' counts down to it."
    )
    assert said in out
    assert cli("next", "--today", "2026-02-10", "--json").json()["also_ahead"] == said
    assert cli("next", "--today", "2026-12-03", "--json").json()["also_ahead"] is None
    # Asked for one level, next keeps to it.
    chongqing = cli("next", "--today", "2026-02-10", "--level", "chongqing", "--json").json()
    assert chongqing["also_ahead"] is None


def test_next_counts_a_session_known_by_its_opening_alone(cli: CLI) -> None:
    # Before: "opens in 361 days" (2023), although the Congress opened that very day.
    out = cli("next", "--today", "2022-01-17").stdout
    assert out.splitlines()[0] == (
        "Sitting today: the People's Congress, opened today (closing not reported)."
    )
    # Before: the committee, opening on 20 January 2024 (closing not reported), was missing.
    data = cli("next", "--today", "2024-01-20", "--json").json()
    assert [(s["id"], s["status"]["text"]) for s in data["sessions"]] == [
        ("2024-cppcc", "opened today (closing not reported)"),
        ("2024-congress", "opens tomorrow"),
    ]
    assert cli("next", "--today", "2022-01-19").stdout.splitlines()[0] == (
        "Known in part: the People's Congress, opened 2 days ago (closing not reported)."
    )
    later = cli("next", "--today", "2024-01-22", "--json").json()["sessions"][0]["status"]
    assert (later["state"], later["opened_days_ago"]) == ("opened", 2)
    assert later["text"] == "opened 2 days ago (closing not reported)"


def test_timeline_draws_a_session_known_by_one_day_and_never_a_bare_dash(cli: CLI) -> None:
    # Before: "Not drawn: the CPPCC committee, whose dates are not reported", and '-' lines.
    out = cli("timeline", "2024").stdout
    assert "2024-01-20 Sat  CPPCC committee opens (closing not reported)\n" in out
    assert "2024-01-15 Mon  no sitting reported\n" in out
    assert not [line for line in out.splitlines() if line.endswith(" -")]
    drawn = cli("timeline", "2024", env={"TTY_COMPATIBLE": "1", "COLUMNS": "120"}).stdout
    assert "Not drawn" not in drawn
    assert "Only its opening day is drawn: its closing is not reported." in drawn
    data = cli("timeline", "2024", "--json").json()
    assert data["undated"] == []
    assert [s["id"] for s in data["sessions"]] == ["2024-cppcc", "2024-congress"]


def test_titles_name_the_levels_they_list(cli: CLI) -> None:
    # Before: "Chongqing Two Sessions, 2026" over the national rows too.
    assert cli("dates", "2026", "--level", "all").stdout.splitlines()[0] == (
        "Two Sessions, 2026: Chongqing and national"
    )
    assert cli("dates", "--all", "--level", "national").stdout.splitlines()[0] == (
        "Two Sessions, all years: national"
    )
    assert cli("dates", "2026").stdout.splitlines()[0] == "Chongqing Two Sessions, 2026"


def test_what_only_chongqing_records_says_so_at_the_national_level(cli: CLI) -> None:
    # Before: "the data holds no agenda entries", as if the data had none at all.
    result = cli("agenda", "--level", "national")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "twosessions: error: the data holds no agenda entries for the national sessions; "
        "try --level all\n"
    )
    assert cli("agenda", "--level", "all").exit_code == 0


def test_next_json_shape(cli: CLI) -> None:
    data = cli("next", "--today", "2026-01-29", "--json").json()
    assert data["today"] == "2026-01-29"
    assert [s["id"] for s in data["sessions"]] == ["2026-cppcc", "2026-congress"]
    assert data["sessions"][0]["status"] == {
        "state": "sitting",
        "opens_in_days": None,
        "day": 3,
        "of_days": 5,
        "ended_days_ago": None,
        "opened_days_ago": None,
        "closes_in_days": None,
        "text": "day 3 of 5",
    }
    assert data["sessions"][1]["opens"]["source"][0]["source"] == NEWS
    upcoming = cli("next", "--today", "2026-01-20", "--json").json()["sessions"][1]["status"]
    assert (upcoming["state"], upcoming["opens_in_days"]) == ("upcoming", 8)
    ended = cli("next", "--today", "2026-03-01", "--json").json()["sessions"][1]["status"]
    assert (ended["state"], ended["ended_days_ago"]) == ("ended", 28)


def test_next_without_today_counts_from_the_local_date(cli: CLI) -> None:
    import datetime as dt

    data = cli("next", "--json").json()
    assert data["today"] == dt.date.today().isoformat()


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("2026-02-30", "day is out of range for month"),
        ("26-01-20", "expected YYYY-MM-DD"),
        ("next week", "expected YYYY-MM-DD"),
    ],
)
def test_next_malformed_date_is_a_usage_error(cli: CLI, value: str, why: str) -> None:
    result = cli("next", "--today", value)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"twosessions: error: invalid date {value!r}: ")
    assert why in result.stderr
    assert result.stderr.endswith("expected YYYY-MM-DD, such as 2026-01-20\n")


# --------------------------------------------------------------------------------------------
# timeline
# --------------------------------------------------------------------------------------------


def test_timeline_piped_is_one_plain_line_per_day(cli: CLI) -> None:
    result = cli("timeline")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "2026-01-26 Mon  no sitting reported",
        "2026-01-27 Tue  CPPCC committee day 1/5",
        "2026-01-28 Wed  CPPCC committee day 2/5; People's Congress day 1/5 (both sitting)",
        "2026-01-29 Thu  CPPCC committee day 3/5; People's Congress day 2/5 (both sitting)",
        "2026-01-30 Fri  CPPCC committee day 4/5; People's Congress day 3/5 (both sitting)",
        "2026-01-31 Sat  CPPCC committee day 5/5; People's Congress day 4/5 (both sitting)",
        "2026-02-01 Sun  People's Congress day 5/5",
    ]


def visible(text: str) -> list[str]:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", text).splitlines()


def test_timeline_strip_on_a_terminal(cli: CLI) -> None:
    result = cli("timeline", env={"FORCE_COLOR": "1", "NO_COLOR": "", "COLUMNS": "100"})
    assert result.exit_code == 0
    assert "\x1b[" in result.stdout
    lines = visible(result.stdout)
    assert lines[0].strip() == "Who sits when, 26 Jan to 1 Feb 2026"
    header = next(line for line in lines if "Mo" in line and "Su" in line)
    assert header.split() == ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
    rows = {line.split("[")[0].strip(): line for line in lines if "██" in line or "◆" in line}
    assert rows["CPPCC committee"].count("██") == 5
    assert rows["People's Congress"].count("██") == 5
    assert lines[lines.index(rows["People's Congress"]) + 1].split()[:2] == ["Both", "sitting"]
    both = lines[lines.index(rows["People's Congress"]) + 1]
    assert both.count("◆") == 4
    # The diamonds sit under the days both bodies sit: the 28th to the 31st.
    days = next(line for line in lines if "26" in line and "27" in line)
    assert [days[both.index("◆") - 1 : both.index("◆") + 1]] == ["28"]
    assert "██ sitting   ◆ both sitting" in lines


def test_timeline_narrow_terminal_turns_the_strip_on_its_side(cli: CLI) -> None:
    result = cli("timeline", env={"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "44"})
    lines = visible(result.stdout)
    assert max(len(line) for line in lines) <= 44
    wednesday = next(line for line in lines if "Wed 28 Jan" in line)
    assert "◆" in wednesday
    assert "██ 2/5" in wednesday
    assert "██ 1/5" in wednesday


def test_timeline_json_shape(cli: CLI) -> None:
    data = cli("timeline", "--json").json()
    assert (data["year"], data["from"], data["to"]) == (2026, "2026-01-26", "2026-02-01")
    assert [s["id"] for s in data["sessions"]] == ["2026-cppcc", "2026-congress"]
    assert [d["overlap"] for d in data["days"]] == [False, False, True, True, True, True, False]
    assert data["days"][2] == {
        "date": "2026-01-28",
        "weekday": "Wed",
        "sitting": [
            {"session": "2026-cppcc", "body": "cppcc", "day": 2, "of_days": 5},
            {"session": "2026-congress", "body": "congress", "day": 1, "of_days": 5},
        ],
        "overlap": True,
    }


@pytest.mark.parametrize(("year", "code"), [("2017", 1), ("2018", 1), ("20x6", 2)])
def test_timeline_errors(cli: CLI, year: str, code: int) -> None:
    result = cli("timeline", year)
    assert result.exit_code == code
    assert result.stderr.count("\n") == 1
    assert result.stdout == ""


# --------------------------------------------------------------------------------------------
# glossary
# --------------------------------------------------------------------------------------------


def test_glossary_table(cli: CLI) -> None:
    result = cli("glossary", env={"COLUMNS": "160"})
    assert result.exit_code == 0
    row = next(line for line in result.stdout.splitlines() if "提案" in line)
    assert row.split()[:3] == ["Proposals", "提案", "tí'àn"]
    assert "Suggestions that the CPPCC's committees" in row


def test_glossary_narrow_terminal_prints_one_block_per_term(cli: CLI) -> None:
    result = cli("glossary", env={"COLUMNS": "50"})
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 50
    assert "Proposals · 提案 (tí'àn)" in lines
    assert lines[lines.index("Proposals · 提案 (tí'àn)") + 1].startswith("  Suggestions")


def test_glossary_json(cli: CLI) -> None:
    terms = cli("glossary", "--json").json()["terms"]
    cppcc = next(t for t in terms if t["id"] == "cppcc")
    assert cppcc == {
        "id": "cppcc",
        "english": "Chongqing Municipal Committee of the CPPCC",
        "chinese": "重庆市政协",
        "pinyin": "Chóngqìng shì zhèngxié",
        "meaning": cppcc["meaning"],
        "source": cppcc["source"],
        "origin": "bundled",
    }
    assert cppcc["meaning"].startswith("An advisory body that counsels")
    assert {"source": "icq-20200115", "paragraph": 11, "address": GUIDE_ADDRESS} in cppcc["source"]
    assert len(terms) == 17
    assert "\n" not in "".join(t["meaning"] for t in terms)  # one line each


# --------------------------------------------------------------------------------------------
# ics
# --------------------------------------------------------------------------------------------


LEFT_OUT = "no opening or closing date in the data"


def test_ics_to_standard_output(cli: CLI) -> None:
    import icalendar

    result = cli("ics", env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert result.exit_code == 0
    # The calendar on stdout, and on stderr the sessions it could not place.
    assert result.stderr == (
        f"twosessions: left out 7 sessions with {LEFT_OUT} (see 'twosessions dates --all')\n"
    )
    calendar = icalendar.Calendar.from_ical(result.stdout)
    uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
    assert uids[:2] == ["2011-congress@twosessions", "2013-congress@twosessions"]
    assert uids[-2:] == ["2026-cppcc@twosessions", "2026-congress@twosessions"]
    # Every session with a known date: 10 with both, 5 with the opening alone.
    assert len(uids) == len(set(uids)) == 16
    assert "DTSTAMP:20260101T000000Z" in result.stdout
    assert cli("ics", env={"SOURCE_DATE_EPOCH": "1767225600"}).stdout == result.stdout


def test_ics_to_a_file_says_so_on_stderr(cli: CLI, tmp_path: Path) -> None:
    target = tmp_path / "sessions.ics"
    result = cli("ics", "2026", "-o", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"twosessions: wrote 2 events to {target}\n"
    assert target.read_bytes().count(b"BEGIN:VEVENT") == 2


@pytest.mark.parametrize(
    ("year", "told"),
    [
        (
            "2023",
            f"wrote 1 event to {{target}}; left out 1 session with {LEFT_OUT} "
            "(see 'twosessions dates 2023')",
        ),
        (
            "2020",
            "wrote 3 events to {target}",
        ),
    ],
)
def test_ics_to_a_file_counts_what_it_left_out(
    cli: CLI, tmp_path: Path, year: str, told: str
) -> None:
    target = tmp_path / "sessions.ics"
    result = cli("ics", year, "-o", str(target))
    assert result.exit_code == 0
    assert result.stderr == f"twosessions: {told.format(target=target)}\n"


def test_ics_json_lists_the_events_and_the_file(cli: CLI, tmp_path: Path) -> None:
    target = tmp_path / "x.ics"
    result = cli("ics", "--json", "-o", str(target))
    assert result.stderr == ""  # the JSON says what was left out
    data = result.json()
    assert data["file"] == str(target)
    assert target.exists()
    assert [(e["uid"], e["start"], e["end_exclusive"], e["status"]) for e in data["events"]][
        -2:
    ] == [
        ("2026-cppcc@twosessions", "2026-01-27", "2026-02-01", "CONFIRMED"),
        ("2026-congress@twosessions", "2026-01-28", "2026-02-02", "CONFIRMED"),
    ]
    assert [s["id"] for s in data["left_out"]][:2] == ["2008-congress", "2009-congress"]
    assert {s["reason"] for s in data["left_out"]} == {LEFT_OUT}
    only_json = cli("ics", "--json").json()
    assert only_json["file"] is None
    assert only_json["events"] == data["events"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["2017"],
            1,
            "no sessions recorded for 2017; years with sessions: 2008, 2009, 2011, 2013, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026",
        ),
        (["2018"], 1, "no dates reported for the 2018 sessions"),
        (["26"], 2, "invalid year '26'"),
        (["-o", "{tmp}"], 1, "Is a directory"),
        (["-o", "{tmp}/missing/x.ics"], 1, "No such file or directory"),
    ],
)
def test_ics_errors(cli: CLI, tmp_path: Path, args: list[str], code: int, message: str) -> None:
    result = cli("ics", *(a.replace("{tmp}", str(tmp_path)) for a in args))
    assert result.exit_code == code
    assert result.stdout == ""
    assert result.stderr.startswith("twosessions: error: ")
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


def test_labels_are_bold_and_the_data_after_them_is_not(cli: CLI) -> None:
    terminal = {"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "200"}
    panel = cli("explain", "npc", env=terminal).stdout
    assert "\x1b[1mAlso called: \x1b[0mnpc, national people's congress" in panel
    person = cli("who", "zhang xiaofei", env=terminal).stdout
    assert person.startswith("\x1b[1mZhang Xiaofei\x1b[0m · Director")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["next"], "the data holds no sessions; add some with --data DIR"),
        (["timeline"], "the data holds no sessions; add some with --data DIR"),
        (["ics"], "the data holds no sessions; add some with --data DIR"),
        (["ics", "2026"], "the data holds no sessions; add some with --data DIR"),
        (["dates", "--all"], "the data holds no sessions; add some with --data DIR"),
        (["glossary"], "the data holds no topics"),
    ],
)
def test_empty_data_is_not_found_not_a_crash(
    cli: CLI, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    from twosessions_cli import options as options_module
    from twosessions_cli.store import Facts

    monkeypatch.setattr(options_module, "load_facts", lambda *a, **k: Facts())
    for as_json in ([], ["--json"]):
        result = cli(*args, *as_json)
        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr == f"twosessions: error: {message}\n"


def test_two_weeks_of_timeline_fit_an_80_column_terminal(cli: CLI) -> None:
    result = cli("timeline", "2020", env={"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "80"})
    lines = visible(result.stdout)
    assert max(len(line) for line in lines) <= 80
    header = next(line for line in lines if "Mo" in line)
    assert header.split() == ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"] * 2
    joint = next(line for line in lines if line.lstrip().startswith("Two Sessions (joint)"))
    assert joint.count("██") == 6


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["next", "--today"], "Try 'twosessions next --help'."),
        (["ics", "-o"], "Try 'twosessions ics --help'."),
        (["--bogus"], "Try 'twosessions --help'."),
    ],
)
def test_a_missing_option_value_points_at_the_right_help(
    cli: CLI, args: list[str], hint: str
) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert result.stderr.endswith(f" {hint}\n")
    assert result.stderr.count("\n") == 1


def test_shared_options_work_before_the_command_as_well_as_after(cli: CLI) -> None:
    after = cli("dates", "--json")
    before = cli("--json", "dates")
    assert (before.exit_code, before.stdout) == (0, after.stdout)
    overlay = str(Path(__file__).parents[1] / "docs" / "example-overlay")
    for args in (("--data", overlay, "dates", "2099"), ("dates", "2099", "--data", overlay)):
        result = cli(*args, "--json")
        assert result.exit_code == 0, result.stderr
        assert {s["origin"].endswith("sessions.json") for s in result.json()["sessions"]} == {True}


def test_data_given_before_and_after_the_command_both_count(cli: CLI, tmp_path: Path) -> None:
    overlay = str(Path(__file__).parents[1] / "docs" / "example-overlay")
    result = cli("--data", overlay, "dates", "2099", "--data", str(tmp_path / "missing"))
    assert result.exit_code == 1
    assert "missing: $: no such file or folder" in result.stderr


def test_main_can_run_twice_in_one_process_and_builds_only_the_named_command(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import typer.main

    from twosessions_cli import cli as cli_module

    monkeypatch.setenv("TWOSESSIONS_DATA", "")
    built: list[str] = []
    real = typer.main.get_command_from_info

    def counting(*args: object, **kwargs: object) -> object:
        built.append("command")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(typer.main, "get_command_from_info", counting)
    before = list(cli_module.app.registered_commands)
    for argv, key in (
        (["dates", "--json"], '"sessions"'),
        (["stats", "2025", "--json"], '"figures"'),
    ):
        built.clear()
        with pytest.raises(SystemExit) as exit_info:
            cli_module.main(argv)
        assert exit_info.value.code == 0
        assert key in capsys.readouterr().out
        assert len(built) == 1
    assert cli_module.app.registered_commands == before


@pytest.mark.parametrize("columns", ["40", "60", "80", "120", "250"])
def test_every_session_keeps_its_year_and_body_at_any_width(cli: CLI, columns: str) -> None:
    out = cli("dates", "--all", env={"COLUMNS": columns}).stdout
    years = re.findall(r"^ ?(20\d\d)\b", out, flags=re.MULTILINE)
    assert years.count("2018") >= 2  # both bodies
    assert len(years) >= 19  # every year
    assert out.count("CPPCC") >= 9
    assert out.count("People's") >= 9


@pytest.mark.parametrize(
    ("flag", "env", "escapes"),
    [
        ("always", {"NO_COLOR": "1"}, True),  # --color always wins over NO_COLOR
        ("never", {"FORCE_COLOR": "1", "NO_COLOR": ""}, False),
        ("auto", {"NO_COLOR": "1"}, False),
    ],
)
def test_color_option(cli: CLI, flag: str, env: dict[str, str], escapes: bool) -> None:
    for args in (("dates", "--color", flag), ("--color", flag, "dates")):
        result = cli(*args, env=env)
        assert result.exit_code == 0
        assert ("\x1b[" in result.stdout) is escapes


def test_a_joint_session_reads_well_in_the_headline(cli: CLI) -> None:
    before = cli("next", "--today", "2019-12-01", "--json").json()["headline"]
    # The committee, known by its opening alone, opens the same day: both are named.
    assert before == (
        "Next: the CPPCC committee and the Two Sessions (joint), opening in 40 days, "
        "on Friday 10 January 2020."
    )
    during = cli("next", "--today", "2020-01-12", "--json").json()["headline"]
    assert during == "Sitting today: the Two Sessions (joint), day 3 of 6."


def test_search_snippets_start_on_a_word_and_mark_the_match(cli: CLI) -> None:
    plain = cli("search", "parking", env={"COLUMNS": "200"}).stdout
    assert "…drinking-water safety and a lack of parking." in plain
    coloured = cli("search", "parking", env={"COLUMNS": "200", "FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\x1b[1;33mparking\x1b[0m" in coloured.stdout


def test_example_overlay_is_written_validated_and_used(cli: CLI, tmp_path: Path) -> None:
    folder = tmp_path / "my-facts"
    result = cli("example-overlay", str(folder))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert sorted(p.name for p in folder.iterdir()) == ["sessions.json", "sources.json"]
    assert result.stderr.splitlines()[-1] == f"twosessions: next: twosessions validate {folder}"
    assert cli("validate", str(folder)).exit_code == 0
    dates = cli("dates", "2099", "--data", str(folder), "--json").json()
    assert [s["id"] for s in dates["sessions"]] == ["2099-cppcc", "2099-congress"]
    again = cli("example-overlay", str(folder))
    assert again.exit_code == 1
    assert "already exists; give an empty or new folder" in again.stderr
