"""Who belonged when: membership spans per lane and country, derived from what cited events state.

Nothing here is typed in separately: every span comes from the `membership` entries of events
(see docs/data-format.md), and every boundary keeps the claims, and so the citations, that
establish it. Where the sources disagree the spans carry every claim:

- Claims of the same change at different dates (joined in 1992 says one source, in 1993
  another) are one boundary, uncertain from the earliest to the latest date claimed.
- A change known only to fall between two statements (a member in 2011, not a member in 2015)
  is a boundary over that interval, marked as inferred.
- A statement that contradicts the changes around it (not a member in 2000, between a joining
  in 1993 and a leaving in 2009) marks the membership as disputed; a statement of membership
  after a leaving makes the leaving disputed and stretches its boundary to that statement.
  Nothing is silently resolved.

A standing lasts until a source states otherwise: a membership with no leaving is open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .dates import epoch_to_day
from .model import Citation, Event, MembershipEntry, Timeline
from .span import EARLIEST, timeline_span

__all__ = [
    "ROLE_WORDS",
    "STATUSES",
    "Boundary",
    "Change",
    "Claim",
    "Membership",
    "Span",
    "Standing",
    "count_text",
    "short_references",
    "span_record",
    "standing_record",
]

#: The statuses a span can have, in legend order.
STATUSES: tuple[str, ...] = ("founding member", "member", "observer", "associate", "suspended")

#: How each role of a claim (see span_claims) reads: "began", "against its end", ...
ROLE_WORDS: dict[str, str] = {
    "start": "began",
    "end": "ended",
    "supports": "confirmed by",
    "disputes": "disputed by",
    "disputes-start": "against its start",
    "disputes-end": "against its end",
}

#: The status after each change (None: out).
_AFTER_CHANGE: dict[str, str | None] = {
    "founding": "founding member",
    "joins": "member",
    "resumes": "member",
    "observer": "observer",
    "associate": "associate",
    "suspends": "suspended",
    "leaves": None,
}
_STANDING: dict[str, str | None] = {
    "member": "member",
    "observer": "observer",
    "associate": "associate",
    "suspended": "suspended",
    "not-member": None,
}
#: How a change reads in a sentence: "joined 1993".
_VERB = {
    "founding": "founding member",
    "joins": "joined",
    "leaves": "left",
    "suspends": "suspended",
    "resumes": "resumed",
    "observer": "became an observer",
    "associate": "became an associate member",
}
_STANDING_WORDS = {
    "member": "a member",
    "observer": "an observer",
    "associate": "an associate member",
    "suspended": "suspended",
    "not-member": "not a member",
}


def _family(status: str | None) -> str | None:
    """A founding member is a member: the two are one standing for joining and leaving."""
    return "member" if status == "founding member" else status


@dataclass(frozen=True)
class Claim:
    """One membership entry of one event, with the citations that state it and the days its
    dates cover (from the earliest first day to the latest last day they give)."""

    event: Event
    entry: MembershipEntry
    citations: tuple[Citation, ...]
    first: dt.date
    last: dt.date
    who: str = ""  # its citations' short references: 'Borkoeva 2011, sec. 3.1; Monitor, para. 2'

    @classmethod
    def of(cls, event: Event, entry: MembershipEntry, timeline: Timeline | None = None) -> Claim:
        citations = tuple(event.citations[i] for i in entry.citations) or event.citations
        starts = [(c.date or event.date).first_day for c in citations]
        ends = [(c.end or c.date or event.date).last_day for c in citations]
        first, last = max(starts), min(ends)  # the days its citations' dates share ...
        if first > last:  # ... or, where they disagree, every day one of them gives
            first, last = min(starts), max(ends)
        refs: list[str] = []
        for citation in citations:
            ref = timeline.reference(citation, short=True) if timeline else citation.source
            if ref not in refs:
                refs.append(ref)
        return cls(event, entry, citations, first, last, "; ".join(refs))

    def intervals(self) -> list[tuple[dt.date, dt.date]]:
        """The days each of its citations' dates spans."""
        return [
            ((c.date or self.event.date).first_day, (c.end or c.date or self.event.date).last_day)
            for c in self.citations
        ]

    @property
    def status(self) -> str | None:
        """The status after a change, or the one a statement gives; None for out."""
        if self.entry.change is not None:
            return _AFTER_CHANGE[self.entry.change]
        return _STANDING[self.entry.status or "not-member"]

    @property
    def is_change(self) -> bool:
        return self.entry.change is not None

    @property
    def mid(self) -> dt.date:
        return self.first + (self.last - self.first) / 2

    def dated(self) -> list[tuple[str, str, int]]:
        """Each date its citations give, once: as read, in EDTF, and the days it spans
        (('1993 – 1994', '1993/1994', 730))."""
        seen: dict[str, tuple[str, str, int]] = {}
        for citation in self.citations:
            date = citation.date or self.event.date
            text = date.format() + (f" \u2013 {citation.end.format()}" if citation.end else "")
            edtf = str(date) + (f"/{citation.end}" if citation.end else "")
            seen.setdefault(edtf, (text, edtf, ((citation.end or date).last_day - date.first_day).days))
        return list(seen.values())

    def dates(self) -> list[str]:
        """The dates as its citations give them, each once: '1993', '1993 – 1994'."""
        return [text for text, _edtf, _days in self.dated()]

    def edtf(self) -> list[str]:
        """The same dates in EDTF: '1993', '1993/1994'."""
        return [edtf for _text, edtf, _days in self.dated()]

    def words(self) -> str:
        """What it says, in a few words: 'joined 1993', 'not a member in 2000'."""
        when = " / ".join(self.dates())
        if self.entry.change is not None:
            return f"{_VERB[self.entry.change]} {when}"
        days = [d for _t, _e, d in self.dated()]
        on = "on" if len(days) == 1 and days[0] == 0 else "in"
        return f"{_STANDING_WORDS[self.entry.status or 'not-member']} {on} {when}"


@dataclass(frozen=True)
class Boundary:
    """Where a span begins or ends: the claims that date it, and the days it may fall on."""

    claims: tuple[Claim, ...]
    first: dt.date
    last: dt.date
    inferred: bool = False  # no source dates it: it falls between two statements

    @classmethod
    def of(cls, claims: Sequence[Claim]) -> Boundary:
        """The boundary its claims date: where their dates agree (1992 and 15 May 1992), the
        days they share; where they disagree, from the earliest to the latest day claimed."""
        changes = [span for claim in claims if claim.is_change for span in claim.intervals()]
        spans = changes or [span for claim in claims for span in claim.intervals()]
        first, last = max(a for a, _ in spans), min(b for _, b in spans)
        if first > last:
            first, last = min(a for a, _ in spans), max(b for _, b in spans)
        for claim in claims:  # a statement in a dated boundary (still a member then) widens it
            if changes and not claim.is_change:
                first, last = min(first, claim.first), max(last, claim.last)
        return cls(tuple(claims), first, last)

    @property
    def uncertain(self) -> bool:
        """True when it may fall on more than one of the days its claims allow: an interval."""
        return self.inferred or self.dates_disagree or self.first != self.last

    @property
    def dates_disagree(self) -> bool:
        """True when two of its claims give dates that cannot both be right."""
        spans = [span for c in self.claims if c.is_change for span in c.intervals()]
        return any(a[1] < b[0] or b[1] < a[0] for i, a in enumerate(spans) for b in spans[i + 1 :])

    @property
    def status_disagrees(self) -> bool:
        """True when its claims disagree on what happened (a founding member, or one that joined
        later; left, or still a member)."""
        return len({c.status for c in self.claims if c.is_change or not self.inferred}) > 1

    @property
    def disputed(self) -> bool:
        """True when its claims disagree on what happened, not only on when: a date the sources
        disagree on makes the boundary uncertain (an interval), not disputed."""
        return self.status_disagrees

    def edtf(self) -> str:
        """The boundary in EDTF: the finest date where its sources agree ('1992-05-15'), one of
        a set where they disagree ('[1992,1993,1993/1994]'), an interval where it is inferred
        between two statements ('2011-08-01/2015-10-31')."""
        if self.inferred:
            return (
                f"{self.first.isoformat()}/{self.last.isoformat()}"
                if self.first != self.last
                else self.first.isoformat()
            )
        dated = [(edtf, days) for claim in self.claims for _text, edtf, days in claim.dated()]
        if not dated:
            return ""
        if not self.disputed and not self.dates_disagree:
            return min(dated, key=lambda item: item[1])[0]
        texts: list[str] = []
        for text, _days in dated:
            if text not in texts:
                texts.append(text)
        if len(texts) == 1:
            return texts[0]
        return "[" + ",".join(text.replace("/", "..") for text in texts) + "]"  # EDTF: one of a set


@dataclass(frozen=True)
class Span:
    """A country's standing in one lane from its start boundary to its end (None while open)."""

    lane: str
    country: str
    status: str
    start: Boundary
    end: Boundary | None = None
    since_unknown: bool = False  # known first from a statement: the sources do not say since when
    support: tuple[Claim, ...] = ()  # statements that agree with it
    contradictions: tuple[Claim, ...] = ()  # statements that deny it

    @property
    def first_day(self) -> dt.date:
        return self.start.first

    @property
    def certain_from(self) -> dt.date:
        return self.start.last

    @property
    def last_day(self) -> dt.date | None:
        return self.end.last if self.end else None

    @property
    def disputed(self) -> bool:
        """True when the sources disagree on it: its boundaries, or a statement against it."""
        return bool(self.contradictions) or self.start.disputed or bool(self.end and self.end.disputed)

    def claims(self) -> list[Claim]:
        """Every claim about it: the start's, the end's, the statements for and against."""
        found = [*self.start.claims, *(self.end.claims if self.end else ()), *self.support, *self.contradictions]
        unique: list[Claim] = []
        for claim in found:
            if claim not in unique:
                unique.append(claim)
        return unique

    def events(self) -> list[Event]:
        """The events that establish it, in date order, each once."""
        seen: dict[str, Event] = {}
        for claim in sorted(self.claims(), key=lambda c: (c.first, c.last)):
            seen.setdefault(claim.event.id, claim.event)
        return list(seen.values())

    def covers(self, day: dt.date) -> bool:
        return self.first_day <= day and (self.end is None or day <= self.end.last)

    def where(self, day: dt.date) -> str:
        """'start' or 'end' when the day falls in an uncertain boundary, 'body' otherwise."""
        if day < self.certain_from:
            return "start"
        if self.end is not None and day > self.end.first:
            return "end"
        return "body"

    def disputed_on(self, day: dt.date) -> bool:
        """True when the sources disagree on the standing on that day."""
        part = self.where(day)
        if part == "start":
            return self.start.disputed
        if part == "end":
            return bool(self.end and self.end.disputed)
        return bool(self.contradictions)

    def since_text(self) -> str:
        """When it began, as the sources give it: '15 May 1992', '1992 or 1993 – 1994',
        'by 2000', 'between 2000 and 2011'."""
        return _boundary_text(self.start, self.since_unknown)

    def until_text(self) -> str:
        return _boundary_text(self.end, False) if self.end else ""

    def disagreement(self) -> str:
        """Where the sources disagree on it, in one sentence ('' when they agree)."""
        notes: list[str] = []
        for name, boundary in (("when it began", self.start), ("when it ended", self.end)):
            if boundary is not None and boundary.disputed:
                said = "; ".join(f"{c.words()} ({c.who})" for c in boundary.claims)
                notes.append(f"{name}: {said}")
        if self.contradictions:
            said = "; ".join(f"{c.words()} ({c.who})" for c in self.contradictions)
            notes.append(f"whether it held at all: {said}")
        return ("Sources disagree on " + "; and on ".join(notes) + ".") if notes else ""

    def since_phrase(self) -> str:
        """'since 15 May 1992', 'since a day between 1 January 2000 and 31 December 2011',
        'known by 2000 (the sources do not say since when)'."""
        if self.since_unknown:
            return f"known {self.since_text()} (the sources do not say since when)"
        if self.start.inferred:
            return f"since a day {self.since_text()}"
        return f"since {self.since_text()}"


@dataclass(frozen=True)
class Standing:
    """A country's standing in a lane on one day: the span, and how sure the sources are."""

    country: str
    span: Span
    part: str  # 'body' when surely so that day; 'start' or 'end' inside an uncertain boundary
    disputed: bool  # True when the sources disagree on that day

    @property
    def status(self) -> str:
        return self.span.status

    @property
    def certain(self) -> bool:
        return self.part == "body"

    def note(self) -> str:
        """What a reader must know about that day: '' when the sources agree it was so."""
        notes: list[str] = []
        if self.part == "start":
            notes.append(f"possibly: it began {self.span.since_text()}")
        elif self.part == "end":
            notes.append(f"possibly: it ended {self.span.until_text()}")
        if self.disputed:
            notes.append(self.span.disagreement())
        return ". ".join(notes)


def _boundary_text(boundary: Boundary, since_unknown: bool) -> str:
    """A boundary as the sources give it: the finest of dates that agree ('15 May 1992' for
    '1992' and '15 May 1992'), every date where they disagree ('1992 or 1993 – 1994')."""
    dated = [(text, days) for claim in boundary.claims for text, _edtf, days in claim.dated()]
    if not boundary.disputed and not boundary.dates_disagree and not boundary.inferred and dated:
        dated = [min(dated, key=lambda item: item[1])]
    dates: list[str] = []
    for text, _days in dated:
        if text not in dates:
            dates.append(text)
    if boundary.inferred and boundary.first != boundary.last:
        return f"between {_day(boundary.first)} and {_day(boundary.last)}"
    if since_unknown:
        return "by " + " or ".join(dates)
    return " or ".join(dates)


def _day(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"


@dataclass
class _Draft:
    """A span while it is being built."""

    status: str
    start: Boundary
    end: Boundary | None = None
    since_unknown: bool = False
    support: list[Claim] = field(default_factory=list)
    contradictions: list[Claim] = field(default_factory=list)

    def covers(self, day: dt.date) -> bool:
        return self.start.first <= day and (self.end is None or day <= self.end.last)

    def last_evidence(self) -> dt.date:
        """The first day of the latest claim that it held."""
        days = [c.first for c in self.start.claims] + [c.first for c in self.support]
        return max(days)

    def freeze(self, lane: str, country: str) -> Span:
        return Span(
            lane,
            country,
            self.status,
            self.start,
            self.end,
            self.since_unknown,
            tuple(self.support),
            tuple(self.contradictions),
        )


def _with(boundary: Boundary, claim: Claim) -> Boundary:
    """The boundary with one more claim: dated by all its claims, or, when inferred (between
    two statements), widened to the claim's days."""
    claims = (*boundary.claims, claim)
    if boundary.inferred:
        return Boundary(claims, min(boundary.first, claim.first), max(boundary.last, claim.last), True)
    return Boundary.of(claims)


def build_spans(claims: Iterable[Claim], lane_begins: dt.date = EARLIEST) -> list[_Draft]:
    """The spans of one lane and country from its claims (see the module's description)."""
    ordered = sorted(claims, key=lambda c: (c.first, c.last, c.event.id))
    statements = [c for c in ordered if not c.is_change]
    used: list[Claim] = []  # statements that became a boundary's claim
    drafts: list[_Draft] = []
    current: _Draft | None = None
    for claim in (c for c in ordered if c.is_change):
        status = claim.status
        if current is None:
            if status is None:
                if drafts and drafts[-1].end is not None and not drafts[-1].end.inferred:
                    drafts[-1].end = _with(drafts[-1].end, claim)  # another date of one leaving
                    continue
                start = Boundary((), min(lane_begins, claim.first), claim.first, inferred=True)
                drafts.append(_Draft("member", start, Boundary.of([claim]), since_unknown=True))
                continue
            current = _Draft(status, Boundary.of([claim]))
        elif status is None:
            current.end = Boundary.of([claim])
            drafts.append(current)
            current = None
        elif _family(status) == _family(current.status):
            # so, then not so (statements), then joining again: it left on a day no source gives;
            # without a statement that it was so in between, the joinings are dates of one
            held = [
                c for c in statements if _family(c.status) == _family(current.status) and c.first > current.start.last
            ]
            gap = [
                c
                for c in statements
                if _family(c.status) != _family(current.status)
                and c.last < claim.first
                and any(h.last < c.first for h in held)
            ]
            if gap and claim.entry.change in ("founding", "joins", "resumes"):
                current.support.extend(h for h in held if h.last < gap[0].first)
                used.extend(h for h in held if h.last < gap[0].first)
                boundary = Boundary((gap[0],), current.last_evidence(), gap[0].last, inferred=True)
                current.end = boundary
                used.append(gap[0])
                drafts.append(current)
                current = _Draft(status, Boundary.of([claim]))
            elif claim.entry.change in ("founding", "joins"):
                current.start = _with(current.start, claim)  # another date of one joining
                if claim.status == "member":
                    current.status = "member"  # not a founding member by every source
            else:
                current.support.append(claim)
        else:
            boundary = Boundary.of([claim])
            current.end = boundary
            drafts.append(current)
            current = _Draft(status, boundary)
    if current is not None:
        drafts.append(current)
    changes = [c for c in ordered if c.is_change]
    for claim in statements:
        if claim not in used:
            _place(claim, drafts, changes, statements)
    for draft in drafts:  # nothing belongs to an organisation before it begins
        bounds = [draft.start] + ([draft.end] if draft.end is not None else [])
        for bound in bounds:
            if bound.first < lane_begins <= bound.last:
                _replace(drafts, bound, replace(bound, first=lane_begins))
    drafts.sort(key=lambda d: d.start.first)
    return drafts


def _place(claim: Claim, drafts: list[_Draft], changes: list[Claim], statements: list[Claim]) -> None:
    """Fit a statement of standing among the spans: support, a claim against a boundary it
    falls in, a contradiction, or a change that falls between it and the evidence before it."""
    day = claim.mid
    family = _family(claim.status)
    holding = [d for d in drafts if d.covers(day)]
    if holding:
        draft = holding[-1]
        same = family == _family(draft.status)
        end, start = draft.end, draft.start
        if same and end is not None and not end.inferred and day >= end.first:
            _replace(drafts, end, _with(end, claim))  # still so while the sources say it changed
            return
        if not same and start.claims and not start.inferred and day <= start.last:
            _replace(drafts, start, _with(start, claim))  # not yet so while the sources say it began
            return
        if same:
            draft.support.append(claim)
            return
        if claim.entry.throughout:  # said of the whole membership: a denial, never a change
            draft.contradictions.append(claim)
            return
        later_changes = any(c.first > claim.last for c in changes)
        later_evidence = any(_family(c.status) == _family(draft.status) and c.last >= claim.first for c in statements)
        if draft.end is None and not later_changes and not later_evidence and claim.first > draft.last_evidence():
            # the standing changed between the last evidence of it and this statement
            boundary = Boundary((claim,), draft.last_evidence(), claim.last, inferred=True)
            draft.end = boundary
            if claim.status is not None:
                drafts.append(_Draft(claim.status, boundary, support=[claim]))
            return
        draft.contradictions.append(claim)
        return
    if claim.status is None:
        return  # not a member where no span holds: it agrees
    before = [d for d in drafts if d.end is not None and d.end.last < day]
    after = [d for d in drafts if d.start.first > day]
    previous = max(before, key=lambda d: d.end.last if d.end else day, default=None)
    following = min(after, key=lambda d: d.start.first, default=None)
    ends = following.start if following is not None else None  # a standing lasts until the next
    if previous is not None and previous.end is not None:
        if not previous.end.inferred and _family(previous.status) == family:
            _replace(drafts, previous.end, _with(previous.end, claim))  # still so after it changed
            return
    if following is not None and previous is None and following.start.claims and _family(following.status) == family:
        _replace(drafts, following.start, _with(following.start, claim))  # so before it began
        return
    # so by this statement: since a day after the last evidence that it was not
    floor = previous.end.last if previous is not None and previous.end is not None else None
    outs = [c for c in statements if c.status is None and c.last < claim.first and (floor is None or c.first > floor)]
    if outs:
        out = max(outs, key=lambda c: c.last)
        start = Boundary((out, claim), out.last, claim.last, inferred=True)
    elif floor is not None:
        start = Boundary((claim,), floor, claim.last, inferred=True)
    else:
        drafts.append(_Draft(claim.status, Boundary.of([claim]), ends, since_unknown=True, support=[]))
        return
    drafts.append(_Draft(claim.status, start, ends, support=[claim]))


def _replace(drafts: list[_Draft], old: Boundary, new: Boundary) -> None:
    """Put a boundary in place of another, at the end of one span and the start of the next."""
    for draft in drafts:
        if draft.start is old:
            draft.start = new
        if draft.end is old:
            draft.end = new


class Membership:
    """Every lane's members over time, from the `membership` entries of a timeline's events."""

    def __init__(self, timeline: Timeline) -> None:
        self.timeline = timeline
        grouped: dict[tuple[str, str], list[Claim]] = {}
        for event in timeline.events:
            for entry in event.membership:
                grouped.setdefault((entry.lane, entry.country), []).append(Claim.of(event, entry, timeline))
        self._spans: dict[str, dict[str, list[Span]]] = {}
        # a lane without eras begins, as far as anyone can tell, where the timeline can be panned to
        earliest = epoch_to_day(timeline_span(timeline).limits[0]) if grouped else EARLIEST
        for (lane_id, country), claims in grouped.items():
            lane = timeline.lane(lane_id)
            begins = lane.eras[0].date.first_day if lane and lane.eras else earliest
            drafts = build_spans(claims, begins)
            spans = [d.freeze(lane_id, country) for d in drafts]
            if spans:  # a country only ever said not to belong has no row
                self._spans.setdefault(lane_id, {})[country] = spans
        self._claims = {key: tuple(claims) for key, claims in grouped.items()}

    # --- what there is ---------------------------------------------------------------------
    def lanes(self) -> list[str]:
        """The lanes with membership, in display order."""
        return [lane.id for lane in self.timeline.lanes if lane.id in self._spans]

    def countries(self) -> list[str]:
        """Every country with a span in some lane, sorted."""
        return sorted({country for per_lane in self._spans.values() for country in per_lane})

    def rows(self, lane_id: str) -> list[str]:
        """A lane's countries, ordered by first membership (then by name)."""
        per_lane = self._spans.get(lane_id, {})
        return sorted(per_lane, key=lambda c: (per_lane[c][0].first_day, per_lane[c][0].certain_from, c))

    def spans(self, lane_id: str, country: str | None = None) -> list[Span]:
        """A lane's spans (of one country, or of all in row order)."""
        per_lane = self._spans.get(lane_id, {})
        if country is not None:
            return list(per_lane.get(country, ()))
        return [span for name in self.rows(lane_id) for span in per_lane[name]]

    def claims(self, lane_id: str, country: str) -> tuple[Claim, ...]:
        return self._claims.get((lane_id, country), ())

    # --- queries ----------------------------------------------------------------------------
    def members_on(self, lane_id: str, day: dt.date) -> list[Standing]:
        """Who stood in a lane on a day, in row order: a member surely, or possibly (in an
        uncertain boundary), with whether the sources disagree on that day."""
        found: list[Standing] = []
        for country in self.rows(lane_id):
            spans = [s for s in self._spans[lane_id][country] if s.covers(day)]
            if not spans:
                continue
            # surely so that day; else a standing that may have ended, before one that may have begun
            rank = {"body": 0, "end": 1, "start": 2}
            span = min(spans, key=lambda s: rank[s.where(day)])
            found.append(Standing(country, span, span.where(day), span.disputed_on(day)))
        return found

    def history(self, country: str) -> list[Span]:
        """One country's spans in every lane, oldest first."""
        spans = [s for per_lane in self._spans.values() for s in per_lane.get(country, ())]
        order = {lane.id: i for i, lane in enumerate(self.timeline.lanes)}
        return sorted(spans, key=lambda s: (s.first_day, order.get(s.lane, 0)))

    def changes(self, first: dt.date, last: dt.date, lanes: Iterable[str] | None = None) -> list[Change]:
        """The changes that may fall within [first, last], by date, in the given lanes (all by
        default): each boundary once, with the status before and after it."""
        wanted = set(lanes) if lanes is not None else set(self._spans)
        found: list[Change] = []
        for lane_id in wanted:
            for country, spans in self._spans.get(lane_id, {}).items():
                for index, span in enumerate(spans):
                    before = spans[index - 1] if index and spans[index - 1].end is span.start else None
                    if before is None and (span.since_unknown or not span.start.claims):
                        continue  # first known from a statement: no source says it changed then
                    found.append(Change(lane_id, country, before.status if before else None, span.status, span.start))
                    following = spans[index + 1] if index + 1 < len(spans) else None
                    if span.end is not None and (following is None or following.start is not span.end):
                        found.append(Change(lane_id, country, span.status, None, span.end))
        inside = [c for c in found if c.boundary.first <= last and c.boundary.last >= first]
        order = {lane.id: i for i, lane in enumerate(self.timeline.lanes)}
        return sorted(inside, key=lambda c: (c.boundary.first, order.get(c.lane, 0), c.country))


@dataclass(frozen=True)
class Change:
    """A boundary between two standings of a country in a lane (None: out)."""

    lane: str
    country: str
    before: str | None
    after: str | None
    boundary: Boundary


def count_text(standings: Sequence[Standing]) -> str:
    """How many members of each status, and how many of them are uncertain: '6 founding
    members, 2 members, 1 observer; 3 of them uncertain'."""
    counts: dict[str, int] = {}
    for standing in standings:
        counts[standing.status] = counts.get(standing.status, 0) + 1
    parts = [f"{n} {status}{'s' if n != 1 else ''}" for status, n in counts.items()]
    unsure = sum(1 for s in standings if not s.certain)
    return ", ".join(parts) + (f"; {unsure} of them uncertain" if unsure else "")


def short_references(timeline: Timeline, span: Span) -> list[str]:
    """The short citations of the claims that begin a span ('Borkoeva 2011, sec. 2.4', 'Monitor,
    para. 2'), or of those that support it when none begins it, each once."""
    refs: list[str] = []
    for claim in span.start.claims or span.support:
        for citation in claim.citations:
            ref = timeline.reference(citation, short=True)
            if ref not in refs:
                refs.append(ref)
    return refs


def standing_record(timeline: Timeline, standing: Standing) -> dict[str, Any]:
    """One member on a date, for JSON (`--members LANE --on DATE`)."""
    span = standing.span
    return {
        "country": standing.country,
        "status": standing.status,
        "since": span.start.edtf(),
        "since_text": span.since_text(),
        "certain": standing.certain,
        "disputed": standing.disputed,
        "note": standing.note(),
        "citations": _citations(timeline, span),
    }


def span_record(timeline: Timeline, span: Span) -> dict[str, Any]:
    """One span of a country's history, for JSON (`--history COUNTRY`)."""
    lane = timeline.lane(span.lane)
    return {
        "lane": span.lane,
        "lane_name": lane.name if lane else span.lane,
        "country": span.country,
        "status": span.status,
        "from": span.start.edtf(),
        "from_text": span.since_text(),
        "to": span.end.edtf() if span.end else None,
        "to_text": span.until_text() or None,
        "disputed": span.disputed,
        "disagreement": span.disagreement() or None,
        "citations": _citations(timeline, span),
    }


def _citations(timeline: Timeline, span: Span) -> list[dict[str, Any]]:
    """Every citation that establishes a span, with its role ('start', 'end', 'supports',
    'disputes') and what its claim says."""
    return [
        {**citation_record(timeline, citation, claim.event), "role": role, "says": claim.words()}
        for role, claim in span_claims(span)
        for citation in claim.citations
    ]


def citation_record(timeline: Timeline, citation: Citation, event: Event) -> dict[str, Any]:
    """A citation as `--list` gives it, with the event it backs."""
    source = timeline.source(citation.source)
    return {
        "source": citation.source,
        "reference": timeline.reference(citation, short=True) if source else citation.source,
        "excerpt": citation.excerpt,
        "locator": citation.locator,
        "date": str(citation.date) if citation.date else str(event.date),
        "event": event.id,
    }


def span_claims(span: Span) -> list[tuple[str, Claim]]:
    """Each claim of a span with its role: 'start' and 'end' for the claims that it began or
    ended then, 'disputes-start' and 'disputes-end' for those in a boundary that say otherwise
    (not yet so; still so), 'supports' and 'disputes' for statements on its course."""
    family = _family(span.status)
    roles: list[tuple[str, Claim]] = []
    start, end = span.start, span.end
    roles += [("start" if start.inferred or _family(c.status) == family else "disputes-start", c) for c in start.claims]
    if end is not None:
        roles += [("end" if end.inferred or _family(c.status) != family else "disputes-end", c) for c in end.claims]
    roles += [("supports", c) for c in span.support]
    roles += [("disputes", c) for c in span.contradictions]
    return roles
