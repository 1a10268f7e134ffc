"""Damage is a state famdesk knows: what a SQLite file is, found before SQLAlchemy opens it.

``classify(path)`` reads the file's header and, for a plain SQLite file, runs ``PRAGMA quick_check`` and
looks for famdesk's tables, all read-only: a file that is empty, not SQLite, not a famdesk database or
malformed is named as such (never as "encrypted" unless it is: its key file lies beside it, or nothing in it
looks like a plain SQLite file). SQLite errors are told apart by ``sqlite_errorcode``, not by message text.

``restore_over_damaged`` restores a good backup when the live file is damaged: the damaged file (and its
-wal and -shm) is kept as ``<name>.damaged-<YYYYmmdd-HHMMSS>``, never overwritten or deleted.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from enum import StrEnum
from pathlib import Path

from famdesk.db import cipher, keyring
from famdesk.db.durable import replace_durably, sync_folder
from famdesk.domain.errors import DamagedDatabase, StorageError
from famdesk.i18n import _

# Tables every famdesk database has had since its first revision (a restore refuses a file without them).
CORE_TABLES = frozenset({"alembic_version", "family", "child", "caregiver", "staff_member", "setting"})
# SQLite's primary result codes (sqlite3.Error.sqlite_errorcode & 0xff).
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR = 5, 6, 8, 10
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 11, 13, 14, 26
_PLAIN_SIGNS = (b"CREATE TABLE", b"CREATE INDEX", b"alembic_version")


class State(StrEnum):
    EMPTY = "empty"
    NOT_SQLITE = "not-sqlite"
    NOT_FAMDESK = "not-famdesk"
    MALFORMED = "malformed"


def error_code(exc: BaseException) -> int | None:
    """The primary SQLite result code of a sqlite3/sqlcipher3 error (or one SQLAlchemy wraps), else None."""
    orig = getattr(exc, "orig", None) or exc
    code = getattr(orig, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _looks_plain(path: Path) -> bool:
    """Whether the file holds plain SQLite text (a schema) despite its header: a damaged plain file."""
    with open(path, "rb") as f:
        head = f.read(256 * 1024)
    return any(sign in head for sign in _PLAIN_SIGNS)


def classify(path: Path, *, famdesk_tables: bool = True, thorough: bool = True) -> State | None:
    """None for a missing file, a plain SQLite database that passes the checks (a new one with no
    tables included) or an encrypted one (which ``app.unlock_if_encrypted`` handles); else its state.
    ``famdesk_tables``: also require famdesk's ``alembic_version`` table in a database that has tables.
    ``thorough``: run ``PRAGMA quick_check`` (reads every page: for backups and restores); without it (every
    start) the header, the size and the schema are read, and a damaged page elsewhere is found by
    ``famdesk check``'s integrity check or reported by the engine when it is read."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return None
    if size == 0:
        return State.EMPTY
    with open(path, "rb") as f:
        head = f.read(100)
    if not head.startswith(cipher.SQLITE_HEADER):
        if keyring.keys_file(path).is_file() or not _looks_plain(path):
            return None  # encrypted (or unreadable without a key): said by the caller
        return State.NOT_SQLITE
    if len(head) < 100:
        return State.MALFORMED
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    valid_count = head[24:28] == head[92:96]
    wal = path.with_name(path.name + "-wal")
    if valid_count and pages and size < pages * page_size and not (wal.exists() and wal.stat().st_size):
        return State.MALFORMED  # truncated: fewer pages than the header says
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return None  # cannot be opened at all (permissions): the engine's own message says so
    try:
        if thorough and [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()] != ["ok"]:
            return State.MALFORMED
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.Error as exc:
        if error_code(exc) in (SQLITE_CORRUPT, SQLITE_NOTADB):
            return State.MALFORMED
        return None  # busy, locked, I/O: not damage; the engine reports it
    finally:
        conn.close()
    if famdesk_tables and tables and "alembic_version" not in tables:
        return State.NOT_FAMDESK
    return None


def backups_hint(backups: Path | None) -> str:
    """What to do, naming the backups folder and the newest backup in it."""
    from famdesk.db.backup import dated_backups

    if backups is None:
        return _("Restore a backup with: famdesk restore FILE")
    found = [p for _when, p in dated_backups(backups)]
    if not found:
        return _("Restore a backup with: famdesk restore FILE (there is none in {folder}; look for a copy "
                 "elsewhere).").format(folder=backups)
    return _("Restore a backup with: famdesk restore FILE; the newest is {path} (every backup is in "
             "{folder}).").format(path=found[0], folder=backups)


def describe_state(state: State, name: str) -> str:
    if state is State.EMPTY:
        return _("The database file {name} is empty (0 bytes): its content is lost, and famdesk does not start "
                 "a new database over it.").format(name=name)
    if state is State.NOT_SQLITE:
        return _("The database file {name} is not a SQLite database (its first bytes are damaged).").format(
            name=name)
    if state is State.NOT_FAMDESK:
        return _("The database file {name} is a SQLite database but not a famdesk one.").format(name=name)
    return _("The database file {name} is damaged (malformed or truncated).").format(name=name)


def damaged(state: State, path: Path, backups: Path | None) -> DamagedDatabase:
    return DamagedDatabase(describe_state(state, path.name) + " " + backups_hint(backups), state=state.value)


def check_file(path: Path, backups: Path | None, *, thorough: bool = False) -> None:
    """Raise DamagedDatabase when ``path`` is damaged (see :func:`classify`; cheap unless ``thorough``)."""
    state = classify(path, thorough=thorough)
    if state is not None:
        raise damaged(state, path, backups)


def backup_problem(path: Path) -> str | None:
    """Why a file (not a password-protected one) cannot be a famdesk backup, or None when it may be one."""
    if not path.is_file():
        return _("There is no backup file at {path}.").format(path=path)
    state = classify(path, famdesk_tables=False)  # None also for an encrypted database's backup
    if state is None:
        return None
    if state is State.EMPTY:
        said = _("The file {name} is empty (0 bytes).")
    elif state is State.NOT_SQLITE:
        said = _("The file {name} is not a SQLite database.")
    else:
        said = _("The file {name} is damaged (malformed or truncated).")
    return said.format(name=path.name) + " " + _("It is not a famdesk backup; nothing was changed.")


def backup_tables(info: object) -> set[str]:
    """The tables a described backup (``backup_files.BackupInfo``) holds, alembic_version included."""
    counts = getattr(info, "counts", {})
    revision = getattr(info, "revision", None)
    return set(counts) | ({"alembic_version"} if revision is not None else set())


def famdesk_problem(revision: str | None, tables: set[str], known: set[str]) -> str | None:
    """Why a readable SQLite backup is not one this famdesk can restore (None: it is one)."""
    if "alembic_version" not in tables or revision is None:
        return _("This file is not a famdesk backup (it has no schema revision); nothing was changed.")
    if revision not in known:
        return _("This backup was made by a newer famdesk (schema {revision}); it was not restored and nothing "
                 "was changed.").format(revision=revision)
    missing = sorted(CORE_TABLES - tables)
    if missing:
        return _("This file is not a famdesk backup (it lacks the tables {tables}); nothing was changed.").format(
            tables=", ".join(missing))
    return None


def kept_name(live: Path, now: dt.datetime | None = None, tag: str = "damaged") -> Path:
    """``famdesk.sqlite3.damaged-20261208-031500`` (with -2, -3… if that name is taken)."""
    base = live.with_name(f"{live.name}.{tag}-{(now or dt.datetime.now()):%Y%m%d-%H%M%S}")
    target, n = base, 2
    while target.exists() or target.with_name(target.name + "-wal").exists():
        target, n = base.with_name(f"{base.name}-{n}"), n + 1
    return target


def keep_damaged(live: Path, tag: str = "damaged") -> Path | None:
    """Move the damaged file and its -wal/-shm aside (renamed, never copied over or deleted)."""
    if not live.exists() and not keyring.keys_file(live).exists():
        return None
    target = kept_name(live, tag=tag)
    for suffix in ("-wal", "-shm", ".keys"):
        side = keyring.keys_file(live) if suffix == ".keys" else live.with_name(live.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    if not live.exists():  # only the key file of a missing database was there: kept as well
        return target.with_name(target.name + ".keys")
    os.replace(live, target)
    sync_folder(live.parent)
    return target


def restore_over_damaged(backup: Path, live: Path, password: str | None = None,
                         director_password: str | None = None, tag: str = "damaged") -> Path:
    """Restore a famdesk backup when the live database is damaged; returns where the damaged file was kept.

    The backup is checked first (a refusal changes nothing); a verified copy is written beside the live
    file, the damaged file is moved aside, then the copy is renamed into place."""
    from famdesk.db import audit_anchor, migrate
    from famdesk.db.backup import copy_verified
    from famdesk.db.backup_files import _describe_plain, is_encrypted, opened_backup

    problem = None if backup.is_file() and is_encrypted(backup) else backup_problem(backup)
    if problem:
        raise StorageError(problem)
    with opened_backup(backup, password, None, director_password) as (source, key):
        info = _describe_plain(source, backup, False, key)
        if info.problems:
            raise StorageError(_("The backup is damaged and was not restored: {problem}").format(
                problem=info.problems[0]))
        problem = famdesk_problem(info.revision, backup_tables(info), migrate.known_revisions())
        if problem:
            raise StorageError(problem)
        copy = live.with_name(live.name + ".restoring")
        copy_verified(source, copy, key, readonly_source=True)
        try:
            kept = keep_damaged(live, tag)
            if key is not None:  # an encrypted database's backup comes back with its key file
                keyring.save_wraps(keyring.keys_file(live), keyring.load_wraps(keyring.keys_file(backup)))
            replace_durably(copy, live)
        finally:
            copy.unlink(missing_ok=True)
    audit_anchor.restore_beside(backup, live, key)
    return kept if kept is not None else live
