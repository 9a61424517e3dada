"""What the inbox listens for, per brand: saved searches (run with every sync) and the
brand's keywords (complaint words, product names… with their tone, and whether they make an
item urgent). Changes are saved at once; a keyword change scores the brand's items again.

Opened from the inbox tab ("Searches and keywords…") with ``open()``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cmplanner.domain.enums import Network
from cmplanner.domain.errors import KnownError
from cmplanner.domain.inbox import Tone
from cmplanner.services.inbox import InboxService

_ID = Qt.ItemDataRole.UserRole
SEARCH_NETWORKS = (Network.MASTODON, Network.BLUESKY)


class InboxWatchDialog(QDialog):
    """Signals:
    changed(int): the searches or keywords of this brand changed.
    """

    changed = Signal(int)

    def __init__(
        self, inbox: InboxService, brands: list[tuple[int, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Searches and keywords"))
        self.setObjectName("inbox_watch")
        self.inbox = inbox
        self.community = inbox.community
        col = QVBoxLayout(self)
        self.brand_box = QComboBox(self)
        for brand_id, name in brands:
            self.brand_box.addItem(name, brand_id)
        col.addWidget(self.brand_box)

        searches = QGroupBox(self.tr("Saved searches (run with every sync)"), self)
        s_col = QVBoxLayout(searches)
        self.search_list = QListWidget(searches)
        s_col.addWidget(self.search_list)
        row = QHBoxLayout()
        self.search_edit = QLineEdit(searches)
        self.search_edit.setPlaceholderText(self.tr("Brand or product name, #hashtag…"))
        self.search_network = QComboBox(searches)
        self.search_network.addItem(self.tr("Every network"), "")
        for network in SEARCH_NETWORKS:
            self.search_network.addItem(network.label, network.value)
        self.add_search_button = QPushButton(self.tr("Add"), searches)
        self.remove_search_button = QPushButton(self.tr("Remove"), searches)
        for w in (self.search_edit, self.search_network, self.add_search_button):
            row.addWidget(w)
        row.addWidget(self.remove_search_button)
        s_col.addLayout(row)
        col.addWidget(searches)

        keywords = QGroupBox(self.tr("Keywords (tone and urgency of the brand's messages)"), self)
        k_col = QVBoxLayout(keywords)
        self.keyword_list = QListWidget(keywords)
        k_col.addWidget(self.keyword_list)
        row = QHBoxLayout()
        self.keyword_edit = QLineEdit(keywords)
        self.keyword_edit.setPlaceholderText(self.tr("refund, never arrived, product name…"))
        self.tone_box = QComboBox(keywords)
        for tone, label in (
            (Tone.NEGATIVE, self.tr("negative")),
            (Tone.NEUTRAL, self.tr("neutral")),
            (Tone.POSITIVE, self.tr("positive")),
        ):
            self.tone_box.addItem(label, tone.value)
        self.urgent_box = QCheckBox(self.tr("urgent"), keywords)
        self.add_keyword_button = QPushButton(self.tr("Add"), keywords)
        self.remove_keyword_button = QPushButton(self.tr("Remove"), keywords)
        for kw in (self.keyword_edit, self.tone_box, self.urgent_box, self.add_keyword_button):
            row.addWidget(kw)
        row.addWidget(self.remove_keyword_button)
        k_col.addLayout(row)
        col.addWidget(keywords)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #8a1c1c;")
        self.error_label.hide()
        col.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)

        self.brand_box.currentIndexChanged.connect(self._on_brand_box_current_index_changed)
        self.add_search_button.clicked.connect(self.add_search)
        self.search_edit.returnPressed.connect(self.add_search)
        self.remove_search_button.clicked.connect(self.remove_search)
        self.add_keyword_button.clicked.connect(self.add_keyword)
        self.keyword_edit.returnPressed.connect(self.add_keyword)
        self.remove_keyword_button.clicked.connect(self.remove_keyword)
        self.reload()

    @property
    def brand_id(self) -> int | None:
        value = self.brand_box.currentData()
        return int(value) if value is not None else None

    def select_brand(self, brand_id: int) -> None:
        index = self.brand_box.findData(brand_id)
        if index >= 0:
            self.brand_box.setCurrentIndex(index)

    def reload(self) -> None:
        self.search_list.clear()
        self.keyword_list.clear()
        brand_id = self.brand_id
        if brand_id is None:
            return
        for search in self.community.searches(brand_id):
            where = Network(search.network).label if search.network else self.tr("every network")
            item = QListWidgetItem(f"{search.query}  ({where})", self.search_list)
            item.setData(_ID, search.id)
        for kw in self.community.keywords(brand_id):
            text = f"{kw.term}  ({self.tone_box.itemText(self.tone_box.findData(kw.tone.value))}"
            text += (", " + self.tr("urgent") + ")") if kw.urgent else ")"
            item = QListWidgetItem(text, self.keyword_list)
            item.setData(_ID, kw.id)

    def _show_error(self, exc: KnownError | None) -> None:
        self.error_label.setText(f"{exc.message} {exc.hint}".strip() if exc else "")
        self.error_label.setVisible(exc is not None)

    def _done(self, brand_id: int, *, rescore: bool = False) -> None:
        if rescore:
            self.inbox.rescore(brand_id)
        self._show_error(None)
        self.reload()
        self.changed.emit(brand_id)

    @Slot()
    def add_search(self) -> None:
        brand_id = self.brand_id
        if brand_id is None:
            return
        value = self.search_network.currentData()
        try:
            self.community.add_search(
                brand_id, self.search_edit.text(), Network(value) if value else None
            )
        except KnownError as exc:
            self._show_error(exc)
            return
        self.search_edit.clear()
        self._done(brand_id)

    @Slot()
    def remove_search(self) -> None:
        item, brand_id = self.search_list.currentItem(), self.brand_id
        if item is not None and brand_id is not None:
            self.community.remove_search(int(item.data(_ID)))
            self._done(brand_id)

    @Slot()
    def add_keyword(self) -> None:
        brand_id = self.brand_id
        if brand_id is None:
            return
        tone = Tone(str(self.tone_box.currentData()))
        try:
            self.community.set_keyword(
                brand_id, self.keyword_edit.text(), tone, urgent=self.urgent_box.isChecked()
            )
        except KnownError as exc:
            self._show_error(exc)
            return
        self.keyword_edit.clear()
        self._done(brand_id, rescore=True)

    @Slot()
    def remove_keyword(self) -> None:
        item, brand_id = self.keyword_list.currentItem(), self.brand_id
        if item is not None and brand_id is not None:
            self.community.remove_keyword(int(item.data(_ID)))
            self._done(brand_id, rescore=True)

    @Slot(int)
    def _on_brand_box_current_index_changed(self, _index: int) -> None:
        self._show_error(None)
        self.reload()
