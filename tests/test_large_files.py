"""Large honest files load; hostile ones are still refused: the fast path (plain data from the
YAML parser's events, a compiled schema check) gives exactly what the exact path (a node per
value, jsonschema's located errors) gives, and a load can be cancelled."""

import codecs
import gc
import random
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BUNDLED, DATA
from timeline_app.core import loader, yamltree
from timeline_app.core.loader import LoadCancelled, check_tree, parse_timeline
from timeline_app.core.model import KINDS
from timeline_app.core.schema import is_valid, schema_problems

LANES = ["CIS", "CSTO", "GUUAM", "SCO", "EurAsEC"]


def honest(n: int, seed: int = 7) -> str:
    """N events in block style, as people write them (plain and quoted scalars, bare years)."""
    rng = random.Random(seed)
    lines = ["version: 1", "sources:", "  s: {title: Synthetic}", "  t:", "    title: Another", "lanes:"]
    lines += [f'  - {{id: {lane}, name: {lane}, color: "#0072B2"}}' for lane in LANES]
    lines.append("events:")
    for i in range(n):
        year, month, day = rng.randint(1991, 2015), rng.randint(1, 12), rng.randint(1, 28)
        date = rng.choice([f"{year}", f'"{year}-{month:02d}"', f"{year}-{month:02d}-{day:02d}"])
        lines += [
            f"  - id: e{i}",
            f"    title: Event number {i} in {rng.choice(LANES)}",
            f"    date: {date}",
            f"    lanes: [{rng.choice(LANES)}]",
            f"    kind: {rng.choice(KINDS)}",
            "    countries: [Russia, Armenia]",
            "    citations:",
            f"      - {{source: {rng.choice('st')}, excerpt: 'text {i}', locator: p. {i % 300}}}",
        ]
    return "\n".join(lines) + "\n"


def exact(text: str, monkeypatch) -> loader.LoadResult:
    """The result of the exact path alone (as before the fast path existed)."""
    with monkeypatch.context() as patch:
        patch.setattr(loader, "fast_tree", lambda _text, _tell=None: None)
        return parse_timeline(text, "f.yaml")


def same(text: str, monkeypatch) -> loader.LoadResult:
    """Load a text both ways; they must agree on the timeline and on every problem. The fast
    path is tried on the text, on its UTF-8 bytes (as a file is read: the parser takes them
    without a decoded copy) and on those bytes after a BOM."""
    slow = exact(text, monkeypatch)
    for form in (text, text.encode("utf-8"), codecs.BOM_UTF8 + text.encode("utf-8")):
        fast = parse_timeline(form, "f.yaml")
        assert [str(p) for p in fast.problems] == [str(p) for p in slow.problems]
        assert fast.timeline == slow.timeline
        if fast.timeline is not None:  # equal, and in the same order, with the same lines
            assert [(e.id, e.line, [c.line for c in e.citations]) for e in fast.timeline.events] == [
                (e.id, e.line, [c.line for c in e.citations]) for e in slow.timeline.events
            ]
    return fast


# --- the fast path is taken, and agrees with the exact one ----------------------------------------


@pytest.mark.parametrize("path", [BUNDLED, *sorted(DATA.glob("*.yaml"))], ids=lambda p: p.name)
def test_the_fast_path_reads_each_honest_file_as_the_exact_path_does(path, monkeypatch):
    text = path.read_text(encoding="utf-8")
    assert yamltree.fast_tree(text) is not None  # the fast path is the one taken
    assert same(text, monkeypatch).timeline is not None


def test_positions_of_the_fast_tree_are_those_of_the_exact_tree():
    text = BUNDLED.read_text(encoding="utf-8")
    for variant in (text, text.replace("\n", "\r\n"), text.replace('excerpt: "', 'excerpt: "é😀\u2028\x85')):
        old, _ = yamltree.read_tree(variant, "f.yaml")
        new = yamltree.fast_tree(variant)
        assert new is not None and new.data == old.data
        assert {p: new.position(p) for p in old.nodes} == {p: old.position(p) for p in old.nodes}
        assert {p: new.position(p, True) for p in old.keys} == {p: old.position(p, True) for p in old.keys}
        assert new.position(("events", 10**6, "nothing")) == old.position(("events", 10**6, "nothing"))


@pytest.mark.parametrize("name", sorted(p.name for p in (DATA / "bad").glob("*.yaml")))
def test_each_bad_file_gets_the_same_problems_both_ways(name, monkeypatch):
    same((DATA / "bad" / name).read_text(encoding="utf-8", errors="replace"), monkeypatch)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x [1, 2]\nb: *x\n",  # an alias
        "version: !!int 1\n",  # a tag
        "a: {b: 1, b: [1, !!python/name:os.system x]}\n",  # a tag in a value given twice
        "? [a]\n: 1\n",  # a key that is not text
        "a: 1\n---\nb: 2\n",  # two documents
        "version: [1\n",  # a syntax error
        "",  # nothing
        "events: " + "[" * 70 + "]" * 70 + "\n",  # nesting
    ],
)
def test_what_a_plain_file_does_not_hold_takes_the_exact_path(text, monkeypatch):
    assert yamltree.fast_tree(text) is None
    same(text, monkeypatch)


@pytest.mark.parametrize(
    "text",
    [
        "version: 1\nversion: 2\n",
        "a: {b: 1, c: [1, 2], b: {x: [1, {y: 2}]}, d: 4}\nz: [{k: 1, k: 2}, {k: 3}]\nz: 5\ny: 6\n",
        "- {b: 1, b: {c: 1, c: 2}}\n- q\n",
        (DATA / "tiny.yaml")
        .read_text(encoding="utf-8")
        .replace("    kind: treaty\n", "    kind: treaty\n    kind: [1]\n"),
    ],
)
def test_keys_given_twice_are_found_on_the_fast_path_as_on_the_exact_one(text, monkeypatch):
    old, _ = yamltree.read_tree(text, "f.yaml")
    new = yamltree.fast_tree(text)
    assert new is not None and new.duplicates and new.duplicates == old.duplicates
    assert new.data == old.data
    assert {p: new.position(p) for p in old.nodes} == {p: old.position(p) for p in old.nodes}
    same(text, monkeypatch)


def test_brackets_in_text_are_not_nesting(monkeypatch):
    """The depth guard counts the parser's levels, not the brackets of titles such as "[draft"."""
    text = honest(100).replace("    title: Event number", "    title: Event [draft number")
    assert same(text, monkeypatch).ok
    shared = "    countries: [Russia, Armenia]"
    aliased = text.replace(shared, "    countries: &c [Russia, Armenia]", 1).replace(shared, "    countries: *c", 1)
    assert yamltree.fast_tree(aliased) is None  # an alias: the exact path, and its depth guard
    assert same(aliased, monkeypatch).ok


def test_scalars_are_read_as_the_exact_path_reads_them(monkeypatch):
    values = ["1", "'1'", "1.0", "1999.0", "true", "yes", "~", "null", "", "2001-01-01", "<<", "0x1F", "1_000"]
    values += [".inf", "1:30", "|\n    block", "'2001-01-01'", "-5", "+7", "0o17", "NO", "off"]
    text = "".join(f"k{i}: {v}\n" for i, v in enumerate(values))
    old, _ = yamltree.read_tree(text, "f.yaml")
    new = yamltree.fast_tree(text)
    assert new is not None
    assert [(k, type(v), v) for k, v in new.data.items()] == [(k, type(v), v) for k, v in old.data.items()]


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.sampled_from(["1992", "1992-05", "1992-13-45", "#0072B2", "CIS", "treaty", "s", "", " ", "e1\n"]),
)
KEYS = ["version", "sources", "lanes", "events", "id", "title", "date", "end", "kind", "citations"]
KEYS += ["source", "excerpt", "countries", "name", "color", "s", "CIS"]
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=6)),
    max_leaves=30,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(document=documents, flow=st.booleans())
def test_random_documents_get_the_same_result_both_ways(document, flow, monkeypatch):
    same(yaml.safe_dump(document, allow_unicode=True, default_flow_style=flow), monkeypatch)


TINY = yaml.safe_load((DATA / "tiny.yaml").read_text(encoding="utf-8"))


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(
    key=st.sampled_from(["version", "date", "title", "kind", "lanes", "excerpt", "source", "id", "end"]), value=scalars
)
def test_a_changed_value_of_a_good_file_gets_the_same_result_both_ways(key, value, monkeypatch):
    data = yaml.safe_load(yaml.safe_dump(TINY))
    event = data["events"][1]
    (event["citations"][0] if key in ("excerpt", "source") else event)[key] = value
    same(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), monkeypatch)


def test_the_compiled_schema_is_as_strict_as_jsonschema_about_whole_numbers():
    text = (DATA / "tiny.yaml").read_text(encoding="utf-8")
    assert is_valid(yamltree.fast_tree(text).data)
    for where in ("version", "date"):
        tree = yamltree.fast_tree(text)
        (tree.data if where == "version" else tree.data["events"][0])[where] = 1999.0
        assert not is_valid(tree.data) and schema_problems(tree, "f.yaml")
        (tree.data if where == "version" else tree.data["events"][0])[where] = 1999
        assert is_valid(tree.data) and not schema_problems(tree, "f.yaml")


# --- large honest files pass the guards -------------------------------------------------------------


@pytest.mark.slow
def test_a_large_honest_file_passes_the_guards_and_loads():
    """105,000 events: more than 2,000,000 YAML nodes, which an earlier guard refused."""
    n = 105_000
    text = honest(n)
    frozen = gc.get_freeze_count()
    result = parse_timeline(text, "big.yaml")
    assert result.ok and not result.problems, result.problems[:3]
    # the timeline's objects are out of the cycle collector's reach (never walked again)
    assert gc.get_freeze_count() >= frozen + n
    events = result.timeline.events
    assert len(events) == n
    lines = text.splitlines()
    for event in (events[0], events[n // 2], events[-1]):  # each event knows its line
        assert lines[event.line - 1] == f"  - id: {event.id}"
        assert lines[event.citations[0].line - 1].lstrip().startswith("- {source:")


def test_a_file_of_many_events_loads_and_knows_its_lines(monkeypatch):
    text = honest(1500)
    result = same(text, monkeypatch)
    assert result.ok and len(result.timeline.events) == 1500
    lines = text.splitlines()
    assert all(lines[e.line - 1] == f"  - id: {e.id}" for e in result.timeline.events)


def test_the_benchmarks_synthetic_file_loads_the_same_both_ways(monkeypatch):
    sys.path.insert(0, str(Path(__file__).parent / "benchmarks"))
    try:
        from synthetic import synthetic
    finally:
        sys.path.pop(0)
    assert same(synthetic(1500), monkeypatch).ok


def test_a_mistake_at_the_end_of_a_long_file_is_placed_exactly(monkeypatch):
    text = honest(1500).replace("    kind: treaty\n", "    kind: tready\n", 1)
    problems = same(text, monkeypatch).problems
    line = text.splitlines().index("    kind: tready") + 1
    assert [(p.line, p.column) for p in problems] == [(line, 11)]
    assert problems[0].message.startswith("event 'e")


# --- hostile files are still refused ------------------------------------------------------------------


def test_an_alias_bomb_is_refused():
    problems = parse_timeline((DATA / "bad" / "alias_bomb.yaml").read_bytes(), "bomb.yaml").problems
    assert [p.message for p in problems] == [
        "the file expands to more than 2,000,000 values (YAML aliases?); refusing to read it"
    ]


def aliased(events: int, uses: int) -> str:
    """A file whose first event's citations are given once and used by `uses` events."""
    head = "version: 1\nsources: {s: {title: T}}\nlanes: [{id: A, name: A, color: '#000000'}]\nevents:\n"
    first = "  - {id: e0, title: T, date: 1999, lanes: [A], kind: other, citations: &c [{source: s, excerpt: x}]}\n"
    other = "  - {{id: e{i}, title: T, date: 1999, lanes: [A], kind: other, citations: {cite}}}\n"
    body = "".join(other.format(i=i, cite="*c" if i <= uses else "[{source: s, excerpt: x}]") for i in range(1, events))
    return head + first + body


def test_the_bound_on_aliases_grows_with_the_file(monkeypatch):
    monkeypatch.setattr(yamltree, "MAX_VALUES", 1000)  # the floor, lowered to keep the test small
    moderate = parse_timeline(aliased(200, 150), "a.yaml")  # a few values more than written
    assert moderate.ok, moderate.problems
    assert len(moderate.timeline.events) == 200
    assert moderate.timeline.event("e150").citations == moderate.timeline.event("e0").citations  # line 5
    text = "x: &a [" + ", ".join(["1"] * 20) + "]\n" + "".join(f"y{i}: [{', '.join(['*a'] * 20)}]\n" for i in range(20))
    written = 1 + 21 + 1 + 20 + 20 + 20 * 20  # the top, its keys, x and its items, the lists y, the aliases
    assert 10 * written < 20 * 20 * 20  # it expands beyond ten times itself
    problems = parse_timeline(text, "b.yaml").problems
    assert [p.message for p in problems] == [
        f"the file expands to more than {10 * written:,} values (YAML aliases?); refusing to read it"
    ]


def test_deep_nesting_after_a_long_honest_start_is_refused():
    text = honest(500) + "  - " + "[" * 80 + "]" * 80 + "\n"
    problems = parse_timeline(text, "deep.yaml").problems
    assert len(problems) == 1 and "the YAML is nested more than 64 levels deep" in problems[0].message


def test_nothing_in_a_tagged_file_runs():
    text = honest(50) + "  - !!python/object/apply:os.system [echo hacked]\n"
    problems = parse_timeline(text, "tag.yaml").problems
    assert [p.message for p in problems] == [
        "the tag !!python/object/apply:os.system is not allowed: an events file holds plain data only"
    ]


# --- progress and cancel --------------------------------------------------------------------------


def test_progress_is_told_in_order_from_start_to_end():
    told: list[float] = []
    assert parse_timeline(honest(10_000), "p.yaml", progress=told.append).ok
    assert told[0] == 0.0 and told[-1] == 1.0
    assert told == sorted(told) and all(0.0 <= f <= 1.0 for f in told)
    assert len(told) > 10  # now and then while reading, checking and building, not only at both ends
    assert any(0.0 < f < 0.6 for f in told) and any(0.6 < f < 0.7 for f in told) and any(0.7 < f < 1 for f in told)


@pytest.mark.parametrize("stop_at", [0.01, 0.62, 0.8])  # reading the text, the schema, the reader
@pytest.mark.parametrize("collecting", [True, False])
def test_a_cancel_stops_the_load_and_restores_the_collector(stop_at, collecting):
    calls: list[float] = []

    def progress(done: float) -> None:
        calls.append(done)
        if done >= stop_at:
            raise LoadCancelled

    (gc.enable if collecting else gc.disable)()
    try:
        with pytest.raises(LoadCancelled):
            parse_timeline(honest(10_000), "c.yaml", progress=progress)
        assert gc.isenabled() == collecting
    finally:
        gc.enable()
    assert calls[-1] >= stop_at and all(f < stop_at for f in calls[:-1])  # nothing told after the cancel
    assert calls[-1] < stop_at + 0.1  # stopped soon after, not at the end


# --- check_tree, for data read from other formats ---------------------------------------------------


def test_check_tree_checks_data_read_elsewhere():
    text = (DATA / "tiny.yaml").read_text(encoding="utf-8")
    tree, _ = yamltree.read_tree(text, "t.yaml")
    assert check_tree(tree, "t.yaml").timeline == parse_timeline(text, "t.yaml").timeline
    tree.data["events"][0]["kind"] = "tready"
    problems = check_tree(tree, "t.yaml").problems
    assert len(problems) == 1 and "kind 'tready' is not one of" in problems[0].message
    assert problems[0].line == tree.position(("events", 0, "kind"))[0]
