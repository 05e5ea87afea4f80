"""Search, filters, walking and history in the Qt-free view state (no display needed).

Expected matches are computed here from the fixture's own fields (plain loops and regular
expressions over the events), never through the code under test.
"""

import re
import unicodedata

import pytest

from conftest import LANES
from timeline_app.core.browse import Aliases, AliasGroup, Filters, SearchIndex, country_counts, fold, matching_mask
from timeline_app.core.dates import SECONDS_PER_DAY, day_to_epoch, parse_date
from timeline_app.core.loader import load_timeline
from timeline_app.core.state import Document, ViewState


@pytest.fixture(scope="module")
def lanes():
    return load_timeline(LANES).timeline


def opened(path=LANES, aliases=None):
    document = Document()
    state = ViewState(document, aliases=aliases)
    document.open(path)
    return state


def plain(text):
    """Lower case, no accents: the independent fold of the tests."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def texts(timeline, event):
    """What search reads of an event: its text, and its lanes' names as they were at its date
    (the eras it falls in; a lane without eras by its id, name and title)."""
    lanes = []
    for lane in (timeline.lane(i) for i in event.lanes):
        eras = [
            era.name
            for era, first, stop in lane.era_spans()
            if event.last_day >= first and (stop is None or event.first_day < stop)
        ]
        lanes += eras or [f"{lane.id} {lane.name} {lane.title}"]
    return [event.title, event.summary, *event.countries, *(c.excerpt for c in event.citations), *lanes]


def with_word_starting(timeline, prefix):
    pattern = re.compile(r"(?<![^\W_])" + re.escape(plain(prefix)))
    return {e.id for e in timeline.events if any(pattern.search(plain(t)) for t in texts(timeline, e))}


def ids_of(timeline, mask):
    return {e.id for e, ok in zip(timeline.events, mask, strict=True) if ok}


# --- search ---------------------------------------------------------------------------------
@pytest.mark.parametrize("query", ["alma", "ALMATY", "Áℓmaty", "baku", "minsk", "treaty", "alliance"])
def test_search_finds_word_beginnings_in_any_case_and_accent(lanes, query):
    found = ids_of(lanes, matching_mask(lanes, Filters(text=query)))
    assert found == with_word_starting(lanes, unicodedata.normalize("NFKC", query)) and found


def test_search_does_not_match_inside_words_and_needs_every_word(lanes):
    assert ids_of(lanes, matching_mask(lanes, Filters(text="lmaty"))) == set()
    both = ids_of(lanes, matching_mask(lanes, Filters(text="summit almaty")))
    assert both == with_word_starting(lanes, "summit") & with_word_starting(lanes, "almaty") and both


def test_search_reads_lane_and_era_names(lanes):
    era = ids_of(lanes, matching_mask(lanes, Filters(text="Alliance Organisation")))
    # the era "Alliance Organisation" runs from October 2002 in lane A
    expected = {e.id for e in lanes.events if "A" in e.lanes and e.last_day >= parse_date("2002-10").first_day} | (
        with_word_starting(lanes, "alliance") & with_word_starting(lanes, "organisation")
    )
    assert era == expected and era


def test_an_empty_query_lets_everything_through(lanes):
    assert all(matching_mask(lanes, Filters(text="  ,; ")))
    assert SearchIndex(lanes).search("--") is None


def test_search_text_cannot_break_the_query_syntax(lanes):
    for nasty in ['"', "a OR", "NOT b*", "(x", "NEAR(a b)", "*", "^c", "a:b"]:
        matching_mask(lanes, Filters(text=nasty))  # no sqlite3.OperationalError


# --- aliases -----------------------------------------------------------------------------
def test_each_alias_finds_the_events_of_its_canonical_name(bundled):
    aliases = Aliases.bundled()
    index = SearchIndex(bundled, aliases)
    assert len(aliases.groups) >= 15
    for group in aliases.groups:
        canonical = {e.id for e in bundled.events if any(_has_name(t, group.name) for t in texts(bundled, e))}
        by_name = {bundled.events[row].id for row in index.search(group.name)}
        for spelling in group.every:
            found = {bundled.events[row].id for row in index.search(spelling)}
            assert canonical <= found, (spelling, group.name, sorted(canonical - found)[:5])
            # every spelling finds what the name finds, and more only by its own word beginnings
            # ("Russia" also begins "Russian")
            assert by_name - found <= with_word_starting(bundled, group.name), (spelling, sorted(by_name - found)[:5])
            assert found - by_name <= with_word_starting(bundled, spelling), (spelling, sorted(found - by_name)[:5])


def _has_name(text, name):
    return re.search(r"(?<![^\W_])" + re.escape(plain(name)) + r"(?![^\W_])", plain(text)) is not None


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("Byelorussia", "Belarus"),
        ("Moldavia", "Moldova"),
        ("Kishinev", "Chisinau"),
        ("Frunze", "Bishkek"),
        ("Kirghizia", "Kyrgyzstan"),
        ("kirg", "Kyrgyzstan"),
        ("Alma-Ata", "Almaty"),
        ("Erevan", "Yerevan"),
        ("ODKB", "CSTO"),
        ("EAEC", "EurAsEC"),
        ("GUAM", "GUUAM"),
        ("Tashkent Treaty", "CST"),
    ],
)
def test_what_users_type_finds_the_name_the_data_uses(bundled, typed, name):
    aliases = Aliases.bundled()
    found = ids_of(bundled, matching_mask(bundled, Filters(text=typed), aliases=aliases))
    canonical = {e.id for e in bundled.events if any(_has_name(t, name) for t in texts(bundled, e))}
    assert canonical and canonical <= found


def test_a_short_beginning_stands_for_itself_only():
    aliases = Aliases([AliasGroup("Kyrgyzstan", "country", ("Kirghizia",))])
    assert aliases.groups_at(["ki"], 0) == (1, [], False)
    assert aliases.groups_at(["kir"], 0) == (1, [0], False)
    assert aliases.groups_at(["kirghizia"], 0) == (1, [0], True)
    two = Aliases([AliasGroup("Almaty", "place", ("Alma-Ata",))])
    assert two.groups_at(["alma", "at"], 0) == (2, [0], False)  # both words make the name


def test_an_organisation_is_not_found_by_the_longer_name_it_begins(bundled):
    """ "CST" is the Collective Security Treaty, not the CSTO that grew out of it; "Tashkent"
    (a place) still finds the Tashkent Treaty."""
    aliases = Aliases.bundled()

    def found(text):
        return ids_of(bundled, matching_mask(bundled, Filters(text=text), aliases=aliases))

    cst = found("CST")
    assert cst == found("Collective Security Treaty") == found("Tashkent Treaty on Collective Security")
    csto_only = {
        e.id
        for e in bundled.events
        if not any(_names_cst(t) for t in texts(bundled, e)) and any(_has_name(t, "CSTO") for t in texts(bundled, e))
    }
    assert csto_only and not cst & csto_only
    assert csto_only <= found("CSTO") and "csto-osh-refusal-2010" in csto_only
    tashkent = {e.id for e in bundled.events if any(_has_name(t, "Tashkent") for t in texts(bundled, e))}
    assert tashkent <= found("Tashkent")


def _names_cst(text):
    """The CST under any of its names, but not inside a name of the CSTO (independent of the code)."""
    folded = re.sub(r"collective[- ]security treaty organi[sz]ation", " ", plain(text))
    return (
        re.search(r"\bcst\b|collective[- ]security treaty|treaty on collective security|tashkent? treaty", folded)
        is not None
    )


def test_country_filter_takes_any_spelling(bundled):
    aliases = Aliases.bundled()
    for typed in ("Kirghizia", "Kyrgyzstan", "kyrgyzstan"):
        found = ids_of(bundled, matching_mask(bundled, Filters(countries=frozenset({typed})), aliases=aliases))
        assert found == {e.id for e in bundled.events if "Kyrgyzstan" in e.countries}


def test_country_counts(lanes):
    expected = {}
    for event in lanes.events:
        for country in set(event.countries):
            expected[country] = expected.get(country, 0) + 1
    assert country_counts(lanes) == sorted(expected.items())


# --- filters ---------------------------------------------------------------------------------
def test_each_filter_narrows_as_its_field_says(lanes):
    def check(filters, keep):
        assert ids_of(lanes, matching_mask(lanes, filters)) == {e.id for e in lanes.events if keep(e)}

    check(Filters(kinds=frozenset({"treaty", "summit"})), lambda e: e.kind in ("treaty", "summit"))
    check(Filters(sources=frozenset({"wire"})), lambda e: any(c.source == "wire" for c in e.citations))
    check(Filters(precisions=frozenset({"year"})), lambda e: e.date.month is None)
    check(Filters(precisions=frozenset({"month"})), lambda e: e.date.month is not None and e.date.day is None)
    check(Filters(disagreements=True), lambda e: len({c.date for c in e.citations if c.date}) > 1)
    check(
        Filters(countries=frozenset({"Armenia", "Russia"}), kinds=frozenset({"treaty"})),
        lambda e: bool({"Armenia", "Russia"} & set(e.countries)) and e.kind == "treaty",
    )


def test_filters_in_words_and_through_the_settings():
    filters = Filters(
        text=" osh ", countries=frozenset({"Uzbekistan"}), kinds=frozenset({"membership"}), disagreements=True
    )
    assert (
        filters.describe()
        == "\u201cosh\u201d \u00b7 Uzbekistan \u00b7 membership \u00b7 sources disagree \u00b7 4 filters"
    )
    assert Filters.from_json(filters.to_json()) == filters
    assert Filters.from_json({"countries": "Armenia", "kinds": [1, "treaty"], "text": 3}) == Filters(
        kinds=frozenset({"treaty"})
    )
    assert Filters.from_json(None) == Filters() and not Filters().active
    assert Filters(sources=frozenset({"wire"})).describe({"wire": "Test Wire, 15 May 2002"}).startswith("Test Wire")


def test_fold():
    assert fold("Chișinău") == "chisinau" and fold("ÉREVAN") == "erevan"


# --- the view state ------------------------------------------------------------------------------
def test_the_state_announces_filters_once_and_counts_only_visible_lanes():
    state = opened()
    heard = []
    state.filters_changed.connect(heard.append)
    state.set_filter_values("countries", ["Armenia"])
    state.set_filter_values("countries", ["Armenia"])  # no change: no signal
    assert len(heard) == 1 and heard[0].countries == {"Armenia"}
    armenia = [e.id for e in state.timeline.events if "Armenia" in e.countries]
    assert [e.id for e in state.matching_events()] == armenia
    state.set_lane_visible("A", False)
    assert [e.id for e in state.matching_events()] == [i for i in armenia if set(state.timeline.event(i).lanes) - {"A"}]
    other = next(e.id for e in state.timeline.events if "Armenia" not in e.countries)
    assert state.is_match(armenia[0]) and not state.is_match(other)
    state.clear_filters()
    assert state.is_match(other) and not state.filters.active


def test_hiding_the_others_drops_a_selection_that_does_not_match_dimming_keeps_it():
    state = opened()
    other = next(e.id for e in state.timeline.events if "Armenia" not in e.countries)
    state.select(other)
    state.filter_by("countries", "Armenia")
    assert state.selected == other  # dimmed, still selected
    heard = []
    state.selection_changed.connect(heard.append)
    state.set_hide_unmatched(True)
    assert state.selected is None and heard == [None]
    state.select(other)
    assert state.selected is None  # hidden events cannot be selected
    spec = state.figure_spec()
    assert spec.filters == state.filters and spec.hide_unmatched


def test_filters_stay_when_the_file_is_read_again(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text(LANES.read_text(encoding="utf-8"), encoding="utf-8")
    state = opened(path)
    state.set_search("almaty")
    before = [e.id for e in state.matching_events()]
    path.write_text(path.read_text(encoding="utf-8").replace("almaty", "almaty town"), encoding="utf-8")
    assert state.document.reload()
    assert state.filters.text == "almaty" and [e.id for e in state.matching_events()] == before


def mid(event):
    return (day_to_epoch(event.date.first_day) + day_to_epoch(event.date.last_day) + SECONDS_PER_DAY) / 2


def test_stepping_walks_the_matches_in_time_and_brings_each_into_view():
    state = opened()
    state.set_filter_values("kinds", ["treaty"])
    treaties = sorted((e for e in state.timeline.events if e.kind == "treaty"), key=lambda e: (mid(e), e.id))
    state.go_to(parse_date("1991"), parse_date("1992"))
    width = state.time_range[1] - state.time_range[0]
    seen = []
    while (event := state.step(1)) is not None:
        seen.append(event.id)
        start, end = state.time_range
        assert start <= mid(event) <= end and end - start == pytest.approx(width)
        assert state.match_position() == (len(seen), len(treaties))
    assert seen == [e.id for e in treaties]
    assert state.selected == treaties[-1].id  # at the last: it stays
    assert state.step(-1).id == treaties[-2].id


def test_stepping_from_no_selection_starts_from_what_is_in_view():
    state = opened()
    state.go_to(parse_date("2001"), parse_date("2003"))
    start, end = state.time_range
    events = sorted(state.timeline.events, key=mid)
    assert mid(state.step(1)) == mid(next(e for e in events if mid(e) >= start))
    state.select(None)
    state.go_to(parse_date("2001"), parse_date("2003"))  # stepping may have moved the view
    assert mid(state.step(-1)) == mid([e for e in events if mid(e) <= end][-1])


def test_walking_to_the_lane_below_takes_the_event_nearest_in_time():
    state = opened()
    state.select("a05")
    here = mid(state.timeline.event("a05"))
    in_b = [e for e in state.timeline.events if "B" in e.lanes]
    nearest = min(in_b, key=lambda e: abs(mid(e) - here))
    assert state.step_lane(1).id == nearest.id
    state.set_lane_visible("B", False)
    state.select("a05")
    in_c = [e for e in state.timeline.events if "C" in e.lanes and e.id != "a05"]
    assert state.step_lane(1).id == min(in_c, key=lambda e: abs(mid(e) - here)).id  # B is hidden
    state.select("a05")
    assert state.step_lane(-1) is None  # no lane above A


def test_go_to_shows_whole_partial_dates():
    state = opened()
    state.go_to(parse_date("2001"), parse_date("2002-06"))
    assert state.time_range == (
        day_to_epoch(parse_date("2001").first_day),
        day_to_epoch(parse_date("2002-06-30").first_day) + SECONDS_PER_DAY,
    )


def test_back_and_forward_through_views():
    state = opened()
    state.remember()
    first = state.current_view()
    state.go_to(parse_date("1995"))
    state.remember()
    state.select("a01")
    state.set_lane_visible("C", False)
    state.remember()
    third = state.current_view()
    assert state.back() and state.current_view() == state._history[1]
    assert state.back() and state.current_view() == first
    assert not state.back()
    assert state.forward() and state.forward() and state.current_view() == third
    assert not state.forward()
    # a change not yet remembered: Back returns from it, and Forward comes back to it
    state.zoom_by(0.5)
    unsaved = state.current_view()
    assert state.can_go_back() and state.back() and state.current_view() == third
    assert state.forward() and state.current_view() == unsaved
    # a new step after going back drops what was ahead
    state.back()
    state.back()
    state.pan_by(0.1)
    state.remember()
    assert not state.can_go_forward()


def test_stepping_from_a_selection_that_does_not_match_goes_on_from_its_time():
    state = opened()
    late = max(state.timeline.events, key=mid)
    state.set_filter_values("kinds", ["treaty"])
    other = max((e for e in state.timeline.events if e.kind != "treaty" and mid(e) < mid(late)), key=mid)
    state.select(other.id)  # dimmed, still selected
    treaties = sorted((e for e in state.timeline.events if e.kind == "treaty"), key=mid)
    after = [e for e in treaties if mid(e) > mid(other)]
    before = [e for e in treaties if mid(e) < mid(other)]
    step = state.step(1)
    assert (step.id if step else None) == (after[0].id if after else None)
    state.select(other.id)
    assert state.step(-1).id == before[-1].id


def test_forward_stays_when_a_view_comes_back_without_its_hidden_selection():
    state = opened()
    state.select("a01")
    state.remember()
    state.go_to(parse_date("2005"))
    state.remember()
    state.filter_by("countries", "Armenia")  # a01 names Russia
    state.set_hide_unmatched(True)
    state.remember()
    assert state.back() and state.back()
    assert state.selected is None  # a01 is hidden now: the view comes back without it
    state.remember()  # the window remembers once the view has settled
    assert state.can_go_forward()


def test_aliases_find_and_suggest_a_country():
    aliases = Aliases.bundled()
    known = ["Armenia", "Kyrgyzstan", "Uzbekistan"]
    assert aliases.find(known, "kirghizia") == "Kyrgyzstan" and aliases.find(known, "UZBEKISTAN") == "Uzbekistan"
    assert aliases.find(known, "Kirgh") is None
    assert aliases.suggest(known, "Kirgh") == "Kyrgyzstan"  # begins another spelling
    assert aliases.suggest(known, "Armnia") == "Armenia"  # the closest name
    assert aliases.suggest(known, "Zzz") is None and aliases.suggest(known, " ") is None


def test_a_kept_search_index_does_not_keep_its_timeline_alive():
    """search_index keeps one index per timeline (the one a worker thread prepares is the one the
    state searches), but only while the timeline lives: a file read again must not leave every
    earlier timeline in memory."""
    import gc
    import weakref

    from timeline_app.core.browse import search_index

    timeline = load_timeline(LANES).timeline
    aliases = Aliases()
    index = search_index(timeline, aliases).prepare()
    assert search_index(timeline, aliases) is index and index.search("treaty")
    gone = weakref.ref(timeline)
    del timeline
    gc.collect()
    assert gone() is None and index.timeline is None


def test_an_index_build_given_up_is_built_at_the_first_search():
    """A worker thread's build of the index stops when a newer request comes (its `stop`); the
    first search then builds it, and finds what it should."""
    timeline = load_timeline(LANES).timeline
    index = SearchIndex(timeline, Aliases()).prepare(stop=lambda: True)
    assert index._db is None
    expected = {i for i, e in enumerate(timeline.events) if "treaty" in e.title.lower()}
    assert expected and expected <= index.search("treaty")
