"""Source documents: where a source's file is, its text (read once per change), where an excerpt
stands in it, and the text as a reader shows it.

An excerpt is found as the verifier finds it (`verify.find_parts` on `verify.normalise`d text);
a map from the normalised text back to the file's own offsets gives the spans in the raw text.
The display form (`Rendering`) turns footnote markers into superscript numbers and, in a
markdown file (the thesis), headings and emphasis into formatting, and maps any raw span to
the characters shown for it, so that a highlight lands on the right text.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .model import Source
from .verify import find_parts, normalise_map

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "Block",
    "DocumentCache",
    "DocumentError",
    "Lookup",
    "Rendering",
    "Run",
    "SourceText",
    "document_folders",
    "find_document",
    "lookup_document",
    "readable",
    "render",
]

Span = tuple[int, int]

MAX_DOCUMENT_BYTES = 32 * 1024 * 1024
PREFERENCES_HINT = "choose the folder of the source documents in Edit > Preferences"
WRAPPED_LINE = 60  # a line at least this long, in a plain file, is wrapped text: it joins the next


class DocumentError(Exception):
    """A document that cannot be shown; the message says why, in words for the user."""


# --- finding the file --------------------------------------------------------------------
@dataclass(frozen=True)
class Lookup:
    """Where a source's document is, or why it cannot be shown (`reason`, for a tooltip)."""

    path: Path | None
    reason: str = ""


def document_folders(chosen: str | Path | None, events_file: str | Path | None) -> list[Path]:
    """Where documents are looked for, in order: the folder chosen for them (Preferences or
    --sources), then the events file's own folder."""
    folders: list[Path] = []
    for folder in (Path(chosen) if chosen else None, Path(events_file).parent if events_file else None):
        if folder is not None and folder not in folders:
            folders.append(folder)
    return folders


def _in_words(folders: Sequence[Path]) -> str:
    return " or ".join(str(f) for f in folders)


def lookup_document(source: Source, folders: Iterable[Path]) -> Lookup:
    """The first readable file of the source in the folders, or None and a reason."""
    folders = list(folders)
    name = source.file
    if not name:
        return Lookup(None, f"The events file names no document file for {source.short()}.")
    relative = Path(name)
    if relative.is_absolute() or ".." in relative.parts:
        return Lookup(None, f"{name} is not a file name inside a folder of documents.")
    if not folders:
        return Lookup(None, f"No folder of source documents is chosen; {PREFERENCES_HINT}.")
    for folder in folders:
        path = folder / relative
        if path.is_file():
            if not os.access(path, os.R_OK):
                return Lookup(None, f"{name} in {folder} cannot be read (no permission).")
            return Lookup(path)
    return Lookup(None, f"{name} is not in {_in_words(folders)}; {PREFERENCES_HINT}.")


def find_document(source: Source, folders: Iterable[Path]) -> Path | None:
    """The source's file in the first folder that holds it; None when it is missing or cannot
    be read (`lookup_document` says why)."""
    return lookup_document(source, folders).path


# --- the display form --------------------------------------------------------------------
@dataclass(frozen=True)
class Run:
    """Text shown in one style, and the raw characters [start, end) it stands for. An `exact` run
    shows those characters one for one (a line break shown as a space or a line separator);
    another (a footnote marker, an escaped character) stands for them as a whole."""

    text: str
    start: int
    end: int
    style: frozenset[str] = frozenset()  # of "b" (bold), "i" (italic), "sup", "link"
    exact: bool = True


@dataclass(frozen=True)
class Block:
    """A paragraph as shown: 'p', 'quote' (indented), 'note' (a footnote), 'rule', 'h1'..'h6'."""

    kind: str
    runs: tuple[Run, ...]
    start: int  # raw offsets of the paragraph
    end: int

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


LINE_SEPARATOR = "\u2028"  # a line break inside a paragraph (one character, as in QTextDocument)

_FOOTNOTE_MARK = re.compile(r"<sup>\s*([^<]{0,12}?)\s*</sup>")  # as verify's, with the number
_HEADING = re.compile(r"[ \t]{0,3}(#{1,6})[ \t]+")
_RULE = re.compile(r"[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*")
_NUMBERED = re.compile(r"\d{1,3}\.\s")
_MARKDOWN = re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)
_INLINE_MARKDOWN = re.compile(
    r"(?P<sup><sup>\s*(?P<mark>[^<]{0,12}?)\s*</sup>)"
    r"|(?P<escape>\\[\\`*_{}\[\]()#+\-.!<>|~])"
    r"|(?P<link>\[(?P<label>[^\]\n]*)\]\((?P<url>[^)\s]*)\))"
    r"|(?P<auto><(?P<address>https?://[^>\s]+)>)"
    r"|(?P<stars>\*{1,3})"
)


class _Builder:
    """Collects the runs of one paragraph, merging neighbours that can be one run."""

    def __init__(self) -> None:
        self.runs: list[Run] = []

    def add(self, text: str, start: int, end: int, style: frozenset[str], exact: bool = True) -> None:
        if not text:
            return
        last = self.runs[-1] if self.runs else None
        if last and exact and last.exact and last.style == style and last.end == start:
            self.runs[-1] = Run(last.text + text, last.start, end, style)
        else:
            self.runs.append(Run(text, start, end, style, exact))


def _inline_plain(text: str, start: int, end: int, out: _Builder, style: frozenset[str]) -> None:
    """A line of a plain file: its text, footnote markers as superscript."""
    position = start
    for mark in _FOOTNOTE_MARK.finditer(text, start, end):
        out.add(text[position : mark.start()], position, mark.start(), style)
        out.add(mark.group(1), mark.start(), mark.end(), style | {"sup"}, exact=False)
        position = mark.end()
    out.add(text[position:end], position, end, style)


def _inline_markdown(text: str, start: int, end: int, out: _Builder, style: frozenset[str]) -> None:
    """A line of markdown: emphasis, escapes, links and footnote markers become formatting;
    a star that opens or closes nothing stays a star."""
    position = start
    bold = italic = False
    for token in _INLINE_MARKDOWN.finditer(text, start, end):
        shown = style | ({"b"} if bold else set()) | ({"i"} if italic else set())
        out.add(text[position : token.start()], position, token.start(), frozenset(shown))
        position = token.end()
        kind = token.lastgroup
        if kind == "sup":
            out.add(token.group("mark"), token.start(), token.end(), frozenset(shown | {"sup"}), exact=False)
        elif kind == "escape":
            out.add(token.group()[1], token.start(), token.end(), frozenset(shown), exact=False)
        elif kind == "link":
            label, url = token.group("label"), token.group("url")
            if label.startswith(("http://", "https://")) or not label:
                out.add(url, token.start("url"), token.end("url"), frozenset(shown | {"link"}))
            else:
                _inline_markdown(text, token.start("label"), token.end("label"), out, frozenset(shown))
        elif kind == "auto":
            out.add(token.group("address"), token.start("address"), token.end("address"), frozenset(shown | {"link"}))
        else:
            stars = token.group()
            before = text[token.start() - 1] if token.start() > start else " "
            after = text[token.end()] if token.end() < end else " "
            can_open, can_close = not after.isspace(), not before.isspace()
            wants_bold, wants_italic = len(stars) >= 2, len(stars) != 2
            is_open = (not wants_bold or bold) and (not wants_italic or italic)
            if is_open and can_close:
                bold, italic = bold and not wants_bold, italic and not wants_italic
            elif can_open and not (wants_bold and bold) and not (wants_italic and italic):
                bold, italic = bold or wants_bold, italic or wants_italic
            else:
                out.add(stars, token.start(), token.end(), frozenset(shown))
    shown = style | ({"b"} if bold else set()) | ({"i"} if italic else set())
    out.add(text[position:end], position, end, frozenset(shown))


def readable(text: str) -> str:
    """A line of markdown (an excerpt of the thesis) in the characters the reader shows for it:
    emphasis markers and escapes gone, a link as its label, footnote markers left out."""
    out = _Builder()
    _inline_markdown(text, 0, len(text), out, frozenset())
    return "".join(run.text for run in out.runs if "sup" not in run.style)


def _lines(text: str) -> list[Span]:
    """(start, end) of each line, without its line break."""
    spans, position = [], 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        spans.append((position, position + len(stripped)))
        position += len(line)
    return spans


def render(text: str) -> Rendering:
    """The document as a reader shows it, paragraph by paragraph. Paragraphs are separated by
    blank lines; in a plain file a numbered ('84. ') or indented line starts one too, and wrapped
    lines join; in markdown every line break stays, '#' lines are headings and '---' lines rules."""
    markdown = bool(_MARKDOWN.search(text))
    inline = _inline_markdown if markdown else _inline_plain
    blocks: list[Block] = []
    current: _Builder | None = None
    kind, block_start, block_end, last_line = "p", 0, 0, ""

    def close() -> None:
        nonlocal current
        if current is not None and current.runs:
            blocks.append(Block(kind, tuple(current.runs), block_start, block_end))
        current = None

    for line_start, line_end in _lines(text):
        line = text[line_start:line_end]
        content = line.strip()
        first = line_start + (len(line) - len(line.lstrip()))
        last = first + len(content)
        if not content:
            close()
            continue
        heading = _HEADING.match(line) if markdown else None
        if heading or (markdown and _RULE.fullmatch(line)):
            close()
            builder = _Builder()
            if heading:
                inline(text, line_start + heading.end(), last, builder, frozenset())
                level = len(heading.group(1))
                blocks.append(Block(f"h{level}", tuple(builder.runs), line_start, line_end))
            else:
                blocks.append(Block("rule", (), line_start, line_end))
            continue
        lead = line[: first - line_start]
        indented = len(lead) >= 2 or "\t" in lead
        starts_paragraph = not markdown and (bool(_NUMBERED.match(content)) or indented)
        if markdown and content.startswith("<sup>") and current is not None:
            starts_paragraph = True  # a footnote after text, without a blank line
        if current is not None and starts_paragraph:
            close()
        if current is None:
            current = _Builder()
            block_start = first
            if content.startswith("<sup>") and _FOOTNOTE_MARK.match(content):
                kind = "note"
            else:
                kind = "quote" if indented and not markdown else "p"
        else:
            joined = not markdown and len(last_line) >= WRAPPED_LINE
            newline = block_end  # the character after the last line's text (trailing space dropped)
            current.add(" " if joined else LINE_SEPARATOR, newline, newline + 1, frozenset())
        inline(text, first, last, current, frozenset())
        block_end, last_line = last, content
    close()
    return Rendering(tuple(blocks))


class Rendering:
    """A document as shown (`blocks`, their text joined by '\\n': `plain`), with the way from a
    span of the raw text to the characters shown for it (`display_range`)."""

    def __init__(self, blocks: tuple[Block, ...]) -> None:
        self.blocks = blocks
        self._raw_starts: list[int] = []
        self._raw_ends: list[int] = []
        self._shown: list[int] = []  # where each run starts in `plain`
        self._runs: list[Run] = []
        position = 0
        for block in blocks:
            for run in block.runs:
                self._raw_starts.append(run.start)
                self._raw_ends.append(run.end)
                self._shown.append(position)
                self._runs.append(run)
                position += len(run.text)
            position += 1  # the paragraph separator
        self.plain = "\n".join(block.text for block in blocks)

    def _start(self, raw: int) -> int:
        index = bisect.bisect_right(self._raw_ends, raw)
        if index == len(self._runs):
            return len(self.plain)
        run = self._runs[index]
        return self._shown[index] + (raw - run.start if run.exact and raw > run.start else 0)

    def _end(self, raw: int) -> int:
        index = bisect.bisect_left(self._raw_starts, raw) - 1
        if index < 0:
            return 0
        run = self._runs[index]
        inside = run.exact and raw < run.end
        return self._shown[index] + (raw - run.start if inside else len(run.text))

    def display_range(self, start: int, end: int) -> Span:
        """The characters of `plain` shown for raw [start, end): markup that is not shown is
        left out, a footnote marker counts whole."""
        first = self._start(start)
        return first, max(first, self._end(end))


# --- a document's text -----------------------------------------------------------------------
class SourceText:
    """A document's text as read, with what is worked out from it once: its normalised form and
    the offsets back, and its display form."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text

    @cached_property
    def _normalised(self) -> tuple[str, list[int]]:
        return normalise_map(self.text)

    @cached_property
    def rendering(self) -> Rendering:
        return render(self.text)

    def locate(self, excerpt: str) -> list[Span] | None:
        """The raw (start, end) of each part of the excerpt (split at …), or None when the
        excerpt is not in the document. Parts are found as `verify.excerpt_in` finds them."""
        normal, offsets = self._normalised
        parts = find_parts(excerpt, normal)
        if parts is None:
            return None
        return [(offsets[start], offsets[end - 1] + 1) for start, end in parts if end > start]


class DocumentCache:
    """Documents read from disk, each kept until its file changes (size or modification time)."""

    def __init__(self, limit: int = 8) -> None:
        self.limit = limit
        self._kept: dict[Path, tuple[tuple[int, int], SourceText]] = {}

    def read(self, path: Path) -> SourceText:
        """The document's text; DocumentError says why it cannot be read."""
        try:
            info = path.stat()
            stamp = (info.st_mtime_ns, info.st_size)
            kept = self._kept.get(path)
            if kept is not None and kept[0] == stamp:
                return kept[1]
            if info.st_size > MAX_DOCUMENT_BYTES:
                raise DocumentError(f"{path.name} is too large to show ({info.st_size // 1_000_000} MB).")
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DocumentError(f"{path.name} is not UTF-8 text (byte {exc.start}).") from exc
        except OSError as exc:
            raise DocumentError(f"{path.name} cannot be read: {exc.strerror or exc}.") from exc
        document = SourceText(path, text.replace("\r\n", "\n"))
        self._kept.pop(path, None)
        self._kept[path] = (stamp, document)
        while len(self._kept) > self.limit:
            del self._kept[next(iter(self._kept))]
        return document
