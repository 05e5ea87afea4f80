"""Presentation mode's overlays: the selected event as a card, and a tour stop's heading and number."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from ..core.cite import quotation
from ..core.state import ViewState
from ..render.view import TimelineView

__all__ = ["PresentationCard", "StopHeading"]


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
        if isinstance(parent, TimelineView):  # stand where its labels, newly placed, are not
            parent.labels_placed.connect(self._settle)
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
        """A third of the timeline's width, above the date axis, where it hides the fewest labels
        and glyphs: bottom right unless another corner or side hides less."""
        parent = self.parentWidget()
        assert parent is not None  # the card is made with the timeline as its parent
        layout = self.layout()
        assert layout is not None  # set in __init__
        width = min(620, max(320, parent.width() // 3))
        height = layout.totalHeightForWidth(width)
        self.setFixedSize(width, height)
        right, bottom = parent.width() - width - 24, max(parent.height() - height - 64, 8)
        timeline = parent if isinstance(parent, TimelineView) else None
        left = 24 + (int(timeline.lane_axis.width()) if timeline is not None else 0)
        places = [QtCore.QPoint(right, bottom), QtCore.QPoint(left, bottom), QtCore.QPoint(right, (8 + bottom) // 2)]
        places += [QtCore.QPoint(left, (8 + bottom) // 2), QtCore.QPoint(right, 8), QtCore.QPoint(left, 8)]
        busy = _occupied(timeline) if timeline is not None else []

        def hidden(at: QtCore.QPoint) -> float:
            card = QtCore.QRectF(QtCore.QPointF(at), QtCore.QSizeF(width, height))
            return sum(_area(card.intersected(rect)) for rect in busy)

        self.move(min(places, key=hidden))  # the first of the least hidden: bottom right among equals

    def _settle(self) -> None:
        if self.isVisible():
            self.place()

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if event.type() == QtCore.QEvent.Type.Resize and self.isVisible():
            self.place()
        return False

    def text(self) -> str:
        return "\n".join(label.text() for label in self.labels.values())


def _occupied(view: TimelineView) -> list[QtCore.QRectF]:
    """What the card should not hide (labels, era names, glyph lines, member rows), in the
    timeline widget's coordinates."""
    box = view.view_box
    return [QtCore.QRectF(view.mapFromScene(box.mapRectToScene(rect)).boundingRect()) for rect in view.drawn_rects()]


def _area(rect: QtCore.QRectF) -> float:
    return max(rect.width(), 0.0) * max(rect.height(), 0.0) if rect.isValid() else 0.0


class StopHeading(QtWidgets.QFrame):
    """Presentation mode with a tour: the stop's heading as a large title at the top of the
    timeline, and its place in the tour ("3 / 8") small at the right. A bar above the plot, not
    over it, so that it hides no event. Type is sized to the window's height, so that a
    projected 720p and 1080p read alike. Never the note."""

    HEADING_SHARE = 0.042  # the heading's pixel size, of the window's height
    COUNTER_SHARE = 0.022

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stopHeadingBar")
        self.setStyleSheet("#stopHeadingBar { background: palette(base); border-bottom: 1px solid palette(mid); }")
        self.heading = self._label("stopHeading", "Heading of the stop", QtGui.QFont.Weight.DemiBold)
        self.heading.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.heading.setWordWrap(True)
        self.counter = self._label("stopCounter", "Stop number", QtGui.QFont.Weight.Normal)
        self.counter.setAlignment(QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignTop)
        self.counter.setStyleSheet("QLabel#stopCounter { color: palette(placeholder-text); }")
        self.balance = QtWidgets.QWidget()  # as wide as the counter, at the left: the heading stays centred
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(16, 6, 16, 8)
        layout.addWidget(self.balance)
        layout.addWidget(self.heading, 1)
        layout.addWidget(self.counter)
        self.active = False
        self.hide()

    def _label(self, name: str, spoken: str, weight: QtGui.QFont.Weight) -> QtWidgets.QLabel:
        label = QtWidgets.QLabel()
        label.setObjectName(name)
        label.setAccessibleName(spoken)
        label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        font = label.font()
        font.setWeight(weight)
        label.setFont(font)
        return label

    def show_stop(self, heading: str, number: int, total: int) -> None:
        """Show a stop's heading (none: only the number) and 'number / total'."""
        self.active = True
        self.heading.setText(heading)
        self.heading.setVisible(bool(heading))
        self.counter.setText(f"{number} / {total}")
        self.fit()
        self.show()

    def clear(self) -> None:
        self.active = False
        self.hide()

    def fit(self) -> None:
        """Type sized to the window's height; the counter's width balanced at the left."""
        height = self.window().height()
        for label, share in ((self.heading, self.HEADING_SHARE), (self.counter, self.COUNTER_SHARE)):
            font = label.font()
            font.setPixelSize(max(12, round(height * share)))
            label.setFont(font)
        self.balance.setFixedWidth(self.counter.sizeHint().width())

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.active:
            self.fit()

    def text(self) -> str:
        """What the audience reads: the heading and the number."""
        return "\n".join(label.text() for label in (self.heading, self.counter) if label.isVisible())
