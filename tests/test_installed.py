"""The installed console script, run as a user would: a real process, from an unrelated folder."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

pytestmark = pytest.mark.installed

SCRIPT = Path(sys.executable).with_name("twosessions")


def clean_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR"}
    }
    env.pop("TWOSESSIONS_DATA", None)
    env.update(extra)
    return env


def run(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        cwd=cwd,
        env=clean_env(**env),
        timeout=60,
        check=False,
    )


def test_console_script_is_installed() -> None:
    assert SCRIPT.exists(), f"{SCRIPT} missing: install the project with pip install '.[test]'"


def test_dates_from_another_folder(tmp_path: Path) -> None:
    result = run("dates", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "2026-01-27" in result.stdout
    assert "\x1b" not in result.stdout  # a pipe: no escape codes
    assert result.stderr == ""


def test_json_from_another_folder(tmp_path: Path) -> None:
    result = run("stats", "2025", "--json", cwd=tmp_path)
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["figures"][0]["value"] == 1385


def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "twosessions_cli", "--version"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("twosessions ")


def test_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    for args, code in (
        (["explain", "nonsense-topic"], 1),
        (["dates", "x"], 2),
        (["stats", "1999"], 1),
    ):
        result = run(*args, cwd=tmp_path)
        assert result.returncode == code
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args", [("dates", "--all"), ("explain",), ("dates", "--all", "--json"), ("explain", "--json")]
)
def test_broken_pipe_exits_quietly(tmp_path: Path, args: tuple[str, ...]) -> None:
    # Close the reading end before the program writes: every write then fails with EPIPE,
    # as it does for `twosessions dates --all | head -1` when head has already exited.
    proc = subprocess.Popen(
        [str(SCRIPT), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env=clean_env(),
    )
    assert proc.stdout is not None
    assert proc.stderr is not None
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert stderr == ""


def shell(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a shell command line in which '{SCRIPT}' stands for the installed script."""
    return subprocess.run(
        command.replace("{SCRIPT}", f"'{SCRIPT}'"),
        shell=True,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=clean_env(),
        timeout=60,
        check=False,
    )


def test_head_in_a_shell_pipeline(tmp_path: Path) -> None:
    result = shell("{SCRIPT} dates --all | head -1", tmp_path)
    assert result.stdout.strip() == "Chongqing Two Sessions, all years"
    assert result.stderr == ""


@pytest.mark.parametrize(
    "encoding_env", [{"LC_ALL": "C"}, {"LC_ALL": "C", "PYTHONIOENCODING": "ascii"}]
)
def test_odd_locales_do_not_crash(tmp_path: Path, encoding_env: dict[str, str]) -> None:
    for args in (("explain", "cppcc"), ("explain", "政协"), ("dates",)):
        result = run(*args, cwd=tmp_path, **encoding_env)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        assert "CPPCC" in result.stdout


def test_json_bytes_are_utf8_whatever_the_locale(tmp_path: Path) -> None:
    plain = run("explain", "两会", "--json", cwd=tmp_path)
    ascii_ = run("explain", "两会", "--json", cwd=tmp_path, LC_ALL="C", PYTHONIOENCODING="ascii")
    assert plain.stdout == ascii_.stdout
    assert json.loads(plain.stdout)["topic"]["chinese"] == "两会"


def _run_in_pty(args: list[str], columns: int, **env: str) -> str:
    main, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    proc = subprocess.Popen(
        [str(SCRIPT), *args],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env=clean_env(TERM="xterm-256color", **env),
        close_fds=True,
    )
    os.close(secondary)
    chunks: list[bytes] = []
    while True:
        ready, _, _ = select.select([main], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(main, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=30)
    os.close(main)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize("columns", [60, 120])
def test_real_terminal_gets_colour_and_its_width(columns: int) -> None:
    out = _run_in_pty(["stats", "2025"], columns)
    assert "\x1b[" in out  # styled in a terminal

    visible = re.sub(r"\x1b\[[0-9;]*m", "", out).replace("\r", "")
    widths = [len(line) for line in visible.splitlines()]
    assert max(widths) <= columns
    assert max(widths) >= columns - 10  # the table uses the room it has


def test_no_color_in_a_real_terminal() -> None:
    coloured = _run_in_pty(["dates"], 100)
    assert "\x1b[1;36m" in coloured  # headers are cyan in a terminal...
    plain = _run_in_pty(["dates"], 100, NO_COLOR="1")
    assert "\x1b[1;36m" not in plain  # ...and not with NO_COLOR
    assert "Chongqing Two Sessions, 2026" in plain


# --------------------------------------------------------------------------------------------
# next, timeline, glossary and ics, as installed
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "first_line"),
    [
        ("2026-01-20", "Next: the CPPCC committee, opening in 7 days, on Tuesday 27 January 2026."),
        ("2026-01-29", "Sitting today: the CPPCC committee, day 3 of 5; the People's Congress"),
        ("2026-03-01", "Next: no later dates are in the data (not announced yet, or not added"),
    ],
)
def test_next_as_installed(tmp_path: Path, today: str, first_line: str) -> None:
    result = run("next", "--today", today, cwd=tmp_path, COLUMNS="200")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(first_line)
    bad = run("next", "--today", "2026-1-20", cwd=tmp_path)
    assert (bad.returncode, bad.stdout) == (2, "")
    assert bad.stderr.count("\n") == 1


def test_ics_round_trip_as_installed(tmp_path: Path) -> None:
    import datetime as dt

    import icalendar

    target = tmp_path / "two-sessions.ics"
    result = run("ics", "-o", str(target), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        f"twosessions: wrote 16 events to {target}; left out 7 sessions with no opening or "
        "closing date in the data (see 'twosessions dates --all')\n"
    )
    events = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    dates = run("dates", "--all", "--json", cwd=tmp_path)
    dated = [s for s in json.loads(dates.stdout)["sessions"] if s["opens"] or s["closes"]]
    for event, session in zip(events, dated, strict=True):
        assert str(event["UID"]) == f"{session['id']}@twosessions"
        first, last = session["opens"] or session["closes"], session["closes"] or session["opens"]
        assert event.decoded("DTSTART") == dt.date.fromisoformat(first["date"])
        assert event.decoded("DTEND") == dt.date.fromisoformat(last["date"]) + dt.timedelta(days=1)
        assert str(event["URL"]) == first["source"][0]["address"]
    again = tmp_path / "again.ics"
    run("ics", "-o", str(again), cwd=tmp_path)
    first_uids = [str(e["UID"]) for e in events]
    assert first_uids == [
        str(e["UID"]) for e in icalendar.Calendar.from_ical(again.read_bytes()).walk("VEVENT")
    ]


def test_timeline_and_glossary_as_installed(tmp_path: Path) -> None:
    piped = run("timeline", "2020", cwd=tmp_path)
    assert piped.returncode == 0
    assert (
        "2020-01-10 Fri  CPPCC committee opens (closing not reported); Two Sessions (joint) "
        "day 1/6 (both sitting)"
    ) in piped.stdout.splitlines()
    assert "\x1b" not in piped.stdout
    terms = json.loads(run("glossary", "--json", cwd=tmp_path).stdout)["terms"]
    assert {t["chinese"] for t in terms} >= {"两会", "重庆市政协", "重庆市人民代表大会", "提案"}


def test_timeline_in_a_real_terminal_draws_the_strip() -> None:
    out = _run_in_pty(["timeline"], 100)
    assert "\x1b[" in out
    assert out.count("██") == 11  # 5 + 5 sitting days, and the legend
    assert "Both sitting" in out


def test_timeline_in_an_ascii_terminal_uses_ascii_marks() -> None:
    out = _run_in_pty(["timeline"], 100, PYTHONIOENCODING="ascii")
    assert out.count("##") == 11  # 5 + 5 sitting days, and the legend
    assert "\\u2588" not in out  # no escaped block characters
    assert "Both sitting" in out


def test_the_real_script_lists_every_command_and_builds_each_on_its_own(tmp_path: Path) -> None:
    # Through the real script: whole-program help lists every command, a command's help works.
    listing = run("--help", cwd=tmp_path).stdout
    assert all(f"  {name} " in listing for name in ("dates", "next", "timeline", "ics", "glossary"))
    assert run("timeline", "--help", cwd=tmp_path).stdout.startswith(
        "Usage: twosessions timeline [OPTIONS] [YEAR]"
    )
    unknown = run("nope", cwd=tmp_path)
    assert unknown.returncode == 2
    assert (
        unknown.stderr == "twosessions: error: No such command 'nope'. Try 'twosessions --help'.\n"
    )


@pytest.mark.parametrize("args", [("dates",), ("dates", "--json"), ("ics",), ("timeline",)])
def test_a_full_disk_is_one_line_and_exit_1(tmp_path: Path, args: tuple[str, ...]) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    result = shell("{SCRIPT} " + " ".join(args) + " > /dev/full", tmp_path)
    assert result.returncode == 1
    assert result.stderr == "twosessions: error: cannot write the output: No space left on device\n"


def test_a_closed_stdout_is_one_line_and_exit_1(tmp_path: Path) -> None:
    result = subprocess.run(
        f"'{SCRIPT}' dates >&-",
        shell=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean_env(),
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr == ("twosessions: error: standard output is closed; nothing to write to\n")


def test_export_as_installed_answers_the_figures_query(tmp_path: Path) -> None:
    import sqlite3

    result = run("export", "data-out", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["database"] == "data-out/twosessions.sqlite"
    db = sqlite3.connect(tmp_path / "data-out" / "twosessions.sqlite")
    rows = db.execute(
        "SELECT value, source, paragraph FROM figures_with_sources "
        "WHERE id = '2025-proposals-handled' AND cites = 'record'"
    ).fetchall()
    db.close()
    assert rows == [(1385, "icq-20260125", 6)]
    again = run("export", "data-out", cwd=tmp_path)
    assert again.returncode == 2
    assert again.stderr.count("\n") == 1
    assert "add --force" in again.stderr
