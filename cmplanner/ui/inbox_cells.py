"""How the inbox delegate draws a cell's text, and the pixmaps it keeps of painted cells.

**Text.** The style draws an item view's text as ``QCommonStyle`` does in
``viewItemDrawText``: the text rect is the cell less the focus-frame margin each side; the
text is laid out once to find its height (centred vertically) and whether it overflows;
an overflowing text is elided (``QFontMetrics.elidedText`` lays it out again) and the
elided text laid out and drawn. The style also lays the whole text out three more times
to size the cell's parts, so a 140-character message is shaped five times for the ~30
characters that show. ``CellText.draw`` shapes it twice where it can: ``elidedText`` on
a prefix of the text (the first words; the cut is the whole text's, see
``CellText.elide``), then the text that shows, drawn where the style draws it, with the
same pen and clip. A text made only of characters the cell font has itself (Latin,
digits, punctuation, the ellipsis) is drawn with ``QPainter.drawText`` at the baseline
its layout would have (the same glyphs at the same places, without the line breaking a
layout works out), its line the font's height. Another text is laid out whole (its
line's height, which the style centres, depends on every font it needs; a long text's
height is then kept by its set of characters, which decide those fonts) and its shown
part laid out to draw. Short texts (authors, dates) keep what shows and how, by text,
font and width: a row repeating a seen author elides nothing again.

**Pixmaps.** A cell painted again (the same text, font, colours, state and size) is drawn
from a pixmap of its first painting, made on a pixmap filled with the list's background;
the short columns (brand, network, kind, tone) repeat a few texts over thousands of rows,
so they get a pixmap at once; messages when painted a second time (scrolling back).
``PixmapCache`` holds them, the oldest dropped first."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import NamedTuple

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QFontMetricsF,
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
    widths: QFontMetricsF
    #: Tells the fonts' kept texts apart (0: the list's font, 1: bold).
    key: int
    #: Characters this font draws itself (Latin, digits, punctuation, the ellipsis): a text
    #: of only these is laid out in one line of this font's height and ascent.
    own: frozenset[str]
    height: int
    ascent: float


#: Characters a text drawn without a layout may hold, if the font has them: printable
#: ASCII and Latin-1, the ellipsis and common punctuation.
_LATIN = "".join(map(chr, range(0x20, 0x7F))) + "".join(map(chr, range(0xA0, 0x100))) + "…‘’“”–—•✓⚑"


def text_font(font: QFont, key: int) -> TextFont:
    own = QFont(font)
    # Every attribute its own: a painter on a pixmap would take the unset ones from the
    # application's font (a bold font made from the list's would lose its size there).
    own.setResolveMask(0xFFFFFFFF)
    metrics = QFontMetrics(own)
    chars = frozenset(c for c in _LATIN if metrics.inFontUcs4(ord(c)))
    lines = {_line(sample, own) for sample in ("0", "a", "".join(sorted(chars)))}
    if len(lines) != 1:
        chars = frozenset()  # its characters come from more than one font: lay them out
    height, ascent = lines.pop()
    return TextFont(own, metrics, QFontMetricsF(own), key, chars, int(height + 0.5), ascent)


def _line(text: str, font: QFont) -> tuple[float, float]:
    """The height and ascent of ``text`` laid out in ``font`` on one line."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(1000)
    layout.endLayout()
    return line.height(), line.ascent()


class CellText:
    """Draws a cell's text where and as the style does (see above)."""

    def __init__(self) -> None:
        self._option = QTextOption()
        self._option.setWrapMode(_MANUAL)
        self._margin = 3
        self._ltr = True
        #: About how many pixels a character takes in the long texts seen: how many
        #: characters a prefix needs (too few costs one more elision, on a longer prefix).
        self._per_char = 4.0
        #: Short texts by text, font and width: what shows, and its layout unless it is
        #: drawn without one (see ``_shown``).
        self._kept: OrderedDict[tuple[str, int, int], _Shown] = OrderedDict()
        #: The line heights of long texts laid out, by their characters and font: the
        #: fonts a line needs, so its height, come from its characters.
        self._heights: OrderedDict[tuple[frozenset[str], int], int] = OrderedDict()

    def clear(self) -> None:
        """Forget the laid-out texts (the fonts changed)."""
        self._kept.clear()
        self._heights.clear()

    def configure(self, margin: int, direction: Qt.LayoutDirection) -> None:
        """The style's text margin and the view's direction (text left and centred)."""
        self._margin = margin
        self.clear()
        self._ltr = direction == Qt.LayoutDirection.LeftToRight
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
        key = (text, font.key, width)
        shown = self._kept.get(key)
        if shown is None:
            shown = self._shown(text, font, width)
            if len(text) <= _SHORT:  # names, dates, kinds: seen again in other rows
                if len(self._kept) >= _KEPT:
                    self._kept.popitem(last=False)
                self._kept[key] = shown
        painter.save()
        painter.setClipRect(x, y, w, h)
        painter.setPen(pen)
        # QStyle.alignedRect's vertical centre of the line's height in whole pixels
        top = y + h // 2 - shown.height // 2
        if shown.layout is None:
            painter.setFont(font.font)
            painter.drawText(QPointF(x + m, top + shown.ascent), shown.text)
        else:
            shown.layout.draw(painter, QPointF(x + m, top))
        painter.restore()

    def _shown(self, text: str, font: TextFont, width: int) -> _Shown:
        """What of ``text`` shows in ``width`` and how it is drawn: without a layout when
        the text is all in the font's own characters (``drawText`` puts the glyphs where
        the layout would, and the line's height is the font's), else laid out and centred
        on the whole text's line, as the style centres it (a long text's line height kept
        by its characters: another text of the same characters is not laid out whole)."""
        if self._ltr and font.own.issuperset(text) and not text[-1].isspace():
            fits = len(text) <= _SHORT and font.widths.horizontalAdvance(text) <= width
            shown = text if fits else self.elide(text, font.metrics, width)
            return _Shown(shown, None, font.height, font.ascent)
        chars = (frozenset(text), font.key) if len(text) > _SHORT else None
        height = None if chars is None else self._heights.get(chars)
        if height is None:
            layout, line = self._lay(text, font.font, width)
            height = int(line.height() + 0.5)
            if chars is not None:
                if len(self._heights) >= _KEPT:
                    self._heights.popitem(last=False)
                self._heights[chars] = height
            if line.naturalTextWidth() <= width:
                return _Shown(text, layout, height, line.ascent())
        layout, line = self._lay(self.elide(text, font.metrics, width), font.font, width)
        return _Shown(layout.text(), layout, height, line.ascent())

    def _lay(self, text: str, font: QFont, width: int) -> tuple[QTextLayout, QTextLine]:
        layout = QTextLayout(text, font)
        layout.setTextOption(self._option)
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(width)
        line.setPosition(_ORIGIN)
        layout.endLayout()
        return layout, line

    def elide(self, text: str, metrics: QFontMetrics, width: int) -> str:
        """``text``, or as much of it as fits ``width`` and an ellipsis: what
        ``QFontMetrics.elidedText`` gives for it (worked out from a prefix of a long text,
        see ``_cut``)."""
        return self._cut(text, metrics, width)[1]

    def _cut(self, text: str, metrics: QFontMetrics, width: int) -> tuple[str, str]:
        """The prefix of ``text`` elided, and what shows of ``text``. The prefix ends at a
        space, and its elision stands for the whole text's when the cut comes before that
        prefix's last word: the widths summed up to the cut are those of the same
        characters in the same context."""
        n = int(1.25 * width / self._per_char) + 8
        while True:
            prefix = _prefix(text, n)
            shown = metrics.elidedText(prefix, _ELIDE, width)
            if prefix is text:
                return prefix, shown
            cut = len(shown) - 1
            if (
                shown != prefix
                and shown[-1] == "…"
                and cut < prefix.rfind(" ")
                and prefix.startswith(shown[:-1])
            ):
                self._per_char = 0.8 * self._per_char + 0.2 * max(1.0, width / max(cut, 1))
                return prefix, shown
            n *= 2  # the prefix fits, or ends too near the cut: more words


class _Shown(NamedTuple):
    """What a text shows in its cell: the text (elided or not), its layout (None: drawn
    with ``QPainter.drawText`` in the cell font), the line's height and ascent."""

    text: str
    layout: QTextLayout | None
    height: int
    ascent: float


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
        # OrderedDict: dropping a plain dict's first key scans the deleted ones before it
        # (~6 µs at 2,048 keys, a new text in every row)
        self._pixmaps: OrderedDict[Hashable, QPixmap] = OrderedDict()
        self._seen: OrderedDict[Hashable, None] = OrderedDict()

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
            self._seen.popitem(last=False)
        self._seen[key] = None
        return False

    def put(self, key: Hashable, pixmap: QPixmap) -> None:
        if len(self._pixmaps) >= self._size:
            self._pixmaps.popitem(last=False)
        self._pixmaps[key] = pixmap
