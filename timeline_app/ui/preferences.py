"""Edit > Preferences: the folder of the source documents (and whether the documents are there),
and whether moves between tour stops are animated."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6 import QtCore, QtWidgets

from ..core.documents import document_folders, find_document
from ..core.model import Source
from . import dialogs

__all__ = ["PreferencesDialog", "documents_found"]


def documents_found(folder: str, sources: Sequence[Source], events_file: Path | None) -> str:
    """One line on what a reader finds with this folder: how many documents, and which are missing."""
    wanted = [s for s in sources if s.file]
    if not wanted:
        return "The events file names no source documents."
    folder = folder.strip()
    if folder and not Path(folder).is_dir():
        return f"There is no folder {folder}."
    folders = document_folders(folder or None, events_file)
    missing = [s.file for s in wanted if find_document(s, folders) is None]
    where = "here" if folder else "beside the events file"
    if not missing:
        return f"All {len(wanted)} source documents are found {where}."
    found = len(wanted) - len(missing)
    return (
        f"{found} of {len(wanted)} source documents are found {where}; missing: {', '.join(str(m) for m in missing)}."
    )


class PreferencesDialog(QtWidgets.QDialog):
    """The folder of the source documents (typed, or chosen with Browse…); `folder()` on OK."""

    def __init__(
        self,
        folder: str,
        sources: Sequence[Source],
        events_file: Path | None,
        parent: QtWidgets.QWidget | None = None,
        reduce_motion: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self._sources, self._events_file = list(sources), events_file
        intro = QtWidgets.QLabel(
            "Citations open in their source documents (Details: \u201cShow in document\u201d) when the "
            "documents are in this folder or beside the events file. The app never copies them."
        )
        intro.setWordWrap(True)
        self.folder_edit = QtWidgets.QLineEdit(folder)
        self.folder_edit.setAccessibleName("Folder of the source documents")
        self.folder_edit.setPlaceholderText("beside the events file")
        self.folder_edit.setClearButtonEnabled(True)
        self.browse_button = QtWidgets.QPushButton("Browse\u2026")
        self.browse_button.setAccessibleName("Choose the folder of the source documents")
        self.browse_button.clicked.connect(self._browse)
        self.status = QtWidgets.QLabel()
        self.status.setObjectName("documentsFound")
        self.status.setAccessibleName("Documents found")
        self.status.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.folder_edit, 1)
        row.addWidget(self.browse_button)
        form = QtWidgets.QFormLayout()
        label = QtWidgets.QLabel("Source &documents:")
        label.setBuddy(self.folder_edit)
        form.addRow(label, row)
        form.addRow("", self.status)
        self.reduce_motion_box = QtWidgets.QCheckBox("Reduce &motion: go to a tour's stops at once, without animation")
        self.reduce_motion_box.setAccessibleName("Reduce motion")
        self.reduce_motion_box.setChecked(reduce_motion)
        form.addRow("", self.reduce_motion_box)
        buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.folder_edit.textChanged.connect(self._update_status)
        self._update_status()
        self.resize(560, 230)

    def folder(self) -> str:
        """The folder as typed or chosen ('': none, the events file's folder only)."""
        return self.folder_edit.text().strip()

    def reduce_motion(self) -> bool:
        """Moves between tour stops instant (True) or animated."""
        return self.reduce_motion_box.isChecked()

    def _browse(self) -> None:
        start = self.folder() or (str(self._events_file.parent) if self._events_file else "")
        chosen = dialogs.ask_folder(self, "Folder of the source documents", start)
        if chosen is not None:
            self.folder_edit.setText(str(chosen))

    def _update_status(self) -> None:
        self.status.setText(documents_found(self.folder(), self._sources, self._events_file))
