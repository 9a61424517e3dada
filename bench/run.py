"""cmplanner's benchmark: start-up, month switch, drop and memory, as ratios from one run.

    python bench/run.py            (or: make bench)
    python bench/run.py --posts 50000 --runs 5 --switches 30 --drops 30

Seeds two workspaces under a temp folder (an empty one and one with --posts posts over
24 months), then measures, in this order:

1. cold start to the calendar painted, app (bench/app_window.py) vs floor
   (bench/floor_window.py), alternating subprocesses, on both workspaces;
2. month switch in-process (CalendarPage.go_next + a forced repaint) vs the raw sqlite3
   query of the same rows;
3. a drop committed and repainted (DropRequest -> service -> notifier -> reload -> the
   app's paint of what it updated; the whole month view repainted too, beside it);
4. resident memory at first paint (from the cold starts on the big workspace);
5. a keystroke in the composer with 7 networks targeted and 3,000 characters
   (bench/keystroke.py) vs the counting functions alone.

Prints a table with each target and PASS/MISS and writes bench/out/results.json.
See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

import charts as chart_bench  # noqa: E402
import keystroke as keystrokes  # noqa: E402
import seed as seeding  # noqa: E402
from bench_common import median  # noqa: E402
from calendar_figures import (  # noqa: E402  (figures 2 and 3)
    USER_PAUSE_S,
    DropFigures,
    OpenWindow,
    SwitchFigures,
    _settle,
    drops,
    month_switches,
)

#: bench/shared.py reaches the in-process figures' window and settling through run.
__all__ = ["OpenWindow", "_settle", "drops", "month_switches"]

APP_SCRIPT = BENCH_DIR / "app_window.py"
FLOOR_SCRIPT = BENCH_DIR / "floor_window.py"
NOW_ISO = seeding.BENCH_NOW.isoformat()
#: Never imported at start-up, whatever the floor imports.
FORBIDDEN = ("matplotlib", "requests", "keyring", "httpx", "urllib3", "aiohttp", "websockets")

TARGET_COLD_EMPTY = 1.3
TARGET_COLD_FULL = 1.5
TARGET_SWITCH_MS = 16.0
TARGET_SWITCH_RATIO = 2.0
TARGET_DROP_MS = 16.0
TARGET_RSS_EXTRA_MB = 80.0


# ---- 1. cold start ---------------------------------------------------------------------


@dataclass
class StartRun:
    seconds: float
    rows: int
    rss_kb: int
    modules: list[str]
    cpu_ms: float


def start_once(script: Path, home: Path, timeout: float = 60.0) -> StartRun:
    """Spawn a window script; the time runs until it prints its first-paint line.

    The child runs as an installed app does: with its modules' bytecode cached (pip
    compiles a package on install, PyInstaller bundles bytecode). A development
    environment with ``PYTHONDONTWRITEBYTECODE`` set would otherwise recompile every
    cmplanner module at every start, a cost no user pays; the cache goes to a folder
    next to the workspaces (``PYTHONPYCACHEPREFIX``), filled by the discarded warm-up.
    """
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("CMPLANNER_HOME", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(home.parent / "pycache")
    cmd = [sys.executable, str(script), "--home", str(home), "--now", NOW_ISO]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - t0
    try:
        _out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        _out, err = proc.communicate()
    if proc.returncode != 0 or not line.strip():
        raise RuntimeError(f"{script.name} failed ({proc.returncode}): {err.strip()[-2000:]}")
    info = json.loads(line)
    return StartRun(
        elapsed,
        int(info["rows"]),
        int(info["rss_kb"]),
        list(info["modules"]),
        float(info["cpu_ms"]),
    )


@dataclass
class StartFigures:
    app: list[StartRun] = field(default_factory=list)
    floor: list[StartRun] = field(default_factory=list)

    @property
    def app_s(self) -> float:
        return median([r.seconds for r in self.app])

    @property
    def floor_s(self) -> float:
        return median([r.seconds for r in self.floor])

    @property
    def ratio(self) -> float:
        """App over floor: the median of the pairs' ratios (each app run over the floor run
        beside it; the order alternates). The VM switches between a fast and a slow mode,
        sometimes within one bench run: a pair, run back to back, mostly sees one mode,
        while the median of all app runs and that of all floor runs may each fall in
        another (``ratio_of_medians``, reported beside it)."""
        return median([a.seconds / f.seconds for a, f in zip(self.app, self.floor, strict=True)])

    @property
    def ratio_of_medians(self) -> float:
        return self.app_s / self.floor_s

    @property
    def cpu_ratio(self) -> float:
        """App over floor, in each child's CPU time to its first paint (pairs' median)."""
        return median([a.cpu_ms / f.cpu_ms for a, f in zip(self.app, self.floor, strict=True)])

    @property
    def app_rss_mb(self) -> float:
        return median([r.rss_kb for r in self.app]) / 1024

    @property
    def floor_rss_mb(self) -> float:
        return median([r.rss_kb for r in self.floor]) / 1024

    def extra_modules(self) -> list[str]:
        """Watched modules the app imported that the floor did not (or forbidden ones)."""
        floor = set().union(*(r.modules for r in self.floor)) if self.floor else set()
        app = set().union(*(r.modules for r in self.app)) if self.app else set()
        return sorted((app - floor) | {m for m in app if m.split(".")[0] in FORBIDDEN})


def cold_starts(home: Path, runs: int, *, warmup: bool = True) -> StartFigures:
    """Alternate app and floor runs (after one discarded warm-up of each)."""
    if warmup:
        start_once(APP_SCRIPT, home)
        start_once(FLOOR_SCRIPT, home)
    figs = StartFigures()
    for i in range(runs):
        order = (APP_SCRIPT, FLOOR_SCRIPT) if i % 2 == 0 else (FLOOR_SCRIPT, APP_SCRIPT)
        for script in order:
            run = start_once(script, home)
            (figs.app if script == APP_SCRIPT else figs.floor).append(run)
    return figs


# ---- the report ------------------------------------------------------------------------


@dataclass
class Figure:
    name: str
    measured: float
    unit: str
    target: str
    ok: bool
    detail: str = ""


def figures(
    empty: StartFigures,
    full: StartFigures,
    switch: SwitchFigures,
    drop: DropFigures,
    keys: keystrokes.KeystrokeFigures | None = None,
) -> list[Figure]:
    extra_mb = full.app_rss_mb - full.floor_rss_mb
    extra_mods = sorted(set(empty.extra_modules()) | set(full.extra_modules()))
    sw_ms = median(switch.paced_ms)
    figs = [
        Figure(
            "cold start, empty DB (app/floor)",
            empty.ratio,
            "x",
            f"<= {TARGET_COLD_EMPTY}x",
            empty.ratio <= TARGET_COLD_EMPTY,
            f"app {empty.app_s * 1000:.0f} ms, floor {empty.floor_s * 1000:.0f} ms; "
            f"CPU {empty.cpu_ratio:.2f}x; ratio of medians {empty.ratio_of_medians:.2f}x",
        ),
        Figure(
            "cold start, big DB (app/floor)",
            full.ratio,
            "x",
            f"<= {TARGET_COLD_FULL}x",
            full.ratio <= TARGET_COLD_FULL,
            f"app {full.app_s * 1000:.0f} ms, floor {full.floor_s * 1000:.0f} ms; "
            f"CPU {full.cpu_ratio:.2f}x; ratio of medians {full.ratio_of_medians:.2f}x",
        ),
        Figure(
            "start-up imports (network, matplotlib)",
            len(extra_mods),
            "mods",
            "none",
            not extra_mods,
            ", ".join(extra_mods) or "none beyond the floor's",
        ),
        Figure(
            "month switch, a user's pace, median",
            sw_ms,
            "ms",
            f"<= {TARGET_SWITCH_MS:.0f} ms",
            sw_ms <= TARGET_SWITCH_MS,
            f"{USER_PAUSE_S * 1000:.0f} ms apart, read ahead; CPU "
            f"{median(switch.paced_cpu_ms):.1f} ms; back to back {median(switch.app_ms):.1f} ms",
        ),
        Figure(
            "month switch back to back vs raw sqlite3",
            switch.ratio,
            "x",
            f"<= {TARGET_SWITCH_RATIO}x",
            switch.ratio <= TARGET_SWITCH_RATIO,
            f"raw {median(switch.raw_ms):.1f} ms; "
            f"~{median([float(r) for r in switch.rows]):.0f} chips/month, "
            f"CPU {median(switch.app_cpu_ms):.1f} ms",
        ),
        Figure(
            "drop committed + repainted, median",
            median(drop.ms),
            "ms",
            f"<= {TARGET_DROP_MS:.0f} ms",
            median(drop.ms) <= TARGET_DROP_MS,
            f"CPU {median(drop.cpu_ms):.1f} ms; with the whole month repainted too: "
            f"{median(drop.full_ms):.1f} ms",
        ),
        Figure(
            "RSS at first paint, big DB (app-floor)",
            extra_mb,
            "MB",
            f"<= +{TARGET_RSS_EXTRA_MB:.0f} MB",
            extra_mb <= TARGET_RSS_EXTRA_MB,
            f"app {full.app_rss_mb:.0f} MB, floor {full.floor_rss_mb:.0f} MB",
        ),
    ]
    if keys is not None:
        figs.append(keystroke_figure(keys))
    return figs


def keystroke_figure(keys: keystrokes.KeystrokeFigures) -> Figure:
    return Figure(
        "keystroke, 7 networks, 3,000 chars",
        keys.full,
        "ms",
        f"<= {keystrokes.TARGET_KEYSTROKE_MS:.0f} ms",
        keys.full <= keystrokes.TARGET_KEYSTROKE_MS,
        f"counters, checks, problems and visible preview; counting alone {keys.pure:.1f} ms "
        f"({keys.full_ratio:.2f}x); counters only {keys.counters:.1f} ms",
    )


def chart_figures(charts: chart_bench.ChartFigures) -> list[Figure]:
    return [
        Figure(
            "charts tab: query + draw, median",
            charts.tab,
            "ms",
            f"<= {chart_bench.TARGET_MS:.0f} ms",
            charts.tab <= chart_bench.TARGET_MS,
            "1 year x 10 accounts x daily snapshots, a filter switch",
        ),
        Figure(
            "charts tab vs bare matplotlib",
            charts.ratio,
            "x",
            f"<= {chart_bench.TARGET_RATIO}x",
            charts.ratio <= chart_bench.TARGET_RATIO,
            f"bare plot of the same arrays {charts.floor:.0f} ms",
        ),
    ]


def table(figs: list[Figure]) -> str:
    lines = [f"{'figure':<42} {'measured':>12}  {'target':<12} {'':<4}  detail", "-" * 100]
    for f in figs:
        value = f"{f.measured:.0f} {f.unit}" if f.unit == "mods" else f"{f.measured:.2f} {f.unit}"
        verdict = "PASS" if f.ok else "MISS"
        lines.append(f"{f.name:<42} {value:>12}  {f.target:<12} {verdict:<4}  {f.detail}")
    return "\n".join(lines)


def raw_medians(
    empty: StartFigures,
    full: StartFigures,
    switch: SwitchFigures,
    drop: DropFigures,
    keys: keystrokes.KeystrokeFigures | None = None,
) -> dict[str, float]:
    return (keys.summary() if keys is not None else {}) | {
        "cold_start_empty_app_ms": empty.app_s * 1000,
        "cold_start_empty_floor_ms": empty.floor_s * 1000,
        "cold_start_big_app_ms": full.app_s * 1000,
        "cold_start_big_floor_ms": full.floor_s * 1000,
        "cold_start_empty_ratio": empty.ratio,
        "cold_start_big_ratio": full.ratio,
        "cold_start_empty_ratio_of_medians": empty.ratio_of_medians,
        "cold_start_big_ratio_of_medians": full.ratio_of_medians,
        "cold_start_empty_cpu_ratio": empty.cpu_ratio,
        "cold_start_big_cpu_ratio": full.cpu_ratio,
        "month_switch_app_ms": median(switch.app_ms),
        "month_switch_raw_sqlite3_ms": median(switch.raw_ms),
        "drop_ms": median(drop.ms),
        "drop_full_repaint_ms": median(drop.full_ms),
        "drop_cpu_ms": median(drop.cpu_ms),
        "month_switch_app_cpu_ms": median(switch.app_cpu_ms),
        "month_switch_paced_ms": median(switch.paced_ms),
        "month_switch_paced_cpu_ms": median(switch.paced_cpu_ms),
        "rss_big_app_mb": full.app_rss_mb,
        "rss_big_floor_mb": full.floor_rss_mb,
        "rss_empty_app_mb": empty.app_rss_mb,
        "rss_empty_floor_mb": empty.floor_rss_mb,
    }


def _timed(label: str, fn: Callable[[], Any]) -> Any:
    print(f"  {label}…", end="", flush=True)
    t0 = time.perf_counter()
    out = fn()
    print(f" {time.perf_counter() - t0:.1f} s", flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="cmplanner benchmark (see bench/README.md)")
    parser.add_argument("--posts", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=15, help="cold starts of each script")
    parser.add_argument("--switches", type=int, default=30)
    parser.add_argument("--drops", type=int, default=30)
    parser.add_argument("--keys", type=int, default=60, help="composer keystrokes")
    parser.add_argument(
        "--chart-runs", type=int, default=15, help="charts tab filter switches (0: skip)"
    )
    parser.add_argument("--work", type=Path, help="folder for the workspaces (default: temp)")
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "out" / "results.json")
    parser.add_argument("--no-publish", action="store_true", help="skip bench/publish.py")
    parser.add_argument("--inbox-items", type=int, default=10_000, help="inbox bench (0: skip)")
    parser.add_argument(
        "--no-shared", action="store_true", help="skip bench/shared.py (PostgreSQL)"
    )
    args = parser.parse_args(argv)

    work = args.work or Path(tempfile.mkdtemp(prefix="cmplanner-bench-", dir="/tmp"))
    for sub in ("empty", "big", "charts"):
        shutil.rmtree(work / sub, ignore_errors=True)
    print(f"cmplanner bench in {work} ({args.posts:,} posts)")
    try:
        empty_home = _timed(
            "seeding the empty workspace", lambda: seeding.ensure_empty(work / "empty")
        )
        seeded = _timed(
            f"seeding {args.posts:,} posts", lambda: seeding.seed(work / "big", args.posts)
        )
        empty = _timed(
            f"cold starts, empty DB ({args.runs}+{args.runs})",
            lambda: cold_starts(empty_home, args.runs),
        )
        full = _timed(
            f"cold starts, big DB ({args.runs}+{args.runs})",
            lambda: cold_starts(seeded.home, args.runs),
        )
        switch = _timed(
            f"month switches ({args.switches})", lambda: month_switches(seeded.home, args.switches)
        )
        drop = _timed(f"drops ({args.drops})", lambda: drops(seeded.home, args.drops))
        keys = (
            _timed(f"composer keystrokes ({args.keys})", lambda: keystrokes.measure(args.keys))
            if args.keys
            else None  # --keys 0: not measured, so not reported
        )
        charts = (
            _timed(
                f"charts tab, 1 year x 10 accounts ({args.chart_runs} switches)",
                lambda: chart_bench.run(work / "charts", args.chart_runs),
            )
            if args.chart_runs
            else None
        )
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)

    figs = figures(empty, full, switch, drop, keys)
    if charts is not None:
        figs += chart_figures(charts)
    print()
    print(table(figs))
    print()
    print("raw medians:")
    raws = raw_medians(empty, full, switch, drop, keys)
    if charts is not None:
        raws |= charts.summary()
    for k, v in raws.items():
        print(f"  {k:<30} {v:10.1f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    result = {
        "posts": args.posts,
        "runs": args.runs,
        "figures": [asdict(f) for f in figs],
        "medians": raws,
        "samples": {
            "cold_start_empty": {
                "app": [asdict(r) for r in empty.app],
                "floor": [asdict(r) for r in empty.floor],
            },
            "cold_start_big": {
                "app": [asdict(r) for r in full.app],
                "floor": [asdict(r) for r in full.floor],
            },
            "month_switch_app_ms": switch.app_ms,
            "month_switch_raw_ms": switch.raw_ms,
            "month_switch_rows": switch.rows,
            "drop_ms": drop.ms,
            "drop_full_repaint_ms": drop.full_ms,
            "drop_cpu_ms": drop.cpu_ms,
            "month_switch_app_cpu_ms": switch.app_cpu_ms,
            "month_switch_paced_ms": switch.paced_ms,
            "month_switch_paced_cpu_ms": switch.paced_cpu_ms,
            "keystroke": asdict(keys) if keys is not None else None,
            "charts": asdict(charts) if charts is not None else None,
        },
    }
    if not args.no_publish:  # bench/publish.py: the publisher vs raw XRPC calls (needs the PDS)
        import publish as publishing

        pub = _timed("publishing 200 posts to the local PDS", publishing.measure)
        print(
            f"publish 200 text posts: publisher {pub.publisher_ms_per_post:.2f} ms/post vs raw "
            f"{pub.raw_ms_per_post:.2f} ms/post = {pub.ratio:.2f}x "
            f"(target <= {publishing.TARGET_RATIO}x) "
            + ("PASS" if pub.ratio <= publishing.TARGET_RATIO else "MISS")
        )
        result["publish"] = asdict(pub)
    if not args.no_shared:  # bench/shared.py: the same plan on PostgreSQL (needs postgresql)
        import shared

        plan = _timed(
            f"the shared plan on PostgreSQL ({args.posts:,} posts)",
            lambda: shared.measure(args.posts, args.switches, args.drops),
        )
        print("\n".join(plan.lines()))
        result["shared"] = plan.summary()
    if args.inbox_items:  # bench/inbox.py: the inbox list vs a bare QListView of its strings
        import inbox as inbox_bench

        box = _timed(
            f"inbox list ({args.inbox_items:,} items)", lambda: inbox_bench.fresh(args.inbox_items)
        )
        print(inbox_bench.report(box))
        result["inbox"] = asdict(box)
    args.out.write_text(json.dumps(result, indent=2))
    print(f"\nwritten to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
