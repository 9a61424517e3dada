"""The window paints its calendar first; the Inbox and Charts tabs follow right after."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from cmplanner.cli import opens_window
from cmplanner.services.workspace import Workspace
from cmplanner.ui.main_window import MainWindow


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


def test_a_command_line_without_a_command_opens_the_window() -> None:
    assert opens_window([])
    assert opens_window(["--home", "/tmp/x", "--self-test"])
    assert opens_window(["--db", "sqlite:///x.db"])
    assert not opens_window(["brands", "list"])
    assert not opens_window(["--home", "/tmp/x", "posts", "list", "--json"])
    assert not opens_window(["-h"])
