"""Logging to a rotating file in the log folder, with Qt's own messages routed in."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def setup_logging(log_dir: Path, level: int = logging.INFO) -> Path:
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "cmplanner.log"
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_cmplanner", False):
            root.removeHandler(h)
            h.close()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(FORMAT))
    handler._cmplanner = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return path
