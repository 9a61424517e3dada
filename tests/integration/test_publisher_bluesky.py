"""The publisher end to end against the real AT Protocol server (PLC + PDS on loopback),
with the account's secret in the real Secret Service (gnome-keyring on a private bus)."""

from __future__ import annotations

pytest_plugins = ["tests.support.atproto", "tests.support.secret_service"]

from collections.abc import Iterator  # noqa: E402
from datetime import timedelta  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING, Any  # noqa: E402

import pytest  # noqa: E402
from PIL import Image  # noqa: E402
from sqlalchemy import update  # noqa: E402

from cmplanner.domain.clock import FixedClock  # noqa: E402
from cmplanner.domain.enums import AccountStatus, Network, PostState, TargetState  # noqa: E402
from cmplanner.domain.models import Account  # noqa: E402
from cmplanner.networks.bluesky_client import BlueskyClient  # noqa: E402
from cmplanner.services.credentials import CredentialStore  # noqa: E402
from cmplanner.services.posts import MediaInput  # noqa: E402
from cmplanner.services.publisher import Publisher  # noqa: E402
from cmplanner.services.workspace import Workspace  # noqa: E402
from cmplanner.storage.tables import AccountRow, PostRecord  # noqa: E402

if TYPE_CHECKING:
    from keyring.backends.SecretService import Keyring as SecretServiceKeyring

    from tests.support.atproto import AtprotoServer

pytestmark = pytest.mark.slow


class Setup:
    def __init__(self, ws: Workspace, server: AtprotoServer, store: CredentialStore) -> None:
        self.ws = ws
        self.server = server
        self.store = store
        self.brand = ws.brands.create("Panadería Sol", "UTC")
        acc = ws.accounts.add_profile(
            self.brand.id, Network.BLUESKY, server.alice.handle, server=server.pds_url
        )
        with ws.sessions.begin() as s:
            s.execute(
                update(AccountRow)
                .where(AccountRow.id == acc.id)
                .values(status=AccountStatus.CONNECTED.value, remote_id=server.alice.did)
            )
        self.account: Account = acc
        store.set(acc.id, {"app_password": server.alice.app_password})
        self.reader = BlueskyClient(server.pds_url)
        self.reader.login(server.alice.handle, server.alice.app_password)

    def publisher(self) -> Publisher:
        return Publisher(
            self.ws.sessions,
            self.ws.notifier,
            self.ws.clock,
            self.store,
            worker_id="integration",
            media_root=self.ws.media.root,
        )

    def post(self, text: str, **kwargs: Any) -> int:
        at = self.ws.clock.now() + timedelta(minutes=30)
        post = self.ws.posts.create(
            self.brand.id,
            text,
            local_at=at.replace(tzinfo=None),
            account_ids=[self.account.id],
            **kwargs,
        )
        return post.id

    def due(self) -> None:
        assert isinstance(self.ws.clock, FixedClock)
        self.ws.clock.advance(timedelta(minutes=31))

    def record(self, uri: str) -> dict[str, Any]:
        return dict(self.reader.get_post(uri).value)


@pytest.fixture
def setup(
    ws: Workspace, atproto_server: AtprotoServer, secret_service_backend: SecretServiceKeyring
) -> Iterator[Setup]:
    store = CredentialStore(secret_service_backend)
    made = Setup(ws, atproto_server, store)
    yield made
    store.delete(made.account.id)
    made.reader.http.close()


def test_due_posts_go_out_with_facets_image_alt_and_as_a_thread(
    setup: Setup, tmp_path: Path
) -> None:
    jpeg = tmp_path / "loaf.jpg"
    Image.new("RGB", (120, 90), (200, 150, 90)).save(jpeg, "JPEG")
    single = setup.post(
        "Fresh bread at nine #sourdough https://example.com/bread",
        media=[MediaInput(jpeg, "A golden loaf on a wooden board")],
    )
    long_id = setup.post("placeholder")
    long_text = " ".join(f"Sentence {i} about our starter, flour and patience." for i in range(14))
    with setup.ws.sessions.begin() as s:  # the composer gate refuses it: a thread goes out
        rec = s.get(PostRecord, long_id)
        assert rec is not None
        rec.text = long_text
    publisher = setup.publisher()
    setup.due()

    summary = publisher.publish_due()

    assert (summary.published, summary.failed) == (2, 0), publisher.targets_of([single, long_id])
    [target] = publisher.targets(single)
    assert target.state is TargetState.PUBLISHED
    assert target.remote_url.startswith("https://bsky.app/profile/")
    record = setup.record(target.remote_id)
    assert record["text"] == "Fresh bread at nine #sourdough https://example.com/bread"
    features = {f["features"][0]["$type"] for f in record["facets"]}
    assert features == {"app.bsky.richtext.facet#tag", "app.bsky.richtext.facet#link"}
    [image] = record["embed"]["images"]
    assert image["alt"] == "A golden loaf on a wooden board"
    assert image["aspectRatio"] == {"width": 120, "height": 90}

    [thread] = publisher.targets(long_id)
    root = setup.record(thread.remote_id)
    replies = [
        r
        for r in setup.reader.list_posts()
        if r.value.get("reply", {}).get("root", {}).get("uri") == thread.remote_id
    ]
    assert len(replies) >= 1 and root["text"].endswith(f"1/{len(replies) + 1}")
    assert all(len(r.text) <= 300 for r in replies)
    assert setup.ws.posts.get(long_id).state is PostState.PUBLISHED


def test_an_expired_session_is_refreshed_and_written_back_to_the_keyring(
    setup: Setup, atproto_server: AtprotoServer
) -> None:
    login = BlueskyClient(atproto_server.pds_url).login(
        atproto_server.alice.handle, atproto_server.alice.app_password
    )
    expired = atproto_server.mint_access_token(login.did, expires_in_s=-60)
    setup.store.set(
        setup.account.id,
        {
            "app_password": atproto_server.alice.app_password,
            "access_jwt": expired,
            "refresh_jwt": login.refresh_jwt,
            "did": login.did,
        },
    )
    post_id = setup.post("Posted after the session was renewed")
    setup.due()

    assert setup.publisher().publish_due().published == 1

    saved = setup.store.get(setup.account.id)
    assert saved is not None and saved["access_jwt"] != expired
    assert saved["refresh_jwt"] != login.refresh_jwt  # rotated, and kept
    assert saved["app_password"] == atproto_server.alice.app_password
    [target] = setup.publisher().targets(post_id)
    assert setup.record(target.remote_id)["text"] == "Posted after the session was renewed"


def test_the_servers_refusal_fails_the_target_with_its_own_message(
    setup: Setup, tmp_path: Path
) -> None:
    big = tmp_path / "big.jpg"
    Image.new("RGB", (40, 30), (10, 20, 30)).save(big, "JPEG")
    big.write_bytes(big.read_bytes() + b"\0" * 1_000_001)  # our limit 2 MB, the PDS's 1 MB
    post_id = setup.post("Too heavy a picture", media=[MediaInput(big, "A dark square")])
    ok_id = setup.post("This one is fine")
    setup.due()
    publisher = setup.publisher()

    summary = publisher.publish_due()

    assert (summary.published, summary.failed) == (1, 1)
    [target] = publisher.targets(post_id)
    assert target.state is TargetState.FAILED
    assert target.last_error.startswith("Bluesky refused it: ")
    assert "too big" in target.last_error
    assert setup.ws.posts.get(post_id).state is PostState.FAILED
    assert setup.ws.posts.get(ok_id).state is PostState.PUBLISHED
    texts = [r.text for r in setup.reader.list_posts()]
    assert "Too heavy a picture" not in texts


def test_a_wrong_app_password_parks_the_account_for_reconnecting(setup: Setup) -> None:
    setup.store.set(setup.account.id, {"app_password": "wrong-wrong-wrong-wrong"})
    post_id = setup.post("Nobody can log in")
    setup.due()

    summary = setup.publisher().publish_due()

    assert summary.needs_reconnect == 1
    [target] = setup.publisher().targets(post_id)
    assert target.state is TargetState.NEEDS_RECONNECT
    assert "reconnect the account" in target.last_error
    assert setup.ws.accounts.get(setup.account.id).status is AccountStatus.NEEDS_RECONNECT
