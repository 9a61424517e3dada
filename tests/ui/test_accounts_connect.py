"""Connecting a Bluesky account from the window: the real AT Protocol server on loopback and
the real Secret Service (gnome-keyring on a private D-Bus bus)."""

from __future__ import annotations

pytest_plugins = ["tests.support.atproto", "tests.support.secret_service"]

from collections.abc import Callable, Iterator  # noqa: E402
from contextlib import AbstractContextManager  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QSettings, Qt  # noqa: E402
from pytestqt.qtbot import QtBot  # noqa: E402

from cmplanner.domain.clock import FixedClock  # noqa: E402
from cmplanner.domain.enums import Network  # noqa: E402
from cmplanner.paths import Paths  # noqa: E402
from cmplanner.services.credentials import CredentialStore  # noqa: E402
from cmplanner.services.workspace import Workspace, open_workspace  # noqa: E402
from cmplanner.ui.account_pages import BlueskyPage  # noqa: E402
from cmplanner.ui.accounts_view import AccountsDialog  # noqa: E402

if TYPE_CHECKING:
    from tests.support.atproto import AtprotoServer
    from tests.support.secret_service import SecretServiceSession

pytestmark = pytest.mark.slow


@pytest.fixture
def keyring_ws(
    paths: Paths, clock: FixedClock, db_url: str, secret_service_backend: object
) -> Iterator[Workspace]:
    store = CredentialStore(backend=secret_service_backend)  # type: ignore[arg-type]
    workspace = open_workspace(paths, db_url=db_url, clock=clock, credentials=store)
    yield workspace
    workspace.close()


@pytest.fixture
def view(qtbot: QtBot, keyring_ws: Workspace, tmp_path: Path) -> Iterator[AccountsDialog]:
    keyring_ws.brands.create("Panadería Sol", "Europe/Madrid")
    settings = QSettings(str(tmp_path / "D_settings.ini"), QSettings.Format.IniFormat)
    dialog = AccountsDialog(keyring_ws, settings=settings)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    dialog.close()


def _fill(page: BlueskyPage, handle: str, server: str, password: str) -> None:
    page.handle_edit.setText(handle)
    page.server_edit.setText(server)
    page.password_edit.setText(password)


def test_connect_a_bluesky_account_and_see_it_in_the_view(
    qtbot: QtBot, view: AccountsDialog, keyring_ws: Workspace, atproto_server: AtprotoServer
) -> None:
    assert view.banner.isHidden()  # the Secret Service is usable: no banner
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    dialog = view.connect_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.set_network(Network.BLUESKY)
    page = dialog.page()
    assert isinstance(page, BlueskyPage)
    alice = atproto_server.alice
    _fill(page, alice.handle, atproto_server.pds_url, alice.app_password)
    dialog.grab().save("/tmp/D_connect_bluesky.png")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert dialog.is_busy() and not dialog.connect_button.isEnabled()

    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30_000)
    (account,) = keyring_ws.accounts.all()
    assert account.handle == alice.handle and account.remote_id == alice.did
    assert view.selected_account_id() == account.id
    assert view.health_label(account.id) == "Connected"
    assert "Connected as" in view.details.result_label.text()
    # The secret went to the Secret Service, and only there.
    saved = keyring_ws.credentials.get(account.id)
    assert saved is not None and saved["app_password"] == alice.app_password
    view.grab().save("/tmp/D_connected.png")

    # Test connection asks the server again and says who it is.
    qtbot.mouseClick(view.details.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: "The connection works" in view.details.result_label.text(), timeout=30_000
    )
    assert alice.handle in view.details.result_label.text()


def test_a_wrong_password_is_said_in_the_dialog_and_nothing_is_retyped(
    qtbot: QtBot, view: AccountsDialog, keyring_ws: Workspace, atproto_server: AtprotoServer
) -> None:
    dialog = view.connect_account()
    dialog.set_network(Network.BLUESKY)
    page = dialog.page()
    assert isinstance(page, BlueskyPage)
    alice = atproto_server.alice
    _fill(page, alice.handle, atproto_server.pds_url, "wrong-wrong-wrong-wrong")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.message()), timeout=30_000)

    assert "refused the login" in dialog.message()
    assert "app password" in dialog.message()  # the hint: what to do
    assert dialog.isVisible() and not dialog.is_busy() and dialog.connect_button.isEnabled()
    assert page.handle_edit.text() == alice.handle
    assert page.server_edit.text() == atproto_server.pds_url
    assert page.password_edit.text() == "wrong-wrong-wrong-wrong"
    assert keyring_ws.accounts.all() == []
    dialog.grab().save("/tmp/D_connect_wrong_password.png")

    # Corrected in place, it connects.
    page.password_edit.setText(alice.app_password)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30_000)
    assert [a.handle for a in keyring_ws.accounts.all()] == [alice.handle]


def test_plain_http_to_another_host_is_refused_with_the_services_words(
    qtbot: QtBot, view: AccountsDialog, keyring_ws: Workspace
) -> None:
    dialog = view.connect_account()
    page = dialog.page(Network.BLUESKY)
    assert isinstance(page, BlueskyPage)
    _fill(page, "alice.example.com", "http://pds.example.com", "abcd-efgh-ijkl-mnop")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.message()), timeout=10_000)
    assert "https://" in dialog.message()
    assert page.server_edit.text() == "http://pds.example.com"
    assert keyring_ws.accounts.all() == []


# keyring's SecretService backend may leave a D-Bus socket open around a locked collection.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_locked_password_store_is_said_in_the_window(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    own_secret_service: Callable[[Path], AbstractContextManager[SecretServiceSession]],
    paths: Paths,
    clock: FixedClock,
    db_url: str,
) -> None:
    import secretstorage
    from keyring.backends.SecretService import Keyring

    with own_secret_service(tmp_path / "ss") as own:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", own.address)
        store = CredentialStore(backend=Keyring())
        store.set(44, "before-the-lock")  # the login collection exists, then is locked
        bus = secretstorage.dbus_init()
        try:
            secretstorage.get_default_collection(bus).lock()
        finally:
            bus.close()
        ws = open_workspace(paths, db_url=db_url, clock=clock, credentials=store)
        try:
            settings = QSettings(str(tmp_path / "D_settings.ini"), QSettings.Format.IniFormat)
            view = AccountsDialog(ws, settings=settings)
            qtbot.addWidget(view)
            view.show()
            banner = view.banner
            assert banner.isVisible()
            assert "password store is locked" in banner.text_label.text()
            assert banner.file_button.isHidden()  # a real store: no other choice offered
            view.grab().save("/tmp/D_keyring_locked.png")
            view.close()
        finally:
            ws.close()
