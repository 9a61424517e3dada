"""Real drag and drop through Qt's drag loop (QDrag.exec completing a drop).

The offscreen platform never drops, so these run in their own pytest process under
``QT_QPA_PLATFORM=minimal:enable_fonts`` (see the Makefile and ../shared/TESTING.md §2):
press on the source, arm a timer that moves to the target and releases inside the
drag's nested loop, then move past the start-drag distance.
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from cmplanner.domain.enums import PostState
from cmplanner.domain.periods import ViewKind
from cmplanner.services.workspace import Workspace
from cmplanner.ui.main_window import MainWindow
from tests.ui.calendar_fixtures import seed

pytestmark = pytest.mark.dnd


@pytest.fixture(autouse=True)
def _needs_a_drag_loop(qapp: QApplication) -> None:
    if QGuiApplication.platformName() not in ("minimal", "xcb", "wayland"):
        pytest.skip(
            f"real drag and drop needs the minimal or xcb platform, not "
            f"'{QGuiApplication.platformName()}' (run: make test, or "
            "QT_QPA_PLATFORM=minimal:enable_fonts pytest -m dnd)"
        )


def real_drag(
    qtbot: QtBot,
    source: QWidget,
    start: QPoint,
    target: QWidget,
    end: QPoint,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """Press, start a drag and drop it at ``end`` through QDrag.exec's own loop."""
    assert source.rect().contains(start), "drag source outside the visible viewport"
    assert target.rect().contains(end), "drop target outside the visible viewport"
    done: list[bool] = []

    def finish() -> None:
        QTest.mouseMove(target, end)
        QTest.mouseMove(target, end + QPoint(1, 1))
        QTest.mouseRelease(target, Qt.MouseButton.LeftButton, modifiers, end + QPoint(1, 1))
        done.append(True)

    QTest.mousePress(source, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    if modifiers != Qt.KeyboardModifier.NoModifier:
        QTest.keyPress(source, Qt.Key.Key_Control, modifiers)
    QTimer.singleShot(60, finish)
    distance = QApplication.startDragDistance() + 8
    QTest.mouseMove(source, start + QPoint(distance, 0))
    QTest.mouseMove(source, start + QPoint(distance * 2, 0))
    qtbot.waitUntil(lambda: bool(done), timeout=5000)


def test_drag_chip_to_another_day_then_undo(
    qtbot: QtBot, window: MainWindow, ws: Workspace
) -> None:
    ids = seed(ws)
    month = window.calendar.month_view
    qtbot.waitUntil(lambda: not month.chip_rect(ids["a"]).isEmpty())
    start = month.chip_rect(ids["a"]).center()
    real_drag(qtbot, month.viewport(), start, month.viewport(), month.point_for(date(2026, 12, 2)))
    qtbot.waitUntil(lambda: ws.posts.get(ids["a"]).local_at == datetime(2026, 12, 2, 9, 30))
    qtbot.waitUntil(lambda: month.cell_rect(date(2026, 12, 2)).contains(month.chip_rect(ids["a"])))
    assert window.undo_action.text().startswith("Undo Move 1 post")
    window.undo_action.trigger()
    assert ws.posts.get(ids["a"]).local_at == datetime(2026, 11, 27, 9, 30)


def test_drag_from_backlog_into_a_week_slot_then_undo(
    qtbot: QtBot, window: MainWindow, ws: Workspace
) -> None:
    ids = seed(ws)
    ready = ws.posts.create(ids["brand"], "Ready for the weekend", state=PostState.READY).id
    cal = window.calendar
    cal.set_view(ViewKind.WEEK)
    week = cal.week_view
    week.scroll_to_hour(10)
    backlog = cal.backlog_view
    qtbot.waitUntil(lambda: ready in cal.backlog_model.ids())
    row = cal.backlog_model.row_of(ready)
    start = backlog.visualRect(cal.backlog_model.index(row, 0)).center()
    target_vp = week.viewport()
    end = week.point_for(date(2026, 11, 29), time(11, 0))
    source_vp = backlog.viewport()
    # The backlog and the week are different widgets: map through the window.
    real_drag(qtbot, source_vp, start, target_vp, end)
    qtbot.waitUntil(lambda: ws.posts.get(ready).local_at == datetime(2026, 11, 29, 11, 0))
    assert ws.posts.get(ready).state == PostState.SCHEDULED
    qtbot.waitUntil(lambda: ready not in cal.backlog_model.ids())
    window.undo_action.trigger()
    post = ws.posts.get(ready)
    assert post.local_at is None and post.state == PostState.READY


def test_drag_chip_onto_backlog_unschedules(
    qtbot: QtBot, window: MainWindow, ws: Workspace
) -> None:
    ids = seed(ws)
    month = window.calendar.month_view
    qtbot.waitUntil(lambda: not month.chip_rect(ids["b"]).isEmpty())
    backlog = window.calendar.backlog_view
    end = backlog.viewport().rect().center()
    real_drag(qtbot, month.viewport(), month.chip_rect(ids["b"]).center(), backlog.viewport(), end)
    qtbot.waitUntil(lambda: ws.posts.get(ids["b"]).local_at is None)
    assert ws.posts.get(ids["b"]).state == PostState.READY
    window.undo_action.trigger()
    assert ws.posts.get(ids["b"]).local_at == datetime(2026, 11, 27, 12, 0)


def test_drop_into_the_past_is_refused(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    ids = seed(ws)
    month = window.calendar.month_view
    qtbot.waitUntil(lambda: not month.chip_rect(ids["c"]).isEmpty())
    start = month.chip_rect(ids["c"]).center()
    real_drag(qtbot, month.viewport(), start, month.viewport(), month.point_for(date(2026, 11, 16)))
    qtbot.waitUntil(lambda: window.calendar.notice.isVisible())
    assert "in the past" in window.calendar.notice.text()
    assert ws.posts.get(ids["c"]).local_at == datetime(2026, 11, 28, 16, 0)


def test_ctrl_drag_copies(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    ids = seed(ws)
    month = window.calendar.month_view
    qtbot.waitUntil(lambda: not month.chip_rect(ids["b"]).isEmpty())
    before = len(ws.posts.find())
    start = month.chip_rect(ids["b"]).center()
    end = month.point_for(date(2026, 12, 4))
    real_drag(
        qtbot, month.viewport(), start, month.viewport(), end, Qt.KeyboardModifier.ControlModifier
    )
    qtbot.waitUntil(lambda: len(ws.posts.find()) == before + 1)
    copy = next(p for p in ws.posts.find() if p.local_at == datetime(2026, 12, 4, 12, 0))
    assert copy.text == "Cakes for Sunday"
    assert ws.posts.get(ids["b"]).local_at == datetime(2026, 11, 27, 12, 0)  # original stays
    window.undo_action.trigger()
    assert len(ws.posts.find()) == before
