"""Test set-up: Qt offscreen, PySide6 before pyqtgraph, shared fixtures."""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SOURCES = ROOT.parent / "shared" / "sources"
BUNDLED = ROOT / "events.yaml"

sys.path.insert(0, str(ROOT))

#: Tests that read the source documents beside the checkout skip, saying why, where they are absent.
needs_sources = pytest.mark.skipif(not SOURCES.is_dir(), reason=f"source documents not found at {SOURCES}")


@pytest.fixture(scope="session")
def bundled():
    from timeline_app.core.loader import load_timeline

    result = load_timeline(BUNDLED)
    assert result.ok, "\n".join(map(str, result.problems))
    return result.timeline


@pytest.fixture
def settings_file(tmp_path):
    return tmp_path / "settings.ini"


@pytest.fixture
def open_window(qtbot, settings_file, monkeypatch):
    """Make a main window on a file, with isolated settings; message boxes are recorded, not shown."""
    from PySide6 import QtCore

    from timeline_app.ui import dialogs
    from timeline_app.ui.main_window import MainWindow

    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: shown.append(text))

    def make(path=BUNDLED):
        window = MainWindow(QtCore.QSettings(str(settings_file), QtCore.QSettings.Format.IniFormat))
        window.problems_shown = shown
        qtbot.addWidget(window)
        window.resize(1400, 900)
        window.show()
        qtbot.waitExposed(window)
        window.open_file(path)
        window.view.relayout()
        return window

    return make
