"""Animated moves of the view: pan and zoom together, eased, or at once when motion is reduced."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6 import QtCore

from ..core.state import ViewState

__all__ = ["DURATION_MS", "ViewAnimator", "between"]

#: How long a move from one view to the next takes (300-500 ms reads as one motion, not a wait).
DURATION_MS = 400


def between(start: tuple[float, float], end: tuple[float, float], t: float) -> tuple[float, float]:
    """The range a fraction `t` (0 to 1) of the way from `start` to `end`: the centre moves
    linearly, the span changes geometrically (evenly in log scale), so a zoom by 8 passes through
    2 and 4 times at a third and two thirds of the way, as the eye expects."""
    centre0, centre1 = (start[0] + start[1]) / 2, (end[0] + end[1]) / 2
    span0, span1 = start[1] - start[0], end[1] - end[0]
    centre = centre0 + (centre1 - centre0) * t
    span = math.exp(math.log(span0) + (math.log(span1) - math.log(span0)) * t)
    return centre - span / 2, centre + span / 2


class ViewAnimator(QtCore.QObject):
    """Moves the state's time range to another, one frame at a time: a QVariantAnimation of
    `duration` ms, eased in and out (InOutCubic), setting the range each frame. `arrive` is
    called once the range is there. With `duration` 0 or `reduce_motion` the move is instant.

    Tests never wait: `finish()` jumps to the end, and the animation's own `setCurrentTime`
    shows any frame in between."""

    arrived = QtCore.Signal()  # a move has reached its range (and its arrival has run)

    def __init__(self, state: ViewState, parent: QtCore.QObject | None = None, duration: int = DURATION_MS) -> None:
        super().__init__(parent)
        self.state = state
        self.duration = duration
        self.reduce_motion = False
        self.animation = QtCore.QVariantAnimation(self)
        self.animation.setStartValue(0.0)
        self.animation.setEndValue(1.0)
        self.animation.setEasingCurve(QtCore.QEasingCurve.Type.InOutCubic)
        self.animation.valueChanged.connect(self._frame)
        self.animation.finished.connect(self._arrive)
        self._start: tuple[float, float] = state.time_range
        self._end: tuple[float, float] = state.time_range
        self._arrival: Callable[[], None] | None = None

    @property
    def running(self) -> bool:
        return self.animation.state() == QtCore.QAbstractAnimation.State.Running

    @property
    def instant(self) -> bool:
        """True when moves jump to their end (reduced motion, or no duration)."""
        return self.reduce_motion or self.duration <= 0

    def move_to(self, time_range: tuple[float, float], arrive: Callable[[], None] | None = None) -> None:
        """Move the range to `time_range` (animated unless instant), then call `arrive`. A move
        under way stops where it is, without its arrival: the new one starts from there."""
        self.cancel()
        self._arrival = arrive
        self._start, self._end = self.state.time_range, time_range
        if self.instant or self._start == time_range:
            self._frame(1.0)
            self._arrive()
            return
        self.animation.setDuration(self.duration)
        self.animation.start()

    def finish(self) -> None:
        """Jump to the end of the move under way (its range, then its arrival)."""
        if self.running:
            self.animation.stop()
            self._frame(1.0)
            self._arrive()

    def cancel(self) -> None:
        """Stop the move under way where it is; its arrival never runs."""
        self._arrival = None
        if self.running:
            self.animation.stop()

    def _frame(self, value: object) -> None:
        t = float(value)  # type: ignore[arg-type]  # the animation's value: a float from 0 to 1
        self.state.set_time_range(*between(self._start, self._end, t))

    def _arrive(self) -> None:
        arrival, self._arrival = self._arrival, None
        if arrival is not None:
            arrival()
        self.arrived.emit()
