"""The benchmark's results, typed, and how they are printed (Markdown tables) and saved (JSON)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cases import TARGETS


@dataclass(frozen=True)
class StartupRow:
    """One case's median, and its ratios to the floors, the reference and the baseline."""

    command: str
    mode: str
    median_ms: float
    x_floor: float | None
    x_typer: float | None
    x_typer_rich: float | None
    x_reference: float | None
    x_baseline: float | None
    targets: dict[str, bool | None]

    def ratio(self, column: str) -> float | None:
        ratios = {
            "x_floor": self.x_floor,
            "x_typer": self.x_typer,
            "x_typer_rich": self.x_typer_rich,
            "x_reference": self.x_reference,
            "x_baseline": self.x_baseline,
        }
        return ratios[column]


@dataclass(frozen=True)
class Startup:
    runs: int
    reference_versions: str | None
    baseline: str | None
    floors: dict[str, str]
    tty: str
    pipe: str
    rows: list[StartupRow]


@dataclass(frozen=True)
class InstructionRow:
    command: str
    instructions_m: float | None
    baseline_m: float | None
    x_baseline: float | None


@dataclass(frozen=True)
class Scaling:
    """Median milliseconds per data size and command, and each as a multiple of the bundled size."""

    median_ms: dict[str, dict[str, float]]
    x_bundled: dict[str, dict[str, float]]


RATIOS = ("x_floor", "x_typer", "x_typer_rich", "x_reference", "x_baseline")


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


def print_startup(start: Startup) -> None:
    print(
        f"Start-up, median of {start.runs} interleaved runs "
        f"(reference: {start.reference_versions})\n"
        f"[tty]: {start.tty}; [pipe]: {start.pipe}. Ratios are taken within a mode: "
        "tty against tty, pipe against pipe.\n"
    )
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
                r.command,
                r.median_ms,
                *(_cell(r.ratio(k)) for k in RATIOS),
                *(_verdict(r.targets.get(t)) for t in TARGETS),
            ]
            for r in start.rows
        ],
    )


def print_instructions(rows: Sequence[InstructionRow]) -> None:
    print("\nInstructions per run (millions, valgrind callgrind)\n")
    print_table(
        ["command", "instructions (M)", "baseline (M)", "x baseline"],
        [[r.command, r.instructions_m, _cell(r.baseline_m), _cell(r.x_baseline)] for r in rows],
    )


def print_scaling(scale: Scaling) -> None:
    print("\nScaling with synthetic data (median ms, and x the bundled size)\n")
    ms, ratios = scale.median_ms, scale.x_bundled
    print_table(
        ["data", "dates", "search", "explain"],
        [
            [f, *(f"{ms[f][k]} ({ratios[f][k]}x)" for k in ("dates", "search", "explain"))]
            for f in ms
        ],
    )
