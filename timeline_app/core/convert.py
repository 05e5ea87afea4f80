"""--convert IN OUT: a timeline from one format to another (YAML, JSON, CSV by suffix).

The file is read as the app reads it (a file with errors is refused) and its Timeline written
out: YAML and JSON hold everything the model holds; a CSV holds the events (without their
membership entries) and makes lanes and sources from the ids, so what it cannot carry is said,
with the number of things that lose it. Comments of a YAML file are not carried by any format.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import IO, TYPE_CHECKING, Any

from .files import atomic_file, kept_mode
from .loader import load_timeline
from .model import Citation, Event, Lane, MembershipEntry, Source, Timeline
from .problems import Problem, count
from .tables import COLUMNS, SEPARATOR, citation_columns

if TYPE_CHECKING:
    from .cache import Cache

__all__ = ["FORMATS", "Conversion", "ConvertError", "convert", "losses", "timeline_data", "to_json", "to_yaml"]

#: The formats by suffix.
FORMATS = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".csv": "csv"}


class ConvertError(Exception):
    """A conversion that cannot start (an unknown suffix) or whose output cannot be written."""


@dataclass
class Conversion:
    """What a conversion found: the input's problems (errors: nothing written) and what the
    output format cannot carry."""

    problems: list[Problem] = field(default_factory=list)
    losses: list[str] = field(default_factory=list)
    written: Path | None = None
    events: int = 0


def format_of(path: str | Path) -> str:
    """'yaml', 'json' or 'csv' by a file's suffix; ConvertError for any other."""
    kind = FORMATS.get(PurePath(path).suffix.lower())
    if kind is None:
        raise ConvertError(f"{path}: the file name must end in {', '.join(FORMATS)}")
    return kind


def convert(source: str | Path, target: str | Path, *, cache: Cache | None = None) -> Conversion:
    """Read `source`, write `target` atomically in the format of its suffix. Nothing is written
    when the source has errors (they are in .problems). Raises ConvertError."""
    format_of(source)
    kind = format_of(target)
    result = load_timeline(source, cache=cache)
    done = Conversion(list(result.problems))
    if not result.ok or result.timeline is None:
        return done
    timeline = result.timeline
    done.losses = losses(timeline, kind, _comments(source))
    writers: dict[str, Callable[[Timeline, IO[str]], object]] = {
        "yaml": lambda t, out: out.write(to_yaml(t)),
        "json": lambda t, out: out.write(to_json(t)),
        "csv": write_csv,
    }
    out_path = Path(target)
    try:
        with atomic_file(out_path, kept_mode(out_path)) as temporary:
            with open(temporary, "w", encoding="utf-8", newline="") as handle:
                writers[kind](timeline, handle)
    except OSError as exc:
        raise ConvertError(f"{target}: cannot write: {exc.strerror or exc}") from exc
    done.written, done.events = out_path, len(timeline.events)
    return done


def _comments(source: str | Path) -> int:
    """The comment lines of a YAML file (none in the other formats)."""
    if format_of(source) != "yaml":
        return 0
    try:
        with open(source, encoding="utf-8-sig") as handle:
            return sum(1 for line in handle if line.lstrip().startswith("#"))
    except (OSError, UnicodeDecodeError):
        return 0


def losses(timeline: Timeline, kind: str, comments: int = 0) -> list[str]:
    """What a format cannot carry of a timeline, one sentence each, with how much is lost."""
    said = []
    if comments:
        said.append(f"the comments of the YAML file are not carried over ({count(comments, 'comment line')})")
    if kind != "csv":
        return said
    if getattr(timeline, "span", None) is not None:
        said.append("CSV cannot hold the file's span: the data gives it when read back")
    lanes = [lane for lane in timeline.lanes if lane.name != lane.id or lane.title or lane.eras]
    if timeline.lanes:
        said.append(
            f"CSV cannot hold lanes' names, colours, titles or order ({count(len(timeline.lanes), 'lane')}, "
            f"{len(lanes)} with a name or title of its own): read back, lanes are made from the ids in the "
            "'lanes' column, in order of first appearance, with colours in turn"
        )
    eras = sum(len(lane.eras) for lane in timeline.lanes)
    if eras:
        with_eras = sum(1 for lane in timeline.lanes if lane.eras)
        said.append(f"CSV cannot hold eras ({count(eras, 'era')} in {count(with_eras, 'lane')})")
    sources = [source for source in timeline.sources if _described(source)]
    if sources:
        said.append(
            f"CSV cannot hold sources' titles, authors, publishers, dates, files, URLs or notes "
            f"({count(len(sources), 'source')}): read back, a source is titled by its id"
        )
    cited = {citation.source for event in timeline.events for citation in event.citations}
    uncited = [source for source in timeline.sources if source.id not in cited]
    if uncited:
        said.append(f"CSV cannot hold sources that no event cites ({count(len(uncited), 'source')})")
    members = [event for event in timeline.events if event.membership]
    if members:
        entries = sum(len(event.membership) for event in members)
        said.append(f"CSV cannot hold membership entries ({entries} in {count(len(members), 'event')})")
    split = [event for event in timeline.events if any(SEPARATOR in country for country in event.countries)]
    if split:
        said.append(f"CSV splits countries at '{SEPARATOR}': {count(len(split), 'event')} name a country holding one")
    return said


def _described(source: Source) -> bool:
    return source.title != source.id or any(
        (source.author, source.publisher, source.date, source.file, source.url, source.note)
    )


# --- the data of a timeline ------------------------------------------------------------------


def timeline_data(timeline: Timeline) -> dict[str, Any]:
    """The timeline as the plain data of an events file, keys in the schema's order, nothing
    that is empty or the default (it loads back to an equal timeline)."""
    data: dict[str, Any] = {"version": timeline.version}
    span = getattr(timeline, "span", None)
    if span is not None:
        data["span"] = _dropped({"from": _text(span[0]), "to": _text(span[1])})
    data["sources"] = {source.id: _source(source) for source in timeline.sources}
    data["lanes"] = [_lane(lane) for lane in timeline.lanes]
    data["events"] = [_event(event) for event in timeline.events]
    return data


def _text(value: object | None) -> str | None:
    return None if value is None else str(value)


def _dropped(mapping: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in mapping.items() if value not in (None, "", [], ())}


def _source(source: Source) -> dict[str, Any]:
    return _dropped(
        {
            "title": source.title,
            "author": source.author,
            "publisher": source.publisher,
            "date": _text(source.date),
            "file": source.file,
            "url": source.url,
            "note": source.note,
        }
    )


def _lane(lane: Lane) -> dict[str, Any]:
    eras = [
        _dropped(
            {
                "name": era.name,
                "date": str(era.date),
                "end": _text(era.end),
                "citations": [_citation(c) for c in era.citations],
            }
        )
        for era in lane.eras
    ]
    return _dropped({"id": lane.id, "name": lane.name, "title": lane.title, "color": lane.color, "eras": eras})


def _citation(citation: Citation) -> dict[str, Any]:
    return _dropped(
        {
            "source": citation.source,
            "excerpt": citation.excerpt,
            "locator": citation.locator,
            "date": _text(citation.date),
            "end": _text(citation.end),
        }
    )


def _event(event: Event) -> dict[str, Any]:
    return _dropped(
        {
            "id": event.id,
            "title": event.title,
            "date": str(event.date),
            "end": _text(event.end),
            "lanes": list(event.lanes),
            "kind": event.kind,
            "countries": list(event.countries),
            "summary": event.summary,
            "citations": [_citation(c) for c in event.citations],
            "membership": [_membership(m, event) for m in event.membership],
        }
    )


def _membership(entry: MembershipEntry, event: Event) -> dict[str, Any]:
    every = tuple(range(len(event.citations)))
    return _dropped(
        {
            "country": entry.country,
            "change": entry.change,
            "status": entry.status,
            "lane": entry.lane if len(event.lanes) > 1 else None,
            "citations": [i + 1 for i in entry.citations] if entry.citations != every else None,
            "throughout": True if entry.throughout else None,
        }
    )


# --- JSON ----------------------------------------------------------------------------------


def to_json(timeline: Timeline) -> str:
    """The events file as JSON: the head indented, then one event a line (so that each event's
    line says where it is, and a diff shows the events changed)."""
    data = timeline_data(timeline)
    events = data.pop("events")
    head = json.dumps(data, ensure_ascii=False, indent=2)
    lines = [json.dumps(event, ensure_ascii=False) for event in events]
    body = ",\n    ".join(lines)
    return f'{head[:-2]},\n  "events": [\n    {body}\n  ]\n}}\n' if lines else f'{head[:-2]},\n  "events": []\n}}\n'


# --- YAML ----------------------------------------------------------------------------------

#: Plain scalars that YAML (1.1, as PyYAML reads it) would take for something else than text.
_SPECIAL = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}
#: Texts written plain: a letter first, then letters, digits, spaces and punctuation that YAML
#: reads as text ("," and ";" only outside [lists]); no ": ", " #", quotes first or space last.
_PLAIN = re.compile(r"[A-Za-z](?:[A-Za-z0-9 _./()'-]*[A-Za-z0-9_./()'-])?")
_PLAIN_BLOCK = re.compile(r"[A-Za-z](?:[A-Za-z0-9 _./()',;-]*[A-Za-z0-9_./()'-])?")
#: Characters YAML does not allow in a text as they are, or reads as line breaks (JSON leaves them).
_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def _scalar(value: Any, flow: bool = False) -> str:
    """A value as YAML: plain where it can only be read as that text, else double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if (_PLAIN if flow else _PLAIN_BLOCK).fullmatch(text) and text.lower() not in _SPECIAL:
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def to_yaml(timeline: Timeline) -> str:
    """The events file as YAML in the style of events.yaml: block mappings and lists, lists of
    plain values on one line, texts quoted where they must be."""
    lines = [
        "# An events file (format version 1), written by timeline-app --convert; see docs/data-format.md.",
        "",
    ]
    data = timeline_data(timeline)
    for key, value in data.items():
        if key in ("sources", "lanes", "events") and value:
            lines.append("")
        _emit(lines, key, value, "")
    return "\n".join(lines) + "\n"


def _emit(lines: list[str], key: str, value: Any, indent: str) -> None:
    """One key of a mapping and its value, at an indentation."""
    if isinstance(value, dict):
        if not value:
            lines.append(f"{indent}{key}: {{}}")
            return
        lines.append(f"{indent}{key}:")
        for inner_key, inner in value.items():
            _emit(lines, _scalar(inner_key), inner, indent + "  ")
    elif isinstance(value, list):
        if not value or not isinstance(value[0], dict):
            lines.append(f"{indent}{key}: [{', '.join(_scalar(v, flow=True) for v in value)}]")
            return
        lines.append(f"{indent}{key}:")
        for item in value:
            _item(lines, item, indent + "  ")
    else:
        lines.append(f"{indent}{key}: {_scalar(value)}")


def _item(lines: list[str], item: dict[str, Any], indent: str) -> None:
    """A mapping as an item of a block list: its first key after '- '."""
    first = len(lines)
    for key, value in item.items():
        _emit(lines, key, value, indent + "  ")
    lines[first] = f"{indent}- {lines[first][len(indent) + 2 :]}"


# --- CSV -----------------------------------------------------------------------------------


def write_csv(timeline: Timeline, handle: IO[str]) -> None:
    """A row an event, in the columns of docs/data-format.md (as many citation sets as the event
    with most citations needs)."""
    sets = max((len(event.citations) for event in timeline.events), default=1)
    writer = csv.writer(handle, lineterminator="\r\n")  # RFC 4180; and a lone \r in a text is quoted
    writer.writerow([*COLUMNS, *(name for number in range(1, sets + 1) for name in citation_columns(number))])
    writer.writerows(_row(event, sets) for event in timeline.events)


def _row(event: Event, sets: int) -> list[str]:
    cells = [
        event.id,
        event.title,
        str(event.date),
        _text(event.end) or "",
        _joined(event.lanes),
        event.kind,
        _joined(event.countries),
        event.summary,
    ]
    for citation in event.citations:
        cells += [
            citation.source,
            citation.excerpt,
            citation.locator or "",
            _text(citation.date) or "",
            _text(citation.end) or "",
        ]
    cells += [""] * (5 * (sets - len(event.citations)))
    return cells


def _joined(values: Iterable[str]) -> str:
    return f"{SEPARATOR} ".join(values)
