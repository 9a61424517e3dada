"""Posts: create drafts and scheduled posts, edit them safely, read them for the calendar."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

import pytest

from cmplanner.domain.clock import FixedClock
from cmplanner.domain.enums import Network, PostState
from cmplanner.domain.errors import ConflictError, InvalidInput, MoveRefused, NotFound
from cmplanner.domain.models import Brand, PostFilter, PostRow
from cmplanner.domain.timezones import NonexistentLocalTime
from cmplanner.services.posts import MAX_TEXT
from cmplanner.services.workspace import Workspace
from cmplanner.storage.tables import PostRecord

DEC_START = datetime(2026, 12, 1, tzinfo=UTC)
DEC_END = datetime(2027, 1, 1, tzinfo=UTC)


@pytest.fixture
def madrid(ws: Workspace) -> Brand:
    return ws.brands.create("Panadería Sol", "Europe/Madrid")


@pytest.fixture
def newyork(ws: Workspace) -> Brand:
    return ws.brands.create("Northwind Outdoor", "America/New_York")


def _publish(ws: Workspace, post_id: int) -> None:
    """The publisher's side, which has no service yet: mark a post published."""
    with ws.sessions.begin() as s:
        rec = s.get(PostRecord, post_id)
        assert rec is not None
        rec.state = PostState.PUBLISHED.value


# ---- create ---------------------------------------------------------------------------------


def test_a_post_without_a_time_is_a_draft(ws: Workspace, madrid: Brand) -> None:
    post = ws.posts.create(madrid.id, "Fresh bread on Saturday", tags=["#bread", "Bread", "team"])

    assert post.state is PostState.DRAFT
    assert post.brand_id == madrid.id and post.brand_name == "Panadería Sol"
    assert post.timezone == "Europe/Madrid"
    assert post.text == "Fresh bread on Saturday"
    assert post.tags == ("bread", "team")
    assert post.local_at is None and post.scheduled_utc is None
    assert post.updated_utc == datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


def test_a_post_with_a_time_is_scheduled_and_keeps_wall_time_and_utc(
    ws: Workspace, madrid: Brand
) -> None:
    post = ws.posts.create(madrid.id, "Advent market", local_at=datetime(2026, 12, 3, 9, 30, 45))

    assert post.state is PostState.SCHEDULED
    assert post.local_at == datetime(2026, 12, 3, 9, 30)  # seconds dropped
    assert post.scheduled_utc == datetime(2026, 12, 3, 8, 30, tzinfo=UTC)


def test_an_idea_can_be_created_in_the_backlog(ws: Workspace, madrid: Brand) -> None:
    post = ws.posts.create(madrid.id, "Maybe a giveaway?", state=PostState.IDEA)

    assert post.state is PostState.IDEA


def test_scheduled_without_a_time_is_refused(ws: Workspace, madrid: Brand) -> None:
    with pytest.raises(InvalidInput, match="needs a date and time"):
        ws.posts.create(madrid.id, "x", state=PostState.SCHEDULED)
    assert ws.posts.find() == []


def test_scheduling_in_the_past_is_refused(ws: Workspace, madrid: Brand) -> None:
    # 10:30 in Madrid is 09:30 UTC, half an hour before "now".
    with pytest.raises(MoveRefused) as caught:
        ws.posts.create(madrid.id, "Too late", local_at=datetime(2026, 11, 26, 10, 30))

    assert caught.value.message == "2026-11-26 10:30 (Europe/Madrid) is in the past."
    assert "from now on" in caught.value.hint
    assert ws.posts.find() == []


def test_the_same_wall_time_can_be_past_in_one_zone_and_future_in_another(
    ws: Workspace, newyork: Brand
) -> None:
    # 10:30 in New York is 15:30 UTC: still ahead of 10:00 UTC.
    post = ws.posts.create(newyork.id, "Trail tips", local_at=datetime(2026, 11, 26, 10, 30))

    assert post.scheduled_utc == datetime(2026, 11, 26, 15, 30, tzinfo=UTC)


def test_a_time_in_the_dst_gap_is_refused(ws: Workspace, madrid: Brand) -> None:
    with pytest.raises(NonexistentLocalTime, match="does not exist in Europe/Madrid"):
        ws.posts.create(madrid.id, "x", local_at=datetime(2027, 3, 28, 2, 30))
    assert ws.posts.find() == []


def test_an_unknown_brand_or_too_long_text_is_refused(ws: Workspace, madrid: Brand) -> None:
    with pytest.raises(NotFound, match="Brand 99 does not exist"):
        ws.posts.create(99, "x")
    with pytest.raises(InvalidInput, match="characters long"):
        ws.posts.create(madrid.id, "x" * (MAX_TEXT + 1))
    assert ws.posts.find() == []


def test_accounts_of_another_brand_cannot_be_targets(
    ws: Workspace, madrid: Brand, newyork: Brand
) -> None:
    theirs = ws.accounts.add_profile(newyork.id, Network.X, "@northwind")

    with pytest.raises(InvalidInput, match="does not belong"):
        ws.posts.create(madrid.id, "x", account_ids=[theirs.id])
    assert ws.posts.find() == []


def test_a_removed_account_takes_no_new_posts_but_keeps_its_old_ones(
    ws: Workspace, madrid: Brand
) -> None:
    acc = ws.accounts.add_profile(madrid.id, Network.MASTODON, "@sol@mastodon.social")
    old = ws.posts.create(madrid.id, "before", account_ids=[acc.id])
    assert ws.accounts.remove(acc.id) is False  # kept for the old post's history

    with pytest.raises(InvalidInput, match="was removed"):
        ws.posts.create(madrid.id, "after", account_ids=[acc.id])
    edited = ws.posts.update(  # the composer saves the targets it shows, the old one too
        old.id, text="before, edited", account_ids=[acc.id], expected_version=old.version
    )
    assert [a.id for a in edited.targets] == [acc.id]


# ---- edit -----------------------------------------------------------------------------------


def test_update_changes_what_is_given_and_bumps_the_version(
    ws: Workspace, madrid: Brand, clock: FixedClock
) -> None:
    post = ws.posts.create(madrid.id, "Draft", tags=["bread"])
    clock.advance(timedelta(minutes=5))

    changed = ws.posts.update(
        post.id, text="Final", tags=["#events"], notes="Ask for the photo", expected_version=1
    )

    assert (changed.text, changed.tags, changed.notes) == (
        "Final",
        ("events",),
        "Ask for the photo",
    )
    assert changed.version == post.version + 1
    assert changed.updated_utc == datetime(2026, 11, 26, 10, 5, tzinfo=UTC)


def test_an_edit_made_from_a_stale_copy_is_refused(ws: Workspace, madrid: Brand) -> None:
    post = ws.posts.create(madrid.id, "Original")
    ws.posts.update(post.id, text="Edited in the other window")

    with pytest.raises(ConflictError) as caught:
        ws.posts.update(post.id, text="Mine", expected_version=post.version)

    assert "changed elsewhere" in caught.value.message
    assert ws.posts.get(post.id).text == "Edited in the other window"


def test_clearing_the_schedule_sends_a_scheduled_post_back_to_ready(
    ws: Workspace, madrid: Brand
) -> None:
    post = ws.posts.create(madrid.id, "x", local_at=datetime(2026, 12, 3, 9, 0))

    back = ws.posts.update(post.id, clear_schedule=True)

    assert back.state is PostState.READY
    assert back.local_at is None and back.scheduled_utc is None


def test_moving_a_post_to_another_brand_takes_that_brands_zone(
    ws: Workspace, madrid: Brand, newyork: Brand
) -> None:
    post = ws.posts.create(madrid.id, "x")

    moved = ws.posts.update(post.id, brand_id=newyork.id, local_at=datetime(2026, 12, 3, 9, 0))

    assert moved.brand_name == "Northwind Outdoor"
    assert moved.timezone == "America/New_York"
    assert moved.scheduled_utc == datetime(2026, 12, 3, 14, 0, tzinfo=UTC)


def test_a_published_post_cannot_be_edited_or_rescheduled(
    ws: Workspace, madrid: Brand, newyork: Brand
) -> None:
    post = ws.posts.create(madrid.id, "Out there", local_at=datetime(2026, 12, 3, 9, 0))
    _publish(ws, post.id)

    with pytest.raises(MoveRefused, match="already published"):
        ws.posts.update(post.id, text="Changed")
    with pytest.raises(MoveRefused, match="already published"):
        ws.posts.update(post.id, local_at=datetime(2026, 12, 4, 9, 0))
    with pytest.raises(MoveRefused, match="already published"):
        ws.posts.update(post.id, clear_schedule=True)  # back to the backlog
    with pytest.raises(MoveRefused, match="already published"):
        ws.posts.update(post.id, brand_id=newyork.id)
    with pytest.raises(MoveRefused, match="already published"):
        ws.posts.update(post.id, media=[])

    kept = ws.posts.get(post.id)
    assert kept.text == "Out there"
    assert kept.local_at == datetime(2026, 12, 3, 9, 0)
    assert kept.brand_id == madrid.id
    assert kept.state is PostState.PUBLISHED
    # Internal notes and tags stay editable: they never reach the network.
    assert ws.posts.update(post.id, notes="Got 40 likes", tags=["bread"]).notes == "Got 40 likes"


def test_get_and_delete(ws: Workspace, madrid: Brand) -> None:
    a = ws.posts.create(madrid.id, "a")
    b = ws.posts.create(madrid.id, "b")

    ws.posts.delete([a.id])

    with pytest.raises(NotFound, match=f"Post {a.id} does not exist"):
        ws.posts.get(a.id)
    assert [p.id for p in ws.posts.get_many([a.id, b.id])] == [b.id]


# ---- reading for the calendar ---------------------------------------------------------------


@pytest.fixture
def month(ws: Workspace, madrid: Brand, newyork: Brand) -> dict[str, int]:
    """A small December across two brands, networks, states and tags."""
    masto = ws.accounts.add_profile(madrid.id, Network.MASTODON, "@sol@mastodon.social")
    insta = ws.accounts.add_profile(madrid.id, Network.THREADS, "panaderia.sol")
    x = ws.accounts.add_profile(newyork.id, Network.X, "@northwind")
    ids = {
        "bread": ws.posts.create(
            madrid.id,
            "Sourdough Saturday",
            local_at=datetime(2026, 12, 5, 9, 0),
            tags=["bread"],
            account_ids=[masto.id, insta.id],
        ).id,
        "market": ws.posts.create(
            madrid.id,
            "Christmas market stall",
            local_at=datetime(2026, 12, 20, 18, 0),
            tags=["events"],
            notes="Remember the SIGN photo",
            account_ids=[insta.id],
        ).id,
        "gear": ws.posts.create(
            newyork.id,
            "Winter gear checklist",
            local_at=datetime(2026, 12, 2, 8, 0),
            tags=["gear", "tips"],
            account_ids=[x.id],
        ).id,
        "january": ws.posts.create(madrid.id, "New year", local_at=datetime(2027, 1, 2, 9, 0)).id,
        "draft": ws.posts.create(madrid.id, "Someday: a bread thread", tags=["bread"]).id,
        "idea": ws.posts.create(newyork.id, "Gear giveaway?", state=PostState.IDEA).id,
    }
    return ids


def _ids(rows: Sequence[PostRow]) -> list[int]:
    return [r.id for r in rows]


def test_rows_for_a_range_are_the_scheduled_posts_in_it_in_time_order(
    ws: Workspace, month: dict[str, int]
) -> None:
    rows = ws.posts.rows(PostFilter(), DEC_START, DEC_END)

    assert _ids(rows) == [month["gear"], month["bread"], month["market"]]
    bread = rows[1]
    assert bread.brand_name == "Panadería Sol"
    assert bread.state is PostState.SCHEDULED
    assert bread.head == "Sourdough Saturday"
    assert bread.local_at == datetime(2026, 12, 5, 9, 0)
    assert bread.scheduled_utc == datetime(2026, 12, 5, 8, 0, tzinfo=UTC)
    assert bread.networks == (Network.MASTODON, Network.THREADS)
    assert bread.tags == ("bread",)
    assert rows[0].networks == (Network.X,)


def test_the_range_end_is_exclusive(ws: Workspace, month: dict[str, int]) -> None:
    at = datetime(2026, 12, 5, 8, 0, tzinfo=UTC)

    assert _ids(ws.posts.rows(PostFilter(), at, at + timedelta(minutes=1))) == [month["bread"]]
    assert _ids(ws.posts.rows(PostFilter(), at - timedelta(hours=1), at)) == []


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (lambda b: PostFilter(brand_ids=frozenset({b["newyork"]})), ["gear"]),
        (lambda b: PostFilter(networks=frozenset({Network.THREADS})), ["bread", "market"]),
        (
            lambda b: PostFilter(networks=frozenset({Network.MASTODON, Network.X})),
            ["gear", "bread"],
        ),
        (lambda b: PostFilter(tags=frozenset({"events"})), ["market"]),
        (lambda b: PostFilter(tags=frozenset({"tips", "bread"})), ["gear", "bread"]),
        (lambda b: PostFilter(search="checklist"), ["gear"]),
        (lambda b: PostFilter(search="sign photo"), ["market"]),  # notes, any case
        (lambda b: PostFilter(states=frozenset({PostState.PUBLISHED})), []),
    ],
)
def test_filters(
    ws: Workspace,
    madrid: Brand,
    newyork: Brand,
    month: dict[str, int],
    flt: Callable[[dict[str, int]], PostFilter],
    expected: list[str],
) -> None:
    brands = {"madrid": madrid.id, "newyork": newyork.id}

    rows = ws.posts.rows(flt(brands), DEC_START, DEC_END)

    assert _ids(rows) == [month[k] for k in expected]


def test_a_tag_filter_matches_whole_tags_only(
    ws: Workspace, madrid: Brand, month: dict[str, int]
) -> None:
    ws.posts.create(madrid.id, "x", local_at=datetime(2026, 12, 9, 9, 0), tags=["breadcrumbs"])

    rows = ws.posts.rows(PostFilter(tags=frozenset({"bread"})), DEC_START, DEC_END)

    assert _ids(rows) == [month["bread"]]


def test_the_state_filter(ws: Workspace, month: dict[str, int]) -> None:
    _publish(ws, month["market"])

    rows = ws.posts.rows(PostFilter(states=frozenset({PostState.PUBLISHED})), DEC_START, DEC_END)

    assert _ids(rows) == [month["market"]]


def test_the_backlog_lists_only_unscheduled_posts_newest_first(
    ws: Workspace, month: dict[str, int], clock: FixedClock
) -> None:
    clock.advance(timedelta(minutes=1))
    ws.posts.update(month["draft"], notes="touched")

    backlog = ws.posts.backlog(PostFilter())

    assert _ids(backlog) == [month["draft"], month["idea"]]
    assert all(r.local_at is None for r in backlog)
    assert _ids(ws.posts.backlog(PostFilter(tags=frozenset({"bread"})))) == [month["draft"]]


def test_an_archived_brands_posts_are_hidden(
    ws: Workspace, madrid: Brand, month: dict[str, int]
) -> None:
    ws.brands.archive(madrid.id)

    assert _ids(ws.posts.rows(PostFilter(), DEC_START, DEC_END)) == [month["gear"]]
    assert _ids(ws.posts.backlog(PostFilter())) == [month["idea"]]
    shown = ws.posts.rows(PostFilter(include_archived=True), DEC_START, DEC_END)
    assert len(shown) == 3


def test_find_by_brand_and_range(ws: Workspace, madrid: Brand, month: dict[str, int]) -> None:
    found = ws.posts.find(madrid.id, DEC_START, DEC_END)

    assert [p.id for p in found] == [month["bread"], month["market"]]
    assert [p.id for p in ws.posts.find(madrid.id)][-1] == month["draft"]  # unscheduled last


def test_all_tags_from_posts_and_brands(ws: Workspace, month: dict[str, int]) -> None:
    ws.brands.create("Kiwi", "Pacific/Auckland", tags=["Webinar"])

    assert ws.posts.all_tags() == ["bread", "events", "gear", "tips", "Webinar"]
