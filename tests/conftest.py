"""Shared fixtures: offscreen Qt, a temp home per test, a fresh workspace, a fixed clock."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

# One process = one platform. The dnd tests run in their own pytest process with
# QT_QPA_PLATFORM=minimal:enable_fonts (see the Makefile); everything else offscreen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

import pytest

from cmplanner.domain.clock import FixedClock
from cmplanner.paths import Paths
from cmplanner.services.workspace import Workspace, open_workspace

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
def ws(paths: Paths, clock: FixedClock, migrated_db: Path) -> Iterator[Workspace]:
    """A fresh workspace (a copy of the migrated template: the same, only faster)."""
    paths.ensure()
    if not paths.database.exists():
        shutil.copyfile(migrated_db, paths.database)
    workspace = open_workspace(paths, clock=clock)
    yield workspace
    workspace.close()
