"""The window paints its calendar first; the Inbox and Charts tabs follow right after."""

from __future__ import annotations

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QStatusBar
from pytestqt.qtbot import QtBot

from cmplanner.cli import opens_window
from cmplanner.services.workspace import Workspace
from cmplanner.ui.calendar.backlog_view import BacklogView
from cmplanner.ui.calendar.model import BacklogModel
from cmplanner.ui.main_window import MainWindow
from cmplanner.ui.publish_notices import NoticeLevel
from tests.ui.calendar_fixtures import seed


def _tab_texts(w: MainWindow) -> list[str]:
    return [w.tabs.tabText(i) for i in range(w.tabs.count())]


def test_inbox_and_charts_are_built_after_the_first_paint_with_their_syncs(
    qtbot: QtBot, ws: Workspace
) -> None:
    w = MainWindow(ws)
    qtbot.addWidget(w)
    assert _tab_texts(w) == ["Calendar", "Inbox", "Charts"]  # the tab bar is whole at once
    with qtbot.waitSignal(w.first_painted, timeout=10_000):
        w.show()
    assert _tab_texts(w) == ["Calendar", "Inbox", "Charts"]
    assert w.tabs.widget(1) is w.inbox and w.tabs.widget(2) is w.charts
    assert w.tabs.currentIndex() == 0  # still on the calendar
    # The background work the tabs carry started with them.
    assert w.inbox.auto_timer is not None and w.inbox.auto_timer.isActive()
    assert w.charts.sync_bar.controller.timer.isActive()
    w.close()
    assert not w.inbox.auto_timer.isActive()  # closing stops them
    assert not w.charts.sync_bar.controller.timer.isActive()


def test_a_tab_asked_for_before_the_first_paint_is_built_in_its_place(
    qtbot: QtBot, ws: Workspace
) -> None:
    w = MainWindow(ws)
    qtbot.addWidget(w)
    w.tabs.setCurrentIndex(2)  # the user (or a test) goes to Charts at once
    assert w.tabs.currentWidget() is w.charts
    assert _tab_texts(w) == ["Calendar", "Inbox", "Charts"]
    w.tabs.setCurrentWidget(w.inbox)
    assert w.tabs.currentIndex() == 1 and _tab_texts(w)[1] == "Inbox"
    assert w.report_action.isEnabled()  # File ▸ Client report reaches the charts tab
    w.close()


def _file_menu_texts(w: MainWindow) -> list[str]:
    [file_menu] = [a.menu() for a in w.menuBar().actions() if a.text() == "&File"]
    return [a.text() for a in file_menu.actions() if not a.isSeparator()]


def test_publishing_and_import_are_there_once_the_calendar_painted(
    qtbot: QtBot, ws: Workspace
) -> None:
    w = MainWindow(ws)
    qtbot.addWidget(w)
    # The status bar is there from the first paint: the calendar does not shrink after it.
    assert w.findChild(QStatusBar) is not None
    with qtbot.waitSignal(w.first_painted, timeout=10_000):
        w.show()
    texts = _file_menu_texts(w)
    assert "&Import posts (CSV)…" in texts and "Restore from &backup…" in texts
    assert texts.index("Restore from &backup…") < texts.index("&Quit")
    column = w.centralWidget().layout()
    assert column.itemAt(0).widget() is w.publishing.notices  # notices above the tabs
    assert column.itemAt(1).widget() is w.tabs
    w.publishing.notices.show_notice("k", "Something to act on", level=NoticeLevel.ERROR)
    assert w.publishing.notices.isVisible()
    w.close()


def test_a_command_line_without_a_command_opens_the_window() -> None:
    assert opens_window([])
    assert opens_window(["--home", "/tmp/x", "--self-test"])
    assert opens_window(["--db", "sqlite:///x.db"])
    assert not opens_window(["brands", "list"])
    assert not opens_window(["--home", "/tmp/x", "posts", "list", "--json"])
    assert not opens_window(["-h"])


def test_the_backlog_is_read_after_the_first_paint_with_no_empty_message_before(
    qtbot: QtBot, ws: Workspace
) -> None:
    ids = seed(ws)
    w = MainWindow(ws)
    qtbot.addWidget(w)
    cal = w.calendar
    # Built, not painted: the month is read, the backlog not yet, and its panel says nothing.
    assert cal.model.rowCount() > 0
    assert cal.backlog_model.rowCount() == 0
    assert cal.backlog_title.text() == "Backlog"
    assert cal.backlog_view.waiting
    with qtbot.waitSignal(w.first_painted, timeout=10_000):
        w.show()
    assert cal.backlog_model.ids() == [ids["idea"]]  # filled on the turn after the paint
    assert cal.backlog_title.text() == "Backlog (1)"
    w.close()


def test_an_unread_backlog_paints_no_empty_message(qtbot: QtBot) -> None:
    view = BacklogView()
    qtbot.addWidget(view)
    view.setModel(BacklogModel(view))
    view.resize(240, 300)
    view.waiting = True
    waiting = view.viewport().grab().toImage()
    view.waiting = False
    empty = view.viewport().grab().toImage()  # read, and empty: the message shows

    def colours(image: QImage) -> set[int]:
        return {image.pixel(x, y) for x in range(image.width()) for y in range(image.height())}

    assert len(colours(waiting)) == 1  # the bare background
    assert len(colours(empty)) > 1
