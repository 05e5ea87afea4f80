"""The event model: frozen dataclasses for sources, lanes, citations, events and the timeline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .dates import PartialDate

__all__ = [
    "CHANGES",
    "KINDS",
    "STANDINGS",
    "Citation",
    "Era",
    "Event",
    "Lane",
    "MembershipEntry",
    "Source",
    "Timeline",
]

#: Event kinds, in legend order.
KINDS: tuple[str, ...] = (
    "founding",
    "summit",
    "treaty",
    "membership",
    "military",
    "institutional",
    "other",
)

#: What an event can state about a country's membership of a lane's organisation: a change on
#: the date its citations give ...
CHANGES: tuple[str, ...] = ("founding", "joins", "leaves", "suspends", "resumes", "observer", "associate")
#: ... or a standing on that date, with no change.
STANDINGS: tuple[str, ...] = ("member", "observer", "associate", "suspended", "not-member")


@dataclass(frozen=True, slots=True)
class Source:
    """A document that events cite, described as the document itself states it."""

    id: str
    title: str
    author: str | None = None
    publisher: str | None = None
    date: PartialDate | None = None
    file: str | None = None
    url: str | None = None
    note: str | None = None

    def short(self) -> str:
        """A short citation: 'Borkoeva 2011' for an author, 'RFE/RL, 15 May 2002' for a publisher."""
        if self.author:
            # the family name: the last word that is not a parenthesis
            words = [w for w in self.author.replace(",", " ").split() if not w.startswith("(")]
            name = words[-1] if words else self.author
            return f"{name} {self.date.year}" if self.date else name
        who = self.publisher or self.title
        return f"{who}, {self.date.format()}" if self.date else who

    def full(self) -> str:
        """The full citation on one line: author, title, publisher, date."""
        parts = [self.author, f"\u201c{self.title}\u201d", self.publisher, self.date.format() if self.date else None]
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class Citation:
    """A verbatim excerpt of a source that backs an event, and the date that source gives."""

    source: str
    excerpt: str
    locator: str | None = None
    date: PartialDate | None = None
    line: int = 0
    end: PartialDate | None = None  # for a span the passage gives ("in 1993-94")


@dataclass(frozen=True, slots=True)
class MembershipEntry:
    """One thing an event states about who belonged: a country's `change` of membership, or its
    `status` on the event's date, in one lane, as stated by some of the event's citations."""

    country: str
    lane: str
    change: str | None = None
    status: str | None = None
    citations: tuple[int, ...] = ()  # positions in the event's citations that state it
    line: int = 0
    throughout: bool = False  # a standing said of the whole membership, not from the date on


@dataclass(frozen=True, slots=True)
class Era:
    """A name a lane's organisation bore from `date` (until `end`, or the next era)."""

    name: str
    date: PartialDate
    citations: tuple[Citation, ...]
    end: PartialDate | None = None


@dataclass(frozen=True, slots=True)
class Lane:
    """One swimlane: an organisation, shown in file order, with the names it bore over time."""

    id: str
    name: str
    color: str
    title: str = ""
    eras: tuple[Era, ...] = ()

    def era_spans(self) -> list[tuple[Era, dt.date, dt.date | None]]:
        """Each era with its first day and the day after it ends (its own `end`, else the
        first day of the next era; None while it lasts)."""
        spans = []
        for index, era in enumerate(self.eras):
            if era.end is not None:
                stop = era.end.last_day + dt.timedelta(days=1)
            elif index + 1 < len(self.eras):
                stop = self.eras[index + 1].date.first_day
            else:
                stop = None
            spans.append((era, era.date.first_day, stop))
        return spans


@dataclass(frozen=True, slots=True)
class Event:
    """A dated event, shown in one or more lanes."""

    id: str
    title: str
    date: PartialDate
    lanes: tuple[str, ...]
    kind: str
    citations: tuple[Citation, ...]
    end: PartialDate | None = None
    countries: tuple[str, ...] = ()
    summary: str = ""
    line: int = 0
    membership: tuple[MembershipEntry, ...] = ()

    @property
    def first_day(self) -> dt.date:
        return self.date.first_day

    @property
    def last_day(self) -> dt.date:
        return (self.end or self.date).last_day

    def date_text(self) -> str:
        """The date as the source gives it, with the end of a period: 'May 2001', '1993 – 1999'."""
        if self.end is None:
            return self.date.format()
        return f"{self.date.format()} \u2013 {self.end.format()}"

    def claimed_dates(self) -> list[PartialDate]:
        """The distinct dates its citations give, in order of first mention."""
        seen: list[PartialDate] = []
        for citation in self.citations:
            if citation.date is not None and citation.date not in seen:
                seen.append(citation.date)
        return seen

    def sources_disagree(self) -> bool:
        """True when two citations give dates that cannot both be right (neither contains the other)."""
        dates = self.claimed_dates()
        return any(not (a.contains(b) or b.contains(a)) for i, a in enumerate(dates) for b in dates[i + 1 :])

    def to_dict(self) -> dict[str, Any]:
        """The event with the keys of events.yaml (dates as EDTF strings)."""
        result: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "date": str(self.date),
            "end": str(self.end) if self.end else None,
            "lanes": list(self.lanes),
            "kind": self.kind,
            "countries": list(self.countries),
            "summary": self.summary,
            "citations": [
                {
                    "source": c.source,
                    "excerpt": c.excerpt,
                    "locator": c.locator,
                    "date": str(c.date) if c.date else None,
                    **({"end": str(c.end)} if c.end else {}),
                }
                for c in self.citations
            ],
        }
        if self.membership:
            result["membership"] = [
                {
                    "country": m.country,
                    "lane": m.lane,
                    **({"change": m.change} if m.change else {"status": m.status}),
                    "citations": [i + 1 for i in m.citations],
                }
                for m in self.membership
            ]
        return result


@dataclass(frozen=True)
class Timeline:
    """Everything a file holds: sources, lanes in display order, events in date order."""

    sources: tuple[Source, ...] = ()
    lanes: tuple[Lane, ...] = ()
    events: tuple[Event, ...] = ()
    version: int = 1
    path: str = ""
    #: the file's `span:` (from, to), either end possibly missing; None when it declares none
    span: tuple[PartialDate | None, PartialDate | None] | None = None
    # Lookups by id, built for each instance (never passed in: `dataclasses.replace` must
    # not share them with the timeline it copies).
    _sources: dict[str, Source] = field(init=False, repr=False, compare=False)
    _lanes: dict[str, Lane] = field(init=False, repr=False, compare=False)
    _events: dict[str, Event] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_sources", {s.id: s for s in self.sources})
        object.__setattr__(self, "_lanes", {lane.id: lane for lane in self.lanes})
        object.__setattr__(self, "_events", {e.id: e for e in self.events})

    def source(self, source_id: str) -> Source | None:
        return self._sources.get(source_id)

    def lane(self, lane_id: str) -> Lane | None:
        return self._lanes.get(lane_id)

    def event(self, event_id: str) -> Event | None:
        return self._events.get(event_id)

    def reference(self, citation: Citation, short: bool = False) -> str:
        """Where an excerpt comes from, on one line: the source's full citation (or its short
        one: 'Borkoeva 2011') and the place in the document."""
        source = self.source(citation.source)
        text = (source.short() if short else source.full()) if source else citation.source
        return f"{text}, {citation.locator}" if citation.locator else text
