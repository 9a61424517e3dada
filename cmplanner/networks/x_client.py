"""X (API v2) behind the ``PublishClient`` interface: posts, threads, images with alt text.

Two ways to sign in (credential dicts, see ``oauth.py``):

- OAuth 2.0 with PKCE: ``access_token`` (2 hours), ``refresh_token`` (rotates on every
  refresh), ``expires_at``, ``client_id`` (+ ``client_secret`` for a confidential app). The
  client refreshes before the token runs out, and once on a 401; the new tokens go to
  ``on_secret_change`` at once (the old refresh token is dead from then on).
- The user's own OAuth 1.0a keys: ``consumer_key``, ``consumer_secret``, ``access_token``,
  ``access_token_secret``; every request is signed (HMAC-SHA1). They do not expire.

Exactly once: X has no idempotency key and no way to look a post up cheaply, so
``find_existing`` raises ``NotImplementedError`` (the publisher shows "unknown — check");
X refuses an identical text anyway (403 "duplicate content" → ``Rejected``).
"""

from __future__ import annotations

import mimetypes
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

import requests

from cmplanner.domain.enums import Network
from cmplanner.networks.errors import (
    AuthExpired,
    AuthFailed,
    NetworkError,
    RateLimited,
    Rejected,
)
from cmplanner.networks.http import error_for_status, rate_limit_wait
from cmplanner.networks.oauth import X_TOKEN_URL, oauth1_header, x_refresh
from cmplanner.networks.publishing import (
    AccountRef,
    Factory,
    Outgoing,
    OutgoingMedia,
    Profile,
    Published,
    SecretSink,
    server_override,
)
from cmplanner.networks.rest import RestApi, error_json, json_of, parse_utc, poll

API_URL = "https://api.x.com"
WEB_URL = "https://x.com"
#: Bytes per APPEND of the chunked media upload.
CHUNK = 4 * 1024 * 1024
#: Refresh an OAuth 2.0 token this long before it runs out.
REFRESH_MARGIN = timedelta(minutes=2)
#: 403 problem types that mean "this sign-in may not do that", not "this post is refused".
_AUTH_PROBLEMS = ("client-forbidden", "unsupported-authentication", "oauth1-permissions")


class XClient:
    """One X account (blocking: call from a worker thread)."""

    network = Network.X

    def __init__(
        self,
        account: AccountRef,
        secret: Mapping[str, str],
        *,
        on_secret_change: SecretSink | None = None,
        http: requests.Session | None = None,
        api_url: str = API_URL,
        token_url: str = X_TOKEN_URL,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        poll_interval: float = 1.0,
        poll_attempts: int = 120,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.account = account
        self._secret = dict(secret)
        self._sink = on_secret_change
        self.api = RestApi(api_url, error_for=self._error, http=http)
        self.token_url = token_url
        self.now = now
        self.poll_interval = poll_interval
        self.poll_attempts = poll_attempts
        self.sleep = sleep

    def __repr__(self) -> str:
        return f"XClient({self.account.handle!r}, {'OAuth 1.0a' if self.oauth1 else 'OAuth 2.0'})"

    @property
    def oauth1(self) -> bool:
        return bool(self._secret.get("consumer_key") and self._secret.get("access_token_secret"))

    # -- auth

    def _auth_header(self, method: str, url: str, signed: Mapping[str, str]) -> str:
        s = self._secret
        if not s.get("access_token"):
            raise AuthExpired("no X access token is stored: reconnect the account")
        if self.oauth1:
            return oauth1_header(
                method,
                url,
                consumer_key=s["consumer_key"],
                consumer_secret=s.get("consumer_secret", ""),
                token=s["access_token"],
                token_secret=s["access_token_secret"],
                params=signed,
            )
        return f"Bearer {s['access_token']}"

    def _can_refresh(self) -> bool:
        return not self.oauth1 and bool(self._secret.get("refresh_token"))

    def refresh(self) -> None:
        """New OAuth 2.0 tokens, written back through ``on_secret_change`` at once."""
        self._secret = x_refresh(
            self._secret, token_url=self.token_url, http=self.api.http, now=self.now
        )
        if self._sink is not None:
            self._sink(dict(self._secret))

    def _refresh_if_due(self) -> None:
        expiry = parse_utc(self._secret.get("expires_at"))
        if self._can_refresh() and expiry is not None and expiry - REFRESH_MARGIN <= self.now():
            self.refresh()

    def _call(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        json: Any = None,
        files: Any = None,
        retry_auth: bool = True,
    ) -> requests.Response:
        self._refresh_if_due()
        url = self.api.url(path)
        headers = {"Authorization": self._auth_header(method, url, params or {})}
        try:
            return self.api.request(
                method, path, headers=headers, params=params, json=json, files=files
            )
        except AuthExpired:
            if not (retry_auth and self._can_refresh()):
                raise
            self.refresh()
            return self._call(method, path, params=params, json=json, files=files, retry_auth=False)

    def _json(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        return json_of(self._call(method, path, **kwargs), path)

    def _error(self, response: requests.Response, path: str) -> NetworkError:
        status = response.status_code
        body = error_json(response)
        errors = body.get("errors") or []
        first = errors[0] if errors and isinstance(errors[0], dict) else {}
        reason = str(
            body.get("detail") or first.get("message") or body.get("title") or f"HTTP {status}"
        )
        problem = str(body.get("type") or first.get("type") or "")
        if status == 401:
            return AuthExpired(
                f"X no longer accepts the sign-in ({reason}): reconnect the account", status=status
            )
        if status == 403:
            if "duplicate" in reason.lower():
                return Rejected(reason, status=status, code="duplicate")
            if any(p in problem or p in str(body.get("reason", "")) for p in _AUTH_PROBLEMS):
                return AuthFailed(
                    f"X: {reason}. Check the app's permissions (read and write) and reconnect",
                    status=status,
                    code=problem or None,
                )
            return Rejected(reason, status=status, code=problem or None)
        if status == 429:
            return self._rate_limited(response, reason)
        return error_for_status(response, reason, code=problem or None)

    def _rate_limited(self, response: requests.Response, reason: str) -> RateLimited:
        """X's own headers: ``x-rate-limit-reset`` (15-minute window), and the 24-hour
        user cap ``x-user-limit-24hour-reset`` when that one is spent."""
        h = response.headers
        reset = h.get("x-rate-limit-reset", "")
        if h.get("x-user-limit-24hour-remaining") == "0" and h.get("x-user-limit-24hour-reset"):
            reset = h["x-user-limit-24hour-reset"]
        headers = {"X-RateLimit-Reset": reset} if reset else dict(h)
        wait, at = rate_limit_wait(headers, self.now())
        return RateLimited(f"X: {reason}", retry_after_s=wait, reset_at=at)

    # -- PublishClient

    def verify(self) -> Profile:
        try:
            body = self._json(
                "GET", "/2/users/me", params={"user.fields": "profile_image_url,name,username"}
            )
        except AuthExpired as exc:
            raise AuthFailed(exc.message, status=exc.status) from exc
        user = body.get("data", {})
        expires = None
        if not self.oauth1 and not self._secret.get("refresh_token"):
            expires = parse_utc(self._secret.get("expires_at"))
        return Profile(
            handle=str(user.get("username", self.account.handle)),
            display_name=str(user.get("name", "")),
            remote_id=str(user.get("id", "")),
            avatar_url=str(user.get("profile_image_url", "")),
            token_expires_utc=expires,
        )

    def publish(self, post: Outgoing) -> Published:
        if not post.parts:
            raise ValueError("nothing to publish")
        media_ids = [self.upload_media(media) for media in post.media]
        ids: list[str] = []
        for i, text in enumerate(post.parts):
            body: dict[str, Any] = {"text": text}
            if i == 0 and media_ids:
                body["media"] = {"media_ids": media_ids}
            if ids:
                body["reply"] = {"in_reply_to_tweet_id": ids[-1]}
            elif post.reply_to is not None:
                body["reply"] = {"in_reply_to_tweet_id": post.reply_to.remote_id}
            answer = self._json("POST", "/2/tweets", json=body)
            ids.append(str(answer["data"]["id"]))
        return Published(remote_id=ids[0], remote_url=self.web_url(ids[0]), part_ids=tuple(ids))

    def find_existing(self, post: Outgoing) -> Published | None:
        raise NotImplementedError("X cannot look a post up cheaply: check the account")

    def schedule(self, post: Outgoing) -> str:
        raise NotImplementedError("X has no server-side scheduling in its API")

    def cancel_scheduled(self, handoff_id: str) -> None:
        raise NotImplementedError("X has no server-side scheduling in its API")

    def delete(self, remote_id: str) -> None:
        self._call("DELETE", f"/2/tweets/{quote(remote_id)}")

    # -- media (chunked v2 upload: INIT, APPEND, FINALIZE, STATUS)

    def upload_media(self, media: OutgoingMedia) -> str:
        """Upload one file, set its alt text; the media id."""
        content = media.path.read_bytes()
        mime = media.mime or mimetypes.guess_type(media.path.name)[0] or ""
        category = (
            "tweet_gif"
            if mime == "image/gif"
            else "tweet_video"
            if mime.startswith("video/")
            else "tweet_image"
        )
        init = self._json(
            "POST",
            "/2/media/upload",
            files=_form(
                command="INIT",
                media_type=mime,
                total_bytes=str(len(content)),
                media_category=category,
            ),
        )
        media_id = str(init["data"]["id"])
        for index, start in enumerate(range(0, max(len(content), 1), CHUNK)):
            chunk = content[start : start + CHUNK]
            files = _form(command="APPEND", media_id=media_id, segment_index=str(index))
            files["media"] = (media.path.name, chunk, "application/octet-stream")
            self._call("POST", "/2/media/upload", files=files)
        done = self._json(
            "POST", "/2/media/upload", files=_form(command="FINALIZE", media_id=media_id)
        )
        if done.get("data", {}).get("processing_info"):
            self._wait_processed(media_id, media.path.name)
        if media.alt:
            self._call(
                "POST",
                "/2/media/metadata",
                json={"id": media_id, "metadata": {"alt_text": {"text": media.alt}}},
            )
        return media_id

    def _wait_processed(self, media_id: str, name: str) -> None:
        def state() -> str | None:
            body = self._json(
                "GET", "/2/media/upload", params={"command": "STATUS", "media_id": media_id}
            )
            info = body.get("data", {}).get("processing_info", {})
            if info.get("state") == "failed":
                error = info.get("error", {})
                raise Rejected(f"X could not process {name}: {error.get('message', 'failed')}")
            return "done" if info.get("state", "succeeded") == "succeeded" else None

        poll(
            state,
            what=f"the file {name}",
            interval=self.poll_interval,
            attempts=self.poll_attempts,
            sleep=self.sleep,
        )

    def web_url(self, post_id: str) -> str:
        handle = self.account.handle.lstrip("@")
        return (
            f"{WEB_URL}/{quote(handle)}/status/{post_id}"
            if handle
            else (f"{WEB_URL}/i/web/status/{post_id}")
        )


def _form(**fields: str) -> dict[str, tuple[None, str] | tuple[str, bytes, str]]:
    """Plain multipart form fields (``requests`` sends ``(None, value)`` without a file name)."""
    return {name: (None, value) for name, value in fields.items()}


#: ``account.server``, when set, replaces ``https://api.x.com`` (a local test server).
make_x_client: Factory[XClient] = server_override(XClient, token_url="/2/oauth2/token")
