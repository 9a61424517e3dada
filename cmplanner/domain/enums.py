"""Enumerations shared by every layer."""

from __future__ import annotations

from enum import StrEnum


class Network(StrEnum):
    """A social network cmplanner can plan for."""

    MASTODON = "mastodon"
    BLUESKY = "bluesky"
    X = "x"
    LINKEDIN = "linkedin"
    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    THREADS = "threads"

    @property
    def label(self) -> str:
        return _NETWORK_LABELS[self]


_NETWORK_LABELS = {
    Network.MASTODON: "Mastodon",
    Network.BLUESKY: "Bluesky",
    Network.X: "X",
    Network.LINKEDIN: "LinkedIn",
    Network.FACEBOOK: "Facebook Page",
    Network.INSTAGRAM: "Instagram",
    Network.THREADS: "Threads",
}


class PostState(StrEnum):
    """Where a post stands. The publishing states are driven by the publisher."""

    IDEA = "idea"
    DRAFT = "draft"
    READY = "ready"
    SCHEDULED = "scheduled"
    PUBLISHING = "publishing"
    PUBLISHED = "published"
    PARTLY_PUBLISHED = "partly_published"
    FAILED = "failed"

    @property
    def is_locked(self) -> bool:
        """A post the network already has (or is taking) cannot be moved or edited."""
        return self in (PostState.PUBLISHING, PostState.PUBLISHED, PostState.PARTLY_PUBLISHED)

    @property
    def is_unscheduled(self) -> bool:
        return self in (PostState.IDEA, PostState.DRAFT, PostState.READY)


class TargetState(StrEnum):
    """State of one post on one account (see the publisher issue)."""

    PENDING = "pending"
    CLAIMED = "claimed"
    PUBLISHED = "published"
    RETRY = "retry"
    FAILED = "failed"
    NEEDS_RECONNECT = "needs_reconnect"
    UNKNOWN = "unknown"
    HANDED_OFF = "handed_off"
    SKIPPED = "skipped"


class AccountStatus(StrEnum):
    NOT_CONNECTED = "not_connected"
    CONNECTED = "connected"
    NEEDS_RECONNECT = "needs_reconnect"
    RATE_LIMITED = "rate_limited"
    DISABLED = "disabled"


class InboxKind(StrEnum):
    MENTION = "mention"
    REPLY = "reply"
    QUOTE = "quote"
    FOLLOW = "follow"
    SEARCH_HIT = "search_hit"


class MediaKind(StrEnum):
    IMAGE = "image"
    GIF = "gif"
    VIDEO = "video"


class MissedSlotPolicy(StrEnum):
    """What to do with a post whose time passed while the laptop slept or was offline.

    ``LATE``: publish when late by at most the brand's ``missed_slot_minutes``; later than
    that, ask. ``SKIP``: do not publish; the post goes back to ``ready`` with a note.
    ``ASK``: leave it waiting until the user decides (``Publisher.decide_missed``).
    """

    ASK = "ask"
    LATE = "late"
    SKIP = "skip"


class AttemptResult(StrEnum):
    """How one attempt ended (``SENDING`` while the request is in flight, or after a crash)."""

    SENDING = "sending"
    PUBLISHED = "published"
    ALREADY_THERE = "already_there"
    RECONCILED = "reconciled"
    INTERRUPTED = "interrupted"
    UNKNOWN = "unknown"
    TRANSIENT = "transient"
    RATE_LIMITED = "rate_limited"
    AUTH = "auth"
    REJECTED = "rejected"
    ERROR = "error"
    HANDING_OFF = "handing_off"
    HANDED_OFF = "handed_off"
    CANCELLED = "cancelled"
