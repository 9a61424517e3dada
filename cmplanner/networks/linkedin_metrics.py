"""LinkedIn's numbers, where a freelancer's app may read them (NETWORKS.md §4).

- **Organization pages** (the account's ``remote_id`` is ``urn:li:organization:…``, the
  sign-in has ``rw_organization_admin``): ``GET /rest/organizationalEntityShareStatistics``
  with ``shares=List(…)`` / ``ugcPosts=List(…)`` gives each post's ``likeCount``,
  ``commentCount``, ``shareCount``, ``impressionCount`` and ``uniqueImpressionsCount``
  (organic only, posts of the last 12 months); ``GET /rest/networkSizes/{org}?edgeType=
  COMPANY_FOLLOWED_BY_MEMBER`` gives the followers (``firstDegreeSize``).
- **Members** (a personal profile): ``GET /v2/socialActions/{urn}`` gives likes and
  comments, but only to apps LinkedIn granted the restricted ``r_member_social``; most
  freelancers' apps have it not, and LinkedIn then answers 403: the reader says so
  (``NotMeasurable``) instead of asking to reconnect. A member's follower count is not
  offered to apps at all. For both, LinkedIn's own analytics export can be imported
  (``cmplanner import-analytics``).

Composes the publishing client (``LinkedInClient``: token refresh, Rest.li headers, error
mapping) and never changes it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

import requests

from cmplanner.domain.enums import Network
from cmplanner.networks.errors import AuthFailed, Rejected
from cmplanner.networks.linkedin_client import LinkedInClient, make_linkedin_client
from cmplanner.networks.metrics_base import (
    AccountCounts,
    CountsPage,
    NotMeasurable,
    PostCounts,
    count,
)
from cmplanner.networks.publishing import AccountRef, SecretSink
from cmplanner.networks.rest import json_of

BATCH = 20
MEMBER_POSTS = (
    "LinkedIn gives the likes and comments of a member's posts only to apps it granted the "
    "restricted r_member_social permission; import LinkedIn's analytics export instead"
)
MEMBER_FOLLOWERS = (
    "LinkedIn does not give a member's follower count to apps; import LinkedIn's analytics "
    "export instead"
)


def _enc(urn: str) -> str:
    return quote(urn, safe="")


class LinkedInMetrics:
    """One LinkedIn member or organization's numbers (blocking: call from a worker)."""

    network = Network.LINKEDIN

    def __init__(self, client: LinkedInClient) -> None:
        self.client = client
        remote = client.account.remote_id
        self.organization = remote if remote.startswith("urn:li:organization:") else ""
        self.batch_size = BATCH if self.organization else 1

    def __repr__(self) -> str:
        return f"LinkedInMetrics({self.client.account.handle!r})"

    def _get(self, path: str) -> dict[str, Any]:
        return json_of(self.client._call("GET", path), path.split("?", 1)[0])

    def post_counts(self, remote_ids: Sequence[str]) -> CountsPage:
        if self.organization:
            return self._organization_counts(remote_ids)
        counts: dict[str, PostCounts] = {}
        gone: list[str] = []
        for urn in remote_ids:
            try:
                body = self._get(f"/v2/socialActions/{_enc(urn)}")
            except AuthFailed as exc:
                raise NotMeasurable(MEMBER_POSTS, status=exc.status, code=exc.code) from None
            except Rejected as exc:
                if exc.status == 404:
                    gone.append(urn)
                    continue
                raise
            likes = body.get("likesSummary")
            comments = body.get("commentsSummary")
            counts[urn] = PostCounts(
                likes=count(likes.get("totalLikes")) if isinstance(likes, dict) else None,
                replies=(
                    count(comments.get("aggregatedTotalComments"))
                    if isinstance(comments, dict)
                    else None
                ),
            )
        return CountsPage(counts, tuple(gone))

    def _organization_counts(self, remote_ids: Sequence[str]) -> CountsPage:
        shares = [u for u in remote_ids if u.startswith("urn:li:share:")]
        ugc = [u for u in remote_ids if u not in shares]
        query = f"q=organizationalEntity&organizationalEntity={_enc(self.organization)}"
        if shares:
            query += f"&shares=List({','.join(_enc(u) for u in shares)})"
        if ugc:
            query += f"&ugcPosts=List({','.join(_enc(u) for u in ugc)})"
        try:
            body = self._get(f"/rest/organizationalEntityShareStatistics?{query}")
        except AuthFailed as exc:
            raise NotMeasurable(
                "LinkedIn does not let this sign-in read the page's share statistics "
                f"(rw_organization_admin is needed): {exc.message}",
                status=exc.status,
                code=exc.code,
            ) from None
        counts: dict[str, PostCounts] = {}
        for element in body.get("elements") or []:
            if not isinstance(element, dict):
                continue
            urn = str(element.get("share") or element.get("ugcPost") or "")
            stats = element.get("totalShareStatistics")
            if urn not in remote_ids or not isinstance(stats, dict):
                continue
            counts[urn] = PostCounts(
                likes=count(stats.get("likeCount")),
                replies=count(stats.get("commentCount")),
                reposts=count(stats.get("shareCount")),
                views=count(stats.get("impressionCount")),
                reach=count(stats.get("uniqueImpressionsCount")),
            )
        # Posts older than 12 months, or deleted, are simply not in the answer.
        gone = tuple(u for u in remote_ids if u not in counts)
        return CountsPage(counts, gone)

    def account_counts(self) -> AccountCounts:
        if not self.organization:
            raise NotMeasurable(MEMBER_FOLLOWERS)
        try:
            body = self._get(
                f"/rest/networkSizes/{_enc(self.organization)}?edgeType=COMPANY_FOLLOWED_BY_MEMBER"
            )
        except AuthFailed as exc:
            raise NotMeasurable(
                f"LinkedIn does not let this sign-in read the page's followers: {exc.message}",
                status=exc.status,
                code=exc.code,
            ) from None
        return AccountCounts(followers=count(body.get("firstDegreeSize")))


def make_linkedin_metrics(
    account: AccountRef,
    secret: Mapping[str, str],
    *,
    on_secret_change: SecretSink | None = None,
    http: requests.Session | None = None,
) -> LinkedInMetrics:
    return LinkedInMetrics(
        make_linkedin_client(account, secret, on_secret_change=on_secret_change, http=http)
    )
