"""The base of the month and week views: a QAbstractItemView laying out post chips.

Subclasses lay chips out (``_layout``), paint their grid, and say which day (and time)
lies under a point (``target_at``). Dragging uses Qt's own QDrag with the model's
``mimeData``; a drop raises ``move_requested`` with a ``DropRequest`` for the window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Any

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QRect,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QRegion,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractItemView, QStyleOptionViewItem, QWidget

from cmplanner.domain.periods import Period
from cmplanner.ui.calendar.chip_delegate import ChipDelegate
from cmplanner.ui.calendar.model import MIME_POST_IDS, CalendarModel, decode_ids
from cmplanner.ui.qt_objects import own_viewport


@dataclass(frozen=True)
class DropRequest:
    """Posts dropped (or pasted) on a day, or on a slot when ``at`` is set."""

    post_ids: tuple[int, ...]
    anchor_id: int
    day: date
    at: time | None
    copy: bool


@dataclass(frozen=True)
class SlotRequest:
    """An empty day or slot the user asked to start a draft on."""

    day: date
    at: time | None


class ChipView(QAbstractItemView):
    """Signals:
    move_requested(DropRequest): chips dropped here (move, or copy with Ctrl).
    open_requested(int): a chip double-clicked (or Enter) — edit that post.
    new_post_requested(SlotRequest): an empty day or slot double-clicked.
    cursor_changed(SlotRequest): the keyboard/mouse cursor day (or slot) changed.
    """

    move_requested = Signal(object)
    open_requested = Signal(int)
    new_post_requested = Signal(object)
    cursor_changed = Signal(object)

    HEADER = 26

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        own_viewport(self)
        self.period: Period | None = None
        self.today: date = date.today()
        self.cursor_day: date | None = None
        self.cursor_time: time | None = None
        self._rects: dict[int, QRect] = {}
        self._stale = False  # laid out lazily: a hidden view (another stack page) waits
        self._hover: tuple[date, time | None] | None = None
        self.setItemDelegate(ChipDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    # ---- subclass hooks -------------------------------------------------------------------

    def _layout(self) -> None:
        raise NotImplementedError

    def _paint_grid(self, p: QPainter, area: QRegion) -> None:
        """The background of ``area`` (the painter clips to it; skipping the rest is
        only cheaper)."""
        raise NotImplementedError

    def target_at(self, pos: QPoint) -> tuple[date, time | None] | None:
        """The day (and slot time, in week view) under a viewport point."""
        raise NotImplementedError

    def point_for(self, day: date, at: time | None = None) -> QPoint:
        """A viewport point inside the given day (or slot); tests and keyboard use it."""
        raise NotImplementedError

    def _paint_overlay(self, p: QPainter, area: QRegion) -> None:
        """Painted above the chips (headers, +N more), within ``area``."""

    def chip_font(self) -> QFont:
        """The font the chips are painted from (their pictures are kept per font)."""
        return self.font()

    # ---- setup ----------------------------------------------------------------------------

    def calendar_model(self) -> CalendarModel:
        model = self.model()
        assert isinstance(model, CalendarModel)
        return model

    def set_period(self, period: Period, today: date, *, relayout: bool = True) -> None:
        self.period = period
        self.today = today
        if self.cursor_day is None or not period.contains(self.cursor_day):
            self.cursor_day = today if period.contains(today) else period.anchor
        if relayout:
            self.relayout()

    def setModel(self, model: Any) -> None:
        super().setModel(model)
        model.modelReset.connect(self.relayout)
        model.layoutChanged.connect(self.relayout)

    @Slot()
    def relayout(self) -> None:
        self._rects = {}
        # A view hidden behind another page of the stack is laid out when shown again:
        # every reload would otherwise lay out all the month's chips in unseen views too.
        self._stale = self.isHidden()
        changed: QRegion | None = None
        if not self._stale and self.period is not None and self.model() is not None:
            self._layout()
            changed = self._changed_region()
        if changed is None:
            self.viewport().update()
        elif not changed.isEmpty():
            self.viewport().update(changed)

    def doItemsLayout(self) -> None:  # Qt's name
        """Qt lays the items out on the turn after a model reset and repaints the whole
        viewport; the chips were laid out on the reset itself (``relayout``), which
        updated what changed (after a drop: two days)."""
        self.updateGeometries()

    def _changed_region(self) -> QRegion | None:
        """What the last ``_layout`` changed on screen (None: anything may have)."""
        return None

    def setVisible(self, visible: bool) -> None:
        super().setVisible(visible)
        if visible and self._stale:
            self.relayout()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.relayout()

    def chip_rect(self, post_id: int) -> QRect:
        """The chip's rectangle in viewport coordinates (empty when not shown)."""
        row = self.calendar_model().row_of(post_id)
        return self.visualRect(self.model().index(row, 0)) if row >= 0 else QRect()

    # ---- QAbstractItemView ----------------------------------------------------------------

    def _offset(self) -> QPoint:
        return QPoint(0, self.verticalOffset())

    def visualRect(self, index: Any) -> QRect:
        rect = self._rects.get(index.row()) if index.isValid() else None
        return rect.translated(-self._offset()) if rect is not None else QRect()

    def indexAt(self, point: QPoint) -> QModelIndex:
        p = point + self._offset()
        for row, rect in reversed(list(self._rects.items())):
            if rect.contains(p) and self._in_content(point):
                return self.model().index(row, 0)
        return QModelIndex()

    def _in_content(self, point: QPoint) -> bool:
        return point.y() >= self.HEADER

    def scrollTo(self, index: Any, hint: Any = None) -> None:
        rect = self._rects.get(index.row()) if index.isValid() else None
        if rect is None:
            return
        bar = self.verticalScrollBar()
        view_h = self.viewport().height() - self.HEADER
        top = rect.top() - self.HEADER
        if top < bar.value():
            bar.setValue(top)
        elif rect.bottom() - self.HEADER > bar.value() + view_h:
            bar.setValue(rect.bottom() - self.HEADER - view_h)

    def horizontalOffset(self) -> int:
        return 0

    def verticalOffset(self) -> int:
        return int(self.verticalScrollBar().value())

    def isIndexHidden(self, index: Any) -> bool:
        return index.row() not in self._rects

    def setSelection(self, rect: QRect, flags: QItemSelectionModel.SelectionFlag) -> None:
        content = rect.normalized().translated(self._offset())
        selection = QItemSelection()
        for row, r in self._rects.items():
            if r.intersects(content):
                idx = self.model().index(row, 0)
                selection.select(idx, idx)
        self.selectionModel().select(selection, flags)

    def visualRegionForSelection(self, selection: QItemSelection) -> QRegion:
        region = QRegion()
        for idx in selection.indexes():
            region += self.visualRect(idx)
        return region

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers: Any) -> QModelIndex:
        if self.period is None or self.cursor_day is None:
            return QModelIndex()
        self._move_cursor(action)
        self.cursor_changed.emit(SlotRequest(self.cursor_day, self.cursor_time))
        rows = self._rows_at_cursor()
        self.viewport().update()
        if rows:
            return self.model().index(rows[0], 0)
        self.clearSelection()
        return QModelIndex()

    def _move_cursor(self, action: QAbstractItemView.CursorAction) -> None:
        raise NotImplementedError

    def _rows_at_cursor(self) -> list[int]:
        raise NotImplementedError

    # ---- painting -------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self.viewport())
        if self.period is None or self.model() is None:
            p.fillRect(self.viewport().rect(), self.palette().color(QPalette.ColorRole.Base))
            p.end()
            return
        area = event.region()  # a drop repaints the days it changed, not the month
        self._paint_grid(p, area)
        model = self.calendar_model()
        delegate = self.itemDelegate()
        selection = self.selectionModel()
        selected = {i.row() for i in selection.selectedIndexes()} if selection else set()
        clip = self.viewport().rect().adjusted(0, self.HEADER, 0, 0)
        offset = self._offset()
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        palette = option.palette
        p.save()
        p.setClipRect(clip)
        chips = delegate if isinstance(delegate, ChipDelegate) else None
        p.setFont(self.chip_font())
        context = chips.paint_context(p, palette) if chips is not None else None
        for row, content_rect in self._rects.items():
            rect = content_rect.translated(-offset)
            if not area.intersects(rect) or not rect.intersects(clip):
                continue
            if chips is not None:  # straight to the chip, no model round trip
                chips.paint_post(
                    p,
                    rect,
                    model.post_at(row),
                    model.wall_at(row),
                    palette,
                    row in selected,
                    context,
                )
                continue
            idx = model.index(row, 0)
            item = QStyleOptionViewItem(option)
            item.rect = rect
            if row in selected:
                from PySide6.QtWidgets import QStyle  # not before the first paint

                item.state |= QStyle.StateFlag.State_Selected
            delegate.paint(p, item, idx)
        p.restore()
        self._paint_overlay(p, area)
        p.end()

    # ---- mouse and keyboard ---------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        target = self.target_at(event.position().toPoint())
        if target is not None:
            self.cursor_day, self.cursor_time = target
            self.cursor_changed.emit(SlotRequest(*target))
            self.viewport().update()
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        idx = self.indexAt(pos)
        if idx.isValid():
            self.open_requested.emit(self.calendar_model().post_at(idx.row()).id)
            return
        target = self.target_at(pos)
        if target is not None:
            self.new_post_requested.emit(SlotRequest(*target))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            idx = self.currentIndex()
            if idx.isValid() and self.selectionModel().isSelected(idx):
                self.open_requested.emit(self.calendar_model().post_at(idx.row()).id)
            elif self.cursor_day is not None:
                self.new_post_requested.emit(SlotRequest(self.cursor_day, self.cursor_time))
            return
        super().keyPressEvent(event)

    # ---- drag and drop --------------------------------------------------------------------

    def startDrag(self, supported_actions: Qt.DropAction) -> None:
        indexes = [i for i in self.selectedIndexes() if i.isValid()]
        if not indexes:
            return
        current = self.currentIndex()
        indexes.sort(key=lambda i: 0 if i == current else 1)
        drag = QDrag(self)
        drag.setMimeData(self.model().mimeData(indexes))
        drag.setPixmap(self._drag_pixmap(indexes))
        drag.exec(supported_actions, Qt.DropAction.MoveAction)
        self._hover = None
        self.viewport().update()

    def _drag_pixmap(self, indexes: list[QModelIndex]) -> QPixmap:
        first = self.visualRect(indexes[0])
        width, height = max(first.width(), 120), max(first.height(), 20)
        pix = QPixmap(width, height)
        pix.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pix)
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        option.rect = QRect(0, 0, width, height)
        self.itemDelegate().paint(painter, option, indexes[0])
        painter.end()
        return pix

    def _accept_drag(self, event: QDragEnterEvent | QDragMoveEvent) -> None:
        target = self.target_at(event.position().toPoint())
        if not event.mimeData().hasFormat(MIME_POST_IDS) or target is None:
            self._hover = None
            event.ignore()
            self.viewport().update()
            return
        self._hover = target
        copy = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        event.setDropAction(Qt.DropAction.CopyAction if copy else Qt.DropAction.MoveAction)
        event.accept()
        self.viewport().update()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self._accept_drag(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self._accept_drag(event)

    def dragLeaveEvent(self, event: Any) -> None:
        self._hover = None
        self.viewport().update()

    def dropEvent(self, event: QDropEvent) -> None:
        self._hover = None
        target = self.target_at(event.position().toPoint())
        ids = decode_ids(event.mimeData())
        if target is None or not ids:
            event.ignore()
            return
        copy = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier) or (
            event.dropAction() == Qt.DropAction.CopyAction
        )
        event.setDropAction(Qt.DropAction.CopyAction if copy else Qt.DropAction.MoveAction)
        event.accept()
        day, at = target
        self.cursor_day, self.cursor_time = day, at
        self.move_requested.emit(DropRequest(tuple(ids), ids[0], day, at, copy))
        self.viewport().update()
