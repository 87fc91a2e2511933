"""Entry point for the ``twosessions`` console script and ``python -m twosessions_cli``."""

from __future__ import annotations

import gc
import os
import sys


def _tolerant_streams() -> None:
    # Under PYTHONIOENCODING=ascii (or any non-UTF-8 locale) Chinese text cannot be encoded:
    # print it as \\uXXXX escapes instead of crashing. UTF-8 streams are left alone.
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and not encoding.startswith("utf"):
            reconfigure(errors="backslashreplace")


def main() -> None:
    if sys.stdout is None:  # started with stdout closed (`twosessions dates >&-`)
        print("twosessions: error: standard output is closed; nothing to write to", file=sys.stderr)
        raise SystemExit(1)
    _tolerant_streams()
    if sys.argv[1:] in (["--version"], ["-V"]):
        # Scripts call this to probe the tool: answer without loading the CLI framework.
        from twosessions_cli import __version__

        print(f"twosessions {__version__}")
        return
    from twosessions_cli.cli import main as run

    run(sys.argv[1:])


def script() -> None:
    """The console script: ``main``, then a quick exit.

    A lookup ends as soon as it has answered, so the garbage collector has nothing worth
    collecting (and is left off), and interpreter teardown (freeing every module one by one)
    is skipped once the output is flushed: together about a fifth of a short command's time.
    """
    gc.disable()
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = _exit_code(exc.code)
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        code = code or 1
    os._exit(code)


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


if __name__ == "__main__":
    script()
