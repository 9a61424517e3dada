"""An encrypted-file keyring backend, used only when the user picks it explicitly.

Where no OS password store is usable (a server, a bare window manager without GNOME Keyring
or KWallet), the user may choose to keep cmplanner's secrets in one file encrypted with a
passphrase. This backend is that file. It is never chosen by ``keyring`` on its own: its
``priority`` raises, so ``keyring.get_keyring()`` never picks it, and the passphrase always
comes from the caller (the app's own dialog), never from a prompt on stdin, unlike
``keyrings.alt.file.EncryptedKeyring``.

The file is JSON: a header (format, version, scrypt parameters and salt) and one AES-256-GCM
ciphertext holding every entry. GCM authenticates, so a wrong passphrase is told apart from a
damaged file; the header is bound to the ciphertext as associated data. Writes go to a
temporary file that replaces the old one, created 0600.

Importing this module imports ``keyring``; import it lazily (``CredentialStore`` does).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import secrets
import tempfile
import threading
from pathlib import Path
from typing import Any

from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import InitError, PasswordDeleteError

FORMAT = "cmplanner encrypted credentials"
VERSION = 1
#: scrypt cost: about 32 MiB and a tenth of a second, once per opening of the file.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
_NONCE_BYTES = 12
_SALT_BYTES = 16


class WrongPassphraseError(InitError):
    """The passphrase does not decrypt the file."""


class DamagedFileError(InitError):
    """The file is not a cmplanner credentials file, or it was damaged."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


class EncryptedFileKeyring(KeyringBackend):
    """A keyring in one passphrase-encrypted file; construct it explicitly, with the passphrase.

    Opening an existing file checks the passphrase at once (``WrongPassphraseError``); a file
    that does not exist yet is created, empty, encrypted with this passphrase.
    """

    def __init__(self, path: Path | str, passphrase: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        if not passphrase:
            raise ValueError("an encrypted file needs a passphrase")
        self.path = Path(path)
        self._write_lock = threading.Lock()
        if self.path.exists():
            header = self._read_header()
            self._salt = _unb64(header["salt"])
            self._params = (int(header["n"]), int(header["r"]), int(header["p"]))
            self._key = _derive(passphrase, self._salt, *self._params)
            self._load()  # checks the passphrase now, not at the first secret
        else:
            self._salt = secrets.token_bytes(_SALT_BYTES)
            self._params = (SCRYPT_N, SCRYPT_R, SCRYPT_P)
            self._key = _derive(passphrase, self._salt, *self._params)
            self._save({})

    @properties.classproperty
    def priority(cls) -> float:  # noqa: N805 (a class property)
        """Raises, so that ``keyring`` never picks this backend when it guesses one."""
        raise RuntimeError("chosen only explicitly, with a passphrase from the app")

    def __str__(self) -> str:
        return f"encrypted file {self.path}"

    def __repr__(self) -> str:
        return f"<EncryptedFileKeyring {str(self.path)!r} (key redacted)>"

    # -- KeyringBackend -------------------------------------------------------------------

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(service, {}).get(username)

    def set_password(self, service: str, username: str, password: str) -> None:
        # Read again just before writing, so an entry another process wrote meanwhile stays.
        with self._write_lock:
            entries = self._load()
            entries.setdefault(service, {})[username] = password
            self._save(entries)

    def delete_password(self, service: str, username: str) -> None:
        with self._write_lock:
            entries = self._load()
            if username not in entries.get(service, {}):
                raise PasswordDeleteError("No such password")
            del entries[service][username]
            if not entries[service]:
                del entries[service]
            self._save(entries)

    # -- the file -------------------------------------------------------------------------

    def _header(self) -> dict[str, Any]:
        n, r, p = self._params
        return {
            "format": FORMAT,
            "version": VERSION,
            "kdf": "scrypt",
            "n": n,
            "r": r,
            "p": p,
            "salt": _b64(self._salt),
        }

    @staticmethod
    def _aad(header: dict[str, Any]) -> bytes:
        return json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")

    def _read_header(self) -> dict[str, Any]:
        try:
            doc = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise DamagedFileError(f"cannot read {self.path}: {type(exc).__name__}") from None
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise DamagedFileError(f"{self.path} is not a cmplanner credentials file")
        if doc.get("version") != VERSION or doc.get("kdf") != "scrypt":
            raise DamagedFileError(f"{self.path} has an unknown version or key derivation")
        header = {k: doc.get(k) for k in ("format", "version", "kdf", "n", "r", "p", "salt")}
        header["nonce"] = doc.get("nonce")
        header["data"] = doc.get("data")
        return header

    def _load(self) -> dict[str, dict[str, str]]:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        doc = self._read_header()
        try:
            salt, nonce, data = (_unb64(doc["salt"]), _unb64(doc["nonce"]), _unb64(doc["data"]))
        except ValueError:
            raise DamagedFileError(f"{self.path} is damaged") from None
        if salt != self._salt:
            raise DamagedFileError(f"{self.path} was replaced by another file; open it again")
        header = {k: doc[k] for k in ("format", "version", "kdf", "n", "r", "p", "salt")}
        try:
            plain = AESGCM(self._key).decrypt(nonce, data, self._aad(header))
        except InvalidTag:
            raise WrongPassphraseError(f"the passphrase does not open {self.path}") from None
        entries = json.loads(plain.decode("utf-8"))
        if not isinstance(entries, dict):
            raise DamagedFileError(f"{self.path} is damaged")
        return entries

    def _save(self, entries: dict[str, dict[str, str]]) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        header = self._header()
        nonce = secrets.token_bytes(_NONCE_BYTES)
        plain = json.dumps(entries, sort_keys=True).encode("utf-8")
        data = AESGCM(self._key).encrypt(nonce, plain, self._aad(header))
        doc = {**header, "nonce": _b64(nonce), "data": _b64(data)}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".credentials-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(doc, fh, indent=1)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
