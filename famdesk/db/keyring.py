"""The key file beside an encrypted database: its key, wrapped once per director.

``famdesk.keys`` (for ``famdesk.sqlite3``; in general ``<database stem>.keys``) holds the database key
encrypted with AES-256-GCM under a key derived by scrypt from each director's password. A stolen PC or
a copied folder therefore reveals nothing without a director's password, and a password change
re-wraps the key instead of re-encrypting the database. Each wrap names the account id it belongs to
(no names, no hashes). A backup of an encrypted database gets a copy of this file beside it.

While the key itself changes (a restore of a backup made under another key), the file briefly holds
the wraps of both keys; :func:`unlock_database` picks the key that actually opens the file, so a crash
at any moment leaves the database openable.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from famdesk.db.durable import sync_folder
from famdesk.domain.errors import PermissionDenied, StorageError
from famdesk.i18n import _

SUFFIX = ".keys"
_AAD = b"famdesk-database-key-1"
# scrypt at n=2**15, r=8 (32 MiB, ~0.1 s): the cost an attacker with a copied key file pays per guess.
SCRYPT = {"n": 2**15, "r": 8, "p": 1}

Wrap = dict[str, object]


@dataclass(frozen=True)
class Unlocked:
    key: str
    user_id: int | None  # the director whose password opened it


def keys_file(database: Path) -> Path:
    """``famdesk.sqlite3`` → ``famdesk.keys``; a backup ``x.sqlite3`` → ``x.keys``."""
    return database.with_name(database.stem + SUFFIX)


def _kek(password: str, salt: bytes) -> bytes:
    # cryptography (OpenSSL bindings, ~8 MB) loads only when a key is wrapped or unwrapped: every start
    # asks this module whether the database is encrypted, and most programs' is not.
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, **SCRYPT).derive(password.encode("utf-8"))


def _aad(user_id: int | None) -> bytes:
    return _AAD + f"|user={user_id}".encode()  # a wrap cannot be relabelled to another account


def wrap(key: str, password: str, user_id: int | None) -> Wrap:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(16), os.urandom(12)
    ct = AESGCM(_kek(password, salt)).encrypt(nonce, key.encode("ascii"), _aad(user_id))
    fields: Wrap = {k: base64.b64encode(v).decode() for k, v in (("salt", salt), ("nonce", nonce), ("ct", ct))}
    return {"id": os.urandom(8).hex(), "user": user_id, **fields}


def unwrap(w: Wrap, password: str) -> str | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce, ct = (base64.b64decode(str(w[k])) for k in ("salt", "nonce", "ct"))
    user = w.get("user")
    try:
        return AESGCM(_kek(password, salt)).decrypt(nonce, ct, _aad(user if isinstance(user, int) else None)).decode()
    except InvalidTag:
        return None


def load_wraps(path: Path) -> list[Wrap]:
    try:
        wraps = json.loads(path.read_text(encoding="utf-8"))["wraps"]
        if not isinstance(wraps, list):
            raise ValueError
        return wraps
    except (OSError, ValueError, KeyError, TypeError):
        raise StorageError(_("The key file {name} is missing or damaged; copy it back from a backup folder "
                             "(each encrypted backup has one beside it).").format(name=path.name)) from None


def save_wraps(path: Path, wraps: list[Wrap]) -> None:
    """Replace the key file atomically (written, flushed to disk, then renamed over the old one)."""
    tmp = path.with_name(path.name + ".partial")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump({"version": 1, "wraps": wraps}, f)
        f.flush()
        os.fsync(f.fileno())
    tmp.replace(path)
    sync_folder(path.parent)


def unlock_keys(path: Path, password: str) -> list[Unlocked]:
    """Every key in the key file this password unwraps (normally one)."""
    found: list[Unlocked] = []
    for w in load_wraps(path):
        key = unwrap(w, password)
        if key is not None and all(u.key != key for u in found):
            user = w.get("user")
            found.append(Unlocked(key, user if isinstance(user, int) else None))
    return found


def wrong_password() -> PermissionDenied:
    return PermissionDenied(_("That password does not unlock this database. Use the password of one of the "
                              "program's directors."))


def unlock_database(database: Path, password: str, keys: Path | None = None) -> Unlocked:
    """The key that opens ``database``, if ``password`` is one of its directors' passwords."""
    from famdesk.db import cipher

    candidates = unlock_keys(keys or keys_file(database), password)
    if not candidates:
        raise wrong_password()
    for found in candidates:
        if cipher.opens_with(database, found.key):
            return found
    raise StorageError(_("The key file does not belong to this database; nothing was changed. Copy back the "
                         "key file that was saved with it."))


def add_wrap(database: Path, key: str, password: str, user_id: int | None) -> str:
    """Add a wrap for ``user_id`` (keeping any older one until :func:`keep_only`); returns its id."""
    path = keys_file(database)
    new = wrap(key, password, user_id)
    save_wraps(path, [*load_wraps(path), new])
    return str(new["id"])


def remove_wraps(database: Path, *, wrap_id: str | None = None, user_id: int | None = None,
                 keep: str | None = None) -> None:
    """Remove one wrap by id, or every wrap of ``user_id`` except ``keep``."""
    path = keys_file(database)
    wraps = load_wraps(path)
    left = [w for w in wraps
            if not (w.get("id") == wrap_id
                    or (user_id is not None and w.get("user") == user_id and w.get("id") != keep))]
    if len(left) != len(wraps):
        save_wraps(path, left)


def user_wraps(database: Path, user_id: int) -> list[Wrap]:
    return [w for w in load_wraps(keys_file(database)) if w.get("user") == user_id]


def wrapped_users(database: Path) -> set[int]:
    return {int(w["user"]) for w in load_wraps(keys_file(database)) if isinstance(w.get("user"), int)}


def copy_beside(database: Path, copy: Path) -> Path:
    """Put the key file beside a backup ``copy`` (same stem), so that backup can be restored anywhere."""
    target = keys_file(copy)
    partial = target.with_name(target.name + ".partial")
    shutil.copyfile(keys_file(database), partial)
    partial.replace(target)
    return target
