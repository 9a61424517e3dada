"""The "Manage brands" window: a list of brands and a form to create and edit them."""

from __future__ import annotations

from enum import Enum, auto
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QFont, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cmplanner.domain.errors import ConflictError, KnownError
from cmplanner.domain.models import Brand
from cmplanner.services.brands import PALETTE, BrandService, split_tags
from cmplanner.services.workspace import Workspace
from cmplanner.ui.brand_form import BrandForm
from cmplanner.ui.color_swatch import swatch_icon
from cmplanner.ui.conflict_dialog import Choice, ConflictDialog, brand_fields

_ARCHIVED_GREY = QColor("#8a8a8a")
_Index = QModelIndex | QPersistentModelIndex


class BrandListModel(QAbstractListModel):
    """Brands as rows: a colour swatch and the name; archived ones greyed."""

    BrandIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._brands: list[Brand] = []
        self._icons: dict[str, QIcon] = {}

    def set_brands(self, brands: list[Brand]) -> None:
        self.beginResetModel()
        self._brands = list(brands)
        self.endResetModel()

    def brand_at(self, row: int) -> Brand:
        return self._brands[row]

    def row_of(self, brand_id: int) -> int:
        """The row showing ``brand_id``, or -1."""
        for row, brand in enumerate(self._brands):
            if brand.id == brand_id:
                return row
        return -1

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._brands)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._brands):
            return None
        brand = self._brands[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if brand.archived:
                return self.tr("{name} (archived)").format(name=brand.name)
            return brand.name
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(brand.color)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("{name} — {zone}").format(name=brand.name, zone=brand.timezone)
        if role == Qt.ItemDataRole.ForegroundRole and brand.archived:
            return _ARCHIVED_GREY
        if role == Qt.ItemDataRole.FontRole and brand.archived:
            font = QFont()
            font.setItalic(True)
            return font
        if role == self.BrandIdRole:
            return brand.id
        return None

    def _icon(self, color: str) -> QIcon:
        if color not in self._icons:
            self._icons[color] = swatch_icon(color, 14)
        return self._icons[color]


class _Leave(Enum):
    PROCEED = auto()
    STAY = auto()


class BrandsDialog(QDialog):
    """Create, rename, colour and archive client brands.

    Signals:
        brands_changed(): a brand was created, saved, archived or unarchived.
    """

    brands_changed = Signal()

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._brands: BrandService = ws.brands
        self._ws = ws
        self._current_id: int | None = None
        self.conflict_dialog: ConflictDialog | None = None
        self._switching = False

        self.setWindowTitle(self.tr("Manage brands"))
        self.setMinimumSize(720, 460)

        self._model = BrandListModel(self)
        self._list = QListView(self)
        self._list.setObjectName("brand_list")
        self._list.setModel(self._model)
        self._list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._list.setUniformItemSizes(True)
        self._list.setSpacing(1)
        self._list.setAccessibleName(self.tr("Brands"))

        self._show_archived = QCheckBox(self.tr("Show &archived"), self)
        self._show_archived.setObjectName("show_archived")
        self._new_button = QPushButton(self.tr("&New brand"), self)
        self._new_button.setObjectName("new_brand")
        self._new_button.setAutoDefault(False)

        list_title = QLabel(self.tr("&Brands"), self)
        list_title.setBuddy(self._list)
        left = QVBoxLayout()
        left.setSpacing(6)
        left.addWidget(list_title)
        left.addWidget(self._list, 1)
        left.addWidget(self._show_archived)
        left.addWidget(self._new_button)

        self._form = BrandForm(self)
        self._archive_button = QPushButton(self.tr("Archive"), self)
        self._archive_button.setObjectName("archive_brand")
        self._archive_button.setAutoDefault(False)
        self._save_button = QPushButton(self.tr("&Save"), self)
        self._save_button.setObjectName("save_brand")
        self._save_button.setDefault(True)
        self._slots_button = QPushButton(self.tr("Posting &slots…"), self)
        self._slots_button.setObjectName("brand_slots")
        self._slots_button.setAutoDefault(False)
        self._slots_dialog: QDialog | None = None
        actions = QHBoxLayout()
        actions.addWidget(self._archive_button)
        actions.addWidget(self._slots_button)
        actions.addStretch(1)
        actions.addWidget(self._save_button)
        right = QVBoxLayout()
        right.setSpacing(10)
        right.addWidget(self._form, 1)
        right.addLayout(actions)

        columns = QHBoxLayout()
        columns.setSpacing(18)
        columns.addLayout(left, 1)
        columns.addLayout(right, 2)

        self._close_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        for button in self._close_box.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(12)
        layout.addLayout(columns, 1)
        layout.addWidget(self._close_box)

        self._list.selectionModel().currentChanged.connect(self._on_list_current_changed)
        self._show_archived.toggled.connect(self._on_show_archived_toggled)
        self._new_button.clicked.connect(self._on_new_button_clicked)
        self._save_button.clicked.connect(self._on_save_button_clicked)
        self._archive_button.clicked.connect(self._on_archive_button_clicked)
        self._slots_button.clicked.connect(self.open_slots)
        self._close_box.rejected.connect(self.reject)

        self._reload()
        if self._model.rowCount() > 0:
            self.select_brand(self._model.brand_at(0).id)
        else:
            self._start_new()

    # -- public ------------------------------------------------------------------------

    def select_brand(self, brand_id: int) -> bool:
        """Show ``brand_id`` in the form (ticking "Show archived" if it needs to).

        Returns False if there is no such brand, or if the user chose to stay on
        unsaved edits.
        """
        if brand_id == self._current_id:
            return True
        if self._ask_leave() is _Leave.STAY:
            return False
        try:
            brand = self._brands.get(brand_id)
        except KnownError as err:
            self._form.show_error(err)
            return False
        if brand.archived and not self._show_archived.isChecked():
            self._switching = True
            try:
                self._show_archived.setChecked(True)
            finally:
                self._switching = False
            self._reload()
        elif self._model.row_of(brand.id) < 0:
            self._reload()  # made elsewhere since the list was read
        self._show_brand(brand)
        return True

    def current_brand_id(self) -> int | None:
        """The brand in the form, or None while a new one is being written."""
        return self._current_id

    def set_color(self, color: str) -> None:
        """Set the form's colour, as picking it in the colour dialog does."""
        self._form.set_color(color)

    def message(self) -> str:
        """The error or status line shown under the form (empty if none)."""
        return self._form.message()

    # -- internals ---------------------------------------------------------------------

    def _reload(self) -> None:
        self._model.set_brands(self._brands.all(include_archived=self._show_archived.isChecked()))
        self._sync_selection()

    def _sync_selection(self) -> None:
        """Select the form's brand in the list without triggering a load."""
        row = -1 if self._current_id is None else self._model.row_of(self._current_id)
        self._switching = True
        try:
            sel = self._list.selectionModel()
            if row < 0:
                sel.clearSelection()
                sel.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
            else:
                index = self._model.index(row, 0)
                sel.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                self._list.scrollTo(index)
        finally:
            self._switching = False

    def _show_brand(self, brand: Brand) -> None:
        self._current_id = brand.id
        self._form.load(brand)
        self._update_archive_button(brand)
        self._sync_selection()

    def _start_new(self) -> None:
        self._current_id = None
        count = len(self._brands.all(include_archived=True))
        self._form.load(None, color=PALETTE[count % len(PALETTE)])
        self._update_archive_button(None)
        self._sync_selection()
        self._form.focus_name()

    def _update_archive_button(self, brand: Brand | None) -> None:
        archived = brand is not None and brand.archived
        self._archive_button.setText(self.tr("Un&archive") if archived else self.tr("A&rchive"))
        self._archive_button.setEnabled(brand is not None)
        self._slots_button.setEnabled(brand is not None)

    def _save(self) -> bool:
        values = self._form.fields()
        try:
            if self._current_id is None:
                brand = self._brands.create(
                    values.name,
                    values.timezone,
                    color=values.color,
                    brief=values.brief,
                    default_hashtags=values.default_hashtags,
                    tags=split_tags(values.tags),
                    missed_slot_policy=values.missed_slot_policy,
                    missed_slot_minutes=values.missed_slot_minutes,
                )
            else:
                brand = self._brands.update(
                    self._current_id,
                    name=values.name,
                    timezone=values.timezone,
                    color=values.color,
                    brief=values.brief,
                    default_hashtags=values.default_hashtags,
                    tags=split_tags(values.tags),
                    missed_slot_policy=values.missed_slot_policy,
                    missed_slot_minutes=values.missed_slot_minutes,
                    expected_version=self._form.version,  # the version this edit began from
                )
        except ConflictError as err:  # saved elsewhere meanwhile: show both, let them choose
            self._form.show_error(err)
            self._ask_conflict(err)
            return False
        except KnownError as err:
            self._form.show_error(err)
            return False
        self._current_id = brand.id
        self._reload()
        self._show_brand(brand)
        self._form.show_status(self.tr("Saved “{name}”.").format(name=brand.name))
        self.brands_changed.emit()
        return True

    def _ask_conflict(self, err: ConflictError) -> None:
        if not isinstance(err.current, Brand):
            return
        dialog = ConflictDialog(
            err,
            brand_fields(err.current, self._form.fields()),
            [
                (Choice.KEEP_THEIRS, self.tr("Keep theirs (reload)")),
                (Choice.OVERWRITE, self.tr("Overwrite with mine")),
            ],
            title=self.tr("This brand was changed elsewhere"),
            parent=self,
        )
        dialog.choice_made.connect(self._on_conflict_dialog_choice_made)
        self.conflict_dialog = dialog
        dialog.open()

    @Slot(object)
    def _on_conflict_dialog_choice_made(self, choice: Choice) -> None:
        dialog, self.conflict_dialog = self.conflict_dialog, None
        theirs = dialog.error.current if dialog is not None else None
        if not isinstance(theirs, Brand) or theirs.id != self._current_id:
            return
        if choice == Choice.KEEP_THEIRS:
            self._reload()
            self._show_brand(theirs)
            self._form.show_status(
                self.tr("Showing the version saved elsewhere; your changes were dropped.")
            )
        elif choice == Choice.OVERWRITE:
            self._form.version = theirs.version  # saved on top of theirs, as the user chose
            self._save()

    def _ask_leave(self) -> _Leave:
        """If the form has unsaved edits, ask whether to save them, drop them or stay."""
        if not self._form.is_dirty():
            return _Leave.PROCEED
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Unsaved changes"))
        box.setText(self.tr("This brand has changes that are not saved yet."))
        box.setInformativeText(self.tr("Save them before you go on?"))
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Discard:
            return _Leave.PROCEED
        if answer == QMessageBox.StandardButton.Save and self._save():
            return _Leave.PROCEED
        return _Leave.STAY

    # -- slots -------------------------------------------------------------------------

    @Slot()
    def open_slots(self) -> QDialog | None:
        """The current brand's posting slots, in a window of their own (not modal)."""
        if self._current_id is None:
            return None
        from cmplanner.ui.slots_editor import SlotsDialog

        self._slots_dialog = SlotsDialog(self._ws, self._current_id, self)
        self._slots_dialog.open()
        return self._slots_dialog

    @Slot(QModelIndex, QModelIndex)
    def _on_list_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._switching or not current.isValid():
            return
        brand_id = self._model.brand_at(current.row()).id
        if not self.select_brand(brand_id):
            self._sync_selection()

    @Slot(bool)
    def _on_show_archived_toggled(self, _checked: bool) -> None:
        if not self._switching:
            self._reload()

    @Slot()
    def _on_new_button_clicked(self) -> None:
        if self._ask_leave() is _Leave.PROCEED:
            self._start_new()

    @Slot()
    def _on_save_button_clicked(self) -> None:
        self._save()

    @Slot()
    def _on_archive_button_clicked(self) -> None:
        if self._current_id is None or self._ask_leave() is _Leave.STAY:
            return
        try:
            brand = self._brands.get(self._current_id)
            brand = self._brands.archive(brand.id, not brand.archived)
        except KnownError as err:
            self._form.show_error(err)
            return
        self.brands_changed.emit()
        if brand.archived and not self._show_archived.isChecked():
            self._start_new()
            self._reload()
            self._form.show_status(
                self.tr("Archived “{name}”. Tick “Show archived” to see it again.").format(
                    name=brand.name
                )
            )
            return
        self._reload()
        self._show_brand(brand)
        if brand.archived:
            note = self.tr("Archived “{name}”.")
        else:
            note = self.tr("“{name}” is active again.")
        self._form.show_status(note.format(name=brand.name))

    def reject(self) -> None:
        """Close, unless the user wants to stay with unsaved edits."""
        if self._ask_leave() is _Leave.PROCEED:
            super().reject()
