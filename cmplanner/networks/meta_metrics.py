"""Facebook Page, Instagram and Threads numbers (Graph API; what was removed: NETWORKS.md).

- **Facebook Page** posts: one ``GET /?ids=a,b,…`` (up to 50) with
  ``reactions.summary(total_count)`` (likes), ``comments.summary(total_count)`` (replies),
  ``shares`` (reposts) and ``insights.metric(post_total_media_view_unique)`` (reach: the
  "views" that replaced impressions on 2025-11-15). Without ``read_insights`` the counts
  come without reach (the result says so). One id Facebook no longer has fails the whole
  ``?ids=`` call: the batch is then read post by post and that one reported ``gone``.
  Followers: the Page's ``followers_count`` (``page_fans`` became ``page_follows``).
- **Instagram** media: ``GET /{media-id}/insights?metric=views,reach,likes,comments,shares,
  saved`` (``impressions`` was removed on 2025-04-21; data can lag up to 48 h), one post per
  call. Followers: ``followers_count``, ``follows_count``, ``media_count`` fields.
- **Threads** posts: ``GET /{media-id}/insights?metric=views,likes,replies,reposts,quotes``,
  one post per call. Followers: ``/{user}/threads_insights?metric=followers_count``.

Insight values come as ``values[0].value`` or ``total_value.value``; both are read. Each
reader composes the publishing client of its network (transport, token refresh, Graph
error codes) and never changes it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

import requests

from cmplanner.domain.enums import Network
from cmplanner.networks.errors import AuthFailed, Rejected
from cmplanner.networks.meta_client import (
    FacebookClient,
    InstagramClient,
    ThreadsClient,
    make_facebook_client,
    make_instagram_client,
    make_threads_client,
)
from cmplanner.networks.metrics_base import (
    AccountCounts,
    CountsPage,
    NotMeasurable,
    PostCounts,
    count,
)
from cmplanner.networks.publishing import AccountRef, SecretSink

#: Graph's ``?ids=`` takes at most 50 ids.
FACEBOOK_BATCH = 50
_FB_COUNTS = "reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),shares"
_FB_REACH = "insights.metric(post_total_media_view_unique)"
_IG_METRICS = "views,reach,likes,comments,shares,saved"
_THREADS_METRICS = "views,likes,replies,reposts,quotes"


def insight_values(body: Mapping[str, Any]) -> dict[str, int | None]:
    """``{name: value}`` from an insights answer (``data: [{name, values|total_value}]``)."""
    out: dict[str, int | None] = {}
    data = body.get("data")
    for entry in data if isinstance(data, list) else []:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            continue
        value: object = None
        total = entry.get("total_value")
        values = entry.get("values")
        if isinstance(total, dict):
            value = total.get("value")
        elif isinstance(values, list) and values and isinstance(values[-1], dict):
            value = values[-1].get("value")
        out[entry["name"]] = count(value)
    return out


def _gone(exc: Rejected) -> bool:
    """Graph's "object does not exist" (code 100, subcode 33) or a plain 404."""
    return exc.status == 404 or "does not exist" in exc.reason.lower()


def _summary(node: object) -> int | None:
    if not isinstance(node, dict):
        return None
    summary = node.get("summary")
    return count(summary.get("total_count")) if isinstance(summary, dict) else None


class FacebookMetrics:
    network = Network.FACEBOOK
    batch_size = FACEBOOK_BATCH

    def __init__(self, client: FacebookClient) -> None:
        self.client = client
        self._with_reach = True

    def __repr__(self) -> str:
        return f"FacebookMetrics({self.client.account.handle!r})"

    def _fields(self) -> str:
        return f"{_FB_COUNTS},{_FB_REACH}" if self._with_reach else _FB_COUNTS

    def _read(self, path: str, params: dict[str, str]) -> dict[str, Any]:
        """One read; without reach (and said so) when the token may not read insights."""
        try:
            return self.client._call("GET", path, params={**params, "fields": self._fields()})
        except AuthFailed:
            if not self._with_reach:
                raise
            self._with_reach = False
            return self.client._call("GET", path, params={**params, "fields": self._fields()})

    def post_counts(self, remote_ids: Sequence[str]) -> CountsPage:
        ids = list(remote_ids)
        problems: list[str] = []
        counts: dict[str, PostCounts] = {}
        gone: list[str] = []
        reach_before = self._with_reach
        try:
            body = self._read("/", {"ids": ",".join(ids)})
            found = {i: body.get(i) for i in ids}
        except Rejected as exc:
            if not (_gone(exc) and len(ids) > 1):
                raise
            found = {}
            for post_id in ids:  # find which one is gone
                try:
                    found[post_id] = self._read(f"/{quote(post_id, safe='')}", {})
                except Rejected as one:
                    if not _gone(one):
                        raise
                    gone.append(post_id)
        for post_id, node in found.items():
            if not isinstance(node, dict):
                if post_id not in gone:
                    gone.append(post_id)
                continue
            shares = node.get("shares")
            insights = node.get("insights")
            reach = insight_values(insights) if isinstance(insights, dict) else {}
            counts[post_id] = PostCounts(
                likes=_summary(node.get("reactions")),
                replies=_summary(node.get("comments")),
                # no "shares" field at all means nobody shared it yet
                reposts=count(shares.get("count")) if isinstance(shares, dict) else 0,
                reach=reach.get("post_total_media_view_unique"),
            )
        if reach_before and not self._with_reach:
            problems.append(
                "Facebook gave the counts without reach: the Page token lacks the "
                "read_insights permission (reconnect the Page and grant it to see reach)."
            )
        return CountsPage(counts, tuple(gone), tuple(problems))

    def account_counts(self) -> AccountCounts:
        body = self.client._call(
            "GET", f"/{quote(self.client.page, safe='')}", params={"fields": "followers_count"}
        )
        return AccountCounts(followers=count(body.get("followers_count")))


class _PerPostInsights:
    """Instagram and Threads: one insights call per post."""

    client: InstagramClient | ThreadsClient
    metrics: str
    batch_size = 1

    def _counts(self, values: dict[str, int | None]) -> PostCounts:
        raise NotImplementedError

    def post_counts(self, remote_ids: Sequence[str]) -> CountsPage:
        counts: dict[str, PostCounts] = {}
        gone: list[str] = []
        for media_id in remote_ids:
            try:
                body = self.client._call(
                    "GET", f"/{quote(media_id, safe='')}/insights", params={"metric": self.metrics}
                )
            except Rejected as exc:
                if _gone(exc):
                    gone.append(media_id)
                    continue
                raise
            except AuthFailed as exc:
                label = self.client.network_label
                raise NotMeasurable(
                    f"{label} does not let this sign-in read post insights ({exc.message})",
                    status=exc.status,
                    code=exc.code,
                ) from None
            counts[media_id] = self._counts(insight_values(body))
        return CountsPage(counts, tuple(gone))


class InstagramMetrics(_PerPostInsights):
    network = Network.INSTAGRAM
    metrics = _IG_METRICS

    def __init__(self, client: InstagramClient) -> None:
        self.client = client

    def __repr__(self) -> str:
        return f"InstagramMetrics({self.client.account.handle!r})"

    def _counts(self, v: dict[str, int | None]) -> PostCounts:
        return PostCounts(
            likes=v.get("likes"),
            replies=v.get("comments"),
            reposts=v.get("shares"),
            bookmarks=v.get("saved"),
            views=v.get("views"),
            reach=v.get("reach"),
        )

    def account_counts(self) -> AccountCounts:
        assert isinstance(self.client, InstagramClient)
        body = self.client._call(
            "GET",
            f"/{quote(self.client.user, safe='')}",
            params={"fields": "followers_count,follows_count,media_count"},
        )
        return AccountCounts(
            followers=count(body.get("followers_count")),
            following=count(body.get("follows_count")),
            posts=count(body.get("media_count")),
        )


class ThreadsMetrics(_PerPostInsights):
    network = Network.THREADS
    metrics = _THREADS_METRICS

    def __init__(self, client: ThreadsClient) -> None:
        self.client = client

    def __repr__(self) -> str:
        return f"ThreadsMetrics({self.client.account.handle!r})"

    def _counts(self, v: dict[str, int | None]) -> PostCounts:
        return PostCounts(
            likes=v.get("likes"),
            replies=v.get("replies"),
            reposts=v.get("reposts"),
            quotes=v.get("quotes"),
            views=v.get("views"),
        )

    def account_counts(self) -> AccountCounts:
        assert isinstance(self.client, ThreadsClient)
        body = self.client._call(
            "GET",
            f"/{quote(self.client.user, safe='')}/threads_insights",
            params={"metric": "followers_count"},
        )
        return AccountCounts(followers=insight_values(body).get("followers_count"))


def make_facebook_metrics(
    account: AccountRef,
    secret: Mapping[str, str],
    *,
    on_secret_change: SecretSink | None = None,
    http: requests.Session | None = None,
) -> FacebookMetrics:
    return FacebookMetrics(
        make_facebook_client(account, secret, on_secret_change=on_secret_change, http=http)
    )


def make_instagram_metrics(
    account: AccountRef,
    secret: Mapping[str, str],
    *,
    on_secret_change: SecretSink | None = None,
    http: requests.Session | None = None,
) -> InstagramMetrics:
    return InstagramMetrics(
        make_instagram_client(account, secret, on_secret_change=on_secret_change, http=http)
    )


def make_threads_metrics(
    account: AccountRef,
    secret: Mapping[str, str],
    *,
    on_secret_change: SecretSink | None = None,
    http: requests.Session | None = None,
) -> ThreadsMetrics:
    return ThreadsMetrics(
        make_threads_client(account, secret, on_secret_change=on_secret_change, http=http)
    )
