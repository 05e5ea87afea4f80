"""A timeline's events as numpy columns (dates, lanes, kinds, countries, sources), built once per timeline.

`columns(timeline)` gives the `EventColumns` of a timeline, made on first use and kept while the
timeline lives. Each group of columns is computed when first read, in one pass over the events
(C-level `map`s and numpy, no Python work per event beyond that pass), so that the event list,
the filters, the lane counts, the overview strip and the matching read arrays instead of walking
the events: row i of every column is `timeline.events[i]`. Values that repeat (lane ids, kinds,
countries, sources) are stored as int codes into a tuple of names. No Qt.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable
from functools import cached_property, wraps
from itertools import chain
from operator import attrgetter
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from .dates import SECONDS_PER_DAY
from .model import Event, Timeline
from .quiet import collector_paused

__all__ = ["Bools", "Codes", "EventColumns", "Ints", "columns", "date_order", "distinct_values"]

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]
Floats = npt.NDArray[np.float64]


class Codes:
    """A many-valued field as pairs (event row, code of a value): `owner[k]` has `names[code[k]]`,
    in order of event; a code is -1 for a value `names` lacks."""

    def __init__(self, owner: Ints, code: Ints, names: tuple[str, ...]) -> None:
        self.owner, self.code, self.names = owner, code, names

    @classmethod
    def of(cls, per_event: list[tuple[str, ...]], names: tuple[str, ...] | None = None) -> Codes:
        """From each event's values; `names` fixes the codes (others get -1), else they are the
        values in order of first appearance."""
        sizes = np.fromiter(map(len, per_event), dtype=np.int64, count=len(per_event))
        return cls.flat(list(chain.from_iterable(per_event)), sizes, names)

    @classmethod
    def flat(cls, values: list[str], sizes: Ints | None = None, names: tuple[str, ...] | None = None) -> Codes:
        """From the values of all events in a row, `sizes[i]` of them event i's (one each when
        None); `names` as in `of`."""
        known = dict.fromkeys(values) if names is None else dict.fromkeys(names)
        code_of = {name: code for code, name in enumerate(known)}
        code = np.fromiter(map(code_of.get, values, [-1] * len(values)), dtype=np.int64, count=len(values))
        rows = np.arange(len(values) if sizes is None else len(sizes), dtype=np.int64)
        return cls(rows if sizes is None else np.repeat(rows, sizes), code, tuple(known))

    def distinct(self) -> Codes:
        """The same values, each event's once (in order of event, then of code)."""
        if not len(self.code):
            return self
        width = len(self.names) + 1
        pairs = distinct_values(self.owner * width + self.code + 1)
        return Codes(pairs // width, pairs % width - 1, self.names)

    def having(self, wanted: Bools, rows: int) -> Bools:
        """For each of `rows` events, whether one of its values is wanted (`wanted[code]`)."""
        found = np.zeros(rows, dtype=bool)
        valid = self.code >= 0
        found[self.owner[valid][wanted[self.code[valid]]]] = True
        return found

    def counts(self, rows: Bools | None = None) -> Ints:
        """For each name, the events that have it (among `rows`, a mask, when given)."""
        valid = self.code >= 0
        if rows is not None:
            valid &= rows[self.owner]
        return np.bincount(self.code[valid], minlength=len(self.names)).astype(np.int64)


def distinct_values(values: Ints) -> Ints:
    """The distinct values, ascending (`np.unique`, by sorting: numpy's hashing one is far slower here)."""
    ordered = np.sort(values)
    keep = np.ones(len(ordered), dtype=bool)
    keep[1:] = ordered[1:] != ordered[:-1]
    return ordered[keep]


def _fields(dates: list[object]) -> tuple[Ints, Ints, Ints]:
    """(year, month, day) of each partial date, 0 for what is not given."""
    n = len(dates)
    year = np.fromiter(map(attrgetter("year"), dates), dtype=np.int64, count=n)
    month = np.array(list(map(attrgetter("month"), dates)), dtype=np.float64)  # None -> nan
    day = np.array(list(map(attrgetter("day"), dates)), dtype=np.float64)
    return year, np.nan_to_num(month).astype(np.int64), np.nan_to_num(day).astype(np.int64)


def _first_days(year: Ints, month: Ints, day: Ints) -> Ints:
    """Days since 1970-01-01 of the first day each partial date may mean."""
    months = ((year - 1970) * 12 + np.maximum(month, 1) - 1).astype("datetime64[M]")
    return months.astype("datetime64[D]").astype(np.int64) + np.maximum(day, 1) - 1


def _last_days(year: Ints, month: Ints, day: Ints) -> Ints:
    """Days since 1970-01-01 of the last day each partial date may mean."""
    months = (year - 1970) * 12 + np.where(month > 0, month, 12) - 1
    following = (months + 1).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    begins = months.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    return np.where(day > 0, begins + day - 1, following - 1)


def date_order(year: Ints, month: Ints, day: Ints, end_last: Ints) -> tuple[Ints, Ints]:
    """(date rank, place) of events given in date order: a run of events with the same date
    (year, month, day) is put in order of its last days (stable); `place` is each event's
    position in that order, and events of one date and one last day share a date rank."""
    n = len(year)
    if not n:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    new_date = np.ones(n, dtype=bool)
    new_date[1:] = (year[1:] != year[:-1]) | (month[1:] != month[:-1]) | (day[1:] != day[:-1])
    group = np.cumsum(new_date)
    order = np.lexsort((end_last, group))
    group_sorted, last_sorted = group[order], end_last[order]
    new_rank = np.ones(n, dtype=bool)
    new_rank[1:] = (group_sorted[1:] != group_sorted[:-1]) | (last_sorted[1:] != last_sorted[:-1])
    rank = np.empty(n, dtype=np.int64)
    place = np.empty(n, dtype=np.int64)
    rank[order] = np.cumsum(new_rank)
    place[order] = np.arange(n, dtype=np.int64)
    return rank, place


def _disagreeing(events: tuple[Event, ...], several: Ints) -> Bools:
    """Whether each event's sources disagree (only `several`, the events with two citations or
    more, are asked)."""
    found = np.zeros(len(events), dtype=bool)
    found[several] = [events[row].sources_disagree() for row in several.tolist()]
    return found


_T = TypeVar("_T")


def _quiet(compute: Callable[[EventColumns], _T]) -> Callable[[EventColumns], _T]:
    """A pass over the events with the cycle collector paused: it makes as many objects as there
    are events, frees none of them, and would set off collections that walk every event."""

    @wraps(compute)
    def paused(self: EventColumns) -> _T:
        with collector_paused():
            return compute(self)

    return paused


class EventColumns:
    """The columns of one timeline's events; each group is computed on first use."""

    def __init__(self, timeline: Timeline) -> None:
        self._timeline = weakref.ref(timeline)  # the cache keeps the columns while it lives
        self.size = len(timeline.events)
        self.lane_ids: tuple[str, ...] = tuple(lane.id for lane in timeline.lanes)
        self.source_ids: tuple[str, ...] = tuple(source.id for source in timeline.sources)

    def prepare(self) -> EventColumns:
        """Every column computed now (a worker thread does this after a large read, so that the
        window's first paint finds them made)."""
        for name in ("row_of", "date_order", "mid", "precision", "lanes", "kinds", "countries", "sources", "disagree"):
            getattr(self, name)
        return self

    @property
    def events(self) -> tuple[Event, ...]:
        timeline = self._timeline()
        assert timeline is not None, "the columns of a timeline that is gone"
        return timeline.events

    # --- ids ---------------------------------------------------------------------------
    @cached_property
    @_quiet
    def row_of(self) -> dict[str, int]:
        """Each event id's row."""
        return dict(zip(map(attrgetter("id"), self.events), range(self.size), strict=True))

    # --- dates -------------------------------------------------------------------------
    @cached_property
    @_quiet
    def _dates(self) -> tuple[Ints, Ints, Ints, Ints, Ints, Ints, Bools]:
        events = self.events
        dates = list(map(attrgetter("date"), events))
        ends = list(map(attrgetter("end"), events))
        has_end = np.fromiter((end is not None for end in ends), dtype=bool, count=len(ends))
        year, month, day = _fields(dates)
        if has_end.any():
            end_year, end_month, end_day = _fields([end or date for end, date in zip(ends, dates, strict=True)])
        else:
            end_year, end_month, end_day = year, month, day
        return year, month, day, end_year, end_month, end_day, has_end

    @cached_property
    def year(self) -> Ints:
        return self._dates[0]

    @cached_property
    def month(self) -> Ints:
        """The month (1-12), 0 where the date gives none."""
        return self._dates[1]

    @cached_property
    def day(self) -> Ints:
        """The day (1-31), 0 where the date gives none."""
        return self._dates[2]

    @cached_property
    def end_year(self) -> Ints:
        """The year of the end, the date's where the event has none."""
        return self._dates[3]

    @cached_property
    def has_end(self) -> Bools:
        return self._dates[6]

    @cached_property
    def first_day(self) -> Ints:
        """The first day each date may mean, in days since 1970-01-01."""
        return _first_days(self.year, self.month, self.day)

    @cached_property
    def date_last_day(self) -> Ints:
        """The last day the date (not its end) may mean, in days since 1970-01-01."""
        return _last_days(self.year, self.month, self.day)

    @cached_property
    def last_day(self) -> Ints:
        """The last day of the event (of its end when it has one): `Event.last_day`, in days
        since 1970-01-01."""
        if not self.has_end.any():
            return self.date_last_day
        _y, _m, _d, end_year, end_month, end_day, _e = self._dates
        return _last_days(end_year, end_month, end_day)

    @cached_property
    def mid(self) -> Floats:
        """The marker time of each event (`dates.marker_time` of its date), epoch seconds."""
        return (self.first_day + self.date_last_day + 1).astype(np.float64) * (SECONDS_PER_DAY / 2)

    @cached_property
    def precision(self) -> Ints:
        """`dates.Precision` of each date: 1 year, 2 month, 3 day."""
        return 1 + (self.month > 0) + (self.day > 0)

    @cached_property
    def date_order(self) -> tuple[Ints, Ints]:
        """(date rank, place): `date_order` of the events (a timeline's are in date order)."""
        return date_order(self.year, self.month, self.day, self.last_day)

    # --- values ------------------------------------------------------------------------
    @cached_property
    @_quiet
    def lanes(self) -> Codes:
        """Each event's lanes, coded by their place in the timeline's lanes."""
        return Codes.of(list(map(attrgetter("lanes"), self.events)), self.lane_ids)

    @cached_property
    @_quiet
    def kinds(self) -> Codes:
        """Each event's kind (one per event: `owner` is every row in order)."""
        return Codes.flat(list(map(attrgetter("kind"), self.events)))

    @cached_property
    @_quiet
    def countries(self) -> Codes:
        """The countries each event names, as spelled (the alias table is the reader's to apply;
        an event may name one twice, in two spellings or by mistake)."""
        return Codes.of(list(map(attrgetter("countries"), self.events)))

    @cached_property
    def sources(self) -> Codes:
        """The distinct sources each event cites, coded by their place in the timeline's sources."""
        sizes, cited = self._citations
        every = Codes.flat(cited, sizes, self.source_ids)
        if (every.code < 0).any():  # a timeline made in memory may cite sources it does not list
            listed = set(self.source_ids)
            unknown = tuple(dict.fromkeys(name for name in cited if name not in listed))
            every = Codes.flat(cited, sizes, self.source_ids + unknown)
        return every.distinct()

    @cached_property
    @_quiet
    def _citations(self) -> tuple[Ints, list[str]]:
        """How many citations each event has, and the source of every citation in a row."""
        citations = list(map(attrgetter("citations"), self.events))
        sizes = np.fromiter(map(len, citations), dtype=np.int64, count=len(citations))
        return sizes, list(map(attrgetter("source"), chain.from_iterable(citations)))

    @cached_property
    @_quiet
    def disagree(self) -> Bools:
        """Whether each event's sources give dates that cannot both be right."""
        return _disagreeing(self.events, np.flatnonzero(self._citations[0] > 1))

    # --- questions -----------------------------------------------------------------------
    def in_lanes(self, lane_ids: Iterable[str]) -> Bools:
        """For each event, whether it is in one of these lanes."""
        chosen = set(lane_ids)
        wanted = np.fromiter((lane in chosen for lane in self.lane_ids), dtype=bool, count=len(self.lane_ids))
        return self.lanes.having(wanted, self.size)


_CACHE: dict[int, tuple[weakref.ref[Timeline], EventColumns]] = {}


def columns(timeline: Timeline) -> EventColumns:
    """The columns of a timeline: made on first use, kept while the timeline lives."""
    key = id(timeline)
    entry = _CACHE.get(key)
    if entry is not None and entry[0]() is timeline:
        return entry[1]
    made = EventColumns(timeline)

    def forget(ref: weakref.ref[Timeline], key: int = key, table: dict[int, Any] = _CACHE) -> None:
        # the table is bound here: at interpreter exit the module's globals may be gone first
        if table.get(key, (None,))[0] is ref:
            del table[key]

    _CACHE[key] = (weakref.ref(timeline, forget), made)
    return made
