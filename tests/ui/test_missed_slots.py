"""Missed slots as the user meets them: the brand's policy, and the posts waiting to be decided."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QPushButton, QSpinBox
from pytestqt.qtbot import QtBot

from cmplanner.domain.publishing import MissedSlotPolicy
from cmplanner.services.workspace import Workspace
from cmplanner.ui.brands_dialog import BrandsDialog

SHOTS = Path("/tmp")


def test_the_brand_policy_is_chosen_in_the_brand_form_and_saved(
    qtbot: QtBot, ws: Workspace
) -> None:
    brand = ws.brands.create("Panadería Sol", "Europe/Madrid")
    dialog = BrandsDialog(ws)
    qtbot.addWidget(dialog, before_close_func=lambda w: w.hide())
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.select_brand(brand.id)
    combo = dialog.findChild(QComboBox, "brand_missed_policy")
    minutes = dialog.findChild(QSpinBox, "brand_missed_minutes")
    assert combo is not None and minutes is not None
    assert combo.currentData() == "ask" and not minutes.isVisible()

    combo.setCurrentIndex(combo.findData(MissedSlotPolicy.LATE.value))
    assert minutes.isVisible()  # only "publish late" has minutes
    minutes.selectAll()
    qtbot.keyClicks(minutes, "90")
    dialog.grab().save(str(SHOTS / "O_brand_missed_policy.png"))
    save = dialog.findChild(QPushButton, "save_brand")
    assert save is not None
    with qtbot.waitSignal(dialog.brands_changed, timeout=2000):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    saved = ws.brands.get(brand.id)
    assert (saved.missed_slot_policy, saved.missed_slot_minutes) == (MissedSlotPolicy.LATE, 90)
    assert "Saved" in dialog.message()
