"""Start-up and scaling benchmark for twosessions: whole processes, interleaved, medians and ratios.

Usage: python bench/run.py [--runs N] [--json FILE] [--no-scaling] [--no-reference] [--baseline REF]
                           [--instructions]

Run it with the Python of the environment where twosessions is installed. The table commands are
timed twice: with stdout on a pseudo-terminal ("[tty]": colour and box drawing, COLUMNS=100,
TERM=xterm-256color) and with stdout not a terminal ("[pipe]", /dev/null); the other commands only
as "[pipe]". Three floors run in the same rounds, with the same Python: `python -c pass`,
`python -c "import typer"` and `python -c "import typer, rich.console, rich.table"`. The reference
app gets a virtual environment of its own (bench/.cache/reference-venv) with the newest typer and
rich releases, created on the first run and reused after that, and is timed in both modes. With
--baseline REF, the project as of that git commit is installed in a cached venv too (dependencies
pinned to this environment's versions, so only the project differs), and every command is also
timed there, in the same rounds: the "x baseline" column shows whether a change made start-up slower.
"""

from __future__ import annotations

import argparse
import errno
import fcntl
import hashlib
import json
import os
import pty
import shutil
import statistics
import struct
import subprocess
import sys
import tarfile
import tempfile
import termios
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CACHE = HERE / ".cache"
REFERENCE_VENV = CACHE / "reference-venv"
REFERENCE_APP = HERE / "reference_app.py"
BIN = Path(sys.executable).parent
TWOSESSIONS = str(BIN / "twosessions")

COMMANDS: dict[str, list[str]] = {
    "--version": ["--version"],
    "dates": ["dates"],
    "dates --json": ["dates", "--json"],
    "explain cppcc": ["explain", "cppcc"],
    "stats 2025": ["stats", "2025"],
    "stats 2025 --json": ["stats", "2025", "--json"],
    "search congress": ["search", "congress"],
    "validate": ["validate"],
    "next --today 2026-01-20": ["next", "--today", "2026-01-20"],
    "next --json": ["next", "--json"],
    "timeline": ["timeline"],
    "glossary": ["glossary"],
    "glossary --json": ["glossary", "--json"],
    "ics --json": ["ics", "--json"],
    "ics -o FILE": ["ics", "-o", "/dev/null"],
}
VERSION_PATH = "--version"
JSON_PATHS = {name for name, args in COMMANDS.items() if "--json" in args}
TABLE_PATHS = {"dates", "explain cppcc", "stats 2025", "search congress", "timeline", "glossary"}

TTY, PIPE = "tty", "pipe"
TTY_COLUMNS, TTY_LINES = 100, 40

BARE_FLOOR = "python -c pass"
TYPER_FLOOR = "floor: import typer"
RICH_FLOOR = "floor: import typer, rich.console, rich.table"
FLOORS = {
    BARE_FLOOR: "pass",
    TYPER_FLOOR: "import typer",
    RICH_FLOOR: "import typer, rich.console, rich.table",
}
REFERENCE = "reference: typer+rich table"

# name: (which ratio it bounds, the bound, which commands and modes it applies to)
TARGETS: dict[str, tuple[str, float, Callable[[str, str], bool]]] = {
    "≤2x python": ("x_floor", 2.0, lambda name, mode: name == VERSION_PATH),
    "≤1.2x typer": ("x_typer", 1.2, lambda name, mode: name in JSON_PATHS),
    "≤1.15x typer+rich": (
        "x_typer_rich",
        1.15,
        lambda name, mode: name in TABLE_PATHS and mode == TTY,
    ),
    "≤0.6x reference": (
        "x_reference",
        0.6,
        lambda name, mode: name in TABLE_PATHS and mode == TTY,
    ),
}

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


@dataclass(frozen=True)
class Case:
    """One command line and where its stdout goes: a pseudo-terminal (TTY) or /dev/null (PIPE)."""

    argv: tuple[str, ...]
    mode: str = PIPE


def label(name: str, mode: str) -> str:
    return f"{name} [{mode}]"


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


def reference_python() -> str:
    python = REFERENCE_VENV / "bin" / "python"
    if not python.exists():
        print("creating the reference venv (newest typer + rich)...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(REFERENCE_VENV)], check=True)
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "-q",
                "--disable-pip-version-check",
                "-U",
                "typer",
                "rich",
            ],
            check=True,
        )
    return str(python)


def reference_versions(python: str) -> str:
    out = subprocess.run(
        [
            python,
            "-c",
            "import importlib.metadata as m; print(m.version('typer'), m.version('rich'))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    typer, rich = out.stdout.split()
    return f"typer {typer}, rich {rich}"


def _pins() -> str:
    """This environment's packages as pip constraints, the project itself left out."""
    frozen = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "freeze",
            "--exclude-editable",
            "--disable-pip-version-check",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return "".join(
        f"{line}\n"
        for line in frozen.splitlines()
        if line and not line.startswith(("#", "-e ")) and not line.lower().startswith("twosessions")
    )


def baseline_script(ref: str) -> str:
    """The twosessions script of the project as of git REF, installed once in a cached venv, its
    dependencies pinned to the versions of this environment so that only the project differs."""
    sha = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--verify", f"{ref}^{{commit}}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    pins = _pins()
    venv = CACHE / f"baseline-{sha[:12]}-{hashlib.sha256(pins.encode()).hexdigest()[:8]}"
    script = venv / "bin" / "twosessions"
    if script.exists():
        return str(script)
    print(f"installing the baseline {ref} ({sha[:12]})...", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "src.tar"
        subprocess.run(["git", "-C", str(REPO), "archive", "-o", str(archive), sha], check=True)
        tree = Path(tmp) / "tree"
        with tarfile.open(archive) as tar:
            tar.extractall(tree, filter="data")
        constraints = Path(tmp) / "constraints.txt"
        constraints.write_text(pins, encoding="utf-8")
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [
                str(venv / "bin" / "python"),
                "-m",
                "pip",
                "install",
                "-q",
                "--disable-pip-version-check",
                "-c",
                str(constraints),
                str(tree),
            ],
            check=True,
        )
    return str(script)


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


def _succeeds(argv: list[str]) -> bool:
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return done.returncode == 0


def modes_of(name: str) -> tuple[str, ...]:
    return (TTY, PIPE) if name in TABLE_PATHS else (PIPE,)


def startup_cases(
    reference: str | None, baseline: str | None
) -> tuple[dict[str, Case], dict[str, tuple[str, str]]]:
    """Every case of the start-up rounds, and for each twosessions one its (command, mode)."""
    cases: dict[str, Case] = {}
    for floor, code in FLOORS.items():
        for mode in (TTY, PIPE):
            cases[label(floor, mode)] = Case((sys.executable, "-c", code), mode)
    if reference is not None:
        for mode in (TTY, PIPE):
            cases[label(REFERENCE, mode)] = Case((reference, str(REFERENCE_APP)), mode)
    commands: dict[str, tuple[str, str]] = {}
    for name, args in COMMANDS.items():
        in_baseline = baseline is not None and _succeeds([baseline, *args])  # older: may lack it
        for mode in modes_of(name):
            cases[label(f"twosessions {name}", mode)] = Case((TWOSESSIONS, *args), mode)
            commands[label(f"twosessions {name}", mode)] = (name, mode)
            if in_baseline and baseline is not None:
                cases[label(f"baseline {name}", mode)] = Case((baseline, *args), mode)
    return cases, commands


def _ratio(value: float, against: float | None) -> float | None:
    return round(value / against, 2) if against else None


def startup(runs: int, with_reference: bool, baseline: str | None = None) -> dict[str, object]:
    versions = None
    reference = None
    if with_reference:
        reference = reference_python()
        versions = reference_versions(reference)
    cases, commands = startup_cases(reference, baseline)
    medians = time_interleaved(cases, runs)
    rows = []
    for case_name, median in medians.items():
        if case_name.startswith("baseline "):
            continue
        mode = cases[case_name].mode
        name, _ = commands.get(case_name, ("", mode))
        before = medians.get(label(f"baseline {name}", mode)) if name else None
        ratios = {
            "x_floor": _ratio(median, medians[label(BARE_FLOOR, mode)]),
            "x_typer": _ratio(median, medians[label(TYPER_FLOOR, mode)]),
            "x_typer_rich": _ratio(median, medians[label(RICH_FLOOR, mode)]),
            "x_reference": _ratio(median, medians.get(label(REFERENCE, mode))),
            "x_baseline": _ratio(median, before),
        }
        targets: dict[str, bool | None] = {}
        for target, (column, bound, applies) in TARGETS.items():
            if name and applies(name, mode):
                ratio = ratios[column]
                targets[target] = None if ratio is None else ratio <= bound
        rows.append(
            {
                "command": case_name,
                "mode": mode,
                "median_ms": round(median * 1000, 1),
                **ratios,
                "targets": targets,
            }
        )
    return {
        "runs": runs,
        "reference_versions": versions,
        "baseline": baseline,
        "floors": {floor: f'python -c "{code}"' for floor, code in FLOORS.items()},
        "tty": f"stdout on a pty, COLUMNS={TTY_COLUMNS}, TERM=xterm-256color",
        "pipe": "stdout to /dev/null (not a terminal)",
        "rows": rows,
    }


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


def instructions(baseline: str | None) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    python = str(BIN / "python")
    for floor, code in FLOORS.items():
        count = instruction_count(Case((sys.executable, "-c", code)))
        rows.append(
            {
                "command": label(floor, PIPE),
                "instructions_m": round(count / 1e6, 1) if count else None,
                "baseline_m": None,
                "x_baseline": None,
            }
        )
    for name, args in COMMANDS.items():
        in_baseline = baseline is not None and _succeeds([baseline, *args])
        for mode in modes_of(name):
            now = instruction_count(Case((python, TWOSESSIONS, *args), mode))
            before = None
            if in_baseline and baseline is not None:
                baseline_python = str(Path(baseline).with_name("python"))
                before = instruction_count(Case((baseline_python, baseline, *args), mode))
            rows.append(
                {
                    "command": label(f"twosessions {name}", mode),
                    "instructions_m": round(now / 1e6, 1) if now else None,
                    "baseline_m": round(before / 1e6, 1) if before else None,
                    "x_baseline": round(now / before, 3) if now and before else None,
                }
            )
    return rows


def synthetic_overlays(factor: int, folder: Path) -> list[Path]:
    """Copies of the bundled records (fresh ids, spread over years) to make the data `factor`x."""
    from twosessions_cli.facts import MAX_FILE_BYTES, bundled_data_dir

    bundled = bundled_data_dir()
    kinds = ("sessions", "agenda", "people", "figures", "topics")
    originals = {k: json.loads((bundled / f"{k}.json").read_text(encoding="utf-8")) for k in kinds}
    # Files are capped in size, so large data is spread over several overlay folders.
    per_chunk = max(1, (MAX_FILE_BYTES // 2) // max(len(json.dumps(originals["topics"])), 1))
    latest = max(s["year"] for s in originals["sessions"])
    taken = {s["year"] for s in originals["sessions"]}
    free_years = [y for y in range(1950, 2201) if y not in taken]
    folders: list[Path] = []
    copies = list(range(1, factor))
    for start in range(0, len(copies), per_chunk):
        chunk = folder / f"chunk{start // per_chunk:04d}"
        chunk.mkdir(parents=True)
        for kind in kinds:
            records = []
            for n in copies[start : start + per_chunk]:
                year = 1950 + n % 70
                for original in originals[kind]:
                    record = dict(original, id=f"{original['id']}-x{n}")
                    if "year" in record:
                        record["year"] = year
                    if kind == "sessions":
                        # A body has one session a year: copy only the dated sessions of the
                        # latest year, each copy in a year of its own (as far as years go).
                        if (
                            n > len(free_years)
                            or original["year"] != latest
                            or not (original.get("opens") and original.get("closes"))
                        ):
                            continue
                        record["year"] = year = free_years[n - 1]
                        for end in ("opens", "closes"):
                            record[end] = dict(
                                original[end], date=f"{year}{original[end]['date'][4:]}"
                            )
                    if kind in ("agenda", "figures"):
                        record["session_id"] = None
                    if kind == "topics":
                        record["title"] = f"{original['title']} {n}"
                        record["chinese"] = None
                        record["aliases"] = [f"{a} {n}" for a in original["aliases"]]
                    records.append(record)
            (chunk / f"{kind}.json").write_text(
                json.dumps(records, ensure_ascii=False), encoding="utf-8"
            )
        folders.append(chunk)
    return folders


def scaling(runs: int) -> dict[str, object]:
    probes = {"dates": ["dates"], "search": ["search", "congress"], "explain": ["explain", "cppcc"]}
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for factor in (1, 10, 100, 1000):
            folders = synthetic_overlays(factor, Path(tmp) / f"x{factor}")
            data_args = [arg for f in folders for arg in ("--data", str(f))]
            cases = {name: Case((TWOSESSIONS, *argv, *data_args)) for name, argv in probes.items()}
            medians = time_interleaved(cases, runs if factor < 1000 else max(3, runs // 4))
            results[f"{factor}x"] = {k: round(v * 1000, 1) for k, v in medians.items()}
    base = results["1x"]
    ratios = {f: {k: round(v / base[k], 2) for k, v in row.items()} for f, row in results.items()}
    return {"median_ms": results, "x_bundled": ratios}


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) for i, h in enumerate(headers)]
    print("| " + " | ".join(str(h).ljust(w) for h, w in zip(headers, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print("| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) + " |")


def _cell(value: object) -> object:
    return "" if value is None else value


def _verdict(met: bool | None) -> str:
    return "" if met is None else "pass" if met else "FAIL"


def print_startup(start: dict[str, object]) -> None:
    print(
        f"Start-up, median of {start['runs']} interleaved runs "
        f"(reference: {start['reference_versions']})\n"
        f"[tty]: {start['tty']}; [pipe]: {start['pipe']}. Ratios are taken within a mode: "
        "tty against tty, pipe against pipe.\n"
    )
    rows: list[dict[str, object]] = start["rows"]  # type: ignore[assignment]
    print_table(
        [
            "command",
            "median ms",
            "x python",
            "x typer",
            "x typer+rich",
            "x reference",
            "x baseline",
            *TARGETS,
        ],
        [
            [
                r["command"],
                r["median_ms"],
                *(
                    _cell(r[k])
                    for k in ("x_floor", "x_typer", "x_typer_rich", "x_reference", "x_baseline")
                ),
                *(_verdict(r["targets"].get(t)) for t in TARGETS),  # type: ignore[attr-defined]
            ]
            for r in rows
        ],
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs", type=int, default=20, help="timed runs of each command (default 20)"
    )
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument("--no-scaling", action="store_true", help="skip the synthetic-data runs")
    parser.add_argument("--no-reference", action="store_true", help="skip the reference app")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="also count instructions per command with valgrind (slow, but free of noise)",
    )
    parser.add_argument(
        "--baseline",
        metavar="REF",
        help="also time the project as of this git commit (e.g. HEAD~3), in the same rounds",
    )
    args = parser.parse_args(argv)
    if not Path(TWOSESSIONS).exists() or shutil.which(sys.executable) is None:
        print(f"twosessions is not installed next to {sys.executable}", file=sys.stderr)
        return 2
    if args.instructions and shutil.which("valgrind") is None:
        print("--instructions needs valgrind", file=sys.stderr)
        return 2
    CACHE.mkdir(exist_ok=True)
    baseline = baseline_script(args.baseline) if args.baseline else None
    start = startup(args.runs, not args.no_reference, baseline)
    results: dict[str, object] = {"python": sys.version.split()[0], "startup": start}
    print_startup(start)
    if args.instructions:
        counted = instructions(baseline)
        results["instructions"] = counted
        print("\nInstructions per run (millions, valgrind callgrind)\n")
        print_table(
            ["command", "instructions (M)", "baseline (M)", "x baseline"],
            [
                [r["command"], r["instructions_m"], _cell(r["baseline_m"]), _cell(r["x_baseline"])]
                for r in counted
            ],
        )
    if not args.no_scaling:
        scale = scaling(max(5, args.runs // 2))
        results["scaling"] = scale
        print("\nScaling with synthetic data (median ms, and x the bundled size)\n")
        ms: dict[str, dict[str, float]] = scale["median_ms"]  # type: ignore[assignment]
        ratios: dict[str, dict[str, float]] = scale["x_bundled"]  # type: ignore[assignment]
        print_table(
            ["data", "dates", "search", "explain"],
            [
                [f, *(f"{ms[f][k]} ({ratios[f][k]}x)" for k in ("dates", "search", "explain"))]
                for f in ms
            ],
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
