"""What the user is looking for: the search text and the filters, and which events match. No Qt.

`Filters` is a value (frozen): the text query and the country, kind, source, precision and
"sources disagree" filters. `matching_mask` is the one function that decides which events
match; the plot, the list, the filter panel, the status bar, the command line and the exports
all go through it (by way of the view state, or directly for the command line).

Text search runs on SQLite's FTS5 (the standard library's `sqlite3`, in memory): its
`unicode61 remove_diacritics 2` tokenizer folds case and accents, and a `"word"*` term matches
word prefixes ("uzbek" finds "Uzbekistan"). Names spelled differently (resources/aliases.yaml)
are one thing: a query word that names one of them searches for every spelling.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import sqlite3
import threading
import unicodedata
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from .columns import Bools, columns, distinct_values
from .dates import Precision
from .model import KINDS, Event, Timeline
from .paths import resource

__all__ = [
    "FILTER_FIELDS",
    "PRECISIONS",
    "AliasGroup",
    "Aliases",
    "Filters",
    "SearchIndex",
    "country_counts",
    "fold",
    "matching_mask",
]

#: The precisions a date can have, coarsest last (the filter's choices).
PRECISIONS: tuple[str, ...] = ("day", "month", "year")
#: The filters that hold a set of values, in the order the filter bar names them.
FILTER_FIELDS: tuple[str, ...] = ("countries", "kinds", "sources", "precisions")
#: The values a filter can take in any file (the fields not named here depend on the file).
_ALLOWED: dict[str, tuple[str, ...]] = {"kinds": KINDS, "precisions": PRECISIONS}

_WORD = re.compile(r"[^\W_]+")
#: Typed letters from which a word stands for the names it begins ("kir" does; "ki" does not).
_ALIAS_PREFIX = 3


def fold(text: str) -> str:
    """Lower case without accents: 'Tanrısever' -> 'tanrısever', 'Chișinău' -> 'chisinau'."""
    if text.isascii():  # nothing to decompose
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    """The folded words of a text, as the search index splits it."""
    return _WORD.findall(fold(text))


# --- filters --------------------------------------------------------------------------
@dataclass(frozen=True)
class Filters:
    """The search text and the filters; each empty set (or False) lets every event through."""

    text: str = ""
    countries: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()
    precisions: frozenset[str] = frozenset()
    disagreements: bool = False

    def replace(self, **changes: Any) -> Filters:
        for name in FILTER_FIELDS:
            if name in changes:
                changes[name] = frozenset(changes[name])
        return dataclasses.replace(self, **changes)

    def values(self, name: str) -> frozenset[str]:
        """The values of one of FILTER_FIELDS."""
        value: frozenset[str] = getattr(self, name)
        return value

    @property
    def active(self) -> bool:
        """True when anything but every event passes."""
        return bool(self.text.strip()) or self.disagreements or any(self.values(f) for f in FILTER_FIELDS)

    def filter_count(self) -> int:
        """How many filters are set: the search, each field with values, and disagreements."""
        return bool(self.text.strip()) + sum(bool(self.values(f)) for f in FILTER_FIELDS) + int(self.disagreements)

    def describe(self, source_names: dict[str, str] | None = None) -> str:
        """In words, for the filter bar: '"osh" · Uzbekistan · membership · 3 filters'."""
        names = source_names or {}
        parts = [f"\u201c{self.text.strip()}\u201d"] if self.text.strip() else []
        parts += sorted(self.countries)
        parts += sorted(self.kinds)
        parts += sorted(names.get(s, s) for s in self.sources)
        parts += [f"{p} dates" for p in PRECISIONS if p in self.precisions]
        if self.disagreements:
            parts.append("sources disagree")
        n = self.filter_count()
        if n:
            parts.append(f"{n} filter" + ("" if n == 1 else "s"))
        return " \u00b7 ".join(parts)

    def to_json(self) -> dict[str, Any]:
        """For the settings: plain lists and values."""
        data: dict[str, Any] = {"text": self.text, "disagreements": self.disagreements}
        data.update({name: sorted(self.values(name)) for name in FILTER_FIELDS})
        return data

    @classmethod
    def from_json(cls, data: object) -> Filters:
        """From `to_json`'s output; anything malformed is left out, and so are kinds and
        precisions that no file can have (countries and sources depend on the file: kept)."""
        if not isinstance(data, dict):
            return cls()
        changes: dict[str, Any] = {}
        if isinstance(data.get("text"), str):
            changes["text"] = data["text"]
        if isinstance(data.get("disagreements"), bool):
            changes["disagreements"] = data["disagreements"]
        for name in FILTER_FIELDS:
            value = data.get(name)
            if isinstance(value, list):
                allowed = _ALLOWED.get(name)
                changes[name] = frozenset(v for v in value if isinstance(v, str) and (allowed is None or v in allowed))
        return cls(**changes)


# --- aliases --------------------------------------------------------------------------
@dataclass(frozen=True)
class AliasGroup:
    """A name and its other spellings (in the sources, or as users type it)."""

    name: str
    kind: str
    spellings: tuple[str, ...]

    @property
    def every(self) -> tuple[str, ...]:
        return (self.name, *self.spellings)


class Aliases:
    """Names that are spelled differently: each spelling leads to its group's canonical name."""

    def __init__(self, groups: Iterable[AliasGroup] = ()) -> None:
        self.groups = tuple(groups)
        self._by_name = {fold(s): g for g in self.groups for s in g.every}
        # (folded words of a spelling, its group), longest spelling first
        self._phrases = sorted(((tuple(words(s)), g) for g in self.groups for s in g.every), key=lambda p: -len(p[0]))
        self._by_first: dict[str, list[tuple[tuple[str, ...], int]]] = {}  # first word -> (words, group)
        for number, group in enumerate(self.groups):
            for spelling in group.every:
                phrase = tuple(words(spelling))
                if phrase:
                    self._by_first.setdefault(phrase[0], []).append((phrase, number))
        for candidates in self._by_first.values():
            candidates.sort(key=lambda c: -len(c[0]))

    @classmethod
    def load(cls, path: str | Path) -> Aliases:
        """Read an alias table (resources/aliases.yaml's format; see docs/data-format.md)."""
        with open(path, encoding="utf-8") as stream:
            data = yaml.safe_load(stream) or {}
        groups = []
        for entry in data.get("names", []):
            spellings = tuple(a["spelling"] if isinstance(a, dict) else str(a) for a in entry.get("also", []))
            groups.append(AliasGroup(str(entry["name"]), str(entry.get("kind", "")), spellings))
        return cls(groups)

    @classmethod
    def bundled(cls) -> Aliases:
        path = resource("aliases.yaml")
        return cls.load(path) if path.exists() else cls()

    def canonical(self, name: str) -> str:
        """The canonical name of a spelling ('Kirghizia' -> 'Kyrgyzstan'); other names as given."""
        group = self._by_name.get(fold(name.strip()))
        return group.name if group else name.strip()

    def find(self, known: Iterable[str], typed: str) -> str | None:
        """The one of `known` a typed name means, in any case or spelling; None for none."""
        by_fold = {fold(name): name for name in known}
        return by_fold.get(fold(self.canonical(typed)))

    def suggest(self, known: Sequence[str], typed: str) -> str | None:
        """The one of `known` a mistyped or begun name most likely means: one whose name or
        another spelling begins with it ('Kirgh': Kyrgyzstan), else the closest name."""
        wanted = fold(typed.strip())
        if not wanted:
            return None
        spellings = {name: {name} for name in known}
        for group in self.groups:
            if group.name in spellings:
                spellings[group.name].update(group.every)
        begun = [name for name, every in spellings.items() if any(fold(s).startswith(wanted) for s in every)]
        if begun:
            return begun[0]
        by_fold = {fold(name): name for name in known}
        near = difflib.get_close_matches(wanted, list(by_fold), n=1)
        return by_fold[near[0]] if near else None

    def named_in(self, tokens: Sequence[str]) -> set[int]:
        """The groups (by number) that a text's words name, the longest spelling first where
        spellings overlap: "Collective Security Treaty Organization" names the CSTO only."""
        found: set[int] = set()
        starts = self._by_first
        if starts.keys().isdisjoint(tokens):
            return found
        resume = 0  # the words of a spelling found are not read again
        for i in [i for i, token in enumerate(tokens) if token in starts]:
            if i < resume:
                continue
            for phrase, number in starts[tokens[i]]:
                if tuple(tokens[i : i + len(phrase)]) == phrase:
                    found.add(number)
                    resume = i + len(phrase)
                    break
        return found

    def groups_at(self, tokens: Sequence[str], start: int) -> tuple[int, list[int], bool]:
        """What the query words from `start` name: how many words it takes, the groups (by
        number), and whether the words are a whole spelling (True) or its beginning. Every word
        of a spelling counts, the last one possibly begun only ("alma at" is Almaty); one word
        stands for the spellings it begins from three letters on ("kirg")."""
        for size in sorted({len(p) for p, _ in self._phrases if len(p) > 1}, reverse=True):
            typed = tuple(tokens[start : start + size])
            if len(typed) < size:
                continue
            matches = [
                (p, number)
                for number, g in enumerate(self.groups)
                for p in map(_words_of, g.every)
                if len(p) == size and _begins(p, typed)
            ]
            if matches:
                return size, _unique([n for _, n in matches]), any(p == typed for p, _ in matches)
        token = tokens[start]
        matches = [
            (p, number)
            for number, g in enumerate(self.groups)
            for p in map(_words_of, g.every)
            if len(p) == 1 and (p[0] == token or (len(token) >= _ALIAS_PREFIX and p[0].startswith(token)))
        ]
        exact = [n for p, n in matches if p[0] == token]
        return 1, _unique(exact or [n for _, n in matches]), bool(exact)

    def begins_another(self, typed: Sequence[str], groups: Iterable[int]) -> bool:
        """True when the typed words, an organisation's name, also begin a longer name of
        another organisation ("cst" begins "CSTO"; "collective security treaty" begins
        "Collective Security Treaty Organization"): organisations' names nest, while a place
        inside an organisation's name ("Tashkent" in "Tashkent Treaty") is still that place."""
        mine, typed = set(groups), tuple(typed)
        if not mine or any(self.groups[n].kind != "organisation" for n in mine):
            return False
        return any(
            number not in mine and g.kind == "organisation" and p != typed and _begins(p, typed)
            for number, g in enumerate(self.groups)
            for p in map(_words_of, g.every)
        )


def _words_of(spelling: str) -> tuple[str, ...]:
    return tuple(words(spelling))


def _begins(phrase: tuple[str, ...], typed: Sequence[str]) -> bool:
    """True when the typed words are the phrase, or its beginning (the last word begun only)."""
    typed = tuple(typed)
    if not typed or len(typed) > len(phrase):
        return False
    return phrase[: len(typed) - 1] == typed[:-1] and phrase[len(typed) - 1].startswith(typed[-1])


def _unique(numbers: list[int]) -> list[int]:
    return list(dict.fromkeys(numbers))


# --- search -----------------------------------------------------------------------------
def _quoted(tokens: Iterable[str]) -> str:
    return '"' + " ".join(tokens) + '"'


def _name_token(number: int) -> str:
    """The word that stands in the index for a name of the alias table (no text has it)."""
    return f"zqname{number}"


class SearchIndex:
    """An in-memory FTS5 index of a timeline's events: titles, summaries, excerpts, countries,
    lanes and the names of the eras they fall in. Built on the first search. It holds its
    timeline weakly: the indexes kept by `search_index` never keep a timeline alive."""

    def __init__(self, timeline: Timeline, aliases: Aliases | None = None) -> None:
        self._timeline = weakref.ref(timeline)
        self.aliases = aliases or Aliases()
        self._db: sqlite3.Connection | None = None
        # a worker thread may be building it when the GUI thread first searches: that search
        # waits for the build rather than making a second one
        self._lock = threading.Lock()

    @property
    def timeline(self) -> Timeline | None:
        """The timeline indexed (None once it is gone)."""
        return self._timeline()

    def _build(self, stop: Callable[[], bool] | None = None) -> sqlite3.Connection | None:
        # built in a worker thread after a large read, then searched on the GUI thread: one
        # thread at a time, which SQLite's serialized mode (Python's default build) allows
        db = sqlite3.connect(":memory:", check_same_thread=False)
        # contentless (content=''): the index only, not a second copy of every text; a search
        # reads rowids, never the texts
        db.execute(
            "CREATE VIRTUAL TABLE events USING fts5(title, summary, excerpts, countries, lanes, names, "
            "content='', tokenize='unicode61 remove_diacritics 2')"
        )
        timeline = self.timeline
        assert timeline is not None, "the index of a timeline that is gone"
        rows = []
        lanes_without_eras = not any(lane.eras for lane in timeline.lanes)
        lane_texts: dict[tuple[str, ...], str] = {}  # the same for every event of these lanes
        named_in: dict[str, set[int]] = {}  # the names in the texts that repeat: countries, lanes
        for row, event in enumerate(timeline.events):
            if lanes_without_eras:
                lane_text = lane_texts.get(event.lanes)
                if lane_text is None:
                    lane_text = lane_texts[event.lanes] = self._lane_text(timeline, event)
            else:
                lane_text = self._lane_text(timeline, event)
            fields = (
                event.title,
                event.summary,
                "\n".join(c.excerpt for c in event.citations),
                "\n".join(event.countries),
                lane_text,
            )
            named = set().union(*(self.aliases.named_in(words(field)) for field in fields[:3]))
            for field in fields[3:]:
                if field not in named_in:
                    named_in[field] = self.aliases.named_in(words(field))
                named |= named_in[field]
            rows.append((row, *fields, " ".join(_name_token(n) for n in sorted(named))))
            if stop is not None and row % 4096 == 0 and stop():
                db.close()
                return None
        db.executemany(
            "INSERT INTO events(rowid, title, summary, excerpts, countries, lanes, names) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        return db

    def prepare(self, stop: Callable[[], bool] | None = None) -> SearchIndex:
        """Built now rather than at the first search; `stop` is asked now and then, and when it
        says True the build is given up (the first search builds it then)."""
        with self._lock:
            if self._db is None:
                self._db = self._build(stop)
        return self

    def _lane_text(self, timeline: Timeline, event: Event) -> str:
        """The names of the event's lanes as they were at its date: the eras it falls in (a
        lane named "CST/CSTO" is the CST before 2002 and the CSTO after), or, for a lane
        without eras, its id, name and title."""
        names = []
        for lane_id in event.lanes:
            lane = timeline.lane(lane_id)
            if lane is None:
                continue
            eras = [
                era.name
                for era, first, stop in lane.era_spans()
                if event.last_day >= first and (stop is None or event.first_day < stop)
            ]
            names += eras or [lane.id, lane.name, lane.title]
        return "\n".join(names)

    def query(self, text: str) -> str:
        """The FTS5 query for what the user typed: every word as a prefix, all of them needed.
        A whole spelling of a name finds that name, in any of its spellings and no other (so
        "CST" does not find the CSTO); the beginning of a spelling ("kirg") finds both what
        it begins and the names it may stand for."""
        tokens = words(text)
        terms = []
        i = 0
        while i < len(tokens):
            size, groups, whole = self.aliases.groups_at(tokens, i)
            typed = tokens[i : i + size]
            names = [f"names : {_name_token(n)}" for n in groups]
            if whole and self.aliases.begins_another(typed, groups):
                alternatives = names  # the name itself, not the longer names it begins
            else:
                alternatives = [_quoted(typed) + "*", *names]
            terms.append(alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")")
            i += size
        return " AND ".join(terms)

    def search(self, text: str) -> set[int] | None:
        """Indexes (in timeline.events) of the events that match; None for a query with no words."""
        expression = self.query(text)
        if not expression:
            return None
        with self._lock:
            if self._db is None:
                self._db = self._build()
            assert self._db is not None  # built without a stop
            found = self._db.execute("SELECT rowid FROM events WHERE events MATCH ?", (expression,)).fetchall()
        return set(chain.from_iterable(found))


_INDEXES: dict[int, tuple[weakref.ref[Timeline], SearchIndex]] = {}


def search_index(timeline: Timeline, aliases: Aliases) -> SearchIndex:
    """The search index of a timeline with that alias table: made on first use (not built until
    searched or prepared), kept while the timeline lives, so that one prepared in a worker thread
    is the one the view state searches."""
    key = id(timeline)
    entry = _INDEXES.get(key)
    if entry is not None and entry[0]() is timeline and entry[1].aliases is aliases:
        return entry[1]
    made = SearchIndex(timeline, aliases)

    def forget(ref: weakref.ref[Timeline], key: int = key, table: dict[int, Any] = _INDEXES) -> None:
        # the table is bound here: at interpreter exit the module's globals may be gone first
        if table.get(key, (None,))[0] is ref:
            del table[key]

    _INDEXES[key] = (weakref.ref(timeline, forget), made)
    return made


# --- matching -----------------------------------------------------------------------------
def matching_mask(
    timeline: Timeline, filters: Filters, index: SearchIndex | None = None, aliases: Aliases | None = None
) -> Bools:
    """For each event of the timeline (in its order), whether it passes every filter: a numpy
    array of bools, computed on the timeline's columns (`core.columns`).

    Countries are compared by canonical name (any spelling of the alias table works).
    """
    size = len(timeline.events)
    mask = np.ones(size, dtype=bool)
    if not filters.active:
        return mask
    aliases = aliases or (index.aliases if index else Aliases())
    table = columns(timeline)
    if filters.text.strip():
        found = (index or SearchIndex(timeline, aliases)).search(filters.text)
        if found is not None:
            mask[:] = False
            mask[np.fromiter(found, dtype=np.int64, count=len(found))] = True
    if filters.countries:
        wanted = {fold(aliases.canonical(c)) for c in filters.countries}
        mask &= table.countries.having(
            _chosen(table.countries.names, lambda c: fold(aliases.canonical(c)) in wanted), size
        )
    if filters.kinds:
        mask &= table.kinds.having(_chosen(table.kinds.names, filters.kinds.__contains__), size)
    if filters.sources:
        mask &= table.sources.having(_chosen(table.sources.names, filters.sources.__contains__), size)
    if filters.precisions:
        codes = [int(p) for p, name in _PRECISION_NAMES.items() if name in filters.precisions]
        mask &= np.isin(table.precision, codes)
    if filters.disagreements:
        mask &= table.disagree
    return mask


def _chosen(names: Sequence[str], wanted: Callable[[str], bool]) -> Bools:
    """For each name, whether it is wanted."""
    return np.fromiter(map(wanted, names), dtype=bool, count=len(names))


_PRECISION_NAMES = {Precision.DAY: "day", Precision.MONTH: "month", Precision.YEAR: "year"}


def _precision(event: Event) -> str:
    """'day', 'month' or 'year': how precisely the event's (start) date is known."""
    return _PRECISION_NAMES[event.date.precision]


def country_counts(timeline: Timeline, aliases: Aliases | None = None) -> list[tuple[str, int]]:
    """Every country that an event names (by canonical name), with its number of events, by name
    (an event naming a country in two spellings counts once)."""
    aliases = aliases or Aliases()
    named = columns(timeline).countries
    canonical = [aliases.canonical(name) for name in named.names]
    names = list(dict.fromkeys(canonical))
    code_of = {name: code for code, name in enumerate(names)}
    recode = np.array([code_of[name] for name in canonical], dtype=np.int64)
    pairs = distinct_values(named.owner * max(len(names), 1) + recode[named.code])
    counts = np.bincount(pairs % max(len(names), 1), minlength=len(names))
    return sorted(
        ((name, int(counts[code])) for code, name in enumerate(names) if counts[code]), key=lambda item: fold(item[0])
    )
