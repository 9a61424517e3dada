"""Trending hashtags in the composer's Insert menu, beside the brand's hashtag groups.

The menu shows what is stored (``TrendsService.cached``: no network access when it opens);
when that is older than an hour, one refresh runs on the task runner and the next opening
shows its result.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from cmplanner.services.inbox import inbox_for
from cmplanner.services.trends import BrandTrends, TrendsService
from cmplanner.services.workspace import Workspace
from cmplanner.ui.task_runner import TaskRunner

#: Trends shown in the menu.
SHOWN = 10


class TrendSuggestions(QObject):
    """Signals:
    refreshed(int): the brand's trends were read again from the networks.
    """

    refreshed = Signal(int)

    def __init__(
        self, ws: Workspace, parent: QObject | None = None, *, service: TrendsService | None = None
    ) -> None:
        super().__init__(parent)
        self.service = service or TrendsService(inbox_for(ws))
        self.runner = TaskRunner(self)

    def fill(self, menu: QMenu, brand_id: int) -> list[QAction]:
        """Add the "Trending now" section to ``menu``; the actions that insert a tag (their
        data: ``("group", text)``, as the hashtag groups')."""
        menu.addSection(self.tr("Trending now"))
        trends = self.service.cached(brand_id)
        if trends.stale and not self.runner.busy():
            service = self.service

            def work() -> tuple[int, BrandTrends]:
                return brand_id, service.refresh(brand_id)

            self.runner.run(work, self._on_refreshed, self._on_failed)
        actions: list[QAction] = []
        for tag in trends.tags[:SHOWN]:
            if tag.accounts:
                label = self.tr("%1  (%2 posts by %3 people, last 2 days)")
                label = label.replace("%3", str(tag.accounts))
            else:
                label = self.tr("%1  (%2 posts)")
            label = label.replace("%1", tag.insert_text).replace("%2", str(tag.uses))
            action = menu.addAction(label)
            action.setData(("group", tag.insert_text))
            action.setToolTip(tag.network.label)
            actions.append(action)
        if not trends.tags:
            text = (
                self.tr("Reading trends from the networks…")
                if trends.stale
                else self.tr("No trends from this brand's networks")
            )
            menu.addAction(text).setEnabled(False)
        for problem in trends.problems:
            menu.addAction(problem).setEnabled(False)
        return actions

    @Slot(object)
    def _on_refreshed(self, result: tuple[int, BrandTrends]) -> None:
        self.refreshed.emit(result[0])

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        self.runner.report(exc)
