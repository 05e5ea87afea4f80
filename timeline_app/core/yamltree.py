"""The YAML layer of loading: text to plain data that remembers where each value stands.

Everything that guards the app against a hostile or absurd file happens here, once, before
any schema or model sees the data: undecodable bytes, nesting deep enough to crash the C
parser, tags that are not plain data (the tree is composed, never constructed, so no tag can
run code), alias bombs (counted without expanding them), trees too large to be a timeline,
and keys given twice (which plain data would silently drop).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import Problem

__all__ = ["MAX_DEPTH", "MAX_NODES", "MAX_VALUES", "Duplicate", "Path", "Tree", "decode", "read_tree"]

MAX_DEPTH = 64
MAX_NODES = 2_000_000  # distinct YAML nodes
MAX_VALUES = 2_000_000  # values once aliases are expanded

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
    depth, line = _nesting(text)
    if depth > MAX_DEPTH:
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
    problems = _foreign_nodes(root, path, kind)
    if problems:
        return None, problems
    measured = _expanded(root)
    if measured is None:
        return None, [Problem(path, 1, 1, "an alias refers to a value that contains it; refusing to read the file")]
    values, depth = measured
    if values > MAX_VALUES:
        message = f"the file expands to more than {MAX_VALUES:,} values (YAML aliases?); refusing to read it"
        return None, [Problem(path, 1, 1, message)]
    if depth > MAX_DEPTH:
        message = f"the file's aliases nest more than {MAX_DEPTH} levels deep; refusing to read it"
        return None, [Problem(path, 1, 1, message)]
    return _to_data(root), []


def _nesting(text: str) -> tuple[int, int]:
    """A quick upper bound of the nesting depth, and its line, read before any parsing, so that
    absurd nesting (which the C parser would follow into a crash) is refused at once."""
    worst, worst_line, flow = 0, 1, 0
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        depth = len(line) - len(stripped)  # indentation
        while stripped.startswith(("- ", "? ")):  # block items opened on one line
            depth += 2
            stripped = stripped[2:].lstrip(" ")
        flow += line.count("[") + line.count("{")
        if flow + depth // 2 > worst:
            worst, worst_line = flow + depth // 2, number
            if worst > MAX_DEPTH:
                break  # the first line too deep is the one to name
        flow -= line.count("]") + line.count("}")
        flow = max(flow, 0)
    return worst, worst_line


def _where(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _foreign_nodes(root: yaml.Node, path: str, kind: str) -> list[Problem]:
    """A problem for each tag that is not plain data; one for a tree too large to be a timeline."""
    seen: set[int] = set()
    stack = [root]
    problems = []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if len(seen) > MAX_NODES:
            message = f"the file has more than {MAX_NODES:,} YAML nodes; refusing to read it"
            return [Problem(path, *_where(node), message)]
        if node.tag not in _DATA_TAGS:
            tag = node.tag.replace(_TAG, "!!")
            message = f"the tag {tag} is not allowed: {kind} holds plain data only"
            problems.append(Problem(path, *_where(node), message))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return problems


def _expanded(root: yaml.Node) -> tuple[int, int] | None:
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
            size[key] = min(1 + sum(size[id(c)] for c in children), MAX_VALUES + 1)
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
