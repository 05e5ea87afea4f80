"""The Qt user interface: main window, detail panel, lane panel and dialogs."""

from .. import render  # noqa: F401  (PySide6 before pyqtgraph)
