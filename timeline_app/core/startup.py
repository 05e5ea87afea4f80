"""The view a window opens on when the command line names one (a view shared as a command). No Qt.

`StartView` holds what the command line gave: the range, the lanes, the selection, the
search and filters, whether unmatched events are hidden, the lanes showing member rows and the
country followed. A command that names any of them
opens exactly that view, whatever the last session left: lanes not named are all shown, filters
not given are off, unmatched events are dimmed unless --hide-unmatched. Only the zoom of the
last session stays when no range is given (brought to the selection, if there is one). A
command that names none of them opens the window as the last session left it. `date_range`
turns `--from` / `--to` into the range an export or the window shows, the same for both.
"""

from __future__ import annotations

from dataclasses import dataclass

from .browse import Filters
from .dates import SECONDS_PER_DAY, PartialDate, day_to_epoch
from .span import DEFAULT_SPAN, TimeSpan, in_reach, reach_text
from .state import ViewState

__all__ = ["RangeError", "StartView", "date_range"]


class RangeError(ValueError):
    """--from / --to that name no range the timeline can show."""


def date_range(
    start: PartialDate | None, end: PartialDate | None, span: TimeSpan = DEFAULT_SPAN
) -> tuple[float, float]:
    """[first day of `start`, end of the last day of `end`) in epoch seconds; a missing bound is
    the edge of `span`'s home view. Any dates from 1800 to 2100 may be asked for, in the
    timeline's span or not (what lies beyond its limits is brought within them when shown).
    Raises RangeError outside 1800-2100 or for an empty range."""
    if (start and not in_reach(start.first_day, start.first_day)) or (end and not in_reach(end.last_day, end.last_day)):
        raise RangeError(f"the timeline shows {reach_text()}")
    first = day_to_epoch(start.first_day) if start else span.home[0]
    last = day_to_epoch(end.last_day) + SECONDS_PER_DAY if end else span.home[1]
    if last <= first:
        raise RangeError("the range is empty")
    return first, last


@dataclass(frozen=True)
class StartView:
    """What to show once the file is open; None for a part the command did not give."""

    time_range: tuple[float, float] | None = None
    lanes: tuple[str, ...] | None = None  # lane ids
    selected: str | None = None
    filters: Filters | None = None  # the search and every filter, together
    hide_unmatched: bool | None = None
    member_lanes: tuple[str, ...] | None = None  # lanes showing member rows
    followed: str | None = None  # a country followed across the lanes
    followed_only: bool = False  # only the followed country's row in each lane

    @property
    def empty(self) -> bool:
        """True when nothing is asked for: the window opens as the last session left it."""
        return self == StartView()

    def apply(self, state: ViewState) -> None:
        """Bring the state to exactly this view: lanes, filters, range, then the selection
        (brought into view when no range is given). An empty view changes nothing."""
        if self.empty or state.timeline is None:
            return
        state.set_visible_lanes(self.lanes if self.lanes is not None else (lane.id for lane in state.timeline.lanes))
        state.set_filters(self.filters if self.filters is not None else Filters())
        state.set_member_lanes(frozenset(self.member_lanes or ()))
        if self.followed is not None:
            state.follow_country(self.followed)
            state.set_followed_only(self.followed_only)
        state.set_hide_unmatched(bool(self.hide_unmatched))
        if self.time_range is not None:
            state.show_range(*self.time_range)
        if self.selected is not None:
            state.select(self.selected)
            if self.time_range is None:
                state.reveal(self.selected)
