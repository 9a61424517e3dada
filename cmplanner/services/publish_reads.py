"""What the publisher's bookkeeping says, read back: per-target results, attempts, and when
the next round is due (each a read inside the caller's session)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cmplanner.domain.enums import Network, PostState, TargetState
from cmplanner.domain.publishing import Attempt, TargetResult
from cmplanner.domain.timezones import as_aware
from cmplanner.services.publish_claims import naive
from cmplanner.services.publish_records import aware, target_row
from cmplanner.storage.tables import AccountRow, PostRecord, PostTargetRow, PublishAttemptRow


def target_results(
    s: Session, post_ids: Sequence[int], *, offline: bool = False
) -> list[TargetResult]:
    n_attempts = (
        select(func.count(PublishAttemptRow.id))
        .where(PublishAttemptRow.target_id == PostTargetRow.id)
        .scalar_subquery()
    )
    rows = s.execute(
        select(PostTargetRow, AccountRow.network, AccountRow.handle, n_attempts)
        .join(AccountRow, AccountRow.id == PostTargetRow.account_id)
        .where(PostTargetRow.post_id.in_(list(post_ids)))
        .order_by(PostTargetRow.post_id, PostTargetRow.id)
    ).all()
    waiting = (TargetState.PENDING.value, TargetState.RETRY.value)
    return [
        TargetResult(
            target_id=t.id,
            post_id=t.post_id,
            account_id=t.account_id,
            network=Network(network),
            handle=handle,
            state=TargetState(t.state),
            remote_id=t.remote_id,
            remote_url=t.remote_url,
            last_error=t.last_error,
            retry_at_utc=aware(t.retry_at_utc),
            attempts=int(count or 0),
            waiting_offline=offline and t.state in waiting,
        )
        for t, network, handle, count in rows
    ]


def target_result(s: Session, target_id: int, *, offline: bool = False) -> TargetResult:
    t = target_row(s, target_id)
    return next(
        r for r in target_results(s, [t.post_id], offline=offline) if r.target_id == target_id
    )


def attempts(s: Session, post_id: int | None, limit: int) -> list[Attempt]:
    q = (
        select(
            PublishAttemptRow, PostTargetRow.post_id, PostTargetRow.account_id, AccountRow.network
        )
        .join(PostTargetRow, PostTargetRow.id == PublishAttemptRow.target_id)
        .join(AccountRow, AccountRow.id == PostTargetRow.account_id)
        .order_by(PublishAttemptRow.started_utc.desc(), PublishAttemptRow.id.desc())
        .limit(limit)
    )
    if post_id is not None:
        q = q.where(PostTargetRow.post_id == post_id)
    return [
        Attempt(
            id=a.id,
            target_id=a.target_id,
            post_id=pid,
            account_id=aid,
            network=Network(network),
            started_utc=as_aware(a.started_utc),
            finished_utc=aware(a.finished_utc),
            result=a.result,
            remote_id=a.remote_id,
            remote_url=a.remote_url,
            error_class=a.error_class,
            error_message=a.error_message,
        )
        for a, pid, aid, network in s.execute(q)
    ]


def next_wake(s: Session, now: datetime, lease: timedelta) -> datetime | None:
    """The earliest instant something becomes due: a post's time, a retry, a rate-limit end,
    a claim's lease running out."""
    at = naive(now)
    t, p, a = PostTargetRow, PostRecord, AccountRow
    candidates: list[datetime | None] = [
        s.scalar(
            select(func.min(p.scheduled_utc))
            .join(t, t.post_id == p.id)
            .where(
                t.state == TargetState.PENDING.value,
                p.state == PostState.SCHEDULED.value,
                p.scheduled_utc > at,
            )
        ),
        s.scalar(select(func.min(t.retry_at_utc)).where(t.state == TargetState.RETRY.value)),
        s.scalar(
            select(func.min(a.rate_limited_until_utc))
            .join(t, t.account_id == a.id)
            .where(
                a.rate_limited_until_utc > at,
                t.state.in_([TargetState.PENDING.value, TargetState.RETRY.value]),
            )
        ),
    ]
    oldest_claim = s.scalar(
        select(func.min(t.claimed_utc)).where(t.state == TargetState.CLAIMED.value)
    )
    if oldest_claim is not None:
        candidates.append(oldest_claim + lease)
    found = [c for c in candidates if c is not None]
    if not found:
        return None
    return min(found).replace(tzinfo=UTC)
