"""The plot scrolls when the lanes and their member rows do not fit (pytest-qt, offscreen).

A crowded file (five lanes of eight members each, as many rows as the bundled data shows) at
1280x720 with the Event List docked: rows keep a readable height, a scroll bar appears beside
the plot, Shift+wheel, the wheel over the lane names and the keys scroll the lanes (glyphs,
headers and hit testing together; the date axis stays), a selection out of view is scrolled
to, and nothing scrolls where everything fits or in an export. Positions come from the plot's
own axis and the pixels grabbed, not from the view's hit testing."""

import pytest
from picture import click, grab, noon, widget_x
from PySide6 import QtCore, QtGui, QtWidgets

from timeline_app.core.figure import FigureSpec
from timeline_app.core.loader import load_timeline
from timeline_app.render.compose import Figure

SIZE = (1280, 720)
LANES = (("L1", "Lima", "#0072B2"), ("L2", "Mike", "#D55E00"), ("L3", "November", "#009E73"))
LANES += (("L4", "Oscar", "#CC79A7"), ("L5", "Papa", "#E69F00"))
COUNTRIES = ("Armenia", "Belarus", "Georgia", "Kazakhstan", "Moldova", "Russia", "Tajikistan", "Ukraine")
LEAST_ROW_PX, LEAST_NAME_PT = 11.0, 7.5  # readable at 100 % scale
SHIFT, NONE = QtCore.Qt.KeyboardModifier.ShiftModifier, QtCore.Qt.KeyboardModifier.NoModifier


def crowded_yaml() -> str:
    """Five lanes, each founded by eight countries in 1995 and with a few more events."""
    lines = ["version: 1", "sources:", '  s: {title: "Source", author: "Ann Author", date: "2012"}', "lanes:"]
    for lane, name, colour in LANES:
        lines.append(f'  - {{id: {lane}, name: "{name}", color: "{colour}"}}')
    lines.append("events:")
    for number, (lane, name, _colour) in enumerate(LANES):
        members = ", ".join(COUNTRIES)
        lines += [
            f"  - id: {lane.lower()}-founded",
            f'    title: "{name} founded"',
            f'    date: "1995-0{number + 1}-10"',
            f"    lanes: [{lane}]",
            "    kind: founding",
            f"    countries: [{members}]",
            f'    citations: [{{source: s, excerpt: "{name} was founded by eight", locator: "p. {number + 1}"}}]',
            "    membership:",
            *(f"      - {{country: {country}, change: founding}}" for country in COUNTRIES),
        ]
        for year in (2000, 2005, 2010):
            lines += [
                f"  - id: {lane.lower()}-summit-{year}",
                f'    title: "{name} summit of {year}"',
                f'    date: "{year}-0{number + 1}-15"',
                f"    lanes: [{lane}]",
                "    kind: summit",
                f'    citations: [{{source: s, excerpt: "{name} met in {year}", locator: "p. {year}"}}]',
            ]
    return "\n".join(lines) + "\n"


@pytest.fixture
def crowded(tmp_path):
    path = tmp_path / "crowded.yaml"
    path.write_text(crowded_yaml(), encoding="utf-8")
    assert load_timeline(path).ok
    return path


@pytest.fixture
def window(open_window, crowded):
    window = open_window(path=crowded, size=SIZE)
    window.state.fit_all()
    return window


def show_all_rows(qtbot, window):
    """View > Membership, by its shortcut."""
    window.view.setFocus()
    qtbot.keyClick(window, QtCore.Qt.Key.Key_M, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert window.state.member_lanes == frozenset(lane for lane, _, _ in LANES)
    QtWidgets.QApplication.processEvents()
    window.view.relayout()


def send_wheel(widget, point, delta, modifiers=NONE):
    """A wheel notch (delta 120 a notch; negative: towards the user) at a point of a widget."""
    event = QtGui.QWheelEvent(
        QtCore.QPointF(point),
        QtCore.QPointF(widget.mapToGlobal(point)),
        QtCore.QPoint(),
        QtCore.QPoint(0, delta),
        QtCore.Qt.MouseButton.NoButton,
        modifiers,
        QtCore.Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QtWidgets.QApplication.sendEvent(widget, event)
    QtWidgets.QApplication.processEvents()


def plot_rect(view) -> QtCore.QRect:
    """The plot (the view box) in viewport pixels."""
    return view.mapFromScene(view.view_box.sceneBoundingRect()).boundingRect()


def glyph_point(view, lane, date):
    """The viewport point of a lane's glyph at a day: where the view says its marker is, checked
    against the pixels (the lane's colour at the x the axis gives the day)."""
    colour = next(c for lane_id, _, c in LANES if lane_id == lane)
    point = view.mapFromScene(view.scene_pos_of(f"{lane.lower()}-summit-{date[:4]}", lane))
    assert abs(point.x() - widget_x(view, noon(date))) <= 1
    return point, colour


def lane_coloured(image, point, colour, reach=2):
    """Whether some pixel within `reach` of a viewport point has the colour."""
    wanted = QtGui.QColor(colour)
    ratio = image.devicePixelRatio()
    for dx in range(-reach, reach + 1):
        for dy in range(-reach, reach + 1):
            got = image.pixelColor(round((point.x() + dx) * ratio), round((point.y() + dy) * ratio))
            if abs(got.red() - wanted.red()) + abs(got.green() - wanted.green()) + abs(got.blue() - wanted.blue()) < 40:
                return True
    return False


def axis_image(view) -> QtGui.QImage:
    """The date axis as drawn, for comparison."""
    axis = view.date_axis
    rect = view.mapFromScene(axis.mapRectToScene(QtCore.QRectF(0, 0, axis.width(), axis.height()))).boundingRect()
    return grab(view).copy(rect.adjusted(0, 3, 0, 0))  # (its top pixels are the plot's edge)


def test_rows_keep_a_readable_height_and_a_scroll_bar_appears(qtbot, window):
    view = window.view
    show_all_rows(qtbot, window)
    assert view.view_box.height() < 420  # the case to handle: a low plot beside the docks
    heights = [view.member_row_rect(lane, country).height() for lane, _, _ in LANES for country in COUNTRIES]
    assert len(heights) == 40 and min(heights) >= LEAST_ROW_PX
    assert all(header.rows_pt >= LEAST_NAME_PT for header in view.lane_axis.headers)
    assert all(len(header.rows) == len(COUNTRIES) for header in view.lane_axis.headers)
    bar = view.scroll_bar
    assert bar.isVisible() and bar.maximum() > 0
    # beside the plot, as high as it, not over it
    plot = plot_rect(view)
    at = view.viewport().mapFrom(view, bar.geometry().topLeft())
    assert at.x() >= plot.right() - 1 and abs(at.y() - plot.top()) <= 1
    assert abs(bar.height() - plot.height()) <= 2
    # a lane keeps room for its glyph line and a row of labels above its rows
    labels = view.label_rects()
    for lane, _, _ in LANES:
        rows = view.member_rows_rect(lane)
        assert view.lane_rect(lane).top() < view.glyph_row(lane) < rows.top()
        assert any(in_lane == lane and rect.bottom() <= rows.top() for in_lane, _, rect in labels), lane


def test_shift_wheel_moves_lanes_glyphs_and_headers_together_and_not_the_axis(qtbot, window):
    view = window.view
    show_all_rows(qtbot, window)
    time_range = window.state.time_range
    before, colour = glyph_point(view, "L2", "2005-02-15")
    assert lane_coloured(grab(view), before, colour)
    axis_before = axis_image(view)
    header_top = view.lane_axis.headers[1].y_top
    middle = plot_rect(view).center()
    send_wheel(view.viewport(), middle, -120, SHIFT)
    moved = view.scroll_bar.value()
    assert moved > 0
    assert window.state.time_range == pytest.approx(time_range)  # no zoom
    image = grab(view)
    after = QtCore.QPoint(before.x(), before.y() - moved)
    now = view.mapFromScene(view.scene_pos_of("l2-summit-2005", "L2"))
    assert now.x() == after.x() and abs(now.y() - after.y()) <= 1
    assert in_plot(view, after)
    assert lane_coloured(image, after, colour)
    assert axis_image(view) == axis_before  # the time axis stays at the bottom
    # the lane headers moved by as much: the second lane's name stands at its lane's new top
    header = view.lane_axis.headers[1]
    assert header.y_top != header_top
    top = view.view_box.mapFromScene(view.view_box.mapViewToScene(QtCore.QPointF(0, header.y_top))).y()
    assert top == pytest.approx(view.lane_rect("L2").top(), abs=0.5)
    # a click where the glyph is now selects it: hit testing scrolled with the picture
    click(qtbot, view, after)
    assert window.state.selected == "l2-summit-2005"


def test_the_plain_wheel_still_zooms_time_and_the_wheel_over_lane_names_scrolls(qtbot, window):
    view = window.view
    show_all_rows(qtbot, window)
    start, end = window.state.time_range
    send_wheel(view.viewport(), plot_rect(view).center(), 120)
    assert view.scroll_bar.value() == 0
    assert window.state.time_range[1] - window.state.time_range[0] < end - start  # zoomed in
    zoomed = window.state.time_range
    axis = view.mapFromScene(view.lane_axis.sceneBoundingRect()).boundingRect()
    send_wheel(view.viewport(), axis.center(), -240)
    assert view.scroll_bar.value() > 0
    assert window.state.time_range == pytest.approx(zoomed)
    send_wheel(view.viewport(), axis.center(), 240)
    assert view.scroll_bar.value() == 0


def test_keys_scroll_while_the_plot_has_focus(qtbot, window):
    view = window.view
    show_all_rows(qtbot, window)
    bar = view.scroll_bar
    view.setFocus()
    qtbot.keyClick(view, QtCore.Qt.Key.Key_PageDown)
    assert bar.value() == min(bar.pageStep(), bar.maximum()) and bar.pageStep() > 200
    qtbot.keyClick(view, QtCore.Qt.Key.Key_PageUp)
    assert bar.value() == 0
    qtbot.keyClick(view, QtCore.Qt.Key.Key_Down)
    qtbot.keyClick(view, QtCore.Qt.Key.Key_Down)
    assert bar.value() == 2 * bar.singleStep()
    qtbot.keyClick(view, QtCore.Qt.Key.Key_Up)
    assert bar.value() == bar.singleStep()
    # Help lists them
    help_text = window.shortcut_help()
    for text in ("Scroll Lanes Up", "Scroll Lanes Down", "Page Lanes Up", "Page Lanes Down", "Shift+wheel"):
        assert text in help_text


def in_plot(view, point) -> bool:
    return plot_rect(view).adjusted(0, 4, 0, -4).contains(point)


def test_selecting_out_of_view_scrolls_to_it(qtbot, window):
    view, state = window.view, window.state
    show_all_rows(qtbot, window)
    assert view.scroll_bar.value() == 0
    # an event in the last lane, selected as the event list or a search would
    state.select("l5-summit-2005")
    point, colour = glyph_point(view, "L5", "2005-05-15")
    assert view.scroll_bar.value() > 0 and in_plot(view, point)
    assert lane_coloured(grab(view), point, colour)
    # Ctrl+Up walks to the lane above (out of view now): it comes into view, and so on to the top
    view.setFocus()
    for lane in ("L4", "L3", "L2", "L1"):
        qtbot.keyClick(view, QtCore.Qt.Key.Key_Up, QtCore.Qt.KeyboardModifier.ControlModifier)
        assert state.selected.startswith(lane.lower())
        event = state.selected_event()
        point = view.mapFromScene(view.scene_pos_of(event.id, lane))
        assert in_plot(view, point), f"{event.id} not scrolled into view"
    assert view.scroll_bar.value() < view.scroll_bar.maximum()
    # a span of the last lane's last row, selected: scrolled to
    state.select_span("L5", COUNTRIES[-1], 0)
    row = view.member_row_rect("L5", COUNTRIES[-1])
    assert 0 <= row.top() and row.bottom() <= view.view_box.height()


def test_with_rows_hidden_nothing_scrolls_and_the_lanes_fill_the_plot(qtbot, window):
    view = window.view
    assert not view.scroll_bar.isVisible()
    show_all_rows(qtbot, window)
    assert view.scroll_bar.isVisible()
    qtbot.keyClick(window, QtCore.Qt.Key.Key_M, QtCore.Qt.KeyboardModifier.ControlModifier)  # rows hidden again
    assert window.state.member_lanes == frozenset()
    assert not view.scroll_bar.isVisible()
    assert view.lane_rect("L1").top() == 0
    assert view.lane_rect("L5").bottom() == pytest.approx(view.view_box.height(), abs=1)
    time_range = window.state.time_range
    send_wheel(view.viewport(), plot_rect(view).center(), 120, SHIFT)  # zooms, as before
    assert window.state.time_range != pytest.approx(time_range)


def test_an_export_still_fits_every_lane_and_row(crowded, qapp):
    timeline = load_timeline(crowded).timeline
    spec = FigureSpec(width=1280, height=720, theme="screen", member_lanes=tuple(lane for lane, _, _ in LANES))
    figure = Figure(timeline, spec)
    try:
        view = figure.view
        assert view.scroll_bar.isHidden() and view.scroll_offset() == 0
        assert view.lane_rect("L1").top() == 0
        assert view.lane_rect("L5").bottom() == pytest.approx(view.view_box.height(), abs=1)
        last = view.member_row_rect("L5", COUNTRIES[-1])
        assert last.bottom() <= view.view_box.height() + 0.5
    finally:
        figure.close()


def first_ink(image, xs, ys):
    """The first row of `ys` where some pixel of the columns `xs` is dark (text), or None."""
    return next((y for y in ys if any(QtGui.qGray(image.pixel(x, y)) < 100 for x in xs)), None)


def test_each_lane_name_stands_whole_below_its_lane_top(qtbot, window):
    """Lane names are not cut at the plot's top edge (nor run into the lane above), with every
    lane's rows shown and with one lane's."""
    view = window.view
    show_all_rows(qtbot, window)
    for lanes in (frozenset({"L2"}), frozenset(lane for lane, _, _ in LANES)):
        window.state.set_member_lanes(lanes)
        view.relayout()
        image, plot = grab(view), plot_rect(view)
        axis = view.mapFromScene(view.lane_axis.sceneBoundingRect()).boundingRect()
        for header in view.lane_axis.headers:
            top = view.mapFromScene(view.view_box.mapViewToScene(QtCore.QPointF(0, header.y_top))).y()
            if top < plot.top() or top + 30 > plot.bottom():
                continue  # scrolled out of view
            ink = first_ink(image, range(axis.left() + 2, axis.right() - 12), range(max(top - 3, plot.top()), top + 30))
            assert ink is not None and ink >= top + 2, f"{header.name}'s name cut at its top ({ink} vs {top})"


def test_an_export_names_its_first_lane_whole_though_its_lanes_are_low(crowded, qtbot):
    """A figure's plot fits every row, its lanes lower than their headers (a figure's text in a
    plot cut short): a lane's name starts at its lane's top, never above the plot."""
    from timeline_app.core.state import Document, ViewState
    from timeline_app.render.theme import make_theme
    from timeline_app.render.view import TimelineView

    state = ViewState(Document(load_timeline(crowded).timeline))
    state.set_member_lanes(lane for lane, _, _ in LANES)
    theme = make_theme("screen").for_figure()
    view = TimelineView(state, theme=theme)  # not scrollable: as in a figure
    qtbot.addWidget(view)
    view.member_toggles = False
    view.resize(1600, 520)
    view.show()
    qtbot.waitExposed(view)
    view.relayout()
    text = QtGui.QFontMetricsF(theme.font(theme.lane_pt, bold=True)).height()
    text += QtGui.QFontMetricsF(theme.font(theme.label_pt)).height()
    assert view.lane_rect("L1").top() == 0 and view.lane_axis.headers[0].note  # "+N unlabelled"
    assert view.member_rows_rect("L1").top() < text  # lower than its name and note
    image = grab(view)
    axis = view.lane_axis.sceneBoundingRect()
    top = round(view.view_box.sceneBoundingRect().top())
    ink = first_ink(image, range(round(axis.left()) + 2, round(axis.right()) - 12), range(max(top - 6, 0), top + 30))
    assert ink is not None and ink >= top + 2, f"the first lane's name cut at the plot's top ({ink} vs {top})"
