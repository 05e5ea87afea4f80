"""The window opened from the command line: in the view the options describe, on the file it showed last.

Each test runs `cli.main` as a user's command does, with the settings in a temporary file and
the event loop replaced by a function that keeps the window for the test to look at.
"""

import datetime as dt
import shutil
import signal
import sys

import pytest
from PySide6 import QtCore, QtWidgets

from conftest import LANES, TINY
from timeline_app import cli
from timeline_app.core.browse import Filters
from timeline_app.core.dates import SECONDS_PER_DAY, day_to_epoch
from timeline_app.core.paths import bundled_events
from timeline_app.ui import app

WINDOW_TITLE = "Security organisations timeline"


def epoch(year, month=1, day=1):
    return day_to_epoch(dt.date(year, month, day))


@pytest.fixture
def launch(qtbot, monkeypatch, settings_file, answers):
    """Run the command line that opens a window; returns the window it opened (None: none)."""
    windows, loops = [], []
    monkeypatch.setattr(
        app, "open_settings", lambda: QtCore.QSettings(str(settings_file), QtCore.QSettings.Format.IniFormat)
    )
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    monkeypatch.setattr(signal, "signal", lambda *_args: None)  # ... and lets Ctrl-C end the process
    show_file = app.show_file

    def recording_show_file(window, path, view=None):
        windows.append(window)
        qtbot.addWidget(window)
        show_file(window, path, view)

    def event_loop(_app):
        loops.append(windows[-1])
        qtbot.waitExposed(windows[-1])
        return 0

    monkeypatch.setattr(app, "show_file", recording_show_file)
    monkeypatch.setattr(QtWidgets.QApplication, "exec", event_loop)

    def run(*args):
        before = len(windows)
        assert cli.main([str(a) for a in args]) == 0
        assert len(loops) == len(windows) == before + 1, "one window, shown in the event loop"
        return windows[-1]

    run.windows = windows
    return run


def test_the_command_line_opens_the_window_in_exactly_that_state(launch, open_window):
    last = open_window()  # the last session: another range, lane A hidden, a country filter
    last.state.set_time_range(epoch(1995), epoch(1997))
    last.state.set_lane_visible("A", False)
    last.state.set_filter_values("countries", {"Armenia"})
    last.close()

    window = launch(LANES, "--from", "2001", "--to", "2002-06", "--lanes", "A,Bloc", "--select", "b04",
                    "--search", "secretariat", "--country", "russia")  # fmt: skip

    state = window.state
    assert state.time_range == pytest.approx((epoch(2001), epoch(2002, 7)), abs=1.0)  # to the end of June 2002
    assert window.view.time_range() == pytest.approx(state.time_range, abs=SECONDS_PER_DAY)
    assert state.visible_lanes == ("A", "B")
    assert state.selected == "b04" and window.details.isVisible()
    assert state.filters == Filters(text="secretariat", countries=frozenset({"Russia"}))
    assert [e.id for e in state.matching_events()] == ["b04", "b10"]  # the Bloc's secretariats, naming Russia
    assert window.windowTitle() == f"lanes.yaml — {WINDOW_TITLE}"


def test_a_shared_command_shows_exactly_its_view_whatever_the_last_session_left(launch, open_window):
    last = open_window()
    last.state.set_time_range(epoch(1995), epoch(1997))
    last.state.set_lane_visible("B", False)
    last.state.set_filter_values("kinds", {"summit"})
    last.state.set_hide_unmatched(True)
    last.close()

    window = launch(LANES, "--select", "b04")  # in 2001, in lane B: outside what was left

    start, end = window.state.time_range
    assert end - start == pytest.approx(epoch(1997) - epoch(1995), abs=1.0)  # the zoom left
    assert start < epoch(2001, 3, 24) < end  # ... brought to the selection
    assert window.state.visible_lanes == ("A", "B", "C", "D", "E")  # lanes not named: all
    assert window.state.filters == Filters() and not window.state.hide_unmatched  # filters not given: off
    assert window.state.selected == "b04"


def test_without_view_options_the_window_opens_as_the_last_session_left_it(launch, open_window):
    last = open_window()
    last.state.set_lane_visible("C", False)
    last.state.set_filter_values("kinds", {"summit"})
    last.close()
    window = launch(LANES)
    assert window.state.visible_lanes == ("A", "B", "D", "E")
    assert window.state.filters == Filters(kinds=frozenset({"summit"}))


def test_hide_unmatched_from_the_command_line(launch):
    window = launch(LANES, "--country", "Kazakhstan", "--hide-unmatched")
    assert window.state.hide_unmatched and window.state.filters.countries == {"Kazakhstan"}
    assert {e.id for e in window.state.matching_events()} == {"c01", "d01", "b01", "c02", "e03", "c06", "e06",
                                                              "e08", "a08", "e09", "c10", "c11", "a11"}  # fmt: skip


@pytest.mark.parametrize(
    "args, message",
    [
        (["--lanes", "A,NATO"], "--lanes: unknown lane 'NATO'; lanes are: A, B, C, D, E"),
        (["--select", "nope"], "--select: no event with id 'nope'"),
        (["--lanes", "C", "--select", "b04"], "--select: event 'b04' is in none of the lanes given with --lanes"),
        (["--from", "2001-13"], "--from: month 13 does not exist (01-12)"),
        (["--from", "2003", "--to", "2002"], "--to 2002 is before --from 2003"),
        (["--to", "1799"], "--from/--to: the timeline shows 1800 to 2100"),
        (["--source", "press"], "--source: unknown source 'press'; sources are: doc, wire"),
        (["--kind", "war"], "--kind: invalid choice: 'war'"),
        (["--dim", "--hide-unmatched"], "--hide-unmatched: not allowed with argument --dim"),
        (
            ["--country", "Russia", "--hide-unmatched", "--select", "a00"],
            "--select: event 'a00' does not match the filters, and --hide-unmatched hides it",
        ),
    ],
)
def test_wrong_view_options_are_usage_errors_before_any_window(launch, capsys, args, message):
    with pytest.raises(SystemExit) as stop:
        cli.main([str(LANES), *args])
    assert stop.value.code == 2
    assert message in capsys.readouterr().err
    assert launch.windows == []


def test_the_window_reopens_the_file_it_showed_last(launch, monkeypatch, tmp_path):
    assert app.file_to_open(None, QtCore.QSettings(str(tmp_path / "none.ini"), QtCore.QSettings.Format.IniFormat)) == (
        bundled_events()
    )
    stand_in = tmp_path / "bundled" / "tiny.yaml"  # the bundled data's part, kept out of UI tests
    stand_in.parent.mkdir()
    shutil.copy(TINY, stand_in)
    monkeypatch.setattr(app, "bundled_events", lambda: stand_in)
    mine = tmp_path / "mine.yaml"
    shutil.copy(LANES, mine)

    first = launch()  # the first time: the bundled data
    assert first.document.shown == stand_in and first.windowTitle() == f"tiny.yaml — {WINDOW_TITLE}"
    first.close()
    launch(mine).close()
    again = launch()  # a restart with the same settings: the file shown last
    assert again.document.shown == mine and again.windowTitle() == f"mine.yaml — {WINDOW_TITLE}"
    assert len(again.state.timeline.events) == 64
    again.close()
    mine.unlink()
    gone = launch()  # that file is gone: the bundled data again
    assert gone.document.shown == stand_in


def test_a_view_is_applied_to_the_file_shown_last(launch, tmp_path):
    mine = tmp_path / "mine.yaml"
    shutil.copy(LANES, mine)
    launch(mine).close()
    window = launch("--lanes", "D", "--select", "disputed-event")  # checked against mine.yaml
    assert window.document.shown == mine
    assert window.state.visible_lanes == ("D",) and window.state.selected == "disputed-event"


def test_member_rows_and_a_followed_country_from_the_command_line(launch, open_window):
    from conftest import DATA

    members = DATA / "members.yaml"
    last = open_window(members)  # the last session: every lane's rows shown
    last.state.set_members_shown(True)
    last.close()

    window = launch(members, "--members", "Alpha,C", "--country", "armenia", "--only-followed")
    assert window.state.member_lanes == frozenset({"A", "C"}) and window.state.followed_only
    assert window.state.followed == "Armenia"
    assert window.state.filters.countries == frozenset({"Armenia"})
    assert window.view.member_row_rect("A", "Armenia").height() > 0

    plain = launch(members, "--country", "armenia")  # without --members: a filter, as before
    assert plain.state.member_lanes == frozenset() and plain.state.followed is None
    assert plain.state.filters.countries == frozenset({"Armenia"})
