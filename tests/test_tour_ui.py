"""Tours in the window, as a user drives them (pytest-qt, offscreen, on tests/data/lanes.yaml): the
Tour panel through real mouse and key events, File > tours, stepping in presentation mode, the
animated moves (stepped by hand, never waited for), reduced motion and the presenter view."""

import math
import os
import signal
import sys

import pytest
from picture import span
from PySide6 import QtCore, QtGui, QtWidgets

from conftest import LANES
from timeline_app import cli
from timeline_app.core.browse import Filters
from timeline_app.core.dates import parse_date
from timeline_app.core.tour import Stop, Tour, dump_tour, load_tour, save_tour
from timeline_app.ui import app, tours
from timeline_app.ui.animate import DURATION_MS
from timeline_app.ui.presenter import clock_text, other_screen
from timeline_app.ui.settings import TOUR
from timeline_app.ui.tour_model import MIME_TYPE, PROBLEMS_ROLE, TourModel

Key, Mod = QtCore.Qt.Key, QtCore.Qt.KeyboardModifier
LEFT = QtCore.Qt.MouseButton.LeftButton
NOTES = ("Say that the treaty came first.", "Point at the Council's reform.", "Back to the start.")
HEADINGS = ("Alliance and Bloc, 1995-1997", "The Council years", "")


def d(text):
    return parse_date(text)


def lanes_tour(folder, name="lanes.tour.yaml", **changes):
    """A tour of tests/data/lanes.yaml with three stops (the last without a heading), written
    beside nothing else: its `events` names lanes.yaml relative to the tour's folder."""
    stops = (
        Stop(HEADINGS[0], NOTES[0], d("1995"), d("1997"), ("A", "B"), "shared-treaty"),
        Stop(HEADINGS[1], NOTES[1], d("2001-01"), d("2003-06"), ("C", "D", "E"), "month-event"),
        Stop(HEADINGS[2], NOTES[2], d("1992-05"), d("1993-08"), ("A",), "a00"),
    )
    tour = Tour(title="A tour of the lanes", events=os.path.relpath(LANES, folder), stops=stops).replace(**changes)
    return save_tour(tour, folder / name)


@pytest.fixture
def window_with_tour(qtbot, open_window, tmp_path):
    """A window on lanes.yaml with the three-stop tour opened through File > Open Tour (Ctrl+Shift+O)."""
    window = open_window()
    path = lanes_tour(tmp_path)
    window.answers["tour open"] = path
    focus(qtbot, window, window.view)
    qtbot.keyClick(window.view, Key.Key_O, Mod.ControlModifier | Mod.ShiftModifier)
    assert window.tours.model.path == path
    window.tour_path = path
    return window


def focus(qtbot, window, widget):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def row_point(window, row):
    stops = window.tours.panel.list
    return stops.visualRect(window.tours.model.index(row)).center()


def click_row(qtbot, window, row):
    stops = window.tours.panel.list
    qtbot.mouseClick(stops.viewport(), LEFT, pos=row_point(window, row))
    assert window.tours.panel.current_row() == row


def double_click_row(qtbot, window, row):
    """A double-click as a window system sends it: press, release, press, double-click, release
    (QTest's mouseDClick alone sends only the double-click)."""
    viewport, point = window.tours.panel.list.viewport(), row_point(window, row)
    qtbot.mouseClick(viewport, LEFT, pos=point)
    qtbot.mousePress(viewport, LEFT, pos=point)
    qtbot.mouseDClick(viewport, LEFT, pos=point)
    qtbot.mouseRelease(viewport, LEFT, pos=point)


def commit(qtbot, stops, editor, key):
    """Enter in the heading's editor: the delegate commits on the next turn of the event loop."""
    qtbot.keyClick(editor, key)
    qtbot.waitUntil(lambda: stops.state() != QtWidgets.QAbstractItemView.State.EditingState)


def rows(window):
    model = window.tours.model
    return [model.data(model.index(row)) for row in range(model.rowCount())]


def headings(window):
    return [stop.heading for stop in window.tours.model.stops]


def view_of(state):
    return state.time_range, state.visible_lanes, state.selected


def expected_view(window, stop):
    lanes = tuple(lane for lane in ("A", "B", "C", "D", "E") if lane in stop.lanes)
    return stop.time_range(), lanes, stop.selected


def close_enough(a, b):
    return a[1:] == b[1:] and a[0] == pytest.approx(b[0], abs=1.0)


# --- the Tour panel ------------------------------------------------------------------------
def test_ctrl_b_adds_the_view_as_a_stop_after_the_chosen_one(qtbot, open_window):
    window = open_window()
    state = window.state
    state.set_time_range(*span("1995-03", "1996-08"))
    state.set_visible_lanes(["A", "C"])
    state.select("shared-treaty")
    focus(qtbot, window, window.view)
    qtbot.keyClick(window.view, Key.Key_B, Mod.ControlModifier)
    model = window.tours.model
    assert model.stops == (Stop.from_state(state),)
    stop = model.stop(0)
    wanted = (d("1995-03"), d("1996-08"), ("A", "C"), "shared-treaty")
    assert (stop.start, stop.end, stop.lanes, stop.selected) == wanted
    assert window.tours.dock.isVisible() and rows(window) == ["1  Mar 1995 \u2013 Aug 1996"]
    assert model.modified
    state.set_time_range(*span("2004", "2006"))  # another view, added after it
    qtbot.keyClick(window.view, Key.Key_B, Mod.ControlModifier)
    state.fit_all()
    click_row(qtbot, window, 0)  # chosen: the first; the next one goes between
    focus(qtbot, window, window.view)
    qtbot.keyClick(window.view, Key.Key_B, Mod.ControlModifier)
    assert [s.start for s in model.stops] == [d("1995-03"), None, d("2004")]
    assert window.tours.panel.current_row() == 1


def test_f2_and_the_rename_button_rename_a_stop(qtbot, window_with_tour):
    window = window_with_tour
    stops = window.tours.panel.list
    click_row(qtbot, window, 1)
    qtbot.keyClick(stops, Key.Key_F2)
    editor = QtWidgets.QApplication.focusWidget()
    assert isinstance(editor, QtWidgets.QLineEdit) and editor.text() == HEADINGS[1]
    editor.selectAll()
    qtbot.keyClicks(editor, "Council reform")
    commit(qtbot, stops, editor, Key.Key_Return)
    assert headings(window) == [HEADINGS[0], "Council reform", ""]
    assert rows(window)[1] == "2  Council reform"
    assert window.tours.model.stop(1).note == NOTES[1]  # the rest of the stop stays
    assert "changed" in window.tours.panel.info.text()
    click_row(qtbot, window, 2)  # the button does the same
    button = next(b for b in window.tours.panel.findChildren(QtWidgets.QPushButton) if b.text() == "Rename")
    qtbot.mouseClick(button, LEFT)
    editor = QtWidgets.QApplication.focusWidget()
    assert isinstance(editor, QtWidgets.QLineEdit)
    qtbot.keyClicks(editor, "Where it began")
    commit(qtbot, stops, editor, Key.Key_Enter)
    assert headings(window)[2] == "Where it began"


def test_del_deletes_a_stop_and_ctrl_z_brings_it_back(qtbot, window_with_tour):
    window = window_with_tour
    stops = window.tours.panel.list
    before = window.tours.model.stops
    click_row(qtbot, window, 1)
    qtbot.keyClick(stops, Key.Key_Delete)
    assert headings(window) == [HEADINGS[0], HEADINGS[2]]
    assert rows(window)[1] == "2  May 1992 \u2013 Aug 1993"  # numbered again
    assert window.tours.panel.current_row() == 1 and window.tours.model.modified
    qtbot.keyClick(stops, Key.Key_Z, Mod.ControlModifier)
    assert window.tours.model.stops == before
    assert window.tours.panel.current_row() == 1  # where it was
    assert not window.tours.model.modified  # back to the file as read
    assert not window.tours.undo_action.isEnabled()


def test_del_in_the_timeline_deletes_no_stop(qtbot, window_with_tour):
    window = window_with_tour
    click_row(qtbot, window, 0)
    focus(qtbot, window, window.view)
    qtbot.keyClick(window.view, Key.Key_Delete)
    assert len(window.tours.model.stops) == 3


def test_alt_up_and_alt_down_move_the_chosen_stop(qtbot, window_with_tour):
    window = window_with_tour
    stops = window.tours.panel.list
    click_row(qtbot, window, 0)
    qtbot.keyClick(stops, Key.Key_Down, Mod.AltModifier)
    assert headings(window) == [HEADINGS[1], HEADINGS[0], HEADINGS[2]]
    assert window.tours.panel.current_row() == 1  # the stop stays chosen
    qtbot.keyClick(stops, Key.Key_Down, Mod.AltModifier)
    assert headings(window) == [HEADINGS[1], HEADINGS[2], HEADINGS[0]]
    assert not window.tours.down_action.isEnabled()  # last
    qtbot.keyClick(stops, Key.Key_Up, Mod.AltModifier)
    assert headings(window) == [HEADINGS[1], HEADINGS[0], HEADINGS[2]]
    assert rows(window)[0] == "1  " + HEADINGS[1]


def send_drag(viewport, kind, point, mime):
    """A drag event as the platform sends it to the list (the drag loop itself cannot run
    offscreen: QDrag.exec returns at once there)."""
    move = QtCore.Qt.DropAction.MoveAction
    if kind == "drop":
        event = QtGui.QDropEvent(QtCore.QPointF(point), move, mime, LEFT, Mod.NoModifier)
    elif kind == "enter":
        event = QtGui.QDragEnterEvent(point, move, mime, LEFT, Mod.NoModifier)
    else:
        event = QtGui.QDragMoveEvent(point, move, mime, LEFT, Mod.NoModifier)
    QtWidgets.QApplication.sendEvent(viewport, event)
    return event


def test_a_stop_dragged_with_the_mouse_is_dropped_in_its_new_place(qtbot, window_with_tour):
    """A mouse press and move on a stop starts Qt's drag of that stop; the drop (sent as the
    platform would send it, offscreen has no drag loop) moves it where it falls: below the
    lower half of the last stop is the end."""
    window = window_with_tour
    stops = window.tours.panel.list
    viewport = stops.viewport()
    start = row_point(window, 0)

    def mouse(kind, point, button, buttons):
        global_pos = QtCore.QPointF(viewport.mapToGlobal(point))
        event = QtGui.QMouseEvent(kind, QtCore.QPointF(point), global_pos, button, buttons, Mod.NoModifier)
        QtWidgets.QApplication.sendEvent(viewport, event)

    mouse(QtCore.QEvent.Type.MouseButtonPress, start, LEFT, LEFT)
    for dy in range(0, 40, 4):
        mouse(QtCore.QEvent.Type.MouseMove, start + QtCore.QPoint(0, dy), QtCore.Qt.MouseButton.NoButton, LEFT)
    assert stops.dragged_rows == [0]  # a drag of the first stop began
    mouse(QtCore.QEvent.Type.MouseButtonRelease, start + QtCore.QPoint(0, 40), LEFT, QtCore.Qt.MouseButton.NoButton)

    mime = window.tours.model.mimeData([window.tours.model.index(0)])
    last = stops.visualRect(window.tours.model.index(2))
    target = QtCore.QPoint(last.center().x(), last.bottom() - 2)  # the lower edge of the last stop
    send_drag(viewport, "enter", start, mime)
    assert send_drag(viewport, "move", target, mime).isAccepted()
    send_drag(viewport, "drop", target, mime)
    assert headings(window) == [HEADINGS[1], HEADINGS[2], HEADINGS[0]]
    assert rows(window) == ["1  " + HEADINGS[1], "2  May 1992 \u2013 Aug 1993", "3  " + HEADINGS[0]]
    middle = stops.visualRect(window.tours.model.index(1))  # and back: onto the upper edge of the second
    mime = window.tours.model.mimeData([window.tours.model.index(2)])
    send_drag(viewport, "enter", target, mime)
    send_drag(viewport, "move", QtCore.QPoint(middle.center().x(), middle.top() + 1), mime)
    send_drag(viewport, "drop", QtCore.QPoint(middle.center().x(), middle.top() + 1), mime)
    assert headings(window) == [HEADINGS[1], HEADINGS[0], HEADINGS[2]]


def test_a_drop_from_another_tour_or_of_other_data_is_refused(qtbot, window_with_tour):
    window = window_with_tour
    viewport = window.tours.panel.list.viewport()
    other = TourModel()
    other.set_tour(Tour(stops=(Stop("x"), Stop("y"))))
    foreign = other.mimeData([other.index(0)])
    text = QtCore.QMimeData()
    text.setText("1  Alliance")
    target = row_point(window, 2)
    for mime in (foreign, text):
        send_drag(viewport, "enter", target, mime)
        send_drag(viewport, "move", target, mime)
        send_drag(viewport, "drop", target, mime)
    assert headings(window) == list(HEADINGS)


def test_the_tour_model_passes_qts_model_checks(qtmodeltester, tmp_path):
    model = TourModel()
    model.set_tour(load_tour(lanes_tour(tmp_path)).tour)
    qtmodeltester.check(model)
    assert model.mimeTypes() == [MIME_TYPE]


def test_double_click_goes_to_a_stop_animated(qtbot, window_with_tour):
    window = window_with_tour
    state, animator = window.state, window.tours.animator
    state.set_time_range(*span("2006", "2013"))
    start = state.time_range
    double_click_row(qtbot, window, 1)
    stop = window.tours.model.stop(1)
    assert animator.running
    assert state.visible_lanes == ("C", "D", "E") and state.selected is None  # lanes now, selection at the end
    assert state.time_range == pytest.approx(start, abs=1.0)
    animator.finish()
    assert not animator.running
    assert close_enough(view_of(state), expected_view(window, stop))
    assert window.tours.shown_row() == 1 and window.tours.panel.current_row() == 1


def test_enter_goes_to_the_chosen_stop(qtbot, window_with_tour):
    window = window_with_tour
    click_row(qtbot, window, 2)
    qtbot.keyClick(window.tours.panel.list, Key.Key_Return)
    window.tours.animator.finish()
    assert close_enough(view_of(window.state), expected_view(window, window.tours.model.stop(2)))


def test_a_move_pans_and_zooms_together_the_zoom_evenly_in_log_scale(qtbot, window_with_tour):
    """Frames in between, shown by setting the animation's time by hand: the centre moves as the
    eased fraction, the span changes by the same fraction of its log (a zoom by 8 passes 2x at a
    third of the way)."""
    window = window_with_tour
    state, animator = window.state, window.tours.animator
    state.set_time_range(*span("1991", "2014"))  # 24 years, to stop 3's 16 months
    start = state.time_range
    double_click_row(qtbot, window, 2)
    end = window.tours.model.stop(2).time_range()
    animation = animator.animation
    assert animator.running and animation.duration() == DURATION_MS
    curve = QtCore.QEasingCurve(QtCore.QEasingCurve.Type.InOutCubic)
    spans = []
    for fraction in (0.25, 0.5, 0.75):
        animation.setCurrentTime(round(DURATION_MS * fraction))
        eased = curve.valueForProgress(fraction)
        first, last = state.time_range
        centre = (start[0] + start[1]) / 2 + ((end[0] + end[1]) / 2 - (start[0] + start[1]) / 2) * eased
        width = (start[1] - start[0]) * ((end[1] - end[0]) / (start[1] - start[0])) ** eased
        assert (first + last) / 2 == pytest.approx(centre, abs=60)
        assert last - first == pytest.approx(width, rel=1e-6)
        assert min(start[0], end[0]) <= first and last <= max(start[1], end[1])  # between the two
        spans.append(last - first)
    middle = math.sqrt((start[1] - start[0]) * (end[1] - end[0]))  # halfway in log: the geometric mean
    assert spans[1] == pytest.approx(middle, rel=1e-6)
    assert spans[0] > spans[1] > spans[2]
    assert window.state.selected is None  # not yet
    animator.finish()
    assert close_enough(view_of(state), expected_view(window, window.tours.model.stop(2)))


def test_reduce_motion_in_preferences_makes_moves_instant(qtbot, window_with_tour, open_window):
    window = window_with_tour
    focus(qtbot, window, window.view)
    qtbot.keyClick(window.view, Key.Key_Comma, Mod.ControlModifier)
    dialog = window.preferences_dialog
    box = dialog.reduce_motion_box
    assert not box.isChecked()
    qtbot.mouseClick(box, LEFT, pos=QtCore.QPoint(8, box.height() // 2))
    assert box.isChecked()
    qtbot.mouseClick(dialog.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok), LEFT)
    double_click_row(qtbot, window, 0)
    assert not window.tours.animator.running  # there at once, selection included
    assert close_enough(view_of(window.state), expected_view(window, window.tours.model.stop(0)))
    window.close()
    again = open_window()
    assert again.tours.animator.reduce_motion  # kept for the next start


def test_the_note_box_shows_and_edits_the_chosen_stops_note(qtbot, window_with_tour):
    window = window_with_tour
    note = window.tours.panel.note_edit
    click_row(qtbot, window, 1)
    assert note.toPlainText() == NOTES[1]
    qtbot.mouseClick(note.viewport(), LEFT, pos=QtCore.QPoint(note.viewport().width() - 4, 40))
    qtbot.keyClick(note, Key.Key_End, Mod.ControlModifier)
    qtbot.keyClicks(note, " Then pause.")
    assert window.tours.model.stop(1).note == NOTES[1] + " Then pause."
    assert window.tours.model.stop(0).note == NOTES[0]
    assert NOTES[1] in window.tours.model.data(window.tours.model.index(1), QtCore.Qt.ItemDataRole.ToolTipRole)
    click_row(qtbot, window, 0)
    assert note.toPlainText() == NOTES[0]


def test_update_stop_from_view_keeps_heading_and_note(qtbot, window_with_tour):
    window = window_with_tour
    click_row(qtbot, window, 0)
    state = window.state
    state.set_visible_lanes(["B", "E"])
    state.set_time_range(*span("1998", "1999-06"))
    state.set_filter_values("kinds", {"treaty"})
    focus(qtbot, window, window.view)
    qtbot.keyClick(window.view, Key.Key_B, Mod.ControlModifier | Mod.ShiftModifier)
    stop = window.tours.model.stop(0)
    assert stop == Stop.from_state(state, heading=HEADINGS[0], note=NOTES[0])
    assert (stop.lanes, stop.end, stop.filters) == (("B", "E"), d("1999-06"), Filters(kinds=frozenset({"treaty"})))


def test_the_title_is_edited_in_the_panel(qtbot, window_with_tour):
    window = window_with_tour
    title = window.tours.panel.title_edit
    assert title.text() == "A tour of the lanes"
    qtbot.mouseClick(title, LEFT)
    title.selectAll()
    qtbot.keyClicks(title, "Lanes  in five steps")
    assert window.tours.model.tour.title == "Lanes in five steps"
    assert title.text() == "Lanes  in five steps"  # as typed, while typing


def test_ctrl_page_keys_step_and_ctrl_shift_t_shows_the_panel(qtbot, window_with_tour):
    """Outside presentation: Ctrl+PgDown / Ctrl+PgUp step through the stops (PgDown alone still
    pages the lanes), Ctrl+Shift+T shows and hides the Tour panel."""
    window = window_with_tour
    focus(qtbot, window, window.view)
    qtbot.keyClick(window.view, Key.Key_PageDown, Mod.ControlModifier)  # none gone to yet: the first
    window.tours.animator.finish()
    assert window.tours.shown_row() == 0
    qtbot.keyClick(window.view, Key.Key_PageDown, Mod.ControlModifier)
    window.tours.animator.finish()
    assert window.tours.shown_row() == 1
    assert close_enough(view_of(window.state), expected_view(window, window.tours.model.stop(1)))
    qtbot.keyClick(window.view, Key.Key_PageUp, Mod.ControlModifier)
    window.tours.animator.finish()
    assert window.tours.shown_row() == 0 and not window.tours.previous_action.isEnabled()
    assert window.tours.dock.isVisible()
    qtbot.keyClick(window.view, Key.Key_T, Mod.ControlModifier | Mod.ShiftModifier)
    assert not window.tours.dock.isVisible()
    qtbot.keyClick(window.view, Key.Key_T, Mod.ControlModifier | Mod.ShiftModifier)
    assert window.tours.dock.isVisible()


# --- warnings --------------------------------------------------------------------------------
def test_a_stop_naming_a_lane_or_event_the_file_lacks_is_marked_not_refused(qtbot, open_window, tmp_path):
    window = open_window()
    gone = Stop("Gone", "", d("1995"), d("1997"), ("A", "Z"), "no-such-event")
    path = lanes_tour(tmp_path, stops=(gone, Stop("Fine")))
    window.answers["tour open"] = path
    window.tours.open_tour_dialog()
    model = window.tours.model
    assert model.rowCount() == 2
    tip = model.data(model.index(0), QtCore.Qt.ItemDataRole.ToolTipRole)
    assert "Lanes: unknown lane 'Z'" in tip and "Unknown event 'no-such-event'" in tip
    assert model.data(model.index(0), PROBLEMS_ROLE) and not model.data(model.index(1), PROBLEMS_ROLE)
    sign, blank = (model.data(model.index(row), QtCore.Qt.ItemDataRole.DecorationRole) for row in (0, 1))
    assert sign.pixmap(16, 16).toImage() != blank.pixmap(16, 16).toImage()  # a sign, and a blank to align
    assert "1 with warnings" in window.tours.panel.info.text()
    assert window.tours.go_to(0)  # still goes: what is known of it
    window.tours.animator.finish()
    assert window.state.visible_lanes == ("A",) and window.state.selected is None
    assert not window.answers["shown"]


def test_a_tour_of_another_events_file_says_so_and_opens(qtbot, open_window, tmp_path):
    window = open_window()
    path = lanes_tour(tmp_path, events="other.yaml")
    window.tours.open_tour(path)
    message = f"{path.name} is a tour of other.yaml, not found; showing lanes.yaml"
    assert window.statusBar().currentMessage() == message
    assert message in window.tours.panel.info.text()
    assert window.tours.model.rowCount() == 3


def test_a_tour_with_errors_opens_what_it_can_and_says_what_is_wrong(qtbot, open_window, tmp_path):
    window = open_window()
    good = dump_tour(Tour(title="t", events=os.path.relpath(LANES, tmp_path), stops=(Stop("One"),)))
    path = tmp_path / "broken.tour.yaml"
    path.write_text(good + "  - heading: Backwards\n    from: 2001\n    to: 1999\n", encoding="utf-8")
    window.tours.open_tour(path)
    assert headings(window) == ["One"]
    status = window.statusBar().currentMessage()
    assert status.startswith("broken.tour.yaml: 1 problem: ") and "'to' (1999) is before 'from' (2001)" in status
    assert "1 problem in the file" in window.tours.panel.info.text()
    not_a_tour = tmp_path / "list.tour.yaml"
    not_a_tour.write_text("- just\n- a list\n", encoding="utf-8")
    assert not window.tours.open_tour(not_a_tour)
    assert len(window.answers["shown"]) == 1 and headings(window) == ["One"]  # said; the tour shown stays


# --- files ---------------------------------------------------------------------------------
def test_save_and_reopen_round_trip_through_the_file_menu(qtbot, open_window, tmp_path):
    window = open_window()
    state = window.state
    focus(qtbot, window, window.view)
    qtbot.keyClick(window.view, Key.Key_N, Mod.ControlModifier)  # New Tour
    state.set_time_range(*span("1995", "1997"))
    state.select("shared-treaty")
    state.set_member_lanes(["A"])
    focus(qtbot, window, window.view)
    qtbot.keyClick(window.view, Key.Key_B, Mod.ControlModifier)
    state.set_visible_lanes(["C"])
    state.set_time_range(*span("2003-10", "2004-08"))
    state.set_search("reform")
    qtbot.keyClick(window.view, Key.Key_B, Mod.ControlModifier)
    window.tours.model.set_heading(1, "Reform")
    window.tours.model.set_note(1, "Two lines:\nthe second.")
    made = window.tours.model.tour
    target = tmp_path / "saved.tour.yaml"
    window.answers["tour save"] = target
    qtbot.keyClick(window.view, Key.Key_S, Mod.ControlModifier)  # a new tour: Save asks where
    assert target.is_file() and not window.tours.model.modified
    read = load_tour(target)
    assert read.ok and read.tour.stops == made.stops and read.tour.title == made.title
    assert read.tour.events_path().resolve() == LANES.resolve()
    assert window.settings.get(TOUR) == str(target.resolve())
    qtbot.keyClick(window.view, Key.Key_N, Mod.ControlModifier)  # New: nothing to ask, it is saved
    assert window.tours.model.rowCount() == 0 and not window.answers["asked to save"]
    window.answers["tour open"] = target
    qtbot.keyClick(window.view, Key.Key_O, Mod.ControlModifier | Mod.ShiftModifier)
    assert window.tours.model.stops == made.stops and window.tours.model.path == target
    window.tours.model.set_heading(0, "Changed")
    window.answers["tour save"] = None
    qtbot.keyClick(window.view, Key.Key_S, Mod.ControlModifier)  # saved to its own file, no question
    assert load_tour(target).tour.stops[0].heading == "Changed"


def test_save_as_writes_the_events_file_relative_to_the_new_place(qtbot, window_with_tour, tmp_path):
    window = window_with_tour
    (tmp_path / "deeper").mkdir()
    target = tmp_path / "deeper" / "copy.tour.yaml"
    window.answers["tour save"] = target
    focus(qtbot, window, window.view)
    qtbot.keyClick(window.view, Key.Key_S, Mod.ControlModifier | Mod.ShiftModifier)
    copy = load_tour(target).tour
    assert copy.events == os.path.relpath(LANES, target.parent)
    assert copy.events_path().resolve() == LANES.resolve()
    assert copy.stops == load_tour(window.tour_path).tour.stops


def test_unsaved_changes_are_asked_about_before_they_are_lost(qtbot, window_with_tour):
    window = window_with_tour
    window.tours.model.set_heading(0, "Changed")
    window.answers["save changes"] = "cancel"
    focus(qtbot, window, window.view)
    qtbot.keyClick(window.view, Key.Key_N, Mod.ControlModifier)
    assert window.answers["asked to save"] == ["lanes.tour.yaml"]
    assert headings(window)[0] == "Changed"  # cancelled: the tour stays
    window.close()
    assert window.isVisible()  # cancelled: the window stays
    window.answers["save changes"] = "save"
    window.close()
    assert not window.isVisible()
    assert load_tour(window.tour_path).tour.stops[0].heading == "Changed"


def test_the_last_tour_is_reopened_at_the_next_start(qtbot, window_with_tour, open_window, tmp_path):
    window = window_with_tour
    window.close()
    again = open_window()
    assert again.tours.model.path == window.tour_path
    assert again.tours.model.stops == load_tour(window.tour_path).tour.stops
    assert not again.tours.model.modified and again.tours.dock.isVisible()
    again.close()
    window.tour_path.unlink()  # gone: forgotten without a word
    third = open_window()
    assert third.tours.model.rowCount() == 0 and third.tours.model.path is None
    assert third.settings.get(TOUR) == "" and not third.answers["shown"]


@pytest.fixture
def launch(qtbot, monkeypatch, settings_file, answers):
    """Run the command line that opens a window, with the event loop replaced; the window."""
    windows = []
    monkeypatch.setattr(
        app, "open_settings", lambda: QtCore.QSettings(str(settings_file), QtCore.QSettings.Format.IniFormat)
    )
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(signal, "signal", lambda *_args: None)
    show_file = app.show_file

    def recording_show_file(window, path, view=None):
        windows.append(window)
        qtbot.addWidget(window)
        show_file(window, path, view)

    monkeypatch.setattr(app, "show_file", recording_show_file)
    monkeypatch.setattr(QtWidgets.QApplication, "exec", lambda _app: 0)

    def run(*args):
        assert cli.main([str(a) for a in args]) == 0
        return windows[-1]

    return run


def test_the_command_line_opens_the_window_with_a_tour(launch, tmp_path, capsys):
    path = lanes_tour(tmp_path)
    window = launch("--tour", path)  # without FILE: the events file the tour names
    assert window.document.shown.resolve() == LANES.resolve()
    assert window.tours.model.path == path and len(window.tours.model.stops) == 3
    bad = tmp_path / "bad.tour.yaml"
    bad.write_text("[1, 2]\n", encoding="utf-8")
    with pytest.raises(SystemExit):
        cli.main([str(LANES), "--tour", str(bad)])
    assert "--tour: " in capsys.readouterr().err


# --- presentation ----------------------------------------------------------------------------
def visible_text(window):
    """Every text the main window shows now (labels, text boxes, the card and the heading)."""
    texts = []
    for kind in (QtWidgets.QLabel, QtWidgets.QLineEdit, QtWidgets.QPlainTextEdit, QtWidgets.QTextEdit):
        for widget in window.findChildren(kind):
            if widget.isVisible() and widget.window() is window:
                texts.append(widget.text() if hasattr(widget, "text") else widget.toPlainText())
    return "\n".join(texts)


def present(qtbot, window):
    focus(qtbot, window, window.view)
    qtbot.keyClick(window.view, Key.Key_F11)
    assert window.presenting
    window.tours.animator.finish()
    qtbot.waitUntil(window.view.hasFocus)


@pytest.mark.parametrize(
    "forward, back",
    [(Key.Key_PageDown, Key.Key_PageUp), (Key.Key_Right, Key.Key_Left), (Key.Key_Space, Key.Key_Backspace)],
    ids=["PgDown-PgUp", "Right-Left", "Space-Backspace"],
)
def test_presentation_steps_through_the_stops_with_clicker_keys(qtbot, window_with_tour, forward, back):
    window = window_with_tour
    stops = window.tours.model.stops
    present(qtbot, window)
    heading = window.tours.heading
    assert heading.heading.text() == HEADINGS[0] and heading.counter.text() == "1 / 3"
    assert close_enough(view_of(window.state), expected_view(window, stops[0]))
    for row in (1, 2):
        qtbot.keyClick(window.view, forward)
        assert window.tours.animator.running or window.tours.animator.instant
        window.tours.animator.finish()
        assert close_enough(view_of(window.state), expected_view(window, stops[row]))
        assert heading.counter.text() == f"{row + 1} / 3"
    assert not heading.heading.isVisible()  # the third has no heading: only its number
    qtbot.keyClick(window.view, forward)  # at the end it stays
    assert window.tours.shown_row() == 2
    qtbot.keyClick(window.view, back)
    window.tours.animator.finish()
    assert heading.heading.text() == HEADINGS[1] and heading.heading.isVisible()
    assert heading.counter.text() == "2 / 3"
    assert close_enough(view_of(window.state), expected_view(window, stops[1]))
    for note in NOTES:
        assert note not in visible_text(window)
    assert HEADINGS[1] in visible_text(window) and window.card.isVisible()


def test_home_and_end_go_to_the_first_and_last_stop_and_esc_leaves(qtbot, window_with_tour):
    window = window_with_tour
    present(qtbot, window)
    qtbot.keyClick(window.view, Key.Key_End)
    window.tours.animator.finish()
    assert window.tours.heading.counter.text() == "3 / 3"
    qtbot.keyClick(window.view, Key.Key_Home)
    window.tours.animator.finish()
    assert window.tours.heading.counter.text() == "1 / 3"
    qtbot.keyClick(window.view, Key.Key_Escape)
    assert not window.presenting and not window.tours.heading.counter.isVisible()
    before = window.state.time_range
    qtbot.keyClick(window.view, Key.Key_Right)  # outside presentation, Right pans again
    assert window.state.time_range[0] > before[0] and window.tours.shown_row() == 0


def test_without_a_tour_the_keys_do_what_they_did(qtbot, open_window):
    window = open_window()
    window.state.set_time_range(*span("1995", "1999"))
    present(qtbot, window)
    before = window.state.time_range
    qtbot.keyClick(window.view, Key.Key_Right)
    shift = (before[1] - before[0]) * 0.2
    assert window.state.time_range[0] == pytest.approx(before[0] + shift, abs=1.0)
    assert not window.tours.heading.heading.isVisible() and not window.tours.heading.counter.isVisible()


def test_the_note_is_never_on_the_main_screen(qtbot, window_with_tour):
    window = window_with_tour
    window.state.select("shared-treaty")
    present(qtbot, window)
    for _ in range(3):
        for note in NOTES:
            assert note not in visible_text(window)
        qtbot.keyClick(window.view, Key.Key_PageDown)
        window.tours.animator.finish()


def test_the_presenter_view_shows_the_note_and_the_next_stop(qtbot, window_with_tour):
    window = window_with_tour
    focus(qtbot, window, window.view)
    qtbot.keyClick(window.view, Key.Key_F11, Mod.ShiftModifier)  # View > Presenter View, on one screen
    presenter = window.tours.presenter
    assert presenter.isVisible() and window.tours.presenter_action.isChecked()
    window.tours.go_to(0)
    window.tours.animator.finish()
    text = presenter.text()
    assert "Stop 1 / 3" in text and HEADINGS[0] in text and NOTES[0] in text and f"Next: {HEADINGS[1]}" in text
    qtbot.mouseClick(presenter.next_button, LEFT)
    window.tours.animator.finish()
    assert NOTES[1] in presenter.text() and "Next: May 1992 \u2013 Aug 1993" in presenter.text()
    assert window.tours.shown_row() == 1
    focus(qtbot, presenter, presenter)
    qtbot.keyClick(presenter, Key.Key_PageDown)  # the clicker's keys work there too
    window.tours.animator.finish()
    assert "Stop 3 / 3" in presenter.text() and "End of the tour" in presenter.text()
    assert not presenter.next_button.isEnabled()
    presenter.close()
    assert not window.tours.presenter_action.isChecked()
    window.tours.presenter_action.trigger()
    assert presenter.isVisible()
    window.close()
    assert not presenter.isVisible()  # it goes with the window


def test_presenting_opens_the_presenter_view_on_a_second_screen(qtbot, window_with_tour, monkeypatch):
    window = window_with_tour
    here = window.screen()
    monkeypatch.setattr(QtGui.QGuiApplication, "screens", staticmethod(lambda: [here, here]))
    monkeypatch.setattr(tours, "other_screen", lambda _here, _screens: here)  # as if it were another
    present(qtbot, window)
    presenter = window.tours.presenter
    assert presenter.isVisible() and presenter.isFullScreen()
    assert NOTES[0] in presenter.text() and presenter.clock.text() == "0:00"
    qtbot.keyClick(window.view, Key.Key_Escape)
    assert not presenter.isVisible()  # it came with the presentation, it goes with it


def test_the_clock_and_the_other_screen():
    assert [clock_text(ms) for ms in (0, 59_999, 247_000, 3_729_000)] == ["0:00", "0:59", "4:07", "1:02:09"]
    one, two = object(), object()
    assert other_screen(one, [one, two]) is two and other_screen(one, [one]) is None
