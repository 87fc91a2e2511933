"""The views people read, one module per kind: each builds a ``Report`` (a listing that CSV and
Markdown can write too) or draws a view of its own on the console.

A view module is imported when a command first uses it (``views.sessions.sessions_report``),
so a command that prints JSON never loads one, nor the Rich helpers they import.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import twosessions_cli.render.views.agenda as agenda
    import twosessions_cli.render.views.figures as figures
    import twosessions_cli.render.views.people as people
    import twosessions_cli.render.views.search as search
    import twosessions_cli.render.views.sessions as sessions
    import twosessions_cli.render.views.sources as sources
    import twosessions_cli.render.views.targets as targets
    import twosessions_cli.render.views.timeline as timeline
    import twosessions_cli.render.views.topics as topics
    import twosessions_cli.render.views.validation as validation

__all__ = [
    "agenda",
    "figures",
    "people",
    "search",
    "sessions",
    "sources",
    "targets",
    "timeline",
    "topics",
    "validation",
]


def __getattr__(name: str) -> ModuleType:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return importlib.import_module(f"{__name__}.{name}")
