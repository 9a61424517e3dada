"""Fixtures of the accounts window tests: a workspace over an in-memory keyring.

Load with ``pytest_plugins = ["tests.ui.accounts_fixtures"]``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cmplanner.domain.clock import FixedClock
from cmplanner.paths import Paths
from cmplanner.services.credentials import CredentialStore
from cmplanner.services.workspace import Workspace, open_workspace
from tests.support.memory_keyring import MemoryKeyring


@pytest.fixture
def keyring_items() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def aws(
    paths: Paths, clock: FixedClock, db_url: str, keyring_items: MemoryKeyring
) -> Iterator[Workspace]:
    """A workspace whose credential store is a usable in-memory keyring."""
    workspace = open_workspace(
        paths, db_url=db_url, clock=clock, credentials=CredentialStore(backend=keyring_items)
    )
    yield workspace
    workspace.close()
