"""The form that edits one brand: name, colour, time zone, brief, hashtags and tags."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QRegularExpression, Qt, QTimeZone, Slot
from PySide6.QtGui import QFont, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cmplanner.domain.enums import MissedSlotPolicy
from cmplanner.domain.errors import KnownError
from cmplanner.domain.models import Brand
from cmplanner.domain.timezones import zone_names
from cmplanner.ui.color_swatch import ColorSwatchButton
from cmplanner.ui.missed_slot_field import MissedSlotField

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_ERROR_STYLE = "color: #b3261e;"
_STATUS_STYLE = "color: palette(placeholder-text);"


@dataclass(frozen=True)
class BrandFields:
    """What the form holds, as the service wants it."""

    name: str
    timezone: str
    color: str
    brief: str
    default_hashtags: str
    tags: str
    missed_slot_policy: MissedSlotPolicy = MissedSlotPolicy.ASK
    missed_slot_minutes: int = 60


def local_zone_name() -> str:
    """This computer's IANA zone if Qt knows it and the zone database has it, else UTC."""
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode(errors="replace")
    return name if name in zone_names() else "UTC"


class BrandForm(QWidget):
    """Edits the fields of one brand. It only holds and shows values; the dialog saves."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._baseline: BrandFields | None = None
        #: The version of the brand this edit started from (None: a new brand).
        self.version: int | None = None

        self._heading = QLabel(self)
        heading_font = QFont(self._heading.font())
        heading_font.setBold(True)
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.2)
        self._heading.setFont(heading_font)

        self._name = QLineEdit(self)
        self._name.setObjectName("brand_name")
        self._name.setPlaceholderText(self.tr("The client's brand name"))
        self._name.setMaxLength(200)

        self._swatch = ColorSwatchButton(parent=self)
        self._swatch.setObjectName("brand_color_button")
        self._hex = QLineEdit(self)
        self._hex.setObjectName("brand_color_hex")
        self._hex.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"#?[0-9a-fA-F]{0,6}"), self._hex)
        )
        self._hex.setMaximumWidth(self._hex.fontMetrics().horizontalAdvance("#MMMMMMM") + 16)
        self._hex.setAccessibleName(self.tr("Colour as hex"))
        color_row = QHBoxLayout()
        color_row.setContentsMargins(0, 0, 0, 0)
        color_row.addWidget(self._swatch)
        color_row.addWidget(self._hex)
        color_row.addStretch(1)

        self._zone = self._make_zone_combo()

        self._brief = QPlainTextEdit(self)
        self._brief.setObjectName("brand_brief")
        self._brief.setPlaceholderText(self.tr("Voice and tone, audience, things to avoid…"))
        self._brief.setTabChangesFocus(True)

        self._hashtags = QLineEdit(self)
        self._hashtags.setObjectName("brand_hashtags")
        self._hashtags.setPlaceholderText(self.tr("Suggested on every post, e.g. #coffee #madrid"))

        self._tags = QLineEdit(self)
        self._tags.setObjectName("brand_tags")
        self._tags.setPlaceholderText(self.tr("Comma-separated, e.g. launch, summer sale"))

        self.missed = MissedSlotField(self)

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self._label(self.tr("&Name:"), self._name), self._name)
        form.addRow(self._label(self.tr("&Colour:"), self._swatch), color_row)
        form.addRow(self._label(self.tr("&Time zone:"), self._zone), self._zone)
        form.addRow(self._label(self.tr("&Brief:"), self._brief), self._brief)
        form.addRow(self._label(self.tr("&Hashtags:"), self._hashtags), self._hashtags)
        form.addRow(self._label(self.tr("Ca&mpaigns/tags:"), self._tags), self._tags)
        form.addRow(self._label(self.tr("Missed &slot:"), self.missed.policy_combo), self.missed)

        self._message = QLabel(self)
        self._message.setObjectName("brand_message")
        self._message.setWordWrap(True)
        self._message.setTextFormat(Qt.TextFormat.PlainText)
        self._message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._message.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self._heading)
        layout.addLayout(form, 1)
        layout.addWidget(self._message)

        self._swatch.color_changed.connect(self._on_swatch_color_changed)
        self._hex.textEdited.connect(self._on_hex_text_edited)
        self.load(None)

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _make_zone_combo(self) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName("brand_timezone")
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.setMaxVisibleItems(15)
        combo.addItems(list(zone_names()))
        line = combo.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("Type a city, e.g. Madrid"))
        completer = QCompleter(combo.model(), combo)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        combo.setCompleter(completer)
        return combo

    # -- values ------------------------------------------------------------------------

    def load(self, brand: Brand | None, *, color: str = "#4a7bd0", zone: str = "") -> None:
        """Show ``brand``, or an empty form for a new one with ``color`` and ``zone``."""
        if brand is None:
            self._heading.setText(self.tr("New brand"))
            values = BrandFields("", zone or local_zone_name(), color, "", "", "")
        else:
            self._heading.setText(self.tr("Edit brand"))
            values = BrandFields(
                name=brand.name,
                timezone=brand.timezone,
                color=brand.color,
                brief=brand.brief,
                default_hashtags=brand.default_hashtags,
                tags=", ".join(brand.tags),
                missed_slot_policy=brand.missed_slot_policy,
                missed_slot_minutes=brand.missed_slot_minutes,
            )
        self._name.setText(values.name)
        self.set_color(values.color)
        self._zone.setCurrentText(values.timezone)
        self._brief.setPlainText(values.brief)
        self._hashtags.setText(values.default_hashtags)
        self._tags.setText(values.tags)
        self.missed.set_value(values.missed_slot_policy, values.missed_slot_minutes)
        self.clear_message()
        self._baseline = self.fields()
        self.version = brand.version if brand is not None else None

    def fields(self) -> BrandFields:
        """The values as typed (the zone's case fixed if it names a known zone)."""
        return BrandFields(
            name=self._name.text(),
            timezone=self._canonical_zone(self._zone.currentText().strip()),
            color=self._typed_color(),
            brief=self._brief.toPlainText(),
            default_hashtags=self._hashtags.text().strip(),
            tags=self._tags.text(),
            missed_slot_policy=self.missed.policy(),
            missed_slot_minutes=self.missed.minutes.value(),
        )

    def is_dirty(self) -> bool:
        """True if the user changed something since the last load."""
        return self._baseline is not None and self.fields() != self._baseline

    def set_color(self, color: str) -> None:
        """Set the colour as the colour dialog would: swatch and hex field follow."""
        if not self._swatch.set_color(color):
            self._hex.setText(color)
            return
        self._hex.setText(self._swatch.color())

    def focus_name(self) -> None:
        self._name.setFocus(Qt.FocusReason.OtherFocusReason)
        self._name.selectAll()

    def _typed_color(self) -> str:
        text = self._hex.text().strip()
        if text and not text.startswith("#"):
            text = "#" + text
        return text

    @staticmethod
    def _canonical_zone(text: str) -> str:
        if text in zone_names():
            return text
        matches = [z for z in zone_names() if z.lower() == text.lower()]
        return matches[0] if len(matches) == 1 else text

    # -- messages ----------------------------------------------------------------------

    def show_error(self, err: KnownError) -> None:
        """Show what went wrong and what to do, in red, under the fields."""
        text = err.message if not err.hint else f"{err.message}\n{err.hint}"
        self._message.setStyleSheet(_ERROR_STYLE)
        self._message.setText(text)
        self._message.setAccessibleName(self.tr("Error"))
        self._message.show()

    def show_status(self, text: str) -> None:
        """A quiet note, e.g. "Saved"."""
        self._message.setStyleSheet(_STATUS_STYLE)
        self._message.setText(text)
        self._message.setAccessibleName(self.tr("Status"))
        self._message.show()

    def clear_message(self) -> None:
        self._message.clear()
        self._message.hide()

    def message(self) -> str:
        """The text under the fields (empty if none is shown)."""
        return self._message.text()

    # -- slots -------------------------------------------------------------------------

    @Slot(str)
    def _on_swatch_color_changed(self, color: str) -> None:
        if self._typed_color().lower() != color:
            self._hex.setText(color)

    @Slot(str)
    def _on_hex_text_edited(self, text: str) -> None:
        candidate = text if text.startswith("#") else "#" + text
        if _HEX.match(candidate):
            self._swatch.set_color(candidate)
