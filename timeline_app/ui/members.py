"""Membership in the window's chrome: View > Membership, the lane panel's member toggles, the
plot's right-click menu ("Members on DATE…", "Follow COUNTRY"), the members popup, Tools >
Follow Country, the Filters dock's "Follow this country" and the filter bar's follow chip.

Every piece reads the view state and changes it only through its methods (`set_members_shown`,
`toggle_member_lane`, `follow_country`, `select_span`); none keeps a copy of what it holds.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore, QtGui, QtWidgets

from ..core.browse import country_counts, fold
from ..core.model import Lane
from ..core.state import ViewState
from ..render.text import menu_text
from .settings import FOLLOWED_ONLY

if TYPE_CHECKING:
    from ..render.view import TimelineView
    from .main_window import MainWindow

__all__ = [
    "FollowChip",
    "FollowDialog",
    "FollowMenu",
    "MemberLanes",
    "MembersPopup",
    "MembershipChrome",
    "PlotMenu",
    "day_text",
    "lane_name_on",
    "member_lanes_of",
]

LANE_ROLE = QtCore.Qt.ItemDataRole.UserRole  # the lane id a row of the member toggles stands for
MEMBERS_SHORTCUT = "Ctrl+M"
FOLLOWED_ONLY_SHORTCUT = "Ctrl+Shift+M"
FOLLOW_SHORTCUT = "Ctrl+Shift+Y"
_CHECKED, _UNCHECKED = QtCore.Qt.CheckState.Checked, QtCore.Qt.CheckState.Unchecked


# --- small helpers -----------------------------------------------------------------------
def member_lanes_of(state: ViewState) -> list[str]:
    """The lanes of the timeline shown that have membership (none without a timeline)."""
    return state.membership.lanes() if state.timeline is not None else []


def day_text(day: dt.date) -> str:
    """A day as the app writes it: '15 May 1995'."""
    return f"{day.day} {day.strftime('%B')} {day.year}"


def lane_name_on(lane: Lane, day: dt.date) -> str:
    """The name a lane's organisation bore on a day (its era then), else the lane's name."""
    for era, first, stop in lane.era_spans():
        if first <= day and (stop is None or day < stop):
            return era.name
    return lane.name


def known_countries(state: ViewState) -> list[str]:
    """Every country that can be followed: those with membership, then those events name."""
    timeline = state.timeline
    if timeline is None:
        return []
    names = list(state.membership.countries())
    named = [name for name, _n in country_counts(timeline, state.aliases)]
    return sorted(set(names) | set(named), key=fold)


def resolve_country(state: ViewState, text: str) -> str | None:
    """The country a typed name means: any alias spelling, any case; None when none is known."""
    return state.aliases.find(known_countries(state), text)


def suggest_country(state: ViewState, typed: str) -> str | None:
    """The country a mistyped or begun name most likely means ('Kirgh' for Kyrgyzstan)."""
    return state.aliases.suggest(known_countries(state), typed)


def _set_checked(action: QtGui.QAction, on: bool) -> None:
    action.blockSignals(True)
    action.setChecked(on)
    action.blockSignals(False)


# --- View > Membership and the lane panel's toggles -----------------------------------------
class MembersToggle(QtCore.QObject):
    """Keeps View > Membership in step with the state: checked while every lane with membership
    shows its rows, disabled when the file has no membership."""

    def __init__(self, state: ViewState, action: QtGui.QAction) -> None:
        super().__init__(action)
        self.state = state
        self.action = action
        action.setCheckable(True)
        state.members_changed.connect(self._show)
        state.timeline_changed.connect(self._show)
        self._show()

    def _show(self, *_args: object) -> None:
        lanes = member_lanes_of(self.state)
        self.action.setEnabled(bool(lanes))
        _set_checked(self.action, bool(lanes) and set(lanes) <= set(self.state.member_lanes))


def check_list(changed: Callable[[QtWidgets.QListWidgetItem], None]) -> QtWidgets.QListWidget:
    """A frameless list of checkable lines sized to its content, as the Lanes panel shows them."""
    widget = QtWidgets.QListWidget()
    widget.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
    widget.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.setVerticalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.setTextElideMode(QtCore.Qt.TextElideMode.ElideRight)
    widget.itemChanged.connect(changed)
    return widget


class MemberLanes(QtWidgets.QWidget):
    """The lane panel's "Member rows" section: a checkable row per lane with membership (its
    rows shown under the lane, or not); hidden when the file has no membership."""

    def __init__(self, state: ViewState, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        heading = QtWidgets.QLabel("Member rows")
        heading.setStyleSheet("font-weight: 600; margin-top: 6px;")
        heading.setToolTip("Under each checked lane, a row per country: who belonged when (View > Membership)")
        layout.addWidget(heading)
        self.list = check_list(self._changed)
        self.list.setObjectName("memberLanes")
        self.list.setAccessibleName("Member rows: lanes that show who belonged when")
        heading.setBuddy(self.list)
        layout.addWidget(self.list)
        state.timeline_changed.connect(self._rebuild)
        state.members_changed.connect(self._show_checked)
        self._rebuild()

    def _rebuild(self, *_args: object) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        timeline = self.state.timeline
        for lane_id in member_lanes_of(self.state):
            lane = timeline.lane(lane_id) if timeline else None
            if lane is None:
                continue
            countries = len(self.state.membership.rows(lane_id))
            item = QtWidgets.QListWidgetItem(
                f"{lane.name} ({countries} {'country' if countries == 1 else 'countries'})"
            )
            item.setData(LANE_ROLE, lane_id)
            item.setToolTip(f"Show a row per country under {lane.name}: who belonged when")
            item.setFlags(item.flags() | QtCore.Qt.ItemFlag.ItemIsUserCheckable)
            self.list.addItem(item)
        rows = max(self.list.count(), 1)
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * rows + 6 if self.list.count() else 0)
        self.list.blockSignals(False)
        self.setVisible(self.list.count() > 0)
        self._show_checked()

    def _show_checked(self, *_args: object) -> None:
        shown = set(self.state.member_lanes)
        self.list.blockSignals(True)
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setCheckState(_CHECKED if item.data(LANE_ROLE) in shown else _UNCHECKED)
        self.list.blockSignals(False)

    def item_for(self, lane_id: str) -> QtWidgets.QListWidgetItem | None:
        items = (self.list.item(row) for row in range(self.list.count()))
        return next((item for item in items if item.data(LANE_ROLE) == lane_id), None)

    def _changed(self, _item: QtWidgets.QListWidgetItem) -> None:
        checked = [
            self.list.item(row).data(LANE_ROLE)
            for row in range(self.list.count())
            if self.list.item(row).checkState() == _CHECKED
        ]
        self.state.set_member_lanes(frozenset(checked))


# --- "Members on DATE" -------------------------------------------------------------------
class MembersPopup(QtWidgets.QDialog):
    """A small window (not modal) with the members of a lane on a day, as copyable text."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("membersPopup")
        self.setModal(False)
        self.setMinimumSize(360, 220)
        self.resize(480, 320)
        layout = QtWidgets.QVBoxLayout(self)
        self.heading = QtWidgets.QLabel()
        self.heading.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: 600;")
        layout.addWidget(self.heading)
        self.text_box = QtWidgets.QPlainTextEdit()
        self.text_box.setReadOnly(True)
        self.text_box.setAccessibleName("Members")
        self.text_box.setLineWrapMode(QtWidgets.QPlainTextEdit.LineWrapMode.WidgetWidth)
        layout.addWidget(self.text_box, 1)
        buttons = QtWidgets.QDialogButtonBox()
        self.copy_button = buttons.addButton("Copy", QtWidgets.QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setAccessibleName("Copy the list of members")
        self.copy_button.clicked.connect(self.copy)
        close = buttons.addButton(QtWidgets.QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.close)
        layout.addWidget(buttons)

    def show_members(self, title: str, text: str) -> None:
        self.setWindowTitle(title)
        self.heading.setText(title)
        self.text_box.setPlainText(text)
        self.show()
        self.raise_()
        self.activateWindow()

    def text(self) -> str:
        return self.text_box.toPlainText()

    def copy(self) -> None:
        QtGui.QGuiApplication.clipboard().setText(f"{self.heading.text()}\n{self.text()}")


class PlotMenu(QtCore.QObject):
    """The plot's right-click menu: "Members on DATE…" anywhere in a lane, "Follow COUNTRY" over a
    member row, the lane's member rows on or off. (pyqtgraph's own view box menu is off: the
    view disables it, so a right click reaches the scene's sigMouseClicked.)"""

    def __init__(self, view: TimelineView, show_members: Callable[[str, dt.date], object]) -> None:
        super().__init__(view)
        self.view = view
        self.state: ViewState = view.state
        self.show_members = show_members
        self.menu: QtWidgets.QMenu | None = None  # the menu shown last (tests read it)
        view.scene().sigMouseClicked.connect(self._clicked)
        view.installEventFilter(self)  # the Menu key (or Shift+F10) while the plot has the keyboard

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        """The keyboard's context menu (the Menu key, Shift+F10): at the selected event (the
        middle of the range in the first lane without one)."""
        if watched is not self.view:
            return super().eventFilter(watched, event)
        kind = event.type()
        if kind == QtCore.QEvent.Type.KeyPress:
            assert isinstance(event, QtGui.QKeyEvent)
            shift_f10 = (
                event.key() == QtCore.Qt.Key.Key_F10 and event.modifiers() == QtCore.Qt.KeyboardModifier.ShiftModifier
            )
            if event.key() == QtCore.Qt.Key.Key_Menu or shift_f10:
                self.open_from_keyboard()
                return True
        elif kind == QtCore.QEvent.Type.ContextMenu:
            assert isinstance(event, QtGui.QContextMenuEvent)
            if event.reason() == QtGui.QContextMenuEvent.Reason.Keyboard:
                self.open_from_keyboard()
                return True
        return super().eventFilter(watched, event)

    def open_from_keyboard(self) -> None:
        scene_pos = self._keyboard_point()
        menu = self.menu_at(scene_pos) if scene_pos is not None else None
        if menu is not None and scene_pos is not None:
            menu.popup(self.view.mapToGlobal(self.view.mapFromScene(scene_pos)))

    def _keyboard_point(self) -> QtCore.QPointF | None:
        state = self.state
        if state.selected is not None:
            try:
                return self.view.scene_pos_of(state.selected)
            except KeyError:
                pass
        if not state.visible_lanes:
            return None
        box = self.view.view_box
        # the first lane in view (the lanes may be scrolled): near its top, or the plot's
        rects = [self.view.lane_rect(lane) for lane in state.visible_lanes]
        rect = next((r for r in rects if r.bottom() > 8), rects[0])
        point: QtCore.QPointF = box.mapToScene(QtCore.QPointF(box.width() / 2, max(rect.top(), 0.0) + 4))
        return point

    def _clicked(self, ev: Any) -> None:
        if ev.button() != QtCore.Qt.MouseButton.RightButton:
            return
        menu = self.menu_at(ev.scenePos())
        if menu is None:
            return
        ev.accept()
        menu.popup(QtCore.QPointF(ev.screenPos()).toPoint())

    def menu_at(self, scene_pos: QtCore.QPointF) -> QtWidgets.QMenu | None:
        """The menu for a point of the plot: None outside every lane."""
        state, timeline = self.state, self.state.timeline
        lane_id = self.view.lane_at(scene_pos)
        lane = timeline.lane(lane_id) if (timeline and lane_id) else None
        if lane is None:
            return None
        if self.menu is not None:
            self.menu.deleteLater()
        menu = self.menu = QtWidgets.QMenu(self.view)
        menu.setObjectName("plotMenu")
        menu.setAccessibleName(f"{lane.name}: members and following")
        day = self.view.day_at(scene_pos)
        has_members = lane.id in member_lanes_of(state)
        members = menu.addAction(f"Members on {day_text(day)}…")
        members.setStatusTip(f"Who belonged to {lane_name_on(lane, day)} on {day_text(day)}, with the sources")
        members.setEnabled(has_members)
        members.triggered.connect(lambda _=False, lane_id=lane.id, day=day: self.show_members(lane_id, day))
        key = self.view.span_key_at(scene_pos)  # (lane, country, index) of a member row's span
        if key is not None:
            country = key[1]
            if state.followed != country:
                follow = menu.addAction(f"Follow {menu_text(country)}")
                follow.setStatusTip(f"Highlight {country} in every lane: its membership rows and its events")
                follow.triggered.connect(lambda _=False, c=country: state.follow_country(c))
            details = menu.addAction(f"Details of {menu_text(country)} in {menu_text(lane.name)}")
            details.triggered.connect(lambda _=False, k=key: state.select_span(*k))
        if state.followed is not None:
            stop = menu.addAction(f"Stop Following {menu_text(state.followed)}")
            stop.triggered.connect(lambda _=False: state.follow_country(None))
        if has_members:
            menu.addSeparator()
            rows = menu.addAction(f"Member Rows of {menu_text(lane.name)}")
            rows.setCheckable(True)
            rows.setChecked(lane.id in state.member_lanes)
            rows.triggered.connect(lambda _=False, lane_id=lane.id: state.toggle_member_lane(lane_id))
        return menu

    def texts(self) -> list[str]:
        """The entries of the menu shown last, without their mnemonics (for tests)."""
        if self.menu is None:
            return []
        return [a.text().replace("&&", "&") for a in self.menu.actions() if not a.isSeparator()]


# --- following a country -----------------------------------------------------------------
class FollowDialog(QtWidgets.QDialog):
    """Tools > Follow Country: choose a country (any spelling the alias table knows) whose spans
    and events every lane highlights; "Stop Following" ends it."""

    def __init__(self, state: ViewState, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setWindowTitle("Follow Country")
        self.setObjectName("followDialog")
        self.setMinimumWidth(420)
        layout = QtWidgets.QVBoxLayout(self)
        intro = QtWidgets.QLabel(
            "Highlight one country in every lane: its membership rows and its events. "
            "Any spelling works (Byelorussia, Kirghizia)."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QtWidgets.QFormLayout()
        self.combo = QtWidgets.QComboBox()
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QtWidgets.QComboBox.InsertPolicy.NoInsert)
        self.combo.setAccessibleName("Country to follow")
        self.combo.addItems(known_countries(state))
        self.combo.setCurrentText(state.followed or "")
        self.combo.setMinimumContentsLength(18)
        completer = self.combo.completer()
        if completer is not None:
            completer.setCaseSensitivity(QtCore.Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(QtCore.Qt.MatchFlag.MatchStartsWith)
        label = QtWidgets.QLabel("&Country:")
        label.setBuddy(self.combo)
        form.addRow(label, self.combo)
        layout.addLayout(form)
        self.message = QtWidgets.QLabel()
        self.message.setObjectName("followMessage")
        self.message.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        # "Did you mean Armenia?": the name is a link (a click, or Tab and Enter) that fills the field
        self.suggestion = QtWidgets.QLabel()
        self.suggestion.setObjectName("followSuggestion")
        self.suggestion.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self.suggestion.setTextInteractionFlags(
            QtCore.Qt.TextInteractionFlag.LinksAccessibleByMouse
            | QtCore.Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.suggestion.setOpenExternalLinks(False)
        self.suggestion.linkActivated.connect(self.use_suggestion)
        self.suggestion.hide()
        layout.addWidget(self.suggestion)
        self.suggested: str | None = None  # the country the link offers
        buttons = self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
        assert ok is not None  # asked for above
        ok.setText("Follow")
        ok.setAccessibleName("Follow this country")
        self.stop_button = buttons.addButton("Stop Following", QtWidgets.QDialogButtonBox.ButtonRole.ResetRole)
        self.stop_button.setAccessibleName("Stop following a country")
        self.stop_button.setEnabled(state.followed is not None)
        self.stop_button.clicked.connect(self.stop)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.combo.setFocus()
        edit = self.combo.lineEdit()
        if edit is not None:  # an editable combo has one
            edit.selectAll()

    def accept(self) -> None:
        """Follow the country typed or chosen; an unknown name says so and keeps the dialog."""
        typed = self.combo.currentText().strip()
        name = resolve_country(self.state, typed)
        if name is None:
            self.suggested = near = suggest_country(self.state, typed)
            self.message.setText(f"No country named \u201c{typed}\u201d in this file.")
            self.message.show()
            if near:
                link = f"<a href='{html.escape(near, quote=True)}'>{html.escape(near)}</a>"
                self.suggestion.setText(f"Did you mean {link}?")
                self.suggestion.setAccessibleName(f"Did you mean {near}? Use this name")
            self.suggestion.setVisible(bool(near))
            self.adjustSize()  # room for the message: nothing above it is squeezed
            return
        self.state.follow_country(name)
        super().accept()

    def use_suggestion(self, _link: str = "") -> None:
        """The suggested name, in the field (Follow, or Enter, then follows it)."""
        if self.suggested is None:
            return
        self.combo.setCurrentText(self.suggested)
        self.message.hide()
        self.suggestion.hide()
        self.combo.setFocus()

    def stop(self) -> None:
        self.state.follow_country(None)
        super().accept()


class FollowMenu(QtCore.QObject):
    """A context menu on a list of countries (the Filters dock's): "Follow this country"."""

    def __init__(self, widget: QtWidgets.QListWidget, state: ViewState, value_role: int) -> None:
        super().__init__(widget)
        self.widget = widget
        self.state = state
        self.value_role = value_role
        self.menu: QtWidgets.QMenu | None = None
        widget.setContextMenuPolicy(QtCore.Qt.ContextMenuPolicy.CustomContextMenu)
        widget.customContextMenuRequested.connect(self._requested)

    def menu_for(self, pos: QtCore.QPoint) -> QtWidgets.QMenu | None:
        item = self.widget.itemAt(pos)
        if item is None:
            return None
        country = str(item.data(self.value_role))
        if self.menu is not None:
            self.menu.deleteLater()
        menu = self.menu = QtWidgets.QMenu(self.widget)
        if self.state.followed == country:
            stop = menu.addAction(f"Stop Following {menu_text(country)}")
            stop.triggered.connect(lambda _=False: self.state.follow_country(None))
        else:
            follow = menu.addAction("Follow this country")
            follow.setStatusTip(f"Highlight {country} in every lane: its membership rows and its events")
            follow.triggered.connect(lambda _=False, c=country: self.state.follow_country(c))
        return menu

    def _requested(self, pos: QtCore.QPoint) -> None:
        menu = self.menu_for(pos)
        if menu is not None:
            menu.popup(self.widget.viewport().mapToGlobal(pos))


class FollowChip(QtWidgets.QFrame):
    """'Following Uzbekistan ×' in the filter bar while a country is followed."""

    def __init__(self, state: ViewState, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("followChip")
        self.setStyleSheet(
            "QFrame#followChip { border: 1px solid palette(highlight); border-radius: 9px; "
            "background: palette(base); }"
            "QToolButton { border: none; padding: 0 2px; font-weight: 600; }"
        )
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(8, 1, 2, 1)
        layout.setSpacing(2)
        self.label = QtWidgets.QLabel()
        self.label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        layout.addWidget(self.label)
        self.clear_button = QtWidgets.QToolButton()
        self.clear_button.setText("\u00d7")
        self.clear_button.setCursor(QtCore.Qt.CursorShape.PointingHandCursor)
        self.clear_button.clicked.connect(lambda: state.follow_country(None))
        layout.addWidget(self.clear_button)
        state.followed_changed.connect(self._show)
        self._show(state.followed)

    def _show(self, name: str | None) -> None:
        self.setVisible(name is not None)
        if name is None:
            return
        self.label.setText(f"Following {name}")
        self.setAccessibleName(f"Following {name}")
        self.clear_button.setAccessibleName(f"Stop following {name}")
        self.clear_button.setToolTip(f"Stop following {name}")

    def text(self) -> str:
        return self.label.text() if self.isVisibleTo(self.parentWidget() or self) else ""


# --- the window's part -------------------------------------------------------------------
class MembershipChrome(QtCore.QObject):
    """The window's membership actions and menus, built on its state: View > Membership, Tools >
    Follow Country and Stop Following, the plot's right-click menu, the members popup, the
    Filters dock's follow menu; and the lanes showing members, kept per file in the settings."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        state = self.state = window.state
        act = window._action
        self.members_action = act(
            "&Membership",
            state.set_members_shown,
            (MEMBERS_SHORTCUT,),
            None,
            "Who belonged when: a row per country under each lane with membership",
        )
        self.toggle = MembersToggle(state, self.members_action)
        self.followed_only_action = act(
            "Followed Country's &Rows Only",
            state.set_followed_only,
            (FOLLOWED_ONLY_SHORTCUT,),
            None,
            "While a country is followed, each lane shows only its member row",
        )
        self.followed_only_action.setCheckable(True)
        state.set_followed_only(window.settings.get(FOLLOWED_ONLY))  # kept for the next start
        self.followed_only_action.setChecked(state.followed_only)
        state.followed_only_changed.connect(self._followed_only)
        self.follow_action = act(
            "&Follow Country…",
            self.ask_country,
            (FOLLOW_SHORTCUT,),
            None,
            "Highlight one country's membership and events in every lane",
        )
        self.stop_following_action = act(
            "&Stop Following", lambda: state.follow_country(None), (), None, "Show every country alike again"
        )
        self.stop_following_action.setEnabled(state.followed is not None)
        state.followed_changed.connect(self._followed)
        self.follow_dialog: FollowDialog | None = None
        self.popup: MembersPopup | None = None
        self.plot_menu = PlotMenu(window.view, self.show_members)
        from .filter_panel import VALUE_ROLE  # here: the filter panel imports the lane panel, which imports this

        self.filter_follow = FollowMenu(window.filter_panel.countries, state, VALUE_ROLE)
        self._members_file: Path | None = None  # the file whose member rows were restored
        window.document.changed.connect(self._restore)
        state.members_changed.connect(self._save)
        self._restore(state.timeline is not None, True)

    def add_tools_menu(self, menu_bar: QtWidgets.QMenuBar) -> QtWidgets.QMenu:
        """The Tools menu: Follow Country, Stop Following."""
        tools_menu = self.tools_menu = menu_bar.addMenu("&Tools")
        tools_menu.addAction(self.follow_action)
        tools_menu.addAction(self.stop_following_action)
        return tools_menu

    def _followed_only(self, on: bool) -> None:
        _set_checked(self.followed_only_action, on)
        self.window.settings.set(FOLLOWED_ONLY, on)

    def _followed(self, name: str | None) -> None:
        self.stop_following_action.setEnabled(name is not None)
        self.stop_following_action.setText(f"&Stop Following {menu_text(name)}" if name else "&Stop Following")

    def ask_country(self) -> FollowDialog:
        """Tools > Follow Country: the dialog, window-modal; it returns at once."""
        if self.follow_dialog is not None:
            self.follow_dialog.deleteLater()
        dialog = self.follow_dialog = FollowDialog(self.state, self.window)
        dialog.open()
        return dialog

    def show_members(self, lane_id: str, day: dt.date) -> MembersPopup:
        """The members of a lane on a day, in a small window that stays (and is reused)."""
        timeline = self.state.timeline
        lane = timeline.lane(lane_id) if timeline else None
        name = lane_name_on(lane, day) if lane else lane_id
        if self.popup is None:
            self.popup = MembersPopup(self.window)
        self.popup.show_members(f"Members of {name} on {day_text(day)}", self.window.view.members_text(lane_id, day))
        return self.popup

    # --- kept per file -----------------------------------------------------------------
    def _restore(self, loaded: bool, _another_file: bool) -> None:
        """A file shown for the first time in this window gets the member rows it had last time."""
        shown = self.window.document.shown
        if not loaded or shown is None or shown == self._members_file:
            return
        self._members_file = shown
        wanted = set(self.window.settings.member_lanes(shown)) & set(member_lanes_of(self.state))
        self.state.set_member_lanes(frozenset(wanted))

    def _save(self, lanes: frozenset[str]) -> None:
        shown = self.window.document.shown
        if shown is not None and shown == self._members_file:
            self.window.settings.set_member_lanes(shown, sorted(lanes))
