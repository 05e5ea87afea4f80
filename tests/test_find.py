"""Finding and walking, as a user does it: typing in the search field, the match count and the
dimmed plot, stepping through matches, walking with N / P and Ctrl+arrows, Back / Forward (keys
and mouse buttons), Go To, visible focus and the shortcut list. Real keys and clicks, offscreen;
expected matches are computed from the fixture's fields here, and the plot is read in pixels."""

import re

import pytest
from picture import click, distance, find_colour, glyph_at, grab, lane_band, noon, widget_x
from PySide6 import QtCore, QtGui, QtWidgets

from timeline_app.core.dates import SECONDS_PER_DAY, day_to_epoch, parse_date

Key, Mod = QtCore.Qt.Key, QtCore.Qt.KeyboardModifier
COLOURS = {"A": "#0072B2", "B": "#D55E00", "C": "#009E73", "D": "#CC79A7", "E": "#E69F00"}


def mid(event):
    return (day_to_epoch(event.date.first_day) + day_to_epoch(event.date.last_day) + SECONDS_PER_DAY) / 2


def in_time(events):
    return sorted(events, key=mid)


def with_word(timeline, word):
    pattern = re.compile(rf"\b{word}", re.IGNORECASE)
    return [e for e in timeline.events if any(pattern.search(c.excerpt) for c in e.citations)]


def type_search(qtbot, window, text):
    qtbot.keyClick(window, Key.Key_F, Mod.ControlModifier)
    assert window.search.edit.hasFocus()
    qtbot.keyClicks(window.search.edit, text)


def press(qtbot, widget, key, modifier=Mod.NoModifier):
    qtbot.keyClick(widget, key, modifier)
    QtWidgets.QApplication.processEvents()


def focus_plot(qtbot, window):
    """One click on an empty part of the plot gives it the keyboard."""
    view = window.view
    top, bottom = lane_band(view, window.state.visible_lanes[-1])
    click(qtbot, view, QtCore.QPoint(int(view.width() * 0.5), int(bottom - 4)))
    qtbot.waitUntil(view.hasFocus)


@pytest.fixture
def active_window(qtbot, open_window):
    """A window that has the keyboard (shortcuts reach only the active window)."""

    def make(*args, **kwargs):
        window = open_window(*args, **kwargs)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return make


def test_typing_in_the_search_field_finds_and_steps_through_matches(qtbot, active_window):
    window = active_window()
    timeline = window.state.timeline
    expected = in_time(with_word(timeline, "almaty"))
    assert len(expected) >= 3
    type_search(qtbot, window, "Alma")
    assert window.state.filters.text == "Alma"
    assert window.search.count.text() == f"{len(expected)} matches"
    assert window.count_label.text().startswith(f"{len(expected)} of {len(timeline.events)} events match")

    # Enter: the first match in time, shown in Details, "1 of N"; then F3, Shift+F3, Shift+Enter
    press(qtbot, window.search.edit, Key.Key_Return)
    assert window.state.selected == expected[0].id
    assert window.search.count.text() == f"1 of {len(expected)}"
    assert expected[0].title in window.details.text()
    start, end = window.state.time_range
    assert start <= mid(expected[0]) <= end
    press(qtbot, window.search.edit, Key.Key_Return)
    assert window.state.selected == expected[1].id
    press(qtbot, window, Key.Key_F3)
    assert window.state.selected == expected[2].id and window.search.count.text() == f"3 of {len(expected)}"
    press(qtbot, window, Key.Key_F3, Mod.ShiftModifier)
    assert window.state.selected == expected[1].id
    press(qtbot, window.search.edit, Key.Key_Return, Mod.ShiftModifier)
    assert window.state.selected == expected[0].id

    # nothing found says so, in the field and the status bar
    window.search.edit.selectAll()
    qtbot.keyClicks(window.search.edit, "zqx")
    assert window.search.count.text() == "no match"
    assert window.count_label.text().startswith(f"no match among {len(timeline.events)} events")
    # Esc clears the search; a second Esc hands the keys to the timeline
    press(qtbot, window.search.edit, Key.Key_Escape)
    assert window.state.filters.text == "" and window.search.edit.text() == ""
    assert not window.state.filters.active and window.search.count.text() == ""
    press(qtbot, window.search.edit, Key.Key_Escape)
    assert window.view.hasFocus()


def test_events_that_do_not_match_are_dimmed_or_hidden_in_the_plot(qtbot, active_window):
    window = active_window()
    view = window.view
    state = window.state
    state.go_to(parse_date("1995-06"), parse_date("1997-06"))
    view.relayout()
    matched, other = state.timeline.event("a02"), state.timeline.event("a01")  # Armenia; Russia
    assert "Armenia" in matched.countries and "Armenia" not in other.countries
    x_matched, x_other = noon("1997-02-08"), noon("1995-10-02")
    assert glyph_at(view, "A", x_matched, COLOURS["A"]) is not None
    full = glyph_at(view, "A", x_other, COLOURS["A"])
    assert full is not None
    y = full.y()
    assert other.id in {key for _, key, _ in view.label_rects()}  # labelled while it matches

    type_search(qtbot, window, "armenia")
    assert glyph_at(view, "A", x_matched, COLOURS["A"]) is not None  # a match: as before
    assert glyph_at(view, "A", x_other, COLOURS["A"]) is None  # the other: not in its colour
    image = grab(view)
    x = round(widget_x(view, x_other))
    assert view.events_at(view.mapToScene(QtCore.QPoint(x, round(y)))) == [other.id]  # dimmed: still clickable
    background = image.pixelColor(x, round(y) - 14)
    faint = QtGui.QColor(QtGui.QColor(COLOURS["A"]).rgb())
    blend = QtGui.QColor(
        *(round(0.2 * getattr(faint, c)() + 0.8 * getattr(background, c)()) for c in ("red", "green", "blue"))
    )
    assert find_colour(image, blend.name(), range(x - 2, x + 3), range(round(y) - 2, round(y) + 3), 24)
    assert distance(image.pixelColor(x, round(y)), background) > 0  # dimmed, not gone
    labelled = {key for _, key, _ in view.label_rects()}
    assert matched.id in labelled and other.id not in labelled  # the room goes to the matches

    state.set_hide_unmatched(True)
    image = grab(view)
    assert not find_colour(image, blend.name(), range(x - 2, x + 3), range(round(y) - 2, round(y) + 3), 24)
    assert view.events_at(view.mapToScene(QtCore.QPoint(x, round(y)))) == []  # nothing to click there

    state.clear_filters()
    assert glyph_at(view, "A", x_other, COLOURS["A"]) is not None


def test_walking_from_event_to_event_with_the_keyboard(qtbot, active_window):
    window = active_window()
    state, view = window.state, window.view
    window.search.focus()
    focus_plot(qtbot, window)
    events = in_time(state.timeline.events)
    first = next(e for e in events if mid(e) >= state.time_range[0])  # the first in view
    press(qtbot, view, Key.Key_N)
    assert state.selected == first.id
    index = [e.id for e in events].index(first.id)
    press(qtbot, view, Key.Key_N)
    press(qtbot, view, Key.Key_Right, Mod.ControlModifier)
    assert mid(state.selected_event()) == mid(events[index + 2])
    press(qtbot, view, Key.Key_P)
    press(qtbot, view, Key.Key_Left, Mod.ControlModifier)
    assert mid(state.selected_event()) == mid(first)
    # only the matches: N skips the others
    state.set_filter_values("kinds", ["treaty"])
    press(qtbot, view, Key.Key_N)
    assert state.selected_event().kind == "treaty" and mid(state.selected_event()) > mid(first)
    # C centres the selection
    state.select("a05")
    state.zoom_by(0.25)
    state.pan_by(0.3)
    press(qtbot, view, Key.Key_C)
    assert sum(state.time_range) / 2 == pytest.approx(mid(state.selected_event()), abs=SECONDS_PER_DAY)
    # typing N in the search field types it, and walks nothing
    selected = state.selected
    window.search.focus()
    qtbot.keyClicks(window.search.edit, "n")
    assert window.search.edit.text() == "n" and state.selected == selected


def test_walking_from_lane_to_lane(qtbot, active_window):
    window = active_window()
    state, view = window.state, window.view
    focus_plot(qtbot, window)
    state.select("a05")
    here = mid(state.timeline.event("a05"))
    below = min((e for e in state.timeline.events if "B" in e.lanes), key=lambda e: abs(mid(e) - here))
    press(qtbot, view, Key.Key_Down, Mod.ControlModifier)
    assert state.selected == below.id
    press(qtbot, view, Key.Key_Up, Mod.ControlModifier)
    above = min((e for e in state.timeline.events if "A" in e.lanes), key=lambda e: abs(mid(e) - mid(below)))
    assert state.selected == above.id
    # the plot follows: the new selection has its ring, in view
    start, end = state.time_range
    assert start <= mid(state.selected_event()) <= end


def test_back_and_forward_through_earlier_views(qtbot, active_window):
    window = active_window()
    state, view = window.state, window.view
    focus_plot(qtbot, window)
    qtbot.waitUntil(lambda: state.remembered_view() is not None, timeout=3000)  # the opening view
    home = state.time_range
    assert not window.back_action.isEnabled()
    press(qtbot, view, Key.Key_Plus)
    press(qtbot, view, Key.Key_Plus)  # two quick zooms: one step
    zoomed = state.time_range
    assert window.back_action.isEnabled()  # at once: Back returns from a view not yet remembered
    qtbot.waitUntil(lambda: state.remembered_view().time_range == zoomed, timeout=3000)
    state.select("a01")
    qtbot.waitUntil(lambda: state.remembered_view().selected == "a01", timeout=3000)
    press(qtbot, view, Key.Key_Left, Mod.AltModifier)
    assert state.selected is None and state.time_range == pytest.approx(zoomed)
    press(qtbot, view, Key.Key_Left, Mod.AltModifier)
    assert state.time_range == pytest.approx(home)
    assert not window.back_action.isEnabled() and window.forward_action.isEnabled()
    press(qtbot, view, Key.Key_Right, Mod.AltModifier)
    assert state.time_range == pytest.approx(zoomed)
    # the mouse's forward and back buttons, over the plot
    point = QtCore.QPoint(view.width() // 2, view.height() // 2)
    qtbot.mouseClick(view.viewport(), QtCore.Qt.MouseButton.ForwardButton, pos=point)
    assert state.selected == "a01"
    qtbot.mouseClick(view.viewport(), QtCore.Qt.MouseButton.BackButton, pos=point)
    assert state.selected is None and state.time_range == pytest.approx(zoomed)


def test_go_to_shows_exactly_the_dates_typed(qtbot, active_window):
    from timeline_app.ui.goto_dialog import GoToDialog

    dialog = GoToDialog((day_to_epoch(parse_date("1995").first_day), day_to_epoch(parse_date("1996").first_day)))
    qtbot.addWidget(dialog)
    assert dialog.first.text() == "1995-01-01" and dialog.last.text() == "1995-12-31"
    dialog.first.clear()
    qtbot.keyClicks(dialog.first, "2001")
    dialog.last.clear()
    qtbot.keyClicks(dialog.last, "2001-13")
    assert not dialog.ok.isEnabled() and "To:" in dialog.message.text() and "month 13" in dialog.message.text()
    dialog.last.clear()
    qtbot.keyClicks(dialog.last, "2000")
    assert not dialog.ok.isEnabled() and "before" in dialog.message.text()
    dialog.last.clear()
    qtbot.keyClicks(dialog.last, "2002-06")
    assert dialog.ok.isEnabled()
    first, last = dialog.value()
    # what the command line's --from / --to refuse is refused here too; a day shows a week
    dialog.first.clear()
    qtbot.keyClicks(dialog.first, "1785")
    assert not dialog.ok.isEnabled() and "the timeline shows 1800 to 2100" in dialog.message.text()
    dialog.first.clear()
    qtbot.keyClicks(dialog.first, "2002-06-03")
    dialog.last.clear()
    assert dialog.ok.isEnabled() and "7 days" in dialog.message.text()

    window = active_window()
    window.answers["range"] = (first, last)
    press(qtbot, window, Key.Key_G, Mod.ControlModifier)
    assert window.state.time_range == (
        day_to_epoch(parse_date("2001-01-01").first_day),
        day_to_epoch(parse_date("2002-06-30").first_day) + SECONDS_PER_DAY,
    )
    assert window.view.time_range() == pytest.approx(window.state.time_range)
    assert window.range_label.text() == "Jan 2001 \u2013 Jun 2002"


def test_focus_is_visible_on_the_plot(qtbot, active_window):
    window = active_window()
    window.search.focus()
    highlight = window.palette().color(QtGui.QPalette.ColorRole.Highlight).name()
    view = window.view

    def framed():
        image = grab(view)
        return len(find_colour(image, highlight, [0, 1], range(10, view.height() - 10, 7), 30))

    assert framed() == 0
    focus_plot(qtbot, window)
    assert framed() > 5
    assert window.view.accessibleName() == "Timeline"
    window.state.select("a01")
    assert window.view.accessibleDescription().startswith(f"Selected: {window.state.timeline.event('a01').title}")
    assert "source: Jane Roe" in window.view.accessibleDescription()


def test_keyboard_shortcuts_lists_every_action(qtbot, active_window):
    window = active_window()
    press(qtbot, window, Key.Key_F1)
    dialogs = [w for w in QtWidgets.QApplication.topLevelWidgets() if w.windowTitle() == "Keyboard shortcuts"]
    assert dialogs
    text = dialogs[-1].findChild(QtWidgets.QPlainTextEdit).toPlainText()
    native = QtGui.QKeySequence.SequenceFormat.NativeText
    for action in window.actions() + window.view.actions():
        for key in action.shortcuts():
            assert key.toString(native) in text, action.text()
    for name in ("Next Event", "Event in Lane Below", "Back", "Go To", "Find"):
        assert name in text
    dialogs[-1].close()


def test_tab_runs_search_plot_list_details_and_the_timeline_keys_work_after_a_click(qtbot, active_window):
    window = active_window()
    window.search.focus()
    order = []
    for _ in range(3):
        press(qtbot, QtWidgets.QApplication.focusWidget(), Key.Key_Tab)
        order.append(QtWidgets.QApplication.focusWidget())
    assert order == [window.view, window.event_list.table, window.details]
    # a click on a lane's checkbox gives the lane list the keys: Right stays there (the
    # list's own key); one click on the plot gives the keys back to the timeline
    lanes = window.lane_panel.list
    item = lanes.item(1)
    rect = lanes.visualItemRect(item)
    qtbot.mouseClick(lanes.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=rect.center())
    assert lanes.hasFocus()
    window.state.zoom_by(0.5)
    before = window.state.time_range
    press(qtbot, lanes, Key.Key_Right)
    assert window.state.time_range == before
    focus_plot(qtbot, window)
    window.state.zoom_by(0.5)
    start = window.state.time_range[0]
    press(qtbot, window.view, Key.Key_Right)
    assert window.state.time_range[0] > start


def test_in_a_large_file_the_search_waits_for_a_pause_in_typing(qtbot, active_window, monkeypatch):
    from timeline_app.ui import search_field

    window = active_window()
    monkeypatch.setattr(search_field, "_TYPE_AHEAD_EVENTS", 10)  # the fixture's 64 events count as large
    heard = []
    window.state.filters_changed.connect(heard.append)
    type_search(qtbot, window, "alma")
    assert heard == [] and window.state.filters.text == ""  # not yet: typing goes on
    qtbot.waitUntil(lambda: window.state.filters.text == "alma", timeout=2000)
    assert len(heard) == 1  # one search for the four keys
    qtbot.keyClicks(window.search.edit, "ty")
    press(qtbot, window.search.edit, Key.Key_Return)  # Enter does not wait: it searches, then steps
    assert window.state.filters.text == "almaty" and window.state.selected is not None
    qtbot.keyClicks(window.search.edit, "x")
    press(qtbot, window.search.edit, Key.Key_Escape)  # Esc drops what was typed, waiting or not
    assert window.search.edit.text() == "" and window.state.filters.text == ""
    qtbot.wait(300)
    assert window.state.filters.text == ""


def test_keys_of_the_timeline_stay_with_it_lists_keep_theirs(qtbot, active_window):
    """Home, +, - and the arrows zoom and pan the timeline only while it has the focus."""
    window = active_window()
    window.state.zoom_by(0.25)
    zoomed = window.state.time_range
    table = window.event_list.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    press(qtbot, table, Key.Key_End)
    press(qtbot, table, Key.Key_Home)
    press(qtbot, table, Key.Key_Minus)
    press(qtbot, table, Key.Key_Plus)
    assert window.state.time_range == zoomed and table.currentIndex().row() == 0
    focus_plot(qtbot, window)
    press(qtbot, window.view, Key.Key_Home)
    assert window.state.time_range != zoomed
