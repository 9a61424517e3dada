"""Two people editing one brand (two workspaces on one database), on either engine.

The brands dialog sends the version the form was loaded from; when Ben saved first,
Ana's save shows both versions and does what she picks.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from cmplanner.domain.clock import FixedClock
from cmplanner.domain.models import Brand
from cmplanner.paths import Paths
from cmplanner.services.workspace import Workspace, open_workspace
from cmplanner.ui.brands_dialog import BrandsDialog
from cmplanner.ui.conflict_dialog import Choice, ConflictDialog


@pytest.fixture
def ben(paths: Paths, clock: FixedClock, db_url: str, ws: Workspace) -> Iterator[Workspace]:
    workspace = open_workspace(paths, db_url=db_url, clock=clock)
    yield workspace
    workspace.close()


@pytest.fixture
def brand(ws: Workspace) -> Brand:
    return ws.brands.create("Panadería Sol", "Europe/Madrid", brief="Warm.")


@pytest.fixture
def dialog(qtbot: QtBot, ws: Workspace, brand: Brand) -> Iterator[BrandsDialog]:
    dlg = BrandsDialog(ws)
    qtbot.addWidget(dlg, before_close_func=lambda w: w.hide())
    dlg.show()
    qtbot.waitExposed(dlg)
    assert dlg.current_brand_id() == brand.id
    yield dlg


def _brief(dlg: BrandsDialog) -> QPlainTextEdit:
    box = dlg.findChild(QPlainTextEdit, "brand_brief")
    assert box is not None
    return box


def _save(qtbot: QtBot, dlg: BrandsDialog) -> None:
    button = dlg.findChild(QPushButton, "save_brand")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _conflict(qtbot: QtBot, dlg: BrandsDialog, ben: Workspace, brand: Brand) -> ConflictDialog:
    ben.brands.update(brand.id, brief="Family bakery.", expected_version=brand.version)
    _brief(dlg).setPlainText("Artisan bakery.")
    _save(qtbot, dlg)
    assert dlg.conflict_dialog is not None
    qtbot.waitExposed(dlg.conflict_dialog)
    return dlg.conflict_dialog


def test_a_brand_saved_elsewhere_first_shows_both_versions(
    qtbot: QtBot, dialog: BrandsDialog, ben: Workspace, brand: Brand
) -> None:
    conflict = _conflict(qtbot, dialog, ben, brand)

    brief = conflict.cells["Brief"]
    assert [w.toPlainText() for w in brief] == ["Family bakery.", "Artisan bakery."]  # type: ignore[attr-defined]
    differing = [f.label for f in conflict.fields if f.differs]
    assert differing == ["Brief"]
    name = conflict.cells["Name"][0]
    assert isinstance(name, QLabel) and name.text() == "Panadería Sol"
    assert "changed by someone else" in conflict.message_label.text()
    assert "changed by someone else" in dialog.message()
    assert ben.brands.get(brand.id).brief == "Family bakery."
    conflict.grab().save("/tmp/N_conflict_brand.png")


def test_keep_theirs_reloads_the_form(
    qtbot: QtBot, dialog: BrandsDialog, ben: Workspace, brand: Brand
) -> None:
    conflict = _conflict(qtbot, dialog, ben, brand)

    qtbot.mouseClick(conflict.buttons[Choice.KEEP_THEIRS], Qt.MouseButton.LeftButton)

    assert _brief(dialog).toPlainText() == "Family bakery."
    assert "your changes were dropped" in dialog.message()
    _brief(dialog).setPlainText("Family bakery since 1990.")
    _save(qtbot, dialog)  # from their version now: no conflict
    assert dialog.conflict_dialog is None
    assert ben.brands.get(brand.id).brief == "Family bakery since 1990."


def test_overwrite_with_mine_saves_on_top_of_theirs(
    qtbot: QtBot, dialog: BrandsDialog, ben: Workspace, brand: Brand
) -> None:
    conflict = _conflict(qtbot, dialog, ben, brand)
    theirs = ben.brands.get(brand.id)

    qtbot.mouseClick(conflict.buttons[Choice.OVERWRITE], Qt.MouseButton.LeftButton)

    now = ben.brands.get(brand.id)
    assert now.brief == "Artisan bakery."
    assert now.version > theirs.version
    assert "Saved" in dialog.message()


def test_back_to_editing_keeps_the_form_and_saves_nothing(
    qtbot: QtBot, dialog: BrandsDialog, ben: Workspace, brand: Brand
) -> None:
    conflict = _conflict(qtbot, dialog, ben, brand)

    conflict.choose(Choice.CANCEL)

    assert _brief(dialog).toPlainText() == "Artisan bakery."
    assert ben.brands.get(brand.id).brief == "Family bakery."
