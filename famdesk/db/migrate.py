"""Bring a database to the schema this famdesk knows: back up, refuse a newer schema, upgrade.

The refusal follows OpenLP's rule: a database whose revision we do not know was made by a newer
famdesk, and touching it could destroy data that version relies on; we leave it exactly as it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from famdesk.db import backup
from famdesk.db.session import Database
from famdesk.domain.errors import DatabaseTooNewError
from famdesk.i18n import _

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
KEEP_UPGRADE_BACKUPS = 10
KEEP_START_BACKUPS = 7
# The newest revision in migrations/versions (a test keeps it true). Knowing it without loading
# Alembic lets an up-to-date database open without importing Alembic at all: a faster start.
HEAD = "0010_observation_order"


@dataclass
class MigrationResult:
    previous: str | None
    current: str
    backup_path: Path | None


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
    backup_path = None
    if db.is_sqlite and backup_dir is not None and _has_tables(db):
        backup_path = _start_backup(Path(db.sqlite_path or ""), backup_dir, upgrading=previous != head,
                                    previous=previous)
    if previous == head:
        return MigrationResult(previous, head, backup_path)
    from alembic import command

    cfg = alembic_config()
    with db.engine.connect() as conn:
        if db.is_sqlite:
            # Batch operations rebuild tables; with enforcement on, DROP TABLE would fire ON DELETE
            # CASCADE into child tables. env.py runs foreign_key_check before each commit instead.
            _raw_pragma(conn, "PRAGMA foreign_keys = OFF")
        cfg.attributes["connection"] = conn
        try:
            command.upgrade(cfg, "head")
        finally:
            if db.is_sqlite:
                _raw_pragma(conn, "PRAGMA foreign_keys = ON")
    return MigrationResult(previous, head, backup_path)


def _start_backup(source: Path, folder: Path, *, upgrading: bool, previous: str | None) -> Path | None:
    """Before an upgrade always; otherwise once a day on start, so a bad day can be undone."""
    if upgrading:
        name = backup.timestamped_name(f"before-upgrade-{previous or 'none'}")
        path = backup.backup_sqlite(source, folder / name)
        backup.rotate(folder, "before-upgrade", KEEP_UPGRADE_BACKUPS)
        return path
    today = dt.date.today().strftime("%Y%m%d")
    if any(folder.glob(f"on-start-{today}-*.sqlite3")):
        return None
    path = backup.backup_sqlite(source, folder / backup.timestamped_name("on-start"))
    backup.rotate(folder, "on-start", KEEP_START_BACKUPS)
    return path


def _has_tables(db: Database) -> bool:
    return bool(inspect(db.engine).get_table_names())


def _raw_pragma(conn: Connection, sql: str) -> None:
    """Run a PRAGMA outside any transaction (inside one, foreign_keys is silently ignored)."""
    if conn.in_transaction():
        conn.commit()
    conn.connection.dbapi_connection.execute(sql)  # type: ignore[union-attr]
