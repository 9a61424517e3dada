"""Bluesky behind the ``PublishClient`` interface (the reference for every other network).

Credentials (one dict in the keyring): ``app_password`` always; ``access_jwt``,
``refresh_jwt`` and ``did`` once logged in. A stored session is used as is and refreshed on
``ExpiredToken``; when the refresh token is gone too, the client logs in again with the app
password. Every new session is handed to ``on_secret_change`` at once.

Exactly once: ``Outgoing.record_keys`` (TIDs, one per thread part, stored by the publisher
before the first request) become the records' keys, so a resend answers ``AlreadyExists``
and a resumed thread picks up where it stopped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import ParamSpec, TypeVar
from urllib.parse import quote

import requests

from cmplanner.domain.enums import Network
from cmplanner.networks.bluesky_client import (
    BlueskyClient,
    BlueskySession,
    Image,
    PostRef,
    ReplyTo,
    parse_at_uri,
)
from cmplanner.networks.errors import AlreadyExists, AuthExpired, AuthFailed, Rejected, Transient
from cmplanner.networks.publishing import (
    AccountRef,
    Outgoing,
    Profile,
    Published,
    ReplyTarget,
    SecretSink,
)

_P = ParamSpec("_P")
_R = TypeVar("_R")

DEFAULT_PDS = "https://bsky.social"
#: Where a post is seen by people (the public app), from the author's handle and the rkey.
WEB_APP = "https://bsky.app"


class BlueskyPublisher:
    """One Bluesky account."""

    network = Network.BLUESKY

    def __init__(
        self,
        account: AccountRef,
        secret: Mapping[str, str],
        *,
        on_secret_change: SecretSink | None = None,
        http: requests.Session | None = None,
    ) -> None:
        self.account = account
        self._secret = dict(secret)
        self._sink = on_secret_change
        session = None
        if self._secret.get("access_jwt") and self._secret.get("refresh_jwt"):
            session = BlueskySession(
                did=self._secret.get("did", account.remote_id),
                handle=account.handle,
                access_jwt=self._secret["access_jwt"],
                refresh_jwt=self._secret["refresh_jwt"],
            )
        self.client = BlueskyClient(
            account.server or DEFAULT_PDS,
            session,
            http=http,
            on_session_change=self._on_session,
        )

    def _on_session(self, session: BlueskySession) -> None:
        self._secret.update(
            access_jwt=session.access_jwt, refresh_jwt=session.refresh_jwt, did=session.did
        )
        if self._sink is not None:
            self._sink(dict(self._secret))

    def _ensure_session(self) -> None:
        if self.client.session is None:
            self._login()

    def _login(self) -> None:
        password = self._secret.get("app_password", "")
        if not password:
            raise AuthExpired("no Bluesky app password stored: reconnect the account")
        self.client.login(self.account.handle, password)

    def _call(self, fn: Callable[_P, _R], *args: _P.args, **kwargs: _P.kwargs) -> _R:
        """Run ``fn`` logged in; when the whole session is dead, log in again once."""
        self._ensure_session()
        try:
            return fn(*args, **kwargs)
        except AuthExpired:
            if not self._secret.get("app_password"):
                raise
            self._login()
            return fn(*args, **kwargs)

    # -- PublishClient

    def verify(self) -> Profile:
        """The session (answered by the PDS itself), then the profile when an AppView
        answers for it (a bare PDS has none: the handle is then all there is)."""
        session = self._call(self.client._xrpc, "GET", "com.atproto.server.getSession")
        did = str(session.get("did", ""))
        profile = Profile(
            handle=str(session.get("handle", self.account.handle)),
            remote_id=did,
            server=self.client.pds_url,
        )
        try:
            body = self.client._xrpc("GET", "app.bsky.actor.getProfile", params={"actor": did})
        except (Rejected, Transient):
            return profile
        return replace(
            profile,
            display_name=str(body.get("displayName", "")),
            avatar_url=str(body.get("avatar", "")),
        )

    def publish(self, post: Outgoing) -> Published:
        if len(post.record_keys) != len(post.parts):
            raise ValueError("Bluesky needs one stored record key per part")
        if post.reply_to is not None and len(post.parts) != 1:
            raise Rejected("a Bluesky reply is one post: shorten it to 300 characters")
        images: list[Image] = []
        for media in post.media:
            blob = self._call(self.client.upload_blob, media.path, media.mime)
            size = (media.width, media.height) if media.width and media.height else None
            images.append((blob, media.alt, size))
        langs = list(post.langs) or None
        if len(post.parts) == 1:
            ref = self._call(
                self.client.create_post,
                post.parts[0],
                rkey=post.record_keys[0],
                images=images,
                langs=langs,
                reply_to=reply_refs(post.reply_to) if post.reply_to else None,
            )
            refs = [ref]
        else:
            refs = self._call(
                self.client.create_thread,
                list(post.parts),
                rkeys=list(post.record_keys),
                langs=langs,
                first_images=images,
            )
        return self._published(refs)

    def find_existing(self, post: Outgoing) -> Published | None:
        if not post.record_keys:
            return None
        self._ensure_session()
        did = self.client._did()
        refs: list[PostRef] = []
        for rkey in post.record_keys:
            found = self.client._find(did, "app.bsky.feed.post", rkey)
            if found is None:
                break
            refs.append(found.ref)
        if not refs:
            return None
        if len(refs) < len(post.record_keys):
            # Part of a thread went out: resume it (the keys make this safe) by publishing.
            return None
        return self._published(refs)

    def schedule(self, post: Outgoing) -> str:
        raise NotImplementedError("Bluesky has no server-side scheduling")

    def cancel_scheduled(self, handoff_id: str) -> None:
        raise NotImplementedError("Bluesky has no server-side scheduling")

    def delete(self, remote_id: str) -> None:
        self._call(self.client.delete_post, remote_id)

    # -- helpers

    def _published(self, refs: list[PostRef]) -> Published:
        first = refs[0]
        return Published(
            remote_id=first.uri,
            remote_url=web_url(first.uri, self.account.handle),
            part_ids=tuple(r.uri for r in refs),
        )


def reply_refs(to: ReplyTarget) -> ReplyTo:
    """The ``reply.root``/``reply.parent`` strong refs of a reply to ``to``."""
    if not to.cid:
        raise Rejected("this Bluesky post cannot be answered: its content id is unknown")
    parent = PostRef(to.remote_id, to.cid)
    return ReplyTo(PostRef(to.root_uri or to.remote_id, to.root_cid or to.cid), parent)


def web_url(uri: str, handle: str) -> str:
    """The bsky.app address of the post at ``uri``."""
    repo, _, rkey = parse_at_uri(uri)
    return f"{WEB_APP}/profile/{quote(handle or repo)}/post/{rkey}"


def make_bluesky_client(
    account: AccountRef,
    secret: Mapping[str, str],
    *,
    on_secret_change: SecretSink | None = None,
    http: requests.Session | None = None,
) -> BlueskyPublisher:
    return BlueskyPublisher(account, secret, on_secret_change=on_secret_change, http=http)


__all__ = ["AlreadyExists", "AuthFailed", "BlueskyPublisher", "make_bluesky_client", "web_url"]
