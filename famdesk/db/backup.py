"""Online backups of the SQLite database through SQLite's backup API, verified after writing.

A file copy of a live WAL database is not a backup (the newest pages may sit in the -wal file), so
every backup goes through ``sqlite3.Connection.backup`` and is opened and integrity-checked after.

An encrypted database (``key`` given) is backed up through SQLCipher's backup API into a file encrypted
with the same key, so no plaintext copy ever reaches the disk, and its key file is copied beside it
(``x.sqlite3`` + ``x.keys``): with a director's password of that time the backup restores anywhere.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from famdesk.db import cipher, keyring
from famdesk.domain.errors import StorageError
from famdesk.i18n import _


def integrity_problems(path: Path, key: str | None = None) -> list[str]:
    """``PRAGMA integrity_check`` and ``foreign_key_check`` of a database file; [] when healthy."""
    conn = cipher.connect(path, key, readonly=True)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        problems = [r for r in rows if r != "ok"]
        fks = conn.execute("PRAGMA foreign_key_check").fetchall()
        problems += [f"broken reference in {row[0]} row {row[1]} to {row[2]}" for row in fks]
        return problems
    except cipher.database_errors() as exc:
        return [str(exc)]
    finally:
        conn.close()


def backup_sqlite(source: Path, destination: Path, key: str | None = None) -> Path:
    """Copy ``source`` to ``destination`` with the backup API and verify the copy.

    With ``key`` (an encrypted database) the copy is encrypted with the same key and the key file
    goes beside it."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    if key is not None and destination.suffix == keyring.SUFFIX:
        raise StorageError(_("Choose a backup file name that does not end in {suffix}.").format(
            suffix=keyring.SUFFIX))
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    src = cipher.connect(source, key)
    dst = cipher.connect(partial, key)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")
    finally:
        dst.close()
        src.close()
    problems = integrity_problems(partial, key)
    if problems:
        partial.unlink(missing_ok=True)
        raise StorageError(_("The backup could not be verified: {problem}").format(problem=problems[0]))
    if key is not None:
        keyring.copy_beside(source, destination)  # first: a backup file never lacks its key file
    partial.replace(destination)
    return destination


def timestamped_name(prefix: str, now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now()
    return f"{prefix}-{now:%Y%m%d-%H%M%S-%f}.sqlite3"


def rotate(folder: Path, prefix: str, keep: int) -> None:
    """Keep the newest ``keep`` backups whose names start with ``prefix``."""
    files = sorted(folder.glob(f"{prefix}-*.sqlite3"))
    for old in files[:-keep] if keep > 0 else files:
        remove_backup(old)


def remove_backup(path: Path) -> None:
    """Delete a backup file and the key file beside it, if any."""
    path.unlink(missing_ok=True)
    companion = keyring.keys_file(path)
    if companion != path:
        companion.unlink(missing_ok=True)
