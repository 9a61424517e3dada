"""Fast bulk seeding of a bench workspace: N posts across brands and months.

Brands and accounts go through the app's own services (a handful of rows); posts and
their targets go in with one SQLAlchemy Core ``insert`` each (executemany), which is
what makes 50,000 posts take seconds instead of minutes. The rows are the ones the app
makes itself: ``local_at`` is the wall time in the brand's zone, ``timezone`` the
brand's, ``scheduled_utc`` derived with ``cmplanner.domain.timezones.to_utc`` (so DST
gaps are skipped exactly as the app refuses them), tags stored the way ``join_tags``
stores them, and one or two ``post_target`` rows per post on the brand's accounts.

    python bench/seed.py DIR [--posts 50000] [--months 24]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path

from sqlalchemy import insert

from cmplanner.domain.clock import FixedClock
from cmplanner.domain.enums import Network, PostState
from cmplanner.domain.timezones import NonexistentLocalTime, to_utc
from cmplanner.paths import Paths
from cmplanner.services.post_rows import join_tags
from cmplanner.services.workspace import Workspace, open_workspace
from cmplanner.storage.tables import PostRecord, PostTargetRow

#: "Now" for every bench run: a Tuesday in the middle of the seeded range.
BENCH_NOW = datetime(2026, 11, 10, 10, 0, tzinfo=UTC)
#: The first month seeded; ``months`` months from here (24 by default: 2026-2027).
FIRST_MONTH = date(2026, 1, 1)
SEEDED_MONTHS = 24

BRANDS = (
    ("Panadería Sol", "Europe/Madrid", "#d9822b", (Network.MASTODON, Network.INSTAGRAM)),
    ("Northwind Outdoor", "America/New_York", "#2f7d5b", (Network.X, Network.LINKEDIN)),
    ("Kiwi Code School", "Pacific/Auckland", "#6a4fc2", (Network.LINKEDIN, Network.THREADS)),
    ("Sakura Tea", "Asia/Tokyo", "#c2476a", (Network.INSTAGRAM, Network.BLUESKY)),
    ("Harbour Dental", "Europe/London", "#3c7fb1", (Network.FACEBOOK,)),
    ("Café Lisboa", "Europe/Lisbon", "#8a5a2b", (Network.INSTAGRAM, Network.FACEBOOK)),
    ("Mesa Studio", "America/Los_Angeles", "#b1863c", (Network.BLUESKY, Network.MASTODON)),
    ("Delhi Bites", "Asia/Kolkata", "#d04a3c", (Network.X, Network.INSTAGRAM)),
)

TAGS = ("launch", "tips", "events", "team", "seasonal", "course", "gear", "story")

TEXTS = (
    "Fresh out of the oven this morning: {tag} specials for the weekend. Come early!",
    "Three tips for getting started with {tag} — a short thread for beginners.",
    "Behind the scenes with our team: what a Tuesday looks like. #{tag}",
    "Big news next week. Can you guess what it is? 👀",
    "Our {tag} guide is live: https://example.com/guide — tell us what you think.",
    "Question of the week: what would you like us to write about next?",
    "Customer story: how Ana found her favourite {tag} with us. ❤️",
    "Reminder: we are closed on Monday for the holiday. See you Tuesday!",
)

#: Share of posts left unscheduled (ideas/drafts/ready: the backlog).
UNSCHEDULED_SHARE = 0.03


@dataclass(frozen=True)
class Seeded:
    home: Path
    posts: int
    brands: int
    seconds: float


def bench_paths(home: Path) -> Paths:
    return Paths(home=home, logs=home / "logs")


def bench_clock() -> FixedClock:
    return FixedClock(BENCH_NOW)


def open_bench_workspace(home: Path) -> Workspace:
    return open_workspace(bench_paths(home), clock=bench_clock())


def month_after(first: date, months: int) -> date:
    """The first day of the month ``months`` months after ``first``'s."""
    m = first.month - 1 + months
    return date(first.year + m // 12, m % 12 + 1, 1)


def tomorrow_at_ten() -> datetime:
    """A wall time surely in the future for the bench clock, in any brand's zone."""
    return datetime.combine(BENCH_NOW.date() + timedelta(days=2), dtime(10, 0))


def _month_days(months: int) -> list[date]:
    n = (month_after(FIRST_MONTH, months) - FIRST_MONTH).days
    return [FIRST_MONTH + timedelta(days=i) for i in range(n)]


def _state_for(utc: datetime, rng: random.Random) -> PostState:
    if utc < BENCH_NOW:
        r = rng.random()
        if r < 0.85:
            return PostState.PUBLISHED
        return PostState.FAILED if r < 0.95 else PostState.PARTLY_PUBLISHED
    return PostState.SCHEDULED


def seed(home: Path, n_posts: int, *, months: int = SEEDED_MONTHS, rng_seed: int = 7) -> Seeded:
    """Create (or extend) the workspace at ``home`` with ``n_posts`` posts."""
    t0 = time.perf_counter()
    rng = random.Random(rng_seed)
    ws = open_bench_workspace(home)
    try:
        brand_tz: dict[int, str] = {}
        brand_accounts: dict[int, list[int]] = {}
        network_of: dict[int, str] = {}
        existing = {b.name: b for b in ws.brands.all(include_archived=True)}
        for name, tz, color, nets in BRANDS:
            brand = existing.get(name) or ws.brands.create(name, tz, color, tags=TAGS[:4])
            brand_tz[brand.id] = brand.timezone
            accounts = [a.id for a in ws.accounts.all(brand.id)]
            if not accounts:
                accounts = [
                    ws.accounts.add_profile(brand.id, net, f"@{name.split()[0].lower()}-{net}").id
                    for net in nets
                ]
            brand_accounts[brand.id] = accounts
            network_of.update((a.id, a.network.value) for a in ws.accounts.all(brand.id))
        brand_ids = sorted(brand_tz)
        days = _month_days(months)
        now_naive = BENCH_NOW.replace(tzinfo=None)
        posts: list[dict[str, object]] = []
        targets: list[dict[str, object]] = []
        with ws.engine.begin() as conn:
            start_id = int(conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM post").scalar())
            pid = start_id
            while len(posts) < n_posts:
                bid = rng.choice(brand_ids)
                tz = brand_tz[bid]
                tag = rng.choice(TAGS)
                text = rng.choice(TEXTS).format(tag=tag) + f" (#{len(posts) + 1})"
                local_at: datetime | None = None
                utc: datetime | None = None
                if rng.random() < UNSCHEDULED_SHARE:
                    state = rng.choice((PostState.IDEA, PostState.DRAFT, PostState.READY))
                else:
                    local_at = datetime.combine(
                        rng.choice(days), dtime(rng.randint(7, 21), rng.choice((0, 15, 30, 45)))
                    )
                    try:
                        utc = to_utc(local_at, tz).utc.replace(tzinfo=None)
                    except NonexistentLocalTime:
                        continue  # the app refuses these too
                    state = _state_for(utc.replace(tzinfo=UTC), rng)
                pid += 1
                stamp = min(utc or now_naive, now_naive) - timedelta(days=rng.randint(1, 30))
                posts.append(
                    {
                        "id": pid,
                        "brand_id": bid,
                        "text": text,
                        "state": state.value,
                        "tags": join_tags([tag] if rng.random() < 0.7 else [tag, "campaign"]),
                        "notes": "",
                        "local_at": local_at,
                        "timezone": tz,
                        "scheduled_utc": utc,
                        "created_utc": stamp,
                        "updated_utc": stamp,
                        "version": 1,
                    }
                )
                accounts = brand_accounts[bid]
                chosen = rng.sample(accounts, k=rng.randint(1, len(accounts)))
                for aid in chosen:
                    targets.append({"post_id": pid, "account_id": aid})
                # what the post service keeps in step for the calendar's chips
                posts[-1]["networks"] = ",".join(dict.fromkeys(network_of[a] for a in chosen))
            conn.execute(insert(PostRecord.__table__), posts)
            conn.execute(insert(PostTargetRow.__table__), targets)
    finally:
        ws.close()
    return Seeded(home, len(posts), len(BRANDS), time.perf_counter() - t0)


def ensure_empty(home: Path) -> Path:
    """A migrated workspace with no rows (what a first real start leaves behind)."""
    open_bench_workspace(home).close()
    return home


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("home", type=Path)
    parser.add_argument("--posts", type=int, default=50_000)
    parser.add_argument("--months", type=int, default=SEEDED_MONTHS)
    args = parser.parse_args(argv)
    done = seed(args.home, args.posts, months=args.months)
    print(f"seeded {done.posts} posts over {args.months} months in {done.seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
