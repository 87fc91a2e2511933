"""The installed console script, run as a user would: a real process, from an unrelated folder."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import shutil
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
    import re

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
# next, timeline, glossary, ics and completion, as installed
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


def complete(shell: str, words: str, cwd: Path, **env: str) -> list[str]:
    """Ask the installed script for completions the way the shell scripts Typer installs do."""
    if shell == "bash":
        parts = words.split(" ")
        extra = {"COMP_WORDS": words, "COMP_CWORD": str(len(parts) - 1)}
    else:
        extra = {"_TYPER_COMPLETE_ARGS": words, "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    result = run(cwd=cwd, _TWOSESSIONS_COMPLETE=f"complete_{shell}", **extra, **env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    # The shell scripts split the answer on newlines and drop empty fields.
    return [line for line in result.stdout.splitlines() if line]


#: The years with Chongqing sessions in the bundled data, newest first, as completion offers them.
SESSION_YEARS = [
    *["2026", "2025", "2024", "2023", "2022", "2021", "2020", "2019", "2018"],
    *["2013", "2011", "2009", "2008"],
]


def test_completion_of_commands_topics_and_years(tmp_path: Path) -> None:
    assert complete("bash", "twosessions ti", tmp_path) == ["timeline"]
    assert set(complete("bash", "twosessions ", tmp_path)) >= {
        "dates",
        "next",
        "timeline",
        "ics",
        "glossary",
        "explain",
    }
    # One-word names only: "cppcc committee" would be inserted as two words.
    assert complete("bash", "twosessions explain cp", tmp_path) == ["cppcc"]
    assert complete("bash", "twosessions explain 政", tmp_path)[0] == "政协"
    assert complete("bash", "twosessions dates ", tmp_path) == SESSION_YEARS
    assert (
        complete("bash", "twosessions timeline 202", tmp_path)
        == ["2026", "2025", "2024", "2023", "2022", "2021", "2020", "2019", "2018"][:7]
    )
    assert complete("bash", "twosessions stats 201", tmp_path) == [
        *["2019", "2018", "2017", "2016", "2015", "2014", "2013", "2012", "2010"]
    ]
    assert complete("bash", "twosessions agenda 2020", tmp_path) == ["2020"]
    assert complete("bash", "twosessions trend gdp", tmp_path) == [
        "gdp",
        "gdp-growth",
        "gdp-growth-target",
    ]
    # Chongqing's and China's series share their ids; each id is offered once.
    assert complete("bash", "twosessions --level all trend gdp", tmp_path) == [
        "gdp",
        "gdp-growth",
        "gdp-growth-target",
    ]


def test_completion_shows_a_short_meaning_in_zsh_and_fish(tmp_path: Path) -> None:
    fish = complete("fish", "twosessions explain np", tmp_path)
    assert fish == ["npc\tThe National People\u2019s Congress is China\u2019s national…"]
    zsh = "\n".join(complete("zsh", "twosessions explain 人大", tmp_path))
    assert '"人大":"Chongqing\u2019s local legislature, which the 2020 guide says…"' in zsh


def test_completion_uses_overlays_and_survives_broken_ones(tmp_path: Path) -> None:
    overlay = Path(__file__).resolve().parents[1] / "docs" / "example-overlay"
    with_2027 = complete("bash", "twosessions dates ", tmp_path, TWOSESSIONS_DATA=str(overlay))
    assert with_2027 == [
        "2027",
        *SESSION_YEARS,
    ]
    bundled_only = complete(
        "bash", "twosessions dates --no-user-data ", tmp_path, TWOSESSIONS_DATA=str(overlay)
    )
    assert bundled_only == SESSION_YEARS
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "sessions.json").write_text("{not json", encoding="utf-8")
    assert complete("bash", "twosessions dates ", tmp_path, TWOSESSIONS_DATA=str(broken)) == []


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completion_script_end_to_end(tmp_path: Path) -> None:
    # What a user gets after `twosessions --show-completion` in bash: the real script, sourced,
    # and its function asked to complete, as bash does on TAB.
    script = (
        "source <(twosessions --show-completion)\n"
        "COMP_WORDS=(twosessions explain cp); COMP_CWORD=2\n"
        "_twosessions_completion twosessions; printf '%s\\n' \"${COMPREPLY[@]}\"\n"
        "COMP_WORDS=(twosessions timeline ''); COMP_CWORD=2\n"
        "_twosessions_completion twosessions; printf '%s\\n' \"${COMPREPLY[@]}\"\n"
    )
    env = clean_env(PATH=f"{SCRIPT.parent}{os.pathsep}{os.environ.get('PATH', '')}")
    result = subprocess.run(
        ["bash", "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "cppcc",
        *SESSION_YEARS,
    ]


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


# ---- completion in real shells ------------------------------------------------------------------


@pytest.fixture(scope="session")
def shells() -> dict[str, str | None]:
    """bash (with bash-completion), zsh and fish, installed here if they are missing and the
    machine can install them (Debian's packages, as root); a shell that cannot be had is None,
    and the tests that need it skip."""
    wanted = {"zsh": "zsh", "fish": "fish", "bash-completion": "bash-completion"}
    present = {
        "zsh": shutil.which("zsh"),
        "fish": shutil.which("fish"),
        "bash-completion": BASH_COMPLETION if Path(BASH_COMPLETION).exists() else None,
    }
    missing = [wanted[name] for name, path in present.items() if path is None]
    if missing and shutil.which("apt-get") and os.geteuid() == 0:
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "check": False}
        subprocess.run(["apt-get", "update", "-qq"], timeout=300, **quiet)  # type: ignore[call-overload]
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", *missing],
            timeout=600,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
            **quiet,  # type: ignore[arg-type]
        )
        present = {
            "zsh": shutil.which("zsh"),
            "fish": shutil.which("fish"),
            "bash-completion": BASH_COMPLETION if Path(BASH_COMPLETION).exists() else None,
        }
    return present


BASH_COMPLETION = "/usr/share/bash-completion/bash_completion"
SAFE = re.compile(r"^[^\s'\"`$\\;&|<>()*?\[\]{}!#~]+$")


def in_shell(argv: list[str], cwd: Path) -> list[str]:
    env = clean_env(PATH=f"{SCRIPT.parent}{os.pathsep}{os.environ.get('PATH', '')}")
    result = subprocess.run(
        argv, capture_output=True, text=True, cwd=cwd, env=env, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line]


def test_bash_with_bash_completion_inserts_only_whole_words(
    shells: dict[str, str | None], tmp_path: Path
) -> None:
    if shells["bash-completion"] is None:
        pytest.skip("bash-completion cannot be installed here")

    def offered(*words: str) -> list[str]:
        script = (
            f"source {BASH_COMPLETION}\n"
            'eval "$(_TWOSESSIONS_COMPLETE=source_bash twosessions)"\n'
            f"COMP_WORDS=({' '.join(repr(w) for w in words)}); COMP_CWORD={len(words) - 1}\n"
            'COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}\n'
            "_twosessions_completion twosessions\n"
            "printf '%s\\n' \"${COMPREPLY[@]}\"\n"
        )
        return in_shell(["bash", "-c", script], tmp_path)

    everything = offered("twosessions", "explain", "")
    assert len(everything) == len(set(everything)) < 40
    assert "cppcc" in everything
    for typed in ("chinese", "work", "people", "nation", "c", ""):
        found = offered("twosessions", "explain", typed)
        assert all(SAFE.match(name) for name in found), found
        assert len(found) == len(set(found))
    assert offered("twosessions", "explain", "work") == []  # 'work report' needs quotes
    assert offered("twosessions", "trend", "gdp") == ["gdp", "gdp-growth", "gdp-growth-target"]


def zsh_candidates(spec: str) -> list[tuple[str, str]]:
    return re.findall(r'"((?:[^"\\]|\\.)*)":"((?:[^"\\]|\\.)*)"', spec)


def test_zsh_keeps_apostrophes_and_offers_each_name_once(
    shells: dict[str, str | None], tmp_path: Path
) -> None:
    if shells["zsh"] is None:
        pytest.skip("zsh cannot be installed here")

    def offered(*words: str) -> list[tuple[str, str]]:
        # The real script, evaluated by zsh; _arguments prints the candidates it is given.
        script = (
            "compdef() { : }\n"
            '_arguments() { print -rl -- "$@" }\n'
            'eval "$(_TWOSESSIONS_COMPLETE=source_zsh twosessions)"\n'
            f"words=({' '.join(repr(w) for w in words)}); CURRENT={len(words)}\n"
            "_twosessions_completion\n"
        )
        return zsh_candidates("\n".join(in_shell(["zsh", "-f", "-c", script], tmp_path)))

    everything = offered("twosessions", "explain", "")
    names = [name for name, _ in everything]
    assert len(names) == len(set(names)) < 40
    assert dict(offered("twosessions", "explain", "人"))["人大"].startswith(
        "Chongqing\u2019s local legislature"
    )
    assert all(SAFE.match(name) for name, _ in offered("twosessions", "explain", "p"))


def test_fish_completes_with_descriptions(shells: dict[str, str | None], tmp_path: Path) -> None:
    if shells["fish"] is None:
        pytest.skip("fish cannot be installed here")
    script = (
        "_TWOSESSIONS_COMPLETE=source_fish twosessions | source\n"
        "complete -C 'twosessions explain np'\n"
        "complete -C 'twosessions explain '\n"
    )
    lines = in_shell(["fish", "--no-config", "-c", script], tmp_path)
    assert lines[0] == "npc\tThe National People\u2019s Congress is China\u2019s national…"
    rest = [line.split("\t")[0] for line in lines[1:]]
    assert len(rest) == len(set(rest)) < 40


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
