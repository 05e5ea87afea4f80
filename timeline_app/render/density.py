"""Density bands: a lane's stretches with more events than room for glyphs, drawn as counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6 import QtCore, QtGui

from ..core.dates import format_range
from ..core.lanes_index import Aggregate, Bands
from .layers import DIM_OPACITY, _draws_vectors, _ViewBoxLayer, static_text
from .theme import Theme

if TYPE_CHECKING:
    import numpy.typing as npt

    Floats = npt.NDArray[np.float64]
    Ints = npt.NDArray[np.int64]

__all__ = [
    "DensityLayer",
    "DrawnAggregate",
    "DrawnBands",
    "band_text",
    "aggregate_text",
    "aggregate_tooltip",
    "count_text",
]

_LEAST_HEIGHT = 0.18  # a column with one event is drawn at least this part of the band's height


def count_text(count: int) -> str:
    """'1,234'."""
    return f"{count:,}"


def aggregate_text(aggregate: Aggregate, filtering: bool) -> str:
    """What a band says: its count, or the matches of its count while filters are on."""
    return band_text(aggregate.count, aggregate.matched, filtering)


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
    column_px: Floats  # the columns' edges in pixels
    filtering: bool


@dataclass(frozen=True)
class DrawnBands:
    """One lane's density bands as drawn, as arrays: each band from `left` to `right` (ViewBox
    pixels), `height` high from `top`; its columns' edges in pixels as `bands.edges` in time."""

    lane: str
    color: str
    bands: Bands
    left: Floats
    right: Floats
    column_px: Floats
    top: float
    height: float
    filtering: bool

    def __len__(self) -> int:
        return len(self.left)

    def text(self, k: int) -> str:
        """What band k says (its count)."""
        return band_text(int(self.bands.count[k]), int(self.bands.matched[k]), self.filtering)

    def drawn(self, k: int) -> DrawnAggregate:
        """Band k as a DrawnAggregate."""
        aggregate = self.bands.aggregate(k)
        first, last = int(self.bands.first[k]), int(self.bands.first[k] + self.bands.parts[k])
        rect = QtCore.QRectF(float(self.left[k]), self.top, float(self.right[k] - self.left[k]), self.height)
        return DrawnAggregate(
            self.lane, aggregate, rect, self.color, self.text(k), self.column_px[first : last + 1], self.filtering
        )

    def index_at(self, x: float, y: float) -> int | None:
        """The band under a pixel (a little taller than drawn), or None."""
        if not len(self) or not self.top - 3 <= y <= self.top + self.height + 3:
            return None
        k = int(np.searchsorted(self.right, x, side="left"))
        return k if k < len(self) and self.left[k] <= x else None


def band_text(count: int, matched: int, filtering: bool) -> str:
    """'1,234', or '56 of 1,234' while filters are on."""
    return f"{count_text(matched)} of {count_text(count)}" if filtering else count_text(count)


def _rects(left: Floats, right: Floats, top: Floats, bottom: Floats) -> PrimitiveArray:
    """Many rectangles in one native array (filled from numpy, painted with one drawRects)."""
    keep = (bottom > top) & (right > left)
    rects = PrimitiveArray(QtCore.QRectF, 4)
    rects.resize(int(np.count_nonzero(keep)))
    array = rects.ndarray()
    array[:, 0], array[:, 1] = left[keep], top[keep]
    array[:, 2], array[:, 3] = (right - left)[keep], (bottom - top)[keep]
    return rects


def _lines(x0: Floats, y0: Floats, x1: Floats, y1: Floats) -> PrimitiveArray:
    """Many lines in one native array (painted with one drawLines)."""
    lines = PrimitiveArray(QtCore.QLineF, 4)
    lines.resize(len(x0))
    array = lines.ndarray()
    array[:, 0], array[:, 1], array[:, 2], array[:, 3] = x0, y0, x1, y1
    return lines


@dataclass
class _LaneBands:
    """What paints one lane's bands: the faint backgrounds, every event, the matches, the edges."""

    color: QtGui.QColor
    background: PrimitiveArray
    events: PrimitiveArray
    matches: PrimitiveArray | None
    edges: PrimitiveArray


def _lane_bands(lane: DrawnBands, scale: float, text_px: float) -> _LaneBands:
    """One lane's bands as rectangles: the bands' backgrounds and their columns, standing on
    the band's bottom, under the line of the count."""
    inner = lane.bands.inner
    left, right = lane.column_px[:-1][inner], lane.column_px[1:][inner]
    bottom = lane.top + lane.height
    height = max(lane.height - text_px - 2, lane.height / 2)
    bottoms = np.full(len(left), bottom)

    def columns(counts: Ints) -> PrimitiveArray:
        part = np.where(counts > 0, np.maximum(np.log1p(counts) / np.log1p(scale), _LEAST_HEIGHT), 0.0) * height
        return _rects(left, right, bottom - part, bottoms)

    tops, bottoms_of_bands = np.full(len(lane), lane.top), np.full(len(lane), bottom)
    background = _rects(lane.left, lane.right, tops, bottoms_of_bands)
    events = columns(lane.bands.columns[inner])
    matches = columns(lane.bands.column_matches[inner]) if lane.filtering else None
    edges = _lines(lane.left, tops, lane.left, bottoms_of_bands)
    return _LaneBands(QtGui.QColor(lane.color), background, events, matches, edges)


class DensityLayer(_ViewBoxLayer):
    """Every visible lane's density bands: a faint band over the aggregate's span, a step profile
    of its events per column (the matches strong, the others faint while filters are on), and
    its count where it fits. Under the glyphs, so a selection's ring stands on top."""

    def __init__(self, view_box: pg.ViewBox, theme: Theme) -> None:
        super().__init__(view_box, theme, z=490)
        self.lanes: list[DrawnBands] = []
        self._bands: list[_LaneBands] = []
        self._counts: tuple[PrimitiveArray, list[tuple[QtCore.QPointF, QtGui.QStaticText]]] | None = None
        self.font = theme.font(theme.label_pt)
        self._texts: dict[str, QtGui.QStaticText] = {}
        self.counts = _CountLayer(view_box, theme, self)

    @property
    def aggregates(self) -> list[DrawnAggregate]:
        """Every band drawn now, one by one."""
        return [lane.drawn(k) for lane in self.lanes for k in range(len(lane))]

    def set_theme(self, theme: Theme) -> None:
        self.font = theme.font(theme.label_pt)
        self._texts.clear()
        self._counts = None
        self.counts.set_theme(theme)
        super().set_theme(theme)

    def set_bands(self, lanes: list[DrawnBands]) -> None:
        """The bands to draw: each visible lane's that has any."""
        self.lanes = [lane for lane in lanes if len(lane)]
        self._bands = self._build(self.lanes)
        self._counts = None
        self.update()
        self.counts.update()

    def _build(self, lanes: list[DrawnBands]) -> list[_LaneBands]:
        """The rectangles of each lane's bands, built once per layout (a paint only fills them).
        A column's height is the logarithm of its count over that of the largest column's
        (rounded up to a power of two, so that the profile holds still in a pan), one event at
        least `_LEAST_HEIGHT` of the band."""
        if not lanes:
            return []
        top = max(int(np.max(lane.bands.columns[lane.bands.inner], initial=0)) for lane in lanes)
        scale = 2.0 ** np.ceil(np.log2(max(top, 1)))
        text_px = QtGui.QFontMetricsF(self.font).height()
        return [_lane_bands(lane, scale, text_px) for lane in lanes]

    def paint(self, p: QtGui.QPainter, *_args: object) -> None:
        if not self._bands:
            return
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, False)
        for band in self._bands:
            back = QtGui.QColor(band.color)
            back.setAlphaF(0.13)
            p.setPen(QtCore.Qt.PenStyle.NoPen)
            p.setBrush(back)
            p.drawRects(*band.background.drawargs())
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
            p.drawLines(*band.edges.drawargs())

    def _count_boxes(self) -> tuple[PrimitiveArray, list[tuple[QtCore.QPointF, QtGui.QStaticText]]]:
        """The pills (in one array, painted at once) and the texts of the counts that fit their
        bands, made once per layout."""
        boxes: list[tuple[float, float, float, float]] = []
        texts = []
        for lane in self.lanes:
            count, matched = lane.bands.count.tolist(), lane.bands.matched.tolist()
            centres = ((lane.left + lane.right) / 2).tolist()
            widths = (lane.right - lane.left).tolist()
            top = lane.top + 1
            for k, (centre, width) in enumerate(zip(centres, widths, strict=True)):
                text = self._static(band_text(count[k], matched[k], lane.filtering))
                size = text.size()
                if size.width() + 8 <= width - 2:
                    left = centre - size.width() / 2
                    boxes.append((left - 4, top, left + size.width() + 4, top + size.height()))
                    texts.append((QtCore.QPointF(left, top), text))
        edges = np.round(np.array(boxes, dtype=np.float64).reshape(-1, 4))  # whole pixels: crisp without antialiasing
        return _rects(edges[:, 0], edges[:, 2], edges[:, 1], edges[:, 3]), texts

    def paint_counts(self, p: QtGui.QPainter) -> None:
        """Each band's count on a pill at the middle of its top, where the band is wide enough
        (each text laid out once, as a QStaticText, and kept while the theme lasts)."""
        if self._counts is None:
            self._counts = self._count_boxes()
        pills, texts = self._counts
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, False)
        p.setRenderHint(QtGui.QPainter.RenderHint.TextAntialiasing, True)
        p.setFont(self.font)
        pill = QtGui.QColor(self.theme.background)
        pill.setAlphaF(0.85)
        p.setPen(QtCore.Qt.PenStyle.NoPen)
        p.setBrush(pill)
        p.drawRects(*pills.drawargs())
        p.setPen(QtGui.QPen(QtGui.QColor(self.theme.foreground)))
        if _draws_vectors(p):  # text stays text in SVG and PDF
            for at, text in texts:
                box = QtCore.QRectF(at, text.size())
                p.drawText(box, QtCore.Qt.AlignmentFlag.AlignCenter, text.text())
        else:
            for at, text in texts:
                p.drawStaticText(at, text)

    def _static(self, text: str) -> QtGui.QStaticText:
        return static_text(self._texts, text, self.font)


class _CountLayer(_ViewBoxLayer):
    """The bands' counts, above the glyphs (a crowd of bars must not hide them), under the labels."""

    def __init__(self, view_box: pg.ViewBox, theme: Theme, bands: DensityLayer) -> None:
        super().__init__(view_box, theme, z=900)
        self.bands = bands

    def paint(self, p: QtGui.QPainter, *_args: object) -> None:
        if self.bands.lanes:
            self.bands.paint_counts(p)
