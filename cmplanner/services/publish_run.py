"""One ``publish_due`` run: reconcile, find what is due, claim, send, record.

See ``cmplanner.services.publisher`` for the rules; this module holds the steps.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from cmplanner.domain.enums import AccountStatus, AttemptResult, Network, TargetState
from cmplanner.services import publish_claims as claims
from cmplanner.services import publish_outgoing as outgoing
from cmplanner.services import publish_records as records
from cmplanner.services.connectivity import server_url
from cmplanner.services.notifier import Topic

if TYPE_CHECKING:
    from cmplanner.networks.errors import RateLimited
    from cmplanner.networks.publishing import AccountRef, PublishClient, Published
    from cmplanner.services.publish_outgoing import Job
    from cmplanner.services.publisher import Publisher

log = logging.getLogger(__name__)

#: Networks where a resend with the stored keys collides instead of duplicating, and for
#: how long after the first request (None: for ever). Mastodon keeps Idempotency-Keys an hour.
RESEND_COLLIDES: dict[Network, timedelta | None] = {
    Network.BLUESKY: None,
    Network.MASTODON: timedelta(hours=1),
}
DEFAULT_RATE_LIMIT_WAIT = timedelta(minutes=1)


def rate_limit_until(exc: RateLimited, now: datetime) -> datetime:
    """When the network lets the account send again: its reset time, its Retry-After, or
    a minute when it said neither."""
    if exc.reset_at is not None:
        return exc.reset_at
    wait = (
        timedelta(seconds=exc.retry_after_s)
        if exc.retry_after_s is not None
        else DEFAULT_RATE_LIMIT_WAIT
    )
    return now + wait


class RunSessions:
    """The workspace's sessions (same class, same event hooks), all on one connection
    that the run checks out once, and the outcome that waits for the next transaction.

    A run makes short transactions around every request; checking a pooled connection
    out and back in for each (and the pool's rollback on return) cost more than SQLite's
    own work. Between transactions the connection is idle: no transaction, so no lock and
    no snapshot is held while a request is out. The connection is taken at the first
    use, so a run with nothing to do never leaves the pool.

    ``defer(write)``: a published outcome is written at the start of the next target's
    ``sending`` transaction instead of in one of its own: about one commit per post
    instead of two. Nothing goes out on the network in between (any other transaction,
    a new client and the end of the run write it first), so
    a crash there leaves what a crash just after the answer leaves: a ``sending`` attempt
    that reconciliation looks up on the network.
    """

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions
        self._conn: Connection | None = None
        self._deferred: list[Callable[[Session], None]] = []

    def _bind(self) -> Connection:
        if self._conn is None or self._conn.closed or self._conn.invalidated:
            self.close()  # a connection the database dropped: take a fresh one
            bind = self._sessions.kw.get("bind")
            assert isinstance(bind, Engine)
            self._conn = bind.connect()
        return self._conn

    def __call__(self) -> Session:
        return self._sessions(bind=self._bind())

    @contextmanager
    def begin(self, *, after_deferred: bool = False) -> Iterator[Session]:
        """A transaction. What waits is written first: at the start of this transaction
        with ``after_deferred`` (for a ``sending`` attempt, which locks no existing row),
        else in a transaction of its own, so that a transaction never holds a row lock
        of the previous target's post while it asks for others (PostgreSQL: two
        publishers sharing posts could wait on each other in a circle)."""
        if self._deferred and not after_deferred:
            self.flush()
        with self() as s, s.begin():
            deferred, self._deferred = self._deferred, []
            for write in deferred:
                write(s)
            yield s

    def defer(self, write: Callable[[Session], None]) -> None:
        self._deferred.append(write)

    def flush(self) -> None:
        """Write what waits now, in a transaction of its own."""
        if self._deferred:
            with self.begin(after_deferred=True):
                pass

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


class PublishRun:
    """One ``publish_due`` call: its clients, its tally, the accounts it stopped."""

    def __init__(self, publisher: Publisher) -> None:
        self.p = publisher
        self.sessions = RunSessions(publisher._sessions)
        self.tally = records.Tally()
        self.clients: dict[int, PublishClient] = {}
        #: Accounts that stopped in this run (rate limit, auth): their next jobs wait.
        self.blocked: dict[int, TargetState] = {}

    def close(self) -> None:
        try:
            self.sessions.flush()
        except Exception:  # the target stays claimed, its attempt open: reconciled next run
            log.exception("could not record the last outcome of the run")
        self.clients.clear()
        self.sessions.close()
        if self.tally.changed_posts:
            self.p._notifier.changed(Topic.POSTS, sorted(self.tally.changed_posts))

    def client(self, account: AccountRef) -> PublishClient:
        if account.id not in self.clients:
            self.sessions.flush()  # outcomes are written before anything else happens
            self.clients[account.id] = self.p.make_client(account)
        return self.clients[account.id]

    # -- 1. crash recovery

    def reconcile(self) -> None:
        p = self.p
        now = p.now()
        with self.sessions() as s:
            stale = claims.stale_claims(s, now, p.lease, p.worker_id, starting=p._starting)
        p._starting = False
        for target_id, old in stale:
            with self.sessions.begin() as s:
                if not claims.take_over(s, target_id, old, p.worker_id, now):
                    continue
                job = p.load_job(s, target_id)
                open_attempt = records.open_attempt(s, target_id)
            log.warning("reconciling target %s left claimed by %s", target_id, old or "nobody")
            self._reconcile_one(job, open_attempt)

    def _reconcile_one(self, job: Job, attempt: records.OpenAttempt | None) -> None:
        p = self.p
        now = p.now()
        if attempt is None:  # claimed, but no request was started: nothing can be out there
            records.release(self.sessions, job.target_id)
            self.tally.touch(job.post_id)
            return
        label = job.account.network.label
        if attempt.result == AttemptResult.HANDING_OFF.value:
            records.finish_unknown(
                self.sessions,
                job,
                attempt.id,
                now,
                f"cmplanner stopped while handing this post to {label}'s scheduler: check the "
                "account's scheduled posts, then mark it as published or retry.",
            )
            self.tally.count(TargetState.UNKNOWN, job.post_id)
            return
        cannot_tell = False
        try:
            found = self.client(job.account).find_existing(job.outgoing)
        except NotImplementedError:
            found, cannot_tell = None, True
        except records.NoSecret as exc:
            self._park(job, attempt.id, str(exc), None)
            return
        except Exception as exc:  # offline, rate-limited...: look again at the next run
            log.info("cannot reconcile target %s yet: %s", job.target_id, records.safe_message(exc))
            records.retry_reconcile_later(self.sessions, job.target_id, now - p.lease)
            return
        if found is not None:
            records.finish_published(
                self.sessions, job, attempt.id, found, now, AttemptResult.RECONCILED
            )
            self.tally.count(TargetState.PUBLISHED, job.post_id)
            return
        window = RESEND_COLLIDES.get(job.account.network, timedelta(0))
        safe = not cannot_tell and (window is None or now - attempt.started_utc < window)
        if safe:
            records.finish_interrupted(self.sessions, job, attempt.id, now)
            self.tally.touch(job.post_id)
            return
        records.finish_unknown(
            self.sessions,
            job,
            attempt.id,
            now,
            f"cmplanner stopped while sending this post and {label} cannot tell whether it "
            "arrived: check the account, then mark it as published or retry.",
        )
        self.tally.count(TargetState.UNKNOWN, job.post_id)

    # -- 2. due targets

    def publish(self, max_posts: int | None) -> None:
        p = self.p
        now = p.now()
        with self.sessions() as s:
            due = claims.due_targets(s, now)
        go: list[claims.Due] = []
        for d in due:
            if d.account_status != AccountStatus.CONNECTED.value:
                self._park_unclaimed(d)
                continue
            held = p._missed(d, now)
            if held == "skip":
                with self.sessions.begin() as s:
                    records.skip_post(s, d.post_id, now, "the brand skips missed posts")
                self.tally.count(TargetState.SKIPPED, d.post_id)
                continue
            if held == "ask":
                self.tally.waiting_decision += 1
                continue
            go.append(d)
        if max_posts is not None:
            keep = list(dict.fromkeys(d.post_id for d in go))[:max_posts]
            go = [d for d in go if d.post_id in set(keep)]
        if not go:
            p.offline = False if not due else p.offline
            return
        urls = sorted({server_url(Network(d.network), d.server) for d in go})
        if not p.online(urls):
            p.offline = True
            self.tally.waiting_offline = len(go)
            self.tally.offline_posts.update(d.post_id for d in go)
            return
        p.offline = False
        for i in range(0, len(go), p._batch):
            for job in self._claim(go[i : i + p._batch]):
                self._send(job)
        self.sessions.flush()

    def _park_unclaimed(self, d: claims.Due) -> None:
        if d.state == TargetState.NEEDS_RECONNECT.value:
            return
        message = (
            "This account is not connected: connect it in Accounts, then the post goes out."
            if d.account_status == AccountStatus.NOT_CONNECTED.value
            else "This account needs reconnecting: reconnect it in Accounts, "
            "then the post goes out."
        )
        with self.sessions.begin() as s:
            if claims.set_unclaimed(
                s, d.target_id, TargetState.NEEDS_RECONNECT, last_error=message
            ):
                records.update_post_state(s, d.post_id)
                self.tally.count(TargetState.NEEDS_RECONNECT, d.post_id)

    def _claim(self, batch: list[claims.Due]) -> list[Job]:
        p = self.p
        now = p.now()
        jobs: list[Job] = []
        with self.sessions.begin() as s:
            taken = claims.claim_many(s, [d.target_id for d in batch], p.worker_id, now)
            won = [d for d in batch if d.target_id in taken]
            if not won:
                return jobs
            retried = {d.target_id for d in won if d.state == "retry"}
            loaded = outgoing.load_jobs(
                s, [d.target_id for d in won], p._media_root, after_transient=retried
            )
            for job in loaded:
                if job.problem:
                    records.fail_checked(s, job, now)
                    self.tally.count(TargetState.FAILED, job.post_id)
                else:
                    jobs.append(job)
                self.tally.touch(job.post_id)
            records.update_post_states(s, {d.post_id for d in won})
        return jobs

    # -- 3. sending

    def _send(self, job: Job) -> None:
        p = self.p
        stopped = self.blocked.get(job.account.id)
        if stopped is not None:
            records.hold(self.sessions, job, stopped)
            self.tally.count(stopped, job.post_id)
            return
        try:
            client = self.client(job.account)
        except records.NoSecret as exc:
            self._park(job, None, str(exc), None)
            return
        except records.StopRun:
            records.release(self.sessions, job.target_id)
            raise
        except Exception as exc:  # e.g. this network's client is missing from the install
            log.exception("cannot make a client for account %s", job.account.id)
            records.fail(
                self.sessions,
                job,
                None,
                p.now(),
                f"cmplanner cannot publish here: {records.safe_message(exc)}",
                exc,
            )
            self.tally.count(TargetState.FAILED, job.post_id)
            return
        # committed before the request, with the previous target's outcome if it waits
        with self.sessions.begin(after_deferred=True) as s:
            attempt_id = records.add_attempt(s, job.target_id, p.now())
        try:
            published = self._publish(client, job)
        except Exception as exc:
            self._failed(job, attempt_id, exc)
            return
        self.sessions.defer(
            partial(
                records.record_published,
                job=job,
                attempt_id=attempt_id,
                published=published,
                now=p.now(),
                result=AttemptResult.PUBLISHED,
            )
        )
        self.tally.count(TargetState.PUBLISHED, job.post_id)

    def _publish(self, client: PublishClient, job: Job) -> Published:
        from cmplanner.networks.errors import AlreadyExists
        from cmplanner.networks.publishing import Published

        if job.after_transient:  # the last try may have gone through before it failed
            try:
                found = client.find_existing(job.outgoing)
            except Exception:  # cannot tell (or cannot look now): the send decides
                found = None
            if found is not None:
                return found
        try:
            return client.publish(job.outgoing)
        except AlreadyExists as exc:
            try:
                found = client.find_existing(job.outgoing)
            except Exception:
                found = None
            return found or Published(remote_id=exc.uri, remote_url="")

    def _failed(self, job: Job, attempt_id: int, exc: Exception) -> None:
        from cmplanner.networks import errors as net

        p = self.p
        now = p.now()
        label = job.account.network.label
        if isinstance(exc, net.RateLimited):
            until = rate_limit_until(exc, now)
            records.rate_limited(self.sessions, job, attempt_id, now, until, exc)
            self.blocked[job.account.id] = TargetState.RETRY
            self.tally.count(TargetState.RETRY, job.post_id, rate_limited=True)
            p._notifier.changed(Topic.ACCOUNTS, (job.account.id,))
        elif isinstance(exc, (net.AuthExpired, net.AuthFailed)):
            self._park(job, attempt_id, f"{label} refused the login ({exc.message})", exc)
        elif isinstance(exc, net.Rejected):
            records.fail(
                self.sessions, job, attempt_id, now, f"{label} refused it: {exc.reason}", exc
            )
            self.tally.count(TargetState.FAILED, job.post_id)
        elif isinstance(exc, net.Transient):
            state = records.transient(self.sessions, job, attempt_id, now, exc, p)
            self.tally.count(state, job.post_id)
        elif isinstance(exc, OSError):  # the attachment vanished from the media folder
            records.fail(
                self.sessions,
                job,
                attempt_id,
                now,
                f"Cannot read an attachment: {records.safe_message(exc)}",
                exc,
            )
            self.tally.count(TargetState.FAILED, job.post_id)
        else:
            if not isinstance(exc, net.NetworkError):
                log.exception("publishing target %s failed unexpectedly", job.target_id)
            records.fail(
                self.sessions,
                job,
                attempt_id,
                now,
                f"Not published: {records.safe_message(exc)}",
                exc,
            )
            self.tally.count(TargetState.FAILED, job.post_id)

    def _park(self, job: Job, attempt_id: int | None, why: str, exc: Exception | None) -> None:
        """The account cannot publish until the user reconnects it."""
        p = self.p
        message = f"{why}: reconnect the account in Accounts; the post goes out once it is."
        records.needs_reconnect(self.sessions, job, attempt_id, p.now(), message, exc)
        self.blocked[job.account.id] = TargetState.NEEDS_RECONNECT
        self.tally.count(TargetState.NEEDS_RECONNECT, job.post_id)
        p._notifier.changed(Topic.ACCOUNTS, (job.account.id,))
