"""A real account's secrets appear nowhere but in the password store.

An account is connected to the local PDS with its app password (the keyring is gnome-keyring
on a private bus), its session is made to expire so the publisher refreshes it while
publishing a post, a connect attempt fails with the secret in hand and its crash report is
written, and the command line prints everything it can (lists, a post with its per-target
results, the publisher's JSON). Then every secret that ever went into the keyring (the app
password, each access and refresh token), in UTF-8, UTF-16 and base64, is searched for in
the database file and its WAL (a dump on PostgreSQL), the log folder, every output and every
export: none is found.
"""

from __future__ import annotations

pytest_plugins = ["tests.support.atproto", "tests.support.secret_service"]

import base64  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from collections.abc import Iterator, Mapping  # noqa: E402
from datetime import timedelta  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING, Any  # noqa: E402

import pytest  # noqa: E402

from cmplanner.domain.accounts import ConnectFailed  # noqa: E402
from cmplanner.domain.clock import FixedClock  # noqa: E402
from cmplanner.domain.enums import Network  # noqa: E402
from cmplanner.paths import Paths  # noqa: E402
from cmplanner.services.credentials import CredentialStore  # noqa: E402
from cmplanner.services.workspace import Workspace, open_workspace  # noqa: E402

if TYPE_CHECKING:
    from tests.support.atproto import AtprotoServer
    from tests.support.secret_service import SecretServiceSession

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


class RecordingStore(CredentialStore):
    """The real store (gnome-keyring), noting every secret value that goes into it."""

    def __init__(self, backend: Any) -> None:
        super().__init__(backend)
        self.values: set[str] = set()

    def set(self, account_id: int, secret: Mapping[str, str] | str) -> None:
        fields = {"secret": secret} if isinstance(secret, str) else dict(secret)
        self.values.update(v for k, v in fields.items() if k != "did")  # a DID is public
        super().set(account_id, secret)


def forms(secret: str) -> list[bytes]:
    """The secret's bytes as a file could hold them: UTF-8, UTF-16 and base64 (standard and
    URL-safe, at each of the three alignments it can have inside a longer encoded blob)."""
    raw = secret.encode()
    out = [raw, secret.encode("utf-16-le"), secret.encode("utf-16-be")]
    for k in range(3):
        whole = raw[k:][: (len(raw) - k) // 3 * 3]
        out += [base64.b64encode(whole), base64.urlsafe_b64encode(whole)]
    return [f for f in out if len(f) >= 8]


@pytest.fixture
def store(secret_service_backend: Any) -> RecordingStore:
    return RecordingStore(secret_service_backend)


@pytest.fixture
def desk(
    paths: Paths, db_url: str, clock: FixedClock, store: RecordingStore
) -> Iterator[Workspace]:
    ws = open_workspace(paths, db_url=db_url, clock=clock, credentials=store)
    yield ws
    ws.close()


@pytest.fixture
def debug_log(paths: Paths) -> Iterator[Path]:
    from cmplanner.logsetup import setup_logging

    root = logging.getLogger()
    old_level = root.level
    path = setup_logging(paths.logs, logging.DEBUG)  # the most the log ever says
    yield path
    for h in list(root.handlers):
        if getattr(h, "_cmplanner", False):
            root.removeHandler(h)
            h.close()
    root.setLevel(old_level)


def test_no_secret_in_database_logs_outputs_or_exports(
    atproto_server: AtprotoServer,
    secret_service: SecretServiceSession,
    desk: Workspace,
    store: RecordingStore,
    paths: Paths,
    clock: FixedClock,
    tmp_path: Path,
    debug_log: Path,
    capsys: pytest.CaptureFixture[str],
    db_url: str,
) -> None:
    from cmplanner.cli import run
    from cmplanner.services.publisher import Publisher
    from cmplanner.ui.crash import crash_text

    alice = atproto_server.alice
    home = str(paths.home)
    exports = tmp_path / "exports"
    exports.mkdir()
    outputs: dict[str, str] = {}

    def cli_here(name: str, *argv: str) -> None:
        capsys.readouterr()
        assert run([*argv, "--home", home, "--db", db_url]) == 0
        out, err = capsys.readouterr()
        outputs[name] = out + err
        (exports / name).write_text(out, encoding="utf-8")

    # connect with the app password; the login's session tokens go to the keyring too
    brand = desk.brands.create("Panadería Sol", "UTC")
    account = desk.accounts.connect(
        brand.id,
        Network.BLUESKY,
        handle=alice.handle,
        server=atproto_server.pds_url,
        secret=alice.app_password,
    )
    assert alice.app_password in store.values and len(store.values) >= 3

    # the session expires: publishing refreshes it and writes the new tokens back
    saved = store.get(account.id)
    assert saved is not None
    expired = atproto_server.mint_access_token(alice.did, expires_in_s=-60)
    store.set(account.id, {**saved, "access_jwt": expired})
    post = desk.posts.create(
        brand.id,
        "Fresh bread at 9 #panaderia https://example.com/menu",
        local_at=(clock.now() + timedelta(hours=1)).replace(tzinfo=None),
        account_ids=[account.id],
    )
    assert post.scheduled_utc is not None
    clock.set(post.scheduled_utc)
    publisher = Publisher(
        desk.sessions,
        desk.notifier,
        clock,
        store,
        worker_id="leak-test",
        is_online=lambda urls: True,
        media_root=desk.media.root,
    )
    summary = publisher.publish_due()
    assert summary.published == 1, summary
    [target] = publisher.targets(post.id)
    assert target.remote_url.startswith("https://bsky.app/profile/")
    after = store.get(account.id)
    assert after is not None and after["refresh_jwt"] != saved["refresh_jwt"]

    # test the connection (the CLI in its own process, on the same keyring)
    where = ("--home", home, "--db", db_url)
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": secret_service.address}
    env.pop("PYTHON_KEYRING_BACKEND", None)
    proc = subprocess.run(
        [sys.executable, "-m", "cmplanner", "accounts", "test", str(account.id), *where],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    outputs["accounts-test.txt"] = proc.stdout + proc.stderr

    # a connect that fails with the secret in hand, and the crash report of that error
    with pytest.raises(ConnectFailed) as err:
        desk.accounts.connect(
            brand.id,
            Network.BLUESKY,
            handle=alice.handle,
            server="http://127.0.0.1:9",  # nothing listens there
            secret=alice.app_password,
        )
    report = crash_text(type(err.value), err.value, err.value.__traceback__)
    logging.getLogger("cmplanner.ui.crash").error("unhandled exception\n%s", report)
    (exports / "crash-report.txt").write_text(report, encoding="utf-8")
    outputs["error"] = f"{err.value}\n{err.value!r}\n{store!r}"

    # everything the command line prints, saved as a user would export it
    cli_here("accounts.json", "accounts", "list", "--json")
    cli_here("accounts.txt", "accounts", "list")
    cli_here("brands.json", "brands", "list", "--json")
    cli_here("posts.json", "posts", "list", "--json")
    cli_here("post.json", "posts", "show", str(post.id), "--json")
    cli_here("post.txt", "posts", "show", str(post.id))
    cli_here("publish-due.json", "publish-due", "--json")
    assert str(account.id) in outputs["accounts.json"]
    assert target.remote_url in outputs["post.json"]

    # (the workspace stays open: SQLite's -wal file is on disk until the last connection goes)
    secrets = sorted(store.values)
    assert len(secrets) >= 5  # the app password, two logins' and one refresh's tokens, expired
    needles = [(s, f) for s in secrets for f in forms(s)]
    scanned: list[str] = []
    for path in sorted(p for p in tmp_path.rglob("*") if p.is_file()):
        data = path.read_bytes()
        for secret, form in needles:
            assert form not in data, f"a secret ({secret[:4]}…) is in {path}"
        scanned.append(path.name)
    for name, text in outputs.items():
        for secret, form in needles:
            assert form.decode("latin-1") not in text, f"a secret ({secret[:4]}…) is in {name}"

    db_files = {"cmplanner.db", "cmplanner.db-wal"}
    if desk.engine.dialect.name == "postgresql":
        from tests.support.postgres import dump_database

        url = desk.engine.url.render_as_string(hide_password=False)
        dump = dump_database(url, tmp_path / "database.sql")
        for secret, form in needles:
            assert form not in dump.read_bytes(), f"a secret ({secret[:4]}…) is in the database"
        db_files = set()
    assert {*db_files, debug_log.name, "crash-report.txt", "post.json"} <= set(scanned), scanned
    log_text = debug_log.read_text(encoding="utf-8")
    assert "account:" in log_text and "unhandled exception" in log_text  # the log saw it all
