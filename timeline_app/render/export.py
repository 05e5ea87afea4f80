"""Writing figures to files (PNG, SVG, PDF) and images: one renderer for window and command line."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6 import QtCore, QtGui, QtSvg, QtWidgets

from ..core.figure import FORMATS, FigureSpec
from ..core.model import Timeline
from .compose import Figure

__all__ = ["ExportError", "ensure_app", "export_figure", "has_display", "render_image"]


class ExportError(Exception):
    """An export that could not be written; the message is one line for the user."""


def has_display() -> bool:
    """False on Linux without X11 or Wayland: a window could not open (images still can)."""
    return not sys.platform.startswith("linux") or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def ensure_app() -> QtWidgets.QApplication:
    """The running QApplication, or a new one (offscreen when there is no display)."""
    app = QtWidgets.QApplication.instance()
    if app is None:
        if not has_display():
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QtWidgets.QApplication([sys.argv[0] if sys.argv else "timeline-app"])
    return app  # type: ignore[return-value]


def check_spec(spec: FigureSpec) -> None:
    problem = spec.problem()
    if problem is not None:
        raise ExportError(problem)


def render_image(timeline: Timeline, spec: FigureSpec, palette: QtGui.QPalette | None = None) -> QtGui.QImage:
    """The figure as an image of exactly width*scale x height*scale pixels."""
    ensure_app()
    check_spec(spec)
    figure = Figure(timeline, spec, palette)
    try:
        image = QtGui.QImage(
            round(spec.width * spec.scale), round(spec.height * spec.scale), QtGui.QImage.Format.Format_ARGB32
        )
        image.setDevicePixelRatio(1.0)
        image.fill(QtGui.QColor(figure.theme.background))
        painter = QtGui.QPainter(image)
        painter.scale(spec.scale, spec.scale)
        figure.paint(painter)
        painter.end()
        return image
    finally:
        figure.close()


def _write_svg(figure: Figure, path: str) -> None:
    spec = figure.spec
    generator = QtSvg.QSvgGenerator()
    generator.setFileName(path)
    generator.setSize(QtCore.QSize(spec.width, spec.height))
    generator.setViewBox(QtCore.QRectF(0, 0, spec.width, spec.height))
    generator.setResolution(96)
    generator.setTitle(spec.title or "Security organisations timeline")
    generator.setDescription(figure.source_line() if spec.sources else "")
    painter = QtGui.QPainter()
    if not painter.begin(generator):
        raise ExportError(f"cannot write '{path}': the SVG could not be started")
    figure.paint(painter)
    painter.end()


def _write_pdf(figure: Figure, path: str) -> None:
    spec = figure.spec
    writer = QtGui.QPdfWriter(path)
    writer.setResolution(96)
    writer.setPageSize(
        QtGui.QPageSize(QtCore.QSizeF(spec.width * 72 / 96, spec.height * 72 / 96), QtGui.QPageSize.Unit.Point)
    )
    writer.setPageMargins(QtCore.QMarginsF(0, 0, 0, 0))
    writer.setTitle(spec.title or "Security organisations timeline")
    writer.setCreator("timeline-app")
    painter = QtGui.QPainter()
    if not painter.begin(writer):
        raise ExportError(f"cannot write '{path}': the PDF could not be started")
    figure.paint(painter)
    painter.end()


def export_figure(timeline: Timeline, out: str | Path, spec: FigureSpec, palette: QtGui.QPalette | None = None) -> Path:
    """Write the figure to `out` (format by extension), atomically: a failure leaves no file."""
    out = Path(out)
    fmt = out.suffix.lower()
    if fmt not in FORMATS:
        raise ExportError(
            f"cannot export to '{out.name}': unknown format '{out.suffix or '(none)'}'; use {', '.join(FORMATS)}"
        )
    check_spec(spec)
    directory = out.parent if str(out.parent) else Path(".")
    if not directory.is_dir():
        raise ExportError(f"cannot write '{out}': folder '{directory}' does not exist")
    ensure_app()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.stem}.", suffix=out.suffix, dir=directory)
    except OSError as exc:
        raise ExportError(f"cannot write '{out}': {exc.strerror or exc}") from None
    os.close(fd)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as an ordinary new file would be, not mkstemp's 0600
        if fmt == ".png":
            # PySide6's stubs want the format as bytes, but 6.10.3 refuses b"PNG" (ValueError): a str it is.
            if not render_image(timeline, spec, palette).save(tmp, "PNG"):  # type: ignore[call-overload]
                raise ExportError(f"cannot write '{out}': the image could not be saved (is the disk full?)")
        else:
            figure = Figure(timeline, spec, palette)
            try:
                (_write_svg if fmt == ".svg" else _write_pdf)(figure, tmp)
            finally:
                figure.close()
            if os.path.getsize(tmp) == 0:
                raise ExportError(f"cannot write '{out}': nothing was written (is the disk full?)")
        os.replace(tmp, out)
    except OSError as exc:
        raise ExportError(f"cannot write '{out}': {exc.strerror or exc}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return out
