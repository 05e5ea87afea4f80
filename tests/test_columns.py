"""A timeline's events as arrays (core/columns.py) and what reads them: the counts in the Filters
panel and the Lanes panel, the event list's order, the matches.

Every expected value is computed here from the events one by one (or from the file's YAML), not
through the arrays."""

import dataclasses
import datetime as dt
import random
from collections import Counter

import pytest
import yaml
from PySide6 import QtCore

from conftest import LANES
from timeline_app.core.browse import Aliases, Filters, country_counts, matching_mask
from timeline_app.core.columns import columns, date_order
from timeline_app.core.dates import PartialDate, marker_time
from timeline_app.core.loader import load_timeline
from timeline_app.core.model import KINDS, Citation, Event, Lane, Source, Timeline
from timeline_app.core.paths import resource

EPOCH = dt.date(1970, 1, 1)
Order = QtCore.Qt.SortOrder


def days(day: dt.date) -> int:
    return (day - EPOCH).days


def made_up(n: int = 300, seed: int = 3) -> Timeline:
    """Events of every precision, some periods, some citing two sources or one twice, some with
    dates that disagree, some in two lanes, countries in two spellings: in date order."""
    rng = random.Random(seed)
    lanes = tuple(Lane(lane, lane, "#0072B2") for lane in "ABCD")
    sources = (Source("s1", "One"), Source("s2", "Two"))
    events = []
    for i in range(n):
        year, month, day = rng.randint(1850, 2090), rng.randint(1, 12), rng.randint(1, 28)
        date = rng.choice([PartialDate(year), PartialDate(year, month), PartialDate(year, month, day)])
        end = PartialDate(year + rng.randint(0, 3), 2) if rng.random() < 0.2 else None
        cited = [Citation(rng.choice(["s1", "s2"]), "x", "", rng.choice([None, date, PartialDate(year - 1)]))]
        if rng.random() < 0.4:
            cited.append(Citation(rng.choice(["s1", "s2"]), "y", "", rng.choice([None, date, PartialDate(year + 2)])))
        countries = tuple(rng.sample(["Kyrgyzstan", "Kirghizstan", "Armenia", "Russia"], rng.randint(0, 2)))
        events.append(
            Event(
                f"e{i}",
                f"Title {rng.randint(0, 40)}",
                date,
                tuple(rng.sample("ABCD", rng.choice([1, 1, 2]))),
                rng.choice(KINDS[:3]),
                tuple(cited),
                end,
                countries,
            )
        )
    events.sort(key=lambda e: e.date.sort_key())
    return Timeline(sources, lanes, tuple(events))


@pytest.fixture(scope="module")
def timeline():
    return made_up()


# --- the arrays ------------------------------------------------------------------------------
def test_the_date_columns_are_each_events_days(timeline, bundled):
    for source in (timeline, bundled):
        table = columns(source)
        assert table.first_day.tolist() == [days(e.first_day) for e in source.events]
        assert table.last_day.tolist() == [days(e.last_day) for e in source.events]
        assert table.date_last_day.tolist() == [days(e.date.last_day) for e in source.events]
        assert table.mid.tolist() == [marker_time(e.date) for e in source.events]
        assert table.precision.tolist() == [int(e.date.precision) for e in source.events]
        assert table.end_year.tolist() == [(e.end or e.date).year for e in source.events]


def test_the_value_columns_are_each_events_values(timeline):
    table = columns(timeline)

    def per_event(codes):
        found = [[] for _ in timeline.events]
        for owner, code in zip(codes.owner.tolist(), codes.code.tolist(), strict=True):
            found[owner].append(codes.names[code])
        return found

    assert per_event(table.lanes) == [list(e.lanes) for e in timeline.events]
    assert per_event(table.kinds) == [[e.kind] for e in timeline.events]
    assert per_event(table.countries) == [list(e.countries) for e in timeline.events]
    assert [sorted(s) for s in per_event(table.sources)] == [
        sorted({c.source for c in e.citations}) for e in timeline.events
    ]
    assert table.disagree.tolist() == [e.sources_disagree() for e in timeline.events]
    assert table.disagree.any() and not table.disagree.all()
    assert table.row_of == {e.id: row for row, e in enumerate(timeline.events)}


def test_sources_a_timeline_does_not_list_get_codes_too():
    event = Event("x", "X", PartialDate(2000), ("A",), "other", (Citation("elsewhere", "x"), Citation("s", "y")))
    timeline = Timeline((Source("s", "S"),), (Lane("A", "A", "#000000"),), (event,))
    sources = columns(timeline).sources
    assert sorted(sources.names[c] for c in sources.code.tolist()) == ["elsewhere", "s"]


def test_the_columns_are_made_once_per_timeline(timeline):
    assert columns(timeline) is columns(timeline)
    copy = dataclasses.replace(timeline)
    assert columns(copy) is not columns(timeline)
    assert columns(copy).mid.tolist() == columns(timeline).mid.tolist()


def test_events_of_one_date_are_ordered_by_their_end():
    def ranks(events):
        timeline = Timeline(events=tuple(events))
        return [r.tolist() for r in date_order(*_date_arrays(timeline))]

    a, b = PartialDate(2001), PartialDate(2001, 1, 1)
    events = [
        Event("y", "y", a, ("A",), "other", ()),
        Event("long", "long", a, ("A",), "other", (), PartialDate(2005)),
        Event("short", "short", a, ("A",), "other", (), PartialDate(2002)),
        Event("z", "z", a, ("A",), "other", ()),
        Event("later", "later", b, ("A",), "other", ()),
    ]
    rank, place = ranks(events)
    assert place == [0, 3, 2, 1, 4]  # y, z, short, long, later
    assert rank == [1, 3, 2, 1, 4]


def _date_arrays(timeline):
    table = columns(timeline)
    return table.year, table.month, table.day, table.last_day


# --- the matches and the counts ------------------------------------------------------------------
def canonical_names():
    """Each spelling of resources/aliases.yaml (folded) -> its canonical name, read here."""
    data = yaml.safe_load(resource("aliases.yaml").read_text(encoding="utf-8"))
    names = {}
    for entry in data["names"]:
        for spelling in [entry["name"], *(a["spelling"] if isinstance(a, dict) else a for a in entry.get("also", []))]:
            names[spelling.casefold()] = entry["name"]
    return names


def test_country_counts_count_each_event_once_by_canonical_name(timeline):
    names = canonical_names()
    expected = Counter()
    for event in timeline.events:
        expected.update({names.get(c.casefold(), c) for c in event.countries})
    found = country_counts(timeline, Aliases.bundled())
    assert dict(found) == dict(expected)
    assert [name for name, _ in found] == sorted(expected, key=str.casefold)
    assert dict(found)["Kyrgyzstan"] < sum(
        c in ("Kyrgyzstan", "Kirghizstan") for e in timeline.events for c in e.countries
    )


@pytest.mark.parametrize(
    "filters",
    [
        Filters(countries=frozenset({"Kirghizstan"})),
        Filters(kinds=frozenset({KINDS[0], KINDS[2]})),
        Filters(sources=frozenset({"s2"})),
        Filters(precisions=frozenset({"month", "year"})),
        Filters(disagreements=True),
        Filters(countries=frozenset({"Armenia"}), precisions=frozenset({"day"})),
    ],
)
def test_the_mask_is_each_events_answer(timeline, filters):
    names = canonical_names()
    wanted = {names.get(c.casefold(), c) for c in filters.countries}
    precision = {1: "year", 2: "month", 3: "day"}

    def keep(event):
        return (
            (not wanted or any(names.get(c.casefold(), c) in wanted for c in event.countries))
            and (not filters.kinds or event.kind in filters.kinds)
            and (not filters.sources or any(c.source in filters.sources for c in event.citations))
            and (not filters.precisions or precision[int(event.date.precision)] in filters.precisions)
            and (not filters.disagreements or event.sources_disagree())
        )

    mask = matching_mask(timeline, filters, aliases=Aliases.bundled())
    assert mask.tolist() == [keep(e) for e in timeline.events]


# --- the window ----------------------------------------------------------------------------------
def panel_counts(value_list):
    """{value: the number its row shows} of a list of the Filters panel."""
    found = {}
    for item in value_list.all_items():
        text = item.text()
        found[item.data(QtCore.Qt.ItemDataRole.UserRole)] = int(text[text.rindex("(") + 1 : -1])
    return found


def test_the_filters_panel_counts_what_the_file_holds(open_window):
    window = open_window(LANES)
    data = yaml.safe_load(LANES.read_text(encoding="utf-8"))
    events = data["events"]
    names = canonical_names()
    panel = window.filter_panel
    countries = Counter(n for e in events for n in {names.get(c.casefold(), c) for c in e.get("countries", [])})
    assert panel_counts(panel.countries) == dict(countries)
    assert panel_counts(panel.kinds) == dict(Counter(e["kind"] for e in events))
    cited = Counter(s for e in events for s in {c["source"] for c in e["citations"]})
    assert panel_counts(panel.sources) == {s: cited[s] for s in data["sources"]}
    precision = Counter({1: "year", 2: "month", 3: "day"}[len(str(e["date"]).split("-"))] for e in events)
    assert panel_counts(panel.precisions) == {p: precision[p] for p in ("day", "month", "year")}
    lanes = window.lane_panel.list
    texts = [lanes.item(row).text() for row in range(lanes.count())]
    assert texts == [f"{lane['name']}  ({sum(lane['id'] in e['lanes'] for e in events)})" for lane in data["lanes"]]


def test_the_list_sorts_ties_in_date_order_both_ways(qtbot, tmp_path, open_window):
    """Sorted by kind (many ties), up and down: each kind's events stay in date order."""
    from timeline_app.ui.event_list import KIND

    window = open_window(LANES)
    model = window.event_list.model
    shown = load_timeline(LANES).timeline.events  # in date order
    for order, descending in ((Order.AscendingOrder, False), (Order.DescendingOrder, True)):
        window.event_list.table.sortByColumn(KIND, order)
        ids = model.event_ids()
        kinds = sorted({e.kind for e in shown}, reverse=descending)
        assert ids == [e.id for kind in kinds for e in shown if e.kind == kind]
    window.state.set_filter_values("kinds", {shown[0].kind})  # a filter keeps the sort
    assert model.event_ids() == [e.id for e in shown if e.kind == shown[0].kind]
    assert [model.row_of(e.id) for e in shown if e.kind == shown[0].kind] == list(range(model.rowCount()))
    assert model.row_of(next(e.id for e in shown if e.kind != shown[0].kind)) is None
