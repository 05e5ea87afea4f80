"""The window as a user drives it (pytest-qt, offscreen), on the fixture files in tests/data.

Positions come from the plot's own axis (the view box's data-to-scene mapping), and what is
drawn is read from grabbed pixels, so a glyph drawn off its date, or not drawn, fails here."""

import importlib
import itertools

import pytest
from picture import click, click_scene, drag, epoch, glyph_at, grab, lane_band, noon, span, wheel, widget_x
from PySide6 import QtCore, QtGui, QtWidgets

from conftest import LANES, TINY
from timeline_app.core.dates import SECONDS_PER_DAY, format_range
from timeline_app.core.span import HOME_RANGE, MIN_SPAN, X_MAX, X_MIN

COLOURS = {"A": "#0072B2", "B": "#D55E00", "C": "#009E73", "D": "#CC79A7", "E": "#E69F00"}


def show(window, first, last):
    window.state.set_time_range(*span(first, last))
    window.view.relayout()


def test_opens_on_the_whole_span_with_five_lanes(open_window):
    window = open_window()
    start, end = window.view.time_range()
    assert (start, end) == pytest.approx(HOME_RANGE)
    assert window.state.time_range == pytest.approx(HOME_RANGE)
    assert window.view.visible_lanes == ["A", "B", "C", "D", "E"]
    assert [h.name for h in window.view.lane_axis.headers] == ["Alliance", "Bloc", "Council", "Dialogue", "Economy"]
    events = len(window.state.timeline.events)
    assert window.count_label.text() == f"{events} events · {events} in 5 of 5 lanes shown"
    assert window.range_label.text() == format_range(start, end) == "1990 \u2013 2016"
    assert window.windowTitle().startswith("lanes.yaml")


# --- what is drawn, where -----------------------------------------------------------------
def test_a_glyph_is_drawn_at_its_date_and_clicking_it_shows_its_excerpt(qtbot, open_window):
    """The event's day is mapped through the axis; the lane's colour must be there in the
    grabbed pixels, and a real click there must select it and show its excerpt."""
    window = open_window()
    view = window.view
    show(window, "1995-06", "1997-05")
    event = window.state.timeline.event("shared-treaty")
    for lane in ("A", "B"):  # drawn in each of its lanes
        point = glyph_at(view, lane, noon("1996-06-12"), COLOURS[lane])
        assert point is not None, f"no {lane} glyph at 12 June 1996"
        top, bottom = lane_band(view, lane)
        assert top < point.y() < (top + bottom) / 2
    # nothing of lane A's colour a month either side: the glyph is not smeared or doubled
    assert glyph_at(view, "A", noon("1996-05-12"), COLOURS["A"]) is None
    assert glyph_at(view, "A", noon("1996-07-12"), COLOURS["A"]) is None
    click(qtbot, view, glyph_at(view, "A", noon("1996-06-12"), COLOURS["A"]))
    assert window.state.selected == "shared-treaty"
    text = window.details.text()
    assert event.title in text and event.citations[0].excerpt in text
    assert "12 June 1996" in text and "known to the day" in text
    assert any(d.selected and d.key == event.id for d in view.label_layer.labels)


@pytest.mark.parametrize(
    "event_id, lane, shown, on_bar, marker",
    [
        ("month-event", "C", ("2003-10", "2004-08"), "2004-03-04", "2004-03-16"),  # a month: bar across March
        ("b00", "B", ("1992-07", "1994-06"), "1993-02-10", "1993-07-02"),  # a year: bar across 1993
        ("period-event", "B", ("1998-01", "2004-06"), "2000-06-01", "1999-02-15"),  # a period 1999-02 to 2003
    ],
)
def test_month_year_and_period_bars_are_drawn_and_clickable(qtbot, open_window, event_id, lane, shown, on_bar, marker):
    window = open_window()
    view = window.view
    show(window, *shown)
    image = grab(view)
    top, bottom = lane_band(view, lane)
    rows = range(int(top) + 1, int((top + bottom) / 2))
    # the bar crosses the column of a day inside the span: one short run of the lane's colour
    x_bar = round(widget_x(view, noon(on_bar)))
    run = [y for y in rows if _lane_coloured(image, x_bar, y, COLOURS[lane], top)]
    assert run and run[-1] - run[0] <= 8, f"no bar of {event_id} at {on_bar}: {run}"
    row = run[len(run) // 2]
    # ... but not a column just before the span begins (its bracket stands at the first day)
    first = window.state.timeline.event(event_id).first_day
    x_before = round(widget_x(view, epoch(first.isoformat()))) - 6
    assert not any(_lane_coloured(image, x_before, y, COLOURS[lane], top) for y in range(row - 3, row + 4))
    # the hollow marker stands on that row at the middle of the span, away from where we click
    x_marker = round(widget_x(view, noon(marker)))
    assert abs(x_bar - x_marker) > 20
    near = [(x, y) for x in range(x_marker - 3, x_marker + 4) for y in range(row - 8, row + 9)]
    assert any(_lane_coloured(image, x, y, COLOURS[lane], top) for x, y in near), f"no marker at {marker}"
    click(qtbot, view, QtCore.QPoint(x_bar, row))
    assert window.state.selected == event_id
    assert window.state.timeline.event(event_id).citations[0].excerpt in window.details.text()


def _lane_coloured(image, x, y, colour, band_top):
    """The pixel is the lane's colour laid over the band's background (a translucent bar, an
    outline, a bracket): on the line from the background towards that colour, far enough
    along it, and not off it (as black text and grey lines are)."""
    pixel, lane = image.pixelColor(x, y), QtGui.QColor(colour)
    background = image.pixelColor(x, round(band_top) + 2)
    d = [pixel.red() - background.red(), pixel.green() - background.green(), pixel.blue() - background.blue()]
    u = [lane.red() - background.red(), lane.green() - background.green(), lane.blue() - background.blue()]
    along = sum(a * b for a, b in zip(d, u, strict=True)) / max(sum(b * b for b in u), 1)
    off = sum((a - along * b) ** 2 for a, b in zip(d, u, strict=True)) ** 0.5
    return 0.25 <= along <= 2.0 and off < 40


def test_clicking_empty_space_clears_the_selection(qtbot, open_window):
    window = open_window()
    view = window.view
    window.state.select("shared-treaty")
    top, bottom = lane_band(view, "C")
    click(qtbot, view, QtCore.QPoint(round(widget_x(view, epoch("1992-06-01"))), round(bottom - 4)))
    assert window.state.selected is None
    assert "Click an event" in window.details.text()


def test_clicking_a_label_selects_its_event(qtbot, open_window):
    window = open_window()
    view = window.view
    _lane, key, rect = view.label_rects()[0]
    click_scene(qtbot, view, view.view_box.mapToScene(rect.center()))
    assert window.state.selected == key


def test_selecting_changes_only_the_ring_and_the_label(monkeypatch, open_window):
    """A new selection re-places no label, except in a lane where it had no label."""
    import timeline_app.render.view as view_module

    window = open_window(size=(900, 600))
    view = window.view
    window.event_list_dock.hide()  # labels need the height of a small window
    QtWidgets.QApplication.processEvents()
    view.relayout()
    calls = []
    real = view_module.place_labels
    monkeypatch.setattr(view_module, "place_labels", lambda *a, **k: calls.append(1) or real(*a, **k))
    labelled = [key for _, key, _ in view.label_rects()]
    before = {key: rect for _, key, rect in view.label_rects()}
    window.state.select(labelled[0])
    assert calls == []
    assert {key: rect for _, key, rect in view.label_rects()} == before  # nothing moved
    assert [d.key for d in view.label_layer.labels if d.selected] == [labelled[0]]
    ring_lanes = [lane for lane in view.visible_lanes if view.glyph_layer(lane).rings]
    assert ring_lanes == list(window.state.timeline.event(labelled[0]).lanes)[:1]
    unlabelled = next(
        e.id for e in window.state.shown_events() if e.id not in before and len(e.lanes) == 1 and e.end is None
    )
    window.state.select(unlabelled)
    assert len(calls) in (1, 2)  # its one lane, placed again (twice when it must be given the first place)
    assert [d.key for d in view.label_layer.labels if d.selected] == [unlabelled]
    window.state.select(None)
    assert not any(d.selected for d in view.label_layer.labels)
    assert not any(view.glyph_layer(lane).rings for lane in view.visible_lanes)


# --- pointer and keys ---------------------------------------------------------------------
def test_wheel_zooms_time_only_and_stops_at_the_limits(open_window):
    window = open_window()
    view = window.view
    y_before = view.view_box.viewRange()[1]
    start, end = view.time_range()
    centre = view.mapFromScene(view.view_box.mapToScene(view.view_box.boundingRect().center()))
    wheel(view, centre, 120)
    zoomed = window.state.time_range
    assert zoomed[1] - zoomed[0] < end - start
    assert view.view_box.viewRange()[1] == y_before
    for _ in range(200):
        wheel(view, centre, 120)
    start, end = window.state.time_range
    assert MIN_SPAN * 0.99 <= end - start <= 8 * SECONDS_PER_DAY
    for _ in range(300):
        wheel(view, centre, -120)
    start, end = window.state.time_range
    assert X_MIN - 1 <= start and end <= X_MAX + 1
    assert view.view_box.viewRange()[1] == y_before


def test_drag_pans_time_only_by_the_distance_dragged(open_window):
    window = open_window()
    view = window.view
    show(window, "1999", "2001")
    before, y_before = window.state.time_range, view.view_box.viewRange()[1]
    x_1999 = widget_x(view, epoch("2000-01-01"))
    start = view.mapFromScene(view.view_box.mapToScene(view.view_box.boundingRect().center()))
    drag(view, start, 200, 70)
    after = window.state.time_range
    assert after[0] < before[0]  # dragged right: earlier dates come into view
    assert after[1] - after[0] == pytest.approx(before[1] - before[0], rel=1e-6)
    assert widget_x(view, epoch("2000-01-01")) == pytest.approx(x_1999 + 200, abs=2)  # the date moved with the hand
    assert view.view_box.viewRange()[1] == y_before
    assert window.state.selected is None


def press(qtbot, widget, key, modifier=QtCore.Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(widget, key, modifier)
    QtWidgets.QApplication.processEvents()


def test_every_shortcut_does_its_job(qtbot, open_window, tmp_path):
    """Real key presses, one per shortcut of every action; the last assertion checks that no
    shortcut of the window went untried."""
    Key, Mod = QtCore.Qt.Key, QtCore.Qt.KeyboardModifier
    path = tmp_path / "events.yaml"
    path.write_text(LANES.read_text(encoding="utf-8"), encoding="utf-8")
    window = open_window(path)
    view = window.view
    window.activateWindow()
    view.setFocus()
    qtbot.waitUntil(lambda: window.isActiveWindow() and view.hasFocus())
    tried = set()

    def key(k, m=Mod.NoModifier):
        tried.add(QtGui.QKeySequence(QtCore.QKeyCombination(m, k)).toString())
        press(qtbot, view, k, m)

    width = lambda: window.state.time_range[1] - window.state.time_range[0]  # noqa: E731
    home = width()
    for k, m in ((Key.Key_Plus, Mod.NoModifier), (Key.Key_Equal, Mod.NoModifier), (Key.Key_Plus, Mod.ControlModifier)):
        before = width()
        key(k, m)
        assert width() == pytest.approx(before / 2, rel=1e-3), (k, m)
    for k, m in ((Key.Key_Minus, Mod.NoModifier), (Key.Key_Minus, Mod.ControlModifier)):
        before = width()
        key(k, m)
        assert width() == pytest.approx(before * 2, rel=1e-3), (k, m)
    start = window.state.time_range[0]
    key(Key.Key_Left)
    assert window.state.time_range[0] == pytest.approx(start - 0.2 * width(), rel=1e-6)
    key(Key.Key_Right)
    key(Key.Key_Right)
    assert window.state.time_range[0] == pytest.approx(start + 0.2 * width(), rel=1e-6)
    key(Key.Key_Home)
    assert width() == pytest.approx(home) and window.state.time_range == pytest.approx(HOME_RANGE)

    window.state.select("shared-treaty")
    key(Key.Key_Escape)
    assert window.state.selected is None

    path.write_text(path.read_text().replace("Treaty shared by Alliance and Bloc", "Edited on disk"), encoding="utf-8")
    key(Key.Key_F5)  # read at once, before the watcher's timer
    assert window.state.timeline.event("shared-treaty").title == "Edited on disk"
    path.write_text(path.read_text().replace("Edited on disk", "Edited again"), encoding="utf-8")
    key(Key.Key_R, Mod.ControlModifier)
    assert window.state.timeline.event("shared-treaty").title == "Edited again"

    window.answers["open"] = TINY
    key(Key.Key_O, Mod.ControlModifier)
    assert window.document.path == TINY and window.state.timeline.event("day-event") is not None

    from timeline_app.core.figure import FigureSpec

    out = tmp_path / "exported.png"
    window.answers["export"] = (FigureSpec(640, 360), out)
    key(Key.Key_E, Mod.ControlModifier)
    assert QtGui.QImage(str(out)).size() == QtCore.QSize(640, 360)
    assert window.answers["export folder"] == str(TINY.parent)  # first export: beside the data
    key(Key.Key_E, Mod.ControlModifier)
    assert window.answers["export folder"] == str(tmp_path)  # then where the last one went

    QtGui.QGuiApplication.clipboard().clear()
    key(Key.Key_C, Mod.ControlModifier | Mod.ShiftModifier)
    assert not QtGui.QGuiApplication.clipboard().image().isNull()

    window.state.filter_by("kinds", "other")
    key(Key.Key_Backspace, Mod.ControlModifier | Mod.ShiftModifier)
    assert not window.state.filters.active
    key(Key.Key_F, Mod.ControlModifier | Mod.ShiftModifier)
    assert not window.filters_dock.visibleRegion().isEmpty() and window.filter_panel.countries.hasFocus()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)

    key(Key.Key_F11)
    assert window.presenting and window.isFullScreen()
    qtbot.waitUntil(view.hasFocus)
    key(Key.Key_Escape)  # leaves presentation mode (and does not clear)
    assert not window.presenting

    key(Key.Key_Q, Mod.ControlModifier)
    assert not window.isVisible()

    native = QtGui.QKeySequence.SequenceFormat.PortableText
    every = {s.toString(native) for a in window.actions() + view.actions() for s in a.shortcuts()}
    elsewhere = {}
    for keys, where in KEYS_TESTED_ELSEWHERE.items():
        module, name = where.split("::")
        assert hasattr(importlib.import_module(module), name), f"{keys}: no test {where}"
        elsewhere.update(dict.fromkeys(keys.split(" "), where))
    assert every <= tried | set(elsewhere), f"shortcuts without a key test: {sorted(every - tried - set(elsewhere))}"


#: Shortcuts pressed as real keys by tests of other modules (feature by feature), and where.
KEYS_TESTED_ELSEWHERE = {
    "Ctrl+F F3 Shift+F3": "test_find::test_typing_in_the_search_field_finds_and_steps_through_matches",
    "N P Ctrl+Right Ctrl+Left C": "test_find::test_walking_from_event_to_event_with_the_keyboard",
    "Ctrl+Up Ctrl+Down": "test_find::test_walking_from_lane_to_lane",
    "Alt+Left Alt+Right": "test_find::test_back_and_forward_through_earlier_views",
    "Ctrl+G": "test_find::test_go_to_shows_exactly_the_dates_typed",
    "F1": "test_find::test_keyboard_shortcuts_lists_every_action",
    "Ctrl+L": "test_event_list::test_the_list_is_a_dock_that_view_event_list_and_ctrl_l_toggle",
    "Ctrl+, Settings": "test_reader::test_preferences_open_with_their_keys",
    "Ctrl+M": "test_membership_ui::test_ctrl_m_shows_and_hides_the_member_rows_of_every_lane",
    "Ctrl+Shift+Y": "test_membership_ui::test_tools_follow_country_takes_any_spelling_and_stop_following_ends_it",
    "Ctrl+Shift+M": "test_membership_polish::test_followed_rows_only_from_the_view_menu_shows_one_row_a_lane",
    "Up Down PgUp PgDown": "test_plot_scroll::test_keys_scroll_while_the_plot_has_focus",
    "Ctrl+P": "test_print::test_ctrl_p_prints_the_figure_on_one_landscape_page",
    "Ctrl+B": "test_tour_ui::test_ctrl_b_adds_the_view_as_a_stop_after_the_chosen_one",
    "Ctrl+Shift+B": "test_tour_ui::test_update_stop_from_view_keeps_heading_and_note",
    "Ctrl+N Ctrl+S Ctrl+Shift+O": "test_tour_ui::test_save_and_reopen_round_trip_through_the_file_menu",
    "Ctrl+Shift+S": "test_tour_ui::test_save_as_writes_the_events_file_relative_to_the_new_place",
    "Ctrl+Z": "test_tour_ui::test_del_deletes_a_stop_and_ctrl_z_brings_it_back",
    "Ctrl+PgDown Ctrl+PgUp Ctrl+Shift+T": "test_tour_ui::test_ctrl_page_keys_step_and_ctrl_shift_t_shows_the_panel",
    "Shift+F11": "test_tour_ui::test_the_presenter_view_shows_the_note_and_the_next_stop",
}


# --- lanes and settings -------------------------------------------------------------------
def test_hiding_a_lane_removes_it_and_is_remembered_for_this_file(qtbot, open_window):
    window = open_window()
    view = window.view
    window.lane_actions["D"].setChecked(False)
    assert window.state.visible_lanes == ("A", "B", "C", "E")
    assert not view.glyph_layer("D").isVisible()
    assert all(lane != "D" for lane, _, _ in view.label_rects())
    assert lane_band(view, "E")[1] == pytest.approx(
        view.mapFromScene(view.view_box.sceneBoundingRect().bottomLeft()).y(), abs=1
    )
    assert "D" not in window.lane_panel.checked()
    # remembered at once, without closing: a second window (after a crash, say) has it
    again = open_window()
    assert again.state.visible_lanes == ("A", "B", "C", "E")
    assert not again.lane_actions["D"].isChecked()
    item = again.lane_panel.list.item(3)
    assert item.checkState() == QtCore.Qt.CheckState.Unchecked
    item.setCheckState(QtCore.Qt.CheckState.Checked)  # the panel brings it back
    assert again.state.visible_lanes == ("A", "B", "C", "D", "E")
    assert again.view.glyph_layer("D").isVisible() and again.view.glyph_layer("D").markers
    assert again.lane_actions["D"].isChecked()
    # lanes are remembered per file: hiding A here does not hide the tiny file's A
    again.lane_actions["A"].setChecked(False)
    other = open_window(TINY)
    assert other.state.visible_lanes == ("A", "B")
    assert open_window().state.visible_lanes == ("B", "C", "D", "E")


def test_time_range_survives_a_restart(open_window):
    window = open_window()
    wanted = span("1999", "2001")
    window.state.set_time_range(*wanted)
    window.close()
    again = open_window()
    assert again.view.time_range() == pytest.approx(wanted, abs=SECONDS_PER_DAY)


def test_a_wrong_settings_file_reads_as_the_defaults(settings_file, open_window):
    settings_file.write_text(
        "[window]\ngeometry=not a geometry\nstate=@Invalid()\n"
        "[view]\nrange=abc\nhiddenLanesByFile=42\ntheme=neon\n[file]\nrecent=7\n"
    )
    window = open_window()
    assert window.state.timeline is not None and window.isVisible()
    assert window.state.time_range == pytest.approx(HOME_RANGE)
    assert window.state.visible_lanes == ("A", "B", "C", "D", "E")
    assert window.state.theme == "screen"


# --- labels -------------------------------------------------------------------------------
ZOOMS = [
    ("1990-09", "2016-04"),
    ("1999", "2002"),
    ("1996", "1996"),
    ("2004-03", "2004-03"),
    ("1996-06-10", "1996-06-17"),
]


@pytest.mark.parametrize("first, last", ZOOMS)
def test_no_two_labels_overlap_at_any_zoom(open_window, first, last):
    window = open_window()
    view = window.view
    show(window, first, last)
    rects = view.label_rects()
    width = view.view_box.width()
    for lane, key, rect in rects:
        lane_rect = view.lane_rect(lane)
        assert 0 <= rect.left() and rect.right() <= width, key
        assert lane_rect.top() <= rect.top() and rect.bottom() <= lane_rect.bottom(), key
    for (_, k1, r1), (_, k2, r2) in itertools.combinations(rects, 2):
        assert not r1.intersects(r2), (k1, k2)


def test_labels_are_hidden_with_a_sign_when_crowded(open_window):
    window = open_window(size=(700, 450))
    window.view.relayout()
    hidden = {lane: window.view.hidden_label_count(lane) for lane in window.view.visible_lanes}
    assert any(hidden.values())
    notes = {h.name: h.note for h in window.view.lane_axis.headers}
    for lane_id, count in hidden.items():
        name = window.state.timeline.lane(lane_id).name
        assert notes[name] == (f"+{count} unlabelled" if count else "")


def test_hover_tooltip_gives_title_and_date_as_the_source_gives_it(open_window):
    window = open_window()
    view = window.view
    for event_id, lane, shown in [("shared-treaty", "B", "12 June 1996"), ("month-event", "C", "March 2004")]:
        event = window.state.timeline.event(event_id)
        tip = view.tooltip_at(view.scene_pos_of(event_id, lane))
        assert f"<b>{event.title}</b><br>{shown}</p>" in tip


def test_glyphs_of_one_day_are_all_reachable(qtbot, open_window):
    window = open_window(TINY)
    view = window.view
    show(window, "1995", "1995")
    spot = glyph_at(view, "A", noon("1995-06-15"), "#0072B2")
    assert spot is not None
    scene = view.mapToScene(spot)
    assert set(view.events_at(scene)) == {"day-event", "same-day-event"}
    tip = view.tooltip_at(scene)
    assert "A day-precise event" in tip and "Another event of the same day" in tip and "2 events here" in tip
    seen = []
    for _ in range(3):
        click(qtbot, view, spot)
        seen.append(window.state.selected)
    assert set(seen[:2]) == {"day-event", "same-day-event"} and seen[2] == seen[0]


def test_text_from_the_file_is_never_read_as_html(qtbot, open_window):
    window = open_window(TINY)
    view = window.view
    show(window, "2010-08", "2011-07")
    click_scene(qtbot, view, view.scene_pos_of("html-event"))
    assert window.state.selected == "html-event"
    labels = window.details.findChildren(QtWidgets.QLabel)
    for label in labels:  # plain text, or names that lead to filters: links whose text is escaped
        if label.textFormat() != QtCore.Qt.TextFormat.PlainText:
            shown = QtGui.QTextDocumentFragment.fromHtml(label.text()).toPlainText()
            assert shown.split() == label.property("plainText").split(), label.text()
    text = window.details.text()
    assert "<b>Bold</b> <img src=x> & co" in text
    assert "<script>alert(1)</script> text" in text
    assert "<i>not italic</i>" in text
    assert [d.text for d in view.label_layer.labels if d.key == "html-event"] == ["<b>Bold</b> <img src=x> & co"]
    tip = view.tooltip_at(view.scene_pos_of("html-event"))
    assert "&lt;b&gt;Bold&lt;/b&gt; &lt;img src=x&gt; &amp; co" in tip and "<img" not in tip


def test_the_panel_says_when_sources_disagree(open_window):
    window = open_window(TINY)
    window.state.select("year-event")
    assert "Sources disagree: 1999 (Roe 2011); May 2000 (Roe 2011)" in window.details.text()
    window.state.select("day-event")
    assert "Sources disagree" not in window.details.text()
    assert "Sources differ in precision: 15 June 1995 (Roe 2011); 1995 (Roe 2011)" in window.details.text()
    assert "Jane Roe, \u201cA test document\u201d, Test Press, August 2011, p. 1" in window.details.text()


def test_a_broken_file_keeps_the_last_good_data(tmp_path, open_window):
    window = open_window()
    count = len(window.state.timeline.events)
    broken = tmp_path / "broken.yaml"
    broken.write_text("version: 1\nlanes: [\n")
    assert not window.open_file(broken)
    assert len(window.state.timeline.events) == count
    assert window.banner.isVisible()
    assert window.banner.label.text().startswith(
        "broken.yaml has 1 problem; still showing lanes.yaml as it was last read."
    )
    assert window.windowTitle().startswith("lanes.yaml")
    assert "YAML syntax error" in window.problem_list.item(0).text()


def test_date_axis_adapts_to_the_zoom_and_always_shows_the_year(qapp):
    from timeline_app.render.axes import DateAxis

    cases = [
        ("1991", "2015", {"1992", "2000", "2014"}),
        ("1999", "2001", {"2000", "Apr", "Jul"}),
        ("2001-03", "2001-09", {"Apr 2001", "Jul 2001"}),
        ("1999-03", "1999-05", {"Apr 1999", "May 1999", "10", "20"}),
        ("2002-05-10", "2002-05-16", {"13 May 2002"}),
    ]
    for first, last, expected in cases:
        axis = DateAxis()
        start, end = span(first, last)
        labels = set()
        for spacing, values in axis.tickValues(start, end, 1200):
            noon_ticks = spacing < 28 * SECONDS_PER_DAY
            assert all(v % SECONDS_PER_DAY == (SECONDS_PER_DAY / 2 if noon_ticks else 0) for v in values)
            labels.update(axis.tickStrings(values, 1, spacing))
        assert expected <= labels
        assert any(first[:4] in label for label in labels)  # the year is always on the axis
        assert not any(":" in label for label in labels)  # never a time of day
        assert "31" not in labels and "30" not in labels  # no day number next to the next month's name


def test_eras_are_labelled_bands_at_the_top_of_their_lane(open_window):
    window = open_window(TINY)
    view = window.view
    show(window, "1990", "2011")
    eras = view.era_rects()
    assert [(lane, name) for lane, name, _ in eras] == [("A", "Old Alpha"), ("A", "New Alpha")]
    (_, _, old), (_, _, new) = eras
    lane = view.lane_rect("A")
    assert lane.top() < old.top() and old.bottom() < view.glyph_row("A")
    assert old.right() == pytest.approx(new.left())
    left_in_viewport = view.mapFromScene(view.view_box.mapToScene(new.topLeft())).x()
    assert left_in_viewport == pytest.approx(widget_x(view, epoch("2001-03")), abs=1)
    assert new.right() == pytest.approx(view.view_box.width())  # the current era runs on
    show(window, "2003", "2004")  # an era that starts off-screen still begins at the left edge
    assert [(name, rect.left()) for _, name, rect in view.era_rects()] == [("New Alpha", 0.0)]


def test_tooltip_answers_qts_own_tooltip_event(qtbot, open_window):
    """Qt asks for a tooltip when the mouse rests (QEvent.ToolTip); the view answers it, so the
    tooltip is not hidden again by the scene. (Checked by hand under Xvfb: it stays.)"""
    window = open_window()
    view = window.view
    show(window, "1995-06", "1997-05")
    pos = glyph_at(view, "A", noon("1996-06-12"), COLOURS["A"])
    QtWidgets.QApplication.sendEvent(
        view.viewport(), QtGui.QHelpEvent(QtCore.QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
    )
    qtbot.waitUntil(QtWidgets.QToolTip.isVisible)
    assert "Treaty shared by Alliance and Bloc" in QtWidgets.QToolTip.text()
    empty = QtCore.QPoint(round(widget_x(view, epoch("1995-07"))), round(lane_band(view, "C")[1] - 4))
    QtWidgets.QApplication.sendEvent(
        view.viewport(), QtGui.QHelpEvent(QtCore.QEvent.Type.ToolTip, empty, view.viewport().mapToGlobal(empty))
    )
    qtbot.waitUntil(lambda: not QtWidgets.QToolTip.isVisible())


def test_lane_names_and_titles_are_shown_literally(tmp_path, open_window):
    text = TINY.read_text().replace("name: Beta", 'name: "R&D <b>Beta</b>", title: "<i>tip</i> <img src=x>"')
    path = tmp_path / "lanes.yaml"
    path.write_text(text)
    window = open_window(path)
    assert window.lane_actions["B"].text() == "R&&D <b>Beta</b>"  # '&&' shows as one literal '&'
    item = window.lane_panel.list.item(1)
    assert item.text().startswith("R&D <b>Beta</b>")
    assert "&lt;i&gt;tip&lt;/i&gt; &lt;img src=x&gt;" in item.toolTip() and "<img" not in item.toolTip()
    assert "R&D <b>Beta</b>" in [h.name for h in window.view.lane_axis.headers]


def test_empty_states_say_what_is_going_on(open_window, tmp_path):
    window = open_window()
    window.state.select("shared-treaty")
    window.state.set_visible_lanes([])
    assert "All lanes are hidden" in window.view.label_layer.message
    assert window.state.selected is None and "Click an event" in window.details.text()
    window.state.set_visible_lanes(["C"])
    assert window.view.label_layer.message == ""
    broken = tmp_path / "broken.yaml"
    broken.write_text("version: 1\nlanes: [\n")
    fresh = open_window(broken)
    assert fresh.view.label_layer.message == "No data"
    assert fresh.count_label.text() == "No data: broken.yaml has 1 problem"
    assert fresh.banner.isVisible() and fresh.problem_list.count() == 1
    assert "nothing is shown until it is fixed" in fresh.banner.label.text()
    assert not fresh.export_to(tmp_path / "x.png")
    assert fresh.problems_shown[-1] == "No data is loaded: open an events file first."


def test_theme_switches_and_persists(open_window):
    window = open_window()
    window.theme_actions["slide"].trigger()
    assert window.view.theme.name == "slide" and window.view.theme.label_pt > 10
    window.close()
    again = open_window()
    assert again.view.theme.name == "slide" and again.theme_actions["slide"].isChecked()
    again.theme_actions["screen"].trigger()
    assert again.view.theme.name == "screen"


def test_presentation_mode_hides_the_chrome_and_shows_a_card(qtbot, open_window):
    window = open_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.state.select("shared-treaty")
    normal_pt = window.view.theme.label_pt
    window.present_action.trigger()
    assert window.presenting and window.isFullScreen()
    assert not window.menuBar().isVisible() and not window.toolbar.isVisible()
    assert not window.lanes_dock.isVisible() and not window.details_dock.isVisible()
    assert window.view.theme.label_pt > normal_pt
    assert window.card.isVisible() and "On 12 June 1996 both signed a treaty." in window.card.text()
    window.state.select("month-event")
    assert "Council reform of March 2004" in window.card.text()
    qtbot.waitUntil(window.view.hasFocus)
    qtbot.keyClick(window.view, QtCore.Qt.Key.Key_Escape)
    assert not window.presenting and not window.isFullScreen()
    assert window.menuBar().isVisible() and window.details_dock.isVisible() and not window.card.isVisible()
    assert window.view.theme.label_pt == normal_pt
    assert window.state.selected == "month-event"  # Esc left presentation, it did not clear
