"""Planning: drops on days and slots, copies, unscheduling, the rules, and undo/redo."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from cmplanner.domain.clock import FixedClock
from cmplanner.domain.enums import Network, PostState
from cmplanner.domain.errors import MoveRefused, NotFound
from cmplanner.domain.models import Brand, Post, PostFilter
from cmplanner.domain.timezones import iso_with_offset
from cmplanner.services.planning import (
    Change,
    CopyPosts,
    MovePosts,
    Target,
    UnschedulePosts,
)
from cmplanner.services.posts import MediaInput
from cmplanner.services.workspace import Workspace
from cmplanner.storage.tables import PostRecord


@pytest.fixture
def madrid(ws: Workspace) -> Brand:
    return ws.brands.create("Panadería Sol", "Europe/Madrid")


@pytest.fixture
def auckland(ws: Workspace) -> Brand:
    return ws.brands.create("Kiwi Code School", "Pacific/Auckland")


def _at(ws: Workspace, brand: Brand, wall: datetime, **kw: Any) -> Post:
    return ws.posts.create(brand.id, f"Post at {wall:%d %b %H:%M}", local_at=wall, **kw)


def _publish(ws: Workspace, post_id: int) -> None:
    """The publisher's side, which has no service yet: mark a post published."""
    with ws.sessions.begin() as s:
        rec = s.get(PostRecord, post_id)
        assert rec is not None
        rec.state = PostState.PUBLISHED.value


def _move(ws: Workspace, ids: list[int], anchor: int, target: Target) -> MovePosts:
    cmd = MovePosts(ws.planning, ws.planning.plan_move(ids, anchor, target))
    cmd.do()
    return cmd


def _placement(p: Post) -> tuple[datetime | None, datetime | None, PostState]:
    return p.local_at, p.scheduled_utc, p.state


# ---- moves ------------------------------------------------------------------------------------


def test_a_drop_on_another_day_keeps_the_time_of_day(ws: Workspace, madrid: Brand) -> None:
    post = _at(ws, madrid, datetime(2026, 12, 3, 18, 45))

    _move(ws, [post.id], post.id, Target(date(2026, 12, 10)))

    moved = ws.posts.get(post.id)
    assert moved.local_at == datetime(2026, 12, 10, 18, 45)
    assert moved.scheduled_utc == datetime(2026, 12, 10, 17, 45, tzinfo=UTC)
    assert moved.state is PostState.SCHEDULED


def test_several_posts_move_together_keeping_their_spacing(ws: Workspace, madrid: Brand) -> None:
    a = _at(ws, madrid, datetime(2026, 12, 3, 9, 0))
    b = _at(ws, madrid, datetime(2026, 12, 4, 13, 30))
    c = _at(ws, madrid, datetime(2026, 12, 6, 20, 0))

    _move(ws, [a.id, b.id, c.id], b.id, Target(date(2026, 12, 14)))

    walls = [p.local_at for p in ws.posts.get_many([a.id, b.id, c.id])]
    assert walls == [
        datetime(2026, 12, 13, 9, 0),
        datetime(2026, 12, 14, 13, 30),
        datetime(2026, 12, 16, 20, 0),
    ]


def test_a_slot_drop_sets_the_time_and_shifts_the_others_alike(
    ws: Workspace, madrid: Brand
) -> None:
    a = _at(ws, madrid, datetime(2026, 12, 3, 9, 0))
    b = _at(ws, madrid, datetime(2026, 12, 3, 11, 0))

    _move(ws, [a.id, b.id], a.id, Target(date(2026, 12, 5), at=time(15, 30)))

    assert [p.local_at for p in ws.posts.get_many([a.id, b.id])] == [
        datetime(2026, 12, 5, 15, 30),
        datetime(2026, 12, 5, 17, 30),
    ]


def test_a_backlog_post_dropped_on_a_day_lands_at_nine_and_becomes_scheduled(
    ws: Workspace, madrid: Brand
) -> None:
    ready = ws.posts.create(madrid.id, "Ready to go", state=PostState.READY)
    draft = ws.posts.create(madrid.id, "Still a draft")

    _move(ws, [ready.id], ready.id, Target(date(2026, 12, 8)))
    _move(ws, [draft.id], draft.id, Target(date(2026, 12, 9)))

    r, d = ws.posts.get_many([ready.id, draft.id])
    assert (r.local_at, r.state) == (datetime(2026, 12, 8, 9, 0), PostState.SCHEDULED)
    assert (d.local_at, d.state) == (datetime(2026, 12, 9, 9, 0), PostState.DRAFT)
    assert r.scheduled_utc == datetime(2026, 12, 8, 8, 0, tzinfo=UTC)


def test_a_backlog_post_dropped_on_a_slot_takes_the_slot_time(ws: Workspace, madrid: Brand) -> None:
    post = ws.posts.create(madrid.id, "x", state=PostState.READY)

    _move(ws, [post.id], post.id, Target(date(2026, 12, 8), at=time(16, 0)))

    assert ws.posts.get(post.id).local_at == datetime(2026, 12, 8, 16, 0)


def test_unscheduling_sends_a_scheduled_post_back_to_ready(ws: Workspace, madrid: Brand) -> None:
    post = _at(ws, madrid, datetime(2026, 12, 3, 9, 0))

    cmd = UnschedulePosts(ws.planning, ws.planning.plan_unschedule([post.id]))
    cmd.do()

    back = ws.posts.get(post.id)
    assert _placement(back) == (None, None, PostState.READY)
    assert [r.id for r in ws.posts.backlog(PostFilter())] == [post.id]

    cmd.undo()
    assert _placement(ws.posts.get(post.id)) == _placement(post)


# ---- time zones and DST ----------------------------------------------------------------------


def test_a_move_across_spring_forward_keeps_nine_oclock_and_changes_the_offset(
    ws: Workspace, madrid: Brand
) -> None:
    post = _at(ws, madrid, datetime(2027, 3, 26, 9, 0))

    _move(ws, [post.id], post.id, Target(date(2027, 3, 30)))

    moved = ws.posts.get(post.id)
    assert moved.local_at == datetime(2027, 3, 30, 9, 0)
    assert moved.scheduled_utc == datetime(2027, 3, 30, 7, 0, tzinfo=UTC)
    assert post.scheduled_utc == datetime(2027, 3, 26, 8, 0, tzinfo=UTC)
    assert iso_with_offset(datetime(2027, 3, 30, 9, 0), madrid.timezone, moved.scheduled_utc) == (
        "2027-03-30T09:00:00+02:00"
    )


def test_a_move_across_the_southern_autumn_change_keeps_the_wall_time(
    ws: Workspace, auckland: Brand
) -> None:
    post = _at(ws, auckland, datetime(2027, 4, 1, 12, 0))  # NZDT, +13:00

    _move(ws, [post.id], post.id, Target(date(2027, 4, 8)))  # NZST, +12:00

    moved = ws.posts.get(post.id)
    assert moved.local_at == datetime(2027, 4, 8, 12, 0)
    assert post.scheduled_utc == datetime(2027, 3, 31, 23, 0, tzinfo=UTC)
    assert moved.scheduled_utc == datetime(2027, 4, 8, 0, 0, tzinfo=UTC)


def test_a_move_into_the_dst_gap_is_refused_with_the_nearest_times(
    ws: Workspace, madrid: Brand
) -> None:
    post = _at(ws, madrid, datetime(2027, 3, 21, 2, 30))

    with pytest.raises(MoveRefused) as caught:
        ws.planning.plan_move([post.id], post.id, Target(date(2027, 3, 28)))

    assert "does not exist in Europe/Madrid" in caught.value.message
    assert "01:59" in caught.value.hint and "03:00" in caught.value.hint


def test_a_move_in_the_laptops_zone_keeps_the_time_shown_in_that_view(
    ws: Workspace, madrid: Brand
) -> None:
    # 15:00 in Madrid is 09:00 in New York before either side changes its clocks.
    post = _at(ws, madrid, datetime(2027, 3, 10, 15, 0))
    view = "America/New_York"

    # A week later New York is on summer time and Madrid not yet: 09:00 there is 14:00 here.
    _move(ws, [post.id], post.id, Target(date(2027, 3, 17), view_tz=view))

    moved = ws.posts.get(post.id)
    assert moved.timezone == "Europe/Madrid"
    assert moved.local_at == datetime(2027, 3, 17, 14, 0)
    assert moved.scheduled_utc == datetime(2027, 3, 17, 13, 0, tzinfo=UTC)


def test_a_slot_drop_in_the_laptops_zone_is_read_in_that_zone(ws: Workspace, madrid: Brand) -> None:
    post = _at(ws, madrid, datetime(2026, 12, 3, 15, 0))

    _move(ws, [post.id], post.id, Target(date(2026, 12, 10), at=time(10, 0), view_tz="UTC"))

    assert ws.posts.get(post.id).local_at == datetime(2026, 12, 10, 11, 0)


def test_a_day_drop_in_the_laptops_zone_can_cross_the_brands_midnight(
    ws: Workspace, auckland: Brand
) -> None:
    # 08:00 on 4 Dec in Auckland is 14:00 on 3 Dec in Madrid.
    post = _at(ws, auckland, datetime(2026, 12, 4, 8, 0))

    _move(ws, [post.id], post.id, Target(date(2026, 12, 5), view_tz="Europe/Madrid"))

    assert ws.posts.get(post.id).local_at == datetime(2026, 12, 6, 8, 0)


# ---- refusals ---------------------------------------------------------------------------------


def test_a_drop_into_the_past_is_refused_with_a_message(ws: Workspace, madrid: Brand) -> None:
    post = _at(ws, madrid, datetime(2026, 12, 3, 9, 0))

    with pytest.raises(MoveRefused) as caught:
        ws.planning.plan_move([post.id], post.id, Target(date(2026, 11, 25)))

    assert caught.value.message == "Wed 25 Nov 2026 09:00 (Europe/Madrid) is in the past."
    assert "future day" in caught.value.hint
    assert ws.posts.get(post.id).local_at == datetime(2026, 12, 3, 9, 0)


def test_earlier_today_is_the_past_too(ws: Workspace, madrid: Brand) -> None:
    post = _at(ws, madrid, datetime(2026, 12, 3, 9, 0))  # now is 11:00 in Madrid

    with pytest.raises(MoveRefused, match="is in the past"):
        ws.planning.plan_move([post.id], post.id, Target(date(2026, 11, 26), at=time(10, 59)))
    ws.planning.plan_move([post.id], post.id, Target(date(2026, 11, 26), at=time(11, 1)))


def test_one_post_in_the_past_refuses_the_whole_group(ws: Workspace, madrid: Brand) -> None:
    a = _at(ws, madrid, datetime(2026, 11, 27, 9, 0))
    b = _at(ws, madrid, datetime(2026, 11, 30, 9, 0))

    with pytest.raises(MoveRefused):
        ws.planning.plan_move([a.id, b.id], b.id, Target(date(2026, 11, 28)))
    assert [p.local_at for p in ws.posts.get_many([a.id, b.id])] == [a.local_at, b.local_at]


def test_a_published_post_cannot_be_moved_or_unscheduled(ws: Workspace, madrid: Brand) -> None:
    post = _at(ws, madrid, datetime(2026, 12, 3, 9, 0))
    _publish(ws, post.id)

    with pytest.raises(MoveRefused, match="already published and cannot be moved"):
        ws.planning.plan_move([post.id], post.id, Target(date(2026, 12, 10)))
    with pytest.raises(MoveRefused, match="cannot go back to the backlog"):
        ws.planning.plan_unschedule([post.id])


def test_a_post_published_after_the_plan_is_not_moved(ws: Workspace, madrid: Brand) -> None:
    post = _at(ws, madrid, datetime(2026, 12, 3, 9, 0))
    changes = ws.planning.plan_move([post.id], post.id, Target(date(2026, 12, 10)))
    _publish(ws, post.id)

    with pytest.raises(MoveRefused, match="published in the meantime"):
        ws.planning.apply(changes)
    assert ws.posts.get(post.id).local_at == datetime(2026, 12, 3, 9, 0)


def test_a_post_deleted_before_the_drop(ws: Workspace, madrid: Brand) -> None:
    post = _at(ws, madrid, datetime(2026, 12, 3, 9, 0))
    ws.posts.delete([post.id])

    with pytest.raises(NotFound, match="no longer exists"):
        ws.planning.plan_move([post.id], post.id, Target(date(2026, 12, 10)))


# ---- undo and redo ----------------------------------------------------------------------------


def test_undo_and_redo_of_a_group_move_restore_exactly(ws: Workspace, madrid: Brand) -> None:
    a = _at(ws, madrid, datetime(2027, 3, 26, 9, 0))
    b = ws.posts.create(madrid.id, "from the backlog", state=PostState.READY)
    before = [_placement(p) for p in ws.posts.get_many([a.id, b.id])]

    cmd = _move(ws, [a.id, b.id], a.id, Target(date(2027, 3, 29)))
    after = [_placement(p) for p in ws.posts.get_many([a.id, b.id])]
    assert after != before

    cmd.undo()
    assert [_placement(p) for p in ws.posts.get_many([a.id, b.id])] == before
    cmd.do()
    assert [_placement(p) for p in ws.posts.get_many([a.id, b.id])] == after
    cmd.undo()
    assert [_placement(p) for p in ws.posts.get_many([a.id, b.id])] == before
    assert len(ws.posts.find()) == 2


def test_undo_restores_a_draft_that_was_dropped_from_the_backlog(
    ws: Workspace, madrid: Brand
) -> None:
    draft = ws.posts.create(madrid.id, "draft")
    cmd = _move(ws, [draft.id], draft.id, Target(date(2026, 12, 9)))

    cmd.undo()

    assert _placement(ws.posts.get(draft.id)) == (None, None, PostState.DRAFT)
    assert [r.id for r in ws.posts.backlog(PostFilter())] == [draft.id]


def test_the_change_list_describes_the_move(ws: Workspace, madrid: Brand) -> None:
    post = ws.posts.create(madrid.id, "x", state=PostState.READY)

    changes = ws.planning.plan_move([post.id], post.id, Target(date(2026, 12, 9)))

    assert changes == [
        Change(
            post.id,
            None,
            PostState.READY,
            datetime(2026, 12, 9, 9, 0),
            PostState.SCHEDULED,
            version=post.version,
        )
    ]
    assert ws.posts.get(post.id).local_at is None  # planning writes nothing


# ---- copies -----------------------------------------------------------------------------------


@pytest.fixture
def picture(tmp_path: Path) -> Path:
    # A JPEG Instagram takes as it is: the copy test targets Instagram too.
    path = tmp_path / "croissant.jpg"
    Image.new("RGB", (1080, 810), "#d9822b").save(path)
    return path


def test_a_copy_duplicates_text_tags_notes_media_and_targets(
    ws: Workspace, madrid: Brand, picture: Path
) -> None:
    masto = ws.accounts.add_profile(madrid.id, Network.MASTODON, "@sol@mastodon.social")
    insta = ws.accounts.add_profile(madrid.id, Network.INSTAGRAM, "panaderia.sol")
    original = _at(
        ws,
        madrid,
        datetime(2026, 12, 3, 9, 15),
        tags=["bread", "events"],
        notes="Ask Ana",
        media=[MediaInput(picture, "A golden croissant")],
        account_ids=[masto.id, insta.id],
    )

    cmd = CopyPosts(ws.planning, [original.id], original.id, Target(date(2026, 12, 17)))
    cmd.do()

    [copy_id] = cmd.created
    copy = ws.posts.get(copy_id)
    assert copy_id != original.id
    assert copy.text == original.text
    assert copy.tags == ("bread", "events")
    assert copy.notes == "Ask Ana"
    assert copy.local_at == datetime(2026, 12, 17, 9, 15)
    assert copy.state is PostState.SCHEDULED
    assert [(m.sha256, m.alt_text) for m in copy.media] == [
        (original.media[0].sha256, "A golden croissant")
    ]
    assert [a.id for a in copy.targets] == [masto.id, insta.id]
    assert ws.posts.get(original.id) == original  # the original is untouched


def test_undo_and_redo_of_a_copy(ws: Workspace, madrid: Brand, picture: Path) -> None:
    a = _at(ws, madrid, datetime(2026, 12, 3, 9, 0), media=[MediaInput(picture)])
    b = _at(ws, madrid, datetime(2026, 12, 3, 12, 0))
    cmd = CopyPosts(ws.planning, [a.id, b.id], a.id, Target(date(2026, 12, 5)))

    cmd.do()
    assert len(ws.posts.find()) == 4
    assert [p.local_at for p in ws.posts.get_many(cmd.created)] == [
        datetime(2026, 12, 5, 9, 0),
        datetime(2026, 12, 5, 12, 0),
    ]

    cmd.undo()
    assert cmd.created == []
    assert [p.id for p in ws.posts.find()] == [a.id, b.id]
    assert ws.posts.get(a.id).media == a.media  # the shared media survives the undo

    cmd.do()
    assert len(ws.posts.find()) == 4
    assert len(cmd.created) == 2


def test_a_published_post_can_be_copied_to_plan_it_again(ws: Workspace, madrid: Brand) -> None:
    post = _at(ws, madrid, datetime(2026, 12, 3, 9, 0))
    _publish(ws, post.id)

    [copy_id] = ws.planning.copy([post.id], post.id, Target(date(2026, 12, 20)))

    assert ws.posts.get(copy_id).state is PostState.SCHEDULED
    assert ws.posts.get(post.id).state is PostState.PUBLISHED


def test_a_copy_into_the_past_is_refused(ws: Workspace, madrid: Brand) -> None:
    post = _at(ws, madrid, datetime(2026, 12, 3, 9, 0))

    with pytest.raises(MoveRefused, match="in the past"):
        ws.planning.copy([post.id], post.id, Target(date(2026, 11, 1)))
    assert len(ws.posts.find()) == 1


def test_undoing_a_copy_that_was_published_meanwhile_keeps_it(ws: Workspace, madrid: Brand) -> None:
    post = _at(ws, madrid, datetime(2026, 12, 3, 9, 0))
    cmd = CopyPosts(ws.planning, [post.id], post.id, Target(date(2026, 12, 4)))
    cmd.do()
    _publish(ws, cmd.created[0])

    with pytest.raises(MoveRefused, match="published in the meantime"):
        cmd.undo()
    assert len(ws.posts.find()) == 2


def test_undo_never_puts_a_post_back_into_the_past(
    ws: Workspace, madrid: Brand, clock: FixedClock
) -> None:
    post = _at(ws, madrid, datetime(2026, 11, 26, 12, 0))
    changes = ws.planning.plan_move([post.id], post.id, Target(date(2026, 12, 10)))
    cmd = MovePosts(ws.planning, changes)
    cmd.do()
    clock.set(datetime(2026, 11, 27, 9, 0, tzinfo=UTC))  # the old slot has passed
    with pytest.raises(MoveRefused, match="passed since"):
        cmd.undo()
    assert ws.posts.get(post.id).local_at == datetime(2026, 12, 10, 12, 0)


def test_a_post_changed_between_the_moves_read_and_its_write_is_not_moved(
    ws: Workspace, madrid: Brand, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The write is one UPDATE guarded by the version it read: an edit that lands in
    between (another window, the same instant) makes it write nothing and say so."""
    from cmplanner.domain.errors import ConflictError
    from cmplanner.services import planning

    post = _at(ws, madrid, datetime(2026, 12, 1, 9, 0))
    changes = ws.planning.plan_move([post.id], post.id, Target(date(2026, 12, 3)))
    real = planning.PlanningService._placements

    def read_then_edited_elsewhere(s: Any, ids: Any) -> Any:
        placed = real(s, ids)
        with ws.sessions.begin() as other:  # another connection commits an edit now
            rec = other.get(PostRecord, post.id)
            assert rec is not None
            rec.notes = "edited elsewhere"
        return placed

    monkeypatch.setattr(
        planning.PlanningService, "_placements", staticmethod(read_then_edited_elsewhere)
    )
    with pytest.raises(ConflictError):
        MovePosts(ws.planning, changes).do()
    monkeypatch.undo()
    after = ws.posts.get(post.id)
    assert after.local_at == datetime(2026, 12, 1, 9, 0)
    assert after.version == post.version + 1  # only the other edit
