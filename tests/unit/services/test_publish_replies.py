"""Inbox replies through the publisher: one claim, the key stored before the request, a
crash reconciled without a second reply, give-up after the bounded retries, a network that
cannot reply saying so, and the attempts in the publish log.

Real SQLite workspace, real publisher and credential store; only the remote side is the
scripted ``FakeNetwork`` of the publisher's tests.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from cmplanner.domain.clock import FixedClock
from cmplanner.domain.enums import Network
from cmplanner.domain.models import Account
from cmplanner.networks.errors import Rejected, Transient
from cmplanner.services import publish_replies as replies
from cmplanner.services.publish_replies import ReplyState
from cmplanner.services.workspace import Workspace
from cmplanner.storage.tables import InboxItemRow, ReplyAttemptRow
from tests.unit.services.publisher_support import Desk, Killed


@pytest.fixture
def desk(ws: Workspace, clock: FixedClock, tmp_path: Path) -> Desk:
    return Desk(ws, clock, tmp_path)


def item(desk: Desk, account: Account, remote_id: str = "at://did:plc:bob/post/1") -> int:
    """An inbox item (a reply to the brand) as the sync stores it."""
    with desk.ws.sessions.begin() as s:
        row = InboxItemRow(
            account_id=account.id,
            brand_id=desk.brand.id,
            kind="reply",
            remote_id=remote_id,
            author_handle="bob.test",
            text="Where is my order?",
            created_utc=desk.clock.now().replace(tzinfo=None),
            meta='{"cid": "bafyparent", "root_uri": "at://did:plc:sol/post/0", '
            '"root_cid": "bafyroot"}',
        )
        s.add(row)
        s.flush()
        return row.id


def state(desk: Desk, item_id: int) -> tuple[str, str, str]:
    with desk.ws.sessions() as s:
        row = s.get(InboxItemRow, item_id)
        assert row is not None
        return row.reply_state, row.reply_key, row.reply_error


def test_a_reply_is_sent_once_with_its_stored_key_and_the_thread_refs(desk: Desk) -> None:
    bsky = desk.account(Network.BLUESKY)
    item_id = item(desk, bsky)
    assert replies.queue(desk.ws.sessions, item_id, "We are on it, Bob!")
    _, key, _ = state(desk, item_id)
    assert key  # chosen and stored before any request

    first, second = desk.publisher("one"), desk.publisher("two")
    first.publish_due()
    second.publish_due()
    [call] = desk.net.publishes()
    assert call.post is not None and call.post.reply_to is not None
    assert call.post.record_keys == (key,) and call.post.idempotency_key == key
    assert (call.post.reply_to.remote_id, call.post.reply_to.cid) == (
        "at://did:plc:bob/post/1",
        "bafyparent",
    )
    assert call.post.reply_to.root_uri == "at://did:plc:sol/post/0"
    assert state(desk, item_id)[0] == ReplyState.SENT.value
    assert not replies.queue(desk.ws.sessions, item_id, "We are on it, Bob!")  # a double click
    log = [a for a in first.attempts() if a.item_id == item_id]
    assert [a.result for a in log] == ["published"] and log[0].post_id == 0


def test_two_publishers_never_claim_one_reply(desk: Desk) -> None:
    item_id = item(desk, desk.account(Network.MASTODON))
    replies.queue(desk.ws.sessions, item_id, "@bob on it")
    one, two = desk.publisher("one"), desk.publisher("two")
    with desk.ws.sessions() as s:
        [due] = replies._due(s, desk.clock.now(), None)
    assert replies._claim(one, due) is not None
    assert replies._claim(two, due) is None
    two.publish_due()  # the other publisher's round leaves the claimed reply alone
    assert desk.net.publishes() == []


def test_a_crash_after_the_request_is_reconciled_without_a_second_reply(desk: Desk) -> None:
    bsky = desk.account(Network.BLUESKY)
    item_id = item(desk, bsky)
    replies.queue(desk.ws.sessions, item_id, "Sorry Bob, sending a new one today")
    desk.net.script[bsky.id] = ["deliver-then-kill"]
    with pytest.raises(Killed):
        desk.publisher("crashed").publish_due()
    assert state(desk, item_id)[0] == ReplyState.CLAIMED.value

    desk.clock.advance(timedelta(minutes=11))  # past the claim's lease
    after = desk.publisher("after")
    after.publish_due()
    assert len(desk.net.publishes()) == 1  # looked up, found: not sent again
    assert state(desk, item_id)[0] == ReplyState.SENT.value
    results = [a.result for a in after.attempts() if a.item_id == item_id]
    assert results == ["reconciled"]


def test_a_busy_server_is_retried_with_backoff_then_given_up(desk: Desk) -> None:
    x = desk.account(Network.X, "solbakery")
    item_id = item(desk, x, "1790000000000000001")
    desk.net.script[x.id] = [Transient("503 Service Unavailable")] * 5
    replies.queue(desk.ws.sessions, item_id, "@bob on it")
    publisher = desk.publisher()
    tries = 0
    while state(desk, item_id)[0] != ReplyState.FAILED.value:
        publisher.publish_due()
        tries += 1
        wake = publisher.next_wake_utc()
        if wake is not None:
            desk.clock.set(wake + timedelta(seconds=1))
        assert tries <= publisher.max_tries
    calls = desk.net.publishes()
    assert len(calls) == publisher.max_tries
    assert {c.post.reply_to.remote_id for c in calls if c.post and c.post.reply_to} == {
        "1790000000000000001"
    }
    assert "Gave up after 5 tries" in state(desk, item_id)[2]


def test_a_network_that_cannot_reply_says_so(desk: Desk) -> None:
    li = desk.account(Network.LINKEDIN, "sol")
    item_id = item(desk, li, "urn:li:share:1")
    desk.net.script[li.id] = [Rejected("LinkedIn: answering comments needs approval")]
    replies.queue(desk.ws.sessions, item_id, "Thanks!")
    publisher = desk.publisher()
    [outcome] = publisher.send_replies([item_id])
    assert outcome.state is ReplyState.FAILED
    assert (
        outcome.error == "LinkedIn refused the reply: LinkedIn: answering comments needs approval"
    )
    with desk.ws.sessions() as s:
        [attempt] = s.scalars(select(ReplyAttemptRow).where(ReplyAttemptRow.item_id == item_id))
    assert (attempt.result, attempt.error_class) == ("rejected", "Rejected")
