"""A tour as a deck: one figure per stop, in one multi-page PDF or a folder of numbered images.

Each stop is drawn by the same `Figure` as every export, from `stop.figure_spec(base)`: the
stop's range, lanes, selection (with its callout), filters, member rows and followed country,
its heading as the title, and the source line. The size, scale, theme, caption and source line
come from `base` and are the same on every page. Writing is atomic: a failed deck leaves no
file (a folder's images are made in a hidden folder inside it, and moved out once all are made).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path

from PySide6 import QtGui

from ..core.figure import FigureSpec
from ..core.model import Timeline
from ..core.span import timeline_span
from ..core.tour import Tour
from .compose import Figure
from .export import DEFAULT_TITLE, ExportError, atomic_path, check_spec, ensure_app, write_figure, write_pdf

__all__ = ["IMAGE_FORMATS", "deck_specs", "export_deck", "is_folder", "slide_names", "slug"]

#: The images a deck writes to a folder (`--format`), PNG by default.
IMAGE_FORMATS = ("png", "svg")
#: The longest slug in a slide's file name, in characters (cut at a word).
SLUG_LIMIT = 48


def slug(text: str, limit: int = SLUG_LIMIT) -> str:
    """'The CIS is founded, 1991' -> 'the-cis-is-founded-1991': lower-case ASCII words joined by
    '-', at most `limit` characters (whole words); 'stop' when nothing is left."""
    unquoted = re.sub("['\u2019]", "", text)  # Uzbekistan's -> uzbekistans
    ascii_text = unicodedata.normalize("NFKD", unquoted).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    shown = words[0][:limit] if words else "stop"
    for word in words[1:]:
        if len(shown) + 1 + len(word) > limit:
            break
        shown = f"{shown}-{word}"
    return shown


def slide_names(tour: Tour, image_format: str = "png") -> list[str]:
    """'01-the-cis-is-founded.png', ...: one a stop, numbered from 1 in the tour's order, zero-padded
    to the width of the count (two digits at least)."""
    width = max(2, len(str(len(tour.stops))))
    return [f"{number:0{width}d}-{slug(stop.heading)}.{image_format}" for number, stop in enumerate(tour.stops, 1)]


def deck_specs(timeline: Timeline, tour: Tour, base: FigureSpec) -> list[FigureSpec]:
    """The figure of each stop, in order: `base` with the stop's view and its heading as the title.
    Lanes the timeline does not have are left out, and a stop left with none shows every lane (as
    `Stop.apply` does in the window); a selected event it does not have is no selection."""
    known = {lane.id for lane in timeline.lanes}
    specs, span = [], timeline_span(timeline)
    for stop in tour.stops:
        spec = stop.figure_spec(base, span)
        if spec.lanes is not None:
            spec = spec.replace(lanes=tuple(lane for lane in spec.lanes if lane in known) or None)
        specs.append(spec)
    return specs


def is_folder(out: str | Path) -> bool:
    """True when `out` names a folder: an existing one, or a path ending in '/' (made when missing)."""
    return str(out).endswith(("/", os.sep)) or Path(out).is_dir()


def export_deck(
    timeline: Timeline,
    tour: Tour,
    out: str | Path,
    base: FigureSpec,
    palette: QtGui.QPalette | None = None,
    image_format: str | None = None,
) -> list[Path]:
    """Write one figure per stop of `tour`: to `out` as one PDF (a page a stop, the document named
    after the tour), or into the folder `out` as numbered images (`image_format` "png", the
    default, or "svg"). Returns the files written, in the stops' order; raises ExportError (one
    line) and leaves no file when the deck cannot be written."""
    if not tour.stops:
        raise ExportError(f"cannot export the tour to '{out}': it has no stops")
    check_spec(base)
    if is_folder(out):
        return _export_images(timeline, tour, Path(out), base, palette, image_format or IMAGE_FORMATS[0])
    out = Path(out)
    if out.suffix.lower() != ".pdf":
        raise ExportError(
            f"cannot export a tour to '{out.name}': a deck is one .pdf file, or a folder of images (end it with '/')"
        )
    if image_format is not None:
        raise ExportError(f"cannot export a tour to '{out.name}' as {image_format.upper()} images: give a folder")
    specs = deck_specs(timeline, tour, base)
    ensure_app()
    with atomic_path(out) as tmp:
        write_pdf(tmp, _figures(timeline, specs, palette), tour.title or DEFAULT_TITLE)
    return [out]


def _figures(timeline: Timeline, specs: Sequence[FigureSpec], palette: QtGui.QPalette | None) -> Iterator[Figure]:
    """Each spec's figure in turn, built when its page comes and closed once painted."""
    for spec in specs:
        figure = Figure(timeline, spec, palette)
        try:
            yield figure
        finally:
            figure.close()


def _export_images(
    timeline: Timeline, tour: Tour, folder: Path, base: FigureSpec, palette: QtGui.QPalette | None, image_format: str
) -> list[Path]:
    """The numbered images in `folder` (made when missing, its parent must exist): every image is
    first written to a hidden folder inside it, and they are moved out only when all were written;
    when a move fails, the images already moved are removed too."""
    if image_format not in IMAGE_FORMATS:
        raise ExportError(
            f"cannot export a tour to the folder '{folder}' as '{image_format}': use {' or '.join(IMAGE_FORMATS)}"
        )
    specs = deck_specs(timeline, tour, base)
    paths = [folder / name for name in slide_names(tour, image_format)]
    made = _make_folder(folder)
    moved: list[Path] = []
    try:
        ensure_app()
        with _staging(folder) as staging:
            for path, spec in zip(paths, specs, strict=True):
                with atomic_path(staging / path.name) as tmp:
                    write_figure(timeline, tmp, spec, palette, f".{image_format}", path)
            for path in paths:
                _move(staging / path.name, path)
                moved.append(path)
    except BaseException:
        for path in moved:
            with contextlib.suppress(OSError):
                path.unlink()
        if made:
            with contextlib.suppress(OSError):
                folder.rmdir()  # only when empty: a folder the deck made, and nothing else put in it
        raise
    return paths


@contextlib.contextmanager
def _staging(folder: Path) -> Iterator[Path]:
    """A hidden temporary folder inside `folder`, removed with what is left in it."""
    try:
        staging = tempfile.TemporaryDirectory(dir=folder, prefix=".deck-")
    except OSError as exc:
        raise ExportError(f"cannot write '{folder}/': {exc.strerror or exc}") from None
    with staging as name:
        yield Path(name)


def _move(source: Path, target: Path) -> None:
    try:
        os.replace(source, target)
    except OSError as exc:
        raise ExportError(f"cannot write '{target}': {exc.strerror or exc}") from None


def _make_folder(folder: Path) -> bool:
    """Make `folder` when it is missing (not its parents); True when it was made here."""
    if folder.is_dir():
        return False
    parent = folder.parent if str(folder.parent) else Path(".")
    if not parent.is_dir():
        raise ExportError(f"cannot write '{folder}/': folder '{parent}' does not exist")
    try:
        folder.mkdir()
    except OSError as exc:
        raise ExportError(f"cannot write '{folder}/': {exc.strerror or exc}") from None
    return True
