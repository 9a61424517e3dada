"""A real AT Protocol server WITH its AppView on loopback, for tests that read app.bsky.*.

Load it from a test module with ``pytest_plugins = ["tests.support.atproto_appview"]``.

``atproto_appview`` (session-scoped, started only by the tests that ask for it) runs
``node tests/atproto/server.mjs --appview``: PLC, PDS, the Bluesky AppView and the Ozone
service it needs (``@atproto/dev-env``'s ``TestNetwork``). The AppView keeps its index in
PostgreSQL: a fresh database on the session's loopback server (``postgres_server`` from
``tests/support/postgres.py``), dropped at the end. Every port is a free one, so it runs
beside the PDS-only ``atproto_server`` of ``tests/support/atproto.py`` in the same session.

It yields an ``AtprotoAppView``: everything ``AtprotoServer`` has (PDS URL, alice and bob
with app passwords, ``mint_access_token``) plus ``appview_url``/``appview_did``. The PDS
proxies ``app.bsky.*`` calls to the AppView, so a client logged in on the PDS reads counts,
profiles and notifications as it would on bsky.social.

The AppView indexes a write 0.06-0.4 s after it: wait with ``appview.poll(fn)`` (calls
``fn`` until it returns something truthy), never a fixed sleep.

When node, the install or PostgreSQL is missing it skips saying why; under ``CI`` it fails
instead, so CI never silently skips the real AppView.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest

# This plugin builds on the PDS-only one: have pytest rewrite its asserts even when this
# module is the first to import it (else loading both plugins warns, and warnings fail).
pytest.register_assert_rewrite("tests.support.atproto")

from tests.support.atproto import (  # noqa: E402
    INSTALL_HINT,
    SERVER_DIR,
    SERVER_SCRIPT,
    AtprotoServer,
    _free_port,
    _load_state,
    _not_available,
    _stop,
)

#: PostgreSQL migrations and Ozone make it slower to start than the PDS alone (5-15 s).
START_TIMEOUT = 120.0
#: How long ``poll`` waits, by default, for the AppView to index a write.
INDEX_TIMEOUT = 15.0

T = TypeVar("T")


@dataclass(frozen=True)
class AtprotoAppView(AtprotoServer):
    appview_url: str
    appview_did: str

    def poll(
        self,
        fn: Callable[[], T | None],
        *,
        timeout: float = INDEX_TIMEOUT,
        what: str = "the AppView to index the write",
    ) -> T:
        """``fn()`` again every 50 ms until it returns something truthy; that value.
        Fails the test, saying ``what`` it waited for, after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        pause = threading.Event()  # never set: a plain, interruptible wait between polls
        last: T | None = None
        while True:
            last = fn()
            if last:
                return last
            if time.monotonic() > deadline:
                pytest.fail(f"waited {timeout:.0f} s for {what}; last answer: {last!r}")
            pause.wait(0.05)


def _unique_free_ports(n: int) -> list[int]:
    ports: list[int] = []
    while len(ports) < n:
        port = _free_port()
        if port not in ports:
            ports.append(port)
    return ports


@pytest.fixture(scope="session")
def atproto_appview(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[AtprotoAppView]:
    node = shutil.which("node")
    if node is None:
        _not_available("node is not installed (the AT Protocol test server needs Node 20)")
    if not (SERVER_DIR / "node_modules" / "@atproto" / "dev-env").is_dir():
        _not_available(INSTALL_HINT)
    assert node is not None
    # PostgreSQL for the AppView's index (skips, or fails under CI, when it cannot start)
    pg = request.getfixturevalue("postgres_server")
    dbname = pg.create_database()
    db_url = f"postgresql://{pg.user}@{pg.host}:{pg.port}/{dbname}"

    root = tmp_path_factory.mktemp("atproto-appview")
    tmp = root / "tmp"
    tmp.mkdir()
    state_path = root / "state.json"
    out_path = root / "server.log"
    plc, pds, bsky, ozone = _unique_free_ports(4)
    env = {
        **os.environ,
        "TMPDIR": str(tmp),
        "ATPROTO_PLC_PORT": str(plc),
        "ATPROTO_PDS_PORT": str(pds),
        "ATPROTO_BSKY_PORT": str(bsky),
        "ATPROTO_OZONE_PORT": str(ozone),
        "DB_POSTGRES_URL": db_url,
        "DB_POSTGRES_SCHEMA": "cmplanner",
    }
    proc: subprocess.Popen[bytes] | None = None
    try:
        with out_path.open("wb") as out:
            proc = subprocess.Popen(
                [node, str(SERVER_SCRIPT), str(state_path), "--exit-with-stdin", "--appview"],
                cwd=SERVER_DIR,
                env=env,
                stdin=subprocess.PIPE,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + START_TIMEOUT
        while b"READY" not in out_path.read_bytes():
            if proc.poll() is not None:
                pytest.fail(
                    f"the AT Protocol test server with AppView exited ({proc.returncode}):\n"
                    + out_path.read_text(errors="replace")[-3000:]
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"the AT Protocol test server with AppView was not ready in "
                    f"{START_TIMEOUT:.0f} s:\n" + out_path.read_text(errors="replace")[-3000:]
                )
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=0.05)  # wakes at once if the server dies
        yield _load_appview_state(state_path, out_path)
    finally:
        if proc is not None:
            if proc.stdin is not None:
                proc.stdin.close()
            _stop(proc)
        with contextlib.suppress(Exception):
            pg.drop_database(dbname)


def _load_appview_state(path: Path, log_path: Path) -> AtprotoAppView:
    base = _load_state(path, log_path)
    state = json.loads(path.read_text())
    return AtprotoAppView(
        pds_url=base.pds_url,
        plc_url=base.plc_url,
        service_did=base.service_did,
        jwt_secret=base.jwt_secret,
        admin_password=base.admin_password,
        accounts=base.accounts,
        pid=base.pid,
        log_path=base.log_path,
        appview_url=state["appview_url"],
        appview_did=state["appview_did"],
    )
