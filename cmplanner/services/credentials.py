"""The one credential store: account secrets live in the OS keyring and nowhere else.

Every secret cmplanner holds (access and refresh tokens, app passwords, OAuth 1.0a keys) goes
through a ``CredentialStore``: service ``cmplanner``, username ``account:<id>``, the value one
JSON object of strings. Nothing else in the app talks to ``keyring``; no secret is ever
written to the database, QSettings, the logs, an export or a crash report.

The backend is resolved lazily, at the first call that needs it (``keyring.get_keyring()``),
never at import or start-up: importing ``keyring`` costs start-up time and may touch D-Bus.
The store then *vets* what keyring picked. It refuses, with a ``KeyringUnavailable`` that says
what happened and what to do:

- keyring's ``fail`` backend (no Secret Service / KWallet on the D-Bus session, a headless box);
- the ``null`` backend, an empty chain, and any ``keyrings.alt`` backend keyring picked by
  itself (``PlaintextKeyring`` keeps secrets in clear; ``EncryptedKeyring`` prompts on stdin).

Nothing falls back silently. The only alternative to the OS keyring is an encrypted file, and
only through an explicit ``use_encrypted_file(path, passphrase)``.

How the window must use it (the accounts view, before connecting or publishing):

1. Call ``backend_status()`` (it never prompts and never raises). ``USABLE``: carry on.
2. ``LOCKED``: say "Your password store is locked"; any store call asks the desktop to unlock
   it (GNOME Keyring's own prompt); a dismissed prompt raises ``KeyringLocked``.
3. ``UNAVAILABLE`` / ``REFUSED``: show ``status.reason`` in the window with two choices:
   "Set up GNOME Keyring or KWallet, then check again" (calls ``backend_status()`` again on a
   *new* store, since keyring caches its pick per process) or "Keep secrets in an encrypted
   file". For the latter, ask the passphrase in the app's own dialog (twice when the file does
   not exist yet), call ``use_encrypted_file(path, passphrase)`` and show ``WrongPassphrase``'s
   message on failure. Remember the *choice and the path* in the settings (never the
   passphrase) and ask the passphrase again at the next start.
4. Every ``CredentialStoreError`` is a ``KnownError``: show ``str(error)`` as is.

The publisher thread shares the same store instance; the calls are thread-safe.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Mapping
from contextlib import closing
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from cmplanner.domain.errors import InvalidInput, KnownError

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

SERVICE = "cmplanner"
#: The key a plain string secret is stored under: ``set(1, "tok")`` stores ``{"secret": "tok"}``.
PLAIN_KEY = "secret"

_WHAT_TO_DO = (
    "Install or unlock GNOME Keyring or KWallet, "
    "or choose an encrypted file protected by a passphrase."
)


class CredentialStoreError(KnownError):
    """The password store failed in a way the user can act on."""


class KeyringUnavailable(CredentialStoreError):
    """No usable password store: cmplanner will not put secrets anywhere else on its own."""


class KeyringLocked(CredentialStoreError):
    """The password store is locked and the user did not unlock it."""


class WrongPassphrase(CredentialStoreError):
    """The passphrase does not open the encrypted credentials file."""


class BackendState(Enum):
    USABLE = "usable"
    LOCKED = "locked"  # a real store, locked: a call asks the desktop to unlock it
    UNAVAILABLE = "unavailable"  # no password store at all
    REFUSED = "refused"  # keyring picked something cmplanner will not use on its own


@dataclass(frozen=True)
class BackendStatus:
    state: BackendState
    name: str
    reason: str = ""

    @property
    def usable(self) -> bool:
        return self.state is BackendState.USABLE


def username_for(account_id: int) -> str:
    """The keyring username of an account: ``account:<id>``."""
    if isinstance(account_id, bool) or not isinstance(account_id, int) or account_id <= 0:
        raise InvalidInput(f"{account_id!r} is not an account id.", "Pick a saved account.")
    return f"account:{account_id}"


class CredentialStore:
    """Secrets of accounts, one keyring entry per account (see the module docstring)."""

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend
        self._explicit = backend is not None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        name = _name(self._backend) if self._backend is not None else "not chosen yet"
        return f"<CredentialStore service={SERVICE!r} backend={name!r} secrets=redacted>"

    # -- secrets --------------------------------------------------------------------------

    def set(self, account_id: int, secret: Mapping[str, str] | str) -> None:
        """Save (or replace) an account's secret; a refreshed token is written back at once."""
        username = username_for(account_id)
        value = _encode(secret)
        backend = self._usable_backend()
        try:
            backend.set_password(SERVICE, username, value)
        except Exception as exc:
            raise _translate(exc, backend, "save the credentials of", username) from exc
        log.info("saved the credentials of %s in %s", username, _name(backend))

    def get(self, account_id: int) -> dict[str, str] | None:
        """The account's secret, or None when none is saved."""
        username = username_for(account_id)
        backend = self._usable_backend()
        try:
            value = backend.get_password(SERVICE, username)
        except Exception as exc:
            raise _translate(exc, backend, "read the credentials of", username) from exc
        return None if value is None else _decode(value, username)

    def delete(self, account_id: int) -> bool:
        """Forget an account's secret; False when there was none."""
        from keyring.errors import PasswordDeleteError

        username = username_for(account_id)
        backend = self._usable_backend()
        try:
            backend.delete_password(SERVICE, username)
        except PasswordDeleteError:
            return False
        except Exception as exc:
            raise _translate(exc, backend, "delete the credentials of", username) from exc
        log.info("deleted the credentials of %s from %s", username, _name(backend))
        return True

    # -- the backend ----------------------------------------------------------------------

    def backend_status(self) -> BackendStatus:
        """Whether secrets can be saved, and if not why; never prompts, never raises."""
        try:
            backend = self._resolve()
        except CredentialStoreError as exc:
            return BackendStatus(BackendState.UNAVAILABLE, "none", exc.message)
        refusal = _refusal(backend, self._explicit)
        if refusal is not None:
            return refusal
        return _probe(backend)

    def recheck(self) -> BackendStatus:
        """Ask keyring to choose a backend again ("Check again" after the user set up GNOME
        Keyring or KWallet while cmplanner was running). An explicit choice (the encrypted
        file) is kept; never prompts, never raises."""
        with self._lock:
            if not self._explicit:
                try:
                    import keyring.backend
                    import keyring.core

                    # keyring caches, per process, the backends it found viable (jaraco's
                    # ``@once`` keeps them on the function) and its pick: forget both.
                    vars(keyring.backend.get_all_keyring).pop("saved_result", None)
                    keyring.core.init_backend()
                except Exception:  # reported by backend_status below
                    log.warning("keyring could not choose a backend again", exc_info=True)
                self._backend = None
        return self.backend_status()

    def use_encrypted_file(self, path: Path | str, passphrase: str) -> BackendStatus:
        """Keep secrets in a passphrase-encrypted file from now on: only on the user's choice.

        Opens the file (checking the passphrase) or creates it. Raises ``WrongPassphrase``.
        """
        if not passphrase:
            raise InvalidInput(
                "An encrypted file needs a passphrase.", "Type the passphrase that protects it."
            )
        try:
            from cmplanner.services.keyring_backends import (
                DamagedFileError,
                EncryptedFileKeyring,
                WrongPassphraseError,
            )
        except ImportError as exc:  # the cryptography package missing from this installation
            raise CredentialStoreError(
                f"Encrypted files are not available in this installation ({exc.name} missing).",
                "Install or unlock GNOME Keyring or KWallet.",
            ) from exc
        try:
            backend = EncryptedFileKeyring(path, passphrase)
        except WrongPassphraseError:
            raise WrongPassphrase(
                f"This passphrase does not open {path}.",
                "Type it again (it is case-sensitive). If it is lost, choose a new file and "
                "reconnect the accounts.",
            ) from None
        except DamagedFileError as exc:
            raise CredentialStoreError(
                f"{path} cannot be used: {exc}.", "Choose another file, or restore a backup."
            ) from None
        except OSError as exc:
            raise CredentialStoreError(
                f"Cannot use {path}: {exc.strerror or exc}.", "Choose a folder you can write to."
            ) from None
        with self._lock:
            self._backend = backend
            self._explicit = True
        log.info("credentials now kept in the encrypted file %s (the user's choice)", path)
        return self.backend_status()

    def _resolve(self) -> KeyringBackend:
        with self._lock:
            if self._backend is None:
                import keyring

                try:
                    self._backend = keyring.get_keyring()
                except Exception as exc:  # a broken keyringrc.cfg or PYTHON_KEYRING_BACKEND
                    raise KeyringUnavailable(
                        "No password store is available on this computer "
                        f"(keyring could not choose one: {type(exc).__name__}: {exc}).",
                        _WHAT_TO_DO,
                    ) from exc
                log.info("keyring backend: %s", _name(self._backend))
            return self._backend

    def _usable_backend(self) -> KeyringBackend:
        backend = self._resolve()
        refusal = _refusal(backend, self._explicit)
        if refusal is not None:
            raise KeyringUnavailable(_unavailable_message(refusal.reason), _WHAT_TO_DO)
        return backend


# -- values ---------------------------------------------------------------------------------


def _encode(secret: Mapping[str, str] | str) -> str:
    if isinstance(secret, str):
        if not secret:
            raise InvalidInput("There is no secret to save.", "Paste the token or password.")
        fields = {PLAIN_KEY: secret}
    else:
        fields = dict(secret)
        if not fields:
            raise InvalidInput("There is no secret to save.", "Paste the token or password.")
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in fields.items()):
            # Name only the types: a value here may be the secret itself.
            raise InvalidInput("A secret is a set of text fields.", "This is a bug; report it.")
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _decode(value: str, username: str) -> dict[str, str]:
    damaged = CredentialStoreError(
        f"The saved credentials of {username} are damaged.",
        "Reconnect the account to save them again.",
    )
    try:
        fields = json.loads(value)
    except ValueError:
        # Raised outside this block: a JSONDecodeError (even as __context__) holds the value.
        fields = None
    if not isinstance(fields, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in fields.items()
    ):
        raise damaged
    return fields


# -- backends -------------------------------------------------------------------------------


def _name(backend: KeyringBackend) -> str:
    from cmplanner.services.keyring_backends import EncryptedFileKeyring

    if isinstance(backend, EncryptedFileKeyring):
        return str(backend)
    try:
        return str(type(backend).name)
    except Exception:
        return type(backend).__qualname__


def _unavailable_message(reason: str) -> str:
    return f"No password store is available on this computer ({reason})."


def _refusal(backend: KeyringBackend, explicit: bool) -> BackendStatus | None:
    """A status saying why ``backend`` is not to be used, or None when it is fine."""
    from keyring.backends import chainer, fail, null

    name = _name(backend)
    cls = type(backend)
    if isinstance(backend, fail.Keyring):
        return BackendStatus(BackendState.UNAVAILABLE, name, _why_no_store())
    if isinstance(backend, null.Keyring):
        reason = "keyring is configured to use the null backend, which keeps nothing"
        return BackendStatus(BackendState.UNAVAILABLE, name, reason)
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        return BackendStatus(BackendState.UNAVAILABLE, name, _why_no_store())
    if "plaintext" in cls.__name__.lower():
        reason = f"keyring chose {name}, which would keep secrets in clear text"
        return BackendStatus(BackendState.REFUSED, name, reason)
    if not explicit and cls.__module__.startswith("keyrings.alt"):
        reason = (
            f"keyring chose {name}, a file that cmplanner does not use unless you choose an "
            "encrypted file yourself"
        )
        return BackendStatus(BackendState.REFUSED, name, reason)
    return None


def _why_no_store() -> str:
    """What the OS password stores say about themselves (no prompt: availability only)."""
    import importlib
    import sys

    if not sys.platform.startswith("linux"):
        return "the system keychain cannot be reached"
    reasons = []
    for label, module, attr in (
        ("Secret Service", "keyring.backends.SecretService", "Keyring"),
        ("KWallet", "keyring.backends.kwallet", "DBusKeyring"),
    ):
        try:
            _ = getattr(importlib.import_module(module), attr).priority
        except Exception as exc:
            reasons.append(f"{label}: {exc}")
        else:
            reasons.append(f"{label}: available now, restart cmplanner to use it")
    return "; ".join(reasons) or "no password store found"


def _probe(backend: KeyringBackend) -> BackendStatus:
    """Usable or locked: for the Secret Service, look at the collection without unlocking."""
    from keyring.backends import SecretService

    name = _name(backend)
    if not isinstance(backend, SecretService.Keyring):
        return BackendStatus(BackendState.USABLE, name)
    try:
        import secretstorage
        from secretstorage.collection import DEFAULT_COLLECTION
        from secretstorage.exceptions import ItemNotFoundException

        with closing(secretstorage.dbus_init()) as bus:
            if not secretstorage.check_service_availability(bus):
                reason = "no Secret Service (GNOME Keyring, KWallet) answers on D-Bus"
                return BackendStatus(BackendState.UNAVAILABLE, name, reason)
            path = str(getattr(backend, "preferred_collection", DEFAULT_COLLECTION))
            try:
                collection = secretstorage.Collection(bus, path)
            except ItemNotFoundException:
                reason = "no default keyring yet: the desktop asks to create one at the first save"
                return BackendStatus(BackendState.USABLE, name, reason)
            if collection.is_locked():
                return BackendStatus(BackendState.LOCKED, name, "the keyring is locked")
    except Exception as exc:
        reason = f"the Secret Service cannot be reached: {type(exc).__name__}: {exc}"
        return BackendStatus(BackendState.UNAVAILABLE, name, reason)
    return BackendStatus(BackendState.USABLE, name)


def _translate(
    exc: Exception, backend: KeyringBackend, doing: str, username: str
) -> CredentialStoreError:
    from keyring import errors

    name = _name(backend)
    if isinstance(exc, errors.NoKeyringError):
        return KeyringUnavailable(_unavailable_message(_why_no_store()), _WHAT_TO_DO)
    if isinstance(exc, errors.KeyringLocked):
        return KeyringLocked(
            f"The password store ({name}) is locked, so cmplanner cannot {doing} {username}.",
            "Unlock it when the desktop asks (or open GNOME Keyring / KWallet) and try again.",
        )
    if isinstance(exc, errors.InitError) and name.startswith("encrypted file"):
        return CredentialStoreError(
            f"cmplanner cannot {doing} {username}: {exc}.", "Choose the encrypted file again."
        )
    if isinstance(exc, errors.InitError):
        return KeyringUnavailable(_unavailable_message(f"{name}: {exc}"), _WHAT_TO_DO)
    return CredentialStoreError(
        f"The password store ({name}) failed to {doing} {username}: {type(exc).__name__}: {exc}",
        "Try again; if it keeps failing, check that GNOME Keyring or KWallet is running.",
    )
