"""The inbox list reads in pages: 450 items show their newest 200 at once, the rest as the
list is scrolled to its end or stepped through with j; items that share a time are never
shown twice nor skipped across a page's edge; the model passes qtmodeltester with pages
still to read. Real SQLite workspace, real tab offscreen."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import insert

from cmplanner.domain.clock import FixedClock
from cmplanner.domain.enums import Network
from cmplanner.services.workspace import Workspace
from cmplanner.storage.tables import InboxItemRow
from cmplanner.ui.inbox_model import PAGE
from cmplanner.ui.inbox_tab import InboxTab
from tests.unit.services.inbox_support import Desk

ITEMS = 450


@pytest.fixture
def tab(qtbot: QtBot, ws: Workspace, clock: FixedClock) -> InboxTab:
    desk = Desk(ws, clock)
    acc = desk.account(Network.MASTODON, "cafesol@example.social", server="http://127.0.0.1:9")
    now = clock.now().replace(tzinfo=None)
    rows = [
        {
            "account_id": acc.id,
            "brand_id": desk.brand.id,
            "kind": "mention",
            "remote_id": str(i),
            "author_handle": f"fan{i}@example.social",
            "text": f"message {i}",
            # three items a minute: every page edge falls among items of one time
            "created_utc": now - timedelta(minutes=i // 3),
        }
        for i in range(ITEMS)
    ]
    with ws.sessions.begin() as s:
        s.execute(insert(InboxItemRow), rows)
    t = InboxTab(ws, inbox=desk.inbox)
    qtbot.addWidget(t)
    t.resize(1000, 700)
    t.show()
    qtbot.waitExposed(t)
    return t


def texts(tab: InboxTab) -> list[str]:
    return [e.text for r in range(tab.model.rowCount()) if (e := tab.model.entry(r))]


def test_the_list_reads_a_page_then_the_rest_as_it_is_scrolled(qtbot: QtBot, tab: InboxTab) -> None:
    assert tab.model.rowCount() == PAGE and tab.model.canFetchMore()
    newest_first = sorted(range(ITEMS), key=lambda i: (i // 3, -int(i)))
    assert texts(tab)[:3] == [f"message {i}" for i in (2, 1, 0)]

    def at_end() -> bool:
        tab.view.scrollToBottom()
        return not tab.model.canFetchMore()

    qtbot.waitUntil(at_end)  # the view asks for the next page when its end shows
    shown = texts(tab)
    assert len(shown) == len(set(shown)) == ITEMS
    assert shown == [f"message {i}" for i in newest_first]


def test_j_steps_past_the_page_and_the_model_stays_sound(
    qtbot: QtBot, tab: InboxTab, qtmodeltester: ModelTester
) -> None:
    tab.select_row(PAGE - 1)
    tab.next_item()
    assert tab.view.currentIndex().row() == PAGE
    assert tab.model.rowCount() == 2 * PAGE
    assert tab._current is not None and tab._current.entry.text == texts(tab)[PAGE]
    qtmodeltester.check(tab.model)  # (it reads the remaining pages too)
    assert len(set(texts(tab))) == ITEMS
