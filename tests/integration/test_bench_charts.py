"""The charts bench runs at a tiny size and gives numbers (no timing is asserted: speed
lives in bench/, see bench/README.md)."""

from __future__ import annotations

import math
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtWidgets import QApplication

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="module")
def chart_bench() -> Iterator[ModuleType]:
    sys.path.insert(0, str(BENCH))
    try:
        import charts

        yield charts
    finally:
        sys.path.remove(str(BENCH))


def test_seeded_workspace_is_what_the_charts_read(chart_bench: ModuleType, tmp_path: Path) -> None:
    done = chart_bench.seed(tmp_path / "charts", days=6, posts_a_day=2)
    assert done.posts > 0 and done.targets >= 2 * done.posts
    assert done.metric_snapshots > done.targets  # daily snapshots, not one each
    assert done.account_snapshots == 6 * len(chart_bench.ACCOUNTS)
    ws = chart_bench.open_charts_workspace(done.home)
    try:
        from datetime import timedelta

        from cmplanner.services.metrics import ChartScope
        from cmplanner.services.metrics_series import load_chart_series

        brand = ws.brands.all()[0]
        scope = ChartScope(
            frozenset({brand.id}),
            chart_bench.NOW - timedelta(days=7),
            chart_bench.NOW,
            timezone=brand.timezone,
        )
        series = load_chart_series(ws.metrics, scope)
        assert series is not None
        assert len(series.data.posts) == done.targets
        assert len(series.data.followers) == len(chart_bench.ACCOUNTS)
        assert series.figures.engagement > 0
    finally:
        ws.close()


def test_measure_gives_numbers(chart_bench: ModuleType, tmp_path: Path, qapp: QApplication) -> None:
    home = tmp_path / "charts"
    chart_bench.seed(home, days=6, posts_a_day=2)
    figs = chart_bench.measure(home, 2, warmup=0)
    assert len(figs.tab_ms) == len(figs.floor_ms) == 2
    assert all(r >= 5 for r in figs.renders)  # every chart of the tab was drawn each time
    assert math.isfinite(figs.ratio)
    assert "bare matplotlib" in chart_bench.report(figs)
