"""The warm-load cache: never stale, safe to delete, bounded, off with --no-cache."""

import shutil

import pytest

from conftest import DATA, LANES
from timeline_app.cli import main
from timeline_app.core import cache as cache_module
from timeline_app.core import loader
from timeline_app.core.cache import Cache
from timeline_app.core.loader import load_timeline


@pytest.fixture(autouse=True)
def cache_home(tmp_path, monkeypatch):
    """platformdirs' user cache folder under tmp_path: tests never write into the real home."""
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


@pytest.fixture
def reads(monkeypatch):
    """The paths the loader really parsed (a cache hit parses nothing)."""
    parsed = []
    for name in ("_parse", "parse_table"):
        original = getattr(loader, name)

        def spy(data, path, *args, original=original):
            parsed.append(path)
            return original(data, path, *args)

        monkeypatch.setattr(loader, name, spy)
    return parsed


def _flipped(data, at):
    """The bytes with one bit changed at `at`."""
    return data[:at] + bytes([data[at] ^ 0x20]) + data[at + 1 :]


def entries(folder):
    return sorted(p for p in folder.iterdir()) if folder.exists() else []


def test_the_default_cache_is_in_the_user_cache_folder(cache_home):
    assert Cache.default().directory == cache_home / "timeline-app"


def test_a_file_read_again_is_served_from_the_cache(tmp_path, reads):
    cache = Cache(tmp_path / "c")
    first = load_timeline(LANES, cache=cache)
    again = load_timeline(LANES, cache=cache)
    assert reads == [str(LANES)]
    assert again.timeline == first.timeline
    assert again.timeline.event(first.timeline.events[0].id) == first.timeline.events[0]  # lookups built
    assert len(entries(tmp_path / "c")) == 1


@pytest.mark.parametrize("source", [LANES, DATA / "members.yaml", DATA / "tiny.yaml"])
def test_what_the_cache_gives_equals_what_the_file_gives(tmp_path, source):
    cache = Cache(tmp_path / "c")
    fresh = load_timeline(source, cache=cache)
    served = load_timeline(source, cache=cache)
    assert served.timeline == fresh.timeline  # every event, citation, membership entry, era, line
    assert served.problems == fresh.problems
    assert served.timeline.span == fresh.timeline.span


def test_a_changed_file_is_never_served_from_the_cache(tmp_path, reads):
    path = tmp_path / "events.yaml"
    text = LANES.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    cache = Cache(tmp_path / "c")
    first = load_timeline(path, cache=cache)
    title = first.timeline.events[0].title
    changed = title[:-1] + ("X" if title[-1] != "X" else "Y")  # one byte
    path.write_text(text.replace(title, changed, 1), encoding="utf-8")
    again = load_timeline(path, cache=cache)
    assert reads == [str(path), str(path)]
    assert again.timeline.events[0].title == changed


@pytest.mark.parametrize(
    "damage",
    [
        lambda entry: entry.write_bytes(entry.read_bytes()[: len(entry.read_bytes()) // 2]),  # truncated
        lambda entry: entry.write_bytes(b"garbage" * 100),
        lambda entry: entry.write_bytes(entry.read_bytes()[:40] + b"\x00" * 200),  # its header, then garbage
        lambda entry: entry.write_bytes(b""),
        lambda entry: entry.write_bytes(_flipped(entry.read_bytes(), len(entry.read_bytes()) * 2 // 3)),
    ],
    ids=["truncated", "garbage", "header-then-garbage", "empty", "one-byte-changed"],
)
def test_a_corrupt_entry_is_ignored_and_rebuilt(tmp_path, reads, damage):
    cache = Cache(tmp_path / "c")
    first = load_timeline(LANES, cache=cache)
    (entry,) = entries(tmp_path / "c")
    size = entry.stat().st_size
    damage(entry)
    again = load_timeline(LANES, cache=cache)
    assert again.ok and again.timeline == first.timeline
    assert reads == [str(LANES), str(LANES)]  # read from the file again
    assert entries(tmp_path / "c") == [entry] and entry.stat().st_size == size  # and the entry rebuilt
    load_timeline(LANES, cache=cache)
    assert len(reads) == 2  # served from the rebuilt entry


def test_a_deleted_cache_folder_is_made_again(tmp_path, reads):
    cache = Cache(tmp_path / "c")
    load_timeline(LANES, cache=cache)
    shutil.rmtree(tmp_path / "c")
    assert load_timeline(LANES, cache=cache).ok
    assert len(entries(tmp_path / "c")) == 1


def test_an_entry_of_another_app_version_is_not_used(tmp_path, reads, monkeypatch):
    cache = Cache(tmp_path / "c")
    monkeypatch.setattr(cache_module, "app_version", lambda: "0.1.0")
    cache_module._fingerprint.cache_clear()
    load_timeline(LANES, cache=cache)
    monkeypatch.setattr(cache_module, "app_version", lambda: "0.2.0")
    cache_module._fingerprint.cache_clear()
    load_timeline(LANES, cache=cache)
    cache_module._fingerprint.cache_clear()
    assert reads == [str(LANES), str(LANES)]
    assert len(entries(tmp_path / "c")) == 2


def test_warnings_come_back_from_the_cache_with_the_path_opened_now(tmp_path, reads):
    text = LANES.read_text(encoding="utf-8")
    lane = load_timeline(LANES).timeline.lanes[0].id
    warned = text.replace(f"lanes: [{lane}]", f"lanes: [{lane.lower()}]", 1)
    assert warned != text
    reads.clear()
    first_path, second_path = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first_path.write_text(warned, encoding="utf-8")
    shutil.copy(first_path, second_path)  # the same content under another name
    cache = Cache(tmp_path / "c")
    first = load_timeline(first_path, cache=cache)
    assert [p.severity for p in first.problems] == ["warning"]
    second = load_timeline(second_path, cache=cache)
    assert reads == [str(first_path)]  # served from the cache
    assert second.timeline.path == str(second_path)
    assert [(p.path, p.line, p.column, p.message, p.severity) for p in second.problems] == [
        (str(second_path), p.line, p.column, p.message, p.severity) for p in first.problems
    ]


def test_a_file_with_errors_is_not_cached(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(LANES.read_text(encoding="utf-8").replace("kind: ", "kind: x", 1), encoding="utf-8")
    cache = Cache(tmp_path / "c")
    assert not load_timeline(path, cache=cache).ok
    assert entries(tmp_path / "c") == []


def test_a_table_names_itself_so_its_name_is_part_of_the_key(tmp_path, reads):
    """A TimelineJS table cites itself by its file's name: the same content under another name
    is another timeline."""
    text = "Year,Headline,Text\n1995,A,B\n"
    (tmp_path / "one.csv").write_text(text, encoding="utf-8")
    (tmp_path / "two.csv").write_text(text, encoding="utf-8")
    cache = Cache(tmp_path / "c")
    load_timeline(tmp_path / "one.csv", cache=cache)
    two = load_timeline(tmp_path / "two.csv", cache=cache)
    assert [s.title for s in two.timeline.sources] == ["two.csv"]
    assert len(reads) == 2


def test_the_cache_keeps_the_entries_used_last(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_module, "MAX_ENTRIES", 3)
    cache = Cache(tmp_path / "c")
    text = LANES.read_text(encoding="utf-8")
    for number in range(5):
        path = tmp_path / f"e{number}.yaml"
        path.write_text(text + f"# {number}\n", encoding="utf-8")
        load_timeline(path, cache=cache)
    assert len(entries(tmp_path / "c")) == 3
    cache.clear()
    assert entries(tmp_path / "c") == []


def test_no_cache_writes_nothing_to_the_cache_folder(cache_home, capsys):
    assert main(["--check", "--no-cache", str(LANES)]) == 0
    assert not cache_home.exists() or list(cache_home.rglob("*.timeline-cache")) == []
    assert main(["--list", "--no-cache", str(LANES)]) == 0
    assert not cache_home.exists() or list(cache_home.rglob("*.timeline-cache")) == []
    assert main(["--check", str(LANES)]) == 0
    assert len(list(cache_home.rglob("*.timeline-cache"))) == 1
    capsys.readouterr()


def test_the_window_gets_the_user_cache_unless_no_cache(cache_home, monkeypatch):
    from timeline_app.ui import app

    given = []
    monkeypatch.setattr(app, "run_gui", lambda *args, **kwargs: given.append(kwargs.get("cache")) or 0)
    monkeypatch.setattr(app, "open_settings", lambda: None)
    monkeypatch.setattr(app, "file_to_open", lambda path, settings: path)
    assert main([str(LANES)]) == 0
    assert main([str(LANES), "--no-cache"]) == 0
    assert [c.directory if c else None for c in given] == [cache_home / "timeline-app", None]
