"""Posting slots: weekly occurrences in the brand's zone across DST, which are free, and
"add to queue" as an undoable planning command, on a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from cmplanner.domain.enums import Network, PostState
from cmplanner.domain.errors import InvalidInput, MoveRefused
from cmplanner.domain.models import Brand
from cmplanner.domain.slots import parse_slot_time, parse_weekday
from cmplanner.services.queue import add_to_queue
from cmplanner.services.slots import SlotService
from cmplanner.services.workspace import Workspace

MON, WED, FRI, SUN = 0, 2, 4, 6


@pytest.fixture
def slots(ws: Workspace) -> SlotService:
    return SlotService(ws.sessions, ws.notifier, ws.clock)


@pytest.fixture
def madrid(ws: Workspace) -> Brand:
    return ws.brands.create("Panadería Sol", "Europe/Madrid")


def _ready(ws: Workspace, brand: Brand, text: str = "Fresh bread", **kw: object) -> int:
    return ws.posts.create(brand.id, text, state=PostState.READY, **kw).id  # type: ignore[arg-type]


def test_a_monday_slot_keeps_its_wall_time_across_the_dst_change(
    slots: SlotService, madrid: Brand
) -> None:
    slots.add(madrid.id, MON, time(9, 30))
    occ = slots.occurrences(
        [madrid.id], datetime(2027, 3, 20, tzinfo=UTC), datetime(2027, 4, 3, tzinfo=UTC)
    )
    assert [o.wall for o in occ] == [datetime(2027, 3, 22, 9, 30), datetime(2027, 3, 29, 9, 30)]
    # CET (+1) before the change, CEST (+2) after: the UTC instant moves, the wall time not
    assert [o.utc.hour for o in occ] == [8, 7]


def test_a_slot_inside_the_spring_forward_gap_moves_to_the_first_minute_after(
    slots: SlotService, madrid: Brand
) -> None:
    slots.add(madrid.id, SUN, time(2, 30))
    occ = slots.occurrences(
        [madrid.id], datetime(2027, 3, 27, tzinfo=UTC), datetime(2027, 3, 29, tzinfo=UTC)
    )
    assert [o.wall for o in occ] == [datetime(2027, 3, 28, 3, 0)]


def test_add_to_queue_takes_the_next_free_slots_in_order_and_undo_puts_them_back(
    ws: Workspace, slots: SlotService, madrid: Brand
) -> None:
    for day in (MON, WED, FRI):
        slots.add(madrid.id, day, time(9, 30))
    # now is Thursday 26 Nov 2026, 11:00 in Madrid: Friday 09:30 is taken by this post
    ws.posts.create(madrid.id, "Already planned", local_at=datetime(2026, 11, 27, 9, 30))
    first, second = _ready(ws, madrid, "One"), _ready(ws, madrid, "Two")
    cmd = add_to_queue(slots, ws.planning, [first, second])
    assert ws.posts.get(first).local_at == datetime(2026, 11, 30, 9, 30)  # Monday
    assert ws.posts.get(second).local_at == datetime(2026, 12, 2, 9, 30)  # Wednesday
    assert ws.posts.get(first).state == PostState.SCHEDULED
    third = _ready(ws, madrid, "Three")
    add_to_queue(slots, ws.planning, [third])
    assert ws.posts.get(third).local_at == datetime(2026, 12, 4, 9, 30)  # the next Friday

    cmd.undo()
    for pid in (first, second):
        post = ws.posts.get(pid)
        assert post.local_at is None and post.state == PostState.READY
    cmd.do()  # redo
    assert ws.posts.get(first).local_at == datetime(2026, 11, 30, 9, 30)


def test_an_accounts_own_slot_is_used_only_by_posts_going_to_that_account(
    ws: Workspace, slots: SlotService, madrid: Brand
) -> None:
    masto = ws.accounts.add_profile(madrid.id, Network.MASTODON, "@sol@example.social")
    sky = ws.accounts.add_profile(madrid.id, Network.BLUESKY, "sol.example.com")
    slots.add(madrid.id, FRI, time(9, 30), account_id=masto.id)
    slots.add(madrid.id, MON, time(18, 0))
    to_sky = _ready(ws, madrid, "For Bluesky", account_ids=[sky.id])
    to_masto = _ready(ws, madrid, "For Mastodon", account_ids=[masto.id])
    add_to_queue(slots, ws.planning, [to_sky, to_masto])
    assert ws.posts.get(to_sky).local_at == datetime(2026, 11, 30, 18, 0)
    assert ws.posts.get(to_masto).local_at == datetime(2026, 11, 27, 9, 30)
    free = slots.free([madrid.id], ws.clock.now(), datetime(2026, 12, 6, tzinfo=UTC))
    assert [(o.wall, o.account_id) for o in free] == [(datetime(2026, 12, 4, 9, 30), masto.id)]


def test_the_queue_refuses_drafts_and_brands_without_slots_and_changes_nothing(
    ws: Workspace, slots: SlotService, madrid: Brand
) -> None:
    ready = _ready(ws, madrid)
    with pytest.raises(MoveRefused, match="no posting slots") as no_slots:
        add_to_queue(slots, ws.planning, [ready])
    assert "Posting slots" in no_slots.value.hint
    slots.add(madrid.id, MON, time(9, 30))
    draft = ws.posts.create(madrid.id, "Half written").id
    with pytest.raises(MoveRefused, match="only ready posts"):
        add_to_queue(slots, ws.planning, [ready, draft])
    assert ws.posts.get(ready).local_at is None


def test_slot_input_is_checked(ws: Workspace, slots: SlotService, madrid: Brand) -> None:
    other = ws.brands.create("Kiwi Code School", "Pacific/Auckland")
    theirs = ws.accounts.add_profile(other.id, Network.MASTODON, "@kiwi@example.social")
    slots.add(madrid.id, MON, time(9, 30))
    with pytest.raises(InvalidInput, match="exists already"):
        slots.add(madrid.id, MON, time(9, 30))
    with pytest.raises(InvalidInput, match="does not belong"):
        slots.add(madrid.id, MON, time(10, 0), account_id=theirs.id)
    assert parse_weekday("Wednesday") == WED and parse_weekday("6") == SUN
    assert parse_slot_time("9:05") == time(9, 5)
    with pytest.raises(InvalidInput, match="HH:MM"):
        parse_slot_time("25:00")
    with pytest.raises(InvalidInput, match="day of the week"):
        parse_weekday("someday")
    [slot] = slots.for_brand(madrid.id)
    slots.remove(slot.id)
    assert slots.for_brand(madrid.id) == []
