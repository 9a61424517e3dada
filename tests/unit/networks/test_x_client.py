"""The X client against a fake api.x.com on 127.0.0.1 answering with the shapes of
docs.x.com (POST /2/tweets, GET /2/users/me, chunked /2/media/upload, /2/media/metadata,
/2/oauth2/token, problem details and x-rate-limit-* headers)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qsl, unquote

import pytest
import requests
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from cmplanner.domain.enums import Network
from cmplanner.networks.errors import AuthExpired, AuthFailed, RateLimited, Rejected, Transient
from cmplanner.networks.oauth import oauth1_signature
from cmplanner.networks.publishing import (
    AccountRef,
    Outgoing,
    OutgoingMedia,
    ReplyTarget,
    make_client,
)
from cmplanner.networks.x_client import XClient, make_x_client

from .conftest import SlowAnswer

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
OAUTH2 = {
    "access_token": "AT-1",
    "refresh_token": "RT-1",
    "expires_at": "2026-11-26T11:30:00Z",
    "client_id": "cl-id",
}
OAUTH1 = {
    "consumer_key": "xvz1evFS4wEEPTGEFPHBog",
    "consumer_secret": "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
    "access_token": "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
    "access_token_secret": "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
}
ME = {
    "data": {
        "id": "2244994945",
        "name": "Developers",
        "username": "XDevelopers",
        "profile_image_url": "https://pbs.twimg.com/profile_images/1/abc_normal.jpg",
    }
}


def client(
    server: HTTPServer,
    secret: dict[str, str] | None = None,
    sink: list[dict[str, str]] | None = None,
    http: requests.Session | None = None,
) -> XClient:
    ref = AccountRef(1, Network.X, "XDevelopers", server.url_for("/").rstrip("/"))
    c = make_client(
        ref, secret or OAUTH2, on_secret_change=None if sink is None else sink.append, http=http
    )
    assert isinstance(c, XClient)
    c.now = lambda: NOW
    c.poll_interval = 0
    return c


def post(*parts: str, **kw: object) -> Outgoing:
    return Outgoing(parts=parts, idempotency_key="k", **kw)  # type: ignore[arg-type]


def created(tid: str, text: str) -> dict:
    return {"data": {"id": tid, "text": text, "edit_history_tweet_ids": [tid]}}


def test_verify_reads_the_user(server: HTTPServer) -> None:
    server.expect_request(
        "/2/users/me",
        headers={"Authorization": "Bearer AT-1"},
        query_string={"user.fields": "profile_image_url,name,username"},
    ).respond_with_json(ME)
    profile = client(server).verify()
    assert (profile.handle, profile.display_name, profile.remote_id) == (
        "XDevelopers",
        "Developers",
        "2244994945",
    )
    assert profile.avatar_url.endswith("abc_normal.jpg")
    assert profile.token_expires_utc is None  # refreshed as it goes


def test_a_thread_with_an_image_and_alt_text(server: HTTPServer, image: Path) -> None:
    commands: list[dict[str, str]] = []

    def upload(request: Request) -> Response:
        form = request.form.to_dict()
        if "media" in request.files:
            media = request.files["media"]
            form["bytes"] = str(len(media.read()))
            media.close()
        commands.append(form)
        command = form["command"]
        if command == "INIT":
            body = {
                "data": {
                    "id": "1880028106020515840",
                    "media_key": "3_188",
                    "expires_after_secs": 86400,
                }
            }
        elif command == "APPEND":
            return Response(status=204)
        else:
            body = {
                "data": {
                    "id": "1880028106020515840",
                    "media_key": "3_188",
                    "size": 72,
                    "expires_after_secs": 86400,
                    "processing_info": {"state": "pending", "check_after_secs": 1},
                }
            }
        return Response(json.dumps(body), content_type="application/json")

    server.expect_request("/2/media/upload", method="POST").respond_with_handler(upload)
    server.expect_oneshot_request(
        "/2/media/upload",
        method="GET",
        query_string={"command": "STATUS", "media_id": "1880028106020515840"},
    ).respond_with_json(
        {"data": {"id": "1880028106020515840", "processing_info": {"state": "in_progress"}}}
    )
    server.expect_oneshot_request("/2/media/upload", method="GET").respond_with_json(
        {"data": {"id": "1880028106020515840", "processing_info": {"state": "succeeded"}}}
    )
    server.expect_request(
        "/2/media/metadata",
        method="POST",
        json={"id": "1880028106020515840", "metadata": {"alt_text": {"text": "a cat"}}},
    ).respond_with_json({"data": {"associated_metadata": True, "id": "1880028106020515840"}})
    server.expect_request(
        "/2/tweets",
        method="POST",
        json={"text": "one", "media": {"media_ids": ["1880028106020515840"]}},
        headers={"Authorization": "Bearer AT-1"},
    ).respond_with_json(created("1445880548472328192", "one"), status=201)
    server.expect_request(
        "/2/tweets",
        method="POST",
        json={"text": "two", "reply": {"in_reply_to_tweet_id": "1445880548472328192"}},
    ).respond_with_json(created("1445880548472328193", "two"), status=201)

    published = client(server).publish(
        post("one", "two", media=(OutgoingMedia(image, "image/png", alt="a cat"),))
    )
    assert published.part_ids == ("1445880548472328192", "1445880548472328193")
    assert published.remote_url == "https://x.com/XDevelopers/status/1445880548472328192"
    assert [c["command"] for c in commands] == ["INIT", "APPEND", "FINALIZE"]
    assert commands[0]["media_type"] == "image/png"
    assert commands[0]["total_bytes"] == str(image.stat().st_size)
    assert commands[0]["media_category"] == "tweet_image"
    assert commands[1]["bytes"] == str(image.stat().st_size)


def test_an_expiring_token_is_refreshed_first_and_written_back(server: HTTPServer) -> None:
    sink: list[dict[str, str]] = []
    server.expect_request(
        "/2/oauth2/token", data="grant_type=refresh_token&refresh_token=RT-1&client_id=cl-id"
    ).respond_with_json(
        {
            "token_type": "bearer",
            "expires_in": 7200,
            "access_token": "AT-2",
            "refresh_token": "RT-2",
        }
    )
    server.expect_request("/2/tweets", headers={"Authorization": "Bearer AT-2"}).respond_with_json(
        created("9", "hi"), status=201
    )
    c = client(server, {**OAUTH2, "expires_at": "2026-11-26T10:01:00Z"}, sink)
    c.publish(post("hi"))
    assert sink == [
        {
            **OAUTH2,
            "access_token": "AT-2",
            "refresh_token": "RT-2",
            "expires_at": "2026-11-26T12:00:00Z",
        }
    ]


def test_401_refreshes_once_then_sends_again(server: HTTPServer) -> None:
    sink: list[dict[str, str]] = []
    unauthorized = {
        "title": "Unauthorized",
        "type": "about:blank",
        "status": 401,
        "detail": "Unauthorized",
    }
    server.expect_request("/2/tweets", headers={"Authorization": "Bearer AT-1"}).respond_with_json(
        unauthorized, status=401
    )
    server.expect_request("/2/oauth2/token").respond_with_json(
        {
            "token_type": "bearer",
            "expires_in": 7200,
            "access_token": "AT-2",
            "refresh_token": "RT-2",
        }
    )
    server.expect_request("/2/tweets", headers={"Authorization": "Bearer AT-2"}).respond_with_json(
        created("9", "hi"), status=201
    )
    assert client(server, sink=sink).publish(post("hi")).remote_id == "9"
    assert sink[-1]["refresh_token"] == "RT-2"


def test_401_with_a_dead_refresh_token_means_reconnect(server: HTTPServer) -> None:
    server.expect_request("/2/tweets").respond_with_json(
        {"title": "Unauthorized", "status": 401, "detail": "Unauthorized"}, status=401
    )
    server.expect_request("/2/oauth2/token").respond_with_json(
        {
            "error": "invalid_request",
            "error_description": "Value passed for the token was invalid.",
        },
        status=400,
    )
    with pytest.raises(AuthExpired, match="reconnect"):
        client(server).publish(post("hi"))


def test_403_duplicate_is_rejected_with_xs_words(server: HTTPServer) -> None:
    server.expect_request("/2/tweets").respond_with_json(
        {
            "detail": "You are not allowed to create a Tweet with duplicate content.",
            "type": "about:blank",
            "title": "Forbidden",
            "status": 403,
        },
        status=403,
    )
    with pytest.raises(Rejected, match="duplicate content") as info:
        client(server).publish(post("hi"))
    assert info.value.code == "duplicate"


def test_403_client_forbidden_is_an_auth_problem(server: HTTPServer) -> None:
    server.expect_request("/2/tweets").respond_with_json(
        {
            "client_id": "123",
            "detail": "When authenticating requests to the Twitter API v2 endpoints, you must use "
            "keys and tokens from a Twitter developer App that is attached to a Project.",
            "registration_url": "https://developer.twitter.com/en/docs/projects/overview",
            "title": "Client Forbidden",
            "required_enrollment": "Appropriate Level of API Access",
            "reason": "client-not-enrolled",
            "type": "https://api.twitter.com/2/problems/client-forbidden",
        },
        status=403,
    )
    with pytest.raises(AuthFailed, match="attached to a Project"):
        client(server).publish(post("hi"))


def test_400_is_rejected_with_the_parameter_message(server: HTTPServer) -> None:
    server.expect_request("/2/tweets").respond_with_json(
        {
            "errors": [{"parameters": {"text": ["x" * 10]}, "message": "Text is too long"}],
            "title": "Invalid Request",
            "detail": "One or more parameters to your request was invalid.",
            "type": "https://api.twitter.com/2/problems/invalid-request",
        },
        status=400,
    )
    with pytest.raises(Rejected, match="parameters to your request was invalid"):
        client(server).publish(post("x" * 10))


def test_429_waits_for_x_rate_limit_reset(server: HTTPServer) -> None:
    reset = NOW + timedelta(minutes=15)
    server.expect_request("/2/tweets").respond_with_json(
        {
            "title": "Too Many Requests",
            "detail": "Too Many Requests",
            "type": "about:blank",
            "status": 429,
        },
        status=429,
        headers={
            "x-rate-limit-limit": "100",
            "x-rate-limit-remaining": "0",
            "x-rate-limit-reset": str(int(reset.timestamp())),
        },
    )
    with pytest.raises(RateLimited) as info:
        client(server).publish(post("hi"))
    assert info.value.reset_at == reset
    assert info.value.retry_after_s == 900


def test_429_on_the_daily_user_cap_waits_for_that_reset(server: HTTPServer) -> None:
    day_reset = NOW + timedelta(hours=20)
    server.expect_request("/2/tweets").respond_with_json(
        {"title": "Too Many Requests", "status": 429},
        status=429,
        headers={
            "x-rate-limit-reset": str(int((NOW + timedelta(minutes=5)).timestamp())),
            "x-user-limit-24hour-remaining": "0",
            "x-user-limit-24hour-reset": str(int(day_reset.timestamp())),
        },
    )
    with pytest.raises(RateLimited) as info:
        client(server).publish(post("hi"))
    assert info.value.reset_at == day_reset


def test_500_is_transient(server: HTTPServer) -> None:
    server.expect_request("/2/tweets").respond_with_json(
        {"title": "Service Unavailable", "status": 503}, status=503
    )
    with pytest.raises(Transient):
        client(server).publish(post("hi"))


def test_a_slow_server_hits_the_timeout(
    server: HTTPServer, fast_http: requests.Session, slow_answer: SlowAnswer
) -> None:
    server.expect_request("/2/tweets").respond_with_handler(slow_answer)
    with pytest.raises(Transient, match="did not answer in time"):
        client(server, http=fast_http).publish(post("hi"))


def test_a_dropped_connection_is_transient(dropping_url: str) -> None:
    c = make_x_client(AccountRef(1, Network.X, "a", dropping_url), OAUTH1)
    with pytest.raises(Transient, match="could not connect"):
        c.publish(post("hi"))


def test_oauth1_requests_are_signed(server: HTTPServer) -> None:
    seen: list[bool] = []

    def me(request: Request) -> Response:
        header = request.headers["Authorization"]
        assert header.startswith("OAuth ")
        fields = {
            k.strip(): unquote(v.strip('"'))
            for k, v in (part.split("=", 1) for part in header[6:].split(","))
        }
        signature = fields.pop("oauth_signature")
        signed = {**dict(parse_qsl(request.query_string.decode())), **fields}
        expected = oauth1_signature(
            "GET",
            request.base_url,
            signed,
            OAUTH1["consumer_secret"],
            OAUTH1["access_token_secret"],
        )
        seen.append(
            signature == expected and fields["oauth_consumer_key"] == OAUTH1["consumer_key"]
        )
        return Response(json.dumps(ME), content_type="application/json")

    server.expect_request("/2/users/me").respond_with_handler(me)
    assert client(server, OAUTH1).verify().handle == "XDevelopers"
    assert seen == [True]


def test_find_existing_cannot_tell_and_there_is_no_hand_off() -> None:
    c = make_x_client(AccountRef(1, Network.X, "a"), OAUTH2)
    with pytest.raises(NotImplementedError):
        c.find_existing(post("hi"))
    with pytest.raises(NotImplementedError):
        c.schedule(post("hi"))


def test_delete(server: HTTPServer) -> None:
    server.expect_request("/2/tweets/9", method="DELETE").respond_with_json(
        {"data": {"deleted": True}}
    )
    client(server).delete("9")


def test_secrets_stay_out_of_repr_and_messages(server: HTTPServer) -> None:
    server.expect_request("/2/tweets").respond_with_json(
        {"title": "Unauthorized", "status": 401}, status=401
    )
    c = client(server, OAUTH1)
    assert "Lsww" not in repr(c) and "370773112" not in repr(c)
    with pytest.raises(AuthExpired) as info:
        c.publish(post("hi"))
    assert "Lsww" not in str(info.value) and "370773112" not in str(info.value)


def test_a_reply_answers_the_tweet(server: HTTPServer) -> None:
    server.expect_request(
        "/2/tweets",
        method="POST",
        json={"text": "@bob on it", "reply": {"in_reply_to_tweet_id": "1790000000000000001"}},
    ).respond_with_json(created("1790000000000000002", "@bob on it"))
    sent = client(server).publish(post("@bob on it", reply_to=ReplyTarget("1790000000000000001")))
    assert sent.remote_id == "1790000000000000002"
