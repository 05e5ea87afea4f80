"""The search field of the toolbar: the view state's search text, with the match count beside it.

Typing searches at once; Enter and Shift+Enter step to the next and previous match in time
(the window's F3 and Shift+F3 do the same from anywhere); Esc clears the search, and a second
Esc hands the keys back to the timeline. A search that finds nothing says so in the field.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from ..core.state import ViewState

__all__ = ["SearchField", "match_text"]

_NO_MATCH_TINT = "#d9534f"
#: Above this many events, the search waits for a pause in typing (_PAUSE_MS) before it runs.
_TYPE_AHEAD_EVENTS = 5000
_PAUSE_MS = 150


def match_text(state: ViewState) -> str:
    """'3 of 11' on a match, '11 matches' elsewhere, 'no match' (or '' without a search)."""
    if not state.filters.text.strip() or state.timeline is None:
        return ""
    position, total = state.match_position()
    if total == 0:
        return "no match"
    if position:
        return f"{position} of {total}"
    return f"{total} match" + ("" if total == 1 else "es")


class SearchField(QtWidgets.QWidget):
    """A line edit bound to `state.filters.text`, and the count of what it finds."""

    def __init__(self, state: ViewState, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.hand_back_to: QtWidgets.QWidget | None = None  # where a second Esc sends the keys
        self.edit = QtWidgets.QLineEdit()
        self.edit.setPlaceholderText("Search events")
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName("Search events")
        self.edit.setAccessibleDescription(
            "Finds titles, summaries, excerpts, countries, lanes and eras as you type; "
            "Enter and Shift+Enter step through the matches, Esc clears"
        )
        self.edit.setToolTip(
            "Search titles, summaries, excerpts, countries, lanes and eras (word beginnings; "
            "any case or accent; other spellings of a name too).\n"
            "Enter / Shift+Enter: next / previous match · Esc: clear"
        )
        self.edit.setMinimumWidth(180)
        self.edit.setMaximumWidth(320)
        self.count = QtWidgets.QLabel()
        self.count.setAccessibleName("Search matches")
        self.count.setMinimumWidth(QtGui.QFontMetrics(self.count.font()).horizontalAdvance("888 matches") + 8)
        self.count.setAlignment(QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignVCenter)
        row = QtWidgets.QHBoxLayout(self)
        row.setContentsMargins(6, 0, 6, 0)
        row.setSpacing(6)
        row.addWidget(self.edit, 1)
        row.addWidget(self.count)
        self.setFocusProxy(self.edit)
        self._pending = QtCore.QTimer(self, singleShot=True, interval=_PAUSE_MS)
        self._pending.timeout.connect(self._apply)
        self.edit.textEdited.connect(self._typed)
        self.edit.installEventFilter(self)
        for signal in (state.filters_changed, state.selection_changed, state.lanes_changed, state.timeline_changed):
            signal.connect(self._follow)
        self._follow()

    def _typed(self, text: str) -> None:
        """Search at once; in a large file, once typing pauses (a keystroke there redraws
        thousands of glyphs, and the next one should not wait for it)."""
        timeline = self.state.timeline
        if timeline is not None and len(timeline.events) > _TYPE_AHEAD_EVENTS:
            self._pending.start()
        else:
            self._apply()

    def _apply(self) -> None:
        self._pending.stop()
        self.state.set_search(self.edit.text())

    def _follow(self, *_args: object) -> None:
        """Show what the state holds: its search text (set elsewhere too) and the count."""
        text = self.state.filters.text
        if self.edit.text() != text:
            self.edit.setText(text)
        shown = match_text(self.state)
        self.count.setText(shown)
        missing = shown == "no match"
        self.edit.setStyleSheet(f"QLineEdit {{ border: 2px solid {_NO_MATCH_TINT}; }}" if missing else "")
        if missing:
            self.count.setStyleSheet(f"color: {_NO_MATCH_TINT}; font-weight: 600;")
        else:
            self.count.setStyleSheet("")
        self.edit.setAccessibleDescription(f"{shown}" if shown else "")

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if watched is self.edit and event.type() == QtCore.QEvent.Type.KeyPress:
            assert isinstance(event, QtGui.QKeyEvent)
            key = event.key()
            if key in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter):
                if self._pending.isActive():
                    self._apply()  # what was typed, before stepping through it
                backwards = bool(event.modifiers() & QtCore.Qt.KeyboardModifier.ShiftModifier)
                self.state.step(-1 if backwards else 1)
                return True
            if key == QtCore.Qt.Key.Key_Escape:
                self._pending.stop()
                if self.state.filters.text or self.edit.text():
                    self.edit.clear()
                    self.state.set_search("")
                elif self.hand_back_to is not None:
                    self.hand_back_to.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(watched, event)

    def focus(self) -> None:
        """Ctrl+F: into the field, with its text selected to type over."""
        self.edit.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
