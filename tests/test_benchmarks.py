"""The benchmarks still run (on a few events; their figures are read by people, not asserted)."""

import json
import sys

import pytest

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


#: Every figure the issue names for each size (and the floors beside them).
SCALE_KEYS = {
    "events", "lanes", "cold_load_s", "cold_load_format", "cold_load_ratio", "yaml_floor_s", "yaml_floor_nogc_s",
    "cold_load_ratio_nogc", "warm_load_s", "warm_load_ratio", "json_floor_s", "first_paint_s", "pan_frame_ms",
    "pan_frame_ratio", "zoom_frame_ms", "zoom_frame_ratio", "empty_frame_ms", "naive_frame_ms", "peak_rss_mib",
    "search_keystroke_ms",
}  # fmt: skip


@pytest.mark.slow
def test_the_scale_benchmark_runs_and_writes_every_figure(tmp_path, capsys):
    import bench_scale

    out = tmp_path / "figures.json"
    bench_scale.main(["200", "--lanes", "5", "--runs", "1", "--json", str(out)])
    report = json.loads(out.read_text(encoding="utf-8"))
    assert set(report) >= {"machine", "date", "runs", "startup"}
    assert {"cpus", "python", "qt", "platform"} <= set(report["machine"])
    (figures,) = report["runs"]
    assert SCALE_KEYS <= set(figures), SCALE_KEYS - set(figures)
    assert figures["events"] == 200 and figures["lanes"] == 5 and figures["load_ok"]
    measured = SCALE_KEYS - {"events", "lanes", "cold_load_format", "warm_load_s", "warm_load_ratio"}
    assert [
        key for key in sorted(measured) if not (isinstance(figures[key], float) and figures[key] > 0)
    ] == []  # each was measured (no timing asserted)
    assert report["startup"]["startup_ratio"] > 0
    header = capsys.readouterr().out.splitlines()[0].split()
    assert header[:3] == ["events", "lanes", "file"]


def test_the_synthetic_file_reads_back_as_the_data_it_was_written_from(tmp_path):
    import synthetic
    import yaml

    from timeline_app.core.loader import load_timeline

    data = synthetic.synthetic_data(300, lanes=20, seed=3)
    assert synthetic.synthetic_data(300, lanes=20, seed=3) == data  # reproducible from the seed
    assert yaml.safe_load(synthetic.to_yaml(data)) == data == json.loads(synthetic.to_json(data))
    path = tmp_path / "events.yaml"
    path.write_text(synthetic.to_yaml(data), encoding="utf-8")
    result = load_timeline(path)
    assert result.ok and result.problems == [] and len(result.timeline.events) == 300
    assert len(result.timeline.lanes) == 20
    events = data["events"]
    assert {len(e["date"]) for e in events} == {4, 7, 10}  # year, month and day precision
    assert any("end" in e for e in events) and {len(e["citations"]) for e in events} == {1, 2}
    assert all(100 <= len(c["excerpt"]) <= 401 for e in events for c in e["citations"])
