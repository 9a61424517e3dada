"""The posting slots of one brand: weekly day + time, for the brand or one account.

Changes are saved at once (each add or remove is one service call); the list below shows
the next free slots so the user sees what "add to queue" will pick.
"""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTime,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from cmplanner.domain.errors import KnownError
from cmplanner.domain.slots import Slot as PostingSlot
from cmplanner.domain.slots import format_slot_time
from cmplanner.services.slots import SlotService
from cmplanner.services.workspace import Workspace

_Index = QModelIndex | QPersistentModelIndex
#: Day choices beyond a single weekday: several slots at once.
WEEKDAYS_ALL = 7
EVERY_DAY = 8


def day_name(weekday: int) -> str:
    return QLocale().dayName(weekday + 1, QLocale.FormatType.ShortFormat)


class SlotListModel(QAbstractListModel):
    """A brand's slots as rows: "Mon 09:30 — every account"."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._slots: list[PostingSlot] = []
        self._accounts: dict[int, str] = {}

    def set_slots(self, slots: list[PostingSlot], accounts: dict[int, str]) -> None:
        self.beginResetModel()
        self._slots = list(slots)
        self._accounts = dict(accounts)
        self.endResetModel()

    def slot_at(self, row: int) -> PostingSlot:
        return self._slots[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._slots)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        s = self._slots[index.row()]
        who = (
            self.tr("every account")
            if s.account_id is None
            else self._accounts.get(
                s.account_id, self.tr("account %1").replace("%1", str(s.account_id))
            )
        )
        return f"{day_name(s.weekday)} {format_slot_time(s.at)} — {who}"


class SlotsDialog(QDialog):
    """Edit one brand's weekly posting slots (saved as they are added or removed)."""

    def __init__(self, ws: Workspace, brand_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self._brand = ws.brands.get(brand_id)
        self._service = SlotService(ws.sessions, ws.notifier, ws.clock)
        accounts = ws.accounts.all(brand_id)
        self._account_names = {a.id: f"{a.network.label} {a.handle}" for a in accounts}
        self.setWindowTitle(self.tr("Posting slots — %1").replace("%1", self._brand.name))
        self.setMinimumSize(520, 440)

        intro = QLabel(
            self.tr(
                "Weekly times in %1 when this brand posts. “Add to queue” puts a ready post in "
                "the next free one; the week view shows free slots as dashed boxes you can "
                "drop posts on."
            ).replace("%1", self._brand.timezone),
            self,
        )
        intro.setWordWrap(True)

        self.model = SlotListModel(self)
        self.list = QListView(self)
        self.list.setObjectName("slot_list")
        self.list.setModel(self.model)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setAccessibleName(self.tr("Posting slots"))

        self.day = QComboBox(self)
        self.day.setObjectName("slot_day")
        for i in range(7):
            self.day.addItem(QLocale().dayName(i + 1), i)
        self.day.addItem(self.tr("Monday to Friday"), WEEKDAYS_ALL)
        self.day.addItem(self.tr("Every day"), EVERY_DAY)
        self.time = QTimeEdit(QTime(9, 30), self)
        self.time.setObjectName("slot_time")
        self.time.setDisplayFormat("HH:mm")
        self.account = QComboBox(self)
        self.account.setObjectName("slot_account")
        self.account.addItem(self.tr("Every account"), None)
        for aid, name in self._account_names.items():
            self.account.addItem(name, aid)
        self.add_button = QPushButton(self.tr("&Add"), self)
        self.add_button.setObjectName("add_slot")
        self.add_button.setAutoDefault(False)
        add_row = QHBoxLayout()
        add_row.addWidget(self.day)
        add_row.addWidget(self.time)
        add_row.addWidget(self.account, 1)
        add_row.addWidget(self.add_button)

        self.remove_button = QPushButton(self.tr("&Remove selected"), self)
        self.remove_button.setObjectName("remove_slot")
        self.remove_button.setAutoDefault(False)
        self.message = QLabel(self)
        self.message.setObjectName("slot_message")
        self.message.setWordWrap(True)
        self.upcoming = QLabel(self)
        self.upcoming.setObjectName("slot_upcoming")
        self.upcoming.setWordWrap(True)
        self.upcoming.setStyleSheet("color: palette(placeholder-text);")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(add_row)
        layout.addWidget(self.message)
        layout.addWidget(self.upcoming)
        layout.addWidget(buttons)

        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self._reload()

    def _reload(self) -> None:
        self.model.set_slots(self._service.for_brand(self._brand.id), self._account_names)
        now = self._ws.clock.now()
        free = self._service.free([self._brand.id], now, now + timedelta(weeks=3))[:5]
        loc = QLocale()
        if free:
            when = ", ".join(
                f"{loc.dayName(o.wall.isoweekday(), QLocale.FormatType.ShortFormat)} "
                f"{o.wall.day} {loc.monthName(o.wall.month, QLocale.FormatType.ShortFormat)} "
                f"{o.wall:%H:%M}"
                for o in free
            )
            self.upcoming.setText(self.tr("Next free slots: %1").replace("%1", when))
        else:
            self.upcoming.setText(self.tr("No free slot in the next three weeks."))
        self.remove_button.setEnabled(self.model.rowCount() > 0)

    def _show_error(self, err: KnownError) -> None:
        self.message.setStyleSheet("color: #b3261e;")
        self.message.setText(f"{err.message} {err.hint}".strip())

    @Slot()
    def _on_add_button_clicked(self) -> None:
        choice = int(self.day.currentData())
        days = [choice] if choice < 7 else list(range(5 if choice == WEEKDAYS_ALL else 7))
        t = self.time.time()
        at = time(t.hour(), t.minute())
        account_id = self.account.currentData()
        added = 0
        try:
            for d in days:
                if (
                    any(
                        (s.weekday, s.at, s.account_id) == (d, at, account_id)
                        for s in self._service.for_brand(self._brand.id)
                    )
                    and len(days) > 1
                ):
                    continue  # "every day" skips the days that have it already
                self._service.add(self._brand.id, d, at, account_id)
                added += 1
        except KnownError as err:
            self._show_error(err)
            self._reload()
            return
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Added %n slot(s).", "", added))
        self._reload()

    @Slot()
    def _on_remove_button_clicked(self) -> None:
        rows = sorted({i.row() for i in self.list.selectionModel().selectedIndexes()})
        if not rows:
            self.message.setText(self.tr("Select the slots to remove first."))
            return
        try:
            for row in rows:
                self._service.remove(self.model.slot_at(row).id)
        except KnownError as err:
            self._show_error(err)
        else:
            self.message.setStyleSheet("")
            self.message.setText(self.tr("Removed %n slot(s).", "", len(rows)))
        self._reload()
