"""The crisis alert outside the inbox tab: a notice over the tabs (with "Open inbox" and
"Pause publishing") and a tray message where the desktop has a system tray.

The inbox tab's banner says the same thing inside the tab; this is what reaches a user who
is on the calendar when the background sync finds a crisis.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QSystemTrayIcon, QTabWidget

from cmplanner.domain.inbox import CrisisStatus
from cmplanner.services.community import CommunityService
from cmplanner.ui.inbox_tab import InboxTab
from cmplanner.ui.inbox_texts import crisis_text
from cmplanner.ui.publish_notices import NoticeButton, NoticeLevel, PublishNotices

log = logging.getLogger(__name__)

PREFIX = "crisis:"


class CrisisAlerts(QObject):
    """Shows ``CrisisStatus`` alerts as notices (and tray messages).

    Args:
        notices: the window's notice area.
        community: pauses the brand's publishing when asked.
        show_inbox: brings the inbox tab to the front.
        tray: the window's tray icon, or None (no tray: the notice alone).
    """

    def __init__(
        self,
        notices: PublishNotices,
        community: CommunityService,
        show_inbox: Callable[[], None],
        tray: QSystemTrayIcon | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.notices = notices
        self._community = community
        self._show_inbox = show_inbox
        self._tray = tray
        notices.action_triggered.connect(self._on_notices_action_triggered)

    def text(self, crisis: CrisisStatus) -> str:
        return crisis_text(crisis)

    @Slot(object)
    def show(self, crisis: CrisisStatus) -> None:
        buttons = [NoticeButton("open", self.tr("Open inbox"))]
        if not crisis.paused:
            buttons.append(NoticeButton("pause", self.tr("Pause publishing")))
        text = self.text(crisis)
        self.notices.show_notice(
            f"{PREFIX}{crisis.brand_id}", text, buttons, level=NoticeLevel.WARNING
        )
        if self._tray is not None:
            self._tray.showMessage(
                self.tr("cmplanner: possible crisis"),
                text,
                QSystemTrayIcon.MessageIcon.Warning,
                30_000,
            )
        log.info("crisis alert for brand %d shown", crisis.brand_id)

    @Slot(str, str)
    def _on_notices_action_triggered(self, key: str, action: str) -> None:
        if not key.startswith(PREFIX):
            return
        brand_id = int(key[len(PREFIX) :])
        if action == "pause":
            self._community.set_paused(brand_id, True)
            self.notices.drop(key)
            self._show_inbox()
        elif action == "open":
            self.notices.drop(key)
            self._show_inbox()


def attach_inbox(
    tabs: QTabWidget,
    inbox: InboxTab,
    notices: PublishNotices,
    tray: QSystemTrayIcon | None,
    *,
    auto_sync: bool = True,
) -> CrisisAlerts:
    """Wire the inbox tab into the window: its background sync started (the window calls
    ``inbox.stop()`` when it closes) and its crisis alerts shown over the tabs."""

    def show_inbox() -> None:
        tabs.setCurrentWidget(inbox)
        inbox.reload()

    alerts = CrisisAlerts(notices, inbox.inbox.community, show_inbox, tray, inbox)
    inbox.crisis_alerted.connect(alerts.show)
    if auto_sync:
        inbox.start_auto_sync()
    return alerts
