"""A chip never paints outside its own rectangle, however many badges it carries: side by
side in the week view, a narrow chip's badges must not spill onto its neighbour."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from cmplanner.domain.enums import PostState
from cmplanner.domain.models import PostRow
from cmplanner.ui.calendar.chip_delegate import ChipDelegate


def _row(approval: str = "", check_level: str = "") -> PostRow:
    return PostRow(
        1,
        1,
        "Panadería Sol",
        "#d0564a",
        "Europe/Madrid",
        PostState.SCHEDULED,
        "Customer story: how Ana found her favourite loaf",
        datetime(2026, 11, 25, 9, 30),
        datetime(2026, 11, 25, 8, 30),
        networks="linkedin,bluesky,mastodon,x",
        check_level=check_level,
        approval=approval,
    )


def _painted_outside(delegate: ChipDelegate, row: PostRow, rect: QRect, sights: int) -> int:
    """Paint the chip ``sights`` times as a view does (one shared context per paint) into an
    image wider than the chip; count the pixels it left outside the chip."""
    image = QImage(rect.right() + 80, rect.bottom() + 20, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    palette = QApplication.palette()
    for _ in range(sights):
        painter = QPainter(image)
        context = delegate.paint_context(painter, palette)
        painter.save()
        delegate.paint_post(painter, rect, row, row.local_at, palette, False, context)
        painter.restore()
        painter.end()
    outside = 0
    for y in range(image.height()):
        for x in range(image.width()):
            if not rect.contains(x, y) and image.pixelColor(x, y).alpha():
                outside += 1
    return outside


@pytest.mark.parametrize("sights", [1, 3])  # painted directly, then from its kept picture
@pytest.mark.parametrize(("approval", "check"), [("", ""), ("approved", "error")])
def test_a_narrow_chip_keeps_its_badges_inside(
    qapp: QApplication, sights: int, approval: str, check: str
) -> None:
    delegate = ChipDelegate()
    rect = QRect(10, 10, 96, 44)  # two lines, as narrow as a shared week-view slot
    assert _painted_outside(delegate, _row(approval, check), rect, sights) == 0
