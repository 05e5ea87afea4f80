"""The command line's membership questions: `--members LANE --on DATE` and `--history COUNTRY`.

Both run headless, print text (one line a country or span) or JSON, exit 0, and exit 2 with a
one-line message for a lane, date or country they do not know.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from .core.browse import Aliases
from .core.dates import DateError, parse_date
from .core.membership import (
    ROLE_WORDS,
    Membership,
    Span,
    count_text,
    short_references,
    span_claims,
    span_record,
    standing_record,
)
from .core.model import Timeline
from .core.query import LaneError, resolve_lanes

__all__ = ["print_history", "print_members", "resolve_country"]

EXIT_OK, EXIT_USAGE = 0, 2


def _fail(message: str) -> int:
    print(f"timeline-app: {message}", file=sys.stderr)
    return EXIT_USAGE


def _done(form: str, records: list[dict[str, Any]], nothing: str) -> bool:
    """True when nothing is left to print: the records as JSON, or the line saying there are none."""
    if form == "json":
        json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return True
    if not records:
        print(nothing)
        return True
    return False


def print_members(timeline: Timeline, lane_name: str, on: str, form: str, aliases: Aliases) -> int:
    """The members of a lane on a date, one line a country, or JSON."""
    try:
        lanes = resolve_lanes(timeline, [lane_name], aliases)
    except LaneError as exc:
        return _fail(f"--members: {exc}")
    if len(lanes) != 1:
        return _fail("--members: name one lane")
    try:
        date = parse_date(on)
    except DateError as exc:
        return _fail(f"--on: {exc}")
    if date.approximate or date.uncertain:
        return _fail(f"--on: give the date without ~, ? or % ('{on}')")
    lane = timeline.lane(lanes[0])
    assert lane is not None  # resolve_lanes returns known ids
    membership = Membership(timeline)
    # A month or a year: the standing on its last day (who belonged by the end of it).
    standings = membership.members_on(lane.id, date.last_day)
    records = [standing_record(timeline, s) for s in standings]
    if _done(form, records, f"{lane.name} on {date.format()}: no members recorded in the data"):
        return EXIT_OK
    width = max(len(s.country) for s in standings)
    status_width = max(len(s.status) for s in standings)
    print(f"{lane.name} on {date.format()}: {count_text(standings)}")
    for standing in standings:
        flags = " [disputed]" if standing.disputed else ""
        flags += "" if standing.certain else " [uncertain]"
        since = standing.span.since_phrase()
        refs = "; ".join(short_references(timeline, standing.span))
        print(f"{standing.country:<{width}}  {standing.status:<{status_width}}  {since}{flags}  ({refs})")
        if standing.note():
            print(f"{'':<{width}}  {standing.note()}")
    return EXIT_OK


def resolve_country(names: list[str], name: str, aliases: Aliases) -> tuple[str | None, str]:
    """The country as the data names it (any case or alias spelling), or None and a 'did you
    mean' hint."""
    found = aliases.find(names, name)
    if found is not None:
        return found, ""
    near = aliases.suggest(names, name)
    return None, f" (did you mean '{near}'?)" if near else ""


def print_history(timeline: Timeline, name: str, form: str, aliases: Aliases) -> int:
    """A country's spans in every lane, oldest first, with citations and disagreements."""
    membership = Membership(timeline)
    named = sorted({c for e in timeline.events for c in e.countries} | set(membership.countries()))
    country, hint = resolve_country(named, name, aliases)
    if country is None:
        return _fail(f"--history: no country '{name}' in the data{hint}")
    spans = membership.history(country)
    if _done(form, [span_record(timeline, span) for span in spans], f"{country}: no membership recorded in the data"):
        return EXIT_OK
    print(f"{country}: {len(spans)} span{'s' if len(spans) != 1 else ''} of membership")
    lane_names = {lane.id: lane.name for lane in timeline.lanes}
    lane_width = max(len(lane_names.get(s.lane, s.lane)) for s in spans)
    for span in spans:
        lane_name = lane_names.get(span.lane, span.lane)
        until = span.until_text() or "(open)"
        flag = " [disputed]" if span.disputed else ""
        print(f"{lane_name:<{lane_width}}  {span.status}  {span.since_text()} \u2013 {until}{flag}")
        for role, refs in _roles(timeline, span):
            print(f"{'':<{lane_width}}    {role}: {refs}")
        if span.disagreement():
            print(f"{'':<{lane_width}}    {span.disagreement()}")
    return EXIT_OK


def _roles(timeline: Timeline, span: Span) -> list[tuple[str, str]]:
    """The citations of a span by role, on one line each: ('began', 'Borkoeva 2011, sec. 2.4 [event]')."""
    by_role: dict[str, list[str]] = {}
    for role, claim in span_claims(span):
        refs = by_role.setdefault(ROLE_WORDS[role], [])
        for citation in claim.citations:
            ref = f"{timeline.reference(citation, short=True)} [{claim.event.id}]"
            if ref not in refs:
                refs.append(ref)
    return [(role, "; ".join(refs)) for role, refs in by_role.items() if refs]
