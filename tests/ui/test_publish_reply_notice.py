"""An inbox reply the publisher's worker could not send raises a notice in the window, and
the publish log shows its attempt beside the posts' (real window, real worker thread, real
SQLite workspace; the remote network is the publisher tests' scripted fake)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cmplanner.domain.clock import FixedClock
from cmplanner.domain.enums import Network
from cmplanner.networks.errors import Rejected
from cmplanner.services import publish_replies as replies
from cmplanner.services.workspace import Workspace
from cmplanner.ui.main_window import MainWindow
from cmplanner.ui.publisher_worker import PublisherRunner
from tests.unit.services.publisher_support import Desk
from tests.unit.services.test_publish_replies import item


@pytest.fixture
def desk(ws: Workspace, clock: FixedClock, tmp_path: Path) -> Desk:
    return Desk(ws, clock, tmp_path)


@pytest.fixture
def window(qtbot: QtBot, ws: Workspace, desk: Desk) -> Iterator[MainWindow]:
    runner = PublisherRunner(desk.publisher, first_delay_ms=0, interval_ms=400)
    w = MainWindow(ws, publisher=runner)
    qtbot.addWidget(w)
    w.resize(1300, 850)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(runner.is_running)
    yield w
    w.close()


def test_a_refused_reply_gives_a_notice_that_opens_the_publish_log(
    qtbot: QtBot, desk: Desk, window: MainWindow
) -> None:
    masto = desk.account(Network.MASTODON, "cafesol")
    item_id = item(desk, masto, "109")
    desk.net.script[masto.id] = [Rejected("Text character limit of 500 exceeded")]
    replies.queue(desk.ws.sessions, item_id, "@bob.test on it")
    runner = window.publishing.runner
    assert runner is not None
    with qtbot.waitSignal(runner.reply_failed, timeout=10_000) as failed:
        runner.wake()
    outcome = failed.args[0]
    assert outcome.item_id == item_id and outcome.state is replies.ReplyState.FAILED
    notices = window.publishing.notices
    key = f"reply:{item_id}"
    qtbot.waitUntil(lambda: key in notices.notice_keys())
    text = notices.text(key)
    assert "@bob.test" in text and "cafesol" in text and "500 exceeded" in text

    button = notices.button(key, "log")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    log = window.publishing.log_dialog
    assert log is not None and log.isVisible()
    [row] = [r for r in log.shown_rows() if r.attempt.item_id == item_id]
    assert row.account.startswith("Reply from Mastodon") and row.attempt.result == "rejected"
    assert row.brand == desk.brand.name


def test_a_waiting_reply_the_publisher_sends_shows_as_answered_in_the_inbox(
    qtbot: QtBot, desk: Desk, window: MainWindow
) -> None:
    masto = desk.account(Network.MASTODON, "cafesol")
    item_id = item(desk, masto, "110")
    inbox = window.inbox
    inbox.reload()
    row = inbox.model.row_of(item_id)
    assert row >= 0 and not inbox.model.entry(row).replied  # type: ignore[union-attr]
    inbox.select_row(row)
    before = inbox.status.text()

    replies.queue(desk.ws.sessions, item_id, "@bob.test thank you!")  # it waited
    runner = window.publishing.runner
    assert runner is not None
    with qtbot.waitSignal(runner.reply_sent, timeout=10_000):
        runner.wake()
    qtbot.waitUntil(lambda: inbox.model.entry(row).replied)  # type: ignore[union-attr]
    assert inbox.model.entry(row).reply_text == "@bob.test thank you!"  # type: ignore[union-attr]
    assert inbox.status.text() != before  # one fewer to answer
