"""The publisher's thread starts and stops with the window; chips follow publishing live."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from cmplanner.domain.clock import FixedClock
from cmplanner.domain.enums import Network, PostState
from cmplanner.domain.publishing import RunSummary
from cmplanner.networks.errors import Rejected
from cmplanner.services.workspace import Workspace
from cmplanner.ui.main_window import MainWindow
from cmplanner.ui.publisher_worker import PublisherRunner
from tests.unit.services.publisher_support import Desk


def _chip_state(window: MainWindow, post_id: int) -> PostState | None:
    model = window.calendar.model
    row = model.row_of(post_id)
    return None if row < 0 else model.post_at(row).state


def test_the_worker_thread_lives_with_the_window_and_chips_change_live(
    qtbot: QtBot, ws: Workspace, clock: FixedClock, tmp_path: Path
) -> None:
    desk = Desk(ws, clock, tmp_path)
    good, bad = desk.account(Network.BLUESKY), desk.account(Network.X)
    post = desk.post("Live chips", [good])
    refused = desk.post("Refused", [bad])
    desk.net.script[bad.id] = [
        Rejected("You are not allowed to create a Tweet with duplicate content.")
    ]
    runner = PublisherRunner(desk.publisher, first_delay_ms=0, interval_ms=500)
    window = MainWindow(ws, publisher=runner)
    qtbot.addWidget(window)
    window.resize(1300, 850)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(runner.is_running)  # started once the calendar has painted
    assert _chip_state(window, post.id) is PostState.SCHEDULED

    with qtbot.waitSignal(runner.run_finished, timeout=5000) as first_run:
        pass
    summary = first_run.args[0] if first_run.args else None
    assert isinstance(summary, RunSummary) and summary.published == 0  # not due yet

    with qtbot.waitSignal(runner.target_failed, timeout=10_000) as failed:
        desk.at(refused)  # both posts due now: the timer's next round publishes them
    result = failed.args[0]
    assert result.post_id == refused.id and "duplicate content" in result.last_error
    qtbot.waitUntil(lambda: _chip_state(window, post.id) is PostState.PUBLISHED, timeout=5000)
    qtbot.waitUntil(lambda: _chip_state(window, refused.id) is PostState.FAILED, timeout=5000)
    notices = window.publishing.notices  # a notice over the tabs, with Open post and Retry
    assert notices.isVisible()
    [key] = notices.notice_keys()
    assert "duplicate content" in notices.text(key)

    thread = runner.thread_
    assert thread is not None
    window.close()
    assert runner.thread_ is None and not thread.isRunning()
