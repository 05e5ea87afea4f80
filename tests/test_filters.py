"""Filters as a user sets them (pytest-qt, offscreen): the Filters panel, the filter bar, the
names in Details, the legend and Help > Data Sources that lead to filters, the lane counts,
and filters kept across a reload and a restart.

What should match is computed here from the fixture's YAML, not through the app's matching."""

import json
import shutil

import pytest
import yaml
from picture import find_colour, grab, noon, span, widget_x
from PySide6 import QtCore, QtGui, QtWidgets

from conftest import LANES, TINY
from timeline_app.core.browse import Filters
from timeline_app.core.dates import parse_date

Key, Mod = QtCore.Qt.Key, QtCore.Qt.KeyboardModifier
LEFT = QtCore.Qt.MouseButton.LeftButton
CHECKED, UNCHECKED = QtCore.Qt.CheckState.Checked, QtCore.Qt.CheckState.Unchecked
COLOURS = {"A": "#0072B2", "B": "#D55E00", "C": "#009E73", "D": "#CC79A7", "E": "#E69F00"}
DIM = 0.2  # a dimmed glyph: its lane colour at this strength over the background


# --- the fixture, read on its own ---------------------------------------------------------------
@pytest.fixture(scope="module")
def fixture():
    return yaml.safe_load(LANES.read_text(encoding="utf-8"))


def ids(events):
    return [e["id"] for e in events]


def expected(fixture, keep):
    """The fixture's events that `keep` accepts, in the app's date order."""
    return sorted(ids(e for e in fixture["events"] if keep(e)))


def matching(window):
    return sorted(e.id for e in window.state.matching_events())


def precision(event):
    return {1: "year", 2: "month", 3: "day"}[len(str(event["date"]).split("-"))]


def disagree(event):
    """Two citations give days that do not overlap."""
    spans = []
    for citation in event["citations"]:
        if "date" in citation:
            date = parse_date(citation["date"])
            spans.append((date.first_day, date.last_day))
    return any(a[1] < b[0] or b[1] < a[0] for a in spans for b in spans)


def lane_counts(fixture, keep):
    """'Alliance  (5 of 12)' for each lane, in file order."""
    rows = []
    for lane in fixture["lanes"]:
        mine = [e for e in fixture["events"] if lane["id"] in e["lanes"]]
        rows.append(f"{lane['name']}  ({sum(1 for e in mine if keep(e))} of {len(mine)})")
    return rows


def mid(event) -> float:
    """Where an event's marker stands: the middle of its (first) date, epoch seconds."""
    start, end = span(str(event["date"]), str(event["date"]))
    return (start + end) / 2


# --- reading the plot ---------------------------------------------------------------------------
def glyph_point(view, lane, day) -> tuple[int, int]:
    """The viewport point of a day-precise event's marker: its date through the axis, its lane's
    glyph row through the view box."""
    x = round(widget_x(view, noon(day)))
    y = round(view.mapFromScene(view.view_box.mapToScene(QtCore.QPointF(0, view.glyph_row(lane)))).y())
    return x, y


def drawn_as(view, lane, day) -> str:
    """How the marker of a day-precise event is drawn: 'full' (its lane colour is there),
    'dimmed' (not that colour, but the faint blend of it over the background) or 'none'."""
    image = grab(view)
    x, y = glyph_point(view, lane, day)
    near = (range(x - 4, x + 5), range(y - 4, y + 5))
    if find_colour(image, COLOURS[lane], *near):
        return "full"
    ratio = image.devicePixelRatio()
    background = image.pixelColor(round((x + 60) * ratio), round(y * ratio))
    colour = QtGui.QColor(COLOURS[lane])
    faint = QtGui.QColor(
        *(round(DIM * getattr(colour, c)() + (1 - DIM) * getattr(background, c)()) for c in ("red", "green", "blue"))
    )
    return "dimmed" if find_colour(image, faint.name(), *near, tolerance=24) else "none"


# --- driving the widgets ---------------------------------------------------------------------
def check_box_point(value_list, item) -> QtCore.QPoint:
    """The centre of an item's check box, as the list's style lays it out."""
    option = QtWidgets.QStyleOptionViewItem()
    value_list.initViewItemOption(option)
    value_list.itemDelegate().initStyleOption(option, value_list.indexFromItem(item))
    option.rect = value_list.visualItemRect(item)
    rect = value_list.style().subElementRect(
        QtWidgets.QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, value_list
    )
    return rect.center()


def show_panel(qtbot, window):
    """View > Filters Panel with its shortcut: the panel comes in front of the Lanes."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Key.Key_F, Mod.ControlModifier | Mod.ShiftModifier)
    panel = window.filter_panel
    qtbot.waitUntil(lambda: not window.filters_dock.visibleRegion().isEmpty())
    return panel


def click_value(qtbot, value_list, value, on_box=True):
    item = value_list.item_for(value)
    assert item is not None, f"{value} is not listed"
    value_list.scrollToItem(item)
    point = check_box_point(value_list, item) if on_box else value_list.visualItemRect(item).center()
    qtbot.mouseClick(value_list.viewport(), LEFT, pos=point)


def lane_texts(window):
    lanes = window.lane_panel.list
    return [lanes.item(row).text() for row in range(lanes.count())]


def link_points(label) -> dict[str, QtCore.QPoint]:
    """Where each link of a label is: the mouse is moved over the label as a user would, and the
    label says which link is under it (linkHovered)."""
    found: dict[str, QtCore.QPoint] = {}
    here = {"point": None}
    label.linkHovered.connect(lambda href: found.setdefault(href, here["point"]) if href else None)
    for y in range(2, label.height() - 1, 3):
        for x in range(1, label.width() - 1, 3):
            here["point"] = QtCore.QPoint(x, y)
            move = QtGui.QMouseEvent(
                QtCore.QEvent.Type.MouseMove,
                QtCore.QPointF(x, y),
                QtCore.QPointF(label.mapToGlobal(QtCore.QPoint(x, y))),
                QtCore.Qt.MouseButton.NoButton,
                QtCore.Qt.MouseButton.NoButton,
                Mod.NoModifier,
            )
            QtWidgets.QApplication.sendEvent(label, move)
    return found


def click_link(qtbot, label, text):
    """A real click on the link that reads `text` in a label of Details."""
    html = label.text()
    href = next(part.split('"', 1)[0] for part in html.split('<a href="')[1:] if part.split(">", 1)[1].startswith(text))
    points = link_points(label)
    assert href in points, f"no link {text!r} found under the mouse in {html!r}"
    qtbot.mouseClick(label, LEFT, pos=points[href])


def details_label(qtbot, window, starts):
    """The label of Details whose text begins so, once shown."""
    label = next(
        label
        for label in window.details.findChildren(QtWidgets.QLabel)
        if (label.property("plainText") or label.text()).startswith(starts)
    )
    qtbot.waitUntil(label.isVisible)
    return label


# --- the panel ---------------------------------------------------------------------------------
def test_a_country_clicked_in_the_panel_leaves_only_its_events(qtbot, open_window, fixture):
    window = open_window()
    panel = show_panel(qtbot, window)
    countries = panel.countries
    counts = {}
    for event in fixture["events"]:
        for country in set(event.get("countries", [])):
            counts[country] = counts.get(country, 0) + 1
    assert [countries.item(r).text() for r in range(countries.count())] == [
        f"{name} ({n})" for name, n in sorted(counts.items())
    ]
    assert f"{counts['Armenia']} events of the file name Armenia" in countries.item_for("Armenia").toolTip()

    click_value(qtbot, countries, "Belarus")
    belarus = expected(fixture, lambda e: "Belarus" in e.get("countries", []))
    assert matching(window) == belarus and len(belarus) == counts["Belarus"]
    assert countries.item_for("Belarus").checkState() == CHECKED
    bar = window.filter_bar
    assert bar.isVisible()
    assert bar.text() == f"Belarus \u00b7 1 filter \u2014 {len(belarus)} of {len(fixture['events'])} events match"
    assert lane_texts(window) == lane_counts(fixture, lambda e: "Belarus" in e.get("countries", []))

    click_value(qtbot, countries, "Armenia", on_box=False)  # a click on the name checks it too
    both = expected(fixture, lambda e: {"Belarus", "Armenia"} & set(e.get("countries", [])))
    assert matching(window) == both  # two countries: either one
    click_value(qtbot, countries, "Belarus", on_box=False)
    click_value(qtbot, countries, "Armenia")
    assert not window.state.filters.active and not bar.isVisible()
    assert matching(window) == sorted(ids(fixture["events"]))
    assert lane_texts(window)[0] == f"Alliance  ({sum(1 for e in fixture['events'] if 'A' in e['lanes'])})"


def test_space_checks_the_current_value(qtbot, open_window, fixture):
    window = open_window()
    panel = show_panel(qtbot, window)
    kinds = panel.kinds
    kinds.setFocus()
    qtbot.waitUntil(kinds.hasFocus)
    for _ in range(kinds.count()):  # up to the first kind (Home is the plot's Fit All)
        qtbot.keyClick(kinds, Key.Key_Up)
    assert kinds.currentRow() == 0
    qtbot.keyClick(kinds, Key.Key_Down)
    qtbot.keyClick(kinds, Key.Key_Down)
    assert kinds.currentItem().data(QtCore.Qt.ItemDataRole.UserRole) == "treaty"
    qtbot.keyClick(kinds, Key.Key_Space)
    assert window.state.filters.kinds == {"treaty"}
    assert matching(window) == expected(fixture, lambda e: e["kind"] == "treaty")
    qtbot.keyClick(kinds, Key.Key_Space)
    assert not window.state.filters.active


@pytest.mark.parametrize(
    "section, value, keep",
    [
        ("kinds", "membership", lambda e: e["kind"] == "membership"),
        ("precisions", "month", lambda e: precision(e) == "month"),
        ("precisions", "year", lambda e: precision(e) == "year"),
        ("sources", "wire", lambda e: any(c["source"] == "wire" for c in e["citations"])),
    ],
)
def test_each_section_narrows_to_what_it_names(qtbot, open_window, fixture, section, value, keep):
    window = open_window()
    panel = show_panel(qtbot, window)
    click_value(qtbot, panel.lists[section], value)
    wanted = expected(fixture, keep)
    assert wanted and len(wanted) < len(fixture["events"])
    assert matching(window) == wanted
    assert window.filter_bar.text().endswith(f"{len(wanted)} of {len(fixture['events'])} events match")
    assert lane_texts(window) == lane_counts(fixture, keep)


def test_sections_combine_and_only_disagreements(qtbot, open_window, fixture):
    window = open_window()
    panel = show_panel(qtbot, window)
    qtbot.mouseClick(panel.disagreements, LEFT, pos=QtCore.QPoint(8, panel.disagreements.height() // 2))
    assert window.state.filters.disagreements
    assert matching(window) == expected(fixture, disagree) == ["disputed-event"]
    assert window.filter_bar.text().startswith("sources disagree \u00b7 1 filter")
    qtbot.mouseClick(panel.disagreements, LEFT, pos=QtCore.QPoint(8, panel.disagreements.height() // 2))
    # a kind and a precision: both must hold
    click_value(qtbot, panel.kinds, "institutional")
    click_value(qtbot, panel.precisions, "day")
    assert matching(window) == expected(fixture, lambda e: e["kind"] == "institutional" and precision(e) == "day")
    assert window.filter_bar.text().startswith("institutional \u00b7 day dates \u00b7 2 filters")
    qtbot.mouseClick(panel.clear_button, LEFT)
    assert not window.state.filters.active
    assert all(item.checkState() == UNCHECKED for v in panel.lists.values() for item in v.all_items())


# --- the bar ---------------------------------------------------------------------------------------
def test_the_bar_clears_with_one_click(qtbot, open_window, fixture):
    window = open_window()
    bar = window.filter_bar
    assert not bar.isVisible()
    panel = show_panel(qtbot, window)
    click_value(qtbot, panel.countries, "Kazakhstan")
    click_value(qtbot, panel.kinds, "summit")
    keep = lambda e: "Kazakhstan" in e.get("countries", []) and e["kind"] == "summit"  # noqa: E731
    wanted = expected(fixture, keep)
    assert bar.isVisible()
    assert bar.text() == f"Kazakhstan \u00b7 summit \u00b7 2 filters \u2014 {len(wanted)} of 64 events match"
    assert bar.geometry().bottom() <= window.view.geometry().top()  # above the plot
    window.lane_actions["A"].setChecked(False)  # the count is over the lanes shown
    shown = [e for e in fixture["events"] if set(e["lanes"]) - {"A"}]
    in_view = [e for e in shown if keep(e)]
    assert bar.text().endswith(f"\u2014 {len(in_view)} of {len(shown)} events match")
    qtbot.mouseClick(bar.clear_button, LEFT)
    assert not window.state.filters.active and not bar.isVisible()
    assert window.state.visible_lanes == ("B", "C", "D", "E")  # the lanes are not filters
    assert all(item.checkState() == UNCHECKED for item in panel.countries.all_items())


def test_hide_the_others_hides_the_glyphs_that_do_not_match(qtbot, open_window, fixture):
    window = open_window()
    view = window.view
    # an event of lane C, known to the day, that does not name Belarus; nothing else near it
    lone = next(
        e
        for e in fixture["events"]
        if e["lanes"] == ["C"] and precision(e) == "day" and "end" not in e and "Belarus" not in e.get("countries", [])
    )
    day = str(lone["date"])
    window.state.set_time_range(*span(day[:7], day[:7]))
    view.relayout()

    def ink() -> int:
        """Pixels around the event's glyph that are not the lane's background."""
        image = grab(view)
        x, y = glyph_point(view, "C", day)
        ratio = image.devicePixelRatio()
        background = image.pixelColor(round((x + 60) * ratio), round(y * ratio))
        return sum(
            1
            for dx in range(-5, 6)
            for dy in range(-5, 6)
            if image.pixelColor(round((x + dx) * ratio), round((y + dy) * ratio)) != background
        )

    assert ink() > 10 and drawn_as(view, "C", day) == "full"
    window.state.filter_by("countries", "Belarus")
    assert lone["id"] not in window.state.matched_ids()
    assert drawn_as(view, "C", day) == "dimmed"  # faint, still drawn
    bar = window.filter_bar
    qtbot.mouseClick(bar.hide_box, LEFT, pos=QtCore.QPoint(8, bar.hide_box.height() // 2))
    assert window.state.hide_unmatched and window.hide_unmatched_action.isChecked()
    assert ink() == 0  # hidden
    window.hide_unmatched_action.trigger()  # View > Hide Events That Do Not Match, off again
    assert not window.state.hide_unmatched and not bar.hide_box.isChecked()
    assert drawn_as(view, "C", day) == "dimmed"


# --- one state: the list, the plot and the counts agree ----------------------------------------------
def agrees(window, fixture, keep, visible):
    """The list, the lane panel, the status bar, the filter bar, the overview and the lanes'
    "+N unlabelled" all say what the fixture says of the events that `keep` accepts in the
    `visible` lanes; returns the unlabelled counts."""
    events = fixture["events"]
    shown = [e for e in events if set(e["lanes"]) & set(visible)]
    wanted = [e for e in shown if keep(e)]
    listed = window.event_list.model.event_ids()
    assert sorted(listed) == sorted(ids(wanted)) and len(listed) == len(wanted)
    assert window.event_list.count_label.text() == f"{len(wanted)} of {len(shown)} events"
    assert lane_texts(window) == lane_counts(fixture, keep)
    summary = f"{len(wanted)} of {len(shown)} events match"
    assert window.count_label.text().startswith(summary)
    assert window.filter_bar.text().endswith(f"\u2014 {summary}")
    densities = window.overview.densities()
    assert list(densities) == list(visible)
    for lane in visible:
        assert densities[lane].sum() == sum(1 for e in wanted if lane in e["lanes"]), lane
    window.view.relayout()
    x0, x1 = window.view.time_range()
    unlabelled = {}
    for lane in visible:
        in_view = {e["id"] for e in wanted if lane in e["lanes"] and x0 <= mid(e) < x1}
        labelled = {key for lane_id, key, _ in window.view.label_rects() if lane_id == lane}
        assert labelled <= in_view, lane  # only matches are labelled
        unlabelled[lane] = window.view.hidden_label_count(lane)
        assert unlabelled[lane] == len(in_view) - len(labelled), lane
    return unlabelled


def test_a_country_chosen_in_the_panel_agrees_in_the_list_the_plot_and_the_counts(qtbot, open_window, fixture):
    window = open_window(size=(1280, 720))
    view = window.view
    panel = show_panel(qtbot, window)
    click_value(qtbot, panel.countries, "Kazakhstan", on_box=False)
    assert window.state.filters.countries == {"Kazakhstan"}
    keep = lambda e: "Kazakhstan" in e.get("countries", [])  # noqa: E731
    unlabelled = agrees(window, fixture, keep, "ABCDE")
    assert any(unlabelled.values())  # some matches go unlabelled at this size: the counts are tested
    window.lane_actions["A"].trigger()  # View > Lanes > Alliance off: the counts are over the lanes shown
    assert window.state.visible_lanes == ("B", "C", "D", "E")
    agrees(window, fixture, keep, "BCDE")

    # the plot: in lane C, a match drawn in full, an event of another country dimmed
    by_id = {e["id"]: e for e in fixture["events"]}
    match, other = by_id["c01"], by_id["c00"]
    assert keep(match) and not keep(other) and match["lanes"] == other["lanes"] == ["C"]
    window.state.set_time_range(*span("1992-05", "1994-04"))  # the two, and nothing else of lane C
    view.relayout()
    assert drawn_as(view, "C", str(match["date"])) == "full"
    assert drawn_as(view, "C", str(other["date"])) == "dimmed"
    agrees(window, fixture, keep, "BCDE")  # the unlabelled counts of this range too


def test_a_bad_stored_filter_is_dropped_and_the_window_opens(qtbot, open_window, settings_file):
    store = QtCore.QSettings(str(settings_file), QtCore.QSettings.Format.IniFormat)
    store.setValue("view/filters", json.dumps({"precisions": ["decade"]}))
    store.sync()
    window = open_window()
    assert window.state.filters == Filters() and not window.filter_bar.isVisible()
    assert [item.data(QtCore.Qt.ItemDataRole.UserRole) for item in window.filter_panel.precisions.all_items()] == [
        "day",
        "month",
        "year",
    ]
    assert len(window.event_list.model.event_ids()) == 64
    # a precision no file has, set from code: listed, to be unchecked (the panel fills the list
    # again, and only that list)
    window.state.set_filter_values("precisions", {"decade"})
    precisions = show_panel(qtbot, window).precisions
    item = precisions.item_for("decade")
    assert item is not None and item.text() == "decade (0)" and item.checkState() == CHECKED
    click_value(qtbot, precisions, "decade")
    assert not window.state.filters.active


def test_stored_filters_keep_the_kinds_and_precisions_a_file_can_have():
    stored = {
        "precisions": ["decade", "day"],
        "kinds": ["treaty", "coup"],
        "countries": ["Atlantis"],  # countries and sources depend on the file: kept
        "sources": ["nowhere"],
        "disagreements": True,
    }
    assert Filters.from_json(stored) == Filters(
        precisions=frozenset({"day"}),
        kinds=frozenset({"treaty"}),
        countries=frozenset({"Atlantis"}),
        sources=frozenset({"nowhere"}),
        disagreements=True,
    )


# --- the menu ---------------------------------------------------------------------------------------
def test_view_menu_shows_the_panel_and_clears_with_a_key(qtbot, open_window):
    window = open_window()
    dock = window.filters_dock
    assert dock.visibleRegion().isEmpty()  # behind the Lanes, at first
    panel = show_panel(qtbot, window)
    assert window.filters_action.isChecked()
    qtbot.waitUntil(panel.countries.hasFocus)  # the keyboard is in the panel: Space checks a country
    qtbot.keyClick(panel.countries, Key.Key_Space)
    first = panel.countries.currentItem().data(QtCore.Qt.ItemDataRole.UserRole)
    assert window.state.filters.countries == {first}
    qtbot.keyClick(window, Key.Key_F, Mod.ControlModifier | Mod.ShiftModifier)
    assert dock.isHidden() and not window.filters_action.isChecked()
    window.state.filter_by("kinds", "summit")
    assert window.clear_filters_action.isEnabled()
    window.view.setFocus()
    qtbot.keyClick(window.view, Key.Key_Backspace, Mod.ControlModifier | Mod.ShiftModifier)
    assert not window.state.filters.active and not window.clear_filters_action.isEnabled()
    view_menu = next(m for m in window.menuBar().findChildren(QtWidgets.QMenu) if m.title() == "&View")
    texts = [a.text() for a in view_menu.actions()]
    assert {"&Filters Panel", "&Hide Events That Do Not Match", "Clear &All Filters"} <= set(texts)
    help_text = window.shortcut_help()
    assert "Ctrl+Shift+F: Filters Panel" in help_text and "Ctrl+Shift+Backspace: Clear All Filters" in help_text


# --- kept across a restart and a reload --------------------------------------------------------------
def test_filters_survive_a_restart(qtbot, open_window, fixture):
    window = open_window()
    panel = show_panel(qtbot, window)
    click_value(qtbot, panel.countries, "Russia")
    click_value(qtbot, panel.precisions, "day")
    window.state.set_search("alliance")  # the search is not kept
    window.state.set_hide_unmatched(True)
    window.close()
    again = open_window()
    filters = again.state.filters
    assert (filters.countries, filters.precisions, filters.text) == ({"Russia"}, {"day"}, "")
    assert again.state.hide_unmatched and again.hide_unmatched_action.isChecked()
    assert again.filter_panel.countries.item_for("Russia").checkState() == CHECKED
    assert again.filter_panel.precisions.item_for("day").checkState() == CHECKED
    wanted = expected(fixture, lambda e: "Russia" in e.get("countries", []) and precision(e) == "day")
    assert matching(again) == wanted
    assert again.filter_bar.isVisible() and again.filter_bar.text().startswith(
        "Russia \u00b7 day dates \u00b7 2 filters"
    )
    assert again.filter_bar.hide_box.isChecked()


def test_a_reload_keeps_the_filters(qtbot, open_window, fixture, tmp_path):
    path = tmp_path / "events.yaml"
    shutil.copy(LANES, path)
    window = open_window(path)
    panel = show_panel(qtbot, window)
    click_value(qtbot, panel.countries, "Kazakhstan")
    before = matching(window)
    # on disk, an event of Armenia becomes one of Kazakhstan
    armenian = next(e for e in fixture["events"] if e.get("countries") == ["Armenia"])
    text = path.read_text(encoding="utf-8")
    block = text.index(f"- id: {armenian['id']}\n")
    at = text.index("countries: [Armenia]", block)
    path.write_text(text[:at] + "countries: [Kazakhstan]" + text[at + len("countries: [Armenia]") :], encoding="utf-8")
    window.reload()
    assert window.state.filters.countries == {"Kazakhstan"}
    assert matching(window) == sorted([*before, armenian["id"]])
    assert panel.countries.item_for("Kazakhstan").checkState() == CHECKED
    assert panel.countries.item_for("Kazakhstan").text() == f"Kazakhstan ({len(before) + 1})"
    assert window.filter_bar.text() == f"Kazakhstan \u00b7 1 filter \u2014 {len(before) + 1} of 64 events match"


def test_a_file_without_the_value_lists_it_to_uncheck(qtbot, open_window):
    window = open_window()
    panel = show_panel(qtbot, window)
    click_value(qtbot, panel.countries, "Belarus")
    window.open_file(TINY)
    item = panel.countries.item_for("Belarus")
    assert item is not None and item.text() == "Belarus (0)" and item.checkState() == CHECKED
    assert window.state.matching_events() == []
    none = f"no match among {len(window.state.shown_events())} events"  # the status bar's words
    assert window.filter_bar.text().endswith(f"\u2014 {none}")
    assert window.count_label.text().startswith(none)
    click_value(qtbot, panel.countries, "Belarus")
    assert not window.state.filters.active


# --- names that lead to filters ---------------------------------------------------------------------
def test_a_country_in_details_filters_by_it(qtbot, open_window, fixture):
    window = open_window()
    window.state.select("shared-treaty")  # Armenia, Belarus
    label = details_label(qtbot, window, "Countries: ")
    assert label.property("plainText") == "Countries: Armenia, Belarus"
    click_link(qtbot, label, "Belarus")
    assert window.state.filters.countries == {"Belarus"}
    assert matching(window) == expected(fixture, lambda e: "Belarus" in e.get("countries", []))
    assert window.state.selected == "shared-treaty"  # it names Belarus: still selected
    label = details_label(qtbot, window, "Countries: ")
    click_link(qtbot, label, "Armenia")  # one click: only this one
    assert window.state.filters.countries == {"Armenia"}


def test_a_kind_and_a_source_in_details_filter_by_them(qtbot, open_window, fixture):
    window = open_window()
    window.state.select("disputed-event")
    click_link(qtbot, details_label(qtbot, window, "Dialogue  \u00b7  "), "founding")
    assert window.state.filters.kinds == {"founding"}
    window.state.clear_filters()
    wire = details_label(qtbot, window, "\u201cA wire report\u201d")
    assert wire.property("plainText") == "\u201cA wire report\u201d, Test Wire, 15 May 2002 \u2014 gives 14 June 2001"
    click_link(qtbot, wire, "\u201cA wire report\u201d")
    assert window.state.filters.sources == {"wire"}
    assert matching(window) == ["disputed-event"]
    assert window.filter_bar.text().startswith("Test Wire, 15 May 2002 \u00b7 1 filter")
    click_link(qtbot, details_label(qtbot, window, "Jane Roe"), "Jane Roe")
    assert window.state.filters.sources == {"doc"}


def test_a_kind_in_the_legend_filters_by_it(qtbot, open_window, fixture):
    window = open_window()
    legend = window.lane_panel.legend
    item = next(legend.item(r) for r in range(legend.count()) if legend.item(r).text() == "military")
    assert item.toolTip() == "Show only military events"
    assert legend.viewport().cursor().shape() == QtCore.Qt.CursorShape.PointingHandCursor
    qtbot.mouseClick(legend.viewport(), LEFT, pos=legend.visualItemRect(item).center())
    assert window.state.filters.kinds == {"military"}
    assert matching(window) == expected(fixture, lambda e: e["kind"] == "military")
    assert item.font().bold()
    assert lane_texts(window) == lane_counts(fixture, lambda e: e["kind"] == "military")


def test_a_source_in_help_data_sources_filters_by_it(qtbot, open_window):
    from timeline_app.ui.sources_dialog import SourcesDialog

    window = open_window()
    window.sources_action.trigger()
    dialog = next(d for d in window.findChildren(SourcesDialog) if d.isVisible())
    assert set(dialog.buttons) == {"doc", "wire"}
    assert dialog.buttons["wire"].text() == "Show Only Its Events (1)"
    qtbot.mouseClick(dialog.buttons["wire"], LEFT)
    assert window.state.filters.sources == {"wire"}
    assert matching(window) == ["disputed-event"]
    assert not dialog.isVisible()
