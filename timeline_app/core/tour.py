"""Tours (*.tour.yaml): named, ordered lists of saved views, read, checked and written. No Qt.

A tour file is read the way an events file is: `yamltree` reads the text and refuses what is
hostile, `schema` checks it against resources/tour.schema.json, and the reader here checks what
a schema cannot (real dates, `to` not before `from`, a range the timeline can show) and builds
the model. What depends on the events file (lane and event ids, countries) is only warned
about, by `check_tour`: a tour outlives edits of the file it belongs to.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .browse import FILTER_FIELDS, Aliases, Filters, fold
from .dates import SECONDS_PER_DAY, DateError, PartialDate, day_to_epoch, epoch_to_day, parse_date
from .figure import FigureSpec
from .files import atomic_file, kept_mode
from .loader import read_file
from .membership import Membership
from .model import Timeline
from .paths import bundled_events, resource
from .problems import HasProblems, Problem
from .schema import schema_problems, suggest
from .span import DEFAULT_SPAN, TimeSpan, in_reach, reach_text, timeline_span
from .startup import RangeError, StartView, date_range
from .state import ViewState
from .yamltree import Path as TreePath
from .yamltree import Tree, decode, read_tree

__all__ = [
    "FORMAT_VERSION",
    "TOUR_SUFFIX",
    "Stop",
    "Tour",
    "TourResult",
    "bundled_tours",
    "check_tour",
    "dump_tour",
    "load_tour",
    "parse_tour",
    "relative_events",
    "save_tour",
]

TOUR_SUFFIX = ".tour.yaml"
FORMAT_VERSION = 1
SCHEMA = "tour.schema.json"
#: The keys of a stop, in the order a tour file is written.
STOP_KEYS = ("heading", "note", "from", "to", "lanes", "select", "filters", "members", "follow")
#: The keys of a stop's `filters:`, in the order written, and the Filters field each one sets.
FILTER_KEYS = {"search": "text", **{name: name for name in FILTER_FIELDS}, "disagreements": "disagreements"}


# --- the model --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Stop:
    """A saved view: range, lanes, filters, member rows, country followed, selection, and words."""

    heading: str = ""  # shown as the slide's / presentation's title
    note: str = ""  # for the speaker only
    start: PartialDate | None = None  # `from:`; None: the home range's start
    end: PartialDate | None = None  # `to:`; the range reaches the LAST day of `end`
    lanes: tuple[str, ...] | None = None  # lane ids shown; None: all lanes
    selected: str | None = None  # `select:` an event id
    filters: Filters = Filters()  # `filters:`
    member_lanes: tuple[str, ...] = ()  # `members:` lanes drawn with member rows
    followed: str | None = None  # `follow:` a country
    line: int = field(default=0, compare=False)  # 1-based line of the stop in its file (0: made in memory)

    def time_range(self, span: TimeSpan = DEFAULT_SPAN) -> tuple[float, float]:
        """[first day of `start`, end of the last day of `end`) in epoch seconds, as
        startup.date_range gives it (the edge of `span`'s home for a bound not given). Raises
        RangeError for a range the timeline cannot show (a tour that loaded has none)."""
        return date_range(self.start, self.end, span)

    def start_view(self) -> StartView:
        """The same view as a StartView (as the command line would ask for it)."""
        return StartView(
            time_range=self.time_range(),
            lanes=self.lanes,
            selected=self.selected,
            filters=self.filters,
            member_lanes=self.member_lanes,
            followed=self.followed,
        )

    def apply(self, state: ViewState) -> None:
        """Bring the state to this stop: what `arrange` sets, then the range, then the
        selection (when the event is shown)."""
        self.arrange(state)
        state.show_range(*self.time_range(state.span))
        state.select_span(None)
        state.select(self.selected)

    def arrange(self, state: ViewState) -> None:
        """Bring the state to this stop's lanes (unknown ones skipped; all when none is left),
        filters, member rows and country followed, leaving the range and the selection (the
        window sets them at the end of an animated move). The stop's own countries filter wins
        over the country followed."""
        timeline = state.timeline
        if timeline is None:
            return
        every = [lane.id for lane in timeline.lanes]
        wanted = [lane for lane in every if self.lanes is None or lane in self.lanes]
        state.set_visible_lanes(wanted or every)
        if self.followed is None:
            state.follow_country(None)
        state.set_filters(self.filters)
        if self.followed is not None:
            state.follow_country(self.followed)  # the countries filter becomes that country
            if self.filters.countries and state.filters.countries != self.filters.countries:
                state.set_filters(self.filters)  # the stop's own countries win (the following stops)
        state.set_member_lanes(self.member_lanes)

    def figure_spec(self, base: FigureSpec, span: TimeSpan = DEFAULT_SPAN) -> FigureSpec:
        """`base` with this stop's range (a bound not given: the edge of `span`'s home), lanes,
        selection, filters, member rows and country followed; its title is the heading."""
        start, end = self.time_range(span)
        return base.replace(
            start=start,
            end=end,
            lanes=self.lanes,
            selected=self.selected,
            filters=self.filters,
            member_lanes=self.member_lanes,
            followed=self.followed,
            title=self.heading,
        )

    def replace(self, **changes: Any) -> Stop:
        return dataclasses.replace(self, **changes)

    @classmethod
    def from_state(cls, state: ViewState, heading: str = "", note: str = "") -> Stop:
        """The current view as a stop. The range is rounded to whole days (the first day of its
        start, the last day of its end), written as the coarsest date that means those days
        (1991-11 for 1 to 30 November); a bound at the home range's edge is left out, and so
        are the lanes when all are shown and the countries filter that following sets."""
        timeline = state.timeline
        every = tuple(lane.id for lane in timeline.lanes) if timeline else ()
        lanes = None if state.visible_lanes == every else tuple(state.visible_lanes)
        filters = state.filters
        if state.followed is not None and filters.countries == frozenset({state.followed}):
            filters = filters.replace(countries=())
        return cls(
            heading=heading,
            note=note,
            start=_start_date(state.time_range[0], state.span),
            end=_end_date(state.time_range[1], state.span),
            lanes=lanes,
            selected=state.selected,
            filters=filters,
            member_lanes=tuple(lane for lane in every if lane in state.member_lanes),
            followed=state.followed,
        )


@dataclass(frozen=True)
class Tour:
    """A named, ordered list of stops through one events file."""

    title: str = ""
    events: str = "events.yaml"  # the events file, as written (relative to the tour file's folder)
    stops: tuple[Stop, ...] = ()
    path: Path | None = field(default=None, compare=False)  # where it was read from / saved to

    def events_path(self) -> Path | None:
        """`events` resolved beside the tour file (for a tour not saved yet: only an absolute
        path); the bundled events.yaml when the tour is bundled and names events.yaml; None when
        there is no such file."""
        written = Path(self.events).expanduser()
        if self.path is None and not written.is_absolute():
            return None
        candidate = self.path.parent / written if self.path is not None else written
        if candidate.is_file():
            return candidate.resolve()
        if self.path is not None and _is_bundled(self.path) and Path(self.events).name == "events.yaml":
            bundled = bundled_events()
            return bundled if bundled.is_file() else None
        return None

    def replace(self, **changes: Any) -> Tour:
        return dataclasses.replace(self, **changes)


@dataclass
class TourResult(HasProblems):
    """The tour (None only when the file cannot be read as a tour at all) and every problem."""

    tour: Tour | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the tour was read whole: no stop was left out for an error."""
        return self.tour is not None and not self.errors


def _start_date(seconds: float, span: TimeSpan) -> PartialDate | None:
    if abs(seconds - span.home[0]) < 1.0:
        return None
    return _coarsest(epoch_to_day(seconds), first=True)


def _end_date(seconds: float, span: TimeSpan) -> PartialDate | None:
    if abs(seconds - span.home[1]) < 1.0:
        return None
    return _coarsest(epoch_to_day(seconds - 1), first=False)


def _coarsest(day: dt.date, first: bool) -> PartialDate:
    """The coarsest date whose first (or last) day is `day`: 1991 for 1 January 1991 as a start."""
    year, month = PartialDate(day.year), PartialDate(day.year, day.month)
    for date in (year, month):
        if (date.first_day if first else date.last_day) == day:
            return date
    return PartialDate(day.year, day.month, day.day)


def _is_bundled(path: Path) -> bool:
    try:
        return path.resolve().parent == resource("tours").resolve()
    except OSError:
        return False


def relative_events(events_file: str | Path, tour_file: str | Path) -> str:
    """What a tour saved at `tour_file` writes as `events` for `events_file`: the path from the
    tour's folder, with forward slashes ("events.yaml", "../data/events.yaml"); the absolute
    path when there is none (another drive)."""
    target = Path(events_file).absolute()
    try:
        return Path(os.path.relpath(target, Path(tour_file).absolute().parent)).as_posix()
    except ValueError:
        return target.as_posix()


def bundled_tours() -> list[Path]:
    """The tours that ship with the app: resources/tours/*.tour.yaml, by name."""
    folder = resource("tours")
    return sorted(folder.glob("*" + TOUR_SUFFIX)) if folder.is_dir() else []


# --- reading ----------------------------------------------------------------------------------
def load_tour(path: str | Path) -> TourResult:
    """Read and check a tour file; never raises for what the file holds."""
    data, problem = read_file(path)
    if data is None:
        return TourResult(None, [problem] if problem else [])
    result = parse_tour(data, str(path))
    if result.tour is not None:
        result.tour = result.tour.replace(path=Path(path))
    return result


def parse_tour(text: str | bytes, path: str = "<string>") -> TourResult:
    """Check the text of a tour file and build its Tour. A stop with an error is left out (and
    the error reported); the tour is None only when the text is not a tour at all."""
    decoded, problem = decode(text, path)
    if decoded is None:
        return TourResult(None, [problem] if problem else [])
    tree, problems = read_tree(decoded, path, "a tour file", "'title', 'events' and 'stops'")
    if tree is None:
        return TourResult(None, problems)
    reader = _Reader(path, tree)
    for duplicate in tree.duplicates:
        what = describe(duplicate.mapping, tree.data)
        message = f"{what}: key '{duplicate.key}' is given twice (first on line {duplicate.first_line})"
        reader.problems.append(Problem(path, duplicate.line, duplicate.column, message))
    for where, found in schema_problems(tree, path, SCHEMA, describe):
        reader.refuse(where, found)
    return TourResult(reader.tour(), reader.problems)


_ITEM_NAMES = {
    "lanes": "lane",
    "members": "lane",
    "countries": "country",
    "kinds": "kind",
    "sources": "source",
    "precisions": "precision",
}
_KEY_NAMES = {"from": "'from' date", "to": "'to' date"}


def describe(path: TreePath, data: Any = None) -> str:
    """How a tour's messages name the thing at a path: "stop 3", "stop 3 'from' date",
    "stop 3 filters kind"."""
    if not path:
        return "the file"
    words: list[str] = []
    for index, key in enumerate(path):
        parent = path[index - 1] if index else None
        if key == "stops" and index == 0 and len(path) > 1:
            continue
        if isinstance(key, int):
            if parent == "stops" and index == 1:
                words.append(f"stop {key + 1}")
            else:
                words[-1:] = [_ITEM_NAMES.get(str(parent), f"{parent} item")]
        else:
            words.append(_KEY_NAMES.get(key, key))
    return " ".join(words)


class _Reader:
    """Builds a Tour from the plain data the schema has checked, with the checks a schema cannot
    express. Parts the schema refused are skipped, never re-checked; a stop with an error is
    left out of the tour."""

    def __init__(self, path: str, tree: Tree) -> None:
        self.path = path
        self.tree = tree
        self.problems: list[Problem] = []
        self._refused: set[TreePath] = set()

    def refuse(self, where: TreePath, problem: Problem) -> None:
        self.problems.append(problem)
        for length in range(len(where) + 1):
            self._refused.add(where[:length])

    def ok(self, where: TreePath) -> bool:
        return where not in self._refused

    def error(self, where: TreePath, message: str) -> None:
        self.problems.append(Problem(self.path, *self.tree.position(where), message))

    def warn(self, where: TreePath, message: str) -> None:
        self.problems.append(Problem(self.path, *self.tree.position(where), message, "warning"))

    def value(self, data: Any, where: TreePath, key: str) -> Any:
        """data[key] when it is there and the schema refused nothing in it, else None."""
        if not isinstance(data, dict) or key not in data or not self.ok((*where, key)):
            return None
        return data[key]

    def one_line(self, data: Any, where: TreePath, key: str) -> str | None:
        """Text that must fit on one line: line breaks are folded, with a warning."""
        value = self.value(data, where, key)
        if not isinstance(value, str):
            return None
        text = value.strip()
        if "\n" in text or "\r" in text:
            self.warn(
                (*where, key), f"{describe((*where, key))} should be one line; its line breaks are shown as spaces"
            )
            text = " ".join(text.split())
        return text

    def tour(self) -> Tour | None:
        data = self.tree.data
        if not isinstance(data, dict):
            return None  # the schema said so
        version = self.value(data, (), "version")
        if isinstance(version, int) and version > FORMAT_VERSION:
            message = f"this tour is format version {version}, newer than this app reads ({FORMAT_VERSION})"
            self.error(("version",), message)
            return None
        if isinstance(version, int) and version != FORMAT_VERSION:
            self.error(("version",), f"unknown format version {version}; this app reads version {FORMAT_VERSION}")
            return None
        title = self.one_line(data, (), "title")
        if title == "":
            self.warn(("title",), "the title is empty: the tour is named by its file")
        events = self.value(data, (), "events")
        stops = data.get("stops")  # each stop is read on its own: one refused leaves the others
        read = [
            self.stop(item, ("stops", index)) for index, item in enumerate(stops if isinstance(stops, list) else [])
        ]
        return Tour(
            title=title or "",
            events=events.strip() if isinstance(events, str) else Tour.events,
            stops=tuple(stop for stop in read if stop is not None),
        )

    def stop(self, data: Any, where: TreePath) -> Stop | None:
        errors = len([p for p in self.problems if p.severity == "error"])
        start = self.date(data, where, "from")
        end = self.date(data, where, "to")
        self.check_range(start, end, where)
        filters = self.filters(self.value(data, where, "filters"), (*where, "filters"))
        if not self.ok(where) or not isinstance(data, dict):
            return None
        if len([p for p in self.problems if p.severity == "error"]) > errors:
            return None
        note = self.value(data, where, "note")
        return Stop(
            heading=self.one_line(data, where, "heading") or "",
            note=note.strip() if isinstance(note, str) else "",
            start=start,
            end=end,
            lanes=self.names(data, where, "lanes"),
            selected=_stripped(self.value(data, where, "select")),
            filters=filters,
            member_lanes=self.names(data, where, "members") or (),
            followed=_stripped(self.value(data, where, "follow")),
            line=self.tree.position(where)[0],
        )

    def names(self, data: Any, where: TreePath, key: str) -> tuple[str, ...] | None:
        value = self.value(data, where, key)
        return tuple(str(item).strip() for item in value) if isinstance(value, list) else None

    def date(self, data: Any, where: TreePath, key: str) -> PartialDate | None:
        value = self.value(data, where, key)
        if value is None:
            return None
        try:
            date = parse_date(value)
        except DateError as exc:
            self.error((*where, key), f"{describe((*where, key))}: {exc}")
            return None
        if not in_reach(date.first_day, date.last_day):
            message = f"{describe((*where, key))} ({date}) lies outside the years a timeline shows ({reach_text()})"
            self.error((*where, key), message)
            return None
        return date

    def check_range(self, start: PartialDate | None, end: PartialDate | None, where: TreePath) -> None:
        """`to` not before `from`, and a range that is not empty (a bound not given is the home
        range's edge)."""
        if start is not None and end is not None and end.last_day < start.first_day:
            self.error((*where, "to"), f"{describe(where)}: 'to' ({end}) is before 'from' ({start})")
            return
        try:
            date_range(start, end)
        except RangeError as exc:
            key = "to" if end is not None else "from"
            self.error((*where, key), f"{describe(where)}: {exc} (from {_home_text(start, end)})")

    def filters(self, data: Any, where: TreePath) -> Filters:
        if not isinstance(data, dict) or not self.ok(where):
            return Filters()
        changes: dict[str, Any] = {}
        for key, name in FILTER_KEYS.items():
            value = data.get(key)
            if value is None:
                continue
            if isinstance(value, list):
                changes[name] = frozenset(str(item).strip() for item in value)
            elif isinstance(value, str):
                changes[name] = value
            elif isinstance(value, bool):
                changes[name] = value
        return Filters().replace(**changes)


def _stripped(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) else None


def _home_text(start: PartialDate | None, end: PartialDate | None) -> str:
    """The range a stop asks for, in words, a missing bound being the home view's edge."""
    return f"{start or 'the home view start'} to {end or 'the home view end'}"


# --- checking against the events file -------------------------------------------------------------
def check_tour(tour: Tour, timeline: Timeline, path: str, aliases: Aliases | None = None) -> list[Problem]:
    """Warnings (never errors) for what a tour names that the timeline does not have: lanes,
    member lanes, the selected event (with a "did you mean"), countries no event names; and for a
    selected event outside its stop's range or lanes. Each at the line of its stop."""
    aliases = aliases if aliases is not None else Aliases.bundled()
    checker = _Checker(timeline, path, aliases)
    for number, stop in enumerate(tour.stops, start=1):
        checker.stop(stop, number)
    return checker.problems


class _Checker:
    """The warnings of check_tour, stop by stop."""

    def __init__(self, timeline: Timeline, path: str, aliases: Aliases) -> None:
        self.timeline = timeline
        self.path = path
        self.aliases = aliases
        self.problems: list[Problem] = []
        self.lane_ids = [lane.id for lane in timeline.lanes]
        self.countries = sorted({aliases.canonical(c) for e in timeline.events for c in e.countries})
        self._with_members: list[str] | None = None

    @property
    def with_members(self) -> list[str]:
        if self._with_members is None:
            self._with_members = list(Membership(self.timeline).lanes())
        return self._with_members

    def warn(self, stop: Stop, message: str) -> None:
        self.problems.append(Problem(self.path, stop.line, 0, message, "warning"))

    def stop(self, stop: Stop, number: int) -> None:
        what = f"stop {number}"
        for lane in stop.lanes or ():
            self.lane(stop, f"{what} lanes", lane)
        for lane in stop.member_lanes:
            if self.lane(stop, f"{what} members", lane) and lane not in self.with_members:
                self.warn(stop, f"{what} members: lane '{lane}' has no member rows")
        for country in sorted(stop.filters.countries):
            self.country(stop, f"{what} filters", country)
        if stop.followed is not None:
            self.country(stop, f"{what} follow", stop.followed)
            self.follow_filter(stop, what)
        for source in sorted(stop.filters.sources):
            if self.timeline.source(source) is None:
                hint = suggest(source, [s.id for s in self.timeline.sources])
                self.warn(stop, f"{what} filters: the timeline has no source '{source}'{hint}")
        if stop.selected is not None:
            self.selected(stop, what, stop.selected)

    def lane(self, stop: Stop, what: str, lane: str) -> bool:
        if lane in self.lane_ids:
            return True
        known = ", ".join(self.lane_ids)
        self.warn(stop, f"{what}: unknown lane '{lane}'{suggest(lane, self.lane_ids)}; lanes are: {known}")
        return False

    def country(self, stop: Stop, what: str, country: str) -> None:
        if self.aliases.find(self.countries, country) is not None:
            return
        near = self.aliases.suggest(self.countries, country)
        hint = f" (did you mean '{near}'?)" if near else ""
        self.warn(stop, f"{what}: no event names the country '{country}'{hint}")

    def follow_filter(self, stop: Stop, what: str) -> None:
        followed = self.aliases.canonical(stop.followed or "")
        countries = {fold(self.aliases.canonical(c)) for c in stop.filters.countries}
        if countries and countries != {fold(followed)}:
            self.warn(stop, f"{what}: its countries filter names other countries than '{followed}': it is not followed")

    def selected(self, stop: Stop, what: str, event_id: str) -> None:
        event = self.timeline.event(event_id)
        if event is None:
            hint = suggest(event_id, [e.id for e in self.timeline.events])
            self.warn(stop, f"{what}: unknown event '{event_id}'{hint}")
            return
        if stop.lanes is not None and not set(stop.lanes).intersection(event.lanes):
            lanes = ", ".join(event.lanes)
            self.warn(stop, f"{what}: the selected event '{event_id}' is in no lane the stop shows (it is in {lanes})")
        try:
            start, end = stop.time_range(timeline_span(self.timeline))
        except RangeError:
            return
        first, last = day_to_epoch(event.first_day), day_to_epoch(event.last_day) + SECONDS_PER_DAY
        if last <= start or first >= end:
            shown = _home_text(stop.start, stop.end)
            self.warn(
                stop, f"{what}: the selected event '{event_id}' ({event.date_text()}) is outside its range ({shown})"
            )


# --- writing ----------------------------------------------------------------------------------
class _Dumper(yaml.SafeDumper):
    """Lists of names in flow style ([a, b]), notes of several lines as literal blocks, and the
    items of a block list indented under their key (as people write them)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


#: Line breaks other than \n: YAML folds them in plain and single-quoted text, so text that holds
#: one is written double-quoted, where they are escaped.
_OTHER_BREAKS = frozenset("\r\x85\u2028\u2029")


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """Text as plain, quoted or (several lines) literal YAML: whichever reads back the same."""
    style = '"' if _OTHER_BREAKS.intersection(value) else "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _date(dumper: yaml.SafeDumper, value: _DateText) -> yaml.ScalarNode:
    """A date as written in events.yaml: 1991, 1991-11, 1991-11-05, never quoted."""
    text = str(value)
    date = parse_date(text)
    plain = not (date.approximate or date.uncertain) and date.year >= 1000  # 0999 would be read as text
    if date.month is None and plain:
        return dumper.represent_scalar("tag:yaml.org,2002:int", text)
    if date.day is not None and plain:
        return dumper.represent_scalar("tag:yaml.org,2002:timestamp", text)
    return dumper.represent_scalar("tag:yaml.org,2002:str", text)


def _flow(dumper: yaml.SafeDumper, value: _Names) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", list(value), flow_style=True)


class _DateText(str):
    """A date's EDTF text, to be written unquoted."""


class _Names(tuple[str, ...]):
    """A list of names, to be written in flow style."""


class _Inline(dict[str, Any]):
    """A small mapping (a stop's filters), to be written on one line: {countries: [Russia]}."""


def _inline(dumper: yaml.SafeDumper, value: _Inline) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=True)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(_DateText, _date)
_Dumper.add_representer(_Names, _flow)
_Dumper.add_representer(_Inline, _inline)


def _stop_data(stop: Stop) -> dict[str, Any]:
    """A stop as the mapping of its file, defaults left out, keys in the order of STOP_KEYS."""
    data: dict[str, Any] = {}
    if _one_line(stop.heading):
        data["heading"] = _one_line(stop.heading)
    if stop.note.strip():
        data["note"] = stop.note.strip()
    if stop.start is not None:
        data["from"] = _DateText(stop.start)
    if stop.end is not None:
        data["to"] = _DateText(stop.end)
    if stop.lanes is not None:
        data["lanes"] = _Names(stop.lanes)
    if stop.selected is not None:
        data["select"] = stop.selected
    filters = _filters_data(stop.filters)
    if filters:
        data["filters"] = _Inline(filters)
    if stop.member_lanes:
        data["members"] = _Names(stop.member_lanes)
    if stop.followed is not None:
        data["follow"] = stop.followed
    return data


def _filters_data(filters: Filters) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if filters.text:
        data["search"] = filters.text
    for name in FILTER_FIELDS:
        if filters.values(name):
            data[name] = _Names(sorted(filters.values(name)))
    if filters.disagreements:
        data["disagreements"] = True
    return data


def _one_line(text: str) -> str:
    """Text as one line, as the reader takes a title or a heading: white space folded."""
    return " ".join(text.split())


def _header(tour: Tour) -> str:
    events = "".join(c if c.isprintable() else "?" for c in _one_line(tour.events))
    return (
        f"# A tour of {events}: open it in timeline-app (File > Open Tour), or make slides of it\n"
        f"# with timeline-app --export deck.pdf --tour <this file>. Each stop is a saved view; its\n"
        '# note is for the speaker only. The format: docs/data-format.md, "Tours".\n'
    )


def dump_tour(tour: Tour) -> str:
    """The tour as the text of a file that parse_tour reads back to an equal tour."""
    stops = [_stop_data(stop) for stop in tour.stops]
    data: dict[str, Any] = {"title": _one_line(tour.title), "events": tour.events.strip(), "stops": stops}
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)
    return _header(tour) + body


def save_tour(tour: Tour, path: str | Path) -> Path:
    """Write the tour to `path` at once (a temporary file beside it, then renamed over it), so
    that a reader never sees half a file; a file replaced keeps its permissions. Raises OSError."""
    target = Path(path)
    text = dump_tour(tour)
    with atomic_file(target, kept_mode(target)) as temporary:
        Path(temporary).write_text(text, encoding="utf-8", newline="\n")
    return target
