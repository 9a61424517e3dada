"""Composition root for the window: paths -> logging -> workspace -> window."""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from cmplanner import __version__
from cmplanner.domain.errors import KnownError

if TYPE_CHECKING:
    from cmplanner.services.publisher import Publisher

log = logging.getLogger(__name__)

#: The collector comes back on this long after the window is shown even if it never paints.
RESUME_COLLECTION_MS = 10_000


def resume_collection() -> None:
    """Turn the cyclic garbage collector back on after the start (``__main__`` paused it).

    What the start made lives as long as the app: frozen first, so later collections
    skip it instead of walking it every time.
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def run_window(argv: Sequence[str]) -> int:
    # The UI package first: it loads PySide6 and quickens the check PySide6's import hook
    # makes of every module imported after it (cmplanner.ui.feature_check).
    import cmplanner.ui  # noqa: F401
    from cmplanner.cli import build_window_parser

    args = build_window_parser().parse_args(list(argv))
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from cmplanner.logsetup import setup_logging
    from cmplanner.paths import resolve_paths
    from cmplanner.services.workspace import open_workspace
    from cmplanner.ui.crash import install_crash_handler
    from cmplanner.ui.qtlog import install_qt_log

    paths = resolve_paths(args.home)
    paths.ensure()
    setup_logging(paths.logs)
    install_qt_log()
    log.info("cmplanner %s starting", __version__)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "cmplanner"])
    assert isinstance(app, QApplication)
    app.setApplicationName("cmplanner")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("cmplanner")
    try:
        from cmplanner.resources import app_icon_path

        app.setWindowIcon(QIcon(str(app_icon_path())))
    except (ImportError, OSError):
        pass
    try:
        ws = open_workspace(paths, args.db)
    except KnownError as exc:
        log.error("cannot open workspace: %s", exc)
        print(f"cmplanner: {exc.message}\n  {exc.hint}", file=sys.stderr)
        if not args.self_test:
            box = QMessageBox(QMessageBox.Icon.Critical, "cmplanner", exc.message)
            box.setInformativeText(exc.hint)
            box.exec()
        return 1
    install_crash_handler()
    from cmplanner.ui.main_window import MainWindow
    from cmplanner.ui.plan_watch_glue import PlanWatchGlue
    from cmplanner.ui.publisher_worker import PublisherRunner

    def make_publisher() -> Publisher:  # called on the publisher's thread
        from cmplanner.services.publisher import publisher_for

        return publisher_for(ws)

    window = MainWindow(
        ws,
        publisher=PublisherRunner(make_publisher),
        plan_watch=PlanWatchGlue(ws.engine, ws.notifier),  # others' changes refresh the plan
    )
    window.show()
    window.first_painted.connect(resume_collection)
    QTimer.singleShot(RESUME_COLLECTION_MS, resume_collection)
    if args.self_test:
        QTimer.singleShot(300, window.close)
        QTimer.singleShot(400, app.quit)
    else:  # once the calendar is on screen
        window.first_painted.connect(window.offer_recovery)

        # An encrypted file chosen for secrets: its passphrase is asked again at each start.
        def ask_passphrase() -> None:
            from cmplanner.ui.keyring_choice import ask_passphrase_at_start

            ask_passphrase_at_start(ws.credentials, window)

        window.first_painted.connect(ask_passphrase)
    code = app.exec()
    ws.close()
    log.info("cmplanner stopped (%s)", code)
    return int(code)
