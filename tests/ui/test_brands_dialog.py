# mypy: allow-untyped-calls
"""The Manage brands dialog: real widgets over a real SQLite workspace."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QColorDialog,
    QComboBox,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cmplanner.services.workspace import Workspace
from cmplanner.ui.brands_dialog import BrandListModel, BrandsDialog
from cmplanner.ui.color_swatch import ColorSwatchButton


@pytest.fixture
def dialog(qtbot: QtBot, ws: Workspace) -> Iterator[BrandsDialog]:
    dlg = BrandsDialog(ws)
    # Closing a visible dialog with edits asks what to do with them; a test ends by
    # dropping them, so hide it first (a hidden QDialog closes without reject()).
    qtbot.addWidget(dlg, before_close_func=lambda w: w.hide())
    dlg.show()
    qtbot.waitExposed(dlg)
    yield dlg


T = TypeVar("T", bound=QObject)


def child(dlg: BrandsDialog, kind: type[T], name: str) -> T:
    found = dlg.findChild(kind, name)
    assert found is not None, name
    return found


def type_into(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)


def set_zone(qtbot: QtBot, dlg: BrandsDialog, text: str) -> None:
    line = child(dlg, QComboBox, "brand_timezone").lineEdit()
    assert line is not None
    type_into(qtbot, line, text)


def click(qtbot: QtBot, dlg: BrandsDialog, name: str) -> None:
    qtbot.mouseClick(child(dlg, QPushButton, name), Qt.MouseButton.LeftButton)


def list_texts(dlg: BrandsDialog) -> list[str]:
    model = child(dlg, QListView, "brand_list").model()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def answer_next_modal(action: Callable[[QApplication], None]) -> None:
    """Act on the next modal window (a message box or colour dialog) once it is open.

    The box runs its own event loop inside the call under test, so this polls from a
    timer (for at most ~5 s) instead of blocking.
    """
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    tries = iter(range(500))

    def poll() -> None:
        if app.activeModalWidget() is not None:
            action(app)
        elif next(tries, None) is not None:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)


def press(button: QMessageBox.StandardButton) -> Callable[[QApplication], None]:
    def act(app: QApplication) -> None:
        box = app.activeModalWidget()
        assert isinstance(box, QMessageBox)
        box.button(button).click()

    return act


def test_create_brand_through_the_form(qtbot: QtBot, ws: Workspace, dialog: BrandsDialog) -> None:
    assert dialog.current_brand_id() is None
    name = child(dialog, QLineEdit, "brand_name")
    qtbot.keyClicks(name, "Caf")
    name.insert("é")  # QTest types ASCII only; an input method inserts like this
    qtbot.keyClicks(name, " Lumbre")
    set_zone(qtbot, dialog, "Europe/Madrid")
    qtbot.keyClicks(child(dialog, QPlainTextEdit, "brand_brief"), "Warm and playful.")
    qtbot.keyClicks(child(dialog, QLineEdit, "brand_hashtags"), "#cafelumbre #madrid")
    qtbot.keyClicks(child(dialog, QLineEdit, "brand_tags"), "launch, summer sale, launch")

    with qtbot.waitSignal(dialog.brands_changed, timeout=2000):
        click(qtbot, dialog, "save_brand")

    [brand] = ws.brands.all()
    assert brand.name == "Café Lumbre"
    assert brand.timezone == "Europe/Madrid"
    assert brand.brief == "Warm and playful."
    assert brand.default_hashtags == "#cafelumbre #madrid"
    assert brand.tags == ("launch", "summer sale")
    assert dialog.current_brand_id() == brand.id
    assert list_texts(dialog) == ["Café Lumbre"]
    assert "Saved" in dialog.message()


def test_zone_completer_matches_any_part_ignoring_case(dialog: BrandsDialog) -> None:
    completer = child(dialog, QComboBox, "brand_timezone").completer()
    assert completer is not None
    assert completer.caseSensitivity() == Qt.CaseSensitivity.CaseInsensitive
    assert completer.filterMode() == Qt.MatchFlag.MatchContains
    completer.setCompletionPrefix("madrid")
    assert completer.currentCompletion() == "Europe/Madrid"


def test_rename_a_brand(qtbot: QtBot, ws: Workspace, dialog: BrandsDialog) -> None:
    brand = ws.brands.create("Northwind", "America/New_York")
    dialog.select_brand(brand.id)  # created after the dialog opened: select() reloads
    assert child(dialog, QLineEdit, "brand_name").text() == "Northwind"

    type_into(qtbot, child(dialog, QLineEdit, "brand_name"), "Northwind Bikes")
    with qtbot.waitSignal(dialog.brands_changed, timeout=2000):
        click(qtbot, dialog, "save_brand")

    assert ws.brands.get(brand.id).name == "Northwind Bikes"
    assert ws.brands.get(brand.id).timezone == "America/New_York"
    assert list_texts(dialog) == ["Northwind Bikes"]


def test_change_colour(qtbot: QtBot, ws: Workspace, dialog: BrandsDialog) -> None:
    brand = ws.brands.create("Kaiso", "Asia/Tokyo", color="#4a7bd0")
    dialog.select_brand(brand.id)

    dialog.set_color("#3F9E6B")
    assert child(dialog, QLineEdit, "brand_color_hex").text() == "#3f9e6b"
    with qtbot.waitSignal(dialog.brands_changed, timeout=2000):
        click(qtbot, dialog, "save_brand")
    assert ws.brands.get(brand.id).color == "#3f9e6b"


def test_colour_button_opens_the_colour_dialog(
    qtbot: QtBot, ws: Workspace, dialog: BrandsDialog
) -> None:
    def pick(app: QApplication) -> None:
        chooser = app.activeModalWidget()
        assert isinstance(chooser, QColorDialog)
        chooser.setCurrentColor(QColor("#8a5cc2"))
        chooser.accept()

    answer_next_modal(pick)
    qtbot.mouseClick(child(dialog, QToolButton, "brand_color_button"), Qt.MouseButton.LeftButton)
    assert child(dialog, QLineEdit, "brand_color_hex").text() == "#8a5cc2"


def test_typed_hex_moves_the_swatch(qtbot: QtBot, dialog: BrandsDialog) -> None:
    hex_field = child(dialog, QLineEdit, "brand_color_hex")
    type_into(qtbot, hex_field, "#b0792a")
    assert child(dialog, ColorSwatchButton, "brand_color_button").color() == "#b0792a"


def test_archive_hides_the_brand_unless_show_archived(
    qtbot: QtBot, ws: Workspace, dialog: BrandsDialog
) -> None:
    keep = ws.brands.create("Alpha", "UTC")
    gone = ws.brands.create("Beta", "UTC")
    dialog.select_brand(gone.id)
    assert list_texts(dialog) == ["Alpha", "Beta"]

    with qtbot.waitSignal(dialog.brands_changed, timeout=2000):
        click(qtbot, dialog, "archive_brand")

    assert ws.brands.get(gone.id).archived
    assert list_texts(dialog) == ["Alpha"]
    assert "Show archived" in dialog.message()

    child(dialog, QCheckBox, "show_archived").setChecked(True)
    assert list_texts(dialog) == ["Alpha", "Beta (archived)"]
    view = child(dialog, QListView, "brand_list")
    archived_index = view.model().index(1, 0)
    assert archived_index.data(Qt.ItemDataRole.ForegroundRole) is not None

    view.setCurrentIndex(archived_index)
    assert dialog.current_brand_id() == gone.id
    archive_button = child(dialog, QPushButton, "archive_brand")
    assert archive_button.text().replace("&", "") == "Unarchive"
    with qtbot.waitSignal(dialog.brands_changed, timeout=2000):
        click(qtbot, dialog, "archive_brand")
    assert not ws.brands.get(gone.id).archived
    assert list_texts(dialog) == ["Alpha", "Beta"]
    assert ws.brands.get(keep.id).archived is False


def test_select_brand_shows_an_archived_one(ws: Workspace, dialog: BrandsDialog) -> None:
    brand = ws.brands.create("Old client", "Europe/London")
    ws.brands.archive(brand.id)
    assert dialog.select_brand(brand.id)
    assert child(dialog, QCheckBox, "show_archived").isChecked()
    assert child(dialog, QLineEdit, "brand_name").text() == "Old client"


def test_bad_zone_is_shown_and_the_typing_kept(
    qtbot: QtBot, ws: Workspace, dialog: BrandsDialog
) -> None:
    qtbot.keyClicks(child(dialog, QLineEdit, "brand_name"), "Mars Rovers")
    set_zone(qtbot, dialog, "Mars/Olympus")
    qtbot.keyClicks(child(dialog, QPlainTextEdit, "brand_brief"), "Dusty.")

    with qtbot.assertNotEmitted(dialog.brands_changed):
        click(qtbot, dialog, "save_brand")

    assert "Unknown time zone 'Mars/Olympus'" in dialog.message()
    assert "IANA name" in dialog.message()
    assert child(dialog, QLineEdit, "brand_name").text() == "Mars Rovers"
    assert child(dialog, QComboBox, "brand_timezone").currentText() == "Mars/Olympus"
    assert child(dialog, QPlainTextEdit, "brand_brief").toPlainText() == "Dusty."
    assert ws.brands.all() == []


def test_duplicate_name_is_shown_and_the_typing_kept(
    qtbot: QtBot, ws: Workspace, dialog: BrandsDialog
) -> None:
    ws.brands.create("Northwind", "UTC")
    dialog.set_color("#2a9bb0")
    qtbot.keyClicks(child(dialog, QLineEdit, "brand_name"), "NORTHWIND")
    set_zone(qtbot, dialog, "Europe/Paris")

    with qtbot.assertNotEmitted(dialog.brands_changed):
        click(qtbot, dialog, "save_brand")

    assert "already exists" in dialog.message()
    assert "Pick another name" in dialog.message()
    assert child(dialog, QLineEdit, "brand_name").text() == "NORTHWIND"
    assert child(dialog, QComboBox, "brand_timezone").currentText() == "Europe/Paris"
    assert child(dialog, QLineEdit, "brand_color_hex").text() == "#2a9bb0"
    assert len(ws.brands.all()) == 1


def test_empty_name_is_refused(qtbot: QtBot, ws: Workspace, dialog: BrandsDialog) -> None:
    with qtbot.assertNotEmitted(dialog.brands_changed):
        click(qtbot, dialog, "save_brand")
    assert "needs a name" in dialog.message()
    assert ws.brands.all() == []


def test_new_brand_button_starts_a_blank_form(
    qtbot: QtBot, ws: Workspace, dialog: BrandsDialog
) -> None:
    brand = ws.brands.create("Alpha", "UTC")
    dialog.select_brand(brand.id)
    click(qtbot, dialog, "new_brand")
    assert dialog.current_brand_id() is None
    assert child(dialog, QLineEdit, "brand_name").text() == ""
    assert not child(dialog, QPushButton, "archive_brand").isEnabled()


def test_unsaved_edits_are_not_dropped_silently(
    qtbot: QtBot, ws: Workspace, dialog: BrandsDialog
) -> None:
    alpha = ws.brands.create("Alpha", "UTC")
    beta = ws.brands.create("Beta", "UTC")
    dialog.select_brand(alpha.id)
    type_into(qtbot, child(dialog, QLineEdit, "brand_name"), "Alpha Coffee")

    answer_next_modal(press(QMessageBox.StandardButton.Cancel))
    assert not dialog.select_brand(beta.id)
    assert dialog.current_brand_id() == alpha.id
    assert child(dialog, QLineEdit, "brand_name").text() == "Alpha Coffee"

    answer_next_modal(press(QMessageBox.StandardButton.Save))
    with qtbot.waitSignal(dialog.brands_changed, timeout=2000):
        assert dialog.select_brand(beta.id)
    assert ws.brands.get(alpha.id).name == "Alpha Coffee"
    assert child(dialog, QLineEdit, "brand_name").text() == "Beta"


def test_closing_with_unsaved_edits_asks_first(qtbot: QtBot, dialog: BrandsDialog) -> None:
    qtbot.keyClicks(child(dialog, QLineEdit, "brand_name"), "Half typed")

    answer_next_modal(press(QMessageBox.StandardButton.Cancel))
    dialog.close()
    assert dialog.isVisible()
    assert child(dialog, QLineEdit, "brand_name").text() == "Half typed"

    answer_next_modal(press(QMessageBox.StandardButton.Discard))
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        dialog.close()
    assert not dialog.isVisible()


def test_brand_list_model_passes_the_model_tester(
    qtmodeltester: ModelTester, ws: Workspace
) -> None:
    ws.brands.create("Alpha", "UTC")
    archived = ws.brands.create("Beta", "Asia/Tokyo")
    ws.brands.archive(archived.id)
    model = BrandListModel()
    model.set_brands(ws.brands.all(include_archived=True))
    qtmodeltester.check(model, force_py=True)
