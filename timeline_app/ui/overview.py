"""The overview strip under the plot: the whole span, a density band per visible lane, and the
range the plot shows as a window one drags (pan), resizes by its edges (zoom) or moves with a
click (centre) or the wheel (zoom). Part of the window only: exports never draw it.

The strip keeps nothing of what the state holds: it reads the range, the visible lanes and the
matches when it paints, and changes the range only through the state's methods. Densities are
numpy histograms over the events' mid-dates, one per visible lane, binned to the strip's width:
never one item per event.

Mapping (documented, and what tests use): `span_px()` is the (left, right) of the strip in
widget pixels across which the whole span (`state.span.limits`, [x_min, x_max]) is laid out
linearly, so that a time t is at left + (t - x_min) / (x_max - x_min) * (right - left).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from ..core.columns import columns
from ..core.dates import SECONDS_PER_DAY, day_to_epoch, epoch_to_day, format_range
from ..core.model import Timeline
from ..core.span import MIN_SPAN
from ..core.state import ViewState
from ..render.theme import Theme, make_theme
from ..render.view import TimelineView

__all__ = ["OverviewStrip"]

TOOLTIP = "Whole span: drag the window to pan, its edges to zoom"
CAPTION = "Whole span"  # in the margin under the plot's lane names, when there is room
ACCESSIBLE_NAME = "Overview of the whole span"

BAND_HEIGHT = 36  # the density rows together, pixels
TOP_PAD = 4  # above the rows (the first pixel is a separator line under the plot)
TICK_PX = 3  # year ticks under the rows
SIDE_PAD = 10  # left and right, when there is no plot to align with
BIN_PX = 3  # pixels per density bin
ROW_GAP = 1  # between lane rows, when they are tall enough
MIN_ALPHA = 0.35  # the faintest band: one event where the busiest bin has many
FILL_ALPHA = 0.22  # the window's fill
EDGE_PX = 2.0  # the window's edges
MIN_REGION_PX = 8.0  # the window is drawn (and grabbed) at least this wide
GRIP_PX = 5.0  # how far from an edge a press grabs it
WHEEL_STEP = 0.8  # range width factor per wheel notch (120) forward
LABEL_EVERY = 5  # years between labelled ticks
TAG_PX = 3  # the lane's colour at the left of its row, as the plot marks its lanes


def _year_steps(px_per_year: float, label_px: float) -> tuple[int, int]:
    """(years between ticks, years between labelled ticks): a tick at least 3 px from the next,
    a label at least `label_px` from the next; 1 and 5 years on the bundled 25."""
    steps = (1, 2, 5, 10, 20, 50, 100)
    tick = next((s for s in steps if s * px_per_year >= 3), 100)
    label = next((s for s in steps if s % tick == 0 and s >= LABEL_EVERY and s * px_per_year >= label_px), 100)
    return tick, label


class _Drag:
    """What a press grabbed: 'body', 'left' or 'right', and where (seconds) under the pointer."""

    def __init__(self, part: str, offset: float, start: float, end: float) -> None:
        self.part, self.offset, self.start, self.end = part, offset, start, end


@dataclass(frozen=True)
class _LaneTimes:
    """One lane's events: their mid-dates (epoch seconds) and their rows in the timeline."""

    mids: np.ndarray
    rows: np.ndarray


def _mid_dates(timeline: Timeline) -> np.ndarray:
    """The middle of each event's date (epoch seconds), where the plot puts its marker: from
    the first day of the date to the end of its last day (the timeline's columns, computed on
    arrays once per timeline, not event by event)."""
    return columns(timeline).mid


class OverviewStrip(QtWidgets.QWidget):
    """The whole span with a density band per visible lane and the plot's range as a window."""

    def __init__(
        self, state: ViewState, plot: TimelineView | None = None, parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        self._plot = plot
        self._margins = (float(SIDE_PAD), float(SIDE_PAD))
        self._theme: Theme = make_theme(state.theme, self.palette())
        self._lanes: dict[str, _LaneTimes] = {}
        self._counts: dict[str, np.ndarray] | None = None  # per visible lane, for the width now
        self._drag: _Drag | None = None
        self.setAccessibleName(ACCESSIBLE_NAME)
        self.setToolTip(TOOLTIP)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)  # the keys stay with the plot
        self.setMouseTracking(True)
        self.setSizePolicy(QtWidgets.QSizePolicy.Policy.Expanding, QtWidgets.QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self._strip_height())
        self._on_timeline(state.timeline)
        self._describe()
        state.timeline_changed.connect(self._on_timeline)
        state.span_changed.connect(self._on_matches)  # the bins lie across the span
        state.range_changed.connect(self._on_range)
        state.lanes_changed.connect(self._on_matches)
        state.filters_changed.connect(self._on_matches)
        state.unmatched_changed.connect(self._on_matches)
        state.theme_changed.connect(self._on_theme)
        if plot is not None:
            plot.view_box.sigResized.connect(self._follow_plot)

    # --- geometry: the documented mapping ---------------------------------------------
    def _axis_font(self) -> QtGui.QFont:
        return self._theme.font(max(self._theme.axis_pt - 1.0, 7.0))

    def _strip_height(self) -> int:
        text = QtGui.QFontMetrics(self._axis_font()).height()
        return TOP_PAD + BAND_HEIGHT + TICK_PX + text + 3

    def span_px(self) -> tuple[float, float]:
        """(left, right) widget x across which the whole span is laid out."""
        left, right = self._margins
        return left, max(self.width() - right, left + 1.0)

    def x_of(self, seconds: float) -> float:
        """The widget x of a time."""
        left, right = self.span_px()
        x_min, x_max = self.state.span.limits
        return left + (seconds - x_min) / (x_max - x_min) * (right - left)

    def seconds_at(self, x: float) -> float:
        """The time at a widget x (not clamped to the span)."""
        left, right = self.span_px()
        x_min, x_max = self.state.span.limits
        return x_min + (x - left) / (right - left) * (x_max - x_min)

    def band_rect(self) -> QtCore.QRectF:
        """Where the density rows are, in widget pixels."""
        left, right = self.span_px()
        return QtCore.QRectF(left, TOP_PAD, right - left, BAND_HEIGHT)

    def lane_row(self, lane_id: str) -> tuple[float, float]:
        """Top and bottom widget y of a visible lane's density row (the first lane at the top)."""
        lanes = self.state.visible_lanes
        row = BAND_HEIGHT / max(len(lanes), 1)
        gap = ROW_GAP if row >= 4 else 0
        top = TOP_PAD + lanes.index(lane_id) * row
        return top, top + row - gap

    def region_rect(self) -> QtCore.QRectF:
        """The window: the state's range, at least MIN_REGION_PX wide (centred) so it can be seen
        and grabbed however far the plot is zoomed in."""
        start, end = self.state.time_range
        x0, x1 = self.x_of(start), self.x_of(end)
        if x1 - x0 < MIN_REGION_PX:
            centre = (x0 + x1) / 2
            x0, x1 = centre - MIN_REGION_PX / 2, centre + MIN_REGION_PX / 2
        return QtCore.QRectF(x0, 1, x1 - x0, self.height() - 1)

    def region_colour(self) -> QtGui.QColor:
        """The colour of the window's edges (its fill is this colour at FILL_ALPHA)."""
        return self.palette().color(QtGui.QPalette.ColorRole.Highlight)

    def _follow_plot(self, *_args: Any) -> None:
        """Align the span with the plot's data area (after its lane headers), as it is laid out."""
        plot = self._plot
        if plot is None or not plot.isVisible() or not self.isVisible():
            return
        rect = plot.view_box.sceneBoundingRect()
        viewport = plot.viewport()
        left = self.mapFromGlobal(viewport.mapToGlobal(plot.mapFromScene(rect.topLeft()))).x()
        right = self.mapFromGlobal(viewport.mapToGlobal(plot.mapFromScene(rect.topRight()))).x()
        left, right = max(left, 0), min(right, self.width())  # the plot's frame may stick out
        if right - left < self.width() / 3:
            left, right = SIDE_PAD, self.width() - SIDE_PAD
        margins = (float(left), float(self.width() - right))
        if margins != self._margins:
            self._margins = margins
            self._counts = None
            self.update()

    # --- following the state ----------------------------------------------------------
    def _on_timeline(self, timeline: Timeline | None) -> None:
        """Each lane's mid-dates and rows as arrays, once per timeline."""
        self._lanes = {}
        if timeline is not None and timeline.events:
            table = columns(timeline)
            mids, lanes = _mid_dates(timeline), table.lanes  # one (event, lane) pair per entry of lanes
            for index, lane in enumerate(table.lane_ids):
                rows = lanes.owner[lanes.code == index]
                self._lanes[lane] = _LaneTimes(mids[rows], rows)
        self._on_matches()

    def _on_matches(self, *_args: Any) -> None:
        self._counts = None
        self.update()

    def _on_range(self, _start: float, _end: float) -> None:
        self._describe()
        self.update()

    def _on_theme(self, name: str) -> None:
        self._theme = make_theme(name, self.palette())
        self.setFixedHeight(self._strip_height())
        self.update()

    def _describe(self) -> None:
        shown = format_range(*self.state.time_range)
        self.setAccessibleDescription(f"Showing {shown} of {format_range(*self.state.span.limits)}")

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.PaletteChange:
            self._on_theme(self.state.theme)
        super().changeEvent(event)

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        self._counts = None
        self._follow_plot()

    def showEvent(self, event: QtGui.QShowEvent) -> None:
        super().showEvent(event)
        self._follow_plot()

    # --- densities ------------------------------------------------------------------------
    def bins(self) -> int:
        left, right = self.span_px()
        return max(int((right - left) // BIN_PX), 1)

    def densities(self) -> dict[str, np.ndarray]:
        """Per visible lane, in order: how many matching events fall in each bin of the span."""
        if self._counts is None:
            mask = np.asarray(self.state.mask, dtype=bool)
            bins, counts = self.bins(), {}
            for lane in self.state.visible_lanes:
                times = self._lanes.get(lane)
                if times is None or not len(times.mids):
                    counts[lane] = np.zeros(bins, dtype=np.int64)
                    continue
                mids = times.mids[mask[times.rows]] if len(mask) else times.mids
                counts[lane] = np.histogram(mids, bins=bins, range=self.state.span.limits)[0]
            self._counts = counts
        return self._counts

    def _density_image(self) -> QtGui.QImage | None:
        """One image row per visible lane, one pixel per bin: the lane's colour, more opaque where
        more events fall (the busiest bin of any lane is opaque, one event is MIN_ALPHA)."""
        timeline = self.state.timeline
        counts = self.densities()
        if timeline is None or not counts:
            return None
        table = np.stack([counts[lane] for lane in self.state.visible_lanes])
        busiest = max(int(table.max()), 1)
        alpha = np.where(table > 0, MIN_ALPHA + (1 - MIN_ALPHA) * table / busiest, 0.0)
        pixels = np.zeros((*table.shape, 4), dtype=np.uint8)
        for index, lane_id in enumerate(self.state.visible_lanes):
            lane = timeline.lane(lane_id)
            colour = QtGui.QColor(lane.color if lane else self._theme.muted)
            pixels[index, :, :3] = (colour.red(), colour.green(), colour.blue())
        pixels[..., 3] = np.round(alpha * 255).astype(np.uint8)
        height, width = table.shape
        image = QtGui.QImage(pixels.data, width, height, width * 4, QtGui.QImage.Format.Format_RGBA8888)
        return image.copy()  # the array goes when this returns

    # --- painting -----------------------------------------------------------------------
    def paintEvent(self, _event: QtGui.QPaintEvent) -> None:
        theme = self._theme
        p = QtGui.QPainter(self)
        p.fillRect(self.rect(), QtGui.QColor(theme.background))
        p.setPen(QtGui.QPen(QtGui.QColor(theme.separator), 1))
        p.drawLine(QtCore.QPointF(0, 0.5), QtCore.QPointF(self.width(), 0.5))
        self._paint_margin(p)
        self._paint_bands(p)
        self._paint_axis(p)
        self._paint_region(p)
        p.end()

    def _paint_margin(self, p: QtGui.QPainter) -> None:
        """Left of the span: each row's lane colour, and what the strip is, when there is room."""
        left, _right = self.span_px()
        timeline = self.state.timeline
        for lane_id in self.state.visible_lanes if timeline else ():
            lane = timeline.lane(lane_id) if timeline else None
            if lane is not None and left >= TAG_PX + 4:
                top, bottom = self.lane_row(lane_id)
                p.fillRect(QtCore.QRectF(left - TAG_PX - 2, top, TAG_PX, bottom - top), QtGui.QColor(lane.color))
        p.setFont(self._theme.font(self._theme.axis_pt))
        room = QtCore.QRectF(4, TOP_PAD, left - TAG_PX - 12, BAND_HEIGHT)
        if QtGui.QFontMetricsF(p.font()).horizontalAdvance(CAPTION) <= room.width():
            p.setPen(QtGui.QColor(self._theme.muted))
            align = QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter
            p.drawText(room, int(align), CAPTION)

    def _paint_bands(self, p: QtGui.QPainter) -> None:
        image = self._density_image()
        if image is None:
            return
        left, right = self.span_px()
        p.setRenderHint(QtGui.QPainter.RenderHint.SmoothPixmapTransform, False)
        for index, lane in enumerate(self.state.visible_lanes):
            top, bottom = self.lane_row(lane)
            target = QtCore.QRectF(left, top, right - left, bottom - top)
            p.drawImage(target, image, QtCore.QRectF(0, index, image.width(), 1))

    def _paint_axis(self, p: QtGui.QPainter) -> None:
        """A light tick each year under the rows; every LABEL_EVERY years a longer one, labelled."""
        theme = self._theme
        base = TOP_PAD + BAND_HEIGHT
        ticks = QtGui.QColor(theme.muted)
        p.setFont(self._axis_font())
        metrics = QtGui.QFontMetricsF(p.font())
        left, right = self.span_px()
        x_min, x_max = self.state.span.limits
        first, last = epoch_to_day(x_min), epoch_to_day(x_max - 1)
        px_per_year = (right - left) / max((x_max - x_min) / (365.25 * SECONDS_PER_DAY), 1e-9)
        tick, label = _year_steps(px_per_year, metrics.horizontalAdvance("0000") + 16)
        for year in range(first.year + (-first.year) % tick, last.year + 1, tick):
            if dt.date(year, 1, 1) < first:
                continue
            x = round(self.x_of(day_to_epoch(dt.date(year, 1, 1)))) + 0.5
            labelled = year % label == 0
            p.setPen(QtGui.QPen(ticks, 1))
            p.drawLine(QtCore.QPointF(x, base), QtCore.QPointF(x, base + (TICK_PX + 1 if labelled else TICK_PX - 1)))
            if labelled:
                text = str(year)
                width = metrics.horizontalAdvance(text)
                text_left = min(max(x - width / 2, left - SIDE_PAD / 2), right - width)
                p.setPen(QtGui.QColor(theme.foreground))
                p.drawText(QtCore.QPointF(text_left, base + TICK_PX + 1 + metrics.ascent()), text)

    def _paint_region(self, p: QtGui.QPainter) -> None:
        rect = self.region_rect()
        colour = self.region_colour()
        fill = QtGui.QColor(colour)
        fill.setAlphaF(FILL_ALPHA)
        p.fillRect(rect, fill)
        p.setPen(QtCore.Qt.PenStyle.NoPen)
        p.setBrush(colour)
        for x in (rect.left(), rect.right() - EDGE_PX):
            p.drawRect(QtCore.QRectF(x, rect.top(), EDGE_PX, rect.height()))

    # --- the mouse ----------------------------------------------------------------------
    def _part_at(self, x: float) -> str:
        """'left' or 'right' (an edge), 'body' (inside the window) or 'outside'."""
        rect = self.region_rect()
        reach = min(GRIP_PX, rect.width() / 4)
        if rect.left() - GRIP_PX <= x <= rect.left() + reach:
            return "left"
        if rect.right() - reach <= x <= rect.right() + GRIP_PX:
            return "right"
        return "body" if rect.left() < x < rect.right() else "outside"

    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:
        if event.button() != QtCore.Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        x = event.position().x()
        part = self._part_at(x)
        if part == "outside":
            start, end = self.state.time_range
            at = self.seconds_at(x)
            self.state.set_time_range(at - (end - start) / 2, at + (end - start) / 2)
            part = "body"  # and a drag from there moves the window on
        start, end = self.state.time_range
        edge = {"left": start, "right": end}.get(part, start)
        self._drag = _Drag(part, self.seconds_at(x) - edge, start, end)
        self._set_cursor(part, pressed=True)
        event.accept()

    def mouseMoveEvent(self, event: QtGui.QMouseEvent) -> None:
        x = event.position().x()
        drag = self._drag
        if drag is None:
            self._set_cursor(self._part_at(x), pressed=False)
            return
        at = self.seconds_at(x) - drag.offset
        if drag.part == "body":
            self.state.set_time_range(at, at + drag.end - drag.start)
        elif drag.part == "left":
            self.state.set_time_range(min(max(at, self.state.span.limits[0]), drag.end - MIN_SPAN), drag.end)
        else:
            self.state.set_time_range(drag.start, max(min(at, self.state.span.limits[1]), drag.start + MIN_SPAN))
        event.accept()

    def mouseReleaseEvent(self, event: QtGui.QMouseEvent) -> None:
        if self._drag is not None and event.button() == QtCore.Qt.MouseButton.LeftButton:
            self._drag = None
            self._set_cursor(self._part_at(event.position().x()), pressed=False)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def _set_cursor(self, part: str, pressed: bool) -> None:
        shapes = QtCore.Qt.CursorShape
        if part in ("left", "right"):
            self.setCursor(shapes.SizeHorCursor)
        elif part == "body":
            self.setCursor(shapes.ClosedHandCursor if pressed else shapes.OpenHandCursor)
        else:
            self.setCursor(shapes.PointingHandCursor)

    def wheelEvent(self, event: QtGui.QWheelEvent) -> None:
        """Zoom around the time under the pointer (forward: in)."""
        notches = event.angleDelta().y() / 120
        if not notches:
            event.ignore()
            return
        start, end = self.state.time_range
        x_min, x_max = self.state.span.limits
        at = min(max(self.seconds_at(event.position().x()), x_min), x_max)
        factor = WHEEL_STEP**notches
        width = max((end - start) * factor, MIN_SPAN)
        ratio = width / (end - start)
        self.state.set_time_range(at - (at - start) * ratio, at + (end - at) * ratio)
        event.accept()
