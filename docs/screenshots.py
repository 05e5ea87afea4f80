"""Remake the README's pictures: `python docs/screenshots.py` (offscreen; writes docs/*.png).

screenshot.png: the full span searching for "uzbek", the first match selected, the event list.
membership.png: the CST/CSTO lane's member rows, Uzbekistan followed, its CST span in Details.
tour.png: the bundled tour open in the Tour panel, at its eighth stop (Uzbekistan turns).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6 import QtCore, QtWidgets  # PySide6 before pyqtgraph, after the platform is chosen

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline_app.ui.main_window import MainWindow  # noqa: E402

SIZE = (1600, 960)


def shoot(name: str, settings_path: Path) -> None:
    settings = QtCore.QSettings(str(settings_path), QtCore.QSettings.Format.IniFormat)
    settings.clear()
    window = MainWindow(settings)
    window.resize(*SIZE)
    window.show()
    window.open_file(ROOT / "events.yaml")
    state = window.state
    if name == "screenshot.png":
        state.set_search("uzbek")
        state.step(1)
    elif name == "tour.png":
        window.tours.set_reduce_motion(True)
        window.tours.open_tour(ROOT / "resources" / "tours" / "security-organisations.tour.yaml", ask=False)
        window.tours.dock.raise_()
        window.tours.go_to(7)
    else:
        state.set_member_lanes(frozenset({"CSTO"}))
        state.follow_country("Uzbekistan")
        state.select_span("CSTO", "Uzbekistan", 0)
    for _ in range(30):
        QtWidgets.QApplication.processEvents()
    window.view.relayout()
    QtWidgets.QApplication.processEvents()
    window.grab().save(str(ROOT / "docs" / name))
    window.close()
    print("wrote", ROOT / "docs" / name)


def main() -> None:
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    settings_path = Path(QtCore.QDir.tempPath()) / "timeline-screenshots.ini"
    for name in ("screenshot.png", "membership.png", "tour.png"):
        shoot(name, settings_path)
    del app


if __name__ == "__main__":
    main()
