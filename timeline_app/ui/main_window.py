"""The main window: wiring. The timeline in the centre, lanes at the left, details at the right.

The window owns the view state and the document (core/state.py) and builds the widgets on
them; each widget follows the state by itself. What is left here is the chrome: actions and
menus, the status bar, the banner, presentation mode, dialogs and settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from .. import __version__
from ..core.dates import format_range
from ..core.figure import FigureSpec
from ..core.paths import resource
from ..core.problems import count
from ..core.state import Document, ViewState
from ..render.export import ExportError, export_figure, render_image
from ..render.text import menu_text
from ..render.theme import THEMES, make_theme
from ..render.view import TimelineView
from . import dialogs
from .detail_panel import DetailPanel
from .lane_panel import LaneMenu, LanePanel
from .presentation import PresentationCard
from .problems import ProblemBanner, ProblemList
from .settings import EXPORT_FOLDER, GEOMETRY, RANGE, THEME, WINDOW_STATE, Settings
from .watcher import FileWatcher

__all__ = ["MainWindow"]

Key = QtGui.QKeySequence.StandardKey
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
        self._range_restored = False
        self.setWindowTitle("Security organisations timeline")
        self.setWindowIcon(_icon("app"))

        self.view = TimelineView(self.state)
        self.banner = ProblemBanner()
        central = QtWidgets.QWidget()
        column = QtWidgets.QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.view, 1)
        self.setCentralWidget(central)
        self.details = DetailPanel(self.state)
        self.lane_panel = LanePanel(self.state)
        right, left = QtCore.Qt.DockWidgetArea.RightDockWidgetArea, QtCore.Qt.DockWidgetArea.LeftDockWidgetArea
        self.details_dock = self._dock("Details", "details", self.details, right)
        lanes_scroll = QtWidgets.QScrollArea()
        lanes_scroll.setWidgetResizable(True)
        lanes_scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        lanes_scroll.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        lanes_scroll.setWidget(self.lane_panel)
        self.lanes_dock = self._dock("Lanes", "lanes", lanes_scroll, left)
        self.problem_list = ProblemList()
        bottom = QtCore.Qt.DockWidgetArea.BottomDockWidgetArea
        self.problems_dock = self._dock("Problems", "problems", self.problem_list, bottom)
        self.problems_dock.hide()
        self.banner.showProblems.connect(self._show_problem_list)
        self.watcher = FileWatcher(self.document, self)
        self.resizeDocks([self.details_dock, self.lanes_dock], [340, 170], QtCore.Qt.Orientation.Horizontal)

        self.count_label = QtWidgets.QLabel("No data")
        self.range_label = QtWidgets.QLabel()
        for label in (self.count_label, self.range_label):
            label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.range_label)

        self._build_actions()
        self._build_menus()
        self.card = PresentationCard(self.state, self.view)
        self._before_presentation: tuple[QtCore.QByteArray, bool] | None = None

        self.document.changed.connect(self._document_read)
        self.state.lanes_changed.connect(self._lanes_changed)
        self.state.selection_changed.connect(self._selection_changed)
        self.state.range_changed.connect(self._show_range)
        self.state.set_theme(self.settings.get(THEME))
        self.state.theme_changed.connect(self._apply_theme)
        self._restore_window()
        self._show_range(*self.state.time_range)
        self._apply_theme(self.state.theme)

    # --- construction ----------------------------------------------------------
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
            action.setShortcuts([QtGui.QKeySequence(s) for s in shortcuts])
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
        self.fit_action = act("&Fit All", state.fit_all, ("Home",), "fit", "Show the whole span, 1991-2015")
        self.zoom_in_action = act(
            "Zoom &In", lambda: state.zoom_by(0.5), ("+", "=", Key.ZoomIn), "zoom-in", "Zoom in on time"
        )
        self.zoom_out_action = act(
            "Zoom &Out", lambda: state.zoom_by(2.0), ("-", Key.ZoomOut), "zoom-out", "Zoom out on time"
        )
        self.clear_action = act("Clear Selection", lambda: state.select(None), ("Esc",), None, "Clear the selection")
        self.pan_left_action = act("Pan Left", lambda: state.pan_by(-0.2), ("Left",), None, "Move back in time")
        self.pan_right_action = act("Pan Right", lambda: state.pan_by(0.2), ("Right",), None, "Move forward in time")
        for action in (self.clear_action, self.pan_left_action, self.pan_right_action):
            # keys that lists and text also use: only while the timeline has the focus
            self.removeAction(action)
            self.view.addAction(action)
            action.setShortcutContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.copy_action = act(
            "&Copy Image", self.copy_image, ("Ctrl+Shift+C",), None, "Copy the view, as exported, to the clipboard"
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
        self.theme_group = QtGui.QActionGroup(self)
        self.theme_actions: dict[str, QtGui.QAction] = {}
        for name in THEMES:
            action = QtGui.QAction(_THEME_TEXT[name], self, checkable=True)
            action.setStatusTip(f"Draw the timeline in the {name.title()} theme")
            action.triggered.connect(lambda _checked=False, n=name: state.set_theme(n))
            self.theme_group.addAction(action)
            self.theme_actions[name] = action
        self.sources_action = act("Data &Sources…", self._show_sources, (), None, "The documents the events cite")
        self.about_action = act("&About", self._show_about, (), None, "About this app")

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self._rebuild_recent_menu()
        for action in (self.reload_action, self.export_action, self.copy_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = menu.addMenu("&View")
        for action in (self.fit_action, self.zoom_in_action, self.zoom_out_action):
            view_menu.addAction(action)
        view_menu.addSeparator()
        self.lane_menu = LaneMenu(self.state, view_menu.addMenu("&Lanes"))
        theme_menu = view_menu.addMenu("&Theme")
        for action in self.theme_actions.values():
            theme_menu.addAction(action)
        view_menu.addAction(self.present_action)
        view_menu.addSeparator()
        for dock in (self.lanes_dock, self.details_dock, self.problems_dock):
            toggle = dock.toggleViewAction()
            toggle.setText(f"{dock.windowTitle()} &Panel")  # not to be taken for View > Lanes
            view_menu.addAction(toggle)
        help_menu = menu.addMenu("&Help")
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
            self.export_action,
        ):
            if tool is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(tool)

    @property
    def lane_actions(self) -> dict[str, QtGui.QAction]:
        """View > Lanes, by lane id."""
        return self.lane_menu.actions

    # --- the document ----------------------------------------------------------------
    def open_file(self, path: str | Path) -> bool:
        """Open a file and follow it; on errors what is on screen stays, and the file is read
        again when it is saved."""
        return self.document.open(path)

    def reload(self) -> None:
        self.document.reload()

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

    def _selection_changed(self, event_id: str | None) -> None:
        if event_id is not None and not self.details_dock.isVisible() and not self.presenting:
            self.details_dock.show()

    def _show_range(self, start: float, end: float) -> None:
        self.range_label.setText(format_range(start, end))

    def _update_counts(self) -> None:
        timeline = self.state.timeline
        if timeline is None:
            problems = len(self.document.errors)
            name = self.document.path.name if self.document.path else ""
            self.count_label.setText(f"No data: {name} has {count(problems, 'problem')}" if problems else "No data")
            return
        self.count_label.setText(
            f"{len(timeline.events)} events · {len(self.state.shown_events())} in "
            f"{len(self.state.visible_lanes)} of {len(timeline.lanes)} lanes shown"
        )

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
        answer = dialogs.ask_export(self, self.settings.export_spec(), self.state.selected is not None, folder)
        if answer is None:
            return
        spec, path = answer
        self.settings.set_export_spec(spec)
        self.settings.set(EXPORT_FOLDER, str(path.parent))
        self.export_to(path, spec)

    def export_to(self, path: str | Path, spec: FigureSpec | None = None) -> bool:
        """Export what the view shows through the shared renderer; a failure is one message."""
        if self._nothing_to_export():
            return False
        assert self.state.timeline is not None
        try:
            written = export_figure(self.state.timeline, path, self.current_spec(spec), self.palette())
        except ExportError as exc:
            dialogs.show_error(self, "Export failed", str(exc))
            return False
        self.statusBar().showMessage(f"Exported {written}", 6000)
        return True

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
        if on:
            self._before_presentation = (self.saveState(), self.isMaximized())
            for widget in (
                self.menuBar(),
                self.toolbar,
                self.statusBar(),
                self.lanes_dock,
                self.details_dock,
                self.problems_dock,
                self.banner,
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
        self._apply_theme(self.state.theme)

    def _show_sources(self) -> None:
        timeline = self.state.timeline
        if timeline is None:
            return
        blocks = []
        for source in timeline.sources:
            cited = sum(1 for e in timeline.events for c in e.citations if c.source == source.id)
            lines = [source.full(), f"Cited by {count(cited, 'excerpt')}; id: {source.id}"]
            if source.note:
                lines.append(source.note)
            if source.url:
                lines.append(source.url)
            blocks.append("\n".join(lines))
        dialogs.show_text(self, "Data sources", "\n\n".join(blocks))

    def shortcut_help(self) -> str:
        """Every shortcut of the window's actions, from the actions themselves."""
        lines = ["Mouse wheel: zoom time around the cursor", "Drag: pan", "Click: select an event"]
        for action in self.actions() + self.view.actions():
            keys = action.shortcuts()
            if keys:
                native = QtGui.QKeySequence.SequenceFormat.NativeText
                shown = ", ".join(key.toString(native) for key in keys)
                lines.append(f"{shown}: {action.text().replace('&', '').rstrip('…')}")
        return "\n".join(lines)

    def _show_about(self) -> None:
        dialogs.show_text(
            self,
            "About",
            f"Security organisations timeline {__version__}\n\n"
            "Dated events of the CIS, the Collective Security Treaty / CSTO, GUUAM, the SCO and "
            "EurAsEC, 1991-2015. Every event cites verbatim excerpts of its source documents: "
            "click an event to read them.\n\n" + self.shortcut_help(),
        )

    # --- settings -----------------------------------------------------------------
    def _restore_window(self) -> None:
        if not self.restoreGeometry(self.settings.get(GEOMETRY)):
            screen = QtGui.QGuiApplication.primaryScreen()
            available = screen.availableGeometry().size() if screen else QtCore.QSize(1600, 1000)
            self.resize(min(1600, int(available.width() * 0.9)), min(1000, int(available.height() * 0.9)))
        self.restoreState(self.settings.get(WINDOW_STATE))

    def _restore_range(self) -> None:
        start, end = self.settings.get(RANGE)
        if end > start:
            self.state.set_time_range(start, end)
        else:
            self.state.fit_all()

    def save_settings(self) -> None:
        self.settings.set(GEOMETRY, self.saveGeometry())
        self.settings.set(WINDOW_STATE, self.saveState())
        self.settings.set(RANGE, self.state.time_range)
        self.settings.store.sync()

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        self.save_settings()
        super().closeEvent(event)
