"""Backup files beyond the plain copy: password encryption, what a backup holds, restore, rotation.

Encrypted backups are ``MAGIC + salt + nonce + AES-256-GCM(ciphertext)`` with the key derived from the
password by scrypt (n=2**15, r=8, p=1); without the password the file reveals nothing, and a wrong
password or a changed byte fails the GCM tag check.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from famdesk.db.backup import NAME_DATE as _NAME_DATE
from famdesk.db.backup import backup_sqlite, integrity_problems
from famdesk.db.backup import rotate_tiered as rotate_tiered  # re-exported: its home is db/backup.py
from famdesk.domain.errors import StorageError
from famdesk.i18n import _

MAGIC = b"FAMDESK-ENCRYPTED-BACKUP-1\n"
ENCRYPTED_SUFFIX = ".famdesk-backup"


def _key(password: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(password.encode("utf-8"))


def is_encrypted(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(len(MAGIC)) == MAGIC


def encrypt_file(source: Path, destination: Path, password: str) -> Path:
    salt, nonce = os.urandom(16), os.urandom(12)
    data = AESGCM(_key(password, salt)).encrypt(nonce, source.read_bytes(), MAGIC)
    partial = destination.with_name(destination.name + ".partial")
    partial.write_bytes(MAGIC + salt + nonce + data)
    partial.replace(destination)
    return destination


def decrypt_file(source: Path, destination: Path, password: str) -> Path:
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


def make_backup(source: Path, destination: Path, password: str | None = None) -> Path:
    """A verified backup (backup API + integrity_check), encrypted when a password is given."""
    if not password:
        return backup_sqlite(source, destination)
    with tempfile.TemporaryDirectory() as tmp:
        plain = backup_sqlite(source, Path(tmp) / "plain.sqlite3")
        return encrypt_file(plain, destination, password)


@dataclass
class BackupInfo:
    path: Path
    encrypted: bool
    revision: str | None
    taken_at: dt.datetime | None
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _describe_plain(path: Path, shown: Path, encrypted: bool) -> BackupInfo:
    info = BackupInfo(shown, encrypted, None, _taken_at(shown))
    info.problems = integrity_problems(path)
    if info.problems:
        return info
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
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


def describe(path: Path, password: str | None = None) -> BackupInfo:
    """What a backup holds: schema revision, when it was taken, rows per table, integrity problems."""
    if not path.is_file():
        raise StorageError(_("There is no backup file at {path}.").format(path=path))
    if not is_encrypted(path):
        return _describe_plain(path, path, False)
    if not password:
        raise StorageError(_("This backup is encrypted; give its password."))
    with tempfile.TemporaryDirectory() as tmp:
        plain = decrypt_file(path, Path(tmp) / "plain.sqlite3", password)
        return _describe_plain(plain, path, True)


def restore_into(backup: Path, live: Path, password: str | None = None) -> None:
    """Replace the live database's content with a backup through the backup API (no file copy).

    Every connection to ``live`` must be closed first. The live file's WAL is checkpointed and
    truncated, and once this last connection closes SQLite removes the -wal and -shm files.
    """
    with tempfile.TemporaryDirectory() as tmp:
        plain = decrypt_file(backup, Path(tmp) / "plain.sqlite3", password or "") if is_encrypted(backup) \
            else backup
        problems = integrity_problems(plain)
        if problems:
            raise StorageError(_("The backup is damaged and was not restored: {problem}").format(problem=problems[0]))
        src = sqlite3.connect(f"file:{plain}?mode=ro", uri=True)
        dst = sqlite3.connect(str(live), timeout=30)
        try:
            src.backup(dst)
            dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            dst.close()
            src.close()
    problems = integrity_problems(live)
    if problems:
        raise StorageError(_("The restored database failed its check: {problem}").format(problem=problems[0]))
