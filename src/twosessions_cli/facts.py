"""The typed model of the facts, and the one place that reads and validates data files."""

from __future__ import annotations

import datetime as dt
import os
import re
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
    """The data folder shipped inside the package (or the repository's, for a source checkout)."""
    # An installed wheel keeps the data as files beside this module; looking there directly
    # spares every command the import of importlib.resources (about 7 ms, a tenth of start-up).
    beside = Path(__file__).with_name("data")
    if beside.is_dir():
        return beside
    checkout = Path(__file__).resolve().parents[2] / "data"
    if checkout.is_dir():
        return checkout
    from importlib.resources import as_file, files  # zip or other non-file installs

    with as_file(files("twosessions_cli") / "data") as packaged:
        if packaged.is_dir():
            return Path(packaged)
    raise DataError(f"bundled data folder not found beside {__file__}; reinstall twosessions")


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


_BYTE_OFFSET = re.compile(r"\(byte (\d+)\)")


def _decode_error(kind: str, data: bytes, exc: msgspec.DecodeError) -> tuple[str, str]:
    """Turn a msgspec error into (json-path, message)."""
    text = str(exc)
    if isinstance(exc, msgspec.ValidationError):
        message, sep, where = text.rpartition(" - at `")
        if not sep:
            message, where = text, "$"
        if "unknown field" in message:
            # Say which fields would be understood (of the record itself, the usual culprit).
            fields = ", ".join(KINDS[kind].__struct_fields__)
            message += f" (expected one of: {fields})"
        return where.rstrip("`"), message
    # Malformed JSON: msgspec reports a byte offset; people want line and column.
    offset = _BYTE_OFFSET.search(text)
    if offset:
        line, col = _line_col(data, int(offset.group(1)))
        head = text[: offset.start()].strip()
        return "$", f"invalid JSON: {head} at line {line}, column {col}"
    return "$", f"invalid JSON: {text}"


def decode_kind(kind: str, data: bytes, label: str) -> list[Any] | Problem:
    """Decode one ``<kind>.json`` file into typed records, or say what is wrong with it."""
    if not data.strip():
        return Problem(label, "$", "file is empty (expected a JSON array of records)")
    try:
        data.decode("utf-8")  # msgspec would only say "invalid UTF-8"; we want a line and column
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        return Problem(label, "$", f"not UTF-8 text (bad byte at line {line}, column {col})")
    try:
        records: list[Any] = msgspec.json.decode(data, type=list[KINDS[kind]])  # type: ignore[valid-type]
    except RecursionError:
        return Problem(label, "$", "JSON is nested too deeply")
    except msgspec.DecodeError as exc:
        where, message = _decode_error(kind, data, exc)
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


def _files_at(path: Path, is_bundled: bool) -> tuple[dict[str, Path], list[Problem]]:
    """The data files a path names: ``<kind>.json`` files in a folder, or one such file."""
    expected = ", ".join(f"{k}.json" for k in KINDS)
    try:
        is_file = path.is_file()
        if not is_file and not path.is_dir():
            return {}, [Problem(str(path), "$", "no such file or folder")]
    except OSError as exc:  # a name too long, a loop of links...
        return {}, [Problem(str(path), "$", f"cannot be read: {exc.strerror or exc}")]
    if is_file:
        kind = path.name.removesuffix(".json")
        if path.suffix != ".json" or kind not in KINDS:
            return {}, [
                Problem(str(path), "$", f"unknown data file name (expected one of {expected})")
            ]
        return {kind: path}, []
    files = data_files(path)
    if not is_bundled and not files:
        return {}, [Problem(str(path), "$", f"holds no data files (expected any of {expected})")]
    return files, []


def _read_path(
    path: Path, is_bundled: bool
) -> tuple[list[tuple[str, str, list[Any]]], list[Problem]]:
    """Decode every data file at a path (a folder or one file): (kind, file, records) each."""
    files, problems = _files_at(path, is_bundled)
    decoded: list[tuple[str, str, list[Any]]] = []
    for kind, file in files.items():
        label = str(file)
        raw = _read_bytes(file, label)
        result = raw if isinstance(raw, Problem) else decode_kind(kind, raw, label)
        if isinstance(result, Problem):
            problems.append(result)
        else:
            decoded.append((kind, label, result))
    return decoded, problems


def load_facts(overlays: Sequence[Path] = (), *, bundled: Path | None = None) -> Facts:
    """Load the bundled facts, apply overlays (folders or files) in order, and check the whole.

    Raises ``DataError`` naming the first problem; nothing is half-loaded.
    """
    bundled = bundled or bundled_data_dir()
    facts, problems = collect(overlays, bundled=bundled)
    if problems:
        in_bundled = all(p.file == str(bundled) or Path(p.file).parent == bundled for p in problems)
        hint = (
            "the bundled data is damaged; reinstall twosessions"
            if in_bundled
            else "check it with 'twosessions validate PATH', or use --no-user-data"
        )
        raise DataError.from_problems(problems, hint)
    return facts


def collect(
    overlays: Sequence[Path] = (), *, bundled: Path | None = None
) -> tuple[Facts, list[Problem]]:
    """Read and merge the bundled data and overlays; return the facts and every problem found."""
    facts = Facts()
    problems: list[Problem] = []
    paths = [(bundled or bundled_data_dir(), True), *((Path(p), False) for p in overlays)]
    for path, is_bundled in paths:
        decoded, found = _read_path(path, is_bundled)
        problems.extend(found)
        for kind, label, records in decoded:
            problems.extend(_merge(facts, kind, records, label, not is_bundled))
    if not problems:
        from twosessions_cli.rules import check

        problems.extend(check(facts))
    return facts, problems


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a data folder, generated from the record types above."""
    kinds = list(KINDS.items())
    schemas, components = msgspec.json.schema_components(
        [list[record_type] for _, record_type in kinds],  # type: ignore[valid-type]
        ref_template="#/$defs/{name}",
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "twosessions data folder",
        "description": (
            "Each property is one file of a data folder (bundled, --data DIR or TWOSESSIONS_DATA): "
            "a JSON array of records. Rules the schema cannot express (dates in order, unique ids, "
            "references that resolve) are checked by 'twosessions validate'."
        ),
        "type": "object",
        "properties": {
            f"{kind}.json": schema for (kind, _), schema in zip(kinds, schemas, strict=True)
        },
        "additionalProperties": False,
        "$defs": dict(sorted(components.items())),
    }
