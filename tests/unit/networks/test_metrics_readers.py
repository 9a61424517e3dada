"""The metrics readers against a local server answering with each network's documented
shapes (NETWORKS.md): what they ask, what they keep, what they call gone or unreadable."""

from __future__ import annotations

import json

import pytest
import requests
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from cmplanner.domain.enums import Network
from cmplanner.networks.errors import RateLimited
from cmplanner.networks.metrics_base import NotMeasurable, PostCounts, make_metrics_reader
from cmplanner.networks.publishing import AccountRef


def _ref(server: HTTPServer, network: Network, remote_id: str = "") -> AccountRef:
    return AccountRef(1, network, "sol", server.url_for("").rstrip("/"), remote_id)


def test_mastodon_counts_per_status_404_is_gone_and_followers(
    server: HTTPServer, fast_http: requests.Session
) -> None:
    auth = {"Authorization": "Bearer tok"}
    server.expect_request("/api/v1/statuses/1", headers=auth).respond_with_json(
        {"id": "1", "favourites_count": 5, "reblogs_count": 2, "replies_count": 1,
         "quotes_count": 0}
    )  # fmt: skip
    server.expect_request("/api/v1/statuses/2").respond_with_json(
        {"error": "Record not found"}, status=404
    )
    server.expect_request("/api/v1/accounts/verify_credentials").respond_with_json(
        {"id": "9", "followers_count": 120, "following_count": 8, "statuses_count": 40}
    )
    reader = make_metrics_reader(
        _ref(server, Network.MASTODON), {"access_token": "tok"}, http=fast_http
    )

    page = reader.post_counts(["1", "2"])

    assert page.counts == {"1": PostCounts(likes=5, reposts=2, replies=1, quotes=0)}
    assert page.gone == ("2",)
    assert reader.account_counts().followers == 120


def test_x_reads_100_ids_a_call_with_public_metrics_and_says_which_are_gone(
    server: HTTPServer, fast_http: requests.Session
) -> None:
    def tweets(request: Request) -> Response:
        assert request.args["tweet.fields"] == "public_metrics"
        assert request.args["ids"] == "10,11"
        body = {
            "data": [
                {"id": "10", "text": "hi", "public_metrics": {
                    "retweet_count": 3, "reply_count": 1, "like_count": 9, "quote_count": 0,
                    "bookmark_count": 2, "impression_count": 480}},
            ],
            "errors": [{"value": "11", "detail": "Could not find tweet with ids: [11].",
                        "title": "Not Found Error", "resource_type": "tweet",
                        "parameter": "ids", "resource_id": "11",
                        "type": "https://api.twitter.com/2/problems/resource-not-found"}],
        }  # fmt: skip
        return Response(json.dumps(body), content_type="application/json")

    server.expect_request("/2/tweets").respond_with_handler(tweets)
    server.expect_request("/2/users/me").respond_with_json(
        {"data": {"id": "7", "username": "sol", "public_metrics": {
            "followers_count": 300, "following_count": 5, "tweet_count": 90}}}
    )  # fmt: skip
    reader = make_metrics_reader(_ref(server, Network.X), {"access_token": "t"}, http=fast_http)
    assert reader.batch_size == 100

    page = reader.post_counts(["10", "11"])

    assert page.counts["10"] == PostCounts(
        likes=9, reposts=3, replies=1, quotes=0, bookmarks=2, views=480
    )
    assert page.gone == ("11",)
    assert (reader.account_counts().followers, reader.account_counts().posts) == (300, 90)


def test_x_rate_limit_carries_its_reset(server: HTTPServer, fast_http: requests.Session) -> None:
    server.expect_request("/2/tweets").respond_with_json(
        {"title": "Too Many Requests", "detail": "Too Many Requests", "status": 429},
        status=429,
        headers={"x-rate-limit-reset": "1890000000"},
    )
    reader = make_metrics_reader(_ref(server, Network.X), {"access_token": "t"}, http=fast_http)
    with pytest.raises(RateLimited) as caught:
        reader.post_counts(["10"])
    assert caught.value.reset_at is not None and int(caught.value.reset_at.timestamp()) == (
        1890000000
    )


def _fb_post(likes: int, comments: int, shares: int | None, reach: int | None) -> dict[str, object]:
    node: dict[str, object] = {
        "reactions": {"data": [], "summary": {"total_count": likes}},
        "comments": {"data": [], "summary": {"total_count": comments, "order": "ranked"}},
    }
    if shares is not None:
        node["shares"] = {"count": shares}
    if reach is not None:
        node["insights"] = {
            "data": [
                {
                    "name": "post_total_media_view_unique",
                    "period": "lifetime",
                    "values": [{"value": reach}],
                }
            ]
        }
    return node  # fmt: skip


def test_facebook_batches_ids_and_reads_reach_from_the_views_metric(
    server: HTTPServer, fast_http: requests.Session
) -> None:
    def ids(request: Request) -> Response:
        assert request.args["ids"] == "1_2,1_3"
        assert "insights.metric(post_total_media_view_unique)" in request.args["fields"]
        body = {"1_2": {**_fb_post(7, 2, 1, 150), "id": "1_2"},
                "1_3": {**_fb_post(0, 0, None, 12), "id": "1_3"}}  # fmt: skip
        return Response(json.dumps(body), content_type="application/json")

    server.expect_request("/").respond_with_handler(ids)
    server.expect_request("/1").respond_with_json({"followers_count": 2100, "id": "1"})
    reader = make_metrics_reader(
        _ref(server, Network.FACEBOOK, "1"), {"access_token": "EAAG"}, http=fast_http
    )

    page = reader.post_counts(["1_2", "1_3"])

    assert page.counts["1_2"] == PostCounts(likes=7, replies=2, reposts=1, reach=150)
    assert page.counts["1_3"] == PostCounts(likes=0, replies=0, reposts=0, reach=12)
    assert reader.account_counts().followers == 2100


def test_facebook_without_read_insights_still_gives_counts_and_says_why_no_reach(
    server: HTTPServer, fast_http: requests.Session
) -> None:
    def ids(request: Request) -> Response:
        if "insights" in request.args["fields"]:
            error = {"error": {"message": "(#10) Requires read_insights permission",
                               "type": "OAuthException", "code": 10}}  # fmt: skip
            return Response(json.dumps(error), status=400, content_type="application/json")
        body = {"1_2": {**_fb_post(3, 1, 0, None), "id": "1_2"}}
        return Response(json.dumps(body), content_type="application/json")

    server.expect_request("/").respond_with_handler(ids)
    reader = make_metrics_reader(
        _ref(server, Network.FACEBOOK, "1"), {"access_token": "EAAG"}, http=fast_http
    )

    page = reader.post_counts(["1_2"])

    assert page.counts["1_2"] == PostCounts(likes=3, replies=1, reposts=0)
    assert "read_insights" in page.problems[0]


def test_instagram_insights_per_media_and_a_deleted_one_is_gone(
    server: HTTPServer, fast_http: requests.Session
) -> None:
    server.expect_request("/178/insights").respond_with_json(
        {"data": [
            {"name": "views", "period": "lifetime", "values": [{"value": 900}]},
            {"name": "reach", "period": "lifetime", "values": [{"value": 610}]},
            {"name": "likes", "period": "lifetime", "values": [{"value": 44}]},
            {"name": "comments", "period": "lifetime", "values": [{"value": 6}]},
            {"name": "shares", "period": "lifetime", "values": [{"value": 3}]},
            {"name": "saved", "period": "lifetime", "values": [{"value": 11}]},
        ]}
    )  # fmt: skip
    server.expect_request("/179/insights").respond_with_json(
        {"error": {"message": "Unsupported get request. Object with ID '179' does not exist",
                   "type": "GraphMethodException", "code": 100, "error_subcode": 33}},
        status=400,
    )  # fmt: skip
    server.expect_request("/1784").respond_with_json(
        {"followers_count": 5400, "follows_count": 80, "media_count": 210, "id": "1784"}
    )
    reader = make_metrics_reader(
        _ref(server, Network.INSTAGRAM, "1784"), {"access_token": "EAAG"}, http=fast_http
    )

    page = reader.post_counts(["178", "179"])

    assert page.counts["178"] == PostCounts(
        likes=44, replies=6, reposts=3, bookmarks=11, views=900, reach=610
    )
    assert page.gone == ("179",)
    assert reader.account_counts().followers == 5400


def test_threads_insights_and_followers_from_total_value(
    server: HTTPServer, fast_http: requests.Session
) -> None:
    server.expect_request("/55/insights").respond_with_json(
        {"data": [{"name": n, "period": "lifetime", "values": [{"value": v}]}
                  for n, v in (("views", 310), ("likes", 12), ("replies", 4),
                               ("reposts", 2), ("quotes", 1))]}
    )  # fmt: skip
    server.expect_request("/77/threads_insights").respond_with_json(
        {"data": [{"name": "followers_count", "period": "day",
                   "total_value": {"value": 830}}]}
    )  # fmt: skip
    reader = make_metrics_reader(
        _ref(server, Network.THREADS, "77"),
        {"access_token": "TH", "expires_at": "2099-01-01T00:00:00+00:00"},
        http=fast_http,
    )

    assert reader.post_counts(["55"]).counts["55"] == PostCounts(
        likes=12, replies=4, reposts=2, quotes=1, views=310
    )
    assert reader.account_counts().followers == 830


def test_linkedin_page_share_statistics_and_followers(
    server: HTTPServer, fast_http: requests.Session
) -> None:
    org = "urn:li:organization:42"

    def stats(request: Request) -> Response:
        assert request.args["q"] == "organizationalEntity"
        assert request.args["organizationalEntity"] == org
        assert request.headers["X-Restli-Protocol-Version"] == "2.0.0"
        body = {"elements": [{"organizationalEntity": org, "share": "urn:li:share:1",
                              "totalShareStatistics": {
                                  "likeCount": 20, "commentCount": 3, "shareCount": 2,
                                  "impressionCount": 1400, "uniqueImpressionsCount": 900,
                                  "clickCount": 31, "engagement": 0.04}}]}  # fmt: skip
        return Response(json.dumps(body), content_type="application/json")

    server.expect_request("/rest/organizationalEntityShareStatistics").respond_with_handler(stats)
    server.expect_request("/rest/networkSizes/urn:li:organization:42").respond_with_json(
        {"firstDegreeSize": 1234}
    )
    reader = make_metrics_reader(
        _ref(server, Network.LINKEDIN, org), {"access_token": "AQ"}, http=fast_http
    )

    page = reader.post_counts(["urn:li:share:1", "urn:li:share:2"])

    assert page.counts["urn:li:share:1"] == PostCounts(
        likes=20, replies=3, reposts=2, views=1400, reach=900
    )
    assert page.gone == ("urn:li:share:2",)
    assert reader.account_counts().followers == 1234


def test_linkedin_member_without_the_restricted_permission_is_said_plainly(
    server: HTTPServer, fast_http: requests.Session
) -> None:
    server.expect_request("/v2/socialActions/urn:li:share:1").respond_with_json(
        {"status": 403, "serviceErrorCode": 100,
         "message": "Not enough permissions to access: GET /socialActions"},
        status=403,
    )  # fmt: skip
    reader = make_metrics_reader(
        _ref(server, Network.LINKEDIN, "abc"), {"access_token": "AQ"}, http=fast_http
    )

    with pytest.raises(NotMeasurable, match="r_member_social"):
        reader.post_counts(["urn:li:share:1"])
    with pytest.raises(NotMeasurable, match="follower count"):
        reader.account_counts()
