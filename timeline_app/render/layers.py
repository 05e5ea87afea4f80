"""Pixel-space layers of the plot: lane bands behind the glyphs, labels and leader lines above them."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6 import QtCore, QtGui, QtWidgets

from .theme import Theme

__all__ = ["DrawnEra", "DrawnLabel", "LabelLayer", "LaneBackground", "LaneBand", "readable_on"]


def readable_on(color: QtGui.QColor) -> str:
    """Black or white, whichever reads better on `color` (WCAG relative luminance)."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    luminance = 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())
    return "#000000" if luminance > 0.179 else "#ffffff"


class _ViewBoxLayer(QtWidgets.QGraphicsObject):
    """An item that covers its parent ViewBox and draws in the ViewBox's pixel coordinates."""

    def __init__(self, view_box: QtWidgets.QGraphicsItem, theme: Theme, z: float) -> None:
        super().__init__(view_box)
        self.theme = theme
        self.setZValue(z)
        self.setAcceptedMouseButtons(QtCore.Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        view_box.sigResized.connect(self._parent_resized)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def _parent_resized(self, *_args) -> None:
        self.prepareGeometryChange()
        self.update()

    def boundingRect(self) -> QtCore.QRectF:  # noqa: N802
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

    def __init__(self, view_box, theme: Theme) -> None:
        super().__init__(view_box, theme, z=-1000)
        self.bands: list[LaneBand] = []
        self.eras: list[DrawnEra] = []
        self.era_font = theme.font(theme.label_pt - 0.5)

    def set_theme(self, theme: Theme) -> None:
        self.era_font = theme.font(theme.label_pt - 0.5)
        super().set_theme(theme)

    def set_bands(self, bands: list[LaneBand]) -> None:
        self.bands = bands
        self.update()

    def set_eras(self, eras: list[DrawnEra]) -> None:
        self.eras = eras
        self.update()

    def paint(self, p: QtGui.QPainter, *_args) -> None:
        width = self.boundingRect().width()
        separator = QtGui.QPen(QtGui.QColor(self.theme.separator), 1)
        separator.setCosmetic(True)
        for band in self.bands:
            color = self.theme.band_even if band.index % 2 == 0 else self.theme.band_odd
            p.fillRect(QtCore.QRectF(0, band.top, width, band.bottom - band.top), QtGui.QColor(color))
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
                p.setPen(color.darker(170))
                p.drawText(era.rect.adjusted(4, 0, -4, 0), QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignVCenter, text)


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


class LabelLayer(_ViewBoxLayer):
    """Event titles in rows below the glyph line, each tied to its glyph by a leader line."""

    def __init__(self, view_box, theme: Theme) -> None:
        super().__init__(view_box, theme, z=1000)
        self.labels: list[DrawnLabel] = []
        self.message = ""
        self.font = theme.font(theme.label_pt)

    def set_theme(self, theme: Theme) -> None:
        self.font = theme.font(theme.label_pt)
        super().set_theme(theme)

    def set_labels(self, labels: list[DrawnLabel]) -> None:
        self.labels = labels
        self.update()

    def set_message(self, message: str) -> None:
        """A line shown in the middle of the plot when there is nothing to show."""
        self.message = message
        self.update()

    def paint(self, p: QtGui.QPainter, *_args) -> None:
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
        p.setRenderHint(QtGui.QPainter.RenderHint.TextAntialiasing, True)
        text_color = QtGui.QColor(self.theme.foreground)
        align = QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignVCenter
        if self.message:
            p.setFont(self.theme.font(self.theme.lane_pt))
            p.setPen(QtGui.QColor(self.theme.muted))
            p.drawText(self.boundingRect(), QtCore.Qt.AlignmentFlag.AlignCenter | QtCore.Qt.TextFlag.TextWordWrap, self.message)
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
            p.drawText(label.rect, align, label.text)
