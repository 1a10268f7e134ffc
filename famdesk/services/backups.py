"""Backups and restores as the director asks for them (the CLI's `famdesk backup` / `restore`, the GUI).

Only directors may take (export the whole database) or restore backups; both go in the audit trail (the
door writes the entries).
Other areas call :func:`backup_before` before a risky bulk change (an import).
Backups of an encrypted database stay encrypted under its key, with the key file beside them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from famdesk.db import audit_anchor, backup_place, damage, migrate
from famdesk.db import models as m
from famdesk.db.backup import dated_backups, timestamped_name
from famdesk.db.backup_files import (
    ENCRYPTED_SUFFIX,
    BackupInfo,
    describe,
    is_encrypted,
    make_backup,
    restore_into,
    rotate_tiered,
)
from famdesk.db.backup_files import BackupKeyNeeded as BackupKeyNeeded  # re-exported for the window
from famdesk.db.backup_place import BACKUP_FOLDER_SETTING
from famdesk.domain.errors import StorageError
from famdesk.domain.roles import Action, Kind
from famdesk.i18n import _
from famdesk.services import door
from famdesk.services.context import ServiceContext


def _live(ctx: ServiceContext) -> Path:
    if not ctx.db.is_sqlite or not ctx.db.sqlite_path:
        raise StorageError(_("This database lives on a PostgreSQL server; back it up there with pg_dump."))
    return Path(ctx.db.sqlite_path)


@door.operation(Kind.DATABASE, Action.READ)
def default_folder(ctx: ServiceContext, known: Path | None = None) -> Path | None:
    """The default backup folder: the app's (``paths.backups``) when known, else ``backups`` beside the
    SQLite file, where paths.py puts it. None on PostgreSQL (backed up with pg_dump, not here)."""
    if not ctx.db.is_sqlite or not ctx.db.sqlite_path:
        return None
    return known or Path(ctx.db.sqlite_path).parent / "backups"


@door.operation(Kind.DATABASE, Action.READ)
def backup_folder(ctx: ServiceContext, default: Path) -> Path:
    """The folder (or USB stick) the director chose, else the default beside the database."""
    with ctx.db.read() as s:
        row = s.get(m.Setting, BACKUP_FOLDER_SETTING)
        return Path(row.value) if row is not None and row.value else default


@door.operation(Kind.DATABASE, Action.WRITE)
def set_backup_folder(ctx: ServiceContext, folder: Path | None) -> None:
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    with ctx.db.transaction() as s:
        row = s.get(m.Setting, BACKUP_FOLDER_SETTING)
        value = str(folder) if folder else ""
        if row is None:
            s.add(m.Setting(key=BACKUP_FOLDER_SETTING, value=value))
        else:
            row.value = value


@door.operation(Kind.DATABASE, Action.READ)
def backup_place_now(ctx: ServiceContext, default_folder: Path) -> backup_place.Place:
    """Where an automatic backup would go right now, and why not the chosen folder if it cannot."""
    chosen = backup_folder(ctx, default_folder)
    return backup_place.place(None if chosen == default_folder else chosen, default_folder)


@door.operation(Kind.DATABASE, Action.EXPORT)
def take_backup(ctx: ServiceContext, default_folder: Path, output: Path | None = None,
                password: str | None = None, reason: str = "backup",
                today: dt.date | None = None, fallback: bool = False) -> Path:
    """A verified backup; into the chosen folder with tiered rotation unless ``output`` is given.

    A chosen folder that is missing or read-only is refused with a clear message, or with
    ``fallback`` (the automatic backups) replaced by the default folder."""
    live = _live(ctx)
    named_here = output is None  # only backups famdesk named itself are rotated, never a chosen -o FILE
    if output is None:
        name = timestamped_name(reason)
        if password:
            name = name.removesuffix(".sqlite3") + ENCRYPTED_SUFFIX
        where = backup_place_now(ctx, default_folder)
        if where.fallback is not None and not fallback:
            raise StorageError(backup_place.problem_text(where.fallback.reason, where.fallback.chosen))
        output = where.folder / name
    try:
        if output.parent == default_folder:
            default_folder.mkdir(parents=True, exist_ok=True)  # never a chosen one: see db/backup_place.py
        path = make_backup(live, output, password, key=ctx.db.key)
    except OSError as exc:
        raise StorageError(backup_place.problem_text(backup_place.FAILED, output.parent, str(exc))) from None
    if named_here:
        rotate_tiered(output.parent, reason, today or dt.date.today())
    return path


@door.operation(Kind.DATABASE, Action.EXPORT)
def backup_before(ctx: ServiceContext, default_folder: Path, reason: str = "before-import") -> Path | None:
    """The automatic backup before an import or a restore (None on PostgreSQL). It never stops the
    import for want of the USB stick: the default folder takes it, and the returned path says where."""
    if not ctx.db.is_sqlite:
        return None
    return take_backup(ctx, default_folder, reason=reason, fallback=True)


@dataclass(frozen=True)
class LastBackup:
    path: Path
    taken_at: dt.datetime


@door.operation(Kind.DATABASE, Action.READ)
def latest_backup(ctx: ServiceContext, default_folder: Path) -> LastBackup | None:
    """The newest backup famdesk made, in the chosen folder or the default one (None if there is none)."""
    folders = dict.fromkeys((backup_folder(ctx, default_folder), default_folder))
    found = [item for folder in folders for item in dated_backups(folder)]
    if not found:
        return None
    taken_at, path = max(found)
    return LastBackup(path, taken_at)


@door.operation(Kind.DATABASE, Action.READ)
def inspect_backup(ctx: ServiceContext, path: Path, password: str | None = None,
                   director_password: str | None = None) -> BackupInfo:
    """``password``: of a password-protected backup file; ``director_password``: of a director at the time
    of an encrypted database's backup made under another key (see ``backup_files.database_key``)."""
    refused = None if path.is_file() and is_encrypted(path) else damage.backup_problem(path)
    if refused:
        raise StorageError(refused)
    return describe(path, password, ctx.db.key, director_password)


@door.operation(Kind.DATABASE, Action.WRITE)
def restore(ctx: ServiceContext, path: Path, default_folder: Path, password: str | None = None,
            director_password: str | None = None) -> Path:
    """Back up the current state, then replace the database with ``path``. Returns the safety backup.

    Restoring an encrypted database's backup leaves the database encrypted, with the key file and the
    accounts of the time of the backup; a plain backup restored into an encrypted database is encrypted."""
    live = _live(ctx)
    refused = None if path.is_file() and is_encrypted(path) else damage.backup_problem(path)
    if refused:  # not SQLite, empty or malformed: refused before anything is touched
        raise StorageError(refused)
    info = describe(path, password, ctx.db.key, director_password)
    if info.problems:
        raise StorageError(_("The backup is damaged and was not restored: {problem}").format(problem=info.problems[0]))
    refused = damage.famdesk_problem(info.revision, damage.backup_tables(info), migrate.known_revisions())
    if refused:  # no schema revision, a newer famdesk's, or famdesk's tables missing
        raise StorageError(refused)
    safety = take_backup(ctx, default_folder, reason="before-restore", fallback=True)
    ctx.db.dispose()  # every pooled connection closed: the backup API then owns the file
    key = restore_into(path, live, password, ctx.db.key, director_password)
    audit_anchor.restore_beside(path, live, key)  # the backup's audit key and head come with it
    ctx.db.reopen(key)
    migrate.upgrade(ctx.db)  # an older backup is brought to this famdesk's schema
    return safety


@door.operation(Kind.DATABASE, Action.READ, record="family_id")
def backups_holding_family(ctx: ServiceContext, default_folder: Path, family_id: int) -> tuple[list[Path], list[Path]]:
    """After an erasure: (backups that still hold this family, encrypted backups that cannot be checked)."""
    from famdesk.db import cipher
    from famdesk.db.backup import is_companion

    holding: list[Path] = []
    unknown: list[Path] = []
    folders = {backup_folder(ctx, default_folder), default_folder}
    for path in sorted(p for f in folders if f.is_dir() for p in f.iterdir() if p.is_file()):
        if path.name.endswith(".partial") or is_companion(path):
            continue
        key = None
        if cipher.is_encrypted_file(path):  # an encrypted database's backup: readable with the live key
            if is_encrypted(path) or ctx.db.key is None or not cipher.available() \
                    or not cipher.opens_with(path, ctx.db.key):
                unknown.append(path)
                continue
            key = ctx.db.key
        try:
            conn = cipher.connect(path, key, readonly=True)
            try:
                if conn.execute("SELECT 1 FROM family WHERE id = ?", (family_id,)).fetchone():
                    holding.append(path)
            finally:
                conn.close()
        except cipher.database_errors():
            continue
    return holding, unknown
