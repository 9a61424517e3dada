"""Faults: timeouts and 5xx retried with bounded backoff, 429 per account, expired logins."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from cmplanner.domain.clock import FixedClock
from cmplanner.domain.enums import AccountStatus, Network, PostState, TargetState
from cmplanner.networks.errors import AuthExpired, AuthFailed, RateLimited, Transient
from cmplanner.services.workspace import Workspace
from cmplanner.storage.tables import AccountRow
from tests.unit.services.publisher_support import Desk


@pytest.fixture
def desk(ws: Workspace, clock: FixedClock, tmp_path: Path) -> Desk:
    return Desk(ws, clock, tmp_path)


def test_backoff_grows_exponentially_with_jitter_and_is_capped(desk: Desk) -> None:
    publisher = desk.publisher()
    for tries in range(1, 12):
        nominal = min(timedelta(seconds=30) * 2 ** (tries - 1), timedelta(minutes=30))
        for _ in range(20):
            wait = publisher.backoff(tries)
            assert nominal * 0.5 <= wait <= nominal * 1.5


def test_transient_errors_are_retried_then_failed_with_the_last_message(desk: Desk) -> None:
    acc = desk.account()
    post = desk.post("Flaky server", [acc])
    desk.net.script[acc.id] = [
        Transient(f"POST https://pds.example/xrpc: HTTP 50{i}", status=500 + i) for i in range(5)
    ]
    desk.at(post)
    publisher = desk.publisher()
    waits = []
    for round_ in range(1, 5):
        summary = publisher.publish_due()
        assert summary.retrying == 1
        [target] = publisher.targets(post.id)
        assert target.state is TargetState.RETRY and target.retry_at_utc is not None
        assert f"try {round_} of 5" in target.last_error
        assert desk.ws.posts.get(post.id).state is PostState.PUBLISHING
        assert publisher.next_wake_utc() == target.retry_at_utc
        assert publisher.publish_due().retrying == 0  # not before its time
        waits.append(target.retry_at_utc - desk.clock.now())
        desk.clock.set(target.retry_at_utc)

    summary = publisher.publish_due()

    assert summary.failed == 1
    [target] = publisher.targets(post.id)
    assert target.state is TargetState.FAILED
    assert target.last_error.startswith("Gave up after 5 tries: POST https://pds.example/xrpc")
    assert target.attempts == 5 and len(desk.net.publishes()) == 5
    assert waits[-1] > waits[0]  # 30 s × 2^n with ±50 % jitter: 4 min vs at most 45 s
    assert desk.ws.posts.get(post.id).state is PostState.FAILED


def test_a_retry_after_a_transient_error_looks_first_and_never_duplicates(desk: Desk) -> None:
    acc = desk.account(Network.X)
    post = desk.post("Did it go?", [acc])
    desk.at(post)
    desk.net.script[acc.id] = ["deliver-then-timeout"]  # handled below: delivered, then 504
    client_for = desk.net.client

    def flaky(account, secret, **kw):  # type: ignore[no-untyped-def]
        client = client_for(account, secret, **kw)
        real = client.publish

        def publish(out):  # type: ignore[no-untyped-def]
            if desk.net.script.get(acc.id):
                desk.net.script[acc.id].pop()
                real(out)  # the server got it...
                raise Transient("the server did not answer in time")  # ...the answer was lost
            return real(out)

        client.publish = publish  # type: ignore[method-assign]
        return client

    publisher = desk.publisher()
    publisher._client_for = flaky
    assert publisher.publish_due().retrying == 1
    [target] = publisher.targets(post.id)
    assert target.retry_at_utc is not None
    desk.clock.set(target.retry_at_utc)

    assert publisher.publish_due().published == 1
    assert len(desk.net.posts) == 1  # found on the network, not sent twice


def test_a_rate_limit_holds_that_account_until_its_reset_and_not_the_others(desk: Desk) -> None:
    limited, other = desk.account(Network.MASTODON, "busy"), desk.account(Network.BLUESKY)
    first = desk.post("One", [limited, other])
    second = desk.post("Two", [limited, other], at=first.scheduled_utc + timedelta(minutes=1))
    desk.at(second)
    reset = desk.clock.now() + timedelta(minutes=10)
    desk.net.script[limited.id] = [RateLimited("Too many requests", reset_at=reset)]
    publisher = desk.publisher()

    summary = publisher.publish_due()

    assert (summary.published, summary.rate_limited) == (2, 1)
    assert len(desk.net.publishes(limited.id)) == 1  # the second post was not even tried
    states = {
        (t.post_id, t.account_id): t.state for t in publisher.targets_of([first.id, second.id])
    }
    assert states[(first.id, other.id)] is TargetState.PUBLISHED
    assert states[(second.id, other.id)] is TargetState.PUBLISHED
    assert states[(first.id, limited.id)] is TargetState.RETRY
    assert states[(second.id, limited.id)] is TargetState.PENDING
    with desk.ws.sessions() as s:
        row = s.get(AccountRow, limited.id)
        assert row is not None and row.rate_limited_until_utc == reset.replace(tzinfo=None)
    assert publisher.next_wake_utc() == reset
    assert ("accounts", (limited.id,)) in desk.notified

    desk.clock.set(reset - timedelta(seconds=1))
    assert publisher.publish_due().published == 0
    desk.clock.set(reset)
    assert publisher.publish_due().published == 2
    assert len(desk.net.posts) == 4


def test_a_retry_after_header_counts_from_now(desk: Desk) -> None:
    acc = desk.account(Network.X)
    post = desk.post("Wait", [acc])
    desk.at(post)
    desk.net.script[acc.id] = [RateLimited("429", retry_after_s=90)]
    publisher = desk.publisher()
    publisher.publish_due()
    [target] = publisher.targets(post.id)
    assert target.retry_at_utc == desk.clock.now() + timedelta(seconds=90)


@pytest.mark.parametrize("error", [AuthExpired("token revoked"), AuthFailed("bad app password")])
def test_a_dead_login_parks_the_accounts_posts_until_it_is_reconnected(
    desk: Desk, error: Exception
) -> None:
    acc, other = desk.account(Network.LINKEDIN), desk.account(Network.BLUESKY)
    first = desk.post("One", [acc, other])
    second = desk.post("Two", [acc], at=first.scheduled_utc + timedelta(minutes=5))
    desk.net.script[acc.id] = [error]
    desk.at(first)
    publisher = desk.publisher()

    summary = publisher.publish_due()

    assert (summary.published, summary.needs_reconnect) == (1, 1)
    by_account = {t.account_id: t for t in publisher.targets(first.id)}
    parked = by_account[acc.id]
    assert parked.state is TargetState.NEEDS_RECONNECT
    assert "reconnect the account" in parked.last_error
    assert desk.ws.posts.get(first.id).state is PostState.PARTLY_PUBLISHED
    with desk.ws.sessions() as s:
        row = s.get(AccountRow, acc.id)
        assert row is not None and row.status == AccountStatus.NEEDS_RECONNECT.value

    desk.at(second)
    assert publisher.publish_due().needs_reconnect == 1
    assert len(desk.net.publishes(acc.id)) == 1  # parked without asking the network
    [later] = publisher.targets(second.id)
    assert later.state is TargetState.NEEDS_RECONNECT and "reconnect" in later.last_error

    with desk.ws.sessions.begin() as s:  # the accounts view reconnects it
        row = s.get(AccountRow, acc.id)
        assert row is not None
        row.status = AccountStatus.CONNECTED.value
    assert publisher.publish_due().published == 2
    assert desk.ws.posts.get(first.id).state is PostState.PUBLISHED
    assert desk.ws.posts.get(second.id).state is PostState.PUBLISHED


def test_a_missing_secret_parks_the_target(desk: Desk) -> None:
    acc = desk.account()
    desk.credentials.delete(acc.id)
    post = desk.post("No secret", [acc])
    desk.at(post)

    assert desk.publisher().publish_due().needs_reconnect == 1
    [target] = desk.publisher().targets(post.id)
    assert "No credentials are stored" in target.last_error and desk.net.publishes() == []
