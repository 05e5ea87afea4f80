"""Writing figures to files (PNG, SVG, PDF) and images: one renderer for window and command line."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from PySide6 import QtCore, QtGui, QtSvg, QtWidgets

from ..core.figure import FORMATS, FigureSpec
from ..core.files import atomic_file
from ..core.model import Timeline
from .compose import Figure

__all__ = [
    "DEFAULT_TITLE",
    "ExportError",
    "atomic_path",
    "ensure_app",
    "export_figure",
    "has_display",
    "render_image",
    "write_figure",
    "write_pdf",
]

#: The title of a document (SVG, PDF) whose figure or deck has none.
DEFAULT_TITLE = "Security organisations timeline"


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
    generator.setTitle(spec.title or DEFAULT_TITLE)
    generator.setDescription(figure.source_line() if spec.sources else "")
    painter = QtGui.QPainter()
    if not painter.begin(generator):
        raise ExportError(f"cannot write '{path}': the SVG could not be started")
    figure.paint(painter)
    painter.end()


def _page_size(spec: FigureSpec) -> QtGui.QPageSize:
    """A page of the figure's size: its logical pixels at 96 per inch."""
    return QtGui.QPageSize(QtCore.QSizeF(spec.width * 72 / 96, spec.height * 72 / 96), QtGui.QPageSize.Unit.Point)


def write_pdf(path: str, figures: Iterable[Figure], title: str) -> int:
    """Paint each figure on a page of its own size, in order, into one PDF called `title`;
    returns the number of pages. A figure may be built only when its page comes (a generator)."""
    writer: QtGui.QPdfWriter | None = None
    painter = QtGui.QPainter()
    pages = 0
    try:
        for figure in figures:
            if writer is None:
                writer = QtGui.QPdfWriter(path)
                writer.setResolution(96)
                writer.setPageSize(_page_size(figure.spec))
                writer.setPageMargins(QtCore.QMarginsF(0, 0, 0, 0))
                writer.setTitle(title)
                writer.setCreator("timeline-app")
                if not painter.begin(writer):
                    raise ExportError(f"cannot write '{path}': the PDF could not be started")
            else:
                writer.setPageSize(_page_size(figure.spec))
                writer.newPage()
            figure.paint(painter)
            pages += 1
    finally:
        if painter.isActive():
            painter.end()
    return pages


def _write_pdf(figure: Figure, path: str) -> None:
    write_pdf(path, [figure], figure.spec.title or DEFAULT_TITLE)


@contextlib.contextmanager
def atomic_path(out: Path) -> Iterator[str]:
    """A new temporary file beside `out` to write; it becomes `out` when the block ends and is
    removed when the block fails, so a failed export leaves no file. Raises ExportError."""
    directory = out.parent if str(out.parent) else Path(".")
    if not directory.is_dir():
        raise ExportError(f"cannot write '{out}': folder '{directory}' does not exist")
    try:
        with atomic_file(out) as tmp:
            yield tmp
            if os.path.getsize(tmp) == 0:
                raise ExportError(f"cannot write '{out}': nothing was written (is the disk full?)")
    except OSError as exc:
        raise ExportError(f"cannot write '{out}': {exc.strerror or exc}") from None


def export_figure(timeline: Timeline, out: str | Path, spec: FigureSpec, palette: QtGui.QPalette | None = None) -> Path:
    """Write the figure to `out` (format by extension), atomically: a failure leaves no file."""
    out = Path(out)
    fmt = out.suffix.lower()
    if fmt not in FORMATS:
        raise ExportError(
            f"cannot export to '{out.name}': unknown format '{out.suffix or '(none)'}'; use {', '.join(FORMATS)}"
        )
    check_spec(spec)
    ensure_app()
    with atomic_path(out) as tmp:
        write_figure(timeline, tmp, spec, palette, fmt, out)
    return out


def write_figure(
    timeline: Timeline, path: str, spec: FigureSpec, palette: QtGui.QPalette | None, fmt: str, out: Path
) -> None:
    """Write the figure to `path` (a temporary file) in the format `fmt` (".png", ".svg", ".pdf");
    `out` is the file it becomes, named in an error."""
    if fmt == ".png":
        # PySide6's stubs want the format as bytes, but 6.10.3 refuses b"PNG" (ValueError): a str it is.
        if not render_image(timeline, spec, palette).save(path, "PNG"):  # type: ignore[call-overload]
            raise ExportError(f"cannot write '{out}': the image could not be saved (is the disk full?)")
        return
    figure = Figure(timeline, spec, palette)
    try:
        (_write_svg if fmt == ".svg" else _write_pdf)(figure, path)
    finally:
        figure.close()
