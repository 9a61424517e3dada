"""The calendar views' item delegate: a post's chip, painted or copied from a picture."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from cmplanner.domain.models import PostRow
from cmplanner.ui.calendar.chips import (
    COMPACT_HEIGHT,
    ChipStyle,
    chip_style,
    chip_style_for,
    paint_chip,
)
from cmplanner.ui.calendar.model import PostRole, WallRole


def drawn_selected(option: QStyleOptionViewItem) -> bool:
    """Whether a view item is drawn selected. ``QStyle`` (with ~1,000 enum members for
    PySide6 to make) is imported when first asked: after the window's first paint."""
    from PySide6.QtWidgets import QStyle

    return bool(option.state & QStyle.StateFlag.State_Selected)


class ChipDelegate(QStyledItemDelegate):
    """Paints posts as chips; the views ask it for every visible chip."""

    #: Chips painted once are kept as pictures: a repaint after a drop or a hover, or a
    #: return to a month seen before, only copies them. Bounded; oldest dropped first.
    CACHE_SIZE = 1500

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cut_ids: set[int] = set()
        self._cache: dict[tuple[object, ...], QPixmap] = {}
        self._seen: set[tuple[object, ...]] = set()
        self._seen_twice: set[tuple[object, ...]] = set()

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        row: PostRow | None = index.data(PostRole)
        if row is None:
            super().paint(painter, option, index)
            return
        selected = drawn_selected(option)
        self.paint_post(painter, option.rect, row, index.data(WallRole), option.palette, selected)

    def paint_post(
        self,
        painter: QPainter,
        rect: QRect,
        row: PostRow,
        wall: datetime | None,
        pal: QPalette,
        selected: bool,
        context: ChipStyle | None = None,
    ) -> None:
        """Paint one post's chip (the views call this directly for every visible chip).

        ``context`` is ``paint_context(painter, pal)``, worked out once per paint event;
        with it the caller saves the painter's state before its chips and restores it
        after.
        """
        cut = row.id in self.cut_ids
        style = context
        if style is None:
            style = self.paint_context(painter, pal)
            painter.save()
            self.paint_post(painter, rect, row, wall, pal, selected, style)
            painter.restore()
            return
        key = self._key(row, wall, rect.width(), rect.height(), selected, cut, style)
        pix = self._cache.get(key)
        if pix is None and key not in self._seen_twice:
            # The first two sights (a month just opened, then the next month, whose grid
            # shares up to two weeks of days with it): paint straight away, which costs
            # about half of making a picture; a chip painted a third time (a hover, a
            # drop, a return to the month) is kept as a picture.
            if len(self._seen) > 4 * self.CACHE_SIZE:
                self._seen.clear()
                self._seen_twice.clear()
            if key in self._seen:
                self._seen_twice.add(key)
            else:
                self._seen.add(key)
            paint_chip(painter, rect, row, wall, pal, selected=selected, cut=cut, style=style)
            return
        if pix is None:
            pix = self._picture(key, rect.size(), row, wall, pal, painter.font(), style.ratio)
        painter.drawPixmap(rect.topLeft(), pix)

    def prepare(
        self,
        chips: list[tuple[PostRow, datetime | None, QSize]],
        pal: QPalette,
        font: QFont,
        ratio: float,
    ) -> int:
        """Draw these chips (unselected) as pictures now, for a period about to be shown
        (``read_ahead``): its paint then only copies them. Returns how many were drawn."""
        style = chip_style_for(font, pal, ratio)  # the key a paint of the view looks for
        made = 0
        for row, wall, size in chips:
            cut = row.id in self.cut_ids
            key = self._key(row, wall, size.width(), size.height(), False, cut, style)
            if key not in self._cache:
                self._picture(key, size, row, wall, pal, font, ratio)
                made += 1
        return made

    @staticmethod
    def _key(
        row: PostRow,
        wall: datetime | None,
        width: int,
        height: int,
        selected: bool,
        cut: bool,
        style: ChipStyle,
    ) -> tuple[object, ...]:
        return (
            row.id,
            row.state,
            row.head,
            wall,
            row.networks,
            row.check_level,
            row.approval,
            row.brand_color,
            row.brand_name,
            width,
            height,
            selected,
            cut,
            style.key,  # palette (any colour of it), font, pixel ratio
        )

    def _picture(
        self,
        key: tuple[object, ...],
        size: QSize,
        row: PostRow,
        wall: datetime | None,
        pal: QPalette,
        font: QFont,
        ratio: float,
    ) -> QPixmap:
        """Make and keep the chip's picture (bounded; oldest dropped first)."""
        selected, cut = bool(key[-3]), bool(key[-2])
        pix = QPixmap(max(1, round(size.width() * ratio)), max(1, round(size.height() * ratio)))
        pix.setDevicePixelRatio(ratio)
        pix.fill(Qt.GlobalColor.transparent)
        p = QPainter(pix)
        p.setFont(font)
        rect = QRect(0, 0, size.width(), size.height())
        paint_chip(p, rect, row, wall, pal, selected=selected, cut=cut)
        p.end()
        if len(self._cache) >= self.CACHE_SIZE:
            for old in list(self._cache)[: self.CACHE_SIZE // 4]:
                del self._cache[old]
        self._cache[key] = pix
        return pix

    @staticmethod
    def paint_context(painter: QPainter, pal: QPalette) -> ChipStyle:
        """What every chip of one paint event shares: palette, font and pixel ratio."""
        return chip_style(painter, pal)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(160, COMPACT_HEIGHT + 2)
