"""Every dialog the app opens, in one place that tests replace.

Message boxes and text windows never block: they open window-modal and return at once. The
choosers (a file to open, the options and file of an export) wait for the user's answer, as
file dialogs do; tests replace them with functions that answer at once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore, QtWidgets

from ..core.figure import FORMATS, FigureSpec

__all__ = ["ask_export", "ask_open_path", "show_error", "show_text"]


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


def ask_open_path(parent: QtWidgets.QWidget | None, folder: str) -> Path | None:
    """The events file the user chooses to open, or None."""
    name, _ = QtWidgets.QFileDialog.getOpenFileName(
        parent, "Open events file", folder, "Events (*.yaml *.yml);;All files (*)"
    )
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
