"""Events from tables: a `.json` file (the structure of events.yaml) or a `.csv` (a row an event).

Both are read into the same plain data as a YAML file and checked by the same schema and reader
(loader.check_tree), so a problem is told in the same words, at FILE:LINE:COL of the JSON value
or of the CSV cell. Where each value stands is worked out only as far as it is needed:

- for a file without problems, only the line of each event, citation and membership item (the
  model keeps them): JSON events are parsed one by one, each from the offset where it starts,
  and a line is counted from the previous one (one pass over the text in all); a CSV row's line
  is the csv module's count of lines read (so a quoted cell over several lines counts them all);
- when the check finds any problem, it is run again with exact positions, each found by
  walking the text from the item that holds it (JSON) or by splitting the row's text into
  cells (CSV), so every message points at the value or cell at fault.
"""

from __future__ import annotations

import csv
import io
import json
import json.decoder
import json.scanner
import re
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from .problems import LoadResult, Problem
from .schema import suggest
from .yamltree import Duplicate, Path, decode

__all__ = [
    "CITATION_FIELDS",
    "COLUMNS",
    "PALETTE",
    "TIMELINEJS_COLUMNS",
    "citation_columns",
    "is_table",
    "parse_table",
]

#: Our CSV's event columns, in the order --convert writes them.
COLUMNS: tuple[str, ...] = ("id", "title", "date", "end", "lanes", "kind", "countries", "summary")
#: The columns of one citation: the first set as named here, further ones with _2, _3, ...
CITATION_FIELDS: tuple[tuple[str, str], ...] = (
    ("source", "source"),
    ("excerpt", "excerpt"),
    ("locator", "locator"),
    ("citation_date", "date"),
    ("citation_end", "end"),
)
#: The TimelineJS spreadsheet template's columns, in its order.
TIMELINEJS_COLUMNS: tuple[str, ...] = (
    "year",
    "month",
    "day",
    "time",
    "end year",
    "end month",
    "end day",
    "end time",
    "display date",
    "headline",
    "text",
    "media",
    "media credit",
    "media caption",
    "media thumbnail",
    "type",
    "group",
    "background",
)
#: TimelineJS columns the timeline has no place for (read, and said to be left out when used).
_TIMELINEJS_UNUSED = (
    "time",
    "end time",
    "display date",
    "media",
    "media credit",
    "media caption",
    "media thumbnail",
    "background",
)
#: Colours of lanes a table makes (Okabe-Ito, colour-blind safe), in turn.
PALETTE: tuple[str, ...] = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
#: Several lanes or countries in one cell are separated by this (spaces around it are ignored).
SEPARATOR = ";"
#: The lane of TimelineJS rows without a Group.
DEFAULT_LANE = "Events"
#: The kind of every event of a TimelineJS table (the template has no kinds).
DEFAULT_KIND = "other"

_TELL_EVERY = 4096  # rows or events between two progress reports

Check = Callable[..., LoadResult]
Tell = Callable[[float], None]


def is_table(path: str) -> bool:
    """True for a file name that this module reads (.json, .csv)."""
    return PurePath(path).suffix.lower() in (".json", ".csv")


def citation_columns(number: int) -> tuple[str, ...]:
    """The column names of the citation set `number` (1: source, excerpt, ...; 2: source_2, ...)."""
    suffix = "" if number == 1 else f"_{number}"
    return tuple(f"{name}{suffix}" for name, _key in CITATION_FIELDS)


def parse_table(data: str | bytes, path: str, check: Check, tell: Tell) -> LoadResult:
    """A .json or .csv file's Timeline and problems; `check` is loader.check_tree."""
    text, problem = decode(data, path)
    if text is None:
        return LoadResult(None, [problem] if problem else [])
    if PurePath(path).suffix.lower() == ".json":
        return _checked(*_json_tree(text, path, tell), path, check, tell)
    return _checked(*_csv_tree(text, path, tell), path, check, tell)


def _checked(tree: _Positions | None, problems: list[Problem], path: str, check: Check, tell: Tell) -> LoadResult:
    """The check on quick positions; again on exact ones when there is anything to say."""
    if tree is None:
        return LoadResult(None, problems)
    result = check(tree, path, progress=lambda done: tell(0.5 + done * 0.4))
    if result.problems:
        tree.exact = True
        result = check(tree, path, progress=lambda done: tell(0.9 + done * 0.1))
    if not problems:
        return result
    together = [*problems, *result.problems]
    failed = any(p.severity == "error" for p in problems)
    return LoadResult(None if failed else result.timeline, together)


class _Lines:
    """Offsets in a text to 1-based (line, column): counted on from the offset asked before when
    asked in order (one pass for a whole file), looked up in an index of line starts otherwise."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offset, self.line, self.line_start = 0, 1, 0
        self._starts: array[int] | None = None

    def at(self, offset: int) -> tuple[int, int]:
        if offset < self.offset:
            return self.line_of(offset)
        text = self.text
        newlines = text.count("\n", self.offset, offset)
        if newlines:
            self.line += newlines
            self.line_start = text.rfind("\n", self.offset, offset) + 1
        self.offset = offset
        return self.line, offset - self.line_start + 1

    def line_of(self, offset: int) -> tuple[int, int]:
        """(line, column) of any offset, from an index of line starts made when first asked."""
        if self._starts is None:
            self._starts = array("q", [0])
            self._starts.extend(match.end() for match in re.finditer("\n", self.text))
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def start_of(self, line: int) -> int:
        """The offset where a 1-based line starts."""
        self.line_of(0)
        assert self._starts is not None
        return self._starts[min(line, len(self._starts)) - 1]


@dataclass
class _Positions:
    """What the check needs of a table's data (loader's Located): the data, the keys given
    twice, and where a value stands, quick or exact (see the module's docstring)."""

    data: Any
    lines: _Lines
    duplicates: list[Duplicate] = field(default_factory=list)
    exact: bool = False

    def position(self, path: Path, at_key: bool = False) -> tuple[int, int]:
        raise NotImplementedError


# --- JSON ----------------------------------------------------------------------------------

_WS = re.compile(r"[ \t\n\r]*")
_scan_value: Any = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[arg-type]
_scan_string: Any = json.decoder.scanstring  # type: ignore[attr-defined]


class _Syntax(Exception):  # noqa: N818  (a signal inside this module)
    """The text is not what the quick reading expects; json.loads says what is wrong."""


class _JsonTree(_Positions):
    """JSON data with the offset of each event (and of the top-level keys)."""

    def __init__(self, data: Any, text: str, starts: array[int], top: dict[str, tuple[int, int]]) -> None:
        super().__init__(data, _Lines(text))
        self.text = text
        self.starts = starts  # offset of each item of "events"
        self.top = top  # top-level key -> (offset of the key, offset of its value)
        self._items: dict[tuple[int, str], list[int]] = {}

    def position(self, path: Path, at_key: bool = False) -> tuple[int, int]:
        if not self.exact and len(path) >= 2 and path[0] == "events" and isinstance(path[1], int):
            return self._quick(path)
        return self.lines.at(self._locate(path, at_key))

    def _quick(self, path: Path) -> tuple[int, int]:
        """An event's own line, or that of one of its citations or membership items; the event's
        line for anything else in it (only lines are kept for a file without problems)."""
        index = path[1]
        assert isinstance(index, int)
        if not 0 <= index < len(self.starts):
            return 1, 1
        start = self.starts[index]
        if len(path) == 4 and path[2] in ("citations", "membership") and isinstance(path[3], int):
            following = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
            end = self.text.rfind("}", start, following)  # the event's own end, not the separator after it
            if self.text.find("\n", start, end) != -1:  # an event over several lines
                return self.lines.at(self._walk(start, path[2:], False))
        return self.lines.at(start)

    def _locate(self, path: Path, at_key: bool) -> int:
        """The offset of the value (or key) at `path`, else of its nearest parent."""
        if not path:
            return _WS.match(self.text, 0).end()  # type: ignore[union-attr]
        if path[0] == "events" and len(path) >= 2 and isinstance(path[1], int) and path[1] < len(self.starts):
            return self._walk(self.starts[path[1]], path[2:], at_key)
        if isinstance(path[0], str) and path[0] in self.top:
            key, value = self.top[path[0]]
            return key if at_key and len(path) == 1 else self._walk(value, path[1:], at_key)
        return self._walk(_WS.match(self.text, 0).end(), path, at_key)  # type: ignore[union-attr]

    def _walk(self, offset: int, path: Path, at_key: bool) -> int:
        """From the value at `offset`, down `path`: keys by name (the first given), items by index."""
        text = self.text
        for depth, step in enumerate(path):
            here = _WS.match(text, offset).end()  # type: ignore[union-attr]
            found = self._child(here, step)
            if found is None:
                return here
            key, value = found
            offset = key if at_key and depth == len(path) - 1 else value
        return _WS.match(text, offset).end()  # type: ignore[union-attr]

    def _child(self, offset: int, step: str | int) -> tuple[int, int] | None:
        """(offset of the key or item, offset of its value) of one step into a container."""
        text = self.text
        opening = text[offset : offset + 1]
        try:
            if opening == "{" and isinstance(step, str):
                for key_at, key, value_at in self._members(offset):
                    if key == step:
                        return key_at, value_at
            elif opening == "[" and isinstance(step, int):
                for index, item_at in enumerate(self._elements(offset)):
                    if index == step:
                        return item_at, item_at
        except (ValueError, StopIteration, IndexError):
            return None
        return None

    def _members(self, offset: int) -> Iterator[tuple[int, str, int]]:
        """(offset of the key, key, offset of the value) of each member of the object at offset."""
        text = self.text
        at = _WS.match(text, offset + 1).end()  # type: ignore[union-attr]
        while text[at] == '"':
            key, after = _scan_string(text, at + 1)
            colon = _WS.match(text, after).end()  # type: ignore[union-attr]
            value_at = _WS.match(text, colon + 1).end()  # type: ignore[union-attr]
            yield at, key, value_at
            _value, end = _scan_value(text, value_at)
            at = _WS.match(text, end).end()  # type: ignore[union-attr]
            if text[at] != ",":
                return
            at = _WS.match(text, at + 1).end()  # type: ignore[union-attr]

    def _elements(self, offset: int) -> Iterator[int]:
        """The offset of each item of the list at offset."""
        text = self.text
        at = _WS.match(text, offset + 1).end()  # type: ignore[union-attr]
        while text[at] != "]":
            yield at
            _value, end = _scan_value(text, at)
            at = _WS.match(text, end).end()  # type: ignore[union-attr]
            if text[at] != ",":
                return
            at = _WS.match(text, at + 1).end()  # type: ignore[union-attr]

    def find_duplicates(self, twice: list[tuple[dict[str, Any], str]]) -> None:
        """Duplicate entries for the keys json gave twice (each mapping found by walking the data)."""
        wanted = {id(mapping): key for mapping, key in twice}
        for where, mapping in _mappings(self.data, ()):
            if id(mapping) not in wanted:
                continue
            start = self._locate(where, False)
            seen: dict[str, int] = {}
            for key_at, key, _value_at in self._members(start):
                if key in seen:
                    first = self.lines.line_of(seen[key])[0]
                    self.duplicates.append(Duplicate(where, key, *self.lines.line_of(key_at), first))
                else:
                    seen[key] = key_at


def _mappings(data: Any, where: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    if isinstance(data, dict):
        yield where, data
        for key, value in data.items():
            yield from _mappings(value, (*where, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _mappings(value, (*where, index))


def _json_tree(text: str, path: str, tell: Tell) -> tuple[_JsonTree | None, list[Problem]]:
    """The plain data of a JSON text with the offset of each event, or its syntax error."""
    twice: list[tuple[dict[str, Any], str]] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        mapping = dict(items)
        if len(mapping) != len(items):  # plain data keeps the first, as for YAML
            mapping = {}
            for key, value in items:
                if key in mapping:
                    twice.append((mapping, key))
                else:
                    mapping[key] = value
        return mapping

    scan = json.scanner.make_scanner(json.JSONDecoder(object_pairs_hook=pairs))  # type: ignore[arg-type]
    try:
        data, starts, top = _read_json(text, scan, twice, tell)
    except (_Syntax, ValueError, StopIteration, IndexError, RecursionError):
        return None, [_json_error(text, path)]
    if not isinstance(data, dict):
        what = "a list" if isinstance(data, list) else "a single value"
        message = f"the file is {what}: expected a mapping with 'version', 'sources', 'lanes' and 'events'"
        return None, [Problem(path, 1, 1, message)]
    tree = _JsonTree(data, text, starts, top)
    if twice:
        try:
            tree.find_duplicates(twice)
        except RecursionError:
            return None, [Problem(path, 1, 1, "JSON nesting is too deep")]
    return tree, []


def _json_error(text: str, path: str) -> Problem:
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return Problem(path, exc.lineno, exc.colno, f"JSON syntax error: {exc.msg}")
    except RecursionError:
        return Problem(path, 1, 1, "JSON nesting is too deep")
    return Problem(path, 1, 1, "JSON syntax error")  # json.loads reads what the quick reading would not


def _read_json(
    text: str, scan: Any, twice: list[tuple[dict[str, Any], str]], tell: Tell
) -> tuple[Any, array[int], dict[str, tuple[int, int]]]:
    """The data, the offset of each event, and where each top-level key and value stands. The
    events are parsed one by one (by json's own scanner) to know where each one starts."""
    ws = _WS.match
    at = ws(text, 0).end()  # type: ignore[union-attr]
    starts: array[int] = array("q")
    top: dict[str, tuple[int, int]] = {}
    if text[at : at + 1] != "{":
        data, end = scan(text, at)
        if ws(text, end).end() != len(text):  # type: ignore[union-attr]
            raise _Syntax
        return data, starts, top
    result: dict[str, Any] = {}
    at = ws(text, at + 1).end()  # type: ignore[union-attr]
    while text[at] == '"':
        key_at = at
        key, at = _scan_string(text, at + 1)
        at = ws(text, at).end()  # type: ignore[union-attr]
        if text[at] != ":":
            raise _Syntax
        at = ws(text, at + 1).end()  # type: ignore[union-attr]
        value_at = at
        if key == "events" and text[at] == "[" and "events" not in top:
            value, at = _read_events(text, at, scan, starts, tell)
        else:
            value, at = scan(text, at)
        if key in result:
            twice.append((result, key))
        else:
            result[key], top[key] = value, (key_at, value_at)
        at = ws(text, at).end()  # type: ignore[union-attr]
        if text[at] != ",":
            break
        at = ws(text, at + 1).end()  # type: ignore[union-attr]
    if text[at] != "}" or ws(text, at + 1).end() != len(text):  # type: ignore[union-attr]
        raise _Syntax
    return result, starts, top


def _read_events(text: str, at: int, scan: Any, starts: array[int], tell: Tell) -> tuple[list[Any], int]:
    ws = _WS.match
    add = starts.append
    events: list[Any] = []
    keep = events.append
    size = max(len(text), 1)
    at = ws(text, at + 1).end()  # type: ignore[union-attr]
    if text[at] == "]":
        return events, at + 1
    while True:
        add(at)
        value, at = scan(text, at)
        keep(value)
        at = ws(text, at).end()  # type: ignore[union-attr]
        if text[at] == "]":
            return events, at + 1
        if text[at] != ",":
            raise _Syntax
        at = ws(text, at + 1).end()  # type: ignore[union-attr]
        if len(events) % _TELL_EVERY == 0:
            tell(at / size / 2)


# --- CSV -----------------------------------------------------------------------------------


def _column_name(name: str) -> str:
    """How a header cell is matched: case, spaces around and '-' or ' ' for '_' do not matter."""
    return re.sub(r"[\s-]+", "_", name.strip().lower())


_TIMELINEJS = {_column_name(name): name for name in TIMELINEJS_COLUMNS}
#: The TimelineJS cell that holds each key of an event (the others are made: id, kind).
_TIMELINEJS_CELLS = {"title": "headline", "date": "year", "end": "end_year", "summary": "text", "lanes": "group"}
_NUMBERED = re.compile(r"^(source|excerpt|locator|citation_date|citation_end)_([0-9]+)$")


@dataclass
class _Layout:
    """What the header says: each known column's index, the citation sets, the unknown ones."""

    columns: dict[str, int]
    citation_sets: list[dict[str, int]]  # per set: model key (source, excerpt, date, ...) -> column
    timelinejs: bool
    width: int
    header: tuple[int, list[int]] = (1, [])  # the header's line, and the column where each cell starts


class _CsvTree(_Positions):
    """Data made of a table's rows, with the line of each row; a cell's column when asked."""

    def __init__(self, data: Any, text: str, layout: _Layout) -> None:
        super().__init__(data, _Lines(text))
        self.text = text
        self.layout = layout
        self.rows: array[int] = array("q")  # the line each event's row starts on
        self.firsts: dict[Path, tuple[int, int]] = {}  # lane or source -> (row line, column) naming it first

    def position(self, path: Path, at_key: bool = False) -> tuple[int, int]:
        if len(path) >= 2 and path[0] == "events" and isinstance(path[1], int) and path[1] < len(self.rows):
            line = self.rows[path[1]]
            if not self.exact:
                return line, 1
            column = self._column(path[2:])
            return self._cell(line, column) if column is not None else (line, 1)
        if len(path) >= 2 and path[:2] in self.firsts:
            line, column = self.firsts[path[:2]]
            return self._cell(line, column) if self.exact else (line, 1)
        return 1, 1

    def _column(self, rest: Path) -> int | None:
        """The column of the cell that holds the value at `rest` of an event."""
        layout = self.layout
        if not rest:
            return None
        key = _TIMELINEJS_CELLS.get(str(rest[0]), str(rest[0])) if layout.timelinejs else str(rest[0])
        if key == "citations" and layout.timelinejs and not layout.citation_sets:
            return layout.columns.get("text", layout.columns.get("headline"))
        if key == "citations":
            sets = layout.citation_sets
            number = rest[1] if len(rest) > 1 and isinstance(rest[1], int) else 0
            cells = sets[number] if number < len(sets) else (sets[0] if sets else {})
            if len(rest) > 2 and isinstance(rest[2], str) and rest[2] in cells:
                return cells[rest[2]]
            return min(cells.values()) if cells else None
        return layout.columns.get(key)

    def _cell(self, line: int, column: int) -> tuple[int, int]:
        """(line, column) where cell `column` of the row starting on `line` starts."""
        start = self.lines.start_of(line)
        cells = _cell_starts(self.text, start)
        offset = cells[column] if column < len(cells) else cells[-1]
        return self.lines.line_of(offset)


def _cell_starts(text: str, start: int) -> list[int]:
    """The offset of each cell of the CSV row that starts at `start` (quoted cells may hold
    commas and line breaks)."""
    cells = [start]
    at, quoted, size = start, False, len(text)
    while at < size:
        char = text[at]
        if quoted:
            if char == '"':
                if text[at + 1 : at + 2] == '"':
                    at += 1
                else:
                    quoted = False
        elif char == '"':
            quoted = True
        elif char == ",":
            cells.append(at + 1)
        elif char in "\r\n":
            break
        at += 1
    return cells


def _layout(header: list[str], path: str, line: int, starts: list[int]) -> tuple[_Layout | None, list[Problem]]:
    """The columns a header names, and what is wrong with it (`starts`: the column of each cell)."""
    names = [_column_name(cell) for cell in header]
    timelinejs = "year" in names and "headline" in names
    known = set(_TIMELINEJS) if timelinejs else set(COLUMNS)
    known |= {name for name, _key in CITATION_FIELDS}
    columns: dict[str, int] = {}
    sets: dict[int, dict[str, int]] = {}
    problems: list[Problem] = []
    unknown: list[tuple[int, str]] = []
    for index, name in enumerate(names):
        where = starts[index] if index < len(starts) else 1
        numbered = _NUMBERED.match(name)
        if numbered and int(numbered.group(2)) >= 2:
            field_name, number = numbered.group(1), int(numbered.group(2))
        elif name in (n for n, _k in CITATION_FIELDS):
            field_name, number = name, 1
        else:
            field_name, number = "", 0
        if field_name:
            key = dict(CITATION_FIELDS)[field_name]
            target = sets.setdefault(number, {})
            if key in target:
                problems.append(Problem(path, line, where, f"column '{header[index].strip()}' is given twice"))
            target[key] = index
            continue
        if name in columns:
            problems.append(Problem(path, line, where, f"column '{header[index].strip()}' is given twice"))
        elif name in known:
            columns[name] = index
        elif name:
            unknown.append((where, header[index].strip()))
    options = [*TIMELINEJS_COLUMNS] if timelinejs else [*COLUMNS]
    options += [name for name, _key in CITATION_FIELDS]
    for where, name in unknown:
        hint = suggest(_column_name(name), [_column_name(o) for o in options])
        problems.append(Problem(path, line, where, f"unknown column '{name}'{hint}; it is not read", "warning"))
    citation_sets = [sets[number] for number in sorted(sets)]
    required = ("year", "headline") if timelinejs else ("id", "title", "date", "lanes", "kind")
    missing = [name for name in required if name not in columns]
    if not timelinejs and not (citation_sets and "source" in citation_sets[0] and "excerpt" in citation_sets[0]):
        missing += [name for name in ("source", "excerpt") if not citation_sets or name not in citation_sets[0]]
    if missing:
        listed = ", ".join(f"'{name}'" for name in missing)
        problems.append(Problem(path, line, 1, f"the header has no column {listed}; see docs/data-format.md"))
        return None, problems
    return _Layout(columns, citation_sets, timelinejs, len(header), (line, starts)), problems


def _csv_tree(text: str, path: str, tell: Tell) -> tuple[_CsvTree | None, list[Problem]]:
    """The plain data of a CSV text (our columns or the TimelineJS template's), or what stops it."""
    rows = csv.reader(io.StringIO(text, newline=""), strict=True)
    first = 1  # the line the header starts on
    try:
        header = next(rows, None)
        while header is not None and not any(cell.strip() for cell in header):
            first = rows.line_num + 1
            header = next(rows, None)
    except csv.Error as exc:
        return None, [Problem(path, rows.line_num or 1, 1, f"CSV error: {exc}")]
    if header is None:
        message = "the file is empty: expected a header row naming the columns (see docs/data-format.md)"
        return None, [Problem(path, 1, 1, message)]
    start = 0
    for _blank in range(first - 1):
        start = text.index("\n", start) + 1
    columns = [offset - start + 1 for offset in _cell_starts(text, start)]
    layout, problems = _layout(header, path, first, columns)
    if layout is None:
        return None, problems
    builder = _TableBuilder(path, text, layout, rows.line_num)
    try:
        builder.read(rows, tell)
    except csv.Error as exc:
        return None, [*problems, Problem(path, builder.line + 1, 1, f"CSV error: {exc}")]
    problems += builder.problems
    return builder.tree, problems


class _TableBuilder:
    """Rows to the plain data of an events file: an event a row; lanes and sources made from the
    values the rows name, in order of first appearance."""

    def __init__(self, path: str, text: str, layout: _Layout, header_lines: int) -> None:
        self.path = path
        self.layout = layout
        self.events: list[dict[str, Any]] = []
        self.lanes: list[dict[str, Any]] = []
        self.lane_ids: dict[str, str] = {}  # the value in a cell -> the lane id made of it
        self.sources: dict[str, dict[str, Any]] = {}
        data = {"version": 1, "sources": self.sources, "lanes": self.lanes, "events": self.events}
        self.tree = _CsvTree(data, text, layout)
        self.problems: list[Problem] = []
        self.line = header_lines  # the last line read so far
        name = PurePath(path).name
        self.table_source = _slug(name, "table")  # a TimelineJS row cites the table itself
        self.table_title = name
        self.unused: dict[str, int] = {}  # TimelineJS columns with content the timeline cannot show
        columns = layout.columns
        self.simple = [
            (key, columns[key]) for key in ("id", "title", "date", "end", "kind", "summary") if key in columns
        ]
        self.lanes_at, self.countries_at = columns.get("lanes"), columns.get("countries")
        self.citation_cells = [
            [(key, cells[key]) for key in ("source", "excerpt", "locator", "date", "end") if key in cells]
            for cells in layout.citation_sets
        ]

    def read(self, rows: Any, tell: Tell) -> None:
        size = max(self.tree.text.count("\n"), 1)
        tjs = self.layout.timelinejs
        row_number = 1
        for row in rows:
            first_line, self.line = self.line + 1, rows.line_num
            row_number += 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > self.layout.width and any(cell.strip() for cell in row[self.layout.width :]):
                self.too_wide(row, row_number, first_line)
            event = self.timelinejs_event(row, row_number, first_line) if tjs else self.event(row, first_line)
            if event is not None:
                self.tree.rows.append(first_line)
                self.events.append(event)
            if len(self.events) % _TELL_EVERY == 0:
                tell(min(self.line / size, 1.0) / 2)
        header_line, header_columns = self.layout.header
        for name, line in self.unused.items():
            index = self.layout.columns[_column_name(name)]
            column = header_columns[index] if index < len(header_columns) else 1
            message = f"column '{name}' is not read: the timeline has no place for it (first used on line {line})"
            self.problems.append(Problem(self.path, header_line, column, message, "warning"))

    def too_wide(self, row: list[str], number: int, line: int) -> None:
        """An error at the first cell past the header's columns."""
        message = f"row {number} has {len(row)} cells; the header names {self.layout.width} columns"
        starts = _cell_starts(self.tree.text, self.tree.lines.start_of(line))
        at = self.tree.lines.line_of(starts[min(self.layout.width, len(starts) - 1)])
        self.problems.append(Problem(self.path, *at, message))

    def cell(self, row: list[str], name: str) -> str:
        index = self.layout.columns.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""

    def event(self, row: list[str], line: int) -> dict[str, Any]:
        """The event of a row of our columns (the hot loop of a large CSV: a million times)."""
        if len(row) < self.layout.width:
            row = row + [""] * (self.layout.width - len(row))
        event: dict[str, Any] = {}
        for key, index in self.simple:
            value = row[index].strip()
            if value:
                event[key] = value
        lanes = _split(row[self.lanes_at].strip()) if self.lanes_at is not None else []
        if lanes:
            known = self.lane_ids
            event["lanes"] = [known.get(value) or self.lane(value, line) for value in lanes]
        countries = _split(row[self.countries_at].strip()) if self.countries_at is not None else []
        if countries:
            event["countries"] = countries
        citations = self.citations(row, line)
        if citations:
            event["citations"] = citations
        return event

    def citations(self, row: list[str], line: int) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        width = len(row)
        for number, cells in enumerate(self.citation_cells):
            citation: dict[str, Any] = {}
            for key, index in cells:
                value = row[index].strip() if index < width else ""
                if value:
                    citation[key] = value
            if citation:
                found.append(citation)
                source = citation.get("source")
                if source and source not in self.sources:
                    self.sources[source] = {"title": source}
                    self.tree.firsts[("sources", source)] = (line, self.layout.citation_sets[number]["source"])
        return found

    def lane(self, value: str, line: int) -> str:
        """The id of the lane a cell names, made (with the next colour) when first named."""
        lane_id = self.lane_ids.get(value)
        if lane_id is None:
            lane_id = _slug(value, "lane")
            taken = set(self.lane_ids.values())
            number = 2
            while lane_id in taken:
                lane_id, number = f"{_slug(value, 'lane')}-{number}", number + 1
            self.lane_ids[value] = lane_id
            colour = PALETTE[len(self.lanes) % len(PALETTE)]
            column = self.layout.columns.get("group" if self.layout.timelinejs else "lanes", 0)
            self.tree.firsts[("lanes", len(self.lanes))] = (line, column)
            self.lanes.append({"id": lane_id, "name": value, "color": colour})
        return lane_id

    def timelinejs_event(self, row: list[str], number: int, line: int) -> dict[str, Any] | None:
        """A row of the TimelineJS template: its title slide and eras are not events."""
        cell = self.cell
        kind = cell(row, "type").lower()
        if kind in ("title", "era"):
            what = "the title slide" if kind == "title" else "an era"
            message = f"row {number} is {what} of the TimelineJS template, not an event: it is not read"
            self.problems.append(Problem(self.path, line, 1, message, "warning"))
            return None
        for name in _TIMELINEJS_UNUSED:
            if name.replace(" ", "_") in self.layout.columns and cell(row, name.replace(" ", "_")):
                self.unused.setdefault(TIMELINEJS_COLUMNS[TIMELINEJS_COLUMNS.index(name)].title(), line)
        event: dict[str, Any] = {"id": f"row-{number}", "kind": DEFAULT_KIND}
        headline, text = cell(row, "headline"), cell(row, "text")
        date = _timelinejs_date(cell(row, "year"), cell(row, "month"), cell(row, "day"))
        end = _timelinejs_date(cell(row, "end_year"), cell(row, "end_month"), cell(row, "end_day"))
        for key, value in (("title", headline), ("date", date), ("end", end), ("summary", text)):
            if value:
                event[key] = value
        event["lanes"] = [self.lane(cell(row, "group") or DEFAULT_LANE, line)]
        citations = self.citations(row, line) if self.layout.citation_sets else []
        if not citations and not self.layout.citation_sets:
            if self.table_source not in self.sources:
                self.sources[self.table_source] = {"title": self.table_title}
            excerpt = text or headline
            citations = [{"source": self.table_source, "locator": f"row {number}"}]
            if excerpt:
                citations[0]["excerpt"] = excerpt
        if citations:
            event["citations"] = citations
        return event


def _timelinejs_date(year: str, month: str, day: str) -> str:
    """The EDTF text of the template's Year, Month and Day cells, as precise as they are given
    ('' without a year); numbers are padded (1992, 5 -> 1992-05)."""
    if not year:
        return ""
    parts = [year.zfill(4) if year.isdigit() else year]
    for part in (month, day):
        if not part:
            break
        parts.append(part.zfill(2) if part.isdigit() else part)
    return "-".join(parts)


def _split(cell: str) -> list[str]:
    """The values of a cell that may hold several, separated by ';'."""
    if not cell:
        return []
    return [part.strip() for part in cell.split(SEPARATOR) if part.strip()]


def _slug(value: str, fallback: str) -> str:
    """An id made of a name (itself when it is one): letters, digits, '_', '.' and '-', a letter or
    digit first (runs of anything else as '-')."""
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", value).lstrip("-_.")
    return slug.rstrip("-") if slug != value else slug or fallback
