"""Bluesky's numbers: ``app.bsky.feed.getPosts`` (25 AT URIs a call) gives each post's
``likeCount``, ``repostCount``, ``replyCount``, ``quoteCount`` and ``bookmarkCount`` (no
views: Bluesky has no impressions); ``app.bsky.actor.getProfile`` gives ``followersCount``,
``followsCount`` and ``postsCount``. Both are answered by an AppView, which the user's PDS
proxies them to with the user's session.

Composes the publishing client (``BlueskyPublisher``: the stored session, its refresh, a
fresh login when the refresh token is gone, new tokens written back at once) and never
changes it. A post the AppView does not return (deleted, taken down, or not indexed yet)
is reported as ``gone``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import requests

from cmplanner.domain.enums import Network
from cmplanner.networks.bluesky_publish import BlueskyPublisher
from cmplanner.networks.metrics_base import AccountCounts, CountsPage, PostCounts, count
from cmplanner.networks.publishing import AccountRef, SecretSink

#: getPosts takes at most 25 URIs (lexicon app.bsky.feed.getPosts, ``uris`` maxLength 25).
BATCH = 25


class BlueskyMetrics:
    """One Bluesky account's numbers (blocking: call from a worker thread)."""

    network = Network.BLUESKY
    batch_size = BATCH

    def __init__(self, publisher: BlueskyPublisher) -> None:
        self.publisher = publisher

    def __repr__(self) -> str:
        return f"BlueskyMetrics({self.publisher.account.handle!r})"

    def _get(self, nsid: str, params: Mapping[str, Any]) -> dict[str, Any]:
        client = self.publisher.client
        return self.publisher._call(client._xrpc, "GET", nsid, params=dict(params))

    def post_counts(self, remote_ids: Sequence[str]) -> CountsPage:
        wanted = [u for u in remote_ids if u.startswith("at://")]
        problems = [f"Not a Bluesky post address: {u}" for u in remote_ids if u not in wanted]
        counts: dict[str, PostCounts] = {}
        for start in range(0, len(wanted), BATCH):
            body = self._get("app.bsky.feed.getPosts", {"uris": wanted[start : start + BATCH]})
            posts = body.get("posts")
            if not isinstance(posts, list):
                problems.append("Bluesky sent an unreadable answer for post counts.")
                continue
            for view in posts:
                if isinstance(view, dict) and isinstance(view.get("uri"), str):
                    counts[view["uri"]] = PostCounts(
                        likes=count(view.get("likeCount")),
                        reposts=count(view.get("repostCount")),
                        replies=count(view.get("replyCount")),
                        quotes=count(view.get("quoteCount")),
                        bookmarks=count(view.get("bookmarkCount")),
                    )
        gone = tuple(u for u in wanted if u not in counts)
        return CountsPage(counts, gone, tuple(problems))

    def account_counts(self) -> AccountCounts:
        self.publisher._ensure_session()
        session = self.publisher.client.session
        actor = (session.did if session else "") or self.publisher.account.remote_id
        body = self._get(
            "app.bsky.actor.getProfile", {"actor": actor or self.publisher.account.handle}
        )
        return AccountCounts(
            followers=count(body.get("followersCount")),
            following=count(body.get("followsCount")),
            posts=count(body.get("postsCount")),
        )


def make_bluesky_metrics(
    account: AccountRef,
    secret: Mapping[str, str],
    *,
    on_secret_change: SecretSink | None = None,
    http: requests.Session | None = None,
) -> BlueskyMetrics:
    return BlueskyMetrics(
        BlueskyPublisher(account, secret, on_secret_change=on_secret_change, http=http)
    )
