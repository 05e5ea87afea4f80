"""The main window: timeline in the centre, lanes at the left, details at the right."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6 import QtCore, QtGui, QtWidgets

from .. import __version__
from ..core.dates import MONTH_ABBR, SECONDS_PER_DAY, epoch_to_day
from ..core.loader import load_timeline
from ..core.model import Timeline
from ..core.paths import resource
from ..render.export import ExportError, FigureSpec, export_figure, render_image
from ..render.text import menu_text
from ..render.theme import make_theme
from ..render.view import TimelineView
from . import dialogs
from .detail_panel import DetailPanel
from .export_dialog import ExportDialog, load_spec, save_spec
from .lane_panel import LanePanel
from .presentation import PresentationCard
from .problems import ProblemBanner, ProblemList

__all__ = ["MainWindow", "format_range"]


def format_range(start: float, end: float) -> str:
    """A visible range for the status bar, as precise as the zoom: '1991 – 2015', 'May 1999 – Feb 2002'."""
    first, last = epoch_to_day(start), epoch_to_day(end - 1)
    span_days = (end - start) / SECONDS_PER_DAY
    if span_days > 3 * 365:
        return f"{first.year} \u2013 {last.year}"
    if span_days > 62:
        return f"{MONTH_ABBR[first.month - 1]} {first.year} \u2013 {MONTH_ABBR[last.month - 1]} {last.year}"
    return f"{first.day} {MONTH_ABBR[first.month - 1]} {first.year} \u2013 {last.day} {MONTH_ABBR[last.month - 1]} {last.year}"


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
    """Holds the current Timeline and tells the views to show it."""

    def __init__(self, settings: QtCore.QSettings, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.timeline: Timeline | None = None
        self.path: Path | None = None
        self.setWindowTitle("Security organisations timeline")
        self.setWindowIcon(_icon("app"))

        self.view = TimelineView()
        self.banner = ProblemBanner()
        central = QtWidgets.QWidget()
        column = QtWidgets.QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.view, 1)
        self.setCentralWidget(central)
        self.details = DetailPanel()
        self.lane_panel = LanePanel()
        self.details_dock = self._dock("Details", "details", self.details, QtCore.Qt.DockWidgetArea.RightDockWidgetArea)
        lanes_scroll = QtWidgets.QScrollArea()
        lanes_scroll.setWidgetResizable(True)
        lanes_scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        lanes_scroll.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        lanes_scroll.setWidget(self.lane_panel)
        self.lanes_dock = self._dock("Lanes", "lanes", lanes_scroll, QtCore.Qt.DockWidgetArea.LeftDockWidgetArea)
        self.problem_list = ProblemList()
        self.problems_dock = self._dock(
            "Problems", "problems", self.problem_list, QtCore.Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.problems_dock.hide()
        self.banner.showProblems.connect(self._show_problem_list)
        self.watcher = QtCore.QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._file_touched)
        self.watcher.directoryChanged.connect(self._file_touched)
        self._reload_timer = QtCore.QTimer(self, singleShot=True, interval=300)
        self._reload_timer.timeout.connect(self.reload_from_disk)
        self._loaded_bytes: bytes | None = None
        self._banner_message = ""
        self.resizeDocks([self.details_dock, self.lanes_dock], [340, 170], QtCore.Qt.Orientation.Horizontal)

        self.count_label = QtWidgets.QLabel("No data")
        self.range_label = QtWidgets.QLabel()
        for label in (self.count_label, self.range_label):
            label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.range_label)

        self.lane_actions: dict[str, QtGui.QAction] = {}
        self._build_actions()
        self._build_menus()

        self.card = PresentationCard(self.view)
        self.presenting = False
        self._theme_name = "screen"
        self.view.selectionChanged.connect(self._show_selection)
        self.view.rangeChanged.connect(self._show_range)
        self.lane_panel.lanesChanged.connect(self.set_visible_lanes)
        self._restore_window()
        saved_theme = self.settings.value("view/theme", "screen")
        self.set_theme(saved_theme if saved_theme in ("screen", "slide") else "screen")

    # --- construction ----------------------------------------------------------
    def _dock(self, title: str, name: str, widget: QtWidgets.QWidget, area) -> QtWidgets.QDockWidget:
        dock = QtWidgets.QDockWidget(title, self)
        dock.setObjectName(f"{name}Dock")
        dock.setWidget(widget)
        dock.setFeatures(
            QtWidgets.QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QtWidgets.QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(area, dock)
        return dock

    def _action(self, text: str, slot, shortcuts=(), icon: str | None = None, tip: str = "") -> QtGui.QAction:
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
        key = QtGui.QKeySequence.StandardKey
        self.open_action = self._action("&Open…", self._open_dialog, [key.Open], "open", "Open an events file")
        self.reload_action = self._action("&Reload", self.reload, ["F5", "Ctrl+R"], "reload", "Read the file again")
        self.export_action = self._action(
            "&Export Image…", self._export_dialog, ["Ctrl+E"], "export", "Save the timeline view as an image"
        )
        self.quit_action = self._action("&Quit", self.close, ["Ctrl+Q"], None, "Quit")
        self.fit_action = self._action("&Fit All", self.view.fit_all, ["Home"], "fit", "Show the whole span, 1991-2015")
        self.zoom_in_action = self._action(
            "Zoom &In", lambda: self.view.zoom_by(0.5), ["+", "=", key.ZoomIn], "zoom-in", "Zoom in on time"
        )
        self.zoom_out_action = self._action(
            "Zoom &Out", lambda: self.view.zoom_by(2.0), ["-", key.ZoomOut], "zoom-out", "Zoom out on time"
        )
        self.clear_action = self._action(
            "Clear Selection", lambda: self.view.select(None), ["Esc"], None, "Clear the selection"
        )
        self.pan_left_action = self._action("Pan Left", lambda: self._pan(-0.2), ["Left"], None, "Move back in time")
        self.pan_right_action = self._action(
            "Pan Right", lambda: self._pan(0.2), ["Right"], None, "Move forward in time"
        )
        for action in (self.clear_action, self.pan_left_action, self.pan_right_action):
            # keys that lists and text also use: only while the timeline has the focus
            self.removeAction(action)
            self.view.addAction(action)
            action.setShortcutContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.copy_action = self._action(
            "&Copy Image", self.copy_image, ["Ctrl+Shift+C"], None, "Copy the view, as exported, to the clipboard"
        )
        self.present_action = self._action(
            "&Presentation Mode",
            self.toggle_presentation,
            ["F11"],
            None,
            "Full screen, large, with the selected event as a card",
        )
        self.present_action.setCheckable(True)
        self.leave_action = self._action(
            "Leave Presentation", lambda: self.set_presentation(False), ["Esc"], None, "Leave presentation mode"
        )
        self.leave_action.setEnabled(False)
        self.theme_group = QtGui.QActionGroup(self)
        self.theme_actions = {}
        for name, text in (("screen", "&Screen (system colours)"), ("slide", "S&lide (light, large)")):
            action = QtGui.QAction(text, self, checkable=True)
            action.setStatusTip(f"Draw the timeline in the {name.title()} theme")
            action.triggered.connect(lambda _checked=False, n=name: self.set_theme(n))
            self.theme_group.addAction(action)
            self.theme_actions[name] = action
        self.sources_action = self._action(
            "Data &Sources…", self._show_sources, [], None, "The documents the events cite"
        )
        self.about_action = self._action("&About", self._show_about, [], None, "About this app")

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
        self.lanes_menu = view_menu.addMenu("&Lanes")
        theme_menu = view_menu.addMenu("&Theme")
        for action in self.theme_actions.values():
            theme_menu.addAction(action)
        view_menu.addAction(self.present_action)
        view_menu.addSeparator()
        view_menu.addAction(self.lanes_dock.toggleViewAction())
        view_menu.addAction(self.details_dock.toggleViewAction())
        view_menu.addAction(self.problems_dock.toggleViewAction())
        help_menu = menu.addMenu("&Help")
        help_menu.addAction(self.sources_action)
        help_menu.addAction(self.about_action)

        toolbar = self.toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolBar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QtCore.QSize(20, 20))
        for action in (
            self.open_action,
            self.reload_action,
            None,
            self.fit_action,
            self.zoom_in_action,
            self.zoom_out_action,
            None,
            self.export_action,
        ):
            if action is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(action)

    # --- data ---------------------------------------------------------------------
    def open_file(self, path: str | Path) -> bool:
        """Load a file and watch it; on problems keep what is on screen and say what is wrong."""
        path = Path(path)
        if self.path is None or path.resolve() != self.path.resolve():
            self._watch(path)
        return self._load(path)

    def _load(self, path: Path) -> bool:
        try:
            self._loaded_bytes = path.read_bytes()
        except OSError:
            self._loaded_bytes = None
        result = load_timeline(path)
        self.problem_list.set_problems(result.problems)
        if not result.ok:
            errors = len(result.errors)
            many = f"{errors} problem{'s' if errors != 1 else ''}"
            if self.timeline is None:
                self.path = path
                self._update_title()
                self.count_label.setText(f"No data: {path.name} has {many}")
                self._show_banner(
                    f"{path.name} has {many}; nothing is shown until they are fixed. It is reloaded when you save it."
                )
            else:
                self._show_banner(
                    f"{path.name} has {many}; showing the last good version. It is reloaded when you save it."
                )
            return False
        self._show_banner("")
        if not result.problems:
            self.problems_dock.hide()
        first_load = self.timeline is None
        if first_load:
            try:
                hidden = {str(v) for v in self.settings.value("view/hiddenLanes", [], type=list) or []}
            except TypeError:  # a hand-edited settings file
                hidden = set()
        else:
            hidden = {lane.id for lane in self.timeline.lanes if lane.id not in self.view.visible_lanes}
        self.timeline = result.timeline
        self.path = path
        self._remember_recent(path)
        visible = [lane.id for lane in self.timeline.lanes if lane.id not in hidden]
        self.view.set_timeline(self.timeline, visible)
        self.lane_panel.set_lanes(self.timeline, visible)
        self._rebuild_lane_actions(visible)
        if first_load:
            self._restore_range()
        self._show_range(*self.view.time_range())
        self._update_title()
        self._update_counts()
        self._show_selection(self.view.selected_id)
        warnings = [p for p in result.problems if p.severity == "warning"]
        if warnings:
            self.statusBar().showMessage(f"{len(warnings)} warning(s): {warnings[0]}", 10000)
        return True

    def reload(self) -> None:
        if self.path is not None:
            self._load(self.path)

    # --- watching the file ----------------------------------------------------------
    def _watch(self, path: Path) -> None:
        """Watch the file and its folder: editors that save by replacing the file (or by
        deleting and writing it again) are seen through the folder."""
        old = self.watcher.files() + self.watcher.directories()
        if old:
            self.watcher.removePaths(old)
        targets = [str(path.parent.resolve())] + ([str(path)] if path.exists() else [])
        self.watcher.addPaths(targets)

    def _file_touched(self, _path: str = "") -> None:
        self._reload_timer.start()  # editors write in several steps: wait until they are done

    def reload_from_disk(self) -> None:
        """Reload when the file's content changed; keep range, lanes and selection."""
        if self.path is None:
            return
        if not self.path.exists():
            self._show_banner(f"{self.path.name} was removed; showing the last good version until it is back.")
            return
        if str(self.path) not in self.watcher.files():
            self.watcher.addPath(str(self.path))  # replaced by a new file: watch the new one
        try:
            content = self.path.read_bytes()
        except OSError:
            return
        if content != self._loaded_bytes:
            self._load(self.path)

    def _show_banner(self, message: str) -> None:
        """Say what is wrong over the timeline ("" hides it); kept while presenting, shown after."""
        self._banner_message = message
        if message and not self.presenting:
            self.banner.show_message(message)
        elif not message:
            self.banner.hide()

    def _show_problem_list(self) -> None:
        self.problems_dock.show()
        self.problems_dock.raise_()

    # --- recent files -----------------------------------------------------------------
    def recent_files(self) -> list[str]:
        try:
            return [str(v) for v in self.settings.value("file/recent", [], type=list) or []]
        except TypeError:
            return []

    def _remember_recent(self, path: Path) -> None:
        name = str(path.resolve())
        recent = [name] + [p for p in self.recent_files() if p != name]
        self.settings.setValue("file/recent", recent[:8])
        self._rebuild_recent_menu()

    def _rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        for name in self.recent_files():
            action = self.recent_menu.addAction(menu_text(name))
            action.triggered.connect(lambda _checked=False, n=name: self.open_file(n))
        self.recent_menu.setEnabled(bool(self.recent_files()))

    def _rebuild_lane_actions(self, visible: list[str]) -> None:
        self.lanes_menu.clear()
        for action in self.lane_actions.values():
            self.removeAction(action)
            shiboken6.delete(action)  # owned by the window, not by the menu
        self.lane_actions = {}
        for lane in self.timeline.lanes:
            action = QtGui.QAction(menu_text(lane.name), self, checkable=True)
            action.setChecked(lane.id in visible)
            action.setStatusTip(lane.title or lane.name)
            action.toggled.connect(lambda _checked: self.set_visible_lanes(self._checked_lanes()))
            self.lanes_menu.addAction(action)
            self.lane_actions[lane.id] = action

    def _checked_lanes(self) -> list[str]:
        return [lane_id for lane_id, action in self.lane_actions.items() if action.isChecked()]

    def set_visible_lanes(self, lane_ids: list[str]) -> None:
        """Show these lanes (the panel, the menu and the plot stay in step)."""
        self.view.set_visible_lanes(lane_ids)
        visible = self.view.visible_lanes
        self.lane_panel.set_visible(visible)
        for lane_id, action in self.lane_actions.items():
            action.blockSignals(True)
            action.setChecked(lane_id in visible)
            action.blockSignals(False)
        self._update_counts()

    # --- views --------------------------------------------------------------------
    def _show_selection(self, event_id) -> None:
        event = self.timeline.event(event_id) if (self.timeline and event_id) else None
        if self.presenting:
            self.card.show_event(self.timeline, event)
        if event is None:
            self.details.clear()
        else:
            self.details.show_event(self.timeline, event)
            if not self.details_dock.isVisible() and not self.presenting:
                self.details_dock.show()

    def _show_range(self, start: float, end: float) -> None:
        self.range_label.setText(format_range(start, end))

    def _update_counts(self) -> None:
        if self.timeline is None:
            self.count_label.setText("No data")
            return
        visible = set(self.view.visible_lanes)
        shown = sum(1 for e in self.timeline.events if visible.intersection(e.lanes))
        self.count_label.setText(
            f"{len(self.timeline.events)} events · {shown} in {len(visible)} of {len(self.timeline.lanes)} lanes shown"
        )

    def _update_title(self) -> None:
        name = self.path.name if self.path else "no file"
        self.setWindowTitle(f"{name} — Security organisations timeline")

    def _pan(self, fraction: float) -> None:
        start, end = self.view.time_range()
        shift = (end - start) * fraction
        self.view.set_time_range(start + shift, end + shift)

    # --- dialogs ------------------------------------------------------------------
    def _open_dialog(self) -> None:
        start = str(self.path.parent) if self.path else ""
        name, _ = QtWidgets.QFileDialog.getOpenFileName(
            self, "Open events file", start, "Events (*.yaml *.yml);;All files (*)"
        )
        if name:
            self.open_file(name)

    def current_spec(self, spec: FigureSpec | None = None) -> FigureSpec:
        """What an export of the view shows now: its lanes, range and selection, with the
        export options last used (or `spec`'s)."""
        start, end = self.view.time_range()
        base = spec or load_spec(self.settings)
        return base.replace(lanes=tuple(self.view.visible_lanes), start=start, end=end, selected=self.view.selected_id)

    def _export_dialog(self) -> None:
        if self.timeline is None:
            dialogs.show_error(self, "Nothing to export", "No data is loaded: open an events file first.")
            return
        dialog = ExportDialog(load_spec(self.settings), self.view.selected_id is not None, self)
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return
        spec = dialog.spec(self.current_spec())
        save_spec(self.settings, spec)
        start = str(Path(str(self.settings.value("export/folder", Path.home()))) / "timeline.png")
        name, chosen = QtWidgets.QFileDialog.getSaveFileName(
            self, "Export image", start, "PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"
        )
        if not name:
            return
        if not Path(name).suffix:
            name += {"SVG": ".svg", "PDF": ".pdf"}.get(chosen.split()[0], ".png")
        self.settings.setValue("export/folder", str(Path(name).parent))
        self.export_to(name, spec)

    def export_to(self, path: str | Path, spec: FigureSpec | None = None) -> bool:
        """Export what the view shows through the shared renderer; a failure is one message."""
        if self.timeline is None:
            dialogs.show_error(self, "Nothing to export", "No data is loaded: open an events file first.")
            return False
        try:
            written = export_figure(self.timeline, path, self.current_spec(spec), self.palette())
        except ExportError as exc:
            dialogs.show_error(self, "Export failed", str(exc))
            return False
        self.statusBar().showMessage(f"Exported {written}", 6000)
        return True

    def copy_image(self) -> bool:
        """Put the view, as an export renders it, on the clipboard."""
        if self.timeline is None:
            return False
        try:
            image = render_image(self.timeline, self.current_spec(), self.palette())
        except ExportError as exc:
            dialogs.show_error(self, "Copy failed", str(exc))
            return False
        QtGui.QGuiApplication.clipboard().setImage(image)
        self.statusBar().showMessage(f"Copied a {image.width()}×{image.height()} image to the clipboard", 6000)
        return True

    # --- theme and presentation -------------------------------------------------
    def set_theme(self, name: str) -> None:
        """Screen (the system palette) or Slide; remembered for the next start."""
        self._theme_name = name
        self.theme_actions[name].setChecked(True)
        self.settings.setValue("view/theme", name)
        theme = make_theme(name, self.palette())
        self.view.set_theme(theme.scaled(1.35) if self.presenting else theme)

    def toggle_presentation(self) -> None:
        self.set_presentation(not self.presenting)

    def set_presentation(self, on: bool) -> None:
        """Full screen, without menus, bars and docks, larger, the selection as a card; Esc leaves."""
        if on == self.presenting:
            return
        self.presenting = on
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
            state, maximized = self._before_presentation
            self.menuBar().show()
            self.statusBar().show()
            self.restoreState(state)
            self.showMaximized() if maximized else self.showNormal()
            self._show_banner(self._banner_message)
        self.set_theme(self._theme_name)
        event = self.timeline.event(self.view.selected_id) if (self.timeline and self.view.selected_id) else None
        self.card.show_event(self.timeline, event) if on else self.card.hide()

    def _show_sources(self) -> None:
        if self.timeline is None:
            return
        blocks = []
        for source in self.timeline.sources:
            cited = sum(1 for e in self.timeline.events for c in e.citations if c.source == source.id)
            lines = [source.full(), f"Cited by {cited} excerpt(s); id: {source.id}"]
            if source.note:
                lines.append(source.note)
            if source.url:
                lines.append(source.url)
            blocks.append("\n".join(lines))
        dialogs.show_text(self, "Data sources", "\n\n".join(blocks))

    def _show_about(self) -> None:
        dialogs.show_text(
            self,
            "About",
            f"Security organisations timeline {__version__}\n\n"
            "Dated events of the CIS, the Collective Security Treaty / CSTO, GUUAM, the SCO and "
            "EurAsEC, 1991-2015. Every event cites verbatim excerpts of its source documents: "
            "click an event to read them.\n\n"
            "Mouse wheel: zoom time around the cursor. Drag: pan. Home: fit all. +/-: zoom. "
            "Left/Right: pan. Esc: clear the selection.",
        )

    # --- settings -----------------------------------------------------------------
    def _restore_window(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QtCore.QByteArray) and self.restoreGeometry(geometry):
            pass
        else:
            screen = QtGui.QGuiApplication.primaryScreen()
            available = screen.availableGeometry().size() if screen else QtCore.QSize(1600, 1000)
            self.resize(min(1600, int(available.width() * 0.9)), min(1000, int(available.height() * 0.9)))
        state = self.settings.value("window/state")
        if isinstance(state, QtCore.QByteArray):
            self.restoreState(state)

    def _restore_range(self) -> None:
        saved = self.settings.value("view/range")
        try:
            start, end = (float(v) for v in saved)  # type: ignore[union-attr]
        except (TypeError, ValueError):
            self.view.fit_all()
            return
        if end > start:
            self.view.set_time_range(start, end)
        else:
            self.view.fit_all()

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        if self.timeline is not None:
            visible = set(self.view.visible_lanes)
            self.settings.setValue(
                "view/hiddenLanes", [lane.id for lane in self.timeline.lanes if lane.id not in visible]
            )
        self.settings.setValue("view/range", list(self.view.time_range()))
        self.settings.sync()

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        self.save_settings()
        super().closeEvent(event)
