"""The event list dock as a user drives it: the model (pytest-qt's model tester), its rows
against the fixture's events filtered here by hand, sorting by real clicks on the headers,
choosing rows with the mouse (the plot's ring read from pixels), clicking glyphs, Enter and
double-click, and Ctrl+C."""

import math

import pytest
from picture import click, distance, glyph_at, grab, noon, span, widget_x
from PySide6 import QtCore, QtGui, QtWidgets

from conftest import LANES
from timeline_app.core.loader import load_timeline
from timeline_app.core.state import Document, ViewState
from timeline_app.ui.event_list import (
    COUNTRIES,
    DATE,
    DISAGREE,
    EVENT_ID_ROLE,
    KIND,
    SOURCES,
    TITLE,
    EventTableModel,
)
from timeline_app.ui.event_list import (
    LANES as LANES_COLUMN,
)

Key, Mod = QtCore.Qt.Key, QtCore.Qt.KeyboardModifier
LANE_ORDER = ["A", "B", "C", "D", "E"]
COLOURS = {"A": "#0072B2", "B": "#D55E00", "C": "#009E73", "D": "#CC79A7", "E": "#E69F00"}
HEADER = "Date\tLanes\tKind\tTitle\tCountries\tSources\tSources disagree"


@pytest.fixture(scope="module")
def fixture_events():
    """The fixture's events as the file orders them (by date), read here, not through the list."""
    result = load_timeline(LANES)
    assert result.ok
    return list(result.timeline.events)


def listed(window):
    return window.event_list.model.event_ids()


def shown_ids(model):
    """The event id of each row as the model gives it to the view (its id role)."""
    return [model.data(model.index(row, TITLE), EVENT_ID_ROLE) for row in range(model.rowCount())]


# --- the model ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "filters, rows",
    [({}, 64), ({"countries": {"Armenia"}}, 16), ({"countries": {"Armenia"}, "kinds": {"treaty"}}, 5)],
)
def test_the_model_passes_the_model_tester_with_and_without_filters(qtmodeltester, filters, rows):
    document = Document()
    assert document.open(LANES)
    state = ViewState(document)
    for name, values in filters.items():
        state.set_filter_values(name, values)
    model = EventTableModel(state)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == rows
    # the tester stays connected: each reset and sort below is checked as it happens
    state.set_lane_visible("A", False)
    model.sort(TITLE, QtCore.Qt.SortOrder.DescendingOrder)
    state.set_search("no such words anywhere")
    assert model.rowCount() == 0
    state.clear_filters()
    assert model.rowCount() == 52  # lane A still hidden
    model.sort(DATE, QtCore.Qt.SortOrder.AscendingOrder)


def test_the_cells_say_what_the_event_says(fixture_events):
    document = Document()
    assert document.open(LANES)
    model = EventTableModel(ViewState(document))
    Role = QtCore.Qt.ItemDataRole

    def cell(event_id, column, role=Role.DisplayRole):
        return model.data(model.index(model.row_of(event_id), column), role)

    assert cell("period-event", DATE) == "February 1999 \u2013 2003"
    assert cell("shared-treaty", LANES_COLUMN) == "Alliance, Bloc"
    assert cell("shared-treaty", COUNTRIES) == "Armenia, Belarus"
    assert cell("shared-treaty", KIND) == "treaty"
    assert cell("disputed-event", SOURCES) == 2 and cell("a00", SOURCES) == 1
    assert cell("disputed-event", DISAGREE) == "\u26a0" and not cell("a00", DISAGREE)
    tip = cell("disputed-event", DISAGREE, Role.ToolTipRole)
    assert "The sources give different dates: 15 June 2001, 14 June 2001." in tip
    assert "Dialogue founded" in cell("disputed-event", TITLE, Role.ToolTipRole)
    assert cell("disputed-event", SOURCES, Role.TextAlignmentRole) & QtCore.Qt.AlignmentFlag.AlignRight
    assert shown_ids(model) == [e.id for e in fixture_events]


# --- the rows follow the state --------------------------------------------------------------
@pytest.mark.parametrize(
    "countries, kinds",
    [({"Armenia"}, set()), ({"Belarus", "Kazakhstan"}, {"treaty", "summit", "founding"}), (set(), {"military"})],
)
def test_the_rows_are_exactly_the_matching_events(open_window, fixture_events, countries, kinds):
    window = open_window()
    window.state.set_filter_values("countries", countries)
    window.state.set_filter_values("kinds", kinds)
    expected = [
        e.id
        for e in fixture_events
        if (not countries or countries & set(e.countries)) and (not kinds or e.kind in kinds)
    ]
    assert listed(window) == shown_ids(window.event_list.model) == expected
    assert window.event_list.count_label.text() == f"{len(expected)} of 64 events"
    window.state.clear_filters()
    assert listed(window) == [e.id for e in fixture_events]
    assert window.event_list.count_label.text() == "64 events"


def test_hiding_a_lane_in_the_lanes_panel_removes_its_rows(qtbot, open_window, fixture_events):
    window = open_window()
    lanes = window.lane_panel.list
    item = lanes.item(LANE_ORDER.index("B"))
    window.lanes_dock.raise_()
    qtbot.mouseClick(lanes.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=lanes.visualItemRect(item).center())
    qtbot.keyClick(lanes, Key.Key_Space)  # the item's check box, as the keyboard toggles it
    assert window.state.visible_lanes == ("A", "C", "D", "E")
    expected = [e.id for e in fixture_events if set(e.lanes) - {"B"}]
    assert listed(window) == expected
    assert "period-event" not in expected and "shared-treaty" in expected  # also in lane A
    assert window.event_list.count_label.text() == f"{len(expected)} events"
    qtbot.keyClick(lanes, Key.Key_Space)
    assert len(listed(window)) == 64


# --- sorting by the headers -----------------------------------------------------------------
def _claims_differ(event):
    return len({c.date for c in event.citations if c.date is not None}) > 1


EXPECTED_ORDER = {  # written here, apart from the code under test; ties stay in date order
    DATE: lambda e: e.first_day,
    LANES_COLUMN: lambda e: sorted(LANE_ORDER.index(lane) for lane in e.lanes),
    KIND: lambda e: e.kind,
    TITLE: lambda e: e.title.casefold(),
    COUNTRIES: lambda e: [c.casefold() for c in e.countries],
    SOURCES: lambda e: len({c.source for c in e.citations}),
    DISAGREE: _claims_differ,
}
FIRST_CLICK_DESCENDS = {SOURCES, DISAGREE}  # most sources, and disagreements, first


def click_header(qtbot, table, column):
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=QtCore.QPoint(x, header.height() // 2))


def rows_on_screen(table):
    """The titles the table shows, top to bottom, read from the view's rows."""
    model = table.model()
    return [model.data(model.index(table.rowAt(y), TITLE)) for y in range(2, table.viewport().height(), 4)]


@pytest.mark.parametrize("column", list(EXPECTED_ORDER))
def test_clicking_a_header_sorts_by_its_column_and_again_the_other_way(qtbot, open_window, fixture_events, column):
    window = open_window(size=(1600, 1000))
    table = window.event_list.table
    header = table.horizontalHeader()
    assert header.sortIndicatorSection() == DATE
    assert header.sortIndicatorOrder() == QtCore.Qt.SortOrder.AscendingOrder
    assert listed(window) == [e.id for e in fixture_events]  # by date, at first
    key = EXPECTED_ORDER[column]
    if column == DATE:
        click_header(qtbot, table, TITLE)  # away first, so that the next click sorts by date, ascending
    click_header(qtbot, table, column)
    descending = column in FIRST_CLICK_DESCENDS
    assert listed(window) == [e.id for e in sorted(fixture_events, key=key, reverse=descending)]
    titles = {e.id: e.title for e in fixture_events}
    shown = [t for t in dict.fromkeys(rows_on_screen(table)) if t]
    assert shown == [titles[i] for i in listed(window)][: len(shown)] and len(shown) >= 4
    click_header(qtbot, table, column)
    assert listed(window) == [e.id for e in sorted(fixture_events, key=key, reverse=not descending)]
    assert header.sortIndicatorSection() == column


def test_the_sort_is_kept_when_the_filters_change(qtbot, open_window, fixture_events):
    window = open_window()
    table = window.event_list.table
    click_header(qtbot, table, TITLE)
    window.state.set_filter_values("countries", {"Russia"})
    expected = sorted((e for e in fixture_events if "Russia" in e.countries), key=lambda e: e.title.casefold())
    assert listed(window) == [e.id for e in expected]


# --- choosing rows, clicking glyphs ---------------------------------------------------------
def click_row(qtbot, window, event_id, double=False, modifier=Mod.NoModifier):
    table = window.event_list.table
    index = table.model().index(window.event_list.model.row_of(event_id), TITLE)
    QtWidgets.QApplication.processEvents()  # the table laid out, so that it can scroll
    table.scrollTo(index)
    point = table.visualRect(index).center()
    assert table.viewport().rect().contains(point)
    qtbot.mouseClick(table.viewport(), QtCore.Qt.MouseButton.LeftButton, modifier, pos=point)
    if double:  # QTest sends the double-click event alone: a real one follows a press and release
        qtbot.mouseDClick(table.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=point)


def ring_hits(window, point):
    """How many of 24 points round a glyph, on the circle of its selection ring (a summit's
    circle, 20 px across), have the ring's colour; the best of centres within a few pixels of
    `point` (which the glyph's leader line pulls down a little)."""
    image = grab(window.view)
    ratio = image.devicePixelRatio()
    colour = QtGui.QColor(window.view.theme.selection)

    def around(cx, cy):
        hits = 0
        for step in range(24):
            angle = step * math.pi / 12
            for radius in (9.5, 10, 10.5):
                x, y = round((cx + radius * math.cos(angle)) * ratio), round((cy + radius * math.sin(angle)) * ratio)
                if distance(image.pixelColor(x, y), colour) <= 60:
                    hits += 1
                    break
        return hits

    return max(around(point.x() + dx, point.y() + dy) for dx in (-1, 0, 1) for dy in range(-4, 2))


def test_clicking_a_row_selects_the_event_on_the_plot_and_in_details(qtbot, open_window):
    window = open_window(size=(1400, 900))
    view = window.view
    window.state.set_time_range(*span("1999-03", "2000-07"))
    view.relayout()
    event = window.state.timeline.event("d03")  # a summit: a circle, 11 November 1999
    point = glyph_at(view, "D", noon("1999-11-11"), COLOURS["D"])
    assert point is not None and abs(point.x() - widget_x(view, noon("1999-11-11"))) <= 1
    assert ring_hits(window, point) <= 4  # no ring yet
    heard = []
    window.state.selection_changed.connect(heard.append)
    click_row(qtbot, window, "d03")
    assert window.state.selected == "d03"
    assert event.title in window.details.text() and event.citations[0].excerpt in window.details.text()
    assert ring_hits(window, point) >= 18  # the ring, drawn round the glyph
    selected = window.event_list.table.selectionModel().selectedRows()
    assert [i.data(EVENT_ID_ROLE) for i in selected] == ["d03"]
    # the arrow keys choose the next row, and so the next event
    qtbot.keyClick(window.event_list.table, Key.Key_Down)
    assert window.state.selected == listed(window)[listed(window).index("d03") + 1]
    assert ring_hits(window, point) <= 4
    click_row(qtbot, window, "d03")  # and back, with the mouse
    assert heard == ["d03", listed(window)[listed(window).index("d03") + 1], "d03"]  # once each: never nothing between


def test_clicking_a_glyph_selects_its_row_and_scrolls_to_it(qtbot, open_window):
    window = open_window(size=(1200, 800))
    table = window.event_list.table
    table.scrollToTop()
    row = window.event_list.model.row_of("a11")  # 22 January 2015: near the bottom of the list
    index = table.model().index(row, TITLE)
    assert not table.viewport().rect().intersects(table.visualRect(index))  # scrolling is needed
    point = glyph_at(window.view, "A", noon("2015-01-22"), COLOURS["A"])
    assert point is not None
    click(qtbot, window.view, point)
    assert window.state.selected == "a11"
    assert [i.row() for i in table.selectionModel().selectedRows()] == [row]
    assert table.viewport().rect().contains(table.visualRect(index))  # in view, whole
    click_header(qtbot, table, TITLE)  # sorted again: the row moves, and the list follows it
    moved = table.model().index(window.event_list.model.row_of("a11"), TITLE)
    assert moved.row() != row and table.selectionModel().selectedRows()[0].row() == moved.row()
    assert table.viewport().rect().contains(table.visualRect(moved))
    window.state.select(None)  # nothing selected: no row either
    assert table.selectionModel().selectedRows() == []


def test_a_selection_that_is_not_listed_selects_no_row(open_window):
    window = open_window()
    window.state.set_filter_values("countries", {"Armenia"})
    window.state.select("a03")  # Belarus: dimmed on the plot, not in the list
    assert window.state.selected == "a03"
    assert window.event_list.table.selectionModel().selectedRows() == []
    window.state.select("a00")
    assert [i.data(EVENT_ID_ROLE) for i in window.event_list.table.selectionModel().selectedRows()] == ["a00"]
    window.state.set_filter_values("countries", {"Russia"})  # a00 no longer listed
    assert window.event_list.table.selectionModel().selectedRows() == []


# --- centring, copying, the dock --------------------------------------------------------------
@pytest.mark.parametrize("key", [Key.Key_Return, Key.Key_Enter])
def test_enter_centres_the_plot_on_the_event(qtbot, open_window, key):
    window = open_window()
    window.state.set_time_range(*span("1992", "1993"))
    click_row(qtbot, window, "d10")  # 5 September 2012
    assert window.state.selected == "d10"
    assert window.state.time_range == pytest.approx(span("1992", "1993"))  # a click only selects
    qtbot.keyClick(window.event_list.table, key)
    start, end = window.state.time_range
    assert (start + end) / 2 == pytest.approx(noon("2012-09-05"), abs=86400)
    assert end - start == pytest.approx(span("1992", "1993")[1] - span("1992", "1993")[0])  # the zoom stays
    view_start, view_end = window.view.time_range()
    assert (view_start + view_end) / 2 == pytest.approx(noon("2012-09-05"), abs=86400)


def test_double_click_selects_and_centres_the_plot_on_the_event(qtbot, open_window):
    window = open_window()
    window.state.set_time_range(*span("1992", "1993"))
    click_row(qtbot, window, "c09", double=True)  # 24 July 2010
    assert window.state.selected == "c09"
    start, end = window.state.time_range
    assert (start + end) / 2 == pytest.approx(noon("2010-07-24"), abs=86400)


def test_ctrl_c_copies_the_selected_row_as_tab_separated_text(qtbot, open_window):
    window = open_window()
    clipboard = QtGui.QGuiApplication.clipboard()
    clipboard.setText("before")
    table = window.event_list.table
    click_row(qtbot, window, "disputed-event")
    qtbot.keyClick(table, Key.Key_C, Mod.ControlModifier)
    assert clipboard.text() == f"{HEADER}\n15 June 2001\tDialogue\tfounding\tDialogue founded\t\t2\tyes\n"
    click_row(qtbot, window, "shared-treaty")
    qtbot.keyClick(table, Key.Key_C, Mod.ControlModifier)
    expected = "12 June 1996\tAlliance, Bloc\ttreaty\tTreaty shared by Alliance and Bloc\tArmenia, Belarus\t1\t"
    assert clipboard.text() == f"{HEADER}\n{expected}\n"
    # Copy All Rows (the context menu's): every row, in the list's order
    window.state.set_filter_values("kinds", {"treaty"})
    window.event_list.copy_all_action.trigger()
    lines = clipboard.text().splitlines()
    assert lines[0] == HEADER
    assert [line.split("\t")[3] for line in lines[1:]] == [window.state.timeline.event(i).title for i in listed(window)]


def selected_ids(window):
    """The events of the selected rows, top to bottom."""
    rows = sorted(window.event_list.table.selectionModel().selectedRows(), key=lambda index: index.row())
    return [index.data(EVENT_ID_ROLE) for index in rows]


def copied_titles():
    lines = QtGui.QGuiApplication.clipboard().text().splitlines()
    assert lines[0] == HEADER
    return [line.split("\t")[3] for line in lines[1:]]


def test_shift_and_ctrl_click_choose_several_rows_and_ctrl_c_copies_them(qtbot, open_window, fixture_events):
    window = open_window()
    table, state = window.event_list.table, window.state
    order = [e.id for e in fixture_events]  # the list's order at first: by date
    titles = {e.id: e.title for e in fixture_events}
    first = order.index("b01")
    click_row(qtbot, window, "b01")
    click_row(qtbot, window, order[first + 3], modifier=Mod.ShiftModifier)
    assert selected_ids(window) == order[first : first + 4]
    assert state.selected == order[first + 3]  # the current row is the event on the plot and in Details
    assert titles[order[first + 3]] in window.details.text()
    click_row(qtbot, window, "d10", modifier=Mod.ControlModifier)  # one more, apart from them
    assert selected_ids(window) == [*order[first : first + 4], "d10"] and state.selected == "d10"
    qtbot.keyClick(table, Key.Key_Down, Mod.ShiftModifier)  # and the next, from the keyboard
    after = order[order.index("d10") + 1]
    assert selected_ids(window) == [*order[first : first + 4], "d10", after] and state.selected == after

    QtGui.QGuiApplication.clipboard().setText("before")
    qtbot.keyClick(table, Key.Key_C, Mod.ControlModifier)
    assert copied_titles() == [titles[i] for i in [*order[first : first + 4], "d10", after]]
    assert (
        QtGui.QGuiApplication.clipboard().text().splitlines()[1]
        == f"23 August 1995\tBloc\tmilitary\t{titles['b01']}\tKazakhstan\t1\t"
    )

    click_row(qtbot, window, after, modifier=Mod.ControlModifier)  # the current row, unchosen
    assert selected_ids(window) == [*order[first : first + 4], "d10"]
    assert state.selected is None  # the current row is not one of the chosen: nothing on the plot
    # a selection made elsewhere (a glyph clicked) chooses its row alone
    point = glyph_at(window.view, "A", noon("2015-01-22"), COLOURS["A"])
    assert point is not None
    click(qtbot, window.view, point)
    assert state.selected == "a11" and selected_ids(window) == ["a11"]
    window.state.select(None)
    assert selected_ids(window) == [] and not window.event_list.copy_action.isEnabled()


def test_rows_are_copied_in_the_order_the_list_shows_them(qtbot, open_window, fixture_events):
    window = open_window()
    table = window.event_list.table
    click_header(qtbot, table, TITLE)
    by_title = sorted(fixture_events, key=lambda e: e.title.casefold())
    click_row(qtbot, window, by_title[2].id)
    click_row(qtbot, window, by_title[0].id, modifier=Mod.ShiftModifier)  # upwards: the order is the list's
    click_row(qtbot, window, by_title[6].id, modifier=Mod.ControlModifier)
    qtbot.keyClick(table, Key.Key_C, Mod.ControlModifier)
    assert copied_titles() == [by_title[i].title for i in (0, 1, 2, 6)]
    assert window.state.selected == by_title[6].id


def test_the_edit_menu_holds_the_lists_copy_action(qtbot, open_window):
    window = open_window()
    copy = window.event_list.copy_action
    assert copy in window.edit_menu.actions()
    assert [a for a in window.edit_menu.actions() if "Copy" in a.text()] == [copy]  # one action, not two
    assert copy.text() == "&Copy Event List Rows" and copy.shortcut().toString() == "Ctrl+C"
    assert not copy.isEnabled()  # no row chosen
    first, second = listed(window)[5:7]
    click_row(qtbot, window, first)
    click_row(qtbot, window, second, modifier=Mod.ShiftModifier)
    assert copy.isEnabled()
    window.view.setFocus()  # the menu's item copies wherever the keys are
    copy.trigger()
    titles = {e.id: e.title for e in window.state.timeline.events}
    assert copied_titles() == [titles[first], titles[second]]


def test_hiding_the_others_keeps_the_rows_chosen_in_the_list(qtbot, open_window):
    window = open_window()
    window.state.filter_by("countries", "Armenia")
    model = window.event_list.model
    chosen = listed(window)[2:5]
    click_row(qtbot, window, chosen[0])
    click_row(qtbot, window, chosen[-1], modifier=Mod.ShiftModifier)
    hide = window.filter_bar.hide_box
    with qtbot.assertNotEmitted(model.modelReset):  # the rows do not depend on it: not read again
        qtbot.mouseClick(hide, QtCore.Qt.MouseButton.LeftButton, pos=QtCore.QPoint(8, hide.height() // 2))
    assert window.state.hide_unmatched
    assert selected_ids(window) == chosen and window.state.selected == chosen[-1]


def test_ctrl_c_in_the_search_field_copies_its_text_not_a_row(qtbot, open_window):
    window = open_window()
    window.state.select("a00")
    edit = window.search.edit
    edit.setFocus()
    qtbot.keyClicks(edit, "Alliance")
    qtbot.keyClick(edit, Key.Key_A, Mod.ControlModifier)
    qtbot.keyClick(edit, Key.Key_C, Mod.ControlModifier)
    assert QtGui.QGuiApplication.clipboard().text() == "Alliance"


def test_the_list_is_a_dock_that_view_event_list_and_ctrl_l_toggle(qtbot, open_window):
    window = open_window(size=(1280, 720))
    dock = window.event_list_dock
    assert dock.objectName() == "eventListDock" and dock.isVisible()
    assert window.dockWidgetArea(dock) == QtCore.Qt.DockWidgetArea.BottomDockWidgetArea
    assert window.view.height() > 2 * dock.height()  # the plot keeps most of the height
    view_menu = next(m for m in window.menuBar().findChildren(QtWidgets.QMenu) if m.title() == "&View")
    assert window.event_list_action in view_menu.actions()
    assert window.event_list_action.shortcut().toString() == "Ctrl+L"
    assert "Ctrl+L: Event List" in window.shortcut_help() and "Ctrl+C: Copy Event List Rows" in window.shortcut_help()
    window.activateWindow()
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus)
    qtbot.keyClick(window.view, Key.Key_L, Mod.ControlModifier)
    assert not dock.isVisible()
    qtbot.keyClick(window.view, Key.Key_L, Mod.ControlModifier)
    assert dock.isVisible()
    assert window.event_list.table.accessibleName() == "Event list"
    assert isinstance(window.event_list.table, QtWidgets.QTableView)


def test_events_of_one_date_sort_by_their_end_and_ties_share_a_date():
    from timeline_app.core.dates import parse_date
    from timeline_app.core.model import Event
    from timeline_app.ui.event_list import date_ranks

    def event(event_id, date, end=None):
        return Event(event_id, event_id, parse_date(date), ("A",), "other", (), parse_date(end) if end else None)

    # a timeline's order: by date, then title (the ends unsorted)
    events = [event("y", "2001"), event("long", "2001", "2005"), event("short", "2001", "2002"), event("z", "2001")]
    ranks = date_ranks(events + [event("later", "2001-01-01")])
    assert sorted(ranks, key=lambda i: ranks[i][1]) == ["y", "z", "short", "long", "later"]
    assert ranks["y"][0] == ranks["z"][0] < ranks["short"][0] < ranks["long"][0] < ranks["later"][0]
