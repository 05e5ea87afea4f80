"""--convert IN OUT: YAML, JSON and CSV into one another, without loss for what each can hold."""

import dataclasses
import json
import string

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BUNDLED, DATA, LANES, without_lines
from timeline_app.cli import main
from timeline_app.core.convert import convert as convert_file
from timeline_app.core.convert import losses, to_json, to_yaml
from timeline_app.core.loader import load_timeline, parse_timeline
from timeline_app.core.tables import PALETTE

MEMBERS = DATA / "members.yaml"


@pytest.fixture(autouse=True)
def _no_user_cache(tmp_path, monkeypatch):
    """Tests never write into the real user cache folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))


def csv_part(timeline):
    """What a CSV holds of a timeline: each event without its membership, and the ids of the sources cited."""
    events = [dataclasses.replace(e, membership=()) for e in without_lines(timeline).events]
    return events, sorted({c.source for e in timeline.events for c in e.citations})


def convert(capsys, source, target, *options):
    code = main(["--convert", str(source), str(target), *options])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("source", [BUNDLED, LANES, MEMBERS])
def test_yaml_to_json_to_yaml_gives_an_equal_timeline(tmp_path, capsys, source):
    original = load_timeline(source)
    assert original.ok
    code, out, _err = convert(capsys, source, tmp_path / "a.json")
    assert code == 0, _err
    assert out == f"wrote {tmp_path / 'a.json'} ({len(original.timeline.events)} events)\n"
    json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))  # plain JSON
    from_json = load_timeline(tmp_path / "a.json")
    assert from_json.ok and not from_json.problems
    assert without_lines(from_json.timeline) == without_lines(original.timeline)
    assert convert(capsys, tmp_path / "a.json", tmp_path / "b.yaml")[0] == 0
    back = load_timeline(tmp_path / "b.yaml")
    assert back.ok and not back.problems
    assert without_lines(back.timeline) == without_lines(original.timeline)


def test_the_line_of_each_event_in_json_is_its_own(tmp_path, capsys):
    """--convert writes one event a line: an event's line says where it is."""
    convert(capsys, LANES, tmp_path / "a.json")
    text = (tmp_path / "a.json").read_text(encoding="utf-8").splitlines()
    for event in load_timeline(tmp_path / "a.json").timeline.events:
        assert f'"id": "{event.id}"' in text[event.line - 1]
        assert all(
            f'"excerpt": {json.dumps(c.excerpt, ensure_ascii=False)}' in text[c.line - 1] for c in event.citations
        )


def test_yaml_output_is_block_style_in_the_schema_order(tmp_path, capsys):
    convert(capsys, DATA / "tiny.yaml", tmp_path / "t.yaml")
    text = (tmp_path / "t.yaml").read_text(encoding="utf-8")
    tops = [line.split(":")[0] for line in text.splitlines() if line and line[0].isalpha()]
    given = yaml.safe_load((DATA / "tiny.yaml").read_text(encoding="utf-8"))
    assert tops == [key for key in ("version", "span", "sources", "lanes", "events") if key in given]
    event_keys = [line.strip().lstrip("- ").split(":")[0] for line in text.split("events:")[1].splitlines()[1:9]]
    assert event_keys == ["id", "title", "date", "lanes", "kind", "countries", "summary", "citations"]
    assert '  - id: day-event\n    title: A day-precise event\n    date: "1995-06-15"\n    lanes: [A]\n' in text
    assert yaml.safe_load(text)["events"][0]["citations"][0] == {
        "source": "doc",
        "excerpt": "On 15 June 1995 the treaty was signed.",
        "locator": "p. 1",
        "date": "1995-06-15",
    }


def test_yaml_to_csv_to_yaml_keeps_what_csv_holds(tmp_path, capsys):
    original = load_timeline(MEMBERS).timeline
    code, _out, err = convert(capsys, MEMBERS, tmp_path / "m.csv")
    assert code == 0
    entries = sum(len(e.membership) for e in original.events)
    with_entries = sum(1 for e in original.events if e.membership)
    assert f"CSV cannot hold membership entries ({entries} in {with_entries} events)" in err
    assert convert(capsys, tmp_path / "m.csv", tmp_path / "m.yaml")[0] == 0
    back = load_timeline(tmp_path / "m.yaml")
    assert back.ok and not back.problems
    assert csv_part(back.timeline) == csv_part(original)
    # lanes made from the ids, in order of first appearance, with the palette's colours in turn
    seen = list(dict.fromkeys(lane for e in original.events for lane in e.lanes))
    assert [(lane.id, lane.name, lane.color) for lane in back.timeline.lanes] == [
        (lane, lane, PALETTE[i]) for i, lane in enumerate(seen)
    ]


def test_the_bundled_file_through_csv_keeps_every_event_and_citation(tmp_path, capsys):
    original = load_timeline(BUNDLED).timeline
    assert convert(capsys, BUNDLED, tmp_path / "b.csv")[0] == 0
    back = load_timeline(tmp_path / "b.csv")
    assert back.ok, [str(p) for p in back.errors]
    assert csv_part(back.timeline) == csv_part(original)


def test_what_csv_cannot_hold_is_said_with_counts(tmp_path, capsys):
    timeline = load_timeline(DATA / "tiny.yaml").timeline
    code, _out, err = convert(capsys, DATA / "tiny.yaml", tmp_path / "t.csv")
    assert code == 0
    lines = err.splitlines()
    assert all(line.startswith(f"timeline-app: warning: {tmp_path / 't.csv'}: ") for line in lines)
    said = [line.split(": ", 3)[3] for line in lines]
    eras = sum(len(lane.eras) for lane in timeline.lanes)
    comments = sum(1 for line in (DATA / "tiny.yaml").read_text(encoding="utf-8").splitlines() if line.startswith("#"))
    assert said == [
        f"the comments of the YAML file are not carried over ({comments} comment line{'s' if comments > 1 else ''})",
        "CSV cannot hold the file's span: the data gives it when read back",
        "CSV cannot hold lanes' names, colours, titles or order (2 lanes, 2 with a name or title of its own): read "
        "back, lanes are made from the ids in the 'lanes' column, in order of first appearance, with colours in turn",
        f"CSV cannot hold eras ({eras} eras in 1 lane)",
        "CSV cannot hold sources' titles, authors, publishers, dates, files, URLs or notes (1 source): read back, a "
        "source is titled by its id",
    ]
    assert losses(timeline, "json") == losses(timeline, "yaml") == []


def test_comments_are_said_to_be_lost(tmp_path, capsys):
    source = tmp_path / "c.yaml"
    body = "\n".join(
        line
        for line in (DATA / "tiny.yaml").read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith("#")
    )
    source.write_text("# one\n  # two, indented\n" + body + "\n", encoding="utf-8")
    _code, _out, err = convert(capsys, source, tmp_path / "c.json")
    assert (
        err
        == f"timeline-app: warning: {tmp_path / 'c.json'}: the comments of the YAML file are not carried over (2 comment lines)\n"
    )


def test_a_file_with_errors_is_not_converted(tmp_path, capsys):
    source = tmp_path / "bad.yaml"
    source.write_text((DATA / "tiny.yaml").read_text(encoding="utf-8").replace("kind: treaty", "kind: tready", 1))
    target = tmp_path / "out.json"
    target.write_text("kept", encoding="utf-8")
    code, out, err = convert(capsys, source, target)
    assert code == 1  # as --check
    assert out == ""
    assert "kind 'tready' is not one of" in err
    assert err.endswith(f"{source}: not converted: it has errors (run --check for details)\n")
    assert target.read_text(encoding="utf-8") == "kept"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []  # no temporary left


def test_an_unknown_suffix_is_a_usage_error(tmp_path, capsys):
    code, _out, err = convert(capsys, DATA / "tiny.yaml", tmp_path / "t.txt")
    assert code == 2
    assert err == f"timeline-app: {tmp_path / 't.txt'}: the file name must end in .yaml, .yml, .json, .csv\n"
    assert not (tmp_path / "t.txt").exists()


# --- any text survives the round trips ------------------------------------------------------

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=30).filter(
    lambda t: t.strip() and t == t.strip()
)
ONE_LINE = TEXT.filter(lambda t: not any(c in t for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"))
IDS = st.text(string.ascii_letters + string.digits + "-_.", min_size=1, max_size=12).filter(lambda t: t[0].isalnum())
DATES = st.builds(
    lambda y, m, d, p: [f"{y:04d}", f"{y:04d}-{m:02d}", f"{y:04d}-{m:02d}-{d:02d}"][p],
    st.integers(1900, 2050),
    st.integers(1, 12),
    st.integers(1, 28),
    st.integers(0, 2),
)


@st.composite
def files(draw):
    """The plain data of a valid events file with arbitrary texts."""
    lanes = draw(st.lists(IDS, min_size=1, max_size=3, unique_by=str.casefold))
    sources = draw(st.lists(IDS, min_size=1, max_size=3, unique=True))
    events = []
    for number in range(draw(st.integers(1, 4))):
        citations = [
            {"source": draw(st.sampled_from(sources)), "excerpt": draw(TEXT), "locator": draw(ONE_LINE)}
            for _ in range(draw(st.integers(1, 3)))
        ]
        events.append(
            {
                "id": f"e{number}",
                "title": draw(ONE_LINE),
                "date": draw(DATES),
                "lanes": draw(st.lists(st.sampled_from(lanes), min_size=1, max_size=2, unique=True)),
                "kind": "other",
                "countries": draw(st.lists(ONE_LINE.filter(lambda t: ";" not in t), max_size=2, unique=True)),
                "summary": draw(TEXT),
                "citations": citations,
            }
        )
    return {
        "version": 1,
        "sources": {s: {"title": draw(ONE_LINE)} for s in sources},
        "lanes": [{"id": lane, "name": lane, "color": "#0072B2"} for lane in lanes],
        "events": events,
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files())
def test_any_text_round_trips_through_yaml_json_and_csv(tmp_path_factory, data):
    original = parse_timeline(json.dumps(data), "h.json")
    assert original.ok, [str(p) for p in original.problems]
    timeline = original.timeline
    from_yaml = parse_timeline(to_yaml(timeline), "h.yaml")
    assert from_yaml.ok, [str(p) for p in from_yaml.problems]
    assert without_lines(from_yaml.timeline) == without_lines(timeline)
    from_json = parse_timeline(to_json(timeline), "h.json")
    assert without_lines(from_json.timeline) == without_lines(timeline)
    folder = tmp_path_factory.mktemp("csv")
    (folder / "h.json").write_text(to_json(timeline), encoding="utf-8")
    assert convert_file(folder / "h.json", folder / "h.csv").written
    from_csv = load_timeline(folder / "h.csv")
    assert from_csv.ok, [str(p) for p in from_csv.problems]
    assert csv_part(from_csv.timeline) == csv_part(timeline)
