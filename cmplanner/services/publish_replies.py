"""Inbox replies sent by the publisher, with the machinery the posts have.

A reply is a job kept on its inbox item (``inbox_item.reply_*``; the calendar never sees
it): ``queue`` stores the text and its key (Mastodon ``Idempotency-Key``, Bluesky record
key) *before* any request, in state ``pending``. Each publisher round (``send_due``, the
window's worker and ``cmplanner publish-due``), and "send now" from the inbox
(``Publisher.send_replies([item_id])``), then:

1. reconciles replies left claimed by a crash: the attempt never started → pending again;
   in flight → looked up on the network (found → sent; surely absent and a resend
   collides → pending with the same key; otherwise "unknown — check");
2. parks the replies of accounts that need reconnecting; sends nothing while the servers
   cannot be reached (the replies wait and go out on the first round back online);
3. claims each due reply atomically (a guarded UPDATE: two publishers never send one
   reply), writes a ``sending`` attempt, calls the account's publish client with
   ``Outgoing.reply_to``;
4. records the outcome: sent; ``Transient`` → retry with the publisher's bounded backoff
   with jitter, failed after ``max_tries``; ``RateLimited`` → the whole account waits until
   its reset (its posts too); ``AuthExpired``/``AuthFailed`` → the account needs
   reconnecting; ``Rejected`` → failed with the network's message. Every attempt is a
   ``reply_attempt`` row the publish log shows.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from cmplanner.domain.enums import AccountStatus, AttemptResult, Network, TargetState
from cmplanner.domain.errors import InvalidInput, NotFound
from cmplanner.domain.timezones import as_aware
from cmplanner.services import reply_records as records
from cmplanner.services.connectivity import server_url
from cmplanner.services.publish_claims import naive
from cmplanner.services.publish_records import NoSecret, StopRun, safe_message
from cmplanner.services.reply_records import FAILED_STATES, WAITING, ReplyOutcome, ReplyState
from cmplanner.storage.tables import AccountRow, InboxItemRow, ReplyAttemptRow

if TYPE_CHECKING:
    from cmplanner.networks.publishing import AccountRef, Outgoing, PublishClient, Published
    from cmplanner.services.publish_run import PublishRun
    from cmplanner.services.publisher import Publisher

log = logging.getLogger(__name__)

Sessions = sessionmaker[Session]


@dataclass(frozen=True)
class ReplyJob:
    item_id: int
    account: AccountRef
    outgoing: Outgoing


# ---- queueing (the inbox's "send") -----------------------------------------------------


def new_key(network: Network, item_id: int) -> str:
    """The reply's key, stored before the first request (a Bluesky TID, else a token)."""
    if network is Network.BLUESKY:
        from cmplanner.networks.bluesky_client import new_tid

        return new_tid()
    return f"cmplanner-inbox-{item_id}-{secrets.token_hex(8)}"


def queue(sessions: Sessions, item_id: int, text: str) -> bool:
    """Make ``text`` the item's reply, waiting for the publisher; False when exactly this
    reply was sent already (a double click sends nothing more).

    The key is kept while the same text waits (a resend collides instead of duplicating)
    and made anew for a new text or after a reply went out.

    Raises:
        InvalidInput: the reply is being sent right now.
    """
    with sessions.begin() as s:
        row = s.get(InboxItemRow, item_id)
        if row is None:
            raise NotFound(
                f"Inbox item {item_id} does not exist.", "List the items with: cmplanner inbox list"
            )
        state = row.reply_state
        if state == ReplyState.SENT.value and row.reply_text == text:
            return False
        if state == ReplyState.CLAIMED.value:
            raise InvalidInput(
                "This reply is being sent right now.",
                "Wait for it to finish; the inbox shows how it went.",
            )
        account = s.get(AccountRow, row.account_id)
        network = Network(account.network) if account is not None else Network.MASTODON
        if state == ReplyState.SENT.value or row.reply_text != text or not row.reply_key:
            row.reply_key = new_key(network, item_id)
        row.reply_text = text
        row.reply_state = ReplyState.PENDING.value
        row.reply_error = ""
        row.reply_tries = 0
        row.reply_retry_at_utc = None
        row.replied_utc = None
    return True


# ---- one round ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Due:
    item_id: int
    account_id: int
    account_status: str
    network: Network
    server: str
    state: str


def send_due(
    p: Publisher, run: PublishRun, item_ids: Sequence[int] | None = None
) -> list[ReplyOutcome]:
    """Reconcile, then send the replies that are due (or just ``item_ids``); the outcome of
    each reply this round touched."""
    touched: list[int] = []
    _reconcile(p, run, touched, item_ids)
    now = p.now()
    with p._sessions() as s:
        due = _due(s, now, item_ids)
    go: list[_Due] = []
    for d in due:
        if d.account_status != AccountStatus.CONNECTED.value:
            if d.state != ReplyState.NEEDS_RECONNECT.value:
                _park_unclaimed(p._sessions, d)
                touched.append(d.item_id)
            continue
        go.append(d)
    if go:
        urls = sorted({server_url(d.network, d.server) for d in go})
        if not p.online(urls):
            p.offline = True
            touched.extend(d.item_id for d in go)
        else:
            p.offline = False
            for d in go:
                job = _claim(p, d)
                if job is not None:
                    touched.append(d.item_id)
                    _send(p, run, job)
    return records.outcomes(p._sessions, touched)


def _due(s: Session, now: datetime, item_ids: Sequence[int] | None) -> list[_Due]:
    at = naive(now)
    i, a = InboxItemRow, AccountRow
    q = (
        select(i.id, i.account_id, a.status, a.network, a.server, i.reply_state)
        .join(a, a.id == i.account_id)
        .where(
            i.reply_state.in_([*WAITING, ReplyState.NEEDS_RECONNECT.value]),
            or_(i.reply_retry_at_utc.is_(None), i.reply_retry_at_utc <= at),
            or_(a.rate_limited_until_utc.is_(None), a.rate_limited_until_utc <= at),
        )
        .order_by(i.id)
    )
    if item_ids is not None:
        q = q.where(i.id.in_(list(item_ids)))
    return [_Due(r[0], r[1], r[2], Network(r[3]), r[4] or "", r[5]) for r in s.execute(q)]


def _park_unclaimed(sessions: Sessions, d: _Due) -> None:
    message = (
        "This account is not connected: connect it in Accounts, then the reply goes out."
        if d.account_status == AccountStatus.NOT_CONNECTED.value
        else "This account needs reconnecting: reconnect it in Accounts, then the reply goes out."
    )
    with sessions.begin() as s:
        s.execute(
            update(InboxItemRow)
            .where(InboxItemRow.id == d.item_id, InboxItemRow.reply_state.in_(WAITING))
            .values(reply_state=ReplyState.NEEDS_RECONNECT.value, reply_error=message)
        )


def _claim(p: Publisher, d: _Due) -> ReplyJob | None:
    """Take the reply for this publisher (a guarded UPDATE) and build its job."""
    now = naive(p.now())
    with p._sessions.begin() as s:
        won = s.execute(
            update(InboxItemRow)
            .where(
                InboxItemRow.id == d.item_id,
                InboxItemRow.reply_state == d.state,
                or_(
                    InboxItemRow.reply_retry_at_utc.is_(None),
                    InboxItemRow.reply_retry_at_utc <= now,
                ),
            )
            .values(
                reply_state=ReplyState.CLAIMED.value,
                reply_claimed_by=p.worker_id,
                reply_claimed_utc=now,
            )
            .execution_options(synchronize_session=False)
        )
        if getattr(won, "rowcount", 0) != 1:
            return None
        return _job(s, d.item_id)


def _job(s: Session, item_id: int) -> ReplyJob:
    from cmplanner.networks.publishing import AccountRef, Outgoing, ReplyTarget
    from cmplanner.services.inbox_rows import meta_of

    row = s.get(InboxItemRow, item_id)
    assert row is not None
    acc = s.get(AccountRow, row.account_id)
    assert acc is not None
    network = Network(acc.network)
    meta = meta_of(row)
    account = AccountRef(acc.id, network, acc.handle, acc.server, acc.remote_id, acc.media_base_url)
    outgoing = Outgoing(
        parts=(row.reply_text,),
        idempotency_key=row.reply_key,
        record_keys=(row.reply_key,) if network is Network.BLUESKY else (),
        reply_to=ReplyTarget(
            remote_id=row.remote_id,
            cid=meta.get("cid", ""),
            root_uri=meta.get("root_uri", ""),
            root_cid=meta.get("root_cid", ""),
            visibility=meta.get("visibility", ""),
        ),
    )
    return ReplyJob(item_id, account, outgoing)


def _send(p: Publisher, run: PublishRun, job: ReplyJob) -> None:
    stopped = run.blocked.get(job.account.id)
    if stopped is not None:  # the account stopped earlier in this round (its posts)
        if stopped == TargetState.NEEDS_RECONNECT:
            records.settle(
                p._sessions,
                job.item_id,
                None,
                p.now(),
                ReplyState.NEEDS_RECONNECT,
                f"{job.account.network.label} refused the login: reconnect the account in "
                "Accounts, then the reply goes out.",
            )
        else:
            records.settle(p._sessions, job.item_id, None, p.now(), ReplyState.PENDING, "")
        return
    try:
        client = run.client(job.account)
    except NoSecret as exc:
        _park(p, run, job, None, str(exc), None)
        return
    except StopRun:
        records.settle(p._sessions, job.item_id, None, p.now(), ReplyState.PENDING, "")
        raise
    except Exception as exc:
        log.exception("cannot make a client for account %s", job.account.id)
        records.settle(
            p._sessions,
            job.item_id,
            None,
            p.now(),
            ReplyState.FAILED,
            f"cmplanner cannot send replies here: {safe_message(exc)}",
        )
        return
    attempt_id = records.start_attempt(p._sessions, job.item_id, p.now())
    try:
        sent = _publish(client, job)
    except Exception as exc:
        _failed(p, run, job, attempt_id, exc)
        return
    records.sent(p._sessions, job.item_id, attempt_id, sent, p.now(), AttemptResult.PUBLISHED)


def _publish(client: PublishClient, job: ReplyJob) -> Published:
    from cmplanner.networks.errors import AlreadyExists
    from cmplanner.networks.publishing import Published

    try:
        return client.publish(job.outgoing)
    except AlreadyExists as exc:  # an earlier try went through under the same key
        try:
            found = client.find_existing(job.outgoing)
        except Exception:
            found = None
        return found or Published(remote_id=exc.uri, remote_url="")


def _failed(p: Publisher, run: PublishRun, job: ReplyJob, attempt_id: int, exc: Exception) -> None:
    from cmplanner.networks import errors as net
    from cmplanner.services.notifier import Topic
    from cmplanner.services.publish_run import rate_limit_until

    now = p.now()
    label = job.account.network.label
    if isinstance(exc, net.RateLimited):
        until = rate_limit_until(exc, now)
        message = f"{label} asks to wait until {until:%H:%M} UTC (rate limit): the reply waits."
        records.settle(
            p._sessions,
            job.item_id,
            attempt_id,
            now,
            ReplyState.RETRY,
            message,
            result=AttemptResult.RATE_LIMITED,
            exc=exc,
            retry_at=until,
        )
        with p._sessions.begin() as s:
            acc = s.get(AccountRow, job.account.id)
            if acc is not None:
                acc.rate_limited_until_utc = naive(until)
        run.blocked[job.account.id] = TargetState.RETRY
        p._notifier.changed(Topic.ACCOUNTS, (job.account.id,))
    elif isinstance(exc, (net.AuthExpired, net.AuthFailed)):
        _park(p, run, job, attempt_id, f"{label} refused the login ({exc.message})", exc)
    elif isinstance(exc, net.Rejected):
        records.settle(
            p._sessions,
            job.item_id,
            attempt_id,
            now,
            ReplyState.FAILED,
            f"{label} refused the reply: {exc.reason}",
            result=AttemptResult.REJECTED,
            exc=exc,
        )
    elif isinstance(exc, net.Transient):
        _transient(p, job, attempt_id, exc)
    else:
        if not isinstance(exc, net.NetworkError):
            log.exception("sending reply %s failed unexpectedly", job.item_id)
        records.settle(
            p._sessions,
            job.item_id,
            attempt_id,
            now,
            ReplyState.FAILED,
            f"Not sent: {safe_message(exc)}",
            result=AttemptResult.ERROR,
            exc=exc,
        )


def _transient(p: Publisher, job: ReplyJob, attempt_id: int, exc: Exception) -> None:
    now = p.now()
    reason = safe_message(exc)
    with p._sessions() as s:
        tries = (
            int(
                s.scalar(select(InboxItemRow.reply_tries).where(InboxItemRow.id == job.item_id))
                or 0
            )
            + 1
        )
    if tries >= p.max_tries:
        message = f"Gave up after {tries} tries: {reason}. Check the connection, then send again."
        records.settle(
            p._sessions,
            job.item_id,
            attempt_id,
            now,
            ReplyState.FAILED,
            message,
            result=AttemptResult.TRANSIENT,
            exc=exc,
            tries=0,
        )
        return
    at = now + p.backoff(tries)
    message = (
        f"{reason} — the reply waits and goes out at {at:%H:%M:%S} UTC "
        f"(try {tries} of {p.max_tries}); nothing is sent twice."
    )
    records.settle(
        p._sessions,
        job.item_id,
        attempt_id,
        now,
        ReplyState.RETRY,
        message,
        result=AttemptResult.TRANSIENT,
        exc=exc,
        retry_at=at,
        tries=tries,
    )


def _park(
    p: Publisher,
    run: PublishRun,
    job: ReplyJob,
    attempt_id: int | None,
    why: str,
    exc: Exception | None,
) -> None:
    from cmplanner.services.notifier import Topic

    message = f"{why}: reconnect the account in Accounts; the reply goes out once it is."
    records.settle(
        p._sessions,
        job.item_id,
        attempt_id,
        p.now(),
        ReplyState.NEEDS_RECONNECT,
        message,
        result=AttemptResult.AUTH,
        exc=exc,
    )
    with p._sessions.begin() as s:
        acc = s.get(AccountRow, job.account.id)
        if acc is not None:
            acc.status = AccountStatus.NEEDS_RECONNECT.value
    run.blocked[job.account.id] = TargetState.NEEDS_RECONNECT
    p._notifier.changed(Topic.ACCOUNTS, (job.account.id,))


# ---- crash recovery ---------------------------------------------------------------------


def _reconcile(
    p: Publisher, run: PublishRun, touched: list[int], item_ids: Sequence[int] | None
) -> None:
    from cmplanner.services.publish_run import RESEND_COLLIDES

    now = p.now()
    stale_before = naive(now - p.lease)
    i = InboxItemRow
    with p._sessions() as s:
        q = select(i.id, i.reply_claimed_by, i.reply_claimed_utc).where(
            i.reply_state == ReplyState.CLAIMED.value, i.reply_claimed_utc < stale_before
        )
        if item_ids is not None:
            q = q.where(i.id.in_(list(item_ids)))
        stale = list(s.execute(q))
    for item_id, old_by, old_utc in stale:
        with p._sessions.begin() as s:
            took = s.execute(
                update(i)
                .where(
                    i.id == item_id,
                    i.reply_state == ReplyState.CLAIMED.value,
                    i.reply_claimed_by == old_by,
                    i.reply_claimed_utc == old_utc,
                )
                .values(reply_claimed_by=p.worker_id, reply_claimed_utc=naive(now))
                .execution_options(synchronize_session=False)
            )
            if getattr(took, "rowcount", 0) != 1:
                continue
            job = _job(s, item_id)
            attempt = s.scalars(
                select(ReplyAttemptRow)
                .where(
                    ReplyAttemptRow.item_id == item_id,
                    ReplyAttemptRow.finished_utc.is_(None),
                    ReplyAttemptRow.result == AttemptResult.SENDING.value,
                )
                .order_by(ReplyAttemptRow.id.desc())
            ).first()
            started = as_aware(attempt.started_utc) if attempt is not None else None
            attempt_id = attempt.id if attempt is not None else None
        log.warning("reconciling reply %s left claimed by %s", item_id, old_by or "nobody")
        touched.append(item_id)
        if attempt_id is None or started is None:  # no request was started
            records.settle(p._sessions, job.item_id, None, now, ReplyState.PENDING, "")
            continue
        label = job.account.network.label
        cannot_tell = False
        try:
            found = run.client(job.account).find_existing(job.outgoing)
        except NotImplementedError:
            found, cannot_tell = None, True
        except Exception as exc:  # offline, rate limited...: look again next round
            log.info("cannot reconcile reply %s yet: %s", item_id, safe_message(exc))
            with p._sessions.begin() as s:
                s.execute(
                    update(i)
                    .where(i.id == item_id)
                    .values(reply_claimed_utc=stale_before - timedelta(seconds=1))
                )
            continue
        if found is not None:
            records.sent(p._sessions, item_id, attempt_id, found, now, AttemptResult.RECONCILED)
            continue
        window = RESEND_COLLIDES.get(job.account.network, timedelta(0))
        if not cannot_tell and (window is None or now - started < window):
            records.settle(
                p._sessions,
                job.item_id,
                attempt_id,
                now,
                ReplyState.PENDING,
                "",
                result=AttemptResult.INTERRUPTED,
                note="cmplanner stopped during the request; not found on the network",
            )
            continue
        records.settle(
            p._sessions,
            job.item_id,
            attempt_id,
            now,
            ReplyState.UNKNOWN,
            f"cmplanner stopped while sending this reply and {label} cannot tell whether it "
            "arrived: look at the conversation on the network; send it again only if it is "
            "not there.",
            result=AttemptResult.UNKNOWN,
        )


attempts = records.attempts
next_wake = records.next_wake
outcomes = records.outcomes
__all__ = ["FAILED_STATES", "WAITING", "ReplyOutcome", "ReplyState", "queue", "send_due"]
