"""Shell completion as a user meets it: the installed script asked the way each shell's script
asks it, then real bash (with bash-completion), zsh and fish typing a line and pressing TAB.

bash and zsh run interactively in a pseudo-terminal. A key bound to a small function writes the
line as the shell left it after TAB into a file, so the tests wait for that file, not for time
to pass. fish's own completion engine answers ``complete -C``.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import termios
import time
from pathlib import Path

import pytest
from test_installed import SCRIPT, clean_env, run

from twosessions_cli import shells

pytestmark = pytest.mark.installed

BASH_COMPLETION = "/usr/share/bash-completion/bash_completion"
#: The only file in the folder where the shells complete: offered where a path is expected,
#: never elsewhere.
STRAY = "unexpected-file.txt"
#: Where no word fits, nothing at all may be offered (Typer's scripts fell back to file names).
NO_FILES = [
    "twosessions who ",
    "twosessions search ",
    "twosessions cite zz",
    "twosessions next --today ",
    "twosessions glossary ",
    "twosessions trend zz",
]


def shell_env(**extra: str) -> dict[str, str]:
    """The environment a user's shell would have: the installed script first on PATH."""
    return clean_env(PATH=f"{SCRIPT.parent}{os.pathsep}{os.environ.get('PATH', '')}", **extra)


def in_shell(argv: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """A command line run by a shell (sh, bash or fish), not interactively."""
    return subprocess.run(
        argv, capture_output=True, text=True, cwd=cwd, env=env, timeout=60, check=False
    )


def answers(shell: str, words: str, cwd: Path, **env: str) -> list[tuple[str, str, str]]:
    """(type, word, description) as the installed script answers ``shell``'s script for the
    line ``words`` (the cursor at its end)."""
    split = words.split(" ")
    if shell == "fish":
        extra = {"COMP_WORDS": words, "COMP_CWORD": split[-1]}
    else:
        extra = {"COMP_WORDS": words, "COMP_CWORD": str(len(split) - 1)}
    result = run(cwd=cwd, _TWOSESSIONS_COMPLETE=f"complete_{shell}", **extra, **env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    if shell == "zsh":  # three lines each: type, word, description ('_' for none)
        triples = [lines[n : n + 3] for n in range(0, len(lines) - 2, 3)]
        return [(kind, word, "" if text == "_" else text) for kind, word, text in triples]
    found = []
    for line in filter(None, lines):
        kind, _, rest = line.partition(",")
        word, _, text = rest.partition("\t")
        found.append((kind, word, text))
    return found


def complete(shell: str, words: str, cwd: Path, **env: str) -> list[str]:
    """The words offered, in order."""
    return [word for kind, word, _ in answers(shell, words, cwd, **env) if kind == "plain"]


#: The years with Chongqing sessions in the bundled data, newest first, as completion offers them.
SESSION_YEARS = [
    *["2026", "2025", "2024", "2023", "2022", "2021", "2020", "2019", "2018"],
    *["2013", "2011", "2009", "2008"],
]


def test_completion_of_commands_topics_and_years(tmp_path: Path) -> None:
    assert complete("bash", "twosessions ti", tmp_path) == ["timeline"]
    assert set(complete("bash", "twosessions ", tmp_path)) >= {
        "dates",
        "next",
        "timeline",
        "ics",
        "glossary",
        "explain",
    }
    # One-word names only: "cppcc committee" would be inserted as two words.
    assert complete("bash", "twosessions explain cp", tmp_path) == ["cppcc"]
    assert complete("bash", "twosessions explain 政", tmp_path)[0] == "政协"
    assert complete("bash", "twosessions dates ", tmp_path) == SESSION_YEARS
    assert (
        complete("bash", "twosessions timeline 202", tmp_path)
        == ["2026", "2025", "2024", "2023", "2022", "2021", "2020", "2019", "2018"][:7]
    )
    assert complete("bash", "twosessions stats 201", tmp_path) == [
        *["2019", "2018", "2017", "2016", "2015", "2014", "2013", "2012", "2010"]
    ]
    assert complete("bash", "twosessions agenda 2020", tmp_path) == ["2020"]
    assert complete("bash", "twosessions trend gdp", tmp_path) == [
        "gdp",
        "gdp-growth",
        "gdp-growth-target",
    ]
    # Chongqing's and China's series share their ids; each id is offered once.
    assert complete("bash", "twosessions --level all trend gdp", tmp_path) == [
        "gdp",
        "gdp-growth",
        "gdp-growth-target",
    ]


def test_trend_completes_the_words_of_series_names(tmp_path: Path) -> None:
    # No id starts with 'pro', but 'trend proposals' draws every proposals series.
    assert answers("fish", "twosessions trend pro", tmp_path) == [
        ("plain", "proposal", "Satisfaction with proposal handling and 4 more"),
        ("plain", "proposals", "CPPCC proposals submitted at the plenary session and 3 more"),
    ]
    assert complete("bash", "twosessions trend attend", tmp_path) == ["attend", "attendance"]
    assert complete("bash", "twosessions trend zz", tmp_path) == []


def test_cite_completes_ids_and_a_prefix_narrows_them(tmp_path: Path) -> None:
    assert answers("fish", "twosessions cite 2025-proposals", tmp_path) == [
        ("plain", "2025-proposals-handled", "2025: CPPCC proposals handled")
    ]
    every = complete("bash", "twosessions cite ", tmp_path)
    assert {"2026-cppcc", "cppcc", "icq-20260125"} <= set(every)
    assert not any("." in word for word in every)  # one line per record until one is picked
    assert complete("bash", "twosessions cite 2026-cppcc.", tmp_path) == [
        "2026-cppcc.numbered",
        "2026-cppcc.opens",
        "2026-cppcc.closes",
        "2026-cppcc.length",
    ]
    assert complete("bash", "twosessions cite 2026-cppcc.o", tmp_path) == ["2026-cppcc.opens"]
    # As cite finds ids at either level, it offers the national sessions' ids too.
    assert complete("bash", "twosessions cite 2020-np", tmp_path) == ["2020-npc"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_paths_and_only_paths_are_left_to_the_shell(shell: str, tmp_path: Path) -> None:
    assert answers(shell, "twosessions ics -o two", tmp_path) == [("file", "two", "")]
    assert answers(shell, "twosessions validate ", tmp_path) == [("file", "", "")]
    assert answers(shell, "twosessions --data ", tmp_path) == [("file", "", "")]
    assert answers(shell, "twosessions who ", tmp_path) == []  # not a file: nothing at all


def test_completion_shows_a_short_meaning_in_zsh_and_fish(tmp_path: Path) -> None:
    assert answers("fish", "twosessions explain np", tmp_path) == [
        ("plain", "npc", "The National People's Congress is China's national…")
    ]
    zsh = dict(
        (word, text) for _, word, text in answers("zsh", "twosessions explain 人大", tmp_path)
    )
    assert zsh["人大"] == "Chongqing's local legislature, which the 2020 guide says…"


def test_completion_uses_overlays_and_survives_broken_ones(tmp_path: Path) -> None:
    overlay = Path(__file__).resolve().parents[1] / "docs" / "example-overlay"
    with_2099 = complete("bash", "twosessions dates ", tmp_path, TWOSESSIONS_DATA=str(overlay))
    assert with_2099 == ["2099", *SESSION_YEARS]
    bundled_only = complete(
        "bash", "twosessions dates --no-user-data ", tmp_path, TWOSESSIONS_DATA=str(overlay)
    )
    assert bundled_only == SESSION_YEARS
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "sessions.json").write_text("{not json", encoding="utf-8")
    assert complete("bash", "twosessions dates ", tmp_path, TWOSESSIONS_DATA=str(broken)) == []


# ---- --show-completion and --install-completion -----------------------------------------------


def test_show_completion_names_its_shell_whatever_shell_runs_it(tmp_path: Path) -> None:
    # A Dockerfile's RUN or a Makefile runs /bin/sh: the shell named on the line decides.
    for shell in ("bash", "zsh", "fish"):
        result = in_shell(
            ["sh", "-c", f"'{SCRIPT}' --show-completion {shell}"],
            tmp_path,
            clean_env(SHELL="/bin/sh"),
        )
        assert (result.returncode, result.stderr) == (0, ""), shell
        assert result.stdout == shells.completion_script(shell)
    unnamed = in_shell(
        ["sh", "-c", f"'{SCRIPT}' --show-completion"], tmp_path, clean_env(SHELL="/bin/sh")
    )
    assert (unnamed.returncode, unnamed.stdout) == (2, "")
    assert unnamed.stderr == (
        "twosessions: error: Invalid value for '--show-completion': cannot tell which shell to "
        "complete for (found 'sh'); name it, for example --show-completion bash (bash, zsh or "
        "fish). Try 'twosessions --help'.\n"
    )


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_show_completion_without_a_shell_finds_the_one_running_it(tmp_path: Path) -> None:
    # The README's `source <(twosessions --show-completion)`, in bash, whatever $SHELL says.
    script = "source <(twosessions --show-completion); complete -p twosessions\n"
    result = in_shell(["bash", "-c", script], tmp_path, shell_env(SHELL="/bin/sh"))
    assert (result.returncode, result.stderr) == (0, "")
    # No '-o default': an empty answer must not turn into file names.
    assert result.stdout == "complete -F _twosessions_completion twosessions\n"


def test_show_completion_rejects_a_shell_it_does_not_know(tmp_path: Path) -> None:
    result = run("--show-completion", "tcsh", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert "'tcsh' is not a shell this supports: bash, zsh, fish" in result.stderr


#: What a user's start-up file may already hold: their own completion set-up and style.
ZSHRC = "autoload -Uz compinit && compinit -u\nzstyle ':completion:*' menu no\nalias ll='ls -l'\n"


def test_install_for_zsh_adds_one_line_and_only_once(tmp_path: Path) -> None:
    (tmp_path / ".zshrc").write_text(ZSHRC, encoding="utf-8")
    result = run("--install-completion", "zsh", cwd=tmp_path, HOME=str(tmp_path))
    assert (result.returncode, result.stdout) == (0, "")
    script = tmp_path / ".zfunc" / "_twosessions"
    assert result.stderr == (
        f"twosessions: zsh completion installed in {script}; added one line to "
        f"{tmp_path / '.zshrc'} to load it; open a new terminal to use it\n"
    )
    assert script.read_text(encoding="utf-8") == shells.completion_script("zsh")
    line = (
        "(( $+functions[compdef] )) || { autoload -Uz compinit && compinit }; "
        f"source '{script}'\n"
    )
    # The user's lines untouched: no second compinit run, no zstyle of ours.
    assert (tmp_path / ".zshrc").read_text(encoding="utf-8") == ZSHRC + line
    again = run("--install-completion", "zsh", cwd=tmp_path, HOME=str(tmp_path))
    assert again.returncode == 0
    assert f"; {tmp_path / '.zshrc'} loads it;" in again.stderr
    assert (tmp_path / ".zshrc").read_text(encoding="utf-8") == ZSHRC + line


def test_install_for_bash_and_fish(tmp_path: Path) -> None:
    bash = run("--install-completion", "bash", cwd=tmp_path, HOME=str(tmp_path))
    assert bash.returncode == 0, bash.stderr
    script = tmp_path / ".bash_completions" / "twosessions.sh"
    assert script.read_text(encoding="utf-8") == shells.completion_script("bash")
    assert (tmp_path / ".bashrc").read_text(encoding="utf-8") == f"source '{script}'\n"
    fish = run("--install-completion", "fish", cwd=tmp_path, HOME=str(tmp_path))
    assert fish.returncode == 0, fish.stderr
    fish_script = tmp_path / ".config" / "fish" / "completions" / "twosessions.fish"
    assert fish.stderr == (
        f"twosessions: fish completion installed in {fish_script}; open a new terminal to use it\n"
    )
    assert fish_script.read_text(encoding="utf-8") == shells.completion_script("fish")


# ---- real shells ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def shell_paths() -> dict[str, str | None]:
    """bash with bash-completion, zsh and fish where this machine has them (.ci/run installs
    the missing ones with apt-get); the tests of a missing one skip and say so."""
    return {
        "bash": BASH_COMPLETION
        if shutil.which("bash") and Path(BASH_COMPLETION).exists()
        else None,
        "zsh": shutil.which("zsh"),
        "fish": shutil.which("fish"),
    }


def need(shell_paths: dict[str, str | None], name: str) -> None:
    if shell_paths[name] is None:
        what = "bash with bash-completion" if name == "bash" else name
        pytest.skip(f"{what} is not installed here (.ci/run installs it with apt-get)")


def _read(fd: int, until: float) -> bytes:
    """What the terminal shows until ``until`` (a monotonic time) or until it closes."""
    out = b""
    while (left := until - time.monotonic()) > 0:
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the shell closed the terminal
            break
        if not chunk:
            break
        out += chunk
    return out


#: How each shell is started, and what it runs first: completion loaded from the script
#: ``--show-completion`` prints, and Ctrl-T bound to append the line being edited to $DUMP.
INTERACTIVE = {
    "bash": (
        ["bash", "--norc", "--noprofile", "-i"],
        f"source {BASH_COMPLETION}; source <(twosessions --show-completion bash); "
        "bind 'set show-all-if-ambiguous on'; bind 'set bell-style none'; "
        """__dump() { printf '%s\\n' "$READLINE_LINE" >> "$DUMP"; }; bind -x '"\\C-t": __dump'; """
        ': > "$DUMP"',
    ),
    "zsh": (
        ["zsh", "-f", "-i"],
        "autoload -Uz compinit && compinit -u; source <(twosessions --show-completion zsh); "
        '__dump() { print -r -- "$BUFFER" >> "$DUMP" }; zle -N __dump; bindkey "^T" __dump; '
        ': > "$DUMP"',
    ),
}


def typed(
    shell: str, lines: list[str], home: Path, tabs: int = 1, *, started: list[str] | None = None
) -> tuple[list[str], str]:
    """Each of ``lines`` typed into an interactive ``shell`` and completed with TAB: the lines
    as the shell left them, and what the terminal showed meanwhile (escape codes removed).

    The shell runs in ``home``/work, where the stray file is the only file, with HOME=``home``.
    ``started``: the shell started as given instead, its own start-up files setting it up."""
    argv, setup = INTERACTIVE[shell] if started is None else (started, "")
    work = home / "work"
    work.mkdir(exist_ok=True)
    (work / STRAY).write_text("", encoding="utf-8")
    dump = home / "typed.lines"
    env = shell_env(HOME=str(home), TERM="xterm", DUMP=str(dump))
    main, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
    proc = subprocess.Popen(
        argv, stdin=secondary, stdout=secondary, stderr=secondary, cwd=work, env=env
    )
    os.close(secondary)
    shown = b""
    try:

        def wait_for(count: int) -> bytes:
            deadline = time.monotonic() + 30
            seen = b""
            while time.monotonic() < deadline:
                seen += _read(main, time.monotonic() + 0.05)
                if dump.exists() and len(dump.read_text("utf-8").splitlines()) >= count:
                    return seen
            raise AssertionError(f"{shell} did not answer; it showed {seen!r}")

        os.write(main, setup.encode() + b"\n")
        deadline = time.monotonic() + 30
        while not dump.exists() and time.monotonic() < deadline:
            shown += _read(main, time.monotonic() + 0.05)
        for n, line in enumerate(lines, 1):
            # Ctrl-T records the line; Ctrl-U clears it for the next one, sent only once the
            # line is recorded: while the completer runs the terminal is back in cooked mode,
            # where a typed-ahead Ctrl-U is the kernel's line kill and would erase the Ctrl-T.
            os.write(main, line.encode() + b"\t" * tabs + b"\x14")
            shown += wait_for(n)
            os.write(main, b"\x15")
        os.write(main, b"exit\n")
        shown += _read(main, time.monotonic() + 2)
    finally:
        proc.kill()
        proc.wait(timeout=30)
        os.close(main)
    screen = re.sub(
        r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]|[\r\x07]", "", shown.decode("utf-8", "replace")
    )
    return dump.read_text("utf-8").splitlines(), screen


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_tab_offers_files_only_where_a_file_is_expected(
    shell_paths: dict[str, str | None], tmp_path: Path, shell: str
) -> None:
    need(shell_paths, shell)
    lines, _ = typed(
        shell,
        [*NO_FILES, "twosessions ics -o unex", "twosessions --data unex"],
        tmp_path,
    )
    # Where no word fits the line stays as typed; a path argument gets the file.
    assert lines == [*NO_FILES, f"twosessions ics -o {STRAY} ", f"twosessions --data {STRAY} "]


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_tab_completes_ids_series_words_and_topics(
    shell_paths: dict[str, str | None], tmp_path: Path, shell: str
) -> None:
    need(shell_paths, shell)
    lines, _ = typed(
        shell,
        [
            "twosessions cite 2025-proposals-h",
            "twosessions trend pro",
            "twosessions explain cpp",
            "twosessions ti",
        ],
        tmp_path,
    )
    assert lines == [
        "twosessions cite 2025-proposals-handled ",
        "twosessions trend proposal",  # what 'proposal' and 'proposals' share
        "twosessions explain cppcc ",
        "twosessions timeline ",
    ]


def test_zsh_lists_descriptions_with_their_apostrophes(
    shell_paths: dict[str, str | None], tmp_path: Path
) -> None:
    need(shell_paths, "zsh")
    _, screen = typed("zsh", ["twosessions explain 人", "twosessions trend pro"], tmp_path, tabs=2)
    assert "-- Chongqing's local legislature, which the 2020 guide says…" in screen
    assert "proposals  -- CPPCC proposals submitted at the plenary session and 3 more" in screen


def test_bash_with_bash_completion_inserts_only_whole_words(
    shell_paths: dict[str, str | None], tmp_path: Path
) -> None:
    need(shell_paths, "bash")
    _, screen = typed("bash", ["twosessions explain work", "twosessions trend pro"], tmp_path)
    assert "proposal   proposals" in screen  # listed, as show-all-if-ambiguous asks
    safe = re.compile(r"^[^\s'\"`$\\;&|<>()*?\[\]{}!#~]+$")
    for typed_word in ("chinese", "work", "people", "nation", "c", ""):
        found = complete("bash", f"twosessions explain {typed_word}", tmp_path)
        assert all(safe.match(name) for name in found), found
        assert len(found) == len(set(found))
    assert (
        complete("bash", "twosessions explain work", tmp_path) == []
    )  # 'work report' needs quotes


def test_fish_completes_with_descriptions_and_no_stray_files(
    shell_paths: dict[str, str | None], tmp_path: Path
) -> None:
    need(shell_paths, "fish")
    (tmp_path / STRAY).write_text("", encoding="utf-8")
    script = "twosessions --show-completion fish | source\n" + "".join(
        f"echo '>> {line}'; complete -C '{line}'\n"
        for line in [
            *NO_FILES,
            "twosessions explain np",
            "twosessions trend pro",
            "twosessions ics -o unex",
        ]
    )
    result = in_shell(["fish", "--no-config", "-c", script], tmp_path, shell_env())
    assert result.returncode == 0, result.stderr
    offered: dict[str, list[str]] = {}
    for out in result.stdout.splitlines():
        if out.startswith(">> "):
            current = offered.setdefault(out[3:], [])
        else:
            current.append(out)
    assert {line: offered[line] for line in NO_FILES} == {line: [] for line in NO_FILES}
    assert offered["twosessions explain np"] == [
        "npc\tThe National People's Congress is China's national…"
    ]
    assert [o.split("\t")[0] for o in offered["twosessions trend pro"]] == ["proposal", "proposals"]
    assert offered["twosessions ics -o unex"] == [STRAY]


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_installed_completion_works_in_a_new_shell(
    shell_paths: dict[str, str | None], tmp_path: Path, shell: str
) -> None:
    """After --install-completion, a new interactive shell reading its usual start-up file
    completes (no set-up of ours beyond that file)."""
    need(shell_paths, shell)
    installed = run("--install-completion", shell, cwd=tmp_path, HOME=str(tmp_path))
    assert installed.returncode == 0, installed.stderr
    rc_file = tmp_path / (".bashrc" if shell == "bash" else ".zshrc")
    dump = '__dump() { printf "%s\\n" "$READLINE_LINE" >> "$DUMP"; }; bind -x \'"\\C-t": __dump\''
    if shell == "zsh":
        dump = '__dump() { print -r -- "$BUFFER" >> "$DUMP" }; zle -N __dump; bindkey "^T" __dump'
    with rc_file.open("a", encoding="utf-8") as out:
        out.write(f'{dump}; : > "$DUMP"\n')
    lines, _ = typed(shell, ["twosessions explain cpp"], tmp_path, started=[shell, "-i"])
    assert lines == ["twosessions explain cppcc "]
