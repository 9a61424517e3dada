"""The evergreen queue on a real SQLite file: free slots filled with copies of evergreen
posts, no more often than each post's minimum interval, never twice in a row on one
account, and undone as one step."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from cmplanner.domain.enums import Network, PostState
from cmplanner.domain.errors import InvalidInput
from cmplanner.domain.models import Brand
from cmplanner.services.evergreen import EvergreenService
from cmplanner.services.queue import FillQueue
from cmplanner.services.slots import SlotService
from cmplanner.services.workspace import Workspace
from cmplanner.storage.tables import PostRecord

MON, WED, FRI = 0, 2, 4


@pytest.fixture
def slots(ws: Workspace) -> SlotService:
    return SlotService(ws.sessions, ws.notifier, ws.clock)


@pytest.fixture
def evergreen(ws: Workspace, slots: SlotService) -> EvergreenService:
    return EvergreenService(ws.sessions, ws.notifier, ws.clock, slots)


@pytest.fixture
def madrid(ws: Workspace, slots: SlotService) -> Brand:
    brand = ws.brands.create("Panadería Sol", "Europe/Madrid")
    for day in (MON, WED, FRI):
        slots.add(brand.id, day, time(9, 30))
    return brand


def _evergreen(
    ws: Workspace, ev: EvergreenService, brand: Brand, text: str, accounts: list[int], days: int
) -> int:
    pid = ws.posts.create(brand.id, text, state=PostState.READY, account_ids=accounts).id
    ev.set_evergreen(pid, True, days)
    return pid


def _copies(ws: Workspace, ids: list[int]) -> list[tuple[datetime | None, int | None]]:
    with ws.sessions() as s:
        recs = [s.get(PostRecord, i) for i in ids]
        return [(r.local_at, r.recycled_from_id) for r in recs if r is not None]


def test_fill_takes_the_longest_unused_post_and_keeps_each_ones_interval(
    ws: Workspace, evergreen: EvergreenService, madrid: Brand
) -> None:
    masto = ws.accounts.add_profile(madrid.id, Network.MASTODON, "@sol@example.social")
    e1 = _evergreen(ws, evergreen, madrid, "Our sourdough story", [masto.id], 7)
    e2 = _evergreen(ws, evergreen, madrid, "Meet the bakers", [masto.id], 7)
    ws.posts.create(madrid.id, "Not evergreen", state=PostState.READY, account_ids=[masto.id])
    # now: Thursday 26 Nov 2026; two weeks of Mon/Wed/Fri 09:30 slots
    made = evergreen.fill(madrid.id, weeks=2)
    assert _copies(ws, made) == [
        (datetime(2026, 11, 27, 9, 30), e1),
        (datetime(2026, 11, 30, 9, 30), e2),
        # Wed 2 Dec: e1 went out 5 days ago and e2 2 days ago (both need 7): left free
        (datetime(2026, 12, 4, 9, 30), e1),
        (datetime(2026, 12, 7, 9, 30), e2),
    ]
    copy = ws.posts.get(made[0])
    assert copy.text == "Our sourdough story" and copy.state == PostState.SCHEDULED
    assert [a.id for a in copy.targets] == [masto.id] and not copy.evergreen
    # filling again finds nothing new to do in the same weeks
    assert evergreen.fill(madrid.id, weeks=2) == []


def test_never_twice_in_a_row_on_the_same_account(
    ws: Workspace, evergreen: EvergreenService, madrid: Brand
) -> None:
    masto = ws.accounts.add_profile(madrid.id, Network.MASTODON, "@sol@example.social")
    e1 = _evergreen(ws, evergreen, madrid, "Order your Christmas roscón", [masto.id], 1)
    ws.posts.create(
        madrid.id, "Saturday market", local_at=datetime(2026, 11, 28, 10, 0), account_ids=[masto.id]
    )
    made = evergreen.fill(madrid.id, weeks=1)
    # Fri 27, then Mon 30 (Saturday's post came between); Wed 2 would follow Mon 30 directly
    assert _copies(ws, made) == [
        (datetime(2026, 11, 27, 9, 30), e1),
        (datetime(2026, 11, 30, 9, 30), e1),
    ]


def test_fill_is_one_undoable_step(
    ws: Workspace, evergreen: EvergreenService, madrid: Brand
) -> None:
    _evergreen(ws, evergreen, madrid, "Gluten-free Fridays", [], 2)
    cmd = FillQueue(evergreen, ws.planning, madrid.id, weeks=1)
    cmd.do()
    made = list(cmd.created)
    # no accounts, so only the 2-day interval counts: Fri 27, Mon 30, Wed 2
    assert [ws.posts.get(i).local_at.day for i in made] == [27, 30, 2]  # type: ignore[union-attr]
    cmd.undo()
    assert ws.posts.find(madrid.id, datetime(2026, 11, 26, tzinfo=UTC)) == []
    assert ws.posts.get_many(made) == []


def test_evergreen_input_is_checked(
    ws: Workspace, evergreen: EvergreenService, madrid: Brand
) -> None:
    pid = ws.posts.create(madrid.id, "x", state=PostState.READY).id
    with pytest.raises(InvalidInput, match="days"):
        evergreen.set_evergreen(pid, True, 0)
    with pytest.raises(InvalidInput, match="weeks"):
        evergreen.fill(madrid.id, weeks=0)
    evergreen.set_evergreen(pid, True, 3)
    [copy] = evergreen.fill(madrid.id, weeks=1)[:1]
    with pytest.raises(InvalidInput, match="original"):
        evergreen.set_evergreen(copy, True)
