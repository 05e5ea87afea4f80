"""Benchmark (prints figures, asserts nothing): how many labels each slide shortens or leaves out.

QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_labels.py

The issue's goals: in the 1080p export "2000-2004, CST/CSTO and SCO lanes" no label is
shortened and none is left unlabelled; at full span, 1080p, all five lanes, at most 15 labels
are shortened. The tests hold the same goals (tests/test_slides.py); this prints the figures.
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from timeline_app.core.dates import parse_date
from timeline_app.core.figure import SIZE_PRESETS, FigureSpec
from timeline_app.core.loader import load_timeline
from timeline_app.core.paths import bundled_events
from timeline_app.core.startup import date_range
from timeline_app.render.compose import Figure
from timeline_app.render.export import ensure_app

#: (name, --from, --to, lanes or None, selected event or None)
SLIDES = (
    ("full span, all lanes", None, None, None, None),
    ("2000-2004, CST/CSTO and SCO", "2000", "2004", ("CSTO", "SCO"), None),
    ("2001-2003, CST/CSTO and SCO, CSTO founded", "2001", "2003", ("CSTO", "SCO"), "csto-founded-2002"),
)


def label_counts(figure: Figure) -> tuple[int, int, int]:
    """(labels drawn, of them shortened, events left unlabelled) in a laid-out figure."""
    labels = figure.view.label_layer.labels
    shortened = sum(1 for label in labels if label.shortened)
    return len(labels), shortened, figure.view.unlabelled()


def main() -> None:
    ensure_app()
    timeline = load_timeline(bundled_events()).timeline
    assert timeline is not None
    print(f"{'slide':<44} {'size':>6} {'labels':>7} {'shortened':>10} {'unlabelled':>11}")
    for name, first, last, lanes, selected in SLIDES:
        start, end = date_range(parse_date(first) if first else None, parse_date(last) if last else None)
        for preset in ("720p", "1080p", "4k"):
            width, height = SIZE_PRESETS[preset]
            spec = FigureSpec(width=width, height=height, start=start, end=end, lanes=lanes, selected=selected)
            figure = Figure(timeline, spec)
            try:
                drawn, shortened, unlabelled = label_counts(figure)
            finally:
                figure.close()
            print(f"{name:<44} {preset:>6} {drawn:>7} {shortened:>10} {unlabelled:>11}")


if __name__ == "__main__":
    main()
