"""Tour files: reading with FILE:LINE:COL messages, the bad-tour corpus, warnings against the
timeline, writing and reading back, and stops applied to and taken from the view state."""

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA, LANES, ROOT
from timeline_app.core import tour as tour_module
from timeline_app.core.browse import PRECISIONS, Filters
from timeline_app.core.dates import PartialDate
from timeline_app.core.figure import FigureSpec
from timeline_app.core.loader import load_timeline
from timeline_app.core.model import KINDS
from timeline_app.core.paths import bundled_events
from timeline_app.core.schema import load_schema
from timeline_app.core.span import HOME_RANGE
from timeline_app.core.startup import RangeError
from timeline_app.core.state import Document, ViewState
from timeline_app.core.tour import (
    TOUR_SUFFIX,
    Stop,
    Tour,
    check_tour,
    dump_tour,
    load_tour,
    parse_tour,
    relative_events,
    save_tour,
)

TOURS = DATA / "tours"
BAD = TOURS / "bad"
GOOD = TOURS / "lanes.tour.yaml"
DAY = 86400.0


def epoch(year, month=1, day=1):
    return (dt.date(year, month, day) - dt.date(1970, 1, 1)).days * DAY


@pytest.fixture(scope="module")
def lanes():
    return load_timeline(LANES).timeline


@pytest.fixture(scope="module")
def members():
    return load_timeline(DATA / "members.yaml").timeline


# --- the bad-tour corpus ------------------------------------------------------------------------
EXPECTED = {
    "alias_bomb.tour.yaml": "1:1: the file expands to more than 2,000,000 values (YAML aliases?); refusing to read it",
    "bad_date.tour.yaml": "5:11: stop 1 'from' date: month 13 does not exist (01-12)",
    "duplicate_key.tour.yaml": "7:5: stop 1: key 'from' is given twice (first on line 5)",
    "empty.tour.yaml": "1:1: the file is empty: expected 'title', 'events' and 'stops'",
    "lanes_not_list.tour.yaml": "5:12: stop 1 lanes must be a list, not text",
    "missing_stops.tour.yaml": "1:1: the file: missing required key 'stops'",
    "missing_title.tour.yaml": "1:1: the file: missing required key 'title'",
    "newer_version.tour.yaml": "1:10: this tour is format version 2, newer than this app reads (1)",
    "not_mapping.tour.yaml": "1:1: the file must be a mapping of keys to values, not a list",
    "not_yaml.tour.yaml": (
        "2:7: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence that starts on line 1)"
    ),
    "outside_span.tour.yaml": "5:11: stop 1 'from' date (1750) lies outside the years a timeline shows (1800 to 2100)",
    "python_tag.tour.yaml": "4:14: the tag !!python/object/apply:os.system is not allowed: a tour file holds plain data only",
    "stop_not_mapping.tour.yaml": "5:5: stop 2 must be a mapping of keys to values, not text",
    "stops_not_list.tour.yaml": "4:3: stops must be a list, not a mapping of keys to values",
    "to_before_from.tour.yaml": "6:9: stop 1: 'to' (1998) is before 'from' (1999-05)",
    "unknown_key.tour.yaml": (
        "5:5: stop 1: unknown key 'form' (did you mean 'from'?); "
        "allowed: heading, note, from, to, lanes, select, filters, members, follow"
    ),
    "unknown_kind.tour.yaml": (
        "5:23: stop 1 filters kind 'tready' is not one of founding, summit, treaty, membership, military, "
        "institutional, other (did you mean 'treaty'?)"
    ),
    "wrong_type.tour.yaml": "4:14: stop 1 heading must be text, not a list",
}
#: Files that are no tour at all (the others come back with the stops that could be read).
NO_TOUR = {
    "alias_bomb.tour.yaml",
    "empty.tour.yaml",
    "newer_version.tour.yaml",
    "not_mapping.tour.yaml",
    "not_yaml.tour.yaml",
    "python_tag.tour.yaml",
}


def test_the_corpus_and_the_table_match():
    assert sorted(p.name for p in BAD.glob("*" + TOUR_SUFFIX)) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_tour_gets_exactly_its_message(name):
    result = load_tour(BAD / name)
    assert [str(p) for p in result.problems] == [f"{BAD / name}:{EXPECTED[name]}"]
    assert not result.ok and [p.severity for p in result.problems] == ["error"]
    assert (result.tour is None) == (name in NO_TOUR)


def test_a_refused_stop_is_left_out_and_the_others_are_kept():
    result = load_tour(BAD / "stop_not_mapping.tour.yaml")
    assert [s.heading for s in result.tour.stops] == ["A good stop"]
    assert [s.line for s in result.tour.stops] == [4]
    assert load_tour(BAD / "unknown_key.tour.yaml").tour.stops == ()


def test_nothing_in_a_tour_runs():
    marker = Path("/tmp/hacked-by-a-tour")
    marker.unlink(missing_ok=True)
    load_tour(BAD / "python_tag.tour.yaml")
    assert not marker.exists()


def test_a_tour_that_cannot_be_read_says_so(tmp_path):
    missing = tmp_path / "gone.tour.yaml"
    result = load_tour(missing)
    assert result.tour is None and str(result.problems[0]).startswith(f"{missing}:1:1: cannot read file")
    latin = tmp_path / "latin.tour.yaml"
    latin.write_bytes(b"title: Caf\xe9\nevents: e.yaml\nstops: []\n")
    assert [str(p) for p in load_tour(latin).problems] == [f"{latin}:1:11: not UTF-8 text: byte 0xe9 at offset 10"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: T\nevents: e.yaml\nstops: []\nversion: 0\n",
            "4:10: unknown format version 0; this app reads version 1",
        ),
        ("title: T\nevents: e.yaml\nstop: []\n", "3:1: the file: unknown key 'stop' (did you mean 'stops'?)"),
        ("title: T\nevents: ''\nstops: []\n", "2:9: events is empty"),
        ("title: T\nevents: e.yaml\nstops:\n  - to: 1990-05\n", "4:9: stop 1: the range is empty"),
        (
            "title: T\nevents: e.yaml\nstops:\n  - from: May 1992\n",
            "4:11: stop 1 'from' date: 'May 1992' is not a date",
        ),
        ("title: T\nevents: e.yaml\nstops:\n  - to: [1992]\n", "4:9: stop 1 'to' date must be text or a whole number"),
        ("title: T\nevents: e.yaml\nstops:\n  - lanes: [A, 'a b']\n", "4:16: stop 1 lane 'a b' may hold only"),
        ("title: T\nevents: e.yaml\nstops:\n  - select: 3\n", "4:13: stop 1 select must be text, not a whole number"),
        (
            "title: T\nevents: e.yaml\nstops:\n  - filters: {kind: [treaty]}\n",
            "4:15: stop 1 filters: unknown key 'kind' (did you mean 'kinds'?)",
        ),
        (
            "title: T\nevents: e.yaml\nstops:\n  - filters: {precisions: [days]}\n",
            "4:28: stop 1 filters precision 'days' is not one of day, month, year (did you mean 'day'?)",
        ),
        (
            "title: T\nevents: e.yaml\nstops:\n  - filters: {disagreements: yes please}\n",
            "4:30: stop 1 filters disagreements must be true or false, not text",
        ),
        ("title: T\nevents: e.yaml\nstops:\n  - follow: ' '\n", "4:13: stop 1 follow is empty"),
        ("title: T\nevents: e.yaml\nstops:\n  -\n", "4:4: stop 1 must be a mapping of keys to values, not empty"),
    ],
)
def test_more_mistakes_each_at_its_place(text, expected):
    lines = [str(p) for p in parse_tour(text, "t.tour.yaml").problems]
    assert any(line.startswith(f"t.tour.yaml:{expected}") for line in lines), lines
    misspelt_required = "unknown key 'stop'" in expected  # and 'stops' is missing
    assert len(lines) == (2 if misspelt_required else 1), lines


def test_titles_and_headings_are_one_line_with_a_warning():
    text = 'title: "Two\\nlines"\nevents: e.yaml\nstops:\n  - heading: "A\\n  heading"\n'
    result = parse_tour(text, "t.tour.yaml")
    assert result.ok and result.tour.title == "Two lines" and result.tour.stops[0].heading == "A heading"
    assert [str(p) for p in result.problems] == [
        "t.tour.yaml:1:8: warning: title should be one line; its line breaks are shown as spaces",
        "t.tour.yaml:4:14: warning: stop 1 heading should be one line; its line breaks are shown as spaces",
    ]
    empty = parse_tour("title: ''\nevents: e.yaml\nstops: []\n", "t.tour.yaml")
    assert empty.ok and [str(p) for p in empty.problems] == [
        "t.tour.yaml:1:8: warning: the title is empty: the tour is named by its file"
    ]


def test_version_1_and_an_empty_tour_are_read():
    result = parse_tour("version: 1\ntitle: Nothing yet\nevents: e.yaml\nstops: []\n")
    assert result.ok and result.problems == [] and result.tour == Tour("Nothing yet", "e.yaml", ())


# --- the good tour ---------------------------------------------------------------------------------
def test_the_good_tour_is_read_whole(lanes):
    result = load_tour(GOOD)
    assert result.ok and result.problems == []
    tour = result.tour
    assert tour.title == "The fictional lanes: four stops" and tour.events == "../lanes.yaml" and tour.path == GOOD
    first, second, third, fourth = tour.stops
    assert first == Stop(
        heading="The Alliance and the Bloc, 1995-1997",
        note="Start with the summit in Almaty.\nThen point at the shared treaty.",
        start=PartialDate(1995, 6),
        end=PartialDate(1997),
        lanes=("A", "B"),
        selected="a01",
    )
    assert [s.line for s in tour.stops] == [5, 13, 17, 23]
    assert second.filters == Filters(text="charter", kinds=frozenset({"treaty"}))
    assert second.lanes is None and second.selected is None
    assert (
        third.followed == "Belarus" and third.start == PartialDate(2002, 10, 5) and third.lanes == ("A", "C", "D", "E")
    )
    assert fourth.filters == Filters(precisions=frozenset({"month"}), disagreements=True)
    assert (fourth.start, fourth.end) == (None, None)
    assert check_tour(tour, lanes, str(GOOD)) == []


def test_events_are_found_beside_the_tour(tmp_path):
    assert load_tour(GOOD).tour.events_path() == LANES.resolve()
    assert Tour(events="nowhere.yaml", path=GOOD).events_path() is None
    assert Tour(events="../lanes.yaml").events_path() is None  # not saved: a relative path names nothing yet
    assert Tour(events=str(LANES)).events_path() == LANES.resolve()
    (tmp_path / "sub").mkdir()
    (tmp_path / "events.yaml").write_text("x")
    assert (
        Tour(events="../events.yaml", path=tmp_path / "sub" / "t.tour.yaml").events_path() == tmp_path / "events.yaml"
    )


def test_a_bundled_tour_names_the_bundled_events(monkeypatch, tmp_path):
    folder = tmp_path / "tours"
    folder.mkdir()
    monkeypatch.setattr(tour_module, "resource", tmp_path.joinpath)
    bundled = Tour(events="events.yaml", path=folder / "story.tour.yaml")
    assert bundled.events_path() == bundled_events()
    assert Tour(events="other.yaml", path=folder / "story.tour.yaml").events_path() is None
    assert Tour(events="events.yaml", path=tmp_path / "story.tour.yaml").events_path() is None  # not bundled
    (folder / "b.tour.yaml").write_text("x")
    (folder / "a.tour.yaml").write_text("x")
    (folder / "notes.yaml").write_text("x")
    assert tour_module.bundled_tours() == [folder / "a.tour.yaml", folder / "b.tour.yaml"]


def test_relative_events_is_what_a_saved_tour_writes(tmp_path):
    assert relative_events(tmp_path / "events.yaml", tmp_path / "t.tour.yaml") == "events.yaml"
    assert relative_events(tmp_path / "data" / "e.yaml", tmp_path / "tours" / "t.tour.yaml") == "../data/e.yaml"


# --- warnings against the timeline ------------------------------------------------------------------
WARNED = """\
title: Names the timeline lacks
events: ../lanes.yaml
stops:
  - heading: Fine
    lanes: [A]
  - heading: A lane and an event misspelt
    lanes: [A, Bb]
    select: a011
  - heading: Countries
    follow: Belaruss
    filters: {countries: [Kirghizia]}
  - heading: The selected event is elsewhere
    from: 2000
    to: 2001
    lanes: [B]
    select: a01
    members: [A]
"""


def test_names_the_timeline_lacks_are_warnings_at_the_stop_line(lanes):
    result = parse_tour(WARNED, "w.tour.yaml")
    assert result.ok and len(result.tour.stops) == 4  # the tour loads
    problems = check_tour(result.tour, lanes, "w.tour.yaml")
    assert {p.severity for p in problems} == {"warning"}
    assert [str(p) for p in problems] == [
        "w.tour.yaml:6: warning: stop 2 lanes: unknown lane 'Bb' (did you mean 'B'?); lanes are: A, B, C, D, E",
        "w.tour.yaml:6: warning: stop 2: unknown event 'a011' (did you mean 'a11'?)",
        "w.tour.yaml:9: warning: stop 3 filters: no event names the country 'Kirghizia'",
        "w.tour.yaml:9: warning: stop 3 follow: no event names the country 'Belaruss' (did you mean 'Belarus'?)",
        "w.tour.yaml:9: warning: stop 3: its countries filter names other countries than 'Belaruss': it is not followed",
        "w.tour.yaml:12: warning: stop 4 members: lane 'A' has no member rows",
        "w.tour.yaml:12: warning: stop 4: the selected event 'a01' is in no lane the stop shows (it is in A)",
        "w.tour.yaml:12: warning: stop 4: the selected event 'a01' (2 October 1995) is outside its range (2000 to 2001)",
    ]


def test_countries_are_known_by_any_spelling(members):
    stop = Stop(followed="Kirghizia", filters=Filters(countries=frozenset({"moldova"})), line=3)
    problems = check_tour(Tour(stops=(stop,)), members, "m.tour.yaml")
    assert [str(p) for p in problems] == [
        "m.tour.yaml:3: warning: stop 1 follow: no event names the country 'Kirghizia'",
        "m.tour.yaml:3: warning: stop 1: its countries filter names other countries than 'Kyrgyzstan': it is not followed",
    ]
    known = Stop(followed="Georgia", filters=Filters(countries=frozenset({"georgia"})), member_lanes=("A",), line=3)
    assert check_tour(Tour(stops=(known,)), members, "m.tour.yaml") == []


def test_an_unknown_source_filter_is_a_warning(lanes):
    stop = Stop(filters=Filters(sources=frozenset({"dco"})), line=7)
    assert [str(p) for p in check_tour(Tour(stops=(stop,)), lanes, "t")] == [
        "t:7: warning: stop 1 filters: the timeline has no source 'dco' (did you mean 'doc'?)"
    ]


# --- writing ---------------------------------------------------------------------------------------
def test_the_good_tour_is_written_readably_and_read_back():
    tour = load_tour(GOOD).tour
    text = dump_tour(tour)
    assert text.startswith("# A tour of ../lanes.yaml: open it in timeline-app (File > Open Tour)")
    body = [line for line in text.splitlines() if not line.startswith("#")]
    assert body[:4] == [
        "title: 'The fictional lanes: four stops'",
        "events: ../lanes.yaml",
        "stops:",
        "  - heading: The Alliance and the Bloc, 1995-1997",
    ]
    assert body[4:12] == [
        "    note: |-",
        "      Start with the summit in Almaty.",
        "      Then point at the shared treaty.",
        "    from: 1995-06",
        "    to: 1997",
        "    lanes: [A, B]",
        "    select: a01",
        "  - heading: 'Treaties only: the 2000s'",
    ]
    assert "    filters: {search: charter, kinds: [treaty]}" in body
    assert "    from: 2002-10-05" in body and "    follow: Belarus" in body
    assert "    filters: {precisions: [month], disagreements: true}" in body
    assert "line:" not in text
    again = parse_tour(text)
    assert again.problems == [] and again.tour == tour
    assert [s.line for s in again.tour.stops] == [7, 15, 19, 25]  # equal, though at other lines (the header)


def test_defaults_are_left_out():
    text = dump_tour(Tour("T", "e.yaml", (Stop(),)))
    assert text.endswith("title: T\nevents: e.yaml\nstops:\n  - {}\n")
    assert parse_tour(text).tour == Tour("T", "e.yaml", (Stop(),))
    assert dump_tour(Tour("T", "e.yaml")).endswith("title: T\nevents: e.yaml\nstops: []\n")


def test_dates_are_written_as_events_yaml_writes_them():
    stop = Stop(start=PartialDate(1992, 5, 15), end=PartialDate(1999, approximate=True))
    lines = dump_tour(Tour("T", "e.yaml", (stop,))).splitlines()
    assert "  - from: 1992-05-15" in lines and "    to: 1999~" in lines
    assert parse_tour(dump_tour(Tour("T", "e.yaml", (stop,)))).tour.stops == (stop,)


@pytest.mark.parametrize("odd", ["\x85", "\u2028", "\u2029", "\r", "\x1b", "\t", "\ufeff", "\\"])
def test_text_with_odd_characters_is_read_back_the_same(odd):
    filters = Filters(text=f"a{odd}b", countries=frozenset({f"c{odd}d"}))
    stop = Stop(heading="H", note=f"first{odd}line\nsecond line", followed=f"x{odd}y", filters=filters)
    tour = Tour("T", "e.yaml", (stop,))
    result = parse_tour(dump_tour(tour))
    assert result.problems == [] and result.tour == tour


def test_the_header_stays_a_comment():
    text = dump_tour(Tour("T", "odd\x1b\nname.yaml"))
    assert text.splitlines()[0].startswith("# A tour of odd? name.yaml: open it in timeline-app")
    assert parse_tour(text).tour == Tour("T", "odd\x1b\nname.yaml")


def test_saving_is_atomic(tmp_path, monkeypatch):
    tour = load_tour(GOOD).tour
    path = save_tour(tour, tmp_path / "saved.tour.yaml")
    assert path == tmp_path / "saved.tour.yaml" and load_tour(path).tour == tour
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask  # as any new file, not a private temporary one
    path.chmod(0o640)
    save_tour(tour, path)
    assert path.stat().st_mode & 0o777 == 0o640  # a file replaced keeps its permissions
    before = path.read_bytes()

    def broken(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tour_module.os, "replace", broken)
    with pytest.raises(OSError):
        save_tour(tour.replace(title="Changed"), path)
    assert path.read_bytes() == before and sorted(tmp_path.iterdir()) == [path]  # no half file, no leftovers
    with pytest.raises(OSError):
        save_tour(tour, tmp_path / "no such folder" / "t.tour.yaml")


# random tours: what is written is read back equal
LINE = st.text(st.characters(exclude_categories=("Cs",)), max_size=40).map(lambda s: " ".join(s.split()))
NOTE = st.text(st.characters(exclude_categories=("Cs",)), max_size=80).map(str.strip)
WORDS = st.sampled_from(
    ["colon: here", "it's", 'say "hi"', "# hash", "- dash", "ü ß 中文", "yes", "null", "1991", "~", "[a]"]
)
TEXT = st.one_of(LINE, WORDS)
NAME = TEXT.filter(bool)
IDS = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,8}", fullmatch=True)
DAYS = st.dates(dt.date(1990, 1, 1), dt.date(2016, 12, 31))


@st.composite
def dates(draw):
    day = draw(DAYS)
    precision = draw(st.sampled_from(["year", "month", "day"]))
    qualifier = draw(st.sampled_from([{}, {}, {"approximate": True}, {"uncertain": True}]))
    if precision == "year":
        return PartialDate(day.year, **qualifier)
    if precision == "month":
        return PartialDate(day.year, day.month, **qualifier)
    return PartialDate(day.year, day.month, day.day, **qualifier)


@st.composite
def stops(draw):
    start, end = draw(st.one_of(st.none(), dates())), draw(st.one_of(st.none(), dates()))
    try:
        Stop(start=start, end=end).time_range()
        if start and end and end.last_day < start.first_day:
            raise RangeError("backwards")
    except RangeError:
        start, end = None, None
    filters = Filters(
        text=draw(st.one_of(st.just(""), TEXT)),
        countries=frozenset(draw(st.lists(NAME, max_size=2))),
        kinds=frozenset(draw(st.lists(st.sampled_from(KINDS), max_size=2))),
        sources=frozenset(draw(st.lists(IDS, max_size=2))),
        precisions=frozenset(draw(st.lists(st.sampled_from(PRECISIONS), max_size=2))),
        disagreements=draw(st.booleans()),
    )
    return Stop(
        heading=draw(TEXT),
        note=draw(st.one_of(NOTE, NOTE.map(lambda s: s.replace(" ", "\n")).map(str.strip))),
        start=start,
        end=end,
        lanes=draw(st.one_of(st.none(), st.lists(IDS, max_size=4).map(tuple))),
        selected=draw(st.one_of(st.none(), IDS)),
        filters=filters,
        member_lanes=tuple(draw(st.lists(IDS, max_size=3))),
        followed=draw(st.one_of(st.none(), NAME)),
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=NAME, events=NAME, stop_list=st.lists(stops(), max_size=4))
def test_random_tours_are_read_back_equal(title, events, stop_list):
    tour = Tour(title, events, tuple(stop_list))
    result = parse_tour(dump_tour(tour))
    assert result.problems == [] and result.tour == tour


# --- stops and the view state -----------------------------------------------------------------------
def state_of(timeline):
    return ViewState(Document(timeline))


def test_applying_a_stop_brings_the_state_to_it(lanes):
    state = state_of(lanes)
    first, second, third, fourth = load_tour(GOOD).tour.stops
    first.apply(state)
    assert state.time_range == (epoch(1995, 6), epoch(1998))
    assert state.visible_lanes == ("A", "B") and state.selected == "a01" and state.filters == Filters()
    second.apply(state)
    assert state.time_range == (epoch(2000), epoch(2010))  # to the last day of 2009
    assert state.visible_lanes == ("A", "B", "C", "D", "E") and state.selected is None
    assert state.filters == Filters(text="charter", kinds=frozenset({"treaty"}))
    third.apply(state)
    assert state.time_range == (epoch(2002, 10, 5), epoch(2004, 3, 21))
    assert state.followed == "Belarus" and state.filters == Filters(countries=frozenset({"Belarus"}))
    assert state.visible_lanes == ("A", "C", "D", "E") and state.selected == "a05"
    fourth.apply(state)
    assert state.time_range == HOME_RANGE and state.followed is None
    assert state.filters == Filters(precisions=frozenset({"month"}), disagreements=True)


def test_a_stop_taken_from_the_state_gives_back_the_stop(lanes):
    state = state_of(lanes)
    for stop in load_tour(GOOD).tour.stops:
        stop.apply(state)
        assert Stop.from_state(state, stop.heading, stop.note) == stop


def test_a_view_is_taken_to_whole_days_in_the_coarsest_dates(lanes):
    state = state_of(lanes)
    state.set_visible_lanes(["C", "A"])
    state.set_time_range(epoch(1992) + 3600, epoch(1993, 7) - 3600)  # an hour into 1992 .. an hour before July 1993
    stop = Stop.from_state(state, "H", "N")
    assert (stop.start, stop.end) == (PartialDate(1992), PartialDate(1993, 6))
    state.set_time_range(epoch(1992, 2, 1), epoch(1993, 6, 15))
    assert (Stop.from_state(state).start, Stop.from_state(state).end) == (
        PartialDate(1992, 2),
        PartialDate(1993, 6, 14),
    )
    assert stop.lanes == ("A", "C") and stop.heading == "H" and stop.note == "N"
    state.set_time_range(epoch(1992, 3, 5), epoch(1993, 3))
    stop = Stop.from_state(state)
    assert (stop.start, stop.end) == (PartialDate(1992, 3, 5), PartialDate(1993, 2))
    state.set_time_range(*HOME_RANGE)
    assert (Stop.from_state(state).start, Stop.from_state(state).end) == (None, None)


def test_unknown_lanes_and_events_are_skipped(lanes):
    state = state_of(lanes)
    Stop(lanes=("B", "nope"), selected="a01").apply(state)  # a01 is in lane A, not shown
    assert state.visible_lanes == ("B",) and state.selected is None
    Stop(lanes=("nope",), selected="gone").apply(state)
    assert state.visible_lanes == ("A", "B", "C", "D", "E") and state.selected is None


def test_the_stops_own_countries_win_over_the_country_followed(lanes):
    state = state_of(lanes)
    state.follow_country("Russia")
    Stop(followed="Belarus", filters=Filters(countries=frozenset({"Armenia"}))).apply(state)
    assert state.filters.countries == {"Armenia"} and state.followed is None
    Stop(followed="Belarus").apply(state)
    assert state.filters.countries == {"Belarus"} and state.followed == "Belarus"
    Stop(filters=Filters(countries=frozenset({"Belarus"}))).apply(state)  # the same countries, not followed
    assert state.filters.countries == {"Belarus"} and state.followed is None
    assert Stop.from_state(state).filters.countries == {"Belarus"}


def test_member_rows_come_and_go_with_the_stops(members):
    state = state_of(members)
    stop = Stop(member_lanes=("C", "A", "nope"), followed="Georgia", start=PartialDate(1993), end=PartialDate(2005))
    stop.apply(state)
    assert state.member_lanes == {"A", "C"} and state.followed == "Georgia"
    assert Stop.from_state(state) == stop.replace(member_lanes=("A", "C"))
    Stop().apply(state)
    assert state.member_lanes == frozenset() and state.followed is None and state.filters == Filters()


def canonical_start(day):
    if (day.month, day.day) == (1, 1):
        return PartialDate(day.year)
    return PartialDate(day.year, day.month) if day.day == 1 else PartialDate(day.year, day.month, day.day)


def canonical_end(day):
    if (day.month, day.day) == (12, 31):
        return PartialDate(day.year)
    if (day + dt.timedelta(days=1)).day == 1:
        return PartialDate(day.year, day.month)
    return PartialDate(day.year, day.month, day.day)


@st.composite
def state_stops(draw, timeline):
    first = draw(st.dates(dt.date(1990, 1, 1), dt.date(2016, 12, 1)))
    last = draw(st.dates(first + dt.timedelta(days=7), dt.date(2016, 12, 31)))
    lanes = draw(st.one_of(st.none(), st.sets(st.sampled_from("ABCDE"), min_size=1, max_size=4)))
    shown = tuple(lane for lane in "ABCDE" if lanes is None or lane in lanes)
    candidates = [e.id for e in timeline.events if set(e.lanes) & set(shown)]
    start, end = canonical_start(first), canonical_end(last)
    return Stop(
        heading=draw(LINE),
        start=None if first == dt.date(1990, 9, 1) else start,
        end=None if last == dt.date(2016, 4, 30) else end,
        lanes=None if lanes is None or len(shown) == 5 else shown,
        selected=draw(st.one_of(st.none(), st.sampled_from(candidates))),
        filters=Filters(kinds=frozenset(draw(st.lists(st.sampled_from(KINDS), max_size=2)))),
        followed=draw(st.sampled_from([None, "Armenia", "Russia"])),
    )


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_any_stop_survives_apply_and_from_state(lanes, data):
    stop = data.draw(state_stops(lanes))
    state = state_of(lanes)
    stop.apply(state)
    assert Stop.from_state(state, stop.heading) == stop


def test_the_start_view_and_the_figure_show_the_stop(lanes):
    stop = load_tour(GOOD).tour.stops[2]
    view = stop.start_view()
    assert view.time_range == (epoch(2002, 10, 5), epoch(2004, 3, 21)) and view.lanes == ("A", "C", "D", "E")
    assert view.selected == "a05" and view.followed == "Belarus"
    by_view, by_stop = state_of(lanes), state_of(lanes)
    view.apply(by_view)
    stop.apply(by_stop)
    assert Stop.from_state(by_view) == Stop.from_state(by_stop)
    spec = stop.figure_spec(FigureSpec(width=1280, height=720, title="old", caption="kept"))
    assert spec.title == "Belarus across the lanes"
    assert (spec.start, spec.end) == (epoch(2002, 10, 5), epoch(2004, 3, 21)) and spec.lanes == ("A", "C", "D", "E")
    assert spec.selected == "a05" and spec.followed == "Belarus" and spec.filters == Filters()
    assert (spec.width, spec.height, spec.caption) == (1280, 720, "kept")
    assert stop.replace(heading="").figure_spec(FigureSpec(title="old")).title == ""


def test_a_stop_with_no_range_to_show_raises():
    with pytest.raises(RangeError):
        Stop(end=PartialDate(1990, 5)).time_range()


# --- the schema ------------------------------------------------------------------------------------
def test_the_schema_names_what_the_code_knows():
    schema = load_schema("tour.schema.json")
    stop = schema["$defs"]["stop"]["properties"]
    assert tuple(stop) == tour_module.STOP_KEYS
    filters = schema["$defs"]["filters"]["properties"]
    assert tuple(filters) == tuple(tour_module.FILTER_KEYS)
    assert tuple(filters["kinds"]["items"]["enum"]) == KINDS
    assert tuple(filters["precisions"]["items"]["enum"]) == PRECISIONS
    assert schema["required"] == ["title", "events", "stops"]
    assert load_schema() == json.loads((ROOT / "resources" / "events.schema.json").read_text())


def test_the_example_in_the_docs_is_a_tour():
    docs = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
    section = docs[docs.index("## Tours (`*.tour.yaml`)") :]
    example = section[section.index("```yaml\n") + 8 : section.index("```\n", section.index("```yaml\n") + 8)]
    result = parse_tour(example, "docs")
    assert result.problems == [] and len(result.tour.stops) == 1
    stop = result.tour.stops[0]
    assert (stop.start, stop.end, stop.lanes) == (PartialDate(1991, 11), PartialDate(1992, 6), ("CIS", "CSTO"))
    assert stop.time_range()[1] == epoch(1992, 7)  # to the last day of June 1992
