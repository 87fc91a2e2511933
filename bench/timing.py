"""Timing whole processes: a clean environment, a pseudo-terminal or /dev/null for stdout,
interleaved rounds, and (with valgrind) instruction counts."""

from __future__ import annotations

import errno
import fcntl
import os
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Sequence

from cases import FLOORS, PIPE, TTY, TTY_COLUMNS, TTY_LINES, Case

# Set by some harnesses and CI runners, never by a user's shell; they change what is timed
# (a write per print, no .pyc written for changed sources, forced or suppressed colour, a width).
_NOT_FROM_A_USERS_SHELL = (
    "PYTHONUNBUFFERED",
    "PYTHONDONTWRITEBYTECODE",
    "PYTHONPROFILEIMPORTTIME",
    "PYTHONDEVMODE",
    "FORCE_COLOR",
    "NO_COLOR",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "COLUMNS",
    "LINES",
)


def child_env(mode: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _NOT_FROM_A_USERS_SHELL}
    if mode == TTY:
        env.update(COLUMNS=str(TTY_COLUMNS), LINES=str(TTY_LINES), TERM="xterm-256color")
    return env


ENVS = {TTY: child_env(TTY), PIPE: child_env(PIPE)}


def _drain(master: int) -> bytes:
    """Read the pty until the child's side is closed (EOF, or EIO on Linux), so it never blocks."""
    out = bytearray()
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError as exc:
            if exc.errno == errno.EIO:
                break
            raise
        if not chunk:
            break
        out += chunk
    return bytes(out)


def run_case(case: Case, argv_prefix: Sequence[str] = ()) -> tuple[float, int, bytes]:
    """Run once; return the wall time (spawn to exit, stdout drained), the exit code, and what a
    tty received."""
    argv = [*argv_prefix, *case.argv]
    if case.mode == PIPE:
        start = time.perf_counter()
        done = subprocess.run(
            argv,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=ENVS[PIPE],
            check=False,
        )
        return time.perf_counter() - start, done.returncode, b""
    master, slave = pty.openpty()
    try:
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", TTY_LINES, TTY_COLUMNS, 0, 0))
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=slave, stderr=subprocess.DEVNULL, env=ENVS[TTY])
        os.close(slave)  # only the child holds it now: its exit ends the drain
        slave = -1
        output = _drain(master)
        code = proc.wait()
        return time.perf_counter() - start, code, output
    finally:
        if slave >= 0:
            os.close(slave)
        os.close(master)


def time_interleaved(cases: dict[str, Case], runs: int) -> dict[str, float]:
    """Median wall time of each case, running them in turn so drift hits all alike."""
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for name, case in cases.items():  # warm-up (page cache, .pyc files), and a check of each
        _, code, output = run_case(case)
        if code != 0:
            print(f"warning: {name} exited {code}: its time is not the command's", file=sys.stderr)
        elif case.mode == TTY and not name.startswith(tuple(FLOORS)) and b"\x1b[" not in output:
            print(
                f"warning: {name} wrote no terminal escapes: not drawn for a tty?", file=sys.stderr
            )
    for _ in range(runs):
        for name, case in cases.items():
            samples[name].append(run_case(case)[0])
    return {name: statistics.median(values) for name, values in samples.items()}


def instruction_count(case: Case) -> int | None:
    """Instructions one run executes, counted by valgrind's callgrind: the same on every run,
    whatever else the machine is doing, so small differences between versions show."""
    with tempfile.NamedTemporaryFile(mode="r", suffix=".log") as log:
        run_case(
            case,
            [
                "valgrind",
                "--tool=callgrind",
                "--callgrind-out-file=/dev/null",
                f"--log-file={log.name}",
            ],
        )
        for line in log.read().splitlines():
            if "Collected :" in line:
                return int(line.rsplit(":", 1)[1])
    return None
