"""Connecting a Mastodon account: a fake instance on 127.0.0.1 (pytest-httpserver) answering
``verify_credentials`` and ``/api/v2/instance`` with the shapes of docs.joinmastodon.org, and
the real keyring (gnome-keyring on a private bus)."""

from __future__ import annotations

pytest_plugins = ["tests.support.secret_service"]

import json  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402
from pytest_httpserver import HTTPServer  # noqa: E402

from cmplanner.domain.accounts import ConnectFailed  # noqa: E402
from cmplanner.domain.clock import FixedClock  # noqa: E402
from cmplanner.domain.enums import AccountStatus, Network  # noqa: E402
from cmplanner.services.accounts import AccountService  # noqa: E402
from cmplanner.services.credentials import SERVICE, CredentialStore  # noqa: E402
from cmplanner.services.workspace import Workspace  # noqa: E402

pytestmark = pytest.mark.slow

TOKEN = "ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0"
ACCOUNT = {  # GET /api/v1/accounts/verify_credentials (an Account with `source`)
    "id": "14715",
    "username": "trwnh",
    "acct": "trwnh",
    "display_name": "infinite love ⴳ",
    "locked": False,
    "bot": False,
    "created_at": "2016-11-24T00:00:00.000Z",
    "note": "<p>writing about things</p>",
    "url": "https://mastodon.social/@trwnh",
    "avatar": "https://files.mastodon.social/accounts/avatars/000/014/715/original/34aa.png",
    "followers_count": 821,
    "following_count": 178,
    "statuses_count": 33120,
    "source": {"privacy": "public", "sensitive": False, "language": "", "note": "", "fields": []},
}
INSTANCE = {  # GET /api/v2/instance
    "domain": "mastodon.example",
    "title": "Mastodon",
    "version": "4.3.0",
    "configuration": {
        "statuses": {
            "max_characters": 1000,
            "max_media_attachments": 4,
            "characters_reserved_per_url": 23,
        },
        "media_attachments": {"image_size_limit": 16777216, "description_limit": 1500},
    },
}


@pytest.fixture
def instance(httpserver_ipv4: HTTPServer) -> Iterator[HTTPServer]:
    yield httpserver_ipv4
    httpserver_ipv4.clear()


@pytest.fixture
def svc(ws: Workspace, secret_service_backend: Any, clock: FixedClock) -> AccountService:
    return AccountService(ws.sessions, ws.notifier, CredentialStore(secret_service_backend), clock)


def _url(server: HTTPServer) -> str:
    return server.url_for("/").rstrip("/")


def _in_keyring(account_id: int) -> dict[str, str] | None:
    from keyring.backends.SecretService import Keyring

    raw = Keyring().get_password(SERVICE, f"account:{account_id}")
    return None if raw is None else dict(json.loads(raw))


def test_connect_with_a_pasted_token(
    instance: HTTPServer, svc: AccountService, ws: Workspace
) -> None:
    brand = ws.brands.create("Panadería Sol", "Europe/Madrid").id
    instance.expect_request(
        "/api/v1/accounts/verify_credentials",
        method="GET",
        headers={"Authorization": f"Bearer {TOKEN}"},
    ).respond_with_json(ACCOUNT)
    instance.expect_request("/api/v2/instance", method="GET").respond_with_json(INSTANCE)

    acc = svc.connect(brand, Network.MASTODON, server=_url(instance), secret=TOKEN)

    assert acc.status is AccountStatus.CONNECTED
    assert acc.handle.startswith("trwnh@")
    assert (acc.display_name, acc.remote_id) == ("infinite love ⴳ", "14715")
    assert acc.avatar_url == ACCOUNT["avatar"]
    assert acc.server == _url(instance)
    # the instance's own limits, for the composer's counters
    assert (acc.char_limit, acc.url_cost) == (1000, 23)
    assert _in_keyring(acc.id) == {"access_token": TOKEN}
    svc.remove(acc.id)
    assert _in_keyring(acc.id) is None


def test_a_refused_token_saves_nothing(
    instance: HTTPServer, svc: AccountService, ws: Workspace
) -> None:
    brand = ws.brands.create("Panadería Sol", "Europe/Madrid").id
    instance.expect_request("/api/v1/accounts/verify_credentials").respond_with_json(
        {"error": "The access token is invalid"}, status=401
    )
    with pytest.raises(ConnectFailed) as err:
        svc.connect(brand, "mastodon", server=_url(instance), secret="revoked-token-0000")
    assert err.value.kind == "auth"
    assert "The access token is invalid" in err.value.message
    assert "access token" in err.value.hint and "Development" in err.value.hint
    assert "revoked-token-0000" not in str(err.value)
    assert ws.accounts.all(include_removed=True) == []


def test_a_server_error_says_to_try_again(
    instance: HTTPServer, svc: AccountService, ws: Workspace
) -> None:
    brand = ws.brands.create("Panadería Sol", "Europe/Madrid").id
    instance.expect_request("/api/v1/accounts/verify_credentials").respond_with_data(
        "<html>502 Bad Gateway</html>", status=502, content_type="text/html"
    )
    with pytest.raises(ConnectFailed) as err:
        svc.connect(brand, "mastodon", server=_url(instance), secret=TOKEN)
    assert err.value.kind == "transient"
    assert err.value.message.startswith(f"Could not reach Mastodon at {_url(instance)}")
    assert "try again" in err.value.hint
    assert ws.accounts.all(include_removed=True) == []
