"""A real drag from the backlog onto a free posting slot of the week view (QDrag.exec's own
loop under ``QT_QPA_PLATFORM=minimal:enable_fonts``, as in test_calendar_dnd.py): the post
lands at the slot's minute, not at the hour under the pointer."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cmplanner.domain.enums import PostState
from cmplanner.domain.periods import ViewKind
from cmplanner.services.slots import SlotService
from cmplanner.services.workspace import Workspace
from cmplanner.ui.main_window import MainWindow
from tests.ui.calendar_fixtures import seed
from tests.ui.test_calendar_dnd import real_drag

pytestmark = pytest.mark.dnd


@pytest.fixture(autouse=True)
def _needs_a_drag_loop(qapp: QApplication) -> None:
    if QGuiApplication.platformName() not in ("minimal", "xcb", "wayland"):
        pytest.skip("real drag and drop needs the minimal or xcb platform (make test)")


def test_drag_from_backlog_onto_a_free_slot_schedules_at_the_slot_time(
    qtbot: QtBot, window: MainWindow, ws: Workspace
) -> None:
    ids = seed(ws)
    SlotService(ws.sessions, ws.notifier, ws.clock).add(ids["brand"], 5, time(11, 15))
    ready = ws.posts.create(ids["brand"], "Ready for Saturday", state=PostState.READY).id
    cal = window.calendar
    cal.set_view(ViewKind.WEEK)
    week = cal.week_view
    qtbot.waitUntil(lambda: len(week.free_slots) == 1)
    week.scroll_to_hour(9)
    qtbot.waitUntil(lambda: ready in cal.backlog_model.ids())
    row = cal.backlog_model.row_of(ready)
    start = cal.backlog_view.visualRect(cal.backlog_model.index(row, 0)).center()
    slot = week.slot_rect(week.free_slots[0])
    # the hour under the pointer is 11:00; the slot says 11:15
    end = slot.center()
    real_drag(qtbot, cal.backlog_view.viewport(), start, week.viewport(), end)
    qtbot.waitUntil(lambda: ws.posts.get(ready).local_at == datetime(2026, 11, 28, 11, 15))
    assert ws.posts.get(ready).state == PostState.SCHEDULED
    qtbot.waitUntil(lambda: week.free_slots == ())
    window.undo_action.trigger()
    assert ws.posts.get(ready).local_at is None
    qtbot.waitUntil(lambda: len(week.free_slots) == 1)
