"""An account's health, derived from its row and "now": pure, so the view can ask often.

The accounts view shows one line per account: connected, token expiring in N days, token
expired, needs reconnecting (with the reason the network gave), rate-limited until a time,
or not connected. The publisher writes the facts (``status``, ``token_expires_utc``,
``rate_limited_until_utc``); ``account_health`` only reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum

from cmplanner.domain.enums import AccountStatus
from cmplanner.domain.errors import KnownError
from cmplanner.domain.models import Account
from cmplanner.domain.timezones import as_aware

#: A token that ends within this many days is shown as a warning.
EXPIRY_WARNING_DAYS = 14


class HealthLevel(StrEnum):
    """How the view colours the line (a ``str``: ``level == "ok"`` holds)."""

    OK = "ok"
    WARNING = "warning"
    ERROR = "error"
    OFF = "off"


class HealthState(StrEnum):
    """What the line says, for a view that words it itself (translations)."""

    CONNECTED = "connected"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    NEEDS_RECONNECT = "needs_reconnect"
    RATE_LIMITED = "rate_limited"
    NOT_CONNECTED = "not_connected"
    DISABLED = "disabled"


@dataclass(frozen=True)
class AccountHealth:
    """One account's line in the accounts view.

    ``label`` is English for the command line and the logs; the window words ``state`` with
    ``tr()`` and the numbers here. ``reason`` is the network's own words for a
    needs-reconnecting account, when the publisher recorded them.
    """

    account: Account
    level: str
    label: str
    can_reconnect: bool
    expires_in_days: int | None = None
    rate_limited_until_utc: datetime | None = None
    state: HealthState = HealthState.CONNECTED
    reason: str = ""


class ConnectFailed(KnownError):
    """The network refused the credentials, or could not be reached: nothing was saved.

    ``kind`` says which: ``auth`` (wrong or revoked credentials), ``transient`` (no answer,
    a timeout, a server error), ``rate_limited``, ``rejected`` (the network said no for
    another reason) or ``unsupported`` (no client for that network in this version).
    """

    def __init__(self, message: str, hint: str = "", *, kind: str = "auth") -> None:
        super().__init__(message, hint)
        self.kind = kind


def account_health(
    account: Account, now: datetime, *, reason: str = "", tz: tzinfo | None = None
) -> AccountHealth:
    """The health of ``account`` at ``now`` (aware). ``tz`` words clock times (default: the
    computer's zone)."""
    now = as_aware(now)
    days = _days_left(account.token_expires_utc, now)
    limited = account.rate_limited_until_utc
    if limited is not None and as_aware(limited) <= now:
        limited = None

    def line(level: HealthLevel, state: HealthState, label: str, can: bool) -> AccountHealth:
        return AccountHealth(account, level, label, can, days, limited, state, reason)

    status = account.status
    if status is AccountStatus.DISABLED:
        return line(HealthLevel.OFF, HealthState.DISABLED, "Removed", False)
    if status is AccountStatus.NOT_CONNECTED:
        return line(HealthLevel.OFF, HealthState.NOT_CONNECTED, "Not connected", True)
    expired = account.token_expires_utc is not None and as_aware(account.token_expires_utc) <= now
    if expired:
        return line(HealthLevel.ERROR, HealthState.EXPIRED, "Token expired — reconnect", True)
    if status is AccountStatus.NEEDS_RECONNECT:
        label = f"Needs reconnecting: {reason}" if reason else "Needs reconnecting"
        return line(HealthLevel.ERROR, HealthState.NEEDS_RECONNECT, label, True)
    if limited is not None:
        label = f"Rate-limited until {clock_time(limited, now, tz)}"
        return line(HealthLevel.WARNING, HealthState.RATE_LIMITED, label, False)
    if days is not None and days < EXPIRY_WARNING_DAYS:
        return line(HealthLevel.WARNING, HealthState.EXPIRING, expires_label(days), True)
    return line(HealthLevel.OK, HealthState.CONNECTED, "Connected", False)


def _days_left(expires: datetime | None, now: datetime) -> int | None:
    if expires is None:
        return None
    left = as_aware(expires) - now
    return max(0, left // timedelta(days=1))


def expires_label(days: int) -> str:
    if days <= 0:
        return "Token expires in less than a day"
    return f"Token expires in {days} day{'s' if days != 1 else ''}"


def clock_time(instant: datetime, now: datetime, tz: tzinfo | None = None) -> str:
    """``14:05`` today, ``27 Nov 14:05`` on another day, in ``tz`` (default: the computer's)."""
    local = as_aware(instant).astimezone(tz)
    today = as_aware(now).astimezone(tz).date()
    if local.date() == today:
        return f"{local:%H:%M}"
    return f"{local.day} {local:%b %H:%M}"
