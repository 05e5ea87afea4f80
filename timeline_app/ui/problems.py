"""Problems of the open file: a banner over the timeline and a list that shows each line."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from ..core.problems import Problem, in_file_order

__all__ = ["ProblemBanner", "ProblemList", "SourceLineView"]


class ProblemBanner(QtWidgets.QFrame):
    """A non-blocking strip above the timeline: what is wrong, and that the last good data stays."""

    showProblems = QtCore.Signal()

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemBanner")
        self.setStyleSheet(
            "#problemBanner { background: #fff3cd; border-bottom: 1px solid #e6c35c; } "
            "#problemBanner QLabel { color: #5c4400; }"
        )
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(10, 5, 6, 5)
        self.label = QtWidgets.QLabel()
        self.label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        layout.addWidget(self.label, 1)
        button = QtWidgets.QPushButton("Show problems")
        button.clicked.connect(self.showProblems)
        layout.addWidget(button)
        self.hide()

    def show_message(self, text: str) -> None:
        self.label.setText(text)
        self.show()


class ProblemList(QtWidgets.QListWidget):
    """One row per problem, FILE:LINE:COL: message; activating a row shows that line."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.itemActivated.connect(self._show)
        self.itemClicked.connect(self._show)
        self.viewer: SourceLineView | None = None  # one, reused

    def set_problems(self, problems: Iterable[Problem]) -> None:
        self.clear()
        for problem in in_file_order(problems):
            item = QtWidgets.QListWidgetItem(str(problem))
            item.setData(QtCore.Qt.ItemDataRole.UserRole, (problem.path, problem.line, problem.column))
            icon = (
                QtWidgets.QStyle.StandardPixmap.SP_MessageBoxWarning
                if problem.severity == "warning"
                else QtWidgets.QStyle.StandardPixmap.SP_MessageBoxCritical
            )
            item.setIcon(self.style().standardIcon(icon))
            self.addItem(item)

    def _show(self, item: QtWidgets.QListWidgetItem) -> None:
        path, line, column = item.data(QtCore.Qt.ItemDataRole.UserRole)
        if self.viewer is None:
            self.viewer = SourceLineView(self.window())
        viewer = self.viewer
        viewer.show_line(Path(path), line, column)


class SourceLineView(QtWidgets.QDialog):
    """The file's text, read-only, scrolled to a line and with that line marked."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.resize(760, 460)
        layout = QtWidgets.QVBoxLayout(self)
        self.text = QtWidgets.QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QtWidgets.QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QtGui.QFontDatabase.systemFont(QtGui.QFontDatabase.SystemFont.FixedFont))
        layout.addWidget(self.text)
        self.line = 0

    def show_line(self, path: Path, line: int, column: int) -> None:
        try:
            content = path.read_bytes().decode("utf-8", errors="replace")
        except OSError as exc:
            content = f"(cannot read {path}: {exc.strerror or exc})"
        self.setWindowTitle(f"{path.name}, line {line}")
        self.text.setPlainText(content)
        block = self.text.document().findBlockByNumber(max(line - 1, 0))
        cursor = QtGui.QTextCursor(block)
        cursor.movePosition(QtGui.QTextCursor.MoveOperation.Right, n=max(column - 1, 0))
        self.text.setTextCursor(cursor)
        mark = QtWidgets.QTextEdit.ExtraSelection()
        mark.format.setBackground(QtGui.QColor("#fff3cd"))
        mark.format.setProperty(QtGui.QTextFormat.Property.FullWidthSelection, True)
        mark.cursor = QtGui.QTextCursor(block)
        self.text.setExtraSelections([mark])
        self.text.centerCursor()
        self.line = line
        self.show()
        self.raise_()
