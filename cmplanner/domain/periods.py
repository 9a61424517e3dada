"""Calendar periods: which days a month or week view shows, and the UTC span to query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum


class ViewKind(StrEnum):
    MONTH = "month"
    WEEK = "week"
    AGENDA = "agenda"


@dataclass(frozen=True)
class Period:
    """The days a view shows: [first, last] inclusive, and the day it is centred on."""

    kind: ViewKind
    anchor: date
    first: date
    last: date

    @property
    def days(self) -> list[date]:
        n = (self.last - self.first).days + 1
        return [self.first + timedelta(days=i) for i in range(n)]

    def utc_span(self) -> tuple[datetime, datetime]:
        """A UTC range that surely holds every post whose local day is in the period.

        Zones run from UTC-12 to UTC+14, so pad by 14 hours on each side; the view
        then keeps only the rows whose displayed day falls in the period.
        """
        start = datetime.combine(self.first, time(0), tzinfo=UTC) - timedelta(hours=14)
        end = datetime.combine(self.last + timedelta(days=1), time(0), tzinfo=UTC)
        return start, end + timedelta(hours=14)

    def contains(self, day: date) -> bool:
        return self.first <= day <= self.last


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def period_for(kind: ViewKind, anchor: date) -> Period:
    if kind == ViewKind.WEEK:
        first = week_start(anchor)
        return Period(kind, anchor, first, first + timedelta(days=6))
    if kind == ViewKind.AGENDA:
        first = anchor.replace(day=1)
        return Period(kind, anchor, first, _month_end(first))
    month_first = anchor.replace(day=1)
    first = week_start(month_first)
    return Period(kind, anchor, first, first + timedelta(days=41))


def shift(period: Period, steps: int) -> Period:
    """The next (steps > 0) or previous period of the same kind."""
    if period.kind == ViewKind.WEEK:
        return period_for(period.kind, period.anchor + timedelta(weeks=steps))
    y, m = period.anchor.year, period.anchor.month - 1 + steps
    y, m = y + m // 12, m % 12 + 1
    return period_for(period.kind, date(y, m, 1))


def _month_end(first: date) -> date:
    nxt = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return nxt - timedelta(days=1)
