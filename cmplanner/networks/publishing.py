"""The one interface every network's *client* implements, so the publisher never names a network.

The publisher (``cmplanner.services.publisher``) turns a post target into an ``Outgoing``,
asks ``make_client`` for the account's client and calls it; the client does the HTTP and raises
only the typed errors of ``cmplanner.networks.errors``. Nothing here imports Qt, SQLAlchemy or
the keyring: the credential dict comes in, refreshed credentials go out through
``on_secret_change`` (the caller writes them back to the keyring at once).

Exactly-once contract, per network:

- ``Outgoing.idempotency_key`` is derived from the post and target, stable across retries:
  Mastodon sends it as the ``Idempotency-Key`` header; others may use it to recognise their
  own post when reconciling.
- ``Outgoing.record_keys`` are chosen and *stored before* the first request (Bluesky TIDs,
  one per thread part), so a resend collides (``AlreadyExists``) instead of duplicating.
- ``find_existing`` looks the post up on the network after a crash; ``None`` means "looked
  and it is not there"; ``NotImplementedError`` means "this network cannot tell": the
  publisher then shows the target as "unknown — check" and never resends blindly.

Adding a network is one module with a class satisfying ``PublishClient`` and one line in
``_CLIENTS``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar

import requests

from cmplanner.domain.enums import Network

_T = TypeVar("_T")


@dataclass(frozen=True)
class OutgoingMedia:
    """One attached file as it will be uploaded."""

    path: Path
    mime: str
    alt: str = ""
    width: int | None = None
    height: int | None = None
    #: Where the file is reachable publicly (Instagram/Threads need it), or "".
    public_url: str = ""


@dataclass(frozen=True)
class ReplyTarget:
    """The post a reply answers, with what each network's API needs to thread it.

    ``remote_id``: Mastodon's status id (``in_reply_to_id``), X's tweet id
    (``reply.in_reply_to_tweet_id``), Threads' media id (``reply_to_id``), the Facebook or
    Instagram object commented on (``/{id}/comments``), Bluesky's at-uri (the ``parent``
    strong ref, with ``cid``; ``root_uri``/``root_cid`` the thread's first post, the parent
    itself when empty). ``visibility``: Mastodon's, so a reply to a direct message stays
    direct.
    """

    remote_id: str
    cid: str = ""
    root_uri: str = ""
    root_cid: str = ""
    visibility: str = ""


@dataclass(frozen=True)
class Outgoing:
    """What one target publishes: the text already chosen (variant or base) and split.

    ``parts`` holds the thread: ``parts[0]`` is the post, each next part a reply to the one
    before. ``media`` goes on the first part.
    """

    parts: tuple[str, ...]
    idempotency_key: str
    media: tuple[OutgoingMedia, ...] = ()
    content_warning: str = ""
    record_keys: tuple[str, ...] = ()
    langs: tuple[str, ...] = ()
    #: For a server-side hand-off (``schedule``): when the network should publish it.
    scheduled_utc: datetime | None = None
    #: A reply (from the inbox): the post it answers; the first part goes under it.
    reply_to: ReplyTarget | None = None

    @property
    def text(self) -> str:
        return self.parts[0] if self.parts else ""


@dataclass(frozen=True)
class Published:
    """The network's answer: the first part's id and public URL, and every part's id."""

    remote_id: str
    remote_url: str
    part_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Profile:
    """What "test connection" shows, and what the account row keeps (never a secret)."""

    handle: str
    display_name: str = ""
    remote_id: str = ""
    avatar_url: str = ""
    server: str = ""
    char_limit: int | None = None
    url_cost: int | None = None
    token_expires_utc: datetime | None = None
    extra: Mapping[str, str] = field(default_factory=dict)


class PublishClient(Protocol):
    """One connected account on one network."""

    network: Network

    def verify(self) -> Profile:
        """Check the credentials and read the profile (raises ``AuthFailed``/``AuthExpired``)."""
        ...

    def publish(self, post: Outgoing) -> Published:
        """Publish now (under ``post.reply_to`` when set). Raises ``Rejected`` (also: this
        network cannot reply), ``Transient``, ``RateLimited``, ``AuthExpired``, or
        ``AlreadyExists`` when the record key shows an earlier attempt went through."""
        ...

    def find_existing(self, post: Outgoing) -> Published | None:
        """After a crash: the post if the network has it, None if it surely does not.
        Raises ``NotImplementedError`` where the network cannot tell."""
        ...

    def schedule(self, post: Outgoing) -> str:
        """Hand the post to the network's own scheduler; returns its schedule id.
        Raises ``NotImplementedError`` where the network has none."""
        ...

    def cancel_scheduled(self, handoff_id: str) -> None:
        """Cancel a hand-off (``NotImplementedError`` where there is none)."""
        ...

    def delete(self, remote_id: str) -> None:
        """Delete a published post (used by tests and by "undo publish" later)."""
        ...


#: Called with the whole new credential dict whenever a client refreshes its tokens.
SecretSink = Callable[[dict[str, str]], None]


@dataclass(frozen=True)
class AccountRef:
    """The non-secret facts a client needs about its account (from the account row)."""

    id: int
    network: Network
    handle: str
    server: str = ""
    remote_id: str = ""
    media_base_url: str = ""


_Made = TypeVar("_Made", covariant=True)


class Factory(Protocol[_Made]):
    """How every network object is made from its account (the publishing client, the inbox
    and metrics readers): the non-secret facts, the secret, where refreshed secrets go, and
    the shared HTTP session."""

    def __call__(
        self,
        account: AccountRef,
        secret: Mapping[str, str],
        *,
        on_secret_change: SecretSink | None = None,
        http: requests.Session | None = None,
    ) -> _Made: ...


ClientFactory = Factory[PublishClient]


def server_override(make: Callable[..., _T], **paths: str) -> Factory[_T]:
    """A factory for ``make`` where ``account.server``, when set, replaces the network's
    hosts (a local test server): ``api_url`` becomes it and each of ``paths`` (keyword →
    path) the same server plus that path."""

    def factory(
        account: AccountRef,
        secret: Mapping[str, str],
        *,
        on_secret_change: SecretSink | None = None,
        http: requests.Session | None = None,
    ) -> _T:
        urls: dict[str, str] = {}
        if account.server:
            base = account.server.rstrip("/")
            urls = {"api_url": base, **{key: base + path for key, path in paths.items()}}
        return make(account, secret, on_secret_change=on_secret_change, http=http, **urls)

    return factory


#: The credential key a bare secret (``--secret-stdin`` with no JSON, a pasted token) is
#: stored under, per network. A JSON object on stdin is taken as the whole credential dict.
PRIMARY_SECRET_KEY: dict[Network, str] = {
    Network.BLUESKY: "app_password",
    Network.MASTODON: "access_token",
    Network.X: "access_token",
    Network.LINKEDIN: "access_token",
    Network.FACEBOOK: "access_token",
    Network.INSTAGRAM: "access_token",
    Network.THREADS: "access_token",
}

#: network → "module:factory" (imported on first use: start-up imports no network client).
_CLIENTS: dict[Network, str] = {
    Network.BLUESKY: "cmplanner.networks.bluesky_publish:make_bluesky_client",
    Network.MASTODON: "cmplanner.networks.mastodon_client:make_mastodon_client",
    Network.X: "cmplanner.networks.x_client:make_x_client",
    Network.LINKEDIN: "cmplanner.networks.linkedin_client:make_linkedin_client",
    Network.FACEBOOK: "cmplanner.networks.meta_client:make_facebook_client",
    Network.INSTAGRAM: "cmplanner.networks.meta_client:make_instagram_client",
    Network.THREADS: "cmplanner.networks.meta_client:make_threads_client",
}


def load_object(spec: str) -> Any:
    """The object a ``"package.module:name"`` spec names, importing its module on first use
    (the registries of clients, inbox and metrics readers keep start-up free of them)."""
    module_name, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module_name), attr)


def client_factory(network: Network) -> ClientFactory:
    """The factory for ``network``'s client (imports its module on first use)."""
    factory: ClientFactory = load_object(_CLIENTS[network])
    return factory


def make_client(
    account: AccountRef,
    secret: Mapping[str, str],
    *,
    on_secret_change: SecretSink | None = None,
    http: requests.Session | None = None,
) -> PublishClient:
    """The client for one account, given its secret from the credential store."""
    return client_factory(account.network)(
        account, secret, on_secret_change=on_secret_change, http=http
    )
