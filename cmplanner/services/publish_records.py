"""The publisher's bookkeeping: attempts, target outcomes and post states (the reads are in
``publish_reads``).

Each function is one short transaction (the network call always happens between two of
them, never inside one), so a crash leaves either "claimed, nothing sent", "claimed, a
``sending`` attempt open" (reconciled on the next run) or a recorded outcome.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol, cast

from sqlalchemy import DateTime, bindparam, select, text, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from cmplanner.domain.enums import AccountStatus, PostState, TargetState
from cmplanner.domain.errors import InvalidInput, NotFound
from cmplanner.domain.publishing import AttemptResult, RunSummary
from cmplanner.domain.timezones import as_aware
from cmplanner.services.publish_claims import derive_post_state, naive
from cmplanner.storage.tables import (
    AccountRow,
    PostRecord,
    PostTargetRow,
    PublishAttemptRow,
    ReplyAttemptRow,
)

if TYPE_CHECKING:
    from cmplanner.networks.publishing import Published
    from cmplanner.services.publish_outgoing import Job
    from cmplanner.services.publisher import Publisher


class Sessions(Protocol):
    """Where the bookkeeping opens its sessions: the workspace's ``sessionmaker``, or a
    run's ``RunSessions`` (the same sessions on one connection held for the run)."""

    def __call__(self) -> Session: ...

    def begin(self) -> AbstractContextManager[Session]: ...


class NoSecret(Exception):
    """The account has no credentials in the store: it needs (re)connecting."""


class StopRun(Exception):
    """A local problem (the password store) that every further target would meet too."""


def safe_message(exc: BaseException) -> str:
    """An error's own message (the typed network errors carry no secrets)."""
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return str(message)


def aware(dt: datetime | None) -> datetime | None:
    return as_aware(dt) if dt is not None else None


@dataclass
class Tally:
    """Counts for the run's summary."""

    counts: Counter[TargetState] = field(default_factory=Counter)
    rate_limited: int = 0
    waiting_offline: int = 0
    waiting_decision: int = 0
    changed_posts: set[int] = field(default_factory=set)
    offline_posts: set[int] = field(default_factory=set)
    problem: str = ""

    def touch(self, post_id: int) -> None:
        self.changed_posts.add(post_id)

    def count(self, state: TargetState, post_id: int, *, rate_limited: bool = False) -> None:
        self.counts[state] += 1
        self.rate_limited += rate_limited
        self.changed_posts.add(post_id)

    def summary(self, offline: bool) -> RunSummary:
        c = self.counts
        return RunSummary(
            published=c[TargetState.PUBLISHED],
            failed=c[TargetState.FAILED],
            retrying=c[TargetState.RETRY],
            rate_limited=self.rate_limited,
            needs_reconnect=c[TargetState.NEEDS_RECONNECT],
            unknown=c[TargetState.UNKNOWN],
            skipped=c[TargetState.SKIPPED],
            handed_off=c[TargetState.HANDED_OFF],
            waiting_offline=self.waiting_offline,
            waiting_decision=self.waiting_decision,
            offline=offline,
            waiting_offline_post_ids=tuple(sorted(self.offline_posts)),
            changed_post_ids=tuple(sorted(self.changed_posts)),
            problem=self.problem,
        )


# ---- post state ---------------------------------------------------------------------


_POST_AND_TARGET_STATES = text(
    "SELECT post.state, post_target.state FROM post "
    "LEFT JOIN post_target ON post_target.post_id = post.id WHERE post.id = :id"
)
_SET_POST_STATE = text("UPDATE post SET state = :state, version = version + 1 WHERE id = :id")


_POSTS_AND_TARGET_STATES = text(
    "SELECT post.id, post.state, post_target.state FROM post "
    "LEFT JOIN post_target ON post_target.post_id = post.id WHERE post.id IN :ids"
).bindparams(bindparam("ids", expanding=True))


def update_post_states(s: Session, post_ids: Collection[int]) -> None:
    """``update_post_state`` for several posts: one read, one UPDATE for those that change."""
    if len(post_ids) == 1:
        update_post_state(s, next(iter(post_ids)))
        return
    if not post_ids:
        return
    found: dict[int, tuple[str, list[str]]] = {}
    for post_id, current, target_state in s.execute(
        _POSTS_AND_TARGET_STATES, {"ids": sorted(post_ids)}
    ):
        entry = found.setdefault(post_id, (current, []))
        if target_state is not None:
            entry[1].append(target_state)
    changes = []
    for post_id, (current, states) in sorted(found.items()):  # rows locked in id order
        if current in (PostState.IDEA.value, PostState.DRAFT.value):
            continue
        new = derive_post_state(states, current)
        if new != current:
            changes.append({"state": new, "id": post_id})
    if changes:
        s.execute(_SET_POST_STATE, changes)
        for change in changes:
            loaded = s.identity_map.get(identity_key(PostRecord, change["id"]))
            if loaded is not None:
                s.expire(loaded, ["state", "version"])


def update_post_state(s: Session, post_id: int) -> None:
    """Derive the post's state from its targets' (only scheduled or sent posts).

    Two statements built once (this runs twice per published target, and building
    statements costs more than SQLite's work): a read of the post's state with its
    targets', and an UPDATE only when the state changes, which bumps the post's version
    like any other edit (an open composer then sees the change).
    """
    rows = s.execute(_POST_AND_TARGET_STATES, {"id": post_id}).all()
    if not rows:
        return
    current = rows[0][0]
    if current in (PostState.IDEA.value, PostState.DRAFT.value):
        return
    new = derive_post_state([r[1] for r in rows if r[1] is not None], current)
    if new != current:
        s.execute(_SET_POST_STATE, {"state": new, "id": post_id})
        loaded = s.identity_map.get(identity_key(PostRecord, post_id))
        if loaded is not None:  # a copy this session holds is now out of date
            s.expire(loaded, ["state", "version"])


# ---- attempts -----------------------------------------------------------------------


def start_attempt(
    sessions: Sessions,
    target_id: int,
    now: datetime,
    result: AttemptResult = AttemptResult.SENDING,
) -> int:
    """The in-flight mark, committed before the request goes out."""
    with sessions.begin() as s:
        return add_attempt(s, target_id, now, result)


_NEW_ATTEMPT = text(
    "INSERT INTO publish_attempt (target_id, started_utc, result, remote_id, remote_url, "
    "error_class, error_message) VALUES (:target_id, :now, :result, '', '', '', '') "
    "RETURNING id"
).bindparams(bindparam("now", type_=DateTime()))


def add_attempt(
    s: Session, target_id: int, now: datetime, result: AttemptResult = AttemptResult.SENDING
) -> int:
    """``start_attempt`` inside the caller's transaction (e.g. the claim's)."""
    new_id = s.execute(
        _NEW_ATTEMPT, {"target_id": target_id, "now": naive(now), "result": result.value}
    ).scalar_one()
    return int(new_id)


@dataclass(frozen=True)
class OpenAttempt:
    id: int
    started_utc: datetime
    result: str


def open_attempt(s: Session, target_id: int) -> OpenAttempt | None:
    """The attempt a crash left unfinished, if any."""
    row = s.scalars(
        select(PublishAttemptRow)
        .where(
            PublishAttemptRow.target_id == target_id,
            PublishAttemptRow.finished_utc.is_(None),
            PublishAttemptRow.result.in_(
                [AttemptResult.SENDING.value, AttemptResult.HANDING_OFF.value]
            ),
        )
        .order_by(PublishAttemptRow.id.desc())
    ).first()
    if row is None:
        return None
    return OpenAttempt(row.id, as_aware(row.started_utc), row.result)


def finish_attempt_row(
    s: Session,
    attempt_id: int | None,
    now: datetime,
    result: AttemptResult,
    *,
    table: type[PublishAttemptRow] | type[ReplyAttemptRow] = PublishAttemptRow,
    remote_id: str = "",
    remote_url: str = "",
    exc: BaseException | None = None,
    message: str = "",
) -> None:
    """Close an attempt of a post's target or of an inbox reply with its outcome."""
    if attempt_id is None:
        return
    row = cast("PublishAttemptRow | ReplyAttemptRow | None", s.get(table, attempt_id))
    if row is None:
        return
    row.finished_utc = naive(now)
    row.result = result.value
    row.remote_id = remote_id
    row.remote_url = remote_url
    if exc is not None:
        row.error_class = type(exc).__name__
    row.error_message = message


_finish = finish_attempt_row


def target_row(s: Session, target_id: int) -> PostTargetRow:
    row = s.get(PostTargetRow, target_id)
    if row is None:
        raise NotFound(f"Publishing target {target_id} does not exist.", "Refresh the post.")
    return row


def _settle(t: PostTargetRow, state: TargetState, **values: object) -> None:
    t.state = state.value
    t.claimed_by = ""
    t.claimed_utc = None
    for key, value in values.items():
        setattr(t, key, value)


# ---- outcomes -----------------------------------------------------------------------


_PUBLISHED_TARGET = text(
    "UPDATE post_target SET state = :state, claimed_by = '', claimed_utc = NULL, "
    "remote_id = :remote_id, remote_url = :remote_url, last_error = '', "
    "retry_at_utc = NULL, tries = 0 WHERE id = :id"
)
_FINISHED_ATTEMPT = text(
    "UPDATE publish_attempt SET finished_utc = :now, result = :result, "
    "remote_id = :remote_id, remote_url = :remote_url, error_message = '' WHERE id = :id"
).bindparams(bindparam("now", type_=DateTime()))


def finish_published(
    sessions: Sessions,
    job: Job,
    attempt_id: int | None,
    published: Published,
    now: datetime,
    result: AttemptResult,
) -> None:
    with sessions.begin() as s:
        record_published(s, job, attempt_id, published, now, result)


def record_published(
    s: Session,
    job: Job,
    attempt_id: int | None,
    published: Published,
    now: datetime,
    result: AttemptResult,
) -> None:
    """``finish_published`` inside the caller's transaction."""
    # The hot path of every run: statements built once, no rows loaded.
    ids = {"remote_id": published.remote_id, "remote_url": published.remote_url}
    done = s.execute(
        _PUBLISHED_TARGET, {**ids, "state": TargetState.PUBLISHED.value, "id": job.target_id}
    )
    if getattr(done, "rowcount", 1) != 1:
        raise NotFound(f"Publishing target {job.target_id} does not exist.", "Refresh the post.")
    if attempt_id is not None:
        s.execute(
            _FINISHED_ATTEMPT,
            {**ids, "now": naive(now), "result": result.value, "id": attempt_id},
        )
    update_post_state(s, job.post_id)


def finish_interrupted(sessions: Sessions, job: Job, attempt_id: int, now: datetime) -> None:
    """Not on the network, and a resend collides: back to pending (same keys)."""
    with sessions.begin() as s:
        _settle(target_row(s, job.target_id), TargetState.PENDING)
        _finish(
            s,
            attempt_id,
            now,
            AttemptResult.INTERRUPTED,
            message="cmplanner stopped during the request; not found on the network",
        )
        update_post_state(s, job.post_id)


def finish_unknown(
    sessions: Sessions, job: Job, attempt_id: int, now: datetime, message: str
) -> None:
    with sessions.begin() as s:
        _settle(target_row(s, job.target_id), TargetState.UNKNOWN, last_error=message)
        _finish(s, attempt_id, now, AttemptResult.UNKNOWN, message=message)
        update_post_state(s, job.post_id)


def release(sessions: Sessions, target_id: int) -> None:
    """Give a claim back untouched (nothing was sent)."""
    with sessions.begin() as s:
        t = target_row(s, target_id)
        _settle(t, TargetState.PENDING)
        update_post_state(s, t.post_id)


def retry_reconcile_later(sessions: Sessions, target_id: int, stale_at: datetime) -> None:
    """Keep the claim but make it stale at once, so the next run looks again."""
    with sessions.begin() as s:
        target_row(s, target_id).claimed_utc = naive(stale_at - timedelta(seconds=1))


def hold(sessions: Sessions, job: Job, state: TargetState) -> None:
    """A job whose account stopped earlier in this run: wait (rate limit) or park."""
    with sessions.begin() as s:
        t = target_row(s, job.target_id)
        if state == TargetState.NEEDS_RECONNECT:
            acc = s.get(AccountRow, job.account.id)
            label = job.account.network.label
            _settle(
                t,
                TargetState.NEEDS_RECONNECT,
                last_error=f"{label} refused the login: reconnect the account in Accounts.",
            )
            if acc is not None and acc.status != AccountStatus.NEEDS_RECONNECT.value:
                acc.status = AccountStatus.NEEDS_RECONNECT.value
        else:
            _settle(t, TargetState.PENDING)
        update_post_state(s, job.post_id)


def fail(
    sessions: Sessions,
    job: Job,
    attempt_id: int | None,
    now: datetime,
    message: str,
    exc: BaseException | None,
) -> None:
    with sessions.begin() as s:
        _settle(target_row(s, job.target_id), TargetState.FAILED, last_error=message, tries=0)
        _finish(s, attempt_id, now, _result_for(exc), exc=exc, message=message)
        update_post_state(s, job.post_id)


def fail_checked(s: Session, job: Job, now: datetime) -> None:
    """Inside the claim transaction: the checks refused the post; nothing is sent."""
    t = target_row(s, job.target_id)
    _settle(t, TargetState.FAILED, last_error=job.problem)
    s.add(
        PublishAttemptRow(
            target_id=job.target_id,
            started_utc=naive(now),
            finished_utc=naive(now),
            result=AttemptResult.REJECTED.value,
            error_class="CheckFailed",
            error_message=job.problem,
        )
    )


def _result_for(exc: BaseException | None) -> AttemptResult:
    from cmplanner.networks.errors import Rejected

    return AttemptResult.REJECTED if isinstance(exc, Rejected) else AttemptResult.ERROR


def rate_limited(
    sessions: Sessions,
    job: Job,
    attempt_id: int,
    now: datetime,
    until: datetime,
    exc: BaseException,
) -> None:
    with sessions.begin() as s:
        message = f"{job.account.network.label} asks to wait until {until:%H:%M} UTC (rate limit)."
        _settle(
            target_row(s, job.target_id),
            TargetState.RETRY,
            retry_at_utc=naive(until),
            last_error=message,
        )
        acc = s.get(AccountRow, job.account.id)
        if acc is not None:
            acc.rate_limited_until_utc = naive(until)
        _finish(s, attempt_id, now, AttemptResult.RATE_LIMITED, exc=exc, message=message)
        update_post_state(s, job.post_id)


def transient(
    sessions: Sessions,
    job: Job,
    attempt_id: int,
    now: datetime,
    exc: BaseException,
    publisher: Publisher,
) -> TargetState:
    """Retry later with backoff, or give up after ``max_tries`` with the last message."""
    reason = str(getattr(exc, "message", "") or exc)
    with sessions.begin() as s:
        t = target_row(s, job.target_id)
        tries = t.tries + 1
        if tries >= publisher.max_tries:
            message = f"Gave up after {tries} tries: {reason}. Check the connection, then retry."
            _settle(t, TargetState.FAILED, last_error=message, tries=0, retry_at_utc=None)
            state = TargetState.FAILED
        else:
            at = now + publisher.backoff(tries)
            message = (
                f"{reason} — trying again at {at:%H:%M:%S} UTC "
                f"(try {tries} of {publisher.max_tries})."
            )
            _settle(t, TargetState.RETRY, last_error=message, tries=tries, retry_at_utc=naive(at))
            state = TargetState.RETRY
        _finish(s, attempt_id, now, AttemptResult.TRANSIENT, exc=exc, message=reason)
        update_post_state(s, job.post_id)
    return state


def needs_reconnect(
    sessions: Sessions,
    job: Job,
    attempt_id: int | None,
    now: datetime,
    message: str,
    exc: BaseException | None,
) -> None:
    with sessions.begin() as s:
        _settle(target_row(s, job.target_id), TargetState.NEEDS_RECONNECT, last_error=message)
        acc = s.get(AccountRow, job.account.id)
        if acc is not None:
            acc.status = AccountStatus.NEEDS_RECONNECT.value
        _finish(s, attempt_id, now, AttemptResult.AUTH, exc=exc, message=message)
        update_post_state(s, job.post_id)


def skip_post(s: Session, post_id: int, now: datetime, why: str) -> None:
    """The missed slot is let go: its untried targets are skipped, the post is ready again."""
    post = s.get(PostRecord, post_id)
    if post is None:
        return
    when = (
        f"{as_aware(post.scheduled_utc):%Y-%m-%d %H:%M} UTC" if post.scheduled_utc else "its time"
    )
    note = (
        f"Skipped: {when} passed while cmplanner was not running ({why}). "
        "Schedule it again to publish it."
    )
    s.execute(
        update(PostTargetRow)
        .where(
            PostTargetRow.post_id == post_id,
            PostTargetRow.state == TargetState.PENDING.value,
            PostTargetRow.claimed_by == "",
        )
        .values(state=TargetState.SKIPPED.value, last_error=note)
        .execution_options(synchronize_session=False)
    )
    s.expire_all()
    update_post_state(s, post_id)


# ---- the user's actions -----------------------------------------------------------


def retry_target(sessions: Sessions, target_id: int) -> int:
    with sessions.begin() as s:
        t = target_row(s, target_id)
        allowed = (
            TargetState.FAILED.value,
            TargetState.UNKNOWN.value,
            TargetState.NEEDS_RECONNECT.value,
            TargetState.RETRY.value,
        )
        if t.state not in allowed:
            raise InvalidInput(
                f"This target is {t.state.replace('_', ' ')}: there is nothing to retry.",
                "Only failed, unknown or parked targets can be sent again.",
            )
        _settle(t, TargetState.PENDING, retry_at_utc=None, tries=0, publish_late=True)
        acc = s.get(AccountRow, t.account_id)
        if acc is not None and acc.status == AccountStatus.NEEDS_RECONNECT.value:
            t.last_error = "Waiting for the account to be reconnected."
        else:
            t.last_error = ""
        post = s.get(PostRecord, t.post_id)
        if post is not None and post.state != PostState.SCHEDULED.value:
            post.state = PostState.PUBLISHING.value
        return t.post_id


def resolve_unknown(
    sessions: Sessions, target_id: int, published: bool, remote_url: str, now: datetime
) -> int:
    with sessions.begin() as s:
        t = target_row(s, target_id)
        if t.state != TargetState.UNKNOWN.value:
            raise InvalidInput(
                "Only a target marked “unknown — check” can be resolved this way.",
                "Use Retry for failed targets.",
            )
        if published:
            _settle(t, TargetState.PUBLISHED, remote_url=remote_url.strip(), last_error="")
        else:
            _settle(
                t,
                TargetState.FAILED,
                last_error="Not found on the network (checked by you). Retry to send it.",
            )
        s.add(
            PublishAttemptRow(
                target_id=target_id,
                started_utc=naive(now),
                finished_utc=naive(now),
                result=(AttemptResult.PUBLISHED if published else AttemptResult.ERROR).value,
                remote_url=remote_url.strip(),
                error_message="resolved by the user",
            )
        )
        update_post_state(s, t.post_id)
        return t.post_id
