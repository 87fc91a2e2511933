"""The typed model of the facts, and the one place that reads and validates data files."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec

from twosessions_cli.errors import DataError

#: Refuse data files larger than this: the bundled files are a few kilobytes, and a cap keeps a
#: mistaken or hostile overlay from costing unbounded memory or time.
MAX_FILE_BYTES = 5 * 1024 * 1024

NonEmpty = Annotated[str, msgspec.Meta(min_length=1)]
Id = Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=120)]
Year = Annotated[int, msgspec.Meta(ge=1949, le=2200)]
Count = Annotated[int, msgspec.Meta(ge=0)]


class _Record(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """Base of every record: strict about unknown fields so that typos in a data file are caught."""


class SourceRef(_Record, frozen=True, kw_only=True):
    """Where a fact comes from: a source document and a paragraph (non-blank lines counted from 1)."""

    file: NonEmpty
    paragraph: Annotated[int, msgspec.Meta(ge=1)]


Provenance = Annotated[list[SourceRef], msgspec.Meta(min_length=1)]


class Inference(_Record, frozen=True, kw_only=True):
    """Marks a value the source implies but does not print, and says why it was inferred."""

    what: NonEmpty
    reason: NonEmpty


class Source(_Record, frozen=True, kw_only=True):
    """A source document that facts are taken from."""

    id: NonEmpty
    title: NonEmpty
    kind: NonEmpty
    publisher: str | None = None
    date: NonEmpty
    paragraphs: Annotated[int, msgspec.Meta(ge=1)]
    inferred: Inference | None = None
    summary: NonEmpty
    source: Provenance


class Body(_Record, frozen=True, kw_only=True):
    """An institution that facts can belong to (the CPPCC committee, the People's Congress, ...)."""

    id: Id
    name: NonEmpty
    short: NonEmpty
    chinese: str | None = None
    level: Literal["municipal", "national"]
    topic: Id | None = None
    source: Provenance


class Session(_Record, frozen=True, kw_only=True):
    """One body's yearly session (or, where a source gives only joint dates, the Two Sessions)."""

    id: Id
    year: Year
    body: Id
    session: Annotated[int, msgspec.Meta(ge=1)] | None = None
    term: Annotated[int, msgspec.Meta(ge=1)] | None = None
    opens: dt.date
    closes: dt.date
    stated_days: Annotated[float, msgspec.Meta(gt=0)] | None = None
    venue: str | None = None
    announced: dt.date | None = None
    inferred: Inference | None = None
    note: str | None = None
    source: Provenance

    @property
    def days(self) -> int:
        """Calendar days from opening to closing, both included."""
        return (self.closes - self.opens).days + 1


class AgendaEntry(_Record, frozen=True, kw_only=True):
    """How many agenda items a body's session has, and the items a source names."""

    id: Id
    year: Year
    body: Id
    session_id: Id | None = None
    count: Count | None = None
    qualifier: str | None = None
    items: list[NonEmpty] = []
    source: Provenance


class Statement(_Record, frozen=True, kw_only=True):
    """Something a person said or did, in our words, with its source."""

    text: NonEmpty
    source: Provenance


class Person(_Record, frozen=True, kw_only=True):
    """A named person, their role and body, and what the sources report of them."""

    id: Id
    name: NonEmpty
    role: NonEmpty
    body: Id
    year: Year
    statements: list[Statement] = []
    source: Provenance


class Figure(_Record, frozen=True, kw_only=True):
    """A yearly number, tied to the body the source ties it to, with its qualifier kept."""

    id: Id
    year: Year
    label: NonEmpty
    value: int | float
    unit: NonEmpty
    qualifier: str | None = None
    body: Id
    reported_by: Id | None = None
    note: str | None = None
    inferred: Inference | None = None
    source: Provenance


class Topic(_Record, frozen=True, kw_only=True):
    """A plain-language explanation of a body or term, findable by any of its names."""

    id: Id
    title: NonEmpty
    chinese: str | None = None
    pinyin: str | None = None
    aliases: list[NonEmpty] = []
    summary: NonEmpty
    explanation: Annotated[list[NonEmpty], msgspec.Meta(min_length=1)]
    related: list[Id] = []
    source: Provenance


#: Each kind of record, by the name of the file that holds it (``<kind>.json``).
KINDS: dict[str, type[_Record]] = {
    "sources": Source,
    "bodies": Body,
    "sessions": Session,
    "agenda": AgendaEntry,
    "people": Person,
    "figures": Figure,
    "topics": Topic,
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file, located by file and JSON path."""

    file: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.path}: {self.message}"


@dataclass(frozen=True)
class Location:
    """Which file a record was read from, and its index there (for error messages)."""

    file: str
    index: int
    overlay: bool

    def path(self, field_name: str | None = None) -> str:
        return f"$[{self.index}]" + (f".{field_name}" if field_name else "")


@dataclass
class Facts:
    """Every record, by kind, after overlays are applied; ``origin`` says which file each came from."""

    sources: list[Source] = field(default_factory=list)
    bodies: list[Body] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    agenda: list[AgendaEntry] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    located: dict[tuple[str, str], Location] = field(default_factory=dict)

    def records(self, kind: str) -> list[Any]:
        records: list[Any] = getattr(self, kind)
        return records

    def origin_of(self, kind: str, record_id: str) -> str:
        """``"bundled"``, or the path of the overlay file that supplied this record."""
        where = self.located.get((kind, record_id))
        return where.file if where is not None and where.overlay else "bundled"


def bundled_data_dir() -> Path:
    """The data folder shipped inside the package (falls back to the repository's for a checkout)."""
    from importlib.resources import files

    packaged = Path(str(files("twosessions_cli"))) / "data"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "data"
    if checkout.is_dir():
        return checkout
    raise DataError(f"bundled data folder not found at {packaged}; reinstall twosessions")


def _read_bytes(path: Path, label: str) -> bytes | Problem:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return Problem(
                label, "$", f"file is {size} bytes (expected at most {MAX_FILE_BYTES} bytes)"
            )
        return path.read_bytes()
    except IsADirectoryError:
        return Problem(label, "$", "is a directory (expected a JSON file)")
    except PermissionError:
        return Problem(label, "$", "cannot be read: permission denied")
    except OSError as exc:
        return Problem(label, "$", f"cannot be read: {exc.strerror or exc}")


def _line_col(data: bytes, pos: int) -> tuple[int, int]:
    before = data[:pos]
    line = before.count(b"\n") + 1
    col = pos - (before.rfind(b"\n") + 1) + 1
    return line, col


def _decode_error(data: bytes, exc: msgspec.DecodeError) -> tuple[str, str]:
    """Turn a msgspec error into (json-path, message)."""
    text = str(exc)
    if isinstance(exc, msgspec.ValidationError):
        message, sep, where = text.rpartition(" - at `")
        if sep:
            return where.rstrip("`"), message
        return "$", text
    # Malformed JSON: msgspec reports a byte offset; people want line and column.
    marker = "at byte "
    if marker in text:
        head, _, tail = text.partition(marker)
        digits = "".join(ch for ch in tail if ch.isdigit())
        if digits:
            line, col = _line_col(data, int(digits))
            return "$", f"invalid JSON: {head.strip().rstrip(',')} at line {line}, column {col}"
    return "$", f"invalid JSON: {text}"


def decode_kind(kind: str, data: bytes, label: str) -> list[Any] | Problem:
    """Decode one ``<kind>.json`` file into typed records, or say what is wrong with it."""
    if not data.strip():
        return Problem(label, "$", "file is empty (expected a JSON array of records)")
    try:
        text_ok = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        return Problem(label, "$", f"not UTF-8 text (bad byte at line {line}, column {col})")
    del text_ok
    try:
        records: list[Any] = msgspec.json.decode(data, type=list[KINDS[kind]])  # type: ignore[valid-type]
    except RecursionError:
        return Problem(label, "$", "JSON is nested too deeply")
    except msgspec.DecodeError as exc:
        where, message = _decode_error(data, exc)
        return Problem(label, where, message)
    return records


def data_files(folder: Path) -> dict[str, Path]:
    """The ``<kind>.json`` files present in a folder."""
    return {kind: folder / f"{kind}.json" for kind in KINDS if (folder / f"{kind}.json").exists()}


def user_data_dirs(env: str | None = None) -> list[Path]:
    """Overlay folders named by ``TWOSESSIONS_DATA`` (a path list, like ``PATH``)."""
    value = os.environ.get("TWOSESSIONS_DATA", "") if env is None else env
    return [Path(p) for p in value.split(os.pathsep) if p.strip()]


def _merge(
    facts: Facts, kind: str, records: Iterable[Any], label: str, overlay: bool
) -> list[Problem]:
    """Add the records of one file: a new id is appended, an id loaded before is replaced."""
    problems: list[Problem] = []
    current: list[Any] = facts.records(kind)
    index = {r.id: i for i, r in enumerate(current)}
    seen: set[str] = set()
    for n, record in enumerate(records):
        if record.id in seen:
            problems.append(
                Problem(label, f"$[{n}].id", f"duplicate id {record.id!r} (ids must be unique)")
            )
            continue
        seen.add(record.id)
        if record.id in index:
            current[index[record.id]] = record
        else:
            index[record.id] = len(current)
            current.append(record)
        facts.located[(kind, record.id)] = Location(label, n, overlay)
    return problems


def _read_folder(folder: Path, is_bundled: bool) -> tuple[dict[str, list[Any]], list[Problem]]:
    problems: list[Problem] = []
    decoded: dict[str, list[Any]] = {}
    if not folder.exists():
        return {}, [Problem(str(folder), "$", "no such folder")]
    if not folder.is_dir():
        return {}, [
            Problem(str(folder), "$", "is not a folder (expected a folder of <kind>.json files)")
        ]
    files = data_files(folder)
    if not is_bundled and not files:
        expected = ", ".join(f"{k}.json" for k in KINDS)
        problems.append(
            Problem(str(folder), "$", f"holds no data files (expected any of {expected})")
        )
    for kind, path in files.items():
        label = f"{kind}.json" if is_bundled else str(path)
        raw = _read_bytes(path, label)
        if isinstance(raw, Problem):
            problems.append(raw)
            continue
        result = decode_kind(kind, raw, label)
        if isinstance(result, Problem):
            problems.append(result)
        else:
            decoded[kind] = result
    return decoded, problems


def load_facts(overlays: Sequence[Path] = (), *, bundled: Path | None = None) -> Facts:
    """Load the bundled facts, apply overlay folders in order, and check the result as a whole.

    Raises ``DataError`` with every problem found; nothing is half-loaded.
    """
    facts, problems = collect(overlays, bundled=bundled)
    if problems:
        raise DataError.from_problems(problems)
    return facts


def collect(
    overlays: Sequence[Path] = (), *, bundled: Path | None = None, include_bundled: bool = True
) -> tuple[Facts, list[Problem]]:
    """Read and merge folders, returning the facts and every problem (for ``validate``)."""
    facts = Facts()
    problems: list[Problem] = []
    folders: list[tuple[Path, bool]] = []
    if include_bundled:
        folders.append((bundled or bundled_data_dir(), True))
    folders.extend((Path(p), False) for p in overlays)
    for folder, is_bundled in folders:
        decoded, found = _read_folder(folder, is_bundled)
        problems.extend(found)
        for kind, records in decoded.items():
            label = f"{kind}.json" if is_bundled else str(folder / f"{kind}.json")
            problems.extend(_merge(facts, kind, records, label, not is_bundled))
    if not problems:
        from twosessions_cli.rules import check

        problems.extend(check(facts))
    return facts, problems
