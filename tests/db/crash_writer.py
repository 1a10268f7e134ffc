"""Helper process for test_crash_safety (not a test): writes batches, or migrates, until killed.

``write DB START``: forever, one transaction per batch of 3 setting rows; prints the batch number
after each commit. ``migrate DB KILL_AT``: upgrade a fresh database, SIGKILL-ing itself just before
SQL statement number KILL_AT (0 = never; prints the number of statements at the end).
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import event  # noqa: E402

from famdesk.db import migrate  # noqa: E402
from famdesk.db import models as m  # noqa: E402
from famdesk.db.engine import sqlite_url  # noqa: E402
from famdesk.db.session import Database  # noqa: E402

BATCH = 3


def write(path: str, start: int) -> None:
    db = Database.open(sqlite_url(Path(path)))
    print("ready", flush=True)
    i = start
    while True:
        with db.transaction() as s:
            for j in range(BATCH):
                s.add(m.Setting(key=f"crash-{i}-{j}", value={"batch": i, "pad": "x" * 200}))
        print(i, flush=True)
        i += 1


def migrate_and_die(path: str, kill_at: int) -> None:
    db = Database.open(sqlite_url(Path(path)))
    count = 0

    @event.listens_for(db.engine, "before_cursor_execute")
    def _count(*_args: object) -> None:
        nonlocal count
        count += 1
        if count == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    migrate.upgrade(db)
    print(count, flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2], int(sys.argv[3]))
    else:
        migrate_and_die(sys.argv[2], int(sys.argv[3]))
