"""Frozen domain objects the services hand out. Never live ORM rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from cmplanner.domain.enums import AccountStatus, MediaKind, Network, PostState


@dataclass(frozen=True)
class Brand:
    id: int
    name: str
    timezone: str
    color: str
    brief: str = ""
    default_hashtags: str = ""
    tags: tuple[str, ...] = ()
    archived: bool = False
    version: int = 1


@dataclass(frozen=True)
class Account:
    id: int
    brand_id: int
    network: Network
    handle: str
    display_name: str = ""
    server: str = ""
    status: AccountStatus = AccountStatus.NOT_CONNECTED
    #: The server's own text limit and URL cost (Mastodon instances), when known.
    char_limit: int | None = None
    url_cost: int | None = None


@dataclass(frozen=True)
class MediaRef:
    """A media file attached to a post."""

    id: int
    sha256: str
    path: str
    mime: str
    kind: MediaKind
    bytes: int
    width: int | None
    height: int | None
    alt_text: str = ""
    original_name: str = ""


@dataclass(frozen=True)
class Variant:
    """Per-account text that overrides the base text for that account only."""

    account_id: int
    network: Network
    text: str


@dataclass(frozen=True)
class Post:
    id: int
    brand_id: int
    brand_name: str
    brand_color: str
    timezone: str
    text: str
    state: PostState
    tags: tuple[str, ...] = ()
    notes: str = ""
    local_at: datetime | None = None
    scheduled_utc: datetime | None = None
    media: tuple[MediaRef, ...] = ()
    targets: tuple[Account, ...] = ()
    variants: tuple[Variant, ...] = ()
    evergreen: bool = False
    version: int = 1
    updated_utc: datetime | None = None

    @property
    def networks(self) -> tuple[Network, ...]:
        seen: list[Network] = []
        for a in self.targets:
            if a.network not in seen:
                seen.append(a.network)
        return tuple(seen)


@dataclass(frozen=True)
class PostRow:
    """What a calendar chip needs: one light row per post in the visible range."""

    id: int
    brand_id: int
    brand_name: str
    brand_color: str
    timezone: str
    state: PostState
    head: str
    local_at: datetime | None
    scheduled_utc: datetime | None
    networks: tuple[Network, ...] = ()
    tags: tuple[str, ...] = ()
    has_media: bool = False
    #: Worst network-check result at the last save: "", "warning" or "error".
    check_level: str = ""


@dataclass(frozen=True)
class PostFilter:
    """What the calendar shows. Empty sets mean "all"."""

    brand_ids: frozenset[int] = frozenset()
    networks: frozenset[Network] = frozenset()
    states: frozenset[PostState] = frozenset()
    tags: frozenset[str] = frozenset()
    search: str = ""
    include_archived: bool = False

    def is_empty(self) -> bool:
        return not (self.brand_ids or self.networks or self.states or self.tags or self.search)


@dataclass(frozen=True)
class DraftEdit:
    """An edit in progress in the composer, journaled so a crash loses nothing."""

    key: str
    post_id: int | None
    brand_id: int | None
    text: str
    tags: tuple[str, ...] = ()
    notes: str = ""
    local_at: datetime | None = None
    media_paths: tuple[str, ...] = ()
    saved_utc: datetime | None = None
    extra: dict[str, str] = field(default_factory=dict)
