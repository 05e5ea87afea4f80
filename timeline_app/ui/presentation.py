"""Presentation mode's card: the selected event over the timeline, large and plain."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from ..core.model import Event, Timeline
from .detail_panel import citation_text

__all__ = ["PresentationCard"]


class PresentationCard(QtWidgets.QFrame):
    """A card in the top-right corner of the timeline: title, date, excerpt and its source."""

    def __init__(self, parent: QtWidgets.QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("presentationCard")
        self.setStyleSheet(
            "#presentationCard { background: palette(base); border: 2px solid palette(mid); border-radius: 8px; }"
            "QLabel#title { font-size: 20pt; font-weight: 600; }"
            "QLabel#date { font-size: 14pt; color: palette(placeholder-text); }"
            "QLabel#excerpt { font-size: 15pt; font-style: italic; }"
            "QLabel#reference { font-size: 12pt; color: palette(placeholder-text); }"
        )
        parent.installEventFilter(self)  # follow the timeline's size
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        self.labels = {}
        for name in ("title", "date", "excerpt", "reference"):
            label = QtWidgets.QLabel()
            label.setObjectName(name)
            label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            layout.addWidget(label)
            self.labels[name] = label
        self.hide()

    def show_event(self, timeline: Timeline, event: Event | None) -> None:
        if event is None:
            self.hide()
            return
        citation = event.citations[0]
        self.labels["title"].setText(event.title)
        self.labels["date"].setText(event.date_text())
        self.labels["excerpt"].setText(f"\u201c{citation.excerpt}\u201d")
        self.labels["reference"].setText("\u2014 " + citation_text(timeline, event, 0))
        self.place()
        self.show()
        self.raise_()

    def place(self) -> None:
        """Bottom right of the timeline, above the date axis, a third of its width."""
        parent = self.parentWidget()
        width = min(620, max(320, parent.width() // 3))
        height = self.layout().totalHeightForWidth(width)
        self.setFixedSize(width, height)
        self.move(parent.width() - width - 24, max(parent.height() - height - 64, 8))

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if event.type() == QtCore.QEvent.Type.Resize and self.isVisible():
            self.place()
        return False

    def text(self) -> str:
        return "\n".join(label.text() for label in self.labels.values())
