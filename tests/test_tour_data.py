"""The bundled tour of the bundled data (resources/tours/): it loads clean, every stop is a slide
that makes its point, and its headings claim no date its selected event's citations do not give."""

import datetime as dt
import re

import pytest
import yaml
from PySide6 import QtGui

from conftest import BUNDLED, ROOT
from timeline_app.core.figure import SIZE_PRESETS, FigureSpec
from timeline_app.core.quote import sentence_ends
from timeline_app.core.state import Document, ViewState
from timeline_app.core.tour import bundled_tours, check_tour, dump_tour, load_tour, parse_tour

TOUR = ROOT / "resources" / "tours" / "security-organisations.tour.yaml"
RAW = yaml.safe_load(TOUR.read_text(encoding="utf-8"))  # the file as written, read without the app
MIN_STOPS, MAX_STOPS = 6, 12
MAX_HEADING = 70  # characters: a slide title on one line
NOTE_SENTENCES = range(2, 5)  # a speaker's note: two to four sentences


@pytest.fixture(scope="module")
def tour():
    result = load_tour(TOUR)
    assert result.tour is not None, "\n".join(map(str, result.problems))
    return result.tour


def stop_ids(raw=RAW):
    return [f"{number:02d}" for number in range(1, len(raw["stops"]) + 1)]


def epoch(day: dt.date) -> float:
    return (day - dt.date(1970, 1, 1)).days * 86400.0


def first_day(text) -> dt.date:
    """The first day of YYYY, YYYY-MM or YYYY-MM-DD, as the file writes it."""
    parts = [int(p) for p in str(text).split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def last_day(text) -> dt.date:
    parts = [int(p) for p in str(text).split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    following = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    return following - dt.timedelta(days=1)


# --- the file ---------------------------------------------------------------------------------
def test_the_tour_is_bundled_and_loads_without_a_problem(tour):
    assert TOUR in bundled_tours()
    result = load_tour(TOUR)
    assert result.ok and result.problems == []
    assert tour.title == RAW["title"] == "The CIS and its security organisations, 1991-2015"


def test_it_belongs_to_the_bundled_events_file(tour):
    assert tour.events == "events.yaml"
    assert tour.events_path() == BUNDLED.resolve()


def test_checked_against_the_bundled_events_it_gives_no_warning(tour, bundled):
    assert check_tour(tour, bundled, str(TOUR)) == []


def test_saved_again_it_reads_back_the_same(tour):
    """The Tour dock may save it over itself: nothing of it is lost in the writing."""
    again = parse_tour(dump_tour(tour))
    assert again.problems == [] and again.tour == tour


def test_eight_or_so_stops_each_with_a_heading_and_a_note(tour):
    assert MIN_STOPS <= len(tour.stops) <= MAX_STOPS
    assert len(tour.stops) == len(RAW["stops"])  # none was left out for an error
    for stop in tour.stops:
        assert stop.heading and len(stop.heading) <= MAX_HEADING, stop.heading
        assert len(sentence_ends(stop.note)) + 1 in NOTE_SENTENCES, stop.note
        assert stop.selected, stop.heading


def test_the_headings_are_unique(tour):
    headings = [stop.heading.casefold() for stop in tour.stops]
    assert len(set(headings)) == len(headings)


def test_the_stops_tell_the_story_in_order(tour, bundled):
    """Each stop's selected event is not earlier than the one before it, year by year."""
    years = [bundled.event(stop.selected).first_day.year for stop in tour.stops]
    assert years == sorted(years)
    assert years[0] == 1991 and years[-1] == 2015


# --- each stop --------------------------------------------------------------------------------
@pytest.mark.parametrize("index", range(len(RAW["stops"])), ids=stop_ids())
def test_the_selected_event_lies_in_the_stops_range_and_lanes(tour, bundled, index):
    raw, stop = RAW["stops"][index], tour.stops[index]
    event = bundled.event(raw["select"])
    assert event is not None, raw["select"]
    start, end = epoch(first_day(raw["from"])), epoch(last_day(raw["to"]) + dt.timedelta(days=1))
    assert stop.time_range() == (start, end)
    assert start <= epoch(event.first_day) and epoch(event.last_day) < end, event.id
    assert set(event.lanes) & set(raw["lanes"]), event.id
    assert set(raw.get("members", ())) <= set(raw["lanes"])  # member rows need their lane shown


@pytest.mark.parametrize("index", range(len(RAW["stops"])), ids=stop_ids())
def test_the_stop_shows_its_event_selected_and_matching(tour, bundled, index):
    """Applied to a window's state, the stop selects its event, and its filters (the country
    followed too) leave it standing out, not dimmed; the followed country is one it names."""
    stop = tour.stops[index]
    state = ViewState(Document(bundled))
    stop.apply(state)
    assert state.selected == stop.selected
    assert state.is_match(stop.selected)
    assert set(state.visible_lanes) == set(stop.lanes)
    assert state.member_lanes == set(stop.member_lanes)
    if stop.followed is not None:
        assert state.followed == stop.followed
        assert stop.followed in bundled.event(stop.selected).countries


@pytest.mark.parametrize("index", range(len(RAW["stops"])), ids=stop_ids())
def test_a_heading_names_only_years_its_event_is_cited_for(tour, bundled, index):
    """Our words claim no date the sources do not give: each year in a heading is in an excerpt
    of the selected event or a date of its citations."""
    stop = tour.stops[index]
    event = bundled.event(stop.selected)
    cited = " ".join(c.excerpt for c in event.citations) + " " + " ".join(str(c.date) for c in event.citations)
    for year in re.findall(r"\b(?:19|20)\d\d\b", stop.heading):
        assert year in cited, f"{stop.heading!r}: {year} is not in {event.id}'s citations"


# --- each stop as a slide ---------------------------------------------------------------------
@pytest.mark.parametrize("preset", ["720p", "1080p"])
@pytest.mark.parametrize("index", range(len(RAW["stops"])), ids=stop_ids())
def test_each_slide_has_its_callout_inside_the_plot_and_its_whole_heading(qapp, tour, bundled, index, preset):
    """The figure of each stop keeps its callout inside the plot (pointing at its glyph, not in a
    column beside it), its quotation is not cut inside a clause, and the heading fits as the
    title, not shortened."""
    from timeline_app.render.compose import Figure

    stop = tour.stops[index]
    width, height = SIZE_PRESETS[preset]
    figure = Figure(bundled, stop.figure_spec(FigureSpec(width=width, height=height)))
    try:
        layout = figure.layout
        assert layout.callout is not None and layout.callout_anchor is not None, "the callout is beside the plot"
        assert layout.plot.contains(layout.callout)
        assert layout.callout_quote is not None and layout.callout_quote.how != "word", layout.callout_quote
        assert figure.spec.title == stop.heading and stop.note not in (figure.spec.title, figure.spec.caption)
        title_font = figure.theme.font(figure.theme.title_pt, bold=True)
        assert QtGui.QFontMetricsF(title_font).horizontalAdvance(stop.heading) <= layout.title.width()
    finally:
        figure.close()
