"""Bluesky behind the publisher's interface, against the real PDS on loopback."""

from __future__ import annotations

pytest_plugins = ["tests.support.atproto"]

from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from cmplanner.domain.enums import Network  # noqa: E402
from cmplanner.networks.bluesky_client import new_tid  # noqa: E402
from cmplanner.networks.errors import AlreadyExists, AuthFailed  # noqa: E402
from cmplanner.networks.publishing import (  # noqa: E402
    AccountRef,
    Outgoing,
    OutgoingMedia,
    make_client,
)

if TYPE_CHECKING:
    from tests.support.atproto import AtprotoServer

pytestmark = pytest.mark.slow


def _account(server: AtprotoServer) -> AccountRef:
    return AccountRef(
        id=1, network=Network.BLUESKY, handle=server.alice.handle, server=server.pds_url
    )


def test_publish_with_image_then_resend_collides(
    atproto_server: AtprotoServer, tmp_path: Path
) -> None:
    saved: list[dict[str, str]] = []
    client = make_client(
        _account(atproto_server),
        {"app_password": atproto_server.alice.app_password},
        on_secret_change=saved.append,
    )
    profile = client.verify()
    assert profile.handle == atproto_server.alice.handle
    assert saved and saved[-1]["access_jwt"] and saved[-1]["app_password"]

    jpeg = tmp_path / "a.jpg"
    Image.new("RGB", (40, 30), (10, 200, 30)).save(jpeg, "JPEG")
    post = Outgoing(
        parts=("Launch day #cmplanner https://example.com/launch.",),
        idempotency_key="p1-t1",
        media=(OutgoingMedia(jpeg, "image/jpeg", alt="A green square", width=40, height=30),),
        record_keys=(new_tid(),),
    )
    published = client.publish(post)
    assert published.remote_url.startswith("https://bsky.app/profile/")
    assert published.remote_url.endswith(post.record_keys[0])

    again = client.find_existing(post)
    assert again is not None and again.remote_id == published.remote_id
    with pytest.raises(AlreadyExists):
        client.publish(post)
    client.delete(published.remote_id)
    assert client.find_existing(post) is None


def test_thread_resumes_without_duplicates(atproto_server: AtprotoServer) -> None:
    client = make_client(
        _account(atproto_server), {"app_password": atproto_server.alice.app_password}
    )
    post = Outgoing(
        parts=("1/2 first", "2/2 second"),
        idempotency_key="p2-t1",
        record_keys=(new_tid(), new_tid()),
    )
    first = client.publish(post)
    second = client.publish(post)  # a resend after a crash: every part already there
    assert second.part_ids == first.part_ids and len(first.part_ids) == 2


def test_wrong_password_is_auth_failed(atproto_server: AtprotoServer) -> None:
    client = make_client(_account(atproto_server), {"app_password": "wrong-wrong-wrong"})
    with pytest.raises(AuthFailed):
        client.verify()
