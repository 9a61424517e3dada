"""Builders shared by the calendar UI tests."""

from __future__ import annotations

from datetime import datetime

from cmplanner.domain.enums import Network, PostState
from cmplanner.services.workspace import Workspace


def seed(ws: Workspace) -> dict[str, int]:
    """A Madrid brand, two accounts, three scheduled posts, a backlog idea, a published post."""
    brand = ws.brands.create("Panadería Sol", "Europe/Madrid", color="#d9822b")
    m = ws.accounts.add_profile(brand.id, Network.MASTODON, "@sol@example.social")
    b = ws.accounts.add_profile(brand.id, Network.BLUESKY, "sol.example.com")
    ids = {
        "a": ws.posts.create(
            brand.id, "Weekend bread", local_at=datetime(2026, 11, 27, 9, 30), account_ids=[m.id]
        ).id,
        "b": ws.posts.create(
            brand.id, "Cakes for Sunday", local_at=datetime(2026, 11, 27, 12, 0), account_ids=[b.id]
        ).id,
        "c": ws.posts.create(
            brand.id, "Team Tuesday", local_at=datetime(2026, 11, 28, 16, 0), tags=["team"]
        ).id,
        "idea": ws.posts.create(brand.id, "Christmas menu idea", state=PostState.IDEA).id,
        "done": ws.posts.create(
            brand.id,
            "Already out",
            local_at=datetime(2026, 11, 20, 10, 0),
            state=PostState.PUBLISHED,
            allow_past=True,
        ).id,
    }
    ids["brand"] = brand.id
    return ids
