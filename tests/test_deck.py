"""The deck of a tour: one PDF page (or one numbered image) per stop, in order, with its heading,
its selection's callout and the source line; the command line's --export --tour."""

import os
import shutil
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET

import numpy as np
import pypdf
import pytest
from PySide6 import QtGui

from conftest import BUNDLED, LANES, ROOT
from timeline_app import cli
from timeline_app.core.dates import parse_date
from timeline_app.core.figure import FigureSpec
from timeline_app.core.loader import load_timeline
from timeline_app.core.tour import Stop, Tour, bundled_tours, dump_tour, load_tour
from timeline_app.render import deck
from timeline_app.render.deck import export_deck, slide_names, slug
from timeline_app.render.export import ExportError, render_image

LANE_COLOURS = {"A": "#0072B2", "B": "#D55E00", "C": "#009E73", "D": "#CC79A7", "E": "#E69F00"}

#: The test tour of lanes.yaml: two stops of two lanes each with a selection, one without a
#: heading (every lane, 1995-2005), one whose lane and event are gone from the file.
STOPS = (
    Stop(
        heading="The Alliance treaty is signed",
        note="For the speaker",
        start=parse_date("1992"),
        end=parse_date("1994"),
        lanes=("A", "B"),
        selected="a00",
    ),
    Stop(
        heading="The Dialogue is founded",
        start=parse_date("2000"),
        end=parse_date("2002-06"),
        lanes=("C", "D"),
        selected="disputed-event",
    ),
    Stop(start=parse_date("1995"), end=parse_date("2005")),
    Stop(heading="Gone from the file", lanes=("Z",), selected="no-such-event"),
)
STOPS_TOUR = Tour(stops=STOPS)
EXCERPTS = ("Excerpt 1: the alliance treaty signed in moscow.", "The Dialogue was founded on 15 June 2001.")


@pytest.fixture(scope="module")
def timeline():
    return load_timeline(LANES).timeline


@pytest.fixture
def tour_file(tmp_path):
    """The test tour, written beside a copy of lanes.yaml, as a user would keep them."""
    shutil.copy(LANES, tmp_path / "lanes.yaml")
    path = tmp_path / "lanes.tour.yaml"
    path.write_text(dump_tour(Tour(title="A tour of the lanes", events="lanes.yaml", stops=STOPS)), encoding="utf-8")
    return path


@pytest.fixture
def tour(tour_file):
    result = load_tour(tour_file)
    assert result.ok, result.problems
    return result.tour


def words(text):
    """Text as read from a PDF, comparable: ligatures undone (NFKC: 'ﬁ' is 'fi'), white space single."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def page_spans(page):
    """(text, font size) of every piece of text drawn on a PDF page."""
    spans = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            spans.append((words(text), size))

    page.extract_text(visitor_text=visit)
    return spans


def title_of(page, title_size):
    """The text a page draws at the title's size."""
    return " ".join(text for text, size in page_spans(page) if size >= title_size)


def sources_expected(timeline, stop):
    """The short references of the sources the events of a stop's range and lanes cite (the
    selection's too), worked out from the data: what the page's source line must name."""
    first, last = (stop.start or parse_date("1990")).first_day, (stop.end or parse_date("2016")).last_day
    known = {lane.id for lane in timeline.lanes}
    lanes = set(stop.lanes or known) & known or known
    shown = [e for e in timeline.events if set(e.lanes) & lanes and e.first_day <= last and e.last_day >= first]
    cited = {c.source for e in shown for c in e.citations}
    return {s.short() for s in timeline.sources if s.id in cited}, {s.short() for s in timeline.sources} - {
        s.short() for s in timeline.sources if s.id in cited
    }


def source_line_of(page):
    text = words(page.extract_text())
    assert "Sources: " in text
    return text[text.index("Sources: ") :]


def colour_count(image, colour, tolerance=12):
    """How many pixels of the image are within `tolerance` of `colour` (sum of channel differences)."""
    image = image.convertToFormat(QtGui.QImage.Format.Format_RGB32)
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    wanted = QtGui.QColor(colour)
    bgr = np.array([wanted.blue(), wanted.green(), wanted.red()], dtype=np.int16)
    return int((np.abs(pixels[:, : image.width(), :3].astype(np.int16) - bgr).sum(axis=2) <= tolerance).sum())


# --- the PDF ------------------------------------------------------------------------------------
def test_the_pdf_has_a_page_per_stop_in_order_with_its_heading_callout_and_sources(qapp, timeline, tour, tmp_path):
    out = tmp_path / "deck.pdf"
    assert export_deck(timeline, tour, out, FigureSpec(1280, 720)) == [out]
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == len(STOPS)
    assert reader.metadata.title == "A tour of the lanes"
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == (1280 * 0.75, 720 * 0.75)
    texts = [words(page.extract_text()) for page in reader.pages]
    title_size = max(size for text, size in page_spans(reader.pages[0]) if text == STOPS[0].heading)
    for page, stop in zip(reader.pages, STOPS, strict=True):
        assert title_of(page, title_size) == stop.heading  # in the stops' order; nothing for no heading
    # the callout of each selection, on its own page only
    assert EXCERPTS[0] in texts[0] and EXCERPTS[1] not in texts[0]
    assert EXCERPTS[1] in texts[1] and EXCERPTS[0] not in texts[1]
    assert "Roe 2011, p. 93" in texts[1]
    assert not any(excerpt in texts[2] + texts[3] for excerpt in EXCERPTS)
    for page, stop in zip(reader.pages, STOPS, strict=True):
        named, others = sources_expected(timeline, stop)
        line = source_line_of(page)
        assert named and all(short in line for short in named)
        assert not any(short in line for short in others)
    assert sources_expected(timeline, STOPS[0])[1]  # a stop whose line leaves a source out


def test_a_stop_without_a_heading_has_no_title(qapp, timeline, tour):
    specs = deck.deck_specs(timeline, tour, FigureSpec(1280, 720, title="not this"))
    assert [spec.title for spec in specs] == [stop.heading for stop in STOPS]
    from timeline_app.render.compose import Figure

    figure = Figure(timeline, specs[2])
    try:
        assert figure.layout.title is None
        assert figure.layout.plot.top() < 40  # the plot takes the room a title would have
    finally:
        figure.close()


def test_a_stop_whose_lanes_and_event_are_gone_shows_every_lane(qapp, timeline, tour):
    spec = deck.deck_specs(timeline, tour, FigureSpec(1280, 720))[3]
    assert spec.lanes is None and spec.title == "Gone from the file"
    image = render_image(timeline, spec)
    assert all(colour_count(image, colour) > 20 for colour in LANE_COLOURS.values())


# --- a folder of images ---------------------------------------------------------------------------
def test_a_folder_gets_numbered_pngs_in_order_of_the_right_size(qapp, timeline, tour, tmp_path):
    folder = tmp_path / "slides"
    written = export_deck(timeline, tour, f"{folder}/", FigureSpec(800, 450, scale=2))
    names = [
        "01-the-alliance-treaty-is-signed.png",
        "02-the-dialogue-is-founded.png",
        "03-stop.png",
        "04-gone-from-the-file.png",
    ]
    assert [p.name for p in written] == names
    assert sorted(p.name for p in folder.iterdir()) == names  # nothing else: no temporary file left
    images = [QtGui.QImage(str(path)) for path in written]
    assert all((image.width(), image.height()) == (1600, 900) for image in images)
    shown = [("A", "B"), ("C", "D"), tuple(LANE_COLOURS), tuple(LANE_COLOURS)]  # each stop's lanes, in order
    for image, lanes in zip(images, shown, strict=True):
        for lane, colour in LANE_COLOURS.items():
            assert (colour_count(image, colour) > 20) == (lane in lanes), (lane, lanes)


def test_a_folder_gets_svgs_with_the_headings_as_text(qapp, timeline, tour, tmp_path):
    written = export_deck(timeline, tour, tmp_path, FigureSpec(1280, 720), image_format="svg")  # an existing folder
    assert [p.name for p in written] == [name.replace(".png", ".svg") for name in slide_names(tour)]
    for path, stop in zip(written, STOPS, strict=True):
        texts = [e.text for e in ET.parse(path).iter() if e.tag.endswith("text") and e.text]
        assert (stop.heading in texts) == bool(stop.heading)
        assert not [h for h in (s.heading for s in STOPS if s is not stop) if h and h in texts]
        assert any(t.startswith("Sources:") for t in texts)


@pytest.mark.parametrize(
    "heading, name",
    [
        ("The CIS is founded, 1991", "the-cis-is-founded-1991"),
        ("Uzbekistan’s return to the CSTO", "uzbekistans-return-to-the-csto"),
        ("Uzbekistan's return", "uzbekistans-return"),
        ("Österreich – Ça va?", "osterreich-ca-va"),
        ("", "stop"),
        ("«»…", "stop"),
        ("a" * 60, "a" * 48),
        ("One two three four five six seven eight nine ten eleven", "one-two-three-four-five-six-seven-eight-nine-ten"),
    ],
)
def test_slugs_are_short_lowercase_ascii(heading, name):
    assert slug(heading) == name


def test_numbers_are_padded_to_the_count(tour):
    many = tour.replace(stops=tour.stops * 3)  # 12 stops: still two digits
    assert slide_names(many)[-1] == "12-gone-from-the-file.png"
    assert slide_names(tour.replace(stops=tour.stops * 25))[0] == "001-the-alliance-treaty-is-signed.png"


# --- failures leave nothing ---------------------------------------------------------------------
def test_a_failed_deck_leaves_no_file(qapp, timeline, tour, tmp_path, monkeypatch):
    spec = FigureSpec(640, 360)
    with pytest.raises(ExportError, match="folder '.*nowhere' does not exist"):
        export_deck(timeline, tour, f"{tmp_path / 'nowhere' / 'slides'}/", spec)
    with pytest.raises(ExportError, match="a deck is one .pdf file, or a folder"):
        export_deck(timeline, tour, tmp_path / "deck.png", spec)
    with pytest.raises(ExportError, match="as SVG images: give a folder"):
        export_deck(timeline, tour, tmp_path / "deck.pdf", spec, image_format="svg")
    with pytest.raises(ExportError, match="it has no stops"):
        export_deck(timeline, tour.replace(stops=()), tmp_path / "deck.pdf", spec)
    with pytest.raises(ExportError, match="out of range"):
        export_deck(timeline, tour, f"{tmp_path / 'new'}/", spec.replace(scale=100))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lanes.tour.yaml", "lanes.yaml"]

    # a folder where the third image should go: the first two are not left behind either
    folder = tmp_path / "slides"
    (folder / "03-stop.png").mkdir(parents=True)
    with pytest.raises(ExportError, match="cannot write '.*03-stop.png'"):
        export_deck(timeline, tour, folder, spec)
    assert [p.name for p in folder.iterdir()] == ["03-stop.png"]

    # a failure in the middle of a new folder: the folder goes too
    calls = []
    write_figure = deck.write_figure

    def failing(*args):
        calls.append(args)
        if len(calls) == 3:
            raise ExportError("cannot write: the disk is full")
        return write_figure(*args)

    monkeypatch.setattr(deck, "write_figure", failing)
    with pytest.raises(ExportError, match="the disk is full"):
        export_deck(timeline, tour, f"{tmp_path / 'fresh'}/", spec)
    assert len(calls) == 3 and not (tmp_path / "fresh").exists()
    monkeypatch.undo()

    # a PDF that fails half-way: no file
    figures = deck._figures

    def broken(timeline, specs, palette):
        yield from figures(timeline, specs[:1], palette)
        raise ExportError("cannot write: broken")

    monkeypatch.setattr(deck, "_figures", broken)
    with pytest.raises(ExportError, match="broken"):
        export_deck(timeline, tour, tmp_path / "deck.pdf", spec)
    assert not (tmp_path / "deck.pdf").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lanes.tour.yaml", "lanes.yaml", "slides"]


# --- the command line, in-process -----------------------------------------------------------------
def test_the_command_line_writes_the_deck_of_the_events_file_the_tour_names(qapp, tour_file, tmp_path, capsys):
    out = tmp_path / "deck.pdf"
    assert cli.main(["--export", str(out), "--tour", str(tour_file), "--size", "720p", "--no-sources"]) == 0
    captured = capsys.readouterr()
    assert captured.out == f"wrote {out}\n"
    # the stop whose lane and event are gone is exported, and said so, at its line
    warnings = captured.err.splitlines()
    assert len(warnings) == 2 and all(line.startswith(f"{tour_file}:") and ": warning: " in line for line in warnings)
    assert "unknown lane 'Z'" in warnings[0] and "unknown event 'no-such-event'" in warnings[1]
    line = tour_file.read_text().splitlines().index("  - heading: Gone from the file") + 1
    assert all(w.startswith(f"{tour_file}:{line}:") for w in warnings)
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == len(STOPS)
    for page in reader.pages:  # --size and --no-sources apply to every page
        assert (float(page.mediabox.width), float(page.mediabox.height)) == (960, 540)
        assert "Sources:" not in page.extract_text()


def test_the_command_line_writes_svgs_to_a_folder_with_another_file(qapp, tour_file, tmp_path, capsys):
    other = tmp_path / "other.yaml"
    shutil.copy(LANES, other)
    folder = tmp_path / "slides"
    args = ["--export", f"{folder}/", str(other), "--tour", str(tour_file), "--format", "svg", "--theme", "screen"]
    assert cli.main(args) == 0
    captured = capsys.readouterr()
    assert f"is a tour of lanes.yaml, not of {other}" in captured.err
    assert captured.out.splitlines() == [
        f"wrote {folder / name.replace('.png', '.svg')}" for name in slide_names(STOPS_TOUR)
    ]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--from", "1999"], "--from cannot go with --tour: each stop gives its own range"),
        (["--to", "1999", "--lanes", "A"], "--to, --lanes cannot go with --tour"),
        (["--select", "a00"], "--select cannot go with --tour"),
        (["--title", "T"], "--title cannot go with --tour"),
        (["--country", "Armenia"], "--country cannot go with --tour"),
        (["--members"], "--members cannot go with --tour"),
        (["--format", "json"], "--format json: a deck's images are png or svg"),
        (["--size", "big"], "is not of the form WIDTHxHEIGHT"),
    ],
)
def test_what_the_tour_gives_is_refused_with_a_reason(tour_file, tmp_path, capsys, args, message):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--export", str(tmp_path / "deck.pdf"), "--tour", str(tour_file), *args])
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "deck.pdf").exists()


def test_format_png_without_a_deck_and_tour_with_list_are_refused(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--list", "--format", "png"])
    assert exit_.value.code == 2 and "--format png goes with --export FOLDER/ --tour" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--list", "--tour", "x.tour.yaml"])
    assert exit_.value.code == 2 and "--tour goes with --export (a deck) or the window" in capsys.readouterr().err


def test_a_tour_with_errors_exits_2_with_its_problem_and_writes_nothing(qapp, tour_file, tmp_path, capsys):
    text = tour_file.read_text().replace("to: 1994", "to: 1994-13")
    tour_file.write_text(text)
    line = text.splitlines().index("    to: 1994-13") + 1
    out = tmp_path / "slides"
    assert cli.main(["--export", f"{out}/", "--tour", str(tour_file)]) == 2
    captured = capsys.readouterr()
    errors = captured.err.splitlines()
    assert len(errors) == 1 and errors[0].startswith(f"{tour_file}:{line}:") and "month 13" in errors[0]
    assert captured.out == "" and not out.exists()


def test_a_failed_export_exits_2_with_one_line(qapp, tour_file, tmp_path, capsys):
    assert cli.main(["--export", str(tmp_path / "nowhere" / "deck.pdf"), str(LANES), "--tour", str(tour_file)]) == 2
    errors = capsys.readouterr().err.splitlines()
    assert [line for line in errors if ": warning: " not in line] == [
        f"timeline-app: cannot write '{tmp_path / 'nowhere' / 'deck.pdf'}': folder '{tmp_path / 'nowhere'}' does not exist"
    ]


def test_a_tour_whose_events_file_is_missing_says_so(tour_file, tmp_path, capsys):
    (tmp_path / "lanes.yaml").unlink()
    assert cli.main(["--export", str(tmp_path / "deck.pdf"), "--tour", str(tour_file)]) == 2
    assert (
        capsys.readouterr().err == f"timeline-app: {tour_file}: its events file 'lanes.yaml' is not found; name FILE\n"
    )
    assert not (tmp_path / "deck.pdf").exists()


@pytest.mark.slow
def test_main_py_writes_a_deck(tour_file, tmp_path):
    out = tmp_path / "deck.pdf"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--export", str(out), "--tour", str(tour_file)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote {out}\n" and "Traceback" not in result.stderr
    assert len(pypdf.PdfReader(out).pages) == len(STOPS)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.pdf", "lanes.tour.yaml", "lanes.yaml"]


# --- the gallery and the bundled tour ---------------------------------------------------------------
def test_the_gallery_writes_the_deck_of_a_tour(qapp, timeline, tour_file, tmp_path):
    from timeline_app.render import gallery

    out = tmp_path / "deck.pdf"
    assert gallery._write_deck(tour_file, out, timeline)
    assert len(pypdf.PdfReader(out).pages) == len(STOPS)


@pytest.mark.skipif(not bundled_tours(), reason="no bundled tour in resources/tours/ yet")
def test_the_deck_of_each_bundled_tour_has_a_page_per_stop(qapp, bundled, tmp_path):
    for path in bundled_tours():
        result = load_tour(path)
        assert result.ok, result.problems
        assert result.tour.events_path().resolve() == BUNDLED.resolve()
        out = tmp_path / f"{path.stem}.pdf"
        export_deck(bundled, result.tour, out, FigureSpec(1280, 720))
        reader = pypdf.PdfReader(out)
        assert len(reader.pages) == len(result.tour.stops)
        for page, stop in zip(reader.pages, result.tour.stops, strict=True):
            assert stop.heading in words(page.extract_text())
