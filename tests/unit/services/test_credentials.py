"""The credential store over an in-memory keyring, the fail backend and the encrypted file."""

from __future__ import annotations

import json
import logging
import stat
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.core
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from cmplanner.domain.errors import InvalidInput, KnownError
from cmplanner.services.credentials import (
    SERVICE,
    BackendState,
    CredentialStore,
    CredentialStoreError,
    KeyringLocked,
    KeyringUnavailable,
    WrongPassphrase,
)
from tests.support.memory_keyring import MemoryKeyring

TOKEN = "tok-9f2c-VERY-secret-Ω"
SECRET = {"access_token": TOKEN, "refresh_token": "ref-77e1-also-secret"}


@pytest.fixture
def memory() -> Iterator[MemoryKeyring]:
    """An in-memory keyring installed as keyring's own choice; the old one restored after."""
    previous = keyring.core._keyring_backend
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.core._keyring_backend = previous


# -- the OS keyring path ---------------------------------------------------------------------


def test_round_trip_through_keyrings_own_choice(memory: MemoryKeyring) -> None:
    store = CredentialStore()  # resolved lazily, at the first call
    assert store.get(1) is None
    store.set(1, SECRET)
    assert store.get(1) == SECRET
    assert store.get(2) is None
    assert store.backend_status().state is BackendState.USABLE


def test_backend_is_resolved_at_first_use_not_at_construction() -> None:
    previous = keyring.core._keyring_backend
    store = CredentialStore()
    later = MemoryKeyring()
    keyring.set_keyring(later)  # installed after the store was built
    try:
        store.set(3, "abc")
        assert later.items == {(SERVICE, "account:3"): '{"secret":"abc"}'}
    finally:
        keyring.core._keyring_backend = previous


def test_stored_value_is_one_json_object_under_service_and_account_username() -> None:
    backend = MemoryKeyring()
    store = CredentialStore(backend)
    store.set(7, SECRET)
    store.set(8, TOKEN)
    assert set(backend.items) == {(SERVICE, "account:7"), (SERVICE, "account:8")}
    assert json.loads(backend.items[(SERVICE, "account:7")]) == SECRET
    assert json.loads(backend.items[(SERVICE, "account:8")]) == {"secret": TOKEN}
    assert store.get(8) == {"secret": TOKEN}


def test_set_replaces_and_get_returns_a_copy() -> None:
    store = CredentialStore(MemoryKeyring())
    store.set(1, {"access_token": "old"})
    store.set(1, {"access_token": "new", "refresh_token": "r"})
    got = store.get(1)
    assert got == {"access_token": "new", "refresh_token": "r"}
    assert got is not None
    got["access_token"] = "changed by the caller"
    assert store.get(1) == {"access_token": "new", "refresh_token": "r"}


def test_delete() -> None:
    backend = MemoryKeyring()
    store = CredentialStore(backend)
    store.set(5, SECRET)
    store.set(6, SECRET)
    assert store.delete(5) is True
    assert store.get(5) is None
    assert store.get(6) == SECRET
    assert store.delete(5) is False  # nothing left: not an error


@pytest.mark.parametrize("bad", [0, -1, True, "1", 1.0])
def test_account_ids_are_positive_ints(bad: object) -> None:
    store = CredentialStore(MemoryKeyring())
    with pytest.raises(InvalidInput):
        store.set(bad, "x")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        store.get(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["", {}, {"token": 5}, {3: "x"}])
def test_nothing_or_non_text_is_refused(bad: object) -> None:
    store = CredentialStore(MemoryKeyring())
    with pytest.raises(InvalidInput) as err:
        store.set(1, bad)  # type: ignore[arg-type]
    assert "5" not in str(err.value)


def test_damaged_entry_is_a_known_error_that_does_not_show_the_value() -> None:
    backend = MemoryKeyring()
    backend.items[(SERVICE, "account:9")] = "not json " + TOKEN
    with pytest.raises(CredentialStoreError) as err:
        CredentialStore(backend).get(9)
    assert "account:9" in str(err.value)
    assert "Reconnect" in str(err.value)
    assert TOKEN not in str(err.value)
    # no chained JSONDecodeError either: its .doc would carry the whole stored value
    assert err.value.__cause__ is None
    assert err.value.__context__ is None


def test_secrets_are_never_logged_nor_shown_in_reprs(caplog: pytest.LogCaptureFixture) -> None:
    backend = MemoryKeyring()
    store = CredentialStore(backend)
    with caplog.at_level(logging.DEBUG):
        store.set(11, SECRET)
        assert store.get(11) == SECRET
        store.set(12, TOKEN)
        store.delete(12)
        logging.getLogger("test").info("the store: %r", store)
    assert caplog.records, "the store logs what it does (without the secret)"
    assert "account:11" in caplog.text
    for needle in (TOKEN, SECRET["refresh_token"]):
        assert needle not in caplog.text
        assert needle not in repr(store)
        assert needle not in str(store)
    assert "redacted" in repr(store)


def test_locked_store_is_a_typed_known_error() -> None:
    backend = MemoryKeyring()
    backend.locked = True
    with pytest.raises(KeyringLocked) as err:
        CredentialStore(backend).set(1, TOKEN)
    assert isinstance(err.value, KnownError)
    assert "locked" in str(err.value)
    assert "account:1" in str(err.value)


# -- no usable keyring -----------------------------------------------------------------------


def test_fail_backend_is_reported_not_fallen_back_from(caplog: pytest.LogCaptureFixture) -> None:
    store = CredentialStore(fail.Keyring())
    status = store.backend_status()  # never raises
    assert status.state is BackendState.UNAVAILABLE
    assert not status.usable
    assert status.reason
    for call in (lambda: store.set(1, TOKEN), lambda: store.get(1), lambda: store.delete(1)):
        with pytest.raises(KeyringUnavailable) as err:
            call()
        message = str(err.value)
        assert message.startswith("No password store is available on this computer (")
        assert "GNOME Keyring or KWallet" in message
        assert "encrypted file protected by a passphrase" in message
    assert TOKEN not in caplog.text


def test_fail_backend_as_keyrings_own_choice(memory: MemoryKeyring) -> None:
    keyring.set_keyring(fail.Keyring())  # the headless default (the fixture restores)
    store = CredentialStore()
    assert store.backend_status().state is BackendState.UNAVAILABLE
    with pytest.raises(KeyringUnavailable):
        store.set(1, TOKEN)
    assert memory.items == {}


def test_plaintext_file_backend_is_refused_even_when_keyring_picks_it(tmp_path: Path) -> None:
    alt = pytest.importorskip("keyrings.alt.file")
    plain = alt.PlaintextKeyring()
    plain.file_path = str(tmp_path / "keyring_pass.cfg")
    previous = keyring.core._keyring_backend
    keyring.set_keyring(plain)
    try:
        store = CredentialStore()
        assert store.backend_status().state is BackendState.REFUSED
        assert "clear text" in store.backend_status().reason
        with pytest.raises(KeyringUnavailable):
            store.set(1, TOKEN)
    finally:
        keyring.core._keyring_backend = previous
    assert not (tmp_path / "keyring_pass.cfg").exists()


def test_the_encrypted_file_backend_is_never_guessed_by_keyring() -> None:
    from cmplanner.services.keyring_backends import EncryptedFileKeyring

    assert EncryptedFileKeyring.viable is False
    assert EncryptedFileKeyring not in set(KeyringBackend.get_viable_backends())


# -- the encrypted file, chosen explicitly ---------------------------------------------------


def test_encrypted_file_round_trips_and_keeps_nothing_in_clear(tmp_path: Path) -> None:
    path = tmp_path / "secrets" / "credentials.enc"
    store = CredentialStore(fail.Keyring())
    status = store.use_encrypted_file(path, "correct horse battery staple")
    assert status.usable, status
    assert str(path) in status.name
    store.set(1, SECRET)
    store.set(2, TOKEN)
    assert store.get(1) == SECRET
    assert store.delete(2) is True

    raw = path.read_bytes()
    for needle in (TOKEN, SECRET["refresh_token"], "access_token", "account:1"):
        assert needle.encode("utf-8") not in raw
        assert needle.encode("utf-16-le") not in raw
    assert b"correct horse" not in raw
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(raw)["kdf"] == "scrypt"

    # Another store (the next start of the app) opens it with the same passphrase.
    again = CredentialStore()
    again.use_encrypted_file(path, "correct horse battery staple")
    assert again.get(1) == SECRET
    assert again.get(2) is None
    assert "correct horse" not in repr(again)


def test_encrypted_file_wrong_passphrase_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "credentials.enc"
    CredentialStore().use_encrypted_file(path, "right one")
    before = path.read_bytes()
    store = CredentialStore(fail.Keyring())
    with pytest.raises(WrongPassphrase) as err:
        store.use_encrypted_file(path, "wrong one")
    assert str(err.value).startswith(f"This passphrase does not open {path}.")
    assert "case-sensitive" in str(err.value)
    assert path.read_bytes() == before  # nothing rewritten
    # and the store did not switch: it still refuses rather than fall back
    with pytest.raises(KeyringUnavailable):
        store.get(1)


def test_encrypted_file_needs_a_passphrase_and_a_real_file(tmp_path: Path) -> None:
    store = CredentialStore(fail.Keyring())
    with pytest.raises(InvalidInput):
        store.use_encrypted_file(tmp_path / "c.enc", "")
    junk = tmp_path / "junk.enc"
    junk.write_text("hello", encoding="utf-8")
    with pytest.raises(CredentialStoreError) as err:
        store.use_encrypted_file(junk, "pass")
    assert "cannot be used" in str(err.value)
