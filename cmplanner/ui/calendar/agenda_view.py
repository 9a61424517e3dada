"""Agenda view: the period's posts as a list, under a heading per day."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from cmplanner.ui.calendar.chip_delegate import drawn_selected
from cmplanner.ui.calendar.chips import paint_chip
from cmplanner.ui.calendar.model import DayRole, PostIdRole, PostRole, WallRole
from cmplanner.ui.qt_dates import qdate

HEADING = 28
ROW = 30

Index = QModelIndex | QPersistentModelIndex


def starts_day(index: Index) -> bool:
    if index.row() == 0:
        return True
    prev = index.model().index(index.row() - 1, 0)
    return bool(prev.data(DayRole) != index.data(DayRole))


class AgendaDelegate(QStyledItemDelegate):
    def __init__(self, today: date, parent: Any = None) -> None:
        super().__init__(parent)
        self.today = today

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(300, ROW + (HEADING if starts_day(index) else 0))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        rect = QRect(option.rect)
        pal = option.palette
        if starts_day(index):
            day: date | None = index.data(DayRole)
            head = QRect(rect.left(), rect.top(), rect.width(), HEADING)
            font = QFont(option.font)
            font.setBold(True)
            font.setPixelSize(12)
            painter.save()
            painter.setFont(font)
            painter.setPen(pal.color(QPalette.ColorRole.Text))
            label = QLocale().toString(qdate(day), "dddd d MMMM yyyy") if day else "—"
            if day == self.today:
                label += "  ·  " + QCoreApplication.translate("AgendaView", "Today")
                painter.setPen(pal.color(QPalette.ColorRole.Link))
            painter.drawText(head.adjusted(8, 6, 0, 0), Qt.AlignmentFlag.AlignVCenter, label)
            painter.restore()
            rect.setTop(rect.top() + HEADING)
        row = index.data(PostRole)
        selected = drawn_selected(option)
        paint_chip(
            painter, rect.adjusted(16, 2, -8, -2), row, index.data(WallRole), pal, selected=selected
        )


class AgendaView(QListView):
    """Signals:
    open_requested(int): a post double-clicked or Enter pressed.
    """

    open_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._delegate = AgendaDelegate(date.today(), self)
        self.setItemDelegate(self._delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setUniformItemSizes(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.doubleClicked.connect(self._on_self_double_clicked)
        self.activated.connect(self._on_self_double_clicked)

    def set_today(self, today: date) -> None:
        self._delegate.today = today
        self.viewport().update()

    def _on_self_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(int(index.data(PostIdRole)))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0:
            p = QPainter(self.viewport())
            p.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            p.drawText(
                self.viewport().rect(),
                Qt.AlignmentFlag.AlignCenter,
                self.tr("No posts in this period.\nPress Ctrl+N to write one."),
            )
            p.end()
