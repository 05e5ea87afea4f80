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

from PySide6 import QtWidgets

from timeline_app import render  # noqa: F401
from timeline_app.core.loader import load_timeline
from timeline_app.core.model import KINDS
from timeline_app.render.view import HOME_RANGE, TimelineView

LANES = ["CIS", "CSTO", "GUUAM", "SCO", "EurAsEC"]


def synthetic(n: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    lines = ["version: 1", "sources:", "  s: {title: Synthetic}", "lanes:"]
    lines += [f'  - {{id: {lane}, name: {lane}, color: "#0072B2"}}' for lane in LANES]
    lines.append("events:")
    for i in range(n):
        year, month, day = rng.randint(1991, 2015), rng.randint(1, 12), rng.randint(1, 28)
        date = rng.choice([f"{year}", f"{year}-{month:02d}", f"{year}-{month:02d}-{day:02d}"])
        lines.append(
            f'  - {{id: e{i}, title: "Synthetic event number {i}", date: "{date}", lanes: [{rng.choice(LANES)}], '
            f'kind: {rng.choice(KINDS)}, citations: [{{source: s, excerpt: "x"}}]}}'
        )
    return "\n".join(lines) + "\n"


def timed(fn, repeat=5):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main(sizes):
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    view = TimelineView()
    view.resize(1920, 1080)
    view.show()
    app.processEvents()
    print(
        f"{'events':>8} {'load ms':>9} {'set ms':>9} {'labels ms':>10} {'drag frame ms':>14} {'settled frame ms':>17}"
    )
    for n in sizes:
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as handle:
            handle.write(synthetic(n))
        start = time.perf_counter()
        timeline = load_timeline(handle.name).timeline
        load = (time.perf_counter() - start) * 1000
        os.unlink(handle.name)
        set_ms = timed(lambda: view.set_timeline(timeline), repeat=1)
        view.set_time_range(*HOME_RANGE)
        layout = timed(view.relayout)
        shift = [0.0]

        def drag():  # one frame of a drag: glyphs follow at once, labels are shifted
            shift[0] += 86400 * 30
            view.set_time_range(HOME_RANGE[0] + shift[0], HOME_RANGE[1] + shift[0])
            view.viewport().repaint()

        def settled():  # ... and when the events are handled, labels are placed anew
            drag()
            app.processEvents()
            view.viewport().repaint()

        drag_ms = timed(drag, repeat=10)
        settled_ms = timed(settled, repeat=10)
        print(f"{n:>8} {load:>9.0f} {set_ms:>9.0f} {layout:>10.1f} {drag_ms:>14.1f} {settled_ms:>17.1f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000, 10000])
