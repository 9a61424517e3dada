"""A brand with a month of posts to put in an approval pack (shared by the pack tests)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PIL import Image

from cmplanner.domain.enums import Network, PostState
from cmplanner.services.posts import MediaInput
from cmplanner.services.workspace import Workspace


@dataclass(frozen=True)
class PackPlan:
    brand_id: int
    draft: int  # a draft on Bluesky and Mastodon (with its own Mastodon text)
    scheduled: int  # scheduled, with two pictures, on Bluesky and Instagram
    ready: int  # a ready thread too long for one Bluesky post
    no_picture: int  # an Instagram draft without a picture: cannot become ready
    published: int  # published: never in a pack
    other_month: int  # scheduled in January: outside the pack


def picture(path: Path, color: str, size: tuple[int, int] = (1600, 1200)) -> Path:
    Image.new("RGB", size, color).save(path, "JPEG", quality=90)
    return path


def make_plan(ws: Workspace, tmp: Path) -> PackPlan:
    brand = ws.brands.create("Panadería Sol", "Europe/Madrid", color="#e0a526")
    sky = ws.accounts.add_profile(brand.id, Network.BLUESKY, "sol.bsky.social", "Panadería Sol")
    masto = ws.accounts.add_profile(brand.id, Network.MASTODON, "sol@mastodon.social")
    insta = ws.accounts.add_profile(brand.id, Network.INSTAGRAM, "panaderiasol")
    one = picture(tmp / "bread.jpg", "#c8873a")
    two = picture(tmp / "oven.jpg", "#7a3b12", (960, 1200))
    draft = ws.posts.create(
        brand.id,
        "Nuevo pan de centeno 🥖 #pan https://sol.example/centeno",
        local_at=datetime(2026, 12, 2, 9, 30),
        state=PostState.DRAFT,
        account_ids=[sky.id, masto.id],
        variants={masto.id: "Pan de centeno, recién hecho. #pan @vecinos@mastodon.social"},
    )
    scheduled = ws.posts.create(
        brand.id,
        "Horno abierto el domingo ☀️",
        local_at=datetime(2026, 12, 6, 18, 0),
        state=PostState.SCHEDULED,
        account_ids=[sky.id, insta.id],
        media=[MediaInput(one, "Una hogaza"), MediaInput(two, "")],
    )
    ready = ws.posts.create(
        brand.id,
        " ".join(f"Consejo {i}: guarda el pan envuelto en un paño." for i in range(12)),
        local_at=datetime(2026, 12, 10, 8, 0),
        state=PostState.READY,
        account_ids=[sky.id],
    )
    no_picture = ws.posts.create(
        brand.id,
        "Foto pendiente del escaparate",
        local_at=datetime(2026, 12, 12, 11, 0),
        state=PostState.DRAFT,
        account_ids=[insta.id],
    )
    published = ws.posts.create(
        brand.id,
        "Ya publicado",
        local_at=datetime(2026, 12, 1, 10, 0),
        state=PostState.PUBLISHED,
        account_ids=[sky.id],
    )
    other = ws.posts.create(
        brand.id,
        "Enero",
        local_at=datetime(2027, 1, 5, 10, 0),
        state=PostState.SCHEDULED,
        account_ids=[sky.id],
    )
    return PackPlan(
        brand.id, draft.id, scheduled.id, ready.id, no_picture.id, published.id, other.id
    )
