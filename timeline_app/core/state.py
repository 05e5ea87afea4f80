"""The view state: the one owner of what the viewer shows. No Qt.

`Document` is the open file: which file the viewer follows, the last good timeline and the
file it came from, and the problems of the latest read. `ViewState` adds what is shown of it:
the time range, the visible lanes, the selection and the theme's name. Widgets (the plot, the
lane panel and menu, the details, the status bar, the presentation card) and exports read the
state and subscribe to its signals; changing the state is the only way to change the picture,
so no widget keeps a copy that could drift. (napari's `ViewerModel` is the model for this.)
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .browse import Aliases, Filters, SearchIndex, matching_mask, search_index
from .cache import Cache
from .columns import Bools, Ints, columns
from .dates import SECONDS_PER_DAY, PartialDate, day_to_epoch, marker_time
from .figure import FigureSpec
from .loader import Progress, parse_timeline, read_file
from .membership import Membership, Span
from .model import Event, Timeline
from .problems import LoadResult, Problem, count
from .span import DEFAULT_SPAN, TimeSpan, timeline_span

__all__ = [
    "PREPARE_AT",
    "Document",
    "Read",
    "Signal",
    "View",
    "ViewState",
    "fingerprint",
    "prepare",
    "prepare_search",
    "read_timeline",
]


class Signal:
    """A list of callbacks, called in order with the emitted values (a plain-Python signal)."""

    def __init__(self) -> None:
        self._slots: list[Callable[..., Any]] = []

    def connect(self, slot: Callable[..., Any]) -> None:
        self._slots.append(slot)

    def disconnect(self, slot: Callable[..., Any]) -> None:
        self._slots.remove(slot)

    def emit(self, *args: Any) -> None:
        for slot in list(self._slots):
            slot(*args)


#: A finished read of a file: its bytes (None when it could not be read) and what the loader made of them.
Read = tuple[bytes | None, LoadResult]  # (the content's fingerprint, what it loaded to)


def fingerprint(content: bytes) -> bytes:
    """What a Document keeps of a file's content to tell a change: 16 bytes, not the file
    (at 100,000 events that is 70 MB held for nothing)."""
    return hashlib.blake2b(content, digest_size=16).digest()


def read_timeline(
    path: str | Path,
    *,
    progress: Progress | None = None,
    cache: Cache | None = None,
    unless: bytes | None = None,
) -> Read | None:
    """Read a file and load its timeline, as a Document does (the window runs this in a worker
    thread and hands the read to `Document.take`). None when the file's fingerprint is `unless`
    (that of the content read last: nothing changed). Raises LoadCancelled only when `progress`
    does."""
    content, problem = read_file(path)
    if content is None:
        return None, LoadResult(None, [problem] if problem else [])
    seen = fingerprint(content)
    if seen == unless:
        return None
    return seen, parse_timeline(content, str(path), progress=progress, cache=cache)


#: From this many events on, a read in a worker thread also prepares what the window needs.
PREPARE_AT = 20_000


def prepare(timeline: Timeline) -> None:
    """Compute now what the window would compute on the GUI thread at its first paint: the
    timeline's columns (core.columns). The window's worker thread calls this after a large read,
    before the timeline is shown, then `prepare_search` after it is shown."""
    columns(timeline).prepare()


def prepare_search(timeline: Timeline, aliases: Aliases, stop: Callable[[], bool] | None = None) -> None:
    """Build the timeline's search index now, not at the first keystroke (a worker thread does
    this while the window shows the timeline; a search meanwhile waits for it). `stop` gives
    the build up: the first search builds it then."""
    search_index(timeline, aliases).prepare(stop)


class Document:
    """The file the viewer follows, and the last good timeline.

    `path` is the file the user opened last: it is watched, reloaded and named in messages.
    `shown` is the file the timeline was read from. They differ after opening a file with
    errors while another one is shown: the other stays on screen, and the broken file is read
    again when it changes, until it loads. A document made from a timeline (for an export)
    follows no file.
    """

    def __init__(self, timeline: Timeline | None = None) -> None:
        self.path: Path | None = None
        self.shown: Path | None = None
        self.timeline: Timeline | None = timeline
        self.problems: list[Problem] = []
        self.cache: Cache | None = None  # the warm-load cache the reads use, when there is one
        self._seen: bytes | None = None  # the fingerprint of the path's content at its latest read
        #: (loaded, another file) after each read: whether a timeline was read, and whether it
        #: comes from another file than the timeline shown before (or there was none)
        self.changed = Signal()

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def failed(self) -> bool:
        """True when the file followed could not be loaded (what is shown, if anything, is older)."""
        return self.path is not None and (bool(self.errors) or self.shown != self.path)

    @property
    def seen(self) -> bytes | None:
        """The fingerprint of the followed file's content at its latest read (None: it could not
        be read)."""
        return self._seen

    def open(self, path: str | Path) -> bool:
        """Follow `path` and read it; on errors the last good timeline stays."""
        read = read_timeline(path, cache=self.cache)
        assert read is not None  # without `unless`, there is always a read
        return self.take(path, *read)

    def reload(self) -> bool:
        """Read the followed file again, whatever its content."""
        return self.open(self.path) if self.path is not None else False

    def reload_if_changed(self) -> bool:
        """Read the followed file again if its content is not what was read last (an editor's
        save); True when it was read."""
        if self.path is None:
            return False
        read = read_timeline(self.path, cache=self.cache, unless=self._seen)
        if read is None:
            return False
        self.take(self.path, *read)
        return True

    def take(self, path: str | Path, seen: bytes | None, result: LoadResult) -> bool:
        """Follow `path` and apply a finished read of it (`read_timeline`'s, here or in a worker
        thread): its problems, and its timeline when it loaded; on errors the last good
        timeline stays. True when a timeline was read."""
        self.path = Path(path)
        self._seen = seen
        self.problems = list(result.problems)
        if not result.ok:
            self.changed.emit(False, False)
            return False
        another = self.shown != self.path
        self.timeline, self.shown = result.timeline, self.path
        self.changed.emit(True, another)
        return True

    def summary(self) -> str:
        """One plain sentence on what is wrong and what is shown ('' when all is well)."""
        if self.path is None or not self.failed:
            return ""
        if self.path.exists():
            wrong = f"{self.path.name} has {count(len(self.errors), 'problem')}"
        elif self.shown == self.path:
            wrong = f"{self.path.name} was removed"
        else:
            wrong = f"{self.path.name} cannot be read"
        if self.shown is None:
            return f"{wrong}; nothing is shown until it is fixed. It is read again when you save it."
        if self.shown == self.path:
            return f"{wrong}; showing its last good version. It is read again when you save it."
        return (
            f"{wrong}; still showing {self.shown.name} as it was last read. "
            f"{self.path.name} is read again when you save it."
        )


@dataclass(frozen=True)
class View:
    """A place in the history of views: the range, the visible lanes and the selection."""

    time_range: tuple[float, float]
    lanes: tuple[str, ...]
    selected: str | None


class ViewState:
    """What the viewer shows of a document: its timeline, the time range, the visible lanes, the
    selected event, the search and filters (which events match, and whether the others are
    dimmed or hidden) and the theme's name; each change is announced once, by its own signal.

    The state follows its document: a timeline read from another file shows the lanes that
    `hidden_lanes_of(file)` does not name (what was remembered for that file); the same file
    read again keeps the lanes hidden now hidden, and shows lanes that are new. The filters
    stay as they are across reads.
    """

    def __init__(
        self,
        document: Document | None = None,
        hidden_lanes_of: Callable[[Path], Iterable[str]] | None = None,
        aliases: Aliases | None = None,
    ) -> None:
        self.document = document or Document()
        self._hidden_lanes_of = hidden_lanes_of
        self.aliases = aliases if aliases is not None else Aliases.bundled()
        #: what the timeline is about: its home (Fit All) and how far one can pan and zoom out
        self.span: TimeSpan = timeline_span(self.timeline)
        self.time_range: tuple[float, float] = self.span.home
        self.selected: str | None = None
        self.theme = "screen"
        self.filters = Filters()
        self.hide_unmatched = False
        self.visible_lanes: tuple[str, ...] = self._lanes()
        self._known_lanes = self.visible_lanes  # the lanes of the timeline the visible ones belong to
        self._index: SearchIndex | None = None
        self._mask: Bools | None = None  # matching_mask of the timeline, computed when asked
        self._shown: tuple[tuple[object, ...], Bools] | None = None  # (timeline, lanes) -> in a visible lane
        self._matching: tuple[tuple[object, ...], Ints] | None = None  # (timeline, mask, lanes) -> rows
        self._in_time: tuple[tuple[object, ...], Ints] | None = None  # matching rows, in marker order
        self._history: list[View] = []
        self._cursor = -1
        self._restoring = False
        self.timeline_changed = Signal()  # (timeline) a new timeline, or the same file read again
        self.span_changed = Signal()  # (TimeSpan) before the range moves within it
        self.range_changed = Signal()  # (start, end)
        self.lanes_changed = Signal()  # (visible lane ids, in file order)
        self.selection_changed = Signal()  # (event id or None)
        self.filters_changed = Signal()  # (filters): which events match may have changed
        self.unmatched_changed = Signal()  # (hide: bool) events that do not match: hidden or dimmed
        self.theme_changed = Signal()  # (theme name)
        self.history_changed = Signal()  # () what Back and Forward can do changed
        # membership: the lanes showing member rows, the country followed, the span selected
        self._membership: Membership | None = None  # of the timeline shown, built when asked
        self.member_lanes: frozenset[str] = frozenset()
        self.followed: str | None = None
        self.followed_only = False  # while a country is followed, lanes show only its member row
        self.selected_span: tuple[str, str, int] | None = None  # (lane, country, index in its spans)
        self.members_changed = Signal()  # (lanes showing member rows: frozenset)
        self.followed_changed = Signal()  # (country followed, or None)
        self.followed_only_changed = Signal()  # (bool) only the followed country's rows, or every row
        self.span_selected = Signal()  # ((lane, country, index) or None)
        self.document.changed.connect(self._document_read)

    @property
    def timeline(self) -> Timeline | None:
        """The timeline shown: the document's last good one."""
        return self.document.timeline

    def _lanes(self) -> tuple[str, ...]:
        return tuple(lane.id for lane in self.timeline.lanes) if self.timeline else ()

    # --- the timeline ----------------------------------------------------------
    def _document_read(self, loaded: bool, another_file: bool) -> None:
        if not loaded:
            return  # the last good timeline stays
        shown = self.document.shown
        if another_file and shown is not None and self._hidden_lanes_of is not None:
            hidden = set(self._hidden_lanes_of(shown))
        elif another_file:
            hidden = set()
        else:
            hidden = set(self.hidden_lanes())
        self.visible_lanes = tuple(lane for lane in self._lanes() if lane not in hidden)
        self._known_lanes = self._lanes()
        self._index, self._mask, self._membership = None, None, None
        self._keep_membership()
        if another_file:
            self._history, self._cursor = [], -1
            self.history_changed.emit()
        dropped = self.selected is not None and not self._is_shown(self.selected)
        if dropped:
            self.selected = None  # before anyone hears of the new timeline
        span = timeline_span(self.timeline)
        moved = span != self.span
        self._set_span(span)
        self.timeline_changed.emit(self.timeline)
        self.lanes_changed.emit(self.visible_lanes)
        if dropped:
            self.selection_changed.emit(None)
        if moved:  # another file about other years opens on its home; the same file keeps its range
            self.set_time_range(*(span.home if another_file else self.time_range))

    def _set_span(self, span: TimeSpan) -> None:
        if span != self.span:
            self.span = span
            self.span_changed.emit(span)

    def _keep_membership(self) -> None:
        """After a new timeline: member rows only for lanes that still have membership, and a
        selected span only if it is still there (both quietly; the timeline's signal follows)."""
        if not self.member_lanes and self.selected_span is None:
            return  # nothing to check: the membership is built when first asked for
        with_members = set(self.membership.lanes())
        self.member_lanes = frozenset(lane for lane in self.member_lanes if lane in with_members)
        if self.selected_span is not None:
            lane, country, index = self.selected_span
            if not 0 <= index < len(self.membership.spans(lane, country)):
                self.selected_span = None

    def hidden_lanes(self) -> list[str]:
        """The lanes of the timeline that are not shown."""
        return [lane for lane in self._known_lanes if lane not in self.visible_lanes]

    # --- lanes -----------------------------------------------------------------
    def set_visible_lanes(self, lane_ids: Iterable[str]) -> None:
        """Show these lanes, in the file's order (unknown ids are ignored); a selected event
        left in no visible lane is unselected."""
        wanted = set(lane_ids)
        lanes = tuple(lane for lane in self._lanes() if lane in wanted)
        if lanes == self.visible_lanes:
            return
        self.visible_lanes = lanes
        dropped = self.selected is not None and not self._is_shown(self.selected)
        if dropped:
            self.selected = None  # before anyone hears of the lanes
        self.lanes_changed.emit(lanes)
        if dropped:
            self.selection_changed.emit(None)

    def set_lane_visible(self, lane_id: str, visible: bool) -> None:
        shown = set(self.visible_lanes)
        (shown.add if visible else shown.discard)(lane_id)
        self.set_visible_lanes(shown)

    def shown_events(self) -> list[Event]:
        """The events in at least one visible lane, in date order (matching or not)."""
        if self.timeline is None:
            return []
        events = self.timeline.events
        return [events[row] for row in np.flatnonzero(self.shown_mask()).tolist()]

    def shown_count(self) -> int:
        """How many events are in a visible lane (matching or not)."""
        return int(np.count_nonzero(self.shown_mask()))

    def shown_mask(self) -> Bools:
        """For each event of the timeline, whether it is in a visible lane (kept until the
        timeline or the lanes change)."""
        timeline = self.timeline
        if timeline is None:
            return np.zeros(0, dtype=bool)
        key = (timeline, self.visible_lanes)
        if self._shown is None or any(a is not b for a, b in zip(self._shown[0], key, strict=True)):
            self._shown = (key, columns(timeline).in_lanes(self.visible_lanes))
        return self._shown[1]

    # --- search and filters -------------------------------------------------------
    def set_filters(self, filters: Filters) -> None:
        """Search and filter: the events that do not match are dimmed (or hidden). Countries
        other than the one followed stop the following."""
        if filters == self.filters:
            return
        self.filters = filters
        self._mask = None
        unfollowed = self.followed is not None and filters.countries != frozenset({self.followed})
        if unfollowed:
            self.followed = None
        self._changed_matches()
        if unfollowed:
            self.followed_changed.emit(None)

    def set_search(self, text: str) -> None:
        self.set_filters(self.filters.replace(text=text))

    def set_filter_values(self, name: str, values: Iterable[str]) -> None:
        """Set one of the filters that hold values ('countries', 'kinds', 'sources', 'precisions')."""
        self.set_filters(self.filters.replace(**{name: frozenset(values)}))

    def toggle_filter_value(self, name: str, value: str, on: bool) -> None:
        values = set(self.filters.values(name))
        (values.add if on else values.discard)(value)
        self.set_filter_values(name, values)

    def filter_by(self, name: str, value: str) -> None:
        """Only this value for one filter (a name clicked in Details, the legend or the sources)."""
        if name == "countries":
            value = self.aliases.canonical(value)
        self.set_filter_values(name, {value})

    def clear_filters(self) -> None:
        self.set_filters(Filters())

    def set_hide_unmatched(self, hide: bool) -> None:
        """Hide the events that do not match (True) or draw them dimmed (False)."""
        if hide == self.hide_unmatched:
            return
        self.hide_unmatched = hide
        self.unmatched_changed.emit(hide)
        self._drop_hidden_selection()

    def _changed_matches(self) -> None:
        self.filters_changed.emit(self.filters)
        self._drop_hidden_selection()

    def _drop_hidden_selection(self) -> None:
        if self.selected is not None and not self._is_shown(self.selected):
            self.selected = None
            self.selection_changed.emit(None)

    @property
    def mask(self) -> Bools:
        """For each event of the timeline, in its order, whether it matches the filters (a numpy
        array, computed once per change of the filters or the timeline)."""
        if self._mask is None:
            timeline = self.timeline
            if timeline is None:
                return np.zeros(0, dtype=bool)
            if self._index is None or self._index.timeline is not timeline:
                self._index = search_index(timeline, self.aliases)
            self._mask = matching_mask(timeline, self.filters, self._index, self.aliases)
        return self._mask

    def matched_ids(self) -> set[str]:
        timeline = self.timeline
        if timeline is None:
            return set()
        events = timeline.events
        return {events[row].id for row in np.flatnonzero(self.mask).tolist()}

    def is_match(self, event_id: str) -> bool:
        """True for an event of the timeline that passes the filters."""
        timeline = self.timeline
        if timeline is None:
            return False
        row = columns(timeline).row_of.get(event_id)
        return row is not None and (not self.filters.active or bool(self.mask[row]))

    def matching_events(self) -> list[Event]:
        """The events shown in a visible lane that match the filters, in date order."""
        if self.timeline is None:
            return []
        events = self.timeline.events
        return [events[row] for row in self.matching_rows().tolist()]

    def matching_rows(self) -> Ints:
        """The rows (in timeline.events) of `matching_events`, ascending (kept until the
        timeline, the matches or the lanes change)."""
        timeline = self.timeline
        if timeline is None:
            return np.zeros(0, dtype=np.int64)
        key = (timeline, self.mask, self.visible_lanes)
        if self._matching is None or any(a is not b for a, b in zip(self._matching[0], key, strict=True)):
            self._matching = (key, np.flatnonzero(self.mask & self.shown_mask()))
        return self._matching[1]

    def match_summary(self) -> str:
        """'23 of 114 events match', or 'no match among 114 events': the matching events among
        those of the visible lanes (the status bar's and the filter bar's wording)."""
        matching, shown = len(self.matching_rows()), self.shown_count()
        return f"{matching} of {count(shown, 'event')} match" if matching else f"no match among {count(shown, 'event')}"

    def _matching_in_time(self) -> list[Event]:
        """The matching events in the order their markers stand, left to right."""
        events = self.timeline.events if self.timeline else ()
        return [events[row] for row in self._rows_in_time().tolist()]

    def _rows_in_time(self) -> Ints:
        """The rows of the matching events in the order their markers stand (a stable sort of
        the date order), kept until the matches or the lanes change: the search field asks at
        each keystroke."""
        key = (self.timeline, self.mask, self.visible_lanes)
        if self._in_time is None or any(a is not b for a, b in zip(self._in_time[0], key, strict=True)):
            rows = self.matching_rows()
            mid = columns(self.timeline).mid if self.timeline else np.zeros(0)
            self._in_time = (key, rows[np.argsort(mid[rows], kind="stable")])
        return self._in_time[1]

    def match_position(self) -> tuple[int, int]:
        """(position of the selection among the matching events in time, from 1; 0 when it is
        not one of them, and how many there are)."""
        rows = self._rows_in_time()
        row = columns(self.timeline).row_of.get(self.selected) if self.timeline and self.selected else None
        found = np.flatnonzero(rows == row) if row is not None else np.zeros(0, dtype=np.int64)
        return (int(found[0]) + 1 if len(found) else 0), len(rows)

    # --- walking from event to event -----------------------------------------------------
    def step(self, direction: int) -> Event | None:
        """Select the next (1) or previous (-1) matching event in time, after the selection (or,
        with none, the first in view, or the last in view going back), and bring it into view;
        None when there is none."""
        matching = self._matching_in_time()
        if not matching:
            return None
        ids = [event.id for event in matching]
        selected = self.selected_event()
        if self.selected in ids:
            index = ids.index(self.selected) + direction
            if not 0 <= index < len(ids):
                return None  # at the first or last: stay
        elif selected is not None:  # a selection that does not match (dimmed): from its time
            here = _mid(selected)
            later = [i for i, event in enumerate(matching) if _mid(event) > here]
            earlier = [i for i, event in enumerate(matching) if _mid(event) < here]
            if not (later if direction > 0 else earlier):
                return None
            index = later[0] if direction > 0 else earlier[-1]
        else:  # from the view: the first match from its left edge on, or the last up to its right
            start, end = self.time_range
            if direction > 0:
                index = next((i for i, event in enumerate(matching) if _mid(event) >= start), len(matching) - 1)
            else:
                index = next((i for i in reversed(range(len(matching))) if _mid(matching[i]) <= end), 0)
        event = matching[index]
        self.select(event.id)
        self.reveal(event.id)
        return event

    def step_lane(self, direction: int) -> Event | None:
        """Select the event nearest in time in the visible lane above (-1) or below (1) the
        selection's lane; None when there is no selection, lane or event there."""
        event = self.selected_event()
        if event is None or not self.visible_lanes:
            return None
        lanes = list(self.visible_lanes)
        here = [lanes.index(lane) for lane in event.lanes if lane in lanes]
        if not here:
            return None
        target = (min(here) if direction < 0 else max(here)) + direction
        centre = _mid(event)
        while 0 <= target < len(lanes):
            candidates = [e for e in self.matching_events() if lanes[target] in e.lanes and e.id != event.id]
            if candidates:
                nearest = min(candidates, key=lambda e: abs(_mid(e) - centre))
                self.select(nearest.id)
                self.reveal(nearest.id)
                return nearest
            target += direction
        return None

    def reveal(self, event_id: str) -> None:
        """Pan (keeping the zoom) so that the event's date is in view, away from the edges."""
        event = self.timeline.event(event_id) if self.timeline else None
        if event is None:
            return
        start, end = self.time_range
        margin = (end - start) * 0.1
        mid = _mid(event)
        if not start + margin <= mid <= end - margin:
            self.centre_on(event_id)

    def centre_on(self, event_id: str) -> None:
        """Centre the range on the event, at the same zoom (wider, if the event is longer)."""
        event = self.timeline.event(event_id) if self.timeline else None
        if event is None:
            return
        first = day_to_epoch(event.first_day)
        last = day_to_epoch(event.last_day) + SECONDS_PER_DAY
        width = max(self.time_range[1] - self.time_range[0], (last - first) * 1.2)
        mid = (first + last) / 2
        self.set_time_range(mid - width / 2, mid + width / 2)

    def go_to(self, start: PartialDate, end: PartialDate | None = None) -> None:
        """Show from the first day of `start` to the last day of `end` (or of `start`)."""
        last = (end or start).last_day
        self.show_range(day_to_epoch(start.first_day), day_to_epoch(last) + SECONDS_PER_DAY)

    def show_range(self, start: float, end: float) -> None:
        """Show a range asked for by its dates (--from / --to, Go To, a stop of a tour): the span
        widens to hold it when it lies beyond (any dates of 1800-2100)."""
        self.reach(start, end)
        self.set_time_range(start, end)

    def reach(self, start: float, end: float) -> None:
        """Widen the span to hold [start, end) when it lies beyond (within 1800-2100)."""
        self._set_span(self.span.including(start, end))

    # --- back and forward ---------------------------------------------------------------
    def current_view(self) -> View:
        return View(self.time_range, self.visible_lanes, self.selected)

    def remember(self) -> None:
        """Make the current view a place Back returns to (the window calls this once a change
        has settled, so that a wheel or a drag is one step)."""
        if self._restoring or self.timeline is None:
            return
        view = self.current_view()
        if 0 <= self._cursor < len(self._history) and _same_view(self._history[self._cursor], view):
            return
        del self._history[self._cursor + 1 :]
        self._history.append(view)
        self._cursor = len(self._history) - 1
        self.history_changed.emit()

    def remembered_view(self) -> View | None:
        """The place in the history that the view is at (or left from), None before the first."""
        return self._history[self._cursor] if self._cursor >= 0 else None

    def can_go_back(self) -> bool:
        unsaved = self._cursor >= 0 and not _same_view(self._history[self._cursor], self.current_view())
        return self._cursor > 0 or (unsaved and self._cursor >= 0)

    def can_go_forward(self) -> bool:
        return self._cursor + 1 < len(self._history)

    def back(self) -> bool:
        """Return to the view before this one; False when there is none."""
        if not self.can_go_back():
            return False
        if not _same_view(self._history[self._cursor], self.current_view()):
            self.remember()  # the view now is where Forward comes back to
        self._cursor -= 1
        self._restore(self._history[self._cursor])
        return True

    def forward(self) -> bool:
        if not self.can_go_forward():
            return False
        self._cursor += 1
        self._restore(self._history[self._cursor])
        return True

    def _restore(self, view: View) -> None:
        self._restoring = True
        try:
            self.set_visible_lanes(view.lanes)
            self.set_time_range(*view.time_range)
            self.select(view.selected)
        finally:
            self._restoring = False
        # what could be restored (a selection now hidden by the filters is not) is that place
        # now, so that remembering it later does not take it for a new view and drop Forward
        self._history[self._cursor] = self.current_view()
        self.history_changed.emit()

    # --- membership ----------------------------------------------------------------
    @property
    def membership(self) -> Membership:
        """Who belonged when, in the timeline shown (built on first use after each read)."""
        if self._membership is None or self._membership.timeline is not self.timeline:
            self._membership = Membership(self.timeline or Timeline())
        return self._membership

    def set_member_lanes(self, lanes: Iterable[str]) -> None:
        """Show member rows in these lanes (those without membership are ignored)."""
        with_members = set(self.membership.lanes())
        wanted = frozenset(lane for lane in lanes if lane in with_members)
        if wanted != self.member_lanes:
            self.member_lanes = wanted
            self.members_changed.emit(wanted)

    def toggle_member_lane(self, lane_id: str) -> None:
        """Show a lane's member rows, or hide them if shown."""
        self.set_member_lanes(self.member_lanes ^ {lane_id})

    def set_members_shown(self, on: bool) -> None:
        """Member rows in every lane with membership (True), or in none."""
        self.set_member_lanes(self.membership.lanes() if on else ())

    def follow_country(self, name: str | None) -> None:
        """Follow a country across the lanes: its member rows and its events stand out (the
        countries filter becomes that country); None stops, and clears that filter."""
        country = self.aliases.canonical(name) if name else None
        if country == self.followed:
            return
        was = self.followed
        self.followed = country
        if country is not None:
            self.set_filter_values("countries", {country})
        elif was is not None and self.filters.countries == frozenset({was}):
            self.set_filter_values("countries", ())
        self.followed_changed.emit(country)

    def set_followed_only(self, on: bool) -> None:
        """While a country is followed, show only its member row in each lane (True), or every
        country's (False); it takes effect whenever a country is followed."""
        if on != self.followed_only:
            self.followed_only = on
            self.followed_only_changed.emit(on)

    def member_rows(self, lane_id: str) -> list[str]:
        """The countries whose member rows a lane shows, in row order: every one of the lane's,
        or, with `followed_only` while a country is followed, that country's alone (none where
        it has no row)."""
        rows = self.membership.rows(lane_id)
        if self.followed_only and self.followed is not None:
            return [country for country in rows if country == self.followed]
        return rows

    def select_span(self, lane: str | None, country: str | None = None, index: int = 0) -> None:
        """Select a member row's span (the `index`th of that country in that lane), or none
        (`lane` None); a selected span unselects the event."""
        chosen: tuple[str, str, int] | None = None
        if lane is not None and country is not None and 0 <= index < len(self.membership.spans(lane, country)):
            chosen = (lane, country, index)
        if chosen is not None:
            self.select(None)
        if chosen != self.selected_span:
            self.selected_span = chosen
            self.span_selected.emit(chosen)

    def selected_membership_span(self) -> Span | None:
        """The span selected, or None."""
        if self.selected_span is None:
            return None
        lane, country, index = self.selected_span
        return self.membership.spans(lane, country)[index]

    # --- selection ---------------------------------------------------------------
    def select(self, event_id: str | None) -> None:
        """Select an event shown in a visible lane, or nothing (an event not shown selects
        nothing); selecting an event unselects a span."""
        if event_id is not None and not self._is_shown(event_id):
            event_id = None
        if event_id is not None and self.selected_span is not None:
            self.selected_span = None
            self.span_selected.emit(None)
        if event_id != self.selected:
            self.selected = event_id
            self.selection_changed.emit(event_id)

    def selected_event(self) -> Event | None:
        return self.timeline.event(self.selected) if (self.timeline and self.selected) else None

    def _is_shown(self, event_id: str) -> bool:
        """In a visible lane, and drawn (a match, or the others are dimmed, not hidden)."""
        event = self.timeline.event(event_id) if self.timeline else None
        if event is None or not set(event.lanes).intersection(self.visible_lanes):
            return False
        return not self.hide_unmatched or not self.filters.active or self.is_match(event_id)

    # --- time range ----------------------------------------------------------------
    def set_time_range(self, start: float, end: float) -> None:
        """Show [start, end) in epoch seconds, kept within what the timeline can show."""
        start, end = self.span.clamp(start, end)
        old_start, old_end = self.time_range
        if math.isclose(start, old_start, abs_tol=1e-3) and math.isclose(end, old_end, abs_tol=1e-3):
            return
        self.time_range = (start, end)
        self.range_changed.emit(start, end)

    def fit_all(self) -> None:
        self.set_time_range(*self.span.home)

    def zoom_by(self, factor: float) -> None:
        """factor < 1 zooms in, around the centre of the range."""
        start, end = self.time_range
        centre, half = (start + end) / 2, (end - start) * factor / 2
        self.set_time_range(centre - half, centre + half)

    def pan_by(self, fraction: float) -> None:
        """Move by a fraction of the range (negative: back in time); at an edge, it stops there."""
        start, end = self.time_range
        shift = (end - start) * fraction
        self.set_time_range(start + shift, end + shift)

    # --- theme -------------------------------------------------------------------
    def set_theme(self, name: str) -> None:
        if name != self.theme:
            self.theme = name
            self.theme_changed.emit(name)

    # --- exports -----------------------------------------------------------------
    def figure_spec(self, base: FigureSpec | None = None) -> FigureSpec:
        """An export of what is shown: these lanes, this range, this selection, with the other
        options (size, theme, titles) of `base`."""
        start, end = self.time_range
        base = base or FigureSpec()
        return base.replace(
            lanes=self.visible_lanes,
            start=start,
            end=end,
            selected=self.selected,
            filters=self.filters,
            hide_unmatched=self.hide_unmatched,
            member_lanes=tuple(lane for lane in self._lanes() if lane in self.member_lanes),
            followed=self.followed,
            followed_only=self.followed_only,
        )

    @classmethod
    def for_figure(cls, timeline: Timeline, spec: FigureSpec) -> ViewState:
        """The state an export shows: the spec's lanes (all when None), range and selection."""
        state = cls(Document(timeline))
        if spec.lanes is not None:
            state.visible_lanes = tuple(lane for lane in state.visible_lanes if lane in set(spec.lanes))
        state.span = state.span.including(spec.start, spec.end)
        state.time_range = state.span.clamp(spec.start, spec.end)
        state.filters, state.hide_unmatched = spec.filters, spec.hide_unmatched
        state.selected = spec.selected if spec.selected and state._is_shown(spec.selected) else None
        state.theme = spec.theme
        state.set_member_lanes(spec.member_lanes)
        state.followed_only = spec.followed_only
        if spec.followed:
            state.followed = state.aliases.canonical(spec.followed)
            if not spec.filters.countries:  # its events stand out as in the window
                state.filters = spec.filters.replace(countries=frozenset({state.followed}))
        return state


def _mid(event: Event) -> float:
    return marker_time(event.date)


def _same_view(a: View, b: View) -> bool:
    close = all(math.isclose(x, y, rel_tol=1e-9, abs_tol=1.0) for x, y in zip(a.time_range, b.time_range, strict=True))
    return close and a.lanes == b.lanes and a.selected == b.selected


def clamp_range(start: float, end: float, span: TimeSpan = DEFAULT_SPAN) -> tuple[float, float]:
    """[start, end] kept within the span's limits, at least MIN_SPAN wide (TimeSpan.clamp)."""
    return span.clamp(start, end)
