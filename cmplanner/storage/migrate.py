"""Bring a database to the schema this code knows, safely.

The current revision is read with one plain query so that an up-to-date database
opens without importing Alembic. An upgrade first copies the SQLite file into
``backups/``; a database stamped with a revision this code does not know (made by a
newer cmplanner) is refused with a clear message.

On PostgreSQL no copy is made (back a shared database up with ``pg_dump`` before
upgrading cmplanner: the README says so); the upgrade runs in one transaction (DDL is
transactional there) under an advisory lock, so two clients starting together upgrade
once.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DatabaseError, OperationalError

from cmplanner.domain.errors import DatabaseProblem
from cmplanner.storage.engine import describe

log = logging.getLogger(__name__)

#: The newest revision in migrations/versions; a test keeps this in step with Alembic.
HEAD_REVISION = "0009"
KNOWN_REVISIONS = frozenset(
    {"0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009"}
)
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
#: The PostgreSQL advisory lock key held while a schema upgrade runs ("cmplanner").
_UPGRADE_LOCK = 0x636D706C616E6E


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
            return str(row[0]) if row else None
    except OperationalError as exc:
        raise _explain(exc, engine) from exc
    except DatabaseError as exc:
        raise _explain(exc, engine) from exc


def ensure_schema(engine: Engine, backups_dir: Path | None = None) -> str | None:
    """Upgrade to HEAD_REVISION; returns the backup path made, if any."""
    rev = current_revision(engine)
    if rev == HEAD_REVISION:
        return None
    if rev is not None and rev not in KNOWN_REVISIONS:
        raise DatabaseProblem(
            f"This database was made by a newer version of cmplanner (schema {rev}).",
            "Update cmplanner to open it; nothing in it was changed.",
        )
    backup = None
    if rev is not None and backups_dir is not None:
        backup = _backup_sqlite(engine, backups_dir, rev)
    if rev is not None and engine.url.get_backend_name() != "sqlite":
        log.warning(
            "upgrading the shared database %s from schema %s: no copy is made here "
            "(pg_dump is the way to back it up)",
            describe(engine),
            rev,
        )
    _upgrade(engine)
    log.info("database schema upgraded from %s to %s", rev, HEAD_REVISION)
    return backup


def _upgrade(engine: Engine, target: str = "head") -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    sqlite = engine.url.get_backend_name() == "sqlite"
    with engine.connect() as conn:
        if sqlite:
            # A batch migration copies a table, drops the old one and renames the copy: with
            # foreign keys on, the drop would cascade to the rows that point at it (every
            # publish attempt of a copied post_target). Off outside the transaction (SQLite
            # ignores it inside one); checked before the commit instead.
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()
        try:
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    # Another client upgrading the same database waits here, then finds it done.
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _UPGRADE_LOCK})
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, target)
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").first()
                    if broken is not None:
                        raise DatabaseProblem(
                            f"Upgrading the database left a broken link in table {broken[0]}; "
                            "nothing was changed.",
                            "Report this to cmplanner's developers with the log file.",
                        )
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()


def upgrade_to(engine: Engine, target: str) -> None:
    """Upgrade to a given revision (for migration tests)."""
    _upgrade(engine, target)


def _backup_sqlite(engine: Engine, backups_dir: Path, rev: str) -> str | None:
    db = engine.url.database
    if engine.url.get_backend_name() != "sqlite" or not db or db == ":memory:":
        return None
    backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    dest = backups_dir / f"cmplanner-{stamp}-schema{rev}.db"
    src = sqlite3.connect(db)
    try:
        out = sqlite3.connect(dest)
        try:
            src.backup(out)
        finally:
            out.close()
    finally:
        src.close()
    log.info("database copied to %s before upgrading", dest)
    return str(dest)


def _explain(exc: Exception, engine: Engine) -> DatabaseProblem:
    msg = str(exc).lower()
    where = describe(engine)
    if "locked" in msg or "busy" in msg:
        return DatabaseProblem(
            f"The database {where} is locked by another program.",
            "Close the other cmplanner window or process using it, then try again.",
        )
    if "not a database" in msg or "malformed" in msg or "corrupt" in msg:
        return DatabaseProblem(
            f"The file {where} is not a readable cmplanner database (it may be damaged).",
            "Restore a copy from the backups folder, or start with --home pointing elsewhere. "
            "The file was left untouched.",
        )
    return DatabaseProblem(
        f"Cannot open the database {where}: {exc}",
        "Check that the file or server exists and that you may read and write it.",
    )


explain_db_error = _explain
