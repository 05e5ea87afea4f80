"""What a figure (an export) shows: size, scale, lanes, range, selection, theme, titles. No Qt."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .span import HOME_RANGE

__all__ = ["FigureSpec", "SIZE_PRESETS"]

SIZE_PRESETS = {"720p": (1280, 720), "1080p": (1920, 1080), "4k": (3840, 2160)}


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

    def replace(self, **changes) -> FigureSpec:
        return dataclasses.replace(self, **changes)
