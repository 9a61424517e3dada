"""No usable password store: the accounts window says so and offers the encrypted file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backends import fail
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from cmplanner.domain.clock import FixedClock
from cmplanner.paths import Paths
from cmplanner.services.credentials import CredentialStore
from cmplanner.services.workspace import Workspace, open_workspace
from cmplanner.ui.accounts_view import AccountsDialog
from cmplanner.ui.keyring_choice import (
    CHOICE_KEY,
    PATH_KEY,
    KeyringBanner,
    KeyringChoice,
    PassphraseDialog,
    ask_passphrase_at_start,
)

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def failing_ws(paths: Paths, clock: FixedClock, db_url: str) -> Iterator[Workspace]:
    """A workspace whose keyring is keyring's own "no backend" (a headless box)."""
    store = CredentialStore(backend=fail.Keyring())
    workspace = open_workspace(paths, db_url=db_url, clock=clock, credentials=store)
    yield workspace
    workspace.close()


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "D_keyring_settings.ini"


def _settings(path: Path) -> QSettings:
    return QSettings(str(path), QSettings.Format.IniFormat)


def _open_view(qtbot: QtBot, ws: Workspace, settings: QSettings, file: Path) -> AccountsDialog:
    view = AccountsDialog(ws, settings=settings, encrypted_file=file)
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    qtbot.waitExposed(view)
    return view


def _choose_file(qtbot: QtBot, banner: KeyringBanner) -> PassphraseDialog:
    qtbot.mouseClick(banner.file_button, Qt.MouseButton.LeftButton)
    dialog = banner.passphrase_dialog()
    assert dialog is not None and dialog.isVisible()
    return dialog


def _ok(dialog: PassphraseDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_no_password_store_is_said_and_an_encrypted_file_makes_it_usable(
    qtbot: QtBot, failing_ws: Workspace, settings_path: Path, tmp_path: Path
) -> None:
    file = tmp_path / "D_secrets.keys"
    view = _open_view(qtbot, failing_ws, _settings(settings_path), file)
    banner = view.banner
    assert banner.isVisible()
    assert "cannot save passwords or tokens" in banner.text_label.text()
    assert banner.check_button.isVisible()
    view.grab().save("/tmp/D_keyring_banner.png")

    # "Check again" looks again; with no store still none, the banner stays.
    qtbot.mouseClick(banner.check_button, Qt.MouseButton.LeftButton)
    assert banner.isVisible()

    dialog = _choose_file(qtbot, banner)
    assert dialog.is_new_file() and dialog.confirm_edit.isVisibleTo(dialog)
    dialog.grab().save("/tmp/D_passphrase_new.png")
    dialog.passphrase_edit.setText(PASSPHRASE)
    dialog.confirm_edit.setText(PASSPHRASE + "!")
    _ok(dialog)
    assert "differ" in dialog.message()
    assert not failing_ws.credentials.backend_status().usable

    dialog.confirm_edit.setText(PASSPHRASE)
    with qtbot.waitSignal(banner.status_changed, timeout=30_000):
        _ok(dialog)
    qtbot.waitUntil(lambda: not banner.isVisible())
    assert failing_ws.credentials.backend_status().usable
    assert file.exists()
    failing_ws.credentials.set(7, {"access_token": "D-secret-token"})
    assert failing_ws.credentials.get(7) == {"access_token": "D-secret-token"}

    # The choice and the path are remembered; the passphrase is not.
    saved = _settings(settings_path)
    assert saved.value(CHOICE_KEY) == "encrypted_file"
    assert saved.value(PATH_KEY) == str(file)
    assert PASSPHRASE not in settings_path.read_text()
    assert b"D-secret-token" not in file.read_bytes()


def test_next_start_asks_the_passphrase_again_and_says_when_it_is_wrong(
    qtbot: QtBot, failing_ws: Workspace, settings_path: Path, tmp_path: Path
) -> None:
    file = tmp_path / "D_secrets.keys"
    CredentialStore(backend=fail.Keyring()).use_encrypted_file(file, PASSPHRASE)
    settings = _settings(settings_path)
    settings.setValue(CHOICE_KEY, "encrypted_file")
    settings.setValue(PATH_KEY, str(file))
    settings.sync()

    view = _open_view(qtbot, failing_ws, _settings(settings_path), tmp_path / "unused.keys")
    banner = view.banner
    assert banner.isVisible()
    assert str(file) in banner.text_label.text()
    assert "Unlock" in banner.file_button.text()
    dialog = _choose_file(qtbot, banner)
    assert dialog.path_edit.text() == str(file)
    assert not dialog.is_new_file() and not dialog.confirm_edit.isVisibleTo(dialog)

    dialog.passphrase_edit.setText("not the passphrase")
    _ok(dialog)
    qtbot.waitUntil(lambda: "does not open" in dialog.message(), timeout=30_000)
    assert dialog.isVisible() and dialog.path_edit.text() == str(file)
    assert not failing_ws.credentials.backend_status().usable

    dialog.passphrase_edit.setText(PASSPHRASE)
    _ok(dialog)
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=30_000)
    assert failing_ws.credentials.backend_status().usable


def test_at_start_the_passphrase_is_asked_only_when_a_file_was_chosen(
    qtbot: QtBot, failing_ws: Workspace, settings_path: Path, tmp_path: Path
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    settings = _settings(settings_path)
    assert ask_passphrase_at_start(failing_ws.credentials, parent, settings) is None

    file = tmp_path / "D_secrets.keys"
    CredentialStore(backend=fail.Keyring()).use_encrypted_file(file, PASSPHRASE)
    KeyringChoice(settings).remember_encrypted_file(file)
    dialog = ask_passphrase_at_start(failing_ws.credentials, parent, settings)
    assert dialog is not None and dialog.isVisible()
    assert dialog.path_edit.text() == str(file) and not dialog.is_new_file()
    dialog.passphrase_edit.setText(PASSPHRASE)
    _ok(dialog)
    qtbot.waitUntil(lambda: failing_ws.credentials.backend_status().usable, timeout=30_000)
