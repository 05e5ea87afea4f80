"""Colours, fonts and glyph shapes of the timeline scene."""
from __future__ import annotations

from dataclasses import dataclass, field

from PySide6 import QtGui

__all__ = ["KIND_SYMBOLS", "Theme", "default_theme"]

#: One pyqtgraph symbol per event kind, distinct in greyscale print.
KIND_SYMBOLS: dict[str, str] = {
    "founding": "star",
    "summit": "o",
    "treaty": "s",
    "membership": "d",
    "military": "t1",
    "institutional": "h",
    "other": "t",
}


@dataclass(frozen=True)
class Theme:
    """What the scene looks like; one object, passed to the view, never global."""

    name: str = "screen"
    background: str = "#ffffff"
    foreground: str = "#1f2328"
    muted: str = "#6e7781"
    band_even: str = "#f6f8fa"
    band_odd: str = "#ffffff"
    separator: str = "#d0d7de"
    grid_alpha: float = 0.22
    font_family: str = ""
    label_pt: float = 9.0
    lane_pt: float = 11.0
    axis_pt: float = 9.0
    marker_px: float = 11.0
    bar_px: float = 7.0
    selection: str = "#1f2328"
    extra: dict = field(default_factory=dict)

    def font(self, point_size: float, bold: bool = False) -> QtGui.QFont:
        font = QtGui.QFont(self.font_family) if self.font_family else QtGui.QFont()
        font.setPointSizeF(point_size)
        font.setBold(bold)
        return font


def default_theme() -> Theme:
    return Theme()
