"""Engine and session factory. SQLite gets WAL, foreign keys and a busy timeout."""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.orm import Session, sessionmaker

from cmplanner.domain.errors import DatabaseProblem


def sqlite_url(path: str) -> str:
    return f"sqlite:///{path}"


def make_engine(url: str) -> Engine:
    """An engine for any SQLAlchemy URL; SQLite is tuned on every connection."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": _sqlite_timeout(url)})
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "handle_error", _sqlite_known_error)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except Exception as exc:  # a bad URL or missing driver
        raise DatabaseProblem(
            f"Cannot use the database '{_redact(url)}': {exc}",
            "Check the --db URL (e.g. sqlite:////path/file.db or postgresql://user@host/db).",
        ) from exc


def _sqlite_timeout(url: str) -> float:
    """The busy timeout: 5 s, or the URL's own ``?timeout=SECONDS``."""
    raw = make_url(url).query.get("timeout")
    if isinstance(raw, tuple):
        raw = raw[-1]
    try:
        return float(raw) if raw is not None else 5.0
    except ValueError:
        return 5.0


def _sqlite_known_error(context: ExceptionContext) -> BaseException | None:
    """A locked or damaged SQLite file becomes a DatabaseProblem the user can act on."""
    original = context.original_exception
    engine = context.engine
    if engine is None or not isinstance(original, sqlite3.Error):
        return None
    msg = str(original).lower()
    if not any(w in msg for w in ("locked", "busy", "not a database", "malformed", "corrupt")):
        return None
    from cmplanner.storage.migrate import explain_db_error

    return explain_db_error(original, engine)


def _sqlite_on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    try:
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
    finally:
        cur.close()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def _redact(url: str) -> str:
    """A URL fit for messages and logs: no password."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        user = creds.split(":", 1)[0]
        return f"{scheme}://{user}:***@{host}" if ":" in creds else url
    return url


def enable_wal(engine: Engine) -> None:
    """Switch an SQLite file to write-ahead logging (persistent in the file).

    Done once the schema check passed, so a database this version refuses is left
    byte-for-byte untouched.
    """
    if engine.url.get_backend_name() != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA journal_mode=WAL")
