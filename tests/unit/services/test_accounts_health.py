"""Account health, derived from what the rows say and a fixed "now" (no network, no keyring)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from cmplanner.domain.accounts import account_health, clock_time
from cmplanner.domain.clock import FixedClock
from cmplanner.domain.enums import AccountStatus, Network, TargetState
from cmplanner.services.workspace import Workspace
from cmplanner.storage.tables import AccountRow, PostTargetRow, PublishAttemptRow
from tests.conftest import NOW


def _naive(dt: datetime) -> datetime:
    return dt.astimezone(UTC).replace(tzinfo=None)


def _account(ws: Workspace, brand_id: int, handle: str, **facts: Any) -> int:
    """An account row as the connect flow and the publisher leave it."""
    acc = ws.accounts.add_profile(brand_id, Network.BLUESKY, handle)
    with ws.sessions.begin() as s:
        row = s.get(AccountRow, acc.id)
        assert row is not None
        row.status = AccountStatus.CONNECTED.value
        for name, value in facts.items():
            setattr(row, name, _naive(value) if isinstance(value, datetime) else value)
    return acc.id


@pytest.fixture
def brand(ws: Workspace) -> int:
    return ws.brands.create("Panadería Sol", "Europe/Madrid").id


def test_health_of_each_state(ws: Workspace, brand: int) -> None:
    ids = {
        "ok": _account(ws, brand, "ok.test"),
        "far": _account(ws, brand, "far.test", token_expires_utc=NOW + timedelta(days=40)),
        "soon": _account(
            ws, brand, "soon.test", token_expires_utc=NOW + timedelta(days=5, hours=3)
        ),
        "edge": _account(ws, brand, "edge.test", token_expires_utc=NOW + timedelta(days=14)),
        "today": _account(ws, brand, "today.test", token_expires_utc=NOW + timedelta(hours=2)),
        "gone": _account(ws, brand, "gone.test", token_expires_utc=NOW - timedelta(minutes=1)),
        "parked": _account(ws, brand, "parked.test", status="needs_reconnect"),
        "limited": _account(
            ws, brand, "limited.test", rate_limited_until_utc=NOW + timedelta(hours=4, minutes=5)
        ),
        "was_limited": _account(
            ws, brand, "was.test", rate_limited_until_utc=NOW - timedelta(minutes=5)
        ),
        "planned": ws.accounts.add_profile(brand, Network.MASTODON, "@sol@example.social").id,
    }
    health = {h.account.id: h for h in ws.accounts.health(tz=UTC)}
    got = {name: (health[i].level, health[i].label) for name, i in ids.items()}
    assert got == {
        "ok": ("ok", "Connected"),
        "far": ("ok", "Connected"),
        "soon": ("warning", "Token expires in 5 days"),
        "edge": ("ok", "Connected"),
        "today": ("warning", "Token expires in less than a day"),
        "gone": ("error", "Token expired — reconnect"),
        "parked": ("error", "Needs reconnecting"),
        "limited": ("warning", "Rate-limited until 14:05"),
        "was_limited": ("ok", "Connected"),
        "planned": ("off", "Not connected"),
    }
    assert health[ids["soon"]].expires_in_days == 5
    assert health[ids["far"]].expires_in_days == 40
    assert health[ids["ok"]].expires_in_days is None
    assert health[ids["limited"]].rate_limited_until_utc == NOW + timedelta(hours=4, minutes=5)
    assert health[ids["was_limited"]].rate_limited_until_utc is None
    can = {name for name, i in ids.items() if health[i].can_reconnect}
    assert can == {"soon", "today", "gone", "parked", "planned"}


def test_health_follows_the_clock(ws: Workspace, brand: int, clock: FixedClock) -> None:
    acc = _account(ws, brand, "a.test", token_expires_utc=NOW + timedelta(days=20))
    [h] = ws.accounts.health()
    assert h.label == "Connected"
    clock.advance(timedelta(days=10))
    [h] = ws.accounts.health()
    assert (h.level, h.label, h.account.id) == ("warning", "Token expires in 10 days", acc)
    clock.advance(timedelta(days=9, hours=23))
    [h] = ws.accounts.health()
    assert h.label == "Token expires in less than a day"
    clock.advance(timedelta(hours=1))
    [h] = ws.accounts.health()
    assert (h.level, h.label) == ("error", "Token expired — reconnect")


def test_health_per_brand(ws: Workspace, brand: int) -> None:
    other = ws.brands.create("Harbor Books", "America/New_York").id
    mine = _account(ws, brand, "mine.test")
    _account(ws, other, "theirs.test")
    assert [h.account.id for h in ws.accounts.health(brand)] == [mine]
    assert len(ws.accounts.health()) == 2


def test_a_parked_account_shows_the_publishers_last_auth_error(ws: Workspace, brand: int) -> None:
    acc = _account(ws, brand, "parked.test", status="needs_reconnect")
    post = ws.posts.create(brand, "Fresh bread", account_ids=[acc])
    with ws.sessions.begin() as s:
        target = s.query(PostTargetRow).filter_by(post_id=post.id).one()
        target.state = TargetState.NEEDS_RECONNECT.value
        for minute, cls, message in [
            (0, "Transient", "read timed out"),
            (1, "AuthExpired", "Token has expired"),
            (2, "AuthFailed", "Token has been revoked"),
            (3, "Rejected", "text too long"),
            (4, "NoSecret", "No credentials are stored for Bluesky account parked.test"),
        ]:
            s.add(
                PublishAttemptRow(
                    target_id=target.id,
                    started_utc=_naive(NOW + timedelta(minutes=minute)),
                    result="auth" if cls == "NoSecret" else "failed",
                    error_class=cls,
                    error_message=message,
                )
            )
    [h] = ws.accounts.health()
    reason = "No credentials are stored for Bluesky account parked.test"
    assert (h.level, h.label) == ("error", f"Needs reconnecting: {reason}")
    assert h.reason == reason


def test_rate_limit_on_another_day_names_the_day() -> None:
    now = datetime(2026, 11, 26, 22, 0, tzinfo=UTC)
    assert clock_time(now + timedelta(hours=3), now, UTC) == "27 Nov 01:00"
    assert clock_time(now + timedelta(hours=1), now, UTC) == "23:00"


def test_disabled_and_planned_accounts_never_look_broken(ws: Workspace, brand: int) -> None:
    acc = ws.accounts.add_profile(brand, Network.X, "@sol")
    h = account_health(acc, NOW)
    assert (h.level, h.label, h.can_reconnect) == ("off", "Not connected", True)
    from dataclasses import replace

    removed = replace(acc, status=AccountStatus.DISABLED, token_expires_utc=NOW - timedelta(days=1))
    h = account_health(removed, NOW)
    assert (h.level, h.label, h.can_reconnect) == ("off", "Removed", False)
