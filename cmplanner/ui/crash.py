"""A crash dialog for bugs: it says what happened and that the user's work is kept."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from cmplanner.domain.errors import KnownError

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("crash", text)


def crash_text(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    return "".join(traceback.format_exception(exc_type, exc, tb))


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Log the bug, then show it; the app keeps running and drafts stay autosaved."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    details = crash_text(exc_type, exc, tb)
    log.error("unhandled exception\n%s", details)
    if QApplication.instance() is None:
        sys.__excepthook__(exc_type, exc, tb)
        return
    box = QMessageBox(QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_tr("cmplanner hit a bug"))
    if isinstance(exc, KnownError):
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(exc.message)
        box.setInformativeText(exc.hint)
    else:
        box.setText(_tr("Something went wrong inside cmplanner: %1").replace("%1", str(exc)))
        box.setInformativeText(
            _tr(
                "Your drafts are saved as you type and nothing already saved was lost. "
                "You can keep working; if it happens again, restart cmplanner and send the "
                "details below (they contain no passwords) to support."
            )
        )
        box.setDetailedText(details)
    box.exec()


def install_crash_handler() -> None:
    sys.excepthook = excepthook
