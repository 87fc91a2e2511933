"""The release a user installs: the built wheel, put in a fresh place by a tool installer.

An editable install hides packaging mistakes (data left out of the wheel, a module missing from it),
so this test builds the wheel from the source tree, installs it with `uv tool install` into a new
tool folder, and runs the installed command from an unrelated folder, as the README advises.
It needs `uv` on PATH (CI puts it there); without it the test is skipped and says why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
UV = shutil.which("uv")

pytestmark = [
    pytest.mark.installed,
    pytest.mark.skipif(UV is None, reason="needs uv on PATH to build and install the wheel"),
]


def _run(argv: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        timeout=600,
        check=False,
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The `twosessions` that `uv tool install <wheel>` puts on a fresh PATH."""
    assert UV is not None
    root = tmp_path_factory.mktemp("release")
    dist = root / "dist"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHONPATH"))}
    built = _run([UV, "build", "--wheel", "--out-dir", str(dist), str(REPO)], root, env)
    assert built.returncode == 0, built.stderr
    (wheel,) = dist.glob("twosessions-*.whl")
    env |= {
        "UV_TOOL_DIR": str(root / "tools"),
        "UV_TOOL_BIN_DIR": str(root / "bin"),
        "COLUMNS": "100",
        "NO_COLOR": "1",
    }
    env.pop("TWOSESSIONS_DATA", None)
    done = _run([UV, "tool", "install", "--python", "3.11", str(wheel)], root, env)
    if done.returncode != 0:
        # A machine without 3.11 (uv may not download one) still installs with its own Python.
        done = _run([UV, "tool", "install", str(wheel)], root, env)
    assert done.returncode == 0, done.stderr
    env["PATH"] = f"{root / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return root / "bin" / "twosessions", env


def test_the_installed_wheel_answers_dates(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    script, env = installed
    result = _run([str(script), "dates", "2026"], tmp_path, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Chongqing Two Sessions, 2026")
    assert "2026-01-27" in result.stdout
    assert result.stderr == ""


def test_the_installed_wheel_carries_its_data_and_example(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    script, env = installed
    assert _run([str(script), "validate"], tmp_path, env).returncode == 0
    made = _run([str(script), "example-overlay", str(tmp_path / "mine")], tmp_path, env)
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "mine" / "sessions.json").is_file()


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_installed_wheel_completes_in_bash(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    _, env = installed
    script = (
        "source <(twosessions --show-completion bash)\n"
        "COMP_WORDS=(twosessions explain cp); COMP_CWORD=2\n"
        "_twosessions_completion twosessions; printf '%s\\n' \"${COMPREPLY[@]}\"\n"
    )
    result = _run(["bash", "-c", script], tmp_path, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["cppcc"]
