"""The command line: open the window, or --check, --list and --export without one."""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from . import __version__
from .core.browse import PRECISIONS, Aliases, Filters, country_counts, fold
from .core.cache import Cache
from .core.dates import DateError, PartialDate, parse_date
from .core.figure import LANE_HEIGHTS, SIZE_PRESETS, THEME_NAMES
from .core.loader import load_timeline
from .core.model import KINDS, Event, Timeline
from .core.paths import bundled_events
from .core.problems import LoadResult, in_file_order
from .core.query import LaneError, filter_events, resolve_lanes
from .core.span import DEFAULT_SPAN, TimeSpan, timeline_span
from .core.startup import RangeError, StartView, date_range

if TYPE_CHECKING:
    from .core.tour import Tour

__all__ = ["main"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
#: --members without a lane: every lane with membership.
ALL_LANES = "*"
#: --list's text columns: date, lanes, kind, title, [id], countries (the last one unpadded).
LIST_COLUMNS = 6
#: --format: what --list, --members and --history print; the images of a deck written to a folder.
TEXT_FORMATS, IMAGE_FORMATS = ("text", "json"), ("png", "svg")
#: What each stop of a tour gives, refused beside --export --tour: (option, its argparse dest).
TOUR_GIVES = (
    ("--from", "start"),
    ("--to", "end"),
    ("--lanes", "lanes"),
    ("--select", "select"),
    ("--title", "title"),
    ("--search", "search"),
    ("--country", "country"),
    ("--kind", "kind"),
    ("--source", "source"),
    ("--precision", "precision"),
    ("--disagreements", "disagreements"),
    ("--members", "members"),
    ("--only-followed", "only_followed"),
)


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
        "--convert",
        nargs=2,
        metavar=("IN", "OUT"),
        help="convert an events file between YAML (.yaml, .yml), JSON (.json) and CSV (.csv), by suffix; "
        "what OUT's format cannot hold is said on stderr; a file with errors is not converted",
    )
    action.add_argument(
        "--history",
        metavar="COUNTRY",
        help="print COUNTRY's membership in every lane, oldest first, with the citations behind each span",
    )
    action.add_argument(
        "--export",
        metavar="OUT",
        help="render the figure headless to OUT: .png, .svg (vector) or .pdf; with --tour, a deck: OUT.pdf "
        "(a page a stop) or the folder OUT/ (numbered images, --format png or svg)",
    )
    parser.add_argument(
        "--tour",
        metavar="T.tour.yaml",
        help="a tour: the window opens with it in its Tour panel; with --export, one figure a stop, in order, "
        "each with its heading, the callout of its selected event and the source line (without FILE, both "
        "read the events file the tour names)",
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
        "--format",
        choices=(*TEXT_FORMATS, *IMAGE_FORMATS),
        help="--list, --members and --history output: text (default) or json; --export FOLDER/ --tour: the "
        "images, png (default) or svg",
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
    parser.add_argument(
        "--quote",
        type=int,
        metavar="N",
        help="--export with --select: the callout quotes the event's Nth citation (default 1, as Details lists them)",
    )
    _filter_arguments(parser)
    parser.add_argument("--theme", choices=THEME_NAMES, default="slide", help="--export theme (default slide)")
    parser.add_argument("--title", default="", help="--export: a title above the timeline")
    parser.add_argument("--caption", default="", help="--export: a caption under the title")
    parser.add_argument("--no-sources", action="store_true", help="--export without the source line")
    parser.add_argument(
        "--lane-heights",
        choices=LANE_HEIGHTS,
        default="content",
        help="--export: the lanes share the height by the labels they show (content, the default) or equally",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="read the file again even when its content was read before (the window and every command "
        "that loads a file keep what they read in the user cache folder otherwise)",
    )
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


def _quote_arg(args: argparse.Namespace, timeline: Timeline) -> int | None:
    """The citation the callout quotes, 0-based, from --quote N (1-based; the first without it);
    None, said on stderr in one line, when the selected event has fewer citations."""
    if args.quote is None:
        return 0
    number: int = args.quote
    event = timeline.event(args.select)
    assert event is not None  # _check_select: --select names an event
    count = len(event.citations)
    if not 1 <= number <= count:
        takes = "only 1" if count == 1 else f"1 to {count}"
        plural = "citation" if count == 1 else "citations"
        print(f"timeline-app: event {event.id} has {count} {plural}; --quote takes {takes}", file=sys.stderr)
        return None
    return number - 1


def _range_arg(
    parser: argparse.ArgumentParser, start: PartialDate | None, end: PartialDate | None, span: TimeSpan
) -> tuple[float, float]:
    """--from / --to as a range (a bound not given is the edge of the span's home view)."""
    try:
        return date_range(start, end, span)
    except RangeError as exc:
        parser.error(f"--from/--to: {exc}")
    raise AssertionError("not reached")  # parser.error exits


def _open_window(
    parser: argparse.ArgumentParser, args: argparse.Namespace, start: PartialDate | None, end: PartialDate | None
) -> int:
    """Open the window on FILE (or the file shown last) in the view the options describe, with
    the --tour given (without FILE, on the events file the tour names); a wrong option is a usage
    error before any window opens."""
    from .ui import app  # Qt only when a window is wanted

    settings = app.open_settings()
    tour, tour_events = _window_tour(parser, args.tour) if args.tour else (None, None)
    path = app.file_to_open(Path(args.file) if args.file else tour_events, settings)
    if args.sources and not Path(args.sources).is_dir():
        parser.error(f"--sources: there is no folder {args.sources}")
    view = _start_view(parser, args, path, start, end)
    sources = Path(args.sources) if args.sources else None
    return app.run_gui(path, settings, view, sources=sources, tour=tour, cache=_cache(args))


def _file_span(path: Path) -> TimeSpan:
    """The span of the timeline in a file; the default one when it does not load (the window
    then says why)."""
    result = load_timeline(path)
    return timeline_span(result.timeline) if result.ok and result.timeline is not None else DEFAULT_SPAN


def _window_tour(parser: argparse.ArgumentParser, name: str) -> tuple[Path, Path | None]:
    """--tour for the window: the tour file and the events file it names (None: not found). A
    file that is not a tour at all is a usage error; a tour with problems opens, and the window
    says what they are."""
    from .core.tour import load_tour

    loaded = load_tour(name)
    if loaded.tour is None:
        parser.error(f"--tour: {loaded.problems[0] if loaded.problems else f'{name} is not a tour'}")
    assert loaded.tour is not None  # parser.error does not return
    return Path(name), loaded.tour.events_path()


def _start_view(
    parser: argparse.ArgumentParser,
    args: argparse.Namespace,
    path: Path,
    start: PartialDate | None,
    end: PartialDate | None,
) -> StartView:
    """The view the options describe, checked against the file the window opens."""
    one_sided = (start is None) != (end is None)  # the other bound is the edge of the file's home view
    time_range = (
        _range_arg(parser, start, end, _file_span(path) if one_sided else DEFAULT_SPAN) if start or end else None
    )
    hide = True if args.hide_unmatched else False if args.dim else None
    if not (args.lanes is not None or args.select or _filters_given(args) or args.members is not None):
        return StartView(time_range=time_range, hide_unmatched=hide)
    result = load_timeline(path, cache=_cache(args))
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


def _export_deck(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """--export OUT --tour T: one figure a stop, to OUT.pdf or as numbered images in the folder OUT/.
    A tour with errors exits 2 with its problems; its warnings (a lane or event it names that the
    timeline lacks) go to stderr and the deck is written."""
    from .core.figure import FigureSpec
    from .core.tour import check_tour, load_tour
    from .render.export import ExportError

    given = [flag for flag, dest in TOUR_GIVES if getattr(args, dest)]
    if given:
        parser.error(
            f"{', '.join(given)} cannot go with --tour: each stop gives its own range, lanes, selection, "
            "filters and heading"
        )
    if args.sources:
        parser.error("--sources goes with --check or the window, not --list or --export")
    if args.format in TEXT_FORMATS:
        parser.error(f"--format {args.format}: a deck's images are {' or '.join(IMAGE_FORMATS)}")
    size = _size_arg(parser, args.size)
    loaded = load_tour(args.tour)
    for problem in in_file_order(loaded.problems):
        print(problem, file=sys.stderr)
    tour = loaded.tour
    if tour is None or any(problem.severity == "error" for problem in loaded.problems):
        return EXIT_USAGE
    path = _tour_events(tour, args.file, args.tour)
    if path is None:
        return EXIT_USAGE
    result = load_timeline(path, cache=_cache(args))
    if not result.ok or result.timeline is None:
        _print_problems(result, sys.stderr)
        print(f"{path}: not valid; run --check for details", file=sys.stderr)
        return EXIT_INVALID
    for problem in in_file_order(check_tour(tour, result.timeline, args.tour)):
        print(problem, file=sys.stderr)
    base = FigureSpec(
        width=size[0],
        height=size[1],
        scale=args.scale,
        theme=args.theme,
        caption=" ".join(args.caption.split()),
        sources=not args.no_sources,
        hide_unmatched=args.hide_unmatched,
        lane_heights=args.lane_heights,
    )
    from .render.deck import export_deck

    try:
        written = export_deck(result.timeline, tour, args.export, base, image_format=args.format)
    except ExportError as exc:
        print(f"timeline-app: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for out in written:
        print(f"wrote {out}")
    return EXIT_OK


def _tour_events(tour: Tour, file: str | None, tour_arg: str) -> Path | None:
    """The events file of a deck: FILE (a warning on stderr when the tour names another), or the
    file the tour names; None, said on stderr, when the tour's file is not found."""
    named = tour.events_path()
    if file is None:
        if named is None:
            print(f"timeline-app: {tour_arg}: its events file '{tour.events}' is not found; name FILE", file=sys.stderr)
        return named
    if named is None or Path(file).resolve() != named.resolve():
        print(f"timeline-app: warning: {tour_arg} is a tour of {tour.events}, not of {file}", file=sys.stderr)
    return Path(file)


def _cache(args: argparse.Namespace) -> Cache | None:
    """The user's warm-load cache, or none with --no-cache."""
    return None if args.no_cache else Cache.default()


def _convert(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """--convert IN OUT: the problems of IN and what OUT cannot hold on stderr; a file with
    errors is not converted (exit 1, as --check)."""
    from .core.convert import ConvertError, convert

    if args.file:
        parser.error("--convert takes IN and OUT, not FILE")
    source, target = args.convert
    try:
        done = convert(source, target, cache=_cache(args))
    except ConvertError as exc:
        print(f"timeline-app: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for problem in in_file_order(done.problems):
        print(problem, file=sys.stderr)
    if done.written is None:
        print(f"{source}: not converted: it has errors (run --check for details)", file=sys.stderr)
        return EXIT_INVALID
    for loss in done.losses:
        print(f"timeline-app: warning: {target}: {loss}", file=sys.stderr)
    print(f"wrote {done.written} ({done.events} events)")
    return EXIT_OK


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
    if args.quote is not None and not (args.export and args.select):
        parser.error("--quote N goes with --export and --select ID: the callout quotes the event's Nth citation")
    if args.tour and (args.check or args.list or query):
        parser.error("--tour goes with --export (a deck) or the window")
    if args.export and args.tour:
        return _export_deck(parser, args)
    if args.format in IMAGE_FORMATS:
        parser.error(f"--format {args.format} goes with --export FOLDER/ --tour T (the images of a deck)")
    args.format = args.format or TEXT_FORMATS[0]
    if args.convert:
        return _convert(parser, args)
    if not (args.check or args.list or args.export or query):
        return _open_window(parser, args, start, end)

    path = Path(args.file) if args.file else bundled_events()
    if args.sources and not args.check:
        parser.error("--sources goes with --check or the window, not --list or --export")
    result = load_timeline(path, cache=_cache(args))
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
    quote = _quote_arg(args, timeline)
    if quote is None:
        return EXIT_USAGE
    first, last = _range_arg(parser, start, end, timeline_span(timeline))
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
        quote=quote,
        lane_heights=args.lane_heights,
    )
    try:
        written = export_figure(timeline, args.export, spec)
    except ExportError as exc:
        print(f"timeline-app: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"wrote {written}")
    return EXIT_OK
