"""A damaged, locked or newer database file: a message that says what to do, nothing lost."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from cmplanner import cli
from cmplanner.domain.errors import DatabaseProblem
from cmplanner.paths import Paths
from cmplanner.services.workspace import Workspace, open_workspace
from cmplanner.storage.engine import make_engine, sqlite_url

#: A short busy timeout so a locked database fails fast in tests (the app waits 5 s).
FAST = "?timeout=0.2"


def _damaged(path: Path, content: bytes) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return content


# ---- a damaged file ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(os.urandom(16384), id="random-bytes"),
        pytest.param(b"Dear diary,\n" * 400, id="text-file"),
    ],
)
def test_a_damaged_file_is_refused_with_a_message_and_left_untouched(
    paths: Paths, content: bytes
) -> None:
    original = _damaged(paths.database, content)

    with pytest.raises(DatabaseProblem) as caught:
        open_workspace(paths)

    err = caught.value
    assert "not a readable cmplanner database" in err.message
    assert "damaged" in err.message
    assert str(paths.database) in err.message
    assert "backups" in err.hint and "left untouched" in err.hint
    assert paths.database.read_bytes() == original
    assert not paths.database.with_name("cmplanner.db-wal").exists()


def test_a_damaged_file_on_the_command_line(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    original = _damaged(paths.database, os.urandom(8192))

    code = cli.run(["brands", "list", "--home", str(paths.home)])

    out, err = capsys.readouterr()
    assert code != 0
    assert out == ""
    assert err.startswith("cmplanner: The file ")
    assert "may be damaged" in err
    assert "Traceback" not in err
    assert paths.database.read_bytes() == original


# ---- a locked file --------------------------------------------------------------------------


@pytest.fixture
def fast_ws(paths: Paths) -> Iterator[Workspace]:
    paths.ensure()
    workspace = open_workspace(paths, db_url=sqlite_url(str(paths.database)) + FAST)
    yield workspace
    workspace.close()


def test_the_busy_timeout_is_five_seconds_unless_the_url_says_otherwise(tmp_path: Path) -> None:
    for url, expected_ms in (
        (sqlite_url(str(tmp_path / "a.db")), 5000),
        (
            sqlite_url(str(tmp_path / "b.db")) + FAST,
            200,
        ),
    ):
        eng = make_engine(url)
        try:
            with eng.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == expected_ms
        finally:
            eng.dispose()


def test_a_write_to_a_locked_database_says_so_and_keeps_what_was_saved(
    fast_ws: Workspace, paths: Paths
) -> None:
    brand = fast_ws.brands.create("Panadería Sol", "Europe/Madrid")
    con = sqlite3.connect(paths.database, isolation_level=None)
    try:
        con.execute("BEGIN EXCLUSIVE")
        with pytest.raises(DatabaseProblem) as caught:
            fast_ws.posts.create(brand.id, "Fresh bread on Saturday")

        assert "is locked by another program" in caught.value.message
        assert "Close the other cmplanner" in caught.value.hint
        # Reading still works while the other program writes (WAL).
        assert [b.name for b in fast_ws.brands.all()] == ["Panadería Sol"]
        con.execute("ROLLBACK")
    finally:
        con.close()

    # Once the other program lets go, the same write succeeds and nothing was lost.
    post = fast_ws.posts.create(brand.id, "Fresh bread on Saturday")
    assert [p.id for p in fast_ws.posts.find(brand.id)] == [post.id]


def test_a_locked_database_on_the_command_line(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    db = sqlite_url(str(paths.database)) + FAST
    assert cli.run(["brands", "add", "Northwind", "--tz", "America/New_York", "--db", db]) == 0
    capsys.readouterr()
    con = sqlite3.connect(paths.database, isolation_level=None)
    try:
        con.execute("BEGIN EXCLUSIVE")
        code = cli.run(["posts", "add", "--brand", "Northwind", "--text", "Trail tips", "--db", db])
        con.execute("ROLLBACK")
    finally:
        con.close()

    out, err = capsys.readouterr()
    assert code != 0
    assert out == ""
    assert "cmplanner: The database" in err and "is locked by another program" in err
    assert "Traceback" not in err
    assert cli.run(["posts", "list", "--json", "--db", db]) == 0
    assert capsys.readouterr().out.strip() == "[]"


# ---- a file from a newer cmplanner ------------------------------------------------------------


def test_a_newer_database_on_the_command_line(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    open_workspace(paths).close()
    con = sqlite3.connect(paths.database)
    with con:
        con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.close()
    before = paths.database.read_bytes()

    code = cli.run(["--home", str(paths.home), "brands", "list", "--json"])

    out, err = capsys.readouterr()
    assert code != 0
    assert out == ""
    assert "made by a newer version of cmplanner" in err
    assert "Update cmplanner" in err
    assert paths.database.read_bytes() == before
