"""Engine and session factory.

SQLite gets WAL, foreign keys and a busy timeout. PostgreSQL (a shared plan) goes through
psycopg 3, imported only when a ``postgresql://`` URL is used; its known failures (server
down, login refused, connection lost) become a ``DatabaseProblem`` the user can act on.

Which database a workspace uses: ``--db URL``, else the ``CMPLANNER_DB`` environment
variable, else the one-line file ``database-url`` in the home folder, else the SQLite file
in the home folder (see ``configured_url``).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from cmplanner.domain.errors import DatabaseProblem

#: Environment variable naming the database (a SQLAlchemy URL), below --db.
ENV_DB = "CMPLANNER_DB"
#: A file in the home folder whose first line is the database URL, below CMPLANNER_DB.
URL_FILE = "database-url"
_URL_HINT = "Check the database URL (e.g. sqlite:////path/file.db or postgresql://user@host/db)."
PG_CONNECT_TIMEOUT_S = 10


def sqlite_url(path: str) -> str:
    return f"sqlite:///{path}"


def configured_url(home: Path) -> str | None:
    """The database URL set outside the command line: CMPLANNER_DB, else ``home/database-url``.

    A password never belongs in that file (it is a setting): the file is refused when it
    holds one; libpq's ``~/.pgpass`` or ``PGPASSWORD`` carry it instead.
    """
    env = os.environ.get(ENV_DB, "").strip()
    if env:
        return env
    path = home / URL_FILE
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise DatabaseProblem(
            f"Cannot read the database setting {path}: {exc.strerror}.",
            "Fix the file's permissions, or remove it to use the local database.",
        ) from None
    url = next((ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")), "")
    if not url:
        return None
    if _parse(url).password is not None:
        raise DatabaseProblem(
            f"The database setting {path} contains a password.",
            "Remove the password from the URL and put it in ~/.pgpass "
            "(host:port:database:user:password, mode 0600) or in PGPASSWORD.",
        )
    return url


def is_postgres(url: str | URL) -> bool:
    parsed = url if isinstance(url, URL) else _parse(url)
    return parsed.get_backend_name() in ("postgresql", "postgres")


def make_engine(url: str) -> Engine:
    """An engine for any SQLAlchemy URL; SQLite is tuned on every connection."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": _sqlite_timeout(url)})
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "handle_error", _sqlite_known_error)
        return engine
    parsed = _parse(url)
    if is_postgres(parsed):
        return _postgres_engine(parsed)
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except Exception as exc:  # a missing driver
        raise DatabaseProblem(
            f"Cannot use the database '{_redact(url)}': {exc}", _URL_HINT
        ) from None


def _parse(url: str) -> URL:
    try:
        return make_url(url)
    except ArgumentError:
        raise DatabaseProblem(f"'{_redact(url)}' is not a database URL.", _URL_HINT) from None


def _postgres_engine(url: URL) -> Engine:
    """psycopg 3 (``postgresql://`` and ``postgres://`` both mean it), imported lazily."""
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    try:
        import psycopg  # noqa: F401  (the driver SQLAlchemy loads next)
    except ImportError:
        raise DatabaseProblem(
            "A PostgreSQL database needs the psycopg package, which is not installed.",
            "Install it into cmplanner's environment: pip install 'psycopg[binary]'",
        ) from None
    connect_args: dict[str, Any] = {"application_name": "cmplanner"}
    if "connect_timeout" not in url.query:
        connect_args["connect_timeout"] = PG_CONNECT_TIMEOUT_S
    engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args)
    event.listen(engine, "handle_error", _postgres_known_error)
    return engine


def describe(engine: Engine) -> str:
    """Where the data lives, for messages: a file path or a server database (no password)."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        return url.database or "(in memory)"
    return f"{url.database} on {url.host or 'localhost'}:{url.port or 5432}"


def _postgres_known_error(context: ExceptionContext) -> BaseException | None:
    """Server down, login refused or connection lost: a DatabaseProblem with what to do."""
    import psycopg

    original = context.original_exception
    engine = context.engine
    if engine is None or not isinstance(original, psycopg.OperationalError):
        return None
    where = describe(engine)
    user = engine.url.username or "(your login name)"
    msg = str(original).lower()
    if "password authentication failed" in msg or "no password supplied" in msg:
        return DatabaseProblem(
            f"The PostgreSQL server refused the login of '{user}' for {where}.",
            "Check the user name and the password in ~/.pgpass or PGPASSWORD, then try again.",
        )
    if "does not exist" in msg and "database" in msg:
        return DatabaseProblem(
            f"The PostgreSQL database {where} does not exist.",
            "Create it first (createdb), or check the database name in the URL.",
        )
    if context.is_disconnect or "connection" in msg or "timeout" in msg:
        return DatabaseProblem(
            f"Cannot reach the PostgreSQL server for {where}, or the connection was lost.",
            "Check that the server is running and reachable, then try again; "
            "nothing was saved by the step that failed.",
        )
    return None


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
