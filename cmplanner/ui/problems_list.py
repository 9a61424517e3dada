"""Every problem of every target account, under the previews; a click selects its text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyle, QWidget

from cmplanner.networks.base import ProblemLevel
from cmplanner.services.post_checks import TargetCheck

_ROW_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class ProblemRow:
    """One line of the list: which account, how bad, what, and where in its text."""

    account_id: int
    level: ProblemLevel
    label: str
    start: int
    end: int
    in_variant: bool


def problem_rows(checks: Sequence[TargetCheck]) -> list[ProblemRow]:
    """Errors first, then warnings; within a level, in target order."""
    rows = [
        ProblemRow(
            account_id=c.account.id,
            level=p.level,
            label=f"{c.account.network.label} · {c.account.handle}: {p.message}",
            start=p.start,
            end=p.end,
            in_variant=c.is_variant,
        )
        for c in checks
        for p in c.problems
    ]
    rows.sort(key=lambda r: r.level != ProblemLevel.ERROR)
    return rows


class ProblemsList(QListWidget):
    """The problems of the post on its targets.

    Signals:
        problem_activated(int, int, int): the user picked a problem (account id, start,
            end; code point offsets into that account's text).
    """

    problem_activated = Signal(int, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Problems"))
        self.setWordWrap(True)
        self.setAlternatingRowColors(False)
        self.rows: list[ProblemRow] = []
        self.itemClicked.connect(self._on_self_item_clicked)
        self.itemActivated.connect(self._on_self_item_clicked)

    def show_rows(self, rows: Sequence[ProblemRow]) -> None:
        if list(rows) == self.rows and self.count():
            return
        self.rows = list(rows)
        self.clear()
        style = self.style()
        icons = {
            ProblemLevel.ERROR: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            ProblemLevel.WARNING: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
        }
        for i, row in enumerate(self.rows):
            item = QListWidgetItem(icons[row.level], row.label)
            item.setData(_ROW_ROLE, i)
            level = self.tr("Error") if row.level == ProblemLevel.ERROR else self.tr("Warning")
            item.setToolTip(f"{level}: {row.label}")
            self.addItem(item)
        if not self.rows:
            item = QListWidgetItem(self.tr("No problems for the chosen accounts."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(item)

    @Slot(QListWidgetItem)
    def _on_self_item_clicked(self, item: QListWidgetItem) -> None:
        index = item.data(_ROW_ROLE)
        if isinstance(index, int) and 0 <= index < len(self.rows):
            row = self.rows[index]
            self.problem_activated.emit(row.account_id, row.start, row.end)
