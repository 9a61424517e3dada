"""Week view: seven day columns of hour slots; chips sit at their time of day.

Free posting slots (``set_free_slots``) are painted as dashed outlines; a drop on one
schedules at the slot's own time (e.g. 09:30), not at the hour under the pointer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from PySide6.QtCore import QLocale, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen, QRegion
from PySide6.QtWidgets import QAbstractItemView, QWidget

from cmplanner.ui.calendar.chip_view import ChipView
from cmplanner.ui.calendar.chips import mix

HOUR_H = 46
GUTTER = 52
FIRST_VISIBLE_HOUR = 8


@dataclass(frozen=True)
class FreeSlot:
    """An empty posting slot shown as a drop target, at its wall time in the view's zone."""

    day: date
    at: time
    color: str
    label: str


class WeekView(ChipView):
    HEADER = 40

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalScrollBar().setSingleStep(HOUR_H // 2)
        self.verticalScrollBar().valueChanged.connect(self.viewport().update)
        self._scrolled_once = False
        self.free_slots: tuple[FreeSlot, ...] = ()

    def set_free_slots(self, slots: tuple[FreeSlot, ...]) -> None:
        self.free_slots = slots
        self.viewport().update()

    def slot_rect(self, slot: FreeSlot) -> QRect:
        """The slot's dashed outline in viewport coordinates (empty outside the week)."""
        if self.period is None or not self.period.contains(slot.day):
            return QRect()
        cw = self._col_width()
        col = (slot.day - self.period.first).days
        y = self.HEADER + slot.at.hour * HOUR_H + round(slot.at.minute / 60 * HOUR_H)
        y -= self.verticalOffset()
        return QRect(round(GUTTER + col * cw + 3), y + 1, round(cw) - 7, HOUR_H - 4)

    def _col_width(self) -> float:
        return (self.viewport().width() - GUTTER) / 7

    def _layout(self) -> None:
        assert self.period is not None
        bar = self.verticalScrollBar()
        view_h = self.viewport().height() - self.HEADER
        bar.setRange(0, max(0, 24 * HOUR_H - view_h))
        bar.setPageStep(max(1, view_h))
        if not self._scrolled_once and view_h > 0:
            bar.setValue(FIRST_VISIBLE_HOUR * HOUR_H)
            self._scrolled_once = True
        cw = self._col_width()
        model = self.calendar_model()
        by_day = model.rows_by_day()
        for i, day in enumerate(self.period.days):
            buckets: dict[int, list[int]] = {}
            for row in by_day.get(day, []):
                wall = model.wall_at(row)
                assert wall is not None
                buckets.setdefault(wall.hour, []).append(row)
            x0 = GUTTER + i * cw
            for hour, rows in buckets.items():
                w = (cw - 6) / len(rows)
                for n, row in enumerate(rows):
                    wall = model.wall_at(row)
                    assert wall is not None
                    y = self.HEADER + hour * HOUR_H + round(wall.minute / 60 * HOUR_H)
                    h = min(HOUR_H - 4, self.HEADER + 24 * HOUR_H - y - 2)
                    self._rects[row] = QRect(round(x0 + 3 + n * w), y + 1, round(w) - 1, h)

    def target_at(self, pos: QPoint) -> tuple[date, time | None] | None:
        if self.period is None or pos.x() < GUTTER or pos.y() < self.HEADER:
            return None
        for slot in self.free_slots:
            if self.slot_rect(slot).contains(pos):
                return slot.day, slot.at
        col = int((pos.x() - GUTTER) // self._col_width())
        y = pos.y() - self.HEADER + self.verticalOffset()
        hour = int(y // HOUR_H)
        if not (0 <= col < 7 and 0 <= hour < 24):
            return None
        return self.period.first + timedelta(days=col), time(hour, 0)

    def point_for(self, day: date, at: time | None = None) -> QPoint:
        assert self.period is not None
        col = (day - self.period.first).days
        hour = at.hour if at else FIRST_VISIBLE_HOUR
        x = round(GUTTER + (col + 0.5) * self._col_width())
        y = self.HEADER + hour * HOUR_H - self.verticalOffset() + HOUR_H - 6
        return QPoint(x, y)

    def scroll_to_hour(self, hour: int) -> None:
        self.verticalScrollBar().setValue(hour * HOUR_H)

    def _move_cursor(self, action: QAbstractItemView.CursorAction) -> None:
        assert self.period is not None and self.cursor_day is not None
        hour = (self.cursor_time or time(FIRST_VISIBLE_HOUR)).hour
        day = self.cursor_day
        act = QAbstractItemView.CursorAction
        if action in (act.MoveLeft, act.MovePrevious):
            day -= timedelta(days=1)
        elif action in (act.MoveRight, act.MoveNext):
            day += timedelta(days=1)
        elif action == act.MoveUp:
            hour = max(0, hour - 1)
        elif action == act.MoveDown:
            hour = min(23, hour + 1)
        if self.period.contains(day):
            self.cursor_day = day
        self.cursor_time = time(hour, 0)
        top = hour * HOUR_H
        bar = self.verticalScrollBar()
        if top < bar.value() or top + HOUR_H > bar.value() + bar.pageStep():
            bar.setValue(top - HOUR_H)

    def _rows_at_cursor(self) -> list[int]:
        model = self.calendar_model()
        out = []
        for row in model.rows_by_day().get(self.cursor_day or date.min, []):
            wall = model.wall_at(row)
            if wall is not None and self.cursor_time and wall.hour == self.cursor_time.hour:
                out.append(row)
        return out

    # ---- painting -------------------------------------------------------------------------

    def chip_font(self) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(10)  # the hours'
        return font

    def _paint_grid(self, p: QPainter, area: QRegion) -> None:
        assert self.period is not None
        pal = self.palette()
        base = pal.color(QPalette.ColorRole.Base)
        text = pal.color(QPalette.ColorRole.Text)
        grid = mix(text, base, 0.88)
        p.fillRect(self.viewport().rect(), base)
        cw = self._col_width()
        off = self.verticalOffset()
        vp = self.viewport().rect()
        for i, day in enumerate(self.period.days):
            x = round(GUTTER + i * cw)
            col = QRect(x, self.HEADER, round(cw), vp.height())
            if day.weekday() >= 5:
                p.fillRect(col, QColor(text.red(), text.green(), text.blue(), 8))
            if day == self.today:
                hl = QColor(pal.color(QPalette.ColorRole.Highlight))
                hl.setAlpha(18)
                p.fillRect(col, hl)
        if self._hover is not None and self._hover[1] is not None:
            self._fill_slot(p, self._hover[0], self._hover[1].hour, 60)
        if self.cursor_day and self.cursor_time and self.hasFocus():
            self._fill_slot(p, self.cursor_day, self.cursor_time.hour, 30)
        font = QFont(self.font())
        font.setPixelSize(10)
        p.setFont(font)
        for hour in range(25):
            y = self.HEADER + hour * HOUR_H - off
            if y < self.HEADER - 1 or y > vp.height():
                continue
            p.setPen(QPen(grid, 1))
            p.drawLine(GUTTER, y, vp.width(), y)
            if hour < 24:
                p.setPen(mix(text, base, 0.4))
                p.drawText(
                    QRect(0, y + 2, GUTTER - 6, 14), Qt.AlignmentFlag.AlignRight, f"{hour:02d}:00"
                )
        p.setPen(QPen(grid, 1))
        for i in range(8):
            x = round(GUTTER + i * cw)
            p.drawLine(x, self.HEADER, x, vp.height())
        self._paint_free_slots(p)

    def _paint_free_slots(self, p: QPainter) -> None:
        if not self.free_slots:
            return
        p.save()
        p.setClipRect(self.viewport().rect().adjusted(0, self.HEADER, 0, 0))
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setPixelSize(10)
        p.setFont(font)
        for slot in self.free_slots:
            r = self.slot_rect(slot)
            if r.isEmpty():
                continue
            color = QColor(slot.color)
            p.setPen(QPen(color, 1.2, Qt.PenStyle.DashLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(r, 5, 5)
            p.setPen(mix(color, self.palette().color(QPalette.ColorRole.Base), 0.25))
            p.drawText(
                r.adjusted(6, 2, -4, -2),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                f"{slot.at.hour:02d}:{slot.at.minute:02d} {slot.label}",
            )
        p.restore()

    def _fill_slot(self, p: QPainter, day: date, hour: int, alpha: int) -> None:
        assert self.period is not None
        col = (day - self.period.first).days
        cw = self._col_width()
        hl = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        hl.setAlpha(alpha)
        y = self.HEADER + hour * HOUR_H - self.verticalOffset()
        p.fillRect(QRect(round(GUTTER + col * cw), y, round(cw), HOUR_H), hl)

    def _paint_overlay(self, p: QPainter, area: QRegion) -> None:
        assert self.period is not None
        pal = self.palette()
        window = pal.color(QPalette.ColorRole.Window)
        text = pal.color(QPalette.ColorRole.WindowText)
        p.fillRect(QRect(0, 0, self.viewport().width(), self.HEADER), window)
        cw = self._col_width()
        loc = QLocale()
        font = QFont(self.font())
        for i, day in enumerate(self.period.days):
            r = QRect(round(GUTTER + i * cw), 0, round(cw), self.HEADER)
            name = loc.dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)
            font.setPixelSize(11)
            font.setBold(day == self.today)
            p.setFont(font)
            if day == self.today:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(pal.color(QPalette.ColorRole.Highlight))
                p.setRenderHint(QPainter.RenderHint.Antialiasing)
                p.drawRoundedRect(r.adjusted(4, 3, -4, -3), 6, 6)
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.setPen(pal.color(QPalette.ColorRole.HighlightedText))
            else:
                p.setPen(text)
            p.drawText(r, Qt.AlignmentFlag.AlignCenter, f"{name} {day.day}")
