"""What ``cite`` says of a fact: one sentence for an article, the pages it rests on, and why,
when it was inferred.

The sentence names no internal id; it keeps the fact's standing: a date that was only
announced 'was scheduled', an inferred date or year says so, and a qualifier ('over 50')
stays with its number, written as the tables write it ('5.3%', '1,385 proposals').
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import msgspec

from twosessions_cli.records import (
    AgendaEntry,
    Body,
    Dated,
    Figure,
    Grounds,
    Person,
    Session,
    Source,
    SourceRef,
    Topic,
    citations,
)
from twosessions_cli.render.wording import unit_text, value_text
from twosessions_cli.store import Facts
from twosessions_cli.text import MONTHS, english_date

if TYPE_CHECKING:
    from twosessions_cli.lookups import Citable


class Claim(msgspec.Struct, frozen=True):
    """One cited fact as a sentence: ``text`` (no citation, no final full stop), the
    ``refs`` it rests on, its ``basis`` as a whole, and the ``reasons`` of what was inferred,
    as (what was inferred, why); what is '' when the whole sentence was inferred."""

    id: str
    text: str
    refs: list[SourceRef]
    basis: str = "source"
    reasons: list[tuple[str, str]] = []
    #: A page cited as a whole (citing a source record itself): no paragraphs.
    page: str | None = None


def day_text(day: dt.date, *, year: bool = True) -> str:
    """'27 January 2026' (or '27 January' where the year is already said)."""
    return f"{day.day} {MONTHS[day.month - 1]}" + (f" {day.year}" if year else "")


def _body(facts: Facts, body_id: str) -> str:
    """A body's full name, for a sentence read away from the tool: 'the National People's
    Congress' is never confused with Chongqing's own People's Congress."""
    body = facts.body_by_id.get(body_id)
    return f"the {body.name}" if body else body_id


def _session_subject(facts: Facts, year: int, body_id: str) -> str:
    return f"The {year} session of {_body(facts, body_id)}"


def _date_phrase(verb: str, part: Dated, *, year: bool = True) -> str:
    """'opened on 27 January 2026', or 'was scheduled to open on ...' for an announced date."""
    past = {"open": "opened", "close": "closed"}[verb]
    said = "on " + day_text(part.date, year=year)
    return f"{past} {said}" if part.status == "held" else f"was scheduled to {verb} {said}"


_DATE_NAMES = {"opens": "opening date", "closes": "closing date"}


def _dates_phrase(session: Session) -> str:
    """'opened on 27 January 2026 and closed on 31 January'; announced dates 'were scheduled'."""
    opens, closes = session.opens, session.closes
    if opens is None or closes is None:
        if opens is not None:
            return _date_phrase("open", opens)
        return _date_phrase("close", closes) if closes is not None else "has no dates in the data"
    same_year = opens.date.year == closes.date.year
    if opens.status == closes.status == "scheduled":
        start = day_text(opens.date, year=not same_year)
        return f"was scheduled to run from {start} to {day_text(closes.date)}"
    return f"{_date_phrase('open', opens)} and {_date_phrase('close', closes, year=not same_year)}"


def _session_claim(facts: Facts, session: Session, cited_id: str) -> Claim:
    """The session's dates in one sentence; its numbering when no date is known."""
    subject = _session_subject(facts, session.year, session.body)
    dated = [(name, getattr(session, name)) for name in ("opens", "closes")]
    known = [(name, part) for name, part in dated if part is not None]
    if not known:
        label = session.label(long=True)
        if label and session.numbered is not None:
            return _grounded(cited_id, f"{subject} was the {label}", session.numbered)
        return Claim(cited_id, f"{subject} is in the data without dates", citations(session))
    text = f"{subject} {_dates_phrase(session)}"
    inferred = [name for name, part in known if part.basis == "inferred"]
    if len(inferred) == len(known) == 2:
        text += "; both dates are inferred from the pages cited"
    elif inferred:
        text += f"; the {_DATE_NAMES[inferred[0]]} is inferred from the pages cited"
    refs = [ref for _, part in known for ref in part.source]
    reasons = [
        (f"The {_DATE_NAMES[name]}", part.reason or "") for name, part in known if part.reason
    ]
    return Claim(cited_id, text, refs, reasons=reasons)


def _figure_value(figure: Figure) -> str:
    """'1,385 proposals', '5.3%', 'over 50 delegates', '6.5-7%'."""
    unit = unit_text(figure.unit)
    return value_text(figure) + (f" {unit}" if unit else "")


def _with_inference(claim: Claim, record: Any) -> Claim:
    """A record whose year (or figure, or session) was inferred says so, and why."""
    inferred = getattr(record, "inferred", None)
    if inferred is None:
        return claim
    return msgspec.structs.replace(
        claim,
        text=f"{claim.text}; the {inferred.what} is inferred from the pages cited",
        reasons=[*claim.reasons, (f"The {inferred.what}", inferred.reason)],
    )


def _figure_claim(facts: Facts, figure: Figure, cited_id: str) -> Claim:
    if figure.value is None:
        text = f"{figure.label} for {figure.year}: {figure.qualifier or 'none was set'}"
    else:
        text = f"{figure.label} for {figure.year} stood at {_figure_value(figure)}"
    return _with_inference(Claim(cited_id, text, list(figure.source)), figure)


def _agenda_claim(facts: Facts, entry: AgendaEntry, cited_id: str) -> Claim:
    subject = _session_subject(facts, entry.year, entry.body)
    if entry.count is None:
        text = f"The sources give no count of the agenda items of {subject[0].lower()}{subject[1:]}"
    else:
        items = entry.qualifier or "items"
        text = f"{subject} had {entry.count} {items} on its agenda"
    return _with_inference(Claim(cited_id, text, list(entry.source)), entry)


def _person_claim(facts: Facts, person: Person, cited_id: str) -> Claim:
    """'Tang Liangzhi (唐良智) was Mayor of Chongqing at the 2021 sessions'; a role that is
    something done ('Presided over ...') is said as a verb: 'Wang Jiong (王炯) presided over ...'.

    The year is that of the latest sessions the person is recorded at, which the person's own
    citation may not show (a 2020 page names the mayor): every page of the record is cited."""
    name = f"{person.name} ({person.chinese})" if person.chinese else person.name
    first = person.role.split(" ", 1)[0]
    if first.endswith("ed") and first[:1].isupper() and first[1:].islower():
        text = f"{name} {person.role[0].lower()}{person.role[1:]}"
    else:
        text = f"{name} was {person.role}"
    if str(person.year) not in person.role:
        text += f" at the {person.year} sessions"
    return _with_inference(Claim(cited_id, text, citations(person)), person)


def _topic_claim(facts: Facts, topic: Topic, cited_id: str) -> Claim:
    return _grounded(cited_id, topic.summary.text, topic.summary)


def _body_claim(facts: Facts, body: Body, cited_id: str) -> Claim:
    text = f"The {body.name} is called {body.chinese} in Chinese" if body.chinese else body.name
    return Claim(cited_id, text, list(body.source))


def _published(source: Source) -> str:
    title = f"'{source.title}'" if source.title else "an untitled page"
    when = f"on {english_date(source.published)}" if source.published else "on a date not known"
    return f"{source.publisher} published {title} {when}"


def _source_claim(facts: Facts, source: Source, cited_id: str) -> Claim:
    claim = Claim(cited_id, _published(source), [], page=source.id)
    dated = source.published_grounds
    if source.published and dated is not None and dated.basis == "inferred":
        why = [("The date", dated.reason)] if dated.reason else []
        text = f"{claim.text}; the date is inferred"
        return msgspec.structs.replace(claim, text=text, reasons=why)
    return claim


#: The sentence for a record cited as a whole, by its kind.
_RECORD_CLAIMS: dict[str, Callable[[Facts, Any, str], Claim]] = {
    "sessions": _session_claim,
    "figures": _figure_claim,
    "agenda": _agenda_claim,
    "people": _person_claim,
    "topics": _topic_claim,
    "bodies": _body_claim,
    "sources": _source_claim,
}


def _grounded(cited_id: str, text: str, part: Grounds) -> Claim:
    """A sentence resting on one grounded part: its basis, paragraphs and reason."""
    reasons = [("", part.reason)] if part.basis == "inferred" and part.reason else []
    return Claim(cited_id, text, list(part.source), part.basis, reasons)


def _session_date(facts: Facts, session: Session, part: Any) -> str:
    subject = _session_subject(facts, session.year, session.body)
    verb = "open" if part is session.opens else "close"
    return f"{subject} {_date_phrase(verb, part)}"


def _session_numbered(facts: Facts, session: Session, part: Any) -> str:
    subject = _session_subject(facts, session.year, session.body)
    return f"{subject} was the {session.label(long=True) or 'session of its term'}"


def _session_chinese(facts: Facts, session: Session, part: Any) -> str:
    subject = _session_subject(facts, session.year, session.body)
    return f"{subject} is called {part.text} in Chinese"


def _session_venue(facts: Facts, session: Session, part: Any) -> str:
    verb = "closed at" if part is session.closing_venue else "sat at"
    return f"{_session_subject(facts, session.year, session.body)} {verb} {part.text}"


def _session_statement(facts: Facts, session: Session, part: Any) -> str:
    """A statement about the session, said of it by name: 'Its length was ...' read alone
    would not say whose."""
    text = str(part.text)
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        text = text[0].lower() + text[1:]
    return f"{_session_subject(facts, session.year, session.body)}: {text}"


def _topic_names(facts: Facts, topic: Topic, part: Any) -> str:
    pinyin = f" ({topic.pinyin})" if topic.pinyin else ""
    return f"{topic.title} is {topic.chinese}{pinyin} in Chinese" if topic.chinese else topic.title


def _source_published(facts: Facts, source: Source, part: Any) -> str:
    return _published(source)


#: The sentence for a part that is not itself a sentence (a date, a numbering, a name), by the
#: kind of its record and the part's name in its id.
_PART_SENTENCES: dict[tuple[str, str], Callable[[Facts, Any, Any], str]] = {
    ("sessions", "opens"): _session_date,
    ("sessions", "closes"): _session_date,
    ("sessions", "numbered"): _session_numbered,
    ("sessions", "chinese"): _session_chinese,
    ("sessions", "venue"): _session_venue,
    ("sessions", "closing_venue"): _session_venue,
    ("sessions", "length"): _session_statement,
    ("sessions", "note"): _session_statement,
    ("topics", "names"): _topic_names,
    ("sources", "published"): _source_published,
}


def _part_claim(facts: Facts, found: Citable, part: Grounds) -> Claim:
    """One part of a record: a statement says itself; a date, a numbering or a name is
    put in words."""
    record, cited_id = found.record, found.part_id or found.record.id
    sentence = _PART_SENTENCES.get((found.kind, cited_id.removeprefix(f"{record.id}.")))
    if sentence is not None:
        return _grounded(cited_id, sentence(facts, record, part), part)
    said = getattr(part, "text", None)
    return _grounded(cited_id, str(said) if said else record.described(), part)


def claim_of(facts: Facts, found: Citable) -> Claim:
    """The sentence ``cite`` gives for a record or one of its parts."""
    if found.part is not None:
        claim = _part_claim(facts, found, found.part)
    else:
        claim = _RECORD_CLAIMS[found.kind](facts, found.record, found.record.id)
    return msgspec.structs.replace(claim, text=claim.text.rstrip().removesuffix("."))


def paragraphs_text(paragraphs: Sequence[int]) -> str:
    """'paragraph 6', 'paragraphs 1-2', 'paragraphs 2, 7, 13, 21': a run of neighbours joined."""
    runs: list[list[int]] = []
    for n in sorted(set(paragraphs)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    spans = [str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs]
    label = "paragraph" if spans == [str(runs[0][0])] else "paragraphs"
    return f"{label} {', '.join(spans)}"
