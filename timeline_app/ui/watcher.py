"""Watching the open file: a save in any editor reads it again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6 import QtCore

from ..core.state import Document

__all__ = ["FileWatcher"]


class FileWatcher(QtCore.QObject):
    """Watches the document's file and its folder (editors that save by replacing the file, or
    by deleting and writing it again, are seen through the folder), waits until a save is done,
    then lets the document read the file again if its content changed (through `reload`, the
    window's loader, when given)."""

    def __init__(
        self,
        document: Document,
        parent: QtCore.QObject | None = None,
        reload: Callable[[], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.reload = reload or document.reload_if_changed
        self.target: Path | None = None
        self._watcher = QtCore.QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._touched)
        self._watcher.directoryChanged.connect(self._touched)
        self._timer = QtCore.QTimer(self, singleShot=True, interval=300)
        self._timer.timeout.connect(self.check)
        document.changed.connect(self._follow)

    def _follow(self, *_args: object) -> None:
        """Watch the file the document follows now (it changes when another file is opened)."""
        path = self.document.path
        if path == self.target or path is None:
            return
        self.target = path
        old = self._watcher.files() + self._watcher.directories()
        if old:
            self._watcher.removePaths(old)
        self._watcher.addPaths([str(path.parent.resolve())] + ([str(path)] if path.exists() else []))

    def _touched(self, _path: str = "") -> None:
        self._timer.start()  # editors write in several steps: wait until they are done

    def check(self) -> None:
        """Read the file again if it changed (a file replaced by a new one is watched anew)."""
        path = self.document.path
        if path is None:
            return
        if path.exists() and str(path) not in self._watcher.files():
            self._watcher.addPath(str(path))
        self.reload()
