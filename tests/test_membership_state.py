"""Membership in the view state, without Qt: member rows per lane, a followed country, a selected span."""

from pathlib import Path

import pytest

from timeline_app.core.figure import FigureSpec
from timeline_app.core.state import Document, ViewState

MEMBERS = Path(__file__).parent / "data" / "members.yaml"


@pytest.fixture
def state():
    state = ViewState(Document())
    assert state.document.open(MEMBERS)
    return state


def heard(state, *names):
    """Every emission of the named signals, in order, as (name, args)."""
    log = []
    for name in names:
        getattr(state, name).connect(lambda *args, name=name: log.append((name, args)))
    return log


def test_the_membership_is_the_timelines_and_is_built_again_for_a_new_one(state, tmp_path):
    assert state.membership.lanes() == ["A", "B", "C"]
    assert state.membership is state.membership  # kept while the timeline stays
    copy = tmp_path / "m.yaml"
    copy.write_text(MEMBERS.read_text(encoding="utf-8").replace("Moldova", "Ukraine"), encoding="utf-8")
    first = state.membership
    assert state.document.open(copy)
    assert state.membership is not first
    assert "Ukraine" in state.membership.rows("C")
    assert ViewState().membership.lanes() == []  # no timeline: an empty membership


def test_member_lanes_are_set_toggled_and_shown_for_all_each_change_announced_once(state):
    log = heard(state, "members_changed")
    state.toggle_member_lane("B")
    assert state.member_lanes == frozenset({"B"})
    state.toggle_member_lane("B")
    assert state.member_lanes == frozenset()
    state.set_members_shown(True)
    assert state.member_lanes == frozenset({"A", "B", "C"})
    state.set_members_shown(True)  # no change, no signal
    state.set_member_lanes(["A", "nowhere"])  # a lane without membership is ignored
    assert state.member_lanes == frozenset({"A"})
    state.set_members_shown(False)
    assert log == [
        ("members_changed", (frozenset({"B"}),)),
        ("members_changed", (frozenset(),)),
        ("members_changed", (frozenset({"A", "B", "C"}),)),
        ("members_changed", (frozenset({"A"}),)),
        ("members_changed", (frozenset(),)),
    ]


def test_member_lanes_keep_only_lanes_that_still_have_membership_after_a_read(state, tmp_path):
    state.set_members_shown(True)
    changed = tmp_path / "m.yaml"
    text = MEMBERS.read_text(encoding="utf-8")
    start = text.index("  - id: c-moldova-associate")
    changed.write_text(text[:start], encoding="utf-8")  # lane C loses its only membership event
    assert state.document.open(changed)
    assert state.member_lanes == frozenset({"A", "B"})


def test_following_a_country_filters_its_events_and_unfollowing_clears_both(state):
    log = heard(state, "followed_changed", "filters_changed")
    state.follow_country("Georgia")
    assert state.followed == "Georgia"
    assert state.filters.countries == frozenset({"Georgia"})
    assert state.matched_ids() == {"a-georgia-joins", "a-members-2000", "a-georgia-leaves"}
    assert log[-1] == ("followed_changed", ("Georgia",))
    state.follow_country(None)
    assert state.followed is None
    assert not state.filters.countries
    assert log[-1] == ("followed_changed", (None,))
    assert [name for name, _ in log] == ["filters_changed", "followed_changed", "filters_changed", "followed_changed"]


def test_following_takes_a_countrys_other_spelling(state):
    state.follow_country("Byelorussia")
    assert state.followed == "Belarus"


def test_another_countries_filter_stops_the_following_but_other_filters_do_not(state):
    log = heard(state, "followed_changed")
    state.follow_country("Russia")
    state.set_search("suspended")  # the search is another filter: still following
    assert state.followed == "Russia"
    state.toggle_filter_value("countries", "Armenia", True)
    assert state.followed is None
    assert state.filters.countries == frozenset({"Russia", "Armenia"})  # the user's filter stays
    assert log == [("followed_changed", ("Russia",)), ("followed_changed", (None,))]
    state.follow_country("Russia")
    state.clear_filters()
    assert state.followed is None


def test_unfollowing_leaves_a_countries_filter_the_user_set_since(state):
    state.follow_country("Russia")
    state.follow_country("Armenia")  # from one country to another
    assert state.filters.countries == frozenset({"Armenia"})
    state.follow_country(None)
    assert not state.filters.countries


def test_a_selected_span_and_a_selected_event_exclude_each_other(state):
    log = heard(state, "span_selected", "selection_changed")
    state.select("a-georgia-joins")
    state.select_span("A", "Russia", 1)
    assert state.selected_span == ("A", "Russia", 1)
    assert state.selected is None
    span = state.selected_membership_span()
    assert (span.country, span.status) == ("Russia", "suspended")
    state.select("a-georgia-leaves")
    assert state.selected_span is None
    assert log == [
        ("selection_changed", ("a-georgia-joins",)),
        ("selection_changed", (None,)),
        ("span_selected", (("A", "Russia", 1),)),
        ("span_selected", (None,)),
        ("selection_changed", ("a-georgia-leaves",)),
    ]


def test_a_span_that_is_not_there_selects_nothing(state):
    state.select_span("A", "Russia", 1)
    state.select_span("A", "Russia", 7)
    assert state.selected_span is None
    state.select_span("A", "Narnia", 0)
    assert state.selected_span is None
    state.select_span("A", "Russia", 0)
    state.select_span(None)
    assert state.selected_span is None


def test_a_selected_span_goes_when_a_new_timeline_no_longer_has_it(state, tmp_path):
    state.select_span("C", "Moldova", 0)
    changed = tmp_path / "m.yaml"
    changed.write_text(MEMBERS.read_text(encoding="utf-8").replace("Moldova", "Ukraine"), encoding="utf-8")
    assert state.document.open(changed)
    assert state.selected_span is None


def test_an_export_carries_the_member_rows_and_the_followed_country(state):
    state.set_member_lanes(["C", "A"])
    state.follow_country("Armenia")
    spec = state.figure_spec(FigureSpec())
    assert spec.member_lanes == ("A", "C")  # in the file's order
    assert spec.followed == "Armenia"
    figure = ViewState.for_figure(state.timeline, spec)
    assert figure.member_lanes == frozenset({"A", "C"})
    assert figure.followed == "Armenia"
    assert figure.filters.countries == frozenset({"Armenia"})


def test_a_figure_that_follows_a_country_highlights_its_events_without_a_filter_given(state):
    spec = FigureSpec(member_lanes=("B", "nowhere"), followed="Georgia")
    figure = ViewState.for_figure(state.timeline, spec)
    assert figure.member_lanes == frozenset({"B"})
    assert figure.filters.countries == frozenset({"Georgia"})
    assert FigureSpec().member_lanes == () and FigureSpec().followed is None
