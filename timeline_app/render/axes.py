"""Axes of the timeline: dates along the bottom (UTC days, never times) and lane names at the left."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pyqtgraph as pg
from PySide6 import QtCore, QtGui

from ..core.dates import MONTH_ABBR, SECONDS_PER_DAY, day_to_epoch, epoch_to_day
from .theme import Theme

__all__ = ["DateAxis", "LaneAxis", "LaneHeader"]

_YEAR, _MONTH, _DAY = 365.25 * SECONDS_PER_DAY, 30.44 * SECONDS_PER_DAY, float(SECONDS_PER_DAY)
# Days that carry a tick at each step (the 1st is the month's own tick); none close to the
# month's end, so that "31" never stands next to the following month's name.
_DAY_STEPS = {1: range(2, 32), 2: range(3, 30, 2), 5: (5, 10, 15, 20, 25), 10: (10, 20)}
_NOON = SECONDS_PER_DAY / 2


class DateAxis(pg.AxisItem):  # type: ignore[misc]
    """Ticks at calendar boundaries in UTC: years, then months, then days, as zoom allows."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("bottom", **kwargs)
        # the height is set from the tick font (TimelineView._apply_theme), not grown after a paint
        self.setStyle(textFillLimits=[(0, 0.98)], autoExpandTextSpace=False)
        self._month_with_year = False
        self._day_with_month = False

    def _need(self, text: str) -> float:
        font = self.style.get("tickFont") or QtGui.QFont()
        return QtGui.QFontMetricsF(font).horizontalAdvance(text) + 16

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, list[float]]]:
        """Years, then months, then days, each level only where its labels fit. The year is
        always readable: where no 1 January is in view, months say their year; where no
        month's 1st is in view either, every day says its month and year. Day ticks stand at
        noon, under the day-precise glyphs, which are drawn at the middle of their day."""
        if size <= 0 or maxVal <= minVal:
            return []
        px_per_second = size / (maxVal - minVal)
        first = epoch_to_day(max(minVal, day_to_epoch(dt.date(1, 1, 2))))
        last = epoch_to_day(min(maxVal, day_to_epoch(dt.date(9998, 12, 31))))

        def inside(day: dt.date) -> bool:
            return minVal <= day_to_epoch(day) <= maxVal

        def fits(step: int, unit: float, sample: str) -> bool:
            return step * unit * px_per_second >= self._need(sample)

        year_step = next((s for s in (1, 2, 5, 10, 25, 50, 100) if fits(s, _YEAR, "0000")), 100)
        start_year = first.year - first.year % year_step
        years = [
            day_to_epoch(dt.date(y, 1, 1))
            for y in range(max(start_year, 1), last.year + 1, year_step)
            if inside(dt.date(y, 1, 1))
        ]
        levels = [(year_step * _YEAR, years)]

        def readable(ticks: list[float], sample: str) -> bool:
            """Some tick's label is drawn: pyqtgraph leaves out a label that would cross an end."""
            half = self._need(sample) / 2 / px_per_second
            return any(minVal + half <= t <= maxVal - half for t in ticks)

        self._month_with_year = not readable(years, "0000")
        self._day_with_month = False
        month_sample = "Mmm 0000" if self._month_with_year else "Mmm"
        month_step = next((s for s in (1, 3, 6) if fits(s, _MONTH, month_sample)), None)
        if year_step > 1 or month_step is None:
            return levels
        months = [
            day_to_epoch(dt.date(y, m, 1))
            for y in range(first.year, last.year + 1)
            for m in range(2, 13)
            if (m - 1) % month_step == 0 and inside(dt.date(y, m, 1))
        ]
        levels.append((month_step * _MONTH, months))
        self._day_with_month = not readable(years, "0000") and not readable(months, month_sample)
        day_sample = "00 Mmm 0000" if self._day_with_month else "00"
        day_step = next((s for s in (1, 2, 5, 10) if fits(s, _DAY, day_sample)), None)
        if month_step > 1 or day_step is None:
            return levels
        self._month_with_year = True  # at day level a month always names its year
        # a day's number keeps clear of the month and year names (wider than the days' spacing)
        clear = (self._need("Mmm 0000") + self._need("00")) / 2 / px_per_second
        boundaries = sorted(years + months)
        days = []
        day = first
        while day <= last:
            x = day_to_epoch(day) + _NOON
            if day.day in _DAY_STEPS[day_step] and minVal <= x <= maxVal:
                i = bisect.bisect_left(boundaries, x)
                near = [b for b in boundaries[max(i - 1, 0) : i + 1] if abs(b - x) < clear]
                if not near:
                    days.append(x)
            day += dt.timedelta(days=1)
        levels.append((day_step * _DAY, days))
        return levels

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        out = []
        for value in values:
            day = epoch_to_day(value + 1)
            month = MONTH_ABBR[day.month - 1]
            if spacing >= _YEAR:
                out.append(str(day.year))
            elif spacing >= _MONTH:
                out.append(f"{month} {day.year}" if self._month_with_year else month)
            elif self._day_with_month:
                out.append(f"{day.day} {month} {day.year}")
            else:
                out.append(str(day.day))
        return out


@dataclass(frozen=True)
class LaneHeader:
    """What the lane axis shows for one lane, in view coordinates (y grows upwards)."""

    y_top: float
    y_bottom: float
    name: str
    color: str
    note: str = ""
    lane: str = ""
    members: bool | None = None  # member rows shown (True) or not; None: no toggle (no membership)
    #: member rows shown: (country, y_top, y_bottom) each, the names' point size, the country followed
    rows: tuple[tuple[str, float, float], ...] = ()
    rows_pt: float = 0.0
    followed: str | None = None
    text_bottom: float | None = None  # the name stands between y_top and this (the rows below)


#: The lane header's toggle of member rows, shown and hidden.
MEMBERS_SHOWN, MEMBERS_HIDDEN = "\u25be Members", "\u25b8 Members"


class LaneAxis(pg.AxisItem):  # type: ignore[misc]
    """Lane names at the left, each beside a bar in its lane's colour; fixed while panning."""

    MAX_NAME_WIDTH = 150.0

    def __init__(self, theme: Theme, **kwargs: Any) -> None:
        super().__init__("left", **kwargs)
        self.theme = theme
        self.headers: list[LaneHeader] = []
        #: called with a lane's id when its members toggle is clicked
        self.toggle_members: Callable[[str], None] | None = None
        self._toggles: dict[str, QtCore.QRectF] = {}  # lane id -> its toggle, in the axis' coordinates
        #: called with a lane's id when its note ("+4 unlabelled") is clicked; None: a plain note
        self.reveal_unlabelled: Callable[[str], None] | None = None
        self._notes: dict[str, QtCore.QRectF] = {}  # lane id -> its note, in the axis' coordinates
        self.setStyle(showValues=False, tickLength=0)
        self.setWidth(110)

    def set_headers(self, headers: list[LaneHeader], note_sample: str = "") -> None:
        """Lane names (elided beyond MAX_NAME_WIDTH) and notes; the width depends on the
        names and on `note_sample`, the widest note possible, so it is stable while zooming."""
        self.headers = headers
        fm = QtGui.QFontMetricsF(self.theme.font(self.theme.lane_pt, bold=True))
        fm_note = QtGui.QFontMetricsF(self.theme.font(self.theme.label_pt))
        names = [min(fm.horizontalAdvance(h.name), self.MAX_NAME_WIDTH) for h in headers]
        toggles = [fm_note.horizontalAdvance(MEMBERS_SHOWN) for h in headers if h.members is not None]
        countries = [
            QtGui.QFontMetricsF(self.theme.font(h.rows_pt, bold=True)).horizontalAdvance(country) + 4
            for h in headers
            if h.rows_pt > 0
            for country, _, _ in h.rows
        ]
        widest = max(names + toggles + countries + [fm_note.horizontalAdvance(note_sample), 40])
        if int(widest + 26) != int(self.width()):
            self.setWidth(int(widest + 26))
        self.update()

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, list[float]]]:
        return []

    def paint(self, p: QtGui.QPainter, *args: object) -> None:
        view = self.linkedView()
        if view is None or not self.headers:
            return
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
        rect = QtCore.QRectF(0, 0, self.width(), self.height())
        p.setClipRect(rect)  # lanes scrolled out of the plot are not drawn over the axis' ends
        name_font = self.theme.font(self.theme.lane_pt, bold=True)
        note_font = self.theme.font(self.theme.label_pt)
        fm_name = QtGui.QFontMetricsF(name_font)
        fm_note = QtGui.QFontMetricsF(note_font)
        self._toggles = {}
        self._notes = {}
        for header in self.headers:
            top, bottom = self._y_of(header.y_top), self._y_of(header.y_bottom)
            color = QtGui.QColor(header.color)
            p.fillRect(QtCore.QRectF(rect.right() - 5, top + 2, 4, bottom - top - 4), color)
            if header.text_bottom is not None:
                bottom = self._y_of(header.text_bottom)
                self._paint_rows(p, header, rect.right() - 10)
            lines = (1 if header.note else 0) + (1 if header.members is not None else 0)
            text_height = fm_name.height() + lines * fm_note.height()
            y = max((top + bottom - text_height) / 2, top + 2)  # a short lane: from its top, never above it
            width = rect.width() - 14
            p.setFont(name_font)
            p.setPen(QtGui.QColor(self.theme.foreground))
            name = fm_name.elidedText(header.name, QtCore.Qt.TextElideMode.ElideRight, width)
            p.drawText(
                QtCore.QRectF(rect.left() + 4, y, width, fm_name.height()),
                QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter,
                name,
            )
            if header.note:
                font = QtGui.QFont(note_font)
                font.setUnderline(self.reveal_unlabelled is not None)  # a link: click to zoom in
                p.setFont(font)
                p.setPen(QtGui.QColor(self.theme.muted))
                note_w = fm_note.horizontalAdvance(header.note) + 2
                note = QtCore.QRectF(rect.left() + 4 + width - note_w, y + fm_name.height(), note_w, fm_note.height())
                self._notes[header.lane] = note
                p.drawText(note, QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter, header.note)
            if header.members is not None:
                self._paint_toggle(p, header, y + text_height - fm_note.height(), rect.right() - 10, note_font)

    def _y_of(self, view_y: float) -> float:
        """The axis' y of a view box y."""
        view = self.linkedView()
        y: float = self.mapFromScene(view.mapViewToScene(QtCore.QPointF(0, view_y))).y()
        return y

    def _paint_rows(self, p: QtGui.QPainter, header: LaneHeader, right: float) -> None:
        """The countries of the member rows, beside their rows, right-aligned: the one followed
        bold, the others faded while one is."""
        if header.rows_pt <= 0:
            return
        for country, y_top, y_bottom in header.rows:
            followed = country == header.followed
            p.setFont(self.theme.font(header.rows_pt, bold=followed))
            color = QtGui.QColor(self.theme.foreground)
            if header.followed is not None and not followed:
                color = QtGui.QColor(self.theme.muted)
                color.setAlphaF(0.6)
            p.setPen(color)
            top, bottom = self._y_of(y_top), self._y_of(y_bottom)
            p.drawText(
                QtCore.QRectF(0, top, right, bottom - top),
                QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter,
                country,
            )

    def _paint_toggle(self, p: QtGui.QPainter, header: LaneHeader, y: float, right: float, font: QtGui.QFont) -> None:
        """The lane's members toggle, right-aligned under its name: a link-like '▸ Members'."""
        fm = QtGui.QFontMetricsF(font)
        text = MEMBERS_SHOWN if header.members else MEMBERS_HIDDEN
        text_w = fm.horizontalAdvance(text) + 2
        toggle = QtCore.QRectF(right - text_w, y, text_w, fm.height())
        self._toggles[header.lane] = toggle
        underlined = QtGui.QFont(font)
        underlined.setUnderline(True)
        p.setFont(underlined)
        p.setPen(QtGui.QColor(header.color) if not self.theme.dark else QtGui.QColor(header.color).lighter(140))
        p.drawText(toggle, QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter, text)

    def toggle_rect(self, lane_id: str) -> QtCore.QRectF | None:
        """Where a lane's members toggle was drawn last, in the axis' coordinates (None: not drawn)."""
        rect = self._toggles.get(lane_id)
        return QtCore.QRectF(rect) if rect is not None else None

    def note_rect(self, lane_id: str) -> QtCore.QRectF | None:
        """Where a lane's note was drawn last, in the axis' coordinates (None: no note)."""
        rect = self._notes.get(lane_id)
        return QtCore.QRectF(rect) if rect is not None else None

    def mouseClickEvent(self, event: Any) -> None:
        """A click on a lane's members toggle shows or hides its member rows; on its note
        ("+4 unlabelled"), zooms in to show the events it counts."""
        if event.button() == QtCore.Qt.MouseButton.LeftButton:
            for targets, action in ((self._toggles, self.toggle_members), (self._notes, self.reveal_unlabelled)):
                if action is None:
                    continue
                for lane_id, rect in targets.items():
                    if rect.adjusted(-3, -2, 3, 2).contains(event.pos()):
                        event.accept()
                        action(lane_id)
                        return
        super().mouseClickEvent(event)
