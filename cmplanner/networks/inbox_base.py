"""What every network's *inbox reader* offers: notifications, threads, searches, replies,
likes and reposts, as plain values. Blocking I/O: call it from a worker thread only.

A reader is built like a publishing client (``make_reader(account, secret, ...)``) and
raises the same typed errors (``cmplanner.networks.errors``). A page it returns carries what
it could read *and* what went wrong on the way (``problems``), so a malformed notification,
a deleted post or a blocked author never loses the rest of the page.

Networks without a reader say why in ``UNREADABLE`` (shown as is in the window and on the
command line).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

import requests

from cmplanner.domain.enums import InboxKind, Network
from cmplanner.networks.publishing import AccountRef, Factory, SecretSink, load_object

#: Thread posts kept per conversation: a 1,000-reply thread is cut here (the item says so).
THREAD_CAP = 200
#: Notification pages read per sync and account (a long absence is read over several syncs).
MAX_PAGES = 5


@dataclass(frozen=True)
class RemotePost:
    """A post as a network showed it (a thread member, a search hit, a notification's post).

    ``meta`` holds what a reply or a like needs later, network by network (Bluesky: ``cid``,
    ``root_uri``, ``root_cid``; Mastodon: ``visibility``). ``state`` is "" for a readable
    post, "deleted" or "blocked" when the network only says that it was there.
    """

    remote_id: str
    author_handle: str = ""
    author_name: str = ""
    author_id: str = ""
    text: str = ""
    created_utc: datetime | None = None
    remote_url: str = ""
    parent_remote_id: str = ""
    state: str = ""
    meta: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RemoteItem:
    """One inbox entry: a mention, a reply to the brand, a quote, a follow or a search hit.

    ``remote_id`` is the post's id (a follow: the follower's id); ``subject_remote_id`` the
    brand's own post it answers or quotes, when there is one.
    """

    kind: InboxKind
    remote_id: str
    author_handle: str
    author_name: str = ""
    author_id: str = ""
    text: str = ""
    created_utc: datetime | None = None
    remote_url: str = ""
    parent_remote_id: str = ""
    subject_remote_id: str = ""
    language: str = ""
    meta: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of_post(
        cls,
        kind: InboxKind,
        post: RemotePost,
        *,
        language: str = "",
        subject: str = "",
        meta: Mapping[str, str] | None = None,
    ) -> RemoteItem:
        """The entry for ``post`` (``meta`` None: the post's own)."""
        return cls(
            kind=kind,
            remote_id=post.remote_id,
            author_handle=post.author_handle,
            author_name=post.author_name,
            author_id=post.author_id,
            text=post.text,
            created_utc=post.created_utc,
            remote_url=post.remote_url,
            parent_remote_id=post.parent_remote_id,
            subject_remote_id=subject,
            language=language,
            meta=post.meta if meta is None else meta,
        )

    def as_post(self) -> RemotePost:
        return RemotePost(
            remote_id=self.remote_id,
            author_handle=self.author_handle,
            author_name=self.author_name,
            author_id=self.author_id,
            text=self.text,
            created_utc=self.created_utc,
            remote_url=self.remote_url,
            parent_remote_id=self.parent_remote_id,
            meta=self.meta,
        )


@dataclass(frozen=True)
class InboxPage:
    """What one read brought: items (oldest first), the cursor to read on from next time
    (None: keep the old one), and what could not be read (sentences for the user)."""

    items: tuple[RemoteItem, ...] = ()
    cursor: str | None = None
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Thread:
    """A conversation around one post, oldest first; ``truncated`` when cut at the cap."""

    posts: tuple[RemotePost, ...] = ()
    truncated: bool = False
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class SentReply:
    remote_id: str
    remote_url: str = ""


class InboxReader(Protocol):
    """One connected account's inbox on one network."""

    network: Network

    def notifications(self, cursor: str | None) -> InboxPage:
        """Mentions, replies to the account's posts, quotes and new followers that came
        after ``cursor`` (None: the latest page or so)."""
        ...

    def thread(self, item: RemotePost) -> Thread:
        """The conversation the post belongs to (ancestors, the post, replies)."""
        ...

    def search(self, query: str, cursor: str | None) -> InboxPage:
        """Posts matching a saved search (a ``#hashtag`` or words) newer than ``cursor``."""
        ...

    def reply(self, to: RemotePost, text: str, *, key: str) -> SentReply:
        """Answer ``to``. ``key`` is chosen and stored by the caller before the request
        (Mastodon's Idempotency-Key, Bluesky's record key): a resend never duplicates."""
        ...

    def like(self, post: RemotePost) -> None: ...

    def repost(self, post: RemotePost) -> None: ...


ReaderFactory = Factory[InboxReader]


#: network → "module:factory" (imported on first use).
_READERS: dict[Network, str] = {
    Network.MASTODON: "cmplanner.networks.mastodon_inbox:make_mastodon_inbox",
    Network.BLUESKY: "cmplanner.networks.bluesky_inbox:make_bluesky_inbox",
}

#: Why cmplanner cannot read these networks' inboxes (see ../shared/NETWORKS.md).
UNREADABLE: dict[Network, str] = {
    Network.X: (
        "X: reading mentions (GET /2/users/:id/mentions) and search needs a paid API tier "
        "that freelancers rarely have; its pay-per-use plan also charges every read."
    ),
    Network.LINKEDIN: (
        "LinkedIn: comments on your posts need the Community Management API "
        "(r_organization_social), granted only to approved apps; there is no public search."
    ),
    Network.FACEBOOK: (
        "Facebook Page: comments arrive through Meta webhooks (a public server) and need "
        "pages_read_user_engagement after Meta's app review."
    ),
    Network.INSTAGRAM: (
        "Instagram: comments need Meta's app review (instagram_manage_comments) and "
        "webhooks on a public server."
    ),
    Network.THREADS: (
        "Threads: replies need the threads_read_replies permission after Meta's app review."
    ),
}


def readable(network: Network) -> bool:
    return network in _READERS


def reader_factory(network: Network) -> ReaderFactory:
    """The factory for ``network``'s inbox reader; ``NotImplementedError`` (with the reason)
    for a network cmplanner cannot read."""
    if network not in _READERS:
        raise NotImplementedError(UNREADABLE.get(network, f"{network.label}: no inbox reader"))
    factory: ReaderFactory = load_object(_READERS[network])
    return factory


def make_reader(
    account: AccountRef,
    secret: Mapping[str, str],
    *,
    on_secret_change: SecretSink | None = None,
    http: requests.Session | None = None,
) -> InboxReader:
    return reader_factory(account.network)(
        account, secret, on_secret_change=on_secret_change, http=http
    )


def newest(ids: list[str]) -> str | None:
    """The greatest of ``ids`` (numeric ids compared as numbers: "10" > "9")."""
    if not ids:
        return None
    return max(ids, key=_id_key)


def _id_key(value: str) -> tuple[int, int, str]:
    return (1, int(value), "") if value.isdigit() else (0, 0, value)


def is_newer(candidate: str, than: str | None) -> bool:
    return than is None or _id_key(candidate) > _id_key(than)
