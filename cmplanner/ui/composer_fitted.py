"""Where the composer's fitted copies live, and their cleaning up.

"Fit for <network>…" writes a cropped or resized copy of an image into a folder of its
own in the system's temporary folder, one folder per composer. Saving imports the copy
into the workspace's media library like any file, so the folder is deleted when the
composer closes (saved or dropped). A composer that never closed (the app was killed)
leaves its folder behind: the next composer deletes such folders once no unsaved edit
in the autosave journal refers to them and they have not been touched for a while
(an edit being recovered still finds its copies).
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger(__name__)

#: Name prefix of a composer's folder of fitted copies.
FITTED_PREFIX = "cmplanner-fitted-"
#: A folder no unsaved edit refers to is stale once untouched for this long (seconds).
STALE_AFTER_S = 6 * 3600


def new_fitted_folder() -> Path:
    """A private (0700) folder for one composer's fitted copies."""
    return Path(tempfile.mkdtemp(prefix=FITTED_PREFIX))


def remove_folder(folder: Path) -> None:
    """Delete a composer's folder of fitted copies (never raises: it is only a cache)."""
    shutil.rmtree(folder, ignore_errors=True)


def _last_touched(folder: Path) -> float:
    times = [folder.stat().st_mtime]
    times.extend(entry.stat().st_mtime for entry in folder.iterdir())
    return max(times)


def remove_stale_fitted(
    referenced: Iterable[Path], root: Path | None = None, now: float | None = None
) -> list[Path]:
    """Delete the stale folders of fitted copies under ``root`` (the system's temporary
    folder): ours, not holding a file in ``referenced`` (the unsaved edits' media), and
    untouched for ``STALE_AFTER_S``. Returns the folders deleted."""
    root = Path(tempfile.gettempdir()) if root is None else root
    now = time.time() if now is None else now
    keep = {Path(p).parent for p in referenced}
    removed: list[Path] = []
    try:
        candidates = sorted(root.glob(FITTED_PREFIX + "*"))
    except OSError as exc:
        log.info("cannot list %s for stale fitted copies: %s", root, exc)
        return removed
    for folder in candidates:
        try:
            if folder.is_symlink() or not folder.is_dir() or folder in keep:
                continue
            if hasattr(os, "getuid") and folder.stat().st_uid != os.getuid():
                continue  # another user's (a shared temporary folder)
            if now - _last_touched(folder) < STALE_AFTER_S:
                continue
            shutil.rmtree(folder)
        except OSError as exc:
            log.info("stale fitted copies in %s not deleted: %s", folder, exc)
            continue
        log.info("deleted stale fitted copies in %s", folder)
        removed.append(folder)
    return removed
