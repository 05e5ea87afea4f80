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

import contextlib
import gc
from collections.abc import Callable, Iterator
from pathlib import Path as FilePath
from typing import Any

from .dates import DateError, PartialDate, parse_date
from .model import Citation, Era, Event, Lane, MembershipEntry, Source, Timeline
from .problems import LoadResult, Problem
from .schema import describe, schema_problems, suggest
from .span import FIRST_DAY, LAST_DAY, in_span
from .yamltree import Path, Tree, decode, read_tree

__all__ = [
    "FORMAT_VERSION",
    "MAX_FILE_BYTES",
    "LoadCancelled",
    "Progress",
    "load_timeline",
    "parse_timeline",
    "read_file",
]

FORMAT_VERSION = 1
MAX_FILE_BYTES = 64 * 1024 * 1024

#: Told the fraction of the work done (0.0 to 1.0) now and then while a file is read. To stop
#: the reading, it raises LoadCancelled, which the loader lets through (and cleans up after).
Progress = Callable[[float], None]


class LoadCancelled(Exception):  # noqa: N818  (a stop asked for, not an error)
    """Raised by a Progress callback to stop a load; load_timeline and parse_timeline pass it on."""


def load_timeline(path: str | FilePath, *, progress: Progress | None = None) -> LoadResult:
    """Read and validate a file; never raises for what the file holds (only LoadCancelled,
    when `progress` raises it)."""
    data, problem = read_file(path)
    if data is None:
        return LoadResult(None, [problem] if problem else [])
    return parse_timeline(data, str(path), progress=progress)


def read_file(path: str | FilePath) -> tuple[bytes | None, Problem | None]:
    """A file's bytes, or the problem that it cannot be read or is over the size limit (then it
    is not read at all)."""
    shown = str(path)
    try:
        size = FilePath(path).stat().st_size
        if size > MAX_FILE_BYTES:
            limit = MAX_FILE_BYTES // (1024 * 1024)
            return None, Problem(shown, 1, 1, f"file is {size // (1024 * 1024)} MB, over the {limit} MB limit")
        return FilePath(path).read_bytes(), None
    except OSError as exc:
        return None, Problem(shown, 1, 1, f"cannot read file: {exc.strerror or exc}")


def parse_timeline(data: str | bytes, path: str = "<string>", *, progress: Progress | None = None) -> LoadResult:
    """Validate the text of an events file and build its Timeline."""
    tell = progress or _silent
    with _collector_paused():
        tell(0.0)
        result = _parse(data, path)
        tell(1.0)
        return result


def _silent(_done: float) -> None:
    """The Progress of a load that nobody watches."""


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Reading builds hundreds of thousands of objects and frees none: Python's cycle collector
    would walk them again and again (about 40% of the time at 10,000 events). Paused, then
    restored as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _parse(data: str | bytes, path: str) -> LoadResult:
    text, problem = decode(data, path)
    if text is None:
        return LoadResult(None, [problem] if problem else [])
    tree, problems = read_tree(text, path)
    if tree is None:
        return LoadResult(None, problems)
    reader = _Reader(path, tree)
    for duplicate in tree.duplicates:
        what = describe(duplicate.mapping, tree.data)
        message = f"{what}: key '{duplicate.key}' is given twice (first on line {duplicate.first_line})"
        reader.problems.append(Problem(path, duplicate.line, duplicate.column, message))
    for where, found in schema_problems(tree, path):
        reader.refuse(where, found)
    timeline = reader.timeline()
    if any(p.severity == "error" for p in reader.problems):
        return LoadResult(None, reader.problems)
    return LoadResult(timeline, reader.problems)


class _Reader:
    """Builds the model from the plain data of a file that the schema has checked, with the
    checks a schema cannot express. Parts the schema refused are skipped, never re-checked."""

    def __init__(self, path: str, tree: Tree) -> None:
        self.path = path
        self.tree = tree
        self.problems: list[Problem] = []
        self._refused: set[Path] = set()  # every path that is, or holds, a refused value
        self.sources: dict[str, Source] = {}
        self.lanes: dict[str, Lane] = {}
        self.event_lines: dict[str, int] = {}

    # --- problems ------------------------------------------------------------
    def refuse(self, where: Path, problem: Problem) -> None:
        """A problem the schema found at `where`: reported, and that part is left alone."""
        self.problems.append(problem)
        for length in range(len(where) + 1):
            self._refused.add(where[:length])

    def ok(self, where: Path) -> bool:
        """True when nothing at or inside `where` was refused by the schema."""
        return where not in self._refused

    def error(self, where: Path, message: str) -> None:
        self.problems.append(Problem(self.path, *self.tree.position(where), message))

    def warn(self, where: Path, message: str) -> None:
        self.problems.append(Problem(self.path, *self.tree.position(where), message, "warning"))

    # --- values --------------------------------------------------------------
    def get(self, data: Any, where: Path, key: str, kind: type | tuple[type, ...] = str) -> Any:
        """data[key] when it is there and the schema refused nothing in it (None otherwise). A
        value the schema let through in a type the model cannot hold is an error, never dropped
        in silence (the schema and this reader would disagree: a bug, but the file is refused)."""
        if not isinstance(data, dict) or key not in data or not self.ok((*where, key)):
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
        try:
            return parse_date(value)
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
    def timeline(self) -> Timeline | None:
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
        events = [self.event(value, ("events", index)) for index, value in _items(data.get("events"), list)]
        kept = [e for e in events if e is not None]
        kept.sort(key=lambda e: (e.date.sort_key(), e.title))
        return Timeline(
            tuple(self.sources.values()), tuple(self.lanes.values()), tuple(kept), FORMAT_VERSION, self.path
        )

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
            if event_id in self.event_lines:
                first = self.event_lines[event_id]
                self.error((*where, "id"), f"duplicate event id '{event_id}' (first on line {first})")
                return None
            self.event_lines[event_id] = self.tree.position((*where, "id"))[0]
        what = f"event '{event_id}'" if event_id else "event"
        title = self.one_line(data, where, "title", f"{what} title")
        date, end = self.span(data, where, what)
        lanes = self.lane_refs(data, where)
        citations = self.citations(data, where, what)
        if date is not None:
            self.check_lifetime(date, end, lanes, (*where, "date"), what)
        listed = _field(data, "countries")
        countries = tuple(c.strip() for c in listed if isinstance(c, str)) if isinstance(listed, list) else ()
        membership = self.membership(data, where, what, lanes, countries, citations)
        if not self.ok(where) or None in (event_id, title, date, citations, membership) or not lanes:
            return None
        return Event(
            id=event_id,  # type: ignore[arg-type]  # checked above
            title=title,  # type: ignore[arg-type]
            date=date,  # type: ignore[arg-type]
            end=end,
            lanes=tuple(lanes),
            kind=data["kind"],
            countries=countries,
            summary=(data.get("summary") or "").strip(),
            citations=citations,  # type: ignore[arg-type]
            line=self.tree.position(where)[0],
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
        folded = {lane_id.casefold(): lane_id for lane_id in self.lanes}
        for item, raw in named:
            name = raw.strip()
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
            source_id = self.text(item, (*at, index), "source")
            if source_id is not None and source_id not in self.sources:
                complete = False
                if self.ok(("sources",)):  # a source the schema refused is reported once
                    message = f"{what} cites unknown source '{source_id}'{suggest(source_id, self.sources)}"
                    self.error((*at, index, "source"), message)
            date = self.date(item, (*at, index), "date", f"{what} citation date")
            end = self.date(item, (*at, index), "end", f"{what} citation end")
            if end is not None and date is not None and end.last_day < date.first_day:
                self.error((*at, index, "end"), f"{what} citation end ({end}) is before its date ({date})")
                end = None
            excerpt = self.text(item, (*at, index), "excerpt")
            if source_id is None or excerpt is None:
                complete = False
                continue
            line = self.tree.position((*at, index))[0]
            locator = self.text(item, (*at, index), "locator")
            result.append(Citation(source_id, excerpt, locator, date, line, end))
        return tuple(result) if complete else None

    def check_lifetime(
        self, date: PartialDate, end: PartialDate | None, lanes: list[str], where: Path, what: str
    ) -> None:
        """Warnings for an event before its lane begins, or outside what the timeline shows."""
        last = (end or date).last_day
        for lane_id in lanes:
            eras = self.lanes[lane_id].eras
            if eras and last < eras[0].date.first_day:
                begins = f"{eras[0].date}, '{eras[0].name}'"
                self.warn(where, f"{what} ({date}) is before lane '{lane_id}' begins ({begins})")
        if not in_span(date.first_day, last):
            shown = f"{date}{'/' + str(end) if end else ''}"
            self.warn(
                where,
                f"{what} ({shown}) lies outside the span the timeline shows "
                f"({FIRST_DAY.year}-{LAST_DAY.year}): it will not be visible",
            )


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
