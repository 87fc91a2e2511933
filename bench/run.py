"""Start-up and scaling benchmark for twosessions: whole processes, interleaved, medians and ratios.

Usage: python bench/run.py [--runs N] [--json FILE] [--no-scaling] [--no-reference]

Run it with the Python of the environment where twosessions is installed. The reference app gets a
virtual environment of its own (bench/.cache/reference-venv) with the newest typer and rich releases,
created on the first run and reused after that.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
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
}
JSON_PATHS = {"--version", "dates --json", "stats 2025 --json"}
TABLE_PATHS = {"dates", "explain cppcc", "stats 2025", "search congress"}


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


def startup(runs: int, with_reference: bool) -> dict[str, object]:
    cases: dict[str, list[str]] = {"floor: python -c pass": [sys.executable, "-c", "pass"]}
    versions = None
    if with_reference:
        python = reference_python()
        versions = reference_versions(python)
        cases["reference: typer+rich table"] = [python, str(REFERENCE_APP)]
    for name, args in COMMANDS.items():
        cases[f"twosessions {name}"] = [TWOSESSIONS, *args]
    medians = time_interleaved(cases, runs)
    floor = medians["floor: python -c pass"]
    reference = medians.get("reference: typer+rich table")
    rows = []
    for name, median in medians.items():
        short = name.removeprefix("twosessions ")
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
                "target": target,
            }
        )
    return {"runs": runs, "reference_versions": versions, "rows": rows}


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
    args = parser.parse_args(argv)
    if not Path(TWOSESSIONS).exists() or shutil.which(sys.executable) is None:
        print(f"twosessions is not installed next to {sys.executable}", file=sys.stderr)
        return 2
    CACHE.mkdir(exist_ok=True)
    start = startup(args.runs, not args.no_reference)
    results: dict[str, object] = {"python": sys.version.split()[0], "startup": start}
    print(
        f"Start-up, median of {args.runs} interleaved runs (reference: {start['reference_versions']})\n"
    )
    rows: list[dict[str, object]] = start["rows"]  # type: ignore[assignment]
    print_table(
        ["command", "median ms", "x floor", "x reference", "target"],
        [
            [r["command"], r["median_ms"], r["x_floor"], r["x_reference"] or "", r["target"]]
            for r in rows
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
