"""The monthly client report's content: key figures against last month, the month's
charts data, the top posts with their pictures, and next month's plan.

Drawing it is ``report_pdf.py``; this module reads only (no matplotlib, no Qt).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from cmplanner.domain.enums import MediaKind, Network, PostState
from cmplanner.domain.models import Brand
from cmplanner.domain.timezones import to_utc, zone
from cmplanner.services.chart_texts import MONTHS_SHORT, WEEKDAYS_SHORT, ChartTexts
from cmplanner.services.metrics import ChartData, ChartScope, PostPerformance
from cmplanner.services.metrics_series import KeyFigures, key_figures, top_posts
from cmplanner.services.workspace import Workspace

TOP_POSTS = 5
#: The best-time heatmap looks further back than one month: one month is too sparse.
HEATMAP_DAYS = 90


def _planned_count(n: int) -> str:
    return f"{n} post{'' if n == 1 else 's'} planned for %1"


@dataclass(frozen=True)
class ReportTexts:
    """Every sentence and name the report prints, English by default.

    Services carry no Qt, so they translate nothing themselves: the window and the
    command line pass the translated texts (``cmplanner.ui.charts_texts.report_texts``,
    which puts each one through ``QCoreApplication.translate`` so ``lupdate`` finds it).
    ``%1``, ``%2`` and ``%n`` are replaced as in Qt's ``tr()``.
    """

    title: str = "Social media report · %1"  # %1: the month
    pdf_title: str = "%1 — social media report %2"  # brand, month
    pdf_subject: str = "Social media report"
    footer: str = "Prepared %1 with cmplanner · times in %2"  # date, zone
    month_in_figures: str = "The month in figures"
    posts_published: str = "Posts published"
    engagement: str = "Engagement"
    engagement_per_post: str = "Engagement per post"
    views: str = "Views"
    followers: str = "Followers"
    new_followers: str = "New followers"
    no_comparison: str = "no comparison"
    new_this_month: str = "new this month"
    same_as_last_month: str = "same as last month"
    change_vs_last_month: str = "%1% vs last month"  # %1: the change in percent
    engagement_per_day: str = "Engagement per day, by network"
    engagement_unit: str = "engagement"
    posts_unit: str = "posts"
    no_posts_with_counts: str = "No published post with counts this month."
    no_posts: str = "No post published this month."
    posts_per_week: str = "Posts per week"
    goal_a_week: str = "(goal: %1 a week)"
    goal: str = "Goal"
    audience_title: str = "Audience and best posts · %1"  # %1: the month
    no_followers: str = "No follower counts this month."
    best_time: str = "Best time to post (last 90 days)"
    hour_in_zone: str = "hour (%1)"  # %1: the zone
    no_post: str = "no post"
    low: str = "low"
    high: str = "high engagement a post"
    best_time_empty: str = (
        "Best times need at least %1 published posts with counts; the last 90 days have %2."
    )
    top_posts: str = "Top posts of the month"
    n_engagement: str = "%1 engagement"
    n_likes: str = "%1 likes"
    n_reposts: str = "%1 reposts"
    n_replies: str = "%1 replies"
    n_views: str = "%1 views"
    planned_title: str = "Planned for %1"  # %1: next month
    #: "%n post(s) planned for %1" with the number in (a translation picks the plural).
    planned_count: Callable[[int], str] = _planned_count
    n_more: str = "+%1 more"
    nothing_planned: str = "Nothing is scheduled for next month yet."
    months: tuple[str, ...] = (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    )
    months_short: tuple[str, ...] = MONTHS_SHORT
    weekdays_short: tuple[str, ...] = WEEKDAYS_SHORT
    #: What the report's charts print (hover lines aside: their axes and legends).
    charts: ChartTexts = field(default_factory=ChartTexts)

    def month(self, day: date) -> str:
        """'November 2026'."""
        return f"{self.months[day.month - 1]} {day.year}"

    def day(self, day: date) -> str:
        """'26 November 2026'."""
        return f"{day.day} {self.months[day.month - 1]} {day.year}"

    def moment(self, when: datetime) -> str:
        """'Thu 26 Nov, 09:30'."""
        return (
            f"{self.weekdays_short[when.weekday()]} {when.day:02d} "
            f"{self.months_short[when.month - 1]}, {when:%H:%M}"
        )


@dataclass(frozen=True)
class PlannedItem:
    local_at: datetime
    head: str
    networks: tuple[Network, ...]
    state: PostState


@dataclass(frozen=True)
class TopPost:
    post: PostPerformance
    image_path: str | None  # the post's first image, for its preview


@dataclass(frozen=True)
class ReportData:
    brand: Brand
    month: date  # the first day of the reported month
    generated: datetime
    this_month: ChartData
    last_month: ChartData
    history: ChartData  # the last HEATMAP_DAYS days to the month's end
    figures: KeyFigures
    previous: KeyFigures
    top: tuple[TopPost, ...]
    next_month: date
    planned: tuple[PlannedItem, ...]


def month_start(year: int, month: int) -> date:
    return date(year, month, 1)


def next_month_start(first: date) -> date:
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1)


def _midnight_utc(day: date, tz: str) -> datetime:
    wall = datetime.combine(day, time(0, 0))
    try:
        return to_utc(wall, tz).utc
    except Exception:  # midnight in a DST gap (a few zones)
        return wall.replace(tzinfo=zone(tz))


def _scope(brand: Brand, first: date, end: date) -> ChartScope:
    return ChartScope(
        brand_ids=frozenset({brand.id}),
        start_utc=_midnight_utc(first, brand.timezone),
        end_utc=_midnight_utc(end, brand.timezone),
        timezone=brand.timezone,
    )


def build_report(ws: Workspace, brand_id: int, year: int, month: int) -> ReportData:
    brand = ws.brands.get(brand_id)
    first = month_start(year, month)
    after = next_month_start(first)
    previous_first = (first - timedelta(days=1)).replace(day=1)
    this_month = ws.metrics.chart_data(_scope(brand, first, after))
    last_month = ws.metrics.chart_data(_scope(brand, previous_first, first))
    history = ws.metrics.chart_data(_scope(brand, after - timedelta(days=HEATMAP_DAYS), after))
    best = top_posts(this_month, TOP_POSTS)
    images: dict[int, str] = {}
    planned_ids = [p.post_id for p in best if p.post_id is not None]
    for post in ws.posts.get_many(planned_ids) if planned_ids else []:
        pictures = [m for m in post.media if m.kind == MediaKind.IMAGE]
        if pictures:
            images[post.id] = pictures[0].path
    after_next = next_month_start(after)
    planned = [
        PlannedItem(p.local_at, " ".join(p.text.split()), p.networks, p.state)
        for p in ws.posts.find(
            brand.id,
            _midnight_utc(after, brand.timezone),
            _midnight_utc(after_next, brand.timezone),
        )
        if p.local_at is not None and p.state not in (PostState.IDEA, PostState.FAILED)
    ]
    return ReportData(
        brand=brand,
        month=first,
        generated=ws.clock.now(),
        this_month=this_month,
        last_month=last_month,
        history=history,
        figures=key_figures(this_month),
        previous=key_figures(last_month),
        top=tuple(
            TopPost(p, images.get(p.post_id) if p.post_id is not None else None) for p in best
        ),
        next_month=after,
        planned=tuple(planned),
    )
