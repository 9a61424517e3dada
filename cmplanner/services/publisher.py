"""The publisher: publish what is due, exactly once, and say what happened to each target.

One run (``publish_due``), used the same way by the window's worker thread and by
``cmplanner publish-due``:

1. Reconcile claims left behind by a crash (``publish_claims.stale_claims``): a target
   whose request never started goes back to pending; one that was in flight is looked up
   on the network (``find_existing``): found → published; surely absent → pending, but
   only where a resend collides (Bluesky's record keys, Mastodon's Idempotency-Key within
   its hour); otherwise "unknown — check" for the user. Never a blind resend.
2. Find due targets; park those whose account needs reconnecting; apply the brand's
   missed-slot policy; if the servers cannot be reached, claim nothing ("will publish when
   online").
3. Claim each target atomically, check it (a post with errors is not sent), store its
   record keys and idempotency key, write a ``sending`` attempt, then call the client.
4. Record the outcome on the target, the attempt, the account and the post (published,
   partly published, failed) and tell the notifier.
5. Send the inbox's waiting replies the same way (``publish_replies``: claim, key stored
   before the request, backoff, rate limits, reconnect, every attempt in the log).

Faults: ``Transient`` → retry with exponential backoff and jitter, at most ``max_tries``
times, then failed with the last message; ``RateLimited`` → the account waits until its
reset (its other targets too), other accounts go on; ``AuthExpired``/``AuthFailed`` → the
account needs reconnecting and its targets are parked (they resume once it is connected
again); ``Rejected`` → failed with the network's own message; ``AlreadyExists`` → published.
One target failing never stops the others.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable, Collection, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select, update
from sqlalchemy.orm import Session, joinedload, sessionmaker

from cmplanner.domain.clock import Clock
from cmplanner.domain.enums import TargetState
from cmplanner.domain.errors import KnownError
from cmplanner.domain.publishing import (
    Attempt,
    MissedPost,
    RunSummary,
    TargetResult,
)
from cmplanner.services import publish_claims as claims
from cmplanner.services import publish_reads as reads
from cmplanner.services import publish_records as records
from cmplanner.services import publish_replies as replies
from cmplanner.services.connectivity import ConnectivityProbe, OnlineCheck
from cmplanner.services.credentials import CredentialStore
from cmplanner.services.notifier import ChangeNotifier, Topic
from cmplanner.services.publish_run import PublishRun
from cmplanner.storage.tables import PostMediaRow, PostRecord, PostTargetRow

if TYPE_CHECKING:
    import requests

    from cmplanner.networks.publishing import (
        AccountRef,
        ClientFactory,
        PublishClient,
    )
    from cmplanner.services.publish_handoff import HandOffReport
    from cmplanner.services.publish_outgoing import Job

log = logging.getLogger(__name__)

#: A post late by no more than this is simply on time (a cron run every few minutes).
MISSED_GRACE = timedelta(minutes=15)


class Publisher:
    """Publishes due posts; safe to run in several threads or processes on one database.

    Args:
        sessions: the workspace's session factory (each call opens its own sessions).
        notifier: told about changed posts and accounts.
        clock: "now".
        credentials: the credential store; refreshed secrets are written back at once.
        worker_id: names this publisher's claims (default ``host:pid``).
        is_online: ``(server URLs) -> bool``; default a TCP probe (``ConnectivityProbe``).
        client_for: builds a network client (default ``networks.publishing.make_client``).
        lease: a claim older than this is taken as abandoned.
        media_root: the media folder (attachments are stored relative to it).
    """

    def __init__(
        self,
        sessions: sessionmaker[Session],
        notifier: ChangeNotifier,
        clock: Clock,
        credentials: CredentialStore,
        *,
        worker_id: str | None = None,
        is_online: OnlineCheck | None = None,
        client_for: ClientFactory | None = None,
        lease: timedelta = timedelta(minutes=10),
        media_root: Path | None = None,
        max_tries: int = 5,
        backoff_base: timedelta = timedelta(seconds=30),
        backoff_cap: timedelta = timedelta(minutes=30),
        rng: random.Random | None = None,
        batch: int = 5,
    ) -> None:
        self._sessions = sessions
        self._notifier = notifier
        self._clock = clock
        self._credentials = credentials
        self.worker_id = worker_id or claims.default_worker_id()
        self._is_online = is_online or ConnectivityProbe()
        self._client_for = client_for
        self.lease = lease
        self._media_root = media_root or Path()
        self.max_tries = max_tries
        self._backoff_base = backoff_base
        self._backoff_cap = backoff_cap
        self._rng = rng or random.Random()
        self._batch = max(1, batch)
        self._starting = True
        self._http: requests.Session | None = None
        self._lock = threading.Lock()
        self.offline = False
        #: The replies the last run touched, as they stand now.
        self.last_replies: list[replies.ReplyOutcome] = []

    # ---- one run ---------------------------------------------------------------------

    def publish_due(self, max_posts: int | None = None) -> RunSummary:
        """Publish what is due now; returns what happened. Blocking (network I/O)."""
        with self._lock:
            run = PublishRun(self)
            self.last_replies = []
            try:
                run.reconcile()
                run.publish(max_posts)
                self.last_replies = replies.send_due(self, run)
            except records.StopRun as exc:
                run.tally.problem = str(exc)
            finally:
                run.close()
            summary = run.tally.summary(self.offline)
        if summary.changed_post_ids:
            log.info("publish run: %s", summary)
        return summary

    def send_replies(self, item_ids: Sequence[int] | None = None) -> list[replies.ReplyOutcome]:
        """Send the inbox's due replies (or just ``item_ids``) now. Blocking (network I/O)."""
        with self._lock:
            run = PublishRun(self)
            try:
                return replies.send_due(self, run, item_ids)
            finally:
                run.close()

    # ---- native hand-off -------------------------------------------------------------

    def hand_off(self, post_id: int) -> HandOffReport:
        """Send the post to the networks' own schedulers where they have one. Blocking."""
        from cmplanner.services.publish_handoff import hand_off

        with self._lock:
            return hand_off(self, post_id)

    def sync_handoffs(self) -> int:
        """Update or cancel server-side copies of moved, edited or unscheduled posts."""
        from cmplanner.services.publish_handoff import sync_handoffs

        with self._lock:
            return sync_handoffs(self)

    # ---- reading ---------------------------------------------------------------------

    def targets(self, post_id: int) -> list[TargetResult]:
        """Each target of the post with its state, remote URL and last error."""
        with self._sessions() as s:
            return reads.target_results(s, [post_id], offline=self.offline)

    def targets_of(self, post_ids: Sequence[int]) -> list[TargetResult]:
        with self._sessions() as s:
            return reads.target_results(s, post_ids, offline=self.offline)

    def attempts(self, post_id: int | None = None, limit: int = 200) -> list[Attempt]:
        """The publish log, newest first (the inbox replies' attempts too, unless the log
        of one post is asked for)."""
        with self._sessions() as s:
            found = reads.attempts(s, post_id, limit)
            if post_id is None:
                found += replies.attempts(s, limit)
                found.sort(key=lambda a: (a.started_utc, a.id), reverse=True)
                del found[limit:]
            return found

    def next_wake_utc(self) -> datetime | None:
        """When something next becomes due (a post's time, a retry, a rate-limit end)."""
        with self._sessions() as s:
            found = [
                reads.next_wake(s, self._clock.now(), self.lease),
                replies.next_wake(s, self.lease),
            ]
        return min((w for w in found if w is not None), default=None)

    def missed_waiting(self) -> list[MissedPost]:
        """Posts whose slot passed unattended and that wait for the user's decision."""
        now = self._clock.now()
        with self._sessions() as s:
            due = claims.due_targets(s, now)
        out: dict[int, MissedPost] = {}
        for d in due:
            if self._missed(d, now) is not None and d.post_id not in out:
                late = int((now - d.scheduled_utc).total_seconds() // 60)
                out[d.post_id] = MissedPost(d.post_id, d.brand_id, d.scheduled_utc, late)
        return list(out.values())

    # ---- the user's decisions --------------------------------------------------------

    def decide_missed(self, post_id: int, publish: bool) -> None:
        """Publish a missed post now anyway, or skip it (back to ready, with a note)."""
        with self._sessions.begin() as s:
            if publish:
                s.execute(
                    update(PostTargetRow)
                    .where(
                        PostTargetRow.post_id == post_id,
                        PostTargetRow.state == TargetState.PENDING.value,
                    )
                    .values(publish_late=True)
                )
            else:
                records.skip_post(s, post_id, self._clock.now(), "you chose to skip it")
        self._notifier.changed(Topic.POSTS, (post_id,))

    def retry(self, target_id: int) -> TargetResult:
        """Send a failed, unknown or parked target again, now."""
        post_id = records.retry_target(self._sessions, target_id)
        self._notifier.changed(Topic.POSTS, (post_id,))
        return self._result(target_id)

    def resolve_unknown(
        self, target_id: int, published: bool, remote_url: str = ""
    ) -> TargetResult:
        """The user checked an "unknown" target: it is there (published) or it is not (failed)."""
        post_id = records.resolve_unknown(
            self._sessions, target_id, published, remote_url, self._clock.now()
        )
        self._notifier.changed(Topic.POSTS, (post_id,))
        return self._result(target_id)

    def _result(self, target_id: int) -> TargetResult:
        with self._sessions() as s:
            return reads.target_result(s, target_id, offline=self.offline)

    # ---- helpers shared with the run and the hand-off --------------------------------

    def now(self) -> datetime:
        return self._clock.now()

    def _missed(self, d: claims.Due, now: datetime) -> str | None:
        """The policy that holds this target back, or None when it may go now."""
        if d.state != TargetState.PENDING.value or d.publish_late or d.tried:
            return None
        late = now - d.scheduled_utc
        if late <= MISSED_GRACE:
            return None
        policy = d.policy if d.policy in ("ask", "late", "skip") else "ask"
        if policy == "late" and late <= timedelta(minutes=max(d.missed_minutes, 0)):
            return None
        return "skip" if policy == "skip" else "ask"

    def backoff(self, tries: int) -> timedelta:
        """Exponential, capped, with ±50 % jitter so many clients do not retry in step."""
        base = self._backoff_base * (1 << max(tries - 1, 0))
        capped = min(base, self._backoff_cap)
        return capped * (0.5 + self._rng.random())

    def http(self) -> requests.Session:
        if self._http is None:
            from cmplanner.networks.http import make_session

            self._http = make_session()
        return self._http

    def make_client(self, account: AccountRef) -> PublishClient:
        """The account's client with its secret; refreshed secrets go back to the store."""
        try:
            secret = self._credentials.get(account.id)
        except KnownError as exc:
            raise records.StopRun(str(exc)) from None
        if not secret:
            raise records.NoSecret(
                f"No credentials are stored for {account.network.label} account "
                f"{account.handle}: reconnect the account."
            )
        factory = self._client_for
        if factory is None:
            from cmplanner.networks.publishing import make_client

            factory = make_client

        def write_back(new: dict[str, str], account_id: int = account.id) -> None:
            self._credentials.set(account_id, new)

        return factory(account, secret, on_secret_change=write_back, http=self.http())

    def online(self, urls: Sequence[str]) -> bool:
        try:
            return bool(self._is_online(list(urls)))
        except Exception:  # a probe that breaks must not stop publishing
            log.exception("connectivity probe failed")
            return True

    def load_job(
        self, s: Session, target_id: int, *, after_transient: bool = False, handoff: bool = False
    ) -> Job:
        [job] = self.load_jobs(
            s, [target_id], after_transient={target_id} if after_transient else (), handoff=handoff
        )
        return job

    def load_jobs(
        self,
        s: Session,
        target_ids: Sequence[int],
        *,
        after_transient: Collection[int] = (),
        handoff: bool = False,
    ) -> list[Job]:
        """The jobs of several claimed targets, read in one go (four queries in all)."""
        from cmplanner.services.publish_outgoing import build_job

        targets = {
            t.id: t
            for t in s.scalars(
                select(PostTargetRow)
                .where(PostTargetRow.id.in_(list(target_ids)))
                .options(
                    joinedload(PostTargetRow.account),
                    joinedload(PostTargetRow.post)
                    .selectinload(PostRecord.media_links)
                    .selectinload(PostMediaRow.media),
                )
            ).unique()
        }
        jobs = []
        for target_id in target_ids:
            target = targets[target_id]
            post = target.post
            jobs.append(
                build_job(
                    target,
                    post,
                    target.account,
                    self._media_root,
                    scheduled_utc=records.aware(post.scheduled_utc) if handoff else None,
                    after_transient=target_id in after_transient,
                )
            )
        return jobs


def publisher_for(
    ws: object,
    *,
    worker_id: str | None = None,
    is_online: OnlineCheck | None = None,
    client_for: Callable[..., PublishClient] | None = None,
) -> Publisher:
    """A publisher over a ``Workspace`` (the window's worker and the command line)."""
    from cmplanner.services.workspace import Workspace

    assert isinstance(ws, Workspace)
    return Publisher(
        ws.sessions,
        ws.notifier,
        ws.clock,
        ws.credentials,
        worker_id=worker_id,
        is_online=is_online,
        client_for=client_for,
        media_root=ws.media.root,
    )
