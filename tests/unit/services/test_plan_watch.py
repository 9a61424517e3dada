"""Hearing what someone else changed: two workspaces on one database, on either engine.

The watcher runs on its own thread and connection (SQLite: PRAGMA data_version and a
snapshot of versions; PostgreSQL: LISTEN/NOTIFY sent by the other workspace's commits).
"""

from __future__ import annotations

import queue
from collections.abc import Iterator
from datetime import datetime

import pytest
from sqlalchemy import text

from cmplanner.domain.clock import FixedClock
from cmplanner.domain.models import Brand, Post
from cmplanner.paths import Paths
from cmplanner.services.notifier import Topic
from cmplanner.services.plan_watch import PlanWatcher, parse_payload, payload
from cmplanner.services.workspace import Workspace, open_workspace
from tests.support.postgres import ON_POSTGRES

Heard = queue.Queue[tuple[Topic, tuple[int, ...]]]
WAIT_S = 15  # a deadline for a wait that normally ends in well under a second


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


@pytest.fixture
def heard() -> Heard:
    return queue.Queue()


@pytest.fixture
def problems() -> queue.Queue[str]:
    return queue.Queue()


@pytest.fixture
def watcher(
    ws: Workspace, heard: Heard, problems: queue.Queue[str], post: Post
) -> Iterator[PlanWatcher]:
    w = PlanWatcher(
        ws.engine,
        lambda topic, ids: heard.put((topic, ids)),
        problems.put,
        interval=0.05,
        retry_s=0.1,
    )
    w.start()
    assert w.ready.wait(WAIT_S)
    yield w
    w.stop()


def _next(heard: Heard, topic: Topic) -> tuple[int, ...]:
    """The ids of the next report about ``topic`` (other topics skipped)."""
    while True:
        got_topic, ids = heard.get(timeout=WAIT_S)
        if got_topic == topic:
            return ids


def test_a_post_edited_elsewhere_is_heard_with_its_id(
    watcher: PlanWatcher, heard: Heard, other: Workspace, post: Post
) -> None:
    other.posts.update(post.id, text="Croissants", expected_version=post.version)

    assert _next(heard, Topic.POSTS) == (post.id,)


def test_new_and_deleted_posts_elsewhere_are_heard(
    watcher: PlanWatcher, heard: Heard, other: Workspace, post: Post, brand: Brand
) -> None:
    made = other.posts.create(brand.id, "Sourdough", local_at=datetime(2026, 12, 4, 9, 0))
    assert made.id in _next(heard, Topic.POSTS)

    other.posts.delete([post.id])
    ids = _next(heard, Topic.POSTS)
    assert ids == () or post.id in ids  # a bulk delete on PostgreSQL: "anything"


def test_a_brand_edited_elsewhere_is_heard(
    watcher: PlanWatcher, heard: Heard, other: Workspace, brand: Brand
) -> None:
    other.brands.update(brand.id, brief="Family bakery", expected_version=brand.version)

    assert _next(heard, Topic.BRANDS) == (brand.id,)


def test_a_move_elsewhere_is_heard(
    watcher: PlanWatcher, heard: Heard, other: Workspace, post: Post
) -> None:
    from cmplanner.services.planning import MovePosts, Target

    changes = other.planning.plan_move([post.id], post.id, Target(datetime(2026, 12, 5).date()))
    MovePosts(other.planning, changes).do()

    assert _next(heard, Topic.POSTS) == (post.id,)


def test_nothing_is_heard_when_nothing_changed_in_the_plan(
    watcher: PlanWatcher, heard: Heard, other: Workspace, post: Post, brand: Brand
) -> None:
    other.drafts.discard("no-such-edit")  # a commit that touches no post or brand
    other.posts.update(post.id, notes="a marker", expected_version=post.version)

    assert _next(heard, Topic.POSTS) == (post.id,)  # the first report is the post's
    assert heard.empty()


@pytest.mark.skipif(not ON_POSTGRES, reason="a lost server connection is PostgreSQL's case")
def test_a_lost_connection_is_said_and_then_everything_is_reloaded(
    watcher: PlanWatcher,
    heard: Heard,
    problems: queue.Queue[str],
    other: Workspace,
    post: Post,
) -> None:
    with other.engine.begin() as conn:
        killed = conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = 'cmplanner plan watch'"
            )
        ).all()
    assert killed

    assert _next(heard, Topic.POSTS) == ()  # reconnected: what changed meanwhile is unknown
    other.posts.update(post.id, text="Croissants", expected_version=post.version)
    assert _next(heard, Topic.POSTS) == (post.id,)


def test_payloads_round_trip_and_long_ones_say_anything() -> None:
    assert parse_payload(payload(Topic.POSTS, [3, 1, 3])) == (Topic.POSTS, (1, 3))
    assert parse_payload(payload(Topic.POSTS, range(5000))) == (Topic.POSTS, ())
    assert parse_payload("unknown:1") is None
