"""Offer the edits a crash interrupted: restore them into composers, or discard them.

Nothing is dropped without the user saying so: "Decide later" keeps every edit in the
journal, to be offered again at the next start.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cmplanner.domain.models import DraftEdit
from cmplanner.services.workspace import Workspace

if TYPE_CHECKING:  # the composer is imported when an edit is restored, not at every start
    from cmplanner.ui.composer import ComposerDialog

log = logging.getLogger(__name__)

HEAD_CHARS = 60
EditRole = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("RecoveryDialog", text)


def first_words(text: str, limit: int = HEAD_CHARS) -> str:
    """The start of a text on one line, cut at a word boundary with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0] or flat[:limit]
    return cut + "…"


def _when(saved: datetime | None) -> str:
    if saved is None:
        return ""
    local = QDateTime.fromSecsSinceEpoch(int(saved.timestamp())).toLocalTime()
    return QLocale().toString(local, "d MMM yyyy, HH:mm")


def describe(edit: DraftEdit, brand_name: str) -> str:
    """Two lines for the list: brand and first words; what it edits and when it was saved."""
    head = first_words(edit.text) or _tr("(no text yet)")
    details = []
    if edit.post_id is not None:
        details.append(_tr("changes to post #{id}").format(id=edit.post_id))
    else:
        details.append(_tr("new post"))
    if edit.saved_utc is not None:
        details.append(_tr("last saved {when}").format(when=_when(edit.saved_utc)))
    return f"{brand_name} · “{head}”\n" + " · ".join(details)


class RecoveryModel(QAbstractListModel):
    """Interrupted edits, one row each (the DraftEdit under ``EditRole``)."""

    def __init__(
        self, edits: list[DraftEdit], brand_names: dict[int, str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._edits = list(edits)
        self._brands = brand_names

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._edits)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._edits):
            return None
        edit = self._edits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return describe(edit, self.brand_name(edit))
        if role == Qt.ItemDataRole.ToolTipRole:
            return first_words(edit.text, 400)
        if role == EditRole:
            return edit
        return None

    def brand_name(self, edit: DraftEdit) -> str:
        if edit.brand_id is None:
            return _tr("No brand")
        return self._brands.get(edit.brand_id, _tr("Deleted brand"))

    def edits(self) -> list[DraftEdit]:
        return list(self._edits)

    def remove(self, keys: set[str]) -> None:
        """Drop the rows of these journal keys (restored or discarded)."""
        for row in reversed(range(len(self._edits))):
            if self._edits[row].key in keys:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._edits[row]
                self.endRemoveRows()


class RecoveryDialog(QDialog):
    """Lists the interrupted edits with Restore / Discard / Decide later.

    ``restore()`` and ``discard()`` work on the selected rows (all, at first) and can be
    called directly, so the logic is testable without clicking.
    """

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self.composers: list[ComposerDialog] = []
        names = {b.id: b.name for b in ws.brands.all(include_archived=True)}
        self.model = RecoveryModel(ws.drafts.pending(), names, self)

        self.setWindowTitle(self.tr("Restore interrupted edits?"))
        self.resize(620, 320)
        intro = QLabel(
            self.tr("cmplanner closed while these posts were being edited.")
            + " "
            + self.tr("Restore them to carry on where you left off, or discard them.")
        )
        intro.setWordWrap(True)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setUniformItemSizes(True)
        self.view.setSpacing(3)
        self.view.selectAll()

        self.discard_button = QPushButton(self.tr("Discard…"))
        self.later_button = QPushButton(self.tr("Decide later"))
        self.restore_button = QPushButton(self.tr("Restore"))
        self.restore_button.setDefault(True)
        font = self.restore_button.font()
        font.setBold(True)
        self.restore_button.setFont(font)
        self.later_button.setToolTip(self.tr("Keep them; cmplanner asks again next time"))

        buttons = QHBoxLayout()
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        buttons.addWidget(self.later_button)
        buttons.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

        self.discard_button.clicked.connect(self._on_discard_button_clicked)
        self.later_button.clicked.connect(self._on_later_button_clicked)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection_changed)
        self._refresh_buttons()

    def selected_edits(self) -> list[DraftEdit]:
        rows = sorted(i.row() for i in self.view.selectionModel().selectedRows())
        edits = self.model.edits()
        return [edits[r] for r in rows]

    def restore(self, edits: list[DraftEdit] | None = None) -> list[ComposerDialog]:
        """Open a composer (non-modal) per edit; the journal keeps each edit until the
        composer saves or discards it. Closes this dialog once nothing is left."""
        chosen = self.selected_edits() if edits is None else edits
        from cmplanner.ui.composer import ComposerDialog

        opened: list[ComposerDialog] = []
        for edit in chosen:
            composer = ComposerDialog(self._ws, restore=edit, parent=self.parentWidget())
            composer.show()
            opened.append(composer)
        self.composers.extend(opened)
        self._done_with({e.key for e in chosen})
        return opened

    def discard(self, edits: list[DraftEdit] | None = None, *, confirm: bool = True) -> bool:
        """Drop edits from the journal, after asking unless ``confirm`` is False."""
        chosen = self.selected_edits() if edits is None else edits
        if not chosen:
            return False
        if confirm and not self._confirm_discard(len(chosen)):
            return False
        for edit in chosen:
            self._ws.drafts.discard(edit.key)
        log.info("discarded %d interrupted edit(s)", len(chosen))
        self._done_with({e.key for e in chosen})
        return True

    def _done_with(self, keys: set[str]) -> None:
        self.model.remove(keys)
        if self.model.rowCount() == 0:
            self.accept()
        else:
            self.view.selectAll()

    def _confirm_discard(self, count: int) -> bool:
        if count == 1:
            text = self.tr("Discard this interrupted edit? Its text cannot be brought back.")
        else:
            text = self.tr("Discard these {count} interrupted edits? They cannot be brought back.")
            text = text.format(count=count)
        answer = QMessageBox.question(
            self,
            self.tr("Discard interrupted edits?"),
            text,
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def _refresh_buttons(self) -> None:
        has = bool(self.view.selectionModel().selectedRows())
        self.restore_button.setEnabled(has)
        self.discard_button.setEnabled(has)

    @Slot()
    def _on_view_selection_changed(self) -> None:
        self._refresh_buttons()

    @Slot()
    def _on_discard_button_clicked(self) -> None:
        self.discard()

    @Slot()
    def _on_later_button_clicked(self) -> None:
        self.reject()

    @Slot()
    def _on_restore_button_clicked(self) -> None:
        self.restore()


def offer_recovery(parent: QWidget, ws: Workspace) -> list[ComposerDialog]:
    """If edits were interrupted, ask what to do with them; return the composers opened
    (the caller keeps them). Returns at once, asking nothing, when there are none."""
    if not ws.drafts.pending():
        return []
    dialog = RecoveryDialog(ws, parent)
    dialog.exec()
    composers = dialog.composers
    dialog.deleteLater()
    return composers
