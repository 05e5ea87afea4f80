"""The one renderer: the timeline scene drawn by the window, the clipboard and the exports.

PySide6 is imported before pyqtgraph so that pyqtgraph binds to it even where PyQt is installed.
"""

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import PySide6  # noqa: F401  (must precede pyqtgraph)
