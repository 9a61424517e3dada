"""The publisher seen by the user: notices, the post's results, retry, unknown, log, hand-off.

Everything real (the window, the publisher on its own thread, the SQLite workspace) but the
remote networks, which the scripted ``FakeNetwork`` of the publisher's tests stands for.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from cmplanner.domain.clock import FixedClock
from cmplanner.domain.enums import Network, PostState, TargetState
from cmplanner.domain.publishing import TargetResult
from cmplanner.networks.errors import AuthExpired, RateLimited, Rejected
from cmplanner.services.workspace import Workspace
from cmplanner.ui.composer import ComposerDialog
from cmplanner.ui.main_window import MainWindow
from cmplanner.ui.publish_results import PublishResultsPanel
from cmplanner.ui.publisher_worker import PublisherRunner
from tests.unit.services.publisher_support import Desk, Killed

SHOTS = Path("/tmp")


@pytest.fixture
def desk(ws: Workspace, clock: FixedClock, tmp_path: Path) -> Desk:
    return Desk(ws, clock, tmp_path)


@pytest.fixture
def open_window(qtbot: QtBot, ws: Workspace, desk: Desk) -> Iterator[type[MainWindow]]:
    made: list[MainWindow] = []

    def make() -> MainWindow:
        runner = PublisherRunner(desk.publisher, first_delay_ms=0, interval_ms=400)
        window = MainWindow(ws, publisher=runner)
        qtbot.addWidget(window)
        window.resize(1300, 850)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(runner.is_running)  # started once the calendar has painted
        made.append(window)
        return window

    yield make  # type: ignore[misc]
    for w in made:
        w.close()


def click(qtbot: QtBot, button: QPushButton | None) -> None:
    assert button is not None and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def composer_of(post_id: int) -> ComposerDialog | None:
    for w in QApplication.topLevelWidgets():
        if isinstance(w, ComposerDialog) and w.post_id == post_id and w.isVisible():
            return w
    return None


def results_of(qtbot: QtBot, post_id: int) -> PublishResultsPanel:
    qtbot.waitUntil(lambda: composer_of(post_id) is not None, timeout=5000)
    dialog = composer_of(post_id)
    assert dialog is not None
    return dialog.results


def target(desk: Desk, post_id: int, account_id: int) -> TargetResult:
    [t] = [t for t in desk.publisher().targets(post_id) if t.account_id == account_id]
    return t


def test_a_failure_raises_a_notice_that_opens_the_post_and_retry_publishes_it(
    qtbot: QtBot, desk: Desk, open_window: type[MainWindow]
) -> None:
    good, bad = desk.account(Network.BLUESKY), desk.account(Network.X, "solbakery")
    post = desk.post("Spring menu is out: come and taste it", [good, bad])
    desk.net.script[bad.id] = [Rejected("Status is a duplicate.")]
    window = open_window()
    notices = window.publishing.notices
    assert window.publishing.tray is None  # offscreen has no system tray: the notice alone

    desk.at(post)
    window.publishing.runner.wake()  # type: ignore[union-attr]
    failed = target(desk, post.id, bad.id)
    key = f"target:{failed.target_id}"
    qtbot.waitUntil(lambda: key in notices.notice_keys(), timeout=10_000)
    assert notices.isVisible()
    text = notices.text(key)
    assert "Spring menu" in text and "X solbakery.x" in text and "duplicate" in text
    window.grab().save(str(SHOTS / "O_notice_failed.png"))

    click(qtbot, notices.button(key, "open"))
    panel = results_of(qtbot, post.id)
    assert panel.isVisible()
    published = panel.lines[target(desk, post.id, good.id).target_id]
    assert published.state.text() == "Published"
    assert published.link.isVisible() and "https://bluesky.example/p/" in published.link.text()
    line = panel.lines[failed.target_id]
    assert line.state.text() == "Failed" and "duplicate" in line.error.text()
    assert desk.ws.posts.get(post.id).state is PostState.PARTLY_PUBLISHED  # per target
    panel.window().grab().save(str(SHOTS / "O_composer_failed.png"))

    click(qtbot, line.retry_button)
    qtbot.waitUntil(
        lambda: target(desk, post.id, bad.id).state is TargetState.PUBLISHED, timeout=10_000
    )
    qtbot.waitUntil(lambda: panel.lines[failed.target_id].state.text() == "Published")
    qtbot.waitUntil(panel.lines[failed.target_id].link.isVisible)
    assert len(desk.net.publishes(bad.id)) == 2 and len(desk.net.publishes(good.id)) == 1
    assert desk.ws.posts.get(post.id).state is PostState.PUBLISHED
    assert key not in notices.notice_keys()


def test_the_publish_log_lists_attempts_filters_them_and_opens_the_post(
    qtbot: QtBot, desk: Desk, open_window: type[MainWindow]
) -> None:
    sky, x = desk.account(Network.BLUESKY), desk.account(Network.X)
    first = desk.post("First of the week", [sky, x])
    desk.net.script[x.id] = [Rejected("Text is too long.")]
    other_brand = desk.ws.brands.create("Café Luna", "UTC")
    desk.brand, home = other_brand, desk.brand
    luna = desk.account(Network.BLUESKY, "luna")
    second = desk.post("Luna opens late", [luna], at=first.scheduled_utc)
    desk.brand = home
    desk.at(first)
    desk.publisher().publish_due()
    window = open_window()

    window.log_action.trigger()
    dialog = window.publishing.log_dialog
    assert dialog is not None and dialog.isVisible()
    rows = dialog.shown_rows()
    assert sorted((r.brand, r.attempt.result) for r in rows) == [
        ("Café Luna", "published"),
        ("Panadería Sol", "published"),
        ("Panadería Sol", "rejected"),
    ]
    dialog.grab().save(str(SHOTS / "O_publish_log.png"))

    dialog.select_result("Failed")
    [refused] = dialog.shown_rows()
    assert refused.account == "X sol.example.x" and refused.attempt.post_id == first.id
    model = dialog.table.model()
    assert "Text is too long." in model.index(0, 5).data()
    assert model.index(0, 0).data().startswith("2026-11-26")  # this computer's clock

    dialog.select_result("Published")
    dialog.select_brand(other_brand.id)
    [luna_row] = dialog.shown_rows()
    assert luna_row.attempt.post_id == second.id and luna_row.brand == "Café Luna"

    index = dialog.table.model().index(0, 1)
    rect = dialog.table.visualRect(index)
    viewport = dialog.table.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())  # as a hand does:
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())  # press, then again
    assert results_of(qtbot, second.id).isVisible()


def _crash_while_sending(desk: Desk, handle: str, at: datetime) -> int:
    """A publisher dies after X took the post, before it could record it."""
    acc = desk.account(Network.X, handle)
    post = desk.post(f"Sent by {handle} before the crash", [acc], at=at)
    desk.net.script[acc.id] = ["deliver-then-kill"]
    desk.at(post)
    with pytest.raises(Killed):
        desk.publisher(f"dead-worker-{handle}").publish_due()
    return post.id


def test_unknown_targets_are_resolved_by_the_user_published_or_sent(
    qtbot: QtBot, desk: Desk, open_window: type[MainWindow]
) -> None:
    start = desk.clock.now() + timedelta(hours=1)
    there = _crash_while_sending(desk, "there", start)
    resend = _crash_while_sending(desk, "lost", start + timedelta(minutes=1))  # 1st claim fresh
    desk.net.blind.add(Network.X)  # X cannot say whether it has them
    desk.net.posts.clear()
    desk.clock.advance(timedelta(minutes=11))  # the dead workers' claims expire
    window = open_window()
    notices = window.publishing.notices
    first_key = f"target:{desk.publisher().targets(there)[0].target_id}"
    keys = {first_key, f"target:{desk.publisher().targets(resend)[0].target_id}"}
    qtbot.waitUntil(lambda: keys <= set(notices.notice_keys()), timeout=10_000)
    assert "cannot tell whether it went out" in notices.text(first_key)

    click(qtbot, notices.button(first_key, "open"))
    panel = results_of(qtbot, there)
    [line] = panel.lines.values()
    assert line.state.text() == "Unknown — check"
    assert line.url_edit is not None
    panel.window().grab().save(str(SHOTS / "O_composer_unknown.png"))
    qtbot.keyClicks(line.url_edit, "https://x.com/sol/status/42")
    click(qtbot, line.published_button)
    [done] = desk.publisher().targets(there)
    assert done.state is TargetState.PUBLISHED and done.remote_url.endswith("/42")
    [line] = panel.lines.values()
    assert line.state.text() == "Published" and "status/42" in line.link.text()
    assert first_key not in notices.notice_keys()

    window.open_post(resend)
    panel = results_of(qtbot, resend)
    [line] = panel.lines.values()
    sent_before = len(desk.net.publishes())
    click(qtbot, line.send_button)
    qtbot.waitUntil(
        lambda: desk.publisher().targets(resend)[0].state is TargetState.PUBLISHED, timeout=10_000
    )
    assert len(desk.net.publishes()) == sent_before + 1
    assert desk.ws.posts.get(resend).state is PostState.PUBLISHED


def test_hand_off_goes_through_the_worker_and_a_move_updates_the_server_copy(
    qtbot: QtBot, desk: Desk, open_window: type[MainWindow]
) -> None:
    masto, sky = desk.account(Network.MASTODON), desk.account(Network.BLUESKY)
    post = desk.post("Goes out with the laptop closed", [masto, sky])
    window = open_window()
    window.open_post(post.id)
    panel = results_of(qtbot, post.id)
    assert panel.isVisible() and panel.hand_off_button.isVisible()

    with qtbot.waitSignal(window.publishing.hand_off_finished, timeout=10_000) as done:
        click(qtbot, panel.hand_off_button)
    assert done.args[0].report is not None
    masto_line = panel.lines[target(desk, post.id, masto.id).target_id]
    assert masto_line.state.text() == "Handed off to Mastodon's scheduler"
    assert "stay with cmplanner" in panel.message.text()  # Bluesky has no scheduler
    assert not panel.hand_off_button.isVisible()
    panel.window().grab().save(str(SHOTS / "O_composer_handoff.png"))
    chip = window.calendar.model.index(window.calendar.model.row_of(post.id), 0)
    assert "Handed off to Mastodon" in chip.data(Qt.ItemDataRole.ToolTipRole)

    later = post.scheduled_utc + timedelta(hours=2)  # type: ignore[operator]
    desk.ws.posts.update(post.id, local_at=later.replace(tzinfo=None))  # a move in the calendar
    qtbot.waitUntil(lambda: len(desk.net.calls) == 3, timeout=10_000)
    assert [c.kind for c in desk.net.calls] == ["schedule", "cancel", "schedule"]
    [copy] = desk.net.scheduled.values()
    assert copy.scheduled_utc == later


def test_missed_slots_wait_in_a_notice_with_publish_now_and_skip(
    qtbot: QtBot, desk: Desk, open_window: type[MainWindow]
) -> None:
    desk.policy("ask")
    acc = desk.account(Network.BLUESKY)
    now_post = desk.post("Brunch special", [acc])
    skip_post = desk.post("Rainy day menu", [acc], at=now_post.scheduled_utc)
    desk.at(now_post, timedelta(hours=3))  # the laptop slept through both
    window = open_window()
    notices = window.publishing.notices
    keys = {f"missed:{now_post.id}", f"missed:{skip_post.id}"}
    qtbot.waitUntil(lambda: keys <= set(notices.notice_keys()), timeout=10_000)
    assert "Brunch special" in notices.text(f"missed:{now_post.id}")
    assert "3 h ago" in notices.text(f"missed:{now_post.id}")
    assert desk.net.publishes() == []
    window.grab().save(str(SHOTS / "O_notice_missed.png"))

    click(qtbot, notices.button(f"missed:{now_post.id}", "publish"))
    qtbot.waitUntil(
        lambda: desk.ws.posts.get(now_post.id).state is PostState.PUBLISHED, timeout=10_000
    )
    click(qtbot, notices.button(f"missed:{skip_post.id}", "skip"))
    assert desk.ws.posts.get(skip_post.id).state is PostState.READY
    assert len(desk.net.publishes()) == 1
    qtbot.waitUntil(lambda: not notices.isVisible())


def test_offline_is_said_in_the_status_bar_and_on_the_chips(
    qtbot: QtBot, desk: Desk, open_window: type[MainWindow]
) -> None:
    acc = desk.account(Network.BLUESKY)
    post = desk.post("Waiting for the wifi", [acc])
    desk.at(post)
    desk.online = False
    window = open_window()
    label = window.publishing.offline_label
    qtbot.waitUntil(label.isVisible, timeout=10_000)
    assert label.text() == "Offline — 1 post will publish when online"
    chip = window.calendar.model.index(window.calendar.model.row_of(post.id), 0)
    assert "will publish when online" in chip.data(Qt.ItemDataRole.ToolTipRole)
    window.grab().save(str(SHOTS / "O_offline.png"))

    desk.online = True
    window.publishing.runner.wake()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: not label.isVisible(), timeout=10_000)
    assert desk.ws.posts.get(post.id).state is PostState.PUBLISHED


def test_reconnect_and_rate_limit_notices_open_the_accounts_window(
    qtbot: QtBot, desk: Desk, open_window: type[MainWindow]
) -> None:
    dead, busy = desk.account(Network.LINKEDIN, "sol"), desk.account(Network.MASTODON, "busy")
    post = desk.post("Two accounts, two troubles", [dead, busy])
    desk.net.script[dead.id] = [AuthExpired("The token was revoked.")]
    reset = post.scheduled_utc + timedelta(minutes=30)  # type: ignore[operator]
    desk.net.script[busy.id] = [RateLimited("Too many requests", reset_at=reset)]
    desk.at(post)
    window = open_window()
    notices = window.publishing.notices
    keys = {f"account:{dead.id}", f"rate:{busy.id}"}
    qtbot.waitUntil(lambda: keys <= set(notices.notice_keys()), timeout=10_000)
    assert "needs reconnecting" in notices.text(f"account:{dead.id}")
    assert "rate-limited until" in notices.text(f"rate:{busy.id}")
    window.grab().save(str(SHOTS / "O_notice_accounts.png"))

    from cmplanner.ui.accounts_view import AccountsDialog

    click(qtbot, notices.button(f"account:{dead.id}", "accounts"))
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, AccountsDialog) and w.isVisible() for w in QApplication.topLevelWidgets()
        ),
        timeout=5000,
    )
