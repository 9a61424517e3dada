"""X's numbers (API v2, docs.x.com/x-api/fundamentals/metrics): ``GET /2/tweets?ids=…``
(up to 100 ids) with ``tweet.fields=public_metrics`` gives ``like_count``,
``retweet_count``, ``reply_count``, ``quote_count``, ``bookmark_count`` and
``impression_count`` (stored as views). ``GET /2/users/me`` with
``user.fields=public_metrics`` gives ``followers_count``, ``following_count`` and
``tweet_count``. (``non_public_metrics``/``organic_metrics`` need owned posts under 30
days old and are not read.)

A post X no longer has comes back in ``errors`` (``resource-not-found`` with its
``resource_id``) and is reported as ``gone``. Composes the publishing client (``XClient``:
OAuth 2.0 refresh or OAuth 1.0a signing, 429 headers) and never changes it. Pay-per-use
plans charge reads: the sync's schedule keeps them few.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import requests

from cmplanner.domain.enums import Network
from cmplanner.networks.metrics_base import AccountCounts, CountsPage, PostCounts, count
from cmplanner.networks.publishing import AccountRef, SecretSink
from cmplanner.networks.x_client import XClient, make_x_client

#: ``ids`` takes 1 to 100 comma-separated post ids.
BATCH = 100


class XMetrics:
    """One X account's numbers (blocking: call from a worker thread)."""

    network = Network.X
    batch_size = BATCH

    def __init__(self, client: XClient) -> None:
        self.client = client

    def __repr__(self) -> str:
        return f"XMetrics({self.client.account.handle!r})"

    def post_counts(self, remote_ids: Sequence[str]) -> CountsPage:
        counts: dict[str, PostCounts] = {}
        gone: list[str] = []
        problems: list[str] = []
        for start in range(0, len(remote_ids), BATCH):
            ids = list(remote_ids[start : start + BATCH])
            body = self.client._json(
                "GET", "/2/tweets", params={"ids": ",".join(ids), "tweet.fields": "public_metrics"}
            )
            for tweet in body.get("data") or []:
                if not isinstance(tweet, dict):
                    continue
                m: Any = tweet.get("public_metrics")
                if not isinstance(m, dict):
                    problems.append(f"X gave no counts for post {tweet.get('id')}.")
                    continue
                counts[str(tweet.get("id"))] = PostCounts(
                    likes=count(m.get("like_count")),
                    reposts=count(m.get("retweet_count")),
                    replies=count(m.get("reply_count")),
                    quotes=count(m.get("quote_count")),
                    bookmarks=count(m.get("bookmark_count")),
                    views=count(m.get("impression_count")),
                )
            for error in body.get("errors") or []:
                if not isinstance(error, dict):
                    continue
                rid = str(error.get("resource_id") or error.get("value") or "")
                if rid in ids and rid not in counts:
                    if "not-found" in str(error.get("type", "")) or error.get("title") in (
                        "Not Found Error",
                        "Authorization Error",
                    ):
                        gone.append(rid)
                    else:
                        problems.append(f"X: {error.get('detail') or error.get('title')}")
        return CountsPage(counts, tuple(gone), tuple(problems))

    def account_counts(self) -> AccountCounts:
        body = self.client._json("GET", "/2/users/me", params={"user.fields": "public_metrics"})
        data = body.get("data")
        m = data.get("public_metrics") if isinstance(data, dict) else None
        if not isinstance(m, dict):
            return AccountCounts()
        return AccountCounts(
            followers=count(m.get("followers_count")),
            following=count(m.get("following_count")),
            posts=count(m.get("tweet_count")),
        )


def make_x_metrics(
    account: AccountRef,
    secret: Mapping[str, str],
    *,
    on_secret_change: SecretSink | None = None,
    http: requests.Session | None = None,
) -> XMetrics:
    """``account.server``, when set, replaces ``https://api.x.com`` (a local test server)."""
    return XMetrics(make_x_client(account, secret, on_secret_change=on_secret_change, http=http))
