"""The calendar as a user drives it: see posts, filter, move (drop handler, keyboard), undo.

Real drags need a platform with a drag loop: see test_calendar_dnd.py.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from cmplanner.domain.enums import PostState
from cmplanner.domain.periods import ViewKind
from cmplanner.services.workspace import Workspace
from cmplanner.ui.calendar.chip_view import DropRequest
from cmplanner.ui.calendar.model import encode_ids
from cmplanner.ui.main_window import MainWindow
from tests.ui.calendar_fixtures import seed


def seeded(qtbot: QtBot, window: MainWindow, ws: Workspace) -> dict[str, int]:
    """Seed the workspace; the window hears of it through the change notifier."""
    ids = seed(ws)
    qtbot.waitUntil(lambda: window.calendar.model.rowCount() == 4)
    return ids


def click_chip(qtbot: QtBot, window: MainWindow, post_id: int) -> None:
    view = window.calendar.current_view()
    rect = view.chip_rect(post_id)  # type: ignore[union-attr]
    assert not rect.isEmpty(), "chip not visible"
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_month_shows_chips_today_and_backlog(
    qtbot: QtBot, window: MainWindow, ws: Workspace
) -> None:
    ids = seeded(qtbot, window, ws)
    month = window.calendar.month_view
    assert month.today == date(2026, 11, 26)
    for key in ("a", "b", "c", "done"):
        assert not month.chip_rect(ids[key]).isEmpty()
    a, b = month.chip_rect(ids["a"]), month.chip_rect(ids["b"])
    assert month.cell_rect(date(2026, 11, 27)).contains(a)
    assert a.top() < b.top()  # 09:30 above 12:00 in the same day
    assert window.calendar.backlog_model.ids() == [ids["idea"]]
    assert "1 post" not in window.calendar.zone_note.text()
    assert "each brand's own time zone" in window.calendar.zone_note.text()


def test_empty_workspace_offers_the_sample(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    assert window.welcome.isVisible()
    window.welcome.sample_button.click()
    assert not window.welcome.isVisible()
    assert len(ws.brands.all()) == 3
    assert window.calendar.model.rowCount() > 10
    assert not window.sample_action.isEnabled()


def test_filters_and_search(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    ids = seeded(qtbot, window, ws)
    other = ws.brands.create("Northwind", "America/New_York")
    ws.posts.create(other.id, "Trail tips", local_at=datetime(2026, 11, 29, 8, 0))
    cal = window.calendar
    qtbot.waitUntil(lambda: cal.model.rowCount() == 5)
    cal.filters.brands.set_checked({str(ids["brand"])})
    assert cal.model.rowCount() == 4
    cal.filters.brands.clear()
    cal.filters.networks.set_checked({"bluesky"})
    assert cal.model.ids() == [ids["b"]]
    cal.filters.networks.clear()
    cal.filters.states.set_checked({"published"})
    assert cal.model.ids() == [ids["done"]]
    cal.filters.states.clear()
    cal.filters.tags.set_checked({"team"})
    assert cal.model.ids() == [ids["c"]]
    cal.filters.tags.clear()
    qtbot.keyClicks(cal.filters.search, "trail")
    qtbot.waitUntil(lambda: cal.model.rowCount() == 1)
    assert cal.model.post_at(0).head == "Trail tips"


def test_drop_moves_keeps_time_and_undo_redo(
    qtbot: QtBot, window: MainWindow, ws: Workspace
) -> None:
    ids = seeded(qtbot, window, ws)
    window.calendar.month_view.move_requested.emit(
        DropRequest((ids["a"],), ids["a"], date(2026, 12, 3), None, False)
    )
    assert ws.posts.get(ids["a"]).local_at == datetime(2026, 12, 3, 9, 30)
    assert window.undo_action.text().startswith("Undo Move 1 post")
    month = window.calendar.month_view
    qtbot.waitUntil(  # repainted there
        lambda: month.cell_rect(date(2026, 12, 3)).contains(month.chip_rect(ids["a"]))
    )
    window.undo_action.trigger()
    assert ws.posts.get(ids["a"]).local_at == datetime(2026, 11, 27, 9, 30)
    window.redo_action.trigger()
    assert ws.posts.get(ids["a"]).local_at == datetime(2026, 12, 3, 9, 30)


def test_several_chips_move_together(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    ids = seeded(qtbot, window, ws)
    click_chip(qtbot, window, ids["a"])
    view = window.calendar.month_view
    QTest.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier,
        view.chip_rect(ids["c"]).center(),
    )
    assert sorted(window.calendar.selected_ids()) == sorted([ids["a"], ids["c"]])
    view.move_requested.emit(
        DropRequest((ids["a"], ids["c"]), ids["a"], date(2026, 12, 1), None, False)
    )
    assert ws.posts.get(ids["a"]).local_at == datetime(2026, 12, 1, 9, 30)
    assert ws.posts.get(ids["c"]).local_at == datetime(2026, 12, 2, 16, 0)
    window.undo_action.trigger()
    assert ws.posts.get(ids["c"]).local_at == datetime(2026, 11, 28, 16, 0)


def test_copy_drop_duplicates_and_undo_removes(
    qtbot: QtBot, window: MainWindow, ws: Workspace
) -> None:
    ids = seeded(qtbot, window, ws)
    before = len(ws.posts.find())
    window.calendar.month_view.move_requested.emit(
        DropRequest((ids["b"],), ids["b"], date(2026, 12, 4), None, True)
    )
    posts = ws.posts.find()
    assert len(posts) == before + 1
    copy = next(p for p in posts if p.local_at == datetime(2026, 12, 4, 12, 0))
    assert copy.text == "Cakes for Sunday" and copy.id != ids["b"]
    assert ws.posts.get(ids["b"]).local_at == datetime(2026, 11, 27, 12, 0)
    window.undo_action.trigger()
    assert len(ws.posts.find()) == before


def test_drop_into_the_past_is_refused_with_a_message(
    qtbot: QtBot, window: MainWindow, ws: Workspace
) -> None:
    ids = seeded(qtbot, window, ws)
    window.calendar.month_view.move_requested.emit(
        DropRequest((ids["a"],), ids["a"], date(2026, 11, 10), None, False)
    )
    assert ws.posts.get(ids["a"]).local_at == datetime(2026, 11, 27, 9, 30)
    assert window.calendar.notice.isVisible()
    assert "in the past" in window.calendar.notice.text()
    assert window.controller.undo_stack.count() == 0


def test_published_post_cannot_be_moved(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    ids = seeded(qtbot, window, ws)
    window.calendar.month_view.move_requested.emit(
        DropRequest((ids["done"],), ids["done"], date(2026, 12, 10), None, False)
    )
    assert ws.posts.get(ids["done"]).local_at == datetime(2026, 11, 20, 10, 0)
    assert "published" in window.calendar.notice.text()


def test_week_slot_drop_from_backlog_schedules_ready_post(
    qtbot: QtBot, window: MainWindow, ws: Workspace
) -> None:
    ids = seeded(qtbot, window, ws)
    ready = ws.posts.create(ids["brand"], "Ready to go", state=PostState.READY).id
    window.calendar.set_view(ViewKind.WEEK)
    window.calendar.week_view.move_requested.emit(
        DropRequest((ready,), ready, date(2026, 11, 29), datetime(2026, 1, 1, 18, 0).time(), False)
    )
    post = ws.posts.get(ready)
    assert post.local_at == datetime(2026, 11, 29, 18, 0)
    assert post.state == PostState.SCHEDULED
    qtbot.waitUntil(lambda: ready not in window.calendar.backlog_model.ids())
    window.undo_action.trigger()
    assert ws.posts.get(ready).state == PostState.READY
    qtbot.waitUntil(lambda: ready in window.calendar.backlog_model.ids())


def test_dropping_on_backlog_unschedules(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    ids = seeded(qtbot, window, ws)
    backlog = window.calendar.backlog_model
    backlog.dropMimeData(encode_ids([ids["a"]]), Qt.DropAction.MoveAction, -1, 0, QModelIndex())
    post = ws.posts.get(ids["a"])
    assert post.local_at is None and post.state == PostState.READY
    qtbot.waitUntil(lambda: ids["a"] in backlog.ids())
    window.undo_action.trigger()
    assert ws.posts.get(ids["a"]).state == PostState.SCHEDULED


def test_keyboard_cut_and_paste_moves_a_chip(
    qtbot: QtBot, window: MainWindow, ws: Workspace
) -> None:
    ids = seeded(qtbot, window, ws)
    month = window.calendar.month_view
    click_chip(qtbot, window, ids["c"])  # Sat 28 Nov
    month.setFocus()
    QTest.keyClick(window, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(month, Qt.Key.Key_Down)  # +7 days
    QTest.keyClick(month, Qt.Key.Key_Right)  # +1 day
    assert month.cursor_day == date(2026, 12, 6)
    QTest.keyClick(window, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert ws.posts.get(ids["c"]).local_at == datetime(2026, 12, 6, 16, 0)
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ws.posts.get(ids["c"]).local_at == datetime(2026, 11, 28, 16, 0)
    QTest.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert ws.posts.get(ids["c"]).local_at == datetime(2026, 12, 6, 16, 0)


def test_laptop_zone_view_says_so_and_moves_by_that_zone(
    qtbot: QtBot, window: MainWindow, ws: Workspace
) -> None:
    ids = seeded(qtbot, window, ws)
    cal = window.calendar
    cal.local_zone = "America/New_York"
    cal.zone_combo.setItemData(1, "America/New_York")
    cal.zone_combo.setCurrentIndex(1)
    assert "America/New_York" in cal.zone_note.text()
    # 09:30 Madrid is 03:30 in New York; dropping on Dec 2 (NY) keeps 03:30 NY = 09:30 Madrid.
    cal.month_view.move_requested.emit(
        DropRequest((ids["a"],), ids["a"], date(2026, 12, 2), None, False)
    )
    assert ws.posts.get(ids["a"]).local_at == datetime(2026, 12, 2, 9, 30)


def test_double_click_empty_day_starts_a_draft_there(
    qtbot: QtBot, window: MainWindow, ws: Workspace
) -> None:
    seeded(qtbot, window, ws)
    month = window.calendar.month_view
    pos: QPoint = month.point_for(date(2026, 12, 3))
    QTest.mouseDClick(month.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    composers = [d for d in window._open_dialogs if d.isVisible()]
    assert len(composers) == 1
    assert composers[0].windowTitle()  # the composer opened
    composers[0].close()


def test_month_navigation_reads_the_visible_range(
    qtbot: QtBot, window: MainWindow, ws: Workspace
) -> None:
    ids = seeded(qtbot, window, ws)
    ws.posts.create(ids["brand"], "January sales", local_at=datetime(2027, 1, 15, 10, 0))
    cal = window.calendar
    qtbot.wait(1)  # let the change notification land before navigating
    cal.go_next()
    cal.go_next()
    assert cal.period_label.text().startswith("January")
    assert [cal.model.post_at(i).head for i in range(cal.model.rowCount())] == ["January sales"]
    cal.go_today()
    assert cal.model.rowCount() == 4


def test_changes_made_elsewhere_update_only_what_changed(
    qtbot: QtBot, window: MainWindow, ws: Workspace
) -> None:
    ids = seeded(qtbot, window, ws)
    cal = window.calendar
    new = ws.posts.create(
        ids["brand"], "Made from the command line", local_at=datetime(2026, 11, 30, 8, 0)
    )
    qtbot.waitUntil(lambda: new.id in cal.model.ids())
    ws.posts.delete([ids["c"]])
    qtbot.waitUntil(lambda: ids["c"] not in cal.model.ids())
    ws.posts.update(ids["idea"], local_at=datetime(2026, 11, 29, 10, 0))
    qtbot.waitUntil(lambda: ids["idea"] in cal.model.ids())
    assert ids["idea"] not in cal.backlog_model.ids()
    assert sorted(cal.model.ids()) == sorted([ids["a"], ids["b"], ids["done"], new.id, ids["idea"]])


def test_a_crowded_day_shows_its_first_chips_and_how_many_more(
    qtbot: QtBot, window: MainWindow, ws: Workspace
) -> None:
    ids = seeded(qtbot, window, ws)
    crowded = date(2026, 12, 2)
    made = [
        ws.posts.create(ids["brand"], f"Advent {h}", local_at=datetime(2026, 12, 2, h, 0)).id
        for h in range(20, 7, -1)  # 13 posts, made latest first
    ]
    cal, month = window.calendar, window.calendar.month_view
    qtbot.waitUntil(lambda: cal.model.total() == 4 + 13)
    in_time_order = made[::-1]
    shown = [pid for pid in in_time_order if not month.chip_rect(pid).isEmpty()]
    assert 0 < len(shown) < 13
    assert shown == in_time_order[: len(shown)]  # the day's earliest
    rect, hidden = month._more[crowded]
    assert hidden == 13 - len(shown)
    assert month.cell_rect(crowded).contains(rect)
    assert "17 post(s) in view" in cal.zone_note.text()  # no translation loaded
    # a move into the crowded day keeps the count right
    window.calendar.month_view.move_requested.emit(
        DropRequest((ids["a"],), ids["a"], crowded, None, False)
    )
    qtbot.waitUntil(lambda: month._more.get(crowded, (None, 0))[1] == 14 - len(shown))
    assert cal.model.total() == 17
    assert month.chip_rect(ids["a"]).isEmpty() == (len(shown) < 3)  # 08:00, 09:00, then 09:30
    # a post behind "+N more", deleted elsewhere, is no longer counted
    ws.posts.delete([in_time_order[-1]])
    qtbot.waitUntil(lambda: month._more.get(crowded, (None, 0))[1] == 13 - len(shown))
    assert cal.model.total() == 16
