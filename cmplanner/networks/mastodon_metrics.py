"""Mastodon's numbers (docs.joinmastodon.org): ``GET /api/v1/statuses/:id`` gives a status's
``favourites_count``, ``reblogs_count``, ``replies_count`` and, from Mastodon 4.5,
``quotes_count`` (Mastodon has no views or reach); ``GET /api/v1/accounts/verify_credentials``
gives ``followers_count``, ``following_count`` and ``statuses_count``.

One status per call (``batch_size`` 1): the instance's limit is 300 requests per 5 minutes
per account, which the sync's schedule keeps far from. A 404 (deleted, or no longer
visible to the account) is reported as ``gone``. Composes the publishing client
(``MastodonClient``: its token, HTTP session and error mapping) and never changes it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import quote

import requests

from cmplanner.domain.enums import Network
from cmplanner.networks.errors import Rejected
from cmplanner.networks.mastodon_client import MastodonClient
from cmplanner.networks.metrics_base import AccountCounts, CountsPage, PostCounts, count
from cmplanner.networks.publishing import AccountRef, SecretSink


class MastodonMetrics:
    """One Mastodon account's numbers (blocking: call from a worker thread)."""

    network = Network.MASTODON
    batch_size = 1

    def __init__(self, client: MastodonClient) -> None:
        self.client = client

    def __repr__(self) -> str:
        return f"MastodonMetrics({self.client.account.handle!r})"

    def post_counts(self, remote_ids: Sequence[str]) -> CountsPage:
        counts: dict[str, PostCounts] = {}
        gone: list[str] = []
        problems: list[str] = []
        for status_id in remote_ids:
            try:
                status = self.client._json("GET", f"/api/v1/statuses/{quote(status_id, safe='')}")
            except Rejected as exc:
                if exc.status in (404, 410):
                    gone.append(status_id)
                    continue
                problems.append(f"Mastodon refused the counts of status {status_id}: {exc.reason}")
                continue
            counts[status_id] = PostCounts(
                likes=count(status.get("favourites_count")),
                reposts=count(status.get("reblogs_count")),
                replies=count(status.get("replies_count")),
                quotes=count(status.get("quotes_count")),
            )
        return CountsPage(counts, tuple(gone), tuple(problems))

    def account_counts(self) -> AccountCounts:
        me = self.client._json("GET", "/api/v1/accounts/verify_credentials")
        return AccountCounts(
            followers=count(me.get("followers_count")),
            following=count(me.get("following_count")),
            posts=count(me.get("statuses_count")),
        )


def make_mastodon_metrics(
    account: AccountRef,
    secret: Mapping[str, str],
    *,
    on_secret_change: SecretSink | None = None,
    http: requests.Session | None = None,
) -> MastodonMetrics:
    return MastodonMetrics(
        MastodonClient(account, secret, on_secret_change=on_secret_change, http=http)
    )
