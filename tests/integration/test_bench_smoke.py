"""The benchmark's functions run at tiny sizes and give numbers (no timing assertions).

bench/ is a folder of scripts, not a package: its modules are imported from the path.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="module")
def bench() -> Iterator[ModuleType]:
    sys.path.insert(0, str(BENCH))
    try:
        import run

        yield run
    finally:
        sys.path.remove(str(BENCH))


@pytest.fixture
def seeded(bench: ModuleType, tmp_path: Path) -> Path:
    done = bench.seeding.seed(tmp_path / "big", 200)
    assert done.posts == 200
    return done.home


def test_seeded_rows_are_what_the_app_makes(bench: ModuleType, seeded: Path) -> None:
    from cmplanner.domain.models import PostFilter
    from cmplanner.domain.timezones import to_utc

    ws = bench.seeding.open_bench_workspace(seeded)
    try:
        assert len(ws.brands.all()) == len(bench.seeding.BRANDS)
        posts = ws.posts.find()
        assert len(posts) == 200
        scheduled = [p for p in posts if p.local_at is not None]
        assert scheduled
        for p in scheduled:
            brand_zone = next(b.timezone for b in ws.brands.all() if b.id == p.brand_id)
            assert p.timezone == brand_zone
            assert p.scheduled_utc == to_utc(p.local_at, p.timezone).utc
        assert any(p.targets for p in posts)
        start = bench.seeding.FIRST_MONTH
        end = bench.seeding.month_after(start, bench.seeding.SEEDED_MONTHS)
        rows = ws.posts.rows(
            PostFilter(),
            datetime.combine(start, time(0), tzinfo=UTC) - timedelta(days=1),
            datetime.combine(end, time(0), tzinfo=UTC) + timedelta(days=1),
        )
        assert len(rows) == len(scheduled)
        assert any(r.networks for r in rows)
    finally:
        ws.close()


@pytest.mark.slow
def test_cold_starts_give_ratios_and_memory(bench: ModuleType, seeded: Path) -> None:
    figs = bench.cold_starts(seeded, 1, warmup=False)
    assert len(figs.app) == len(figs.floor) == 1
    assert figs.app[0].rows > 0  # the seeded DB opened in the app and the month has chips
    assert figs.floor[0].rows > 0
    assert figs.ratio > 0 and math.isfinite(figs.ratio)
    assert figs.app_rss_mb > 0 and figs.floor_rss_mb > 0
    assert not figs.extra_modules()


def test_month_switches_and_drops_give_numbers(
    bench: ModuleType, seeded: Path, qapp: object
) -> None:
    switch = bench.month_switches(seeded, 2)
    assert len(switch.app_ms) == len(switch.raw_ms) == 2
    assert all(x > 0 for x in switch.app_ms + switch.raw_ms)
    drop = bench.drops(seeded, 2)
    assert len(drop.ms) == 2 and all(x > 0 for x in drop.ms)


def test_report_table_and_json_shape(bench: ModuleType) -> None:
    run = bench.StartRun(1.0, 10, 100_000, [], 900.0)
    floor = bench.StartRun(0.8, 10, 60_000, [], 600.0)
    starts = bench.StartFigures([run], [floor])
    figs = bench.figures(
        starts, starts, bench.SwitchFigures([5.0], [2.0], [100]), bench.DropFigures([7.0])
    )
    text = bench.table(figs)
    assert "PASS" in text and "MISS" in text  # the 2.5x switch ratio misses, the rest pass
    medians = bench.raw_medians(
        starts, starts, bench.SwitchFigures([5.0], [2.0], [100]), bench.DropFigures([7.0])
    )
    assert json.loads(json.dumps(medians))["month_switch_raw_sqlite3_ms"] == 2.0
    assert medians["cold_start_big_cpu_ratio"] == 1.5  # 900 ms of CPU against 600
    assert "CPU 1.50x" in text
