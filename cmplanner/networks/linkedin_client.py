"""LinkedIn (Posts API, ``/rest/posts``) behind the ``PublishClient`` interface.

Credentials (one dict in the keyring): ``access_token`` (60 days), ``expires_at`` (ISO UTC)
when known; ``refresh_token`` + ``client_id`` + ``client_secret`` for apps LinkedIn gave
programmatic refresh tokens (then the client refreshes a day before expiry and once on a
401, and writes the new tokens back through ``on_secret_change`` at once). Without a refresh
token the user signs in again every 60 days: ``verify()`` reports the expiry in
``Profile.token_expires_utc`` (from ``expires_at``, or LinkedIn's token introspection when
the app's id and secret are stored) so the accounts view can warn in time.

The author is ``AccountRef.remote_id`` when it is an organization URN
(``urn:li:organization:…``), otherwise the member (``urn:li:person:<sub>`` from
``/v2/userinfo``). ``commentary`` is LinkedIn's "little" text: reserved characters are
escaped (else LinkedIn silently cuts the post) and ``#tags`` become hashtag templates.

Exactly once: LinkedIn has no idempotency key, and listing one's own posts needs a
restricted permission, so ``find_existing`` raises ``NotImplementedError`` (the publisher
shows "unknown — check"). LinkedIn refuses a duplicate (422) anyway.
"""

from __future__ import annotations

import re
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
from cmplanner.networks.http import check_url, error_for_status, rate_limit_wait, send
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
from cmplanner.networks.rest import RestApi, error_json, expires_at, json_of, parse_utc

API_URL = "https://api.linkedin.com"
OAUTH_URL = "https://www.linkedin.com/oauth/v2"
WEB_URL = "https://www.linkedin.com"
#: The Posts API version (YYYYMM; LinkedIn serves each for at least a year).
LINKEDIN_VERSION = "202510"
#: Refresh this long before the access token runs out (when a refresh token exists).
REFRESH_MARGIN = timedelta(days=1)

_LITTLE_RESERVED = re.compile(r"([\\|{}@\[\]()<>#*_~])")
_HASHTAG = re.compile(r"(?<![\w#])#(\w+)")


def little_text(text: str) -> str:
    """``text`` in LinkedIn's little text format: reserved characters escaped, hashtags as
    ``{hashtag|\\#|tag}`` templates."""
    out: list[str] = []
    last = 0
    for m in _HASHTAG.finditer(text):
        out.append(_LITTLE_RESERVED.sub(r"\\\1", text[last : m.start()]))
        out.append("{hashtag|\\#|" + _LITTLE_RESERVED.sub(r"\\\1", m.group(1)) + "}")
        last = m.end()
    out.append(_LITTLE_RESERVED.sub(r"\\\1", text[last:]))
    return "".join(out)


class LinkedInClient:
    """One LinkedIn member or organization (blocking: call from a worker thread)."""

    network = Network.LINKEDIN

    def __init__(
        self,
        account: AccountRef,
        secret: Mapping[str, str],
        *,
        on_secret_change: SecretSink | None = None,
        http: requests.Session | None = None,
        api_url: str = API_URL,
        oauth_url: str = OAUTH_URL,
        version: str = LINKEDIN_VERSION,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.account = account
        self._secret = dict(secret)
        self._sink = on_secret_change
        self.api = RestApi(api_url, error_for=self._error, http=http)
        self.oauth_url = check_url(oauth_url)
        self.version = version
        self.now = now
        self._author = account.remote_id if account.remote_id.startswith("urn:li:") else ""

    def __repr__(self) -> str:
        return f"LinkedInClient({self.account.handle!r})"

    # -- auth and transport

    def _headers(self) -> dict[str, str]:
        token = self._secret.get("access_token", "")
        if not token:
            raise AuthExpired("no LinkedIn access token is stored: reconnect the account")
        return {
            "Authorization": f"Bearer {token}",
            "LinkedIn-Version": self.version,
            "X-Restli-Protocol-Version": "2.0.0",
        }

    def _can_refresh(self) -> bool:
        s = self._secret
        return bool(s.get("refresh_token") and s.get("client_id") and s.get("client_secret"))

    def refresh(self) -> None:
        """A new access token from the refresh token, written back at once."""
        s = self._secret
        response = send(
            self.api.http,
            "POST",
            f"{self.oauth_url}/accessToken",
            data={
                "grant_type": "refresh_token",
                "refresh_token": s.get("refresh_token", ""),
                "client_id": s.get("client_id", ""),
                "client_secret": s.get("client_secret", ""),
            },
        )
        if not response.ok:
            body = error_json(response)
            reason = body.get("error_description") or body.get("error") or response.status_code
            raise AuthExpired(
                f"LinkedIn refused to renew the sign-in ({reason}): reconnect the account",
                status=response.status_code,
            )
        body = json_of(response, "accessToken")
        now = self.now()
        self._secret.update(
            access_token=str(body["access_token"]),
            expires_at=expires_at(now, body.get("expires_in")),
        )
        if body.get("refresh_token"):
            self._secret["refresh_token"] = str(body["refresh_token"])
            self._secret["refresh_token_expires_at"] = expires_at(
                now, body.get("refresh_token_expires_in")
            )
        if self._sink is not None:
            self._sink(dict(self._secret))

    def _call(
        self, method: str, path: str, *, retry_auth: bool = True, **kwargs: Any
    ) -> requests.Response:
        expiry = parse_utc(self._secret.get("expires_at"))
        if self._can_refresh() and expiry is not None and expiry - REFRESH_MARGIN <= self.now():
            self.refresh()
        extra = kwargs.pop("headers", {})
        try:
            return self.api.request(method, path, headers={**self._headers(), **extra}, **kwargs)
        except AuthExpired:
            if not (retry_auth and self._can_refresh()):
                raise
            self.refresh()
            return self._call(method, path, retry_auth=False, headers=extra, **kwargs)

    def _error(self, response: requests.Response, path: str) -> NetworkError:
        status = response.status_code
        body = error_json(response)
        reason = str(body.get("message") or body.get("error_description") or f"HTTP {status}")
        code = str(body.get("code") or body.get("serviceErrorCode") or "") or None
        if status == 401:
            return AuthExpired(
                f"LinkedIn no longer accepts the sign-in ({reason}): reconnect the account",
                status=status,
                code=code,
            )
        if status == 403:
            return AuthFailed(
                f"LinkedIn: {reason}. Reconnect the account with the permission to post "
                "(w_member_social, or w_organization_social for a page)",
                status=status,
                code=code,
            )
        if status == 429:
            wait, at = rate_limit_wait(response.headers, self.now())
            if at is None:  # LinkedIn's daily limits reset at midnight UTC.
                now = self.now()
                at = datetime(now.year, now.month, now.day, tzinfo=UTC) + timedelta(days=1)
                wait = (at - now).total_seconds()
            return RateLimited(f"LinkedIn: {reason}", retry_after_s=wait, reset_at=at, code=code)
        if status == 422 and "duplicate" in reason.lower():
            return Rejected(reason, status=status, code="duplicate")
        return error_for_status(response, reason, code=code)

    # -- PublishClient

    def verify(self) -> Profile:
        try:
            me = json_of(self._call("GET", "/v2/userinfo"), "/v2/userinfo")
        except AuthExpired as exc:
            raise AuthFailed(exc.message, status=exc.status, code=exc.code) from exc
        if not self._author:
            self._author = f"urn:li:person:{me.get('sub', '')}"
        name = str(me.get("name", ""))
        if self._author.startswith("urn:li:organization:"):
            org_id = self._author.rsplit(":", 1)[1]
            org = json_of(self._call("GET", f"/rest/organizations/{org_id}"), "organizations")
            name = str(org.get("localizedName", name))
        return Profile(
            handle=self.account.handle or name,
            display_name=name,
            remote_id=self._author,
            avatar_url=str(me.get("picture", "")),
            token_expires_utc=self.token_expiry(),
        )

    def token_expiry(self) -> datetime | None:
        """When the access token runs out: the stored ``expires_at``, else LinkedIn's
        introspection (needs the app's id and secret); None when neither says."""
        known = parse_utc(self._secret.get("expires_at"))
        s = self._secret
        if known is not None or not (s.get("client_id") and s.get("client_secret")):
            return known
        response = send(
            self.api.http,
            "POST",
            f"{self.oauth_url}/introspectToken",
            data={
                "token": s.get("access_token", ""),
                "client_id": s["client_id"],
                "client_secret": s["client_secret"],
            },
        )
        body = json_of(response, "introspectToken") if response.ok else {}
        expiry = parse_utc(str(body.get("expires_at", ""))) if body.get("active") else None
        if expiry is not None:
            self._secret["expires_at"] = expiry.strftime("%Y-%m-%dT%H:%M:%SZ")
            if self._sink is not None:
                self._sink(dict(self._secret))
        return expiry

    def author(self) -> str:
        if not self._author:
            me = json_of(self._call("GET", "/v2/userinfo"), "/v2/userinfo")
            self._author = f"urn:li:person:{me['sub']}"
        return self._author

    def publish(self, post: Outgoing) -> Published:
        if post.reply_to is not None:
            raise Rejected(
                "LinkedIn: answering comments needs the Community Management API, granted "
                "only to approved apps — answer on LinkedIn itself"
            )
        if len(post.parts) != 1:
            raise Rejected(
                "LinkedIn has no threads: make the post one part (up to 3,000 characters)"
            )
        author = self.author()
        images = [(self.upload_image(m), m.alt) for m in post.media]
        body: dict[str, Any] = {
            "author": author,
            "commentary": little_text(post.parts[0]),
            "visibility": "PUBLIC",
            "distribution": {
                "feedDistribution": "MAIN_FEED",
                "targetEntities": [],
                "thirdPartyDistributionChannels": [],
            },
            "lifecycleState": "PUBLISHED",
            "isReshareDisabledByAuthor": False,
        }
        if len(images) == 1:
            body["content"] = {"media": _image(*images[0])}
        elif images:
            body["content"] = {"multiImage": {"images": [_image(*i) for i in images]}}
        response = self._call("POST", "/rest/posts", json=body)
        urn = response.headers.get("x-restli-id", "")
        if not urn:
            raise Rejected("LinkedIn accepted the post but did not say its id")
        return Published(remote_id=urn, remote_url=web_url(urn), part_ids=(urn,))

    def find_existing(self, post: Outgoing) -> Published | None:
        raise NotImplementedError("LinkedIn cannot look a post up for this account: check it")

    def schedule(self, post: Outgoing) -> str:
        raise NotImplementedError("LinkedIn has no server-side scheduling in its API")

    def cancel_scheduled(self, handoff_id: str) -> None:
        raise NotImplementedError("LinkedIn has no server-side scheduling in its API")

    def delete(self, remote_id: str) -> None:
        self._call(
            "DELETE",
            f"/rest/posts/{quote(remote_id, safe='')}",
            headers={"X-RestLi-Method": "DELETE"},
        )

    def upload_image(self, media: OutgoingMedia) -> str:
        """Images API: initializeUpload → PUT the bytes → the image URN."""
        answer = json_of(
            self._call(
                "POST",
                "/rest/images",
                params={"action": "initializeUpload"},
                json={"initializeUploadRequest": {"owner": self.author()}},
            ),
            "/rest/images",
        )
        value = answer.get("value", {})
        upload_url, urn = str(value.get("uploadUrl", "")), str(value.get("image", ""))
        if not upload_url or not urn:
            raise Rejected("LinkedIn did not give an address to upload the image to")
        self._call(
            "PUT",
            upload_url,
            data=media.path.read_bytes(),
            headers={"Content-Type": media.mime or "application/octet-stream"},
        )
        return urn


def _image(urn: str, alt: str) -> dict[str, str]:
    return {"id": urn, "altText": alt} if alt else {"id": urn}


def web_url(urn: str) -> str:
    """Where people see the post."""
    return f"{WEB_URL}/feed/update/{urn}/"


#: ``account.server``, when set, replaces both LinkedIn hosts (a local test server).
make_linkedin_client: Factory[LinkedInClient] = server_override(
    LinkedInClient, oauth_url="/oauth/v2"
)
