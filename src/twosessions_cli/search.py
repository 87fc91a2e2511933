"""``search``: text across topics, people, figures, agenda and sessions, and Chinese terms
that find English-only records through the topic they name."""

from __future__ import annotations

import re

import msgspec

from twosessions_cli.errors import NotFound, UsageProblem
from twosessions_cli.lookups import topic_index
from twosessions_cli.records import Record, SourceRef, Topic
from twosessions_cli.store import Facts
from twosessions_cli.text import normalize, quoted


class Hit(msgspec.Struct, frozen=True):
    """One place where a search matched: the record, the field, the matched text and its citation.

    ``cite_id`` is the id that ``twosessions cite`` takes for exactly this text, and ``source``
    the citation of the matched statement or field, not of the record as a whole.
    """

    kind: str
    id: str
    label: str
    field: str
    text: str
    cite_id: str
    source: list[SourceRef]
    #: The topic through which a Chinese term found this record ('提案' finds 'CPPCC proposals
    #: filed' through the topic proposals), and the English words that matched; None when the
    #: record's own text holds the search text.
    via: str | None = None
    term: str | None = None


_THOUSANDS = re.compile(r"(?<=\d)[,\u00a0\u202f ](?=\d{3}\b)")


def _fold(text: str) -> str:
    """Normalise for search: as ``normalize``, and '1,385' reads as '1385'."""
    return normalize(_THOUSANDS.sub("", text))


SEARCH_KINDS = ("topics", "people", "figures", "agenda", "sessions")
#: The kinds whose records are written in English only, so that a Chinese term finds them
#: through the topic it names (提案: the proposal figures; 政协: the CPPCC committee's).
THROUGH_TOPICS = ("figures", "agenda")


class TopicTerms(msgspec.Struct, frozen=True):
    """What a Chinese search term stands for: its topic, the topic's English words, and the
    bodies that the topic describes."""

    topic: Topic
    words: list[str]
    bodies: list[str]


def topic_terms(facts: Facts, key: str) -> TopicTerms | None:
    """The English words of the topic a Chinese term names (提案: 'proposals', 'proposal',
    'cppcc proposals'); None when ``key`` is not a topic's Chinese name.

    The words are the topic's id, its title, and those English aliases that are the id's own
    word ('proposal' for proposals, not 'committee' for cppcc).
    """
    if key.isascii():
        return None
    topic = topic_index(facts.topics).get(key)
    if topic is None:
        return None
    ident = normalize(topic.id)
    words = [ident, normalize(topic.title)]
    for alias in topic.aliases:
        folded = normalize(alias)
        if folded.isascii() and (folded in ident or ident in folded) and folded not in words:
            words.append(folded)
    bodies = [b.id for b in facts.bodies if b.topic == topic.id]
    return TopicTerms(topic, words, bodies)


def _own_source(record: Record) -> list[SourceRef]:
    return list(getattr(record, "source", None) or [])


def _through_topic(facts: Facts, kind: str, record: Record, terms: TopicTerms) -> Hit | None:
    """A figure or agenda entry that a Chinese term finds through its topic: by the English
    words of the topic (in its label, series or items), or as a record of a body it names."""
    for field_name, value, cite_id, refs in [
        *record.searched(),
        ("series", getattr(record, "series", None) or "", record.id, _own_source(record)),
    ]:
        folded = _fold(value)
        for word in terms.words:
            if word in folded:
                return Hit(
                    kind,
                    record.id,
                    record.caption(),
                    field_name,
                    value,
                    cite_id,
                    refs,
                    terms.topic.id,
                    word,
                )
    body = getattr(record, "body", None)
    if body in terms.bodies:
        named = facts.body_by_id[body].name if body in facts.body_by_id else body
        return Hit(
            kind,
            record.id,
            record.caption(),
            "body",
            named,
            record.id,
            _own_source(record),
            terms.topic.id,
            None,
        )
    return None


def search(facts: Facts, text: str) -> list[Hit]:
    """Records whose text contains ``text`` (case- and punctuation-insensitive), one hit per record.

    The hit is the first part of the record that matches, with that part's own citation.
    """
    key = _fold(text.replace("\0", ""))
    if not key:
        raise UsageProblem("search text is empty; give a word such as 'congress' or '政协'")
    terms = topic_terms(facts, normalize(text))
    hits: list[Hit] = []
    for kind in SEARCH_KINDS:
        for record in facts.records(kind):
            for field_name, value, cite_id, refs in record.searched():
                if key in _fold(value):
                    hits.append(
                        Hit(kind, record.id, record.caption(), field_name, value, cite_id, refs)
                    )
                    break
            else:
                if terms is not None and kind in THROUGH_TOPICS:
                    found = _through_topic(facts, kind, record, terms)
                    if found is not None:
                        hits.append(found)
    if not hits:
        from twosessions_cli.people import ROLE_WORDS

        role = normalize(text)
        if role in ROLE_WORDS:  # 总理, 市长: a role, which 'who' reads in the English roles
            raise NotFound(
                f"nothing matches {quoted(text)}; 'twosessions who {role}' finds the people "
                "by that role"
            )
        raise NotFound(
            f"nothing matches {quoted(text)}; try a broader word, or 'twosessions explain' for topics"
        )
    return hits
