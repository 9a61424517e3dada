"""What Meta's three APIs share (Facebook Pages and Instagram on the Graph API, Threads on
graph.threads.net): the bearer-token transport, the mapping of Graph error codes to typed
errors, the rate-limit headers, container status polling and long-lived token refresh.

Graph errors come as ``{"error": {"message", "type", "code", "error_subcode",
"error_user_msg", "is_transient", "fbtrace_id"}}`` with HTTP 400 for most of them; the
``code`` says what happened (developers.facebook.com/docs/graph-api/guides/error-handling):
190 (and 102) the token expired or was revoked; 10 and 200–299 a permission is missing;
4, 17, 32, 341, 613 and 80001–80014 throttled; 1 and 2 (or ``is_transient``) temporary;
506 a duplicate post; 368 blocked by policy.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

import requests

from cmplanner.networks.errors import (
    AuthExpired,
    AuthFailed,
    NetworkError,
    RateLimited,
    Rejected,
    Transient,
)
from cmplanner.networks.http import check_url, error_for_status, rate_limit_wait, send
from cmplanner.networks.publishing import AccountRef, Published, SecretSink
from cmplanner.networks.rest import RestApi, error_json, expires_at, json_of, parse_utc, poll

#: The Graph API version the Facebook and Instagram clients call.
GRAPH_VERSION = "v24.0"
FACEBOOK_GRAPH = f"https://graph.facebook.com/{GRAPH_VERSION}"
INSTAGRAM_GRAPH = f"https://graph.instagram.com/{GRAPH_VERSION}"
THREADS_GRAPH = "https://graph.threads.net/v1.0"
#: A long-lived Instagram/Threads token (60 days) is renewed when it has less than this left.
REFRESH_WINDOW = timedelta(days=30)

_EXPIRED = {190, 102}
_THROTTLED = {4, 17, 32, 341, 613, *range(80001, 80015)}
_TRANSIENT = {1, 2}


def graph_error(
    response: requests.Response, network: str, now: Callable[[], datetime]
) -> NetworkError:
    """The typed error for a failed Graph answer."""
    status = response.status_code
    error = error_json(response).get("error", {})
    if not isinstance(error, dict):
        error = {}
    message = str(error.get("error_user_msg") or error.get("message") or f"HTTP {status}")
    try:
        code = int(error.get("code", 0))
    except (TypeError, ValueError):
        code = 0
    label = str(code) if code else None
    if code in _EXPIRED or (status == 401 and not code):
        return AuthExpired(
            f"{network} no longer accepts the sign-in ({message}): reconnect the account",
            status=status,
            code=label,
        )
    if code == 10 or 200 <= code <= 299:
        return AuthFailed(
            f"{network}: {message}. Reconnect the account and grant the publishing permission",
            status=status,
            code=label,
        )
    if code in _THROTTLED or status == 429:
        wait, at = rate_limit_wait(response.headers, now())
        if at is None:
            minutes = regain_minutes(response.headers)
            if minutes is not None:
                at = now() + timedelta(minutes=minutes)
                wait = minutes * 60.0
        return RateLimited(f"{network}: {message}", retry_after_s=wait, reset_at=at, code=label)
    if code in _TRANSIENT or error.get("is_transient") is True:
        return Transient(f"{network}: {message}", status=status, code=label)
    if code == 506:
        return Rejected(message, status=status, code="duplicate")
    if status >= 500 or status == 408:
        return Transient(f"{network}: {message}", status=status, code=label)
    return error_for_status(response, message, code=label)


def regain_minutes(headers: Mapping[str, str]) -> float | None:
    """``estimated_time_to_regain_access`` (minutes) from ``X-Business-Use-Case-Usage``."""
    raw = headers.get("X-Business-Use-Case-Usage")
    if not raw:
        return None
    try:
        usage = json.loads(raw)
    except ValueError:
        return None
    minutes = [
        float(entry.get("estimated_time_to_regain_access", 0))
        for entries in usage.values()
        if isinstance(entries, list)
        for entry in entries
        if isinstance(entry, dict)
    ]
    return max(minutes) if minutes and max(minutes) > 0 else None


class GraphAccount:
    """The transport of one Meta account: bearer token, error mapping, refresh, polling."""

    network_label = "Meta"

    def __init__(
        self,
        account: AccountRef,
        secret: Mapping[str, str],
        *,
        base_url: str,
        refresh_url: str = "",
        refresh_grant: str = "",
        on_secret_change: SecretSink | None = None,
        http: requests.Session | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        poll_interval: float = 2.0,
        poll_attempts: int = 60,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.account = account
        self._secret = dict(secret)
        self._sink = on_secret_change
        self.api = RestApi(base_url, error_for=self._error, http=http)
        self.refresh_url = check_url(refresh_url) if refresh_url else ""
        self.refresh_grant = refresh_grant
        self.now = now
        self.poll_interval = poll_interval
        self.poll_attempts = poll_attempts
        self.sleep = sleep

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.account.handle!r})"

    def _error(self, response: requests.Response, path: str) -> NetworkError:
        return graph_error(response, self.network_label, self.now)

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        token = self._secret.get("access_token", "")
        if not token:
            raise AuthExpired(
                f"no {self.network_label} access token is stored: reconnect the account"
            )
        self.refresh_if_due()
        headers = {"Authorization": f"Bearer {self._secret['access_token']}"}
        return json_of(self.api.request(method, path, headers=headers, **kwargs), path)

    def _comment(self, object_id: str, text: str) -> Published:
        """A reply as a comment under ``object_id`` (``POST /{object-id}/comments`` with
        ``message``: a Facebook post or comment, an Instagram media); the comment's id."""
        answer = self._call("POST", f"/{quote(object_id)}/comments", data={"message": text})
        comment_id = str(answer.get("id", ""))
        if not comment_id:
            raise Rejected(f"{self.network_label} took the comment but did not say its id")
        return Published(remote_id=comment_id, remote_url="", part_ids=(comment_id,))

    # -- long-lived tokens

    def token_expiry(self) -> datetime | None:
        return parse_utc(self._secret.get("expires_at"))

    def refresh_if_due(self) -> None:
        expiry = self.token_expiry()
        if self.refresh_url and expiry is not None and expiry - REFRESH_WINDOW <= self.now():
            self.refresh()

    def refresh_if_unknown(self) -> None:
        """A pasted token's expiry is unknown: renewing it tells (and resets it to 60 days)."""
        if self.refresh_url and self.token_expiry() is None:
            self.refresh()

    def refresh(self) -> bool:
        """Renew the long-lived token (it must be at least a day old); the new token and its
        expiry go to ``on_secret_change`` at once. False when the network would not renew
        it (too new, or not a refreshable kind): the token in hand stays good."""
        if not self.refresh_url:
            return False
        response = send(
            self.api.http,
            "GET",
            self.refresh_url,
            params={
                "grant_type": self.refresh_grant,
                "access_token": self._secret.get("access_token", ""),
            },
        )
        if not response.ok:
            # A dead token shows on the next call itself; here only "try again later" counts.
            error = graph_error(response, self.network_label, self.now)
            if isinstance(error, Transient | RateLimited):
                raise error
            return False
        body = json_of(response, "refresh_access_token")
        if not body.get("access_token"):
            return False
        self._secret.update(
            access_token=str(body["access_token"]),
            expires_at=expires_at(self.now(), body.get("expires_in")),
        )
        if self._sink is not None:
            self._sink(dict(self._secret))
        return True

    # -- containers (Instagram and Threads)

    def wait_container(self, container_id: str, field: str, what: str) -> None:
        """Poll a media container until it is ready to publish (``FINISHED``)."""

        def ready() -> bool | None:
            # Threads: status + error_message; Instagram: status_code + status (the words).
            fields = "status,error_message" if field == "status" else f"{field},status"
            body = self._call("GET", f"/{container_id}", params={"fields": fields})
            state = str(body.get(field, ""))
            if state in ("FINISHED", "PUBLISHED"):
                return True
            if state in ("ERROR", "EXPIRED"):
                words = body.get("error_message") if field == "status" else body.get("status")
                detail = words or state
                raise Rejected(f"{self.network_label} could not use {what}: {detail}")
            return None

        poll(
            ready,
            what=what,
            interval=self.poll_interval,
            attempts=self.poll_attempts,
            sleep=self.sleep,
        )
