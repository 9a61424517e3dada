"""Frozen domain objects the services hand out. Never live ORM rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from cmplanner.domain.enums import AccountStatus, MediaKind, MissedSlotPolicy, Network, PostState


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
    #: What the publisher does with a post whose time passed unattended (see the policy).
    missed_slot_policy: MissedSlotPolicy = MissedSlotPolicy.ASK
    missed_slot_minutes: int = 60


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
    #: The network's own id of the account (Bluesky DID, Mastodon account id...).
    remote_id: str = ""
    avatar_url: str = ""
    #: Where this account's media is hosted publicly (Instagram/Threads need a public URL).
    media_base_url: str = ""
    #: Aware UTC instants, when known: the token's end, and the end of a rate-limit wait.
    token_expires_utc: datetime | None = None
    rate_limited_until_utc: datetime | None = None


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


_NETWORK_BY_VALUE = {n.value: n for n in Network}
HEAD_CHARS = 80


class PostRow:
    """What a calendar chip needs: one light, read-only row per post in the visible range.

    A month of a big workspace is a few thousand rows and only the visible chips are
    painted, so the text-derived fields (``head``, ``tags``, ``networks``) are worked
    out on first use rather than for every row read.
    """

    __slots__ = (
        "_head",
        "_networks",
        "_networks_raw",
        "_tags",
        "_tags_raw",
        "_text",
        "_utc",
        "approval",
        "brand_color",
        "brand_id",
        "brand_name",
        "check_level",
        "id",
        "local_at",
        "state",
        "timezone",
    )

    def __init__(
        self,
        id: int,
        brand_id: int,
        brand_name: str,
        brand_color: str,
        timezone: str,
        state: PostState,
        text: str,
        local_at: datetime | None,
        scheduled_utc: datetime | str | None,
        networks: str = "",
        tags: str = "",
        check_level: str = "",
        approval: str = "",
    ) -> None:
        self.id = id
        self.brand_id = brand_id
        self.brand_name = brand_name
        self.brand_color = brand_color
        self.timezone = timezone
        self.state = state
        self._text = text
        self.local_at = local_at
        self._utc = scheduled_utc  # text from SQLite is parsed on first use
        self._networks_raw = networks
        self._tags_raw = tags
        #: Worst network-check result at the last save: "", "warning" or "error".
        self.check_level = check_level
        #: The client's approval: "", "pending", "approved" or "changes_requested".
        self.approval = approval
        self._head: str | None = None
        self._networks: tuple[Network, ...] | None = None
        self._tags: tuple[str, ...] | None = None

    @property
    def scheduled_utc(self) -> datetime | None:
        """The UTC instant (aware), or None when unscheduled."""
        utc = self._utc
        if isinstance(utc, str):
            parsed = datetime.fromisoformat(utc)
            utc = self._utc = parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        elif utc is not None and utc.tzinfo is None:
            utc = self._utc = utc.replace(tzinfo=UTC)
        return utc

    @property
    def head(self) -> str:
        """The first words, on one line."""
        if self._head is None:
            flat = " ".join(self._text[: HEAD_CHARS * 4].split())
            self._head = flat if len(flat) <= HEAD_CHARS else flat[: HEAD_CHARS - 1] + "…"
        return self._head

    @property
    def networks(self) -> tuple[Network, ...]:
        if self._networks is None:
            self._networks = tuple(_NETWORK_BY_VALUE[n] for n in self._networks_raw.split(",") if n)
        return self._networks

    @property
    def tags(self) -> tuple[str, ...]:
        if self._tags is None:
            self._tags = tuple(t for t in self._tags_raw.split("\n") if t)
        return self._tags

    def __repr__(self) -> str:
        return f"PostRow(id={self.id}, state={self.state.value}, local_at={self.local_at})"


@dataclass(frozen=True)
class PostFilter:
    """What the calendar shows. Empty sets mean "all"."""

    brand_ids: frozenset[int] = frozenset()
    networks: frozenset[Network] = frozenset()
    states: frozenset[PostState] = frozenset()
    tags: frozenset[str] = frozenset()
    search: str = ""
    include_archived: bool = False


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
