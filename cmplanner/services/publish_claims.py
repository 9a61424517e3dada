"""Which targets are due, and taking one so that no other publisher can.

On SQLite a claim is one guarded ``UPDATE post_target SET state='claimed', claimed_by=me ...
WHERE id IN (:batch) AND claimed_by='' AND state IN (...) RETURNING id``: the database
serialises writers, so of two processes racing for a target exactly one gets its id back.

On PostgreSQL (the shared plan, several machines) a batch is claimed in one statement whose
subquery picks the batch's still-free rows ``FOR UPDATE SKIP LOCKED``: a row another
publisher is claiming at this instant is skipped, not waited for, and the guard is checked
again on the row's newest version, so no two publishers ever take the same target. The lock
lives only as long as the claiming transaction; ``due_targets`` stays a plain read (it also
serves ``missed_waiting`` and is followed by policy checks and an online probe, far too long
to hold row locks). Taking a stale claim over skips locked rows the same way.

A claim names its worker (``host:pid`` by default) and its time. One left behind by a dead
process (same host, pid gone), by this worker before it restarted, or older than the lease
is *stale*: the publisher reconciles it (looks the post up on the network) and never resends
it blindly.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import DateTime, Integer, and_, bindparam, exists, or_, select, text, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from cmplanner.domain.enums import AccountStatus, PostState, TargetState
from cmplanner.domain.timezones import as_aware
from cmplanner.storage.tables import (
    AccountRow,
    BrandRow,
    PostRecord,
    PostTargetRow,
    PublishAttemptRow,
)

#: Target states a publisher may claim (each under its own condition, see ``due_targets``).
CLAIMABLE = (
    TargetState.PENDING.value,
    TargetState.RETRY.value,
    TargetState.NEEDS_RECONNECT.value,
    TargetState.SKIPPED.value,
)
#: Post states whose pending targets are due (a "failed" post waits for a retry).
_ACTIVE_POSTS = (PostState.SCHEDULED.value, PostState.PUBLISHING.value)
_ANY_SENT_POSTS = (
    PostState.SCHEDULED.value,
    PostState.PUBLISHING.value,
    PostState.PARTLY_PUBLISHED.value,
    PostState.FAILED.value,
)


def default_worker_id() -> str:
    """``host:pid``: a dead process's claims are recognised on the same machine at once."""
    return f"{socket.gethostname()}:{os.getpid()}"


def naive(dt: datetime) -> datetime:
    """Instants are stored as naive UTC."""
    return dt.astimezone(UTC).replace(tzinfo=None) if dt.tzinfo else dt


@dataclass(frozen=True)
class Due:
    """A target that may be claimed now, with what decides how to treat it."""

    target_id: int
    post_id: int
    brand_id: int
    account_id: int
    network: str
    server: str
    account_status: str
    state: str
    scheduled_utc: datetime
    publish_late: bool
    tried: bool
    policy: str
    missed_minutes: int


def due_targets(s: Session, now: datetime, *, limit: int | None = None) -> list[Due]:
    """Unclaimed targets of due posts (brand not paused, account not rate-limited)."""
    at = naive(now)
    tried = exists().where(PublishAttemptRow.target_id == PostTargetRow.id)
    t, p, a, b = PostTargetRow, PostRecord, AccountRow, BrandRow
    state_ok = or_(
        and_(t.state == TargetState.PENDING.value, p.state.in_(_ACTIVE_POSTS)),
        and_(
            t.state == TargetState.RETRY.value,
            p.state.in_(_ANY_SENT_POSTS),
            or_(t.retry_at_utc.is_(None), t.retry_at_utc <= at),
        ),
        and_(
            t.state == TargetState.NEEDS_RECONNECT.value,
            a.status == AccountStatus.CONNECTED.value,
            p.state.in_(_ANY_SENT_POSTS),
        ),
        and_(t.state == TargetState.SKIPPED.value, p.state == PostState.SCHEDULED.value),
    )
    q = (
        select(
            t.id,
            t.post_id,
            p.brand_id,
            a.id,
            a.network,
            a.server,
            a.status,
            t.state,
            p.scheduled_utc,
            t.publish_late,
            tried,
            b.missed_slot_policy,
            b.missed_slot_minutes,
        )
        .join(p, p.id == t.post_id)
        .join(b, b.id == p.brand_id)
        .join(a, a.id == t.account_id)
        .where(
            t.claimed_by == "",
            p.scheduled_utc.is_not(None),
            p.scheduled_utc <= at,
            b.paused.is_(False),
            or_(a.rate_limited_until_utc.is_(None), a.rate_limited_until_utc <= at),
            state_ok,
        )
        .order_by(p.scheduled_utc, t.id)
    )
    if limit is not None:
        q = q.limit(limit)
    return [
        Due(
            target_id=r[0],
            post_id=r[1],
            brand_id=r[2],
            account_id=r[3],
            network=r[4],
            server=r[5],
            account_status=r[6],
            state=r[7],
            scheduled_utc=as_aware(r[8] or at),
            publish_late=bool(r[9]),
            tried=bool(r[10]),
            policy=r[11],
            missed_minutes=int(r[12]),
        )
        for r in s.execute(q)
    ]


#: The claim, built once: it runs for every target of every run (SQLAlchemy's statement
#: building costs more than SQLite's work here). The guard is the whole atomicity: only one
#: publisher's UPDATE can find the target unclaimed.
_CLAIM = text(
    "UPDATE post_target SET state = :claimed, claimed_by = :worker, claimed_utc = :now "
    "WHERE id = :id AND claimed_by = '' AND state IN ("
    + ", ".join(f"'{state}'" for state in CLAIMABLE)
    + ")"
).bindparams(bindparam("now", type_=DateTime()))


def claim(s: Session, target_id: int, worker_id: str, now: datetime) -> bool:
    """Take the target for ``worker_id``; False when another publisher was first."""
    result = s.execute(
        _CLAIM,
        {
            "claimed": TargetState.CLAIMED.value,
            "worker": worker_id,
            "now": naive(now),
            "id": target_id,
        },
    )
    return bool(getattr(result, "rowcount", 0) == 1)


#: PostgreSQL: the free rows of a batch, locked without waiting (``SKIP LOCKED``), then
#: claimed; ``RETURNING`` names the ones this publisher won. One round trip per batch.
_CLAIM_SKIP_LOCKED = text(
    "UPDATE post_target SET state = :claimed, claimed_by = :worker, claimed_utc = :now "
    "WHERE id IN (SELECT id FROM post_target WHERE id = ANY(:ids) AND claimed_by = '' "
    "AND state IN ("
    + ", ".join(f"'{state}'" for state in CLAIMABLE)
    + ") FOR UPDATE SKIP LOCKED) RETURNING id"
).bindparams(bindparam("now", type_=DateTime()), bindparam("ids", type_=ARRAY(Integer)))


#: SQLite: the guarded UPDATE for a whole batch in one statement; ``RETURNING`` names the
#: targets won. SQLite runs one writer at a time and a writer always sees the newest
#: commit, so the guard is checked against the latest state: each target goes to exactly
#: one of two racing publishers.
_CLAIM_MANY = text(
    "UPDATE post_target SET state = :claimed, claimed_by = :worker, claimed_utc = :now "
    "WHERE id IN :ids AND claimed_by = '' AND state IN ("
    + ", ".join(f"'{state}'" for state in CLAIMABLE)
    + ") RETURNING id"
).bindparams(bindparam("now", type_=DateTime()), bindparam("ids", expanding=True))


def on_postgres(s: Session) -> bool:
    return bool(s.get_bind().dialect.name == "postgresql")


def claim_many(s: Session, target_ids: Sequence[int], worker_id: str, now: datetime) -> set[int]:
    """Take what is still free of ``target_ids`` for ``worker_id``; returns the ids won.

    PostgreSQL: one ``FOR UPDATE SKIP LOCKED`` statement (rows being claimed by another
    publisher are skipped, never waited for). SQLite: one guarded UPDATE ... RETURNING.
    """
    if not target_ids:
        return set()
    if on_postgres(s):
        rows = s.execute(
            _CLAIM_SKIP_LOCKED,
            {
                "claimed": TargetState.CLAIMED.value,
                "worker": worker_id,
                "now": naive(now),
                "ids": list(target_ids),
            },
        )
        return {int(r[0]) for r in rows}
    if len(target_ids) == 1:
        return {t for t in target_ids if claim(s, t, worker_id, now)}
    rows = s.execute(
        _CLAIM_MANY,
        {
            "claimed": TargetState.CLAIMED.value,
            "worker": worker_id,
            "now": naive(now),
            "ids": list(target_ids),
        },
    )
    return {int(r[0]) for r in rows}


def set_unclaimed(
    s: Session,
    target_id: int,
    state: TargetState,
    *,
    only_if: Sequence[str] = CLAIMABLE,
    **values: object,
) -> bool:
    """Move an *unclaimed* target to ``state`` (parking, skipping) under the same guard."""
    result = s.execute(
        update(PostTargetRow)
        .where(
            PostTargetRow.id == target_id,
            PostTargetRow.claimed_by == "",
            PostTargetRow.state.in_(list(only_if)),
        )
        .values(state=state.value, **values)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


def take_over(s: Session, target_id: int, old_worker: str, worker_id: str, now: datetime) -> bool:
    """Take a stale claim over (only one reconciler wins it; on PostgreSQL a row another
    reconciler holds is skipped rather than waited for)."""
    guard = and_(
        PostTargetRow.id == target_id,
        PostTargetRow.state == TargetState.CLAIMED.value,
        PostTargetRow.claimed_by == old_worker,
    )
    if on_postgres(s):
        free = select(PostTargetRow.id).where(guard).with_for_update(skip_locked=True)
        guard = PostTargetRow.id.in_(free)
    result = s.execute(
        update(PostTargetRow)
        .where(guard)
        .values(claimed_by=worker_id, claimed_utc=naive(now))
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def dead_here(worker: str) -> bool:
    """A ``host:pid`` claim made on this machine by a process that no longer runs."""
    host, _, pid_text = worker.rpartition(":")
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    return pid != os.getpid() and not _pid_alive(pid)


def stale_claims(
    s: Session, now: datetime, lease: timedelta, worker_id: str, *, starting: bool
) -> list[tuple[int, str]]:
    """(target id, claimed_by) of every claim left behind, for reconciliation."""
    rows = s.execute(
        select(PostTargetRow.id, PostTargetRow.claimed_by, PostTargetRow.claimed_utc).where(
            PostTargetRow.state == TargetState.CLAIMED.value
        )
    ).all()
    old = naive(now - lease)
    out = []
    for target_id, by, at in rows:
        if (
            not by
            or at is None
            or at < old
            or (starting and by == worker_id)
            or (by != worker_id and dead_here(by))
        ):
            out.append((int(target_id), str(by)))
    return out


def derive_post_state(states: Iterable[str], current: str) -> str:
    """A scheduled post's state from its targets' (DESIGN.md, "States")."""
    s = set(states)
    if not s:
        return current
    if s & {TargetState.CLAIMED.value, TargetState.RETRY.value}:
        return PostState.PUBLISHING.value
    waiting = {TargetState.PENDING.value, TargetState.HANDED_OFF.value, TargetState.SKIPPED.value}
    if TargetState.PENDING.value in s:
        if s <= waiting and current == PostState.SCHEDULED.value:
            return current
        return PostState.PUBLISHING.value
    if s <= {TargetState.SKIPPED.value}:
        return PostState.READY.value
    if s <= {TargetState.HANDED_OFF.value, TargetState.SKIPPED.value}:
        return PostState.SCHEDULED.value
    sent = {TargetState.PUBLISHED.value, TargetState.HANDED_OFF.value}
    if s <= sent | {TargetState.SKIPPED.value}:
        return PostState.PUBLISHED.value
    if s & sent:
        return PostState.PARTLY_PUBLISHED.value
    return PostState.FAILED.value
