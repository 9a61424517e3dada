"""The charts tab: filters over the brand's metrics history, and the charts below them.

This module imports no matplotlib: the charts (``charts_canvas.py``) are built the first
time the tab is shown, so opening the window never pays for matplotlib.

Reading a scope and computing its series runs on the task runner's pool
(``load_chart_series``); only the drawing runs on the GUI thread. While a load runs the
tab shows a busy bar; a filter change during a load supersedes it: the running load's
result is dropped (it stops after its query) and the newest filters load next, so at
most one load runs at a time.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cmplanner.domain.enums import Network
from cmplanner.domain.errors import KnownError
from cmplanner.domain.timezones import to_utc, to_wall, zone
from cmplanner.services.metrics import ChartData, ChartScope
from cmplanner.services.workspace import Workspace
from cmplanner.ui.change_relay import ChangeRelay
from cmplanner.ui.filter_bar import CheckMenuButton
from cmplanner.ui.metrics_sync import MetricsSyncBar
from cmplanner.ui.task_runner import Task, TaskRunner

if TYPE_CHECKING:
    from cmplanner.services.chart_draw import Palette
    from cmplanner.services.metrics_series import ChartSeries
    from cmplanner.ui.charts_canvas import ChartsBody

log = logging.getLogger(__name__)

PRESETS = ("7", "30", "90", "month", "custom")


@dataclass(frozen=True)
class Range:
    first: date
    last: date  # inclusive


def preset_range(preset: str, today: date, first: date, last: date) -> Range:
    """The local days a preset covers (``first``/``last`` are the custom bounds)."""
    if preset in ("7", "30", "90"):
        return Range(today - timedelta(days=int(preset) - 1), today)
    if preset == "month":
        return Range(today.replace(day=1), today)
    return Range(min(first, last), max(first, last))


def _utc_midnight(day: date, tz: str) -> datetime:
    wall = datetime.combine(day, time(0, 0))
    try:
        return to_utc(wall, tz).utc
    except Exception:  # midnight inside a DST gap (a few zones): the zone's offset then
        return wall.replace(tzinfo=zone(tz))


class ChartsTab(QWidget):
    """Signals:
    open_requested(int): open this post in the composer.
    charts_updated(): new data was given to the charts (each renders when idle).
    loading_changed(bool): a load started (True) or the last one ended (False).
    """

    open_requested = Signal(int)
    charts_updated = Signal()
    loading_changed = Signal(bool)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.body: ChartsBody | None = None
        self.data: ChartData | None = None
        self.series: ChartSeries | None = None
        self._stale = True
        self._runner = TaskRunner(self)
        self._task: Task | None = None
        self._wanted: ChartScope | None = None
        #: Set when the running load is superseded (the worker stops after its query).
        self._superseded = threading.Event()
        self._loads = 0  # loads asked for; the running one is number self._running
        self._running = 0
        self.brands = CheckMenuButton(self.tr("Brands"), self)
        self.networks = CheckMenuButton(self.tr("Networks"), self)
        self.accounts = CheckMenuButton(self.tr("Accounts"), self)
        self.tags = CheckMenuButton(self.tr("Tags"), self)
        self.brands.set_loader(self._brand_choices)
        self.accounts.set_loader(self._account_choices)
        self.tags.set_loader(self._tag_choices)
        self.networks.set_choices((n.value, n.label) for n in Network)
        self.range = QComboBox(self)
        for key, label in zip(
            PRESETS,
            (
                self.tr("Last 7 days"),
                self.tr("Last 30 days"),
                self.tr("Last 90 days"),
                self.tr("This month"),
                self.tr("Custom…"),
            ),
            strict=True,
        ):
            self.range.addItem(label, key)
        self.range.setCurrentIndex(2)
        self.first = QDateEdit(self)
        self.last = QDateEdit(self)
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setVisible(False)
            edit.dateChanged.connect(self._on_filter_changed)
        self.goals_button = QPushButton(self.tr("Goals…"), self)
        self.goals_button.setToolTip(self.tr("Posts per week you aim for, per network"))
        self.goals_button.clicked.connect(self.open_goals_dialog)
        self.report_button = QPushButton(self.tr("Client report…"), self)
        self.report_button.clicked.connect(self.open_report_dialog)
        self.sync_bar = MetricsSyncBar(ws, self)  # Sync now + progress; runs on a timer
        self.sync_bar.synced.connect(self.reload)
        self.summary = QLabel(self)
        self.summary.setObjectName("charts_summary")
        self.summary.setWordWrap(True)
        self.busy = QProgressBar(self)
        self.busy.setObjectName("charts_busy")
        self.busy.setRange(0, 0)  # busy, no percentage
        self.busy.setMaximumSize(120, 12)
        self.busy.setTextVisible(False)
        self.busy.setToolTip(self.tr("Reading the metrics…"))
        self.busy.hide()
        row = QHBoxLayout()
        for w in (self.brands, self.networks, self.accounts, self.tags, self.range):
            row.addWidget(w)
        row.addWidget(self.first)
        row.addWidget(self.last)
        row.addStretch(1)
        row.addWidget(self.goals_button)
        row.addWidget(self.report_button)
        row.addWidget(self.sync_bar)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.placeholder = QLabel(self.tr("Loading charts…"), self)
        self.placeholder.setObjectName("charts_placeholder")
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.placeholder)
        self.pages.addWidget(self.scroll_area)
        status = QHBoxLayout()
        status.addWidget(self.summary, 1)
        status.addWidget(self.busy)
        col = QVBoxLayout(self)
        col.addLayout(row)
        col.addLayout(status)
        col.addWidget(self.pages, 1)
        for button in (self.brands, self.networks, self.accounts, self.tags):
            button.selection_changed.connect(self._on_filter_changed)
        self.range.currentIndexChanged.connect(self._on_range_changed)
        self.relay = ChangeRelay(ws.notifier, self)
        self.relay.posts_changed_ids.connect(self._on_relay_changed)
        self.relay.brands_changed.connect(self._on_relay_changed)
        self._dialogs: list[QWidget] = []

    # ---- choices -----------------------------------------------------------------------

    def _brand_choices(self) -> list[tuple[str, str]]:
        return [(str(b.id), b.name) for b in self.ws.brands.all()]

    def _account_choices(self) -> list[tuple[str, str]]:
        wanted = self._brand_ids()
        return [
            (str(a.id), f"{a.network.label} {a.handle}")
            for a in self.ws.accounts.all()
            if not wanted or a.brand_id in wanted
        ]

    def _tag_choices(self) -> list[tuple[str, str]]:
        wanted = self._brand_ids()
        tags: list[str] = []
        for b in self.ws.brands.all():
            if not wanted or b.id in wanted:
                tags += [t for t in b.tags if t not in tags]
        return [(t, f"#{t}") for t in tags]

    def _brand_ids(self) -> frozenset[int]:
        return frozenset(int(k) for k in self.brands.checked())

    # ---- scope -------------------------------------------------------------------------

    def _zone(self) -> str:
        """The zone days are counted in: the first chosen (or first) brand's."""
        brand_ids = self._brand_ids()
        brands = [b for b in self.ws.brands.all() if not brand_ids or b.id in brand_ids]
        return brands[0].timezone if brands else "UTC"

    def scope(self) -> ChartScope:
        brand_ids = self._brand_ids()
        brands = [b for b in self.ws.brands.all() if not brand_ids or b.id in brand_ids]
        tz = brands[0].timezone if brands else "UTC"
        today = to_wall(self.ws.clock.now(), tz).date()
        r = preset_range(
            str(self.range.currentData()),
            today,
            self.first.date().toPython(),  # type: ignore[arg-type]
            self.last.date().toPython(),  # type: ignore[arg-type]
        )
        return ChartScope(
            brand_ids=brand_ids or frozenset(b.id for b in brands),
            start_utc=_utc_midnight(r.first, tz),
            end_utc=min(_utc_midnight(r.last + timedelta(days=1), tz), self.ws.clock.now())
            if r.last >= today
            else _utc_midnight(r.last + timedelta(days=1), tz),
            networks=frozenset(Network(k) for k in self.networks.checked()),
            account_ids=frozenset(int(k) for k in self.accounts.checked()),
            tags=frozenset(self.tags.checked()),
            timezone=tz,
        )

    # ---- loading -----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.body is None:
            self._build_body()
        if self._stale:
            self.reload()

    def _build_body(self) -> None:
        from cmplanner.ui.charts_canvas import ChartsBody  # matplotlib: only now
        from cmplanner.ui.charts_texts import chart_texts

        self.body = ChartsBody(self._chart_palette(), chart_texts(), self)
        self.body.open_requested.connect(self.open_requested)
        self.scroll_area.setWidget(self.body)

    def _chart_palette(self) -> Palette:
        from cmplanner.services.chart_draw import DARK, LIGHT
        from cmplanner.ui.preview_widget import is_dark

        return DARK if is_dark(self.palette()) else LIGHT

    @property
    def loading(self) -> bool:
        return self._task is not None

    @Slot()
    def reload(self) -> None:
        """Read the scope's data and compute its series on a worker, then draw them here.

        A load already running is superseded: its result is dropped and this scope is
        loaded when it ends.
        """
        if self.body is None:
            self._stale = True
            return
        self._stale = False
        self._wanted = self.scope()
        self._loads += 1
        if self._task is None:
            self._start_load()
        else:
            self._superseded.set()

    def _start_load(self) -> None:
        from cmplanner.services.metrics_series import load_chart_series

        assert self._wanted is not None
        self._superseded = threading.Event()
        self._running = self._loads
        self._task = self._runner.run(
            partial(load_chart_series, self.ws.metrics, self._wanted, self._superseded.is_set),
            self._on_series_loaded,
            self._on_series_failed,
        )
        self._task.finished.connect(self._on_task_finished)
        if not self.busy.isVisible():
            self.busy.show()
            self.loading_changed.emit(True)

    @Slot(object)
    def _on_series_loaded(self, series: ChartSeries | None) -> None:
        if series is None or self._running != self._loads or self.body is None:
            return  # superseded by a newer filter
        self.series = series
        self.data = series.data
        self.body.show_series(series, self._chart_palette())
        self.pages.setCurrentWidget(self.scroll_area)
        self.summary.setText(self._summary_text(series))
        self.charts_updated.emit()

    @Slot(object)
    def _on_series_failed(self, exc: BaseException) -> None:
        if self._running != self._loads:
            return
        if isinstance(exc, KnownError):
            log.warning("charts: %s", exc.message)
            self.summary.setText(
                self.tr("The charts could not be read: %1 %2")
                .replace("%1", exc.message)
                .replace("%2", exc.hint)
            )
        else:
            self.summary.setText(self.tr("The charts could not be read."))
            self._runner.report(exc)

    @Slot()
    def _on_task_finished(self) -> None:
        self._task = None
        if self._running != self._loads:
            self._start_load()  # the newest filters
        else:
            self.busy.hide()
            self.loading_changed.emit(False)

    def _summary_text(self, series: ChartSeries) -> str:
        k = series.figures
        posts = self.tr("%n post(s)", "", k.posts)
        if k.publications > k.posts:  # some went to several accounts
            posts += " " + self.tr("(%n publication(s))", "", k.publications)
        parts = [
            posts,
            self.tr("%1 engagement").replace("%1", f"{k.engagement:,}"),
        ]
        if k.engagement_per_post is not None:
            parts.append(self.tr("%1 a post").replace("%1", f"{k.engagement_per_post:,.1f}"))
        if k.followers is not None:
            change = f" ({k.follower_change:+,})" if k.follower_change is not None else ""
            parts.append(self.tr("%1 followers").replace("%1", f"{k.followers:,}") + change)
        return " · ".join(parts)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if (
            event.type() == QEvent.Type.PaletteChange
            and self.body is not None
            and self.series is not None
        ):
            self.body.show_series(self.series, self._chart_palette())

    @Slot()
    def _on_filter_changed(self) -> None:
        self.reload()

    @Slot(int)
    def _on_range_changed(self, _index: int) -> None:
        custom = self.range.currentData() == "custom"
        if custom:  # the last 30 days by the workspace's clock, in the (first) brand's zone
            day = to_wall(self.ws.clock.now(), self._zone()).date()
            today = QDate(day.year, day.month, day.day)
            for edit, d in ((self.first, today.addDays(-29)), (self.last, today)):
                edit.blockSignals(True)
                edit.setDate(d)
                edit.blockSignals(False)
        self.first.setVisible(custom)
        self.last.setVisible(custom)
        self.reload()

    @Slot()
    def _on_relay_changed(self) -> None:
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    # ---- dialogs -----------------------------------------------------------------------

    def _current_brand_id(self) -> int | None:
        ids = sorted(self._brand_ids())
        if ids:
            return ids[0]
        brands = self.ws.brands.all()
        return brands[0].id if brands else None

    @Slot()
    def open_goals_dialog(self) -> None:
        from cmplanner.ui.charts_report import GoalsDialog

        brand_id = self._current_brand_id()
        if brand_id is None:
            return
        dialog = GoalsDialog(self.ws, brand_id, self)
        dialog.accepted.connect(self.reload)
        self._keep(dialog)

    @Slot()
    def open_report_dialog(self) -> None:
        from cmplanner.ui.charts_report import ReportDialog

        self._keep(ReportDialog(self.ws, self._current_brand_id(), self))

    def _keep(self, dialog: QWidget) -> None:
        self._dialogs = [d for d in self._dialogs if d.isVisible()]
        self._dialogs.append(dialog)
        dialog.open()  # type: ignore[attr-defined]
