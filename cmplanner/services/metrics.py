"""Metrics kept locally: timestamped snapshots in, chart data out.

Every fetch or import is stored as a snapshot (``metric_snapshot`` per published post,
``account_snapshot`` per account), so the history survives metric deprecations, deleted
accounts and reconnections. Reading is one pass of indexed SQL per chart scope: the
published posts of the scope (``ix_post_brand_scheduled``) each with its latest snapshot
(``ix_metric_snapshot_target_taken``), the posts known only from imports
(``ix_external_post_brand_published``), and the follower snapshots
(``ix_account_snapshot_account_taken``). Bucketing by the brand's local day or week is
done in Python on those rows (SQL cannot convert to an IANA zone portably); the pure
series functions live in ``metrics_series.py``.

A count a network returns as negative or not a number is stored as missing (None):
nonsense never reaches a chart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, and_, case, delete, func, select, union_all
from sqlalchemy.orm import Session, aliased, sessionmaker

from cmplanner.domain.clock import Clock
from cmplanner.domain.enums import Network, PostState, TargetState
from cmplanner.domain.errors import InvalidInput, NotFound
from cmplanner.storage.tables import (
    AccountRow,
    AccountSnapshotRow,
    BrandRow,
    CadenceGoalRow,
    ExternalPostRow,
    MetricSnapshotRow,
    PostRecord,
    PostTargetRow,
)

#: The counts that make up "engagement" (views and reach are exposure, not engagement).
ENGAGEMENT_FIELDS = ("likes", "reposts", "replies", "quotes", "bookmarks")
COUNT_FIELDS = (*ENGAGEMENT_FIELDS, "views", "reach")
PUBLISHED_POST_STATES = (PostState.PUBLISHED.value, PostState.PARTLY_PUBLISHED.value)
#: Targets of a published post that did not go out.
NOT_OUT_TARGET_STATES = (TargetState.FAILED.value, TargetState.SKIPPED.value)
MAX_GOAL_PER_WEEK = 100
_NETWORKS = {n.value: n for n in Network}


def clean_count(value: object) -> int | None:
    """A count as stored and charted: a non-negative int, or None for missing/nonsense."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None
        value = int(value)
    if not isinstance(value, int) or value < 0:
        return None
    return value


class Counts(NamedTuple):
    """What a network (or an export) said about one post at one time.

    A named tuple, not a dataclass: a chart scope reads thousands of them at once.
    """

    likes: int | None = None
    reposts: int | None = None
    replies: int | None = None
    quotes: int | None = None
    bookmarks: int | None = None
    views: int | None = None
    reach: int | None = None

    @classmethod
    def of(cls, **values: object) -> Counts:
        """Counts from loose values: negatives and non-numbers become None."""
        return cls(**{k: clean_count(values.get(k)) for k in COUNT_FIELDS})

    @property
    def engagement(self) -> int:
        return (
            (self.likes or 0)
            + (self.reposts or 0)
            + (self.replies or 0)
            + (self.quotes or 0)
            + (self.bookmarks or 0)
        )

    @property
    def empty(self) -> bool:
        return self.count(None) == len(COUNT_FIELDS)


@dataclass(frozen=True)
class ChartScope:
    """What the charts look at. Empty sets mean "all"; ``end_utc`` is exclusive."""

    brand_ids: frozenset[int]
    start_utc: datetime
    end_utc: datetime
    networks: frozenset[Network] = frozenset()
    account_ids: frozenset[int] = frozenset()
    tags: frozenset[str] = frozenset()
    #: The zone days and weeks are counted in (the brand's, or the first brand's).
    timezone: str = "UTC"


class PostPerformance(NamedTuple):
    """One published post on one account, with its latest counts (as of the scope's end).

    A named tuple, not a dataclass: a chart scope reads thousands of them at once.
    """

    post_id: int | None  # None: known only from an imported export
    external_ref: str
    brand_id: int
    account_id: int | None
    network: Network
    published_utc: datetime
    timezone: str
    text: str
    remote_url: str
    counts: Counts
    measured_utc: datetime | None = None

    @property
    def engagement(self) -> int:
        return self.counts.engagement

    @property
    def head(self) -> str:
        flat = " ".join(self.text[:400].split())
        return flat if len(flat) <= 80 else flat[:79] + "…"


@dataclass(frozen=True)
class FollowerSeries:
    """Follower counts of one account over time (the baseline before the range included)."""

    account_id: int
    network: Network
    handle: str
    points: tuple[tuple[datetime, int], ...]
    #: The points' instants as POSIX seconds (worked out by the read, off the GUI thread,
    #: for the charts and the series' bisections); empty when not given.
    stamps: tuple[float, ...] = ()

    def timestamps(self) -> tuple[float, ...]:
        """``stamps``, or worked out now when the series was made without them."""
        if len(self.stamps) == len(self.points):
            return self.stamps
        return tuple(t.timestamp() for t, _n in self.points)


@dataclass(frozen=True)
class ChartData:
    """Everything the charts of one scope need: computed once, drawn many ways."""

    scope: ChartScope
    posts: tuple[PostPerformance, ...]
    followers: tuple[FollowerSeries, ...]
    goals: tuple[tuple[Network, int], ...] = ()
    brand_names: dict[int, str] = field(default_factory=dict)

    @property
    def goal_per_week(self) -> int:
        wanted = self.scope.networks
        return sum(n for net, n in self.goals if not wanted or net in wanted)


_EPOCH = datetime(1970, 1, 1)
_EPOCH_UTC = datetime(1970, 1, 1, tzinfo=UTC)


def _aware(naive_utc: datetime) -> datetime:
    """``as_aware`` for the thousands of instants of a chart read: the same instant in
    UTC by arithmetic, several times faster than ``replace(tzinfo=UTC)``."""
    return naive_utc if naive_utc.tzinfo else _EPOCH_UTC + (naive_utc - _EPOCH)


def _naive_utc(dt: datetime) -> datetime:
    return dt.astimezone(UTC).replace(tzinfo=None) if dt.tzinfo else dt


def _latest(owner: ColumnElement[bool], as_of: datetime) -> Any:
    """The id of the newest snapshot (as of ``as_of``) of the post ``owner`` picks: one
    index seek per post (``ix_metric_snapshot_*_taken``); of two at one instant, the later
    stored."""
    m = MetricSnapshotRow
    return (
        select(m.id)
        .where(owner, m.taken_utc <= as_of)
        .order_by(m.taken_utc.desc(), m.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def _clean_counts(ms: Any) -> list[Any]:
    """The count columns, a negative one read as missing (writes clean them already; this
    keeps a database written otherwise from reaching a chart)."""
    return [case((getattr(ms, f) >= 0, getattr(ms, f)), else_=None) for f in COUNT_FIELDS]


class MetricsService:
    """Stores snapshots and answers chart queries. Returns frozen dataclasses only."""

    def __init__(self, sessions: sessionmaker[Session], clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    # ---- writing ---------------------------------------------------------------------

    def record_post_metrics(
        self, target_id: int, counts: Counts, taken_utc: datetime | None = None
    ) -> None:
        """Store one snapshot of a published post's counts."""
        with self._sessions.begin() as s:
            if s.get(PostTargetRow, target_id) is None:
                raise NotFound(f"Post target {target_id} does not exist.", "It was deleted.")
            s.add(self._snapshot(counts, taken_utc, target_id=target_id))

    def record_followers(
        self,
        account_id: int,
        followers: object,
        *,
        following: object = None,
        posts: object = None,
        taken_utc: datetime | None = None,
    ) -> None:
        """Store one snapshot of an account's follower count."""
        with self._sessions.begin() as s:
            if s.get(AccountRow, account_id) is None:
                raise NotFound(f"Account {account_id} does not exist.", "It was deleted.")
            s.add(
                AccountSnapshotRow(
                    account_id=account_id,
                    taken_utc=_naive_utc(taken_utc or self._clock.now()),
                    followers=clean_count(followers),
                    following=clean_count(following),
                    posts=clean_count(posts),
                )
            )

    def record_many(
        self,
        posts: Iterable[tuple[int, Counts, datetime]] = (),
        followers: Iterable[tuple[int, int, datetime]] = (),
    ) -> None:
        """Many snapshots in one transaction: (target id, counts, taken) and
        (account id, followers, taken). For imports and the sample workspace."""
        with self._sessions.begin() as s:
            s.add_all(self._snapshot(c, t, target_id=target) for target, c, t in posts)
            s.add_all(
                AccountSnapshotRow(
                    account_id=account_id, taken_utc=_naive_utc(t), followers=clean_count(n)
                )
                for account_id, n, t in followers
            )

    def add_snapshots(
        self, s: Session, rows: Iterable[tuple[int | None, str, Counts]], taken_utc: datetime
    ) -> None:
        """Many post snapshots in the caller's transaction: (target id, external ref, counts)."""
        s.add_all(self._snapshot(c, taken_utc, target_id=t, external_ref=ref) for t, ref, c in rows)

    def _snapshot(
        self,
        counts: Counts,
        taken_utc: datetime | None,
        *,
        target_id: int | None = None,
        external_ref: str = "",
    ) -> MetricSnapshotRow:
        clean = Counts.of(**{f: getattr(counts, f) for f in COUNT_FIELDS})
        return MetricSnapshotRow(
            target_id=target_id,
            external_ref=external_ref,
            taken_utc=_naive_utc(taken_utc or self._clock.now()),
            **{f: getattr(clean, f) for f in COUNT_FIELDS},
        )

    def published_targets(self, post_id: int) -> list[tuple[int, int, Network]]:
        """(target id, account id, network) of a post's targets."""
        with self._sessions() as s:
            q = (
                select(PostTargetRow.id, PostTargetRow.account_id, AccountRow.network)
                .join(AccountRow, AccountRow.id == PostTargetRow.account_id)
                .where(PostTargetRow.post_id == post_id)
                .order_by(PostTargetRow.id)
            )
            return [(t, a, _NETWORKS[n]) for t, a, n in s.execute(q)]

    # ---- cadence goals ---------------------------------------------------------------

    def cadence_goals(self, brand_id: int) -> dict[Network, int]:
        """Posts per week the brand aims for, per network (networks without a goal absent)."""
        with self._sessions() as s:
            q = select(CadenceGoalRow.network, CadenceGoalRow.per_week).where(
                CadenceGoalRow.brand_id == brand_id
            )
            return {_NETWORKS[n]: k for n, k in s.execute(q) if n in _NETWORKS}

    def set_cadence_goal(self, brand_id: int, network: Network, per_week: int) -> None:
        """Set a brand's goal for one network; 0 removes it."""
        if not 0 <= per_week <= MAX_GOAL_PER_WEEK:
            raise InvalidInput(
                f"{per_week} posts a week is not a goal cmplanner can chart.",
                f"Use a number from 0 (no goal) to {MAX_GOAL_PER_WEEK}.",
            )
        with self._sessions.begin() as s:
            if s.get(BrandRow, brand_id) is None:
                raise NotFound(f"Brand {brand_id} does not exist.", "Pick an existing brand.")
            s.execute(
                delete(CadenceGoalRow).where(
                    CadenceGoalRow.brand_id == brand_id, CadenceGoalRow.network == network.value
                )
            )
            if per_week:
                s.add(CadenceGoalRow(brand_id=brand_id, network=network.value, per_week=per_week))

    # ---- reading ---------------------------------------------------------------------

    def chart_data(self, scope: ChartScope, as_of: datetime | None = None) -> ChartData:
        """The posts, follower series and goals of a scope, in one short read.

        Each post carries its newest counts as of ``as_of`` (default: now), so last
        month's posts show what they gathered since, as the networks count them.
        """
        as_of_naive = _naive_utc(as_of or self._clock.now())
        with self._sessions() as s:
            brands = self._brands(s, scope.brand_ids)
            brand_ids = tuple(brands)
            posts = self._planned_posts(s, scope, brand_ids, as_of_naive)
            if not scope.tags:
                posts += self._external_posts(s, scope, brand_ids, as_of_naive)
            followers = self._followers(s, scope, brand_ids)
            goals: dict[Network, int] = {}
            q = select(CadenceGoalRow.network, CadenceGoalRow.per_week).where(
                CadenceGoalRow.brand_id.in_(brand_ids)
            )
            for net, k in s.execute(q):
                if net in _NETWORKS:
                    goals[_NETWORKS[net]] = goals.get(_NETWORKS[net], 0) + k
        posts.sort(key=lambda p: p.published_utc)
        return ChartData(
            scope=scope,
            posts=tuple(posts),
            followers=tuple(followers),
            goals=tuple(sorted(goals.items())),
            brand_names={i: n for i, (n, _tz) in brands.items()},
        )

    @staticmethod
    def _brands(s: Session, brand_ids: frozenset[int]) -> dict[int, tuple[str, str]]:
        q = select(BrandRow.id, BrandRow.name, BrandRow.timezone)
        q = q.where(BrandRow.id.in_(brand_ids)) if brand_ids else q.where(~BrandRow.archived)
        return {i: (n, tz) for i, n, tz in s.execute(q)}

    def _planned_posts(
        self, s: Session, scope: ChartScope, brand_ids: tuple[int, ...], as_of: datetime
    ) -> list[PostPerformance]:
        ms = aliased(MetricSnapshotRow)
        q = (
            select(
                PostRecord.id,
                PostRecord.brand_id,
                PostTargetRow.account_id,
                AccountRow.network,
                PostRecord.scheduled_utc,
                PostRecord.timezone,
                PostRecord.text,
                PostRecord.tags,
                PostTargetRow.remote_url,
                ms.taken_utc,
                *_clean_counts(ms),
            )
            .select_from(PostRecord)
            .join(PostTargetRow, PostTargetRow.post_id == PostRecord.id)
            .join(AccountRow, AccountRow.id == PostTargetRow.account_id)
            .outerjoin(ms, ms.id == _latest(MetricSnapshotRow.target_id == PostTargetRow.id, as_of))
            .where(
                PostRecord.brand_id.in_(brand_ids),
                PostRecord.scheduled_utc >= _naive_utc(scope.start_utc),
                PostRecord.scheduled_utc < _naive_utc(scope.end_utc),
                PostRecord.state.in_(PUBLISHED_POST_STATES),
                PostTargetRow.state.not_in(NOT_OUT_TARGET_STATES),
            )
        )
        if scope.networks:
            q = q.where(AccountRow.network.in_([n.value for n in scope.networks]))
        if scope.account_ids:
            q = q.where(PostTargetRow.account_id.in_(scope.account_ids))
        wanted = {t.casefold() for t in scope.tags}
        out: list[PostPerformance] = []
        for row in s.connection().execute(q).all():  # Core rows: no ORM loading
            post_id, brand_id, account_id, net, when, tz, text, tags, url, taken = row[:10]
            if when is None or net not in _NETWORKS:
                continue
            if wanted and not wanted & {t.casefold() for t in tags.split("\n") if t}:
                continue
            out.append(
                PostPerformance(
                    post_id,
                    "",
                    brand_id,
                    account_id,
                    _NETWORKS[net],
                    _aware(when),
                    tz,
                    text,
                    url,
                    Counts._make(row[10:]),
                    _aware(taken) if taken else None,
                )
            )
        return out

    def _external_posts(
        self, s: Session, scope: ChartScope, brand_ids: tuple[int, ...], as_of: datetime
    ) -> list[PostPerformance]:
        ms = aliased(MetricSnapshotRow)
        q = (
            select(
                ExternalPostRow.ref,
                ExternalPostRow.brand_id,
                ExternalPostRow.account_id,
                ExternalPostRow.network,
                ExternalPostRow.published_utc,
                BrandRow.timezone,
                ExternalPostRow.text,
                ExternalPostRow.remote_url,
                ms.taken_utc,
                *_clean_counts(ms),
            )
            .select_from(ExternalPostRow)
            .join(BrandRow, BrandRow.id == ExternalPostRow.brand_id)
            .outerjoin(
                ms, ms.id == _latest(MetricSnapshotRow.external_ref == ExternalPostRow.ref, as_of)
            )
            .where(
                ExternalPostRow.brand_id.in_(brand_ids),
                ExternalPostRow.published_utc >= _naive_utc(scope.start_utc),
                ExternalPostRow.published_utc < _naive_utc(scope.end_utc),
            )
        )
        if scope.networks:
            q = q.where(ExternalPostRow.network.in_([n.value for n in scope.networks]))
        if scope.account_ids:
            q = q.where(ExternalPostRow.account_id.in_(scope.account_ids))
        out: list[PostPerformance] = []
        for row in s.connection().execute(q).all():
            ref, brand_id, account_id, net, when, tz, text, url, taken = row[:9]
            if when is None or net not in _NETWORKS:
                continue
            out.append(
                PostPerformance(
                    None,
                    ref,
                    brand_id,
                    account_id,
                    _NETWORKS[net],
                    _aware(when),
                    tz,
                    text,
                    url,
                    Counts._make(row[9:]),
                    _aware(taken) if taken else None,
                )
            )
        return out

    def _followers(
        self, s: Session, scope: ChartScope, brand_ids: tuple[int, ...]
    ) -> list[FollowerSeries]:
        q = select(AccountRow.id, AccountRow.network, AccountRow.handle).where(
            AccountRow.brand_id.in_(brand_ids)
        )
        if scope.networks:
            q = q.where(AccountRow.network.in_([n.value for n in scope.networks]))
        if scope.account_ids:
            q = q.where(AccountRow.id.in_(scope.account_ids))
        accounts = {i: (n, h) for i, n, h in s.execute(q) if n in _NETWORKS}
        if not accounts:
            return []
        start, end = _naive_utc(scope.start_utc), _naive_utc(scope.end_utc)
        snap = AccountSnapshotRow
        # Each account's last count before the range (one index seek per account), then
        # the range itself (one index range per account).
        baseline = (
            select(snap.account_id, func.max(snap.taken_utc).label("taken"))
            .where(
                snap.account_id.in_(accounts), snap.followers.is_not(None), snap.taken_utc < start
            )
            .group_by(snap.account_id)
            .subquery()
        )
        before = select(snap.account_id, snap.taken_utc, snap.followers).join(
            baseline,
            and_(snap.account_id == baseline.c.account_id, snap.taken_utc == baseline.c.taken),
        )
        within = select(snap.account_id, snap.taken_utc, snap.followers).where(
            snap.account_id.in_(accounts),
            snap.followers.is_not(None),
            snap.taken_utc >= start,
            snap.taken_utc < end,
        )
        both = union_all(before, within).subquery()
        ordered = select(both.c.account_id, both.c.taken_utc, both.c.followers).order_by(
            both.c.account_id, both.c.taken_utc
        )
        points: dict[int, list[tuple[datetime, int]]] = {}
        for account_id, taken, followers in s.connection().execute(ordered).all():
            count = clean_count(followers)
            if count is not None:
                points.setdefault(account_id, []).append((_aware(taken), count))
        return [
            FollowerSeries(
                i,
                _NETWORKS[accounts[i][0]],
                accounts[i][1],
                tuple(pts),
                tuple(t.timestamp() for t, _n in pts),
            )
            for i, pts in sorted(points.items())
        ]
