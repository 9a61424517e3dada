"""The window's File menu for data that moves: import posts (CSV), restore from backup,
and the daily database copy while the window is open.

Kept out of ``main_window.py``: the window calls ``TransferActions(window, ...)`` once.
Restoring closes the window's editors and the database (the publisher is stopped for the
time it takes), keeps a copy of the current database, puts the chosen copy in its place
and reads the plan again.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from cmplanner.domain.errors import KnownError
from cmplanner.services.notifier import Topic
from cmplanner.services.transfer_backups import Backups
from cmplanner.services.workspace import Workspace
from cmplanner.ui.errors import error_box

log = logging.getLogger(__name__)

#: How often the window checks that today's copy exists (it is made once a day).
BACKUP_CHECK_MS = 60 * 60 * 1000


class TransferActions(QObject):
    """Adds File ▸ Import posts (CSV)… and File ▸ Restore from backup… to ``window``."""

    def __init__(self, window: QMainWindow, ws: Workspace, *, daily_backups: bool = False) -> None:
        super().__init__(window)
        self._window = window
        self._ws = ws
        self.backups = Backups(ws.engine, ws.paths.backups)
        self.dialog: Any = None
        menu = self._file_menu()
        anchor = next((a for a in menu.actions() if a.isSeparator()), None)
        self.import_action = QAction(self.tr("&Import posts (CSV)…"), window)
        self.import_action.triggered.connect(self.open_import)
        self.restore_action = QAction(self.tr("Restore from &backup…"), window)
        self.restore_action.triggered.connect(self.open_restore)
        self.restore_action.setEnabled(self.backups.available)
        if anchor is None:
            menu.addActions([self.import_action, self.restore_action])
        else:
            menu.insertActions(anchor, [self.import_action, self.restore_action])
        if daily_backups and self.backups.available:
            self._timer = QTimer(self)
            self._timer.setInterval(BACKUP_CHECK_MS)
            self._timer.timeout.connect(self._on_timer_timeout)
            self._timer.start()
            QTimer.singleShot(0, self._on_timer_timeout)

    def _file_menu(self) -> QMenu:
        for action in self._window.menuBar().actions():
            menu = action.menu()
            if isinstance(menu, QMenu) and action.text().replace("&", "") == self.tr("File"):
                return menu
        return self._window.menuBar().addMenu(self.tr("&File"))

    @Slot()
    def _on_timer_timeout(self) -> None:
        try:
            self.backups.ensure_daily(self._ws.clock.now())
        except KnownError as exc:  # a full disk must not stop the planning
            log.warning("daily database copy not made: %s", exc)

    @Slot()
    def open_import(self) -> Any:
        from cmplanner.ui.import_dialog import ImportDialog

        self.dialog = ImportDialog(self._ws, self._window)
        self.dialog.imported.connect(self._on_dialog_imported)
        self.dialog.open()
        return self.dialog

    @Slot(int)
    def _on_dialog_imported(self, count: int) -> None:
        self._window.statusBar().showMessage(self.tr("Imported %n post(s).", "", count), 8000)

    @Slot()
    def open_restore(self) -> Any:
        from cmplanner.ui.backup_dialog import RestoreBackupDialog

        self.dialog = RestoreBackupDialog(self.backups.all(), self._window)
        self.dialog.restore_requested.connect(self.restore)
        self.dialog.open()
        return self.dialog

    @Slot(object)
    def restore(self, path: Path) -> bool:
        window: Any = self._window
        for dialog in list(getattr(window, "_open_dialogs", [])):
            dialog.close()  # an open composer would save into the replaced database
        publisher: Any = getattr(window, "publisher", None)
        running = publisher is not None and publisher.is_running()
        if running:
            publisher.stop()
        try:
            kept = self.backups.restore(path, self._ws.clock.now())
        except KnownError as exc:
            error_box(self._window, exc).open()  # not modal: the window goes on
            return False
        finally:
            if running:
                publisher.start()
        for topic in (Topic.BRANDS, Topic.ACCOUNTS, Topic.POSTS):
            self._ws.notifier.changed(topic, ())
        self._window.statusBar().showMessage(
            self.tr("Restored %1. The plan before it is kept as %2.")
            .replace("%1", Path(path).name)
            .replace("%2", kept.name),
            15000,
        )
        return True
