"""Filters over a timeline: lanes, whole partial dates, text, countries."""

import pytest

from conftest import DATA
from timeline_app.core.browse import Filters
from timeline_app.core.dates import parse_date
from timeline_app.core.loader import load_timeline
from timeline_app.core.query import LaneError, filter_events, resolve_lanes, sources_of


@pytest.fixture(scope="module")
def tiny():
    return load_timeline(DATA / "tiny.yaml").timeline


def ids(events):
    return [e.id for e in events]


def test_lanes(tiny):
    assert ids(filter_events(tiny, ["A"])) == ["day-event", "same-day-event", "year-event"]
    assert ids(filter_events(tiny, ["B"])) == ["year-event", "period-event", "html-event"]


def test_date_range_uses_whole_partial_dates(tiny):
    # a year-precise event overlaps any range that touches its year
    assert ids(filter_events(tiny, start=parse_date("1999-12"), end=parse_date("2000"))) == ["year-event"]
    # --to 1995 reaches the end of 1995
    assert ids(filter_events(tiny, end=parse_date("1995"))) == ["day-event", "same-day-event"]
    # a period overlaps from its start to the end of its end
    assert ids(filter_events(tiny, start=parse_date("2005-12-31"), end=parse_date("2006"))) == ["period-event"]
    assert ids(filter_events(tiny, start=parse_date("2011"))) == []


def test_text_and_countries(tiny):
    assert ids(filter_events(tiny, filters=Filters(text="SUMMIT"))) == ["same-day-event", "year-event"]
    assert ids(filter_events(tiny, filters=Filters(countries=frozenset({"armenia"})))) == ["day-event"]


def test_resolve_lanes_by_id_or_name_in_display_order(tiny):
    assert resolve_lanes(tiny, ["beta", "a"]) == ["A", "B"]
    with pytest.raises(LaneError, match="unknown lane 'Gamma'; lanes are: A, B"):
        resolve_lanes(tiny, ["Gamma"])


def test_sources_of(tiny):
    assert sources_of(tiny, tiny.events) == ["doc"]


def test_a_filtered_copy_leaves_the_original_lookups_alone(tiny):
    import dataclasses

    subset = dataclasses.replace(tiny, events=tiny.events[:1])
    assert subset.event("html-event") is None
    assert tiny.event("html-event") is not None and tiny.event("html-event").title.startswith("<b>Bold")
    assert tiny.event(tiny.events[0].id) is subset.event(tiny.events[0].id)
