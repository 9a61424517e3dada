"""The sample workspace: a newcomer's calendar is alive in the first minute."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cmplanner.domain.clock import FixedClock
from cmplanner.domain.enums import PostState
from cmplanner.domain.errors import InvalidInput
from cmplanner.domain.timezones import to_wall
from cmplanner.services.demo import fill_demo
from cmplanner.services.workspace import Workspace

EVERY_STATE = {
    PostState.IDEA,
    PostState.DRAFT,
    PostState.READY,
    PostState.SCHEDULED,
    PostState.PUBLISHED,
    PostState.FAILED,
}


def _fill(ws: Workspace) -> int:
    return fill_demo(ws.brands, ws.accounts, ws.posts)


@pytest.fixture
def demo(ws: Workspace) -> Workspace:
    """One sample, checked by one test below: filling it takes about a second."""
    assert _fill(ws) == len(ws.posts.find())
    return ws


def test_the_demo_fills_an_empty_workspace(demo: Workspace, clock: FixedClock) -> None:
    ws = demo
    brands = ws.brands.all()
    posts = ws.posts.find()
    now = clock.now()

    # Three brands in three zones, with briefs, tags and accounts.
    assert len(brands) == 3
    assert len({b.timezone for b in brands}) == 3
    assert len({b.color for b in brands}) == 3
    assert all(b.brief and b.tags for b in brands)
    assert len(ws.accounts.all()) >= 3
    # About sixty posts for all of them, in every state, with tags, targets and media.
    assert 50 <= len(posts) <= 70
    assert {b.id for b in brands} == {p.brand_id for p in posts}
    assert {p.state for p in posts} >= EVERY_STATE
    assert all(p.tags and p.targets for p in posts)
    assert sum(1 for p in posts if p.media) >= 5
    for m in (m for p in posts for m in p.media):
        assert Path(m.path).is_file() and Path(m.path).is_relative_to(ws.paths.media)
        assert m.width and m.height and m.alt_text
    # The planning rules hold: scheduled is ahead, published and failed are behind.
    for p in posts:
        if p.state is PostState.SCHEDULED:
            assert p.scheduled_utc is not None and p.scheduled_utc > now, p
        if p.state in (PostState.PUBLISHED, PostState.FAILED, PostState.PARTLY_PUBLISHED):
            assert p.scheduled_utc is not None and p.scheduled_utc <= now, p
        if p.state is PostState.IDEA:
            assert p.local_at is None
        if p.local_at is not None and p.scheduled_utc is not None:
            assert to_wall(p.scheduled_utc, p.timezone) == p.local_at
    # Spread over this month and the next.
    months = Counter((p.local_at.year, p.local_at.month) for p in posts if p.local_at)
    assert months[(2026, 11)] >= 10
    assert months[(2026, 12)] >= 10
    assert set(months) <= {(2026, 11), (2026, 12), (2027, 1)}


def test_every_state_is_there_even_on_the_first_of_the_month(
    ws: Workspace, clock: FixedClock
) -> None:
    clock.set(datetime(2026, 12, 1, 10, 0, tzinfo=UTC))  # the 1st in all three zones

    _fill(ws)

    assert {p.state for p in ws.posts.find()} >= EVERY_STATE


def test_the_demo_refuses_a_workspace_that_has_brands(ws: Workspace) -> None:
    ws.brands.create("My real client", "Europe/Madrid")

    with pytest.raises(InvalidInput) as caught:
        _fill(ws)

    assert "already has brands" in caught.value.message
    assert "--home" in caught.value.hint
    assert [b.name for b in ws.brands.all()] == ["My real client"]
    assert ws.posts.find() == []


def test_an_archived_brand_counts_too(ws: Workspace) -> None:
    ws.brands.archive(ws.brands.create("Old client", "UTC").id)

    with pytest.raises(InvalidInput):
        _fill(ws)
