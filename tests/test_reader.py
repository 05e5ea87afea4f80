"""The source in its context: finding, reading and locating documents (no Qt), and the reader
dock driven as a user drives it (Details' "Show in document", Next / Previous, Preferences,
Copy citation), on the fictional documents of tests/data/documents."""

import os
import re
from pathlib import Path

import pytest

from conftest import DATA, SOURCES, needs_sources
from timeline_app.core.documents import (
    DocumentCache,
    Lookup,
    SourceText,
    document_folders,
    find_document,
    lookup_document,
    render,
)
from timeline_app.core.model import Source
from timeline_app.core.verify import ELLIPSIS, excerpt_in, normalise, normalise_map

CITED = DATA / "cited.yaml"
DOCUMENTS = DATA / "documents"
REPORT = (DOCUMENTS / "report.txt").read_text(encoding="utf-8")
THESIS = (DOCUMENTS / "thesis.txt").read_text(encoding="utf-8")


def locate_excerpt(text, excerpt):
    """Where the excerpt's parts stand in a document's text, as the reader locates them."""
    return SourceText(Path("document.txt"), text).locate(excerpt)


def parts_of(excerpt):
    return [normalise(p) for p in excerpt.split(ELLIPSIS) if normalise(p)]


def shown_words(rendering, start, end):
    """What a reader sees of raw [start, end): the shown characters, footnote markers left out."""
    first, last = rendering.display_range(start, end)
    text, position = [], 0
    for block in rendering.blocks:
        for run in block.runs:
            low, high = max(position, first), min(position + len(run.text), last)
            if low < high and "sup" not in run.style:
                text.append(run.text[low - position : high - position])
            position += len(run.text)
        if first <= position < last:
            text.append(" ")
        position += 1
    return normalise("".join(text).replace("\u2028", " "))


# --- no Qt: locating -------------------------------------------------------------------
def test_an_excerpt_is_found_across_a_line_break_and_a_footnote_marker():
    wrapped = "The Northern Pact was signed in Tallinn on 3 March 1994 by four coastal states, after two years"
    [(start, end)] = locate_excerpt(REPORT, wrapped)
    assert (
        REPORT[start:end]
        == "The Northern Pact was signed in Tallinn on 3 March 1994 by four coastal\nstates, after two years"
    )
    [(start, end)] = locate_excerpt(REPORT, "first met in June 1995 and agreed")
    assert REPORT[start:end] == "first met in June 1995<sup>3</sup> and agreed"


def test_each_part_of_an_elided_excerpt_has_its_span_and_a_missing_part_none():
    spans = locate_excerpt(REPORT, "In 1999 two members left the pact; … renewed it for ten years.")
    assert [REPORT[a:b] for a, b in spans] == ["In 1999 two members left the pact;", "renewed it for ten years."]
    assert locate_excerpt(REPORT, "In 1999 two members left … the pact renewed it") is None
    assert locate_excerpt(REPORT, "renewed it for ten years. … In 1999") is None  # parts in order


def test_normalise_map_is_normalise_with_offsets():
    for text in (REPORT, THESIS, "  a\n\n<sup>1</sup> b<sup>2</sup>c \t", "", " <sup>9</sup> "):
        normal, offsets = normalise_map(text)
        assert normal == normalise(text)
        assert len(offsets) == len(normal)
        assert all(text[o] == ch or (ch == " " and text[o].isspace()) for o, ch in zip(offsets, normal, strict=True))


@needs_sources
def test_normalise_map_agrees_with_normalise_on_the_five_documents():
    for path in sorted(SOURCES.glob("0*.txt")):
        text = path.read_text(encoding="utf-8")
        assert normalise_map(text)[0] == normalise(text), path.name


@needs_sources
def test_every_bundled_excerpt_is_located_and_shown_as_itself(bundled):
    """Every citation of events.yaml: its parts found, the raw text under them normalised is
    the excerpt, and what the reader shows under the highlight is its words (no markdown)."""
    cache = DocumentCache()
    folders = document_folders(SOURCES, None)
    cited = [c for e in bundled.events for c in e.citations]
    cited += [c for lane in bundled.lanes for era in lane.eras for c in era.citations]
    assert len(cited) > 200
    for citation in cited:
        document = cache.read(find_document(bundled.source(citation.source), folders))
        spans = document.locate(citation.excerpt)
        parts = parts_of(citation.excerpt)
        assert spans is not None, citation
        assert [normalise(document.text[a:b]) for a, b in spans] == parts, citation
        shown = [shown_words(document.rendering, a, b) for a, b in spans]
        assert shown == [re.sub(r"\*+", "", part) for part in parts], citation
        assert excerpt_in(citation.excerpt, normalise(document.text))


@needs_sources
def test_the_thesis_reads_without_markdown_and_footnote_tags():
    rendering = render((SOURCES / "002_89fec84e1e6f3c0d.txt").read_text(encoding="utf-8"))
    assert "*" not in rendering.plain and "<sup>" not in rendering.plain and "\\" not in rendering.plain
    assert not any(line.startswith("#") for line in rendering.plain.split("\n"))
    kinds = {block.kind for block in rendering.blocks}
    assert {"h2", "h3", "note", "rule", "p"} <= kinds
    assert any("sup" in run.style for block in rendering.blocks for run in block.runs)


# --- no Qt: the display form ----------------------------------------------------------------
def test_markdown_headings_emphasis_and_markers_become_formatting():
    rendering = render(THESIS)
    heading = rendering.blocks[0]
    assert (heading.kind, heading.text) == ("h1", "THE SOUTHERN LEAGUE")
    assert [(b.kind, b.text) for b in rendering.blocks[2:3]] == [("h2", "1.1 Origins")]
    body = rendering.blocks[3]
    styled = {run.text: run.style for run in body.runs}
    assert body.text == "The Southern League was founded in 1997 by three inland states.1 Its charter was short."
    assert styled["Southern League"] == {"i"} and styled["1997"] == {"b"} and styled["1"] == {"sup"}
    assert [b.kind for b in rendering.blocks].count("rule") == 2
    assert rendering.blocks[5].kind == "note" and rendering.blocks[5].text.startswith("1 A fictional footnote")


def test_a_plain_file_joins_wrapped_lines_and_starts_numbered_paragraphs():
    rendering = render(REPORT)
    texts = [b.text for b in rendering.blocks]
    assert texts[0] == "The Northern Pact: A Fictional Report\u2028Rapporteur: Ms Roe"  # short lines keep their breaks
    assert texts[1].startswith(
        "1. The Northern Pact was signed in Tallinn on 3 March 1994 by four coastal states, after"
    )
    assert texts[2].startswith("2. Its council first met in June 19953 and agreed")
    assert [b.kind for b in rendering.blocks] == ["p"] * 5


def test_display_range_points_at_the_shown_words():
    rendering = render(THESIS)
    [(start, end)] = locate_excerpt(THESIS, "The *Southern League* was founded in **1997** by three inland states.")
    first, last = rendering.display_range(start, end)
    assert rendering.plain[first:last] == "The Southern League was founded in 1997 by three inland states."
    [(start, end)] = locate_excerpt(REPORT, "June 1995 and agreed")
    first, last = render(REPORT).display_range(start, end)
    assert render(REPORT).plain[first:last] == "June 19953 and agreed"  # the marker, shown as ³, is inside


# --- no Qt: finding and reading --------------------------------------------------------------
def test_a_document_is_found_in_the_chosen_folder_then_beside_the_events_file(tmp_path):
    source = Source(id="r", title="R", file="report.txt")
    assert document_folders(DOCUMENTS, CITED) == [DOCUMENTS, DATA]
    assert document_folders(None, CITED) == [DATA]
    assert find_document(source, [tmp_path, DOCUMENTS]) == DOCUMENTS / "report.txt"
    (tmp_path / "report.txt").write_text("a copy", encoding="utf-8")
    assert find_document(source, document_folders(tmp_path, CITED)) == tmp_path / "report.txt"


def test_why_a_document_is_not_found(tmp_path):
    source = Source(id="r", title="R", author="Ann Example", file="report.txt")
    assert lookup_document(source, [tmp_path]) == Lookup(
        None, f"report.txt is not in {tmp_path}; choose the folder of the source documents in Edit > Preferences."
    )
    assert lookup_document(source, [tmp_path, DATA]).reason.startswith(f"report.txt is not in {tmp_path} or {DATA};")
    assert lookup_document(Source(id="m", title="M", author="Ann Example"), [DOCUMENTS]).reason == (
        "The events file names no document file for Example."
    )
    assert "not a file name" in lookup_document(Source(id="x", title="X", file="../cited.yaml"), [DOCUMENTS]).reason
    assert "not a file name" in lookup_document(Source(id="x", title="X", file="/etc/passwd"), [DOCUMENTS]).reason
    assert "No folder of source documents" in lookup_document(source, []).reason


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions that bind")
def test_an_unreadable_document_is_not_offered(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("text", encoding="utf-8")
    path.chmod(0)
    try:
        found = lookup_document(Source(id="r", title="R", file="report.txt"), [tmp_path])
    finally:
        path.chmod(0o644)
    assert found.path is None and "cannot be read" in found.reason


def test_a_document_is_read_once_until_it_changes(tmp_path):
    from timeline_app.core.documents import DocumentError

    path = tmp_path / "doc.txt"
    path.write_text("First text.", encoding="utf-8")
    cache = DocumentCache()
    first = cache.read(path)
    assert cache.read(path) is first
    path.write_text("Second, longer text.", encoding="utf-8")
    assert cache.read(path).text == "Second, longer text."
    path.write_bytes(b"\xff\xfe not utf-8")
    with pytest.raises(DocumentError, match="doc.txt is not UTF-8 text"):
        cache.read(path)
    with pytest.raises(DocumentError, match="gone.txt cannot be read"):
        cache.read(tmp_path / "gone.txt")


# --- the reader dock, driven as a user -----------------------------------------------------
@pytest.fixture
def window(open_window):
    window = open_window(CITED)
    window.set_sources_folder(DOCUMENTS)
    return window


def link(window, citation_index=0, text="Show in document"):
    from PySide6 import QtWidgets

    buttons = [b for b in window.details.findChildren(QtWidgets.QToolButton, "citationAction") if b.text() == text]
    return buttons[citation_index]


def click(qtbot, widget):
    from PySide6 import QtCore

    qtbot.mouseClick(widget, QtCore.Qt.MouseButton.LeftButton)


def open_at(qtbot, window, event_id, citation_index=0):
    window.state.select(event_id)
    click(qtbot, link(window, citation_index))
    qtbot.waitUntil(window.reader_dock.isVisible)
    return window.reader


def highlighted_words(reader):
    """The text under each highlight, superscript footnote markers left out (read back from the
    document's own characters and formats)."""
    from PySide6 import QtGui

    document = reader.browser.document()
    texts = []
    for start, end in reader.highlighted():
        chars = []
        for position in range(start, end):
            char = document.characterAt(position)
            cursor = QtGui.QTextCursor(document)
            cursor.setPosition(position + 1)
            superscript = (
                cursor.charFormat().verticalAlignment() == QtGui.QTextCharFormat.VerticalAlignment.AlignSuperScript
            )
            if not superscript:
                chars.append(" " if char in "\u2028\u2029" else char)
        texts.append(normalise("".join(chars)))
    return texts


def test_show_in_document_opens_the_dock_with_the_excerpt_highlighted(qtbot, window):
    assert not window.reader_dock.isVisible()
    reader = open_at(qtbot, window, "council-met")
    assert "Its council first met in June 1995" in reader.browser.toPlainText()
    assert highlighted_words(reader) == [
        "Its council first met in June 1995 and agreed on a common patrol of the straits"
    ]
    [(start, end)] = reader.highlighted()
    assert "June 19953 and agreed" in reader.browser.toPlainText()[start:end]  # the marker ³ is highlighted too
    assert reader.header.text() == "Roe, para. 2"
    assert reader.cited.text() == "Cited for: The Pact's council first meets"
    assert reader.position.text() == "3 of 4"

    def excerpt_in_upper_part():
        from PySide6 import QtGui

        cursor = QtGui.QTextCursor(reader.browser.document())
        cursor.setPosition(start)
        y = reader.browser.cursorRect(cursor).top()
        return 0 <= y <= reader.browser.viewport().height() / 2

    qtbot.waitUntil(excerpt_in_upper_part)


def test_the_dock_is_listed_in_the_view_menu_and_hidden_until_used(qtbot, window):
    from PySide6 import QtWidgets

    [view_menu] = [m for m in window.menuBar().findChildren(QtWidgets.QMenu) if m.title() == "&View"]
    toggle = window.reader_dock.toggleViewAction()
    assert toggle in view_menu.actions() and toggle.text() == "Source Document &Panel"
    assert not toggle.isChecked()
    open_at(qtbot, window, "council-met")
    assert toggle.isChecked()
    assert window.reader.browser.accessibleName() == "Source document"
    assert window.reader.next_button.accessibleName() == "Next excerpt"


def shown_width(widget):
    """How many pixels of a widget's width are inside its window (a dock behind a tab is not)."""
    from PySide6 import QtCore

    window = widget.window()
    place = QtCore.QRect(widget.mapTo(window, QtCore.QPoint(0, 0)), widget.size())
    return place.intersected(window.rect()).width() if widget.isVisible() else 0


def title_column_shown(window):
    """How many pixels of the event list's Title column its viewport shows."""
    from timeline_app.ui.event_list import TITLE

    table = window.event_list.table
    left = table.columnViewportPosition(TITLE)
    if table.isColumnHidden(TITLE) or left < 0:
        return 0
    return min(left + table.columnWidth(TITLE), table.viewport().width()) - left


def test_on_a_small_window_the_document_opens_as_a_tab_over_details(qtbot, open_window):
    from PySide6 import QtWidgets

    window = open_window(CITED, size=(1280, 720))
    window.set_sources_folder(DOCUMENTS)
    window.state.set_search("council")  # the filter bar is shown too
    reader = open_at(qtbot, window, "council-met")
    QtWidgets.QApplication.processEvents()
    assert window.tabifiedDockWidgets(window.reader_dock) == [window.details_dock]
    assert shown_width(reader.browser) > 300 and shown_width(window.details) == 0  # the reader's tab is raised
    assert highlighted_words(reader)[0].startswith("Its council first met")
    assert window.view.width() >= 0.55 * window.width()
    assert title_column_shown(window) >= 80
    bar = window.filter_bar
    assert bar.isVisible() and bar.rect().contains(bar.clear_button.geometry())
    assert bar.label.width() >= 150


def test_on_a_wide_window_the_document_opens_beside_details(qtbot, open_window):
    from PySide6 import QtWidgets

    window = open_window(CITED, size=(1920, 1080))
    window.set_sources_folder(DOCUMENTS)
    reader = open_at(qtbot, window, "council-met")
    QtWidgets.QApplication.processEvents()
    assert window.tabifiedDockWidgets(window.reader_dock) == []
    details, document = window.details_dock.geometry(), window.reader_dock.geometry()
    assert details.right() < document.left() and document.right() <= window.width()
    assert shown_width(window.details) >= 300 and shown_width(reader.browser) >= 300
    assert title_column_shown(window) >= 150


def test_the_document_moves_beside_details_once_the_window_is_wide_enough(qtbot, open_window):
    from PySide6 import QtWidgets

    window = open_window(CITED, size=(1280, 720))
    window.set_sources_folder(DOCUMENTS)
    open_at(qtbot, window, "council-met")
    assert window.tabifiedDockWidgets(window.reader_dock) == [window.details_dock]
    window.reader_dock.close()
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: window.width() == 1920)
    open_at(qtbot, window, "pact-signed")
    QtWidgets.QApplication.processEvents()
    assert window.tabifiedDockWidgets(window.reader_dock) == []
    assert shown_width(window.details) >= 300 and shown_width(window.reader.browser) >= 300
    narrowed = window.view.width()
    window.reader_dock.close()  # its room goes back to the plot, not to Details
    qtbot.waitUntil(lambda: window.view.width() >= narrowed + 300)
    assert shown_width(window.details) < 400
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.width() == 1280)
    window.reader_dock.toggleViewAction().trigger()  # View > Source Document Panel
    QtWidgets.QApplication.processEvents()
    assert window.tabifiedDockWidgets(window.reader_dock) == [window.details_dock]
    assert window.view.width() >= 0.55 * window.width()


def test_the_citation_actions_never_make_details_scroll_sideways(qtbot, window):
    from PySide6 import QtCore, QtWidgets

    window.state.select("pact-renewed")
    for width in (230, 300, 420):
        window.resizeDocks([window.details_dock], [width], QtCore.Qt.Orientation.Horizontal)
        QtWidgets.QApplication.processEvents()
        assert not window.details.horizontalScrollBar().isVisible(), width
        assert link(window).isVisible() and link(window, text="Copy citation").isVisible()


def test_an_elided_excerpt_has_each_part_highlighted(qtbot, window):
    reader = open_at(qtbot, window, "pact-renewed")
    assert highlighted_words(reader) == ["In 1999 two members left the pact;", "renewed it for ten years."]
    from timeline_app.ui.reader import ELIDED, MARK

    elided = [s for s in reader.browser.extraSelections() if s.format.property(MARK) == ELIDED]
    assert [s.cursor.selectedText() for s in elided] == [" the two that stayed "]


def test_markdown_is_shown_as_formatting_and_the_highlight_is_on_its_words(qtbot, window):
    from PySide6 import QtGui

    reader = open_at(qtbot, window, "league-founded")
    text = reader.browser.toPlainText()
    assert "#" not in text and "*" not in text and "<sup>" not in text
    assert highlighted_words(reader) == ["The Southern League was founded in 1997 by three inland states."]
    document = reader.browser.document()

    def format_of(word):
        cursor = QtGui.QTextCursor(document)
        cursor.setPosition(text.index(word) + 1)
        return cursor.charFormat()

    assert (
        format_of("Southern League was").fontItalic() and format_of("1997 by").fontWeight() == QtGui.QFont.Weight.Bold
    )
    assert format_of("THE SOUTHERN").fontPointSize() > format_of("A fictional thesis").fontPointSize()


def test_next_and_previous_step_over_the_documents_excerpts_in_order(qtbot, window):
    from PySide6 import QtCore

    reader = open_at(qtbot, window, "pact-signed")
    assert reader.position.text() == "2 of 4"
    assert highlighted_words(reader) == [
        "The Northern Pact was signed in Tallinn on 3 March 1994 by four coastal states, after two years of talks"
    ]
    click(qtbot, reader.next_button)
    assert reader.position.text() == "3 of 4"
    assert highlighted_words(reader)[0].startswith("Its council first met")
    assert reader.header.text() == "Roe, para. 2"
    qtbot.keyClick(reader.browser, QtCore.Qt.Key.Key_F8)
    assert reader.position.text() == "4 of 4" and not reader.next_button.isEnabled()
    assert highlighted_words(reader) == ["In 1999 two members left the pact;", "renewed it for ten years."]
    for _ in range(2):
        click(qtbot, reader.previous_button)
    qtbot.keyClick(reader.browser, QtCore.Qt.Key.Key_F8, QtCore.Qt.KeyboardModifier.ShiftModifier)
    assert reader.position.text() == "1 of 4" and not reader.previous_button.isEnabled()
    assert highlighted_words(reader) == ["The Northern Pact was signed in Tallinn on 3 March 1994"]
    assert reader.cited.text() == "Cited for: Northern Pact: named Northern Pact"
    reader.browser.setFocus()
    qtbot.waitUntil(reader.browser.hasFocus)
    qtbot.keyClick(reader.browser, "]")  # while the reader has the keyboard
    assert reader.position.text() == "2 of 4"
    qtbot.keyClick(reader.browser, "[")
    assert reader.position.text() == "1 of 4"


def test_without_the_documents_the_link_is_disabled_and_says_why(qtbot, open_window):
    window = open_window(CITED)  # the documents are not beside cited.yaml
    window.state.select("pact-renewed")
    show = link(window)
    assert not show.isEnabled()
    assert show.toolTip() == (
        f"report.txt is not in {DATA}; choose the folder of the source documents in Edit > Preferences."
    )
    assert link(window, 1).toolTip() == "The events file names no document file for Nowhere Press, 2000."
    click(qtbot, show)
    assert not window.reader_dock.isVisible() and window.answers["shown"] == []
    window.set_sources_folder(DOCUMENTS)
    assert link(window).isEnabled() and not link(window, 1).isEnabled()


def test_preferences_choose_the_folder_and_say_what_is_found(qtbot, open_window, settings_file):
    from PySide6 import QtCore, QtWidgets

    from timeline_app.ui.settings import SOURCES_FOLDER

    window = open_window(CITED)
    assert window.preferences_action in window.edit_menu.actions()
    assert not window.preferences_action.shortcut().isEmpty()  # the platform's, or Ctrl+, where it has none
    window.preferences_action.trigger()
    dialog = window.preferences_dialog
    assert (
        dialog.status.text()
        == "0 of 2 source documents are found beside the events file; missing: report.txt, thesis.txt."
    )
    window.answers["folder"] = DOCUMENTS
    click(qtbot, dialog.browse_button)
    assert dialog.folder_edit.text() == str(DOCUMENTS)
    assert dialog.status.text() == "All 2 source documents are found here."
    dialog.folder_edit.setText(str(DATA / "nowhere"))
    assert dialog.status.text() == f"There is no folder {DATA / 'nowhere'}."
    dialog.folder_edit.setText(str(DOCUMENTS))
    click(qtbot, dialog.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok))
    assert window.settings.get(SOURCES_FOLDER) == str(DOCUMENTS)
    window.state.select("council-met")
    assert link(window).isEnabled()
    again = type(window)(QtCore.QSettings(str(settings_file), QtCore.QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    assert again.sources_folder == DOCUMENTS  # kept for the next start


@pytest.mark.qt_log_ignore("keyToAscii Unhandled key code Qt::Key_Settings")  # QTest's, for a key with no text
def test_preferences_open_with_their_keys(qtbot, open_window):
    from PySide6 import QtCore

    window = open_window(CITED)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    for key, modifiers in (
        (QtCore.Qt.Key.Key_Comma, QtCore.Qt.KeyboardModifier.ControlModifier),
        (QtCore.Qt.Key.Key_Settings, QtCore.Qt.KeyboardModifier.NoModifier),  # Qt's Preferences key here
    ):
        qtbot.keyClick(window.view, key, modifiers)
        dialog = window.preferences_dialog
        assert dialog.isVisible() and dialog.windowTitle() == "Preferences"
        dialog.reject()
        window.preferences_dialog = None


def test_copy_citation_puts_chicago_and_bibtex_on_the_clipboard(qtbot, window):
    from PySide6 import QtGui

    window.state.select("league-founded")
    click(qtbot, link(window, text="Copy citation"))
    assert QtGui.QGuiApplication.clipboard().text() == (
        "“The Southern League was founded in 1997 by three inland states.”\n"
        "Jan Doe, “The Southern League” (MA thesis, Fictional University, August 2011), sec. 1.1.\n"
        "\n"
        "@mastersthesis{thesis,\n"
        "  author = {Doe, Jan},\n"
        "  title = {{The Southern League}},\n"
        "  school = {Fictional University},\n"
        "  year = {2011},\n"
        "  month = aug,\n"
        "  note = {sec. 1.1},\n"
        "}"
    )
    [quotation_only] = [a for a in link(window, text="Copy citation").menu().actions() if a.text() == "Copy Quotation"]
    quotation_only.trigger()
    assert QtGui.QGuiApplication.clipboard().text() == (
        "“The Southern League was founded in 1997 by three inland states.” "
        "(Jan Doe, “The Southern League”, Fictional University, August 2011, sec. 1.1)"
    )
    window.state.select("pact-renewed")
    menu = link(window, 1, text="Copy citation").menu()
    [chicago_only] = [a for a in menu.actions() if a.text() == "Copy as Chicago"]
    chicago_only.trigger()
    assert (
        QtGui.QGuiApplication.clipboard().text()
        == "“The pact was renewed in 1999.”\n“A memo without a file,” Nowhere Press, 2000."
    )


def test_the_highlight_reads_on_light_and_dark_palettes():
    from PySide6 import QtGui

    from timeline_app.ui.reader import highlight_colours

    def luminance(colour):
        def channel(value):
            value /= 255
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green()) + 0.0722 * channel(colour.blue())

    for base in ("#ffffff", "#1e1e1e"):
        palette = QtGui.QPalette()
        palette.setColor(QtGui.QPalette.ColorRole.Base, QtGui.QColor(base))
        background, text = highlight_colours(palette)
        light, dark = sorted((luminance(background), luminance(text)), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, base
        page = QtGui.QColor(base)
        assert abs(luminance(background) - luminance(page)) > 0.1, "the highlight stands out from the page"


def test_a_reload_keeps_the_excerpt_shown(qtbot, window):
    reader = open_at(qtbot, window, "council-met")
    window.reload()
    assert reader.position.text() == "3 of 4" and highlighted_words(reader)[0].startswith("Its council")


def test_sources_on_the_command_line_must_be_a_folder(tmp_path, capsys):
    from timeline_app.cli import main

    with pytest.raises(SystemExit) as stop:
        main([str(CITED), "--sources", str(tmp_path / "nowhere")])
    assert stop.value.code == 2
    assert "--sources: there is no folder" in capsys.readouterr().err
