"""The month grid's read: each shown day's first chips and every day's count."""

from __future__ import annotations

from contextlib import suppress
from datetime import date, datetime

import pytest

from cmplanner.domain.models import Brand, PostFilter
from cmplanner.domain.periods import ViewKind, period_for
from cmplanner.domain.timezones import to_wall
from cmplanner.services.workspace import Workspace

DECEMBER = period_for(ViewKind.MONTH, date(2026, 12, 15))  # Mon 30 Nov .. Sun 10 Jan


@pytest.fixture
def madrid(ws: Workspace) -> Brand:
    return ws.brands.create("Panadería Sol", "Europe/Madrid")


@pytest.fixture
def newyork(ws: Workspace) -> Brand:
    return ws.brands.create("Northwind Outdoor", "America/New_York")


def _post(ws: Workspace, brand: Brand, text: str, at: datetime) -> int:
    return ws.posts.create(brand.id, text, local_at=at).id


def test_a_full_day_gives_its_first_chips_in_time_order_and_its_whole_count(
    ws: Workspace, madrid: Brand
) -> None:
    late = _post(ws, madrid, "late", datetime(2026, 12, 3, 18, 0))
    early = _post(ws, madrid, "early", datetime(2026, 12, 3, 8, 0))
    noon = _post(ws, madrid, "noon", datetime(2026, 12, 3, 12, 0))
    _post(ws, madrid, "evening", datetime(2026, 12, 3, 20, 0))
    lone = _post(ws, madrid, "lone", datetime(2026, 12, 4, 9, 0))
    _post(ws, madrid, "after the grid", datetime(2027, 1, 15, 9, 0))

    got = ws.posts.day_rows(PostFilter(), DECEMBER.first, DECEMBER.last, None, 2)

    assert sorted(r.id for r in got.rows) == sorted([early, noon, lone])
    assert got.counts == {date(2026, 12, 3): 4, date(2026, 12, 4): 1}
    assert got.total == 5
    assert late not in {r.id for r in got.rows}


def test_the_same_posts_as_reading_the_whole_month(
    ws: Workspace, madrid: Brand, newyork: Brand
) -> None:
    for day in (1, 2, 3, 9):
        for hour in (7, 9, 9, 13, 22):
            _post(ws, madrid, f"m{day}-{hour}", datetime(2026, 12, day, hour, 30))
            _post(ws, newyork, f"n{day}-{hour}", datetime(2026, 12, day, hour, 0))
    for view_tz in (None, "Europe/Madrid", "Asia/Tokyo"):
        everything = ws.posts.rows(PostFilter(), *DECEMBER.utc_span())
        by_day: dict[date, list[tuple[datetime, int]]] = {}
        for r in everything:
            wall = r.local_at
            if view_tz is not None and view_tz != r.timezone:
                assert r.scheduled_utc is not None
                wall = to_wall(r.scheduled_utc, view_tz)
            assert wall is not None
            if DECEMBER.contains(wall.date()):
                by_day.setdefault(wall.date(), []).append((wall, r.id))
        got = ws.posts.day_rows(PostFilter(), DECEMBER.first, DECEMBER.last, view_tz, 3)
        assert got.counts == {d: len(v) for d, v in by_day.items()}, view_tz
        first_three = {pid for v in by_day.values() for _w, pid in sorted(v)[:3]}
        assert {r.id for r in got.rows} == first_three, view_tz


def test_a_late_evening_in_new_york_is_the_next_day_in_madrid(
    ws: Workspace, newyork: Brand
) -> None:
    pid = _post(ws, newyork, "late show", datetime(2026, 12, 3, 21, 0))  # 03:00 on the 4th

    own = ws.posts.day_rows(PostFilter(), DECEMBER.first, DECEMBER.last, None, 3)
    madrid_view = ws.posts.day_rows(PostFilter(), DECEMBER.first, DECEMBER.last, "Europe/Madrid", 3)

    assert own.counts == {date(2026, 12, 3): 1}
    assert madrid_view.counts == {date(2026, 12, 4): 1}
    assert [r.id for r in madrid_view.rows] == [pid]


def test_filters_apply_to_the_counts_too(ws: Workspace, madrid: Brand, newyork: Brand) -> None:
    for hour in range(8, 14):
        _post(ws, madrid, f"bread {hour}", datetime(2026, 12, 5, hour, 0))
        _post(ws, newyork, f"trail {hour}", datetime(2026, 12, 5, hour, 0))

    got = ws.posts.day_rows(
        PostFilter(brand_ids=frozenset({newyork.id})), DECEMBER.first, DECEMBER.last, None, 2
    )
    searched = ws.posts.day_rows(
        PostFilter(search="bread 1"), DECEMBER.first, DECEMBER.last, None, 5
    )

    assert got.counts == {date(2026, 12, 5): 6}
    assert {r.brand_id for r in got.rows} == {newyork.id}
    assert len(got.rows) == 2
    assert searched.counts == {date(2026, 12, 5): 4}  # bread 10..13
    assert sorted(r.head for r in searched.rows) == ["bread 10", "bread 11", "bread 12", "bread 13"]


def test_an_empty_month_reads_nothing(ws: Workspace, madrid: Brand) -> None:
    got = ws.posts.day_rows(PostFilter(), DECEMBER.first, DECEMBER.last, None, 3)
    assert got.rows == [] and got.counts == {} and got.total == 0


def test_sqlite_counts_and_first_chips_in_sql_match_the_general_read(
    ws: Workspace, madrid: Brand, newyork: Brand, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On SQLite, in the brands' zones, the days are counted in SQL and each day's first
    chips read with LIMIT; the general read (every key of the month to Python) agrees."""
    from cmplanner.domain.enums import PostState
    from cmplanner.services import post_rows

    for day in (1, 2, 3, 9, 31):
        for hour in (7, 9, 9, 13, 23):  # two posts at the same minute: the id decides
            _post(ws, madrid, f"m{day}-{hour} bread", datetime(2026, 12, day, hour, 30))
            _post(ws, newyork, f"n{day}-{hour} boots", datetime(2026, 12, day, hour, 30))
    _post(ws, madrid, "100% off_now", datetime(2027, 1, 10, 23, 59))  # the grid's last day
    _post(ws, madrid, "next grid", datetime(2027, 1, 11, 0, 0))
    filters = [
        PostFilter(),
        PostFilter(brand_ids=frozenset({madrid.id})),
        PostFilter(states=frozenset({PostState.SCHEDULED})),
        PostFilter(search="100% off_"),
        PostFilter(search="boots"),
    ]
    if ws.engine.dialect.name != "sqlite":
        pytest.skip("the SQL count is SQLite's path")
    taken: list[bool] = []
    real = post_rows._sqlite_day_rows

    def spy(*args: object) -> post_rows.DayRows | None:
        got = real(*args)  # type: ignore[arg-type]
        taken.append(got is not None)
        return got

    for flt in filters:
        for per_day in (1, 3):
            monkeypatch.setattr(post_rows, "_sqlite_day_rows", spy)
            fast = ws.posts.day_rows(flt, DECEMBER.first, DECEMBER.last, None, per_day)
            monkeypatch.setattr(post_rows, "_sqlite_day_rows", lambda *a: None)
            general = ws.posts.day_rows(flt, DECEMBER.first, DECEMBER.last, None, per_day)
            assert sorted(r.id for r in fast.rows) == sorted(r.id for r in general.rows)
            assert fast.counts == general.counts
    assert taken and all(taken)
    assert ws.posts.day_rows(filters[3], DECEMBER.first, DECEMBER.last, None, 3).total == 1


@pytest.mark.parametrize("month", [date(2026, 10, 15), date(2027, 4, 15)])
def test_sqlite_month_in_a_view_zone_matches_the_general_read_across_summer_time(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch, month: date
) -> None:
    """Shown in one zone (the laptop's), SQLite counts the days and picks each day's
    first chips itself, from the zone's offsets over the grid: the same answer as the
    general read, on grids holding summer-time changes of the brands and of the view
    zone (at 2 a.m., at midnight in Santiago, by half an hour on Lord Howe)."""
    from cmplanner.domain.timezones import NonexistentLocalTime
    from cmplanner.services import post_rows

    if ws.engine.dialect.name != "sqlite":
        pytest.skip("the SQL count in a view zone is SQLite's path")
    grid = period_for(ViewKind.MONTH, month)
    brands = [
        ws.brands.create("Panadería Sol", "Europe/Madrid"),
        ws.brands.create("Northwind Outdoor", "America/New_York"),
        ws.brands.create("Kiwi Coffee", "Pacific/Auckland"),
    ]
    n = 0
    for brand in brands:
        for day in grid.days[::2]:
            for hour, minute in ((0, 20), (2, 30), (13, 5), (23, 40)):
                n += 1
                with suppress(NonexistentLocalTime):  # a time the clocks skip
                    ws.posts.create(
                        brand.id,
                        f"post {n}",
                        local_at=datetime(day.year, day.month, day.day, hour, minute),
                        allow_past=True,
                    )
    taken: list[bool] = []
    real = post_rows.sqlite_zone_days

    def spy(*args: object, **kwargs: object) -> object:
        got = real(*args, **kwargs)  # type: ignore[arg-type]
        taken.append(got is not None)
        return got

    zones = ["Europe/Madrid", "America/Santiago", "Australia/Lord_Howe", "Asia/Kathmandu", "UTC"]
    for view_tz in zones:
        for per_day in (1, 3):
            monkeypatch.setattr(post_rows, "sqlite_zone_days", spy)
            fast = ws.posts.day_rows(PostFilter(), grid.first, grid.last, view_tz, per_day)
            monkeypatch.setattr(post_rows, "sqlite_zone_days", lambda *a, **k: None)
            general = ws.posts.day_rows(PostFilter(), grid.first, grid.last, view_tz, per_day)
            assert fast.counts == general.counts, view_tz
            assert sorted(r.id for r in fast.rows) == sorted(r.id for r in general.rows), view_tz
    assert taken and all(taken)


def test_on_the_night_clocks_go_back_the_first_chip_is_the_earliest_shown_time(
    ws: Workspace,
) -> None:
    """Madrid's clocks go back from 03:00 to 02:00 on 31 October 2027: a post at 02:50
    before the change comes earlier than one at 02:10 after it, but shows later."""
    london = ws.brands.create("Thames Tea", "UTC")
    before = _post(ws, london, "02:50 summer time", datetime(2027, 10, 31, 0, 50))
    after = _post(ws, london, "02:10 winter time", datetime(2027, 10, 31, 1, 10))
    october = period_for(ViewKind.MONTH, date(2027, 10, 15))

    got = ws.posts.day_rows(PostFilter(), october.first, october.last, "Europe/Madrid", 1)

    assert got.counts == {date(2027, 10, 31): 2}
    assert [r.id for r in got.rows] == [after]
    assert before != after
