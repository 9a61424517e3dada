"""Posting slots per brand and account, which of them are free, and "add to queue".

A slot occurrence is taken when a post of the brand is scheduled at that instant (for an
account's own slot: a post that goes to that account). "Add to queue" plans a ready post
into the next free slot that fits it (the brand's own slots, or its accounts' ones); the
change is applied by the planning service, so it is undoable like a drop
(``services/queue.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from cmplanner.domain.clock import Clock
from cmplanner.domain.enums import PostState
from cmplanner.domain.errors import InvalidInput, MoveRefused, NotFound
from cmplanner.domain.slots import Slot, SlotTime, format_slot_time, occurrences, parse_slot_time
from cmplanner.domain.timezones import as_aware
from cmplanner.services.notifier import ChangeNotifier, Topic
from cmplanner.services.planning import Change
from cmplanner.storage.tables import AccountRow, BrandRow, PostRecord, PostTargetRow, SlotRow

#: How far ahead "add to queue" looks for a free slot.
QUEUE_HORIZON = timedelta(weeks=52)


def _slot(row: SlotRow) -> Slot:
    return Slot(row.id, row.brand_id, row.weekday, parse_slot_time(row.local_time), row.account_id)


def _naive(dt: datetime) -> datetime:
    return as_aware(dt).replace(tzinfo=None)


@dataclass
class Taken:
    """Instants (naive UTC) already used, per brand and per (brand, account)."""

    brand: set[tuple[int, datetime]] = field(default_factory=set)
    account: set[tuple[int, datetime]] = field(default_factory=set)

    def has(self, o: SlotTime) -> bool:
        at = _naive(o.utc)
        if o.account_id is None:
            return (o.brand_id, at) in self.brand
        return (o.account_id, at) in self.account

    def add(self, brand_id: int, at: datetime, account_ids: Iterable[int]) -> None:
        self.brand.add((brand_id, _naive(at)))
        for a in account_ids:
            self.account.add((a, _naive(at)))


class SlotService:
    def __init__(
        self, sessions: sessionmaker[Session], notifier: ChangeNotifier, clock: Clock
    ) -> None:
        self._sessions = sessions
        self._notifier = notifier
        self._clock = clock

    # ---- editing the slots ------------------------------------------------------------

    def for_brand(self, brand_id: int) -> list[Slot]:
        with self._sessions() as s:
            return self._slots(s, [brand_id])

    def add(self, brand_id: int, weekday: int, at: time, account_id: int | None = None) -> Slot:
        if not 0 <= weekday <= 6:
            raise InvalidInput(f"Weekday {weekday} does not exist.", "Use 0 (Monday) to 6.")
        with self._sessions.begin() as s:
            if s.get(BrandRow, brand_id) is None:
                raise NotFound(f"Brand {brand_id} does not exist.", "Pick an existing brand.")
            if account_id is not None:
                acc = s.get(AccountRow, account_id)
                if acc is None or acc.brand_id != brand_id:
                    raise InvalidInput(
                        f"Account {account_id} does not belong to this brand.",
                        "Pick one of the brand's accounts, or none for the whole brand.",
                    )
            text = format_slot_time(at.replace(second=0, microsecond=0))
            for other in self._slots(s, [brand_id]):
                if (other.weekday, other.at, other.account_id) == (
                    weekday,
                    parse_slot_time(text),
                    account_id,
                ):
                    raise InvalidInput(
                        "That slot exists already.", "Pick another day or time of day."
                    )
            row = SlotRow(
                brand_id=brand_id, account_id=account_id, weekday=weekday, local_time=text
            )
            s.add(row)
            s.flush()
            slot = _slot(row)
        self._changed(brand_id)
        return slot

    def remove(self, slot_id: int) -> None:
        with self._sessions.begin() as s:
            row = s.get(SlotRow, slot_id)
            if row is None:
                raise NotFound(f"Slot {slot_id} does not exist.", "It may have been removed.")
            brand_id = row.brand_id
            s.delete(row)
        self._changed(brand_id)

    def _changed(self, brand_id: int) -> None:
        self._notifier.changed(Topic.BRANDS, (brand_id,))
        self._notifier.changed(Topic.POSTS, ())  # the calendar reads its free slots again

    # ---- reading occurrences ----------------------------------------------------------

    def occurrences(
        self, brand_ids: Sequence[int] | None, start_utc: datetime, end_utc: datetime
    ) -> list[SlotTime]:
        """Every slot occurrence of these brands (all when None) in [start, end)."""
        with self._sessions() as s:
            return self._occurrences(s, brand_ids, start_utc, end_utc)

    def free(
        self, brand_ids: Sequence[int] | None, start_utc: datetime, end_utc: datetime
    ) -> list[SlotTime]:
        """The occurrences in [start, end) that no post uses yet, from now on."""
        start_utc = max(start_utc, self._clock.now())
        with self._sessions() as s:
            occ = self._occurrences(s, brand_ids, start_utc, end_utc)
            taken = self._taken(s, {o.brand_id for o in occ}, start_utc, end_utc)
            return [o for o in occ if not taken.has(o)]

    # ---- the queue --------------------------------------------------------------------

    def plan_queue(self, post_ids: Sequence[int]) -> list[Change]:
        """Each post in the next free slot that fits it, in the order given.

        Refuses (MoveRefused) a post that is not ready, or whose brand has no free slot in
        the next year; nothing is planned then.
        """
        now = self._clock.now()
        end = now + QUEUE_HORIZON
        changes: list[Change] = []
        with self._sessions() as s:
            recs = {
                r.id: r for r in s.scalars(select(PostRecord).where(PostRecord.id.in_(post_ids)))
            }
            brands = {r.brand_id for r in recs.values()}
            occ = self._occurrences(s, sorted(brands), now, end)
            taken = self._taken(s, brands, now, end)
            targets = self._targets(s, list(recs))
            for pid in post_ids:
                rec = recs.get(pid)
                if rec is None:
                    raise NotFound(f"Post {pid} no longer exists.", "It may have been deleted.")
                if rec.state != PostState.READY.value or rec.local_at is not None:
                    raise MoveRefused(
                        f"Post {pid} is {rec.state.replace('_', ' ')}"
                        + (" and already has a date" if rec.local_at else "")
                        + "; only ready posts without a date go into the queue.",
                        "Mark it ready in the composer (or unschedule it) first.",
                    )
                accounts = targets.get(pid, set())
                fits = [
                    o
                    for o in occ
                    if o.brand_id == rec.brand_id
                    and (o.account_id is None or o.account_id in accounts)
                    and not taken.has(o)
                ]
                if not fits:
                    raise MoveRefused(self._no_slot_reason(s, rec.brand_id, pid), self._hint())
                slot = fits[0]
                taken.add(rec.brand_id, slot.utc, accounts)
                changes.append(
                    Change(
                        pid,
                        None,
                        PostState.READY,
                        slot.wall,
                        PostState.SCHEDULED,
                        rec.version,
                    )
                )
        return changes

    # ---- helpers ----------------------------------------------------------------------

    @staticmethod
    def _hint() -> str:
        return "Add posting slots in Manage brands ▸ Posting slots (or: cmplanner slots add)."

    def _no_slot_reason(self, s: Session, brand_id: int, post_id: int) -> str:
        brand = s.get(BrandRow, brand_id)
        name = brand.name if brand else str(brand_id)
        if not self._slots(s, [brand_id]):
            return f"The brand “{name}” has no posting slots yet, so post {post_id} has no queue."
        return f"Every posting slot of “{name}” is taken for the next year (post {post_id})."

    @staticmethod
    def _slots(s: Session, brand_ids: Sequence[int] | None) -> list[Slot]:
        q = select(SlotRow).order_by(SlotRow.weekday, SlotRow.local_time, SlotRow.id)
        if brand_ids is not None:
            q = q.where(SlotRow.brand_id.in_(list(brand_ids)))
        return [_slot(r) for r in s.scalars(q)]

    def _occurrences(
        self, s: Session, brand_ids: Sequence[int] | None, start: datetime, end: datetime
    ) -> list[SlotTime]:
        slots = self._slots(s, brand_ids)
        zones: dict[int, str] = {
            bid: tz
            for bid, tz in s.execute(
                select(BrandRow.id, BrandRow.timezone).where(
                    BrandRow.id.in_({x.brand_id for x in slots})
                )
            )
        }
        out: list[SlotTime] = []
        for brand_id, tz in zones.items():
            mine = [x for x in slots if x.brand_id == brand_id]
            out.extend(occurrences(mine, tz, as_aware(start), as_aware(end)))
        out.sort(key=lambda o: (o.utc, o.brand_id, o.account_id or 0))
        return out

    @staticmethod
    def _taken(s: Session, brand_ids: Iterable[int], start: datetime, end: datetime) -> Taken:
        taken = Taken()
        rows = s.execute(
            select(PostRecord.id, PostRecord.brand_id, PostRecord.scheduled_utc).where(
                PostRecord.brand_id.in_(list(brand_ids)),
                PostRecord.thread_parent_id.is_(None),
                PostRecord.scheduled_utc >= _naive(start) - timedelta(minutes=1),
                PostRecord.scheduled_utc < _naive(end) + timedelta(minutes=1),
            )
        ).all()
        targets = SlotService._targets(s, [r[0] for r in rows])
        for pid, brand_id, at in rows:
            if at is not None:
                taken.add(brand_id, at, targets.get(pid, set()))
        return taken

    @staticmethod
    def _targets(s: Session, post_ids: Sequence[int]) -> dict[int, set[int]]:
        out: dict[int, set[int]] = {}
        for i in range(0, len(post_ids), 500):
            chunk = post_ids[i : i + 500]
            for pid, aid in s.execute(
                select(PostTargetRow.post_id, PostTargetRow.account_id).where(
                    PostTargetRow.post_id.in_(chunk)
                )
            ):
                out.setdefault(pid, set()).add(aid)
        return out
