"""Several publishers on one database: ``cmplanner publish-due --loop`` processes (some killed
with SIGKILL and restarted) share due posts (60 on PostgreSQL, 30 on SQLite) to the real
PDS; then the records on the server are counted: every post exactly once, whichever process
took it.

On PostgreSQL the claims go through ``FOR UPDATE SKIP LOCKED``; on one SQLite file through
the guarded UPDATE. The claims of a killed process are reconciled by the live ones (its
pid is gone) through the publisher's usual crash recovery.
"""

from __future__ import annotations

pytest_plugins = ["tests.support.atproto", "tests.support.secret_service"]

import contextlib  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from datetime import UTC, datetime, timedelta  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

import pytest  # noqa: E402
from sqlalchemy import Engine, text, update  # noqa: E402

from cmplanner.domain.enums import AccountStatus, Network  # noqa: E402
from cmplanner.networks.bluesky_client import BlueskyClient  # noqa: E402
from cmplanner.paths import Paths  # noqa: E402
from cmplanner.services.credentials import CredentialStore  # noqa: E402
from cmplanner.services.workspace import open_workspace  # noqa: E402
from cmplanner.storage.engine import make_engine  # noqa: E402
from cmplanner.storage.tables import AccountRow  # noqa: E402

if TYPE_CHECKING:
    from keyring.backends.SecretService import Keyring as SecretServiceKeyring

    from tests.support.atproto import Account, AtprotoServer
    from tests.support.secret_service import SecretServiceSession

pytestmark = pytest.mark.slow

DEADLINE_S = 50.0
_COMMAND = (sys.executable, "-m", "cmplanner", "publish-due", "--loop", "--interval", "1")


def _count(engine: Engine, sql: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text(sql)).scalar_one())


def _published(engine: Engine) -> int:
    return _count(engine, "SELECT count(*) FROM post_target WHERE state = 'published'")


def _attempts(engine: Engine) -> int:
    return _count(engine, "SELECT count(*) FROM publish_attempt")


def _plan(
    home: Path,
    db_url: str | None,
    account: Account,
    pds: str,
    store: CredentialStore,
    posts: int,
) -> tuple[str, list[str]]:
    """A brand, the PDS account (secret in the Secret Service) and ``posts`` due posts."""
    ws = open_workspace(Paths(home=home, logs=home / "logs"), db_url=db_url)  # the real clock
    try:
        brand = ws.brands.create("Shared plan", "UTC")
        acc = ws.accounts.add_profile(brand.id, Network.BLUESKY, account.handle, server=pds)
        with ws.sessions.begin() as s:
            s.execute(
                update(AccountRow)
                .where(AccountRow.id == acc.id)
                .values(status=AccountStatus.CONNECTED.value)
            )
        store.set(acc.id, {"app_password": account.app_password})
        due = (datetime.now(UTC) - timedelta(minutes=1)).replace(tzinfo=None, second=0)
        stamp = f"many-{os.getpid()}-{time.time_ns()}"
        texts = [f"Shared plan {stamp} post {i}" for i in range(posts)]
        for t in texts:
            ws.posts.create(brand.id, t, local_at=due, account_ids=[acc.id], allow_past=True)
        return stamp, texts
    finally:
        ws.close()


def _died(proc: subprocess.Popen[bytes]) -> str:
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    return f"a publisher exited by itself ({proc.returncode}):\n{err[-4000:]}"


def _run_publishers(
    command: list[str],
    env: dict[str, str],
    engine: Engine,
    processes: int,
    posts: int,
    kills: int,
) -> int:
    """``processes`` publishers until every post is out; ``kills`` of them are SIGKILLed at
    random points of the work (each as soon as the attempts reach a drawn count) and a
    fresh one started in its place. Returns how many were killed."""
    rng = random.Random(posts * 31 + processes)
    marks = sorted(rng.sample(range(3, posts - 10), kills))

    def spawn() -> subprocess.Popen[bytes]:
        return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    procs = [spawn() for _ in range(processes)]
    killed = 0
    deadline = time.monotonic() + DEADLINE_S
    try:
        while _published(engine) < posts:
            assert time.monotonic() < deadline, "the publishers did not finish in time"
            for proc in procs:
                assert proc.poll() is None, _died(proc)
            if marks and _attempts(engine) >= marks[0]:
                marks.pop(0)
                victim = rng.randrange(len(procs))
                procs[victim].send_signal(signal.SIGKILL)
                procs[victim].wait(timeout=10)
                if procs[victim].stderr is not None:
                    procs[victim].stderr.close()
                procs[victim] = spawn()
                killed += 1
            with contextlib.suppress(subprocess.TimeoutExpired):
                procs[0].wait(timeout=0.005)  # wakes at once if it dies
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            assert proc.wait(timeout=15) == 0, _died(proc)
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)
            if proc.stderr is not None:
                proc.stderr.close()
    return killed


def _records_on_server(server: AtprotoServer, account: Account, stamp: str) -> Counter[str]:
    reader = BlueskyClient(server.pds_url)
    reader.login(account.handle, account.app_password)
    try:
        return Counter(r.text for r in reader.list_posts() if stamp in r.text)
    finally:
        reader.http.close()


def _check(engine: Engine, posts: int) -> None:
    with engine.connect() as conn:
        states = conn.execute(text("SELECT state, count(*) FROM post_target GROUP BY state")).all()
        unclaimed = conn.execute(
            text("SELECT count(*) FROM post_target WHERE claimed_by <> ''")
        ).scalar_one()
    assert [tuple(r) for r in states] == [("published", posts)]
    assert unclaimed == 0


def _many(
    tmp_path: Path,
    db_url: str | None,
    processes: int,
    posts: int,
    kills: int,
    server: AtprotoServer,
    account: Account,
    secret_service: SecretServiceSession,
    backend: SecretServiceKeyring,
) -> None:
    home = tmp_path / "home"
    stamp, texts = _plan(home, db_url, account, server.pds_url, CredentialStore(backend), posts)
    url = db_url or Paths(home=home, logs=home / "logs").db_url
    engine = make_engine(url)
    env = {
        **os.environ,
        "DBUS_SESSION_BUS_ADDRESS": secret_service.address,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.SecretService.Keyring",
        "CMPLANNER_HOME": str(home),
    }
    env.pop("CMPLANNER_DB", None)
    command = [*_COMMAND, "--home", str(home)]
    if db_url:
        command += ["--db", db_url]
    try:
        killed = _run_publishers(command, env, engine, processes, posts, kills)
        _check(engine, posts)
    finally:
        engine.dispose()
    assert killed == kills
    assert _records_on_server(server, account, stamp) == Counter(texts)  # each exactly once


def test_three_publishers_on_postgresql_publish_every_post_exactly_once(
    tmp_path: Path,
    postgres_db: str,
    atproto_server: AtprotoServer,
    secret_service: SecretServiceSession,
    secret_service_backend: SecretServiceKeyring,
) -> None:
    _many(
        tmp_path,
        postgres_db,
        3,
        60,
        3,
        atproto_server,
        atproto_server.alice,
        secret_service,
        secret_service_backend,
    )


def test_two_publishers_on_one_sqlite_file_publish_every_post_exactly_once(
    tmp_path: Path,
    atproto_server: AtprotoServer,
    secret_service: SecretServiceSession,
    secret_service_backend: SecretServiceKeyring,
) -> None:
    _many(
        tmp_path,
        None,
        2,
        30,
        2,
        atproto_server,
        atproto_server.bob,
        secret_service,
        secret_service_backend,
    )
