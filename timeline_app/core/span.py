"""The span the timeline can show, and the view it opens on (pure Python, no Qt)."""

from __future__ import annotations

import datetime as dt

from .dates import SECONDS_PER_DAY, day_to_epoch

__all__ = ["FIRST_DAY", "HOME_RANGE", "LAST_DAY", "MIN_SPAN", "X_MAX", "X_MIN", "in_span"]

FIRST_DAY = dt.date(1990, 1, 1)  # nothing can be panned to before this day
LAST_DAY = dt.date(2016, 12, 31)  # ... nor after this one
X_MIN = day_to_epoch(FIRST_DAY)
X_MAX = day_to_epoch(LAST_DAY + dt.timedelta(days=1))
MIN_SPAN = 7 * SECONDS_PER_DAY  # the narrowest range: a week
HOME_RANGE = (day_to_epoch(dt.date(1990, 9, 1)), day_to_epoch(dt.date(2016, 5, 1)))  # 1991-2015 with a margin


def in_span(first: dt.date, last: dt.date) -> bool:
    """True when [first, last] lies within what the timeline can show."""
    return FIRST_DAY <= first and last <= LAST_DAY
