"""The corpus of bad files: each gets its precise message at its line, from the loader and from
`main.py --check` (exit 1, in seconds, never a traceback)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, ROOT
from timeline_app.core.loader import load_timeline, size_limit

BAD = DATA / "bad"

EXPECTED = {
    "alias_bomb.yaml": "1:1: the file expands to more than 2,000,000 values (YAML aliases?); refusing to read it",
    "bad_color.yaml": "5:33: lane 'CIS' color 'blue' must be of the form #RRGGBB",
    "bad_date_form.yaml": "9:11: event 'e1' date: '15 May 1992' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD",
    "blank_title.yaml": "8:12: event 'e1' title is empty",
    "bad_url.yaml": "3:33: source 'doc' url 'javascript:alert(1)' must start with http:// or https://",
    "deep_nesting.yaml": "2:1: the YAML is nested more than 64 levels deep",
    "duplicate_id.yaml": "14:9: duplicate event id 'e1' (first on line 7)",
    "duplicate_key.yaml": "12:5: event 'e1': key 'kind' is given twice (first on line 11)",
    "empty.yaml": "1:1: the file is empty",
    "empty_excerpt.yaml": "13:32: event 'e1' citation excerpt is empty",
    "end_before_date.yaml": "12:10: event 'e1' end (1990) is before its date (1992-05-15)",
    "excerpt_typo.yaml": "13:23: event 'e1' citation: unknown key 'exerpt' (did you mean 'excerpt'?)",
    "impossible_date.yaml": "9:11: event 'e1' date: month 13 does not exist (01-12)",
    "kind_typo.yaml": "11:11: event 'e1' kind 'tready' is not one of founding, summit, treaty, membership, military, institutional, other (did you mean 'treaty'?)",
    "latin1.yaml": "8:15: not UTF-8 text: byte 0xe9 at offset 130",
    "missing_key.yaml": "7:5: event 'e1': missing required key 'kind'",
    "newer_version.yaml": "1:10: this file is format version 3, newer than this app reads (1)",
    "no_citations.yaml": "12:16: event 'e1' citations: give at least one citation",
    "python_tag.yaml": "7:5: the tag !!python/object/apply:os.system is not allowed",
    "python_tag_nested.yaml": "8:12: the tag !!python/name:os.system is not allowed",
    "syntax.yaml": "11:9: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence that starts on line 10)",
    "top_list.yaml": "1:1: the file must be a mapping of keys to values, not a list",
    "top_typo.yaml": "4:1: the file: unknown key 'lane' (did you mean 'lanes'?)",
    "unknown_lane.yaml": "10:13: unknown lane 'CSI' (did you mean 'CIS'?); lanes are: CIS",
    "unknown_source.yaml": "13:18: event 'e1' cites unknown source 'dco' (did you mean 'doc'?)",
    "wrong_type.yaml": "8:12: event 'e1' title must be text, not a list",
}


def test_the_corpus_and_the_table_match():
    assert sorted(p.name for p in BAD.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_file_gets_its_message(name):
    result = load_timeline(BAD / name)
    assert not result.ok
    lines = [str(p).replace(f"{BAD / name}:", "") for p in result.problems]
    assert any(line.startswith(EXPECTED[name]) for line in lines), lines
    assert all(p.line >= 1 and p.column >= 1 for p in result.problems)


#: Bad files with more than one thing wrong; every other file is refused for exactly one reason.
TWO_PROBLEMS = {"excerpt_typo.yaml", "top_typo.yaml"}  # a misspelt key is unknown, and the right one missing


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_mistake_is_reported_once(name):
    """The schema and the reader never both report one mistake."""
    problems = load_timeline(BAD / name).problems
    assert len(problems) == (2 if name in TWO_PROBLEMS else 1), [str(p) for p in problems]


def test_a_reference_to_a_broken_lane_is_not_reported_again():
    lines = [p.message for p in load_timeline(BAD / "bad_color.yaml").problems]
    assert lines == ["lane 'CIS' color 'blue' must be of the form #RRGGBB"]


def test_nothing_in_a_file_runs(tmp_path):
    marker = Path("/tmp/hacked")
    marker.unlink(missing_ok=True)
    load_timeline(BAD / "python_tag.yaml")
    assert not marker.exists()


@pytest.mark.parametrize(("name", "megabytes"), [("big.yaml", 256), ("big.json", 1024), ("big.CSV", 1024)])
def test_a_file_over_the_size_limit_of_its_format_is_refused_without_reading_it(tmp_path, monkeypatch, name, megabytes):
    big = tmp_path / name
    with open(big, "wb") as handle:
        handle.truncate(megabytes * 1024 * 1024 + 1)  # sparse: nothing is written
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"{self} was read"))
    assert size_limit(big) == megabytes * 1024 * 1024
    problems = [p.message for p in load_timeline(big).problems]
    assert problems == [f"file is {megabytes} MB, over the {megabytes} MB limit"]


@pytest.mark.slow
def test_check_on_every_bad_file_is_quick_with_exit_1_and_no_traceback():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for path in sorted(BAD.glob("*.yaml")):
        # the timeout only stops a hang; how long a check takes is measured by the benchmarks
        result = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--check", str(path)],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert result.returncode == 1, path.name
        assert "Traceback" not in result.stdout + result.stderr, path.name
        assert f"{path}:{EXPECTED[path.name]}" in result.stdout or any(
            line.startswith(f"{path}:{EXPECTED[path.name]}") for line in result.stdout.splitlines()
        ), (path.name, result.stdout)
