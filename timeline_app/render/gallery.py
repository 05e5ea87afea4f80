"""Reference exports to look at: `python -m timeline_app.gallery [OUTDIR]` (or `make gallery`).

Writes the bundled timeline at full span, zoomed to 1999-2002, one lane, with a selection
(callout), with member rows and a country followed, in both themes (Screen with a light and a
dark palette), as PNG, SVG and PDF; then the deck of the bundled tour (`deck.pdf`, a page a
stop), or of the tours named after OUTDIR (`python -m timeline_app.render.gallery OUT T.tour.yaml`).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.dates import SECONDS_PER_DAY, day_to_epoch, parse_date
from ..core.figure import FigureSpec
from ..core.loader import load_timeline
from ..core.model import Timeline
from ..core.paths import bundled_events
from ..core.tour import TOUR_SUFFIX, bundled_tours, load_tour
from .deck import export_deck, slug
from .export import ensure_app, export_figure

if TYPE_CHECKING:
    from PySide6 import QtGui


def _range(first: str, last: str) -> dict[str, float]:
    return {
        "start": day_to_epoch(parse_date(first).first_day),
        "end": day_to_epoch(parse_date(last).last_day) + SECONDS_PER_DAY,
    }


def dark_palette() -> QtGui.QPalette:
    from PySide6 import QtGui

    palette = QtGui.QPalette()
    role = QtGui.QPalette.ColorRole
    for r, colour in (
        (role.Window, "#2b2d30"),
        (role.Base, "#1e1f22"),
        (role.AlternateBase, "#26282b"),
        (role.Text, "#dfe1e5"),
        (role.WindowText, "#dfe1e5"),
        (role.Mid, "#4e5157"),
    ):
        palette.setColor(r, QtGui.QColor(colour))
    return palette


GALLERY: list[tuple[str, dict[str, Any], str | None]] = [
    ("01-full-span-slide.png", dict(title="Post-Soviet security organisations, 1991-2015"), None),
    ("02-full-span-slide.svg", dict(title="Post-Soviet security organisations, 1991-2015"), None),
    ("03-full-span-slide.pdf", dict(title="Post-Soviet security organisations, 1991-2015"), None),
    ("04-zoom-1999-2002.png", dict(title="1999-2002", **_range("1999", "2002")), None),
    ("05-one-lane-csto.png", dict(title="The Collective Security Treaty and the CSTO", lanes=("CSTO",)), None),
    (
        "06-selection-callout.png",
        dict(title="Founding the CSTO", selected="csto-founded-2002", **_range("2001", "2004")),
        None,
    ),
    (
        "07-selection-callout.svg",
        dict(title="Founding the CSTO", selected="csto-founded-2002", **_range("2001", "2004")),
        None,
    ),
    ("08-screen-light.png", dict(theme="screen", width=1280, height=720, **_range("1999", "2002")), None),
    (
        "09-screen-dark.png",
        dict(theme="screen", width=1280, height=720, selected="sco-founded-2001", **_range("1999", "2002")),
        "dark",
    ),
    (
        "10-4k-scale.png",
        dict(width=1280, height=720, scale=3, title="High-DPI: 1280x720 at 3x", lanes=("SCO", "EurAsEC")),
        None,
    ),
    (
        "11-members-uzbekistan.png",
        dict(
            title="Uzbekistan in five organisations, as the documents tell it",
            member_lanes=("CIS", "CSTO", "GUUAM", "SCO", "EurAsEC"),
            followed="Uzbekistan",
        ),
        None,
    ),
    (
        "12-members-csto-dark.png",
        dict(theme="screen", width=1280, height=720, lanes=("CSTO",), member_lanes=("CSTO",)),
        "dark",
    ),
]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "gallery")
    out.mkdir(parents=True, exist_ok=True)
    ensure_app()
    result = load_timeline(bundled_events())
    if not result.ok:
        print("\n".join(map(str, result.problems)), file=sys.stderr)
        return 1
    timeline = result.timeline
    assert timeline is not None  # result.ok: the file loaded
    for name, options, palette in GALLERY:
        spec = FigureSpec(**options)
        path = export_figure(timeline, out / name, spec, dark_palette() if palette == "dark" else None)
        print(path)
    tours = [Path(arg) for arg in args[1:]] or bundled_tours()
    for tour_path in tours:
        name = "deck.pdf" if len(tours) == 1 else f"deck-{slug(tour_path.name.removesuffix(TOUR_SUFFIX))}.pdf"
        if not _write_deck(tour_path, out / name, timeline):
            return 1
    return 0


def _write_deck(tour_path: Path, out: Path, bundled: Timeline) -> bool:
    """The deck of one tour, at 1080p in the slide theme, of the events file it names (the
    bundled timeline when that is the bundled events.yaml); False, with the problems, when it fails."""
    loaded = load_tour(tour_path)
    if loaded.tour is None or any(p.severity == "error" for p in loaded.problems):
        print("\n".join(map(str, loaded.problems)), file=sys.stderr)
        return False
    events = loaded.tour.events_path()
    if events is None:
        print(f"{tour_path}: its events file '{loaded.tour.events}' was not found", file=sys.stderr)
        return False
    timeline = bundled
    if events.resolve() != bundled_events().resolve():
        result = load_timeline(events)
        if not result.ok or result.timeline is None:
            print("\n".join(map(str, result.problems)), file=sys.stderr)
            return False
        timeline = result.timeline
    for path in export_deck(timeline, loaded.tour, out, FigureSpec()):
        print(f"{path} ({len(loaded.tour.stops)} pages: {tour_path.name})")
    return True


if __name__ == "__main__":
    sys.exit(main())
