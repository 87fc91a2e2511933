"""The one place that reads data files: decode them, merge overlays, and check the rules."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import msgspec

from twosessions_cli.errors import DataError, Problem
from twosessions_cli.records import BASES, KINDS, value_at
from twosessions_cli.rules import BASIS_RULE, check, reading_order
from twosessions_cli.store import Facts, Location

#: Refuse data files larger than this: the bundled files are a few kilobytes, and a cap keeps a
#: mistaken or hostile overlay from costing unbounded memory or time.
MAX_FILE_BYTES = 5 * 1024 * 1024


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
        if message.startswith("Invalid enum value") and where.rstrip("`").endswith(".basis"):
            message += f" (expected one of: {', '.join(BASES)}; {BASIS_RULE})"
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


class Decoded(NamedTuple):
    """What one data file gave: the records that decoded, each with its index in the file, the
    problems, and the ids of the records that did not decode (None: no record could be read)."""

    records: list[Any]
    at: list[int]
    problems: list[Problem]
    broken: set[str] | None


def _unreadable(label: str, path: str, message: str) -> Decoded:
    return Decoded([], [], [Problem(label, path, message)], None)


def decode_kind(kind: str, data: bytes, label: str) -> Decoded:
    """Decode one ``<kind>.json`` file into typed records, and say everything wrong with it.

    The whole file is decoded at once; only when that fails is each record decoded on its
    own, so that every broken record is reported, not just the first, and the records that
    are sound are still checked by the rules.
    """
    data = data.removeprefix(b"\xef\xbb\xbf")  # a byte-order mark, as some editors write
    if not data.strip():
        return _unreadable(label, "$", "file is empty (expected a JSON array of records)")
    record_type = KINDS[kind]
    try:
        records: list[Any] = msgspec.json.decode(data, type=list[record_type])  # type: ignore[valid-type]
    except RecursionError:
        return _unreadable(label, "$", "JSON is nested too deeply")
    except msgspec.ValidationError as exc:
        return _not_utf8(data, label) or _record_by_record(kind, data, label, exc)
    except msgspec.DecodeError as exc:  # malformed JSON, or (msgspec >= 0.19) not UTF-8
        return _not_utf8(data, label) or _unreadable(label, *_decode_error(kind, data, exc))
    except UnicodeDecodeError:  # not UTF-8, as older msgspec releases say it
        return _not_utf8(data, label) or _unreadable(label, "$", "not UTF-8 text")
    return Decoded(records, list(range(len(records))), [], set())


def _not_utf8(data: bytes, label: str) -> Decoded | None:
    """A file that is not UTF-8, said with the line and column of its first bad byte (msgspec
    only says "invalid UTF-8"); None for UTF-8. Checked only once decoding has failed: a
    sound file is not read twice."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        return _unreadable(label, "$", f"not UTF-8 text (bad byte at line {line}, column {col})")
    return None


def _record_by_record(
    kind: str, data: bytes, label: str, first: msgspec.ValidationError
) -> Decoded:
    """Decode record by record: each broken one is reported (the first error says only one)."""
    try:
        raw = msgspec.json.decode(data)
    except (msgspec.DecodeError, RecursionError):
        raw = None
    if not isinstance(raw, list):
        where, message = _decode_error(kind, data, first)
        return _unreadable(label, where, _explain_value(message, where, raw))
    records, at, problems = [], [], []
    broken: set[str] | None = set()
    for n, item in enumerate(raw):
        try:
            records.append(msgspec.json.decode(msgspec.json.encode(item), type=KINDS[kind]))
            at.append(n)
        except msgspec.ValidationError as exc:
            where, message = _decode_error(kind, data, exc)
            path = f"$[{n}]" + where.removeprefix("$")
            problems.append(Problem(label, path, _explain_value(message, path, raw)))
            record_id = item.get("id") if isinstance(item, dict) else None
            # A broken record without a readable id could be any record: references to its
            # kind cannot be judged.
            broken = (
                broken | {record_id} if broken is not None and isinstance(record_id, str) else None
            )
    return Decoded(records, at, problems, broken)


def _explain_value(message: str, path: str, raw: Any) -> str:
    """Say what was wrong with a date in plain words, echoing the value."""
    if "RFC3339" not in message:
        return message
    value = value_at(raw, path)
    shown = repr(value) if isinstance(value, str) else "the value"
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return f"invalid date {shown}: that day does not exist (expected YYYY-MM-DD)"
    return f"invalid date {shown} (expected YYYY-MM-DD, such as 2027-01-20)"


def data_files(folder: Path) -> dict[str, Path]:
    """The ``<kind>.json`` files present in a folder."""
    return {kind: folder / f"{kind}.json" for kind in KINDS if (folder / f"{kind}.json").exists()}


def _stray_files(folder: Path) -> list[Problem]:
    """JSON files in a data folder whose names are not a kind: a typo would be ignored."""
    import difflib

    expected = [f"{k}.json" for k in KINDS]
    problems = []
    try:
        names = sorted(p.name for p in folder.glob("*.json"))
    except OSError:
        return []
    for name in names:
        if name in expected:
            continue
        close = difflib.get_close_matches(name, expected, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]}? " if close else ""
        problems.append(
            Problem(
                str(folder / name),
                "$",
                f"unknown data file name; {hint}(expected any of {', '.join(expected)})",
            )
        )
    return problems


def user_data_dirs(env: str | None = None) -> list[Path]:
    """Overlay folders named by ``TWOSESSIONS_DATA`` (a path list, like ``PATH``)."""
    value = os.environ.get("TWOSESSIONS_DATA", "") if env is None else env
    return [Path(p) for p in value.split(os.pathsep) if p.strip()]


def _merge(facts: Facts, kind: str, decoded: Decoded, label: str, overlay: bool) -> list[Problem]:
    """Add the records of one file: a new id is appended, an id loaded before is replaced."""
    problems: list[Problem] = []
    current: list[Any] = facts.records(kind)
    index = {r.id: i for i, r in enumerate(current)}
    seen: set[str] = set()
    for n, record in zip(decoded.at, decoded.records, strict=True):
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
        # A file given alone is read with its neighbours, as the folder's other files are the
        # context it was written in (its sources.json, its sessions).
        return {**data_files(path.parent), kind: path}, []
    files = data_files(path)
    stray = [] if is_bundled else _stray_files(path)
    if not is_bundled and not files and not stray:
        return {}, [Problem(str(path), "$", f"holds no data files (expected any of {expected})")]
    return files, stray


def _read_path(
    path: Path, is_bundled: bool
) -> tuple[list[tuple[str, str, Decoded]], list[Problem]]:
    """Decode every data file at a path (a folder or one file): (kind, file, decoded) each."""
    files, problems = _files_at(path, is_bundled)
    return [(kind, str(file), _read_kind(kind, file)) for kind, file in files.items()], problems


def _read_kind(kind: str, file: Path) -> Decoded:
    """Read and decode one ``<kind>.json`` file: its records, and what is wrong with it."""
    label = str(file)
    raw = _read_bytes(file, label)
    return (
        Decoded([], [], [raw], None) if isinstance(raw, Problem) else decode_kind(kind, raw, label)
    )


def load_facts(overlays: Sequence[Path] = (), *, bundled: Path | None = None) -> Facts:
    """Load the bundled facts, apply overlays (folders or files) in order, and check the whole.

    Raises ``DataError`` naming the first problem; nothing is half-loaded. With no overlay,
    each bundled file is decoded when a command first needs it, and the cross-record rules
    are not run again: the bundled data is checked when it is built (CI runs 'validate').
    """
    bundled = bundled or bundled_data_dir()
    if not overlays:
        return _lazy_bundled(bundled)
    facts, problems = collect(overlays, bundled=bundled)
    if problems:
        in_bundled = all(p.file == str(bundled) or Path(p.file).parent == bundled for p in problems)
        hint = (
            DAMAGED
            if in_bundled
            else "check it with 'twosessions validate PATH', or use --no-user-data"
        )
        raise DataError.from_problems(problems, hint)
    return facts


DAMAGED = "the bundled data is damaged; reinstall twosessions"

#: The levels a reader picks with --level, and the body levels each takes in.
LEVELS: dict[str, frozenset[str]] = {
    "chongqing": frozenset({"municipal"}),
    "national": frozenset({"national"}),
    "all": frozenset({"municipal", "national"}),
}
#: Kinds whose records belong to a body, and so to that body's level.
_BODY_KINDS = ("sessions", "agenda", "people", "figures")


def at_level(facts: Facts, level: str) -> Facts:
    """Keep only the records of bodies at ``level`` ('chongqing', 'national' or 'all').

    Bodies go with their level; topics and sources stay whole (they explain and cite, and
    'sources' lists only those a kept record uses). A kind not decoded yet is filtered when it
    is, so 'dates' still never pays for the figures.
    """
    wanted = LEVELS[level]
    facts.level = level
    if wanted == LEVELS["all"]:
        return facts

    def of_level(bodies: list[Any]) -> list[Any]:
        return [b for b in bodies if b.level in wanted]

    def of_kept_bodies(records: list[Any]) -> list[Any]:
        kept = {b.id for b in facts.bodies}
        return [r for r in records if r.body in kept]

    _keep_only(facts, "bodies", of_level)
    for kind in _BODY_KINDS:
        _keep_only(facts, kind, of_kept_bodies)
    return facts


def _keep_only(facts: Facts, kind: str, keep: Callable[[list[Any]], list[Any]]) -> None:
    """Filter one kind's records: now if they are decoded, or as they are decoded."""
    if kind in facts.pending:
        decode = facts.pending[kind]
        facts.pending[kind] = lambda: keep(decode())
    else:
        setattr(facts, kind, keep(facts.records(kind)))


def _lazy_bundled(folder: Path) -> Facts:
    facts = Facts()
    for kind, file in data_files(folder).items():

        def decode(kind: str = kind, file: Path = file) -> list[Any]:
            decoded = _read_kind(kind, file)
            if decoded.problems:
                raise DataError.from_problems(decoded.problems, DAMAGED)
            return decoded.records

        facts.pending[kind] = decode
    return facts


def collect(
    overlays: Sequence[Path] = (), *, bundled: Path | None = None
) -> tuple[Facts, list[Problem]]:
    """Read and merge the bundled data and overlays; return the facts and every problem found."""
    facts = Facts()
    problems: list[Problem] = []
    paths = [(bundled or bundled_data_dir(), True), *((Path(p), False) for p in overlays)]
    for path, is_bundled in paths:
        files, found = _read_path(path, is_bundled)
        problems.extend(found)
        for kind, label, decoded in files:
            problems.extend(decoded.problems)
            problems.extend(_merge(facts, kind, decoded, label, not is_bundled))
            if decoded.broken != set():
                facts.mark_broken(kind, decoded.broken)
    # The sound records are checked even beside broken ones: one run reports both kinds of
    # problem, each file's in reading order.
    return facts, sorted([*problems, *check(facts)], key=reading_order)
