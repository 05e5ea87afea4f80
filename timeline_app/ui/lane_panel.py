"""Lanes to show or hide: the lane panel (with the legend of glyph shapes by kind) and the
View > Lanes menu, both following the view state."""

from __future__ import annotations

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from ..core.columns import columns
from ..core.model import KINDS, Timeline
from ..core.state import ViewState
from ..render.layers import symbol_path
from ..render.text import menu_text, plain_tooltip
from ..render.theme import KIND_SYMBOLS
from .members import MemberLanes, check_list

__all__ = ["LaneMenu", "LanePanel", "symbol_icon"]


def symbol_icon(symbol: str, color: str, size: int = 16) -> QtGui.QIcon:
    """An icon of a glyph shape, drawn with the same path as the plot's glyphs."""
    fill = QtGui.QColor(color)
    canvas = QtGui.QPixmap(size, size)
    canvas.fill(QtCore.Qt.GlobalColor.transparent)
    painter = QtGui.QPainter(canvas)
    painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QtGui.QPen(fill.darker(150), 1.2))
    painter.setBrush(fill)
    painter.drawPath(symbol_path(symbol, size - 4).translated(size / 2, size / 2))
    painter.end()
    return QtGui.QIcon(canvas)


class LanePanel(QtWidgets.QWidget):
    """A checkable entry per lane, in display order, following the state's visible lanes."""

    def __init__(self, state: ViewState, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        self.list = check_list(self._changed)
        layout.addWidget(self.list)
        self.member_lanes = MemberLanes(state)  # which lanes show a row per member country
        layout.addWidget(self.member_lanes)
        legend_title = QtWidgets.QLabel("Glyphs by kind")
        legend_title.setToolTip("Click a kind to show only its events")
        legend_title.setStyleSheet("font-weight: 600; margin-top: 6px;")
        layout.addWidget(legend_title)
        self.legend = QtWidgets.QListWidget()
        self.legend.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.legend.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.NoSelection)
        self.legend.setFocusPolicy(QtCore.Qt.FocusPolicy.TabFocus)  # a click leaves the focus where it is
        self.legend.setAccessibleName("Glyphs by kind: choose a kind to show only its events")
        self.legend.viewport().setCursor(QtCore.Qt.CursorShape.PointingHandCursor)
        self.legend.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.legend.setVerticalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for kind in KINDS:
            item = QtWidgets.QListWidgetItem(symbol_icon(KIND_SYMBOLS[kind], "#8c959f"), kind)
            item.setData(QtCore.Qt.ItemDataRole.UserRole, kind)
            item.setToolTip(f"Show only {kind} events")
            self.legend.addItem(item)
        self.legend.itemClicked.connect(self._filter_by_kind)
        self.legend.itemActivated.connect(self._filter_by_kind)  # Enter, for the keyboard
        self.legend.setFixedHeight(self.legend.sizeHintForRow(0) * len(KINDS) + 6)
        layout.addWidget(self.legend)
        hint = QtWidgets.QLabel(
            "A filled glyph is a known day; a hollow one with a bar spans a month, "
            "a year or a period. Wheel: zoom. Drag: pan. Home: fit all."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(hint)
        layout.addStretch(1)

        state.timeline_changed.connect(self._rebuild)
        state.lanes_changed.connect(self._show_visible)
        state.lanes_changed.connect(self._show_counts)
        state.filters_changed.connect(self._show_counts)
        state.filters_changed.connect(self._show_kind_filter)
        self._rebuild(state.timeline)
        self._show_kind_filter()

    def _rebuild(self, timeline: Timeline | None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for lane in timeline.lanes if timeline else ():
            assert timeline is not None  # there are lanes only in a timeline
            item = QtWidgets.QListWidgetItem(symbol_icon("s", lane.color), lane.name)
            item.setData(QtCore.Qt.ItemDataRole.UserRole, lane.id)
            item.setFlags(item.flags() | QtCore.Qt.ItemFlag.ItemIsUserCheckable)
            self.list.addItem(item)
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * max(self.list.count(), 1) + 6)
        self.list.blockSignals(False)
        self._show_visible(self.state.visible_lanes)
        self._show_counts()

    def _show_counts(self, *_args: object) -> None:
        """Each lane's events: 'Alliance  (12)', or 'Alliance  (5 of 12)' that match the filters."""
        timeline = self.state.timeline
        if timeline is None:
            return
        active = self.state.filters.active
        lanes = columns(timeline).lanes  # counted on arrays: no walk over the events
        totals = dict(zip(lanes.names, lanes.counts().tolist(), strict=True))
        matching = dict(zip(lanes.names, lanes.counts(np.asarray(self.state.mask, dtype=bool)).tolist(), strict=True))
        self.list.blockSignals(True)
        for row in range(self.list.count()):
            item = self.list.item(row)
            lane = timeline.lane(item.data(QtCore.Qt.ItemDataRole.UserRole))
            if lane is None:
                continue
            total = totals.get(lane.id, 0)
            counted = f"{matching.get(lane.id, 0)} of {total}" if active else str(total)
            item.setText(f"{lane.name}  ({counted})")
            said = (
                f"{matching.get(lane.id, 0)} of its {total} events match the filters" if active else f"{total} events"
            )
            item.setToolTip(plain_tooltip(lane.title or lane.name, said))
        self.list.blockSignals(False)

    def _filter_by_kind(self, item: QtWidgets.QListWidgetItem) -> None:
        self.state.filter_by("kinds", item.data(QtCore.Qt.ItemDataRole.UserRole))

    def _show_kind_filter(self, *_args: object) -> None:
        """The kinds filtered on are shown in bold."""
        kinds = self.state.filters.kinds
        for row in range(self.legend.count()):
            item = self.legend.item(row)
            font = item.font()
            font.setBold(item.data(QtCore.Qt.ItemDataRole.UserRole) in kinds)
            item.setFont(font)

    def _show_visible(self, visible: tuple[str, ...]) -> None:
        self.list.blockSignals(True)
        for row in range(self.list.count()):
            item = self.list.item(row)
            lane_id = item.data(QtCore.Qt.ItemDataRole.UserRole)
            item.setCheckState(QtCore.Qt.CheckState.Checked if lane_id in visible else QtCore.Qt.CheckState.Unchecked)
        self.list.blockSignals(False)

    def checked(self) -> list[str]:
        return [
            self.list.item(row).data(QtCore.Qt.ItemDataRole.UserRole)
            for row in range(self.list.count())
            if self.list.item(row).checkState() == QtCore.Qt.CheckState.Checked
        ]

    def _changed(self, _item: QtWidgets.QListWidgetItem) -> None:
        self.state.set_visible_lanes(self.checked())


class LaneMenu(QtCore.QObject):
    """View > Lanes: a checkable action per lane, following the state's visible lanes."""

    def __init__(self, state: ViewState, menu: QtWidgets.QMenu) -> None:
        super().__init__(menu)
        self.state = state
        self.menu = menu
        self.actions: dict[str, QtGui.QAction] = {}
        state.timeline_changed.connect(self._rebuild)
        state.lanes_changed.connect(self._show_visible)
        self._rebuild(state.timeline)

    def _rebuild(self, timeline: Timeline | None) -> None:
        self.menu.clear()  # deletes the actions the menu owns
        self.actions = {}
        for lane in timeline.lanes if timeline else ():
            action = self.menu.addAction(menu_text(lane.name))
            action.setCheckable(True)
            action.setStatusTip(lane.title or lane.name)
            action.toggled.connect(lambda on, lane_id=lane.id: self.state.set_lane_visible(lane_id, on))
            self.actions[lane.id] = action
        self._show_visible(self.state.visible_lanes)

    def _show_visible(self, visible: tuple[str, ...]) -> None:
        for lane_id, action in self.actions.items():
            action.blockSignals(True)
            action.setChecked(lane_id in visible)
            action.blockSignals(False)
