"""Two people on one plan (two workspaces on one database), in the window, on either engine.

Ana's window watches the database (plan watch: LISTEN/NOTIFY on PostgreSQL, polling on
SQLite): Ben's changes show up in her calendar without losing her selection or her open
composer, and a drag of a post Ben moved meanwhile asks her what to do.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from cmplanner.domain.clock import FixedClock
from cmplanner.domain.enums import PostState
from cmplanner.paths import Paths
from cmplanner.services.workspace import Workspace, open_workspace
from cmplanner.ui.calendar.chip_view import DropRequest
from cmplanner.ui.composer import ComposerDialog
from cmplanner.ui.conflict_dialog import Choice, ConflictDialog
from cmplanner.ui.main_window import MainWindow
from cmplanner.ui.plan_watch_glue import PlanWatchGlue
from tests.ui.calendar_fixtures import seed

WAIT_MS = 15000  # a deadline for what normally takes well under a second


@pytest.fixture
def ben(paths: Paths, clock: FixedClock, db_url: str, ws: Workspace) -> Iterator[Workspace]:
    """Ben's workspace on the same database (another window, process or machine)."""
    workspace = open_workspace(paths, db_url=db_url, clock=clock)
    yield workspace
    workspace.close()


@pytest.fixture
def ids(ws: Workspace) -> dict[str, int]:
    return seed(ws)


@pytest.fixture
def ana(qtbot: QtBot, ws: Workspace, ids: dict[str, int]) -> Iterator[MainWindow]:
    """Ana's window, watching the database for changes made elsewhere."""
    glue = PlanWatchGlue(ws.engine, ws.notifier, interval=0.05, retry_s=0.2)
    w = MainWindow(ws, plan_watch=glue)
    qtbot.addWidget(w)
    w.resize(1300, 850)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(glue.watcher.ready.is_set, timeout=WAIT_MS)  # started after the first paint
    yield w
    w.close()


@pytest.fixture(autouse=True)
def _no_unexpected_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    def unexpected(_parent: object, title: str, *_a: object, **_k: object) -> None:
        raise AssertionError(f"unexpected question: {title}")

    monkeypatch.setattr(QMessageBox, "question", staticmethod(unexpected))


def _select(window: MainWindow, post_id: int) -> None:
    cal = window.calendar
    index = cal.model.index(cal.model.row_of(post_id), 0)
    cal.month_view.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    assert cal.selected_ids() == [post_id]


def _wall(window: MainWindow, post_id: int) -> datetime | None:
    model = window.calendar.model
    row = model.row_of(post_id)
    return model.post_at(row).local_at if row >= 0 else None


def test_bens_changes_show_in_anas_calendar_and_her_selection_stays(
    qtbot: QtBot, ana: MainWindow, ben: Workspace, ids: dict[str, int]
) -> None:
    cal = ana.calendar
    _select(ana, ids["a"])

    ben.posts.update(ids["c"], local_at=datetime(2026, 11, 30, 16, 0))  # moved
    new = ben.posts.create(ids["brand"], "Ben's new post", local_at=datetime(2026, 11, 29, 8, 0))
    qtbot.waitUntil(
        lambda: _wall(ana, ids["c"]) == datetime(2026, 11, 30, 16, 0) and new.id in cal.model.ids(),
        timeout=WAIT_MS,
    )
    assert cal.selected_ids() == [ids["a"]]

    # her selected post itself, changed by Ben: still selected, now where Ben put it
    ben.posts.update(ids["a"], local_at=datetime(2026, 11, 29, 9, 30))
    qtbot.waitUntil(lambda: _wall(ana, ids["a"]) == datetime(2026, 11, 29, 9, 30), timeout=WAIT_MS)
    assert cal.selected_ids() == [ids["a"]]

    ben.posts.delete([ids["b"]])
    qtbot.waitUntil(lambda: ids["b"] not in cal.model.ids(), timeout=WAIT_MS)
    assert cal.selected_ids() == [ids["a"]]
    ana.grab().save("/tmp/N_shared_calendar.png")


def test_a_brand_renamed_by_ben_reaches_anas_filters(
    qtbot: QtBot, ana: MainWindow, ben: Workspace, ids: dict[str, int]
) -> None:
    brand = ben.brands.get(ids["brand"])
    ben.brands.update(brand.id, name="Panadería Luna", expected_version=brand.version)

    qtbot.waitUntil(
        lambda: ana.calendar.model.post_at(0).brand_name == "Panadería Luna", timeout=WAIT_MS
    )


def test_anas_open_composer_says_ben_changed_the_post_and_her_save_asks(
    qtbot: QtBot, ana: MainWindow, ws: Workspace, ben: Workspace, ids: dict[str, int]
) -> None:
    ana.open_post(ids["c"])
    composer = next(d for d in ana.findChildren(ComposerDialog) if d.isVisible())
    composer.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(composer.editor, " with coffee")

    seen = ben.posts.get(ids["c"])
    ben.posts.update(ids["c"], text="Team Tuesday (moved)", expected_version=seen.version)

    qtbot.waitUntil(lambda: "changed elsewhere" in composer.banner.message, timeout=WAIT_MS)
    assert composer.isVisible() and composer.form.text() == "Team Tuesday with coffee"

    qtbot.mouseClick(composer.save_button, Qt.MouseButton.LeftButton)
    dialog = composer.conflicts.dialog
    assert dialog is not None
    assert dialog.cells["Text"][0].toPlainText() == "Team Tuesday (moved)"  # type: ignore[attr-defined]
    assert ben.posts.get(ids["c"]).text == "Team Tuesday (moved)"
    dialog.choose(Choice.CANCEL)
    composer.discard()


# ---- a drag (or a keyboard move) of a post Ben moved meanwhile -------------------------------


@pytest.fixture
def stale(qtbot: QtBot, ws: Workspace, ben: Workspace, ids: dict[str, int]) -> Iterator[MainWindow]:
    """Ana's window without the watcher: her calendar still shows post a on Fri 27 Nov
    09:30 while Ben has moved it to Sat 28 Nov 11:00."""
    w = MainWindow(ws)
    qtbot.addWidget(w)
    w.resize(1300, 850)
    w.show()
    qtbot.waitExposed(w)
    ben.posts.update(ids["a"], local_at=datetime(2026, 11, 28, 11, 0))
    assert _wall(w, ids["a"]) == datetime(2026, 11, 27, 9, 30)
    yield w
    w.close()


def _drag_a_to_dec_3(window: MainWindow, ids: dict[str, int]) -> ConflictDialog:
    window.calendar.month_view.move_requested.emit(
        DropRequest((ids["a"],), ids["a"], date(2026, 12, 3), None, False)
    )
    conflicts = window.controller.conflicts
    assert conflicts is not None and conflicts.dialog is not None
    return conflicts.dialog


def test_a_drag_of_a_post_moved_elsewhere_shows_both_and_moves_nothing(
    qtbot: QtBot, stale: MainWindow, ben: Workspace, ids: dict[str, int]
) -> None:
    dialog = _drag_a_to_dec_3(stale, ids)
    qtbot.waitExposed(dialog)

    sides = {k: (a.text() if hasattr(a, "text") else "", b.text() if hasattr(b, "text") else "")
             for k, (a, b) in dialog.cells.items() if k != "Text"}  # fmt: skip
    assert sides["When"] == (
        "Sat 28 Nov 2026 11:00 (Europe/Madrid)",
        "Thu 03 Dec 2026 11:00 (Europe/Madrid)",
    )
    assert "you saw it at Fri 27 Nov 09:30, it is now at Sat 28 Nov 11:00" in (
        dialog.message_label.text()
    )
    assert ben.posts.get(ids["a"]).local_at == datetime(2026, 11, 28, 11, 0)  # nothing moved
    dialog.grab().save("/tmp/N_conflict_move.png")

    qtbot.mouseClick(dialog.buttons[Choice.KEEP_THEIRS], Qt.MouseButton.LeftButton)

    assert ben.posts.get(ids["a"]).local_at == datetime(2026, 11, 28, 11, 0)
    assert stale.undo_action.isEnabled() is False
    qtbot.waitUntil(lambda: _wall(stale, ids["a"]) == datetime(2026, 11, 28, 11, 0))


def test_move_anyway_moves_on_top_of_theirs_and_can_be_undone(
    qtbot: QtBot, stale: MainWindow, ben: Workspace, ids: dict[str, int]
) -> None:
    dialog = _drag_a_to_dec_3(stale, ids)

    qtbot.mouseClick(dialog.buttons[Choice.OVERWRITE], Qt.MouseButton.LeftButton)

    assert ben.posts.get(ids["a"]).local_at == datetime(2026, 12, 3, 11, 0)
    stale.undo_action.trigger()
    assert ben.posts.get(ids["a"]).local_at == datetime(2026, 11, 28, 11, 0)  # back to Ben's


def test_copy_to_a_new_draft_there_leaves_theirs_alone(
    qtbot: QtBot, stale: MainWindow, ben: Workspace, ids: dict[str, int]
) -> None:
    dialog = _drag_a_to_dec_3(stale, ids)

    qtbot.mouseClick(dialog.buttons[Choice.COPY], Qt.MouseButton.LeftButton)

    copies = [p for p in ben.posts.find() if p.text == "Weekend bread" and p.id != ids["a"]]
    assert [(c.local_at, c.state) for c in copies] == [
        (datetime(2026, 12, 3, 11, 0), PostState.DRAFT)
    ]
    assert ben.posts.get(ids["a"]).local_at == datetime(2026, 11, 28, 11, 0)
    stale.undo_action.trigger()  # the copy goes again
    assert [p.id for p in ben.posts.find() if p.text == "Weekend bread"] == [ids["a"]]


def test_a_keyboard_move_of_a_post_moved_elsewhere_asks_too(
    qtbot: QtBot, stale: MainWindow, ben: Workspace, ids: dict[str, int]
) -> None:
    _select(stale, ids["a"])
    stale.cut_posts()
    stale.calendar.month_view.cursor_day = date(2026, 12, 4)
    stale.paste_posts()

    conflicts = stale.controller.conflicts
    assert conflicts is not None and conflicts.dialog is not None
    conflicts.dialog.choose(Choice.CANCEL)
    assert ben.posts.get(ids["a"]).local_at == datetime(2026, 11, 28, 11, 0)


def test_a_move_of_an_up_to_date_chip_asks_nothing(
    qtbot: QtBot, stale: MainWindow, ids: dict[str, int], ws: Workspace
) -> None:
    stale.calendar.month_view.move_requested.emit(
        DropRequest((ids["c"],), ids["c"], date(2026, 12, 3), None, False)
    )
    conflicts = stale.controller.conflicts
    assert conflicts is not None and conflicts.dialog is None
    assert ws.posts.get(ids["c"]).local_at == datetime(2026, 12, 3, 16, 0)
