"""Chart series from ``ChartData``: pure functions, shared by the charts tab and the report.

Days and weeks are the brand's local ones (``ChartScope.timezone``); the best-time heatmap
places each post at the wall time of its own brand's zone. Weeks start on Monday.

``chart_series`` computes every chart of the tab in one go (each post's local time found
once, follower counts looked up by bisection); the charts tab runs it on a worker thread
(``load_chart_series``) and only draws its result on the GUI thread.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from cmplanner.domain.enums import Network
from cmplanner.domain.timezones import to_wall, zone
from cmplanner.services.metrics import (
    COUNT_FIELDS,
    ChartData,
    ChartScope,
    MetricsService,
    PostPerformance,
)

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
    #: Distinct posts (one post sent to three accounts counts once) …
    posts: int
    engagement: int
    engagement_per_post: float | None
    views: int | None
    followers: int | None
    follower_change: int | None
    #: … and publications (that post counts three times here).
    publications: int = 0


def is_daily(data: ChartData) -> bool:
    """Whether the scope is charted by day: it covers at most ``DAILY_UP_TO_DAYS`` local
    days (counted on the calendar, so a month with a DST change, 31 days and an hour in
    UTC, is still a month of days)."""
    scope = data.scope
    first = to_wall(scope.start_utc, scope.timezone).date()
    last = to_wall(scope.end_utc - timedelta(microseconds=1), scope.timezone).date()
    return (last - first).days < DAILY_UP_TO_DAYS


@dataclass(frozen=True)
class PostFacts:
    """What the series need of each post (``data.posts`` order), found in one pass: its
    local day in the scope's zone, its weekday and hour in its own brand's zone, its
    engagement, and whether it has counts at all."""

    days: tuple[date, ...]
    slots: tuple[tuple[int, int], ...]  # (weekday, hour)
    engagement: tuple[int, ...]
    measured: tuple[bool, ...]


def post_facts(data: ChartData) -> PostFacts:
    scope_zone = zone(data.scope.timezone)
    days: list[date] = []
    slots: list[tuple[int, int]] = []
    engagement: list[int] = []
    measured: list[bool] = []
    zones: dict[str, tzinfo] = {}
    fields = len(COUNT_FIELDS)
    for p in data.posts:
        own = zones.get(p.timezone)
        if own is None:
            own = zones[p.timezone] = zone(p.timezone)
        wall = p.published_utc.astimezone(own)
        slots.append((wall.weekday(), wall.hour))
        days.append((wall if own is scope_zone else p.published_utc.astimezone(scope_zone)).date())
        c = p.counts
        engagement.append(
            (c.likes or 0)
            + (c.reposts or 0)
            + (c.replies or 0)
            + (c.quotes or 0)
            + (c.bookmarks or 0)
        )
        measured.append(c.count(None) != fields)
    return PostFacts(tuple(days), tuple(slots), tuple(engagement), tuple(measured))


def _bucket_starts(scope: ChartScope, daily: bool) -> list[date]:
    first = to_wall(scope.start_utc, scope.timezone).date()
    last = to_wall(scope.end_utc - timedelta(microseconds=1), scope.timezone).date()
    if not daily:
        first -= timedelta(days=first.weekday())
    step = timedelta(days=1 if daily else 7)
    return [first + step * i for i in range((last - first) // step + 1)]


def _buckets(data: ChartData) -> tuple[list[date], bool]:
    daily = is_daily(data)
    return _bucket_starts(data.scope, daily), daily


def _day_index(starts: list[date], daily: bool) -> dict[date, int]:
    """Every day of the buckets to its bucket's index."""
    width = 1 if daily else 7
    return {s + timedelta(days=k): i for i, s in enumerate(starts) for k in range(width)}


def _stack(data: ChartData, facts: PostFacts, daily: bool, values: Sequence[int] | None) -> Stacked:
    """Sums of ``values`` (or post counts) per bucket and network."""
    starts = _bucket_starts(data.scope, daily)
    index = _day_index(starts, daily)
    rows: dict[Network, list[int]] = {}
    for k, (p, day) in enumerate(zip(data.posts, facts.days, strict=True)):
        i = index.get(day)
        if i is not None:
            rows.setdefault(p.network, [0] * len(starts))[i] += values[k] if values else 1
    ordered = tuple((n, tuple(rows[n])) for n in Network if n in rows)
    return Stacked(tuple(starts), ordered, daily)


def engagement_over_time(data: ChartData, facts: PostFacts | None = None) -> Stacked:
    """Engagement of the posts published in each bucket, stacked by network."""
    facts = facts or post_facts(data)
    return _stack(data, facts, is_daily(data), facts.engagement)


def posts_per_week(data: ChartData, facts: PostFacts | None = None) -> Stacked:
    """Published posts per local week (Monday first), stacked by network."""
    return _stack(data, facts or post_facts(data), False, None)


class _Followers:
    """Followers of every account in scope at an instant (each account's last count).

    Looked up by bisection on POSIX timestamps (floats compare far faster than aware
    datetimes, which ask their zone for an offset at every comparison)."""

    def __init__(self, data: ChartData) -> None:
        self._series = [
            (s.timestamps(), [n for _t, n in s.points]) for s in data.followers if s.points
        ]

    def at(self, instant: datetime) -> int | None:
        if not self._series:
            return None
        stamp = instant.timestamp()
        total = 0
        for times, counts in self._series:
            i = bisect_right(times, stamp)
            total += counts[i - 1] if i else counts[0]  # before the first count: the first
        return total


def engagement_rates(data: ChartData, facts: PostFacts | None = None) -> Rates:
    facts = facts or post_facts(data)
    starts, daily = _buckets(data)
    index = _day_index(starts, daily)
    engagement = [0] * len(starts)
    posts = [0] * len(starts)
    tz = data.scope.timezone
    for day, value, measured in zip(facts.days, facts.engagement, facts.measured, strict=True):
        i = index.get(day)
        if i is None or not measured:
            continue
        engagement[i] += value
        posts[i] += 1
    followers_at = _Followers(data).at
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
        followers = followers_at(_utc_of_local(end, tz))
        per_follower.append(100.0 * engagement[i] / followers if followers else None)
    return Rates(tuple(starts), tuple(per_post), tuple(per_follower), daily)


def _utc_of_local(wall: datetime, tz: str) -> datetime:
    return wall.replace(tzinfo=zone(tz))


def best_times(data: ChartData, facts: PostFacts | None = None) -> Heatmap:
    """Mean engagement per post by local weekday and hour (each post in its brand's zone)."""
    facts = facts or post_facts(data)
    sums = [[0] * 24 for _ in range(7)]
    counts = [[0] * 24 for _ in range(7)]
    n = 0
    for (d, h), value, measured in zip(facts.slots, facts.engagement, facts.measured, strict=True):
        if not measured:
            continue
        sums[d][h] += value
        counts[d][h] += 1
        n += 1
    mean = tuple(
        tuple(sums[d][h] / counts[d][h] if counts[d][h] else None for h in range(24))
        for d in range(7)
    )
    return Heatmap(mean, tuple(tuple(r) for r in counts), n)


def top_posts(
    data: ChartData, n: int = 10, facts: PostFacts | None = None
) -> list[PostPerformance]:
    """The posts with the most engagement (those with counts), best first."""
    facts = facts or post_facts(data)
    best = heapq.nsmallest(
        n,
        (
            (-e, p.published_utc, k)
            for k, (p, e, measured) in enumerate(
                zip(data.posts, facts.engagement, facts.measured, strict=True)
            )
            if measured
        ),
    )
    return [data.posts[k] for _e, _t, k in best]


def key_figures(data: ChartData, facts: PostFacts | None = None) -> KeyFigures:
    facts = facts or post_facts(data)
    measured = [k for k, m in enumerate(facts.measured) if m]
    engagement = sum(facts.engagement[k] for k in measured)
    views = [v for k in measured if (v := data.posts[k].counts.views) is not None]
    followers = _Followers(data)
    start_followers = followers.at(data.scope.start_utc)
    end_followers = followers.at(data.scope.end_utc)
    distinct = {p.post_id if p.post_id is not None else p.external_ref for p in data.posts}
    return KeyFigures(
        posts=len(distinct),
        publications=len(data.posts),
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


@dataclass(frozen=True)
class ChartSeries:
    """Every chart of the charts tab for one scope: computed off the GUI thread, drawn on it."""

    data: ChartData
    engagement: Stacked
    rates: Rates
    cadence: Stacked
    heatmap: Heatmap
    top: tuple[PostPerformance, ...]
    figures: KeyFigures

    @property
    def goal(self) -> int:
        return self.data.goal_per_week


def chart_series(data: ChartData, top: int = 10) -> ChartSeries:
    facts = post_facts(data)
    return ChartSeries(
        data=data,
        engagement=engagement_over_time(data, facts),
        rates=engagement_rates(data, facts),
        cadence=posts_per_week(data, facts),
        heatmap=best_times(data, facts),
        top=tuple(top_posts(data, top, facts)),
        figures=key_figures(data, facts),
    )


def load_chart_series(
    metrics: MetricsService, scope: ChartScope, cancelled: Callable[[], bool] = lambda: False
) -> ChartSeries | None:
    """Read a scope and compute its series (blocking: run it on a worker).

    None when ``cancelled()`` says, after the read, that nobody wants the result any more.
    """
    data = metrics.chart_data(scope)
    if cancelled():
        return None
    return chart_series(data)
