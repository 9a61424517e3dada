"""The accounts window: every brand's accounts, their health, and what to do about it.

Left, the accounts grouped per brand (avatar with network badge, name and handle, health);
right, the selected account: its health in words with **Reconnect** when it needs it,
**Test connection** (shows the name and avatar the network gave, or its error), the media
base URL for Instagram and Threads, and **Remove**. A band on top says so when secrets cannot
be saved (``KeyringBanner``). The list follows the notifier's ACCOUNTS topic, so what the
publisher writes (needs reconnecting, rate limits) shows up at once.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSettings, QSize, Qt, Signal, Slot
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from cmplanner.domain.accounts import AccountHealth, HealthState, clock_time
from cmplanner.domain.enums import Network
from cmplanner.domain.errors import KnownError
from cmplanner.domain.models import Account
from cmplanner.services.workspace import Workspace
from cmplanner.ui.account_connect import ConnectDialog
from cmplanner.ui.account_pages import media_url_explanation
from cmplanner.ui.accounts_model import (
    LEVEL_COLORS,
    AccountItem,
    AccountTreeModel,
    AvatarCache,
    placeholder_pixmap,
)
from cmplanner.ui.change_relay import ChangeRelay
from cmplanner.ui.keyring_choice import KeyringBanner
from cmplanner.ui.task_runner import TaskRunner

if TYPE_CHECKING:
    from cmplanner.networks.publishing import Profile

log = logging.getLogger(__name__)

AVATAR_SIZE = 64
_MEDIA_NETWORKS = (Network.INSTAGRAM, Network.THREADS)


def health_text(health: AccountHealth, now: datetime) -> str:
    """The health line in the user's language (the service's ``label`` is English)."""
    from PySide6.QtCore import QCoreApplication

    def tr(text: str, n: int = -1) -> str:
        return QCoreApplication.translate("accounts_view", text, None, n)

    state = health.state
    if state is HealthState.CONNECTED:
        return tr("Connected")
    if state is HealthState.EXPIRING:
        days = health.expires_in_days or 0
        if days <= 0:
            return tr("Token expires in less than a day")
        if days == 1:
            return tr("Token expires in 1 day")
        return tr("Token expires in {n} days").format(n=days)
    if state is HealthState.EXPIRED:
        return tr("Token expired — reconnect")
    if state is HealthState.NEEDS_RECONNECT:
        if health.reason:
            return tr("Needs reconnecting: {reason}").format(reason=health.reason)
        return tr("Needs reconnecting")
    if state is HealthState.RATE_LIMITED and health.rate_limited_until_utc is not None:
        until = clock_time(health.rate_limited_until_utc, now)  # the computer's zone
        return tr("Rate-limited until {time}").format(time=until)
    if state is HealthState.NOT_CONNECTED:
        return tr("Not connected")
    if state is HealthState.DISABLED:
        return tr("Removed")
    return health.label


class AccountDetails(QFrame):
    """The selected account: picture, names, health, and its actions.

    Signals:
        reconnect_requested(int), test_requested(int), remove_requested(int): an action on
            the account with this id.
        media_url_requested(int, str): save this media base URL for the account.
    """

    reconnect_requested = Signal(int)
    test_requested = Signal(int)
    remove_requested = Signal(int)
    media_url_requested = Signal(int, str)

    def __init__(self, avatars: AvatarCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("account_details")
        self.avatars = avatars
        self._item: AccountItem | None = None

        self.avatar_label = QLabel(self)
        self.avatar_label.setFixedSize(AVATAR_SIZE, AVATAR_SIZE)
        self.name_label = QLabel(self)
        self.name_label.setObjectName("account_name")
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.name_label.setFont(font)
        self.handle_label = QLabel(self)
        self.handle_label.setObjectName("account_handle")
        self.handle_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.handle_label.setWordWrap(True)
        names = QVBoxLayout()
        names.setSpacing(2)
        names.addWidget(self.name_label)
        names.addWidget(self.handle_label)
        names.addStretch(1)
        head = QHBoxLayout()
        head.setSpacing(12)
        head.addWidget(self.avatar_label, 0, Qt.AlignmentFlag.AlignTop)
        head.addLayout(names, 1)

        self.health_label = QLabel(self)
        self.health_label.setObjectName("account_health")
        self.health_label.setWordWrap(True)
        self.reconnect_button = QPushButton(self.tr("&Reconnect…"), self)
        self.reconnect_button.setObjectName("reconnect_account")
        health_row = QHBoxLayout()
        health_row.addWidget(self.health_label, 1)
        health_row.addWidget(self.reconnect_button, 0, Qt.AlignmentFlag.AlignTop)

        self.test_button = QPushButton(self.tr("&Test connection"), self)
        self.test_button.setObjectName("test_account")
        self.remove_button = QPushButton(self.tr("Re&move…"), self)
        self.remove_button.setObjectName("remove_account")
        actions = QHBoxLayout()
        actions.addWidget(self.test_button)
        actions.addStretch(1)
        actions.addWidget(self.remove_button)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("test_result")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.media_box = QFrame(self)
        self.media_edit = QLineEdit(self.media_box)
        self.media_edit.setObjectName("media_base_url")
        self.media_edit.setPlaceholderText(self.tr("https://media.example.com/cmplanner/"))
        self.media_save = QPushButton(self.tr("&Save address"), self.media_box)
        self.media_save.setObjectName("save_media_base_url")
        self.media_note = QLabel(self.media_box)
        self.media_note.setWordWrap(True)
        media_title = QLabel(self.tr("<b>Media base URL</b>"), self.media_box)
        media_row = QHBoxLayout()
        media_row.addWidget(self.media_edit, 1)
        media_row.addWidget(self.media_save)
        media_col = QVBoxLayout(self.media_box)
        media_col.setContentsMargins(0, 8, 0, 0)
        media_col.addWidget(media_title)
        media_col.addLayout(media_row)
        media_col.addWidget(self.media_note)

        self.empty_label = QLabel(
            self.tr("Select an account to see its health, test it or remove it."), self
        )
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self._body = QWidget(self)
        body = QVBoxLayout(self._body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(10)
        body.addLayout(head)
        body.addLayout(health_row)
        body.addLayout(actions)
        body.addWidget(self.result_label)
        body.addWidget(self.media_box)
        body.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 4, 8)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(self._body, 1)

        for button in (self.reconnect_button, self.test_button, self.remove_button):
            button.setAutoDefault(False)
        self.media_save.setAutoDefault(False)
        self.reconnect_button.clicked.connect(self._on_reconnect_clicked)
        self.test_button.clicked.connect(self._on_test_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.media_save.clicked.connect(self._on_media_save_clicked)
        avatars.avatar_ready.connect(self._on_avatars_avatar_ready)
        self.show_item(None)

    def item(self) -> AccountItem | None:
        return self._item

    def show_item(self, item: AccountItem | None, health: AccountHealth | None = None) -> None:
        same = (
            item is not None and self._item is not None and item.account.id == self._item.account.id
        )
        self._item = item
        self.empty_label.setVisible(item is None)
        self._body.setVisible(item is not None)
        if item is None:
            return
        account = item.account
        self.name_label.setText(account.display_name or account.handle)
        handle = account.handle if account.handle.startswith("@") else "@" + account.handle
        where = f" · {account.server}" if account.server else ""
        self.handle_label.setText(f"{handle} · {account.network.label}{where}")
        self._show_avatar()
        color = LEVEL_COLORS.get(item.level, LEVEL_COLORS["off"])
        self.health_label.setText(f"<span style='color:{color}'>●</span> {_escape(item.label)}")
        self.reconnect_button.setVisible(item.can_reconnect)
        connected_once = health is None or health.state is not HealthState.NOT_CONNECTED
        self.reconnect_button.setText(
            self.tr("&Reconnect…") if connected_once else self.tr("&Connect…")
        )
        self.test_button.setEnabled(connected_once)
        is_media = account.network in _MEDIA_NETWORKS
        self.media_box.setVisible(is_media)
        if is_media:
            if not same or not self.media_edit.hasFocus():
                self.media_edit.setText(account.media_base_url)
            self.media_note.setText(media_url_explanation(account.network))
        if not same:
            self.result_label.clear()

    def set_test_busy(self, busy: bool) -> None:
        self.test_button.setEnabled(not busy)
        if busy:
            self.show_result(self.tr("Testing the connection…"))

    def show_result(self, text: str, *, error: bool = False) -> None:
        color = LEVEL_COLORS["error"] if error else LEVEL_COLORS["ok"]
        self.result_label.setStyleSheet(f"color: {color};")
        self.result_label.setText(text)

    def _show_avatar(self) -> None:
        if self._item is None:
            return
        account = self._item.account
        picture = self.avatars.round_pixmap(account.avatar_url, AVATAR_SIZE)
        self.avatar_label.setPixmap(
            picture if picture is not None else placeholder_pixmap(account, AVATAR_SIZE)
        )

    def avatar(self) -> QPixmap:
        return self.avatar_label.pixmap()

    @Slot(str)
    def _on_avatars_avatar_ready(self, url: str) -> None:
        if self._item is not None and self._item.account.avatar_url == url:
            self._show_avatar()

    @Slot()
    def _on_reconnect_clicked(self) -> None:
        if self._item is not None:
            self.reconnect_requested.emit(self._item.account.id)

    @Slot()
    def _on_test_clicked(self) -> None:
        if self._item is not None:
            self.test_requested.emit(self._item.account.id)

    @Slot()
    def _on_remove_clicked(self) -> None:
        if self._item is not None:
            self.remove_requested.emit(self._item.account.id)

    @Slot()
    def _on_media_save_clicked(self) -> None:
        if self._item is not None:
            self.media_url_requested.emit(self._item.account.id, self.media_edit.text())


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


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
