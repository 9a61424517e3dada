"""A real PostgreSQL server on loopback for the tests (shared TESTING.md §8).

The root ``conftest.py`` loads this plugin. ``postgres_server`` (session-scoped, started on
first use only) runs Debian's PostgreSQL binaries (``/usr/lib/postgresql/*/bin`` or PATH):
``initdb`` into a temporary folder, then the server on 127.0.0.1 and a free port, with
``fsync``/``synchronous_commit``/``full_page_writes`` off (test speed only). As root, both
run as the ``postgres`` system user through ``runuser`` (PostgreSQL refuses root); the user
is created if it is missing. The server stops at the end of the session and the folder is
removed.

``postgres_template`` is a database migrated to the head schema once per session;
``postgres_db`` is a fresh copy of it per test (``CREATE DATABASE … TEMPLATE``: a few tens
of milliseconds), dropped afterwards; ``postgres_empty_db`` is a fresh empty database.

When the binaries are missing or the server does not start, the fixtures skip saying why;
under ``CI`` they fail instead, so CI never silently skips PostgreSQL.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

#: The engine every database-backed test runs on: "sqlite" (default) or "postgresql".
TEST_DB = os.environ.get("CMPLANNER_TEST_DB", "sqlite").strip().lower() or "sqlite"
ON_POSTGRES = TEST_DB in ("postgresql", "postgres", "pg")

START_TIMEOUT_S = 60
SERVICE_USER = "postgres"
TEMPLATE = "cmplanner_template"

#: For tests about SQLite files (WAL, locks, damaged files, file copies).
sqlite_only = pytest.mark.skipif(
    ON_POSTGRES, reason="about SQLite files; this run uses PostgreSQL (CMPLANNER_TEST_DB)"
)


def _not_available(reason: str) -> None:
    if os.environ.get("CI"):  # .ci/run installs PostgreSQL: in CI a skip would hide a gap
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def find_bin_dir() -> Path | None:
    """The folder with initdb, pg_ctl and postgres: Debian's newest, else PATH."""
    root = Path("/usr/lib/postgresql")
    if root.is_dir():
        versions = sorted(
            (d for d in root.iterdir() if (d / "bin" / "initdb").exists()),
            key=lambda d: int(d.name) if d.name.isdigit() else 0,
        )
        if versions:
            return versions[-1] / "bin"
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).resolve().parent
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PostgresServer:
    """A running server: connection details and database helpers (autocommit admin)."""

    host: str
    port: int
    user: str
    datadir: Path
    _admin: Any = field(default=None, repr=False)
    _names: Iterator[int] = field(default_factory=lambda: itertools.count(1), repr=False)

    def url(self, dbname: str) -> str:
        """A SQLAlchemy URL for one database (psycopg 3; trust auth, no password)."""
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{dbname}"

    def _conn(self) -> Any:
        import psycopg

        if self._admin is None or self._admin.closed:
            self._admin = psycopg.connect(
                host=self.host, port=self.port, user=self.user, dbname="postgres", autocommit=True
            )
        return self._admin

    def create_database(self, template: str = "template0") -> str:
        name = f"cmplanner_test_{os.getpid()}_{next(self._names)}"
        # FILE_COPY: a small template is copied as files (fsync is off), much faster
        # than the WAL_LOG default of PostgreSQL 15 for a database this size.
        self._conn().execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY = FILE_COPY')
        return name

    def drop_database(self, name: str) -> None:
        self._conn().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        if self._admin is not None:
            with contextlib.suppress(Exception):
                self._admin.close()
            self._admin = None


def _as_service_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", SERVICE_USER, "--", *cmd]


def _ensure_service_user() -> None:
    if os.geteuid() != 0:
        return
    try:
        pwd.getpwnam(SERVICE_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
             SERVICE_USER],
            check=True, capture_output=True, timeout=30,
        )  # fmt: skip


def start_server() -> PostgresServer:
    """initdb and start; returns the server (raises RuntimeError saying why it could not)."""
    bindir = find_bin_dir()
    if bindir is None:
        raise FileNotFoundError(
            "PostgreSQL is not installed (no initdb/pg_ctl): on Debian "
            "`apt-get install postgresql` (scripts/install_system_deps.sh does it)"
        )
    _ensure_service_user()
    datadir = Path(tempfile.mkdtemp(prefix="cmplanner-pg-"))
    if os.geteuid() == 0:
        shutil.chown(datadir, SERVICE_USER, SERVICE_USER)
    datadir.chmod(0o700)
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    run = subprocess.run(
        _as_service_user(
            [str(bindir / "initdb"), "-D", str(datadir / "data"), "-U", "postgres",
             "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]
        ),
        capture_output=True, timeout=START_TIMEOUT_S, env=env, cwd=datadir,
    )  # fmt: skip
    if run.returncode != 0:
        shutil.rmtree(datadir, ignore_errors=True)
        raise RuntimeError("initdb failed:\n" + (run.stdout + run.stderr).decode()[-3000:])
    port = _free_port()
    options = (
        f"-c listen_addresses=127.0.0.1 -p {port} -k {datadir / 'data'} "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
        "-c max_connections=200 -c shared_buffers=64MB"
    )
    start = subprocess.run(
        _as_service_user(
            [str(bindir / "pg_ctl"), "start", "-w", "-t", str(START_TIMEOUT_S),
             "-D", str(datadir / "data"), "-l", str(datadir / "server.log"), "-o", options]
        ),
        capture_output=True, timeout=START_TIMEOUT_S + 10, env=env, cwd=datadir,
    )  # fmt: skip
    server = PostgresServer("127.0.0.1", port, "postgres", datadir)
    if start.returncode != 0:
        log = datadir / "server.log"
        text = log.read_text(errors="replace")[-3000:] if log.exists() else ""
        stop_server(server)
        raise RuntimeError(
            "the PostgreSQL server did not start:\n" + (start.stdout + start.stderr).decode() + text
        )
    return server


def stop_server(server: PostgresServer) -> None:
    server.close()
    bindir = find_bin_dir()
    data = server.datadir / "data"
    if bindir is not None and (data / "postmaster.pid").exists():
        subprocess.run(
            _as_service_user(
                [str(bindir / "pg_ctl"), "stop", "-m", "immediate", "-w", "-D", str(data)]
            ),
            capture_output=True, timeout=60, cwd=server.datadir,
        )  # fmt: skip
    shutil.rmtree(server.datadir, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _not_available("psycopg is not installed: pip install 'psycopg[binary]'")
    try:
        server = start_server()
    except (OSError, RuntimeError, subprocess.SubprocessError) as exc:
        _not_available(f"no PostgreSQL server for the tests: {exc}")
        raise  # unreachable: _not_available skips or fails
    try:
        yield server
    finally:
        stop_server(server)


@pytest.fixture(scope="session")
def postgres_template(postgres_server: PostgresServer) -> str:
    """A database at the head schema; per-test databases are copies of it."""
    from cmplanner.storage.engine import make_engine
    from cmplanner.storage.migrate import ensure_schema

    postgres_server._conn().execute(f'CREATE DATABASE "{TEMPLATE}"')
    engine = make_engine(postgres_server.url(TEMPLATE))
    try:
        ensure_schema(engine)
    finally:
        engine.dispose()  # CREATE DATABASE … TEMPLATE needs it unused
    return TEMPLATE


@pytest.fixture
def postgres_db(postgres_server: PostgresServer, postgres_template: str) -> Iterator[str]:
    """The URL of a fresh database at the head schema, dropped after the test."""
    name = postgres_server.create_database(postgres_template)
    try:
        yield postgres_server.url(name)
    finally:
        postgres_server.drop_database(name)


@pytest.fixture
def postgres_empty_db(postgres_server: PostgresServer) -> Iterator[str]:
    """The URL of a fresh, empty database (no tables), dropped after the test."""
    name = postgres_server.create_database()
    try:
        yield postgres_server.url(name)
    finally:
        postgres_server.drop_database(name)


def dump_database(url: str, dest: Path) -> Path:
    """``pg_dump`` of a test database (schema and data, plain SQL) into ``dest``."""
    bindir = find_bin_dir()
    pg_dump = str(bindir / "pg_dump") if bindir else "pg_dump"
    libpq_url = url.replace("postgresql+psycopg://", "postgresql://", 1)
    run = subprocess.run(
        [pg_dump, "--no-owner", "--file", str(dest), libpq_url],
        capture_output=True, timeout=60,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr.decode(errors="replace")
    return dest
