"""Turning post rows into domain objects, and the lean calendar query."""

from __future__ import annotations

import heapq
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    DateTime,
    Dialect,
    Select,
    String,
    and_,
    bindparam,
    func,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session

from cmplanner.domain.enums import AccountStatus, Network, PostState
from cmplanner.domain.models import Account, Post, PostFilter, PostRow, Variant
from cmplanner.domain.timezones import as_aware, zone
from cmplanner.services.media import media_ref
from cmplanner.services.zone_days import (
    driver_sql,
    first_in_range,
    sqlite_text,
    sqlite_zone_days,
)
from cmplanner.storage import core_tables
from cmplanner.storage.lazy_tables import tables

# The calendar's selects use plain Core clauses (``storage.core_tables``): an ORM attribute
# would compile through the ORM and configure every mapper first (~25 ms on the way to the
# first paint), and the ORM tables themselves are imported only when first used.
_POST, _BRAND = core_tables.post, core_tables.brand
_ACCOUNT, _TARGET = core_tables.account, core_tables.post_target
_P, _B, _A, _T = _POST.c, _BRAND.c, _ACCOUNT.c, _TARGET.c

# Enum lookups by value: a dict is several times cheaper than calling the enum per row.
_STATES: dict[str, PostState] = {st.value: st for st in PostState}


def join_tags(tags: Iterable[str]) -> str:
    """Tags stored as '\\ntag\\n...\\n' so one LIKE finds an exact tag."""
    items = [t for t in tags if t]
    return "\n" + "\n".join(items) + "\n" if items else ""


def parse_tags(raw: str) -> tuple[str, ...]:
    return tuple(filter(None, raw.split("\n")))


def account_from_row(row: tables.AccountRow) -> Account:
    return Account(
        id=row.id,
        brand_id=row.brand_id,
        network=Network(row.network),
        handle=row.handle,
        display_name=row.display_name,
        server=row.server,
        status=AccountStatus(row.status),
        char_limit=row.char_limit,
        url_cost=row.url_cost,
        remote_id=row.remote_id,
        avatar_url=row.avatar_url,
        media_base_url=row.media_base_url,
        token_expires_utc=as_aware(row.token_expires_utc) if row.token_expires_utc else None,
        rate_limited_until_utc=(
            as_aware(row.rate_limited_until_utc) if row.rate_limited_until_utc else None
        ),
    )


def post_from_record(rec: tables.PostRecord, media_root: Path) -> Post:
    return Post(
        id=rec.id,
        brand_id=rec.brand_id,
        brand_name=rec.brand.name,
        brand_color=rec.brand.color,
        timezone=rec.timezone,
        text=rec.text,
        state=PostState(rec.state),
        tags=parse_tags(rec.tags),
        notes=rec.notes,
        local_at=rec.local_at,
        scheduled_utc=as_aware(rec.scheduled_utc) if rec.scheduled_utc else None,
        media=tuple(media_ref(link.media, media_root, link.alt_text) for link in rec.media_links),
        targets=tuple(account_from_row(t.account) for t in rec.targets),
        variants=tuple(
            Variant(t.account_id, Network(t.account.network), t.variant_text)
            for t in rec.targets
            if t.variant_text is not None
        ),
        evergreen=rec.evergreen,
        version=rec.version,
        updated_utc=as_aware(rec.updated_utc),
    )


def _escape_like(text: str) -> str:
    """Make % and _ in what the user typed match themselves in LIKE."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _row_query(flt: PostFilter) -> Select[*tuple[Any, ...]]:
    q = select(
        _P.id,
        _P.brand_id,
        _B.name,
        _B.color,
        _P.timezone,
        _P.state,
        _P.text,
        # Read as text and parsed with datetime.fromisoformat: several times cheaper than
        # the SQLite dialect's own DateTime processing, per row of a big month.
        type_coerce(_P.local_at, String),
        type_coerce(_P.scheduled_utc, String),
        _P.tags,
        _P.check_level,
        _P.networks,
        _P.approval,
    )
    return _filtered(q, flt)


def _filtered(q: Select[*tuple[Any, ...]], flt: PostFilter) -> Select[*tuple[Any, ...]]:
    """The calendar's filter applied to a select of posts (joined to their brand)."""
    q = q.join(_BRAND, _B.id == _P.brand_id)
    q = q.where(_P.thread_parent_id.is_(None))
    if not flt.include_archived:
        q = q.where(_B.archived.is_(False))
    if flt.brand_ids:
        q = q.where(_P.brand_id.in_(sorted(flt.brand_ids)))
    if flt.states:
        q = q.where(_P.state.in_(sorted(s.value for s in flt.states)))
    if flt.tags:
        q = q.where(
            or_(*(_P.tags.like(f"%\n{_escape_like(t)}\n%", escape="\\") for t in sorted(flt.tags)))
        )
    if flt.search.strip():
        needle = f"%{_escape_like(flt.search.strip())}%"
        q = q.where(
            or_(
                _P.text.ilike(needle, escape="\\"),
                _P.notes.ilike(needle, escape="\\"),
            )
        )
    if flt.networks:
        sub = (
            select(_T.post_id)
            .join(_ACCOUNT, _A.id == _T.account_id)
            .where(_A.network.in_(sorted(n.value for n in flt.networks)))
        )
        q = q.where(_P.id.in_(sub))
    return q


#: The span of scheduled instants a month grid reads, bound at execution.
_SPAN = and_(
    _P.scheduled_utc >= bindparam("span_start", type_=DateTime()),
    _P.scheduled_utc < bindparam("span_end", type_=DateTime()),
)


@lru_cache(maxsize=32)
def _rows_by_id_query(flt: PostFilter) -> Select[*tuple[Any, ...]]:
    """Built once per filter: building a select costs about as much as running it here."""
    return _row_query(flt).where(_P.id.in_(bindparam("ids", expanding=True)))


@lru_cache(maxsize=32)
def _day_keys_query(flt: PostFilter, zoned: bool) -> Select[*tuple[Any, ...]]:
    """(wall time, id[, utc instant, zone]) of the posts in the span, built once per filter."""
    keys = _zone_keys() if zoned else select(type_coerce(_P.local_at, String), _P.id)
    return _filtered(keys, flt).where(_SPAN)


def query_rows(
    s: Session,
    flt: PostFilter,
    start_utc: datetime | None,
    end_utc: datetime | None,
    *,
    unscheduled: bool = False,
    limit: int | None = None,
    ids: Sequence[int] | None = None,
) -> list[PostRow]:
    """Plain rows for chips: the scheduled ones in [start, end), or the backlog.

    The selects are plain Core statements run on the session's connection: through
    ``Session.execute`` every row would also pass the ORM's result machinery, which
    costs more than the query itself for a month of a big workspace.
    """
    conn = s.connection()
    if ids is not None:
        return _to_rows(conn.execute(_rows_by_id_query(flt), {"ids": list(ids)}).all())
    q = _row_query(flt)
    if unscheduled:
        q = q.where(_P.local_at.is_(None)).order_by(_P.updated_utc.desc())
    else:
        assert start_utc is not None and end_utc is not None
        q = q.where(
            and_(
                _P.scheduled_utc >= start_utc.replace(tzinfo=None),
                _P.scheduled_utc < end_utc.replace(tzinfo=None),
            )
        ).order_by(_P.scheduled_utc, _P.id)
    if limit is not None:
        q = q.limit(limit)
    return _to_rows(conn.execute(q).all())


def _to_rows(raw: Sequence[Any]) -> list[PostRow]:
    states = _STATES
    parse = _datetime
    return [
        PostRow(
            pid,
            bid,
            bname,
            color,
            tz,
            states.get(state) or PostState(state),
            text,
            parse(local_at),
            utc,
            networks,
            tags,
            level,
            approval,
        )
        for (
            pid,
            bid,
            bname,
            color,
            tz,
            state,
            text,
            local_at,
            utc,
            tags,
            level,
            networks,
            approval,
        ) in raw
    ]


@dataclass
class DayRows:
    """A month grid's worth of chips: the first ``per_day`` posts of each shown day, in
    shown order, and how many posts each day has (for "+N more" and the totals)."""

    rows: list[PostRow]
    counts: dict[date, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _wall_text(value: str | datetime) -> str:
    """A stored wall time as SQLite keeps it ("YYYY-MM-DD HH:MM:SS.ffffff"): sortable text."""
    return sqlite_text(value) if isinstance(value, datetime) else value


def query_day_rows(
    s: Session,
    flt: PostFilter,
    first: date,
    last: date,
    view_tz: str | None,
    per_day: int,
) -> DayRows:
    """The chips a month grid can show, without reading every post of the month.

    One narrow query reads each post's id and shown time (an index holds them); the
    posts are counted per shown day, and only the first ``per_day`` of each day, in
    shown order (wall time, then id), are read in full. A big month is thousands of
    posts, of which a grid shows a hundred or so.
    """
    start_utc = datetime.combine(first, datetime.min.time(), tzinfo=UTC) - timedelta(hours=14)
    end_utc = datetime.combine(last + timedelta(days=1), datetime.min.time(), tzinfo=UTC)
    end_utc += timedelta(hours=14)
    span = {"span_start": start_utc.replace(tzinfo=None), "span_end": end_utc.replace(tzinfo=None)}
    lo, hi = first.isoformat(), (last + timedelta(days=1)).isoformat()
    conn = s.connection()
    if view_tz is None and conn.dialect.name == "sqlite":
        got = _sqlite_day_rows(conn, flt, span, lo, hi, per_day)
        if got is not None:
            return got
    if view_tz is not None and conn.dialect.name == "sqlite":
        zoned_days = sqlite_zone_days(
            conn,
            flt,
            first,
            last,
            view_tz,
            per_day,
            filtered=_filtered,
            rows=_row_query,
            utc_at=8,
        )
        if zoned_days is not None:
            return DayRows(_to_rows(zoned_days[0]), zoned_days[1])
    keyed: list[tuple[str, int]]
    if view_tz is None:  # each brand's own zone: the stored wall time is the shown one
        # (the days are picked here, not in SQL: a local_at condition would lead SQLite
        # to the local_at index instead of the one that holds every column read here)
        result = conn.execute(_day_keys_query(flt, False), span)
        # plain DBAPI tuples (text and integer need no result processing): a month is
        # thousands of rows, and making each a Row costs more than reading it
        raw: Sequence[Any] = result.cursor.fetchall() if result.cursor else result.all()
        result.close()
        if raw and not isinstance(raw[0][0], str):  # PostgreSQL hands back datetimes
            raw = [(_wall_text(w), pid) for w, pid in raw if w is not None]
        keyed = [k for k in raw if k[0] is not None and lo <= k[0] < hi]
    else:
        zoned = conn.execute(_day_keys_query(flt, True), span).all()
        keyed = _view_zone_keys(zoned, view_tz, lo, hi)
    # Grouped by shown day, then each day's first chips in shown order (wall time, then
    # id): cheaper than sorting the whole month, of which a grid shows a few per day.
    by_day: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for key in keyed:
        by_day[key[0][:10]].append(key)
    chosen: list[int] = []
    counts: dict[date, int] = {}
    for day in sorted(by_day):
        keys = by_day[day]
        counts[date.fromisoformat(day)] = len(keys)
        shown = heapq.nsmallest(per_day, keys) if len(keys) > per_day else sorted(keys)
        chosen.extend(pid for _w, pid in shown)
    rows = query_rows(s, flt, None, None, ids=chosen) if chosen else []
    return DayRows(rows, counts)


@lru_cache(maxsize=32)
def _day_counts_query(flt: PostFilter) -> Select[*tuple[Any, ...]]:
    """(wall day, count) of the posts in the span, grouped in SQL (brands' own zones)."""
    day = func.substr(type_coerce(_P.local_at, String), 1, 10)
    return _filtered(select(day, func.count()), flt).where(_SPAN).group_by(day)


@lru_cache(maxsize=32)
def _first_chips_sql(
    flt: PostFilter, dialect: Dialect
) -> tuple[str, tuple[str, ...], dict[str, Any]]:
    """One day's first chips as driver SQL: (text, parameter order, the filter's values).

    Compiled once per filter; run once per shown day on the driver's own cursor, where a
    statement costs SQLite tens of microseconds (through the engine's execution path each
    would cost several times that, for three rows).
    """
    scheduled = _row_query(flt).where(_P.scheduled_utc.is_not(None))
    return driver_sql(first_in_range(scheduled, _P.local_at), dialect)


def _sqlite_day_rows(
    conn: Connection, flt: PostFilter, span: dict[str, datetime], lo: str, hi: str, per_day: int
) -> DayRows | None:
    """SQLite, brands' own zones: the counts grouped in SQL, then each day's first chips
    read with ``LIMIT`` (the local_at index hands them over in shown order) instead of
    every post of the month going to Python to be counted and sorted. None when the
    driver refuses (the general path then runs, and reports the error as it does)."""
    result = conn.execute(_day_counts_query(flt), span)
    raw: Sequence[Any] = result.cursor.fetchall() if result.cursor else result.all()
    result.close()
    counts = {date.fromisoformat(d): n for d, n in raw if d is not None and lo <= d < hi}
    if per_day <= 0 or not counts:
        return DayRows([], counts)
    sql, order, fixed = _first_chips_sql(flt, conn.dialect)
    values = dict(fixed)
    rows: list[Any] = []
    try:
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            for day in sorted(counts):
                values["range_lo"] = day.isoformat()
                values["range_hi"] = (day + timedelta(days=1)).isoformat()
                values["per_day"] = per_day
                cursor.execute(sql, [values[name] for name in order])
                rows += cursor.fetchall()
        finally:
            cursor.close()
    except sqlite3.Error:  # a locked or damaged file: the general path reports it
        return None
    return DayRows(_to_rows(rows), counts)


def _zone_keys() -> Select[*tuple[Any, ...]]:
    return select(
        type_coerce(_P.local_at, String),
        _P.id,
        type_coerce(_P.scheduled_utc, String),
        _P.timezone,
    )


def _view_zone_keys(raw: Sequence[Any], view_tz: str, lo: str, hi: str) -> list[tuple[str, int]]:
    """(shown wall time, id) of the posts shown on days lo <= day < hi in ``view_tz``."""
    view_zone = zone(view_tz)
    keyed: list[tuple[str, int]] = []
    for local_at, pid, utc, tz in raw:
        if local_at is None:
            continue
        if tz == view_tz:
            wall = _wall_text(local_at)
        else:
            instant = _datetime(utc)
            if instant is None:
                continue
            aware = instant if instant.tzinfo else instant.replace(tzinfo=UTC)
            wall = _wall_text(aware.astimezone(view_zone).replace(tzinfo=None))
        if lo <= wall < hi:
            keyed.append((wall, pid))
    return keyed


def _datetime(value: str | datetime | None) -> datetime | None:
    """SQLite hands back text, PostgreSQL a datetime."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)


def media_link(media_id: int, position: int, alt: str) -> tables.PostMediaRow:
    return tables.PostMediaRow(media_id=media_id, position=position, alt_text=alt)
