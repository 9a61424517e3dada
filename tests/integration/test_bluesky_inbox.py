"""Bluesky's inbox reader against the real local AT Protocol server (PLC + PDS, no AppView).

bob replies to alice's post and mentions her. What a PDS alone answers is tested for real:
the thread's parents read record by record, alice's reply pointing at the right root and
parent, like and repost records. ``listNotifications`` (and getPostThread, searchPosts) are
answered by an AppView, which this test server does not run: the reader says so
("Upstream service unreachable", 502) instead of failing silently.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from cmplanner.domain.enums import Network
from cmplanner.networks.bluesky_client import BlueskyClient, new_tid
from cmplanner.networks.bluesky_inbox import BlueskyInbox
from cmplanner.networks.errors import Transient
from cmplanner.networks.inbox_base import RemotePost, make_reader
from cmplanner.networks.publishing import AccountRef

if TYPE_CHECKING:
    from tests.support.atproto import AtprotoServer

pytest_plugins = ["tests.support.atproto"]
pytestmark = pytest.mark.slow


def _login(server: AtprotoServer, who: str) -> BlueskyClient:
    acc = server.alice if who == "alice" else server.bob
    client = BlueskyClient(server.pds_url)
    client.login(acc.handle, acc.app_password)
    return client


def _alice_inbox(server: AtprotoServer) -> BlueskyInbox:
    ref = AccountRef(1, Network.BLUESKY, server.alice.handle, server.pds_url, server.alice.did)
    reader = make_reader(ref, {"app_password": server.alice.app_password})
    assert isinstance(reader, BlueskyInbox)
    return reader


def test_thread_reply_like_and_repost_on_the_pds(atproto_server: AtprotoServer) -> None:
    alice, bob = _login(atproto_server, "alice"), _login(atproto_server, "bob")
    root = alice.create_post("Our new autumn menu is out", rkey=new_tid())
    bobs = bob.create_post(
        f"@{atproto_server.alice.handle} my order never arrived, I want a refund",
        rkey=new_tid(),
        reply_to=root,
    )
    inbox = _alice_inbox(atproto_server)
    record = bob.get_post(bobs.uri)
    item = RemotePost(
        remote_id=bobs.uri,
        author_handle=atproto_server.bob.handle,
        author_id=atproto_server.bob.did,
        text=record.text,
        parent_remote_id=root.uri,
        meta={"cid": bobs.cid, "root_uri": root.uri, "root_cid": root.cid},
    )

    thread = inbox.thread(item)
    assert [p.text for p in thread.posts] == ["Our new autumn menu is out", record.text]
    assert thread.posts[0].author_id == atproto_server.alice.did
    assert "AppView" in thread.problems[0]

    sent = inbox.reply(item, "Sorry! We're on it, check your DMs.", key=new_tid())
    again = inbox.reply(
        item, "Sorry! We're on it, check your DMs.", key=sent.remote_id.rsplit("/", 1)[1]
    )
    assert again.remote_id == sent.remote_id  # the same key never makes a second reply
    answer = alice.get_post(sent.remote_id)
    assert answer.value["reply"] == {
        "root": {"uri": root.uri, "cid": root.cid},
        "parent": {"uri": bobs.uri, "cid": bobs.cid},
    }

    inbox.like(item)
    inbox.repost(item)
    for collection in ("app.bsky.feed.like", "app.bsky.feed.repost"):
        records = list(alice._iter_records(atproto_server.alice.did, collection, 10))
        assert [r.value["subject"] for r in records] == [{"uri": bobs.uri, "cid": bobs.cid}]


def test_notifications_need_an_appview_and_say_so(atproto_server: AtprotoServer) -> None:
    with pytest.raises(Transient) as info:
        _alice_inbox(atproto_server).notifications(None)
    assert info.value.status == 502
    assert "Upstream service unreachable" in info.value.message
