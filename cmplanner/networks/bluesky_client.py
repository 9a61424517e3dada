"""The Bluesky (AT Protocol) client: XRPC calls to a PDS over the shared HTTP layer.

Blocking: call it from a worker thread only. Tokens come in as a ``BlueskySession`` and
go out through ``on_session_change`` (so the caller writes refreshed ones to the keyring at
once); they are never logged, and ``BlueskySession``'s repr hides them.

Exactly once: ``create_post`` takes the record key (a TID from ``new_tid()``) that the
caller stored *before* sending. Re-sending with the same key never makes a second record:
the PDS refuses it, and the client answers ``AlreadyExists(uri, cid)`` with the record
already there.
"""

from __future__ import annotations

import logging
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

import requests

from cmplanner.networks.base import Facet
from cmplanner.networks.errors import (
    AlreadyExists,
    AuthExpired,
    AuthFailed,
    NetworkError,
    Rejected,
    Transient,
)
from cmplanner.networks.facets import detect_facets
from cmplanner.networks.http import check_url, error_for_status, make_session, send

log = logging.getLogger(__name__)

POST_COLLECTION = "app.bsky.feed.post"
_B32 = "234567abcdefghijklmnopqrstuvwxyz"
TID_RE = re.compile(r"^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$")
_AT_URI_RE = re.compile(r"^at://([^/]+)/([^/]+)/([^/]+)$")
_FACET_TYPES = {
    "link": ("app.bsky.richtext.facet#link", "uri"),
    "mention": ("app.bsky.richtext.facet#mention", "did"),
    "tag": ("app.bsky.richtext.facet#tag", "tag"),
}
# Codes that mean "the access token is no good" (refresh once on ExpiredToken).
_TOKEN_CODES = {"ExpiredToken", "InvalidToken"}
_LOGIN_REFUSED = {"AuthenticationRequired", "AccountTakedown", "InvalidPassword"}


# ---------------------------------------------------------------- record keys (TIDs)


class TidClock:
    """Makes TIDs: 53 bits of microseconds since the epoch, then a 10-bit clock id,
    as 13 characters of base32-sortable. Strictly increasing within one clock, even when
    the system time steps back or two calls share a microsecond."""

    def __init__(self, clock_id: int | None = None) -> None:
        self.clock_id = secrets.randbelow(1024) if clock_id is None else clock_id & 0x3FF
        self._last = 0
        self._lock = threading.Lock()

    def next(self, now_us: int | None = None) -> str:
        with self._lock:
            us = time.time_ns() // 1000 if now_us is None else now_us
            us = max(us, self._last + 1)
            self._last = us
        return encode_tid(us, self.clock_id)


def encode_tid(timestamp_us: int, clock_id: int) -> str:
    value = ((timestamp_us & ((1 << 53) - 1)) << 10) | (clock_id & 0x3FF)
    return "".join(_B32[(value >> (5 * (12 - i))) & 31] for i in range(13))


def tid_timestamp_us(tid: str) -> int:
    """The microsecond timestamp a TID carries."""
    value = 0
    for ch in tid:
        value = (value << 5) | _B32.index(ch)
    return value >> 10


_TID_CLOCK = TidClock()


def new_tid() -> str:
    """A fresh record key, later than any this process made before."""
    return _TID_CLOCK.next()


# ---------------------------------------------------------------- values


@dataclass(frozen=True)
class BlueskySession:
    did: str
    handle: str
    access_jwt: str = field(repr=False)
    refresh_jwt: str = field(repr=False)


class PostRef(NamedTuple):
    """A strong reference to a record: its AT URI and content hash."""

    uri: str
    cid: str


@dataclass(frozen=True)
class ReplyTo:
    """Where a reply goes: the thread's first post and the post answered."""

    root: PostRef
    parent: PostRef


@dataclass(frozen=True)
class BlobRef:
    """An uploaded blob, as the PDS described it (goes into the record unchanged)."""

    data: Mapping[str, Any]

    @property
    def mime(self) -> str:
        return str(self.data.get("mimeType", ""))

    @property
    def size(self) -> int:
        return int(self.data.get("size", 0))


@dataclass(frozen=True)
class PostRecord:
    uri: str
    cid: str
    value: Mapping[str, Any]

    @property
    def ref(self) -> PostRef:
        return PostRef(self.uri, self.cid)

    @property
    def text(self) -> str:
        return str(self.value.get("text", ""))


#: One image: the blob, its alt text, its (width, height) or None.
Image = tuple[BlobRef, str, tuple[int, int] | None]


def parse_at_uri(uri: str) -> tuple[str, str, str]:
    """(repo, collection, rkey) of ``at://repo/collection/rkey``."""
    m = _AT_URI_RE.match(uri)
    if not m:
        raise ValueError(f"not a record AT URI: {uri!r}")
    return m.group(1), m.group(2), m.group(3)


# ---------------------------------------------------------------- the client


class BlueskyClient:
    """XRPC calls to one PDS for one account (``session``, set by ``login``)."""

    def __init__(
        self,
        pds_url: str,
        session: BlueskySession | None = None,
        *,
        http: requests.Session | None = None,
        on_session_change: Callable[[BlueskySession], None] | None = None,
    ) -> None:
        self.pds_url = check_url(pds_url)
        self.session = session
        self.http = http or make_session()
        self.on_session_change = on_session_change
        self._dids: dict[str, str] = {}

    # -- transport

    def _xrpc(
        self,
        method: str,
        nsid: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Mapping[str, Any] | None = None,
        data: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        auth: str | None = "access",
        retry_expired: bool = True,
    ) -> dict[str, Any]:
        """One XRPC call; on ``ExpiredToken`` refresh once and send it again."""
        hdrs = dict(headers or {})
        if auth is not None:
            if self.session is None:
                raise AuthExpired("not logged in to Bluesky")
            token = self.session.access_jwt if auth == "access" else self.session.refresh_jwt
            hdrs["Authorization"] = f"Bearer {token}"
        url = f"{self.pds_url}/xrpc/{nsid}"
        response = send(self.http, method, url, params=params, json=json, data=data, headers=hdrs)
        if response.ok:
            if not response.content:
                return {}
            try:
                body = response.json()
            except ValueError as exc:
                raise Transient(f"{nsid}: the server sent an unreadable answer") from exc
            return body if isinstance(body, dict) else {}
        code, message = _error_body(response)
        if auth == "access" and code == "ExpiredToken" and retry_expired:
            log.info("%s: access token expired, refreshing the session", nsid)
            self.refresh()
            return self._xrpc(
                method,
                nsid,
                params=params,
                json=json,
                data=data,
                headers=headers,
                auth=auth,
                retry_expired=False,
            )
        raise self._error(response, nsid, code, message)

    @staticmethod
    def _error(
        response: requests.Response, nsid: str, code: str | None, message: str
    ) -> NetworkError:
        status = response.status_code
        text = message or code or f"HTTP {status}"
        if code in _TOKEN_CODES:
            return AuthExpired(
                f"Bluesky session no longer valid ({code})", status=status, code=code
            )
        if status == 413:
            return Rejected(text, status=status, code=code or "PayloadTooLarge")
        return error_for_status(response, text, code=code)

    def _set_session(self, session: BlueskySession) -> None:
        self.session = session
        if self.on_session_change is not None:
            self.on_session_change(session)

    # -- sessions

    def login(self, identifier: str, app_password: str) -> BlueskySession:
        """Log in with a handle (or DID, or email) and an app password."""
        try:
            body = self._xrpc(
                "POST",
                "com.atproto.server.createSession",
                json={"identifier": identifier, "password": app_password},
                auth=None,
            )
        except AuthExpired as exc:  # 401 on createSession: the password is wrong
            raise AuthFailed(  # the server's own words ("Invalid identifier or password")
                exc.message or f"Bluesky refused the login for {identifier}",
                status=exc.status,
                code=exc.code,
            ) from exc
        except Rejected as exc:
            if exc.code in _LOGIN_REFUSED:
                raise AuthFailed(exc.reason, status=exc.status, code=exc.code) from exc
            raise
        session = _session_from(body)
        self._set_session(session)
        return session

    def refresh(self) -> BlueskySession:
        """Renew the access token with the refresh token; ``AuthExpired`` if that fails."""
        try:
            body = self._xrpc("POST", "com.atproto.server.refreshSession", auth="refresh")
        except (AuthExpired, Rejected) as exc:
            raise AuthExpired(
                "the Bluesky session expired: reconnect the account",
                status=exc.status,
                code=exc.code,
            ) from exc
        session = _session_from(body)
        self._set_session(session)
        return session

    def _did(self) -> str:
        if self.session is None:
            raise AuthExpired("not logged in to Bluesky")
        return self.session.did

    # -- identity and blobs

    def resolve_handle(self, handle: str) -> str:
        handle = handle.lstrip("@").lower()
        if handle not in self._dids:
            body = self._xrpc(
                "GET", "com.atproto.identity.resolveHandle", params={"handle": handle}, auth=None
            )
            self._dids[handle] = str(body["did"])
        return self._dids[handle]

    def upload_blob(self, path: Path | str, mime: str) -> BlobRef:
        content = Path(path).read_bytes()
        body = self._xrpc(
            "POST", "com.atproto.repo.uploadBlob", data=content, headers={"Content-Type": mime}
        )
        return BlobRef(dict(body["blob"]))

    # -- posts

    def facet_records(
        self, text: str, facets: Sequence[Facet] | None = None
    ) -> list[dict[str, Any]]:
        """The ``facets`` of a post record; mentions resolved to DIDs now (a handle that
        does not resolve stays plain text, as in Bluesky's own app)."""
        out: list[dict[str, Any]] = []
        for facet in detect_facets(text) if facets is None else facets:
            type_name, key = _FACET_TYPES[facet.type]
            value = facet.value
            if facet.type == "mention":
                try:
                    value = self.resolve_handle(value)
                except (Rejected, KeyError):
                    continue
            out.append(
                {
                    "index": {"byteStart": facet.byte_start, "byteEnd": facet.byte_end},
                    "features": [{"$type": type_name, key: value}],
                }
            )
        return out

    def create_post(
        self,
        text: str,
        *,
        rkey: str,
        facets: Sequence[Facet] | None = None,
        images: Sequence[Image] = (),
        reply_to: ReplyTo | PostRef | None = None,
        langs: Sequence[str] | None = None,
        created_at: datetime | None = None,
    ) -> PostRef:
        """Publish one post under record key ``rkey``.

        ``facets`` default to those detected in ``text``. ``reply_to`` is a ``ReplyTo`` or,
        for a reply to a thread's first post, that post's ``PostRef``.

        Raises:
            AlreadyExists: a record with this key is there already (an earlier attempt).
            Rejected, RateLimited, AuthExpired, Transient: as their names say.
        """
        if not TID_RE.match(rkey):
            raise ValueError(f"not a TID record key: {rkey!r}")
        record: dict[str, Any] = {
            "$type": POST_COLLECTION,
            "text": text,
            "createdAt": _iso(created_at or datetime.now(UTC)),
        }
        facet_list = self.facet_records(text, facets)
        if facet_list:
            record["facets"] = facet_list
        if langs:
            record["langs"] = list(langs)
        if reply_to is not None:
            reply = reply_to if isinstance(reply_to, ReplyTo) else ReplyTo(reply_to, reply_to)
            record["reply"] = {"root": _strong(reply.root), "parent": _strong(reply.parent)}
        if images:
            record["embed"] = {
                "$type": "app.bsky.embed.images",
                "images": [_image(blob, alt, aspect) for blob, alt, aspect in images],
            }
        repo = self._did()
        request = {"repo": repo, "collection": POST_COLLECTION, "rkey": rkey, "record": record}
        try:
            body = self._xrpc("POST", "com.atproto.repo.createRecord", json=request)
        except (Transient, Rejected) as exc:
            # The key may be taken (the PDS answers 500 for that), or the request may
            # have gone through before the connection dropped: look before reporting.
            existing = self._find(repo, POST_COLLECTION, rkey)
            if existing is not None:
                raise AlreadyExists(existing.uri, existing.cid) from exc
            raise
        return PostRef(str(body["uri"]), str(body["cid"]))

    def create_thread(
        self,
        texts: Sequence[str],
        *,
        rkeys: Sequence[str],
        langs: Sequence[str] | None = None,
        first_images: Sequence[Image] = (),
    ) -> list[PostRef]:
        """Publish ``texts`` as a thread: each part a reply to the one before.

        Parts already published under their key (an earlier, interrupted attempt) are
        taken as they are, so resuming a thread never duplicates a part.
        """
        if len(rkeys) != len(texts):
            raise ValueError("one record key per part of the thread")
        refs: list[PostRef] = []
        for i, (text, rkey) in enumerate(zip(texts, rkeys, strict=True)):
            reply = ReplyTo(refs[0], refs[-1]) if refs else None
            try:
                ref = self.create_post(
                    text,
                    rkey=rkey,
                    reply_to=reply,
                    langs=langs,
                    images=first_images if i == 0 else (),
                )
            except AlreadyExists as exc:
                ref = PostRef(exc.uri, exc.cid)
            refs.append(ref)
        return refs

    def _find(self, repo: str, collection: str, rkey: str) -> PostRecord | None:
        try:
            body = self._xrpc(
                "GET",
                "com.atproto.repo.getRecord",
                params={"repo": repo, "collection": collection, "rkey": rkey},
                auth=None,
            )
        except (Rejected, Transient):
            return None
        return PostRecord(str(body["uri"]), str(body.get("cid", "")), body.get("value", {}))

    def get_post(self, uri: str) -> PostRecord:
        """The post at ``uri``; ``Rejected`` (code ``RecordNotFound``) when there is none."""
        repo, collection, rkey = parse_at_uri(uri)
        body = self._xrpc(
            "GET",
            "com.atproto.repo.getRecord",
            params={"repo": repo, "collection": collection, "rkey": rkey},
            auth=None,
        )
        return PostRecord(str(body["uri"]), str(body.get("cid", "")), body.get("value", {}))

    def delete_post(self, uri: str) -> None:
        repo, collection, rkey = parse_at_uri(uri)
        self._xrpc(
            "POST",
            "com.atproto.repo.deleteRecord",
            json={"repo": repo, "collection": collection, "rkey": rkey},
        )

    def list_posts(self, did: str | None = None, *, page_size: int = 100) -> list[PostRecord]:
        """Every post record in the repository (``did``, default: the logged-in account)."""
        return list(self._iter_records(did or self._did(), POST_COLLECTION, page_size))

    def _iter_records(self, repo: str, collection: str, page_size: int) -> Iterator[PostRecord]:
        cursor: str | None = None
        while True:
            params: dict[str, Any] = {"repo": repo, "collection": collection, "limit": page_size}
            if cursor:
                params["cursor"] = cursor
            body = self._xrpc("GET", "com.atproto.repo.listRecords", params=params, auth=None)
            records = body.get("records", [])
            for rec in records:
                yield PostRecord(str(rec["uri"]), str(rec.get("cid", "")), rec.get("value", {}))
            cursor = body.get("cursor")
            if not cursor or not records:
                return


# ---------------------------------------------------------------- helpers


def _error_body(response: requests.Response) -> tuple[str | None, str]:
    try:
        body = response.json()
    except ValueError:
        return None, ""
    if not isinstance(body, dict):
        return None, ""
    code = body.get("error")
    message = body.get("message")
    return (str(code) if code else None), (str(message) if message else "")


def _session_from(body: Mapping[str, Any]) -> BlueskySession:
    return BlueskySession(
        did=str(body["did"]),
        handle=str(body.get("handle", "")),
        access_jwt=str(body["accessJwt"]),
        refresh_jwt=str(body["refreshJwt"]),
    )


def _iso(moment: datetime) -> str:
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _strong(ref: PostRef) -> dict[str, str]:
    return {"uri": ref.uri, "cid": ref.cid}


def _image(blob: BlobRef, alt: str, aspect: tuple[int, int] | None) -> dict[str, Any]:
    image: dict[str, Any] = {"image": dict(blob.data), "alt": alt}
    if aspect and aspect[0] > 0 and aspect[1] > 0:
        image["aspectRatio"] = {"width": int(aspect[0]), "height": int(aspect[1])}
    return image
