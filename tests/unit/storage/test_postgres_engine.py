"""A shared plan on PostgreSQL: choosing the database, a real server, its known failures.

The tests that need the server use the session's loopback PostgreSQL
(tests/support/postgres.py); they run in every pytest stage.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from cmplanner import cli
from cmplanner.domain.errors import DatabaseProblem
from cmplanner.paths import Paths
from cmplanner.services.workspace import open_workspace
from cmplanner.storage.engine import ENV_DB, URL_FILE, configured_url, make_engine
from cmplanner.storage.migrate import HEAD_REVISION, current_revision, ensure_schema
from tests.support.postgres import PostgresServer

# ---- which database: --db, CMPLANNER_DB, the home's database-url file, the home's file ----


def test_no_setting_means_the_home_folders_sqlite_file(paths: Paths) -> None:
    assert configured_url(paths.home) is None


def test_the_environment_wins_over_the_file(paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    paths.ensure()
    (paths.home / URL_FILE).write_text("postgresql://planner@db.example/agency\n")
    assert configured_url(paths.home) == "postgresql://planner@db.example/agency"

    monkeypatch.setenv(ENV_DB, "postgresql://other@db.example/agency")
    assert configured_url(paths.home) == "postgresql://other@db.example/agency"


def test_the_file_skips_comments_and_blank_lines(paths: Paths) -> None:
    paths.ensure()
    (paths.home / URL_FILE).write_text("# the agency's shared plan\n\n  postgresql://p@h/d  \n")
    assert configured_url(paths.home) == "postgresql://p@h/d"


def test_a_password_in_the_setting_file_is_refused_without_showing_it(paths: Paths) -> None:
    paths.ensure()
    (paths.home / URL_FILE).write_text("postgresql://planner:s3cr3t-Pw@db.example/agency\n")

    with pytest.raises(DatabaseProblem) as caught:
        configured_url(paths.home)

    assert "contains a password" in caught.value.message
    assert ".pgpass" in caught.value.hint
    assert "s3cr3t-Pw" not in str(caught.value)


def test_a_sqlite_workspace_never_imports_psycopg(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from cmplanner.paths import Paths\n"
        "from cmplanner.services.workspace import open_workspace\n"
        f"home = Paths(home=__import__('pathlib').Path({str(tmp_path / 'h')!r}),"
        f" logs=__import__('pathlib').Path({str(tmp_path / 'l')!r}))\n"
        "open_workspace(home).close()\n"
        "print('psycopg' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert out.stdout.strip() == "False"


def test_a_url_that_is_not_one_says_so() -> None:
    with pytest.raises(DatabaseProblem, match="is not a database URL"):
        make_engine("no-such-scheme:/what")


# ---- the real server ----------------------------------------------------------------------


def test_the_command_line_plans_on_a_postgresql_database(
    postgres_db: str, paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    db = postgres_db.replace("postgresql+psycopg://", "postgresql://")  # as a user writes it

    assert cli.run(["brands", "add", "Panadería Sol", "--tz", "Europe/Madrid", "--db", db]) == 0
    assert cli.run(["posts", "add", "--brand", "Panadería Sol", "--text", "Pan", "--db", db]) == 0
    capsys.readouterr()
    assert cli.run(["posts", "list", "--json", "--db", db]) == 0

    posts = json.loads(capsys.readouterr().out)
    assert [(p["brand"], p["text"]) for p in posts] == [("Panadería Sol", "Pan")]
    assert not paths.database.exists()  # nothing went to a local file


def test_the_setting_file_points_the_workspace_at_the_server(
    postgres_db: str, paths: Paths
) -> None:
    paths.ensure()
    (paths.home / URL_FILE).write_text(postgres_db + "\n")
    first = open_workspace(paths)
    try:
        first.brands.create("Northwind", "America/New_York")
    finally:
        first.close()

    again = open_workspace(paths)
    try:
        assert [b.name for b in again.brands.all()] == ["Northwind"]
        assert again.engine.dialect.name == "postgresql"
        assert again.backup_made is None
    finally:
        again.close()
    assert not paths.database.exists()


def test_a_server_that_is_down_is_explained_on_the_command_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = f"postgresql://planner:pw-not-shown@127.0.0.1:{port}/agency?connect_timeout=3"

    code = cli.run(["brands", "list", "--db", db])

    out, err = capsys.readouterr()
    assert code != 0 and out == ""
    assert "Cannot reach the PostgreSQL server for agency on 127.0.0.1" in err
    assert "Check that the server is running" in err
    assert "pw-not-shown" not in err and "Traceback" not in err


def test_a_missing_database_is_explained(postgres_server: PostgresServer, paths: Paths) -> None:
    with pytest.raises(DatabaseProblem) as caught:
        open_workspace(paths, db_url=postgres_server.url("no_such_plan"))

    assert "does not exist" in caught.value.message
    assert "createdb" in caught.value.hint


def test_a_lost_connection_is_reopened_by_the_next_call(postgres_db: str, paths: Paths) -> None:
    ws = open_workspace(paths, db_url=postgres_db)
    try:
        brand = ws.brands.create("Kiwi Code School", "Pacific/Auckland")
        with ws.engine.connect() as conn:  # the server ends every other session of this plan
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )

        assert ws.posts.create(brand.id, "After the cut").text == "After the cut"
    finally:
        ws.close()


def test_a_database_from_a_newer_version_is_refused_and_left_alone(
    postgres_db: str, paths: Paths
) -> None:
    ws = open_workspace(paths, db_url=postgres_db)
    ws.brands.create("Northwind", "America/New_York")
    ws.close()
    engine = make_engine(postgres_db)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))

        with pytest.raises(DatabaseProblem) as caught:
            open_workspace(paths, db_url=postgres_db)

        assert "newer version of cmplanner" in caught.value.message
        assert "9999" in caught.value.message
        assert current_revision(engine) == "9999"
        with engine.connect() as conn:
            assert conn.execute(text("SELECT name FROM brand")).scalars().all() == ["Northwind"]
    finally:
        engine.dispose()
    assert not paths.backups.exists() or list(paths.backups.iterdir()) == []


def test_two_clients_upgrading_one_new_database_at_once_both_open_it(
    postgres_empty_db: str,
) -> None:
    engines = [make_engine(postgres_empty_db) for _ in range(3)]
    errors: list[BaseException] = []

    def upgrade(i: int) -> None:
        try:
            ensure_schema(engines[i])
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=upgrade, args=(i,)) for i in range(len(engines))]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert errors == []
        assert all(current_revision(e) == HEAD_REVISION for e in engines)
        with engines[0].connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    finally:
        for e in engines:
            e.dispose()
