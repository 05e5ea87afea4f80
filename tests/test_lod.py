"""Level of detail in the plot (pytest-qt, offscreen): crowded stretches of a lane are drawn as
density bands that count exactly the events they stand for, zooming in shows every glyph, a
click on a band zooms to its span, and an event inside a band can still be selected.

Expected counts come from the events' dates (computed here with datetime) mapped through the
plot's own axis (the view box's mapping), not from the view's arrays."""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import random

import numpy as np
import pytest
from picture import click, grab, lane_band, widget_x
from PySide6 import QtCore, QtGui

from timeline_app.core.dates import PartialDate, marker_time
from timeline_app.core.lanes_index import LaneCounts, lane_arrays, plan_lane
from timeline_app.core.model import KINDS, Citation, Event, Lane, Source, Timeline
from timeline_app.core.state import Document, ViewState
from timeline_app.render.view import TimelineView
from timeline_app.ui.detail_panel import DetailPanel

SIZE = (1200, 700)
LANES = (Lane("A", "Alpha", "#0072B2"), Lane("B", "Bravo", "#D55E00"), Lane("C", "Charlie", "#009E73"))
EPOCH = dt.date(1970, 1, 1)
DAY = 86400


def crowded_timeline(n: int = 6000, seed: int = 7) -> Timeline:
    """n events of every precision, most in lanes A and B (dense at full span), a few in C, and
    a burst of 400 days in lane A in October 2006 (dense at any zoom but the narrowest)."""
    rng = random.Random(seed)
    events = [
        Event(f"burst{i}", f"Burst {i}", PartialDate(2006, 10, rng.randint(1, 31)), ("A",), "summit", ())
        for i in range(400)
    ]
    for i in range(n):
        year, month, day = rng.randint(1992, 2014), rng.randint(1, 12), rng.randint(1, 28)
        date = rng.choice([PartialDate(year), PartialDate(year, month), PartialDate(year, month, day)])
        lane = "C" if i % 200 == 0 else rng.choice("AB")
        citation = Citation("s", "x", None, None)
        events.append(Event(f"e{i}", f"Event {i}", date, (lane,), rng.choice(KINDS), (citation,)))
    events = [e if e.citations else dataclasses.replace(e, citations=(Citation("s", "x", None, None),)) for e in events]
    events.sort(key=lambda e: e.date.sort_key())
    return Timeline((Source("s", "Synthetic"),), LANES, tuple(events))


def seconds(day: dt.date) -> float:
    return float((day - EPOCH).days * DAY)


def marker(event: Event) -> float:
    """Where an event's marker stands, computed here: the middle of its date's days."""
    date = event.date
    first = dt.date(date.year, date.month or 1, date.day or 1)
    if date.day is not None:
        last = first
    else:
        month = date.month or 12
        last = dt.date(date.year, month, calendar.monthrange(date.year, month)[1])
    return (seconds(first) + seconds(last) + DAY) / 2


def axis_range(view) -> tuple[float, float]:
    """The times at the plot's left and right edges, from the view box's own mapping."""
    vb = view.view_box
    rect = vb.boundingRect()
    left = vb.mapToView(QtCore.QPointF(rect.left(), 0)).x()
    right = vb.mapToView(QtCore.QPointF(rect.right(), 0)).x()
    return left, right


def in_lane(timeline: Timeline, lane: str, start: float, end: float, keep=lambda e: True) -> list[Event]:
    return [e for e in timeline.events if lane in e.lanes and start <= marker(e) < end and keep(e)]


def layer_x(view, seconds_: float) -> float:
    """The x of a time in the view box's pixels (where the layers draw)."""
    return view.view_box.mapFromView(QtCore.QPointF(seconds_, 0)).x()


@pytest.fixture
def timeline():
    return crowded_timeline()


@pytest.fixture
def plot(qtbot, timeline):
    state = ViewState(Document(timeline))
    state.visible_lanes = tuple(lane.id for lane in LANES)
    view = TimelineView(state)
    qtbot.addWidget(view)
    view.resize(*SIZE)
    view.show()
    qtbot.waitExposed(view)
    state.set_time_range(seconds(dt.date(1991, 6, 1)), seconds(dt.date(2015, 6, 1)))
    view.relayout()
    grab(view)
    return view


def markers_in_view(view, lane: str) -> list[float]:
    """The x (view box pixels) of each marker the lane's glyph layer draws inside the plot."""
    layer = view.glyph_layer(lane)
    width = view.view_box.width()
    return sorted(x for x, *_ in layer.markers + layer.dim_markers if 0 <= x < width)


def test_bands_count_exactly_the_events_they_stand_for(plot, timeline):
    start, end = axis_range(plot)
    for lane in ("A", "B", "C"):
        events = in_lane(timeline, lane, start, end)
        bands = plot.aggregates(lane)
        for band in bands:
            a = band.aggregate
            assert a.count == len(in_lane(timeline, lane, a.start, a.end)), (lane, a.start)
        counted = sum(band.aggregate.count for band in bands)
        assert counted + len(markers_in_view(plot, lane)) == len(events), lane
    assert len(plot.aggregates("A")) > 10  # 24 years of ~2,900 events a lane, a band a year: crowded
    assert plot.aggregates("C") == []  # thirty events: glyphs


def test_band_pixels_stand_where_the_axis_puts_their_span(plot):
    band = plot.aggregates("A")[3]
    assert band.rect.left() == pytest.approx(layer_x(plot, band.aggregate.start), abs=0.5)
    assert band.rect.right() == pytest.approx(layer_x(plot, band.aggregate.end), abs=0.5)
    image = grab(plot)
    top, bottom = lane_band(plot, "A")
    x = round(widget_x(plot, (band.aggregate.start + band.aggregate.end) / 2))
    column = [image.pixelColor(x + dx, y) for dx in range(-6, 7) for y in range(int(top), int(bottom))]
    assert any(c.blue() > 150 and c.red() < 60 for c in column)  # the lane's blue (#0072B2) columns


def test_zooming_in_until_sparse_shows_every_glyph(plot, timeline):
    state = plot.state
    state.set_time_range(seconds(dt.date(2003, 3, 1)), seconds(dt.date(2003, 3, 22)))
    plot.relayout()
    start, end = axis_range(plot)
    for lane in ("A", "B"):
        assert plot.aggregates(lane) == []
        expected = sorted(layer_x(plot, marker(e)) for e in in_lane(timeline, lane, start, end))
        assert expected, lane
        assert markers_in_view(plot, lane) == pytest.approx(expected, abs=0.01)


def test_every_glyph_when_level_of_detail_is_off(plot, timeline):
    plot.level_of_detail = False
    plot._on_matches()  # what a change of filters does: the lanes culled anew
    start, end = axis_range(plot)
    assert plot.aggregates("A") == []
    assert len(markers_in_view(plot, "A")) == len(in_lane(timeline, "A", start, end))


# a bare plot widget (no window around it) lets Qt say that nothing took the click it handled
@pytest.mark.qt_log_ignore("Mouse event .* not accepted by receiving widget")
def test_clicking_a_band_zooms_to_its_span_and_back_returns(qtbot, plot):
    state = plot.state
    before = state.time_range
    band = plot.aggregates("B")[4]
    span = (band.aggregate.start, band.aggregate.end)
    top, _bottom = lane_band(plot, "B")
    x = widget_x(plot, (span[0] + span[1]) / 2)
    y = plot.mapFromScene(plot.view_box.mapToScene(QtCore.QPointF(0, band.rect.center().y()))).y()
    assert top < y
    click(qtbot, plot, QtCore.QPointF(x, y))
    assert state.time_range == pytest.approx(span, abs=1.0)
    assert state.selected is None
    assert state.back()
    assert state.time_range == pytest.approx(before, abs=1.0)


def test_an_event_inside_a_band_shows_its_ring_label_and_details(qtbot, plot, timeline):
    state = plot.state
    band = plot.aggregates("A")[6]
    inside = in_lane(timeline, "A", band.aggregate.start, band.aggregate.end, lambda e: e.date.day is not None)
    event = inside[len(inside) // 2]
    panel = DetailPanel(state)
    qtbot.addWidget(panel)
    before = grab(plot)
    state.select(event.id)
    after = grab(plot)
    x = round(widget_x(plot, marker(event)))
    y = round(plot.mapFromScene(plot.view_box.mapToScene(QtCore.QPointF(0, plot.glyph_row("A")))).y())
    ring = QtGui.QColor(plot.theme.selection)
    changed = [
        (dx, dy)
        for dx in range(-12, 13)
        for dy in range(-12, 13)
        if before.pixelColor(x + dx, y + dy) != after.pixelColor(x + dx, y + dy)
        and abs(after.pixelColor(x + dx, y + dy).lightness() - ring.lightness()) < 60
    ]
    assert len(changed) > 10  # the ring, drawn over the band at the event's place
    assert any(key == event.id for _lane, key, _rect in plot.label_rects())
    assert event.title in panel.text()
    assert plot.events_at(plot.scene_pos_of(event.id)) == [event.id]


def test_no_label_for_an_event_inside_a_band(plot, timeline):
    for lane in ("A", "B"):
        spans = [(b.aggregate.start, b.aggregate.end) for b in plot.aggregates(lane)]
        labelled = [timeline.event(key) for label_lane, key, _rect in plot.label_rects() if label_lane == lane]
        assert not [e.id for e in labelled if any(a <= marker(e) < b for a, b in spans)]
    plot.state.set_time_range(seconds(dt.date(2003, 3, 1)), seconds(dt.date(2003, 3, 22)))
    plot.relayout()
    assert any(label_lane == "A" for label_lane, _key, _rect in plot.label_rects())  # glyphs have labels


@pytest.mark.parametrize("hide", [False, True])
def test_with_filters_bands_count_the_matches(plot, timeline, hide):
    state = plot.state
    state.set_filter_values("kinds", {"summit", "treaty"})
    state.set_hide_unmatched(hide)
    plot.relayout()
    start, end = axis_range(plot)

    def matches(e):
        return e.kind in {"summit", "treaty"}

    bands = plot.aggregates("A")
    assert bands
    for band in bands:
        a = band.aggregate
        assert a.matched == len(in_lane(timeline, "A", a.start, a.end, matches))
        assert a.column_matches.sum() == a.matched and a.columns.sum() == a.count
        assert a.count == len(in_lane(timeline, "A", a.start, a.end, matches if hide else lambda e: True))
    counted = sum(band.aggregate.count for band in bands)
    expected = in_lane(timeline, "A", start, end, matches if hide else lambda e: True)
    assert counted + len(markers_in_view(plot, "A")) == len(expected)
    assert ("of" in bands[0].text) != hide


def test_lane_arrays_agree_with_the_dates(timeline):
    arrays = lane_arrays(timeline)
    for lane in ("A", "B", "C"):
        lane_arrays_ = arrays[lane]
        events = [timeline.events[row] for row in lane_arrays_.rows]
        assert all(lane in e.lanes for e in events)
        assert len(events) == sum(lane in e.lanes for e in timeline.events)
        assert lane_arrays_.mid.tolist() == [marker_time(e.date) for e in events]
        instant = seconds(dt.date(2001, 7, 1))
        across = {
            i
            for i, e in enumerate(events)
            if (e.end is not None or e.date.day is None) and seconds(e.first_day) < instant < seconds(e.last_day) + DAY
        }
        assert set(lane_arrays_.bars_across(instant).tolist()) == across


def test_plan_counts_and_glyph_ranges_cover_the_range(timeline):
    arrays = lane_arrays(timeline)["A"]
    n = len(arrays)
    counts = LaneCounts.of(np.ones(n, dtype=bool), np.zeros(n, dtype=bool))
    start, end = seconds(dt.date(1995, 2, 10)), seconds(dt.date(2009, 11, 3))
    plan = plan_lane(arrays, counts, start, end, (end - start) / 900, margin_px=0)
    in_glyphs = sum(
        int(np.count_nonzero((arrays.mid[lo:hi] >= start) & (arrays.mid[lo:hi] < end))) for lo, hi in plan.glyphs
    )
    assert sum(a.count for a in plan.aggregates) + in_glyphs == int(
        np.count_nonzero((arrays.mid >= start) & (arrays.mid < end))
    )
    assert all(a.columns.sum() == a.count for a in plan.aggregates)


def test_a_lane_mixes_bands_and_glyphs_and_labels_keep_off_the_bands(plot, timeline):
    plot.state.set_time_range(seconds(dt.date(2006, 1, 1)), seconds(dt.date(2007, 6, 1)))
    plot.relayout()
    start, end = axis_range(plot)
    bands = plot.aggregates("A")
    months = [dt.date.fromtimestamp(b.aggregate.start + 43200).strftime("%Y-%m") for b in bands]
    assert "2006-10" in months and len(bands) < 4  # the burst (and the year-long events' crowd at mid-year)
    october = bands[months.index("2006-10")].aggregate
    assert october.count == len(in_lane(timeline, "A", october.start, october.end))
    assert october.count >= 400

    def alone(e):
        return not any(b.aggregate.start <= marker(e) < b.aggregate.end for b in bands)

    expected = sorted(layer_x(plot, marker(e)) for e in in_lane(timeline, "A", start, end, alone))
    assert len(expected) > 50
    assert markers_in_view(plot, "A") == pytest.approx(expected, abs=0.01)
    labels = [rect for lane, _key, rect in plot.label_rects() if lane == "A"]
    assert labels
    assert not [rect for rect in labels for b in bands if rect.intersects(b.rect)]


def test_hidden_events_are_neither_glyphs_nor_counted(plot, timeline):
    state = plot.state
    state.set_filter_values("kinds", {"summit"})
    state.set_hide_unmatched(True)
    state.set_time_range(seconds(dt.date(2003, 3, 1)), seconds(dt.date(2003, 4, 15)))
    plot.relayout()
    start, end = axis_range(plot)
    expected = sorted(
        layer_x(plot, marker(e)) for e in in_lane(timeline, "B", start, end, lambda e: e.kind == "summit")
    )
    assert plot.aggregates("B") == []
    assert markers_in_view(plot, "B") == pytest.approx(expected, abs=0.01)


def test_hovering_a_band_tells_its_count_and_span(plot, timeline):
    band = plot.aggregates("A")[2]
    centre = plot.view_box.mapToScene(band.rect.center())
    tip = plot.tooltip_at(centre)
    count = len(in_lane(timeline, "A", band.aggregate.start, band.aggregate.end))
    year = dt.date.fromtimestamp(band.aggregate.start + 43200).year
    assert f"{count:,} events" in tip and str(year) in tip
    assert band.text == f"{count:,}"
