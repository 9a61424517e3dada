"""After a crash, offline, a missed slot: the publisher never resends blindly nor loses a post."""

from __future__ import annotations

import socket
from datetime import timedelta
from pathlib import Path

import pytest

from cmplanner.domain.clock import FixedClock
from cmplanner.domain.enums import Network, PostState, TargetState
from cmplanner.services.connectivity import ConnectivityProbe
from cmplanner.services.workspace import Workspace
from cmplanner.storage.tables import PostTargetRow
from tests.unit.services.publisher_support import Desk, Killed


@pytest.fixture
def desk(ws: Workspace, clock: FixedClock, tmp_path: Path) -> Desk:
    return Desk(ws, clock, tmp_path)


def _crash_while_sending(desk: Desk, network: Network) -> tuple[int, int]:
    """A publisher dies after the network took the post, before it could record it."""
    acc = desk.account(network)
    post = desk.post("Crash", [acc])
    desk.net.script[acc.id] = ["deliver-then-kill"]
    desk.at(post)
    with pytest.raises(Killed):
        desk.publisher("dead-worker").publish_due()
    [target] = desk.publisher().targets(post.id)
    assert target.state is TargetState.CLAIMED
    return post.id, acc.id


@pytest.mark.parametrize("network", [Network.BLUESKY, Network.X])
def test_a_claim_left_by_a_crash_is_found_on_the_network_and_recorded(
    desk: Desk, network: Network
) -> None:
    post_id, _ = _crash_while_sending(desk, network)
    publisher = desk.publisher("restarted")

    assert publisher.publish_due().published == 0  # within the lease: maybe still working
    desk.clock.advance(publisher.lease + timedelta(seconds=1))
    summary = publisher.publish_due()

    assert summary.published == 1
    assert len(desk.net.posts) == 1 and len(desk.net.publishes()) == 1
    [target] = publisher.targets(post_id)
    assert target.state is TargetState.PUBLISHED and target.remote_url
    results = [a.result for a in publisher.attempts(post_id)]
    assert results == ["reconciled"]
    assert desk.ws.posts.get(post_id).state is PostState.PUBLISHED


def test_a_claim_whose_post_never_arrived_is_resent_where_resends_collide(desk: Desk) -> None:
    post_id, acc_id = _crash_while_sending(desk, Network.BLUESKY)
    desk.net.posts.clear()  # the request never reached the server
    desk.clock.advance(timedelta(minutes=11))

    summary = desk.publisher("restarted").publish_due()

    assert summary.published == 1
    first, second = desk.net.publishes(acc_id)
    assert first.post is not None and second.post is not None
    assert second.post.record_keys == first.post.record_keys  # same keys: a resend collides
    results = [a.result for a in desk.publisher().attempts(post_id)]
    assert results == ["published", "interrupted"]


def test_a_network_that_cannot_tell_leaves_the_target_unknown_for_the_user(desk: Desk) -> None:
    post_id, acc_id = _crash_while_sending(desk, Network.X)
    desk.net.blind.add(Network.X)
    desk.clock.advance(timedelta(minutes=11))
    publisher = desk.publisher("restarted")

    summary = publisher.publish_due()

    assert (summary.unknown, summary.published) == (1, 0)
    assert len(desk.net.publishes(acc_id)) == 1  # never resent blindly
    [target] = publisher.targets(post_id)
    assert target.state is TargetState.UNKNOWN
    assert "cannot tell whether it arrived" in target.last_error
    assert publisher.publish_due().published == 0

    resolved = publisher.resolve_unknown(target.target_id, True, "https://x.com/sol/status/1")
    assert resolved.state is TargetState.PUBLISHED
    assert resolved.remote_url == "https://x.com/sol/status/1"
    assert desk.ws.posts.get(post_id).state is PostState.PUBLISHED


def test_a_claim_with_no_request_started_goes_back_to_pending(desk: Desk, ws: Workspace) -> None:
    acc = desk.account(Network.X)
    post = desk.post("Claimed, then the power went", [acc])
    desk.at(post)
    [target] = desk.publisher().targets(post.id)
    with ws.sessions.begin() as s:
        row = s.get(PostTargetRow, target.target_id)
        assert row is not None
        row.state, row.claimed_by = TargetState.CLAIMED.value, "restarted"
        row.claimed_utc = desk.clock.now().replace(tzinfo=None)

    # the same worker id at start: its own claims are leftovers of a previous life
    summary = desk.publisher("restarted").publish_due()

    assert summary.published == 1 and len(desk.net.publishes()) == 1
    assert [c.kind for c in desk.net.calls] == ["publish"]  # no look-up was needed


def test_offline_nothing_is_claimed_and_posts_wait_until_it_returns(desk: Desk) -> None:
    acc = desk.account()
    post = desk.post("When online", [acc])
    desk.at(post)
    desk.online = False
    publisher = desk.publisher()

    summary = publisher.publish_due()

    assert summary.offline and summary.waiting_offline == 1
    assert summary.waiting_offline_post_ids == (post.id,) and summary.ok
    [target] = publisher.targets(post.id)
    assert target.state is TargetState.PENDING and target.waiting_offline
    assert desk.net.calls == []

    desk.online = True
    desk.clock.advance(timedelta(minutes=5))
    summary = publisher.publish_due()
    assert summary.published == 1 and not summary.offline
    assert not publisher.targets(post.id)[0].waiting_offline


def test_the_probe_asks_the_servers_themselves() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        port = listener.getsockname()[1]
        probe = ConnectivityProbe(timeout_s=1.0, ttl_s=0)
        assert probe([f"http://127.0.0.1:{port}"])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    assert not probe([f"http://127.0.0.1:{closed}"])
    assert probe([])


# ---- missed slots ------------------------------------------------------------------------


def test_a_post_late_within_the_grace_goes_out_whatever_the_policy(desk: Desk) -> None:
    acc = desk.account()
    post = desk.post("A little late", [acc])
    desk.policy("skip")
    desk.at(post, timedelta(minutes=10))
    assert desk.publisher().publish_due().published == 1


def test_ask_leaves_a_missed_post_waiting_for_the_users_decision(desk: Desk) -> None:
    acc = desk.account()
    post = desk.post("Missed", [acc])
    skipped = desk.post("Missed too", [acc])
    desk.policy("ask")
    desk.at(post, timedelta(hours=3))
    publisher = desk.publisher()

    summary = publisher.publish_due()

    assert summary.waiting_decision == 2 and desk.net.calls == []
    [waiting, waiting_too] = publisher.missed_waiting()
    assert (waiting.post_id, waiting.late_by_minutes) == (post.id, 180)
    assert waiting_too.post_id == skipped.id

    publisher.decide_missed(post.id, publish=True)
    publisher.decide_missed(skipped.id, publish=False)
    summary = publisher.publish_due()
    assert (summary.published, summary.waiting_decision) == (1, 0)
    assert publisher.missed_waiting() == []
    assert desk.ws.posts.get(skipped.id).state is PostState.READY
    assert publisher.targets(skipped.id)[0].state is TargetState.SKIPPED


def test_skip_puts_a_missed_post_back_to_ready_with_a_note(desk: Desk) -> None:
    acc = desk.account()
    post = desk.post("Yesterday's offer", [acc])
    desk.policy("skip")
    desk.at(post, timedelta(hours=2))

    summary = desk.publisher().publish_due()

    assert summary.skipped == 1 and desk.net.calls == []
    assert desk.ws.posts.get(post.id).state is PostState.READY
    [target] = desk.publisher().targets(post.id)
    assert target.state is TargetState.SKIPPED
    assert target.last_error.startswith("Skipped: ") and "Schedule it again" in target.last_error

    later = desk.clock.now() + timedelta(hours=1)  # scheduled again: it goes out then
    desk.ws.posts.update(post.id, local_at=later.replace(tzinfo=None), state=PostState.SCHEDULED)
    desk.clock.set(later)
    assert desk.publisher().publish_due().published == 1


@pytest.mark.parametrize(("late_min", "published"), [(50, 1), (90, 0)])
def test_late_publishes_within_its_window_and_asks_beyond(
    desk: Desk, late_min: int, published: int
) -> None:
    acc = desk.account()
    post = desk.post("Late is fine", [acc])
    desk.policy("late", minutes=60)
    desk.at(post, timedelta(minutes=late_min))

    summary = desk.publisher().publish_due()

    assert summary.published == published
    assert summary.waiting_decision == 1 - published


# ---- native hand-off ---------------------------------------------------------------------


def test_hand_off_then_move_edit_and_unschedule_keep_the_server_copy_in_step(
    desk: Desk,
) -> None:
    masto, sky = desk.account(Network.MASTODON), desk.account(Network.BLUESKY)
    post = desk.post("Goes out with the laptop closed", [masto, sky])
    publisher = desk.publisher()

    report = publisher.hand_off(post.id)

    [handed] = report.handed_off
    assert handed.account_id == masto.id and handed.state is TargetState.HANDED_OFF
    assert [t for t, _ in report.kept] == [
        t.target_id for t in publisher.targets(post.id) if t.account_id == sky.id
    ]
    [first_id] = desk.net.scheduled
    assert desk.net.scheduled[first_id].scheduled_utc == post.scheduled_utc
    assert desk.ws.posts.get(post.id).state is PostState.SCHEDULED

    assert publisher.sync_handoffs() == 0  # nothing changed
    later = post.scheduled_utc + timedelta(hours=2)  # type: ignore[operator]
    desk.ws.posts.update(post.id, local_at=later.replace(tzinfo=None))
    assert publisher.sync_handoffs() == 1
    [second_id] = desk.net.scheduled
    assert second_id != first_id and desk.net.scheduled[second_id].scheduled_utc == later

    desk.ws.posts.update(post.id, text="Goes out with the laptop closed (edited)")
    assert publisher.sync_handoffs() == 1
    [third_id] = desk.net.scheduled
    assert desk.net.scheduled[third_id].parts == ("Goes out with the laptop closed (edited)",)

    desk.ws.posts.update(post.id, clear_schedule=True)
    assert publisher.sync_handoffs() == 1
    assert desk.net.scheduled == {}
    states = {t.account_id: t.state for t in publisher.targets(post.id)}
    assert states[masto.id] is TargetState.PENDING
    kinds = [c.kind for c in desk.net.calls]
    assert kinds == ["schedule", "cancel", "schedule", "cancel", "schedule", "cancel"]
