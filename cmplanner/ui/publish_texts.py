"""How the window words publishing: target states, results of attempts, lateness, times.

Shared by the notices, the composer's results panel and the publish log, so a state reads
the same everywhere. Every string goes through ``tr()`` (``QCoreApplication.translate``).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QTimeZone

from cmplanner.domain.enums import Network, TargetState
from cmplanner.domain.publishing import AttemptResult, TargetResult
from cmplanner.domain.timezones import as_aware, zone

#: Networks with a server-side scheduler cmplanner can hand a post to.
HAND_OFF_NETWORKS = (Network.MASTODON, Network.FACEBOOK)

_CTX = "publishing"


def tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate(_CTX, text, None, n)


def laptop_zone() -> ZoneInfo:
    """This computer's zone (UTC when Qt cannot tell or the zone database lacks it)."""
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode(errors="replace") or "UTC"
    try:
        return zone(name)
    except Exception:
        return zone("UTC")


def local_time(instant: datetime, tz: ZoneInfo | None = None) -> str:
    """``2026-11-26 11:05`` in this computer's zone (or ``tz``)."""
    return f"{as_aware(instant).astimezone(tz or laptop_zone()):%Y-%m-%d %H:%M}"


def lateness(minutes: int) -> str:
    if minutes < 60:
        return tr("%n min", minutes)
    if minutes < 48 * 60:
        h, m = divmod(minutes, 60)
        if not m:
            return tr("%1 h").replace("%1", str(h))
        return tr("%1 h %2 min").replace("%1", str(h)).replace("%2", str(m))
    return tr("%n day(s)", minutes // (24 * 60))


def head(text: str, limit: int = 48) -> str:
    """The first words of a post, on one line."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def account_text(network: Network, handle: str) -> str:
    return f"{network.label} {handle}" if handle else network.label


def state_text(result: TargetResult) -> str:
    """What a target's state means for the user, in a few words."""
    state = result.state
    if result.waiting_offline:
        return tr("Offline — will publish when online")
    if state is TargetState.PENDING:
        return tr("Waiting for its time")
    if state is TargetState.CLAIMED:
        return tr("Publishing…")
    if state is TargetState.PUBLISHED:
        return tr("Published")
    if state is TargetState.RETRY:
        if result.retry_at_utc is not None:
            return tr("Will try again at %1").replace("%1", local_time(result.retry_at_utc))
        return tr("Will try again")
    if state is TargetState.FAILED:
        return tr("Failed")
    if state is TargetState.NEEDS_RECONNECT:
        return tr("Waiting: the account needs reconnecting")
    if state is TargetState.UNKNOWN:
        return tr("Unknown — check")
    if state is TargetState.HANDED_OFF:
        return tr("Handed off to %1's scheduler").replace("%1", result.network.label)
    return tr("Skipped")


#: The publish log's result filter: label → the attempt results it shows.
RESULT_GROUPS: tuple[tuple[str, tuple[AttemptResult, ...]], ...] = (
    (
        "Published",
        (AttemptResult.PUBLISHED, AttemptResult.ALREADY_THERE, AttemptResult.RECONCILED),
    ),
    ("Failed", (AttemptResult.REJECTED, AttemptResult.ERROR, AttemptResult.AUTH)),
    ("Will retry", (AttemptResult.TRANSIENT, AttemptResult.RATE_LIMITED)),
    (
        "Unknown or interrupted",
        (AttemptResult.UNKNOWN, AttemptResult.INTERRUPTED, AttemptResult.SENDING),
    ),
    (
        "Handed off",
        (AttemptResult.HANDED_OFF, AttemptResult.HANDING_OFF, AttemptResult.CANCELLED),
    ),
)


def result_text(result: str) -> str:
    """An attempt's result in words (the raw value when it is one this version lacks)."""
    try:
        r = AttemptResult(result)
    except ValueError:
        return result
    return {
        AttemptResult.SENDING: tr("Sending"),
        AttemptResult.PUBLISHED: tr("Published"),
        AttemptResult.ALREADY_THERE: tr("Already there"),
        AttemptResult.RECONCILED: tr("Found after a crash"),
        AttemptResult.INTERRUPTED: tr("Interrupted"),
        AttemptResult.UNKNOWN: tr("Unknown — check"),
        AttemptResult.TRANSIENT: tr("Network trouble (retried)"),
        AttemptResult.RATE_LIMITED: tr("Rate-limited (waits)"),
        AttemptResult.AUTH: tr("Login refused"),
        AttemptResult.REJECTED: tr("Refused by the network"),
        AttemptResult.ERROR: tr("Failed"),
        AttemptResult.HANDING_OFF: tr("Handing off"),
        AttemptResult.HANDED_OFF: tr("Handed off"),
        AttemptResult.CANCELLED: tr("Server copy cancelled"),
    }[r]
