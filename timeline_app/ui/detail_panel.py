"""The detail panel: the selected event, its date and precision, and every citation in full."""

from __future__ import annotations

import html

import shiboken6
from PySide6 import QtCore, QtGui, QtWidgets

from ..core.model import Event, Timeline
from ..core.state import ViewState

__all__ = ["DetailPanel", "link_label", "open_link"]


def _label(text: str = "", *, object_name: str = "", selectable: bool = True) -> QtWidgets.QLabel:
    """A word-wrapped label that shows text as plain text, never as HTML."""
    label = QtWidgets.QLabel()
    label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setText(text)
    if object_name:
        label.setObjectName(object_name)
    if selectable:
        label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QtWidgets.QSizePolicy.Policy.Preferred, QtWidgets.QSizePolicy.Policy.Minimum)
    return label


def link_label(url: str) -> QtWidgets.QLabel:
    """A link that opens only on a click, and only for http(s); anything else is plain text."""
    if QtCore.QUrl(url).scheme().lower() not in ("http", "https"):
        return _label(url, object_name="reference")
    label = QtWidgets.QLabel(f'<a href="{html.escape(url, quote=True)}">{html.escape(url)}</a>')
    label.setObjectName("link")
    label.setTextFormat(QtCore.Qt.TextFormat.RichText)
    label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.LinksAccessibleByMouse)
    label.setOpenExternalLinks(False)
    label.linkActivated.connect(open_link)
    return label


def open_link(url: str) -> bool:
    """Open an http(s) URL in the browser; refuse every other scheme."""
    qurl = QtCore.QUrl(url)
    if qurl.scheme().lower() not in ("http", "https"):
        return False
    return QtGui.QDesktopServices.openUrl(qurl)


class DetailPanel(QtWidgets.QScrollArea):
    """Shows the selected event of a ViewState; with none, an invitation to click one."""

    STYLE = """
    QLabel#title { font-size: 15pt; font-weight: 600; }
    QLabel#meta { color: palette(placeholder-text); }
    QLabel#heading { font-weight: 600; margin-top: 8px; }
    QLabel#excerpt { font-style: italic; }
    QLabel#reference { color: palette(placeholder-text); }
    QLabel#empty { color: palette(placeholder-text); }
    QFrame#quote { border-left: 3px solid palette(mid); padding-left: 8px; }
    QLabel#disagree {
        background: #fff3cd; color: #5c4400; border: 1px solid #e6c35c; border-radius: 4px; padding: 6px;
    }
    """

    def __init__(self, state: ViewState, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setWidgetResizable(True)
        self.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.setMinimumWidth(220)
        self._body = QtWidgets.QWidget()
        self._body.setStyleSheet(self.STYLE)
        self._layout = QtWidgets.QVBoxLayout(self._body)
        self._layout.setContentsMargins(12, 10, 12, 10)
        self._layout.setSpacing(6)
        self.setWidget(self._body)
        state.selection_changed.connect(self._follow)
        state.timeline_changed.connect(self._follow)  # a reload may change the event's text
        self._follow()

    def _follow(self, *_args: object) -> None:
        event = self.state.selected_event()
        if event is None:
            self.clear()
        else:
            timeline = self.state.timeline
            assert timeline is not None  # an event is selected only in a timeline
            self.show_event(timeline, event)

    def _reset(self) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            assert item is not None  # the layout has count() items
            widget = item.widget()
            if widget is not None:
                widget.hide()
                shiboken6.delete(widget)

    def clear(self) -> None:
        self._reset()
        self._layout.addWidget(
            _label(
                "Click an event on the timeline to read what its sources say.", object_name="empty", selectable=False
            )
        )
        self._layout.addStretch(1)

    def show_event(self, timeline: Timeline, event: Event) -> None:
        self._reset()
        add = self._layout.addWidget
        add(_label(event.title, object_name="title"))
        precision = event.date.precision_name()
        date_line = f"{event.date_text()}  ·  known to the {precision}"
        add(_label(date_line, object_name="meta"))
        lane_names = [lane.name if (lane := timeline.lane(lane_id)) else lane_id for lane_id in event.lanes]
        add(_label(f"{', '.join(lane_names)}  ·  {event.kind}", object_name="meta"))
        if event.countries:
            add(_label("Countries: " + ", ".join(event.countries), object_name="meta"))
        if len(event.claimed_dates()) > 1:
            claims = []
            for citation in event.citations:
                if citation.date is None:
                    continue
                source = timeline.source(citation.source)
                claim = f"{citation.date.format()} ({source.short() if source else citation.source})"
                if claim not in claims:
                    claims.append(claim)
            spans = {(d.first_day, d.last_day) for d in event.claimed_dates()}
            if event.sources_disagree():
                add(_label("Sources disagree: " + "; ".join(claims), object_name="disagree"))
            elif len(spans) > 1:
                add(_label("Sources differ in precision: " + "; ".join(claims), object_name="meta"))
            else:
                add(_label("Sources give: " + "; ".join(claims), object_name="meta"))
        if event.summary:
            add(_label(event.summary))
        heading = "Source" if len(event.citations) == 1 else f"Sources ({len(event.citations)})"
        add(_label(heading, object_name="heading", selectable=False))
        for citation in event.citations:
            quote = QtWidgets.QFrame()
            quote.setObjectName("quote")
            box = QtWidgets.QVBoxLayout(quote)
            box.setContentsMargins(8, 2, 0, 2)
            box.setSpacing(3)
            box.addWidget(_label(f"\u201c{citation.excerpt}\u201d", object_name="excerpt"))
            reference = timeline.reference(citation)
            box.addWidget(
                _label(
                    reference + (f" \u2014 gives {citation.date.format()}" if citation.date else ""),
                    object_name="reference",
                )
            )
            source = timeline.source(citation.source)
            if source is not None and source.url:
                box.addWidget(link_label(source.url))
            copy = QtWidgets.QToolButton()
            copy.setText("Copy quotation")
            copy.setAutoRaise(True)
            copy.setToolTip("Copy the excerpt with its full citation")
            text = f"\u201c{citation.excerpt}\u201d ({reference})"
            copy.clicked.connect(lambda _=False, t=text: QtGui.QGuiApplication.clipboard().setText(t))
            box.addWidget(copy, 0, QtCore.Qt.AlignmentFlag.AlignRight)
            add(quote)
        self._layout.addStretch(1)
        self.verticalScrollBar().setValue(0)

    def text(self) -> str:
        """All text the panel shows, in order (for tests and accessibility checks)."""
        return "\n".join(label.text() for label in self._body.findChildren(QtWidgets.QLabel))
