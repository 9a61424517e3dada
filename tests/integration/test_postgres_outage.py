"""The PostgreSQL server goes away under an open composer, then comes back.

A server of its own (stopping the session's shared one would break other tests), started
the way ``tests/support/postgres.py`` starts it; ``pg_ctl stop -m immediate`` stands for a
crash or a lost network. The user's unsaved text must survive, the save must say what
happened and what to do, nothing half-written may be left, and once the server is back the
same save goes through.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from cmplanner.domain.clock import FixedClock
from cmplanner.paths import Paths
from cmplanner.services.workspace import Workspace, open_workspace
from cmplanner.ui.composer import ComposerDialog
from tests.support.postgres import (
    PostgresServer,
    _as_service_user,
    _not_available,
    find_bin_dir,
    start_server,
    stop_server,
)


def _pg_ctl(server: PostgresServer, *args: str) -> None:
    bindir = find_bin_dir()
    assert bindir is not None
    run = subprocess.run(
        _as_service_user([str(bindir / "pg_ctl"), *args, "-D", str(server.datadir / "data")]),
        capture_output=True, timeout=90, cwd=server.datadir,
    )  # fmt: skip
    assert run.returncode == 0, (run.stdout + run.stderr).decode(errors="replace")


def go_away(server: PostgresServer) -> None:
    """The server dies at once (no goodbye to the clients): a crash, a cable pulled.

    The test server runs with ``synchronous_commit=off`` (speed): a CHECKPOINT first makes
    what was committed durable, as a production server's commits are."""
    server._conn().execute("CHECKPOINT")
    server.close()
    _pg_ctl(server, "stop", "-m", "immediate", "-w")


def come_back(server: PostgresServer) -> None:
    """The same server, data and port again (the options start_server uses)."""
    data = server.datadir / "data"
    options = (
        f"-c listen_addresses={server.host} -p {server.port} -k {data} "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    )
    _pg_ctl(server, "start", "-w", "-t", "60", "-l", str(server.datadir / "server.log"),
            "-o", options)  # fmt: skip


@pytest.fixture(scope="module")
def own_server() -> Iterator[PostgresServer]:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _not_available("psycopg is not installed: pip install 'psycopg[binary]'")
    try:
        server = start_server()
    except (OSError, RuntimeError, subprocess.SubprocessError) as exc:
        _not_available(f"no PostgreSQL server for the tests: {exc}")
        raise
    try:
        yield server
    finally:
        stop_server(server)


@pytest.fixture
def shared_ws(own_server: PostgresServer, tmp_path: Path) -> Iterator[Workspace]:
    name = own_server.create_database()
    home = tmp_path / "home"
    ws = open_workspace(
        Paths(home=home, logs=home / "logs"),
        db_url=own_server.url(name),
        clock=FixedClock(datetime.fromisoformat("2026-11-26T08:00:00+00:00")),
    )
    try:
        yield ws
    finally:
        ws.close()
        own_server.drop_database(name)


@pytest.fixture(autouse=True)
def _no_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    def unexpected(_parent: object, title: str, *_a: object, **_k: object) -> None:
        raise AssertionError(f"unexpected question: {title}")

    monkeypatch.setattr(QMessageBox, "question", staticmethod(unexpected))


def test_a_save_while_the_server_is_gone_keeps_the_text_and_goes_through_once_it_is_back(
    qtbot: QtBot, own_server: PostgresServer, shared_ws: Workspace
) -> None:
    ws = shared_ws
    brand = ws.brands.create("Panadería Sol", "Europe/Madrid")
    post = ws.posts.create(brand.id, "Fresh bread", local_at=datetime(2026, 12, 3, 9, 0))
    dialog = ComposerDialog(ws, post_id=post.id)
    qtbot.addWidget(dialog, before_close_func=lambda d: d.discard())
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.editor.selectAll()
    qtbot.keyClick(dialog.editor, Qt.Key.Key_Delete)
    qtbot.keyClicks(dialog.editor, "Fresh bread, out of the oven at 9")

    go_away(own_server)
    try:
        assert dialog.save(schedule=False) is False
        assert dialog.isVisible()  # the composer stays open with the user's work
        assert dialog.editor.toPlainText() == "Fresh bread, out of the oven at 9"
        assert dialog.banner.isVisible()
        assert "Cannot reach the PostgreSQL server" in dialog.banner.message
        assert "try again" in dialog.banner.hint
        assert "nothing was saved" in dialog.banner.hint
        # a second try while it is still down says the same, and still keeps the text
        assert dialog.save(schedule=False) is False
        assert "Cannot reach the PostgreSQL server" in dialog.banner.message
        assert dialog.editor.toPlainText() == "Fresh bread, out of the oven at 9"
    finally:
        come_back(own_server)

    # the server is back: the stored post is what it was (nothing half-written) ...
    [stored] = ws.posts.get_many([post.id])
    assert stored.text == "Fresh bread"
    assert stored.version == post.version
    # ... and the same save now goes through, on fresh connections
    with qtbot.waitSignal(dialog.post_saved, timeout=10_000) as saved:
        assert dialog.save(schedule=False) is True
    assert saved.args == [post.id]
    [stored] = ws.posts.get_many([post.id])
    assert stored.text == "Fresh bread, out of the oven at 9"
    assert stored.version == post.version + 1
    assert not dialog.isVisible()


def _require_password_for(server: PostgresServer, role: str, password: str) -> None:
    """``role`` logs in with a password over TCP (the server trusts everyone else)."""
    server._conn().execute(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'")
    hba = server.datadir / "data" / "pg_hba.conf"
    hba.write_text(f"host all {role} 127.0.0.1/32 scram-sha-256\n" + hba.read_text())
    server._conn().execute("SELECT pg_reload_conf()")


def test_a_refused_password_is_explained_without_the_password_and_nothing_is_left_open(
    own_server: PostgresServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cmplanner import cli
    from cmplanner.domain.errors import DatabaseProblem

    _require_password_for(own_server, "ana", "right-horse-battery")
    name = own_server.create_database()
    own_server._conn().execute(f'ALTER DATABASE "{name}" OWNER TO ana')
    url = f"postgresql://ana:wrong-pw-not-shown@{own_server.host}:{own_server.port}/{name}"
    home = tmp_path / "home"
    try:
        with pytest.raises(DatabaseProblem) as caught:
            open_workspace(Paths(home=home, logs=home / "logs"), db_url=url)
        problem = caught.value
        assert "refused the login of 'ana'" in problem.message
        assert "~/.pgpass" in problem.hint
        for shown in (str(problem), repr(problem), problem.message, problem.hint):
            assert "wrong-pw-not-shown" not in shown

        code = cli.run(["brands", "list", "--db", url])
        out, err = capsys.readouterr()
        assert code != 0 and out == ""
        assert "refused the login of 'ana'" in err
        assert "wrong-pw-not-shown" not in err and "Traceback" not in err
        # the right password opens the same database (the refusal left nothing behind)
        good = url.replace("wrong-pw-not-shown", "right-horse-battery")
        ws = open_workspace(Paths(home=home, logs=home / "logs"), db_url=good)
        ws.close()
    finally:
        own_server.drop_database(name)
