"""The presenter view: a window for the speaker only, with the stop's heading and note, the next
stop, the place in the tour and the time since the presentation began."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

__all__ = ["PresenterView", "clock_text", "other_screen"]


def clock_text(milliseconds: int) -> str:
    """Time elapsed as a speaker's clock reads it: '4:07', '1:02:09'."""
    seconds = max(0, milliseconds) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def other_screen(here: QtGui.QScreen | None, screens: list[QtGui.QScreen]) -> QtGui.QScreen | None:
    """A screen other than the one the presentation is on (the first such), or None."""
    return next((screen for screen in screens if screen is not here), None)


class PresenterView(QtWidgets.QWidget):
    """The speaker's window: "Stop 3 / 8" and the clock, the heading, the note, then the next
    stop's heading, with Previous / Next buttons (the clicker's keys work here too)."""

    stepRequested = QtCore.Signal(int)  # -1: the previous stop, 1: the next
    hidden = QtCore.Signal()  # closed or hidden (View > Presenter View follows)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent, QtCore.Qt.WindowType.Window)
        self.setObjectName("presenterView")
        self.setWindowTitle("Presenter View")
        self.setAccessibleName("Presenter view: the speaker's notes")
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_QuitOnClose, False)  # the app ends with the main window
        self.position = self._label("presenterPosition", "Place in the tour", 1.4, 600)
        self.clock = self._label("presenterClock", "Time since the presentation began", 1.4, 600)
        self.clock.setAlignment(QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter)
        self.heading = self._label("presenterHeading", "Heading of the stop", 2.0, 600)
        self.note = self._label("presenterNote", "Speaker note", 1.6, 400)
        self.note.setAlignment(QtCore.Qt.AlignmentFlag.AlignTop | QtCore.Qt.AlignmentFlag.AlignLeft)
        self.note.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        note_scroll = QtWidgets.QScrollArea()
        note_scroll.setWidgetResizable(True)
        note_scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        note_scroll.setWidget(self.note)
        self.next = self._label("presenterNext", "Next stop", 1.3, 400)
        self.previous_button = QtWidgets.QPushButton("\u2039 Previous")
        self.previous_button.setAccessibleName("Previous stop")
        self.previous_button.clicked.connect(lambda: self.stepRequested.emit(-1))
        self.next_button = QtWidgets.QPushButton("Next \u203a")
        self.next_button.setAccessibleName("Next stop")
        self.next_button.clicked.connect(lambda: self.stepRequested.emit(1))
        for button in (self.previous_button, self.next_button):
            button.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)  # Space and Enter step, not press
        top = QtWidgets.QHBoxLayout()
        top.addWidget(self.position, 1)
        top.addWidget(self.clock)
        bottom = QtWidgets.QHBoxLayout()
        bottom.addWidget(self.next, 1)
        bottom.addWidget(self.previous_button)
        bottom.addWidget(self.next_button)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(self.heading)
        layout.addWidget(note_scroll, 1)
        layout.addLayout(bottom)
        self._elapsed = QtCore.QElapsedTimer()
        self._tick = QtCore.QTimer(self, interval=1000)
        self._tick.timeout.connect(self._show_clock)
        self.resize(900, 560)
        self.show_stop(0, 0, "", "", None)

    def _label(self, name: str, spoken: str, scale: float, weight: int) -> QtWidgets.QLabel:
        label = QtWidgets.QLabel()
        label.setObjectName(name)
        label.setAccessibleName(spoken)
        label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * scale)
        font.setWeight(QtGui.QFont.Weight(weight))
        label.setFont(font)
        return label

    def show_stop(self, number: int, total: int, heading: str, note: str, next_heading: str | None) -> None:
        """Stop `number` of `total` (0: none), its heading and note, and the next one's heading
        (None: this is the last)."""
        self.position.setText(f"Stop {number} / {total}" if number else "No stop shown")
        self.heading.setText(heading)
        self.note.setText(note or "(no note)")
        self.next.setText(f"Next: {next_heading}" if next_heading is not None else "End of the tour")
        self.previous_button.setEnabled(number > 1)
        self.next_button.setEnabled(0 < number < total)

    def start_clock(self) -> None:
        """The clock counts from now (the presentation's start)."""
        self._elapsed.start()
        self._tick.start()
        self._show_clock()

    def stop_clock(self) -> None:
        self._tick.stop()

    def elapsed_ms(self) -> int:
        return self._elapsed.elapsed() if self._elapsed.isValid() else 0

    def _show_clock(self) -> None:
        self.clock.setText(clock_text(self.elapsed_ms()))

    def hideEvent(self, event: QtGui.QHideEvent) -> None:
        super().hideEvent(event)
        self.hidden.emit()

    def text(self) -> str:
        """Everything the speaker reads, top to bottom."""
        labels = (self.position, self.clock, self.heading, self.note, self.next)
        return "\n".join(label.text() for label in labels)
