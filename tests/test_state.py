"""The view state and the document, without Qt: one owner, each change announced once."""

import pytest
from picture import span

from conftest import LANES, TINY
from timeline_app.core.figure import FigureSpec
from timeline_app.core.loader import load_timeline
from timeline_app.core.span import HOME_RANGE, MIN_SPAN, X_MAX, X_MIN
from timeline_app.core.state import Document, Signal, ViewState


@pytest.fixture(scope="module")
def lanes():
    return load_timeline(LANES).timeline


def recorder(state):
    """Every signal of a state, recorded in order as (name, args)."""
    heard = []
    for name in ("timeline_changed", "range_changed", "lanes_changed", "selection_changed", "theme_changed"):
        getattr(state, name).connect(lambda *args, name=name: heard.append((name, args)))
    return heard


def test_a_signal_calls_its_slots_in_order_until_disconnected():
    signal, heard = Signal(), []
    first = heard.append
    signal.connect(first)
    signal.connect(lambda value: heard.append(value * 2))
    signal.emit(3)
    signal.disconnect(first)
    signal.emit(5)
    assert heard == [3, 6, 10]


def opened(path, hidden_lanes_of=None):
    """A view state on a document that has read `path`."""
    state = ViewState(Document(), hidden_lanes_of=hidden_lanes_of)
    assert state.document.open(path)
    return state


def test_the_state_follows_its_document_keeping_hidden_lanes_per_file(tmp_path):
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text(LANES.read_text())
    second.write_text(TINY.read_text())
    remembered = {second: ["A"]}
    state = ViewState(Document(), hidden_lanes_of=lambda path: remembered.get(path, []))
    heard = recorder(state)
    state.document.open(first)
    assert state.timeline is state.document.timeline and state.visible_lanes == ("A", "B", "C", "D", "E")
    state.set_visible_lanes(["E", "A", "nope"])
    assert state.visible_lanes == ("A", "E")  # the file's order; unknown ids ignored
    assert state.hidden_lanes() == ["B", "C", "D"]
    first.write_text(LANES.read_text().replace("- id: E\n", "- id: F\n").replace("lanes: [E]", "lanes: [F]"))
    assert state.document.reload_if_changed()  # the same file again: B, C, D stay hidden; F is new, and shows
    assert state.visible_lanes == ("A", "F")
    state.document.open(second)  # another file: the lanes remembered for it
    assert state.visible_lanes == ("B",)
    state.document.open(tmp_path / "missing.yaml")  # a failed read changes nothing shown
    assert state.visible_lanes == ("B",) and state.timeline.event("day-event") is not None
    assert [name for name, _ in heard] == [
        "timeline_changed",
        "lanes_changed",
        "lanes_changed",
        "timeline_changed",
        "lanes_changed",
        "timeline_changed",
        "lanes_changed",
    ]


def test_the_selection_is_an_event_shown_and_goes_when_it_is_not(tmp_path):
    state = opened(LANES)
    heard = recorder(state)
    state.select("shared-treaty")
    state.select("shared-treaty")  # the same again: nothing to announce
    state.select("no-such-event")
    assert heard == [("selection_changed", ("shared-treaty",)), ("selection_changed", (None,))]
    state.select("shared-treaty")
    state.set_visible_lanes(["B", "C"])  # still shown in B
    assert state.selected == "shared-treaty"
    heard.clear()
    state.lanes_changed.connect(lambda lanes: heard.append(("selected while lanes change", state.selected)))
    state.set_visible_lanes(["C"])
    assert state.selected is None
    assert heard[1:] == [("selected while lanes change", None), ("selection_changed", (None,))]  # never stale
    state.select("shared-treaty")  # in no visible lane: selects nothing
    assert state.selected is None
    state.set_visible_lanes(["A"])
    state.select("shared-treaty")
    heard.clear()
    copy = tmp_path / "lanes.yaml"
    copy.write_text(LANES.read_text().replace("- id: shared-treaty", "- id: renamed-treaty"))
    state.document.open(copy)
    assert state.selected is None
    assert [name for name, *_ in heard] == [
        "timeline_changed",
        "lanes_changed",
        "selected while lanes change",
        "selection_changed",
    ]


def test_the_range_is_kept_within_what_the_timeline_shows():
    state = ViewState()
    heard = recorder(state)
    state.set_time_range(*span("1999", "2001"))
    assert state.time_range == pytest.approx(span("1999", "2001"))
    state.set_time_range(*span("1999", "2001"))
    assert len(heard) == 1
    state.set_time_range(X_MIN - 2 * 10**8, X_MIN - 10**8)  # before the span: moved inside
    assert state.time_range[0] == X_MIN and state.time_range[1] - state.time_range[0] == pytest.approx(10**8)
    state.set_time_range(0, X_MAX * 2)
    assert state.time_range == (X_MIN, X_MAX)
    state.set_time_range(10**9, 10**9 + 60)  # narrower than a week: widened around its centre
    assert state.time_range[1] - state.time_range[0] == MIN_SPAN
    assert sum(state.time_range) / 2 == pytest.approx(10**9 + 30)


def test_zoom_pan_and_fit():
    state = ViewState()
    state.set_time_range(*span("1999", "2002"))
    start, end = state.time_range
    state.zoom_by(0.5)
    assert state.time_range == pytest.approx((start + (end - start) / 4, end - (end - start) / 4))
    state.pan_by(-0.2)
    assert state.time_range[0] == pytest.approx(start + (end - start) / 4 - 0.1 * (end - start))
    state.fit_all()
    assert state.time_range == HOME_RANGE
    width = HOME_RANGE[1] - HOME_RANGE[0]
    for _ in range(5):
        state.pan_by(-0.2)  # stops at the edge, keeping its width
    assert state.time_range == pytest.approx((X_MIN, X_MIN + width))


def test_an_export_is_derived_from_the_state(lanes):
    state = opened(LANES)
    state.set_visible_lanes(["B", "D"])
    state.set_time_range(*span("2000", "2003"))
    state.select("period-event")
    spec = state.figure_spec(FigureSpec(640, 360, theme="screen", title="T"))
    assert (spec.width, spec.height, spec.theme, spec.title) == (640, 360, "screen", "T")
    assert spec.lanes == ("B", "D") and (spec.start, spec.end) == pytest.approx(span("2000", "2003"))
    assert spec.selected == "period-event"
    again = ViewState.for_figure(lanes, spec)
    assert (again.visible_lanes, again.time_range, again.selected) == (
        state.visible_lanes,
        state.time_range,
        state.selected,
    )
    assert ViewState.for_figure(lanes, spec.replace(lanes=("C",))).selected is None  # not shown: no callout


def test_the_document_keeps_the_last_good_file_and_follows_the_broken_one(tmp_path):
    """Open a good file, then a broken one; fix the broken one: it is the one shown."""
    good, broken = tmp_path / "a.yaml", tmp_path / "b.yaml"
    good.write_text(TINY.read_text())
    broken.write_text("version: 1\nlanes: [\n")
    document = Document()
    heard = []
    document.changed.connect(lambda *args: heard.append(args))
    assert document.open(good) and document.summary() == ""
    assert not document.open(broken)
    assert (document.path, document.shown) == (broken, good) and document.timeline is not None
    assert document.failed
    assert document.summary() == (
        "b.yaml has 1 problem; still showing a.yaml as it was last read. b.yaml is read again when you save it."
    )
    assert not document.reload_if_changed()  # nothing changed on disk
    broken.write_text(TINY.read_text().replace("A day-precise event", "Fixed"))
    assert document.reload_if_changed()
    assert document.shown == broken and document.timeline.event("day-event").title == "Fixed"
    assert not document.failed and document.summary() == ""
    assert heard == [(True, True), (False, False), (True, True)]
    broken.unlink()
    assert document.reload_if_changed() and document.summary().startswith("b.yaml was removed; showing its last")
    assert document.timeline.event("day-event").title == "Fixed"


def test_a_first_file_that_is_broken_shows_nothing(tmp_path):
    broken = tmp_path / "b.yaml"
    broken.write_text("version: 1\nlanes: [\n")
    document = Document()
    assert not document.open(broken)
    assert document.timeline is None and document.shown is None
    assert (
        document.summary()
        == "b.yaml has 1 problem; nothing is shown until it is fixed. It is read again when you save it."
    )
    assert not Document().open(tmp_path / "missing.yaml")


def test_the_document_reads_no_file_over_the_size_limit(tmp_path):
    from timeline_app.core.loader import MAX_FILE_BYTES

    big = tmp_path / "big.yaml"
    with open(big, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is written
    document = Document()
    assert not document.open(big)
    refused = f"file is {MAX_FILE_BYTES >> 20} MB, over the {MAX_FILE_BYTES >> 20} MB limit"
    assert [p.message for p in document.problems] == [refused]
    assert document.reload_if_changed() and document.problems[0].message == refused
