"""The calendar tab: navigation, filters, the backlog and the month/week/agenda views."""

from __future__ import annotations

import os
from datetime import date

from PySide6.QtCore import (
    QDate,
    QItemSelection,
    QItemSelectionModel,
    QLocale,
    Qt,
    QTimer,
    QTimeZone,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cmplanner.domain.models import PostFilter, PostRow
from cmplanner.domain.periods import Period, ViewKind, period_for, shift
from cmplanner.domain.timezones import to_wall, zone
from cmplanner.services.workspace import Workspace
from cmplanner.ui.calendar.agenda_view import AgendaView
from cmplanner.ui.calendar.backlog_view import BacklogView
from cmplanner.ui.calendar.chip_view import ChipView, SlotRequest
from cmplanner.ui.calendar.model import BacklogModel, CalendarModel
from cmplanner.ui.calendar.month_view import MonthView
from cmplanner.ui.calendar.period_reader import PeriodReader
from cmplanner.ui.calendar.text_line import TextLine
from cmplanner.ui.calendar.week_view import FreeSlot, WeekView
from cmplanner.ui.change_relay import ChangeRelay
from cmplanner.ui.filter_bar import FilterBar
from cmplanner.ui.qt_dates import qdate

#: Chips read per day of a month grid before it has a size (then: as many as a day shows).
MIN_CHIPS_PER_DAY = 6


def _zone_of_localtime() -> str | None:
    """The zone /etc/localtime links to (".../zoneinfo/Europe/Madrid"), unless TZ is set.

    Where Qt looks first without TZ; asking Qt costs 5-20 ms of the window's start.
    """
    if os.environ.get("TZ"):
        return None
    try:
        target = os.readlink("/etc/localtime")
    except OSError:  # not a link, or no such file (Windows): Qt knows
        return None
    _, found, name = target.rpartition("zoneinfo/")
    for prefix in ("posix/", "right/"):
        name = name.removeprefix(prefix)
    return name if found and name else None


def system_zone() -> str:
    """The laptop's IANA zone (falls back to UTC when it cannot be told)."""
    name = _zone_of_localtime() or bytes(QTimeZone.systemTimeZoneId().data()).decode() or "UTC"
    try:
        zone(name)
    except Exception:
        return "UTC"
    return name


def _title_samples() -> list[str]:
    """The period titles the calendar can show, for the title's width: every month's
    ("MMMM yyyy") and a week's across two months ("d MMM – d MMM yyyy")."""
    loc = QLocale()
    months = [QDate(2000, m, 28) for m in range(1, 13)]
    out = [loc.toString(d, "MMMM yyyy") for d in months]
    out += [
        f"{loc.toString(d, 'd MMM')} – {loc.toString(d.addMonths(1), 'd MMM yyyy')}" for d in months
    ]
    return out


class NoticeBar(QLabel):
    """A message in the window (refused moves, errors); hides itself after a while."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_message(self, text: str, *, error: bool = True, msec: int = 9000) -> None:
        bg, fg = ("#fdecea", "#8a1c1c") if error else ("#e8f4ea", "#1d5b2c")
        self.setStyleSheet(
            f"QLabel {{ background: {bg}; color: {fg}; border-radius: 4px; padding: 6px 10px; }}"
        )
        self.setText(text)
        self.show()
        self._timer.start(msec)


class CalendarPage(QWidget):
    """Signals:
    open_requested(int): edit this post.
    new_post_requested(SlotRequest): start a draft on this day or slot.
    drop_requested(DropRequest): chips dropped on a day or slot.
    unschedule_requested(list): chips dropped on the backlog.
    """

    open_requested = Signal(int)
    new_post_requested = Signal(object)
    drop_requested = Signal(object)
    unschedule_requested = Signal(list)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.local_zone = system_zone()
        self.model = CalendarModel(self)
        self.backlog_model = BacklogModel(self)
        self.filter = PostFilter()
        self.period: Period = period_for(ViewKind.MONTH, self.today())
        self._per_day = MIN_CHIPS_PER_DAY  # chips read per day of a month grid
        self._build()
        self._reader = PeriodReader(ws, self.month_view, self)  # neighbours read ahead
        self.relay = ChangeRelay(ws.notifier, self)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._pending: set[int] | None = set()  # posts changed since the last refresh
        self._reload_timer.timeout.connect(self._on_reload_timer_timeout)
        self._detached = False
        self.relay.posts_changed_ids.connect(self._on_relay_posts_changed_ids)
        self.relay.brands_changed.connect(self._on_relay_brands_changed)
        self.relay.accounts_changed.connect(self._reader.forget)
        self.filters.set_tag_source(ws.posts.all_tags)
        self._fill_filter_choices()  # the window calls reload() once it is built

    # ---- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.prev_button = QToolButton(self)
        self.prev_button.setText("◀")
        self.prev_button.setToolTip(self.tr("Previous (Alt+Left)"))
        self.next_button = QToolButton(self)
        self.next_button.setText("▶")
        self.next_button.setToolTip(self.tr("Next (Alt+Right)"))
        self.today_button = QPushButton(self.tr("Today"), self)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.period_label = TextLine(self, samples=_title_samples(), font=font)
        self.view_buttons = QButtonGroup(self)
        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addWidget(self.today_button)
        nav.addWidget(self.next_button)
        nav.addSpacing(12)
        nav.addWidget(self.period_label)
        nav.addStretch(1)
        for kind, label in (
            (ViewKind.MONTH, self.tr("Month")),
            (ViewKind.WEEK, self.tr("Week")),
            (ViewKind.AGENDA, self.tr("Agenda")),
        ):
            b = QPushButton(label, self)
            b.setCheckable(True)
            b.setProperty("kind", kind.value)
            self.view_buttons.addButton(b)
            nav.addWidget(b)
        self.view_buttons.buttons()[0].setChecked(True)
        nav.addSpacing(12)
        self.zone_combo = QComboBox(self)
        self.zone_combo.addItem(self.tr("Each brand's own zone"), None)
        self.zone_combo.addItem(
            self.tr("This computer: %1").replace("%1", self.local_zone), self.local_zone
        )
        self.zone_combo.setToolTip(
            self.tr("Show times in each brand's zone or in this computer's zone")
        )
        nav.addWidget(QLabel(self.tr("Times:"), self))
        nav.addWidget(self.zone_combo)

        self.filters = FilterBar(self)
        self.zone_note = TextLine(self, expanding=True)
        self.zone_note.setObjectName("zoneNote")
        self.notice = NoticeBar(self)

        self.month_view = MonthView(self)
        self.month_view.setModel(self.model)
        self._week_view: WeekView | None = None  # made when first shown (see week_view)
        self._agenda_view: AgendaView | None = None
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.month_view)

        self.backlog_view = BacklogView(self)
        self.backlog_view.setModel(self.backlog_model)
        backlog_box = QWidget(self)
        bl = QVBoxLayout(backlog_box)
        bl.setContentsMargins(0, 0, 0, 0)
        self.backlog_title = QLabel(self)
        bold = self.backlog_title.font()  # a font, not a style sheet: see WelcomePanel
        bold.setBold(True)
        self.backlog_title.setFont(bold)
        self.backlog_title.setContentsMargins(2, 4, 2, 4)
        self.backlog_title.setText(self.tr("Backlog"))  # its count once it is read
        self.backlog_view.waiting = True  # no "empty" message before the first read
        bl.addWidget(self.backlog_title)
        bl.addWidget(self.backlog_view)
        self.queue_button = QPushButton(self.tr("Add to queue"), self)
        self.queue_button.setToolTip(
            self.tr("Put the selected ready posts in their brand's next free slots")
        )
        bl.addWidget(self.queue_button)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(backlog_box)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 900])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(nav)
        layout.addWidget(self.filters)
        layout.addWidget(self.zone_note)
        layout.addWidget(self.notice)
        layout.addWidget(splitter, 1)

        self.prev_button.clicked.connect(self.go_previous)
        self.next_button.clicked.connect(self.go_next)
        self.today_button.clicked.connect(self.go_today)
        self.view_buttons.buttonClicked.connect(self._on_view_buttons_clicked)
        self.zone_combo.currentIndexChanged.connect(self._on_zone_combo_changed)
        self.filters.filter_changed.connect(self._on_filters_changed)
        self._connect_chip_view(self.month_view)
        self.month_view.day_activated.connect(self._on_month_view_day_activated)
        self.month_view.room_changed.connect(self._on_month_view_room_changed)
        self.backlog_view.open_requested.connect(self.open_requested)
        self.backlog_model.unschedule_requested.connect(self.unschedule_requested)

    def _connect_chip_view(self, view: ChipView) -> None:
        view.move_requested.connect(self.drop_requested)
        view.open_requested.connect(self.open_requested)
        view.new_post_requested.connect(self.new_post_requested)

    @property
    def week_view(self) -> WeekView:
        """The week view, made when first needed: the window opens on the month, and
        building views nobody looks at would only delay its first paint."""
        if self._week_view is None:
            view = self._week_view = WeekView(self)
            view.setModel(self.model)
            view.setSelectionModel(self.month_view.selectionModel())
            view.set_period(self.period, self.today(), relayout=False)
            view.itemDelegate().cut_ids = set(self.month_view.itemDelegate().cut_ids)  # type: ignore[attr-defined]
            self._connect_chip_view(view)
            self.stack.addWidget(view)
            view.relayout()
        return self._week_view

    @property
    def agenda_view(self) -> AgendaView:
        """The agenda, made when first needed (see ``week_view``)."""
        if self._agenda_view is None:
            view = self._agenda_view = AgendaView(self)
            view.setModel(self.model)
            view.setSelectionModel(self.month_view.selectionModel())
            view.set_today(self.today())
            view.open_requested.connect(self.open_requested)
            self.stack.addWidget(view)
        return self._agenda_view

    def _chip_views(self) -> list[ChipView]:
        return [v for v in (self.month_view, self._week_view) if v is not None]

    # ---- state ----------------------------------------------------------------------------

    def view_tz(self) -> str | None:
        tz: str | None = self.zone_combo.currentData()
        return tz

    def today(self) -> date:
        tz = getattr(self, "local_zone", None) or system_zone()
        return to_wall(self.ws.clock.now(), tz).date()

    def current_view(self) -> ChipView | AgendaView:
        widget = self.stack.currentWidget()
        assert isinstance(widget, (ChipView, AgendaView))
        return widget

    def backlog_selected_ids(self) -> list[int]:
        rows = self.backlog_view.selectionModel().selectedRows()
        return [self.backlog_model.post_at(i.row()).id for i in sorted(rows, key=lambda i: i.row())]

    def selected_ids(self) -> list[int]:
        if self.backlog_view.hasFocus():
            return self.backlog_selected_ids()
        sel = self.month_view.selectionModel()
        ids = [self.model.post_at(i.row()).id for i in sel.selectedIndexes()]
        current = sel.currentIndex()
        if current.isValid() and sel.isSelected(current):
            cid = self.model.post_at(current.row()).id
            ids.sort(key=lambda i: 0 if i == cid else 1)
        return ids

    def cursor_slot(self) -> SlotRequest | None:
        view = self.current_view()
        if isinstance(view, ChipView) and view.cursor_day is not None:
            return SlotRequest(view.cursor_day, view.cursor_time)
        return None

    def set_view(self, kind: ViewKind) -> None:
        for b in self.view_buttons.buttons():
            b.setChecked(b.property("kind") == kind.value)
        view = {ViewKind.MONTH: self.month_view, ViewKind.WEEK: self.week_view}.get(
            kind, self.agenda_view
        )
        self.stack.setCurrentWidget(view)
        self.period = period_for(kind, self.period.anchor)
        self.reload(backlog=False)

    def show_day(self, day: date, kind: ViewKind = ViewKind.WEEK) -> None:
        self.period = period_for(kind, day)
        self.set_view(kind)
        self.week_view.cursor_day = day

    # ---- navigation -----------------------------------------------------------------------

    @Slot()
    def go_previous(self) -> None:
        self.period = shift(self.period, -1)
        self.reload(backlog=False)

    @Slot()
    def go_next(self) -> None:
        self.period = shift(self.period, 1)
        self.reload(backlog=False)

    @Slot()
    def go_today(self) -> None:
        self.period = period_for(self.period.kind, self.today())
        self.reload(backlog=False)

    def go_to(self, day: date) -> None:
        self.period = period_for(self.period.kind, day)
        self.reload(backlog=False)

    # ---- loading --------------------------------------------------------------------------

    @Slot()
    def reload(self, backlog: bool = True) -> None:
        """Read the visible range (one lean query) and the backlog; keep the selection.

        Moving to another period leaves the backlog as it is (``backlog=False``): it does
        not depend on the period, and only a change to posts or filters changes it.
        """
        selected = set(self.selected_ids())
        tz = self.view_tz()
        today = self.today()
        for v in self._chip_views():
            v.set_period(self.period, today, relayout=False)
        self._read_period(tz)  # the views lay out once, on the model reset
        if backlog:
            self._read_backlog(tz)
        if self._agenda_view is not None:
            self._agenda_view.set_today(today)
        self._restore_selection(selected)
        self._refresh_labels(self.model.total())
        self._refresh_free_slots(tz)

    def start_reading_ahead(self) -> None:
        """The window has painted: the neighbouring periods may be read from now on (a
        slow machine could otherwise read them before the window's first paint)."""
        self._reader.ahead.release()

    def read_backlog(self) -> None:
        """Read the backlog if no reload has read it yet (the window's start leaves it
        for the turn after its first paint; until then its panel shows nothing)."""
        if self.backlog_view.waiting:
            self._read_backlog(self.view_tz())
            self._refresh_labels(self.model.total())

    def _read_backlog(self, tz: str | None) -> None:
        self.backlog_model.set_rows(self.ws.posts.backlog(self.filter), tz)
        if self.backlog_view.waiting:
            self.backlog_view.waiting = False
            self.backlog_view.viewport().update()

    def _refresh_free_slots(self, tz: str | None) -> None:
        """Give the week view the period's free posting slots (drop targets)."""
        if self._week_view is None:
            return
        if self.period.kind != ViewKind.WEEK:
            self._week_view.set_free_slots(())
            return
        from cmplanner.services.slots import SlotService

        brands = {b.id: b for b in self.ws.brands.all()}
        wanted = [i for i in brands if not self.filter.brand_ids or i in self.filter.brand_ids]
        start, end = self.period.utc_span()
        free = SlotService(self.ws.sessions, self.ws.notifier, self.ws.clock).free(
            wanted, start, end
        )
        label = self.tr("free slot")
        shown = []
        for o in free:
            wall = o.wall if tz is None else to_wall(o.utc, tz)
            brand = brands[o.brand_id]
            text = label if len(wanted) == 1 else f"{label} · {brand.name}"
            shown.append(FreeSlot(wall.date(), wall.time(), brand.color, text))
        self._week_view.set_free_slots(tuple(shown))

    def _read_period(self, tz: str | None) -> None:
        """Fill the model with the period's posts.

        A month grid shows a few chips per day and "+N more": only each day's first
        chips are read, with every day's count (a big month is thousands of posts).
        Week and agenda show every post of their period. An answer read ahead since the
        last change is shown as it is; the neighbouring periods are read ahead next.
        """
        if self.period.kind == ViewKind.MONTH:
            shown = self.month_view.isVisible()  # hidden, it has no size to go by yet
            self._per_day = (shown and self.month_view.chips_per_day()) or MIN_CHIPS_PER_DAY
        per_day = self._per_day if self.period.kind == ViewKind.MONTH else 0
        rows, counts = self._reader.read(self.period, self.filter, tz, per_day)
        self.model.set_rows(rows, tz, keep=self.period.contains, counts=counts)

    def detach(self) -> None:
        """The window closes: hear no more changes, and drop a reload already due (the
        database may be gone by the time the event loop turns again)."""
        self.relay.detach()
        self._reload_timer.stop()
        self._reader.stop()
        self._detached = True

    @Slot(list)
    def _on_relay_posts_changed_ids(self, ids: list[int]) -> None:
        if self._detached:  # queued from another thread before detach()
            return
        self._reader.forget()
        if not ids or self._pending is None:
            self._pending = None  # anything may have changed: read the whole period
        else:
            self._pending.update(ids)
        self._reload_timer.start()

    @Slot()
    def _on_reload_timer_timeout(self) -> None:
        pending, self._pending = self._pending, set()
        if pending is None or len(pending) > 200:
            self.reload()
        elif pending:
            self.refresh_posts(pending)

    def refresh_posts(self, ids: set[int]) -> None:
        """Re-read only the posts that changed (a drop, a save) and update both lists."""
        selected = set(self.selected_ids())
        tz = self.view_tz()
        fresh = self.ws.posts.rows_by_id(self.filter, sorted(ids))
        if self.model.is_partial():  # a month grid: re-read the days that changed
            self._refresh_days(ids, fresh, tz)
        else:
            rows = [r for r in self.model.rows() if r.id not in ids] + fresh
            self.model.set_rows(rows, tz, keep=self.period.contains)
        unscheduled = [r for r in fresh if r.local_at is None]
        listed = self.backlog_model.ids()
        if unscheduled or not ids.isdisjoint(listed):  # else the backlog did not change
            backlog = [r for r in self.backlog_model.rows() if r.id not in ids] + unscheduled
            self.backlog_model.set_rows(backlog, tz)
        self._restore_selection(selected)
        self._refresh_labels(self.model.total())
        self._refresh_free_slots(tz)

    def _refresh_days(self, ids: set[int], fresh: list[PostRow], tz: str | None) -> None:
        """Re-read the first chips and the counts of the days these posts left or joined.

        A post that is not a row of the grid (hidden behind "+N more", or new) may have
        left any day: then the whole period is read again.
        """
        old_days = self.model.days_of(ids)
        if len(old_days) < len(ids):
            self._read_period(tz)
            return
        days = set(old_days.values())
        for row in fresh:
            wall = self.model.wall_of(row, tz)
            if wall is not None and self.period.contains(wall.date()):
                days.add(wall.date())
        if len(days) > 7:
            self._read_period(tz)
            return
        kept = [r for r in self.model.rows() if r.id not in ids]
        kept_days = self.model.days_of([r.id for r in kept])
        rows = [r for r in kept if kept_days.get(r.id) not in days]
        counts = {d: n for d, n in self.model.day_counts().items() if d not in days}
        for day in sorted(days):
            got = self.ws.posts.day_rows(self.filter, day, day, tz, self._per_day)
            rows += got.rows
            counts.update(got.counts)
        self.model.set_rows(rows, tz, keep=self.period.contains, counts=counts)

    def _restore_selection(self, ids: set[int]) -> None:
        if not ids:
            return
        selection = QItemSelection()
        for pid in ids:
            row = self.model.row_of(pid)
            if row >= 0:
                idx = self.model.index(row, 0)
                selection.select(idx, idx)
        self.month_view.selectionModel().select(
            selection, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    def _refresh_labels(self, count: int) -> None:
        loc = QLocale()
        p = self.period
        if p.kind == ViewKind.WEEK:
            first = loc.toString(qdate(p.first), "d MMM")
            title = f"{first} – {loc.toString(qdate(p.last), 'd MMM yyyy')}"
        else:
            title = loc.toString(qdate(p.anchor), "MMMM yyyy")
        self.period_label.setText(title)
        tz = self.view_tz()
        where = (
            self.tr("Times are shown in each brand's own time zone.")
            if tz is None
            else self.tr("Times are shown in this computer's zone, %1.").replace("%1", tz)
        )
        self.zone_note.setText(where + "  " + self.tr("%n post(s) in view.", "", count))
        if not self.backlog_view.waiting:
            self.backlog_title.setText(
                self.tr("Backlog (%1)").replace("%1", str(self.backlog_model.rowCount()))
            )

    # ---- slots ----------------------------------------------------------------------------

    @Slot()
    def _on_view_buttons_clicked(self, button: QPushButton) -> None:
        self.set_view(ViewKind(button.property("kind")))

    @Slot(int)
    def _on_zone_combo_changed(self, _index: int) -> None:
        self.reload(backlog=False)

    @Slot(object)
    def _on_filters_changed(self, flt: PostFilter) -> None:
        self.filter = flt
        self.reload()

    @Slot(object)
    def _on_month_view_day_activated(self, day: date) -> None:
        self.show_day(day, ViewKind.WEEK)

    @Slot(int)
    def _on_month_view_room_changed(self, room: int) -> None:
        if self.period.kind == ViewKind.MONTH and room > self._per_day:
            self.reload(backlog=False)  # taller cells show more of each day's chips

    @Slot()
    def _on_relay_brands_changed(self) -> None:
        self._reader.forget()
        self._fill_filter_choices()
        self._reload_timer.start()

    def _fill_filter_choices(self) -> None:
        self.filters.set_brands(self.ws.brands.all())
