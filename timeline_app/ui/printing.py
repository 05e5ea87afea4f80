"""File > Print and Print Preview: the export's figure, fitted to the page (landscape at first), as vectors."""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore, QtGui, QtPrintSupport, QtWidgets

from ..core.figure import FigureSpec
from ..core.model import Timeline
from ..render.compose import Figure
from ..render.export import DEFAULT_TITLE, ExportError, check_spec

__all__ = ["FIGURE_DPI", "FigurePrinter", "PrintError", "print_figure"]

#: The resolution a figure is painted at, as render/export.py paints a PDF: its text is sized in
#: points for this many logical pixels per inch, and the page is then scaled to fit.
FIGURE_DPI = 96

#: (timeline, figure) to print now, or None when there is nothing to print
FigureSource = Callable[[], tuple[Timeline, FigureSpec] | None]


class PrintError(Exception):
    """A page that could not be printed; the message is one line for the user."""


def fit_to_page(figure: QtCore.QSizeF, page: QtCore.QSizeF) -> QtGui.QTransform:
    """Figure coordinates to page coordinates: as large as fits, the aspect ratio kept, centred."""
    scale = min(page.width() / figure.width(), page.height() / figure.height())
    dx = (page.width() - figure.width() * scale) / 2
    dy = (page.height() - figure.height() * scale) / 2
    return QtGui.QTransform(scale, 0, 0, scale, dx, dy)


def print_figure(
    printer: QtPrintSupport.QPrinter, timeline: Timeline, spec: FigureSpec, palette: QtGui.QPalette | None = None
) -> None:
    """Paint the figure of `spec` on one page of `printer`, fitted and centred, as vectors (the
    figure's own painting, with a transform). Raises PrintError."""
    try:
        check_spec(spec)
    except ExportError as exc:
        raise PrintError(str(exc)) from None
    printer.setResolution(FIGURE_DPI)
    printer.setDocName(spec.title or DEFAULT_TITLE)
    figure = Figure(timeline, spec, palette)
    painter = QtGui.QPainter()
    try:
        if not painter.begin(printer):
            raise PrintError("the printer could not be started")
        page = printer.pageRect(QtPrintSupport.QPrinter.Unit.DevicePixel).size()
        painter.setTransform(fit_to_page(QtCore.QSizeF(spec.width, spec.height), page))
        painter.setClipRect(QtCore.QRectF(0, 0, spec.width, spec.height))
        figure.paint(painter)
    finally:
        if painter.isActive():
            painter.end()
        figure.close()


class FigurePrinter(QtCore.QObject):
    """The window's printer: one for the session, so that the page set-up chosen (landscape at
    first) stays from one print to the next; prints what `figure_of` gives."""

    def __init__(
        self,
        parent: QtWidgets.QWidget,
        figure_of: FigureSource,
        on_error: Callable[[str], object],
    ) -> None:
        super().__init__(parent)
        self._window = parent
        self._figure_of = figure_of
        self._on_error = on_error
        self.printer = QtPrintSupport.QPrinter(QtPrintSupport.QPrinter.PrinterMode.HighResolution)
        self.printer.setPageOrientation(QtGui.QPageLayout.Orientation.Landscape)

    def print_page(self, printer: QtPrintSupport.QPrinter | None = None) -> bool:
        """Print the figure on `printer` (the window's); a failure is one message."""
        found = self._figure_of()
        if found is None:
            return False
        try:
            print_figure(printer or self.printer, *found, self._window.palette())
        except PrintError as exc:
            self._on_error(str(exc))
            return False
        return True

    def ask_and_print(self) -> bool:
        """File > Print: the system's print dialog, then the page; False when cancelled."""
        if self._figure_of() is None:
            return False
        dialog = QtPrintSupport.QPrintDialog(self.printer, self._window)
        dialog.setWindowTitle("Print the timeline")
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return False
        return self.print_page()

    def preview(self) -> QtPrintSupport.QPrintPreviewDialog | None:
        """File > Print Preview: the page as it will print, window-modal, not waited for."""
        if self._figure_of() is None:
            return None
        dialog = QtPrintSupport.QPrintPreviewDialog(self.printer, self._window)
        dialog.setWindowTitle("Print Preview")
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.paintRequested.connect(self.print_page)
        dialog.resize(self._preview_size())
        dialog.open()
        return dialog

    def _preview_size(self) -> QtCore.QSize:
        """Most of the screen the window is on, never more than it."""
        screen = self._window.screen().availableGeometry()
        return QtCore.QSize(min(1100, screen.width() * 9 // 10), min(800, screen.height() * 9 // 10))
