"""The inbox service over a real SQLite workspace, reading a fake Mastodon instance on
127.0.0.1 that answers with the documented shapes (notifications, context, search, statuses)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from cmplanner.domain.clock import FixedClock
from cmplanner.domain.enums import InboxKind, Network
from cmplanner.domain.errors import InvalidInput
from cmplanner.domain.inbox import InboxFilter, Tone
from cmplanner.services import inbox_actions
from cmplanner.services.inbox_actions import ReplyFailed
from cmplanner.services.workspace import Workspace

from .inbox_support import ME, Desk, mention, status, who


@pytest.fixture
def desk(ws: Workspace, clock: FixedClock) -> Desk:
    return Desk(ws, clock)


@pytest.fixture
def server(httpserver_ipv4: HTTPServer) -> HTTPServer:
    return httpserver_ipv4


def mastodon(desk: Desk, server: HTTPServer) -> int:
    return desk.account(
        Network.MASTODON,
        "cafesol@example.social",
        server=server.url_for("/").rstrip("/"),
        remote_id=ME,
    ).id


COMPLAINT = status(
    "51",
    "<p>@cafesol mi pedido nunca llegó, quiero un reembolso. ¿Es una estafa?</p>",
    reply_to="9",
)
PRAISE = status(
    "52", "<p>@cafesol el café está buenísimo, gracias!</p>", at="2026-11-26T09:40:00.000Z"
)


def test_sync_keeps_items_with_their_thread_and_reads_on_from_the_cursor(
    desk: Desk, server: HTTPServer
) -> None:
    account_id = mastodon(desk, server)
    server.expect_oneshot_request("/api/v1/notifications").respond_with_json(
        [
            mention("101", COMPLAINT),
            {
                "id": "100",
                "type": "follow",
                "created_at": "2026-11-26T09:00:00Z",
                "account": who("3", "leo"),
            },
        ]
    )
    server.expect_request("/api/v1/statuses/51/context").respond_with_json(
        {
            "ancestors": [status("9", "<p>Nuevo menú</p>", author=who(ME, "cafesol"))],
            "descendants": [],
        }
    )
    first = desk.inbox.sync()
    assert (first.new, first.failed, first.unreadable) == (2, (), ())

    # The network forgets: the next page has only what is new, and a repeat of 101.
    server.expect_oneshot_request("/api/v1/notifications").respond_with_json(
        [mention("102", PRAISE), mention("101", COMPLAINT)]
    )
    second = desk.inbox.sync()
    assert second.new == 1
    assert server.log[-2][0].args["min_id"] == "101" or any(
        e[0].args.get("min_id") == "101" for e in server.log
    )
    items = desk.inbox.list()
    assert [i.remote_id for i in items] == ["52", "51", "3"]
    complaint = next(i for i in items if i.remote_id == "51")
    assert complaint.kind is InboxKind.REPLY
    assert complaint.tone is Tone.NEGATIVE
    assert complaint.flagged and complaint.urgency >= 0.5
    assert any("reembolso" in r for r in complaint.reasons)
    conv = desk.inbox.conversation(complaint.id)
    assert [(p.text, p.is_own, p.is_item) for p in conv.posts] == [
        ("Nuevo menú", True, False),
        (complaint.text, False, True),
    ]
    assert account_id == complaint.account_id


def test_filters_and_marks(desk: Desk, server: HTTPServer) -> None:
    mastodon(desk, server)
    other = desk.ws.brands.create("Zapatería Luna", "Europe/Madrid")
    desk.account(
        Network.MASTODON,
        "luna@example.social",
        server=server.url_for("/").rstrip("/"),
        brand=other,
        remote_id="777",
    )
    server.expect_request("/api/v1/notifications").respond_with_json(
        [mention("101", COMPLAINT), mention("102", PRAISE)]
    )
    server.expect_request("/api/v1/statuses/51/context").respond_with_json(
        {"ancestors": [], "descendants": []}
    )
    server.expect_request("/api/v1/statuses/52/context").respond_with_json(
        {"ancestors": [], "descendants": []}
    )
    desk.inbox.sync()
    everything = desk.inbox.list()
    assert len(everything) == 4  # the same two messages reached both brands' accounts
    assert {e.brand_name for e in everything} == {"Café Sol", "Zapatería Luna"}
    sol = desk.inbox.list(InboxFilter(brand_id=desk.brand.id))
    assert len(sol) == 2
    assert [
        e.remote_id for e in desk.inbox.list(InboxFilter(brand_id=desk.brand.id, flagged=True))
    ] == ["51"]
    # A reply to Café Sol's post is only a mention for Luna's account.
    assert [e.brand_name for e in desk.inbox.list(InboxFilter(kind=InboxKind.REPLY))] == [
        "Café Sol"
    ]
    assert desk.inbox.list(InboxFilter(network=Network.BLUESKY)) == []
    desk.inbox.mark([sol[0].id], read=True)
    desk.inbox.mark([sol[1].id], done=True)
    unread = desk.inbox.list(InboxFilter(brand_id=desk.brand.id, unread=True))
    assert unread == []
    needs = desk.inbox.list(InboxFilter(brand_id=desk.brand.id, needs_reply=True))
    assert [e.id for e in needs] == [sol[0].id]


def test_one_failing_account_never_stops_the_others(desk: Desk, server: HTTPServer) -> None:
    mastodon(desk, server)
    desk.account(Network.X, "cafesol")
    broken = desk.ws.brands.create("Luna", "UTC")
    desk.account(Network.MASTODON, "luna@127.0.0.1", server="http://127.0.0.1:9", brand=broken)
    server.expect_request("/api/v1/notifications").respond_with_json([mention("102", PRAISE)])
    server.expect_request("/api/v1/statuses/52/context").respond_with_json(
        {"ancestors": [], "descendants": []}
    )
    report = desk.inbox.sync()
    assert report.new == 1
    assert len(report.failed) == 1 and "could not connect" in report.failed[0].error
    assert len(report.unreadable) == 1 and "paid API" in report.unreadable[0]


def test_a_saved_search_brings_hits_once(desk: Desk, server: HTTPServer) -> None:
    mastodon(desk, server)
    search = desk.inbox.community.add_search(desk.brand.id, "#cafesol")
    server.expect_request("/api/v1/notifications").respond_with_json([mention("102", PRAISE)])
    server.expect_request("/api/v1/statuses/52/context").respond_with_json(
        {"ancestors": [], "descendants": []}
    )
    server.expect_request("/api/v1/timelines/tag/cafesol").respond_with_json(
        [
            status("70", "<p>#cafesol best coffee in town</p>"),
            PRAISE,
            status("60", "<p>ours</p>", author=who(ME, "cafesol")),
        ]
    )
    desk.inbox.sync()
    desk.inbox.sync()
    hits = desk.inbox.list(InboxFilter(kind=InboxKind.SEARCH_HIT))
    assert [h.remote_id for h in hits] == ["70"]  # 52 is already a mention; 60 is the brand's own
    assert any(e[0].args.get("min_id") == "70" for e in server.log if "timelines" in e[0].path)
    assert search.query == "#cafesol"


def _synced_complaint(desk: Desk, server: HTTPServer) -> int:
    mastodon(desk, server)
    server.expect_request("/api/v1/notifications").respond_with_json([mention("101", COMPLAINT)])
    server.expect_request("/api/v1/statuses/51/context").respond_with_json(
        {"ancestors": [], "descendants": []}
    )
    desk.inbox.sync()
    return desk.inbox.list()[0].id


def test_a_reply_is_checked_then_sent_once(desk: Desk, server: HTTPServer) -> None:
    item_id = _synced_complaint(desk, server)
    with pytest.raises(InvalidInput, match="Mastodon"):
        inbox_actions.reply(desk.inbox, item_id, "x" * 501)
    sent: list[tuple[dict[str, object], str]] = []

    def answer(request: Request) -> Response:
        sent.append((request.get_json(), request.headers["Idempotency-Key"]))
        return Response(
            json.dumps({"id": "900", "url": "https://example.social/@cafesol/900"}),
            content_type="application/json",
        )

    server.expect_request("/api/v1/statuses", method="POST").respond_with_handler(answer)
    entry = desk.inbox.get(item_id)
    text = inbox_actions.reply_prefix(entry) + "Lo sentimos, lo miramos ya."
    assert text.startswith("@ana@example.social ")
    done = inbox_actions.reply(desk.inbox, item_id, text)
    again = inbox_actions.reply(desk.inbox, item_id, text)  # a double click sends nothing more
    assert done.replied and not done.needs_reply and again.replied
    assert done.reply_url.endswith("/900")
    assert len(sent) == 1 and sent[0][0] == {"status": text, "in_reply_to_id": "51"}


@pytest.mark.parametrize(
    ("status", "headers"),
    [(503, {}), (429, {"X-RateLimit-Reset": "2026-11-26T10:05:00.000Z"})],
    ids=["server-down", "rate-limited"],
)
def test_a_reply_the_server_cannot_take_now_waits_and_the_publisher_sends_it_with_the_same_key(
    desk: Desk, server: HTTPServer, status: int, headers: dict[str, str]
) -> None:
    item_id = _synced_complaint(desk, server)
    keys: list[str] = []
    server.expect_oneshot_request("/api/v1/statuses", method="POST").respond_with_data(
        "", status=status, headers=headers
    )

    with pytest.raises(ReplyFailed, match="could not be sent now"):
        inbox_actions.reply(desk.inbox, item_id, "@ana Lo miramos")
    waiting = desk.inbox.get(item_id)
    assert not waiting.replied and "waits" in waiting.reply_error

    def answer(request: Request) -> Response:
        keys.append(request.headers["Idempotency-Key"])
        return Response('{"id": "901"}', content_type="application/json")

    server.expect_request("/api/v1/statuses", method="POST").respond_with_handler(answer)
    publisher = desk.inbox.publisher()
    publisher.publish_due()  # before its time (backoff, or the rate limit's reset): it waits
    assert keys == [] and not desk.inbox.get(item_id).replied
    wake = publisher.next_wake_utc()
    assert wake is not None and wake > desk.clock.now()
    desk.clock.set(wake + timedelta(seconds=1))
    publisher.publish_due()
    assert desk.inbox.get(item_id).replied
    first_key = next(e[0].headers["Idempotency-Key"] for e in server.log if e[0].method == "POST")
    assert keys == [first_key]
    log = [a for a in publisher.attempts() if a.item_id == item_id]
    assert [a.result for a in log] == [
        "published",
        "rate_limited" if status == 429 else "transient",
    ]
    assert all(a.post_id == 0 and a.account_id == waiting.account_id for a in log)


def test_an_offline_reply_waits_without_a_request_and_goes_out_when_the_line_is_back(
    desk: Desk, server: HTTPServer
) -> None:
    from cmplanner.services.inbox import InboxService
    from cmplanner.services.publisher import Publisher

    online = False
    publisher = Publisher(
        desk.ws.sessions,
        desk.ws.notifier,
        desk.clock,
        desk.credentials,
        is_online=lambda urls: online,
    )
    desk.inbox = InboxService(
        desk.ws.sessions, desk.ws.notifier, desk.clock, desk.credentials, publisher=publisher
    )
    item_id = _synced_complaint(desk, server)
    bodies: list[dict[str, object]] = []

    def answer(request: Request) -> Response:
        bodies.append(request.get_json())
        return Response('{"id": "902"}', content_type="application/json")

    server.expect_request("/api/v1/statuses", method="POST").respond_with_handler(answer)
    with pytest.raises(ReplyFailed, match="when the connection is back"):
        inbox_actions.reply(desk.inbox, item_id, "@ana Lo miramos")
    publisher.publish_due()
    assert bodies == [] and publisher.offline and not desk.inbox.get(item_id).replied
    online = True
    publisher.publish_due()  # the worker's next round once the connection is back
    assert desk.inbox.get(item_id).replied
    assert bodies == [{"status": "@ana Lo miramos", "in_reply_to_id": "51"}]
    assert [o.item_id for o in publisher.last_replies] == [item_id]


def test_a_refused_login_parks_the_reply_until_the_account_is_reconnected(
    desk: Desk, server: HTTPServer
) -> None:
    from cmplanner.domain.enums import AccountStatus

    item_id = _synced_complaint(desk, server)
    server.expect_oneshot_request("/api/v1/statuses", method="POST").respond_with_json(
        {"error": "The access token is invalid"}, status=401
    )
    with pytest.raises(ReplyFailed, match="Reconnect"):
        inbox_actions.reply(desk.inbox, item_id, "@ana Lo miramos")
    entry = desk.inbox.get(item_id)
    account = desk.ws.accounts.get(entry.account_id)
    assert account.status is AccountStatus.NEEDS_RECONNECT
    publisher = desk.inbox.publisher()
    publisher.publish_due()
    assert publisher.last_replies == []  # parked: not tried again while disconnected
    assert desk.inbox.get(item_id).reply_error.endswith("the reply goes out once it is.")
    assert len([e for e in server.log if e[0].method == "POST"]) == 1


def test_corrections_are_kept_per_item_and_taught_per_term(desk: Desk, server: HTTPServer) -> None:
    item_id = _synced_complaint(desk, server)
    corrected = desk.inbox.set_tone(item_id, Tone.NEUTRAL)
    assert corrected.tone is Tone.NEUTRAL and corrected.tone_corrected
    desk.inbox.rescore(desk.brand.id)
    assert desk.inbox.get(item_id).tone is Tone.NEUTRAL


def test_like_and_boost_are_remembered(desk: Desk, server: HTTPServer) -> None:
    item_id = _synced_complaint(desk, server)
    server.expect_request("/api/v1/statuses/51/favourite", method="POST").respond_with_json(
        COMPLAINT
    )
    server.expect_request("/api/v1/statuses/51/reblog", method="POST").respond_with_json(COMPLAINT)
    inbox_actions.like(desk.inbox, item_id)
    entry = inbox_actions.like(desk.inbox, item_id, repost=True)
    assert entry.liked and entry.reposted


def test_the_crisis_watch_pauses_and_resumes_the_brand(desk: Desk, server: HTTPServer) -> None:
    mastodon(desk, server)
    now = desk.clock.now()
    old = [
        status(
            str(200 + i), "<p>terrible service</p>", at=(now - timedelta(days=1 + i)).isoformat()
        )
        for i in range(6)
    ]
    fresh = [
        status(
            str(300 + i),
            "<p>horrible, quiero un reembolso</p>",
            at=(now - timedelta(minutes=5 + i)).isoformat(),
        )
        for i in range(5)
    ]
    server.expect_request("/api/v1/notifications").respond_with_json(
        [mention(str(1000 + i), s) for i, s in enumerate(old + fresh)]
    )
    server.expect_request(
        __import__("re").compile(r"/api/v1/statuses/\d+/context")
    ).respond_with_json({"ancestors": [], "descendants": []})
    desk.inbox.community.save_reply(
        desk.brand.id, "Estamos en ello", "Hola {name}, lo estamos revisando.", holding=True
    )
    report = desk.inbox.sync()
    assert [a.brand_name for a in report.alerts] == ["Café Sol"]
    alert = report.alerts[0]
    assert alert.last_hour == 5 and alert.baseline_per_hour < 0.05
    assert [h.name for h in alert.holding] == ["Estamos en ello"]
    paused = desk.inbox.community.set_paused(desk.brand.id, True)
    assert paused.paused
    assert desk.inbox.community.alerts()[0].paused
    desk.clock.advance(timedelta(hours=2))
    resumed = desk.inbox.community.set_paused(desk.brand.id, False)
    assert not resumed.paused and not resumed.alert
    assert desk.inbox.community.alerts() == []
