"""Native hand-off: the network's own scheduler publishes the post, laptop closed or not.

``hand_off(post_id)`` sends each pending target whose network schedules server-side
(Mastodon ``scheduled_at``, Facebook ``scheduled_publish_time``) to that scheduler; the target
becomes ``handed_off`` with the network's schedule id, the instant and a digest of the content
it was made for. Targets on networks without one stay pending and go out from here as usual.

``sync_handoffs()`` keeps the server-side copies in step with the calendar: a post moved or
edited is cancelled and handed off again; an unscheduled one is cancelled (its targets go back
to pending); once its time has passed, a copy the network shows is recorded as published.

Each call claims the target first (the same guard as publishing), and the request is
bracketed by a ``handing_off`` attempt, so a crash in the middle is shown as "unknown — check"
rather than risking a second copy.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from cmplanner.domain.enums import PostState, TargetState
from cmplanner.domain.errors import KnownError
from cmplanner.domain.publishing import AttemptResult, TargetResult
from cmplanner.services import publish_reads as reads
from cmplanner.services import publish_records as records
from cmplanner.services.notifier import Topic
from cmplanner.services.publish_claims import naive
from cmplanner.storage.tables import PostRecord, PostTargetRow, PublishAttemptRow

if TYPE_CHECKING:
    from cmplanner.networks.publishing import PublishClient
    from cmplanner.services.publish_outgoing import Job
    from cmplanner.services.publisher import Publisher

log = logging.getLogger(__name__)

#: After its time, how long the network gets to publish a handed-off post before we look.
SETTLE = timedelta(minutes=5)


class HandOffFailed(KnownError):
    """The network's scheduler refused (or could not be reached)."""


@dataclass(frozen=True)
class HandOffReport:
    handed_off: tuple[TargetResult, ...]
    #: Targets that stay with cmplanner, each with why (no server-side scheduler, an error).
    kept: tuple[tuple[int, str], ...]


def _claim_state(s: Session, target_id: int, worker: str, now: datetime, state: str) -> bool:
    result = s.execute(
        update(PostTargetRow)
        .where(
            PostTargetRow.id == target_id,
            PostTargetRow.claimed_by == "",
            PostTargetRow.state == state,
        )
        .values(claimed_by=worker, claimed_utc=naive(now), state=TargetState.CLAIMED.value)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


def _put_back(p: Publisher, job: Job, state: TargetState, attempt_id: int | None) -> None:
    with p._sessions.begin() as s:
        t = s.get(PostTargetRow, job.target_id)
        if t is not None:
            t.state, t.claimed_by, t.claimed_utc = state.value, "", None
        if attempt_id is not None:
            s.execute(delete(PublishAttemptRow).where(PublishAttemptRow.id == attempt_id))
        records.update_post_state(s, job.post_id)


def _schedule(p: Publisher, client: PublishClient, job: Job) -> None:
    """Schedule ``job`` (claimed) server-side and record it; raises what the client raises."""
    from cmplanner.services.publish_outgoing import digest

    now = p.now()
    attempt_id = records.start_attempt(p._sessions, job.target_id, now, AttemptResult.HANDING_OFF)
    try:
        handoff_id = client.schedule(job.outgoing)
    except BaseException:
        _put_back(p, job, TargetState.PENDING, attempt_id)
        raise
    with p._sessions.begin() as s:
        t = s.get(PostTargetRow, job.target_id)
        assert t is not None
        t.state, t.claimed_by, t.claimed_utc = TargetState.HANDED_OFF.value, "", None
        t.handoff_id = handoff_id
        t.handoff_utc = naive(job.outgoing.scheduled_utc) if job.outgoing.scheduled_utc else None
        t.handoff_digest = digest(job.outgoing)
        t.last_error = ""
        attempt = s.get(PublishAttemptRow, attempt_id)
        if attempt is not None:
            attempt.result = AttemptResult.HANDED_OFF.value
            attempt.finished_utc = naive(p.now())
            attempt.remote_id = handoff_id
        records.update_post_state(s, job.post_id)


def hand_off(p: Publisher, post_id: int) -> HandOffReport:
    """Send the post's pending targets to their networks' schedulers where they have one."""
    now = p.now()
    with p._sessions() as s:
        post = s.get(PostRecord, post_id)
        if post is None or post.scheduled_utc is None or post.state != PostState.SCHEDULED.value:
            raise HandOffFailed(
                "Only a scheduled post can be sent to the network's scheduler.",
                "Give the post a date and time first.",
            )
        if records.aware(post.scheduled_utc) <= now:  # type: ignore[operator]
            raise HandOffFailed(
                "This post's time has passed: the network's scheduler takes only future posts.",
                "Move it to a later time, or let cmplanner publish it now.",
            )
        ids = s.scalars(
            select(PostTargetRow.id).where(
                PostTargetRow.post_id == post_id, PostTargetRow.state == TargetState.PENDING.value
            )
        ).all()
    done: list[int] = []
    kept: list[tuple[int, str]] = []
    for target_id in ids:
        with p._sessions.begin() as s:
            if not _claim_state(s, target_id, p.worker_id, now, TargetState.PENDING.value):
                continue
            job = p.load_job(s, target_id, handoff=True)
        if job.problem:
            _put_back(p, job, TargetState.PENDING, None)
            kept.append((target_id, job.problem))
            continue
        try:
            _schedule(p, p.make_client(job.account), job)
        except NotImplementedError:
            kept.append((target_id, f"{job.account.network.label} has no server-side scheduler"))
            continue
        except Exception as exc:
            _put_back(p, job, TargetState.PENDING, None)
            kept.append((target_id, str(getattr(exc, "message", "") or exc)))
            continue
        done.append(target_id)
    p._notifier.changed(Topic.POSTS, (post_id,))
    with p._sessions() as s:
        results = [reads.target_result(s, t) for t in done]
    return HandOffReport(tuple(results), tuple(kept))


def sync_handoffs(p: Publisher) -> int:
    """Bring every server-side copy in step with its post; returns how many changed."""
    now = p.now()
    with p._sessions() as s:
        rows = s.execute(
            select(
                PostTargetRow.id,
                PostTargetRow.post_id,
                PostTargetRow.handoff_id,
                PostTargetRow.handoff_utc,
                PostTargetRow.handoff_digest,
                PostRecord.state,
                PostRecord.scheduled_utc,
            )
            .join(PostRecord, PostRecord.id == PostTargetRow.post_id)
            .where(PostTargetRow.state == TargetState.HANDED_OFF.value)
        ).all()
    changed: set[int] = set()
    for target_id, post_id, handoff_id, at, old_digest, state, scheduled in rows:
        # look before claiming: a copy still in step is left alone, so its line never shows
        # "Publishing…" for a check that changes nothing (and no other publisher waits on it)
        with p._sessions() as s:
            if not _needs_sync(
                p.load_job(s, target_id, handoff=True), at, old_digest, state, scheduled, now
            ):
                continue
        with p._sessions.begin() as s:
            if not _claim_state(s, target_id, p.worker_id, now, TargetState.HANDED_OFF.value):
                continue
            job = p.load_job(s, target_id, handoff=True)
        try:
            if _sync_one(p, job, handoff_id, at, old_digest, state, scheduled, now):
                changed.add(post_id)
            else:
                _put_back(p, job, TargetState.HANDED_OFF, None)
        except Exception as exc:
            log.info("hand-off of target %s not synced now: %s", target_id, exc)
            _put_back(p, job, TargetState.HANDED_OFF, None)
    if changed:
        p._notifier.changed(Topic.POSTS, sorted(changed))
    return len(changed)


def _needs_sync(
    job: Job,
    at: datetime | None,
    old_digest: str,
    state: str,
    scheduled: datetime | None,
    now: datetime,
) -> bool:
    """Whether the server-side copy must change, or its time has passed and it is looked up."""

    if state != PostState.SCHEDULED.value or scheduled is None:
        return True
    if _changed(job, at, old_digest, scheduled):
        return True
    return records.aware(scheduled) + SETTLE < now  # type: ignore[operator]


def _changed(job: Job, at: datetime | None, old_digest: str, scheduled: datetime) -> bool:
    """Moved or edited since it was handed off."""
    from cmplanner.services.publish_outgoing import digest

    return at is None or naive(at) != naive(scheduled) or digest(job.outgoing) != old_digest


def _sync_one(
    p: Publisher,
    job: Job,
    handoff_id: str,
    at: datetime | None,
    old_digest: str,
    state: str,
    scheduled: datetime | None,
    now: datetime,
) -> bool:

    client = p.make_client(job.account)
    if state != PostState.SCHEDULED.value or scheduled is None:
        client.cancel_scheduled(handoff_id)
        _cleared(p, job, TargetState.PENDING, AttemptResult.CANCELLED, "unscheduled in cmplanner")
        return True
    if _changed(job, at, old_digest, scheduled):
        client.cancel_scheduled(handoff_id)
        _cleared(p, job, TargetState.CLAIMED, AttemptResult.CANCELLED, "moved or edited")
        _schedule(p, client, job)
        return True
    if records.aware(scheduled) + SETTLE < now:  # type: ignore[operator]
        try:
            found = client.find_existing(job.outgoing)
        except NotImplementedError:
            return False
        if found is not None:
            records.finish_published(p._sessions, job, None, found, now, AttemptResult.PUBLISHED)
            return True
    return False


def _cleared(p: Publisher, job: Job, state: TargetState, result: AttemptResult, why: str) -> None:
    """The server-side copy is gone: forget it and log the cancellation."""
    now = p.now()
    with p._sessions.begin() as s:
        t = s.get(PostTargetRow, job.target_id)
        assert t is not None
        s.add(
            PublishAttemptRow(
                target_id=t.id,
                started_utc=naive(now),
                finished_utc=naive(now),
                result=result.value,
                remote_id=t.handoff_id,
                error_message=f"server-side copy cancelled: {why}",
            )
        )
        t.handoff_id, t.handoff_utc, t.handoff_digest = "", None, ""
        t.state = state.value
        if state != TargetState.CLAIMED:  # a claimed one is handed off again at once
            t.claimed_by, t.claimed_utc = "", None
            records.update_post_state(s, job.post_id)
