"""The overview strip under the plot, driven as a user drives it (pytest-qt, offscreen).

Where the window and the bands should be is computed here from the state and the strip's
documented mapping (the whole span laid out linearly across `span_px()`), and what is drawn
is read from grabbed pixels; drags, clicks, wheels and keys are real input events."""

import pytest
from picture import distance, epoch, grab, noon, span
from PySide6 import QtCore, QtGui, QtWidgets

from conftest import LANES
from timeline_app.core.browse import Filters
from timeline_app.core.span import MIN_SPAN, X_MAX, X_MIN
from timeline_app.ui import overview as overview_module

COLOURS = {"A": "#0072B2", "B": "#D55E00", "C": "#009E73", "D": "#CC79A7", "E": "#E69F00"}
BAND_Y = 2  # a row of the strip above the density rows: background, or the window's fill


def strip_x(strip, seconds):
    """Where a time is in the strip: the whole span, laid out linearly across span_px()."""
    left, right = strip.span_px()
    return left + (seconds - X_MIN) / (X_MAX - X_MIN) * (right - left)


def seconds_per_px(strip):
    left, right = strip.span_px()
    return (X_MAX - X_MIN) / (right - left)


def row_middle(strip, index, lanes):
    """The middle y of the index-th visible lane's density row: rows share the band evenly."""
    height = overview_module.BAND_HEIGHT / lanes
    return int(overview_module.TOP_PAD + (index + 0.4) * height)


def blend(under, over, alpha):
    under, over = QtGui.QColor(under), QtGui.QColor(over)
    mix = lambda a, b: round(a + (b - a) * alpha)  # noqa: E731
    return QtGui.QColor(mix(under.red(), over.red()), mix(under.green(), over.green()), mix(under.blue(), over.blue()))


def is_band(pixel, background, colour):
    """A lane's band: its colour over the background at some opacity from MIN_ALPHA to full."""
    if distance(pixel, background) < 20:
        return False
    alphas = [overview_module.MIN_ALPHA * 0.9 + k / 40 * (1.0 - overview_module.MIN_ALPHA * 0.9) for k in range(41)]
    return min(distance(pixel, blend(background, colour, a)) for a in alphas) <= 16


def send_mouse(widget, kind, point, button, buttons):
    pos = QtCore.QPointF(point)
    event = QtGui.QMouseEvent(
        kind, pos, QtCore.QPointF(widget.mapToGlobal(pos)), button, buttons, QtCore.Qt.KeyboardModifier.NoModifier
    )
    QtWidgets.QApplication.sendEvent(widget, event)


def drag(widget, start, dx, steps=8):
    """Press at `start`, move dx pixels in steps with the button held, release."""
    left, none, T = QtCore.Qt.MouseButton.LeftButton, QtCore.Qt.MouseButton.NoButton, QtCore.QEvent.Type
    send_mouse(widget, T.MouseButtonPress, start, left, left)
    point = start
    for step in range(1, steps + 1):
        point = QtCore.QPointF(start.x() + dx * step / steps, start.y())
        send_mouse(widget, T.MouseMove, point, none, left)
    send_mouse(widget, T.MouseButtonRelease, point, left, none)
    QtWidgets.QApplication.processEvents()


@pytest.fixture
def window(open_window):
    window = open_window(LANES, size=(1400, 900))
    window.state.set_time_range(*span("1998-01", "2004-06"))
    QtWidgets.QApplication.processEvents()
    return window


class Paints(QtCore.QObject):
    """Counts the paint events a widget gets: a change of the state must repaint the strip by
    itself (a grab paints anew whatever happened, so it cannot tell)."""

    def __init__(self, widget):
        super().__init__()
        QtWidgets.QApplication.processEvents()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _obj, event):
        if event.type() == QtCore.QEvent.Type.Paint:
            self.count += 1
        return False

    def after(self):
        QtWidgets.QApplication.processEvents()
        return self.count


def background(strip):
    return grab(strip).pixelColor(2, BAND_Y)  # the top left corner: nothing drawn there


# --- the window on the strip ------------------------------------------------------------
def test_the_strip_is_under_the_plot_and_aligned_with_its_data_area(window):
    strip, view = window.overview, window.view
    assert strip.isVisible() and strip.accessibleName() and "drag the window" in strip.toolTip()
    assert 48 <= strip.height() <= 64
    assert strip.focusPolicy() == QtCore.Qt.FocusPolicy.NoFocus
    below = strip.mapTo(window, QtCore.QPoint(0, 0)).y()
    assert below >= view.mapTo(window, QtCore.QPoint(0, view.height())).y() - 1
    # the span starts where the plot's data area starts (after the lane names)
    plot_left = view.mapFromScene(view.view_box.sceneBoundingRect().topLeft()).x()
    plot_left_in_window = view.viewport().mapTo(window, QtCore.QPoint(plot_left, 0)).x()
    assert strip.mapTo(window, QtCore.QPoint(round(strip.span_px()[0]), 0)).x() == pytest.approx(
        plot_left_in_window, abs=2
    )


def test_the_window_is_drawn_where_the_state_range_is(window):
    strip = window.overview
    start, end = window.state.time_range
    x0, x1 = strip_x(strip, start), strip_x(strip, end)
    image, bg = grab(strip), background(strip)
    edge, fill = strip.region_colour(), blend(bg, strip.region_colour(), overview_module.FILL_ALPHA)
    for x in (round(x0) + 1, round(x1) - 1):  # its edges, in the edge colour
        assert distance(image.pixelColor(x, BAND_Y), edge) <= 12, x
    for x in range(round(x0) + 4, round(x1) - 4, 7):  # inside: the fill
        assert distance(image.pixelColor(x, BAND_Y), fill) <= 12, x
    for x in (round(x0) - 4, round(x1) + 4):  # outside: the background
        assert distance(image.pixelColor(x, BAND_Y), bg) <= 6, x


def test_dragging_the_window_pans_and_keeps_the_width(window):
    strip, state = window.overview, window.state
    start, end = state.time_range
    middle = QtCore.QPointF((strip_x(strip, start) + strip_x(strip, end)) / 2, row_middle(strip, 2, 5))
    drag(strip, middle, 120)
    moved = state.time_range
    assert moved[0] == pytest.approx(start + 120 * seconds_per_px(strip), abs=seconds_per_px(strip))
    assert moved[1] - moved[0] == pytest.approx(end - start, abs=1)
    # and the picture follows: the window's left edge is where the new range starts
    image = grab(strip)
    assert distance(image.pixelColor(round(strip_x(strip, moved[0])) + 1, BAND_Y), strip.region_colour()) <= 12
    # dragged far past the end of the span, it stops there at the same width
    middle = QtCore.QPointF((strip_x(strip, moved[0]) + strip_x(strip, moved[1])) / 2, row_middle(strip, 2, 5))
    drag(strip, middle, 2000)
    assert state.time_range[1] == pytest.approx(X_MAX) and state.time_range[0] == pytest.approx(X_MAX - (end - start))
    drag(strip, QtCore.QPointF(strip_x(strip, X_MAX - (end - start) / 2), 20), -3000)
    assert state.time_range[0] == pytest.approx(X_MIN) and state.time_range[1] - X_MIN == pytest.approx(end - start)


def test_dragging_an_edge_zooms(window):
    strip, state = window.overview, window.state
    start, end = state.time_range
    per_px = seconds_per_px(strip)
    drag(strip, QtCore.QPointF(strip_x(strip, end) - 1, 20), 60)  # the right edge, later
    assert state.time_range[0] == pytest.approx(start, abs=1)
    assert state.time_range[1] == pytest.approx(end + 60 * per_px, abs=2 * per_px)
    end = state.time_range[1]
    drag(strip, QtCore.QPointF(strip_x(strip, start) + 1, 20), -40)  # the left edge, earlier
    assert state.time_range[1] == pytest.approx(end, abs=1)
    assert state.time_range[0] == pytest.approx(start - 40 * per_px, abs=2 * per_px)
    # the left edge dragged past the right one: the narrowest range, ending where it ended
    drag(strip, QtCore.QPointF(strip_x(strip, state.time_range[0]) + 1, 20), 900)
    assert state.time_range == pytest.approx((end - MIN_SPAN, end), abs=1)
    assert window.view.time_range() == pytest.approx(state.time_range, abs=1)  # the plot shows it


def test_a_click_outside_the_window_centres_the_range_there(qtbot, window):
    strip, state = window.overview, window.state
    start, end = state.time_range
    x = round(strip_x(strip, epoch("2010-01-01")))
    qtbot.mouseClick(strip, QtCore.Qt.MouseButton.LeftButton, pos=QtCore.QPoint(x, 20))
    left, right = strip.span_px()
    at = X_MIN + (x - left) / (right - left) * (X_MAX - X_MIN)
    assert (state.time_range[0] + state.time_range[1]) / 2 == pytest.approx(at, abs=seconds_per_px(strip))
    assert state.time_range[1] - state.time_range[0] == pytest.approx(end - start, abs=1)


def test_the_wheel_zooms_around_the_pointer(window):
    strip, state = window.overview, window.state
    start, end = state.time_range
    x = strip_x(strip, epoch("2001-01-01"))
    at = epoch("2001-01-01")
    pos = QtCore.QPointF(x, 20)
    event = QtGui.QWheelEvent(
        pos,
        QtCore.QPointF(strip.mapToGlobal(pos)),
        QtCore.QPoint(),
        QtCore.QPoint(0, 120),
        QtCore.Qt.MouseButton.NoButton,
        QtCore.Qt.KeyboardModifier.NoModifier,
        QtCore.Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QtWidgets.QApplication.sendEvent(strip, event)
    new_start, new_end = state.time_range
    assert new_end - new_start == pytest.approx((end - start) * overview_module.WHEEL_STEP, rel=1e-3)
    assert (at - new_start) / (new_end - new_start) == pytest.approx((at - start) / (end - start), abs=1e-3)


def test_keyboard_pan_on_the_plot_moves_the_window(qtbot, window):
    strip, view, state = window.overview, window.view, window.state
    window.activateWindow()
    view.setFocus()
    qtbot.waitUntil(lambda: window.isActiveWindow() and view.hasFocus())
    start, end = state.time_range
    paints = Paints(strip)
    qtbot.keyClick(view, QtCore.Qt.Key.Key_Right)
    assert paints.after() > 0, "the strip was not repainted"
    assert "1999" in strip.accessibleDescription()  # "Showing 1999 – 2005 of 1990 – 2016"
    assert state.time_range[0] == pytest.approx(start + 0.2 * (end - start), rel=1e-6)
    image, bg = grab(strip), background(strip)
    x_old, x_new = strip_x(strip, start), strip_x(strip, state.time_range[0])
    assert distance(image.pixelColor(round(x_new) + 1, BAND_Y), strip.region_colour()) <= 12
    assert distance(image.pixelColor(round(x_old) + 1, BAND_Y), bg) <= 6  # no longer there
    # a click on the strip leaves the keys with the plot
    qtbot.mouseClick(strip, QtCore.Qt.MouseButton.LeftButton, pos=QtCore.QPoint(round(x_new) + 20, 20))
    assert view.hasFocus()


# --- the density bands ------------------------------------------------------------------
def lane_pixels(strip, image, lane, index, lanes, bg):
    """The x of every band pixel of a lane in its row, outside the window."""
    x0, x1 = (strip_x(strip, t) for t in window_range(strip))
    left, right = strip.span_px()
    y = row_middle(strip, index, lanes)
    xs = [x for x in range(int(left), int(right)) if not x0 - 4 <= x <= x1 + 4]
    return [x for x in xs if is_band(image.pixelColor(x, y), bg, COLOURS[lane])]


def window_range(strip):
    return strip.state.time_range


def test_bands_count_only_matching_events_of_visible_lanes(window):
    strip, state = window.overview, window.state
    state.set_time_range(*span("1991-01", "1991-03"))  # the window out of the way
    # Kazakhstan and membership: a08 (Alliance, 8 May 2009) and c06 (Council, 12 Sep 2004)
    paints = Paints(strip)
    state.set_filters(Filters(countries=frozenset({"Kazakhstan"}), kinds=frozenset({"membership"})))
    assert paints.after() > 0, "the strip was not repainted"
    image, bg = grab(strip), background(strip)
    reach = overview_module.BIN_PX + 2
    for index, lane in enumerate("ABCDE"):
        found = lane_pixels(strip, image, lane, index, 5, bg)
        if lane in "AC":
            x = strip_x(strip, noon("2009-05-08" if lane == "A" else "2004-09-12"))
            assert found, f"no band of {lane}"
            assert all(abs(px - x) <= reach for px in found), (lane, x, found)
            assert any(abs(px - x) <= 1.5 for px in found), (lane, x, found)
        else:
            assert not found, f"{lane} has no match, yet a band at {found}"
    # the counts are histograms of exactly the matching events of each visible lane
    counts = strip.densities()
    assert {lane: int(c.sum()) for lane, c in counts.items()} == {"A": 1, "B": 0, "C": 1, "D": 0, "E": 0}
    state.clear_filters()
    counts = strip.densities()
    for lane in "ABCDE":
        assert int(counts[lane].sum()) == sum(1 for e in state.timeline.events if lane in e.lanes)


def test_hiding_a_lane_removes_its_band(window):
    strip, state = window.overview, window.state
    state.set_time_range(*span("1991-01", "1991-03"))
    image, bg = grab(strip), background(strip)
    assert lane_pixels(strip, image, "B", 1, 5, bg)
    paints = Paints(strip)
    window.lane_actions["B"].trigger()  # View > Lanes > Bloc
    assert paints.after() > 0, "the strip was not repainted"
    assert "B" not in state.visible_lanes
    image = grab(strip)
    for index in range(4):  # Bloc's colour in no row; Council now in the second row
        assert not lane_pixels(strip, image, "B", index, 4, bg)
    assert lane_pixels(strip, image, "C", 1, 4, bg)


# --- the window's chrome ----------------------------------------------------------------
def test_view_menu_toggle_is_remembered_and_presentation_hides_the_strip(qtbot, open_window):
    window = open_window()
    assert window.overview_action.isChecked() and window.overview.isVisible()
    window.set_presentation(True)
    assert not window.overview.isVisible()
    window.set_presentation(False)
    assert window.overview.isVisible()
    window.overview_action.trigger()
    assert not window.overview.isVisible()
    window.close()
    again = open_window()
    assert not again.overview_action.isChecked() and not again.overview.isVisible()
    again.set_presentation(True)
    again.set_presentation(False)
    assert not again.overview.isVisible()  # leaving presentation mode keeps it hidden
    again.overview_action.trigger()
    assert again.overview.isVisible()


def test_the_strip_follows_a_dark_palette(qapp, window):
    strip = window.overview
    old = qapp.palette()
    dark = QtGui.QPalette(old)
    for role, colour in (("Base", "#1e1e1e"), ("Window", "#2b2b2b"), ("Text", "#e6e6e6"), ("WindowText", "#e6e6e6")):
        dark.setColor(getattr(QtGui.QPalette.ColorRole, role), QtGui.QColor(colour))
    try:
        qapp.setPalette(dark)
        QtWidgets.QApplication.processEvents()
        image = grab(strip)
        assert image.pixelColor(2, BAND_Y).lightnessF() < 0.2
        left, right = strip.span_px()
        y0 = overview_module.TOP_PAD + overview_module.BAND_HEIGHT + overview_module.TICK_PX
        bright = [
            (x, y)
            for x in range(int(left), int(right))
            for y in range(y0, strip.height())
            if image.pixelColor(x, y).lightnessF() > 0.7
        ]
        assert bright, "the year labels should be light on a dark strip"
    finally:
        qapp.setPalette(old)


def test_every_view_walks_in_the_order_markers_stand(bundled):
    from timeline_app.core.dates import day_to_epoch, marker_time
    from timeline_app.ui.overview import _mid_dates

    expected = [(day_to_epoch(e.date.first_day) + day_to_epoch(e.date.last_day) + 86400) / 2 for e in bundled.events]
    assert [marker_time(e.date) for e in bundled.events] == expected
    assert _mid_dates(bundled).tolist() == expected  # the overview strip's arrays
