"""The composer: write or edit one post, with media, tags and a date in the brand's zone.

Every change is journaled (debounced, at most ~1 s late) so a crash loses almost
nothing; saving or discarding the edit removes its journal entry.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from uuid import uuid4

from PySide6.QtCore import QElapsedTimer, QTimer, Signal, Slot
from PySide6.QtGui import (
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cmplanner.domain.enums import Network, PostState
from cmplanner.domain.errors import ConflictError, KnownError, NotFound
from cmplanner.domain.models import DraftEdit, Post
from cmplanner.domain.timezones import to_wall
from cmplanner.services.workspace import Workspace
from cmplanner.ui.composer_conflict import ComposerConflicts
from cmplanner.ui.composer_fields import MessageBanner, next_hour
from cmplanner.ui.composer_fitted import remove_stale_fitted
from cmplanner.ui.composer_form import PostForm
from cmplanner.ui.composer_insert import InsertMenu
from cmplanner.ui.composer_media import Attachment, FileDropDialog
from cmplanner.ui.composer_panel import TargetsPanel
from cmplanner.ui.composer_targets import targets_for_journal, targets_from_journal
from cmplanner.ui.trend_suggestions import TrendSuggestions

if TYPE_CHECKING:
    from cmplanner.ui.publish_desk import PublishDesk

log = logging.getLogger(__name__)

AUTOSAVE_DELAY_MS = 700
#: However fast the user types, a change reaches the journal within this long.
AUTOSAVE_MAX_WAIT_MS = 1000


class ComposerDialog(FileDropDialog):
    """Write a new post or edit one; restore an interrupted edit.

    Raises NotFound from the constructor when ``post_id`` names no post.

    Signals:
        post_saved(int): the post was created or updated (its id); the dialog then closes.
        autosaved(): the whole edit state was written to the autosave journal.
    """

    post_saved = Signal(int)
    autosaved = Signal()

    def __init__(
        self,
        ws: Workspace,
        *,
        post_id: int | None = None,
        brand_id: int | None = None,
        local_at: datetime | None = None,
        restore: DraftEdit | None = None,
        parent: QWidget | None = None,
        publishing: PublishDesk | None = None,
    ) -> None:
        super().__init__(parent)
        self._ws = ws
        self.key = restore.key if restore else uuid4().hex
        self.post_id = restore.post_id if restore else post_id
        self._version: int | None = None
        self._original_at: datetime | None = None
        self._original_brand: int | None = None
        self._was_scheduled = False
        self._media_touched = False
        self._dirty = False
        self._loading = True
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setSingleShot(True)
        self._autosave_timer.timeout.connect(self._on_autosave_timer_timeout)
        self._pending_since = QElapsedTimer()
        #: What the buttons and their tooltips were last set from (``_refresh_buttons``).
        self._buttons_shown: tuple[object, ...] | None = None
        self._gate_shown: str | None = None

        self._build()
        if restore is not None:
            self._load_edit(restore)
        elif post_id is not None:
            self._load_post(self._ws.posts.get(post_id))
        else:
            self._load_new(brand_id, local_at)
        self._loading = False
        self._dirty = restore is not None
        self._refresh_buttons()
        self.conflicts = ComposerConflicts(self, ws)  # changes made elsewhere; save conflicts
        if publishing is not None and self.post_id is not None:  # how it went, per account
            from cmplanner.ui.publish_results import PublishResultsPanel

            self.results = PublishResultsPanel(publishing, self.post_id, self)
            layout = self.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(1, self.results)  # under the banner
        self.editor.setFocus()
        unsaved = [Path(p) for edit in self._ws.drafts.pending() for p in edit.media_paths]
        remove_stale_fitted(unsaved)  # left by a composer that never closed

    # ---- building --------------------------------------------------------------------

    def _build(self) -> None:
        self.setWindowTitle(self.tr("New post"))
        self.resize(1240, 800)

        self.banner = MessageBanner()
        self.form = PostForm(self._ws.posts.all_tags())
        self.editor = self.form.editor
        self.panel = TargetsPanel(self.editor, self.form.text, self.form.counters)
        self.tabs, self.problems, self.live = self.panel.tabs, self.panel.problems, self.panel.live
        self.live.attach(self.form.media, self.banner)
        self.insert = InsertMenu(
            self.form.insert_menu, self._ws.library, self.form.brand, self.form.schedule.wall,
            self.editor, self, manage=self._open_library,
            trends=TrendSuggestions(self._ws, self),
        )  # fmt: skip
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.save_button = QPushButton(self.tr("Save as draft"))
        self.schedule_button = QPushButton(self.tr("Schedule"))
        for b in (self.cancel_button, self.save_button, self.schedule_button):
            b.setAutoDefault(False)
        self.save_button.setToolTip(self.tr("Keep it in the planner without publishing it"))

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.schedule_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(self.banner)
        layout.addWidget(self._split(), 1)
        layout.addWidget(line)
        layout.addLayout(buttons)

        self.form.edited.connect(self._on_form_edited)
        self.form.media_edited.connect(self._on_form_media_edited)
        self.form.media.attach_failed.connect(self._on_media_attach_failed)
        self.form.brand_changed.connect(self._on_form_brand_changed)
        self.form.targets.targets_changed.connect(self._on_targets_targets_changed)
        self.form.cw_edit.textChanged.connect(self._on_cw_edit_text_changed)
        self.panel.variant_edited.connect(self._on_panel_variant_edited)
        self.panel.gate_changed.connect(self._on_panel_gate_changed)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.schedule_button.clicked.connect(self._on_schedule_button_clicked)
        QShortcut(QKeySequence.StandardKey.Save, self, self._on_save_shortcut_activated)

    def _split(self) -> QSplitter:
        """The form on the left; previews and problems on the right."""
        split = QSplitter()
        split.setChildrenCollapsible(False)
        split.addWidget(self.form)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 4)
        split.setSizes([680, 520])
        return split

    def _fill_brands(self, wanted: int | None) -> None:
        brands = self._ws.brands.all()
        if wanted is not None and all(b.id != wanted for b in brands):
            try:
                brands.append(self._ws.brands.get(wanted))  # archived, but it is this post's
            except NotFound:
                self.banner.show_message(
                    self.tr("The brand of this edit no longer exists."),
                    self.tr("Pick another brand before saving."),
                    error=False,
                )
        self.form.set_brands(brands, wanted)
        self._load_accounts([], {})
        if not brands:
            self.banner.show_message(
                self.tr("There is no brand to post for yet."),
                self.tr("Create a brand first; your text is kept in the journal meanwhile."),
            )

    # ---- loading ---------------------------------------------------------------------

    def _load_new(self, brand_id: int | None, local_at: datetime | None) -> None:
        self._fill_brands(brand_id)
        self.form.set_state(PostState.DRAFT)
        self.form.schedule.set_wall(local_at, self._default_slot())

    def _load_post(self, post: Post) -> None:
        self.setWindowTitle(self.tr("Edit post"))
        self._remember(post)
        self._fill_brands(post.brand_id)
        self.form.set_content(post.text, post.tags, post.notes)
        self.form.set_state(post.state)
        self.form.schedule.set_wall(post.local_at, self._default_slot())
        for ref in post.media:
            self.form.media.add(Attachment.from_ref(ref), ref.alt_text)
        self.form.cw_edit.setText(self._ws.posts.content_warning(post.id))
        variants = {v.account_id: v.text for v in post.variants}
        self._load_accounts([a.id for a in post.targets], variants)
        from cmplanner.ui.approval_panel import attach_approval_panel  # client's approval

        self.approval = attach_approval_panel(self, self._ws, post.id)

    def _load_edit(self, edit: DraftEdit) -> None:
        self.setWindowTitle(self.tr("Restored edit"))
        if edit.post_id is not None:
            try:
                self._remember(self._ws.posts.get(edit.post_id))
            except NotFound:
                self.post_id = None
                self.banner.show_message(
                    self.tr("The post this edit belonged to has been deleted."),
                    self.tr("Saving will create a new post with this text."),
                    error=False,
                )
            else:
                # the version the edit started from, so a change made since is detected
                self._version = int(edit.extra.get("version", self._version or 0)) or None
        self._fill_brands(edit.brand_id)
        self.form.set_content(edit.text, edit.tags, edit.notes)
        try:
            self.form.set_state(PostState(edit.extra.get("state", PostState.DRAFT.value)))
        except ValueError:
            self.form.set_state(PostState.DRAFT)
        self.form.schedule.set_wall(edit.local_at, self._default_slot())
        alts = json.loads(edit.extra.get("alt_texts", "[]"))
        self.form.media.attach([Path(p) for p in edit.media_paths], alts)
        self._media_touched = True
        self.form.cw_edit.setText(edit.extra.get("content_warning", ""))
        self._load_accounts(*targets_from_journal(edit.extra))

    def _load_accounts(self, chosen: list[int], variants: dict[int, str]) -> None:
        """Offer the brand's accounts, tick ``chosen``, and show their tabs."""
        brand = self.form.brand()
        accounts = self._ws.accounts.all(brand.id) if brand is not None else []
        self.form.targets.set_accounts(accounts, chosen)
        self.panel.set_targets(brand, self.form.targets.chosen(), variants)
        self._show_cw()

    def _show_cw(self) -> None:
        chosen = self.form.targets.chosen()
        mastodon = any(a.network == Network.MASTODON for a in chosen)
        self.form.cw_edit.setVisible(mastodon or bool(self.form.cw_edit.text()))

    def _remember(self, post: Post) -> None:
        """What the post was when the edit began: to detect changes and conflicts."""
        self._version = post.version
        self._original_at = post.local_at
        self._original_brand = post.brand_id
        self._was_scheduled = post.state == PostState.SCHEDULED

    def _default_slot(self) -> datetime:
        return next_hour(to_wall(self._ws.clock.now(), self.form.schedule.timezone))

    # ---- state -----------------------------------------------------------------------

    def _open_library(self) -> None:
        from cmplanner.ui.library_dialog import LibraryDialog

        brand = self.form.brand()
        LibraryDialog(self._ws, brand.id if brand else None, self).exec()

    @property
    def is_dirty(self) -> bool:
        return self._dirty

    @property
    def seen_version(self) -> int | None:
        """The version of the post this edit started from (None: a new post)."""
        return self._version

    def edit_state(self) -> DraftEdit:
        """Everything typed so far, as the journal keeps it."""
        brand = self.form.brand()
        rows = self.form.media.rows
        extra = {
            "state": self.form.state().value,
            "alt_texts": json.dumps([r.alt_text for r in rows], ensure_ascii=False),
            "content_warning": self.form.cw_edit.text(),
            **targets_for_journal(self.form.targets.chosen_ids(), self._variants()),
        }
        if self._version is not None:
            extra["version"] = str(self._version)
        return DraftEdit(
            key=self.key,
            post_id=self.post_id,
            brand_id=brand.id if brand else None,
            text=self.form.text(),
            tags=self.form.tags_edit.tags(),
            notes=self.form.notes(),
            local_at=self.form.schedule.wall(),
            media_paths=tuple(str(r.attachment.path) for r in rows),
            extra=extra,
        )

    def _refresh_buttons(self) -> None:
        # Asked on every keystroke (the text is a field, and a too-long post's gate
        # changes with its count): only what changed is set again (each new text,
        # tooltip or font is an event for the widget).
        state = self.form.state()
        has_brand = self.form.brand() is not None
        has_date = self.form.schedule.wall() is not None
        gate = self.live.gate
        buttons = (state, has_brand, has_date, bool(gate), self._was_scheduled)
        if buttons == self._buttons_shown and gate == self._gate_shown:
            return
        if buttons != self._buttons_shown:
            self._buttons_shown = buttons
            self._set_buttons(state, has_brand, has_date and not gate)
        self._gate_shown = gate  # the tooltips follow its text
        if gate:
            tip = self.tr("Cannot be scheduled until this is fixed: {problems}").format(
                problems=gate
            )
        elif has_date:
            tip = self.tr("Publish it at this date and time")
        else:
            tip = self.tr("Pick a date and time first (untick “No date”)")
        if self.schedule_button.toolTip() != tip:
            self.schedule_button.setToolTip(tip)
        self.form.set_ready_blocked(
            self.tr("Cannot be ready until this is fixed: {problems}").format(problems=gate)
            if gate
            else ""
        )

    def _set_buttons(self, state: PostState, can_save: bool, can_schedule: bool) -> None:
        """The buttons' texts, enabled states and which one is the default."""
        names = {
            PostState.IDEA: self.tr("Save as idea"),
            PostState.DRAFT: self.tr("Save as draft"),
            PostState.READY: self.tr("Save as ready"),
        }
        self.save_button.setText(names[state])
        self.save_button.setEnabled(can_save)
        self.schedule_button.setEnabled(can_save and can_schedule)
        primary = self.default_button()
        for b in (self.save_button, self.schedule_button):
            if b.isDefault() != (b is primary):
                b.setDefault(b is primary)
            font = b.font()
            if font.bold() != (b is primary):
                font.setBold(b is primary)
                b.setFont(font)

    def default_button(self) -> QPushButton:
        """The button Ctrl+S presses: Schedule for a scheduled post, Save otherwise."""
        if self._was_scheduled and self.schedule_button.isEnabled():
            return self.schedule_button
        return self.save_button

    def _touch(self) -> None:
        """A field changed: mark dirty and (re)arm the debounced autosave."""
        if self._loading:
            return
        self._dirty = True
        if not self._autosave_timer.isActive():
            self._pending_since.start()
            delay = AUTOSAVE_DELAY_MS
        else:
            left = AUTOSAVE_MAX_WAIT_MS - self._pending_since.elapsed()
            delay = max(0, min(AUTOSAVE_DELAY_MS, left))
        self._autosave_timer.start(delay)

    # ---- actions ---------------------------------------------------------------------

    def autosave_now(self) -> None:
        """Write the edit state to the journal now."""
        self._autosave_timer.stop()
        try:
            self._ws.drafts.save(self.edit_state())
        except Exception as exc:  # a failed autosave must never cost the user the editor
            log.exception("autosave failed")
            self.banner.show_message(
                self.tr("Your changes could not be autosaved ({error}).").format(error=exc),
                self.tr("Save the post as soon as you can."),
            )
            return
        self.autosaved.emit()

    def save(self, *, schedule: bool) -> bool:
        """Create or update the post; on success emit post_saved and close."""
        brand = self.form.brand()
        if brand is None:
            self.banner.show_message(self.tr("Pick a brand first."))
            return False
        wall = self.form.schedule.wall()
        state = PostState.SCHEDULED if schedule else self.form.state()
        tags, notes, text = self.form.tags_edit.tags(), self.form.notes(), self.form.text()
        media = self.form.media.inputs() if self._media_touched else None
        account_ids, cw = self.form.targets.chosen_ids(), self.form.cw_edit.text()
        try:
            if self.post_id is None:
                post = self._ws.posts.create(
                    brand.id, text, local_at=wall, state=state, tags=tags, notes=notes,
                    media=media or (), account_ids=account_ids, variants=self._variants(),
                    content_warning=cw,
                )  # fmt: skip
            else:
                local_at, clear = None, wall is None
                if wall is not None and (
                    schedule or wall != self._original_at or brand.id != self._original_brand
                ):
                    local_at = wall
                post = self._ws.posts.update(
                    self.post_id, text=text, tags=tags, notes=notes, state=state,
                    brand_id=brand.id, media=media, expected_version=self._version,
                    local_at=local_at, clear_schedule=clear, account_ids=account_ids,
                    variants=self.tabs.variants(), content_warning=cw,
                )  # fmt: skip
        except ConflictError as exc:  # saved elsewhere meanwhile: show both, let them choose
            log.info("save conflict: %s", exc)
            self.conflicts.ask(exc, schedule=schedule)
            return False
        except NotFound as exc:
            if self.post_id is not None and not self._ws.posts.get_many([self.post_id]):
                self.conflicts.ask(self.conflicts.deleted_error(), schedule=schedule)
            else:
                self.banner.show_error(exc)
            return False
        except KnownError as exc:
            log.info("save refused: %s", exc)
            self.banner.show_error(exc)
            return False
        self.banner.clear()
        self._autosave_timer.stop()
        self.post_saved.emit(post.id)
        self._ws.drafts.discard(self.key)
        self.form.media.remove_fitted()  # saving copied them into the workspace
        self.accept()
        return True

    def _variants(self) -> dict[int, str]:
        return self.panel.own_texts()

    # ---- after a conflict (see composer_conflict) --------------------------------------

    def save_over(self, theirs: Post, *, schedule: bool) -> bool:
        """Save this edit on top of ``theirs`` (seen in the conflict dialog): every field
        as this composer shows it, time and attachments included."""
        self._remember(theirs)
        self._media_touched = True
        return self.save(schedule=schedule)

    def save_as_new_draft(self) -> bool:
        """Save this edit as a new draft post; the one changed elsewhere is left alone."""
        self.post_id, self._version = None, None
        self._media_touched = True  # the new post takes the attachments as shown
        self.form.set_state(PostState.DRAFT)
        return self.save(schedule=False)

    def reload_from(self, post: Post) -> None:
        """Show ``post`` as saved now, dropping this edit (its journal entry too)."""
        self._autosave_timer.stop()
        self._loading = True
        try:
            for row in self.form.media.rows:
                self.form.media.remove(row)
            self._load_post(post)
        finally:
            self._loading = False
        self._dirty = self._media_touched = False
        self._ws.drafts.discard(self.key)
        self._refresh_buttons()

    def reject(self) -> None:
        """Cancel: ask first if anything changed, then drop the journal entry."""
        if self._dirty and not self._confirm_discard():
            return
        self.discard()

    def discard(self) -> None:
        """Drop this edit without asking: its journal entry goes, the dialog closes."""
        self._autosave_timer.stop()
        self._dirty = False
        self._ws.drafts.discard(self.key)
        self.form.media.remove_fitted()
        super().reject()

    def _confirm_discard(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Discard changes?"),
            self.tr("Discard the changes to this post? They cannot be brought back."),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def files_dropped(self, files: list[Path]) -> None:
        self.form.media.attach(files)

    # ---- slots -----------------------------------------------------------------------

    @Slot()
    def _on_form_edited(self) -> None:
        self._refresh_buttons()
        self._touch()

    @Slot()
    def _on_form_media_edited(self) -> None:
        self._media_touched = True
        self.live.set_media(self.form.media.infos(), self.form.media.preview_images())

    @Slot()
    def _on_form_brand_changed(self) -> None:
        self._load_accounts([], {})  # another brand, other accounts: choose again

    @Slot()
    def _on_targets_targets_changed(self) -> None:
        self.panel.set_targets(self.form.brand(), self.form.targets.chosen(), None)
        self._show_cw()
        self._refresh_buttons()
        self._touch()

    @Slot(str)
    def _on_cw_edit_text_changed(self, text: str) -> None:
        self.live.set_content_warning(text)

    @Slot(int)
    def _on_panel_variant_edited(self, _account_id: int) -> None:
        self._touch()

    @Slot(str)
    def _on_panel_gate_changed(self, _gate: str) -> None:
        self._refresh_buttons()

    @Slot(str, str)
    def _on_media_attach_failed(self, message: str, hint: str) -> None:
        self.banner.show_message(message, hint)

    @Slot()
    def _on_autosave_timer_timeout(self) -> None:
        self.autosave_now()

    @Slot()
    def _on_cancel_button_clicked(self) -> None:
        self.reject()

    @Slot()
    def _on_save_button_clicked(self) -> None:
        self.save(schedule=False)

    @Slot()
    def _on_schedule_button_clicked(self) -> None:
        self.save(schedule=True)

    @Slot()
    def _on_save_shortcut_activated(self) -> None:
        self.default_button().click()
