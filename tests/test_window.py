"""The window on real data: clicks, wheel, lanes, labels, settings, plain text (pytest-qt, offscreen)."""

import itertools

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from conftest import DATA
from timeline_app.core.dates import SECONDS_PER_DAY, day_to_epoch, parse_date
from timeline_app.render.compose import FigureSpec
from timeline_app.render.view import MIN_SPAN, X_MAX, X_MIN
from timeline_app.ui.main_window import format_range


def click(qtbot, view, scene_pos):
    qtbot.mouseClick(view.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=view.mapFromScene(scene_pos))


def wheel(view, scene_pos, delta):
    pos = QtCore.QPointF(view.mapFromScene(scene_pos))
    event = QtGui.QWheelEvent(
        pos,
        QtCore.QPointF(view.viewport().mapToGlobal(pos.toPoint())),
        QtCore.QPoint(),
        QtCore.QPoint(0, delta),
        QtCore.Qt.MouseButton.NoButton,
        QtCore.Qt.KeyboardModifier.NoModifier,
        QtCore.Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QtWidgets.QApplication.sendEvent(view.viewport(), event)


def test_opens_on_the_whole_span_with_five_lanes(open_window):
    window = open_window()
    start, end = window.view.time_range()
    assert start <= day_to_epoch(parse_date("1991").first_day) and end >= day_to_epoch(
        parse_date("2015-12-31").first_day
    )
    assert start >= X_MIN and end <= X_MAX
    assert window.view.visible_lanes == ["CIS", "CSTO", "GUUAM", "SCO", "EurAsEC"]
    assert [h.name for h in window.view.lane_axis.headers] == ["CIS", "CST/CSTO", "GUUAM", "SCO", "EurAsEC"]
    assert (
        window.count_label.text()
        == f"{len(window.timeline.events)} events · {len(window.timeline.events)} in 5 of 5 lanes shown"
    )
    assert window.range_label.text() == format_range(start, end)


def test_clicking_a_glyph_selects_it_and_shows_its_excerpt(qtbot, open_window):
    window = open_window()
    view = window.view
    event = window.timeline.event("cst-signed-1992")
    with qtbot.waitSignal(view.selectionChanged) as blocker:
        click(qtbot, view, view.scene_pos_of(event.id, "CSTO"))
    assert blocker.args == [event.id]
    text = window.details.text()
    assert event.title in text
    assert event.citations[0].excerpt in text
    assert "15 May 1992" in text
    assert event.date.precision_name() in text
    assert any(d.selected and d.key == event.id for d in view.label_layer.labels)


def test_clicking_empty_space_clears_the_selection(qtbot, open_window):
    window = open_window()
    view = window.view
    view.select("cst-signed-1992")
    lane = view.lane_rect("GUUAM")
    empty = view.view_box.mapToScene(
        QtCore.QPointF(view._x_to_px(day_to_epoch(parse_date("1992-06-01").first_day)), lane.bottom() - 5)
    )
    assert view.event_at(empty) is None
    with qtbot.waitSignal(view.selectionChanged) as blocker:
        click(qtbot, view, empty)
    assert blocker.args == [None]
    assert view.selected_id is None
    assert "Click an event" in window.details.text()


def test_clicking_a_label_selects_its_event(qtbot, open_window):
    window = open_window()
    view = window.view
    lane, key, rect = view.label_rects()[0]
    with qtbot.waitSignal(view.selectionChanged) as blocker:
        click(qtbot, view, view.view_box.mapToScene(rect.center()))
    assert blocker.args == [key]


def test_wheel_zooms_time_only_and_stops_at_the_limits(qtbot, open_window):
    window = open_window()
    view = window.view
    y_before = view.view_box.viewRange()[1]
    start, end = view.time_range()
    centre = view.view_box.mapToScene(view.view_box.boundingRect().center())
    wheel(view, centre, 120)
    zoomed = view.time_range()
    assert zoomed[1] - zoomed[0] < end - start
    assert view.view_box.viewRange()[1] == y_before
    for _ in range(200):
        wheel(view, centre, 120)
    span = view.time_range()[1] - view.time_range()[0]
    assert MIN_SPAN * 0.99 <= span <= 8 * SECONDS_PER_DAY
    for _ in range(300):
        wheel(view, centre, -120)
    start, end = view.time_range()
    assert X_MIN - 1 <= start and end <= X_MAX + 1
    assert view.view_box.viewRange()[1] == y_before


def test_drag_pans_time_only(qtbot, open_window):
    window = open_window()
    view = window.view
    view.set_time_range(day_to_epoch(parse_date("1999").first_day), day_to_epoch(parse_date("2002").first_day))
    before, y_before = view.time_range(), view.view_box.viewRange()[1]
    start = view.mapFromScene(view.view_box.mapToScene(view.view_box.boundingRect().center()))
    viewport = view.viewport()
    left = QtCore.Qt.MouseButton.LeftButton
    send = QtWidgets.QApplication.sendEvent
    send(
        viewport,
        QtGui.QMouseEvent(
            QtCore.QEvent.Type.MouseButtonPress,
            QtCore.QPointF(start),
            QtCore.QPointF(viewport.mapToGlobal(start)),
            left,
            left,
            QtCore.Qt.KeyboardModifier.NoModifier,
        ),
    )
    for step in range(1, 11):
        p = QtCore.QPointF(start.x() + 20 * step, start.y() + 7 * step)
        send(
            viewport,
            QtGui.QMouseEvent(
                QtCore.QEvent.Type.MouseMove,
                p,
                QtCore.QPointF(viewport.mapToGlobal(p.toPoint())),
                QtCore.Qt.MouseButton.NoButton,
                left,
                QtCore.Qt.KeyboardModifier.NoModifier,
            ),
        )
    send(
        viewport,
        QtGui.QMouseEvent(
            QtCore.QEvent.Type.MouseButtonRelease,
            p,
            QtCore.QPointF(viewport.mapToGlobal(p.toPoint())),
            left,
            QtCore.Qt.MouseButton.NoButton,
            QtCore.Qt.KeyboardModifier.NoModifier,
        ),
    )
    after = view.time_range()
    assert after[0] < before[0]  # dragged right: earlier dates come into view
    assert after[1] - after[0] == pytest.approx(before[1] - before[0], rel=1e-6)
    assert view.view_box.viewRange()[1] == y_before
    assert view.selected_id is None


def test_home_and_keys(qtbot, open_window):
    window = open_window()
    view = window.view
    home = view.time_range()
    window.zoom_in_action.trigger()
    assert view.time_range()[1] - view.time_range()[0] == pytest.approx((home[1] - home[0]) / 2, rel=1e-3)
    window.zoom_out_action.trigger()
    window.zoom_out_action.trigger()
    window.fit_action.trigger()
    assert view.time_range() == pytest.approx(home)


def test_hiding_a_lane_removes_it_and_survives_a_restart(qtbot, open_window):
    window = open_window()
    view = window.view
    sco = view._lanes["SCO"]
    window.lane_actions["SCO"].setChecked(False)
    assert "SCO" not in view.visible_lanes
    assert not sco.layer.isVisible()
    assert all(lane != "SCO" for lane, _, _ in view.label_rects())
    assert view.lane_rect("EurAsEC").bottom() == pytest.approx(view.view_box.height())  # the others close up
    assert "SCO" not in window.lane_panel.visible()
    window.close()

    again = open_window()
    assert "SCO" not in again.view.visible_lanes
    assert not again.lane_actions["SCO"].isChecked()
    item = again.lane_panel.list.item(3)
    assert item.checkState() == QtCore.Qt.CheckState.Unchecked
    item.setCheckState(QtCore.Qt.CheckState.Checked)  # the panel brings it back
    assert again.view.visible_lanes == ["CIS", "CSTO", "GUUAM", "SCO", "EurAsEC"]
    assert again.view._lanes["SCO"].layer.isVisible() and again.view._lanes["SCO"].layer.markers
    assert again.lane_actions["SCO"].isChecked()


def test_time_range_survives_a_restart(qtbot, open_window):
    window = open_window()
    wanted = (day_to_epoch(parse_date("1999").first_day), day_to_epoch(parse_date("2002").first_day))
    window.view.set_time_range(*wanted)
    window.close()
    again = open_window()
    assert again.view.time_range() == pytest.approx(wanted, abs=SECONDS_PER_DAY)


ZOOMS = [
    ("1990-09", "2016-04"),
    ("1999", "2002"),
    ("1992", "1992"),
    ("1999-04", "1999-04"),
    ("2002-05-10", "2002-05-17"),
]


@pytest.mark.parametrize("first, last", ZOOMS)
def test_no_two_labels_overlap_at_any_zoom(open_window, first, last):
    window = open_window()
    view = window.view
    view.set_time_range(
        day_to_epoch(parse_date(first).first_day), day_to_epoch(parse_date(last).last_day) + SECONDS_PER_DAY
    )
    view.relayout()
    rects = view.label_rects()
    width = view.view_box.width()
    for lane, key, rect in rects:
        lane_rect = view.lane_rect(lane)
        assert 0 <= rect.left() and rect.right() <= width, key
        assert lane_rect.top() <= rect.top() and rect.bottom() <= lane_rect.bottom(), key
    for (_, k1, r1), (_, k2, r2) in itertools.combinations(rects, 2):
        assert not r1.intersects(r2), (k1, k2)


def test_labels_are_hidden_with_a_sign_when_crowded(open_window):
    window = open_window()
    window.resize(700, 450)
    window.view.fit_all()
    QtWidgets.QApplication.processEvents()
    window.view.relayout()
    hidden = {lane: window.view.hidden_label_count(lane) for lane in window.view.visible_lanes}
    assert any(hidden.values())
    notes = {h.name: h.note for h in window.view.lane_axis.headers}
    for lane_id, count in hidden.items():
        name = window.timeline.lane(lane_id).name
        assert notes[name] == (f"+{count} unlabelled" if count else "")


def test_hover_tooltip_gives_title_and_date_as_the_source_gives_it(open_window):
    window = open_window()
    view = window.view
    for event_id, shown in [("cst-signed-1992", "15 May 1992"), ("cst-prolonged-1999", "April 1999")]:
        event = window.timeline.event(event_id)
        tip = view.tooltip_at(view.scene_pos_of(event_id, "CSTO"))
        assert f"<b>{event.title}</b><br>{shown}</p>" in tip


def test_glyphs_of_one_day_are_all_reachable(qtbot, open_window):
    window = open_window(DATA / "tiny.yaml")
    view = window.view
    view.set_time_range(day_to_epoch(parse_date("1995").first_day), day_to_epoch(parse_date("1996").first_day))
    view.relayout()
    spot = view.scene_pos_of("day-event")
    assert view.scene_pos_of("same-day-event") == spot
    assert set(view.events_at(spot)) == {"day-event", "same-day-event"}
    tip = view.tooltip_at(spot)
    assert "A day-precise event" in tip and "Another event of the same day" in tip and "2 events here" in tip
    seen = []
    for _ in range(3):
        click(qtbot, view, spot)
        seen.append(view.selected_id)
    assert set(seen[:2]) == {"day-event", "same-day-event"} and seen[2] == seen[0]


def test_text_from_the_file_is_never_read_as_html(qtbot, open_window):
    window = open_window(DATA / "tiny.yaml")
    view = window.view
    event = window.timeline.event("html-event")
    view.set_time_range(day_to_epoch(parse_date("2010-08").first_day), day_to_epoch(parse_date("2011-08").first_day))
    click(qtbot, view, view.scene_pos_of("html-event"))
    assert view.selected_id == "html-event"
    labels = window.details.findChildren(QtWidgets.QLabel)
    assert all(label.textFormat() == QtCore.Qt.TextFormat.PlainText for label in labels)
    text = window.details.text()
    assert "<b>Bold</b> <img src=x> & co" in text
    assert "<script>alert(1)</script> text" in text
    assert "<i>not italic</i>" in text
    assert [d.text for d in view.label_layer.labels if d.key == "html-event"] == ["<b>Bold</b> <img src=x> & co"]
    tip = view.tooltip_at(view.scene_pos_of("html-event"))
    assert "&lt;b&gt;Bold&lt;/b&gt; &lt;img src=x&gt; &amp; co" in tip and "<img" not in tip


def test_the_panel_says_when_sources_disagree(open_window):
    window = open_window(DATA / "tiny.yaml")
    window.view.select("year-event")
    assert "Sources disagree: 1999 (Roe 2011); May 2000 (Roe 2011)" in window.details.text()
    window.view.select("day-event")
    assert "Sources disagree" not in window.details.text()
    assert "Sources differ in precision: 15 June 1995 (Roe 2011); 1995 (Roe 2011)" in window.details.text()
    assert "Jane Roe, \u201cA test document\u201d, Test Press, August 2011, p. 1" in window.details.text()


def test_precision_is_drawn_as_a_bar_for_months_years_and_periods(open_window):
    window = open_window(DATA / "tiny.yaml")
    lane_a, lane_b = window.view._lanes["A"], window.view._lanes["B"]
    assert dict(zip([e.id for e in lane_a.events], lane_a.has_bar)) == {
        "day-event": False,
        "same-day-event": False,
        "year-event": True,
    }
    year = lane_a.events.index(window.timeline.event("year-event"))
    assert lane_a.x0[year] == day_to_epoch(parse_date("1999").first_day)
    assert lane_a.x1[year] == day_to_epoch(parse_date("2000").first_day)
    period = lane_b.events.index(window.timeline.event("period-event"))
    assert lane_b.x1[period] == day_to_epoch(parse_date("2006").first_day)


def test_a_broken_file_keeps_the_last_good_data(tmp_path, open_window):
    window = open_window()
    count = len(window.timeline.events)
    broken = tmp_path / "broken.yaml"
    broken.write_text("version: 1\nlanes: [\n")
    assert not window.open_file(broken)
    assert len(window.timeline.events) == count
    assert window.banner.isVisible() and "showing the last good version" in window.banner.label.text()
    assert "YAML syntax error" in window.problem_list.item(0).text()


def test_export_from_the_window_uses_the_shared_renderer(tmp_path, open_window):
    window = open_window()
    window.view.select("cst-signed-1992")
    out = tmp_path / "view.png"
    assert window.export_to(out, FigureSpec(1280, 720))
    image = QtGui.QImage(str(out))
    assert (image.width(), image.height()) == (1280, 720)
    assert not window.export_to(tmp_path / "view.bmpx")
    assert not (tmp_path / "view.bmpx").exists()


def test_format_range():
    d = lambda t: day_to_epoch(parse_date(t).first_day)  # noqa: E731
    assert format_range(d("1991"), d("2016")) == "1991 \u2013 2015"
    assert format_range(d("1999-04"), d("2002-03")) == "Apr 1999 \u2013 Feb 2002"
    assert format_range(d("1999-04-03"), d("1999-04-10")) == "3 Apr 1999 \u2013 9 Apr 1999"


@pytest.mark.parametrize(
    "first, last, expected",
    [
        ("1991", "2015", {"1992", "2000", "2014"}),
        ("1999", "2001", {"2000", "Apr", "Jul"}),
        ("2001-03", "2001-09", {"Apr 2001", "Jul 2001"}),
        ("1999-03", "1999-05", {"Apr 1999", "May 1999", "10", "20"}),
        ("2002-05-10", "2002-05-16", {"13 May 2002"}),
    ],
)
def test_date_axis_adapts_to_the_zoom_and_always_shows_the_year(qapp, first, last, expected):
    from timeline_app.render.axes import DateAxis

    axis = DateAxis()
    start, end = day_to_epoch(parse_date(first).first_day), day_to_epoch(parse_date(last).last_day) + SECONDS_PER_DAY
    labels = set()
    for spacing, values in axis.tickValues(start, end, 1200):
        noon = spacing < 28 * SECONDS_PER_DAY
        assert all(
            v % SECONDS_PER_DAY == (SECONDS_PER_DAY / 2 if noon else 0) for v in values
        )  # days at noon, the rest at midnight
        labels.update(axis.tickStrings(values, 1, spacing))
    assert expected <= labels
    assert any(first[:4] in label for label in labels)  # the year is always on the axis
    assert not any(":" in label for label in labels)  # never a time of day
    assert "31" not in labels and "30" not in labels  # no day number next to the next month's name


def test_eras_are_labelled_bands_at_the_top_of_their_lane(open_window):
    window = open_window(DATA / "tiny.yaml")
    view = window.view
    view.set_time_range(day_to_epoch(parse_date("1990").first_day), day_to_epoch(parse_date("2012").first_day))
    view.relayout()
    eras = view.era_rects()
    assert [(lane, name) for lane, name, _ in eras] == [("A", "Old Alpha"), ("A", "New Alpha")]
    (_, _, old), (_, _, new) = eras
    lane = view.lane_rect("A")
    assert (
        lane.top() < old.top()
        and old.bottom() < view.scene_pos_of("day-event").y() - view.view_box.sceneBoundingRect().top()
    )
    assert old.right() == pytest.approx(new.left())
    assert new.left() == pytest.approx(view._x_to_px(day_to_epoch(parse_date("2001-03").first_day)))
    assert new.right() == pytest.approx(view.view_box.width())  # the current era runs on
    # panned so that an era starts off-screen, its band (and name) still begins at the left edge
    view.set_time_range(day_to_epoch(parse_date("2003").first_day), day_to_epoch(parse_date("2005").first_day))
    view.relayout()
    assert [(name, rect.left()) for _, name, rect in view.era_rects()] == [("New Alpha", 0.0)]


def test_tooltip_answers_qts_own_tooltip_event(qtbot, open_window):
    """Qt asks for a tooltip when the mouse rests (QEvent.ToolTip); the view answers it, so the
    tooltip is not hidden again by the scene. (Checked by hand under Xvfb: it stays.)"""
    window = open_window()
    view = window.view
    pos = view.mapFromScene(view.scene_pos_of("cst-signed-1992", "CSTO"))
    global_pos = view.viewport().mapToGlobal(pos)
    QtWidgets.QApplication.sendEvent(view.viewport(), QtGui.QHelpEvent(QtCore.QEvent.Type.ToolTip, pos, global_pos))
    qtbot.waitUntil(QtWidgets.QToolTip.isVisible)
    assert "Collective Security Treaty signed in Tashkent" in QtWidgets.QToolTip.text()
    empty = view.mapFromScene(view.view_box.mapToScene(QtCore.QPointF(5, view.lane_rect("GUUAM").bottom() - 5)))
    QtWidgets.QApplication.sendEvent(
        view.viewport(), QtGui.QHelpEvent(QtCore.QEvent.Type.ToolTip, empty, view.viewport().mapToGlobal(empty))
    )
    qtbot.waitUntil(lambda: not QtWidgets.QToolTip.isVisible())


def test_lane_names_and_titles_are_shown_literally(tmp_path, open_window):
    text = (
        (DATA / "tiny.yaml")
        .read_text()
        .replace("name: Beta", 'name: "R&D <b>Beta</b>", title: "<i>tip</i> <img src=x>"')
    )
    path = tmp_path / "lanes.yaml"
    path.write_text(text)
    window = open_window(path)
    assert window.lane_actions["B"].text() == "R&&D <b>Beta</b>"  # '&&' shows as one literal '&'
    item = window.lane_panel.list.item(1)
    assert item.text().startswith("R&D <b>Beta</b>")
    assert "&lt;i&gt;tip&lt;/i&gt; &lt;img src=x&gt;" in item.toolTip() and "<img" not in item.toolTip()
    assert "R&D <b>Beta</b>" in [h.name for h in window.view.lane_axis.headers]


def test_empty_states_say_what_is_going_on(qtbot, open_window, tmp_path):
    window = open_window()
    window.view.select("cst-signed-1992")
    window.set_visible_lanes([])
    assert "All lanes are hidden" in window.view.label_layer.message
    assert window.view.selected_id is None and "Click an event" in window.details.text()
    window.set_visible_lanes(["SCO"])
    assert window.view.label_layer.message == ""
    broken = tmp_path / "broken.yaml"
    broken.write_text("version: 1\nlanes: [\n")
    fresh = open_window(broken)
    assert fresh.view.label_layer.message == "No data"
    assert fresh.count_label.text().startswith("No data: broken.yaml has 1 problem")
    assert fresh.banner.isVisible() and fresh.problem_list.count() == 1
    assert not fresh.export_to(tmp_path / "x.png")
    assert fresh.problems_shown[-1] == "No data is loaded: open an events file first."


def test_a_wrong_settings_file_does_not_stop_the_app(settings_file, open_window):
    settings_file.write_text("[window]\ngeometry=not a geometry\nstate=@Invalid()\n[view]\nrange=abc\nhiddenLanes=42\n")
    window = open_window()
    assert window.timeline is not None and window.isVisible()


def test_theme_switches_and_persists(qtbot, open_window):
    window = open_window()
    window.theme_actions["slide"].trigger()
    assert window.view.theme.name == "slide" and window.view.theme.label_pt > 10
    window.close()
    again = open_window()
    assert again.view.theme.name == "slide" and again.theme_actions["slide"].isChecked()
    again.theme_actions["screen"].trigger()
    assert again.view.theme.name == "screen"


def test_copy_image_puts_the_export_on_the_clipboard(qtbot, open_window):
    window = open_window()
    QtGui.QGuiApplication.clipboard().clear()
    window.copy_action.trigger()
    image = QtGui.QGuiApplication.clipboard().image()
    assert (image.width(), image.height()) == (1920, 1080)


def test_presentation_mode_hides_the_chrome_and_shows_a_card(qtbot, open_window):
    window = open_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.view.select("cst-signed-1992")
    normal_pt = window.view.theme.label_pt
    window.present_action.trigger()
    assert window.presenting and window.isFullScreen()
    assert not window.menuBar().isVisible() and not window.toolbar.isVisible()
    assert not window.lanes_dock.isVisible() and not window.details_dock.isVisible()
    assert window.view.theme.label_pt > normal_pt
    assert (
        window.card.isVisible() and window.timeline.event("cst-signed-1992").citations[0].excerpt in window.card.text()
    )
    window.view.select("sco-founded-2001")
    assert "Shanghai Cooperation Organisation established" in window.card.text()
    qtbot.waitUntil(window.view.hasFocus)
    qtbot.keyClick(window.view, QtCore.Qt.Key.Key_Escape)
    assert not window.presenting and not window.isFullScreen()
    assert window.menuBar().isVisible() and window.details_dock.isVisible() and not window.card.isVisible()
    assert window.view.theme.label_pt == normal_pt
    assert window.view.selected_id == "sco-founded-2001"  # Esc left presentation, it did not clear
