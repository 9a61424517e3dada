"""Where a post goes: the brand's accounts as checkboxes, and one tab per chosen account
with its preview and its own text (a variant that overrides the base text)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Mapping

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cmplanner.domain.models import Account
from cmplanner.networks.base import LengthReport
from cmplanner.ui.composer_fields import PostTextEdit
from cmplanner.ui.counter_badge import (
    CounterLevel,
    FittedLabel,
    counter_level,
    counter_text,
    level_color,
    network_icon,
)
from cmplanner.ui.preview_widget import PreviewWidget

log = logging.getLogger(__name__)

PICKER_COLUMNS = 3


def account_label(account: Account) -> str:
    """ "Bluesky · sol.bsky.social"."""
    return f"{account.network.label} · {account.handle}"


def targets_for_journal(account_ids: list[int], variants: dict[int, str]) -> dict[str, str]:
    """The targets and their own texts as autosave journal ``extra`` entries."""
    return {
        "targets": json.dumps(account_ids),
        "variants": json.dumps({str(k): v for k, v in variants.items()}, ensure_ascii=False),
    }


def targets_from_journal(extra: Mapping[str, str]) -> tuple[list[int], dict[int, str]]:
    """Inverse of ``targets_for_journal``; a damaged entry gives no targets, never an error."""
    try:
        ids = [int(a) for a in json.loads(extra.get("targets", "[]"))]
        raw = json.loads(extra.get("variants", "{}"))
        variants = {int(k): str(v) for k, v in raw.items()}
    except (ValueError, TypeError, AttributeError):
        log.warning("unreadable targets in the journal: %r", extra.get("targets"))
        return [], {}
    return ids, variants


class TargetPicker(QWidget):
    """The brand's accounts as checkboxes (network badge + handle).

    Signals:
        targets_changed(): an account was ticked or unticked.
    """

    targets_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.accounts: list[Account] = []
        self.boxes: dict[int, QCheckBox] = {}
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(16)
        self._grid.setVerticalSpacing(4)
        self.empty_label = QLabel(
            self.tr("This brand has no accounts yet (add them under Brands).")
        )
        self.empty_label.setEnabled(False)
        self._grid.addWidget(self.empty_label, 0, 0)

    def set_accounts(self, accounts: Iterable[Account], chosen: Iterable[int] = ()) -> None:
        """Offer ``accounts``; tick those in ``chosen`` (without raising targets_changed)."""
        for box in self.boxes.values():
            self._grid.removeWidget(box)
            box.deleteLater()
        self.boxes.clear()
        self.accounts = list(accounts)
        wanted = set(chosen)
        for i, acc in enumerate(self.accounts):
            box = QCheckBox(acc.handle)
            box.setIcon(network_icon(acc.network))
            box.setToolTip(
                account_label(acc) + (f" ({acc.display_name})" if acc.display_name else "")
            )
            box.setAccessibleName(account_label(acc))
            box.setChecked(acc.id in wanted)
            box.toggled.connect(self._on_box_toggled)
            self.boxes[acc.id] = box
            self._grid.addWidget(box, i // PICKER_COLUMNS, i % PICKER_COLUMNS)
        self.empty_label.setVisible(not self.accounts)

    def chosen(self) -> list[Account]:
        return [a for a in self.accounts if self.boxes[a.id].isChecked()]

    def chosen_ids(self) -> list[int]:
        return [a.id for a in self.chosen()]

    @Slot(bool)
    def _on_box_toggled(self, _checked: bool) -> None:
        self.targets_changed.emit()


class TargetTab(QWidget):
    """One account's tab: "Own text for this account" and the network-looking preview.

    Signals:
        variant_edited(int): the account's own text was turned on or off, or edited.
    """

    variant_edited = Signal(int)

    def __init__(
        self, account: Account, base_text: Callable[[], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.account = account
        self._base_text = base_text
        self.variant_check = QCheckBox(self.tr("Own text for this account"))
        self.variant_check.setToolTip(
            self.tr("Write a version of the post for {account} only").format(
                account=account_label(account)
            )
        )
        self.variant_edit = PostTextEdit()
        self.variant_edit.setAccessibleName(
            self.tr("Text for {account}").format(account=account_label(account))
        )
        self.variant_edit.setFixedHeight(self.variant_edit.fontMetrics().lineSpacing() * 5 + 14)
        self.variant_edit.setVisible(False)
        self.counter = FittedLabel()
        self.counter.setVisible(False)
        self.preview = PreviewWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.preview)
        self.scroll_area = scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 8, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.variant_check)
        layout.addWidget(self.variant_edit)
        layout.addWidget(self.counter, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(scroll, 1)
        self.variant_check.toggled.connect(self._on_variant_check_toggled)
        self.variant_edit.textChanged.connect(self._on_variant_edit_text_changed)
        self.preview_stale = True

    def variant(self) -> str | None:
        """The account's own text, or None when it uses the base text."""
        return self.variant_edit.toPlainText() if self.variant_check.isChecked() else None

    def set_variant(self, text: str | None) -> None:
        """Show a saved variant (None: uses the base text) without raising variant_edited."""
        self.variant_check.blockSignals(True)
        self.variant_edit.blockSignals(True)
        self.variant_check.setChecked(text is not None)
        self.variant_edit.setPlainText(text or "")
        self.variant_edit.setVisible(text is not None)
        self.counter.setVisible(text is not None)
        self.variant_check.blockSignals(False)
        self.variant_edit.blockSignals(False)

    def show_count(self, report: LengthReport) -> None:
        self.counter.show_text(counter_text(report), level_color(counter_level(report)))

    @Slot(bool)
    def _on_variant_check_toggled(self, checked: bool) -> None:
        if checked and not self.variant_edit.toPlainText():
            self.variant_edit.blockSignals(True)
            self.variant_edit.setPlainText(self._base_text())
            self.variant_edit.blockSignals(False)
        self.variant_edit.setVisible(checked)
        self.counter.setVisible(checked)
        if checked:
            self.variant_edit.setFocus()
        self.variant_edited.emit(self.account.id)

    @Slot()
    def _on_variant_edit_text_changed(self) -> None:
        if self.variant_check.isChecked():
            self.variant_edited.emit(self.account.id)


class TargetTabs(QTabWidget):
    """One tab per chosen account, its title (the network's name) coloured as its counter:
    amber near the limit, red over it.

    The counts themselves are in the counter row under the editor, the network's way, on
    every keystroke. A count beside each title repainted the whole tab bar under it on
    every keystroke (its labels are not opaque: the bar's styled tabs are drawn first);
    a title's colour changes only when its level does.

    Signals:
        variant_edited(int): an account's own text changed (its id).
    """

    variant_edited = Signal(int)

    def __init__(self, base_text: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._base_text = base_text
        self.tabs: dict[int, TargetTab] = {}
        self.setDocumentMode(True)
        self.setUsesScrollButtons(True)
        #: The level each account's tab title shows.
        self.levels: dict[int, CounterLevel] = {}

    def set_targets(
        self, accounts: Iterable[Account], variants: dict[int, str] | None = None
    ) -> None:
        """Keep the tabs of accounts still chosen (and their variants), add new ones."""
        wanted = list(accounts)
        wanted_ids = {a.id for a in wanted}
        for aid in [a for a in self.tabs if a not in wanted_ids]:
            gone = self.tabs.pop(aid)
            self.removeTab(self.indexOf(gone))
            gone.deleteLater()
            self.levels.pop(aid, None)
        for pos, acc in enumerate(wanted):
            tab = self.tabs.get(acc.id)
            if tab is None:
                tab = TargetTab(acc, self._base_text)
                tab.variant_edited.connect(self._on_tab_variant_edited)
                self.tabs[acc.id] = tab
                self.insertTab(pos, tab, network_icon(acc.network), acc.network.label)
                self.setTabToolTip(pos, account_label(acc))
                self.levels[acc.id] = CounterLevel.NORMAL
            if variants is not None:
                tab.set_variant(variants.get(acc.id))

    def variants(self) -> dict[int, str | None]:
        return {aid: tab.variant() for aid, tab in self.tabs.items()}

    def current_tab(self) -> TargetTab | None:
        tab = self.currentWidget()
        return tab if isinstance(tab, TargetTab) else None

    def show_count(self, account_id: int, report: LengthReport) -> None:
        """Colour the account's tab title by how close its text is to the limit."""
        level = counter_level(report)
        if self.levels.get(account_id) == level:
            return
        self.levels[account_id] = level
        index = self.indexOf(self.tabs[account_id])
        color = level_color(level)
        # An invalid colour gives the title back the style's own.
        self.tabBar().setTabTextColor(index, QColor(color) if color else QColor())

    @Slot(int)
    def _on_tab_variant_edited(self, account_id: int) -> None:
        self.variant_edited.emit(account_id)
