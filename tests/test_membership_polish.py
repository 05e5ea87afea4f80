"""Member rows after review: exports keep them inside the plot (SVG too) and fade uncertain
boundaries in flat steps (PDF viewers draw those), an export with rows keeps labels, "Members on
DATE" lists one member a line, the follow dialog's "Did you mean" fills the field, and View >
Followed Country's Rows Only shows one row a lane (pytest-qt, offscreen)."""

import datetime as dt
import shutil
import subprocess

import pytest
from picture import epoch, span, widget_x
from PySide6 import QtCore, QtGui, QtSvg, QtWidgets

from conftest import BUNDLED, DATA
from timeline_app.core.figure import FigureSpec
from timeline_app.core.loader import load_timeline
from timeline_app.render.compose import Figure
from timeline_app.render.export import export_figure
from timeline_app.render.view import members_lines

MEMBERS = DATA / "members.yaml"
ALPHA = "#0072B2"
LEFT = QtCore.Qt.MouseButton.LeftButton
CTRL_SHIFT = QtCore.Qt.KeyboardModifier.ControlModifier | QtCore.Qt.KeyboardModifier.ShiftModifier


def hued(colour: QtGui.QColor, lane_colour: str = ALPHA) -> bool:
    wanted = QtGui.QColor(lane_colour)
    return colour.hsvSaturationF() > 0.3 and abs(colour.hsvHueF() - wanted.hsvHueF()) < 0.04


def where(figure, lane, country, date=None):
    """Output pixels: (plot left, plot right, y of the country's row, x of a date) — the figure's
    slide units times its unit (the figure is laid out on a 1920 x 1080 slide and scaled)."""
    view, unit = figure.view, figure.unit
    box = view.view_box.sceneBoundingRect().translated(figure.plot_origin())
    row = view.member_row_rect(lane, country)
    y = (view.view_box.mapToScene(row.center()).y() + figure.plot_origin().y()) * unit
    x = None
    if date is not None:
        x = (view.view_box.mapViewToScene(QtCore.QPointF(epoch(date), 0)).x() + figure.plot_origin().x()) * unit
    return box.left() * unit, box.right() * unit, round(y), x


def figure_of(path, spec):
    return Figure(load_timeline(path).timeline, spec)


# --- exports: nothing beyond the plot, fades every viewer draws ----------------------------------
def svg_image(path, width, height):
    renderer = QtSvg.QSvgRenderer(str(path))
    image = QtGui.QImage(width, height, QtGui.QImage.Format.Format_ARGB32)
    image.fill(QtGui.QColor("white"))
    painter = QtGui.QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


def test_an_svg_export_draws_member_rows_only_inside_the_plot(qapp, tmp_path):
    # Russia's membership runs on past the range's end, and began before its start
    spec = FigureSpec(width=1200, height=700, theme="screen", member_lanes=("A",), **_range("1995", "2005"))
    out = export_figure(load_timeline(MEMBERS).timeline, tmp_path / "rows.svg", spec)
    image = svg_image(out, spec.width, spec.height)
    figure = figure_of(MEMBERS, spec)
    try:
        left, right, y, x = where(figure, "A", "Russia", "2000-01-01")
    finally:
        figure.close()
    assert hued(image.pixelColor(round(x), y)), "Russia's row is drawn inside the plot"
    beyond_right = [x for x in range(round(right) + 2, spec.width) if hued(image.pixelColor(x, y))]
    # left of the plot: the names (the lane's colour strip stands in the last 5 pixels)
    beyond_left = [x for x in range(round(left) - 18, round(left) - 6) if hued(image.pixelColor(x, y))]
    assert not beyond_right, f"the row runs past the plot's right edge at x={beyond_right[:3]}"
    assert not beyond_left, f"the row runs over the names left of the plot at x={beyond_left[:3]}"


def _range(first, last):
    start, end = span(first, last)
    return {"start": start, "end": end}


def fade_greys(image, figure):
    """The grey levels early and late in Kazakhstan's uncertain end (August 2011 to October 2015)."""
    _l, _r, y, early = where(figure, "A", "Kazakhstan", "2012-03-01")
    late = where(figure, "A", "Kazakhstan", "2015-06-01")[3]
    return QtGui.qGray(image.pixelColor(round(early), y).rgb()), QtGui.qGray(image.pixelColor(round(late), y).rgb())


def test_a_pdf_export_fades_uncertain_boundaries_with_flat_steps_not_a_gradient(qapp, tmp_path):
    spec = FigureSpec(width=1200, height=700, theme="screen", member_lanes=("A",), **_range("2005", "2016-12"))
    out = export_figure(load_timeline(MEMBERS).timeline, tmp_path / "rows.pdf", spec)
    data = out.read_bytes()
    assert b"/ShadingType" not in data, "a gradient (a shading with a soft mask): drawn solid by some viewers"
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) not installed: the PDF was not drawn back")
    subprocess.run(["pdftoppm", "-r", "96", "-png", "-singlefile", str(out), str(tmp_path / "page")], check=True)
    image = QtGui.QImage(str(tmp_path / "page.png"))
    assert (image.width(), image.height()) == (spec.width, spec.height)
    figure = figure_of(MEMBERS, spec)
    try:
        early, late = fade_greys(image, figure)
    finally:
        figure.close()
    assert early + 30 < late, f"the uncertain end does not fade out as poppler draws it ({early}, {late})"


def test_the_fade_is_drawn_in_steps_in_the_window_too(qapp):
    spec = FigureSpec(width=1200, height=700, theme="screen", member_lanes=("A",), **_range("2005", "2016-12"))
    figure = figure_of(MEMBERS, spec)
    try:
        image = QtGui.QImage(spec.width, spec.height, QtGui.QImage.Format.Format_ARGB32)
        painter = QtGui.QPainter(image)
        figure.paint(painter)
        painter.end()
        _l, _r, y, x0 = where(figure, "A", "Kazakhstan", "2011-09-01")
        x1 = where(figure, "A", "Kazakhstan", "2015-09-01")[3]
        greys = [QtGui.qGray(image.pixelColor(x, y).rgb()) for x in range(round(x0), round(x1))]
    finally:
        figure.close()
    # a few flat steps (a grid line may show through here and there), lighter towards the end
    steps = sorted({g for g in greys if greys.count(g) >= 10}, key=greys.index)
    assert 3 <= len(steps) <= 6, f"not a few flat steps: {steps}"
    assert sum(greys.count(g) for g in steps) >= 0.85 * len(greys)
    assert steps == sorted(steps), "the steps lighten towards the last possible end"


# --- an export with member rows keeps labels ----------------------------------------------------
def test_an_export_of_every_lane_with_its_rows_keeps_labels_in_each_lane(qapp, bundled):
    plain = Figure(bundled, FigureSpec(width=1920, height=1080))
    try:
        without = {lane: plain.view.hidden_label_count(lane) for lane in plain.view.visible_lanes}
        labelled = {lane for lane, _k, _r in plain.view.label_rects()}
    finally:
        plain.close()
    from timeline_app.core.membership import Membership

    spec = FigureSpec(width=1920, height=1080, member_lanes=tuple(Membership(bundled).lanes()))
    figure = Figure(bundled, spec)
    try:
        view = figure.view
        rects = view.label_rects()
        per_lane = {lane: [r for lane_id, _k, r in rects if lane_id == lane] for lane in view.visible_lanes}
        for lane in view.visible_lanes:
            assert lane in labelled and without[lane] < len(bundled.events)
            # every lane keeps a row of labels beside its member rows (at 1/50 of the height, the
            # labels of a slide with all 40 rows of the five lanes have room for one row each)
            assert per_lane[lane], f"{lane}: no label beside its member rows"
            rows = view.member_rows_rect(lane)
            assert all(r.bottom() <= rows.top() for r in per_lane[lane]), f"{lane}: a label over the rows"
            glyphs = view._lanes[lane]
            assert glyphs.row_px >= 9 and glyphs.name_pt >= 6, "member rows thinner than readable, or unnamed"
    finally:
        figure.close()


def test_an_export_with_room_keeps_every_label_it_had_without_rows(qapp):
    timeline = load_timeline(MEMBERS).timeline

    def labels(member_lanes):
        figure = Figure(timeline, FigureSpec(width=1600, height=1000, theme="screen", member_lanes=member_lanes))
        try:
            return sorted((lane, key) for lane, key, _r in figure.view.label_rects())
        finally:
            figure.close()

    assert labels(("A", "B", "C")) == labels(())


# --- Members on DATE ---------------------------------------------------------------------------
def test_members_on_a_date_is_one_line_a_member_counted_first_and_a_tooltip_stays_short(qapp, bundled):
    from timeline_app.core.membership import Membership

    day = dt.date(2000, 6, 1)
    standings = Membership(bundled).members_on("CIS", day)
    assert len(standings) >= 12
    lines = members_lines(bundled, "CIS", standings, day)
    assert lines[0].startswith("CIS on 1 June 2000: ") and "member" in lines[0]
    member_lines = [line for line in lines[1:] if not line.startswith("    ")]
    assert [line.split(" \u2014 ")[0] for line in member_lines] == [s.country for s in standings]
    assert all(" \u2014 " in line and line.removesuffix(" [disputed]").endswith(")") for line in member_lines)
    short = members_lines(bundled, "CIS", standings, day, max_lines=14, max_refs=1)
    assert len(short) <= 14 and short[-1].startswith("and ") and short[-1].endswith(" more")
    listed = sum(1 for line in short[1:-1] if not line.startswith("    "))
    assert short[-1] == f"and {len(standings) - listed} more"


def test_hovering_a_busy_lane_gives_at_most_fifteen_lines(qtbot, open_window):
    from test_membership_view import rest_mouse

    window = open_window(BUNDLED, size=(1400, 900))
    view = window.view
    window.state.set_member_lanes(["CIS"])
    window.state.set_time_range(*span("1999", "2001"))
    view.relayout()
    QtWidgets.QApplication.processEvents()  # the scroll bar, if any, has taken its room
    rows = view.member_rows_rect("CIS")
    y = view.mapFromScene(view.view_box.mapToScene(QtCore.QPointF(0, rows.top() - 3))).y()
    tip = rest_mouse(qtbot, view, QtCore.QPoint(round(widget_x(view, epoch("2000-06-01"))), y))
    text = QtGui.QTextDocumentFragment.fromHtml(tip).toPlainText()
    lines = text.splitlines()
    assert lines[0] == "Members on 1 June 2000" and lines[1].startswith("CIS on 1 June 2000: ")
    assert len(lines) <= 15 and lines[-1].endswith(" more")


# --- Tools > Follow Country: the suggestion is a link ------------------------------------------
def test_did_you_mean_is_a_link_that_fills_the_field(qtbot, open_window):
    window = open_window(MEMBERS, size=(1400, 900))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, QtCore.Qt.Key.Key_Y, CTRL_SHIFT)
    dialog = window.members.follow_dialog
    edit = dialog.combo.lineEdit()
    edit.clear()
    qtbot.keyClicks(edit, "Armenai")
    qtbot.keyClick(edit, QtCore.Qt.Key.Key_Return)
    label = dialog.suggestion
    qtbot.waitUntil(label.isVisible)
    assert label.text() == "Did you mean <a href='Armenia'>Armenia</a>?"
    metrics = label.fontMetrics()
    box = label.contentsRect()
    x = box.left() + metrics.horizontalAdvance("Did you mean ") + metrics.horizontalAdvance("Arm")
    qtbot.mouseClick(label, LEFT, pos=QtCore.QPoint(x, box.center().y()))
    assert dialog.combo.currentText() == "Armenia"
    assert not label.isVisible() and not dialog.message.isVisible()
    assert window.state.followed is None  # filled, not yet followed
    qtbot.keyClick(edit, QtCore.Qt.Key.Key_Return)
    assert window.state.followed == "Armenia" and not dialog.isVisible()


# --- View > Followed Country's Rows Only -------------------------------------------------------
def test_followed_rows_only_from_the_view_menu_shows_one_row_a_lane(qtbot, open_window, settings_file):
    window = open_window(MEMBERS, size=(1400, 900))
    state, view = window.state, window.view
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    action = window.members.followed_only_action
    view_menu = next(m for m in window.menuBar().findChildren(QtWidgets.QMenu) if m.title() == "&View")
    entries = [a for a in view_menu.actions() if not a.isSeparator()]
    assert entries[entries.index(window.members.members_action) + 1] is action
    assert "Followed Country's Rows Only" in window.shortcut_help() and "Ctrl+Shift+M" in window.shortcut_help()
    qtbot.keyClick(window, QtCore.Qt.Key.Key_M, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert state.member_lanes == {"A", "B", "C"}
    state.follow_country("Armenia")
    state.set_time_range(*span("1991", "2016-12"))
    view.relayout()
    every = {lane: list(state.membership.rows(lane)) for lane in state.member_lanes}
    assert all(view.member_row_rect(lane, every[lane][-1]) is not None for lane in every)
    qtbot.keyClick(window, QtCore.Qt.Key.Key_M, CTRL_SHIFT)
    assert state.followed_only and action.isChecked()
    QtWidgets.QApplication.processEvents()
    for lane in sorted(every):
        headers = {h.lane: h for h in view.lane_axis.headers}
        shown = ["Armenia"] if "Armenia" in every[lane] else []
        assert [r[0] for r in headers[lane].rows] == shown
        for country in every[lane]:
            assert (view.member_row_rect(lane, country) is not None) == (country == "Armenia")
    # Armenia's row in Alpha is drawn (lane-coloured) where its span is, 1992-1999
    image = window.view.grab().toImage()
    row = view.member_row_rect("A", "Armenia")
    y = view.mapFromScene(view.view_box.mapToScene(row.center())).y()
    ratio = image.devicePixelRatio()
    colour = image.pixelColor(round(widget_x(view, epoch("1995-01-01")) * ratio), round(y * ratio))
    assert hued(colour)
    for lane in every:  # one row's height under each lane (the lanes share what is left)
        rows = view.member_rows_rect(lane)
        assert rows is None or rows.height() == pytest.approx(view.member_row_rect(lane, "Armenia").height())
    assert "followedRowsOnly=true" in settings_file.read_text()  # kept for the next start
    # an export of this view shows the same
    spec = state.figure_spec(FigureSpec(width=1280, height=720))
    assert spec.followed_only and spec.followed == "Armenia"
    figure = Figure(state.timeline, spec)
    try:
        assert figure.view.member_row_rect("A", "Armenia") is not None
        assert figure.view.member_row_rect("A", "Russia") is None
    finally:
        figure.close()
    qtbot.keyClick(window, QtCore.Qt.Key.Key_M, CTRL_SHIFT)
    assert not state.followed_only
    assert view.member_row_rect("A", "Russia") is not None


def test_uzbekistans_path_fits_one_screen_at_1280x720(qtbot, open_window):
    window = open_window(BUNDLED, size=(1280, 720))
    state, view = window.state, window.view
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    if window.event_list_dock.isVisible():  # the plot's height: the docks below it closed (Ctrl+L)
        qtbot.keyClick(window, QtCore.Qt.Key.Key_L, QtCore.Qt.KeyboardModifier.ControlModifier)
        assert not window.event_list_dock.isVisible()
    state.set_members_shown(True)
    state.follow_country("Uzbekistan")
    state.set_followed_only(True)
    view.relayout()
    QtWidgets.QApplication.processEvents()
    assert view.scroll_bar.isHidden(), "the lanes do not fit the plot"
    for lane in ("CIS", "CSTO", "GUUAM", "SCO"):
        row = view.member_row_rect(lane, "Uzbekistan")
        assert row is not None and 0 <= row.top() and row.bottom() <= view.view_box.height()
        assert [c for c in state.membership.rows(lane) if view.member_row_rect(lane, c) is not None] == ["Uzbekistan"]
    # EurAsEC has no row of Uzbekistan: none of its rows is left drawn over the lane
    assert "Uzbekistan" not in state.membership.rows("EurAsEC")
    assert view.member_rows_rect("EurAsEC") is None
    assert view.member_layer("EurAsEC").rows == [] and view.member_layer("EurAsEC").span_rects() == []
