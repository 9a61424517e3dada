"""A keyring in a dict, for tests whose subject is not the keyring itself.

Installed explicitly (``CredentialStore(backend=MemoryKeyring())``); keyring's own detection
never picks it. The real password store is tested against gnome-keyring
(``tests/support/secret_service.py``).
"""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import KeyringLocked as BackendLocked
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """``items`` maps (service, username) to the stored string.

    ``locked`` makes every read and write fail as a locked GNOME Keyring does;
    ``refuse_writes`` only the writes (reading still works).
    """

    @properties.classproperty
    def priority(cls) -> float:  # noqa: N805
        raise RuntimeError("test backend, installed explicitly")

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}
        self.locked = False
        self.refuse_writes = False

    def get_password(self, service: str, username: str) -> str | None:
        if self.locked:
            raise BackendLocked("Failed to unlock the collection!")
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.locked or self.refuse_writes:
            raise BackendLocked("Failed to unlock the collection!")
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.locked:
            raise BackendLocked("Failed to unlock the collection!")
        try:
            del self.items[(service, username)]
        except KeyError:
            raise PasswordDeleteError("No such password!") from None
