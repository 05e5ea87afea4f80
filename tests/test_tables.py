"""Events from tables: .json (the structure of events.yaml) and .csv (ours and TimelineJS's)."""

import json
import textwrap

import pytest
import yaml

from conftest import without_lines
from timeline_app.core.loader import load_timeline, parse_timeline
from timeline_app.core.tables import PALETTE

HEAD = {
    "version": 1,
    "sources": {"s": {"title": "S"}, "t": {"title": "T"}},
    "lanes": [{"id": "A", "name": "Alpha", "color": "#000000"}, {"id": "B", "name": "Beta", "color": "#111111"}],
}


def _line_of(text, needle, after=0):
    """The 1-based line of the first `needle` in `text` after line `after` (independent of the loader)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if number > after and needle in line:
            return number
    raise AssertionError(f"{needle!r} not in the text")


def _messages(result):
    return sorted(str(p) for p in result.problems)


# --- JSON ----------------------------------------------------------------------------------

PRETTY = textwrap.dedent(
    """\
    {
      "version": 1,
      "sources": {"s": {"title": "S"}},
      "lanes": [{"id": "A", "name": "Alpha", "color": "#000000"}],
      "events": [
        {"id": "one", "title": "One", "date": "1995", "lanes": ["A"], "kind": "other",
         "citations": [{"source": "s", "excerpt": "first"}]},
        {
          "id": "two",
          "title": "Two",
          "date": "1996-02",
          "lanes": "A",
          "kind": "summit",
          "membership": [
            {"country": "X", "status": "member", "citations": [2]}
          ],
          "countries": ["X"],
          "citations": [
            {"source": "s", "excerpt": "second"},
            {"source": "s", "excerpt": "third", "date": "1996"}
          ]
        }
      ]
    }
    """
)


def test_json_loads_the_structure_of_events_yaml_with_the_line_of_each_item():
    result = parse_timeline(PRETTY, "p.json")
    assert result.ok, _messages(result)
    one, two = result.timeline.events
    assert (one.id, one.date.year, one.lanes, one.citations[0].excerpt) == ("one", 1995, ("A",), "first")
    assert one.line == _line_of(PRETTY, '"id": "one"')
    assert one.citations[0].line == _line_of(PRETTY, '"excerpt": "first"')
    assert two.line == _line_of(PRETTY, '"id": "two"') - 1  # the "{" on the line before
    assert [c.line for c in two.citations] == [_line_of(PRETTY, '"second"'), _line_of(PRETTY, '"third"')]
    assert two.membership[0].line == _line_of(PRETTY, '"country": "X"')
    assert two.membership[0].citations == (1,)
    assert result.timeline.path == "p.json"


def test_json_on_one_line_puts_every_item_on_line_1():
    data = json.loads(PRETTY)
    result = parse_timeline(json.dumps(data), "m.json")
    assert result.ok
    assert {e.line for e in result.timeline.events} == {1}
    assert {c.line for e in result.timeline.events for c in e.citations} == {1}


def test_json_and_yaml_of_the_same_data_give_the_same_timeline():
    data = json.loads(PRETTY)
    from_yaml = parse_timeline(yaml.safe_dump(data, sort_keys=False), "x.yaml").timeline
    from_json = parse_timeline(json.dumps(data, indent=4), "x.json").timeline
    strip = without_lines
    assert strip(from_json) == strip(from_yaml)


def _event_json(**changes):
    event = {"id": "e1", "title": "T", "date": "1995", "lanes": ["A"], "kind": "other"}
    event["citations"] = [{"source": "s", "excerpt": "x"}]
    event.update(changes)
    return event


#: (the events, as JSON text of the "events" list on lines 3 and on, expected problems)
BAD_JSON = [
    (
        '[\n  {"id": "e1", "titel": "T", "date": "1995", "lanes": ["A"], "kind": "other", "citations": [{"source": "s", "excerpt": "x"}]}\n]',
        [
            "b.json:4:16: event 'e1': unknown key 'titel' (did you mean 'title'?); allowed: id, title, date, end, lanes, kind, countries, summary, citations, membership",
            "b.json:4:3: event 'e1': missing required key 'title'",
        ],
    ),
    (
        '[\n  {"id": "e1", "title": "T",\n   "date": "1995-13", "lanes": ["A"], "kind": "other", "citations": [{"source": "s", "excerpt": "x"}]}\n]',
        ["b.json:5:12: event 'e1' date: month 13 does not exist (01-12)"],
    ),
    (
        '[\n  {"id": "e1", "title": "T", "date": "1995", "lanes": ["A", "C"], "kind": "other", "citations": [{"source": "s", "excerpt": "x"}]}\n]',
        ["b.json:4:61: unknown lane 'C'; lanes are: A, B"],
    ),
    (
        '[\n  {"id": "e1", "title": "T", "date": "1995", "lanes": ["A"], "kind": "other",\n   "citations": [{"source": "s", "excerpt": "x"}, {"source": "q", "excerpt": "y"}]}\n]',
        ["b.json:5:62: event 'e1' cites unknown source 'q'"],
    ),
    (
        '[\n  {"id": "e1", "title": "T", "title": "U", "date": "1995", "lanes": ["A"], "kind": "other", "citations": [{"source": "s", "excerpt": "x"}]}\n]',
        ["b.json:4:30: event 'e1': key 'title' is given twice (first on line 4)"],
    ),
    (
        '[\n  {"id": "e1", "title": "T", "date": "1995", "lanes": ["A"], "kind": "other", "citations": [{"source": "s", "excerpt": "x"}]},\n'
        '  {"id": "e1", "title": "T", "date": "1995", "lanes": ["A"], "kind": "other", "citations": [{"source": "s", "excerpt": "x"}]}\n]',
        ["b.json:5:10: duplicate event id 'e1' (first on line 4)"],
    ),
    (
        '[\n  {"id": "e1",, "title": "T"}\n]',
        ["b.json:4:15: JSON syntax error: Expecting property name enclosed in double quotes"],
    ),
]


@pytest.mark.parametrize(("events", "expected"), BAD_JSON)
def test_json_problems_are_placed_at_file_line_column(events, expected):
    head = json.dumps(HEAD)[:-1]  # line 1: the head without its "}"
    text = f'{head},\n"events":\n{events}\n}}\n'  # line 2: "events", line 3: "[", the events from line 4
    result = parse_timeline(text, "b.json")
    assert not result.ok
    assert _messages(result) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "b.json:1:1: JSON syntax error: Expecting value"),
        (
            "[1, 2]",
            "b.json:1:1: the file is a list: expected a mapping with 'version', 'sources', 'lanes' and 'events'",
        ),
        ('{"version": 1} x', "b.json:1:16: JSON syntax error: Extra data"),
        ('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", "b.json:1:1: JSON nesting is too deep"),
    ],
)
def test_json_that_is_not_an_events_file(text, expected):
    result = parse_timeline(text, "b.json")
    assert [str(p) for p in result.problems] == [expected]


def test_a_byte_order_mark_is_allowed():
    assert parse_timeline(b"\xef\xbb\xbf" + PRETTY.encode(), "p.json").ok
    assert parse_timeline(b"\xef\xbb\xbf" + CSV.encode(), "p.csv").ok


def test_json_problems_say_what_yaml_problems_say():
    """The same mistake in YAML and JSON: the same words (only FILE:LINE:COL differ)."""
    event = _event_json(date="1995-02-30", kind="sumit")
    data = {**HEAD, "events": [event]}

    def words(result):
        return sorted(str(p).split(": ", 1)[1] for p in result.problems)

    from_json = parse_timeline(json.dumps(data), "x.json")
    from_yaml = parse_timeline(yaml.safe_dump(data), "x.yaml")
    assert words(from_json) == words(from_yaml)
    assert len(words(from_json)) == 2


# --- CSV -----------------------------------------------------------------------------------

CSV = (
    "id,title,date,end,lanes,kind,countries,summary,source,excerpt,locator,citation_date,source_2,excerpt_2\n"
    'a1,First,1992-05-15,,CSTO; CIS,treaty,Russia; Armenia,"Over\ntwo lines",s1,"a quote, with a comma",p. 1,1992,,\n'
    "a2,Second,1993,1994,CIS,summit,,,s1,another,,,s2,a second source\n"
    "\n"
    "a3,Third,1995-02,,Central Asia,other,,,s2,third,,,,\n"
)


def test_csv_reads_a_row_an_event_with_lanes_and_sources_made_from_its_values():
    result = parse_timeline(CSV, "t.csv")
    assert result.ok, _messages(result)
    timeline = result.timeline
    assert [(lane.id, lane.name, lane.color) for lane in timeline.lanes] == [
        ("CSTO", "CSTO", PALETTE[0]),
        ("CIS", "CIS", PALETTE[1]),
        ("Central-Asia", "Central Asia", PALETTE[2]),
    ]
    assert [(s.id, s.title) for s in timeline.sources] == [("s1", "s1"), ("s2", "s2")]
    first, second, third = timeline.events
    assert first.lanes == ("CSTO", "CIS") and first.countries == ("Russia", "Armenia")
    assert first.summary == "Over\ntwo lines"
    assert (first.citations[0].excerpt, first.citations[0].locator, str(first.citations[0].date)) == (
        "a quote, with a comma",
        "p. 1",
        "1992",
    )
    assert [(c.source, c.excerpt) for c in second.citations] == [("s1", "another"), ("s2", "a second source")]
    assert str(second.end) == "1994"
    assert third.lanes == ("Central-Asia",)
    # the line of each row in the file, counting the quoted cell over two lines and the blank line
    assert [e.line for e in timeline.events] == [2, 4, 6]
    assert [e.citations[0].line for e in timeline.events] == [2, 4, 6]


def _csv(*rows, header="id,title,date,end,lanes,kind,countries,summary,source,excerpt,locator,citation_date"):
    return "\n".join([header, *rows]) + "\n"


GOOD_ROW = "e1,T,1995,,A,other,,,s,x,,"
#: (the CSV text, the problems expected): each at the row's line and the column where its cell starts
BAD_CSV = [
    (_csv("e1,T,1995-13,,A,other,,,s,x,,"), ["b.csv:2:6: event 'e1' date: month 13 does not exist (01-12)"]),
    (_csv(GOOD_ROW, "e2,,1995,,A,other,,,s,x,,"), ["b.csv:3:4: event 'e2': missing required key 'title'"]),
    (
        _csv(GOOD_ROW, 'e2,"Two\nlines",1995,1994,A,other,,,s,x,,'),
        [
            "b.csv:3:4: warning: event 'e2' title should be one line; its line breaks are shown as spaces",
            "b.csv:4:13: event 'e2' end (1994) is before its date (1995)",
        ],
    ),
    (
        _csv("e1,T,1995,,A,sumit,,,s,x,,"),
        [
            "b.csv:2:14: event 'e1' kind 'sumit' is not one of founding, summit, treaty, membership, military, institutional, other (did you mean 'summit'?)"
        ],
    ),
    (_csv(GOOD_ROW, "e1,T,1995,,A,other,,,s,x,,"), ["b.csv:3:1: duplicate event id 'e1' (first on line 2)"]),
    (_csv("e1,T,1995,,A,other,,,s,,p. 4,"), ["b.csv:2:24: event 'e1' citation: missing required key 'excerpt'"]),
    (
        _csv("e1,T,1995,,A,other,,,s,x,,1995-02-30"),
        ["b.csv:2:27: event 'e1' citation date: day 30 does not exist in February 1995 (01-28)"],
    ),
    (_csv("e1,T,1995,,A,other,,,s,x,,,extra"), ["b.csv:2:28: row 2 has 13 cells; the header names 12 columns"]),
    (
        _csv(
            GOOD_ROW, header="id,title,date,end,lanes,kind,countries,summary,source,excerpt,locator,citation_date,notes"
        ),
        ["b.csv:1:85: warning: unknown column 'notes' (did you mean 'lanes'?); it is not read"],
    ),
    (
        _csv(GOOD_ROW, header="id,title,date,end,lanes,kind,countries,summary,source,exerpt,locator,citation_date"),
        [
            "b.csv:1:1: the header has no column 'excerpt'; see docs/data-format.md",
            "b.csv:1:55: warning: unknown column 'exerpt' (did you mean 'excerpt'?); it is not read",
        ],
    ),
    (
        _csv(GOOD_ROW, header="id,title,title,end,lanes,kind,countries,summary,source,excerpt,locator,citation_date"),
        [
            "b.csv:1:10: column 'title' is given twice",
            "b.csv:1:1: the header has no column 'date'; see docs/data-format.md",
        ],
    ),
    ("", ["b.csv:1:1: the file is empty: expected a header row naming the columns (see docs/data-format.md)"]),
    (_csv('e1,"T'), ["b.csv:2:1: CSV error: unexpected end of data"]),
    (_csv('e1,"T"x,1995,,A,other,,,s,x,,'), ["b.csv:2:1: CSV error: ',' expected after '\"'"]),
]


@pytest.mark.parametrize(("text", "expected"), BAD_CSV)
def test_csv_problems_are_placed_at_the_row_and_cell(text, expected):
    result = parse_timeline(text, "b.csv")
    assert _messages(result) == sorted(expected)


def test_csv_problems_say_what_yaml_problems_say():
    csv_result = parse_timeline(_csv("e1,T,1995-02-30,,A,sumit,,,s,x,,"), "x.csv")
    yaml_text = (
        'version: 1\nsources: {s: {title: s}}\nlanes: [{id: A, name: A, color: "#0072B2"}]\n'
        'events:\n  - {id: e1, title: T, date: "1995-02-30", lanes: [A], kind: sumit, citations: [{source: s, excerpt: x}]}\n'
    )
    yaml_result = parse_timeline(yaml_text, "x.yaml")

    def words(result):
        return sorted(str(p).split(": ", 1)[1] for p in result.problems)

    assert words(csv_result) == words(yaml_result)
    assert len(words(csv_result)) == 2


def test_csv_header_names_match_whatever_their_case_and_spacing():
    text = _csv(
        GOOD_ROW, header="ID, Title ,DATE,End,Lanes,Kind,Countries,Summary,Source,Excerpt,Locator,Citation Date"
    )
    result = parse_timeline(text, "c.csv")
    assert result.ok and not result.problems, _messages(result)


# --- TimelineJS --------------------------------------------------------------------------

TJS_HEADER = (
    "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,"
    "Media Credit,Media Caption,Media Thumbnail,Type,Group,Background"
)


def _tjs(*rows):
    return "\n".join([TJS_HEADER, *rows]) + "\n"


def test_timelinejs_rows_are_events_that_cite_the_table_itself():
    text = _tjs(
        ",,,,,,,,,My timeline,An introduction,,,,,title,,",
        "1992,5,15,,,,,,,Treaty signed,<p>The treaty</p>,,,,,,Politics,",
        "1993,,,,1994,2,,,,Talks,,,,,,,,",
        "1994,11,,,,,,,,Summit,Leaders met,,,,,,Politics,",
    )
    result = parse_timeline(text, "My table.csv")
    assert result.ok, _messages(result)
    timeline = result.timeline
    assert [(s.id, s.title) for s in timeline.sources] == [("My-table.csv", "My table.csv")]
    assert [(lane.id, lane.name) for lane in timeline.lanes] == [("Politics", "Politics"), ("Events", "Events")]
    treaty, talks, summit = timeline.events
    assert (treaty.id, treaty.title, str(treaty.date), treaty.summary, treaty.lanes, treaty.kind) == (
        "row-3",
        "Treaty signed",
        "1992-05-15",
        "<p>The treaty</p>",
        ("Politics",),
        "other",
    )
    assert (treaty.citations[0].source, treaty.citations[0].excerpt, treaty.citations[0].locator) == (
        "My-table.csv",
        "<p>The treaty</p>",
        "row 3",
    )
    assert (str(talks.date), str(talks.end), talks.lanes, talks.citations[0].excerpt) == (
        "1993",
        "1994-02",
        ("Events",),
        "Talks",
    )
    assert str(summit.date) == "1994-11"
    assert _messages(result) == [
        "My table.csv:2:1: warning: row 2 is the title slide of the TimelineJS template, not an event: it is not read"
    ]


def test_timelinejs_columns_the_timeline_cannot_show_are_named_once():
    text = _tjs("1992,5,15,,,,,,,Treaty,Text,http://example.org/a.png,,,,,,", "1993,,,,,,,,,Two,,http://x/b.png,,,,,,")
    result = parse_timeline(text, "t.csv")
    assert result.ok
    assert _messages(result) == [
        "t.csv:1:84: warning: column 'Media' is not read: the timeline has no place for it (first used on line 2)"
    ]


def test_timelinejs_with_our_citation_columns_cites_them():
    header = TJS_HEADER + ",source,excerpt,locator"
    row = "1992,5,,,,,,,,Treaty,Text,,,,,,,,doc,the treaty was signed,p. 3"
    result = parse_timeline(f"{header}\n{row}\n", "t.csv")
    assert result.ok, _messages(result)
    (event,) = result.timeline.events
    assert [(c.source, c.excerpt, c.locator) for c in event.citations] == [("doc", "the treaty was signed", "p. 3")]
    assert [s.id for s in result.timeline.sources] == ["doc"]


def test_timelinejs_problems_point_at_the_cells():
    result = parse_timeline(_tjs("1992,13,,,,,,,,Treaty,Text,,,,,,,", "1993,,,,,,,,,,,,,,,,,"), "t.csv")
    assert _messages(result) == [
        "t.csv:2:1: event 'row-2' date: month 13 does not exist (01-12)",
        "t.csv:3:14: event 'row-3': missing required key 'title'",
        "t.csv:3:15: event 'row-3' citation: missing required key 'excerpt'",
    ]


def test_a_table_file_on_disk_is_read_by_its_suffix(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(CSV, encoding="utf-8")
    result = load_timeline(path)
    assert result.ok and len(result.timeline.events) == 3
    path = tmp_path / "events.json"
    path.write_text(PRETTY, encoding="utf-8")
    assert load_timeline(path).ok
