"""The app side of the cold-start figure: cmplanner's window, built as ``run_window`` does.

Same steps as ``cmplanner.__main__`` (``cli.run``, which finds no command) then
``cmplanner.app.run_window`` (the garbage collector paused until the first paint,
the UI package (PySide6, its import hook quickened), the window's argument parser,
logging, Qt message routing, QApplication, workspace,
crash handler, MainWindow with its publisher thread and plan watch (both started by the
window after its first paint), show, recovery offer and the secret store's passphrase
check after the first paint),
except that the workspace gets a FixedClock so "today" is the bench's. Reports once
the month view's viewport has painted for the first time.

    python bench/app_window.py --home DIR --now 2026-11-10T10:00:00+00:00

Prints one JSON line: ``{"rows": N, "rss_kb": K, "cpu_ms": C, "modules": [...]}`` at first
paint, as ``floor_window.py`` does.
"""

from __future__ import annotations

import gc
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

# Measured like the real entry point: cmplanner.__main__ -> cli.run -> app.run_window,
# with the garbage collector paused from the start to the first paint as __main__ does.
gc.disable()
from cmplanner.cli import build_window_parser, run  # noqa: E402

if TYPE_CHECKING:
    from cmplanner.services.publisher import Publisher

import cmplanner.ui  # noqa: E402,F401  (as run_window: PySide6, its import hook quickened)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from floor_window import (  # noqa: E402  (stdlib, sqlalchemy, Qt)
    FirstPaint,
    cpu_ms,
    rss_kb,
    watched_modules,
)


def main(argv: list[str] | None = None) -> int:
    raw = list(sys.argv[1:] if argv is None else argv)
    now_text = raw.pop(raw.index("--now") + 1)
    raw.remove("--now")
    if run(raw) != -1:  # as cmplanner.__main__: no command, so the window
        raise SystemExit("app_window.py: the arguments name a command")
    args = build_window_parser().parse_args(raw)

    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from cmplanner import __version__
    from cmplanner.app import RESUME_COLLECTION_MS, resume_collection
    from cmplanner.domain.clock import FixedClock
    from cmplanner.logsetup import setup_logging
    from cmplanner.paths import resolve_paths
    from cmplanner.services.workspace import open_workspace
    from cmplanner.ui.crash import install_crash_handler
    from cmplanner.ui.qtlog import install_qt_log

    paths = resolve_paths(args.home)
    paths.ensure()
    setup_logging(paths.logs)
    install_qt_log()
    app = QApplication([sys.argv[0]])
    app.setApplicationName("cmplanner")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("cmplanner")
    try:
        from cmplanner.resources import app_icon_path

        app.setWindowIcon(QIcon(str(app_icon_path())))
    except (ImportError, OSError):
        pass
    ws = open_workspace(paths, args.db, clock=FixedClock(datetime.fromisoformat(now_text)))
    install_crash_handler()
    from cmplanner.ui.main_window import MainWindow
    from cmplanner.ui.plan_watch_glue import PlanWatchGlue
    from cmplanner.ui.publisher_worker import PublisherRunner

    def make_publisher() -> Publisher:  # called on the publisher's thread, as run_window does
        from cmplanner.services.publisher import publisher_for

        return publisher_for(ws)

    window = MainWindow(
        ws,
        publisher=PublisherRunner(make_publisher),
        plan_watch=PlanWatchGlue(ws.engine, ws.notifier),
    )

    def report() -> None:
        out = {
            "rows": window.calendar.model.rowCount(),
            "rss_kb": rss_kb(),
            "cpu_ms": cpu_ms(),
            "modules": watched_modules(),
        }
        print(json.dumps(out), flush=True)
        window.close()
        app.quit()

    hook = FirstPaint(window.calendar.month_view.viewport(), report)
    window.show()
    window.first_painted.connect(resume_collection)
    QTimer.singleShot(RESUME_COLLECTION_MS, resume_collection)
    window.first_painted.connect(window.offer_recovery)

    def ask_passphrase() -> None:
        from cmplanner.ui.keyring_choice import ask_passphrase_at_start

        ask_passphrase_at_start(ws.credentials, window)

    window.first_painted.connect(ask_passphrase)
    code = app.exec()
    del hook
    ws.close()
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
