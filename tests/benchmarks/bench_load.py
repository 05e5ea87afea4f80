"""Benchmark (prints figures, asserts nothing): where loading N synthetic events goes.

    .venv/bin/python tests/benchmarks/bench_load.py [N ...]

Each step of parse_timeline's fast path is timed alone (best of 3; of 1 from 50,000 events), the
cycle collector paused as the loader pauses it: the C parser's events alone, the plain data with
positions built from them, the compiled schema check, and the reader. Beside them, the floors:
`yaml.load` with CSafeLoader (with the collector paused, and as Python runs it by default) and
`json.loads` of the same data. The ratios are the load's to each floor; the exact path (a node
per value, which files with aliases, tags or keys given twice take) is timed for comparison.
"""

import gc
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import yaml
from synthetic import synthetic

from timeline_app.core import yamltree
from timeline_app.core.loader import _Reader, parse_timeline
from timeline_app.core.schema import is_valid


def best(fn, repeat=3, collect=False):
    """The best time of `repeat` runs, in seconds, with the cycle collector paused (or not)."""
    times = []
    for _ in range(repeat):
        gc.collect()
        (gc.enable if collect else gc.disable)()
        try:
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return min(times)


def parser_events(text):
    """The C parser's events, made and dropped: what any YAML reading costs at least."""
    parser = yaml.CSafeLoader(text)
    get = parser.get_event
    while type(get()) is not yaml.StreamEndEvent:
        pass


def exact_path(text):
    tree, _ = yamltree.read_tree(text, "x")
    return _Reader("x", tree).timeline()


def main(sizes):
    columns = ("events", "load s", "parser", "fast tree", "schema", "reader", "exact path")
    floors = ("yaml.load", "+gc", "json.loads", "x yaml.load", "x +gc", "x json")
    print(" ".join(f"{c:>11}" for c in columns + floors))
    for n in sizes:
        text = synthetic(n)
        repeat = 3 if n < 50_000 else 1
        tree = yamltree.fast_tree(text)
        as_json = json.dumps(tree.data)
        total = best(lambda text=text: parse_timeline(text, "x"), repeat)
        steps = (
            best(lambda text=text: parser_events(text), repeat),
            best(lambda text=text: yamltree.fast_tree(text), repeat),
            best(lambda tree=tree: is_valid(tree.data), repeat),
            best(lambda tree=tree: _Reader("x", tree).timeline(), repeat),
            best(lambda text=text: exact_path(text), 1),
        )
        load = best(lambda text=text: yaml.load(text, Loader=yaml.CSafeLoader), repeat)
        load_gc = best(lambda text=text: yaml.load(text, Loader=yaml.CSafeLoader), 1, collect=True)
        floor = best(lambda as_json=as_json: json.loads(as_json), repeat)
        figures = (total, *steps, load, load_gc, floor)
        ratios = (total / load, total / load_gc, total / floor)
        print(f"{n:>11}", " ".join(f"{v:>11.2f}" for v in figures), " ".join(f"{r:>10.2f}x" for r in ratios))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
