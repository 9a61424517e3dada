"""Per-brand hashtag groups and post templates: create, edit, delete.

Opened from the composer's Insert menu and from File ▸ Hashtag groups and templates.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cmplanner.domain.errors import KnownError
from cmplanner.services.library import VARIABLES
from cmplanner.services.workspace import Workspace


class _Editor(QWidget):
    """A list of named snippets on the left, the chosen one's name and body on the right.

    Signals:
        save_requested(object, str, str): (id or None, name, body).
        delete_requested(int): the id to delete.
    """

    save_requested = Signal(object, str, str)
    delete_requested = Signal(int)

    def __init__(self, body_label: str, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items = QListWidget(self)
        self.name = QLineEdit(self)
        self.body = QPlainTextEdit(self)
        self.body.setPlaceholderText(placeholder)
        self.new_button = QPushButton(self.tr("New"), self)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.save_button.setDefault(True)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(body_label, self.body)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.save_button)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addLayout(buttons)
        row = QHBoxLayout(self)
        row.addWidget(self.items, 1)
        row.addLayout(right, 2)
        self._current: int | None = None
        self.items.currentItemChanged.connect(self._on_items_current_item_changed)
        self.new_button.clicked.connect(self.start_new)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)

    def set_items(self, entries: list[tuple[int, str, str]], select: int | None = None) -> None:
        self.items.blockSignals(True)
        self.items.clear()
        for entry_id, name, body in entries:
            item = QListWidgetItem(name, self.items)
            item.setData(Qt.ItemDataRole.UserRole, (entry_id, name, body))
        self.items.blockSignals(False)
        rows = [i for i, e in enumerate(entries) if e[0] == select]
        if rows:
            self.items.setCurrentRow(rows[0])
        else:
            self.start_new()

    @Slot()
    def start_new(self) -> None:
        self._current = None
        self.items.clearSelection()
        self.name.clear()
        self.body.clear()
        self.delete_button.setEnabled(False)
        self.name.setFocus()

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_items_current_item_changed(self, item: QListWidgetItem | None, _old: object) -> None:
        if item is None:
            return
        entry_id, name, body = item.data(Qt.ItemDataRole.UserRole)
        self._current = entry_id
        self.name.setText(name)
        self.body.setPlainText(body)
        self.delete_button.setEnabled(True)

    @Slot()
    def _on_save_button_clicked(self) -> None:
        self.save_requested.emit(self._current, self.name.text(), self.body.toPlainText())

    @Slot()
    def _on_delete_button_clicked(self) -> None:
        if self._current is not None:
            self.delete_requested.emit(self._current)


class LibraryDialog(QDialog):
    """Hashtag groups and templates of one brand (a combo picks the brand)."""

    def __init__(
        self, ws: Workspace, brand_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle(self.tr("Hashtag groups and templates"))
        self.resize(720, 460)
        self.brand = QComboBox(self)
        for b in ws.brands.all():
            self.brand.addItem(b.name, b.id)
        if brand_id is not None and self.brand.findData(brand_id) >= 0:
            self.brand.setCurrentIndex(self.brand.findData(brand_id))
        self.groups = _Editor(
            self.tr("Hashtags"), self.tr("#coffee #madrid #breakfast — separated by spaces"), self
        )
        variables = ", ".join("{" + v + "}" for v in VARIABLES)
        self.templates = _Editor(
            self.tr("Text"),
            self.tr("New this week at {brand}: … {link}\nVariables: %1").replace("%1", variables),
            self,
        )
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.groups, self.tr("Hashtag groups"))
        self.tabs.addTab(self.templates, self.tr("Templates"))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Brand"), self))
        top.addWidget(self.brand, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.brand.currentIndexChanged.connect(self._on_brand_current_index_changed)
        self.groups.save_requested.connect(self._on_groups_save_requested)
        self.groups.delete_requested.connect(self._on_groups_delete_requested)
        self.templates.save_requested.connect(self._on_templates_save_requested)
        self.templates.delete_requested.connect(self._on_templates_delete_requested)
        self.reload()

    def brand_id(self) -> int | None:
        data = self.brand.currentData()
        return int(data) if data is not None else None

    def reload(self, group: int | None = None, template: int | None = None) -> None:
        bid = self.brand_id()
        lib = self.ws.library
        groups = lib.hashtag_groups(bid) if bid is not None else []
        templates = lib.templates(bid) if bid is not None else []
        self.groups.set_items([(g.id, g.name, g.as_text()) for g in groups], group)
        self.templates.set_items([(t.id, t.name, t.body) for t in templates], template)

    def _say(self, text: str, error: bool = False) -> None:
        color = "#b3261e" if error else "palette(window-text)"
        self.message.setStyleSheet(f"color: {color};")
        self.message.setText(text)

    @Slot(int)
    def _on_brand_current_index_changed(self, _index: int) -> None:
        self.reload()

    @Slot(object, str, str)
    def _on_groups_save_requested(self, entry_id: int | None, name: str, body: str) -> None:
        bid = self.brand_id()
        if bid is None:
            return
        try:
            group = self.ws.library.save_hashtag_group(bid, name, body, entry_id)
        except KnownError as exc:
            self._say(str(exc), error=True)
            return
        self._say(self.tr("Saved “%1”.").replace("%1", group.name))
        self.reload(group=group.id)

    @Slot(int)
    def _on_groups_delete_requested(self, entry_id: int) -> None:
        self.ws.library.delete_hashtag_group(entry_id)
        self.reload()

    @Slot(object, str, str)
    def _on_templates_save_requested(self, entry_id: int | None, name: str, body: str) -> None:
        bid = self.brand_id()
        if bid is None:
            return
        try:
            template = self.ws.library.save_template(bid, name, body, entry_id)
        except KnownError as exc:
            self._say(str(exc), error=True)
            return
        self._say(self.tr("Saved “%1”.").replace("%1", template.name))
        self.reload(template=template.id)

    @Slot(int)
    def _on_templates_delete_requested(self, entry_id: int) -> None:
        self.ws.library.delete_template(entry_id)
        self.reload()
