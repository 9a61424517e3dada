"""The client's approval as a small mark on a post chip (and its words, for tooltips).

Approved: a green disc with a tick. Changes requested: an orange speech bubble. Pending
(in a pack sent to the client, no answer yet): a hollow grey ring with a dot. Edited since
the client approved it: the same ring in amber (the next pack asks again).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

APPROVAL_COLORS = {
    "approved": "#1a7f37",
    "changes_requested": "#d0700e",
    "pending": "#8c959f",
    "edited": "#bf8700",
}


def approval_words(approval: str) -> str:
    """The approval said in words ("" when the post was never sent for approval)."""
    words = {
        "approved": QCoreApplication.translate("approval", "Approved by the client"),
        "changes_requested": QCoreApplication.translate("approval", "The client asked for changes"),
        "pending": QCoreApplication.translate("approval", "Waiting for the client's approval"),
        "edited": QCoreApplication.translate(
            "approval", "Edited since the client approved it: send it for approval again"
        ),
    }
    return words.get(approval, "")


def draw_approval(p: QPainter, x: float, cy: float, h: float, approval: str) -> None:
    """Draw the mark in the ``h`` x ``h`` box at (x, cy - h/2)."""
    color = QColor(APPROVAL_COLORS.get(approval, "#8c959f"))
    r = h / 2 - 0.8
    center = QPointF(x + h / 2, cy)
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    white = QPen(QColor("white"), max(1.1, h / 9))
    if approval == "approved":
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
        p.drawEllipse(center, r, r)
        tick = QPainterPath(QPointF(center.x() - r * 0.5, center.y()))
        tick.lineTo(center.x() - r * 0.1, center.y() + r * 0.42)
        tick.lineTo(center.x() + r * 0.55, center.y() - r * 0.42)
        p.setPen(white)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(tick)
    elif approval == "changes_requested":
        bubble = QPainterPath()
        box = QRectF(x + 0.5, cy - h / 2 + 0.5, h - 1, h * 0.72)
        bubble.addRoundedRect(box, h / 5, h / 5)
        tail = QPainterPath(QPointF(box.left() + h * 0.22, box.bottom() - 0.5))
        tail.lineTo(box.left() + h * 0.2, cy + h / 2 - 0.3)
        tail.lineTo(box.left() + h * 0.5, box.bottom() - 0.5)
        tail.closeSubpath()
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
        p.drawPath(bubble.united(tail))
        p.setPen(white)
        mid = box.center().y()
        for dx in (-0.25, 0.0, 0.25):
            p.drawPoint(QPointF(box.center().x() + dx * h, mid))
    else:
        p.setPen(QPen(color, max(1.0, h / 10)))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(center, r - 0.4, r - 0.4)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
        p.drawEllipse(center, r * 0.28, r * 0.28)
    p.restore()
