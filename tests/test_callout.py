"""The callout: whole sentences (or a clause) quoted, the citation chosen, and a card that hides nothing."""

import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from picture import distance, span
from PySide6 import QtCore, QtGui

from conftest import DATA
from timeline_app.core.cite import quotation
from timeline_app.core.figure import FigureSpec
from timeline_app.core.quote import (
    CUT_MARK,
    ELLIPSIS,
    Shortened,
    clause_ends,
    cut_points,
    quote_excerpt,
    sentence_ends,
    shorten,
    shortening,
)

CALLOUT = DATA / "callout.yaml"


def svg_text(path):
    return [element.text for element in ET.parse(path).iter() if element.tag.endswith("text") and element.text]


def joined_text(path):
    return " ".join(" ".join(svg_text(path)).split())


def longer_than(limit):
    return lambda text: len(text) <= limit


@pytest.fixture(scope="module")
def callout_data():
    from timeline_app.core.loader import load_timeline

    return load_timeline(CALLOUT).timeline


# --- where a text may be cut ------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, sentences",
    [
        ("Dr. Smith arrived. Then he left.", ["Dr. Smith arrived."]),
        ("The U.S. delegation agreed. Others did not.", ["The U.S. delegation agreed."]),
        ("Some states, e.g. Ardonia, agreed. Others did not.", ["Some states, e.g. Ardonia, agreed."]),
        ("A. Mutalibov and L. Kravchuk signed it. It held.", ["A. Mutalibov and L. Kravchuk signed it."]),
        ("Growth was 1.5 percent in 2001. It fell.", ["Growth was 1.5 percent in 2001."]),
        ("It is cited in para. 84 of the report. No more.", ["It is cited in para. 84 of the report."]),
        ("They met in 1999. 2000 was quiet.", ["They met in 1999."]),
        ("Arms, drugs, and etc. It was also agreed.", ["Arms, drugs, and etc."]),
        ("He said “it is over. We go” and left. Then silence.", ["He said “it is over. We go” and left."]),
        ("It ended (as planned.) Then another began.", ["It ended (as planned.)"]),
        ("They signed … the treaty. … So it began.", ["They signed … the treaty."]),
        ("Was it over? Nobody knew!", ["Was it over?"]),
        ("One sentence only.", []),
    ],
)
def test_sentence_ends_pass_over_abbreviations_initials_and_numbers(text, sentences):
    assert [text[:end] for end in sentence_ends(text)] == sentences


@pytest.mark.parametrize(
    "text, clauses",
    [
        (
            "The six members agreed on a charter in Moscow; it came into force a year later.",
            ["The six members agreed on a charter in Moscow"],
        ),
        (
            "The organization was founded by six states in 2002, which has seven members now.",
            ["The organization was founded by six states in 2002"],
        ),
        (
            "The CSTO has seven members at the moment: Armenia, Belarus and Russia.",
            ["The CSTO has seven members at the moment"],
        ),
        (
            "The treaty was signed by the six leaders in Tashkent — a first for the region.",
            ["The treaty was signed by the six leaders in Tashkent"],
        ),
        (  # a list is no clause
            "Leaders from Russia, Belarus, Armenia, Kazakhstan, and Tajikistan agreed to it.",
            [],
        ),
        (  # two dashes are a parenthesis, not a clause's end
            "Several of the original signatories -- Uzbekistan, Georgia, and Azerbaijan -- pulled out.",
            [],
        ),
        (  # a subject without its verb is no clause
            "The Executive Committee of the whole CIS, which is its standing body, sits in Minsk.",
            [],
        ),
        ("Prague, 15 May 2002 (RFE/RL) -- The six members met.", []),  # a dateline
        ("Alma – Ata and Inter – Parliamentary bodies were set up in the region.", []),  # en dash: a hyphen
    ],
)
def test_clause_ends_are_real_clauses(text, clauses):
    assert [text[:end] for end in clause_ends(text)] == clauses


def test_cut_points_give_sentence_ends_first_then_clause_ends():
    text = "The members met in the capital and agreed; it held. Then they went home, which was late. Done."
    points = cut_points(text)
    sentences = sentence_ends(text)
    assert points[: len(sentences)] == sentences == sorted(sentences)
    assert [text[:p] for p in points[len(sentences) :]] == [
        "The members met in the capital and agreed",
        "The members met in the capital and agreed; it held. Then they went home",
    ]


# --- shortening ---------------------------------------------------------------------------------
LONG = (
    "The members of the pact met in the capital. They agreed to turn the alliance into an "
    "organization. Dr. Smith of the U.S. delegation called it a turning point."
)


def test_a_text_that_fits_is_whole():
    assert shortening(LONG, longer_than(1000)).how == "whole"
    assert shorten(LONG, longer_than(len(LONG))) == LONG


def test_the_longest_run_of_whole_sentences_that_fits_is_kept():
    two = "The members of the pact met in the capital. They agreed to turn the alliance into an organization."
    assert shorten(LONG, longer_than(len(two) + 2)) == two + "\u00a0\u2026"
    assert shorten(LONG, longer_than(len(two) + 1)) == "The members of the pact met in the capital.\u00a0\u2026"


def test_a_clause_only_when_not_even_the_first_sentence_fits():
    text = "The members of the pact met in the capital yesterday; they agreed to turn it into an organization. Then."
    short = shortening(text, longer_than(70))
    assert short == Shortened("The members of the pact met in the capital yesterday\u00a0\u2026", "clause")


def test_a_word_cut_is_the_last_resort():
    text = "The members of the pact met in the capital yesterday and agreed to turn it into an organization."
    short = shortening(text, longer_than(30))
    assert short.how == "word" and short.text == "The members of the pact met\u00a0\u2026"


def test_an_elision_in_the_excerpt_is_text():
    text = "They signed the treaty … in Tashkent. … Then they left for home."
    assert shorten(text, longer_than(40)) == "They signed the treaty … in Tashkent.\u00a0\u2026"


def test_the_quotation_is_shortened_inside_its_marks():
    excerpt = 'The *Rubezh 2010* drills were held in Tajikistan. They included "rapid" forces.'
    fits = longer_than(len("“The Rubezh 2010 drills were held in Tajikistan. …”"))
    short = quote_excerpt(excerpt, fits)
    assert short.text == "\u201cThe Rubezh 2010 drills were held in Tajikistan.\u00a0\u2026\u201d"
    assert quote_excerpt(excerpt, longer_than(1000)).text == quotation(excerpt)


_WORDS = ["the", "pact", "met", "signed", "Dr.", "U.S.", "e.g.", "A.", "1.5", "No.", "…", "Ardonia", "it", "was"]
_JOINS = [" ", " ", " ", ", ", "; ", ", which ", ", and ", " -- ", ": "]
_ENDS = [".", ".", "?", "!", "", " …"]


@st.composite
def sentences(draw):
    words = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=14))
    joins = draw(st.lists(st.sampled_from(_JOINS), min_size=len(words), max_size=len(words)))
    first = draw(st.sampled_from(["The", "They", "Leaders", "1999", "Dr."]))
    body = "".join(join + word for join, word in zip(joins, words, strict=True))
    return first + body + draw(st.sampled_from(_ENDS))


def _elide(text, end):
    kept = text[:end].rstrip().rstrip(",;:\u2013\u2014-").rstrip()
    return kept if kept.endswith(ELLIPSIS) else kept + CUT_MARK


@settings(max_examples=300, deadline=None)
@given(st.lists(sentences(), min_size=1, max_size=6), st.integers(min_value=3, max_value=400))
def test_a_shortened_text_is_a_prefix_that_ends_at_a_cut_point(parts, limit):
    text = " ".join(parts)
    fits = longer_than(limit)
    short = shortening(text, fits)
    if short.how == "whole":
        assert short.text == text.strip() and fits(text.strip())
        return
    assert short.text.endswith(ELLIPSIS)
    stripped = short.text.removesuffix(CUT_MARK)
    kept = stripped if text.startswith(stripped) else short.text
    assert text.startswith(kept)  # a prefix of the excerpt, up to the ellipsis
    first = (sentence_ends(text) or [len(text)])[0]
    whole_cuts = sentence_ends(text) + [p for p in clause_ends(text) if p < first]
    if short.how in ("sentence", "clause"):
        assert short.text in {_elide(text, p) for p in cut_points(text)} and fits(short.text)
        if short.how == "clause":  # not even the first sentence fits
            assert not any(fits(_elide(text, p)) for p in sentence_ends(text))
    else:  # a word cut only when no sentence or clause fits, and at the end of a word
        assert not any(fits(_elide(text, p)) for p in whole_cuts)
        following = text[len(kept) :][:1]
        assert following.isspace() or following in ",;:-\u2013\u2014"


# --- the figure's callout -------------------------------------------------------------------------
def test_a_long_excerpt_is_quoted_to_its_last_whole_sentence(qapp, callout_data):
    from timeline_app.render.compose import Figure

    figure = Figure(callout_data, FigureSpec(1920, 1080, selected="pact-organized"))
    try:
        quote = figure.layout.callout_quote
        excerpt = callout_data.event("pact-organized").citations[0].excerpt
    finally:
        figure.close()
    assert quote.how == "sentence"
    assert quote.text.endswith(".\u00a0\u2026\u201d")
    assert excerpt.startswith(quote.text[1:-3])
    assert len(quote.text) < len(excerpt)


def test_a_long_first_sentence_is_quoted_to_a_clause(qapp, callout_data):
    from timeline_app.render.compose import Figure

    figure = Figure(callout_data, FigureSpec(1920, 1080, selected="secretariat-opened"))
    try:
        quote = figure.layout.callout_quote
    finally:
        figure.close()
    assert quote.how == "clause"
    assert quote.text.endswith("members of the organization\u00a0\u2026\u201d")  # before the semicolon


def test_a_short_excerpt_is_quoted_whole(qapp, callout_data, tmp_path):
    from timeline_app.render.export import export_figure

    out = tmp_path / "short.svg"
    export_figure(callout_data, out, FigureSpec(1280, 720, selected="council-met"))
    assert "\u201cThe Beta council met in June 2002.\u201d" in joined_text(out)


def _cli(argv, capsys):
    from timeline_app.cli import main

    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_quote_picks_the_second_citation(qapp, capsys, tmp_path):
    out = tmp_path / "second.svg"
    code, _, _ = _cli(
        [str(CALLOUT), "--export", str(out), "--select", "pact-organized", "--quote", "2", "--size", "720p"], capsys
    )
    assert code == 0
    text = joined_text(out)
    assert "transformed into the Alpha Treaty Organization on 15 May 2002." in text
    assert "\u2014 Roe 2011, p. 93" in text  # its short reference
    assert "Capital, 14 May 2002" not in text  # not the first citation
    assert re.search(r"Sources: [^.]*Roe 2011", text)  # the quoted citation's source is on the source line
    first = tmp_path / "first.svg"
    assert _cli([str(CALLOUT), "--export", str(first), "--select", "pact-organized"], capsys)[0] == 0
    assert "Capital, 14 May 2002" in joined_text(first) and "Roe 2011, p. 93" not in joined_text(first)


@pytest.mark.parametrize("number", ["3", "0", "-1"])
def test_quote_beyond_the_citations_is_refused_in_one_line(qapp, capsys, tmp_path, number):
    out = tmp_path / "no.svg"
    code, _, err = _cli([str(CALLOUT), "--export", str(out), "--select", "pact-organized", "--quote", number], capsys)
    assert code == 2
    assert err == "timeline-app: event pact-organized has 2 citations; --quote takes 1 to 2\n"
    assert not out.exists()


@pytest.mark.parametrize(
    "argv",
    [["--export", "OUT", "--quote", "2"], ["--quote", "2", "--select", "pact-organized"]],
    ids=["without --select", "without --export"],
)
def test_quote_needs_export_and_select(capsys, tmp_path, argv):
    from timeline_app.cli import main

    argv = [str(tmp_path / "q.svg") if arg == "OUT" else arg for arg in argv]
    with pytest.raises(SystemExit) as exit_:
        main([str(CALLOUT), *argv])
    assert exit_.value.code == 2
    assert "--quote N goes with --export and --select ID" in capsys.readouterr().err


# --- a card that hides nothing, at every size (the bundled data) -------------------------------------
SIZES = {"720p": (1280, 720), "1080p": (1920, 1080), "4k": (3840, 2160), "portrait": (1080, 1350)}
SELECTIONS = {
    "the CSTO's founding, CST/CSTO and SCO, 2001-2003": ("csto-founded-2002", ("CSTO", "SCO"), ("2001", "2003"), ()),
    "the SCO's founding, all lanes, 1999-2002": ("sco-founded-2001", None, ("1999", "2002"), ()),
    "the Alma-Ata meeting, a long quotation, 1991-1993": ("cis-alma-ata-1991", None, ("1991", "1993"), ()),
    "Uzbekistan leaves, with member rows, 1998-2000": ("cst-uzbekistan-exit-1999", None, ("1998", "2000"), ("CSTO",)),
    "the rapid forces, full span": ("csto-rapid-forces-2009", None, None, ()),
}


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
@pytest.mark.parametrize("selection", SELECTIONS.values(), ids=SELECTIONS.keys())
def test_the_callout_hides_no_label_glyph_era_or_row(qapp, bundled, size, selection):
    from timeline_app.render.compose import Figure

    event_id, lanes, dates, members = selection
    start, end = span(*dates) if dates else (FigureSpec().start, FigureSpec().end)
    spec = FigureSpec(*size, lanes=lanes, start=start, end=end, selected=event_id, member_lanes=members)
    figure = Figure(bundled, spec)
    try:
        card, layout = figure.layout.callout, figure.layout
        assert card is not None
        hit = [rect for rect in figure.occupied() if card.intersects(rect)]
        assert not hit, f"the callout {card} covers {hit}"
        leaders = _leader_lines(figure)
        assert leaders and not [line for line in leaders if _meets(line, card)], "the callout covers a label's leader"
        glyph = figure.view.scene_pos_of(event_id) + figure.plot_origin()
        r = figure.view.theme.marker_px
        assert not card.intersects(QtCore.QRectF(glyph.x() - r, glyph.y() - r, 2 * r, 2 * r))  # its own glyph
        assert QtCore.QRectF(0, 0, figure.width, figure.height).contains(card)
        assert not any(card.intersects(rect) for rect in (layout.legend, layout.footer, layout.title) if rect)
        if layout.callout_anchor is not None:  # a card inside the plot points at its own glyph
            assert layout.callout_anchor == glyph
    finally:
        figure.close()


def _leader_lines(figure):
    """Each label's leader, down from its glyph to the label's middle, in figure coordinates."""
    vb, origin = figure.view.view_box, figure.plot_origin()
    lines = []
    for label in figure.view.label_layer.labels:
        top = vb.mapToScene(QtCore.QPointF(label.anchor_x, label.glyph_bottom)) + origin
        bottom = vb.mapToScene(QtCore.QPointF(label.anchor_x, label.rect.center().y())) + origin
        lines.append(QtCore.QLineF(top, bottom))
    return lines


def _meets(line, rect):
    """Whether a vertical line crosses a rectangle."""
    low, high = sorted((line.y1(), line.y2()))
    return rect.left() <= line.x1() <= rect.right() and low <= rect.bottom() and high >= rect.top()


def test_the_issues_slide_quotes_a_whole_sentence_beside_its_glyph(qapp, bundled, tmp_path):
    """The CSTO's founding, 2001-2003, CST/CSTO and SCO at 720p: the quotation ends on a sentence,
    and the picture shows the selected glyph in its lane's colour, not under the card."""
    from timeline_app.render.compose import Figure
    from timeline_app.render.export import export_figure

    start, end = span("2001", "2003")
    spec = FigureSpec(1280, 720, lanes=("CSTO", "SCO"), start=start, end=end, selected="csto-founded-2002")
    svg, png = tmp_path / "slide.svg", tmp_path / "slide.png"
    export_figure(bundled, svg, spec)
    export_figure(bundled, png, spec)
    text = joined_text(svg)
    assert "breathe new life into their decade-old alliance. \u2026\u201d" in text
    assert "Leaders from Russia, Belarus" not in text  # never mid-list
    figure = Figure(bundled, spec)
    try:
        unit = spec.width / figure.width
        glyph = (figure.view.scene_pos_of("csto-founded-2002") + figure.plot_origin()) * unit
        card = figure.layout.callout
        card = QtCore.QRectF(card.topLeft() * unit, card.bottomRight() * unit)
        card_colour = QtGui.QColor(figure.theme.card)
    finally:
        figure.close()
    image = QtGui.QImage(str(png))
    lane = QtGui.QColor(bundled.lane("CSTO").color)
    near = [
        image.pixelColor(round(glyph.x()) + dx, round(glyph.y()) + dy) for dx in range(-12, 13) for dy in range(-12, 13)
    ]
    assert any(distance(colour, lane) < 60 for colour in near)  # the star is seen
    inside = image.pixelColor(round(card.right()) - 6, round(card.bottom()) - 6)
    assert distance(inside, card_colour) < 12  # and the card is where the layout says
