"""The export dialog: size preset, scale, theme, title, caption and source line, remembered."""

from __future__ import annotations

from PySide6 import QtWidgets

from ..core.figure import MAX_PIXELS, MAX_SCALE, MIN_HEIGHT, MIN_SCALE, MIN_WIDTH, SIZE_PRESETS, FigureSpec

__all__ = ["ExportDialog"]

_PRESET_NAMES = {"720p": "1280 × 720 (720p)", "1080p": "1920 × 1080 (1080p)", "4k": "3840 × 2160 (4K)"}


class ExportDialog(QtWidgets.QDialog):
    """Options of an export; the file name is asked for after it."""

    def __init__(self, spec: FigureSpec, has_selection: bool, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Image")
        form = QtWidgets.QFormLayout(self)
        self.preset = QtWidgets.QComboBox()
        for key, name in _PRESET_NAMES.items():
            self.preset.addItem(name, key)
        self.preset.addItem("Custom", "custom")
        self.width_box = QtWidgets.QSpinBox(minimum=MIN_WIDTH, maximum=MAX_PIXELS, value=spec.width, suffix=" px")
        self.height_box = QtWidgets.QSpinBox(minimum=MIN_HEIGHT, maximum=MAX_PIXELS, value=spec.height, suffix=" px")
        size_row = QtWidgets.QHBoxLayout()
        size_row.addWidget(self.width_box)
        size_row.addWidget(QtWidgets.QLabel("×"))
        size_row.addWidget(self.height_box)
        self.scale_box = QtWidgets.QDoubleSpinBox(
            minimum=MIN_SCALE, maximum=MAX_SCALE, singleStep=0.5, value=spec.scale, suffix=" ×"
        )
        self.scale_box.setToolTip("Pixels per unit of size, for sharp images on high-DPI screens (PNG)")
        self.theme_box = QtWidgets.QComboBox()
        self.theme_box.addItem("Slide (light, large)", "slide")
        self.theme_box.addItem("Screen (system colours)", "screen")
        self.theme_box.setCurrentIndex(max(self.theme_box.findData(spec.theme), 0))
        self.title_edit = QtWidgets.QLineEdit(spec.title)
        self.title_edit.setPlaceholderText("none")
        self.caption_edit = QtWidgets.QLineEdit(spec.caption)
        self.caption_edit.setPlaceholderText("none")
        self.sources_box = QtWidgets.QCheckBox("List the sources of the events shown")
        self.sources_box.setChecked(spec.sources)
        form.addRow("Size", self.preset)
        form.addRow("", size_row)
        form.addRow("Scale", self.scale_box)
        form.addRow("Theme", self.theme_box)
        form.addRow("Title", self.title_edit)
        form.addRow("Caption", self.caption_edit)
        form.addRow("Sources", self.sources_box)
        note = (
            "The selected event gets a callout quoting its source."
            if has_selection
            else "Select an event first to add a callout quoting its source."
        )
        hint = QtWidgets.QLabel(note + " PNG, SVG or PDF, by the file name's extension.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        form.addRow(hint)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton("Export…", QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        self.width_box.valueChanged.connect(self._size_edited)
        self.height_box.valueChanged.connect(self._size_edited)
        self._size_edited()

    def _preset_chosen(self) -> None:
        key = self.preset.currentData()
        if key in SIZE_PRESETS:
            width, height = SIZE_PRESETS[key]
            self.width_box.blockSignals(True)
            self.height_box.blockSignals(True)
            self.width_box.setValue(width)
            self.height_box.setValue(height)
            self.width_box.blockSignals(False)
            self.height_box.blockSignals(False)

    def _size_edited(self) -> None:
        size = (self.width_box.value(), self.height_box.value())
        key = next((k for k, v in SIZE_PRESETS.items() if v == size), "custom")
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(self.preset.findData(key))
        self.preset.blockSignals(False)

    def spec(self, base: FigureSpec) -> FigureSpec:
        return base.replace(
            width=self.width_box.value(),
            height=self.height_box.value(),
            scale=self.scale_box.value(),
            theme=self.theme_box.currentData(),
            title=" ".join(self.title_edit.text().split()),
            caption=" ".join(self.caption_edit.text().split()),
            sources=self.sources_box.isChecked(),
        )
