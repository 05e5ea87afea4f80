"""The filter bar: above the plot while any filter is active, it says which in words and how
many events match, with one click to clear them all and a switch to hide the others."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from ..core.state import ViewState
from .members import FollowChip

__all__ = ["ElidedLabel", "FilterBar"]

TINT = 0.16  # how much of the palette's highlight colours the bar's background


def _mix(a: QtGui.QColor, b: QtGui.QColor, t: float) -> QtGui.QColor:
    return QtGui.QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


class ElidedLabel(QtWidgets.QLabel):
    """One line of plain text, cut with '…' when narrower than the text (which its tooltip
    and accessible name then give in full); it never widens the window."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored, QtWidgets.QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setAccessibleName(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, QtCore.Qt.TextElideMode.ElideRight, max(self.width(), 1))
        self.setText(shown)
        self.setToolTip(self._full if shown != self._full else "")


class FilterBar(QtWidgets.QFrame):
    """Shown only while the state's filters are active: what they are, how many events match,
    Clear, and Hide the others."""

    def __init__(self, state: ViewState, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("filterBar")
        self.setAccessibleName("Active filters")
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(10, 3, 6, 3)
        layout.setSpacing(10)
        icon = QtWidgets.QLabel("Filtered:")
        icon.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        font = icon.font()
        font.setBold(True)
        icon.setFont(font)
        layout.addWidget(icon)
        self.follow_chip = FollowChip(state)  # 'Following Uzbekistan ×' while a country is followed
        layout.addWidget(self.follow_chip)
        self.label = ElidedLabel()
        layout.addWidget(self.label, 1)
        self.hide_box = QtWidgets.QCheckBox("Hide the others")
        self.hide_box.setAccessibleName("Hide the events that do not match")
        self.hide_box.setToolTip("Hide the events that do not match, instead of drawing them dimmed")
        self.hide_box.toggled.connect(state.set_hide_unmatched)
        layout.addWidget(self.hide_box)
        self.clear_button = QtWidgets.QPushButton("Clear")
        self.clear_button.setAccessibleName("Clear all filters")
        self.clear_button.setToolTip("Clear the search and every filter: show every event again")
        self.clear_button.clicked.connect(state.clear_filters)
        layout.addWidget(self.clear_button)

        for signal in (state.filters_changed, state.lanes_changed, state.timeline_changed, state.followed_changed):
            signal.connect(self._follow)
        state.unmatched_changed.connect(self._show_hidden)
        self._show_hidden(state.hide_unmatched)
        self._follow()

    def text(self) -> str:
        """What the bar says, in full."""
        return self.label.full_text()

    def _follow(self, *_args: object) -> None:
        filters, timeline = self.state.filters, self.state.timeline
        self.setVisible(filters.active and timeline is not None)
        if not filters.active or timeline is None:
            return
        names = {s.id: s.short() for s in timeline.sources}
        followed = self.state.followed
        if followed is not None and filters.countries == {followed}:  # the chip says it already
            rest = filters.replace(countries=frozenset())
            said = f"{rest.describe(names)} \u2014 " if rest.active else ""
            self.label.set_full_text(f"{said}{self.state.match_summary()}")
            return
        self.label.set_full_text(f"{filters.describe(names)} \u2014 {self.state.match_summary()}")

    def _show_hidden(self, hide: bool) -> None:
        self.hide_box.blockSignals(True)
        self.hide_box.setChecked(hide)
        self.hide_box.blockSignals(False)

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        """A tint of the palette's highlight over its window colour, a highlight line below: it
        reads on light and dark palettes, and follows a change of palette."""
        palette = self.palette()
        window = palette.color(QtGui.QPalette.ColorRole.Window)
        highlight = palette.color(QtGui.QPalette.ColorRole.Highlight)
        painter = QtGui.QPainter(self)
        painter.fillRect(self.rect(), _mix(window, highlight, TINT))
        painter.fillRect(QtCore.QRect(0, self.height() - 1, self.width(), 1), highlight)
        painter.end()
        super().paintEvent(event)
