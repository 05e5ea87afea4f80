"""The benchmarks still run (on a few events; their figures are read by people, not asserted)."""

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))


def test_the_load_benchmark_runs(capsys):
    import bench_load

    bench_load.main([50])
    header, row = capsys.readouterr().out.splitlines()
    assert header.split()[0] == "events" and float(row.split()[0]) == 50


def test_the_render_benchmark_runs(qapp, capsys):
    import bench_render

    bench_render.main([50])
    header, row = capsys.readouterr().out.splitlines()
    assert header.split()[0] == "events" and float(row.split()[0]) == 50


def test_the_search_benchmark_runs(qapp, capsys):
    import bench_search

    bench_search.main([50])
    header, plot, window = capsys.readouterr().out.splitlines()
    assert header.split()[:2] == ["events", "what"]
    assert plot.split()[:2] == ["50", "plot"] and window.split()[:2] == ["50", "window"]
