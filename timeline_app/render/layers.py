"""Pixel-space layers of the plot: lane bands behind the glyphs, labels and leader lines above them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

import numpy as np
import shiboken6
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6 import QtCore, QtGui, QtSvg, QtWidgets

from .theme import Theme

if TYPE_CHECKING:
    import pyqtgraph as pg

__all__ = [
    "DIM_OPACITY",
    "DrawnEra",
    "DrawnLabel",
    "GlyphLayer",
    "LabelLayer",
    "LaneBackground",
    "LaneBand",
    "line_array",
    "readable_on",
    "symbol_path",
]


_Coords: TypeAlias = "np.ndarray | list[float] | float"

#: How strongly the events that do not match the search and filters are drawn.
DIM_OPACITY = 0.2


def line_array(x0: _Coords, y0: _Coords, x1: _Coords, y1: _Coords) -> PrimitiveArray:
    """Many lines in one native array, filled from numpy (arrays or scalars): painted with
    one drawLines, no QLineF made one by one."""
    n = max((np.size(v) for v in (x0, y0, x1, y1) if np.ndim(v) > 0), default=1)
    lines = PrimitiveArray(QtCore.QLineF, 4)
    lines.resize(int(n))
    if n:
        array = lines.ndarray()
        array[:, 0], array[:, 1], array[:, 2], array[:, 3] = x0, y0, x1, y1
    return lines


def _draws_vectors(p: QtGui.QPainter) -> bool:
    """True when the painter goes to a vector file or is scaled (a high-DPI export)."""
    device = p.device()
    return isinstance(device, (QtSvg.QSvgGenerator, QtGui.QPagedPaintDevice)) or p.worldTransform().isScaling()


def symbol_path(symbol: str, size: float) -> QtGui.QPainterPath:
    """A glyph shape (pyqtgraph's symbol of that name) `size` pixels across, centred on 0,0."""
    from pyqtgraph.graphicsItems.ScatterPlotItem import Symbols

    shape: QtGui.QPainterPath = Symbols[symbol]
    return QtGui.QTransform.fromScale(size, size).map(shape)


def readable_on(color: QtGui.QColor) -> str:
    """Black or white, whichever reads better on `color` (WCAG relative luminance)."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())
    return "#000000" if luminance > 0.179 else "#ffffff"


class _ViewBoxLayer(QtWidgets.QGraphicsObject):
    """An item that covers its parent ViewBox and draws in the ViewBox's pixel coordinates."""

    def __init__(self, view_box: pg.ViewBox, theme: Theme, z: float) -> None:
        super().__init__(view_box)
        self.theme = theme
        self.setZValue(z)
        self.setAcceptedMouseButtons(QtCore.Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        view_box.sigResized.connect(self._parent_resized)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def detach(self) -> None:
        """Leave the scene for good (the resize connection would otherwise keep it alive)."""
        view_box: pg.ViewBox | None = self.parentItem()  # the ViewBox given to __init__
        if view_box is not None:
            view_box.sigResized.disconnect(self._parent_resized)
        if self.scene() is not None:
            self.scene().removeItem(self)
        shiboken6.delete(self)  # now: a deleteLater'd item's memory was seen to stay

    def _parent_resized(self, *_args: object) -> None:
        self.prepareGeometryChange()
        self.update()

    def boundingRect(self) -> QtCore.QRectF:
        return self.parentItem().boundingRect()


@dataclass(frozen=True)
class LaneBand:
    top: float
    bottom: float
    index: int


@dataclass(frozen=True)
class DrawnEra:
    """An era band: the visible part of its span in a lane's top strip, and its name."""

    lane: str
    rect: QtCore.QRectF
    name: str
    color: str
    index: int
    starts_in_view: bool


class LaneBackground(_ViewBoxLayer):
    """Alternating lane bands, separators and era bands, in pixels, behind everything else."""

    def __init__(self, view_box: pg.ViewBox, theme: Theme) -> None:
        super().__init__(view_box, theme, z=-1000)
        self.bands: list[LaneBand] = []
        self.eras: list[DrawnEra] = []
        self.grid: list[tuple[float, list[float]]] = []  # (alpha, x of each line) of each tick level
        self.era_font = theme.font(theme.label_pt - 0.5)

    def set_theme(self, theme: Theme) -> None:
        self.era_font = theme.font(theme.label_pt - 0.5)
        super().set_theme(theme)

    def set_bands(self, bands: list[LaneBand]) -> None:
        self.bands = bands
        self.update()

    def set_grid(self, grid: list[tuple[float, list[float]]]) -> None:
        """The date grid's vertical lines: (alpha, x in pixels) of each level of ticks."""
        self.grid = grid
        self.update()

    def set_eras(self, eras: list[DrawnEra]) -> None:
        self.eras = eras
        self.update()

    def paint(self, p: QtGui.QPainter, *_args: object) -> None:
        width = self.boundingRect().width()
        separator = QtGui.QPen(QtGui.QColor(self.theme.separator), 1)
        separator.setCosmetic(True)
        for band in self.bands:
            color = self.theme.band_even if band.index % 2 == 0 else self.theme.band_odd
            p.fillRect(QtCore.QRectF(0, band.top, width, band.bottom - band.top), QtGui.QColor(color))
        height = self.boundingRect().height()
        for alpha, xs in self.grid:
            line = QtGui.QColor(self.theme.muted)
            line.setAlphaF(alpha)
            pen = QtGui.QPen(line, 1)
            pen.setCosmetic(True)
            p.setPen(pen)
            p.drawLines([QtCore.QLineF(x, 0, x, height) for x in xs])
        p.setPen(separator)
        for band in self.bands[1:]:
            p.drawLine(QtCore.QPointF(0, band.top), QtCore.QPointF(width, band.top))
        self._paint_eras(p)

    def _paint_eras(self, p: QtGui.QPainter) -> None:
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
        p.setFont(self.era_font)
        metrics = QtGui.QFontMetricsF(self.era_font)
        for era in self.eras:
            color = QtGui.QColor(era.color)
            fill = QtGui.QColor(color)
            fill.setAlphaF(0.10 if era.index % 2 == 0 else 0.22)
            p.setPen(QtCore.Qt.PenStyle.NoPen)
            p.setBrush(fill)
            p.drawRect(era.rect)
            if era.starts_in_view:
                edge = QtGui.QPen(color, 1.5)
                edge.setCosmetic(True)
                p.setPen(edge)
                p.drawLine(era.rect.topLeft(), era.rect.bottomLeft())
            text = metrics.elidedText(era.name, QtCore.Qt.TextElideMode.ElideRight, era.rect.width() - 8)
            if text and text != "…":
                p.setPen(self.theme.shade(color, 170))
                p.drawText(
                    era.rect.adjusted(4, 0, -4, 0),
                    QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignVCenter,
                    text,
                )


@dataclass(frozen=True)
class DrawnLabel:
    """A placed label: its text rectangle, the glyph it belongs to, and how to draw it."""

    key: str
    lane: str
    rect: QtCore.QRectF
    text: str
    color: str
    anchor_x: float
    glyph_bottom: float
    selected: bool = False
    shortened: bool = False  # cut short with "…" (the title did not fit whole)


class LabelLayer(_ViewBoxLayer):
    """Event titles in rows below the glyph line, each tied to its glyph by a leader line."""

    def __init__(self, view_box: pg.ViewBox, theme: Theme) -> None:
        super().__init__(view_box, theme, z=1000)
        self.labels: list[DrawnLabel] = []
        self.message = ""
        self.font = theme.font(theme.label_pt)
        self._texts: dict[str, QtGui.QStaticText] = {}
        # while a pan moves the labels as one, they are painted once into a pixmap, then stamped
        self._cache: QtGui.QPixmap | None = None
        self._cache_wanted = False
        self._offset = 0.0

    def set_theme(self, theme: Theme) -> None:
        self.font = theme.font(theme.label_pt)
        self._texts.clear()
        self._drop_cache()
        super().set_theme(theme)

    def set_labels(self, labels: list[DrawnLabel], moved_by: float | None = None) -> None:
        """The labels to draw; `moved_by`: the same labels, all moved that far sideways (a pan)."""
        self.labels = labels
        if moved_by is None:
            self._drop_cache()
        elif self._cache is None:
            self._cache_wanted, self._offset = True, 0.0
        else:
            self._offset += moved_by
        self.update()

    def set_message(self, message: str) -> None:
        """A line shown in the middle of the plot when there is nothing to show."""
        self.message = message
        self._drop_cache()
        self.update()

    def _drop_cache(self) -> None:
        self._cache, self._cache_wanted, self._offset = None, False, 0.0

    def _parent_resized(self, *_args: object) -> None:
        self._drop_cache()
        super()._parent_resized()

    def paint(self, p: QtGui.QPainter, *_args: object) -> None:
        device = p.device()
        if (self._cache is not None or self._cache_wanted) and device is not None and not _draws_vectors(p):
            ratio = device.devicePixelRatioF()
            if self._cache is None or self._cache.devicePixelRatioF() != ratio:
                self._cache = self._paint_cache(ratio)
                self._cache_wanted, self._offset = False, 0.0
            p.drawPixmap(QtCore.QPointF(self._offset, 0), self._cache)
            return
        self._paint_labels(p)

    def _paint_cache(self, ratio: float) -> QtGui.QPixmap:
        """The labels as they stand now, painted into a transparent pixmap the layer's size."""
        size = self.boundingRect().size()
        pixmap = QtGui.QPixmap(max(int(size.width() * ratio), 1), max(int(size.height() * ratio), 1))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(QtCore.Qt.GlobalColor.transparent)
        painter = QtGui.QPainter(pixmap)
        self._paint_labels(painter)
        painter.end()
        return pixmap

    def _paint_labels(self, p: QtGui.QPainter) -> None:
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
        p.setRenderHint(QtGui.QPainter.RenderHint.TextAntialiasing, True)
        text_color = QtGui.QColor(self.theme.foreground)
        align = QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignVCenter
        vectors = _draws_vectors(p)  # text stays text in SVG and PDF
        if self.message:
            p.setFont(self.theme.font(self.theme.lane_pt))
            p.setPen(QtGui.QColor(self.theme.muted))
            p.drawText(
                self.boundingRect(), QtCore.Qt.AlignmentFlag.AlignCenter | QtCore.Qt.TextFlag.TextWordWrap, self.message
            )
        for label in self.labels:
            color = QtGui.QColor(label.color)
            leader = QtGui.QColor(color)
            leader.setAlphaF(0.55)
            pen = QtGui.QPen(leader, 1)
            pen.setCosmetic(True)
            p.setPen(pen)
            mid_y = label.rect.center().y()
            p.drawLine(QtCore.QPointF(label.anchor_x, label.glyph_bottom), QtCore.QPointF(label.anchor_x, mid_y))
            edge = label.rect.left() if label.rect.left() >= label.anchor_x else label.rect.right()
            p.drawLine(QtCore.QPointF(label.anchor_x, mid_y), QtCore.QPointF(edge, mid_y))
            if label.selected:
                p.setPen(QtCore.Qt.PenStyle.NoPen)
                p.setBrush(color)
                p.drawRoundedRect(label.rect.adjusted(-3, -1, 3, 1), 3, 3)
                p.setPen(QtGui.QColor(readable_on(color)))
            else:
                p.setPen(text_color)
            p.setFont(self.font)
            if "\n" in label.text or vectors:
                p.drawText(label.rect, align, label.text)
            else:  # one line: laid out once and kept (a crowded plot repaints hundreds of them)
                static = self._static(label.text)
                top = label.rect.top() + (label.rect.height() - static.size().height()) / 2
                p.drawStaticText(QtCore.QPointF(label.rect.left(), top), static)

    def _static(self, text: str) -> QtGui.QStaticText:
        return static_text(self._texts, text, self.font)


def static_text(kept: dict[str, QtGui.QStaticText], text: str, font: QtGui.QFont) -> QtGui.QStaticText:
    """A one-line text laid out once in `font` and kept in `kept` (cleared past 4096 texts, and
    by its owner when the font changes): a crowded plot repaints hundreds of them a frame."""
    static = kept.get(text)
    if static is None:
        if len(kept) > 4096:
            kept.clear()
        static = kept[text] = QtGui.QStaticText(text)
        static.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        static.prepare(QtGui.QTransform(), font)
    return static


class GlyphLayer(_ViewBoxLayer):
    """One lane's glyphs in ViewBox pixels, painted in one batch: bars with bracketed ends,
    then a marker per event (filled: a known day; hollow: a month, a year or a period), then
    the selection ring. Pixel coordinates keep every export, SVG and PDF included, exact."""

    def __init__(self, view_box: pg.ViewBox, theme: Theme, color: str) -> None:
        super().__init__(view_box, theme, z=500)
        self.color = QtGui.QColor(color)
        self.bars: PrimitiveArray = line_array([], [], [], [])
        self.ends: PrimitiveArray = line_array([], [], [], [])
        self.markers: list[tuple[float, float, str, bool]] = []
        self.rings: list[tuple[float, float, str]] = []
        # events that do not match the search and filters: drawn faint, after the others
        self.dim_bars: PrimitiveArray = line_array([], [], [], [])
        self.dim_ends: PrimitiveArray = line_array([], [], [], [])
        self.dim_markers: list[tuple[float, float, str, bool]] = []
        self._paths: dict[tuple[str, float], QtGui.QPainterPath] = {}
        self._sprites: dict[tuple[str, bool, float], tuple[QtGui.QPixmap, float]] = {}
        # where each marker's sprite is stamped, by (dimmed, device pixel ratio): made once per layout
        self._stamps: dict[tuple[bool, float], list[tuple[QtCore.QPointF, QtGui.QPixmap]]] = {}

    def set_theme(self, theme: Theme) -> None:
        self._paths.clear()
        self._sprites.clear()
        self._stamps.clear()
        super().set_theme(theme)

    def set_glyphs(
        self,
        bars: PrimitiveArray,
        ends: PrimitiveArray,
        markers: list[tuple[float, float, str, bool]],
        rings: list[tuple[float, float, str]],
        dimmed: tuple[PrimitiveArray, PrimitiveArray, list[tuple[float, float, str, bool]]] | None = None,
    ) -> None:
        """What to paint: bars, their end brackets, markers (x, y, symbol, filled), the selection
        ring, and the same three for the events that do not match (`dimmed`). Bars and ends
        are native line arrays (`line_array`)."""
        self.bars, self.ends, self.markers, self.rings = bars, ends, markers, rings
        if dimmed is None:
            dimmed = (line_array([], [], [], []), line_array([], [], [], []), [])
        self.dim_bars, self.dim_ends, self.dim_markers = dimmed
        self._stamps.clear()
        self.update()

    def set_rings(self, rings: list[tuple[float, float, str]]) -> None:
        """Only the selection ring changed."""
        self.rings = rings
        self.update()

    def _outline(self) -> QtGui.QPen:
        outline = QtGui.QPen(self.theme.shade(self.color, 150), 1.4)
        outline.setJoinStyle(QtCore.Qt.PenJoinStyle.MiterJoin)
        return outline

    def _sprite(self, symbol: str, filled: bool, ratio: float) -> tuple[QtGui.QPixmap, float]:
        """A marker drawn with the same path, pen and brush into a pixmap, kept for reuse."""
        key = (symbol, filled, ratio)
        cached = self._sprites.get(key)
        if cached is None:
            size = self.theme.marker_px
            half = size / 2 + 2
            pixmap = QtGui.QPixmap(int(2 * half * ratio + 1), int(2 * half * ratio + 1))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(QtCore.Qt.GlobalColor.transparent)
            painter = QtGui.QPainter(pixmap)
            painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
            painter.setPen(self._outline())
            painter.setBrush(self.color if filled else QtGui.QColor(self.theme.background))
            painter.drawPath(self._path(symbol, size).translated(half, half))
            painter.end()
            cached = self._sprites[key] = (pixmap, half)
        return cached

    def _path(self, symbol: str, size: float) -> QtGui.QPainterPath:
        key = (symbol, size)
        path = self._paths.get(key)
        if path is None:
            path = self._paths[key] = symbol_path(symbol, size)
        return path

    def paint(self, p: QtGui.QPainter, *_args: object) -> None:
        theme = self.theme
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
        if self.dim_bars or self.dim_markers:  # under the matches, faint
            p.setOpacity(DIM_OPACITY)
            self._paint_glyphs(p, self.dim_bars, self.dim_ends, self.dim_markers, dimmed=True)
            p.setOpacity(1.0)
        self._paint_glyphs(p, self.bars, self.ends, self.markers, dimmed=False)
        if self.rings:
            p.setBrush(QtCore.Qt.BrushStyle.NoBrush)
            p.setPen(QtGui.QPen(QtGui.QColor(theme.selection), 2.5))
            for x, y, symbol in self.rings:
                p.drawPath(self._path(symbol, theme.marker_px + 9).translated(x, y))

    def _paint_glyphs(
        self,
        p: QtGui.QPainter,
        bars: PrimitiveArray,
        ends: PrimitiveArray,
        markers: list[tuple[float, float, str, bool]],
        *,
        dimmed: bool,
    ) -> None:
        theme = self.theme
        bar = QtGui.QColor(self.color)
        bar.setAlphaF(0.45)
        p.setPen(QtGui.QPen(bar, theme.bar_px, QtCore.Qt.PenStyle.SolidLine, QtCore.Qt.PenCapStyle.FlatCap))
        if len(bars):
            p.drawLines(*bars.drawargs())
        p.setPen(QtGui.QPen(theme.shade(self.color, 120), 1.5))
        if len(ends):
            p.drawLines(*ends.drawargs())
        if _draws_vectors(p):  # SVG, PDF, or a scaled export: exact paths
            outline = self._outline()
            p.setPen(outline)
            filled, hollow = QtGui.QBrush(self.color), QtGui.QBrush(QtGui.QColor(theme.background))
            for x, y, symbol, is_filled in markers:
                p.setBrush(filled if is_filled else hollow)
                p.drawPath(self._path(symbol, theme.marker_px).translated(x, y))
        else:  # the screen and 1:1 images: the same shapes, drawn once and stamped
            ratio = p.device().devicePixelRatioF() if p.device() is not None else 1.0
            stamps = self._stamps.get((dimmed, ratio))
            if stamps is None:  # the first paint of this layout (a frame paints more than once)
                stamps = self._stamps[(dimmed, ratio)] = self._stamped(markers, ratio)
            for at, sprite in stamps:
                p.drawPixmap(at, sprite)

    def _stamped(
        self, markers: list[tuple[float, float, str, bool]], ratio: float
    ) -> list[tuple[QtCore.QPointF, QtGui.QPixmap]]:
        """Each marker's sprite and its top left, in the markers' order."""
        stamps = []
        for x, y, symbol, is_filled in markers:
            sprite, half = self._sprite(symbol, is_filled, ratio)
            stamps.append((QtCore.QPointF(x - half, y - half), sprite))
        return stamps
