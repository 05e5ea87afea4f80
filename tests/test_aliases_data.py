"""The name-alias table (resources/aliases.yaml) is well formed, true to the sources and fits the data."""

import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SOURCES, needs_sources
from timeline_app.core.loader import load_timeline
from timeline_app.core.verify import normalise

ALIASES = ROOT / "resources" / "aliases.yaml"
RAW = yaml.safe_load(ALIASES.read_text(encoding="utf-8"))
KINDS = {"country", "place", "organisation"}
SEEN = re.compile(r"(?P<file>[^\s,()]+\.txt) \((?P<count>[1-9][0-9]*)\)")


def entries():
    return RAW["names"]


def spellings():
    """(entry name, spelling, seen) for every alternative spelling in the file."""
    return [(entry["name"], also["spelling"], also["seen"]) for entry in entries() for also in entry["also"]]


def seen_counts(seen: str) -> dict[str, int]:
    """'a.txt (3), b.txt (1)' -> {'a.txt': 3, 'b.txt': 1}; 'users' -> {}."""
    if seen == "users":
        return {}
    parts = [part.strip() for part in seen.split(",")]
    matches = [SEEN.fullmatch(part) for part in parts]
    assert all(matches), f"seen {seen!r}: write 'users' or 'file.txt (N), file.txt (N)'"
    counts = {m["file"]: int(m["count"]) for m in matches}
    assert len(counts) == len(parts), f"seen {seen!r} names a file twice"
    return counts


def name_pattern(names) -> re.Pattern:
    """Whole-word, case-insensitive, any white space between words, longest name first."""
    ordered = sorted(set(names), key=len, reverse=True)
    words = (r"\s+".join(map(re.escape, name.split())) for name in ordered)
    return re.compile(r"(?<!\w)(" + "|".join(words) + r")(?!\w)", re.IGNORECASE)


def count_names(text: str, names) -> dict[str, int]:
    """How often each name stands in the text, a longer name taking precedence over a shorter one inside it
    (so "Collective Security Treaty" does not count the ones followed by "Organization")."""
    canonical = {name.casefold(): name for name in names}
    counts = dict.fromkeys(names, 0)
    for match in name_pattern(names).finditer(normalise(text)):
        counts[canonical[" ".join(match[1].split()).casefold()]] += 1
    return counts


def test_the_file_has_the_documented_shape():
    assert set(RAW) == {"version", "names"}
    assert RAW["version"] == 1
    assert isinstance(entries(), list) and entries()
    for entry in entries():
        assert set(entry) == {"name", "kind", "also"}, entry
        assert isinstance(entry["name"], str) and entry["name"].strip() == entry["name"] != "", entry
        assert entry["kind"] in KINDS, entry
        assert isinstance(entry["also"], list) and entry["also"], entry["name"]
        for also in entry["also"]:
            assert set(also) == {"spelling", "seen"}, (entry["name"], also)
            assert isinstance(also["spelling"], str) and also["spelling"].strip() == also["spelling"] != ""
            assert isinstance(also["seen"], str), (entry["name"], also)
            seen_counts(also["seen"])


def test_every_name_and_spelling_is_one_thing():
    names = [entry["name"].casefold() for entry in entries()]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    written = [spelling.casefold() for _, spelling, _ in spellings()]
    assert len(written) == len(set(written)), sorted(s for s in written if written.count(s) > 1)
    # No spelling is a canonical name (its own, in another case, or another entry's).
    assert not set(written) & set(names), sorted(set(written) & set(names))


@needs_sources
def test_every_seen_count_is_what_the_documents_write():
    documents = {path.name: path.read_text(encoding="utf-8") for path in SOURCES.glob("*.txt")}
    every_name = [entry["name"] for entry in entries()] + [spelling for _, spelling, _ in spellings()]
    counted = {file: count_names(text, every_name) for file, text in documents.items()}
    wrong = []
    for name, spelling, seen in spellings():
        for file, count in seen_counts(seen).items():
            assert file in documents, f"{spelling!r}: no source document {file} in {SOURCES}"
            if counted[file][spelling] != count:
                wrong.append(f"{name}: {spelling!r} is in {file} {counted[file][spelling]} times, not {count}")
    assert not wrong, "\n".join(wrong)


@needs_sources
def test_spellings_said_to_be_typed_by_users_are_not_in_the_documents():
    documents = [path.read_text(encoding="utf-8") for path in SOURCES.glob("*.txt")]
    every_name = [entry["name"] for entry in entries()] + [spelling for _, spelling, _ in spellings()]
    typed = [spelling for _, spelling, seen in spellings() if seen == "users"]
    found = {s: n for text in documents for s, n in count_names(text, every_name).items() if s in typed and n}
    assert not found, f"in the documents, so 'seen' must name them: {found}"


def test_the_counting_matches_whole_words_longest_first():
    text = "the Collective Security\nTreaty Organization<sup>4</sup> and the collective security treaty (CSTs)"
    counts = count_names(text, ["Collective Security Treaty", "Collective Security Treaty Organization", "CST"])
    assert counts == {"Collective Security Treaty": 1, "Collective Security Treaty Organization": 1, "CST": 0}


@pytest.fixture(scope="module")
def timeline():
    result = load_timeline(Path(__file__).resolve().parents[1] / "events.yaml")
    assert result.ok, "\n".join(map(str, result.problems))
    return result.timeline


def test_every_country_name_is_a_country_of_the_data(timeline):
    used = {country for event in timeline.events for country in event.countries}
    countries = {entry["name"] for entry in entries() if entry["kind"] == "country"}
    assert countries <= used, sorted(countries - used)


def test_every_organisation_name_is_written_in_the_lanes(timeline):
    lane_text = " ".join(
        " ".join([lane.id, lane.name, lane.title or "", *(era.name for era in lane.eras)]) for lane in timeline.lanes
    )
    for entry in entries():
        if entry["kind"] == "organisation":
            assert re.search(rf"(?<!\w){re.escape(entry['name'])}(?!\w)", lane_text), entry["name"]


def test_every_place_name_is_written_in_the_events(timeline):
    event_text = " ".join(f"{event.title} {event.summary or ''}" for event in timeline.events)
    for entry in entries():
        if entry["kind"] == "place":
            assert re.search(rf"(?<!\w){re.escape(entry['name'])}(?!\w)", event_text), entry["name"]
