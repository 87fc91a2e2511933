"""The shells' side of completion: the bash, zsh and fish scripts, the answers in the form each
script reads, and ``--show-completion [SHELL]`` / ``--install-completion [SHELL]``.

The scripts speak Click 8's typed protocol rather than Typer's: each answer says whether it is a
word to offer or a file or folder to look for, so the shell lists file names where the argument
is a path (``ics -o``, ``validate``) and nothing at all where no word fits (``who``, ``search``,
``next --today``); Typer's scripts fall back to file names whenever the answer is empty. The
words themselves come from the completers in ``completion``.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any

import typer
from typer._completion_classes import BashComplete, FishComplete, PowerShellComplete, ZshComplete

from twosessions_cli.app import AUTO_SHELL, COMPLETE_VAR
from twosessions_cli.render.output import note
from twosessions_cli.text import PROG


def _click_module(name: str) -> Any:
    """A module of the click that typer runs on (typer >= 0.26 vendors its own copy)."""
    package = typer.BadParameter.__module__.rpartition(".")[0]
    return importlib.import_module(f"{package}.{name}")


_shell_completion = _click_module("shell_completion")


def _split(line: str) -> list[str]:
    """The words of a command line as a shell would split them (an open quote tolerated)."""
    words: list[str] = _shell_completion.split_arg_string(line)
    return words


# bash: 'plain,WORD' lines are offered; a 'file' or 'dir' line hands over to the shell's own
# file-name completion. Without `-o default`, an empty answer offers nothing.
_BASH = r"""
%(complete_func)s() {
    local IFS=$'\n'
    local response completion
    response=$(env COMP_WORDS="${COMP_WORDS[*]}" COMP_CWORD=$COMP_CWORD \
%(autocomplete_var)s=complete_bash "$1")
    COMPREPLY=()
    for completion in $response; do
        case $completion in
            file,*) COMPREPLY=(); compopt -o default; return 0 ;;
            dir,*) COMPREPLY=(); compopt -o dirnames; return 0 ;;
            plain,*) COMPREPLY+=("${completion#plain,}") ;;
        esac
    done
    return 0
}

complete -F %(complete_func)s %(prog_name)s
"""

# zsh: three lines per answer (type, word, description or '_'), read into arrays, so that no
# quoting stands between a description and the menu (an apostrophe stays an apostrophe).
_ZSH = r"""
#compdef %(prog_name)s

%(complete_func)s() {
    local -a completions completions_with_descriptions response
    local type key descr
    (( ! $+commands[%(prog_name)s] )) && return 1
    response=("${(@f)$(env COMP_WORDS="${words[*]}" COMP_CWORD=$((CURRENT-1)) \
%(autocomplete_var)s=complete_zsh %(prog_name)s)}")
    for type key descr in ${response}; do
        if [[ "$type" == "plain" ]]; then
            if [[ "$descr" == "_" ]]; then
                completions+=("$key")
            else
                completions_with_descriptions+=("$key":"$descr")
            fi
        elif [[ "$type" == "dir" ]]; then
            _path_files -/
        elif [[ "$type" == "file" ]]; then
            _path_files -f
        fi
    done
    if [ -n "$completions_with_descriptions" ]; then
        _describe -V unsorted completions_with_descriptions -U
    fi
    if [ -n "$completions" ]; then
        compadd -U -V unsorted -a completions
    fi
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
    %(complete_func)s "$@"
else
    compdef %(complete_func)s %(prog_name)s
fi
"""

# fish: 'type,word<TAB>description' lines; --no-files, and file names only for a 'file' answer.
_FISH = r"""
function %(complete_func)s
    set -l response (env %(autocomplete_var)s=complete_fish COMP_WORDS=(commandline -cp) \
COMP_CWORD=(commandline -ct) %(prog_name)s)
    for completion in $response
        set -l metadata (string split -m 1 "," -- $completion)
        switch $metadata[1]
            case dir
                __fish_complete_directories $metadata[2]
            case file
                __fish_complete_path $metadata[2]
            case plain
                printf '%%s\n' $metadata[2]
        end
    end
end

complete --no-files --command %(prog_name)s --arguments "(%(complete_func)s)"
"""


#: Parameter types whose values are paths, as click and Typer name them: the shell completes
#: them from the file system (Typer's own path type offers nothing, for its fallback scripts).
_PATH_TYPES = {"path": "file", "file": "file", "directory": "dir"}


def _typed_completions(complete: Any, args: list[str], incomplete: str) -> list[Any]:
    """What ``complete`` (a shell's completer) offers, a path parameter answering 'file' or
    'dir' so that the shell lists the file system there, and only there."""
    ctx = _shell_completion._resolve_context(
        complete.cli, complete.ctx_args, complete.prog_name, args
    )
    obj, incomplete = _shell_completion._resolve_incomplete(ctx, args, incomplete)
    kind = _PATH_TYPES.get(str(getattr(getattr(obj, "type", None), "name", "")))
    if kind is not None:
        return [_shell_completion.CompletionItem(incomplete, type=kind)]
    found: list[Any] = obj.shell_complete(ctx, incomplete)
    return found


def _words_and_cursor() -> tuple[list[str], str]:
    """The words before the cursor and the one being typed, from COMP_WORDS and COMP_CWORD."""
    words = _split(os.environ.get("COMP_WORDS", ""))
    cword = int(os.environ.get("COMP_CWORD", "0") or 0)
    incomplete = words[cword] if 0 <= cword < len(words) else ""
    return words[1:cword], incomplete


class _Typed:
    """What the three scripts share: typed answers (``_typed_completions``), the words from
    COMP_WORDS and COMP_CWORD, and one answer a line."""

    def get_completions(self, args: list[str], incomplete: str) -> list[Any]:
        return _typed_completions(self, args, incomplete)

    def get_completion_args(self) -> tuple[list[str], str]:
        return _words_and_cursor()

    def format_completion(self, item: Any) -> str:
        return f"{item.type},{item.value}"

    def complete(self) -> str:
        args, incomplete = self.get_completion_args()
        return "\n".join(self.format_completion(i) for i in self.get_completions(args, incomplete))


class _Bash(_Typed, BashComplete):
    source_template = _BASH


class _Zsh(_Typed, ZshComplete):
    source_template = _ZSH

    def format_completion(self, item: Any) -> str:
        help_text = " ".join(str(item.help).split()) if item.help else "_"
        # _describe splits a described word from its description at the first unescaped colon.
        value = item.value.replace(":", r"\:") if help_text != "_" else item.value
        return f"{item.type}\n{value}\n{help_text}"


class _Fish(_Typed, FishComplete):
    source_template = _FISH

    def get_completion_args(self) -> tuple[list[str], str]:
        # fish gives the line up to the cursor and, apart, the token being typed.
        words = _split(os.environ.get("COMP_WORDS", ""))
        typed = os.environ.get("COMP_CWORD", "")
        incomplete = _split(typed)[0] if typed.strip() else ""
        args = words[1:]
        if incomplete and args and args[-1] == incomplete:
            args.pop()
        return args, incomplete

    def format_completion(self, item: Any) -> str:
        described = f"\t{' '.join(str(item.help).split())}" if item.help else ""
        return f"{item.type},{item.value}{described}"


SHELL_CLASSES: dict[str, type[Any]] = {
    "bash": _Bash,
    "zsh": _Zsh,
    "fish": _Fish,
    "powershell": PowerShellComplete,
    "pwsh": PowerShellComplete,
}
SHELLS = tuple(SHELL_CLASSES)


for _name, _class in SHELL_CLASSES.items():
    _shell_completion.add_completion_class(_class, _name)


# --------------------------------------------------------------------------------------------
# --show-completion and --install-completion
# --------------------------------------------------------------------------------------------


def _shell_named(value: str) -> str:
    """The shell asked for, or the one running this program (then $SHELL) for 'auto'."""
    wanted = value.strip().lower()
    if wanted != AUTO_SHELL:
        if wanted not in SHELLS:
            raise typer.BadParameter(f"{value!r} is not a shell this supports: {', '.join(SHELLS)}")
        return wanted
    import shellingham  # type: ignore[import-untyped]

    try:
        detected: str | None = shellingham.detect_shell()[0]
    except shellingham.ShellDetectionFailure:
        detected = None
    from_env = Path(os.environ.get("SHELL", "")).name
    for name in (detected, from_env):
        if name in SHELLS:
            return name
    found = detected or from_env or "none"
    raise typer.BadParameter(
        f"cannot tell which shell to complete for (found {found!r}); "
        "name it, for example --show-completion bash (bash, zsh or fish)"
    )


def completion_script(shell: str) -> str:
    """The script that makes ``shell`` complete this program's words."""
    complete_class = SHELL_CLASSES[shell]
    func_name = f"_{PROG}_completion"
    if complete_class in (_Bash, _Zsh, _Fish):
        script: str = complete_class.source_template % {
            "complete_func": func_name,
            "autocomplete_var": COMPLETE_VAR,
            "prog_name": PROG,
        }
        return script.strip() + "\n"
    # PowerShell: Typer's script, as before.
    from typer._completion_shared import get_completion_script

    return get_completion_script(prog_name=PROG, complete_var=COMPLETE_VAR, shell=shell) + "\n"


def _append_line(rc_file: Path, line: str) -> bool:
    """Add ``line`` at the end of ``rc_file`` unless it is there already; True if added."""
    text = rc_file.read_text(encoding="utf-8") if rc_file.is_file() else ""
    if line in text.splitlines():
        return False
    rc_file.parent.mkdir(parents=True, exist_ok=True)
    with rc_file.open("a", encoding="utf-8") as out:
        out.write(("" if not text or text.endswith("\n") else "\n") + line + "\n")
    return True


def _quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "'\\''") + "'"


def install_completion(shell: str, home: Path) -> tuple[Path, Path | None, bool]:
    """Write the script where ``shell`` reads it: (script, start-up file that loads it or None,
    whether a line was added to that file). One line at most is added, and only once."""
    if shell in ("powershell", "pwsh"):
        from typer._completion_shared import install

        _, path = install(shell=shell, prog_name=PROG, complete_var=COMPLETE_VAR)
        return path, None, False
    if shell == "fish":
        config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
        script = config / "fish" / "completions" / f"{PROG}.fish"
        rc_file, line = None, ""
    elif shell == "bash":
        script = home / ".bash_completions" / f"{PROG}.sh"
        rc_file, line = home / ".bashrc", f"source {_quoted(script)}"
    else:
        script = home / ".zfunc" / f"_{PROG}"
        # compdef comes with compinit: run it only if the user's own start-up has not.
        rc_file = home / ".zshrc"
        line = (
            "(( $+functions[compdef] )) || { autoload -Uz compinit && compinit }; "
            f"source {_quoted(script)}"
        )
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(completion_script(shell), encoding="utf-8")
    added = _append_line(rc_file, line) if rc_file is not None else False
    return script, rc_file, added


def show_completion(ctx: typer.Context, value: str | None) -> None:
    """--show-completion [SHELL]: print the script, for the shell named or the one in use."""
    if value is None or ctx.resilient_parsing:
        return
    print(completion_script(_shell_named(value)), end="")
    raise typer.Exit()


def install_completion_option(ctx: typer.Context, value: str | None) -> None:
    """--install-completion [SHELL]: install the script, and say where and what changed."""
    if value is None or ctx.resilient_parsing:
        return
    shell = _shell_named(value)
    script, rc_file, added = install_completion(shell, Path.home())
    loads = ""
    if rc_file is not None:
        loads = f"; added one line to {rc_file} to load it" if added else f"; {rc_file} loads it"
    note(f"{shell} completion installed in {script}{loads}; open a new terminal to use it")
    raise typer.Exit()
