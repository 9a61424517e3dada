"""Logging to a rotating file in the log folder, with Qt's own messages routed in.

The window opens its log file after the calendar's first paint (``held=True``): until
then the records wait in memory, and they are written first, in order, when the file
opens (``open_log_file``), or at exit if it never does. Nothing is lost; the start
just does not import ``logging.handlers`` (and ``queue``) before it paints.
"""

from __future__ import annotations

import atexit
import logging
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


class HeldRecords(logging.Handler):
    """Keeps the records until the log file is open, then passes everything on to it."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.records: list[logging.LogRecord] = []
        self.forward: logging.Handler | None = None
        self._cmplanner = True

    def emit(self, record: logging.LogRecord) -> None:
        if self.forward is not None:  # a record that raced the switch to the file
            self.forward.handle(record)
            return
        # Frozen now: the arguments and the traceback may not be the same later.
        record.msg = record.getMessage()
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.exc_info = None
        self.records.append(record)


def _ours(root: logging.Logger) -> list[logging.Handler]:
    return [h for h in root.handlers if getattr(h, "_cmplanner", False)]


def setup_logging(log_dir: Path, level: int = logging.INFO, *, held: bool = False) -> Path:
    """Send the log to ``log_dir/cmplanner.log``; with ``held``, keep it in memory until
    ``open_log_file()``."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "cmplanner.log"
    root = logging.getLogger()
    for h in _ours(root):
        root.removeHandler(h)
        h.close()
    root.setLevel(level)
    if held:
        holder = HeldRecords(path)
        root.addHandler(holder)
        atexit.register(open_log_file)  # records kept so far reach the file even so
    else:
        root.addHandler(_file_handler(path))
    return path


def open_log_file() -> None:
    """Open the held log's file and write what was kept, in order (no-op if open)."""
    root = logging.getLogger()
    for holder in _ours(root):
        if not isinstance(holder, HeldRecords) or holder.forward is not None:
            continue
        handler = _file_handler(holder.path)
        with holder.lock:  # type: ignore[union-attr]  # (created by Handler.__init__)
            root.addHandler(handler)
            root.removeHandler(holder)
            for record in holder.records:
                handler.handle(record)
            holder.records.clear()
            holder.forward = handler


def _file_handler(path: Path) -> logging.Handler:
    import logging.handlers

    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(FORMAT))
    handler._cmplanner = True  # type: ignore[attr-defined]
    return handler
