"""Typed errors every network client raises, so the publisher can act on the kind alone.

- ``AuthExpired``: the token expired or was revoked and could not be refreshed: park the
  account's posts as "needs reconnecting".
- ``AuthFailed``: the credentials themselves are wrong (bad app password, revoked app).
- ``RateLimited``: wait until ``reset_at`` (or ``retry_after_s``), per account.
- ``Rejected``: the network refused the input; ``reason`` is its own message. Do not retry.
- ``Transient``: timeouts, dropped connections, 5xx: retry with backoff.
- ``AlreadyExists``: a record with the chosen key is already there (Bluesky's rkey): the
  earlier attempt went through, so this is a success to record, not a failure.

Messages never carry tokens or passwords.
"""

from __future__ import annotations

from datetime import datetime


class NetworkError(Exception):
    """Base of every error a network client raises.

    ``status`` is the HTTP status (None when no answer came), ``code`` the network's own
    error name (e.g. Bluesky's ``ExpiredToken``) when it gave one.
    """

    def __init__(self, message: str, *, status: int | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code


class AuthExpired(NetworkError):
    """The session expired or was revoked and could not be renewed."""


class AuthFailed(NetworkError):
    """The credentials are wrong (e.g. a bad or revoked app password)."""


class RateLimited(NetworkError):
    """Too many requests: wait ``retry_after_s`` seconds, i.e. until ``reset_at``."""

    def __init__(
        self,
        message: str,
        *,
        retry_after_s: float | None = None,
        reset_at: datetime | None = None,
        status: int | None = 429,
        code: str | None = None,
    ):
        super().__init__(message, status=status, code=code)
        self.retry_after_s = retry_after_s
        self.reset_at = reset_at


class Rejected(NetworkError):
    """The network refused the input; ``reason`` is its own message, shown to the user."""

    def __init__(self, reason: str, *, status: int | None = None, code: str | None = None):
        super().__init__(reason, status=status, code=code)
        self.reason = reason


class Transient(NetworkError):
    """A failure worth retrying later: timeout, dropped connection, 5xx."""

    def __init__(self, reason: str, *, status: int | None = None, code: str | None = None):
        super().__init__(reason, status=status, code=code)
        self.reason = reason


class AlreadyExists(NetworkError):
    """The record key is taken: an earlier attempt already published ``uri`` (``cid``)."""

    def __init__(self, uri: str, cid: str):
        super().__init__(f"already published as {uri}", status=None, code="AlreadyExists")
        self.uri = uri
        self.cid = cid


class InsecureURL(ValueError):
    """A plain ``http://`` URL for a host that is not a loopback address."""
