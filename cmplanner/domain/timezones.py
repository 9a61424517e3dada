"""Wall time in a brand's zone, and the UTC instant derived from it.

A scheduled post's truth is its local wall time plus the brand's IANA zone (as
iCalendar's TZID). The UTC instant is derived. A wall time that does not exist
(spring-forward gap) is refused with the nearest valid times; one that exists twice
(fall-back) takes the first occurrence unless told otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from cmplanner.domain.errors import InvalidInput


@lru_cache(maxsize=256)
def zone(name: str) -> ZoneInfo:
    """The ZoneInfo for an IANA name, or a clear error."""
    if not name or name != name.strip():
        raise InvalidInput(
            f"'{name}' is not a time zone.",
            "Use an IANA name such as Europe/Madrid or America/New_York.",
        )
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise InvalidInput(
            f"Unknown time zone '{name}'.",
            "Use an IANA name such as Europe/Madrid or America/New_York.",
        ) from None


@lru_cache(maxsize=1)
def zone_names() -> tuple[str, ...]:
    """All IANA zone names, sorted, for pickers."""
    return tuple(sorted(n for n in available_timezones() if "/" in n or n == "UTC"))


class NonexistentLocalTime(InvalidInput):
    """A wall time inside a DST gap."""

    def __init__(self, wall: datetime, tz_name: str, before: datetime, after: datetime) -> None:
        super().__init__(
            f"{wall:%Y-%m-%d %H:%M} does not exist in {tz_name}: the clocks jump forward then.",
            f"Pick {before:%H:%M} or {after:%H:%M} instead.",
        )
        self.wall = wall
        self.before = before
        self.after = after


@dataclass(frozen=True)
class Resolved:
    """A wall time resolved to an instant, with what the user should know."""

    utc: datetime
    ambiguous: bool = False


def _exists(wall: datetime, tz: ZoneInfo, fold: int) -> bool:
    aware = wall.replace(tzinfo=tz, fold=fold)
    back = aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    return back == wall


def is_ambiguous(wall: datetime, tz_name: str) -> bool:
    tz = zone(tz_name)
    a = wall.replace(tzinfo=tz, fold=0).utcoffset()
    b = wall.replace(tzinfo=tz, fold=1).utcoffset()
    return a != b and _exists(wall, tz, 0) and _exists(wall, tz, 1)


def to_utc(wall: datetime, tz_name: str, *, fold: int = 0) -> Resolved:
    """The UTC instant of a naive wall time in a zone.

    Raises NonexistentLocalTime inside a DST gap, with the nearest valid times.
    """
    if wall.tzinfo is not None:
        raise ValueError("to_utc expects a naive wall time")
    tz = zone(tz_name)
    if not _exists(wall, tz, 0) and not _exists(wall, tz, 1):
        before, after = nearest_valid(wall, tz_name)
        raise NonexistentLocalTime(wall, tz_name, before, after)
    ambiguous = is_ambiguous(wall, tz_name)
    aware = wall.replace(tzinfo=tz, fold=fold if ambiguous else 0)
    return Resolved(utc=aware.astimezone(UTC), ambiguous=ambiguous)


def nearest_valid(wall: datetime, tz_name: str) -> tuple[datetime, datetime]:
    """The last valid wall minute before a gap and the first after it."""
    tz = zone(tz_name)
    before = wall
    while not _exists(before, tz, 0):
        before -= timedelta(minutes=1)
    after = wall
    while not _exists(after, tz, 0):
        after += timedelta(minutes=1)
    return before, after


def to_wall(instant: datetime, tz_name: str) -> datetime:
    """The naive wall time of an aware instant in a zone."""
    return instant.astimezone(zone(tz_name)).replace(tzinfo=None)


def as_aware(instant_utc: datetime) -> datetime:
    """SQLite hands back naive datetimes: treat them as UTC."""
    return instant_utc if instant_utc.tzinfo else instant_utc.replace(tzinfo=UTC)


def iso_with_offset(wall: datetime, tz_name: str, utc: datetime) -> str:
    """ISO 8601 of the instant with the brand's UTC offset, e.g. 2026-03-29T09:00:00+02:00."""
    return as_aware(utc).astimezone(zone(tz_name)).isoformat()


def parse_iso(text: str, tz_name: str) -> datetime:
    """Parse an ISO 8601 date-time from a user into a naive wall time in tz_name.

    A string with an offset is converted into the zone; one without is taken as wall
    time in the zone. A bare date means 09:00 that day.
    """
    raw = text.strip()
    try:
        if len(raw) == 10:
            d = date.fromisoformat(raw)
            return datetime.combine(d, time(9, 0))
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidInput(
            f"'{text}' is not a date and time.",
            "Write it as ISO 8601, e.g. 2026-12-03T09:30 or 2026-12-03T09:30+01:00.",
        ) from None
    if parsed.tzinfo is not None:
        return to_wall(parsed, tz_name)
    return parsed.replace(second=parsed.second, microsecond=0)


def move_keep_wall_time(wall: datetime, new_day: date) -> datetime:
    """The same wall time of day on another date (DST-proof: wall time is the truth)."""
    return datetime.combine(new_day, wall.time())
