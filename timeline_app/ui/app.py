"""Start the GUI: the application object, crash reporting and the main window."""

from __future__ import annotations

import logging
import os
import signal
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6 import QtCore, QtWidgets

from .. import render  # noqa: F401  (PySide6 before pyqtgraph)
from ..render.export import has_display
from . import dialogs
from .main_window import MainWindow

__all__ = ["run_gui"]

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


def run_gui(path: Path, settings: QtCore.QSettings | None = None) -> int:
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
    window = MainWindow(settings or QtCore.QSettings(ORGANISATION, "timeline"))
    _install_excepthook(window)
    window.show()
    window.open_file(path)
    return app.exec()
