"""A month grid in one view zone (the laptop's), counted and picked in SQL on SQLite.

Shown in one zone, a post's wall time is its UTC instant plus that zone's offset at the
instant. Over the ~45 days a grid reads, the offset changes at most a couple of times
(summer time); the instants it changes at are found here in Python, and with them the
UTC interval(s) each shown day covers. SQLite then counts each interval's posts and hands
over its first chips in instant order, which within one offset is the shown order (wall
time, then id), both from the index on the stored instant. Without it every post of the
month (thousands) went to Python to be converted, counted and sorted. The answer is the
general read's (tests hold the two equal on grids with summer-time changes, a midnight one
and a half-hour one included).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Connection,
    Dialect,
    Integer,
    Select,
    String,
    bindparam,
    func,
    select,
)
from sqlalchemy import type_coerce as coerce

from cmplanner.domain.models import PostFilter
from cmplanner.domain.timezones import zone
from cmplanner.storage import core_tables

_P = core_tables.post.c

#: How far apart the offset is sampled: no zone changes its offset twice within this.
_SAMPLE = timedelta(hours=6)


def sqlite_text(instant: datetime) -> str:
    """A stored time as SQLite keeps it ("YYYY-MM-DD HH:MM:SS.ffffff", sortable text)."""
    return instant.isoformat(" ", "microseconds")


def first_in_range(q: Select[Any], column: Any) -> Select[Any]:
    """``q``'s first ``per_day`` rows with ``column`` (a stored time, compared as text) in
    [``range_lo``, ``range_hi``), in the order of that column, then id."""
    key = coerce(column, String)
    return (
        q.where(
            key >= bindparam("range_lo", "", type_=String),
            key < bindparam("range_hi", "", type_=String),
        )
        .order_by(column, _P.id)
        .limit(bindparam("per_day", 1, type_=Integer))
    )


@lru_cache(maxsize=64)
def offset_pieces(view_tz: str, start: datetime, end: datetime) -> tuple[tuple[datetime, int], ...]:
    """The view zone's UTC offset over [start, end) (naive UTC): ((from, seconds), ...),
    the first piece from ``start``; each later one from the first second it holds."""
    z = zone(view_tz)

    def offset(instant: datetime) -> int:
        off = instant.replace(tzinfo=UTC).astimezone(z).utcoffset()
        return int(off.total_seconds()) if off is not None else 0

    current = offset(start)
    pieces = [(start, current)]
    at = start
    while at < end:
        nxt = min(at + _SAMPLE, end)
        if offset(nxt) != current:
            lo, hi = at, nxt  # offset(lo) is the old one, offset(hi) the new one
            while hi - lo > timedelta(seconds=1):
                mid = lo + timedelta(seconds=int((hi - lo).total_seconds()) // 2)
                if offset(mid) == current:
                    lo = mid
                else:
                    hi = mid
            current = offset(hi)
            pieces.append((hi, current))
        at = nxt
    return tuple(pieces)


def day_intervals(
    pieces: tuple[tuple[datetime, int], ...], end: datetime, first: date, last: date
) -> dict[date, list[tuple[datetime, datetime, int]]]:
    """For each day first..last, the UTC intervals [lo, hi) whose instants show on it in
    the zone of ``pieces`` (``offset_pieces`` up to ``end``), with the offset they show
    at. One interval a day, two on a day the offset changes (or more, the offset
    changing back across midnight)."""
    out: dict[date, list[tuple[datetime, datetime, int]]] = {}
    ends = [at for at, _off in pieces[1:]] + [end]
    for (lo_piece, seconds), hi_piece in zip(pieces, ends, strict=True):
        shift = timedelta(seconds=seconds)
        day = (lo_piece + shift).date()
        while True:
            midnight = datetime.combine(day, datetime.min.time()) - shift  # as UTC
            lo = max(lo_piece, midnight)
            if lo >= hi_piece:
                break
            hi = min(hi_piece, midnight + timedelta(days=1))
            if first <= day <= last and lo < hi:
                out.setdefault(day, []).append((lo, hi, seconds))
            day += timedelta(days=1)
    return out


@lru_cache(maxsize=32)
def _count_sql(
    flt: PostFilter, dialect: Dialect, filtered: Callable[..., Select[Any]]
) -> tuple[str, tuple[str, ...], dict[str, Any]]:
    """How many posts an interval of instants holds (the calendar index answers it)."""
    utc = coerce(_P.scheduled_utc, String)
    q = filtered(select(func.count()), flt).where(
        utc >= bindparam("range_lo", "", type_=String),
        utc < bindparam("range_hi", "", type_=String),
    )
    return driver_sql(q, dialect)


@lru_cache(maxsize=32)
def _chips_sql(
    flt: PostFilter, dialect: Dialect, rows: Callable[[PostFilter], Select[Any]]
) -> tuple[str, tuple[str, ...], dict[str, Any]]:
    """An interval's first chips: in one offset, instant order is shown order."""
    return driver_sql(first_in_range(rows(flt), _P.scheduled_utc), dialect)


def driver_sql(q: Select[Any], dialect: Dialect) -> tuple[str, tuple[str, ...], dict[str, Any]]:
    """A select as the driver's SQL: (text, parameter names in order, fixed values), to
    run on the DBAPI cursor many times (a statement costs SQLite tens of microseconds;
    through the engine's execution path, several times that)."""
    compiled = q.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
    return str(compiled), tuple(compiled.positiontup or ()), dict(compiled.params)


def sqlite_zone_days(
    conn: Connection,
    flt: PostFilter,
    first: date,
    last: date,
    view_tz: str,
    per_day: int,
    *,
    filtered: Callable[..., Select[Any]],
    rows: Callable[[PostFilter], Select[Any]],
    utc_at: int,
) -> tuple[list[Any], dict[date, int]] | None:
    """(each shown day's first ``per_day`` rows as the driver gives them, every day's
    count) for the days first..last shown in ``view_tz``; ``utc_at`` is the position of
    the stored instant in a row of ``rows``. None when the driver refuses (the general
    read then runs and reports what went wrong)."""
    start = datetime.combine(first, datetime.min.time()) - timedelta(hours=14)
    end = datetime.combine(last + timedelta(days=1), datetime.min.time()) + timedelta(hours=14)
    days = day_intervals(offset_pieces(view_tz, start, end), end, first, last)
    counts: dict[date, int] = {}
    found: list[Any] = []
    try:
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            count_sql, count_order, values = _count_sql(flt, conn.dialect, filtered)
            chips_sql, chips_order, fixed = _chips_sql(flt, conn.dialect, rows)
            values = {**values, **fixed, "per_day": per_day}
            for day, intervals in days.items():
                n = 0
                for lo, hi, _seconds in intervals:
                    values["range_lo"], values["range_hi"] = sqlite_text(lo), sqlite_text(hi)
                    cursor.execute(count_sql, [values[name] for name in count_order])
                    (got_n,) = cursor.fetchone() or (0,)
                    n += got_n
                if not n:
                    continue
                counts[day] = n
                if per_day <= 0:
                    continue
                shown: list[tuple[str, int, Any]] = []
                for lo, hi, seconds in intervals:
                    values["range_lo"], values["range_hi"] = sqlite_text(lo), sqlite_text(hi)
                    cursor.execute(chips_sql, [values[name] for name in chips_order])
                    got = cursor.fetchall()
                    if len(intervals) == 1:
                        found += got
                        break
                    shift = timedelta(seconds=seconds)
                    for row in got:  # a day of two offsets: order by the shown time
                        wall = datetime.fromisoformat(row[utc_at]) + shift
                        shown.append((sqlite_text(wall), row[0], row))
                found += [row for _w, _id, row in sorted(shown)[:per_day]]
        finally:
            cursor.close()
    except sqlite3.Error:
        return None
    return found, counts
