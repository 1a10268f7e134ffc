"""Replace the live SQLite file with a verified copy (encrypt, decrypt, restore under another key).

A stale ``-wal`` beside a swapped-in file would be replayed onto it and corrupt it, so the live file is
first taken out of WAL mode: SQLite allows that only when no other connection has the database open,
and doing it checkpoints the ``-wal`` and deletes the ``-wal`` and ``-shm`` files itself. Then the copy
is flushed to disk and renamed over the live file in one atomic step.
"""

from __future__ import annotations

from pathlib import Path

from famdesk.db import cipher
from famdesk.db.durable import replace_durably
from famdesk.domain.errors import StorageError
from famdesk.i18n import _

SIDE_FILES = ("-wal", "-shm")


def side_file(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def leave_wal(live: Path, key: str | None) -> None:
    """Checkpoint and leave WAL mode; refuse if another program still has the database open."""
    if not live.exists():
        return
    conn = cipher.connect(live, key, timeout=2)
    try:
        mode = str(conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]).lower()
    except cipher.database_errors() as exc:
        if "locked" not in str(exc) and "busy" not in str(exc):
            raise StorageError(_("The database could not be prepared for replacing: {detail}").format(
                detail=exc)) from exc
        mode = "locked"
    finally:
        conn.close()
    wal = side_file(live, "-wal")
    if mode != "delete" or (wal.exists() and wal.stat().st_size > 0):
        raise StorageError(_("Another program still has the database open, so it was not replaced. Close "
                             "every famdesk window and try again; nothing was changed."))
    for suffix in SIDE_FILES:
        side_file(live, suffix).unlink(missing_ok=True)


def replace_live(live: Path, live_key: str | None, copy: Path) -> None:
    """Swap ``copy`` in for ``live``. Every connection of this process must be closed first."""
    leave_wal(live, live_key)
    replace_durably(copy, live)
