"""Excerpt verification: every citation's excerpt must stand verbatim in its source document."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from .model import Timeline
from .problems import Problem

__all__ = ["ELLIPSIS", "excerpt_in", "find_parts", "normalise", "normalise_map", "verify_excerpts"]

ELLIPSIS = "\u2026"
_FOOTNOTE = re.compile(r"<sup>\s*[^<]{0,12}?\s*</sup>")
_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"\s+|\S+")


def normalise(text: str) -> str:
    """Drop <sup>N</sup> footnote markers and fold every run of whitespace to one space."""
    return _SPACE.sub(" ", _FOOTNOTE.sub("", text)).strip()


def normalise_map(text: str) -> tuple[str, list[int]]:
    """`normalise(text)`, and for each of its characters the offset in `text` it comes from (a
    folded run of whitespace: the run's first character)."""
    pieces: list[str] = []
    offsets: list[int] = []
    pending: int | None = None  # where a run of whitespace not yet written began
    kept = 0
    for marker in [*_FOOTNOTE.finditer(text), None]:
        stop = marker.start() if marker else len(text)
        for token in _TOKEN.finditer(text, kept, stop):
            if token.group().isspace():
                pending = token.start() if pending is None else pending
                continue
            if pending is not None and offsets:  # no space before the first word (strip)
                pieces.append(" ")
                offsets.append(pending)
            pending = None
            pieces.append(token.group())
            offsets.extend(range(token.start(), token.end()))
        kept = marker.end() if marker else len(text)
    return "".join(pieces), offsets


def find_parts(excerpt: str, document: str) -> list[tuple[int, int]] | None:
    """Where the excerpt's parts (split at …) stand in the normalised document, in order: the
    (start, end) of each part that is not empty; None when a part is missing."""
    spans: list[tuple[int, int]] = []
    position = 0
    for part in (normalise(p) for p in excerpt.split(ELLIPSIS)):
        if not part:
            continue
        found = document.find(part, position)
        if found < 0:
            return None
        position = found + len(part)
        spans.append((found, position))
    return spans


def excerpt_in(excerpt: str, document: str) -> bool:
    """True when the excerpt's parts (split at …) stand in the normalised document, in order."""
    return find_parts(excerpt, document) is not None


def closest_match(excerpt: str, document: str) -> str:
    """The stretch of the document most like the excerpt's first missing part."""
    part = max((normalise(p) for p in excerpt.split(ELLIPSIS)), key=len)
    matcher = difflib.SequenceMatcher(None, part, document, autojunk=False)
    block = matcher.find_longest_match(0, len(part), 0, len(document))
    start = max(0, block.b - block.a)
    return document[start : start + len(part)]


def verify_excerpts(timeline: Timeline, sources_dir: str | Path) -> list[Problem]:
    """A problem for each excerpt that is not in its source file under `sources_dir`."""
    folder = Path(sources_dir)
    texts: dict[str, str | None] = {}
    problems: list[Problem] = []
    for known in timeline.sources:
        if known.file is None:
            continue
        try:
            texts[known.id] = normalise((folder / known.file).read_text(encoding="utf-8"))
        except OSError as exc:
            texts[known.id] = None
            problems.append(
                Problem(
                    timeline.path,
                    1,
                    0,
                    f"source '{known.id}': cannot read {folder / known.file}: {exc.strerror or exc}",
                )
            )
    cited = [(f"event {e.id}", c) for e in timeline.events for c in e.citations]
    cited += [
        (f"lane {lane.id} era '{era.name}'", c) for lane in timeline.lanes for era in lane.eras for c in era.citations
    ]
    for owner, citation in cited:
        document = texts.get(citation.source)
        if document is None:
            continue
        if not excerpt_in(citation.excerpt, document):
            document_name = source.file if (source := timeline.source(citation.source)) else citation.source
            near = closest_match(citation.excerpt, document)
            problems.append(
                Problem(
                    timeline.path,
                    citation.line,
                    0,
                    f'{owner}: excerpt not found in {document_name} (closest match: "{near}")',
                )
            )
    return problems
