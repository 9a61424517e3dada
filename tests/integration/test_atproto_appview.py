"""The AppView test server itself: what the metrics and inbox tests rely on."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
import requests

if TYPE_CHECKING:
    from tests.support.atproto import Account
    from tests.support.atproto_appview import AtprotoAppView

pytest_plugins = ["tests.support.atproto_appview"]
pytestmark = pytest.mark.slow


def _login(server: AtprotoAppView, who: Account) -> dict[str, str]:
    r = requests.post(
        f"{server.pds_url}/xrpc/com.atproto.server.createSession",
        json={"identifier": who.handle, "password": who.app_password},
        timeout=10,
    )
    r.raise_for_status()
    return {"Authorization": f"Bearer {r.json()['accessJwt']}"}


def _create(server: AtprotoAppView, auth: dict[str, str], repo: str, coll: str, rec: Any) -> Any:
    r = requests.post(
        f"{server.pds_url}/xrpc/com.atproto.repo.createRecord",
        json={"repo": repo, "collection": coll, "record": rec},
        headers=auth,
        timeout=10,
    )
    r.raise_for_status()
    return r.json()


def test_appview_counts_a_like_made_on_the_pds(atproto_appview: AtprotoAppView) -> None:
    server = atproto_appview
    alice, bob = _login(server, server.alice), _login(server, server.bob)
    now = "2026-11-26T10:00:00.000Z"
    post = _create(
        server, alice, server.alice.did, "app.bsky.feed.post", {"text": "hello", "createdAt": now}
    )
    _create(
        server,
        bob,
        server.bob.did,
        "app.bsky.feed.like",
        {"subject": {"uri": post["uri"], "cid": post["cid"]}, "createdAt": now},
    )

    def likes() -> int | None:
        # through the PDS, which proxies app.bsky.* to the AppView (as bsky.social does)
        r = requests.get(
            f"{server.pds_url}/xrpc/app.bsky.feed.getPosts",
            params={"uris": post["uri"]},
            headers=alice,
            timeout=10,
        )
        r.raise_for_status()
        posts = r.json()["posts"]
        return posts[0]["likeCount"] if posts and posts[0].get("likeCount") else None

    assert server.poll(likes) == 1
    # and the AppView answers on its own URL too, without a login
    r = requests.get(
        f"{server.appview_url}/xrpc/app.bsky.actor.getProfile",
        params={"actor": server.alice.did},
        timeout=10,
    )
    assert r.status_code == 200
    assert r.json()["handle"] == server.alice.handle
