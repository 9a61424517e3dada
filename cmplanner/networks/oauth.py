"""OAuth pieces the connect dialog calls: PKCE, the loopback redirect, Mastodon's app
registration and code exchange, X's OAuth 2.0 (authorize, exchange, refresh) and
OAuth 1.0a request signing.

The browser is opened by the UI (``QDesktopServices.openUrl``), never here. A sign-in goes:

1. ``with LoopbackRedirect() as redirect:`` — a one-shot HTTP server on 127.0.0.1 (free port)
   that takes the browser's return with ``code`` and ``state``;
2. Mastodon: ``app = mastodon_register_app(server, redirect.redirect_uri)``;
3. ``pkce = new_pkce()``; open ``mastodon_authorize_url(app, pkce, redirect.state)``
   (or ``x_authorize_url(...)``) in the browser;
4. ``code = redirect.wait(timeout)`` (blocking: run it off the GUI thread; ``cancel()`` ends
   it from another thread);
5. ``secret = mastodon_exchange_code(app, code, pkce)`` (or ``x_exchange_code``): the
   credential dict to store in the keyring and to hand to the network's client.

Mastodon registers cmplanner per sign-in with the exact loopback URI, so any free port
works. An X app's callback URIs are fixed in its developer portal: register
``http://127.0.0.1:<port>/callback`` there and start ``LoopbackRedirect(port=<port>)``
(``X_LOOPBACK_PORT`` is the one the app suggests).

Credential dicts (keyring values):
- Mastodon: ``access_token`` (never expires), ``client_id``, ``client_secret``.
- X OAuth 2.0: ``access_token``, ``refresh_token``, ``expires_at`` (ISO UTC), ``client_id``
  and, for a confidential app, ``client_secret``. The refresh token rotates on every refresh.
- X OAuth 1.0a: ``consumer_key``, ``consumer_secret``, ``access_token``, ``access_token_secret``.

Every failure is one of the typed errors of ``cmplanner.networks.errors``; no message
carries a token, a code or a verifier.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, HTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import requests

from cmplanner.networks.errors import AuthExpired, AuthFailed, NetworkError, Rejected
from cmplanner.networks.http import check_url, error_for_status, make_session, send
from cmplanner.networks.rest import error_json, expires_at, json_of

# ---------------------------------------------------------------- PKCE


@dataclass(frozen=True)
class Pkce:
    """A PKCE pair (RFC 7636): the verifier stays here, the challenge goes to the browser."""

    verifier: str = field(repr=False)
    challenge: str
    method: str = "S256"


def pkce_challenge(verifier: str) -> str:
    """S256: base64url(SHA-256(verifier)) without padding."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def new_pkce() -> Pkce:
    """A fresh verifier (64 URL-safe characters, within RFC 7636's 43-128) and its challenge."""
    verifier = secrets.token_urlsafe(48)
    return Pkce(verifier=verifier, challenge=pkce_challenge(verifier))


def new_state() -> str:
    """An unguessable ``state`` that ties the browser's return to this sign-in."""
    return secrets.token_urlsafe(24)


# ---------------------------------------------------------------- the loopback redirect


class SignInCancelled(AuthFailed):
    """The user cancelled the sign-in, or no answer came from the browser in time."""


DONE_PAGE = (
    "<!doctype html><meta charset=utf-8><title>cmplanner</title>"
    "<p>Signed in. You can close this tab and go back to cmplanner.</p>"
)
FAILED_PAGE = (
    "<!doctype html><meta charset=utf-8><title>cmplanner</title>"
    "<p>The sign-in did not complete: {reason}</p><p>Go back to cmplanner and try again.</p>"
)
WRONG_STATE_PAGE = (
    "<!doctype html><meta charset=utf-8><title>cmplanner</title>"
    "<p>This answer does not belong to the sign-in cmplanner started, so it was ignored.</p>"
)


class _Handler(BaseHTTPRequestHandler):
    server: _OneShotServer

    def do_GET(self) -> None:
        self.server.owner._answer(self)

    def log_message(self, format: str, *args: Any) -> None:
        """Nothing is logged: the query holds the authorization code."""


class _OneShotServer(HTTPServer):
    def __init__(self, address: tuple[str, int], owner: LoopbackRedirect) -> None:
        self.owner = owner
        super().__init__(address, _Handler)


class LoopbackRedirect:
    """A one-shot HTTP server on a loopback address that receives the OAuth redirect.

    Use as a context manager: the server runs on a daemon thread while inside. The page
    texts can be given (already translated by the UI); ``{reason}`` in ``failed_page`` is
    replaced by the provider's error.

    A request whose ``state`` is not ours is answered 400 and ignored (the wait goes on);
    one with our state and ``error`` (the user refused) ends the wait with ``AuthFailed``.
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        path: str = "/callback",
        state: str | None = None,
        done_page: str = DONE_PAGE,
        failed_page: str = FAILED_PAGE,
    ) -> None:
        self.host = host
        self.port = port
        self.path = path
        self.state = state or new_state()
        self.done_page = done_page
        self.failed_page = failed_page
        self._server: _OneShotServer | None = None
        self._thread: threading.Thread | None = None
        self._done = threading.Event()
        self._code: str | None = None
        self._error: NetworkError | None = None
        self._uri = ""

    @property
    def redirect_uri(self) -> str:
        """``http://127.0.0.1:<port>/callback`` (known once started; kept after closing)."""
        if not self._uri:
            raise RuntimeError("the loopback redirect is not started")
        return self._uri

    def start(self) -> LoopbackRedirect:
        self._server = _OneShotServer((self.host, self.port), self)
        self._uri = f"http://{self.host}:{self._server.server_address[1]}{self.path}"
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="oauth-loopback",
            daemon=True,
        )
        self._thread.start()
        return self

    def close(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> LoopbackRedirect:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def cancel(self) -> None:
        """End ``wait`` from another thread with ``SignInCancelled``."""
        if not self._done.is_set():
            self._error = SignInCancelled("the sign-in was cancelled", code="cancelled")
            self._done.set()

    def wait(self, timeout: float | None = 300.0) -> str:
        """Block until the browser comes back; the authorization code.

        Raises:
            SignInCancelled: cancelled, or nothing came within ``timeout`` seconds.
            AuthFailed: the provider answered with an error (e.g. the user refused).
        """
        if not self._done.wait(timeout):
            raise SignInCancelled(
                "no answer from the browser in time: start the sign-in again", code="timeout"
            )
        if self._error is not None:
            raise self._error
        assert self._code is not None
        return self._code

    # -- on the server thread

    def _answer(self, request: _Handler) -> None:
        parts = urlsplit(request.path)
        if parts.path != self.path:
            self._reply(request, 404, "<!doctype html><title>Not found</title>")
            return
        query = dict(parse_qsl(parts.query))
        if not hmac.compare_digest(query.get("state", ""), self.state):
            self._reply(request, 400, WRONG_STATE_PAGE)
            return
        if self._done.is_set():
            self._reply(request, 200, self.done_page)
            return
        if "error" in query or not query.get("code"):
            reason = query.get("error_description") or query.get("error") or "no code was given"
            self._error = AuthFailed(
                f"the sign-in was refused: {reason}", code=query.get("error", "no_code")
            )
            self._reply(request, 400, self.failed_page.replace("{reason}", html.escape(reason)))
        else:
            self._code = query["code"]
            self._reply(request, 200, self.done_page)
        self._done.set()

    @staticmethod
    def _reply(request: _Handler, status: int, page: str) -> None:
        body = page.encode("utf-8")
        request.send_response(status)
        request.send_header("Content-Type", "text/html; charset=utf-8")
        request.send_header("Content-Length", str(len(body)))
        request.send_header("Cache-Control", "no-store")
        request.end_headers()
        request.wfile.write(body)


# ---------------------------------------------------------------- token endpoints


def _token_error(response: requests.Response, who: str) -> NetworkError:
    body = error_json(response)
    code = str(body.get("error", "")) or None
    reason = str(
        body.get("error_description") or body.get("error") or f"HTTP {response.status_code}"
    )
    if response.status_code in (400, 401, 403) and code != "slow_down":
        return AuthFailed(
            f"{who} refused the sign-in: {reason}", status=response.status_code, code=code
        )
    return error_for_status(response, f"{who}: {reason}", code=code)


def _post_form(
    http: requests.Session,
    url: str,
    data: Mapping[str, str],
    who: str,
    *,
    auth: tuple[str, str] | None = None,
) -> dict[str, Any]:
    response = send(http, "POST", url, data=dict(data), auth=auth)
    if not response.ok:
        raise _token_error(response, who)
    return json_of(response, url)


# ---------------------------------------------------------------- Mastodon

MASTODON_SCOPES = "read write"
CLIENT_NAME = "cmplanner"
WEBSITE = "https://github.com/cmplanner/cmplanner"


@dataclass(frozen=True)
class MastodonApp:
    """cmplanner registered on one instance (``POST /api/v1/apps``)."""

    server: str
    client_id: str
    client_secret: str = field(repr=False)
    redirect_uri: str
    scopes: str = MASTODON_SCOPES


def mastodon_register_app(
    server: str,
    redirect_uri: str,
    *,
    scopes: str = MASTODON_SCOPES,
    client_name: str = CLIENT_NAME,
    website: str = WEBSITE,
    http: requests.Session | None = None,
) -> MastodonApp:
    """Register the app on ``server`` for ``redirect_uri`` (the loopback one)."""
    base = check_url(server)
    http = http or make_session()
    response = send(
        http,
        "POST",
        f"{base}/api/v1/apps",
        data={
            "client_name": client_name,
            "redirect_uris": redirect_uri,
            "scopes": scopes,
            "website": website,
        },
    )
    if not response.ok:
        body = error_json(response)
        reason = str(body.get("error") or f"HTTP {response.status_code}")
        raise error_for_status(response, f"{base} refused to register cmplanner: {reason}")
    body = json_of(response, "/api/v1/apps")
    try:
        return MastodonApp(
            server=base,
            client_id=str(body["client_id"]),
            client_secret=str(body["client_secret"]),
            redirect_uri=redirect_uri,
            scopes=scopes,
        )
    except KeyError as exc:
        raise Rejected(f"{base} is not a Mastodon server (no app was registered)") from exc


def mastodon_authorize_url(app: MastodonApp, pkce: Pkce, state: str) -> str:
    """The page the browser opens to ask the user (authorization code + PKCE S256)."""
    query = {
        "response_type": "code",
        "client_id": app.client_id,
        "redirect_uri": app.redirect_uri,
        "scope": app.scopes,
        "state": state,
        "code_challenge": pkce.challenge,
        "code_challenge_method": pkce.method,
    }
    return f"{app.server}/oauth/authorize?{urlencode(query, quote_via=quote)}"


def mastodon_exchange_code(
    app: MastodonApp, code: str, pkce: Pkce, *, http: requests.Session | None = None
) -> dict[str, str]:
    """Trade the code for an access token: the credential dict to store."""
    body = _post_form(
        http or make_session(),
        f"{app.server}/oauth/token",
        {
            "grant_type": "authorization_code",
            "code": code,
            "client_id": app.client_id,
            "client_secret": app.client_secret,
            "redirect_uri": app.redirect_uri,
            "code_verifier": pkce.verifier,
            "scope": app.scopes,
        },
        "Mastodon",
    )
    token = str(body.get("access_token", ""))
    if not token:
        raise AuthFailed("Mastodon sent no access token: try signing in again")
    return {
        "access_token": token,
        "client_id": app.client_id,
        "client_secret": app.client_secret,
    }


def mastodon_pasted_token(token: str) -> dict[str, str]:
    """The credential dict for an access token the user pasted (from Preferences →
    Development on their instance)."""
    token = token.strip()
    if not token:
        raise AuthFailed("the access token is empty: paste the token from your instance")
    return {"access_token": token}


# ---------------------------------------------------------------- X OAuth 2.0

X_AUTHORIZE_URL = "https://x.com/i/oauth2/authorize"
X_TOKEN_URL = "https://api.x.com/2/oauth2/token"
X_SCOPES = "tweet.read tweet.write users.read media.write offline.access"
#: The loopback port to register in the X developer portal (its callback URIs are exact).
X_LOOPBACK_PORT = 8765


def x_authorize_url(
    client_id: str,
    redirect_uri: str,
    pkce: Pkce,
    state: str,
    *,
    scopes: str = X_SCOPES,
    authorize_url: str = X_AUTHORIZE_URL,
) -> str:
    """X's consent page (``offline.access`` so a refresh token comes back)."""
    query = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "scope": scopes,
        "state": state,
        "code_challenge": pkce.challenge,
        "code_challenge_method": pkce.method,
    }
    return f"{authorize_url}?{urlencode(query, quote_via=quote)}"


def _x_tokens(
    body: Mapping[str, Any], client_id: str, client_secret: str, now: datetime
) -> dict[str, str]:
    token = str(body.get("access_token", ""))
    if not token:
        raise AuthFailed("X sent no access token: try signing in again")
    out = {
        "access_token": token,
        "refresh_token": str(body.get("refresh_token", "")),
        "expires_at": expires_at(now, body.get("expires_in")),
        "client_id": client_id,
    }
    if client_secret:
        out["client_secret"] = client_secret
    return out


def x_exchange_code(
    client_id: str,
    code: str,
    redirect_uri: str,
    pkce: Pkce,
    *,
    client_secret: str = "",
    token_url: str = X_TOKEN_URL,
    http: requests.Session | None = None,
    now: Callable[[], datetime] | None = None,
) -> dict[str, str]:
    """Trade the code for tokens: the credential dict to store. A confidential app
    (``client_secret`` given) authenticates with HTTP Basic, a public one by ``client_id``."""
    body = _post_form(
        http or make_session(),
        check_url(token_url),
        {
            "grant_type": "authorization_code",
            "code": code,
            "client_id": client_id,
            "redirect_uri": redirect_uri,
            "code_verifier": pkce.verifier,
        },
        "X",
        auth=(client_id, client_secret) if client_secret else None,
    )
    return _x_tokens(body, client_id, client_secret, (now or _utcnow)())


def x_refresh(
    secret: Mapping[str, str],
    *,
    token_url: str = X_TOKEN_URL,
    http: requests.Session | None = None,
    now: Callable[[], datetime] | None = None,
) -> dict[str, str]:
    """New tokens from the refresh token; the whole new credential dict (the refresh
    token rotates: the old one no longer works, so store this at once).

    Raises:
        AuthExpired: there is no refresh token, or X refused it: sign in again.
    """
    refresh_token = secret.get("refresh_token", "")
    client_id = secret.get("client_id", "")
    client_secret = secret.get("client_secret", "")
    if not refresh_token or not client_id:
        raise AuthExpired("the X sign-in expired and cannot be renewed: reconnect the account")
    try:
        body = _post_form(
            http or make_session(),
            check_url(token_url),
            {"grant_type": "refresh_token", "refresh_token": refresh_token, "client_id": client_id},
            "X",
            auth=(client_id, client_secret) if client_secret else None,
        )
    except AuthFailed as exc:
        raise AuthExpired(
            "X refused to renew the sign-in: reconnect the account",
            status=exc.status,
            code=exc.code,
        ) from exc
    return {**secret, **_x_tokens(body, client_id, client_secret, (now or _utcnow)())}


def _utcnow() -> datetime:
    return datetime.now(UTC)


# ---------------------------------------------------------------- OAuth 1.0a (RFC 5849)


def percent_encode(value: str) -> str:
    """RFC 3986 encoding as OAuth 1.0a wants it (only unreserved characters kept)."""
    return quote(value, safe="~-._")


def oauth1_signature(
    method: str,
    url: str,
    params: Mapping[str, str],
    consumer_secret: str,
    token_secret: str = "",
) -> str:
    """The HMAC-SHA1 signature of a request: ``params`` are the query and form-body
    parameters plus every ``oauth_*`` one (JSON and multipart bodies are not signed)."""
    pairs = sorted((percent_encode(k), percent_encode(v)) for k, v in params.items())
    normalized = "&".join(f"{k}={v}" for k, v in pairs)
    parts = urlsplit(url)
    base_url = f"{parts.scheme.lower()}://{parts.netloc.lower()}{parts.path}"
    base = "&".join(percent_encode(x) for x in (method.upper(), base_url, normalized))
    key = f"{percent_encode(consumer_secret)}&{percent_encode(token_secret)}"
    digest = hmac.new(key.encode(), base.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode("ascii")


def oauth1_header(
    method: str,
    url: str,
    *,
    consumer_key: str,
    consumer_secret: str,
    token: str,
    token_secret: str,
    params: Mapping[str, str] | None = None,
    nonce: str | None = None,
    timestamp: int | None = None,
) -> str:
    """The ``Authorization: OAuth ...`` header for one request (``params``: the query
    and form-body parameters; the URL's own query is taken too)."""
    oauth = {
        "oauth_consumer_key": consumer_key,
        "oauth_nonce": nonce or secrets.token_hex(16),
        "oauth_signature_method": "HMAC-SHA1",
        "oauth_timestamp": str(int(time.time()) if timestamp is None else timestamp),
        "oauth_token": token,
        "oauth_version": "1.0",
    }
    signed = dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))
    signed.update(params or {})
    signed.update(oauth)
    oauth["oauth_signature"] = oauth1_signature(method, url, signed, consumer_secret, token_secret)
    return "OAuth " + ", ".join(
        f'{percent_encode(k)}="{percent_encode(v)}"' for k, v in sorted(oauth.items())
    )


__all__ = [
    "MASTODON_SCOPES",
    "X_LOOPBACK_PORT",
    "X_SCOPES",
    "LoopbackRedirect",
    "MastodonApp",
    "Pkce",
    "SignInCancelled",
    "mastodon_authorize_url",
    "mastodon_exchange_code",
    "mastodon_pasted_token",
    "mastodon_register_app",
    "new_pkce",
    "new_state",
    "oauth1_header",
    "oauth1_signature",
    "pkce_challenge",
    "x_authorize_url",
    "x_exchange_code",
    "x_refresh",
]
