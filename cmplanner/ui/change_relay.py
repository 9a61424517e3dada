"""Adapts the services' ChangeNotifier to Qt signals (queued across threads)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from cmplanner.services.notifier import ChangeNotifier, Topic


class ChangeRelay(QObject):
    """Signals:
    posts_changed_ids(list): these posts were added, edited, moved or deleted (an empty
        list: anything may have changed).
    brands_changed(): brands were added or edited.
    accounts_changed(): accounts were added or edited.
    """

    posts_changed_ids = Signal(list)
    brands_changed = Signal()
    accounts_changed = Signal()

    def __init__(self, notifier: ChangeNotifier, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._notifier = notifier
        notifier.subscribe(self._on_notifier_changed)

    def _on_notifier_changed(self, topic: Topic, ids: tuple[int, ...]) -> None:
        if topic == Topic.POSTS:
            self.posts_changed_ids.emit(list(ids))
        elif topic == Topic.BRANDS:
            self.brands_changed.emit()
        elif topic == Topic.ACCOUNTS:
            self.accounts_changed.emit()

    def detach(self) -> None:
        self._notifier.unsubscribe(self._on_notifier_changed)
