"""Start-up and scaling benchmark for twosessions: whole processes, interleaved, medians and ratios.

Usage: python bench/run.py [--runs N] [--json FILE] [--no-scaling] [--no-reference] [--baseline REF]

Run it with the Python of the environment where twosessions is installed. The reference app gets a
virtual environment of its own (bench/.cache/reference-venv) with the newest typer and rich releases,
created on the first run and reused after that. With --baseline REF, the project as of that git
commit is installed in a cached venv too, and every command is also timed there, in the same rounds:
the "x baseline" column shows whether a change made start-up slower.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Sequence
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
JSON_PATHS = {"--version", "dates --json", "stats 2025 --json", "next --json", "glossary --json"}
TABLE_PATHS = {"dates", "explain cppcc", "stats 2025", "search congress", "timeline", "glossary"}


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


def baseline_script(ref: str) -> str:
    """The twosessions script of the project as of git REF, installed once in a cached venv."""
    sha = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--verify", f"{ref}^{{commit}}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    venv = CACHE / f"baseline-{sha[:12]}"
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
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(tree)], check=True
        )
    return str(script)


def time_interleaved(cases: dict[str, list[str]], runs: int) -> dict[str, float]:
    """Median wall time of each command, running them in turn so drift hits all alike."""
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for argv in cases.values():  # warm-up: page cache, .pyc files
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    for _ in range(runs):
        for name, argv in cases.items():
            start = time.perf_counter()
            subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in samples.items()}


def _succeeds(argv: list[str]) -> bool:
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return done.returncode == 0


def startup(runs: int, with_reference: bool, baseline: str | None = None) -> dict[str, object]:
    cases: dict[str, list[str]] = {"floor: python -c pass": [sys.executable, "-c", "pass"]}
    versions = None
    if with_reference:
        python = reference_python()
        versions = reference_versions(python)
        cases["reference: typer+rich table"] = [python, str(REFERENCE_APP)]
    for name, args in COMMANDS.items():
        cases[f"twosessions {name}"] = [TWOSESSIONS, *args]
        if baseline is not None and _succeeds([baseline, *args]):  # older: may lack it
            cases[f"baseline {name}"] = [baseline, *args]
    medians = time_interleaved(cases, runs)
    floor = medians["floor: python -c pass"]
    reference = medians.get("reference: typer+rich table")
    rows = []
    for name, median in medians.items():
        if name.startswith("baseline "):
            continue
        short = name.removeprefix("twosessions ")
        before = medians.get(f"baseline {short}")
        target = (
            "≤6x floor"
            if short in JSON_PATHS
            else "≤9x floor, ≤0.6x ref"
            if short in TABLE_PATHS
            else ""
        )
        rows.append(
            {
                "command": name,
                "median_ms": round(median * 1000, 1),
                "x_floor": round(median / floor, 2),
                "x_reference": round(median / reference, 2) if reference else None,
                "x_baseline": round(median / before, 2) if before else None,
                "target": target,
            }
        )
    return {"runs": runs, "reference_versions": versions, "baseline": baseline, "rows": rows}


def instruction_count(argv: list[str]) -> int | None:
    """Instructions one run executes, counted by valgrind's callgrind: the same on every run,
    whatever else the machine is doing, so small differences between versions show."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    for line in done.stderr.splitlines():
        if "Collected :" in line:
            return int(line.rsplit(":", 1)[1])
    return None


def instructions(baseline: str | None) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    python = str(BIN / "python")
    for name, args in COMMANDS.items():
        now = instruction_count([python, TWOSESSIONS, *args])
        before = None
        if baseline is not None and _succeeds([baseline, *args]):
            baseline_python = str(Path(baseline).with_name("python"))
            before = instruction_count([baseline_python, baseline, *args])
        rows.append(
            {
                "command": f"twosessions {name}",
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
                        record["opens"] = f"{year}{original['opens'][4:]}"
                        record["closes"] = f"{year}{original['closes'][4:]}"
                        record["announced"] = None
                    if kind == "agenda":
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
            cases = {name: [TWOSESSIONS, *argv, *data_args] for name, argv in probes.items()}
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
    CACHE.mkdir(exist_ok=True)
    baseline = baseline_script(args.baseline) if args.baseline else None
    start = startup(args.runs, not args.no_reference, baseline)
    results: dict[str, object] = {"python": sys.version.split()[0], "startup": start}
    print(
        f"Start-up, median of {args.runs} interleaved runs (reference: {start['reference_versions']})\n"
    )
    rows: list[dict[str, object]] = start["rows"]  # type: ignore[assignment]
    print_table(
        ["command", "median ms", "x floor", "x reference", "x baseline", "target"],
        [
            [
                r["command"],
                r["median_ms"],
                r["x_floor"],
                r["x_reference"] or "",
                r["x_baseline"] or "",
                r["target"],
            ]
            for r in rows
        ],
    )
    if args.instructions:
        if shutil.which("valgrind") is None:
            print("--instructions needs valgrind", file=sys.stderr)
            return 2
        counted = instructions(baseline)
        results["instructions"] = counted
        print("\nInstructions per run (millions, valgrind callgrind)\n")
        print_table(
            ["command", "instructions (M)", "baseline (M)", "x baseline"],
            [
                [r["command"], r["instructions_m"], r["baseline_m"] or "", r["x_baseline"] or ""]
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
