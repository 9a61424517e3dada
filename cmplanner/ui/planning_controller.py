"""Turns drops, pastes and the move dialog into undoable planning commands.

A move of a post someone else moved or changed since the calendar showed it (or at the
same moment) is not made: the conflict dialog shows their version beside what the move
would write, and the user picks (see ``planning_conflicts``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from cmplanner.domain.errors import ConflictError, KnownError
from cmplanner.domain.models import PostRow
from cmplanner.services.notifier import ChangeNotifier
from cmplanner.services.planning import (
    CopyPosts,
    MovePosts,
    PlanningService,
    Target,
    UnschedulePosts,
)
from cmplanner.services.posts import PostService
from cmplanner.ui.calendar.chip_view import DropRequest
from cmplanner.ui.planning_conflicts import MoveConflicts, stale_move

if TYPE_CHECKING:
    from cmplanner.services.slots import SlotService


class ServiceCommand(QUndoCommand):
    """A QUndoCommand around a service command with do/undo.

    The first redo (at push) has already been done by the controller, so a refusal
    never lands on the stack; later redo/undo failures are reported and leave the
    command obsolete.
    """

    def __init__(
        self, command: MovePosts | CopyPosts, text: str, controller: PlanningController
    ) -> None:
        super().__init__(text)
        self._command = command
        self._controller = controller
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._run(self._command.do)

    def undo(self) -> None:
        self._run(self._command.undo)

    def _run(self, fn: object) -> None:
        try:
            fn()  # type: ignore[operator]
        except KnownError as exc:
            self.setObsolete(True)
            self._controller.refused.emit(str(exc))


class PlanningController(QObject):
    """Signals:
    refused(str): a move was refused; the message says why and what to do.
    done(str): a move was made (text for the status bar).
    """

    refused = Signal(str)
    done = Signal(str)

    def __init__(
        self,
        planning: PlanningService,
        parent: QObject | None = None,
        *,
        posts: PostService | None = None,
        notifier: ChangeNotifier | None = None,
    ) -> None:
        super().__init__(parent)
        self.planning = planning
        self.undo_stack = QUndoStack(self)
        #: The row the calendar showed for a post (what the user saw when dragging it).
        self.seen: Callable[[int], PostRow | None] = lambda _post_id: None
        self.conflicts = MoveConflicts(self, posts, notifier) if posts is not None else None

    def push(self, cmd: MovePosts | CopyPosts, text: str) -> None:
        """Put a command that has been done on the undo stack and say so."""
        self.undo_stack.push(ServiceCommand(cmd, text, self))
        self.done.emit(text)

    def drop(self, request: DropRequest, view_tz: str | None) -> bool:
        target = Target(request.day, request.at, view_tz)
        n = len(request.post_ids)
        when = f"{request.day:%a %d %b}" + (f" {request.at:%H:%M}" if request.at else "")
        try:
            if request.copy:
                cmd: MovePosts | CopyPosts = CopyPosts(
                    self.planning, list(request.post_ids), request.anchor_id, target
                )
                text = self.tr("Copy %n post(s) to %1", "", n).replace("%1", when)
            else:
                changes = self.planning.plan_move(request.post_ids, request.anchor_id, target)
                cmd = MovePosts(self.planning, changes)
                text = self.tr("Move %n post(s) to %1", "", n).replace("%1", when)
                stale = stale_move(changes, self.seen)
                if stale is not None and self.conflicts is not None:
                    self.conflicts.ask(request, target, changes, text, stale)
                    return False
            cmd.do()
        except ConflictError as exc:  # changed at the same moment, between plan and write
            if self.conflicts is None or request.copy:
                self.refused.emit(str(exc))
            else:
                self.conflicts.ask(request, target, changes, text, exc)
            return False
        except KnownError as exc:
            self.refused.emit(str(exc))
            return False
        self.push(cmd, text)
        return True

    def unschedule(self, post_ids: list[int]) -> bool:
        try:
            changes = self.planning.plan_unschedule(post_ids)
            cmd = UnschedulePosts(self.planning, changes)
            cmd.do()
        except KnownError as exc:
            self.refused.emit(str(exc))
            return False
        text = self.tr("Unschedule %n post(s)", "", len(post_ids))
        self.undo_stack.push(ServiceCommand(cmd, text, self))
        self.done.emit(text)
        return True

    def queue(self, slots: SlotService, post_ids: list[int]) -> bool:
        """Ready posts into their brand's next free posting slots (one undoable step)."""
        # Imported here: the queue brings the slot and evergreen rules (~5 ms of the start).
        from cmplanner.services.queue import add_to_queue

        if not post_ids:
            return False
        try:
            cmd = add_to_queue(slots, self.planning, post_ids)
        except KnownError as exc:
            self.refused.emit(str(exc))
            return False
        first = cmd.changes[0].new_wall
        when = f"{first:%a %d %b %H:%M}" if first else ""
        text = self.tr("Add %n post(s) to the queue (first: %1)", "", len(post_ids)).replace(
            "%1", when
        )
        self.undo_stack.push(ServiceCommand(cmd, text, self))
        self.done.emit(text)
        return True

    def move_to(self, post_ids: list[int], day: date, at: time | None, view_tz: str | None) -> bool:
        if not post_ids:
            return False
        return self.drop(DropRequest(tuple(post_ids), post_ids[0], day, at, False), view_tz)
