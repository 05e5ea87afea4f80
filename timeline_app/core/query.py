"""Filters and lookups over a Timeline: lanes, date ranges, text and countries."""

from __future__ import annotations

from collections.abc import Iterable

from .dates import PartialDate
from .model import Event, Timeline

__all__ = ["LaneError", "filter_events", "resolve_lanes", "sources_of"]


class LaneError(ValueError):
    """A lane named on the command line or in settings that the timeline does not have."""


def resolve_lanes(timeline: Timeline, names: Iterable[str]) -> list[str]:
    """Lane ids for user-typed names (id or display name, any case), in display order."""
    wanted: set[str] = set()
    for raw in names:
        name = raw.strip().casefold()
        if not name:
            continue
        match = [lane.id for lane in timeline.lanes if name in (lane.id.casefold(), lane.name.casefold())]
        if not match:
            known = ", ".join(lane.id for lane in timeline.lanes)
            raise LaneError(f"unknown lane '{raw.strip()}'; lanes are: {known}")
        wanted.update(match)
    return [lane.id for lane in timeline.lanes if lane.id in wanted]


def filter_events(
    timeline: Timeline,
    lanes: Iterable[str] | None = None,
    start: PartialDate | None = None,
    end: PartialDate | None = None,
    text: str | None = None,
    countries: Iterable[str] | None = None,
) -> list[Event]:
    """Events in any of `lanes` that overlap [start, end] (whole partial dates), in date order.

    `text` matches title, summary or excerpts, case-insensitively; `countries` keeps events
    that concern any of them.
    """
    lane_set = set(lanes) if lanes is not None else None
    first = start.first_day if start else None
    last = end.last_day if end else None
    needle = text.casefold() if text else None
    country_set = {c.casefold() for c in countries} if countries is not None else None
    result = []
    for event in timeline.events:
        if lane_set is not None and lane_set.isdisjoint(event.lanes):
            continue
        if first is not None and event.last_day < first:
            continue
        if last is not None and event.first_day > last:
            continue
        if country_set is not None and country_set.isdisjoint(c.casefold() for c in event.countries):
            continue
        if needle and not _matches(event, needle):
            continue
        result.append(event)
    return result


def _matches(event: Event, needle: str) -> bool:
    haystacks = [event.title, event.summary, event.id] + [c.excerpt for c in event.citations]
    return any(needle in h.casefold() for h in haystacks)


def sources_of(timeline: Timeline, events: Iterable[Event]) -> list[str]:
    """The ids of the sources that the given events cite, in the order of the sources list."""
    cited = {c.source for e in events for c in e.citations}
    return [s.id for s in timeline.sources if s.id in cited]
