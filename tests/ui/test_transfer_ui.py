"""The window's data that moves: the CSV import dialog (preview, column mapping, the
check, all or nothing) and File ▸ Restore from backup… (real widgets, offscreen, real
SQLite files)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cmplanner.services.workspace import Workspace
from cmplanner.ui.backup_dialog import RestoreBackupDialog
from cmplanner.ui.import_dialog import ImportDialog
from cmplanner.ui.main_window import MainWindow
from cmplanner.ui.transfer_actions import TransferActions
from tests.support.postgres import ON_POSTGRES


def _combo_to(combo: object, text: str) -> None:
    i = combo.findText(text)  # type: ignore[attr-defined]
    assert i >= 0, text
    combo.setCurrentIndex(i)  # type: ignore[attr-defined]


def test_import_dialog_maps_columns_checks_every_row_and_imports(
    qtbot: QtBot, window: MainWindow, ws: Workspace, tmp_path: Path
) -> None:
    ws.brands.create("Panadería Sol", "Europe/Madrid", color="#d9822b")
    actions = TransferActions(window, ws)
    path = tmp_path / "from-a-spreadsheet.csv"
    path.write_text(
        "Post;When;Hashtags\n"
        "Fresh sourdough every morning;2026-12-03 09:30;bread\n"
        "Roscón de Reyes orders are open!;2026-12-20 10:00;xmas\n"
        "Our summer menu;2026-07-01 09:00;summer\n",
        encoding="utf-8",
    )
    dialog = actions.open_import()
    assert isinstance(dialog, ImportDialog)
    qtbot.waitExposed(dialog)
    dialog.load(path)
    assert dialog.preview_model.rowCount() == 4  # "Post;When;Hashtags" is not a known header
    dialog.header_box.setChecked(True)
    assert dialog.preview_model.rowCount() == 3 and dialog.preview_model.columnCount() == 3
    assert not dialog.import_button.isEnabled()
    assert "no column is mapped to the post text" in dialog.report.toPlainText()

    _combo_to(dialog.mapping_combos["text"], "Post")
    _combo_to(dialog.mapping_combos["datetime"], "When")
    _combo_to(dialog.mapping_combos["tags"], "Hashtags")
    _combo_to(dialog.brand_combo, "Panadería Sol")
    report = dialog.report.toPlainText()
    assert "line 4: 2026-07-01 09:00 (Europe/Madrid) is in the past" in report
    assert not dialog.import_button.isEnabled()
    dialog.grab().save("/tmp/M_import_dialog.png")

    path.write_text(path.read_text().replace("2026-07-01", "2027-07-01"), encoding="utf-8")
    dialog.load(path, has_header=True)
    _combo_to(dialog.mapping_combos["text"], "Post")
    _combo_to(dialog.mapping_combos["datetime"], "When")
    _combo_to(dialog.mapping_combos["tags"], "Hashtags")
    assert "All 3 rows are fine: 3 scheduled" in dialog.report.toPlainText()
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported) as got:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert got.args == [3]
    posts = ws.posts.find(None, datetime(2026, 11, 1, tzinfo=UTC))
    assert [p.tags for p in posts] == [("bread",), ("xmas",), ("summer",)]
    assert "Imported 3 post(s)" in window.statusBar().currentMessage()


def test_a_file_that_cannot_be_read_is_said_in_the_dialog(
    qtbot: QtBot, ws: Workspace, tmp_path: Path
) -> None:
    dialog = ImportDialog(ws)
    qtbot.addWidget(dialog)
    path = tmp_path / "latin1.csv"
    path.write_bytes("Text,Posting Time\nPanadería,2026-12-03 09:30\n".encode("cp1252"))
    dialog.load(path)
    assert "line 2: not UTF-8 text" in dialog.report.toPlainText()
    assert not dialog.import_button.isEnabled()


@pytest.mark.skipif(ON_POSTGRES, reason="file backups are for SQLite (pg_dump on PostgreSQL)")
def test_restore_from_backup_in_the_window(qtbot: QtBot, window: MainWindow, ws: Workspace) -> None:
    brand = ws.brands.create("Panadería Sol", "Europe/Madrid")
    ws.posts.create(brand.id, "Kept in the copy", local_at=datetime(2026, 11, 27, 9, 30))
    actions = TransferActions(window, ws)
    assert actions.import_action in window.menuBar().actions()[0].menu().actions()  # type: ignore[union-attr]
    actions.backups.ensure_daily(ws.clock.now())
    later = ws.posts.create(brand.id, "Written after the copy", local_at=datetime(2026, 11, 27, 12))
    qtbot.waitUntil(lambda: later.id in window.calendar.model.ids())

    dialog = actions.open_restore()
    assert isinstance(dialog, RestoreBackupDialog)
    assert dialog.model.rowCount() == 1 and not dialog.restore_button.isEnabled()
    dialog.confirm.setChecked(True)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert [p.text for p in ws.posts.find(brand.id)] == ["Kept in the copy"]
    qtbot.waitUntil(lambda: later.id not in window.calendar.model.ids())
    assert "cmplanner-before-restore-" in window.statusBar().currentMessage()
    kept = [b for b in actions.backups.all() if b.path.name.startswith("cmplanner-before")]
    assert len(kept) == 1
