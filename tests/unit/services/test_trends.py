"""Trending hashtags: a fake Mastodon instance answers /api/v1/trends/tags with the
documented shape (history newest first, counts as strings); the brand's list is kept in the
database and read again only when it is an hour old."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from cmplanner.domain.clock import FixedClock
from cmplanner.domain.enums import Network
from cmplanner.networks.trends import TrendTag, merge, parse_bluesky_trends, parse_mastodon_tags
from cmplanner.services.trends import TrendsService
from cmplanner.services.workspace import Workspace

from .inbox_support import ME, Desk


def tag(name: str, *days: tuple[int, int]) -> dict[str, Any]:
    return {
        "name": name,
        "url": f"https://example.social/tags/{name}",
        "history": [
            {"day": str(1732579200 - 86400 * i), "uses": str(u), "accounts": str(a)}
            for i, (u, a) in enumerate(days)
        ],
    }


TAGS = [
    tag("CafeDeEspecialidad", (120, 40), (80, 30), (500, 200)),  # only 2 days count
    tag("BlackFriday", (900, 600), (300, 200)),
    {"name": "", "history": []},  # malformed: skipped
    "garbage",
    tag("otoño", (5, 2)),
]


def test_mastodon_tags_count_the_last_two_days() -> None:
    tags = parse_mastodon_tags(TAGS)
    assert tags == [
        TrendTag("CafeDeEspecialidad", 200, 70),
        TrendTag("BlackFriday", 1200, 800),
        TrendTag("otoño", 5, 2),
    ]
    assert tags[0].insert_text == "#CafeDeEspecialidad"
    assert parse_mastodon_tags({"error": "nope"}) == []


def test_bluesky_trends_and_merge() -> None:
    body = {
        "trends": [
            {"topic": "blackfriday", "displayName": "BlackFriday", "postCount": 3000},
            {"topic": "taylor swift", "displayName": "Taylor Swift", "postCount": "12"},
            {"postCount": 4},
        ]
    }
    tags = parse_bluesky_trends(body)
    assert [(t.name, t.uses, t.network) for t in tags] == [
        ("BlackFriday", 3000, Network.BLUESKY),
        ("Taylor Swift", 12, Network.BLUESKY),
    ]
    assert tags[1].insert_text == "Taylor Swift"
    merged = merge(parse_mastodon_tags(TAGS) + tags, limit=3)
    assert [(t.name, t.uses) for t in merged] == [
        ("BlackFriday", 4200),
        ("CafeDeEspecialidad", 200),
        ("Taylor Swift", 12),
    ]


@pytest.fixture
def server(httpserver_ipv4: HTTPServer) -> HTTPServer:
    return httpserver_ipv4


def test_trends_are_read_once_an_hour_and_kept(
    ws: Workspace, clock: FixedClock, server: HTTPServer
) -> None:
    desk = Desk(ws, clock)
    desk.account(
        Network.MASTODON,
        "cafesol@example.social",
        server=server.url_for("/").rstrip("/"),
        remote_id=ME,
    )
    desk.account(Network.X, "cafesol")  # cannot be read: not asked
    trends = TrendsService(desk.inbox)
    assert trends.cached(desk.brand.id).stale and not trends.cached(desk.brand.id).tags

    server.expect_oneshot_request("/api/v1/trends/tags").respond_with_json(TAGS)
    got = trends.refresh(desk.brand.id)
    assert [t.name for t in got.tags] == ["BlackFriday", "CafeDeEspecialidad", "otoño"]
    assert not got.stale and got.problems == ()
    # within the hour: from the database, no request (the one-shot answer is used up)
    clock.advance(timedelta(minutes=59))
    assert trends.refresh(desk.brand.id).tags == got.tags
    assert TrendsService(desk.inbox).cached(desk.brand.id).tags == got.tags  # another composer
    server.check_assertions()

    # an hour later it is read again; a failure keeps the last tags and says why
    clock.advance(timedelta(minutes=2))
    assert trends.cached(desk.brand.id).stale
    server.expect_oneshot_request("/api/v1/trends/tags").respond_with_json(
        {"error": "This action is not allowed"}, status=403
    )
    failed = trends.refresh(desk.brand.id)
    assert failed.tags == got.tags and not failed.stale
    assert failed.problems and failed.problems[0].startswith("Mastodon: trends could not be read")
