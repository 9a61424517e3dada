"""Every problem of every target account, under the previews; a click selects its text.

A media problem that a fitted copy would solve offers "Fit for <network>…" in the row's
context menu (``fit_requested``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRect, Qt, Signal, Slot
from PySide6.QtGui import QAccessible, QContextMenuEvent
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QMenu,
    QStyle,
    QWidget,
)

from cmplanner.domain.enums import Network
from cmplanner.networks.base import ProblemLevel
from cmplanner.services.post_checks import TargetCheck

_ROW_ROLE = Qt.ItemDataRole.UserRole + 1
_LEVEL_ROLE = Qt.ItemDataRole.UserRole + 2

#: Problems a cropped, resized or re-encoded copy of the image can solve.
FIT_CODES = frozenset(
    {
        "media_aspect_ratio",
        "media_too_large",
        "media_too_many_pixels",
        "media_rescaled",
        "media_type",
    }
)

#: (network, media index) -> the file to fit, when that network suggests a fit for it.
FitLookup = Callable[[Network, int], Path | None]


@dataclass(frozen=True)
class ProblemRow:
    """One line of the list: which account, how bad, what, and where in its text."""

    account_id: int
    level: ProblemLevel
    label: str
    start: int
    end: int
    in_variant: bool
    #: The file a fitted copy of which would solve this problem, and for which network.
    fit_path: Path | None = None
    fit_network: Network | None = None


def problem_rows(checks: Sequence[TargetCheck], fits: FitLookup | None = None) -> list[ProblemRow]:
    """Errors first, then warnings; within a level, in target order. ``fits`` says which
    media problems a fitted copy would solve."""
    rows = []
    for c in checks:
        for p in c.problems:
            net = c.account.network
            path = None
            if fits is not None and p.media_index is not None and p.code in FIT_CODES:
                path = fits(net, p.media_index)
            rows.append(
                ProblemRow(
                    account_id=c.account.id,
                    level=p.level,
                    label=f"{net.label} · {c.account.handle}: {p.message}",
                    start=p.start,
                    end=p.end,
                    in_variant=c.is_variant,
                    fit_path=path,
                    fit_network=net if path is not None else None,
                )
            )
    rows.sort(key=lambda r: r.level != ProblemLevel.ERROR)
    return rows


def _shown(row: ProblemRow) -> tuple[ProblemLevel, str, Network | None]:
    """What the list shows of a row: its level's icon, its label and its fit tooltip."""
    return row.level, row.label, row.fit_network


_DIGIT = re.compile(r"\d")


def _shape(label: str) -> str:
    """The label with every digit alike: two labels of one shape wrap alike (digits are
    of one width in the fonts a desktop uses), so a changed count needs no new layout."""
    return _DIGIT.sub("0", label)


class ProblemsList(QListWidget):
    """The problems of the post on its targets.

    Signals:
        problem_activated(int, int, int): the user picked a problem (account id, start,
            end; code point offsets into that account's text).
        fit_requested(str, str): the user wants the file (path) fitted to the network
            (its value).
    """

    problem_activated = Signal(int, int, int)
    fit_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Problems"))
        self.setWordWrap(True)
        self.setAlternatingRowColors(False)
        self.rows: list[ProblemRow] = []
        #: Where each row was last found (``visualItemRect`` lays the row's text out to
        #: answer), and the layout and scroll position that answer holds for.
        self._rects: dict[int, QRect] = {}
        self._rects_for: tuple[int, int, int] | None = None
        self._layouts = 0
        self.itemClicked.connect(self._on_self_item_clicked)
        self.itemActivated.connect(self._on_self_item_clicked)

    def show_rows(self, rows: Sequence[ProblemRow]) -> None:
        """Show ``rows``. While typing, the rows seldom change what they show (a length
        problem names the limit, not the count): those that do are updated in place (a
        full rebuild lays out and paints every word-wrapped row again)."""
        rows = list(rows)
        if rows == self.rows and self.count():
            return
        if rows and len(rows) == len(self.rows) and self.count() == len(rows):
            # Only what a row shows counts: while typing on past the limit, the overflow's
            # end moves on every keystroke and the row's message stays as it is.
            changed = [
                (i, old, new)
                for i, (old, new) in enumerate(zip(self.rows, rows, strict=True))
                if _shown(old) != _shown(new)
            ]
            # The new words may wrap differently: the list lays its rows out again (once).
            reflow = any(_shape(old.label) != _shape(new.label) for _i, old, new in changed)
            # Rows that wrap as before keep their places: the model's signals are held
            # back while they change (on any change of any row the list view lays every
            # word-wrapped row out again, and even repainting one row asks for that row's
            # size, a layout again), and only the rows that changed are repainted.
            quiet = not reflow and not QAccessible.isActive()
            model = self.model()
            if quiet:
                model.blockSignals(True)
            try:
                for i, _old, new in changed:
                    self._fill(self.item(i), new)
            finally:
                if quiet:
                    model.blockSignals(False)
            self.rows = rows
            if reflow:
                self.scheduleDelayedItemsLayout()
            else:
                viewport = self.viewport()
                for i, _old, _new in changed:
                    viewport.update(self._row_rect(i))
            return
        self.rows = rows
        self.clear()
        for i, row in enumerate(self.rows):
            item = QListWidgetItem()
            item.setData(_ROW_ROLE, i)
            self._fill(item, row)
            self.addItem(item)
        if not self.rows:
            item = QListWidgetItem(self.tr("No problems for the chosen accounts."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(item)

    def updateGeometries(self) -> None:
        # Called once the rows are laid out again (new rows, a new width, font or style).
        self._layouts += 1
        super().updateGeometries()

    def _row_rect(self, index: int) -> QRect:
        """Row ``index``'s rect in the viewport, found once per layout and scroll position."""
        now = (self._layouts, self.horizontalOffset(), self.verticalOffset())
        if now != self._rects_for:
            self._rects_for = now
            self._rects.clear()
        rect = self._rects.get(index)
        if rect is None:
            rect = self._rects[index] = self.visualItemRect(self.item(index))
        return rect

    def _fill(self, item: QListWidgetItem, row: ProblemRow) -> None:
        style = self.style()
        icon = (
            QStyle.StandardPixmap.SP_MessageBoxCritical
            if row.level == ProblemLevel.ERROR
            else QStyle.StandardPixmap.SP_MessageBoxWarning
        )
        if item.data(_LEVEL_ROLE) != row.level.value:
            item.setData(_LEVEL_ROLE, row.level.value)
            item.setIcon(style.standardIcon(icon))
        if item.text() != row.label:
            item.setText(row.label)
        level = self.tr("Error") if row.level == ProblemLevel.ERROR else self.tr("Warning")
        tip = f"{level}: {row.label}"
        if row.fit_network is not None:
            tip += "\n" + self.tr(
                "Right-click to make a copy of the image that {network} accepts."
            ).format(network=row.fit_network.label)
        if item.toolTip() != tip:
            item.setToolTip(tip)

    def row_of(self, item: QListWidgetItem | None) -> ProblemRow | None:
        index = item.data(_ROW_ROLE) if item is not None else None
        if isinstance(index, int) and 0 <= index < len(self.rows):
            return self.rows[index]
        return None

    def fit_menu(self, item: QListWidgetItem | None) -> QMenu | None:
        """The row's context menu: "Fit for <network>…" when a fitted copy would help."""
        row = self.row_of(item)
        if row is None or row.fit_path is None or row.fit_network is None:
            return None
        path, network = row.fit_path, row.fit_network
        menu = QMenu(self)
        action = menu.addAction(self.tr("Fit for {network}…").format(network=network.label))
        action.setToolTip(
            self.tr("Replace {name} by a copy {network} accepts; the original stays.").format(
                name=path.name, network=network.label
            )
        )
        action.triggered.connect(lambda: self.fit_requested.emit(str(path), network.value))
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.fit_menu(self.itemAt(event.pos()))  # viewport coordinates
        if menu is None:
            event.ignore()
            return
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())

    @Slot(QListWidgetItem)
    def _on_self_item_clicked(self, item: QListWidgetItem) -> None:
        index = item.data(_ROW_ROLE)
        if isinstance(index, int) and 0 <= index < len(self.rows):
            row = self.rows[index]
            self.problem_activated.emit(row.account_id, row.start, row.end)
