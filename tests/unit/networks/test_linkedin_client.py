"""The LinkedIn client against a fake api.linkedin.com on 127.0.0.1 answering with the
shapes of learn.microsoft.com/linkedin (Posts API, Images API, userinfo, token refresh and
introspection, error bodies with serviceErrorCode)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from cmplanner.domain.enums import Network
from cmplanner.networks.errors import AuthExpired, AuthFailed, RateLimited, Rejected, Transient
from cmplanner.networks.linkedin_client import (
    LINKEDIN_VERSION,
    LinkedInClient,
    little_text,
    make_linkedin_client,
)
from cmplanner.networks.publishing import (
    AccountRef,
    Outgoing,
    OutgoingMedia,
    ReplyTarget,
    make_client,
)

from .conftest import SlowAnswer

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
TOKEN = "AQXdSP_W41_UPs5ioT_t8HESyODB4FqbkJ8LrV_5mff4gPODzOYR"
SECRET = {"access_token": TOKEN, "expires_at": "2027-01-20T10:00:00Z"}
HEADERS = {
    "Authorization": f"Bearer {TOKEN}",
    "LinkedIn-Version": LINKEDIN_VERSION,
    "X-Restli-Protocol-Version": "2.0.0",
}
USERINFO = {
    "sub": "782bbtaQ",
    "name": "John Doe",
    "given_name": "John",
    "family_name": "Doe",
    "picture": "https://media.licdn.com/dms/image/C5F03AQHqK8v7tB1HCQ/profile-displayphoto",
    "locale": "en-US",
    "email": "doe@email.com",
    "email_verified": True,
}
AUTHOR = "urn:li:person:782bbtaQ"


def client(
    server: HTTPServer,
    secret: dict[str, str] | None = None,
    sink: list[dict[str, str]] | None = None,
    http: requests.Session | None = None,
    remote_id: str = AUTHOR,
) -> LinkedInClient:
    ref = AccountRef(1, Network.LINKEDIN, "john", server.url_for("/").rstrip("/"), remote_id)
    c = make_client(
        ref, secret or SECRET, on_secret_change=None if sink is None else sink.append, http=http
    )
    assert isinstance(c, LinkedInClient)
    c.now = lambda: NOW
    return c


def post(*parts: str, **kw: object) -> Outgoing:
    return Outgoing(parts=parts, idempotency_key="k", **kw)  # type: ignore[arg-type]


def share_created(urn: str = "urn:li:share:6844785523593134080") -> Response:
    return Response(status=201, headers={"x-restli-id": urn})


def test_little_text_escapes_reserved_characters_and_keeps_hashtags() -> None:
    assert little_text("Hi (all) @you #launch_day *now*") == (
        "Hi \\(all\\) \\@you {hashtag|\\#|launch\\_day} \\*now\\*"
    )
    assert little_text("a|b {c} [d] <e> ~f~ \\g") == "a\\|b \\{c\\} \\[d\\] \\<e\\> \\~f\\~ \\\\g"


def test_verify_reads_the_member_and_the_token_expiry(server: HTTPServer) -> None:
    server.expect_request("/v2/userinfo", headers=HEADERS).respond_with_json(USERINFO)
    profile = client(server, remote_id="").verify()
    assert profile.remote_id == AUTHOR
    assert profile.display_name == "John Doe"
    assert profile.avatar_url.startswith("https://media.licdn.com/")
    assert profile.token_expires_utc == datetime(2027, 1, 20, 10, 0, tzinfo=UTC)


def test_verify_asks_linkedin_for_the_expiry_when_the_app_keys_are_stored(
    server: HTTPServer,
) -> None:
    sink: list[dict[str, str]] = []
    server.expect_request("/v2/userinfo").respond_with_json(USERINFO)
    server.expect_request("/oauth/v2/introspectToken", method="POST").respond_with_json(
        {
            "active": True,
            "client_id": "cid",
            "authorized_at": 1764000000,
            "created_at": 1764000000,
            "status": "active",
            "expires_at": 1769335200,
            "scope": "openid,profile,w_member_social",
            "auth_type": "3L",
        }
    )
    secret = {"access_token": TOKEN, "client_id": "cid", "client_secret": "csec"}
    profile = client(server, secret, sink).verify()
    assert profile.token_expires_utc == datetime.fromtimestamp(1769335200, UTC)
    assert sink[-1]["expires_at"] == "2026-01-25T10:00:00Z"


def test_publish_with_an_image(server: HTTPServer, image: Path) -> None:
    uploaded: list[bytes] = []

    def put(request: Request) -> Response:
        uploaded.append(request.get_data())
        return Response(status=201)

    server.expect_request(
        "/rest/images",
        method="POST",
        query_string={"action": "initializeUpload"},
        headers=HEADERS,
        json={"initializeUploadRequest": {"owner": AUTHOR}},
    ).respond_with_json(
        {
            "value": {
                "uploadUrlExpiresAt": 1650567510704,
                "uploadUrl": server.url_for("/dms-uploads/sp/v2/D5610AQ/uploaded-image/0"),
                "image": "urn:li:image:C4E10AQFoyyAjHPMQuQ",
            }
        }
    )
    server.expect_request(
        "/dms-uploads/sp/v2/D5610AQ/uploaded-image/0",
        method="PUT",
        headers={"Authorization": f"Bearer {TOKEN}"},
    ).respond_with_handler(put)
    server.expect_request(
        "/rest/posts",
        method="POST",
        headers=HEADERS,
        json={
            "author": AUTHOR,
            "commentary": "Launch day {hashtag|\\#|news}",
            "visibility": "PUBLIC",
            "distribution": {
                "feedDistribution": "MAIN_FEED",
                "targetEntities": [],
                "thirdPartyDistributionChannels": [],
            },
            "lifecycleState": "PUBLISHED",
            "isReshareDisabledByAuthor": False,
            "content": {"media": {"id": "urn:li:image:C4E10AQFoyyAjHPMQuQ", "altText": "a cat"}},
        },
    ).respond_with_response(share_created())
    published = client(server).publish(
        post("Launch day #news", media=(OutgoingMedia(image, "image/png", alt="a cat"),))
    )
    assert published.remote_id == "urn:li:share:6844785523593134080"
    assert published.remote_url == (
        "https://www.linkedin.com/feed/update/urn:li:share:6844785523593134080/"
    )
    assert uploaded == [image.read_bytes()]


def test_a_thread_is_refused_before_anything_is_sent(server: HTTPServer) -> None:
    with pytest.raises(Rejected, match="no threads"):
        client(server).publish(post("one", "two"))


def test_401_refreshes_once_with_the_refresh_token(server: HTTPServer) -> None:
    sink: list[dict[str, str]] = []
    secret = {**SECRET, "refresh_token": "RT-1", "client_id": "cid", "client_secret": "csec"}
    server.expect_request(
        "/rest/posts", headers={"Authorization": f"Bearer {TOKEN}"}
    ).respond_with_json(
        {
            "serviceErrorCode": 65601,
            "code": "REVOKED_ACCESS_TOKEN",
            "message": "The token used in the request has been revoked by the user",
            "status": 401,
        },
        status=401,
    )
    server.expect_request(
        "/oauth/v2/accessToken",
        method="POST",
        data="grant_type=refresh_token&refresh_token=RT-1&client_id=cid&client_secret=csec",
    ).respond_with_json(
        {
            "access_token": "AT-NEW",
            "expires_in": 5184000,
            "refresh_token": "RT-1",
            "refresh_token_expires_in": 525600,
        }
    )
    server.expect_request(
        "/rest/posts", headers={"Authorization": "Bearer AT-NEW"}
    ).respond_with_response(share_created())
    assert client(server, secret, sink).publish(post("hi")).remote_id.startswith("urn:li:share:")
    assert sink[-1]["access_token"] == "AT-NEW"
    assert sink[-1]["expires_at"] == "2027-01-25T10:00:00Z"


def test_401_without_a_refresh_token_means_reconnect(server: HTTPServer) -> None:
    server.expect_request("/rest/posts").respond_with_json(
        {
            "serviceErrorCode": 65600,
            "code": "INVALID_ACCESS_TOKEN",
            "message": "Invalid access token",
            "status": 401,
        },
        status=401,
    )
    with pytest.raises(AuthExpired, match=r"Invalid access token.*reconnect") as info:
        client(server).publish(post("hi"))
    assert TOKEN not in str(info.value)


def test_403_is_a_missing_permission(server: HTTPServer) -> None:
    server.expect_request("/rest/posts").respond_with_json(
        {
            "status": 403,
            "serviceErrorCode": 100,
            "code": "ACCESS_DENIED",
            "message": "Not enough permissions to access: partnerApiPostsExternal.CREATE.20251001",
        },
        status=403,
    )
    with pytest.raises(AuthFailed, match="Not enough permissions"):
        client(server).publish(post("hi"))


def test_422_duplicate_is_rejected_with_linkedins_words(server: HTTPServer) -> None:
    server.expect_request("/rest/posts").respond_with_json(
        {"message": "Content is a duplicate of urn:li:share:6844785523593134080", "status": 422},
        status=422,
    )
    with pytest.raises(Rejected, match="duplicate of urn:li:share") as info:
        client(server).publish(post("hi"))
    assert info.value.code == "duplicate"


def test_400_is_rejected_with_the_field_message(server: HTTPServer) -> None:
    server.expect_request("/rest/posts").respond_with_json(
        {"message": "ERROR :: /commentary :: Length exceeds the maximum of 3000", "status": 400},
        status=400,
    )
    with pytest.raises(Rejected, match="maximum of 3000"):
        client(server).publish(post("x"))


def test_429_without_headers_waits_until_midnight_utc(server: HTTPServer) -> None:
    server.expect_request("/rest/posts").respond_with_json(
        {
            "message": "Resource level throttle APPLICATION DAY limit for calls to this "
            "resource is reached.",
            "status": 429,
        },
        status=429,
    )
    with pytest.raises(RateLimited) as info:
        client(server).publish(post("hi"))
    assert info.value.reset_at == datetime(2026, 11, 27, tzinfo=UTC)


def test_429_with_retry_after(server: HTTPServer) -> None:
    server.expect_request("/rest/posts").respond_with_json(
        {"message": "Too many requests", "status": 429}, status=429, headers={"Retry-After": "60"}
    )
    with pytest.raises(RateLimited) as info:
        client(server).publish(post("hi"))
    assert info.value.reset_at == NOW + timedelta(seconds=60)


def test_500_is_transient(server: HTTPServer) -> None:
    server.expect_request("/rest/posts").respond_with_json(
        {"message": "Internal Server Error", "status": 500}, status=500
    )
    with pytest.raises(Transient):
        client(server).publish(post("hi"))


def test_a_slow_server_hits_the_timeout(
    server: HTTPServer, fast_http: requests.Session, slow_answer: SlowAnswer
) -> None:
    server.expect_request("/rest/posts").respond_with_handler(slow_answer)
    with pytest.raises(Transient, match="did not answer in time"):
        client(server, http=fast_http).publish(post("hi"))


def test_a_dropped_connection_is_transient(dropping_url: str) -> None:
    ref = AccountRef(1, Network.LINKEDIN, "john", dropping_url, AUTHOR)
    with pytest.raises(Transient, match="could not connect"):
        make_linkedin_client(ref, SECRET).publish(post("hi"))


def test_delete_and_no_lookup(server: HTTPServer) -> None:
    server.expect_request(
        "/rest/posts/urn:li:share:6844785523593134080",  # sent percent-encoded
        method="DELETE",
        headers={"X-RestLi-Method": "DELETE", "LinkedIn-Version": LINKEDIN_VERSION},
    ).respond_with_response(Response(status=204))
    c = client(server)
    c.delete("urn:li:share:6844785523593134080")
    with pytest.raises(NotImplementedError):
        c.find_existing(post("hi"))
    with pytest.raises(NotImplementedError):
        c.schedule(post("hi"))


def test_linkedin_says_it_cannot_reply() -> None:
    ref = AccountRef(1, Network.LINKEDIN, "acme", "http://127.0.0.1:9")
    c = make_client(ref, {"access_token": "AT"})
    with pytest.raises(Rejected, match="answer on LinkedIn itself"):
        c.publish(
            Outgoing(
                parts=("Thanks!",), idempotency_key="k", reply_to=ReplyTarget("urn:li:share:1")
            )
        )
