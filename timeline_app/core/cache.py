"""The warm-load cache: a file read before, with the same content, is not read again.

An entry is the LoadResult of a file without errors (its timeline and warnings) as marshal
data, under a name made of a hash of the file's content and of everything else the result
depends on: the format (suffix) and, for a CSV, the file's name (a TimelineJS table cites
itself by it); the app's version, the events format's version, this cache's format and a
fingerprint of the code and schema that read files. So an entry is never stale: a changed file, or another version of
the app, has another name. What it gives back carries the path of the file opened now.

Safe to delete: a missing, truncated or corrupt entry (its length and CRC-32 are checked) is
ignored and removed, and the file is read as if there were no cache. Entries are written
atomically (core/files.py); the cache keeps the MAX_ENTRIES entries used last and at most
MAX_BYTES in all (the newest always stays).
"""

from __future__ import annotations

import collections
import dataclasses
import functools
import hashlib
import itertools
import marshal
import operator
import os
import struct
import sys
import zlib
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path, PurePath
from typing import Any

import platformdirs

from . import __file__ as _core_init
from .dates import PartialDate
from .files import atomic_file
from .loader import FORMAT_VERSION
from .model import Citation, Era, Event, Lane, MembershipEntry, Source, Timeline
from .paths import resource
from .problems import LoadResult, Problem

__all__ = ["CACHE_FORMAT", "MAX_BYTES", "MAX_ENTRIES", "Cache", "app_version"]

#: The version of what an entry holds; raised whenever its layout changes.
CACHE_FORMAT = 1
MAX_ENTRIES = 8
MAX_BYTES = 2 * 1024 * 1024 * 1024
SUFFIX = ".timeline-cache"
_MAGIC = b"timeline-app cache\n"
_HEADER = struct.Struct("<QI")  # after the magic: the data's length and its CRC-32
#: The code and schema whose output an entry holds: another version of any is another key.
_READERS = ("loader.py", "tables.py", "yamltree.py", "schema.py", "model.py", "dates.py", "span.py", "problems.py")


class Cache:
    """Loaded files by content, in one folder (see the module's docstring)."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    @classmethod
    def default(cls) -> Cache:
        """The user's cache folder for the app (e.g. ~/.cache/timeline-app on Linux)."""
        return cls(Path(platformdirs.user_cache_dir("timeline-app", appauthor=False)))

    def get(self, content: bytes, path: str) -> LoadResult | None:
        """The result of reading a file with this content, given the path of the file opened now;
        None when there is none (or it cannot be read: it is then removed)."""
        entry = self._entry(content, path)
        try:
            with open(entry, "rb") as handle:
                stored = handle.read()
            result = _decoded(_checked(stored), path)
        except FileNotFoundError:
            return None
        except Exception:  # whatever is wrong with an entry, the file is read again
            _remove(entry)
            return None
        _touch(entry)
        return result

    def put(self, content: bytes, result: LoadResult) -> None:
        """Keep the result of a file read without errors (others are not kept); never raises."""
        if not result.ok or result.timeline is None:
            return
        entry = self._entry(content, result.timeline.path)
        try:
            blob = _encoded(result)
            self.directory.mkdir(parents=True, exist_ok=True)
            with atomic_file(entry) as temporary, open(temporary, "wb") as handle:
                handle.write(_MAGIC + _HEADER.pack(len(blob), zlib.crc32(blob)))
                handle.write(blob)
        except (OSError, ValueError):  # ValueError: a value marshal cannot hold (the model grew?)
            return
        self._trim(keep=entry)

    def clear(self) -> None:
        """Remove every entry (and nothing else in the folder)."""
        for entry in self._entries():
            _remove(entry)

    def _entry(self, content: bytes, path: str) -> Path:
        return self.directory / f"{key(content, path)}{SUFFIX}"

    def _entries(self) -> list[Path]:
        try:
            return [p for p in self.directory.iterdir() if p.name.endswith(SUFFIX)]
        except OSError:
            return []

    def _trim(self, keep: Path) -> None:
        """The entries used last, up to MAX_ENTRIES and MAX_BYTES; the others are removed."""
        dated = []
        for entry in self._entries():
            try:
                stat = entry.stat()
            except OSError:
                continue
            dated.append((entry == keep, stat.st_mtime, stat.st_size, entry))
        dated.sort(reverse=True)
        total = 0
        for index, (kept, _when, size, entry) in enumerate(dated):
            total += size
            if not kept and (index >= MAX_ENTRIES or total > MAX_BYTES):
                _remove(entry)


def _checked(stored: bytes) -> memoryview:
    """The data of an entry (not a copy), when its header, length and checksum say it is whole
    and unchanged."""
    start = len(_MAGIC) + _HEADER.size
    if stored[: len(_MAGIC)] != _MAGIC or len(stored) < start:
        raise ValueError("not a cache entry")
    length, checksum = _HEADER.unpack_from(stored, len(_MAGIC))
    blob = memoryview(stored)[start:]
    if len(blob) != length or zlib.crc32(blob) != checksum:
        raise ValueError("a damaged cache entry")
    return blob


def key(content: bytes, path: str) -> str:
    """The name of the entry of a file's content read as `path` (see the module's docstring)."""
    suffix = PurePath(path).suffix.lower()
    name = PurePath(path).name if suffix == ".csv" else ""
    digest = hashlib.sha256(content)  # about twice blake2b's speed here (SHA extensions): 0.5 s for 300 MB
    digest.update(f"\0{suffix}\0{name}\0{_fingerprint()}".encode())
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def _fingerprint() -> str:
    """The app's version, the formats' versions, Python's, and a hash of the reading code."""
    code = hashlib.blake2b(digest_size=12)
    folder = Path(_core_init).parent
    for name in _READERS:
        try:
            code.update((folder / name).read_bytes())
        except OSError:
            code.update(name.encode())
    try:
        code.update(resource("events.schema.json").read_bytes())
    except OSError:
        pass
    python = ".".join(map(str, sys.version_info[:2]))
    return f"{app_version()}/{FORMAT_VERSION}/{CACHE_FORMAT}/{python}/{code.hexdigest()}"


def app_version() -> str:
    """The installed timeline-app's version, or the package's own when it is not installed."""
    try:
        return metadata.version("timeline-app")
    except metadata.PackageNotFoundError:
        from .. import __version__

        return __version__


# --- what an entry holds: marshal of columns, the model built again from them ----------------
#
# Measured at 100,000 events (CPU time, best of 5, against json.loads of the same JSON file):
# pickle (protocol 5) of the LoadResult loads in 2.3 times (slotted frozen dataclasses restore
# each field by a call in Python); marshal of a tuple per object, each built by its class, in
# about 1.6 times; these columns in 1.0 times. An entry holds columns (a tuple of each field's
# values over all the objects of a class), and the objects are made without running their
# __init__: each field of all of them is set by its slot's descriptor, in C, a column at a time
# (a class with a __post_init__, or without slots, is built by its class). The few distinct
# dates are built once (with their checks) and shared: they are frozen.

_DATE, _MANY = "date", "many"
#: The fields of each class that hold model objects: dates, or tuples of objects of a class.
_NESTED: dict[type, dict[str, tuple[str, type | None]]] = {
    Source: {"date": (_DATE, None)},
    Citation: {"date": (_DATE, None), "end": (_DATE, None)},
    MembershipEntry: {},
    Era: {"date": (_DATE, None), "end": (_DATE, None), "citations": (_MANY, Citation)},
    Lane: {"eras": (_MANY, Era)},
    Event: {
        "date": (_DATE, None),
        "end": (_DATE, None),
        "citations": (_MANY, Citation),
        "membership": (_MANY, MembershipEntry),
    },
    Problem: {},
}
_NO_DATE = -1  # the index of None in the table of dates (its last item)


def _fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.init)


def _encoded(result: LoadResult) -> bytes:
    """The result as marshal data: (dates, sources, lanes, events, version, span, problems)."""
    timeline = result.timeline
    assert timeline is not None
    dates: dict[PartialDate, int] = {}
    span = getattr(timeline, "span", None)
    plain = (
        _columns(Source, timeline.sources, dates),
        _columns(Lane, timeline.lanes, dates),
        _columns(Event, timeline.events, dates),
        timeline.version,
        None if span is None else tuple(_date_index(d, dates) for d in span),
        _columns(Problem, result.problems, dates),
    )
    table = tuple((d.year, d.month, d.day, d.approximate, d.uncertain) for d in dates)
    return marshal.dumps((table, *plain), 4)


def _date_index(date: PartialDate | None, dates: dict[PartialDate, int]) -> int:
    if date is None:
        return _NO_DATE
    return dates.setdefault(date, len(dates))


def _columns(cls: type, objects: Sequence[Any], dates: dict[PartialDate, int]) -> tuple[Any, ...]:
    """(count, a column per field): a field of dates as indexes in `dates`, a field of objects as
    (how many each object has, the columns of all of them)."""
    nested = _NESTED[cls]
    columns: list[Any] = []
    for name in _fields(cls):
        values = tuple(map(operator.attrgetter(name), objects))
        kind, inner = nested.get(name, ("", None))
        if kind == _DATE:
            columns.append(tuple(_date_index(d, dates) for d in values))
        elif kind == _MANY and inner is not None:
            flat = [item for many in values for item in many]
            columns.append((tuple(map(len, values)), _columns(inner, flat, dates)))
        else:
            columns.append(values)
    return (len(objects), tuple(columns))


def _decoded(blob: bytes | memoryview, path: str) -> LoadResult:
    """The result an entry holds, as read from `path` (its timeline's and its problems' file)."""
    table, sources, lanes, events, version, span, problems = marshal.loads(blob)
    dates: list[PartialDate | None] = [PartialDate(*values) for values in table]
    dates.append(None)  # _NO_DATE
    extra = {} if span is None else {"span": (dates[span[0]], dates[span[1]])}
    timeline = Timeline(
        tuple(_objects(Source, sources, dates)),
        tuple(_objects(Lane, lanes, dates)),
        tuple(_objects(Event, events, dates)),
        version,
        path,
        **extra,
    )
    found = [dataclasses.replace(p, path=path) for p in _objects(Problem, problems, dates)]
    return LoadResult(timeline, found)


def _objects(cls: type, stored: tuple[Any, ...], dates: list[PartialDate | None]) -> list[Any]:
    """The objects of `cls` that _columns stored."""
    count, columns = stored
    names = _fields(cls)
    nested = _NESTED[cls]
    values: list[Any] = []
    for name, column in zip(names, columns, strict=True):
        kind, inner = nested.get(name, ("", None))
        if kind == _DATE:
            values.append(list(map(dates.__getitem__, column)))
        elif kind == _MANY and inner is not None:
            counts, flat = column
            items = _objects(inner, flat, dates)
            ends = list(itertools.accumulate(counts))
            starts = [0, *ends[:-1]]
            values.append(list(map(tuple, map(items.__getitem__, map(slice, starts, ends)))))
        else:
            values.append(column)
    if len(values) != len(names) or any(len(v) != count for v in values):
        raise ValueError("an entry's columns do not fit its class")
    slots = getattr(cls, "__slots__", None)
    if hasattr(cls, "__post_init__") or not slots or tuple(slots) != names:
        return list(map(cls, *values))  # the class's own __init__ (a check, or fields it makes)
    made: list[Any] = list(map(object.__new__, itertools.repeat(cls, count)))
    for name, column in zip(names, values, strict=True):
        collections.deque(map(getattr(cls, name).__set__, made, column), maxlen=0)
    return made


def _remove(entry: Path) -> None:
    try:
        entry.unlink()
    except OSError:
        pass


def _touch(entry: Path) -> None:
    """Mark an entry used now (the cache keeps those used last)."""
    try:
        os.utime(entry)
    except OSError:
        pass
