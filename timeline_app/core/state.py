"""The view state: the one owner of what the viewer shows. No Qt.

`Document` is the open file: which file the viewer follows, the last good timeline and the
file it came from, and the problems of the latest read. `ViewState` adds what is shown of it:
the time range, the visible lanes, the selection and the theme's name. Widgets (the plot, the
lane panel and menu, the details, the status bar, the presentation card) and exports read the
state and subscribe to its signals; changing the state is the only way to change the picture,
so no widget keeps a copy that could drift. (napari's `ViewerModel` is the model for this.)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .figure import FigureSpec
from .loader import parse_timeline, read_file
from .model import Event, Timeline
from .problems import Problem, count
from .span import HOME_RANGE, MIN_SPAN, X_MAX, X_MIN

__all__ = ["Document", "Signal", "ViewState"]


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
        self._bytes: bytes | None = None  # the path's content at its latest read
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

    def open(self, path: str | Path) -> bool:
        """Follow `path` and read it; on errors the last good timeline stays."""
        self.path = Path(path)
        return self._read(*read_file(self.path))

    def reload(self) -> bool:
        """Read the followed file again, whatever its content."""
        return self._read(*read_file(self.path)) if self.path is not None else False

    def reload_if_changed(self) -> bool:
        """Read the followed file again if its content is not what was read last (an editor's
        save); True when it was read."""
        if self.path is None:
            return False
        content, problem = read_file(self.path)
        if content is not None and content == self._bytes:
            return False
        self._read(content, problem)
        return True

    def _read(self, content: bytes | None, problem: Problem | None) -> bool:
        assert self.path is not None
        self._bytes = content
        if content is None:
            self.problems = [problem] if problem else []
            self.changed.emit(False, False)
            return False
        result = parse_timeline(content, str(self.path))
        self.problems = result.problems
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


class ViewState:
    """What the viewer shows of a document: its timeline, the time range, the visible lanes, the
    selected event and the theme's name; each change is announced once, by its own signal.

    The state follows its document: a timeline read from another file shows the lanes that
    `hidden_lanes_of(file)` does not name (what was remembered for that file); the same file
    read again keeps the lanes hidden now hidden, and shows lanes that are new.
    """

    def __init__(
        self, document: Document | None = None, hidden_lanes_of: Callable[[Path], Iterable[str]] | None = None
    ) -> None:
        self.document = document or Document()
        self._hidden_lanes_of = hidden_lanes_of
        self.time_range: tuple[float, float] = HOME_RANGE
        self.selected: str | None = None
        self.theme = "screen"
        self.visible_lanes: tuple[str, ...] = self._lanes()
        self._known_lanes = self.visible_lanes  # the lanes of the timeline the visible ones belong to
        self.timeline_changed = Signal()  # (timeline) a new timeline, or the same file read again
        self.range_changed = Signal()  # (start, end)
        self.lanes_changed = Signal()  # (visible lane ids, in file order)
        self.selection_changed = Signal()  # (event id or None)
        self.theme_changed = Signal()  # (theme name)
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
        dropped = self.selected is not None and not self._is_shown(self.selected)
        if dropped:
            self.selected = None  # before anyone hears of the new timeline
        self.timeline_changed.emit(self.timeline)
        self.lanes_changed.emit(self.visible_lanes)
        if dropped:
            self.selection_changed.emit(None)

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
        """The events in at least one visible lane, in date order."""
        if self.timeline is None:
            return []
        visible = set(self.visible_lanes)
        return [event for event in self.timeline.events if visible.intersection(event.lanes)]

    # --- selection ---------------------------------------------------------------
    def select(self, event_id: str | None) -> None:
        """Select an event shown in a visible lane, or nothing (an event not shown selects nothing)."""
        if event_id is not None and not self._is_shown(event_id):
            event_id = None
        if event_id != self.selected:
            self.selected = event_id
            self.selection_changed.emit(event_id)

    def selected_event(self) -> Event | None:
        return self.timeline.event(self.selected) if (self.timeline and self.selected) else None

    def _is_shown(self, event_id: str) -> bool:
        event = self.timeline.event(event_id) if self.timeline else None
        return event is not None and bool(set(event.lanes).intersection(self.visible_lanes))

    # --- time range ----------------------------------------------------------------
    def set_time_range(self, start: float, end: float) -> None:
        """Show [start, end) in epoch seconds, kept within what the timeline can show."""
        start, end = clamp_range(start, end)
        old_start, old_end = self.time_range
        if math.isclose(start, old_start, abs_tol=1e-3) and math.isclose(end, old_end, abs_tol=1e-3):
            return
        self.time_range = (start, end)
        self.range_changed.emit(start, end)

    def fit_all(self) -> None:
        self.set_time_range(*HOME_RANGE)

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
        return base.replace(lanes=self.visible_lanes, start=start, end=end, selected=self.selected)

    @classmethod
    def for_figure(cls, timeline: Timeline, spec: FigureSpec) -> ViewState:
        """The state an export shows: the spec's lanes (all when None), range and selection."""
        state = cls(Document(timeline))
        if spec.lanes is not None:
            state.visible_lanes = tuple(lane for lane in state.visible_lanes if lane in set(spec.lanes))
        state.time_range = clamp_range(spec.start, spec.end)
        state.selected = spec.selected if spec.selected and state._is_shown(spec.selected) else None
        state.theme = spec.theme
        return state


def clamp_range(start: float, end: float) -> tuple[float, float]:
    """[start, end] kept within the span the timeline shows, at least MIN_SPAN wide."""
    span = min(max(end - start, MIN_SPAN), X_MAX - X_MIN)
    centre = (start + end) / 2
    start = min(max(centre - span / 2, X_MIN), X_MAX - span)
    return start, start + span
