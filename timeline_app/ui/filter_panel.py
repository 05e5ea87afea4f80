"""The Filters dock: countries, kinds, sources, date precision and "sources disagree".

Within a section the checked values are alternatives (any of them lets an event through);
the sections, the search and the lanes all apply together (`browse.matching_mask`). The panel
follows the view state and changes it only through its filter methods.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from ..core.browse import PRECISIONS, Filters, country_counts, fold
from ..core.columns import Codes, columns
from ..core.dates import Precision
from ..core.model import KINDS, Timeline
from ..core.problems import count
from ..core.state import ViewState
from ..render.text import plain_tooltip
from ..render.theme import KIND_SYMBOLS
from .lane_panel import symbol_icon

__all__ = ["Choice", "FilterPanel", "ValueList"]

VALUE_ROLE = QtCore.Qt.ItemDataRole.UserRole  # the filter value an item stands for
MAX_ROWS = 16  # rows a list shows before it scrolls
NARROW_FROM = 10  # countries from which a field narrows the list
LEGEND_GREY = "#8c959f"  # the glyph colour of the kinds (as the Lanes panel's legend)
PRECISION_NAMES = {Precision.DAY: "day", Precision.MONTH: "month", Precision.YEAR: "year"}  # as PRECISIONS
_CHECKED = QtCore.Qt.CheckState.Checked
_UNCHECKED = QtCore.Qt.CheckState.Unchecked


@dataclass(frozen=True)
class Choice:
    """One value a filter can take, as its list shows it."""

    value: str
    text: str
    tip: str
    icon: QtGui.QIcon | None = None


class ValueList(QtWidgets.QListWidget):
    """The checkable values of one filter ('countries', 'kinds', 'sources' or 'precisions').

    A click anywhere on a row, or Space on the current row, checks or unchecks it; the checks
    are the state's filter values, shown again whenever the filters change."""

    def __init__(self, state: ViewState, name: str, accessible: str, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.view_state = state
        self.name = name
        self.setObjectName(f"{name}Filter")
        self.setAccessibleName(accessible)
        self.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(QtCore.Qt.TextElideMode.ElideRight)
        self.setUniformItemSizes(True)
        self._pressed: QtWidgets.QListWidgetItem | None = None
        self.itemChanged.connect(self._changed)

    # --- contents ------------------------------------------------------------------
    def set_choices(self, choices: Sequence[Choice]) -> None:
        """Show these values (checked as the state's filter has them)."""
        self.blockSignals(True)
        self.clear()
        chosen = self.view_state.filters.values(self.name)
        for choice in choices:
            item = QtWidgets.QListWidgetItem(choice.text)
            if choice.icon is not None:
                item.setIcon(choice.icon)
            item.setData(VALUE_ROLE, choice.value)
            item.setToolTip(plain_tooltip(choice.tip))
            item.setFlags(item.flags() | QtCore.Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(_CHECKED if choice.value in chosen else _UNCHECKED)
            self.addItem(item)
        self.blockSignals(False)
        self.fit_height()

    def fit_height(self) -> None:
        """As high as its shown rows, up to MAX_ROWS (then it scrolls)."""
        shown = sum(1 for row in range(self.count()) if not self.isRowHidden(row))
        row_height = self.sizeHintForRow(0) if self.count() else self.fontMetrics().height() + 4
        self.setFixedHeight(row_height * max(min(shown, MAX_ROWS), 1) + 2 * self.frameWidth() + 2)

    def show_checked(self) -> None:
        chosen = self.view_state.filters.values(self.name)
        self.blockSignals(True)
        for item in self.all_items():
            item.setCheckState(_CHECKED if item.data(VALUE_ROLE) in chosen else _UNCHECKED)
        self.blockSignals(False)

    def all_items(self) -> list[QtWidgets.QListWidgetItem]:
        return [self.item(row) for row in range(self.count())]

    def item_for(self, value: str) -> QtWidgets.QListWidgetItem | None:
        return next((item for item in self.all_items() if item.data(VALUE_ROLE) == value), None)

    def checked(self) -> set[str]:
        """The checked values, rows hidden by a narrowing field included."""
        return {item.data(VALUE_ROLE) for item in self.all_items() if item.checkState() == _CHECKED}

    def narrow(self, text: str) -> None:
        """Show only the rows whose text contains `text` (case and accents ignored)."""
        wanted = fold(text.strip())
        for row, item in enumerate(self.all_items()):
            self.setRowHidden(row, bool(wanted) and wanted not in fold(item.text()))
        self.fit_height()

    def _changed(self, _item: QtWidgets.QListWidgetItem) -> None:
        self.view_state.set_filter_values(self.name, self.checked())

    # --- a click on the row's text checks it too -----------------------------------
    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:
        self._pressed = self.itemAt(event.position().toPoint())
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QtGui.QMouseEvent) -> None:
        item = self.itemAt(event.position().toPoint())
        before = item.checkState() if item is not None else None
        super().mouseReleaseEvent(event)  # a click on the box itself has toggled it
        if event.button() == QtCore.Qt.MouseButton.LeftButton and item is not None and item is self._pressed:
            # on the box or on the name: the opposite of what it was (set once, whoever toggled it)
            item.setCheckState(_UNCHECKED if before == _CHECKED else _CHECKED)
        self._pressed = None


def _heading(text: str) -> QtWidgets.QLabel:
    label = QtWidgets.QLabel(text)
    label.setObjectName("filterHeading")
    label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    return label


class FilterPanel(QtWidgets.QScrollArea):
    """Every filter but the search and the lanes, as lists of checkable values with counts."""

    STYLE = "QLabel#filterHeading { font-weight: 600; margin-top: 6px; }"

    def __init__(self, state: ViewState, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setAccessibleName("Filters")
        self.setWidgetResizable(True)
        self.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QtWidgets.QWidget()
        body.setStyleSheet(self.STYLE)
        layout = QtWidgets.QVBoxLayout(body)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(4)

        self.countries = ValueList(state, "countries", "Countries")
        self.narrow_field = QtWidgets.QLineEdit()
        self.narrow_field.setPlaceholderText("Narrow the list")
        self.narrow_field.setAccessibleName("Narrow the list of countries")
        self.narrow_field.setClearButtonEnabled(True)
        self.narrow_field.textChanged.connect(self.countries.narrow)
        self.kinds = ValueList(state, "kinds", "Kinds")
        self.sources = ValueList(state, "sources", "Sources")
        self.precisions = ValueList(state, "precisions", "Date known to the")
        self.lists = {v.name: v for v in (self.countries, self.kinds, self.sources, self.precisions)}
        self.headings: dict[str, QtWidgets.QLabel] = {}
        for value_list in self.lists.values():
            heading = self.headings[value_list.name] = _heading(value_list.accessibleName())
            heading.setBuddy(value_list)
            layout.addWidget(heading)
            if value_list is self.countries:
                layout.addWidget(self.narrow_field)
            layout.addWidget(value_list)

        self.disagreements = QtWidgets.QCheckBox("Sources disagree")
        self.disagreements.setAccessibleName("Only where the sources disagree")
        self.disagreements.toggled.connect(self._disagreements_toggled)
        layout.addSpacing(6)
        layout.addWidget(self.disagreements)
        self.clear_button = QtWidgets.QPushButton("Clear All Filters")
        self.clear_button.setAccessibleName("Clear all filters")
        self.clear_button.setToolTip("Show every event again: clears the search and every filter (not the lanes)")
        self.clear_button.clicked.connect(state.clear_filters)
        layout.addWidget(self.clear_button, 0, QtCore.Qt.AlignmentFlag.AlignLeft)
        note = QtWidgets.QLabel(
            "Checked values of one list are alternatives; the lists, the search and the lanes apply together."
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(note)
        layout.addStretch(1)
        self.setWidget(body)
        self.setFocusProxy(self.countries)  # the keyboard, when the panel is given it, starts at the countries

        state.timeline_changed.connect(self._rebuild)
        state.filters_changed.connect(self._show_filters)
        self._rebuild(state.timeline)

    # --- following the state ------------------------------------------------------------
    def _rebuild(self, timeline: Timeline | None) -> None:
        """The values of a (new) timeline, with their counts; the checks are the state's."""
        for value_list in self.lists.values():
            self._fill(value_list)
        self.narrow_field.setVisible(self.countries.count() >= NARROW_FROM)
        self.countries.narrow(self.narrow_field.text() if self.narrow_field.isVisibleTo(self) else "")
        disagreeing = int(np.count_nonzero(columns(timeline).disagree)) if timeline else 0
        self.disagreements.setText(f"Sources disagree ({disagreeing})")
        self.disagreements.setToolTip(
            f"Only the events whose sources give dates that do not overlap ({count(disagreeing, 'event')} in the file)"
        )
        self._show_filters(self.state.filters)

    def _fill(self, value_list: ValueList) -> None:
        """One list's values for the state's timeline and filters (a value filtered on that the
        file lacks is listed with no events, to be unchecked); checked as the filters are."""
        timeline, filters = self.state.timeline, self.state.filters
        choices = {
            "countries": self._country_choices,
            "kinds": _kind_choices,
            "sources": _source_choices,
            "precisions": _precision_choices,
        }[value_list.name](timeline, filters)
        value_list.set_choices(choices)
        if value_list is self.countries and self.narrow_field.isVisibleTo(self):
            self.countries.narrow(self.narrow_field.text())

    def _country_choices(self, timeline: Timeline | None, filters: Filters) -> list[Choice]:
        counts = country_counts(timeline, self.state.aliases) if timeline else []
        choices = [
            _counted(name, n, f"{count(n, 'event')} of the file name {name} (by any spelling)") for name, n in counts
        ]
        return choices + _absent(filters.countries, {name for name, _ in counts})

    def _show_filters(self, filters: Filters) -> None:
        """Check what the filters hold; a list that lacks a value filtered on is filled again
        (with that value), never the whole panel: this is called by `_rebuild`."""
        for value_list in self.lists.values():
            chosen = filters.values(value_list.name)
            if value_list.checked() == chosen:
                continue
            known = {item.data(VALUE_ROLE) for item in value_list.all_items()}
            if chosen <= known:
                value_list.show_checked()
            else:
                self._fill(value_list)
        self.disagreements.blockSignals(True)
        self.disagreements.setChecked(filters.disagreements)
        self.disagreements.blockSignals(False)
        self.clear_button.setEnabled(filters.active)

    def _disagreements_toggled(self, on: bool) -> None:
        self.state.set_filters(self.state.filters.replace(disagreements=on))


# --- the choices of each list ---------------------------------------------------------------
def _counted(value: str, n: int, tip: str, text: str | None = None, icon: QtGui.QIcon | None = None) -> Choice:
    return Choice(value, f"{text or value} ({n})", tip, icon)


def _absent(chosen: Iterable[str], known: set[str]) -> list[Choice]:
    """Values still filtered on that the file does not have (kept from before): listed with no
    events, so that they can be unchecked."""
    return [Choice(v, f"{v} (0)", f"No event of this file has {v}") for v in sorted(chosen) if v not in known]


def _kind_choices(timeline: Timeline | None, filters: Filters) -> list[Choice]:
    counts = _named_counts(columns(timeline).kinds) if timeline else Counter()
    kinds = [k for k in KINDS if counts[k]] + sorted(k for k in counts if k not in KINDS)
    choices = [
        _counted(k, counts[k], f"{count(counts[k], 'event')} of the kind {k}", icon=_kind_icon(k)) for k in kinds
    ]
    return choices + _absent(filters.kinds, set(kinds))


def _named_counts(values: Codes) -> Counter[str]:
    """How many events have each value (those that none has are left out)."""
    return Counter({name: int(n) for name, n in zip(values.names, values.counts().tolist(), strict=True) if n})


def _kind_icon(kind: str) -> QtGui.QIcon | None:
    symbol = KIND_SYMBOLS.get(kind)
    return symbol_icon(symbol, LEGEND_GREY) if symbol else None


def _source_choices(timeline: Timeline | None, filters: Filters) -> list[Choice]:
    if timeline is None:
        return _absent(filters.sources, set())
    citing = _named_counts(columns(timeline).sources)
    choices = [
        _counted(s.id, citing[s.id], f"{s.full()}\n{count(citing[s.id], 'event')} cite it", text=s.short())
        for s in timeline.sources
    ]
    return choices + _absent(filters.sources, {s.id for s in timeline.sources})


def _precision_choices(timeline: Timeline | None, filters: Filters) -> list[Choice]:
    by_code = np.bincount(columns(timeline).precision, minlength=4) if timeline else np.zeros(4, dtype=np.int64)
    counts = Counter({PRECISION_NAMES[p]: int(by_code[p]) for p in Precision})
    choices = [_counted(p, counts[p], f"{count(counts[p], 'event')} with a date known to the {p}") for p in PRECISIONS]
    return choices + _absent(filters.precisions, set(PRECISIONS))
