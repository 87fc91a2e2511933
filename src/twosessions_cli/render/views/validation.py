"""``validate``: problems one per line (plain, for grep and editors), or a one-line summary."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence

from twosessions_cli.errors import Problem
from twosessions_cli.render.wording import count_text
from twosessions_cli.text import one_line, plural


def show_validation(
    problems: Sequence[Problem], counts: Mapping[str, int], checked: Sequence[str]
) -> None:
    out = sys.stdout
    for problem in problems:
        out.write(one_line(str(problem)) + "\n")
    if not problems:
        total = sum(counts.values())
        where = ", ".join(checked)
        out.write(
            f"ok: {one_line(where)}: {plural(total, 'record')} valid ({count_text(counts)})\n"
        )
