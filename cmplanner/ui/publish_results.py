"""The composer's publishing panel: how the post went on each account, and what to do.

One line per target: the account, its state ("Published", "Failed", "Unknown — check",
"Handed off to Mastodon's scheduler"...), the remote URL as a link, the last error, and the
buttons that fit: **Retry** for a failed or parked target; for one in "unknown — check",
"It was published" (with an optional URL) or "It was not published — send it". Partial
success reads per target. A scheduled post with Mastodon or Facebook targets offers
"Send to the network's scheduler" (the post then goes out even with the laptop closed).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cmplanner.domain.enums import PostState, TargetState
from cmplanner.domain.errors import KnownError
from cmplanner.domain.publishing import TargetResult
from cmplanner.domain.timezones import as_aware
from cmplanner.ui.publish_texts import HAND_OFF_NETWORKS, account_text, state_text, tr
from cmplanner.ui.publisher_worker import HandOffDone

if TYPE_CHECKING:
    from cmplanner.ui.publish_desk import PublishDesk

_STATE_COLOURS = {
    TargetState.PUBLISHED: "#1d6b34",
    TargetState.FAILED: "#b3261e",
    TargetState.NEEDS_RECONNECT: "#b3261e",
    TargetState.UNKNOWN: "#8a5a00",
    TargetState.RETRY: "#8a5a00",
    TargetState.HANDED_OFF: "#1d3f6b",
}
_RETRYABLE = (TargetState.FAILED, TargetState.NEEDS_RECONNECT, TargetState.RETRY)


class TargetLine(QFrame):
    """One target's result and its buttons (the panel wires the buttons)."""

    def __init__(self, result: TargetResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result = result
        self.setObjectName("targetLine")
        self.account = QLabel(account_text(result.network, result.handle), self)
        bold = QFont(self.account.font())
        bold.setBold(True)
        self.account.setFont(bold)
        self.state = QLabel(state_text(result), self)
        colour = _STATE_COLOURS.get(result.state, "palette(text)")
        self.state.setStyleSheet(f"color: {colour};")
        self.link = QLabel(self)
        self.link.setOpenExternalLinks(True)
        self.link.setTextFormat(Qt.TextFormat.RichText)
        self.link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        if result.remote_url:
            url = escape(result.remote_url, quote=True)
            self.link.setText(f'<a href="{url}">{escape(result.remote_url)}</a>')
            self.link.setToolTip(tr("Open it in the browser"))
        self.link.setVisible(bool(result.remote_url))
        self.retry_button = QPushButton(tr("Retry"), self)
        self.retry_button.setAutoDefault(False)
        self.retry_button.setVisible(result.state in _RETRYABLE)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(12)
        top.addWidget(self.account)
        top.addWidget(self.state)
        top.addWidget(self.link, 1)
        top.addStretch(0)
        top.addWidget(self.retry_button)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 2, 0, 2)
        col.setSpacing(2)
        col.addLayout(top)
        self.error = QLabel(result.last_error, self)
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.setStyleSheet(f"color: {colour};")
        self.error.setVisible(bool(result.last_error) and result.state is not TargetState.PUBLISHED)
        col.addWidget(self.error)
        self.url_edit: QLineEdit | None = None
        self.published_button: QPushButton | None = None
        self.send_button: QPushButton | None = None
        if result.state is TargetState.UNKNOWN:
            col.addWidget(self._unknown_row())

    def _unknown_row(self) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        what = QLabel(tr("Look at the account, then:"), box)
        self.url_edit = QLineEdit(box)
        self.url_edit.setPlaceholderText(tr("Its address, if you found it (optional)"))
        self.url_edit.setAccessibleName(tr("Address of the published post"))
        self.published_button = QPushButton(tr("It was published"), box)
        self.send_button = QPushButton(tr("It was not published — send it"), box)
        for b in (self.published_button, self.send_button):
            b.setAutoDefault(False)
        row.addWidget(what)
        row.addWidget(self.url_edit, 1)
        row.addWidget(self.published_button)
        row.addWidget(self.send_button)
        return box


class PublishResultsPanel(QFrame):
    """How one post went on each of its accounts, kept up to date by the desk."""

    def __init__(self, desk: PublishDesk, post_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.post_id = post_id
        self.setObjectName("publishResults")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(tr("Publishing"), self)
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.hand_off_button = QPushButton(tr("Send to the network's scheduler"), self)
        self.hand_off_button.setAutoDefault(False)
        self.hand_off_button.setToolTip(
            tr(
                "Mastodon and Facebook can hold the post and publish it themselves at its "
                "time, even with this computer closed. Moving or editing it here updates "
                "their copy."
            )
        )
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.hand_off_button)
        self._lines_box = QVBoxLayout()
        self._lines_box.setContentsMargins(0, 0, 0, 0)
        self._lines_box.setSpacing(2)
        col = QVBoxLayout(self)
        col.setContentsMargins(10, 6, 10, 6)
        col.setSpacing(4)
        col.addLayout(head)
        col.addLayout(self._lines_box)
        col.addWidget(self.message)
        self.lines: dict[int, TargetLine] = {}
        self.hand_off_button.clicked.connect(self._on_hand_off_button_clicked)
        desk.results_changed.connect(self._on_desk_results_changed)
        desk.hand_off_finished.connect(self._on_desk_hand_off_finished)
        self.reload()

    def reload(self) -> None:
        try:
            results = self._desk.targets(self.post_id)
            post = self._desk.ws.posts.get(self.post_id)
        except KnownError:
            results, post = [], None
        for line in self.lines.values():
            self._lines_box.removeWidget(line)
            line.hide()
            line.deleteLater()
        self.lines = {}
        for r in results:
            line = TargetLine(r, self)
            line.retry_button.clicked.connect(self._on_line_retry_clicked)
            if line.published_button is not None and line.send_button is not None:
                line.published_button.clicked.connect(self._on_line_published_clicked)
                line.send_button.clicked.connect(self._on_line_send_clicked)
            self._lines_box.addWidget(line)
            line.show()  # at once, not when the layout gets round to it
            self.lines[r.target_id] = line
        now = self._desk.ws.clock.now()
        can_hand_off = (
            post is not None
            and post.state is PostState.SCHEDULED
            and post.scheduled_utc is not None
            and as_aware(post.scheduled_utc) > now
            and any(
                r.state is TargetState.PENDING and r.network in HAND_OFF_NETWORKS for r in results
            )
        )
        self.hand_off_button.setVisible(can_hand_off)
        started = any(r.state is not TargetState.PENDING for r in results)
        self.setVisible(bool(results) and (started or can_hand_off))

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b3261e;" if error else "color: #1d3f6b;")
        self.message.setText(text)
        self.message.show()

    def _line_of(self, button: object) -> TargetLine | None:
        for line in self.lines.values():
            if button in (line.retry_button, line.published_button, line.send_button):
                return line
        return None

    def _act(self, action: str) -> None:
        line = self._line_of(self.sender())
        if line is None:
            return
        target_id = line.result.target_id
        try:
            if action == "retry":
                self._desk.retry(target_id)
                self._say(tr("Sending it again now."))
            elif action == "published":
                url = line.url_edit.text() if line.url_edit is not None else ""
                self._desk.resolve_unknown(target_id, True, url)
                self._say(tr("Marked as published."))
            else:
                self._desk.resolve_unknown(target_id, False)
                self._say(tr("Sending it now."))
        except KnownError as exc:
            self._say(f"{exc.message} {exc.hint}".strip(), error=True)
        self.reload()

    @Slot()
    def _on_line_retry_clicked(self) -> None:
        self._act("retry")

    @Slot()
    def _on_line_published_clicked(self) -> None:
        self._act("published")

    @Slot()
    def _on_line_send_clicked(self) -> None:
        self._act("send")

    @Slot()
    def _on_hand_off_button_clicked(self) -> None:
        try:
            self._desk.hand_off(self.post_id)
        except KnownError as exc:
            self._say(f"{exc.message} {exc.hint}".strip(), error=True)
            return
        self.hand_off_button.setEnabled(False)
        self._say(tr("Sending it to the network's scheduler…"))

    @Slot(int)
    def _on_desk_results_changed(self, post_id: int) -> None:
        if post_id in (0, self.post_id):
            self.reload()

    @Slot(object)
    def _on_desk_hand_off_finished(self, done: HandOffDone) -> None:
        if done.post_id != self.post_id:
            return
        self.hand_off_button.setEnabled(True)
        if done.report is None:
            self._say(f"{done.message} {done.hint}".strip(), error=True)
        else:
            handed = ", ".join(r.network.label for r in done.report.handed_off)
            kept = "; ".join(why for _t, why in done.report.kept)
            text = tr("Handed off to %1: it goes out at its time, laptop open or not.").replace(
                "%1", handed or tr("no network")
            )
            if kept:
                text += " " + tr("The others stay with cmplanner (%1).").replace("%1", kept)
            self._say(text, error=not handed)
        self.reload()
