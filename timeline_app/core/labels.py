"""Label placement without overlaps: rows inside a lane, greedy by priority. Pure Python."""

from __future__ import annotations

import bisect
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

__all__ = ["LabelRequest", "PlacedLabel", "place_labels"]


@dataclass(frozen=True)
class LabelRequest:
    """A label that wants to stand beside the glyph at `anchor` (pixels), `width` pixels wide on
    one line, or `wrap_width` wide on two lines (None: it does not wrap)."""

    key: Hashable
    anchor: float
    width: float
    priority: int = 0  # lower goes first
    min_width: float | None = None  # may be shortened (elided) down to this, when nothing else fits
    wrap_width: float | None = None


@dataclass(frozen=True)
class PlacedLabel:
    key: Hashable
    left: float
    width: float
    row: int  # the first of its rows
    anchor: float
    lines: int = 1  # 2: wrapped, in rows `row` and `row + 1`

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def rows(self) -> range:
        return range(self.row, self.row + self.lines)


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
    blocked: Iterable[tuple[float, float]] = (),
) -> tuple[list[PlacedLabel], list[Hashable]]:
    """Place each label beside its anchor, in this order of preference: whole on one line right
    of its anchor, in the first row where it overlaps nothing; wrapped on two lines there; near
    the right edge, whole (then wrapped) left of its anchor, as deep as the leaders of the
    earlier events under it need (a row each) or as near to that as it fits;
    and only then shortened (down to its min_width) to end before the next label or leader.
    What fits nowhere is returned as hidden.

    Requests go by priority, then from right to left: in a cluster the earliest event gets
    the deepest row, so leaders form a staircase. No two placed labels of a row are closer
    than `gap`, every placed label lies within [left, right], and no leader line (from the
    glyph line above row 0 down to its label's first row) crosses another label. No label
    overlaps a `blocked` interval [from, to) (a density band drawn over the rows) in any row.
    """
    occupied = [_Row() for _ in range(max(rows, 0))]
    for start, stop in sorted(blocked):
        for row in occupied:
            row.add(start, stop)
    placed: list[PlacedLabel] = []
    hidden: list[Hashable] = []

    def first_row(start: float, width: float, lines: int, anchor: float, prefer: int | None) -> int | None:
        """The first row where a label [start, start + width) of `lines` lines fits, among the
        rows its leader can reach; with `prefer`, the first fitting row at or below that one
        (or, when none is, the deepest above it)."""
        fitting = []
        if start < left or start + width > right:
            return None
        for index, row in enumerate(occupied):
            if index + lines <= len(occupied) and all(
                occupied[index + k].room(start, right, gap) - start >= width for k in range(lines)
            ):
                fitting.append(index)
                if prefer is None:
                    break
            if not row.free_at(anchor):
                break  # the leader cannot pass this row to reach the rows below
        if not fitting:
            return None
        if prefer is None:
            return fitting[0]
        # at or below that row (so the leaders pass above it), the nearest; else the deepest above it
        return min(fitting, key=lambda index: (index < prefer, abs(index - prefer)))

    def shortened_row(start: float, shortest: float, anchor: float) -> tuple[int, float] | None:
        for index, row in enumerate(occupied):
            reach = row.room(start, right, gap) - start
            if reach >= shortest:
                return index, reach
            if not row.free_at(anchor):
                break
        return None

    for request in sorted(requests, key=lambda r: (r.priority, -r.anchor)):
        anchor, width, wrap = request.anchor, request.width, request.wrap_width
        after = anchor + pad  # right of the glyph
        shapes: list[tuple[float, float, int, int | None]] = [(after, width, 1, None)]  # (left, width, lines, prefer)
        if wrap is not None and wrap < width:
            shapes.append((after, wrap, 2, None))
        if after + width > right:  # near the right edge: left of the glyph, over the anchors of
            # earlier events (placed after it): in the deepest row it can reach, so that their
            # leaders pass above it (the rows are closed up at the end)
            for shape_width, lines in ((width, 1), (wrap, 2)):
                if shape_width is None or (lines == 2 and shape_width >= width):
                    continue
                shapes.append((anchor - pad - shape_width, shape_width, lines, len(occupied)))
        chosen = None
        for start, shape_width, lines, prefer in shapes:
            row_index = first_row(start, shape_width, lines, anchor, prefer)
            if row_index is not None:
                chosen = PlacedLabel(request.key, start, shape_width, row_index, anchor, lines)
                break
        if chosen is None and request.min_width is not None and request.min_width < width:
            found = shortened_row(after, request.min_width, anchor) if after + request.min_width <= right else None
            if found is not None:
                chosen = PlacedLabel(request.key, after, found[1], found[0], anchor)
        if chosen is None:
            hidden.append(request.key)
            continue
        for index in chosen.rows:
            occupied[index].add(chosen.left, chosen.right)
        for upper in occupied[: chosen.row]:
            upper.add_leader(anchor)
        placed.append(chosen)
    return _closed_up(placed, gap), hidden


def _closed_up(placed: list[PlacedLabel], gap: float) -> list[PlacedLabel]:
    """Each label moved up to the highest row where it still overlaps no label, crosses no
    leader of a label below it, and its own leader crosses no label above it (a label placed
    deep to let later leaders pass keeps no longer leader than it needs)."""
    labels = sorted(placed, key=lambda p: (p.row, p.left))
    for index, label in enumerate(labels):
        others = labels[:index] + labels[index + 1 :]
        for row in range(label.row):
            moved = PlacedLabel(label.key, label.left, label.width, row, label.anchor, label.lines)
            if all(_apart(moved, other, gap) for other in others):
                labels[index] = moved
                break
    return labels


def _apart(a: PlacedLabel, b: PlacedLabel, gap: float) -> bool:
    """True when a and b neither overlap in a row they share nor either's leader crosses the other."""
    if set(a.rows) & set(b.rows) and not (a.right + gap <= b.left or b.right + gap <= a.left):
        return False
    for upper, lower in ((a, b), (b, a)):
        if lower.row > max(upper.rows) and upper.left - _LEADER_MARGIN <= lower.anchor <= upper.right + _LEADER_MARGIN:
            return False
    return True
