"""Each lane's events as sorted numpy arrays: culled to a range, and counted per time bucket."""

from __future__ import annotations

import gc
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain, repeat
from operator import attrgetter, is_not

import numpy as np
import numpy.typing as npt

from .dates import SECONDS_PER_DAY
from .model import Event, Timeline

__all__ = [
    "Aggregate",
    "BUCKET_UNITS",
    "BucketUnit",
    "LaneArrays",
    "LaneCounts",
    "LanePlan",
    "bucket_edges",
    "choose_unit",
    "lane_arrays",
    "marker_times",
    "plan_lane",
]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

_MONDAY_OFFSET = 4  # 1970-01-01 was a Thursday: weeks begin on the Mondays 4 days later


@dataclass(frozen=True)
class BucketUnit:
    """A step of time that buckets are aligned to: `days` days, or `months` months (one is 0)."""

    name: str
    days: int = 0
    months: int = 0

    @property
    def seconds(self) -> float:
        """The unit's length in seconds (a month counts 30.44 days)."""
        return self.days * SECONDS_PER_DAY if self.days else self.months * 30.436875 * SECONDS_PER_DAY


#: The units buckets may have, shortest first; edges fall on days, Mondays, months, quarters,
#: years, and years that are multiples of 5, 10, 50 and 100.
BUCKET_UNITS = (
    BucketUnit("day", days=1),
    BucketUnit("week", days=7),
    BucketUnit("month", months=1),
    BucketUnit("quarter", months=3),
    BucketUnit("year", months=12),
    BucketUnit("5 years", months=60),
    BucketUnit("decade", months=120),
    BucketUnit("50 years", months=600),
    BucketUnit("century", months=1200),
)


def choose_unit(seconds_per_px: float, min_px: float) -> BucketUnit:
    """The shortest unit at least `min_px` pixels wide at this scale (the longest if none is)."""
    for unit in BUCKET_UNITS:
        if unit.seconds / seconds_per_px >= min_px:
            return unit
    return BUCKET_UNITS[-1]


def bucket_edges(start: float, end: float, unit: BucketUnit) -> Floats:
    """The unit's edges (epoch seconds) from the last one at or before `start` to the first one
    at or after `end`: the same instants whatever the range, so buckets do not move in a pan."""
    if unit.days:
        step = unit.days * SECONDS_PER_DAY
        offset = (_MONDAY_OFFSET if unit.days == 7 else 0) * SECONDS_PER_DAY
        first = np.floor((start - offset) / step)
        last = np.ceil((end - offset) / step)
        return np.arange(first, last + 1) * step + offset
    first_month = int(np.floor(_month_index(start) / unit.months)) * unit.months
    last_month = int(np.ceil(_month_index_end(end) / unit.months)) * unit.months
    months = np.arange(first_month, last_month + 1, unit.months).astype("datetime64[M]")
    days = months.astype("datetime64[D]").astype(np.int64)
    return days.astype(np.float64) * SECONDS_PER_DAY


def _month_index(seconds: float) -> int:
    """Months since January 1970 of the month that holds an instant."""
    day = np.datetime64(int(np.floor(seconds / SECONDS_PER_DAY)), "D")
    return int(day.astype("datetime64[M]").astype(np.int64))


def _month_index_end(seconds: float) -> int:
    """The index of the first month that begins at or after an instant."""
    month = _month_index(seconds)
    begins = float(np.datetime64(month, "M").astype("datetime64[D]").astype(np.int64)) * SECONDS_PER_DAY
    return month if begins >= seconds else month + 1


@dataclass
class _BarClass:
    """The bars of one length class: lane indices sorted by bar start, and the longest length."""

    order: Ints
    starts: Floats
    longest: float


@dataclass
class LaneArrays:
    """One lane's events sorted by marker time: rows in the timeline, marker times, bars."""

    rows: Ints  # index of each event in timeline.events
    mid: Floats  # marker time (the middle of the event's date), sorted
    x0: Floats  # the first day of the event, epoch seconds
    x1: Floats  # the end of its last day (of its end date when it has one)
    has_bar: Bools  # drawn with a bar: a month, a year or a period
    bars: list[_BarClass] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.mid)

    def in_range(self, start: float, end: float) -> tuple[int, int]:
        """(lo, hi): the events whose marker is in [start, end) are lo..hi-1."""
        lo, hi = np.searchsorted(self.mid, [start, end], side="left")
        return int(lo), int(hi)

    def bars_across(self, instant: float) -> Ints:
        """The indices of the bars that cross an instant (start before it, end after it), sorted."""
        found = []
        for group in self.bars:
            lo, hi = np.searchsorted(group.starts, [instant - group.longest, instant], side="left")
            chosen = group.order[lo:hi]
            found.append(chosen[self.x1[chosen] > instant])
        return np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)

    def index_of(self, mid: float, row: int) -> int | None:
        """The lane index of the event at timeline row `row` whose marker time is `mid`, or None."""
        lo, hi = int(np.searchsorted(self.mid, mid, side="left")), int(np.searchsorted(self.mid, mid, side="right"))
        found = np.nonzero(self.rows[lo:hi] == row)[0]
        return lo + int(found[0]) if len(found) else None


def _date_fields(events: Sequence[Event]) -> tuple[Ints, ...]:
    """(year, month, day) of each event's date and of its end (0 for what is not given; the
    end's fields are the date's where it has no end)."""
    rows = []
    for event in events:
        date, end = event.date, event.end or event.date
        rows.append((date.year, date.month or 0, date.day or 0, end.year, end.month or 0, end.day or 0))
    fields = np.array(rows, dtype=np.int64).reshape(-1, 6)
    return tuple(fields[:, i] for i in range(6))


def _first_days(year: Ints, month: Ints, day: Ints) -> Ints:
    """Days since 1970-01-01 of the first day each partial date may mean."""
    months = ((year - 1970) * 12 + np.maximum(month, 1) - 1).astype("datetime64[M]")
    return months.astype("datetime64[D]").astype(np.int64) + np.maximum(day, 1) - 1


def _last_days(year: Ints, month: Ints, day: Ints) -> Ints:
    """Days since 1970-01-01 of the last day each partial date may mean."""
    months = (year - 1970) * 12 + np.where(month > 0, month, 12) - 1
    begins = months.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    following = (months + 1).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    return np.where(day > 0, begins + day - 1, following - 1)


def _bar_classes(x0: Floats, x1: Floats, has_bar: Bools) -> list[_BarClass]:
    """The bars grouped by length (powers of two of days), each group sorted by start."""
    indices = np.nonzero(has_bar)[0]
    if not len(indices):
        return []
    lengths = x1[indices] - x0[indices]
    classes = np.floor(np.log2(np.maximum(lengths / SECONDS_PER_DAY, 1.0))).astype(np.int64)
    groups = []
    for value in np.unique(classes):
        chosen = indices[classes == value]
        order = chosen[np.argsort(x0[chosen], kind="stable")]
        groups.append(_BarClass(order, x0[order], float(np.max(x1[order] - x0[order]))))
    return groups


def lane_arrays(timeline: Timeline) -> dict[str, LaneArrays]:
    """Every lane's arrays, in one pass over the timeline (O(n log n)); the cyclic garbage
    collector waits meanwhile (the tuples made here hold no cycles, and would set it off)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return _lane_arrays(timeline)
    finally:
        if paused:
            gc.enable()


def _lane_arrays(timeline: Timeline) -> dict[str, LaneArrays]:
    events = timeline.events
    if not events:
        empty = np.zeros(0, dtype=np.int64)
        return {
            lane.id: LaneArrays(empty, empty.astype(float), empty.astype(float), empty.astype(float), empty > 0)
            for lane in timeline.lanes
        }
    year, month, day, end_year, end_month, end_day = _date_fields(events)
    first = _first_days(year, month, day)
    last = _last_days(year, month, day)
    mid_all = (first + last + 1).astype(np.float64) * (SECONDS_PER_DAY / 2)
    x0_all = first.astype(np.float64) * SECONDS_PER_DAY
    x1_all = (_last_days(end_year, end_month, end_day) + 1).astype(np.float64) * SECONDS_PER_DAY
    has_end = np.fromiter(map(is_not, map(attrgetter("end"), events), repeat(None)), dtype=bool, count=len(events))
    bar_all = has_end | (day == 0)
    lanes = list(map(attrgetter("lanes"), events))
    counts = np.fromiter(map(len, lanes), dtype=np.int64, count=len(lanes))
    code_of = {lane.id: code for code, lane in enumerate(timeline.lanes)}
    codes = np.array(list(map(code_of.get, chain.from_iterable(lanes), repeat(-1))), dtype=np.int64)
    owners = np.repeat(np.arange(len(events), dtype=np.int64), counts)
    arrays = {}
    for code, lane in enumerate(timeline.lanes):
        lane_id = lane.id
        rows = owners[codes == code]
        rows = rows[np.argsort(mid_all[rows], kind="stable")]
        x0, x1, has_bar = x0_all[rows], x1_all[rows], bar_all[rows]
        arrays[lane_id] = LaneArrays(rows, mid_all[rows], x0, x1, has_bar, _bar_classes(x0, x1, has_bar))
    return arrays


def marker_times(events: Sequence[Event]) -> Floats:
    """The marker time of each event (as `dates.marker_time` gives it), in one vectorised pass."""
    if not events:
        return np.zeros(0)
    year, month, day, *_ = _date_fields(events)
    first, last = _first_days(year, month, day), _last_days(year, month, day)
    return (first + last + 1).astype(np.float64) * (SECONDS_PER_DAY / 2)


@dataclass
class LaneCounts:
    """Running counts over a lane's sorted events: of those drawn (a match, or dimmed, not
    hidden) and of the matches; the count in [lo, hi) is cum[hi] - cum[lo]."""

    drawn: Ints
    matched: Ints

    @classmethod
    def of(cls, drawn: Bools, matched: Bools) -> LaneCounts:
        zero = np.zeros(1, dtype=np.int64)
        return cls(
            np.concatenate([zero, np.cumsum(drawn, dtype=np.int64)]),
            np.concatenate([zero, np.cumsum(matched, dtype=np.int64)]),
        )


@dataclass(frozen=True)
class Aggregate:
    """A stretch of a lane drawn as a density band: its time span (clipped to the view), the
    events drawn there and the matches among them, and the same per column of the band."""

    start: float
    end: float
    count: int
    matched: int
    edges: Floats  # the columns' edges, epoch seconds (clipped to the view at its ends)
    columns: Ints  # events drawn in each column
    column_matches: Ints  # matches in each column


@dataclass(frozen=True)
class LanePlan:
    """What a lane shows in a range: aggregates, and the index ranges drawn as glyphs."""

    aggregates: list[Aggregate]
    glyphs: list[tuple[int, int]]  # (lo, hi) index ranges of events drawn one by one
    dense_edges: Floats  # [start0, end0, start1, end1, ...] of the aggregates, unclipped, sorted

    def aggregated(self, times: Floats) -> Bools:
        """For each instant, whether it falls in an aggregate (its events are not drawn alone)."""
        if not len(self.dense_edges):
            return np.zeros(len(times), dtype=bool)
        inside: Bools = np.searchsorted(self.dense_edges, times, side="right") % 2 == 1
        return inside


def plan_lane(
    lane: LaneArrays,
    counts: LaneCounts,
    start: float,
    end: float,
    seconds_per_px: float,
    *,
    bucket_px: float = 48.0,
    px_per_glyph: float = 4.0,
    column_px: float = 3.0,
    margin_px: float = 12.0,
) -> LanePlan:
    """Split a lane's view into buckets of a calendar unit at least `bucket_px` wide; a bucket
    holding more than one drawn event per `px_per_glyph` pixels is an aggregate (counted per
    column about `column_px` wide), the others are drawn glyph by glyph. O(buckets log n)."""
    unit = choose_unit(seconds_per_px, bucket_px)
    edges = bucket_edges(start, end, unit)
    if len(edges) < 2:
        return LanePlan([], [lane.in_range(start, end)], np.zeros(0))
    at = np.searchsorted(lane.mid, edges, side="left")
    drawn = counts.drawn[at[1:]] - counts.drawn[at[:-1]]
    widths_px = np.diff(edges) / seconds_per_px
    dense = drawn > widths_px / px_per_glyph
    glyphs: list[tuple[int, int]] = []
    margin = margin_px * seconds_per_px
    for index in np.nonzero(~dense)[0].tolist():
        left, right = float(edges[index]), float(edges[index + 1])
        lo, hi = lane.in_range(max(left, start - margin), min(right, end + margin))
        if hi > lo:
            glyphs.append((lo, hi))
    chosen = np.nonzero(dense)[0]
    lefts, rights = edges[chosen], edges[chosen + 1]
    aggregates = _aggregates(lane, counts, lefts, rights, widths_px[chosen] // column_px, (start, end))
    dense_edges = np.column_stack([lefts, rights]).ravel()
    # glyphs in a margin beyond the buckets' ends are drawn too (half a marker shows at the edge)
    first_lo = lane.in_range(start - margin, float(edges[0]))
    last_hi = lane.in_range(float(edges[-1]), end + margin)
    glyphs = [r for r in (first_lo, *glyphs, last_hi) if r[1] > r[0]]
    return LanePlan([a for a in aggregates if a.end > a.start], glyphs, dense_edges)


def _aggregates(
    lane: LaneArrays,
    counts: LaneCounts,
    lefts: Floats,
    rights: Floats,
    columns: Floats,
    view: tuple[float, float],
) -> list[Aggregate]:
    """The dense buckets as aggregates, all in one pass: each bucket cut in `columns` equal
    parts (at least one), so the columns stay put in a pan; the edges clipped to the view (the
    counts are of what is in view; a column outside it is empty and no wider than nothing)."""
    parts = np.maximum(columns.astype(np.int64), 1)
    sizes = parts + 1
    owner = np.repeat(np.arange(len(parts)), sizes)
    firsts = np.cumsum(sizes) - sizes
    step = np.arange(len(owner)) - firsts[owner]
    edges = np.clip(lefts[owner] + (rights - lefts)[owner] * step / parts[owner], view[0], view[1])
    at = np.searchsorted(lane.mid, edges, side="left")
    drawn, matched = counts.drawn[at], counts.matched[at]
    per_column, matches = np.diff(drawn), np.diff(matched)
    found = []
    for first, size in zip(firsts.tolist(), sizes.tolist(), strict=True):
        last = first + size - 1
        found.append(
            Aggregate(
                float(edges[first]),
                float(edges[last]),
                int(drawn[last] - drawn[first]),
                int(matched[last] - matched[first]),
                edges[first : last + 1],
                per_column[first:last],
                matches[first:last],
            )
        )
    return found
