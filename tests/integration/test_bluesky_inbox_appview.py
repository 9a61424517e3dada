"""The inbox against the real AT Protocol server WITH its AppView (tests/support/
atproto_appview.py): bob mentions alice and replies to her post; ``inbox sync`` brings both
with their thread (listNotifications, getPostThread), a reply sent from the app lands on the
server as a reply to the right post, and a saved search brings bob's post as a search hit
(searchPosts)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
import requests

from cmplanner.domain.clock import FixedClock
from cmplanner.domain.enums import InboxKind, Network
from cmplanner.domain.inbox import InboxFilter
from cmplanner.networks.bluesky_client import BlueskyClient, ReplyTo, new_tid
from cmplanner.networks.trends import BLUESKY_NO_TRENDS
from cmplanner.services import inbox_actions
from cmplanner.services.workspace import Workspace
from tests.unit.services.inbox_support import Desk

if TYPE_CHECKING:
    from tests.support.atproto_appview import AtprotoAppView

pytest_plugins = ["tests.support.atproto_appview"]
pytestmark = pytest.mark.slow


def appview_has(server: AtprotoAppView, uri: str) -> bool:
    answer = requests.get(
        f"{server.appview_url}/xrpc/app.bsky.feed.getPosts", params={"uris": uri}, timeout=5
    )
    return answer.ok and len(answer.json().get("posts", [])) == 1


@pytest.fixture
def bob(atproto_appview: AtprotoAppView) -> Iterator[BlueskyClient]:
    client = BlueskyClient(atproto_appview.pds_url)
    client.login(atproto_appview.bob.handle, atproto_appview.bob.app_password)
    yield client
    client.http.close()


@pytest.fixture
def alice(atproto_appview: AtprotoAppView) -> Iterator[BlueskyClient]:
    client = BlueskyClient(atproto_appview.pds_url)
    client.login(atproto_appview.alice.handle, atproto_appview.alice.app_password)
    yield client
    client.http.close()


def test_mentions_and_replies_arrive_with_their_thread_and_a_reply_goes_back(
    ws: Workspace,
    clock: FixedClock,
    atproto_appview: AtprotoAppView,
    alice: BlueskyClient,
    bob: BlueskyClient,
) -> None:
    server = atproto_appview
    desk = Desk(ws, clock)
    acc = desk.account(
        Network.BLUESKY,
        server.alice.handle,
        server=server.pds_url,
        remote_id=server.alice.did,
        secret={"app_password": server.alice.app_password},
    )
    inbox = desk.inbox
    desk.inbox.community.add_search(desk.brand.id, "pumpkin bread", Network.BLUESKY)
    # a first sync: nothing yet (and the cursors start from here)
    first = inbox.sync()
    assert [a.error for a in first.accounts] == [""], first
    assert inbox.list() == []

    root = alice.create_post("Our new autumn menu is out", rkey=new_tid())
    reader = inbox.reader(acc.id)
    # the AppView indexes each repository on its own: a reply indexed before the post it
    # answers makes no notification (as on bsky.social), so bob answers once it is there.
    # Asked of the AppView itself: through the PDS, alice reads her own fresh posts at once
    # (read-after-write) even before the AppView has them.
    server.poll(lambda: appview_has(server, root.uri), what="alice's post in the AppView")
    complaint = bob.create_post(
        "My order never arrived, I want a refund", rkey=new_tid(), reply_to=root
    )
    mention = bob.create_post(
        f"@{server.alice.handle} is the pumpkin bread back this week?", rkey=new_tid()
    )
    praise = bob.create_post("The pumpkin bread at that bakery is amazing", rkey=new_tid())
    server.poll(
        lambda: len(reader.notifications(None).items) >= 2,
        what="alice's reply and mention notifications",
    )
    server.poll(
        lambda: len(reader.search("pumpkin bread", None).items) >= 2, what="bob's posts in search"
    )

    report = inbox.sync()
    assert [a.error for a in report.accounts] == [""], report
    assert report.accounts[0].problems == (), report
    by_kind = {e.kind: e for e in inbox.list()}
    assert set(by_kind) == {InboxKind.REPLY, InboxKind.MENTION, InboxKind.SEARCH_HIT}
    reply_item = by_kind[InboxKind.REPLY]
    assert reply_item.remote_id == complaint.uri
    assert reply_item.author_handle == server.bob.handle
    assert by_kind[InboxKind.MENTION].remote_id == mention.uri
    # the saved search found both of bob's posts: the mention is in the inbox already (once)
    hit = by_kind[InboxKind.SEARCH_HIT]
    assert hit.remote_id == praise.uri
    assert hit.text == "The pumpkin bread at that bakery is amazing"
    assert len(inbox.list()) == 3

    # the reply's thread: alice's root (her own), then bob's reply (the item)
    convo = inbox.conversation(reply_item.id)
    assert convo.note == ""
    assert [(p.text, p.is_own, p.is_item) for p in convo.posts] == [
        ("Our new autumn menu is out", True, False),
        ("My order never arrived, I want a refund", False, True),
    ]

    # a second sync brings nothing twice
    assert inbox.sync().new == 0
    assert len(inbox.list(InboxFilter())) == 3

    # alice answers from the app: on the server it is a reply to bob's post in her thread
    text = "Sorry! We're on it, check your DMs."
    answered = inbox_actions.reply(inbox, reply_item.id, text)
    assert answered.replied and answered.reply_error == ""
    rkey = answered.reply_url.rsplit("/", 1)[1]
    sent = alice.get_post(f"at://{server.alice.did}/app.bsky.feed.post/{rkey}")
    assert sent.value["text"] == text
    assert sent.value["reply"] == {
        "root": {"uri": root.uri, "cid": root.cid},
        "parent": {"uri": complaint.uri, "cid": complaint.cid},
    }
    # and the AppView shows it under bob's post
    refreshed = server.poll(
        lambda: [p for p in inbox.refresh_thread(reply_item.id).posts if p.text == text],
        what="alice's reply in the thread",
    )
    assert refreshed[0].is_own

    # bob answers again: the next sync reads on from the newest notification it saw
    again = bob.create_post("Thanks, got it!", rkey=new_tid(), reply_to=ReplyTo(root, complaint))
    server.poll(
        lambda: any(i.remote_id == again.uri for i in reader.notifications(None).items),
        what="bob's second reply",
    )
    assert inbox.sync().new == 1
    assert [e.text for e in inbox.list(InboxFilter(kind=InboxKind.REPLY))] == [
        "Thanks, got it!",
        "My order never arrived, I want a refund",
    ]

    # trends: this AppView has no topics service (bsky.social has): none, and it says so
    assert reader.trends() == ([], BLUESKY_NO_TRENDS)  # type: ignore[attr-defined]
