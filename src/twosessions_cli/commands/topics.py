"""The commands that explain words: ``explain`` and ``glossary``."""

# No ``from __future__ import annotations`` here: Typer reads these parameters' annotations
# when it builds a command, and each annotation kept as a string would cost a compile.

from typing import Annotated

import typer

from twosessions_cli import lookups
from twosessions_cli.app import command, options
from twosessions_cli.completion import complete_topic
from twosessions_cli.render import payloads, present, views


@command()
def explain(
    ctx: typer.Context,
    topic: Annotated[
        str | None,
        typer.Argument(
            metavar="[TOPIC]",
            help="A topic id, English name or Chinese name (e.g. cppcc, 人大).",
            show_default=False,
            autocompletion=complete_topic,
        ),
    ] = None,
) -> None:
    """A body or term in plain language (no TOPIC: the list).

    \b
    Examples:
      twosessions explain
      twosessions explain cppcc
      twosessions explain 两会
      twosessions explain "work report" --json
    """
    opts = options(ctx)
    facts = opts.facts()
    if topic is None:
        present(
            opts.format,
            lambda: payloads.topics_data(facts, facts.topics),
            listing=lambda: views.topics.topics_report(facts, facts.topics),
        )
        return
    found = lookups.find_topic(facts, topic)
    related = lookups.related_topics(facts, found)

    present(
        opts.format,
        lambda: payloads.topic_data(facts, found),
        lambda: views.topics.show_topic(facts, found, related),
    )


@command()
def glossary(ctx: typer.Context) -> None:
    """Every term: English, Chinese, pinyin and meaning.

    \b
    Examples:
      twosessions glossary
      twosessions glossary --json
    """
    opts = options(ctx)
    facts = opts.facts()
    terms = lookups.glossary(facts)

    present(
        opts.format,
        lambda: payloads.glossary_data(facts, terms),
        lambda: views.topics.show_glossary(terms),
        lambda: views.topics.glossary_report(facts, terms),
    )
