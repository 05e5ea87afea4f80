"""Member rows in the plot, as a user sees and drives them (pytest-qt, offscreen), on members.yaml.

Where a span is drawn is found through the plot's own axis (a date mapped by the view box),
and what is drawn is read from grabbed pixels: a span drawn off its dates, a status drawn
like another, a disputed span drawn like a plain one, or rows that do not fade while another
country is followed fail here."""

from pathlib import Path

import pytest
from picture import click, epoch, grab, span, widget_x
from PySide6 import QtCore, QtGui, QtWidgets

from timeline_app.core.dates import parse_date
from timeline_app.core.figure import FigureSpec
from timeline_app.core.loader import load_timeline
from timeline_app.render.compose import Figure

MEMBERS = Path(__file__).parent / "data" / "members.yaml"
ALPHA, BETA = "#0072B2", "#D55E00"


@pytest.fixture
def window(open_window):
    return open_window(path=MEMBERS, size=(1400, 900))


def show(window, first, last):
    window.state.set_time_range(*span(first, last))
    window.view.relayout()


def row_y(view, lane, country):
    """The viewport y of the middle of a country's member row (None when it is not drawn)."""
    rect = view.member_row_rect(lane, country)
    if rect is None:
        return None
    return round(view.mapFromScene(view.view_box.mapToScene(rect.center())).y())


def epoch_day(date):
    return parse_date(date).first_day


def x_of(view, date):
    return round(widget_x(view, epoch(date)))


def hued(colour: QtGui.QColor, lane_colour: str) -> bool:
    """A pixel of the lane's hue (its colour, whatever its opacity over a grey background)."""
    wanted = QtGui.QColor(lane_colour)
    return colour.hsvSaturationF() > 0.3 and abs(colour.hsvHueF() - wanted.hsvHueF()) < 0.04


def pixel(image, x, y):
    ratio = image.devicePixelRatio()
    return image.pixelColor(round(x * ratio), round(y * ratio))


def coloured_columns(image, xs, y, lane_colour):
    """The share of the columns xs whose pixel at y has the lane's hue."""
    xs = list(xs)
    return sum(hued(pixel(image, x, y), lane_colour) for x in xs) / len(xs)


def greys(image, xs, y):
    """The grey levels of a row of pixels, as greyscale print would show them."""
    return [QtGui.qGray(pixel(image, x, y).rgb()) for x in xs]


def toggle_point(view, lane):
    """The viewport point of a lane header's members toggle."""
    rect = view.lane_axis.toggle_rect(lane)
    assert rect is not None, f"no members toggle drawn for lane {lane}"
    return view.mapFromScene(view.lane_axis.mapToScene(rect.center()))


def test_the_lane_header_toggle_shows_member_rows_at_their_dates_and_hides_them(qtbot, window):
    view = window.view
    show(window, "1991-06", "1993-06")
    assert view.member_row_rect("A", "Russia") is None
    assert view.lane_axis.toggle_rect("C") is not None
    before = grab(view)
    click(qtbot, view, toggle_point(view, "A"))
    assert window.state.member_lanes == frozenset({"A"})
    image = grab(view)
    y = row_y(view, "A", "Russia")
    top, bottom = view.lane_rect("A").top(), view.lane_rect("A").bottom()
    assert view.glyph_row("A") < view.member_row_rect("A", "Russia").top() < bottom and top >= 0
    # Russia, a founding member from 15 May 1992: its row is lane-coloured from that day on
    assert coloured_columns(image, range(x_of(view, "1992-07-01"), x_of(view, "1993-05-01"), 3), y, ALPHA) > 0.95
    assert coloured_columns(image, range(x_of(view, "1991-07-01"), x_of(view, "1992-05-01"), 3), y, ALPHA) == 0
    # ... and the same place held none of it before the rows were shown
    assert coloured_columns(before, range(x_of(view, "1992-07-01"), x_of(view, "1993-05-01"), 3), y, ALPHA) < 0.1
    # the names beside the rows, in order of first membership (Belarus: 1992, or 1993-94)
    assert [r[0] for r in view.lane_axis.headers[0].rows] == ["Armenia", "Russia", "Belarus", "Georgia", "Kazakhstan"]
    click(qtbot, view, toggle_point(view, "A"))
    assert window.state.member_lanes == frozenset()
    assert view.member_row_rect("A", "Russia") is None
    after = grab(view)
    assert coloured_columns(after, range(x_of(view, "1992-07-01"), x_of(view, "1993-05-01"), 3), y, ALPHA) < 0.1


def test_the_lanes_make_room_for_the_rows_and_stay_in_order(window):
    view, state = window.view, window.state
    state.set_members_shown(True)
    view.relayout()
    lanes = [view.lane_rect(lane) for lane in state.visible_lanes]
    for upper, lower in zip(lanes, lanes[1:], strict=False):
        assert upper.bottom() == pytest.approx(lower.top())
    assert lanes[-1].bottom() == pytest.approx(view.view_box.height(), abs=1)
    for lane, rect in zip(state.visible_lanes, lanes, strict=True):
        rows = view.member_rows_rect(lane)
        assert rect.top() < view.glyph_row(lane) < rows.top() and rows.bottom() <= rect.bottom() + 0.5
        for label_lane, _key, label in view.label_rects():
            if label_lane == lane:
                assert label.bottom() <= rows.top(), "a label over the member rows"
        for era_lane, _name, era in view.era_rects():
            if era_lane == lane:
                assert rect.top() <= era.top() and era.bottom() < view.glyph_row(lane)
    # the lane headers stand beside their lanes, rows named in their order
    for header, rect in zip(view.lane_axis.headers, lanes, strict=True):
        top = view.view_box.mapViewToScene(QtCore.QPointF(0, header.y_top))
        assert view.view_box.mapFromScene(top).y() == pytest.approx(rect.top(), abs=0.5)
    assert [country for country, _, _ in view.lane_axis.headers[1].rows] == state.membership.rows("B")


def test_a_glyph_is_still_found_and_clicked_where_the_axis_puts_it_with_rows_shown(qtbot, window):
    view, state = window.view, window.state
    state.set_members_shown(True)
    show(window, "2008-06", "2010-06")
    image = grab(view)
    x = round(widget_x(view, epoch("2009-08-18") + 43200))
    lane = view.lane_rect("A")
    top = round(view.mapFromScene(view.view_box.mapToScene(lane.topLeft())).y())
    rows_top = round(view.mapFromScene(view.view_box.mapToScene(view.member_rows_rect("A").topLeft())).y())
    ys = [y for y in range(top, rows_top - 20) if hued(pixel(image, x, y), ALPHA) and pixel(image, x, y).value() < 200]
    assert ys, "no glyph of Georgia leaving Alpha at its date"
    click(qtbot, view, QtCore.QPoint(x, ys[len(ys) // 2]))
    assert state.selected == "a-georgia-leaves"


def test_statuses_uncertain_and_disputed_spans_differ_in_greyscale(window):
    view, state = window.view, window.state
    state.set_members_shown(True)
    show(window, "1994-01", "2016-12")
    image = grab(view)
    run = range(x_of(view, "1995-06-01"), x_of(view, "1998-06-01"), 2)
    plain = greys(image, run, row_y(view, "A", "Russia"))  # a founding member, undisputed
    disputed = greys(image, run, row_y(view, "A", "Georgia"))  # a member a source denies
    assert max(plain) - min(plain) <= 6, "a plain span is one even fill"
    assert max(disputed) - min(disputed) > 40, "a disputed span is cross-hatched"
    # suspended (hatched) against member (solid), in the same row
    suspended = greys(image, range(x_of(view, "2003-04-10"), x_of(view, "2003-12-20")), row_y(view, "A", "Russia"))
    assert max(suspended) - min(suspended) > 40
    # an associate (outlined, light inside) against a member (solid) in Gamma
    inside_associate = pixel(image, x_of(view, "2010-01-01"), row_y(view, "C", "Moldova"))
    member = pixel(image, x_of(view, "2010-01-01"), row_y(view, "C", "Russia"))
    assert QtGui.qGray(inside_associate.rgb()) - QtGui.qGray(member.rgb()) > 60
    # an uncertain end (Kazakhstan: between August 2011 and October 2015) fades out
    y = row_y(view, "A", "Kazakhstan")
    early, late = pixel(image, x_of(view, "2012-03-01"), y), pixel(image, x_of(view, "2015-06-01"), y)
    assert QtGui.qGray(early.rgb()) + 30 < QtGui.qGray(late.rgb())


def rest_mouse(qtbot, view, point):
    """Move the mouse there and let Qt ask for a tooltip, as when the mouse rests."""
    qtbot.mouseMove(view.viewport(), point)
    event = QtGui.QHelpEvent(QtCore.QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QtWidgets.QApplication.sendEvent(view.viewport(), event)
    qtbot.waitUntil(QtWidgets.QToolTip.isVisible)
    return QtWidgets.QToolTip.text()


def test_hovering_a_span_names_country_status_and_dates_as_the_sources_give_them(qtbot, window):
    view, state = window.view, window.state
    state.set_members_shown(True)
    show(window, "1996-01", "2004-01")
    tip = rest_mouse(qtbot, view, QtCore.QPoint(x_of(view, "2001-06-01"), row_y(view, "A", "Georgia")))
    assert "Georgia in Alpha: member" in tip
    assert "from 9 December 1993" in tip and "to 18 August 2009" in tip
    assert "Sources disagree" in tip and "not a member in 2000" in tip
    point = QtCore.QPoint(x_of(view, "2003-08-01"), row_y(view, "A", "Russia"))
    assert "Russia in Alpha: suspended" in view.tooltip_at(view.mapToScene(point))


def test_hovering_elsewhere_in_a_lane_gives_the_members_on_that_day(qtbot, window):
    view, state = window.view, window.state
    state.set_member_lanes(["A"])
    show(window, "1994-06", "1996-06")
    rows = view.member_rows_rect("A")
    gap = view.mapFromScene(view.view_box.mapToScene(QtCore.QPointF(0, rows.top() - 3))).y()
    tip = rest_mouse(qtbot, view, QtCore.QPoint(x_of(view, "1995-05-15") + 1, gap))
    assert "Members on 15 May 1995" in tip
    assert "Armenia \u2014 founding member since 15 May 1992 (One 2012, p. 1; +1)" in tip
    assert "Georgia \u2014 member since 9 December 1993 (One 2012, p. 3) [disputed]" in tip
    assert "Kazakhstan" not in tip
    assert "    Sources disagree on whether it held at all" in tip  # a source denies Georgia was in
    scene = view.mapToScene(QtCore.QPoint(x_of(view, "1995-05-15") + 1, gap))
    assert view.lane_at(scene) == "A" and view.day_at(scene).isoformat() == "1995-05-15"
    lines = view.members_text("A", view.day_at(scene)).splitlines()
    assert lines[:3] == [
        "Alpha on 15 May 1995: 2 founding members, 2 members",
        "Armenia \u2014 founding member since 15 May 1992 (One 2012, p. 1; Two 2001, p. 9)",
        "Russia \u2014 founding member since 15 May 1992 (One 2012, p. 1; Two 2001, p. 9)",
    ]
    assert lines[4:] == [
        "Georgia \u2014 member since 9 December 1993 (One 2012, p. 3) [disputed]",
        "    Sources disagree on whether it held at all: not a member in 2000 (Two 2001, p. 10).",
    ]
    early = view.members_text("A", epoch_day("1993-06-01")).splitlines()  # Belarus came in 1992, 1993 or 1994
    assert early[0] == "Alpha on 1 June 1993: 2 founding members, 1 member; 1 of them uncertain"
    assert early[3].startswith("Belarus \u2014 member since 1992 or 1993") and early[3].endswith("[disputed]")
    assert early[4].startswith("    possibly: it began 1992 or 1993")


def test_clicking_a_span_selects_it_with_an_outline_and_clicking_an_event_unselects_it(qtbot, window):
    view, state = window.view, window.state
    state.set_members_shown(True)
    show(window, "2002-01", "2005-01")
    y = row_y(view, "A", "Russia")
    click(qtbot, view, QtCore.QPoint(x_of(view, "2003-08-01"), y))
    assert state.selected_span == ("A", "Russia", 1)
    assert view.span_at(view.mapToScene(QtCore.QPoint(x_of(view, "2003-08-01"), y))).status == "suspended"
    image = grab(view)
    row = view.member_row_rect("A", "Russia")
    top = round(view.mapFromScene(view.view_box.mapToScene(row.topLeft())).y())

    def edge(date):
        """The darkest grey at the row's top edge in the column of a date."""
        return min(QtGui.qGray(pixel(image, x_of(view, date), y).rgb()) for y in range(top - 2, top + 2))

    # an outline in the selection's colour along the selected span, not along the others
    assert edge("2003-08-01") < edge("2002-08-01") - 60
    assert edge("2003-08-01") < 90
    click(qtbot, view, QtCore.QPoint(x_of(view, "2004-06-01"), y))  # the membership after it
    assert state.selected_span == ("A", "Russia", 2)
    state.select("a-russia-resumes")
    assert state.selected_span is None


def test_following_a_country_fades_the_other_rows(window):
    view, state = window.view, window.state
    state.set_members_shown(True)
    show(window, "1996-06", "2016-12")
    x_date = "2008-01-01"

    def strengths(image):
        """How far each row's pixel at a date is from its lane band's colour (0: not drawn)."""
        found = {}
        for lane in ("A", "B"):
            band = QtGui.QColor(view.theme.band_even if lane == "A" else view.theme.band_odd)
            for country in state.membership.rows(lane):
                c = pixel(image, x_of(view, x_date), row_y(view, lane, country))
                found[lane, country] = sum(abs(a - b) for a, b in zip(c.getRgb()[:3], band.getRgb()[:3], strict=True))
        return found

    before = strengths(grab(view))
    state.follow_country("Armenia")
    after = strengths(grab(view))  # (the window may have made room for a note on the following)
    for lane, other in (("A", "Russia"), ("B", "Belarus"), ("A", "Belarus")):
        assert after[lane, other] < 0.4 * before[lane, other], f"{other} in {lane} not faded"
    assert after["A", "Armenia"] > 0.9 * before["A", "Armenia"]
    headers = {h.lane: h for h in view.lane_axis.headers}
    assert headers["A"].followed == "Armenia"
    state.follow_country(None)
    assert strengths(grab(view))["A", "Russia"] == pytest.approx(before["A", "Russia"], abs=6)


def test_an_export_draws_the_rows_and_the_followed_country_as_the_window_does(qapp):
    timeline = load_timeline(MEMBERS).timeline
    spec = FigureSpec(width=1600, height=900, theme="screen", member_lanes=("A",), followed="Russia")
    figure = Figure(timeline, spec)
    try:
        view = figure.view
        assert view.member_row_rect("B", "Russia") is None
        assert view.lane_axis.toggle_rect("A") is None  # nothing to click in a figure
        image = QtGui.QImage(spec.width, spec.height, QtGui.QImage.Format.Format_ARGB32)
        painter = QtGui.QPainter(image)
        figure.paint(painter)
        painter.end()

        def at(date, country):
            row = view.member_row_rect("A", country)
            scene = view.view_box.mapToScene(QtCore.QPointF(0, row.center().y()))
            x = view.view_box.mapViewToScene(QtCore.QPointF(epoch(date), 0)).x()
            point = (QtCore.QPointF(x, scene.y()) + figure.plot_origin()) * figure.unit  # slide units to pixels
            return image.pixelColor(point.toPoint())

        assert hued(at("1998-01-01", "Russia"), ALPHA)
        assert not hued(at("1991-06-01", "Russia"), ALPHA)
        faded, full = at("1998-01-01", "Georgia"), at("1998-01-01", "Russia")
        assert QtGui.qGray(faded.rgb()) > QtGui.qGray(full.rgb()) + 60  # Georgia's row fades
    finally:
        figure.close()
