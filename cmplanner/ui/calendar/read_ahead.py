"""Reading the calendar's neighbouring periods while the user looks at the current one.

A month of a big plan is thousands of posts: reading its grid and painting its chips
takes longer than a frame. A user who opens a month looks at it for a while before
moving on; in that pause the next and previous periods are read (and a month's chips
drawn, by ``prepare``), so that the switch itself only shows what is ready.

What is kept is only ever the answer the database gave since the last change: every
change the window hears of (a post, a brand, an account, here or in another process
through the plan watch) forgets it all, and a key names everything a read depends on
(period, filter, zone, chips per day). The work runs on the GUI thread, one read or one
preparation per turn of the event loop, starting after ``DELAY_MS`` of quiet: a click or
a drop in the meantime waits for at most one step, and a burst of reloads (drops in
quick succession) postpones it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, QTimer, Slot

T = TypeVar("T")
log = logging.getLogger(__name__)

#: Quiet time after a reload before reading ahead.
DELAY_MS = 120
#: Answers kept: the current period and its neighbours, and the ones just left.
KEEP = 6


class ReadAhead(QObject, Generic[T]):
    """Keeps recent answers of ``read(key)`` and reads wanted keys when the loop is idle.

    ``prepare(key, answer)``, when given, runs once per answer read ahead, as a step of
    its own (the month view draws the chips it will show).
    """

    def __init__(
        self,
        read: Callable[[Hashable], T],
        prepare: Callable[[Hashable, T], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._read = read
        self._prepare = prepare
        self._kept: dict[Hashable, T] = {}
        self._steps: list[tuple[Hashable, bool]] = []  # (key, read it / prepare it)
        self._wanted: list[Hashable] = []
        self._held = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.reads = 0  # answers read ahead since made (the tests look)

    def take(self, key: Hashable) -> T | None:
        """The kept answer for ``key``, if nothing changed since it was read."""
        return self._kept.get(key)

    def keep(self, key: Hashable, answer: T) -> None:
        """Keep an answer the caller read itself (the period it now shows)."""
        self._kept.pop(key, None)
        self._kept[key] = answer
        while len(self._kept) > KEEP:
            del self._kept[next(iter(self._kept))]

    def want(self, keys: list[Hashable]) -> None:
        """Read these keys (in this order) once the loop has been quiet for a while;
        replaces what was wanted before."""
        self._wanted = list(keys)
        self._steps = [(k, True) for k in keys if k not in self._kept]
        if self._steps and not self._held:
            self._timer.start(DELAY_MS)
        else:
            self._timer.stop()

    def hold(self) -> None:
        """Read nothing ahead until ``release`` (the window's first paint comes first)."""
        self._held = True
        self._timer.stop()

    def release(self) -> None:
        self._held = False
        if self._steps:
            self._timer.start(DELAY_MS)

    def forget(self) -> None:
        """Something changed: nothing kept may be shown any more; what was wanted is read
        again after the next quiet moment."""
        self._kept.clear()
        self.want(self._wanted)

    def stop(self) -> None:
        """Keep nothing and read nothing more (the window closes)."""
        self._wanted = []
        self.forget()

    def pending(self) -> bool:
        return bool(self._steps)

    @Slot()
    def _on_timer_timeout(self) -> None:
        if not self._steps:
            return
        key, is_read = self._steps.pop(0)
        try:
            if is_read:
                if key not in self._kept:
                    answer = self._read(key)
                    self.reads += 1
                    self.keep(key, answer)
                    if self._prepare is not None:
                        self._steps.insert(0, (key, False))
            elif self._prepare is not None and key in self._kept:
                self._prepare(key, self._kept[key])
        except Exception:  # a locked file, a lost server: the switch itself reads and says
            log.warning("reading ahead failed; the period will be read when shown", exc_info=True)
            self._steps.clear()
            return
        if self._steps:
            self._timer.start(0)
