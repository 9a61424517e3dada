"""``cmplanner publish-due`` and the per-target results of ``posts show --json``."""

from __future__ import annotations

import argparse
import json
import os
import signal
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cmplanner import cli
from cmplanner.cli_publish import _sleep_s
from cmplanner.domain.enums import Network
from cmplanner.paths import Paths
from cmplanner.services.workspace import Workspace, open_workspace
from tests.conftest import NOW


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_nothing_due_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "publish-due", "--home", str(tmp_path / "h"))
    assert (code, err) == (0, "")
    assert out.strip() == "published 0, failed 0"


def test_a_due_post_on_an_unconnected_account_is_reported_and_exits_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "h"
    ws = open_workspace(Paths(home=home, logs=home / "logs"))
    try:
        brand = ws.brands.create("Sol", "UTC")
        acc = ws.accounts.add_profile(brand.id, Network.MASTODON, "sol@example.social")
        past = (datetime.now(UTC) - timedelta(minutes=5)).replace(tzinfo=None, second=0)
        post = ws.posts.create(
            brand.id, "Hello", local_at=past, account_ids=[acc.id], allow_past=True
        )
    finally:
        ws.close()

    code, out, err = _run(capsys, "publish-due", "--home", str(home), "--json")

    assert code == 1
    summary = json.loads(out)
    assert summary["needs_reconnect"] == 1 and summary["ok"] is False
    assert summary["targets"][0]["state"] == "needs_reconnect"
    assert f"post {post.id} on Mastodon (sol@example.social): needs reconnect:" in err
    assert "connect it in Accounts" in err

    code, out, _ = _run(capsys, "posts", "show", str(post.id), "--json", "--home", str(home))
    assert code == 0
    [target] = json.loads(out)["targets"]
    assert target["account_id"] == acc.id and target["network"] == "mastodon"
    assert target["handle"] == "sol@example.social"
    assert target["state"] == "needs_reconnect" and target["remote_url"] == ""
    assert "connect it in Accounts" in target["last_error"]


def test_the_loop_sleeps_until_the_next_wake_capped_by_the_interval() -> None:
    assert _sleep_s(None, NOW, 60) == 60
    assert _sleep_s(NOW + timedelta(seconds=5), NOW, 60) == 5
    assert _sleep_s(NOW + timedelta(hours=1), NOW, 60) == 60
    assert _sleep_s(NOW - timedelta(seconds=5), NOW, 60) == 0


def test_a_loop_told_to_stop_while_its_workspace_opens_exits_cleanly_having_sent_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """systemd (or a second terminal) may stop ``publish-due --loop`` at any moment of its
    start: the SIGTERM is heard from before the workspace and the keyring open."""
    home = tmp_path / "h"
    real_open = cli._open

    def open_then_sigterm(args: argparse.Namespace) -> Workspace:
        os.kill(os.getpid(), signal.SIGTERM)  # arrives while the workspace is opening
        return real_open(args)

    monkeypatch.setattr(cli, "_open", open_then_sigterm)
    before = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        code, out, err = _run(capsys, "publish-due", "--loop", "--home", str(home))
    finally:
        for s, h in before.items():
            signal.signal(s, h)
    assert (code, out, err) == (0, "", "")  # stopped before any run: no summary printed
