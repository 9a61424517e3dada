"""The metrics sync against the real AT Protocol server WITH its AppView (tests/support/
atproto_appview.py): alice's post goes out through the real publisher, bob likes, reposts,
replies to, quotes it and follows alice; the sync brings every count back as a snapshot."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import pytest
import requests
from sqlalchemy import select, update

from cmplanner.domain.clock import FixedClock
from cmplanner.domain.enums import AccountStatus, Network, TargetState
from cmplanner.networks.bluesky_client import BlueskyClient, new_tid
from cmplanner.services.credentials import CredentialStore
from cmplanner.services.metrics_sync import MetricsSync, SyncProgress
from cmplanner.services.publisher import Publisher
from cmplanner.services.workspace import Workspace
from cmplanner.storage.tables import AccountRow, AccountSnapshotRow, MetricSnapshotRow
from tests.support.memory_keyring import MemoryKeyring

if TYPE_CHECKING:
    from tests.support.atproto_appview import AtprotoAppView

pytest_plugins = ["tests.support.atproto_appview"]
pytestmark = pytest.mark.slow


@pytest.fixture
def bob(atproto_appview: AtprotoAppView) -> Iterator[BlueskyClient]:
    client = BlueskyClient(atproto_appview.pds_url)
    client.login(atproto_appview.bob.handle, atproto_appview.bob.app_password)
    yield client
    client.http.close()


def _record(client: BlueskyClient, collection: str, record: dict[str, Any]) -> None:
    assert client.session is not None
    client._xrpc(
        "POST",
        "com.atproto.repo.createRecord",
        json={"repo": client.session.did, "collection": collection, "record": record},
    )


def _appview(server: AtprotoAppView, nsid: str, **params: Any) -> dict[str, Any]:
    r = requests.get(f"{server.appview_url}/xrpc/{nsid}", params=params, timeout=10)
    r.raise_for_status()
    body: dict[str, Any] = r.json()
    return body


def test_sync_brings_back_what_bob_did_to_alices_post(
    ws: Workspace, atproto_appview: AtprotoAppView, bob: BlueskyClient
) -> None:
    server = atproto_appview
    assert isinstance(ws.clock, FixedClock)
    store = CredentialStore(backend=MemoryKeyring())
    brand = ws.brands.create("Panadería Sol", "UTC")
    acc = ws.accounts.add_profile(
        brand.id, Network.BLUESKY, server.alice.handle, server=server.pds_url
    )
    with ws.sessions.begin() as s:
        s.execute(
            update(AccountRow)
            .where(AccountRow.id == acc.id)
            .values(status=AccountStatus.CONNECTED.value, remote_id=server.alice.did)
        )
    store.set(acc.id, {"app_password": server.alice.app_password})
    # alice's post goes out through the real publisher
    at = ws.clock.now() + timedelta(minutes=30)
    post = ws.posts.create(
        brand.id, "Our autumn menu is out", local_at=at.replace(tzinfo=None), account_ids=[acc.id]
    )
    publisher = Publisher(
        ws.sessions, ws.notifier, ws.clock, store, worker_id="metrics", media_root=ws.media.root
    )
    ws.clock.advance(timedelta(minutes=31))
    assert publisher.publish_due().published == 1
    [target] = publisher.targets(post.id)
    assert target.state is TargetState.PUBLISHED
    uri = target.remote_id
    sync = MetricsSync(ws.sessions, ws.metrics, ws.clock, store, notifier=ws.notifier)

    # once the AppView has the post, a first sync measures it: nobody reacted yet
    server.poll(lambda: _appview(server, "app.bsky.feed.getPosts", uris=uri)["posts"])
    first = sync.run()
    assert first.failed == (), first
    assert (first.measured, first.accounts[0].followers) == (1, 0)

    # bob likes, reposts, replies, quotes and follows
    subject = bob.get_post(uri).ref
    now = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    strong = {"uri": subject.uri, "cid": subject.cid}
    _record(bob, "app.bsky.feed.like", {"subject": strong, "createdAt": now})
    _record(bob, "app.bsky.feed.repost", {"subject": strong, "createdAt": now})
    bob.create_post("Can't wait to try the pumpkin bread", rkey=new_tid(), reply_to=subject)
    _record(
        bob,
        "app.bsky.feed.post",
        {
            "text": "Look what Panadería Sol is baking",
            "createdAt": now,
            "embed": {"$type": "app.bsky.embed.record", "record": strong},
        },
    )
    _record(bob, "app.bsky.graph.follow", {"subject": server.alice.did, "createdAt": now})

    def indexed() -> bool:
        [view] = _appview(server, "app.bsky.feed.getPosts", uris=uri)["posts"]
        counts = [view.get(k) for k in ("likeCount", "repostCount", "replyCount", "quoteCount")]
        profile = _appview(server, "app.bsky.actor.getProfile", actor=server.alice.did)
        return counts == [1, 1, 1, 1] and profile.get("followersCount") == 1

    server.poll(indexed, what="the AppView to count bob's like, repost, reply, quote, follow")

    # an hour later the post is due again (new posts: hourly), and so are... not followers
    ws.clock.advance(timedelta(hours=1))
    seen: list[SyncProgress] = []
    second = sync.run(progress=seen.append)
    assert second.failed == (), second
    assert second.measured == 1
    assert seen and seen[-1].done == seen[-1].total
    with ws.sessions() as s:
        snaps = s.execute(
            select(
                MetricSnapshotRow.likes,
                MetricSnapshotRow.reposts,
                MetricSnapshotRow.replies,
                MetricSnapshotRow.quotes,
                MetricSnapshotRow.views,
            )
            .where(MetricSnapshotRow.target_id == target.target_id)
            .order_by(MetricSnapshotRow.taken_utc)
        ).all()
    assert [tuple(r) for r in snaps] == [(0, 0, 0, 0, None), (1, 1, 1, 1, None)]

    # followers are measured every 6 hours: the follow shows in the next one
    ws.clock.advance(timedelta(hours=6))
    third = sync.run()
    assert third.accounts[0].followers == 1
    with ws.sessions() as s:
        followers = s.scalars(
            select(AccountSnapshotRow.followers)
            .where(AccountSnapshotRow.account_id == acc.id)
            .order_by(AccountSnapshotRow.taken_utc)
        ).all()
    assert followers == [0, 1]

    # nothing is due right after: no request, nothing stored
    again = sync.run()
    assert (again.due, again.measured, again.fresh) == (0, 0, 1)
    assert again.accounts == ()
