"""The timeline plot: lanes, glyphs, labels, date axis, hit testing and selection.

One batched glyph layer per lane (markers, and the bars of month, year and period spans) and
the labels are laid out in pixels, for what is in view only, each time the range changes.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from ..core.dates import SECONDS_PER_DAY, day_to_epoch
from ..core.labels import LabelRequest, place_labels
from ..core.model import Event, Lane, Timeline
from ..core.span import HOME_RANGE, X_MAX, X_MIN
from .axes import DateAxis, LaneAxis, LaneHeader
from .layers import DrawnEra, DrawnLabel, GlyphLayer, LabelLayer, LaneBackground, LaneBand
from .text import plain_tooltip
from .theme import KIND_SYMBOLS, Theme, default_theme

__all__ = ["TimelineView", "event_tooltip"]

MIN_SPAN = 7 * SECONDS_PER_DAY

# Geometry inside a lane, in pixels.
_GLYPH_TOP = 10.0  # from the lane's top edge to the top of the glyph line
_LABEL_GAP = 10.0  # horizontal gap between labels of a row
_LABEL_MAX_WIDTH = 320.0
_LABEL_MIN_WIDTH = 110.0  # a label may be shortened to this width (or 60% of it), never less


def event_tooltip(event: Event) -> str:
    """Tooltip text for an event: title and date, escaped so nothing in it is read as HTML."""
    return plain_tooltip(event.title, event.date_text(), bold_first=True)


@dataclass
class _LaneGlyphs:
    """One lane's events as arrays sorted by marker position, with its two batched items."""

    lane: Lane
    events: list[Event]
    mid: np.ndarray
    x0: np.ndarray
    x1: np.ndarray
    has_bar: np.ndarray
    layer: GlyphLayer
    baseline_px: float = 0.0  # glyph centre, in ViewBox pixels
    top_px: float = 0.0
    bottom_px: float = 0.0
    index: int = -1  # position among visible lanes, -1 when hidden
    symbols: list[str] = field(default_factory=list)
    hidden_labels: int = 0
    texts: dict[str, tuple[str, float]] = field(default_factory=dict)


class TimelineView(pg.PlotWidget):
    """The swimlane timeline; the window, the clipboard and every export draw with it."""

    selectionChanged = QtCore.Signal(object)  # event id or None
    rangeChanged = QtCore.Signal(float, float)

    def __init__(self, parent: QtWidgets.QWidget | None = None, theme: Theme | None = None) -> None:
        self.theme = theme or default_theme()
        self.date_axis = DateAxis()
        self.lane_axis = LaneAxis(self.theme)
        super().__init__(
            parent, background=self.theme.background, axisItems={"bottom": self.date_axis, "left": self.lane_axis}
        )
        self.timeline: Timeline | None = None
        self.selected_id: str | None = None
        self._lanes: dict[str, _LaneGlyphs] = {}
        self._visible: list[str] = []

        plot = self.getPlotItem()
        plot.hideButtons()
        plot.setMenuEnabled(False)
        vb = plot.getViewBox()
        self.view_box = vb
        vb.setMenuEnabled(False)
        vb.setMouseEnabled(x=True, y=False)
        vb.setDefaultPadding(0.0)
        vb.setLimits(xMin=X_MIN, xMax=X_MAX, minXRange=MIN_SPAN, maxXRange=X_MAX - X_MIN)
        self.background_layer = LaneBackground(vb, self.theme)
        self.label_layer = LabelLayer(vb, self.theme)
        self._apply_theme()

        self._label_timer = QtCore.QTimer(self, singleShot=True, interval=0)
        self._label_timer.timeout.connect(self.relayout)
        self._labels_at = (0.0, 1.0)  # (x0, scale) the labels were placed for
        vb.sigXRangeChanged.connect(self._on_range_changed)
        vb.sigResized.connect(self._on_resized)
        self.scene().sigMouseClicked.connect(self._on_click)
        self.scene().sigMouseMoved.connect(self._on_hover)
        self.setMouseTracking(True)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
        vb.setXRange(*HOME_RANGE, padding=0)
        self.label_layer.set_message("No data")

    # --- theme -------------------------------------------------------------
    def _apply_theme(self) -> None:
        theme = self.theme
        self.setBackground(theme.background)
        self.getPlotItem().showGrid(x=True, y=False, alpha=theme.grid_alpha)
        for axis in (self.date_axis, self.lane_axis):
            axis.setPen(pg.mkPen(theme.muted))
            axis.setTextPen(pg.mkPen(theme.foreground))
        self.date_axis.setStyle(tickFont=theme.font(theme.axis_pt))
        self.date_axis.setTickFont(theme.font(theme.axis_pt))
        self.lane_axis.theme = theme
        self.background_layer.set_theme(theme)
        self.label_layer.set_theme(theme)
        self._label_metrics = QtGui.QFontMetricsF(self.label_layer.font)

    def set_theme(self, theme: Theme) -> None:
        """Redraw everything in another theme; data, lanes, range and selection stay."""
        self.theme = theme
        self._apply_theme()
        if self.timeline is not None:
            self.set_timeline(self.timeline, self.visible_lanes)
        else:
            self._update_geometry()

    # --- data --------------------------------------------------------------
    def set_timeline(self, timeline: Timeline, visible_lanes: list[str] | None = None) -> None:
        """Show a timeline; keeps the time range, and the selection when its event survives."""
        vb = self.view_box
        for glyphs in self._lanes.values():
            glyphs.layer.detach()
        self.timeline = timeline
        self._lanes = {}
        for lane in timeline.lanes:
            events = [e for e in timeline.events if lane.id in e.lanes]
            events.sort(key=lambda e: self._mid(e))
            self._lanes[lane.id] = self._make_lane(lane, events)
        if visible_lanes is None:
            visible_lanes = [lane.id for lane in timeline.lanes]
        if self.selected_id is not None and timeline.event(self.selected_id) is None:
            self.selected_id = None
            self.selectionChanged.emit(None)
        self.set_visible_lanes(visible_lanes)

    @staticmethod
    def _mid(event: Event) -> float:
        first = day_to_epoch(event.date.first_day)
        last = day_to_epoch(event.date.last_day) + SECONDS_PER_DAY
        return (first + last) / 2

    def _make_lane(self, lane: Lane, events: list[Event]) -> _LaneGlyphs:
        """The lane's events as arrays sorted by marker position, and its glyph layer."""
        mid = np.array([self._mid(e) for e in events], dtype=float)
        x0 = np.array([day_to_epoch(e.first_day) for e in events], dtype=float)
        x1 = np.array([day_to_epoch(e.last_day) + SECONDS_PER_DAY for e in events], dtype=float)
        has_bar = np.array([e.end is not None or e.date.day is None for e in events], dtype=bool)
        symbols = [KIND_SYMBOLS.get(e.kind, "o") for e in events]
        layer = GlyphLayer(self.view_box, self.theme, lane.color)
        return _LaneGlyphs(lane, events, mid, x0, x1, has_bar, layer, symbols=symbols)

    # --- lanes -------------------------------------------------------------
    @property
    def visible_lanes(self) -> list[str]:
        return list(self._visible)

    def set_visible_lanes(self, lane_ids) -> None:
        """Show these lanes, in the file's order; the others are removed and the rest close up."""
        wanted = set(lane_ids)
        self._visible = [lane_id for lane_id in self._lanes if lane_id in wanted]
        for lane_id, glyphs in self._lanes.items():
            shown = lane_id in wanted
            glyphs.layer.setVisible(shown)
            glyphs.index = self._visible.index(lane_id) if shown else -1
        self.view_box.setYRange(0, max(len(self._visible), 1), padding=0)
        if self.timeline is None:
            self.label_layer.set_message("No data")
        elif not self._visible:
            self.label_layer.set_message("All lanes are hidden: choose lanes in the Lanes panel or under View > Lanes.")
        else:
            self.label_layer.set_message("")
        if self.selected_id is not None and not any(
            self.selected_id in (e.id for e in self._lanes[lane_id].events) for lane_id in self._visible
        ):
            self.select(None)  # its lanes are hidden
        self._update_geometry()

    def lane_rect(self, lane_id: str) -> QtCore.QRectF:
        """A visible lane's band, in ViewBox pixels."""
        glyphs = self._lanes[lane_id]
        return QtCore.QRectF(0, glyphs.top_px, self.view_box.width(), glyphs.bottom_px - glyphs.top_px)

    def _update_geometry(self) -> None:
        """Place lanes and glyphs for the current height and visible lanes."""
        height = max(self.view_box.height(), 1.0)
        count = max(len(self._visible), 1)
        lane_px = height / count
        bands = []
        for glyphs in self._lanes.values():
            if glyphs.index < 0:
                continue
            glyphs.top_px = glyphs.index * lane_px
            glyphs.bottom_px = glyphs.top_px + lane_px
            glyphs.baseline_px = glyphs.top_px + self._era_strip() + _GLYPH_TOP + self.theme.marker_px / 2
            bands.append(LaneBand(glyphs.top_px, glyphs.bottom_px, glyphs.index))
        self.background_layer.set_bands(bands)
        self.relayout()

    def _era_strip(self) -> float:
        """Height of the strip at the top of each lane where eras are named (0 without eras)."""
        if self.timeline is None or not any(lane.eras for lane in self.timeline.lanes):
            return 0.0
        return QtGui.QFontMetricsF(self.background_layer.era_font).height() + 6

    def _layout_eras(self, x0: float, scale: float, width: float) -> None:
        strip = self._era_strip()
        drawn = []
        for lane_id in self._visible:
            glyphs = self._lanes[lane_id]
            for index, (era, first, stop) in enumerate(glyphs.lane.era_spans()):
                left = (day_to_epoch(first) - x0) * scale
                right = (day_to_epoch(stop) - x0) * scale if stop else width
                shown_left, shown_right = max(left, 0.0), min(right, width)
                if shown_right - shown_left < 1:
                    continue
                rect = QtCore.QRectF(shown_left, glyphs.top_px + 3, shown_right - shown_left, strip - 4)
                drawn.append(DrawnEra(lane_id, rect, era.name, glyphs.lane.color, index, left >= 0))
        self.background_layer.set_eras(drawn)

    def era_rects(self) -> list[tuple[str, str, QtCore.QRectF]]:
        """(lane, era name, rectangle in ViewBox pixels) of every era band drawn now."""
        return [(e.lane, e.name, QtCore.QRectF(e.rect)) for e in self.background_layer.eras]

    # --- range ---------------------------------------------------------------
    def time_range(self) -> tuple[float, float]:
        x0, x1 = self.view_box.viewRange()[0]
        return float(x0), float(x1)

    def set_time_range(self, start: float, end: float) -> None:
        self.view_box.setXRange(start, end, padding=0)

    def fit_all(self) -> None:
        self.set_time_range(*HOME_RANGE)

    def zoom_by(self, factor: float) -> None:
        """factor < 1 zooms in, around the centre of the view."""
        x0, x1 = self.time_range()
        self.view_box.scaleBy(x=factor, y=None, center=QtCore.QPointF((x0 + x1) / 2, 0))

    def _on_range_changed(self, *_args) -> None:
        """Glyphs, eras and the labels' positions follow the axis in the same frame; the labels
        are placed anew once the events of this frame are handled (a wheel or a drag changes
        the range several times a frame, and placing labels is the costly part)."""
        x0, x1 = self.time_range()
        width = self.view_box.width()
        if x1 > x0 and width > 0:
            scale = width / (x1 - x0)
            self._layout_eras(x0, scale, width)
            for lane_id in self._visible:
                self._lay_out_glyphs(self._lanes[lane_id], x0, x1, scale, width)
            self._shift_labels(x0, scale)
        self._label_timer.start()
        x0, x1 = self.time_range()
        self.rangeChanged.emit(x0, x1)

    def _on_resized(self, *_args) -> None:
        self._update_geometry()

    # --- labels --------------------------------------------------------------
    def _label_text(self, glyphs: _LaneGlyphs, event: Event) -> tuple[str, float]:
        cached = glyphs.texts.get(event.id)
        if cached is None:
            text = self._label_metrics.elidedText(event.title, QtCore.Qt.TextElideMode.ElideRight, _LABEL_MAX_WIDTH)
            cached = glyphs.texts[event.id] = (text, self._label_metrics.horizontalAdvance(text) + 1)
        return cached

    def _shift_labels(self, x0: float, scale: float) -> None:
        """Move the placed labels with a pan (same scale) until they are placed anew."""
        old_x0, old_scale = self._labels_at
        if abs(scale - old_scale) > 1e-12 * max(scale, 1e-30) or not self.label_layer.labels:
            return
        dx = (old_x0 - x0) * scale
        self.label_layer.set_labels(
            [
                dataclasses.replace(label, rect=label.rect.translated(dx, 0), anchor_x=label.anchor_x + dx)
                for label in self.label_layer.labels
            ]
        )
        self._labels_at = (x0, scale)

    def relayout(self) -> None:
        """Place the labels of what is in view: rows inside each lane, never overlapping."""
        self._label_timer.stop()
        x0, x1 = self.time_range()
        width = self.view_box.width()
        if x1 <= x0 or width <= 0:
            return
        scale = width / (x1 - x0)
        self._labels_at = (x0, scale)
        self._layout_eras(x0, scale, width)
        row_height = self._label_metrics.height() + 3
        drawn: list[DrawnLabel] = []
        headers = []
        count = max(len(self._visible), 1)
        for lane_id in self._visible:
            glyphs = self._lanes[lane_id]
            self._lay_out_glyphs(glyphs, x0, x1, scale, width)
            glyph_bottom = glyphs.baseline_px + self.theme.marker_px / 2 + 1
            first_row = glyph_bottom + 4
            rows = int((glyphs.bottom_px - 4 - first_row) // row_height)
            requests = []
            for i, anchor in self._anchors_in_view(glyphs, x0, x1, scale, width):
                event = glyphs.events[i]
                text_width = self._label_text(glyphs, event)[1]
                shortest = min(text_width, max(_LABEL_MIN_WIDTH, 0.6 * text_width))  # never a stub
                requests.append(LabelRequest(event.id, anchor, text_width, min_width=shortest))
            placed, hidden = place_labels(requests, rows, 2.0, width - 2.0, gap=_LABEL_GAP)
            if self.selected_id in hidden:
                # The selection did not fit where it stands: give it the first place, and only
                # then (so that clicking an event does not reshuffle the labels around it).
                requests = [dataclasses.replace(r, priority=-1) if r.key == self.selected_id else r for r in requests]
                placed, hidden = place_labels(requests, rows, 2.0, width - 2.0, gap=_LABEL_GAP)
            for label in placed:
                text, text_width = glyphs.texts[label.key]
                if label.width < text_width:  # shortened at the right edge
                    text = self._label_metrics.elidedText(text, QtCore.Qt.TextElideMode.ElideRight, label.width - 1)
                top = first_row + label.row * row_height
                drawn.append(
                    DrawnLabel(
                        key=label.key,
                        lane=lane_id,
                        rect=QtCore.QRectF(label.left, top, label.width, row_height - 3),
                        text=text,
                        color=glyphs.lane.color,
                        anchor_x=label.anchor,
                        glyph_bottom=glyph_bottom,
                        selected=label.key == self.selected_id,
                    )
                )
            glyphs.hidden_labels = len(hidden)
            note = f"+{len(hidden)} unlabelled" if hidden else ""
            headers.append(
                LaneHeader(count - glyphs.index, count - glyphs.index - 1, glyphs.lane.name, glyphs.lane.color, note)
            )
        self.label_layer.set_labels(drawn)
        busiest = max((len(self._lanes[lane_id].events) for lane_id in self._visible), default=0)
        self.lane_axis.set_headers(headers, f"+{busiest} unlabelled" if busiest else "")

    def _lay_out_glyphs(self, glyphs: _LaneGlyphs, x0: float, x1: float, scale: float, width: float) -> None:
        """Pixel positions of what is in view: markers, bars (clipped a little beyond the
        edges) with a bracket at each end, and the selection ring."""
        y = glyphs.baseline_px
        margin = self.theme.marker_px / scale
        lo, hi = np.searchsorted(glyphs.mid, [x0 - margin, x1 + margin])
        xs = (glyphs.mid[lo:hi] - x0) * scale
        markers = [(float(x), y, glyphs.symbols[lo + i], not glyphs.has_bar[lo + i]) for i, x in enumerate(xs)]
        rings = [
            (float(x), y, glyphs.symbols[lo + i])
            for i, x in enumerate(xs)
            if glyphs.events[lo + i].id == self.selected_id
        ]
        crossing = np.nonzero(glyphs.has_bar & (glyphs.x0 < x1) & (glyphs.x1 > x0))[0]
        left = (glyphs.x0[crossing] - x0) * scale
        right = (glyphs.x1[crossing] - x0) * scale
        bars = [QtCore.QLineF(max(a, -20.0), y, min(b, width + 20.0), y) for a, b in zip(left, right)]
        tick = self.theme.bar_px / 2 + 2
        ends = [QtCore.QLineF(e, y - tick, e, y + tick) for e in np.concatenate([left, right]) if -5 <= e <= width + 5]
        glyphs.layer.set_glyphs(bars, ends, markers, rings)

    @staticmethod
    def _anchors_in_view(glyphs: _LaneGlyphs, x0: float, x1: float, scale: float, width: float):
        """(index, anchor pixel) of each event to label: markers in view, and bars that cross
        the view while their marker is outside it (anchored where the bar enters the view)."""
        lo, hi = np.searchsorted(glyphs.mid, [x0, x1])
        for i in range(lo, hi):
            yield i, (glyphs.mid[i] - x0) * scale
        crossing = np.nonzero(
            glyphs.has_bar & (glyphs.x0 < x1) & (glyphs.x1 > x0) & ((glyphs.mid < x0) | (glyphs.mid >= x1))
        )[0]
        for i in crossing:
            left = max((glyphs.x0[i] - x0) * scale, 0.0) + 6
            right = min((glyphs.x1[i] - x0) * scale, width) - 6
            anchor = left if glyphs.mid[i] < x0 else right
            if right > left:
                yield int(i), anchor

    def label_rects(self) -> list[tuple[str, str, QtCore.QRectF]]:
        """(lane, event id, rectangle in ViewBox pixels) of every label drawn now."""
        return [(d.lane, d.key, QtCore.QRectF(d.rect)) for d in self.label_layer.labels]

    def hidden_label_count(self, lane_id: str) -> int:
        return self._lanes[lane_id].hidden_labels

    # --- selection -----------------------------------------------------------
    def select(self, event_id: str | None) -> None:
        """Select an event (or none); the glyph is ringed and its label highlighted."""
        if event_id is not None and (self.timeline is None or self.timeline.event(event_id) is None):
            event_id = None
        if event_id == self.selected_id:
            return
        self.selected_id = event_id
        self.relayout()
        self.selectionChanged.emit(event_id)

    # --- hit testing -------------------------------------------------------------
    def scene_pos_of(self, event_id: str, lane_id: str | None = None) -> QtCore.QPointF:
        """The scene position of an event's marker (in its first visible lane, or `lane_id`)."""
        for lid in [lane_id] if lane_id else self._visible:
            glyphs = self._lanes[lid]
            for i, event in enumerate(glyphs.events):
                if event.id == event_id:
                    local = QtCore.QPointF(self._x_to_px(glyphs.mid[i]), glyphs.baseline_px)
                    return self.view_box.mapToScene(local)
        raise KeyError(f"event {event_id!r} is not shown")

    def _x_to_px(self, x: float) -> float:
        x0, x1 = self.time_range()
        return (x - x0) * self.view_box.width() / (x1 - x0)

    def events_at(self, scene_pos: QtCore.QPointF) -> list[str]:
        """Every event whose label, glyph or bar is under a scene position, nearest first
        (glyphs of one day coincide: all of them are returned)."""
        vb = self.view_box
        if not vb.sceneBoundingRect().contains(scene_pos):
            return []
        local = vb.mapFromScene(scene_pos)
        px, py = local.x(), local.y()
        lane = next((g for lid in self._visible if (g := self._lanes[lid]).top_px <= py < g.bottom_px), None)
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
        if abs(dy) <= radius:
            lo, hi = np.searchsorted(lane.mid, [x - radius * seconds_per_px, x + radius * seconds_per_px])
            distance = np.hypot((lane.mid[lo:hi] - x) / seconds_per_px, dy)
            near = [(d, lo + i) for i, d in enumerate(distance) if d <= radius]
            if near:
                return [lane.events[i].id for _, i in sorted(near)]
        if abs(dy) <= self.theme.bar_px / 2 + 2 and len(lane.events):
            inside = np.nonzero(lane.has_bar & (lane.x0 <= x) & (x <= lane.x1))[0]
            by_length = sorted(inside, key=lambda i: lane.x1[i] - lane.x0[i])
            return [lane.events[int(i)].id for i in by_length]
        return []

    def event_at(self, scene_pos: QtCore.QPointF) -> str | None:
        """The nearest event under a scene position, if any."""
        hits = self.events_at(scene_pos)
        return hits[0] if hits else None

    def _on_click(self, ev) -> None:
        if ev.button() != QtCore.Qt.MouseButton.LeftButton:
            return
        if not self.view_box.sceneBoundingRect().contains(ev.scenePos()):
            return
        hits = self.events_at(ev.scenePos())
        if self.selected_id in hits and len(hits) > 1:
            # glyphs on top of each other: each click selects the next one
            self.select(hits[(hits.index(self.selected_id) + 1) % len(hits)])
        else:
            self.select(hits[0] if hits else None)

    def _on_hover(self, scene_pos: QtCore.QPointF) -> None:
        """A pointing hand over anything clickable (the tooltip comes with the ToolTip event)."""
        if self.events_at(scene_pos):
            self.viewport().setCursor(QtCore.Qt.CursorShape.PointingHandCursor)
        else:
            self.viewport().unsetCursor()

    def viewportEvent(self, event: QtCore.QEvent) -> bool:
        if event.type() == QtCore.QEvent.Type.ToolTip:
            # Answer Qt's own tooltip request, so the tooltip stays while the mouse rests.
            text = self.tooltip_at(self.mapToScene(event.pos()))
            if text is None:
                QtWidgets.QToolTip.hideText()
                event.ignore()
            else:
                QtWidgets.QToolTip.showText(event.globalPos(), text, self.viewport())
            return True
        return super().viewportEvent(event)

    def tooltip_at(self, scene_pos: QtCore.QPointF) -> str | None:
        """The tooltip for what is under a scene position: every event there, title and date."""
        if self.timeline is None:
            return None
        events = [self.timeline.event(event_id) for event_id in self.events_at(scene_pos)]
        if not events:
            return None
        tip = "".join(event_tooltip(event) for event in events[:8])
        if len(events) > 1:
            more = f" (+{len(events) - 8} more)" if len(events) > 8 else ""
            tip += f"<p><i>{len(events)} events here{more}: click again for the next</i></p>"
        return tip
