"""The inbox list's view: a ``QTableView`` that paints its rows itself, one Python call
per paint instead of one per cell.

``QTableView.paintEvent`` calls the delegate's ``paint`` once per cell, 168 times a
screen, each call turning a ``QStyleOptionViewItem`` and a model index into Python objects
(and each index asking the Python model for its row and column counts). ``InboxView``
walks the same cells in one Python call: the cells the paint event's region covers, with
the state ``QTableView`` would give each (selected, focused, under the mouse), handed to
``InboxDelegate.paint_cell`` with the row's look; then the grid, where and as
``QTableView`` draws it. The selected row, the focused cell and the hovered one get the
style's row panel first, as in ``QTableView``. What this view does not do itself (right to
left, spans, hidden or moved sections, alternating colours, a drop indicator, another
delegate) it leaves to ``QTableView``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from PySide6.QtCore import QEvent, QLineF, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from cmplanner.ui.inbox_delegate import InboxDelegate, cell_option
from cmplanner.ui.inbox_model import InboxModel

_S = QStyle.StateFlag
_SELECTED = _S.State_Selected.value
_HOVER = _S.State_MouseOver.value
_FOCUS = _S.State_HasFocus.value
_ROW_PANEL = QStyle.PrimitiveElement.PE_PanelItemViewRow
_GRID_COLOUR = QStyle.StyleHint.SH_Table_GridLineColor
_HOVER_EVENTS = (QEvent.Type.HoverEnter, QEvent.Type.HoverMove, QEvent.Type.HoverLeave)
#: Column widths in pixels; the message column stretches, and the network, kind, tone and
#: time columns are fitted to their texts in bold instead (``InboxModel.column_samples``).
_WIDTHS = ((0, 90), (1, 72), (2, 64), (3, 110), (5, 70), (6, 86))
_MESSAGE = 4


class InboxView(QTableView):
    """The inbox list (see the module's docstring)."""

    def __init__(self, model: InboxModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._delegate = InboxDelegate(model, self)
        #: The cell under the mouse, followed as ``QAbstractItemView`` follows it (only
        #: when the style asks for hover events).
        self._hover = QPersistentModelIndex()
        self.setModel(model)
        self.setItemDelegate(self._delegate)

    def viewportEvent(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in _HOVER_EVENTS:
            if kind == QEvent.Type.HoverLeave:
                self._hover = QPersistentModelIndex()
            else:
                pos = event.position().toPoint()  # type: ignore[attr-defined]
                self._hover = QPersistentModelIndex(self.indexAt(pos))
        return super().viewportEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._paints_itself():
            super().paintEvent(event)
            return
        head, side = self.horizontalHeader(), self.verticalHeader()
        if head.count() == 0 or side.count() == 0:
            return
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        base = option.state.value
        painter = QPainter(self.viewport())
        try:
            self._paint(painter, event, option, base, head, side)
        finally:
            painter.end()

    def _paints_itself(self) -> bool:
        return (
            self.itemDelegate() is self._delegate
            and self.model() is self._model
            and self.isLeftToRight()
            and not self.alternatingRowColors()
            and self.gridStyle() == Qt.PenStyle.SolidLine
            and not self.horizontalHeader().sectionsHidden()
            and not self.horizontalHeader().sectionsMoved()
            and not self.verticalHeader().sectionsHidden()
            and not self.verticalHeader().sectionsMoved()
            and self.state() != QAbstractItemView.State.DraggingState
            and not self.rootIndex().isValid()
        )

    def _paint(
        self,
        painter: QPainter,
        event: QPaintEvent,
        option: QStyleOptionViewItem,
        base: int,
        head: QHeaderView,
        side: QHeaderView,
    ) -> None:
        style = self.style()
        grid = self.showGrid()
        gap = 1 if grid else 0
        pen = QPen(
            QColor.fromRgba(style.styleHint(_GRID_COLOUR, option, self) & 0xFFFFFFFF),
            1,
            self.gridStyle(),
        )
        last_x = head.length() - head.offset() - 1
        last_y = side.length() - side.offset() - 1
        columns = head.count()
        rows = side.count()
        spans = [
            (self.columnViewportPosition(c), self.columnWidth(c) - gap) for c in range(columns)
        ]
        shown_last = side.visualIndexAt(self.viewport().height())
        marks = self._marks(
            max(side.visualIndexAt(0), 0), rows - 1 if shown_last < 0 else shown_last
        )
        looks = self._model.look
        paint_cell = self._delegate.paint_cell
        region = event.region()
        #: Cells painted for an earlier rect of the region (QTableView paints each once).
        drawn: set[tuple[int, int]] | None = set() if region.rectCount() > 1 else None
        for area in cast("Iterable[QRect]", region):  # QRegion iterates its rects
            left, top = area.left(), area.top()
            right, bottom = min(area.right(), last_x), min(area.bottom(), last_y)
            if left > right or top > bottom:
                continue
            first_col = max(head.visualIndexAt(left), 0)
            last_col = head.visualIndexAt(right)
            last_col = columns - 1 if last_col < 0 else last_col
            last_row = side.visualIndexAt(bottom)
            last_row = rows - 1 if last_row < 0 else last_row
            first_row = side.visualIndexAt(top)
            if first_row < 0 or first_row > last_row:
                continue
            lines: list[int] = []
            for row in range(first_row, last_row + 1):
                y = self.rowViewportPosition(row)
                h = self.rowHeight(row) - gap
                lines.append(y + h)
                look = looks(row)
                if look is None:
                    continue
                marked = marks.get(row)
                for col in range(first_col, last_col + 1):
                    if drawn is not None:
                        if (row, col) in drawn:
                            continue
                        drawn.add((row, col))
                    x, w = spans[col]
                    rect = (x, y, w, h)
                    state = base
                    if marked is not None and col in marked:  # as QTableView does
                        state |= marked[col]
                        style.drawPrimitive(
                            _ROW_PANEL, cell_option(option, rect, state), painter, self
                        )
                    paint_cell(painter, option, look, row, col, rect, state)
            if grid:
                painter.setPen(pen)
                for y in lines:  # QTableView's lines, moved to the pixels' centres
                    painter.drawLine(QLineF(left + 0.5, y + 0.5, right + 0.5, y + 0.5))
                for col in range(first_col, last_col + 1):
                    at = spans[col][0] + spans[col][1] + 0.5
                    painter.drawLine(QLineF(at, top + 0.5, at, bottom + 0.5))

    def _marks(self, first: int, last: int) -> dict[int, dict[int, int]]:
        """The states ``QTableView`` adds to cells (selected, under the mouse, focused) in
        rows ``first`` to ``last``, by row and column."""
        marks: dict[int, dict[int, int]] = {}
        selection = self.selectionModel()
        if selection is not None:
            ranges = selection.selection()
            for part in (ranges.at(i) for i in range(ranges.size())):
                if part.parent().isValid():
                    continue
                for row in range(max(part.top(), first), min(part.bottom(), last) + 1):
                    cells = marks.setdefault(row, {})
                    for col in range(part.left(), part.right() + 1):
                        cells[col] = _SELECTED
        for index, state in ((self._hover, _HOVER), (self.currentIndex(), _FOCUS)):
            if not index.isValid() or (
                state == _FOCUS and not (self.hasFocus() or self.viewport().hasFocus())
            ):
                continue
            cells = marks.setdefault(index.row(), {})
            cells[index.column()] = cells.get(index.column(), 0) | state
        return marks


def build_inbox_view(model: InboxModel, parent: QWidget) -> InboxView:
    """The list: whole rows selected one at a time, no editing, the message column wide."""
    view = InboxView(model, parent)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    head = view.horizontalHeader()
    bold = QFont(view.font())
    bold.setBold(True)  # unread rows are bold: their short texts must not be cut
    metrics = QFontMetrics(bold)
    room = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    for column, width in _WIDTHS:
        samples = model.column_samples(column)
        if samples:
            width = max(metrics.horizontalAdvance(text) for text in samples) + room + 4
        head.resizeSection(column, width)
    head.setSectionResizeMode(_MESSAGE, QHeaderView.ResizeMode.Stretch)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return view
