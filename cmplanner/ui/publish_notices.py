"""The publishing notices over the window's tabs: one line per thing that needs the user.

A notice has a key (``target:12``, ``missed:7``, ``account:3``...) so the same problem is
shown once and replaced when it changes, a text, and buttons that name what to do
("Open post", "Retry", "Publish now", "Accounts…"). A click raises ``action_triggered`` with
the notice's key and the button's action; the desk that owns the notices does the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

#: Notices shown at once; the rest wait behind "N more".
MAX_SHOWN = 4


class NoticeLevel(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


_COLOURS = {
    NoticeLevel.ERROR: ("#fdecea", "#8a1c1c", "#e3a6a0"),
    NoticeLevel.WARNING: ("#fff6e0", "#6b4a00", "#e6cc8a"),
    NoticeLevel.INFO: ("#e8f1fb", "#1d3f6b", "#a9c4e6"),
}


@dataclass(frozen=True)
class NoticeButton:
    """A button on a notice: ``action`` is what ``action_triggered`` carries."""

    action: str
    label: str


class NoticeRow(QFrame):
    """One notice: its text, its buttons and a close cross.

    Signals:
        action_triggered(str, str): (notice key, action) — "dismiss" for the cross.
    """

    action_triggered = Signal(str, str)

    def __init__(
        self,
        key: str,
        text: str,
        buttons: Sequence[NoticeButton],
        level: NoticeLevel,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.key = key
        self.level = level
        self.setObjectName("publishNotice")
        bg, fg, border = _COLOURS[level]
        self.setStyleSheet(
            f"#publishNotice {{ background: {bg}; border: 1px solid {border};"
            f" border-radius: 4px; }} #publishNotice QLabel {{ color: {fg}; }}"
        )
        self.label = QLabel(text, self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 4, 4)
        row.setSpacing(6)
        row.addWidget(self.label, 1)
        self.buttons: dict[str, QPushButton] = {}
        for b in buttons:
            button = QPushButton(b.label, self)
            button.setAutoDefault(False)
            button.setProperty("action", b.action)
            button.clicked.connect(self._on_button_clicked)
            row.addWidget(button)
            self.buttons[b.action] = button
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Hide this notice"))
        self.close_button.setAccessibleName(self.tr("Hide this notice"))
        self.close_button.clicked.connect(self._on_close_button_clicked)
        row.addWidget(self.close_button)

    def text(self) -> str:
        return self.label.text()

    @Slot()
    def _on_button_clicked(self) -> None:
        button = self.sender()
        if isinstance(button, QPushButton):
            self.action_triggered.emit(self.key, str(button.property("action")))

    @Slot()
    def _on_close_button_clicked(self) -> None:
        self.action_triggered.emit(self.key, "dismiss")


class PublishNotices(QWidget):
    """The notices, newest first; hidden when there is none.

    Signals:
        action_triggered(str, str): (notice key, action) from a notice's button.
        dismissed(str): the user hid this notice.
    """

    action_triggered = Signal(str, str)
    dismissed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("publishNotices")
        self._rows: dict[str, NoticeRow] = {}
        self._order: list[str] = []  # newest first
        self._col = QVBoxLayout(self)
        self._col.setContentsMargins(8, 6, 8, 0)
        self._col.setSpacing(4)
        self.more_label = QLabel(self)
        self.more_label.setEnabled(False)
        self._col.addWidget(self.more_label)
        self._relayout()

    # ---- reading ---------------------------------------------------------------------

    def notice_keys(self) -> list[str]:
        return list(self._order)

    def row(self, key: str) -> NoticeRow | None:
        return self._rows.get(key)

    def text(self, key: str) -> str:
        row = self._rows.get(key)
        return row.text() if row is not None else ""

    def button(self, key: str, action: str) -> QPushButton | None:
        row = self._rows.get(key)
        return row.buttons.get(action) if row is not None else None

    # ---- changing --------------------------------------------------------------------

    def show_notice(
        self,
        key: str,
        text: str,
        buttons: Sequence[NoticeButton] = (),
        *,
        level: NoticeLevel = NoticeLevel.ERROR,
    ) -> NoticeRow:
        """Show (or replace) the notice ``key`` at the top."""
        old = self._rows.get(key)
        if (
            old is not None
            and old.text() == text
            and old.level == level
            and list(old.buttons) == [b.action for b in buttons]
        ):
            return old
        self.drop(key)
        row = NoticeRow(key, text, buttons, level, self)
        row.action_triggered.connect(self._on_row_action_triggered)
        self._rows[key] = row
        self._order.insert(0, key)
        self._col.insertWidget(0, row)
        self._relayout()
        return row

    def drop(self, key: str) -> None:
        row = self._rows.pop(key, None)
        if row is None:
            return
        self._order.remove(key)
        self._col.removeWidget(row)
        row.hide()
        row.setParent(None)
        row.deleteLater()
        self._relayout()

    def drop_where(self, prefix: str, keep: set[str] | None = None) -> None:
        """Drop every notice whose key starts with ``prefix`` (except those in ``keep``)."""
        for key in [k for k in self._order if k.startswith(prefix)]:
            if keep is None or key not in keep:
                self.drop(key)

    def _relayout(self) -> None:
        for i, key in enumerate(self._order):
            self._rows[key].setVisible(i < MAX_SHOWN)
        hidden = len(self._order) - MAX_SHOWN
        self.more_label.setVisible(hidden > 0)
        if hidden > 0:
            self.more_label.setText(
                self.tr("%n more notice(s): hide some of these to see them.", "", hidden)
            )
        self.setVisible(bool(self._order))

    @Slot(str, str)
    def _on_row_action_triggered(self, key: str, action: str) -> None:
        if action == "dismiss":
            self.drop(key)
            self.dismissed.emit(key)
        else:
            self.action_triggered.emit(key, action)
