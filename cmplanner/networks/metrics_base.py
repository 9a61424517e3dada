"""What every network's *metrics reader* offers: the counts of published posts (in batches)
and the account's followers, as plain values. Blocking I/O: call it from a worker only.

A reader is built like a publishing client (``make_metrics_reader(account, secret, ...)``)
and wraps that client: the same HTTP session, token refresh and typed errors
(``cmplanner.networks.errors``). A count the network does not give is ``None``, never 0.

- ``post_counts(ids)`` takes at most ``batch_size`` remote ids (the network's own batch
  size: Bluesky's getPosts 25, X 100, Facebook's ``?ids=`` 50, one post per call elsewhere)
  and answers a ``CountsPage``: counts per id that the network knows, the ids it no longer
  has (``gone``: deleted, or not visible), and problems (sentences for the user) that did
  not stop the rest.
- ``account_counts()`` reads followers (and following/posts where given).
- ``NotMeasurable``: the account's sign-in does not allow reading these numbers (a missing
  permission such as LinkedIn's restricted ``r_member_social``): said plainly, and *not* a
  reason to reconnect the account (publishing still works).

Where each network's numbers come from, and what was deprecated, is in NETWORKS.md.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import requests

from cmplanner.domain.enums import Network
from cmplanner.networks.errors import NetworkError
from cmplanner.networks.publishing import AccountRef, Factory, SecretSink, load_object

#: The counts a network can give for one post (the metrics store's fields).
POST_FIELDS = ("likes", "reposts", "replies", "quotes", "bookmarks", "views", "reach")


class NotMeasurable(NetworkError):
    """These numbers cannot be read with this account's sign-in (why, in ``message``)."""


@dataclass(frozen=True)
class PostCounts:
    """What the network says about one post now. ``None``: the network does not give it."""

    likes: int | None = None
    reposts: int | None = None
    replies: int | None = None
    quotes: int | None = None
    bookmarks: int | None = None
    views: int | None = None
    reach: int | None = None


@dataclass(frozen=True)
class AccountCounts:
    followers: int | None = None
    following: int | None = None
    posts: int | None = None


@dataclass(frozen=True)
class CountsPage:
    """One batch's answer: ``counts`` by remote id, ids the network no longer shows
    (``gone``), and what went wrong without stopping the rest (``problems``)."""

    counts: Mapping[str, PostCounts]
    gone: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()


class MetricsReader(Protocol):
    """One connected account's numbers on one network."""

    network: Network
    #: The most remote ids ``post_counts`` takes at once.
    batch_size: int

    def post_counts(self, remote_ids: Sequence[str]) -> CountsPage: ...

    def account_counts(self) -> AccountCounts: ...


ReaderFactory = Factory[MetricsReader]


#: network → "module:factory" (imported on first use: start-up imports no network client).
_READERS: dict[Network, str] = {
    Network.BLUESKY: "cmplanner.networks.bluesky_metrics:make_bluesky_metrics",
    Network.MASTODON: "cmplanner.networks.mastodon_metrics:make_mastodon_metrics",
    Network.X: "cmplanner.networks.x_metrics:make_x_metrics",
    Network.FACEBOOK: "cmplanner.networks.meta_metrics:make_facebook_metrics",
    Network.INSTAGRAM: "cmplanner.networks.meta_metrics:make_instagram_metrics",
    Network.THREADS: "cmplanner.networks.meta_metrics:make_threads_metrics",
    Network.LINKEDIN: "cmplanner.networks.linkedin_metrics:make_linkedin_metrics",
}


def reader_factory(network: Network) -> ReaderFactory:
    factory: ReaderFactory = load_object(_READERS[network])
    return factory


def make_metrics_reader(
    account: AccountRef,
    secret: Mapping[str, str],
    *,
    on_secret_change: SecretSink | None = None,
    http: requests.Session | None = None,
) -> MetricsReader:
    """The metrics reader for one account, given its secret from the credential store."""
    return reader_factory(account.network)(
        account, secret, on_secret_change=on_secret_change, http=http
    )


def count(value: object) -> int | None:
    """A count from a JSON value: a non-negative int, else None (the store cleans again)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if value != value or value < 0 or value in (float("inf"),):
        return None
    return int(value)


def chunks(items: Sequence[str], size: int) -> list[Sequence[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]
