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

__all__ = [
    "ask_export",
    "ask_folder",
    "ask_open_path",
    "ask_range",
    "ask_save_changes",
    "ask_tour_open_path",
    "ask_tour_save_path",
    "show_error",
    "show_sources",
    "show_text",
]


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
        parent, "Open events file", folder, "Events (*.yaml *.yml *.json *.csv);;All files (*)"
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
    parent: QtWidgets.QWidget | None, timeline: Timeline, spec: FigureSpec, folder: str, keep_titles: bool
) -> tuple[FigureSpec, Path, bool] | None:
    """The figure to export (starting from `spec`: the view, with the options last used), then
    the file to write (its format by extension), and whether the title and caption are to be
    kept for the next export; None when cancelled."""
    from .export_dialog import ExportDialog

    palette = parent.palette() if parent is not None else None
    dialog = ExportDialog(timeline, spec, keep_titles, palette, parent)
    if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
        return None
    chosen, keep_titles = dialog.spec(), dialog.keep_titles
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
    return chosen, path, keep_titles


def ask_range(parent: QtWidgets.QWidget, time_range: tuple[float, float]) -> tuple[PartialDate, PartialDate] | None:
    """View > Go To: the From / To dates the user types (starting from the range shown), or None."""
    from .goto_dialog import GoToDialog

    return GoToDialog.ask(parent, time_range)


#: The file dialogs' filter for tours.
TOUR_FILTER = "Tours (*.tour.yaml);;All files (*)"


def ask_tour_open_path(parent: QtWidgets.QWidget | None, folder: str) -> Path | None:
    """File > Open Tour: the tour file the user chooses, or None."""
    name, _ = QtWidgets.QFileDialog.getOpenFileName(parent, "Open tour", folder, TOUR_FILTER)
    return Path(name) if name else None


def ask_tour_save_path(parent: QtWidgets.QWidget | None, suggested: Path) -> Path | None:
    """File > Save Tour As: where to write the tour (ending in .tour.yaml), or None."""
    name, _ = QtWidgets.QFileDialog.getSaveFileName(parent, "Save tour", str(suggested), TOUR_FILTER)
    if not name:
        return None
    path = Path(name)
    if not path.name.endswith(".tour.yaml"):
        path = path.with_name(path.name.removesuffix(".yaml").removesuffix(".tour") + ".tour.yaml")
    return path


def ask_save_changes(parent: QtWidgets.QWidget | None, name: str) -> str:
    """Ask "Save changes to the tour?" before it is replaced or the window closes: 'save',
    'discard' or 'cancel' (the box waits for the answer, as a file dialog does)."""
    buttons = QtWidgets.QMessageBox.StandardButton
    box = QtWidgets.QMessageBox(
        QtWidgets.QMessageBox.Icon.Question,
        "Save changes to the tour?",
        f"The tour {name} has changes that are not saved.",
        buttons.Save | buttons.Discard | buttons.Cancel,
        parent,
    )
    box.setInformativeText("Save them before it is closed?")
    box.setDefaultButton(buttons.Save)
    answer = box.exec()
    return {buttons.Save: "save", buttons.Discard: "discard"}.get(buttons(answer), "cancel")
