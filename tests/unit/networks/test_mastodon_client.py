"""The Mastodon client against a fake instance on 127.0.0.1 answering with the shapes of
docs.joinmastodon.org (methods/statuses, media, scheduled_statuses, accounts, instance)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from cmplanner.domain.enums import Network
from cmplanner.networks.errors import AuthExpired, AuthFailed, RateLimited, Rejected, Transient
from cmplanner.networks.mastodon_client import MastodonClient, make_mastodon_client
from cmplanner.networks.publishing import AccountRef, Outgoing, OutgoingMedia, make_client

from .conftest import SlowAnswer

TOKEN = "ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

ACCOUNT = {
    "id": "14715",
    "username": "trwnh",
    "acct": "trwnh",
    "display_name": "infinite love ⴳ",
    "url": "https://mastodon.social/@trwnh",
    "avatar": "https://files.mastodon.social/accounts/avatars/000/014/715/original/34aa222f4ae2e0a9.png",
    "followers_count": 821,
}
INSTANCE = {
    "domain": "mastodon.social",
    "title": "Mastodon",
    "version": "4.3.0",
    "configuration": {
        "statuses": {
            "max_characters": 500,
            "max_media_attachments": 4,
            "characters_reserved_per_url": 23,
        },
        "media_attachments": {"image_size_limit": 16777216, "description_limit": 1500},
    },
}


def status(sid: str, content: str, *, reply_to: str | None = None, cw: str = "") -> dict:
    return {
        "id": sid,
        "created_at": "2026-11-26T10:00:01.000Z",
        "in_reply_to_id": reply_to,
        "sensitive": bool(cw),
        "spoiler_text": cw,
        "visibility": "public",
        "uri": f"https://mastodon.social/users/trwnh/statuses/{sid}",
        "url": f"https://mastodon.social/@trwnh/{sid}",
        "content": content,
        "media_attachments": [],
        "account": ACCOUNT,
    }


def client(server: HTTPServer, http: requests.Session | None = None) -> MastodonClient:
    ref = AccountRef(1, Network.MASTODON, "trwnh@mastodon.social", server.url_for("/"), "14715")
    c = make_client(ref, {"access_token": TOKEN}, http=http)
    assert isinstance(c, MastodonClient)
    c.poll_interval = 0
    return c


def post(*parts: str, **kw: object) -> Outgoing:
    return Outgoing(parts=parts, idempotency_key="post-7-target-3", **kw)  # type: ignore[arg-type]


def test_verify_reads_the_account_and_the_instance_limits(server: HTTPServer) -> None:
    server.expect_request(
        "/api/v1/accounts/verify_credentials", method="GET", headers=AUTH
    ).respond_with_json(ACCOUNT)
    server.expect_request("/api/v2/instance", method="GET").respond_with_json(INSTANCE)
    profile = client(server).verify()
    assert profile.handle.startswith("trwnh@127.0.0.1")
    assert profile.display_name == "infinite love ⴳ"
    assert profile.remote_id == "14715"
    assert profile.avatar_url.endswith("34aa222f4ae2e0a9.png")
    assert (profile.char_limit, profile.url_cost) == (500, 23)


def test_verify_with_a_bad_token_is_an_auth_failure(server: HTTPServer) -> None:
    server.expect_request("/api/v1/accounts/verify_credentials").respond_with_json(
        {"error": "The access token is invalid"}, status=401
    )
    with pytest.raises(AuthFailed, match="The access token is invalid") as info:
        client(server).verify()
    assert TOKEN not in str(info.value)


def test_publish_with_an_image_a_warning_and_the_idempotency_key(
    server: HTTPServer, image: Path
) -> None:
    uploads: list[dict[str, object]] = []

    def upload(request: Request) -> Response:
        file = request.files["file"]
        uploads.append({"description": request.form["description"], "file": file.read()})
        file.close()
        body = {"id": "22348641", "type": "image", "url": None, "description": "a cat"}
        return Response(json.dumps(body), status=202, content_type="application/json")

    server.expect_request("/api/v2/media", method="POST", headers=AUTH).respond_with_handler(upload)
    # Processing: 206 once, then 200 with the URL.
    server.expect_oneshot_request("/api/v1/media/22348641").respond_with_json(
        {"id": "22348641", "url": None}, status=206
    )
    server.expect_oneshot_request("/api/v1/media/22348641").respond_with_json(
        {"id": "22348641", "url": "https://files.mastodon.social/media/cat.png"}
    )
    server.expect_request(
        "/api/v1/statuses",
        method="POST",
        headers={**AUTH, "Idempotency-Key": "post-7-target-3"},
        json={
            "status": "Hello #fediverse",
            "media_ids": ["22348641"],
            "spoiler_text": "cats",
            "language": "en",
        },
    ).respond_with_json(status("109", "<p>Hello #fediverse</p>", cw="cats"))
    published = client(server).publish(
        post(
            "Hello #fediverse",
            content_warning="cats",
            langs=("en",),
            media=(OutgoingMedia(image, "image/png", alt="a cat"),),
        )
    )
    assert published.remote_id == "109"
    assert published.remote_url == "https://mastodon.social/@trwnh/109"
    assert uploads[0]["description"] == "a cat"
    assert uploads[0]["file"] == image.read_bytes()


def test_a_thread_is_a_chain_of_replies_each_with_its_own_key(server: HTTPServer) -> None:
    server.expect_request(
        "/api/v1/statuses",
        json={"status": "one"},
        headers={"Idempotency-Key": "post-7-target-3"},
    ).respond_with_json(status("1", "<p>one</p>"))
    server.expect_request(
        "/api/v1/statuses",
        json={"status": "two", "in_reply_to_id": "1"},
        headers={"Idempotency-Key": "post-7-target-3:2"},
    ).respond_with_json(status("2", "<p>two</p>", reply_to="1"))
    server.expect_request(
        "/api/v1/statuses",
        json={"status": "three", "in_reply_to_id": "2"},
        headers={"Idempotency-Key": "post-7-target-3:3"},
    ).respond_with_json(status("3", "<p>three</p>", reply_to="2"))
    published = client(server).publish(post("one", "two", "three"))
    assert published.part_ids == ("1", "2", "3")


def test_422_is_rejected_with_mastodons_own_message(server: HTTPServer) -> None:
    server.expect_request("/api/v1/statuses").respond_with_json(
        {"error": "Validation failed: Text character limit of 500 exceeded"}, status=422
    )
    with pytest.raises(Rejected, match="character limit of 500 exceeded") as info:
        client(server).publish(post("x" * 600))
    assert info.value.status == 422


def test_401_on_publish_means_reconnect(server: HTTPServer) -> None:
    server.expect_request("/api/v1/statuses").respond_with_json(
        {"error": "The access token was revoked"}, status=401
    )
    with pytest.raises(AuthExpired, match="reconnect"):
        client(server).publish(post("hi"))


@pytest.mark.parametrize(
    ("message", "error"),
    [
        ("This action is outside the authorized scopes", AuthFailed),
        ("This action is not allowed", Rejected),
    ],
)
def test_403_is_a_missing_scope_or_a_refusal(
    server: HTTPServer, message: str, error: type[Exception]
) -> None:
    server.expect_request("/api/v1/statuses").respond_with_json({"error": message}, status=403)
    with pytest.raises(error, match=message):
        client(server).publish(post("hi"))


def test_429_waits_until_the_iso_reset(server: HTTPServer) -> None:
    reset = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=4)
    server.expect_request("/api/v1/statuses").respond_with_json(
        {"error": "Too many requests"},
        status=429,
        headers={
            "X-RateLimit-Limit": "300",
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": reset.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        },
    )
    with pytest.raises(RateLimited) as info:
        client(server).publish(post("hi"))
    assert info.value.reset_at == reset


def test_500_is_transient(server: HTTPServer) -> None:
    server.expect_request("/api/v1/statuses").respond_with_data("oops", status=500)
    with pytest.raises(Transient):
        client(server).publish(post("hi"))


def test_a_slow_server_hits_the_timeout(
    server: HTTPServer, fast_http: requests.Session, slow_answer: SlowAnswer
) -> None:
    server.expect_request("/api/v1/statuses").respond_with_handler(slow_answer)
    with pytest.raises(Transient, match="did not answer in time"):
        client(server, fast_http).publish(post("hi"))


def test_a_dropped_connection_is_transient(dropping_url: str) -> None:
    ref = AccountRef(1, Network.MASTODON, "a@b", dropping_url)
    with pytest.raises(Transient, match="could not connect"):
        make_mastodon_client(ref, {"access_token": TOKEN}).publish(post("hi"))


def test_hand_off_create_update_list_cancel(server: HTTPServer) -> None:
    when = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    scheduled = {
        "id": "3221",
        "scheduled_at": "2026-12-01T09:30:00.000Z",
        "params": {"text": "later", "visibility": "public"},
        "media_attachments": [],
    }
    server.expect_request(
        "/api/v1/statuses",
        method="POST",
        json={"status": "later", "scheduled_at": "2026-12-01T09:30:00Z"},
        headers={"Idempotency-Key": "post-7-target-3:at:2026-12-01T09:30:00Z"},
    ).respond_with_json(scheduled)
    server.expect_request(
        "/api/v1/scheduled_statuses/3221",
        method="PUT",
        data="scheduled_at=2026-12-02T08%3A00%3A00Z",
    ).respond_with_json({**scheduled, "scheduled_at": "2026-12-02T08:00:00.000Z"})
    server.expect_request("/api/v1/scheduled_statuses", method="GET").respond_with_json(
        [{**scheduled, "scheduled_at": "2026-12-02T08:00:00.000Z"}]
    )
    server.expect_request("/api/v1/scheduled_statuses/3221", method="DELETE").respond_with_json({})
    c = client(server)
    handoff = c.schedule(post("later", scheduled_utc=when))
    assert handoff == "3221"
    c.reschedule(handoff, datetime(2026, 12, 2, 8, 0, tzinfo=UTC))
    assert [s["id"] for s in c.list_scheduled()] == ["3221"]
    c.cancel_scheduled(handoff)


def test_hand_off_too_soon_is_rejected_with_the_servers_words(server: HTTPServer) -> None:
    server.expect_request("/api/v1/statuses").respond_with_json(
        {"error": "Validation failed: Scheduled at The scheduled date must be in the future"},
        status=422,
    )
    with pytest.raises(Rejected, match="must be in the future"):
        client(server).schedule(post("later", scheduled_utc=datetime.now(UTC)))


def test_a_thread_is_not_handed_off() -> None:
    ref = AccountRef(1, Network.MASTODON, "a@b", "https://mastodon.example")
    c = make_mastodon_client(ref, {"access_token": TOKEN})
    with pytest.raises(NotImplementedError):
        c.schedule(post("one", "two", scheduled_utc=datetime(2026, 12, 1, tzinfo=UTC)))


def _recent(server: HTTPServer, statuses: list[dict]) -> None:
    server.expect_request(
        "/api/v1/accounts/14715/statuses", method="GET", query_string={"limit": "40"}
    ).respond_with_json(statuses)


def test_find_existing_matches_the_text_of_recent_statuses(server: HTTPServer) -> None:
    _recent(
        server,
        [
            status(
                "201",
                '<p>part two <a href="https://example.com/a/long/path" rel="nofollow">'
                '<span class="invisible">https://</span><span class="ellipsis">example.com/a/'
                '</span><span class="invisible">long/path</span></a></p>',
                reply_to="200",
            ),
            status(
                "200",
                '<p>Hi <span class="h-card"><a href="https://other.example/@bob" '
                'class="u-url mention">@<span>bob</span></a></span> &amp; all</p>'
                "<p>second line</p>",
            ),
            status("150", "<p>an older post</p>"),
        ],
    )
    found = client(server).find_existing(
        post(
            "Hi @bob@other.example & all\n\nsecond line", "part two https://example.com/a/long/path"
        )
    )
    assert found is not None
    assert found.part_ids == ("200", "201")


def test_find_existing_says_none_when_the_post_is_not_there(server: HTTPServer) -> None:
    _recent(server, [status("150", "<p>an older post</p>")])
    assert client(server).find_existing(post("a new post")) is None


def test_find_existing_cannot_tell_for_half_a_thread(server: HTTPServer) -> None:
    _recent(server, [status("200", "<p>one</p>")])
    with pytest.raises(NotImplementedError, match="1 of the thread's 2 parts"):
        client(server).find_existing(post("one", "two"))


def test_delete(server: HTTPServer) -> None:
    server.expect_request("/api/v1/statuses/109", method="DELETE", headers=AUTH).respond_with_json(
        status("109", "<p>bye</p>")
    )
    client(server).delete("109")


def test_plain_http_off_loopback_is_refused() -> None:
    from cmplanner.networks.errors import InsecureURL

    ref = AccountRef(1, Network.MASTODON, "a@b", "http://mastodon.example")
    with pytest.raises(InsecureURL):
        make_mastodon_client(ref, {"access_token": TOKEN})


def test_the_token_is_not_in_the_repr() -> None:
    ref = AccountRef(1, Network.MASTODON, "a@mastodon.example")
    assert TOKEN not in repr(make_mastodon_client(ref, {"access_token": TOKEN}))
