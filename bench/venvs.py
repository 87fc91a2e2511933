"""The virtual environments timed beside the project: the reference app's (newest Typer and
Rich) and a baseline commit's (this environment's versions pinned), each made once and cached."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from cases import CACHE, REFERENCE_VENV, REPO


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
