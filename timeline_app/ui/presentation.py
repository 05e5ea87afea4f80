"""Presentation mode's card: the selected event over the timeline, large and plain."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from ..core.cite import quotation
from ..core.state import ViewState

__all__ = ["PresentationCard"]


class PresentationCard(QtWidgets.QFrame):
    """A card in the bottom-right corner of the timeline while presenting: the selected event's
    title, date, excerpt and source."""

    def __init__(self, state: ViewState, parent: QtWidgets.QWidget) -> None:
        super().__init__(parent)
        self.state = state
        self.active = False
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
        state.selection_changed.connect(self._follow)
        state.timeline_changed.connect(self._follow)
        self.hide()

    def set_active(self, active: bool) -> None:
        """Shown (with the selected event, if any) only while presenting."""
        self.active = active
        self._follow()

    def _follow(self, *_args: object) -> None:
        event = self.state.selected_event()
        if not self.active or event is None or self.state.timeline is None:
            self.hide()
            return
        citation = event.citations[0]
        self.labels["title"].setText(event.title)
        self.labels["date"].setText(event.date_text())
        self.labels["excerpt"].setText(quotation(citation.excerpt))
        self.labels["reference"].setText("\u2014 " + self.state.timeline.reference(citation))
        self.place()
        self.show()
        self.raise_()

    def place(self) -> None:
        """Bottom right of the timeline, above the date axis, a third of its width."""
        parent = self.parentWidget()
        assert parent is not None  # the card is made with the timeline as its parent
        layout = self.layout()
        assert layout is not None  # set in __init__
        width = min(620, max(320, parent.width() // 3))
        height = layout.totalHeightForWidth(width)
        self.setFixedSize(width, height)
        self.move(parent.width() - width - 24, max(parent.height() - height - 64, 8))

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if event.type() == QtCore.QEvent.Type.Resize and self.isVisible():
            self.place()
        return False

    def text(self) -> str:
        return "\n".join(label.text() for label in self.labels.values())
