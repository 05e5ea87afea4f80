"""Loading and validation: the bundled file, lenient scalars, and bad input as a table."""

import textwrap

import pytest

from conftest import DATA
from timeline_app.core.dates import Precision
from timeline_app.core.loader import load_timeline, parse_timeline


def test_bundled_file_loads(bundled):
    assert [lane.name for lane in bundled.lanes] == ["CIS", "CST/CSTO", "GUUAM", "SCO", "EurAsEC"]
    assert len(bundled.events) >= 15
    for lane in bundled.lanes:
        assert any(lane.id in e.lanes for e in bundled.events), f"lane {lane.id} has no events"
    assert [e.date.sort_key() for e in bundled.events] == sorted(e.date.sort_key() for e in bundled.events)
    assert bundled.event("cst-signed-1992").date.precision == Precision.DAY


def test_unquoted_dates_and_bare_years_load_as_meant():
    result = load_timeline(DATA / "tiny.yaml")
    assert result.ok, result.problems
    t = result.timeline
    assert str(t.event("day-event").date) == "1995-06-15"
    assert t.event("year-event").date.precision == Precision.YEAR
    assert str(t.event("year-event").date) == "1999"
    assert str(t.source("doc").date) == "2011-08"
    assert str(t.event("period-event").end) == "2005"
    assert t.event("year-event").sources_disagree()
    assert not t.event("day-event").sources_disagree()


HEAD = """\
version: 1
sources:
  doc: {title: T}
lanes:
  - {id: CIS, name: CIS, color: "#0072B2"}
events:
"""
EVENT = """\
  - id: e1
    title: An event
    date: "1992-05-15"
    lanes: [CIS]
    kind: treaty
    citations:
      - {source: doc, excerpt: "text"}
"""


def _problems(text):
    return [str(p) for p in parse_timeline(textwrap.dedent(text), "f.yaml").problems]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            HEAD + EVENT.replace('"1992-05-15"', '"1992-13-45"'),
            "f.yaml:9:11: event 'e1' date: month 13 does not exist (01-12)",
        ),
        (
            HEAD + EVENT.replace("kind: treaty", "kind: treety"),
            "f.yaml:11:11: event 'e1' kind 'treety' is not one of founding, summit, treaty, membership, military, institutional, other (did you mean 'treaty'?)",
        ),
        (
            HEAD + EVENT.replace("excerpt:", "exerpt:"),
            "f.yaml:13:23: event 'e1' citation: unknown key 'exerpt' (did you mean 'excerpt'?); allowed: source, excerpt, locator, date, end",
        ),
        (HEAD + EVENT.replace("[CIS]", "[SCO]"), "f.yaml:10:13: unknown lane 'SCO'; lanes are: CIS"),
        (
            HEAD + EVENT.replace("source: doc", "source: dog"),
            "f.yaml:13:18: event 'e1' cites unknown source 'dog' (did you mean 'doc'?)",
        ),
        (HEAD + EVENT + EVENT, "f.yaml:14:9: duplicate event id 'e1' (first on line 7)"),
        (
            HEAD + EVENT.replace("    kind: treaty\n", '    kind: treaty\n    end: "1990"\n'),
            "f.yaml:12:10: event 'e1' end (1990) is before its date (1992-05-15)",
        ),
        (HEAD + EVENT.replace("    title: An event\n", ""), "f.yaml:7:5: event 'e1': missing required key 'title'"),
        (HEAD + EVENT.replace('"text"', '""'), "f.yaml:13:32: event 'e1' citation excerpt is empty"),
        (HEAD + EVENT.replace('"text"', '"  "'), "f.yaml:13:32: event 'e1' citation excerpt is empty"),
        (HEAD + EVENT.replace("title: An event", "title: ' \t '"), "f.yaml:8:12: event 'e1' title is empty"),
        (HEAD + EVENT.replace("[CIS]", "[' ']"), "f.yaml:10:13: event 'e1' lane is empty"),
        (HEAD.replace("name: CIS,", "name: ' ',") + EVENT, "f.yaml:5:21: lane 'CIS' name is empty"),
        (
            HEAD.replace("version: 1", "version: 2") + EVENT,
            "f.yaml:1:10: this file is format version 2, newer than this app reads (1)",
        ),
        (HEAD + EVENT.replace("[CIS]", "[cis]"), "f.yaml:10:13: warning: lane 'cis' is spelled 'CIS' in lanes"),
        ("version: 1\nlanes: [\n", "f.yaml:3:1: YAML syntax error: did not find expected node content"),
        (
            HEAD + EVENT.replace('"1992-05-15"', "1999.0"),
            "f.yaml:9:11: event 'e1' date must be text or a whole number, not a number",
        ),
        (
            HEAD + EVENT.replace('"1992-05-15"', "5"),
            "f.yaml:9:11: event 'e1' date: 5 is not a year of four digits (write a date as YYYY, YYYY-MM or YYYY-MM-DD)",
        ),
        (
            HEAD.replace("version: 1", "version: 1.0") + EVENT,
            "f.yaml:1:10: version must be a whole number, not a number",
        ),
        ("version: &a [*a]\n", "f.yaml:1:1: an alias refers to a value that contains it; refusing to read the file"),
        (
            "x0: &a0 [1]\n" + "".join(f"x{i}: &a{i} [*a{i - 1}]\n" for i in range(1, 100)),
            "f.yaml:1:1: the file's aliases nest more than 64 levels deep; refusing to read it",
        ),
        ("", "f.yaml:1:1: the file is empty: expected 'version', 'sources', 'lanes' and 'events'"),
        (
            HEAD + "  - !!python/object/apply:os.system [echo hacked]\n",
            "f.yaml:7:5: the tag !!python/object/apply:os.system is not allowed: an events file holds plain data only",
        ),
    ],
)
def test_bad_input_gets_a_precise_message(text, expected):
    assert expected in _problems(text)


def test_all_problems_are_reported_at_once():
    text = HEAD + EVENT.replace("kind: treaty", "kind: treety").replace('"1992-05-15"', '"1992-13-45"')
    assert len(_problems(text)) == 2


def test_non_utf8_is_reported_with_its_offset(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes((HEAD + EVENT).encode().replace(b"An event", b"An \xe9vent"))
    problems = [str(p) for p in load_timeline(path).problems]
    assert len(problems) == 1 and "not UTF-8 text: byte 0xe9 at offset" in problems[0]
    assert problems[0].startswith(f"{path}:8:")


def test_missing_file_is_a_problem_not_an_exception(tmp_path):
    result = load_timeline(tmp_path / "nope.yaml")
    assert not result.ok and "cannot read file" in result.problems[0].message


def test_bundled_file_round_trips_through_to_dict(bundled):
    for event in bundled.events:
        data = event.to_dict()
        assert data["id"] == event.id and data["date"] == str(event.date)
        assert [c["excerpt"] for c in data["citations"]] == [c.excerpt for c in event.citations]


def test_short_citations():
    from timeline_app.core.dates import parse_date
    from timeline_app.core.model import Source

    assert Source("b", "Thesis", author="Janargul Borkoeva", date=parse_date("2011-08")).short() == "Borkoeva 2011"
    assert Source("r", "Article", publisher="RFE/RL", date=parse_date("2002-05-15")).short() == "RFE/RL, 15 May 2002"
    assert Source("m", "Monitor", publisher="The Jamestown Foundation").short() == "The Jamestown Foundation"


def test_eras_load_with_their_spans():
    import datetime as dt

    lane = load_timeline(DATA / "tiny.yaml").timeline.lane("A")
    assert [era.name for era in lane.eras] == ["Old Alpha", "New Alpha"]
    spans = lane.era_spans()
    assert spans[0][1:] == (dt.date(1994, 1, 1), dt.date(2001, 3, 1))
    assert spans[1][1:] == (dt.date(2001, 3, 1), None)


def test_era_problems_are_reported():
    text = (
        HEAD.replace(
            '  - {id: CIS, name: CIS, color: "#0072B2"}',
            textwrap.dedent("""\
      - id: CIS
        name: CIS
        color: "#0072B2"
        eras:
          - {name: X, date: "1999", end: "1995", citations: [{source: doc, excerpt: t}]}
          - {name: Y, date: "1992", citations: [{source: nope, excerpt: t}]}
    """),
        )
        + EVENT
    )
    problems = _problems(text)
    assert "f.yaml:9:36: lane 'CIS' era end (1995) is before its date (1999)" in problems
    assert "f.yaml:10:52: lane 'CIS' era cites unknown source 'nope'" in problems


def test_events_outside_1800_2100_are_a_warning():
    """Any year from 1800 to 2100 is shown (the span follows the data; tests/test_span.py)."""
    assert _problems(HEAD + EVENT.replace('"1992-05-15"', '"1985"')) == []
    problems = _problems(HEAD + EVENT.replace('"1992-05-15"', '"1750"'))
    assert (
        "f.yaml:9:11: warning: event 'e1' (1750) lies outside the years a timeline shows (1800 to 2100): "
        "it will not be visible" in problems
    )


def test_titles_are_one_line():
    result = parse_timeline(HEAD + EVENT.replace("title: An event", 'title: "Line one\\nLine two"'), "f.yaml")
    assert result.ok
    assert result.timeline.event("e1").title == "Line one Line two"
    assert "f.yaml:8:12: warning: event 'e1' title should be one line; its line breaks are shown as spaces" in [
        str(p) for p in result.problems
    ]


def test_an_event_before_its_lane_begins_is_a_warning():
    lane = '  - {id: CIS, name: CIS, color: "#0072B2", eras: [{name: The CIS, date: "1991-12-08", citations: [{source: doc, excerpt: t}]}]}'
    text = HEAD.replace('  - {id: CIS, name: CIS, color: "#0072B2"}', lane) + EVENT.replace('"1992-05-15"', '"1991-08"')
    result = parse_timeline(text, "f.yaml")
    assert result.ok
    assert "f.yaml:9:11: warning: event 'e1' (1991-08) is before lane 'CIS' begins (1991-12-08, 'The CIS')" in [
        str(p) for p in result.problems
    ]


def test_the_schema_is_a_valid_json_schema_and_matches_the_kinds():
    import jsonschema

    from timeline_app.core.model import KINDS
    from timeline_app.core.schema import load_schema

    schema = load_schema()
    jsonschema.validators.validator_for(schema).check_schema(schema)
    assert schema["$defs"]["event"]["properties"]["kind"]["enum"] == list(KINDS)
