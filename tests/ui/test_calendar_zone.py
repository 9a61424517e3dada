"""The calendar's "laptop's zone" is the zone Qt reports for this computer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimeZone
from pytestqt.qtbot import QtBot

from cmplanner.ui.calendar_page import system_zone


def test_the_laptop_zone_is_the_one_qt_reports(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TZ", raising=False)
    assert system_zone() == bytes(QTimeZone.systemTimeZoneId().data()).decode()
