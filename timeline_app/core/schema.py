"""The format's shape: resources/events.schema.json, the one statement of what a file may hold.

jsonschema checks the plain data of a file (see yamltree); its errors are told in the app's
own words, each at the line and column of the value at fault, with the path of that value so
that the reader knows which parts of the file it must leave alone.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

import fastjsonschema

if TYPE_CHECKING:  # imported where a file is invalid: it and its dependencies take 60 ms to import
    import jsonschema

from .dates import DateError, parse_date
from .paths import resource
from .problems import Problem
from .yamltree import Located, Path

__all__ = ["Namer", "describe", "is_valid", "load_schema", "schema_problems", "suggest"]

_KIND_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "object": "a mapping of keys to values",
    "boolean": "true or false",
    "null": "empty",
}


@functools.lru_cache(maxsize=4)
def load_schema(name: str = "events.schema.json") -> dict[str, Any]:
    """A schema of resources/: the events file's, or another format's (tour.schema.json)."""
    schema: dict[str, Any] = json.loads(resource(name).read_text(encoding="utf-8"))
    return schema


@functools.lru_cache(maxsize=4)
def _validator(name: str = "events.schema.json") -> Any:
    schema = load_schema(name)
    import jsonschema

    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    # A whole number is an int as YAML reads it: JSON Schema's "integer" would also take 1999.0,
    # which the model cannot hold.
    types = cls.TYPE_CHECKER.redefine("integer", lambda _checker, value: type(value) is int)
    strict = jsonschema.validators.extend(cls, type_checker=types)  # type: ignore[no-untyped-call]
    return strict(_inline_refs(schema, schema["$defs"]))


@functools.lru_cache(maxsize=4)
def _compiled(name: str = "events.schema.json") -> tuple[Callable[[Any], Any], dict[str, Callable[[Any], Any]]]:
    """The schema compiled to Python by fastjsonschema: a check of the file without the items of
    its top-level lists, and a check for the items of each (so that a long list is checked
    item by item, and the progress told)."""
    schema = _inline_refs(load_schema(name), load_schema(name).get("$defs", {}))  # a third quicker
    properties = schema.get("properties", {})
    lists = {key: value for key, value in properties.items() if isinstance(value, dict) and "items" in value}
    top = {**schema, "properties": {**properties, **{k: _without(v, "items") for k, v in lists.items()}}}
    items = {key: _compile(value["items"]) for key, value in lists.items()}
    return _compile(top), items


def _without(mapping: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in mapping.items() if k != key}


def _compile(schema: dict[str, Any]) -> Callable[[Any], Any]:
    """fastjsonschema's check, as strict as `_validator`: its "integer" would take 1999.0, so that
    test is taken out of the code it generates."""
    code, count = _FLOAT_AS_INTEGER.subn("False", fastjsonschema.compile_to_code(schema))
    if "is_integer()" in code or ('"integer"' in json.dumps(schema) and not count):
        raise RuntimeError("fastjsonschema's test of integers changed; see schema._compile")
    namespace: dict[str, Any] = {}
    exec(compile(code, "<compiled schema>", "exec"), namespace)
    validate: Callable[[Any], Any] = namespace["validate"]
    return validate


#: fastjsonschema's "a float that is a whole number is an integer", in the code it generates.
_FLOAT_AS_INTEGER = re.compile(r"\(isinstance\((\w+), float\) and \1\.is_integer\(\)\)")


def is_valid(data: Any, schema: str = "events.schema.json", tell: Callable[[float], None] | None = None) -> bool:
    """True when the data has no schema error: a quick test (compiled), which says nothing of
    what is wrong (`schema_problems` says that, and where). `tell` is told the fraction done now
    and then, and may raise to stop."""
    whole, items = _compiled(schema)
    try:
        whole(data)
        for key, check in items.items():
            listed = data.get(key) if isinstance(data, dict) else None
            listed = listed if isinstance(listed, list) else []
            for number, item in enumerate(listed):
                if tell is not None and number % _STEP == 0:
                    tell(number / len(listed))
                check(item)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


_STEP = 4096  # items checked between two calls of a `tell`


def _inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    """The schema with each local "$ref" replaced by its definition (the format has no recursive
    definitions): the same rules, validated without a reference lookup per value."""
    if isinstance(node, dict):
        ref = node.get("$ref", "")
        if ref.startswith("#/$defs/") and len(node) == 1:
            return _inline_refs(defs[ref.removeprefix("#/$defs/")], defs)
        return {key: _inline_refs(value, defs) for key, value in node.items() if key != "$defs"}
    if isinstance(node, list):
        return [_inline_refs(item, defs) for item in node]
    return node


def suggest(word: str, options: Iterable[str]) -> str:
    """' (did you mean 'excerpt'?)' for a near miss among the options, else ''."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def describe(path: Path, data: Any) -> str:
    """How the app names the thing at a path: "event 'cst-signed-1992' citation", "lane 'SCO'"."""
    if not path:
        return "the file"
    words: list[str] = []
    node = data
    index = 0
    while index < len(path):
        key = path[index]
        node = _child(node, key)
        following = path[index + 1] if index + 1 < len(path) else None
        if key == "sources" and index == 0:
            if following is not None:
                words.append(f"source '{following}'")
                node = _child(node, following)
                index += 1
            else:
                words.append("sources")
        elif key in _ITEM_NAMES and isinstance(following, int):
            item = _child(node, following)
            ident = item.get("id") if isinstance(item, dict) and key in ("events", "lanes") else None
            name = _ITEM_NAMES[str(key)]
            words.append(f"{name} '{ident}'" if isinstance(ident, str) and ident else name)
            node = item
            index += 1
        elif isinstance(key, int):
            words.append("item")
        else:
            words.append(key)
        index += 1
    return " ".join(words)


_ITEM_NAMES = {"events": "event", "lanes": "lane", "eras": "era", "citations": "citation"}


def _child(container: Any, key: str | int) -> Any:
    """container[key] of a mapping or a list, or None where there is no such thing."""
    if isinstance(container, dict):
        return container.get(key)
    if isinstance(container, list) and isinstance(key, int) and 0 <= key < len(container):
        return container[key]
    return None


#: How a format names the thing at a path, in its messages (`describe` for events files).
Namer = Callable[[Path, Any], str]


def _messages(
    error: jsonschema.ValidationError, data: Any, describe: Namer = describe
) -> Iterator[tuple[Path, bool, str]]:
    """(path of what is wrong, at its key rather than its value, message) for one schema error."""
    path: Path = tuple(error.absolute_path)
    what = describe(path, data)
    kind, instance = error.validator, error.instance
    expected: Any = error.validator_value
    if kind == "anyOf" and error.context:
        # the branch of the value's own type says what is wrong with it (a list of lanes with an
        # empty item), not the branch that wanted another type
        fitting = [e for e in error.context if e.validator != "type" or len(e.absolute_path) > len(error.absolute_path)]
        from jsonschema.exceptions import best_match

        best = best_match(fitting or error.context)
        if best is not None:
            yield from _messages(best, data, describe)
    elif kind == "additionalProperties" and isinstance(instance, dict):
        allowed = list(error.schema.get("properties", {})) if isinstance(error.schema, dict) else []
        for key in instance:
            if key not in allowed:
                yield (
                    (*path, key),
                    True,
                    f"{what}: unknown key '{key}'{suggest(str(key), allowed)}; allowed: {', '.join(allowed)}",
                )
    elif kind == "required":
        for key in expected:
            if isinstance(instance, dict) and key not in instance:
                yield (*path, key), False, f"{what}: missing required key '{key}'"
    elif kind == "type":
        types = [expected] if isinstance(expected, str) else list(expected)
        wanted = " or ".join(_KIND_NAMES.get(t, t) for t in types)
        got = _KIND_NAMES.get(_type_of(instance), "something else")
        yield path, False, f"{what} must be {wanted}, not {got}"
    elif kind in ("minimum", "maximum") and path and path[-1] in ("date", "end"):
        message = f"{what}: {instance} is not a year of four digits (write a date as YYYY, YYYY-MM or YYYY-MM-DD)"
        yield path, False, message
    elif kind == "minLength":
        yield path, False, f"{what} is empty"
    elif kind == "minItems":
        last = path[-1] if path else ""
        yield (
            path,
            False,
            {"citations": f"{what}: give at least one citation", "lanes": f"{what}: name at least one lane"}.get(
                str(last), f"{what} is empty"
            ),
        )
    elif kind == "enum":
        options = [str(o) for o in expected]
        yield path, False, f"{what} '{instance}' is not one of {', '.join(options)}{suggest(str(instance), options)}"
    elif kind == "pattern":
        last = path[-1] if path else ""
        if expected == r"\S":  # text of white space only
            message = f"{what} is empty"
        elif last in ("date", "end"):
            message = f"{what}: {_date_error(instance)}"
        elif last == "color":
            message = f"{what} '{instance}' must be of the form #RRGGBB"
        elif last == "url":
            message = f"{what} '{instance}' must start with http:// or https://"
        else:
            message = f"{what} '{instance}' may hold only letters, digits, '-', '_' and '.'"
        yield path, False, message
    elif kind == "propertyNames":
        yield (*path, str(instance)), True, f"{what}: '{instance}' may hold only letters, digits, '-', '_' and '.'"
    else:
        yield path, False, f"{what}: {error.message}"


def _date_error(value: Any) -> str:
    """What the date parser says of a value: the grammar and its message live in dates.py."""
    try:
        parse_date(value)
    except DateError as exc:
        return str(exc)
    return f"'{value}' is not a date"  # the pattern and the parser disagree: a bug, but say something


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


def schema_problems(
    tree: Located, path: str, schema: str = "events.schema.json", describe: Namer = describe
) -> list[tuple[Path, Problem]]:
    """Every schema error of a file's data: (path of the value at fault, Problem at its line).
    `schema` names the format's schema in resources/, `describe` how its messages name things."""
    found: list[tuple[Path, Problem]] = []
    seen: set[tuple[int, int, str]] = set()
    for error in _validator(schema).iter_errors(tree.data):
        for where, at_key, message in _messages(error, tree.data, describe):
            line, column = tree.position(where, at_key)
            if (line, column, message) not in seen:
                seen.add((line, column, message))
                found.append((where, Problem(path, line, column, message)))
    return found
