"""The reader: a source document, scrolled to an excerpt that is highlighted, and a walk over the
other excerpts the timeline cites from the same document, in the document's order.

The text comes from `core.documents` (found, read, located, turned into paragraphs and runs);
this widget only lays it out in a QTextDocument and marks the excerpt with extra selections,
so that stepping to another excerpt of the same document moves the marks without laying the
document out again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from ..core.documents import DocumentCache, DocumentError, Rendering, SourceText, document_folders, lookup_document
from ..core.model import Citation, Timeline
from ..core.state import ViewState

__all__ = ["HIGHLIGHT", "MARK", "ReaderPanel", "highlight_colours"]

#: The property of an extra selection that says what it marks: "excerpt" (a part quoted) or
#: "elided" (text the excerpt leaves out between two parts).
MARK = int(QtGui.QTextFormat.Property.UserProperty.value) + 1
HIGHLIGHT = "excerpt"
ELIDED = "elided"

_HEADING_SCALE = {"h1": 1.6, "h2": 1.4, "h3": 1.25, "h4": 1.12, "h5": 1.05, "h6": 1.0}
_NOTE_SCALE = 0.85
_TOP_THIRD = 3  # the excerpt's first line is scrolled to a third of the way down


def highlight_colours(palette: QtGui.QPalette) -> tuple[QtGui.QColor, QtGui.QColor]:
    """Background and text of the highlight: dark text on pale amber where the page is light,
    white on deep amber where it is dark (both well over 4.5:1)."""
    dark = palette.color(QtGui.QPalette.ColorRole.Base).lightness() < 128
    if dark:
        return QtGui.QColor("#7a5a00"), QtGui.QColor("#ffffff")
    return QtGui.QColor("#ffe27a"), QtGui.QColor("#000000")


@dataclass
class _Stop:
    """One place of the document the timeline cites: the raw spans of the excerpt's parts, and
    every citation of it (several events may quote the same words)."""

    spans: tuple[tuple[int, int], ...]
    cited: list[tuple[str, Citation]]  # (what cites it, the citation)


def _owners(timeline: Timeline, source_id: str) -> list[tuple[str, Citation]]:
    """Every citation of a source, with what it backs: an event's title, or a lane's name."""
    found = [(event.title, c) for event in timeline.events for c in event.citations if c.source == source_id]
    for lane in timeline.lanes:
        for era in lane.eras:
            found += [(f"{lane.name}: named {era.name}", c) for c in era.citations if c.source == source_id]
    return found


class ReaderPanel(QtWidgets.QWidget):
    """The "Source Document" dock's widget: `show_citation` opens a citation's document at its
    excerpt; Previous / Next step over the document's other cited excerpts."""

    STYLE = """
    QLabel#readerHeader { font-weight: 600; }
    QLabel#readerTitle, QLabel#readerCited, QLabel#readerPosition { color: palette(placeholder-text); }
    """

    def __init__(self, state: ViewState, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.cache = DocumentCache()
        self.sources_folder: Path | None = None
        self.citation: Citation | None = None  # the citation asked for
        self._text: SourceText | None = None  # the document laid out in the browser
        self._stops: list[_Stop] = []
        self._index = -1
        self._pending_scroll = False  # the excerpt is scrolled to again while the layout settles
        self._settle = QtCore.QTimer(self, singleShot=True, interval=400)
        self._settle.timeout.connect(self._settled)
        self.setStyleSheet(self.STYLE)

        self.header = self._label("readerHeader", "Source and place")
        self.title = self._label("readerTitle", "Source title")
        self.cited = self._label("readerCited", "Cited for")
        self.position = QtWidgets.QLabel()
        self.position.setObjectName("readerPosition")
        self.position.setAccessibleName("Excerpt number")
        # F8 / Shift+F8 while the panel is shown; [ and ] too while it has the keyboard
        self.previous_action = QtGui.QAction("\u2039 Previous", self)
        self.previous_action.setShortcut(QtGui.QKeySequence("Shift+F8"))
        self.previous_action.setToolTip("The excerpt cited before this one in the document (Shift+F8, [)")
        self.previous_action.triggered.connect(self.previous)
        self.next_action = QtGui.QAction("Next \u203a", self)
        self.next_action.setShortcut(QtGui.QKeySequence("F8"))
        self.next_action.setToolTip("The next excerpt cited from the document (F8, ])")
        self.next_action.triggered.connect(self.next)
        for action, key in ((self.previous_action, "["), (self.next_action, "]")):
            self.addAction(action)
            shortcut = QtGui.QShortcut(QtGui.QKeySequence(key), self)
            shortcut.setContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(action.trigger)
        self.previous_button = self._button(self.previous_action, "Previous excerpt")
        self.next_button = self._button(self.next_action, "Next excerpt")

        self.browser = QtWidgets.QTextBrowser()
        self.browser.setObjectName("readerText")
        self.browser.setAccessibleName("Source document")
        self.browser.setOpenLinks(False)
        self.browser.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.browser.document().setUndoRedoEnabled(False)
        self.browser.document().setDocumentMargin(12)

        top = QtWidgets.QVBoxLayout()
        top.setContentsMargins(12, 8, 12, 6)
        top.setSpacing(2)
        for label in (self.header, self.title, self.cited):
            top.addWidget(label)
        navigation = QtWidgets.QHBoxLayout()
        navigation.setContentsMargins(0, 4, 0, 0)
        navigation.addWidget(self.previous_button)
        navigation.addWidget(self.position)
        navigation.addWidget(self.next_button)
        navigation.addStretch(1)
        top.addLayout(navigation)
        column = QtWidgets.QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addLayout(top)
        line = QtWidgets.QFrame()
        line.setFrameShape(QtWidgets.QFrame.Shape.HLine)
        line.setFrameShadow(QtWidgets.QFrame.Shadow.Sunken)
        column.addWidget(line)
        column.addWidget(self.browser, 1)
        self.setMinimumWidth(260)
        state.timeline_changed.connect(self._timeline_changed)
        self.clear()

    def _label(self, name: str, accessible: str) -> QtWidgets.QLabel:
        label = QtWidgets.QLabel()
        label.setObjectName(name)
        label.setAccessibleName(accessible)
        label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored, QtWidgets.QSizePolicy.Policy.Minimum)
        return label

    def _button(self, action: QtGui.QAction, accessible: str) -> QtWidgets.QToolButton:
        button = QtWidgets.QToolButton()
        button.setDefaultAction(action)
        button.setAutoRaise(True)
        button.setAccessibleName(accessible)
        return button

    # --- what is shown -------------------------------------------------------------------
    def set_sources_folder(self, folder: str | Path | None) -> None:
        """Where the documents are (before the events file's own folder); the citation shown is
        opened again from there."""
        self.sources_folder = Path(folder) if folder else None
        if self.citation is not None:
            self.show_citation(self.citation)

    def folders(self) -> list[Path]:
        return document_folders(self.sources_folder, self.state.document.shown)

    def clear(self, message: str = "Choose \u201cShow in document\u201d under a citation in Details.") -> None:
        self.citation, self._stops, self._index = None, [], -1
        self._show_message("", message)

    def _show_message(self, header: str, message: str) -> None:
        """No document to show: say why, in the panel (never a dialog)."""
        self._text = None
        self.header.setText(header or "Source document")
        self.title.hide()
        self.cited.hide()
        self.browser.setExtraSelections([])
        self.browser.setPlainText(message)
        self._update_navigation()

    def show_citation(self, citation: Citation) -> bool:
        """Open the citation's document at its excerpt, highlighted; False (and the reason in
        the panel) when the document cannot be shown or the excerpt is not in it."""
        timeline = self.state.timeline
        source = timeline.source(citation.source) if timeline else None
        self.citation = citation
        if timeline is None or source is None:
            self._stops, self._index = [], -1
            self._show_message(citation.source, f"No source \u201c{citation.source}\u201d in the events file.")
            return False
        reference = timeline.reference(citation, short=True)
        lookup = lookup_document(source, self.folders())
        if lookup.path is None:
            self._stops, self._index = [], -1
            self._show_message(reference, lookup.reason)
            return False
        try:
            text = self.cache.read(lookup.path)
        except DocumentError as exc:
            self._stops, self._index = [], -1
            self._show_message(reference, str(exc))
            return False
        if text is not self._text:
            self._lay_out(text.rendering)
            self._text = text
        self._stops = self._find_stops(timeline, citation.source, text)
        self._index = next((i for i, stop in enumerate(self._stops) if any(c == citation for _, c in stop.cited)), -1)
        self.title.setText(f"{source.title}  \u00b7  {lookup.path.name}")
        self.title.setToolTip(str(lookup.path))
        self.title.show()
        if self._index < 0:
            self.header.setText(reference)
            self.cited.setText(
                "This excerpt is not in the document as it is now; the document is shown from its start."
            )
            self.cited.show()
            self.browser.setExtraSelections([])
            self.browser.verticalScrollBar().setValue(0)
            self._update_navigation()
            return False
        self._show_stop()
        return True

    @staticmethod
    def _find_stops(timeline: Timeline, source_id: str, text: SourceText) -> list[_Stop]:
        """The excerpts of the source found in the document, in the document's order; the same
        words cited twice are one stop."""
        stops: dict[tuple[tuple[int, int], ...], _Stop] = {}
        for owner, citation in _owners(timeline, source_id):
            spans = text.locate(citation.excerpt)
            if not spans:
                continue
            key = tuple(spans)
            stops.setdefault(key, _Stop(key, [])).cited.append((owner, citation))
        return [stops[key] for key in sorted(stops)]

    # --- stepping --------------------------------------------------------------------------
    def next(self) -> None:
        if 0 <= self._index < len(self._stops) - 1:
            self._index += 1
            self._show_stop()

    def previous(self) -> None:
        if self._index > 0:
            self._index -= 1
            self._show_stop()

    def _update_navigation(self) -> None:
        count, index = len(self._stops), self._index
        self.position.setText(f"{index + 1} of {count}" if index >= 0 else (f"\u2013 of {count}" if count else ""))
        self.previous_action.setEnabled(index > 0)
        self.next_action.setEnabled(0 <= index < count - 1)

    def _show_stop(self) -> None:
        timeline = self.state.timeline
        assert timeline is not None and self._text is not None  # a stop is shown only in a document
        stop = self._stops[self._index]
        asked = self.citation
        # the citation asked for keeps its own locator; a step shows the stop's first citation
        citation = asked if asked is not None and any(c == asked for _, c in stop.cited) else stop.cited[0][1]
        self.citation = citation
        self.header.setText(timeline.reference(citation, short=True))
        owners = list(dict.fromkeys(name for name, _ in stop.cited))
        self.cited.setText("Cited for: " + "; ".join(owners))
        self.cited.show()
        self.browser.setExtraSelections(self._selections(stop))
        self._update_navigation()
        self._pending_scroll = True
        self._scroll_to_stop()
        QtCore.QTimer.singleShot(0, self._scroll_to_stop)  # again once the dock has its size

    # --- the text --------------------------------------------------------------------------
    def _lay_out(self, rendering: Rendering) -> None:
        """Write the paragraphs and runs into the browser's document, one block per paragraph."""
        document = self.browser.document()
        document.clear()
        self.browser.setExtraSelections([])
        base = self.browser.font().pointSizeF()
        cursor = QtGui.QTextCursor(document)
        cursor.beginEditBlock()
        formats: dict[tuple[str, frozenset[str]], QtGui.QTextCharFormat] = {}
        for number, block in enumerate(rendering.blocks):
            block_format = QtGui.QTextBlockFormat()
            block_format.setBottomMargin(base * 0.6)
            if block.kind == "quote":
                block_format.setLeftMargin(base * 2)
            elif block.kind.startswith("h"):
                block_format.setTopMargin(base * 0.8)
            elif block.kind == "rule":
                block_format.setProperty(QtGui.QTextFormat.Property.BlockTrailingHorizontalRulerWidth, 1)
            if number == 0:
                cursor.setBlockFormat(block_format)
            else:
                cursor.insertBlock(block_format)
            for run in block.runs:
                key = (block.kind, run.style)
                if key not in formats:
                    formats[key] = self._char_format(block.kind, run.style, base)
                cursor.insertText(run.text, formats[key])
        cursor.endEditBlock()

    def _char_format(self, kind: str, style: frozenset[str], base: float) -> QtGui.QTextCharFormat:
        char = QtGui.QTextCharFormat()
        size = base * _HEADING_SCALE.get(kind, _NOTE_SCALE if kind == "note" else 1.0)
        char.setFontPointSize(size)
        if "b" in style or kind.startswith("h"):
            char.setFontWeight(QtGui.QFont.Weight.Bold)
        if "i" in style:
            char.setFontItalic(True)
        if "sup" in style:
            char.setVerticalAlignment(QtGui.QTextCharFormat.VerticalAlignment.AlignSuperScript)
        if "link" in style:
            char.setForeground(self.palette().brush(QtGui.QPalette.ColorRole.Link))
        return char

    def _selections(self, stop: _Stop) -> list[QtWidgets.QTextEdit.ExtraSelection]:
        """The excerpt's parts on a highlight; what it leaves out between them dotted underneath."""
        assert self._text is not None
        rendering = self._text.rendering
        background, foreground = highlight_colours(self.palette())
        marks = []
        for number, (start, end) in enumerate(stop.spans):
            if number:
                gap = rendering.display_range(stop.spans[number - 1][1], start)
                marks.append((gap, ELIDED))
            marks.append((rendering.display_range(start, end), HIGHLIGHT))
        selections = []
        for (first, last), kind in marks:
            if last <= first:
                continue
            selection = QtWidgets.QTextEdit.ExtraSelection()
            cursor = QtGui.QTextCursor(self.browser.document())
            cursor.setPosition(first)
            cursor.setPosition(last, QtGui.QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            char = QtGui.QTextCharFormat()
            char.setProperty(MARK, kind)
            if kind == HIGHLIGHT:
                char.setBackground(background)
                char.setForeground(foreground)
            else:
                char.setUnderlineStyle(QtGui.QTextCharFormat.UnderlineStyle.DotLine)
                char.setUnderlineColor(self.palette().color(QtGui.QPalette.ColorRole.PlaceholderText))
            selection.format = char
            selections.append(selection)
        return selections

    def highlighted(self) -> list[tuple[int, int]]:
        """The (start, end) document positions highlighted as the excerpt (for tests)."""
        return [
            (s.cursor.selectionStart(), s.cursor.selectionEnd())
            for s in self.browser.extraSelections()
            if s.format.property(MARK) == HIGHLIGHT
        ]

    def _scroll_to_stop(self) -> None:
        """The excerpt's first line a third of the way down the page; the text cursor there."""
        if not self._pending_scroll or not (0 <= self._index < len(self._stops)) or self._text is None:
            return
        if not self.browser.isVisible():
            return  # when shown (showEvent)
        first, _ = self._text.rendering.display_range(*self._stops[self._index].spans[0])
        document = self.browser.document()
        layout = document.documentLayout()
        layout.blockBoundingRect(document.lastBlock())  # lays out the whole text: the scroll range is known
        block = document.findBlock(first)
        line = block.layout().lineForTextPosition(first - block.position())
        y = layout.blockBoundingRect(block).top() + (line.y() if line.isValid() else 0)
        cursor = QtGui.QTextCursor(document)
        cursor.setPosition(first)
        self.browser.setTextCursor(cursor)
        self.browser.verticalScrollBar().setValue(int(y - self.browser.viewport().height() / _TOP_THIRD))
        self.browser.horizontalScrollBar().setValue(0)
        self._settle.start()

    def _settled(self) -> None:
        self._pending_scroll = False  # from now on the reader scrolls where the user does

    def showEvent(self, event: QtGui.QShowEvent) -> None:
        super().showEvent(event)
        if self._pending_scroll:
            QtCore.QTimer.singleShot(0, self._scroll_to_stop)

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._pending_scroll:
            QtCore.QTimer.singleShot(0, self._scroll_to_stop)

    # --- following the file ------------------------------------------------------------------
    def _timeline_changed(self, timeline: Timeline | None) -> None:
        """A reload: the same excerpt again if the file still cites it (the document may have
        changed too: it is read again when it has), else nothing."""
        if self.citation is None:
            return
        old = self.citation
        same = [
            c
            for _, c in (_owners(timeline, old.source) if timeline else [])
            if (c.excerpt, c.locator) == (old.excerpt, old.locator)
        ]
        if same:
            self.show_citation(same[0])
        else:
            self.clear("The citation shown is no longer in the events file.")
