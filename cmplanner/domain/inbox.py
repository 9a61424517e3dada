"""The community desk's values: inbox entries, their threads, tone, crises, saved replies,
member notes and saved searches. Plain frozen dataclasses, no Qt, no SQLAlchemy."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from cmplanner.domain.enums import InboxKind, Network


class Tone(StrEnum):
    NEGATIVE = "negative"
    NEUTRAL = "neutral"
    POSITIVE = "positive"


#: Urgency at or above this marks an item "flagged" when it arrives (the user may unflag).
FLAG_AT = 0.5
#: Kinds that expect an answer from the brand.
ANSWERABLE = frozenset({InboxKind.MENTION, InboxKind.REPLY, InboxKind.QUOTE, InboxKind.SEARCH_HIT})


@dataclass(frozen=True)
class ToneResult:
    """An offline, explainable verdict: the tone, a score, urgency 0..1 and why."""

    tone: Tone
    score: int
    urgency: float
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class ThreadPost:
    remote_id: str
    author_handle: str
    author_name: str
    text: str
    created_utc: datetime | None
    #: "" readable, "deleted" or "blocked".
    state: str = ""
    #: This is the inbox item itself / a post of the brand's own account.
    is_item: bool = False
    is_own: bool = False


@dataclass(frozen=True)
class InboxEntry:
    id: int
    account_id: int
    brand_id: int
    brand_name: str
    brand_color: str
    network: Network
    account_handle: str
    kind: InboxKind
    remote_id: str
    remote_url: str
    author_handle: str
    author_name: str
    text: str
    created_utc: datetime
    tone: Tone
    tone_corrected: bool
    urgency: float
    reasons: tuple[str, ...]
    read: bool
    done: bool
    flagged: bool
    liked: bool = False
    reposted: bool = False
    reply_text: str = ""
    reply_url: str = ""
    reply_error: str = ""
    replied_utc: datetime | None = None
    language: str = ""

    @property
    def replied(self) -> bool:
        return self.replied_utc is not None

    @property
    def needs_reply(self) -> bool:
        return self.kind in ANSWERABLE and not self.done and not self.replied


@dataclass(frozen=True)
class Conversation:
    """An item with its thread as last read (``note``: what could not be read)."""

    entry: InboxEntry
    posts: tuple[ThreadPost, ...]
    note: str = ""
    member_note: str = ""


@dataclass(frozen=True)
class InboxFilter:
    brand_id: int | None = None
    network: Network | None = None
    kind: InboxKind | None = None
    unread: bool = False
    needs_reply: bool = False
    flagged: bool = False
    include_done: bool = True
    text: str = ""
    limit: int | None = None


@dataclass(frozen=True)
class AccountSync:
    """What one account's sync brought (``error``: why it stopped, for the user)."""

    account_id: int
    network: Network
    handle: str
    new: int = 0
    problems: tuple[str, ...] = ()
    error: str = ""


@dataclass(frozen=True)
class SyncReport:
    accounts: tuple[AccountSync, ...] = ()
    #: Connected accounts on networks cmplanner cannot read, with the reason.
    unreadable: tuple[str, ...] = ()
    alerts: tuple[CrisisStatus, ...] = ()

    @property
    def new(self) -> int:
        return sum(a.new for a in self.accounts)

    @property
    def failed(self) -> tuple[AccountSync, ...]:
        return tuple(a for a in self.accounts if a.error)


@dataclass(frozen=True)
class CrisisStatus:
    """Negative items of one brand in the last hour against its usual hourly rate."""

    brand_id: int
    brand_name: str
    last_hour: int
    baseline_per_hour: float
    alert: bool
    paused: bool
    holding: tuple[SavedReply, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class SavedReply:
    id: int
    brand_id: int
    name: str
    body: str
    holding: bool = False


@dataclass(frozen=True)
class SavedSearch:
    id: int
    brand_id: int
    query: str
    #: "" for every readable network the brand has.
    network: str = ""


@dataclass(frozen=True)
class BrandKeyword:
    id: int
    brand_id: int
    term: str
    tone: Tone
    urgent: bool = False
