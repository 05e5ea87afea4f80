"""The command line: open the window, or --check, --list and --export without one."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TextIO

from . import __version__
from .core.dates import SECONDS_PER_DAY, DateError, PartialDate, day_to_epoch, parse_date
from .core.figure import SIZE_PRESETS, THEME_NAMES
from .core.loader import load_timeline
from .core.paths import bundled_events
from .core.problems import LoadResult, in_file_order
from .core.query import LaneError, filter_events, resolve_lanes
from .core.span import FIRST_DAY, HOME_RANGE, LAST_DAY, in_span

__all__ = ["main"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline-app",
        description="Timeline of post-Soviet security organisations, 1991-2015. "
        "Without an action, opens the window on FILE.",
    )
    parser.add_argument("file", nargs="?", metavar="FILE", help="events file (default: the bundled events.yaml)")
    action = parser.add_mutually_exclusive_group()
    action.add_argument(
        "--check", action="store_true", help="validate FILE; print each problem as FILE:LINE:COL: message"
    )
    action.add_argument("--list", action="store_true", help="print the events that match the filters")
    action.add_argument(
        "--export", metavar="OUT", help="render the figure headless to OUT: .png, .svg (vector) or .pdf"
    )
    parser.add_argument(
        "--sources", metavar="DIR", help="with --check: verify every excerpt against the documents in DIR"
    )
    parser.add_argument("--lanes", metavar="A,B", help="only these lanes (ids or names, comma-separated)")
    parser.add_argument("--from", dest="start", metavar="DATE", help="from this date (YYYY, YYYY-MM or YYYY-MM-DD)")
    parser.add_argument("--to", dest="end", metavar="DATE", help="up to the end of this date")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="--list output format")
    parser.add_argument(
        "--size",
        default="1920x1080",
        metavar="WxH",
        help="--export size: WIDTHxHEIGHT or 720p, 1080p, 4k (default 1920x1080)",
    )
    parser.add_argument(
        "--scale", type=float, default=1.0, help="--export: pixels per unit of --size, for high-DPI PNG (default 1)"
    )
    parser.add_argument(
        "--select", metavar="ID", help="--export with this event selected and a callout quoting its source"
    )
    parser.add_argument("--theme", choices=THEME_NAMES, default="slide", help="--export theme (default slide)")
    parser.add_argument("--title", default="", help="--export: a title above the timeline")
    parser.add_argument("--caption", default="", help="--export: a caption under the title")
    parser.add_argument("--no-sources", action="store_true", help="--export without the source line")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _date_arg(parser: argparse.ArgumentParser, value: str | None, flag: str) -> PartialDate | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except DateError as exc:
        parser.error(f"{flag}: {exc}")
    return None  # not reached


def _size_arg(parser: argparse.ArgumentParser, value: str) -> tuple[int, int]:
    if value.lower() in SIZE_PRESETS:
        return SIZE_PRESETS[value.lower()]
    try:
        width, height = (int(part) for part in value.lower().split("x"))
    except ValueError:
        parser.error(
            f"--size: '{value}' is not of the form WIDTHxHEIGHT (e.g. 1920x1080) or one of {', '.join(SIZE_PRESETS)}"
        )
    return width, height


def _print_problems(result: LoadResult, stream: TextIO) -> None:
    for problem in in_file_order(result.problems):
        print(problem, file=stream)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; a reader that stops early (`| head`) ends it quietly."""
    try:
        return _main(argv)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # no second error when Python flushes at exit
        return EXIT_OK


def _main(argv: list[str] | None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    path = Path(args.file) if args.file else bundled_events()
    start = _date_arg(parser, args.start, "--from")
    end = _date_arg(parser, args.end, "--to")
    if start and end and end.last_day < start.first_day:
        parser.error(f"--to {end} is before --from {start}")

    if not (args.check or args.list or args.export):
        from .ui.app import run_gui  # Qt only when a window is wanted

        return run_gui(path)

    if args.sources and not args.check:
        parser.error("--sources goes with --check")
    result = load_timeline(path)
    if args.check:
        if result.ok and args.sources:
            from .core.verify import verify_excerpts

            assert result.timeline is not None  # result.ok: the file loaded
            result.problems.extend(verify_excerpts(result.timeline, args.sources))
        _print_problems(result, sys.stdout)
        if result.ok and not result.errors:
            t = result.timeline
            assert t is not None  # result.ok: the file loaded
            print(f"{path}: OK, {len(t.events)} events in {len(t.lanes)} lanes citing {len(t.sources)} sources")
            return EXIT_OK
        return EXIT_INVALID
    if not result.ok:
        _print_problems(result, sys.stderr)
        print(f"{path}: not valid; run --check for details", file=sys.stderr)
        return EXIT_INVALID
    timeline = result.timeline
    assert timeline is not None  # result.ok: the file loaded
    lanes = None
    if args.lanes is not None:
        try:
            lanes = resolve_lanes(timeline, args.lanes.split(","))
        except LaneError as exc:
            parser.error(f"--lanes: {exc}")
        if not lanes:
            parser.error("--lanes: name at least one lane")

    if args.list:
        events = filter_events(timeline, lanes, start, end)
        if args.format == "json":
            json.dump([e.to_dict() for e in events], sys.stdout, ensure_ascii=False, indent=2)
            print()
        else:
            for event in events:
                when = f"{event.date}/{event.end}" if event.end else str(event.date)
                print(f"{when:<11}  {','.join(event.lanes):<14}  {event.kind:<13}  {event.title}  [{event.id}]")
        return EXIT_OK

    from .core.figure import FigureSpec
    from .render.export import ExportError, export_figure

    size = _size_arg(parser, args.size)
    if args.select:
        selected = timeline.event(args.select)
        if selected is None:
            parser.error(f"--select: no event with id '{args.select}'")
        if lanes is not None and not set(selected.lanes) & set(lanes):
            parser.error(f"--select: event '{args.select}' is in none of the lanes given with --lanes")
    first = day_to_epoch(start.first_day) if start else HOME_RANGE[0]
    last = day_to_epoch(end.last_day) + SECONDS_PER_DAY if end else HOME_RANGE[1]
    if start and not in_span(start.first_day, start.first_day) or end and not in_span(end.last_day, end.last_day):
        parser.error(f"--from/--to: the timeline shows {FIRST_DAY.year} to {LAST_DAY.year}")
    if last <= first:
        parser.error("--from/--to: the range is empty")
    spec = FigureSpec(
        width=size[0],
        height=size[1],
        scale=args.scale,
        lanes=tuple(lanes) if lanes is not None else None,
        start=first,
        end=last,
        selected=args.select,
        theme=args.theme,
        title=" ".join(args.title.split()),
        caption=" ".join(args.caption.split()),
        sources=not args.no_sources,
    )
    try:
        written = export_figure(timeline, args.export, spec)
    except ExportError as exc:
        print(f"timeline-app: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"wrote {written}")
    return EXIT_OK
