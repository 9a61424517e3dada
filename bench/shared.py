"""The shared plan on PostgreSQL: month switch, drop and two publishers, against SQLite.

    python bench/shared.py [--posts 50000] [--switches 30] [--drops 30] [--due 1000]

Starts a throwaway PostgreSQL server on loopback exactly as the test fixture does
(``tests/support/postgres.py``: Debian's binaries, ``initdb`` into a temp folder, trust
auth, fsync off), seeds the same ``--posts`` posts (``bench/seed.py``, same seed) into a
PostgreSQL database and into an SQLite file, ``ANALYZE``s the bulk-loaded tables, then:

1. **month switch**: ``CalendarPage.go_next`` + a forced repaint in a shown window (the
   calendar's own code path: ``PostService`` rows into the calendar model), alternating
   the PostgreSQL and the SQLite window month by month; target PostgreSQL <= 2x SQLite;
2. **drop**: a ``DropRequest`` until the month is repainted (``bench/run.py``'s ``drops``)
   on PostgreSQL (SQLite alongside for reference); target median <= 30 ms;
3. **two publishers**: ``--due`` due posts on PostgreSQL drained by one ``Publisher`` in a
   process, then (on a fresh copy) by two processes started together; the network is a
   scripted client that answers after ``--latency-ms`` (standing for the server, like the
   tests' ``FakeNetwork``). Checks that the two split the work without overlap (every
   post sent once, by exactly one of them) and prints the throughput of each setup.

Needs PostgreSQL installed (``apt-get install postgresql``) and psycopg.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing as mp
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
for _p in (str(BENCH_DIR), str(ROOT)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

import seed as seeding  # noqa: E402
from bench_common import median  # noqa: E402

TARGET_SWITCH_RATIO = 2.0
TARGET_DROP_MS = 30.0
PASSPHRASE = "bench passphrase"


@dataclass
class SharedFigures:
    posts: int
    switch_pg_ms: list[float] = field(default_factory=list)
    switch_sqlite_ms: list[float] = field(default_factory=list)
    drop_pg_ms: list[float] = field(default_factory=list)
    drop_sqlite_ms: list[float] = field(default_factory=list)
    due: int = 0
    latency_ms: float = 0.0
    one_s: float = 0.0
    two_s: float = 0.0
    two_split: list[int] = field(default_factory=list)
    overlap: int = 0
    missing: int = 0

    @property
    def switch_ratio(self) -> float:
        return median(self.switch_pg_ms) / median(self.switch_sqlite_ms)

    @property
    def one_per_s(self) -> float:
        return self.due / self.one_s if self.one_s else 0.0

    @property
    def two_per_s(self) -> float:
        return self.due / self.two_s if self.two_s else 0.0

    def lines(self) -> list[str]:
        ok_switch = self.switch_ratio <= TARGET_SWITCH_RATIO
        ok_drop = median(self.drop_pg_ms) <= TARGET_DROP_MS
        ok_split = self.overlap == 0 and self.missing == 0 and all(self.two_split)
        return [
            f"month switch, {self.posts:,} posts: PostgreSQL {median(self.switch_pg_ms):.1f} ms, "
            f"SQLite {median(self.switch_sqlite_ms):.1f} ms (medians), "
            f"ratio {self.switch_ratio:.2f}x (target <= {TARGET_SWITCH_RATIO}x) "
            + ("PASS" if ok_switch else "MISS"),
            f"drop committed and repainted on PostgreSQL: median {median(self.drop_pg_ms):.1f} ms "
            f"(target <= {TARGET_DROP_MS:.0f} ms) "
            + ("PASS" if ok_drop else "MISS")
            + f"; SQLite {median(self.drop_sqlite_ms):.1f} ms",
            f"draining {self.due:,} due posts ({self.latency_ms:.0f} ms per request): one "
            f"publisher {self.one_s:.2f} s ({self.one_per_s:.0f} posts/s), two "
            f"{self.two_s:.2f} s ({self.two_per_s:.0f} posts/s, "
            f"{self.two_per_s / max(self.one_per_s, 1e-9):.2f}x), split "
            f"{'/'.join(map(str, self.two_split))}, overlap {self.overlap}, "
            f"missing {self.missing} " + ("PASS" if ok_split else "MISS"),
        ]

    def summary(self) -> dict[str, Any]:
        out = asdict(self)
        out |= {
            "switch_pg_median_ms": median(self.switch_pg_ms),
            "switch_sqlite_median_ms": median(self.switch_sqlite_ms),
            "switch_ratio": self.switch_ratio,
            "drop_pg_median_ms": median(self.drop_pg_ms),
            "drop_sqlite_median_ms": median(self.drop_sqlite_ms),
            "one_publisher_posts_per_s": self.one_per_s,
            "two_publishers_posts_per_s": self.two_per_s,
        }
        return out


# ---- the server --------------------------------------------------------------------------


@contextlib.contextmanager
def postgres() -> Iterator[Any]:
    """A throwaway server, started and removed the way the test fixture does it."""
    from tests.support.postgres import start_server, stop_server

    server = start_server()
    try:
        yield server
    finally:
        stop_server(server)


@contextlib.contextmanager
def db_env(url: str | None) -> Iterator[None]:
    """Workspaces opened inside use ``url`` (``CMPLANNER_DB``), or their SQLite file."""
    old = os.environ.pop("CMPLANNER_DB", None)
    if url:
        os.environ["CMPLANNER_DB"] = url
    try:
        yield
    finally:
        os.environ.pop("CMPLANNER_DB", None)
        if old is not None:
            os.environ["CMPLANNER_DB"] = old


def _after_bulk_load(url: str) -> None:
    """seed.py inserts explicit post ids: move the sequence past them; then ANALYZE (a bulk
    load leaves the planner without statistics until autovacuum gets to it)."""
    from sqlalchemy import text

    from cmplanner.storage.engine import make_engine

    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            for table in ("post", "post_target"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT coalesce(max(id), 1) FROM {table}))"
                    )
                )
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE"))
    finally:
        engine.dispose()


def seed_both(work: Path, pg_url: str, posts: int) -> tuple[Path, Path]:
    sqlite_home, pg_home = work / "sqlite", work / "pg"
    seeding.seed(sqlite_home, posts)
    with db_env(pg_url):
        seeding.seed(pg_home, posts)
    _after_bulk_load(pg_url)
    return sqlite_home, pg_home


# ---- 1 and 2: month switch and drop in a shown window ------------------------------------


def month_switches(
    sqlite_home: Path, pg_home: Path, pg_url: str, switches: int
) -> tuple[list[float], list[float]]:
    import run as bench_run

    with db_env(None):
        lite = bench_run.OpenWindow(sqlite_home)
    try:
        with db_env(pg_url):
            pg = bench_run.OpenWindow(pg_home)
        try:
            out: dict[str, list[float]] = {"pg": [], "sqlite": []}
            pages = {"pg": pg.window.calendar, "sqlite": lite.window.calendar}
            first = seeding.FIRST_MONTH
            stop = seeding.month_after(first, seeding.SEEDED_MONTHS)
            for page in pages.values():
                page.go_to(first)
            bench_run._settle(pg.app)
            for i in range(switches):
                order = ("pg", "sqlite") if i % 2 == 0 else ("sqlite", "pg")
                for which in order:
                    page = pages[which]
                    if seeding.month_after(page.period.anchor, 1) >= stop:
                        page.go_to(first)  # wrap round, untimed
                        bench_run._settle(pg.app)
                    t0 = time.perf_counter()
                    page.go_next()
                    page.month_view.viewport().repaint()
                    out[which].append((time.perf_counter() - t0) * 1000)
                    bench_run._settle(pg.app, 2)
            return out["pg"], out["sqlite"]
        finally:
            pg.__exit__()
    finally:
        lite.__exit__()


def drops(home: Path, url: str | None, n: int) -> list[float]:
    import run as bench_run

    with db_env(url):
        return bench_run.drops(home, n).ms


# ---- 3: publishers draining due posts ----------------------------------------------------


class ScriptedClient:
    """Stands for the network: answers every publish after ``latency_s``, keeps the keys."""

    def __init__(self, account: Any, latency_s: float, sent: list[str]) -> None:
        self.account = account
        self.network = account.network
        self._latency_s = latency_s
        self._sent = sent

    def publish(self, post: Any) -> Any:
        from cmplanner.networks.publishing import Published

        time.sleep(self._latency_s)
        self._sent.append(post.idempotency_key)
        n = len(self._sent)
        return Published(f"bench-{os.getpid()}-{n}", f"https://bench.invalid/{os.getpid()}/{n}")

    def find_existing(self, post: Any) -> Any:
        return None


def make_due_template(server: Any, due: int, work: Path) -> tuple[str, Path]:
    """A database with ``due`` posts due now on one connected account (Bluesky, scripted),
    the account's secret in an encrypted credentials file; returns (template name, file)."""
    from sqlalchemy import update

    from cmplanner.domain.enums import AccountStatus, Network
    from cmplanner.paths import Paths
    from cmplanner.services.credentials import CredentialStore
    from cmplanner.services.workspace import open_workspace
    from cmplanner.storage.tables import AccountRow

    name = server.create_database()
    creds = work / "credentials.bin"
    store = CredentialStore()
    store.use_encrypted_file(creds, PASSPHRASE)
    home = work / "due"
    ws = open_workspace(Paths(home=home, logs=home / "logs"), db_url=server.url(name))
    try:
        brand = ws.brands.create("Drain", "UTC")
        acc = ws.accounts.add_profile(brand.id, Network.BLUESKY, "drain.bench", server="")
        with ws.sessions.begin() as s:
            s.execute(
                update(AccountRow)
                .where(AccountRow.id == acc.id)
                .values(status=AccountStatus.CONNECTED.value)
            )
        store.set(acc.id, {"app_password": "bench-not-a-secret"})
        at = (datetime.now(UTC) - timedelta(minutes=1)).replace(tzinfo=None, second=0)
        for i in range(due):
            ws.posts.create(
                brand.id, f"Drain {i}", local_at=at, account_ids=[acc.id], allow_past=True
            )
    finally:
        ws.close()
    return name, creds


def _drain_worker(url: str, creds: str, home: str, latency_s: float, ready: Any, go: Any,
                  out: Any) -> None:  # fmt: skip
    """One publisher process: open the workspace, wait for the start, publish what is due."""
    from cmplanner.domain.clock import SystemClock
    from cmplanner.paths import Paths
    from cmplanner.services.credentials import CredentialStore
    from cmplanner.services.publisher import Publisher
    from cmplanner.services.workspace import open_workspace

    store = CredentialStore()
    store.use_encrypted_file(Path(creds), PASSPHRASE)
    ws = open_workspace(Paths(home=Path(home), logs=Path(home) / "logs"), db_url=url)
    sent: list[str] = []

    def client_for(account: Any, secret: Mapping[str, str], **_kw: Any) -> ScriptedClient:
        return ScriptedClient(account, latency_s, sent)

    publisher = Publisher(
        ws.sessions,
        ws.notifier,
        SystemClock(),
        store,
        is_online=lambda urls: True,
        client_for=client_for,
        media_root=ws.media.root,
    )
    try:
        with ws.sessions() as s:  # connect and warm the pool before the start
            s.execute(__import__("sqlalchemy").text("SELECT 1"))
        ready.put(os.getpid())
        go.wait()
        t0 = time.perf_counter()
        summary = publisher.publish_due()
        elapsed = time.perf_counter() - t0
        out.put((os.getpid(), elapsed, sent, summary.published, summary.problem))
    finally:
        ws.close()


def drain(server: Any, template: str, creds: Path, work: Path, processes: int,
          latency_s: float) -> tuple[float, list[list[str]], int]:  # fmt: skip
    """Seconds until ``processes`` publishers started together have drained a fresh copy of
    the template; the keys each sent; the targets left unpublished."""
    from sqlalchemy import text

    from cmplanner.storage.engine import make_engine

    name = server.create_database(template)
    url = server.url(name)
    ctx = mp.get_context("spawn")
    ready, out, go = ctx.Queue(), ctx.Queue(), ctx.Event()
    procs = [
        ctx.Process(
            target=_drain_worker,
            args=(url, str(creds), str(work / f"pub-{processes}-{i}"), latency_s, ready, go, out),
        )
        for i in range(processes)
    ]
    try:
        for p in procs:
            p.start()
        for _ in procs:
            ready.get(timeout=120)
        t0 = time.perf_counter()
        go.set()
        results = [out.get(timeout=600) for _ in procs]
        wall = time.perf_counter() - t0
        for p in procs:
            p.join(timeout=30)
        for _pid, _s, _sent, _n, problem in results:
            if problem:
                raise SystemExit(f"a publisher stopped: {problem}")
        engine = make_engine(url)
        try:
            with engine.connect() as conn:
                left = int(
                    conn.execute(
                        text("SELECT count(*) FROM post_target WHERE state <> 'published'")
                    ).scalar_one()
                )
        finally:
            engine.dispose()
        return wall, [r[2] for r in results], left
    finally:
        for p in procs:
            if p.is_alive():
                p.kill()
        server.drop_database(name)


def publishers(
    server: Any, work: Path, due: int, latency_ms: float
) -> tuple[float, float, list[int], int, int]:
    template, creds = make_due_template(server, due, work)
    latency_s = latency_ms / 1000
    one_s, _one_sent, one_left = drain(server, template, creds, work, 1, latency_s)
    two_s, two_sent, two_left = drain(server, template, creds, work, 2, latency_s)
    keys = [k for sent in two_sent for k in sent]
    overlap = len(keys) - len(set(keys))
    missing = due - len(set(keys)) + two_left + one_left
    server.drop_database(template)
    return one_s, two_s, [len(s) for s in two_sent], overlap, missing


# ---- all of it ---------------------------------------------------------------------------


def measure(posts: int = 50_000, switches: int = 30, n_drops: int = 30, due: int = 1000,
            latency_ms: float = 20.0, work: Path | None = None) -> SharedFigures:  # fmt: skip
    figs = SharedFigures(posts=posts, due=due, latency_ms=latency_ms)
    tmp = Path(work or tempfile.mkdtemp(prefix="cmplanner-bench-shared-", dir="/tmp"))
    try:
        with postgres() as server:
            pg_url = server.url(server.create_database())
            sqlite_home, pg_home = seed_both(tmp, pg_url, posts)
            figs.switch_pg_ms, figs.switch_sqlite_ms = month_switches(
                sqlite_home, pg_home, pg_url, switches
            )
            figs.drop_pg_ms = drops(pg_home, pg_url, n_drops)
            figs.drop_sqlite_ms = drops(sqlite_home, None, n_drops)
            figs.one_s, figs.two_s, figs.two_split, figs.overlap, figs.missing = publishers(
                server, tmp, due, latency_ms
            )
    finally:
        if work is None:
            shutil.rmtree(tmp, ignore_errors=True)
    return figs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=50_000)
    parser.add_argument("--switches", type=int, default=30)
    parser.add_argument("--drops", type=int, default=30)
    parser.add_argument("--due", type=int, default=1000)
    parser.add_argument("--latency-ms", type=float, default=20.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    figs = measure(args.posts, args.switches, args.drops, args.due, args.latency_ms)
    if args.json:
        print(json.dumps(figs.summary()))
    else:
        print("\n".join(figs.lines()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
