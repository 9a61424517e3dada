"""A chip's first words are cut where Qt would cut them, in any script."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from pytestqt.qtbot import QtBot

from cmplanner.ui.calendar.chips import elided

TEXTS = [
    "Our autumn menu lands on Thursday: pumpkin soup, roast chestnuts and more",
    "ਸਤ ਸ੍ਰੀ ਅਕਾਲ ਜੀ, ਨਵਾਂ ਮੇਨੂ ਵੀਰਵਾਰ ਨੂੰ ਆ ਰਿਹਾ ਹੈ — ਪੰਜਾਬੀ ਵਿੱਚ ਲੰਮਾ ਪਾਠ",
    "قائمة الخريف الجديدة تصل يوم الخميس مع حساء اليقطين والكستناء",
    "👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦 family brunch 🎃🍂",
    "iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii",
    "\u0301" * 60 + "accents with nothing under them",  # zero-width marks first
    "short",
    "",
]


@pytest.mark.parametrize("px", [10, 11, 13])
def test_elided_text_matches_qt_for_every_width(qtbot: QtBot, px: int) -> None:
    font = QFont()
    font.setPixelSize(px)
    fm = QFontMetrics(font)
    for text in TEXTS:
        for room in (1, 8, 30, 75, 120, 161, 240, 420):
            want = fm.elidedText(text, Qt.TextElideMode.ElideRight, room)
            assert elided(fm, text, room) == want, (text, room)
