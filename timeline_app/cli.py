"""The command line: open the window, or --check, --list and --export without one."""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
from pathlib import Path
from typing import TextIO

from . import __version__
from .core.browse import PRECISIONS, Aliases, Filters, country_counts, fold
from .core.dates import DateError, PartialDate, parse_date
from .core.figure import SIZE_PRESETS, THEME_NAMES
from .core.loader import load_timeline
from .core.model import KINDS, Event, Timeline
from .core.paths import bundled_events
from .core.problems import LoadResult, in_file_order
from .core.query import LaneError, filter_events, resolve_lanes
from .core.startup import RangeError, StartView, date_range

__all__ = ["main"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
#: --members without a lane: every lane with membership.
ALL_LANES = "*"
#: --list's text columns: date, lanes, kind, title, [id], countries (the last one unpadded).
LIST_COLUMNS = 6


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline-app",
        description="Timeline of post-Soviet security organisations, 1991-2015. "
        "Without an action, opens the window on FILE in the view the options describe.",
        epilog="Share a view as a command: timeline-app events.yaml --from 2001 --to 2002-06 --lanes CSTO,SCO "
        "--select sco-founded-2001 --country Uzbekistan. A command that gives any of these opens exactly "
        "that view: lanes not named are all shown, filters not given are off.",
    )
    parser.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="events file; without it the window reopens the file it showed last (the bundled "
        "events.yaml the first time), and --check, --list and --export read the bundled events.yaml",
    )
    action = parser.add_mutually_exclusive_group()
    action.add_argument(
        "--check", action="store_true", help="validate FILE; print each problem as FILE:LINE:COL: message"
    )
    action.add_argument("--list", action="store_true", help="print the events that match the filters")
    action.add_argument(
        "--history",
        metavar="COUNTRY",
        help="print COUNTRY's membership in every lane, oldest first, with the citations behind each span",
    )
    action.add_argument(
        "--export", metavar="OUT", help="render the figure headless to OUT: .png, .svg (vector) or .pdf"
    )
    parser.add_argument(
        "--sources",
        metavar="DIR",
        help="the folder of the source documents: --check verifies every excerpt against them; the window "
        "opens each excerpt in its document (default: the folder chosen in Preferences)",
    )
    parser.add_argument("--lanes", metavar="A,B", help="only these lanes (ids or names, comma-separated)")
    parser.add_argument("--from", dest="start", metavar="DATE", help="from this date (YYYY, YYYY-MM or YYYY-MM-DD)")
    parser.add_argument("--to", dest="end", metavar="DATE", help="up to the end of this date")
    parser.add_argument(
        "--members",
        nargs="?",
        const=ALL_LANES,
        metavar="LANE",
        help="with --on DATE: print the members of LANE on that date; otherwise (the window, --export): show "
        "the member rows of LANE (comma-separated), or of every lane with membership; one --country is then followed",
    )
    parser.add_argument(
        "--only-followed",
        action="store_true",
        help="with --members and one --country (the window, --export): show only that country's row in each lane",
    )
    parser.add_argument("--on", metavar="DATE", help="the date for --members LANE (YYYY, YYYY-MM or YYYY-MM-DD)")
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="--list, --members and --history output format"
    )
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
        "--select", metavar="ID", help="select this event (in the window; --export draws a callout quoting its source)"
    )
    _filter_arguments(parser)
    parser.add_argument("--theme", choices=THEME_NAMES, default="slide", help="--export theme (default slide)")
    parser.add_argument("--title", default="", help="--export: a title above the timeline")
    parser.add_argument("--caption", default="", help="--export: a caption under the title")
    parser.add_argument("--no-sources", action="store_true", help="--export without the source line")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _filter_arguments(parser: argparse.ArgumentParser) -> None:
    """The search and filters (the window's, one function decides): for --list, --export and the window."""
    group = parser.add_argument_group("search and filters (--list, --export and the window)")
    group.add_argument("--search", metavar="TEXT", help="events whose text, countries or lanes have these words")
    group.add_argument(
        "--country",
        action="append",
        metavar="NAME",
        help="events naming this country, in any spelling (repeatable); one --country with --members also "
        "follows that country: its member rows stand out in every lane",
    )
    group.add_argument("--kind", action="append", choices=KINDS, help="events of this kind (repeatable)")
    group.add_argument("--source", action="append", metavar="ID", help="events citing this source (repeatable)")
    group.add_argument(
        "--precision", action="append", choices=PRECISIONS, help="events dated to the day, month or year (repeatable)"
    )
    group.add_argument("--disagreements", action="store_true", help="only events whose sources disagree on the date")
    shown = group.add_mutually_exclusive_group()
    shown.add_argument(
        "--dim",
        action="store_true",
        help="--export and the window: draw the events that do not match dimmed (--export's default)",
    )
    shown.add_argument(
        "--hide-unmatched", action="store_true", help="--export and the window: hide the events that do not match"
    )


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


def _print_list(events: list[Event], stream: TextIO) -> None:
    """One line an event, in aligned columns: date, lanes, kind, title, [id], then the countries
    it names (last, as long as they are: `grep -i uzbek` finds every event naming Uzbekistan)."""
    rows = [
        (
            f"{event.date}/{event.end}" if event.end else str(event.date),
            ",".join(event.lanes),
            event.kind,
            event.title,
            f"[{event.id}]",
            ", ".join(event.countries),
        )
        for event in events
    ]
    widths = [max((len(row[column]) for row in rows), default=0) for column in range(LIST_COLUMNS - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[-1]]).rstrip(), file=stream)


def _lanes_arg(parser: argparse.ArgumentParser, args: argparse.Namespace, timeline: Timeline) -> list[str] | None:
    """The lane ids --lanes names (None: every lane); unknown names are a usage error."""
    if args.lanes is None:
        return None
    lanes: list[str] = []
    try:
        lanes = resolve_lanes(timeline, args.lanes.split(","), Aliases.bundled())
    except LaneError as exc:
        parser.error(f"--lanes: {exc}")
    if not lanes:
        parser.error("--lanes: name at least one lane")
    return lanes


def _member_lanes_arg(parser: argparse.ArgumentParser, args: argparse.Namespace, timeline: Timeline) -> tuple[str, ...]:
    """The lanes whose member rows --export draws: those --members names, or every lane with
    membership for a bare --members; none without it."""
    if args.members is None:
        return ()
    from .core.membership import Membership

    with_members = Membership(timeline).lanes()
    if args.members == ALL_LANES:
        return tuple(with_members)
    try:
        named = resolve_lanes(timeline, args.members.split(","), Aliases.bundled())
    except LaneError as exc:
        parser.error(f"--members: {exc}")
    return tuple(lane for lane in named if lane in with_members)


def _followed_arg(args: argparse.Namespace, filters: Filters | None) -> str | None:
    """The country followed: the one --country, when member rows are drawn (--members)."""
    if args.members is None or filters is None or len(filters.countries) != 1:
        return None
    return next(iter(filters.countries))


def _only_followed_arg(parser: argparse.ArgumentParser, args: argparse.Namespace, filters: Filters | None) -> bool:
    """--only-followed: refused without a country to follow (--members and one --country)."""
    if args.only_followed and _followed_arg(args, filters) is None:
        parser.error("--only-followed needs --members and one --country")
    return bool(args.only_followed)


def _filters_given(args: argparse.Namespace) -> bool:
    return bool(args.search or args.country or args.kind or args.source or args.precision or args.disagreements)


def _filters_arg(
    parser: argparse.ArgumentParser, args: argparse.Namespace, timeline: Timeline, aliases: Aliases
) -> Filters | None:
    """The search and filters the options give (None: no option given). An unknown source id
    is a usage error; a country no event names matches nothing, and stderr says so."""
    if not _filters_given(args):
        return None
    known = [source.id for source in timeline.sources]
    for source in args.source or ():
        if source not in known:
            parser.error(f"--source: unknown source '{source}'; sources are: {', '.join(known)}")
    return Filters(
        text=args.search or "",
        countries=_country_names(timeline, args.country or [], aliases),
        kinds=frozenset(args.kind or ()),
        sources=frozenset(args.source or ()),
        precisions=frozenset(args.precision or ()),
        disagreements=args.disagreements,
    )


def _country_names(timeline: Timeline, names: list[str], aliases: Aliases) -> frozenset[str]:
    """The countries as the filter panel names them ('kirghizia' -> 'Kyrgyzstan'); for a name no
    event uses, 'no event names X' on stderr, with the nearest name an event does use."""
    countries = {fold(name): name for name, _count in country_counts(timeline, aliases)}
    found = set()
    for name in names:
        canonical = aliases.canonical(name)
        if fold(canonical) in countries:
            found.add(countries[fold(canonical)])
            continue
        found.add(canonical)
        close = difflib.get_close_matches(fold(name), list(countries), n=1)
        hint = f"; did you mean '{countries[close[0]]}'?" if close else ""
        print(f"timeline-app: --country: no event names '{name}'{hint}", file=sys.stderr)
    return frozenset(found)


def _check_select(
    parser: argparse.ArgumentParser,
    args: argparse.Namespace,
    timeline: Timeline,
    lanes: list[str] | None,
    filters: Filters | None,
    aliases: Aliases,
) -> None:
    """--select names an event that the lanes and filters given leave shown."""
    if not args.select:
        return
    selected = timeline.event(args.select)
    if selected is None:
        parser.error(f"--select: no event with id '{args.select}'")
    assert selected is not None  # parser.error does not return
    if lanes is not None and not set(selected.lanes) & set(lanes):
        parser.error(f"--select: event '{args.select}' is in none of the lanes given with --lanes")
    if args.hide_unmatched and filters and selected not in filter_events(timeline, filters=filters, aliases=aliases):
        parser.error(f"--select: event '{args.select}' does not match the filters, and --hide-unmatched hides it")


def _range_arg(
    parser: argparse.ArgumentParser, start: PartialDate | None, end: PartialDate | None
) -> tuple[float, float]:
    try:
        return date_range(start, end)
    except RangeError as exc:
        parser.error(f"--from/--to: {exc}")
    raise AssertionError("not reached")  # parser.error exits


def _open_window(
    parser: argparse.ArgumentParser, args: argparse.Namespace, start: PartialDate | None, end: PartialDate | None
) -> int:
    """Open the window on FILE (or the file shown last) in the view the options describe; a
    wrong option is a usage error before any window opens."""
    from .ui import app  # Qt only when a window is wanted

    settings = app.open_settings()
    path = app.file_to_open(Path(args.file) if args.file else None, settings)
    if args.sources and not Path(args.sources).is_dir():
        parser.error(f"--sources: there is no folder {args.sources}")
    view = _start_view(parser, args, path, start, end)
    return app.run_gui(path, settings, view, sources=Path(args.sources) if args.sources else None)


def _start_view(
    parser: argparse.ArgumentParser,
    args: argparse.Namespace,
    path: Path,
    start: PartialDate | None,
    end: PartialDate | None,
) -> StartView:
    """The view the options describe, checked against the file the window opens."""
    time_range = _range_arg(parser, start, end) if start or end else None
    hide = True if args.hide_unmatched else False if args.dim else None
    if not (args.lanes is not None or args.select or _filters_given(args) or args.members is not None):
        return StartView(time_range=time_range, hide_unmatched=hide)
    result = load_timeline(path)
    if not result.ok or result.timeline is None:
        parser.error(f"{path} does not load, so --lanes, --select and the filters cannot be checked; run --check")
    timeline = result.timeline
    assert timeline is not None  # parser.error does not return
    lanes = _lanes_arg(parser, args, timeline)
    aliases = Aliases.bundled()
    filters = _filters_arg(parser, args, timeline, aliases)
    _check_select(parser, args, timeline, lanes, filters, aliases)
    return StartView(
        time_range=time_range,
        lanes=tuple(lanes) if lanes is not None else None,
        selected=args.select,
        filters=filters,
        hide_unmatched=hide,
        member_lanes=_member_lanes_arg(parser, args, timeline),
        followed=_followed_arg(args, filters),
        followed_only=_only_followed_arg(parser, args, filters),
    )


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
    start = _date_arg(parser, args.start, "--from")
    end = _date_arg(parser, args.end, "--to")
    if start and end and end.last_day < start.first_day:
        parser.error(f"--to {end} is before --from {start}")

    query = args.history is not None or (args.members is not None and args.on is not None)
    if args.on is not None and (args.members is None or args.export or args.list or args.check):
        parser.error("--on goes with --members LANE, to print the members of LANE on that date")
    if query and args.members == ALL_LANES:
        parser.error("--members --on DATE needs a lane: --members LANE --on DATE")
    if not (args.check or args.list or args.export or query):
        return _open_window(parser, args, start, end)

    path = Path(args.file) if args.file else bundled_events()
    if args.sources and not args.check:
        parser.error("--sources goes with --check or the window, not --list or --export")
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
    if query:
        from .members import print_history, print_members

        if args.history is not None:
            return print_history(timeline, args.history, args.format, Aliases.bundled())
        return print_members(timeline, args.members, args.on, args.format, Aliases.bundled())
    lanes = _lanes_arg(parser, args, timeline)
    aliases = Aliases.bundled()
    filters = _filters_arg(parser, args, timeline, aliases) or Filters()

    if args.list:
        events = filter_events(timeline, lanes, start, end, filters=filters, aliases=aliases)
        if args.format == "json":
            json.dump([e.to_dict() for e in events], sys.stdout, ensure_ascii=False, indent=2)
            print()
        else:
            _print_list(events, sys.stdout)
        return EXIT_OK

    from .core.figure import FigureSpec
    from .render.export import ExportError, export_figure

    size = _size_arg(parser, args.size)
    _check_select(parser, args, timeline, lanes, filters, aliases)
    first, last = _range_arg(parser, start, end)
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
        filters=filters,
        hide_unmatched=args.hide_unmatched,
        member_lanes=_member_lanes_arg(parser, args, timeline),
        followed=_followed_arg(args, filters),
        followed_only=_only_followed_arg(parser, args, filters),
    )
    try:
        written = export_figure(timeline, args.export, spec)
    except ExportError as exc:
        print(f"timeline-app: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"wrote {written}")
    return EXIT_OK
