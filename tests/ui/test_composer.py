"""The composer with real widgets on a real SQLite workspace (offscreen)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from cmplanner.domain.enums import PostState
from cmplanner.domain.errors import InvalidInput
from cmplanner.domain.models import Brand, DraftEdit
from cmplanner.paths import Paths
from cmplanner.services.workspace import Workspace, open_workspace
from cmplanner.ui import composer as composer_module
from cmplanner.ui.composer import ComposerDialog
from cmplanner.ui.errors import error_box, show_error


@pytest.fixture
def madrid(ws: Workspace) -> Brand:
    return ws.brands.create(
        "Café Lumière", "Europe/Madrid", brief="Warm and playful.", tags=["brunch"]
    )


@pytest.fixture
def nyc(ws: Workspace) -> Brand:
    return ws.brands.create("Harbor Books", "America/New_York")


@pytest.fixture
def png(tmp_path: Path) -> Path:
    path = tmp_path / "photo.png"
    Image.new("RGB", (640, 480), "#4a7bd0").save(path)
    return path


@pytest.fixture(autouse=True)
def _no_unexpected_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal question nobody answers would hang the test (in C++, out of the timeout's
    reach): fail instead. Tests that expect one patch it again."""

    def unexpected(_parent: object, title: str, *_a: object, **_k: object) -> None:
        raise AssertionError(f"unexpected question: {title}")

    monkeypatch.setattr(QMessageBox, "question", staticmethod(unexpected))


def _composer(qtbot: QtBot, ws: Workspace, **kwargs: object) -> ComposerDialog:
    dialog = ComposerDialog(ws, **kwargs)  # type: ignore[arg-type]
    # closing a dirty composer asks first; at teardown, just drop the edit
    qtbot.addWidget(dialog, before_close_func=lambda d: d.discard())
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _file_mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


# ---- writing and saving -------------------------------------------------------------


def test_create_draft_through_the_dialog(
    qtbot: QtBot, ws: Workspace, madrid: Brand, nyc: Brand
) -> None:
    dialog = _composer(qtbot, ws)
    qtbot.keyClicks(dialog.editor, "Winter menu lands Thursday")
    dialog.form.brand_combo.setCurrentIndex(dialog.form.brand_combo.findData(madrid.id))
    qtbot.keyClicks(dialog.form.tags_edit, "winter, menu")
    qtbot.keyClicks(dialog.form.notes_edit, "ask Ana for photos")
    with qtbot.waitSignal(dialog.post_saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    post = ws.posts.get(saved.args[0])
    assert post.text == "Winter menu lands Thursday"
    assert post.brand_id == madrid.id
    assert post.state == PostState.DRAFT
    assert post.tags == ("winter", "menu")
    assert post.notes == "ask Ana for photos"
    assert post.local_at is None
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert ws.drafts.pending() == []


def test_ctrl_s_saves(qtbot: QtBot, ws: Workspace, madrid: Brand) -> None:
    dialog = _composer(qtbot, ws, brand_id=madrid.id)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.form.state_combo.setCurrentIndex(dialog.form.state_combo.findData("idea"))
    assert dialog.save_button.text() == "Save as idea"
    qtbot.keyClicks(dialog.editor, "an idea")
    with qtbot.waitSignal(dialog.post_saved) as saved:
        qtbot.keyClick(dialog.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert ws.posts.get(saved.args[0]).state == PostState.IDEA


def test_edit_an_existing_post(qtbot: QtBot, ws: Workspace, madrid: Brand) -> None:
    post = ws.posts.create(madrid.id, "Old words", tags=["a"], notes="n")
    dialog = _composer(qtbot, ws, post_id=post.id)
    assert dialog.editor.toPlainText() == "Old words"
    assert dialog.form.tags_edit.text() == "a"
    dialog.editor.selectAll()
    qtbot.keyClicks(dialog.editor, "New words")
    with qtbot.waitSignal(dialog.post_saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved.args == [post.id]
    after = ws.posts.get(post.id)
    assert (after.text, after.tags, after.notes) == ("New words", ("a",), "n")
    assert after.version > post.version


def test_schedule_in_the_brand_zone(qtbot: QtBot, ws: Workspace, madrid: Brand) -> None:
    dialog = _composer(qtbot, ws, brand_id=madrid.id, local_at=datetime(2026, 12, 3, 9, 30))
    assert dialog.form.schedule.zone_label.text() == "Europe/Madrid (UTC+01:00)"
    assert "Warm and playful." in dialog.form.brand_hint.text()
    qtbot.keyClicks(dialog.editor, "See you at 9:30")
    with qtbot.waitSignal(dialog.post_saved) as saved:
        qtbot.mouseClick(dialog.schedule_button, Qt.MouseButton.LeftButton)
    post = ws.posts.get(saved.args[0])
    assert post.state == PostState.SCHEDULED
    assert post.timezone == "Europe/Madrid"
    assert post.local_at == datetime(2026, 12, 3, 9, 30)
    assert post.scheduled_utc is not None
    assert post.scheduled_utc.replace(tzinfo=UTC) == datetime(2026, 12, 3, 8, 30, tzinfo=UTC)


def test_brand_switch_shows_the_other_zone(
    qtbot: QtBot, ws: Workspace, madrid: Brand, nyc: Brand
) -> None:
    dialog = _composer(qtbot, ws, brand_id=madrid.id, local_at=datetime(2026, 12, 3, 9, 30))
    dialog.form.brand_combo.setCurrentIndex(dialog.form.brand_combo.findData(nyc.id))
    assert dialog.form.schedule.zone_label.text() == "America/New_York (UTC-05:00)"
    assert dialog.form.schedule.wall() == datetime(2026, 12, 3, 9, 30)  # wall time kept


def test_backlog_disables_schedule(qtbot: QtBot, ws: Workspace, madrid: Brand) -> None:
    dialog = _composer(qtbot, ws, brand_id=madrid.id)
    assert dialog.form.schedule.backlog_check.isChecked()
    assert not dialog.schedule_button.isEnabled()
    dialog.form.schedule.backlog_check.setChecked(False)
    assert dialog.schedule_button.isEnabled()


def test_dst_gap_time_is_explained_and_the_text_kept(
    qtbot: QtBot, ws: Workspace, madrid: Brand
) -> None:
    gap = datetime(2027, 3, 28, 2, 30)  # Madrid jumps from 02:00 to 03:00 that night
    dialog = _composer(qtbot, ws, brand_id=madrid.id, local_at=gap)
    assert "does not exist" in dialog.form.schedule.zone_label.text()
    qtbot.keyClicks(dialog.editor, "Spring is here")
    with qtbot.assertNotEmitted(dialog.post_saved):
        qtbot.mouseClick(dialog.schedule_button, Qt.MouseButton.LeftButton)
    assert dialog.banner.isVisible()
    assert "does not exist in Europe/Madrid" in dialog.banner.message
    assert dialog.banner.hint == "Pick 01:59 or 03:00 instead."
    assert dialog.isVisible()
    assert dialog.editor.toPlainText() == "Spring is here"
    assert ws.posts.find() == []


def test_past_time_is_refused_in_the_window(qtbot: QtBot, ws: Workspace, madrid: Brand) -> None:
    dialog = _composer(qtbot, ws, brand_id=madrid.id, local_at=datetime(2026, 11, 20, 9, 0))
    qtbot.keyClicks(dialog.editor, "Too late")
    qtbot.mouseClick(dialog.schedule_button, Qt.MouseButton.LeftButton)
    assert "in the past" in dialog.banner.message
    assert dialog.editor.toPlainText() == "Too late"
    assert dialog.isVisible()


# ---- media --------------------------------------------------------------------------


def test_attach_png_with_alt_text(
    qtbot: QtBot, ws: Workspace, madrid: Brand, png: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(png)], ""))
    )
    dialog = _composer(qtbot, ws, brand_id=madrid.id)
    qtbot.keyClicks(dialog.editor, "Look at this")
    qtbot.mouseClick(dialog.form.media.add_button, Qt.MouseButton.LeftButton)
    [row] = dialog.form.media.rows
    assert "640 × 480 px" in row.size_label.text()
    assert not row.thumb.pixmap().isNull()
    qtbot.keyClicks(row.alt_edit, "A blue square")
    with qtbot.waitSignal(dialog.post_saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    media = ws.posts.get(saved.args[0]).media[0]
    assert (media.width, media.height, media.alt_text) == (640, 480, "A blue square")
    assert media.mime == "image/png"


def test_remove_an_attachment(qtbot: QtBot, ws: Workspace, madrid: Brand, png: Path) -> None:
    dialog = _composer(qtbot, ws, brand_id=madrid.id)
    dialog.form.media.attach([png])
    [row] = dialog.form.media.rows
    qtbot.mouseClick(row.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.form.media.rows == []


def test_non_image_file_shows_an_error(
    qtbot: QtBot,
    ws: Workspace,
    madrid: Brand,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bogus = tmp_path / "notes.png"
    bogus.write_text("not an image")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(bogus)], ""))
    )
    dialog = _composer(qtbot, ws, brand_id=madrid.id)
    qtbot.keyClicks(dialog.editor, "keep me")
    qtbot.mouseClick(dialog.form.media.add_button, Qt.MouseButton.LeftButton)
    assert dialog.banner.isVisible()
    assert "notes.png cannot be attached" in dialog.banner.message
    assert "JPEG" in dialog.banner.hint
    assert dialog.form.media.rows == []
    assert dialog.editor.toPlainText() == "keep me"


def test_file_vanished_before_save(qtbot: QtBot, ws: Workspace, madrid: Brand, png: Path) -> None:
    dialog = _composer(qtbot, ws, brand_id=madrid.id)
    qtbot.keyClicks(dialog.editor, "keep me too")
    dialog.form.media.attach([png])
    png.unlink()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "does not exist" in dialog.banner.message
    assert dialog.isVisible()
    assert dialog.editor.toPlainText() == "keep me too"
    assert len(dialog.form.media.rows) == 1


def test_dropped_file_is_attached(qtbot: QtBot, ws: Workspace, madrid: Brand, png: Path) -> None:
    dialog = _composer(qtbot, ws, brand_id=madrid.id)
    mime = _file_mime(png)
    enter = QDragEnterEvent(
        dialog.rect().center(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(dialog, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(dialog.rect().center()),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(dialog, drop)
    assert drop.isAccepted()
    assert [r.attachment.path for r in dialog.form.media.rows] == [png]


def test_file_dropped_on_the_editor_is_attached_not_typed(
    qtbot: QtBot, ws: Workspace, madrid: Brand, png: Path
) -> None:
    dialog = _composer(qtbot, ws, brand_id=madrid.id)
    qtbot.keyClicks(dialog.editor, "text")
    assert dialog.editor.canInsertFromMimeData(_file_mime(png))
    dialog.editor.insertFromMimeData(_file_mime(png))
    assert dialog.editor.toPlainText() == "text"
    assert len(dialog.form.media.rows) == 1


# ---- tags ---------------------------------------------------------------------------


def test_tag_completion_completes_the_last_tag(qtbot: QtBot, ws: Workspace, madrid: Brand) -> None:
    ws.posts.create(madrid.id, "x", tags=["winter menu"])
    dialog = _composer(qtbot, ws, brand_id=madrid.id)
    tags = dialog.form.tags_edit
    qtbot.keyClicks(tags, "brunch, win")
    completer = tags.completer_
    assert completer.completionPrefix() == "win"
    assert completer.currentCompletion() == "winter menu"
    completer.activated[str].emit("winter menu")  # type: ignore[index]
    assert tags.tags() == ("brunch", "winter menu")


# ---- autosave, cancel, restore -----------------------------------------------------


def test_autosave_reaches_another_workspace(
    qtbot: QtBot, ws: Workspace, madrid: Brand, paths: Paths, png: Path
) -> None:
    dialog = _composer(qtbot, ws, brand_id=madrid.id)
    dialog.form.media.attach([png])
    dialog.form.media.rows[0].alt_edit.setText("blue")
    with qtbot.waitSignal(dialog.autosaved, timeout=3000):
        qtbot.keyClicks(dialog.editor, "Half-written thought")
    other = open_workspace(paths)
    try:
        [edit] = other.drafts.pending()
    finally:
        other.close()
    assert edit.key == dialog.key
    assert edit.text == "Half-written thought"
    assert edit.brand_id == madrid.id
    assert edit.media_paths == (str(png),)
    assert edit.extra["alt_texts"] == '["blue"]'


def test_autosave_does_not_wait_for_typing_to_stop(
    qtbot: QtBot, ws: Workspace, madrid: Brand
) -> None:
    dialog = _composer(qtbot, ws, brand_id=madrid.id)
    typer = QTimer(dialog)
    typer.setInterval(100)  # faster than the debounce: a plain debounce would never fire
    typer.timeout.connect(lambda: dialog.editor.insertPlainText("ab"))
    typer.start()
    with qtbot.waitSignal(dialog.autosaved, timeout=composer_module.AUTOSAVE_MAX_WAIT_MS + 800):
        pass
    assert typer.isActive()
    typer.stop()
    assert ws.drafts.pending()[0].text.startswith("abab")


def test_cancel_asks_and_keeps_the_journal_when_declined(
    qtbot: QtBot, ws: Workspace, madrid: Brand, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _composer(qtbot, ws, brand_id=madrid.id)
    with qtbot.waitSignal(dialog.autosaved, timeout=3000):
        qtbot.keyClicks(dialog.editor, "precious")
    asked: list[str] = []

    def answer(choice: QMessageBox.StandardButton):  # type: ignore[no-untyped-def]
        def question(_parent, title, *_a, **_k):  # type: ignore[no-untyped-def]
            asked.append(title)
            return choice

        return staticmethod(question)

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Cancel))
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert asked == ["Discard changes?"]
    assert dialog.isVisible()
    assert len(ws.drafts.pending()) == 1

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Discard))
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert ws.drafts.pending() == []


def test_cancel_without_changes_does_not_ask(
    qtbot: QtBot, ws: Workspace, madrid: Brand, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _composer(qtbot, ws, brand_id=madrid.id)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_restore_reopens_an_interrupted_edit(
    qtbot: QtBot, ws: Workspace, madrid: Brand, png: Path
) -> None:
    post = ws.posts.create(madrid.id, "saved words")
    edit = DraftEdit(
        key="k1",
        post_id=post.id,
        brand_id=madrid.id,
        text="saved words, and more",
        tags=("x", "y"),
        notes="note",
        local_at=datetime(2026, 12, 24, 18, 0),
        media_paths=(str(png),),
        extra={"state": "ready", "alt_texts": '["alt"]', "version": str(post.version)},
    )
    ws.drafts.save(edit)
    dialog = _composer(qtbot, ws, restore=edit)
    assert dialog.key == "k1"
    assert dialog.is_dirty
    assert dialog.edit_state().text == "saved words, and more"
    assert dialog.form.tags_edit.tags() == ("x", "y")
    assert dialog.form.notes() == "note"
    assert dialog.form.state() == PostState.READY
    assert dialog.form.schedule.wall() == datetime(2026, 12, 24, 18, 0)
    assert dialog.form.media.rows[0].alt_text == "alt"
    with qtbot.waitSignal(dialog.post_saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    after = ws.posts.get(post.id)
    assert after.text == "saved words, and more"
    assert after.local_at == datetime(2026, 12, 24, 18, 0)
    assert after.media[0].alt_text == "alt"
    assert ws.drafts.pending() == []


def test_restore_of_a_deleted_post_saves_a_new_one(
    qtbot: QtBot, ws: Workspace, madrid: Brand
) -> None:
    edit = DraftEdit(key="k2", post_id=999, brand_id=madrid.id, text="orphan")
    dialog = _composer(qtbot, ws, restore=edit)
    assert "deleted" in dialog.banner.message
    with qtbot.waitSignal(dialog.post_saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert ws.posts.get(saved.args[0]).text == "orphan"


def test_no_brand_yet(qtbot: QtBot, ws: Workspace) -> None:
    dialog = _composer(qtbot, ws)
    assert "no brand" in dialog.banner.message
    assert not dialog.save_button.isEnabled()


# ---- the shared error box ----------------------------------------------------------


def test_error_box_shows_message_and_hint(qtbot: QtBot) -> None:
    box = error_box(None, InvalidInput("It broke.", "Do this."))
    qtbot.addWidget(box)
    assert (box.text(), box.informativeText()) == ("It broke.", "Do this.")


def test_show_error_is_modal_and_closes(qtbot: QtBot) -> None:
    seen: list[str] = []

    def close_it() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(0, close_it)
    show_error(None, InvalidInput("Nope.", "Try again."))
    assert seen == ["Nope."]


def test_ctrl_s_keeps_a_scheduled_post_scheduled(
    qtbot: QtBot, ws: Workspace, madrid: Brand
) -> None:
    post = ws.posts.create(madrid.id, "On the calendar", local_at=datetime(2026, 12, 3, 9, 30))
    dialog = _composer(qtbot, ws, post_id=post.id)
    assert dialog.default_button() is dialog.schedule_button
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClicks(dialog.editor, "!")
    with qtbot.waitSignal(dialog.post_saved):
        qtbot.keyClick(dialog.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    after = ws.posts.get(post.id)
    assert after.state == PostState.SCHEDULED
    assert after.local_at == datetime(2026, 12, 3, 9, 30)
