"""The evergreen queue: free posting slots filled with copies of evergreen posts.

An evergreen post (``post.evergreen``) is content worth posting again. ``fill`` walks a
brand's free slots in time order and puts in each a scheduled copy of the evergreen post
used longest ago, keeping two rules:

- a post goes out no more often than its own minimum interval
  (``evergreen_min_days``), counting every copy made from it and the post itself, before
  and after the slot;
- never twice in a row on the same account: the post just before and just after the
  slot on each of its accounts must be something else.

A copy remembers what it recycles (``recycled_from_id``); copies are never evergreen
themselves. Undo removes the copies (``services/queue.py``).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from cmplanner.domain.clock import Clock
from cmplanner.domain.enums import AccountStatus, PostState
from cmplanner.domain.errors import InvalidInput, NotFound
from cmplanner.domain.slots import SlotTime
from cmplanner.domain.timezones import as_aware
from cmplanner.services.notifier import ChangeNotifier, Topic
from cmplanner.services.slots import SlotService
from cmplanner.storage.tables import AccountRow, PostMediaRow, PostRecord, PostTargetRow

#: States an evergreen post may be recycled from (ideas and drafts are not finished).
RECYCLABLE = (
    PostState.READY.value,
    PostState.SCHEDULED.value,
    PostState.PUBLISHED.value,
    PostState.PARTLY_PUBLISHED.value,
    PostState.FAILED.value,
)
MAX_MIN_DAYS = 3650


def _naive(dt: datetime) -> datetime:
    return as_aware(dt).replace(tzinfo=None)


@dataclass
class _Uses:
    """When each evergreen post went (or goes) out, and what each account posts in order."""

    by_source: dict[int, list[datetime]] = field(default_factory=dict)
    #: account id -> sorted [(instant, source post id)]
    by_account: dict[int, list[tuple[datetime, int]]] = field(default_factory=dict)

    def add(self, source: int, at: datetime, accounts: Sequence[int]) -> None:
        self.by_source.setdefault(source, []).append(at)
        for a in accounts:
            bisect.insort(self.by_account.setdefault(a, []), (at, source))

    def last(self, source: int) -> datetime:
        return max(self.by_source.get(source, ()), default=datetime.min)

    def interval_ok(self, source: int, at: datetime, min_days: int) -> bool:
        gap = timedelta(days=min_days)
        return all(abs(at - u) >= gap for u in self.by_source.get(source, ()))

    def not_in_a_row(self, source: int, at: datetime, accounts: Sequence[int]) -> bool:
        for a in accounts:
            seq = self.by_account.get(a, [])
            i = bisect.bisect_left(seq, (at, -1))
            before = seq[i - 1][1] if i > 0 else None
            after = seq[i][1] if i < len(seq) else None
            if source in (before, after):
                return False
        return True


class EvergreenService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        notifier: ChangeNotifier,
        clock: Clock,
        slots: SlotService,
    ) -> None:
        self._sessions = sessions
        self._notifier = notifier
        self._clock = clock
        self._slots = slots

    def set_evergreen(self, post_id: int, on: bool = True, min_days: int | None = None) -> None:
        """Mark a post evergreen (or not), with its minimum interval in days."""
        if min_days is not None and not 1 <= min_days <= MAX_MIN_DAYS:
            raise InvalidInput(
                f"{min_days} days is not a usable interval.",
                f"Give a number of days from 1 to {MAX_MIN_DAYS}.",
            )
        with self._sessions.begin() as s:
            rec = s.get(PostRecord, post_id)
            if rec is None:
                raise NotFound(f"Post {post_id} does not exist.", "Check its number.")
            if rec.recycled_from_id is not None and on:
                raise InvalidInput(
                    f"Post {post_id} is a queued copy of post {rec.recycled_from_id}.",
                    f"Mark the original evergreen instead (post {rec.recycled_from_id}).",
                )
            rec.evergreen = on
            if min_days is not None:
                rec.evergreen_min_days = min_days
        self._notifier.changed(Topic.POSTS, (post_id,))

    def fill(self, brand_id: int, weeks: int = 4) -> list[int]:
        """Fill the brand's free slots of the next ``weeks`` weeks; the new posts' ids."""
        if not 1 <= weeks <= 52:
            raise InvalidInput(f"{weeks} weeks is out of range.", "Fill 1 to 52 weeks ahead.")
        now = self._clock.now()
        free = self._slots.free([brand_id], now, now + timedelta(weeks=weeks))
        created: list[int] = []
        with self._sessions.begin() as s:
            originals = self._originals(s, brand_id)
            if not originals or not free:
                return []
            uses = self._uses(s, brand_id)
            live = {
                a
                for (a,) in s.execute(
                    select(AccountRow.id).where(
                        AccountRow.brand_id == brand_id,
                        AccountRow.status != AccountStatus.DISABLED.value,
                    )
                )
            }
            for slot in free:
                at = _naive(slot.utc)
                pick = self._pick(originals, slot, at, uses, live)
                if pick is None:
                    continue
                rec, accounts = pick
                copy = self._copy(rec, slot, accounts, now)
                s.add(copy)
                s.flush()
                created.append(copy.id)
                uses.add(rec.id, at, accounts)
        if created:
            self._notifier.changed(Topic.POSTS, tuple(created))
        return created

    # ---- helpers ----------------------------------------------------------------------

    @staticmethod
    def _pick(
        originals: list[PostRecord],
        slot: SlotTime,
        at: datetime,
        uses: _Uses,
        live: set[int],
    ) -> tuple[PostRecord, list[int]] | None:
        eligible = []
        for rec in originals:
            targets = [t.account_id for t in rec.targets if t.account_id in live]
            if slot.account_id is not None:
                if slot.account_id not in targets:
                    continue
                targets = [slot.account_id]
            if not uses.interval_ok(rec.id, at, rec.evergreen_min_days):
                continue
            if not uses.not_in_a_row(rec.id, at, targets):
                continue
            eligible.append((uses.last(rec.id), rec.id, rec, targets))
        if not eligible:
            return None
        _, _, rec, targets = min(eligible, key=lambda e: (e[0], e[1]))
        return rec, targets

    @staticmethod
    def _copy(rec: PostRecord, slot: SlotTime, accounts: list[int], now: datetime) -> PostRecord:
        stamp = _naive(now)
        copy = PostRecord(
            brand_id=rec.brand_id,
            text=rec.text,
            state=PostState.SCHEDULED.value,
            tags=rec.tags,
            notes=rec.notes,
            content_warning=rec.content_warning,
            timezone=slot.timezone,
            local_at=slot.wall,
            scheduled_utc=_naive(slot.utc),
            evergreen=False,
            evergreen_min_days=rec.evergreen_min_days,
            check_level=rec.check_level,
            recycled_from_id=rec.id,
            created_utc=stamp,
            updated_utc=stamp,
        )
        copy.media_links = [
            PostMediaRow(media_id=m.media_id, position=m.position, alt_text=m.alt_text)
            for m in rec.media_links
        ]
        variants = {t.account_id: t.variant_text for t in rec.targets}
        copy.targets = [PostTargetRow(account_id=a, variant_text=variants.get(a)) for a in accounts]
        networks = {t.account_id: t.account.network for t in rec.targets}
        copy.networks = ",".join(dict.fromkeys(networks[a] for a in accounts if a in networks))
        return copy

    @staticmethod
    def _originals(s: Session, brand_id: int) -> list[PostRecord]:
        q = (
            select(PostRecord)
            .where(
                PostRecord.brand_id == brand_id,
                PostRecord.evergreen.is_(True),
                PostRecord.recycled_from_id.is_(None),
                PostRecord.thread_parent_id.is_(None),
                PostRecord.state.in_(RECYCLABLE),
            )
            .options(
                selectinload(PostRecord.targets).selectinload(PostTargetRow.account),
                selectinload(PostRecord.media_links),
            )
            .order_by(PostRecord.id)
        )
        return list(s.scalars(q))

    @staticmethod
    def _uses(s: Session, brand_id: int) -> _Uses:
        """Every scheduled post of the brand: by source (itself or what it recycles) and
        by account, so both rules see the past and the future."""
        uses = _Uses()
        rows = s.execute(
            select(PostRecord.id, PostRecord.recycled_from_id, PostRecord.scheduled_utc).where(
                PostRecord.brand_id == brand_id,
                PostRecord.scheduled_utc.is_not(None),
                PostRecord.thread_parent_id.is_(None),
                PostRecord.state != PostState.FAILED.value,
            )
        ).all()
        accounts: dict[int, list[int]] = {}
        ids = [r[0] for r in rows]
        for i in range(0, len(ids), 500):
            for pid, aid in s.execute(
                select(PostTargetRow.post_id, PostTargetRow.account_id).where(
                    PostTargetRow.post_id.in_(ids[i : i + 500])
                )
            ):
                accounts.setdefault(pid, []).append(aid)
        for pid, source, at in rows:
            if at is not None:
                uses.add(source or pid, at, accounts.get(pid, []))
        return uses
