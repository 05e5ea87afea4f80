"""Axes of the timeline: dates along the bottom (UTC days, never times) and lane names at the left."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pyqtgraph as pg
from PySide6 import QtCore, QtGui

from ..dates import MONTH_NAMES, SECONDS_PER_DAY, day_to_epoch, epoch_to_day

__all__ = ["DateAxis", "LaneAxis", "LaneHeader"]

_YEAR, _MONTH, _DAY = 365.25 * SECONDS_PER_DAY, 30.44 * SECONDS_PER_DAY, float(SECONDS_PER_DAY)
_DAY_STEPS = {1: range(1, 32), 2: range(1, 32, 2), 7: (1, 8, 15, 22), 14: (1, 15)}


class DateAxis(pg.AxisItem):
    """Ticks at calendar boundaries in UTC: years, then months, then days, as zoom allows."""

    def __init__(self, **kwargs) -> None:
        super().__init__("bottom", **kwargs)
        self.setStyle(textFillLimits=[(0, 0.98)], autoExpandTextSpace=True)
        self._day_level_prefix = False

    def _need(self, text: str) -> float:
        font = self.style.get("tickFont") or QtGui.QFont()
        return QtGui.QFontMetricsF(font).horizontalAdvance(text) + 16

    def tickValues(self, minVal: float, maxVal: float, size: float):  # noqa: N802,N803 (Qt naming)
        if size <= 0 or maxVal <= minVal:
            return []
        px_per_second = size / (maxVal - minVal)
        first = epoch_to_day(max(minVal, day_to_epoch(dt.date(1, 1, 2))))
        last = epoch_to_day(min(maxVal, day_to_epoch(dt.date(9998, 12, 31))))
        inside = lambda day: minVal <= day_to_epoch(day) <= maxVal  # noqa: E731

        year_step = next((s for s in (1, 2, 5, 10, 25, 50, 100) if s * _YEAR * px_per_second >= self._need("0000")), 100)
        start_year = first.year - first.year % year_step
        years = [day_to_epoch(dt.date(y, 1, 1)) for y in range(max(start_year, 1), last.year + 1, year_step) if inside(dt.date(y, 1, 1))]
        levels = [(year_step * _YEAR, years)]
        month_step = next((s for s in (1, 3, 6) if s * _MONTH * px_per_second >= self._need("Mmm")), None)
        self._day_level_prefix = False
        if year_step > 1 or month_step is None:
            return levels
        months = []
        for y in range(first.year, last.year + 1):
            for m in range(2, 13):
                if (m - 1) % month_step == 0 and inside(dt.date(y, m, 1)):
                    months.append(day_to_epoch(dt.date(y, m, 1)))
        levels.append((month_step * _MONTH, months))
        # Without a month or year tick in view, every day says its month and year.
        self._day_level_prefix = not years and not months
        sample = "00 Mmm 0000" if self._day_level_prefix else "00"
        day_step = next((s for s in (1, 2, 7, 14) if s * _DAY * px_per_second >= self._need(sample)), None)
        if month_step > 1 or day_step is None:
            return levels
        days = []
        day = first
        while day <= last:
            if day.day != 1 and day.day in _DAY_STEPS[day_step] and inside(day):
                days.append(day_to_epoch(day))
            day += dt.timedelta(days=1)
        levels.append((day_step * _DAY, days))
        return levels

    def tickStrings(self, values, scale, spacing):  # noqa: N802
        out = []
        for value in values:
            day = epoch_to_day(value + 1)
            if spacing >= _YEAR:
                out.append(str(day.year))
            elif spacing >= _MONTH:
                out.append(MONTH_NAMES[day.month - 1][:3])
            elif self._day_level_prefix:
                out.append(f"{day.day} {MONTH_NAMES[day.month - 1][:3]} {day.year}")
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


class LaneAxis(pg.AxisItem):
    """Lane names at the left, each beside a bar in its lane's colour; fixed while panning."""

    NOTE_SAMPLE = "+9999 unlabelled"

    def __init__(self, theme, **kwargs) -> None:
        super().__init__("left", **kwargs)
        self.theme = theme
        self.headers: list[LaneHeader] = []
        self.setStyle(showValues=False, tickLength=0)
        self.setWidth(110)

    def set_headers(self, headers: list[LaneHeader]) -> None:
        self.headers = headers
        fm = QtGui.QFontMetricsF(self.theme.font(self.theme.lane_pt, bold=True))
        fm_note = QtGui.QFontMetricsF(self.theme.font(self.theme.label_pt))
        widest = max([fm.horizontalAdvance(h.name) for h in headers] + [fm_note.horizontalAdvance(self.NOTE_SAMPLE), 60])
        if int(widest + 26) != int(self.width()):
            self.setWidth(int(widest + 26))  # stable while zooming: only names change it
        self.update()

    def tickValues(self, minVal, maxVal, size):  # noqa: N802
        return []

    def paint(self, p: QtGui.QPainter, *args) -> None:
        view = self.linkedView()
        if view is None or not self.headers:
            return
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
        rect = QtCore.QRectF(0, 0, self.width(), self.height())
        name_font = self.theme.font(self.theme.lane_pt, bold=True)
        note_font = self.theme.font(self.theme.label_pt)
        fm_name = QtGui.QFontMetricsF(name_font)
        fm_note = QtGui.QFontMetricsF(note_font)
        for header in self.headers:
            top = self.mapFromScene(view.mapViewToScene(QtCore.QPointF(0, header.y_top))).y()
            bottom = self.mapFromScene(view.mapViewToScene(QtCore.QPointF(0, header.y_bottom))).y()
            top, bottom = min(top, bottom), max(top, bottom)
            color = QtGui.QColor(header.color)
            p.fillRect(QtCore.QRectF(rect.right() - 5, top + 2, 4, bottom - top - 4), color)
            text_height = fm_name.height() + (fm_note.height() if header.note else 0)
            y = (top + bottom - text_height) / 2
            width = rect.width() - 14
            p.setFont(name_font)
            p.setPen(QtGui.QColor(self.theme.foreground))
            p.drawText(QtCore.QRectF(rect.left() + 4, y, width, fm_name.height()),
                       QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter, header.name)
            if header.note:
                p.setFont(note_font)
                p.setPen(QtGui.QColor(self.theme.muted))
                p.drawText(QtCore.QRectF(rect.left() + 4, y + fm_name.height(), width, fm_note.height()),
                           QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter, header.note)
