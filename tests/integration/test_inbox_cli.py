"""``cmplanner inbox sync | list | reply | done`` and ``cmplanner brands pause | resume`` end
to end: real subprocesses, the account's secret in a real Secret Service (gnome-keyring on
a private D-Bus), a fake Mastodon instance answering with the documented shapes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import select, update
from werkzeug import Request, Response

from cmplanner.domain.enums import AccountStatus, Network
from cmplanner.paths import Paths
from cmplanner.services.credentials import CredentialStore
from cmplanner.services.workspace import open_workspace
from cmplanner.storage.tables import AccountRow, BrandRow
from tests.unit.services.inbox_support import ME, mention, status, who

if TYPE_CHECKING:
    from tests.support.secret_service import SecretServiceSession

pytest_plugins = ["tests.support.secret_service"]
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def _cmd(home: Path, bus: str, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": bus}
    env.pop("PYTHON_KEYRING_BACKEND", None)
    return subprocess.run(
        [sys.executable, "-m", "cmplanner", *argv, "--home", str(home)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )


def test_inbox_and_brand_pause_from_the_command_line(
    tmp_path: Path,
    secret_service: SecretServiceSession,
    monkeypatch: pytest.MonkeyPatch,
    httpserver_ipv4: HTTPServer,
) -> None:
    server = httpserver_ipv4
    bus = secret_service.address
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", bus)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    home = tmp_path / "home"
    ws = open_workspace(Paths(home=home, logs=home / "logs"), credentials=CredentialStore())
    try:
        brand = ws.brands.create("Café Sol", "Europe/Madrid")
        acc = ws.accounts.add_profile(
            brand.id, Network.MASTODON, "cafesol@example.social", server=server.url_for("/")[:-1]
        )
        ws.accounts.add_profile(brand.id, Network.X, "cafesol")
        with ws.sessions.begin() as s:
            s.execute(update(AccountRow).values(status=AccountStatus.CONNECTED.value, remote_id=ME))
        ws.credentials.set(acc.id, {"access_token": "token-cli"})
    finally:
        ws.close()

    complaint = status(
        "51",
        "<p>@cafesol mi pedido nunca llegó, quiero un reembolso. ¿Es una estafa?</p>",
        reply_to="9",
    )
    server.expect_oneshot_request(
        "/api/v1/notifications", headers={"Authorization": "Bearer token-cli"}
    ).respond_with_json(
        [
            mention("101", complaint),
            {
                "id": "100",
                "type": "follow",
                "created_at": "2026-11-26T09:00:00Z",
                "account": who("3", "leo"),
            },
        ]
    )
    server.expect_request("/api/v1/statuses/51/context").respond_with_json(
        {
            "ancestors": [status("9", "<p>Nuevo menú</p>", author=who(ME, "cafesol"))],
            "descendants": [],
        }
    )
    r = _cmd(home, bus, "inbox", "sync", "--json")
    assert r.returncode == 0, r.stderr
    body = json.loads(r.stdout)
    assert body["new"] == 2
    assert [(a["handle"], a["new"], a["error"]) for a in body["accounts"]] == [
        ("cafesol@example.social", 2, "")
    ]
    assert "paid API" in body["unreadable"][0]

    r = _cmd(home, bus, "inbox", "list", "--brand", "Café Sol", "--unread", "--json")
    assert r.returncode == 0, r.stderr
    items = json.loads(r.stdout)
    assert [(i["kind"], i["author"]) for i in items] == [
        ("reply", "ana@example.social"),  # a mention answering the brand's post
        ("follow", "leo"),
    ]
    mention_item = items[0]
    assert mention_item["tone"] == "negative"

    # too long for Mastodon: refused before anything is sent, said on stderr
    r = _cmd(home, bus, "inbox", "reply", str(mention_item["id"]), "--text", "x" * 600)
    assert r.returncode != 0 and r.stdout == ""
    assert r.stderr.startswith("cmplanner: ") and "Mastodon" in r.stderr
    assert "Traceback" not in r.stderr

    sent: list[tuple[dict[str, object], str | None]] = []

    def answer(request: Request) -> Response:
        sent.append((request.get_json(), request.headers.get("Idempotency-Key")))
        body = {"id": "901", "url": "https://example.social/@cafesol/901"}
        return Response(json.dumps(body), content_type="application/json")

    # the instance is busy: the reply waits with its key, and the publisher sends it later
    busy_keys: list[str | None] = []

    def busy(request: Request) -> Response:
        busy_keys.append(request.headers.get("Idempotency-Key"))
        return Response("", status=429, headers={"X-RateLimit-Reset": "2026-01-01T00:00:00Z"})

    server.expect_oneshot_request("/api/v1/statuses", method="POST").respond_with_handler(busy)
    server.expect_request("/api/v1/statuses", method="POST").respond_with_handler(answer)
    text = "@ana@example.social Lo sentimos, te escribimos por privado."
    r = _cmd(home, bus, "inbox", "reply", str(mention_item["id"]), "--text", text)
    assert r.returncode != 0 and "waits" in r.stderr and "Traceback" not in r.stderr
    assert sent == [] and len(busy_keys) == 1
    r = _cmd(home, bus, "publish-due")
    assert r.returncode == 0, r.stderr
    assert "inbox replies: sent 1" in r.stdout
    assert [(b, k) for b, k in sent] == [
        ({"status": text, "in_reply_to_id": "51"}, busy_keys[0])  # the same key: never twice
    ]
    r = _cmd(home, bus, "inbox", "reply", str(mention_item["id"]), "--text", text)
    assert r.returncode == 0, r.stderr  # already sent: nothing more goes out
    assert r.stdout.strip() == "https://example.social/@cafesol/901"
    assert len(sent) == 1

    r = _cmd(home, bus, "inbox", "done", str(items[1]["id"]))
    assert r.returncode == 0, r.stderr
    r = _cmd(home, bus, "inbox", "list", "--unread")
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""  # answered (read) and done

    # a missing item and a missing brand say so
    r = _cmd(home, bus, "inbox", "reply", "999", "--text", "hola")
    assert r.returncode != 0 and r.stderr.startswith("cmplanner: ")
    r = _cmd(home, bus, "brands", "pause", "Nobody")
    assert r.returncode != 0 and r.stderr.startswith("cmplanner: ")

    r = _cmd(home, bus, "brands", "pause", "Café Sol")
    assert r.returncode == 0, r.stderr
    assert "publishing paused" in r.stdout
    ws = open_workspace(Paths(home=home, logs=home / "logs"))
    try:
        with ws.sessions() as s:
            assert s.scalar(select(BrandRow.paused)) is True
    finally:
        ws.close()
    r = _cmd(home, bus, "brands", "resume", "Café Sol")
    assert r.returncode == 0 and "publishing resumed" in r.stdout
