"""``cmplanner accounts ...`` end to end: a real subprocess, the local PDS, gnome-keyring."""

from __future__ import annotations

pytest_plugins = ["tests.support.atproto", "tests.support.secret_service"]

import json  # noqa: E402
import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING, Any  # noqa: E402

import pytest  # noqa: E402

from cmplanner.services.credentials import SERVICE  # noqa: E402

if TYPE_CHECKING:
    from tests.support.atproto import AtprotoServer
    from tests.support.secret_service import SecretServiceSession

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Result:
    code: int
    out: str
    err: str


class Cli:
    """``python -m cmplanner ... --home HOME`` with the test's D-Bus session; ``here`` runs
    a command that needs no keyring in this process (the same code, a second faster)."""

    def __init__(self, home: Path, bus: str, capsys: pytest.CaptureFixture[str]) -> None:
        self.home = home
        self.env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": bus}
        self.env.pop("PYTHON_KEYRING_BACKEND", None)
        self._capsys = capsys

    def here(self, *argv: str) -> str:
        from cmplanner.cli import run

        self._capsys.readouterr()
        code = run([*argv, "--home", str(self.home)])
        out, err = self._capsys.readouterr()
        assert code == 0 and err == "", err
        return out

    def here_fails(self, *argv: str) -> str:
        from cmplanner.cli import run

        self._capsys.readouterr()
        code = run([*argv, "--home", str(self.home)])
        out, err = self._capsys.readouterr()
        assert code != 0 and out == "", out
        assert err.startswith("cmplanner: "), err
        return err

    def __call__(self, *argv: str, stdin: str = "", env: dict[str, str] | None = None) -> Result:
        proc = subprocess.run(
            [sys.executable, "-m", "cmplanner", *argv, "--home", str(self.home)],
            input=stdin,
            capture_output=True,
            text=True,
            env=env or self.env,
            cwd=ROOT,
            timeout=60,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    def ok(self, *argv: str, stdin: str = "") -> str:
        r = self(*argv, stdin=stdin)
        assert r.code == 0, r.err
        assert r.err == ""
        return r.out

    def fails(self, *argv: str, stdin: str = "", env: dict[str, str] | None = None) -> Result:
        r = self(*argv, stdin=stdin, env=env)
        assert r.code != 0, r.out
        assert r.out == ""
        assert r.err.startswith("cmplanner: "), r.err
        assert "Traceback" not in r.err
        return r


@pytest.fixture
def cli(
    tmp_path: Path,
    secret_service: SecretServiceSession,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Cli:
    # This process reads the same keyring to check what the CLI saved.
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", secret_service.address)
    return Cli(tmp_path / "home", secret_service.address, capsys)


def _in_keyring(account_id: int) -> dict[str, Any] | None:
    from keyring.backends.SecretService import Keyring

    raw = Keyring().get_password(SERVICE, f"account:{account_id}")
    return None if raw is None else dict(json.loads(raw))


def test_accounts_add_list_test_remove(cli: Cli, atproto_server: AtprotoServer) -> None:
    alice = atproto_server.alice
    cli.here("brands", "add", "Panadería Sol", "--tz", "Europe/Madrid")
    cli.here("brands", "add", "Harbor Books", "--tz", "America/New_York")
    add = ("accounts", "add", "bluesky", "--brand", "Panadería Sol")
    where = ("--server", atproto_server.pds_url, "--handle", alice.handle)

    # a wrong password: a clear refusal, nothing saved
    r = cli.fails(*add, *where, "--secret-stdin", stdin="wrong-wrong-wrong-wrong\n")
    assert r.code == 1
    assert f"Bluesky refused the login of {alice.handle}" in r.err
    assert "app password" in r.err
    assert "wrong-wrong" not in r.err
    assert json.loads(cli.here("accounts", "list", "--json")) == []

    # the right one: the id alone on a line
    out = cli.ok(*add, *where, "--secret-stdin", stdin=alice.app_password + "\n")
    assert out.strip().isdigit() and out == out.strip() + "\n"
    account_id = int(out)
    saved = _in_keyring(account_id)
    assert saved is not None and saved["app_password"] == alice.app_password

    listed = cli.here("accounts", "list", "--json")
    [entry] = json.loads(listed)
    assert entry["id"] == account_id
    assert (entry["brand"], entry["network"], entry["handle"]) == (
        "Panadería Sol",
        "bluesky",
        alice.handle,
    )
    assert entry["server"] == atproto_server.pds_url
    assert entry["status"] == "connected"
    assert entry["health"]["label"] == "Connected"
    text = cli.here("accounts", "list")
    assert alice.handle in text and "Connected" in text
    for value in saved.values():
        if value != alice.did:
            assert value not in listed and value not in text

    assert cli.ok("accounts", "test", str(account_id)).startswith(f"Connected: {alice.handle}")

    # the same account again is refused, with the way to give it a new secret
    r = cli.fails(*add, *where, "--secret-stdin", stdin=alice.app_password)
    assert "already connected" in r.err and f"reconnect {account_id}" in r.err
    assert cli.ok(
        "accounts", "reconnect", str(account_id), "--secret-stdin", stdin=alice.app_password
    )

    # a post of another brand cannot target it
    err = cli.here_fails(
        "posts", "add", "--brand", "Harbor Books", "--text", "Hi", "--to", str(account_id)
    )
    assert f"Account {account_id} does not belong to this post's brand" in err
    assert "cmplanner accounts list" in err
    post = cli.here(
        "posts", "add", "--brand", "Panadería Sol", "--text", "Pan", "--to", str(account_id)
    )
    shown = json.loads(cli.here("posts", "show", post.strip(), "--json"))
    assert [t["account_id"] for t in shown["targets"]] == [account_id]

    # removed: the secret is gone; the row stays (a post refers to it) but is not listed
    assert "kept as 'removed'" in cli.ok("accounts", "remove", str(account_id))
    assert _in_keyring(account_id) is None
    assert json.loads(cli.here("accounts", "list", "--json")) == []
    [gone] = json.loads(cli.here("accounts", "list", "--json", "--all"))
    assert gone["status"] == "disabled"


def test_accounts_add_refuses_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """In this process (no keyring is reached: every case is refused before)."""
    import io

    from cmplanner.cli import run

    home = str(tmp_path / "home")

    def fails(*argv: str, stdin: str = "tok-123") -> tuple[int, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        capsys.readouterr()
        code = run([*argv, "--home", home])
        out, err = capsys.readouterr()
        assert code != 0 and out == "", out
        assert err.startswith("cmplanner: ") and "Traceback" not in err, err
        return code, err

    assert run(["brands", "add", "Sol", "--tz", "Europe/Madrid", "--home", home]) == 0
    cases: list[tuple[list[str], str, str]] = [
        (["myspace", "--brand", "Sol"], "Unknown network 'myspace'", "Use one of: mastodon"),
        (["bluesky", "--brand", "Luna"], "No brand called 'Luna'", "brands add"),
        (
            ["mastodon", "--brand", "Sol", "--server", "http://mastodon.example"],
            "refusing plain http:// to mastodon.example",
            "https://",
        ),
        (["mastodon", "--brand", "Sol"], "needs the address of its server", "--server"),
        (["bluesky", "--brand", "Sol", "--server", "http://127.0.0.1:9"], "handle", "--handle"),
    ]
    for argv, what, hint in cases:
        _, err = fails("accounts", "add", *argv, "--secret-stdin")
        assert what in err and hint in err, err
    code, err = fails("accounts", "add", "bluesky", "--brand", "Sol", "--handle", "a.test")
    assert "standard input only" in err and code == 2
    _, err = fails(
        "accounts", "add", "mastodon", "--brand", "Sol", "--server", "https://m.example",
        "--secret-stdin", stdin="  \n",
    )  # fmt: skip
    assert "no secret" in err
    _, err = fails(
        "accounts", "add", "mastodon", "--brand", "Sol", "--server", "https://m.example",
        "--secret-stdin", stdin='{"access_token": 12345678}',
    )  # fmt: skip
    assert "not an object of text fields" in err and "12345678" not in err
    _, err = fails("accounts", "test", "99")
    assert "Account 99 does not exist" in err


def test_no_keyring_says_so_and_how_to_fix_it(cli: Cli, tmp_path: Path) -> None:
    cli.here("brands", "add", "Sol", "--tz", "Europe/Madrid")
    env = {**cli.env, "DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path / 'no-bus'}"}
    r = cli.fails(
        "accounts", "add", "bluesky", "--brand", "Sol", "--handle", "a.test",
        "--server", "http://127.0.0.1:9", "--secret-stdin", stdin="abcd-efgh",
        env=env,
    )  # fmt: skip
    assert r.code == 1
    assert "No password store is available" in r.err
    assert "GNOME Keyring or KWallet" in r.err
    assert "abcd-efgh" not in r.err
    assert json.loads(cli.here("accounts", "list", "--json")) == []
