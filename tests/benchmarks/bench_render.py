"""Benchmark (prints figures, asserts nothing): load, lay out and draw N synthetic events.

QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_render.py [N ...]
"""

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6 import QtWidgets
from synthetic import synthetic

from timeline_app.core.loader import load_timeline
from timeline_app.core.span import HOME_RANGE
from timeline_app.core.state import ViewState
from timeline_app.render.view import TimelineView


def timed(fn, repeat=5):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main(sizes):
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    state = ViewState()
    view = TimelineView(state)
    view.resize(1920, 1080)
    view.show()
    app.processEvents()
    columns = ("events", "load ms", "open ms", "labels ms", "select ms", "drag frame ms", "settled frame ms")
    print(" ".join(f"{c:>{max(len(c), 9)}}" for c in columns))
    for n in sizes:
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as handle:
            handle.write(synthetic(n))
        load = timed(lambda name=handle.name: load_timeline(name), repeat=1)  # the file read and checked
        opened = timed(lambda name=handle.name: state.document.open(name), repeat=1)  # ... and shown
        os.unlink(handle.name)
        timeline = state.timeline
        state.fit_all()
        layout = timed(view.relayout)
        ids = iter(random.Random(2).choices([e.id for e in timeline.events], k=20))
        select = timed(lambda ids=ids: state.select(next(ids)), repeat=20)  # rings and one label, no relayout
        shift = [0.0]

        def drag(shift=shift):  # one frame of a drag: glyphs follow at once, labels are shifted
            shift[0] += 86400 * 30
            state.set_time_range(HOME_RANGE[0] + shift[0], HOME_RANGE[1] + shift[0])
            view.viewport().repaint()

        def settled(drag=drag):  # ... and when the events are handled, labels are placed anew
            drag()
            app.processEvents()
            view.viewport().repaint()

        drag_ms = timed(drag, repeat=10)
        settled_ms = timed(settled, repeat=10)
        figures = (n, load, opened, layout, select, drag_ms, settled_ms)
        print(" ".join(f"{v:>{max(len(c), 9)}.1f}" for c, v in zip(columns, figures, strict=True)))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000, 10000])
