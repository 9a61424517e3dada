"""The backlog: unscheduled ideas and drafts. Drag from here to plan; drop here to unschedule."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from cmplanner.ui.calendar.chip_delegate import drawn_selected
from cmplanner.ui.calendar.chips import paint_chip
from cmplanner.ui.calendar.model import MIME_POST_IDS, PostIdRole, PostRole
from cmplanner.ui.qt_objects import own_viewport

Index = QModelIndex | QPersistentModelIndex


class BacklogDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(200, 48)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        selected = drawn_selected(option)
        paint_chip(
            painter,
            option.rect.adjusted(4, 2, -4, -2),
            index.data(PostRole),
            None,
            option.palette,
            selected=selected,
        )


class BacklogView(QListView):
    """Signals:
    open_requested(int): a backlog item double-clicked or Enter pressed.
    """

    open_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        own_viewport(self)
        #: True until the backlog is first read: the view then says nothing (not "empty").
        self.waiting = False
        self.setItemDelegate(BacklogDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.doubleClicked.connect(self._on_self_activated)
        self.activated.connect(self._on_self_activated)

    def _on_self_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(int(index.data(PostIdRole)))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(MIME_POST_IDS) and event.source() is not self:
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(MIME_POST_IDS) and event.source() is not self:
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event: Any) -> None:
        model = self.model()
        if event.source() is self or model is None:
            event.ignore()
            return
        model.dropMimeData(event.mimeData(), Qt.DropAction.MoveAction, -1, 0, QModelIndex())
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.waiting and self.model() is not None and self.model().rowCount() == 0:
            p = QPainter(self.viewport())
            p.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            p.drawText(
                self.viewport().rect().adjusted(12, 12, -12, -12),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.tr("No unscheduled ideas or drafts.\nDrag a post here to unschedule it."),
            )
            p.end()
