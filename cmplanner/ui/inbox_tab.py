"""The inbox tab: one list across brands and networks with filters, the conversation and
the reply composer beside it, the crisis banner above. Keyboard: j/k next/previous, r reply,
e done. Network work (sync, reply, like) runs on the task runner, never on the GUI thread."""

from __future__ import annotations

import html
import threading
from dataclasses import replace
from functools import partial

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cmplanner.domain.enums import InboxKind, Network
from cmplanner.domain.errors import KnownError
from cmplanner.domain.inbox import (
    Conversation,
    CrisisStatus,
    InboxEntry,
    InboxFilter,
    SyncReport,
    Tone,
)
from cmplanner.services import inbox_actions
from cmplanner.services.community import fill_variables
from cmplanner.services.inbox import InboxService, inbox_for
from cmplanner.services.workspace import Workspace
from cmplanner.ui.inbox_model import InboxModel
from cmplanner.ui.inbox_texts import crisis_text, thread_html
from cmplanner.ui.inbox_view import build_inbox_view
from cmplanner.ui.inbox_watch_dialog import InboxWatchDialog
from cmplanner.ui.task_runner import Task, TaskRunner

#: The background sync: first a minute after the window opens, then every 10 minutes.
AUTO_FIRST_MS = 60_000
AUTO_EVERY_MS = 10 * 60_000


class InboxTab(QWidget):
    """Signals:
    synced(int): a sync finished with this many new items.
    reply_sent(int): the item with this id was answered.
    crisis_alerted(object): a sync found a brand in crisis (a ``CrisisStatus``), once per
        alert (again only after a sync without it).
    """

    synced = Signal(int)
    reply_sent = Signal(int)
    crisis_alerted = Signal(object)

    def __init__(
        self, ws: Workspace, parent: QWidget | None = None, *, inbox: InboxService | None = None
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.inbox = inbox or inbox_for(ws)
        self.runner = TaskRunner(self)
        self.model = InboxModel(self)
        self._current: Conversation | None = None
        self._stop = threading.Event()
        self._sync_task: Task | None = None
        self._alerted: set[int] = set()
        self.auto_timer: QTimer | None = None
        self._build()
        self._connect()
        self.reload_brands()
        self.reload()

    # ---- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.brand_box = QComboBox(self)
        self.network_box = QComboBox(self)
        self.network_box.addItem(self.tr("All networks"), None)
        for n in (Network.MASTODON, Network.BLUESKY):
            self.network_box.addItem(n.label, n.value)
        self.kind_box = QComboBox(self)
        self.kind_box.addItem(self.tr("All kinds"), None)
        for k in InboxKind:
            self.kind_box.addItem(self.tr(k.value.replace("_", " ")), k.value)
        self.unread_box = QCheckBox(self.tr("Unread"), self)
        self.needs_box = QCheckBox(self.tr("Needs reply"), self)
        self.flagged_box = QCheckBox(self.tr("Flagged"), self)
        self.sync_button = QPushButton(self.tr("Sync now"), self)
        self.watch_button = QPushButton(self.tr("Searches and keywords…"), self)
        self.status = QLabel(self)
        filters = QHBoxLayout()
        for w in (self.brand_box, self.network_box, self.kind_box, self.unread_box,
                  self.needs_box, self.flagged_box):  # fmt: skip
            filters.addWidget(w)
        filters.addStretch(1)
        filters.addWidget(self.status)
        filters.addWidget(self.watch_button)
        filters.addWidget(self.sync_button)

        self.banner = QFrame(self)
        self.banner.setObjectName("crisis_banner")
        self.banner.setStyleSheet(
            "#crisis_banner { background: #fdecea; border: 1px solid #c0392b; border-radius: 4px; }"
        )
        self.banner_label = QLabel(self.banner)
        self.banner_label.setWordWrap(True)
        self.pause_button = QPushButton(self.banner)
        self.holding_button = QPushButton(self.tr("Use holding statement"), self.banner)
        row = QHBoxLayout(self.banner)
        row.addWidget(self.banner_label, 1)
        row.addWidget(self.holding_button)
        row.addWidget(self.pause_button)
        self.banner.hide()
        self._crisis: CrisisStatus | None = None
        self.unreadable_label = QLabel(self)
        self.unreadable_label.setWordWrap(True)
        self.unreadable_label.hide()

        self.view = build_inbox_view(self.model, self)

        side = QWidget(self)
        self.header = QLabel(side)
        self.header.setWordWrap(True)
        self.why = QLabel(side)
        self.why.setWordWrap(True)
        self.thread_view = QTextBrowser(side)
        self.thread_view.setOpenExternalLinks(False)
        self.note_edit = QLineEdit(side)
        self.note_edit.setPlaceholderText(
            self.tr("Note about this person (who they are, past complaints)")
        )
        self.tone_box = QComboBox(side)
        for tone in Tone:
            self.tone_box.addItem(self.tr(tone.value), tone.value)
        self.saved_box = QComboBox(side)
        self.reply_edit = QPlainTextEdit(side)
        self.reply_edit.setPlaceholderText(self.tr("Your reply (r)"))
        self.reply_edit.setMaximumHeight(110)
        self.check_label = QLabel(side)
        self.check_label.setWordWrap(True)
        self.preview = QLabel(side)
        self.preview.setWordWrap(True)
        self.preview.setObjectName("reply_preview")
        self.preview.setStyleSheet(
            "#reply_preview { border: 1px solid palette(mid); border-radius: 6px; padding: 6px; }"
        )
        self.send_button = QPushButton(self.tr("Send reply"), side)
        self.like_button = QPushButton(self.tr("Like"), side)
        self.boost_button = QPushButton(self.tr("Boost / repost"), side)
        self.done_button = QPushButton(self.tr("Done (e)"), side)
        note_row = QHBoxLayout()
        note_row.addWidget(self.note_edit, 1)
        note_row.addWidget(QLabel(self.tr("Tone:"), side))
        note_row.addWidget(self.tone_box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.saved_box, 1)
        for b in (self.like_button, self.boost_button, self.done_button, self.send_button):
            buttons.addWidget(b)
        col = QVBoxLayout(side)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.header)
        col.addWidget(self.why)
        col.addWidget(self.thread_view, 1)
        col.addLayout(note_row)
        col.addWidget(self.reply_edit)
        col.addWidget(self.check_label)
        col.addWidget(self.preview)
        col.addLayout(buttons)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.view)
        split.addWidget(side)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 1)
        split.setSizes([667, 333])  # the list gets 2/3 from the start, not only on resizes
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.banner)
        layout.addWidget(self.unreadable_label)
        layout.addWidget(split, 1)
        self._set_enabled(False)

    def _connect(self) -> None:
        for box in (self.brand_box, self.network_box, self.kind_box):
            box.currentIndexChanged.connect(self._on_filter_changed)
        for check in (self.unread_box, self.needs_box, self.flagged_box):
            check.toggled.connect(self._on_filter_changed)
        self.sync_button.clicked.connect(self.sync)
        self.watch_button.clicked.connect(self.open_watch)
        self.view.selectionModel().currentRowChanged.connect(self._on_view_current_changed)
        self.reply_edit.textChanged.connect(self._on_reply_changed)
        self.send_button.clicked.connect(self.send_reply)
        self.like_button.clicked.connect(self._on_like_clicked)
        self.boost_button.clicked.connect(self._on_boost_clicked)
        self.done_button.clicked.connect(self.mark_done)
        self.note_edit.editingFinished.connect(self._on_note_edited)
        self.tone_box.activated.connect(self._on_tone_chosen)
        self.saved_box.activated.connect(self._on_saved_chosen)
        self.pause_button.clicked.connect(self._on_pause_clicked)
        self.holding_button.clicked.connect(self._on_holding_clicked)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for key, slot in (("J", self.next_item), ("K", self.previous_item),
                          ("R", self.focus_reply), ("E", self.mark_done)):  # fmt: skip
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)

    def _set_enabled(self, on: bool) -> None:
        for w in (self.reply_edit, self.send_button, self.like_button, self.boost_button,
                  self.done_button, self.note_edit, self.tone_box, self.saved_box):  # fmt: skip
            w.setEnabled(on)

    # ---- data -----------------------------------------------------------------------------

    def reload_brands(self) -> None:
        current = self.brand_box.currentData()
        self.brand_box.blockSignals(True)
        self.brand_box.clear()
        self.brand_box.addItem(self.tr("All brands"), None)
        for b in self.ws.brands.all():
            self.brand_box.addItem(b.name, b.id)
        self.brand_box.setCurrentIndex(max(self.brand_box.findData(current), 0))
        self.brand_box.blockSignals(False)

    def current_filter(self) -> InboxFilter:
        return InboxFilter(
            brand_id=self.brand_box.currentData(),
            network=Network(net) if (net := self.network_box.currentData()) else None,
            kind=InboxKind(kind) if (kind := self.kind_box.currentData()) else None,
            unread=self.unread_box.isChecked(),
            needs_reply=self.needs_box.isChecked(),
            flagged=self.flagged_box.isChecked(),
        )

    def reload(self) -> None:
        keep = self._current.entry.id if self._current else None
        self.model.set_source(partial(self.inbox.page, self.current_filter()))
        self._show_counts()
        self._show_crisis(next(iter(self.inbox.community.alerts()), None))
        row = self.model.row_of(keep) if keep is not None else -1
        if row >= 0:
            self.select_row(row)
        else:
            self._show(None)

    def _show_counts(self) -> None:
        unread, waiting = self.inbox.counts()
        self.status.setText(
            self.tr("%1 unread · %2 to answer")
            .replace("%1", str(unread))
            .replace("%2", str(waiting))
        )

    @Slot(int)
    def on_published_reply(self, item_id: int) -> None:
        """The publisher sent a reply that had waited: update its row and the counts; the
        open conversation shows it as answered unless the user is writing something else."""
        try:
            entry = self.inbox.get(item_id)
        except KnownError:
            return
        self.model.replace(entry)
        self._show_counts()
        current = self._current
        same = current is not None and current.entry.id == item_id
        if same and current and self.reply_edit.toPlainText() == entry.reply_text:
            self._show(replace(current, entry=entry))

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)  # fmt: skip
        self.view.selectionModel().setCurrentIndex(index, flags)
        self.view.scrollTo(index)

    @Slot()
    def _on_filter_changed(self) -> None:
        self.reload()

    @Slot(QModelIndex, QModelIndex)
    def _on_view_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = self.model.entry(current.row())
        if entry is None:
            self._show(None)
            return
        if not entry.read:
            self.inbox.mark([entry.id], read=True)
            entry = self.inbox.get(entry.id)
            self.model.replace(entry)
        self._show(self.inbox.conversation(entry.id))

    def _show(self, conv: Conversation | None) -> None:
        self._current = conv
        self._set_enabled(conv is not None)
        if conv is None:
            self.header.setText(self.tr("Select a message (j/k to move)."))
            self.why.clear()
            self.thread_view.clear()
            self.note_edit.clear()
            self.reply_edit.clear()
            return
        e = conv.entry
        self.header.setText(
            f"<b>{html.escape(e.author_name or e.author_handle)}</b>"
            f" @{html.escape(e.author_handle)}"
            f" · {html.escape(e.network.label)} · {html.escape(self.tr(e.kind.value))}"
            f" · {html.escape(e.brand_name)}"
        )
        why = "; ".join(e.reasons)
        self.why.setText(self.tr("Why: %1").replace("%1", why) if why else "")
        self.thread_view.setHtml(thread_html(conv))
        self.note_edit.setText(conv.member_note)
        self.tone_box.setCurrentIndex(self.tone_box.findData(e.tone.value))
        self.saved_box.clear()
        self.saved_box.addItem(self.tr("Insert a saved reply…"), None)
        for r in self.inbox.community.saved_replies(e.brand_id):
            label = (self.tr("Holding: ") if r.holding else "") + r.name
            self.saved_box.addItem(label, r.body)
        self.like_button.setEnabled(not e.liked)
        self.boost_button.setEnabled(not e.reposted)
        self.reply_edit.setPlainText(e.reply_text if not e.replied else "")
        if not self.reply_edit.toPlainText():
            self.reply_edit.setPlainText(inbox_actions.reply_prefix(e))
        self._on_reply_changed()

    # ---- reply ----------------------------------------------------------------------------

    @Slot()
    def _on_reply_changed(self) -> None:
        if self._current is None:
            return
        text = self.reply_edit.toPlainText()
        check = inbox_actions.check_reply(self.inbox, self._current.entry.id, text)
        msg = (
            self.tr("%1 of %2")
            .replace("%1", str(check.report.length))
            .replace("%2", str(check.report.limit))
        )
        if check.problems:
            msg += " — " + "; ".join(p.message for p in check.problems)
        self.check_label.setText(msg)
        self.check_label.setStyleSheet("" if check.ok else "color: #c0392b;")
        self.send_button.setEnabled(check.ok and bool(text.strip()))
        preview = inbox_actions.preview_reply(self.inbox, self._current.entry.id, text)
        spans = "".join(
            f"<span style='color:#1d6fd8'>{html.escape(s.text)}</span>"
            if s.kind != "text" else html.escape(s.text)
            for part in preview.parts for s in part.spans
        )  # fmt: skip
        self.preview.setText(
            f"<b>{html.escape(preview.display_name)}</b> <span style='color:#777'>"
            f"@{html.escape(preview.handle)}</span><br>{spans}"
        )

    @Slot()
    def send_reply(self) -> None:
        if self._current is None:
            return
        item_id, text = self._current.entry.id, self.reply_edit.toPlainText()
        self.send_button.setEnabled(False)
        self.status.setText(self.tr("Sending the reply…"))
        inbox = self.inbox
        self.runner.run(
            lambda: inbox_actions.reply(inbox, item_id, text),
            self._on_reply_done,
            self._on_action_failed,
        )

    @Slot(object)
    def _on_reply_done(self, entry: InboxEntry) -> None:
        self.status.setText(self.tr("Reply sent."))
        self.reply_sent.emit(entry.id)
        self.reload()

    @Slot(object)
    def _on_action_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, KnownError):
            self.runner.report(exc)
            return
        self.status.setText(exc.message)
        self.check_label.setText(f"{exc.message} {exc.hint}".strip())
        self.check_label.setStyleSheet("color: #c0392b;")
        self.reload()

    def _like(self, repost: bool) -> None:
        if self._current is None:
            return
        item_id, inbox = self._current.entry.id, self.inbox
        self.runner.run(
            lambda: inbox_actions.like(inbox, item_id, repost=repost),
            self._on_like_done,
            self._on_action_failed,
        )

    @Slot()
    def _on_like_clicked(self) -> None:
        self._like(False)

    @Slot()
    def _on_boost_clicked(self) -> None:
        self._like(True)

    @Slot(object)
    def _on_like_done(self, entry: InboxEntry) -> None:
        self.model.replace(entry)
        self.like_button.setEnabled(not entry.liked)
        self.boost_button.setEnabled(not entry.reposted)

    @Slot(int)
    def _on_saved_chosen(self, index: int) -> None:
        body = self.saved_box.itemData(index)
        if self._current is None or not body:
            return
        e = self._current.entry
        self.reply_edit.setPlainText(
            inbox_actions.reply_prefix(e)
            + fill_variables(str(body), name=e.author_name, handle=e.author_handle)
        )
        self.saved_box.setCurrentIndex(0)

    # ---- keyboard and marks ---------------------------------------------------------------

    @Slot()
    def next_item(self) -> None:
        row = self.view.currentIndex().row()
        self.model.ensure(row + 1)
        if self.model.rowCount():
            self.select_row(min(row + 1, self.model.rowCount() - 1))

    @Slot()
    def previous_item(self) -> None:
        row = self.view.currentIndex().row()
        if self.model.rowCount():
            self.select_row(max(row - 1, 0))

    @Slot()
    def focus_reply(self) -> None:
        if self._current is not None:
            self.reply_edit.setFocus()
            self.reply_edit.moveCursor(self.reply_edit.textCursor().MoveOperation.End)

    @Slot()
    def mark_done(self) -> None:
        if self._current is None:
            return
        row = self.view.currentIndex().row()
        self.inbox.mark([self._current.entry.id], done=True)
        self.model.replace(self.inbox.get(self._current.entry.id))
        self.model.ensure(row + 1)
        if self.model.rowCount() > row + 1:
            self.select_row(row + 1)

    @Slot()
    def _on_note_edited(self) -> None:
        if self._current is not None:
            e = self._current.entry
            self.inbox.community.set_note(
                e.brand_id, e.network, e.author_handle, self.note_edit.text()
            )

    @Slot(int)
    def _on_tone_chosen(self, index: int) -> None:
        tone = self.tone_box.itemData(index)
        if (
            self._current is not None
            and isinstance(tone, Tone)
            and tone != self._current.entry.tone
        ):
            self.model.replace(self.inbox.set_tone(self._current.entry.id, tone))

    @Slot()
    def open_watch(self) -> InboxWatchDialog:
        brands = [(b.id, b.name) for b in self.ws.brands.all()]
        dialog = InboxWatchDialog(self.inbox, brands, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.select_brand(self.brand_box.currentData() or 0)
        dialog.changed.connect(self.reload)
        dialog.open()
        return dialog

    # ---- sync and crisis ------------------------------------------------------------------

    @Slot()
    def sync(self) -> None:
        if self._sync_task is not None or self._stop.is_set():
            return
        self.sync_button.setEnabled(False)
        self.status.setText(self.tr("Reading the networks…"))
        inbox, stop = self.inbox, self._stop

        def work() -> SyncReport:
            return inbox.sync(should_stop=stop.is_set)

        self._sync_task = self.runner.run(work, self._on_synced, self._on_sync_failed)

    @Slot(object)
    def _on_synced(self, report: SyncReport) -> None:
        self._sync_task = None
        self.sync_button.setEnabled(True)
        alerted = {c.brand_id for c in report.alerts}
        for crisis in report.alerts:
            if crisis.brand_id not in self._alerted:
                self.crisis_alerted.emit(crisis)
        self._alerted = alerted
        lines = [f"{a.handle}: {a.error}" for a in report.failed]
        lines += [p for a in report.accounts for p in a.problems]
        lines += [self.tr("Cannot be read: %1").replace("%1", u) for u in report.unreadable]
        self.unreadable_label.setText("\n".join(lines))
        self.unreadable_label.setVisible(bool(lines))
        self.reload()
        self.status.setText(
            self.tr("%1 new").replace("%1", str(report.new)) + " · " + self.status.text()
        )
        self.synced.emit(report.new)

    @Slot(object)
    def _on_sync_failed(self, exc: BaseException) -> None:
        self._sync_task = None
        self.sync_button.setEnabled(True)
        self._on_action_failed(exc)

    def _show_crisis(self, crisis: CrisisStatus | None) -> None:
        self._crisis = crisis
        self.banner.setVisible(crisis is not None)
        if crisis is None:
            return
        if crisis.alert:
            text = crisis_text(crisis)
        else:
            text = self.tr("Publishing for %1 is paused.").replace("%1", crisis.brand_name)
        self.banner_label.setText(text)
        self.pause_button.setText(
            self.tr("Resume publishing") if crisis.paused else self.tr("Pause publishing")
        )
        self.holding_button.setVisible(bool(crisis.holding))

    @Slot()
    def _on_pause_clicked(self) -> None:
        if self._crisis is not None:
            self.inbox.community.set_paused(self._crisis.brand_id, not self._crisis.paused)
            self.reload()

    @Slot()
    def _on_holding_clicked(self) -> None:
        if self._crisis is None or not self._crisis.holding or self._current is None:
            return
        e = self._current.entry
        body = fill_variables(
            self._crisis.holding[0].body, name=e.author_name, handle=e.author_handle
        )
        self.reply_edit.setPlainText(inbox_actions.reply_prefix(e) + body)
        self.focus_reply()

    def start_auto_sync(
        self, every_ms: int = AUTO_EVERY_MS, first_ms: int = AUTO_FIRST_MS
    ) -> QTimer:
        """Sync (with the saved searches) after ``first_ms``, then every ``every_ms``."""
        if self.auto_timer is None:
            self.auto_timer = QTimer(self)
            self.auto_timer.setSingleShot(True)
            self.auto_timer.timeout.connect(self._on_auto_timer_timeout)
        self._every_ms = every_ms
        self.auto_timer.start(first_ms)
        return self.auto_timer

    @Slot()
    def _on_auto_timer_timeout(self) -> None:
        self.sync()
        if self.auto_timer is not None and not self._stop.is_set():
            self.auto_timer.start(self._every_ms)

    def stop(self) -> None:
        """Closing: no more syncs; a running one ends after its account, its outcome dropped."""
        self._stop.set()
        if self.auto_timer is not None:
            self.auto_timer.stop()
        if self._sync_task is not None:
            self._sync_task.cancel()
