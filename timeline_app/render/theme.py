"""Colours, fonts and glyph shapes of the timeline scene: the Slide and the Screen themes."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from PySide6 import QtGui

from ..core.figure import THEME_NAMES

__all__ = [
    "FIGURE_LABEL_PT",
    "FIGURE_SOURCE_PT",
    "KIND_SYMBOLS",
    "THEMES",
    "Theme",
    "default_theme",
    "make_theme",
    "screen_theme",
    "slide_theme",
]

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

#: Text on a figure, in points of its 1920 x 1080 slide (core.figure.SLIDE_SIZE; 96 dpi, so a
#: point is 4/3 of a slide pixel): labels and the date axis 16.5 pt = 22 px, 1/49 of the slide's
#: height (readable from the back of a room: at least 1/50); the source line at least 12 pt =
#: 16 px, 1/67.5 (at least 1/70). Every other text of a figure is larger.
FIGURE_LABEL_PT = 16.5
FIGURE_SOURCE_PT = 12.0

#: Theme names, as the View menu and --theme know them.
THEMES = THEME_NAMES


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
    selection: str = "#1f2328"
    card: str = "#ffffff"
    grid_alpha: float = 0.22
    font_family: str = ""
    label_pt: float = 9.0
    lane_pt: float = 11.0
    axis_pt: float = 9.0
    title_pt: float = 20.0
    footer_pt: float = 8.5
    marker_px: float = 11.0
    bar_px: float = 7.0

    @property
    def dark(self) -> bool:
        """True for a dark background: lane colours are then lightened, not darkened."""
        return QtGui.QColor(self.background).lightnessF() < 0.5

    def shade(self, color: QtGui.QColor, amount: int) -> QtGui.QColor:
        """A lane colour made to stand out from the background: darker on light, lighter on dark."""
        return color.lighter(amount) if self.dark else color.darker(amount)

    def font(self, point_size: float, bold: bool = False, italic: bool = False) -> QtGui.QFont:
        font = QtGui.QFont(self.font_family) if self.font_family else QtGui.QFont()
        font.setPointSizeF(point_size)
        font.setBold(bold)
        font.setItalic(italic)
        return font

    def for_figure(self) -> Theme:
        """The theme of a figure (an export, the clipboard, print): its sizes grown in proportion
        until the labels and the axis are FIGURE_LABEL_PT and the source line FIGURE_SOURCE_PT."""
        grown = self.scaled(max(1.0, FIGURE_LABEL_PT / self.label_pt, FIGURE_LABEL_PT / self.axis_pt))
        return dataclasses.replace(grown, footer_pt=max(grown.footer_pt, FIGURE_SOURCE_PT))

    def scaled(self, factor: float) -> Theme:
        """The same theme with fonts and glyphs `factor` times larger (presentation mode)."""
        return dataclasses.replace(
            self,
            label_pt=self.label_pt * factor,
            lane_pt=self.lane_pt * factor,
            axis_pt=self.axis_pt * factor,
            title_pt=self.title_pt * factor,
            footer_pt=self.footer_pt * factor,
            marker_px=self.marker_px * factor,
            bar_px=self.bar_px * factor,
        )


def slide_theme() -> Theme:
    """Light, large and bold: for slides, print and every export by default."""
    return Theme(
        name="slide",
        background="#ffffff",
        foreground="#111418",
        muted="#57606a",
        band_even="#f3f5f8",
        band_odd="#ffffff",
        separator="#c9d1d9",
        selection="#111418",
        card="#ffffff",
        grid_alpha=0.25,
        label_pt=12.0,
        lane_pt=15.0,
        axis_pt=12.0,
        title_pt=24.0,
        footer_pt=10.0,
        marker_px=15.0,
        bar_px=10.0,
    )


def _mix(a: QtGui.QColor, b: QtGui.QColor, t: float) -> str:
    return QtGui.QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    ).name()


def screen_theme(palette: QtGui.QPalette | None = None) -> Theme:
    """Follows the system palette, light or dark."""
    if palette is None:
        app = QtGui.QGuiApplication.instance()
        assert app is None or isinstance(app, QtGui.QGuiApplication)  # a palette needs a GUI application
        palette = app.palette() if app is not None else QtGui.QPalette()
    role = QtGui.QPalette.ColorRole
    base, text = palette.color(role.Base), palette.color(role.Text)
    dark = base.lightnessF() < 0.5
    return Theme(
        name="screen",
        background=base.name(),
        foreground=text.name(),
        muted=_mix(text, base, 0.42),
        band_even=_mix(base, text, 0.05 if dark else 0.03),
        band_odd=base.name(),
        separator=_mix(base, text, 0.22 if dark else 0.16),
        selection=text.name(),
        card=_mix(base, text, 0.08 if dark else 0.0),
        grid_alpha=0.30 if dark else 0.22,
    )


def make_theme(name: str, palette: QtGui.QPalette | None = None) -> Theme:
    """A theme by name ('slide' or 'screen')."""
    if name == "slide":
        return slide_theme()
    if name == "screen":
        return screen_theme(palette)
    raise ValueError(f"unknown theme '{name}'; themes are: {', '.join(THEMES)}")


def default_theme() -> Theme:
    return screen_theme()
