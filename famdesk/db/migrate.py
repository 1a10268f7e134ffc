"""Bring a database to the schema this famdesk knows: back up, refuse a newer schema, upgrade.

The refusal follows OpenLP's rule: a database whose revision we do not know was made by a newer
famdesk, and touching it could destroy data that version relies on; we leave it exactly as it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from famdesk.db import backup, backup_place
from famdesk.db.session import Database
from famdesk.domain.errors import DatabaseTooNewError, StorageError
from famdesk.i18n import _

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Upgrades are rare and each backup before one matters, so those are kept by count, not by date
# (daily start backups thin out: one a day for a week, then one a week for 26 weeks).
KEEP_UPGRADE_BACKUPS = 10
# The newest revision in migrations/versions (a test keeps it true). Knowing it without loading
# Alembic lets an up-to-date database open without importing Alembic at all: a faster start.
HEAD = "0012_audit_seal"


@dataclass
class MigrationResult:
    previous: str | None
    current: str
    backup_path: Path | None
    # Set when the director's backup folder could not be used and the backup went to the default
    # folder: the window and the command line tell the director (``backup_fallback.message()``).
    backup_fallback: backup_place.Fallback | None = None


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    return HEAD


def script_head() -> str | None:
    """The head according to the revision files (slow: loads Alembic)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def upgrade(db: Database, backup_dir: Path | None = None) -> MigrationResult:
    """Upgrade ``db`` to head. Backs up a SQLite file that holds data before changing its schema."""
    previous = current_revision(db)
    head = head_revision()
    if previous is not None and previous != head and previous not in known_revisions():
        raise DatabaseTooNewError(
            _("This database was made by a newer version of famdesk (schema {revision}). "
              "Install the newer famdesk to open it; nothing was changed.").format(revision=previous)
        )
    backup_path, fallback = None, None
    if db.is_sqlite and backup_dir is not None and _has_tables(db):
        chosen = backup_place.chosen_folder(db)
        backup_path, fallback = _start_backup(Path(db.sqlite_path or ""), backup_dir, chosen,
                                              upgrading=previous != head, previous=previous, key=db.key)
    if previous == head:
        return MigrationResult(previous, head, backup_path, fallback)
    from alembic import command

    _run_alembic(db, lambda cfg: command.upgrade(cfg, "head"))
    return MigrationResult(previous, head, backup_path, fallback)


def downgrade(db: Database, revision: str) -> None:
    """Take the schema back to ``revision`` (for developers and tests: famdesk itself never downgrades),
    with foreign keys off on SQLite as for upgrades, so batch rebuilds cascade into nothing."""
    from alembic import command

    _run_alembic(db, lambda cfg: command.downgrade(cfg, revision))


def _run_alembic(db: Database, run: Callable[[Config], None]) -> None:
    """An Alembic command on one connection of ``db``. On SQLite with foreign-key enforcement off: batch
    operations rebuild tables, and with enforcement on DROP TABLE would fire ON DELETE CASCADE into child
    tables (env.py runs foreign_key_check before each commit instead)."""
    cfg = alembic_config()
    with db.engine.connect() as conn:
        if db.is_sqlite:
            _raw_pragma(conn, "PRAGMA foreign_keys = OFF")
        cfg.attributes["connection"] = conn
        try:
            run(cfg)
        finally:
            if db.is_sqlite:
                _raw_pragma(conn, "PRAGMA foreign_keys = ON")


def _start_backup(source: Path, default: Path, chosen: Path | None, *, upgrading: bool, previous: str | None,
                  key: str | None = None) -> tuple[Path | None, backup_place.Fallback | None]:
    """Before an upgrade always; otherwise once a day on start, so a bad day can be undone.

    Into the director's folder when it can be written to; a missing stick or a failed write there
    falls back to the default folder (start-up must not fail for want of a USB stick), with a note.
    An encrypted database's backups are encrypted under its key (``key``), with its key file."""
    target = backup_place.place(chosen, default)
    try:
        path = _backup_into(source, target.folder, upgrading, previous, key)
        return path, target.fallback if path is not None else None  # no backup now: nothing to tell
    except (StorageError, OSError) as exc:
        if target.folder == default:
            raise
        fallback = backup_place.Fallback(target.folder, default, backup_place.FAILED, str(exc))
        return _backup_into(source, default, upgrading, previous, key), fallback


def _backup_into(source: Path, folder: Path, upgrading: bool, previous: str | None,
                 key: str | None = None) -> Path | None:
    if upgrading:
        name = backup.timestamped_name(f"before-upgrade-{previous or 'none'}")
        path = backup.backup_sqlite(source, folder / name, key)
        backup.rotate(folder, "before-upgrade", KEEP_UPGRADE_BACKUPS)
        return path
    today = dt.date.today()
    if any(folder.glob(f"on-start-{today:%Y%m%d}-*.sqlite3")):
        return None
    path = backup.backup_sqlite(source, folder / backup.timestamped_name("on-start"), key)
    backup.rotate_tiered(folder, "on-start", today)
    return path


def _has_tables(db: Database) -> bool:
    return bool(inspect(db.engine).get_table_names())


def _raw_pragma(conn: Connection, sql: str) -> None:
    """Run a PRAGMA outside any transaction (inside one, foreign_keys is silently ignored)."""
    if conn.in_transaction():
        conn.commit()
    conn.connection.dbapi_connection.execute(sql)  # type: ignore[union-attr]
