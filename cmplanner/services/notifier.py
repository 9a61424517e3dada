"""A tiny change notifier: services call it, the UI adapts it to Qt signals."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum


class Topic(StrEnum):
    POSTS = "posts"
    BRANDS = "brands"
    ACCOUNTS = "accounts"


Listener = Callable[[Topic, tuple[int, ...]], None]


class ChangeNotifier:
    """Services report what changed; listeners (the UI) refresh what they show."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def changed(self, topic: Topic, ids: Iterable[int] = ()) -> None:
        frozen = tuple(ids)
        for listener in list(self._listeners):
            listener(topic, frozen)
