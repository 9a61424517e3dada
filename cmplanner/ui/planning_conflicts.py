"""Moves that meet someone else's change: the conflict dialog for drags, pastes and Move to….

A drag carries what the calendar showed. When the post was moved or changed elsewhere
since (the calendar had not caught up yet), or at the same moment, nothing is moved:
the dialog shows their version beside what the move would write, and the user picks
keep theirs, move anyway (on top of their version, undoable) or copy to a new draft there.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QWidget

from cmplanner.domain.enums import PostState
from cmplanner.domain.errors import ConflictError, KnownError
from cmplanner.domain.models import PostRow
from cmplanner.services.notifier import ChangeNotifier, Topic
from cmplanner.services.planning import Change, CopyPosts, MovePosts, Target
from cmplanner.services.posts import PostService
from cmplanner.ui.calendar.chip_view import DropRequest

if TYPE_CHECKING:
    from cmplanner.ui.calendar_page import CalendarPage
    from cmplanner.ui.conflict_dialog import Choice, ConflictDialog
    from cmplanner.ui.planning_controller import PlanningController

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StaleMove:
    """A dragged post whose placement differs from what the calendar showed."""

    post_id: int
    seen_wall: datetime | None
    seen_state: PostState


def stale_move(
    changes: Sequence[Change], seen: Callable[[int], PostRow | None]
) -> StaleMove | None:
    """The first post of a planned move that was moved or re-stated since it was shown."""
    for c in changes:
        row = seen(c.post_id)
        if row is not None and (row.local_at != c.old_wall or row.state != c.old_state):
            return StaleMove(c.post_id, row.local_at, row.state)
    return None


def shown_rows(page: CalendarPage) -> Callable[[int], PostRow | None]:
    """What the calendar page shows for a post: a chip of the period, or a backlog row."""

    def lookup(post_id: int) -> PostRow | None:
        row = page.model.row_of(post_id)
        if row >= 0:
            return page.model.post_at(row)
        return next((r for r in page.backlog_model.rows() if r.id == post_id), None)

    return lookup


@dataclass
class CopyAsDrafts(CopyPosts):
    """Copies at the target that start as drafts (redo makes them drafts again)."""

    posts: PostService | None = None

    def do(self) -> None:
        super().do()
        if self.posts is not None:
            for post_id in self.created:
                self.posts.update(post_id, state=PostState.DRAFT)


@dataclass
class _Pending:
    request: DropRequest
    target: Target
    changes: list[Change]
    text: str


class MoveConflicts(QObject):
    """Asks what to do with a move that met someone else's change, and does it."""

    def __init__(
        self,
        controller: PlanningController,
        posts: PostService,
        notifier: ChangeNotifier | None,
    ) -> None:
        super().__init__(controller)
        self._controller = controller
        self._posts = posts
        self._notifier = notifier
        self.dialog: ConflictDialog | None = None
        self._pending: _Pending | None = None

    def ask(
        self,
        request: DropRequest,
        target: Target,
        changes: Sequence[Change],
        text: str,
        why: StaleMove | ConflictError,
    ) -> ConflictDialog | None:
        # Imported when a conflict is met: the dialog (and the brand form it uses) is
        # ~10 ms of imports that the window's start would otherwise pay.
        from cmplanner.ui.conflict_dialog import (
            Choice,
            ConflictDialog,
            PostSide,
            post_fields,
            post_side,
            state_text,
            when_text,
        )

        planning = self._controller.planning
        try:  # what the move would write now, on top of what is saved now
            fresh = planning.plan_move(request.post_ids, request.anchor_id, target)
        except KnownError as exc:
            self._controller.refused.emit(str(exc))
            return None
        post_id = why.post_id if isinstance(why, StaleMove) else request.anchor_id
        change = next((c for c in fresh if c.post_id == post_id), fresh[0])
        current = self._posts.get(change.post_id)
        error = self._error(why, current.local_at, current.version, len(fresh))
        error.current = current
        mine = PostSide(
            text=current.text,
            when=when_text(change.new_wall, current.timezone),
            state=state_text(change.new_state),
            targets=post_side(current).targets,
        )
        if self.dialog is not None:
            self.dialog.close()
        self._pending = _Pending(request, target, list(fresh), text)
        widget = self._controller.parent()
        dialog = ConflictDialog(
            error,
            post_fields(post_side(current), mine),
            [
                (Choice.KEEP_THEIRS, self.tr("Keep theirs (don't move)")),
                (Choice.OVERWRITE, self.tr("Move anyway")),
                (Choice.COPY, self.tr("Copy to a new draft there")),
            ],
            title=self.tr("Moved or changed by someone else"),
            cancel_label=self.tr("Cancel"),
            parent=widget if isinstance(widget, QWidget) else None,
        )
        dialog.choice_made.connect(self._on_dialog_choice_made)
        self.dialog = dialog
        log.info("move conflict on post %s", post_id)
        dialog.open()
        return dialog

    def _error(
        self, why: StaleMove | ConflictError, now: datetime | None, version: int, count: int
    ) -> ConflictError:
        if isinstance(why, StaleMove):
            message = self.tr(
                "Post {id} was moved or changed elsewhere (another person or window) since "
                "your calendar showed it: you saw it at {seen}, it is now at {now}."
            ).format(
                id=why.post_id,
                seen=self._at(why.seen_wall),
                now=self._at(now),
            )
            error = ConflictError(
                message,
                self.tr("Nothing was moved. Compare their version with what your move "
                        "would write, then choose."),
                current_version=version,
            )  # fmt: skip
        else:
            error = ConflictError(
                why.message, why.hint, seen_version=why.seen_version, current_version=version
            )
        if count > 1:
            together = self.tr("Your choice applies to all {n} posts moved together.")
            error.hint += " " + together.format(n=count)
        return error

    def _at(self, wall: datetime | None) -> str:
        return f"{wall:%a %d %b %H:%M}" if wall is not None else self.tr("the backlog")

    @Slot(object)
    def _on_dialog_choice_made(self, choice: Choice) -> None:
        from cmplanner.ui.conflict_dialog import Choice  # loaded by ask() already

        pending, self._pending = self._pending, None
        if self.sender() is self.dialog:
            self.dialog = None
        if pending is None:
            return
        ids = list(pending.request.post_ids)
        if choice == Choice.OVERWRITE:
            self._run(pending, MovePosts(self._controller.planning, pending.changes), pending.text)
        elif choice == Choice.COPY:
            cmd = CopyAsDrafts(
                self._controller.planning,
                ids,
                pending.request.anchor_id,
                pending.target,
                posts=self._posts,
            )
            text = self.tr("Copy %n post(s) as draft(s) to %1", "", len(ids)).replace(
                "%1", f"{pending.request.day:%a %d %b}"
            )
            self._run(pending, cmd, text)
        elif self._notifier is not None:  # keep theirs: make sure the calendar shows it
            self._notifier.changed(Topic.POSTS, ids)

    def _run(self, pending: _Pending, cmd: MovePosts | CopyPosts, text: str) -> None:
        try:
            cmd.do()
        except ConflictError as exc:  # changed yet again meanwhile: ask again
            self.ask(pending.request, pending.target, pending.changes, pending.text, exc)
            return
        except KnownError as exc:
            self._controller.refused.emit(str(exc))
            return
        self._controller.push(cmd, text)
