"""Each lane's events as sorted numpy arrays: culled to a range, and counted per time bucket."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np
import numpy.typing as npt

from .columns import columns
from .dates import SECONDS_PER_DAY
from .model import Timeline
from .quiet import collector_paused

__all__ = [
    "Aggregate",
    "BUCKET_UNITS",
    "Bands",
    "NO_BANDS",
    "BucketUnit",
    "LaneArrays",
    "LaneCounts",
    "LanePlan",
    "bucket_edges",
    "choose_unit",
    "lane_arrays",
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


@lru_cache(maxsize=8)
def _shared_edges(start: float, end: float, unit: BucketUnit) -> Floats:
    """`bucket_edges`, made once for every lane of a frame (read-only: they share it)."""
    edges = bucket_edges(start, end, unit)
    edges.flags.writeable = False
    return edges


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
    with collector_paused():
        return _lane_arrays(timeline)


def _lane_arrays(timeline: Timeline) -> dict[str, LaneArrays]:
    table = columns(timeline)  # the dates as arrays, shared with the list, filters and overview
    mid_all = table.mid
    x0_all = table.first_day.astype(np.float64) * SECONDS_PER_DAY
    x1_all = (table.last_day + 1).astype(np.float64) * SECONDS_PER_DAY
    bar_all = table.has_end | (table.day == 0)
    owner, code = table.lanes.owner, table.lanes.code
    # every lane's events at once: by lane, then by marker time (stable: ties in file order)
    order = np.lexsort((mid_all[owner], code))
    owner, code = owner[order], code[order]
    bounds = np.searchsorted(code, np.arange(len(timeline.lanes) + 1), side="left")
    arrays = {}
    for index, lane in enumerate(timeline.lanes):
        rows = owner[bounds[index] : bounds[index + 1]]
        x0, x1, has_bar = x0_all[rows], x1_all[rows], bar_all[rows]
        arrays[lane.id] = LaneArrays(rows, mid_all[rows], x0, x1, has_bar, _bar_classes(x0, x1, has_bar))
    return arrays


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
class Bands:
    """A lane's aggregates as arrays (one row a band, in time order): their spans clipped to the
    view, their counts, and their columns, all bands' in a row (`edges`; band k's are
    `edges[first[k] : first[k] + parts[k] + 1]`, and its columns' counts the same slice of
    `columns` and `column_matches` less one at the end)."""

    start: Floats
    end: Floats
    count: Ints
    matched: Ints
    edges: Floats  # every band's column edges, epoch seconds (clipped to the view at its ends)
    first: Ints  # where each band's edges begin in `edges`
    parts: Ints  # each band's columns
    columns: Ints  # events drawn between edges[j] and edges[j + 1] (meaningless from one band to the next)
    column_matches: Ints

    def __len__(self) -> int:
        return len(self.start)

    @property
    def inner(self) -> Bools:
        """For each step from edges[j] to edges[j + 1], whether it is a column (not the gap
        from a band's last edge to the next band's first)."""
        steps = np.ones(max(len(self.edges) - 1, 0), dtype=bool)
        steps[(self.first[1:] - 1)] = False
        return steps

    def aggregate(self, k: int) -> Aggregate:
        """Band k as an Aggregate."""
        first, last = int(self.first[k]), int(self.first[k] + self.parts[k])
        return Aggregate(
            float(self.start[k]),
            float(self.end[k]),
            int(self.count[k]),
            int(self.matched[k]),
            self.edges[first : last + 1],
            self.columns[first:last],
            self.column_matches[first:last],
        )


_NO_FLOATS = np.zeros(0, dtype=np.float64)
_NO_INTS = np.zeros(0, dtype=np.int64)
NO_BANDS = Bands(_NO_FLOATS, _NO_FLOATS, _NO_INTS, _NO_INTS, _NO_FLOATS, _NO_INTS, _NO_INTS, _NO_INTS, _NO_INTS)


@dataclass(frozen=True)
class LanePlan:
    """What a lane shows in a range: aggregates (as arrays), and the index ranges drawn as glyphs."""

    bands: Bands
    glyphs: list[tuple[int, int]]  # (lo, hi) index ranges of events drawn one by one
    dense_edges: Floats  # [start0, end0, start1, end1, ...] of the runs of aggregates, unclipped, sorted

    @cached_property
    def aggregates(self) -> list[Aggregate]:
        """The bands one by one (made when asked for: a frame draws from the arrays)."""
        return [self.bands.aggregate(k) for k in range(len(self.bands))]

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
    column about `column_px` wide), the others are drawn glyph by glyph, and so are the events
    within `margin_px` beyond the view. O(buckets log n), in numpy (no Python work per bucket)."""
    unit = choose_unit(seconds_per_px, bucket_px)
    edges = _shared_edges(start, end, unit)
    margin = margin_px * seconds_per_px
    if len(edges) < 2:
        return LanePlan(NO_BANDS, [lane.in_range(start, end)], _NO_FLOATS)
    at = np.searchsorted(lane.mid, edges, side="left")
    drawn = counts.drawn[at[1:]] - counts.drawn[at[:-1]]
    widths_px = np.diff(edges) / seconds_per_px
    lefts, rights = edges[:-1], edges[1:]
    dense = (drawn > widths_px / px_per_glyph) & (np.minimum(rights, end) > np.maximum(lefts, start))
    chosen = np.flatnonzero(dense)
    # runs of adjacent dense buckets: no glyph is drawn there; the rest of the view (and its margins) is glyphs
    run_begins = chosen[np.diff(chosen, prepend=-2) != 1]
    run_ends = chosen[np.diff(chosen, append=len(dense) + 1) != 1]
    dense_edges = np.column_stack([lefts[run_begins], rights[run_ends]]).ravel()
    gaps = np.concatenate([[start - margin], dense_edges, [end + margin]]).reshape(-1, 2)
    gap_left = np.maximum(gaps[:, 0], start - margin)
    gap_right = np.minimum(gaps[:, 1], end + margin)
    lo = np.searchsorted(lane.mid, gap_left, side="left")
    hi = np.searchsorted(lane.mid, gap_right, side="left")
    keep = (gap_right > gap_left) & (hi > lo)
    glyphs = list(zip(lo[keep].tolist(), hi[keep].tolist(), strict=True))
    bands = _bands(lane, counts, lefts[chosen], rights[chosen], widths_px[chosen] // column_px, (start, end))
    return LanePlan(bands, glyphs, dense_edges)


def _bands(
    lane: LaneArrays,
    counts: LaneCounts,
    lefts: Floats,
    rights: Floats,
    columns: Floats,
    view: tuple[float, float],
) -> Bands:
    """The dense buckets as bands, all in one pass: each bucket cut in `columns` equal parts
    (at least one), so the columns stay put in a pan; the edges clipped to the view (the
    counts are of what is in view; a column outside it is empty and no wider than nothing)."""
    if not len(lefts):
        return NO_BANDS
    parts = np.maximum(columns.astype(np.int64), 1)
    sizes = parts + 1
    owner = np.repeat(np.arange(len(parts)), sizes)
    firsts = np.cumsum(sizes) - sizes
    step = np.arange(len(owner)) - firsts[owner]
    edges = np.clip(lefts[owner] + (rights - lefts)[owner] * step / parts[owner], view[0], view[1])
    at = np.searchsorted(lane.mid, edges, side="left")
    drawn, matched = counts.drawn[at], counts.matched[at]
    lasts = firsts + parts
    return Bands(
        edges[firsts],
        edges[lasts],
        drawn[lasts] - drawn[firsts],
        matched[lasts] - matched[firsts],
        edges,
        firsts,
        parts,
        np.diff(drawn),
        np.diff(matched),
    )
