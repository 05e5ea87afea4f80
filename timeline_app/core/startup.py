"""The view a window opens on when the command line names one (a view shared as a command). No Qt.

`StartView` holds what the command line gave: the range, the lanes, the selection, the
search and filters, and whether unmatched events are hidden. Each part that is given replaces
what the last session left (the window applies it after restoring that); each part that is not
given stays as it was. `date_range` turns `--from` / `--to` into the range an export or the
window shows, the same for both.
"""

from __future__ import annotations

from dataclasses import dataclass

from .browse import Filters
from .dates import SECONDS_PER_DAY, PartialDate, day_to_epoch
from .span import FIRST_DAY, HOME_RANGE, LAST_DAY, in_span
from .state import ViewState

__all__ = ["RangeError", "StartView", "date_range"]


class RangeError(ValueError):
    """--from / --to that name no range the timeline can show."""


def date_range(start: PartialDate | None, end: PartialDate | None) -> tuple[float, float]:
    """[first day of `start`, end of the last day of `end`) in epoch seconds; a missing bound is
    the edge of the home view. Raises RangeError outside the span or for an empty range."""
    if (start and not in_span(start.first_day, start.first_day)) or (end and not in_span(end.last_day, end.last_day)):
        raise RangeError(f"the timeline shows {FIRST_DAY.year} to {LAST_DAY.year}")
    first = day_to_epoch(start.first_day) if start else HOME_RANGE[0]
    last = day_to_epoch(end.last_day) + SECONDS_PER_DAY if end else HOME_RANGE[1]
    if last <= first:
        raise RangeError("the range is empty")
    return first, last


@dataclass(frozen=True)
class StartView:
    """What to show once the file is open; None leaves that part as the last session left it."""

    time_range: tuple[float, float] | None = None
    lanes: tuple[str, ...] | None = None  # lane ids
    selected: str | None = None
    filters: Filters | None = None  # the search and every filter, together
    hide_unmatched: bool | None = None

    @property
    def empty(self) -> bool:
        """True when nothing is asked for: the window opens as the last session left it."""
        return self == StartView()

    def apply(self, state: ViewState) -> None:
        """Bring the state to this view: lanes, filters, range, then the selection (shown, and
        brought into view when no range is given)."""
        if self.lanes is not None:
            state.set_visible_lanes(self.lanes)
        if self.filters is not None:
            state.set_filters(self.filters)
        if self.hide_unmatched is not None:
            state.set_hide_unmatched(self.hide_unmatched)
        if self.time_range is not None:
            state.set_time_range(*self.time_range)
        if self.selected is not None:
            self._make_selectable(state, self.selected)
            state.select(self.selected)
            if self.time_range is None:
                state.reveal(self.selected)

    def _make_selectable(self, state: ViewState, event_id: str) -> None:
        """What the last session left (hidden lanes, unmatched events hidden) must not refuse
        the selection the command line asks for; what the command line gave is kept."""
        event = state.timeline.event(event_id) if state.timeline else None
        if event is None:
            return
        if self.lanes is None and not set(event.lanes).intersection(state.visible_lanes):
            state.set_visible_lanes((*state.visible_lanes, *event.lanes))
        if self.hide_unmatched is None and state.filters.active and not state.is_match(event_id):
            state.set_hide_unmatched(False)
