"""How time grows with the data: synthetic overlays 10x, 100x and 1000x the bundled records."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from cases import TWOSESSIONS, Case
from report import Scaling
from timing import time_interleaved


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


def scaling(runs: int) -> Scaling:
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
    return Scaling(median_ms=results, x_bundled=ratios)
