"""A GUI monkey: thousands of random actions on the real window, with broken and fixed reloads
and exports in between. No exception may escape (pytest-qt fails the test on any exception in
a slot or event handler), and memory must not keep growing."""

import gc
import os
import random

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from conftest import LANES
from timeline_app.core.figure import FigureSpec

TEXT = LANES.read_text(encoding="utf-8")
BROKEN = TEXT.replace("version: 1", "version: 1\nlanes: [", 1)
ACTIONS = 2500
KEYS = [
    QtCore.Qt.Key.Key_Plus,
    QtCore.Qt.Key.Key_Minus,
    QtCore.Qt.Key.Key_Home,
    QtCore.Qt.Key.Key_Left,
    QtCore.Qt.Key.Key_Right,
    QtCore.Qt.Key.Key_Escape,
]


def _rss() -> int:
    """Resident memory of this process, in bytes (Linux); 0 where /proc is absent."""
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def _mouse(widget, kind, pos, button, buttons):
    event = QtGui.QMouseEvent(
        kind,
        QtCore.QPointF(pos),
        QtCore.QPointF(widget.mapToGlobal(pos)),
        button,
        buttons,
        QtCore.Qt.KeyboardModifier.NoModifier,
    )
    QtWidgets.QApplication.sendEvent(widget, event)


class Monkey:
    def __init__(self, window, path, tmp_path, rng):
        self.window, self.path, self.tmp, self.rng = window, path, tmp_path, rng
        self.view = window.view
        self.ids = [e.id for e in window.state.timeline.events]
        self.exports = 0

    def point(self):
        viewport = self.view.viewport()
        return QtCore.QPoint(
            self.rng.randrange(max(viewport.width(), 1)), self.rng.randrange(max(viewport.height(), 1))
        )

    def act(self):
        rng, view, window = self.rng, self.view, self.window
        viewport = view.viewport()
        choice = rng.random()
        if choice < 0.25:
            pos = QtCore.QPointF(self.point())
            wheel = QtGui.QWheelEvent(
                pos,
                QtCore.QPointF(viewport.mapToGlobal(pos.toPoint())),
                QtCore.QPoint(),
                QtCore.QPoint(0, rng.choice([-240, -120, 120, 240])),
                QtCore.Qt.MouseButton.NoButton,
                QtCore.Qt.KeyboardModifier.NoModifier,
                QtCore.Qt.ScrollPhase.NoScrollPhase,
                False,
            )
            QtWidgets.QApplication.sendEvent(viewport, wheel)
        elif choice < 0.40:
            left, none = QtCore.Qt.MouseButton.LeftButton, QtCore.Qt.MouseButton.NoButton
            start, end = self.point(), self.point()
            _mouse(viewport, QtCore.QEvent.Type.MouseButtonPress, start, left, left)
            for step in range(1, 4):
                _mouse(viewport, QtCore.QEvent.Type.MouseMove, start + (end - start) * step / 3, none, left)
            _mouse(viewport, QtCore.QEvent.Type.MouseButtonRelease, end, left, none)
        elif choice < 0.55:
            pos = self.point()
            left, none = QtCore.Qt.MouseButton.LeftButton, QtCore.Qt.MouseButton.NoButton
            _mouse(viewport, QtCore.QEvent.Type.MouseButtonPress, pos, left, left)
            _mouse(viewport, QtCore.QEvent.Type.MouseButtonRelease, pos, left, none)
            QtWidgets.QApplication.sendEvent(
                viewport, QtGui.QHelpEvent(QtCore.QEvent.Type.ToolTip, pos, viewport.mapToGlobal(pos))
            )
        elif choice < 0.68:
            key = rng.choice(KEYS)
            for kind in (QtCore.QEvent.Type.KeyPress, QtCore.QEvent.Type.KeyRelease):
                QtWidgets.QApplication.sendEvent(
                    view, QtGui.QKeyEvent(kind, key, QtCore.Qt.KeyboardModifier.NoModifier)
                )
        elif choice < 0.76:
            action = rng.choice(list(window.lane_actions.values()))
            action.setChecked(not action.isChecked())
        elif choice < 0.84:
            window.state.select(rng.choice(self.ids + [None]))
        elif choice < 0.90:
            self.path.write_text(rng.choice([TEXT, BROKEN, TEXT.replace("Minsk", "Mensk")]), encoding="utf-8")
            window.reload()
        elif choice < 0.94:
            window.resize(rng.randrange(500, 1700), rng.randrange(380, 1100))
        elif choice < 0.97:
            window.set_theme(rng.choice(["screen", "slide"]))
        elif choice < 0.985:
            window.set_presentation(not window.presenting)
        else:
            self.exports += 1
            suffix = rng.choice([".png", ".svg", ".pdf"])
            window.export_to(self.tmp / f"monkey{suffix}", FigureSpec(640, 360, theme=rng.choice(["slide", "screen"])))


@pytest.mark.slow
def test_monkey(qtbot, tmp_path, open_window):
    path = tmp_path / "events.yaml"
    path.write_text(TEXT, encoding="utf-8")
    window = open_window(path)
    window.activateWindow()
    window.view.setFocus()
    monkey = Monkey(window, path, tmp_path, random.Random(20261126))
    for index in range(300):  # warm-up: caches, fonts, first exports
        monkey.act()
        if index % 25 == 0:
            QtWidgets.QApplication.processEvents()
    gc.collect()
    before = _rss()
    for index in range(ACTIONS):
        monkey.act()
        if index % 25 == 0:
            QtWidgets.QApplication.processEvents()  # paint what the actions changed
    window.set_presentation(False)
    QtWidgets.QApplication.processEvents()
    gc.collect()
    grown = _rss() - before
    print(f"resident memory grew by {grown / 1e6:.1f} MB over {ACTIONS} actions")
    assert grown < 24 * 1024 * 1024, f"resident memory grew by {grown / 1e6:.1f} MB over {ACTIONS} actions"
    assert window.state.timeline is not None and monkey.exports > 0
