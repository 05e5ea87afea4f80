"""Reading files off the GUI thread: the loader that runs them, and the progress shown with Cancel."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from types import TracebackType

from PySide6 import QtCore, QtGui, QtWidgets

from ..core.browse import Aliases
from ..core.cache import Cache
from ..core.loader import LoadCancelled, Progress
from ..core.state import PREPARE_AT, Document, Read, prepare, prepare_search, read_timeline

__all__ = ["SHOW_AFTER_MS", "SYNC_BELOW_BYTES", "LoadProgress", "Loader", "ReadFunction"]

#: Files smaller than this are read at once on the GUI thread (the bundled file is 0.15 MB and
#: reads in well under a second); larger ones in the worker thread.
SYNC_BELOW_BYTES = 2 * 1024 * 1024
#: The progress and its Cancel button appear only for a read that takes longer than this.
SHOW_AFTER_MS = 500

#: What reads a file: `core.state.read_timeline`'s signature (tests put a slow one in its place).
ReadFunction = Callable[..., Read | None]
ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


@dataclass
class _Job:
    """One request to read a file; `stop` is set when it is cancelled or a newer one replaces it."""

    number: int
    path: Path
    unless: bytes | None  # the content read last: unchanged bytes are not read again
    read: ReadFunction
    cache: Cache | None
    aliases: Aliases | None = None  # the state's alias table: a large timeline's search index is built for it
    stop: threading.Event = field(default_factory=threading.Event)


class _Worker(QtCore.QObject):
    """Lives in the loader's thread and runs one job at a time, in the order they come."""

    progressed = QtCore.Signal(int, float)  # (job number, fraction done)
    done = QtCore.Signal(int, object)  # (job number, Read or None: unchanged)
    cancelled = QtCore.Signal(int)  # (job number)
    crashed = QtCore.Signal(int, object)  # (job number, exc_info): a bug, not a bad file

    def __init__(self) -> None:
        super().__init__()
        self.current: _Job | None = None
        self.abandoned = False
        #: set (from the GUI thread) when a newer request comes, or at shutdown: the search index
        #: built after a read is then given up
        self.interrupt = threading.Event()

    @QtCore.Slot(object)
    def run(self, job: _Job) -> None:
        if job.stop.is_set() or self.abandoned:  # replaced before it began
            self.cancelled.emit(job.number)
            return
        self.current = job
        self.interrupt.clear()
        timeline = None
        try:
            read = job.read(job.path, progress=self._progress(job), cache=job.cache, unless=job.unless)
            timeline = read[1].timeline if read is not None else None
            large = timeline is not None and len(timeline.events) >= PREPARE_AT
            if timeline is not None and large:
                prepare(timeline)
                self._progress(job)(1.0)  # a cancel meanwhile still counts
            else:
                timeline = None
        except LoadCancelled:
            self.cancelled.emit(job.number)
        except Exception:  # a bug, not a bad file: to the GUI thread's excepthook, as a synchronous read's
            kind, value, tb = sys.exc_info()
            self.crashed.emit(job.number, (kind, value, tb))
        else:
            self.done.emit(job.number, read)
            # shown now; its search index is built here meanwhile, given up for a newer request
            if timeline is not None and job.aliases is not None:
                prepare_search(timeline, job.aliases, self.interrupt.is_set)
        finally:
            self.current = None

    def abandon(self, thread: QtCore.QThread) -> None:
        """The loader is gone without a shutdown (its window deleted unclosed): stop the read
        and let the thread end by itself. Called on the GUI thread."""
        self.abandoned = True
        self.interrupt.set()
        job = self.current
        if job is not None:
            job.stop.set()
        thread.quit()

    def _progress(self, job: _Job) -> Progress:
        """Tells the GUI each whole percent; stops the read (LoadCancelled) once the job is cancelled."""
        last = [-1]

        def progress(done: float) -> None:
            if job.stop.is_set():
                raise LoadCancelled
            percent = int(done * 100)
            if percent != last[0]:
                last[0] = percent
                self.progressed.emit(job.number, done)

        return progress


class Loader(QtCore.QObject):
    """Reads the document's files, large ones in a worker thread, and applies only the newest
    request's read to the document (`Document.take`); until then the last good timeline stays.

    A new request (another file opened, the file saved again, Reload) cancels the read that
    runs; a read that arrives after it was replaced is dropped. Files under `sync_below` bytes
    are read at once on the GUI thread, as before. `shutdown` (the window's close) cancels the
    read and waits for the thread; after it, the watcher's reloads are ignored and other reads
    are done at once, so no thread starts again.
    """

    started = QtCore.Signal(object)  # (path) a read in the background began
    progressed = QtCore.Signal(float)  # fraction of the newest read done
    busy_changed = QtCore.Signal(bool)  # a background read runs (True) or none does
    cancelled = QtCore.Signal(object)  # (path) the user cancelled its read
    _submit = QtCore.Signal(object)  # (job) to the worker's thread

    def __init__(self, document: Document, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.sync_below = SYNC_BELOW_BYTES
        self.read: ReadFunction = read_timeline
        #: the alias table of the state the reads are shown in: with it, a large timeline's columns
        #: and search index are made in the worker thread too (core.state.prepare)
        self.aliases: Aliases | None = None
        self._job: _Job | None = None  # the newest background read, while it runs
        self._numbers = 0
        self._closed = False  # shut down: no thread again
        self._thread: QtCore.QThread | None = None
        self._worker: _Worker | None = None
        self._abandon: Callable[[], None] | None = None  # on the loader's deletion without a shutdown
        app = QtCore.QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    # --- requests --------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._job is not None

    @property
    def target(self) -> Path | None:
        """The file the user asked for last: the one being read, else the one followed."""
        return self._job.path if self._job is not None else self.document.path

    def open(self, path: str | Path) -> bool:
        """Follow `path` and read it. True when a timeline was read at once; False when it was
        not, or when it is being read in the background."""
        return self._request(Path(path), None)

    def reload(self) -> bool:
        """Read the file asked for last again, whatever its content."""
        target = self.target
        return self._request(target, None) if target is not None else False

    def reload_if_changed(self) -> None:
        """Read the followed file again if its content changed (the watcher calls this); while
        another file is being read, that file wins and nothing is done."""
        path = self.document.path
        if path is None or self._closed or (self._job is not None and self._job.path != path):
            return
        self._request(path, self.document.seen)

    def cancel(self) -> None:
        """Stop the background read (the user's Cancel): nothing of it is applied."""
        job = self._stop_running()
        if job is not None:
            self.cancelled.emit(job.path)

    def shutdown(self) -> None:
        """Cancel what runs and end the thread, waiting for it (the window is closing)."""
        self._closed = True
        self._stop_running()
        if self._worker is not None:
            self._worker.interrupt.set()  # an index being built after a read is given up
        if self._thread is not None:
            self.destroyed.disconnect(self._abandon)
            self._thread.quit()
            self._thread.wait()
            self._thread = self._worker = self._abandon = None

    def _request(self, path: Path, unless: bytes | None) -> bool:
        replaced = self._stop_running(quietly=True)  # the newest request wins
        if self._closed or _size(path) < self.sync_below:
            if replaced is not None:
                self.busy_changed.emit(False)
            read = self.read(path, cache=self.document.cache, unless=unless)
            return self.document.take(path, *read) if read is not None else False
        self._numbers += 1
        self._job = _Job(self._numbers, path, unless, self.read, self.document.cache, self.aliases)
        self._start_thread()
        self.started.emit(path)
        if replaced is None:
            self.busy_changed.emit(True)
        if self._worker is not None:
            self._worker.interrupt.set()  # an index still built for the previous read gives way
        self._submit.emit(self._job)
        return False

    def _stop_running(self, quietly: bool = False) -> _Job | None:
        """Cancel the background read, if one runs; its result, if it comes, is dropped.
        `quietly`: a new read follows at once, so busy_changed is not emitted."""
        job, self._job = self._job, None
        if job is not None:
            job.stop.set()
            if not quietly:
                self.busy_changed.emit(False)
        return job

    # --- the thread ---------------------------------------------------------------
    def _start_thread(self) -> None:
        if self._worker is not None:
            return
        # The application owns the thread, so that a loader deleted without its shutdown (a
        # window deleted unclosed) never destroys a running thread; it deletes itself once done.
        thread = QtCore.QThread(QtCore.QCoreApplication.instance())
        thread.setObjectName("timeline-loader")
        worker = _Worker()
        worker.moveToThread(thread)
        worker.progressed.connect(self._progressed)
        worker.done.connect(self._done)
        worker.cancelled.connect(self._cancelled)
        worker.crashed.connect(self._crashed)
        self._submit.connect(worker.run)  # queued: the worker lives in the thread
        thread.finished.connect(worker.deleteLater)
        thread.finished.connect(thread.deleteLater)
        self._abandon = partial(worker.abandon, thread)
        self.destroyed.connect(self._abandon, QtCore.Qt.ConnectionType.DirectConnection)
        thread.start()
        self._thread, self._worker = thread, worker

    def _newest(self, number: int) -> _Job | None:
        job = self._job
        return job if job is not None and job.number == number else None

    def _progressed(self, number: int, done: float) -> None:
        if self._newest(number) is not None:
            self.progressed.emit(done)

    def _done(self, number: int, read: Read | None) -> None:
        job = self._newest(number)
        if job is None:
            return  # replaced or cancelled meanwhile: stale, never applied
        self._job = None
        self.busy_changed.emit(False)
        if read is not None:
            self.document.take(job.path, *read)

    def _cancelled(self, number: int) -> None:
        if self._newest(number) is not None:  # stopped by nobody here (a read function that gave up)
            self._job = None
            self.busy_changed.emit(False)

    def _crashed(self, number: int, exc_info: ExcInfo) -> None:
        if self._newest(number) is not None:
            self._job = None
            self.busy_changed.emit(False)
        sys.excepthook(*exc_info)  # as an exception on the GUI thread: logged and shown


def _size(path: Path) -> int:
    """The file's size in bytes; 0 when it cannot be seen (its read says why, at once)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


class LoadProgress(QtWidgets.QWidget):
    """'Reading big.yaml…', a bar and Cancel, in the status bar; shown only once a read has taken
    longer than `SHOW_AFTER_MS`. Esc while it has the focus cancels too."""

    cancelRequested = QtCore.Signal()

    def __init__(self, loader: Loader, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Reading progress")
        self.label = QtWidgets.QLabel()
        self.label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.bar = QtWidgets.QProgressBar()
        self.bar.setFixedWidth(160)
        self.bar.setFormat("%p%")
        self.cancel_button = QtWidgets.QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel reading")
        self.cancel_button.setToolTip("Stop reading the file; what is shown stays (Esc)")
        self.cancel_button.clicked.connect(self.cancelRequested)
        fixed = QtWidgets.QSizePolicy.Policy.Fixed
        self.cancel_button.setSizePolicy(fixed, fixed)
        self.setSizePolicy(QtWidgets.QSizePolicy.Policy.Maximum, fixed)  # no more room than it needs
        row = QtWidgets.QHBoxLayout(self)
        row.setContentsMargins(0, 0, 6, 0)
        row.addWidget(self.label)
        row.addWidget(self.bar)
        row.addWidget(self.cancel_button)
        self.name = ""
        self.timer = QtCore.QTimer(self, singleShot=True, interval=SHOW_AFTER_MS)
        self.timer.timeout.connect(self.show)
        self.hide()
        loader.started.connect(lambda path: self.begin(path.name))
        loader.progressed.connect(self.set_fraction)
        loader.busy_changed.connect(self._busy_changed)
        self.cancelRequested.connect(loader.cancel)

    def begin(self, name: str) -> None:
        """A read of `name` began: shown after the delay (at once if it is showing already)."""
        self.name = name
        self.label.setText(f"Reading {name}…")
        self.bar.setRange(0, 0)  # busy until the first fraction comes
        self.bar.setAccessibleName(f"Reading {name}")
        if not self.isVisible():
            self.timer.start()

    def set_fraction(self, done: float) -> None:
        self.bar.setRange(0, 100)
        self.bar.setValue(round(done * 100))
        self.bar.setAccessibleDescription(f"{self.bar.value()}% read")

    def end(self) -> None:
        self.timer.stop()
        self.hide()

    def _busy_changed(self, busy: bool) -> None:
        if not busy:
            self.end()

    def text(self) -> str:
        """What it says, as read aloud: 'Reading big.yaml… 42%'."""
        busy = self.bar.maximum() == 0
        return self.label.text() if busy else f"{self.label.text()} {self.bar.value()}%"

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:
        """Esc on the bar or its button (the window's Esc acts only in the timeline)."""
        if event.key() == QtCore.Qt.Key.Key_Escape:
            self.cancelRequested.emit()
            event.accept()
            return
        super().keyPressEvent(event)
