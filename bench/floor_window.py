"""The floor for the cold-start figure: the least a calendar window could do.

Imports ``sqlalchemy.orm`` (the app's data layer costs at least that), reads the month
view's rows with raw ``sqlite3`` from the same database file, with the same SQL shape
as the app (the 42 days of the month grid padded by 14 h either side, joined to
``brand``), then shows a bare ``QMainWindow`` and reports once it has painted.

    python bench/floor_window.py --home DIR --now 2026-11-10T10:00:00+00:00

Prints one JSON line: ``{"rows": N, "rss_kb": K, "cpu_ms": C, "modules": [...]}`` at first
paint (``cpu_ms``: the process's CPU time so far, every thread).
Stdlib, sqlalchemy and PySide6 only: it must not import cmplanner.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from time import process_time

import sqlalchemy.orm  # noqa: F401  (the cost being measured)
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

WATCHED = (
    "matplotlib",
    "requests",
    "keyring",
    "httpx",
    "urllib3",
    "aiohttp",
    "websockets",
    "http.client",
    "urllib.request",
    "ssl",
    "PySide6.QtNetwork",
)

ROWS_SQL = (
    "SELECT post.id, post.brand_id, brand.name, brand.color, post.timezone, post.state, "
    "post.text, post.local_at, post.scheduled_utc, post.tags "
    "FROM post JOIN brand ON brand.id = post.brand_id "
    "WHERE post.thread_parent_id IS NULL AND brand.archived = 0 "
    "AND post.scheduled_utc >= ? AND post.scheduled_utc < ? "
    "ORDER BY post.scheduled_utc, post.id"
)


def month_span(today: date) -> tuple[str, str]:
    """The month grid's padded UTC range as SQLAlchemy stores DateTime in SQLite."""
    first_of_month = today.replace(day=1)
    first = first_of_month - timedelta(days=first_of_month.weekday())
    start = datetime.combine(first, time(0), tzinfo=UTC) - timedelta(hours=14)
    end = datetime.combine(first + timedelta(days=42), time(0), tzinfo=UTC) + timedelta(hours=14)
    fmt = "%Y-%m-%d %H:%M:%S.%f"
    return start.strftime(fmt), end.strftime(fmt)


def cpu_ms() -> float:
    """CPU time of the whole process so far: less moved by other work on the machine."""
    return process_time() * 1000


def rss_kb() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return -1


def watched_modules() -> list[str]:
    return sorted(m for m in WATCHED if m in sys.modules)


class FirstPaint(QObject):
    """Calls ``done`` on the event loop turn after ``target`` first paints."""

    def __init__(self, target: QObject, done: object) -> None:
        super().__init__()
        self._done = done
        self._fired = False
        target.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._fired:
            self._fired = True
            QTimer.singleShot(0, self._done)  # runs once this paint has finished
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--now", required=True, help="ISO instant the calendar opens on")
    args = parser.parse_args(argv)
    today = datetime.fromisoformat(args.now).astimezone(UTC).date()
    conn = sqlite3.connect(args.home / "cmplanner.db")
    rows = conn.execute(ROWS_SQL, month_span(today)).fetchall()
    conn.close()

    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    window.setWindowTitle("floor")
    window.resize(1280, 800)

    def report() -> None:
        out = {
            "rows": len(rows),
            "rss_kb": rss_kb(),
            "cpu_ms": cpu_ms(),
            "modules": watched_modules(),
        }
        print(json.dumps(out), flush=True)
        window.close()
        app.quit()

    hook = FirstPaint(window, report)
    window.show()
    code = app.exec()
    del hook
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
