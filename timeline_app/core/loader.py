"""Events file -> Timeline, with every problem collected and placed at FILE:LINE:COL.

Three steps, each with one job:

1. `yamltree` reads the text into plain data that remembers where each value stands, and
   refuses what is hostile or absurd (tags, alias bombs, deep nesting, keys given twice);
2. `schema` checks the data against resources/events.schema.json, the one statement of the
   file's shape (keys, types, required fields, patterns);
3. the reader here says what a schema cannot: the format version, unique ids, references to
   lanes and sources, real dates in order, events inside their lane's lifetime. It builds the
   model from what the schema accepted and leaves alone every part the schema refused, so that
   one mistake is reported once.

A timeline comes back exactly when no error was found.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path as FilePath
from typing import TYPE_CHECKING, Any

from .dates import DateError, PartialDate, parse_date
from .model import Citation, Era, Event, Lane, MembershipEntry, Source, Timeline
from .problems import LoadResult, Problem
from .quiet import collector_paused
from .schema import describe, is_valid, schema_problems, suggest
from .span import in_reach, reach_text
from .tables import is_table, parse_table
from .yamltree import FastTree, Located, Path, decode, fast_tree, read_tree

if TYPE_CHECKING:
    from .cache import Cache

__all__ = [
    "FORMAT_VERSION",
    "MAX_FILE_BYTES",
    "MAX_TABLE_BYTES",
    "LoadCancelled",
    "Progress",
    "check_tree",
    "load_timeline",
    "parse_timeline",
    "read_file",
    "size_limit",
]

FORMAT_VERSION = 1
#: The largest file read, by format (a larger one is refused before it is read): YAML is read into
#: memory whole, about 1.1 KB an event in the block style of events.yaml, so this holds well over
#: 100,000 events; JSON and CSV (core/tables.py), leaner to read, hold a million and more.
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_TABLE_BYTES = 1024 * 1024 * 1024
TABLE_SUFFIXES = (".json", ".csv")

#: Told the fraction of the work done (0.0 to 1.0) now and then while a file is read. To stop
#: the reading, it raises LoadCancelled, which the loader lets through (and cleans up after).
Progress = Callable[[float], None]


class LoadCancelled(Exception):  # noqa: N818  (a stop asked for, not an error)
    """Raised by a Progress callback to stop a load; load_timeline and parse_timeline pass it on."""


def load_timeline(path: str | FilePath, *, progress: Progress | None = None, cache: Cache | None = None) -> LoadResult:
    """Read and validate a file (YAML, or by its suffix .json or .csv: core/tables.py); never
    raises for what the file holds (only LoadCancelled, when `progress` raises it). With a
    `cache`, a file read before with the same content is not read again (core/cache.py)."""
    data, problem = read_file(path)
    if data is None:
        return LoadResult(None, [problem] if problem else [])
    return parse_timeline(data, str(path), progress=progress, cache=cache)


def read_file(path: str | FilePath) -> tuple[bytes | None, Problem | None]:
    """A file's bytes, or the problem that it cannot be read or is over the size limit (then it
    is not read at all)."""
    shown = str(path)
    try:
        size, limit = FilePath(path).stat().st_size, size_limit(path)
        if size > limit:
            message = f"file is {size // (1024 * 1024)} MB, over the {limit // (1024 * 1024)} MB limit"
            return None, Problem(shown, 1, 1, message)
        return FilePath(path).read_bytes(), None
    except OSError as exc:
        return None, Problem(shown, 1, 1, f"cannot read file: {exc.strerror or exc}")


def size_limit(path: str | FilePath) -> int:
    """The largest file of this format (by its suffix) that is read, in bytes."""
    return MAX_TABLE_BYTES if FilePath(path).suffix.lower() in TABLE_SUFFIXES else MAX_FILE_BYTES


def parse_timeline(
    data: str | bytes, path: str = "<string>", *, progress: Progress | None = None, cache: Cache | None = None
) -> LoadResult:
    """Validate the text of an events file and build its Timeline (the format by the suffix of
    `path`: .json and .csv are tables, anything else YAML). A `cache` hit is returned as it is;
    a file without errors is put in the cache."""
    tell = progress or _silent
    content = data.encode("utf-8") if isinstance(data, str) and cache is not None else data
    with collector_paused():
        tell(0.0)
        hit = cache.get(content, path) if cache is not None and isinstance(content, bytes) else None
        if hit is not None:
            tell(1.0)
            return hit
        result = parse_table(data, path, check_tree, tell) if is_table(path) else _parse(data, path, tell)
        if cache is not None and isinstance(content, bytes) and result.ok:
            cache.put(content, result)
        tell(1.0)
        _set_aside(result)
        return result


def _silent(_done: float) -> None:
    """The Progress of a load that nobody watches."""


#: From this many events on, a timeline's objects are set aside from the cycle collector.
FREEZE_AT = 20_000


def _set_aside(result: LoadResult) -> None:
    """After a large load, the collector's next full pass would walk every object just built
    (about 0.4 s at 100,000 events, seconds at a million, holding the lock the GUI thread
    needs), and then again at each later full pass, to free nothing: the model holds no
    cycles. gc.freeze() moves what exists now out of its reach; reference counting still
    frees a timeline that is let go, so nothing leaks with it."""
    if result.timeline is not None and len(result.timeline.events) >= FREEZE_AT:
        gc.freeze()


def _parse(data: str | bytes, path: str, tell: Progress) -> LoadResult:
    """The fast path for an honest file (plain data from the parser's events, a compiled schema
    check); the exact path (a node per value, guards, located schema errors) for anything else."""

    def reading(done: float) -> None:
        tell(done * _READ_SHARE)

    tree: Located | None = None
    if isinstance(data, bytes) and _utf8(data):
        # the parser reads UTF-8 bytes as they are (a BOM included): no text made of them, nor
        # its UTF-8 copy in the parser (at 100,000 events, 150 MB less at the peak); the same
        # events and marks as from the text (tests/test_large_files.py compares them)
        tree = fast_tree(data, reading)
    if tree is None:
        text, problem = decode(data, path)
        if text is None:
            return LoadResult(None, [problem] if problem else [])
        tree = fast_tree(text, reading) if isinstance(data, str) else None
        if tree is None:
            tree, problems = read_tree(text, path)
            if tree is None:
                return LoadResult(None, problems)
        del text
    return _check(tree, path, lambda done: tell(_READ_SHARE + done * (1 - _READ_SHARE)))


def _utf8(data: bytes) -> bool:
    """Whether the bytes are UTF-8 text (checked without keeping a decoded copy)."""
    if data.isascii():
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


#: The shares of the progress: reading the text, of a whole load; the schema, of the checks after.
_READ_SHARE = 0.6
_SCHEMA_SHARE = 0.25


def check_tree(tree: Located, path: str, *, progress: Progress | None = None) -> LoadResult:
    """The schema and the reader's checks on data read from any format (YAML, JSON, CSV): `tree`
    gives the plain data, the keys given twice and where each value stands, for the messages."""
    tell = progress or _silent
    with collector_paused():
        tell(0.0)
        result = _check(tree, path, tell)
        tell(1.0)
        return result


def _check(tree: Located, path: str, tell: Progress) -> LoadResult:
    reader = _Reader(path, tree)
    for duplicate in tree.duplicates:
        what = describe(duplicate.mapping, tree.data)
        message = f"{what}: key '{duplicate.key}' is given twice (first on line {duplicate.first_line})"
        reader.problems.append(Problem(path, duplicate.line, duplicate.column, message))
    if not is_valid(tree.data, tell=lambda done: tell(done * _SCHEMA_SHARE)):  # quick, compiled ...
        for where, found in schema_problems(tree, path):  # ... and jsonschema says what and where
            reader.refuse(where, found)
    timeline = reader.timeline(lambda done: tell(_SCHEMA_SHARE + done * (1 - _SCHEMA_SHARE)))
    if any(p.severity == "error" for p in reader.problems):
        return LoadResult(None, reader.problems)
    return LoadResult(timeline, reader.problems)


class _Reader:
    """Builds the model from the plain data of a file that the schema has checked, with the
    checks a schema cannot express. Parts the schema refused are skipped, never re-checked."""

    def __init__(self, path: str, tree: Located) -> None:
        self.path = path
        self.tree = tree
        self.problems: list[Problem] = []
        self._refused: set[Path] = set()  # every path that is, or holds, a refused value
        self.sources: dict[str, Source] = {}
        self.lanes: dict[str, Lane] = {}
        self.event_ids: dict[str, Path] = {}  # where each event id is first given
        self.dates: dict[str | int, PartialDate] = {}  # each date read once, and its object shared
        self.tuples: dict[tuple[str, ...], tuple[str, ...]] = {}  # lanes and countries: one of each
        self.declared: tuple[PartialDate | None, PartialDate | None] | None = None  # the file's `span:`

    # --- problems ------------------------------------------------------------
    def refuse(self, where: Path, problem: Problem) -> None:
        """A problem the schema found at `where`: reported, and that part is left alone."""
        self.problems.append(problem)
        for length in range(len(where) + 1):
            self._refused.add(where[:length])

    def ok(self, where: Path) -> bool:
        """True when nothing at or inside `where` was refused by the schema."""
        return where not in self._refused

    def once(self, names: tuple[str, ...]) -> tuple[str, ...]:
        """One tuple for all events that name the same lanes or countries (memory, at 100,000)."""
        return self.tuples.setdefault(names, names)

    def line(self, where: Path, value: Any) -> int:
        """The line of the value at `where` (quick for a mapping or list the fast path read)."""
        if isinstance(self.tree, FastTree) and isinstance(value, (dict, list)):
            return self.tree.line_of(value, where)
        return self.tree.position(where)[0]

    def error(self, where: Path, message: str) -> None:
        self.problems.append(Problem(self.path, *self.tree.position(where), message))

    def warn(self, where: Path, message: str) -> None:
        self.problems.append(Problem(self.path, *self.tree.position(where), message, "warning"))

    # --- values --------------------------------------------------------------
    def get(self, data: Any, where: Path, key: str, kind: type | tuple[type, ...] = str) -> Any:
        """data[key] when it is there and the schema refused nothing in it (None otherwise). A
        value the schema let through in a type the model cannot hold is an error, never dropped
        in silence (the schema and this reader would disagree: a bug, but the file is refused)."""
        if not isinstance(data, dict) or key not in data or (self._refused and not self.ok((*where, key))):
            return None
        value: Any = data[key]
        if value is None or (isinstance(value, kind) and not isinstance(value, bool)):
            return value
        self.error((*where, key), f"{describe((*where, key), self.tree.data)} cannot be read: {value!r}")
        return None

    def one_line(self, data: Any, where: Path, key: str, what: str) -> str | None:
        """Text that must fit on one line (a title, a name): line breaks are folded, with a warning."""
        value = self.get(data, where, key)
        if value is None:
            return None
        text: str = value.strip()
        if "\n" in text or "\r" in text:
            self.warn((*where, key), f"{what} should be one line; its line breaks are shown as spaces")
            text = " ".join(text.split())
        return text

    def text(self, data: Any, where: Path, key: str) -> str | None:
        value = self.get(data, where, key)
        return value.strip() if value is not None else None

    def date(self, data: Any, where: Path, key: str, what: str) -> PartialDate | None:
        """A date of the right form (the schema's), checked for being a real day or month."""
        value = self.get(data, where, key, (str, int))
        if value is None:
            return None
        if value in self.dates:
            return self.dates[value]
        try:
            date = self.dates[value] = parse_date(value)
            return date
        except DateError as exc:
            self.error((*where, key), f"{what}: {exc}")
            return None

    def span(self, data: Any, where: Path, what: str) -> tuple[PartialDate | None, PartialDate | None]:
        """A thing's `date` and optional `end`; an end before the date is an error."""
        date = self.date(data, where, "date", f"{what} date")
        end = self.date(data, where, "end", f"{what} end")
        if end is not None and date is not None and end.last_day < date.first_day:
            self.error((*where, "end"), f"{what} end ({end}) is before its date ({date})")
            end = None
        return date, end

    # --- the file --------------------------------------------------------------
    def timeline(self, tell: Progress = _silent) -> Timeline | None:
        data = self.tree.data
        if not isinstance(data, dict):
            return None
        version = self.get(data, (), "version", int)
        if version is not None and version > FORMAT_VERSION:
            message = f"this file is format version {version}, newer than this app reads ({FORMAT_VERSION})"
            self.error(("version",), message)
        elif version is not None and version != FORMAT_VERSION:
            self.error(("version",), f"unknown format version {version}; this app reads version {FORMAT_VERSION}")
        for source_id, value in _items(data.get("sources"), dict):
            source = self.source(value, ("sources", source_id))
            if source is not None:
                self.sources[source_id] = source
        for index, value in _items(data.get("lanes"), list):
            lane = self.lane(value, ("lanes", index))
            if lane is not None:
                self.lanes[lane.id] = lane
        self.declared = self.declared_span(data)
        listed = _told(_items(data.get("events"), list), tell)
        events = [self.event(value, ("events", index)) for index, value in listed]
        kept = [e for e in events if e is not None]
        kept.sort(key=lambda e: (e.date.sort_key(), e.title))
        return Timeline(
            tuple(self.sources.values()),
            tuple(self.lanes.values()),
            tuple(kept),
            FORMAT_VERSION,
            self.path,
            span=self.declared,
        )

    def declared_span(self, data: Any) -> tuple[PartialDate | None, PartialDate | None] | None:
        """The file's `span: {from, to}`: dates within 1800-2100, `to` not before `from`."""
        value = self.get(data, (), "span", dict)
        if not value:
            return None
        ends = [self.date(value, ("span",), key, f"span '{key}'") for key in ("from", "to")]
        for key, end in zip(("from", "to"), ends, strict=True):
            if end is not None and not in_reach(end.first_day, end.last_day):
                self.error(
                    ("span", key), f"span '{key}' ({end}) is outside the years a timeline shows ({reach_text()})"
                )
                return None
        start, stop = ends
        if start is not None and stop is not None and stop.last_day < start.first_day:
            self.error(("span", "to"), f"span 'to' ({stop}) is before its 'from' ({start})")
            return None
        return (start, stop) if start or stop else None

    def source(self, data: Any, where: Path) -> Source | None:
        source_id = str(where[-1])
        date = self.date(data, where, "date", f"source '{source_id}' date")
        if not self.ok(where) or not isinstance(data, dict):
            return None
        return Source(
            id=source_id,
            title=self.one_line(data, where, "title", f"source '{source_id}' title") or source_id,
            author=self.text(data, where, "author"),
            publisher=self.text(data, where, "publisher"),
            date=date,
            file=self.text(data, where, "file"),
            url=self.text(data, where, "url"),
            note=self.text(data, where, "note"),
        )

    def lane(self, data: Any, where: Path) -> Lane | None:
        lane_id = self.text(data, where, "id")
        if lane_id is not None and lane_id in self.lanes:
            self.error((*where, "id"), f"duplicate lane id '{lane_id}'")
            return None
        what = f"lane '{lane_id}'" if lane_id else "lane"
        name = self.one_line(data, where, "name", f"{what} name")
        eras = [self.era(value, (*where, "eras", index), what) for index, value in _items(_field(data, "eras"), list)]
        kept = [era for era in eras if era is not None]
        for before, after in zip(kept, kept[1:], strict=False):
            if after.date < before.date:
                self.warn(
                    (*where, "eras"), f"{what} eras are not in date order ('{after.name}' before '{before.name}')"
                )
        if not self.ok(where) or lane_id is None or name is None:
            return None
        return Lane(lane_id, name, data["color"], self.text(data, where, "title") or "", tuple(kept))

    def era(self, data: Any, where: Path, lane: str) -> Era | None:
        what = f"{lane} era"
        name = self.one_line(data, where, "name", f"{what} name")
        date, end = self.span(data, where, what)
        citations = self.citations(data, where, what)
        if not self.ok(where) or name is None or date is None or citations is None:
            return None
        return Era(name, date, citations, end)

    def event(self, data: Any, where: Path) -> Event | None:
        event_id = self.text(data, where, "id")
        if event_id is not None:  # ids are checked even where other parts of the event are refused
            if event_id in self.event_ids:
                first = self.tree.position((*self.event_ids[event_id], "id"))[0]
                self.error((*where, "id"), f"duplicate event id '{event_id}' (first on line {first})")
                return None
            self.event_ids[event_id] = where
        what = f"event '{event_id}'" if event_id else "event"
        title = self.one_line(data, where, "title", f"{what} title")
        date, end = self.span(data, where, what)
        lanes = self.lane_refs(data, where)
        citations = self.citations(data, where, what)
        if date is not None:
            self.check_lifetime(date, end, lanes, (*where, "date"), what)
        listed = _field(data, "countries")
        named = tuple(c.strip() for c in listed if isinstance(c, str)) if isinstance(listed, list) else ()
        countries = self.once(named)
        membership = self.membership(data, where, what, lanes, countries, citations)
        if not self.ok(where) or None in (event_id, title, date, citations, membership) or not lanes:
            return None
        return Event(
            id=event_id,  # type: ignore[arg-type]  # checked above
            title=title,  # type: ignore[arg-type]
            date=date,  # type: ignore[arg-type]
            end=end,
            lanes=self.once(tuple(lanes)),
            kind=data["kind"],
            countries=countries,
            summary=(data.get("summary") or "").strip(),
            citations=citations,  # type: ignore[arg-type]
            line=self.line(where, data),
            membership=membership,  # type: ignore[arg-type]
        )

    def membership(
        self,
        data: Any,
        where: Path,
        what: str,
        lanes: list[str],
        countries: tuple[str, ...],
        citations: tuple[Citation, ...] | None,
    ) -> tuple[MembershipEntry, ...] | None:
        """What an event states about who belonged, each entry checked against the event: its
        country among the event's countries, its lane among the event's lanes (named when there
        are several), its sources or citation positions among the event's citations."""
        at: Path = (*where, "membership")
        entries: list[MembershipEntry] = []
        complete = self.ok(at)
        for index, item in _items(_field(data, "membership"), list):
            spot: Path = (*at, index)
            entry = self.membership_entry(item, spot, what, lanes, countries, citations)
            if entry is None:
                complete = False
            else:
                entries.append(entry)
        return tuple(entries) if complete else None

    def membership_entry(
        self,
        item: Any,
        spot: Path,
        what: str,
        lanes: list[str],
        countries: tuple[str, ...],
        citations: tuple[Citation, ...] | None,
    ) -> MembershipEntry | None:
        country = self.text(item, spot, "country")
        change = self.get(item, spot, "change")
        status = self.get(item, spot, "status")
        if not self.ok(spot) or country is None or citations is None or not lanes:
            return None
        good = True
        if (change is None) == (status is None):
            given = "both" if change is not None else "neither"
            self.error(spot, f"{what} membership entry needs one of 'change' or 'status' (it has {given})")
            good = False
        if country not in countries:
            listed = ", ".join(countries) or "none"
            hint = suggest(country, countries)
            message = f"{what} membership names '{country}', not one of the event's countries{hint}; they are: {listed}"
            self.error((*spot, "country"), message)
            good = False
        lane = self.text(item, spot, "lane")
        if lane is None:
            if len(lanes) > 1:
                self.error(spot, f"{what} membership entry needs a 'lane': the event is in {', '.join(lanes)}")
                good = False
            lane = lanes[0]
        elif lane not in lanes:
            folded = {name.casefold(): name for name in lanes}
            if lane.casefold() in folded:
                lane = folded[lane.casefold()]
            else:
                message = f"{what} membership lane '{lane}' is not one of the event's lanes ({', '.join(lanes)})"
                self.error((*spot, "lane"), message)
                good = False
        throughout = self.ok((*spot, "throughout")) and _field(item, "throughout") is True  # the schema: a boolean
        if throughout and status is None:
            self.error((*spot, "throughout"), f"{what} membership 'throughout' goes with a 'status', not a 'change'")
            good = False
        chosen = self.stating(item, spot, what, citations)
        if not good or chosen is None:
            return None
        line = self.tree.position(spot)[0]
        return MembershipEntry(country, lane, change, status, chosen, line, throughout)

    def stating(self, item: Any, spot: Path, what: str, citations: tuple[Citation, ...]) -> tuple[int, ...] | None:
        """The positions (from 0) of the citations that state a membership entry: those of its
        `sources`, or its `citations` positions (from 1), or all."""
        sources = self.get(item, spot, "sources", list)
        positions = self.get(item, spot, "citations", list)
        if sources is not None and positions is not None:
            self.error(spot, f"{what} membership entry names both 'sources' and 'citations'; keep one")
            return None
        if positions is not None:
            bad = [n for n in positions if not 1 <= n <= len(citations)]
            if bad:
                message = f"{what} membership cites position {bad[0]}, but the event has {len(citations)} citations"
                self.error((*spot, "citations"), message)
                return None
            return tuple(sorted({n - 1 for n in positions}))
        if sources is not None:
            cited = [c.source for c in citations]
            missing = [s for s in sources if s not in cited]
            if missing:
                hint = suggest(missing[0], cited)
                message = f"{what} membership names source '{missing[0]}', which the event does not cite{hint}"
                self.error((*spot, "sources"), message)
                return None
            return tuple(i for i, c in enumerate(citations) if c.source in sources)
        return tuple(range(len(citations)))

    def lane_refs(self, data: Any, where: Path) -> list[str]:
        """The lane ids an event names (one text, or a list), each known, in order, once."""
        value = self.get(data, where, "lanes", (str, list))
        if value is None:
            return []
        at: Path = (*where, "lanes")
        named = [(at, value)] if isinstance(value, str) else [((*at, i), v) for i, v in enumerate(value)]
        found: list[str] = []
        for item, raw in named:
            name = raw.strip()
            folded = {} if name in self.lanes else {lane_id.casefold(): lane_id for lane_id in self.lanes}
            if name in self.lanes:
                lane_id = name
            elif name.casefold() in folded:
                lane_id = folded[name.casefold()]
                self.warn(item, f"lane '{name}' is spelled '{lane_id}' in lanes")
            else:
                if self.ok(("lanes",)):  # a lane the schema refused is reported once, not at each use
                    known = ", ".join(self.lanes)
                    self.error(item, f"unknown lane '{name}'{suggest(name, self.lanes)}; lanes are: {known}")
                continue
            if lane_id not in found:
                found.append(lane_id)
        return found

    def citations(self, data: Any, where: Path, what: str) -> tuple[Citation, ...] | None:
        """The citations of a thing, or None when one of them cannot stand."""
        at: Path = (*where, "citations")
        items = _field(data, "citations")
        result: list[Citation] = []
        complete = isinstance(items, list) and self.ok(at)
        for index, item in _items(items, list):
            spot: Path = (*at, index)
            source_id = self.text(item, spot, "source")
            if source_id is not None and source_id not in self.sources:
                complete = False
                if self.ok(("sources",)):  # a source the schema refused is reported once
                    message = f"{what} cites unknown source '{source_id}'{suggest(source_id, self.sources)}"
                    self.error((*spot, "source"), message)
            date = self.date(item, spot, "date", f"{what} citation date")
            end = self.date(item, spot, "end", f"{what} citation end")
            if end is not None and date is not None and end.last_day < date.first_day:
                self.error((*spot, "end"), f"{what} citation end ({end}) is before its date ({date})")
                end = None
            excerpt = self.text(item, spot, "excerpt")
            if source_id is None or excerpt is None:
                complete = False
                continue
            line = self.line(spot, item)
            locator = self.text(item, spot, "locator")
            result.append(Citation(source_id, excerpt, locator, date, line, end))
        return tuple(result) if complete else None

    def check_lifetime(
        self, date: PartialDate, end: PartialDate | None, lanes: list[str], where: Path, what: str
    ) -> None:
        """Warnings for an event before its lane begins, outside the file's `span:` (which is
        widened to hold it) or outside 1800-2100 (where nothing is shown)."""
        last = (end or date).last_day
        for lane_id in lanes:
            eras = self.lanes[lane_id].eras
            if eras and last < eras[0].date.first_day:
                begins = f"{eras[0].date}, '{eras[0].name}'"
                self.warn(where, f"{what} ({date}) is before lane '{lane_id}' begins ({begins})")
        shown = f"{date}{'/' + str(end) if end else ''}"
        if not in_reach(date.first_day, last):
            message = f"lies outside the years a timeline shows ({reach_text()}): it will not be visible"
            self.warn(where, f"{what} ({shown}) {message}")
            return
        start, stop = self.declared or (None, None)
        if (start and date.first_day < start.first_day) or (stop and last > stop.last_day):
            bounds = f"{start or '…'} to {stop or '…'}"
            self.warn(where, f"{what} ({shown}) lies outside the file's span ({bounds}), which is widened to hold it")


def _told(items: list[tuple[Any, Any]], tell: Progress, step: int = 4096) -> Iterator[tuple[Any, Any]]:
    """The items, telling the fraction gone through every `step` of them."""
    total = max(len(items), 1)
    for number, item in enumerate(items):
        if number % step == 0:
            tell(number / total)
        yield item


def _field(data: Any, key: str) -> Any:
    """data[key] of a mapping, whatever it holds; None for anything else."""
    return data.get(key) if isinstance(data, dict) else None


def _items(value: Any, kind: Callable[..., Any]) -> list[tuple[Any, Any]]:
    """(key, value) of a mapping or (index, item) of a list, or nothing when it is not one."""
    if kind is dict and isinstance(value, dict):
        return list(value.items())
    if kind is list and isinstance(value, list):
        return list(enumerate(value))
    return []
