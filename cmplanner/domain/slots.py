"""Weekly posting slots: pure rules (no database).

A slot is a weekday and a wall time in the brand's zone (e.g. Monday 09:30), for the whole
brand or one of its accounts. Its occurrences are wall times first: 09:30 stays 09:30 on
both sides of a DST change. A wall time inside a spring-forward gap moves to the first
minute after the gap; one that happens twice (fall-back) takes the first.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from cmplanner.domain.errors import InvalidInput
from cmplanner.domain.timezones import NonexistentLocalTime, to_utc, to_wall

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Slot:
    """A weekly posting slot. ``account_id`` None: any account of the brand."""

    id: int
    brand_id: int
    weekday: int  # 0 = Monday
    at: time
    account_id: int | None = None


@dataclass(frozen=True)
class SlotTime:
    """One occurrence of a slot: the wall time in the brand's zone and its UTC instant."""

    slot_id: int
    brand_id: int
    account_id: int | None
    wall: datetime
    utc: datetime  # aware
    timezone: str


def parse_weekday(text: str) -> int:
    """'mon', 'Monday', '0' (Monday) … '6' (Sunday)."""
    raw = text.strip().lower()
    if raw.isdigit() and 0 <= int(raw) <= 6:
        return int(raw)
    for i, name in enumerate(WEEKDAYS):
        if raw[:3] == name and len(raw) >= 3:
            return i
    raise InvalidInput(
        f"'{text}' is not a day of the week.", "Write mon, tue, wed, thu, fri, sat or sun."
    )


def parse_slot_time(text: str) -> time:
    """'09:30' or '9:30' (24-hour clock)."""
    raw = text.strip()
    try:
        hours, minutes = raw.split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise InvalidInput(
            f"'{text}' is not a time of day.", "Write it as HH:MM on a 24-hour clock, e.g. 09:30."
        ) from None


def format_slot_time(at: time) -> str:
    return f"{at.hour:02d}:{at.minute:02d}"


def resolve_wall(wall: datetime, tz: str) -> tuple[datetime, datetime]:
    """The wall time a slot really lands on, and its UTC instant (aware).

    Inside a DST gap the slot moves to the first valid minute after it.
    """
    try:
        return wall, to_utc(wall, tz).utc
    except NonexistentLocalTime as gap:
        return gap.after, to_utc(gap.after, tz).utc


def occurrences(
    slots: Iterable[Slot], tz: str, start_utc: datetime, end_utc: datetime
) -> Iterator[SlotTime]:
    """Every occurrence of ``slots`` (one brand's, zone ``tz``) in [start, end), in order."""
    by_day: dict[int, list[Slot]] = {}
    for s in slots:
        by_day.setdefault(s.weekday, []).append(s)
    if not by_day:
        return
    first: date = to_wall(start_utc, tz).date() - timedelta(days=1)
    last: date = to_wall(end_utc, tz).date() + timedelta(days=1)
    day = first
    while day <= last:
        found = []
        for s in by_day.get(day.weekday(), ()):
            wall, utc = resolve_wall(datetime.combine(day, s.at), tz)
            if start_utc <= utc < end_utc:
                found.append(SlotTime(s.id, s.brand_id, s.account_id, wall, utc, tz))
        yield from sorted(found, key=lambda o: (o.utc, o.account_id or 0, o.slot_id))
        day += timedelta(days=1)
