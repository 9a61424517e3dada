"""Daily copies of the SQLite database, kept for a while, and restoring one.

Copies are made with SQLite's online backup API (``sqlite3.Connection.backup``), never by
copying a live file: a copy is consistent even while the window or the publisher writes.
A daily copy is named ``cmplanner-daily-YYYYMMDD.db``; the newest ``keep`` (14) stay.
Restoring first copies the current database aside (``cmplanner-before-restore-….db``),
then writes the chosen copy over it through the same API, with the workspace's engine
closed, and brings its schema up to date.

On PostgreSQL there is nothing to do here: back a shared database up with ``pg_dump``.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from cmplanner.domain.errors import DatabaseProblem, InvalidInput
from cmplanner.storage.migrate import ensure_schema

log = logging.getLogger(__name__)

KEEP_DAILY = 14
_DAILY = re.compile(r"^cmplanner-daily-(\d{8})\.db$")


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made_utc: datetime
    bytes: int
    daily: bool


def sqlite_path(engine: Engine) -> Path | None:
    """The database file, or None for a server database or an in-memory one."""
    db = engine.url.database
    if engine.url.get_backend_name() != "sqlite" or not db or db == ":memory:":
        return None
    return Path(db)


def _copy(src: Path, dest: Path) -> None:
    """SQLite's online backup from one file to another (dest replaced whole)."""
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    source = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
    try:
        out = sqlite3.connect(tmp)
        try:
            source.backup(out)
        finally:
            out.close()
    finally:
        source.close()
    tmp.replace(dest)


class Backups:
    def __init__(self, engine: Engine, folder: Path, keep: int = KEEP_DAILY) -> None:
        self._engine = engine
        self._folder = Path(folder)
        self._keep = keep

    @property
    def available(self) -> bool:
        return sqlite_path(self._engine) is not None

    def all(self) -> list[BackupFile]:
        """Every copy in the backups folder, newest first."""
        if not self._folder.is_dir():
            return []
        out = []
        for p in self._folder.glob("cmplanner-*.db"):
            st = p.stat()
            made = datetime.fromtimestamp(st.st_mtime, UTC)
            out.append(BackupFile(p, made, st.st_size, bool(_DAILY.match(p.name))))
        return sorted(out, key=lambda b: b.made_utc, reverse=True)

    def make(self, now: datetime, *, daily: bool = True) -> Path | None:
        """Copy the database now (a daily copy replaces that day's); None on PostgreSQL."""
        db = sqlite_path(self._engine)
        if db is None:
            log.info("no file backup for a server database: use pg_dump")
            return None
        self._folder.mkdir(parents=True, exist_ok=True)
        stamp = now.astimezone(UTC)
        name = (
            f"cmplanner-daily-{stamp:%Y%m%d}.db"
            if daily
            else f"cmplanner-manual-{stamp:%Y%m%dT%H%M%S}.db"
        )
        dest = self._folder / name
        try:
            _copy(db, dest)
        except sqlite3.Error as exc:
            raise DatabaseProblem(
                f"Could not copy the database to {dest}: {exc}.",
                "Check the free disk space and that the backups folder is writable.",
            ) from None
        log.info("database copied to %s", dest)
        self.prune()
        return dest

    def ensure_daily(self, now: datetime) -> Path | None:
        """Make today's copy (UTC day) unless it exists; keep the newest ``keep``."""
        if not self.available:
            return None
        today = self._folder / f"cmplanner-daily-{now.astimezone(UTC):%Y%m%d}.db"
        if today.exists():
            return None
        return self.make(now)

    def prune(self) -> list[Path]:
        daily = sorted(
            (p for p in self._folder.glob("cmplanner-daily-*.db") if _DAILY.match(p.name)),
            reverse=True,
        )
        gone = daily[self._keep :]
        for p in gone:
            p.unlink(missing_ok=True)
        return gone

    def restore(self, backup: Path, now: datetime) -> Path:
        """Replace the database with ``backup``; returns the copy kept of the current one.

        The engine is disposed first (every pooled connection closed); the caller's
        sessions open new connections on the restored file afterwards.
        """
        db = sqlite_path(self._engine)
        if db is None:
            raise InvalidInput(
                "Restoring a backup works on a local SQLite workspace only.",
                "Restore a shared PostgreSQL database with pg_restore.",
            )
        backup = Path(backup)
        _check_readable(backup)
        self._engine.dispose()
        kept = self._folder / f"cmplanner-before-restore-{now.astimezone(UTC):%Y%m%dT%H%M%S}.db"
        self._folder.mkdir(parents=True, exist_ok=True)
        _copy(db, kept)
        try:
            dest = sqlite3.connect(db)
            try:
                source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
                try:
                    source.backup(dest)
                finally:
                    source.close()
            finally:
                dest.close()
        except sqlite3.Error as exc:
            raise DatabaseProblem(
                f"Could not restore {backup.name}: {exc}. The database was not replaced.",
                f"A copy of the current database is at {kept}.",
            ) from None
        ensure_schema(self._engine, None)
        log.info("database restored from %s (the previous one kept at %s)", backup, kept)
        return kept


def _check_readable(path: Path) -> None:
    if not path.is_file():
        raise InvalidInput(f"{path} does not exist.", "Pick a file from the backups folder.")
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = con.execute("PRAGMA quick_check").fetchone()
            has = con.execute(
                "SELECT count(*) FROM sqlite_master WHERE name IN ('brand', 'post')"
            ).fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        ok, has = None, (0,)
    if not ok or ok[0] != "ok" or has[0] != 2:
        raise InvalidInput(
            f"{path.name} is not a readable cmplanner database.",
            "Pick another copy from the backups folder.",
        )
