"""The detail panel: the selected event, its date and precision, and every citation in full."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

import shiboken6
from PySide6 import QtCore, QtGui, QtWidgets

from ..core.cite import bibtex, chicago, quotation
from ..core.documents import Lookup, document_folders, lookup_document
from ..core.membership import Span
from ..core.model import Citation, Event, Source, Timeline
from ..core.state import ViewState
from .span_details import follow_row, span_widgets

__all__ = ["DetailPanel", "filter_label", "link_label", "open_link"]

#: A name that filters by itself: (its text, the filter's name, the value), as in ViewState.filter_by.
FilterLink = tuple[str, str, str]
PLAIN_TEXT = "plainText"  # property of a label with links: the text it shows, without markup


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


def filter_label(
    pieces: Sequence[str | FilterLink], state: ViewState, *, object_name: str = "meta", tip: str = ""
) -> QtWidgets.QLabel:
    """Text in which some names are links; a click on one shows only the events it names
    (`state.filter_by`). Every piece is escaped: text from the file is never read as HTML."""
    targets: dict[str, tuple[str, str]] = {}
    markup, plain = [], []
    for piece in pieces:
        if isinstance(piece, str):
            markup.append(html.escape(piece))
            plain.append(piece)
            continue
        text, name, value = piece
        href = f"filter:{len(targets)}"
        targets[href] = (name, value)
        markup.append(f'<a href="{href}">{html.escape(text)}</a>')
        plain.append(text)
    label = QtWidgets.QLabel("".join(markup))
    label.setObjectName(object_name)
    label.setTextFormat(QtCore.Qt.TextFormat.RichText)
    label.setWordWrap(True)
    flags = QtCore.Qt.TextInteractionFlag
    label.setTextInteractionFlags(
        flags.LinksAccessibleByMouse | flags.LinksAccessibleByKeyboard | flags.TextSelectableByMouse
    )
    label.setOpenExternalLinks(False)
    label.setProperty(PLAIN_TEXT, "".join(plain))
    label.setAccessibleName("".join(plain))
    label.setAccessibleDescription(tip)
    label.setToolTip(tip)
    label.setSizePolicy(QtWidgets.QSizePolicy.Policy.Preferred, QtWidgets.QSizePolicy.Policy.Minimum)
    label.linkActivated.connect(lambda href: state.filter_by(*targets[href]) if href in targets else None)
    return label


def open_link(url: str) -> bool:
    """Open an http(s) URL in the browser; refuse every other scheme."""
    qurl = QtCore.QUrl(url)
    if qurl.scheme().lower() not in ("http", "https"):
        return False
    return QtGui.QDesktopServices.openUrl(qurl)


def _action_button(text: str, tip: str) -> QtWidgets.QToolButton:
    """A small link-like button under a citation."""
    button = QtWidgets.QToolButton()
    button.setObjectName("citationAction")
    button.setText(text)
    button.setAccessibleName(text)
    button.setToolTip(tip)
    button.setAutoRaise(True)
    button.setCursor(QtCore.Qt.CursorShape.PointingHandCursor)
    return button


def _copy(text: str) -> None:
    QtGui.QGuiApplication.clipboard().setText(text)


class _ActionRow(QtWidgets.QWidget):
    """Buttons side by side, right-aligned; one under the other where the panel is too narrow
    for that (so that they never make the panel scroll sideways)."""

    def __init__(self, buttons: list[QtWidgets.QToolButton]) -> None:
        super().__init__()
        self._buttons = buttons
        self._layout = QtWidgets.QBoxLayout(QtWidgets.QBoxLayout.Direction.LeftToRight, self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._layout.addStretch(1)
        for button in buttons:
            self._layout.addWidget(button, 0, QtCore.Qt.AlignmentFlag.AlignRight)
        self.setMinimumWidth(max(b.sizeHint().width() for b in buttons))

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        wanted = sum(b.sizeHint().width() for b in self._buttons) + self._layout.spacing() * len(self._buttons)
        direction = QtWidgets.QBoxLayout.Direction
        across = event.size().width() >= wanted
        if (self._layout.direction() == direction.LeftToRight) != across:
            self._layout.setDirection(direction.LeftToRight if across else direction.TopToBottom)


class DetailPanel(QtWidgets.QScrollArea):
    """Shows the selected event of a ViewState; with none, an invitation to click one."""

    STYLE = """
    QLabel#title { font-size: 15pt; font-weight: 600; }
    QLabel#meta { color: palette(placeholder-text); }
    QLabel#heading { font-weight: 600; margin-top: 8px; }
    QLabel#claim { font-weight: 600; margin-top: 6px; }
    QLabel#excerpt { font-style: italic; }
    QLabel#reference { color: palette(placeholder-text); }
    QLabel#empty { color: palette(placeholder-text); }
    QFrame#quote { border-left: 3px solid palette(mid); padding-left: 8px; }
    QToolButton#citationAction { color: palette(link); border: none; padding: 1px 3px; }
    QToolButton#citationAction[popupMode="1"] { padding-right: 16px; }
    QToolButton#citationAction::menu-button { border: none; width: 14px; }
    QToolButton#citationAction:disabled { color: palette(placeholder-text); }
    QToolButton#followCountry { color: palette(link); border: none; padding: 1px 3px; font-weight: 600; }
    QToolButton#followCountry[popupMode="2"] { padding-right: 14px; }
    QLabel#disagree {
        background: #fff3cd; color: #5c4400; border: 1px solid #e6c35c; border-radius: 4px; padding: 6px;
    }
    """

    #: "Show in document" was clicked under a citation (the Citation)
    showInDocument = QtCore.Signal(object)

    def __init__(self, state: ViewState, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.sources_folder: Path | None = None  # where the source documents are, if chosen
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
        state.span_selected.connect(self._follow)  # a member row's span, clicked
        state.followed_changed.connect(self._follow)  # "Follow" reads "Stop Following"
        self._follow()

    def _follow(self, *_args: object) -> None:
        event, timeline = self.state.selected_event(), self.state.timeline
        span = self.state.selected_membership_span() if self.state.selected_span else None
        if event is not None:
            assert timeline is not None  # an event is selected only in a timeline
            self.show_event(timeline, event)
        elif span is not None and timeline is not None:
            self.show_span(timeline, span)
        else:
            self.clear()

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
        kind_link = (event.kind, "kinds", event.kind)
        add(
            filter_label(
                [f"{', '.join(lane_names)}  ·  ", kind_link], self.state, tip="Click the kind to show only its events"
            )
        )
        if event.countries:
            countries: list[str | FilterLink] = ["Countries: "]
            for n, country in enumerate(event.countries):
                countries += [", "] if n else []
                countries.append((country, "countries", country))
            add(filter_label(countries, self.state, tip="Click a country to show only the events that name it"))
            add(follow_row(self.state, event.countries))
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
            add(self.citation_block(timeline, citation))
        self._layout.addStretch(1)
        self.verticalScrollBar().setValue(0)

    def show_span(self, timeline: Timeline, span: Span) -> None:
        """A member row's span: status, from and to, disagreement, each claim with its sources."""
        self._reset()
        for widget in span_widgets(self, timeline, span):
            self._layout.addWidget(widget)
        self._layout.addStretch(1)
        self.verticalScrollBar().setValue(0)

    def citation_block(self, timeline: Timeline, citation: Citation) -> QtWidgets.QFrame:
        """A citation: the excerpt as a quotation, its reference, and its actions."""
        quote = QtWidgets.QFrame()
        quote.setObjectName("quote")
        box = QtWidgets.QVBoxLayout(quote)
        box.setContentsMargins(8, 2, 0, 2)
        box.setSpacing(3)
        box.addWidget(_label(quotation(citation.excerpt), object_name="excerpt"))
        reference = timeline.reference(citation)
        source = timeline.source(citation.source)
        box.addWidget(self._reference_label(reference, source, citation))
        if source is not None and source.url:
            box.addWidget(link_label(source.url))
        box.addWidget(self._citation_actions(timeline, citation, reference))
        return quote

    def set_sources_folder(self, folder: str | Path | None) -> None:
        """Where the source documents are (before the events file's own folder)."""
        self.sources_folder = Path(folder) if folder else None
        self._follow()

    def _citation_actions(self, timeline: Timeline, citation: Citation, reference: str) -> QtWidgets.QWidget:
        """Under a citation: "Show in document" (disabled, saying why, without the document) and
        "Copy citation" (Chicago and BibTeX; its menu copies either, or the quotation)."""
        source = timeline.source(citation.source)
        folders = document_folders(self.sources_folder, self.state.document.shown)
        found = lookup_document(source, folders) if source else Lookup(None, f"No source '{citation.source}'.")
        show = _action_button("Show in document", "Show the excerpt highlighted in its source document")
        show.setEnabled(found.path is not None)
        if found.path is None:
            show.setToolTip(found.reason)
        show.clicked.connect(lambda _=False, c=citation: self.showInDocument.emit(c))
        note = chicago(timeline, citation)
        entry = bibtex(source, citation.locator) if source else ""
        copy = _action_button("Copy citation", "Copy the excerpt with a Chicago-style note, and a BibTeX entry")
        copy.clicked.connect(lambda _=False, t=f"{note}\n\n{entry}" if entry else note: _copy(t))
        menu = QtWidgets.QMenu(copy)
        menu.addAction("Copy as Chicago", lambda t=note: _copy(t))
        menu.addAction("Copy BibTeX", lambda t=entry: _copy(t)).setEnabled(bool(entry))
        quote = f"{quotation(citation.excerpt)} ({reference})"
        menu.addAction("Copy Quotation", lambda t=quote: _copy(t))
        copy.setMenu(menu)
        copy.setPopupMode(QtWidgets.QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        return _ActionRow([show, copy])

    def _reference_label(self, reference: str, source: Source | None, citation: Citation) -> QtWidgets.QLabel:
        """Where the excerpt comes from; the source's name (its author, or its title) is a link
        that shows only the events that cite it."""
        gives = f" \u2014 gives {citation.date.format()}" if citation.date else ""
        name = (source.author or f"\u201c{source.title}\u201d") if source else ""
        at = reference.find(name) if name else -1
        if source is None or at < 0:
            return _label(reference + gives, object_name="reference")
        return filter_label(
            [reference[:at], (name, "sources", source.id), reference[at + len(name) :] + gives],
            self.state,
            object_name="reference",
            tip=f"Click the source's name to show only the events that cite {source.short()}",
        )

    def text(self) -> str:
        """All text the panel shows, in order (for tests and accessibility checks)."""
        return "\n".join(_shown_text(label) for label in self._body.findChildren(QtWidgets.QLabel))


def _shown_text(label: QtWidgets.QLabel) -> str:
    """What a label shows: its text, without the markup of a label with links."""
    plain = label.property(PLAIN_TEXT)
    return plain if isinstance(plain, str) else label.text()
