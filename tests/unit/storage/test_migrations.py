"""Alembic migrations: in step with the code, complete, safe with newer and older files."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from cmplanner.domain.errors import DatabaseProblem
from cmplanner.paths import Paths
from cmplanner.services.workspace import open_workspace
from cmplanner.storage.engine import make_engine, sqlite_url
from cmplanner.storage.migrate import (
    HEAD_REVISION,
    KNOWN_REVISIONS,
    MIGRATIONS_DIR,
    _backup_sqlite,
    current_revision,
    ensure_schema,
    upgrade_to,
)
from cmplanner.storage.tables import Base


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    eng = make_engine(sqlite_url(str(tmp_path / "fresh.db")))
    yield eng
    eng.dispose()


def _script() -> ScriptDirectory:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(cfg)


def _stamp(db: Path, revision: str) -> None:
    con = sqlite3.connect(db)
    try:
        with con:
            con.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    finally:
        con.close()


# ---- the code and the scripts agree ---------------------------------------------------------


def test_head_revision_is_alembics_single_head() -> None:
    script = _script()

    assert script.get_heads() == [HEAD_REVISION]
    assert HEAD_REVISION in KNOWN_REVISIONS


def test_every_revision_in_the_scripts_is_known_to_the_code() -> None:
    revisions = {s.revision for s in _script().walk_revisions()}

    assert revisions == set(KNOWN_REVISIONS)


# ---- a fresh database ------------------------------------------------------------------------


def test_a_fresh_database_gets_every_table_and_the_head_stamp(engine: Engine) -> None:
    assert current_revision(engine) is None

    ensure_schema(engine)

    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables
    assert current_revision(engine) == HEAD_REVISION


def test_the_orm_matches_the_migrated_schema(engine: Engine) -> None:
    ensure_schema(engine)

    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(ctx, Base.metadata)

    assert differences == []


def test_an_empty_file_is_migrated_without_a_backup(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    db.touch()
    backups = tmp_path / "backups"
    eng = make_engine(sqlite_url(str(db)))
    try:
        assert ensure_schema(eng, backups) is None
        assert current_revision(eng) == HEAD_REVISION
    finally:
        eng.dispose()

    assert not backups.exists() or not any(backups.iterdir())


def test_an_up_to_date_database_is_left_alone(engine: Engine, tmp_path: Path) -> None:
    ensure_schema(engine)

    assert ensure_schema(engine, tmp_path / "backups") is None
    assert not (tmp_path / "backups").exists()


def test_a_workspace_opened_twice_keeps_its_data_and_makes_no_backup(paths: Paths) -> None:
    first = open_workspace(paths)
    first.brands.create("Panadería Sol", "Europe/Madrid")
    first.close()

    again = open_workspace(paths)
    try:
        assert [b.name for b in again.brands.all()] == ["Panadería Sol"]
        assert again.backup_made is None
        assert list(paths.backups.iterdir()) == []
    finally:
        again.close()


# ---- a database from a newer cmplanner ------------------------------------------------------


def test_a_database_from_a_newer_version_is_refused_and_left_byte_identical(paths: Paths) -> None:
    ws = open_workspace(paths)
    ws.brands.create("Northwind Outdoor", "America/New_York")
    ws.close()
    _stamp(paths.database, "9999")
    before = paths.database.read_bytes()

    with pytest.raises(DatabaseProblem) as caught:
        open_workspace(paths)

    assert "newer version of cmplanner" in caught.value.message
    assert "9999" in caught.value.message
    assert "Update cmplanner" in caught.value.hint
    assert paths.database.read_bytes() == before
    assert list(paths.backups.iterdir()) == []
    # The refused database was closed again: SQLite removes the WAL file on the last close.
    assert not paths.database.with_name(paths.database.name + "-wal").exists()


def test_ensure_schema_refuses_a_newer_revision_directly(engine: Engine, tmp_path: Path) -> None:
    ensure_schema(engine)
    engine.dispose()
    _stamp(Path(str(engine.url.database)), "9999")

    with pytest.raises(DatabaseProblem, match="newer version"):
        ensure_schema(engine, tmp_path / "backups")
    assert current_revision(engine) == "9999"


# ---- the copy taken before an upgrade --------------------------------------------------------


def test_the_backup_is_a_readable_copy_with_everything_committed(paths: Paths) -> None:
    ws = open_workspace(paths)
    try:
        brand = ws.brands.create("Kiwi Code School", "Pacific/Auckland")
        ws.posts.create(brand.id, "Webinar on Thursday")
        # The workspace is still open: recent writes may sit in the WAL, not the main file.
        made = _backup_sqlite(ws.engine, paths.backups, "0001")
    finally:
        ws.close()

    assert made is not None
    copy = Path(made)
    assert copy.parent == paths.backups
    assert "schema0001" in copy.name
    con = sqlite3.connect(copy)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert con.execute("SELECT name FROM brand").fetchall() == [("Kiwi Code School",)]
        assert con.execute("SELECT text FROM post").fetchall() == [("Webinar on Thursday",)]
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD_REVISION,)
    finally:
        con.close()


def test_upgrade_from_the_first_schema_keeps_data_and_backs_up_first(paths: Paths) -> None:
    """A database made by the first release upgrades to head with nothing lost."""
    from cmplanner.storage.migrate import upgrade_to

    paths.ensure()
    engine = make_engine(paths.db_url)
    upgrade_to(engine, "0001")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO brand (id, name, timezone, color, brief, default_hashtags, tags, "
            "archived, missed_slot_policy, missed_slot_minutes, paused, version) VALUES "
            "(1, 'Sol', 'Europe/Madrid', '#d9822b', '', '', '', 0, 'ask', 60, 0, 1)"
        )
        conn.exec_driver_sql(
            "INSERT INTO post (id, brand_id, text, state, tags, notes, content_warning, "
            "timezone, evergreen, evergreen_min_days, approval, thread_index, created_utc, "
            "updated_utc, version) VALUES (1, 1, 'Old post', 'draft', '', '', '', "
            "'Europe/Madrid', 0, 30, '', 0, '2026-01-01', '2026-01-01', 1)"
        )
    engine.dispose()
    ws = open_workspace(paths)
    try:
        assert ws.backup_made is not None and "schema0001" in ws.backup_made
        assert ws.posts.get(1).text == "Old post"
        con = sqlite3.connect(ws.backup_made)
        try:
            assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        finally:
            con.close()
    finally:
        ws.close()


def test_an_upgrade_from_the_previous_schema_copies_the_file_first(tmp_path: Path) -> None:
    head = _script().get_revision(HEAD_REVISION)
    assert head is not None
    older = head.down_revision
    if older is None:
        pytest.skip("only one schema revision so far: there is no older file to upgrade")
    assert isinstance(older, str)
    eng = make_engine(sqlite_url(str(tmp_path / "old.db")))
    try:
        upgrade_to(eng, older)
        with eng.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO brand (name, timezone, color, brief, default_hashtags, tags,"
                " archived, missed_slot_policy, missed_slot_minutes, paused, version)"
                " VALUES ('Sol', 'Europe/Madrid', '#d9822b', '', '', '', 0, 'ask', 60, 0, 1)"
            )

        made = ensure_schema(eng, tmp_path / "backups")

        assert current_revision(eng) == HEAD_REVISION
        with eng.connect() as conn:
            assert conn.exec_driver_sql("SELECT name FROM brand").scalars().all() == ["Sol"]
    finally:
        eng.dispose()
    assert made is not None and Path(made).parent == tmp_path / "backups"
    con = sqlite3.connect(made)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (older,)
        assert con.execute("SELECT name FROM brand").fetchall() == [("Sol",)]
    finally:
        con.close()


def test_no_backup_is_attempted_for_an_in_memory_database(tmp_path: Path) -> None:
    eng = make_engine("sqlite://")
    try:
        assert _backup_sqlite(eng, tmp_path / "backups", "0001") is None
    finally:
        eng.dispose()
    assert not (tmp_path / "backups").exists()
