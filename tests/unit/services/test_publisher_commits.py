"""What another process sees of a publish run at the moment each request goes out.

The run writes few transactions (a batch's claim with its keys, then one transaction per
target that records the previous target's outcome and opens this one's ``sending``
attempt); these tests read the database through a connection of their own at every
request, so they see only what was committed, as a second publisher or a restarted one
would.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from cmplanner.domain.clock import FixedClock
from cmplanner.domain.enums import Network, PostState, TargetState
from cmplanner.networks.publishing import Outgoing, Published
from cmplanner.services.workspace import Workspace
from tests.unit.services.publisher_support import Desk, Killed


@pytest.fixture
def desk(ws: Workspace, clock: FixedClock, tmp_path: Path) -> Desk:
    return Desk(ws, clock, tmp_path)


@pytest.fixture
def outside(ws: Workspace) -> Iterator[Engine]:
    """A second engine on the workspace's database: it sees committed rows only."""
    engine = create_engine(ws.engine.url)
    yield engine
    engine.dispose()


def _target(outside: Engine, idempotency_key: str) -> tuple[int, str, str, str]:
    with outside.connect() as conn:
        row = conn.execute(
            text(
                "SELECT id, state, record_key, claimed_by FROM post_target "
                "WHERE idempotency_key = :key"
            ),
            {"key": idempotency_key},
        ).one()
    return int(row[0]), str(row[1]), str(row[2]), str(row[3])


def _attempts(outside: Engine, target_id: int) -> list[tuple[str, bool]]:
    with outside.connect() as conn:
        rows = conn.execute(
            text("SELECT result, finished_utc FROM publish_attempt WHERE target_id = :t"),
            {"t": target_id},
        ).all()
    return [(str(r[0]), r[1] is not None) for r in rows]


def test_each_request_finds_its_keys_and_attempt_committed_and_earlier_outcomes_recorded(
    desk: Desk, outside: Engine
) -> None:
    sky = desk.account(Network.BLUESKY)
    toot = desk.account(Network.MASTODON, "sol.social")
    posts = [desk.post(f"Loaf number {i} is out of the oven", [sky, toot]) for i in range(6)]
    seen: list[int] = []  # targets whose request went out, in order
    problems: list[str] = []
    inner = desk.net.client

    def client_for(account, secret, **kw):  # type: ignore[no-untyped-def]
        client = inner(account, secret, **kw)
        real = client.publish

        def publish(out: Outgoing) -> Published:
            target_id, state, record_key, claimed_by = _target(outside, out.idempotency_key)
            if (state, claimed_by) != (TargetState.CLAIMED.value, "test-worker"):
                problems.append(f"target {target_id} is {state}/{claimed_by!r} at its request")
            if record_key != " ".join(out.record_keys):
                problems.append(f"target {target_id}: record keys not stored before the request")
            if _attempts(outside, target_id) != [("sending", False)]:
                problems.append(f"target {target_id}: no open 'sending' attempt committed")
            for earlier in seen:
                if _attempts(outside, earlier) != [("published", True)]:
                    problems.append(f"target {earlier}: outcome not recorded before {target_id}")
            seen.append(target_id)
            return real(out)

        client.publish = publish  # type: ignore[method-assign]
        return client

    publisher = desk.publisher()
    publisher._client_for = client_for
    desk.at(posts[-1])
    summary = publisher.publish_due()

    assert problems == []
    assert summary.published == len(seen) == 12
    assert all(_attempts(outside, t) == [("published", True)] for t in seen)
    assert {desk.ws.posts.get(p.id).state for p in posts} == {PostState.PUBLISHED}
    assert len(desk.net.publishes()) == 12


def test_a_crash_right_after_an_answer_is_reconciled_not_sent_again(desk: Desk) -> None:
    """The last answer's outcome waits for the run's next transaction; a process killed
    before that leaves the target claimed with its ``sending`` attempt open: the next
    run looks it up on the network and records it, and sends nothing twice."""
    acc = desk.account(Network.BLUESKY)
    posts = [desk.post(f"Rye loaf {i} today", [acc]) for i in range(3)]
    desk.net.script[acc.id] = ["answer", "deliver-then-kill"]
    desk.at(posts[-1])
    with pytest.raises(Killed):
        desk.publisher(worker_id="gone-worker").publish_due()
    desk.clock.set(desk.clock.now() + timedelta(minutes=11))  # its claims' lease ran out

    later = desk.publisher().publish_due()

    assert later.published == 2  # the second one found on the network, the third sent
    assert len(desk.net.posts) == 3  # one post on the network for each, none twice
    states = {t.state for p in posts for t in desk.publisher().targets(p.id)}
    assert states == {TargetState.PUBLISHED}
