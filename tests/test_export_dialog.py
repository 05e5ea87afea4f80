"""File > Export as a user works it: From / To typed, lanes unticked, the preview redrawn, the
quote chosen, and titles that belong to one figure only (pytest-qt, offscreen, lanes.yaml).

The dialog is the real one, opened by Ctrl+E through the real `dialogs.ask_export`; only its
wait (exec) and the file chooser are replaced. What the preview and the file must show is
computed here from the typed dates and the lanes, and compared with renders of that figure."""

import xml.etree.ElementTree as ET

import numpy as np
import pytest
from picture import span
from PySide6 import QtCore, QtGui, QtWidgets

from conftest import LANES
from timeline_app.core.dates import DateError, parse_date
from timeline_app.core.figure import FigureSpec
from timeline_app.render.compose import Figure
from timeline_app.render.export import render_image
from timeline_app.ui import dialogs
from timeline_app.ui.export_dialog import PREVIEW_SIZE, ExportDialog

REAL_ASK_EXPORT = dialogs.ask_export  # before the `answers` fixture replaces it
COLOURS = {"A": "#0072B2", "B": "#D55E00", "C": "#009E73", "D": "#CC79A7", "E": "#E69F00"}
Key, Mod = QtCore.Qt.Key, QtCore.Qt.KeyboardModifier


# --- driving the dialog -------------------------------------------------------------------
@pytest.fixture
def exporting(qtbot, monkeypatch, answers):
    """Ctrl+E for real: `export(window, drive, out)` opens the dialog, calls `drive(dialog)`
    while it is open (what exec would wait for), and the file chooser answers `out`."""
    monkeypatch.setattr(dialogs, "ask_export", REAL_ASK_EXPORT)
    run = {}

    def exec_(dialog):
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()  # as a modal dialog is
        qtbot.waitUntil(dialog.isActiveWindow)
        run["dialog"] = dialog
        run["drive"](dialog)
        return dialog.result()

    monkeypatch.setattr(ExportDialog, "exec", exec_)
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(run["out"]), ""))

    def export(window, drive, out=None):
        run.update(drive=drive, out=out, dialog=None)
        window.activateWindow()
        window.view.setFocus()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.keyClick(window.view, Key.Key_E, Mod.ControlModifier)
        return run["dialog"]

    return export


def settle(qtbot, dialog):
    """Wait until the preview shows the options as they are now (its timer has run out)."""
    while dialog.preview_timer.isActive():
        with qtbot.waitSignal(dialog.previewed, timeout=5000):
            pass


def retype(qtbot, edit, text):
    """Select all of a field and type over it, as a user does."""
    edit.setFocus()
    qtbot.keyClick(edit, Key.Key_A, Mod.ControlModifier)
    if text:
        qtbot.keyClicks(edit, text)
    else:
        qtbot.keyClick(edit, Key.Key_Delete)


def preview_image(dialog) -> QtGui.QImage:
    return dialog.preview.pixmap().toImage().convertToFormat(QtGui.QImage.Format.Format_ARGB32)


def pixels(image: QtGui.QImage) -> np.ndarray:
    """The image as rows of (b, g, r, a) bytes."""
    image = image.convertToFormat(QtGui.QImage.Format.Format_ARGB32)
    data = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    return data.reshape(image.height(), image.bytesPerLine() // 4, 4)[:, : image.width()]


def colour_count(image: QtGui.QImage, colour: str, tolerance: int = 24, region=None) -> int:
    """How many pixels (of `region`: x0, y0, x1, y1) are within `tolerance` of `colour`."""
    wanted = QtGui.QColor(colour)
    array = pixels(image).astype(int)
    if region is not None:
        x0, y0, x1, y1 = (max(0, round(v)) for v in region)
        array = array[y0:y1, x0:x1]
    distance = (
        abs(array[..., 2] - wanted.red()) + abs(array[..., 1] - wanted.green()) + abs(array[..., 0] - wanted.blue())
    )
    return int((distance <= tolerance).sum())


def same_image(a: QtGui.QImage, b: QtGui.QImage) -> bool:
    fmt = QtGui.QImage.Format.Format_ARGB32
    return a.size() == b.size() and a.convertToFormat(fmt) == b.convertToFormat(fmt)


def click(qtbot, widget):
    qtbot.mouseClick(widget, QtCore.Qt.MouseButton.LeftButton)


def svg_text(path):
    return [e.text for e in ET.parse(path).iter() if e.tag.endswith("text") and e.text]


# --- range, lanes and the preview ---------------------------------------------------------
def test_typed_range_and_unticked_lane_change_the_preview_and_the_file(qtbot, open_window, exporting, tmp_path):
    window = open_window()
    window.state.set_time_range(*span("1995-03-10", "2009-11-20"))
    seen = {}

    def drive(dialog):
        # pre-filled with the window's range, as dates
        assert (dialog.from_edit.text(), dialog.to_edit.text()) == ("1995-03-10", "2009-11-20")
        assert all(box.isChecked() for box in dialog.lane_boxes.values())
        before = preview_image(dialog)
        assert before.size() == PREVIEW_SIZE  # 1920 x 1080 fills the 16:9 box
        assert colour_count(before, COLOURS["B"]) > 20  # lane B is drawn
        retype(qtbot, dialog.from_edit, "2001")
        retype(qtbot, dialog.to_edit, "2003")
        click(qtbot, dialog.lane_boxes["B"])
        assert not dialog.lane_boxes["B"].isChecked()
        settle(qtbot, dialog)
        seen["preview"] = after = preview_image(dialog)
        assert after != before
        assert colour_count(after, COLOURS["B"]) == 0  # the unticked lane is gone from the preview
        click(qtbot, dialog.export_button)

    out = tmp_path / "slide.png"
    exporting(window, drive, out)
    # what the preview and the file must show, computed from what was typed and ticked
    start, end = span("2001", "2003")
    expected = window.state.figure_spec(FigureSpec()).replace(start=start, end=end, lanes=("A", "C", "D", "E"))
    timeline = window.state.timeline
    assert same_image(seen["preview"], render_image(timeline, expected.replace(scale=0.25), window.palette()))
    assert same_image(QtGui.QImage(str(out)), render_image(timeline, expected, window.palette()))
    # the range, where the figure's own axis puts it: Dialogue founded (15 June 2001) is in lane D
    figure = Figure(timeline, expected, window.palette())
    try:
        glyph = figure.view.scene_pos_of("disputed-event") + figure.plot_origin()
    finally:
        figure.close()
    x, y = glyph.x() * 0.25, glyph.y() * 0.25
    assert colour_count(seen["preview"], COLOURS["D"], region=(x - 3, y - 3, x + 4, y + 4)) > 0
    assert window.state.time_range == pytest.approx(span("1995-03-10", "2009-11-20"))  # the window is left as it was


def test_the_written_export_has_the_lanes_and_range_of_the_preview(qtbot, open_window, exporting, tmp_path):
    window = open_window()

    def drive(dialog):
        retype(qtbot, dialog.from_edit, "1999-07")
        retype(qtbot, dialog.to_edit, "2002")
        for lane in ("A", "E"):
            click(qtbot, dialog.lane_boxes[lane])
        settle(qtbot, dialog)
        click(qtbot, dialog.export_button)

    out = tmp_path / "slide.svg"
    exporting(window, drive, out)
    texts = svg_text(out)
    assert {"Bloc", "Council", "Dialogue"} <= set(texts) and not {"Alliance", "Economy"} & set(texts)
    assert {"2000", "2001", "2002"} <= set(texts) and not {"1998", "2004"} & set(texts)  # the axis


def test_a_wrong_date_says_why_beside_its_field_and_disables_export(qtbot, open_window, exporting):
    window = open_window()

    def drive(dialog):
        beside = dialog.to_problem
        cases = [
            ("2001-13", "2001-13"),
            ("20x1", "20x1"),
            ("2001-02-30", "2001-02-30"),
        ]
        for typed, date in cases:
            retype(qtbot, dialog.to_edit, typed)
            with pytest.raises(DateError) as why:
                parse_date(date)
            assert beside.text() == str(why.value) and beside.isVisible()
            assert not dialog.export_button.isEnabled()
            settle(qtbot, dialog)
            assert dialog.preview.pixmap().isNull() and "No preview" in dialog.preview.text()
        # beside the field: to its right, on its line
        edit = dialog.to_edit.geometry()
        label = beside.geometry()
        assert label.left() >= edit.right() and label.top() < edit.bottom() and label.bottom() > edit.top()
        retype(qtbot, dialog.to_edit, "1790")
        assert beside.text() == "the timeline shows 1800 to 2100"
        retype(qtbot, dialog.from_edit, "2005")
        retype(qtbot, dialog.to_edit, "2003")
        assert beside.text() == "2003 is before 2005" and not dialog.export_button.isEnabled()
        qtbot.keyClick(dialog.to_edit, Key.Key_Return)  # Enter does not export either
        assert dialog.isVisible()
        retype(qtbot, dialog.to_edit, "2006")
        assert beside.text() == "" and dialog.from_problem.text() == ""
        assert dialog.export_button.isEnabled()
        click(qtbot, dialog.lane_boxes["A"])  # the window shows A and B only here
        click(qtbot, dialog.lane_boxes["B"])
        assert dialog.lanes_problem.isVisible() and dialog.lanes_problem.text() == "Tick at least one lane"
        assert not dialog.export_button.isEnabled()
        click(qtbot, dialog.lane_boxes["B"])
        assert not dialog.lanes_problem.isVisible() and dialog.export_button.isEnabled()
        dialog.reject()

    window.state.set_visible_lanes(["A", "B"])
    exporting(window, drive)


def test_empty_from_and_to_are_the_edges_of_the_timeline(qtbot, open_window, exporting, tmp_path):
    window = open_window()
    window.state.set_time_range(*span("2001", "2003"))

    def drive(dialog):
        retype(qtbot, dialog.from_edit, "")
        retype(qtbot, dialog.to_edit, "")
        assert dialog.export_button.isEnabled()
        click(qtbot, dialog.export_button)

    out = tmp_path / "all.svg"
    exporting(window, drive, out)
    texts = svg_text(out)
    assert {"1992", "2014"} <= set(texts)  # the whole span, as --export without --from / --to


def test_the_preview_keeps_the_figures_aspect_ratio(qtbot, open_window, exporting):
    window = open_window()

    def drive(dialog):
        retype(qtbot, dialog.width_box.lineEdit(), "1000")
        retype(qtbot, dialog.height_box.lineEdit(), "1000")
        settle(qtbot, dialog)
        assert dialog.preset.currentData() == "custom"
        assert preview_image(dialog).size() == QtCore.QSize(270, 270)  # square, as tall as the box
        dialog.preset.setFocus()
        qtbot.keyClick(dialog.preset, Key.Key_Home)  # 720p
        settle(qtbot, dialog)
        assert (dialog.width_box.value(), dialog.height_box.value()) == (1280, 720)
        shown = preview_image(dialog)
        spec = dialog.spec()
        assert shown.size() == PREVIEW_SIZE
        assert same_image(shown, render_image(window.state.timeline, spec.replace(scale=480 / 1280), window.palette()))
        dialog.reject()

    exporting(window, drive)


# --- the quote --------------------------------------------------------------------------------
def test_the_callout_quotes_the_citation_chosen(qtbot, open_window, exporting, tmp_path):
    window = open_window()
    window.state.select("disputed-event")  # two citations

    def drive(dialog):
        box = dialog.quote_box
        assert box.isVisible() and box.isEnabled()
        entries = [box.itemText(i) for i in range(box.count())]
        assert entries == [
            "1. Roe 2011, p. 93 \u2014 \u201cThe Dialogue was founded on 15 June\u2026\u201d",
            "2. Test Wire, 15 May 2002 \u2014 \u201cThe Dialogue was founded yesterday, 14 June\u2026\u201d",
        ]
        assert box.currentIndex() == 0
        before = preview_image(dialog)
        box.setFocus()
        qtbot.keyClick(box, Key.Key_Down)
        assert dialog.spec().quote == 1
        settle(qtbot, dialog)
        assert preview_image(dialog) != before
        click(qtbot, dialog.lane_boxes["D"])  # the event's lane unticked: no callout to choose for
        assert not box.isEnabled()
        click(qtbot, dialog.lane_boxes["D"])
        click(qtbot, dialog.export_button)

    out = tmp_path / "quote.svg"
    exporting(window, drive, out)
    joined = " ".join(" ".join(svg_text(out)).split())
    assert "founded yesterday" in joined and "founded on 15 June 2001" not in joined


def test_no_quote_choice_for_one_citation_or_none_selected(qtbot, open_window, exporting):
    window = open_window()

    def drive(dialog):
        assert not dialog.quote_box.isVisible()
        assert dialog.spec().quote == 0
        dialog.reject()

    exporting(window, drive)
    window.state.select("a00")  # one citation
    exporting(window, drive)


# --- titles belong to one figure ------------------------------------------------------------
def untitled(window):
    """The clipboard's figure as it must be: the view, the export options, no title or caption."""
    return render_image(window.state.timeline, window.state.figure_spec(FigureSpec()), window.palette())


def copied(qtbot, window):
    QtGui.QGuiApplication.clipboard().clear()
    window.activateWindow()
    window.view.setFocus()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.view, Key.Key_C, Mod.ControlModifier | Mod.ShiftModifier)
    return QtGui.QGuiApplication.clipboard().image()


def titled(qtbot, title, caption, keep=False):
    def drive(dialog):
        assert dialog.stamped.text() == "Stamped: no title \u00b7 no caption \u00b7 sources line"
        retype(qtbot, dialog.title_edit, title)
        retype(qtbot, dialog.caption_edit, caption)
        assert (
            dialog.stamped.text()
            == f"Stamped: title \u201c{title}\u201d \u00b7 caption \u201c{caption}\u201d \u00b7 sources line"
        )
        if keep:
            click(qtbot, dialog.keep_box)
        settle(qtbot, dialog)
        click(qtbot, dialog.export_button)

    return drive


def test_a_title_is_not_stamped_on_the_next_copy_or_export_nor_after_a_restart(
    qtbot, open_window, exporting, tmp_path, settings_file
):
    window = open_window()
    out = tmp_path / "titled.svg"
    exporting(window, titled(qtbot, "2001-2003", "The founding years"), out)
    assert "2001-2003" in svg_text(out)  # the export had it
    assert same_image(copied(qtbot, window), untitled(window))  # Copy Image does not

    def empty(dialog):
        assert dialog.title_edit.text() == dialog.caption_edit.text() == ""
        assert not dialog.keep_box.isChecked()
        dialog.reject()

    exporting(window, empty)  # nor does the next export
    window.close()
    again = open_window()  # a restart: a new window on the same settings
    assert same_image(copied(qtbot, again), untitled(again))
    exporting(again, empty)


def test_a_title_an_older_version_kept_is_not_stamped(qtbot, open_window, settings_file):
    store = QtCore.QSettings(str(settings_file), QtCore.QSettings.Format.IniFormat)
    store.setValue("export/title", "2001-2003")  # what the version before kept, with no choice
    store.setValue("export/caption", "Old caption")
    store.sync()
    window = open_window()
    assert same_image(copied(qtbot, window), untitled(window))


def test_a_kept_title_comes_back_until_it_is_let_go(qtbot, open_window, exporting, tmp_path):
    window = open_window()
    exporting(window, titled(qtbot, "The CSTO", "Kept", keep=True), tmp_path / "a.png")
    window.close()
    again = open_window()
    with_title = render_image(
        again.state.timeline, again.state.figure_spec(FigureSpec(title="The CSTO", caption="Kept")), again.palette()
    )
    assert same_image(copied(qtbot, again), with_title)

    def let_go(dialog):
        assert (dialog.title_edit.text(), dialog.caption_edit.text()) == ("The CSTO", "Kept")
        assert dialog.keep_box.isChecked()
        assert (
            dialog.stamped.text()
            == "Stamped: title \u201cThe CSTO\u201d \u00b7 caption \u201cKept\u201d \u00b7 sources line"
        )
        click(qtbot, dialog.keep_box)
        click(qtbot, dialog.sources_box)
        assert dialog.stamped.text().endswith("\u00b7 no sources line")
        click(qtbot, dialog.export_button)

    exporting(again, let_go, tmp_path / "b.png")
    assert same_image(
        copied(qtbot, again),
        render_image(again.state.timeline, again.state.figure_spec(FigureSpec(sources=False)), again.palette()),
    )


# --- it fits --------------------------------------------------------------------------------
@pytest.mark.parametrize("path, selected", [(LANES, "disputed-event"), (LANES, None)])
def test_the_dialog_fits_a_720p_screen(qtbot, path, selected):
    from timeline_app.core.loader import load_timeline

    timeline = load_timeline(path).timeline
    dialog = ExportDialog(timeline, FigureSpec(selected=selected, title="A title", caption="A caption"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    hint = dialog.sizeHint()
    assert hint.width() <= 1280 - 40 and hint.height() <= 720 - 80  # room for a panel and the title bar
    for widget in dialog.findChildren(QtWidgets.QWidget):
        if widget.isVisible() and widget is not dialog:
            corner = widget.mapTo(dialog, widget.rect().bottomRight())
            assert dialog.rect().contains(corner), widget.accessibleName() or type(widget).__name__
