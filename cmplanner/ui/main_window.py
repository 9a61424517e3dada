"""The main window: menus, the calendar tab, undo, and the dialogs it opens.

The window paints its calendar first: the backlog is read, and the publishing desk
(notices, tray, status), the import and backup actions and the Inbox and Charts tabs
(and their background syncs) built, right after the first paint (each sooner if
something asks for it).
"""

from __future__ import annotations

import logging
from datetime import datetime, time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cmplanner import __version__
from cmplanner.domain.errors import KnownError
from cmplanner.domain.periods import ViewKind
from cmplanner.services.workspace import Workspace
from cmplanner.ui.calendar.chip_view import DropRequest, SlotRequest
from cmplanner.ui.calendar_page import CalendarPage
from cmplanner.ui.errors import show_error
from cmplanner.ui.first_paint import FirstPaint
from cmplanner.ui.plan_watch_glue import PlanWatchGlue
from cmplanner.ui.planning_conflicts import shown_rows
from cmplanner.ui.planning_controller import PlanningController
from cmplanner.ui.publisher_worker import PublisherRunner
from cmplanner.ui.welcome_panel import WelcomePanel

if TYPE_CHECKING:
    from cmplanner.ui.charts_tab import ChartsTab
    from cmplanner.ui.inbox_alerts import CrisisAlerts
    from cmplanner.ui.inbox_tab import InboxTab
    from cmplanner.ui.publish_desk import PublishDesk
    from cmplanner.ui.transfer_actions import TransferActions

log = logging.getLogger(__name__)

DEFAULT_TIME = time(9, 0)


class MainWindow(QMainWindow):
    """Signals:
    first_painted(): the calendar painted once; publisher, plan watch and other tabs started.
    """

    first_painted = Signal()

    def __init__(
        self,
        ws: Workspace,
        parent: QWidget | None = None,
        *,
        publisher: PublisherRunner | None = None,
        plan_watch: PlanWatchGlue | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle(self.tr("cmplanner"))
        self.resize(1280, 800)
        self.controller = PlanningController(
            ws.planning, self, posts=ws.posts, notifier=ws.notifier
        )
        self.calendar = CalendarPage(ws, self)
        self.controller.seen = shown_rows(self.calendar)  # a drag of a stale chip: conflict
        self.welcome = WelcomePanel(self)
        self.tabs = QTabWidget(self)
        page = QWidget(self)
        col = QVBoxLayout(page)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.welcome)
        col.addWidget(self.calendar, 1)
        self.tabs.addTab(page, self.tr("Calendar"))
        # Inbox and Charts: empty pages until built (after the first paint, or on demand).
        self._inbox: InboxTab | None = None
        self._charts: ChartsTab | None = None
        self.crisis_alerts: CrisisAlerts | None = None
        self._inbox_page = QWidget(self)
        self._charts_page = QWidget(self)
        self.tabs.addTab(self._inbox_page, self.tr("Inbox"))
        self.tabs.addTab(self._charts_page, self.tr("Charts"))
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        central = QWidget(self)
        self._central_col = QVBoxLayout(central)  # the publishing notices go on top
        self._central_col.setContentsMargins(0, 0, 0, 0)
        self._central_col.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.statusBar()  # there from the first paint: the calendar keeps its height
        self._cut_ids: list[int] = []
        self._open_dialogs: list[QWidget] = []
        # Built after the first paint (or when asked for): see publishing and transfer.
        self._publishing: PublishDesk | None = None
        self._transfer: TransferActions | None = None
        self.publisher = publisher
        self._build_actions()
        self._connect()
        self._refresh_empty_state()
        self.calendar.reload(backlog=False)  # the backlog: on the turn after the first paint
        # Both threads start after the first paint (_after_paint), live as long as the window.
        if publisher is not None:
            publisher.setParent(self)
        self.plan_watch = plan_watch
        if plan_watch is not None:  # changes made elsewhere refresh the calendar
            plan_watch.setParent(self)
            plan_watch.problem_changed.connect(self._on_plan_watch_problem_changed)
        self._painted = False
        self._first_paint = FirstPaint(self.calendar.month_view.viewport(), self._after_paint)

    # ---- what is built after the first paint ----------------------------------------------

    @property
    def publishing(self) -> PublishDesk:
        """The publishing desk: notices above the tabs, tray, status, log (built on first
        use); it listens to the publisher's worker, so it is built before that starts."""
        if self._publishing is None:
            from cmplanner.ui.publish_desk import PublishDesk

            desk = PublishDesk(self.ws, self.publisher, self)
            desk.open_post_requested.connect(self.open_post)
            desk.accounts_requested.connect(self.manage_accounts)
            self.calendar.model.tooltip_note = desk.chip_note
            self._central_col.insertWidget(0, desk.notices)
            self._publishing = desk
        return self._publishing

    @property
    def transfer(self) -> TransferActions:
        """File ▸ Import posts (CSV)… / Restore from backup…, and the daily database copy
        (built on first use)."""
        if self._transfer is None:
            from cmplanner.ui.transfer_actions import TransferActions

            self._transfer = TransferActions(
                self, self.ws, daily_backups=self.publisher is not None
            )
        return self._transfer

    @property
    def inbox(self) -> InboxTab:
        """The Inbox tab (built on first use); its background sync starts with it."""
        if self._inbox is None:
            from cmplanner.ui.inbox_alerts import attach_inbox
            from cmplanner.ui.inbox_tab import InboxTab

            self._inbox = InboxTab(self.ws, self)
            self._place_tab(self._inbox_page, self._inbox, self.tr("Inbox"))
            self.crisis_alerts = attach_inbox(  # background sync; crisis notices and tray
                self.tabs, self._inbox, self.publishing.notices, self.publishing.tray
            )
            if self.publisher is not None:  # a waiting reply the publisher sent
                self.publisher.reply_sent.connect(self._inbox.on_published_reply)
        return self._inbox

    @property
    def charts(self) -> ChartsTab:
        """The Charts tab (built on first use; matplotlib loads when it is first shown).
        Its metrics sync timer starts with it."""
        if self._charts is None:
            from cmplanner.ui.charts_tab import ChartsTab

            self._charts = ChartsTab(self.ws, self)
            self._charts.open_requested.connect(self.open_post)
            self._place_tab(self._charts_page, self._charts, self.tr("Charts"))
        return self._charts

    def _place_tab(self, placeholder: QWidget, widget: QWidget, label: str) -> None:
        index = self.tabs.indexOf(placeholder)
        was_current = self.tabs.currentIndex() == index
        self.tabs.insertTab(index, widget, label)
        if was_current:
            self.tabs.setCurrentIndex(index)
        self.tabs.removeTab(index + 1)
        placeholder.deleteLater()

    @Slot(int)
    def _on_tabs_current_changed(self, index: int) -> None:
        page = self.tabs.widget(index)
        if page is self._inbox_page and self._inbox is None:
            _ = self.inbox
        elif page is self._charts_page and self._charts is None:
            _ = self.charts

    @Slot()
    def _after_paint(self) -> None:
        if self._painted:
            return
        self._painted = True
        self.calendar.read_backlog()
        self.calendar.start_reading_ahead()
        _ = self.publishing, self.transfer  # the desk before the worker it listens to
        for thread in (self.publisher, self.plan_watch):  # not before: they'd slow the start
            if thread is not None:
                thread.start()
        _ = self.inbox, self.charts  # their background syncs start now
        self.first_painted.emit()

    # ---- actions --------------------------------------------------------------------------

    def _action(
        self,
        menu: object,
        text: str,
        slot: object,
        *keys: QKeySequence | QKeySequence.StandardKey | str,
    ) -> QAction:
        action = QAction(text, self)
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(slot)
        menu.addAction(action)  # type: ignore[attr-defined]
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.new_action = self._action(
            file_menu, self.tr("&New post…"), self.new_post, QKeySequence.StandardKey.New
        )
        self.brands_action = self._action(file_menu, self.tr("Manage &brands…"), self.manage_brands)
        self.accounts_action = self._action(file_menu, self.tr("&Accounts…"), self.manage_accounts)
        self.library_action = self._action(
            file_menu, self.tr("&Hashtag groups and templates…"), self.manage_library
        )
        self.report_action = self._action(
            file_menu, self.tr("Client &report (PDF)…"), self._on_report_action_triggered
        )
        self.approval_export_action = self._action(
            file_menu, self.tr("Export approval &pack…"), self.export_approval_pack
        )
        self.approval_import_action = self._action(
            file_menu, self.tr("&Import client decisions…"), self.import_client_decisions
        )
        self.sample_action = self._action(
            file_menu, self.tr("Load &sample workspace"), self.load_sample
        )
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)

        edit = bar.addMenu(self.tr("&Edit"))
        stack = self.controller.undo_stack
        self.undo_action = stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        self.redo_action = stack.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        self.cut_action = self._action(edit, self.tr("Cu&t post"), self.cut_posts, "Ctrl+X")
        self.paste_action = self._action(
            edit, self.tr("&Paste post on selected day"), self.paste_posts, "Ctrl+V"
        )
        self.move_action = self._action(edit, self.tr("&Move to…"), self.move_dialog, "Ctrl+M")
        self.unschedule_action = self._action(
            edit, self.tr("&Unschedule (to backlog)"), self.unschedule_selected, "Ctrl+Shift+U"
        )
        self.open_action = self._action(edit, self.tr("&Edit post…"), self.edit_selected, "Ctrl+E")
        self.queue_action = self._action(
            edit, self.tr("Add to &queue (next free slot)"), self.queue_selected, "Ctrl+Shift+Q"
        )

        view = bar.addMenu(self.tr("&View"))
        self._action(
            view, self.tr("&Month"), lambda: self.calendar.set_view(ViewKind.MONTH), "Ctrl+1"
        )
        self._action(
            view, self.tr("&Week"), lambda: self.calendar.set_view(ViewKind.WEEK), "Ctrl+2"
        )
        self._action(
            view, self.tr("&Agenda"), lambda: self.calendar.set_view(ViewKind.AGENDA), "Ctrl+3"
        )
        view.addSeparator()
        self._action(view, self.tr("&Previous period"), self.calendar.go_previous, "Alt+Left")
        self._action(view, self.tr("&Next period"), self.calendar.go_next, "Alt+Right")
        self._action(view, self.tr("&Today"), self.calendar.go_today, "Ctrl+T")
        view.addSeparator()
        self.log_action = self._action(
            view, self.tr("Publish &log…"), self._on_log_action_triggered, "Ctrl+L"
        )

        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("&About cmplanner"), self.about)

    def _connect(self) -> None:
        cal = self.calendar
        cal.drop_requested.connect(self._on_calendar_drop_requested)
        cal.unschedule_requested.connect(self._on_calendar_unschedule_requested)
        cal.open_requested.connect(self.open_post)
        cal.new_post_requested.connect(self._on_calendar_new_post_requested)
        cal.queue_button.clicked.connect(self._on_queue_button_clicked)
        self.controller.refused.connect(self._on_controller_refused)
        self.controller.done.connect(self._on_controller_done)
        cal.relay.brands_changed.connect(self._refresh_empty_state)
        self.welcome.sample_button.clicked.connect(self.load_sample)
        self.welcome.brand_button.clicked.connect(self.manage_brands)

    # ---- planning -------------------------------------------------------------------------

    @Slot(object)
    def _on_calendar_drop_requested(self, request: DropRequest) -> None:
        self.controller.drop(request, self.calendar.view_tz())

    @Slot(list)
    def _on_calendar_unschedule_requested(self, ids: list[int]) -> None:
        self.controller.unschedule(ids)

    @Slot(str)
    def _on_controller_refused(self, message: str) -> None:
        self.calendar.notice.show_message(message, error=True)
        self.statusBar().showMessage(message, 8000)

    @Slot(str)
    def _on_controller_done(self, text: str) -> None:
        self.statusBar().showMessage(text + "  " + self.tr("(Ctrl+Z to undo)"), 5000)

    @Slot()
    def cut_posts(self) -> None:
        self._cut_ids = self.calendar.selected_ids()
        self.calendar.month_view.itemDelegate().cut_ids = set(self._cut_ids)  # type: ignore[attr-defined]
        self.calendar.week_view.itemDelegate().cut_ids = set(self._cut_ids)  # type: ignore[attr-defined]
        self.calendar.current_view().viewport().update()
        if self._cut_ids:
            self.statusBar().showMessage(
                self.tr(
                    "%n post(s) cut: select a day (arrow keys) and press Ctrl+V.",
                    "",
                    len(self._cut_ids),
                )
            )

    @Slot()
    def paste_posts(self) -> None:
        slot = self.calendar.cursor_slot()
        if not self._cut_ids or slot is None:
            self.statusBar().showMessage(
                self.tr("Cut a post first (Ctrl+X), then pick a day."), 5000
            )
            return
        if self.controller.move_to(self._cut_ids, slot.day, slot.at, self.calendar.view_tz()):
            self._cut_ids = []
            self.calendar.month_view.itemDelegate().cut_ids = set()  # type: ignore[attr-defined]
            self.calendar.week_view.itemDelegate().cut_ids = set()  # type: ignore[attr-defined]

    @Slot()
    def move_dialog(self) -> None:
        ids = self.calendar.selected_ids()
        if not ids:
            self.statusBar().showMessage(self.tr("Select a post to move first."), 5000)
            return
        post = self.ws.posts.get(ids[0])
        start = post.local_at or datetime.combine(self.calendar.today(), DEFAULT_TIME)
        zone_text = self.calendar.view_tz() or post.timezone
        from cmplanner.ui.move_dialog import MoveDialog  # a dialog: made when first needed

        dialog = MoveDialog(start, zone_text, self)
        if dialog.exec() == MoveDialog.DialogCode.Accepted:
            when = dialog.chosen()
            self.controller.move_to(ids, when.date(), when.time(), self.calendar.view_tz())

    @Slot()
    def _on_queue_button_clicked(self) -> None:
        self._queue(self.calendar.backlog_selected_ids())

    @Slot()
    def queue_selected(self) -> None:
        self._queue(self.calendar.selected_ids())

    def _queue(self, ids: list[int]) -> None:
        from cmplanner.services.slots import SlotService

        if not ids:
            self.statusBar().showMessage(self.tr("Select a ready post in the backlog."), 5000)
            return
        slots = SlotService(self.ws.sessions, self.ws.notifier, self.ws.clock)
        self.controller.queue(slots, ids)

    @Slot()
    def unschedule_selected(self) -> None:
        ids = self.calendar.selected_ids()
        if ids:
            self.controller.unschedule(ids)

    # ---- posts and brands -----------------------------------------------------------------

    @Slot()
    def edit_selected(self) -> None:
        ids = self.calendar.selected_ids()
        if ids:
            self.open_post(ids[0])

    @Slot(int)
    def open_post(self, post_id: int) -> None:
        self._open_composer(post_id=post_id)

    @Slot()
    def new_post(self) -> None:
        slot = self.calendar.cursor_slot()
        self._open_composer(local_at=None if slot is None else self._slot_time(slot))

    @Slot(object)
    def _on_calendar_new_post_requested(self, slot: SlotRequest) -> None:
        self._open_composer(local_at=self._slot_time(slot))

    def _slot_time(self, slot: SlotRequest) -> datetime:
        return datetime.combine(slot.day, slot.at or DEFAULT_TIME)

    def _open_composer(
        self, *, post_id: int | None = None, local_at: datetime | None = None
    ) -> None:
        from cmplanner.ui.composer import ComposerDialog

        if not self.ws.brands.all():
            self.calendar.notice.show_message(
                self.tr(
                    "Create a brand first (File ▸ Manage brands), or load the sample workspace."
                ),
                error=True,
            )
            return
        brand_ids = sorted(self.calendar.filter.brand_ids)
        try:
            dialog = ComposerDialog(
                self.ws,
                post_id=post_id,
                brand_id=brand_ids[0] if brand_ids else None,
                local_at=local_at,
                parent=self,
                publishing=self.publishing,
            )
        except KnownError as exc:
            show_error(self, exc)
            return
        self._keep(dialog)
        dialog.show()

    def _keep(self, dialog: QWidget) -> None:
        self._open_dialogs.append(dialog)
        dialog.finished.connect(lambda _r, d=dialog: self._forget(d))  # type: ignore[attr-defined]

    def _forget(self, dialog: QWidget) -> None:
        if dialog in self._open_dialogs:
            self._open_dialogs.remove(dialog)

    @Slot()
    def manage_brands(self) -> None:
        from cmplanner.ui.brands_dialog import BrandsDialog

        dialog = BrandsDialog(self.ws, self)
        dialog.exec()

    @Slot()
    def manage_accounts(self) -> QWidget:
        """The accounts window (not modal): health, connect, reconnect, test, remove."""

        from cmplanner.ui.accounts_view import AccountsDialog

        dialog = AccountsDialog(self.ws, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._keep(dialog)
        dialog.show()
        return dialog

    @Slot()
    def manage_library(self) -> None:
        from cmplanner.ui.library_dialog import LibraryDialog

        brand_ids = sorted(self.calendar.filter.brand_ids)
        LibraryDialog(self.ws, brand_ids[0] if brand_ids else None, self).exec()

    @Slot()
    def export_approval_pack(self) -> QWidget:
        """A brand's period as an approval pack for the client (HTML, and a PDF)."""
        from cmplanner.ui.approvals_dialog import ExportPackDialog

        brand_ids = sorted(self.calendar.filter.brand_ids)
        dialog = ExportPackDialog(self.ws, brand_ids[0] if brand_ids else None, self)
        self._keep(dialog)
        dialog.open()
        return dialog

    @Slot()
    def import_client_decisions(self) -> QWidget:
        """Apply the file a client sent back from an approval pack."""
        from cmplanner.ui.approvals_dialog import ImportDecisionsDialog

        dialog = ImportDecisionsDialog(self.ws, self)
        self._keep(dialog)
        dialog.open()
        return dialog

    @Slot()
    def load_sample(self) -> None:
        from cmplanner.services.demo import fill_demo

        try:
            n = fill_demo(self.ws.brands, self.ws.accounts, self.ws.posts, self.ws.metrics)
        except KnownError as exc:
            show_error(self, exc)
            return
        self.statusBar().showMessage(self.tr("Sample workspace loaded: %n post(s).", "", n), 8000)
        self.calendar.go_today()

    @Slot()
    def _refresh_empty_state(self) -> None:
        empty = not self.ws.brands.all(include_archived=True)
        self.welcome.setVisible(empty)
        self.sample_action.setEnabled(empty)

    def offer_recovery(self) -> None:
        """Reopen edits a crash interrupted (the composer journals while you type)."""
        from cmplanner.ui.recovery import offer_recovery

        for dialog in offer_recovery(self, self.ws):
            self._keep(dialog)

    @Slot()
    def _on_log_action_triggered(self) -> None:
        self.publishing.show_log()

    @Slot()
    def _on_report_action_triggered(self) -> None:
        self.charts.open_report_dialog()

    @Slot()
    def about(self) -> None:
        text = self.tr("cmplanner %1 — a content planner for freelance community managers.")
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, self.tr("About cmplanner"), text.replace("%1", __version__))

    @Slot(str)
    def _on_plan_watch_problem_changed(self, message: str) -> None:
        if message:
            self.calendar.notice.show_message(message, error=True, msec=30000)

    def closeEvent(self, event: QCloseEvent) -> None:
        for dialog in list(self._open_dialogs):
            dialog.close()
        if self.plan_watch is not None:
            self.plan_watch.stop()
        if self.publisher is not None:
            self.publisher.stop()
        if self._publishing is not None:
            self._publishing.close()
        self._painted = True  # closed before the first paint's turn: build nothing more
        if self._charts is not None:
            self._charts.sync_bar.controller.stop()  # a sync in flight ends after its batch
        if self._inbox is not None:
            self._inbox.stop()
        self.calendar.detach()
        super().closeEvent(event)
