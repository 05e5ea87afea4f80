"""Benchmark (prints figures, asserts nothing): where loading N synthetic events goes.

    .venv/bin/python tests/benchmarks/bench_load.py [N ...]

Each step of parse_timeline is timed alone (best of 3), beside json.loads of the same data as
a floor: YAML composition, the YAML guards and plain data, the schema, and the reader.
"""

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
from timeline_app.core.schema import schema_problems


def best(fn, repeat=3):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main(sizes):
    columns = ("events", "total ms", "compose", "tree", "schema", "reader", "json.loads", "total/json")
    print(" ".join(f"{c:>10}" for c in columns))
    for n in sizes:
        text = synthetic(n)
        tree, _ = yamltree.read_tree(text, "x")
        as_json = json.dumps(tree.data)
        total = best(lambda text=text: parse_timeline(text, "x"))
        compose = best(lambda text=text: yaml.compose(text, Loader=yamltree._Loader))
        whole_tree = best(lambda text=text: yamltree.read_tree(text, "x"))
        schema = best(lambda tree=tree: schema_problems(tree, "x"))
        reader = best(lambda tree=tree: _Reader("x", tree).timeline())
        floor = best(lambda as_json=as_json: json.loads(as_json))
        figures = (n, total, compose, whole_tree - compose, schema, reader, floor, total / floor)
        print(" ".join(f"{v:>10.1f}" for v in figures))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
