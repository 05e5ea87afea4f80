"""Figures: exact sizes, vector SVG with text as text, one-page PDF, lanes, callout, themes."""

import re
import xml.etree.ElementTree as ET

import pytest
from PySide6 import QtCore, QtGui

from conftest import DATA, LANES
from timeline_app.core.dates import day_to_epoch, parse_date
from timeline_app.core.figure import FigureSpec
from timeline_app.render.compose import Figure
from timeline_app.render.export import ExportError, export_figure, render_image


def svg_text(path):
    tree = ET.parse(path)
    return [element.text for element in tree.iter() if element.tag.endswith("text") and element.text]


def span(first, last):
    return day_to_epoch(parse_date(first).first_day), day_to_epoch(parse_date(last).last_day) + 86400


@pytest.fixture(scope="module")
def lanes():
    from timeline_app.core.loader import load_timeline

    return load_timeline(LANES).timeline


@pytest.mark.parametrize(
    "size, scale, pixels",
    [((1280, 720), 1, (1280, 720)), ((1920, 1080), 1, (1920, 1080)), ((800, 450), 2, (1600, 900))],
)
def test_png_size_is_exact(qapp, lanes, tmp_path, size, scale, pixels):
    out = tmp_path / "f.png"
    export_figure(lanes, out, FigureSpec(*size, scale=scale))
    image = QtGui.QImage(str(out))
    assert (image.width(), image.height()) == pixels


def test_svg_is_vector_with_text_as_text(qapp, lanes, tmp_path):
    out = tmp_path / "f.svg"
    start, end = span("1999", "2002")
    spec = FigureSpec(1920, 1080, start=start, end=end, title="Rapid forces", caption="From the sources")
    export_figure(lanes, out, spec)
    texts = svg_text(out)
    joined = " ".join(texts)
    for lane in lanes.lanes:
        assert lane.name in texts
    figure = Figure(lanes, spec)
    try:
        shown = {label.text for label in figure.view.label_layer.labels}
        source_line = figure.source_line()
    finally:
        figure.close()
    assert shown and shown <= set(texts)  # every label drawn, as text
    assert source_line.startswith("Sources: ") and source_line in joined
    assert "Rapid forces" in texts and "From the sources" in joined
    assert not [e for e in ET.parse(out).iter() if e.tag.endswith("image")]  # no raster inside


def test_pdf_has_one_page(qapp, lanes, tmp_path):
    out = tmp_path / "f.pdf"
    export_figure(lanes, out, FigureSpec(1280, 720, title="One page"))
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page(?![s\w])", data)) == 1


def test_only_the_requested_lanes_appear(qapp, lanes, tmp_path):
    out = tmp_path / "f.svg"
    export_figure(lanes, out, FigureSpec(1280, 720, lanes=("C", "E")))
    texts = svg_text(out)
    assert "Council" in texts and "Economy" in texts
    assert not {"Alliance", "Bloc", "Dialogue"} & set(texts)
    assert not any("Treaty shared" in t for t in texts)


def test_select_puts_its_excerpt_and_citation_in_a_callout(qapp, lanes, tmp_path):
    out = tmp_path / "f.svg"
    event = lanes.event("disputed-event")
    start, end = span("1999", "2002")
    export_figure(lanes, out, FigureSpec(1920, 1080, start=start, end=end, selected=event.id))
    joined = " ".join(" ".join(svg_text(out)).split())
    assert "The Dialogue was founded on 15 June 2001." in joined
    assert "Roe 2011, p. 93" in joined and "15 June 2001" in joined


def test_the_callout_hides_no_label_and_no_glyph(qapp, lanes):
    start, end = span("2000", "2002")
    spec = FigureSpec(1920, 1080, start=start, end=end, selected="disputed-event", lanes=("C", "D"))
    figure = Figure(lanes, spec)
    try:
        card = figure.layout.callout
        assert card is not None
        assert all(not card.intersects(rect) for rect in figure.occupied())
        assert QtCore.QRectF(0, 0, spec.width, spec.height).contains(card)
    finally:
        figure.close()


def test_no_sources_turns_the_source_line_off(qapp, lanes, tmp_path):
    out = tmp_path / "f.svg"
    export_figure(lanes, out, FigureSpec(1280, 720, sources=False))
    assert not any(t.startswith("Sources:") for t in svg_text(out))


def test_source_line_lists_only_what_is_shown(qapp, lanes):
    figure = Figure(lanes, FigureSpec(1280, 720, lanes=("C",)))
    try:
        assert figure.source_line() == "Sources: Roe 2011."
    finally:
        figure.close()
    figure = Figure(
        lanes, FigureSpec(1280, 720, lanes=("D",), start=span("2001", "2001")[0], end=span("2001", "2001")[1])
    )
    try:
        assert figure.source_line() == "Sources: Roe 2011; Test Wire, 15 May 2002."
    finally:
        figure.close()


def test_labels_and_lane_names_stay_inside_the_figure(qapp, lanes):
    for size in ((1280, 720), (3840, 2160)):
        figure = Figure(lanes, FigureSpec(*size, title="A title"))
        try:
            plot = figure.layout.plot
            origin = figure.plot_origin()
            vb = figure.view.view_box
            for _, _, rect in figure.view.label_rects():
                placed = vb.mapRectToScene(rect).translated(origin)
                assert plot.adjusted(-1, -1, 1, 1).contains(placed)
            assert figure.view.lane_axis.width() >= 60
        finally:
            figure.close()


def _luminance(image):
    color = image.pixelColor(5, 5)
    return 0.2126 * color.redF() + 0.7152 * color.greenF() + 0.0722 * color.blueF()


def test_slide_theme_is_light_and_screen_follows_a_dark_palette(qapp, lanes):
    dark = QtGui.QPalette()
    for role, colour in (
        (QtGui.QPalette.ColorRole.Base, "#1e1e1e"),
        (QtGui.QPalette.ColorRole.Window, "#2b2b2b"),
        (QtGui.QPalette.ColorRole.Text, "#e6e6e6"),
    ):
        dark.setColor(role, QtGui.QColor(colour))
    assert _luminance(render_image(lanes, FigureSpec(640, 360, theme="slide"), dark)) > 0.9
    image = render_image(lanes, FigureSpec(640, 360, theme="screen"), dark)
    assert _luminance(image) < 0.2
    # and its text is light: some pixel in the lane names is bright
    assert max(_luminance_at(image, x, y) for x in range(160) for y in range(20, 300)) > 0.7


def _luminance_at(image, x, y):
    color = image.pixelColor(x, y)
    return 0.2126 * color.redF() + 0.7152 * color.greenF() + 0.0722 * color.blueF()


def test_a_failed_export_leaves_no_file(qapp, lanes, tmp_path):
    with pytest.raises(ExportError, match="unknown format"):
        export_figure(lanes, tmp_path / "f.gif", FigureSpec(640, 360))
    with pytest.raises(ExportError, match="out of range"):
        export_figure(lanes, tmp_path / "f.png", FigureSpec(640, 360, scale=100))
    in_the_way = tmp_path / "taken.png"
    in_the_way.mkdir()  # a folder where the file should go: the final rename fails
    with pytest.raises(ExportError, match="cannot write"):
        export_figure(lanes, in_the_way, FigureSpec(640, 360))
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["taken.png"]


def test_tiny_file_exports_with_eras_and_periods(qapp, tmp_path):
    from timeline_app.core.loader import load_timeline

    timeline = load_timeline(DATA / "tiny.yaml").timeline
    out = tmp_path / "t.svg"
    export_figure(timeline, out, FigureSpec(1280, 720, start=span("1993", "2011")[0], end=span("1993", "2011")[1]))
    texts = svg_text(out)
    assert "Old Alpha" in texts and "New Alpha" in texts and "A period" in texts


def _has_colour(image, colour, tolerance=12):
    from picture import distance

    wanted = QtGui.QColor(colour)
    return any(
        distance(image.pixelColor(x, y), wanted) <= tolerance
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    )


def test_an_export_from_the_window_shows_its_lanes_range_and_selection(qtbot, open_window, tmp_path):
    """What the window shows is what the file shows: hide a lane, zoom, select, export."""
    window = open_window()
    window.state.set_visible_lanes(["A", "C", "D"])
    window.state.set_time_range(*span("2000", "2004"))
    window.state.select("disputed-event")
    svg, png = tmp_path / "view.svg", tmp_path / "view.png"
    assert window.export_to(svg, FigureSpec(1280, 720))
    assert window.export_to(png, FigureSpec(1280, 720))
    texts = svg_text(svg)
    joined = " ".join(" ".join(texts).split())
    assert {"Alliance", "Council", "Dialogue"} <= set(texts)
    assert not {"Bloc", "Economy"} & set(texts)  # the hidden lanes
    titles = {e.title: e for e in window.state.timeline.events}
    drawn = [titles[t] for t in texts if t in titles]
    assert drawn and all(set(e.lanes) & {"A", "C", "D"} for e in drawn)
    assert all(e.last_day.year >= 2000 and e.first_day.year <= 2004 for e in drawn)  # the range
    assert "2002" in texts and "1998" not in texts and "2006" not in texts  # the axis
    assert "The Dialogue was founded on 15 June 2001." in joined  # the selection's callout
    image = QtGui.QImage(str(png))
    assert image.size() == QtCore.QSize(1280, 720)
    assert _has_colour(image, "#CC79A7") and _has_colour(image, "#009E73")  # shown lanes' glyphs
    assert not _has_colour(image, "#D55E00") and not _has_colour(image, "#E69F00")  # hidden lanes: nowhere


def test_copy_image_is_the_export_of_the_view(qtbot, open_window):
    window = open_window()
    window.state.set_visible_lanes(["B", "D"])
    window.state.select("period-event")
    QtGui.QGuiApplication.clipboard().clear()
    window.copy_action.trigger()
    copied = QtGui.QGuiApplication.clipboard().image().convertToFormat(QtGui.QImage.Format.Format_ARGB32)
    expected = render_image(window.state.timeline, window.current_spec(), window.palette())
    assert copied.size() == expected.size() == QtCore.QSize(1920, 1080)
    assert copied == expected.convertToFormat(QtGui.QImage.Format.Format_ARGB32)
