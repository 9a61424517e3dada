"""The metrics sync in the window: on a timer and from "Sync now", never blocking it.

``MetricsSyncController`` runs ``MetricsSync.run`` on the task runner's pool. Progress
comes back through a small emitter made in the pool thread whose signal is connected,
queued, to a bound method of the controller (a GUI-thread object: shared TESTING.md §3),
which re-emits it. One sync at a time; ``stop()`` asks a running one to end after its
current batch (the window calls it when closing).

``MetricsSyncBar`` is what the charts tab shows: a "Sync now" button and a progress label.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from cmplanner.domain.errors import KnownError
from cmplanner.services.metrics_sync import (
    MetricsSync,
    MetricsSyncReport,
    SyncProgress,
    metrics_sync_for,
)
from cmplanner.services.workspace import Workspace
from cmplanner.ui.task_runner import Task, TaskRunner

log = logging.getLogger(__name__)

#: The first scheduled sync after the window opens, then one every ``EVERY_MS``.
FIRST_MS = 2 * 60 * 1000
EVERY_MS = 15 * 60 * 1000


class _ProgressEmitter(QObject):
    """Made and dropped in the pool thread: carries progress across, queued."""

    progressed = Signal(object)


class MetricsSyncController(QObject):
    """Runs the metrics sync off the GUI thread.

    Signals:
        progressed(object): a ``SyncProgress`` while a sync runs.
        finished(object): the ``MetricsSyncReport`` of a sync that ended.
        failed(str): a sync could not run at all (what happened, what to do).
        running_changed(bool): a sync started (True) or ended (False).
    """

    progressed = Signal(object)
    finished = Signal(object)
    failed = Signal(str)
    running_changed = Signal(bool)

    def __init__(
        self,
        ws: Workspace,
        parent: QObject | None = None,
        *,
        sync_factory: Callable[[], MetricsSync] | None = None,
        first_ms: int = FIRST_MS,
        every_ms: int = EVERY_MS,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self._factory = sync_factory or (lambda: metrics_sync_for(ws))
        self._runner = TaskRunner(self)
        self._task: Task | None = None
        self._stop = threading.Event()
        self._every_ms = every_ms
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.timer.start(first_ms)

    @property
    def running(self) -> bool:
        return self._task is not None

    def sync_now(self, *, force: bool = False) -> bool:
        """Start a sync; False when one is running already."""
        if self._task is not None:
            return False
        self._stop.clear()
        sync = self._factory()
        stop = self._stop
        target = self

        def work() -> MetricsSyncReport:
            emitter = _ProgressEmitter()
            emitter.progressed.connect(
                target._on_worker_progressed, Qt.ConnectionType.QueuedConnection
            )
            return sync.run(force=force, progress=emitter.progressed.emit, should_stop=stop.is_set)

        self._task = self._runner.run(work, self._on_task_succeeded, self._on_task_failed)
        self.running_changed.emit(True)
        return True

    def stop(self) -> None:
        """Ask a running sync to end after its current batch; no more scheduled ones."""
        self._stop.set()
        self.timer.stop()

    @Slot()
    def _on_timer_timeout(self) -> None:
        self.sync_now()
        self.timer.start(self._every_ms)

    @Slot(object)
    def _on_worker_progressed(self, progress: SyncProgress) -> None:
        if self._task is not None:
            self.progressed.emit(progress)

    @Slot(object)
    def _on_task_succeeded(self, report: MetricsSyncReport) -> None:
        self._task = None
        self.running_changed.emit(False)
        self.finished.emit(report)

    @Slot(object)
    def _on_task_failed(self, exc: BaseException) -> None:
        self._task = None
        self.running_changed.emit(False)
        if isinstance(exc, KnownError):
            self.failed.emit(str(exc))
            return
        log.error("the metrics sync failed", exc_info=exc)
        self.failed.emit(
            self.tr("The metrics sync failed ({what}). Try again; the log has the details.").format(
                what=type(exc).__name__
            )
        )


class MetricsSyncBar(QWidget):
    """ "Sync now" and what the sync is doing (or did last).

    Signals:
        synced(): a sync ended with new snapshots (the charts may reload).
    """

    synced = Signal()

    def __init__(
        self,
        ws: Workspace,
        parent: QWidget | None = None,
        *,
        controller: MetricsSyncController | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller or MetricsSyncController(ws, self)
        self.button = QPushButton(self.tr("Sync now"), self)
        self.button.setObjectName("metrics_sync_now")
        self.button.setToolTip(
            self.tr("Fetch the latest likes, reposts, replies and followers from the networks")
        )
        self.label = QLabel(self)
        self.label.setObjectName("metrics_sync_status")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.button)
        self.button.clicked.connect(self._on_button_clicked)
        self.controller.progressed.connect(self._on_controller_progressed)
        self.controller.finished.connect(self._on_controller_finished)
        self.controller.failed.connect(self._on_controller_failed)
        self.controller.running_changed.connect(self._on_controller_running_changed)

    @Slot()
    def _on_button_clicked(self) -> None:
        self.controller.sync_now()

    @Slot(bool)
    def _on_controller_running_changed(self, running: bool) -> None:
        self.button.setEnabled(not running)
        if running:
            self.label.setText(self.tr("Syncing metrics…"))

    @Slot(object)
    def _on_controller_progressed(self, p: SyncProgress) -> None:
        self.label.setText(
            self.tr("Syncing metrics {done}/{total}: {what}").format(
                done=p.done, total=p.total, what=p.message
            )
        )

    @Slot(object)
    def _on_controller_finished(self, report: MetricsSyncReport) -> None:
        if report.failed:
            first = report.failed[0].error
            more = len(report.failed) - 1
            text = self.tr("Metrics: {n} post(s) updated. {problem}").format(
                n=report.measured, problem=first
            )
            if more:
                text += " " + self.tr("(and {n} more account(s))").format(n=more)
            self.label.setToolTip("\n".join(a.error for a in report.failed))
        elif report.due or report.measured:
            text = self.tr("Metrics: {n} post(s) updated at {time}.").format(
                n=report.measured, time=_local_time(self.controller.ws.clock.now().astimezone())
            )
            self.label.setToolTip("")
        else:
            text = self.tr("Metrics are up to date.")
            self.label.setToolTip("")
        self.label.setText(text)
        if report.measured or any(a.followers is not None for a in report.accounts):
            self.synced.emit()

    @Slot(str)
    def _on_controller_failed(self, message: str) -> None:
        self.label.setText(message)


def _local_time(moment: datetime) -> str:
    return moment.strftime("%H:%M")
