"""File ▸ Restore from backup…: pick a copy of the database and put it back.

The window does the restore (``MainWindow.restore_backup``): it closes its editors, closes
the database, keeps a copy of the current one, and reads the plan again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cmplanner.services.transfer_backups import BackupFile

_Index = QModelIndex | QPersistentModelIndex


class BackupListModel(QAbstractListModel):
    def __init__(self, backups: list[BackupFile], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._backups = backups

    def backup_at(self, row: int) -> BackupFile:
        return self._backups[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._backups)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        b = self._backups[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            local = b.made_utc.astimezone()
            loc = QLocale()
            when = (
                f"{loc.dayName(local.isoweekday(), QLocale.FormatType.ShortFormat)} "
                f"{local.day} {loc.monthName(local.month, QLocale.FormatType.ShortFormat)} "
                f"{local:%Y %H:%M}"
            )
            kind = self.tr("daily copy") if b.daily else self.tr("copy")
            return f"{when} — {kind}, {b.bytes / 1e6:.1f} MB"
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(b.path)
        return None


class RestoreBackupDialog(QDialog):
    """Signals:
    restore_requested(object): restore this backup (a Path).
    """

    restore_requested = Signal(object)

    def __init__(self, backups: list[BackupFile], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore from backup"))
        self.resize(520, 420)
        intro = QLabel(
            self.tr(
                "cmplanner copies its database once a day and keeps the last 14 copies. "
                "Restoring one replaces the whole plan with that day's; the current database "
                "is kept as a copy in the same folder first."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.model = BackupListModel(backups, self)
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.confirm = QCheckBox(self.tr("Replace the current plan with the selected copy"), self)
        self.restore_button = QPushButton(self.tr("&Restore"), self)
        self.restore_button.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        empty = QLabel(self.tr("There is no copy yet: the first is made when cmplanner starts."))
        empty.setVisible(not backups)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(empty)
        layout.addWidget(self.confirm)
        layout.addWidget(buttons)
        self.confirm.toggled.connect(self._on_changed)
        self.list.selectionModel().selectionChanged.connect(self._on_changed)
        if backups:
            self.list.setCurrentIndex(self.model.index(0, 0))

    def selected(self) -> Path | None:
        idx = self.list.currentIndex()
        return self.model.backup_at(idx.row()).path if idx.isValid() else None

    @Slot()
    def _on_changed(self) -> None:
        self.restore_button.setEnabled(self.confirm.isChecked() and self.selected() is not None)

    @Slot()
    def _on_restore_button_clicked(self) -> None:
        path = self.selected()
        if path is not None and self.confirm.isChecked():
            self.restore_requested.emit(path)
            self.accept()
