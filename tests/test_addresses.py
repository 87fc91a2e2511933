"""Web addresses are never broken: whole on a line of their own at any width, piped or not, and
real hyperlinks (OSC 8) on a terminal that shows styles, never escape codes otherwise."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run

from twosessions_cli.store import Facts

CLI = Callable[..., Run]
GUIDE = "https://www.ichongqing.info/2020/01/15/a-foreigners-guide-to-the-chongqing-two-sessions/"
NEWS = (
    "https://www.ichongqing.info/2026/01/25/chongqing-two-sessions-to-open-on-jan-27-"
    "spotlighting-modern-city-governance-and-people-centered-development/amp"
)
WIDTHS = ("40", "80", "160")
URL = re.compile(r"https?://\S+")
OSC8 = re.compile(r"\x1b\]8;[^;]*;([^\x1b]*)\x1b\\")

#: Views that print addresses, and one address each must show.
VIEWS: list[tuple[list[str], str]] = [
    (["explain", "cppcc"], GUIDE),
    (["explain", "npc"], GUIDE),
    (["sources"], NEWS),
    (["who", "zhang"], NEWS),
]
#: Every other view: an address it shows (none, mostly) is held to the same rule.
OTHERS: list[list[str]] = [
    ["dates", "--all"],
    ["next", "--today", "2026-01-29"],
    ["stats", "2025"],
    ["agenda", "2026"],
    ["who"],
    ["search", "congress"],
    ["sources", "--coverage"],
    ["trend", "proposals"],
    ["targets"],
    ["glossary"],
    ["explain"],
    ["timeline"],
]


def _addresses(all_facts: Facts) -> set[str]:
    return {s.address for s in all_facts.sources if s.address}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("args", "expected"), VIEWS, ids=[" ".join(a) for a, _ in VIEWS])
def test_an_address_is_whole_on_a_line_of_its_own(
    cli: CLI, all_facts: Facts, args: list[str], expected: str, width: str
) -> None:
    out = cli(*args, env={"COLUMNS": width}).stdout
    lines = [line.strip() for line in out.splitlines()]
    assert expected in lines
    known = _addresses(all_facts)
    for line in out.splitlines():
        for found in URL.findall(line):
            assert found in known, f"a broken or altered address: {found!r}"
            assert line.strip() == found, f"an address shares its line: {line!r}"


def test_explain_piped_keeps_the_guide_address_on_one_line(cli: CLI) -> None:
    # The defect: 'explain cppcc | cat' printed '...chongqing-two-s' and 'essions/' below it.
    out = cli("explain", "cppcc", env={"COLUMNS": "80"}).stdout
    assert f"\n{GUIDE}\n" in out


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("args", OTHERS, ids=" ".join)
def test_no_view_breaks_an_address(cli: CLI, all_facts: Facts, args: list[str], width: str) -> None:
    env = {"COLUMNS": width, **({"FORCE_COLOR": "1"} if args[0] == "timeline" else {})}
    out = cli(*args, env=env).stdout
    known = _addresses(all_facts)
    for line in out.splitlines():
        assert not [u for u in URL.findall(line) if u not in known], line


@pytest.mark.parametrize("width", WIDTHS)
def test_cite_keeps_the_address_whole(cli: CLI, width: str) -> None:
    out = cli("cite", "2025-proposals-handled", env={"COLUMNS": width}).stdout
    assert any(NEWS in line for line in out.splitlines())


@pytest.mark.parametrize("args", [["explain", "cppcc"], ["sources"], ["who", "zhang"]])
def test_color_always_makes_addresses_hyperlinks(cli: CLI, args: list[str]) -> None:
    out = cli(*args, "--color", "always", env={"COLUMNS": "80"}).stdout
    linked = OSC8.findall(out)
    assert NEWS in linked or GUIDE in linked
    # The link is the address itself, shown whole between the opening and closing sequences.
    assert re.search(r"\x1b\]8;[^;]*;(https?://\S+?)\x1b\\(?:\x1b\[[0-9;]*m)*\1", out)


@pytest.mark.parametrize(
    "env",
    [
        {},  # piped
        {"FORCE_COLOR": "1", "NO_COLOR": "1"},  # a terminal, but NO_COLOR
    ],
    ids=["piped", "no-color"],
)
def test_no_hyperlink_when_piped_or_no_color(cli: CLI, env: dict[str, str]) -> None:
    out = cli("explain", "cppcc", env={"NO_COLOR": "", **env}).stdout
    assert "\x1b]8;" not in out
    assert GUIDE in out


def test_color_never_prints_no_escape_code_at_all(cli: CLI) -> None:
    out = cli("sources", "--color", "never", env={"FORCE_COLOR": "1", "NO_COLOR": ""}).stdout
    assert "\x1b" not in out
    assert NEWS in out


def test_an_address_from_data_is_never_markup_nor_a_link_elsewhere(
    cli: CLI, tmp_path: Path
) -> None:
    example = Path(__file__).parents[1] / "docs" / "example-overlay"
    sources = json.loads((example / "sources.json").read_text(encoding="utf-8"))
    sources[0]["address"] = "javascript:alert(1)//[link=http://x]y[/link]\x1b]8;;http://evil\x1b\\"
    (tmp_path / "sources.json").write_text(json.dumps(sources), encoding="utf-8")
    (tmp_path / "sessions.json").write_bytes((example / "sessions.json").read_bytes())
    env = {"FORCE_COLOR": "1", "NO_COLOR": "", "COLUMNS": "80"}
    out = cli("sources", "--data", str(tmp_path), "--color", "always", env=env).stdout
    assert "javascript:alert(1)//[link=http://x]y[/link]" in out
    assert "http://evil" not in OSC8.findall(out)
    assert "javascript:alert(1)" not in " ".join(OSC8.findall(out))
