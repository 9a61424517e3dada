"""Small pictures kept per look: a chip's frame, time and badges, the grid's labels.

A month paints a hundred chips or more from a few dozen distinct looks, and the same day
numbers and weekday names on every month: each look is drawn once into a picture and
copied after. Making a picture costs more than drawing the look once (a pixmap, a painter
on it, the drawing: ~0.1 ms here), and the window's first paint meets ~130 looks it has
never seen: so a look is drawn straight on its first sight, as a fresh painter would draw
it into its picture (default pen and brush, the font given, clipped to its box), and kept
as a picture from its second sight on.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QPixmap

#: Kept pictures by look (sizes change with the window: the cache starts afresh when full).
PIXMAPS: dict[tuple[object, ...], QPixmap] = {}
PIXMAPS_MAX = 4000
#: Looks drawn straight once: the next sight makes their picture.
_SEEN: set[tuple[object, ...]] = set()
_FONT_KEYS: dict[int, str] = {}


def font_key(font: QFont) -> str:
    """``font.key()`` of a kept font (it builds a string per call), made once per font."""
    found = _FONT_KEYS.get(id(font))
    if found is None:
        found = _FONT_KEYS[id(font)] = font.key()
    return found


def ratio_of(p: QPainter) -> float:
    device = p.device()
    return device.devicePixelRatioF() if device is not None else 1.0


def make_picture(
    key: tuple[object, ...],
    w: float,
    h: float,
    ratio: float,
    font: QFont,
    draw: Callable[[QPainter], None],
) -> QPixmap:
    """Make and keep a picture of ``draw``'s output (w x h logical pixels)."""
    if len(PIXMAPS) >= PIXMAPS_MAX:
        PIXMAPS.clear()
    pix = QPixmap(max(1, round(w * ratio)), max(1, round(h * ratio)))
    pix.setDevicePixelRatio(ratio)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setFont(font)
    draw(painter)
    painter.end()
    PIXMAPS[key] = pix
    return pix


def stamp(
    p: QPainter,
    key: tuple[object, ...],
    x: float,
    y: float,
    w: float,
    h: float,
    font: QFont,
    draw: Callable[[QPainter], None],
    ratio: float,
) -> None:
    """Show ``draw`` (which paints a w x h box from its origin) with its top left at x, y:
    copied from its kept picture, or drawn straight on its first sight."""
    pix = PIXMAPS.get(key)
    if pix is not None:
        p.drawPixmap(QPointF(x, y), pix)
        return
    if key in _SEEN:
        p.drawPixmap(QPointF(x, y), make_picture(key, w, h, ratio, font, draw))
        return
    if len(_SEEN) >= 2 * PIXMAPS_MAX:
        _SEEN.clear()
    _SEEN.add(key)
    p.save()
    # where drawPixmap would put the picture: the raster engine rounds its position
    p.translate(math.floor(x + 0.5), math.floor(y + 0.5))
    p.setClipRect(QRectF(0, 0, w, h), Qt.ClipOperation.IntersectClip)
    p.setPen(QPen())
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setRenderHints(p.renderHints(), False)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    p.setFont(font)
    draw(p)
    p.restore()


def draw_label(
    p: QPainter, x: int, y: int, text: str, font: QFont, color: QColor, w: int, h: int, flags: int
) -> None:
    """``text`` in a w x h box at x, y with ``flags``, kept per look: for the grid's labels
    (day numbers, weekday names, "+N more"), the same few dozen texts on every month."""
    ratio = ratio_of(p)
    key = ("text", text, font_key(font), color.rgba(), w, h, flags, ratio)

    def draw(q: QPainter) -> None:
        q.setPen(color)
        q.drawText(QRect(0, 0, w, h), flags, text)

    stamp(p, key, x, y, w, h, font, draw, ratio)
