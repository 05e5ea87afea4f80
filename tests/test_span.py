"""Any span from 1800 to 2100: the span comes from the data (or the file's `span:`), and the
axis, the zoom limits, Fit All, the overview, --from / --to and exports follow it.

Expected values are computed here from the calendar (datetime), not from core/span.py; positions
come from the plot's own axis and what is drawn from grabbed pixels (tests/picture.py)."""

import datetime as dt
import json
import os
import subprocess
import sys

import pytest
from picture import find_colour, grab, lane_band, wheel, widget_x
from PySide6 import QtCore, QtGui

from conftest import BUNDLED, DATA, LANES, ROOT
from timeline_app.core.dates import SECONDS_PER_DAY, day_to_epoch, epoch_to_day, marker_time, parse_date
from timeline_app.core.figure import FigureSpec
from timeline_app.core.loader import load_timeline, parse_timeline
from timeline_app.core.span import HOME_RANGE, MIN_SPAN, timeline_span
from timeline_app.core.state import Document, ViewState

SPAN = DATA / "span.yaml"  # 1955 (Warsaw Pact) to 2022 (CSTO in Kazakhstan), two lanes
COLOURS = {"pacts": "#0072B2", "csto": "#D55E00"}
WHEN = {"warsaw": "1955-05-14", "dissolved": "1991-07-01", "tashkent": "1992-05-15", "kazakhstan": "2022-01-06"}


def epoch(year, month=1, day=1):
    return float((dt.date(year, month, day) - dt.date(1970, 1, 1)).days * 86400)


def load(path):
    result = load_timeline(path)
    assert result.ok, result.problems
    return result.timeline


def axis_texts(view):
    """(time at the label's centre, text) of every tick label the date axis would draw now."""
    axis = view.date_axis
    image = QtGui.QImage(10, 10, QtGui.QImage.Format.Format_ARGB32)
    painter = QtGui.QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    texts = []
    for rect, _flags, text in specs[2] if specs else []:
        scene = axis.mapToScene(rect.center())
        texts.append((view.view_box.mapSceneToView(scene).x(), text))
    return sorted(texts)


@pytest.fixture
def make_view(qtbot):
    """A plot on a file (the view the window and the exports draw), sized and shown."""
    from timeline_app.render.view import TimelineView

    def make(path=SPAN, size=(1400, 700)):
        state = ViewState(Document(load(path)))
        view = TimelineView(state)
        qtbot.addWidget(view)
        view.resize(*size)
        view.show()
        qtbot.waitExposed(view)
        view.relayout()
        return view

    return make


# --- dates before 1970 -------------------------------------------------------------------------
@pytest.mark.parametrize("day", ["1800-01-01", "1899-12-31", "1900-03-01", "1969-12-31", "1970-01-01", "2100-12-31"])
def test_days_before_and_after_1970_go_to_seconds_and_back(day):
    date = dt.date.fromisoformat(day)
    seconds = day_to_epoch(date)
    assert seconds == (date - dt.date(1970, 1, 1)).days * 86400
    assert epoch_to_day(seconds) == date
    assert epoch_to_day(seconds + 86399) == date  # the last second of the day is still that day
    assert epoch_to_day(seconds - 1) == date - dt.timedelta(days=1)
    assert marker_time(parse_date(day)) == seconds + 43200


# --- the span, from the data and from the file ---------------------------------------------------
def test_the_bundled_file_opens_on_1991_2015_as_before(bundled):
    state = ViewState(Document(bundled))
    assert state.time_range == (epoch(1990, 9, 1), epoch(2016, 5, 1)) == HOME_RANGE
    assert state.span.limits == (epoch(1990), epoch(2017))
    assert bundled.span == (parse_date("1991"), parse_date("2015"))


def test_the_span_comes_from_the_events_when_the_file_declares_none():
    timeline = load(SPAN)
    assert timeline.span is None
    span = timeline_span(timeline)
    assert (span.first, span.last) == (dt.date(1955, 5, 14), dt.date(2022, 1, 6))
    home, limits = span.home, span.limits
    assert home[0] < epoch(1955, 5, 14) and home[1] > epoch(2022, 1, 7)
    assert limits[0] <= home[0] and limits[1] >= home[1]
    # the margins are small: within two years of the data on each side
    assert home[0] > epoch(1953, 5, 14) and home[1] < epoch(2024, 1, 7)


HEAD = """version: 1
sources:
  doc: {title: Doc}
lanes:
  - {id: A, name: Alpha, color: "#0072B2"}
"""
EVENT = """  - id: {id}
    title: An event
    date: "{date}"
    lanes: [A]
    kind: treaty
    citations: [{{source: doc, excerpt: "Text."}}]
"""


def events(*dates):
    return "events:\n" + "".join(EVENT.format(id=f"e{i}", date=d) for i, d in enumerate(dates))


def test_a_declared_span_is_honoured_and_widened_for_an_event_outside_it():
    result = parse_timeline(HEAD + "span: {from: 1900, to: 1950}\n" + events("1920-03-04"), "f.yaml")
    assert result.ok and result.problems == []
    span = timeline_span(result.timeline)
    assert (span.first, span.last) == (dt.date(1900, 1, 1), dt.date(1950, 12, 31))
    state = ViewState(Document(result.timeline))
    assert state.time_range[0] <= epoch(1900) and state.time_range[1] >= epoch(1951)
    assert state.time_range[0] > epoch(1899) and state.time_range[1] < epoch(1952)
    # an event after the declared span: a warning at its date, and the span holds it
    result = parse_timeline(HEAD + "span: {from: 1900, to: 1950}\n" + events("1920", "1960-06"), "f.yaml")
    assert [str(p) for p in result.problems] == [
        "f.yaml:16:11: warning: event 'e1' (1960-06) lies outside the file's span (1900 to 1950), "
        "which is widened to hold it"
    ]
    assert timeline_span(result.timeline).last == dt.date(1960, 6, 30)
    result = parse_timeline(HEAD + "span: {from: 1900, to: 1950}\n" + events("1890-02"), "f.yaml")
    assert "(1890-02) lies outside the file's span (1900 to 1950)" in str(result.problems[0])
    span = timeline_span(result.timeline)
    assert (span.first, span.last) == (dt.date(1890, 2, 1), dt.date(1950, 12, 31))


@pytest.mark.parametrize(
    ("span", "message"),
    [
        ("{from: 1950, to: 1940}", "f.yaml:6:24: span 'to' (1940) is before its 'from' (1950)"),
        (
            "{from: 1750, to: 1940}",
            "f.yaml:6:14: span 'from' (1750) is outside the years a timeline shows (1800 to 2100)",
        ),
        (
            "{from: 1950, to: 2101-01}",
            "f.yaml:6:24: span 'to' (2101-01) is outside the years a timeline shows (1800 to 2100)",
        ),
        ("{from: 1950-02-30}", "f.yaml:6:14: span 'from': day 30 does not exist in February 1950 (01-28)"),
        ("{until: 1950}", "f.yaml:6:8: span: unknown key 'until'; allowed: from, to"),
    ],
)
def test_a_bad_span_is_an_error_at_its_line(span, message):
    result = parse_timeline(HEAD + f"span: {span}\n" + events("1945"), "f.yaml")
    assert not result.ok
    assert [str(p) for p in result.problems if p.severity == "error"] == [message]


def test_an_event_outside_1800_2100_is_a_warning_and_left_out_of_the_span():
    result = parse_timeline(HEAD + events("1750-07-04", "1850"), "f.yaml")
    assert result.ok
    assert [str(p) for p in result.problems] == [
        "f.yaml:9:11: warning: event 'e0' (1750-07-04) lies outside the years a timeline shows (1800 to 2100): "
        "it will not be visible"
    ]
    span = timeline_span(result.timeline)
    assert (span.first, span.last) == (dt.date(1850, 1, 1), dt.date(1850, 12, 31))
    assert span.limits[0] >= epoch(1800)


# --- the plot --------------------------------------------------------------------------------
def test_1955_and_2022_are_both_visible_on_fit_all(make_view):
    view = make_view()
    view.state.set_time_range(epoch(2000), epoch(2001))
    view.state.fit_all()
    view.relayout()
    image = grab(view)
    left, right = 0, view.viewport().width()
    plot = view.view_box.sceneBoundingRect()
    plot_left, plot_right = view.mapFromScene(plot.topLeft()).x(), view.mapFromScene(plot.topRight()).x()
    for event_id, lane in (("warsaw", "pacts"), ("kazakhstan", "csto"), ("dissolved", "pacts"), ("tashkent", "csto")):
        x = widget_x(view, marker_time(parse_date(WHEN[event_id])))
        assert plot_left < x < plot_right and left < x < right, event_id
        top, bottom = lane_band(view, lane)
        hits = find_colour(image, COLOURS[lane], range(round(x) - 3, round(x) + 4), range(int(top), int(bottom)))
        assert hits, f"no {lane} glyph at {WHEN[event_id]}"


def test_cannot_zoom_out_past_the_span_nor_in_below_a_week(make_view):
    view = make_view()
    limits = view.state.span.limits
    middle = QtCore.QPoint(view.viewport().width() // 2, view.viewport().height() // 2)
    for _ in range(30):
        wheel(view, middle, -240)  # backwards: out
    start, end = view.time_range()
    assert (start, end) == pytest.approx(limits, abs=SECONDS_PER_DAY)
    assert view.state.time_range == pytest.approx(limits, abs=SECONDS_PER_DAY)
    assert start <= epoch(1955, 5, 14) and end >= epoch(2022, 1, 7)
    for _ in range(80):
        wheel(view, middle, 240)  # forwards: in
    start, end = view.time_range()
    assert end - start == pytest.approx(MIN_SPAN, rel=0.01)
    view.state.set_time_range(epoch(1700), epoch(1701))  # nothing before the span's limits
    assert view.state.time_range[0] == pytest.approx(limits[0])


@pytest.mark.parametrize(
    ("first", "last", "years"),
    [
        ((1800, 1, 1), (1831, 1, 1), set(range(1800, 1831))),
        ((1955, 1, 1), (1956, 1, 1), {1955}),
        ((2095, 1, 1), (2096, 1, 1), {2095}),
    ],
)
def test_the_axis_reads_the_right_years(make_view, first, last, years):
    path = DATA / "reach.yaml"
    view = make_view(path)
    view.state.set_time_range(epoch(*first), epoch(*last))
    view.relayout()
    texts = axis_texts(view)
    assert texts
    shown = {int(text[-4:]) for _, text in texts if text[-4:].isdigit()}
    assert shown and shown <= years, texts
    for seconds, text in texts:  # each label stands in the year (or month) it names
        day = epoch_to_day(seconds)
        if text.isdigit():
            assert abs(seconds - epoch(int(text))) < 400 * SECONDS_PER_DAY, (text, day)
        elif text[-4:].isdigit():  # a month's tick stands on its first day
            first = epoch_to_day(seconds + 3600)
            assert (first.year, first.day, first.strftime("%b")) == (int(text[-4:]), 1, text.split()[0]), text
    if years == {1955}:
        assert any(text.startswith("Jun") for _, text in texts), texts  # months, at this width


def test_a_month_in_1955_names_its_month_and_year(make_view):
    """May 1955 exactly: its 1st and June's stand at the ends, where no label is drawn, so the
    days name their month and year (else nothing on the axis would say which month it is)."""
    view = make_view(DATA / "reach.yaml")
    view.state.set_time_range(epoch(1955, 5, 1), epoch(1955, 6, 1))
    view.relayout()
    texts = [text for _, text in axis_texts(view)]
    assert texts and all(text.endswith("May 1955") for text in texts), texts


def test_a_week_in_1850_has_day_ticks_under_their_days(make_view):
    view = make_view(DATA / "reach.yaml")
    view.state.set_time_range(epoch(1850, 3, 3), epoch(1850, 3, 10))
    view.relayout()
    texts = axis_texts(view)
    # no 1st of a month in view: every day names its month and year, under its own day
    assert [t for _, t in texts] == [f"{day} Mar 1850" for day in range(3, 10)]
    for seconds, text in texts:
        assert epoch_to_day(seconds) == dt.date(1850, 3, int(text.split()[0]))


def test_the_axis_at_300_years_labels_round_years_without_overlap(make_view):
    view = make_view(DATA / "reach.yaml", size=(1920, 700))
    view.state.fit_all()
    assert view.state.time_range == pytest.approx((epoch(1800), epoch(2101)))
    view.relayout()
    texts = axis_texts(view)
    years = [int(t) for _, t in texts]
    assert years[0] <= 1825 and years[-1] >= 2075
    steps = {b - a for a, b in zip(years, years[1:], strict=False)}
    assert len(steps) == 1 and steps.pop() in (10, 25, 50)


# --- the overview strip --------------------------------------------------------------------------
def test_the_overview_strip_lays_out_the_data_span(qtbot, open_window):
    window = open_window(SPAN)
    strip = window.overview
    limits = window.state.span.limits
    left, right = strip.span_px()
    assert strip.x_of(limits[0]) == pytest.approx(left) and strip.x_of(limits[1]) == pytest.approx(right)
    warsaw = strip.x_of(epoch(1955, 5, 14))
    assert left < warsaw < left + (right - left) * 0.1
    assert "1952" in strip.accessibleDescription() or "1953" in strip.accessibleDescription()


# --- --from / --to and exports ---------------------------------------------------------------------
def run(*args):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    main = str(ROOT / "main.py")
    return subprocess.run([sys.executable, main, *map(str, args)], capture_output=True, text=True, env=env, timeout=120)


def test_from_1950_to_1960_exports_the_1950s(tmp_path):
    png, svg = tmp_path / "fifties.png", tmp_path / "fifties.svg"
    for out in (png, svg):
        result = run("--export", out, SPAN, "--from", "1950", "--to", "1960")
        assert result.returncode == 0, result.stderr
    image = QtGui.QImage(str(png))
    assert (image.width(), image.height()) == (1920, 1080)
    text = svg.read_text(encoding="utf-8")
    years = {int(y) for y in __import__("re").findall(r">\s*(1[89]\d\d|20\d\d)\s*<", text)}
    assert years and years <= set(range(1950, 1961)), years
    assert "Warsaw Pact signed" in text and "Kazakhstan" not in text


def test_from_1950_on_the_bundled_file_widens_its_span(tmp_path):
    out = tmp_path / "b.svg"
    result = run("--export", out, BUNDLED, "--from", "1950", "--to", "1960")
    assert result.returncode == 0, result.stderr
    years = {int(y) for y in __import__("re").findall(r">\s*(19\d\d|20\d\d)\s*<", out.read_text(encoding="utf-8"))}
    assert years and years <= set(range(1950, 1961)), years


def test_a_figure_of_the_1950s_shows_them(bundled):
    state = ViewState.for_figure(bundled, FigureSpec(start=epoch(1950), end=epoch(1961)))
    assert state.time_range == (epoch(1950), epoch(1961))


def test_list_prints_dates_before_1970():
    result = run("--list", "--format", "json", SPAN, "--to", "1960")
    assert result.returncode == 0, result.stderr
    assert [(e["id"], e["date"]) for e in json.loads(result.stdout)] == [("warsaw", "1955-05-14")]


def test_the_window_opens_on_the_data_and_go_to_reaches_1850(qtbot, open_window):
    window = open_window(SPAN)
    home = window.state.span.home
    assert window.view.time_range() == pytest.approx(home)
    assert home[0] < epoch(1955, 5, 14) and home[1] > epoch(2022, 1, 7)
    window.state.go_to(parse_date("1850"))  # beyond the data, within 1800-2100: the span widens
    assert window.state.time_range == pytest.approx((epoch(1850), epoch(1851)))
    assert window.view.time_range() == pytest.approx((epoch(1850), epoch(1851)))
    window.open_file(LANES)  # another file about other years opens on its home
    assert window.state.time_range == pytest.approx(HOME_RANGE)
    assert window.view.time_range() == pytest.approx(HOME_RANGE)
