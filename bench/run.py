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
import json
import shutil
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from cases import (
    BARE_FLOOR,
    BIN,
    CACHE,
    COMMANDS,
    FLOORS,
    PIPE,
    REFERENCE,
    RICH_FLOOR,
    TARGETS,
    TTY_COLUMNS,
    TWOSESSIONS,
    TYPER_FLOOR,
    Case,
    label,
    modes_of,
    startup_cases,
    succeeds,
)
from report import (
    InstructionRow,
    Startup,
    StartupRow,
    print_instructions,
    print_scaling,
    print_startup,
)
from scaling import scaling
from timing import instruction_count, time_interleaved
from venvs import baseline_script, reference_python, reference_versions


def _ratio(value: float, against: float | None) -> float | None:
    return round(value / against, 2) if against else None


def startup(runs: int, with_reference: bool, baseline: str | None = None) -> Startup:
    versions = None
    reference = None
    if with_reference:
        reference = reference_python()
        versions = reference_versions(reference)
    cases, commands = startup_cases(reference, baseline)
    medians = time_interleaved(cases, runs)
    rows: list[StartupRow] = []
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
        rows.append(StartupRow(case_name, mode, round(median * 1000, 1), **ratios, targets=targets))
    return Startup(
        runs=runs,
        reference_versions=versions,
        baseline=baseline,
        floors={floor: f'python -c "{code}"' for floor, code in FLOORS.items()},
        tty=f"stdout on a pty, COLUMNS={TTY_COLUMNS}, TERM=xterm-256color",
        pipe="stdout to /dev/null (not a terminal)",
        rows=rows,
    )


def instructions(baseline: str | None) -> list[InstructionRow]:
    rows: list[InstructionRow] = []
    python = str(BIN / "python")
    for floor, code in FLOORS.items():
        count = instruction_count(Case((sys.executable, "-c", code)))
        rows.append(
            InstructionRow(label(floor, PIPE), round(count / 1e6, 1) if count else None, None, None)
        )
    for name, args in COMMANDS.items():
        in_baseline = baseline is not None and succeeds([baseline, *args])
        for mode in modes_of(name):
            now = instruction_count(Case((python, TWOSESSIONS, *args), mode))
            before = None
            if in_baseline and baseline is not None:
                baseline_python = str(Path(baseline).with_name("python"))
                before = instruction_count(Case((baseline_python, baseline, *args), mode))
            rows.append(
                InstructionRow(
                    label(f"twosessions {name}", mode),
                    round(now / 1e6, 1) if now else None,
                    round(before / 1e6, 1) if before else None,
                    round(now / before, 3) if now and before else None,
                )
            )
    return rows


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
    results: dict[str, object] = {"python": sys.version.split()[0], "startup": asdict(start)}
    print_startup(start)
    if args.instructions:
        counted = instructions(baseline)
        results["instructions"] = [asdict(r) for r in counted]
        print_instructions(counted)
    if not args.no_scaling:
        scale = scaling(max(5, args.runs // 2))
        results["scaling"] = asdict(scale)
        print_scaling(scale)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
