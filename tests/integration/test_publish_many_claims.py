"""Claims on PostgreSQL: two publishers' transactions side by side on one database.

While one publisher's claim transaction is still open, another's claim skips those rows
at once (``FOR UPDATE SKIP LOCKED``) and takes the rest; no target ends up claimed twice.
A ``lock_timeout`` on the second session turns any wait into an error, so a claim that
waited instead of skipping fails the test rather than passing slowly.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, text

from cmplanner.domain.clock import FixedClock
from cmplanner.domain.enums import Network
from cmplanner.paths import Paths
from cmplanner.services import publish_claims as claims
from cmplanner.services.workspace import Workspace, open_workspace
from cmplanner.storage.tables import PostTargetRow

NOW = datetime.fromisoformat("2026-11-26T08:00:00+00:00")


@pytest.fixture
def pg_ws(postgres_db: str, paths: Paths) -> Iterator[Workspace]:
    ws = open_workspace(paths, db_url=postgres_db, clock=FixedClock(NOW))
    yield ws
    ws.close()


def _targets(ws: Workspace, n: int) -> list[int]:
    brand = ws.brands.create("Panadería Sol", "UTC")
    acc = ws.accounts.add_profile(brand.id, Network.MASTODON, "@sol@example.social")
    at = (NOW + timedelta(days=1)).replace(tzinfo=None)
    for i in range(n):
        ws.posts.create(brand.id, f"Post {i}", local_at=at, account_ids=[acc.id])
    with ws.sessions() as s:
        return list(s.scalars(select(PostTargetRow.id).order_by(PostTargetRow.id)))


def _claimed_by(ws: Workspace) -> dict[int, str]:
    with ws.sessions() as s:
        rows = s.execute(select(PostTargetRow.id, PostTargetRow.claimed_by)).all()
    return {int(i): str(by) for i, by in rows}


def test_a_claim_skips_rows_another_publisher_is_claiming_and_takes_the_rest(
    pg_ws: Workspace,
) -> None:
    ids = _targets(pg_ws, 6)
    with pg_ws.sessions.begin() as first:
        assert claims.claim_many(first, ids[:3], "host-a:1", NOW) == set(ids[:3])
        with pg_ws.sessions.begin() as second:  # the first has not committed yet
            second.execute(text("SET LOCAL lock_timeout = '3s'"))
            assert claims.claim_many(second, ids, "host-b:2", NOW) == set(ids[3:])
    by = _claimed_by(pg_ws)
    assert [by[i] for i in ids] == ["host-a:1"] * 3 + ["host-b:2"] * 3
    # once committed, claimed rows stay out of reach of everyone else
    with pg_ws.sessions.begin() as third:
        assert claims.claim_many(third, ids, "host-c:3", NOW) == set()


def test_a_stale_claim_being_taken_over_is_skipped_by_a_second_reconciler(
    pg_ws: Workspace,
) -> None:
    [target] = _targets(pg_ws, 1)
    with pg_ws.sessions.begin() as s:
        assert claims.claim_many(s, [target], "gone:99", NOW) == {target}
    with pg_ws.sessions.begin() as first:
        assert claims.take_over(first, target, "gone:99", "host-a:1", NOW)
        with pg_ws.sessions.begin() as second:
            second.execute(text("SET LOCAL lock_timeout = '3s'"))
            assert not claims.take_over(second, target, "gone:99", "host-b:2", NOW)
    assert _claimed_by(pg_ws)[target] == "host-a:1"
