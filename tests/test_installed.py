"""The installed console script, run as a user would: a real process, from an unrelated folder."""

from __future__ import annotations

import fcntl
import json
import os
import pty
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


def test_head_in_a_shell_pipeline(tmp_path: Path) -> None:
    result = subprocess.run(
        f"'{SCRIPT}' dates --all | head -1",
        shell=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean_env(),
        check=False,
    )
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
