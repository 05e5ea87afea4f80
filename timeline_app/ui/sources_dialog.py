"""Help > Data Sources: each document the events cite, and one click to show only its events."""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore, QtWidgets

from ..core.model import Source, Timeline
from ..core.problems import count
from ..render.text import menu_text
from .detail_panel import link_label

__all__ = ["SourcesDialog"]


def _text(text: str, object_name: str = "") -> QtWidgets.QLabel:
    label = QtWidgets.QLabel(text)
    label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
    if object_name:
        label.setObjectName(object_name)
    return label


class SourcesDialog(QtWidgets.QDialog):
    """The sources of a timeline, each with how often it is cited and a button that filters by it
    (`on_filter(source_id)`; the dialog then closes, to show the timeline)."""

    STYLE = "QLabel#sourceTitle { font-weight: 600; } QLabel#sourceMeta { color: palette(placeholder-text); }"

    def __init__(
        self, timeline: Timeline, on_filter: Callable[[str], None], parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Data sources")
        self.setAccessibleName("Data sources")
        self._on_filter = on_filter
        self.buttons: dict[str, QtWidgets.QPushButton] = {}
        body = QtWidgets.QWidget()
        body.setStyleSheet(self.STYLE)
        column = QtWidgets.QVBoxLayout(body)
        column.setSpacing(4)
        for source in timeline.sources:
            if column.count():
                line = QtWidgets.QFrame()
                line.setFrameShape(QtWidgets.QFrame.Shape.HLine)
                line.setFrameShadow(QtWidgets.QFrame.Shadow.Sunken)
                column.addWidget(line)
            self._add_source(column, timeline, source)
        column.addStretch(1)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(scroll)
        close = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.close)
        layout.addWidget(close)
        self.resize(680, 460)

    def _add_source(self, column: QtWidgets.QVBoxLayout, timeline: Timeline, source: Source) -> None:
        excerpts = sum(1 for e in timeline.events for c in e.citations if c.source == source.id)
        events = sum(1 for e in timeline.events if any(c.source == source.id for c in e.citations))
        column.addWidget(_text(source.full(), "sourceTitle"))
        meta = f"Cited by {count(excerpts, 'excerpt')} in {count(events, 'event')}; id: {source.id}"
        column.addWidget(_text(meta, "sourceMeta"))
        if source.note:
            column.addWidget(_text(source.note))
        if source.url:
            column.addWidget(link_label(source.url))
        button = QtWidgets.QPushButton(f"Show Only Its Events ({events})")
        button.setAccessibleName(f"Show only the events that cite {source.short()}")
        button.setToolTip(f"Filter the timeline to the events that cite {source.short()}")
        button.setObjectName(f"filter-{source.id}")
        button.setText(menu_text(button.text()))
        button.clicked.connect(lambda _=False, s=source.id: self._filter(s))
        column.addWidget(button, 0, QtCore.Qt.AlignmentFlag.AlignLeft)
        self.buttons[source.id] = button

    def _filter(self, source_id: str) -> None:
        self._on_filter(source_id)
        self.close()
