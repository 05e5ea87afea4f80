"""The format's shape, checked against resources/events.schema.json, each error at its YAML line.

The composed YAML tree is turned into plain data (dates stay text, as written) while every
value remembers its node; jsonschema's errors are then told in the app's words at the line and
column of the node at fault.
"""

from __future__ import annotations

import difflib
import functools
import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import yaml

from .paths import resource
from .problems import Problem

__all__ = ["MAX_VALUES", "SchemaLimitError", "load_schema", "schema_problems", "to_data"]

MAX_VALUES = 2_000_000  # values a file may expand to (YAML aliases can multiply a small file)
_TAG = "tag:yaml.org,2002:"
_KIND_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "object": "a mapping of keys to values",
    "boolean": "true or false",
    "null": "empty",
}


class SchemaLimitError(ValueError):
    """The file expands to more values than any timeline needs."""


@functools.lru_cache(maxsize=1)
def load_schema() -> dict:
    return json.loads(resource("events.schema.json").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    schema = load_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def to_data(root: yaml.Node) -> tuple[Any, dict[tuple, yaml.Node], dict[tuple, yaml.Node]]:
    """Plain data for a composed tree, with the node of each value and of each mapping key,
    by path. Timestamps stay text. Raises SchemaLimitError past MAX_VALUES values."""
    if _expanded_size(root) > MAX_VALUES:
        raise SchemaLimitError(
            f"the file expands to more than {MAX_VALUES:,} values (YAML aliases?); refusing to read it"
        )
    nodes: dict[tuple, yaml.Node] = {}
    keys: dict[tuple, yaml.Node] = {}
    scalars = yaml.constructor.SafeConstructor()  # one per file: it remembers what it built
    count = 0

    def convert(node: yaml.Node, path: tuple) -> Any:
        nonlocal count
        count += 1
        if count > MAX_VALUES:
            raise SchemaLimitError(
                f"the file expands to more than {MAX_VALUES:,} values (YAML aliases?); refusing to read it"
            )
        nodes[path] = node
        if isinstance(node, yaml.MappingNode):
            result = {}
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
                if key in result:
                    continue  # the reader reports duplicate keys
                keys[path + (key,)] = key_node
                result[key] = convert(value_node, path + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [convert(item, path + (index,)) for index, item in enumerate(node.value)]
        if node.tag == _TAG + "timestamp":
            return node.value
        try:
            return scalars.construct_object(node)
        except (yaml.YAMLError, ValueError):
            return node.value

    return convert(root, ()), nodes, keys


def _expanded_size(root: yaml.Node) -> int:
    """How many values the tree has once aliases are expanded, counted without expanding them
    (each distinct node once, bottom-up), so an alias bomb is refused at once."""
    size: dict[int, int] = {}
    order: list[yaml.Node] = []
    stack = [root]
    while stack:  # every distinct node, parents before children
        node = stack.pop()
        if id(node) in size:
            continue
        size[id(node)] = 0
        order.append(node)
        if isinstance(node, yaml.MappingNode):
            stack.extend(value for _, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    for node in reversed(order):  # children before parents
        if isinstance(node, yaml.MappingNode):
            children = [value for _, value in node.value]
        elif isinstance(node, yaml.SequenceNode):
            children = node.value
        else:
            children = []
        size[id(node)] = min(1 + sum(size[id(child)] for child in children), MAX_VALUES + 1)
    return size[id(root)]


def _describe(path: tuple, data: Any) -> str:
    """How the app names the thing at a path: "event 'cst-signed-1992' citation", "lane 'SCO'"."""
    if not path:
        return "the file"
    words: list[str] = []
    node = data
    index = 0
    while index < len(path):
        key = path[index]
        node = node[key] if isinstance(node, (dict, list)) and _has(node, key) else None
        if key == "sources" and index == 0:
            if index + 1 < len(path):
                words.append(f"source '{path[index + 1]}'")
                node = node.get(path[index + 1]) if isinstance(node, dict) else None
                index += 1
            else:
                words.append("sources")
        elif (
            key in ("events", "lanes", "eras", "citations")
            and index + 1 < len(path)
            and isinstance(path[index + 1], int)
        ):
            item = node[path[index + 1]] if isinstance(node, list) and path[index + 1] < len(node) else None
            name = {"events": "event", "lanes": "lane", "eras": "era", "citations": "citation"}[key]
            ident = item.get("id") if isinstance(item, dict) and key in ("events", "lanes") else None
            words.append(f"{name} '{ident}'" if isinstance(ident, str) and ident else name)
            node = item
            index += 1
        elif isinstance(key, int):
            words.append("item")
        else:
            words.append(str(key))
        index += 1
    return " ".join(words)


def _has(container: Any, key: Any) -> bool:
    if isinstance(container, dict):
        return key in container
    return isinstance(key, int) and 0 <= key < len(container)


def _suggest(word: str, options) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _messages(error: jsonschema.ValidationError, data: Any) -> Iterator[tuple[tuple, bool, str]]:
    """(path, at the key rather than the value, message) for one schema error."""
    path = tuple(error.absolute_path)
    what = _describe(path, data)
    kind, instance, expected = error.validator, error.instance, error.validator_value
    if kind == "anyOf" and error.context:
        # the branch of the value's own type says what is wrong with it (a list of lanes with an
        # empty item), not the branch that wanted another type
        fitting = [e for e in error.context if e.validator != "type" or len(e.absolute_path) > len(error.absolute_path)]
        yield from _messages(jsonschema.exceptions.best_match(fitting or error.context), data)
    elif kind == "additionalProperties" and isinstance(instance, dict):
        allowed = list(error.schema.get("properties", {}))
        for key in instance:
            if key not in allowed:
                yield (
                    path + (key,),
                    True,
                    f"{what}: unknown key '{key}'{_suggest(str(key), allowed)}; allowed: {', '.join(allowed)}",
                )
    elif kind == "required":
        for key in expected:
            if isinstance(instance, dict) and key not in instance:
                yield path, False, f"{what}: missing required key '{key}'"
    elif kind == "type":
        types = [expected] if isinstance(expected, str) else list(expected)
        wanted = " or ".join(_KIND_NAMES.get(t, t) for t in types)
        got = _KIND_NAMES.get(_type_of(instance), "something else")
        yield path, False, f"{what} must be {wanted}, not {got}"
    elif kind == "minLength":
        yield path, False, f"{what} is empty"
    elif kind == "minItems":
        last = path[-1] if path else ""
        yield (
            path,
            False,
            {"citations": f"{what}: give at least one citation", "lanes": f"{what}: name at least one lane"}.get(
                last, f"{what} is empty"
            ),
        )
    elif kind == "enum":
        options = [str(o) for o in expected]
        yield path, False, f"{what} '{instance}' is not one of {', '.join(options)}{_suggest(str(instance), options)}"
    elif kind == "pattern":
        last = path[-1] if path else ""
        if expected == r"\S":  # text of white space only
            message = f"{what} is empty"
        elif last in ("date", "end"):
            message = f"{what}: '{instance}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD (optionally followed by ~ approximate, ? uncertain or % both)"
        elif last == "color":
            message = f"{what} '{instance}' must be of the form #RRGGBB"
        elif last == "url":
            message = f"{what} '{instance}' must start with http:// or https://"
        else:
            message = f"{what} '{instance}' may hold only letters, digits, '-', '_' and '.'"
        yield path, False, message
    elif kind == "propertyNames":
        yield path + (instance,), True, f"{what}: '{instance}' may hold only letters, digits, '-', '_' and '.'"
    else:
        yield path, False, f"{what}: {error.message}"


def _type_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def schema_problems(root: yaml.Node, path: str):
    """Every schema error of a composed file, as loader Problems at their nodes' lines.
    Raises SchemaLimitError for a file that expands beyond MAX_VALUES values."""
    data, nodes, keys = to_data(root)  # SchemaLimitError goes to the caller
    problems = []
    seen = set()
    for error in _validator().iter_errors(data):
        for where, at_key, message in _messages(error, data):
            node = (keys if at_key else nodes).get(where) or nodes.get(where[:-1]) or root
            problem = Problem(path, node.start_mark.line + 1, node.start_mark.column + 1, message)
            if (problem.line, problem.column, message) not in seen:
                seen.add((problem.line, problem.column, message))
                problems.append(problem)
    return problems
