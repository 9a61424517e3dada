"""The monthly client report's content: key figures against last month, the month's
charts data, the top posts with their pictures, and next month's plan.

Drawing it is ``report_pdf.py``; this module reads only (no matplotlib, no Qt).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from cmplanner.domain.enums import MediaKind, Network, PostState
from cmplanner.domain.models import Brand
from cmplanner.domain.timezones import to_utc, zone
from cmplanner.services.metrics import ChartData, ChartScope, PostPerformance
from cmplanner.services.metrics_series import KeyFigures, key_figures, top_posts
from cmplanner.services.workspace import Workspace

TOP_POSTS = 5
#: The best-time heatmap looks further back than one month: one month is too sparse.
HEATMAP_DAYS = 90


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
