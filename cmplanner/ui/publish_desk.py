"""The publisher as the user meets it in the window: notices, tray, status bar, decisions.

``PublishDesk`` lives on the GUI thread beside the ``PublisherRunner``. It turns what the
worker reports into things to act on:

- a target that failed → a tray message (when the desktop has a system tray; otherwise the
  in-app notice alone) and a notice with "Open post" and "Retry";
- an inbox reply that was not sent (refused, unknown) → a notice with "Publish log…";
  its account needing reconnecting → the account's notice;
- a target in "unknown — check" → a notice that opens the post, where the user says whether
  it went out;
- an account that needs reconnecting or is rate-limited → a notice with "Accounts…";
- posts whose slot passed unattended and whose brand says "ask" → a notice each with
  "Publish now" / "Skip", at start and after the laptop wakes;
- no connection while posts are due → "Offline — N posts will publish when online" in the
  status bar and on those chips' tooltips.

The user's decisions (retry, resolve, publish now, skip) only write the database: the desk
calls its own ``Publisher`` for them (never the worker's) and wakes the worker. Sending a
post to a network's scheduler is network I/O: the worker does it (``runner.hand_off``).
When a handed-off post is moved or edited, the desk wakes the worker, whose next round
updates the server-side copy. The publisher module is imported at the first need, not at
start-up.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLabel, QMainWindow, QSystemTrayIcon, QWidget

from cmplanner.domain.accounts import HealthState, clock_time
from cmplanner.domain.enums import TargetState
from cmplanner.domain.errors import InvalidInput, KnownError
from cmplanner.domain.publishing import MissedPost, RunSummary, TargetResult
from cmplanner.services.workspace import Workspace
from cmplanner.ui.change_relay import ChangeRelay
from cmplanner.ui.publish_notices import NoticeButton, NoticeLevel, PublishNotices
from cmplanner.ui.publish_texts import account_text, head, laptop_zone, lateness, state_text, tr
from cmplanner.ui.publisher_worker import HandOffDone, PublisherRunner

if TYPE_CHECKING:
    from cmplanner.services.publish_replies import ReplyOutcome
    from cmplanner.services.publisher import Publisher
    from cmplanner.ui.publish_log import PublishLogDialog

log = logging.getLogger(__name__)

#: A gap this much longer than the worker's interval between two rounds means the laptop
#: slept: notices the user hid come back.
WAKE_GAP = timedelta(minutes=2)
_WAITING = (TargetState.PENDING, TargetState.RETRY)


class PublishDesk(QObject):
    """Notices, tray and status for the publisher, and the user's publishing decisions.

    Signals:
        results_changed(int): a post's publishing results may have changed (0: any post).
        hand_off_finished(HandOffDone): a "send to the network's scheduler" request ended.
        open_post_requested(int): show this post in the composer.
        accounts_requested(): open the Accounts window.
    """

    results_changed = Signal(int)
    hand_off_finished = Signal(object)
    open_post_requested = Signal(int)
    accounts_requested = Signal()

    def __init__(
        self,
        ws: Workspace,
        runner: PublisherRunner | None,
        window: QMainWindow,
        *,
        use_tray: bool | None = None,
    ) -> None:
        super().__init__(window)
        self.ws = ws
        self.runner = runner
        self._window = window
        self._publisher: Publisher | None = None
        self.notices = PublishNotices(window)
        self.notices.action_triggered.connect(self._on_notices_action_triggered)
        self.notices.dismissed.connect(self._on_notices_dismissed)
        self.offline_label = QLabel(window)
        self.offline_label.setObjectName("offlineStatus")
        self.offline_label.setStyleSheet("color: #8a5a00; padding: 0 6px;")
        self.offline_label.hide()
        window.statusBar().addPermanentWidget(self.offline_label)
        self.offline = False
        self.waiting_offline: frozenset[int] = frozenset()
        self._context: dict[str, int] = {}  # notice key → post id it opens
        self._dismissed: set[str] = set()
        self._last_round: datetime | None = None
        self.log_dialog: PublishLogDialog | None = None
        self.relay = ChangeRelay(ws.notifier, self)
        self.relay.posts_changed_ids.connect(self._on_relay_posts_changed_ids)
        self.relay.accounts_changed.connect(self._on_relay_accounts_changed)
        if use_tray is None:
            use_tray = QSystemTrayIcon.isSystemTrayAvailable()
        self.tray: QSystemTrayIcon | None = None
        self._tray_post = 0
        if use_tray:
            self._make_tray()
        else:
            log.info("no system tray: publishing failures are shown in the window only")
        if runner is not None:
            runner.target_failed.connect(self._on_runner_target_failed)
            runner.run_finished.connect(self._on_runner_run_finished)
            runner.reply_failed.connect(self._on_runner_reply_failed)
            runner.hand_off_finished.connect(self._on_runner_hand_off_finished)
            runner.post_changed.connect(self._on_runner_post_changed)

    # ---- the desk's own publisher (database-only calls, on this thread) -----------------

    def publisher(self) -> Publisher:
        if self._publisher is None:
            if self.runner is not None:
                self._publisher = self.runner.make_publisher()
            else:
                from cmplanner.services.publisher import publisher_for

                self._publisher = publisher_for(self.ws)
        return self._publisher

    def targets(self, post_id: int) -> list[TargetResult]:
        """The post's targets, "offline" marked on those the lost connection holds back."""
        out = self.publisher().targets(post_id)
        if post_id not in self.waiting_offline:
            return out
        return [replace(t, waiting_offline=t.state in _WAITING) for t in out]

    # ---- the user's decisions --------------------------------------------------------

    def retry(self, target_id: int) -> TargetResult:
        """Send a failed, unknown or parked target again now (raises KnownError)."""
        result = self.publisher().retry(target_id)
        self.notices.drop(f"target:{target_id}")
        self._wake()
        return result

    def resolve_unknown(self, target_id: int, published: bool, url: str = "") -> TargetResult:
        """The user checked: it is on the network (with its URL, if given), or send it."""
        publisher = self.publisher()
        result = publisher.resolve_unknown(target_id, published, url)
        if not published:
            result = publisher.retry(target_id)
            self._wake()
        self.notices.drop(f"target:{target_id}")
        return result

    def decide_missed(self, post_id: int, publish: bool) -> None:
        self.publisher().decide_missed(post_id, publish)
        self.notices.drop(f"missed:{post_id}")
        if publish:
            self._wake()

    def hand_off(self, post_id: int) -> None:
        """Ask the worker to send the post to its networks' schedulers (answer by signal)."""
        if self.runner is None or not self.runner.hand_off(post_id):
            raise InvalidInput(
                "The publisher is not running in this window.",
                "Restart cmplanner, or use cmplanner publish-due from a terminal.",
            )

    def _wake(self) -> None:
        if self.runner is not None:
            self.runner.wake()

    def close(self) -> None:
        """The window is closing: stop listening, close the log, take the tray icon away."""
        self.relay.detach()
        if self.log_dialog is not None:
            self.log_dialog.close()
        if self.tray is not None:
            self.tray.hide()

    # ---- windows ---------------------------------------------------------------------

    @Slot()
    def show_log(self) -> PublishLogDialog:
        """The publish log (not modal; one at a time)."""
        from cmplanner.ui.publish_log import PublishLogDialog

        if self.log_dialog is None:
            self.log_dialog = PublishLogDialog(self.ws, self, self._window)
            self.log_dialog.open_requested.connect(self._on_log_open_requested)
        self.log_dialog.reload()
        if self.log_dialog.isVisible():
            self.log_dialog.raise_()  # already open: bring it forward
        self.log_dialog.show()
        return self.log_dialog

    def chip_note(self, post_id: int) -> str:
        """A line for a chip's tooltip: offline, handed off, or how each network went."""
        if post_id in self.waiting_offline:
            return tr("Offline — will publish when online")
        if self._publisher is None and self.runner is None:
            return ""
        lines = [
            f"{t.network.label}: {state_text(t)}"
            for t in self.targets(post_id)
            if t.state is not TargetState.PENDING
        ]
        return "<br>".join(lines)

    # ---- the worker's reports --------------------------------------------------------

    @Slot(object)
    def _on_runner_target_failed(self, result: TargetResult) -> None:
        who = account_text(result.network, result.handle)
        if result.state is TargetState.NEEDS_RECONNECT:
            self._reconnect_notice(result.account_id, who, result.last_error)
            return
        post_head = self._post_head(result.post_id)
        key = f"target:{result.target_id}"
        self._context[key] = result.post_id
        self._dismissed.discard(key)
        if result.state is TargetState.UNKNOWN:
            text = (
                tr("“%1” on %2: cmplanner cannot tell whether it went out (%3). Check the account.")
                .replace("%1", post_head)
                .replace("%2", who)
                .replace("%3", result.last_error or tr("it stopped in the middle of sending"))
            )
            buttons = [NoticeButton("open", tr("Check…"))]
            title = tr("cmplanner: check a post")
        else:
            text = (
                tr("“%1” was not published on %2: %3")
                .replace("%1", post_head)
                .replace("%2", who)
                .replace("%3", result.last_error or tr("no reason given"))
            )
            buttons = [NoticeButton("open", tr("Open post")), NoticeButton("retry", tr("Retry"))]
            title = tr("cmplanner: a post was not published")
        self.notices.show_notice(key, text, buttons)
        self._tray_message(title, text, result.post_id)

    @Slot(object)
    def _on_runner_reply_failed(self, outcome: ReplyOutcome) -> None:
        from cmplanner.services.publish_replies import ReplyState

        who = account_text(outcome.network, outcome.handle)
        if outcome.state is ReplyState.NEEDS_RECONNECT:
            self._reconnect_notice(outcome.account_id, who, outcome.error)
            return
        key = f"reply:{outcome.item_id}"
        self._dismissed.discard(key)
        text = (
            tr("Your reply to @%1 from %2 was not sent: %3")
            .replace("%1", outcome.author_handle)
            .replace("%2", who)
            .replace("%3", outcome.error or tr("no reason given"))
        )
        self.notices.show_notice(key, text, [NoticeButton("log", tr("Publish log…"))])
        self._tray_message(tr("cmplanner: a reply was not sent"), text, 0)

    @Slot(object)
    def _on_runner_run_finished(self, summary: RunSummary) -> None:
        now = datetime.now(UTC)
        interval = timedelta(milliseconds=self.runner.interval_ms if self.runner else 60_000)
        woke = self._last_round is not None and now - self._last_round > interval + WAKE_GAP
        came_online = self.offline and not summary.offline
        self._last_round = now
        if woke or came_online:
            self._dismissed.clear()  # after a sleep, say again what still waits
        self._show_offline(summary)
        if summary.waiting_decision or self._has("missed:"):
            self._show_missed(self.publisher().missed_waiting())
        if summary.rate_limited or summary.needs_reconnect or self._has("rate:", "account:"):
            self._show_account_health()
        if summary.problem:
            self.notices.show_notice("problem", summary.problem, level=NoticeLevel.ERROR)
        else:
            self.notices.drop("problem")

    @Slot(object)
    def _on_runner_hand_off_finished(self, done: HandOffDone) -> None:
        self.hand_off_finished.emit(done)
        self.results_changed.emit(done.post_id)

    @Slot(int)
    def _on_runner_post_changed(self, post_id: int) -> None:
        self.results_changed.emit(post_id)

    @Slot(list)
    def _on_relay_posts_changed_ids(self, ids: list[int]) -> None:
        for post_id in ids or [0]:
            self.results_changed.emit(post_id)
        if not ids or self.runner is None or not self.runner.is_running():
            return
        handed_off = any(
            t.state is TargetState.HANDED_OFF for t in self.publisher().targets_of(ids)
        )
        if handed_off:  # moved, edited or unscheduled: the next round updates the server copy
            self.runner.wake()

    @Slot()
    def _on_relay_accounts_changed(self) -> None:
        if self._has("rate:", "account:"):
            self._show_account_health()

    # ---- notices ---------------------------------------------------------------------

    def _has(self, *prefixes: str) -> bool:
        return any(k.startswith(prefixes) for k in self.notices.notice_keys())

    def _show_offline(self, summary: RunSummary) -> None:
        self.offline = summary.offline
        self.waiting_offline = frozenset(summary.waiting_offline_post_ids)
        n = len(self.waiting_offline)
        if summary.offline and n:
            self.offline_label.setText(
                tr("Offline — 1 post will publish when online")
                if n == 1
                else tr("Offline — %1 posts will publish when online").replace("%1", str(n))
            )
            self.offline_label.setToolTip(
                tr("cmplanner cannot reach the networks' servers; it tries again every minute.")
            )
            self.offline_label.show()
        else:
            self.offline_label.hide()

    def _show_missed(self, missed: Sequence[MissedPost]) -> None:
        keys = {f"missed:{m.post_id}" for m in missed}
        self.notices.drop_where("missed:", keep=keys)
        zone = laptop_zone()
        for m in sorted(missed, key=lambda m: m.scheduled_utc, reverse=True):
            key = f"missed:{m.post_id}"
            if key in self._dismissed or self.notices.row(key) is not None:
                continue
            try:
                post = self.ws.posts.get(m.post_id)
            except KnownError:
                continue
            when = f"{m.scheduled_utc.astimezone(zone):%a %d %b %H:%M}"
            text = (
                tr("“%1” (%2) was due %3, %4 ago, while cmplanner was closed, asleep or offline.")
                .replace("%1", head(post.text))
                .replace("%2", post.brand_name)
                .replace("%3", when)
                .replace("%4", lateness(m.late_by_minutes))
            )
            self._context[key] = m.post_id
            self.notices.show_notice(
                key,
                text,
                [
                    NoticeButton("publish", tr("Publish now")),
                    NoticeButton("skip", tr("Skip")),
                    NoticeButton("open", tr("Open post")),
                ],
                level=NoticeLevel.WARNING,
            )

    def _show_account_health(self) -> None:
        shown: set[str] = set()
        now = self.ws.clock.now()
        for h in self.ws.accounts.health(tz=laptop_zone()):
            who = account_text(h.account.network, h.account.handle)
            if h.state is HealthState.NEEDS_RECONNECT:
                shown.add(self._reconnect_notice(h.account.id, who, h.reason))
            elif h.state is HealthState.RATE_LIMITED and h.rate_limited_until_utc is not None:
                key = f"rate:{h.account.id}"
                shown.add(key)
                if key in self._dismissed:
                    continue
                until = clock_time(h.rate_limited_until_utc, now, laptop_zone())
                text = (
                    tr("%1 is rate-limited until %2: its posts wait and go out then.")
                    .replace("%1", who)
                    .replace("%2", until)
                )
                self.notices.show_notice(
                    key, text, [NoticeButton("accounts", tr("Accounts…"))],
                    level=NoticeLevel.WARNING,
                )  # fmt: skip
        self.notices.drop_where("rate:", keep=shown)
        self.notices.drop_where("account:", keep=shown)

    def _reconnect_notice(self, account_id: int, who: str, reason: str) -> str:
        key = f"account:{account_id}"
        if key not in self._dismissed:
            text = tr("%1 needs reconnecting; its posts wait until you reconnect it.").replace(
                "%1", who
            )
            if reason:  # the network's words and what to do
                text = tr("%1 needs reconnecting; its posts wait meanwhile. %2")
                text = text.replace("%1", who).replace("%2", reason)
            self.notices.show_notice(key, text, [NoticeButton("accounts", tr("Reconnect…"))])
        return key

    def _post_head(self, post_id: int) -> str:
        try:
            return head(self.ws.posts.get(post_id).text)
        except KnownError:
            return tr("post %1").replace("%1", str(post_id))

    @Slot(str, str)
    def _on_notices_action_triggered(self, key: str, action: str) -> None:
        post_id = self._context.get(key, 0)
        try:
            if action == "open" and post_id:
                self.open_post_requested.emit(post_id)
            elif action == "retry" and key.startswith("target:"):
                self.retry(int(key.split(":", 1)[1]))
            elif action == "publish" and post_id:
                self.decide_missed(post_id, True)
            elif action == "skip" and post_id:
                self.decide_missed(post_id, False)
            elif action == "accounts":
                self.accounts_requested.emit()
            elif action == "log":
                self.show_log()
        except KnownError as exc:
            text = exc.message if not exc.hint else f"{exc.message} {exc.hint}"
            self.notices.show_notice(key, text, [NoticeButton("open", tr("Open post"))])

    @Slot(str)
    def _on_notices_dismissed(self, key: str) -> None:
        self._dismissed.add(key)

    @Slot(int)
    def _on_log_open_requested(self, post_id: int) -> None:
        self.open_post_requested.emit(post_id)

    # ---- the tray --------------------------------------------------------------------

    def _make_tray(self) -> None:
        from cmplanner.resources import app_icon_path

        icon = QIcon(str(app_icon_path()))
        self.tray = QSystemTrayIcon(icon, self)
        self.tray.setToolTip(tr("cmplanner — publishing"))
        self.tray.messageClicked.connect(self._on_tray_message_clicked)
        self.tray.show()

    def _tray_message(self, title: str, text: str, post_id: int) -> None:
        if self.tray is None:
            return
        self._tray_post = post_id
        self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Warning, 15_000)

    @Slot()
    def _on_tray_message_clicked(self) -> None:
        window: QWidget = self._window
        window.showNormal()
        window.raise_()
        window.activateWindow()
        if self._tray_post:
            self.open_post_requested.emit(self._tray_post)
