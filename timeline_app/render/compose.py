"""A finished figure: title, the timeline, legend of kinds, callout, caption and source line.

The timeline inside is a TimelineView, the same as the window's. The figure is laid out once
for a logical size and painted by one routine onto any QPainter: an image (PNG, the clipboard),
an SVG generator (vector, text as text) or a PDF writer.
"""

from __future__ import annotations

from dataclasses import dataclass

import shiboken6
from PySide6 import QtCore, QtGui, QtWidgets

from ..core.cite import quotation
from ..core.dates import epoch_to_day, parse_date
from ..core.figure import FigureSpec
from ..core.model import KINDS, Event, Timeline
from ..core.query import filter_events, sources_of
from ..core.state import ViewState
from .layers import symbol_path
from .members import paint_member_key
from .theme import KIND_SYMBOLS, Theme, make_theme
from .view import TimelineView

__all__ = ["Figure"]

_CALLOUT_EXCERPT_LINES = 6


@dataclass
class _Layout:
    title: QtCore.QRectF | None
    caption: QtCore.QRectF | None
    plot: QtCore.QRectF
    legend: QtCore.QRectF
    footer: QtCore.QRectF | None
    footer_text: str
    callout: QtCore.QRectF | None = None
    callout_anchor: QtCore.QPointF | None = None


class Figure:
    """The laid-out figure for one spec. Build it, paint it, then close() it."""

    def __init__(self, timeline: Timeline, spec: FigureSpec, palette: QtGui.QPalette | None = None) -> None:
        self.timeline = timeline
        self.spec = spec
        self.theme: Theme = make_theme(spec.theme, palette)
        self.state = ViewState.for_figure(timeline, spec)
        self.view = TimelineView(self.state, theme=self.theme)
        self.view.member_toggles = False  # a figure shows member rows as asked, with nothing to click
        self.view.setAttribute(QtCore.Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        self.view.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.view.show()
        self.layout = self._lay_out()

    def close(self) -> None:
        """Free the figure's view now (with deleteLater, pyqtgraph views were seen to leak)."""
        self.view.close()
        shiboken6.delete(self.view)

    # --- what is shown -------------------------------------------------------
    def visible_events(self) -> list[Event]:
        start, end = self.state.time_range
        first = parse_date(epoch_to_day(start).isoformat())
        last = parse_date(epoch_to_day(end - 1).isoformat())
        hidden_filter = self.state.filters if self.state.hide_unmatched else None  # dimmed events are drawn
        return filter_events(self.timeline, self.state.visible_lanes, first, last, hidden_filter, self.state.aliases)

    def source_line(self) -> str:
        """'Sources: Borkoeva 2011; RFE/RL, 15 May 2002; ...' for what the figure shows."""
        events = self.visible_events()
        selected = self.state.selected_event()
        if selected is not None and selected not in events:
            events.append(selected)
        shorts = []
        for source_id in sources_of(self.timeline, events):
            source = self.timeline.source(source_id)
            assert source is not None  # sources_of gives ids from the timeline's own sources
            shorts.append(source.short())
        return "Sources: " + "; ".join(shorts) + "." if shorts else ""

    def kinds_shown(self) -> list[str]:
        present = {event.kind for event in self.visible_events()}
        return [kind for kind in KINDS if kind in present]

    # --- layout --------------------------------------------------------------
    def _fm(self, point_size: float, bold: bool = False, italic: bool = False) -> QtGui.QFontMetricsF:
        return QtGui.QFontMetricsF(self.theme.font(point_size, bold, italic))

    def _lay_out(self) -> _Layout:
        spec, theme = self.spec, self.theme
        width, height = float(spec.width), float(spec.height)
        margin = max(14.0, min(44.0, 0.022 * min(width, height)))
        inner = width - 2 * margin
        y = margin
        title_rect = caption_rect = None
        if spec.title:
            fm = self._fm(theme.title_pt, bold=True)
            title_rect = QtCore.QRectF(margin, y, inner, fm.height())
            y += fm.height() + 4
        if spec.caption:
            text_height = self._wrapped_height(spec.caption, self.theme.font(theme.label_pt + 1, italic=True), inner)
            caption_rect = QtCore.QRectF(margin, y, inner, text_height)
            y += text_height + 4
        if title_rect or caption_rect:
            y += 6
        footer_text = self.source_line() if spec.sources else ""
        bottom = height - margin
        footer_rect = None
        if footer_text:
            footer_height = self._wrapped_height(footer_text, theme.font(theme.footer_pt), inner)
            footer_rect = QtCore.QRectF(margin, bottom - footer_height, inner, footer_height)
            bottom = footer_rect.top() - 6
        legend_height = (self._fm(theme.label_pt).height() + 8) * (2 if self.state.member_lanes else 1)
        legend_rect = QtCore.QRectF(margin, bottom - legend_height, inner, legend_height)
        bottom = legend_rect.top() - 4
        plot = QtCore.QRectF(margin, y, inner, max(bottom - y, 120.0))
        layout = _Layout(title_rect, caption_rect, plot, legend_rect, footer_rect, footer_text)
        self._place_view(plot)
        if self.state.selected is not None:
            self._place_callout(layout)
        return layout

    @staticmethod
    def _wrapped_height(text: str, font: QtGui.QFont, width: float) -> float:
        fm = QtGui.QFontMetricsF(font)
        rect = fm.boundingRect(QtCore.QRectF(0, 0, width, 10_000), int(QtCore.Qt.TextFlag.TextWordWrap), text)
        return rect.height()

    def _place_view(self, plot: QtCore.QRectF) -> None:
        self._plot_topleft = plot.topLeft()
        self.view.resize(int(plot.width()), int(plot.height()))
        QtWidgets.QApplication.processEvents()
        self.view.view_box.setXRange(*self.state.time_range, padding=0)
        QtWidgets.QApplication.processEvents()  # axis widths settle
        self.view.relayout()

    # --- the callout -----------------------------------------------------------
    def _callout_text(self, event: Event) -> tuple[str, str, str, str]:
        citation = event.citations[0]
        reference = self.timeline.reference(citation, short=True)
        return event.title, event.date_text(), quotation(citation.excerpt), f"\u2014 {reference}"

    def _callout_size(self, event: Event, width: float) -> QtCore.QSizeF:
        theme = self.theme
        title, date, excerpt, reference = self._callout_text(event)
        text_width = width - 24
        height = 12 + self._wrapped_height(title, theme.font(theme.label_pt + 1, bold=True), text_width)
        height += self._fm(theme.label_pt).height() + 4
        excerpt_height = self._wrapped_height(excerpt, theme.font(theme.label_pt, italic=True), text_width)
        height += min(excerpt_height, self._fm(theme.label_pt, italic=True).lineSpacing() * _CALLOUT_EXCERPT_LINES) + 4
        height += self._wrapped_height(reference, theme.font(theme.footer_pt), text_width) + 12
        return QtCore.QSizeF(width, height)

    def occupied(self) -> list[QtCore.QRectF]:
        """What the callout must not cover, in figure coordinates: labels, glyphs, era names."""
        view, vb = self.view, self.view.view_box
        origin = self.plot_origin()

        def to_figure(rect: QtCore.QRectF) -> QtCore.QRectF:
            scene: QtCore.QRectF = vb.mapRectToScene(rect)
            return scene.translated(origin)

        rects = [to_figure(rect.adjusted(-3, -3, 3, 3)) for _, _, rect in view.label_rects()]
        rects += [to_figure(rect) for _, _, rect in view.era_rects()]
        r = view.theme.marker_px
        for lane_id in view.visible_lanes:
            lane = view.lane_rect(lane_id)
            glyph_row = QtCore.QRectF(0, lane.top(), vb.width(), view.glyph_row(lane_id) - lane.top() + r)
            rects.append(to_figure(glyph_row))  # the whole glyph line: bars and markers
            rows = view.member_rows_rect(lane_id)
            if rows is not None:
                rects.append(to_figure(rows))  # member rows
        return rects

    def plot_origin(self) -> QtCore.QPointF:
        """Where scene coordinates of the view start in figure coordinates."""
        source: QtCore.QRectF = self.view.mapToScene(self.view.viewport().rect()).boundingRect()
        return self._plot_topleft - source.topLeft()

    def _place_callout(self, layout: _Layout) -> None:
        event = self.state.selected_event()
        assert event is not None
        vb_rect = self.view.view_box.sceneBoundingRect().translated(self.plot_origin())
        try:
            glyph = self.view.scene_pos_of(event.id) + self.plot_origin()
        except KeyError:
            return
        width = min(max(0.3 * vb_rect.width(), 300.0), 560.0, vb_rect.width() - 20)
        size = self._callout_size(event, width)
        occupied = self.occupied()
        best = None
        steps_x, steps_y = 24, 16
        for i in range(steps_x + 1):
            for j in range(steps_y + 1):
                x = vb_rect.left() + 8 + (vb_rect.width() - size.width() - 16) * i / steps_x
                y = vb_rect.top() + 8 + (vb_rect.height() - size.height() - 16) * j / steps_y
                rect = QtCore.QRectF(QtCore.QPointF(x, y), size)
                if rect.bottom() > vb_rect.bottom() - 4 or rect.right() > vb_rect.right() - 4:
                    continue
                overlap = sum(_area(rect.intersected(o)) for o in occupied)
                distance = QtCore.QLineF(rect.center(), glyph).length()
                score = (overlap, distance)
                if best is None or score < best[0]:
                    best = (score, rect)
        if best is not None and best[0][0] == 0:
            layout.callout, layout.callout_anchor = best[1], glyph
            return
        # No free room inside the plot: the plot gives up a column on the right for the card.
        column = width + 24
        layout.plot = QtCore.QRectF(
            layout.plot.left(), layout.plot.top(), layout.plot.width() - column, layout.plot.height()
        )
        self._place_view(layout.plot)
        glyph = self.view.scene_pos_of(event.id) + self.plot_origin()
        top = min(max(glyph.y() - size.height() / 2, layout.plot.top()), layout.plot.bottom() - size.height())
        layout.callout = QtCore.QRectF(QtCore.QPointF(layout.plot.right() + 20, top), size)
        layout.callout_anchor = None  # beside the plot, level with the glyph; a line would cross the lane

    # --- painting ------------------------------------------------------------------
    def paint(self, painter: QtGui.QPainter) -> None:
        """Paint the whole figure in logical coordinates (0..width, 0..height)."""
        spec, theme, layout = self.spec, self.theme, self.layout
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QtGui.QPainter.RenderHint.TextAntialiasing, True)
        painter.fillRect(QtCore.QRectF(0, 0, spec.width, spec.height), QtGui.QColor(theme.background))
        painter.setPen(QtGui.QColor(theme.foreground))
        if layout.title:
            painter.setFont(theme.font(theme.title_pt, bold=True))
            fm = self._fm(theme.title_pt, bold=True)
            painter.drawText(
                layout.title,
                int(QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignVCenter),
                fm.elidedText(spec.title, QtCore.Qt.TextElideMode.ElideRight, layout.title.width()),
            )
        if layout.caption:
            painter.setFont(theme.font(theme.label_pt + 1, italic=True))
            painter.setPen(QtGui.QColor(theme.muted))
            painter.drawText(layout.caption, int(QtCore.Qt.TextFlag.TextWordWrap), spec.caption)
        self._paint_view(painter, layout.plot)
        self._paint_legend(painter, layout.legend)
        if layout.callout is not None:
            self._paint_callout(painter, layout.callout, layout.callout_anchor)
        if layout.footer:
            painter.setFont(theme.font(theme.footer_pt))
            painter.setPen(QtGui.QColor(theme.muted))
            painter.drawText(layout.footer, int(QtCore.Qt.TextFlag.TextWordWrap), layout.footer_text)

    def _paint_view(self, painter: QtGui.QPainter, plot: QtCore.QRectF) -> None:
        scene = self.view.scene()
        source = self.view.mapToScene(self.view.viewport().rect()).boundingRect()
        scene.render(painter, QtCore.QRectF(plot.topLeft(), source.size()), source)

    def _paint_legend(self, painter: QtGui.QPainter, rect: QtCore.QRectF) -> None:
        theme = self.theme
        if self.state.member_lanes:  # two lines: the kinds, then how member rows are drawn
            half = rect.height() / 2
            key = QtCore.QRectF(rect.left(), rect.top() + half, rect.width(), half)
            paint_member_key(painter, theme, theme.muted, rect.left() + self.view.lane_axis.width(), key)
            rect = QtCore.QRectF(rect.left(), rect.top(), rect.width(), half)
        kinds = self.kinds_shown()
        font = theme.font(theme.label_pt)
        fm = QtGui.QFontMetricsF(font)
        painter.setFont(font)
        size = theme.marker_px
        pen = QtGui.QPen(QtGui.QColor(theme.muted), 1.3)
        x = rect.left() + self.view.lane_axis.width()
        y = rect.center().y()
        entries = [(KIND_SYMBOLS[kind], kind, True) for kind in kinds]
        entries.append(("o", "known day", True))
        entries.append(("o", "month, year or period", False))
        for index, (symbol, text, filled) in enumerate(entries):
            if index == len(kinds):
                x += 18  # a gap between kinds and the precision key
            painter.setPen(pen)
            painter.setBrush(QtGui.QColor(theme.muted if filled else theme.background))
            painter.drawPath(symbol_path(symbol, size).translated(x + size / 2, y))
            painter.setPen(QtGui.QColor(theme.foreground))
            label_rect = QtCore.QRectF(x + size + 5, rect.top(), fm.horizontalAdvance(text) + 2, rect.height())
            painter.drawText(label_rect, int(QtCore.Qt.AlignmentFlag.AlignVCenter), text)
            x = label_rect.right() + 16

    def _paint_callout(self, painter: QtGui.QPainter, rect: QtCore.QRectF, anchor: QtCore.QPointF | None) -> None:
        theme = self.theme
        event = self.state.selected_event()
        assert event is not None
        lane = self.timeline.lane(next(lane_id for lane_id in event.lanes if lane_id in self.view.visible_lanes))
        assert lane is not None  # an event's lanes are lanes of its timeline
        color = QtGui.QColor(lane.color)
        title, date, excerpt, reference = self._callout_text(event)
        if anchor is not None:  # a card inside the plot points at its glyph
            painter.setPen(QtGui.QPen(color, 1.6))
            nearest = QtCore.QPointF(
                min(max(anchor.x(), rect.left()), rect.right()), min(max(anchor.y(), rect.top()), rect.bottom())
            )
            painter.drawLine(nearest, anchor)
        painter.setBrush(QtGui.QColor(theme.card))
        painter.setPen(QtGui.QPen(color, 1.4))
        painter.drawRoundedRect(rect, 6, 6)
        painter.fillRect(QtCore.QRectF(rect.left(), rect.top() + 6, 4, rect.height() - 12), color)
        x, width = rect.left() + 14, rect.width() - 24
        y = rect.top() + 8
        flags = int(QtCore.Qt.TextFlag.TextWordWrap)
        for text, font, colour, max_height in (
            (title, theme.font(theme.label_pt + 1, bold=True), theme.foreground, None),
            (date, theme.font(theme.label_pt), theme.muted, None),
            (
                excerpt,
                theme.font(theme.label_pt, italic=True),
                theme.foreground,
                QtGui.QFontMetricsF(theme.font(theme.label_pt, italic=True)).lineSpacing() * _CALLOUT_EXCERPT_LINES,
            ),
            (reference, theme.font(theme.footer_pt), theme.muted, None),
        ):
            shown = text
            height = self._wrapped_height(shown, font, width)
            if max_height is not None and height > max_height:
                shown = _elide_lines(text, font, width, _CALLOUT_EXCERPT_LINES)
                height = self._wrapped_height(shown, font, width)
            painter.setFont(font)
            painter.setPen(QtGui.QColor(colour))
            painter.drawText(QtCore.QRectF(x, y, width, height), flags, shown)
            y += height + 4


def _area(rect: QtCore.QRectF) -> float:
    return max(rect.width(), 0.0) * max(rect.height(), 0.0) if rect.isValid() else 0.0


def _elide_lines(text: str, font: QtGui.QFont, width: float, lines: int) -> str:
    """The text cut at a word so that it wraps to at most `lines` lines, ending in an ellipsis."""
    fm = QtGui.QFontMetricsF(font)
    words = text.split()
    low, high = 0, len(words)
    while low < high:  # the most words that still fit
        middle = (low + high + 1) // 2
        candidate = " ".join(words[:middle]) + " \u2026\u201d"
        if (
            fm.boundingRect(
                QtCore.QRectF(0, 0, width, 10_000), int(QtCore.Qt.TextFlag.TextWordWrap), candidate
            ).height()
            <= fm.lineSpacing() * lines + 1
        ):
            low = middle
        else:
            high = middle - 1
    return " ".join(words[:low]) + " \u2026\u201d"
