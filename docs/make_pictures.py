"""Redraw the README's pictures from real output: python docs/make_pictures.py [OUT_DIR].

Each picture is the installed command run in a pretend terminal (colour on, a fixed width,
bundled data only), its escape codes read back by Rich and exported as SVG. Run it after a
change to the output or the data, and commit the SVGs it writes (default: docs/pictures/).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from rich.text import Text

WIDTH = 100
#: name -> (arguments, terminal width)
PICTURES: dict[str, tuple[list[str], int]] = {
    "dates-all": (["dates", "--all"], 140),
    "trend": (["trend", "gdp-growth-target"], WIDTH),
    "dates": (["dates"], WIDTH),
    "explain-cppcc": (["explain", "cppcc"], WIDTH),
    "timeline": (["timeline"], WIDTH),
    "next": (["next", "--today", "2026-01-20"], WIDTH),
    "targets": (["targets", "--level", "all"], WIDTH),
}


def terminal_output(args: list[str], width: int = WIDTH) -> str:
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "TWOSESSIONS_DATA"}}
    env.update(FORCE_COLOR="1", COLUMNS=str(width), TERM="xterm-256color", LC_ALL="C.UTF-8")
    # Our own interpreter and module, with arguments from the table above.
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "twosessions_cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=True,
    )
    return result.stdout


def draw(name: str, args: list[str], out_dir: Path, width: int = WIDTH) -> Path:
    console = Console(record=True, width=width, file=io.StringIO(), force_terminal=True)
    console.print(Text.from_ansi(terminal_output(args, width)), end="")
    path = out_dir / f"{name}.svg"
    # A fixed unique_id keeps the file the same from one run to the next.
    console.save_svg(str(path), title=" ".join(["twosessions", *args]), unique_id=name)
    return path


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else Path(__file__).resolve().parent / "pictures"
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, (args, width) in PICTURES.items():
        print(draw(name, args, out_dir, width))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
