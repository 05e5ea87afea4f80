"""Benchmark (prints figures, asserts nothing): from a keystroke in the search to the updated plot,
and to the updated window (the plot, the event list, the panels, the bars and the overview strip).

QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_search.py [N ...]

For each size: the first search (which builds the FTS5 index), then each keystroke of typing
"uzbek" and of clearing it: the state's new matches, the plot's dimming and labels, one paint.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6 import QtWidgets
from synthetic import synthetic_timeline

from timeline_app.core.browse import Filters, SearchIndex, matching_mask
from timeline_app.core.state import Document, ViewState
from timeline_app.render.view import TimelineView


def window_on(timeline):
    """The main window showing a timeline made in memory (as if its file had just been read)."""
    from PySide6 import QtCore

    from timeline_app.ui.main_window import MainWindow

    settings = QtCore.QSettings(tempfile.mktemp(suffix=".ini"), QtCore.QSettings.Format.IniFormat)
    window = MainWindow(settings)
    window.resize(1920, 1080)
    window.show()
    window.document.timeline, window.document.shown = timeline, Path("synthetic.yaml")
    window.document.changed.emit(True, True)
    return window


def timed_keys(app, state, paint):
    """(first key, median key, worst key, clear) in ms: set the search, let everyone follow, paint."""

    def keystroke(text):
        start = time.perf_counter()
        state.set_search(text)
        app.processEvents()
        paint()
        return (time.perf_counter() - start) * 1000

    first = keystroke("s")  # the first search builds the index
    keystroke("")
    keys = [keystroke("uzbek"[:i]) for i in range(1, 6)] + [keystroke("uzbe"), keystroke("uzbek")]
    clear = keystroke("")
    return first, statistics.median(keys), max(keys), clear


def main(sizes, whole_window=True):
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    columns = ("events", "what", "first key ms", "key median ms", "key worst ms", "clear ms", "match only ms")
    print(" ".join(f"{c:>{max(len(c), 9)}}" for c in columns))
    for n in sizes:
        timeline = synthetic_timeline(n)
        state = ViewState(Document(timeline))
        view = TimelineView(state)
        view.resize(1920, 1080)
        view.show()
        app.processEvents()
        plot = timed_keys(app, state, view.viewport().repaint)  # the plot follows the state's signal
        view.close()
        index = SearchIndex(timeline, state.aliases)
        index.search("s")  # built
        start = time.perf_counter()
        for i in range(1, 6):  # the data layer alone: which events match
            matching_mask(timeline, Filters(text="kazak"[:i]), index)
        match_only = (time.perf_counter() - start) * 1000 / 5
        rows = [("plot", *plot, match_only)]
        if whole_window:  # ... and everything a keystroke updates in the window: list, panels, bars, strip
            window = window_on(timeline)
            app.processEvents()
            rows.append(("window", *timed_keys(app, window.state, window.repaint), match_only))
            window.close()
        for what, *figures in rows:
            cells = [f"{n:>{len(columns[0]) + 3}d}", f"{what:>9}"]
            cells += [f"{v:>{max(len(c), 9)}.1f}" for c, v in zip(columns[2:], figures, strict=True)]
            print(" ".join(cells))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 100000])
