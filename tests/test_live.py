"""Live editing without loss: the open file is watched; a broken save keeps the last good data
with a banner; the view survives reloads; problems show their line; recent files; links."""

import os

import pytest
from picture import span
from PySide6 import QtCore

from conftest import LANES
from timeline_app.ui.detail_panel import link_label, open_link

TEXT = LANES.read_text(encoding="utf-8")
TITLE = "Treaty shared by Alliance and Bloc"


@pytest.fixture
def live(tmp_path, open_window):
    path = tmp_path / "events.yaml"
    path.write_text(TEXT, encoding="utf-8")
    window = open_window(path)
    return window, path


def title(window):
    return window.state.timeline.event("shared-treaty").title


def test_saving_reloads_and_keeps_the_view(qtbot, live):
    window, path = live
    window.state.set_time_range(*span("1995", "1997"))
    window.state.select("shared-treaty")
    window.state.set_visible_lanes(["A", "B", "C", "E"])
    kept_range = window.view.time_range()

    path.write_text(TEXT.replace(TITLE, "Treaty signed (edited)").replace("- id: a11", "- id: a99"), encoding="utf-8")
    qtbot.waitUntil(lambda: title(window) == "Treaty signed (edited)", timeout=5000)
    assert window.view.time_range() == pytest.approx(kept_range)
    assert window.state.selected == "shared-treaty"
    assert "Treaty signed (edited)" in window.details.text()
    assert window.state.visible_lanes == ("A", "B", "C", "E")
    assert window.state.timeline.event("a99") is not None and window.state.timeline.event("a11") is None


def test_a_broken_save_keeps_the_last_good_data_until_fixed(qtbot, live):
    window, path = live
    path.write_text(
        TEXT.replace("kind: treaty", "kind: treety", 1).replace("version: 1", "version: 1\nlanes: [", 1),
        encoding="utf-8",
    )
    qtbot.waitUntil(window.banner.isVisible, timeout=5000)
    assert "showing its last good version" in window.banner.label.text()
    assert title(window) == TITLE and len(window.state.timeline.events) == 64
    assert window.problem_list.count() >= 1
    replacement = path.with_suffix(".tmp")  # an editor that saves by replacing the file
    replacement.write_text(TEXT.replace(TITLE, "Fixed title"), encoding="utf-8")
    os.replace(replacement, path)
    qtbot.waitUntil(lambda: title(window) == "Fixed title", timeout=5000)
    assert not window.banner.isVisible()


def test_delete_and_recreate(qtbot, live):
    window, path = live
    path.unlink()
    qtbot.waitUntil(lambda: "was removed" in window.banner.label.text(), timeout=5000)
    assert title(window) == TITLE
    path.write_text(TEXT.replace(TITLE, "Back again"), encoding="utf-8")
    qtbot.waitUntil(lambda: title(window) == "Back again", timeout=5000)
    assert not window.banner.isVisible()


def test_a_problem_opens_its_line(qtbot, tmp_path, open_window):
    broken = tmp_path / "broken.yaml"
    broken.write_text(TEXT.replace("kind: treaty", "kind: treety", 1), encoding="utf-8")
    window = open_window(broken)
    assert window.banner.isVisible()
    window.banner.showProblems.emit()
    assert window.problems_dock.isVisible()
    item = window.problem_list.item(0)
    path, line, column = item.data(QtCore.Qt.ItemDataRole.UserRole)
    window.problem_list.itemClicked.emit(item)
    viewer = window.problem_list.viewer
    assert viewer.isVisible() and viewer.line == line
    assert viewer.text.textCursor().blockNumber() == line - 1
    assert "kind: treety" in viewer.text.textCursor().block().text()


def test_recent_files(tmp_path, open_window):
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text(TEXT, encoding="utf-8")
    second.write_text(TEXT, encoding="utf-8")
    window = open_window(first)
    window.open_file(second)
    assert window.settings.recent_files()[:2] == [str(second.resolve()), str(first.resolve())]
    names = [action.text() for action in window.recent_menu.actions()]
    assert names[:2] == [str(second.resolve()), str(first.resolve())]
    window.recent_menu.actions()[1].trigger()
    assert window.document.path.resolve() == first.resolve()


def test_links_open_only_http_and_only_on_a_click(qapp, monkeypatch):
    opened = []
    monkeypatch.setattr("PySide6.QtGui.QDesktopServices.openUrl", lambda url: opened.append(url.toString()) or True)
    assert not open_link("javascript:alert(1)") and not open_link("file:///etc/passwd")
    plain = link_label("javascript:alert(1)")
    assert plain.textFormat() == QtCore.Qt.TextFormat.PlainText and plain.text() == "javascript:alert(1)"
    link = link_label('https://example.org/?q="<b>"')
    assert link.textFormat() == QtCore.Qt.TextFormat.RichText and "&lt;b&gt;" in link.text()
    assert not link.openExternalLinks() and opened == []  # nothing opens by itself
    link.linkActivated.emit("https://example.org/")
    assert opened == ["https://example.org/"]


def test_fixing_a_second_broken_file_shows_it(qtbot, tmp_path, open_window):
    """Open a good file, then a broken one, then fix the broken one on disk: the fix is shown
    (it used to reload the first file, and never show the second)."""
    good, second = tmp_path / "first" / "a.yaml", tmp_path / "second" / "b.yaml"
    for folder in (good.parent, second.parent):  # apart: the watcher must follow b.yaml to its folder
        folder.mkdir()
    good.write_text(TEXT, encoding="utf-8")
    second.write_text(TEXT.replace("version: 1", "version: 1\nlanes: [", 1), encoding="utf-8")
    window = open_window(good)
    assert not window.open_file(second)
    assert title(window) == TITLE  # a.yaml stays on screen, and the window says so plainly
    assert window.windowTitle().startswith("a.yaml")
    assert window.banner.label.text().startswith("b.yaml has 1 problem; still showing a.yaml as it was last read.")
    second.write_text(TEXT.replace(TITLE, "From b.yaml"), encoding="utf-8")
    qtbot.waitUntil(lambda: title(window) == "From b.yaml", timeout=5000)
    assert window.document.shown == second and window.windowTitle().startswith("b.yaml")
    assert not window.banner.isVisible()
    good.write_text(TEXT.replace(TITLE, "From a.yaml, edited"), encoding="utf-8")  # a.yaml is no longer followed
    window.reload()
    assert title(window) == "From b.yaml"


def test_lanes_hidden_while_a_broken_file_waits_are_kept_for_the_file_shown(tmp_path, open_window, settings_file):
    good, broken = tmp_path / "a.yaml", tmp_path / "b.yaml"
    good.write_text(TEXT, encoding="utf-8")
    broken.write_text("version: 1\nlanes: [\n", encoding="utf-8")
    window = open_window(good)
    window.open_file(broken)
    window.lane_actions["C"].setChecked(False)
    assert window.settings.hidden_lanes(good) == ["C"]
    assert window.settings.hidden_lanes(broken) == []
    on_disk = settings_file.read_text()  # written through at once, not only at exit
    assert "hiddenLanesByFile" in on_disk and str(good.resolve()) in on_disk


def test_the_presentation_card_follows_a_reload(qtbot, live):
    window, path = live
    window.state.select("shared-treaty")
    window.set_presentation(True)
    assert "On 12 June 1996 both signed a treaty." in window.card.text()
    path.write_text(TEXT.replace("On 12 June 1996 both signed a treaty.", "Edited excerpt."), encoding="utf-8")
    qtbot.waitUntil(lambda: "Edited excerpt." in window.card.text(), timeout=5000)
    window.set_presentation(False)


def test_lanes_hidden_before_they_were_kept_per_file_stay_hidden(settings_file, open_window):
    settings_file.write_text("[view]\nhiddenLanes=D, E\n")  # as the app before 0.2 kept them, for every file
    window = open_window()
    assert window.state.visible_lanes == ("A", "B", "C")
