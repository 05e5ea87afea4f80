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
from .loader import parse_timeline
from .model import Event, Timeline
from .problems import Problem
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
    again when it changes, until it loads.
    """

    def __init__(self) -> None:
        self.path: Path | None = None
        self.shown: Path | None = None
        self.timeline: Timeline | None = None
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
        return self._read()

    def reload(self) -> bool:
        """Read the followed file again, whatever its content."""
        return self._read() if self.path is not None else False

    def reload_if_changed(self) -> bool:
        """Read the followed file again if its content is not what was read last (an editor's
        save); True when it was read."""
        if self.path is None:
            return False
        try:
            content = self.path.read_bytes()
        except OSError:
            content = None
        if content is not None and content == self._bytes:
            return False
        self._read(content)
        return True

    def _read(self, content: bytes | None = None) -> bool:
        assert self.path is not None
        name = str(self.path)
        if content is None:
            try:
                content = self.path.read_bytes()
            except OSError as exc:
                self._bytes = None
                self.problems = [Problem(name, 1, 1, f"cannot read file: {exc.strerror or exc}")]
                self.changed.emit(False, False)
                return False
        self._bytes = content
        result = parse_timeline(content, name)
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
            errors = len(self.errors)
            wrong = f"{self.path.name} has {errors} problem{'s' if errors != 1 else ''}"
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
    """What the viewer shows: the document's timeline, the time range, the visible lanes, the
    selected event and the theme's name; each change is announced once, by its own signal."""

    def __init__(self, document: Document | None = None) -> None:
        self.document = document or Document()
        self.timeline: Timeline | None = None
        self.time_range: tuple[float, float] = HOME_RANGE
        self.visible_lanes: tuple[str, ...] = ()
        self.selected: str | None = None
        self.theme = "screen"
        self.timeline_changed = Signal()  # (timeline) a new timeline, or the same file read again
        self.range_changed = Signal()  # (start, end)
        self.lanes_changed = Signal()  # (visible lane ids, in file order)
        self.selection_changed = Signal()  # (event id or None)
        self.theme_changed = Signal()  # (theme name)

    # --- the timeline ----------------------------------------------------------
    def set_timeline(self, timeline: Timeline | None, hidden: Iterable[str] | None = None) -> None:
        """Show a timeline with every lane but the `hidden` ones (default: those hidden now, so
        that a reload keeps them hidden and new lanes appear); the range stays, the selection
        too while its event is still shown."""
        if hidden is None:
            hidden = self.hidden_lanes()
        hidden = set(hidden)
        self.timeline = timeline
        self.visible_lanes = tuple(lane.id for lane in timeline.lanes if lane.id not in hidden) if timeline else ()
        dropped = self.selected is not None and not self._is_shown(self.selected)
        if dropped:
            self.selected = None  # before anyone hears of the new timeline
        self.timeline_changed.emit(timeline)
        self.lanes_changed.emit(self.visible_lanes)
        if dropped:
            self.selection_changed.emit(None)

    def hidden_lanes(self) -> list[str]:
        """The lanes of the timeline that are not shown."""
        if self.timeline is None:
            return []
        return [lane.id for lane in self.timeline.lanes if lane.id not in self.visible_lanes]

    # --- lanes -----------------------------------------------------------------
    def set_visible_lanes(self, lane_ids: Iterable[str]) -> None:
        """Show these lanes, in the file's order (unknown ids are ignored)."""
        wanted = set(lane_ids)
        lanes = tuple(lane.id for lane in self.timeline.lanes if lane.id in wanted) if self.timeline else ()
        self._set_lanes(lanes)
        self._keep_selection_if_shown()

    def set_lane_visible(self, lane_id: str, visible: bool) -> None:
        shown = set(self.visible_lanes)
        (shown.add if visible else shown.discard)(lane_id)
        self.set_visible_lanes(shown)

    def _set_lanes(self, lanes: tuple[str, ...]) -> None:
        if lanes != self.visible_lanes:
            self.visible_lanes = lanes
            self.lanes_changed.emit(lanes)

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

    def _keep_selection_if_shown(self) -> None:
        if self.selected is not None and not self._is_shown(self.selected):
            self.select(None)

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
        """Move by a fraction of the range: negative is back in time."""
        start, end = self.time_range
        shift = (end - start) * fraction
        start, end = start + shift, end + shift
        if start < X_MIN:  # pan to the edge, keeping the span
            start, end = X_MIN, X_MIN + (end - start)
        elif end > X_MAX:
            start, end = X_MAX - (end - start), X_MAX
        self.set_time_range(start, end)

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
        state = cls()
        state.timeline = timeline
        lanes = spec.lanes if spec.lanes is not None else [lane.id for lane in timeline.lanes]
        state.visible_lanes = tuple(lane.id for lane in timeline.lanes if lane.id in set(lanes))
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
