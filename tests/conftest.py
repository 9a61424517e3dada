"""Shared fixtures: offscreen Qt, a temp home per test, a fresh workspace, a fixed clock.

``CMPLANNER_TEST_DB=postgresql`` runs every database-backed test (those using ``ws`` or
``db_url``) on a real PostgreSQL server on loopback (tests/support/postgres.py) instead of
an SQLite file, and deselects the tests that touch no database (the SQLite run has them).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

# One process = one platform. The dnd tests run in their own pytest process with
# QT_QPA_PLATFORM=minimal:enable_fonts (see the Makefile); everything else offscreen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

import pytest
from pytestqt.qtbot import QtBot

from cmplanner.domain.clock import FixedClock
from cmplanner.paths import Paths
from cmplanner.services.workspace import Workspace, open_workspace

pytest_plugins = ["tests.support.postgres"]

#: Fixtures that give a test a database: on PostgreSQL only the tests using one run.
DB_FIXTURES = frozenset(
    {"ws", "db_url", "blank_db_url", "postgres_server", "postgres_db", "postgres_empty_db"}
)

#: "Now" for tests that need a fixed instant: a Thursday in late November.
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test ever writes into the real home folder."""
    monkeypatch.setenv("CMPLANNER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.delenv("CMPLANNER_DB", raising=False)


@pytest.fixture
def qtbot(qtbot: QtBot) -> Iterator[QtBot]:
    """pytest-qt's bot, holding every widget given to ``addWidget`` until it is closed.

    pytest-qt keeps weak references only. A shown window whose last reference was the
    test's local variable, and which sits in a reference cycle, is then freed by Python's
    cycle collector at whatever allocation starts the next collection: after the test
    returns, pytest-qt's ``processEvents`` paints it, and a collection started inside that
    paint (a chart's render allocates enough) deleted the window under its own
    ``paintEvent`` and crashed the test process. Held here, it is released at the
    fixture's teardown, which pytest-qt runs after closing the widgets."""
    kept: list[object] = []
    add = qtbot.addWidget

    def add_widget(widget: Any, *, before_close_func: Any = None) -> None:
        kept.append(widget)
        add(widget, before_close_func=before_close_func)

    qtbot.addWidget = add_widget  # type: ignore[method-assign]
    yield qtbot
    kept.clear()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    from tests.support.postgres import ON_POSTGRES

    if not ON_POSTGRES:
        return
    keep = [i for i in items if DB_FIXTURES & set(getattr(i, "fixturenames", ()))]
    dropped = [i for i in items if i not in keep]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    root = tmp_path / "home"
    return Paths(home=root, logs=root / "logs")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture(scope="session")
def migrated_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One freshly migrated database for the session; each workspace starts from a copy."""
    home = tmp_path_factory.mktemp("migrated")
    open_workspace(Paths(home=home, logs=home / "logs")).close()
    return home / "cmplanner.db"


@pytest.fixture
def db_url(request: pytest.FixtureRequest, paths: Paths) -> str:
    """The test's database at the head schema, on the engine under test (a fresh copy)."""
    from tests.support.postgres import ON_POSTGRES

    if ON_POSTGRES:
        return str(request.getfixturevalue("postgres_db"))
    migrated: Path = request.getfixturevalue("migrated_db")
    paths.ensure()
    if not paths.database.exists():
        shutil.copyfile(migrated, paths.database)
    return paths.db_url


@pytest.fixture
def blank_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database (no tables) on the engine under test."""
    from tests.support.postgres import ON_POSTGRES

    if ON_POSTGRES:
        return str(request.getfixturevalue("postgres_empty_db"))
    return f"sqlite:///{tmp_path / 'blank.db'}"


@pytest.fixture
def ws(
    paths: Paths, clock: FixedClock, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Workspace]:
    """A fresh workspace (a copy of the migrated template: the same, only faster)."""
    if not db_url.startswith("sqlite"):
        # a second workspace, or a CLI process, on this home finds the same database
        monkeypatch.setenv("CMPLANNER_DB", db_url)
    workspace = open_workspace(paths, db_url=db_url, clock=clock)
    yield workspace
    workspace.close()
