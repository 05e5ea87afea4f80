"""Member rows of a lane: who belonged when, one thin row a country under the lane's glyph line.

Each row is drawn in the lane's colour, in one batched layer per lane (as the glyphs are):
a member solid (a founding member with a mark at its start), an observer outlined, an
associate with a dashed outline, a suspension hatched. An uncertain boundary is an interval
that fades into the span; what the sources dispute is cross-hatched and marked "?", so that
greyscale print still tells each case apart. While a country is followed its rows stand out
and the others fade.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui

from ..core.dates import SECONDS_PER_DAY, day_to_epoch
from ..core.membership import Span
from ..core.span import REACH
from .layers import _ViewBoxLayer, readable_on
from .theme import Theme

if TYPE_CHECKING:
    import pyqtgraph as pg

__all__ = [
    "FADED_OPACITY",
    "DrawnRow",
    "DrawnSpan",
    "MEMBER_KEY",
    "MemberLayer",
    "SpanPainter",
    "SpanTimes",
    "lay_out_rows",
    "paint_member_key",
    "span_times",
]

#: How strongly the rows of other countries are drawn while one country is followed.
FADED_OPACITY = 0.22
_FAR_PX = 1e6  # spans are laid out this far beyond the view at most (an open span ends there)
_FADE_STEPS = 5  # an uncertain boundary fades in so many steps of opacity (every PDF viewer draws them)
_FADE_STEP_MIN_PX = 3.0  # a step is at least this wide (a narrow interval has fewer steps)
_FILL_ALPHA = 0.85  # a member's fill
_LIGHT_ALPHA = 0.14  # inside an outlined status
_MIN_MARK_PX = 7.0  # a disputed boundary narrower than this is marked this wide


@dataclass(frozen=True)
class SpanTimes:
    """A span's boundaries in epoch seconds: it may begin from `start`, surely holds from
    `body_start` to `body_end` (the end of 2100 while open), and may last until `stop`."""

    index: int  # among its country's spans in the lane
    span: Span
    start: float
    body_start: float
    body_end: float
    stop: float


def span_times(span: Span, index: int) -> SpanTimes:
    """Where a span begins and ends on the time axis: an uncertain boundary is an interval from
    its first possible day to the end of its last."""
    start = day_to_epoch(span.start.first)
    body_start = day_to_epoch(span.start.last)
    if span.end is None:
        return SpanTimes(index, span, start, body_start, REACH[1], REACH[1])
    body_end = day_to_epoch(span.end.first) + SECONDS_PER_DAY
    stop = day_to_epoch(span.end.last) + SECONDS_PER_DAY
    return SpanTimes(index, span, start, max(body_start, start), max(body_end, body_start), stop)


@dataclass(frozen=True)
class DrawnRow:
    """A country's row: its band in ViewBox pixels."""

    country: str
    rect: QtCore.QRectF


@dataclass(frozen=True)
class DrawnSpan:
    """A span as drawn now, in ViewBox pixels: its whole extent, its certain body and the
    uncertain intervals before and after it (None where the boundary is a known day)."""

    country: str
    index: int
    span: Span
    outer: QtCore.QRectF
    body: QtCore.QRectF
    start_fade: QtCore.QRectF | None
    end_fade: QtCore.QRectF | None


def lay_out_rows(
    rows: list[str],
    times: dict[str, list[SpanTimes]],
    top: float,
    row_px: float,
    x0: float,
    scale: float,
    width: float,
) -> tuple[list[DrawnRow], list[DrawnSpan]]:
    """The rows from `top`, `row_px` high each, and the spans in view of each row (whole: what
    lies beyond the view's edges is left out when they are painted, never drawn there)."""
    drawn_rows: list[DrawnRow] = []
    drawn_spans: list[DrawnSpan] = []
    inset = min(2.0, row_px * 0.15)
    lo_edge, hi_edge = -_FAR_PX, width + _FAR_PX

    def px(t: float) -> float:
        return min(max((t - x0) * scale, lo_edge), hi_edge)

    for row, country in enumerate(rows):
        y = top + row * row_px
        drawn_rows.append(DrawnRow(country, QtCore.QRectF(0, y, width, row_px)))
        y0, h = y + inset, row_px - 2 * inset
        for t in times.get(country, ()):
            left, right = px(t.start), px(t.stop)
            if right <= 0 or left >= width or right - left < 0.01:
                continue
            body_left, body_right = px(t.body_start), px(t.body_end)
            body_right = max(body_right, body_left + 1.0)  # a day is at least a pixel
            start_fade = QtCore.QRectF(left, y0, body_left - left, h) if body_left - left >= 0.5 else None
            end_fade = QtCore.QRectF(body_right, y0, right - body_right, h) if right - body_right >= 0.5 else None
            outer = QtCore.QRectF(left, y0, max(right, body_right) - left, h)
            body = QtCore.QRectF(body_left, y0, body_right - body_left, h)
            drawn_spans.append(DrawnSpan(country, t.index, t.span, outer, body, start_fade, end_fade))
    return drawn_rows, drawn_spans


class SpanPainter:
    """How each part of a member row is drawn, in a lane's colour: the rows and the legend of
    an export draw with the same strokes.

    With `view` (the x range in view), nothing is drawn outside it and no outline is drawn
    where the view's edge cuts a span: an SVG drawing keeps no clipping, so what lies beyond
    the plot is left out here rather than clipped later."""

    def __init__(
        self, theme: Theme, color: QtGui.QColor, mark_pt: float, view: tuple[float, float] | None = None
    ) -> None:
        self.theme, self.color, self.mark_pt, self.view = theme, color, mark_pt, view

    def shown(self, rect: QtCore.QRectF) -> QtCore.QRectF | None:
        """The part of a rectangle in view (None when none is)."""
        if self.view is None:
            return QtCore.QRectF(rect)
        left, right = max(rect.left(), self.view[0]), min(rect.right(), self.view[1])
        return QtCore.QRectF(left, rect.top(), right - left, rect.height()) if right > left else None

    def in_view(self, x: float) -> bool:
        return self.view is None or self.view[0] - 0.5 <= x <= self.view[1] + 0.5

    def frame(self, p: QtGui.QPainter, rect: QtCore.QRectF, pen: QtGui.QPen) -> None:
        """A rectangle's outline where it is in view: its ends only where they are."""
        shown = self.shown(rect)
        if shown is None:
            return
        p.setPen(pen)
        p.setBrush(QtCore.Qt.BrushStyle.NoBrush)
        p.drawLine(shown.topLeft(), shown.topRight())
        p.drawLine(shown.bottomLeft(), shown.bottomRight())
        for x in (rect.left(), rect.right()):
            if self.in_view(x):
                p.drawLine(QtCore.QPointF(x, rect.top()), QtCore.QPointF(x, rect.bottom()))

    def fill(self, p: QtGui.QPainter, rect: QtCore.QRectF, brush: QtGui.QBrush | QtGui.QColor) -> None:
        """A rectangle filled where it is in view."""
        shown = self.shown(rect)
        if shown is not None:
            p.setPen(QtCore.Qt.PenStyle.NoPen)
            p.setBrush(brush)
            p.drawRect(shown)

    def tint(self, alpha: float) -> QtGui.QColor:
        color = QtGui.QColor(self.color)
        color.setAlphaF(alpha)
        return color

    def body(self, p: QtGui.QPainter, body: QtCore.QRectF, status: str) -> None:
        """A member solid, an observer outlined, an associate with a dashed outline, a
        suspension hatched."""
        edge = QtGui.QPen(self.theme.shade(self.color, 130), 1.5)
        edge.setCapStyle(QtCore.Qt.PenCapStyle.SquareCap)
        if status == "suspended":
            self.fill(p, body, self.tint(_LIGHT_ALPHA))
            self.fill(p, body, QtGui.QBrush(self.theme.shade(self.color, 115), QtCore.Qt.BrushStyle.BDiagPattern))
            self.frame(p, body, edge)
        elif status in ("observer", "associate"):
            if status == "associate":
                edge.setStyle(QtCore.Qt.PenStyle.DashLine)
            inner = body.adjusted(0.75, 0.75, -0.75, -0.75)
            self.fill(p, inner, self.tint(_LIGHT_ALPHA))
            self.frame(p, inner, edge)
        else:
            self.fill(p, body, self.tint(_FILL_ALPHA))

    def fade(self, p: QtGui.QPainter, rect: QtCore.QRectF, fading_in: bool, outlined: bool) -> None:
        """An uncertain boundary: the colour fades in from the first possible day (or out to
        the last) in a few steps of opacity (flat fills: a gradient's soft mask is drawn solid
        by some PDF viewers), with a dotted edge that shows the interval's extent."""
        alpha = _LIGHT_ALPHA * 2 if outlined else _FILL_ALPHA
        steps = max(1, min(_FADE_STEPS, int(rect.width() // _FADE_STEP_MIN_PX)))
        step_px = rect.width() / steps
        antialiased = p.testRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, False)  # no seams between the steps
        for i in range(steps):
            level = (i + 1) / (steps + 1)  # the share of the full colour, left to right
            strength = level if fading_in else 1.0 - level
            step = QtCore.QRectF(rect.left() + i * step_px, rect.top(), step_px, rect.height())
            self.fill(p, step, self.tint(0.04 + (alpha - 0.04) * strength))
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, antialiased)
        shown = self.shown(rect)
        if shown is None:
            return
        p.setPen(QtGui.QPen(self.theme.shade(self.color, 130), 1, QtCore.Qt.PenStyle.DotLine))
        p.drawLine(shown.topLeft(), shown.topRight())
        p.drawLine(shown.bottomLeft(), shown.bottomRight())
        end = rect.left() if fading_in else rect.right()
        if self.in_view(end):
            p.drawLine(QtCore.QPointF(end, rect.top()), QtCore.QPointF(end, rect.bottom()))

    def founding(self, p: QtGui.QPainter, body: QtCore.QRectF) -> None:
        """A founding member: a small diamond just inside its start (where there is room)."""
        size = min(body.height() * 0.8, 9.0)
        cx, cy = body.left() + size / 2 + 1.5, body.center().y()
        shown = self.shown(body)
        if shown is None or not self.in_view(body.left()) or cx + size / 2 > shown.right():
            return
        diamond = QtGui.QPolygonF(
            [
                QtCore.QPointF(cx, cy - size / 2),
                QtCore.QPointF(cx + size / 2, cy),
                QtCore.QPointF(cx, cy + size / 2),
                QtCore.QPointF(cx - size / 2, cy),
            ]
        )
        p.setPen(QtCore.Qt.PenStyle.NoPen)
        p.setBrush(QtGui.QColor(readable_on(self.color)))
        p.drawPolygon(diamond)

    def disputed(self, p: QtGui.QPainter, rect: QtCore.QRectF) -> None:
        """What the sources dispute: cross-hatched, and marked '?' where it is in view and high
        enough."""
        hatch = QtGui.QColor(self.theme.foreground)
        hatch.setAlphaF(0.6)
        self.fill(p, rect, QtGui.QBrush(hatch, QtCore.Qt.BrushStyle.DiagCrossPattern))
        shown = self.shown(rect)
        if shown is None or rect.height() < 6:
            return
        shown_left, shown_right = shown.left(), shown.right()
        font = self.theme.font(max(self.mark_pt, 6.0), bold=True)
        mark_w = QtGui.QFontMetricsF(font).horizontalAdvance("?") + 4
        cx = min(max((shown_left + shown_right) / 2, shown_left + mark_w / 2), shown_right - mark_w / 2)
        mark = QtCore.QRectF(cx - mark_w / 2, rect.top(), mark_w, rect.height())
        p.setBrush(QtGui.QColor(self.theme.background))
        p.drawRoundedRect(mark, 2, 2)
        p.setFont(font)
        p.setPen(QtGui.QColor(self.theme.foreground))
        p.drawText(mark, QtCore.Qt.AlignmentFlag.AlignCenter, "?")


#: The legend of member rows: (text, what its swatch shows).
MEMBER_KEY: tuple[tuple[str, str], ...] = (
    ("member", "member"),
    ("founding", "founding member"),
    ("observer", "observer"),
    ("associate", "associate"),
    ("suspended", "suspended"),
    ("date uncertain", "uncertain"),
    ("disputed", "disputed"),
)


def paint_member_key(p: QtGui.QPainter, theme: Theme, color: str, x: float, rect: QtCore.QRectF) -> float:
    """The legend of member rows from `x` in `rect` (swatches in `color`, drawn as the rows
    are); returns the x where it ends."""
    font = theme.font(theme.label_pt)
    metrics = QtGui.QFontMetricsF(font)
    height = min(metrics.height() * 0.8, rect.height() - 2)
    painter = SpanPainter(theme, QtGui.QColor(color), theme.label_pt - 2)
    for text, style in MEMBER_KEY:
        swatch = QtCore.QRectF(x, rect.center().y() - height / 2, 30, height)
        if style == "uncertain":
            painter.fade(p, QtCore.QRectF(swatch.left(), swatch.top(), 16, height), True, False)
            painter.body(p, QtCore.QRectF(swatch.left() + 16, swatch.top(), 14, height), "member")
        else:
            painter.body(p, swatch, "member" if style == "disputed" else style)
        if style == "founding member":
            painter.founding(p, swatch)
        if style == "disputed":
            painter.disputed(p, swatch)
        p.setFont(font)
        p.setPen(QtGui.QColor(theme.foreground))
        label = QtCore.QRectF(swatch.right() + 5, rect.top(), metrics.horizontalAdvance(text) + 2, rect.height())
        p.drawText(label, QtCore.Qt.AlignmentFlag.AlignVCenter, text)
        x = label.right() + 14
    return x


class MemberLayer(_ViewBoxLayer):
    """One lane's member rows in ViewBox pixels, painted in one batch (their countries are
    named beside them, in the lane headers of the lane axis)."""

    def __init__(self, view_box: pg.ViewBox, theme: Theme, color: str) -> None:
        super().__init__(view_box, theme, z=400)
        self.color = QtGui.QColor(color)
        self.rows: list[DrawnRow] = []
        self.spans: list[DrawnSpan] = []
        self.followed: str | None = None
        self.selected: tuple[str, int] | None = None  # (country, index) of the selected span
        self.name_pt = theme.label_pt

    def set_rows(self, rows: list[DrawnRow], spans: list[DrawnSpan], name_pt: float) -> None:
        """What to paint: the rows, their spans in view, and the point size of the names (0:
        rows too thin for names)."""
        self.rows, self.spans, self.name_pt = rows, spans, name_pt
        self.update()

    def set_followed(self, country: str | None) -> None:
        self.followed = country
        self.update()

    def set_selected(self, selected: tuple[str, int] | None) -> None:
        self.selected = selected
        self.update()

    def span_rects(self) -> list[tuple[str, int, QtCore.QRectF]]:
        """(country, index, extent in ViewBox pixels, as far as it is in view) of each span drawn now."""
        width = self.boundingRect().width()
        shown = (
            (s, QtCore.QRectF(s.outer).intersected(QtCore.QRectF(0, s.outer.top(), width, s.outer.height())))
            for s in self.spans
        )
        return [(s.country, s.index, rect) for s, rect in shown]

    # --- painting -------------------------------------------------------------------
    def paint(self, p: QtGui.QPainter, *_args: object) -> None:
        if not self.rows:
            return
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
        first = self.rows[0].rect
        separator = QtGui.QPen(QtGui.QColor(self.theme.separator), 1, QtCore.Qt.PenStyle.DotLine)
        separator.setCosmetic(True)
        p.setPen(separator)
        p.drawLine(QtCore.QPointF(0, first.top()), QtCore.QPointF(first.width(), first.top()))
        for span in self.spans:
            p.setOpacity(self._opacity(span.country))
            self._paint_span(p, span)
        p.setOpacity(1.0)
        for span in self.spans:
            if (span.country, span.index) == self.selected:
                self._paint_selection(p, span)

    def _opacity(self, country: str) -> float:
        return 1.0 if self.followed is None or country == self.followed else FADED_OPACITY

    def _paint_span(self, p: QtGui.QPainter, drawn: DrawnSpan) -> None:
        span = drawn.span
        painter = SpanPainter(self.theme, self.color, self.name_pt, (0.0, self.boundingRect().width()))
        outlined = span.status in ("observer", "associate")
        for rect, fading_in in ((drawn.start_fade, True), (drawn.end_fade, False)):
            if rect is not None:
                painter.fade(p, rect, fading_in, outlined)
        painter.body(p, drawn.body, span.status)
        if span.status == "founding member":
            painter.founding(p, drawn.body)  # where its start is in view
        if self.followed is not None and drawn.country == self.followed:
            outline = QtGui.QPen(QtGui.QColor(self.theme.foreground), 1.5)
            outline.setCapStyle(QtCore.Qt.PenCapStyle.SquareCap)
            painter.frame(p, drawn.outer.adjusted(-1, -1, 1, 1), outline)
        for rect in self._disputed_parts(drawn):
            painter.disputed(p, rect)

    def _disputed_parts(self, drawn: DrawnSpan) -> list[QtCore.QRectF]:
        """The parts of a span the sources dispute: its body (a statement against it), and
        each disputed boundary (at least a few pixels wide, so it can be seen)."""
        span, parts = drawn.span, []
        if span.contradictions:
            parts.append(drawn.body)
        for disputed, fade, x in (
            (span.start.disputed, drawn.start_fade, drawn.body.left()),
            (bool(span.end and span.end.disputed), drawn.end_fade, drawn.body.right()),
        ):
            if not disputed:
                continue
            if fade is not None and fade.width() >= _MIN_MARK_PX:
                parts.append(fade)
                continue
            centre = fade.center().x() if fade is not None else x
            parts.append(QtCore.QRectF(centre - _MIN_MARK_PX / 2, drawn.body.top(), _MIN_MARK_PX, drawn.body.height()))
        return parts

    def _paint_selection(self, p: QtGui.QPainter, drawn: DrawnSpan) -> None:
        pen = QtGui.QPen(QtGui.QColor(self.theme.selection), 2.5)
        p.setPen(pen)
        p.setBrush(QtCore.Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(drawn.outer.adjusted(-2.5, -2, 2.5, 2), 2, 2)
