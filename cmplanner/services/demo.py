"""A sample workspace so a newcomer's calendar is alive in the first minute."""

from __future__ import annotations

import random
import tempfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from cmplanner.domain.enums import Network, PostState
from cmplanner.domain.errors import InvalidInput
from cmplanner.domain.models import Account
from cmplanner.domain.timezones import to_wall
from cmplanner.services.accounts import AccountService
from cmplanner.services.brands import BrandService
from cmplanner.services.metrics import Counts, MetricsService
from cmplanner.services.posts import MediaInput, PostService

BRANDS = (
    (
        "Panadería Sol",
        "Europe/Madrid",
        "#d9822b",
        "Warm, local, a little playful. Audience: neighbours and foodies. Avoid: diet talk.",
        "#panaderiasol #panartesano",
        ("bread", "seasonal", "events", "team"),
        (
            (Network.MASTODON, "@panaderiasol@mastodon.social"),
            (Network.BLUESKY, "sol.bsky.social"),
            (Network.INSTAGRAM, "panaderia.sol"),
        ),
    ),
    (
        "Northwind Outdoor",
        "America/New_York",
        "#2f7d5b",
        "Confident, practical, safety first. Audience: hikers 25-45. Avoid: extreme stunts.",
        "#northwindoutdoor",
        ("gear", "trails", "launch", "tips"),
        (
            (Network.X, "@northwind"),
            (Network.LINKEDIN, "northwind-outdoor"),
            (Network.FACEBOOK, "NorthwindOutdoor"),
            (Network.BLUESKY, "northwind.bsky.social"),
        ),
    ),
    (
        "Kiwi Code School",
        "Pacific/Auckland",
        "#6a4fc2",
        "Friendly, clear, encouraging. Audience: career changers. Avoid: jargon.",
        "#learntocode #kiwicode",
        ("course", "alumni", "webinar", "tips"),
        (
            (Network.LINKEDIN, "kiwi-code-school"),
            (Network.THREADS, "kiwicode"),
            (Network.MASTODON, "@kiwicode@mastodon.nz"),
        ),
    ),
)

TEXTS = (
    "Fresh out of the oven this morning: {tag} specials for the weekend. Come early!",
    "Three tips for getting started with {tag} — a short thread for beginners.",
    "Behind the scenes with our team: what a Tuesday looks like. #{tag}",
    "Big news next week. Can you guess what it is? 👀",
    "Thank you for 10,000 followers! To celebrate, a small giveaway — details below.",
    "Our {tag} guide is live: https://example.com/guide — tell us what you think.",
    "Question of the week: what would you like us to write about next?",
    "Join our free webinar on Thursday. Seats are limited, sign up today.",
    "Customer story: how Ana found her favourite {tag} with us. ❤️",
    "Reminder: we are closed on Monday for the holiday. See you Tuesday!",
)

STATE_MIX = (
    [PostState.SCHEDULED] * 6 + [PostState.DRAFT] * 3 + [PostState.READY] * 2 + [PostState.IDEA] * 2
)

#: Posts placed in the recent past whatever today's date, so published and failed
#: posts show even when the demo is made on the first day of a month.
PAST_STATES = {3: PostState.PUBLISHED, 5: PostState.FAILED, 14: PostState.PARTLY_PUBLISHED}


def _make_images(folder: Path) -> list[Path]:
    from PIL import Image, ImageDraw

    out = []
    for i, (color, size) in enumerate(
        (("#d9822b", (1080, 1080)), ("#2f7d5b", (1600, 900)), ("#6a4fc2", (1080, 1350)))
    ):
        im = Image.new("RGB", size, color)
        draw = ImageDraw.Draw(im)
        w, h = size
        draw.ellipse((w * 0.3, h * 0.3, w * 0.7, h * 0.7), fill="#ffffff")
        path = folder / f"sample-{i + 1}.jpg"  # JPEG: the one format every network takes
        im.save(path, quality=88)
        out.append(path)
    return out


def fill_demo(
    brands: BrandService,
    accounts: AccountService,
    posts: PostService,
    metrics: MetricsService | None = None,
    *,
    seed: int = 7,
) -> int:
    """Add three brands with accounts and ~60 posts; returns the number of posts made.

    With ``metrics``, also 90 days of published sample posts with made-up counts, daily
    follower counts and weekly goals, so the charts tab has something to show.
    """
    if brands.all(include_archived=True):
        raise InvalidInput(
            "This workspace already has brands; the sample is only added to an empty one.",
            "Start an empty workspace with --home pointing at a new folder.",
        )
    rng = random.Random(seed)
    now = posts.clock.now()
    made = 0
    needs_media: set[int] = set()
    with tempfile.TemporaryDirectory() as tmp:
        images = _make_images(Path(tmp))
        for name, tz, color, brief, hashtags, tags, profiles in BRANDS:
            brand = brands.create(
                name, tz, color=color, brief=brief, default_hashtags=hashtags, tags=tags
            )
            made_accounts = [accounts.add_profile(brand.id, n, h) for n, h in profiles]
            account_ids = [a.id for a in made_accounts]
            # Instagram takes no post without an image: only posts with media target it.
            needs_media.update(a.id for a in made_accounts if a.network == Network.INSTAGRAM)
            today = to_wall(now, tz).date()
            first = today.replace(day=1)
            for i in range(20):
                made += _one_post(
                    posts, brand.id, tz, account_ids, needs_media, tags, images, rng, i, first
                )
            if metrics is not None:
                usable = [a for a in made_accounts if a.network != Network.INSTAGRAM]
                made += _sample_history(posts, metrics, brand.id, tz, usable, tags, images, rng)
                for a in made_accounts:
                    metrics.set_cadence_goal(brand.id, a.network, rng.choice((2, 3, 4)))
                _sample_followers(metrics, made_accounts, rng, now)
    return made


#: Hours a sample audience engages most with (so the best-time heatmap shows a pattern).
_GOOD_HOURS = {8: 1.6, 9: 1.4, 12: 1.2, 13: 1.1, 18: 1.8, 20: 1.5}
_NETWORK_REACH = {
    Network.MASTODON: 0.6,
    Network.BLUESKY: 1.0,
    Network.X: 1.3,
    Network.LINKEDIN: 0.9,
    Network.FACEBOOK: 0.8,
    Network.THREADS: 0.7,
    Network.INSTAGRAM: 1.5,
}
SAMPLE_NOTE = "Sample post: its counts are made up (sample workspace)."


def _sample_history(
    posts: PostService,
    metrics: MetricsService,
    brand_id: int,
    tz: str,
    accounts: list[Account],
    tags: tuple[str, ...],
    images: list[Path],
    rng: random.Random,
) -> int:
    """About two published posts a week over the last 90 days, each with counts."""
    now = posts.clock.now()
    today = to_wall(now, tz).date()
    snapshots: list[tuple[int, Counts, datetime]] = []
    made = 0
    day = today - timedelta(days=90)
    while day < today - timedelta(days=1):
        day += timedelta(days=rng.choice((2, 3, 3, 4)))
        hour = rng.choice((8, 9, 10, 12, 13, 16, 18, 20, 21))
        at = datetime.combine(day, time(hour, rng.choice((0, 15, 30))))
        tag = rng.choice(tags)
        targets = rng.sample(accounts, k=rng.randint(1, min(3, len(accounts))))
        post = posts.create(
            brand_id,
            rng.choice(TEXTS).format(tag=tag),
            local_at=at,
            state=PostState.PUBLISHED,
            tags=(tag,),
            notes=SAMPLE_NOTE,
            media=[MediaInput(rng.choice(images), f"A sample picture for {tag}")]
            if made % 3 == 0
            else [],
            account_ids=[a.id for a in targets],
            allow_past=True,
        )
        made += 1
        growth = 1.0 + (90 - (today - day).days) / 120  # the brand does better lately
        target_ids = metrics.published_targets(post.id)
        for target_id, _account, network in target_ids:
            base = 20 * _NETWORK_REACH[network] * _GOOD_HOURS.get(hour, 0.7) * growth
            base *= rng.uniform(0.4, 1.8)
            taken = min(now, datetime.combine(day, time(23, 0), tzinfo=UTC) + timedelta(days=2))
            snapshots.append(
                (
                    target_id,
                    Counts(
                        likes=int(base),
                        reposts=int(base * rng.uniform(0.1, 0.3)),
                        replies=int(base * rng.uniform(0.05, 0.2)),
                        quotes=int(base * rng.uniform(0.0, 0.05)),
                        bookmarks=int(base * rng.uniform(0.0, 0.1)),
                        views=int(base * rng.uniform(25, 40))
                        if network != Network.MASTODON
                        else None,
                    ),
                    taken,
                )
            )
    metrics.record_many(posts=snapshots)
    return made


def _sample_followers(
    metrics: MetricsService, accounts: list[Account], rng: random.Random, now: datetime
) -> None:
    """A follower count a day for 90 days, growing with some noise."""
    rows: list[tuple[int, int, datetime]] = []
    for a in accounts:
        count = rng.randint(400, 3000)
        for days_ago in range(90, -1, -1):
            count += rng.randint(-3, 12)
            rows.append((a.id, count, now - timedelta(days=days_ago)))
    metrics.record_many(followers=rows)


def _one_post(
    posts: PostService,
    brand_id: int,
    tz: str,
    account_ids: list[int],
    needs_media: set[int],
    tags: tuple[str, ...],
    images: list[Path],
    rng: random.Random,
    i: int,
    first: date,
) -> int:
    tag = rng.choice(tags)
    text = rng.choice(TEXTS).format(tag=tag)
    day = first + timedelta(days=rng.randrange(0, 58))
    at = datetime.combine(
        day, time(rng.choice((8, 9, 10, 12, 13, 16, 18, 20)), rng.choice((0, 30)))
    )
    now_wall = to_wall(posts.clock.now(), tz)
    if i in PAST_STATES:
        at = datetime.combine(now_wall.date() - timedelta(days=1 + i % 3), at.time())
    targets = rng.sample(account_ids, k=rng.randint(1, len(account_ids)))
    media = [MediaInput(rng.choice(images), f"A sample picture for {tag}")] if i % 4 == 0 else []
    if not media:
        targets = [a for a in targets if a not in needs_media] or [
            a for a in account_ids if a not in needs_media
        ][:1]
    if at <= now_wall + timedelta(hours=1):
        state = rng.choice(
            (PostState.PUBLISHED, PostState.PUBLISHED, PostState.PUBLISHED, PostState.FAILED)
        )
        if i % 9 == 0:
            state = PostState.PARTLY_PUBLISHED
        state = PAST_STATES.get(i, state)
        if at > now_wall:
            at = now_wall - timedelta(hours=2)
    else:
        state = STATE_MIX[i % len(STATE_MIX)]
    unscheduled = state in (PostState.IDEA,) or (state == PostState.DRAFT and i % 2 == 0)
    posts.create(
        brand_id,
        text,
        local_at=None if unscheduled else at,
        state=state,
        tags=(tag,),
        notes="Check the photo with the client." if i % 5 == 0 else "",
        media=media,
        account_ids=targets,
        allow_past=True,
    )
    return 1
