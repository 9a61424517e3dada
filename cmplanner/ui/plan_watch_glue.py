"""Thin Qt glue around the plan watcher: its reports reach the change notifier on the GUI thread.

The watcher (``services/plan_watch.py``) runs on its own Python thread. What it hears is
re-emitted through a queued signal of this GUI-thread object and handed to the
workspace's change notifier, so every change relay — calendar, composer, accounts —
refreshes as it does for a change made in this window (selection kept).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot
from sqlalchemy import Engine

from cmplanner.services.notifier import ChangeNotifier, Topic
from cmplanner.services.plan_watch import DEFAULT_INTERVAL_S, RETRY_S, PlanWatcher


class PlanWatchGlue(QObject):
    """Starts and stops the plan watcher; relays what it hears.

    Signals:
        problem_changed(str): why changes made by others are not shown right now
            ("" once they are again).
        heard(str, list): a change made elsewhere reached the notifier (topic, ids;
            empty ids: anything may have changed).
    """

    problem_changed = Signal(str)
    heard = Signal(str, list)
    _queued_change = Signal(str, list)
    _queued_problem = Signal(str)

    def __init__(
        self,
        engine: Engine,
        notifier: ChangeNotifier,
        parent: QObject | None = None,
        *,
        interval: float = DEFAULT_INTERVAL_S,
        retry_s: float = RETRY_S,
    ) -> None:
        super().__init__(parent)
        self._notifier = notifier
        self.problem = ""
        # emitted on the watcher's thread, received on this object's (the GUI) thread
        self._queued_change.connect(self._on_queued_change, Qt.ConnectionType.QueuedConnection)
        self._queued_problem.connect(self._on_queued_problem, Qt.ConnectionType.QueuedConnection)
        self.watcher = PlanWatcher(
            engine,
            self._from_watcher_change,
            self._from_watcher_problem,
            interval=interval,
            retry_s=retry_s,
        )

    def start(self) -> None:
        self.watcher.start()

    def stop(self) -> None:
        """End the watcher's thread (within one poll interval)."""
        self.watcher.stop()

    # called on the watcher's thread: only queue
    def _from_watcher_change(self, topic: Topic, ids: tuple[int, ...]) -> None:
        self._queued_change.emit(topic.value, list(ids))

    def _from_watcher_problem(self, message: str) -> None:
        self._queued_problem.emit(message)

    @Slot(str, list)
    def _on_queued_change(self, topic: str, ids: list[int]) -> None:
        self._notifier.changed(Topic(topic), ids)
        self.heard.emit(topic, ids)

    @Slot(str)
    def _on_queued_problem(self, message: str) -> None:
        if message:  # the watcher's words are for the log; the window says it in tr()
            message = self.tr(
                "Changes made by others are not shown right now: the database cannot be "
                "reached. cmplanner keeps trying."
            )
        self.problem = message
        self.problem_changed.emit(message)
