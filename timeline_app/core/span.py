"""The span a timeline can show and the view it opens on, taken from its data (pure Python, no Qt).

A timeline is about the days from its first to its last (its `TimeSpan`): the file's `span:`
when it declares one, widened to hold every event and era, else the first and last day of its
events and eras. It opens on that span with a margin of 1/75 of its width on each side (its
home: Fit All), and can be panned and zoomed out to a margin of 1/25 of its width, or a year,
whichever is more (its limits). Edges of spans of three years or more fall on the first of a
month. Nothing is shown before 1 January 1800 or after 31 December 2100 (EARLIEST, LATEST);
the narrowest range is a week (MIN_SPAN). The bundled events.yaml declares 1991-2015, and so
opens on 1 September 1990 to 1 May 2016 and reaches from 1990 to 2016.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from .columns import columns
from .dates import SECONDS_PER_DAY, PartialDate, day_to_epoch, epoch_to_day
from .model import Timeline

__all__ = [
    "DEFAULT_SPAN",
    "EARLIEST",
    "HOME_RANGE",
    "LATEST",
    "MIN_SPAN",
    "REACH",
    "X_MAX",
    "X_MIN",
    "TimeSpan",
    "data_extent",
    "in_reach",
    "reach_text",
    "timeline_span",
]

EARLIEST = dt.date(1800, 1, 1)  # nothing is shown before this day
LATEST = dt.date(2100, 12, 31)  # ... nor after this one
MIN_SPAN = 7 * SECONDS_PER_DAY  # the narrowest range: a week
HOME_MARGIN = 1 / 75  # of the span's width, each side of the home view (4 months on 25 years)
LIMIT_MARGIN = 1 / 25  # of the span's width, each side, as far as one can pan (a year on 25 years)
MIN_LIMIT_DAYS = 365.0  # ... and never less than a year
MONTHS_FROM_DAYS = 3 * 365  # a span at least this wide has its edges on the first of a month
#: [EARLIEST, the end of LATEST) in epoch seconds: where anything can be drawn
REACH = (day_to_epoch(EARLIEST), day_to_epoch(LATEST + dt.timedelta(days=1)))


def _snap(seconds: float, by_month: bool) -> float:
    """The nearest midnight, or the nearest first of a month."""
    day = epoch_to_day(seconds + SECONDS_PER_DAY / 2)
    if not by_month:
        return day_to_epoch(day)
    start = dt.date(day.year, day.month, 1)
    following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    middle = (day_to_epoch(start) + day_to_epoch(following)) / 2
    return day_to_epoch(start if seconds < middle else following)


def _within_reach(start: float, end: float) -> tuple[float, float]:
    return max(start, REACH[0]), min(end, REACH[1])


@dataclass(frozen=True)
class TimeSpan:
    """The days a timeline is about, [first, last] inclusive, and what follows from them: the
    home view and the limits of panning and zooming, in epoch seconds."""

    first: dt.date
    last: dt.date
    home: tuple[float, float] = field(init=False, compare=False)  # Fit All
    limits: tuple[float, float] = field(init=False, compare=False)  # as far as one can pan

    def __post_init__(self) -> None:
        start, end = day_to_epoch(self.first), day_to_epoch(self.last) + SECONDS_PER_DAY
        width = end - start
        by_month = width >= MONTHS_FROM_DAYS * SECONDS_PER_DAY
        home = width * HOME_MARGIN
        reach = max(width * LIMIT_MARGIN, MIN_LIMIT_DAYS * SECONDS_PER_DAY)
        limits = _within_reach(_snap(start - reach, by_month), _snap(end + reach, by_month))
        low, high = _within_reach(_snap(start - home, by_month), _snap(end + home, by_month))
        if high - low < MIN_SPAN:  # a day or two of data: a week around it
            middle = min(max((low + high) / 2, limits[0] + MIN_SPAN / 2), limits[1] - MIN_SPAN / 2)
            low, high = middle - MIN_SPAN / 2, middle + MIN_SPAN / 2
        object.__setattr__(self, "limits", limits)
        object.__setattr__(self, "home", (low, high))

    @property
    def width(self) -> float:
        """How wide the limits are, in seconds: the widest range."""
        return self.limits[1] - self.limits[0]

    def clamp(self, start: float, end: float) -> tuple[float, float]:
        """[start, end] moved within the limits, at least MIN_SPAN and at most their width."""
        x_min, x_max = self.limits
        width = min(max(end - start, MIN_SPAN), x_max - x_min)
        centre = (start + end) / 2
        start = min(max(centre - width / 2, x_min), x_max - width)
        return start, start + width

    def overlaps(self, start: float, end: float) -> bool:
        """True when some of [start, end) lies within the limits."""
        return start < self.limits[1] and end > self.limits[0]

    def including(self, start: float, end: float) -> TimeSpan:
        """This span widened to hold [start, end) (epoch seconds, within 1800-2100): a range asked
        for (--from 1950) that lies outside it; itself when it holds it already."""
        start, end = _within_reach(start, end)
        if self.limits[0] <= start and end <= self.limits[1]:
            return self
        first, last = epoch_to_day(start), epoch_to_day(max(end, start + 1) - 1)
        return TimeSpan(min(self.first, first), max(self.last, last))

    def years(self) -> str:
        """The years the limits reach, for messages: '1990-2016'."""
        first, last = epoch_to_day(self.limits[0]), epoch_to_day(self.limits[1] - 1)
        return f"{first.year}-{last.year}"


#: The span of a state with no timeline yet, and of a figure made without one: 1991-2015,
#: the bundled data's (whose file declares it).
DEFAULT_SPAN = TimeSpan(dt.date(1991, 1, 1), dt.date(2015, 12, 31))
X_MIN, X_MAX = DEFAULT_SPAN.limits
HOME_RANGE = DEFAULT_SPAN.home  # 1991-2015 with a margin: 1990-09-01 to 2016-05-01


def in_reach(first: dt.date, last: dt.date) -> bool:
    """True when [first, last] lies within what any timeline can show (1800-2100)."""
    return EARLIEST <= first and last <= LATEST


def reach_text() -> str:
    """'1800 to 2100': the years any timeline can show, for messages."""
    return f"{EARLIEST.year} to {LATEST.year}"


def _date_pairs(timeline: Timeline) -> Iterable[tuple[PartialDate, PartialDate | None]]:
    """The eras' dates and ends (the events' are read as arrays: `_event_extent`)."""
    for lane in timeline.lanes:
        for era in lane.eras:
            yield era.date, era.end


def data_extent(timeline: Timeline) -> tuple[dt.date, dt.date] | None:
    """The first and the last day of the events and eras that lie within 1800-2100 (those
    outside are not shown: the loader warns of them); None when there are none. The events'
    from their columns (`core.columns`), the eras' as plain tuples (year, month, day), which
    order as the days do."""
    low, high = EARLIEST.year, LATEST.year
    first, last = _event_extent(timeline)
    for date, end in _date_pairs(timeline):
        stop = end or date
        if date.year < low or stop.year > high:
            continue
        early = (date.year, date.month or 1, date.day or 1)
        late = (stop.year, stop.month or 12, stop.day or 31)  # day 31: the month's last, whatever it is
        if first is None or early < first:
            first = early
        if last is None or late > last:
            last = late
    if first is None or last is None:
        return None
    month_end = PartialDate(last[0], last[1]).last_day.day
    return dt.date(*first), dt.date(last[0], last[1], min(last[2], month_end))


def _event_extent(timeline: Timeline) -> tuple[tuple[int, int, int] | None, tuple[int, int, int] | None]:
    """(year, month, day) of the first and the last day of the events within 1800-2100."""
    if not timeline.events:
        return None, None
    table = columns(timeline)
    inside = (table.year >= EARLIEST.year) & (table.end_year <= LATEST.year)
    if not inside.any():
        return None, None
    first = _EPOCH_DAY + dt.timedelta(days=int(table.first_day[inside].min()))
    last = _EPOCH_DAY + dt.timedelta(days=int(table.last_day[inside].max()))
    return (first.year, first.month, first.day), (last.year, last.month, last.day)


_EPOCH_DAY = dt.date(1970, 1, 1)


def timeline_span(timeline: Timeline | None) -> TimeSpan:
    """What a timeline is about: its declared `span:` (either end may be missing) widened to
    hold its events and eras, else their extent; DEFAULT_SPAN when it has neither."""
    declared = timeline.span if timeline is not None else None
    extent = data_extent(timeline) if timeline is not None else None
    first = declared[0].first_day if declared and declared[0] else None
    last = declared[1].last_day if declared and declared[1] else None
    if extent is not None:
        first = min(first, extent[0]) if first else extent[0]
        last = max(last, extent[1]) if last else extent[1]
    if first is None or last is None:
        if first is None and last is None:
            return DEFAULT_SPAN
        only = first or last
        assert only is not None
        first, last = first or only, last or only
    return TimeSpan(max(first, EARLIEST), min(last, LATEST))
