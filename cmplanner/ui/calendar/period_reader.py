"""The calendar's reads of a period's posts, with its neighbours read ahead.

``PeriodReader.read`` answers what the page shows (a month grid: each day's first chips
and every day's count; a week or an agenda: every post), from an answer read ahead when
nothing changed since (see ``read_ahead``), and asks for the previous and next periods
to be read, and a month's chips drawn, while the user looks at this one.
"""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date
from typing import cast

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QStyleOptionViewItem

from cmplanner.domain.models import PostFilter, PostRow
from cmplanner.domain.periods import Period, ViewKind, shift
from cmplanner.services.workspace import Workspace
from cmplanner.ui.calendar.chip_delegate import ChipDelegate
from cmplanner.ui.calendar.model import CalendarModel
from cmplanner.ui.calendar.month_view import MonthView
from cmplanner.ui.calendar.read_ahead import ReadAhead

#: What a period's read depends on: (period, filter, view zone, chips per day or 0).
PeriodKey = tuple[Period, PostFilter, str | None, int]
#: A period's rows and, for a month grid, every day's count (None: the rows are all).
PeriodRows = tuple[list[PostRow], dict[date, int] | None]


class PeriodReader(QObject):
    def __init__(self, ws: Workspace, month_view: MonthView, parent: QObject | None = None):
        super().__init__(parent)
        self.ws = ws
        self.month_view = month_view
        self.ahead: ReadAhead[PeriodRows] = ReadAhead(self._read_key, self._prepare_key, self)
        self.ahead.hold()  # until the window has painted (``CalendarPage.start_reading_ahead``)
        self._last: Period | None = None  # the period read before: which way the user goes

    def read(self, period: Period, flt: PostFilter, tz: str | None, per_day: int) -> PeriodRows:
        """The period's rows (``per_day`` chips a day for a month), then its neighbours
        are read ahead: first the one the user is heading for (the next, unless the
        last move went back)."""
        key = self._key(period, flt, tz, per_day)
        got = self.ahead.take(key)
        if got is None:
            got = self._read_key(key)
            self.ahead.keep(key, got)
        back = self._last is not None and period.first < self._last.first
        self._last = period
        steps = (-1, 1) if back else (1, -1)
        self.ahead.want([self._key(shift(period, n), flt, tz, per_day) for n in steps])
        return got

    @Slot()
    def forget(self) -> None:
        """Posts, brands or accounts changed: nothing read before may be shown (the
        neighbours are read again in the next quiet moment)."""
        self.ahead.forget()

    def stop(self) -> None:
        """The window closes: read nothing more."""
        self.ahead.stop()

    @staticmethod
    def _key(period: Period, flt: PostFilter, tz: str | None, per_day: int) -> PeriodKey:
        return period, flt, tz, per_day if period.kind == ViewKind.MONTH else 0

    def _read_key(self, key: Hashable) -> PeriodRows:
        period, flt, tz, per_day = cast(PeriodKey, key)
        if period.kind == ViewKind.MONTH:
            got = self.ws.posts.day_rows(flt, period.first, period.last, tz, per_day)
            return got.rows, got.counts
        start, end = period.utc_span()
        return self.ws.posts.rows(flt, start, end), None

    def _prepare_key(self, key: Hashable, got: PeriodRows) -> None:
        """Draw the chips a month read ahead will show (its switch then copies them)."""
        period, _flt, tz, _per_day = cast(PeriodKey, key)
        view = self.month_view
        delegate = view.itemDelegate()
        if period.kind != ViewKind.MONTH or not view.isVisible():
            return
        if not isinstance(delegate, ChipDelegate):
            return
        rows, counts = got
        model = CalendarModel()
        model.set_rows(rows, tz, keep=period.contains, counts=counts)
        chips = [
            (model.post_at(row), model.wall_at(row), rect.size())
            for row, rect in view.chips_of(period, model)
        ]
        vp = view.viewport()
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        delegate.prepare(chips, option.palette, view.chip_font(), vp.devicePixelRatioF())
