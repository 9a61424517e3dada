"""Adapts the services' ChangeNotifier to Qt signals, always emitted on the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from cmplanner.services.notifier import ChangeNotifier, Topic


class ChangeRelay(QObject):
    """Signals:
    posts_changed_ids(list): these posts were added, edited, moved or deleted (an empty
        list: anything may have changed).
    brands_changed(): brands were added or edited.
    accounts_changed(): accounts were added or edited.

    A service called on another thread (the publisher's) notifies there: the change is
    queued to this object's thread, so every receiver hears it on the GUI thread, lambdas
    included.
    """

    posts_changed_ids = Signal(list)
    brands_changed = Signal()
    accounts_changed = Signal()
    _queued = Signal(str, list)

    def __init__(self, notifier: ChangeNotifier, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._notifier = notifier
        self._queued.connect(self._on_queued, Qt.ConnectionType.QueuedConnection)
        notifier.subscribe(self._on_notifier_changed)

    def _on_notifier_changed(self, topic: Topic, ids: tuple[int, ...]) -> None:
        if QThread.currentThread() is self.thread():
            self._emit(topic, list(ids))
        else:
            self._queued.emit(topic.value, list(ids))

    @Slot(str, list)
    def _on_queued(self, topic: str, ids: list[int]) -> None:
        self._emit(Topic(topic), ids)

    def _emit(self, topic: Topic, ids: list[int]) -> None:
        if topic == Topic.POSTS:
            self.posts_changed_ids.emit(ids)
        elif topic == Topic.BRANDS:
            self.brands_changed.emit()
        elif topic == Topic.ACCOUNTS:
            self.accounts_changed.emit()

    def detach(self) -> None:
        self._notifier.unsubscribe(self._on_notifier_changed)
