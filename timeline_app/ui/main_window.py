"""The main window: wiring. The timeline in the centre, lanes at the left, details at the right.

The window owns the view state and the document (core/state.py) and builds the widgets on
them; each widget follows the state by itself. What is left here is the chrome: actions and
menus, the status bar, the banner, presentation mode, dialogs and settings.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from .. import __version__
from ..core.browse import Filters
from ..core.dates import format_range
from ..core.figure import FigureSpec
from ..core.model import Citation, Timeline
from ..core.paths import resource
from ..core.problems import count
from ..core.state import Document, ViewState
from ..render.export import ExportError, export_figure, render_image
from ..render.text import menu_text
from ..render.theme import THEMES, make_theme
from ..render.view import TimelineView
from . import dialogs
from .detail_panel import DetailPanel
from .event_list import EventList
from .filter_bar import FilterBar
from .filter_panel import FilterPanel
from .lane_panel import LaneMenu, LanePanel
from .loading import Loader, LoadProgress
from .members import MembershipChrome
from .overview import OverviewStrip
from .preferences import PreferencesDialog
from .presentation import PresentationCard
from .printing import FigurePrinter
from .problems import ProblemBanner, ProblemList
from .reader import ReaderPanel
from .search_field import SearchField
from .settings import (
    EXPORT_FOLDER,
    EXPORT_KEEP_TITLES,
    FILTERS,
    GEOMETRY,
    HIDE_UNMATCHED,
    LANE_HEIGHTS,
    OVERVIEW,
    RANGE,
    SOURCES_FOLDER,
    THEME,
    WINDOW_STATE,
    Settings,
)
from .tours import PRESENTATION_KEYS_HELP, TourChrome
from .watcher import FileWatcher

__all__ = ["MainWindow"]

Key = QtGui.QKeySequence.StandardKey
#: Keys that a widget takes while it has the focus (no action of the window to list them from).
_FOCUS_KEYS = (
    "In the search field: Enter / Shift+Enter: next / previous match; Esc: clear the search, then back to the timeline",
    "In the event list: Up / Down: the event above / below; Enter or double-click: centre the timeline on it; "
    "Shift or Ctrl with a click or an arrow: more rows to copy",
    "In the Filters and Lanes lists: Space: tick or untick; Enter on a kind of the legend: only that kind",
    "In the source document: ] / [: next / previous excerpt of that document",
    "Tab / Shift+Tab: search field, timeline, event list, details",
)
_SETTLE_MS = 700  # a view kept this long is one step of Back / Forward
# Narrower than this, the Source Document panel opens as a tab over Details: beside it (and Lanes)
# it would leave the plot and the event list too little room.
_READER_BESIDE_WIDTH = 1600
_DETAILS_WIDTH = 340  # Details at the start; wider ones come back to at most a quarter of the window
_GIVE_BACK_SECONDS = 1.5  # how long after the reader closes Details is kept to its width
# The timeline shows that it has the keyboard: a frame in the palette's highlight colour.
_FOCUS_FRAME = (
    "TimelineView { border: 2px solid transparent; } TimelineView:focus { border: 2px solid palette(highlight); }"
)
_THEME_TEXT = {"screen": "&Screen (system colours)", "slide": "S&lide (light, large)"}


def _icon(name: str, color: QtGui.QColor | None = None) -> QtGui.QIcon:
    """An icon from resources/icons, tinted to `color` (the palette's text) so that it reads
    on light and dark palettes alike; the app icon keeps its colours."""
    icon = QtGui.QIcon(str(resource("icons", f"{name}.svg")))
    if color is None:
        return icon
    tinted = QtGui.QIcon()
    for size in (16, 20, 24, 32, 40, 48):
        pixmap = icon.pixmap(size, size)
        painter = QtGui.QPainter(pixmap)
        painter.setCompositionMode(QtGui.QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(pixmap.rect(), color)
        painter.end()
        tinted.addPixmap(pixmap)
    return tinted


class MainWindow(QtWidgets.QMainWindow):
    """Builds the widgets on one ViewState and wires the chrome to it."""

    def __init__(self, settings: QtCore.QSettings, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = Settings(settings)
        self.document = Document()
        self.state = ViewState(self.document, hidden_lanes_of=self.settings.hidden_lanes)
        self.state.set_filters(self.settings.get(FILTERS))  # as the last session left them
        self.state.set_hide_unmatched(self.settings.get(HIDE_UNMATCHED))
        self._range_restored = False
        self.setWindowTitle("Security organisations timeline")
        self.setWindowIcon(_icon("app"))

        self.view = TimelineView(self.state, scrollable=True)  # lanes that do not fit scroll
        self.view.setAccessibleName("Timeline")
        self.view.setAccessibleDescription("No event selected")
        self.view.setStyleSheet(_FOCUS_FRAME)
        self.search = SearchField(self.state)
        self.search.hand_back_to = self.view
        # a view becomes a place for Back once it has stayed for a moment (a drag is one step)
        self._settle = QtCore.QTimer(self, singleShot=True, interval=_SETTLE_MS)
        self._settle.timeout.connect(self.state.remember)
        self.banner = ProblemBanner()
        central = QtWidgets.QWidget()
        column = QtWidgets.QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        self.filter_bar = FilterBar(self.state)  # while a filter is active: which, and Clear
        column.addWidget(self.filter_bar)
        column.addWidget(self.view, 1)
        self.overview = OverviewStrip(self.state, self.view)  # the whole span; the window's only, not exports'
        column.addWidget(self.overview)
        self.setCentralWidget(central)
        self.details = DetailPanel(self.state)
        self.lane_panel = LanePanel(self.state)
        right, left = QtCore.Qt.DockWidgetArea.RightDockWidgetArea, QtCore.Qt.DockWidgetArea.LeftDockWidgetArea
        self.details_dock = self._dock("Details", "details", self.details, right)
        self.reader = ReaderPanel(self.state)  # a citation's document, at its excerpt: hidden until asked for
        self.reader_dock = self._dock("Source Document", "reader", self.reader, right)
        self.splitDockWidget(self.details_dock, self.reader_dock, QtCore.Qt.Orientation.Horizontal)
        self.reader_dock.hide()
        self.reader_dock.toggleViewAction().triggered.connect(self._reader_chosen)
        self.reader_dock.toggleViewAction().toggled.connect(self._reader_toggled)
        self._details_width = _DETAILS_WIDTH  # Details' width while the reader is open
        self._details_goal: tuple[int, float | None] | None = None  # (width, until) after the reader closes
        self.details.showInDocument.connect(self.show_in_document)
        self.sources_folder: Path | None = None
        self.set_sources_folder(self.settings.get(SOURCES_FOLDER))
        lanes_scroll = QtWidgets.QScrollArea()
        lanes_scroll.setWidgetResizable(True)
        lanes_scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        lanes_scroll.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        lanes_scroll.setWidget(self.lane_panel)
        self.lanes_dock = self._dock("Lanes", "lanes", lanes_scroll, left)
        self.filter_panel = FilterPanel(self.state)
        self.filters_dock = self._dock("Filters", "filters", self.filter_panel, left)
        self.tabifyDockWidget(self.lanes_dock, self.filters_dock)
        self.lanes_dock.raise_()
        self.problem_list = ProblemList()
        bottom = QtCore.Qt.DockWidgetArea.BottomDockWidgetArea
        self.problems_dock = self._dock("Problems", "problems", self.problem_list, bottom)
        self.problems_dock.hide()
        self.event_list = EventList(self.state)
        self.event_list_dock = self._dock("Event List", "eventList", self.event_list, bottom)
        self.tabifyDockWidget(self.problems_dock, self.event_list_dock)  # the problems, when shown, beside it
        self.banner.showProblems.connect(self._show_problem_list)
        self.loader = Loader(self.document, self)  # large files are read in a worker thread
        self.loader.aliases = self.state.aliases
        self.watcher = FileWatcher(self.document, self, reload=self.loader.reload_if_changed)
        self.resizeDocks([self.details_dock, self.lanes_dock], [_DETAILS_WIDTH, 200], QtCore.Qt.Orientation.Horizontal)
        corner, area = QtCore.Qt.Corner, QtCore.Qt.DockWidgetArea
        self.setCorner(corner.BottomLeftCorner, area.LeftDockWidgetArea)  # the side panels keep their height:
        self.setCorner(corner.BottomRightCorner, area.RightDockWidgetArea)  # the list sits under the plot
        self.resizeDocks([self.event_list_dock], [190], QtCore.Qt.Orientation.Vertical)  # the plot keeps most

        self.count_label = QtWidgets.QLabel("No data")
        self.range_label = QtWidgets.QLabel()
        for label in (self.count_label, self.range_label):
            label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.count_label)
        self.load_progress = LoadProgress(self.loader)  # a read that takes a while: how far, and Cancel
        self.statusBar().addPermanentWidget(self.load_progress)
        self.statusBar().addPermanentWidget(self.range_label)
        self.loader.cancelled.connect(self._load_cancelled)

        self._build_actions()
        self.members = MembershipChrome(self)  # View > Membership, Tools > Follow Country, the plot's menu
        self.tours = TourChrome(self)  # the Tour panel and menu, File > tours, stepping while presenting
        self._build_menus()
        self.card = PresentationCard(self.state, self.view)
        self._before_presentation: tuple[QtCore.QByteArray, bool] | None = None

        self.document.changed.connect(self._document_read)
        self.state.lanes_changed.connect(self._lanes_changed)
        self.state.selection_changed.connect(self._selection_changed)
        self.state.range_changed.connect(self._show_range)
        self.state.filters_changed.connect(self._update_counts)
        self.state.unmatched_changed.connect(self._update_counts)
        self.state.filters_changed.connect(self._filters_changed)
        self.state.unmatched_changed.connect(self._unmatched_changed)
        for signal in (self.state.range_changed, self.state.lanes_changed, self.state.selection_changed):
            signal.connect(self._view_moved)
        self.state.history_changed.connect(self._update_history_actions)
        app = QtWidgets.QApplication.instance()
        assert app is not None  # a window needs its application
        app.installEventFilter(self)  # the mouse's back / forward buttons, wherever the pointer is
        self.state.set_theme(self.settings.get(THEME))
        self.state.theme_changed.connect(self._apply_theme)
        self._restore_window()
        self._show_range(*self.state.time_range)
        self._apply_theme(self.state.theme)
        self._set_tab_order()

    # --- construction ----------------------------------------------------------
    def _set_tab_order(self) -> None:
        """Tab runs toolbar (the search), plot, list, Details; each shows that it has the focus."""
        self.details.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
        self.details.setAccessibleName("Details of the selected event")
        self.details.setObjectName("details")
        self.details.setStyleSheet(
            "QScrollArea#details { border: 2px solid transparent; } "
            "QScrollArea#details:focus { border: 2px solid palette(highlight); }"
        )
        self.event_list.table.setTabKeyNavigation(False)  # arrows move in the list; Tab leaves it
        chain: list[QtWidgets.QWidget] = [self.search.edit, self.view, self.event_list.table, self.details]
        for first, second in zip(chain, chain[1:], strict=False):
            QtWidgets.QWidget.setTabOrder(first, second)

    def _dock(
        self, title: str, name: str, widget: QtWidgets.QWidget, area: QtCore.Qt.DockWidgetArea
    ) -> QtWidgets.QDockWidget:
        dock = QtWidgets.QDockWidget(title, self)
        dock.setObjectName(f"{name}Dock")
        dock.setWidget(widget)
        features = QtWidgets.QDockWidget.DockWidgetFeature
        dock.setFeatures(features.DockWidgetMovable | features.DockWidgetClosable)
        self.addDockWidget(area, dock)
        return dock

    def _action(
        self,
        text: str,
        slot: object,
        shortcuts: tuple[str | QtGui.QKeySequence.StandardKey, ...] = (),
        icon: str | None = None,
        tip: str = "",
    ) -> QtGui.QAction:
        action = QtGui.QAction(text, self)
        if icon:
            action.setIcon(_icon(icon, self.palette().color(QtGui.QPalette.ColorRole.ButtonText)))
        if shortcuts:
            sequences = [QtGui.QKeySequence(s) for s in shortcuts]
            action.setShortcuts([k for i, k in enumerate(sequences) if not k.isEmpty() and k not in sequences[:i]])
        if tip:
            action.setStatusTip(tip)
            keys = action.shortcut().toString(QtGui.QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tip} ({keys})" if keys else tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        state, act = self.state, self._action
        self.open_action = act("&Open…", self._open_dialog, (Key.Open,), "open", "Open an events file")
        self.reload_action = act("&Reload", self.reload, ("F5", "Ctrl+R"), "reload", "Read the file again")
        self.export_action = act(
            "&Export Image…", self._export_dialog, ("Ctrl+E",), "export", "Save the timeline view as an image"
        )
        self.quit_action = act("&Quit", self.close, ("Ctrl+Q",), None, "Quit")
        self.fit_action = act("&Fit All", state.fit_all, ("Home",), "fit", "Show the whole span")
        self.zoom_in_action = act(
            "Zoom &In", lambda: state.zoom_by(0.5), ("+", "=", Key.ZoomIn), "zoom-in", "Zoom in on time"
        )
        self.zoom_out_action = act(
            "Zoom &Out", lambda: state.zoom_by(2.0), ("-", Key.ZoomOut), "zoom-out", "Zoom out on time"
        )
        self.clear_action = act("Clear Selection", lambda: state.select(None), ("Esc",), None, "Clear the selection")
        self.pan_left_action = act("Pan Left", lambda: state.pan_by(-0.2), ("Left",), None, "Move back in time")
        self.pan_right_action = act("Pan Right", lambda: state.pan_by(0.2), ("Right",), None, "Move forward in time")
        view = self.view
        self.scroll_up_action = act(
            "Scroll Lanes Up", lambda: view.scroll_lanes(-1), (Key.MoveToPreviousLine,), None, "Scroll the lanes up"
        )
        self.scroll_down_action = act(
            "Scroll Lanes Down", lambda: view.scroll_lanes(1), (Key.MoveToNextLine,), None, "Scroll the lanes down"
        )
        self.page_up_action = act(
            "Page Lanes Up", lambda: view.page_lanes(-1), (Key.MoveToPreviousPage,), None, "Scroll the lanes a page up"
        )
        self.page_down_action = act(
            "Page Lanes Down", lambda: view.page_lanes(1), (Key.MoveToNextPage,), None, "Scroll the lanes a page down"
        )
        for action in (
            self.clear_action,
            self.pan_left_action,
            self.pan_right_action,
            self.scroll_up_action,
            self.scroll_down_action,
            self.page_up_action,
            self.page_down_action,
            self.fit_action,
            self.zoom_in_action,
            self.zoom_out_action,
        ):
            self._timeline_only(action)  # Home, +, - and the arrows: lists and text use them too
        self.copy_action = act(
            "&Copy Image", self.copy_image, ("Ctrl+Shift+C",), None, "Copy the view, as exported, to the clipboard"
        )
        self.printing = FigurePrinter(
            self, self._figure_to_print, lambda text: dialogs.show_error(self, "Print failed", text)
        )
        self.print_action = act(
            "&Print…",
            self.printing.ask_and_print,
            (Key.Print,),
            None,
            "Print the view, as exported, fitted to the page",
        )
        self.print_preview_action = act(
            "Print Pre&view…", self.printing.preview, (), None, "The printed page, before printing it"
        )
        self.present_action = act(
            "&Presentation Mode",
            self.toggle_presentation,
            ("F11",),
            None,
            "Full screen, large, with the selected event as a card",
        )
        self.present_action.setCheckable(True)
        self.leave_action = act(
            "Leave Presentation", lambda: self.set_presentation(False), ("Esc",), None, "Leave presentation mode"
        )
        self.leave_action.setEnabled(False)
        self.overview_action = act(
            "&Overview Strip", self._show_overview, (), None, "The whole span under the plot, the range as a window"
        )
        self.overview_action.setCheckable(True)
        self.overview_action.setChecked(self.settings.get(OVERVIEW))
        self.overview.setVisible(self.overview_action.isChecked())
        self.lane_heights_group = QtGui.QActionGroup(self)
        self.lane_heights_actions: dict[str, QtGui.QAction] = {}
        for mode, text, tip in (
            ("equal", "&Equal", "The lanes share the plot's height equally"),
            ("content", "By &Content", "Lanes with more labels to show get more of the height"),
        ):
            action = QtGui.QAction(text, self, checkable=True)
            action.setStatusTip(tip)
            action.triggered.connect(lambda _checked=False, m=mode: self.set_lane_heights(m))
            self.lane_heights_group.addAction(action)
            self.lane_heights_actions[mode] = action
        self.set_lane_heights(self.settings.get(LANE_HEIGHTS))
        self.theme_group = QtGui.QActionGroup(self)
        self.theme_actions: dict[str, QtGui.QAction] = {}
        for name in THEMES:
            action = QtGui.QAction(_THEME_TEXT[name], self, checkable=True)
            action.setStatusTip(f"Draw the timeline in the {name.title()} theme")
            action.triggered.connect(lambda _checked=False, n=name: state.set_theme(n))
            self.theme_group.addAction(action)
            self.theme_actions[name] = action
        # finding and walking
        self.find_action = act("&Find…", self.search.focus, (Key.Find,), None, "Search the events")
        self.find_next_action = act(
            "Find &Next", lambda: state.step(1), (Key.FindNext,), None, "The next match in time"
        )
        self.find_previous_action = act(
            "Find Pre&vious", lambda: state.step(-1), (Key.FindPrevious,), None, "The previous match in time"
        )
        self.next_action = act(
            "&Next Event",
            lambda: state.step(1),
            ("N", "Ctrl+Right"),
            None,
            "The next event in time (of those that match)",
        )
        self.previous_action = act(
            "&Previous Event",
            lambda: state.step(-1),
            ("P", "Ctrl+Left"),
            None,
            "The previous event in time (of those that match)",
        )
        self.lane_up_action = act(
            "Event in Lane &Above",
            lambda: state.step_lane(-1),
            ("Ctrl+Up",),
            None,
            "The nearest event in the lane above",
        )
        self.lane_down_action = act(
            "Event in Lane &Below",
            lambda: state.step_lane(1),
            ("Ctrl+Down",),
            None,
            "The nearest event in the lane below",
        )
        self.centre_action = act(
            "&Centre on Selection",
            lambda: state.centre_on(state.selected) if state.selected else None,
            ("C",),
            None,
            "Centre the timeline on the selected event",
        )
        for action in (
            self.next_action,
            self.previous_action,
            self.lane_up_action,
            self.lane_down_action,
            self.centre_action,
        ):
            self._timeline_only(action)  # letters and Ctrl+arrows also edit text
        self.back_action = act(
            "&Back", self._back, (Key.Back, "Alt+Left"), None, "The view before this one (range, lanes, selection)"
        )
        self.forward_action = act("&Forward", self._forward, (Key.Forward, "Alt+Right"), None, "The next view again")
        self.goto_action = act("&Go To…", self._go_to_dialog, ("Ctrl+G",), None, "Show a range of dates")
        self.keys_action = act("&Keyboard Shortcuts", self._show_keys, (Key.HelpContents,), None, "Every shortcut")
        # filters
        self.filters_action = act(
            "&Filters Panel", self.toggle_filters_panel, ("Ctrl+Shift+F",), None, "Filter by country, kind, source"
        )
        self.filters_action.setCheckable(True)
        self.filters_dock.toggleViewAction().toggled.connect(self.filters_action.setChecked)
        self.filters_action.setChecked(True)
        self.hide_unmatched_action = act(
            "&Hide Events That Do Not Match",
            state.set_hide_unmatched,
            (),
            None,
            "Hide the events that do not match the search and filters, instead of dimming them",
        )
        self.hide_unmatched_action.setCheckable(True)
        self.hide_unmatched_action.setChecked(state.hide_unmatched)
        self.clear_filters_action = act(
            "Clear &All Filters",
            state.clear_filters,
            ("Ctrl+Shift+Backspace",),
            None,
            "Show every event again: clear the search and every filter",
        )
        self.clear_filters_action.setEnabled(state.filters.active)
        self.sources_action = act("Data &Sources…", self._show_sources, (), None, "The documents the events cite")
        self.preferences_action = act(  # Ctrl+, also where the platform's own key is none or a media key
            "&Preferences…",
            self._show_preferences,
            ("Ctrl+,", Key.Preferences),
            None,
            "The folder of the source documents; moves between tour stops animated or not",
        )
        self.preferences_action.setMenuRole(QtGui.QAction.MenuRole.PreferencesRole)
        self.about_action = act("&About", self._show_about, (), None, "About this app")
        self.event_list_action = self.event_list_dock.toggleViewAction()
        self.event_list_action.setText("Event Li&st")  # L is View > Lanes'
        self.event_list_action.setShortcut(QtGui.QKeySequence("Ctrl+L"))
        self.event_list_action.setStatusTip("The matching events as a sortable list")
        self.addAction(self.event_list_action)

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self._rebuild_recent_menu()
        for action in (self.reload_action, self.export_action, self.copy_action):
            file_menu.addAction(action)
        self.tours.add_file_actions(file_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.print_action)
        file_menu.addAction(self.print_preview_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.edit_menu = menu.addMenu("&Edit")
        for action in (self.find_action, self.find_next_action, self.find_previous_action):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.clear_action)
        edit_menu.addAction(self.event_list.copy_action)  # the list's own: Ctrl+C while the list has the keys
        edit_menu.addSeparator()
        edit_menu.addAction(self.preferences_action)
        view_menu = menu.addMenu("&View")
        for action in (self.fit_action, self.zoom_in_action, self.zoom_out_action, self.goto_action):
            view_menu.addAction(action)
        view_menu.addSeparator()
        self.lane_menu = LaneMenu(self.state, view_menu.addMenu("&Lanes"))
        view_menu.addAction(self.members.members_action)
        view_menu.addAction(self.members.followed_only_action)
        view_menu.addAction(self.hide_unmatched_action)
        view_menu.addAction(self.clear_filters_action)
        theme_menu = view_menu.addMenu("&Theme")
        for action in self.theme_actions.values():
            theme_menu.addAction(action)
        heights_menu = view_menu.addMenu("Lane &Heights")
        for action in self.lane_heights_actions.values():
            heights_menu.addAction(action)
        view_menu.addAction(self.overview_action)
        view_menu.addAction(self.present_action)
        view_menu.addSeparator()
        for dock in (self.lanes_dock, self.details_dock, self.reader_dock, self.problems_dock):
            toggle = dock.toggleViewAction()
            toggle.setText(f"{dock.windowTitle()} &Panel")  # not to be taken for View > Lanes
            view_menu.addAction(toggle)
        view_menu.addAction(self.filters_action)
        view_menu.addAction(self.event_list_action)
        view_menu.addAction(self.tours.panel_action)
        view_menu.addAction(self.tours.presenter_action)
        go_menu = self.go_menu = menu.addMenu("&Go")
        for item in (
            self.back_action,
            self.forward_action,
            None,
            self.next_action,
            self.previous_action,
            self.lane_up_action,
            self.lane_down_action,
            self.centre_action,
            None,
            self.pan_left_action,
            self.pan_right_action,
            self.scroll_up_action,
            self.scroll_down_action,
            self.page_up_action,
            self.page_down_action,
            self.goto_action,
            None,
            self.reader.next_action,
            self.reader.previous_action,
        ):
            if item is None:
                go_menu.addSeparator()
            else:
                go_menu.addAction(item)
        self.tours.add_menu(menu)
        self.members.add_tools_menu(menu)
        help_menu = menu.addMenu("&Help")
        help_menu.addAction(self.keys_action)
        help_menu.addAction(self.sources_action)
        help_menu.addAction(self.about_action)

        toolbar = self.toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolBar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QtCore.QSize(20, 20))
        for tool in (
            self.open_action,
            self.reload_action,
            None,
            self.fit_action,
            self.zoom_in_action,
            self.zoom_out_action,
            None,
            self.back_action,
            self.forward_action,
            None,
            self.export_action,
        ):
            if tool is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(tool)
        spacer = QtWidgets.QWidget()
        spacer.setSizePolicy(QtWidgets.QSizePolicy.Policy.Expanding, QtWidgets.QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addWidget(self.search)
        self._update_history_actions()

    @property
    def lane_actions(self) -> dict[str, QtGui.QAction]:
        """View > Lanes, by lane id."""
        return self.lane_menu.actions

    # --- the document ----------------------------------------------------------------
    def open_file(self, path: str | Path) -> bool:
        """Open a file and follow it; on errors what is on screen stays, and the file is read
        again when it is saved. A large file is read in the background (the loader): False
        then, and what is on screen stays until it is read."""
        return self.loader.open(path)

    def reload(self) -> None:
        """Read the file asked for last again (the one being read, if any)."""
        self.loader.reload()

    def _load_cancelled(self, path: Path) -> None:
        shown = self.document.shown
        still = f"still showing {shown.name}" if shown is not None else "nothing is shown"
        self.statusBar().showMessage(f"Cancelled reading {path.name}; {still}.", 10000)

    def _document_read(self, loaded: bool, _another_file: bool) -> None:
        """After each read of the file (the state has followed it already): problems, banner,
        title, counts; the range of the last session once there is something to show."""
        document = self.document
        self.problem_list.set_problems(document.problems)
        self._show_banner(document.summary())
        if not document.problems:
            self.problems_dock.hide()
        if loaded:
            assert document.shown is not None
            if not self._range_restored:
                self._range_restored = True
                self._restore_range()
            self.settings.remember_recent(document.shown)
            self._rebuild_recent_menu()
            warnings = [p for p in document.problems if p.severity == "warning"]
            if warnings:
                self.statusBar().showMessage(f"{count(len(warnings), 'warning')}: {warnings[0]}", 10000)
        self._update_title()
        self._update_counts()

    def _show_banner(self, message: str) -> None:
        """Say what is wrong over the timeline ("" hides it); kept while presenting, shown after."""
        if message and not self.presenting:
            self.banner.show_message(message)
        elif not message:
            self.banner.hide()

    def _show_problem_list(self) -> None:
        self.problems_dock.show()
        self.problems_dock.raise_()

    def _rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        for name in self.settings.recent_files():
            action = self.recent_menu.addAction(menu_text(name))
            action.triggered.connect(lambda _checked=False, n=name: self.open_file(n))
        self.recent_menu.setEnabled(bool(self.settings.recent_files()))

    # --- following the state ----------------------------------------------------------
    def _lanes_changed(self, _visible: tuple[str, ...]) -> None:
        if self.document.shown is not None:
            self.settings.set_hidden_lanes(self.document.shown, self.state.hidden_lanes())
        self._update_counts()

    def _filters_changed(self, filters: Filters) -> None:
        """Kept at once for the next start (the search text is not); Clear is offered while any is set."""
        self.settings.set(FILTERS, filters)
        self.clear_filters_action.setEnabled(filters.active)

    def _unmatched_changed(self, hide: bool) -> None:
        self.settings.set(HIDE_UNMATCHED, hide)
        self.hide_unmatched_action.setChecked(hide)

    def toggle_filters_panel(self) -> None:
        """View > Filters Panel: show the panel (in front of the dock it shares) and give it the
        keyboard; hide it when it is in front already."""
        dock = self.filters_dock
        if not dock.isHidden() and not dock.visibleRegion().isEmpty():
            dock.hide()
        else:
            dock.show()
            dock.raise_()
            self.filter_panel.setFocus()
        self.filters_action.setChecked(not dock.isHidden())

    def _selection_changed(self, event_id: str | None) -> None:
        if event_id is not None and not self.details_dock.isVisible() and not self.presenting:
            self.details_dock.show()
        self.view.setAccessibleDescription(self._spoken_selection())

    def _spoken_selection(self) -> str:
        """What a screen reader says of the selected event: title, date, lanes and its first source."""
        event, timeline = self.state.selected_event(), self.state.timeline
        if event is None or timeline is None:
            return "No event selected"
        lanes = ", ".join(lane.name for lane_id in event.lanes if (lane := timeline.lane(lane_id)))
        source = f"; source: {timeline.reference(event.citations[0])}" if event.citations else ""
        return f"Selected: {event.title}, {event.date_text()}, {lanes}{source}"

    # --- back and forward ---------------------------------------------------------
    def _view_moved(self, *_args: object) -> None:
        self._settle.start()
        self._update_history_actions()

    def _update_history_actions(self) -> None:
        self.back_action.setEnabled(self.state.can_go_back())
        self.forward_action.setEnabled(self.state.can_go_forward())

    def _back(self) -> None:
        self._settle.stop()
        self.state.back()

    def _forward(self) -> None:
        self._settle.stop()
        self.state.forward()

    def _timeline_only(self, action: QtGui.QAction) -> None:
        """A shortcut that acts only while the timeline has the focus (others use its keys)."""
        self.removeAction(action)
        self.view.addAction(action)
        action.setShortcutContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        """The mouse's back and forward buttons, wherever the pointer is in this window; and
        Details kept to its width while a closed reader's room is being handed out."""
        if watched is self.details_dock and event.type() == QtCore.QEvent.Type.Resize and self._details_goal:
            QtCore.QTimer.singleShot(0, self, self._give_details)
        if event.type() == QtCore.QEvent.Type.MouseButtonPress:
            assert isinstance(event, QtGui.QMouseEvent)
            button = event.button()
            if button in (QtCore.Qt.MouseButton.BackButton, QtCore.Qt.MouseButton.ForwardButton):
                if isinstance(watched, QtWidgets.QWidget) and self in (watched.window(), watched.window().parent()):
                    (self._back if button == QtCore.Qt.MouseButton.BackButton else self._forward)()
                    return True
        return super().eventFilter(watched, event)

    def _go_to_dialog(self) -> None:
        answer = dialogs.ask_range(self, self.state.time_range)
        if answer is not None:
            self.state.go_to(*answer)
            self.view.setFocus()

    def _show_range(self, start: float, end: float) -> None:
        self.range_label.setText(format_range(start, end))

    def _update_counts(self, *_args: object) -> None:
        timeline = self.state.timeline
        if timeline is None:
            problems = len(self.document.errors)
            name = self.document.path.name if self.document.path else ""
            self.count_label.setText(f"No data: {name} has {count(problems, 'problem')}" if problems else "No data")
            return
        lanes = f"{len(self.state.visible_lanes)} of {len(timeline.lanes)} lanes shown"
        if not self.state.filters.active:
            self.count_label.setText(f"{len(timeline.events)} events · {self.state.shown_count()} in {lanes}")
            return
        found = self.state.match_summary()
        hidden_lanes = self.state.shown_count() != len(timeline.events)
        self.count_label.setText(f"{found} · {lanes}" if hidden_lanes else found)

    def _update_title(self) -> None:
        """The title names the file shown (which is not the file opened last, when that one is broken)."""
        shown = self.document.shown or self.document.path
        name = shown.name if shown else "no file"
        self.setWindowTitle(f"{name} — Security organisations timeline")

    # --- dialogs ------------------------------------------------------------------
    def _open_dialog(self) -> None:
        folder = str(self.document.path.parent) if self.document.path else ""
        path = dialogs.ask_open_path(self, folder)
        if path is not None:
            self.open_file(path)

    def current_spec(self, spec: FigureSpec | None = None) -> FigureSpec:
        """What an export of the view shows now: the state's lanes, range and selection, with
        the export options last used (or `spec`'s)."""
        return self.state.figure_spec(spec or self.settings.export_spec())

    def _nothing_to_export(self) -> bool:
        if self.state.timeline is None:
            dialogs.show_error(self, "Nothing to export", "No data is loaded: open an events file first.")
            return True
        return False

    def _export_dialog(self) -> None:
        if self._nothing_to_export():
            return
        here = self.document.path.parent if self.document.path else Path.home()
        folder = self.settings.get(EXPORT_FOLDER) or str(here)  # the data's folder, until an export is saved
        keep = self.settings.get(EXPORT_KEEP_TITLES)
        assert self.state.timeline is not None
        answer = dialogs.ask_export(self, self.state.timeline, self.current_spec(), folder, keep)
        if answer is None:
            return
        spec, path, keep = answer
        self.settings.set_export_spec(spec, keep)
        self.settings.set(EXPORT_FOLDER, str(path.parent))
        self._write_figure(path, spec)  # the range and lanes chosen in the dialog

    def export_to(self, path: str | Path, spec: FigureSpec | None = None) -> bool:
        """Export what the view shows through the shared renderer; a failure is one message."""
        if self._nothing_to_export():
            return False
        return self._write_figure(path, self.current_spec(spec))

    def _write_figure(self, path: str | Path, spec: FigureSpec) -> bool:
        assert self.state.timeline is not None
        try:
            written = export_figure(self.state.timeline, path, spec, self.palette())
        except ExportError as exc:
            dialogs.show_error(self, "Export failed", str(exc))
            return False
        self.statusBar().showMessage(f"Exported {written}", 6000)
        return True

    def _figure_to_print(self) -> tuple[Timeline, FigureSpec] | None:
        """File > Print's figure: the export of the view (None, said so, without data)."""
        if self._nothing_to_export():
            return None
        assert self.state.timeline is not None
        return self.state.timeline, self.current_spec()

    def copy_image(self) -> bool:
        """Put the view, as an export renders it, on the clipboard."""
        if self.state.timeline is None:
            return False
        try:
            image = render_image(self.state.timeline, self.current_spec(), self.palette())
        except ExportError as exc:
            dialogs.show_error(self, "Copy failed", str(exc))
            return False
        QtGui.QGuiApplication.clipboard().setImage(image)
        self.statusBar().showMessage(f"Copied a {image.width()}×{image.height()} image to the clipboard", 6000)
        return True

    # --- theme and presentation -------------------------------------------------
    def set_theme(self, name: str) -> None:
        """Screen (the system palette) or Slide; remembered for the next start."""
        self.state.set_theme(name)

    def _apply_theme(self, name: str) -> None:
        self.theme_actions[name].setChecked(True)
        self.settings.set(THEME, name)
        theme = make_theme(name, self.palette())
        self.view.set_theme(theme.scaled(1.35) if self.presenting else theme)

    @property
    def presenting(self) -> bool:
        """In presentation mode (the card shows the selection only then)."""
        return self.card.active

    def _show_overview(self, on: bool) -> None:
        """View > Overview Strip: shown or not, remembered for the next start."""
        self.overview.setVisible(on and not self.presenting)
        self.settings.set(OVERVIEW, on)

    def set_lane_heights(self, mode: str) -> None:
        """View > Lane Heights: 'equal' or 'content' (by the rows their labels need); remembered."""
        self.view.set_lane_heights(mode)
        self.lane_heights_actions[mode].setChecked(True)
        self.settings.set(LANE_HEIGHTS, mode)

    def toggle_presentation(self) -> None:
        self.set_presentation(not self.presenting)

    def set_presentation(self, on: bool) -> None:
        """Full screen, without menus, bars and docks, larger, the selection as a card; Esc leaves."""
        if on == self.presenting:
            return
        self.card.set_active(on)
        self.present_action.setChecked(on)
        self.leave_action.setEnabled(on)
        self.clear_action.setEnabled(not on)
        for toggle in (self.filters_action, self.event_list_action):  # no docks over a presentation
            toggle.setEnabled(not on)
        if on:
            self._before_presentation = (self.saveState(), self.isMaximized())
            for widget in (
                self.menuBar(),
                self.toolbar,
                self.statusBar(),
                self.lanes_dock,
                self.filters_dock,
                self.details_dock,
                self.reader_dock,
                self.problems_dock,
                self.event_list_dock,
                self.banner,
                self.overview,
            ):
                widget.hide()
            self.showFullScreen()
            self.view.setFocus()  # arrows pan, +/- zoom, Esc leaves
        else:
            assert self._before_presentation is not None
            state, maximized = self._before_presentation
            self.menuBar().show()
            self.statusBar().show()
            self.restoreState(state)
            if maximized:
                self.showMaximized()
            else:
                self.showNormal()
            self._show_banner(self.document.summary())
            self.overview.setVisible(self.overview_action.isChecked())
        self._apply_theme(self.state.theme)
        self.tours.set_presenting(on)  # with a tour: its keys, the stop's heading, the presenter view

    def _show_sources(self) -> None:
        timeline = self.state.timeline
        if timeline is None:
            return
        dialogs.show_sources(self, timeline, lambda source_id: self.state.filter_by("sources", source_id))

    def shortcut_help(self) -> str:
        """Every shortcut of the window's actions, from the actions themselves, then the keys
        that widgets take while they have the focus."""
        lines = [
            "Mouse wheel: zoom time around the cursor",
            "Shift+wheel, or the wheel over the lane names: scroll the lanes (where they do not all fit)",
            "Drag: pan",
            "Click: select an event (or a member row's span)",
            "Right-click in a lane (or Menu key, Shift+F10 in the timeline): the members on that day; follow a country",
            "",
        ]
        widgets = self.actions() + self.view.actions() + self.event_list.table.actions() + self.reader.actions()
        for action in widgets + self.tours.list_actions():
            keys = action.shortcuts()
            if keys:
                native = QtGui.QKeySequence.SequenceFormat.NativeText
                shown = ", ".join(key.toString(native) for key in keys)
                lines.append(f"{shown}: {action.text().replace('&', '').rstrip('…')}")
        return "\n".join(lines + ["", *_FOCUS_KEYS, PRESENTATION_KEYS_HELP])

    def _show_keys(self) -> None:
        dialogs.show_text(self, "Keyboard shortcuts", self.shortcut_help())

    def _show_about(self) -> None:
        dialogs.show_text(
            self,
            "About",
            f"Security organisations timeline {__version__}\n\n"
            "Dated events of the CIS, the Collective Security Treaty / CSTO, GUUAM, the SCO and "
            "EurAsEC, 1991-2015. Every event cites verbatim excerpts of its source documents: "
            "click an event to read them.\n\n" + self.shortcut_help(),
        )

    # --- source documents ----------------------------------------------------------
    def set_sources_folder(self, folder: str | Path | None) -> None:
        """Where the source documents are looked for first (Preferences, or --sources for this
        run); then beside the events file."""
        self.sources_folder = Path(folder) if folder else None
        self.details.set_sources_folder(self.sources_folder)
        self.reader.set_sources_folder(self.sources_folder)

    def show_in_document(self, citation: Citation) -> bool:
        """Open the Source Document panel at the citation's excerpt."""
        if not self.reader_dock.isVisible():
            self._place_reader()
        self.reader_dock.raise_()
        return self.reader.show_citation(citation)

    def _place_reader(self) -> None:
        """Show the Source Document panel beside Details on a wide window, as a tab over it on a
        narrower one; where the user has put it elsewhere (floating, another side), there."""
        reader, details = self.reader_dock, self.details_dock
        moved = reader.isFloating() or self.dockWidgetArea(reader) != self.dockWidgetArea(details)
        if moved or not details.toggleViewAction().isChecked():
            reader.show()
            reader.raise_()
            return
        horizontal = QtCore.Qt.Orientation.Horizontal
        # the reader's room comes from the plot; Details keeps its width, not the room a closed reader left it
        self._details_width = min(details.width(), max(_DETAILS_WIDTH, self.width() // 4))
        if self.width() < _READER_BESIDE_WIDTH:
            self.tabifyDockWidget(details, reader)
            reader.show()
            self.resizeDocks([details], [self._details_width], horizontal)
        else:
            if not reader.isVisible() or details in self.tabifiedDockWidgets(reader):
                # out of Details' tabs, where a hidden reader stays (splitDockWidget would add a tab)
                self.addDockWidget(self.dockWidgetArea(details), reader, horizontal)
            reader.show()
            reader_width = max(360, min(480, self.width() * 3 // 10))
            self.resizeDocks([details, reader], [self._details_width, reader_width], horizontal)
        reader.raise_()

    def _reader_chosen(self, on: bool) -> None:
        """View > Source Document Panel: opened where "Show in document" opens it."""
        if on:
            self._place_reader()

    def _reader_toggled(self, on: bool) -> None:
        """Closed: the reader's room goes back to the plot, not to Details (as Qt would give it).
        The dock layout hands the room out over several event-loop turns, so for a moment every
        resize of Details that gives it more than its width is undone (see eventFilter)."""
        if not on and not self.presenting and self.details_dock.toggleViewAction().isChecked():
            self._details_goal = (self._details_width, None)  # the moment counts from the first hand-out
            QtCore.QTimer.singleShot(0, self, self._give_details)
        else:
            self._details_goal = None

    def _give_details(self) -> None:
        """Details back to the width it had beside the reader, while the reader stays closed."""
        goal = self._details_goal
        if goal is not None and goal[1] is None:  # a busy event loop may run this late: count from now
            goal = self._details_goal = (goal[0], time.monotonic() + _GIVE_BACK_SECONDS)
        if goal is None or goal[1] is None or time.monotonic() > goal[1] or self.reader_dock.isVisible():
            self._details_goal = None
            return
        if self.details_dock.width() > goal[0] + 8:
            self.resizeDocks([self.details_dock], [goal[0]], QtCore.Qt.Orientation.Horizontal)

    def _show_preferences(self) -> None:
        timeline = self.state.timeline
        dialog = PreferencesDialog(
            str(self.sources_folder or ""),
            timeline.sources if timeline else (),
            self.document.shown,
            self,
            reduce_motion=self.tours.animator.reduce_motion,
        )
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.accepted.connect(lambda: self._preferences_chosen(dialog.folder()))
        dialog.accepted.connect(lambda: self.tours.set_reduce_motion(dialog.reduce_motion()))
        self.preferences_dialog = dialog
        dialog.open()  # window-modal; returns at once

    def _preferences_chosen(self, folder: str) -> None:
        self.settings.set(SOURCES_FOLDER, folder)
        self.set_sources_folder(folder or None)

    # --- settings -----------------------------------------------------------------
    def _restore_window(self) -> None:
        if not self.restoreGeometry(self.settings.get(GEOMETRY)):
            screen = QtGui.QGuiApplication.primaryScreen()
            available = screen.availableGeometry().size() if screen else QtCore.QSize(1600, 1000)
            self.resize(min(1600, int(available.width() * 0.9)), min(1000, int(available.height() * 0.9)))
        self.restoreState(self.settings.get(WINDOW_STATE))

    def _restore_range(self) -> None:
        start, end = self.settings.get(RANGE)
        if end > start and self.state.span.overlaps(start, end):  # the last session's, if in this span
            self.state.set_time_range(start, end)
        else:
            self.state.fit_all()

    def save_settings(self) -> None:
        self.settings.set(GEOMETRY, self.saveGeometry())
        self.settings.set(WINDOW_STATE, self.saveState())
        self.settings.set(RANGE, self.state.time_range)
        self.settings.store.sync()

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        if not self.tours.may_replace():  # "Save changes to the tour?" answered Cancel
            event.ignore()
            return
        self.save_settings()
        self.loader.shutdown()  # a read in the background is cancelled, its thread waited for
        app = QtWidgets.QApplication.instance()
        if app is not None:  # a closed window no longer looks at every event of the application
            app.removeEventFilter(self)
        super().closeEvent(event)

    def showEvent(self, event: QtGui.QShowEvent) -> None:
        app = QtWidgets.QApplication.instance()
        if app is not None:  # the mouse's back / forward buttons, wherever the pointer is (again after a close)
            app.installEventFilter(self)
        super().showEvent(event)
