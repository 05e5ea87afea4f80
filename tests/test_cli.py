"""main.py as users run it: --check, --list and --export in a subprocess."""

import json
import os
import subprocess
import sys

import pytest
from PySide6 import QtGui

from conftest import BUNDLED, DATA, LANES, ROOT, SOURCES, needs_sources

MAIN = str(ROOT / "main.py")


def run(*args, cwd=ROOT):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, MAIN, *map(str, args)], capture_output=True, text=True, env=env, cwd=cwd, timeout=120
    )


def test_check_valid_file():
    result = run("--check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK" in result.stdout and "events in 5 lanes" in result.stdout


def test_check_invalid_file_prints_every_problem(tmp_path):
    bad = tmp_path / "bad.yaml"
    text = (
        (DATA / "tiny.yaml")
        .read_text()
        .replace("kind: treaty", "kind: treety")
        .replace("date: 1995-06-15", "date: 1995-13-45")
    )
    bad.write_text(text)
    line_of = {needle: text.splitlines().index(f"    {needle}") + 1 for needle in ("date: 1995-13-45", "kind: treety")}
    result = run("--check", bad)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert f"{bad}:{line_of['date: 1995-13-45']}:11: event 'day-event' date: month 13 does not exist (01-12)" in lines
    assert any(
        line.startswith(f"{bad}:{line_of['kind: treety']}:11: event 'day-event' kind 'treety'") for line in lines
    )


def test_check_non_yaml_and_missing_files(tmp_path):
    junk = tmp_path / "junk.yaml"
    junk.write_bytes(b"\x00\xff\xfe garbage")
    for target in (junk, tmp_path / "missing.yaml"):
        result = run("--check", target)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert result.stdout.startswith(f"{target}:1:")


@needs_sources
def test_check_sources():
    result = run("--check", "--sources", SOURCES)
    assert result.returncode == 0, result.stdout


def test_list_text_and_json_with_filters():
    text = run("--list", LANES, "--lanes", "council", "--from", "2001", "--to", "2004")
    assert text.returncode == 0
    assert text.stdout.splitlines() and all(line.split()[1] == "C" for line in text.stdout.splitlines())
    data = json.loads(run("--list", LANES, "--format", "json", "--lanes", "C", "--from", "2001", "--to", "2004").stdout)
    assert [e["id"] for e in data] == [line.rsplit("[", 1)[1].rstrip("]") for line in text.stdout.splitlines()]
    assert set(data[0]) == {"id", "title", "date", "end", "lanes", "kind", "countries", "summary", "citations"}
    assert all("2001" <= e["date"][:4] <= "2004" for e in data)
    assert "month-event" in [e["id"] for e in data]
    everything = json.loads(run("--list", "--format", "json").stdout)  # the bundled file by default
    assert len(everything) == len(json.loads(run("--list", "--format", "json", BUNDLED).stdout)) >= 15


def test_list_rejects_unknown_lanes_and_bad_dates():
    result = run("--list", "--lanes", "NATO")
    assert result.returncode == 2 and "unknown lane 'NATO'" in result.stderr
    result = run("--list", "--from", "1999-13")
    assert result.returncode == 2 and "month 13 does not exist" in result.stderr


def test_export_png_has_exactly_the_requested_size(tmp_path):
    out = tmp_path / "sco.png"
    result = run(
        "--export",
        out,
        LANES,
        "--lanes",
        "Bloc,D",
        "--from",
        "1999",
        "--to",
        "2002",
        "--size",
        "1000x600",
        "--select",
        "disputed-event",
    )
    assert result.returncode == 0, result.stderr
    image = QtGui.QImage(str(out))
    assert (image.width(), image.height()) == (1000, 600)
    assert [p.name for p in tmp_path.iterdir()] == ["sco.png"]  # no temporary file left


def test_export_failure_leaves_no_file_and_says_why(tmp_path):
    result = run("--export", tmp_path / "nope" / "x.png")
    assert result.returncode == 2 and "does not exist" in result.stderr and "Traceback" not in result.stderr
    result = run("--export", tmp_path / "x.tiff")
    assert result.returncode == 2 and "unknown format '.tiff'" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_reader_that_stops_early_gets_no_traceback():
    for action in ("--list", "--check"):
        result = subprocess.run(
            f"{sys.executable} {MAIN} {action} | head -1",
            shell=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
        )
        assert len(result.stdout.splitlines()) == 1
        assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["--list", "--lanes", ","], "--lanes: name at least one lane"),
        (["--export", "x.png", "--from", "2017"], "the timeline shows 1990 to 2016"),
        (["--export", "x.png", "--to", "1989"], "the timeline shows 1990 to 2016"),
        (["--export", "x.png", LANES, "--lanes", "C", "--select", "shared-treaty"], "is in none of the lanes"),
        (["--export", "x.png", "--size", "big"], "is not of the form WIDTHxHEIGHT"),
    ],
)
def test_impossible_requests_are_refused_with_a_reason(tmp_path, args, message):
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2 and message in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_list_shows_the_end_of_a_period():
    lines = run("--list", DATA / "tiny.yaml").stdout.splitlines()
    assert any(line.startswith("2003-02/2005 ") for line in lines)


def test_exported_file_has_ordinary_permissions(tmp_path):
    out = tmp_path / "x.png"
    run("--export", out, "--size", "400x300")
    assert out.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_export_options_svg_pdf_theme_title_scale(tmp_path):
    svg, pdf, png = tmp_path / "a.svg", tmp_path / "a.pdf", tmp_path / "a.png"
    result = run(
        "--export",
        svg,
        "--size",
        "720p",
        "--theme",
        "screen",
        "--title",
        "My <b>title</b>",
        "--caption",
        "A caption",
        "--no-sources",
    )
    assert result.returncode == 0, result.stderr
    text = svg.read_text()
    assert "My &lt;b&gt;title&lt;/b&gt;" in text and "A caption" in text and "Sources:" not in text
    assert run("--export", pdf, "--size", "4k").returncode == 0 and pdf.read_bytes().startswith(b"%PDF")
    assert run("--export", png, "--size", "640x360", "--scale", "2").returncode == 0
    image = QtGui.QImage(str(png))
    assert (image.width(), image.height()) == (1280, 720)
