"""``cmplanner metrics sync``: what it prints, and its exit code when an account fails."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from cmplanner import cli
from cmplanner.domain.enums import AccountStatus, Network, PostState, TargetState
from cmplanner.paths import Paths
from cmplanner.services.workspace import open_workspace
from cmplanner.storage.tables import AccountRow, PostTargetRow


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_nothing_published_measures_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "metrics", "sync", "--json", "--home", str(tmp_path / "h"))
    assert (code, err) == (0, "")
    body = json.loads(out)
    assert (body["measured"], body["due"], body["accounts"]) == (0, 0, [])


def test_an_account_that_cannot_be_read_is_said_and_exits_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "h"
    ws = open_workspace(Paths(home=home, logs=home / "logs"))
    try:
        brand = ws.brands.create("Sol", "UTC")
        acc = ws.accounts.add_profile(brand.id, Network.MASTODON, "sol@example.social")
        post = ws.posts.create(
            brand.id,
            "Fresh bread",
            local_at=(datetime.now(UTC) - timedelta(hours=3)).replace(tzinfo=None),
            state=PostState.PUBLISHED,
            account_ids=[acc.id],
            allow_past=True,
        )
        with ws.sessions.begin() as s:
            s.execute(
                update(PostTargetRow)
                .where(PostTargetRow.post_id == post.id)
                .values(state=TargetState.PUBLISHED.value, remote_id="1099")
            )
            s.execute(
                update(AccountRow)
                .where(AccountRow.id == acc.id)
                .values(status=AccountStatus.NEEDS_RECONNECT.value)
            )
    finally:
        ws.close()

    code, out, err = _run(capsys, "metrics", "sync", "--home", str(home))

    assert code == 1
    assert "Measured 0 of 1 due post(s)" in out
    assert "Mastodon sol@example.social needs reconnecting" in err
