"""The accounts window: health of each account from what is in the database, and its actions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from cmplanner.domain.enums import Network
from cmplanner.domain.models import Account
from cmplanner.services.notifier import Topic
from cmplanner.services.workspace import Workspace
from cmplanner.storage.tables import AccountRow
from cmplanner.ui.accounts_view import AccountsDialog
from cmplanner.ui.main_window import MainWindow
from tests.conftest import NOW

pytest_plugins = ["tests.ui.accounts_fixtures"]


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "D_settings.ini"), QSettings.Format.IniFormat)


def _set(ws: Workspace, account_id: int, **values: object) -> None:
    """Write account columns as the publisher does (its own transaction), then notify."""
    with ws.sessions.begin() as s:
        s.execute(update(AccountRow).where(AccountRow.id == account_id).values(**values))
    ws.notifier.changed(Topic.ACCOUNTS, (account_id,))


def _naive(delta: timedelta) -> object:
    return (NOW + delta).replace(tzinfo=None)


@pytest.fixture
def accounts(aws: Workspace) -> dict[str, Account]:
    brand = aws.brands.create("Panadería Sol", "Europe/Madrid")
    other = aws.brands.create("Kiwi Code", "Pacific/Auckland")
    made = {
        "ok": aws.accounts.add_profile(brand.id, Network.BLUESKY, "sol.bsky.social", "Sol"),
        "expiring": aws.accounts.add_profile(brand.id, Network.INSTAGRAM, "panaderia.sol"),
        "parked": aws.accounts.add_profile(
            brand.id, Network.MASTODON, "@sol@mastodon.social", server="https://mastodon.social"
        ),
        "limited": aws.accounts.add_profile(other.id, Network.BLUESKY, "kiwi.bsky.social"),
        "planned": aws.accounts.add_profile(other.id, Network.LINKEDIN, "kiwi-code"),
    }
    _set(aws, made["ok"].id, status="connected")
    _set(aws, made["expiring"].id, status="connected", token_expires_utc=_naive(timedelta(days=5)))
    _set(aws, made["parked"].id, status="needs_reconnect")
    _set(
        aws,
        made["limited"].id,
        status="connected",
        rate_limited_until_utc=_naive(timedelta(minutes=35)),
    )
    return {k: aws.accounts.get(a.id) for k, a in made.items()}


@pytest.fixture
def view(
    qtbot: QtBot, aws: Workspace, accounts: dict[str, Account], settings: QSettings
) -> Iterator[AccountsDialog]:
    dialog = AccountsDialog(aws, settings=settings)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    dialog.close()


def test_lists_accounts_per_brand_with_their_health(
    view: AccountsDialog, accounts: dict[str, Account], qtmodeltester: object
) -> None:
    until = (NOW + timedelta(minutes=35)).astimezone().strftime("%H:%M")
    assert view.health_label(accounts["ok"].id) == "Connected"
    assert view.health_label(accounts["expiring"].id) == "Token expires in 5 days"
    assert view.health_label(accounts["parked"].id) == "Needs reconnecting"
    assert view.health_label(accounts["limited"].id) == f"Rate-limited until {until}"
    assert view.health_label(accounts["planned"].id) == "Not connected"
    model = view.model
    assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == [
        "Kiwi Code",
        "Panadería Sol",
    ]
    assert model.rowCount(model.index(1, 0)) == 3
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    view.grab().save("/tmp/D_accounts_view.png")


def test_the_publisher_parking_an_account_shows_at_once(
    qtbot: QtBot, view: AccountsDialog, aws: Workspace, accounts: dict[str, Account]
) -> None:
    account_id = accounts["ok"].id
    view.select_account(account_id)
    assert view.details.reconnect_button.isHidden()
    _set(aws, account_id, status="needs_reconnect")
    qtbot.waitUntil(lambda: view.health_label(account_id) == "Needs reconnecting")
    assert view.selected_account_id() == account_id
    assert view.details.reconnect_button.isVisibleTo(view)


def test_reconnect_opens_the_connect_dialog_filled_in(
    qtbot: QtBot, view: AccountsDialog, accounts: dict[str, Account]
) -> None:
    parked = accounts["parked"]
    view.select_account(parked.id)
    assert "Needs reconnecting" in view.details.health_label.text()
    qtbot.mouseClick(view.details.reconnect_button, Qt.MouseButton.LeftButton)
    dialog = view.connect_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.network() is Network.MASTODON
    assert dialog.brand_id() == parked.brand_id
    assert not dialog.brand_combo.isEnabled() and not dialog.network_combo.isEnabled()
    page = dialog.page()
    assert page.server() == "https://mastodon.social"
    assert dialog.connect_button.text().replace("&", "") == "Reconnect"
    dialog.grab().save("/tmp/D_reconnect_dialog.png")
    dialog.reject()


def test_remove_asks_first_and_then_forgets_the_account(
    qtbot: QtBot, view: AccountsDialog, aws: Workspace, accounts: dict[str, Account]
) -> None:
    planned = accounts["planned"]
    view.select_account(planned.id)
    qtbot.mouseClick(view.details.remove_button, Qt.MouseButton.LeftButton)
    box = view.confirm_box
    assert box is not None and box.isVisible()
    assert "kiwi-code" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert planned.id in {a.id for a in aws.accounts.all()}

    qtbot.mouseClick(view.details.remove_button, Qt.MouseButton.LeftButton)
    box = view.confirm_box
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: not view.model.index_of_account(planned.id).isValid())
    assert planned.id not in {a.id for a in aws.accounts.all()}


def test_test_connection_shows_what_went_wrong(
    qtbot: QtBot, view: AccountsDialog, accounts: dict[str, Account]
) -> None:
    # Connected in the database, but no secret in the keyring: the service says so.
    view.select_account(accounts["ok"].id)
    assert not view.details.test_button.isHidden()
    qtbot.mouseClick(view.details.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "no saved credentials" in view.details.result_label.text())
    assert "Reconnect" in view.details.result_label.text()
    qtbot.waitUntil(lambda: view.health_label(accounts["ok"].id).startswith("Needs reconnecting"))


def test_a_planned_account_cannot_be_tested_but_can_be_connected(
    view: AccountsDialog, accounts: dict[str, Account]
) -> None:
    view.select_account(accounts["planned"].id)
    assert not view.details.test_button.isEnabled()
    assert view.details.reconnect_button.text().replace("&", "") == "Connect…"


def test_media_base_url_only_for_instagram_and_threads_and_https_only(
    qtbot: QtBot, view: AccountsDialog, aws: Workspace, accounts: dict[str, Account]
) -> None:
    view.select_account(accounts["ok"].id)
    assert view.details.media_box.isHidden()
    account_id = accounts["expiring"].id
    view.select_account(account_id)
    assert view.details.media_box.isVisibleTo(view)
    assert "public web address" in view.details.media_note.text()
    view.details.media_edit.setText("http://media.example.com/sol/")
    qtbot.mouseClick(view.details.media_save, Qt.MouseButton.LeftButton)
    assert "https://" in view.details.result_label.text()
    assert aws.accounts.get(account_id).media_base_url == ""
    view.details.media_edit.setText("https://media.example.com/sol/")
    qtbot.mouseClick(view.details.media_save, Qt.MouseButton.LeftButton)
    assert aws.accounts.get(account_id).media_base_url.startswith("https://media.example.com/sol")
    assert view.details.result_label.text() == "Media base URL saved."


def test_file_menu_opens_the_accounts_window(qtbot: QtBot, window: MainWindow) -> None:
    window.accounts_action.trigger()
    dialog = window.findChild(AccountsDialog)
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    dialog.close()
