"""A layout that places its widgets left to right and wraps them onto more lines.

For rows whose length depends on the user's data (one counter per target account): in a
single row, seven counters made the composer ~1,400 px wide at the least, wider than a
1,366 px laptop screen, and squeezed its preview to a sliver.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget, QWidgetItem


class FlowLayout(QLayout):
    """Items in reading order, each line as full as the width allows; its height follows
    its width (``heightForWidth``). Its preferred size is everything on one line."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 12, line_gap: int = 4):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._line_gap = line_gap
        self.setContentsMargins(0, 0, 0, 0)

    # ---- QLayout --------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:  # Qt's name
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # Qt's name
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # Qt's name
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # Qt's name
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # Qt's name
        return self._place(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # Qt's name
        super().setGeometry(rect)
        spare = rect.height() - self._place(rect, apply=False)
        self._place(rect.adjusted(0, max(0, spare // 2), 0, 0), apply=True)  # centred

    def sizeHint(self) -> QSize:  # Qt's name
        shown = [i.sizeHint() for i in self._items if not i.isEmpty()]
        width = sum(s.width() for s in shown) + self._spacing * max(0, len(shown) - 1)
        height = max((s.height() for s in shown), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    def minimumSize(self) -> QSize:  # Qt's name
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        return size.grownBy(self.contentsMargins())

    # ---- for the caller ---------------------------------------------------------------------

    def insert_widget(self, index: int, widget: QWidget) -> None:
        """Put ``widget`` at ``index`` (moving it there if it is already laid out here)."""
        for pos, item in enumerate(self._items):
            if item.widget() is widget:
                if pos == index:
                    return
                del self._items[pos]
                break
        else:
            self.addChildWidget(widget)
        self._items.insert(min(index, len(self._items)), QWidgetItem(widget))
        self.invalidate()

    # ---- placing ----------------------------------------------------------------------------

    def _place(self, rect: QRect, *, apply: bool) -> int:
        """Lay the items out in ``rect`` (only measure unless ``apply``); the height used."""
        area = rect.marginsRemoved(self.contentsMargins())
        x, y, line = area.x(), area.y(), 0
        for item in self._items:
            if item.isEmpty():  # a hidden widget takes no room
                continue
            hint = item.sizeHint()
            if line and x + hint.width() > area.right() + 1:
                x, y, line = area.x(), y + line + self._line_gap, 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        margins: QMargins = self.contentsMargins()
        return y + line - rect.y() + margins.bottom()
