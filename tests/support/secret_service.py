"""A real Secret Service for tests: gnome-keyring on a private D-Bus session bus.

Load it from a test module with ``pytest_plugins = ["tests.support.secret_service"]``.

``secret_service`` (session-scoped) starts ``dbus-daemon`` on a socket in a temp folder and
``gnome-keyring-daemon --unlock --components=secrets`` on that bus, fed a password on stdin (so
the login keyring is created unlocked and no prompt is ever needed); both daemons are killed at
the end of the session. ``secret_service_backend`` points ``DBUS_SESSION_BUS_ADDRESS`` of the
test process at that bus for one test and returns a fresh
``keyring.backends.SecretService.Keyring()``. Without the binaries the fixtures skip, saying
why (``scripts/install_system_deps.sh`` installs them); under ``CI`` (set by ``.ci/run``) they
fail instead, so CI never silently skips the real keyring.

``own_secret_service`` gives ``running_secret_service``, the same as a context manager, for a
test that needs a daemon of its own (one it may lock, say). Test modules take it through the
fixture rather than importing it, so that pytest can still rewrite this module's asserts.

Nothing here can hang: each wait has a deadline, and the daemons are killed in ``finally``.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from keyring.backends.SecretService import Keyring as SecretServiceKeyring

BINARIES = ("dbus-daemon", "gnome-keyring-daemon")
KEYRING_PASSWORD = "cmplanner-test-login"
START_TIMEOUT = 15.0
SECRETS_NAME = "org.freedesktop.secrets"


@dataclass(frozen=True)
class SecretServiceSession:
    address: str  # the DBUS_SESSION_BUS_ADDRESS of the private bus
    root: Path
    dbus_pid: int
    keyring_pid: int


def missing_binaries() -> list[str]:
    return [name for name in BINARIES if shutil.which(name) is None]


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)


def _read_line(proc: subprocess.Popen[bytes], deadline: float) -> str:
    """One line of the process's stdout, or a failure when the deadline passes."""
    assert proc.stdout is not None
    buf = b""
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        while not buf.endswith(b"\n"):
            left = deadline - time.monotonic()
            if left <= 0 or not sel.select(timeout=left):
                raise RuntimeError(f"{proc.args[0]} printed no address in time")
            chunk = os.read(proc.stdout.fileno(), 4096)
            if not chunk:
                raise RuntimeError(f"{proc.args[0]} exited with code {proc.wait(timeout=5)}")
            buf += chunk
    return buf.decode().strip()


def _secrets_owned(address: str) -> bool:
    from jeepney import DBus
    from jeepney.io.blocking import open_dbus_connection

    with open_dbus_connection(bus=address) as conn:
        reply = conn.send_and_get_reply(DBus().NameHasOwner(SECRETS_NAME), timeout=2)
    return bool(reply.body[0])


def _wait_for_secrets(address: str, proc: subprocess.Popen[bytes], deadline: float) -> None:
    # Polling the bus is the only readiness signal gnome-keyring gives in --foreground mode.
    while not _secrets_owned(address):
        if proc.poll() is not None:
            raise RuntimeError(f"gnome-keyring-daemon exited with code {proc.returncode}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"gnome-keyring-daemon did not take {SECRETS_NAME} in time")
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=0.02)  # wakes at once if the daemon dies


@contextmanager
def running_secret_service(root: Path) -> Iterator[SecretServiceSession]:
    """dbus-daemon + unlocked gnome-keyring under ``root``; both killed on exit."""
    missing = missing_binaries()
    if missing:
        why = (
            f"no {' and '.join(missing)} here: the real Secret Service test needs the Debian "
            "packages gnome-keyring dbus-daemon dbus-bin (scripts/install_system_deps.sh)"
        )
        if os.environ.get("CI"):  # .ci/run installs them: in CI a skip would hide a gap
            pytest.fail(why, pytrace=False)
        pytest.skip(why)
    runtime = root / "runtime"
    for d in (root / "data", root / "config", root / "cache", runtime):
        d.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)
    env = {
        **os.environ,
        "HOME": str(root),
        "XDG_DATA_HOME": str(root / "data"),
        "XDG_CONFIG_HOME": str(root / "config"),
        "XDG_CACHE_HOME": str(root / "cache"),
        "XDG_RUNTIME_DIR": str(runtime),
    }
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    deadline = time.monotonic() + START_TIMEOUT
    with ExitStack() as stack:
        dbus = subprocess.Popen(
            [
                "dbus-daemon",
                "--session",
                "--nofork",
                "--nopidfile",
                f"--address=unix:path={runtime / 'bus'}",
                "--print-address=1",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        stack.callback(_stop, dbus)
        stack.callback(lambda: dbus.stdout and dbus.stdout.close())
        address = _read_line(dbus, deadline)
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        keyring_log = (root / "gnome-keyring.log").open("wb")
        stack.callback(keyring_log.close)
        gkd = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            stdin=subprocess.PIPE,
            stdout=keyring_log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        stack.callback(_stop, gkd)
        assert gkd.stdin is not None
        gkd.stdin.write(KEYRING_PASSWORD.encode())
        gkd.stdin.close()
        _wait_for_secrets(address, gkd, deadline)
        yield SecretServiceSession(address, root, dbus.pid, gkd.pid)


@pytest.fixture(scope="session")
def secret_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SecretServiceSession]:
    """A running, unlocked Secret Service for the session.

    The process environment is left alone here: a test that talks to it points
    ``DBUS_SESSION_BUS_ADDRESS`` at ``session.address`` with its own monkeypatch (as
    ``secret_service_backend`` does), so other tests never see the private bus.
    """
    root = tmp_path_factory.mktemp("secret-service")
    with running_secret_service(root) as session:
        yield session


@pytest.fixture
def own_secret_service() -> Callable[[Path], AbstractContextManager[SecretServiceSession]]:
    """``running_secret_service`` itself: a private daemon pair for one test."""
    return running_secret_service


@pytest.fixture
def secret_service_backend(
    secret_service: SecretServiceSession, monkeypatch: pytest.MonkeyPatch
) -> SecretServiceKeyring:
    """A fresh keyring SecretService backend on the test's private bus."""
    from keyring.backends.SecretService import Keyring

    # Another test may have pointed the address elsewhere (monkeypatch undoes it after).
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", secret_service.address)
    return Keyring()
