"""What a figure (an export) shows: size, scale, lanes, range, selection, theme, titles. No Qt."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from .browse import Filters
from .span import HOME_RANGE

__all__ = [
    "FORMATS",
    "LANE_HEIGHTS",
    "MAX_PIXELS",
    "MAX_SCALE",
    "MIN_HEIGHT",
    "MIN_SCALE",
    "MIN_WIDTH",
    "SIZE_PRESETS",
    "SLIDE_SIZE",
    "THEME_NAMES",
    "FigureSpec",
]

SIZE_PRESETS = {"720p": (1280, 720), "1080p": (1920, 1080), "4k": (3840, 2160)}
#: File formats by extension, with the name a file dialog shows.
FORMATS = {".png": "PNG image", ".svg": "SVG drawing", ".pdf": "PDF document"}
#: The themes a figure (and the window) is drawn in: the View menu, --theme and the settings.
THEME_NAMES = ("slide", "screen")
#: How the lanes share a figure's height: by the rows their labels need, or equally.
LANE_HEIGHTS = ("content", "equal")
MIN_WIDTH, MIN_HEIGHT = 200, 150
MAX_PIXELS = 16384  # a side, scale included
MIN_SCALE, MAX_SCALE = 0.25, 8.0
#: Figures are laid out in slide units: on a 1920 x 1080 slide (a figure of another shape keeps
#: this height, or this width when it is narrower than 16:9), then scaled to the output, so that
#: 720p, 1080p and 4k are the same figure, only sharper. Text is sized for this slide.
SLIDE_SIZE = (1920, 1080)


@dataclass(frozen=True)
class FigureSpec:
    """Everything an export is made of; the window and the command line fill the same one."""

    width: int = 1920
    height: int = 1080
    scale: float = 1.0
    lanes: tuple[str, ...] | None = None
    start: float = HOME_RANGE[0]
    end: float = HOME_RANGE[1]
    selected: str | None = None
    theme: str = "slide"
    title: str = ""
    caption: str = ""
    sources: bool = True
    filters: Filters = Filters()  # events that do not match are dimmed, or hidden:
    hide_unmatched: bool = False
    member_lanes: tuple[str, ...] = ()  # lanes drawn with their member rows
    followed: str | None = None  # a country whose member rows stand out (the others faded)
    followed_only: bool = False  # with `followed`: each lane shows that country's member row alone
    lane_heights: str = "content"  # the lanes share the height by what their labels need, or "equal"
    quote: int = 0  # which of the selected event's citations the callout quotes (0-based)

    @property
    def unit(self) -> float:
        """Output pixels (before `scale`) per slide unit: 1 at 1080p, 2/3 at 720p, 2 at 4k."""
        return min(self.width / SLIDE_SIZE[0], self.height / SLIDE_SIZE[1])

    @property
    def slide_size(self) -> tuple[float, float]:
        """The figure's size in slide units, where it is laid out."""
        return self.width / self.unit, self.height / self.unit

    def replace(self, **changes: Any) -> FigureSpec:
        return dataclasses.replace(self, **changes)

    def problem(self) -> str | None:
        """Why this figure cannot be drawn (size or scale out of range), or None."""
        if not (MIN_WIDTH <= self.width <= MAX_PIXELS and MIN_HEIGHT <= self.height <= MAX_PIXELS):
            limits = f"{MIN_WIDTH}x{MIN_HEIGHT} to {MAX_PIXELS}x{MAX_PIXELS}"
            return f"size {self.width}x{self.height} is out of range ({limits})"
        if not MIN_SCALE <= self.scale <= MAX_SCALE or max(self.width, self.height) * self.scale > MAX_PIXELS:
            limits = f"{MIN_SCALE:g} to {MAX_SCALE:g}, at most {MAX_PIXELS} pixels a side"
            return f"scale {self.scale:g} is out of range ({limits})"
        if self.lane_heights not in LANE_HEIGHTS:
            return f"unknown lane heights '{self.lane_heights}'; choose {' or '.join(LANE_HEIGHTS)}"
        if self.theme not in THEME_NAMES:
            return f"unknown theme '{self.theme}'; themes are: {', '.join(THEME_NAMES)}"
        return None
