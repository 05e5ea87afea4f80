"""Start the GUI: the application object, crash reporting and the main window."""

from __future__ import annotations

import logging
import os
import signal
import sys
import time
import traceback
from pathlib import Path
from types import TracebackType

from PySide6 import QtCore, QtWidgets

from .. import render  # noqa: F401  (PySide6 before pyqtgraph)
from ..core.cache import Cache
from ..core.paths import bundled_events
from ..core.startup import StartView
from ..render.export import has_display
from . import dialogs
from .main_window import MainWindow
from .settings import Settings

__all__ = ["file_to_open", "open_settings", "run_gui", "show_file"]

ORGANISATION = "timeline-app"
APPLICATION = "Security organisations timeline"

log = logging.getLogger(__name__)


def _install_excepthook(window: MainWindow) -> None:
    """Uncaught exceptions are logged and shown, never silently swallowed, never blocking."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        text = "".join(traceback.format_exception(kind, value, tb))
        log.error("uncaught exception\n%s", text)  # once, on the terminal (see run_gui)
        dialogs.show_error(
            window,
            "Unexpected error",
            f"{kind.__name__}: {value}\n\nThe app keeps running; details are on the terminal.",
        )

    sys.excepthook = hook


class _QuitAfterFirstPaint(QtCore.QObject):
    """For the benchmarks (TIMELINE_APP_EXIT_AFTER_PAINT=1): once the plot has painted the file's
    events, print "first paint at <time.time()>" and quit."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        window.view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if event.type() == QtCore.QEvent.Type.Paint and self.window.state.timeline is not None:
            watched.removeEventFilter(self)
            QtCore.QTimer.singleShot(0, self._quit)  # once this paint is done
        return False

    def _quit(self) -> None:
        print(f"first paint at {time.time():.6f}", flush=True)
        QtWidgets.QApplication.quit()


def open_settings() -> QtCore.QSettings:
    """The settings the window keeps between runs."""
    return QtCore.QSettings(ORGANISATION, "timeline")


def file_to_open(path: Path | None, settings: QtCore.QSettings) -> Path:
    """The file named, else the file the window showed last, else (the first time, or when
    that file is gone) the bundled events.yaml."""
    if path is not None:
        return path
    recent = Settings(settings).recent_files()
    if recent and Path(recent[0]).is_file():
        return Path(recent[0])
    return bundled_events()


def show_file(window: MainWindow, path: Path, view: StartView | None = None) -> None:
    """Show the window, open `path` and, once the file is read, show `view`: after the window
    has restored what the last session left, so that what the command line gives wins."""
    if view is not None and not view.empty:

        def apply_once(loaded: bool, _another_file: bool) -> None:
            if loaded:
                window.document.changed.disconnect(apply_once)
                view.apply(window.state)

        window.document.changed.connect(apply_once)  # after the window's own slot: it runs later
    window.show()
    window.open_file(path)


def run_gui(
    path: Path,
    settings: QtCore.QSettings | None = None,
    view: StartView | None = None,
    sources: Path | None = None,
    tour: Path | None = None,
    cache: Cache | None = None,
) -> int:
    """Open the window on `path`; `sources`: the folder of the source documents for this run
    (instead of the one chosen in Preferences); `tour`: a tour to open (instead of the last one);
    `cache`: the warm-load cache the window's reads use (None: none, as with --no-cache)."""
    if not has_display() and not os.environ.get("QT_QPA_PLATFORM"):
        print(
            "timeline-app: no display to open a window on (DISPLAY is not set); "
            "--check, --list and --export work without one",
            file=sys.stderr,
        )
        return 2
    logging.basicConfig(format="%(name)s: %(levelname)s: %(message)s")
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C in the terminal ends the app
    window = MainWindow(settings or open_settings())
    window.document.cache = cache
    if sources is not None:
        window.set_sources_folder(sources)
    if tour is not None:
        window.tours.open_tour(tour, ask=False)
    _install_excepthook(window)
    if os.environ.get("TIMELINE_APP_EXIT_AFTER_PAINT"):
        _QuitAfterFirstPaint(window)
    show_file(window, path, view)
    return app.exec()
