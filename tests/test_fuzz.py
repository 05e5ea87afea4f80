"""Property-based fuzzing of the loader: random YAML documents and mutations of the bundled
file never raise, and every problem they produce points at a line of the file."""

import copy

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BUNDLED, DATA
from timeline_app.core.loader import parse_timeline

KEYS = [
    "version",
    "sources",
    "lanes",
    "events",
    "id",
    "title",
    "date",
    "end",
    "lanes",
    "kind",
    "citations",
    "source",
    "excerpt",
    "locator",
    "countries",
    "summary",
    "name",
    "color",
    "eras",
    "exerpt",
    "<<",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(["1992", "1992-05", "1992-13-45", "2001-05?", "#0072B2", "CIS", "treaty", "", " ", "\t", " \n "]),
    st.sampled_from([1999, 1999.0, 2.0, 5, 1e3, -1992, True]),  # numbers where years may stand
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5), st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=6)
    ),
    max_leaves=40,
)


def check(text: str) -> None:
    result = parse_timeline(text, "fuzz.yaml")
    lines = text.count("\n") + 2
    for problem in result.problems:
        assert 1 <= problem.line <= lines and problem.column >= 1, problem
        assert problem.message
    assert (result.timeline is None) == bool(result.errors)
    if result.timeline is not None:  # nothing the file holds is dropped in silence
        # the same YAML reader as the app (libyaml's, where present: it allows a tab after
        # "key:", which PyYAML's pure-Python scanner refuses)
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        assert len(result.timeline.events) == len(data["events"])
        assert len(result.timeline.lanes) == len(data["lanes"])
        assert len(result.timeline.sources) == len(data["sources"])


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_random_documents(document):
    check(yaml.safe_dump(document, allow_unicode=True))


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_random_text(text):
    check(text)


BUNDLED_LINES = BUNDLED.read_text(encoding="utf-8").splitlines(keepends=True)
mutation = st.tuples(
    st.sampled_from(["delete", "duplicate", "swap", "replace", "insert", "indent", "dedent"]),
    st.integers(0, len(BUNDLED_LINES) - 1),
    st.integers(0, len(BUNDLED_LINES) - 1),
    st.text(alphabet=":-[]{}&*!|>'\"#%@ `\t\nabc019", min_size=1, max_size=6),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutation, min_size=1, max_size=4))
def test_mutations_of_the_bundled_file(mutations):
    lines = list(BUNDLED_LINES)
    for kind, first, second, text in mutations:
        i, j = min(first, len(lines) - 1), min(second, len(lines) - 1)
        if kind == "delete" and len(lines) > 1:
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "replace" and lines[i].strip():
            position = j % max(len(lines[i]) - 1, 1)
            lines[i] = lines[i][:position] + text + lines[i][position + 1 :]
        elif kind == "insert":
            lines.insert(i, text + "\n")
        elif kind == "indent":
            lines[i] = "  " + lines[i]
        elif kind == "dedent":
            lines[i] = lines[i].lstrip(" ")
    check("".join(lines))


TINY = yaml.safe_load((DATA / "tiny.yaml").read_text(encoding="utf-8"))


def _scalar_paths(data, path=()):
    """(path, value) of every scalar in a plain-data tree."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _scalar_paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _scalar_paths(value, (*path, index))
    else:
        yield path, data


def check_with(path, value):
    """Check the tiny file with one value replaced."""
    data = copy.deepcopy(TINY)
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    check(yaml.safe_dump(data, allow_unicode=True))


SCALAR_PATHS = sorted((path for path, _ in _scalar_paths(TINY)), key=repr)
TEXT_PATHS = sorted((path for path, value in _scalar_paths(TINY) if isinstance(value, str)), key=repr)
NUMBER_PATHS = [path for path in SCALAR_PATHS if path[-1] in ("date", "end", "version")]


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(TEXT_PATHS), st.text(alphabet=" \t\n\r\u00a0\u3000", max_size=4))
def test_blanking_any_text_of_a_valid_file(path, blank):
    """Whitespace where text is expected: loaded or refused, but never refused in silence."""
    check_with(path, blank)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SCALAR_PATHS), scalars)
def test_any_value_anywhere_in_a_valid_file(path, value):
    """Any scalar in place of any value: loaded whole, or refused with a reason."""
    check_with(path, value)


@pytest.mark.parametrize("value", [1999.0, 2.0, 5, 80, 1e3, True, 12345])
def test_numbers_where_dates_and_the_version_stand(value):
    """Each number in each place a date or the version stands: loaded whole, or refused with a
    reason (1999.0 as a date once dropped its event in silence)."""
    for path in NUMBER_PATHS:
        check_with(path, value)
