"""Errors a user can meet and act on, apart from bugs.

A ``KnownError`` carries a message that says what happened and what to do next.
The window shows it in a dialog; the command line prints it and exits non-zero.
"""

from __future__ import annotations


class KnownError(Exception):
    """An error the user can understand and act on."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()


class NotFound(KnownError):
    """A brand, post or file that does not exist."""


class InvalidInput(KnownError):
    """Input that cannot be accepted as given."""


class MoveRefused(KnownError):
    """A planning move that would break a rule (past date, published post...)."""


class DatabaseProblem(KnownError):
    """The database is locked, corrupt or from a newer version."""


class ConflictError(KnownError):
    """Someone else changed the same row in the meantime (optimistic locking).

    ``seen_version`` is the version the user's edit started from, ``current_version`` the
    one in the database now, and ``current`` what is saved there now (a ``Post`` or a
    ``Brand``; None when it was deleted), so both versions can be shown side by side.
    """

    def __init__(
        self,
        message: str,
        hint: str = "",
        *,
        seen_version: int | None = None,
        current_version: int | None = None,
        current: object | None = None,
    ) -> None:
        super().__init__(message, hint)
        self.seen_version = seen_version
        self.current_version = current_version
        self.current = current
