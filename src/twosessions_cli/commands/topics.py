"""The commands that explain words: ``explain`` and ``glossary``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from twosessions_cli import lookups
from twosessions_cli.app import command, complete_topic, options
from twosessions_cli.render import payloads, present

if TYPE_CHECKING:
    from twosessions_cli.render.formats import Report


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

        def _topics_report() -> Report:
            from twosessions_cli.render.views.topics import topics_report  # not for --json

            return topics_report(facts, facts.topics)

        present(
            opts.format,
            lambda: payloads.topics_data(facts, facts.topics),
            listing=_topics_report,
        )
        return
    found = lookups.find_topic(facts, topic)
    related = lookups.related_topics(facts, found)

    def _show_topic() -> None:
        from twosessions_cli.render.views.topics import show_topic  # not for --json

        return show_topic(facts, found, related)

    present(
        opts.format,
        lambda: payloads.topic_data(facts, found),
        _show_topic,
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

    def _show_glossary() -> None:
        from twosessions_cli.render.views.topics import show_glossary  # not for --json

        return show_glossary(terms)

    def _glossary_report() -> Report:
        from twosessions_cli.render.views.topics import glossary_report  # not for --json

        return glossary_report(facts, terms)

    present(
        opts.format,
        lambda: payloads.glossary_data(facts, terms),
        _show_glossary,
        _glossary_report,
    )
