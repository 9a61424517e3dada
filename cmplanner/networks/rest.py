"""Small pieces the REST clients (Mastodon, X, LinkedIn, Meta) share on top of ``http.py``.

``RestApi`` sends one request to a base URL with the account's auth header, returns the
answer when it is a success and otherwise raises the typed error the client's own
``error_for`` maps it to. The rest are helpers: reading a JSON body, polling until a
server-side job is done, comparing a post's text with what a network shows, and the
ISO instants that token expiries are stored as.

Nothing here logs a header, a body or a query string: tokens travel in all three.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import requests

from cmplanner.networks.errors import NetworkError, Transient
from cmplanner.networks.http import check_url, make_session, send

_T = TypeVar("_T")

#: Maps a failed answer to the typed error to raise (the client's own codes first).
ErrorMapper = Callable[[requests.Response, str], NetworkError]


class RestApi:
    """Requests to one API base URL; ``auth`` gives the headers for each request."""

    def __init__(
        self,
        base_url: str,
        *,
        error_for: ErrorMapper,
        http: requests.Session | None = None,
    ) -> None:
        self.base_url = check_url(base_url)
        self.http = http or make_session()
        self.error_for = error_for

    def url(self, path: str) -> str:
        """``path`` under the base URL; a full URL is checked and used as it is."""
        if path.startswith(("http://", "https://")):
            check_url(path)
            return path
        return f"{self.base_url}/{path.lstrip('/')}"

    def request(
        self,
        method: str,
        path: str,
        *,
        headers: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> requests.Response:
        """Send; return the answer when 2xx, else raise ``error_for(answer, path)``."""
        response = send(self.http, method, self.url(path), headers=dict(headers or {}), **kwargs)
        if response.ok:
            return response
        raise self.error_for(response, path)


def json_of(response: requests.Response, where: str) -> dict[str, Any]:
    """The JSON object in a successful answer ({} for an empty one)."""
    if not response.content:
        return {}
    try:
        body = response.json()
    except ValueError as exc:
        raise Transient(f"{where}: the server sent an unreadable answer") from exc
    return body if isinstance(body, dict) else {"data": body}


def error_json(response: requests.Response) -> dict[str, Any]:
    """The JSON object of a failed answer, or {} when it has none."""
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def poll(
    check: Callable[[], _T | None],
    *,
    what: str,
    interval: float,
    attempts: int,
    sleep: Callable[[float], None] = time.sleep,
) -> _T:
    """Call ``check`` until it returns something (at most ``attempts`` times, ``interval``
    seconds apart); ``Transient`` when the server is still not done."""
    for attempt in range(attempts):
        result = check()
        if result is not None:
            return result
        if attempt + 1 < attempts:
            sleep(interval)
    raise Transient(f"{what} was still being processed after {attempts} checks: try again later")


_TAG_RE = re.compile(r"<[^>]+>")
_BREAK_RE = re.compile(r"<br\s*/?>|</p>\s*<p>", re.IGNORECASE)
_SPACE_RE = re.compile(r"\s+")


def plain_text(value: str, *, is_html: bool = False) -> str:
    """Text as a network shows it, for comparing with what was sent: tags dropped
    (for HTML), entities decoded, runs of white space made one space."""
    if is_html:
        value = _BREAK_RE.sub("\n", value)
        value = html.unescape(_TAG_RE.sub("", value))
    return _SPACE_RE.sub(" ", value).strip()


def same_text(sent: str, shown: str, *, is_html: bool = False) -> bool:
    """True when ``shown`` (as the network returns it) is the text ``sent``."""
    return plain_text(sent) == plain_text(shown, is_html=is_html)


def iso_utc(moment: datetime) -> str:
    """``2026-11-26T10:00:00Z``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_utc(value: str | None) -> datetime | None:
    """An ISO 8601 instant (or epoch seconds) as an aware UTC datetime; None if unreadable."""
    if not value:
        return None
    value = str(value).strip()
    try:
        return datetime.fromtimestamp(float(value), UTC)
    except ValueError:
        pass
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def expires_at(now: datetime, expires_in: Any) -> str:
    """The stored expiry (ISO UTC) of a token that lives ``expires_in`` seconds from ``now``."""
    try:
        seconds = int(expires_in)
    except (TypeError, ValueError):
        return ""
    return iso_utc(now + timedelta(seconds=seconds))
