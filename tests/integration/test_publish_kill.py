"""Kill test: ``cmplanner publish-due --loop`` killed with SIGKILL at random points while it
publishes 20 posts to the real PDS, restarted until everything is out; then the records on
the server are counted: each post exactly once."""

from __future__ import annotations

pytest_plugins = ["tests.support.atproto", "tests.support.secret_service"]

import contextlib  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import signal  # noqa: E402
import sqlite3  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from datetime import UTC, datetime, timedelta  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

import pytest  # noqa: E402
from sqlalchemy import update  # noqa: E402

from cmplanner.domain.enums import AccountStatus, Network  # noqa: E402
from cmplanner.networks.bluesky_client import BlueskyClient  # noqa: E402
from cmplanner.paths import Paths  # noqa: E402
from cmplanner.services.credentials import CredentialStore  # noqa: E402
from cmplanner.services.workspace import open_workspace  # noqa: E402
from cmplanner.storage.tables import AccountRow  # noqa: E402

if TYPE_CHECKING:
    from keyring.backends.SecretService import Keyring as SecretServiceKeyring

    from tests.support.atproto import AtprotoServer
    from tests.support.secret_service import SecretServiceSession

pytestmark = pytest.mark.slow

POSTS = 20
MAX_KILLS = 4
ROUND_DEADLINE_S = 30.0


def _published(db: Path) -> int:
    con = sqlite3.connect(db, timeout=10)
    try:
        (n,) = con.execute("SELECT count(*) FROM post_target WHERE state = 'published'").fetchone()
        return int(n)
    finally:
        con.close()


def _attempts(db: Path) -> int:
    con = sqlite3.connect(db, timeout=10)
    try:
        (n,) = con.execute("SELECT count(*) FROM publish_attempt").fetchone()
        return int(n)
    finally:
        con.close()


def _died(proc: subprocess.Popen[bytes]) -> str:
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    return f"the publisher exited by itself ({proc.returncode}):\n{err[-4000:]}"


_COMMAND = (sys.executable, "-m", "cmplanner", "publish-due", "--loop", "--interval", "1")


def _spawn(home: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*_COMMAND, "--home", str(home)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_killed_publishers_publish_every_post_exactly_once(
    seed: int,
    tmp_path: Path,
    atproto_server: AtprotoServer,
    secret_service: SecretServiceSession,
    secret_service_backend: SecretServiceKeyring,
) -> None:
    rng = random.Random(seed)
    home = tmp_path / "home"
    ws = open_workspace(Paths(home=home, logs=home / "logs"))  # the real clock
    store = CredentialStore(secret_service_backend)
    account = atproto_server.bob if seed % 2 else atproto_server.alice
    try:
        brand = ws.brands.create("Kill test", "UTC")
        acc = ws.accounts.add_profile(
            brand.id, Network.BLUESKY, account.handle, server=atproto_server.pds_url
        )
        with ws.sessions.begin() as s:
            s.execute(
                update(AccountRow)
                .where(AccountRow.id == acc.id)
                .values(status=AccountStatus.CONNECTED.value)
            )
        store.set(acc.id, {"app_password": account.app_password})
        due = (datetime.now(UTC) - timedelta(minutes=1)).replace(tzinfo=None, second=0)
        stamp = f"{seed}-{os.getpid()}-{int(time.time())}"
        texts = [f"Kill test {stamp} post {i}" for i in range(POSTS)]
        for text in texts:
            ws.posts.create(brand.id, text, local_at=due, account_ids=[acc.id], allow_past=True)
    finally:
        ws.close()
    db = home / "cmplanner.db"
    env = {
        **os.environ,
        "DBUS_SESSION_BUS_ADDRESS": secret_service.address,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.SecretService.Keyring",
        "CMPLANNER_HOME": str(home),
    }

    kills = 0
    while _published(db) < POSTS:
        proc = _spawn(home, env)
        try:
            deadline = time.monotonic() + ROUND_DEADLINE_S
            if kills < MAX_KILLS:
                # once it works (a new attempt row), let 0-2 more rows and 0-40 ms pass
                goal = _attempts(db) + 1 + rng.randint(0, 2)
                extra = rng.uniform(0.0, 0.04)
                while _attempts(db) < goal and _published(db) < POSTS:
                    assert time.monotonic() < deadline, "the publisher made no progress"
                    assert proc.poll() is None, _died(proc)
                    with contextlib.suppress(subprocess.TimeoutExpired):
                        proc.wait(timeout=0.002)  # wakes at once if it dies
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=extra)
                proc.send_signal(signal.SIGKILL)
                proc.wait(timeout=10)
                kills += 1
                continue
            while _published(db) < POSTS:  # the last run may finish in peace
                assert time.monotonic() < deadline, "the publisher did not finish in time"
                assert proc.poll() is None, _died(proc)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=0.05)
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=15) == 0
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)
            if proc.stderr is not None:
                proc.stderr.close()

    assert kills == MAX_KILLS
    reader = BlueskyClient(atproto_server.pds_url)
    reader.login(account.handle, account.app_password)
    try:
        on_server = Counter(r.text for r in reader.list_posts() if stamp in r.text)
    finally:
        reader.http.close()
    assert on_server == Counter(texts)  # every post, each exactly once
    con = sqlite3.connect(db)
    try:
        states = con.execute("SELECT state, count(*) FROM post_target GROUP BY state").fetchall()
        results = dict(con.execute("SELECT result, count(*) FROM publish_attempt GROUP BY result"))
    finally:
        con.close()
    assert states == [("published", POSTS)]
    print(f"kill test seed {seed}: attempts {results}")  # shown with -s: where the kills landed
