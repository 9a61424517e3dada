"""The inbox tab offscreen: sync from a fake Mastodon instance (documented shapes), filters,
j/k/e/r keys, a reply checked, previewed and sent off the GUI thread, the crisis banner's
pause/resume; the model passes qtmodeltester. Renders /tmp/I_inbox.png."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget, QWidget
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from werkzeug import Request, Response

from cmplanner.domain.clock import FixedClock
from cmplanner.domain.enums import Network
from cmplanner.services.workspace import Workspace
from cmplanner.storage.tables import BrandRow
from cmplanner.ui.inbox_alerts import attach_inbox
from cmplanner.ui.inbox_tab import InboxTab
from cmplanner.ui.inbox_watch_dialog import InboxWatchDialog
from cmplanner.ui.publish_notices import PublishNotices
from tests.unit.services.inbox_support import ME, Desk, mention, status, who


@pytest.fixture
def server(httpserver_ipv4: HTTPServer) -> HTTPServer:
    return httpserver_ipv4


@pytest.fixture
def tab(qtbot: QtBot, ws: Workspace, clock: FixedClock, server: HTTPServer) -> Iterator[InboxTab]:
    desk = Desk(ws, clock)
    desk.account(Network.X, "cafesol")
    desk.account(
        Network.MASTODON,
        "cafesol@example.social",
        server=server.url_for("/").rstrip("/"),
        remote_id=ME,
    )
    desk.inbox.community.save_reply(
        desk.brand.id, "Lo miramos", "Hola {name}, lo estamos revisando.", holding=True
    )
    now = clock.now()
    notes = [
        mention(
            str(100 + i),
            status(
                str(50 + i),
                "<p>@cafesol horrible, mi pedido nunca llegó. Quiero un reembolso</p>",
                author=who(str(900 + i), f"cliente{i}@example.social", f"Cliente {i}"),
                at=(now - timedelta(minutes=10 + i)).isoformat(),
            ),
        )
        for i in range(5)
    ]
    notes.append(
        mention(
            "99",
            status(
                "49",
                "<p>@cafesol ¡me encanta el café nuevo, gracias!</p>",
                reply_to="9",
                at=(now - timedelta(hours=3)).isoformat(),
            ),
        )
    )
    server.expect_request("/api/v1/notifications").respond_with_json(notes)
    server.expect_request(
        __import__("re").compile(r"/api/v1/statuses/\d+/context")
    ).respond_with_json(
        {
            "ancestors": [status("9", "<p>Nuevo café de temporada</p>", author=who(ME, "cafesol"))],
            "descendants": [],
        }
    )
    w = InboxTab(ws, inbox=desk.inbox)
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


def _sync(qtbot: QtBot, tab: InboxTab) -> None:
    with qtbot.waitSignal(tab.synced, timeout=10_000):
        qtbot.mouseClick(tab.sync_button, Qt.MouseButton.LeftButton)


def test_model_passes_the_model_tester(qtbot: QtBot, tab: InboxTab, qtmodeltester: object) -> None:
    _sync(qtbot, tab)
    qtmodeltester.check(tab.model)  # type: ignore[attr-defined]


def test_sync_list_keys_reply_and_crisis(
    qtbot: QtBot, tab: InboxTab, server: HTTPServer, ws: Workspace
) -> None:
    _sync(qtbot, tab)
    assert tab.model.rowCount() == 6
    assert "paid API" in tab.unreadable_label.text()
    assert tab.banner.isVisible()
    assert "5 negative" in tab.banner_label.text()

    tab.view.setFocus()
    tab.select_row(0)
    first = tab._current
    assert first is not None and "Why:" in tab.why.text() and "reembolso" in tab.why.text()
    qtbot.keyClick(tab.view, Qt.Key.Key_J)
    assert tab.view.currentIndex().row() == 1
    qtbot.keyClick(tab.view, Qt.Key.Key_K)
    assert tab.view.currentIndex().row() == 0
    qtbot.keyClick(tab.view, Qt.Key.Key_E)
    assert tab.model.entry(0).done  # type: ignore[union-attr]
    assert tab.view.currentIndex().row() == 1

    # The praise, answering the brand's post: its thread shows the brand's post above it.
    tab.select_row(5)
    assert "Nuevo café de temporada" in tab.thread_view.toPlainText()
    qtbot.keyClick(tab.view, Qt.Key.Key_R)
    assert tab.reply_edit.hasFocus()
    assert tab.reply_edit.toPlainText().startswith("@ana@example.social ")
    tab.reply_edit.setPlainText("x" * 600)
    assert not tab.send_button.isEnabled() and "600 of 500" in tab.check_label.text()
    tab.reply_edit.setPlainText("@ana@example.social ¡Gracias a ti! #cafe")
    assert tab.send_button.isEnabled()
    assert "#cafe" in tab.preview.text()

    sent: list[dict[str, object]] = []

    def answer(request: Request) -> Response:
        sent.append(request.get_json())
        return Response(
            json.dumps({"id": "901", "url": "https://example.social/@cafesol/901"}),
            content_type="application/json",
        )

    server.expect_request("/api/v1/statuses", method="POST").respond_with_handler(answer)
    with qtbot.waitSignal(tab.reply_sent, timeout=10_000):
        qtbot.mouseClick(tab.send_button, Qt.MouseButton.LeftButton)
    assert sent == [{"status": "@ana@example.social ¡Gracias a ti! #cafe", "in_reply_to_id": "49"}]
    assert "You replied" in tab.thread_view.toPlainText()

    tab.grab().save("/tmp/I_inbox.png")
    qtbot.mouseClick(tab.pause_button, Qt.MouseButton.LeftButton)
    with ws.sessions() as s:
        assert s.scalar(select(BrandRow.paused)) is True
    assert tab.pause_button.text() == "Resume publishing"
    qtbot.mouseClick(tab.holding_button, Qt.MouseButton.LeftButton)
    assert "lo estamos revisando" in tab.reply_edit.toPlainText()
    qtbot.mouseClick(tab.pause_button, Qt.MouseButton.LeftButton)
    with ws.sessions() as s:
        assert s.scalar(select(BrandRow.paused)) is False


def test_filters(qtbot: QtBot, tab: InboxTab) -> None:
    _sync(qtbot, tab)
    tab.flagged_box.setChecked(True)
    assert tab.model.rowCount() == 5
    tab.flagged_box.setChecked(False)
    tab.kind_box.setCurrentIndex(tab.kind_box.findText("reply"))
    assert tab.model.rowCount() == 1


def test_background_sync_alerts_once_and_stops(qtbot: QtBot, tab: InboxTab, ws: Workspace) -> None:
    notices = PublishNotices()
    qtbot.addWidget(notices)
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.addTab(QWidget(), "Calendar")
    tabs.addTab(tab, "Inbox")
    alerts = attach_inbox(tabs, tab, notices, None, auto_sync=False)
    with (
        qtbot.waitSignal(tab.crisis_alerted, timeout=10_000) as alerted,
        qtbot.waitSignal(tab.synced, timeout=10_000),
    ):
        timer = tab.start_auto_sync(every_ms=60_000, first_ms=0)
    crisis = alerted.args[0]
    assert crisis.brand_name == "Café Sol" and crisis.last_hour == 5
    key = f"crisis:{crisis.brand_id}"
    assert "Possible crisis for Café Sol: 5 negative" in notices.text(key)
    assert timer.isActive()  # the next sync is due

    # the next sync finds the same crisis: no second alert
    with qtbot.assertNotEmitted(tab.crisis_alerted), qtbot.waitSignal(tab.synced, timeout=10_000):
        tab.sync()

    # "Pause publishing" on the notice pauses the brand and shows the inbox
    tabs.setCurrentIndex(0)
    button = notices.button(key, "pause")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    with ws.sessions() as s:
        assert s.scalar(select(BrandRow.paused)) is True
    assert tabs.currentWidget() is tab and key not in notices.notice_keys()
    assert tab.pause_button.text() == "Resume publishing"
    assert alerts.text(crisis).startswith("Possible crisis")

    # the window closes: no timer, no more syncs
    tab.stop()
    assert not timer.isActive()
    with qtbot.assertNotEmitted(tab.synced, wait=50):
        tab.sync()
    assert tab.sync_button.isEnabled()


def test_searches_and_keywords_edited_from_the_tab(
    qtbot: QtBot, tab: InboxTab, ws: Workspace
) -> None:
    _sync(qtbot, tab)
    qtbot.mouseClick(tab.watch_button, Qt.MouseButton.LeftButton)
    dialog = tab.findChild(InboxWatchDialog)
    assert (
        dialog is not None and dialog.isVisible() and dialog.brand_box.currentText() == "Café Sol"
    )
    brand_id = dialog.brand_id
    assert brand_id is not None

    qtbot.keyClicks(dialog.search_edit, "#cafesol")
    dialog.search_network.setCurrentIndex(dialog.search_network.findText("Bluesky"))
    qtbot.mouseClick(dialog.add_search_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.search_edit, "  ")
    qtbot.keyPress(dialog.search_edit, Qt.Key.Key_Return)
    assert dialog.error_label.isVisible() and "needs words" in dialog.error_label.text()
    assert [dialog.search_list.item(i).text() for i in range(dialog.search_list.count())] == [
        "#cafesol  (Bluesky)"
    ]
    assert [(s.query, s.network) for s in tab.inbox.community.searches(brand_id)] == [
        ("#cafesol", "bluesky")
    ]

    # a keyword scores the brand's items again: the praise now reads as urgent and negative
    praise = next(e for e in tab.inbox.list() if "encanta" in e.text)
    dialog.keyword_edit.setText("café nuevo")  # (QtTest types ASCII only)
    dialog.tone_box.setCurrentIndex(dialog.tone_box.findText("negative"))
    dialog.urgent_box.setChecked(True)
    with qtbot.waitSignal(dialog.changed):
        qtbot.mouseClick(dialog.add_keyword_button, Qt.MouseButton.LeftButton)
    assert not dialog.error_label.isVisible()
    assert dialog.keyword_list.item(0).text() == "café nuevo  (negative, urgent)"
    rescored = tab.inbox.get(praise.id)
    assert any("café nuevo" in r for r in rescored.reasons), rescored.reasons

    dialog.keyword_list.setCurrentRow(0)
    qtbot.mouseClick(dialog.remove_keyword_button, Qt.MouseButton.LeftButton)
    dialog.search_list.setCurrentRow(0)
    qtbot.mouseClick(dialog.remove_search_button, Qt.MouseButton.LeftButton)
    assert dialog.keyword_list.count() == dialog.search_list.count() == 0
    assert tab.inbox.community.keywords(brand_id) == []
    assert not any("café nuevo" in r for r in tab.inbox.get(praise.id).reasons)
    dialog.close()
