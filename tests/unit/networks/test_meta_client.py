"""Facebook Page, Instagram and Threads clients against a fake Graph API on 127.0.0.1
answering with the shapes of developers.facebook.com (pages-api/posts, page photos and
scheduled_posts, instagram-platform/content-publishing, threads/posts, the Graph error
object with its codes, X-Business-Use-Case-Usage, refresh_access_token)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from cmplanner.domain.enums import Network
from cmplanner.networks.errors import (
    AuthExpired,
    AuthFailed,
    NetworkError,
    RateLimited,
    Rejected,
    Transient,
)
from cmplanner.networks.meta_client import FacebookClient, InstagramClient, ThreadsClient
from cmplanner.networks.meta_graph import GraphAccount
from cmplanner.networks.publishing import (
    AccountRef,
    Outgoing,
    OutgoingMedia,
    ReplyTarget,
    make_client,
)

from .conftest import SlowAnswer

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
TOKEN = "EAAJ3ZBZCkZBZCkBAJr2ZAOwZBkZD"
IG_TOKEN = "IGQWRPa1ZA"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def make(
    server: HTTPServer,
    network: Network,
    remote_id: str,
    secret: dict[str, str] | None = None,
    sink: list[dict[str, str]] | None = None,
    http: requests.Session | None = None,
) -> Any:
    ref = AccountRef(1, network, "acme", server.url_for("/").rstrip("/"), remote_id)
    c = make_client(
        ref,
        secret or {"access_token": TOKEN, "expires_at": "2027-01-20T10:00:00Z"},
        on_secret_change=None if sink is None else sink.append,
        http=http,
    )
    assert isinstance(c, GraphAccount)
    c.now = lambda: NOW
    c.poll_interval = 0
    return c


def facebook(server: HTTPServer, **kw: Any) -> FacebookClient:
    c = make(server, Network.FACEBOOK, "1234567890", **kw)
    assert isinstance(c, FacebookClient)
    return c


def instagram(server: HTTPServer, **kw: Any) -> InstagramClient:
    c = make(server, Network.INSTAGRAM, "17841405822304914", **kw)
    assert isinstance(c, InstagramClient)
    return c


def threads(server: HTTPServer, **kw: Any) -> ThreadsClient:
    c = make(server, Network.THREADS, "25346789", **kw)
    assert isinstance(c, ThreadsClient)
    return c


def post(*parts: str, **kw: object) -> Outgoing:
    return Outgoing(parts=parts, idempotency_key="k", **kw)  # type: ignore[arg-type]


def graph_error(message: str, code: int, status: int = 400, **extra: object) -> dict:
    return {
        "error": {
            "message": message,
            "type": "OAuthException",
            "code": code,
            "fbtrace_id": "AWGd2ZbJ7_wJk2u9sk",
            **extra,
        }
    }


def media(image: Path, url: str = "", alt: str = "") -> OutgoingMedia:
    return OutgoingMedia(image, "image/png", alt=alt, public_url=url)


# ---------------------------------------------------------------- Facebook


def test_facebook_verify(server: HTTPServer) -> None:
    server.expect_request(
        "/1234567890", headers=AUTH, query_string={"fields": "id,name,username,link,picture{url}"}
    ).respond_with_json(
        {
            "id": "1234567890",
            "name": "Acme Bakery",
            "username": "acmebakery",
            "link": "https://www.facebook.com/acmebakery",
            "picture": {"data": {"url": "https://scontent.xx.fbcdn.net/v/p50x50/acme.jpg"}},
        }
    )
    profile = facebook(server).verify()
    assert (profile.handle, profile.display_name, profile.remote_id) == (
        "acmebakery",
        "Acme Bakery",
        "1234567890",
    )
    assert profile.avatar_url.endswith("acme.jpg")


def test_facebook_text_post(server: HTTPServer) -> None:
    server.expect_request(
        "/1234567890/feed", method="POST", headers=AUTH, data="message=Fresh+bread+today"
    ).respond_with_json({"id": "1234567890_987654321"})
    published = facebook(server).publish(post("Fresh bread today"))
    assert published.remote_id == "1234567890_987654321"
    assert published.remote_url == "https://www.facebook.com/1234567890_987654321"


def test_facebook_one_photo_with_alt_text(server: HTTPServer, image: Path) -> None:
    seen: dict[str, Any] = {}

    def photos(request: Request) -> Response:
        seen.update(request.form.to_dict())
        source = request.files["source"]
        seen["bytes"] = source.read()
        source.close()
        return Response(
            json.dumps({"id": "555", "post_id": "1234567890_777"}), content_type="application/json"
        )

    server.expect_request("/1234567890/photos", method="POST").respond_with_handler(photos)
    published = facebook(server).publish(
        post("Croissants", media=(media(image, alt="croissants"),))
    )
    assert published.remote_id == "1234567890_777"
    assert seen["caption"] == "Croissants"
    assert seen["alt_text_custom"] == "croissants"
    assert seen["bytes"] == image.read_bytes()


def test_facebook_several_photos_attach_to_one_feed_post(server: HTTPServer, image: Path) -> None:
    ids = iter(["601", "602"])

    def photos(request: Request) -> Response:
        assert request.form["published"] == "false"
        request.files["source"].close()
        return Response(json.dumps({"id": next(ids)}), content_type="application/json")

    feed: dict[str, str] = {}

    def create(request: Request) -> Response:
        feed.update(request.form.to_dict())
        return Response(json.dumps({"id": "1234567890_888"}), content_type="application/json")

    server.expect_request("/1234567890/photos", method="POST").respond_with_handler(photos)
    server.expect_request("/1234567890/feed", method="POST").respond_with_handler(create)
    facebook(server).publish(post("Two", media=(media(image), media(image))))
    assert feed == {
        "message": "Two",
        "attached_media[0]": '{"media_fbid":"601"}',
        "attached_media[1]": '{"media_fbid":"602"}',
    }


def test_facebook_hand_off_create_update_list_cancel(server: HTTPServer) -> None:
    when = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    later = when + timedelta(days=1)
    server.expect_request(
        "/1234567890/feed",
        method="POST",
        data=f"message=Later&published=false&scheduled_publish_time={int(when.timestamp())}",
    ).respond_with_json({"id": "1234567890_999"})
    server.expect_request(
        "/1234567890_999", method="POST", data=f"scheduled_publish_time={int(later.timestamp())}"
    ).respond_with_json({"success": True})
    server.expect_request("/1234567890/scheduled_posts", method="GET").respond_with_json(
        {
            "data": [
                {
                    "id": "1234567890_999",
                    "message": "Later",
                    "scheduled_publish_time": int(later.timestamp()),
                }
            ],
            "paging": {"cursors": {"before": "QVFI", "after": "QVFI"}},
        }
    )
    server.expect_request("/1234567890_999", method="DELETE").respond_with_json({"success": True})
    c = facebook(server)
    handoff = c.schedule(post("Later", scheduled_utc=when))
    assert handoff == "1234567890_999"
    c.reschedule(handoff, later)
    assert [p["id"] for p in c.list_scheduled()] == ["1234567890_999"]
    c.cancel_scheduled(handoff)


def test_facebook_hand_off_outside_the_window_is_rejected_with_metas_words(
    server: HTTPServer,
) -> None:
    server.expect_request("/1234567890/feed").respond_with_json(
        graph_error(
            "(#100) The specified scheduled publish time is invalid.",
            100,
            error_user_msg="The scheduled publish time must be between 10 minutes and 30 days "
            "from the time of the request.",
        ),
        status=400,
    )
    with pytest.raises(Rejected, match="between 10 minutes and 30 days"):
        facebook(server).schedule(post("Later", scheduled_utc=NOW))


def test_facebook_find_existing(server: HTTPServer) -> None:
    server.expect_request("/1234567890/published_posts").respond_with_json(
        {
            "data": [
                {
                    "id": "1234567890_2",
                    "message": "Fresh  bread\ntoday",
                    "created_time": "2026-11-26T09:59:58+0000",
                    "permalink_url": "https://www.facebook.com/acmebakery/posts/pfbid02",
                },
                {
                    "id": "1234567890_1",
                    "message": "Older",
                    "created_time": "2026-11-20T09:00:00+0000",
                },
            ]
        }
    )
    c = facebook(server)
    found = c.find_existing(post("Fresh bread today"))
    assert found is not None
    assert found.remote_url.endswith("/posts/pfbid02")
    assert c.find_existing(post("Not there")) is None


# ---------------------------------------------------------------- Instagram


def test_instagram_needs_a_public_url_and_an_image(server: HTTPServer, image: Path) -> None:
    with pytest.raises(Rejected, match="public address: set the account's media base URL"):
        instagram(server).publish(post("caption", media=(media(image),)))
    with pytest.raises(Rejected, match="no text-only posts"):
        instagram(server).publish(post("caption"))


def test_instagram_single_image(server: HTTPServer, image: Path) -> None:
    server.expect_request(
        "/17841405822304914/media",
        method="POST",
        headers=AUTH,
        data="image_url=https%3A%2F%2Fmedia.acme.example%2Fcat.png&caption=Hello+%23cats&alt_text=a+cat",
    ).respond_with_json({"id": "17889455560051444"})
    server.expect_oneshot_request("/17889455560051444", method="GET").respond_with_json(
        {"status_code": "IN_PROGRESS", "status": "In Progress", "id": "17889455560051444"}
    )
    server.expect_oneshot_request(
        "/17889455560051444", query_string={"fields": "status_code,status"}
    ).respond_with_json({"status_code": "FINISHED", "id": "17889455560051444"})
    server.expect_request(
        "/17841405822304914/media_publish", method="POST", data="creation_id=17889455560051444"
    ).respond_with_json({"id": "17920238422030506"})
    server.expect_request(
        "/17920238422030506", query_string={"fields": "permalink"}
    ).respond_with_json(
        {"permalink": "https://www.instagram.com/p/C1aBcDeFgHi/", "id": "17920238422030506"}
    )
    published = instagram(server).publish(
        post("Hello #cats", media=(media(image, "https://media.acme.example/cat.png", "a cat"),))
    )
    assert published.remote_id == "17920238422030506"
    assert published.remote_url == "https://www.instagram.com/p/C1aBcDeFgHi/"


def test_instagram_carousel(server: HTTPServer, image: Path) -> None:
    created: list[dict[str, str]] = []

    def container(request: Request) -> Response:
        created.append(request.form.to_dict())
        return Response(json.dumps({"id": f"c{len(created)}"}), content_type="application/json")

    server.expect_request("/17841405822304914/media", method="POST").respond_with_handler(container)
    for cid in ("c1", "c2", "c3"):
        server.expect_request(f"/{cid}").respond_with_json({"status_code": "FINISHED", "id": cid})
    server.expect_request(
        "/17841405822304914/media_publish", data="creation_id=c3"
    ).respond_with_json({"id": "1790"})
    server.expect_request("/1790").respond_with_json(
        {"permalink": "https://www.instagram.com/p/X/"}
    )
    instagram(server).publish(
        post(
            "Two cats",
            media=(
                media(image, "https://m.example/1.png"),
                media(image, "https://m.example/2.png"),
            ),
        )
    )
    assert created == [
        {"image_url": "https://m.example/1.png", "is_carousel_item": "true"},
        {"image_url": "https://m.example/2.png", "is_carousel_item": "true"},
        {"media_type": "CAROUSEL", "children": "c1,c2", "caption": "Two cats"},
    ]


def test_instagram_container_error_is_rejected(server: HTTPServer, image: Path) -> None:
    server.expect_request("/17841405822304914/media").respond_with_json({"id": "c9"})
    server.expect_request("/c9").respond_with_json(
        {
            "status_code": "ERROR",
            "status": "Error: Media download has failed. "
            "The media URI doesn't meet our requirements.",
        }
    )
    with pytest.raises(Rejected, match="Media download has failed"):
        instagram(server).publish(post("x", media=(media(image, "https://m.example/1.png"),)))


def test_instagram_login_token_is_renewed_and_written_back(server: HTTPServer) -> None:
    sink: list[dict[str, str]] = []
    server.expect_request(
        "/refresh_access_token",
        query_string={"grant_type": "ig_refresh_token", "access_token": IG_TOKEN},
    ).respond_with_json({"access_token": "IGQnew", "token_type": "bearer", "expires_in": 5183944})
    server.expect_request(
        "/17841405822304914", headers={"Authorization": "Bearer IGQnew"}
    ).respond_with_json(
        {
            "id": "17841405822304914",
            "user_id": "17841405822304914",
            "username": "acme.bakery",
            "name": "Acme",
            "profile_picture_url": "https://scontent.cdninstagram.com/acme.jpg",
        }
    )
    # A pasted token: its expiry is unknown, so it is renewed (which tells it).
    profile = instagram(server, secret={"access_token": IG_TOKEN}, sink=sink).verify()
    assert profile.handle == "acme.bakery"
    assert profile.token_expires_utc == NOW + timedelta(seconds=5183944)
    assert sink == [{"access_token": "IGQnew", "expires_at": "2027-01-25T09:59:04Z"}]


# ---------------------------------------------------------------- Threads


def test_threads_text_thread_with_replies(server: HTTPServer) -> None:
    made: list[dict[str, str]] = []
    published_ids = iter(["m1", "m2"])

    def container(request: Request) -> Response:
        made.append(request.form.to_dict())
        return Response(json.dumps({"id": f"c{len(made)}"}), content_type="application/json")

    def publish(request: Request) -> Response:
        return Response(json.dumps({"id": next(published_ids)}), content_type="application/json")

    server.expect_request("/25346789/threads", method="POST", headers=AUTH).respond_with_handler(
        container
    )
    server.expect_request("/c1", query_string={"fields": "status,error_message"}).respond_with_json(
        {"status": "FINISHED", "id": "c1"}
    )
    server.expect_request("/c2").respond_with_json({"status": "FINISHED", "id": "c2"})
    server.expect_request("/25346789/threads_publish", method="POST").respond_with_handler(publish)
    server.expect_request("/m1", query_string={"fields": "permalink"}).respond_with_json(
        {"permalink": "https://www.threads.net/@acme/post/C1a", "id": "m1"}
    )
    published = threads(server).publish(post("first", "second"))
    assert published.part_ids == ("m1", "m2")
    assert published.remote_url == "https://www.threads.net/@acme/post/C1a"
    assert made == [
        {"text": "first", "media_type": "TEXT"},
        {"text": "second", "reply_to_id": "m1", "media_type": "TEXT"},
    ]


def test_threads_image_needs_a_public_url(server: HTTPServer, image: Path) -> None:
    with pytest.raises(Rejected, match="Threads fetches the image from a public address"):
        threads(server).publish(post("x", media=(media(image),)))


def test_threads_image_post(server: HTTPServer, image: Path) -> None:
    server.expect_request(
        "/25346789/threads",
        method="POST",
        data="text=look&media_type=IMAGE&image_url=https%3A%2F%2Fm.example%2F1.png&alt_text=a+cat",
    ).respond_with_json({"id": "c1"})
    server.expect_request("/c1").respond_with_json({"status": "FINISHED"})
    server.expect_request("/25346789/threads_publish").respond_with_json({"id": "m1"})
    server.expect_request("/m1").respond_with_json(
        {"permalink": "https://www.threads.net/@a/post/1"}
    )
    threads(server).publish(post("look", media=(media(image, "https://m.example/1.png", "a cat"),)))


def test_threads_token_near_expiry_is_renewed_first(server: HTTPServer) -> None:
    sink: list[dict[str, str]] = []
    server.expect_request(
        "/refresh_access_token",
        query_string={"grant_type": "th_refresh_token", "access_token": TOKEN},
    ).respond_with_json({"access_token": "THnew", "token_type": "bearer", "expires_in": 5184000})
    server.expect_request(
        "/25346789/threads", headers={"Authorization": "Bearer THnew"}
    ).respond_with_json({"id": "c1"})
    server.expect_request("/c1").respond_with_json({"status": "FINISHED"})
    server.expect_request("/25346789/threads_publish").respond_with_json({"id": "m1"})
    server.expect_request("/m1").respond_with_json(
        {"permalink": "https://www.threads.net/@a/post/1"}
    )
    secret = {"access_token": TOKEN, "expires_at": "2026-12-01T00:00:00Z"}
    threads(server, secret=secret, sink=sink).publish(post("hi"))
    assert sink[-1] == {"access_token": "THnew", "expires_at": "2027-01-25T10:00:00Z"}


def test_threads_find_existing(server: HTTPServer) -> None:
    server.expect_request("/25346789/threads").respond_with_json(
        {
            "data": [
                {
                    "id": "m7",
                    "text": "hello there",
                    "permalink": "https://www.threads.net/@a/post/7",
                    "timestamp": "2026-11-26T09:59:59+0000",
                }
            ],
            "paging": {"cursors": {"before": "B", "after": "A"}},
        }
    )
    c = threads(server)
    found = c.find_existing(post("hello there"))
    assert found is not None and found.remote_id == "m7"
    with pytest.raises(NotImplementedError):
        c.find_existing(post("hello there", "part two"))
    assert c.find_existing(post("something else")) is None


# ---------------------------------------------------------------- errors, for all three


def _publish(c: Any, image: Path) -> None:
    if isinstance(c, InstagramClient):
        c.publish(post("x", media=(media(image, "https://m.example/1.png"),)))
    else:
        c.publish(post("x"))


ENDPOINT = {
    "facebook": ("/1234567890/feed", facebook),
    "instagram": ("/17841405822304914/media", instagram),
    "threads": ("/25346789/threads", threads),
}


@pytest.mark.parametrize("net", list(ENDPOINT))
@pytest.mark.parametrize(
    ("body", "status", "error", "words"),
    [
        (
            graph_error(
                "Error validating access token: Session has expired on Tuesday, 25-Nov-26.",
                190,
                error_subcode=463,
            ),
            400,
            AuthExpired,
            "Session has expired",
        ),
        (
            graph_error(
                "(#200) The user hasn't authorized the application to perform this action", 200
            ),
            403,
            AuthFailed,
            "hasn't authorized",
        ),
        (
            graph_error("(#506) Duplicate status message", 506),
            400,
            Rejected,
            "Duplicate status message",
        ),
        (
            graph_error("(#100) Invalid parameter", 100, error_user_msg="The caption is too long."),
            400,
            Rejected,
            "caption is too long",
        ),
        (
            graph_error("An unknown error has occurred.", 1, is_transient=True),
            500,
            Transient,
            "unknown error",
        ),
        (
            graph_error(
                "(#368) The action attempted has been deemed abusive or is otherwise disallowed",
                368,
            ),
            400,
            Rejected,
            "deemed abusive",
        ),
    ],
)
def test_graph_errors_map_to_typed_errors(
    server: HTTPServer,
    image: Path,
    net: str,
    body: dict,
    status: int,
    error: type[NetworkError],
    words: str,
) -> None:
    path, build = ENDPOINT[net]
    server.expect_request(path).respond_with_json(body, status=status)
    with pytest.raises(error, match=words) as info:
        _publish(build(server), image)
    assert TOKEN not in str(info.value)


@pytest.mark.parametrize("net", list(ENDPOINT))
def test_throttled_waits_as_the_usage_header_says(
    server: HTTPServer, image: Path, net: str
) -> None:
    path, build = ENDPOINT[net]
    usage = {
        "1234567890": [
            {
                "type": "pages",
                "call_count": 100,
                "total_cputime": 20,
                "total_time": 25,
                "estimated_time_to_regain_access": 12,
            }
        ]
    }
    server.expect_request(path).respond_with_json(
        graph_error("(#80001) There have been too many calls to this Page account.", 80001),
        status=400,
        headers={"X-Business-Use-Case-Usage": json.dumps(usage)},
    )
    with pytest.raises(RateLimited) as info:
        _publish(build(server), image)
    assert info.value.reset_at == NOW + timedelta(minutes=12)


@pytest.mark.parametrize("net", list(ENDPOINT))
def test_429_with_retry_after(server: HTTPServer, image: Path, net: str) -> None:
    path, build = ENDPOINT[net]
    server.expect_request(path).respond_with_json(
        graph_error("(#4) Application request limit reached", 4),
        status=429,
        headers={"Retry-After": "90"},
    )
    with pytest.raises(RateLimited) as info:
        _publish(build(server), image)
    assert info.value.reset_at == NOW + timedelta(seconds=90)


@pytest.mark.parametrize("net", list(ENDPOINT))
def test_a_500_without_a_body_is_transient(server: HTTPServer, image: Path, net: str) -> None:
    path, build = ENDPOINT[net]
    server.expect_request(path).respond_with_data("<html>Bad gateway</html>", status=502)
    with pytest.raises(Transient):
        _publish(build(server), image)


@pytest.mark.parametrize("net", list(ENDPOINT))
def test_a_slow_server_hits_the_timeout(
    server: HTTPServer, fast_http: requests.Session, slow_answer: SlowAnswer, image: Path, net: str
) -> None:
    path, build = ENDPOINT[net]
    server.expect_request(path).respond_with_handler(slow_answer)
    with pytest.raises(Transient, match="did not answer in time"):
        _publish(build(server, http=fast_http), image)


@pytest.mark.parametrize("network", [Network.FACEBOOK, Network.INSTAGRAM, Network.THREADS])
def test_a_dropped_connection_is_transient(dropping_url: str, network: Network) -> None:
    c = make_client(
        AccountRef(1, network, "a", dropping_url, "1"),
        {"access_token": TOKEN, "expires_at": "2027-01-20T10:00:00Z"},
    )
    with pytest.raises(Transient, match="could not connect"):
        c.verify()


def test_token_is_not_in_repr(server: HTTPServer) -> None:
    for c in (facebook(server), instagram(server), threads(server)):
        assert TOKEN not in repr(c)


def test_replies_are_comments_on_facebook_and_instagram_and_reply_to_id_on_threads(
    server: HTTPServer,
) -> None:
    reply_to = ReplyTarget("1234567890_555")
    server.expect_request(
        "/1234567890_555/comments", method="POST", headers=AUTH, data="message=Thanks%21"
    ).respond_with_json({"id": "1234567890_555_77"})
    sent = facebook(server).publish(post("Thanks!", reply_to=reply_to))
    assert (sent.remote_id, sent.part_ids) == ("1234567890_555_77", ("1234567890_555_77",))

    server.expect_request(
        "/17895695668004550/comments", method="POST", data="message=On+it"
    ).respond_with_json({"id": "17870913679156914"})
    sent = instagram(server).publish(post("On it", reply_to=ReplyTarget("17895695668004550")))
    assert sent.remote_id == "17870913679156914"

    server.expect_request(
        "/25346789/threads", method="POST", data="text=Sorry%21&reply_to_id=m9&media_type=TEXT"
    ).respond_with_json({"id": "c1"})
    server.expect_request("/c1").respond_with_json({"status": "FINISHED"})
    server.expect_request("/25346789/threads_publish").respond_with_json({"id": "m10"})
    server.expect_request("/m10").respond_with_json({"permalink": "https://threads.net/p/m10"})
    sent = threads(server).publish(post("Sorry!", reply_to=ReplyTarget("m9")))
    assert sent.remote_id == "m10"
