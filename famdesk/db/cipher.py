"""Encryption at rest with SQLCipher (optional ``sqlcipher3-binary``): the building blocks.

The database is encrypted with a random 256-bit key. That key is stored only *wrapped*: encrypted with
AES-256-GCM under a key derived by scrypt from a director's password, one wrap per director, in
``famdesk.keys`` beside the database. A stolen PC or a copied file therefore reveals nothing without a
director's password, and changing a password re-wraps the key instead of re-encrypting the database.

Not yet wired into start-up (see the accounts report): ``open_database`` would read ``famdesk.keys``,
ask for a password (GUI dialog, CLI prompt or FAMDESK_PASSWORD) and open ``cipher_url``.
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from urllib.parse import quote

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from famdesk.domain.errors import PermissionDenied, StorageError
from famdesk.i18n import _

KEYS_FILE = "famdesk.keys"
_AAD = b"famdesk-database-key-1"


def available() -> bool:
    try:
        import sqlcipher3  # noqa: F401
    except ImportError:
        return False
    return True


def new_key() -> str:
    """A random database key, as the 64 hex characters SQLCipher is given."""
    return os.urandom(32).hex()


def _kek(password: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(password.encode("utf-8"))


def wrap(key: str, password: str) -> dict[str, str]:
    salt, nonce = os.urandom(16), os.urandom(12)
    ct = AESGCM(_kek(password, salt)).encrypt(nonce, key.encode("ascii"), _AAD)
    return {k: base64.b64encode(v).decode() for k, v in (("salt", salt), ("nonce", nonce), ("ct", ct))}


def save_wraps(folder: Path, wraps: list[dict[str, str]]) -> None:
    path = folder / KEYS_FILE
    tmp = path.with_name(path.name + ".partial")
    tmp.write_text(json.dumps({"version": 1, "wraps": wraps}), encoding="utf-8")
    tmp.replace(path)


def unlock(folder: Path, password: str) -> str:
    """The database key, if ``password`` is one of the directors' passwords."""
    try:
        wraps = json.loads((folder / KEYS_FILE).read_text(encoding="utf-8"))["wraps"]
    except (OSError, ValueError, KeyError):
        raise StorageError(_("The key file famdesk.keys is missing or damaged; restore it from a backup.")) from None
    for w in wraps:
        salt, nonce, ct = (base64.b64decode(w[k]) for k in ("salt", "nonce", "ct"))
        try:
            return AESGCM(_kek(password, salt)).decrypt(nonce, ct, _AAD).decode("ascii")
        except InvalidTag:
            continue
    raise PermissionDenied(_("That password does not unlock this database."))


def cipher_url(path: Path, key: str) -> str:
    return f"sqlite+pysqlcipher://:{quote(key)}@/{path}"


def encrypt_copy(plain: Path, destination: Path, key: str) -> Path:
    """Write an encrypted copy of a plain SQLite database (sqlcipher_export, then verified)."""
    import sqlcipher3

    destination.unlink(missing_ok=True)
    conn = sqlcipher3.connect(str(plain))
    try:
        conn.execute(f"ATTACH DATABASE ? AS enc KEY \"{key}\"", (str(destination),))
        conn.execute("SELECT sqlcipher_export('enc')")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA enc.user_version = {int(version)}")
        conn.execute("DETACH DATABASE enc")
    finally:
        conn.close()
    check = sqlcipher3.connect(str(destination))
    try:
        check.execute(f"PRAGMA key = \"{key}\"")
        rows = [r[0] for r in check.execute("PRAGMA integrity_check")]
    finally:
        check.close()
    if rows != ["ok"]:
        destination.unlink(missing_ok=True)
        raise StorageError(_("The encrypted copy could not be verified."))
    return destination
