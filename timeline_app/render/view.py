"""The timeline plot: lanes, glyphs, labels, date axis, hit testing and selection.

The plot draws a ViewState (core/state.py) and changes it only through the state's methods: a
click selects, a wheel or a drag sets the time range. One batched glyph layer per lane
(markers, and the bars of month, year and period spans) and the labels are laid out in
pixels, for what is in view only, each time the range changes; a new selection touches only
its rings and labels.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np
import pyqtgraph as pg
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6 import QtCore, QtGui, QtWidgets

from ..core.dates import day_to_epoch, epoch_to_day, marker_time
from ..core.figure import LANE_HEIGHTS
from ..core.labels import LabelRequest, PlacedLabel, place_labels
from ..core.lanes_index import NO_BANDS, LaneArrays, LaneCounts, LanePlan, lane_arrays, plan_lane
from ..core.membership import Span, Standing, count_text, short_references
from ..core.model import Event, Lane, Timeline
from ..core.span import MIN_SPAN, TimeSpan
from ..core.state import ViewState
from .axes import DateAxis, LaneAxis, LaneHeader
from .density import DensityLayer, DrawnAggregate, DrawnBands, aggregate_tooltip
from .layers import DrawnEra, DrawnLabel, GlyphLayer, LabelLayer, LaneBackground, LaneBand, line_array
from .members import MemberLayer, SpanTimes, lay_out_rows, span_times
from .text import plain_tooltip
from .theme import KIND_SYMBOLS, Theme, default_theme

__all__ = ["TimelineView", "event_tooltip", "member_lines", "members_lines", "span_tooltip"]

# Geometry inside a lane, in pixels.
_GLYPH_TOP = 10.0  # from the lane's top edge to the top of the glyph line
_LABEL_GAP = 10.0  # horizontal gap between labels of a row
_LABEL_MIN_WIDTH = 110.0  # a label may be shortened to this width (or 60% of it), never less
_CONTENT_LOOKAHEAD = 8  # lanes by content: rows given at once to the lane they label the most events in
# Member rows, at the bottom of a lane: a gap above them, and their least height.
_ROWS_GAP = 6.0
_ROW_MIN_PX = 2.0  # thinner than this, rows would not show their colour
_ROW_EXPORT_READABLE_PX = 9.0  # in an export, rows stay this high (with names) while labels give way
_NAME_MIN_PT = 6.0  # member rows too thin for names this size show no names
_LABEL_ROWS_ABOVE_MEMBERS = 4  # at most this many label rows between the glyphs and the member rows
# A plot that scrolls (the window's): rows never thinner than this, nor their names smaller than
# this (or the theme's labels less 1.5 pt, when larger); the lanes and rows scroll instead.
_ROW_READABLE_PX = 12.0
_NAME_READABLE_PT = 7.5
_SCROLL_STEP_PX = 20  # one step of the lanes' scroll bar (an arrow key; a wheel notch is 3)
_SCROLL_MARGIN = 8.0  # what is scrolled into view keeps this far from the plot's edge
_PLOT_MARGIN = 1.0  # pyqtgraph's margin around the plot; the scroll bar's width is added at the right
# "Members on DATE": a member's notes stand indented under its line; a tooltip has at most so many lines.
_NOTE_INDENT = "    "
_TOOLTIP_LINES = 15
_TOOLTIP_REFS = 1  # citations a member's line names in a tooltip (then '+N')
# Level of detail: a stretch of a lane (a calendar bucket at least _BUCKET_PX wide) with more than
# one event per _PX_PER_GLYPH pixels is drawn as a density band, counted in columns _COLUMN_PX wide.
_BUCKET_PX = 40.0
_PX_PER_GLYPH = 4.0
_COLUMN_PX = 3.0
_BAND_PX = 46.0  # the most a density band takes of a lane's height (with markers 11 px across)
_NO_INDEX = np.zeros(0, dtype=np.int64)
# Labels are placed anew with the glyphs, in the same pass, as a change of range is handled, unless
# the last such pass took longer than _CHEAP_LABELS_S (a crowded view): then only once the range has
# held still for _SETTLE_MS, and until then they move with the glyphs.
_CHEAP_LABELS_S = 0.008
_SETTLE_MS = 120


def _wrap_title(title: str, metrics: QtGui.QFontMetricsF) -> _LabelText:
    """A title on one line and on two: broken at the space that makes the longer line shortest."""
    width = metrics.horizontalAdvance(title) + 1
    words = title.split(" ")
    best: tuple[float, str] | None = None
    for cut in range(1, len(words)):
        first, second = " ".join(words[:cut]), " ".join(words[cut:])
        wide = max(metrics.horizontalAdvance(first), metrics.horizontalAdvance(second)) + 1
        if best is None or wide < best[0]:
            best = (wide, first + "\n" + second)
    if best is None:
        return _LabelText(title, width, None, width)
    return _LabelText(title, width, best[1], best[0])


def _day_text(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"


def _standing_text(standing: Standing) -> str:
    """'member since 15 May 1992', 'member, by August 2011'."""
    since = standing.span.since_text()
    joined = ", " if since.startswith(("by ", "between ")) else " since "
    return f"{standing.status}{joined}{since}" if since else standing.status


def member_lines(timeline: Timeline | None, standing: Standing, max_refs: int | None = None) -> list[str]:
    """A member's line, 'Armenia — founding member since 15 May 1992 (Borkoeva 2011, sec. 2.4)'
    (at most `max_refs` citations, then '+N'; '[disputed]' at its end where the sources
    disagree), and, indented under it, what the sources are unsure of ('possibly: it began 1992
    or 1993 – 1994')."""
    refs = short_references(timeline, standing.span) if timeline is not None else []
    if max_refs is not None and len(refs) > max_refs:
        refs = [*refs[:max_refs], f"+{len(refs) - max_refs}"]
    line = f"{standing.country} — {_standing_text(standing)}" + (f" ({'; '.join(refs)})" if refs else "")
    if standing.disputed:
        line += " [disputed]"
    note = standing.note()
    return [line, f"{_NOTE_INDENT}{note}"] if note else [line]


def members_lines(
    timeline: Timeline | None,
    lane_name: str,
    standings: list[Standing],
    day: dt.date,
    max_lines: int | None = None,
    max_refs: int | None = None,
) -> list[str]:
    """The members of a lane on a day: a first line that counts them ('CST/CSTO on 15 May 1995:
    6 founding members, 3 members; 3 of them uncertain'), then a line for each member with its
    notes under it; at most `max_lines` lines, the last then saying how many more there are, and
    at most `max_refs` citations a member."""
    if not standings:
        return [f"{lane_name} on {_day_text(day)}: no members, as far as the sources say."]
    lines = [f"{lane_name} on {_day_text(day)}: {count_text(standings)}"]
    for shown, standing in enumerate(standings):
        block = member_lines(timeline, standing, max_refs)
        left = len(standings) - shown
        room = None if max_lines is None else max_lines - len(lines) - (0 if left == 1 else 1)
        if room is not None and len(block) > room:
            lines.append(f"and {left} more")
            break
        lines += block
    return lines


def span_tooltip(span: Span, lane_name: str) -> str:
    """Tooltip text for a member row's span: country, status, from and to as the sources give
    them, and where they disagree."""
    until = span.until_text() or "(no end in the sources)"
    lines = [f"{span.country} in {lane_name}: {span.status}", f"from {span.since_text()}", f"to {until}"]
    if span.disputed:
        lines.append(span.disagreement())
    return plain_tooltip(*lines, bold_first=True)


def event_tooltip(event: Event) -> str:
    """Tooltip text for an event: title and date, escaped so nothing in it is read as HTML."""
    return plain_tooltip(event.title, event.date_text(), bold_first=True)


def _few_of_each(starts: np.ndarray, stops: np.ndarray, most: int = 4) -> tuple[np.ndarray, np.ndarray]:
    """The bars to draw: bars that cover the same pixels (a crowd of year-long bars across
    the view) at most `most` times each, since more of them look the same, and cost a pixel
    fill each."""
    if len(starts) <= most:
        return starts, stops
    # one int key per pair of pixels (a bar is clipped to a little beyond the view: far less than 2**24 px)
    keys = np.round(starts).astype(np.int64) * (1 << 24) + np.round(stops).astype(np.int64)
    _, first, counts = np.unique(keys, return_index=True, return_counts=True)
    chosen = np.repeat(first, np.minimum(counts, most))
    return starts[chosen], stops[chosen]


def _carved(intervals: list[tuple[float, float]], start: float, stop: float) -> list[tuple[float, float]]:
    """The intervals less [start, stop)."""
    kept = []
    for left, right in intervals:
        if left < start:
            kept.append((left, min(right, start)))
        if right > stop:
            kept.append((max(left, stop), right))
    return kept


def _symbol(event: Event) -> str:
    """The marker shape of an event's kind."""
    return KIND_SYMBOLS.get(event.kind, "o")


class _LaneEvents:
    """A lane's events in its arrays' order, looked up in the timeline's when asked for (a list
    of them, made for every lane of a million events, took seconds)."""

    def __init__(self, events: tuple[Event, ...], rows: np.ndarray) -> None:
        self._events, self._rows = events, rows

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index: int) -> Event:
        return self._events[int(self._rows[index])]


class _LabelText(NamedTuple):
    """An event's title as a label: on one line, and wrapped onto two (None: one word)."""

    text: str
    width: float
    wrapped: str | None
    wrap_width: float


@dataclass
class _LaneGlyphs:
    """One lane's events as arrays sorted by marker position, with its batched glyph layer."""

    lane: Lane
    events: _LaneEvents
    mid: np.ndarray
    x0: np.ndarray
    x1: np.ndarray
    has_bar: np.ndarray
    layer: GlyphLayer
    baseline_px: float = 0.0  # glyph centre, in ViewBox pixels
    top_px: float = 0.0
    bottom_px: float = 0.0
    index: int = -1  # position among visible lanes, -1 when hidden
    hidden_labels: int = 0
    hidden_keys: list[str] = field(default_factory=list)  # the events in view without a label
    label_rows: int | None = None  # lanes by content: the rows of labels it was given (None: all it has)
    texts: dict[str, _LabelText] = field(default_factory=dict)
    position: dict[str, int] = field(default_factory=dict)  # event id -> index in the arrays
    rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int))  # index in timeline.events
    match: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))  # passes the filters
    drawn: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))  # match, or dimmed (not hidden)
    # member rows (a lane with membership): the countries in row order, each one's spans in time
    members: MemberLayer | None = None
    member_rows: list[str] = field(default_factory=list)
    member_times: dict[str, list[SpanTimes]] = field(default_factory=dict)
    rows_top_px: float = 0.0  # where the member rows begin (the lane's bottom when none are shown)
    row_px: float = 0.0
    name_pt: float = 0.0
    # level of detail: the sorted arrays, running counts of what is drawn, and what this view shows
    arrays: LaneArrays | None = None
    counts: LaneCounts | None = None
    culled: _Culled | None = None
    bands: DrawnBands | None = None  # its density bands drawn now

    def index_of(self, event: Event | None) -> int | None:
        """The index of an event in this lane's arrays (None: not in this lane)."""
        if event is None or self.lane.id not in event.lanes:
            return None
        mid = marker_time(event.date)
        lo, hi = int(np.searchsorted(self.mid, mid, side="left")), int(np.searchsorted(self.mid, mid, side="right"))
        return next((k for k in range(lo, hi) if self.events[k] is event), None)

    @property
    def rows_shown(self) -> int:
        """How many member rows are drawn now (0 when its rows are not shown)."""
        return len(self.member_rows) if self.members is not None and self.members.isVisible() else 0


@dataclass(frozen=True)
class _Culled:
    """What a lane shows of a range: its plan (aggregates and glyph ranges), the events drawn as
    glyphs (sorted indices), and the bars that reach into the view from outside it."""

    key: tuple[float, float, float, int]
    plan: LanePlan
    index: np.ndarray
    edge_bars: np.ndarray


class TimelineView(pg.PlotWidget):  # type: ignore[misc]
    """The swimlane timeline of a ViewState; the window, the clipboard and every export draw with it."""

    #: the labels were placed anew (a new range, size, selection, filter or lanes)
    labels_placed = QtCore.Signal()

    def __init__(
        self,
        state: ViewState,
        parent: QtWidgets.QWidget | None = None,
        theme: Theme | None = None,
        scrollable: bool = False,
    ) -> None:
        self.state = state
        #: lanes and rows that do not fit scroll (the window) instead of shrinking (exports)
        self.scrollable = scrollable
        self.theme = theme or default_theme()
        self.date_axis = DateAxis()
        self.lane_axis = LaneAxis(self.theme)
        super().__init__(
            parent, background=self.theme.background, axisItems={"bottom": self.date_axis, "left": self.lane_axis}
        )
        self._lanes: dict[str, _LaneGlyphs] = {}
        self._headers: dict[str, LaneHeader] = {}
        #: whether the lane headers offer a members toggle (the window's do; a figure's do not)
        self.member_toggles = True
        #: whether a lane says how many of its events in view have no label (the window's do)
        self.unlabelled_notes = True
        #: the lanes' vertical scroll bar, beside the plot: shown while they do not fit its height
        self.scroll_bar = QtWidgets.QScrollBar(QtCore.Qt.Orientation.Vertical, self)
        self.scroll_bar.setAccessibleName("Scroll the lanes")
        self.scroll_bar.setSingleStep(_SCROLL_STEP_PX)
        self.scroll_bar.hide()
        self.scroll_bar.valueChanged.connect(self._on_scrolled)
        self._content_px = 0.0  # the height of all the lanes and their rows
        self._labels_kept = 0  # in an export: the rows of labels each lane keeps beside member rows
        #: how the lanes share the height: "equal", or "content" (by the rows their labels need)
        self.lane_heights = "equal"
        #: lanes by content: the lane that gets the height left over (a figure's callout stands
        #: there, under its event's labels); None: it is shared equally
        self.spare_to: str | None = None
        self._geometry: tuple[float, float, float, float] | None = None  # height, row px, name pt, equal lane px

        plot = self.getPlotItem()
        plot.hideButtons()
        plot.setMenuEnabled(False)
        vb = plot.getViewBox()
        self.view_box = vb
        vb.setMenuEnabled(False)
        vb.setMouseEnabled(x=True, y=False)
        vb.setDefaultPadding(0.0)
        self._on_span(state.span)
        self.background_layer = LaneBackground(vb, self.theme)
        self.label_layer = LabelLayer(vb, self.theme)
        self.density_layer = DensityLayer(vb, self.theme)
        #: draw a lane's crowded stretches as density bands (False: every glyph, whatever the zoom)
        self.level_of_detail = True
        self.lane_axis.toggle_members = state.toggle_member_lane
        self.lane_axis.reveal_unlabelled = self.reveal_unlabelled
        self._apply_theme()

        self._label_timer = QtCore.QTimer(self, singleShot=True, interval=0)
        self._label_timer.timeout.connect(self.relayout)
        self._labels_at = (0.0, 1.0)  # (x0, scale) the labels were placed for
        self._labels_cost = 0.0  # seconds the last placing of labels took
        vb.sigXRangeChanged.connect(self._on_range_changed)
        vb.sigResized.connect(self._on_resized)
        self.scene().sigMouseClicked.connect(self._on_click)
        self.scene().sigMouseMoved.connect(self._on_hover)
        self.setMouseTracking(True)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
        self._on_timeline(state.timeline)
        self._on_lanes(state.visible_lanes)
        vb.setXRange(*state.time_range, padding=0)
        state.span_changed.connect(self._on_span)
        state.timeline_changed.connect(self._on_timeline)
        state.lanes_changed.connect(self._on_lanes)
        state.selection_changed.connect(self._on_selection)
        state.range_changed.connect(self._on_state_range)
        state.filters_changed.connect(self._on_matches)
        state.unmatched_changed.connect(self._on_matches)
        state.members_changed.connect(self._on_members)
        state.followed_changed.connect(self._on_followed)
        state.followed_only_changed.connect(self._on_followed_only)
        state.span_selected.connect(self._on_span_selected)

    # --- what the state holds, read where it is ------------------------------
    @property
    def timeline(self) -> Timeline | None:
        return self.state.timeline

    @property
    def visible_lanes(self) -> list[str]:
        return list(self.state.visible_lanes)

    # --- theme -------------------------------------------------------------
    def _apply_theme(self) -> None:
        theme = self.theme
        self.setBackground(theme.background)
        # the date grid is drawn by the lane background (pyqtgraph's grid costs 20 ms a frame at 1080p)
        self.getPlotItem().showGrid(x=False, y=False)
        for axis in (self.date_axis, self.lane_axis):
            axis.setPen(pg.mkPen(theme.muted))
            axis.setTextPen(pg.mkPen(theme.foreground))
        # room for the dates' height from the start (pyqtgraph grows it only after a first paint,
        # too late for an export)
        axis_text = QtGui.QFontMetricsF(theme.font(theme.axis_pt)).height()
        self.date_axis.setStyle(tickFont=theme.font(theme.axis_pt), tickTextHeight=int(axis_text + 4))
        self.date_axis.setTickFont(theme.font(theme.axis_pt))
        self.lane_axis.theme = theme
        self.background_layer.set_theme(theme)
        self.label_layer.set_theme(theme)
        self.density_layer.set_theme(theme)
        self._label_metrics = QtGui.QFontMetricsF(self.label_layer.font)

    def set_theme(self, theme: Theme) -> None:
        """Redraw everything in another theme; data, lanes, range and selection stay."""
        self.theme = theme
        self._apply_theme()
        self._on_timeline(self.state.timeline)
        self._on_lanes(self.state.visible_lanes)

    # --- data --------------------------------------------------------------
    def _on_timeline(self, timeline: Timeline | None) -> None:
        """Build each lane's glyph arrays and layer for a new (or reloaded) timeline."""
        for glyphs in self._lanes.values():
            glyphs.layer.detach()
            if glyphs.members is not None:
                glyphs.members.detach()
        self._lanes = {}
        if timeline is not None:
            arrays = lane_arrays(timeline)
            for lane in timeline.lanes:
                self._lanes[lane.id] = self._make_lane(lane, arrays[lane.id], timeline.events)
            self._match_lanes()
            self._make_member_rows()
        # laid out when the state announces the lanes, which it does after each new timeline

    def _make_lane(self, lane: Lane, arrays: LaneArrays, all_events: tuple[Event, ...]) -> _LaneGlyphs:
        """The lane's events as arrays sorted by marker position, and its glyph layer."""
        events = _LaneEvents(all_events, arrays.rows)
        layer = GlyphLayer(self.view_box, self.theme, lane.color)
        glyphs = _LaneGlyphs(lane, events, arrays.mid, arrays.x0, arrays.x1, arrays.has_bar, layer)
        glyphs.rows = arrays.rows
        glyphs.arrays = arrays
        return glyphs

    def _event(self, event_id: str | None) -> Event | None:
        return self.timeline.event(event_id) if self.timeline is not None and event_id else None

    # --- member rows -----------------------------------------------------------
    def _make_member_rows(self) -> None:
        """A member layer for each lane with membership, and each row's spans in time."""
        membership = self.state.membership
        for lane_id in membership.lanes():
            glyphs = self._lanes.get(lane_id)
            if glyphs is None:
                continue
            glyphs.member_rows = self.state.member_rows(lane_id)
            glyphs.member_times = {
                country: [span_times(span, i) for i, span in enumerate(membership.spans(lane_id, country))]
                for country in membership.rows(lane_id)
            }
            glyphs.members = MemberLayer(self.view_box, self.theme, glyphs.lane.color)
            glyphs.members.set_followed(self.state.followed)
            glyphs.members.setVisible(False)  # shown by _on_lanes when the state asks for it
        self._on_span_selected(self.state.selected_span)

    def _on_members(self, _lanes: frozenset[str]) -> None:
        """Member rows shown or hidden: the lanes make room for them."""
        self._on_lanes(self.state.visible_lanes)

    def _on_followed(self, country: str | None) -> None:
        for glyphs in self._lanes.values():
            if glyphs.members is not None:
                glyphs.members.set_followed(country)
        if not self._show_member_rows():
            self.relayout()  # the row names in the lane headers

    def _on_followed_only(self, _on: bool) -> None:
        self._show_member_rows()

    def _show_member_rows(self) -> bool:
        """Each lane's rows as the state would show them now (every country's, or the followed
        country's alone); True when that changed them, and the lanes were placed anew."""
        changed = False
        for lane_id, glyphs in self._lanes.items():
            if glyphs.members is not None:
                rows = self.state.member_rows(lane_id)
                changed = changed or rows != glyphs.member_rows
                glyphs.member_rows = rows
        if changed:
            self._update_geometry()
        return changed

    def _on_span_selected(self, selected: tuple[str, str, int] | None) -> None:
        for lane_id, glyphs in self._lanes.items():
            if glyphs.members is not None:
                chosen = (selected[1], selected[2]) if selected and selected[0] == lane_id else None
                glyphs.members.set_selected(chosen)
        if selected is not None and selected[0] in self._lanes:
            row = self.member_row_rect(selected[0], selected[1])
            if row is not None:
                self.scroll_into_view(row.top(), row.bottom())

    def _scroll_to_event(self, event_id: str) -> bool:
        """Scroll to the glyph line (and a row of labels) of the first lane that shows an event,
        unless one of its lanes is in view already; True when it scrolled."""
        if self.scroll_bar.isHidden():
            return False
        height, marker, label = self.view_box.height(), self.theme.marker_px, self._label_metrics.height()
        places = [  # (lane top, glyph top, bottom of a label under it) of each lane with the event
            (glyphs.top_px, glyphs.baseline_px - marker, glyphs.baseline_px + marker + label)
            for glyphs in self._shown()
            if glyphs.index_of(self._event(event_id)) is not None
        ]
        if not places or any(top >= 0 and bottom <= height for _, top, bottom in places):
            return False
        lane_top, _, bottom = places[0]
        return self.scroll_into_view(lane_top, bottom)

    def _lay_out_members(self, glyphs: _LaneGlyphs, x0: float, scale: float, width: float) -> None:
        if glyphs.members is None:
            return
        if not glyphs.rows_shown:  # hidden, or no row of the followed country here: nothing left drawn
            if glyphs.members.rows:
                glyphs.members.set_rows([], [], glyphs.name_pt)
            return
        rows, spans = lay_out_rows(
            glyphs.member_rows, glyphs.member_times, glyphs.rows_top_px, glyphs.row_px, x0, scale, width
        )
        glyphs.members.set_rows(rows, spans, glyphs.name_pt)

    def member_layer(self, lane_id: str) -> MemberLayer | None:
        """The layer that paints a lane's member rows (None for a lane without membership)."""
        return self._lanes[lane_id].members

    def member_row_rect(self, lane_id: str, country: str) -> QtCore.QRectF | None:
        """A country's member row in a lane, in ViewBox pixels (None when not shown)."""
        glyphs = self._lanes[lane_id]
        if not glyphs.rows_shown or country not in glyphs.member_rows:
            return None
        top = glyphs.rows_top_px + glyphs.member_rows.index(country) * glyphs.row_px
        return QtCore.QRectF(0, top, self.view_box.width(), glyphs.row_px)

    def member_rows_rect(self, lane_id: str) -> QtCore.QRectF | None:
        """All of a lane's member rows, in ViewBox pixels (None when not shown)."""
        glyphs = self._lanes[lane_id]
        if not glyphs.rows_shown:
            return None
        height = glyphs.rows_shown * glyphs.row_px
        return QtCore.QRectF(0, glyphs.rows_top_px, self.view_box.width(), height)

    def _row_size(self, height: float, lanes: int, rows: int, with_rows: int) -> tuple[float, float]:
        """(row height, name point size) for `rows` member rows in `with_rows` of `lanes` lanes:
        rows as high as their names while each lane keeps room for its glyphs and a row of
        labels; thinner, with smaller names, when they do not fit: in a plot that scrolls never
        below a readable size; in an export as `_export_row_px` says."""
        self._labels_kept = 0
        name_pt = max(self.theme.label_pt - 1, 7.0)
        preferred = QtGui.QFontMetricsF(self.theme.font(name_pt)).height() + 3
        if not rows:
            return preferred, name_pt
        if not self.scrollable and self.lane_heights == "content":
            # a figure by content: rows as high as their names while every lane keeps its glyph
            # line and two rows of labels (the lanes then share the rest by what they need)
            room = height - lanes * self._lane_px_beside_rows(2) - with_rows * _ROWS_GAP
            if rows * preferred <= room:
                return preferred, name_pt
        if not self.scrollable:
            return self._fit_names(
                self._export_row_px(height, lanes, rows, with_rows, preferred), name_pt, _NAME_MIN_PT
            )
        room = height - lanes * self._least_lane_px(True) - with_rows * _ROWS_GAP
        if rows * preferred <= room:  # as high as their names, beside a row of labels in each lane
            return preferred, name_pt
        least_row, least_pt = self._readable_row()
        return self._fit_names(max(room / rows, least_row), name_pt, least_pt)

    def _fit_names(self, row_px: float, name_pt: float, least_pt: float) -> tuple[float, float]:
        """(row height, the largest point size down to `least_pt` whose names fit it, or 0)."""
        while name_pt > least_pt and QtGui.QFontMetricsF(self.theme.font(name_pt)).height() > row_px:
            name_pt -= 0.5
        fits = QtGui.QFontMetricsF(self.theme.font(name_pt)).height() <= row_px + 1.5  # names stand in the axis
        return row_px, (name_pt if fits else 0.0)

    def _export_row_px(self, height: float, lanes: int, rows: int, with_rows: int, preferred: float) -> float:
        """The height of member rows in an export (which fits everything): each lane keeps the
        rows of labels it would have without member rows, as far as the figure allows, the
        member rows getting thinner down to a readable least; then fewer rows of labels, down
        to one, and then what is left (the lane header counts the labels that give way); the
        rows thinner than readable (a stripe without names) only where even the glyph lines
        would not fit beside them."""
        gaps = with_rows * _ROWS_GAP
        label_row = self._label_metrics.height() + 3
        had = int((height / lanes - self._glyph_line_px() - 3) // label_row)  # labels rows without member rows
        readable = max(_ROW_EXPORT_READABLE_PX, QtGui.QFontMetricsF(self.theme.font(_NAME_MIN_PT)).height() - 1.5)
        for labels in range(max(had, 1), 0, -1):
            room = height - lanes * self._lane_px_for_labels(labels) - gaps
            if room >= rows * readable:
                self._labels_kept = labels
                return min(room / rows, preferred)
        # not one row of labels beside readable rows: the rows stay readable (as far as they can
        # beside the glyph lines), and the labels have what is left
        return max(min(readable, (height - lanes * self._glyph_line_px() - gaps) / rows), _ROW_MIN_PX)

    def _lane_px_for_labels(self, labels: int) -> float:
        """A lane's least height above its member rows with `labels` rows of labels under its
        glyph line (and room for its header)."""
        note = QtGui.QFontMetricsF(self.theme.font(self.theme.label_pt)).height()
        header = QtGui.QFontMetricsF(self.theme.font(self.theme.lane_pt, bold=True)).height() + 2 * note + 6
        return max(header, self._glyph_line_px() + 3.5 + labels * (self._label_metrics.height() + 3))

    def _lane_px_beside_rows(self, labels: int) -> float:
        """The height above its member rows that a lane needs for `labels` rows of labels under
        its glyph line (as _place_lane_labels counts them: margins and the gap over the rows)."""
        row = self._label_metrics.height() + 3
        return self._era_strip() + _GLYPH_TOP + self.theme.marker_px + 15 + labels * row + 0.5

    def _glyph_line_px(self) -> float:
        """A lane's height down to below its glyph line (the era strip, the glyphs, a margin)."""
        return self._era_strip() + _GLYPH_TOP + self.theme.marker_px + 6

    def _least_lane_px(self, rows_shown: bool) -> float:
        """The least height of a lane above its member rows: its header's lines (name, note,
        toggle) and its glyph line, and, while rows are shown, a row of labels under it."""
        note = QtGui.QFontMetricsF(self.theme.font(self.theme.label_pt)).height()
        header = QtGui.QFontMetricsF(self.theme.font(self.theme.lane_pt, bold=True)).height() + 2 * note + 6
        glyphs = self._glyph_line_px() + (self._label_metrics.height() + 3 + 4 + _ROWS_GAP if rows_shown else 4)
        return max(header, glyphs)

    def _readable_row(self) -> tuple[float, float]:
        """(least height, least point size of the names) of a member row in a plot that scrolls."""
        name_pt = max(_NAME_READABLE_PT, self.theme.label_pt - 1.5)
        row_px = max(_ROW_READABLE_PX, QtGui.QFontMetricsF(self.theme.font(name_pt)).height() + 0.5)
        return row_px, name_pt

    # --- search and filters --------------------------------------------------
    def _match_lanes(self) -> None:
        """Which events of each lane match the filters (one array a lane), and which are drawn."""
        filtering = self.state.filters.active
        mask = np.array(self.state.mask, dtype=bool) if filtering else None
        hide = filtering and self.state.hide_unmatched
        for glyphs in self._lanes.values():
            glyphs.match = mask[glyphs.rows] if mask is not None else np.ones(len(glyphs.events), dtype=bool)
            glyphs.drawn = glyphs.match if hide else np.ones(len(glyphs.events), dtype=bool)
            glyphs.counts = LaneCounts.of(glyphs.drawn, glyphs.drawn & glyphs.match)
            glyphs.culled = None

    def _on_matches(self, *_args: object) -> None:
        """The filters changed, or hiding the others was turned on or off: dim, hide and label anew."""
        self._match_lanes()
        self.relayout()

    # --- lanes -------------------------------------------------------------
    def _on_lanes(self, visible: tuple[str, ...]) -> None:
        """Show the visible lanes in the file's order; the others are removed, the rest close up."""
        for lane_id, glyphs in self._lanes.items():
            shown = lane_id in visible
            glyphs.layer.setVisible(shown)
            if glyphs.members is not None:
                glyphs.members.setVisible(shown and lane_id in self.state.member_lanes)
            glyphs.index = visible.index(lane_id) if shown else -1
        self.view_box.setYRange(0, max(len(visible), 1), padding=0)
        if self.state.timeline is None:
            self.label_layer.set_message("No data")
        elif not visible:
            self.label_layer.set_message("All lanes are hidden: choose lanes in the Lanes panel or under View > Lanes.")
        else:
            self.label_layer.set_message("")
        self._update_geometry()

    def _shown(self) -> Iterator[_LaneGlyphs]:
        """The visible lanes' glyphs, top to bottom."""
        for lane_id in self.state.visible_lanes:
            glyphs = self._lanes.get(lane_id)
            if glyphs is not None:  # None only while a new timeline is being built
                yield glyphs

    def lane_rect(self, lane_id: str) -> QtCore.QRectF:
        """A visible lane's band, in ViewBox pixels."""
        glyphs = self._lanes[lane_id]
        return QtCore.QRectF(0, glyphs.top_px, self.view_box.width(), glyphs.bottom_px - glyphs.top_px)

    def glyph_layer(self, lane_id: str) -> GlyphLayer:
        """The layer that paints a lane's glyphs (hidden with its lane)."""
        return self._lanes[lane_id].layer

    def glyph_row(self, lane_id: str) -> float:
        """The y of a visible lane's glyph line (marker centres), in ViewBox pixels."""
        return self._lanes[lane_id].baseline_px

    def _update_geometry(self) -> None:
        """Place lanes and glyphs for the current height and visible lanes: the lanes share the
        height, and a lane showing member rows is taller by their height. In a plot that
        scrolls, lanes and rows keep a readable height, and what does not fit is scrolled to."""
        height = max(self.view_box.height(), 1.0)
        shown = list(self._shown())
        lanes = max(len(self.state.visible_lanes), 1)
        rows = sum(glyphs.rows_shown for glyphs in shown)
        with_rows = sum(1 for glyphs in shown if glyphs.rows_shown)
        row_px, name_pt = self._row_size(height, lanes, rows, with_rows)
        lane_px = max((height - rows * row_px - with_rows * _ROWS_GAP) / lanes, 1.0)
        if self.scrollable:
            lane_px = max(lane_px, self._least_lane_px(rows > 0))
        self._content_px = len(shown) * lane_px + rows * row_px + with_rows * _ROWS_GAP
        self._geometry = (height, row_px, name_pt, lane_px)
        self._assign_heights({glyphs.lane.id: lane_px for glyphs in shown})
        self.relayout()

    def _assign_heights(self, lane_px: dict[str, float], label_rows: dict[str, int] | None = None) -> None:
        """Stack the visible lanes, each `lane_px` high above its member rows, with at most
        `label_rows` rows of labels each (None: as many as fit)."""
        assert self._geometry is not None  # set by _update_geometry, which calls this first
        height, row_px, name_pt, _equal = self._geometry
        bands = []
        top = -self._update_scroll_bar(height)
        for glyphs in self._shown():
            glyphs.label_rows = None if label_rows is None else label_rows.get(glyphs.lane.id)
            extra = glyphs.rows_shown * row_px + (_ROWS_GAP if glyphs.rows_shown else 0.0)
            glyphs.top_px = top
            glyphs.bottom_px = top = top + lane_px.get(glyphs.lane.id, _equal) + extra
            glyphs.baseline_px = glyphs.top_px + self._era_strip() + _GLYPH_TOP + self.theme.marker_px / 2
            glyphs.rows_top_px = glyphs.bottom_px - glyphs.rows_shown * row_px - (2.0 if glyphs.rows_shown else 0.0)
            if glyphs.rows_shown and self.lane_heights == "equal":
                # the rows close under the labels; what room is left stays below (by content, the
                # lane is as high as its labels need)
                labels = max(_LABEL_ROWS_ABOVE_MEMBERS, self._labels_kept) * (self._label_metrics.height() + 3)
                highest = glyphs.baseline_px + self.theme.marker_px / 2 + 5 + labels + 4 + _ROWS_GAP
                glyphs.rows_top_px = min(glyphs.rows_top_px, highest)
            glyphs.row_px, glyphs.name_pt = row_px, name_pt
            bands.append(LaneBand(glyphs.top_px, glyphs.bottom_px, glyphs.index))
        self.background_layer.set_bands(bands)

    def set_lane_heights(self, mode: str) -> None:
        """'equal': the lanes share the height equally; 'content': by the rows their labels need."""
        if mode not in LANE_HEIGHTS:
            raise ValueError(f"unknown lane heights '{mode}'; choose {' or '.join(LANE_HEIGHTS)}")
        if mode != self.lane_heights:
            self.lane_heights = mode
            self._update_geometry()

    def _share_by_content(self, x0: float, x1: float, scale: float, width: float) -> None:
        """Share the lanes' height by what their labels need at this zoom: each lane first gets
        its least height, then the rows of labels go one at a time to the lane where one more row
        labels the most events (shortens the fewest), until every lane has what it needs or no
        room is left; what is left over is shared equally."""
        _height, _row_px, _name_pt, equal = self._geometry or (0.0, 0.0, 0.0, 0.0)
        shown = list(self._shown())
        if len(shown) < 2:
            return
        row_height = self._label_metrics.height() + 3
        above = self._era_strip() + _GLYPH_TOP + self.theme.marker_px + 1 + 4 + 6  # glyphs, margins
        # the least height of a lane: its header and glyph line; beside member rows, two rows of labels
        least_of = {
            g.lane.id: max(self._least_lane_px(False), self._lane_px_beside_rows(2) if g.rows_shown else 0.0)
            for g in shown
        }
        pool = equal * len(shown)
        if pool <= sum(least_of.values()):
            return  # not even the least heights: equal it stays
        scores: dict[str, list[float]] = {}
        requests = {g.lane.id: self._label_requests(g, x0, x1, scale, width) for g in shown}

        def score(lane: str, count: int) -> float:
            """How well `count` rows label the lane: labels placed, a shortened one half."""
            known = scores.setdefault(lane, [])
            while len(known) <= count:
                blocked = self._blocked(lanes[lane])
                placed, _ = place_labels(requests[lane], len(known), 2.0, width - 2.0, gap=_LABEL_GAP, blocked=blocked)
                known.append(sum(1.0 if self._whole(g, p) else 0.5 for p in placed for g in (lanes[lane],)))
            return known[count]

        lanes = {g.lane.id: g for g in shown}

        def height(lane: str, count: int) -> float:
            return max(least_of[lane], above + count * row_height)

        rows = dict.fromkeys(lanes, 0)
        room = pool - sum(height(lane, 0) for lane in lanes)
        while True:
            # the best rate of labels per row over the next few rows (a wrapped title needs two),
            # the lane with fewer rows first among equals
            best = None
            for lane in lanes:
                for more in range(1, _CONTENT_LOOKAHEAD + 1):
                    if height(lane, rows[lane] + more) - height(lane, rows[lane]) > room:
                        break
                    rate = (score(lane, rows[lane] + more) - score(lane, rows[lane])) / more
                    key = (rate, -rows[lane], -more)
                    if rate > 0 and (best is None or key > best[0]):
                        best = (key, lane, more)
            if best is None:
                break  # every lane has the rows its labels take, or no room is left
            _key, lane, more = best
            room -= height(lane, rows[lane] + more) - height(lane, rows[lane])
            rows[lane] += more
        heights = {lane: height(lane, rows[lane]) for lane in lanes}
        spare = max(pool - sum(heights.values()), 0.0)
        if self.spare_to in heights:  # a figure's callout: one free block in its event's lane
            heights[self.spare_to] += spare
        else:
            heights = {lane: px + spare / len(lanes) for lane, px in heights.items()}
        # each lane places its labels in the rows they were measured in, no more: what is left
        # over stays free under them (room for a callout, and no long leaders)
        self._assign_heights(heights, rows)

    def _whole(self, glyphs: _LaneGlyphs, label: PlacedLabel) -> bool:
        """True when a placed label shows its title whole (on one line or two)."""
        key = label.key
        assert isinstance(key, str)  # the requests' keys are event ids
        return label.lines == 2 or label.width >= glyphs.texts[key].width

    # --- scrolling the lanes ----------------------------------------------------------
    def _update_scroll_bar(self, height: float) -> float:
        """Show the scroll bar while the lanes are higher than the plot (hide it when they fit),
        with its range and page; returns the pixels scrolled (0 when they fit)."""
        bar = self.scroll_bar
        overflow = max(int(np.ceil(self._content_px - height - 0.5)), 0) if self.scrollable else 0
        blocked = bar.blockSignals(True)  # the caller lays out for the value it gets
        bar.setRange(0, overflow)
        bar.setPageStep(max(int(height - 2 * _SCROLL_STEP_PX), _SCROLL_STEP_PX))
        bar.blockSignals(blocked)
        bar.setVisible(overflow > 0)
        # the plot makes room for the bar at its right (pyqtgraph's scene is as wide as the whole
        # widget, a little wider than the viewport, inside the frame: that too)
        plot = self.getPlotItem()
        hidden = max(plot.geometry().width() - self.viewport().width(), 0.0)
        right = _PLOT_MARGIN + (bar.sizeHint().width() + hidden if overflow > 0 else 0.0)
        left, top, old_right, bottom = plot.layout.getContentsMargins()
        if abs(old_right - right) > 0.01:
            plot.layout.setContentsMargins(left, top, right, bottom)
        self._place_scroll_bar()
        return float(bar.value())

    def _place_scroll_bar(self) -> None:
        """The scroll bar at the right, as high as the plot (the date axis stays below it)."""
        if self.scroll_bar.isHidden():
            return
        box = self.view_box.sceneBoundingRect()
        top_right = self.mapFromScene(box.topRight()) + self.viewport().geometry().topLeft()
        height = round(box.height())
        self.scroll_bar.setGeometry(top_right.x(), top_right.y(), self.scroll_bar.sizeHint().width(), height)
        self.scroll_bar.raise_()

    def resizeEvent(self, event: QtGui.QResizeEvent | None) -> None:
        super().resizeEvent(event)
        if "scroll_bar" in self.__dict__:  # pyqtgraph resizes the view before __init__ is done
            self._place_scroll_bar()

    def _on_scrolled(self, _value: int) -> None:
        self._update_geometry()

    def scroll_offset(self) -> int:
        """How many pixels the lanes are scrolled down (0 when they fit the plot)."""
        return self.scroll_bar.value() if not self.scroll_bar.isHidden() else 0

    def scroll_lanes(self, steps: int) -> None:
        """Scroll the lanes by steps of the scroll bar (negative: up)."""
        self.scroll_bar.setValue(self.scroll_bar.value() + steps * self.scroll_bar.singleStep())

    def page_lanes(self, pages: int) -> None:
        """Scroll the lanes by pages, a plot's height less a little (negative: up)."""
        self.scroll_bar.setValue(self.scroll_bar.value() + pages * self.scroll_bar.pageStep())

    def scroll_into_view(self, top: float, bottom: float) -> bool:
        """Scroll so that the pixels from `top` to `bottom` (ViewBox pixels now) are in view,
        their top first where they are higher than the plot; True when it scrolled."""
        if self.scroll_bar.isHidden():
            return False
        height = self.view_box.height()
        if top < 0:
            shift = top - _SCROLL_MARGIN
        elif bottom > height:
            shift = min(bottom - height + _SCROLL_MARGIN, top - _SCROLL_MARGIN)
        else:
            return False
        before = self.scroll_bar.value()
        self.scroll_bar.setValue(before + int(np.floor(shift) if shift < 0 else np.ceil(shift)))
        return self.scroll_bar.value() != before

    def wheelEvent(self, event: QtGui.QWheelEvent) -> None:
        """The wheel zooms time, as ever; with Shift, or over the lane names, it scrolls the
        lanes while they do not fit (and zooms, or does nothing, as before when they do)."""
        if self.scroll_bar.isHidden() or event.modifiers() & ~QtCore.Qt.KeyboardModifier.ShiftModifier:
            super().wheelEvent(event)
            return
        shifted = bool(event.modifiers() & QtCore.Qt.KeyboardModifier.ShiftModifier)
        scene_pos = self.mapToScene(event.position().toPoint())
        if not shifted and not self.lane_axis.sceneBoundingRect().contains(scene_pos):
            super().wheelEvent(event)
            return
        pixels, angle = event.pixelDelta(), event.angleDelta()
        if not pixels.isNull():
            moved = float(pixels.y() or pixels.x())  # Shift may turn a wheel sideways
        else:
            notches = (angle.y() or angle.x()) / 120
            moved = notches * QtWidgets.QApplication.wheelScrollLines() * self.scroll_bar.singleStep()
        self.scroll_bar.setValue(self.scroll_bar.value() - round(moved))
        event.accept()

    def _era_strip(self) -> float:
        """Height of the strip at the top of each lane where eras are named (0 without eras)."""
        if self.timeline is None or not any(lane.eras for lane in self.timeline.lanes):
            return 0.0
        return QtGui.QFontMetricsF(self.background_layer.era_font).height() + 6

    def _layout_grid(self, x0: float, x1: float, scale: float, width: float) -> None:
        """The vertical grid at the date axis's ticks, each level fainter, as pyqtgraph's grid
        draws it (the axis's pen, its alpha by the level and how close the ticks stand)."""
        grid = []
        for level, (_spacing, ticks) in enumerate(self.date_axis.tickValues(x0, x1, width)):
            alpha = self.theme.grid_alpha / (level + 1) * min(max(0.05 * width / (len(ticks) + 1), 0.0), 1.0)
            grid.append((alpha, [(t - x0) * scale for t in ticks if x0 <= t <= x1]))
        self.background_layer.set_grid(grid)

    def _layout_eras(self, x0: float, scale: float, width: float) -> None:
        self._layout_grid(x0, x0 + width / scale, scale, width)
        strip = self._era_strip()
        drawn = []
        for glyphs in self._shown():
            for index, (era, first, stop) in enumerate(glyphs.lane.era_spans()):
                left = (day_to_epoch(first) - x0) * scale
                right = (day_to_epoch(stop) - x0) * scale if stop else width
                shown_left, shown_right = max(left, 0.0), min(right, width)
                if shown_right - shown_left < 1:
                    continue
                rect = QtCore.QRectF(shown_left, glyphs.top_px + 3, shown_right - shown_left, strip - 4)
                drawn.append(DrawnEra(glyphs.lane.id, rect, era.name, glyphs.lane.color, index, left >= 0))
        self.background_layer.set_eras(drawn)

    def era_rects(self) -> list[tuple[str, str, QtCore.QRectF]]:
        """(lane, era name, rectangle in ViewBox pixels) of every era band drawn now."""
        return [(e.lane, e.name, QtCore.QRectF(e.rect)) for e in self.background_layer.eras]

    # --- range ---------------------------------------------------------------
    def _on_span(self, span: TimeSpan) -> None:
        """The limits of panning and zooming: the timeline's span, a week at the narrowest."""
        x_min, x_max = span.limits
        self.view_box.setLimits(xMin=x_min, xMax=x_max, minXRange=MIN_SPAN, maxXRange=x_max - x_min)

    def time_range(self) -> tuple[float, float]:
        """The range the axis shows (the state's, once the view box has followed it)."""
        x0, x1 = self.view_box.viewRange()[0]
        return float(x0), float(x1)

    def _on_state_range(self, start: float, end: float) -> None:
        x0, x1 = self.time_range()
        if abs(x0 - start) > 1e-3 or abs(x1 - end) > 1e-3:
            self.view_box.setXRange(start, end, padding=0)

    def _scale(self) -> tuple[float, float, float, float] | None:
        """(x0, x1, pixels per second, width) of the view now, or None while it has no size."""
        x0, x1 = self.time_range()
        width = self.view_box.width()
        if x1 <= x0 or width <= 0:
            return None
        return x0, x1, width / (x1 - x0), width

    def _on_range_changed(self, *_args: Any) -> None:
        """Glyphs, eras and labels follow the axis in the same frame: all laid out anew where
        that is cheap (one pass, one paint); else the labels move with their glyphs and are
        placed anew once the range has held still (placing labels is the costly part)."""
        frame = self._scale()
        if frame is not None and self._labels_cost <= _CHEAP_LABELS_S:
            self.relayout()  # cheap: glyphs and labels in one pass, painted once
            self.state.set_time_range(*self.time_range())
            return
        if frame is not None:
            x0, x1, scale, width = frame
            self._layout_eras(x0, scale, width)
            for glyphs in self._shown():
                self._lay_out_glyphs(glyphs, x0, x1, scale, width)
                self._lay_out_members(glyphs, x0, scale, width)
            self._show_aggregates()
            self._shift_labels(x0, scale)
        self._label_timer.start(_SETTLE_MS)
        self.state.set_time_range(*self.time_range())  # a wheel or a drag: the state follows the axis

    def _on_resized(self, *_args: Any) -> None:
        self._update_geometry()

    # --- labels --------------------------------------------------------------
    def _label_text(self, glyphs: _LaneGlyphs, event: Event) -> _LabelText:
        """The event's whole title as a label, and wrapped onto two lines of about equal width."""
        cached = glyphs.texts.get(event.id)
        if cached is None:
            cached = glyphs.texts[event.id] = _wrap_title(event.title, self._label_metrics)
        return cached

    def _shift_labels(self, x0: float, scale: float) -> None:
        """Move the placed labels with their glyphs (a pan, or a zoom, which moves each anchor
        its own way) until they are placed anew."""
        old_x0, old_scale = self._labels_at
        if not self.label_layer.labels:
            return

        def moved(label: DrawnLabel) -> DrawnLabel:
            anchor = (old_x0 + label.anchor_x / old_scale - x0) * scale
            dx = anchor - label.anchor_x
            return dataclasses.replace(label, rect=label.rect.translated(dx, 0), anchor_x=anchor)

        same_scale = abs(scale - old_scale) <= 1e-12 * max(scale, 1e-30)
        moved_by = (old_x0 - x0) * scale if same_scale else None  # a pan moves them all alike
        self.label_layer.set_labels([moved(label) for label in self.label_layer.labels], moved_by)
        self._labels_at = (x0, scale)

    def relayout(self) -> None:
        """Place the labels of what is in view: rows inside each lane, never overlapping."""
        self._label_timer.stop()
        frame = self._scale()
        if frame is None:
            return
        began = time.perf_counter()
        x0, x1, scale, width = frame
        self._labels_at = (x0, scale)
        if self.lane_heights == "content" and self._geometry is not None:
            self._share_by_content(x0, x1, scale, width)
        self._layout_eras(x0, scale, width)
        drawn: list[DrawnLabel] = []
        self._headers = {}
        for glyphs in self._shown():
            self._lay_out_glyphs(glyphs, x0, x1, scale, width)
            self._lay_out_members(glyphs, x0, scale, width)
            drawn += self._place_lane_labels(glyphs, x0, x1, scale, width)
        self._show_aggregates()
        self.label_layer.set_labels(drawn)
        self._show_headers()
        self._labels_cost = time.perf_counter() - began
        self.labels_placed.emit()

    def _label_requests(
        self, glyphs: _LaneGlyphs, x0: float, x1: float, scale: float, width: float
    ) -> list[LabelRequest]:
        """A label for each matching event in view (and the selection), whole, wrapped or shortened."""
        selected = self.state.selected
        requests = []
        for i, anchor in self._anchors_in_view(glyphs, x0, x1, scale, width):
            event = glyphs.events[i]
            if not glyphs.match[i] and event.id != selected:
                continue  # dimmed or hidden: the room goes to the matches
            title = self._label_text(glyphs, event)
            # never a stub; the selected event's label is never shortened
            shortest = None if event.id == selected else min(title.width, max(_LABEL_MIN_WIDTH, 0.6 * title.width))
            wrap = title.wrap_width if title.wrapped is not None else None
            requests.append(LabelRequest(event.id, anchor, title.width, min_width=shortest, wrap_width=wrap))
        return requests

    def _place_lane_labels(
        self, glyphs: _LaneGlyphs, x0: float, x1: float, scale: float, width: float
    ) -> list[DrawnLabel]:
        """One lane's labels, placed in its rows; its header notes how many did not fit."""
        row_height = self._label_metrics.height() + 3
        glyph_bottom = glyphs.baseline_px + self.theme.marker_px / 2 + 1
        first_row = glyph_bottom + 4
        labels_bottom = glyphs.rows_top_px - _ROWS_GAP + 2 if glyphs.rows_shown else glyphs.bottom_px
        rows = int((labels_bottom - 4 - first_row) // row_height)
        if glyphs.label_rows is not None:
            rows = min(rows, glyphs.label_rows)
        selected = self.state.selected
        requests = self._label_requests(glyphs, x0, x1, scale, width)
        blocked = self._blocked(glyphs)
        placed, hidden = place_labels(requests, rows, 2.0, width - 2.0, gap=_LABEL_GAP, blocked=blocked)
        if selected in hidden:
            # The selection did not fit where it stands: give it the first place, and only
            # then (so that clicking an event does not reshuffle the labels around it).
            requests = [dataclasses.replace(r, priority=-1) if r.key == selected else r for r in requests]
            mine = next(r for r in requests if r.key == selected)  # over a density band, if it stands in one
            blocked = _carved(blocked, mine.anchor - _LABEL_GAP, mine.anchor + mine.width + _LABEL_GAP)
            placed, hidden = place_labels(requests, rows, 2.0, width - 2.0, gap=_LABEL_GAP, blocked=blocked)
        drawn = []
        for label in placed:
            key = label.key
            assert isinstance(key, str)  # the requests' keys are event ids
            title = glyphs.texts[key]
            text = title.text
            if label.lines == 2:
                assert title.wrapped is not None  # only a title that wraps is placed on two lines
                text = title.wrapped
            elif label.width < title.width:  # shortened: no room for it whole or wrapped
                text = self._label_metrics.elidedText(text, QtCore.Qt.TextElideMode.ElideRight, label.width - 1)
            top = first_row + label.row * row_height
            rect = QtCore.QRectF(label.left, top, label.width, label.lines * row_height - 3)
            drawn.append(
                DrawnLabel(
                    key=key,
                    lane=glyphs.lane.id,
                    rect=rect,
                    text=text,
                    color=glyphs.lane.color,
                    anchor_x=label.anchor,
                    glyph_bottom=glyph_bottom,
                    selected=label.key == selected,
                    shortened=label.lines == 1 and label.width < title.width,
                )
            )
        glyphs.hidden_labels = len(hidden)
        glyphs.hidden_keys = [key for key in hidden if isinstance(key, str)]
        # a window affordance (click it to zoom in): a figure leaves it out
        note = f"+{len(hidden)} unlabelled" if hidden and self.unlabelled_notes else ""
        self._headers[glyphs.lane.id] = self._header(glyphs, note)
        return drawn

    def _header(self, glyphs: _LaneGlyphs, note: str) -> LaneHeader:
        """What the lane axis shows beside a lane: its name, a note, the members toggle (for a
        lane with membership) and the names of its member rows, in view coordinates."""
        has_members = glyphs.members is not None and self.member_toggles
        members = glyphs.lane.id in self.state.member_lanes if has_members else None
        names: tuple[tuple[str, float, float], ...] = ()
        if glyphs.rows_shown:
            tops = [glyphs.rows_top_px + i * glyphs.row_px for i in range(len(glyphs.member_rows))]
            names = tuple(
                (country, self._view_y(top), self._view_y(top + glyphs.row_px))
                for country, top in zip(glyphs.member_rows, tops, strict=True)
            )
        return LaneHeader(
            self._view_y(glyphs.top_px),
            self._view_y(glyphs.bottom_px),
            glyphs.lane.name,
            glyphs.lane.color,
            note,
            glyphs.lane.id,
            members,
            names,
            glyphs.name_pt,
            self.state.followed,
            self._view_y(glyphs.rows_top_px - 2) if names else None,
        )

    def _view_y(self, px: float) -> float:
        """The view box's y (lanes fill [0, number of lanes], the first at the top) of a pixel row."""
        lanes = max(len(self.state.visible_lanes), 1)
        height: float = self.view_box.height()
        return lanes * (1.0 - px / max(height, 1.0))

    def reveal_unlabelled(self, lane_id: str) -> None:
        """Zoom in to show the events of a lane that have no label: to their time span when it
        is less than half the view, else by half around their middle (click again for more)."""
        glyphs = self._lanes.get(lane_id)
        if glyphs is None or not glyphs.hidden_keys:
            return
        times = sorted(float(marker_time(event.date)) for key in glyphs.hidden_keys if (event := self._event(key)))
        start, end = self.state.time_range
        span = end - start
        first, last = times[0], times[-1]
        if last - first < span / 2:
            pad = max((last - first) * 0.15, MIN_SPAN / 2)
            new = (first - pad, last + pad)
        else:
            middle = times[len(times) // 2]
            new = (middle - span / 4, middle + span / 4)
        self.state.remember()
        self.state.set_time_range(*new)
        self.state.remember()

    def unlabelled(self) -> int:
        """How many events in view have no label (no room), over the visible lanes."""
        return sum(glyphs.hidden_labels for glyphs in self._shown())

    def _show_headers(self) -> None:
        headers = [self._headers[glyphs.lane.id] for glyphs in self._shown() if glyphs.lane.id in self._headers]
        busiest = max((len(glyphs.events) for glyphs in self._shown()), default=0)
        self.lane_axis.set_headers(headers, f"+{busiest} unlabelled" if busiest else "")

    def _cull(self, glyphs: _LaneGlyphs, x0: float, x1: float, scale: float) -> _Culled:
        """What the lane shows of [x0, x1): crowded stretches as aggregates, the rest as glyphs
        (and the bars that reach in from outside); kept until the range or the matches change.
        O(buckets log n + glyphs drawn): nothing here grows with the events out of view."""
        assert glyphs.arrays is not None and glyphs.counts is not None  # set with the timeline
        key = (x0, x1, scale, id(glyphs.counts))
        if glyphs.culled is not None and glyphs.culled.key == key:
            return glyphs.culled
        arrays, margin = glyphs.arrays, self.theme.marker_px / scale
        if self.level_of_detail and x1 - x0 > MIN_SPAN * 1.001:
            plan = plan_lane(
                arrays,
                glyphs.counts,
                x0,
                x1,
                1.0 / scale,
                bucket_px=_BUCKET_PX,
                px_per_glyph=_PX_PER_GLYPH,
                column_px=_COLUMN_PX,
                margin_px=self.theme.marker_px,
            )
        else:  # at the narrowest range (or asked): every glyph
            plan = LanePlan(NO_BANDS, [arrays.in_range(x0 - margin, x1 + margin)], np.zeros(0))
        ranges = [np.arange(lo, hi) for lo, hi in plan.glyphs]
        index = np.concatenate(ranges) if ranges else _NO_INDEX
        index = index[glyphs.drawn[index]]
        across = np.union1d(arrays.bars_across(x0 - margin), arrays.bars_across(x1 + margin))
        mids = glyphs.mid[across]
        outside = (mids < x0 - margin) | (mids >= x1 + margin)
        edge_bars = across[outside & glyphs.drawn[across]]
        glyphs.culled = _Culled(key, plan, index, edge_bars)
        return glyphs.culled

    def _lay_out_glyphs(self, glyphs: _LaneGlyphs, x0: float, x1: float, scale: float, width: float) -> None:
        """Pixel positions of what is in view: markers, bars (clipped a little beyond the
        edges) with a bracket at each end, density bands where a stretch is crowded, and the
        selection ring."""
        y = glyphs.baseline_px
        culled = self._cull(glyphs, x0, x1, scale)
        index = culled.index
        xs = ((glyphs.mid[index] - x0) * scale).tolist()
        markers: tuple[list[tuple[float, float, str, bool]], ...] = ([], [])  # (matching, dimmed)
        events, match, has_bar = glyphs.events, glyphs.match, glyphs.has_bar
        for j, x in zip(index.tolist(), xs, strict=True):
            markers[0 if match[j] else 1].append((x, y, _symbol(events[j]), not has_bar[j]))
        crossing = np.union1d(index[has_bar[index]], culled.edge_bars)
        tick = self.theme.bar_px / 2 + 2
        lines: list[tuple[PrimitiveArray, PrimitiveArray]] = []
        for chosen in (crossing[match[crossing]], crossing[~match[crossing]]):
            left = (glyphs.x0[chosen] - x0) * scale
            right = (glyphs.x1[chosen] - x0) * scale
            starts, stops = _few_of_each(np.maximum(left, -20.0), np.minimum(right, width + 20.0))
            edges = np.concatenate([left, right])
            edges = edges[(edges >= -5) & (edges <= width + 5)]
            lines.append((line_array(starts, y, stops, y), line_array(edges, y - tick, edges, y + tick)))
        (bars, ends), (dim_bars, dim_ends) = lines
        rings = self._rings(glyphs, x0, scale, width)
        glyphs.layer.set_glyphs(bars, ends, markers[0], rings, (dim_bars, dim_ends, markers[1]))
        glyphs.bands = self._drawn_bands(glyphs, culled.plan, x0, scale)

    def _drawn_bands(self, glyphs: _LaneGlyphs, plan: LanePlan, x0: float, scale: float) -> DrawnBands:
        """The lane's aggregates as bands on its glyph line, in ViewBox pixels (as arrays)."""
        filtering = self.state.filters.active and not self.state.hide_unmatched
        # from just above the glyph line down over the first rows of labels (none stand there)
        top = glyphs.baseline_px - self.theme.marker_px / 2 - 2
        bottom = glyphs.rows_top_px - _ROWS_GAP if glyphs.rows_shown else glyphs.bottom_px
        height = min(max(bottom - 6 - top, self.theme.marker_px + 6), _BAND_PX * self.theme.marker_px / 11.0)
        bands = plan.bands
        left, right, columns = ((bands.start - x0) * scale, (bands.end - x0) * scale, (bands.edges - x0) * scale)
        return DrawnBands(glyphs.lane.id, glyphs.lane.color, bands, left, right, columns, top, height, filtering)

    def _blocked(self, glyphs: _LaneGlyphs) -> list[tuple[float, float]]:
        """The pixels of a lane's density bands, merged where they touch: no label stands there."""
        if glyphs.bands is None or not len(glyphs.bands):
            return []
        lefts, rights = glyphs.bands.left - 2, glyphs.bands.right + 2
        begins = np.flatnonzero(np.concatenate([[True], lefts[1:] > rights[:-1]]))
        ends = np.concatenate([begins[1:] - 1, [len(lefts) - 1]])
        return list(zip(lefts[begins].tolist(), rights[ends].tolist(), strict=True))

    def _show_aggregates(self) -> None:
        self.density_layer.set_bands([glyphs.bands for glyphs in self._shown() if glyphs.bands is not None])

    def aggregates(self, lane_id: str) -> list[DrawnAggregate]:
        """A lane's density bands drawn now (empty when every event in view is a glyph)."""
        bands = self._lanes[lane_id].bands
        if bands is None or self._lanes[lane_id].index < 0:
            return []
        return [bands.drawn(k) for k in range(len(bands))]

    def aggregate_at(self, scene_pos: QtCore.QPointF) -> DrawnAggregate | None:
        """The density band under a scene position, or None."""
        found = self._lane_at_px(scene_pos)
        if found is None or found[0].bands is None:
            return None
        glyphs, local = found
        assert glyphs.bands is not None
        k = glyphs.bands.index_at(local.x(), local.y())
        return glyphs.bands.drawn(k) if k is not None else None

    def _rings(self, glyphs: _LaneGlyphs, x0: float, scale: float, width: float) -> list[tuple[float, float, str]]:
        """The selection ring of a lane, where the selected event is in it and in view (on top
        of a density band too)."""
        index = glyphs.index_of(self._event(self.state.selected))
        if index is None:
            return []
        x = float((glyphs.mid[index] - x0) * scale)
        margin = self.theme.marker_px
        return [(x, glyphs.baseline_px, _symbol(glyphs.events[index]))] if -margin <= x <= width + margin else []

    def _anchors_in_view(
        self, glyphs: _LaneGlyphs, x0: float, x1: float, scale: float, width: float
    ) -> Iterator[tuple[int, float]]:
        """(index, anchor pixel) of each event to label: markers in view (not those in a density
        band, but the selected event), and bars that cross the view while their marker is
        outside it (anchored where the bar enters the view)."""
        culled = self._cull(glyphs, x0, x1, scale)
        index = culled.index
        mids = glyphs.mid[index]
        shown = index[(mids >= x0) & (mids < x1)]
        selected = glyphs.index_of(self._event(self.state.selected))
        if selected is not None and x0 <= glyphs.mid[selected] < x1 and glyphs.drawn[selected]:
            shown = np.union1d(shown, [selected])
        for i, anchor in zip(shown.tolist(), ((glyphs.mid[shown] - x0) * scale).tolist(), strict=True):
            yield i, anchor
        outside = np.union1d(culled.edge_bars, index[glyphs.has_bar[index]])
        mids = glyphs.mid[outside]
        outside = outside[((mids < x0) | (mids >= x1)) & (glyphs.x0[outside] < x1) & (glyphs.x1[outside] > x0)]
        # labels anchored at an edge stand one under the other: no more than a lane has rows for,
        # those whose markers are nearest the view (a lane under a thousand year-long bars stays quick)
        rows = max(int((glyphs.bottom_px - glyphs.top_px) // (self._label_metrics.height() + 3)), 1)
        before, after = outside[glyphs.mid[outside] < x0], outside[glyphs.mid[outside] >= x1]
        for j in np.union1d(before[-rows:], after[:rows]).tolist():
            left = max((glyphs.x0[j] - x0) * scale, 0.0) + 6
            right = min((glyphs.x1[j] - x0) * scale, width) - 6
            anchor = left if glyphs.mid[j] < x0 else right
            if right > left:
                yield j, anchor

    def label_rects(self) -> list[tuple[str, str, QtCore.QRectF]]:
        """(lane, event id, rectangle in ViewBox pixels) of every label drawn now."""
        return [(d.lane, d.key, QtCore.QRectF(d.rect)) for d in self.label_layer.labels]

    def drawn_rects(self, besides: str | None = None, pad: float = 0.0) -> list[QtCore.QRectF]:
        """What an overlay (a callout, the presentation card) must not cover, in ViewBox pixels:
        the labels (`pad` wider each way; but the label of the event `besides`), the era names,
        each lane's glyph line down from its top, and its member rows."""
        rects = [
            QtCore.QRectF(d.rect).adjusted(-pad, -pad, pad, pad) for d in self.label_layer.labels if d.key != besides
        ]
        rects += [rect for _, _, rect in self.era_rects()]
        width = self.view_box.width()
        for lane_id in self.visible_lanes:
            top = self.lane_rect(lane_id).top()
            rects.append(QtCore.QRectF(0, top, width, self.glyph_row(lane_id) - top + self.theme.marker_px))
            rows = self.member_rows_rect(lane_id)
            if rows is not None:
                rects.append(rows)
        return rects

    def hidden_label_count(self, lane_id: str) -> int:
        return self._lanes[lane_id].hidden_labels

    # --- selection -----------------------------------------------------------
    def _on_selection(self, event_id: str | None) -> None:
        """A new selection: its rings and its label change, nothing else moves. Only a lane
        where the selected event is in view without its whole label places its labels again; in a
        plot that scrolls, the lanes scroll to it first where none of its lanes is in view."""
        if event_id is not None and self._scroll_to_event(event_id):
            return  # laid out anew, the selection with it
        frame = self._scale()
        if frame is None:
            return
        x0, x1, scale, width = frame
        for glyphs in self._shown():
            glyphs.layer.set_rings(self._rings(glyphs, x0, scale, width))
        labels = [
            dataclasses.replace(label, selected=label.key == event_id)
            if label.selected or label.key == event_id
            else label
            for label in self.label_layer.labels
        ]
        # lanes where the selection has its whole title already (a shortened one is placed anew:
        # the selected event's label is never shortened)
        labelled = {label.lane for label in labels if label.key == event_id and not label.shortened}
        for glyphs in self._shown():
            if glyphs.index_of(self._event(event_id)) is None or glyphs.lane.id in labelled:
                continue
            if not any(glyphs.events[i].id == event_id for i, _ in self._anchors_in_view(glyphs, x0, x1, scale, width)):
                continue  # out of view: no label to give it
            labels = [label for label in labels if label.lane != glyphs.lane.id]
            labels += self._place_lane_labels(glyphs, x0, x1, scale, width)
            self._show_headers()
        self.label_layer.set_labels(labels)
        self.labels_placed.emit()

    # --- hit testing -------------------------------------------------------------
    def scene_pos_of(self, event_id: str, lane_id: str | None = None) -> QtCore.QPointF:
        """The scene position of an event's marker (in its first visible lane, or `lane_id`)."""
        for glyphs in [self._lanes[lane_id]] if lane_id else self._shown():
            index = glyphs.index_of(self._event(event_id))
            if index is not None:
                local = QtCore.QPointF(self._x_to_px(glyphs.mid[index]), glyphs.baseline_px)
                scene_pos: QtCore.QPointF = self.view_box.mapToScene(local)
                return scene_pos
        raise KeyError(f"event {event_id!r} is not shown")

    def _x_to_px(self, x: float) -> float:
        x0, x1 = self.time_range()
        width: float = self.view_box.width()
        return (x - x0) * width / (x1 - x0)

    def events_at(self, scene_pos: QtCore.QPointF) -> list[str]:
        """Every event whose label, glyph or bar is under a scene position, nearest first
        (glyphs of one day coincide: all of them are returned)."""
        vb = self.view_box
        if not vb.sceneBoundingRect().contains(scene_pos):
            return []
        local = vb.mapFromScene(scene_pos)
        px, py = local.x(), local.y()
        lane = next((g for g in self._shown() if g.top_px <= py < g.bottom_px), None)
        if lane is None:
            return []
        for label in self.label_layer.labels:
            if label.lane == lane.lane.id and label.rect.adjusted(-2, -1, 2, 1).contains(local):
                return [label.key]
        dy = py - lane.baseline_px
        x0, x1 = self.time_range()
        seconds_per_px = (x1 - x0) / vb.width()
        x = x0 + px * seconds_per_px
        radius = self.theme.marker_px / 2 + 3
        plan = lane.culled.plan if lane.culled is not None else None
        selected = lane.index_of(self._event(self.state.selected))

        def alone(indices: np.ndarray) -> np.ndarray:
            """Those drawn as glyphs: not hidden, and not in a density band (but the selection)."""
            keep = lane.drawn[indices]
            if plan is not None:
                keep &= ~plan.aggregated(lane.mid[indices]) | (indices == (-1 if selected is None else selected))
            chosen: np.ndarray = indices[keep]
            return chosen

        if abs(dy) <= radius:
            lo, hi = np.searchsorted(lane.mid, [x - radius * seconds_per_px, x + radius * seconds_per_px])
            candidates = alone(np.arange(lo, hi))
            distance = np.hypot((lane.mid[candidates] - x) / seconds_per_px, dy)
            near = [(d, i) for d, i in zip(distance.tolist(), candidates.tolist(), strict=True) if d <= radius]
            if near:
                return [lane.events[i].id for _, i in sorted(near)]
        if abs(dy) <= self.theme.bar_px / 2 + 2 and lane.arrays is not None:
            inside = alone(lane.arrays.bars_across(x))
            by_length = sorted(inside.tolist(), key=lambda i: lane.x1[i] - lane.x0[i])
            return [lane.events[i].id for i in by_length]
        return []

    def _lane_at_px(self, scene_pos: QtCore.QPointF) -> tuple[_LaneGlyphs, QtCore.QPointF] | None:
        """The visible lane under a scene position, and the position in ViewBox pixels."""
        vb = self.view_box
        if not vb.sceneBoundingRect().contains(scene_pos):
            return None
        local: QtCore.QPointF = vb.mapFromScene(scene_pos)
        lane = next((g for g in self._shown() if g.top_px <= local.y() < g.bottom_px), None)
        return (lane, local) if lane is not None else None

    def lane_at(self, scene_pos: QtCore.QPointF) -> str | None:
        """The id of the visible lane under a scene position, or None."""
        found = self._lane_at_px(scene_pos)
        return found[0].lane.id if found else None

    def day_at(self, scene_pos: QtCore.QPointF) -> dt.date:
        """The day at a scene position's x on the time axis."""
        local = self.view_box.mapFromScene(scene_pos)
        x0, x1 = self.time_range()
        return epoch_to_day(x0 + local.x() * (x1 - x0) / max(self.view_box.width(), 1.0))

    def span_key_at(self, scene_pos: QtCore.QPointF) -> tuple[str, str, int] | None:
        """(lane, country, index among that country's spans in the lane) of the member row's
        span under a scene position, or None (the state's `select_span` takes these)."""
        found = self._lane_at_px(scene_pos)
        if found is None:
            return None
        glyphs, local = found
        if glyphs.members is None or not glyphs.rows_shown or local.y() < glyphs.rows_top_px:
            return None
        row = int((local.y() - glyphs.rows_top_px) // glyphs.row_px)
        if not 0 <= row < len(glyphs.member_rows):
            return None
        country = glyphs.member_rows[row]
        near = [
            (0.0 if rect.left() <= local.x() <= rect.right() else 1.0, rect.width(), index)
            for name, index, rect in glyphs.members.span_rects()
            if name == country and rect.left() - 3 <= local.x() <= rect.right() + 3
        ]
        if not near:
            return None
        return glyphs.lane.id, country, min(near)[2]

    def span_at(self, scene_pos: QtCore.QPointF) -> Span | None:
        """The member row's span under a scene position, or None."""
        key = self.span_key_at(scene_pos)
        return self.state.membership.spans(key[0], key[1])[key[2]] if key else None

    def members_text(self, lane_id: str, day: dt.date) -> str:
        """Who was in a lane on a day, as plain text: 'CST/CSTO on 15 May 1995: 6 founding members,
        3 members; 3 of them uncertain', then a line for each member, its notes indented under it."""
        lane = self.timeline.lane(lane_id) if self.timeline else None
        name = lane.name if lane else lane_id
        return "\n".join(members_lines(self.timeline, name, self.state.membership.members_on(lane_id, day), day))

    def _on_click(self, ev: Any) -> None:
        if ev.button() != QtCore.Qt.MouseButton.LeftButton:
            return
        if not self.view_box.sceneBoundingRect().contains(ev.scenePos()):
            return
        hits = self.events_at(ev.scenePos())
        if self.state.selected in hits and len(hits) > 1:
            # glyphs on top of each other: each click selects the next one
            self.state.select(hits[(hits.index(self.state.selected) + 1) % len(hits)])
        elif hits:
            self.state.select(hits[0])
        elif (band := self.aggregate_at(ev.scenePos())) is not None:
            self.zoom_to_aggregate(band)
        elif (key := self.span_key_at(ev.scenePos())) is not None:
            self.state.select_span(*key)
        else:
            self.state.select(None)
            self.state.select_span(None)

    def zoom_to_aggregate(self, band: DrawnAggregate) -> None:
        """Show the span of a density band (a place for Back before and after)."""
        self.state.remember()
        self.state.set_time_range(band.aggregate.start, band.aggregate.end)
        self.state.remember()

    def _on_hover(self, scene_pos: QtCore.QPointF) -> None:
        """A pointing hand over anything clickable (the tooltip comes with the ToolTip event)."""
        if self.events_at(scene_pos) or self.aggregate_at(scene_pos) or self.span_key_at(scene_pos):
            self.viewport().setCursor(QtCore.Qt.CursorShape.PointingHandCursor)
        else:
            self.viewport().unsetCursor()

    def viewportEvent(self, event: QtCore.QEvent) -> bool:
        if event.type() == QtCore.QEvent.Type.ToolTip:
            # Answer Qt's own tooltip request, so the tooltip stays while the mouse rests.
            assert isinstance(event, QtGui.QHelpEvent)
            text = self.tooltip_at(self.mapToScene(event.pos()))
            if text is None:
                QtWidgets.QToolTip.hideText()
                event.ignore()
            else:
                QtWidgets.QToolTip.showText(event.globalPos(), text, self.viewport())
            return True
        handled: bool = super().viewportEvent(event)
        return handled

    def tooltip_at(self, scene_pos: QtCore.QPointF) -> str | None:
        """The tooltip for what is under a scene position: every event there, title and date; a
        member row's span; elsewhere in a lane with membership, the members on that day."""
        if self.timeline is None:
            return None
        events = [e for event_id in self.events_at(scene_pos) if (e := self.timeline.event(event_id))]
        if not events and (band := self.aggregate_at(scene_pos)) is not None:
            return plain_tooltip(*aggregate_tooltip(band.aggregate, band.filtering).split("\n"), bold_first=True)
        if not events:
            return self._membership_tooltip(scene_pos)
        tip = "".join(event_tooltip(event) for event in events[:8])
        if len(events) > 1:
            more = f" (+{len(events) - 8} more)" if len(events) > 8 else ""
            tip += f"<p><i>{len(events)} events here{more}: click again for the next</i></p>"
        return tip

    def _membership_tooltip(self, scene_pos: QtCore.QPointF) -> str | None:
        lane_id = self.lane_at(scene_pos)
        if lane_id is None or self.timeline is None or lane_id not in self.state.membership.lanes():
            return None
        lane = self.timeline.lane(lane_id)
        name = lane.name if lane else lane_id
        span = self.span_at(scene_pos)
        if span is not None:
            return span_tooltip(span, name)
        day = self.day_at(scene_pos)
        standings = self.state.membership.members_on(lane_id, day)
        lines = members_lines(self.timeline, name, standings, day, _TOOLTIP_LINES - 1, _TOOLTIP_REFS)
        return plain_tooltip(f"Members on {_day_text(day)}", *lines, bold_first=True)
