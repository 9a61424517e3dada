"""The publisher on a real workspace: due posts go out once, each target on its own."""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image

from cmplanner.domain.clock import FixedClock
from cmplanner.domain.enums import Network, PostState, TargetState
from cmplanner.domain.errors import InvalidInput
from cmplanner.networks.errors import AlreadyExists, Rejected
from cmplanner.networks.publishing import Outgoing, Published
from cmplanner.paths import Paths
from cmplanner.services.posts import MediaInput
from cmplanner.services.publish_claims import claim
from cmplanner.services.workspace import Workspace, open_workspace
from cmplanner.storage.tables import PostRecord, PostTargetRow
from tests.unit.services.publisher_support import Desk


@pytest.fixture
def desk(ws: Workspace, clock: FixedClock, tmp_path: Path) -> Desk:
    return Desk(ws, clock, tmp_path)


def test_a_due_post_is_published_once_and_every_attempt_is_recorded(desk: Desk) -> None:
    acc = desk.account()
    post = desk.post("Fresh bread at nine #sol https://example.com/bread", [acc])
    publisher = desk.publisher()

    early = publisher.publish_due()
    assert early.published == 0 and desk.net.publishes() == []
    assert publisher.next_wake_utc() == post.scheduled_utc

    desk.at(post)
    summary = publisher.publish_due()
    again = publisher.publish_due()

    assert (summary.published, summary.failed, summary.ok) == (1, 0, True)
    assert again.published == 0
    assert len(desk.net.publishes()) == 1
    sent = desk.net.publishes()[0].post
    assert sent is not None and sent.parts == (post.text,)
    [target] = publisher.targets(post.id)
    assert target.state is TargetState.PUBLISHED
    assert target.remote_url.startswith("https://bluesky.example/p/")
    assert target.attempts == 1 and target.last_error == ""
    assert desk.ws.posts.get(post.id).state is PostState.PUBLISHED
    [attempt] = publisher.attempts(post.id)
    assert attempt.result == "published" and attempt.remote_url == target.remote_url
    assert attempt.finished_utc is not None and attempt.network is Network.BLUESKY
    assert ("posts", (post.id,)) in desk.notified
    assert publisher.next_wake_utc() is None


def test_one_target_failing_does_not_stop_the_others(desk: Desk) -> None:
    sky, masto = desk.account(Network.BLUESKY), desk.account(Network.MASTODON)
    post = desk.post("Open on Sunday", [sky, masto])
    desk.net.script[sky.id] = [Rejected("Record/text must not be longer than 300 graphemes")]
    desk.at(post)

    summary = desk.publisher().publish_due()

    assert (summary.published, summary.failed, summary.ok) == (1, 1, False)
    by_account = {t.account_id: t for t in desk.publisher().targets(post.id)}
    assert by_account[sky.id].state is TargetState.FAILED
    assert by_account[sky.id].last_error == (
        "Bluesky refused it: Record/text must not be longer than 300 graphemes"
    )
    assert by_account[masto.id].state is TargetState.PUBLISHED
    assert desk.ws.posts.get(post.id).state is PostState.PARTLY_PUBLISHED
    attempt = next(a for a in desk.publisher().attempts(post.id) if a.account_id == sky.id)
    assert (attempt.result, attempt.error_class) == ("rejected", "Rejected")


def test_already_there_counts_as_published(desk: Desk) -> None:
    acc = desk.account()
    post = desk.post("Already out", [acc])
    desk.net.script[acc.id] = [AlreadyExists("at://did:plc:x/app.bsky.feed.post/3k", "cid")]
    desk.at(post)

    summary = desk.publisher().publish_due()

    assert summary.published == 1
    [target] = desk.publisher().targets(post.id)
    assert target.state is TargetState.PUBLISHED
    assert target.remote_id == "at://did:plc:x/app.bsky.feed.post/3k"


def test_a_long_text_goes_out_as_a_thread_with_its_record_keys_stored_first(
    desk: Desk, ws: Workspace
) -> None:
    acc = desk.account()
    text = " ".join(f"Sentence number {i} about our sourdough." for i in range(20))
    post = desk.post("short for now", [acc])
    with ws.sessions.begin() as s:  # the composer's gate refuses it; the publisher must cope
        rec = s.get(PostRecord, post.id)
        assert rec is not None
        rec.text = text
    stored: list[str] = []
    inner = desk.net.client

    def client_for(account, secret, **kw):  # type: ignore[no-untyped-def]
        client = inner(account, secret, **kw)
        real = client.publish

        def publish(out: Outgoing) -> Published:
            with ws.sessions() as s:
                row = s.get(PostTargetRow, desk.publisher().targets(post.id)[0].target_id)
                assert row is not None
                stored.append(row.record_key)
            return real(out)

        client.publish = publish  # type: ignore[method-assign]
        return client

    publisher = desk.publisher()
    publisher._client_for = client_for
    desk.at(post)
    assert publisher.publish_due().published == 1

    sent = desk.net.publishes()[0].post
    assert sent is not None and len(sent.parts) > 1
    assert all(len(p) <= 300 for p in sent.parts)
    assert len(sent.record_keys) == len(sent.parts)
    assert stored == [" ".join(sent.record_keys)]  # in the database before the request


def test_media_goes_out_with_alt_text_and_a_public_url_where_given(
    desk: Desk, ws: Workspace, tmp_path: Path
) -> None:
    acc = desk.account(Network.THREADS)
    with ws.sessions.begin() as s:
        from cmplanner.storage.tables import AccountRow

        row = s.get(AccountRow, acc.id)
        assert row is not None
        row.media_base_url = "https://media.example.com/sol/"
    jpeg = tmp_path / "loaf.jpg"
    Image.new("RGB", (64, 48), (200, 150, 90)).save(jpeg, "JPEG")
    post = desk.post("Our loaf", [acc], media=[MediaInput(jpeg, "A golden loaf on a board")])
    desk.at(post)

    assert desk.publisher().publish_due().published == 1

    sent = desk.net.publishes()[0].post
    assert sent is not None
    [media] = sent.media
    assert media.alt == "A golden loaf on a board" and media.path.exists()
    assert media.public_url == f"https://media.example.com/sol/{media.path.name}"
    assert (media.width, media.height) == (64, 48)


def test_a_post_the_checks_refuse_is_not_sent(desk: Desk, ws: Workspace) -> None:
    insta = desk.account(Network.INSTAGRAM)
    post = desk.post("temp", [insta], state=PostState.DRAFT)
    with ws.sessions.begin() as s:  # Instagram takes no post without an image
        rec = s.get(PostRecord, post.id)
        assert rec is not None
        rec.state = PostState.SCHEDULED.value
    desk.at(post)

    summary = desk.publisher().publish_due()

    assert summary.failed == 1 and desk.net.publishes() == []
    [target] = desk.publisher().targets(post.id)
    assert target.state is TargetState.FAILED
    assert target.last_error.startswith("Not sent: ") and "image" in target.last_error.lower()


def test_retry_sends_a_failed_target_again(desk: Desk) -> None:
    acc = desk.account()
    post = desk.post("Second chance", [acc])
    desk.net.script[acc.id] = [Rejected("Something went wrong")]
    desk.at(post)
    publisher = desk.publisher()
    publisher.publish_due()
    [failed] = publisher.targets(post.id)
    assert desk.ws.posts.get(post.id).state is PostState.FAILED

    again = publisher.retry(failed.target_id)
    assert again.state is TargetState.PENDING
    assert publisher.publish_due().published == 1
    assert desk.ws.posts.get(post.id).state is PostState.PUBLISHED
    with pytest.raises(InvalidInput):
        publisher.retry(failed.target_id)


def test_refreshed_secrets_are_written_back_to_the_store_at_once(desk: Desk) -> None:
    acc = desk.account()
    post = desk.post("Fresh token", [acc])
    desk.net.refresh_to = {"access_token": "token-refreshed", "refresh_token": "r2"}
    desk.at(post)

    desk.publisher().publish_due()

    assert desk.credentials.get(acc.id) == {
        "access_token": "token-refreshed",
        "refresh_token": "r2",
    }


def test_a_paused_brand_publishes_nothing(desk: Desk) -> None:
    acc = desk.account()
    post = desk.post("Paused", [acc])
    desk.policy("ask", paused=True)
    desk.at(post)

    assert desk.publisher().publish_due().published == 0
    assert desk.net.publishes() == []


def test_an_account_never_connected_is_parked_with_what_to_do(desk: Desk) -> None:
    acc = desk.account(connect=False)
    post = desk.post("Nobody logged in", [acc])
    desk.at(post)

    summary = desk.publisher().publish_due()

    assert summary.needs_reconnect == 1 and desk.net.publishes() == []
    [target] = desk.publisher().targets(post.id)
    assert target.state is TargetState.NEEDS_RECONNECT
    assert "connect it in Accounts" in target.last_error


def test_a_claim_is_taken_by_one_publisher_only(desk: Desk, ws: Workspace) -> None:
    acc = desk.account()
    post = desk.post("Mine", [acc])
    [target] = desk.publisher().targets(post.id)
    with ws.sessions.begin() as s:
        assert claim(s, target.target_id, "one", desk.clock.now())
        assert not claim(s, target.target_id, "two", desk.clock.now())


def test_two_publishers_on_one_database_file_never_both_publish_a_target(
    desk: Desk, paths: Paths, clock: FixedClock
) -> None:
    accounts = [desk.account(Network.BLUESKY, "a"), desk.account(Network.MASTODON, "b")]
    posts = [desk.post(f"Post number {i}", accounts) for i in range(15)]
    desk.at(posts[-1])
    second = open_workspace(paths, clock=clock)  # its own engine: another connection pool
    try:
        publishers = [desk.publisher("worker-1"), desk.publisher("worker-2", ws=second)]
        start = threading.Barrier(2)
        errors: list[BaseException] = []

        def run(i: int) -> None:
            try:
                start.wait()
                publishers[i].publish_due()
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert errors == []
    finally:
        second.close()

    sent = Counter(c.post.idempotency_key for c in desk.net.publishes() if c.post)
    assert len(sent) == 30 and set(sent.values()) == {1}
    assert len(desk.net.posts) == 30
    results = desk.publisher().targets_of([p.id for p in posts])
    assert {r.state for r in results} == {TargetState.PUBLISHED}
