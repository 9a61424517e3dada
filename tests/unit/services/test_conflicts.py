"""No lost updates: two people (two workspaces) on one database, on either engine.

Each edit carries the version its user saw; a change made by someone else since is refused
with a ConflictError holding both versions, and nothing is overwritten.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest

from cmplanner.domain.clock import FixedClock
from cmplanner.domain.errors import ConflictError, NotFound
from cmplanner.domain.models import Brand, Post
from cmplanner.paths import Paths
from cmplanner.services.planning import MovePosts, Target
from cmplanner.services.workspace import Workspace, open_workspace


@pytest.fixture
def other(paths: Paths, clock: FixedClock, db_url: str, ws: Workspace) -> Iterator[Workspace]:
    """A second person's workspace on the same database."""
    workspace = open_workspace(paths, db_url=db_url, clock=clock)
    yield workspace
    workspace.close()


@pytest.fixture
def brand(ws: Workspace) -> Brand:
    return ws.brands.create("Panadería Sol", "Europe/Madrid")


@pytest.fixture
def post(ws: Workspace, brand: Brand) -> Post:
    return ws.posts.create(brand.id, "Fresh bread", local_at=datetime(2026, 12, 3, 9, 0))


def test_the_second_save_of_the_same_post_gets_both_versions(
    ws: Workspace, other: Workspace, post: Post
) -> None:
    seen = ws.posts.get(post.id)  # Ana opens the post
    theirs = other.posts.update(post.id, text="Croissants", expected_version=seen.version)

    with pytest.raises(ConflictError) as caught:
        ws.posts.update(post.id, text="Sourdough", expected_version=seen.version)

    err = caught.value
    assert (err.seen_version, err.current_version) == (seen.version, theirs.version)
    assert isinstance(err.current, Post) and err.current.text == "Croissants"
    assert f"version {seen.version} → {theirs.version}" in err.message
    assert "nothing was overwritten" in err.hint
    assert other.posts.get(post.id).text == "Croissants"


def test_keeping_mine_after_seeing_theirs_saves_on_top_of_it(
    ws: Workspace, other: Workspace, post: Post
) -> None:
    other.posts.update(post.id, text="Croissants", expected_version=post.version)
    with pytest.raises(ConflictError) as caught:
        ws.posts.update(post.id, text="Sourdough", expected_version=post.version)

    saved = ws.posts.update(
        post.id, text="Sourdough", expected_version=caught.value.current_version
    )

    assert other.posts.get(post.id).text == "Sourdough"
    assert saved.version == (caught.value.current_version or 0) + 1


def test_a_post_deleted_by_the_other_person_is_not_brought_back(
    ws: Workspace, other: Workspace, post: Post
) -> None:
    other.posts.delete([post.id])

    with pytest.raises(NotFound, match="does not exist"):
        ws.posts.update(post.id, text="Sourdough", expected_version=post.version)

    assert other.posts.find() == []


def test_a_drag_after_someone_else_moved_the_post_moves_nothing(
    ws: Workspace, other: Workspace, post: Post
) -> None:
    changes = ws.planning.plan_move([post.id], post.id, Target(date(2026, 12, 10)))
    other_changes = other.planning.plan_move([post.id], post.id, Target(date(2026, 12, 5)))
    MovePosts(other.planning, other_changes).do()

    with pytest.raises(ConflictError) as caught:
        MovePosts(ws.planning, changes).do()

    assert caught.value.seen_version == post.version
    assert "Sat 05 Dec 09:00" in caught.value.message
    assert ws.posts.get(post.id).local_at == datetime(2026, 12, 5, 9, 0)


def test_a_drag_after_someone_else_edited_the_text_keeps_their_text(
    ws: Workspace, other: Workspace, post: Post
) -> None:
    changes = ws.planning.plan_move([post.id], post.id, Target(date(2026, 12, 10)))
    other.posts.update(post.id, text="Croissants", expected_version=post.version)

    with pytest.raises(ConflictError):
        ws.planning.apply(changes)

    after = ws.posts.get(post.id)
    assert (after.text, after.local_at) == ("Croissants", datetime(2026, 12, 3, 9, 0))


def test_undo_after_someone_else_moved_the_post_again_is_refused(
    ws: Workspace, other: Workspace, post: Post
) -> None:
    move = MovePosts(
        ws.planning, ws.planning.plan_move([post.id], post.id, Target(date(2026, 12, 10)))
    )
    move.do()
    MovePosts(
        other.planning, other.planning.plan_move([post.id], post.id, Target(date(2026, 12, 12)))
    ).do()

    with pytest.raises(ConflictError):
        move.undo()

    assert ws.posts.get(post.id).local_at == datetime(2026, 12, 12, 9, 0)


def test_undo_and_redo_alone_still_chain_their_versions(ws: Workspace, post: Post) -> None:
    move = MovePosts(
        ws.planning, ws.planning.plan_move([post.id], post.id, Target(date(2026, 12, 10)))
    )

    move.do()
    move.undo()
    move.do()

    after = ws.posts.get(post.id)
    assert after.local_at == datetime(2026, 12, 10, 9, 0)
    assert after.version == post.version + 3


def test_the_second_save_of_the_same_brand_is_refused(
    ws: Workspace, other: Workspace, brand: Brand
) -> None:
    theirs = other.brands.update(brand.id, brief="Family bakery", expected_version=brand.version)

    with pytest.raises(ConflictError) as caught:
        ws.brands.update(brand.id, brief="Artisan bakery", expected_version=brand.version)

    assert (caught.value.seen_version, caught.value.current_version) == (
        brand.version,
        theirs.version,
    )
    assert isinstance(caught.value.current, Brand)
    assert caught.value.current.brief == "Family bakery"
    assert ws.brands.get(brand.id).brief == "Family bakery"
