"""Reading off the GUI thread: a slow read shows its progress and Cancel while the window keeps
answering; cancel, an error and a newer request keep what is shown; closing ends the thread.

The slow reads are stand-ins (`SlowRead`) that wait on a threading.Event, telling their
progress as they wait, so nothing here depends on how long anything takes."""

from __future__ import annotations

import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6 import QtCore, QtWidgets

from conftest import BUNDLED, LANES
from timeline_app.core.cache import Cache
from timeline_app.core.loader import parse_timeline
from timeline_app.core.state import fingerprint, read_timeline
from timeline_app.ui.loading import SYNC_BELOW_BYTES

TEXT = LANES.read_text(encoding="utf-8")
TITLE = "Treaty shared by Alliance and Bloc"
Key = QtCore.Qt.Key


@dataclass
class Call:
    """One read asked of the stand-in: released by `gate`; `stopped` once it saw its cancel."""

    path: Path
    content: bytes
    gate: threading.Event = field(default_factory=threading.Event)
    started: threading.Event = field(default_factory=threading.Event)
    stopped: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None


class SlowRead:
    """A read function for the loader: takes the file's bytes when asked, then waits for its
    gate, telling progress as it waits (where a cancel stops it), then parses those bytes.
    `heed_cancel=False`: tells no progress, so a replaced read runs on and returns late."""

    def __init__(self, heed_cancel: bool = True) -> None:
        self.heed_cancel = heed_cancel
        self.calls: list[Call] = []

    def __call__(self, path, *, progress=None, cache=None, unless=None):
        content = Path(path).read_bytes()
        if fingerprint(content) == unless:  # the watcher saw the folder change, not this file: nothing to read
            return None
        call = Call(Path(path), content, thread=threading.current_thread())
        self.calls.append(call)
        call.started.set()
        deadline = time.monotonic() + 30  # a safety net against a hung test, never reached when all is well
        step = 0
        try:
            while not call.gate.wait(0.002):
                if self.heed_cancel and progress is not None:
                    step += 1
                    progress(min(step / 200, 0.99))  # raises LoadCancelled once the read is cancelled
                if time.monotonic() > deadline:
                    raise AssertionError("the slow read was never released")
        except BaseException:
            call.stopped.set()
            raise
        return fingerprint(call.content), parse_timeline(call.content, str(path))


def title(window):
    return window.state.timeline.event("shared-treaty").title


@pytest.fixture
def slow(tmp_path, open_window):
    """A window showing a.yaml; every later read goes through the worker thread and SlowRead."""
    path = tmp_path / "a.yaml"
    path.write_text(TEXT, encoding="utf-8")
    window = open_window(path)
    read = SlowRead()
    window.loader.read = read
    window.loader.sync_below = 0
    window.load_progress.timer.setInterval(0)  # the tests wait for it; the app waits 0.5 s
    window.slow = read
    return window, path


def write(path: Path, new_title: str) -> None:
    path.write_text(TEXT.replace(TITLE, new_title), encoding="utf-8")


def test_a_slow_read_shows_progress_and_the_window_keeps_answering(qtbot, tmp_path, open_window):
    path = tmp_path / "a.yaml"
    path.write_text(TEXT, encoding="utf-8")
    window = open_window(path)
    window.loader.read = read = SlowRead()
    window.loader.sync_below = 0
    big = tmp_path / "big.yaml"
    write(big, "From big.yaml")
    assert window.open_file(big) is False  # in the background: nothing read yet
    assert not window.load_progress.isVisible()  # not at once: only a read that lasts is shown
    qtbot.waitUntil(window.load_progress.isVisible, timeout=10000)
    qtbot.waitUntil(lambda: window.load_progress.bar.value() > 0)
    call = read.calls[0]
    assert call.thread is not threading.main_thread()
    progress = window.load_progress
    assert progress.label.text() == "Reading big.yaml…"
    assert progress.text() == f"Reading big.yaml… {progress.bar.value()}%"
    assert progress.cancel_button.accessibleName() == "Cancel reading"
    assert progress.bar.accessibleName() == "Reading big.yaml"
    # the window answers while the worker runs: a key zooms, and the plot paints
    window.activateWindow()
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus)
    before = window.state.time_range
    qtbot.keyClick(window.view, Key.Key_Plus)
    assert window.state.time_range[1] - window.state.time_range[0] == pytest.approx((before[1] - before[0]) / 2)
    painted = []
    spy = _PaintSpy(painted)
    window.view.viewport().installEventFilter(spy)
    window.view.viewport().update()
    qtbot.waitUntil(lambda: bool(painted))
    assert not call.gate.is_set() and window.loader.busy and title(window) == TITLE  # still a.yaml
    with qtbot.waitSignal(window.document.changed):
        call.gate.set()
    assert title(window) == "From big.yaml" and window.windowTitle().startswith("big.yaml")
    assert not window.load_progress.isVisible() and not window.loader.busy


class _PaintSpy(QtCore.QObject):
    def __init__(self, painted: list) -> None:
        super().__init__()
        self.painted = painted

    def eventFilter(self, watched, event):
        if event.type() == QtCore.QEvent.Type.Paint:
            self.painted.append(watched)
        return False


def test_cancel_keeps_the_timeline_shown(qtbot, slow, tmp_path):
    window, _path = slow
    big = tmp_path / "big.yaml"
    write(big, "From big.yaml")
    window.open_file(big)
    qtbot.waitUntil(window.load_progress.isVisible)
    call = window.slow.calls[0]
    button = window.load_progress.cancel_button
    qtbot.mouseClick(button, QtCore.Qt.MouseButton.LeftButton, pos=button.rect().center())
    assert call.stopped.wait(10)  # the read itself stopped (LoadCancelled from its progress)
    assert not window.load_progress.isVisible() and not window.loader.busy
    assert title(window) == TITLE and window.document.path.name == "a.yaml"
    assert window.statusBar().currentMessage() == "Cancelled reading big.yaml; still showing a.yaml."
    assert not window.banner.isVisible()
    QtWidgets.QApplication.processEvents()
    assert title(window) == TITLE  # nothing of it arrives later either


def test_esc_on_the_progress_cancels_and_leaves_the_selection(qtbot, slow, tmp_path):
    window, _path = slow
    window.state.select("shared-treaty")
    big = tmp_path / "big.yaml"
    write(big, "From big.yaml")
    window.open_file(big)
    qtbot.waitUntil(window.load_progress.isVisible)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # so that the window's shortcuts (its own Esc) are live
    window.load_progress.cancel_button.setFocus()
    qtbot.waitUntil(window.load_progress.cancel_button.hasFocus)
    qtbot.keyClick(window.load_progress.cancel_button, Key.Key_Escape)
    assert window.slow.calls[0].stopped.wait(10)
    assert not window.loader.busy and title(window) == TITLE
    assert window.state.selected == "shared-treaty"  # the window's Esc (clear the selection) did not run


def test_an_error_keeps_the_timeline_and_shows_the_problems(qtbot, slow, tmp_path):
    window, _path = slow
    window.loader.read = read_timeline  # the real read, in the worker thread
    broken = tmp_path / "b.yaml"
    broken.write_text(TEXT.replace("kind: treaty", "kind: treety", 1), encoding="utf-8")
    with qtbot.waitSignal(window.document.changed) as blocker:
        assert window.open_file(broken) is False
    assert blocker.args == [False, False]
    assert title(window) == TITLE and window.windowTitle().startswith("a.yaml")
    assert window.banner.isVisible()
    assert window.banner.label.text().startswith("b.yaml has 1 problem; still showing a.yaml as it was last read.")
    assert window.problem_list.count() == 1
    path, line, _column = window.problem_list.item(0).data(QtCore.Qt.ItemDataRole.UserRole)
    expected = TEXT[: TEXT.index("kind: treaty")].count("\n") + 1  # the line of the first 'kind: treaty'
    assert Path(path) == broken and line == expected


def test_a_newer_request_wins_and_a_late_result_is_dropped(qtbot, slow, tmp_path):
    """Two more requests while a read runs: F5 (the same file again), then File > Open of
    another. The first read returns late, after it was replaced, and is never applied; F5's,
    replaced before it began, is never read; the newest is applied."""
    window, _path = slow
    window.loader.read = read = SlowRead(heed_cancel=False)
    applied = []
    window.document.changed.connect(lambda loaded, _other: applied.append(title(window)))
    first = tmp_path / "first.yaml"
    write(first, "First")
    window.open_file(first)
    qtbot.waitUntil(lambda: len(read.calls) == 1 and read.calls[0].started.is_set())
    write(first, "First, saved again")
    window.activateWindow()
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus)
    qtbot.keyClick(window.view, Key.Key_F5)  # Reload: the file being read, again
    assert window.loader.target == first and window.loader.busy
    second = tmp_path / "second.yaml"
    write(second, "Second")
    window.answers["open"] = second
    window.open_action.trigger()  # File > Open… during the read
    assert window.loader.target == second and window.loader.busy
    read.calls[0].gate.set()  # the first returns, late
    qtbot.waitUntil(lambda: len(read.calls) == 2)  # the worker went on: the first's result was sent before
    QtWidgets.QApplication.processEvents()
    assert applied == [] and title(window) == TITLE and window.loader.busy
    assert [call.path.name for call in read.calls] == ["first.yaml", "second.yaml"]
    with qtbot.waitSignal(window.document.changed):
        read.calls[1].gate.set()
    assert applied == ["Second"] and window.document.path == second


def test_a_save_during_its_reload_reads_the_newest_content(qtbot, slow):
    """The file watcher's reload is a background read too: saved again while it is read, the
    newer save wins, and the older content is never shown."""
    window, path = slow
    applied = []
    window.document.changed.connect(lambda loaded, _other: applied.append(title(window)))
    write(path, "Saved once")
    qtbot.waitUntil(lambda: len(window.slow.calls) == 1, timeout=10000)  # the watcher asked
    first = window.slow.calls[0]
    assert b"Saved once" in first.content and window.loader.busy
    write(path, "Saved twice")
    qtbot.waitUntil(lambda: len(window.slow.calls) == 2, timeout=10000)  # the first was cancelled for it
    assert first.stopped.is_set()
    with qtbot.waitSignal(window.document.changed):
        window.slow.calls[1].gate.set()
    assert applied == ["Saved twice"]


def test_a_save_of_the_file_shown_while_another_is_read_does_not_stop_that_read(qtbot, slow, tmp_path):
    window, path = slow
    big = tmp_path / "big.yaml"
    write(big, "From big.yaml")
    window.open_file(big)
    qtbot.waitUntil(lambda: len(window.slow.calls) == 1)
    write(path, "a.yaml saved meanwhile")
    window.watcher.check()  # what the watcher does once the save is done
    assert window.loader.target == big and len(window.slow.calls) == 1
    assert not window.slow.calls[0].stopped.is_set()
    with qtbot.waitSignal(window.document.changed):
        window.slow.calls[0].gate.set()
    assert title(window) == "From big.yaml" and window.document.path == big


def test_a_bug_in_the_read_reaches_the_excepthook_and_keeps_the_timeline(qtbot, slow, tmp_path, monkeypatch):
    """Not a bad file (that is a LoadResult with problems) but an exception: handed to the GUI
    thread's excepthook, as a read done at once would be, and nothing is applied."""
    window, _path = slow
    caught = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, value, tb: caught.append((value, threading.current_thread())))

    def broken(path, **_options):
        raise RuntimeError(f"bug while reading {Path(path).name}")

    window.loader.read = broken
    big = tmp_path / "big.yaml"
    write(big, "From big.yaml")
    window.open_file(big)
    qtbot.waitUntil(lambda: bool(caught))
    [(error, thread)] = caught
    assert str(error) == "bug while reading big.yaml" and thread is threading.main_thread()
    assert not window.loader.busy and not window.load_progress.isVisible()
    assert title(window) == TITLE and window.document.path.name == "a.yaml"


def test_closing_during_a_read_cancels_it_and_ends_the_thread(qtbot, slow, tmp_path):
    window, _path = slow
    big = tmp_path / "big.yaml"
    write(big, "From big.yaml")
    window.open_file(big)
    qtbot.waitUntil(lambda: bool(window.slow.calls) and window.slow.calls[0].started.is_set())
    call = window.slow.calls[0]
    thread = window.loader._thread
    assert thread is not None and thread.isRunning()
    window.close()
    assert call.stopped.is_set() and not call.gate.is_set()  # cancelled, not finished
    assert thread.isFinished() and not thread.isRunning()
    assert window.loader._thread is None and not window.loader.busy
    write(big, "Saved after the close")  # a closed window's watcher starts no read, nor a thread
    window.watcher.check()
    window.loader.read = read_timeline
    window.open_file(big)  # and what it is asked, it reads at once
    assert window.loader._thread is None and title(window) == "Saved after the close"


def test_a_window_deleted_unclosed_during_a_read_stops_it_and_its_thread(qtbot, tmp_path, settings_file):
    """No close (a window deleted by its owner): the read is still stopped, and the thread,
    which the application owns, ends and deletes itself instead of dying running."""
    import shiboken6

    from timeline_app.ui.main_window import MainWindow

    window = MainWindow(QtCore.QSettings(str(settings_file), QtCore.QSettings.Format.IniFormat))
    window.loader.read = read = SlowRead()
    window.loader.sync_below = 0
    big = tmp_path / "big.yaml"
    write(big, "From big.yaml")
    window.open_file(big)
    qtbot.waitUntil(lambda: len(read.calls) == 1)
    thread = window.loader._thread
    assert thread.parent() is QtCore.QCoreApplication.instance()
    shiboken6.delete(window)
    assert read.calls[0].stopped.wait(10) and not read.calls[0].gate.is_set()
    qtbot.waitUntil(lambda: not shiboken6.isValid(thread))  # finished, then deleted by itself


def test_a_real_file_over_the_threshold_is_read_in_the_thread(qtbot, tmp_path, open_window):
    """The bundled file is read at once; a larger real file goes through the worker with the
    real loader, telling its progress from 0 to 1."""
    assert BUNDLED.stat().st_size < SYNC_BELOW_BYTES
    window = open_window()
    big = tmp_path / "big.yaml"
    big.write_text(_many_events(2000), encoding="utf-8")
    window.loader.sync_below = big.stat().st_size - 1  # just over it (the app's is 2 MB)
    window.document.cache = cache = Cache(tmp_path / "cache")
    threads, caches = [], []

    def watched(path, **options):
        threads.append(threading.current_thread())
        caches.append(options["cache"])
        return read_timeline(path, **options)

    window.loader.read = watched
    fractions = []
    window.loader.progressed.connect(fractions.append)
    with qtbot.waitSignal(window.document.changed, timeout=60000) as blocker:
        assert window.open_file(big) is False
    assert blocker.args == [True, True]
    assert threads and threads[0] is not threading.main_thread()
    assert len(window.state.timeline.events) == 2000 and window.document.shown == big
    assert fractions[0] == 0.0 and fractions[-1] == 1.0 and fractions == sorted(fractions)
    assert caches == [cache] and cache.get(big.read_bytes(), str(big)) is not None  # the warm cache was filled
    assert window.windowTitle().startswith("big.yaml")


def test_a_small_file_is_read_at_once(open_window, tmp_path):
    window = open_window()
    small = tmp_path / "small.yaml"
    write(small, "Small")
    assert window.open_file(small) is True  # read before open_file returns, as before
    assert title(window) == "Small" and window.loader._thread is None


def _many_events(n: int) -> str:
    lines = ["version: 1", "sources:", "  s: {title: Synthetic}", "lanes:"]
    lines += [f'  - {{id: L{i}, name: Lane {i}, color: "#0072B2"}}' for i in range(5)]
    lines.append("events:")
    for i in range(n):
        year, month, day = 1991 + i % 25, 1 + i % 12, 1 + i % 28
        lines.append(
            f'  - {{id: e{i}, title: "Event number {i}", date: "{year}-{month:02d}-{day:02d}", '
            f'lanes: [L{i % 5}], kind: summit, citations: [{{source: s, excerpt: "x"}}]}}'
        )
    return "\n".join(lines) + "\n"


def test_the_progress_can_be_read_aloud(qapp):
    from timeline_app.core.state import Document
    from timeline_app.ui.loading import Loader, LoadProgress

    loader = Loader(Document())
    progress = LoadProgress(loader)
    loader.started.emit(Path("big.yaml"))
    assert progress.text() == "Reading big.yaml…"  # busy, before the first fraction
    loader.progressed.emit(0.42)
    assert progress.text() == "Reading big.yaml… 42%"
    assert progress.bar.accessibleDescription() == "42% read"
    loader.busy_changed.emit(False)
    assert not progress.isVisible() and not progress.timer.isActive()


@pytest.mark.parametrize("prepared", [True, False])
def test_a_large_read_builds_the_search_index_in_the_thread_after_showing(
    qtbot, tmp_path, open_window, monkeypatch, prepared
):
    """From PREPARE_AT events on, the worker makes the timeline's columns before handing it over,
    and builds its search index after (the window shows the data meanwhile), so the first
    keystroke of a search does not build it on the GUI thread; below PREPARE_AT it does not."""
    from timeline_app.core.browse import search_index
    from timeline_app.ui import loading

    window = open_window()
    big = tmp_path / "big.yaml"
    big.write_text(_many_events(2000), encoding="utf-8")
    window.loader.sync_below = big.stat().st_size - 1
    monkeypatch.setattr(loading, "PREPARE_AT", 1000 if prepared else 10**9)
    threads = []
    real = loading.prepare_search
    monkeypatch.setattr(
        loading, "prepare_search", lambda *a, **k: (threads.append(threading.current_thread()), real(*a, **k))
    )
    with qtbot.waitSignal(window.document.changed, timeout=60000):
        window.open_file(big)
    timeline = window.state.timeline
    assert len(timeline.events) == 2000
    index = search_index(timeline, window.state.aliases)
    qtbot.waitUntil(lambda: window.loader._worker.current is None, timeout=60000)  # the worker is done
    assert (index._db is not None) is prepared  # built before any search, or not
    assert [t is not threading.main_thread() for t in threads] == ([True] if prepared else [])
    window.state.set_search(timeline.events[7].title)
    assert window.state._index is index  # the state searches the index the worker built
    assert timeline.events[7].id in window.state.matched_ids()
