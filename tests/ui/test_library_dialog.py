"""Hashtag groups and templates are created in a dialog and inserted from the composer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from cmplanner.domain.models import Brand
from cmplanner.services.workspace import Workspace
from cmplanner.ui.library_dialog import LibraryDialog


@pytest.fixture
def brand(ws: Workspace) -> Brand:
    ws.brands.create("Other", "UTC")
    return ws.brands.create("Sol", "Europe/Madrid")


@pytest.fixture
def dialog(qtbot: QtBot, ws: Workspace, brand: Brand) -> Iterator[LibraryDialog]:
    d = LibraryDialog(ws, brand.id)
    qtbot.addWidget(d)
    d.show()
    yield d


def test_create_edit_and_delete_a_hashtag_group(
    qtbot: QtBot, dialog: LibraryDialog, ws: Workspace, brand: Brand
) -> None:
    assert dialog.brand_id() == brand.id
    qtbot.keyClicks(dialog.groups.name, "Bakery")
    qtbot.keyClicks(dialog.groups.body, "pan sourdough #Madrid")
    dialog.groups.save_button.click()
    [group] = ws.library.hashtag_groups(brand.id)
    assert group.as_text() == "#pan #sourdough #Madrid"
    assert "Saved" in dialog.message.text()
    dialog.groups.body.setPlainText("#pan")
    dialog.groups.save_button.click()
    assert [g.as_text() for g in ws.library.hashtag_groups(brand.id)] == ["#pan"]
    dialog.groups.delete_button.click()
    assert ws.library.hashtag_groups(brand.id) == []


def test_bad_input_says_why_and_keeps_what_was_typed(
    qtbot: QtBot, dialog: LibraryDialog, ws: Workspace, brand: Brand
) -> None:
    dialog.tabs.setCurrentWidget(dialog.templates)
    qtbot.keyClicks(dialog.templates.body, "New at {brand}: {link}")
    dialog.templates.save_button.click()
    assert "needs a name" in dialog.message.text()
    assert dialog.templates.body.toPlainText() == "New at {brand}: {link}"
    assert ws.library.templates(brand.id) == []
    qtbot.keyClicks(dialog.templates.name, "Launch")
    dialog.templates.save_button.click()
    assert [t.name for t in ws.library.templates(brand.id)] == ["Launch"]


def test_each_brand_has_its_own_library(dialog: LibraryDialog, ws: Workspace, brand: Brand) -> None:
    ws.library.save_hashtag_group(brand.id, "Bakery", "#pan")
    dialog.reload()
    assert dialog.groups.items.count() == 1
    dialog.brand.setCurrentIndex(dialog.brand.findText("Other"))
    assert dialog.groups.items.count() == 0
