"""Every dialog the app opens, in one place that tests replace.

Message boxes and text windows never block: they open window-modal and return at once. The
choosers (a file to open, the options and file of an export) wait for the user's answer, as
file dialogs do; tests replace them with functions that answer at once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6 import QtCore, QtWidgets

from ..core.dates import PartialDate
from ..core.figure import FORMATS, FigureSpec
from ..core.model import Timeline

__all__ = ["ask_export", "ask_folder", "ask_open_path", "ask_range", "show_error", "show_sources", "show_text"]


def show_error(parent: QtWidgets.QWidget | None, title: str, text: str) -> QtWidgets.QMessageBox:
    box = QtWidgets.QMessageBox(
        QtWidgets.QMessageBox.Icon.Critical, title, text, QtWidgets.QMessageBox.StandardButton.Ok, parent
    )
    box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.open()  # window-modal, does not block the event loop
    return box


def show_text(parent: QtWidgets.QWidget | None, title: str, text: str) -> QtWidgets.QDialog:
    """A read-only plain-text window (data sources, about)."""
    dialog = QtWidgets.QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose, True)
    layout = QtWidgets.QVBoxLayout(dialog)
    view = QtWidgets.QPlainTextEdit(text)
    view.setReadOnly(True)
    view.setLineWrapMode(QtWidgets.QPlainTextEdit.LineWrapMode.WidgetWidth)
    layout.addWidget(view)
    buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.close)
    layout.addWidget(buttons)
    dialog.resize(640, 420)
    dialog.show()
    return dialog


def show_sources(
    parent: QtWidgets.QWidget | None, timeline: Timeline, on_filter: Callable[[str], None]
) -> QtWidgets.QDialog:
    """Help > Data Sources: each source, with a button that filters by it (`on_filter(id)`)."""
    from .sources_dialog import SourcesDialog

    dialog = SourcesDialog(timeline, on_filter, parent)
    dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.show()
    return dialog


def ask_open_path(parent: QtWidgets.QWidget | None, folder: str) -> Path | None:
    """The events file the user chooses to open, or None."""
    name, _ = QtWidgets.QFileDialog.getOpenFileName(
        parent, "Open events file", folder, "Events (*.yaml *.yml);;All files (*)"
    )
    return Path(name) if name else None


def ask_folder(parent: QtWidgets.QWidget | None, title: str, folder: str) -> Path | None:
    """A folder the user chooses (the source documents'), or None."""
    name = QtWidgets.QFileDialog.getExistingDirectory(parent, title, folder)
    return Path(name) if name else None


def file_filters() -> str:
    """'PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)', from the formats."""
    return ";;".join(f"{name} (*{suffix})" for suffix, name in FORMATS.items())


def ask_export(
    parent: QtWidgets.QWidget | None, spec: FigureSpec, has_selection: bool, folder: str
) -> tuple[FigureSpec, Path] | None:
    """The export options, then the file to write (its format by extension), or None."""
    from .export_dialog import ExportDialog

    dialog = ExportDialog(spec, has_selection, parent)
    if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
        return None
    chosen = dialog.spec(spec)
    filters = file_filters()
    name, selected_filter = QtWidgets.QFileDialog.getSaveFileName(
        parent, "Export image", str(Path(folder) / "timeline.png"), filters
    )
    if not name:
        return None
    path = Path(name)
    if not path.suffix:
        index = filters.split(";;").index(selected_filter) if selected_filter in filters.split(";;") else 0
        path = path.with_suffix(list(FORMATS)[index])
    return chosen, path


def ask_range(parent: QtWidgets.QWidget, time_range: tuple[float, float]) -> tuple[PartialDate, PartialDate] | None:
    """View > Go To: the From / To dates the user types (starting from the range shown), or None."""
    from .goto_dialog import GoToDialog

    return GoToDialog.ask(parent, time_range)
