"""Benchmark (prints figures, asserts nothing): every figure of the scale goals beside its floor, in one run.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_scale.py [SIZES ...]
        [--lanes 5 20] [--runs K] [--json OUT]

For each size and lane count a synthetic file is written (YAML and JSON, the same data), then
each figure is measured in a fresh subprocess, so that caches are cold and the child's peak RSS
is the figure's own. The floors are measured in the same run, on the same data: `yaml.load` with
CSafeLoader (with the cyclic GC on, and paused as the loader pauses it), `json.loads`, an empty
pyqtgraph plot panned the same way, a naive pyqtgraph plot (one ScatterPlotItem per lane holding
all its points), and a bare PySide6 + pyqtgraph window's start to first paint. Ratios are what
the goals hold (the machine is shared and noisy); at sizes without a goal no verdict is printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

#: sizes at and above this load the JSON file (YAML at a million events is not a goal) ...
JSON_ONLY_FROM = 1_000_000
#: ... and are measured once (loads, windows), not `--runs` times
ONE_RUN_FROM = 1_000_000
FRAMES = 20  # frames per pan or zoom figure (the median is reported)
PAN_STEP = 0.005  # of the range, back and forth
ZOOM_STEP = 0.9  # in, then out
YEAR = 365.25 * 86400
RESULT = "BENCH-RESULT "  # a child's last line of stdout: this, then its figures as JSON

#: The goals of the issue, per size: (figure, what, limit, unit). A ratio figure is met at or below its limit.
GOALS: dict[int, list[tuple[str, str, float, str]]] = {
    100_000: [
        ("frame_ratio_worst", "pan / zoom frame vs empty plot (worst)", 1.5, "x"),
        ("frame_vs_naive", "pan / zoom frame vs naive scatter (worst)", 1.0, "x"),
        ("first_paint_s", "first paint after load", 1.0, "s"),
        ("cold_load_ratio", "cold load of YAML vs CSafeLoader", 1.3, "x"),
        ("cold_load_ratio_nogc", "cold load of YAML vs CSafeLoader, GC paused", 1.3, "x"),
        ("warm_load_ratio", "warm load vs json.loads", 3.0, "x"),
        ("peak_rss_mib", "peak RSS", 400.0, "MiB"),
    ],
    1_000_000: [
        ("frame_ratio_worst", "pan / zoom frame vs empty plot (worst)", 3.0, "x"),
        ("first_paint_s", "first paint after load", 3.0, "s"),
        ("warm_load_ratio", "warm load vs json.loads", 3.0, "x"),
        ("peak_rss_mib", "peak RSS", 1536.0, "MiB"),
    ],
}
STARTUP_GOAL = 1.2


# --- the children: each measures one thing in a fresh process -----------------------------------


def peak_rss_mib() -> float:
    """This process's peak resident set so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def _load(path: Path, cache_dir: str | None = None) -> tuple[float, Any]:
    """(seconds, LoadResult) of load_timeline, with the warm-load cache when one is given."""
    from timeline_app.core.loader import load_timeline

    if cache_dir is None:
        return _timed(lambda: load_timeline(path))
    from timeline_app.core.cache import Cache  # type: ignore[import-not-found]  # (added by the tables work)

    cache = Cache(Path(cache_dir))
    return _timed(lambda: load_timeline(path, cache=cache))  # type: ignore[call-arg]


def _outcome(result: Any) -> dict[str, Any]:
    errors = [p for p in result.problems if p.severity == "error"]
    return {"ok": result.timeline is not None and not errors, "problem": str(errors[0]) if errors else None}


def child_load(path: str, cache_dir: str | None = None) -> dict[str, Any]:
    seconds, result = _load(Path(path), cache_dir)
    return {"seconds": seconds, **_outcome(result)}


def child_to_csv(source: str, target: str) -> dict[str, Any]:
    """The same data as CSV, written by --convert (not timed)."""
    from timeline_app.core.convert import convert  # type: ignore[import-not-found]  # (added by the tables work)

    done = convert(source, target)
    return {"ok": done.written is not None, "losses": done.losses}


def child_yaml_floor(path: str, gc_paused: bool) -> dict[str, Any]:
    import yaml

    text = Path(path).read_text(encoding="utf-8")
    if gc_paused:
        gc.disable()
    seconds, _ = _timed(lambda: yaml.load(text, Loader=yaml.CSafeLoader))
    return {"seconds": seconds}


def child_json_floor(path: str) -> dict[str, Any]:
    text = Path(path).read_text(encoding="utf-8")
    seconds, _ = _timed(lambda: json.loads(text))
    return {"seconds": seconds}


def _app() -> Any:
    import pyqtgraph  # noqa: F401  (after PySide6)
    from PySide6 import QtWidgets

    return QtWidgets.QApplication.instance() or QtWidgets.QApplication([])


def _frames(app: Any, step: Callable[[int], None], paint: Callable[[], None]) -> float:
    """The median ms of FRAMES frames: one step of the view, then the events handled and a paint."""
    samples = []
    for i in range(FRAMES):
        start = time.perf_counter()
        step(i)
        app.processEvents()
        paint()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _ranges() -> dict[str, tuple[float, float]]:
    """The two views every plot is framed at: the whole span the app opens on, and one year."""
    from timeline_app.core.span import HOME_RANGE

    middle = (HOME_RANGE[0] + HOME_RANGE[1]) / 2
    return {"": HOME_RANGE, "_year": (middle - YEAR / 2, middle + YEAR / 2)}


def _pan_zoom(start: float, end: float, i: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """The i-th frame's (pan range, zoom range) from [start, end): back and forth, in and out."""
    shift = (end - start) * PAN_STEP * (1 if i % 2 == 0 else 0)
    factor = ZOOM_STEP if i % 2 == 0 else 1.0
    centre, half = (start + end) / 2, (end - start) * factor / 2
    return (start + shift, end + shift), (centre - half, centre + half)


def child_window(path: str) -> dict[str, Any]:
    """Load the file, show it in the main window, then first paint, pan, zoom and search frames."""
    import bench_search
    from PySide6 import QtCore

    from timeline_app.core.state import PREPARE_AT, prepare, prepare_search
    from timeline_app.ui.main_window import MainWindow

    app = _app()
    load_s, result = _load(Path(path))
    figures: dict[str, Any] = {"load_s": load_s, **_outcome(result)}
    if not figures["ok"]:
        return {**figures, "rss_mib": peak_rss_mib()}
    settings = QtCore.QSettings(tempfile.mktemp(suffix=".ini"), QtCore.QSettings.Format.IniFormat)
    window = MainWindow(settings)
    window.resize(1920, 1080)
    window.show()
    app.processEvents()  # the empty window is on screen, as when a file is opened from it
    painted = []

    class PaintWatch(QtCore.QObject):
        def eventFilter(self, _watched: Any, event: Any) -> bool:
            if event.type() == QtCore.QEvent.Type.Paint:
                painted.append(True)
            return False

    watch = PaintWatch()
    viewport = window.view.viewport()
    if len(result.timeline.events) >= PREPARE_AT:  # as the window's worker thread does after a large read
        started = time.perf_counter()
        prepare(result.timeline)
        figures["prepare_s"] = time.perf_counter() - started
    start = time.perf_counter()
    window.document.timeline, window.document.shown = result.timeline, Path(path)
    window.document.changed.emit(True, True)
    viewport.installEventFilter(watch)
    while not painted and time.perf_counter() - start < 120:
        app.processEvents()
    figures["first_paint_s"] = time.perf_counter() - start
    viewport.removeEventFilter(watch)
    figures["view_size"] = [window.view.width(), window.view.height()]
    if os.environ.get("BENCH_SCALE_GRAB"):  # a picture of what was measured, to look at
        window.grab().save(os.path.join(os.environ["BENCH_SCALE_GRAB"], f"{Path(path).stem}.png"))
    state = window.state
    if len(result.timeline.events) >= PREPARE_AT:  # the worker builds the search index once the data is shown
        started = time.perf_counter()
        prepare_search(result.timeline, state.aliases)
        figures["index_s"] = time.perf_counter() - started
    for suffix, (first, last) in _ranges().items():
        state.set_time_range(first, last)
        app.processEvents()
        shown = state.time_range
        figures[f"pan_frame{suffix}_ms"] = _frames(
            app, lambda i, r=shown: state.set_time_range(*_pan_zoom(*r, i)[0]), viewport.repaint
        )
        figures[f"zoom_frame{suffix}_ms"] = _frames(
            app, lambda i, r=shown: state.set_time_range(*_pan_zoom(*r, i)[1]), viewport.repaint
        )
        figures[f"range{suffix}"] = list(shown)
    state.fit_all()
    app.processEvents()
    _first, median, worst, _clear = bench_search.timed_keys(app, state, window.repaint)
    figures["search_keystroke_ms"], figures["search_keystroke_worst_ms"] = median, worst
    figures["rss_mib"] = peak_rss_mib()
    window.close()
    return figures


def _plain_plot(size: list[int]) -> Any:
    import pyqtgraph as pg

    plot = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem()})
    plot.resize(*size)
    plot.show()
    return plot


def _plot_frames(app: Any, plot: Any, ranges: dict[str, list[float]]) -> dict[str, float]:
    view_box = plot.getPlotItem().getViewBox()
    figures = {}
    for suffix, (first, last) in ranges.items():
        view_box.setXRange(first, last, padding=0)
        app.processEvents()

        def pan(i: int, first: float = first, last: float = last) -> None:
            view_box.setXRange(*_pan_zoom(first, last, i)[0], padding=0)

        def zoom(i: int, first: float = first, last: float = last) -> None:
            view_box.setXRange(*_pan_zoom(first, last, i)[1], padding=0)

        figures[f"pan{suffix}_ms"] = _frames(app, pan, plot.viewport().repaint)
        figures[f"zoom{suffix}_ms"] = _frames(app, zoom, plot.viewport().repaint)
    return figures


def child_empty(size: list[int], ranges: dict[str, list[float]]) -> dict[str, Any]:
    """An empty pyqtgraph plot with a date axis, framed as the window's plot is."""
    app = _app()
    plot = _plain_plot(size)
    return _plot_frames(app, plot, ranges)


def child_naive(path: str, size: list[int], ranges: dict[str, list[float]]) -> dict[str, Any]:
    """The naive plot: one ScatterPlotItem per lane holding every point of that lane."""
    import numpy as np
    import pyqtgraph as pg

    from timeline_app.core.dates import marker_time

    app = _app()
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    from timeline_app.core.dates import parse_date

    lanes = [lane["id"] for lane in data["lanes"]]
    times: dict[str, list[float]] = {lane: [] for lane in lanes}
    for event in data["events"]:
        when = marker_time(parse_date(event["date"]))
        for lane in event["lanes"]:
            times[lane].append(when)
    plot = _plain_plot(size)
    for row, lane in enumerate(lanes):
        xs = np.array(times[lane])
        plot.getPlotItem().addItem(pg.ScatterPlotItem(x=xs, y=np.full(len(xs), row), size=9, brush="#0072B2"))
    plot.getPlotItem().getViewBox().setYRange(-1, len(lanes))
    return _plot_frames(app, plot, ranges)


def child_bare_window() -> None:
    """A bare PySide6 + pyqtgraph window (a plot with a date axis), sized as the app's first
    window; prints when it has first painted, then quits (start-up's floor)."""
    import pyqtgraph as pg
    from PySide6 import QtCore, QtWidgets

    app = QtWidgets.QApplication(sys.argv[:1])
    window = QtWidgets.QMainWindow()
    plot = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem()})
    window.setCentralWidget(plot)
    available = app.primaryScreen().availableGeometry()
    window.resize(min(1600, int(available.width() * 0.9)), min(1000, int(available.height() * 0.9)))

    class FirstPaint(QtCore.QObject):
        def eventFilter(self, watched: Any, event: Any) -> bool:
            if event.type() == QtCore.QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QtCore.QTimer.singleShot(0, self.quit)
            return False

        def quit(self) -> None:
            print(f"first paint at {time.time():.6f}", flush=True)
            app.quit()

    watch = FirstPaint()
    plot.viewport().installEventFilter(watch)
    window.show()
    app.exec()


CHILDREN: dict[str, Callable[..., Any]] = {
    "load": child_load,
    "yaml-floor": lambda path: child_yaml_floor(path, gc_paused=False),
    "yaml-floor-nogc": lambda path: child_yaml_floor(path, gc_paused=True),
    "json-floor": child_json_floor,
    "to-csv": child_to_csv,
    "window": child_window,
    "empty": lambda size, ranges: child_empty(json.loads(size), json.loads(ranges)),
    "naive": lambda path, size, ranges: child_naive(path, json.loads(size), json.loads(ranges)),
}


def run_child(kind: str, *args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run one child and return its figures (and its peak RSS as `rss_mib`); a child that failed
    gives {"error": its last line of stderr}."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind, *args]
    done = subprocess.run(command, capture_output=True, text=True, env=env or _child_env(), check=False)
    for line in reversed(done.stdout.splitlines()):
        if line.startswith(RESULT):
            return dict(json.loads(line[len(RESULT) :]))
    tail = [line for line in done.stderr.splitlines() if line.strip()]
    return {"error": tail[-1] if tail else f"exit {done.returncode}"}


def _child_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", **extra}


# --- the parent: files, runs, figures ------------------------------------------------------------


def _median(samples: list[dict[str, Any]], key: str) -> float | None:
    values = [s[key] for s in samples if isinstance(s.get(key), (int, float))]
    return statistics.median(values) if values else None


def _ratio(value: float | None, floor: float | None) -> float | None:
    return value / floor if value is not None and floor else None


def write_files(n: int, lanes: int, folder: Path) -> dict[str, Path]:
    """The synthetic file of n events over `lanes` lanes, as YAML (below a million) and JSON."""
    import synthetic

    data = synthetic.synthetic_data(n, lanes=lanes, seed=1)
    files = {"json": folder / f"events-{n}-{lanes}.json"}
    files["json"].write_text(synthetic.to_json(data), encoding="utf-8")
    if n < JSON_ONLY_FROM:
        files["yaml"] = folder / f"events-{n}-{lanes}.yaml"
        files["yaml"].write_text(synthetic.to_yaml(data), encoding="utf-8")
    return files


def _has_csv() -> bool:
    return (ROOT / "timeline_app" / "core" / "convert.py").is_file()


def _has_cache() -> bool:
    return (ROOT / "timeline_app" / "core" / "cache.py").is_file()


def measure(n: int, lanes: int, runs: int, folder: Path, say: Callable[[str], None]) -> dict[str, Any]:
    """Every figure of one size and lane count (see the module docstring)."""
    files = write_files(n, lanes, folder)
    runs = 1 if n >= ONE_RUN_FROM else runs
    fmt = "yaml" if "yaml" in files else "json"
    shown = files[fmt]
    fig: dict[str, Any] = {
        "events": n,
        "lanes": lanes,
        "cold_load_format": fmt,
        "file_mib": shown.stat().st_size / 2**20,
    }
    say(f"{n:,} events, {lanes} lanes: {fig['file_mib']:.1f} MiB of {fmt.upper()}; loads")
    cold = [run_child("load", str(shown)) for _ in range(runs)]
    fig["load_ok"] = all(c.get("ok") for c in cold)
    fig["cold_load_s"] = _median(cold, "seconds") if fig["load_ok"] else None
    fig["load_problem"] = next((c.get("problem") or c.get("error") for c in cold if not c.get("ok")), None)
    if fmt == "yaml":
        fig["yaml_floor_s"] = _median([run_child("yaml-floor", str(shown)) for _ in range(runs)], "seconds")
        fig["yaml_floor_nogc_s"] = _median([run_child("yaml-floor-nogc", str(shown)) for _ in range(runs)], "seconds")
    else:
        fig["yaml_floor_s"] = fig["yaml_floor_nogc_s"] = None
    fig["json_floor_s"] = _median([run_child("json-floor", str(files["json"])) for _ in range(runs)], "seconds")
    floor = fig["yaml_floor_s"] if fmt == "yaml" else fig["json_floor_s"]
    floor_nogc = fig["yaml_floor_nogc_s"] if fmt == "yaml" else fig["json_floor_s"]
    fig["cold_load_ratio"] = _ratio(fig["cold_load_s"] if fig["load_ok"] else None, floor)
    fig["cold_load_ratio_nogc"] = _ratio(fig["cold_load_s"] if fig["load_ok"] else None, floor_nogc)
    fig["warm_load_s"] = None
    if _has_cache() and fig["load_ok"]:
        cache_dir = tempfile.mkdtemp(dir=folder)
        run_child("load", str(shown), cache_dir)  # fills the cache
        warm = [run_child("load", str(shown), cache_dir) for _ in range(runs)]
        fig["warm_load_s"] = _median(warm, "seconds") if all(w.get("ok") for w in warm) else None
    fig["warm_load_ratio"] = _ratio(fig["warm_load_s"], fig["json_floor_s"])
    fig["csv_load_s"] = None
    if _has_csv() and run_child("to-csv", str(files["json"]), str(folder / "events.csv")).get("ok"):
        loads = [run_child("load", str(folder / "events.csv")) for _ in range(runs)]
        fig["csv_load_s"] = _median(loads, "seconds") if all(c.get("ok") for c in loads) else None
    fig["csv_load_ratio"] = _ratio(fig["csv_load_s"], fig["json_floor_s"])
    say("  window: first paint, pan, zoom, search")
    windows = [run_child("window", str(shown)) for _ in range(runs)]
    good = [w for w in windows if w.get("ok")]
    fig["window_problem"] = None if good else (windows[0].get("problem") or windows[0].get("error"))
    fig["peak_rss_mib"] = max((w["rss_mib"] for w in good), default=None)
    keys = (
        "prepare_s",
        "index_s",
        "first_paint_s",
        "pan_frame_ms",
        "zoom_frame_ms",
        "pan_frame_year_ms",
        "zoom_frame_year_ms",
    )
    for key in (*keys, "search_keystroke_ms"):
        fig[key] = _median(good, key)
    size = good[0]["view_size"] if good else [1600, 800]
    fig["plot_size"] = size
    ranges = {"": good[0]["range"], "_year": good[0]["range_year"]} if good else _plain_ranges()
    say("  floors: empty plot, naive scatter")
    empty = [run_child("empty", json.dumps(size), json.dumps(ranges)) for _ in range(runs)]
    naive = [run_child("naive", str(files["json"]), json.dumps(size), json.dumps(ranges)) for _ in range(runs)]
    for suffix in ("", "_year"):
        fig[f"empty_frame{suffix}_ms"] = _median(empty, f"pan{suffix}_ms")
        fig[f"empty_zoom{suffix}_ms"] = _median(empty, f"zoom{suffix}_ms")
        fig[f"naive_frame{suffix}_ms"] = _median(naive, f"pan{suffix}_ms")
        fig[f"naive_zoom{suffix}_ms"] = _median(naive, f"zoom{suffix}_ms")
        fig[f"pan_frame{suffix}_ratio"] = _ratio(fig[f"pan_frame{suffix}_ms"], fig[f"empty_frame{suffix}_ms"])
        fig[f"zoom_frame{suffix}_ratio"] = _ratio(fig[f"zoom_frame{suffix}_ms"], fig[f"empty_zoom{suffix}_ms"])
    _worst(fig)
    return fig


def _plain_ranges() -> dict[str, list[float]]:
    return {suffix: list(r) for suffix, r in _ranges().items()}


def _worst(fig: dict[str, Any]) -> None:
    """The worst frame of the four (pan, zoom; whole span, one year), against the empty plot and
    against the naive scatter, and which one it was."""
    worst: tuple[float, str] | None = None
    versus_naive: float | None = None
    for what in ("pan", "zoom"):
        for suffix, where in (("", "whole span"), ("_year", "one year")):
            ratio = fig.get(f"{what}_frame{suffix}_ratio")
            if ratio is not None and (worst is None or ratio > worst[0]):
                worst = (ratio, f"{what}, {where}")
            naive_key = f"naive_frame{suffix}_ms" if what == "pan" else f"naive_zoom{suffix}_ms"
            naive = _ratio(fig.get(f"{what}_frame{suffix}_ms"), fig.get(naive_key))
            if naive is not None:
                versus_naive = max(naive, versus_naive or 0.0)
    fig["frame_ratio_worst"], fig["frame_worst"] = worst if worst else (None, None)
    fig["frame_vs_naive"] = versus_naive


def startup(runs: int, folder: Path) -> dict[str, Any]:
    """Start to first paint of main.py on the bundled events.yaml, and of a bare window (median
    of `runs` each, after one run of each that warms the disk cache and the app's cache)."""
    home = tempfile.mkdtemp(dir=folder)
    env = _child_env(TIMELINE_APP_EXIT_AFTER_PAINT="1", XDG_CONFIG_HOME=home, XDG_CACHE_HOME=home)
    app_command = [sys.executable, str(ROOT / "main.py"), str(ROOT / "events.yaml")]
    bare_command = [sys.executable, str(Path(__file__).resolve()), "--child", "bare-window"]

    def first_paint(command: list[str]) -> float | None:
        start = time.time()
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False, timeout=300)
        for line in done.stdout.splitlines():
            if line.startswith("first paint at "):
                return float(line.split()[-1]) - start
        return None

    first_paint(app_command), first_paint(bare_command)  # warm-up, not counted
    app_runs, bare_runs = [], []
    for _ in range(runs):  # interleaved, so that the machine's noise falls on both alike
        app_runs.append(first_paint(app_command))
        bare_runs.append(first_paint(bare_command))
    app_s = statistics.median([s for s in app_runs if s is not None] or [float("nan")])
    bare_s = statistics.median([s for s in bare_runs if s is not None] or [float("nan")])
    return {"app_first_paint_s": app_s, "bare_first_paint_s": bare_s, "startup_ratio": app_s / bare_s, "runs": runs}


# --- the report -----------------------------------------------------------------------------------


def _f(value: Any, spec: str, unit: str = "") -> str:
    return "n/a" if value is None else f"{value:{spec}}{unit}"


TABLE = (  # (heading, key, format)
    ("events", "events", ",d"),
    ("lanes", "lanes", "d"),
    ("file", "cold_load_format", "s"),
    ("cold s", "cold_load_s", ".2f"),
    ("xCSafe", "cold_load_ratio", ".2f"),
    ("xnoGC", "cold_load_ratio_nogc", ".2f"),
    ("warm s", "warm_load_s", ".3f"),
    ("xjson", "warm_load_ratio", ".2f"),
    ("csv s", "csv_load_s", ".2f"),
    ("prep s", "prepare_s", ".2f"),
    ("index s", "index_s", ".2f"),
    ("paint s", "first_paint_s", ".2f"),
    ("pan ms", "pan_frame_ms", ".1f"),
    ("x", "pan_frame_ratio", ".2f"),
    ("zoom ms", "zoom_frame_ms", ".1f"),
    ("x", "zoom_frame_ratio", ".2f"),
    ("yr pan", "pan_frame_year_ms", ".1f"),
    ("yr zoom", "zoom_frame_year_ms", ".1f"),
    ("empty", "empty_frame_ms", ".1f"),
    ("naive", "naive_frame_ms", ".1f"),
    ("RSS MiB", "peak_rss_mib", ".0f"),
    ("key ms", "search_keystroke_ms", ".1f"),
)


def table(runs: list[dict[str, Any]]) -> str:
    """One row per size and lane count; then each goal with its verdict; then the floors."""
    widths = [max(len(head), 7) for head, _key, _spec in TABLE]
    lines = [" ".join(f"{head:>{w}}" for (head, _k, _s), w in zip(TABLE, widths, strict=True))]
    for fig in runs:
        cells = [_f(fig.get(key), spec) for _head, key, spec in TABLE]
        lines.append(" ".join(f"{c:>{w}}" for c, w in zip(cells, widths, strict=True)))
    lines.append("")
    lines.append("cold s: load_timeline of the file (YAML; JSON at 1M); xCSafe: / yaml.load(CSafeLoader) of the same")
    lines.append("text (GC on); xnoGC: / the same with the GC paused, as the loader runs (at 1M: / json.loads).")
    lines.append("warm s: the second load, from the cache; xjson: / json.loads of the same data as JSON.")
    lines.append("csv s: load_timeline of the same data as CSV (written by --convert).")
    lines.append(
        "prep s: from 20,000 events, what the window's worker thread does after the read (columns, search index);"
    )
    lines.append("paint s: from the read (and prepared) timeline handed to the window to its first painted frame.")
    lines.append(
        "pan, zoom ms: one step + events handled + repaint of the plot, median of 20, whole span (yr: one year);"
    )
    lines.append("x: / the same frame of an empty pyqtgraph plot (empty ms); naive: one ScatterPlotItem per lane.")
    for fig in runs:
        for problem_key in ("load_problem", "window_problem"):
            if fig.get(problem_key):
                lines.append(f"{fig['events']:,} x {fig['lanes']}: {problem_key.split('_')[0]}: {fig[problem_key]}")
    verdicts = [line for fig in runs for line in _verdicts(fig)]
    if verdicts:
        lines += ["", "goals:"] + verdicts
    return "\n".join(lines)


def _verdict(value: float | None, limit: float) -> str:
    if value is None:
        return "not measured"
    over = (value / limit - 1) * 100
    return "met" if value <= limit else f"MISSED by {over:.0f}%" if over >= 10 else f"MISSED by {over:.1f}%"


def _verdicts(fig: dict[str, Any]) -> list[str]:
    lines = []
    for key, what, limit, unit in GOALS.get(fig["events"], []):
        value = fig.get(key)
        shown = _f(value, ".2f", unit if unit != "MiB" else " MiB")
        where = f" ({fig['frame_worst']})" if key == "frame_ratio_worst" and fig.get("frame_worst") else ""
        target = f"<= {limit:g}{unit if unit != 'MiB' else ' MiB'}"
        lines.append(
            f"  {fig['events']:>9,} x {fig['lanes']:>2} lanes  {what:<42} {shown:>10}{where}  {target:>10}  "
            f"{_verdict(value, limit)}"
        )
    return lines


def startup_lines(figures: dict[str, Any]) -> list[str]:
    ratio = figures["startup_ratio"]
    return [
        f"start to first paint, bundled events.yaml: {figures['app_first_paint_s']:.2f} s; bare PySide6 + pyqtgraph "
        f"window: {figures['bare_first_paint_s']:.2f} s; ratio {ratio:.2f}x (goal <= {STARTUP_GOAL}x: "
        f"{_verdict(ratio, STARTUP_GOAL)})"
    ]


def machine() -> dict[str, Any]:
    import pyqtgraph
    from PySide6 import QtCore
    from PySide6 import __version__ as pyside_version

    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "qt": QtCore.qVersion(),
        "pyside6": pyside_version,
        "pyqtgraph": pyqtgraph.__version__,
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000, 100000, 1000000])
    parser.add_argument("--lanes", nargs="+", type=int, default=[5, 20])
    parser.add_argument("--runs", type=int, default=3, help="runs of each load and window (1 at 1M events)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--no-startup", action="store_true", help="skip the start-up figure")
    args = parser.parse_args(argv)
    began = time.perf_counter()

    def say(text: str) -> None:
        print(f"[{time.perf_counter() - began:6.0f} s] {text}", file=sys.stderr, flush=True)

    report: dict[str, Any] = {"machine": machine(), "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    report["runs"] = []
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as folder:
        for n in args.sizes:
            for lanes in args.lanes:
                report["runs"].append(measure(n, lanes, args.runs, Path(folder), say))
                say(table(report["runs"][-1:]).splitlines()[1])  # the row, as soon as it is measured
                if args.json:  # what is measured so far survives an interrupted run
                    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        if not args.no_startup:
            say("start-up: main.py vs a bare window")
            report["startup"] = startup(args.runs, Path(folder))
    report["seconds"] = time.perf_counter() - began
    print(table(report["runs"]))
    if "startup" in report:
        print("\n".join(startup_lines(report["startup"])))
    print(
        f"(machine: {report['machine']['cpus']} CPUs, Python {report['machine']['python']}, Qt {report['machine']['qt']}; "
        f"{report['seconds']:.0f} s)"
    )
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return report


def child_main(kind: str, args: list[str]) -> None:
    if kind == "bare-window":
        child_bare_window()
        return
    figures = CHILDREN[kind](*args)
    figures.setdefault("rss_mib", peak_rss_mib())
    print(RESULT + json.dumps(figures), flush=True)
    os._exit(0)  # skip tearing down what was built: it is not part of any figure


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child_main(sys.argv[2], sys.argv[3:])
    else:
        main()
