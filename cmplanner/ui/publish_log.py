"""View ▸ Publish log: every attempt to publish, newest first, filtered by result and brand.

A row is one ``Attempt`` (``Publisher.attempts``): when it started (this computer's time),
the brand, the account, how it ended, the remote URL and the error's class and message.
Inbox replies sent by the publisher are rows too ("Reply from …" in the Account column).
Double-click a post's row to open the post. The list follows changes while it is open.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cmplanner.domain.publishing import Attempt, AttemptResult
from cmplanner.services.workspace import Workspace
from cmplanner.ui.publish_texts import RESULT_GROUPS, laptop_zone, local_time, result_text, tr

if TYPE_CHECKING:
    from cmplanner.ui.publish_desk import PublishDesk

Index = QModelIndex | QPersistentModelIndex

#: Attempts read into the log (newest first).
LOG_LIMIT = 1000
COLUMNS = ("Time", "Brand", "Account", "Result", "Remote URL", "Error")
AttemptRole = Qt.ItemDataRole.UserRole + 1
_FAILED = {AttemptResult.REJECTED, AttemptResult.ERROR, AttemptResult.AUTH, AttemptResult.UNKNOWN}
_OK = {AttemptResult.PUBLISHED, AttemptResult.ALREADY_THERE, AttemptResult.RECONCILED}


@dataclass(frozen=True)
class LogRow:
    """One attempt with the names it is shown with."""

    attempt: Attempt
    brand_id: int
    brand: str
    account: str


class PublishLogModel(QAbstractTableModel):
    """The attempts as rows; the brand and account names are looked up once per load."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[LogRow] = []
        self._zone = laptop_zone()

    def set_rows(self, rows: Sequence[LogRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> LogRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMNS)
        ):
            return tr(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        a = row.attempt
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == 0:
                return local_time(a.started_utc, self._zone)
            if col == 1:
                return row.brand
            if col == 2:
                return row.account
            if col == 3:
                return result_text(a.result)
            if col == 4:
                return a.remote_url
            if col == 5:
                error = f"{a.error_class}: {a.error_message}" if a.error_class else a.error_message
                return error
        if role == Qt.ItemDataRole.ForegroundRole and col == 3:
            if a.result in _FAILED:
                return QColor("#b3261e")
            if a.result in _OK:
                return QColor("#1d6b34")
        if role == AttemptRole:
            return row
        return None


def _account_label(a: Attempt, handle: str) -> str:
    who = f"{a.network.label} {handle}".strip()
    return tr("Reply from %1").replace("%1", who) if a.item_id else who


class PublishLogFilter(QSortFilterProxyModel):
    """Keeps the rows of one result group and one brand (None: all)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.results: frozenset[str] | None = None
        self.brand_id: int | None = None

    def set_filter(self, results: frozenset[str] | None, brand_id: int | None) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+; invalidateRowsFilter before
            self.beginFilterChange()
            self.results, self.brand_id = results, brand_id
            self.endFilterChange()
        else:
            self.results, self.brand_id = results, brand_id
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, PublishLogModel):
            return True
        row = model.row_at(source_row)
        if self.results is not None and row.attempt.result not in self.results:
            return False
        return self.brand_id is None or row.brand_id == self.brand_id


class PublishLogDialog(QDialog):
    """The publish log window (open it with ``show()``).

    Signals:
        open_requested(int): the user double-clicked an attempt of this post.
    """

    open_requested = Signal(int)

    def __init__(self, ws: Workspace, desk: PublishDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self._desk = desk
        self.setWindowTitle(tr("Publish log"))
        self.resize(1180, 560)
        self.model = PublishLogModel(self)
        self.proxy = PublishLogFilter(self)
        self.proxy.setSourceModel(self.model)
        self.result_combo = QComboBox(self)
        self.result_combo.setObjectName("logResult")
        self.result_combo.addItem(tr("All results"), None)
        for label, group in RESULT_GROUPS:
            self.result_combo.addItem(tr(label), [r.value for r in group])
        self.brand_combo = QComboBox(self)
        self.brand_combo.setObjectName("logBrand")
        self.count_label = QLabel(self)
        self.refresh_button = QPushButton(tr("Refresh"), self)
        self.refresh_button.setAutoDefault(False)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((125, 120, 190, 150, 210)):
            self.table.setColumnWidth(column, width)
        self.empty_label = QLabel(
            tr("Nothing was sent yet. Each try to publish a post is listed here."), self
        )
        self.empty_label.setEnabled(False)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("Result:"), self))
        bar.addWidget(self.result_combo)
        bar.addSpacing(12)
        bar.addWidget(QLabel(tr("Brand:"), self))
        bar.addWidget(self.brand_combo)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        bar.addWidget(self.refresh_button)
        col = QVBoxLayout(self)
        col.addLayout(bar)
        col.addWidget(self.table, 1)
        col.addWidget(self.empty_label, 1)
        hint = QLabel(
            tr("Times are this computer's (%1). Double-click a row to open its post.").replace(
                "%1", str(laptop_zone())
            ),
            self,
        )
        hint.setEnabled(False)
        col.addWidget(hint)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(300)
        self._reload_timer.timeout.connect(self.reload)
        self.result_combo.currentIndexChanged.connect(self._on_filter_changed)
        self.brand_combo.currentIndexChanged.connect(self._on_filter_changed)
        self.refresh_button.clicked.connect(self.reload)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        desk.results_changed.connect(self._on_desk_results_changed)

    def reload(self) -> None:
        """Read the attempts again (the brand and account names with them)."""
        brands = {b.id: b for b in self._ws.brands.all(include_archived=True)}
        accounts = {a.id: a for a in self._ws.accounts.all(include_removed=True)}
        rows: list[LogRow] = []
        for a in self._desk.publisher().attempts(limit=LOG_LIMIT):
            acc = accounts.get(a.account_id)
            brand = brands.get(acc.brand_id) if acc is not None else None
            rows.append(
                LogRow(
                    a,
                    brand.id if brand is not None else 0,
                    brand.name if brand is not None else "",
                    _account_label(a, acc.handle if acc is not None else ""),
                )
            )
        self.model.set_rows(rows)
        self._fill_brands(brands)
        self._show_count()

    def _fill_brands(self, brands: dict[int, Any]) -> None:
        chosen = self.brand_combo.currentData()
        self.brand_combo.blockSignals(True)
        self.brand_combo.clear()
        self.brand_combo.addItem(tr("All brands"), None)
        for b in sorted(brands.values(), key=lambda b: b.name.casefold()):
            self.brand_combo.addItem(b.name, b.id)
        self.brand_combo.setCurrentIndex(max(0, self.brand_combo.findData(chosen)))
        self.brand_combo.blockSignals(False)

    def _show_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(tr("%1 of %2 attempts").replace("%1", str(shown)).replace(
            "%2", str(total)
        ))  # fmt: skip
        self.table.setVisible(total > 0)
        self.empty_label.setVisible(total == 0)

    def select_result(self, label: str) -> None:
        """Filter on a result group by its English label ("Failed", "Published"...)."""
        labels = [g[0] for g in RESULT_GROUPS]
        self.result_combo.setCurrentIndex(labels.index(label) + 1)

    def select_brand(self, brand_id: int | None) -> None:
        self.brand_combo.setCurrentIndex(max(0, self.brand_combo.findData(brand_id)))

    def shown_rows(self) -> list[LogRow]:
        return [self.proxy.index(r, 0).data(AttemptRole) for r in range(self.proxy.rowCount())]

    @Slot(int)
    def _on_filter_changed(self, _index: int) -> None:
        results = self.result_combo.currentData()
        self.proxy.set_filter(
            frozenset(results) if results is not None else None, self.brand_combo.currentData()
        )
        self._show_count()

    @Slot(QModelIndex)
    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        row = index.data(AttemptRole)
        if isinstance(row, LogRow) and row.attempt.post_id:
            self.open_requested.emit(row.attempt.post_id)

    @Slot(int)
    def _on_desk_results_changed(self, _post_id: int) -> None:
        if self.isVisible():
            self._reload_timer.start()
