"""A real drag (Qt's drag loop) of a chip someone else moved meanwhile asks before moving.

Runs with the other drag tests under ``QT_QPA_PLATFORM=minimal:enable_fonts`` (marker dnd).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from pytestqt.qtbot import QtBot

from cmplanner.domain.clock import FixedClock
from cmplanner.paths import Paths
from cmplanner.services.workspace import Workspace, open_workspace
from cmplanner.ui.conflict_dialog import Choice
from cmplanner.ui.main_window import MainWindow
from tests.ui.calendar_fixtures import seed
from tests.ui.test_calendar_dnd import _needs_a_drag_loop, real_drag

pytestmark = pytest.mark.dnd
__all__ = ["_needs_a_drag_loop"]  # the platform check, used here as an autouse fixture


@pytest.fixture
def ben(paths: Paths, clock: FixedClock, db_url: str, ws: Workspace) -> Iterator[Workspace]:
    workspace = open_workspace(paths, db_url=db_url, clock=clock)
    yield workspace
    workspace.close()


def test_dragging_a_chip_ben_moved_meanwhile_asks_then_moves_on_top_of_his(
    qtbot: QtBot, window: MainWindow, ws: Workspace, ben: Workspace
) -> None:
    ids = seed(ws)
    month = window.calendar.month_view
    qtbot.waitUntil(lambda: not month.chip_rect(ids["a"]).isEmpty())
    ben.posts.update(ids["a"], local_at=datetime(2026, 11, 28, 11, 0))  # Ana has not seen it

    start = month.chip_rect(ids["a"]).center()
    real_drag(qtbot, month.viewport(), start, month.viewport(), month.point_for(date(2026, 12, 2)))

    conflicts = window.controller.conflicts
    assert conflicts is not None
    qtbot.waitUntil(lambda: conflicts.dialog is not None and conflicts.dialog.isVisible())
    assert ben.posts.get(ids["a"]).local_at == datetime(2026, 11, 28, 11, 0)  # not yet
    assert conflicts.dialog is not None
    conflicts.dialog.choose(Choice.OVERWRITE)
    assert ben.posts.get(ids["a"]).local_at == datetime(2026, 12, 2, 11, 0)
    assert window.undo_action.text().startswith("Undo Move 1 post")
