"""The Tour panel: the open tour's title, its stops (drag to reorder, F2 to rename, double-click
to go), buttons for the common edits and the chosen stop's speaker note."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6 import QtCore, QtGui, QtWidgets

from .tour_model import TourModel

__all__ = ["TourDock", "TourList"]

_EMPTY_HINT = "No stops yet. Show a view, then Tour \u203a Add View to Tour (Ctrl+B) makes it the next stop."


class _OneLine(QtWidgets.QStyledItemDelegate):
    """A stop is as wide as the list, never wider: a long heading ends in "…" (its tooltip has
    it whole), and the list never scrolls sideways."""

    def sizeHint(
        self, option: QtWidgets.QStyleOptionViewItem, index: QtCore.QModelIndex | QtCore.QPersistentModelIndex
    ) -> QtCore.QSize:
        return QtCore.QSize(1, super().sizeHint(option, index).height())


class TourList(QtWidgets.QListView):
    """The stops, one a line. A drag moves a stop (Qt's own drag and drop, within the list);
    `dragged_rows` keeps the rows of the last drag started, for tests and the status bar."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.dragged_rows: list[int] = []
        self.setObjectName("tourStops")
        self.setAccessibleName("Stops of the tour")
        self.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QtWidgets.QAbstractItemView.DragDropMode.DragDrop)  # our own type only
        self.setDefaultDropAction(QtCore.Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(False)
        self.setDropIndicatorShown(True)
        triggers = QtWidgets.QAbstractItemView.EditTrigger
        self.setEditTriggers(triggers.EditKeyPressed)  # F2 renames; a double-click goes to the stop
        self.setTextElideMode(QtCore.Qt.TextElideMode.ElideRight)
        self.setItemDelegate(_OneLine(self))
        self.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setUniformItemSizes(True)
        self.setSpacing(1)
        self.setContextMenuPolicy(QtCore.Qt.ContextMenuPolicy.ActionsContextMenu)

    def startDrag(self, supportedActions: QtCore.Qt.DropAction) -> None:
        self.dragged_rows = sorted(index.row() for index in self.selectedIndexes())
        super().startDrag(supportedActions)


class TourDock(QtWidgets.QWidget):
    """The open tour: its title (editable), a line of what it is (its file, its stops, what it
    was made for), the stops, the edit buttons and the chosen stop's speaker note. A double-click
    on a stop asks to go there (`goRequested`); edits go to the model."""

    goRequested = QtCore.Signal(int)  # the row of the stop to go to
    currentChanged = QtCore.Signal(int)  # the row chosen in the list (-1: none)

    def __init__(self, model: TourModel, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.title_edit = QtWidgets.QLineEdit()
        self.title_edit.setObjectName("tourTitle")
        self.title_edit.setAccessibleName("Title of the tour")
        self.title_edit.setPlaceholderText("Untitled tour")
        self.title_edit.setStyleSheet("QLineEdit#tourTitle { font-weight: 600; }")
        self.info = QtWidgets.QLabel()
        self.info.setObjectName("tourInfo")
        self.info.setAccessibleName("About the tour")
        self.info.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.info.setWordWrap(True)
        self.info.setStyleSheet("QLabel#tourInfo { color: palette(placeholder-text); }")
        self.hint = QtWidgets.QLabel(_EMPTY_HINT)
        self.hint.setObjectName("tourHint")
        self.hint.setWordWrap(True)
        self.list = TourList()
        self.list.setModel(model)
        self.buttons = QtWidgets.QHBoxLayout()
        self.buttons.setSpacing(4)
        self.note_label = QtWidgets.QLabel("Speaker &note (never shown to the audience):")
        self.note_edit = QtWidgets.QPlainTextEdit()
        self.note_edit.setObjectName("tourNote")
        self.note_edit.setAccessibleName("Speaker note of the chosen stop")
        self.note_edit.setPlaceholderText("What to say at this stop")
        self.note_edit.setTabChangesFocus(True)
        self.note_label.setBuddy(self.note_edit)
        line = self.note_edit.fontMetrics().lineSpacing()
        self.note_edit.setFixedHeight(line * 5 + 12)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.title_edit)
        layout.addWidget(self.info)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)
        layout.addLayout(self.buttons)
        layout.addWidget(self.note_label)
        layout.addWidget(self.note_edit)

        self.title_edit.textEdited.connect(model.set_title)
        self.note_edit.textChanged.connect(self._note_typed)
        self.list.doubleClicked.connect(lambda index: self.goRequested.emit(index.row()))
        selection = self.list.selectionModel()
        selection.currentRowChanged.connect(lambda current, _previous: self._chosen(current.row()))
        model.titleChanged.connect(self._show_title)
        model.edited.connect(self._show_note)
        model.edited.connect(self._show_empty)
        model.modelReset.connect(self._after_reset)
        self._show_title(model.tour.title)
        self._show_empty()
        self._show_note()

    # --- the chosen stop ---------------------------------------------------------------
    def current_row(self) -> int:
        index = self.list.currentIndex()
        return index.row() if index.isValid() else -1

    def set_current_row(self, row: int) -> None:
        """Choose a stop in the list (-1: none), as a click would."""
        if row < 0 or row >= self.model.rowCount():
            self.list.setCurrentIndex(QtCore.QModelIndex())
            return
        index = self.model.index(row)
        self.list.setCurrentIndex(index)
        self.list.scrollTo(index)

    def _chosen(self, row: int) -> None:
        self._show_note()
        self.currentChanged.emit(row)

    def _after_reset(self) -> None:
        """Another tour, or an undo: the first stop chosen when there is one."""
        self.set_current_row(0 if self.model.rowCount() else -1)
        self._show_note()

    # --- words ------------------------------------------------------------------------------
    def _show_title(self, title: str) -> None:
        if " ".join(self.title_edit.text().split()) != title:
            self.title_edit.setText(title)
            self.title_edit.setCursorPosition(0)  # its beginning in view, not its end

    def _show_note(self) -> None:
        """The chosen stop's note in the box (unless the box holds it already, as typed)."""
        row = self.current_row()
        self.note_edit.setEnabled(row >= 0)
        note = self.model.stop(row).note if row >= 0 else ""
        if self.note_edit.toPlainText().strip() != note:
            self.note_edit.blockSignals(True)
            self.note_edit.setPlainText(note)
            self.note_edit.blockSignals(False)

    def _note_typed(self) -> None:
        row = self.current_row()
        if row >= 0:
            self.model.set_note(row, self.note_edit.toPlainText())

    def _show_empty(self) -> None:
        self.hint.setVisible(self.model.rowCount() == 0)

    def set_info(self, text: str) -> None:
        """The line under the title: the tour's file, its stops, warnings, what it was made for."""
        self.info.setText(text)
        self.info.setVisible(bool(text))

    # --- actions --------------------------------------------------------------------------
    def add_buttons(self, buttons: Sequence[tuple[str, QtGui.QAction]]) -> None:
        """A small button for each (short text, action): Add, Update, Rename, Delete; enabled
        with its action, its tip the action's (with the shortcut)."""
        for text, action in buttons:
            button = QtWidgets.QPushButton(text)
            button.setAutoDefault(False)
            button.setAccessibleName(action.text().replace("&", "").rstrip("\u2026"))
            button.clicked.connect(action.trigger)

            def follow(button: QtWidgets.QPushButton = button, action: QtGui.QAction = action) -> None:
                button.setEnabled(action.isEnabled())
                button.setToolTip(action.toolTip())

            action.changed.connect(follow)
            follow()
            self.buttons.addWidget(button)
        self.buttons.addStretch(1)

    def add_list_actions(self, actions: Sequence[QtGui.QAction | None]) -> None:
        """The list's right-click menu (None: a separator). An action whose shortcut context is
        WidgetShortcut acts by its keys while the list has the focus (F2, Del, Enter, Alt+Up)."""
        for action in actions:
            if action is None:
                separator = QtGui.QAction(self.list)
                separator.setSeparator(True)
                self.list.addAction(separator)
            else:
                self.list.addAction(action)
