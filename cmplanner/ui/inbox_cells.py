"""How the inbox delegate draws a cell's text, and the pixmaps it keeps of painted cells.

**Text.** The style draws an item view's text as ``QCommonStyle`` does in
``viewItemDrawText``: the text rect is the cell less the focus-frame margin each side; the
text is laid out once to find its height (centred vertically) and whether it overflows;
an overflowing text is elided (``QFontMetrics.elidedText`` lays it out again) and the
elided text laid out and drawn. The style also lays the whole text out three more times
to size the cell's parts, so a 140-character message is shaped five times for the ~30
characters that show. ``CellText.draw`` makes the same calls (same text option, same
width, same position, same pen), once each, and on a long text only on the first words:
a prefix that ends at a space and overflows the column by two lines' height at least, so
the elided text is the one the whole text gives. One difference remains: the vertical
centre comes from the prefix's line height, where the style takes the whole text's, so a
message whose *hidden* part needs a taller fallback font (a Latin start, Gurmukhi later)
sits centred on what shows instead of a pixel or two higher. Short texts (authors, dates)
keep their layout, by text, font and width: a row repeating a seen author lays none out.

**Pixmaps.** A cell painted again (the same text, font, colours, state and size) is drawn
from a pixmap of its first painting, made on a pixmap filled with the list's background;
the short columns (brand, network, kind, tone) repeat a few texts over thousands of rows,
so they get a pixmap at once; messages when painted a second time (scrolling back).
``PixmapCache`` holds them, the oldest dropped first."""

from __future__ import annotations

from collections.abc import Hashable
from typing import NamedTuple

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPixmap,
    QTextLayout,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import QStyle

_MANUAL = QTextOption.WrapMode.ManualWrap
_ELIDE = Qt.TextElideMode.ElideRight
_ALIGN = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_ORIGIN = QPointF(0, 0)
#: Texts this short are kept laid out (authors, dates...), at most so many (~2 KB each).
_SHORT = 48
_KEPT = 2048


class TextFont(NamedTuple):
    """A cell font and what ``CellText`` needs of it, made once per font."""

    font: QFont
    metrics: QFontMetrics
    #: How far a prefix must overflow its column to stand for the whole text (2 lines).
    slack: float
    #: Tells the fonts' kept texts apart (0: the list's font, 1: bold).
    key: int


def text_font(font: QFont, key: int) -> TextFont:
    own = QFont(font)
    # Every attribute its own: a painter on a pixmap would take the unset ones from the
    # application's font (a bold font made from the list's would lose its size there).
    own.setResolveMask(0xFFFFFFFF)
    metrics = QFontMetrics(own)
    return TextFont(own, metrics, 2.0 * metrics.height(), key)


class CellText:
    """Lays a cell's text out and draws it where and as the style does (see above)."""

    def __init__(self) -> None:
        self._option = QTextOption()
        self._option.setWrapMode(_MANUAL)
        self._margin = 3
        #: The narrowest pixels per character seen in long texts: how many characters a
        #: prefix needs (starts low: a first prefix too long costs less than one too short).
        self._per_char = 2.5
        #: Short texts laid out, by text, font and width: (layout, its width, its height).
        self._kept: dict[tuple[str, int, int], tuple[QTextLayout, float, int]] = {}

    def clear(self) -> None:
        """Forget the laid-out texts (the fonts changed)."""
        self._kept.clear()

    def configure(self, margin: int, direction: Qt.LayoutDirection) -> None:
        """The style's text margin and the view's direction (text left and centred)."""
        self._margin = margin
        self._kept.clear()
        self._option.setTextDirection(direction)
        self._option.setAlignment(QStyle.visualAlignment(direction, _ALIGN))

    def draw(
        self,
        painter: QPainter,
        rect: tuple[int, int, int, int],
        text: str,
        font: TextFont,
        pen: QColor,
    ) -> None:
        """``text`` in the cell ``rect`` (x, y, width, height), elided on the right if it
        does not fit."""
        if not text:
            return
        x, y, w, h = rect
        m = self._margin
        width = w - 2 * m
        n = int(1.25 * width / self._per_char) + 4
        prefix = _prefix(text, n)
        if prefix is text:
            key = (text, font.key, width)
            kept = self._kept.get(key)
            if kept is None:
                layout, line = self._lay(text, font.font, width)
                kept = (layout, line.naturalTextWidth(), int(line.height() + 0.5))
                if len(text) <= _SHORT:  # names, dates, kinds: seen again in other rows
                    if len(self._kept) >= _KEPT:
                        del self._kept[next(iter(self._kept))]
                    self._kept[key] = kept
            layout, natural, height = kept
        else:
            layout, line = self._lay(prefix, font.font, width)
            natural = line.naturalTextWidth()
            while True:
                self._per_char = min(self._per_char, max(1.0, natural / len(prefix)))
                if prefix is text or natural > width + font.slack:
                    break
                n *= 2  # the estimate fell short: more words (at last the whole text)
                prefix = _prefix(text, n)
                layout, line = self._lay(prefix, font.font, width)
                natural = line.naturalTextWidth()
            height = int(line.height() + 0.5)
        if natural > width:
            layout = self._lay(font.metrics.elidedText(prefix, _ELIDE, width), font.font, width)[0]
        painter.save()
        painter.setClipRect(x, y, w, h)
        painter.setPen(pen)
        # QStyle.alignedRect's vertical centre of the layout's size rounded to whole pixels
        layout.draw(painter, QPointF(x + m, y + h // 2 - height // 2))
        painter.restore()

    def _lay(self, text: str, font: QFont, width: int) -> tuple[QTextLayout, QTextLine]:
        layout = QTextLayout(text, font)
        layout.setTextOption(self._option)
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(width)
        line.setPosition(_ORIGIN)
        layout.endLayout()
        return layout, line


def _prefix(text: str, n: int) -> str:
    """``text`` to the end of the word holding its ``n``-th character (all of a short one)."""
    if len(text) <= n:
        return text
    space = text.find(" ", n)
    if space < 0 or space > n + 40:
        return text
    return text[:space]


class PixmapCache:
    """Painted cells by what decides their pixels; at most ``size``, oldest dropped first."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._pixmaps: dict[Hashable, QPixmap] = {}
        self._seen: dict[Hashable, None] = {}

    def clear(self) -> None:
        self._pixmaps.clear()
        self._seen.clear()

    def get(self, key: Hashable) -> QPixmap | None:
        return self._pixmaps.get(key)

    def seen(self, key: Hashable) -> bool:
        """Whether ``key`` was painted before (and note that it now was)."""
        if key in self._seen:
            return True
        if len(self._seen) >= 4 * self._size:
            del self._seen[next(iter(self._seen))]
        self._seen[key] = None
        return False

    def put(self, key: Hashable, pixmap: QPixmap) -> None:
        if len(self._pixmaps) >= self._size:
            del self._pixmaps[next(iter(self._pixmaps))]
        self._pixmaps[key] = pixmap
