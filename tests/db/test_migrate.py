"""Schema upgrades: from empty to head, refusal of newer schemas, backups before changes."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from sqlalchemy import inspect, text

from famdesk.app import open_database
from famdesk.db import migrate
from famdesk.db.session import Database
from famdesk.domain.errors import DatabaseTooNewError
from famdesk.paths import DATABASE_FILE


def test_empty_database_upgrades_to_head(opened) -> None:  # type: ignore[no-untyped-def]
    db = opened.ctx.db
    assert migrate.current_revision(db) == migrate.head_revision()
    tables = set(inspect(db.engine).get_table_names())
    assert {"family", "caregiver", "child", "classroom", "staff_member", "program", "site"} <= tables


def test_sqlite_pragmas_are_set(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    with sqlite_ctx.db.read() as s:
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_newer_database_is_refused_and_left_untouched(tmp_path) -> None:  # type: ignore[no-untyped-def]
    first = open_database(str(tmp_path))
    first.ctx.db.dispose()
    path = tmp_path / DATABASE_FILE
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(DatabaseTooNewError, match="newer version of famdesk"):
        open_database(str(tmp_path))
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "9999_from_the_future"
    conn.close()


def test_upgrade_backs_up_first(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A database at an older revision (here: tables from before famdesk stamped it) is backed up."""
    first = open_database(str(tmp_path))
    first.ctx.db.dispose()
    path = tmp_path / DATABASE_FILE
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE alembic_version")  # as if made before the current revision
    conn.execute("CREATE TABLE keepme (x INTEGER)")
    conn.execute("INSERT INTO keepme VALUES (42)")
    conn.commit()
    conn.close()
    db = Database.open(f"sqlite+pysqlite:///{path}")
    # Tables already exist, so upgrading from "nothing" must fail and roll back, after backing up.
    with pytest.raises(Exception):  # noqa: B017 - whichever DB error, the point is what is left behind
        migrate.upgrade(db, backup_dir=tmp_path / "backups")
    db.dispose()
    backups = list((tmp_path / "backups").glob("before-upgrade-none-*.sqlite3"))
    assert len(backups) == 1
    kept = sqlite3.connect(backups[0])
    assert kept.execute("SELECT x FROM keepme").fetchone()[0] == 42
    kept.close()
    # The failed upgrade ran in one transaction: the live file is exactly as it was.
    live = sqlite3.connect(path)
    assert live.execute("SELECT x FROM keepme").fetchone()[0] == 42
    assert live.execute("SELECT count(*) FROM sqlite_master WHERE name = 'alembic_version'").fetchone()[0] == 0
    live.close()


def test_daily_start_backup_is_verified(tmp_path) -> None:  # type: ignore[no-untyped-def]
    open_database(str(tmp_path)).ctx.db.dispose()
    open_database(str(tmp_path)).ctx.db.dispose()  # second start: the file now has data
    backups = list((tmp_path / "backups").glob("on-start-*.sqlite3"))
    assert len(backups) == 1
    conn = sqlite3.connect(backups[0])
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_head_constant_matches_revision_files() -> None:
    assert migrate.HEAD == migrate.script_head()


def test_up_to_date_start_does_not_load_alembic(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    open_database(str(tmp_path)).ctx.db.dispose()
    code = ("import sys; from famdesk.app import open_database; o = open_database(sys.argv[1]); "
            "print('alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
