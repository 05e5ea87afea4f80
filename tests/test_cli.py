"""main.py as users run it: --check, --list and --export in a subprocess."""

import json
import os
import re
import subprocess
import sys
import unicodedata

import pytest
from PySide6 import QtGui

from conftest import BUNDLED, DATA, LANES, ROOT, SOURCES, needs_sources
from timeline_app import cli
from timeline_app.core.browse import Aliases, Filters
from timeline_app.core.loader import load_timeline

MAIN = str(ROOT / "main.py")


def run(*args, cwd=ROOT):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, MAIN, *map(str, args)], capture_output=True, text=True, env=env, cwd=cwd, timeout=120
    )


def listed_ids(text):
    """The event ids of --list's text output, in order."""
    return [re.search(r"  \[([^\]]+)\]", line).group(1) for line in text.splitlines()]


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
    assert [e["id"] for e in data] == listed_ids(text.stdout)
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
        (["--export", "x.png", "--from", "2101"], "the timeline shows 1800 to 2100"),
        (["--export", "x.png", "--to", "1799"], "the timeline shows 1800 to 2100"),
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


# --- search and filters, in-process ------------------------------------------------------
def listed(capsys, *args):
    """The ids --list --format json prints for these arguments."""
    assert cli.main(["--list", "--format", "json", *map(str, args)]) == 0
    return [event["id"] for event in json.loads(capsys.readouterr().out)]


def folded_words(event):
    text = " ".join([event.title, event.summary, *event.countries, *(c.excerpt for c in event.citations)])
    return re.findall(r"\w+", unicodedata.normalize("NFKD", text).casefold())


def test_list_text_shows_countries_so_grep_finds_members(capsys, bundled):
    assert cli.main(["--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(bundled.events)
    grepped = [listed_ids(line)[0] for line in lines if "uzbek" in line.casefold()]
    expected = [e.id for e in bundled.events if "uzbek" in " ".join([e.title, e.id, *e.countries]).casefold()]
    assert grepped == expected
    members_only = [e.id for e in bundled.events if "Uzbekistan" in e.countries and "uzbek" not in e.title.casefold()]
    assert members_only and set(members_only) <= set(grepped)
    assert len({line.index("  [") for line in lines}) == 1  # the ids in one column
    with_countries = [(line, e) for line, e in zip(lines, bundled.events, strict=True) if e.countries]
    assert len({line.rindex(", ".join(e.countries)) for line, e in with_countries}) == 1  # ... and the countries


def test_list_search_finds_word_prefixes(capsys, bundled):
    expected = [e.id for e in bundled.events if any(w.startswith("uzbek") for w in folded_words(e))]
    assert expected and listed(capsys, "--search", "uzbek") == expected
    assert listed(capsys, "--search", "UZBEK") == expected


ALIASES = """version: 1
names:
  - name: Kyrgyzstan
    kind: country
    also: [Kirghizia, Kirghizstan]
"""


def test_list_country_is_alias_aware(capsys, monkeypatch, tmp_path, bundled):
    table = tmp_path / "aliases.yaml"
    table.write_text(ALIASES)
    monkeypatch.setattr(Aliases, "bundled", classmethod(lambda cls: Aliases.load(table)))
    expected = [e.id for e in bundled.events if "Kyrgyzstan" in e.countries]
    assert expected and listed(capsys, "--country", "Kyrgyzstan") == expected
    assert listed(capsys, "--country", "Kirghizia") == expected
    assert listed(capsys, "--country", "kirghizstan") == expected
    assert capsys.readouterr().err == ""
    both = [e.id for e in bundled.events if {"Kyrgyzstan", "Georgia"} & set(e.countries)]
    assert listed(capsys, "--country", "Kirghizia", "--country", "Georgia") == both  # any of them


@pytest.mark.skipif(
    Aliases.bundled().canonical("Kirghizia") != "Kyrgyzstan", reason="resources/aliases.yaml has no Kirghizia yet"
)
def test_list_country_with_the_bundled_alias_table(capsys):
    assert listed(capsys, "--country", "Kirghizia") == listed(capsys, "--country", "Kyrgyzstan") != []


def test_list_kind_precision_and_their_combination(capsys):
    timeline = load_timeline(LANES).timeline
    kinds = [e.id for e in timeline.events if e.kind in ("membership", "treaty")]
    assert listed(capsys, LANES, "--kind", "membership", "--kind", "treaty") == kinds
    months = [e.id for e in timeline.events if re.fullmatch(r"\d{4}-\d\d", str(e.date))]
    assert months and listed(capsys, LANES, "--precision", "month") == months
    both = [e.id for e in timeline.events if e.kind == "treaty" and "Belarus" in e.countries and "B" in e.lanes]
    assert both and listed(capsys, LANES, "--kind", "treaty", "--country", "Belarus", "--lanes", "B") == both


def test_list_source_and_disagreements(capsys, bundled):
    cited = [e.id for e in bundled.events if {"rferl2002", "monitor2001"} & {c.source for c in e.citations}]
    assert cited and listed(capsys, "--source", "rferl2002", "--source", "monitor2001") == cited

    def disagree(event):
        days = [(c.date.first_day, c.date.last_day) for c in event.citations if c.date]
        return any(a[1] < b[0] or b[1] < a[0] for a in days for b in days)

    disagreeing = [e.id for e in bundled.events if disagree(e)]
    assert disagreeing and listed(capsys, "--disagreements") == disagreeing
    assert listed(capsys, LANES, "--disagreements") == ["disputed-event"]


def test_list_refuses_an_unknown_source(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["--list", str(LANES), "--source", "doc", "--source", "press"])
    assert stop.value.code == 2
    assert "--source: unknown source 'press'; sources are: doc, wire" in capsys.readouterr().err


def test_list_says_when_no_event_names_a_country(capsys):
    assert cli.main(["--list", "--format", "json", str(LANES), "--country", "Kazakhztan"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == []
    assert "no event names 'Kazakhztan'; did you mean 'Kazakhstan'?" in err
    assert cli.main(["--list", str(LANES), "--country", "Kazakhztan"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err == "timeline-app: --country: no event names 'Kazakhztan'; did you mean 'Kazakhstan'?\n"


def test_help_says_which_file_is_read_without_one(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "the window reopens the file it showed last" in help_text
    assert "--check, --list and --export read the bundled events.yaml" in help_text
    for option in ("--search", "--country", "--kind", "--source", "--precision", "--disagreements", "--hide-unmatched"):
        assert option in help_text


def test_export_draws_the_filters_as_the_window_does(qapp, monkeypatch, tmp_path, capsys):
    from timeline_app.render import compose, export

    specs = []
    export_figure = export.export_figure

    def recording(timeline, path, spec, *args):
        specs.append((timeline, spec))
        return export_figure(timeline, path, spec, *args)

    monkeypatch.setattr(export, "export_figure", recording)
    for flag in ("--hide-unmatched", "--dim", None):
        out = tmp_path / f"{flag}.png"
        args = ["--export", out, LANES, "--country", "Kazakhstan", "--size", "800x450", *([flag] if flag else [])]
        assert cli.main(list(map(str, args))) == 0
        assert QtGui.QImage(str(out)).size().toTuple() == (800, 450)
    (timeline, hidden), (_, dimmed), (_, default) = specs
    assert hidden.filters == Filters(countries=frozenset({"Kazakhstan"})) and hidden.hide_unmatched
    assert dimmed.filters == default.filters == hidden.filters
    assert not dimmed.hide_unmatched and not default.hide_unmatched  # dimmed unless told to hide

    def sources_cited(events):
        cited = {c.source for e in events for c in e.citations}
        return "Sources: " + "; ".join(s.short() for s in timeline.sources if s.id in cited) + "."

    for spec, drawn in (
        (hidden, [e for e in timeline.events if "Kazakhstan" in e.countries]),  # only the matching ones
        (dimmed, timeline.events),  # every one, the others dimmed
    ):
        figure = compose.Figure(timeline, spec)
        try:
            assert figure.state.filters == spec.filters and figure.state.hide_unmatched == spec.hide_unmatched
            assert figure.source_line() == sources_cited(drawn)
        finally:
            figure.close()
    assert "wire" not in {c.source for e in timeline.events if "Kazakhstan" in e.countries for c in e.citations}


def test_a_country_is_named_as_the_events_spell_it(capsys, monkeypatch, tmp_path, qapp):
    from timeline_app.render import export

    monkeypatch.setattr(Aliases, "bundled", classmethod(lambda cls: Aliases()))  # no table: the case alone
    armenia = [e.id for e in load_timeline(LANES).timeline.events if "Armenia" in e.countries]
    assert listed(capsys, LANES, "--country", "ARMENIA") == armenia
    specs = []
    monkeypatch.setattr(export, "export_figure", lambda timeline, path, spec, *args: specs.append(spec) or path)
    assert cli.main(["--export", str(tmp_path / "a.png"), str(LANES), "--country", "armenia"]) == 0
    assert specs[0].filters.countries == {"Armenia"}  # the filter panel's name, checked there
