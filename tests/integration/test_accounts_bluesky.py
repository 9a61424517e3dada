"""Connecting a Bluesky account for real: the local PDS and gnome-keyring on a private bus."""

from __future__ import annotations

pytest_plugins = ["tests.support.atproto", "tests.support.secret_service"]

import json  # noqa: E402
from typing import TYPE_CHECKING, Any  # noqa: E402

import pytest  # noqa: E402

from cmplanner.domain.accounts import ConnectFailed  # noqa: E402
from cmplanner.domain.clock import FixedClock  # noqa: E402
from cmplanner.domain.enums import AccountStatus, Network  # noqa: E402
from cmplanner.services.accounts import AccountService  # noqa: E402
from cmplanner.services.credentials import SERVICE, CredentialStore  # noqa: E402
from cmplanner.services.workspace import Workspace  # noqa: E402

if TYPE_CHECKING:
    from tests.support.atproto import AtprotoServer

pytestmark = pytest.mark.slow


@pytest.fixture
def store(secret_service_backend: Any) -> CredentialStore:
    return CredentialStore(secret_service_backend)


@pytest.fixture
def svc(ws: Workspace, store: CredentialStore, clock: FixedClock) -> AccountService:
    return AccountService(ws.sessions, ws.notifier, store, clock)


@pytest.fixture
def brand(ws: Workspace) -> int:
    return ws.brands.create("Panadería Sol", "Europe/Madrid").id


def _in_keyring(account_id: int) -> dict[str, str] | None:
    """What gnome-keyring holds for the account, read over a new D-Bus connection."""
    from keyring.backends.SecretService import Keyring

    raw = Keyring().get_password(SERVICE, f"account:{account_id}")
    return None if raw is None else dict(json.loads(raw))


def test_connect_test_reconnect_remove(
    atproto_server: AtprotoServer, svc: AccountService, ws: Workspace, brand: int
) -> None:
    alice = atproto_server.alice
    acc = svc.connect(
        brand,
        Network.BLUESKY,
        handle=alice.handle,
        server=atproto_server.pds_url,
        secret=alice.app_password,
    )
    # the row: the profile the PDS gave, no secret
    assert acc.status is AccountStatus.CONNECTED
    assert (acc.handle, acc.remote_id) == (alice.handle, alice.did)
    assert acc.server == atproto_server.pds_url
    assert [a.id for a in ws.accounts.all()] == [acc.id]
    # the keyring: the app password and the session the login made
    saved = _in_keyring(acc.id)
    assert saved is not None
    assert saved["app_password"] == alice.app_password
    assert saved["access_jwt"] and saved["refresh_jwt"] and saved["did"] == alice.did

    profile = svc.test(acc.id)
    assert (profile.handle, profile.remote_id) == (alice.handle, alice.did)
    [health] = svc.health()
    assert (health.level, health.label) == ("ok", "Connected")

    # a wrong new password changes nothing; the right one replaces the secret
    with pytest.raises(ConnectFailed) as err:
        svc.reconnect(acc.id, "wrong-wrong-wrong-wrong")
    assert err.value.kind == "auth"
    assert _in_keyring(acc.id) == saved
    svc.reconnect(acc.id, alice.app_password)
    fresh = _in_keyring(acc.id)
    # a new session: its refresh token carries a random id (the access token's claims
    # are the same for two logins within one second, so it can come back identical)
    assert fresh is not None and fresh["refresh_jwt"] != saved["refresh_jwt"]

    assert svc.remove(acc.id) is True
    assert _in_keyring(acc.id) is None
    assert ws.accounts.all(include_removed=True) == []


def test_wrong_password_saves_nothing_and_says_so(
    atproto_server: AtprotoServer, svc: AccountService, ws: Workspace, brand: int
) -> None:
    with pytest.raises(ConnectFailed) as err:
        svc.connect(
            brand,
            Network.BLUESKY,
            handle=atproto_server.alice.handle,
            server=atproto_server.pds_url,
            secret="wrong-wrong-wrong-wrong",
        )
    assert err.value.kind == "auth"
    assert err.value.message.startswith(
        f"Bluesky refused the login of {atproto_server.alice.handle}"
    )
    assert "app password" in err.value.hint
    assert "wrong-wrong" not in str(err.value)
    assert ws.accounts.all(include_removed=True) == []
    assert _in_keyring(1) is None


def test_an_expired_session_is_refreshed_and_written_back(
    atproto_server: AtprotoServer, svc: AccountService, store: CredentialStore, brand: int
) -> None:
    alice = atproto_server.alice
    acc = svc.connect(
        brand,
        "bluesky",
        handle=alice.handle,
        server=atproto_server.pds_url,
        secret=alice.app_password,
    )
    saved = _in_keyring(acc.id)
    assert saved is not None
    expired = atproto_server.mint_access_token(alice.did, expires_in_s=-60)
    store.set(acc.id, {**saved, "access_jwt": expired})

    svc.test(acc.id)  # ExpiredToken → refreshed with the refresh token → saved at once

    after = _in_keyring(acc.id)
    assert after is not None
    assert after["access_jwt"] != expired
    assert after["refresh_jwt"] != saved["refresh_jwt"]  # the PDS rotates it on refresh
    assert after["app_password"] == alice.app_password


def test_a_dead_secret_parks_the_account(
    atproto_server: AtprotoServer, svc: AccountService, store: CredentialStore, brand: int
) -> None:
    alice = atproto_server.alice
    acc = svc.connect(
        brand,
        "bluesky",
        handle=alice.handle,
        server=atproto_server.pds_url,
        secret=alice.app_password,
    )
    store.set(acc.id, {"app_password": "revoked-revoked-revoked"})  # as if revoked on the site

    with pytest.raises(ConnectFailed) as err:
        svc.test(acc.id)
    assert err.value.kind == "auth"
    assert svc.get(acc.id).status is AccountStatus.NEEDS_RECONNECT
    [health] = svc.health()
    assert health.level == "error" and health.can_reconnect
    assert health.label.startswith("Needs reconnecting: Bluesky refused the login")

    svc.reconnect(acc.id, alice.app_password)
    [health] = svc.health()
    assert (health.level, health.label) == ("ok", "Connected")
    svc.remove(acc.id)
