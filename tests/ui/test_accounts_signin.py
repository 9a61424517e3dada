"""Mastodon's "Sign in with your browser" from the connect dialog, against a local instance.

pytest-httpserver on 127.0.0.1 answers as Mastodon documents it (app registration, token
exchange checking the PKCE verifier, verify_credentials, instance limits, the avatar file);
the "browser" is a URL handler that records what the dialog opened and then comes back to
the loopback redirect with a code, as the instance would send it.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from PIL import Image
from PySide6.QtCore import QObject, QSettings, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot
from werkzeug import Request, Response

from cmplanner.domain.enums import Network
from cmplanner.networks.oauth import pkce_challenge
from cmplanner.services.workspace import Workspace
from cmplanner.ui.account_connect import ConnectDialog
from cmplanner.ui.account_pages import MastodonPage, XPage
from cmplanner.ui.accounts_view import AccountsDialog

if TYPE_CHECKING:
    from tests.ui.accounts_fixtures import MemoryKeyring

pytest_plugins = ["tests.ui.accounts_fixtures"]

CLIENT_ID = "TWhM-tNSuncnqN7DBJmoyeLnk6K3iJJ71KKXxgL1hPM"
CLIENT_SECRET = "ZEaFUFmF0umgBX1qKJDjaU99Q31lDkOU8NutzTOoliw"
CODE = "qDFUEaYrRK5c-HNmTCJbAzazwLRInJ7VHFat0wcMgCU"
TOKEN = "ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0"


class Browser(QObject):
    """Stands in for the desktop's browser: ``QDesktopServices.openUrl`` lands here."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toString())

    def come_back(self, **params: str) -> requests.Response:
        """What the instance does once the user allowed the app: redirect with the code."""
        query = {k: v[0] for k, v in parse_qs(urlsplit(self.urls[-1]).query).items()}
        return requests.get(
            query["redirect_uri"], params={"state": query["state"], **params}, timeout=5
        )


@pytest.fixture
def browser() -> Iterator[Browser]:
    handler = Browser()
    for scheme in ("http", "https"):
        QDesktopServices.setUrlHandler(scheme, handler, "open")
    yield handler
    for scheme in ("http", "https"):
        QDesktopServices.unsetUrlHandler(scheme)


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (96, 96), (240, 120, 40)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def instance(httpserver_ipv4: HTTPServer) -> Iterator[HTTPServer]:
    server = httpserver_ipv4
    base = server.url_for("/").rstrip("/")
    challenge: dict[str, str] = {}

    def register(request: Request) -> Response:
        assert request.form["scopes"] == "read write"
        return Response(
            '{"id":"563419","name":"cmplanner",'
            f'"redirect_uri":"{request.form["redirect_uris"]}",'
            f'"client_id":"{CLIENT_ID}","client_secret":"{CLIENT_SECRET}"}}',
            content_type="application/json",
        )

    def token(request: Request) -> Response:
        form = request.form
        if form["code"] != CODE or pkce_challenge(form["code_verifier"]) != challenge.get("c"):
            return Response(
                '{"error":"invalid_grant","error_description":"The provided authorization '
                'grant is invalid"}',
                status=400,
                content_type="application/json",
            )
        return Response(
            f'{{"access_token":"{TOKEN}","token_type":"Bearer","scope":"read write",'
            '"created_at":1573979017}',
            content_type="application/json",
        )

    server.expect_request("/api/v1/apps", method="POST").respond_with_handler(register)
    server.expect_request("/oauth/token", method="POST").respond_with_handler(token)
    server.expect_request(
        "/api/v1/accounts/verify_credentials", headers={"Authorization": f"Bearer {TOKEN}"}
    ).respond_with_json(
        {
            "id": "14715",
            "username": "sol",
            "acct": "sol",
            "display_name": "Panadería Sol",
            "url": f"{base}/@sol",
            "avatar": f"{base}/avatars/sol.png",
        }
    )
    server.expect_request("/api/v2/instance").respond_with_json(
        {"domain": "127.0.0.1", "configuration": {"statuses": {"max_characters": 500}}}
    )
    server.expect_request("/avatars/sol.png").respond_with_data(_png(), content_type="image/png")
    server.challenge = challenge  # type: ignore[attr-defined]
    yield server


@pytest.fixture
def view(qtbot: QtBot, aws: Workspace, tmp_path: Path) -> Iterator[AccountsDialog]:
    aws.brands.create("Panadería Sol", "Europe/Madrid")
    settings = QSettings(str(tmp_path / "D_settings.ini"), QSettings.Format.IniFormat)
    dialog = AccountsDialog(aws, settings=settings)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    dialog.close()


def _start(qtbot: QtBot, view: AccountsDialog, server: str, browser: Browser) -> ConnectDialog:
    dialog = view.connect_account()
    dialog.set_network(Network.MASTODON)
    page = dialog.page()
    assert isinstance(page, MastodonPage) and page.uses_browser()
    page.server_edit.setText(server)
    qtbot.mouseClick(page.signin_button, Qt.MouseButton.LeftButton)
    return dialog


def _remember_challenge(instance: HTTPServer, url: str) -> None:
    query = parse_qs(urlsplit(url).query)
    instance.challenge["c"] = query["code_challenge"][0]  # type: ignore[attr-defined]


def test_sign_in_with_the_browser_connects_and_shows_the_avatar(
    qtbot: QtBot,
    view: AccountsDialog,
    aws: Workspace,
    instance: HTTPServer,
    browser: Browser,
    keyring_items: MemoryKeyring,
) -> None:
    base = instance.url_for("/").rstrip("/")
    dialog = _start(qtbot, view, base, browser)
    qtbot.waitUntil(lambda: bool(browser.urls), timeout=10_000)
    url = browser.urls[-1]
    assert url.startswith(f"{base}/oauth/authorize?")
    assert "code_challenge_method=S256" in url
    assert dialog.is_busy() and dialog.cancel_signin_button.isVisible()
    assert "browser" in dialog.status_label.text()
    dialog.grab().save("/tmp/D_signin_waiting.png")
    _remember_challenge(instance, url)

    assert browser.come_back(code=CODE).status_code == 200
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)

    (account,) = aws.accounts.all()
    assert account.network is Network.MASTODON and account.remote_id == "14715"
    assert account.display_name == "Panadería Sol" and account.char_limit == 500
    saved = aws.credentials.get(account.id)
    assert saved == {"access_token": TOKEN, "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET}
    assert view.health_label(account.id) == "Connected"
    # The avatar is fetched off the GUI thread and replaces the placeholder.
    qtbot.waitUntil(lambda: view.avatars.image(account.avatar_url) is not None, timeout=10_000)
    assert view.details.avatar().toImage().pixelColor(32, 32).red() > 200
    view.grab().save("/tmp/D_signed_in.png")
    instance.check_assertions()


def test_cancelling_the_browser_sign_in_keeps_the_form(
    qtbot: QtBot, view: AccountsDialog, aws: Workspace, instance: HTTPServer, browser: Browser
) -> None:
    base = instance.url_for("/").rstrip("/")
    dialog = _start(qtbot, view, base, browser)
    qtbot.waitUntil(lambda: bool(browser.urls), timeout=10_000)
    qtbot.mouseClick(dialog.cancel_signin_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "cancelled" in dialog.message(), timeout=10_000)
    assert not dialog.is_busy() and not dialog.signin_running()
    assert dialog.isVisible() and dialog.page().server() == base
    assert aws.accounts.all() == []


def test_a_refused_code_says_so_and_nothing_is_saved(
    qtbot: QtBot, view: AccountsDialog, aws: Workspace, instance: HTTPServer, browser: Browser
) -> None:
    base = instance.url_for("/").rstrip("/")
    dialog = _start(qtbot, view, base, browser)
    qtbot.waitUntil(lambda: bool(browser.urls), timeout=10_000)
    _remember_challenge(instance, browser.urls[-1])
    browser.come_back(code="not-the-code")
    qtbot.waitUntil(lambda: bool(dialog.message()), timeout=10_000)
    assert "authorization grant is invalid" in dialog.message()
    assert aws.accounts.all() == []


def test_the_user_refusing_in_the_browser_is_said(
    qtbot: QtBot, view: AccountsDialog, aws: Workspace, instance: HTTPServer, browser: Browser
) -> None:
    dialog = _start(qtbot, view, instance.url_for("/").rstrip("/"), browser)
    qtbot.waitUntil(lambda: bool(browser.urls), timeout=10_000)
    page = browser.come_back(error="access_denied", error_description="The user refused")
    assert page.status_code == 400 and "did not complete" in page.text
    qtbot.waitUntil(lambda: "refused" in dialog.message(), timeout=10_000)
    assert aws.accounts.all() == []


def test_plain_http_instance_off_loopback_is_refused(
    qtbot: QtBot, view: AccountsDialog, browser: Browser
) -> None:
    dialog = _start(qtbot, view, "http://mastodon.example", browser)
    qtbot.waitUntil(lambda: bool(dialog.message()), timeout=10_000)
    assert "https://" in dialog.message()
    assert browser.urls == []


X_ME = {
    "data": {
        "id": "2244994945",
        "name": "Developers",
        "username": "XDevelopers",
        "profile_image_url": "https://pbs.twimg.com/profile_images/abc_normal.jpg",
    }
}


def _x_dialog(view: AccountsDialog, api: str) -> ConnectDialog:
    dialog = view.connect_account()
    dialog.set_network(Network.X)
    dialog.x_api_url = api
    dialog.x_authorize_url = f"{api}/i/oauth2/authorize"
    dialog.x_token_url = f"{api}/2/oauth2/token"
    dialog.x_loopback_port = 0  # any free port here; a real X app registers a fixed one
    return dialog


def test_x_sign_in_with_the_browser_oauth2_pkce(
    qtbot: QtBot,
    view: AccountsDialog,
    aws: Workspace,
    httpserver_ipv4: HTTPServer,
    browser: Browser,
) -> None:
    api = httpserver_ipv4.url_for("/").rstrip("/")
    challenge: dict[str, str] = {}

    def token(request: Request) -> Response:
        form = request.form
        if form["code"] != CODE or pkce_challenge(form["code_verifier"]) != challenge["c"]:
            return Response('{"error":"invalid_request"}', status=400)
        return Response(
            '{"token_type":"bearer","expires_in":7200,"access_token":"X-AT-1",'
            '"scope":"tweet.read tweet.write users.read media.write offline.access",'
            '"refresh_token":"X-RT-1"}',
            content_type="application/json",
        )

    httpserver_ipv4.expect_request("/2/oauth2/token", method="POST").respond_with_handler(token)
    httpserver_ipv4.expect_request(
        "/2/users/me", headers={"Authorization": "Bearer X-AT-1"}
    ).respond_with_json(X_ME)
    dialog = _x_dialog(view, api)
    page = dialog.page()
    assert isinstance(page, XPage) and page.uses_browser()
    page.client_id_edit.setText("M1M5R3BMVy13QmpScXkzTUt5OE46MTpjaQ")
    qtbot.mouseClick(page.signin_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(browser.urls), timeout=10_000)
    assert browser.urls[-1].startswith(f"{api}/i/oauth2/authorize?")
    assert "offline.access" in browser.urls[-1].replace("%20", " ")
    challenge["c"] = parse_qs(urlsplit(browser.urls[-1]).query)["code_challenge"][0]
    browser.come_back(code=CODE)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)

    (account,) = aws.accounts.all()
    assert (account.network, account.handle, account.remote_id) == (
        Network.X,
        "XDevelopers",
        "2244994945",
    )
    saved = aws.credentials.get(account.id)
    assert saved is not None and saved["refresh_token"] == "X-RT-1"
    assert saved["client_id"] == "M1M5R3BMVy13QmpScXkzTUt5OE46MTpjaQ"


def test_x_with_the_users_own_oauth1_keys(
    qtbot: QtBot, view: AccountsDialog, aws: Workspace, httpserver_ipv4: HTTPServer
) -> None:
    api = httpserver_ipv4.url_for("/").rstrip("/")
    seen: list[str] = []

    def me(request: Request) -> Response:
        seen.append(request.headers.get("Authorization", ""))
        return Response(json.dumps(X_ME), content_type="application/json")

    httpserver_ipv4.expect_request("/2/users/me").respond_with_handler(me)
    dialog = _x_dialog(view, api)
    page = dialog.page()
    assert isinstance(page, XPage)
    page.keys_radio.setChecked(True)
    assert not page.uses_browser() and page.consumer_key_edit.isEnabled()
    page.consumer_key_edit.setText("xvz1evFS4wEEPTGEFPHBog")
    page.consumer_secret_edit.setText("kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw")
    page.access_token_edit.setText("370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb")
    page.access_secret_edit.setText("LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE")
    dialog.grab().save("/tmp/D_connect_x_keys.png")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)

    assert seen and seen[0].startswith("OAuth ") and 'oauth_signature="' in seen[0]
    (account,) = aws.accounts.all()
    saved = aws.credentials.get(account.id)
    assert saved is not None and set(saved) == {
        "consumer_key",
        "consumer_secret",
        "access_token",
        "access_token_secret",
    }
