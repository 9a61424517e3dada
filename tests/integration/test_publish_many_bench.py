"""bench/shared.py's steps at tiny sizes on the session's PostgreSQL server: they run and
give numbers (no timing assertions), and two publisher processes split the due posts with
no overlap and nothing left.

bench/ is a folder of scripts, not a package: its modules are imported from the path.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.support.postgres import PostgresServer

BENCH = Path(__file__).resolve().parents[2] / "bench"

pytestmark = pytest.mark.slow  # the publishers are subprocesses


@pytest.fixture(scope="module")
def shared() -> Iterator[ModuleType]:
    sys.path.insert(0, str(BENCH))
    try:
        import shared

        yield shared
    finally:
        sys.path.remove(str(BENCH))


def test_month_switch_and_drop_run_on_both_engines(
    shared: ModuleType, postgres_server: PostgresServer, tmp_path: Path, qapp: Any
) -> None:
    name = postgres_server.create_database()
    url = postgres_server.url(name)
    try:
        sqlite_home, pg_home = shared.seed_both(tmp_path, url, 200)
        pg_ms, lite_ms = shared.month_switches(sqlite_home, pg_home, url, 2)
        assert len(pg_ms) == len(lite_ms) == 2
        drop_ms = shared.drops(pg_home, url, 2)
        assert len(drop_ms) == 2
        assert all(math.isfinite(x) and x > 0 for x in [*pg_ms, *lite_ms, *drop_ms])
    finally:
        postgres_server.drop_database(name)


def test_two_publishers_split_the_due_posts_without_overlap(
    shared: ModuleType, postgres_server: PostgresServer, tmp_path: Path
) -> None:
    one_s, two_s, split, overlap, missing = shared.publishers(postgres_server, tmp_path, 20, 1.0)
    assert sum(split) == 20
    assert overlap == 0 and missing == 0
    assert one_s > 0 and two_s > 0
