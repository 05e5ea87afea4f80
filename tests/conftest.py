"""Test set-up: Qt offscreen, PySide6 before pyqtgraph, shared fixtures."""

import dataclasses
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


LANES = DATA / "lanes.yaml"  # five lanes of fictional events: the UI tests' data
TINY = DATA / "tiny.yaml"


@pytest.fixture
def answers(monkeypatch):
    """What the dialogs answer and show: choosers answer from this dict (None: cancelled),
    message boxes are recorded in answers["shown"], nothing is shown or waits."""
    from timeline_app.ui import dialogs

    answers = {"open": None, "export": None, "range": None, "shown": []}
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: answers["shown"].append(text))
    monkeypatch.setattr(dialogs, "ask_open_path", lambda parent, folder: answers["open"])
    answers["folder"] = None  # the folder chooser's answer (Preferences: the source documents)
    monkeypatch.setattr(dialogs, "ask_folder", lambda parent, title, folder: answers["folder"])

    def ask_export(parent, timeline, spec, folder, keep_titles):
        answers["export folder"] = folder
        answer = answers["export"]  # (spec, path) or (spec, path, keep_titles)
        return answer if answer is None or len(answer) == 3 else (*answer, False)

    monkeypatch.setattr(dialogs, "ask_export", ask_export)
    monkeypatch.setattr(dialogs, "ask_range", lambda parent, time_range: answers["range"])
    # tours: the files chosen (None: cancelled) and "Save changes to the tour?" (never waits)
    answers.update({"tour open": None, "tour save": None, "save changes": "discard", "asked to save": []})
    monkeypatch.setattr(dialogs, "ask_tour_open_path", lambda parent, folder: answers["tour open"])
    monkeypatch.setattr(dialogs, "ask_tour_save_path", lambda parent, suggested: answers["tour save"])

    def ask_save_changes(parent, name):
        answers["asked to save"].append(name)
        return answers["save changes"]

    monkeypatch.setattr(dialogs, "ask_save_changes", ask_save_changes)
    return answers


@pytest.fixture
def open_window(qtbot, settings_file, answers):
    """Make a main window on a file, with isolated settings and answering dialogs."""
    from PySide6 import QtCore

    from timeline_app.ui.main_window import MainWindow

    def make(path=LANES, size=(1400, 900)):
        window = MainWindow(QtCore.QSettings(str(settings_file), QtCore.QSettings.Format.IniFormat))
        window.answers = answers
        window.problems_shown = answers["shown"]
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        window.open_file(path)
        window.view.relayout()
        return window

    return make


def without_lines(timeline):
    """The timeline without what depends on the file's layout (lines, path): what must round-trip."""

    def cites(items):
        return tuple(dataclasses.replace(c, line=0) for c in items)

    events = tuple(
        dataclasses.replace(
            e,
            line=0,
            citations=cites(e.citations),
            membership=tuple(dataclasses.replace(m, line=0) for m in e.membership),
        )
        for e in timeline.events
    )
    lanes = tuple(
        dataclasses.replace(
            lane, eras=tuple(dataclasses.replace(era, citations=cites(era.citations)) for era in lane.eras)
        )
        for lane in timeline.lanes
    )
    return dataclasses.replace(timeline, events=events, lanes=lanes, path="")
