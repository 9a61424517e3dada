"""The metrics sync: fetch every published post's counts and each account's followers, and
keep each fetch as a timestamped snapshot (``MetricsService``).

Blocking: the window runs it on the task runner (``ui/metrics_sync.py``), the command line
directly (``cmplanner metrics sync``).

- **Incremental.** A post is measured again when its newest snapshot is older than its
  interval, which grows with the post's age (``interval_for``): hourly for its first 2
  days, daily until 30 days, weekly after. Followers: every ``FOLLOWERS_EVERY``.
  ``force=True`` measures everything now.
- **Batched.** Each account's due posts go to its reader in the network's batch size
  (Bluesky 25 a call, X 100, Facebook 50, one elsewhere).
- **Resumable.** What is due is worked out from the snapshots themselves, and each batch is
  stored in its own transaction as soon as it arrives: a crash (or ``should_stop``) loses
  nothing fetched, and the next run repeats at most the batch in flight.
- **Rate limits.** An account whose ``rate_limited_until_utc`` is still ahead is skipped;
  a ``RateLimited`` answer stops that account, writes the instant to the account (the
  publisher honours it too) and the others go on. The skipped posts stay due.
- **Failures** of one account (expired sign-in, server down, a permission the network
  withholds) never stop the others: the report says what failed, in words for the user.
- **Progress**: ``progress(SyncProgress)`` after every batch.

Nothing here parks an account or changes its status: the publisher and the accounts view
own that. Secrets come from the credential store and refreshed ones go straight back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from cmplanner.domain.clock import Clock
from cmplanner.domain.enums import AccountStatus, Network, TargetState
from cmplanner.domain.errors import KnownError
from cmplanner.domain.timezones import as_aware
from cmplanner.services.credentials import CredentialStore
from cmplanner.services.metrics import Counts, MetricsService
from cmplanner.services.notifier import ChangeNotifier, Topic
from cmplanner.storage.tables import (
    AccountRow,
    AccountSnapshotRow,
    MetricSnapshotRow,
    PostRecord,
    PostTargetRow,
)

if TYPE_CHECKING:
    import requests

    from cmplanner.networks.metrics_base import MetricsReader
    from cmplanner.networks.publishing import AccountRef

log = logging.getLogger(__name__)

HOURLY_UNTIL = timedelta(days=2)
DAILY_UNTIL = timedelta(days=30)
FOLLOWERS_EVERY = timedelta(hours=6)
#: When a network says "too many requests" without saying until when.
DEFAULT_RATE_LIMIT_WAIT = timedelta(minutes=15)
_SKIPPED_STATUSES = (AccountStatus.DISABLED.value, AccountStatus.NOT_CONNECTED.value)
_NETWORKS = {n.value: n for n in Network}

ReaderFor = Callable[..., "MetricsReader"]


def interval_for(age: timedelta) -> timedelta:
    """How long a post's counts stay fresh, by the post's age."""
    if age < HOURLY_UNTIL:
        return timedelta(hours=1)
    if age < DAILY_UNTIL:
        return timedelta(days=1)
    return timedelta(weeks=1)


def is_due(published: datetime | None, last_taken: datetime | None, now: datetime) -> bool:
    if last_taken is None:
        return True
    age = now - published if published is not None else timedelta(0)
    return now - last_taken >= interval_for(age)


def next_due(published: datetime | None, last_taken: datetime, now: datetime) -> datetime:
    age = now - published if published is not None else timedelta(0)
    return last_taken + interval_for(age)


@dataclass(frozen=True)
class SyncProgress:
    """``done`` of ``total`` requests' worth of work; ``message`` says what is being read."""

    done: int
    total: int
    message: str


@dataclass(frozen=True)
class AccountMetrics:
    """What the sync did for one account."""

    account_id: int
    network: Network
    handle: str
    due: int = 0
    measured: int = 0
    followers: int | None = None
    gone: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    #: Why the account stopped (sign-in, rate limit, unreachable): a sentence, or "".
    error: str = ""
    waits_until: datetime | None = None


@dataclass(frozen=True)
class MetricsSyncReport:
    accounts: tuple[AccountMetrics, ...] = ()
    #: Published posts whose counts were still fresh (not fetched).
    fresh: int = 0
    stopped: bool = False
    #: When the next post or follower count falls due (None: nothing published yet).
    next_due_utc: datetime | None = None

    @property
    def measured(self) -> int:
        return sum(a.measured for a in self.accounts)

    @property
    def due(self) -> int:
        return sum(a.due for a in self.accounts)

    @property
    def failed(self) -> tuple[AccountMetrics, ...]:
        return tuple(a for a in self.accounts if a.error)

    def as_json(self) -> dict[str, Any]:
        return {
            "measured": self.measured,
            "due": self.due,
            "fresh": self.fresh,
            "stopped": self.stopped,
            "next_due_utc": self.next_due_utc.isoformat() if self.next_due_utc else None,
            "accounts": [
                {
                    "account_id": a.account_id,
                    "network": a.network.value,
                    "handle": a.handle,
                    "due": a.due,
                    "measured": a.measured,
                    "followers": a.followers,
                    "gone": list(a.gone),
                    "problems": list(a.problems),
                    "error": a.error,
                    "waits_until_utc": a.waits_until.isoformat() if a.waits_until else None,
                }
                for a in self.accounts
            ],
        }


@dataclass
class _Plan:
    """One account's due work."""

    account_id: int
    network: Network
    handle: str
    status: str
    limited_until: datetime | None
    targets: list[tuple[int, str]] = field(default_factory=list)  # (target id, remote id)
    followers_due: bool = False

    @property
    def units(self) -> int:
        return len(self.targets) + (1 if self.followers_due else 0)


def _lazy_reader(account: AccountRef, secret: Mapping[str, str], **kwargs: Any) -> MetricsReader:
    from cmplanner.networks.metrics_base import make_metrics_reader

    return make_metrics_reader(account, secret, **kwargs)


class MetricsSync:
    """Args:
    sessions, clock: the workspace's. metrics: where snapshots go.
    credentials: the credential store (refreshed tokens are written back at once).
    notifier: told when an account's rate limit changes (the accounts view shows it).
    reader_for: builds an account's metrics reader (default ``make_metrics_reader``).
    """

    def __init__(
        self,
        sessions: sessionmaker[Session],
        metrics: MetricsService,
        clock: Clock,
        credentials: CredentialStore,
        *,
        notifier: ChangeNotifier | None = None,
        reader_for: ReaderFor | None = None,
        http: requests.Session | None = None,
    ) -> None:
        self._sessions = sessions
        self._metrics = metrics
        self._clock = clock
        self._credentials = credentials
        self._notifier = notifier
        self._reader_for = reader_for or _lazy_reader
        self._http = http

    # ---- planning -------------------------------------------------------------------------

    def plan(
        self, *, force: bool = False, brand_id: int | None = None
    ) -> tuple[list[_Plan], int, datetime | None]:
        """(each account's due work, how many posts are still fresh, the next due instant)."""
        now = self._clock.now()
        last = (
            select(MetricSnapshotRow.target_id, func.max(MetricSnapshotRow.taken_utc).label("t"))
            .where(MetricSnapshotRow.target_id.is_not(None))
            .group_by(MetricSnapshotRow.target_id)
            .subquery()
        )
        q = (
            select(
                AccountRow.id,
                AccountRow.network,
                AccountRow.handle,
                AccountRow.status,
                AccountRow.rate_limited_until_utc,
                PostTargetRow.id,
                PostTargetRow.remote_id,
                PostRecord.scheduled_utc,
                last.c.t,
            )
            .join(PostTargetRow, PostTargetRow.account_id == AccountRow.id)
            .join(PostRecord, PostRecord.id == PostTargetRow.post_id)
            .outerjoin(last, last.c.target_id == PostTargetRow.id)
            .where(
                PostTargetRow.state == TargetState.PUBLISHED.value,
                PostTargetRow.remote_id != "",
                AccountRow.status.not_in(_SKIPPED_STATUSES),
            )
            .order_by(AccountRow.id, last.c.t.is_not(None), last.c.t, PostTargetRow.id)
        )
        if brand_id is not None:
            q = q.where(AccountRow.brand_id == brand_id)
        plans: dict[int, _Plan] = {}
        fresh = 0
        soonest: datetime | None = None
        with self._sessions() as s:
            for acc_id, net, handle, status, limited, tid, rid, published, taken in s.execute(q):
                if net not in _NETWORKS:
                    continue
                plan = plans.get(acc_id) or plans.setdefault(
                    acc_id, _Plan(acc_id, _NETWORKS[net], handle, status, _aware(limited))
                )
                pub, last_taken = _aware(published), _aware(taken)
                if force or is_due(pub, last_taken, now):
                    plan.targets.append((tid, rid))
                else:
                    fresh += 1
                    assert last_taken is not None
                    soonest = _earliest(soonest, next_due(pub, last_taken, now))
            self._plan_followers(s, plans, force, brand_id, now)
            for p in plans.values():
                if not p.followers_due:
                    when = self._followers_next(s, p.account_id)
                    soonest = _earliest(soonest, when)
        return [p for p in plans.values() if p.units], fresh, soonest

    def _plan_followers(
        self,
        s: Session,
        plans: dict[int, _Plan],
        force: bool,
        brand_id: int | None,
        now: datetime,
    ) -> None:
        last = func.max(AccountSnapshotRow.taken_utc)
        q = (
            select(
                AccountRow.id,
                AccountRow.network,
                AccountRow.handle,
                AccountRow.status,
                AccountRow.rate_limited_until_utc,
                select(last)
                .where(AccountSnapshotRow.account_id == AccountRow.id)
                .scalar_subquery(),
            )
            .where(AccountRow.status.not_in(_SKIPPED_STATUSES))
            .order_by(AccountRow.id)
        )
        if brand_id is not None:
            q = q.where(AccountRow.brand_id == brand_id)
        for acc_id, net, handle, status, limited, taken in s.execute(q):
            if net not in _NETWORKS:
                continue
            taken_at = _aware(taken)
            if force or taken_at is None or now - taken_at >= FOLLOWERS_EVERY:
                plan = plans.setdefault(
                    acc_id, _Plan(acc_id, _NETWORKS[net], handle, status, _aware(limited))
                )
                plan.followers_due = True

    def _followers_next(self, s: Session, account_id: int) -> datetime | None:
        taken = s.scalar(
            select(func.max(AccountSnapshotRow.taken_utc)).where(
                AccountSnapshotRow.account_id == account_id
            )
        )
        return as_aware(taken) + FOLLOWERS_EVERY if taken else None

    # ---- running --------------------------------------------------------------------------

    def run(
        self,
        *,
        force: bool = False,
        brand_id: int | None = None,
        progress: Callable[[SyncProgress], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> MetricsSyncReport:
        """Measure what is due; see the module's docstring."""
        plans, fresh, _ = self.plan(force=force, brand_id=brand_id)
        total = sum(p.units for p in plans)
        tracker = _Tracker(total, progress)
        results: list[AccountMetrics] = []
        stopped = False
        for plan in plans:
            if should_stop is not None and should_stop():
                stopped = True
                break
            result, stopped = self._run_account(plan, tracker, should_stop)
            results.append(result)
            if stopped:
                break
        # what falls due next, now that this run's snapshots are in
        _, _, soonest = self.plan(brand_id=brand_id)
        for result in results:
            soonest = _earliest(soonest, result.waits_until)
        report = MetricsSyncReport(tuple(results), fresh, stopped, soonest)
        log.info(
            "metrics sync: %d of %d due measured, %d fresh, %d accounts failed%s",
            report.measured,
            report.due,
            fresh,
            len(report.failed),
            " (stopped)" if stopped else "",
        )
        return report

    def _run_account(
        self,
        plan: _Plan,
        tracker: _Tracker,
        should_stop: Callable[[], bool] | None,
    ) -> tuple[AccountMetrics, bool]:
        from cmplanner.networks.errors import (
            AuthExpired,
            AuthFailed,
            NetworkError,
            RateLimited,
            Rejected,
        )
        from cmplanner.networks.metrics_base import NotMeasurable

        label = f"{plan.network.label} {plan.handle}"
        out = _Outcome(plan)
        now = self._clock.now()
        end = tracker.done + plan.units  # where progress stands after this account
        if plan.limited_until is not None and plan.limited_until > now:
            out.error = f"{label} asks to wait (rate limit): measured later."
            out.waits_until = plan.limited_until
            tracker.reach(end)
            return out.done(), False
        if plan.status == AccountStatus.NEEDS_RECONNECT.value:
            out.error = f"{label} needs reconnecting: File ▸ Accounts ▸ Reconnect."
            tracker.reach(end)
            return out.done(), False
        try:
            reader = self._reader(plan)
            if plan.followers_due:
                tracker.step(f"{label}: followers")
                try:
                    self._measure_followers(reader, plan, out)
                except NotMeasurable as exc:
                    out.problems.append(exc.message)
                tracker.advance(1)
            size = max(1, int(getattr(reader, "batch_size", 1)))
            for start in range(0, len(plan.targets), size):
                if should_stop is not None and should_stop():
                    return out.done(), True
                batch = plan.targets[start : start + size]
                tracker.step(f"{label}: posts {start + 1}–{start + len(batch)}")
                try:
                    self._measure_posts(reader, batch, out)
                except NotMeasurable as exc:
                    out.problems.append(exc.message)
                    break
                except Rejected as exc:  # this batch only
                    out.problems.append(f"{plan.network.label} refused to give counts: {exc}")
                tracker.advance(len(batch))
        except RateLimited as exc:
            until = self._limit_until(exc)
            self._store_rate_limit(plan.account_id, until)
            out.error = f"{label} asks to wait (rate limit): the rest is measured later."
            out.waits_until = until
        except (AuthExpired, AuthFailed) as exc:
            out.error = (
                f"{label} refused the login ({exc.message}): reconnect it in File ▸ Accounts."
            )
        except NetworkError as exc:
            out.error = f"{label} could not be read: {exc.message}. It is measured next time."
        except KnownError as exc:
            out.error = f"{label}: {exc}"
        tracker.reach(end)  # an account that stopped early waits: its share counts as done
        return out.done(), False

    def _reader(self, plan: _Plan) -> MetricsReader:
        from cmplanner.networks.metrics_base import NotMeasurable, reader_factory
        from cmplanner.networks.publishing import AccountRef

        with self._sessions() as s:
            row = s.get(AccountRow, plan.account_id)
            if row is None:
                raise _AccountGone(f"Account {plan.account_id} was removed.", "")
            ref = AccountRef(row.id, Network(row.network), row.handle, row.server, row.remote_id)
        try:
            reader_factory(ref.network)
        except KeyError:
            raise NotMeasurable(f"cmplanner cannot read {ref.network.label} counts yet") from None
        secret = self._credentials.get(plan.account_id)
        if not secret:
            raise _AccountGone(
                f"No credentials are stored for {ref.network.label} account {ref.handle}.",
                "Reconnect it in File ▸ Accounts (or: cmplanner accounts reconnect).",
            )
        account_id = plan.account_id

        def write_back(fields: dict[str, str]) -> None:
            self._credentials.set(account_id, fields)

        return self._reader_for(ref, secret, on_secret_change=write_back, http=self._session())

    def _session(self) -> requests.Session:
        if self._http is None:
            from cmplanner.networks.http import make_session

            self._http = make_session()
        return self._http

    def _measure_followers(self, reader: MetricsReader, plan: _Plan, out: _Outcome) -> None:
        counts = reader.account_counts()
        if counts.followers is None and counts.following is None and counts.posts is None:
            out.problems.append(f"{plan.network.label} gave no follower count.")
            return
        self._metrics.record_followers(
            plan.account_id,
            counts.followers,
            following=counts.following,
            posts=counts.posts,
            taken_utc=self._clock.now(),
        )
        out.followers = counts.followers

    def _measure_posts(
        self, reader: MetricsReader, batch: list[tuple[int, str]], out: _Outcome
    ) -> None:
        page = reader.post_counts([remote for _, remote in batch])
        taken = self._clock.now()
        rows = []
        for target_id, remote in batch:
            c = page.counts.get(remote)
            if c is not None:
                rows.append((target_id, Counts.of(**asdict(c)), taken))
        # one transaction per batch: what was fetched is kept, even if the next one fails
        self._metrics.record_many(posts=rows)
        out.measured += len(rows)
        out.gone.extend(page.gone)
        out.problems.extend(page.problems)

    def _limit_until(self, exc: Any) -> datetime:
        now = self._clock.now()
        if exc.reset_at is not None:
            at: datetime = exc.reset_at
            return at if at.tzinfo else at.replace(tzinfo=UTC)
        if exc.retry_after_s is not None:
            return now + timedelta(seconds=float(exc.retry_after_s))
        return now + DEFAULT_RATE_LIMIT_WAIT

    def _store_rate_limit(self, account_id: int, until: datetime) -> None:
        with self._sessions.begin() as s:
            row = s.get(AccountRow, account_id)
            if row is not None:
                row.rate_limited_until_utc = until.astimezone(UTC).replace(tzinfo=None)
        if self._notifier is not None:
            self._notifier.changed(Topic.ACCOUNTS, (account_id,))


class _AccountGone(KnownError):
    """The account or its credentials are missing."""


@dataclass
class _Outcome:
    plan: _Plan
    measured: int = 0
    followers: int | None = None
    gone: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    error: str = ""
    waits_until: datetime | None = None

    def done(self) -> AccountMetrics:
        p = self.plan
        return AccountMetrics(
            account_id=p.account_id,
            network=p.network,
            handle=p.handle,
            due=len(p.targets),
            measured=self.measured,
            followers=self.followers,
            gone=tuple(self.gone),
            problems=tuple(self.problems),
            error=self.error,
            waits_until=self.waits_until,
        )


class _Tracker:
    """Counts work done and tells the progress callback."""

    def __init__(self, total: int, callback: Callable[[SyncProgress], None] | None) -> None:
        self.total = total
        self.done = 0
        self._callback = callback
        self._message = ""

    def step(self, message: str) -> None:
        self._message = message
        self._tell()

    def advance(self, n: int) -> None:
        self.reach(self.done + n)

    def reach(self, done: int) -> None:
        if done != self.done:
            self.done = min(self.total, done)
            self._tell()

    def _tell(self) -> None:
        if self._callback is not None:
            self._callback(SyncProgress(self.done, self.total, self._message))


def _aware(value: datetime | None) -> datetime | None:
    return as_aware(value) if value is not None else None


def _earliest(a: datetime | None, b: datetime | None) -> datetime | None:
    if a is None:
        return b
    if b is None:
        return a
    return min(a, b)


def metrics_sync_for(ws: object, *, reader_for: ReaderFor | None = None) -> MetricsSync:
    """The sync over a ``Workspace`` (the window and the command line)."""
    from cmplanner.services.workspace import Workspace

    assert isinstance(ws, Workspace)
    return MetricsSync(
        ws.sessions,
        ws.metrics,
        ws.clock,
        ws.credentials,
        notifier=ws.notifier,
        reader_for=reader_for,
    )
