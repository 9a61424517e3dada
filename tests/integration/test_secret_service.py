"""The credential store against a real Secret Service: gnome-keyring on a private D-Bus bus."""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from cmplanner.paths import Paths
from cmplanner.services.credentials import (
    SERVICE,
    BackendState,
    CredentialStore,
    KeyringLocked,
)
from cmplanner.services.workspace import Workspace
from tests.support.postgres import dump_database

if TYPE_CHECKING:
    from tests.support.secret_service import SecretServiceSession

    OwnSecretService = Callable[[Path], AbstractContextManager[SecretServiceSession]]

pytest_plugins = ["tests.support.secret_service"]

pytestmark = pytest.mark.slow

SECRET = {"access_token": "tok-Zq81-real-secret-service", "refresh_token": "ref-Kd02"}


def test_round_trip_through_gnome_keyring(secret_service_backend: object) -> None:
    from keyring.backends.SecretService import Keyring

    store = CredentialStore(secret_service_backend)  # type: ignore[arg-type]
    status = store.backend_status()
    assert status.state is BackendState.USABLE, status
    assert "SecretService" in status.name

    t0 = time.perf_counter()
    store.set(41, SECRET)
    assert store.get(41) == SECRET

    # Real persistence in the daemon: a second, fresh backend instance (a new D-Bus
    # connection) sees the item under service "cmplanner", username "account:41".
    fresh = Keyring()
    assert fresh.get_password(SERVICE, "account:41") is not None
    assert CredentialStore(Keyring()).get(41) == SECRET

    store.set(41, "replaced")  # a refreshed token replaces, never duplicates
    assert CredentialStore(Keyring()).get(41) == {"secret": "replaced"}

    assert store.delete(41) is True
    assert CredentialStore(Keyring()).get(41) is None
    assert store.delete(41) is False
    elapsed = time.perf_counter() - t0
    assert elapsed < 10, f"the Secret Service round trip took {elapsed:.2f} s"


def _forget_viable_backends() -> None:
    import keyring.backend

    # jaraco's @once keeps its result in the function's attributes; reset() fails when empty.
    vars(keyring.backend.get_all_keyring).pop("saved_result", None)


def test_lazy_resolution_picks_the_secret_service(
    secret_service: SecretServiceSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a Secret Service on the bus, keyring's own choice is accepted as it is."""
    import keyring
    import keyring.core

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", secret_service.address)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    # keyring caches its pick, and the viable backends, for the process: detect afresh here
    # and forget both again after (monkeypatch puts the old pick back).
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    _forget_viable_backends()
    try:
        keyring.core.init_backend(lambda b: type(b).__module__.startswith("keyring.backends"))
        store = CredentialStore()
        assert store.backend_status().usable
        store.set(42, {"app_password": "abcd-efgh-ijkl-mnop"})
        assert store.get(42) == {"app_password": "abcd-efgh-ijkl-mnop"}
        assert store.delete(42)
    finally:
        _forget_viable_backends()


def test_secret_is_not_in_clear_in_the_keyring_file(
    secret_service_backend: object, secret_service: SecretServiceSession
) -> None:
    store = CredentialStore(secret_service_backend)  # type: ignore[arg-type]
    store.set(43, {"token": "needle-8c1f-in-the-keyring"})
    try:
        files = [p for p in (secret_service.root / "data").rglob("*") if p.is_file()]
        assert files, "gnome-keyring wrote no keyring file"
        for path in files:
            assert b"needle-8c1f-in-the-keyring" not in path.read_bytes(), path
    finally:
        store.delete(43)


# keyring's SecretService backend leaves its D-Bus socket open when it raises KeyringLocked
# (get_preferred_collection opens the bus, then raises before closing it).
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_locked_keyring_is_reported_and_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, own_secret_service: OwnSecretService
) -> None:
    """A locked collection: the status says so without prompting; a call fails fast, typed."""
    import secretstorage
    from keyring.backends.SecretService import Keyring

    # A daemon of its own: once locked it cannot be unlocked without a desktop prompt.
    with own_secret_service(tmp_path / "ss") as own:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", own.address)
        store = CredentialStore(Keyring())
        store.set(44, "before-the-lock")
        bus = secretstorage.dbus_init()
        try:
            secretstorage.get_default_collection(bus).lock()
        finally:
            bus.close()
        status = store.backend_status()
        assert status.state is BackendState.LOCKED
        assert not status.usable
        t0 = time.perf_counter()
        with pytest.raises(KeyringLocked) as err:
            store.get(44)
        assert time.perf_counter() - t0 < 10
        assert "locked" in str(err.value)
        assert "before-the-lock" not in str(err.value)
        del err
        gc.collect()  # that socket is closed here, inside this test, not at the end of the run


# -- a known secret appears nowhere but in the password store --------------------------------

NEEDLE = "cmpl-needle-7Yq3xW9-secret-token"


@pytest.fixture(params=["secret-service", "encrypted-file"])
def needle_store(request: pytest.FixtureRequest, paths: Paths) -> CredentialStore:
    if request.param == "secret-service":
        return CredentialStore(request.getfixturevalue("secret_service_backend"))
    store = CredentialStore()
    # the worst place for it: inside the home folder that is scanned below
    store.use_encrypted_file(paths.home / "credentials.enc", "a passphrase for the test")
    return store


def _forms(text: str) -> list[bytes]:
    return [text.encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be")]


def test_known_secret_is_in_no_database_log_or_export(
    ws: Workspace,
    paths: Paths,
    tmp_path: Path,
    needle_store: CredentialStore,
    request: pytest.FixtureRequest,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from cmplanner.cli import run
    from cmplanner.domain.enums import Network
    from cmplanner.logsetup import setup_logging

    root = logging.getLogger()
    old_level = root.level
    log_file = setup_logging(paths.logs, logging.DEBUG)
    try:
        brand = ws.brands.create("Acme Bakery", "Europe/Madrid")
        account = ws.accounts.add_profile(
            brand.id, Network.MASTODON, "@acme", "Acme", server="https://mastodon.example"
        )
        needle_store.set(account.id, {"access_token": NEEDLE, "refresh_token": NEEDLE[::-1]})
        for day in (1, 2, 3):
            ws.posts.create(
                brand.id,
                f"Fresh bread, day {day}",
                local_at=datetime(2026, 12, day, 9, 0),
                account_ids=[account.id],
            )
        # what the publisher will do: read the secret back, log around it
        assert needle_store.get(account.id) == {
            "access_token": NEEDLE,
            "refresh_token": NEEDLE[::-1],
        }
        logging.getLogger("cmplanner.test").info("store in use: %r", needle_store)
        # every export there is so far: the command line's JSON, saved under the home folder
        exports = paths.home / "exports"
        exports.mkdir()
        for name, argv in {
            "brands.json": ["brands", "list", "--json"],
            "posts.json": ["posts", "list", "--json"],
            "post.json": ["posts", "show", "1", "--json"],
        }.items():
            assert run([*argv, "--home", str(paths.home)]) == 0
            (exports / name).write_text(capsys.readouterr().out, encoding="utf-8")

        db_files = {"cmplanner.db", "cmplanner.db-wal"}
        if ws.engine.dialect.name == "postgresql":  # the shared database: all of it, dumped
            url = ws.engine.url.render_as_string(hide_password=False)
            db_files = {dump_database(url, tmp_path / "database.sql").name}
        scanned = _scan(tmp_path, NEEDLE)
    finally:
        for h in list(root.handlers):
            if getattr(h, "_cmplanner", False):
                root.removeHandler(h)
                h.close()
        root.setLevel(old_level)

    names = {p.name for p in scanned}
    assert {*db_files, "posts.json", log_file.name} <= names, names
    if "encrypted-file" in request.node.name:
        assert "credentials.enc" in names
    assert "account:" in log_file.read_text(encoding="utf-8")  # the log did see the store


def _scan(root: Path, needle: str) -> list[Path]:
    """Every file under root, the SQLite -wal included, searched for the needle's bytes."""
    scanned = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        for form in _forms(needle) + _forms(needle[::-1]):
            assert form not in data, f"the secret is in {path}"
        scanned.append(path)
    return scanned


def test_check_again_finds_a_store_set_up_after_start(
    secret_service: SecretServiceSession, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """ "Check again" in the window: no password store at first, then GNOME Keyring appears."""
    import keyring.core

    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    _forget_viable_backends()
    try:
        store = CredentialStore()
        assert not store.backend_status().usable

        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", secret_service.address)
        status = store.recheck()

        assert status.usable, status.reason
        store.set(43, "fresh-secret")
        assert store.get(43) == {"secret": "fresh-secret"}
        assert store.delete(43)
    finally:
        _forget_viable_backends()
