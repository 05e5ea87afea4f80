"""A finished figure: title, the timeline, legend of kinds, callout, caption and source line.

The timeline inside is a TimelineView, the same as the window's. The figure is laid out once
for a logical size and painted by one routine onto any QPainter: an image (PNG, the clipboard),
an SVG generator (vector, text as text) or a PDF writer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6 import QtCore, QtGui, QtWidgets

from ..core.dates import epoch_to_day, parse_date
from ..core.figure import FigureSpec
from ..core.model import KINDS, Citation, Event, Timeline
from ..core.query import filter_events, sources_of
from ..core.quote import Shortened, quote_excerpt
from ..core.state import ViewState
from .layers import symbol_path
from .members import paint_member_key
from .theme import KIND_SYMBOLS, Theme, make_theme
from .view import TimelineView

__all__ = ["Figure"]

#: The callout quotes whole sentences (or a clause) in this many lines; when not even a clause
#: fits, it grows up to the most lines before the quotation is cut at a word.
_CALLOUT_EXCERPT_LINES, _CALLOUT_EXCERPT_MAX_LINES = 6, 9


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
    callout_text: tuple[str, str, str, str] | None = None  # title, date, quotation, reference
    callout_quote: Shortened | None = None  # the quotation and how it was shortened


class Figure:
    """The laid-out figure for one spec. Build it, paint it, then close() it."""

    def __init__(self, timeline: Timeline, spec: FigureSpec, palette: QtGui.QPalette | None = None) -> None:
        self.timeline = timeline
        self.spec = spec
        self.theme: Theme = make_theme(spec.theme, palette).for_figure()
        #: laid out on a slide of this size (slide units), painted scaled by `unit` to the output
        self.unit = spec.unit
        self.width, self.height = spec.slide_size
        self.state = ViewState.for_figure(timeline, spec)
        self.view = TimelineView(self.state, theme=self.theme)
        self.view.member_toggles = False  # a figure shows member rows as asked, with nothing to click
        self.view.lane_heights = spec.lane_heights
        self.view.unlabelled_notes = False  # "+4 unlabelled" is for the window, where a click zooms in
        selected = self.state.selected_event()
        if selected is not None:  # the height left over goes where its callout will stand
            self.view.spare_to = next((lane for lane in self.state.visible_lanes if lane in selected.lanes), None)
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
        width, height = self.width, self.height
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
    def quoted_citation(self, event: Event) -> Citation:
        """The citation the callout quotes: the spec's `quote` (0-based), the first when it has none."""
        return event.citations[self.spec.quote] if 0 <= self.spec.quote < len(event.citations) else event.citations[0]

    def _callout_quote(self, excerpt: str, text_width: float) -> Shortened:
        """The excerpt in quotation marks, whole or cut at a sentence or clause to fit its lines;
        the lines grow (to _CALLOUT_EXCERPT_MAX_LINES) before a last-resort cut at a word."""
        font = self.theme.font(self.theme.label_pt, italic=True)
        spacing = QtGui.QFontMetricsF(font).lineSpacing()

        def within(lines: int) -> Callable[[str], bool]:
            return lambda text: self._wrapped_height(text, font, text_width) <= spacing * lines + 1

        for lines in range(_CALLOUT_EXCERPT_LINES, _CALLOUT_EXCERPT_MAX_LINES + 1):
            quote = quote_excerpt(excerpt, within(lines))
            if quote.how != "word":
                break
        return quote

    def _callout_text(self, event: Event, width: float) -> tuple[tuple[str, str, str, str], Shortened]:
        """Title, date, quotation and short reference for a card `width` wide."""
        citation = self.quoted_citation(event)
        reference = self.timeline.reference(citation, short=True)
        quote = self._callout_quote(citation.excerpt, width - 24)
        return (event.title, event.date_text(), quote.text, f"\u2014 {reference}"), quote

    def _callout_fonts(self) -> tuple[tuple[QtGui.QFont, str], ...]:
        """The font and colour of the callout's title, date, quotation and reference."""
        theme = self.theme
        return (
            (theme.font(theme.label_pt + 1, bold=True), theme.foreground),
            (theme.font(theme.label_pt), theme.muted),
            (theme.font(theme.label_pt, italic=True), theme.foreground),
            (theme.font(theme.footer_pt), theme.muted),
        )

    def _callout_size(self, texts: tuple[str, str, str, str], width: float) -> QtCore.QSizeF:
        heights = [
            self._wrapped_height(text, font, width - 24) + 4
            for text, (font, _) in zip(texts, self._callout_fonts(), strict=True)
        ]
        return QtCore.QSizeF(width, 8 + sum(heights) + 8)

    def occupied(self, besides: str | None = None, leaders: bool = True) -> list[QtCore.QRectF]:
        """What the callout must not cover, in figure coordinates: labels and their leader lines,
        glyphs, era names, member rows (without the label of the event `besides`, if given; without
        the leader lines when `leaders` is False)."""
        view, vb = self.view, self.view.view_box
        origin = self.plot_origin()

        def to_figure(rect: QtCore.QRectF) -> QtCore.QRectF:
            scene: QtCore.QRectF = vb.mapRectToScene(rect)
            return scene.translated(origin)

        rects = [to_figure(rect) for rect in view.drawn_rects(besides, pad=3)]
        rects += [to_figure(leader) for leader in _label_leaders(view, besides)] if leaders else []
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
        layout.callout_text, layout.callout_quote = self._callout_text(event, width)
        size = self._callout_size(layout.callout_text, width)
        occupied = self.occupied()
        # its line may pass its own label (beside the glyph) and cross other leader lines, not text
        crossable = self.occupied(besides=event.id, leaders=False)
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
                crossed = _crossings(_leader(rect, glyph), crossable, glyph) if overlap == 0 else 0
                distance = QtCore.QLineF(rect.center(), glyph).length()
                score = (overlap, crossed, distance)  # hide nothing; then a line that crosses nothing
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
        """Paint the whole figure onto (0..spec.width, 0..spec.height) of the painter: laid out in
        slide units, scaled by `unit`."""
        painter.save()
        painter.scale(self.unit, self.unit)
        try:
            self._paint(painter)
        finally:
            painter.restore()

    def _paint(self, painter: QtGui.QPainter) -> None:
        spec, theme, layout = self.spec, self.theme, self.layout
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QtGui.QPainter.RenderHint.TextAntialiasing, True)
        painter.fillRect(QtCore.QRectF(0, 0, self.width, self.height), QtGui.QColor(theme.background))
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
        if layout.callout is not None and layout.callout_text is not None:
            self._paint_callout(painter, layout.callout, layout.callout_anchor, layout.callout_text)
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

    def _paint_callout(
        self,
        painter: QtGui.QPainter,
        rect: QtCore.QRectF,
        anchor: QtCore.QPointF | None,
        texts: tuple[str, str, str, str],
    ) -> None:
        theme = self.theme
        event = self.state.selected_event()
        assert event is not None
        lane = self.timeline.lane(next(lane_id for lane_id in event.lanes if lane_id in self.view.visible_lanes))
        assert lane is not None  # an event's lanes are lanes of its timeline
        color = QtGui.QColor(lane.color)
        if anchor is not None:  # a card inside the plot points at its glyph
            painter.setPen(QtGui.QPen(color, 1.6))
            painter.drawLine(_leader(rect, anchor))
        painter.setBrush(QtGui.QColor(theme.card))
        painter.setPen(QtGui.QPen(color, 1.4))
        painter.drawRoundedRect(rect, 6, 6)
        painter.fillRect(QtCore.QRectF(rect.left(), rect.top() + 6, 4, rect.height() - 12), color)
        x, width = rect.left() + 14, rect.width() - 24
        y = rect.top() + 8
        flags = int(QtCore.Qt.TextFlag.TextWordWrap)
        for text, (font, colour) in zip(texts, self._callout_fonts(), strict=True):
            height = self._wrapped_height(text, font, width)
            painter.setFont(font)
            painter.setPen(QtGui.QColor(colour))
            painter.drawText(QtCore.QRectF(x, y, width, height), flags, text)
            y += height + 4


def _area(rect: QtCore.QRectF) -> float:
    return max(rect.width(), 0.0) * max(rect.height(), 0.0) if rect.isValid() else 0.0


def _label_leaders(view: TimelineView, besides: str | None = None) -> list[QtCore.QRectF]:
    """The lines that tie labels to their glyphs (down from the glyph, then across to the label),
    as thin rectangles in ViewBox pixels; not those of the event `besides`."""
    leaders = []
    for label in view.label_layer.labels:
        if label.key == besides:
            continue
        mid_y = label.rect.center().y()
        edge = label.rect.left() if label.rect.left() >= label.anchor_x else label.rect.right()
        leaders.append(QtCore.QRectF(label.anchor_x - 2, label.glyph_bottom, 4, mid_y - label.glyph_bottom))
        leaders.append(QtCore.QRectF(min(label.anchor_x, edge), mid_y - 2, abs(edge - label.anchor_x), 4))
    return leaders


def _leader(card: QtCore.QRectF, anchor: QtCore.QPointF) -> QtCore.QLineF:
    """The line from the card's nearest point to the glyph it points at."""
    nearest = QtCore.QPointF(
        min(max(anchor.x(), card.left()), card.right()), min(max(anchor.y(), card.top()), card.bottom())
    )
    return QtCore.QLineF(nearest, anchor)


def _crossings(line: QtCore.QLineF, rects: list[QtCore.QRectF], anchor: QtCore.QPointF) -> int:
    """How many of the rects the line crosses, but for those holding its anchor (the glyph's row)."""
    return sum(1 for rect in rects if not rect.contains(anchor) and _segment_hits(line, rect))


def _segment_hits(line: QtCore.QLineF, rect: QtCore.QRectF) -> bool:
    """Whether the segment meets the rectangle (Liang-Barsky clipping)."""
    x, y, dx, dy = line.x1(), line.y1(), line.dx(), line.dy()
    low, high = 0.0, 1.0
    for p, q in ((-dx, x - rect.left()), (dx, rect.right() - x), (-dy, y - rect.top()), (dy, rect.bottom() - y)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True
