"""Two people, one post: the composer's save conflict dialog, on either engine.

Ana (``ws``) has the post open in the composer; Ben (``other``, a second workspace on
the same database) saves it first. Ana's save shows both versions side by side and does
what she picks; nothing is overwritten without that choice.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from cmplanner.domain.clock import FixedClock
from cmplanner.domain.enums import Network, PostState
from cmplanner.domain.models import Account, Brand, Post
from cmplanner.paths import Paths
from cmplanner.services.workspace import Workspace, open_workspace
from cmplanner.ui.composer import ComposerDialog
from cmplanner.ui.conflict_dialog import Choice, ConflictDialog


@pytest.fixture
def other(paths: Paths, clock: FixedClock, db_url: str, ws: Workspace) -> Iterator[Workspace]:
    """Ben's workspace on the same database."""
    workspace = open_workspace(paths, db_url=db_url, clock=clock)
    yield workspace
    workspace.close()


@pytest.fixture
def brand(ws: Workspace) -> Brand:
    return ws.brands.create("Panadería Sol", "Europe/Madrid")


@pytest.fixture
def accounts(ws: Workspace, brand: Brand) -> tuple[Account, Account]:
    return (
        ws.accounts.add_profile(brand.id, Network.MASTODON, "@sol@example.social"),
        ws.accounts.add_profile(brand.id, Network.BLUESKY, "sol.example.com"),
    )


@pytest.fixture
def post(ws: Workspace, brand: Brand, accounts: tuple[Account, Account]) -> Post:
    return ws.posts.create(
        brand.id,
        "Fresh bread",
        local_at=datetime(2026, 12, 3, 9, 0),
        account_ids=[accounts[0].id],
    )


@pytest.fixture(autouse=True)
def _no_unexpected_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    def unexpected(_parent: object, title: str, *_a: object, **_k: object) -> None:
        raise AssertionError(f"unexpected question: {title}")

    monkeypatch.setattr(QMessageBox, "question", staticmethod(unexpected))


def _composer(qtbot: QtBot, ws: Workspace, post_id: int) -> ComposerDialog:
    dialog = ComposerDialog(ws, post_id=post_id)
    qtbot.addWidget(dialog, before_close_func=lambda d: d.discard())
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _retype(qtbot: QtBot, dialog: ComposerDialog, text: str) -> None:
    dialog.editor.selectAll()
    qtbot.keyClick(dialog.editor, Qt.Key.Key_Delete)
    qtbot.keyClicks(dialog.editor, text)


def _cell_text(cell: QWidget) -> str:
    if isinstance(cell, QPlainTextEdit):
        return cell.toPlainText()
    assert isinstance(cell, QLabel)
    return cell.text()


def _sides(dialog: ConflictDialog) -> dict[str, tuple[str, str]]:
    return {label: (_cell_text(a), _cell_text(b)) for label, (a, b) in dialog.cells.items()}


def _sides_heads(dialog: ConflictDialog) -> str:
    return " ".join(w.text() for w in dialog.findChildren(QLabel) if "—" in w.text())


def _save_into_conflict(
    qtbot: QtBot, ws: Workspace, other: Workspace, post: Post, accounts: tuple[Account, Account]
) -> tuple[ComposerDialog, ConflictDialog]:
    """Ana opens the post, Ben saves first (text, time, accounts), Ana saves as ready."""
    composer = _composer(qtbot, ws, post.id)
    other.posts.update(
        post.id,
        text="Croissants at 11",
        local_at=datetime(2026, 12, 5, 11, 0),
        account_ids=[accounts[1].id],
        expected_version=post.version,
    )
    _retype(qtbot, composer, "Sourdough Saturday")
    qtbot.mouseClick(composer.save_button, Qt.MouseButton.LeftButton)
    dialog = composer.conflicts.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return composer, dialog


def test_the_second_save_shows_both_versions_side_by_side(
    qtbot: QtBot, ws: Workspace, other: Workspace, post: Post, accounts: tuple[Account, Account]
) -> None:
    composer, dialog = _save_into_conflict(qtbot, ws, other, post, accounts)

    assert dialog.isVisible() and dialog.windowModality() == Qt.WindowModality.WindowModal
    sides = _sides(dialog)
    assert sides["Text"] == ("Croissants at 11", "Sourdough Saturday")
    assert sides["When"] == (
        "Sat 05 Dec 2026 11:00 (Europe/Madrid)",
        "Thu 03 Dec 2026 09:00 (Europe/Madrid)",
    )
    assert sides["State"] == ("Scheduled", "Ready")  # the post was scheduled; Save = ready
    assert sides["Accounts"] == ("Bluesky sol.example.com", "Mastodon @sol@example.social")
    assert all(f.differs for f in dialog.fields)
    theirs = other.posts.get(post.id).version
    assert f"version {post.version} → {theirs}" in dialog.message_label.text()
    assert f"version {theirs}" in _sides_heads(dialog)
    assert "nothing was overwritten" in dialog.hint_label.text()
    assert [b.text() for c, b in dialog.buttons.items() if c != Choice.CANCEL] == [
        "Keep theirs (reload)",
        "Overwrite with mine",
        "Copy mine to a new draft",
    ]
    dialog.grab().save("/tmp/N_conflict_post.png")
    # nothing is saved while the question is open
    assert other.posts.get(post.id).text == "Croissants at 11"
    assert composer.isVisible()


def test_keep_theirs_reloads_their_version_into_the_composer(
    qtbot: QtBot, ws: Workspace, other: Workspace, post: Post, accounts: tuple[Account, Account]
) -> None:
    composer, dialog = _save_into_conflict(qtbot, ws, other, post, accounts)

    qtbot.mouseClick(dialog.buttons[Choice.KEEP_THEIRS], Qt.MouseButton.LeftButton)

    assert not dialog.isVisible()
    assert composer.isVisible() and not composer.is_dirty
    assert composer.form.text() == "Croissants at 11"
    assert composer.form.schedule.wall() == datetime(2026, 12, 5, 11, 0)
    assert composer.form.targets.chosen_ids() == [accounts[1].id]
    assert composer.seen_version == other.posts.get(post.id).version
    assert "your changes were dropped" in composer.banner.message
    assert ws.drafts.pending() == []
    assert other.posts.get(post.id).text == "Croissants at 11"
    # and a save from here is an ordinary one
    with qtbot.waitSignal(composer.post_saved):
        qtbot.mouseClick(composer.save_button, Qt.MouseButton.LeftButton)


def test_overwrite_with_mine_saves_on_top_of_theirs(
    qtbot: QtBot, ws: Workspace, other: Workspace, post: Post, accounts: tuple[Account, Account]
) -> None:
    composer, dialog = _save_into_conflict(qtbot, ws, other, post, accounts)
    theirs = other.posts.get(post.id).version

    with qtbot.waitSignal(composer.post_saved) as saved:
        qtbot.mouseClick(dialog.buttons[Choice.OVERWRITE], Qt.MouseButton.LeftButton)

    assert saved.args == [post.id]
    now = other.posts.get(post.id)
    assert now.text == "Sourdough Saturday"
    assert now.local_at == datetime(2026, 12, 3, 9, 0)
    assert [a.id for a in now.targets] == [accounts[0].id]
    assert now.version > theirs  # saved on top of theirs
    assert not composer.isVisible()


def test_copy_mine_to_a_new_draft_leaves_theirs_alone(
    qtbot: QtBot, ws: Workspace, other: Workspace, post: Post, accounts: tuple[Account, Account]
) -> None:
    composer, dialog = _save_into_conflict(qtbot, ws, other, post, accounts)
    before = other.posts.get(post.id)

    with qtbot.waitSignal(composer.post_saved) as saved:
        qtbot.mouseClick(dialog.buttons[Choice.COPY], Qt.MouseButton.LeftButton)

    copy = other.posts.get(saved.args[0])
    assert copy.id != post.id
    assert (copy.text, copy.state) == ("Sourdough Saturday", PostState.DRAFT)
    assert copy.local_at == datetime(2026, 12, 3, 9, 0)
    assert [a.id for a in copy.targets] == [accounts[0].id]
    assert other.posts.get(post.id) == before


def test_back_to_editing_saves_nothing_and_keeps_the_text(
    qtbot: QtBot, ws: Workspace, other: Workspace, post: Post, accounts: tuple[Account, Account]
) -> None:
    composer, dialog = _save_into_conflict(qtbot, ws, other, post, accounts)

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    assert dialog.choice == Choice.CANCEL and not dialog.isVisible()
    assert composer.isVisible() and composer.form.text() == "Sourdough Saturday"
    assert "changed elsewhere" in composer.banner.message
    assert other.posts.get(post.id).text == "Croissants at 11"
    # saving again asks again: still nothing overwritten silently
    qtbot.mouseClick(composer.save_button, Qt.MouseButton.LeftButton)
    assert composer.conflicts.dialog is not None
    composer.conflicts.dialog.choose(Choice.CANCEL)


def test_a_post_deleted_elsewhere_can_be_kept_as_a_new_draft(
    qtbot: QtBot, ws: Workspace, other: Workspace, post: Post
) -> None:
    composer = _composer(qtbot, ws, post.id)
    other.posts.delete([post.id])
    _retype(qtbot, composer, "Sourdough Saturday")
    qtbot.mouseClick(composer.save_button, Qt.MouseButton.LeftButton)
    dialog = composer.conflicts.dialog
    assert dialog is not None

    assert _sides(dialog)["Text"] == ("(deleted)", "Sourdough Saturday")
    assert Choice.OVERWRITE not in dialog.buttons
    with qtbot.waitSignal(composer.post_saved) as saved:
        dialog.choose(Choice.COPY)

    assert other.posts.get(saved.args[0]).text == "Sourdough Saturday"
