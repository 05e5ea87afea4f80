"""Density bands: a lane's stretches with more events than room for glyphs, drawn as counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6 import QtCore, QtGui

from ..core.dates import format_range
from ..core.lanes_index import Aggregate
from .layers import DIM_OPACITY, _draws_vectors, _ViewBoxLayer
from .theme import Theme

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["DensityLayer", "DrawnAggregate", "aggregate_text", "aggregate_tooltip", "count_text"]

_LEAST_HEIGHT = 0.18  # a column with one event is drawn at least this part of the band's height


def count_text(count: int) -> str:
    """'1,234'."""
    return f"{count:,}"


def aggregate_text(aggregate: Aggregate, filtering: bool) -> str:
    """What a band says: its count, or the matches of its count while filters are on."""
    if filtering:
        return f"{count_text(aggregate.matched)} of {count_text(aggregate.count)}"
    return count_text(aggregate.count)


def aggregate_tooltip(aggregate: Aggregate, filtering: bool) -> str:
    """'1,234 events, Mar 1999 – Jun 2001' (and how many of them match, while filters are on)."""
    noun = "event" if aggregate.count == 1 else "events"
    text = f"{count_text(aggregate.count)} {noun}, {format_range(aggregate.start, aggregate.end)}"
    if filtering:
        text += f"\n{count_text(aggregate.matched)} of them match"
    return text + "\nClick to zoom in"


@dataclass(frozen=True)
class DrawnAggregate:
    """An aggregate as drawn: its lane, its band in ViewBox pixels, its columns, its text."""

    lane: str
    aggregate: Aggregate
    rect: QtCore.QRectF
    color: str
    text: str
    column_px: npt.NDArray[np.float64]  # the columns' edges in pixels
    filtering: bool


def _rects(
    left: npt.NDArray[np.float64],
    right: npt.NDArray[np.float64],
    top: npt.NDArray[np.float64],
    bottom: npt.NDArray[np.float64],
) -> PrimitiveArray:
    """Many rectangles in one native array (filled from numpy, painted with one drawRects)."""
    keep = (bottom > top) & (right > left)
    rects = PrimitiveArray(QtCore.QRectF, 4)
    rects.resize(int(np.count_nonzero(keep)))
    array = rects.ndarray()
    array[:, 0], array[:, 1] = left[keep], top[keep]
    array[:, 2], array[:, 3] = (right - left)[keep], (bottom - top)[keep]
    return rects


@dataclass
class _LaneBands:
    """The paths that paint one lane's bands: the faint background, every event, the matches."""

    color: QtGui.QColor
    background: list[QtCore.QRectF]
    events: PrimitiveArray
    matches: PrimitiveArray | None
    edges: list[QtCore.QLineF]


def _lane_bands(lane: list[DrawnAggregate], scale: float, text_px: float) -> _LaneBands:
    """One lane's bands as rectangles: the aggregates' backgrounds and their columns, standing
    on the band's bottom, under the line of the count."""
    left = np.concatenate([d.column_px[:-1] for d in lane])
    right = np.concatenate([d.column_px[1:] for d in lane])
    bottom = np.concatenate([np.full(len(d.column_px) - 1, d.rect.bottom()) for d in lane])
    room = [max(d.rect.height() - text_px - 2, d.rect.height() / 2) for d in lane]
    height = np.concatenate([np.full(len(d.column_px) - 1, r) for d, r in zip(lane, room, strict=True)])

    def columns(counts: npt.NDArray[np.int64]) -> PrimitiveArray:
        part = np.where(counts > 0, np.maximum(np.log1p(counts) / np.log1p(scale), _LEAST_HEIGHT), 0.0) * height
        return _rects(left, right, bottom - part, bottom)

    rects = [d.rect for d in lane]
    events = columns(np.concatenate([d.aggregate.columns for d in lane]))
    matches = columns(np.concatenate([d.aggregate.column_matches for d in lane])) if lane[0].filtering else None
    edges = [QtCore.QLineF(r.left(), r.top(), r.left(), r.bottom()) for r in rects]
    return _LaneBands(QtGui.QColor(lane[0].color), rects, events, matches, edges)


class DensityLayer(_ViewBoxLayer):
    """Every visible lane's density bands: a faint band over the aggregate's span, a step profile
    of its events per column (the matches strong, the others faint while filters are on), and
    its count where it fits. Under the glyphs, so a selection's ring stands on top."""

    def __init__(self, view_box: pg.ViewBox, theme: Theme) -> None:
        super().__init__(view_box, theme, z=490)
        self.aggregates: list[DrawnAggregate] = []
        self._bands: list[_LaneBands] = []
        self.font = theme.font(theme.label_pt)
        self._texts: dict[str, QtGui.QStaticText] = {}
        self.counts = _CountLayer(view_box, theme, self)

    def set_theme(self, theme: Theme) -> None:
        self.font = theme.font(theme.label_pt)
        self._texts.clear()
        self.counts.set_theme(theme)
        super().set_theme(theme)

    def set_aggregates(self, aggregates: list[DrawnAggregate]) -> None:
        self.aggregates = aggregates
        self._bands = self._build(aggregates)
        self.update()
        self.counts.update()

    def _build(self, aggregates: list[DrawnAggregate]) -> list[_LaneBands]:
        """The paths of each lane's bands, built once per layout (a paint only fills them).
        A column's height is the logarithm of its count over that of the largest column's
        (rounded up to a power of two, so that the profile holds still in a pan), one event at
        least `_LEAST_HEIGHT` of the band."""
        if not aggregates:
            return []
        top = max(int(np.max(d.aggregate.columns)) for d in aggregates)
        scale = 2.0 ** np.ceil(np.log2(max(top, 1)))
        by_lane: dict[str, list[DrawnAggregate]] = {}
        for drawn in aggregates:
            by_lane.setdefault(drawn.lane, []).append(drawn)
        text_px = QtGui.QFontMetricsF(self.font).height()
        return [_lane_bands(lane, scale, text_px) for lane in by_lane.values()]

    def paint(self, p: QtGui.QPainter, *_args: object) -> None:
        if not self.aggregates:
            return
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, False)
        for band in self._bands:
            back = QtGui.QColor(band.color)
            back.setAlphaF(0.13)
            p.setPen(QtCore.Qt.PenStyle.NoPen)
            p.setBrush(back)
            p.drawRects(band.background)
            if band.matches is not None:
                faint = QtGui.QColor(band.color)
                faint.setAlphaF(DIM_OPACITY + 0.1)
                p.setBrush(faint)
                p.drawRects(*band.events.drawargs())
                p.setBrush(band.color)
                p.drawRects(*band.matches.drawargs())
            else:
                p.setBrush(band.color)
                p.drawRects(*band.events.drawargs())
            edge = QtGui.QPen(self.theme.shade(band.color, 130), 1)
            edge.setCosmetic(True)
            p.setPen(edge)
            p.drawLines(band.edges)

    def paint_counts(self, p: QtGui.QPainter) -> None:
        """Each band's count on a pill at the middle of its top, where the band is wide enough
        (each text laid out once, as a QStaticText, and kept while the theme lasts)."""
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
        p.setRenderHint(QtGui.QPainter.RenderHint.TextAntialiasing, True)
        p.setFont(self.font)
        pill = QtGui.QColor(self.theme.background)
        pill.setAlphaF(0.85)
        text_pen = QtGui.QPen(QtGui.QColor(self.theme.foreground))
        boxes = []
        for drawn in self.aggregates:
            text = self._static(drawn.text)
            size = text.size()
            rect = drawn.rect
            if size.width() + 8 <= rect.width() - 2:
                left = rect.center().x() - size.width() / 2
                boxes.append((QtCore.QRectF(left - 4, rect.top() + 1, size.width() + 8, size.height()), text))
        p.setPen(QtCore.Qt.PenStyle.NoPen)
        p.setBrush(pill)
        for box, _text in boxes:
            p.drawRoundedRect(box, 3, 3)
        p.setPen(text_pen)
        vectors = _draws_vectors(p)  # text stays text in SVG and PDF
        for box, text in boxes:
            if vectors:
                p.drawText(box, QtCore.Qt.AlignmentFlag.AlignCenter, text.text())
            else:
                p.drawStaticText(QtCore.QPointF(box.left() + 4, box.top()), text)

    def _static(self, text: str) -> QtGui.QStaticText:
        static = self._texts.get(text)
        if static is None:
            if len(self._texts) > 4096:
                self._texts.clear()
            static = self._texts[text] = QtGui.QStaticText(text)
            static.setTextFormat(QtCore.Qt.TextFormat.PlainText)
            static.prepare(QtGui.QTransform(), self.font)
        return static


class _CountLayer(_ViewBoxLayer):
    """The bands' counts, above the glyphs (a crowd of bars must not hide them), under the labels."""

    def __init__(self, view_box: pg.ViewBox, theme: Theme, bands: DensityLayer) -> None:
        super().__init__(view_box, theme, z=900)
        self.bands = bands

    def paint(self, p: QtGui.QPainter, *_args: object) -> None:
        if self.bands.aggregates:
            self.bands.paint_counts(p)
