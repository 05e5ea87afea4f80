"""View > Go To: a From / To range typed as the command line takes dates (2001, 2001-05, 2001-05-14)."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from ..core.dates import DateError, PartialDate, epoch_to_day, parse_date
from ..core.span import MIN_SPAN
from ..core.startup import RangeError, date_range

__all__ = ["GoToDialog", "parse_range"]


def parse_range(first: str, last: str) -> tuple[PartialDate, PartialDate]:
    """The range From..To ('' for To: the whole of From); DateError says what is wrong."""
    if not first.strip():
        raise DateError("From: type a date, e.g. 2001, 2001-05 or 2001-05-14")
    try:
        start = parse_date(first.strip())
    except DateError as exc:
        raise DateError(f"From: {exc}") from None
    try:
        end = parse_date(last.strip()) if last.strip() else start
    except DateError as exc:
        raise DateError(f"To: {exc}") from None
    if end.last_day < start.first_day:
        raise DateError(f"To ({end.format()}) is before From ({start.format()})")
    try:
        date_range(start, end)  # what the command line's --from / --to refuse, refused here too
    except RangeError as exc:
        raise DateError(str(exc)) from None
    return start, end


class GoToDialog(QtWidgets.QDialog):
    """Two date fields; OK is enabled only for a range that can be shown, and says why not."""

    def __init__(self, time_range: tuple[float, float], parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Go To")
        self.setAccessibleName("Go to a range of dates")
        self.first = QtWidgets.QLineEdit(epoch_to_day(time_range[0]).isoformat())
        self.last = QtWidgets.QLineEdit(epoch_to_day(time_range[1] - 1).isoformat())
        for edit, name in ((self.first, "From"), (self.last, "To")):
            edit.setAccessibleName(name)
            edit.setPlaceholderText("YYYY, YYYY-MM or YYYY-MM-DD")
            edit.textChanged.connect(self._check)
        self.first.selectAll()
        self.message = QtWidgets.QLabel(" ")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Problem with the dates")
        form = QtWidgets.QFormLayout()
        form.addRow("&From:", self.first)
        form.addRow("&To:", self.last)
        hint = QtWidgets.QLabel(
            "A year, a month or a day: 2001, 2001-05, 2001-05-14. An empty To shows the whole From."
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
        column = QtWidgets.QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(hint)
        column.addWidget(self.message)
        column.addWidget(buttons)
        self.setMinimumWidth(380)
        self._check()

    def _check(self) -> None:
        try:
            parse_range(self.first.text(), self.last.text())
        except DateError as exc:
            self.message.setText(str(exc))
            self.ok.setEnabled(False)
            return
        first, last = date_range(*parse_range(self.first.text(), self.last.text()))
        short = last - first < MIN_SPAN
        self.message.setText(f"Shown with {MIN_SPAN / 86400:.0f} days around it: the closest zoom." if short else " ")
        self.ok.setEnabled(True)

    def accept(self) -> None:
        if self.ok.isEnabled():
            super().accept()

    def value(self) -> tuple[PartialDate, PartialDate]:
        return parse_range(self.first.text(), self.last.text())

    @classmethod
    def ask(cls, parent: QtWidgets.QWidget, time_range: tuple[float, float]) -> tuple[PartialDate, PartialDate] | None:
        dialog = cls(time_range, parent)
        dialog.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
        return dialog.value() if dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted else None
