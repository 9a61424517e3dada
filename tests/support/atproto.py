"""A real AT Protocol server (PLC + PDS) on loopback for the tests.

Load it from a test module with ``pytest_plugins = ["tests.support.atproto"]``.

``atproto_server`` (session-scoped) runs ``node tests/atproto/server.mjs`` once per test
session with ``TMPDIR`` inside a pytest temp folder, waits for ``READY`` (at most
``START_TIMEOUT`` seconds) and yields an ``AtprotoServer``: the PDS URL, two fresh accounts
(handles, DIDs, passwords, app passwords) and the dev JWT secret, with which
``mint_access_token`` signs tokens the PDS accepts (an expired one, say). The server stops
at the end of the session; it also stops by itself if this process dies (its stdin closes).

It listens on 127.0.0.1:2582 (PLC) and :2583 (PDS); when those are taken (another test run
on the same machine), on two free ports instead. It skips, with the command to run, when
``tests/atproto/node_modules`` is missing (``make atproto-server`` installs it); under ``CI``
it fails instead, so CI never silently skips the real server.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVER_DIR = ROOT / "tests" / "atproto"
SERVER_SCRIPT = SERVER_DIR / "server.mjs"
INSTALL_HINT = (
    "the AT Protocol test server is not installed: run `make atproto-server` "
    "(or: cd tests/atproto && npm_config_nodedir=/usr "
    "npm_config_better_sqlite3_binary_host=http://127.0.0.1:9 npm ci --no-audit --no-fund)"
)
START_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0
FIXED_PORTS = (2582, 2583)


@dataclass(frozen=True)
class Account:
    name: str
    handle: str
    did: str
    password: str
    app_password: str


@dataclass(frozen=True)
class AtprotoServer:
    pds_url: str
    plc_url: str
    service_did: str
    jwt_secret: str
    admin_password: str
    accounts: tuple[Account, ...]
    pid: int
    log_path: Path

    @property
    def alice(self) -> Account:
        return self.accounts[0]

    @property
    def bob(self) -> Account:
        return self.accounts[1]

    def mint_access_token(
        self, did: str, *, expires_in_s: int = -60, scope: str = "com.atproto.appPass"
    ) -> str:
        """An access JWT signed as the dev PDS signs them (HS256), valid for
        ``expires_in_s`` seconds from now: negative for an expired one."""
        now = int(time.time())
        header = {"typ": "at+jwt", "alg": "HS256"}
        payload = {
            "scope": scope,
            "aud": self.service_did,
            "sub": did,
            "iat": now - 3600,
            "exp": now + expires_in_s,
        }
        signing_input = f"{_b64(json.dumps(header))}.{_b64(json.dumps(payload))}"
        digest = hmac.new(self.jwt_secret.encode(), signing_input.encode(), hashlib.sha256)
        return f"{signing_input}.{_b64(digest.digest())}"


def _b64(data: str | bytes) -> str:
    raw = data.encode() if isinstance(data, str) else data
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _ports() -> tuple[int, int]:
    if all(_port_free(p) for p in FIXED_PORTS):
        return FIXED_PORTS
    plc = _free_port()
    pds = _free_port()
    while pds == plc:
        pds = _free_port()
    return plc, pds


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=STOP_TIMEOUT)


def _load_state(path: Path, log_path: Path) -> AtprotoServer:
    state = json.loads(path.read_text())
    return AtprotoServer(
        pds_url=state["pds_url"],
        plc_url=state["plc_url"],
        service_did=state["service_did"],
        jwt_secret=state["jwt_secret"],
        admin_password=state["admin_password"],
        accounts=tuple(
            Account(a["name"], a["handle"], a["did"], a["password"], a["app_password"])
            for a in state["accounts"]
        ),
        pid=int(state["pid"]),
        log_path=log_path,
    )


def _not_available(reason: str) -> None:
    if os.environ.get("CI"):  # make test installs it: in CI a skip would hide a gap
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def atproto_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AtprotoServer]:
    node = shutil.which("node")
    if node is None:
        _not_available("node is not installed (the AT Protocol test server needs Node 20)")
    if not (SERVER_DIR / "node_modules" / "@atproto" / "dev-env").is_dir():
        _not_available(INSTALL_HINT)
    assert node is not None
    root = tmp_path_factory.mktemp("atproto")
    tmp = root / "tmp"
    tmp.mkdir()
    state_path = root / "state.json"
    out_path = root / "server.log"
    plc_port, pds_port = _ports()
    env = {
        **os.environ,
        "TMPDIR": str(tmp),
        "ATPROTO_PLC_PORT": str(plc_port),
        "ATPROTO_PDS_PORT": str(pds_port),
    }
    with out_path.open("wb") as out:
        proc = subprocess.Popen(
            [node, str(SERVER_SCRIPT), str(state_path), "--exit-with-stdin"],
            cwd=SERVER_DIR,
            env=env,
            stdin=subprocess.PIPE,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while b"READY" not in out_path.read_bytes():
            if proc.poll() is not None:
                pytest.fail(
                    f"the AT Protocol test server exited ({proc.returncode}):\n"
                    + out_path.read_text(errors="replace")[-3000:]
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"the AT Protocol test server was not ready in {START_TIMEOUT:.0f} s:\n"
                    + out_path.read_text(errors="replace")[-3000:]
                )
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=0.05)  # wakes at once if the server dies
        yield _load_state(state_path, out_path)
    finally:
        if proc.stdin is not None:
            proc.stdin.close()
        _stop(proc)
