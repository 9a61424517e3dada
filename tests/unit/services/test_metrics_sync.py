"""The metrics sync's behaviour over a real workspace with a FixedClock and a scripted
reader at the network edge: the schedule by age, batches, rate limits, resuming after a
crash, failures that stop one account only, progress."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from cmplanner.domain.clock import FixedClock
from cmplanner.domain.enums import AccountStatus, Network, PostState, TargetState
from cmplanner.networks.errors import AuthExpired, RateLimited, Transient
from cmplanner.networks.metrics_base import AccountCounts, CountsPage, NotMeasurable, PostCounts
from cmplanner.networks.publishing import AccountRef
from cmplanner.services.credentials import CredentialStore
from cmplanner.services.metrics_sync import (
    MetricsSync,
    SyncProgress,
    interval_for,
    is_due,
)
from cmplanner.services.workspace import Workspace
from cmplanner.storage.tables import (
    AccountRow,
    AccountSnapshotRow,
    MetricSnapshotRow,
    PostTargetRow,
)
from tests.support.memory_keyring import MemoryKeyring

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


@dataclass
class FakeReader:
    """The network edge: counts per remote id; scripted failures per call."""

    network: Network
    batch_size: int = 2
    likes: dict[str, int] = field(default_factory=dict)
    followers: int = 10
    calls: list[tuple[str, ...]] = field(default_factory=list)
    fail_on_call: dict[int, Exception] = field(default_factory=dict)
    followers_error: Exception | None = None

    def post_counts(self, remote_ids: Sequence[str]) -> CountsPage:
        assert len(remote_ids) <= self.batch_size
        self.calls.append(tuple(remote_ids))
        error = self.fail_on_call.get(len(self.calls))
        if error is not None:
            raise error
        return CountsPage(
            {r: PostCounts(likes=self.likes.get(r, 1), reposts=0) for r in remote_ids}
        )

    def account_counts(self) -> AccountCounts:
        if self.followers_error is not None:
            raise self.followers_error
        return AccountCounts(followers=self.followers, following=3)


@dataclass
class World:
    ws: Workspace
    clock: FixedClock
    store: CredentialStore
    readers: dict[int, FakeReader]
    brand_id: int
    accounts: list[int]

    def reader_for(self, account: AccountRef, secret: Mapping[str, str], **_: object) -> FakeReader:
        assert secret == {"token": f"secret-{account.id}"}
        return self.readers[account.id]

    def sync(self) -> MetricsSync:
        return MetricsSync(
            self.ws.sessions,
            self.ws.metrics,
            self.clock,
            self.store,
            notifier=self.ws.notifier,
            reader_for=self.reader_for,
        )

    def publish(self, account_id: int, remote_id: str, at: datetime) -> int:
        """A post published at ``at`` on one account; its target id."""
        post = self.ws.posts.create(
            self.brand_id,
            f"post {remote_id}",
            local_at=at.replace(tzinfo=None),
            state=PostState.PUBLISHED,
            account_ids=[account_id],
            allow_past=True,
        )
        [(target_id, _a, _n)] = self.ws.metrics.published_targets(post.id)
        with self.ws.sessions.begin() as s:
            s.execute(
                update(PostTargetRow)
                .where(PostTargetRow.id == target_id)
                .values(state=TargetState.PUBLISHED.value, remote_id=remote_id)
            )
        return target_id

    def snapshots(self, target_id: int) -> list[tuple[datetime, int | None]]:
        with self.ws.sessions() as s:
            rows = s.execute(
                select(MetricSnapshotRow.taken_utc, MetricSnapshotRow.likes)
                .where(MetricSnapshotRow.target_id == target_id)
                .order_by(MetricSnapshotRow.taken_utc)
            ).all()
        return [(t.replace(tzinfo=UTC), n) for t, n in rows]


@pytest.fixture
def world(ws: Workspace) -> World:
    assert isinstance(ws.clock, FixedClock)
    store = CredentialStore(backend=MemoryKeyring())
    brand = ws.brands.create("Sol", "UTC")
    ids = []
    readers = {}
    for net, handle in ((Network.BLUESKY, "sol.bsky.social"), (Network.MASTODON, "@sol@ex.social")):
        acc = ws.accounts.add_profile(brand.id, net, handle)
        with ws.sessions.begin() as s:
            s.execute(
                update(AccountRow)
                .where(AccountRow.id == acc.id)
                .values(status=AccountStatus.CONNECTED.value)
            )
        store.set(acc.id, {"token": f"secret-{acc.id}"})
        ids.append(acc.id)
        readers[acc.id] = FakeReader(net)
    return World(ws, ws.clock, store, readers, brand.id, ids)


def test_posts_are_measured_less_often_as_they_age() -> None:
    assert interval_for(timedelta(hours=3)) == timedelta(hours=1)
    assert interval_for(timedelta(days=5)) == timedelta(days=1)
    assert interval_for(timedelta(days=45)) == timedelta(weeks=1)
    published = NOW - timedelta(days=10)
    assert not is_due(published, NOW - timedelta(hours=23), NOW)
    assert is_due(published, NOW - timedelta(hours=24), NOW)
    assert is_due(published, None, NOW)


def test_each_post_is_fetched_when_due_for_its_age(world: World) -> None:
    bsky = world.accounts[0]
    new = world.publish(bsky, "at://new", NOW - timedelta(hours=5))
    month = world.publish(bsky, "at://month", NOW - timedelta(days=10))
    old = world.publish(bsky, "at://old", NOW - timedelta(days=90))
    sync = world.sync()

    first = sync.run()
    assert (first.due, first.measured, first.fresh) == (3, 3, 0)
    # an hour later only the new post is due; followers are not (every 6 h)
    world.clock.advance(timedelta(hours=1))
    second = sync.run()
    assert (second.due, second.measured, second.fresh) == (1, 1, 2)
    assert world.readers[bsky].calls[-1] == ("at://new",)
    assert second.next_due_utc == world.clock.now() + timedelta(hours=1)
    # a day later the 10-day-old one too; a week later the old one
    world.clock.advance(timedelta(days=1))
    sync.run()
    world.clock.advance(timedelta(days=6))
    sync.run()
    assert len(world.snapshots(new)) == 4
    assert len(world.snapshots(month)) == 3
    assert len(world.snapshots(old)) == 2
    # force measures everything now
    assert sync.run(force=True).measured == 3


def test_batches_follow_the_readers_size_and_progress_reaches_the_end(world: World) -> None:
    bsky = world.accounts[0]
    for i in range(5):
        world.publish(bsky, f"at://p{i}", NOW - timedelta(hours=2))
    seen: list[SyncProgress] = []

    report = world.sync().run(progress=seen.append)

    assert [len(c) for c in world.readers[bsky].calls] == [2, 2, 1]
    assert report.measured == 5
    # two accounts' followers + five posts
    assert seen[-1].total == 7 and seen[-1].done == 7
    assert [p.done for p in seen] == sorted(p.done for p in seen)
    assert any("posts 3–4" in p.message for p in seen)
    with world.ws.sessions() as s:
        followers = s.execute(select(AccountSnapshotRow.account_id, AccountSnapshotRow.followers))
        assert sorted(followers) == [(world.accounts[0], 10), (world.accounts[1], 10)]


def test_a_rate_limit_stops_that_account_only_and_it_resumes_after_the_wait(
    world: World,
) -> None:
    bsky, masto = world.accounts
    b_targets = [world.publish(bsky, f"at://p{i}", NOW - timedelta(hours=2)) for i in range(4)]
    m_target = world.publish(masto, "109", NOW - timedelta(hours=2))
    until = NOW + timedelta(minutes=20)
    world.readers[bsky].fail_on_call[2] = RateLimited("slow down", reset_at=until)

    report = world.sync().run()

    [b, m] = report.accounts
    assert b.measured == 2 and b.waits_until == until and "rate limit" in b.error
    assert m.measured == 1 and not m.error
    assert len(world.snapshots(m_target)) == 1
    with world.ws.sessions() as s:
        stored = s.get(AccountRow, bsky)
        assert stored is not None and stored.rate_limited_until_utc == until.replace(tzinfo=None)
    assert report.next_due_utc is not None and report.next_due_utc <= until

    # before the reset nothing is asked of that account
    world.clock.advance(timedelta(minutes=10))
    calls = len(world.readers[bsky].calls)
    waiting = world.sync().run()
    assert len(world.readers[bsky].calls) == calls
    assert waiting.accounts[0].error and waiting.accounts[0].measured == 0
    # after it, the two posts left are measured (the first two are still fresh)
    world.clock.advance(timedelta(minutes=11))
    resumed = world.sync().run()
    assert resumed.accounts[0].measured == 2
    assert [len(world.snapshots(t)) for t in b_targets] == [1, 1, 1, 1]


def test_a_crash_mid_sync_loses_nothing_and_repeats_only_the_batch_in_flight(
    world: World,
) -> None:
    bsky = world.accounts[0]
    targets = [world.publish(bsky, f"at://p{i}", NOW - timedelta(hours=2)) for i in range(6)]
    world.readers[bsky].fail_on_call[3] = KeyboardInterrupt()  # the process dies here

    with pytest.raises(KeyboardInterrupt):
        world.sync().run()
    assert [len(world.snapshots(t)) for t in targets] == [1, 1, 1, 1, 0, 0]

    world.readers[bsky].fail_on_call.clear()
    world.readers[bsky].calls.clear()
    again = world.sync().run()
    assert world.readers[bsky].calls == [("at://p4", "at://p5")]
    assert again.measured == 2
    assert [len(world.snapshots(t)) for t in targets] == [1] * 6


def test_stop_request_ends_between_batches_and_keeps_what_was_fetched(world: World) -> None:
    bsky = world.accounts[0]
    targets = [world.publish(bsky, f"at://p{i}", NOW - timedelta(hours=2)) for i in range(4)]
    reader = world.readers[bsky]

    report = world.sync().run(should_stop=lambda: len(reader.calls) >= 1)

    assert report.stopped
    assert sum(len(world.snapshots(t)) for t in targets) == 2


def test_one_failing_account_never_stops_the_others(world: World) -> None:
    bsky, masto = world.accounts
    world.publish(bsky, "at://a", NOW - timedelta(hours=2))
    world.publish(masto, "1", NOW - timedelta(hours=2))
    world.readers[bsky].followers_error = AuthExpired("token revoked")
    world.readers[masto].fail_on_call[1] = Transient("HTTP 502")

    report = world.sync().run()

    b, m = report.accounts
    assert "refused the login" in b.error and "reconnect" in b.error
    assert "could not be read" in m.error and m.followers == 10
    # neither account was parked: the publisher owns that
    with world.ws.sessions() as s:
        statuses = s.scalars(select(AccountRow.status).order_by(AccountRow.id)).all()
    assert statuses == ["connected", "connected"]
    assert "secret-" not in repr(report)


def test_numbers_a_network_withholds_are_said_plainly(world: World) -> None:
    bsky = world.accounts[0]
    world.publish(bsky, "at://a", NOW - timedelta(hours=2))
    world.readers[bsky].followers_error = NotMeasurable("no follower count for members")

    report = world.sync().run()

    [b, _m] = report.accounts
    assert not b.error and b.measured == 1
    assert b.problems == ("no follower count for members",)


def test_accounts_without_credentials_or_needing_reconnect_are_reported(world: World) -> None:
    bsky, masto = world.accounts
    world.publish(bsky, "at://a", NOW - timedelta(hours=2))
    world.publish(masto, "1", NOW - timedelta(hours=2))
    world.store.delete(bsky)
    with world.ws.sessions.begin() as s:
        s.execute(
            update(AccountRow)
            .where(AccountRow.id == masto)
            .values(status=AccountStatus.NEEDS_RECONNECT.value)
        )

    b, m = world.sync().run().accounts

    assert "No credentials" in b.error and "Reconnect" in b.error
    assert "needs reconnecting" in m.error
    assert world.readers[masto].calls == []
