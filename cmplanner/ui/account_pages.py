"""One form per network for the connect dialog: what to type, and where to find it.

A page only collects input; the accounts service validates it (https only, handles, empty
secrets) and the dialog shows what the service says. Pages that can sign in through the
browser raise ``signin_requested``.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cmplanner.domain.enums import Network
from cmplanner.domain.models import Account
from cmplanner.networks.oauth import X_LOOPBACK_PORT


def _note(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setOpenExternalLinks(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setObjectName("page_note")
    return label


def _secret_edit(parent: QWidget, name: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setClearButtonEnabled(True)
    return edit


#: X wants the exact callback address registered in the app: a fixed loopback port.
X_CALLBACK = f"http://127.0.0.1:{X_LOOPBACK_PORT}/callback"


class NetworkPage(QWidget):
    """The form of one network.

    Signals:
        signin_requested(): the user asked to sign in through the browser.
    """

    signin_requested = Signal()
    network: Network = Network.BLUESKY

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addLayout(self.form)

    def handle(self) -> str:
        return ""

    def server(self) -> str:
        return ""

    def media_base_url(self) -> str:
        return ""

    def secret(self) -> Mapping[str, str] | str:
        return ""

    def uses_browser(self) -> bool:
        """True when the chosen way in is the browser sign-in (no secret typed here)."""
        return False

    def prefill(self, account: Account) -> None:
        """Fill what is known of an account being reconnected (never a secret)."""

    def set_fixed(self, fixed: bool) -> None:
        """Lock the account's identity (reconnecting keeps the same account)."""


class BlueskyPage(NetworkPage):
    network = Network.BLUESKY

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.handle_edit = QLineEdit(self)
        self.handle_edit.setObjectName("bluesky_handle")
        self.handle_edit.setPlaceholderText(self.tr("alice.bsky.social"))
        self.server_edit = QLineEdit(self)
        self.server_edit.setObjectName("bluesky_server")
        self.server_edit.setPlaceholderText(self.tr("https://bsky.social (or your own PDS)"))
        self.password_edit = _secret_edit(self, "bluesky_app_password")
        self.password_edit.setPlaceholderText(self.tr("xxxx-xxxx-xxxx-xxxx"))
        self.form.addRow(self.tr("&Handle:"), self.handle_edit)
        self.form.addRow(self.tr("&Server:"), self.server_edit)
        self.form.addRow(self.tr("&App password:"), self.password_edit)
        self.layout_.addWidget(
            _note(
                self.tr(
                    "Use an <b>app password</b>, not your main password: create one in "
                    "Bluesky under Settings ▸ Privacy and security ▸ "
                    '<a href="https://bsky.app/settings/app-passwords">App passwords</a>. '
                    "You can revoke it there at any time. Leave the server empty for "
                    "bsky.social; give your PDS address if you host your own."
                ),
                self,
            )
        )

    def handle(self) -> str:
        return self.handle_edit.text()

    def server(self) -> str:
        return self.server_edit.text()

    def secret(self) -> Mapping[str, str] | str:
        return self.password_edit.text()

    def prefill(self, account: Account) -> None:
        self.handle_edit.setText(account.handle)
        self.server_edit.setText(account.server)

    def set_fixed(self, fixed: bool) -> None:
        self.handle_edit.setReadOnly(fixed)


class MastodonPage(NetworkPage):
    network = Network.MASTODON

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.server_edit = QLineEdit(self)
        self.server_edit.setObjectName("mastodon_server")
        self.server_edit.setPlaceholderText(self.tr("https://mastodon.social"))
        self.browser_radio = QRadioButton(self.tr("Sign in with your &browser"), self)
        self.browser_radio.setObjectName("mastodon_use_browser")
        self.token_radio = QRadioButton(self.tr("&Paste an access token"), self)
        self.token_radio.setObjectName("mastodon_use_token")
        group = QButtonGroup(self)
        group.addButton(self.browser_radio)
        group.addButton(self.token_radio)
        self.browser_radio.setChecked(True)
        self.signin_button = QPushButton(self.tr("Open the sign-in page…"), self)
        self.signin_button.setObjectName("mastodon_signin")
        self.signin_button.setAutoDefault(False)
        self.token_edit = _secret_edit(self, "mastodon_token")
        self.form.addRow(self.tr("&Instance:"), self.server_edit)
        self.form.addRow("", self.browser_radio)
        self.form.addRow("", self.signin_button)
        self.form.addRow("", self.token_radio)
        self.form.addRow(self.tr("Access &token:"), self.token_edit)
        self.layout_.addWidget(
            _note(
                self.tr(
                    "Signing in opens your instance's page in the browser; once you allow "
                    "cmplanner there, the browser comes back to cmplanner by itself. "
                    "Or make a token yourself on your instance: Preferences ▸ Development ▸ "
                    "New application (scopes read and write), then paste “Your access "
                    "token”."
                ),
                self,
            )
        )
        self.token_radio.toggled.connect(self._sync)
        self.signin_button.clicked.connect(self.signin_requested)
        self._sync()

    def _sync(self) -> None:
        self.token_edit.setEnabled(self.token_radio.isChecked())
        self.signin_button.setEnabled(self.browser_radio.isChecked())

    def server(self) -> str:
        return self.server_edit.text()

    def secret(self) -> Mapping[str, str] | str:
        return self.token_edit.text()

    def uses_browser(self) -> bool:
        return self.browser_radio.isChecked()

    def prefill(self, account: Account) -> None:
        server = account.server
        _user, at, domain = account.handle.lstrip("@").partition("@")
        if not server and at and domain:  # planned as @user@instance: its instance
            server = f"https://{domain}"
        self.server_edit.setText(server)

    def set_fixed(self, fixed: bool) -> None:
        self.server_edit.setReadOnly(fixed and bool(self.server_edit.text()))


class XPage(NetworkPage):
    network = Network.X

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser_radio = QRadioButton(self.tr("Sign in with your &browser (OAuth 2.0)"), self)
        self.browser_radio.setObjectName("x_use_browser")
        self.keys_radio = QRadioButton(self.tr("Use your own app's OAuth 1.0a &keys"), self)
        self.keys_radio.setObjectName("x_use_keys")
        group = QButtonGroup(self)
        group.addButton(self.browser_radio)
        group.addButton(self.keys_radio)
        self.browser_radio.setChecked(True)
        self.client_id_edit = QLineEdit(self)
        self.client_id_edit.setObjectName("x_client_id")
        self.client_secret_edit = _secret_edit(self, "x_client_secret")
        self.client_secret_edit.setPlaceholderText(self.tr("only for a confidential app"))
        self.signin_button = QPushButton(self.tr("Open the sign-in page…"), self)
        self.signin_button.setObjectName("x_signin")
        self.signin_button.setAutoDefault(False)
        self.consumer_key_edit = _secret_edit(self, "x_consumer_key")
        self.consumer_secret_edit = _secret_edit(self, "x_consumer_secret")
        self.access_token_edit = _secret_edit(self, "x_access_token")
        self.access_secret_edit = _secret_edit(self, "x_access_token_secret")
        self.form.addRow("", self.browser_radio)
        self.form.addRow(self.tr("&Client ID:"), self.client_id_edit)
        self.form.addRow(self.tr("Client s&ecret:"), self.client_secret_edit)
        self.form.addRow("", self.signin_button)
        self.form.addRow("", self.keys_radio)
        self.form.addRow(self.tr("API &key:"), self.consumer_key_edit)
        self.form.addRow(self.tr("API key &secret:"), self.consumer_secret_edit)
        self.form.addRow(self.tr("Access &token:"), self.access_token_edit)
        self.form.addRow(self.tr("Access token secre&t:"), self.access_secret_edit)
        self.layout_.addWidget(
            _note(
                self.tr(
                    "X needs an app of your own in the "
                    '<a href="https://developer.x.com/en/portal/dashboard">developer portal</a>. '
                    "For the browser sign-in, add <tt>{callback}</tt> as a callback "
                    "address in its user authentication settings and copy its OAuth 2.0 "
                    "Client ID. Or copy the four OAuth 1.0a values from its “Keys and "
                    "tokens” page (read and write permission)."
                ).format(callback=X_CALLBACK),
                self,
            )
        )
        self.keys_radio.toggled.connect(self._sync)
        self.signin_button.clicked.connect(self.signin_requested)
        self._sync()

    def _sync(self) -> None:
        browser = self.browser_radio.isChecked()
        for edit in (self.client_id_edit, self.client_secret_edit, self.signin_button):
            edit.setEnabled(browser)
        for edit in (
            self.consumer_key_edit,
            self.consumer_secret_edit,
            self.access_token_edit,
            self.access_secret_edit,
        ):
            edit.setEnabled(not browser)

    def client_id(self) -> str:
        return self.client_id_edit.text().strip()

    def client_secret(self) -> str:
        return self.client_secret_edit.text().strip()

    def secret(self) -> Mapping[str, str] | str:
        return {
            "consumer_key": self.consumer_key_edit.text(),
            "consumer_secret": self.consumer_secret_edit.text(),
            "access_token": self.access_token_edit.text(),
            "access_token_secret": self.access_secret_edit.text(),
        }

    def uses_browser(self) -> bool:
        return self.browser_radio.isChecked()


class TokenPage(NetworkPage):
    """LinkedIn, Facebook Page, Instagram, Threads: a pasted access token."""

    def __init__(self, network: Network, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.network = network
        self.token_edit = _secret_edit(self, f"{network.value}_token")
        self.form.addRow(self.tr("Access &token:"), self.token_edit)
        self.media_edit: QLineEdit | None = None
        self.layout_.addWidget(_note(self._where(), self))
        if network in (Network.INSTAGRAM, Network.THREADS):
            self.media_edit = QLineEdit(self)
            self.media_edit.setObjectName(f"{network.value}_media_base_url")
            self.media_edit.setPlaceholderText(self.tr("https://media.example.com/cmplanner/"))
            self.form.addRow(self.tr("&Media base URL:"), self.media_edit)
            self.layout_.addWidget(_note(media_url_explanation(network), self))

    def _where(self) -> str:
        if self.network is Network.LINKEDIN:
            return self.tr(
                "Create an app on "
                '<a href="https://www.linkedin.com/developers/apps">LinkedIn Developers</a> '
                "with the “Share on LinkedIn” product, then make a token with the scope "
                "<tt>w_member_social</tt> in its token generator. LinkedIn tokens last 60 "
                "days: cmplanner tells you before this one ends."
            )
        if self.network is Network.FACEBOOK:
            return self.tr(
                "Paste a <b>Page</b> access token (with <tt>pages_manage_posts</tt>), e.g. "
                "from the "
                '<a href="https://developers.facebook.com/tools/explorer/">Graph API '
                "Explorer</a> of your Meta app: pick the Page under “User or Page”, then "
                "make the token long-lived with the Access Token Debugger."
            )
        if self.network is Network.INSTAGRAM:
            return self.tr(
                "Instagram needs a professional (business or creator) account linked to a "
                "Facebook Page. Paste an access token of your Meta app with "
                "<tt>instagram_basic</tt> and <tt>instagram_content_publish</tt>, e.g. from "
                'the <a href="https://developers.facebook.com/tools/explorer/">Graph API '
                "Explorer</a>."
            )
        return self.tr(
            "Paste a long-lived Threads access token of your Meta app (with "
            "<tt>threads_basic</tt> and <tt>threads_content_publish</tt>). cmplanner renews "
            "it before its 60 days end."
        )

    def secret(self) -> Mapping[str, str] | str:
        return self.token_edit.text()

    def media_base_url(self) -> str:
        return self.media_edit.text() if self.media_edit is not None else ""

    def prefill(self, account: Account) -> None:
        if self.media_edit is not None:
            self.media_edit.setText(account.media_base_url)


def media_url_explanation(network: Network) -> str:
    """Why Instagram and Threads need a public address for media, in plain words."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(
        "account_pages",
        "{network} does not take pictures uploaded from your computer: it fetches each one "
        "from a public web address. Put your media where the internet can reach it (your "
        "website, a storage bucket) and give that folder's address here; cmplanner adds "
        "each file's name to it.",
    ).format(network=network.label)


def make_page(network: Network, parent: QWidget | None = None) -> NetworkPage:
    if network is Network.BLUESKY:
        return BlueskyPage(parent)
    if network is Network.MASTODON:
        return MastodonPage(parent)
    if network is Network.X:
        return XPage(parent)
    return TokenPage(network, parent)
