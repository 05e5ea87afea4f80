"""The event list: a table of the matching events (the view state's), one row per event.

`EventTableModel` is a `QAbstractTableModel` over `state.matching_events()`: the events in a
visible lane that pass the search and filters. It is reset when the timeline, the lanes or the
filters change, and sorts itself (`sort`) by each column, ties kept in date order. `EventList`
shows it: the current row is the event selected in the state (and so on the plot and in
Details), a selection made elsewhere selects and scrolls to its row alone, Enter or a
double-click centres the plot on the event, and Ctrl+C copies the selected rows (Shift+ and
Ctrl+click choose several) as tab-separated text. The list keeps no copy of the state: its
rows are read from it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from ..core.browse import fold
from ..core.columns import Ints, columns
from ..core.model import Event, Timeline
from ..core.problems import count
from ..core.state import ViewState
from ..render.text import plain_tooltip
from .lane_panel import symbol_icon

__all__ = [
    "COLUMNS",
    "COPY_HEADERS",
    "COUNTRIES",
    "DATE",
    "DISAGREE",
    "DISAGREE_MARK",
    "EVENT_ID_ROLE",
    "HEADERS",
    "KIND",
    "LANES",
    "SOURCES",
    "TITLE",
    "EventList",
    "EventTable",
    "EventTableModel",
    "date_ranks",
    "sort_key",
]

# --- columns and roles --------------------------------------------------------------------
DATE, LANES, KIND, TITLE, COUNTRIES, SOURCES, DISAGREE = range(7)
COLUMNS: tuple[int, ...] = (DATE, LANES, KIND, TITLE, COUNTRIES, SOURCES, DISAGREE)
#: The mark in the Disagree column (and its header).
DISAGREE_MARK = "\u26a0"
#: Column headers, as shown.
HEADERS: dict[int, str] = {
    DATE: "Date",
    LANES: "Lanes",
    KIND: "Kind",
    TITLE: "Title",
    COUNTRIES: "Countries",
    SOURCES: "Sources",
    DISAGREE: DISAGREE_MARK,
}
#: Column headers in the first line of a copy.
COPY_HEADERS: dict[int, str] = {**HEADERS, DISAGREE: "Sources disagree"}
_HEADER_TIPS: dict[int, str] = {
    DATE: "The date as the source gives it; sorted by its first day",
    LANES: "The lanes the event is shown in; sorted in the order of the plot",
    KIND: "The kind of event (its glyph on the plot)",
    TITLE: "What happened",
    COUNTRIES: "The countries the event names",
    SOURCES: "How many source documents the event cites",
    DISAGREE: "Sources disagree: marked where the sources give different dates",
}
#: Clicking these headers sorts the largest first (most sources, disagreements on top).
_DESCENDING_FIRST = frozenset({SOURCES, DISAGREE})
#: The event's id, in every column.
EVENT_ID_ROLE = QtCore.Qt.ItemDataRole.UserRole + 1

Role = QtCore.Qt.ItemDataRole
Order = QtCore.Qt.SortOrder
Index = QtCore.QModelIndex | QtCore.QPersistentModelIndex
_ROOT = QtCore.QModelIndex()  # the table's parent index


def source_count(event: Event) -> int:
    """The distinct source documents the event cites."""
    return len({citation.source for citation in event.citations})


def disagreement_tip(event: Event) -> str:
    """'The sources give different dates: 15 June 2001, 14 June 2001.'"""
    return "The sources give different dates: " + ", ".join(d.format() for d in event.claimed_dates()) + "."


def date_ranks(events: Sequence[Event]) -> dict[str, tuple[int, int]]:
    """Each event's (date, place) in date order: events of one date and end share the first,
    the second is the order of `events` (a timeline's, in date order) refined by the end. A
    date's sort key is one for each (year, month, day). (The list itself reads the same from
    `core.columns`, as arrays.)"""
    timeline = Timeline(events=tuple(events))  # kept while its columns are read
    rank, place = columns(timeline).date_order
    return {event.id: (int(r), int(p)) for event, r, p in zip(events, rank.tolist(), place.tolist(), strict=True)}


def _folded(text: str) -> str:
    """Case and accents folded (plain ASCII the quick way)."""
    return text.casefold() if text.isascii() else fold(text)


def sort_key(event: Event, column: int, lane_order: dict[str, int]) -> Any:
    """What a column other than the date sorts by: the lanes in plot order, the text folded
    (case and accents), the number of sources, disagreement."""
    if column == LANES:
        return tuple(sorted(lane_order.get(lane, len(lane_order)) for lane in event.lanes))
    if column == KIND:
        return _folded(event.kind)
    if column == TITLE:
        return _folded(event.title)
    if column == COUNTRIES:
        return tuple(_folded(country) for country in event.countries)
    if column == SOURCES:
        return source_count(event)
    return event.sources_disagree()


_NO_ROWS: Ints = np.zeros(0, dtype=np.int64)
_PLACE = -1  # the rank "column" of each event's place in date order


def _ranks(timeline: Timeline, column: int) -> Ints:
    """A rank per event for a column (`_PLACE`: its place in date order): equal keys, equal ranks."""
    table = columns(timeline)
    if column in (_PLACE, DATE):
        rank, place = table.date_order
        return place if column == _PLACE else rank
    if column == KIND:
        names = table.kinds.names
        by_name = _dense_ranks([_folded(name) for name in names])
        return by_name[table.kinds.code]
    if column == TITLE:
        return _dense_ranks([_folded(event.title) for event in timeline.events])
    if column == SOURCES:
        return np.bincount(table.sources.owner, minlength=table.size).astype(np.int64)
    if column == DISAGREE:
        return table.disagree.astype(np.int64)
    lanes = {lane.id: i for i, lane in enumerate(timeline.lanes)}
    return _dense_ranks([sort_key(event, column, lanes) for event in timeline.events])


def _dense_ranks(keys: Sequence[Any]) -> Ints:
    """0, 1, 2 ... for the keys in order, equal keys sharing their rank."""
    if not keys:
        return _NO_ROWS
    order = sorted(range(len(keys)), key=keys.__getitem__)
    in_order = [keys[i] for i in order]
    steps = [0] + [int(a != b) for a, b in zip(in_order, in_order[1:], strict=False)]
    rank = np.empty(len(keys), dtype=np.int64)
    rank[np.array(order, dtype=np.int64)] = np.cumsum(steps)
    return rank


# --- the model ----------------------------------------------------------------------------
class EventTableModel(QtCore.QAbstractTableModel):
    """The matching events of a ViewState, one per row, in the order of the last `sort`.

    The rows are an array of the events' rows in the timeline, ordered with numpy by a rank per
    event for each column (computed once per timeline, when the column is first sorted by)."""

    def __init__(self, state: ViewState, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._rows: Ints = _NO_ROWS  # the timeline's row of each row here
        self._position: Ints = _NO_ROWS  # for each timeline row, its row here (-1: not listed)
        self._source: Ints | None = None  # the state's matching rows that _rows are of
        self._sort: tuple[int, Order] = (DATE, Order.AscendingOrder)
        self._icons: dict[str, QtGui.QIcon] = {}
        self._keyed: Timeline | None = None  # the timeline the ranks below are of
        self._ranks: dict[int, Ints] = {}  # column -> a rank per event of the timeline
        for signal in (state.timeline_changed, state.lanes_changed, state.filters_changed):
            signal.connect(self._reset)  # which events match; hiding the others changes none
        self._reset()

    # --- rows --------------------------------------------------------------------
    def _reset(self, *_args: object) -> None:
        """Read the matching events from the state again (the list follows the state); nothing
        to do when they are the same (the lanes announced again after a new timeline)."""
        matching = self.state.matching_rows()
        if matching is self._source:
            return
        self.beginResetModel()
        self._source = matching
        self._rows = self._sorted(matching)
        self._index_rows()
        self.endResetModel()

    def _index_rows(self) -> None:
        timeline = self.state.timeline
        self._position = np.full(len(timeline.events) if timeline else 0, -1, dtype=np.int64)
        self._position[self._rows] = np.arange(len(self._rows), dtype=np.int64)

    def _sorted(self, rows: Ints) -> Ints:
        """Sorted by the current column; ties keep their date order in both directions."""
        if not len(rows):
            return rows
        column, order = self._sort
        place = self._rank(_PLACE)
        if column == DATE and order == Order.AscendingOrder:
            return rows[np.argsort(place[rows], kind="stable")]
        rank = self._rank(column)[rows]
        return rows[np.lexsort((place[rows], rank if order == Order.AscendingOrder else -rank))]

    def _rank(self, column: int) -> Ints:
        """A rank per event of the timeline for a column (ties share it), computed once per
        timeline: a search or a filter orders its rows with one numpy sort."""
        timeline = self.state.timeline
        if timeline is not self._keyed:
            self._keyed, self._ranks = timeline, {}
        if column not in self._ranks:
            self._ranks[column] = _ranks(timeline, column) if timeline else _NO_ROWS
        return self._ranks[column]

    def sort(self, column: int, order: Order = Order.AscendingOrder) -> None:
        if column not in COLUMNS:
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self._rows
        persistent = self.persistentIndexList()
        self._rows = self._sorted(self._rows)
        self._index_rows()
        moved = [self.index(int(self._position[before[index.row()]]), index.column()) for index in persistent]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def event_ids(self) -> list[str]:
        """The event of each row, top to bottom."""
        events = self.state.timeline.events if self.state.timeline else ()
        return [events[row].id for row in self._rows.tolist()]

    def event_at(self, row: int) -> Event | None:
        timeline = self.state.timeline
        if timeline is None or not 0 <= row < len(self._rows):
            return None
        return timeline.events[int(self._rows[row])]

    def row_of(self, event_id: str | None) -> int | None:
        """The row of an event, None when it is not listed."""
        timeline = self.state.timeline
        if event_id is None or timeline is None:
            return None
        found = columns(timeline).row_of.get(event_id)
        row = int(self._position[found]) if found is not None and found < len(self._position) else -1
        return row if row >= 0 else None

    # --- QAbstractTableModel --------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: QtCore.Qt.Orientation, role: int = Role.DisplayRole) -> Any:
        if orientation != QtCore.Qt.Orientation.Horizontal or section not in COLUMNS:
            return None
        if role == Role.DisplayRole:
            return HEADERS[section]
        if role == Role.ToolTipRole:
            return _HEADER_TIPS[section]
        if role == Role.InitialSortOrderRole:
            return Order.DescendingOrder if section in _DESCENDING_FIRST else Order.AscendingOrder
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        event = self.event_at(index.row()) if index.isValid() else None
        if event is None:
            return None
        column = index.column()
        if role == Role.DisplayRole:
            return self.text(event, column) if column != SOURCES else source_count(event)
        if role == EVENT_ID_ROLE:
            return event.id
        if role == Role.ToolTipRole:
            return self._tooltip(event, column)
        if role == Role.TextAlignmentRole and column in (SOURCES, DISAGREE):
            right = QtCore.Qt.AlignmentFlag.AlignRight if column == SOURCES else QtCore.Qt.AlignmentFlag.AlignHCenter
            return right | QtCore.Qt.AlignmentFlag.AlignVCenter
        if role == Role.DecorationRole and column == LANES:
            return self._lane_icon(event)
        if role == Role.AccessibleTextRole and column == DISAGREE:
            return "the sources disagree" if event.sources_disagree() else "the sources agree"
        return None

    def text(self, event: Event, column: int) -> str:
        """A cell as text: what is shown (and copied; the mark is copied as 'yes')."""
        if column == DATE:
            return event.date_text()
        if column == LANES:
            return ", ".join(self._lane_names(event))
        if column == KIND:
            return event.kind
        if column == TITLE:
            return event.title
        if column == COUNTRIES:
            return ", ".join(event.countries)
        if column == SOURCES:
            return str(source_count(event))
        return DISAGREE_MARK if event.sources_disagree() else ""

    def _lane_names(self, event: Event) -> list[str]:
        timeline = self.state.timeline
        lanes = [timeline.lane(lane_id) if timeline else None for lane_id in event.lanes]
        return [lane.name if lane else lane_id for lane, lane_id in zip(lanes, event.lanes, strict=True)]

    def _tooltip(self, event: Event, column: int) -> str | None:
        timeline = self.state.timeline
        if column == TITLE:
            return plain_tooltip(event.title, *([event.summary] if event.summary else []), bold_first=True)
        if column == DATE:
            return plain_tooltip(f"{event.date_text()} (known to the {event.date.precision_name()})")
        if column == LANES:
            return plain_tooltip(*(_lane_title(timeline, lane) for lane in event.lanes))
        if column == COUNTRIES and event.countries:
            return plain_tooltip(*event.countries)
        if column == SOURCES and timeline is not None:
            cited = dict.fromkeys(citation.source for citation in event.citations)
            return plain_tooltip(*(_source_name(timeline, source) for source in cited))
        if column == DISAGREE and event.sources_disagree():
            return plain_tooltip(disagreement_tip(event))
        return None

    def _lane_icon(self, event: Event) -> QtGui.QIcon | None:
        """A square of the first lane's colour, as in the Lanes panel."""
        timeline = self.state.timeline
        lane = timeline.lane(event.lanes[0]) if timeline and event.lanes else None
        if lane is None:
            return None
        if lane.color not in self._icons:
            self._icons[lane.color] = symbol_icon("s", lane.color, 12)
        return self._icons[lane.color]


def _lane_title(timeline: Timeline | None, lane_id: str) -> str:
    lane = timeline.lane(lane_id) if timeline else None
    return (lane.title or lane.name) if lane else lane_id


def _source_name(timeline: Timeline, source_id: str) -> str:
    source = timeline.source(source_id)
    return source.short() if source else source_id


# --- the view -----------------------------------------------------------------------------
class EventTable(QtWidgets.QTableView):
    """The table: Enter or Return on a row is a request to centre the plot on it.

    A click or a key moves the current row and changes the selection in two steps, in either
    order; `settled` says when one input event is done with both (`in_input` is true until then)."""

    entered = QtCore.Signal(QtCore.QModelIndex)
    settled = QtCore.Signal()

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._depth = 0  # input events being handled (a double-click handles a press inside)

    @property
    def in_input(self) -> bool:
        return self._depth > 0

    def _handle(self, handler: Callable[[Any], None], event: QtCore.QEvent) -> None:
        self._depth += 1
        try:
            handler(event)
        finally:
            self._depth -= 1
        if not self._depth:
            self.settled.emit()

    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:
        self._handle(super().mousePressEvent, event)

    def mouseMoveEvent(self, event: QtGui.QMouseEvent) -> None:
        self._handle(super().mouseMoveEvent, event)

    def mouseReleaseEvent(self, event: QtGui.QMouseEvent) -> None:
        self._handle(super().mouseReleaseEvent, event)

    def mouseDoubleClickEvent(self, event: QtGui.QMouseEvent) -> None:
        self._handle(super().mouseDoubleClickEvent, event)

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:
        keys = (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter)
        plain = event.modifiers() & ~QtCore.Qt.KeyboardModifier.KeypadModifier == QtCore.Qt.KeyboardModifier.NoModifier
        if event.key() in keys and plain and self.currentIndex().isValid():
            self.entered.emit(self.currentIndex())
            event.accept()
            return
        self._handle(super().keyPressEvent, event)


def tsv(model: EventTableModel, rows: Sequence[int]) -> str:
    """The rows as tab-separated text, with a header line; tabs and line breaks in a cell are
    spaces, the disagreement mark is 'yes'."""

    def cell(text: str) -> str:
        return " ".join(text.split())

    lines = ["\t".join(COPY_HEADERS[column] for column in COLUMNS)]
    for row in rows:
        event = model.event_at(row)
        if event is None:
            continue
        texts = [model.text(event, column) for column in COLUMNS]
        texts[DISAGREE] = "yes" if event.sources_disagree() else ""
        lines.append("\t".join(cell(text) for text in texts))
    return "\n".join(lines) + "\n"


class EventList(QtWidgets.QWidget):
    """The event list dock's widget: the table of matching events and how many there are."""

    def __init__(self, state: ViewState, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._following = False  # True while the table is made to show the state's selection
        self._choosing = False  # True while the state is told of the row chosen here
        self.model = EventTableModel(state, self)
        self.table = self._make_table()
        self.count_label = QtWidgets.QLabel()
        self.count_label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.count_label.setAccessibleName("Events listed")
        self.count_label.setContentsMargins(6, 2, 6, 2)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self.copy_action = self._table_action(
            "&Copy Event List Rows", self.copy_selected, (QtGui.QKeySequence.StandardKey.Copy,)
        )
        self.copy_action.setStatusTip("Copy the selected rows of the event list as tab-separated text")
        self.copy_all_action = self._table_action("Copy &All Rows", self.copy_all, ())

        self.model.modelReset.connect(self._after_reset)
        self.model.layoutChanged.connect(self._scroll_to_selection)
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(self._chosen)
        selection.selectionChanged.connect(self._chosen)
        selection.selectionChanged.connect(self._update_copy)
        self.table.settled.connect(self._chosen)
        self.table.doubleClicked.connect(self._centre)
        self.table.entered.connect(self._centre)
        state.selection_changed.connect(self._show_selection)
        self._after_reset()

    def _make_table(self) -> EventTable:
        table = EventTable()
        table.setModel(self.model)
        table.setAccessibleName("Event list")
        table.setAccessibleDescription("The matching events. Enter or double-click: centre the timeline on the event.")
        table.setAlternatingRowColors(True)
        table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.setTextElideMode(QtCore.Qt.TextElideMode.ElideRight)
        table.setContextMenuPolicy(QtCore.Qt.ContextMenuPolicy.ActionsContextMenu)
        table.setHorizontalScrollMode(QtWidgets.QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSortIndicator(DATE, Order.AscendingOrder)  # before sorting is enabled: it sorts by it
        table.setSortingEnabled(True)
        self._size_columns(table)
        return table

    @staticmethod
    def _size_columns(table: QtWidgets.QTableView) -> None:
        """Room for a day's date, a lane and the longest kind; the title takes the rest (a
        longer cell is elided, its tooltip whole)."""
        metrics = table.fontMetrics()
        pad = 24  # the sort arrow and cell margins
        widths = {
            DATE: metrics.horizontalAdvance("28 September 2000"),
            LANES: metrics.horizontalAdvance("Dialogue") + 20,  # and the lane's colour
            KIND: metrics.horizontalAdvance("institutional"),
            COUNTRIES: metrics.horizontalAdvance("Kazakhstan, Arm"),
            SOURCES: metrics.horizontalAdvance(HEADERS[SOURCES]),
            DISAGREE: metrics.horizontalAdvance(HEADERS[DISAGREE]),
        }
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(metrics.horizontalAdvance("Sources") // 2)
        for column, width in widths.items():
            header.setSectionResizeMode(column, QtWidgets.QHeaderView.ResizeMode.Interactive)
            table.setColumnWidth(column, width + pad)
        header.setSectionResizeMode(TITLE, QtWidgets.QHeaderView.ResizeMode.Stretch)

    def _table_action(
        self, text: str, slot: Callable[[], object], keys: tuple[QtGui.QKeySequence.StandardKey, ...]
    ) -> QtGui.QAction:
        """An action of the table's context menu; its keys work only while the list has the
        focus (Ctrl+C stays the text fields' elsewhere)."""
        action = QtGui.QAction(text, self.table)
        action.setShortcuts([QtGui.QKeySequence(key) for key in keys])
        action.setShortcutContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.table.addAction(action)
        return action

    # --- following the state ----------------------------------------------------------
    def _after_reset(self) -> None:
        """New rows: say how many, and select the state's selection again."""
        self.count_label.setText(self.count_text())
        self.copy_all_action.setEnabled(self.model.rowCount() > 0)
        self._show_selection(self.state.selected)
        self._update_copy()

    def count_text(self) -> str:
        """'23 of 64 events' (matching, of those in the visible lanes); '64 events' unfiltered."""
        if self.state.timeline is None:
            return "No data"
        shown, listed = self.state.shown_count(), self.model.rowCount()
        if not self.state.filters.active:
            return count(listed, "event")
        return f"{listed} of {count(shown, 'event')}"

    def _show_selection(self, event_id: str | None) -> None:
        """A selection made elsewhere (a glyph clicked, a step): select its row alone, current,
        and scroll to it (no row for None, or an event that is not listed). A selection made
        here, in the list, is left as the user made it."""
        if self._choosing:
            return
        row = self.model.row_of(event_id)
        selection = self.table.selectionModel()
        self._following = True
        try:
            if row is None:
                selection.clearSelection()
            elif self.selected_rows() != [row] or selection.currentIndex().row() != row:
                flags = QtCore.QItemSelectionModel.SelectionFlag
                selection.setCurrentIndex(self.model.index(row, TITLE), flags.ClearAndSelect | flags.Rows)
        finally:
            self._following = False
        self._scroll_to_selection()

    def _scroll_to_selection(self) -> None:
        row = self.model.row_of(self.state.selected)
        if row is not None:
            self.table.scrollTo(self.model.index(row, TITLE))

    def _chosen(self, *_args: object) -> None:
        """The user chose rows: the current row's event is selected in the state (none while
        the current row is not one of the selected), once the click or key is handled."""
        if self._following or self.table.in_input:
            return
        selection = self.table.selectionModel()
        current = selection.currentIndex()
        chosen = current.isValid() and selection.isRowSelected(current.row(), _ROOT)
        event = self.model.event_at(current.row()) if chosen else None
        self._choosing = True
        try:
            self.state.select(event.id if event else None)
        finally:
            self._choosing = False

    def _update_copy(self, *_args: object) -> None:
        self.copy_action.setEnabled(self.table.selectionModel().hasSelection())

    def _centre(self, index: QtCore.QModelIndex) -> None:
        """Select the row's event and centre the plot on it."""
        event = self.model.event_at(index.row())
        if event is not None:
            self.state.select(event.id)
            self.state.centre_on(event.id)

    # --- copying ----------------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        """The selected rows, top to bottom (the list's order)."""
        return sorted(index.row() for index in self.table.selectionModel().selectedRows())

    def copy_selected(self) -> None:
        """The selected rows, in the list's order, with a header line, as tab-separated text on
        the clipboard."""
        rows = self.selected_rows()
        if rows:
            QtGui.QGuiApplication.clipboard().setText(tsv(self.model, rows))

    def copy_all(self) -> None:
        """Every listed row, in the list's order, as tab-separated text on the clipboard."""
        QtGui.QGuiApplication.clipboard().setText(tsv(self.model, range(self.model.rowCount())))
