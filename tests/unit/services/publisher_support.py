"""A scriptable remote network and a small desk for the publisher's tests.

``FakeNetwork`` stands for the *remote* side only (what a server has published, what it
answers next); everything else is real: the SQLite workspace, the services, the credential
store over the encrypted-file backend.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import update

from cmplanner.domain.clock import FixedClock
from cmplanner.domain.enums import AccountStatus, Network
from cmplanner.domain.models import Account, Brand, Post
from cmplanner.networks.errors import AlreadyExists
from cmplanner.networks.publishing import (
    AccountRef,
    Outgoing,
    Profile,
    Published,
    SecretSink,
)
from cmplanner.services.credentials import CredentialStore
from cmplanner.services.publisher import Publisher
from cmplanner.services.workspace import Workspace
from cmplanner.storage.tables import AccountRow, BrandRow

#: Networks whose resend collides (the fake answers AlreadyExists for a known key).
COLLIDING = {Network.BLUESKY, Network.MASTODON}


class Killed(BaseException):
    """The process died mid-request (SIGKILL): nothing after it runs."""


@dataclass
class Call:
    kind: str
    account_id: int
    post: Outgoing | None = None
    handoff_id: str = ""


@dataclass
class FakeNetwork:
    """What the remote servers hold and will answer next, per account."""

    posts: dict[str, Published] = field(default_factory=dict)  # idempotency key → post
    scheduled: dict[str, Outgoing] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    #: account id → things to raise (or ``"deliver-then-kill"``) on the next publishes.
    script: dict[int, list[BaseException | str]] = field(default_factory=dict)
    #: Networks whose client cannot look a post up.
    blind: set[Network] = field(default_factory=set)
    #: Networks with a server-side scheduler.
    schedulers: set[Network] = field(default_factory=lambda: {Network.MASTODON})
    #: A new secret the next client hands to ``on_secret_change`` (a token refresh).
    refresh_to: dict[str, str] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    #: Keys seen by ``publish`` alongside the record keys stored in the database then.
    keys_at_send: list[tuple[tuple[str, ...], str]] = field(default_factory=list)

    def publishes(self, account_id: int | None = None) -> list[Call]:
        return [
            c
            for c in self.calls
            if c.kind == "publish" and (account_id is None or c.account_id == account_id)
        ]

    def client(
        self,
        account: AccountRef,
        secret: Mapping[str, str],
        *,
        on_secret_change: SecretSink | None = None,
        http: object = None,
    ) -> FakeClient:
        return FakeClient(self, account, dict(secret), on_secret_change)


class FakeClient:
    def __init__(
        self,
        net: FakeNetwork,
        account: AccountRef,
        secret: dict[str, str],
        sink: SecretSink | None,
    ) -> None:
        self.net = net
        self.account = account
        self.network = account.network
        self.secret = secret
        if net.refresh_to is not None and sink is not None:
            sink(dict(net.refresh_to))

    def verify(self) -> Profile:
        return Profile(handle=self.account.handle)

    def _next(self) -> BaseException | str | None:
        with self.net.lock:
            queue = self.net.script.get(self.account.id) or []
            return queue.pop(0) if queue else None

    def publish(self, post: Outgoing) -> Published:
        scripted = self._next()
        with self.net.lock:
            self.net.calls.append(Call("publish", self.account.id, post))
        if isinstance(scripted, BaseException):
            raise scripted
        with self.net.lock:
            key = post.idempotency_key
            if key in self.net.posts:
                if self.network in COLLIDING:
                    raise AlreadyExists(self.net.posts[key].remote_id, "cid")
                key = f"{key}#dup{len(self.net.posts)}"  # a blind resend duplicates
            n = next(self.net._ids)
            published = Published(f"remote-{n}", f"https://{self.network.value}.example/p/{n}")
            self.net.posts[key] = published
        if scripted == "deliver-then-kill":
            raise Killed()
        return published

    def find_existing(self, post: Outgoing) -> Published | None:
        with self.net.lock:
            self.net.calls.append(Call("find", self.account.id, post))
            if self.network in self.net.blind:
                raise NotImplementedError("cannot tell")
            return self.net.posts.get(post.idempotency_key)

    def schedule(self, post: Outgoing) -> str:
        if self.network not in self.net.schedulers:
            raise NotImplementedError("no scheduler")
        with self.net.lock:
            handoff_id = f"sched-{next(self.net._ids)}"
            self.net.scheduled[handoff_id] = post
            self.net.calls.append(Call("schedule", self.account.id, post, handoff_id))
        return handoff_id

    def cancel_scheduled(self, handoff_id: str) -> None:
        with self.net.lock:
            self.net.scheduled.pop(handoff_id, None)
            self.net.calls.append(Call("cancel", self.account.id, None, handoff_id))

    def delete(self, remote_id: str) -> None:
        raise NotImplementedError


class Desk:
    """A brand, connected accounts with secrets, scheduled posts, and publishers."""

    def __init__(self, ws: Workspace, clock: FixedClock, tmp: Path) -> None:
        self.ws = ws
        self.clock = clock
        self.net = FakeNetwork()
        self.credentials = CredentialStore()
        self.credentials.use_encrypted_file(tmp / "A_pub-credentials.bin", "test passphrase 1")
        self.brand: Brand = ws.brands.create("Panadería Sol", "UTC")
        self.online = True
        self.notified: list[tuple[str, tuple[int, ...]]] = []
        ws.notifier.subscribe(lambda topic, ids: self.notified.append((topic.value, ids)))

    def account(
        self,
        network: Network = Network.BLUESKY,
        handle: str = "sol.example",
        *,
        connect: bool = True,
    ) -> Account:
        acc = self.ws.accounts.add_profile(self.brand.id, network, f"{handle}.{network.value}")
        if connect:
            with self.ws.sessions.begin() as s:
                s.execute(
                    update(AccountRow)
                    .where(AccountRow.id == acc.id)
                    .values(status=AccountStatus.CONNECTED.value)
                )
            self.credentials.set(acc.id, {"access_token": f"token-{acc.id}"})
        return acc

    def post(
        self,
        text: str,
        accounts: list[Account],
        *,
        at: datetime | None = None,
        **kwargs: object,
    ) -> Post:
        when = at or self.clock.now() + timedelta(hours=1)
        return self.ws.posts.create(
            self.brand.id,
            text,
            local_at=when.replace(tzinfo=None),
            account_ids=[a.id for a in accounts],
            **kwargs,  # type: ignore[arg-type]
        )

    def policy(self, policy: str, minutes: int = 60, *, paused: bool = False) -> None:
        with self.ws.sessions.begin() as s:
            s.execute(
                update(BrandRow)
                .where(BrandRow.id == self.brand.id)
                .values(missed_slot_policy=policy, missed_slot_minutes=minutes, paused=paused)
            )

    def publisher(self, worker_id: str = "test-worker", ws: Workspace | None = None) -> Publisher:
        w = ws or self.ws
        return Publisher(
            w.sessions,
            w.notifier,
            self.clock,
            self.credentials,
            worker_id=worker_id,
            is_online=lambda urls: self.online,
            client_for=self.net.client,
            media_root=w.media.root,
        )

    def at(self, post: Post, delta: timedelta = timedelta(0)) -> None:
        """Move the clock to the post's time (plus ``delta``)."""
        assert post.scheduled_utc is not None
        self.clock.set(post.scheduled_utc + delta)
