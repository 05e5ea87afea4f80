"""YAML -> Timeline, with every problem collected and placed at FILE:LINE:COL.

The file is composed into YAML nodes (never constructed into Python objects, so no tag can
run code), then read node by node: each value is checked where it stands, so that every
message can name the line and column of the node at fault.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

import yaml

from .dates import DateError, PartialDate, parse_date
from .model import KINDS, Citation, Era, Event, Lane, Source, Timeline
from .problems import LoadResult, Problem
from .schema import SchemaLimitError, schema_problems
from .span import FIRST_DAY, LAST_DAY, in_span

__all__ = ["FORMAT_VERSION", "load_timeline", "parse_timeline"]

FORMAT_VERSION = 1
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_NODES = 2_000_000
MAX_DEPTH = 64

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TAG = "tag:yaml.org,2002:"
_STANDARD_TAGS = {
    _TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "binary", "merge")
}
_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")
_DATE_FORM = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?[~?%]?")

T = TypeVar("T")


def load_timeline(path: str | Path) -> LoadResult:
    """Read and validate a file; never raises for what the file holds."""
    shown = str(path)
    try:
        size = Path(path).stat().st_size
        if size > MAX_FILE_BYTES:
            return LoadResult(
                None,
                [
                    Problem(
                        shown,
                        1,
                        1,
                        f"file is {size // (1024 * 1024)} MB, over the {MAX_FILE_BYTES // (1024 * 1024)} MB limit",
                    )
                ],
            )
        data = Path(path).read_bytes()
    except OSError as exc:
        return LoadResult(None, [Problem(shown, 1, 1, f"cannot read file: {exc.strerror or exc}")])
    return parse_timeline(data, shown)


def parse_timeline(data: str | bytes, path: str = "<string>") -> LoadResult:
    """Validate the text of an events file and build its Timeline."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
            return LoadResult(
                None,
                [Problem(path, line, column, f"not UTF-8 text: byte 0x{data[exc.start]:02x} at offset {exc.start}")],
            )
    else:
        text = data
    depth, line = _nesting(text)
    if depth > MAX_DEPTH:
        return LoadResult(
            None,
            [
                Problem(
                    path,
                    line,
                    1,
                    f"the YAML is nested more than {MAX_DEPTH} levels deep (an events file needs about 6); refusing to read it",
                )
            ],
        )
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        if exc.problem and exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
            what += f" ({exc.context} that starts on line {exc.context_mark.line + 1})"
        return LoadResult(None, [Problem(path, line, column, f"YAML syntax error: {what}")])
    except yaml.YAMLError as exc:
        return LoadResult(None, [Problem(path, 1, 1, f"YAML error: {exc}")])
    except RecursionError:
        return LoadResult(None, [Problem(path, 1, 1, "YAML nesting is too deep")])
    reader = _Reader(path)
    if root is None:
        reader.error_at(1, 1, "the file is empty: expected 'version', 'sources', 'lanes' and 'events'")
        return LoadResult(None, reader.problems)
    if not reader.check_nodes(root):
        return LoadResult(None, reader.problems)
    try:
        reader.problems.extend(schema_problems(root, path))
    except SchemaLimitError as exc:
        return LoadResult(None, [Problem(path, 1, 1, str(exc))])
    timeline = reader.timeline(root)
    if reader.has_errors():
        return LoadResult(None, reader.problems)
    return LoadResult(timeline, reader.problems)


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


def _suggest(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class _Reader:
    """Reads a composed YAML tree, collecting problems instead of raising."""

    def __init__(self, path: str, report_shape: bool = False) -> None:
        self.path = path
        self.report_shape = report_shape
        self.shape_problems = 0
        self.problems: list[Problem] = []
        self.event_lines: dict[str, int] = {}
        self.known_sources: dict[str, Source] = {}
        self.lanes_complete = self.sources_complete = True

    # --- problems -------------------------------------------------------
    def error_at(self, line: int, column: int, message: str, severity: str = "error") -> None:
        self.problems.append(Problem(self.path, line, column, message, severity))

    def error(self, node: yaml.Node, message: str) -> None:
        self.error_at(node.start_mark.line + 1, node.start_mark.column + 1, message)

    def shape(self, node: yaml.Node, message: str) -> None:
        """A problem of the file's shape: the schema reports those (this only keeps the
        construction from going on), unless the reader runs without a schema."""
        self.shape_problems += 1
        if self.report_shape:
            self.error(node, message)

    def warn(self, node: yaml.Node, message: str) -> None:
        self.error_at(node.start_mark.line + 1, node.start_mark.column + 1, message, "warning")

    def has_errors(self) -> bool:
        return self.shape_problems > 0 or any(p.severity == "error" for p in self.problems)

    # --- the tree as a whole -------------------------------------------
    def check_nodes(self, root: yaml.Node) -> bool:
        """Refuse tags that are not plain data, and trees too large to be a timeline."""
        seen: set[int] = set()
        stack = [root]
        ok = True
        while stack:
            node = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            if len(seen) > MAX_NODES:
                self.error(node, f"the file has more than {MAX_NODES:,} YAML nodes; refusing to read it")
                return False
            if node.tag not in _STANDARD_TAGS:
                tag = node.tag.replace(_TAG, "!!")
                self.error(node, f"the tag {tag} is not allowed: an events file holds plain data only")
                ok = False
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    stack.extend((key, value))
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
        return ok

    # --- typed readers ---------------------------------------------------
    def mapping(
        self, node: yaml.Node, what: str, required: tuple[str, ...], optional: tuple[str, ...]
    ) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        if not isinstance(node, yaml.MappingNode):
            self.shape(node, f"{what} must be a mapping of keys to values")
            return None
        found: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        allowed = required + optional
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                self.shape(key, f"{what}: a key must be plain text")
                continue
            name = key.value
            if name in found:
                self.error(
                    key, f"{what}: key '{name}' is given twice (first on line {found[name][0].start_mark.line + 1})"
                )
                continue
            if name not in allowed:
                self.shape(key, f"{what}: unknown key '{name}'{_suggest(name, allowed)}; allowed: {', '.join(allowed)}")
                continue
            found[name] = (key, value)
        for name in required:
            if name not in found:
                self.shape(node, f"{what}: missing required key '{name}'")
        return found

    @staticmethod
    def is_null(node: yaml.Node) -> bool:
        return isinstance(node, yaml.ScalarNode) and node.tag == _TAG + "null"

    def text(self, node: yaml.Node, what: str, *, required: bool = True) -> str | None:
        if self.is_null(node):
            if required:
                self.shape(node, f"{what} is empty")
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.shape(
                node, f"{what} must be text, not a {'list' if isinstance(node, yaml.SequenceNode) else 'mapping'}"
            )
            return None
        value = node.value.strip()
        if required and not value:
            self.shape(node, f"{what} is empty")
            return None
        return value

    def line(self, node: yaml.Node, what: str) -> str | None:
        """Text that must fit on one line (a title, a name): line breaks are folded, with a warning."""
        value = self.text(node, what)
        if value is not None and ("\n" in value or "\r" in value):
            self.warn(node, f"{what} should be one line; its line breaks are shown as spaces")
            value = " ".join(value.split())
        return value

    def date(self, node: yaml.Node, what: str) -> PartialDate | None:
        if self.is_null(node):
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.shape(node, f"{what} must be a date such as 1992, 1992-05 or 1992-05-15")
            return None
        try:
            return parse_date(node.value)
        except DateError as exc:
            # a text of the wrong form is the schema's to report; an impossible date is ours
            (self.error if _DATE_FORM.fullmatch(node.value) else self.shape)(node, f"{what}: {exc}")
            return None

    def text_list(self, node: yaml.Node, what: str) -> list[tuple[yaml.Node, str]]:
        if self.is_null(node):
            return []
        if isinstance(node, yaml.ScalarNode):  # a single value where a list was meant
            return [(node, node.value.strip())] if node.value.strip() else []
        if not isinstance(node, yaml.SequenceNode):
            self.shape(node, f"{what} must be a list")
            return []
        items = []
        for item in node.value:
            value = self.text(item, f"{what} item")
            if value is not None:
                items.append((item, value))
        return items

    def items(self, node: yaml.Node, what: str, read: Callable[[yaml.Node], T | None]) -> list[T]:
        if not isinstance(node, yaml.SequenceNode):
            self.shape(node, f"{what} must be a list")
            return []
        return [v for v in (read(item) for item in node.value) if v is not None]

    # --- the format ------------------------------------------------------
    def timeline(self, root: yaml.Node) -> Timeline | None:
        top = self.mapping(root, "the file", ("version", "sources", "lanes", "events"), ())
        if top is None:
            return None
        if "version" in top:
            node = top["version"][1]
            if not (isinstance(node, yaml.ScalarNode) and node.tag == _TAG + "int"):
                self.shape(node, f"version must be a whole number ({FORMAT_VERSION})")
            elif int(node.value) > FORMAT_VERSION:
                self.error(
                    node, f"this file is format version {node.value}, newer than this app reads ({FORMAT_VERSION})"
                )
            elif int(node.value) != FORMAT_VERSION:
                self.error(node, f"unknown format version {node.value}; this app reads version {FORMAT_VERSION}")
        before = self.shape_problems
        sources = self.sources(top["sources"][1]) if "sources" in top else {}
        self.known_sources = sources
        self.sources_complete = "sources" in top and self.shape_problems == before
        lanes: dict[str, Lane] = {}
        before = self.shape_problems
        if "lanes" in top:
            for lane in self.items(top["lanes"][1], "lanes", lambda n: self.lane(n, lanes)):
                lanes[lane.id] = lane
        # a lane or source that could not be read is reported once, not at every reference to it
        self.lanes_complete = "lanes" in top and self.shape_problems == before
        events = (
            self.items(top["events"][1], "events", lambda n: self.event(n, sources, lanes)) if "events" in top else []
        )
        events.sort(key=lambda e: (e.date.sort_key(), e.title))
        return Timeline(tuple(sources.values()), tuple(lanes.values()), tuple(events), FORMAT_VERSION, self.path)

    def sources(self, node: yaml.Node) -> dict[str, Source]:
        if not isinstance(node, yaml.MappingNode):
            self.shape(node, "sources must be a mapping of source ids to citations")
            return {}
        result: dict[str, Source] = {}
        for key, value in node.value:
            source_id = self.text(key, "source id")
            if source_id is None:
                continue
            if source_id in result:
                self.error(key, f"source id '{source_id}' is given twice")
                continue
            fields = self.mapping(
                value, f"source '{source_id}'", ("title",), ("author", "publisher", "date", "file", "url", "note")
            )
            if fields is None or "title" not in fields:
                continue
            get = lambda name: (
                self.text(fields[name][1], f"source '{source_id}' {name}", required=False) if name in fields else None
            )
            title = self.text(fields["title"][1], f"source '{source_id}' title")
            if title is None:
                continue
            result[source_id] = Source(
                id=source_id,
                title=title,
                author=get("author"),
                publisher=get("publisher"),
                date=self.date(fields["date"][1], f"source '{source_id}' date") if "date" in fields else None,
                file=get("file"),
                url=get("url"),
                note=get("note"),
            )
        return result

    def lane(self, node: yaml.Node, known: dict[str, Lane]) -> Lane | None:
        fields = self.mapping(node, "lane", ("id", "name", "color"), ("title", "eras"))
        if fields is None or not {"id", "name", "color"} <= fields.keys():
            return None
        lane_id = self.text(fields["id"][1], "lane id")
        if lane_id is not None and lane_id in known:
            self.error(fields["id"][1], f"duplicate lane id '{lane_id}'")
            return None
        name = self.line(fields["name"][1], "lane name")
        color_node = fields["color"][1]
        color = self.text(color_node, "lane color")
        if color is not None and not _COLOR.fullmatch(color):
            self.shape(color_node, f"lane color '{color}' must be of the form #RRGGBB")
            color = None
        title = self.text(fields["title"][1], "lane title", required=False) if "title" in fields else None
        what = f"lane '{lane_id}'" if lane_id else "lane"
        eras: list[Era] = []
        if "eras" in fields and not self.is_null(fields["eras"][1]):
            eras = self.items(fields["eras"][1], f"{what} eras", lambda n: self.era(n, what))
            for before, after in zip(eras, eras[1:]):
                if after.date < before.date:
                    self.warn(
                        fields["eras"][1], f"{what} eras are not in date order ('{after.name}' before '{before.name}')"
                    )
        if lane_id is None or name is None or color is None:
            return None
        return Lane(lane_id, name, color, title or "", tuple(eras))

    def era(self, node: yaml.Node, what: str) -> Era | None:
        fields = self.mapping(node, f"{what} era", ("name", "date", "citations"), ("end",))
        if fields is None or not {"name", "date", "citations"} <= fields.keys():
            return None
        name = self.line(fields["name"][1], f"{what} era name")
        date = self.date(fields["date"][1], f"{what} era date")
        end = self.date(fields["end"][1], f"{what} era end") if "end" in fields else None
        if end is not None and date is not None and end.last_day < date.first_day:
            self.error(fields["end"][1], f"{what} era end ({end}) is before its date ({date})")
            end = None
        citations = self.items(
            fields["citations"][1],
            f"{what} era citations",
            lambda n: self.citation(n, f"{what} era", self.known_sources),
        )
        if name is None or date is None or not citations:
            return None
        return Era(name, date, tuple(citations), end)

    def lane_ref(self, node: yaml.Node, value: str, lanes: dict[str, Lane]) -> str | None:
        if value in lanes:
            return value
        folded = {lane_id.casefold(): lane_id for lane_id in lanes}
        if value.casefold() in folded:
            canonical = folded[value.casefold()]
            self.warn(node, f"lane '{value}' is spelled '{canonical}' in lanes")
            return canonical
        (self.error if self.lanes_complete else self.shape)(
            node, f"unknown lane '{value}'{_suggest(value, lanes)}; lanes are: {', '.join(lanes)}"
        )
        return None

    def event(self, node: yaml.Node, sources: dict[str, Source], lanes: dict[str, Lane]) -> Event | None:
        fields = self.mapping(
            node, "event", ("id", "title", "date", "lanes", "kind", "citations"), ("end", "countries", "summary")
        )
        if fields is None:
            return None
        event_id = self.text(fields["id"][1], "event id") if "id" in fields else None
        duplicate = False
        if event_id is not None:
            id_node = fields["id"][1]
            duplicate = event_id in self.event_lines
            if duplicate:
                self.error(id_node, f"duplicate event id '{event_id}' (first on line {self.event_lines[event_id]})")
            else:
                self.event_lines[event_id] = id_node.start_mark.line + 1
        what = f"event '{event_id}'" if event_id else "event"
        title = self.line(fields["title"][1], f"{what} title") if "title" in fields else None
        date = end = None
        if "date" in fields:
            date_node = fields["date"][1]
            date = self.date(date_node, f"{what} date")
            if date is None and self.is_null(date_node):
                self.shape(date_node, f"{what} date is empty")
        if "end" in fields:
            end_node = fields["end"][1]
            end = self.date(end_node, f"{what} end")
            if end is not None and date is not None and end.last_day < date.first_day:
                self.error(end_node, f"{what} end ({end}) is before its date ({date})")
                end = None
        lane_ids: list[str] = []
        if "lanes" in fields:
            lanes_node = fields["lanes"][1]
            before = len(self.problems)
            for item, value in self.text_list(lanes_node, f"{what} lanes"):
                lane_id = self.lane_ref(item, value, lanes)
                if lane_id is not None and lane_id not in lane_ids:
                    lane_ids.append(lane_id)
            if not lane_ids and len(self.problems) == before:
                self.shape(lanes_node, f"{what} lanes: name at least one lane")
        kind = None
        if "kind" in fields:
            kind_node = fields["kind"][1]
            kind = self.text(kind_node, f"{what} kind")
            if kind is not None and kind not in KINDS:
                self.shape(kind_node, f"{what} kind '{kind}' is not one of {', '.join(KINDS)}{_suggest(kind, KINDS)}")
                kind = None
        countries = (
            tuple(v for _, v in self.text_list(fields["countries"][1], f"{what} countries"))
            if "countries" in fields
            else ()
        )
        summary = (
            (self.text(fields["summary"][1], f"{what} summary", required=False) or "") if "summary" in fields else ""
        )
        citations: list[Citation] = []
        if "citations" in fields:
            cit_node = fields["citations"][1]
            citations = self.items(cit_node, f"{what} citations", lambda n: self.citation(n, what, sources))
            if isinstance(cit_node, yaml.SequenceNode) and not cit_node.value:
                self.shape(cit_node, f"{what} citations: give at least one citation")
        for lane_id in lane_ids:
            lane = lanes.get(lane_id)
            if (
                lane is not None
                and lane.eras
                and date is not None
                and (end or date).last_day < lane.eras[0].date.first_day
            ):
                self.warn(
                    fields["date"][1],
                    f"{what} ({date}) is before lane '{lane_id}' begins ({lane.eras[0].date}, '{lane.eras[0].name}')",
                )
        if date is not None and not in_span(date.first_day, (end or date).last_day):
            self.warn(
                fields["date"][1],
                f"{what} ({date}{'/' + str(end) if end else ''}) lies outside the span the timeline shows "
                f"({FIRST_DAY.year}-{LAST_DAY.year}): it will not be visible",
            )
        if duplicate or None in (event_id, title, date, kind) or not lane_ids or not citations:
            return None
        return Event(
            id=event_id,
            title=title,
            date=date,
            end=end,
            lanes=tuple(lane_ids),
            kind=kind,  # type: ignore[arg-type]
            countries=countries,
            summary=summary,
            citations=tuple(citations),
            line=node.start_mark.line + 1,
        )

    def citation(self, node: yaml.Node, what: str, sources: dict[str, Source]) -> Citation | None:
        fields = self.mapping(node, f"{what} citation", ("source", "excerpt"), ("locator", "date"))
        if fields is None or not {"source", "excerpt"} <= fields.keys():
            return None
        source_node = fields["source"][1]
        source_id = self.text(source_node, f"{what} citation source")
        if source_id is not None and source_id not in sources:
            (self.error if self.sources_complete else self.shape)(
                source_node, f"{what} cites unknown source '{source_id}'{_suggest(source_id, sources)}"
            )
            source_id = None
        excerpt = self.text(fields["excerpt"][1], f"{what} citation excerpt")
        locator = (
            self.text(fields["locator"][1], f"{what} citation locator", required=False) if "locator" in fields else None
        )
        date = self.date(fields["date"][1], f"{what} citation date") if "date" in fields else None
        if source_id is None or excerpt is None:
            return None
        return Citation(source_id, excerpt, locator, date, node.start_mark.line + 1)
