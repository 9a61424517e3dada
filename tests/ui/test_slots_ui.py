"""Posting slots in the window: the slots editor in Manage brands, free slots painted in
the week view as drop targets, and "Add to queue" from the backlog (real widgets,
offscreen, a real SQLite workspace)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot

from cmplanner.domain.enums import PostState
from cmplanner.domain.periods import ViewKind
from cmplanner.services.slots import SlotService
from cmplanner.services.workspace import Workspace
from cmplanner.ui.calendar.chip_view import DropRequest
from cmplanner.ui.main_window import MainWindow
from cmplanner.ui.slots_editor import WEEKDAYS_ALL, SlotsDialog
from tests.ui.calendar_fixtures import seed

FRI, SAT = 4, 5


@pytest.fixture
def editor(qtbot: QtBot, ws: Workspace) -> Iterator[SlotsDialog]:
    brand = ws.brands.create("Panadería Sol", "Europe/Madrid", color="#d9822b")
    dlg = SlotsDialog(ws, brand.id)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    yield dlg


def test_slots_editor_adds_weekday_slots_and_removes_them(
    qtbot: QtBot, ws: Workspace, editor: SlotsDialog
) -> None:
    editor.day.setCurrentIndex(editor.day.findData(WEEKDAYS_ALL))
    editor.time.setTime(editor.time.time().fromString("10:15", "HH:mm"))
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    brand = ws.brands.by_name("Panadería Sol")
    slots = SlotService(ws.sessions, ws.notifier, ws.clock).for_brand(brand.id)
    assert [(s.weekday, s.at) for s in slots] == [(d, time(10, 15)) for d in range(5)]
    assert editor.model.rowCount() == 5
    assert "Added 5 slot(s)" in editor.message.text()
    # now: Thursday 26 Nov 2026, 11:00 in Madrid; today's 10:15 is gone
    assert editor.upcoming.text().startswith("Next free slots: ")
    assert "27" in editor.upcoming.text() and "10:15" in editor.upcoming.text()
    editor.resize(560, 460)
    editor.grab().save("/tmp/M_slots_editor.png")

    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)  # all five exist already
    assert editor.model.rowCount() == 5
    sel = editor.list.selectionModel()
    sel.select(editor.model.index(0, 0), QItemSelectionModel.SelectionFlag.Select)
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert editor.model.rowCount() == 4
    editor.day.setCurrentIndex(1)  # Tuesday 10:15 exists: said, nothing added
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert "exists already" in editor.message.text()


def _week_with_slots(qtbot: QtBot, window: MainWindow, ws: Workspace) -> dict[str, int]:
    ids = seed(ws)
    slots = SlotService(ws.sessions, ws.notifier, ws.clock)
    slots.add(ids["brand"], FRI, time(9, 30))  # taken by "Weekend bread"
    slots.add(ids["brand"], FRI, time(15, 30))
    slots.add(ids["brand"], SAT, time(11, 15))
    cal = window.calendar
    cal.set_view(ViewKind.WEEK)
    qtbot.waitUntil(lambda: len(cal.week_view.free_slots) == 2)
    return ids


def test_week_view_shows_free_slots_and_a_drop_on_one_lands_at_its_time(
    qtbot: QtBot, window: MainWindow, ws: Workspace
) -> None:
    ids = _week_with_slots(qtbot, window, ws)
    week = window.calendar.week_view
    assert [(s.day, s.at) for s in week.free_slots] == [
        (date(2026, 11, 27), time(15, 30)),
        (date(2026, 11, 28), time(11, 15)),
    ]
    week.scroll_to_hour(9)
    saturday = week.free_slots[1]
    rect = week.slot_rect(saturday)
    assert week.viewport().rect().contains(rect)
    window.grab().save("/tmp/M_week_slots.png")
    # the point under the pointer is in the 11:00 hour, but the slot says 11:15
    assert week.target_at(rect.center()) == (date(2026, 11, 28), time(11, 15))
    ready = ws.posts.create(ids["brand"], "Ready to go", state=PostState.READY).id
    day, at = week.target_at(rect.center()) or (None, None)
    assert day is not None
    # the drop itself (QDrag) is driven for real in test_slots_dnd.py
    week.move_requested.emit(DropRequest((ready,), ready, day, at, False))
    assert ws.posts.get(ready).local_at == datetime(2026, 11, 28, 11, 15)
    qtbot.waitUntil(lambda: len(week.free_slots) == 1)  # that slot is taken now


def test_add_to_queue_from_the_backlog_then_undo(
    qtbot: QtBot, window: MainWindow, ws: Workspace
) -> None:
    ids = _week_with_slots(qtbot, window, ws)
    cal = window.calendar
    ready = ws.posts.create(ids["brand"], "Ready to go", state=PostState.READY).id
    qtbot.waitUntil(lambda: ready in cal.backlog_model.ids())
    row = cal.backlog_model.row_of(ready)
    cal.backlog_view.selectionModel().select(
        cal.backlog_model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    qtbot.mouseClick(cal.queue_button, Qt.MouseButton.LeftButton)
    post = ws.posts.get(ready)
    assert post.local_at == datetime(2026, 11, 27, 15, 30) and post.state == PostState.SCHEDULED
    qtbot.waitUntil(lambda: ready not in cal.backlog_model.ids())
    assert "queue" in window.statusBar().currentMessage()
    window.undo_action.trigger()
    assert ws.posts.get(ready).local_at is None
    # an idea is refused with a message in the window, nothing changes
    cal.backlog_view.selectionModel().select(
        cal.backlog_model.index(cal.backlog_model.row_of(ids["idea"]), 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect,
    )
    qtbot.mouseClick(cal.queue_button, Qt.MouseButton.LeftButton)
    assert "only ready posts" in cal.notice.text()
    assert ws.posts.get(ids["idea"]).local_at is None


def test_manage_brands_opens_the_brands_slots(qtbot: QtBot, ws: Workspace) -> None:
    from PySide6.QtWidgets import QPushButton

    from cmplanner.ui.brands_dialog import BrandsDialog

    ws.brands.create("Panadería Sol", "Europe/Madrid")
    dlg = BrandsDialog(ws)
    qtbot.addWidget(dlg, before_close_func=lambda w: w.hide())
    dlg.show()
    button = dlg.findChild(QPushButton, "brand_slots")
    assert button is not None and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    editor = dlg.findChild(SlotsDialog)
    assert editor is not None and editor.isVisible()
    assert "Panadería Sol" in editor.windowTitle()
    editor.close()
