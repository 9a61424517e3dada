"""The HTTP layer every network client shares: one ``requests.Session`` factory with
timeouts and a User-Agent, the loopback-only rule for plain ``http://``, and the mapping
of HTTP failures to the typed errors of ``cmplanner.networks.errors``.

Clients call ``send(...)`` (which turns timeouts and dropped connections into
``Transient``) and, for a failed answer, ``error_for_status(...)`` after handling their
own network-specific codes. Only the method, host, path and status are logged: never
headers, bodies or query strings (they carry tokens).

Retries: connection failures of idempotent requests are retried twice here (nothing was
sent); everything else is the publisher's business, which knows what is safe to resend.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from importlib import metadata
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from cmplanner.networks.errors import (
    AuthExpired,
    InsecureURL,
    NetworkError,
    RateLimited,
    Rejected,
    Transient,
)

log = logging.getLogger(__name__)

#: (connect, read) seconds.
DEFAULT_TIMEOUT: tuple[float, float] = (10.0, 30.0)
#: Epoch values are far above any sensible delay; below this a reset header is a delay.
_EPOCH_THRESHOLD = 1_000_000_000


def _version() -> str:
    try:
        return metadata.version("cmplanner")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0"


USER_AGENT = f"cmplanner/{_version()} (+https://github.com/cmplanner/cmplanner)"


def is_loopback_host(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(url: str) -> str:
    """Return ``url`` without a trailing slash if it is safe to send credentials to.

    ``https://`` anywhere; plain ``http://`` only to a loopback host (local testing).

    Raises:
        InsecureURL: for ``http://`` to any other host, another scheme, or no host.
    """
    parts = urlsplit(url.strip())
    host = parts.hostname or ""
    if not host:
        raise InsecureURL(f"not a server address: {url!r}")
    if parts.scheme == "https":
        return url.strip().rstrip("/")
    if parts.scheme == "http":
        if is_loopback_host(host):
            return url.strip().rstrip("/")
        raise InsecureURL(
            f"refusing plain http:// to {host}: use https:// "
            "(http:// is accepted only for loopback addresses such as 127.0.0.1)"
        )
    raise InsecureURL(f"unsupported URL scheme {parts.scheme!r} in {url!r}: use https://")


class TimeoutSession(requests.Session):
    """A ``requests.Session`` whose requests get ``DEFAULT_TIMEOUT`` unless given one."""

    def __init__(self, timeout: tuple[float, float] = DEFAULT_TIMEOUT) -> None:
        super().__init__()
        self.default_timeout = timeout

    def request(
        self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any
    ) -> requests.Response:
        kwargs.setdefault("timeout", self.default_timeout)
        return super().request(method, url, *args, **kwargs)


def make_session(
    *, user_agent: str = USER_AGENT, timeout: tuple[float, float] = DEFAULT_TIMEOUT
) -> requests.Session:
    """A session with timeouts, our User-Agent and connect retries for idempotent calls."""
    session = TimeoutSession(timeout)
    session.headers["User-Agent"] = user_agent
    retry = Retry(
        total=2,
        connect=2,
        read=0,
        status=0,
        other=0,
        backoff_factor=0.2,
        allowed_methods=frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"}),
        raise_on_status=False,
    )
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def _describe(method: str, url: str) -> str:
    parts = urlsplit(url)
    return f"{method} {parts.scheme}://{parts.netloc}{parts.path}"


def send(session: requests.Session, method: str, url: str, **kwargs: Any) -> requests.Response:
    """Send one request; timeouts and connection failures become ``Transient``."""
    where = _describe(method, url)
    try:
        response = session.request(method, url, **kwargs)
    except requests.Timeout as exc:
        log.info("%s: timed out", where)
        raise Transient(f"{where}: the server did not answer in time") from exc
    except requests.ConnectionError as exc:
        log.info("%s: connection failed", where)
        raise Transient(f"{where}: could not connect ({type(exc).__name__})") from exc
    except requests.RequestException as exc:
        raise NetworkError(f"{where}: {type(exc).__name__}") from exc
    log.debug("%s -> %s", where, response.status_code)
    return response


def _parse_instant(value: str, now: datetime) -> datetime | None:
    """A reset header: epoch seconds, a delay in seconds, an HTTP date or ISO 8601."""
    value = value.strip()
    try:
        number = float(value)
    except ValueError:
        pass
    else:
        if number >= _EPOCH_THRESHOLD:
            return datetime.fromtimestamp(number, UTC)
        return now + timedelta(seconds=max(number, 0.0))
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).astimezone(UTC)
    except (TypeError, ValueError):
        return None


def rate_limit_wait(
    headers: Mapping[str, str], now: datetime | None = None
) -> tuple[float | None, datetime | None]:
    """(seconds to wait, instant to wait for) from ``Retry-After``, ``RateLimit-Reset``
    or ``X-RateLimit-Reset``, in that order; (None, None) when none says."""
    now = now or datetime.now(UTC)
    for name in ("Retry-After", "RateLimit-Reset", "X-RateLimit-Reset"):
        raw = headers.get(name)
        if raw:
            at = _parse_instant(raw, now)
            if at is not None:
                return max((at - now).total_seconds(), 0.0), at
    return None, None


def error_for_status(
    response: requests.Response,
    message: str,
    *,
    code: str | None = None,
    now: Callable[[], datetime] | None = None,
) -> NetworkError:
    """The typed error for a failed answer, by status alone.

    Clients map their own codes first (e.g. Bluesky's ``ExpiredToken``) and fall back to
    this: 429 → ``RateLimited``, 401 → ``AuthExpired``, 408 and 5xx → ``Transient``,
    any other 4xx → ``Rejected`` with ``message`` (the network's own words).
    """
    status = response.status_code
    if status == 429:
        wait_s, at = rate_limit_wait(response.headers, now() if now else None)
        return RateLimited(message, retry_after_s=wait_s, reset_at=at, code=code)
    if status == 401:
        return AuthExpired(message, status=status, code=code)
    if status == 408 or status >= 500:
        return Transient(message, status=status, code=code)
    return Rejected(message, status=status, code=code)
