"""The composer's side of a shared plan: changes made elsewhere, and save conflicts.

While the composer is open, a change to its post made elsewhere (another person,
window or process: the plan watcher feeds the change relay) shows a notice; the next
save then goes through the conflict dialog, with both versions side by side.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Slot

from cmplanner.domain.enums import PostState
from cmplanner.domain.errors import ConflictError, NotFound
from cmplanner.domain.models import Post
from cmplanner.services.workspace import Workspace
from cmplanner.ui.change_relay import ChangeRelay
from cmplanner.ui.conflict_dialog import (
    Choice,
    ConflictDialog,
    PostSide,
    post_fields,
    post_side,
    state_text,
    when_text,
)

if TYPE_CHECKING:
    from cmplanner.ui.composer import ComposerDialog

log = logging.getLogger(__name__)


class ComposerConflicts(QObject):
    """Watches the composer's post for changes made elsewhere and settles save conflicts."""

    def __init__(self, composer: ComposerDialog, ws: Workspace) -> None:
        super().__init__(composer)
        self._composer = composer
        self._ws = ws
        self.dialog: ConflictDialog | None = None
        self._schedule = False
        self._relay = ChangeRelay(ws.notifier, self)
        # queued: a save's own change arrives once that save has finished
        self._relay.posts_changed_ids.connect(
            self._on_relay_posts_changed_ids, Qt.ConnectionType.QueuedConnection
        )
        composer.finished.connect(self._on_composer_finished)

    # ---- changes made elsewhere ----------------------------------------------------------

    @Slot(list)
    def _on_relay_posts_changed_ids(self, ids: list[int]) -> None:
        composer = self._composer
        post_id = composer.post_id
        if post_id is None or not composer.isVisible() or (ids and post_id not in ids):
            return
        try:
            post = self._ws.posts.get(post_id)
        except NotFound:
            composer.banner.show_message(
                self.tr("This post was deleted elsewhere (another person or window)."),
                self.tr("Your text is kept; saving will ask whether to keep it as a new draft."),
                error=False,
            )
            return
        if composer.seen_version is not None and post.version != composer.seen_version:
            composer.banner.show_message(
                self.tr(
                    "This post was changed elsewhere (another person or window) since you "
                    "opened it."
                ),
                self.tr("Keep writing: saving will show both versions so you can choose."),
                error=False,
            )

    @Slot(int)
    def _on_composer_finished(self, _result: int) -> None:
        self._relay.detach()
        if self.dialog is not None:
            self.dialog.close()

    # ---- save conflicts ------------------------------------------------------------------

    def yours(self, *, schedule: bool) -> PostSide:
        """What the composer tried to save, as the dialog shows it."""
        form = self._composer.form
        state = PostState.SCHEDULED if schedule else form.state()
        return PostSide(
            text=form.text(),
            when=when_text(form.schedule.wall(), form.schedule.timezone),
            state=state_text(state),
            targets=", ".join(f"{a.network.label} {a.handle}" for a in form.targets.chosen()),
        )

    def deleted_error(self) -> ConflictError:
        return ConflictError(
            self.tr("This post was deleted elsewhere (another person or window) while you "
                    "were editing it."),
            self.tr("Keep your text as a new draft, or drop your edit."),
            seen_version=self._composer.seen_version,
        )  # fmt: skip

    def ask(self, error: ConflictError, *, schedule: bool) -> ConflictDialog:
        """Show both versions and let the user choose; the save waits for that choice."""
        if self.dialog is not None:
            self.dialog.close()
        self._schedule = schedule
        current = error.current if isinstance(error.current, Post) else None
        theirs = post_side(current) if current is not None else None
        if current is not None:
            choices = [
                (Choice.KEEP_THEIRS, self.tr("Keep theirs (reload)")),
                (Choice.OVERWRITE, self.tr("Overwrite with mine")),
                (Choice.COPY, self.tr("Copy mine to a new draft")),
            ]
        else:
            choices = [
                (Choice.COPY, self.tr("Keep mine as a new draft")),
                (Choice.KEEP_THEIRS, self.tr("Drop my edit")),
            ]
        dialog = ConflictDialog(
            error,
            post_fields(theirs, self.yours(schedule=schedule)),
            choices,
            title=self.tr("This post was changed elsewhere"),
            parent=self._composer,
        )
        dialog.choice_made.connect(self._on_dialog_choice_made)
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        dialog.open()
        return dialog

    @Slot(object)
    def _on_dialog_choice_made(self, choice: Choice) -> None:
        dialog, composer = self.sender(), self._composer
        if not isinstance(dialog, ConflictDialog):
            return
        error = dialog.error
        current = error.current if isinstance(error.current, Post) else None
        log.info("save conflict on post %s: %s", composer.post_id, choice.value)
        if choice == Choice.KEEP_THEIRS:
            if current is None:
                composer.discard()
            else:
                composer.reload_from(current)
                composer.banner.show_message(
                    self.tr("Showing the version saved elsewhere; your changes were dropped."),
                    error=False,
                )
        elif choice == Choice.OVERWRITE and current is not None:
            composer.save_over(current, schedule=self._schedule)
        elif choice == Choice.COPY:
            composer.save_as_new_draft()
        else:
            composer.banner.show_error(error)  # back to editing: the refusal stays in view

    @Slot(int)
    def _on_dialog_finished(self, _result: int) -> None:
        if self.sender() is self.dialog:
            self.dialog = None
