"""The selected account in the accounts window: picture, names, health in words, actions."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cmplanner.domain.accounts import AccountHealth, HealthState, clock_time
from cmplanner.domain.enums import Network
from cmplanner.ui.account_pages import media_url_explanation
from cmplanner.ui.accounts_model import LEVEL_COLORS, AccountItem, AvatarCache, placeholder_pixmap

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


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
