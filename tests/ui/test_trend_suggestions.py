"""The composer's Insert menu shows the brand's trending hashtags beside its hashtag groups:
from the database when the menu opens, read again in the background when an hour old."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QMenu
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from cmplanner.domain.clock import FixedClock
from cmplanner.domain.enums import Network
from cmplanner.services.trends import TrendsService
from cmplanner.services.workspace import Workspace
from cmplanner.ui.composer_fields import PostTextEdit
from cmplanner.ui.composer_insert import InsertMenu
from cmplanner.ui.trend_suggestions import TrendSuggestions
from tests.unit.services.inbox_support import ME, Desk
from tests.unit.services.test_trends import TAGS


def test_trends_beside_hashtag_groups(
    qtbot: QtBot, ws: Workspace, clock: FixedClock, httpserver_ipv4: HTTPServer
) -> None:
    server = httpserver_ipv4
    desk = Desk(ws, clock)
    desk.account(
        Network.MASTODON,
        "cafesol@example.social",
        server=server.url_for("/").rstrip("/"),
        remote_id=ME,
    )
    ws.library.save_hashtag_group(desk.brand.id, "Café", "#cafesol #barcelona")
    editor = PostTextEdit()
    qtbot.addWidget(editor)
    menu = QMenu(editor)
    trends = TrendSuggestions(ws, editor, service=TrendsService(desk.inbox))
    insert = InsertMenu(menu, ws.library, lambda: desk.brand, lambda: None, editor, trends=trends)

    # first opening: nothing stored yet, so it is read in the background
    server.expect_oneshot_request("/api/v1/trends/tags").respond_with_json(TAGS)
    with qtbot.waitSignal(trends.refreshed, timeout=10_000) as refreshed:
        insert.fill()
    assert refreshed.args == [desk.brand.id]
    texts = [a.text() for a in menu.actions()]
    assert "Reading trends from the networks…" in texts

    # next opening: the tags, after the brand's groups, most used first, no new request
    insert.fill()
    texts = [a.text() for a in menu.actions() if a.text()]
    group = texts.index("Café  (#cafesol #barcelona)")
    assert texts[group + 1 : group + 5] == [
        "Trending now",
        "#BlackFriday  (1200 posts by 800 people, last 2 days)",
        "#CafeDeEspecialidad  (200 posts by 70 people, last 2 days)",
        "#otoño  (5 posts by 2 people, last 2 days)",
    ]
    with qtbot.assertNotEmitted(trends.refreshed):
        insert.fill()
    insert.action("#BlackFriday").trigger()
    assert editor.toPlainText() == "#BlackFriday"
    server.check_assertions()

    clock.advance(timedelta(hours=2))  # old: read again when the menu opens
    server.expect_oneshot_request("/api/v1/trends/tags").respond_with_json(TAGS[:1])
    with qtbot.waitSignal(trends.refreshed, timeout=10_000):
        insert.fill()
    insert.fill()
    assert any(a.text().startswith("#CafeDeEspecialidad") for a in menu.actions())
    assert not any(a.text().startswith("#BlackFriday") for a in menu.actions())
