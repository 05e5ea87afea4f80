"""Helpers for tests that look at the picture: real input events, and pixels found where the
plot's own axis puts a date (pyqtgraph's view box mapping), not where the view's hit testing
thinks things are."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from timeline_app.core.dates import SECONDS_PER_DAY, day_to_epoch, parse_date


def epoch(text: str) -> float:
    """The first second of a date (YYYY, YYYY-MM, YYYY-MM-DD)."""
    return day_to_epoch(parse_date(text).first_day)


def span(first: str, last: str) -> tuple[float, float]:
    """From the first day of `first` to the end of the last day of `last`."""
    return epoch(first), day_to_epoch(parse_date(last).last_day) + SECONDS_PER_DAY


def noon(text: str) -> float:
    """The middle of a day: where a day-precise glyph stands."""
    return epoch(text) + SECONDS_PER_DAY / 2


def widget_x(view, seconds: float) -> float:
    """The viewport x of a time, through the view box's own data-to-scene mapping."""
    scene = view.view_box.mapViewToScene(QtCore.QPointF(seconds, 0))
    return view.mapFromScene(scene).x()


def lane_band(view, lane_id: str) -> tuple[float, float]:
    """Top and bottom viewport y of a visible lane: lanes stack top to bottom in the view box's
    y range [0, n], the first lane at the top."""
    lanes = view.state.visible_lanes
    n, index = len(lanes), lanes.index(lane_id)
    top = view.mapFromScene(view.view_box.mapViewToScene(QtCore.QPointF(0, n - index))).y()
    bottom = view.mapFromScene(view.view_box.mapViewToScene(QtCore.QPointF(0, n - index - 1))).y()
    return top, bottom


def grab(view) -> QtGui.QImage:
    QtWidgets.QApplication.processEvents()
    return view.grab().toImage()


def distance(a: QtGui.QColor, b: QtGui.QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


def find_colour(image: QtGui.QImage, colour: str, xs, ys, tolerance: int = 12) -> list[tuple[int, int]]:
    """Every pixel in the columns xs and rows ys whose colour is within `tolerance` of `colour`."""
    wanted = QtGui.QColor(colour)
    ratio = image.devicePixelRatio()
    found = []
    for x in xs:
        for y in ys:
            px, py = round(x * ratio), round(y * ratio)
            if 0 <= px < image.width() and 0 <= py < image.height():
                if distance(image.pixelColor(px, py), wanted) <= tolerance:
                    found.append((x, y))
    return found


def glyph_at(view, lane_id: str, seconds: float, colour: str, reach: int = 3) -> QtCore.QPoint | None:
    """The viewport point of a lane-coloured glyph at a time: the middle of the pixels of that
    colour in the columns around the time's x, in the upper half of the lane's band."""
    image = grab(view)
    x = round(widget_x(view, seconds))
    top, bottom = lane_band(view, lane_id)
    hits = find_colour(image, colour, range(x - reach, x + reach + 1), range(int(top), int((top + bottom) / 2)))
    if not hits:
        return None
    ys = sorted(y for _, y in hits)
    return QtCore.QPoint(x, ys[len(ys) // 2])


def click(qtbot, view, point: QtCore.QPoint | QtCore.QPointF) -> None:
    qtbot.mouseClick(view.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=QtCore.QPointF(point).toPoint())


def click_scene(qtbot, view, scene_pos: QtCore.QPointF) -> None:
    click(qtbot, view, view.mapFromScene(scene_pos))


def wheel(view, point: QtCore.QPoint, delta: int) -> None:
    pos = QtCore.QPointF(point)
    event = QtGui.QWheelEvent(
        pos,
        QtCore.QPointF(view.viewport().mapToGlobal(point)),
        QtCore.QPoint(),
        QtCore.QPoint(0, delta),
        QtCore.Qt.MouseButton.NoButton,
        QtCore.Qt.KeyboardModifier.NoModifier,
        QtCore.Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QtWidgets.QApplication.sendEvent(view.viewport(), event)


def drag(view, start: QtCore.QPoint, dx: int, dy: int, steps: int = 10) -> None:
    viewport = view.viewport()
    left, none = QtCore.Qt.MouseButton.LeftButton, QtCore.Qt.MouseButton.NoButton
    plain = QtCore.Qt.KeyboardModifier.NoModifier

    def send(kind, point, button, buttons):
        global_pos = QtCore.QPointF(viewport.mapToGlobal(point))
        QtWidgets.QApplication.sendEvent(
            viewport, QtGui.QMouseEvent(kind, QtCore.QPointF(point), global_pos, button, buttons, plain)
        )

    send(QtCore.QEvent.Type.MouseButtonPress, start, left, left)
    point = start
    for step in range(1, steps + 1):
        point = QtCore.QPoint(start.x() + dx * step // steps, start.y() + dy * step // steps)
        send(QtCore.QEvent.Type.MouseMove, point, none, left)
    send(QtCore.QEvent.Type.MouseButtonRelease, point, left, none)
