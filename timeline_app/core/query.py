"""Lookups over a Timeline for the command line: lanes by name, events by lane, date and filters."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from .browse import Aliases, Filters, matching_mask
from .dates import PartialDate
from .model import Event, Lane, Timeline

__all__ = ["LaneError", "filter_events", "resolve_lanes", "sources_of"]


class LaneError(ValueError):
    """A lane named on the command line or in settings that the timeline does not have."""


def lane_names(lane: Lane) -> set[str]:
    """Every name a user may type for a lane, folded: its id and name, the parts of a name like
    'CST/CSTO', and its eras' names with their abbreviations ('Shanghai Five', 'CST')."""
    names = {lane.id, lane.name, *lane.name.split("/")}
    for era in lane.eras:
        names.add(era.name)
        bare, _, abbreviation = era.name.partition(" (")
        names.update({bare, abbreviation.rstrip(")")} if abbreviation else {bare})
    return {name.strip().casefold() for name in names if name.strip()}


def resolve_lanes(timeline: Timeline, names: Iterable[str], aliases: Aliases | None = None) -> list[str]:
    """Lane ids for user-typed names (id, display name, an era's name or abbreviation, any
    case, or a spelling the alias table knows: 'ODKB'), in display order."""
    wanted: set[str] = set()
    known_names = {lane.id: lane_names(lane) for lane in timeline.lanes}
    for raw in names:
        name = raw.strip().casefold()
        if not name:
            continue
        spellings = {name, aliases.canonical(raw).strip().casefold()} if aliases else {name}
        match = [lane_id for lane_id, known in known_names.items() if spellings & known]
        if not match:
            known = ", ".join(lane.id for lane in timeline.lanes)
            choices = {n: lane_id for lane_id, names_of in known_names.items() for n in names_of}
            close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.5)
            hint = f" (did you mean '{choices[close[0]]}'?)" if close else ""
            raise LaneError(f"unknown lane '{raw.strip()}'{hint}; lanes are: {known}")
        wanted.update(match)
    return [lane.id for lane in timeline.lanes if lane.id in wanted]


def filter_events(
    timeline: Timeline,
    lanes: Iterable[str] | None = None,
    start: PartialDate | None = None,
    end: PartialDate | None = None,
    filters: Filters | None = None,
    aliases: Aliases | None = None,
) -> list[Event]:
    """Events in any of `lanes` that overlap [start, end] (whole partial dates) and match the
    search and filters (browse.matching_mask decides, with the alias table), in date order."""
    lane_set = set(lanes) if lanes is not None else None
    first = start.first_day if start else None
    last = end.last_day if end else None
    mask = matching_mask(timeline, filters or Filters(), aliases=aliases)
    result = []
    for event, ok in zip(timeline.events, mask, strict=True):
        if not ok or (lane_set is not None and lane_set.isdisjoint(event.lanes)):
            continue
        if first is not None and event.last_day < first:
            continue
        if last is not None and event.first_day > last:
            continue
        result.append(event)
    return result


def sources_of(timeline: Timeline, events: Iterable[Event]) -> list[str]:
    """The ids of the sources that the given events cite, in the order of the sources list."""
    cited = {c.source for e in events for c in e.citations}
    return [s.id for s in timeline.sources if s.id in cited]
