"""The charts tab's speed: one year × 10 accounts × daily snapshots, query plus draw.

    python bench/charts.py [--runs 15] [--work DIR]     (also run by bench/run.py)

Seeds a real workspace (a SQLite file migrated by ``open_workspace``): one brand in
Europe/Madrid with 10 accounts on the seven networks; over the year up to the bench's
"now", four published posts a day, each sent to two or three of the accounts
(~3,650 published targets); each target's counts snapshotted once a day for its first
30 days (~110,000 metric snapshots); each account's follower count once a day (3,660
account snapshots). Posts, targets and snapshots go in with one Core ``insert`` each.

Then, in one process under Qt's offscreen platform, a shown charts tab (1300 × 1300:
every chart on screen, so every chart is drawn) over the last 365 days is switched,
alternately, between all networks and all but Threads; each switch is timed from the
filter change until every chart of the tab is drawn and painted: the query and the series
on the worker thread, the drawing on the GUI thread. After each switch a bare matplotlib
script plots the same arrays (stacked bars, lines, a twin-axis line, an image: one new
``Figure`` per chart, Agg, the tab's figure sizes and dpi, no styling) and is timed too.
Medians and their ratio are printed.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

from bench_common import median as _median  # noqa: E402
from bench_common import qapp as _qapp  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from cmplanner.domain.clock import FixedClock  # noqa: E402
from cmplanner.domain.enums import Network, PostState, TargetState  # noqa: E402
from cmplanner.domain.timezones import NonexistentLocalTime, to_utc  # noqa: E402
from cmplanner.paths import Paths  # noqa: E402
from cmplanner.services.post_rows import join_tags  # noqa: E402
from cmplanner.services.workspace import Workspace, open_workspace  # noqa: E402
from cmplanner.storage.tables import (  # noqa: E402
    AccountSnapshotRow,
    MetricSnapshotRow,
    PostRecord,
    PostTargetRow,
)

#: "Now" for the charts bench (the same instant as bench/seed.py's).
NOW = datetime(2026, 11, 10, 10, 0, tzinfo=UTC)
ZONE = "Europe/Madrid"
DAYS = 366
POSTS_A_DAY = 4
SNAPSHOT_DAYS = 30
ACCOUNTS = (
    (Network.BLUESKY, "@bench.bsky.social"),
    (Network.BLUESKY, "@bench-shop.bsky.social"),
    (Network.MASTODON, "@bench@example.social"),
    (Network.MASTODON, "@shop@example.social"),
    (Network.X, "@bench"),
    (Network.LINKEDIN, "bench-company"),
    (Network.FACEBOOK, "Bench Page"),
    (Network.INSTAGRAM, "@bench.shop"),
    (Network.INSTAGRAM, "@bench.studio"),
    (Network.THREADS, "@bench.threads"),
)
TAGS = ("launch", "tips", "events", "team")
#: Hours an audience engages most with (so the heatmap has a pattern).
GOOD_HOURS = {8: 1.6, 9: 1.4, 12: 1.2, 13: 1.1, 18: 1.8, 20: 1.5}

TARGET_MS = 300.0
TARGET_RATIO = 1.5
SIZE = (1300, 1300)


@dataclass(frozen=True)
class Seeded:
    home: Path
    posts: int
    targets: int
    metric_snapshots: int
    account_snapshots: int
    seconds: float


def open_charts_workspace(home: Path) -> Workspace:
    return open_workspace(Paths(home=home, logs=home / "logs"), clock=FixedClock(NOW))


def seed(
    home: Path, *, days: int = DAYS, posts_a_day: int = POSTS_A_DAY, rng_seed: int = 5
) -> Seeded:
    """A brand with 10 accounts and ``days`` days of published posts and daily snapshots."""
    t0 = time.perf_counter()
    rng = random.Random(rng_seed)
    ws = open_charts_workspace(home)
    try:
        brand = ws.brands.create("Bench Bakery", ZONE, "#d9822b", tags=TAGS)
        accounts = [ws.accounts.add_profile(brand.id, n, h) for n, h in ACCOUNTS]
        for net in {a.network for a in accounts}:
            ws.metrics.set_cadence_goal(brand.id, net, 3)
        now_naive = NOW.replace(tzinfo=None)
        first_day = NOW.date() - timedelta(days=days - 1)
        posts: list[dict[str, object]] = []
        targets: list[dict[str, object]] = []
        snaps: list[dict[str, object]] = []
        pid = tid = 0
        for d in range(days):
            day = first_day + timedelta(days=d)
            for _ in range(posts_a_day):
                hour = rng.choice((8, 9, 10, 12, 13, 16, 18, 20, 21))
                local_at = datetime.combine(day, dtime(hour, rng.choice((0, 15, 30, 45))))
                try:
                    utc = to_utc(local_at, ZONE).utc.replace(tzinfo=None)
                except NonexistentLocalTime:
                    continue
                if utc >= now_naive:
                    continue
                pid += 1
                tag = rng.choice(TAGS)
                chosen = rng.sample(accounts, k=rng.randint(2, 3))
                posts.append(
                    {
                        "id": pid,
                        "brand_id": brand.id,
                        "text": f"Bench post {pid} about {tag}: fresh bread, new hours. #{tag}",
                        "state": PostState.PUBLISHED.value,
                        "tags": join_tags([tag]),
                        "notes": "",
                        "local_at": local_at,
                        "timezone": ZONE,
                        "scheduled_utc": utc,
                        "created_utc": utc - timedelta(days=2),
                        "updated_utc": utc,
                        "version": 1,
                        "networks": ",".join(dict.fromkeys(a.network.value for a in chosen)),
                    }
                )
                for a in chosen:
                    tid += 1
                    targets.append(
                        {
                            "id": tid,
                            "post_id": pid,
                            "account_id": a.id,
                            "state": TargetState.PUBLISHED.value,
                            "remote_url": f"https://example.com/{a.network.value}/{tid}",
                        }
                    )
                    final = 25 * GOOD_HOURS.get(hour, 0.7) * rng.uniform(0.4, 1.8)
                    for k in range(SNAPSHOT_DAYS):
                        taken = utc + timedelta(days=k, hours=3)
                        if taken > now_naive:
                            break
                        share = min(1.0, (k + 1) / 5)  # counts grow for ~5 days, then settle
                        base = final * share
                        snaps.append(
                            {
                                "target_id": tid,
                                "external_ref": "",
                                "taken_utc": taken,
                                "likes": int(base),
                                "reposts": int(base * 0.2),
                                "replies": int(base * 0.1),
                                "quotes": int(base * 0.02),
                                "bookmarks": int(base * 0.05),
                                "views": int(base * 30),
                                "reach": None,
                            }
                        )
        followers: list[dict[str, object]] = []
        for a in accounts:
            count = rng.randint(400, 3000)
            for d in range(days):
                count += rng.randint(-3, 12)
                followers.append(
                    {
                        "account_id": a.id,
                        "taken_utc": now_naive - timedelta(days=days - 1 - d),
                        "followers": count,
                        "following": None,
                        "posts": None,
                    }
                )
        with ws.engine.begin() as conn:
            conn.execute(insert(PostRecord.__table__), posts)
            conn.execute(insert(PostTargetRow.__table__), targets)
            conn.execute(insert(MetricSnapshotRow.__table__), snaps)
            conn.execute(insert(AccountSnapshotRow.__table__), followers)
    finally:
        ws.close()
    return Seeded(
        home, len(posts), len(targets), len(snaps), len(followers), time.perf_counter() - t0
    )


# ---- measuring -------------------------------------------------------------------------


@dataclass
class ChartFigures:
    """Milliseconds per switch: the tab (query + series + draw + paint) and the floor."""

    tab_ms: list[float] = field(default_factory=list)
    floor_ms: list[float] = field(default_factory=list)
    posts: list[int] = field(default_factory=list)
    renders: list[int] = field(default_factory=list)
    #: CPU time (``time.thread_time``), which a loaded machine inflates much less than
    #: wall time: the GUI thread's during a switch, the same query and series run again
    #: on one thread, and the bare plot's.
    gui_cpu_ms: list[float] = field(default_factory=list)
    worker_cpu_ms: list[float] = field(default_factory=list)
    floor_cpu_ms: list[float] = field(default_factory=list)

    @property
    def tab(self) -> float:
        return statistics.median(self.tab_ms) if self.tab_ms else float("nan")

    @property
    def floor(self) -> float:
        return statistics.median(self.floor_ms) if self.floor_ms else float("nan")

    @property
    def ratio(self) -> float:
        return self.tab / self.floor

    @property
    def cpu(self) -> float:
        return _median(self.gui_cpu_ms) + _median(self.worker_cpu_ms)

    @property
    def cpu_ratio(self) -> float:
        return self.cpu / _median(self.floor_cpu_ms)

    def summary(self) -> dict[str, float]:
        return {
            "charts_tab_ms": self.tab,
            "charts_bare_matplotlib_ms": self.floor,
            "charts_gui_cpu_ms": _median(self.gui_cpu_ms),
            "charts_worker_cpu_ms": _median(self.worker_cpu_ms),
            "charts_bare_cpu_ms": _median(self.floor_cpu_ms),
        }


def _wait_loaded(app: Any, tab: Any, timeout: float = 60.0) -> None:
    """Spin a real event loop (not a busy processEvents loop, which would take the GIL
    from the worker) until the newest load has been shown."""
    from PySide6.QtCore import QEventLoop, QTimer

    if not tab.loading:
        return
    loop = QEventLoop()
    tab.loading_changed.connect(loop.quit)
    QTimer.singleShot(int(timeout * 1000), loop.quit)
    while tab.loading:
        loop.exec()
    tab.loading_changed.disconnect(loop.quit)


def _wait_rendered(app: Any, panels: list[Any], before: list[int], timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while any(p.canvas.renders == n for p, n in zip(panels, before, strict=True)):
        app.processEvents()
        if time.perf_counter() > deadline:
            raise RuntimeError("the charts were not rendered")


def bare_matplotlib(series: Any, sizes: dict[str, tuple[float, float, float]]) -> float:
    """Seconds for a bare script to plot the series' arrays: one new Figure per chart at
    the tab's size and dpi, Agg, default styling, ``canvas.draw()``."""
    import matplotlib.dates as mdates
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    t0 = time.perf_counter()

    def figure(key: str) -> tuple[Any, Any]:
        w, h, dpi = sizes[key]
        fig = Figure(figsize=(w, h), dpi=dpi)
        FigureCanvasAgg(fig)
        return fig, fig.add_subplot()

    def stacked(key: str, st: Any, goal: int | None) -> None:
        fig, ax = figure(key)
        x = mdates.date2num(st.starts)
        bottom = [0] * len(x)
        for _network, values in st.by_network:
            ax.bar(x, values, width=0.8 if st.daily else 5.6, bottom=bottom)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        if goal:
            ax.axhline(goal, linestyle="--")
        fig.canvas.draw()

    stacked("engagement", series.engagement, None)
    fig, ax = figure("rates")
    r = series.rates
    pp = [(d, v) for d, v in zip(r.starts, r.per_post, strict=True) if v is not None]
    pf = [(d, v) for d, v in zip(r.starts, r.per_follower_pct, strict=True) if v is not None]
    if pp:
        ax.plot(mdates.date2num([d for d, _ in pp]), [v for _, v in pp], marker="o")
    if pf:
        ax.twinx().plot(mdates.date2num([d for d, _ in pf]), [v for _, v in pf], marker="s")
    fig.canvas.draw()
    fig, ax = figure("followers")
    for s in series.data.followers:
        ax.plot(mdates.date2num([t for t, _ in s.points]), [n for _, n in s.points])
    fig.canvas.draw()
    stacked("cadence", series.cadence, series.goal or None)
    fig, ax = figure("heatmap")
    ax.imshow(
        [[float("nan") if v is None else v for v in row] for row in series.heatmap.mean],
        aspect="auto",
    )
    fig.canvas.draw()
    return time.perf_counter() - t0


def measure(home: Path, runs: int, *, warmup: int = 2) -> ChartFigures:
    """Switch a shown charts tab between two filters ``runs`` times (after ``warmup``
    untimed switches); time each switch and the bare matplotlib floor after it."""
    from PySide6.QtCore import QDate

    from cmplanner.services.metrics_series import load_chart_series
    from cmplanner.ui.charts_tab import ChartsTab

    app = _qapp()
    ws = open_charts_workspace(home)
    figs = ChartFigures()
    tab = ChartsTab(ws)
    try:
        tab.resize(*SIZE)
        tab.show()
        _wait_loaded(app, tab)
        first = (NOW - timedelta(days=364)).date()
        tab.range.setCurrentIndex(tab.range.findData("custom"))
        tab.first.setDate(QDate(first.year, first.month, first.day))
        tab.last.setDate(QDate(NOW.year, NOW.month, NOW.day))
        _wait_loaded(app, tab)
        assert tab.body is not None
        panels = list(tab.body.panels.values())
        all_but_threads = {n.value for n in Network if n != Network.THREADS}
        for i in range(warmup + runs):
            for _ in range(3):
                app.processEvents()
            before = [p.canvas.renders for p in panels]
            c0, t0 = time.thread_time(), time.perf_counter()
            tab.networks.set_checked(all_but_threads if i % 2 == 0 else set())
            _wait_loaded(app, tab)
            _wait_rendered(app, panels, before)
            tab.repaint()
            elapsed, gui_cpu = time.perf_counter() - t0, time.thread_time() - c0
            series = tab.series
            assert series is not None
            c0 = time.thread_time()
            load_chart_series(ws.metrics, series.data.scope)
            worker_cpu = time.thread_time() - c0
            sizes = {p.key: (*p.figure.get_size_inches(), p.figure.dpi) for p in panels}
            c0 = time.thread_time()
            floor = bare_matplotlib(series, sizes)
            floor_cpu = time.thread_time() - c0
            if i >= warmup:
                figs.gui_cpu_ms.append(gui_cpu * 1000)
                figs.worker_cpu_ms.append(worker_cpu * 1000)
                figs.floor_cpu_ms.append(floor_cpu * 1000)
                figs.tab_ms.append(elapsed * 1000)
                figs.floor_ms.append(floor * 1000)
                figs.posts.append(len(series.data.posts))
                figs.renders.append(
                    sum(p.canvas.renders - n for p, n in zip(panels, before, strict=True))
                )
    finally:
        tab.close()
        tab.deleteLater()
        for _ in range(3):
            app.processEvents()
        ws.close()
    return figs


def report(figs: ChartFigures) -> str:
    ok_ms = figs.tab <= TARGET_MS
    ok_ratio = figs.ratio <= TARGET_RATIO
    return "\n".join(
        [
            f"charts, 1 year x 10 accounts ({statistics.median(figs.posts):.0f} published "
            f"targets), {len(figs.tab_ms)} switches:",
            f"  query + draw, median   {figs.tab:8.1f} ms   target <= {TARGET_MS:.0f} ms   "
            f"{'PASS' if ok_ms else 'MISS'}",
            f"  bare matplotlib median {figs.floor:8.1f} ms",
            f"  ratio                  {figs.ratio:8.2f} x    target <= {TARGET_RATIO}x      "
            f"{'PASS' if ok_ratio else 'MISS'}",
            f"  CPU time: query + series {_median(figs.worker_cpu_ms):.1f} ms (worker) + "
            f"GUI thread {_median(figs.gui_cpu_ms):.1f} ms = {figs.cpu:.1f} ms; bare "
            f"matplotlib {_median(figs.floor_cpu_ms):.1f} ms ({figs.cpu_ratio:.2f}x)",
        ]
    )


def run(home: Path, runs: int) -> ChartFigures:
    """Seed ``home`` (unless it holds a workspace already) and measure."""
    if not (home / "cmplanner.db").exists():
        seed(home)
    return measure(home, runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="cmplanner charts bench (see bench/README.md)")
    parser.add_argument("--runs", type=int, default=15, help="timed filter switches")
    parser.add_argument("--work", type=Path, help="keep the workspace in this folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cmplanner-charts-", dir="/tmp") as tmp:
        home = args.work or Path(tmp) / "charts"
        if not (home / "cmplanner.db").exists():
            done = seed(home)
            print(
                f"seeded {done.posts:,} posts, {done.targets:,} targets, "
                f"{done.metric_snapshots:,} metric and {done.account_snapshots:,} follower "
                f"snapshots in {done.seconds:.1f} s"
            )
        figs = measure(home, args.runs)
    print(report(figs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
