"""Trending hashtags and topics, as networks show them (parsing only; the readers fetch).

- Mastodon: ``GET /api/v1/trends/tags`` — tags with ``history`` (one entry a day, newest
  first, ``uses`` and ``accounts`` as strings). The recent use count is the last two days'
  uses (what Mastodon's own web app shows as "in the past 2 days"). An instance that turned
  trends off answers an empty list.
- Bluesky: ``app.bsky.unspecced.getTrends`` (``trends[]`` with ``topic``, ``displayName``,
  ``postCount``). It is *unspecced* and answered only by an AppView with a topics service:
  bsky.social has one; the local dev AppView does not ("Topics agent not available"), and
  neither does a self-hosted one as a rule. Without it, cmplanner says so and shows none.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from cmplanner.domain.enums import Network

#: Days of Mastodon's history summed into the recent use count.
RECENT_DAYS = 2
LIMIT = 20

BLUESKY_NO_TRENDS = (
    "Bluesky: this server offers no trending topics (its AppView has no topics service)."
)


@dataclass(frozen=True)
class TrendTag:
    """One trending hashtag (Mastodon) or topic (Bluesky).

    ``uses``: recent posts with it (Mastodon: last two days; Bluesky: the trend's post
    count); ``accounts``: people using it (Mastodon only, else 0).
    """

    name: str
    uses: int
    accounts: int = 0
    network: Network = Network.MASTODON

    @property
    def insert_text(self) -> str:
        """What goes into a post: ``#name`` for one word, the topic as is otherwise."""
        return f"#{self.name}" if self.name and " " not in self.name else self.name


def _int(value: Any) -> int:
    try:
        return max(int(str(value)), 0)
    except ValueError:
        return 0


def parse_mastodon_tags(body: Any) -> list[TrendTag]:
    """``/api/v1/trends/tags``; malformed entries are skipped."""
    out: list[TrendTag] = []
    for raw in body if isinstance(body, list) else []:
        if not isinstance(raw, dict) or not str(raw.get("name") or "").strip():
            continue
        history = [h for h in raw.get("history") or [] if isinstance(h, dict)][:RECENT_DAYS]
        out.append(
            TrendTag(
                name=str(raw["name"]).strip().lstrip("#"),
                uses=sum(_int(h.get("uses")) for h in history),
                accounts=sum(_int(h.get("accounts")) for h in history),
                network=Network.MASTODON,
            )
        )
    return out


def parse_bluesky_trends(body: Any) -> list[TrendTag]:
    """``app.bsky.unspecced.getTrends``; malformed entries are skipped."""
    trends = body.get("trends") if isinstance(body, dict) else None
    out: list[TrendTag] = []
    for raw in trends if isinstance(trends, list) else []:
        if not isinstance(raw, dict):
            continue
        name = str(raw.get("displayName") or raw.get("topic") or "").strip()
        if name:
            out.append(TrendTag(name.lstrip("#"), _int(raw.get("postCount")), 0, Network.BLUESKY))
    return out


def merge(tags: list[TrendTag], limit: int = LIMIT) -> list[TrendTag]:
    """One entry per name (case-insensitive, counts added up), most used first."""
    by_name: dict[str, TrendTag] = {}
    for tag in tags:
        key = tag.name.casefold()
        old = by_name.get(key)
        by_name[key] = (
            tag
            if old is None
            else TrendTag(old.name, old.uses + tag.uses, old.accounts + tag.accounts, old.network)
        )
    return sorted(by_name.values(), key=lambda t: (-t.uses, t.name.casefold()))[:limit]


def dump(tags: list[TrendTag]) -> str:
    return json.dumps([{**asdict(t), "network": t.network.value} for t in tags])


def load(text: str) -> list[TrendTag]:
    try:
        raw = json.loads(text) if text else []
    except ValueError:
        return []
    out = []
    for r in raw if isinstance(raw, list) else []:
        if isinstance(r, dict) and r.get("name"):
            try:
                network = Network(r.get("network", Network.MASTODON.value))
            except ValueError:
                continue
            out.append(
                TrendTag(str(r["name"]), _int(r.get("uses")), _int(r.get("accounts")), network)
            )
    return out
