"""File > Print (Ctrl+P) and Print Preview: the export's figure on one landscape page, as vectors.

The print dialog's wait (exec) is replaced by an answer; the printer writes a PDF, read back
with pypdf: its page, its orientation and its text (the lanes' names, the source line)."""

import pypdf
import pytest
from PySide6 import QtCore, QtGui, QtPrintSupport, QtWidgets

from timeline_app.render.compose import Figure
from timeline_app.ui.printing import fit_to_page

Key, Mod = QtCore.Qt.Key, QtCore.Qt.KeyboardModifier
NAMES = {"A": "Alliance", "B": "Bloc", "C": "Council", "D": "Dialogue", "E": "Economy"}


@pytest.fixture
def print_to_pdf(qtbot, monkeypatch):
    """`press(window, out)`: Ctrl+P with the print dialog accepting (or not) and the window's
    printer writing a PDF to `out`; returns whether the dialog was shown."""
    shown = []

    def press(window, out, accept=True):
        printer = window.printing.printer
        printer.setOutputFormat(QtPrintSupport.QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        answer = QtWidgets.QDialog.DialogCode.Accepted if accept else QtWidgets.QDialog.DialogCode.Rejected
        monkeypatch.setattr(QtPrintSupport.QPrintDialog, "exec", lambda dialog: shown.append(dialog) or answer)
        window.activateWindow()
        window.view.setFocus()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.keyClick(window.view, Key.Key_P, Mod.ControlModifier)
        return bool(shown)

    return press


def page_text(page) -> str:
    return " ".join(page.extract_text().split())


def text_positions(page) -> list[tuple[float, float, str]]:
    """Where each piece of text stands on the page (PDF points, from the bottom left)."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((x, y, text.strip()))

    page.extract_text(visitor_text=visit)
    return found


def test_ctrl_p_prints_the_figure_on_one_landscape_page(qtbot, open_window, print_to_pdf, tmp_path):
    window = open_window()
    window.state.set_visible_lanes(["A", "C", "D"])
    out = tmp_path / "printed.pdf"
    assert print_to_pdf(window, out)
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == 1
    page = reader.pages[0]
    box = page.mediabox
    assert float(box.width) > float(box.height)  # landscape
    text = page_text(page)
    pieces = {piece for _, _, piece in text_positions(page)}
    assert {NAMES[lane] for lane in "ACD"} <= pieces
    assert not {NAMES[lane] for lane in "BE"} & pieces  # the lanes the window hides
    figure = Figure(window.state.timeline, window.current_spec(), window.palette())
    try:
        source_line = figure.source_line()
    finally:
        figure.close()
    assert source_line.startswith("Sources: ") and source_line in text
    # fitted to the page: the text spreads over most of its width and stays on it
    places = text_positions(page)
    xs, ys = [x for x, _, _ in places], [y for _, y, _ in places]
    width, height = float(box.width), float(box.height)
    assert min(xs) >= 0 and max(xs) <= width and min(ys) >= 0 and max(ys) <= height
    assert max(xs) - min(xs) > 0.6 * width


def test_a_cancelled_print_prints_nothing(qtbot, open_window, print_to_pdf, tmp_path):
    window = open_window()
    out = tmp_path / "not.pdf"
    assert print_to_pdf(window, out, accept=False)
    assert not out.exists()


def test_print_preview_shows_one_landscape_page(qtbot, open_window):
    window = open_window()
    window.print_preview_action.trigger()
    dialog = next(
        w for w in QtWidgets.QApplication.topLevelWidgets() if isinstance(w, QtPrintSupport.QPrintPreviewDialog)
    )
    qtbot.waitExposed(dialog)
    preview = dialog.findChild(QtPrintSupport.QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() == 1)
    assert preview.orientation() == QtGui.QPageLayout.Orientation.Landscape
    screen = window.screen().availableGeometry()
    assert dialog.width() <= screen.width() and dialog.height() <= screen.height()
    dialog.close()


def test_print_and_preview_are_in_the_file_menu_with_ctrl_p(open_window):
    window = open_window()
    file_menu = next(m for m in window.menuBar().findChildren(QtWidgets.QMenu) if m.title() == "&File")
    assert window.print_action in file_menu.actions() and window.print_preview_action in file_menu.actions()
    assert window.print_action.shortcut() == QtGui.QKeySequence(QtGui.QKeySequence.StandardKey.Print)
    assert "Print" in window.shortcut_help()


def test_without_data_print_says_so(qtbot, answers, settings_file):
    from timeline_app.ui.main_window import MainWindow

    window = MainWindow(QtCore.QSettings(str(settings_file), QtCore.QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.print_action.trigger()
    window.print_preview_action.trigger()
    assert answers["shown"] == ["No data is loaded: open an events file first."] * 2


@pytest.mark.parametrize(
    "figure, page, scale, offset",
    [
        ((1920, 1080), (1000, 1000), 1000 / 1920, (0, (1000 - 1080 * 1000 / 1920) / 2)),  # as wide as the page
        ((1920, 1080), (3000, 1000), 1000 / 1080, ((3000 - 1920 * 1000 / 1080) / 2, 0)),  # as tall
        ((800, 800), (1100, 850), 850 / 800, ((1100 - 850) / 2, 0)),
    ],
)
def test_fit_to_page_keeps_the_aspect_ratio_and_centres(figure, page, scale, offset):
    transform = fit_to_page(QtCore.QSizeF(*figure), QtCore.QSizeF(*page))
    assert transform.m11() == pytest.approx(scale) and transform.m22() == pytest.approx(scale)
    assert (transform.dx(), transform.dy()) == pytest.approx(offset)
