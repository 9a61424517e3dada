"""A line of text whose size does not follow its text (the calendar's title and zone note).

A QLabel asks its layout for room whenever its text changes; the layouts pass the request
up to the main window, which lays itself out again and repaints every widget in it: on a
month switch that was ~5 ms of the ~10 ms the switch's repaint cost, for two changed
lines. A ``TextLine`` keeps one size (room for the widest text it was told to expect,
growing only for a wider one), and a new text repaints that line alone (with what lies
behind it: the line is drawn over the page, as a QLabel is).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget


class TextLine(QWidget):
    """One line of text, elided at the right when the line is narrower than the text."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        samples: Iterable[str] = (),
        expanding: bool = False,
        font: QFont | None = None,
    ) -> None:
        super().__init__(parent)
        if font is not None:
            self.setFont(font)
        self._text = ""
        fm = self.fontMetrics()
        self._width = max((fm.horizontalAdvance(s) for s in samples), default=0)
        self._height = fm.height()
        horizontal = QSizePolicy.Policy.Expanding if expanding else QSizePolicy.Policy.Fixed
        self.setSizePolicy(horizontal, QSizePolicy.Policy.Preferred)  # as a QLabel

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # QLabel's name, for its callers
        if text == self._text:
            return
        self._text = text
        self.setAccessibleName(text)
        wide = self.fontMetrics().horizontalAdvance(text)
        if wide > self._width and self.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Fixed:
            self._width = wide  # wider than any sample: ask for room once
            self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(self._width, self._height)

    def minimumSizeHint(self) -> QSize:
        if self.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Fixed:
            return self.sizeHint()
        return QSize(0, self._height)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        rect = self.rect()
        shown = self.fontMetrics().elidedText(self._text, Qt.TextElideMode.ElideRight, rect.width())
        p.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown)
        p.end()
