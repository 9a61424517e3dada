"""The publisher on its own thread while the window is open (STYLE.md §3, TESTING.md §3).

``PublisherWorker`` lives on a ``QThread``: a single-shot ``QTimer`` wakes it when the next
post, retry or rate-limit end is due (at most every ``interval_ms``), it runs
``Publisher.publish_due`` — which opens its own sessions and reports through the notifier —
and emits ids and frozen dataclasses, never ORM rows. ``PublisherRunner`` lives on the GUI
thread: it owns the thread, re-emits the worker's signals from its own bound methods (so
receivers run on the GUI thread), and stops it cleanly: the worker quits its thread itself,
the runner waits for it, and only then drops its references (no ``deleteLater``).

The publisher module (and ``requests``) is imported on the worker thread at its first run,
never on the window's start-up path.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from cmplanner.domain.enums import TargetState

if TYPE_CHECKING:
    from cmplanner.domain.publishing import RunSummary, TargetResult
    from cmplanner.services.publish_handoff import HandOffReport
    from cmplanner.services.publish_replies import ReplyOutcome
    from cmplanner.services.publisher import Publisher

log = logging.getLogger(__name__)

#: Target states that raise a notice for the user.
FAILED_STATES = (TargetState.FAILED, TargetState.NEEDS_RECONNECT, TargetState.UNKNOWN)
#: Posts published per timer tick: the stop request is honoured between ticks.
POSTS_PER_TICK = 10


@dataclass(frozen=True)
class HandOffDone:
    """How a "send to the network's scheduler" request ended (``report`` None: refused)."""

    post_id: int
    report: HandOffReport | None
    message: str = ""
    hint: str = ""


class PublisherWorker(QObject):
    """Runs publishing rounds on its thread.

    Signals:
        post_changed(int): a post's publishing state changed.
        target_failed(TargetResult): a target failed, needs reconnecting or is unknown.
        run_finished(RunSummary): one round is over.
        reply_failed(ReplyOutcome): an inbox reply failed, needs reconnecting or is unknown.
        reply_sent(int): the inbox item with this id was answered.
        hand_off_finished(HandOffDone): a hand-off request ended.
        stopped(): the worker quit its thread.

    Each round first brings handed-off copies in step with the calendar
    (``Publisher.sync_handoffs``): the window wakes the worker when such a post changes.
    """

    post_changed = Signal(int)
    target_failed = Signal(object)
    run_finished = Signal(object)
    reply_failed = Signal(object)
    reply_sent = Signal(int)
    hand_off_finished = Signal(object)
    stopped = Signal()

    def __init__(
        self,
        make_publisher: Callable[[], Publisher],
        *,
        interval_ms: int = 60_000,
        first_delay_ms: int = 2_000,
    ) -> None:
        super().__init__()
        self._make_publisher = make_publisher
        self._publisher: Publisher | None = None
        self.interval_ms = interval_ms
        self.first_delay_ms = first_delay_ms
        self._timer: QTimer | None = None

    @Slot()
    def start(self) -> None:
        """On the worker thread: make the timer here, so it lives and fires here."""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start(self.first_delay_ms)

    @Slot()
    def wake(self) -> None:
        """Run soon (a post was scheduled for now, the connection came back...)."""
        if self._timer is not None:
            self._timer.start(0)

    @Slot(int)
    def hand_off(self, post_id: int) -> None:
        """Send the post to its networks' schedulers (network I/O: here, not on the GUI)."""
        from cmplanner.domain.errors import KnownError

        try:
            report = self._get_publisher().hand_off(post_id)
        except KnownError as exc:
            done = HandOffDone(post_id, None, exc.message, exc.hint)
        except Exception as exc:  # a bug: say it, keep the thread
            log.exception("hand-off of post %s failed", post_id)
            done = HandOffDone(post_id, None, str(exc) or type(exc).__name__)
        else:
            done = HandOffDone(post_id, report)
        self.post_changed.emit(post_id)
        self.hand_off_finished.emit(done)

    def _get_publisher(self) -> Publisher:
        if self._publisher is None:
            self._publisher = self._make_publisher()
        return self._publisher

    @Slot()
    def stop(self) -> None:
        try:
            if self._timer is not None:
                self._timer.stop()
                self._timer = None
            self._publisher = None
        finally:
            self.stopped.emit()
            thread = self.thread()
            if thread is not None:
                thread.quit()

    @Slot()
    def _on_timer_timeout(self) -> None:
        thread = self.thread()
        if thread is not None and thread.isInterruptionRequested():
            return
        delay = self.interval_ms
        try:
            delay = self._round()
        except Exception:  # a bug must not kill the thread: log it and try again later
            log.exception("publishing round failed")
        if self._timer is not None and not (thread and thread.isInterruptionRequested()):
            self._timer.start(max(0, min(delay, self.interval_ms)))

    def _report_replies(self, publisher: Publisher) -> None:
        from cmplanner.services.publish_replies import FAILED_STATES as REPLY_FAILED
        from cmplanner.services.publish_replies import ReplyState

        for outcome in publisher.last_replies:
            if outcome.state is ReplyState.SENT:
                self.reply_sent.emit(outcome.item_id)
            elif outcome.state in REPLY_FAILED:
                self.reply_failed.emit(outcome)

    def _round(self) -> int:
        publisher = self._get_publisher()
        try:
            publisher.sync_handoffs()  # moved or edited posts update their server-side copy
        except Exception:
            log.exception("syncing handed-off posts failed")
        summary = publisher.publish_due(POSTS_PER_TICK)
        changed = summary.changed_post_ids
        for post_id in changed:
            self.post_changed.emit(post_id)
        if changed:
            for result in publisher.targets_of(changed):
                if result.state in FAILED_STATES:
                    self.target_failed.emit(result)
        self._report_replies(publisher)
        self.run_finished.emit(summary)
        if summary.published + summary.failed >= POSTS_PER_TICK:
            return 0  # more may be due: go on at once
        wake = publisher.next_wake_utc()
        if wake is None:
            return self.interval_ms
        wait_ms = (wake - publisher.now()).total_seconds() * 1000
        return max(1_000 if wait_ms <= 0 else int(wait_ms) + 50, 0)


class PublisherRunner(QObject):
    """The worker's thread, owned by the window; re-emits the worker's signals here.

    Signals:
        post_changed(int), target_failed(TargetResult), run_finished(RunSummary),
            reply_failed(ReplyOutcome), reply_sent(int), hand_off_finished(HandOffDone):
            as the worker's, delivered on the GUI thread.
    """

    post_changed = Signal(int)
    target_failed = Signal(object)
    run_finished = Signal(object)
    reply_failed = Signal(object)
    reply_sent = Signal(int)
    hand_off_finished = Signal(object)
    _start_requested = Signal()
    _stop_requested = Signal()
    _wake_requested = Signal()
    _hand_off_requested = Signal(int)

    def __init__(
        self,
        make_publisher: Callable[[], Publisher],
        parent: QObject | None = None,
        *,
        interval_ms: int = 60_000,
        first_delay_ms: int = 2_000,
    ) -> None:
        super().__init__(parent)
        #: Builds a publisher (the window makes its own for quick database-only calls).
        self.make_publisher = make_publisher
        self.interval_ms = interval_ms
        self._first_delay_ms = first_delay_ms
        self.thread_: QThread | None = None
        self.worker: PublisherWorker | None = None
        self.last_summary: RunSummary | None = None
        self.started_utc: datetime | None = None

    def is_running(self) -> bool:
        return self.thread_ is not None and self.thread_.isRunning()

    def start(self) -> None:
        if self.thread_ is not None:
            return
        thread = QThread()
        thread.setObjectName("cmplanner-publisher")
        worker = PublisherWorker(
            self.make_publisher,
            interval_ms=self.interval_ms,
            first_delay_ms=self._first_delay_ms,
        )
        worker.moveToThread(thread)
        worker.post_changed.connect(self._on_worker_post_changed)
        worker.target_failed.connect(self._on_worker_target_failed)
        worker.run_finished.connect(self._on_worker_run_finished)
        worker.reply_failed.connect(self._on_worker_reply_failed)
        worker.reply_sent.connect(self._on_worker_reply_sent)
        worker.hand_off_finished.connect(self._on_worker_hand_off_finished)
        self._hand_off_requested.connect(worker.hand_off)
        self._start_requested.connect(worker.start)
        self._stop_requested.connect(worker.stop)
        self._wake_requested.connect(worker.wake)
        self.thread_, self.worker = thread, worker
        thread.start()
        self.started_utc = datetime.now(UTC)
        self._start_requested.emit()

    def wake(self) -> None:
        if self.worker is not None:
            self._wake_requested.emit()

    def hand_off(self, post_id: int) -> bool:
        """Ask the worker to hand the post off; False when the publisher is not running."""
        if self.worker is None:
            return False
        self._hand_off_requested.emit(post_id)
        return True

    def stop(self, timeout_ms: int = 60_000) -> bool:
        """Ask the worker to stop after its current round and wait for its thread."""
        thread, worker = self.thread_, self.worker
        if thread is None or worker is None:
            return True
        thread.requestInterruption()
        self._stop_requested.emit()  # queued to the worker: it quits its own thread
        finished = thread.wait(timeout_ms)
        if not finished:
            log.error("the publisher thread did not stop in %s ms", timeout_ms)
            return False
        for signal in (
            self._start_requested,
            self._stop_requested,
            self._wake_requested,
            self._hand_off_requested,
        ):
            signal.disconnect()
        self.thread_, self.worker = None, None
        return True

    @Slot(int)
    def _on_worker_post_changed(self, post_id: int) -> None:
        self.post_changed.emit(post_id)

    @Slot(object)
    def _on_worker_target_failed(self, result: TargetResult) -> None:
        self.target_failed.emit(result)

    @Slot(object)
    def _on_worker_reply_failed(self, outcome: ReplyOutcome) -> None:
        self.reply_failed.emit(outcome)

    @Slot(int)
    def _on_worker_reply_sent(self, item_id: int) -> None:
        self.reply_sent.emit(item_id)

    @Slot(object)
    def _on_worker_hand_off_finished(self, done: HandOffDone) -> None:
        self.hand_off_finished.emit(done)

    @Slot(object)
    def _on_worker_run_finished(self, summary: RunSummary) -> None:
        self.last_summary = summary
        self.run_finished.emit(summary)
