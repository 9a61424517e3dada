"""Connecting accounts: the service over a real SQLite file, an in-memory keyring and a
scripted network client (the real Bluesky path runs in tests/integration)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from keyring.backends import fail

from cmplanner.domain.accounts import ConnectFailed
from cmplanner.domain.clock import FixedClock
from cmplanner.domain.enums import AccountStatus, Network
from cmplanner.domain.errors import InvalidInput, NotFound
from cmplanner.networks.errors import AuthExpired, AuthFailed, RateLimited, Rejected, Transient
from cmplanner.networks.publishing import AccountRef, Profile
from cmplanner.services.accounts import AccountService
from cmplanner.services.credentials import (
    SERVICE,
    CredentialStore,
    KeyringLocked,
    KeyringUnavailable,
)
from cmplanner.services.notifier import Topic
from cmplanner.services.workspace import Workspace
from tests.support.memory_keyring import MemoryKeyring

APP_PASSWORD = "abcd-efgh-ijkl-mnop"


@dataclass
class FakeNetwork:
    """What the network answers to verify(), and what each client was built with."""

    profile: Profile = field(default_factory=lambda: Profile(handle="alice.test"))
    error: Exception | None = None
    #: A session the client "logs in to" and hands to on_secret_change before answering.
    session: dict[str, str] = field(default_factory=dict)
    built: list[tuple[AccountRef, dict[str, str]]] = field(default_factory=list)

    def __call__(
        self,
        account: AccountRef,
        secret: Mapping[str, str],
        *,
        on_secret_change: Callable[[dict[str, str]], None] | None = None,
        http: Any = None,
    ) -> FakeClient:
        self.built.append((account, dict(secret)))
        return FakeClient(self, account, dict(secret), on_secret_change)


@dataclass
class FakeClient:
    net: FakeNetwork
    account: AccountRef
    secret: dict[str, str]
    sink: Callable[[dict[str, str]], None] | None

    def verify(self) -> Profile:
        if self.net.error is not None:
            raise self.net.error
        if self.net.session and self.sink is not None:
            self.sink({**self.secret, **self.net.session})
        return self.net.profile


@pytest.fixture
def memory() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def net() -> FakeNetwork:
    return FakeNetwork(
        profile=Profile(
            handle="alice.test",
            display_name="Alice",
            remote_id="did:plc:alice",
            avatar_url="https://cdn.example/alice.jpg",
            server="http://127.0.0.1:2583",
        )
    )


@pytest.fixture
def svc(
    ws: Workspace, memory: MemoryKeyring, net: FakeNetwork, clock: FixedClock
) -> AccountService:
    return AccountService(ws.sessions, ws.notifier, CredentialStore(memory), clock, client_for=net)


@pytest.fixture
def brand(ws: Workspace) -> int:
    return ws.brands.create("Panadería Sol", "Europe/Madrid").id


def _saved(memory: MemoryKeyring) -> dict[str, str]:
    import json

    return {u: json.loads(v) for (s, u), v in memory.items.items() if s == SERVICE}


def _connect(svc: AccountService, brand: int, **kw: Any) -> Any:
    args: dict[str, Any] = {
        "handle": "alice.test",
        "server": "http://127.0.0.1:2583",
        "secret": APP_PASSWORD,
    }
    args.update(kw)
    return svc.connect(brand, Network.BLUESKY, **args)


# -- connect --------------------------------------------------------------------------------


def test_connect_saves_the_profile_and_the_secret(
    svc: AccountService, ws: Workspace, memory: MemoryKeyring, net: FakeNetwork, brand: int
) -> None:
    seen: list[tuple[Topic, tuple[int, ...]]] = []
    ws.notifier.subscribe(lambda t, ids: seen.append((t, ids)))
    net.session = {"access_jwt": "jwt-a", "refresh_jwt": "jwt-r", "did": "did:plc:alice"}

    acc = _connect(svc, brand, handle="@alice.test")

    assert acc.status is AccountStatus.CONNECTED
    assert (acc.handle, acc.display_name, acc.remote_id) == ("alice.test", "Alice", "did:plc:alice")
    assert acc.avatar_url == "https://cdn.example/alice.jpg"
    assert acc.server == "http://127.0.0.1:2583"
    assert svc.get(acc.id) == acc
    # the app password under Bluesky's key, plus the session the login made
    assert _saved(memory) == {f"account:{acc.id}": {"app_password": APP_PASSWORD, **net.session}}
    assert net.built[0][0].handle == "alice.test"
    assert (Topic.ACCOUNTS, (acc.id,)) in seen


def test_a_bare_secret_goes_under_the_networks_primary_key(
    svc: AccountService, memory: MemoryKeyring, net: FakeNetwork, brand: int
) -> None:
    net.profile = Profile(handle="sol@mastodon.example", char_limit=1000, url_cost=23)
    acc = svc.connect(brand, "Mastodon", server="mastodon.example", secret="  tok-123  \n")
    assert acc.server == "https://mastodon.example"
    assert (acc.char_limit, acc.url_cost) == (1000, 23)
    assert _saved(memory)[f"account:{acc.id}"] == {"access_token": "tok-123"}


def test_a_whole_credential_dict_is_kept_as_given(
    svc: AccountService, memory: MemoryKeyring, brand: int
) -> None:
    creds = {"app_password": APP_PASSWORD, "note": "from the password manager"}
    acc = _connect(svc, brand, secret=creds)
    assert _saved(memory)[f"account:{acc.id}"] == creds


def test_token_expiry_from_the_profile_is_kept(
    svc: AccountService, net: FakeNetwork, brand: int
) -> None:
    ends = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    net.profile = Profile(handle="sol", token_expires_utc=ends)
    acc = svc.connect(brand, Network.THREADS, secret="tok")
    assert acc.token_expires_utc == ends
    [health] = svc.health()
    assert (health.level, health.label, health.expires_in_days) == (
        "warning",
        "Token expires in 5 days",
        5,
    )


@pytest.mark.parametrize(
    ("error", "kind", "words", "hint"),
    [
        (
            AuthFailed("Invalid identifier or password", status=401),
            "auth",
            "Invalid",
            "app password",
        ),
        (AuthExpired("Token has been revoked", status=400), "auth", "revoked", "app password"),
        (Transient("connection refused"), "transient", "connection refused", "connection"),
        (Rejected("handle is not valid", status=400), "rejected", "not valid", "handle"),
        (
            RateLimited("slow down", retry_after_s=300),
            "rate_limited",
            "limiting requests from alice.test until",
            "Wait",
        ),
    ],
)
def test_a_refused_connect_saves_nothing_and_says_why(
    svc: AccountService,
    ws: Workspace,
    memory: MemoryKeyring,
    net: FakeNetwork,
    brand: int,
    error: Exception,
    kind: str,
    words: str,
    hint: str,
) -> None:
    net.error = error
    with pytest.raises(ConnectFailed) as err:
        _connect(svc, brand)
    assert err.value.kind == kind
    assert words in err.value.message
    assert hint in err.value.hint
    assert "Bluesky" in err.value.message
    assert ws.accounts.all(include_removed=True) == []
    assert memory.items == {}


def test_a_secret_the_network_echoes_is_blotted_out(
    svc: AccountService, net: FakeNetwork, brand: int
) -> None:
    net.error = AuthFailed(f"bad password {APP_PASSWORD} for alice.test")
    with pytest.raises(ConnectFailed) as err:
        _connect(svc, brand)
    assert APP_PASSWORD not in str(err.value)
    assert APP_PASSWORD not in repr(err.value)
    assert "[secret]" in err.value.message


@pytest.mark.parametrize(
    ("kw", "words"),
    [
        ({"server": "http://pds.example.com"}, "http://"),
        ({"server": "ftp://pds.example.com"}, "scheme"),
        ({"secret": "   "}, "no secret"),
        ({"secret": {}}, "no secret"),
        ({"secret": {"app_password": ""}}, "no secret"),
        ({"handle": ""}, "handle"),
        ({"media_base_url": "http://media.example.com/"}, "media address"),
    ],
)
def test_bad_input_is_refused_before_any_network_call(
    svc: AccountService, net: FakeNetwork, brand: int, kw: dict[str, Any], words: str
) -> None:
    with pytest.raises(InvalidInput) as err:
        _connect(svc, brand, **kw)
    assert words in str(err.value)
    assert err.value.hint
    assert net.built == []


def test_unknown_brand_and_network_are_refused(svc: AccountService, brand: int) -> None:
    with pytest.raises(InvalidInput, match="Brand 999"):
        _connect(svc, 999)
    with pytest.raises(InvalidInput, match="Unknown network 'myspace'") as err:
        svc.connect(brand, "myspace", secret="x")
    assert "bluesky" in err.value.hint


def test_mastodon_needs_a_server_and_https(svc: AccountService, brand: int) -> None:
    with pytest.raises(InvalidInput, match="server"):
        svc.connect(brand, Network.MASTODON, secret="tok")
    with pytest.raises(InvalidInput, match="http://"):
        svc.connect(brand, Network.MASTODON, server="http://10.0.0.5", secret="tok")


def test_no_keyring_fails_before_the_network_and_saves_nothing(
    ws: Workspace, net: FakeNetwork, clock: FixedClock, brand: int
) -> None:
    svc = AccountService(
        ws.sessions, ws.notifier, CredentialStore(fail.Keyring()), clock, client_for=net
    )
    with pytest.raises(KeyringUnavailable) as err:
        _connect(svc, brand)
    assert "password store" in err.value.message
    assert "GNOME Keyring" in err.value.hint
    assert net.built == []
    assert ws.accounts.all() == []


def test_a_keyring_refusing_the_save_leaves_no_row(
    svc: AccountService, ws: Workspace, memory: MemoryKeyring, brand: int
) -> None:
    memory.refuse_writes = True
    with pytest.raises(KeyringLocked, match="locked"):
        _connect(svc, brand)
    assert ws.accounts.all(include_removed=True) == []

    planned = ws.accounts.add_profile(brand, Network.BLUESKY, "alice.test")
    with pytest.raises(KeyringLocked):
        _connect(svc, brand)
    assert ws.accounts.all() == [planned]  # left as it was


def test_a_network_without_a_client_yet_says_so(
    ws: Workspace, memory: MemoryKeyring, clock: FixedClock, brand: int
) -> None:
    def missing(*args: object, **kwargs: object) -> Any:
        raise ModuleNotFoundError("no", name="cmplanner.networks.x_client")

    svc = AccountService(ws.sessions, ws.notifier, CredentialStore(memory), clock, missing)
    with pytest.raises(ConnectFailed) as err:
        svc.connect(brand, Network.X, secret="tok")
    assert err.value.kind == "unsupported"
    assert "X accounts" in err.value.message


def test_connect_fills_a_planned_profile_and_refuses_a_duplicate(
    svc: AccountService, ws: Workspace, brand: int
) -> None:
    planned = ws.accounts.add_profile(brand, Network.BLUESKY, "alice.test")
    acc = _connect(svc, brand)
    assert acc.id == planned.id
    assert acc.status is AccountStatus.CONNECTED
    with pytest.raises(InvalidInput, match="already connected") as err:
        _connect(svc, brand)
    assert f"reconnect {acc.id}" in err.value.hint
    assert len(ws.accounts.all()) == 1


# -- test, reconnect ------------------------------------------------------------------------


def test_test_updates_the_profile_and_writes_refreshed_tokens_back(
    svc: AccountService, memory: MemoryKeyring, net: FakeNetwork, brand: int
) -> None:
    acc = _connect(svc, brand)
    net.profile = Profile(handle="alice.test", display_name="Alice B.", remote_id="did:plc:alice")
    net.session = {"access_jwt": "new-access"}
    profile = svc.test(acc.id)
    assert profile.display_name == "Alice B."
    assert svc.get(acc.id).display_name == "Alice B."
    assert _saved(memory)[f"account:{acc.id}"]["access_jwt"] == "new-access"
    # the client was given what the keyring holds, and the row's facts
    ref, secret = net.built[-1]
    assert (ref.id, ref.remote_id, secret["app_password"]) == (
        acc.id,
        "did:plc:alice",
        APP_PASSWORD,
    )


def test_a_refused_test_parks_the_account_with_the_reason(
    svc: AccountService, net: FakeNetwork, brand: int
) -> None:
    acc = _connect(svc, brand)
    net.error = AuthExpired("Token has been revoked")
    with pytest.raises(ConnectFailed):
        svc.test(acc.id)
    assert svc.get(acc.id).status is AccountStatus.NEEDS_RECONNECT
    [health] = svc.health()
    assert health.level == "error" and health.can_reconnect
    assert health.label.startswith("Needs reconnecting: ")
    assert "revoked" in health.label


def test_a_transient_failure_leaves_the_status_alone(
    svc: AccountService, net: FakeNetwork, brand: int
) -> None:
    acc = _connect(svc, brand)
    net.error = Transient("read timed out")
    with pytest.raises(ConnectFailed, match="timed out"):
        svc.test(acc.id)
    assert svc.get(acc.id).status is AccountStatus.CONNECTED


def test_test_without_a_saved_secret_asks_to_reconnect(
    svc: AccountService, memory: MemoryKeyring, brand: int
) -> None:
    acc = _connect(svc, brand)
    memory.items.clear()
    with pytest.raises(ConnectFailed, match="no saved credentials") as err:
        svc.test(acc.id)
    assert "Reconnect" in err.value.hint
    assert svc.get(acc.id).status is AccountStatus.NEEDS_RECONNECT


def test_a_rate_limited_test_records_until_when(
    svc: AccountService, net: FakeNetwork, brand: int, clock: FixedClock
) -> None:
    acc = _connect(svc, brand)
    net.error = RateLimited("slow down", reset_at=clock.now() + timedelta(minutes=5))
    with pytest.raises(ConnectFailed):
        svc.test(acc.id)
    assert svc.get(acc.id).rate_limited_until_utc == clock.now() + timedelta(minutes=5)


def test_reconnect_replaces_the_secret_and_clears_the_trouble(
    svc: AccountService, ws: Workspace, memory: MemoryKeyring, net: FakeNetwork, brand: int
) -> None:
    acc = _connect(svc, brand)
    with ws.sessions.begin() as s:  # what the publisher writes
        from cmplanner.storage.tables import AccountRow

        row = s.get(AccountRow, acc.id)
        assert row is not None
        row.status = AccountStatus.NEEDS_RECONNECT.value
        row.rate_limited_until_utc = datetime(2026, 11, 26, 12, 0)

    net.error = AuthFailed("Invalid identifier or password")
    with pytest.raises(ConnectFailed):
        svc.reconnect(acc.id, "wrong-one")
    assert _saved(memory)[f"account:{acc.id}"]["app_password"] == APP_PASSWORD  # old one kept

    net.error = None
    again = svc.reconnect(acc.id, "new-pass-word")
    assert again.status is AccountStatus.CONNECTED
    assert again.rate_limited_until_utc is None
    assert _saved(memory)[f"account:{acc.id}"] == {"app_password": "new-pass-word"}


# -- remove, media URL ----------------------------------------------------------------------


def test_remove_deletes_an_unused_account_and_its_secret(
    svc: AccountService, ws: Workspace, memory: MemoryKeyring, brand: int
) -> None:
    acc = _connect(svc, brand)
    assert svc.remove(acc.id) is True
    assert memory.items == {}
    with pytest.raises(NotFound):
        svc.get(acc.id)


def test_remove_keeps_an_account_posts_refer_to_as_removed(
    svc: AccountService, ws: Workspace, memory: MemoryKeyring, brand: int
) -> None:
    acc = _connect(svc, brand)
    post = ws.posts.create(brand, "Fresh bread", account_ids=[acc.id])
    assert svc.remove(acc.id) is False
    assert memory.items == {}
    assert svc.get(acc.id).status is AccountStatus.DISABLED
    assert svc.all() == []  # not offered as a target any more
    assert [a.id for a in svc.all(include_removed=True)] == [acc.id]
    assert [t.id for t in ws.posts.get(post.id).targets] == [acc.id]
    [health] = svc.health(include_removed=True)
    assert (health.level, health.label) == ("off", "Removed")
    with pytest.raises(InvalidInput, match="removed"):
        svc.test(acc.id)
    # connecting the same account again brings the row back
    assert _connect(svc, brand).id == acc.id


def test_remove_of_a_planned_profile_needs_no_keyring(ws: Workspace, brand: int) -> None:
    svc = AccountService(ws.sessions, ws.notifier, CredentialStore(fail.Keyring()))
    planned = svc.add_profile(brand, Network.BLUESKY, "sol.bsky.social")
    assert svc.remove(planned.id) is True


def test_media_base_url(svc: AccountService, brand: int) -> None:
    acc = _connect(svc, brand)
    assert svc.set_media_base_url(acc.id, " https://media.example.com/sol/ ").media_base_url == (
        "https://media.example.com/sol"
    )
    with pytest.raises(InvalidInput):
        svc.set_media_base_url(acc.id, "http://media.example.com/")
    assert svc.set_media_base_url(acc.id, "").media_base_url == ""


def test_the_service_repr_and_errors_hold_no_secret(
    svc: AccountService, net: FakeNetwork, brand: int
) -> None:
    acc = _connect(svc, brand)
    assert APP_PASSWORD not in repr(acc)
    assert APP_PASSWORD not in repr(svc.health())
