"""The open tour as a list model: its stops, edited (add, rename, move, update, delete, undo),
checked against the timeline shown, and whether it differs from the file it was read from."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from PySide6 import QtCore, QtGui, QtWidgets

from ..core.dates import format_range
from ..core.model import Timeline
from ..core.startup import RangeError
from ..core.tour import Stop, Tour, check_tour

__all__ = ["MIME_TYPE", "PROBLEMS_ROLE", "STOP_ROLE", "TourModel", "stop_label"]

STOP_ROLE = QtCore.Qt.ItemDataRole.UserRole  # the Stop of a row
PROBLEMS_ROLE = QtCore.Qt.ItemDataRole.UserRole + 1  # its warnings against the timeline shown (list[str])
#: What a dragged stop carries: this model's key and the rows, so that only this list takes it.
MIME_TYPE = "application/x-timeline-tour-stops"
_UNDO_LIMIT = 100
_ROOT = QtCore.QModelIndex()


def stop_label(stop: Stop) -> str:
    """What a stop is called in lists: its heading, or its range when it has none."""
    if stop.heading:
        return stop.heading
    try:
        return format_range(*stop.time_range())
    except RangeError:
        return "(a range the timeline cannot show)"


def _own_words(message: str) -> str:
    """A warning of check_tour about one stop, without the stop's number: 'Lanes: unknown lane…'."""
    text = re.sub(r"^stop 1\b:?\s*", "", message)
    return text[:1].upper() + text[1:]


class TourModel(QtCore.QAbstractListModel):
    """The open tour: a row a stop, shown as "3  The heading" (or its range), edited in place
    (the heading with F2), reordered by drag and drop or `move_stop`. Every edit keeps the
    tour before it for `undo`; `modified` says whether the tour differs from the one last read
    or saved. Warnings come from `check_tour` of each stop against the timeline shown."""

    modifiedChanged = QtCore.Signal(bool)
    titleChanged = QtCore.Signal(str)
    pathChanged = QtCore.Signal(object)  # Path | None
    undoChanged = QtCore.Signal(bool)  # whether there is an edit to undo
    edited = QtCore.Signal()  # any change of the tour (stops, words, title, another tour)

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._tour = Tour()
        self._saved = Tour()  # the tour as last read or written: `modified` compares with it
        self._undo: list[tuple[Tour, object]] = []  # (tour before an edit, what the edit was)
        self._timeline: Timeline | None = None
        self._warnings: dict[Stop, list[str]] = {}
        self._key = f"{id(self)}"

    # --- reading ---------------------------------------------------------------------
    @property
    def tour(self) -> Tour:
        return self._tour

    @property
    def stops(self) -> tuple[Stop, ...]:
        return self._tour.stops

    @property
    def path(self) -> Path | None:
        return self._tour.path

    @property
    def modified(self) -> bool:
        return self._tour != self._saved

    def stop(self, row: int) -> Stop:
        return self._tour.stops[row]

    def warnings(self, row: int) -> list[str]:
        """What a stop names that the timeline shown does not have (empty without a timeline)."""
        stop = self._tour.stops[row]
        if self._timeline is None:
            return []
        if stop not in self._warnings:
            single = Tour(stops=(stop,))
            self._warnings[stop] = [_own_words(p.message) for p in check_tour(single, self._timeline, "")]
        return self._warnings[stop]

    def rowCount(self, parent: QtCore.QModelIndex | QtCore.QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._tour.stops)

    def data(self, index: QtCore.QModelIndex | QtCore.QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._tour.stops):
            return None
        row = index.row()
        stop = self._tour.stops[row]
        roles = QtCore.Qt.ItemDataRole
        if role == roles.DisplayRole:
            return f"{row + 1}  {stop_label(stop)}"
        if role == roles.EditRole:
            return stop.heading
        if role in (roles.ToolTipRole, roles.AccessibleDescriptionRole):
            return self._tooltip(row)
        if role == roles.DecorationRole:
            return self._mark(row)
        if role == STOP_ROLE:
            return stop
        if role == PROBLEMS_ROLE:
            return self.warnings(row)
        return None

    def _mark(self, row: int) -> QtGui.QIcon | None:
        """A warning sign on a stop with warnings; where another stop has one, a blank of its
        size, so that the numbers stay in a column."""
        if self.warnings(row):
            style = QtWidgets.QApplication.style()
            return style.standardIcon(QtWidgets.QStyle.StandardPixmap.SP_MessageBoxWarning) if style else None
        if any(self.warnings(other) for other in range(len(self._tour.stops))):
            blank = QtGui.QPixmap(16, 16)
            blank.fill(QtCore.Qt.GlobalColor.transparent)
            return QtGui.QIcon(blank)
        return None

    def _tooltip(self, row: int) -> str:
        stop = self._tour.stops[row]
        lines = [stop.note or "No speaker note."]
        if stop.heading:
            lines.insert(0, stop_label(stop.replace(heading="")))
        lines += [f"\u26a0 {message}" for message in self.warnings(row)]
        return "\n".join(lines)

    def flags(self, index: QtCore.QModelIndex | QtCore.QPersistentModelIndex) -> QtCore.Qt.ItemFlag:
        flag = QtCore.Qt.ItemFlag
        if not index.isValid():
            return flag.ItemIsDropEnabled  # drops go between stops, never onto one
        return flag.ItemIsEnabled | flag.ItemIsSelectable | flag.ItemIsEditable | flag.ItemIsDragEnabled

    def setData(self, index: QtCore.QModelIndex | QtCore.QPersistentModelIndex, value: Any, role: int = 2) -> bool:
        """The heading, typed in the list (F2)."""
        if not index.isValid() or role != QtCore.Qt.ItemDataRole.EditRole:
            return False
        self.set_heading(index.row(), str(value))
        return True

    # --- a whole tour -------------------------------------------------------------------
    def set_tour(self, tour: Tour) -> None:
        """Show another tour (read from a file, or new): nothing to undo, not modified."""
        old_path = self._tour.path
        self.beginResetModel()
        self._tour = self._saved = tour
        self._undo.clear()
        self.endResetModel()
        self._announce(title=True)
        self.undoChanged.emit(False)
        if tour.path != old_path:
            self.pathChanged.emit(tour.path)

    def mark_saved(self, tour: Tour) -> None:
        """The tour was written as `tour` (its path, its events file): no longer modified."""
        old_path = self._tour.path
        self._tour = self._saved = tour
        self.modifiedChanged.emit(False)
        self.edited.emit()
        if tour.path != old_path:
            self.pathChanged.emit(tour.path)

    def set_timeline(self, timeline: Timeline | None) -> None:
        """Check the stops against this timeline (the one shown) from now on."""
        self._timeline = timeline
        self._warnings.clear()
        self._rows_changed(0)

    # --- edits -----------------------------------------------------------------------------
    def set_title(self, title: str) -> None:
        title = " ".join(title.split())
        if title != self._tour.title:
            self._edit(self._tour.replace(title=title), "title")
            self._announce(title=True)

    def add_stop(self, stop: Stop, row: int | None = None) -> int:
        """Insert a stop (at the end without `row`); its row."""
        row = len(self._tour.stops) if row is None else max(0, min(row, len(self._tour.stops)))
        stops = list(self._tour.stops)
        stops.insert(row, stop)
        self.beginInsertRows(_ROOT, row, row)
        self._edit(self._tour.replace(stops=tuple(stops)))
        self.endInsertRows()
        self._rows_changed(row + 1)
        self._announce()
        return row

    def remove_stop(self, row: int) -> Stop:
        stops = list(self._tour.stops)
        removed = stops.pop(row)
        self.beginRemoveRows(_ROOT, row, row)
        self._edit(self._tour.replace(stops=tuple(stops)))
        self.endRemoveRows()
        self._rows_changed(row)
        self._announce()
        return removed

    def replace_stop(self, row: int, stop: Stop, merge: object = None) -> None:
        """Put `stop` in place of a row's (update from the view, a new heading or note);
        consecutive edits with the same `merge` key are one step of undo (typing a note)."""
        if stop == self._tour.stops[row]:
            return
        stops = list(self._tour.stops)
        stops[row] = stop
        self._edit(self._tour.replace(stops=tuple(stops)), merge)
        self._rows_changed(row, row)
        self._announce()

    def set_heading(self, row: int, heading: str) -> None:
        self.replace_stop(row, self._tour.stops[row].replace(heading=" ".join(heading.split())))

    def set_note(self, row: int, note: str) -> None:
        self.replace_stop(row, self._tour.stops[row].replace(note=note.strip()), merge=("note", row))

    def move_stop(self, row: int, to: int) -> bool:
        """Move a stop so that it ends at row `to`; False when it cannot go there."""
        if not (0 <= row < len(self._tour.stops) and 0 <= to < len(self._tour.stops)) or row == to:
            return False
        return self.moveRows(_ROOT, row, 1, _ROOT, to + 1 if to > row else to)

    def moveRows(
        self,
        source_parent: QtCore.QModelIndex | QtCore.QPersistentModelIndex,
        source_row: int,
        count: int,
        destination_parent: QtCore.QModelIndex | QtCore.QPersistentModelIndex,
        destination: int,
    ) -> bool:
        """Qt's move (what a drop in the list calls): rows [source_row, +count) go before the row
        `destination` as numbered before the move."""
        stops = list(self._tour.stops)
        last = source_row + count - 1
        if source_parent.isValid() or destination_parent.isValid() or count < 1:
            return False
        if not (0 <= source_row and last < len(stops) and 0 <= destination <= len(stops)):
            return False
        if source_row <= destination <= last + 1:
            return False  # onto itself
        if not self.beginMoveRows(_ROOT, source_row, last, _ROOT, destination):
            return False
        moving = stops[source_row : last + 1]
        del stops[source_row : last + 1]
        at = destination if destination < source_row else destination - count
        stops[at:at] = moving
        self._edit(self._tour.replace(stops=tuple(stops)))
        self.endMoveRows()
        self._rows_changed(min(source_row, at))
        self._announce()
        return True

    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> bool:
        """Back to the tour before the last edit; False when there is none."""
        if not self._undo:
            return False
        before, _merge = self._undo.pop()
        self.beginResetModel()
        self._tour = before.replace(path=self._tour.path)
        self.endResetModel()
        self._announce(title=True)
        self.undoChanged.emit(bool(self._undo))
        return True

    # --- drag and drop -------------------------------------------------------------------
    def supportedDropActions(self) -> QtCore.Qt.DropAction:
        return QtCore.Qt.DropAction.MoveAction

    def supportedDragActions(self) -> QtCore.Qt.DropAction:
        return QtCore.Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Any) -> QtCore.QMimeData:
        rows = sorted({index.row() for index in indexes if index.isValid()})
        data = QtCore.QMimeData()
        data.setData(MIME_TYPE, QtCore.QByteArray(json.dumps({"model": self._key, "rows": rows}).encode()))
        return data

    def _dragged_rows(self, data: QtCore.QMimeData) -> list[int]:
        """The rows a drag carries, if it comes from this model (else none)."""
        if not data.hasFormat(MIME_TYPE):
            return []
        try:
            payload = json.loads(bytes(data.data(MIME_TYPE).data()).decode())
        except ValueError:
            return []
        if not isinstance(payload, dict) or payload.get("model") != self._key:
            return []
        rows = payload.get("rows")
        count = len(self._tour.stops)
        return sorted(r for r in rows if isinstance(r, int) and 0 <= r < count) if isinstance(rows, list) else []

    def canDropMimeData(
        self,
        data: QtCore.QMimeData,
        action: QtCore.Qt.DropAction,
        row: int,
        column: int,
        parent: QtCore.QModelIndex | QtCore.QPersistentModelIndex,
    ) -> bool:
        return action == QtCore.Qt.DropAction.MoveAction and bool(self._dragged_rows(data))

    def dropMimeData(
        self,
        data: QtCore.QMimeData,
        action: QtCore.Qt.DropAction,
        row: int,
        column: int,
        parent: QtCore.QModelIndex | QtCore.QPersistentModelIndex,
    ) -> bool:
        """A stop dropped between others (a drop the list did not move itself): moved there.
        True only when it moved, so that the view never removes the dragged row after."""
        rows = self._dragged_rows(data) if action == QtCore.Qt.DropAction.MoveAction else []
        if len(rows) != 1:
            return False  # the list drags one stop at a time
        destination = parent.row() if parent.isValid() else len(self._tour.stops) if row < 0 else row
        return self.moveRows(_ROOT, rows[0], 1, _ROOT, destination)

    # --- bookkeeping ---------------------------------------------------------------------
    def _edit(self, tour: Tour, merge: object = None) -> None:
        was_modified = self.modified
        last = self._undo[-1][1] if self._undo else None
        if merge is None or merge != last:
            self._undo.append((self._tour, merge))
            del self._undo[:-_UNDO_LIMIT]
        self._tour = tour
        if self.modified != was_modified:
            self.modifiedChanged.emit(self.modified)
        self.undoChanged.emit(True)

    def _rows_changed(self, first: int, last: int | None = None) -> None:
        """Rows whose text changed (numbers shift after an insert, a removal or a move)."""
        end = len(self._tour.stops) - 1 if last is None else last
        if 0 <= first <= end:
            self.dataChanged.emit(self.index(first), self.index(end))

    def _announce(self, title: bool = False) -> None:
        if title:
            self.titleChanged.emit(self._tour.title)
            self.modifiedChanged.emit(self.modified)
        self.edited.emit()
