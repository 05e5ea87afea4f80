"""Benchmark (prints figures, asserts nothing): from a keystroke in the search to the updated plot.

QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_search.py [N ...]

For each size: the first search (which builds the FTS5 index), then each keystroke of typing
"uzbek" and of clearing it: the state's new matches, the plot's dimming and labels, one paint.
"""

import os
import statistics
import sys
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


def main(sizes):
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    columns = ("events", "first key ms", "key median ms", "key worst ms", "clear ms", "match only ms")
    print(" ".join(f"{c:>{max(len(c), 9)}}" for c in columns))
    for n in sizes:
        state = ViewState(Document(synthetic_timeline(n)))
        view = TimelineView(state)
        view.resize(1920, 1080)
        view.show()
        app.processEvents()

        def keystroke(text, state=state, view=view):
            start = time.perf_counter()
            state.set_search(text)  # the plot follows the state's signal: dims and labels anew
            app.processEvents()
            view.viewport().repaint()
            return (time.perf_counter() - start) * 1000

        first = keystroke("s")  # the first search builds the index
        keystroke("")
        keys = [keystroke("uzbek"[:i]) for i in range(1, 6)] + [keystroke("uzbe"), keystroke("uzbek")]
        clear = keystroke("")
        index = SearchIndex(state.timeline, state.aliases)
        index.search("s")  # built
        start = time.perf_counter()
        for i in range(1, 6):  # the data layer alone: which events match
            matching_mask(state.timeline, Filters(text="kazak"[:i]), index)
        match_only = (time.perf_counter() - start) * 1000 / 5
        figures = (n, first, statistics.median(keys), max(keys), clear, match_only)
        print(" ".join(f"{v:>{max(len(c), 9)}.1f}" for c, v in zip(columns, figures, strict=True)))
        view.close()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 100000])
