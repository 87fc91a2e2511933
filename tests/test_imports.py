"""Start-up stays lean: the --version and --json paths never import Rich or other heavy modules."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import json, sys
sys.argv = ["twosessions", *json.loads(sys.argv[1])]
from twosessions_cli.__main__ import main
try:
    main()
except SystemExit:
    pass
finally:
    heavy = ("rich", "pydantic", "importlib.resources", "icalendar", "hypothesis", "sqlite3", "_sqlite3", "csv", "_csv")
    loaded = sorted({m.split(".")[0] if m.startswith("rich") else m for m in sys.modules if m.startswith(heavy)})
    sys.stderr.write("LOADED=" + json.dumps(loaded) + "\\n")
"""


def loaded_modules(*args: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(list(args))],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "TWOSESSIONS_DATA": ""},
    )
    line = next(x for x in result.stderr.splitlines() if x.startswith("LOADED="))
    modules: list[str] = json.loads(line.removeprefix("LOADED="))
    return modules


@pytest.mark.parametrize(
    "args",
    [
        ("--version",),
        ("dates", "--json"),
        ("stats", "2025", "--json"),
        ("explain", "cppcc", "--json"),
        ("search", "congress", "--json"),
        ("validate",),
        ("next", "--json", "--today", "2026-01-20"),
        ("timeline", "--json"),
        ("glossary", "--json"),
        ("ics", "--json"),
    ],
)
def test_lean_paths_import_no_heavy_modules(args: tuple[str, ...]) -> None:
    assert loaded_modules(*args) == []


def test_the_version_fast_path_skips_the_cli_framework() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.argv=['twosessions','--version'];"
            "from twosessions_cli.__main__ import main; main();"
            "print('typer' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.splitlines()[-1] == "False"


def test_tables_do_import_rich() -> None:
    # The probe is real: a table path shows up as loading rich.
    assert loaded_modules("dates") == ["rich"]


def test_only_the_calendar_file_loads_icalendar() -> None:
    # icalendar costs more to import than Typer: it loads for `ics` writing a file, and
    # for nothing else (its --json above does not need it).
    writing = {m.split(".")[0] for m in loaded_modules("ics")}
    assert "icalendar" in writing
    assert "rich" not in writing
    assert "icalendar" not in loaded_modules("timeline")


def test_only_the_export_loads_sqlite3_and_csv(tmp_path: Path) -> None:
    # The export's database and CSV writers load when it writes, and on no other path above.
    assert loaded_modules("export", str(tmp_path / "out"), "--json") == [
        "_csv",
        "_sqlite3",
        "csv",
        "sqlite3",
        "sqlite3.dbapi2",
    ]


#: Modules only one command (or one option) needs: every other command starts without them.
#: schedule defines record types that cost time to create (next, timeline); search reads every
#: record's text; sentences and bibliography are cite's styles; people and series are who's
#: and trend's lookups; shells holds the completion scripts (--show-completion, a shell asking).
ONE_COMMAND_MODULES = [
    "twosessions_cli.schedule",
    "twosessions_cli.search",
    "twosessions_cli.render.sentences",
    "twosessions_cli.render.bibliography",
    "twosessions_cli.people",
    "twosessions_cli.series",
    "twosessions_cli.shells",
]


def test_commands_skip_the_modules_only_another_command_needs() -> None:
    probe = (
        "import json, sys; sys.argv = ['twosessions', 'dates', '--json']\n"
        "from twosessions_cli.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(json.dumps([m for m in {ONE_COMMAND_MODULES!r} if m in sys.modules]), "
        "file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    assert json.loads(result.stderr.splitlines()[-1]) == []


# logging registers its own handler flush at import, whoever imports it (typer 0.20 and click do);
# the package configures no logging handler, so that one callback has nothing to lose. It is
# registered before counting, so the count is what the package and the rest add.
ATEXIT_PROBE = """
import atexit, json, logging, sys
before = atexit._ncallbacks()
from twosessions_cli.__main__ import main
for args in json.loads(sys.argv[1]):
    sys.argv = ["twosessions", *args]
    try:
        main()
    except SystemExit:
        pass
sys.stderr.write(f"CALLBACKS={atexit._ncallbacks() - before}\\n")
"""


def test_nothing_registers_an_atexit_callback() -> None:
    # The console script ends with os._exit, which skips atexit callbacks: one registered by
    # the package or a library it loads would silently never run.
    runs = [["dates"], ["dates", "--json"], ["explain", "cppcc"], ["timeline"], ["ics"]]
    result = subprocess.run(
        [sys.executable, "-c", ATEXIT_PROBE, json.dumps(runs)],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "TWOSESSIONS_DATA": ""},
    )
    line = next(x for x in result.stderr.splitlines() if x.startswith("CALLBACKS="))
    assert line == "CALLBACKS=0"


#: Modules whose annotations are read at run time: msgspec builds its decoders from the record
#: types' fields, Typer its parameters from the commands' signatures. Kept as strings (by
#: ``from __future__ import annotations``) each would be compiled and evaluated at every run.
ANNOTATIONS_READ_AT_RUN_TIME = [
    "grounds.py",
    "records.py",
    "options.py",
    "cli.py",
    "commands/calendar.py",
    "commands/data_folder.py",
    "commands/records.py",
    "commands/topics.py",
]


@pytest.mark.parametrize("module", ANNOTATIONS_READ_AT_RUN_TIME)
def test_annotations_read_at_run_time_are_not_strings(module: str) -> None:
    source = (Path(__file__).parents[1] / "src" / "twosessions_cli" / module).read_text("utf-8")
    futures = [
        alias.name
        for node in ast.parse(source).body
        if isinstance(node, ast.ImportFrom) and node.module == "__future__"
        for alias in node.names
    ]
    assert "annotations" not in futures
