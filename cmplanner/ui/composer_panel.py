"""The composer's right side: a tab per target account (preview, own text) and the problems."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from cmplanner.domain.models import Account, Brand
from cmplanner.networks.graphemes import utf16_offset
from cmplanner.ui.composer_live import LiveChecks
from cmplanner.ui.composer_targets import TargetTabs
from cmplanner.ui.counter_badge import CounterRow
from cmplanner.ui.problems_list import ProblemsList


def select_range(editor: QPlainTextEdit, start: int, end: int) -> None:
    """Select code points ``start``..``end`` of the editor's text (Qt counts UTF-16)."""
    text = editor.toPlainText()
    cursor = editor.textCursor()
    cursor.setPosition(utf16_offset(text, min(start, len(text))))
    cursor.setPosition(utf16_offset(text, min(end, len(text))), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()
    editor.setFocus()


class TargetsPanel(QWidget):
    """Previews per target account, and every problem under them.

    Signals:
        variant_edited(int): an account's own text changed (its id).
        gate_changed(str): why the post cannot be ready ("" when it can).
    """

    variant_edited = Signal(int)
    gate_changed = Signal(str)

    def __init__(
        self,
        editor: QPlainTextEdit,
        base_text: Callable[[], str],
        counters: CounterRow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        self.tabs = TargetTabs(base_text)
        self.problems = ProblemsList()
        self.live = LiveChecks(editor, counters, self.tabs, self.problems, self)
        self.empty_label = QLabel(
            self.tr("Tick the accounts to post to: each gets a preview here.")
        )
        self.empty_label.setEnabled(False)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        col = QVBoxLayout(self)
        col.setContentsMargins(8, 0, 0, 0)
        col.setSpacing(6)
        col.addWidget(self.empty_label, 1)
        col.addWidget(self.tabs, 3)
        col.addWidget(QLabel(self.tr("Problems")))
        col.addWidget(self.problems, 1)
        self.tabs.setVisible(False)
        self.tabs.variant_edited.connect(self._on_tabs_variant_edited)
        self.live.gate_changed.connect(self._on_live_gate_changed)
        self.problems.problem_activated.connect(self._on_problems_problem_activated)

    @property
    def gate(self) -> str:
        return self.live.gate

    def set_targets(
        self, brand: Brand | None, accounts: Sequence[Account], variants: dict[int, str] | None
    ) -> None:
        self.live.set_targets(brand, accounts, variants)
        self.tabs.setVisible(bool(accounts))
        self.empty_label.setVisible(not accounts)

    def variants(self) -> dict[int, str | None]:
        """Each target's own text; None where it uses the base text."""
        return self.tabs.variants()

    def own_texts(self) -> dict[int, str]:
        return {a: v for a, v in self.tabs.variants().items() if v is not None}

    def select_problem(self, account_id: int, start: int, end: int) -> None:
        """Show the account's tab and select the text a problem concerns."""
        tab = self.tabs.tabs.get(account_id)
        editor = self.editor
        if tab is not None:
            self.tabs.setCurrentWidget(tab)
            if tab.variant() is not None:
                editor = tab.variant_edit
        select_range(editor, start, end)

    @Slot(int)
    def _on_tabs_variant_edited(self, account_id: int) -> None:
        self.variant_edited.emit(account_id)

    @Slot(str)
    def _on_live_gate_changed(self, gate: str) -> None:
        self.gate_changed.emit(gate)

    @Slot(int, int, int)
    def _on_problems_problem_activated(self, account_id: int, start: int, end: int) -> None:
        self.select_problem(account_id, start, end)
