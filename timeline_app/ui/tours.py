"""Tours in the window's chrome: the Tour panel and menu, File > New / Open / Save Tour, going
to a stop (animated), stepping through the stops in presentation mode, and the presenter view.

The open tour lives in a `TourModel`; the view state changes only through `Stop.apply` (at the
end of an animated move) and the state's own methods, as everywhere else.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets

from ..core.problems import count
from ..core.startup import RangeError
from ..core.tour import TOUR_SUFFIX, Stop, Tour, load_tour, relative_events, save_tour
from . import dialogs
from .animate import ViewAnimator
from .presentation import StopHeading
from .presenter import PresenterView, other_screen
from .settings import REDUCE_MOTION, TOUR
from .tour_dock import TourDock
from .tour_model import TourModel, stop_label

if TYPE_CHECKING:
    from .main_window import MainWindow

__all__ = ["PRESENTATION_KEYS", "TourChrome"]

Key = QtCore.Qt.Key
#: In presentation mode with a tour: what clickers and keyboards send, and the step each takes.
PRESENTATION_KEYS: dict[QtCore.Qt.Key, str] = {
    Key.Key_PageDown: "next",
    Key.Key_Right: "next",
    Key.Key_Space: "next",
    Key.Key_PageUp: "previous",
    Key.Key_Left: "previous",
    Key.Key_Backspace: "previous",
    Key.Key_Home: "first",
    Key.Key_End: "last",
}
#: What Help > Keyboard Shortcuts says of them, and of the Tour panel's mouse.
PRESENTATION_KEYS_HELP = (
    "In presentation mode with a tour (and in the presenter view): PgDown, Right, Space: next stop; "
    "PgUp, Left, Backspace: previous stop; Home / End: first / last stop\n"
    "In the Tour panel: double-click a stop to go there; drag a stop up or down to move it"
)
_STATUS_MS = 8000


def _slug(text: str) -> str:
    """A file name from a title: 'The CIS, 1991-2015' -> 'the-cis-1991-2015'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


class TourChrome(QtCore.QObject):
    """The window's tour: the model, the Tour panel, the actions of the File and Tour menus,
    the animator that moves the view to a stop, the heading over the plot while presenting,
    and the presenter view. The last tour is kept in the settings and reopened at the next start."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.state = window.state
        self.model = TourModel(self)
        self.panel = TourDock(self.model)
        left = QtCore.Qt.DockWidgetArea.LeftDockWidgetArea
        self.dock = window._dock("Tour", "tour", self.panel, left)
        window.tabifyDockWidget(window.filters_dock, self.dock)
        self.dock.hide()  # until a tour is opened, or a stop added
        window.lanes_dock.raise_()  # in front, as before the tour's tab came
        self.animator = ViewAnimator(self.state, self)
        self.animator.reduce_motion = window.settings.get(REDUCE_MOTION)
        self.heading = StopHeading()  # a bar above the plot while presenting a tour
        column = window.view.parentWidget().layout()
        assert isinstance(column, QtWidgets.QBoxLayout)  # the window's central column
        column.insertWidget(column.indexOf(window.view), self.heading)
        self.presenter: PresenterView | None = None
        self.presenting = False
        self.load_problems: list[str] = []  # what was wrong with the tour file last read
        self._presenter_auto = False  # opened by the presentation on a second screen
        self._shown = QtCore.QPersistentModelIndex()  # the stop last gone to
        self._filtering = False  # the application's keys are looked at (presenting, or presenter open)
        self._build_actions()
        self.model.edited.connect(self._tour_edited)
        self.model.modifiedChanged.connect(lambda _modified: self._show_info())
        self.model.undoChanged.connect(self.undo_action.setEnabled)
        self.panel.currentChanged.connect(lambda _row: self._update_actions())
        self.panel.goRequested.connect(self.go_to)
        window.document.changed.connect(self._document_read)
        self.state.timeline_changed.connect(lambda _timeline: self._update_actions())
        self._update_actions()
        window.installEventFilter(self)  # the presenter view closes with the window
        self._reopen_last()

    # --- actions and menus --------------------------------------------------------------
    def _build_actions(self) -> None:
        act = self.window._action
        self.new_action = act("New &Tour", self.new_tour, ("Ctrl+N",), None, "Start a tour of saved views")
        self.open_action = act(
            "Open T&our\u2026", self.open_tour_dialog, ("Ctrl+Shift+O",), None, "Open a tour (*.tour.yaml)"
        )
        self.save_action = act("&Save Tour", self.save_tour, ("Ctrl+S",), None, "Save the tour")
        self.save_as_action = act(
            "Save Tour &As\u2026", self.save_tour_as, ("Ctrl+Shift+S",), None, "Save the tour to another file"
        )
        self.add_action = act(
            "&Add View to Tour", self.add_view, ("Ctrl+B",), None, "Make the view shown the next stop of the tour"
        )
        self.update_action = act(
            "&Update Stop from View",
            self.update_stop,
            ("Ctrl+Shift+B",),
            None,
            "The chosen stop shows the view now shown (its heading and note stay)",
        )
        self.rename_action = act("&Rename Stop", self.rename_stop, ("F2",), None, "Type the chosen stop's heading")
        self.delete_action = act(
            "&Delete Stop",
            self.delete_stop,
            (QtGui.QKeySequence.StandardKey.Delete,),
            None,
            "Take the chosen stop out of the tour (Undo Tour Edit brings it back)",
        )
        self.up_action = act("Move Stop &Up", lambda: self.move_stop(-1), ("Alt+Up",), None, "One place earlier")
        self.down_action = act("Move Stop Do&wn", lambda: self.move_stop(1), ("Alt+Down",), None, "One place later")
        self.go_action = act(
            "&Go to Stop", self.go_to_current, ("Return", "Enter"), None, "Show the chosen stop's view"
        )
        self.undo_action = act("U&ndo Tour Edit", self.undo, ("Ctrl+Z",), None, "Undo the last edit of the tour")
        self.undo_action.setEnabled(False)
        self.next_action = act("&Next Stop", lambda: self.step(1), ("Ctrl+PgDown",), None, "Go to the next stop")
        self.previous_action = act(
            "&Previous Stop", lambda: self.step(-1), ("Ctrl+PgUp",), None, "Go to the previous stop"
        )
        self.first_action = act("&First Stop", lambda: self.go_to(0), (), None, "Go to the first stop")
        self.last_action = act("&Last Stop", lambda: self.go_to(self.model.rowCount() - 1), (), None, "The last stop")
        self.presenter_action = act(
            "Presenter &View",
            self.show_presenter,
            ("Shift+F11",),
            None,
            "A window for the speaker: the stop's heading and note, the next stop, a clock",
        )
        self.presenter_action.setCheckable(True)
        self.panel_action = self.dock.toggleViewAction()
        self.panel_action.setText("&Tour Panel")
        self.panel_action.setShortcut(QtGui.QKeySequence("Ctrl+Shift+T"))
        self.panel_action.setStatusTip("The stops of the tour, to reorder, rename, update and go to")
        self.window.addAction(self.panel_action)
        list_actions = (self.go_action, self.rename_action, self.delete_action, self.up_action, self.down_action)
        for action in list_actions:
            self.window.removeAction(action)  # their keys act in the list only (F2, Del and Enter edit text)
            action.setShortcutContext(QtCore.Qt.ShortcutContext.WidgetShortcut)
        self.panel.add_list_actions(
            [self.go_action, None, self.rename_action, self.update_action, self.delete_action, None]
            + [self.up_action, self.down_action]
        )
        self.panel.add_buttons(
            [
                ("Add", self.add_action),
                ("Update", self.update_action),
                ("Rename", self.rename_action),
                ("Delete", self.delete_action),
            ]
        )

    def list_actions(self) -> list[QtGui.QAction]:
        """The actions whose keys act in the Tour panel's list (for Help > Keyboard Shortcuts)."""
        here = QtCore.Qt.ShortcutContext.WidgetShortcut
        return [action for action in self.panel.list.actions() if action.shortcutContext() == here]

    def add_file_actions(self, menu: QtWidgets.QMenu) -> None:
        """File > New Tour, Open Tour, Save Tour, Save Tour As."""
        menu.addSeparator()
        for action in (self.new_action, self.open_action, self.save_action, self.save_as_action):
            menu.addAction(action)

    def add_menu(self, menu_bar: QtWidgets.QMenuBar) -> QtWidgets.QMenu:
        """The Tour menu: edit the stops, go through them, the presenter view."""
        menu = self.menu = menu_bar.addMenu("To&ur")
        for item in (
            self.add_action,
            self.update_action,
            self.rename_action,
            self.delete_action,
            self.up_action,
            self.down_action,
            self.undo_action,
            None,
            self.go_action,
            self.next_action,
            self.previous_action,
            self.first_action,
            self.last_action,
            None,
            self.panel_action,
            self.presenter_action,
        ):
            if item is None:
                menu.addSeparator()
            else:
                menu.addAction(item)
        return menu

    def _update_actions(self) -> None:
        rows, row = self.model.rowCount(), self.panel.current_row()
        has_data = self.state.timeline is not None
        self.add_action.setEnabled(has_data)
        for action in (self.update_action,):
            action.setEnabled(has_data and row >= 0)
        for action in (self.rename_action, self.delete_action, self.go_action):
            action.setEnabled(row >= 0)
        self.up_action.setEnabled(row > 0)
        self.down_action.setEnabled(0 <= row < rows - 1)
        here = self._shown.row() if self._shown.isValid() else row
        self.next_action.setEnabled(rows > 0 and here < rows - 1)
        self.previous_action.setEnabled(here > 0)
        for action in (self.first_action, self.last_action):
            action.setEnabled(rows > 0)

    # --- editing --------------------------------------------------------------------------
    def _show_panel(self) -> None:
        if not self.presenting:
            self.dock.show()
            self.dock.raise_()

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, _STATUS_MS)

    def add_view(self) -> int:
        """Tour > Add View to Tour (Ctrl+B): the view shown becomes the stop after the chosen
        one (the last, when none is chosen); its row."""
        if self.state.timeline is None:
            return -1
        current = self.panel.current_row()
        row = self.model.add_stop(Stop.from_state(self.state), current + 1 if current >= 0 else None)
        self.panel.set_current_row(row)
        self._shown = QtCore.QPersistentModelIndex(self.model.index(row))
        self._show_panel()
        self._status(f"Added stop {row + 1} of {self.model.rowCount()}; F2 in the Tour panel gives it a heading")
        return row

    def update_stop(self) -> None:
        """The chosen stop shows the view now shown; its heading and note stay."""
        row = self.panel.current_row()
        if row < 0 or self.state.timeline is None:
            return
        old = self.model.stop(row)
        self.model.replace_stop(row, Stop.from_state(self.state, heading=old.heading, note=old.note))
        self._status(f"Stop {row + 1} now shows this view")

    def rename_stop(self) -> None:
        """Edit the chosen stop's heading in the list."""
        row = self.panel.current_row()
        if row < 0:
            return
        self._show_panel()
        self.panel.list.setFocus()
        self.panel.list.edit(self.model.index(row))

    def delete_stop(self) -> None:
        row = self.panel.current_row()
        if row < 0:
            return
        self.model.remove_stop(row)
        self.panel.set_current_row(min(row, self.model.rowCount() - 1))
        self._status(f"Deleted stop {row + 1}; Tour \u203a Undo Tour Edit (Ctrl+Z) brings it back")

    def move_stop(self, direction: int) -> None:
        """The chosen stop one place earlier (-1) or later (1)."""
        row = self.panel.current_row()
        if row >= 0 and self.model.move_stop(row, row + direction):
            self.panel.set_current_row(row + direction)

    def undo(self) -> None:
        """Tour > Undo Tour Edit: the tour before the last edit, the same row chosen."""
        row = self.panel.current_row()
        if self.model.undo():
            self.panel.set_current_row(min(max(row, 0), self.model.rowCount() - 1))

    def _tour_edited(self) -> None:
        self._show_info()
        self._update_actions()
        if self.presenting or (self.presenter is not None and self.presenter.isVisible()):
            self._show_words()

    # --- going to a stop ----------------------------------------------------------------------
    def go_to_current(self) -> None:
        self.go_to(self.panel.current_row())

    def go_to(self, row: int) -> bool:
        """Show a stop's view: its lanes, filters and member rows at once, then the range,
        animated (unless motion is reduced), then its selection."""
        if not 0 <= row < self.model.rowCount() or self.state.timeline is None:
            return False
        stop = self.model.stop(row)
        try:
            target = stop.time_range(self.state.span)
        except RangeError as exc:
            self._status(f"Stop {row + 1} cannot be shown: {exc}")
            return False
        self.state.reach(*target)  # a stop beyond the timeline's span widens it before the move
        self.panel.set_current_row(row)
        self._shown = QtCore.QPersistentModelIndex(self.model.index(row))
        if self.state.selected != stop.selected:
            self.state.select(None)  # the old card goes now; the new one comes at the end
        self.animator.cancel()
        stop.arrange(self.state)
        self.animator.move_to(target, lambda: stop.apply(self.state))
        self._show_words()
        self._update_actions()
        return True

    def step(self, direction: int) -> bool:
        """The next (1) or previous (-1) stop after the one last gone to; before any, the stop
        chosen in the panel (the first, or the last going back, when none is); False at an end."""
        here = self.shown_row()
        if here < 0:
            chosen = self.panel.current_row()
            return self.go_to(chosen if chosen >= 0 else 0 if direction > 0 else self.model.rowCount() - 1)
        target = here + direction
        if not 0 <= target < self.model.rowCount():
            return False
        return self.go_to(target)

    def shown_row(self) -> int:
        """The row of the stop last gone to (-1: none, or it was deleted)."""
        return self._shown.row() if self._shown.isValid() else -1

    def set_reduce_motion(self, on: bool) -> None:
        """Preferences: moves between stops at once (True) or animated."""
        self.window.settings.set(REDUCE_MOTION, on)
        self.animator.reduce_motion = on

    # --- presenting -----------------------------------------------------------------------------
    def set_presenting(self, on: bool) -> None:
        """Presentation mode began or ended. With a tour: the stepping keys, the heading over the
        plot, the clock, the presenter view on a second screen; the view goes to the chosen stop."""
        self.presenting = on
        self.panel_action.setEnabled(not on)
        if on:
            self.dock.hide()
        self._filter_keys()
        if not on:
            self.heading.clear()
            if self.presenter is not None:
                self.presenter.stop_clock()
                if self._presenter_auto:
                    self.presenter.close()
            self._presenter_auto = False
            return
        if self.model.rowCount() == 0:
            return
        self._presenter().start_clock()
        self._open_on_second_screen()
        row = self.shown_row() if self.shown_row() >= 0 else max(self.panel.current_row(), 0)
        self.go_to(row)

    def _open_on_second_screen(self) -> None:
        screens = QtGui.QGuiApplication.screens()
        here = self.window.screen()
        other = other_screen(here, screens) if len(screens) > 1 else None
        presenter = self._presenter()
        if other is None or presenter.isVisible():
            return
        presenter.setScreen(other)
        presenter.move(other.geometry().topLeft())
        presenter.showFullScreen()
        self._presenter_auto = True

    def _presenter(self) -> PresenterView:
        if self.presenter is None:
            self.presenter = PresenterView(self.window)
            self.presenter.stepRequested.connect(self.step)
            self.presenter.hidden.connect(self._presenter_hidden)
        return self.presenter

    def show_presenter(self, on: bool = True) -> PresenterView:
        """View > Presenter View: the speaker's window, on demand (one screen is enough)."""
        presenter = self._presenter()
        if on:
            if not presenter.elapsed_ms():
                presenter.start_clock()
            presenter.show()
            presenter.raise_()
            self._show_words()
        else:
            presenter.close()
        self.presenter_action.setChecked(on)
        self._filter_keys()
        return presenter

    def _presenter_hidden(self) -> None:
        self.presenter_action.setChecked(False)
        self._presenter_auto = False
        self._filter_keys()

    def _show_words(self) -> None:
        """The heading and number over the plot (presenting only) and the presenter view's words.
        The note goes to the presenter view alone."""
        row, total = self.shown_row(), self.model.rowCount()
        if row < 0:
            self.heading.clear()
            if self.presenter is not None:
                self.presenter.show_stop(0, total, "", "", None)
            return
        stop = self.model.stop(row)
        if self.presenting:
            self.heading.show_stop(stop.heading, row + 1, total)
        if self.presenter is not None:
            following = stop_label(self.model.stop(row + 1)) if row + 1 < total else None
            self.presenter.show_stop(row + 1, total, stop_label(stop), stop.note, following)

    def _filter_keys(self) -> None:
        """Look at the application's keys while presenting or while the presenter view is open."""
        wanted = self.presenting or (self.presenter is not None and self.presenter.isVisible())
        app = QtWidgets.QApplication.instance()
        if app is None or wanted == self._filtering:
            return
        (app.installEventFilter if wanted else app.removeEventFilter)(self)
        self._filtering = wanted

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        """The clicker's keys step through the tour (presenting, or in the presenter view): they
        win over the keys' usual shortcuts (pan, page, fit) only then."""
        kind = event.type()
        if watched is self.window and kind == QtCore.QEvent.Type.Hide and not self.window.isMinimized():
            if self.presenter is not None:
                self.presenter.close()  # closed with the window it speaks for
            return False
        if kind not in (QtCore.QEvent.Type.ShortcutOverride, QtCore.QEvent.Type.KeyPress):
            return False
        assert isinstance(event, QtGui.QKeyEvent)
        step = PRESENTATION_KEYS.get(QtCore.Qt.Key(event.key()))
        plain = event.modifiers() & ~QtCore.Qt.KeyboardModifier.KeypadModifier == QtCore.Qt.KeyboardModifier.NoModifier
        if step is None or not plain or self.model.rowCount() == 0 or not isinstance(watched, QtWidgets.QWidget):
            return False
        top = watched.window()
        in_presenter = self.presenter is not None and top is self.presenter
        if not (in_presenter or (self.presenting and top is self.window)):
            return False
        if kind == QtCore.QEvent.Type.ShortcutOverride:
            event.accept()  # the key comes to us as a key press, not as another action's shortcut
            return True
        if step in ("next", "previous"):
            self.step(1 if step == "next" else -1)
        else:
            self.go_to(0 if step == "first" else self.model.rowCount() - 1)
        return True

    # --- files ------------------------------------------------------------------------------------
    def _name(self) -> str:
        return self.model.path.name if self.model.path else "Untitled tour"

    def may_replace(self) -> bool:
        """Before the tour is replaced or the window closes: True when it may go (saved first,
        if the user says so); False when the user cancels."""
        if not self.model.modified:
            return True
        answer = dialogs.ask_save_changes(self.window, self._name())
        if answer == "save":
            return self.save_tour()
        return answer == "discard"

    def new_tour(self) -> bool:
        """File > New Tour: an empty tour of the file shown."""
        if not self.may_replace():
            return False
        shown = self.window.document.shown
        self.model.set_tour(Tour(events=str(shown.resolve()) if shown else Tour.events))
        self.load_problems = []
        self._shown = QtCore.QPersistentModelIndex()
        self.window.settings.set(TOUR, "")
        self._show_info()
        self._show_panel()
        self.panel.title_edit.setFocus()
        return True

    def open_tour_dialog(self) -> bool:
        """File > Open Tour…"""
        if not self.may_replace():
            return False
        folder = self.model.path.parent if self.model.path else self._events_folder()
        path = dialogs.ask_tour_open_path(self.window, str(folder))
        return self.open_tour(path, ask=False) if path is not None else False

    def open_tour(self, path: str | Path, ask: bool = True, quiet: bool = False) -> bool:
        """Open a tour file. Problems never stop it: a tour that cannot be read at all is said
        (a message box, or only the status bar when `quiet`); stops with errors are left out and
        counted in the status bar and the panel. `ask`: ask to save changes first."""
        if ask and not self.may_replace():
            return False
        path = Path(path)
        result = load_tour(path)
        if result.tour is None:
            first = str(result.problems[0]) if result.problems else f"{path} is not a tour"
            if quiet:
                self._status(f"The last tour could not be opened: {first}")
            else:
                dialogs.show_error(self.window, "Cannot open the tour", first)
            return False
        self.model.set_tour(result.tour)
        self.load_problems = [str(problem) for problem in result.problems]
        self._shown = QtCore.QPersistentModelIndex()
        self.window.settings.set(TOUR, str(path.resolve()))
        self._show_info()
        self._show_panel()
        messages = []
        if result.problems:
            messages.append(f"{path.name}: {count(len(result.problems), 'problem')}: {result.problems[0]}")
        elsewhere = self._made_for_another_file()
        if elsewhere:
            messages.append(elsewhere)
        self._status("; ".join(messages) or f"Opened the tour {path.name}: {count(self.model.rowCount(), 'stop')}")
        return True

    def save_tour(self) -> bool:
        """File > Save Tour: to its file (Save As for a new tour)."""
        if self.model.path is None:
            return self.save_tour_as()
        return self._write(self.model.path)

    def save_tour_as(self) -> bool:
        name = _slug(self.model.tour.title) or (self._events_stem() or "tour")
        suggested = self.model.path or self._events_folder() / f"{name}{TOUR_SUFFIX}"
        path = dialogs.ask_tour_save_path(self.window, suggested)
        return self._write(path) if path is not None else False

    def _write(self, path: Path) -> bool:
        tour = self.model.tour.replace(events=self._events_text(path), path=path)
        try:
            save_tour(tour, path)
        except OSError as exc:
            dialogs.show_error(self.window, "Cannot save the tour", f"{path}: {exc.strerror or exc}")
            return False
        self.model.mark_saved(tour)
        self.window.settings.set(TOUR, str(path.resolve()))
        self._status(f"Saved the tour to {path}")
        return True

    def _events_text(self, target: Path) -> str:
        """The tour's events file as the file at `target` names it: relative to its folder."""
        events = self.model.tour.events_path()
        if events is None:
            return self.model.tour.events
        return relative_events(events.resolve(), target.resolve())

    def _events_folder(self) -> Path:
        shown = self.window.document.shown or self.window.document.path
        return shown.parent if shown else Path.home()

    def _events_stem(self) -> str:
        shown = self.window.document.shown
        return shown.stem if shown else ""

    def _made_for_another_file(self) -> str:
        """'lecture.tour.yaml is a tour of other.yaml; showing lanes.yaml' (or '')."""
        shown = self.window.document.shown
        if shown is None or self.model.path is None:
            return ""
        named = self.model.tour.events_path()
        if named is not None and named.resolve() == shown.resolve():
            return ""
        missing = "" if named is not None else ", not found"
        return f"{self.model.path.name} is a tour of {self.model.tour.events}{missing}; showing {shown.name}"

    def _show_info(self) -> None:
        """The panel's line: the file (with • while changed), the stops, warnings, problems."""
        parts = [self._name() + (" \u2022 changed" if self.model.modified else "")]
        rows = self.model.rowCount()
        parts.append(count(rows, "stop"))
        warned = sum(1 for row in range(rows) if self.model.warnings(row))
        if warned:
            parts.append(f"{warned} with warnings (\u26a0: hover for why)")
        lines = [" \u00b7 ".join(parts)]
        if self.load_problems:
            lines.append(f"{count(len(self.load_problems), 'problem')} in the file: {self.load_problems[0]}")
        elsewhere = self._made_for_another_file()
        if elsewhere:
            lines.append(elsewhere)
        self.panel.set_info("\n".join(lines))

    def _document_read(self, loaded: bool, another_file: bool) -> None:
        if not loaded:
            return
        self.model.set_timeline(self.state.timeline)
        self._show_info()
        self._update_actions()
        elsewhere = self._made_for_another_file()
        if another_file and elsewhere:
            self._status(elsewhere)

    def _reopen_last(self) -> None:
        """The tour open at the last close, if its file is still there (else forgotten)."""
        last = self.window.settings.get(TOUR)
        if not last:
            return
        if not Path(last).is_file():
            self.window.settings.set(TOUR, "")
            return
        self.open_tour(last, ask=False, quiet=True)
