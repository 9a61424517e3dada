"""The composer's fields laid out in one widget; the dialog adds loading, saving, autosave."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor, QIcon, QPixmap, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cmplanner.domain.enums import PostState
from cmplanner.domain.models import Brand
from cmplanner.ui.composer_fields import PostTextEdit, SchedulePicker, TagsEdit
from cmplanner.ui.composer_media import MediaPanel
from cmplanner.ui.composer_targets import TargetPicker
from cmplanner.ui.counter_badge import CounterRow

#: The states a user picks by hand; the publishing states are the publisher's business.
EDITABLE_STATES = (PostState.IDEA, PostState.DRAFT, PostState.READY)
_BRAND_ROLE = Qt.ItemDataRole.UserRole + 1
BRIEF_CHARS = 220


class PostForm(QWidget):
    """Brand, targets, status, text, media, tags, notes and date of one post.

    Signals:
        edited(): any field changed (text, brand, status, tags, notes, date, media, alt text,
            content warning).
        media_edited(): the attachments or their alt texts changed (also raises edited).
        brand_changed(): the user picked another brand (also raises edited).
    """

    edited = Signal()
    media_edited = Signal()
    brand_changed = Signal()

    def __init__(self, known_tags: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.brand_combo = QComboBox()
        self.brand_combo.setMinimumWidth(220)
        self.brand_combo.setAccessibleName(self.tr("Brand"))
        self.state_combo = QComboBox()
        self.state_combo.setAccessibleName(self.tr("Status"))
        self._ready_blocked = ""  # why Ready is disabled ("" when it is not)
        labels = {
            PostState.IDEA: self.tr("Idea"),
            PostState.DRAFT: self.tr("Draft"),
            PostState.READY: self.tr("Ready"),
        }
        for state in EDITABLE_STATES:
            self.state_combo.addItem(labels[state], state.value)
        self.brand_hint = QLabel()
        self.brand_hint.setWordWrap(True)
        self.brand_hint.setEnabled(False)  # greyed: a hint, not a field

        self.editor = PostTextEdit()
        self.editor.setPlaceholderText(self.tr("What do you want to say?"))
        self.editor.setAccessibleName(self.tr("Post text"))
        self.counters = CounterRow()
        self.targets = TargetPicker()
        self.cw_edit = QLineEdit()
        self.cw_edit.setPlaceholderText(self.tr("Content warning (Mastodon)"))
        self.cw_edit.setAccessibleName(self.tr("Content warning (Mastodon)"))
        self.cw_edit.setClearButtonEnabled(True)
        self.insert_menu = QMenu(self)
        self.insert_button = QToolButton()
        self.insert_button.setText(self.tr("Insert"))
        self.insert_button.setToolTip(
            self.tr("Insert one of the brand's hashtag groups or templates")
        )
        self.insert_button.setMenu(self.insert_menu)
        self.insert_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.insert_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        self.media = MediaPanel()
        self.tags_edit = TagsEdit(known_tags)
        self.tags_edit.setPlaceholderText(self.tr("launch, spring campaign, …"))
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setPlaceholderText(self.tr("Internal notes: only you see them"))
        self.notes_edit.setFixedHeight(self.notes_edit.fontMetrics().lineSpacing() * 3 + 14)
        self.notes_edit.setTabChangesFocus(True)
        self.schedule = SchedulePicker()

        names = [self.tr("Brand"), self.tr("Media"), self.tr("Tags"), self.tr("Notes")]
        names.append(self.tr("When"))
        names.append(self.tr("Post to"))
        label_width = max(self.fontMetrics().horizontalAdvance(n) for n in names) + 4
        brand_label = QLabel(names[0])
        brand_label.setFixedWidth(label_width)
        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(brand_label)
        top.addWidget(self.brand_combo, 1)
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("Status")))
        top.addWidget(self.state_combo)

        form = QFormLayout()
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(10)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for name, field in zip(
            names[1:5], (self.media, self.tags_edit, self.notes_edit, self.schedule), strict=True
        ):
            label = QLabel(name)
            label.setFixedWidth(label_width)
            form.addRow(label, field)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(top)
        hint_row = QHBoxLayout()
        hint_row.addSpacing(label_width + 12)
        hint_row.addWidget(self.brand_hint, 1)
        layout.addLayout(hint_row)
        targets_label = QLabel(names[5])
        targets_label.setFixedWidth(label_width)
        targets_row = QHBoxLayout()
        targets_row.setSpacing(12)
        targets_row.addWidget(targets_label, 0, Qt.AlignmentFlag.AlignTop)
        targets_row.addWidget(self.targets, 1)
        layout.addLayout(targets_row)
        layout.addWidget(self.cw_edit)
        layout.addWidget(self.editor, 1)
        under = QHBoxLayout()
        under.addWidget(self.counters, 1)
        under.addWidget(self.insert_button)
        layout.addLayout(under)
        layout.addSpacing(4)
        layout.addLayout(form)

        self.editor.textChanged.connect(self._on_editor_text_changed)
        self.editor.files_dropped.connect(self._on_editor_files_dropped)
        self.brand_combo.currentIndexChanged.connect(self._on_brand_combo_current_index_changed)
        self.state_combo.currentIndexChanged.connect(self._on_state_combo_current_index_changed)
        self.tags_edit.textChanged.connect(self._on_tags_edit_text_changed)
        self.notes_edit.textChanged.connect(self._on_notes_edit_text_changed)
        self.schedule.changed.connect(self._on_schedule_changed)
        self.media.changed.connect(self._on_media_changed)
        self.cw_edit.textChanged.connect(self._on_cw_edit_text_changed)

    # ---- brand and status ------------------------------------------------------------

    def set_brands(self, brands: list[Brand], wanted: int | None) -> None:
        """Offer ``brands`` (with a colour swatch each) and select ``wanted`` if present."""
        self.brand_combo.clear()
        for b in brands:
            swatch = QPixmap(12, 12)
            swatch.fill(QColor(b.color))
            self.brand_combo.addItem(QIcon(swatch), b.name, b.id)
            self.brand_combo.setItemData(self.brand_combo.count() - 1, b, _BRAND_ROLE)
        index = self.brand_combo.findData(wanted) if wanted is not None else 0
        self.brand_combo.setCurrentIndex(max(index, 0))
        self._show_brand()

    def brand(self) -> Brand | None:
        data = self.brand_combo.currentData(_BRAND_ROLE)
        return data if isinstance(data, Brand) else None

    def state(self) -> PostState:
        return PostState(self.state_combo.currentData())

    def set_ready_blocked(self, reason: str) -> None:
        """Disable the Ready status (with ``reason`` as its tooltip), or enable it again."""
        if reason == self._ready_blocked:
            return  # asked again on every keystroke
        was_blocked = bool(self._ready_blocked)
        self._ready_blocked = reason
        index = self.state_combo.findData(PostState.READY.value)
        model = self.state_combo.model()
        if isinstance(model, QStandardItemModel) and bool(reason) != was_blocked:
            item = model.item(index)
            if item is not None:
                item.setEnabled(not reason)
        self.state_combo.setItemData(index, reason or None, Qt.ItemDataRole.ToolTipRole)

    def set_state(self, state: PostState) -> None:
        """Select ``state``; a publishing state shows as Ready (unscheduling leads there)."""
        shown = state if state in EDITABLE_STATES else PostState.READY
        self.state_combo.setCurrentIndex(self.state_combo.findData(shown.value))

    # ---- content ---------------------------------------------------------------------

    def set_content(self, text: str, tags: tuple[str, ...], notes: str) -> None:
        self.editor.setPlainText(text)
        self.tags_edit.set_tags(tags)
        self.notes_edit.setPlainText(notes)

    def text(self) -> str:
        return self.editor.toPlainText()

    def notes(self) -> str:
        return self.notes_edit.toPlainText()

    def _show_brand(self) -> None:
        brand = self.brand()
        if brand is None:
            self.brand_hint.setText(self.tr("No brand yet."))
            self.brand_hint.setToolTip("")
            return
        self.schedule.set_timezone(brand.timezone)
        brief = " ".join(brand.brief.split())
        if len(brief) > BRIEF_CHARS:
            brief = brief[: BRIEF_CHARS - 1] + "…"
        text = self.tr("Time zone: {zone}").format(zone=brand.timezone)
        if brief:
            text += " · " + self.tr("Brief: {brief}").format(brief=brief)
        self.brand_hint.setText(text)
        self.brand_hint.setToolTip(brand.brief)

    # ---- slots -----------------------------------------------------------------------

    @Slot()
    def _on_editor_text_changed(self) -> None:
        self.edited.emit()

    @Slot(str)
    def _on_cw_edit_text_changed(self, _text: str) -> None:
        self.edited.emit()

    @Slot(list)
    def _on_editor_files_dropped(self, paths: list[str]) -> None:
        self.media.attach(Path(p) for p in paths)

    @Slot(int)
    def _on_brand_combo_current_index_changed(self, _index: int) -> None:
        self._show_brand()
        self.brand_changed.emit()
        self.edited.emit()

    @Slot(int)
    def _on_state_combo_current_index_changed(self, _index: int) -> None:
        self.edited.emit()

    @Slot(str)
    def _on_tags_edit_text_changed(self, _text: str) -> None:
        self.edited.emit()

    @Slot()
    def _on_notes_edit_text_changed(self) -> None:
        self.edited.emit()

    @Slot()
    def _on_schedule_changed(self) -> None:
        self.edited.emit()

    @Slot()
    def _on_media_changed(self) -> None:
        self.media_edited.emit()
        self.edited.emit()
