"""The accounts window: every brand's accounts, their health, and what to do about it.

Left, the accounts grouped per brand (avatar with network badge, name and handle, health);
right, the selected account: its health in words with **Reconnect** when it needs it,
**Test connection** (shows the name and avatar the network gave, or its error), the media
base URL for Instagram and Threads, and **Remove**. A band on top says so when secrets cannot
be saved (``KeyringBanner``). The list follows the notifier's ACCOUNTS topic, so what the
publisher writes (needs reconnecting, rate limits) shows up at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSettings, QSize, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from cmplanner.domain.accounts import AccountHealth
from cmplanner.domain.errors import KnownError
from cmplanner.domain.models import Account
from cmplanner.services.workspace import Workspace
from cmplanner.ui.account_connect import ConnectDialog
from cmplanner.ui.account_details import AccountDetails, health_text
from cmplanner.ui.accounts_model import (
    AccountItem,
    AccountTreeModel,
    AvatarCache,
)
from cmplanner.ui.change_relay import ChangeRelay
from cmplanner.ui.keyring_choice import KeyringBanner
from cmplanner.ui.task_runner import TaskRunner

if TYPE_CHECKING:
    from cmplanner.networks.publishing import Profile


class AccountsDialog(QDialog):
    """Accounts of every brand, their health, connecting and reconnecting.

    Open it with ``show()``: it is not modal, and it follows changes made elsewhere.
    """

    def __init__(
        self,
        ws: Workspace,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
        encrypted_file: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self._ws = ws
        self.setWindowTitle(self.tr("Accounts"))
        self.setMinimumSize(860, 520)
        self._runner = TaskRunner(self)
        self.avatars = AvatarCache(self._runner, self)
        self._health: dict[int, AccountHealth] = {}
        self.connect_dialog: ConnectDialog | None = None
        self.confirm_box: QMessageBox | None = None

        self.banner = KeyringBanner(
            ws.credentials,
            settings if settings is not None else QSettings(),
            encrypted_file or ws.paths.home / "credentials.cmplanner-keys",
            self,
        )
        self.model = AccountTreeModel(self.avatars, self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("account_tree")
        self.tree.setModel(self.model)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setIconSize(QSize(self.model.ICON_SIZE, self.model.ICON_SIZE))
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(False)
        self.tree.setAccessibleName(self.tr("Accounts"))
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 330)
        self.details = AccountDetails(self.avatars, self)

        splitter = QSplitter(self)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        self.add_button = QPushButton(self.tr("&Connect an account…"), self)
        self.add_button.setObjectName("connect_account")
        self.add_button.setAutoDefault(False)
        close_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        for button in close_box.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.add_button)
        bottom.addStretch(1)
        bottom.addWidget(close_box)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(12)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self.relay = ChangeRelay(ws.notifier, self)
        self.relay.accounts_changed.connect(self._on_relay_accounts_changed)
        self.relay.brands_changed.connect(self._on_relay_accounts_changed)
        self.tree.selectionModel().currentChanged.connect(self._on_tree_current_changed)
        self.details.reconnect_requested.connect(self.reconnect)
        self.details.test_requested.connect(self.test_connection)
        self.details.remove_requested.connect(self.ask_remove)
        self.details.media_url_requested.connect(self._on_details_media_url_requested)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        close_box.rejected.connect(self.reject)
        self.finished.connect(self._on_finished)

        self.banner.refresh()
        self.reload()
        self.tree.expandAll()

    # -- public ------------------------------------------------------------------------

    def reload(self) -> None:
        """Read brands and accounts again; keep the selection."""
        current = self.selected_account_id()
        brands = self._ws.brands.all()
        healths = self._ws.accounts.health()
        self._health = {h.account.id: h for h in healths}
        now = self._ws.clock.now()
        items = [
            AccountItem(h.account, h.level, health_text(h, now), h.can_reconnect) for h in healths
        ]
        # A brand archived while it still has accounts stays listed, so they can be removed.
        shown = {b.id for b in brands}
        extra = {h.account.brand_id for h in healths} - shown
        if extra:
            brands += [b for b in self._ws.brands.all(include_archived=True) if b.id in extra]
        self.model.set_content(brands, items)
        self.tree.expandAll()
        if not items:
            self.details.empty_label.setText(
                self.tr("No account is connected yet: use “Connect an account…” below.")
                if brands
                else self.tr(
                    "Create a brand first (File ▸ Manage brands), then connect its accounts."
                )
            )
        else:
            self.details.empty_label.setText(
                self.tr("Select an account to see its health, test it or remove it.")
            )
        if current is not None:
            self.select_account(current)
        else:
            self.details.show_item(None)

    def select_account(self, account_id: int) -> bool:
        index = self.model.index_of_account(account_id)
        if not index.isValid():
            self.details.show_item(None)
            return False
        self.tree.setCurrentIndex(index)
        self._show_details(index)
        return True

    def selected_account_id(self) -> int | None:
        item = self.details.item()
        return item.account.id if item is not None else None

    def health_label(self, account_id: int) -> str:
        """The health shown for an account (as in the list)."""
        index = self.model.index_of_account(account_id)
        return str(self.model.data(index.siblingAtColumn(1))) if index.isValid() else ""

    @Slot(int)
    def reconnect(self, account_id: int) -> ConnectDialog:
        """Open the connect dialog for this account, filled in."""
        account = self._ws.accounts.get(account_id)
        return self._open_connect(ConnectDialog(self._ws, account=account, parent=self))

    def connect_account(self, brand_id: int | None = None) -> ConnectDialog:
        return self._open_connect(ConnectDialog(self._ws, brand_id=brand_id, parent=self))

    @Slot(int)
    def test_connection(self, account_id: int) -> None:
        accounts = self._ws.accounts
        self.details.set_test_busy(True)
        self._runner.run(
            lambda: accounts.test(account_id), self._on_test_succeeded, self._on_test_failed
        )

    @Slot(int)
    def ask_remove(self, account_id: int) -> QMessageBox:
        account = self._ws.accounts.get(account_id)
        box = QMessageBox(self)
        box.setObjectName("confirm_remove")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Remove account"))
        box.setText(
            self.tr("Remove {name} ({network}) from cmplanner?").format(
                name=account.display_name or account.handle, network=account.network.label
            )
        )
        box.setInformativeText(
            self.tr(
                "Its password or token is deleted from the password store. Posts already "
                "published keep their history; scheduled posts to it will not go out."
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Remove"))
        box.setProperty("account_id", account_id)
        box.finished.connect(self._on_confirm_box_finished)
        self.confirm_box = box
        box.open()
        return box

    # -- internals ---------------------------------------------------------------------

    def _open_connect(self, dialog: ConnectDialog) -> ConnectDialog:
        if self.connect_dialog is not None:
            self.connect_dialog.close()
        dialog.account_connected.connect(self._on_connect_dialog_account_connected)
        self.connect_dialog = dialog
        dialog.open()
        return dialog

    def _show_details(self, index: QModelIndex) -> None:
        item = self.model.item(index)
        health = self._health.get(item.account.id) if item is not None else None
        self.details.show_item(item, health)

    @Slot(QModelIndex, QModelIndex)
    def _on_tree_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_details(current)

    @Slot()
    def _on_relay_accounts_changed(self) -> None:
        self.reload()

    @Slot()
    def _on_add_button_clicked(self) -> None:
        brand = self.model.brand(self.tree.currentIndex())
        self.connect_account(brand.id if brand is not None else None)

    @Slot(object)
    def _on_connect_dialog_account_connected(self, account: Account) -> None:
        self.reload()
        self.select_account(account.id)
        self.details.show_result(
            self.tr("Connected as {name}.").format(name=account.display_name or account.handle)
        )

    @Slot(object)
    def _on_test_succeeded(self, profile: Profile) -> None:
        self.details.set_test_busy(False)
        self.details.show_result(
            self.tr("The connection works: signed in as {name} (@{handle}).").format(
                name=profile.display_name or profile.handle, handle=profile.handle.lstrip("@")
            )
        )

    @Slot(object)
    def _on_test_failed(self, exc: BaseException) -> None:
        self.details.set_test_busy(False)
        if not isinstance(exc, KnownError):
            self._runner.report(exc)
            return
        self.details.show_result(f"{exc.message} {exc.hint}".strip(), error=True)

    @Slot(int)
    def _on_confirm_box_finished(self, result: int) -> None:
        box, self.confirm_box = self.confirm_box, None
        if box is None or result != QMessageBox.StandardButton.Yes:
            return
        account_id = int(box.property("account_id"))
        accounts = self._ws.accounts
        self._runner.run(
            lambda: accounts.remove(account_id), self._on_remove_succeeded, self._on_remove_failed
        )

    @Slot(object)
    def _on_remove_succeeded(self, _deleted: object) -> None:
        self.reload()

    @Slot(object)
    def _on_remove_failed(self, exc: BaseException) -> None:
        if isinstance(exc, KnownError):
            self.details.show_result(f"{exc.message} {exc.hint}".strip(), error=True)
        else:
            self._runner.report(exc)

    @Slot(int, str)
    def _on_details_media_url_requested(self, account_id: int, url: str) -> None:
        try:
            self._ws.accounts.set_media_base_url(account_id, url)
        except KnownError as exc:
            self.details.show_result(f"{exc.message} {exc.hint}".strip(), error=True)
            return
        self.details.show_result(self.tr("Media base URL saved."))

    @Slot(int)
    def _on_finished(self, _result: int) -> None:
        self.relay.detach()
