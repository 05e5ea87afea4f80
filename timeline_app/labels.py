"""Label placement without overlaps: rows inside a lane, greedy by priority. Pure Python."""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Hashable, Iterable

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

    def fits(self, left: float, right: float, gap: float) -> bool:
        i = bisect.bisect_left(self.lefts, left)
        if i > 0 and self.rights[i - 1] + gap > left:
            return False
        if i < len(self.lefts) and self.lefts[i] < right + gap:
            return False
        j = bisect.bisect_left(self.leaders, left - _LEADER_MARGIN)
        return j == len(self.leaders) or self.leaders[j] > right + _LEADER_MARGIN

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
    """Place each label right of its anchor in the first row where it overlaps nothing; near
    the right edge a label is shortened (down to its min_width) or else placed left of its
    anchor. What fits nowhere is returned as hidden.

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
        width = request.width
        flipped = False
        if start + width > right:
            if request.min_width is not None and right - start >= request.min_width:
                width = right - start  # shortened to fit
            else:
                flipped = True
                start = request.anchor - pad - width
        if start < left or start + width > right:
            hidden.append(request.key)
            continue
        chosen = None
        for row_index, row in enumerate(occupied):
            if row.fits(start, start + width, gap):
                chosen = row_index
                if not flipped:
                    break
            if not row.free_at(request.anchor):
                break  # the leader cannot pass this row to reach the rows below
        if chosen is None:
            hidden.append(request.key)
            continue
        # A flipped label covers the anchors of earlier events, so it takes the deepest row
        # it can reach: it then blocks no leader on its way down.
        occupied[chosen].add(start, start + width)
        for upper in occupied[:chosen]:
            upper.add_leader(request.anchor)
        placed.append(PlacedLabel(request.key, start, width, chosen, request.anchor))
    return placed, hidden
