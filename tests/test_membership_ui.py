"""Membership in the window's chrome, driven as a user does (pytest-qt, offscreen) on
tests/data/members.yaml: View > Membership and the lane panel's member rows, the Details of a
span, the plot's right-click menu, following a country (Tools, Details, Filters, filter bar)."""

import datetime as dt

import pytest
from picture import noon, span
from PySide6 import QtCore, QtGui, QtWidgets

from conftest import DATA
from timeline_app.core.dates import SECONDS_PER_DAY, epoch_to_day, marker_time, parse_date

MEMBERS = DATA / "members.yaml"
LEFT, RIGHT = QtCore.Qt.MouseButton.LeftButton, QtCore.Qt.MouseButton.RightButton
CTRL = QtCore.Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | QtCore.Qt.KeyboardModifier.ShiftModifier
CHECKED = QtCore.Qt.CheckState.Checked


@pytest.fixture
def window(open_window):
    return open_window(MEMBERS, size=(1400, 900))


def press(qtbot, widget, key, modifier=QtCore.Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(widget, key, modifier)
    QtWidgets.QApplication.processEvents()


def member_item(window, lane_id):
    item = window.lane_panel.member_lanes.item_for(lane_id)
    assert item is not None, f"no member toggle for lane {lane_id}"
    return item


def click_item_box(qtbot, list_widget, item):
    """A real click on the check box of a list row (at the left of the row, where Qt draws it)."""
    rect = list_widget.visualItemRect(item)
    style = list_widget.style()
    option = QtWidgets.QStyleOptionViewItem()
    option.initFrom(list_widget)
    option.rect = rect
    option.features |= QtWidgets.QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    box = style.subElementRect(QtWidgets.QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, list_widget)
    qtbot.mouseClick(list_widget.viewport(), LEFT, pos=box.center())


def details_widget(window, cls, starts):
    """The first widget of Details of a class whose (plain) text begins so, once shown."""
    QtWidgets.QApplication.processEvents()  # a layout shows what is added to it once events run
    for widget in window.details.findChildren(cls):
        text = widget.property("plainText") or widget.text()
        if text.startswith(starts) and widget.isVisible():
            return widget
    raise AssertionError(f"nothing reading {starts!r} in Details:\n{window.details.text()}")


def click_link_label(qtbot, label):
    """A real click on a label that is one link: on its first characters."""
    metrics = label.fontMetrics()
    margin = label.contentsRect().topLeft()
    point = QtCore.QPoint(margin.x() + metrics.horizontalAdvance("Ab") // 2 + 1, margin.y() + metrics.height() // 2)
    qtbot.mouseClick(label, LEFT, pos=point)


# --- View > Membership and the lane panel ----------------------------------------------------
def test_ctrl_m_shows_and_hides_the_member_rows_of_every_lane(qtbot, window):
    action = window.members.members_action
    assert "Membership" in window.shortcut_help() and "Ctrl+M" in window.shortcut_help()
    assert action.isEnabled() and not action.isChecked() and window.state.member_lanes == frozenset()
    press(qtbot, window, QtCore.Qt.Key.Key_M, CTRL)
    assert window.state.member_lanes == {"A", "B", "C"}
    assert action.isChecked()
    assert all(member_item(window, lane).checkState() == CHECKED for lane in "ABC")
    press(qtbot, window, QtCore.Qt.Key.Key_M, CTRL)
    assert window.state.member_lanes == frozenset() and not action.isChecked()
    assert all(member_item(window, lane).checkState() != CHECKED for lane in "ABC")


def test_the_lane_panel_toggles_one_lane_and_view_membership_follows(qtbot, window):
    panel = window.lane_panel.member_lanes
    assert panel.isVisible()
    assert [panel.list.item(r).text() for r in range(panel.list.count())] == [
        "Alpha (5 countries)",
        "Beta (4 countries)",
        "Gamma (2 countries)",
    ]
    click_item_box(qtbot, panel.list, member_item(window, "B"))
    assert window.state.member_lanes == {"B"}
    assert not window.members.members_action.isChecked()  # not every lane: unchecked
    press(qtbot, window, QtCore.Qt.Key.Key_M, CTRL)  # then all of them
    assert window.state.member_lanes == {"A", "B", "C"} and window.members.members_action.isChecked()
    click_item_box(qtbot, panel.list, member_item(window, "B"))
    assert window.state.member_lanes == {"A", "C"} and not window.members.members_action.isChecked()


def test_without_membership_the_toggles_are_off_and_hidden(open_window):
    from conftest import LANES

    window = open_window(LANES)
    assert not window.members.members_action.isEnabled()
    assert not window.lane_panel.member_lanes.isVisible()


def test_the_lanes_showing_members_are_kept_per_file(qtbot, open_window, settings_file):
    window = open_window(MEMBERS)
    click_item_box(qtbot, window.lane_panel.member_lanes.list, member_item(window, "C"))
    assert window.state.member_lanes == {"C"}
    assert "memberLanesByFile" in settings_file.read_text()  # saved at once, not at close
    window.close()
    again = open_window(MEMBERS)
    assert again.state.member_lanes == {"C"}
    assert member_item(again, "C").checkState() == CHECKED


# --- Details of a span --------------------------------------------------------------------
def test_details_show_a_disputed_span_with_every_claim_its_role_and_its_sources(qtbot, window):
    spans = window.state.membership.spans("A", "Armenia")
    assert spans[0].disputed
    window.state.select_span("A", "Armenia", 0)
    QtWidgets.QApplication.processEvents()
    text = window.details.text()
    assert "Armenia in Alpha" in text
    assert "founding member, from 15 May 1992 (One 2012; Two 2001) to 1999 or 2000 (One 2012; Two 2001)" in text
    assert spans[0].disagreement() in text
    for role, says in (
        ("Began", "founding member 15 May 1992"),
        ("Ended", "left 1999"),
        ("Against its end", "a member in 2000"),
    ):
        assert f"{role}: {says}" in text
    for excerpt in ("Armenia and Russia founded Alpha", "Armenia left in 1999", "Armenia is still in Alpha"):
        assert f"\u201c{excerpt}\u201d" in text
    shows = [b for b in window.details.findChildren(QtWidgets.QToolButton, "citationAction") if b.isVisible()]
    assert [b.text() for b in shows].count("Show in document") == 4  # the founding event's two, the leaving's two
    assert "Alpha founded (15 May 1992)" in text and "Armenia leaves Alpha (disputed) (1999)" in text


def test_an_event_link_in_a_span_selects_the_event(qtbot, window):
    window.state.select_span("A", "Georgia", 0)
    assert "Disputed by: not a member in 2000" in window.details.text()
    link = details_widget(window, QtWidgets.QLabel, "Source Two lists Alpha")
    click_link_label(qtbot, link)
    assert window.state.selected == "a-members-2000"
    assert window.state.selected_span is None
    assert "Alpha has Russia but not Georgia" in window.details.text()


# --- following a country ----------------------------------------------------------------------
def test_follow_from_the_details_of_a_span_and_of_an_event(qtbot, window):
    window.state.select_span("A", "Georgia", 0)
    qtbot.mouseClick(details_widget(window, QtWidgets.QToolButton, "Follow Georgia"), LEFT)
    assert window.state.followed == "Georgia" and window.state.filters.countries == {"Georgia"}
    qtbot.mouseClick(details_widget(window, QtWidgets.QToolButton, "Stop Following Georgia"), LEFT)
    assert window.state.followed is None and not window.state.filters.active
    window.state.select("c-moldova-associate")  # Moldova, Russia: a button each
    qtbot.mouseClick(details_widget(window, QtWidgets.QToolButton, "Follow Russia"), LEFT)
    assert window.state.followed == "Russia"
    assert window.filter_bar.isVisible() and window.filter_bar.follow_chip.text() == "Following Russia"


def test_tools_follow_country_takes_any_spelling_and_stop_following_ends_it(qtbot, window):
    assert "Ctrl+Shift+Y" in window.shortcut_help()
    press(qtbot, window, QtCore.Qt.Key.Key_Y, CTRL_SHIFT)
    dialog = window.members.follow_dialog
    assert dialog is not None and dialog.isVisible()
    assert [dialog.combo.itemText(i) for i in range(dialog.combo.count())] == [
        "Armenia",
        "Belarus",
        "Georgia",
        "Kazakhstan",
        "Moldova",
        "Russia",
    ]
    edit = dialog.combo.lineEdit()
    edit.clear()
    qtbot.keyClicks(edit, "Byelorussia")
    press(qtbot, edit, QtCore.Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert window.state.followed == "Belarus" and window.state.filters.countries == {"Belarus"}
    assert window.filter_bar.follow_chip.text() == "Following Belarus"
    assert window.members.stop_following_action.isEnabled()
    # an unknown name: said so, nothing followed
    window.activateWindow()  # back to the window (offscreen, no window manager does it)
    qtbot.waitUntil(window.isActiveWindow)
    press(qtbot, window, QtCore.Qt.Key.Key_Y, CTRL_SHIFT)
    assert window.members.follow_dialog is not dialog
    dialog = window.members.follow_dialog
    edit = dialog.combo.lineEdit()
    edit.clear()
    qtbot.keyClicks(edit, "Armenai")
    press(qtbot, edit, QtCore.Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.message.text() == "No country named \u201cArmenai\u201d in this file."
    assert dialog.suggestion.isVisible() and "Did you mean" in dialog.suggestion.text()
    assert window.state.followed == "Belarus"
    qtbot.mouseClick(dialog.stop_button, LEFT)
    assert not dialog.isVisible() and window.state.followed is None and not window.state.filters.active


def test_the_filter_bar_chip_clears_the_following(qtbot, window):
    window.state.follow_country("Kazakhstan")
    chip = window.filter_bar.follow_chip
    qtbot.waitUntil(chip.isVisible)
    assert chip.text() == "Following Kazakhstan"
    assert window.filter_bar.text() == window.state.match_summary()  # the chip names the country: said once
    window.state.set_search("founded")
    assert window.filter_bar.text().startswith("\u201cfounded\u201d") and "Kazakhstan" not in window.filter_bar.text()
    qtbot.mouseClick(chip.clear_button, LEFT)
    assert window.state.followed is None and not chip.isVisible()


def test_follow_this_country_from_the_filters_dock(qtbot, window):
    window.filters_dock.show()
    window.filters_dock.raise_()
    countries = window.filter_panel.countries
    qtbot.waitUntil(countries.isVisible)
    item = countries.item_for("Moldova")
    point = countries.visualItemRect(item).center()
    menus = window.members.filter_follow
    event = QtGui.QContextMenuEvent(
        QtGui.QContextMenuEvent.Reason.Mouse, point, countries.viewport().mapToGlobal(point)
    )
    QtWidgets.QApplication.sendEvent(countries.viewport(), event)  # what a right click sends
    assert menus.menu is not None and menus.menu.isVisible()
    assert [a.text() for a in menus.menu.actions()] == ["Follow this country"]
    menus.menu.actions()[0].trigger()  # a popup menu's entry: triggered (a click cannot reach it offscreen)
    menus.menu.close()
    assert window.state.followed == "Moldova"


# --- the plot: a click on a span, the right-click menu -----------------------------------------
def row_point(window, lane_id, country, day):
    """The viewport point of a day (its noon, through the plot's own axis) on a country's member row."""
    from picture import widget_x

    view = window.view
    rect = view.member_row_rect(lane_id, country)
    assert rect is not None, f"no row of {country} in {lane_id}"
    scene = view.view_box.mapToScene(QtCore.QPointF(0, rect.center().y()))
    y = view.mapFromScene(scene).y()
    return QtCore.QPoint(round(widget_x(view, noon(day))), y)


def show_rows(qtbot, window, first, last):
    press(qtbot, window, QtCore.Qt.Key.Key_M, CTRL)
    window.state.set_time_range(*span(first, last))
    window.view.relayout()
    QtWidgets.QApplication.processEvents()


def test_a_click_on_a_span_shows_its_claims_in_details(qtbot, window):
    show_rows(qtbot, window, "1995", "1996")
    point = row_point(window, "A", "Armenia", "1995-09-20")  # inside its 1992-1999 membership
    qtbot.mouseClick(window.view.viewport(), LEFT, pos=point)
    assert window.state.selected_span == ("A", "Armenia", 0)
    QtWidgets.QApplication.processEvents()
    text = window.details.text()
    assert text.startswith("Armenia in Alpha\nfounding member, from 15 May 1992")
    assert "Ended: left 1999" in text and "\u201cArmenia left in 1999\u201d" in text


def test_right_click_on_a_row_offers_members_on_that_day_and_follow(qtbot, window):
    show_rows(qtbot, window, "1995", "1996")
    point = row_point(window, "A", "Georgia", "1995-09-20")
    qtbot.mouseClick(window.view.viewport(), RIGHT, pos=point)
    menus = window.members.plot_menu
    assert menus.menu is not None and menus.menu.isVisible()
    texts = menus.texts()
    assert texts[:3] == ["Members on 20 September 1995…", "Follow Georgia", "Details of Georgia in Alpha"]
    assert "Member Rows of Alpha" in texts
    entry = {a.text(): a for a in menus.menu.actions()}
    entry["Members on 20 September 1995…"].trigger()  # a popup menu's entry (a click cannot reach it offscreen)
    popup = window.members.popup
    assert popup is not None and popup.isVisible()
    assert popup.windowTitle() == "Members of Alpha on 20 September 1995"
    assert popup.text() == window.view.members_text("A", dt.date(1995, 9, 20))
    lines = popup.text().splitlines()
    assert lines[0] == "Alpha on 20 September 1995: 2 founding members, 2 members"
    for country in ("Armenia", "Russia", "Georgia"):  # a line each
        assert sum(line.startswith(f"{country} \u2014 ") for line in lines) == 1
    popup.text_box.selectAll()  # copyable: selected and copied as text
    qtbot.mouseClick(popup.copy_button, LEFT)
    assert QtGui.QGuiApplication.clipboard().text().endswith(popup.text())
    menus.menu.close()
    entry["Follow Georgia"].trigger()
    assert window.state.followed == "Georgia"


def test_right_click_on_the_glyph_line_offers_members_but_no_country(qtbot, window):
    from picture import lane_band, widget_x

    show_rows(qtbot, window, "1995", "1996")
    top, _bottom = lane_band(window.view, "B")
    point = QtCore.QPoint(round(widget_x(window.view, noon("1996-06-01"))), round(top) + 4)
    qtbot.mouseClick(window.view.viewport(), RIGHT, pos=point)
    texts = window.members.plot_menu.texts()
    assert texts[0] == "Members on 1 June 1996…" and not any(t.startswith("Follow") for t in texts)
    window.members.plot_menu.menu.close()


def test_the_menu_key_opens_the_plot_menu_at_the_selected_event(qtbot, window):
    window.state.set_time_range(*span("1999", "2000"))
    window.state.select("a-members-2000")  # Alpha, 2000
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus)
    press(qtbot, window.view, QtCore.Qt.Key.Key_Menu)
    menus = window.members.plot_menu
    assert menus.menu is not None and menus.menu.isVisible()
    marker = epoch_to_day(marker_time(parse_date("2000")))  # a year-precise event stands at its middle
    assert menus.texts()[0] == f"Members on {marker.day} July 2000…"
    menus.menu.close()
    window.state.select(None)
    window.state.set_time_range(noon("1999-07-01") - 200 * SECONDS_PER_DAY, noon("1999-07-01") + 200 * SECONDS_PER_DAY)
    press(qtbot, window.view, QtCore.Qt.Key.Key_F10, QtCore.Qt.KeyboardModifier.ShiftModifier)
    assert menus.menu.isVisible() and menus.texts()[0] == "Members on 1 July 1999…"  # the middle of the range
    menus.menu.close()
