"""The connect dialog: pick a brand and a network, give the credentials, check them, save.

Every network call runs off the GUI thread (``TaskRunner``) behind a busy bar; what the
service says on failure (its ``KnownError`` message and hint) is shown in the dialog, and
every field keeps what was typed. Mastodon and X can sign in through the browser: an OAuth
authorization-code flow with PKCE whose redirect comes back to a one-shot server on
127.0.0.1; the user can cancel it while it waits.

Reconnecting (an account whose token expired, or a planned account never connected) opens
the same dialog with the account's brand, network and identity filled in and locked.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cmplanner.domain.enums import Network
from cmplanner.domain.errors import KnownError
from cmplanner.domain.models import Account
from cmplanner.networks.oauth import X_LOOPBACK_PORT
from cmplanner.services.workspace import Workspace
from cmplanner.ui.account_pages import (
    MastodonPage,
    NetworkPage,
    XPage,
    make_page,
)
from cmplanner.ui.task_runner import TaskRunner

log = logging.getLogger(__name__)

#: How long the browser sign-in waits for the user before giving up.
SIGNIN_TIMEOUT_S = 600.0
_Save = Callable[[Mapping[str, str] | str], Account]


@dataclass(frozen=True)
class _Authorize:
    """What the first half of a browser sign-in hands back to the GUI thread."""

    url: str
    finish: Callable[[], Account]
    redirect: Any


class ConnectDialog(QDialog):
    """Connect an account of a brand (or reconnect one).

    Signals:
        account_connected(object): the ``Account`` as saved.
    """

    account_connected = Signal(object)

    def __init__(
        self,
        ws: Workspace,
        *,
        brand_id: int | None = None,
        network: Network | None = None,
        account: Account | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ws = ws
        self._account = account
        self._runner = TaskRunner(self)
        self._redirect: Any = None  # the LoopbackRedirect of a running browser sign-in
        self._busy = False
        #: Where X's sign-in pages are (tests point them at a local server).
        self.x_authorize_url = ""
        self.x_token_url = ""
        #: X's API (``""``: api.x.com) and the loopback port its app has as callback.
        self.x_api_url = ""
        self.x_loopback_port = X_LOOPBACK_PORT

        if account is not None:
            self.setWindowTitle(
                self.tr("Reconnect {name}").format(name=account.display_name or account.handle)
            )
        else:
            self.setWindowTitle(self.tr("Connect an account"))
        self.setMinimumWidth(560)

        self.brand_combo = QComboBox(self)
        self.brand_combo.setObjectName("connect_brand")
        for brand in ws.brands.all():
            self.brand_combo.addItem(brand.name, brand.id)
        self.network_combo = QComboBox(self)
        self.network_combo.setObjectName("connect_network")
        self.pages = QStackedWidget(self)
        self._pages: dict[Network, NetworkPage] = {}
        for net in Network:
            self.network_combo.addItem(net.label, net.value)
            page = make_page(net, self.pages)
            page.signin_requested.connect(self._on_page_signin_requested)
            page.layout_.addStretch(1)
            self.pages.addWidget(page)
            self._pages[net] = page
        top = QFormLayout()
        top.addRow(self.tr("&Brand:"), self.brand_combo)
        top.addRow(self.tr("&Network:"), self.network_combo)

        self.message_label = QLabel(self)
        self.message_label.setObjectName("connect_message")
        self.message_label.setWordWrap(True)
        self.message_label.setOpenExternalLinks(True)
        self.message_label.hide()
        self.progress = QProgressBar(self)
        self.progress.setObjectName("connect_busy")
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("connect_status")
        self.status_label.setWordWrap(True)
        self.status_label.setOpenExternalLinks(True)
        # Room for two lines from the start: a label growing inside a shown dialog is cut.
        self.status_label.setMinimumHeight(self.status_label.fontMetrics().lineSpacing() * 2 + 4)
        self.cancel_signin_button = QPushButton(self.tr("Cancel sign-in"), self)
        self.cancel_signin_button.setObjectName("cancel_signin")
        self.cancel_signin_button.setAutoDefault(False)
        busy_row = QHBoxLayout()
        busy_row.addWidget(self.progress, 1)
        busy_row.addWidget(self.cancel_signin_button)
        self._busy_box = QWidget(self)
        busy_col = QVBoxLayout(self._busy_box)
        busy_col.setContentsMargins(0, 0, 0, 0)
        busy_col.addLayout(busy_row)
        busy_col.addWidget(self.status_label)
        self._busy_box.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.connect_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.connect_button.setObjectName("connect_button")
        self.connect_button.setText(
            self.tr("&Reconnect") if account is not None else self.tr("&Connect")
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(self.pages)
        layout.addWidget(self.message_label)
        layout.addWidget(self._busy_box)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.network_combo.currentIndexChanged.connect(self._on_network_combo_index_changed)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.cancel_signin_button.clicked.connect(self._on_cancel_signin_clicked)

        if account is not None:
            brand_id, network = account.brand_id, account.network
        if brand_id is not None:
            self.brand_combo.setCurrentIndex(max(0, self.brand_combo.findData(brand_id)))
        self.set_network(network or Network.BLUESKY)
        if account is not None:
            self.brand_combo.setEnabled(False)
            self.network_combo.setEnabled(False)
            page = self.page()
            page.prefill(account)
            page.set_fixed(True)

    # -- public ------------------------------------------------------------------------

    def set_network(self, network: Network) -> None:
        self.network_combo.setCurrentIndex(self.network_combo.findData(network.value))

    def network(self) -> Network:
        return Network(self.network_combo.currentData())

    def page(self, network: Network | None = None) -> NetworkPage:
        return self._pages[network or self.network()]

    def brand_id(self) -> int | None:
        data = self.brand_combo.currentData()
        return int(data) if data is not None else None

    def message(self) -> str:
        """The error (or cancellation) shown in the dialog, or ""."""
        return self.message_label.text() if self.message_label.isVisibleTo(self) else ""

    def is_busy(self) -> bool:
        return self._busy

    def signin_running(self) -> bool:
        return self._redirect is not None

    def redirect_uri(self) -> str:
        """The loopback address the running browser sign-in waits on (for tests)."""
        return str(self._redirect.redirect_uri) if self._redirect is not None else ""

    def redirect_state(self) -> str:
        return str(self._redirect.state) if self._redirect is not None else ""

    # -- connecting with typed credentials ---------------------------------------------

    @Slot()
    def _on_buttons_accepted(self) -> None:
        if self._busy:
            return
        page = self.page()
        if page.uses_browser():
            self._start_signin()
            return
        self._run_save(page.secret(), self.tr("Checking with {network}…"))

    def _run_save(self, secret: Mapping[str, str] | str, status: str) -> None:
        save = self._saver()
        if save is None:
            return
        self._set_busy(True, status.format(network=self.network().label), cancellable=False)
        self._runner.run(lambda: save(secret), self._on_save_succeeded, self._on_task_failed)

    def _saver(self) -> _Save | None:
        """The blocking call that checks a secret and saves (run on a pool thread): what it
        needs of the form is read now, on the GUI thread."""
        accounts = self._ws.accounts
        page = self.page()
        network = page.network
        media = page.media_base_url()
        if self._account is not None:
            account_id = self._account.id
            old_media = self._account.media_base_url

            def reconnect(secret: Mapping[str, str] | str) -> Account:
                account = accounts.reconnect(account_id, secret)
                if media.strip() != old_media and network in (Network.INSTAGRAM, Network.THREADS):
                    account = accounts.set_media_base_url(account_id, media)
                return account

            return reconnect
        brand_id = self.brand_id()
        if not self._has_brand() or brand_id is None:
            return None
        handle, server = page.handle(), page.server()
        if network is Network.X:
            server = self.x_api_url

        def connect(secret: Mapping[str, str] | str) -> Account:
            return accounts.connect(
                brand_id,
                network,
                handle=handle,
                server=server,
                secret=secret,
                media_base_url=media,
            )

        return connect

    def _has_brand(self) -> bool:
        if self._account is not None or self.brand_id() is not None:
            return True
        self._show_message(
            self.tr("There is no brand to connect an account to."),
            self.tr("Create a brand first (File ▸ Manage brands)."),
        )
        return False

    @Slot(object)
    def _on_save_succeeded(self, account: Account) -> None:
        self._redirect = None  # closed by the sign-in's last step
        self._set_busy(False)
        self.account_connected.emit(account)
        self.accept()

    @Slot(object)
    def _on_task_failed(self, exc: BaseException) -> None:
        self._close_redirect()
        self._set_busy(False)
        if isinstance(exc, KnownError):
            self._show_message(exc.message, exc.hint)
            return
        wording = _network_error_wording(exc)
        if wording is None:
            self._runner.report(exc)
            return
        self._show_message(*wording)

    # -- the browser sign-in (Mastodon, X) -----------------------------------------------

    @Slot()
    def _on_page_signin_requested(self) -> None:
        if not self._busy:
            self._start_signin()

    def _start_signin(self) -> None:
        from cmplanner.networks import oauth

        page = self.page()
        save = self._saver()
        if save is None:
            return
        if isinstance(page, XPage) and not page.client_id():
            self._show_message(
                self.tr("The browser sign-in to X needs your app's Client ID."),
                self.tr(
                    "Copy it from your app's “Keys and tokens” page in the X developer "
                    "portal, or use your OAuth 1.0a keys instead."
                ),
            )
            return
        if isinstance(page, MastodonPage) and not page.server().strip():
            self._show_message(
                self.tr("A Mastodon account needs the address of its server."),
                self.tr("Type it, e.g. https://mastodon.social."),
            )
            return
        try:
            redirect = oauth.LoopbackRedirect(
                port=self.x_loopback_port if isinstance(page, XPage) else 0,
                done_page=_page(
                    self.tr("Signed in. You can close this tab and go back to cmplanner.")
                ),
                failed_page=_page(
                    self.tr(
                        "The sign-in did not complete: {reason}. Go back to "
                        "cmplanner and try again."
                    )
                ),
            ).start()
        except OSError as exc:
            self._show_message(
                self.tr("cmplanner cannot wait for the browser on this computer: {error}.").format(
                    error=exc.strerror or exc
                ),
                self.tr("Close other programs signing in, or paste a token instead."),
            )
            return
        self._redirect = redirect
        first = self._authorize_mastodon if isinstance(page, MastodonPage) else self._authorize_x
        step = first(redirect, save)
        if step is None:
            self._close_redirect()
            return
        self._set_busy(True, self.tr("Preparing the sign-in…"), cancellable=True)
        self._runner.run(step, self._on_authorize_ready, self._on_task_failed)

    def _authorize_mastodon(self, redirect: Any, save: _Save) -> Callable[[], _Authorize] | None:
        from cmplanner.networks import oauth

        server = self.page().server().strip()
        if "://" not in server:
            server = "https://" + server
        timeout = SIGNIN_TIMEOUT_S

        def finish_with(app: oauth.MastodonApp, pkce: oauth.Pkce) -> Callable[[], Account]:
            def finish() -> Account:
                try:
                    code = redirect.wait(timeout)
                finally:
                    redirect.close()
                secret = oauth.mastodon_exchange_code(app, code, pkce)
                return save(secret)

            return finish

        def authorize() -> _Authorize:
            app = oauth.mastodon_register_app(server, redirect.redirect_uri)
            pkce = oauth.new_pkce()
            url = oauth.mastodon_authorize_url(app, pkce, redirect.state)
            return _Authorize(url, finish_with(app, pkce), redirect)

        return authorize

    def _authorize_x(self, redirect: Any, save: _Save) -> Callable[[], _Authorize] | None:
        from cmplanner.networks import oauth

        page = self.page()
        assert isinstance(page, XPage)
        client_id, client_secret = page.client_id(), page.client_secret()
        authorize_url = self.x_authorize_url or oauth.X_AUTHORIZE_URL
        token_url = self.x_token_url or oauth.X_TOKEN_URL
        timeout = SIGNIN_TIMEOUT_S

        def authorize() -> _Authorize:
            pkce = oauth.new_pkce()
            uri = redirect.redirect_uri
            url = oauth.x_authorize_url(
                client_id, uri, pkce, redirect.state, authorize_url=authorize_url
            )

            def finish() -> Account:
                try:
                    code = redirect.wait(timeout)
                finally:
                    redirect.close()
                secret = oauth.x_exchange_code(
                    client_id, code, uri, pkce, client_secret=client_secret, token_url=token_url
                )
                return save(secret)

            return _Authorize(url, finish, redirect)

        return authorize

    @Slot(object)
    def _on_authorize_ready(self, step: _Authorize) -> None:
        if self._redirect is None:  # cancelled meanwhile
            step.redirect.close()
            self._set_busy(False)
            return
        self.status_label.setText(
            self.tr(
                "Allow cmplanner in the browser window that opened; this dialog goes on by "
                'itself. No browser? Open <a href="{url}">the sign-in page</a> yourself.'
            ).format(url=_escape(step.url))
        )
        QDesktopServices.openUrl(QUrl(step.url))
        self._runner.run(step.finish, self._on_save_succeeded, self._on_task_failed)

    @Slot()
    def _on_cancel_signin_clicked(self) -> None:
        if self._redirect is not None:
            self._redirect.cancel()

    def _close_redirect(self) -> None:
        """End the browser sign-in: a step still waiting returns; the server stops."""
        redirect, self._redirect = self._redirect, None
        if redirect is not None:
            redirect.cancel()
            if not self._runner.busy():
                redirect.close()

    # -- state ---------------------------------------------------------------------------

    def _set_busy(self, busy: bool, status: str = "", *, cancellable: bool = False) -> None:
        self._busy = busy
        self._busy_box.setVisible(busy)
        self.status_label.setText(status)
        self.cancel_signin_button.setVisible(cancellable)
        self.connect_button.setEnabled(not busy)
        self.pages.setEnabled(not busy)
        locked = self._account is not None
        self.brand_combo.setEnabled(not busy and not locked)
        self.network_combo.setEnabled(not busy and not locked)
        if busy:
            self.message_label.hide()

    def _show_message(self, message: str, hint: str = "") -> None:
        text = f"<b>{_escape(message)}</b>"
        if hint:
            text += "<br>" + _escape(hint)
        self.message_label.setText(text)
        self.message_label.setStyleSheet("color: #b3261e;")
        self.message_label.show()

    @Slot(int)
    def _on_network_combo_index_changed(self, _index: int) -> None:
        self.pages.setCurrentWidget(self.page())
        self.message_label.hide()

    def reject(self) -> None:
        """Close; a browser sign-in still waiting is cancelled."""
        self._close_redirect()
        super().reject()


def _network_error_wording(exc: BaseException) -> tuple[str, str] | None:
    """Message and hint for an error of the OAuth steps (the service words the rest)."""
    from PySide6.QtCore import QCoreApplication

    from cmplanner.networks import errors, oauth

    def tr(text: str) -> str:
        return QCoreApplication.translate("ConnectDialog", text)

    if isinstance(exc, oauth.SignInCancelled):
        if getattr(exc, "code", "") == "timeout":
            return tr("No answer came from the browser in time."), tr("Start the sign-in again.")
        return tr("Sign-in cancelled."), tr("Nothing was saved. Start it again when you like.")
    if isinstance(exc, errors.InsecureURL):
        return (
            tr("This server address cannot be used: {error}.").format(error=exc),
            tr("Use an https:// address (plain http:// only for 127.0.0.1 / localhost)."),
        )
    if isinstance(exc, errors.AuthFailed | errors.AuthExpired):
        return (
            tr("The sign-in failed: {error}.").format(error=exc.message),
            tr("Try again, and allow cmplanner on the page that opens."),
        )
    if isinstance(exc, errors.Rejected):
        return (
            tr("The server refused the sign-in: {error}.").format(error=exc.reason),
            tr("Check the server address, then try again."),
        )
    if isinstance(exc, errors.NetworkError):
        return (
            tr("The server could not be reached: {error}.").format(error=exc.message),
            tr("Check the connection and the server address, then try again."),
        )
    return None


def _page(text: str) -> str:
    return (
        "<!doctype html><meta charset=utf-8><title>cmplanner</title>"
        f"<p style='font-family:sans-serif'>{_escape(text)}</p>"
    )


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )
