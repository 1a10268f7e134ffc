"""Backup files beyond the plain copy: password encryption, what a backup holds, restore, rotation.

Encrypted backups are ``MAGIC + salt + nonce + AES-256-GCM(ciphertext)`` with the key derived from the
password by scrypt (n=2**15, r=8, p=1); without the password the file reveals nothing, and a wrong
password or a changed byte fails the GCM tag check.

Backups of an encrypted (SQLCipher) database are SQLCipher files under the database's key, with the key
file beside them. They open with the live database's key, or else with a director's password of the
time of the backup through that key file; they are never decrypted to disk.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from famdesk.db import audit_anchor, cipher, keyring, swap
from famdesk.db.backup import NAME_DATE as _NAME_DATE
from famdesk.db.backup import backup_sqlite, copy_verified, integrity_problems
from famdesk.db.backup import rotate_tiered as rotate_tiered  # re-exported: its home is db/backup.py
from famdesk.domain.errors import BackupKeyNeeded as BackupKeyNeeded  # re-exported (home: domain/errors)
from famdesk.domain.errors import StorageError
from famdesk.i18n import _

MAGIC = b"FAMDESK-ENCRYPTED-BACKUP-1\n"
ENCRYPTED_SUFFIX = ".famdesk-backup"


def _key(password: str, salt: bytes) -> bytes:
    # cryptography (~8 MB of OpenSSL bindings) loads only for encrypted backups, not with Settings.
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(password.encode("utf-8"))


def is_encrypted(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(len(MAGIC)) == MAGIC


def encrypt_file(source: Path, destination: Path, password: str) -> Path:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(16), os.urandom(12)
    data = AESGCM(_key(password, salt)).encrypt(nonce, source.read_bytes(), MAGIC)
    partial = destination.with_name(destination.name + ".partial")
    partial.write_bytes(MAGIC + salt + nonce + data)
    partial.replace(destination)
    return destination


def decrypt_file(source: Path, destination: Path, password: str) -> Path:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    blob = source.read_bytes()
    if not blob.startswith(MAGIC):
        raise StorageError(_("This file is not an encrypted famdesk backup."))
    salt, nonce, data = blob[len(MAGIC):len(MAGIC) + 16], blob[len(MAGIC) + 16:len(MAGIC) + 28], blob[len(MAGIC) + 28:]
    try:
        plain = AESGCM(_key(password, salt)).decrypt(nonce, data, MAGIC)
    except InvalidTag:
        raise StorageError(_("The password is wrong, or the backup file was damaged.")) from None
    destination.write_bytes(plain)
    return destination


def make_backup(source: Path, destination: Path, password: str | None = None, key: str | None = None) -> Path:
    """A verified backup (backup API + integrity_check), encrypted when a password is given.

    ``key``: the source is an encrypted database; the backup stays encrypted under that key (inside the
    password envelope too) and gets the key file beside it."""
    if not password:
        return backup_sqlite(source, destination, key)
    with tempfile.TemporaryDirectory() as tmp:
        copy = backup_sqlite(source, Path(tmp) / "copy.sqlite3", key)
        if key is not None:
            keyring.copy_beside(source, destination)
        audit_anchor.move_companions(copy, destination)
        return encrypt_file(copy, destination, password)


@dataclass
class BackupInfo:
    path: Path
    encrypted: bool  # password-protected backup file
    revision: str | None
    taken_at: dt.datetime | None
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    database_encrypted: bool = False  # a SQLCipher database (under ``key``)
    key: str | None = field(default=None, repr=False)


def _describe_plain(path: Path, shown: Path, encrypted: bool, key: str | None = None) -> BackupInfo:
    info = BackupInfo(shown, encrypted, None, _taken_at(shown), database_encrypted=key is not None, key=key)
    info.problems = integrity_problems(path, key)
    if info.problems:
        return info
    conn = cipher.connect(path, key, readonly=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                              "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            info.revision = row[0] if row else None
        info.counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
                       for t in tables if t != "alembic_version"}
    finally:
        conn.close()
    return info


def _taken_at(path: Path) -> dt.datetime | None:
    found = _NAME_DATE.search(path.name)
    if found:
        return dt.datetime.strptime(found.group(1) + found.group(2), "%Y%m%d%H%M%S")
    return dt.datetime.fromtimestamp(path.stat().st_mtime) if path.exists() else None


def database_key(database: Path, shown: Path, live_key: str | None, director_password: str | None) -> str | None:
    """The key that opens ``database`` (a backup, ``shown`` to the user): None for a plain file, the live
    database's key if it fits, else the key file beside the backup opened with a director's password."""
    if not cipher.is_encrypted_file(database):
        return None
    cipher.sqlcipher()
    if live_key is not None and cipher.opens_with(database, live_key):
        return live_key
    keys = keyring.keys_file(shown)
    if not keys.is_file():
        raise StorageError(_("This backup is an encrypted database, and its key file {name} is not beside "
                             "it. Put the key file that was saved with it in the same folder.").format(name=keys.name))
    if not director_password:
        raise BackupKeyNeeded(_("This backup is an encrypted database under another key; give the password "
                                "of a director at the time of the backup."))
    return keyring.unlock_database(database, director_password, keys=keys).key


@contextmanager
def opened_backup(path: Path, password: str | None = None, live_key: str | None = None,
                  director_password: str | None = None) -> Iterator[tuple[Path, str | None]]:
    """The backup as a database file to read and its key; a password envelope is opened into a
    temporary folder (its content is still encrypted when the database was)."""
    if not path.is_file():
        raise StorageError(_("There is no backup file at {path}.").format(path=path))
    if not is_encrypted(path):
        yield path, database_key(path, path, live_key, director_password)
        return
    if not password:
        raise StorageError(_("This backup is encrypted; give its password."))
    with tempfile.TemporaryDirectory() as tmp:
        inner = decrypt_file(path, Path(tmp) / "copy.sqlite3", password)
        yield inner, database_key(inner, path, live_key, director_password)


def describe(path: Path, password: str | None = None, live_key: str | None = None,
             director_password: str | None = None) -> BackupInfo:
    """What a backup holds: schema revision, when it was taken, rows per table, integrity problems."""
    with opened_backup(path, password, live_key, director_password) as (database, key):
        return _describe_plain(database, path, is_encrypted(path), key)


def restore_into(backup: Path, live: Path, password: str | None = None, live_key: str | None = None,
                 director_password: str | None = None) -> str | None:
    """Replace the live database's content with a backup; returns the live database's key afterwards.

    Every connection to ``live`` must be closed first. Plain into plain goes through the backup API into
    the live file: its WAL is checkpointed and truncated, and once this last connection closes SQLite
    removes the -wal and -shm files. When either side is encrypted, see :func:`_restore_encrypted`.
    """
    with opened_backup(backup, password, live_key, director_password) as (source, key):
        problems = integrity_problems(source, key)
        if problems:
            raise StorageError(_("The backup is damaged and was not restored: {problem}").format(problem=problems[0]))
        if key is None and live_key is None:
            src = cipher.connect(source, None, readonly=True)
            dst = cipher.connect(live, None)
            try:
                src.backup(dst)
                dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                dst.close()
                src.close()
            result_key = None
        else:
            result_key = _restore_encrypted(source, key, keyring.keys_file(backup), live, live_key)
    problems = integrity_problems(live, result_key)
    if problems:
        raise StorageError(_("The restored database failed its check: {problem}").format(problem=problems[0]))
    return result_key


def _restore_encrypted(source: Path, source_key: str | None, source_keys: Path, live: Path,
                       live_key: str | None) -> str:
    """Restore when the backup or the live database is encrypted; the result is always encrypted.

    An encrypted backup comes back with its own key and key file (the accounts and passwords of its
    time, matching its user table); a plain backup restored into an encrypted database is encrypted
    under the live key. A verified copy is swapped in for the live file (``swap.replace_live``).
    """
    target = source_key or live_key
    assert target is not None
    copy = live.with_name(live.name + ".restoring")
    live_keys = keyring.keys_file(live)
    old = keyring.load_wraps(live_keys) if live_key else []
    try:
        if source_key == target:
            copy_verified(source, copy, target, readonly_source=True)
        else:
            cipher.export_copy(source, source_key, copy, target)
        new = keyring.load_wraps(source_keys) if source_key is not None and source_keys.is_file() else old
        # Both sets of wraps while the file is swapped: whichever file is in place opens.
        keyring.save_wraps(live_keys, old + [w for w in new if w not in old])
        try:
            swap.replace_live(live, live_key, copy)
        except BaseException:
            if old:
                keyring.save_wraps(live_keys, old)
            else:
                live_keys.unlink(missing_ok=True)
            raise
        keyring.save_wraps(live_keys, new)
    finally:
        copy.unlink(missing_ok=True)
    return target
