"""Posts out: a CSV in the layout ``cmplanner import`` reads back, and an ICS calendar per
brand (RFC 5545, with the brand's zone as TZID and its VTIMEZONE) a client can subscribe
to or import."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

from cmplanner.domain.models import Brand, Post
from cmplanner.domain.timezones import as_aware, iso_with_offset, zone

CSV_COLUMNS = ("brand", "datetime", "text", "targets", "media", "tags", "state")
#: How long an event lasts in a client's calendar (a post is an instant).
EVENT_MINUTES = 15


def posts_csv(posts: Sequence[Post]) -> str:
    """The posts as CSV text (UTF-8, comma-separated, a header row)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for p in posts:
        when = (
            iso_with_offset(p.local_at, p.timezone, p.scheduled_utc)
            if p.local_at and p.scheduled_utc
            else ""
        )
        w.writerow(
            (
                p.brand_name,
                when,
                p.text,
                "|".join(str(a.id) for a in p.targets),
                "|".join(m.path for m in p.media),
                "|".join(p.tags),
                p.state.value,
            )
        )
    return out.getvalue()


def write_text(path: Path, text: str) -> Path:
    path = Path(path).expanduser()
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(text, encoding="utf-8", newline="")
    tmp.replace(path)
    return path


def brand_ics(brand: Brand, posts: Sequence[Post], now: datetime) -> bytes:
    """One VEVENT per scheduled post of the brand, at its wall time in the brand's zone."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//cmplanner//posts//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{brand.name} — planned posts")
    cal.add("x-wr-timezone", brand.timezone)
    tz = zone(brand.timezone)
    for p in posts:
        if p.local_at is None or p.scheduled_utc is None:
            continue
        start = p.local_at.replace(tzinfo=tz)
        ev = Event()
        ev.add("uid", f"post-{p.id}@cmplanner")
        ev.add("dtstamp", now)
        ev.add("dtstart", start)
        ev.add("dtend", start + timedelta(minutes=EVENT_MINUTES))
        head = " ".join(p.text.split())
        ev.add("summary", head if len(head) <= 80 else head[:79] + "…")
        where = ", ".join(f"{a.network.label} {a.handle}" for a in p.targets)
        ev.add("description", p.text + (f"\n\nOn: {where}" if where else ""))
        if p.tags:
            ev.add("categories", list(p.tags))
        ev.add("status", "CONFIRMED" if p.state.value != "failed" else "CANCELLED")
        if p.updated_utc is not None:
            ev.add("last-modified", as_aware(p.updated_utc))
        ev.add("sequence", p.version)
        cal.add_component(ev)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())
