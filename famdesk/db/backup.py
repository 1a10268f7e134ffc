"""Online backups of the SQLite database through SQLite's backup API, verified after writing.

A file copy of a live WAL database is not a backup (the newest pages may sit in the -wal file), so
every backup goes through ``sqlite3.Connection.backup`` and is opened and integrity-checked after.

An encrypted database (``key`` given) is backed up through SQLCipher's backup API into a file encrypted
with the same key, so no plaintext copy ever reaches the disk, and its key file is copied beside it
(``x.sqlite3`` + ``x.keys``): with a director's password of that time the backup restores anywhere.
Every backup also gets the audit key and an audit head matching its content beside it (``x.audit-key``,
``x.audit-head``; see audit_anchor.py), so a restored log is checked against its own head.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from famdesk.db import audit_anchor, cipher, keyring
from famdesk.domain.errors import StorageError
from famdesk.i18n import _

# The date and time in a backup's name ("on-start-20260901-073000-…"), for rotation and display.
NAME_DATE = re.compile(r"-(\d{8})-(\d{6})")


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


def copy_verified(source: Path, copy: Path, key: str | None, *, readonly_source: bool = False) -> None:
    """``source`` → ``copy`` through the backup API (never a file copy of a live database), as one
    self-contained file (journal mode DELETE), then integrity_check and foreign keys; a copy that fails
    is removed and the problem raised. Encrypted databases are copied under the same ``key``."""
    copy.unlink(missing_ok=True)
    src = cipher.connect(source, key, readonly=readonly_source)
    dst = cipher.connect(copy, key)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")
    finally:
        dst.close()
        src.close()
    problems = integrity_problems(copy, key)
    if problems:
        copy.unlink(missing_ok=True)
        raise StorageError(_("The backup could not be verified: {problem}").format(problem=problems[0]))


def backup_sqlite(source: Path, destination: Path, key: str | None = None) -> Path:
    """Copy ``source`` to ``destination`` with the backup API and verify the copy.

    With ``key`` (an encrypted database) the copy is encrypted with the same key and the key file
    goes beside it."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    if key is not None and destination.suffix == keyring.SUFFIX:
        raise StorageError(_("Choose a backup file name that does not end in {suffix}.").format(
            suffix=keyring.SUFFIX))
    partial = destination.with_name(destination.name + ".partial")
    copy_verified(source, partial, key)
    if key is not None:
        keyring.copy_beside(source, destination)  # first: a backup file never lacks its key file
    try:
        audit_anchor.anchor_backup(source, partial, destination, key)  # before: never a backup without them
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
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
    """Delete a backup file and the key file, audit key and audit head beside it, if any."""
    path.unlink(missing_ok=True)
    companion = keyring.keys_file(path)
    if companion != path:
        companion.unlink(missing_ok=True)
    audit_anchor.remove_companions(path)


def is_companion(path: Path) -> bool:
    """A file that goes with a backup (its key file, audit key or audit head), not a backup itself."""
    return path.suffix == keyring.SUFFIX or path.suffix in audit_anchor.COMPANION_SUFFIXES


def rotate_tiered(folder: Path, prefix: str, today: dt.date, daily: int = 7, weekly: int = 26) -> list[Path]:
    """Keep the newest backup of each of the last ``daily`` days and of each of the last ``weekly`` weeks.

    Returns the files removed (their key files go with them). Files whose name carries no date are
    left alone.
    """
    dated: list[tuple[dt.datetime, Path]] = []
    for p in folder.glob(f"{prefix}-*"):
        if p.name.endswith(".partial") or is_companion(p):  # key and audit files go with their backup
            continue
        found = NAME_DATE.search(p.name[len(prefix):])
        if found:
            dated.append((dt.datetime.strptime(found.group(1) + found.group(2), "%Y%m%d%H%M%S"), p))
    dated.sort(reverse=True)
    keep: set[Path] = set()
    days_seen: set[dt.date] = set()
    weeks_seen: set[tuple[int, int]] = set()
    for when, p in dated:
        age = (today - when.date()).days
        if age < daily and when.date() not in days_seen:
            days_seen.add(when.date())
            keep.add(p)
        week = when.isocalendar()[:2]
        if age < weekly * 7 and week not in weeks_seen:
            weeks_seen.add(week)
            keep.add(p)
    removed = [p for _w, p in dated if p not in keep]
    for p in removed:
        remove_backup(p)
    return removed


BACKUP_SUFFIXES = (".sqlite3", ".famdesk-backup")


def dated_backups(folder: Path) -> list[tuple[dt.datetime, Path]]:
    """famdesk's backup files in ``folder`` with the time in their names, newest first."""
    if not folder.is_dir():
        return []
    found: list[tuple[dt.datetime, Path]] = []
    for p in folder.iterdir():
        match = NAME_DATE.search(p.name)
        if match and p.is_file() and p.name.endswith(BACKUP_SUFFIXES):
            found.append((dt.datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S"), p))
    return sorted(found, reverse=True)
