"""Chart series from ``ChartData``: pure functions, shared by the charts tab and the report.

Days and weeks are the brand's local ones (``ChartScope.timezone``); the best-time heatmap
places each post at the wall time of its own brand's zone. Weeks start on Monday.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from cmplanner.domain.enums import Network
from cmplanner.domain.timezones import to_wall, zone
from cmplanner.services.metrics import ChartData, PostPerformance

#: Ranges up to this many days are bucketed by day, longer ones by week.
DAILY_UP_TO_DAYS = 31
#: The heatmap needs this many posts with counts before it says anything.
HEATMAP_MIN_POSTS = 8


@dataclass(frozen=True)
class Stacked:
    """Values per bucket, one row per network (networks in ``Network`` order)."""

    starts: tuple[date, ...]
    by_network: tuple[tuple[Network, tuple[int, ...]], ...]
    daily: bool

    @property
    def totals(self) -> tuple[int, ...]:
        return tuple(sum(v[i] for _n, v in self.by_network) for i in range(len(self.starts)))


@dataclass(frozen=True)
class Rates:
    """Engagement per post and per 100 followers, per bucket (None: no post or followers)."""

    starts: tuple[date, ...]
    per_post: tuple[float | None, ...]
    per_follower_pct: tuple[float | None, ...]
    daily: bool


@dataclass(frozen=True)
class Heatmap:
    """Mean engagement per post by weekday (0 = Monday) and local hour, and post counts."""

    mean: tuple[tuple[float | None, ...], ...]  # [weekday][hour]
    count: tuple[tuple[int, ...], ...]
    posts: int

    def best(self, n: int = 3) -> list[tuple[int, int, float]]:
        """The ``n`` best (weekday, hour, mean) cells with at least two posts."""
        cells = [
            (d, h, m)
            for d, row in enumerate(self.mean)
            for h, m in enumerate(row)
            if m is not None and self.count[d][h] >= 2
        ]
        return sorted(cells, key=lambda c: -c[2])[:n]


@dataclass(frozen=True)
class KeyFigures:
    posts: int
    engagement: int
    engagement_per_post: float | None
    views: int | None
    followers: int | None
    follower_change: int | None


def is_daily(data: ChartData) -> bool:
    span = data.scope.end_utc - data.scope.start_utc
    return span <= timedelta(days=DAILY_UP_TO_DAYS)


def _buckets(data: ChartData) -> tuple[list[date], bool]:
    tz = data.scope.timezone
    first = to_wall(data.scope.start_utc, tz).date()
    last = to_wall(data.scope.end_utc - timedelta(microseconds=1), tz).date()
    daily = is_daily(data)
    if not daily:
        first -= timedelta(days=first.weekday())
    step = timedelta(days=1 if daily else 7)
    out: list[date] = []
    d = first
    while d <= last:
        out.append(d)
        d += step
    return out, daily


def _bucket_of(day: date, daily: bool) -> date:
    return day if daily else day - timedelta(days=day.weekday())


def _local_day(p: PostPerformance, tz: str) -> date:
    return to_wall(p.published_utc, tz).date()


def engagement_over_time(data: ChartData) -> Stacked:
    """Engagement of the posts published in each bucket, stacked by network."""
    starts, daily = _buckets(data)
    index = {d: i for i, d in enumerate(starts)}
    rows: dict[Network, list[int]] = {}
    tz = data.scope.timezone
    for p in data.posts:
        i = index.get(_bucket_of(_local_day(p, tz), daily))
        if i is None:
            continue
        rows.setdefault(p.network, [0] * len(starts))[i] += p.engagement
    ordered = tuple((n, tuple(rows[n])) for n in Network if n in rows)
    return Stacked(tuple(starts), ordered, daily)


def posts_per_week(data: ChartData) -> Stacked:
    """Published posts per local week (Monday first), stacked by network."""
    tz = data.scope.timezone
    first = to_wall(data.scope.start_utc, tz).date()
    last = to_wall(data.scope.end_utc - timedelta(microseconds=1), tz).date()
    starts: list[date] = []
    d = first - timedelta(days=first.weekday())
    while d <= last:
        starts.append(d)
        d += timedelta(days=7)
    index = {d: i for i, d in enumerate(starts)}
    rows: dict[Network, list[int]] = {}
    for p in data.posts:
        i = index.get(_bucket_of(_local_day(p, tz), False))
        if i is not None:
            rows.setdefault(p.network, [0] * len(starts))[i] += 1
    ordered = tuple((n, tuple(rows[n])) for n in Network if n in rows)
    return Stacked(tuple(starts), ordered, False)


def _followers_at(data: ChartData, at: datetime) -> int | None:
    """Followers of every account in scope at an instant (each account's last count)."""
    total, known = 0, False
    for series in data.followers:
        last = None
        for taken, count in series.points:
            if taken > at:
                break
            last = count
        if last is None and series.points:
            last = series.points[0][1]  # before the first count: the first count
        if last is not None:
            total += last
            known = True
    return total if known else None


def engagement_rates(data: ChartData) -> Rates:
    starts, daily = _buckets(data)
    index = {d: i for i, d in enumerate(starts)}
    engagement = [0] * len(starts)
    posts = [0] * len(starts)
    tz = data.scope.timezone
    for p in data.posts:
        i = index.get(_bucket_of(_local_day(p, tz), daily))
        if i is None or p.counts.empty:
            continue
        engagement[i] += p.engagement
        posts[i] += 1
    per_post: list[float | None] = []
    per_follower: list[float | None] = []
    step = timedelta(days=1 if daily else 7)
    for i, start in enumerate(starts):
        if not posts[i]:
            per_post.append(None)
            per_follower.append(None)
            continue
        per_post.append(engagement[i] / posts[i])
        end = datetime.combine(start + step, datetime.min.time())
        followers = _followers_at(data, _utc_of_local(end, tz))
        per_follower.append(100.0 * engagement[i] / followers if followers else None)
    return Rates(tuple(starts), tuple(per_post), tuple(per_follower), daily)


def _utc_of_local(wall: datetime, tz: str) -> datetime:
    return wall.replace(tzinfo=zone(tz))


def best_times(data: ChartData) -> Heatmap:
    """Mean engagement per post by local weekday and hour (each post in its brand's zone)."""
    sums = [[0] * 24 for _ in range(7)]
    counts = [[0] * 24 for _ in range(7)]
    n = 0
    for p in data.posts:
        if p.counts.empty:
            continue
        wall = to_wall(p.published_utc, p.timezone)
        sums[wall.weekday()][wall.hour] += p.engagement
        counts[wall.weekday()][wall.hour] += 1
        n += 1
    mean = tuple(
        tuple(sums[d][h] / counts[d][h] if counts[d][h] else None for h in range(24))
        for d in range(7)
    )
    return Heatmap(mean, tuple(tuple(r) for r in counts), n)


def top_posts(data: ChartData, n: int = 10) -> list[PostPerformance]:
    """The posts with the most engagement (those with counts), best first."""
    measured = [p for p in data.posts if not p.counts.empty]
    return sorted(measured, key=lambda p: (-p.engagement, p.published_utc))[:n]


def key_figures(data: ChartData) -> KeyFigures:
    measured = [p for p in data.posts if not p.counts.empty]
    engagement = sum(p.engagement for p in measured)
    views = [p.counts.views for p in measured if p.counts.views is not None]
    start_followers = _followers_at(data, data.scope.start_utc)
    end_followers = _followers_at(data, data.scope.end_utc)
    return KeyFigures(
        posts=len(data.posts),
        engagement=engagement,
        engagement_per_post=engagement / len(measured) if measured else None,
        views=sum(views) if views else None,
        followers=end_followers,
        follower_change=(
            end_followers - start_followers
            if end_followers is not None and start_followers is not None
            else None
        ),
    )
