"""Month view: six weeks of day cells, chips stacked per day, "+N more" when full."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date, time, timedelta

from PySide6.QtCore import QLocale, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
    QRegion,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractItemView, QWidget

from cmplanner.domain.periods import Period
from cmplanner.ui.calendar.chip_view import ChipView
from cmplanner.ui.calendar.chips import COMPACT_HEIGHT, font_of, mix
from cmplanner.ui.calendar.model import CalendarModel
from cmplanner.ui.calendar.pictures import draw_label
from cmplanner.ui.qt_dates import qdate

CHIP_GAP = 2
DAY_LABEL = 20


class MonthView(ChipView):
    """Signals:
    day_activated(object): "+N more" clicked — show that day in detail.
    room_changed(int): how many chips a day cell holds changed (the view was resized).
    """

    day_activated = Signal(object)
    room_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The grid paints every pixel: Qt need not fill the viewport first.
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._cells: dict[date, QRect] = {}
        self._more: dict[date, tuple[QRect, int]] = {}
        self._room = -1
        #: What each day cell showed at the last layout, and what it was laid out for
        #: (see ``_changed_region``).
        self._shown: dict[date, tuple[object, ...]] = {}
        self._shown_for: tuple[object, ...] | None = None
        self._changed: QRegion | None = None

    # ---- geometry -------------------------------------------------------------------------

    def _grid(self) -> tuple[float, float]:
        vp = self.viewport().rect()
        return vp.width() / 7, (vp.height() - self.HEADER) / 6

    def cell_rect(self, day: date) -> QRect:
        return self._cells.get(day, QRect())

    def chips_per_day(self) -> int:
        """How many chips the tallest day cell holds at the current size."""
        _cw, ch = self._grid()
        return max(0, (math.ceil(ch) - DAY_LABEL - 4) // (COMPACT_HEIGHT + CHIP_GAP))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        room = self.chips_per_day()
        if room != self._room:
            self._room = room
            self.room_changed.emit(room)

    def _cells_of(self, period: Period) -> dict[date, QRect]:
        cw, ch = self._grid()
        cells = {}
        for i, day in enumerate(period.days):
            col, row = i % 7, i // 7
            x0, x1 = round(col * cw), round((col + 1) * cw)
            y0, y1 = round(self.HEADER + row * ch), round(self.HEADER + (row + 1) * ch)
            cells[day] = QRect(x0, y0, x1 - x0, y1 - y0)
        return cells

    @staticmethod
    def _place(
        cells: dict[date, QRect], model: CalendarModel
    ) -> Iterator[tuple[date, list[tuple[int, QRect]], tuple[QRect, int] | None]]:
        """Each day's chips (model row, rectangle) and its "+N more" (rectangle, N)."""
        step = COMPACT_HEIGHT + CHIP_GAP
        for day, rows in model.rows_by_day().items():
            cell = cells.get(day)
            if cell is None:
                continue
            room = max(0, (cell.height() - DAY_LABEL - 4) // step)
            count = model.day_count(day, len(rows))
            shown = rows if count <= room else rows[: max(0, room - 1)]
            left, width = cell.left() + 3, cell.width() - 6
            top = cell.top() + DAY_LABEL
            placed = [
                (row, QRect(left, top + n * step, width, COMPACT_HEIGHT))
                for n, row in enumerate(shown)
            ]
            hidden = count - len(shown)
            more = None
            if hidden:
                more = (QRect(left, top + len(shown) * step, width, COMPACT_HEIGHT), hidden)
            yield day, placed, more

    def chip_font(self) -> QFont:
        return font_of(self.font(), 11)[0]  # the day numbers'

    def chips_of(self, period: Period, model: CalendarModel) -> list[tuple[int, QRect]]:
        """The chips (model row, rectangle) a month of ``model`` would show at this size:
        for drawing them ahead of time (``ChipDelegate.prepare``)."""
        out: list[tuple[int, QRect]] = []
        for _day, placed, _more in self._place(self._cells_of(period), model):
            out += placed
        return out

    def _layout(self) -> None:
        assert self.period is not None
        self._cells = self._cells_of(self.period)
        self._more = {}
        before, self._shown = self._shown, {}
        model = self.calendar_model()
        cut = self.itemDelegate().cut_ids  # type: ignore[attr-defined]

        def look(row: int) -> tuple[object, ...]:
            """What a chip shows: its row (a re-read post is a new row), time and cut mark."""
            post = model.post_at(row)
            return post, model.wall_at(row), post.id in cut

        for day, placed, more in self._place(self._cells, model):
            for row, rect in placed:
                self._rects[row] = rect
            hidden = 0
            if more is not None:
                self._more[day] = more
                hidden = more[1]
            self._shown[day] = (hidden, *(look(row) for row, _rect in placed))
        # The same period, size and day: repaint only the days whose chips changed (a
        # drop changes two); anything else repaints the whole grid.
        layout_for = (self.period, self.today, self.viewport().size())
        if layout_for != self._shown_for:
            self._shown_for, self._changed = layout_for, None
            return
        region = QRegion()
        for day in before.keys() | self._shown.keys():
            if before.get(day) != self._shown.get(day):
                region += self._cells.get(day, QRect())
        self._changed = region

    def _changed_region(self) -> QRegion | None:
        return self._changed

    def target_at(self, pos: QPoint) -> tuple[date, time | None] | None:
        for day, rect in self._cells.items():
            if rect.contains(pos):
                return day, None
        return None

    def point_for(self, day: date, at: time | None = None) -> QPoint:
        rect = self._cells[day]
        return QPoint(rect.center().x(), rect.bottom() - 6)

    # ---- keyboard -------------------------------------------------------------------------

    def _move_cursor(self, action: QAbstractItemView.CursorAction) -> None:
        assert self.period is not None and self.cursor_day is not None
        steps = {
            QAbstractItemView.CursorAction.MoveLeft: -1,
            QAbstractItemView.CursorAction.MoveRight: 1,
            QAbstractItemView.CursorAction.MoveUp: -7,
            QAbstractItemView.CursorAction.MoveDown: 7,
            QAbstractItemView.CursorAction.MovePrevious: -1,
            QAbstractItemView.CursorAction.MoveNext: 1,
        }
        new = self.cursor_day + timedelta(days=steps.get(action, 0))
        if self.period.contains(new):
            self.cursor_day = new
        self.cursor_time = None

    def _rows_at_cursor(self) -> list[int]:
        rows = self.calendar_model().rows_by_day().get(self.cursor_day or date.min, [])
        return [r for r in rows if r in self._rects]

    # ---- mouse ----------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        for day, (rect, _n) in self._more.items():
            if rect.contains(pos):
                self.day_activated.emit(day)
                return
        super().mousePressEvent(event)

    # ---- painting -------------------------------------------------------------------------

    def _paint_grid(self, p: QPainter, area: QRegion) -> None:
        assert self.period is not None
        pal = self.palette()
        base = pal.color(QPalette.ColorRole.Base)
        text = pal.color(QPalette.ColorRole.Text)
        grid_pen = QPen(mix(text, base, 0.85), 1)
        other_month = mix(base, text, 0.04)
        # Weekends: the text colour at 8/255 over the cell, worked out here so that each
        # fill is opaque (a translucent fill blends every pixel of the cell).
        weekend = {True: mix(base, text, 8 / 255), False: mix(other_month, text, 8 / 255)}
        fills = {True: base, False: other_month}
        dim_text = mix(text, base, 0.55)
        month = self.period.anchor.month
        p.fillRect(area.boundingRect(), base)
        hover_day = self._hover[0] if self._hover else None
        font, _fm = font_of(self.font(), 11)
        p.setFont(font)
        left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for day, rect in self._cells.items():
            if not area.intersects(rect):
                continue
            inside = day.month == month
            if day.weekday() >= 5:
                p.fillRect(rect, weekend[inside])
            elif not inside:
                p.fillRect(rect, fills[inside])
            if day == hover_day:
                hl = QColor(pal.color(QPalette.ColorRole.Highlight))
                hl.setAlpha(50)
                p.fillRect(rect, hl)
            p.setPen(grid_pen)
            p.drawRect(rect.adjusted(0, 0, -1, -1))
            if day == self.today:
                self._paint_today_number(p, day, rect)
            else:
                label = str(day.day) if day.day != 1 else QLocale().toString(qdate(day), "d MMM")
                color = text if inside else dim_text
                draw_label(p, rect.left() + 4, rect.top() + 2, label, font, color, 60, 16, left)
            if day == self.cursor_day and self.hasFocus():
                pen = QPen(pal.color(QPalette.ColorRole.Highlight), 1, Qt.PenStyle.DashLine)
                p.setPen(pen)
                p.drawRect(rect.adjusted(1, 1, -2, -2))

    def _paint_today_number(self, p: QPainter, day: date, rect: QRect) -> None:
        font, _fm = font_of(self.font(), 11, bold=True)
        num_rect = QRect(rect.left() + 4, rect.top() + 2, 22, 16)
        label = str(day.day) if day.day != 1 else QLocale().toString(qdate(day), "d MMM")
        p.save()
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self.palette().color(QPalette.ColorRole.Highlight))
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.drawRoundedRect(num_rect, 8, 8)
        p.setPen(self.palette().color(QPalette.ColorRole.HighlightedText))
        p.setFont(font)
        p.drawText(num_rect, Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag.AlignVCenter, label)
        p.restore()

    def _paint_overlay(self, p: QPainter, area: QRegion) -> None:
        pal = self.palette()
        header = QRect(0, 0, self.viewport().width(), self.HEADER)
        if area.intersects(header):
            base = pal.color(QPalette.ColorRole.Window)
            text = pal.color(QPalette.ColorRole.WindowText)
            p.fillRect(header, base)
            cw, _ = self._grid()
            bold, _fm = font_of(self.font(), 11, bold=True)
            loc = QLocale()
            center = int(Qt.AlignmentFlag.AlignCenter)
            for i in range(7):
                x, w = round(i * cw), round(cw)
                name = loc.dayName(i + 1, QLocale.FormatType.ShortFormat)
                draw_label(p, x, 0, name, bold, text, w, self.HEADER, center)
        font, _fm = font_of(self.font(), 11)
        link = pal.color(QPalette.ColorRole.Link)
        vcenter = int(Qt.AlignmentFlag.AlignVCenter)
        for _day, (rect, n) in self._more.items():
            if not area.intersects(rect):
                continue
            r = rect.adjusted(6, 0, 0, 0)
            label = self.tr("+%n more", "", n)
            draw_label(p, r.left(), r.top(), label, font, link, r.width(), r.height(), vcenter)
