"""Label placement without overlaps: rows inside a lane, greedy by priority. Pure Python."""

from __future__ import annotations

import bisect
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

__all__ = ["LabelRequest", "PlacedLabel", "place_labels"]


@dataclass(frozen=True)
class LabelRequest:
    """A label that wants to stand beside the glyph at `anchor` (pixels), `width` pixels wide."""

    key: Hashable
    anchor: float
    width: float
    priority: int = 0  # lower goes first
    min_width: float | None = None  # may be shortened (elided) down to this near the right edge


@dataclass(frozen=True)
class PlacedLabel:
    key: Hashable
    left: float
    width: float
    row: int
    anchor: float

    @property
    def right(self) -> float:
        return self.left + self.width


_LEADER_MARGIN = 3.0


class _Row:
    """One row: occupied [left, right) label intervals, sorted and disjoint, and the x of
    every leader line that passes through the row to a label further down."""

    def __init__(self) -> None:
        self.lefts: list[float] = []
        self.rights: list[float] = []
        self.leaders: list[float] = []

    def room(self, start: float, limit: float, gap: float) -> float:
        """How far right a label starting at `start` may reach in this row (up to `limit`);
        `start` itself when something is already there."""
        i = bisect.bisect_right(self.lefts, start)
        if i > 0 and self.rights[i - 1] + gap > start:
            return start
        if i < len(self.lefts):
            limit = min(limit, self.lefts[i] - gap - 0.01)  # a hair short: float sums must not touch
        j = bisect.bisect_left(self.leaders, start - _LEADER_MARGIN)
        if j < len(self.leaders):
            if self.leaders[j] <= start + _LEADER_MARGIN:
                return start
            limit = min(limit, self.leaders[j] - _LEADER_MARGIN - 1)
        return max(limit, start)

    def fits(self, left: float, right: float, gap: float) -> bool:
        return self.room(left, right, gap) >= right

    def free_at(self, x: float) -> bool:
        """True when a leader line may cross the row at x."""
        i = bisect.bisect_right(self.lefts, x + _LEADER_MARGIN)
        return i == 0 or self.rights[i - 1] + _LEADER_MARGIN < x

    def add(self, left: float, right: float) -> None:
        i = bisect.bisect_left(self.lefts, left)
        self.lefts.insert(i, left)
        self.rights.insert(i, right)

    def add_leader(self, x: float) -> None:
        bisect.insort(self.leaders, x)


def place_labels(
    requests: Iterable[LabelRequest],
    rows: int,
    left: float,
    right: float,
    gap: float = 8.0,
    pad: float = 4.0,
) -> tuple[list[PlacedLabel], list[Hashable]]:
    """Place each label right of its anchor in the first row where it overlaps nothing; where
    no row has room for all of it, it is shortened (down to its min_width) to end before the
    next label or leader; where even that does not fit before the right edge, it goes left
    of its anchor. What fits nowhere is returned as hidden.

    Requests go by priority, then from right to left: in a cluster the earliest event gets
    the deepest row, so leaders form a staircase. No two placed labels of a row are closer
    than `gap`, every placed label lies within [left, right], and no leader line (from the
    glyph line above row 0 down to its label) crosses another label.
    """
    occupied = [_Row() for _ in range(max(rows, 0))]
    placed: list[PlacedLabel] = []
    hidden: list[Hashable] = []
    for request in sorted(requests, key=lambda r: (r.priority, -r.anchor)):
        start = request.anchor + pad  # right of the glyph, or left of it near the right edge
        shortest = request.width if request.min_width is None else min(request.min_width, request.width)
        flipped = start + shortest > right
        if flipped:
            start = request.anchor - pad - request.width
        if start < left or start + shortest > right:
            hidden.append(request.key)
            continue
        chosen = None  # (row, width)
        for row_index, row in enumerate(occupied):
            reach = row.room(start, right, gap) - start
            if reach >= request.width:
                chosen = (row_index, request.width)
                if not flipped:
                    break  # the first row where it fits whole
            elif reach >= shortest and chosen is None and not flipped:
                chosen = (row_index, reach)  # shortened here, unless a lower row takes it whole
            if not row.free_at(request.anchor):
                break  # the leader cannot pass this row to reach the rows below
        if chosen is None:
            hidden.append(request.key)
            continue
        # A flipped label covers the anchors of earlier events, so it takes the deepest row
        # it can reach: it then blocks no leader on its way down.
        row_index, width = chosen
        occupied[row_index].add(start, start + width)
        for upper in occupied[:row_index]:
            upper.add_leader(request.anchor)
        placed.append(PlacedLabel(request.key, start, width, row_index, request.anchor))
    return placed, hidden
