"""A thread part in a preview: its text (a word-wrapped rich-text label that lays its
text out once per text and width) and the connector down its gutter.

Typing changes one part of a thread; these widgets make that change cost one layout of
that part's text, and no layout of the preview unless the part's height changes.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, QTextBoundaryFinder
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QTextCharFormat,
    QTextDocument,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from cmplanner.domain.enums import Network
from cmplanner.networks.preview import PartPreview

AVATAR = 36


class ThreadLine(QWidget):
    """The connector drawn down the left of a thread part that has a next part."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedWidth(AVATAR)
        self.connects = False

    def paintEvent(self, _event: QPaintEvent) -> None:
        if not self.connects:
            return
        p = QPainter(self)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self.palette().color(QPalette.ColorRole.Mid))
        p.drawRoundedRect(QRectF(AVATAR / 2 - 1, 2, 2, self.height() - 4), 1, 1)
        p.end()


#: Widths of the pieces measured so far, per font: typing changes one word of a part,
#: and a thread repeats most of its words.
_PIECE_WIDTHS: dict[tuple[str, str], int] = {}
_PIECE_WIDTHS_MAX = 4096


#: The widest piece of each line measured so far, per font: typing changes one line.
_LINE_WIDTHS: dict[tuple[str, str], int] = {}


def widest_unbreakable(text: str, metrics: QFontMetrics, font_key: str = "") -> int:
    """The width of the widest piece of ``text`` that a line cannot be broken inside
    (what a word-wrapped label needs at least), by Qt's line-break rules. Widths are
    remembered per ``font_key`` (``QFont.key()`` of the font ``metrics`` measure), and
    per line (a line feed is a mandatory break: no piece holds one)."""
    if len(_PIECE_WIDTHS) > _PIECE_WIDTHS_MAX:
        _PIECE_WIDTHS.clear()
    if "\n" not in text:
        return _widest_in(text, metrics, font_key)
    if len(_LINE_WIDTHS) > _PIECE_WIDTHS_MAX:
        _LINE_WIDTHS.clear()
    widest = 0
    for line in text.split("\n"):
        width = _LINE_WIDTHS.get((font_key, line))
        if width is None:
            width = _LINE_WIDTHS[(font_key, line)] = _widest_in(line, metrics, font_key)
        widest = max(widest, width)
    return widest


def _widest_in(text: str, metrics: QFontMetrics, font_key: str) -> int:
    data = text.encode("utf-16-le", "surrogatepass")  # the finder counts UTF-16 units
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, text)
    widest, start = 0, 0
    while (end := finder.toNextBoundary()) != -1:
        piece = data[2 * start : 2 * end].decode("utf-16-le", "surrogatepass").rstrip()
        start = end
        if not piece:
            continue
        width = _PIECE_WIDTHS.get((font_key, piece))
        if width is None:
            width = _PIECE_WIDTHS[(font_key, piece)] = metrics.horizontalAdvance(piece)
        widest = max(widest, width)
    return widest


#: A part's text run by run as its markup shows it: (text, how), ``how`` being "" for
#: plain text, a colour ("#1083fe") for a highlighted span or the fold label, "bold" for
#: Instagram's leading username.
Runs = tuple[tuple[str, str], ...]

#: Characters whose handling by the rich-text parser differs from a plain layout's (or
#: may): such a part is measured through a document, as before.
_UNMEASURABLE = frozenset("\r\t\x00\u2028\u2029\ufeff\x0b\x0c\x1c\x1d\x1e\x85")


def measurable(runs: Runs) -> bool:
    """Whether ``runs`` lay out in a plain ``QTextLayout`` as in the label's document."""
    text = "".join(text for text, _ in runs)
    if not text or text.endswith("\n") or not _UNMEASURABLE.isdisjoint(text):
        return False
    try:
        text.encode("utf-8")  # a lone surrogate (half an emoji) does not encode
    except UnicodeEncodeError:
        return False
    return True


def _format_ranges(runs: Runs, font: QFont) -> list[QTextLayout.FormatRange]:
    ranges = []
    start = 0
    for text, how in runs:
        length = len(text.encode("utf-16-le")) // 2  # layouts count UTF-16 units
        if how and length:
            fmt = QTextCharFormat()
            if how == "bold":
                fmt.setFontWeight(QFont.Weight.Bold)
            else:
                fmt.setForeground(QColor(how))
            piece = QTextLayout.FormatRange()
            piece.start, piece.length, piece.format = start, length, fmt
            ranges.append(piece)
        start += length
    return ranges


#: Heights of one line's runs laid out, by runs, width, font and alignment.
_LINE_HEIGHTS: dict[tuple[Runs, int, str, Qt.AlignmentFlag], float] = {}
_LINE_HEIGHTS_MAX = 4096
_SEPARATOR = "\u2028"


def _split_lines(runs: Runs) -> tuple[Runs, ...]:
    """``runs`` cut after each line feed, which becomes the line separator ending its
    line (as in the label's document, where it is laid out with its line)."""
    lines: list[Runs] = []
    line: list[tuple[str, str]] = []
    for text, how in runs:
        pieces = text.split("\n")
        for piece in pieces[:-1]:
            line.append((piece + _SEPARATOR, how))
            lines.append(tuple(line))
            line = []
        if pieces[-1]:
            line.append((pieces[-1], how))
    lines.append(tuple(line))
    return tuple(lines)


def _laid_height(runs: Runs, width: int, font: QFont, alignment: Qt.AlignmentFlag) -> float:
    """The height of one line's ``runs`` word-wrapped at ``width`` (without the empty line
    a layout adds after a closing line separator)."""
    text = "".join(text for text, _ in runs)
    layout = QTextLayout(text, font)
    option = QTextOption(alignment)
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.setFormats(_format_ranges(runs, font))
    height = 0.0
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, height))
        if line.textLength() or not text.endswith(_SEPARATOR):
            height += line.height()
    layout.endLayout()
    return height


class PartLabel(QLabel):
    """A word-wrapped rich-text label that remembers its height for each width.

    Qt's layouts ask every label of a thread for its height at a few widths whenever
    one part changes; QLabel lays its rich text out anew on each call (a thread of ten
    parts: fifty layouts of Gurmukhi, Arabic and emoji per keystroke). The answer only
    changes with the text, the font or the style, so it is kept until one of them does.

    Its size hints are cheap too: QLabel works out a word-wrapped label's preferred
    width by laying the text out again and again (a "golden ratio" search, then once
    unwrapped and once at width 0), about a millisecond for one part of Gurmukhi,
    Arabic and emoji, on every keystroke that changes it. A preview's width comes from
    its column, never from its text, so the preferred width here is the one it has
    (a phone-like column before its first layout), and the minimum width that
    of the widest piece the text cannot wrap inside (Qt's own line-break rules on the
    plain text, each piece measured once per text).
    """

    #: The preferred width before the first layout, in average character widths.
    HINT_CHARS = 40

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._heights: dict[int, int] = {}
        self._plain = ""
        self._runs: Runs | None = None
        self._min_width: int | None = None
        self._doc: QTextDocument | None = None
        self._lines: tuple[Runs, ...] | None = None

    def set_part(self, markup: str, plain: str, runs: Runs | None = None) -> None:
        """Show ``markup``; ``plain`` is its text without tags (for the minimum width),
        ``runs`` the same text as the markup shows it, run by run (for the height)."""
        self._plain = plain
        self.setText(markup)
        self._runs = runs if runs is not None and measurable(runs) else None

    def setText(self, text: str) -> None:
        if text != self.text():
            self._forget()
            self._runs = None
        super().setText(text)

    def _forget(self) -> None:
        self._heights.clear()
        self._min_width = None
        self._doc = None
        self._lines = None

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = self._height_for(width)
        return height

    def _height_for(self, width: int) -> int:
        """QLabel's own answer, from a document of the label's text laid out once at that
        width: QLabel lays its text out at its current width, at ``width`` and at its
        current width again to answer (a part of Gurmukhi, Arabic and emoji: three
        layouts per keystroke where one does)."""
        if width <= 0 or self.textFormat() != Qt.TextFormat.RichText or not self.wordWrap():
            return super().heightForWidth(width)
        margins = self.contentsMargins()
        extra = 2 * self.margin()
        inner = max(0, width - margins.left() - margins.right() - extra)
        if self._runs is not None:
            height = self._runs_height(self._runs, inner)
            return math.ceil(height) + margins.top() + margins.bottom() + extra
        doc = self._doc
        if doc is None:
            doc = self._doc = QTextDocument()
            doc.setDocumentMargin(0)  # as QLabel sets its document's root frame
            doc.setDefaultFont(self.font())
            option = QTextOption(self.alignment())
            option.setWrapMode(QTextOption.WrapMode.WordWrap)
            doc.setDefaultTextOption(option)
            doc.setHtml(self.text())
        doc.setTextWidth(inner)
        return math.ceil(doc.size().height()) + margins.top() + margins.bottom() + extra

    def _runs_height(self, runs: Runs, width: int) -> float:
        """The height of the text as the label's document lays out its one paragraph:
        the same text (a line feed is the line separator the rich-text parser makes of
        it), font, text option and formats (each run's, which split the text where the
        markup's spans do), without parsing the markup and building a document.

        A line separator ends a line wherever it stands, so each line's run of text
        wraps on its own: the height is the sum of theirs, and a line's height is kept
        (typing changes one line of a part)."""
        font = self.font()
        font_key = font.key()
        alignment = self.alignment()
        lines = self._lines
        if lines is None:
            lines = self._lines = _split_lines(runs)
        if len(_LINE_HEIGHTS) > _LINE_HEIGHTS_MAX:
            _LINE_HEIGHTS.clear()
        height = 0.0
        for line_runs in lines:
            key = (line_runs, width, font_key, alignment)
            got = _LINE_HEIGHTS.get(key)
            if got is None:
                got = _LINE_HEIGHTS[key] = _laid_height(line_runs, width, font, alignment)
            height += got
        return height

    def sizeHint(self) -> QSize:
        # The width it has once laid out (so that the card's height for its preferred
        # width is the one already known), a phone-like column before that.
        width = self.width() if self.testAttribute(Qt.WidgetAttribute.WA_Resized) else 0
        if width <= 0:
            width = self.fontMetrics().averageCharWidth() * self.HINT_CHARS
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        if self._min_width is None:
            margins = self.contentsMargins()
            extra = margins.left() + margins.right() + 2 * self.margin()
            widest = widest_unbreakable(self._plain, self.fontMetrics(), self.font().key())
            self._min_width = widest + extra
        return QSize(self._min_width, self.fontMetrics().height())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (
            QEvent.Type.FontChange,
            QEvent.Type.StyleChange,
            QEvent.Type.ContentsRectChange,
        ):
            self._forget()
        super().changeEvent(event)


class PartRow(QWidget):
    """One thread part: a gutter (with the connector) and the text.

    The row places its two children itself rather than through a layout: a label in a
    layout that gets new text makes every layout up to the scroll area lay out again
    (each of a thread's parts asked for its size) even when the text takes the lines it
    took before, which is what typing mostly does. The row asks for a new layout only
    when the part's height or minimum width changed."""

    SPACING = 8

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = ThreadLine(self)
        self.label = PartLabel(self)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._html = ""
        self._gutter = True
        #: What the markup shown was made from (part, network, dark, lead), if known.
        self.source: tuple[PartPreview, Network, bool, str] | None = None

    @property
    def html(self) -> str:
        """The markup shown."""
        return self._html

    def _gutter_width(self) -> int:
        return AVATAR + self.SPACING if self._gutter else 0

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.label.heightForWidth(max(0, width - self._gutter_width()))

    def sizeHint(self) -> QSize:
        hint = self.label.sizeHint()
        return QSize(hint.width() + self._gutter_width(), hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = self.label.minimumSizeHint()
        return QSize(hint.width() + self._gutter_width(), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        gutter = self._gutter_width()
        self.line.setGeometry(0, 0, AVATAR, self.height())
        self.label.setGeometry(gutter, 0, max(0, self.width() - gutter), self.height())

    def _extent(self) -> tuple[int, int]:
        """What the row's parent lays it out by: the text's height at its width and the
        text's minimum width."""
        width = self.label.width()
        return self.label.heightForWidth(width), self.label.minimumSizeHint().width()

    def show_html(
        self,
        markup: str,
        *,
        gutter: bool,
        connects: bool,
        plain: str = "",
        runs: Runs | None = None,
    ) -> None:
        relayout = False
        if markup != self._html:
            self.source = None
            laid_out = self.label.testAttribute(Qt.WidgetAttribute.WA_Resized)
            before = self._extent() if laid_out else None
            self._html = markup
            self.label.set_part(markup, plain, runs)
            relayout = before is None or self._extent() != before
        if gutter != self._gutter:
            self._gutter = gutter
            self.line.setVisible(gutter)
            self._place()
            relayout = True
        if relayout:
            self.updateGeometry()
        if connects != self.line.connects:
            self.line.connects = connects
            self.line.update()
