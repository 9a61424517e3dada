"""Planning moves: drag a post to a day or slot, copy it, unschedule it — undoably.

Each change is a command object with ``do``/``undo`` against this service; the UI
wraps it in a ``QUndoCommand``. A move keeps a post's wall-clock time in its brand's
zone, so 09:00 stays 09:00 across a DST change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, selectinload, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from cmplanner.domain.clock import Clock
from cmplanner.domain.enums import PostState
from cmplanner.domain.errors import ConflictError, MoveRefused, NotFound
from cmplanner.domain.timezones import NonexistentLocalTime, as_aware, to_utc, to_wall
from cmplanner.services.notifier import ChangeNotifier, Topic
from cmplanner.storage import core_tables
from cmplanner.storage.lazy_tables import tables

_POST = core_tables.post
_P = _POST.c

DEFAULT_TIME = time(9, 0)

__all__ = ["Change", "CopyPosts", "MovePosts", "PlanningService", "UnschedulePosts"]


@dataclass(frozen=True)
class Change:
    """One post's placement before and after a move."""

    post_id: int
    old_wall: datetime | None
    old_state: PostState
    new_wall: datetime | None
    new_state: PostState
    #: The post's version when the move was planned (None: not checked); ``apply``
    #: refuses with a ConflictError when someone else changed the post since.
    version: int | None = None


@dataclass(frozen=True)
class Target:
    """Where a drop lands: a day (keep time of day) or an exact slot time.

    ``view_tz`` is the zone the calendar shows; None means each brand's own zone.
    """

    day: date
    at: time | None = None
    view_tz: str | None = None


class _Placed(NamedTuple):
    """What a move reads of a post: where it is, its state and its version."""

    id: int
    state: str
    local_at: datetime | None
    scheduled_utc: datetime | None
    timezone: str
    version: int


def _scheduled_state(state: PostState) -> PostState:
    return PostState.SCHEDULED if state == PostState.READY else state


def _unscheduled_state(state: PostState) -> PostState:
    return PostState.READY if state == PostState.SCHEDULED else state


class PlanningService:
    def __init__(
        self, sessions: sessionmaker[Session], notifier: ChangeNotifier, clock: Clock
    ) -> None:
        self._sessions = sessions
        self._notifier = notifier
        self._clock = clock

    # ---- planning (no writes) ---------------------------------------------------------

    def plan_move(self, post_ids: Sequence[int], anchor_id: int, target: Target) -> list[Change]:
        """Where each post would land; refuses (MoveRefused) anything that breaks a rule."""
        with self._sessions() as s:
            recs = self._placements(s, post_ids)
            anchor = next((r for r in recs if r.id == anchor_id), recs[0])
            anchor_view = self._view_wall(anchor, target.view_tz)
            changes = []
            for rec in recs:
                state = PostState(rec.state)
                if state.is_locked:
                    raise MoveRefused(
                        f"Post {rec.id} is already {state.value} and cannot be moved.",
                        "Duplicate it (Ctrl-drag) to plan it again.",
                    )
                new_wall = self._landing(rec, anchor_view, target)
                changes.append(
                    Change(
                        rec.id,
                        rec.local_at,
                        state,
                        new_wall,
                        _scheduled_state(state),
                        rec.version,
                    )
                )
            return changes

    def plan_unschedule(self, post_ids: Sequence[int]) -> list[Change]:
        with self._sessions() as s:
            out = []
            for rec in self._placements(s, post_ids):
                state = PostState(rec.state)
                if state.is_locked:
                    raise MoveRefused(
                        f"Post {rec.id} is already {state.value}; "
                        "it cannot go back to the backlog.",
                        "Duplicate it if you want to post it again.",
                    )
                out.append(
                    Change(
                        rec.id, rec.local_at, state, None, _unscheduled_state(state), rec.version
                    )
                )
            return out

    # ---- applying ---------------------------------------------------------------------

    def apply(self, changes: Sequence[Change], *, reverse: bool = False) -> list[Change]:
        """Write the new (or, reversed, the old) placement of each post in one transaction.

        Returns the changes carrying the posts' new versions (for the next undo or redo).
        Refuses with a ConflictError, changing nothing, when a post's version is no longer
        the one the move was planned on (someone else edited or moved it meanwhile).
        """
        try:
            done = self._apply(changes, reverse)
        except StaleDataError:  # changed between our read and our write
            raise ConflictError(
                "A post was changed by someone else at the same moment; nothing was moved.",
                "Look at it again, then move it if you still want to.",
            ) from None
        self._notifier.changed(Topic.POSTS, tuple(c.post_id for c in changes))
        return done

    def _apply(self, changes: Sequence[Change], reverse: bool) -> list[Change]:
        """One Core UPDATE per post, guarded by the version read with it (the ORM's own
        version check, without loading the post into a session: the drop's write)."""
        done: list[Change] = []
        with self._sessions.begin() as s:
            recs = {r.id: r for r in self._placements(s, [c.post_id for c in changes])}
            now = self._clock.now().replace(tzinfo=None)
            for c in changes:
                rec = recs[c.post_id]
                wall, state = (c.old_wall, c.old_state) if reverse else (c.new_wall, c.new_state)
                if PostState(rec.state).is_locked:
                    raise MoveRefused(
                        f"Post {rec.id} was published in the meantime; it stays where it is.",
                        "Nothing was changed.",
                    )
                if c.version is not None and rec.version != c.version:
                    where = f"{rec.local_at:%a %d %b %H:%M}" if rec.local_at else "the backlog"
                    raise ConflictError(
                        f"Post {rec.id} was changed by someone else since you picked it up "
                        f"(version {c.version} → {rec.version}); it stays where it is now: "
                        f"{where}.",
                        "Nothing was moved. Look at the post again, then move it if you "
                        "still want to.",
                        seen_version=c.version,
                        current_version=rec.version,
                    )
                utc: datetime | None = None
                if wall is not None:
                    utc = to_utc(wall, rec.timezone).utc.replace(tzinfo=None)
                    if reverse and state == PostState.SCHEDULED and utc < now:
                        raise MoveRefused(
                            f"Post {rec.id} would go back to {wall:%a %d %b %H:%M}, "
                            "which has passed since.",
                            "Nothing was changed; drag it to a time from now on.",
                        )
                written = s.connection().execute(
                    update(_POST)
                    .where(_P.id == rec.id, _P.version == rec.version)
                    .values(
                        local_at=wall,
                        scheduled_utc=utc,
                        state=state.value,
                        updated_utc=now,
                        version=rec.version + 1,
                    )
                )
                if written.rowcount != 1:  # changed between our read and our write
                    raise StaleDataError()
                done.append(replace(c, version=rec.version + 1))
            self._announce(s, [c.post_id for c in changes])
        return done

    @staticmethod
    def _announce(s: Session, post_ids: Sequence[int]) -> None:
        """PostgreSQL: tell the other windows which posts moved, as the session hook does
        for ORM writes (``plan_watch.announce_changes``), delivered at commit."""
        if s.get_bind().dialect.name != "postgresql":
            return
        from cmplanner.services.plan_watch import CHANNEL, payload

        s.execute(select(func.pg_notify(CHANNEL, payload(Topic.POSTS, post_ids))))

    def copy(self, post_ids: Sequence[int], anchor_id: int, target: Target) -> list[int]:
        """Duplicate posts at the target (text, tags, notes, media, accounts, variants)."""
        changes = self.plan_move_for_copy(post_ids, anchor_id, target)
        new_ids: list[int] = []
        with self._sessions.begin() as s:
            now = self._clock.now().replace(tzinfo=None)
            for c, rec in zip(
                changes,
                self._records(s, [c.post_id for c in changes], with_links=True),
                strict=True,
            ):
                dup = tables.PostRecord(
                    brand_id=rec.brand_id,
                    text=rec.text,
                    state=c.new_state.value,
                    tags=rec.tags,
                    notes=rec.notes,
                    content_warning=rec.content_warning,
                    timezone=rec.timezone,
                    local_at=c.new_wall,
                    scheduled_utc=(
                        to_utc(c.new_wall, rec.timezone).utc.replace(tzinfo=None)
                        if c.new_wall
                        else None
                    ),
                    evergreen=rec.evergreen,
                    created_utc=now,
                    updated_utc=now,
                )
                dup.media_links = [
                    tables.PostMediaRow(
                        media_id=m.media_id, position=m.position, alt_text=m.alt_text
                    )
                    for m in rec.media_links
                ]
                dup.networks = rec.networks
                dup.targets = [
                    tables.PostTargetRow(account_id=t.account_id, variant_text=t.variant_text)
                    for t in rec.targets
                ]
                s.add(dup)
                s.flush()
                new_ids.append(dup.id)
        self._notifier.changed(Topic.POSTS, tuple(new_ids))
        return new_ids

    def plan_move_for_copy(
        self, post_ids: Sequence[int], anchor_id: int, target: Target
    ) -> list[Change]:
        """Like plan_move, but a published post may be copied (the copy is a fresh draft)."""
        with self._sessions() as s:
            recs = self._placements(s, post_ids)
            anchor = next((r for r in recs if r.id == anchor_id), recs[0])
            anchor_view = self._view_wall(anchor, target.view_tz)
            out = []
            for rec in recs:
                state = PostState(rec.state)
                fresh = (
                    PostState.SCHEDULED if state.is_locked or state == PostState.FAILED else state
                )
                new_wall = self._landing(rec, anchor_view, target)
                out.append(Change(rec.id, None, state, new_wall, _scheduled_state(fresh)))
            return out

    def delete_copies(self, post_ids: Sequence[int]) -> None:
        """Undo of a copy: remove the duplicates made (never a published post)."""
        with self._sessions.begin() as s:
            for rec in self._records(s, post_ids):
                if PostState(rec.state).is_locked:
                    raise MoveRefused(
                        f"The copy {rec.id} was published in the meantime; it is kept.",
                        "Nothing was removed.",
                    )
                s.delete(rec)
        self._notifier.changed(Topic.POSTS, tuple(post_ids))

    def _landing(self, rec: _Placed, anchor_view: datetime | None, target: Target) -> datetime:
        """Where a post lands, in its brand's wall time, when ``target`` receives the drop.

        A day keeps each post's time of day (several posts keep their spacing); a slot
        moves the anchor post to that time and the others by the same amount; a post
        with no date yet gets the slot's time or 09:00. Refuses the past and DST gaps.
        """
        view = self._view_wall(rec, target.view_tz)
        if view is None or anchor_view is None:
            new_view = datetime.combine(target.day, target.at or DEFAULT_TIME)
        elif target.at is not None:
            new_view = view + (datetime.combine(target.day, target.at) - anchor_view)
        else:
            new_view = view + timedelta(days=(target.day - anchor_view.date()).days)
        new_wall = self._to_brand_wall(new_view, target.view_tz, rec.timezone)
        self._check_allowed(new_wall, rec.timezone)
        return new_wall

    # ---- rules ------------------------------------------------------------------------

    def _check_allowed(self, wall: datetime, tz: str) -> None:
        try:
            utc = to_utc(wall, tz).utc
        except NonexistentLocalTime as exc:
            raise MoveRefused(exc.message, exc.hint) from None
        if utc < self._clock.now():
            raise MoveRefused(
                f"{wall:%a %d %b %Y %H:%M} ({tz}) is in the past.",
                "Drop it on today (at a later hour) or on a future day.",
            )

    @staticmethod
    def _view_wall(rec: _Placed, view_tz: str | None) -> datetime | None:
        if rec.local_at is None or rec.scheduled_utc is None:
            return None
        if view_tz is None:
            return rec.local_at
        return to_wall(as_aware(rec.scheduled_utc), view_tz)

    @staticmethod
    def _to_brand_wall(view_wall: datetime, view_tz: str | None, brand_tz: str) -> datetime:
        if view_tz is None or view_tz == brand_tz:
            return view_wall
        try:
            instant = to_utc(view_wall, view_tz).utc
        except NonexistentLocalTime as exc:
            raise MoveRefused(exc.message, exc.hint) from None
        return to_wall(instant, brand_tz)

    @staticmethod
    def _placements(s: Session, post_ids: Sequence[int]) -> list[_Placed]:
        """Where the posts are, in ``post_ids`` order (a Core read: a move needs no ORM
        object)."""
        q = select(_P.id, _P.state, _P.local_at, _P.scheduled_utc, _P.timezone, _P.version)
        rows = s.execute(q.where(_P.id.in_(list(post_ids)))).all()
        by_id = {r[0]: _Placed(*r) for r in rows}
        missing = [i for i in post_ids if i not in by_id]
        if missing:
            raise NotFound(
                f"Post {missing[0]} no longer exists.", "It may have been deleted; refresh."
            )
        return [by_id[i] for i in post_ids]

    @staticmethod
    def _records(
        s: Session, post_ids: Sequence[int], *, with_links: bool = False
    ) -> list[tables.PostRecord]:
        """The posts, in ``post_ids`` order; ``with_links`` loads media and targets too
        (a copy needs them; a move, on the drop path, does not)."""
        q = select(tables.PostRecord).where(tables.PostRecord.id.in_(list(post_ids)))
        if with_links:
            q = q.options(
                selectinload(tables.PostRecord.media_links), selectinload(tables.PostRecord.targets)
            )
        by_id = {r.id: r for r in s.scalars(q)}
        missing = [i for i in post_ids if i not in by_id]
        if missing:
            raise NotFound(
                f"Post {missing[0]} no longer exists.", "It may have been deleted; refresh."
            )
        return [by_id[i] for i in post_ids]


# ---- undoable commands (plain Python; the UI wraps them in QUndoCommand) ------------------


@dataclass
class MovePosts:
    service: PlanningService
    changes: list[Change]
    text: str = "Move post"

    def do(self) -> None:
        self.changes = self.service.apply(self.changes)

    def undo(self) -> None:
        self.changes = self.service.apply(self.changes, reverse=True)


@dataclass
class UnschedulePosts(MovePosts):
    text: str = "Unschedule post"


@dataclass
class CopyPosts:
    service: PlanningService
    post_ids: list[int]
    anchor_id: int
    target: Target
    text: str = "Copy post"
    created: list[int] = field(default_factory=list)

    def do(self) -> None:
        self.created = self.service.copy(self.post_ids, self.anchor_id, self.target)

    def undo(self) -> None:
        self.service.delete_copies(self.created)
        self.created = []
