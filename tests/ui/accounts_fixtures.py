"""Fixtures of the accounts window tests: a workspace over an in-memory keyring.

Load with ``pytest_plugins = ["tests.ui.accounts_fixtures"]``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import PasswordDeleteError

from cmplanner.domain.clock import FixedClock
from cmplanner.paths import Paths
from cmplanner.services.credentials import CredentialStore
from cmplanner.services.workspace import Workspace, open_workspace


class MemoryKeyring(KeyringBackend):
    """A keyring in a dict (installed explicitly; keyring never picks it)."""

    @properties.classproperty
    def priority(cls) -> float:  # noqa: N805
        raise RuntimeError("test backend, installed explicitly")

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.items.pop((service, username), None) is None:
            raise PasswordDeleteError("No such password!")


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
