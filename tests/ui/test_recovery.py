"""Offering interrupted edits after a crash: list, restore, discard (never silently)."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from cmplanner.domain.models import Brand, DraftEdit
from cmplanner.services.workspace import Workspace
from cmplanner.ui.composer import ComposerDialog
from cmplanner.ui.recovery import RecoveryDialog, first_words, offer_recovery


@pytest.fixture
def brand(ws: Workspace) -> Brand:
    return ws.brands.create("Café Lumière", "Europe/Madrid")


@pytest.fixture
def edits(ws: Workspace, brand: Brand) -> list[DraftEdit]:
    post = ws.posts.create(brand.id, "Existing post")
    made = [
        DraftEdit(key="a" * 32, post_id=None, brand_id=brand.id, text="Winter menu lands soon"),
        DraftEdit(
            key="b" * 32,
            post_id=post.id,
            brand_id=brand.id,
            text="Existing post, edited " + "word " * 30,
            local_at=datetime(2026, 12, 3, 9, 30),
        ),
    ]
    for e in made:
        ws.drafts.save(e)
    return made


@pytest.fixture
def answer(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox.StandardButton]:
    """Scripted answers to QMessageBox.question; an unscripted question fails the test."""
    answers: list[QMessageBox.StandardButton] = []

    def question(_parent: object, title: str, *_a: object, **_k: object) -> object:
        assert answers, f"unexpected question: {title}"
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return answers


def _dialog(qtbot: QtBot, ws: Workspace) -> RecoveryDialog:
    dialog = RecoveryDialog(ws)
    qtbot.addWidget(dialog)
    return dialog


def _keep(qtbot: QtBot, composers: list[ComposerDialog]) -> None:
    for c in composers:
        qtbot.addWidget(c, before_close_func=lambda d: d.discard())


def test_first_words() -> None:
    assert first_words("  short\ntext ") == "short text"
    assert first_words("one two three four", limit=10) == "one two…"


def test_pending_edits_are_listed(
    qtbot: QtBot, qtmodeltester: object, ws: Workspace, edits: list[DraftEdit]
) -> None:
    dialog = _dialog(qtbot, ws)
    model = dialog.model
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 2
    lines = [model.data(model.index(r, 0)) for r in range(2)]
    assert lines[0].startswith("Café Lumière · “Winter menu lands soon”\nnew post · last saved ")
    assert "changes to post #" in lines[1]
    assert "…”" in lines[1]
    assert [e.key for e in dialog.selected_edits()] == [e.key for e in edits]
    assert dialog.restore_button.isEnabled()


def test_restore_opens_composers_and_keeps_the_journal(
    qtbot: QtBot, ws: Workspace, edits: list[DraftEdit]
) -> None:
    dialog = _dialog(qtbot, ws)
    dialog.show()
    composers = dialog.restore()
    _keep(qtbot, composers)
    assert [c.editor.toPlainText() for c in composers] == [e.text for e in edits]
    assert all(c.isVisible() and not c.isModal() for c in composers)
    assert composers[1].post_id == edits[1].post_id
    assert dialog.result() == QDialog.DialogCode.Accepted
    # still journaled until each composer saves or discards
    assert {e.key for e in ws.drafts.pending()} == {e.key for e in edits}
    with qtbot.waitSignal(composers[0].post_saved):
        qtbot.mouseClick(composers[0].save_button, Qt.MouseButton.LeftButton)
    assert [e.key for e in ws.drafts.pending()] == [edits[1].key]


def test_restore_one_leaves_the_other_listed(
    qtbot: QtBot, ws: Workspace, edits: list[DraftEdit]
) -> None:
    dialog = _dialog(qtbot, ws)
    dialog.show()
    dialog.view.clearSelection()
    dialog.view.selectionModel().select(
        dialog.model.index(1, 0), dialog.view.selectionModel().SelectionFlag.Select
    )
    _keep(qtbot, dialog.restore())
    assert dialog.isVisible()
    assert [e.key for e in dialog.model.edits()] == [edits[0].key]


def test_discard_asks_then_removes(
    qtbot: QtBot,
    ws: Workspace,
    edits: list[DraftEdit],
    answer: list[QMessageBox.StandardButton],
) -> None:
    dialog = _dialog(qtbot, ws)
    dialog.show()
    answer.append(QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(dialog.discard_button, Qt.MouseButton.LeftButton)
    assert len(ws.drafts.pending()) == 2
    assert dialog.isVisible()

    answer.append(QMessageBox.StandardButton.Discard)
    qtbot.mouseClick(dialog.discard_button, Qt.MouseButton.LeftButton)
    assert ws.drafts.pending() == []
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_decide_later_keeps_everything(qtbot: QtBot, ws: Workspace, edits: list[DraftEdit]) -> None:
    dialog = _dialog(qtbot, ws)
    dialog.show()
    qtbot.mouseClick(dialog.later_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert len(ws.drafts.pending()) == 2


def test_offer_recovery_without_pending_edits_asks_nothing(qtbot: QtBot, ws: Workspace) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    assert offer_recovery(parent, ws) == []


def test_offer_recovery_restores(qtbot: QtBot, ws: Workspace, edits: list[DraftEdit]) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    clicked: list[bool] = []

    def click_restore() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RecoveryDialog):  # not up yet
            QTimer.singleShot(20, click_restore)
            return
        clicked.append(True)
        dialog.restore_button.click()

    QTimer.singleShot(0, click_restore)
    composers = offer_recovery(parent, ws)
    try:
        assert clicked == [True]
        assert [c.editor.toPlainText() for c in composers] == [e.text for e in edits]
        assert all(c.parentWidget() is parent for c in composers)
    finally:
        # The composers are the parent's children and go with it: close them here,
        # while the parent is surely alive (qtbot only holds weak references).
        for c in composers:
            c.discard()
