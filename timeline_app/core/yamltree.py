"""The YAML layer of loading: text to plain data that remembers where each value stands.

Everything that guards the app against a hostile or absurd file happens here, once, before
any schema or model sees the data: undecodable bytes, nesting deep enough to crash the C
parser, tags that are not plain data (the tree is composed, never constructed, so no tag can
run code), alias bombs (counted without expanding them, and bounded by the size of the file itself), and
keys given twice (which plain data would silently drop). An honest file (none of these) takes
a fast path: `fast_tree` reads it from the parser's events, without a node per value.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import yaml

from .problems import Problem

__all__ = [
    "EXPANSION",
    "MAX_DEPTH",
    "MAX_VALUES",
    "Duplicate",
    "FastTree",
    "Located",
    "Path",
    "Tree",
    "decode",
    "fast_tree",
    "read_tree",
]

MAX_DEPTH = 64
MAX_VALUES = 2_000_000  # values once aliases are expanded, for any file ...
EXPANSION = 10  # ... and for a large one, this many times the values written in it

#: Where a value stands: keys and list indexes from the top, e.g. ("events", 3, "title").
Path = tuple[str | int, ...]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG = "tag:yaml.org,2002:"
_DATA_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "binary", "merge")}


@dataclass(frozen=True)
class Duplicate:
    """A key given twice in one mapping: plain data keeps the first."""

    mapping: Path
    key: str
    line: int
    column: int
    first_line: int


class Located(Protocol):
    """What the schema check and the reader need of a file's data, whatever its format: the plain
    data, the keys given twice, and where each value (or key) stands in the file."""

    @property
    def data(self) -> Any: ...

    @property
    def duplicates(self) -> list[Duplicate]: ...

    def position(self, path: Path, at_key: bool = False) -> tuple[int, int]: ...


@dataclass
class Tree:
    """Plain data for a file (dates stay text, as written), the node of every value and key,
    and the keys given twice."""

    data: Any
    nodes: dict[Path, yaml.Node]
    keys: dict[Path, yaml.Node]
    duplicates: list[Duplicate] = field(default_factory=list)

    def position(self, path: Path, at_key: bool = False) -> tuple[int, int]:
        """1-based line and column of the value (or key) at `path`, else of its nearest parent."""
        for length in range(len(path), -1, -1):
            node = (self.keys if at_key and length == len(path) else self.nodes).get(path[:length])
            if node is not None:
                return node.start_mark.line + 1, node.start_mark.column + 1
        return 1, 1


def decode(data: str | bytes, path: str) -> tuple[str | None, Problem | None]:
    """The text of a file, or the problem that it is not UTF-8."""
    if isinstance(data, str):
        return data, None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"not UTF-8 text: byte 0x{data[exc.start]:02x} at offset {exc.start}"
        return None, Problem(path, line, column, message)


def read_tree(
    text: str, path: str, kind: str = "an events file", keys: str = "'version', 'sources', 'lanes' and 'events'"
) -> tuple[Tree | None, list[Problem]]:
    """Plain data for a YAML text, or the problems that stop it from being read at all. `kind`
    names the format in messages ("a tour file"), `keys` the top-level keys it expects."""
    line = _too_deep(text)
    if line is not None:
        message = f"the YAML is nested more than {MAX_DEPTH} levels deep ({kind} needs about 6); refusing to read it"
        return None, [Problem(path, line, 1, message)]
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        if exc.problem and exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
            what += f" ({exc.context} that starts on line {exc.context_mark.line + 1})"
        return None, [Problem(path, line, column, f"YAML syntax error: {what}")]
    except yaml.YAMLError as exc:
        return None, [Problem(path, 1, 1, f"YAML error: {exc}")]
    except RecursionError:
        return None, [Problem(path, 1, 1, "YAML nesting is too deep")]
    if root is None:
        return None, [Problem(path, 1, 1, f"the file is empty: expected {keys}")]
    problems, written = _foreign_nodes(root, path, kind)
    if problems:
        return None, problems
    limit = max(MAX_VALUES, EXPANSION * written)
    measured = _expanded(root, limit)
    if measured is None:
        return None, [Problem(path, 1, 1, "an alias refers to a value that contains it; refusing to read the file")]
    values, depth = measured
    if values > limit:
        message = f"the file expands to more than {limit:,} values (YAML aliases?); refusing to read it"
        return None, [Problem(path, 1, 1, message)]
    if depth > MAX_DEPTH:
        message = f"the file's aliases nest more than {MAX_DEPTH} levels deep; refusing to read it"
        return None, [Problem(path, 1, 1, message)]
    return _to_data(root), []


def _too_deep(text: str) -> int | None:
    """The line where the nesting first goes deeper than MAX_DEPTH, or None. Read from the
    parser's events, which keep their own stack (composing nodes would recurse, into a crash),
    and stopped there: absurd nesting is refused at once. Brackets inside text are text."""
    parser = _Loader(text)
    depth = 0
    try:
        while True:
            event = parser.get_event()
            kind = type(event)
            if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                depth += 1
                if depth > MAX_DEPTH:
                    return int(event.start_mark.line) + 1
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                depth -= 1
            elif kind is yaml.StreamEndEvent or event is None:
                return None
    except yaml.YAMLError:
        return None  # composing stops at the same mistake, before any deeper nesting
    finally:
        parser.dispose()


def _where(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _foreign_nodes(root: yaml.Node, path: str, kind: str) -> tuple[list[Problem], int]:
    """A problem for each tag that is not plain data, and how many values and keys are written
    in the file (each alias counts as one, where it is written)."""
    seen: set[int] = set()
    stack = [root]
    problems = []
    written = 0
    while stack:
        node = stack.pop()
        written += 1
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.tag not in _DATA_TAGS:
            tag = node.tag.replace(_TAG, "!!")
            message = f"the tag {tag} is not allowed: {kind} holds plain data only"
            problems.append(Problem(path, *_where(node), message))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return problems, written


def _expanded(root: yaml.Node, limit: int) -> tuple[int, int] | None:
    """(values, depth) of the tree once aliases are expanded, measured without expanding them:
    each distinct node once, children before parents, so an alias bomb is refused at once.
    None when an alias refers to a node that contains it (it would expand for ever)."""
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            children = _children(node)
            size[key] = min(1 + sum(size[id(c)] for c in children), limit + 1)
            depth[key] = min(1 + max((depth[id(c)] for c in children), default=0), MAX_DEPTH + 1)
            on_path.discard(key)
            continue
        if key in size:
            continue
        if key in on_path:
            return None
        on_path.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in on_path:
                return None
            if id(child) not in size:
                stack.append((child, False))
    return size[id(root)], depth[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [value for _, value in node.value]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _to_data(root: yaml.Node) -> Tree:
    """Plain data with the node of each value and key, by path; timestamps stay text."""
    tree = Tree(None, {}, {})
    scalars = yaml.constructor.SafeConstructor()  # one per file: it remembers what it built

    def convert(node: yaml.Node, where: Path) -> Any:
        tree.nodes[where] = node
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
                if key in result:
                    first = tree.keys[(*where, key)].start_mark.line + 1
                    tree.duplicates.append(Duplicate(where, key, *_where(key_node), first))
                    continue
                tree.keys[(*where, key)] = key_node
                result[key] = convert(value_node, (*where, key))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [convert(item, (*where, index)) for index, item in enumerate(node.value)]
        if node.tag == _TAG + "timestamp":
            return node.value
        try:
            return scalars.construct_object(node)
        except (yaml.YAMLError, ValueError):
            return node.value

    tree.data = convert(root, ())
    return tree


# --- the fast path ------------------------------------------------------------------------------
#
# An honest file is read from the C parser's events straight into plain data, without a node per
# value: each value is numbered in the order of the file, and two arrays hold the line and column
# of each number. A mapping or list remembers its own number and the number after its last value,
# so that the position of any path is found by walking from the top (only when a message needs
# it). Anything a plain file does not hold (a tag, an anchor or alias, a key given twice, a key
# that is not text, deep nesting, a second document, a syntax error) stops this path: the caller
# then reads the file the exact way (read_tree), whose messages are the app's.

#: Told the fraction of the file read so far (0.0 to 1.0); it may raise to stop the reading.
Tell = Callable[[float], None]

_STEP = 1 << 14  # values between two calls of a Tell


class _Map(dict[str, Any]):
    """A mapping of the file, with its own number and how many numbers it takes (itself and all
    it holds: most often few, and Python keeps one object for each small number)."""

    __slots__ = ("at", "size")

    def __init__(self, at: int) -> None:
        super().__init__()
        self.at = at
        self.size = 1


class _Seq(list[Any]):
    """A list of the file, with its own number and how many numbers it takes."""

    __slots__ = ("at", "size")

    def __init__(self, at: int) -> None:
        super().__init__()
        self.at = at
        self.size = 1


class _Stop(Exception):  # noqa: N818  (not an error: the exact path takes over)
    """The fast path met something only the exact path reads."""


@dataclass
class FastTree:
    """Plain data read by the fast path, with the line and column of every value by number (the
    text itself is not kept)."""

    data: Any
    lines: array[int]  # the parser's line of each value, from 0
    columns: array[int]  # and its column, from 0
    duplicates: list[Duplicate] = field(default_factory=list)  # keys given twice: their values are not kept

    def position(self, path: Path, at_key: bool = False) -> tuple[int, int]:
        """1-based line and column of the value (or key) at `path`, else of its nearest parent."""
        node, number, parent = self.data, 0, 0
        key_number: int | None = None
        for key in path:
            found = _child(node, number, key)
            if found is None:
                return self._at(number)
            parent = number
            key_number, number, node = found
        if at_key and path:
            return self._at(key_number if key_number is not None else parent)
        return self._at(number)

    def line_of(self, value: Any, path: Path) -> int:
        """The line of a mapping or list of this tree (found by its path when it is not one)."""
        if type(value) is _Map or type(value) is _Seq:
            return int(self.lines[value.at]) + 1
        return self.position(path)[0]

    def _at(self, number: int) -> tuple[int, int]:
        """1-based line and column of a value, as the parser counts them."""
        return int(self.lines[number]) + 1, int(self.columns[number]) + 1


def _size(value: Any) -> int:
    """How many numbers a value takes: one for a scalar, all of its own for a mapping or list."""
    if type(value) is _Map or type(value) is _Seq:
        return value.size
    return 1


def _child(node: Any, number: int, key: str | int) -> tuple[int | None, int, Any] | None:
    """(number of the key, number of the value, value) of node[key], or None when there is none."""
    if type(node) is _Map:
        if not isinstance(key, str) or key not in node:
            return None
        at = number + 1
        for name, value in node.items():
            if name == key:
                return at, at + 1, value
            at += 1 + _size(value)
    elif type(node) is _Seq:
        if type(key) is not int or not 0 <= key < len(node):
            return None
        item = node[key]
        if type(item) is _Map or type(item) is _Seq:
            return None, item.at, item
        return None, number + 1 + sum(_size(v) for v in node[:key]), item
    return None


def fast_tree(text: str | bytes, tell: Tell | None = None) -> FastTree | None:
    """Plain data for an honest YAML text (or its UTF-8 bytes, without a BOM), or None when the
    exact path must read it."""
    try:
        return _Builder(text, tell).build()
    except (_Stop, yaml.YAMLError, RecursionError):
        return None


class _Builder:
    """The state of one fast reading: the open mappings and lists, and what is known of scalars."""

    def __init__(self, text: str | bytes, tell: Tell | None) -> None:
        self.text_length = max(len(text), 1)
        self.parser = _Loader(text)
        self.tell = tell
        self.lines: array[int] = array("I")
        self.columns: array[int] = array("I")
        self.known: dict[str, str] = {}  # keys and short texts, each kept once
        self.resolved: dict[str, Any] = {}  # plain scalar -> its value
        self.constructor = yaml.constructor.SafeConstructor()
        self.twice: list[tuple[Path, str, int, int, int]] = []  # a key given twice, and the first's number

    def build(self) -> FastTree:
        get = self.parser.get_event
        if type(get()) is not yaml.StreamStartEvent or type(get()) is not yaml.DocumentStartEvent:
            raise _Stop  # an empty file
        data = self.document(get)
        if type(get()) is not yaml.StreamEndEvent:
            raise _Stop  # a second document
        tree = FastTree(data, self.lines, self.columns)
        for mapping, key, line, column, first in self.twice:
            tree.duplicates.append(Duplicate(mapping, key, line, column, int(self.lines[first]) + 1))
        return tree

    def given_twice(self, key: str, event: Any, stack: list[tuple[Any, bool, Any]], top: _Map) -> None:
        """Note a key given twice in `top` (plain data keeps the first), and pass over its value."""
        first = top.at + 1
        for name, value in top.items():
            if name == key:
                break
            first += 1 + _size(value)
        opened = [entry[0] for entry in stack if entry[0] is not None] + [top]
        path = tuple(next(reversed(p)) if type(p) is _Map else len(p) - 1 for p in opened[:-1])
        mark = event.start_mark
        self.twice.append((path, key, mark.line + 1, mark.column + 1, first))
        self.pass_over(self.parser.get_event, len(stack))

    def pass_over(self, get: Callable[[], Any], depth: int) -> None:
        """The events of one value that is not kept, checked as a kept one would be."""
        opened = 0
        resolvable = self.parser.yaml_implicit_resolvers
        while True:
            event = get()
            kind = type(event)
            if kind is yaml.AliasEvent or getattr(event, "tag", None) is not None:
                raise _Stop
            if kind is yaml.ScalarEvent:
                if event.implicit[0] and event.value[:1] in resolvable:
                    self.resolve(event.value)  # a plain scalar of a tag that is not plain data stops
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                opened += 1
                if depth + opened >= MAX_DEPTH - 1:
                    raise _Stop
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                opened -= 1
            else:
                raise _Stop
            if opened == 0:
                return

    def document(self, get: Callable[[], Any]) -> Any:
        """The plain data of one document, read event by event (no recursion: depth is a count)."""
        lines, known = self.lines, self.known
        add_line, add_column = lines.append, self.columns.append
        scalar_event, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
        mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        resolvable = frozenset(self.parser.yaml_implicit_resolvers)
        resolve = self.resolve
        stack: list[tuple[Any, bool, Any]] = []
        top: Any = None  # the open mapping or list (None: the top of the document)
        in_map = False
        key: Any = None  # the key read in `top` whose value comes next (None: a key comes next)
        root: Any = None
        told = _STEP
        while True:
            event = get()
            kind = type(event)
            if kind is scalar_event:
                if event.tag is not None:  # an anchor alone is harmless: its aliases stop this path
                    raise _Stop
                value = event.value
                if in_map and key is None:  # a key
                    if value in top:
                        self.given_twice(value, event, stack, top)
                        continue
                    if value == "=" and event.implicit[0]:
                        raise _Stop  # a tag (!!value) that the exact path names
                    mark = event.start_mark
                    add_line(mark.line)
                    add_column(mark.column)
                    key = known.setdefault(value, value)
                    continue
                mark = event.start_mark
                add_line(mark.line)
                add_column(mark.column)
                if event.implicit[0] and value[:1] in resolvable:
                    value = resolve(value)
                elif len(value) <= 16:
                    value = known.setdefault(value, value)
                if in_map:
                    top[key] = value
                    key = None
                elif top is not None:
                    top.append(value)
                else:
                    root = value
            elif kind is mapping_start or kind is sequence_start:
                if event.tag is not None or (in_map and key is None):
                    raise _Stop  # a tag, or a key that is not text
                child: Any = _Map(len(lines)) if kind is mapping_start else _Seq(len(lines))
                mark = event.start_mark
                add_line(mark.line)
                add_column(mark.column)
                if in_map:
                    top[key] = child
                elif top is not None:
                    top.append(child)
                else:
                    root = child
                stack.append((top, in_map, None))  # the key now has its value
                if len(stack) >= MAX_DEPTH - 1:
                    raise _Stop  # the exact path says how deep, and where
                top, in_map, key = child, kind is mapping_start, None
                if len(lines) >= told and self.tell is not None:
                    told += _STEP
                    self.tell(mark.index / self.text_length)
            elif kind is mapping_end or kind is sequence_end:
                top.size = len(lines) - top.at
                top, in_map, key = stack.pop()
                if top is None:
                    break
            elif kind is yaml.DocumentEndEvent and not stack:
                break
            else:
                raise _Stop  # an alias, or what a plain document does not hold
        if (type(root) is _Map or type(root) is _Seq) and type(get()) is not yaml.DocumentEndEvent:
            raise _Stop
        return root

    def resolve(self, text: str) -> Any:
        """The value of a plain scalar that may not be text (a number, true, null ...), as the
        exact path reads it; timestamps stay text."""
        if text in self.resolved:
            return self.resolved[text]
        tag = self.parser.resolve(yaml.ScalarNode, text, (True, False))
        if tag in _AS_TEXT:
            value: Any = text
        elif tag in _CONSTRUCTED:
            try:
                value = self.constructor.yaml_constructors[tag](self.constructor, yaml.ScalarNode(tag, text))
            except (yaml.YAMLError, ValueError):
                value = text  # as the exact path reads it
        else:
            raise _Stop
        self.resolved[text] = value
        return value


_AS_TEXT = {_TAG + t for t in ("str", "timestamp", "merge")}
_CONSTRUCTED = {_TAG + t for t in ("int", "float", "bool", "null")}
