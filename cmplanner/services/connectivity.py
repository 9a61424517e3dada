"""Is the network there? A cheap probe the publisher asks before it claims anything.

The probe opens a TCP connection (name lookup included) to the servers the due posts are
going to: the accounts' own servers (a Mastodon instance, a PDS) or the network's API host.
One that answers is enough. The answer is kept for a few seconds, so a busy run asks once.
No request is sent and nothing is read: it only tells "offline" from "online".
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from urllib.parse import urlsplit

from cmplanner.domain.enums import Network

log = logging.getLogger(__name__)

#: Where each network's API answers when the account names no server of its own.
API_HOSTS: dict[Network, str] = {
    Network.BLUESKY: "https://bsky.social",
    Network.MASTODON: "https://mastodon.social",
    Network.X: "https://api.x.com",
    Network.LINKEDIN: "https://api.linkedin.com",
    Network.FACEBOOK: "https://graph.facebook.com",
    Network.INSTAGRAM: "https://graph.facebook.com",
    Network.THREADS: "https://graph.threads.net",
}

#: ``(urls) -> bool``: whether any of these servers can be reached now.
OnlineCheck = Callable[[Sequence[str]], bool]


def server_url(network: Network, server: str) -> str:
    """The base URL the account talks to: its own server, else the network's API host."""
    return server or API_HOSTS[network]


def _endpoint(url: str) -> tuple[str, int] | None:
    parts = urlsplit(url if "://" in url else f"https://{url}")
    if not parts.hostname:
        return None
    try:
        port = parts.port
    except ValueError:
        return None
    return parts.hostname, port or (80 if parts.scheme == "http" else 443)


class ConnectivityProbe:
    """``probe(urls)``: True when one of the servers accepts a TCP connection.

    Args:
        timeout_s: how long one connection attempt may take.
        ttl_s: how long an answer is reused for the same servers.
        connect: the connection function (``socket.create_connection``), for tests.
    """

    def __init__(
        self,
        *,
        timeout_s: float = 3.0,
        ttl_s: float = 15.0,
        connect: Callable[[tuple[str, int], float], object] | None = None,
    ) -> None:
        self.timeout_s = timeout_s
        self.ttl_s = ttl_s
        self._connect = connect or _tcp_connect
        self._lock = threading.Lock()
        self._cache: dict[frozenset[tuple[str, int]], tuple[float, bool]] = {}

    def __call__(self, urls: Sequence[str]) -> bool:
        endpoints = frozenset(e for e in map(_endpoint, urls) if e is not None)
        if not endpoints:
            return True  # nothing to reach: nothing to wait for
        now = time.monotonic()
        with self._lock:
            cached = self._cache.get(endpoints)
            if cached is not None and now - cached[0] < self.ttl_s:
                return cached[1]
        online = self._any_reachable(sorted(endpoints))
        with self._lock:
            self._cache[endpoints] = (time.monotonic(), online)
        return online

    def _any_reachable(self, endpoints: Iterable[tuple[str, int]]) -> bool:
        for host, port in endpoints:
            try:
                self._connect((host, port), self.timeout_s)
            except OSError as exc:
                log.info("cannot reach %s:%s (%s)", host, port, type(exc).__name__)
                continue
            return True
        return False


def _tcp_connect(address: tuple[str, int], timeout: float) -> object:
    sock = socket.create_connection(address, timeout=timeout)
    sock.close()
    return None
