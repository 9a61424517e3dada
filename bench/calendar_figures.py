"""Figures 2 and 3 of bench/run.py, in-process: the month switch and the drop.

A shown MainWindow over a seeded workspace (``OpenWindow``); ``month_switches`` times
``CalendarPage.go_next`` plus a forced repaint against the raw sqlite3 query of the same
month, ``drops`` a ``DropRequest`` until the app has painted what it updated. bench/
shared.py uses them too, on PostgreSQL. See bench/README.md.
"""

from __future__ import annotations

import random
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import seed as seeding
from bench_common import median
from bench_common import qapp as _qapp
from floor_window import ROWS_SQL, month_span

#: How long a user looks at a month before the next click, in the paced switches: a
#: brisk pace (someone paging through a year, not reading it).
USER_PAUSE_S = 0.3


def _settle(app: Any, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


@dataclass
class SwitchFigures:
    app_ms: list[float] = field(default_factory=list)
    raw_ms: list[float] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    #: The GUI thread's CPU time of each switch (less swayed by other work on the machine).
    app_cpu_ms: list[float] = field(default_factory=list)
    #: Switches a user's pause apart (``USER_PAUSE_S``), in which the app reads ahead.
    paced_ms: list[float] = field(default_factory=list)
    paced_cpu_ms: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return median(self.app_ms) / median(self.raw_ms)


class OpenWindow:
    """A shown MainWindow over a bench workspace, torn down on exit."""

    def __init__(self, home: Path) -> None:
        from cmplanner.ui.main_window import MainWindow

        self.app = _qapp()
        self.ws = seeding.open_bench_workspace(home)
        self.window = MainWindow(self.ws)
        self.window.show()
        _settle(self.app)

    def __enter__(self) -> OpenWindow:
        return self

    def __exit__(self, *exc: object) -> None:
        from PySide6.QtCore import QCoreApplication, QEvent

        self.window.close()
        self.window.deleteLater()
        # processEvents() leaves deferred deletes for the event loop, which this process
        # never enters: without this the window (its tabs, their timers) outlived the figure.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        _settle(self.app)
        self.ws.close()


def _idle(app: Any, seconds: float) -> None:
    """Let the event loop run (timers included) for a while, as while a user looks."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.002)


def month_switches(home: Path, switches: int, pause_s: float = USER_PAUSE_S) -> SwitchFigures:
    """Time go_next + repaint, and the raw query of the same month, alternately; then,
    in a new window, switches a user's pause apart (the app reads ahead in the pause)."""
    figs = SwitchFigures()
    raw = sqlite3.connect(home / "cmplanner.db")
    try:
        for paced in (False, True):
            with OpenWindow(home) as w:
                page = w.window.calendar
                first_day = seeding.FIRST_MONTH
                page.go_to(first_day)
                _settle(w.app)
                stop = seeding.month_after(first_day, seeding.SEEDED_MONTHS)
                for _ in range(switches):
                    if seeding.month_after(page.period.anchor, 1) >= stop:
                        page.go_to(first_day)  # wrap round, untimed
                        _settle(w.app)
                    if paced:
                        _idle(w.app, pause_s)
                    t0, c0 = time.perf_counter(), time.thread_time()
                    page.go_next()
                    page.month_view.viewport().repaint()
                    ms = (time.perf_counter() - t0) * 1000
                    cpu_ms = (time.thread_time() - c0) * 1000
                    if paced:
                        figs.paced_ms.append(ms)
                        figs.paced_cpu_ms.append(cpu_ms)
                        _settle(w.app, 2)
                        continue
                    figs.app_ms.append(ms)
                    figs.app_cpu_ms.append(cpu_ms)
                    figs.rows.append(page.model.rowCount())
                    start, end = month_span(page.period.anchor)
                    t0 = time.perf_counter()
                    raw.execute(ROWS_SQL, (start, end)).fetchall()
                    figs.raw_ms.append((time.perf_counter() - t0) * 1000)
                    _settle(w.app, 2)
    finally:
        raw.close()
    return figs


@dataclass
class DropFigures:
    #: Until the app has painted what it updated (the days the post left and joined).
    ms: list[float] = field(default_factory=list)
    #: The same, then the whole month view repainted as well (the figure before round 5).
    full_ms: list[float] = field(default_factory=list)
    #: The GUI thread's CPU time of ``ms``.
    cpu_ms: list[float] = field(default_factory=list)


class _PaintCount:
    """Counts paint events on one widget (the month view's viewport)."""

    def __init__(self, widget: Any) -> None:
        from PySide6.QtCore import QEvent, QObject

        paint = QEvent.Type.Paint

        class Filter(QObject):
            def __init__(self, owner: _PaintCount) -> None:
                super().__init__()
                self.owner = owner

            def eventFilter(self, obj: Any, event: Any) -> bool:  # Qt's name
                if event.type() == paint:
                    self.owner.n += 1
                return False

        self.n = 0
        self._filter = Filter(self)
        widget.installEventFilter(self._filter)


def _movable(page: Any, today: Any) -> list[tuple[int, Any]]:
    """(post id, shown day) of scheduled posts after today in the visible model."""
    from cmplanner.domain.enums import PostState

    out = []
    for i in range(page.model.rowCount()):
        row, wall = page.model.post_at(i), page.model.wall_at(i)
        if row.state == PostState.SCHEDULED and wall is not None and wall.date() > today:
            out.append((row.id, wall.date()))
    return out


def drops(home: Path, n: int, *, rng_seed: int = 11) -> DropFigures:
    """Emit DropRequests moving one future post to another future day; time until painted."""
    from cmplanner.ui.calendar.chip_view import DropRequest

    figs = DropFigures()
    rng = random.Random(rng_seed)
    with OpenWindow(home) as w:
        page = w.window.calendar
        page.go_today()
        _settle(w.app)
        today = page.today()
        days = [d for d in page.period.days if d > today]
        if not _movable(page, today):  # a tiny workspace: make one post to move
            brand = w.ws.brands.all()[0]
            w.ws.posts.create(brand.id, "bench drop", local_at=seeding.tomorrow_at_ten())
            _settle(w.app)
        refused: list[str] = []
        w.window.controller.refused.connect(refused.append)
        reloaded: list[bool] = []
        page.model.modelReset.connect(lambda: reloaded.append(True))
        painted = _PaintCount(page.month_view.viewport())
        for _ in range(n):
            post_id, day = rng.choice(_movable(page, today))
            target = rng.choice([d for d in days if d != day])
            reloaded.clear()
            deadline = time.perf_counter() + 10
            t0, c0 = time.perf_counter(), time.thread_time()
            page.month_view.move_requested.emit(
                DropRequest((post_id,), post_id, target, None, False)
            )
            while not reloaded:  # the write, the notifier, the 0 ms reload timer, the reset
                w.app.processEvents()
                if refused or time.perf_counter() > deadline:
                    raise RuntimeError(f"drop of post {post_id} on {target} failed: {refused}")
            seen = painted.n
            while painted.n == seen:  # what the app updated, painted by the event loop
                w.app.processEvents()
                if time.perf_counter() > deadline:
                    raise RuntimeError(f"the drop of post {post_id} was never painted")
            figs.ms.append((time.perf_counter() - t0) * 1000)
            figs.cpu_ms.append((time.thread_time() - c0) * 1000)
            page.month_view.viewport().repaint()
            figs.full_ms.append((time.perf_counter() - t0) * 1000)
            _settle(w.app, 2)
    return figs
