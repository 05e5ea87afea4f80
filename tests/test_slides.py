"""Slides that read from the back of the room: slide units, text sizes, whole titles, lane heights."""

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6 import QtCore, QtGui

from conftest import BUNDLED, LANES
from timeline_app.core.dates import day_to_epoch, parse_date
from timeline_app.core.figure import SIZE_PRESETS, FigureSpec
from timeline_app.core.loader import load_timeline, parse_timeline
from timeline_app.render.compose import Figure
from timeline_app.render.export import render_image

pytestmark = pytest.mark.usefixtures("qapp")  # figures are drawn with Qt


def span(first, last):
    return day_to_epoch(parse_date(first).first_day), day_to_epoch(parse_date(last).last_day) + 86400


@pytest.fixture(scope="module")
def lanes():
    return load_timeline(LANES).timeline


@pytest.fixture(scope="module")
def bundled_timeline():
    return load_timeline(BUNDLED).timeline


def figure_of(timeline, **options):
    return Figure(timeline, FigureSpec(**options))


def labels_of(figure):
    """{event id: DrawnLabel} of a laid-out figure."""
    return {label.key: label for label in figure.view.label_layer.labels}


# --- the two goals, on the bundled data ----------------------------------------------
def test_the_2000_2004_slide_of_two_lanes_shortens_no_label_and_leaves_none_out(bundled_timeline):
    start, end = span("2000", "2004")
    figure = figure_of(bundled_timeline, start=start, end=end, lanes=("CSTO", "SCO"))
    try:
        labels = figure.view.label_layer.labels
        in_view = {
            e.id
            for e in bundled_timeline.events
            if {"CSTO", "SCO"} & set(e.lanes) and start <= day_to_epoch(e.first_day) < end
        }
        assert {label.key for label in labels} >= in_view  # every event starting in view is labelled
        assert [label.key for label in labels if label.shortened] == []
        assert figure.view.unlabelled() == 0
        for label in labels:  # whole: the title itself, on one line or broken at a space
            assert label.text.replace("\n", " ") == bundled_timeline.event(label.key).title
    finally:
        figure.close()


def test_the_full_span_slide_shortens_at_most_15_labels(bundled_timeline):
    figure = figure_of(bundled_timeline)
    try:
        shortened = [label for label in figure.view.label_layer.labels if label.shortened]
        assert len(shortened) <= 15
        for label in shortened:  # a shortened label says so, and starts as its title does
            title = bundled_timeline.event(label.key).title
            assert label.text.endswith("\u2026") and title.startswith(label.text[:-1].rstrip())
    finally:
        figure.close()


# --- slide units: the same figure at every size, only sharper --------------------------------
def test_720p_1080p_and_4k_are_the_same_figure(lanes):
    layouts = []
    for preset in ("720p", "1080p", "4k"):
        width, height = SIZE_PRESETS[preset]
        figure = figure_of(lanes, width=width, height=height, selected="disputed-event", title="A slide")
        try:
            assert (figure.width, figure.height) == (1920, 1080)
            labels = sorted((d.key, d.text, d.rect.getRect()) for d in figure.view.label_layer.labels)
            layouts.append((labels, figure.layout.plot.getRect(), figure.layout.callout.getRect()))
        finally:
            figure.close()
    assert layouts[0] == layouts[1] == layouts[2]


def test_a_4k_image_is_the_1080p_image_twice_as_sharp(lanes):
    small = render_image(lanes, FigureSpec(1920, 1080, title="Sharp"))
    large = render_image(lanes, FigureSpec(3840, 2160, title="Sharp"))
    down = large.scaled(
        1920, 1080, QtCore.Qt.AspectRatioMode.IgnoreAspectRatio, QtCore.Qt.TransformationMode.SmoothTransformation
    )
    differences = [
        abs(QtGui.qGray(small.pixel(x, y)) - QtGui.qGray(down.pixel(x, y)))
        for x in range(0, 1920, 7)
        for y in range(0, 1080, 7)
    ]
    assert sum(differences) / len(differences) < 6  # the same picture (antialiasing differs)
    assert sum(d > 128 for d in differences) / len(differences) < 0.01


def ink_rows(image, rect):
    """The rows of `rect` (output pixels) that hold text ink (dark on the light slide)."""
    rows = []
    for y in range(int(rect.top()), int(rect.bottom()) + 1):
        if any(QtGui.qGray(image.pixel(x, y)) < 110 for x in range(int(rect.left()), int(rect.right()))):
            rows.append(y)
    return rows


@pytest.mark.parametrize("preset", ["720p", "1080p", "4k"])
def test_label_and_source_text_are_big_enough_to_read_from_the_back(lanes, preset):
    width, height = SIZE_PRESETS[preset]
    spec = FigureSpec(width, height)
    figure = Figure(lanes, spec)
    try:
        unit = figure.unit
        em = {  # font sizes in output pixels (96 dpi: a point is 4/3 of a pixel)
            "label": QtGui.QFontInfo(figure.view.label_layer.font).pointSizeF() * 4 / 3 * unit,
            "axis": figure.theme.axis_pt * 4 / 3 * unit,
            "source": figure.theme.footer_pt * 4 / 3 * unit,
        }
        assert em["label"] >= height / 50 and em["axis"] >= height / 50
        assert em["source"] >= height / 70
        # and on the picture: the ink of a label's letters (ascenders to descenders) is most of its em
        image = render_image(lanes, spec)
        origin, vb = figure.plot_origin(), figure.view.view_box
        label = max(figure.view.label_layer.labels, key=lambda d: d.rect.width() if "\n" not in d.text else 0)
        rect = vb.mapRectToScene(label.rect).translated(origin)
        rows = ink_rows(image, QtCore.QRectF(rect.topLeft() * unit, rect.bottomRight() * unit))
        assert rows and rows[-1] - rows[0] + 1 >= 0.8 * height / 50
    finally:
        figure.close()


# --- whole titles ----------------------------------------------------------------------------------
LONG = """
version: 1
sources:
  s: {title: A source}
lanes:
  - {id: A, name: Alpha, color: "#0072B2"}
  - {id: B, name: Beta, color: "#D55E00"}
events:
"""


def crowded(n_a, n_b, title_words=7):
    """A file with n_a events in lane A (a month apart) and n_b in lane B, long titles."""
    lines = [LONG]
    for lane, n in (("A", n_a), ("B", n_b)):
        for i in range(n):
            year, month = 2000 + i // 12, 1 + i % 12
            title = " ".join(f"word{lane}{i}x{k}" for k in range(title_words))
            lines.append(
                f'  - {{id: {lane.lower()}{i}, title: "{title}", date: "{year}-{month:02d}-15", lanes: [{lane}],'
                f' kind: summit, citations: [{{source: s, excerpt: "x"}}]}}\n'
            )
    result = parse_timeline("".join(lines))
    assert result.ok, result.problems
    return result.timeline


def test_a_lane_with_more_to_label_gets_more_of_the_height_in_a_slide():
    timeline = crowded(20, 2)
    start, end = span("2000", "2003")
    by_content = figure_of(timeline, start=start, end=end)
    equal = figure_of(timeline, start=start, end=end, lane_heights="equal")
    try:
        a, b = by_content.view.lane_rect("A"), by_content.view.lane_rect("B")
        assert a.height() > 2 * b.height()
        ea, eb = equal.view.lane_rect("A"), equal.view.lane_rect("B")
        assert ea.height() == pytest.approx(eb.height(), abs=1)
        assert equal.view.unlabelled() > 0 and by_content.view.unlabelled() == 0
        assert not any(d.shortened for d in by_content.view.label_layer.labels)
        assert a.bottom() <= b.top() + 0.5 and b.bottom() <= by_content.view.view_box.height() + 0.5
    finally:
        by_content.close()
        equal.close()


def test_a_title_wraps_onto_two_lines_before_it_is_shortened():
    timeline = crowded(6, 1, title_words=8)
    start, end = span("2000", "2000-06")
    figure = figure_of(timeline, width=1280, height=720, start=start, end=end, lane_heights="equal")
    try:
        labels = figure.view.label_layer.labels
        wrapped = [label for label in labels if "\n" in label.text]
        assert wrapped, [label.text for label in labels]
        row = figure.view._label_metrics.height() + 3
        for label in wrapped:
            assert label.text.replace("\n", " ") == timeline.event(label.key).title
            assert label.rect.height() == pytest.approx(2 * row - 3)
    finally:
        figure.close()


def test_the_selected_label_is_never_shortened(qtbot, open_window):
    # in the window at 1280x720, over the whole span, some labels are cut short; clicking one
    # selects its event, whose label then shows the whole title (on one line or two)
    window = open_window(size=(1280, 720))
    view = window.view
    view.relayout()
    squeezed = [label for label in view.label_layer.labels if label.shortened]
    assert squeezed
    for label in squeezed[:3]:
        view.relayout()  # as the window was: the others' labels placed without a selection
        drawn = {d.key: d for d in view.label_layer.labels}
        scene = view.view_box.mapToScene(drawn[label.key].rect.center())
        qtbot.mouseClick(view.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=view.mapFromScene(scene))
        assert window.state.selected == label.key
        selected = next(d for d in view.label_layer.labels if d.key == label.key)
        assert selected.selected and not selected.shortened
        assert selected.text.replace("\n", " ") == window.state.timeline.event(label.key).title
        assert_labels_apart(view)
        window.state.select(None)


def test_unlabelled_counts_are_left_off_figures(lanes):
    figure = figure_of(lanes, width=800, height=450)
    try:
        assert figure.view.unlabelled() > 0  # some events have no label...
        assert all(header.note == "" for header in figure.view.lane_axis.headers)  # ...and no note says so
    finally:
        figure.close()


# --- no overlaps, no crossings, at random sizes and data (Hypothesis) ---------------------------
def assert_labels_apart(view):
    """No two labels overlap; no leader crosses a label; every label inside its lane."""
    labels = view.label_layer.labels
    width = view.view_box.width()
    for label in labels:
        lane = view.lane_rect(label.lane)
        assert -0.5 <= label.rect.left() and label.rect.right() <= width + 0.5
        assert lane.top() - 0.5 <= label.rect.top() and label.rect.bottom() <= lane.bottom() + 0.5
    for a, b in itertools.permutations(labels, 2):
        assert not a.rect.intersects(b.rect), (a.key, b.key)
        if a.lane == b.lane:  # b's leader: down from its glyph at anchor_x to the middle of b
            leader = QtCore.QRectF(b.anchor_x - 0.5, b.glyph_bottom, 1, b.rect.center().y() - b.glyph_bottom)
            assert not leader.intersects(a.rect.adjusted(1, 1, -1, -1)), (a.key, b.key)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    n_a=st.integers(1, 30),
    n_b=st.integers(0, 12),
    words=st.integers(1, 9),
    size=st.sampled_from([(1280, 720), (1920, 1080), (800, 600), (1000, 1800), (3840, 2160)]),
    heights=st.sampled_from(["content", "equal"]),
    months=st.integers(1, 40),
)
def test_labels_never_overlap_or_cross_at_random_sizes_and_data(qapp, n_a, n_b, words, size, heights, months):
    timeline = crowded(n_a, n_b, title_words=words)
    start = day_to_epoch(parse_date("2000-01").first_day)
    figure = figure_of(
        timeline, width=size[0], height=size[1], start=start, end=start + months * 30.5 * 86400, lane_heights=heights
    )
    try:
        assert_labels_apart(figure.view)
        assert sum(figure.view.lane_rect(lane).height() for lane in ("A", "B")) <= figure.view.view_box.height() + 1
    finally:
        figure.close()


# --- the window ---------------------------------------------------------------------------------------
def test_clicking_unlabelled_zooms_in_to_show_them(qtbot, open_window):
    window = open_window(size=(1280, 720))
    view = window.view
    view.relayout()
    with_labels = {label.lane for label in view.label_layer.labels}  # lanes with room for labels
    lane = max(with_labels, key=view.hidden_label_count)
    before_hidden = set(view._lanes[lane].hidden_keys)
    before = window.state.time_range
    assert before_hidden
    view.grab()  # painted: the note is where the axis drew it
    note = view.lane_axis.note_rect(lane)
    assert note is not None
    scene = view.lane_axis.mapToScene(note.center())
    qtbot.mouseClick(view.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=view.mapFromScene(scene))
    after = window.state.time_range
    assert after[1] - after[0] < before[1] - before[0]  # zoomed in
    view.relayout()
    labelled = {label.key for label in view.label_layer.labels}
    assert labelled & before_hidden  # some of those it counted now have their label
    assert window.state.can_go_back()  # one step back returns


def test_view_lane_heights_by_content_is_a_remembered_choice(qtbot, open_window):
    window = open_window(size=(1280, 720))
    view = window.view
    assert view.lane_heights == "equal"
    heights = {lane: view.lane_rect(lane).height() for lane in view.visible_lanes}
    assert max(heights.values()) - min(heights.values()) < 1
    window.lane_heights_actions["content"].trigger()
    assert view.lane_heights == "content"
    heights = {lane: view.lane_rect(lane).height() for lane in view.visible_lanes}
    assert max(heights.values()) - min(heights.values()) > 5
    assert_labels_apart(view)
    window.close()
    again = open_window(size=(1280, 720))
    assert again.view.lane_heights == "content" and again.lane_heights_actions["content"].isChecked()


@pytest.mark.parametrize(
    "first, last", [("1991-10", "1992-03"), ("2001-05", "2001-07"), ("1999", "2002"), ("2001-05-01", "2001-05-20")]
)
@pytest.mark.parametrize("width", [1280, 1920])
def test_date_axis_labels_of_a_slide_never_overlap(lanes, first, last, width):
    """The day numbers keep clear of the month and year names (a slide's axis type is large)."""
    start, end = span(first, last)
    figure = figure_of(lanes, width=width, height=width * 9 // 16, start=start, end=end)
    try:
        axis = figure.view.date_axis
        size = figure.view.view_box.width()
        metrics = QtGui.QFontMetricsF(axis.style["tickFont"])
        boxes = []
        for spacing, values in axis.tickValues(start, end, size):
            for value, text in zip(values, axis.tickStrings(values, 1.0, spacing), strict=True):
                x = (value - start) / (end - start) * size
                half = metrics.horizontalAdvance(text) / 2
                boxes.append((x - half, x + half, text))
        boxes.sort()
        assert len(boxes) >= 3
        for (_l1, r1, t1), (l2, _r2, t2) in zip(boxes, boxes[1:], strict=False):
            assert r1 <= l2, f"{t1!r} and {t2!r} overlap"
    finally:
        figure.close()


def test_the_presentation_card_stands_where_it_hides_the_fewest_labels_and_glyphs(qtbot, open_window):
    window = open_window(size=(1280, 720))
    view = window.view
    window.present_action.trigger()  # full screen: the offscreen screen is 800 x 800
    window.state.set_visible_lanes(("B", "E"))

    def hidden(card, labels):
        return sum(
            card.intersected(label).width() * card.intersected(label).height()
            for label in labels
            if card.intersects(label)
        )

    better = 0
    for event_id in [e.id for e in window.state.timeline.events if {"B", "E"} & set(e.lanes)]:
        window.state.select(event_id)
        view.relayout()
        qtbot.wait(1)  # the card settles once the labels of the view are placed
        card = QtCore.QRectF(window.card.geometry())
        box = view.view_box
        marker = view.theme.marker_px
        shown = [rect for _lane, _key, rect in view.label_rects()]  # labels, and each lane's glyph line
        for lane in ("B", "E"):  # each lane's era names and glyph line, from its top
            top = view.lane_rect(lane).top()
            shown.append(QtCore.QRectF(0, top, box.width(), view.glyph_row(lane) + marker - top))
        labels = [QtCore.QRectF(view.mapFromScene(box.mapRectToScene(rect)).boundingRect()) for rect in shown]
        corner = QtCore.QRectF(
            view.width() - card.width() - 24, view.height() - card.height() - 64, card.width(), card.height()
        )
        assert hidden(card, labels) <= hidden(corner, labels), event_id  # never worse than the fixed corner
        better += hidden(card, labels) < hidden(corner, labels)
    assert better  # and somewhere better: it moved off labels the corner would have hidden
    window.set_presentation(False)
