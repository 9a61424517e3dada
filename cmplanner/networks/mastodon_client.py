"""Mastodon behind the ``PublishClient`` interface: statuses, media, threads, the
server's own scheduler, and the instance's limits.

Credentials (one dict in the keyring, see ``oauth.py``): ``access_token`` always (Mastodon
tokens do not expire; there is no refresh), ``client_id`` / ``client_secret`` when cmplanner
registered itself on the instance. ``AccountRef.server`` is the instance URL (plain
``http://`` only on loopback); without one, the domain of a ``user@domain`` handle.

Exactly once: every status is sent with an ``Idempotency-Key`` header derived from
``Outgoing.idempotency_key`` (the first part's is the key itself, part *n*'s the key plus
``:n``). Mastodon keeps these keys for an hour and answers a resend with the status it
already made. After a crash ``find_existing`` also looks through the account's recent
statuses for the same text.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import quote

import requests

from cmplanner.domain.enums import Network
from cmplanner.networks.errors import AuthExpired, AuthFailed, NetworkError, Rejected, Transient
from cmplanner.networks.http import error_for_status
from cmplanner.networks.publishing import (
    AccountRef,
    Outgoing,
    OutgoingMedia,
    Profile,
    Published,
    SecretSink,
)
from cmplanner.networks.rest import RestApi, error_json, iso_utc, json_of, poll, same_text

#: How many of the account's latest statuses ``find_existing`` reads (the API's maximum).
RECENT_LIMIT = 40
_REMOTE_MENTION_RE = re.compile(r"(?<![\w@])(@\w+)@[\w.-]+\w")


class MastodonClient:
    """One Mastodon account (blocking: call from a worker thread)."""

    network = Network.MASTODON

    def __init__(
        self,
        account: AccountRef,
        secret: Mapping[str, str],
        *,
        on_secret_change: SecretSink | None = None,
        http: requests.Session | None = None,
        poll_interval: float = 1.0,
        poll_attempts: int = 120,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.account = account
        self._token = secret.get("access_token", "")
        # Mastodon never refreshes tokens: the sink is accepted for the common signature.
        self._sink = on_secret_change
        self.api = RestApi(instance_url(account), error_for=self._error, http=http)
        self.poll_interval = poll_interval
        self.poll_attempts = poll_attempts
        self.sleep = sleep
        self._account_id = account.remote_id

    def __repr__(self) -> str:
        return f"MastodonClient({self.account.handle!r} on {self.api.base_url})"

    # -- transport

    def _headers(self, idempotency_key: str = "") -> dict[str, str]:
        if not self._token:
            raise AuthExpired("no Mastodon access token is stored: reconnect the account")
        headers = {"Authorization": f"Bearer {self._token}"}
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        return headers

    def _call(
        self, method: str, path: str, *, idempotency_key: str = "", **kwargs: Any
    ) -> requests.Response:
        return self.api.request(method, path, headers=self._headers(idempotency_key), **kwargs)

    def _json(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        return json_of(self._call(method, path, **kwargs), path)

    @staticmethod
    def _error(response: requests.Response, path: str) -> NetworkError:
        status = response.status_code
        body = error_json(response)
        reason = str(body.get("error_description") or body.get("error") or f"HTTP {status}")
        if status == 401:
            return AuthExpired(
                f"Mastodon no longer accepts the access token ({reason}): reconnect the account",
                status=status,
            )
        if status == 403 and "scope" in reason.lower():
            return AuthFailed(
                f"Mastodon: {reason}. Reconnect the account and allow reading and writing",
                status=status,
            )
        return error_for_status(response, reason)

    # -- PublishClient

    def verify(self) -> Profile:
        """The account (``verify_credentials``) and the instance's limits."""
        try:
            me = self._json("GET", "/api/v1/accounts/verify_credentials")
        except AuthExpired as exc:
            raise AuthFailed(exc.message, status=exc.status) from exc
        self._account_id = str(me.get("id", ""))
        char_limit, url_cost = self.instance_limits()
        host = self.api.base_url.split("://", 1)[1]
        return Profile(
            handle=f"{me.get('username') or me.get('acct', '')}@{host}",
            display_name=str(me.get("display_name", "")),
            remote_id=self._account_id,
            avatar_url=str(me.get("avatar", "")),
            server=self.api.base_url,
            char_limit=char_limit,
            url_cost=url_cost,
            extra={"url": str(me.get("url", ""))},
        )

    def instance_limits(self) -> tuple[int | None, int | None]:
        """(max characters, characters per URL) from ``/api/v2/instance`` (``/api/v1``
        on older servers); (None, None) when the server does not say."""
        for path in ("/api/v2/instance", "/api/v1/instance"):
            try:
                body = json_of(self.api.request("GET", path), path)
            except (Rejected, Transient):
                continue
            statuses = body.get("configuration", {}).get("statuses", {})
            limit = statuses.get("max_characters", body.get("max_toot_chars"))
            per_url = statuses.get("characters_reserved_per_url")
            return _int(limit), _int(per_url)
        return None, None

    def publish(self, post: Outgoing) -> Published:
        if not post.parts:
            raise ValueError("nothing to publish")
        media_ids = [self.upload_media(media) for media in post.media]
        statuses: list[dict[str, Any]] = []
        for i, text in enumerate(post.parts):
            body = self._status_body(post, text, media_ids if i == 0 else [])
            if statuses:
                body["in_reply_to_id"] = statuses[-1]["id"]
            elif post.reply_to is not None:
                body["in_reply_to_id"] = post.reply_to.remote_id
                if post.reply_to.visibility == "direct":
                    body["visibility"] = "direct"
            statuses.append(
                self._json(
                    "POST",
                    "/api/v1/statuses",
                    json=body,
                    idempotency_key=part_key(post.idempotency_key, i),
                )
            )
        return _published(statuses)

    def find_existing(self, post: Outgoing) -> Published | None:
        """The post among the account's latest statuses (same text and content warning).

        Raises:
            NotImplementedError: only part of a thread is there: the user must check.
        """
        if not post.parts:
            return None
        recent = self.recent_statuses()
        found: list[dict[str, Any]] = []
        for text in post.parts:
            parent = (
                found[-1]["id"]
                if found
                else (post.reply_to.remote_id if post.reply_to is not None else None)
            )
            match = next(
                (s for s in recent if _is_part(s, text, post.content_warning, parent)), None
            )
            if match is None:
                break
            found.append(match)
        if not found:
            return None
        if len(found) < len(post.parts):
            raise NotImplementedError(
                f"only {len(found)} of the thread's {len(post.parts)} parts are on Mastodon: "
                "check the account and finish or delete the thread by hand"
            )
        return _published(found)

    def schedule(self, post: Outgoing) -> str:
        """Hand the post to the instance's scheduler (``scheduled_at``, at least 5 minutes
        ahead); the ScheduledStatus id. A thread cannot be handed off (its replies need
        the first part's id), so it raises ``NotImplementedError``."""
        if post.scheduled_utc is None:
            raise ValueError("a hand-off needs Outgoing.scheduled_utc")
        if len(post.parts) != 1:
            raise NotImplementedError(
                "Mastodon's scheduler takes single posts, not threads: cmplanner publishes it"
            )
        media_ids = [self.upload_media(media) for media in post.media]
        when = iso_utc(post.scheduled_utc)
        body = self._status_body(post, post.parts[0], media_ids)
        body["scheduled_at"] = when
        answer = self._json(
            "POST",
            "/api/v1/statuses",
            json=body,
            idempotency_key=f"{post.idempotency_key}:at:{when}",
        )
        if "scheduled_at" not in answer:
            raise Rejected("Mastodon published the post at once instead of scheduling it")
        return str(answer["id"])

    def reschedule(self, handoff_id: str, when: datetime) -> None:
        """Move a handed-off post to ``when`` (``PUT /api/v1/scheduled_statuses/:id``)."""
        self._call(
            "PUT",
            f"/api/v1/scheduled_statuses/{quote(handoff_id)}",
            data={"scheduled_at": iso_utc(when)},
        )

    def list_scheduled(self) -> list[dict[str, Any]]:
        """The posts waiting in the instance's scheduler (each: ``id``, ``scheduled_at``,
        ``params``)."""
        response = self._call("GET", "/api/v1/scheduled_statuses", params={"limit": 40})
        body = response.json() if response.content else []
        return [item for item in body if isinstance(item, dict)] if isinstance(body, list) else []

    def cancel_scheduled(self, handoff_id: str) -> None:
        self._call("DELETE", f"/api/v1/scheduled_statuses/{quote(handoff_id)}")

    def delete(self, remote_id: str) -> None:
        self._call("DELETE", f"/api/v1/statuses/{quote(remote_id)}")

    # -- pieces

    def upload_media(self, media: OutgoingMedia) -> str:
        """Upload one file with its alt text; waits while the server processes it."""
        answer = self._call(
            "POST",
            "/api/v2/media",
            files={"file": (media.path.name, media.path.read_bytes(), media.mime)},
            data={"description": media.alt} if media.alt else None,
        )
        body = json_of(answer, "/api/v2/media")
        media_id = str(body["id"])
        if answer.status_code == 200 and body.get("url"):
            return media_id

        def processed() -> str | None:
            check = self._call("GET", f"/api/v1/media/{quote(media_id)}")
            if check.status_code == 206:
                return None
            return media_id if json_of(check, "/api/v1/media").get("url") else None

        return poll(
            processed,
            what=f"the file {media.path.name}",
            interval=self.poll_interval,
            attempts=self.poll_attempts,
            sleep=self.sleep,
        )

    def recent_statuses(self, limit: int = RECENT_LIMIT) -> list[dict[str, Any]]:
        if not self._account_id:
            self._account_id = str(self._json("GET", "/api/v1/accounts/verify_credentials")["id"])
        response = self._call(
            "GET", f"/api/v1/accounts/{quote(self._account_id)}/statuses", params={"limit": limit}
        )
        body = response.json() if response.content else []
        return [s for s in body if isinstance(s, dict)] if isinstance(body, list) else []

    @staticmethod
    def _status_body(post: Outgoing, text: str, media_ids: Sequence[str]) -> dict[str, Any]:
        body: dict[str, Any] = {"status": text}
        if media_ids:
            body["media_ids"] = list(media_ids)
        if post.content_warning:
            body["spoiler_text"] = post.content_warning
        if post.langs:
            body["language"] = post.langs[0]
        return body


def instance_url(account: AccountRef) -> str:
    """The instance's URL: ``account.server``, or ``https://`` + a handle's domain."""
    if account.server:
        return account.server
    _, _, domain = account.handle.lstrip("@").partition("@")
    if not domain:
        raise Rejected("a Mastodon account needs its server address (e.g. https://mastodon.social)")
    return f"https://{domain}"


def part_key(key: str, index: int) -> str:
    """The ``Idempotency-Key`` of part ``index`` of a thread."""
    return key if index == 0 else f"{key}:{index + 1}"


def _is_part(status: Mapping[str, Any], text: str, warning: str, parent: str | None) -> bool:
    if parent is not None and str(status.get("in_reply_to_id") or "") != parent:
        return False
    if (status.get("spoiler_text") or "") != warning:
        return False
    # Mastodon shows a remote mention @user@domain as @user.
    return same_text(
        _REMOTE_MENTION_RE.sub(r"\1", text), str(status.get("content", "")), is_html=True
    )


def _published(statuses: Sequence[Mapping[str, Any]]) -> Published:
    first = statuses[0]
    return Published(
        remote_id=str(first["id"]),
        remote_url=str(first.get("url") or first.get("uri") or ""),
        part_ids=tuple(str(s["id"]) for s in statuses),
    )


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def make_mastodon_client(
    account: AccountRef,
    secret: Mapping[str, str],
    *,
    on_secret_change: SecretSink | None = None,
    http: requests.Session | None = None,
) -> MastodonClient:
    return MastodonClient(account, secret, on_secret_change=on_secret_change, http=http)
