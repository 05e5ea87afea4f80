"""Figures: exact sizes, vector SVG with text as text, one-page PDF, lanes, callout, themes."""

import re
import xml.etree.ElementTree as ET

import pytest
from PySide6 import QtCore, QtGui

from conftest import DATA
from timeline_app.core.dates import day_to_epoch, parse_date
from timeline_app.render.compose import Figure, FigureSpec
from timeline_app.render.export import ExportError, export_figure, render_image


def svg_text(path):
    tree = ET.parse(path)
    return [element.text for element in tree.iter() if element.tag.endswith("text") and element.text]


def span(first, last):
    return day_to_epoch(parse_date(first).first_day), day_to_epoch(parse_date(last).last_day) + 86400


@pytest.mark.parametrize(
    "size, scale, pixels",
    [((1280, 720), 1, (1280, 720)), ((1920, 1080), 1, (1920, 1080)), ((800, 450), 2, (1600, 900))],
)
def test_png_size_is_exact(qapp, bundled, tmp_path, size, scale, pixels):
    out = tmp_path / "f.png"
    export_figure(bundled, out, FigureSpec(*size, scale=scale))
    image = QtGui.QImage(str(out))
    assert (image.width(), image.height()) == pixels


def test_svg_is_vector_with_text_as_text(qapp, bundled, tmp_path):
    out = tmp_path / "f.svg"
    start, end = span("1999", "2002")
    spec = FigureSpec(1920, 1080, start=start, end=end, title="Rapid forces", caption="From the sources")
    export_figure(bundled, out, spec)
    texts = svg_text(out)
    joined = " ".join(texts)
    for lane in bundled.lanes:
        assert lane.name in texts
    figure = Figure(bundled, spec)
    try:
        shown = {label.text for label in figure.view.label_layer.labels}
        source_line = figure.source_line()
    finally:
        figure.close()
    assert shown and shown <= set(texts)  # every label drawn, as text
    assert source_line.startswith("Sources: ") and source_line in joined
    assert "Rapid forces" in texts and "From the sources" in joined
    assert not [e for e in ET.parse(out).iter() if e.tag.endswith("image")]  # no raster inside


def test_pdf_has_one_page(qapp, bundled, tmp_path):
    out = tmp_path / "f.pdf"
    export_figure(bundled, out, FigureSpec(1280, 720, title="One page"))
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page(?![s\w])", data)) == 1


def test_only_the_requested_lanes_appear(qapp, bundled, tmp_path):
    out = tmp_path / "f.svg"
    export_figure(bundled, out, FigureSpec(1280, 720, lanes=("SCO", "EurAsEC")))
    texts = svg_text(out)
    assert "SCO" in texts and "EurAsEC" in texts
    assert not {"CIS", "CST/CSTO", "GUUAM"} & set(texts)
    assert not any("Collective Security Treaty" in t for t in texts)


def test_select_puts_its_excerpt_and_citation_in_a_callout(qapp, bundled, tmp_path):
    out = tmp_path / "f.svg"
    event = bundled.event("cst-bishkek-rapid-force-2000")
    start, end = span("1999", "2002")
    export_figure(bundled, out, FigureSpec(1920, 1080, start=start, end=end, selected=event.id))
    words = " ".join(svg_text(out)).split()
    joined = " ".join(words)
    assert " ".join(event.citations[0].excerpt.split()[:12]) in joined
    assert "Blaauw, para. 90" in joined and event.date.format() in joined


def test_the_callout_hides_no_label_and_no_glyph(qapp, bundled):
    start, end = span("2009", "2011")
    spec = FigureSpec(1920, 1080, start=start, end=end, selected="csto-rapid-forces-2009", lanes=("CSTO", "SCO"))
    figure = Figure(bundled, spec)
    try:
        card = figure.layout.callout
        assert card is not None
        assert all(not card.intersects(rect) for rect in figure._occupied())
        assert QtCore.QRectF(0, 0, spec.width, spec.height).contains(card)
    finally:
        figure.close()


def test_no_sources_turns_the_source_line_off(qapp, bundled, tmp_path):
    out = tmp_path / "f.svg"
    export_figure(bundled, out, FigureSpec(1280, 720, sources=False))
    assert not any(t.startswith("Sources:") for t in svg_text(out))


def test_source_line_lists_only_what_is_shown(qapp, bundled):
    figure = Figure(bundled, FigureSpec(1280, 720, lanes=("SCO",)))
    try:
        assert figure.source_line() == "Sources: Borkoeva 2011."
    finally:
        figure.close()


def test_labels_and_lane_names_stay_inside_the_figure(qapp, bundled):
    for size in ((1280, 720), (3840, 2160)):
        figure = Figure(bundled, FigureSpec(*size, title="A title"))
        try:
            plot = figure.layout.plot
            origin = figure._plot_origin()
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


def test_slide_theme_is_light_and_screen_follows_a_dark_palette(qapp, bundled):
    dark = QtGui.QPalette()
    for role, colour in (
        (QtGui.QPalette.ColorRole.Base, "#1e1e1e"),
        (QtGui.QPalette.ColorRole.Window, "#2b2b2b"),
        (QtGui.QPalette.ColorRole.Text, "#e6e6e6"),
    ):
        dark.setColor(role, QtGui.QColor(colour))
    assert _luminance(render_image(bundled, FigureSpec(640, 360, theme="slide"), dark)) > 0.9
    image = render_image(bundled, FigureSpec(640, 360, theme="screen"), dark)
    assert _luminance(image) < 0.2
    # and its text is light: some pixel in the lane names is bright
    assert max(_luminance_at(image, x, y) for x in range(80) for y in range(40, 200)) > 0.7


def _luminance_at(image, x, y):
    color = image.pixelColor(x, y)
    return 0.2126 * color.redF() + 0.7152 * color.greenF() + 0.0722 * color.blueF()


def test_a_failed_export_leaves_no_file(qapp, bundled, tmp_path):
    with pytest.raises(ExportError, match="unknown format"):
        export_figure(bundled, tmp_path / "f.gif", FigureSpec(640, 360))
    with pytest.raises(ExportError, match="out of range"):
        export_figure(bundled, tmp_path / "f.png", FigureSpec(640, 360, scale=100))
    in_the_way = tmp_path / "taken.png"
    in_the_way.mkdir()  # a folder where the file should go: the final rename fails
    with pytest.raises(ExportError, match="cannot write"):
        export_figure(bundled, in_the_way, FigureSpec(640, 360))
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["taken.png"]


def test_tiny_file_exports_with_eras_and_periods(qapp, tmp_path):
    from timeline_app.core.loader import load_timeline

    timeline = load_timeline(DATA / "tiny.yaml").timeline
    out = tmp_path / "t.svg"
    export_figure(timeline, out, FigureSpec(1280, 720, start=span("1993", "2011")[0], end=span("1993", "2011")[1]))
    texts = svg_text(out)
    assert "Old Alpha" in texts and "New Alpha" in texts and "A period" in texts
