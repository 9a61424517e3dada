"""Metric snapshots and chart series over a real SQLite workspace."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from cmplanner.domain.enums import Network, PostState
from cmplanner.domain.errors import InvalidInput
from cmplanner.services.metrics import ChartData, ChartScope, Counts, clean_count
from cmplanner.services.metrics_series import (
    best_times,
    engagement_over_time,
    engagement_rates,
    is_daily,
    key_figures,
    posts_per_week,
    top_posts,
)
from cmplanner.services.workspace import Workspace

# conftest's NOW is Thursday 2026-11-26 10:00 UTC; Madrid is UTC+1 then.
START = datetime(2026, 11, 2, tzinfo=UTC)  # a Monday
END = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


@pytest.fixture
def brand(ws: Workspace) -> tuple[int, int, int]:
    b = ws.brands.create("Sol", "Europe/Madrid")
    bsky = ws.accounts.add_profile(b.id, Network.BLUESKY, "sol.bsky.social")
    masto = ws.accounts.add_profile(b.id, Network.MASTODON, "@sol@example.social")
    return b.id, bsky.id, masto.id


def _published(
    ws: Workspace, brand_id: int, wall: datetime, accounts: list[int], tags: tuple[str, ...] = ()
) -> list[int]:
    post = ws.posts.create(
        brand_id,
        f"Post at {wall:%d %H:%M}",
        local_at=wall,
        state=PostState.PUBLISHED,
        account_ids=accounts,
        tags=tags,
        allow_past=True,
    )
    return [t for t, _a, _n in ws.metrics.published_targets(post.id)]


def _scope(brand_id: int, **kw: object) -> ChartScope:
    return ChartScope(
        brand_ids=frozenset({brand_id}),
        start_utc=kw.pop("start", START),  # type: ignore[arg-type]
        end_utc=kw.pop("end", END),  # type: ignore[arg-type]
        timezone="Europe/Madrid",
        **kw,  # type: ignore[arg-type]
    )


def test_nonsense_counts_are_stored_as_missing() -> None:
    assert clean_count(-3) is None
    assert clean_count("12") is None
    assert clean_count(float("nan")) is None
    assert clean_count(True) is None
    assert clean_count(7) == 7
    c = Counts.of(likes=-1, reposts=2, replies=None, views=10)
    assert (c.likes, c.reposts, c.replies, c.views) == (None, 2, None, 10)
    assert c.engagement == 2


def test_latest_snapshot_per_post_wins_and_history_is_kept(
    ws: Workspace, brand: tuple[int, int, int]
) -> None:
    brand_id, bsky, masto = brand
    t_bsky, t_masto = _published(ws, brand_id, datetime(2026, 11, 3, 9, 0), [bsky, masto])
    day1 = datetime(2026, 11, 4, tzinfo=UTC)
    ws.metrics.record_post_metrics(t_bsky, Counts(likes=3, reposts=1), day1)
    ws.metrics.record_post_metrics(
        t_bsky, Counts(likes=9, reposts=2, replies=1), day1 + timedelta(1)
    )
    ws.metrics.record_post_metrics(t_masto, Counts(likes=4, replies=-5), day1)

    data = ws.metrics.chart_data(_scope(brand_id))
    by_net = {p.network: p for p in data.posts}
    assert by_net[Network.BLUESKY].counts == Counts(likes=9, reposts=2, replies=1)
    assert by_net[Network.MASTODON].counts.replies is None  # nonsense never stored
    assert by_net[Network.MASTODON].engagement == 4

    # As of the first day, the older snapshot is the latest one.
    then = ws.metrics.chart_data(_scope(brand_id), as_of=day1)
    assert {p.network: p.engagement for p in then.posts}[Network.BLUESKY] == 4


def test_scope_filters_networks_tags_range_and_unpublished(
    ws: Workspace, brand: tuple[int, int, int]
) -> None:
    brand_id, bsky, masto = brand
    _published(ws, brand_id, datetime(2026, 11, 3, 9, 0), [bsky], tags=("bread",))
    _published(ws, brand_id, datetime(2026, 11, 5, 18, 0), [masto], tags=("events",))
    _published(ws, brand_id, datetime(2026, 10, 20, 9, 0), [bsky])  # before the range
    ws.posts.create(brand_id, "a draft", account_ids=[bsky])
    ws.posts.create(brand_id, "scheduled", local_at=datetime(2026, 12, 1, 9), account_ids=[bsky])

    assert len(ws.metrics.chart_data(_scope(brand_id)).posts) == 2
    only_bsky = ws.metrics.chart_data(_scope(brand_id, networks=frozenset({Network.BLUESKY})))
    assert [p.network for p in only_bsky.posts] == [Network.BLUESKY]
    tagged = ws.metrics.chart_data(_scope(brand_id, tags=frozenset({"EVENTS"})))
    assert [p.network for p in tagged.posts] == [Network.MASTODON]
    by_account = ws.metrics.chart_data(_scope(brand_id, account_ids=frozenset({bsky})))
    assert [p.account_id for p in by_account.posts] == [bsky]


def test_series_engagement_posts_per_week_heatmap_top(
    ws: Workspace, brand: tuple[int, int, int]
) -> None:
    brand_id, bsky, masto = brand
    taken = datetime(2026, 11, 25, tzinfo=UTC)
    # Tuesday 3 Nov 09:00 Madrid (08:00 UTC): bluesky 10, mastodon 5.
    t1, t2 = _published(ws, brand_id, datetime(2026, 11, 3, 9, 0), [bsky, masto])
    ws.metrics.record_post_metrics(t1, Counts(likes=6, reposts=4), taken)
    ws.metrics.record_post_metrics(t2, Counts(likes=5, views=100), taken)
    # Tuesday 10 Nov 09:00 Madrid: bluesky 20.
    (t3,) = _published(ws, brand_id, datetime(2026, 11, 10, 9, 0), [bsky])
    ws.metrics.record_post_metrics(t3, Counts(likes=20), taken)
    # Wednesday 12 Nov 18:00 Madrid: no counts yet.
    _published(ws, brand_id, datetime(2026, 11, 12, 18, 0), [masto])
    ws.metrics.set_cadence_goal(brand_id, Network.BLUESKY, 3)
    ws.metrics.set_cadence_goal(brand_id, Network.MASTODON, 2)

    data = ws.metrics.chart_data(_scope(brand_id))
    stacked = engagement_over_time(data)
    assert stacked.daily  # 24 days: one bucket a day
    i3 = stacked.starts.index(date(2026, 11, 3))
    i10 = stacked.starts.index(date(2026, 11, 10))
    rows = dict(stacked.by_network)
    assert rows[Network.BLUESKY][i3] == 10 and rows[Network.MASTODON][i3] == 5
    assert stacked.totals[i10] == 20
    assert sum(stacked.totals) == 35

    weekly = posts_per_week(data)
    assert weekly.starts[:2] == (date(2026, 11, 2), date(2026, 11, 9))
    assert weekly.totals[:2] == (2, 2)
    assert data.goal_per_week == 5

    heat = best_times(data)
    assert heat.count[1][9] == 3  # three measured posts on Tuesdays at 09:00 Madrid
    assert heat.mean[1][9] == pytest.approx(35 / 3)
    assert heat.count[2][18] == 0  # the unmeasured post is not averaged in

    top = top_posts(data, 2)
    assert [p.engagement for p in top] == [20, 10]

    figures = key_figures(data)
    assert figures.posts == 3 and figures.publications == 4  # the first went to both
    assert figures.engagement == 35 and figures.views == 100


def test_follower_growth_and_engagement_per_follower(
    ws: Workspace, brand: tuple[int, int, int]
) -> None:
    brand_id, bsky, masto = brand
    ws.metrics.record_followers(bsky, 90, taken_utc=datetime(2026, 10, 30, tzinfo=UTC))
    for i in range(5):
        ws.metrics.record_followers(bsky, 100 + i, taken_utc=datetime(2026, 11, 3 + i, tzinfo=UTC))
    ws.metrics.record_followers(masto, -4, taken_utc=datetime(2026, 11, 4, tzinfo=UTC))
    (t,) = _published(ws, brand_id, datetime(2026, 11, 4, 12, 0), [bsky])
    ws.metrics.record_post_metrics(t, Counts(likes=10), datetime(2026, 11, 6, tzinfo=UTC))

    data = ws.metrics.chart_data(_scope(brand_id))
    (series,) = data.followers  # the nonsense count for mastodon is not a point
    assert series.account_id == bsky
    assert [n for _t, n in series.points] == [90, 100, 101, 102, 103, 104]  # baseline first
    rates = engagement_rates(data)
    i = rates.starts.index(date(2026, 11, 4))
    assert rates.per_post[i] == 10
    # followers at the end of that Madrid day (23:00 UTC): the 4 Nov count
    assert rates.per_follower_pct[i] == pytest.approx(100 * 10 / 101)
    assert key_figures(data).follower_change == 104 - 90


def test_cadence_goal_validation(ws: Workspace, brand: tuple[int, int, int]) -> None:
    brand_id, _b, _m = brand
    ws.metrics.set_cadence_goal(brand_id, Network.BLUESKY, 4)
    assert ws.metrics.cadence_goals(brand_id) == {Network.BLUESKY: 4}
    ws.metrics.set_cadence_goal(brand_id, Network.BLUESKY, 0)
    assert ws.metrics.cadence_goals(brand_id) == {}
    with pytest.raises(InvalidInput) as err:
        ws.metrics.set_cadence_goal(brand_id, Network.BLUESKY, -1)
    assert "0 (no goal)" in err.value.hint


def test_empty_scope_gives_empty_series(ws: Workspace, brand: tuple[int, int, int]) -> None:
    data = ws.metrics.chart_data(_scope(brand[0]))
    assert data.posts == () and data.followers == ()
    assert engagement_over_time(data).by_network == ()
    assert best_times(data).posts == 0
    assert key_figures(data).engagement_per_post is None


def test_a_month_with_a_dst_change_is_charted_by_day() -> None:
    """October in Madrid is 31 days and an hour long in UTC: still 31 days, by day."""

    def data(first: datetime, end: datetime) -> ChartData:
        scope = ChartScope(frozenset({1}), first, end, timezone="Europe/Madrid")
        return ChartData(scope=scope, posts=(), followers=())

    october = data(datetime(2026, 9, 30, 22, tzinfo=UTC), datetime(2026, 10, 31, 23, tzinfo=UTC))
    assert is_daily(october)
    starts = engagement_over_time(october).starts
    assert (starts[0], starts[-1], len(starts)) == (date(2026, 10, 1), date(2026, 10, 31), 31)
    # 32 local days are charted by week.
    assert not is_daily(data(datetime(2026, 9, 29, 22, tzinfo=UTC), october.scope.end_utc))
