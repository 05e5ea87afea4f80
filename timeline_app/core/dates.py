"""Partial dates: the EDTF (ISO 8601-2) subset YYYY, YYYY-MM, YYYY-MM-DD with ~ ? % qualifiers."""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass
from enum import IntEnum
from functools import total_ordering

__all__ = [
    "DateError",
    "PartialDate",
    "Precision",
    "parse_date",
    "day_to_epoch",
    "epoch_to_day",
    "format_range",
]

_EPOCH = _dt.date(1970, 1, 1)
SECONDS_PER_DAY = 86400

_PATTERN = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([~?%])?")

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


MONTH_ABBR = tuple(name[:3] for name in MONTH_NAMES)


class DateError(ValueError):
    """A text that is not a date of the supported EDTF subset; the message says why."""


class Precision(IntEnum):
    """How much of a date is known: a larger value is finer."""

    YEAR = 1
    MONTH = 2
    DAY = 3


@total_ordering
@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to a year, a month or a day, possibly approximate (~) or uncertain (?)."""

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    uncertain: bool = False

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise DateError(f"year {self.year:04d} is outside 0001-9999")
        if self.month is None:
            if self.day is not None:
                raise DateError("a day needs a month")
            return
        if not 1 <= self.month <= 12:
            raise DateError(f"month {self.month:02d} does not exist (01-12)")
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise DateError(
                    f"day {self.day:02d} does not exist in {MONTH_NAMES[self.month - 1]} {self.year} (01-{last:02d})"
                )

    # --- what is known -------------------------------------------------
    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def first_day(self) -> _dt.date:
        """The earliest day the date may mean."""
        return _dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> _dt.date:
        """The latest day the date may mean (inclusive)."""
        if self.day is not None:
            return _dt.date(self.year, self.month, self.day)  # type: ignore[arg-type]
        month = self.month or 12
        return _dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def span_days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    def contains(self, other: PartialDate) -> bool:
        """True when every day `other` may mean is a day this date may mean."""
        return self.first_day <= other.first_day and other.last_day <= self.last_day

    def sort_key(self) -> tuple[int, int, int]:
        """Chronological order: by first day, the coarser date first on a tie."""
        return (self.first_day.toordinal(), int(self.precision), self.span_days)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    # --- text ----------------------------------------------------------
    def __str__(self) -> str:
        """The EDTF form, e.g. 1992-05-15, 2001-05, 1999~."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        if self.approximate and self.uncertain:
            text += "%"
        elif self.approximate:
            text += "~"
        elif self.uncertain:
            text += "?"
        return text

    def format(self, month_first: bool = False) -> str:
        """For people, at the date's own precision: '1992', 'May 2001', '15 May 1992' (or, month
        first as Chicago writes it, 'May 15, 1992')."""
        if self.month is None:
            text = str(self.year)
        elif self.day is None:
            text = f"{MONTH_NAMES[self.month - 1]} {self.year}"
        elif month_first:
            text = f"{MONTH_NAMES[self.month - 1]} {self.day}, {self.year}"
        else:
            text = f"{self.day} {MONTH_NAMES[self.month - 1]} {self.year}"
        if self.approximate:
            text = "c. " + text
        if self.uncertain:
            text += "?"
        return text

    def precision_name(self) -> str:
        qualifiers = [q for q, on in (("approximate", self.approximate), ("uncertain", self.uncertain)) if on]
        name = {Precision.YEAR: "year", Precision.MONTH: "month", Precision.DAY: "day"}[self.precision]
        return name + (" (" + ", ".join(qualifiers) + ")" if qualifiers else "")


def parse_date(value: object) -> PartialDate:
    """Parse an EDTF string of the subset; also a bare int year and a datetime.date (as YAML gives)."""
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, bool):
        raise DateError(f"expected a date such as 1992, 1992-05 or 1992-05-15, got {value!r}")
    if isinstance(value, int):
        value = f"{value:04d}" if value >= 0 else str(value)
    elif isinstance(value, _dt.datetime):
        raise DateError("a date may not carry a time of day")
    elif isinstance(value, _dt.date):
        return PartialDate(value.year, value.month, value.day)
    if not isinstance(value, str):
        raise DateError(f"expected a date such as 1992, 1992-05 or 1992-05-15, got {type(value).__name__}")
    match = _PATTERN.fullmatch(value)
    if match is None:
        raise DateError(
            f"'{value}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD "
            "(optionally followed by ~ approximate, ? uncertain or % both)"
        )
    year, month, day, qualifier = match.groups()
    return PartialDate(
        int(year),
        int(month) if month else None,
        int(day) if day else None,
        approximate=qualifier in ("~", "%"),
        uncertain=qualifier in ("?", "%"),
    )


def day_to_epoch(day: _dt.date) -> float:
    """Seconds since 1970-01-01 at 00:00 UTC: the x coordinate of the timeline."""
    return float((day - _EPOCH).days * SECONDS_PER_DAY)


def marker_time(date: PartialDate) -> float:
    """Where the plot puts a date's marker: the middle of it, from its first day to the end of
    its last (epoch seconds). N / P, the overview strip and the plot all walk in this order."""
    return (day_to_epoch(date.first_day) + day_to_epoch(date.last_day) + SECONDS_PER_DAY) / 2


def epoch_to_day(seconds: float) -> _dt.date:
    """The UTC day that contains the given x coordinate."""
    return _EPOCH + _dt.timedelta(days=int(seconds // SECONDS_PER_DAY))


def format_range(start: float, end: float) -> str:
    """A time range [start, end) in epoch seconds, as precise as its span: '1991 – 2015',
    'May 1999 – Feb 2002', '3 Apr 1999 – 9 Apr 1999'."""
    first, last = epoch_to_day(start), epoch_to_day(end - 1)
    span_days = (end - start) / SECONDS_PER_DAY
    if span_days > 3 * 365:
        return f"{first.year} \u2013 {last.year}"
    if span_days > 62:
        return f"{MONTH_ABBR[first.month - 1]} {first.year} \u2013 {MONTH_ABBR[last.month - 1]} {last.year}"
    return (
        f"{first.day} {MONTH_ABBR[first.month - 1]} {first.year} \u2013 "
        f"{last.day} {MONTH_ABBR[last.month - 1]} {last.year}"
    )
