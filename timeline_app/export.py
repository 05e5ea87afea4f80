"""Headless and GUI export: the same TimelineView, sized exactly, drawn into an image file."""
from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import render  # noqa: F401  (PySide6 before pyqtgraph)
from PySide6 import QtCore, QtWidgets

from .model import Timeline
from .render.theme import Theme
from .render.view import TimelineView

__all__ = ["ExportError", "ExportOptions", "ensure_app", "export_timeline", "render_timeline"]

IMAGE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}


class ExportError(Exception):
    """An export that could not be written; the message is one line for the user."""


@dataclass(frozen=True)
class ExportOptions:
    width: int = 1920
    height: int = 1080
    lanes: tuple[str, ...] | None = None
    start: float | None = None  # seconds since epoch, UTC
    end: float | None = None
    selected: str | None = None


def ensure_app() -> QtWidgets.QApplication:
    """The running QApplication, or a new one (offscreen when there is no display)."""
    app = QtWidgets.QApplication.instance()
    if app is None:
        if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QtWidgets.QApplication([sys.argv[0] if sys.argv else "timeline-app"])
    return app  # type: ignore[return-value]


def render_timeline(timeline: Timeline, options: ExportOptions, theme: Theme | None = None):
    """The timeline drawn by a TimelineView of exactly the requested size, as a QImage."""
    ensure_app()
    view = TimelineView(theme=theme)
    try:
        view.setAttribute(QtCore.Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        view.resize(options.width, options.height)
        view.show()
        QtWidgets.QApplication.processEvents()
        view.set_timeline(timeline, list(options.lanes) if options.lanes is not None else None)
        if options.start is not None and options.end is not None:
            view.set_time_range(options.start, options.end)
        view.select(options.selected)
        return view.render_image(options.width, options.height)
    finally:
        view.close()
        view.deleteLater()


def export_timeline(timeline: Timeline, out: str | Path, options: ExportOptions, theme: Theme | None = None) -> Path:
    """Write the export to `out` atomically: a failure leaves no file behind."""
    out = Path(out)
    fmt = IMAGE_FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise ExportError(f"cannot export to '{out.name}': unknown format '{out.suffix or '(none)'}'; use {', '.join(IMAGE_FORMATS)}")
    if options.width < 200 or options.height < 150 or options.width > 16384 or options.height > 16384:
        raise ExportError(f"size {options.width}x{options.height} is out of range (200x150 to 16384x16384)")
    image = render_timeline(timeline, options, theme)
    directory = out.parent if str(out.parent) else Path(".")
    if not directory.is_dir():
        raise ExportError(f"cannot write '{out}': folder '{directory}' does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.stem}.", suffix=out.suffix, dir=directory)
    except OSError as exc:
        raise ExportError(f"cannot write '{out}': {exc.strerror or exc}") from None
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # as an ordinary new file would be, not mkstemp's 0600
    try:
        if not image.save(tmp, fmt):
            raise ExportError(f"cannot write '{out}': the image could not be encoded as {fmt}")
        os.replace(tmp, out)
    except OSError as exc:
        raise ExportError(f"cannot write '{out}': {exc.strerror or exc}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return out
