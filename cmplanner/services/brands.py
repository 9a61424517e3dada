"""Client brands: the unit everything else filters by."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from cmplanner.domain.enums import MissedSlotPolicy
from cmplanner.domain.errors import ConflictError, InvalidInput, NotFound
from cmplanner.domain.models import Brand
from cmplanner.domain.timezones import zone
from cmplanner.services.notifier import ChangeNotifier, Topic
from cmplanner.storage import core_tables
from cmplanner.storage.lazy_tables import tables

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
PALETTE = ("#4a7bd0", "#d0564a", "#3f9e6b", "#b0792a", "#8a5cc2", "#2a9bb0", "#c2498a")


def split_tags(raw: str | Iterable[str]) -> tuple[str, ...]:
    """Normalise tags: trimmed, no leading '#', unique, order kept."""
    items = raw.replace(",", "\n").splitlines() if isinstance(raw, str) else list(raw)
    out: list[str] = []
    for item in items:
        tag = item.strip().lstrip("#").strip()
        if tag and tag.lower() not in (t.lower() for t in out):
            out.append(tag)
    return tuple(out)


def brand_from_row(row: tables.BrandRow | Row[Any]) -> Brand:
    """A brand from its ORM row, or from a Core row of the brand table's columns."""
    return Brand(
        id=row.id,
        name=row.name,
        timezone=row.timezone,
        color=row.color,
        brief=row.brief,
        default_hashtags=row.default_hashtags,
        tags=split_tags(row.tags),
        archived=row.archived,
        version=row.version,
        missed_slot_policy=_policy(row.missed_slot_policy),
        missed_slot_minutes=row.missed_slot_minutes,
    )


_BRAND = core_tables.brand
_ALL_BRANDS = select(_BRAND).order_by(func.lower(_BRAND.c.name))
_ACTIVE_BRANDS = _ALL_BRANDS.where(_BRAND.c.archived.is_(False))


def _policy(value: str) -> MissedSlotPolicy:
    try:
        return MissedSlotPolicy(value)
    except ValueError:
        return MissedSlotPolicy.ASK  # what the publisher does with an unknown value


#: The longest "publish late up to N minutes" (a day).
MAX_MISSED_MINUTES = 24 * 60


def check_missed_minutes(minutes: int) -> int:
    if not 1 <= minutes <= MAX_MISSED_MINUTES:
        raise InvalidInput(
            f"{minutes} minutes is not a lateness cmplanner can keep to.",
            f"Give between 1 and {MAX_MISSED_MINUTES} minutes (a day).",
        )
    return minutes


def check_color(color: str) -> str:
    if not _COLOR.match(color):
        raise InvalidInput(
            f"'{color}' is not a colour.", "Write it as #RRGGBB, for example #3f9e6b."
        )
    return color.lower()


def check_name(name: str) -> str:
    clean = " ".join(name.split())
    if not clean:
        raise InvalidInput("A brand needs a name.", "Type the client's brand name.")
    if len(clean) > 120:
        raise InvalidInput("That brand name is too long.", "Keep it under 120 characters.")
    return clean


class BrandService:
    def __init__(self, sessions: sessionmaker[Session], notifier: ChangeNotifier) -> None:
        self._sessions = sessions
        self._notifier = notifier

    def create(
        self,
        name: str,
        timezone: str,
        color: str | None = None,
        brief: str = "",
        default_hashtags: str = "",
        tags: Iterable[str] = (),
        missed_slot_policy: MissedSlotPolicy = MissedSlotPolicy.ASK,
        missed_slot_minutes: int = 60,
    ) -> Brand:
        name = check_name(name)
        zone(timezone)
        check_missed_minutes(missed_slot_minutes)
        with self._sessions.begin() as s:
            if color is None:
                count = s.scalar(select(func.count(tables.BrandRow.id))) or 0
                color = PALETTE[count % len(PALETTE)]
            self._refuse_duplicate(s, name, None)
            row = tables.BrandRow(
                name=name,
                timezone=timezone,
                color=check_color(color),
                brief=brief,
                default_hashtags=default_hashtags,
                tags="\n".join(split_tags(tags)),
                missed_slot_policy=MissedSlotPolicy(missed_slot_policy).value,
                missed_slot_minutes=missed_slot_minutes,
            )
            s.add(row)
            try:
                s.flush()
            except IntegrityError:
                raise self._duplicate(name) from None
            brand = brand_from_row(row)
        self._notifier.changed(Topic.BRANDS, (brand.id,))
        return brand

    def update(
        self,
        brand_id: int,
        *,
        name: str | None = None,
        timezone: str | None = None,
        color: str | None = None,
        brief: str | None = None,
        default_hashtags: str | None = None,
        tags: Iterable[str] | None = None,
        archived: bool | None = None,
        expected_version: int | None = None,
        missed_slot_policy: MissedSlotPolicy | None = None,
        missed_slot_minutes: int | None = None,
    ) -> Brand:
        """Change a brand; with ``expected_version`` (the version the user saw), refuse with
        a ConflictError when someone else changed it since."""
        try:
            brand = self._update(
                brand_id, name=name, timezone=timezone, color=color, brief=brief,
                default_hashtags=default_hashtags, tags=tags, archived=archived,
                expected_version=expected_version,
                missed=(missed_slot_policy, missed_slot_minutes),
            )  # fmt: skip
        except StaleDataError:  # changed between our read and our write
            raise self._conflict(brand_id, expected_version) from None
        self._notifier.changed(Topic.BRANDS, (brand_id,))
        self._notifier.changed(Topic.POSTS, ())
        return brand

    def _conflict(self, brand_id: int, seen_version: int | None) -> ConflictError:
        current = self.get(brand_id)
        return ConflictError(
            f"The brand “{current.name}” was changed by someone else while you were editing "
            f"it (version {seen_version} → {current.version}).",
            "Compare both versions, then keep yours or theirs; nothing was overwritten.",
            seen_version=seen_version,
            current_version=current.version,
            current=current,
        )

    def _update(
        self,
        brand_id: int,
        *,
        name: str | None,
        timezone: str | None,
        color: str | None,
        brief: str | None,
        default_hashtags: str | None,
        tags: Iterable[str] | None,
        archived: bool | None,
        expected_version: int | None,
        missed: tuple[MissedSlotPolicy | None, int | None] = (None, None),
    ) -> Brand:
        with self._sessions.begin() as s:
            row = self._row(s, brand_id)
            if expected_version is not None and row.version != expected_version:
                raise self._conflict(brand_id, expected_version)
            if name is not None:
                clean = check_name(name)
                self._refuse_duplicate(s, clean, brand_id)
                row.name = clean
            if timezone is not None:
                zone(timezone)
                row.timezone = timezone
            if color is not None:
                row.color = check_color(color)
            if brief is not None:
                row.brief = brief
            if default_hashtags is not None:
                row.default_hashtags = default_hashtags
            if tags is not None:
                row.tags = "\n".join(split_tags(tags))
            if archived is not None:
                row.archived = archived
            policy, minutes = missed
            if policy is not None:
                row.missed_slot_policy = MissedSlotPolicy(policy).value
            if minutes is not None:
                row.missed_slot_minutes = check_missed_minutes(minutes)
            s.flush()
            return brand_from_row(row)

    def archive(self, brand_id: int, archived: bool = True) -> Brand:
        return self.update(brand_id, archived=archived)

    def all(self, include_archived: bool = False) -> list[Brand]:
        # A Core select of the table's columns: the window lists brands before its first
        # paint, and an ORM entity query would first configure every mapper (~25 ms).
        with self._sessions() as s:
            q = _ALL_BRANDS if include_archived else _ACTIVE_BRANDS
            return [brand_from_row(r) for r in s.execute(q)]

    def get(self, brand_id: int) -> Brand:
        with self._sessions() as s:
            return brand_from_row(self._row(s, brand_id))

    def by_name(self, name: str) -> Brand:
        with self._sessions() as s:
            # Compared in Python: SQLite's lower() leaves non-ASCII letters (É, Ñ) alone.
            want = " ".join(name.split()).casefold()
            row = next(
                (r for r in s.scalars(select(tables.BrandRow)) if r.name.casefold() == want), None
            )
            if row is None:
                known = ", ".join(r for r in s.scalars(select(tables.BrandRow.name))) or "none yet"
                raise NotFound(
                    f"No brand called '{name}'.",
                    f"Known brands: {known}. Add one with: cmplanner brands add NAME --tz ZONE",
                )
            return brand_from_row(row)

    @staticmethod
    def _row(s: Session, brand_id: int) -> tables.BrandRow:
        row = s.get(tables.BrandRow, brand_id)
        if row is None:
            raise NotFound(f"Brand {brand_id} does not exist.", "It may have been deleted.")
        return row

    def _refuse_duplicate(self, s: Session, name: str, own_id: int | None) -> None:
        want = name.casefold()
        for other, other_name in s.execute(select(tables.BrandRow.id, tables.BrandRow.name)):
            if other != own_id and other_name.casefold() == want:
                raise self._duplicate(name)

    @staticmethod
    def _duplicate(name: str) -> InvalidInput:
        return InvalidInput(
            f"A brand called '{name}' already exists.", "Pick another name or edit that brand."
        )
