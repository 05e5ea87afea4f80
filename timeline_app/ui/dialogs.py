"""Every message box of the app, in one place that tests can replace; none of them blocks."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

__all__ = ["show_error", "show_text"]


def _box(parent, icon, title: str, text: str, details: str = "") -> QtWidgets.QMessageBox:
    box = QtWidgets.QMessageBox(icon, title, text, QtWidgets.QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    if details:
        box.setDetailedText(details)
    box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.open()  # window-modal, does not block the event loop
    return box


def show_error(parent: QtWidgets.QWidget | None, title: str, text: str) -> QtWidgets.QMessageBox:
    return _box(parent, QtWidgets.QMessageBox.Icon.Critical, title, text)


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
