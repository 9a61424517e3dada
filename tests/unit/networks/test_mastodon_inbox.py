"""Mastodon's inbox reader against a fake instance on 127.0.0.1 answering with the shapes of
docs.joinmastodon.org (methods/notifications, statuses/:id/context, search, timelines/tag,
statuses favourite/reblog)."""

from __future__ import annotations

from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from cmplanner.domain.enums import InboxKind, Network
from cmplanner.networks.errors import AuthExpired
from cmplanner.networks.inbox_base import THREAD_CAP, RemotePost, make_reader
from cmplanner.networks.mastodon_inbox import MastodonInbox
from cmplanner.networks.publishing import AccountRef

TOKEN = "ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ME = "14715"


def account(acct_id: str, acct: str, name: str = "") -> dict[str, Any]:
    return {
        "id": acct_id,
        "username": acct.split("@")[0],
        "acct": acct,
        "display_name": name,
        "url": f"https://example.social/@{acct}",
    }


BOB = account("2001", "bob@example.social", "Bob Builder")


def status(
    sid: str,
    html: str,
    *,
    who: dict[str, Any] = BOB,
    reply_to: str | None = None,
    reply_to_account: str | None = None,
    visibility: str = "public",
    quote: dict[str, Any] | None = None,
) -> dict[str, Any]:
    body = {
        "id": sid,
        "created_at": f"2026-11-26T09:{int(sid) % 60:02d}:00.000Z",
        "in_reply_to_id": reply_to,
        "in_reply_to_account_id": reply_to_account,
        "sensitive": False,
        "spoiler_text": "",
        "visibility": visibility,
        "language": "en",
        "uri": f"https://example.social/users/bob/statuses/{sid}",
        "url": f"https://example.social/@bob/{sid}",
        "content": html,
        "account": who,
    }
    if quote is not None:
        body["quote"] = quote
    return body


def notification(nid: str, kind: str, st: dict[str, Any] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": nid,
        "type": kind,
        "created_at": "2026-11-26T09:30:00.000Z",
        "account": BOB,
    }
    if st is not None:
        body["status"] = st
    return body


def reader(server: HTTPServer) -> MastodonInbox:
    ref = AccountRef(1, Network.MASTODON, "brand@example.social", server.url_for("/"), ME)
    r = make_reader(ref, {"access_token": TOKEN})
    assert isinstance(r, MastodonInbox)
    return r


def test_notifications_sort_mentions_replies_quotes_and_follows(server: HTTPServer) -> None:
    page = [
        notification("104", "follow"),
        notification(
            "103",
            "quote",
            status(
                "53",
                "<p>look at this</p>",
                quote={"state": "accepted", "quoted_status": {"id": "9"}},
            ),
        ),
        notification(
            "102",
            "mention",
            status("52", "<p>@brand why is my order late?</p>", reply_to="9", reply_to_account=ME),
        ),
        notification("101", "mention", status("51", "<p>Hi <span>@brand</span> &amp; co</p>")),
    ]
    server.expect_request("/api/v1/notifications", method="GET", headers=AUTH).respond_with_json(
        page
    )
    got = reader(server).notifications(None)
    kinds = {i.remote_id: i.kind for i in got.items}
    assert kinds == {
        "51": InboxKind.MENTION,
        "52": InboxKind.REPLY,
        "53": InboxKind.QUOTE,
        "2001": InboxKind.FOLLOW,
    }
    by_id = {i.remote_id: i for i in got.items}
    assert by_id["51"].text == "Hi @brand & co"
    assert by_id["52"].subject_remote_id == "9"
    assert by_id["53"].subject_remote_id == "9"
    assert by_id["51"].author_handle == "bob@example.social"
    assert by_id["51"].author_name == "Bob Builder"
    assert got.cursor == "104"
    assert got.problems == ()
    sent = server.log[0][0]
    assert sent.args.getlist("types[]") == ["mention", "quote", "follow"]
    assert "min_id" not in sent.args


def test_notifications_read_on_from_the_cursor_page_by_page(server: HTTPServer) -> None:
    first = [
        notification(str(200 + i), "mention", status(str(300 + i), "<p>hi</p>")) for i in range(40)
    ]
    second = [notification("240", "mention", status("340", "<p>last</p>"))]
    server.expect_oneshot_request(
        "/api/v1/notifications", query_string=None, method="GET"
    ).respond_with_json(list(reversed(first)))
    server.expect_oneshot_request("/api/v1/notifications", method="GET").respond_with_json(second)
    got = reader(server).notifications("199")
    assert len(got.items) == 41
    assert got.cursor == "240"
    assert server.log[0][0].args["min_id"] == "199"
    assert server.log[1][0].args["min_id"] == "239"


def test_a_malformed_notification_is_skipped_and_said(server: HTTPServer) -> None:
    page = [
        {"id": "12", "type": "mention"},  # no account
        notification("11", "mention"),  # its status was deleted
        notification("10", "mention", status("50", "<p>fine</p>")),
    ]
    server.expect_request("/api/v1/notifications").respond_with_json(page)
    got = reader(server).notifications(None)
    assert [i.remote_id for i in got.items] == ["50"]
    assert len(got.problems) == 2
    assert "deleted" in got.problems[1]
    assert got.cursor == "12"


def test_context_gives_the_thread_and_cuts_a_huge_one(server: HTTPServer) -> None:
    ancestors = [status("9", "<p>our post</p>", who=account(ME, "brand"))]
    descendants = [status(str(1000 + i), f"<p>reply {i}</p>") for i in range(1000)]
    server.expect_request("/api/v1/statuses/52/context", headers=AUTH).respond_with_json(
        {"ancestors": ancestors, "descendants": descendants}
    )
    item = RemotePost(remote_id="52", text="why is my order late?", parent_remote_id="9")
    thread = reader(server).thread(item)
    assert thread.posts[0].text == "our post"
    assert thread.posts[1] is item
    assert len(thread.posts) == THREAD_CAP
    assert thread.truncated


def test_the_thread_of_a_deleted_post_keeps_the_local_copy(server: HTTPServer) -> None:
    server.expect_request("/api/v1/statuses/52/context").respond_with_json(
        {"error": "Record not found"}, status=404
    )
    thread = reader(server).thread(RemotePost(remote_id="52", text="kept"))
    assert [(p.text, p.state) for p in thread.posts] == [("kept", "deleted")]
    assert "deleted" in thread.problems[0]


def test_search_reads_a_hashtag_timeline_and_leaves_out_own_posts(server: HTTPServer) -> None:
    server.expect_request("/api/v1/timelines/tag/acme", headers=AUTH).respond_with_json(
        [status("61", "<p>#acme rocks</p>"), status("60", "<p>ours</p>", who=account(ME, "brand"))]
    )
    got = reader(server).search("#acme", "59")
    assert [(i.kind, i.remote_id) for i in got.items] == [(InboxKind.SEARCH_HIT, "61")]
    assert got.cursor == "61"
    assert server.log[0][0].args["min_id"] == "59"


def test_search_words_go_to_v2_search(server: HTTPServer) -> None:
    server.expect_request(
        "/api/v2/search",
        query_string={"limit": "40", "q": "acme coffee", "type": "statuses", "resolve": "false"},
    ).respond_with_json(
        {"accounts": [], "statuses": [status("70", "<p>acme coffee</p>")], "hashtags": []}
    )
    got = reader(server).search("acme coffee", None)
    assert [i.text for i in got.items] == ["acme coffee"]


def test_reply_sends_in_reply_to_with_the_key_and_keeps_direct_direct(server: HTTPServer) -> None:
    seen: list[tuple[dict[str, Any], str]] = []

    def answer(request: Request) -> Response:
        seen.append((request.get_json(), request.headers.get("Idempotency-Key", "")))
        return Response(
            '{"id": "900", "url": "https://example.social/@brand/900"}',
            content_type="application/json",
        )

    server.expect_request("/api/v1/statuses", method="POST", headers=AUTH).respond_with_handler(
        answer
    )
    to = RemotePost(remote_id="52", meta={"visibility": "direct"})
    sent = reader(server).reply(to, "@bob sorry, looking into it", key="inbox-7-reply")
    assert sent.remote_id == "900"
    assert seen == [
        (
            {
                "status": "@bob sorry, looking into it",
                "in_reply_to_id": "52",
                "visibility": "direct",
            },
            "inbox-7-reply",
        )
    ]


def test_favourite_and_boost(server: HTTPServer) -> None:
    server.expect_request("/api/v1/statuses/52/favourite", method="POST").respond_with_json(
        status("52", "<p>x</p>")
    )
    server.expect_request("/api/v1/statuses/52/reblog", method="POST").respond_with_json(
        status("53", "<p>x</p>")
    )
    r = reader(server)
    r.like(RemotePost(remote_id="52"))
    r.repost(RemotePost(remote_id="52"))
    assert [e[0].path for e in server.log] == [
        "/api/v1/statuses/52/favourite",
        "/api/v1/statuses/52/reblog",
    ]


def test_a_revoked_token_is_auth_expired_without_the_token(server: HTTPServer) -> None:
    server.expect_request("/api/v1/notifications").respond_with_json(
        {"error": "The access token was revoked"}, status=401
    )
    with pytest.raises(AuthExpired) as info:
        reader(server).notifications(None)
    assert TOKEN not in str(info.value)


def test_networks_without_a_reader_say_why() -> None:
    ref = AccountRef(1, Network.X, "brand")
    with pytest.raises(NotImplementedError, match="paid API"):
        make_reader(ref, {"access_token": "t"})
