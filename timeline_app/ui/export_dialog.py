"""File > Export: range, lanes, size, theme, title, caption, sources and quote, with a live preview."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from ..core.dates import SECONDS_PER_DAY, DateError, PartialDate, epoch_to_day, format_range, parse_date
from ..core.documents import readable
from ..core.figure import MAX_PIXELS, MAX_SCALE, MIN_HEIGHT, MIN_SCALE, MIN_WIDTH, SIZE_PRESETS, FigureSpec
from ..core.model import Event, Timeline
from ..core.span import DEFAULT_SPAN, MIN_SPAN, TimeSpan, in_reach, reach_text, timeline_span
from ..core.startup import RangeError, date_range
from ..render.export import ExportError, render_image

__all__ = ["PREVIEW_DELAY_MS", "PREVIEW_SIZE", "ExportDialog", "quote_choices", "read_range", "stamped_text"]

_PRESET_NAMES = {"720p": "1280 × 720 (720p)", "1080p": "1920 × 1080 (1080p)", "4k": "3840 × 2160 (4K)"}
#: The box the preview fits in (a 16:9 figure fills it); logical pixels.
PREVIEW_SIZE = QtCore.QSize(480, 270)
#: The preview is drawn again once the options have rested this long (typing is not slowed).
PREVIEW_DELAY_MS = 150
_QUOTE_WORDS = 7  # the opening words of an excerpt in the quote choice
_STAMP_CHARS = 48  # a title or caption longer than this is shortened in the "Stamped" line
_DATE_HINT = "YYYY, YYYY-MM or YYYY-MM-DD"


# --- what the dialog reads and says (no widgets) --------------------------------------------
def _read_date(text: str, side: str) -> PartialDate | None:
    """A From or To field: None when empty (the edge of the home view); DateError says why."""
    if not text.strip():
        return None
    date = parse_date(text.strip())
    day = date.first_day if side == "from" else date.last_day
    if not in_reach(day, day):
        raise DateError(f"the timeline shows {reach_text()}")
    return date


def read_range(first: str, last: str, span: TimeSpan = DEFAULT_SPAN) -> tuple[tuple[float, float] | None, str, str]:
    """The range typed in From and To (epoch seconds, as --from / --to give it; an empty field is
    the edge of `span`'s home), or None with what is wrong with each field ('' where it is right)."""
    start = end = None
    from_problem = to_problem = ""
    try:
        start = _read_date(first, "from")
    except DateError as exc:
        from_problem = str(exc)
    try:
        end = _read_date(last, "to")
    except DateError as exc:
        to_problem = str(exc)
    if from_problem or to_problem:
        return None, from_problem, to_problem
    try:
        return date_range(start, end, span), "", ""
    except RangeError as exc:
        if start is not None and end is not None:
            return None, "", f"{end.format()} is before {start.format()}"
        return None, "", str(exc)


def quote_choices(timeline: Timeline, event: Event) -> list[str]:
    """One entry per citation of the event: '1. RFE/RL, 15 May 2002 — “first words…”'."""
    entries = []
    for number, citation in enumerate(event.citations, 1):
        words = readable(citation.excerpt).split()
        opening = " ".join(words[:_QUOTE_WORDS]) + ("…" if len(words) > _QUOTE_WORDS else "")
        entries.append(f"{number}. {timeline.reference(citation, short=True)} \u2014 \u201c{opening}\u201d")
    return entries


def _shortened(text: str) -> str:
    return text if len(text) <= _STAMP_CHARS else text[: _STAMP_CHARS - 1].rstrip() + "…"


def stamped_text(spec: FigureSpec) -> str:
    """What is stamped on the figure besides the timeline: 'Stamped: title “…” · no caption · sources line'."""
    parts = [
        f"title \u201c{_shortened(spec.title)}\u201d" if spec.title else "no title",
        f"caption \u201c{_shortened(spec.caption)}\u201d" if spec.caption else "no caption",
        "sources line" if spec.sources else "no sources line",
    ]
    return "Stamped: " + " \u00b7 ".join(parts)


def _problem_colour(palette: QtGui.QPalette) -> str:
    """A red that reads on the palette's window colour, light or dark."""
    dark = palette.color(QtGui.QPalette.ColorRole.Window).lightnessF() < 0.5
    return "#ff8a80" if dark else "#b3261e"


def _swatch(colour: str) -> QtGui.QIcon:
    pixmap = QtGui.QPixmap(12, 12)
    pixmap.fill(QtGui.QColor(colour))
    return QtGui.QIcon(pixmap)


class ExportDialog(QtWidgets.QDialog):
    """The options of an export, and the figure they make; the file name is asked for after it.

    `spec` is the figure of the window's view (range, lanes, selection, filters) with the export
    options last used; `spec()` is the figure chosen, exactly as the preview shows it.
    """

    #: () the preview shows the options as they are now
    previewed = QtCore.Signal()

    def __init__(
        self,
        timeline: Timeline,
        spec: FigureSpec,
        keep_titles: bool = False,
        palette: QtGui.QPalette | None = None,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Image")
        self.setAccessibleName("Export image")
        self.timeline = timeline
        self._span = timeline_span(timeline)
        self._base = spec
        self._figure_palette = palette
        self._problem_style = f"color: {_problem_colour(palette or self.palette())};"
        self._rendering = False
        self.preview_timer = QtCore.QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self.preview_timer.timeout.connect(self.render_preview)
        options = self._build_options(spec, keep_titles)
        column = self._build_preview_column()
        row = QtWidgets.QHBoxLayout(self)
        row.addLayout(options, 0)
        row.addLayout(column, 1)
        self._connect()
        self._size_edited()
        self._changed()
        self.preview_timer.stop()  # drawn now, not again in a moment
        self.render_preview()

    # --- building ------------------------------------------------------------------
    def _build_options(self, spec: FigureSpec, keep_titles: bool) -> QtWidgets.QFormLayout:
        form = QtWidgets.QFormLayout()
        form.setFieldGrowthPolicy(QtWidgets.QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.preset = QtWidgets.QComboBox()
        for key, name in _PRESET_NAMES.items():
            self.preset.addItem(name, key)
        self.preset.addItem("Custom", "custom")
        self.preset.setAccessibleName("Size")
        self.width_box = QtWidgets.QSpinBox(minimum=MIN_WIDTH, maximum=MAX_PIXELS, value=spec.width, suffix=" px")
        self.height_box = QtWidgets.QSpinBox(minimum=MIN_HEIGHT, maximum=MAX_PIXELS, value=spec.height, suffix=" px")
        self.width_box.setAccessibleName("Width")
        self.height_box.setAccessibleName("Height")
        size_row = QtWidgets.QHBoxLayout()
        size_row.addWidget(self.width_box)
        size_row.addWidget(QtWidgets.QLabel("×"))
        size_row.addWidget(self.height_box)
        size_row.addStretch(1)
        self.scale_box = QtWidgets.QDoubleSpinBox(
            minimum=MIN_SCALE, maximum=MAX_SCALE, singleStep=0.5, value=spec.scale, suffix=" ×"
        )
        self.scale_box.setAccessibleName("Scale")
        self.scale_box.setToolTip("Pixels per unit of size, for sharp images on high-DPI screens (PNG)")
        self.theme_box = QtWidgets.QComboBox()
        self.theme_box.setAccessibleName("Theme")
        self.theme_box.addItem("Slide (light, large)", "slide")
        self.theme_box.addItem("Screen (system colours)", "screen")
        self.theme_box.setCurrentIndex(max(self.theme_box.findData(spec.theme), 0))
        form.addRow("&Size:", self.preset)
        form.addRow("", size_row)
        form.addRow("S&cale:", self.scale_box)
        form.addRow("T&heme:", self.theme_box)
        self.from_edit, self.from_problem = self._date_row(form, "&From:", "From", epoch_to_day(spec.start))
        self.to_edit, self.to_problem = self._date_row(form, "&To:", "To", epoch_to_day(spec.end - 1))
        form.addRow("Lanes:", self._build_lanes(spec))
        self.quote_box = QtWidgets.QComboBox()
        self.quote_box.setAccessibleName("Callout quotes")
        self.quote_box.setToolTip("Which citation of the selected event the callout quotes")
        self.quote_box.setSizeAdjustPolicy(QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.quote_box.setMinimumContentsLength(24)
        selected = self._selected = self.timeline.event(spec.selected) if spec.selected else None
        if selected is not None and len(selected.citations) > 1:
            entries = quote_choices(self.timeline, selected)
            self.quote_box.addItems(entries)
            for index, entry in enumerate(entries):
                self.quote_box.setItemData(index, entry, QtCore.Qt.ItemDataRole.ToolTipRole)
            widest = max(self.quote_box.fontMetrics().horizontalAdvance(entry) for entry in entries)
            self.quote_box.view().setMinimumWidth(widest + 40)  # the list shows each entry whole
            self.quote_box.setCurrentIndex(min(max(spec.quote, 0), len(selected.citations) - 1))
            self.quote_box.setToolTip(self.quote_box.currentText())
            form.addRow("Callout &quotes:", self.quote_box)
        else:
            self.quote_box.hide()
        self.title_edit = QtWidgets.QLineEdit(spec.title)
        self.title_edit.setPlaceholderText("none")
        self.title_edit.setAccessibleName("Title")
        self.caption_edit = QtWidgets.QLineEdit(spec.caption)
        self.caption_edit.setPlaceholderText("none")
        self.caption_edit.setAccessibleName("Caption")
        self.keep_box = QtWidgets.QCheckBox("&Keep title and caption for the next export")
        self.keep_box.setToolTip("Otherwise the next export and Copy Image start without them")
        self.keep_box.setChecked(keep_titles)
        self.sources_box = QtWidgets.QCheckBox("&List the sources of the events shown")
        self.sources_box.setChecked(spec.sources)
        form.addRow("T&itle:", self.title_edit)
        form.addRow("Ca&ption:", self.caption_edit)
        form.addRow("", self.keep_box)
        form.addRow("Sources:", self.sources_box)
        note = (
            "The selected event gets a callout quoting its source."
            if selected is not None
            else "Select an event first to add a callout quoting its source."
        )
        hint = QtWidgets.QLabel(note + " PNG, SVG or PDF, by the file name's extension.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        form.addRow(hint)
        self.problem = QtWidgets.QLabel("")
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Problem with the options")
        self.problem.setStyleSheet(self._problem_style)
        self.problem.hide()
        form.addRow(self.problem)
        return form

    def _date_row(
        self, form: QtWidgets.QFormLayout, label: str, name: str, day: object
    ) -> tuple[QtWidgets.QLineEdit, QtWidgets.QLabel]:
        edit = QtWidgets.QLineEdit(str(day))
        edit.setAccessibleName(name)
        edge = "start" if name == "From" else "end"
        edit.setPlaceholderText(f"the timeline's {edge}")
        edit.setToolTip(f"{_DATE_HINT}, as --{name.lower()} takes it; empty: the {edge} of the whole timeline")
        edit.setMaximumWidth(130)
        problem = QtWidgets.QLabel("")
        problem.setWordWrap(True)
        problem.setAccessibleName(f"Problem with {name}")
        problem.setStyleSheet(self._problem_style)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(edit)
        row.addWidget(problem, 1)
        buddy = QtWidgets.QLabel(label)
        buddy.setBuddy(edit)  # Alt+F, Alt+T
        form.addRow(buddy, row)
        return edit, problem

    def _build_lanes(self, spec: FigureSpec) -> QtWidgets.QWidget:
        box = QtWidgets.QWidget()
        box.setAccessibleName("Lanes")
        grid = QtWidgets.QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        lanes = self.timeline.lanes
        columns = 1 if len(lanes) <= 3 else 2 if len(lanes) <= 10 else 3
        rows = -(-len(lanes) // columns)
        self.lane_boxes: dict[str, QtWidgets.QCheckBox] = {}
        for index, lane in enumerate(lanes):
            check = QtWidgets.QCheckBox(lane.name)
            check.setIcon(_swatch(lane.color))
            check.setToolTip(lane.title or lane.name)
            check.setAccessibleName(f"Lane {lane.name}")
            check.setChecked(spec.lanes is None or lane.id in spec.lanes)
            grid.addWidget(check, index % rows, index // rows)
            self.lane_boxes[lane.id] = check
        self.lanes_problem = QtWidgets.QLabel("Tick at least one lane")
        self.lanes_problem.setAccessibleName("Problem with the lanes")
        self.lanes_problem.setStyleSheet(self._problem_style)
        self.lanes_problem.hide()
        grid.addWidget(self.lanes_problem, rows, 0, 1, columns)
        return box

    def _build_preview_column(self) -> QtWidgets.QVBoxLayout:
        column = QtWidgets.QVBoxLayout()
        self.preview = QtWidgets.QLabel()
        self.preview.setAccessibleName("Preview")
        self.preview.setFixedSize(PREVIEW_SIZE.width() + 2, PREVIEW_SIZE.height() + 2)
        self.preview.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.preview.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.preview.setWordWrap(True)
        self.stamped = QtWidgets.QLabel()
        self.stamped.setAccessibleName("What is stamped")
        self.stamped.setWordWrap(True)
        self.stamped.setMaximumWidth(self.preview.width())
        self.stamped.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.shape = QtWidgets.QLabel()
        self.shape.setStyleSheet("color: palette(placeholder-text);")
        self.shape.setMaximumWidth(self.preview.width())
        self.shape.setWordWrap(True)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton("&Export…", QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        # Enter exports or does nothing: it never cancels what was typed
        buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column.addWidget(self.preview, 0, QtCore.Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.shape)
        column.addWidget(self.stamped)
        column.addStretch(1)
        column.addWidget(buttons)
        return column

    def _connect(self) -> None:
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        self.width_box.valueChanged.connect(self._size_edited)
        self.height_box.valueChanged.connect(self._size_edited)
        for box in (self.width_box, self.height_box):
            box.valueChanged.connect(self._changed)
        self.scale_box.valueChanged.connect(self._changed)
        self.theme_box.currentIndexChanged.connect(self._changed)
        self.quote_box.currentIndexChanged.connect(self._changed)
        self.quote_box.currentTextChanged.connect(self.quote_box.setToolTip)
        for edit in (self.from_edit, self.to_edit, self.title_edit, self.caption_edit):
            edit.textChanged.connect(self._changed)
        for check in (*self.lane_boxes.values(), self.sources_box):
            check.toggled.connect(self._changed)

    # --- the size preset -----------------------------------------------------------
    def _preset_chosen(self) -> None:
        key = self.preset.currentData()
        if key in SIZE_PRESETS:
            width, height = SIZE_PRESETS[key]
            self.height_box.blockSignals(True)
            self.width_box.setValue(width)
            self.height_box.blockSignals(False)
            self.height_box.setValue(height)

    def _size_edited(self) -> None:
        size = (self.width_box.value(), self.height_box.value())
        key = next((k for k, v in SIZE_PRESETS.items() if v == size), "custom")
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(self.preset.findData(key))
        self.preset.blockSignals(False)

    # --- what is chosen ------------------------------------------------------------
    @property
    def keep_titles(self) -> bool:
        """The title and caption are to be kept for the next export and Copy Image."""
        return self.keep_box.isChecked()

    def chosen_lanes(self) -> tuple[str, ...]:
        return tuple(lane_id for lane_id, check in self.lane_boxes.items() if check.isChecked())

    def _chosen(self) -> tuple[FigureSpec | None, str, str, str]:
        """The figure of the options, or None; and what is wrong with From, To and the rest."""
        time_range, from_problem, to_problem = read_range(self.from_edit.text(), self.to_edit.text(), self._span)
        changes: dict[str, object] = {
            "width": self.width_box.value(),
            "height": self.height_box.value(),
            "scale": self.scale_box.value(),
            "theme": self.theme_box.currentData(),
            "title": " ".join(self.title_edit.text().split()),
            "caption": " ".join(self.caption_edit.text().split()),
            "sources": self.sources_box.isChecked(),
            "lanes": self.chosen_lanes(),
        }
        if self.quote_box.count():
            changes["quote"] = self.quote_box.currentIndex()
        spec = self._base.replace(**changes)
        other = spec.problem() or ""
        if time_range is None or not spec.lanes or other:
            return None, from_problem, to_problem, other
        return spec.replace(start=time_range[0], end=time_range[1]), "", "", ""

    def spec(self) -> FigureSpec:
        """The figure chosen (what the preview shows, at the chosen size and scale)."""
        spec = self._chosen()[0]
        if spec is None:
            raise ValueError("the export options are not valid")
        return spec

    def _changed(self) -> None:
        spec, from_problem, to_problem, other = self._chosen()
        self.from_problem.setText(from_problem)
        self.to_problem.setText(to_problem)
        self.lanes_problem.setVisible(not self.chosen_lanes())
        if self._selected is not None:  # a callout only while the event's lanes are shown
            self.quote_box.setEnabled(bool(set(self._selected.lanes) & set(self.chosen_lanes())))
        self.problem.setText(other)
        self.problem.setVisible(bool(other))
        self.export_button.setEnabled(spec is not None)
        shown = spec or self._base.replace(
            title=" ".join(self.title_edit.text().split()),
            caption=" ".join(self.caption_edit.text().split()),
            sources=self.sources_box.isChecked(),
        )
        self.stamped.setText(stamped_text(shown))
        self.shape.setText(self._shape_text(spec))
        self.preview_timer.start()

    def _shape_text(self, spec: FigureSpec | None) -> str:
        if spec is None:
            return "Nothing to export until the options are right."
        start, end = self._span.including(spec.start, spec.end).clamp(spec.start, spec.end)  # as the figure shows it
        text = f"{spec.width} × {spec.height}, {format_range(start, end)}"
        if end - start > spec.end - spec.start:
            text += f" (at least {MIN_SPAN / SECONDS_PER_DAY:.0f} days are shown)"
        return text

    def accept(self) -> None:
        if self.export_button.isEnabled():
            super().accept()

    # --- the preview ---------------------------------------------------------------
    def render_preview(self) -> None:
        """Draw the figure of the options into the preview box, at its aspect ratio."""
        if self._rendering:  # asked again while drawing: once more when this one is done
            self.preview_timer.start()
            return
        spec = self._chosen()[0]
        if spec is None:
            self.preview.setPixmap(QtGui.QPixmap())
            self.preview.setText("No preview: see what is marked on the left.")
            self.previewed.emit()
            return
        self._rendering = True
        try:
            image = self._preview_image(spec)
        except ExportError as exc:
            self.preview.setPixmap(QtGui.QPixmap())
            self.preview.setText(f"No preview: {exc}")
        else:
            pixmap = QtGui.QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(self.preview.devicePixelRatioF())
            self.preview.setPixmap(pixmap)
        finally:
            self._rendering = False
        self.previewed.emit()

    def _preview_image(self, spec: FigureSpec) -> QtGui.QImage:
        """The figure at the scale that fits the box (in device pixels): the same layout as the
        export, since figures are laid out in slide units and scaled."""
        ratio = self.preview.devicePixelRatioF()
        fit = min(PREVIEW_SIZE.width() / spec.width, PREVIEW_SIZE.height() / spec.height) * ratio
        image = render_image(self.timeline, spec.replace(scale=max(fit, MIN_SCALE)), self._figure_palette)
        target = QtCore.QSize(max(1, round(spec.width * fit)), max(1, round(spec.height * fit)))
        if image.size() != target:  # drawn at the smallest scale an export allows: smoothed down
            image = image.scaled(
                target, QtCore.Qt.AspectRatioMode.IgnoreAspectRatio, QtCore.Qt.TransformationMode.SmoothTransformation
            )
        return image
