"""Small helpers every bench script shares: a median that tolerates no samples, and the
QApplication a figure runs in (made quietly when the script runs on its own)."""

from __future__ import annotations

import statistics
import sys
from typing import Any


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def qapp() -> Any:
    """The running QApplication, or a new one that hushes the offscreen plugin's notes
    (under pytest-qt the test's application is used as it is)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        from PySide6.QtCore import qInstallMessageHandler

        def quiet(_kind: Any, _ctx: Any, msg: str) -> None:
            if "propagateSizeHints" not in msg:
                print(msg, file=sys.stderr)

        qInstallMessageHandler(quiet)
        app = QApplication([sys.argv[0]])
    return app
